"""Demo complaints, so that every role has work: one taken up and waiting for the demo provider's
answer, one answered and waiting for the officer's decision, one just received, and one upheld with
the provider's payouts frozen (the provider whose payouts the vouchers demo froze, so the freeze
linked is that one and the demo's payment batch is not stopped). Runs after the vouchers and
evaluations demos, through the real services; a second run adds nothing."""

from __future__ import annotations

from collections.abc import Iterator

from kierunek.accounts.demo import DEMO_DOMAIN, demo_email
from kierunek.accounts.models import Role, User
from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.core.actor import Actor
from kierunek.providers.models import Provider
from kierunek.vouchers.models import Booking, PayoutFreeze

from . import services
from .models import Complaint
from .vouchers_hooks import COMPLAINABLE

UNITS = 4


def planned(size: str) -> int:
    return UNITS


def _staff_of(provider: Provider) -> User | None:
    member = provider.members.select_related("user").order_by("-is_owner", "pk").first()
    return member.user if member is not None else None


def _card_of(provider: Provider | None) -> ServiceCard | None:
    if provider is None:
        return None
    return ServiceCard.objects.filter(provider=provider, status=CardStatus.PUBLISHED).order_by("pk").first()


def _public(card: ServiceCard, name: str, subject: str, description: str) -> Complaint:
    local = name.lower().replace(" ", ".").replace("ł", "l").replace("ń", "n")
    return services.complaint_file_about_card(
        actor=Actor(),
        card_id=card.pk,
        name=name,
        email=f"{local}@{DEMO_DOMAIN}",
        about="service",
        subject=subject,
        description=description,
    ).complaint


def seed(*, size: str) -> Iterator[str]:
    officer = User.objects.filter(email=demo_email(Role.OFFICER), role=Role.OFFICER).first()
    staff = User.objects.filter(email=demo_email(Role.PROVIDER_STAFF), role=Role.PROVIDER_STAFF).first()
    participant = User.objects.filter(email=demo_email(Role.PARTICIPANT), role=Role.PARTICIPANT).first()
    provider = Provider.objects.filter(members__user=staff).first() if staff else None
    card = _card_of(provider)
    if officer is None or staff is None or provider is None or card is None or Complaint.objects.exists():
        yield from ("skipped",) * UNITS
        return
    as_officer, as_staff = Actor.of(officer), Actor.of(staff)

    # 1. Taken up, waiting for the demo provider's answer: the demo participant's own booking if
    # they have one the provider accepted, else a complaint from the card page.
    booking = (
        Booking.objects.filter(participant=participant, status__in=COMPLAINABLE).order_by("pk").first()
        if participant
        else None
    )
    if booking is not None:
        waiting = services.complaint_file_about_booking(
            actor=Actor.of(participant),
            booking_id=booking.pk,
            about="provider",
            subject="Zmiana terminu zajęć bez uprzedzenia",
            description="Instytucja przesunęła zajęcia o tydzień, informując mnie dzień wcześniej.",
        )
    else:
        waiting = _public(
            card,
            "Anna Nowak",
            "Zmiana terminu zajęć bez uprzedzenia",
            "Instytucja przesunęła zajęcia o tydzień, informując mnie dzień wcześniej.",
        )
    services.complaint_take(complaint_id=waiting.pk, actor=as_officer)
    yield "waiting for the provider"

    # 2. Answered by the provider, waiting for the officer's decision.
    answered = _public(
        card,
        "Piotr Wiśniewski",
        "Brak materiałów szkoleniowych",
        "Na zajęciach nie otrzymaliśmy obiecanych w karcie usługi materiałów.",
    )
    services.complaint_take(complaint_id=answered.pk, actor=as_officer)
    services.complaint_answer(
        complaint_id=answered.pk,
        actor=as_staff,
        answer="Materiały wysłaliśmy uczestnikom e-mailem po zajęciach; przesyłamy je ponownie.",
    )
    yield "answered"

    # 3. Just received: the officer takes it up.
    _public(card, "Ewa Zielińska", "Sala bez dostępu dla wózka", "Sala jest na piętrze bez windy.")
    yield "received"

    # 4. Upheld, the provider's payouts frozen (the provider the vouchers demo froze, if any).
    frozen = PayoutFreeze.objects.filter(lifted_at__isnull=True).select_related("provider").first()
    upheld_card = _card_of(frozen.provider if frozen else None)
    if frozen is None or upheld_card is None:
        yield "skipped"
        return
    upheld = _public(
        upheld_card,
        "Tomasz Kowalczyk",
        "Szkolenie się nie odbyło",
        "Zajęcia zostały odwołane, a instytucja nie odpowiada na wiadomości.",
    )
    services.complaint_take(complaint_id=upheld.pk, actor=as_officer)
    services.complaint_decide(
        complaint_id=upheld.pk,
        actor=as_officer,
        upheld=True,
        reason="Instytucja nie przeprowadziła zajęć i nie udzieliła odpowiedzi w terminie.",
    )
    services.complaint_payout_freeze(complaint_id=upheld.pk, actor=as_officer)
    yield "upheld and frozen"
