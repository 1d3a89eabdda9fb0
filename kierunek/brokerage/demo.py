"""Demo brokerage: the demo broker holds mandates from several participants of the vouchers demo:
the demo participant's (propose and book, each booking confirmed by them: a proposal waits on
their page), a second participant's that allows booking directly (the broker booked a service on
their behalf: the act is on that participant's page), an expired one and a revoked one. The broker
registered a person who could not do it alone (a demo consent letter; the letter with the first
password is left for the broker to print). The office's signals page shows the demo broker's
group: every booking of these participants was made minutes after their accounts were opened
(the seeding opens and books at once), the pattern of accounts made to be booked by someone else.

Runs after the vouchers demo (INSTALLED_APPS order), through the real services; the only rows
written directly are the dates of the expired mandate (no service grants a mandate in the past).
Deterministic and idempotent: a second run finds the demo broker's mandates and adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kierunek.accounts.demo import DEMO_DOMAIN, demo_email
from kierunek.accounts.models import Role, User
from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.core.actor import Actor
from kierunek.core.pdf import render_pdf
from kierunek.vouchers.models import Booking, VoucherAccount

from . import services
from .models import Mandate

UNITS = 5
REGISTERED_EMAIL = f"zofia.pomocna@{DEMO_DOMAIN}"


def planned(size: str) -> int:
    return UNITS


def _participants_with_vouchers() -> list[tuple[User, VoucherAccount]]:
    today = timezone.localdate()
    accounts = (
        VoucherAccount.objects.filter(expired_at__isnull=True, expires_on__gte=today)
        .select_related("participant")
        .order_by("issued_at", "pk")
    )
    seen: dict[int, tuple[User, VoucherAccount]] = {}
    for account in accounts:
        seen.setdefault(account.participant_id, (account.participant, account))
    demo = demo_email(Role.PARTICIPANT)
    return sorted(seen.values(), key=lambda pair: (pair[0].email != demo, pair[0].pk))


def _bookable_cards(participant: User) -> list[ServiceCard]:
    today = timezone.localdate()
    booked = Booking.objects.filter(participant=participant).values_list("card_id", flat=True)
    providers = Booking.objects.values_list("provider_id", flat=True).distinct()
    return list(
        ServiceCard.objects.filter(
            status=CardStatus.PUBLISHED,
            provider_id__in=list(providers),
            starts_on__gte=today + timedelta(days=7),
            enrolment_deadline__gte=today,
            hours__lte=20,
        )
        .exclude(pk__in=list(booked))
        .order_by("starts_on", "pk")[:10]
    )


def _grant(participant: User, broker: User, days: int, **scope: bool) -> Mandate:
    return services.mandate_grant(
        actor=Actor.of(participant),
        broker_id=broker.pk,
        valid_until=timezone.localdate() + timedelta(days=days),
        propose=scope.get("propose", False),
        book=scope.get("book", False),
        portfolio=scope.get("portfolio", False),
        book_without_confirmation=scope.get("book_without_confirmation", False),
    )


def seed(*, size: str) -> Iterator[str]:
    broker = User.objects.filter(email=demo_email(Role.BROKER), role=Role.BROKER).first()
    people = _participants_with_vouchers()
    if broker is None or len(people) < 3 or Mandate.objects.filter(broker=broker).exists():
        yield from ("skipped",) * UNITS
        return
    (first, first_account), (second, second_account), (third, _third_account) = people[:3]

    # The demo participant: proposals the participant confirms from their own login.
    _grant(first, broker, 180, propose=True, book=True, portfolio=True)
    for card in _bookable_cards(first)[:2]:
        try:
            services.proposal_make(
                actor=Actor.of(broker),
                participant_id=first.pk,
                card_id=card.pk,
                voucher_account_id=first_account.pk,
                note="Termin pasuje do planu; proszę potwierdzić, jeśli odpowiada (dane demonstracyjne).",
            )
        except (ValidationError, PermissionDenied):
            continue
    yield "proposals"

    # A participant who lets the broker book directly: one booking made on their behalf.
    _grant(second, broker, 90, book=True, book_without_confirmation=True)
    for card in _bookable_cards(second):
        try:
            services.booking_for(
                actor=Actor.of(broker),
                participant_id=second.pk,
                card_id=card.pk,
                voucher_account_id=second_account.pk,
                idempotency_key="demo-brokerage-direct-booking",
            )
        except (ValidationError, PermissionDenied):
            continue
        break
    yield "direct booking"

    # An expired mandate and a revoked one.
    expired = _grant(third, broker, 30, propose=True)
    today = timezone.localdate()
    Mandate.objects.filter(pk=expired.pk).update(
        valid_from=today - timedelta(days=120), valid_until=today - timedelta(days=30)
    )
    revoked = _grant(third, broker, 60, propose=True, portfolio=True)
    services.mandate_revoke(actor=Actor.of(third), mandate_id=revoked.pk)
    yield "expired and revoked"

    # An assisted registration with the person's signed consent (a demo document).
    if not User.objects.filter(email=REGISTERED_EMAIL).exists():
        consent = render_pdf(
            title="Zgoda na rejestrację z pomocą brokera (dokument demonstracyjny)",
            meta={"Osoba": "Zofia Pomocna", "Broker": broker.get_full_name()},
            sections=[
                (
                    "Oświadczenie",
                    [
                        "Wyrażam zgodę, aby broker edukacyjny założył mi konto w programie Kierunek "
                        "i przekazał mi pierwsze hasło listem.",
                        "Podpis: Zofia Pomocna (dane demonstracyjne)",
                    ],
                )
            ],
        )
        services.person_register(
            actor=Actor.of(broker),
            email=REGISTERED_EMAIL,
            first_name="Zofia",
            last_name="Pomocna",
            consent=SimpleUploadedFile("zgoda.pdf", consent, content_type="application/pdf"),
        )
    yield "assisted registration"
    yield "signals"
