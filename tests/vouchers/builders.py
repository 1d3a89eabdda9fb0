"""Builders for the vouchers tests, through the real services: a participant with a signed plan
(guidance), an issued voucher account, a bookable service of a provider that meets the quality
requirement and has an approved bank account, and bookings taken along their lifecycle."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.evaluations import services as evaluation_services
from kierunek.programmes.models import Package
from kierunek.providers.models import BankAccount, BankAccountStatus, Certificate, CertificateKind
from kierunek.vouchers import services
from kierunek.vouchers.models import Booking, VoucherAccount
from tests.accounts.factories import StaffUserFactory
from tests.agreements import builders as agreements
from tests.catalogue.factories import ServiceCardFactory
from tests.guidance.builders import signed_balance
from tests.programmes.helpers import demo_programme
from tests.providers.factories import ProviderFactory, provider_staff_of

_keys = itertools.count(1)
IBAN = "PL61109010140000071219812874"
SCORES = {"content": 5, "trainer": 4, "organisation": 5, "usefulness": 4}


def key(prefix: str = "test") -> str:
    return f"{prefix}-{next(_keys)}-{timezone.now().timestamp()}"


def operator(**kwargs):
    return StaffUserFactory(role=Role.FINANCIAL_OPERATOR, **kwargs)


def officer(**kwargs):
    return StaffUserFactory(role=Role.OFFICER, **kwargs)


def participant_with_plan(package_kind: str = "general"):
    """A participant whose signed development plan has an area of ``package_kind``, who accepted
    the programme's participation agreement."""
    balance = signed_balance()
    balance.plan.areas.update(package_kind=package_kind)
    agreements.participation_accepted(balance.participant)  # vouchers are issued only under it
    return balance.participant


def package(kind: str = "general") -> Package:
    return Package.objects.get(programme=demo_programme(), kind=kind)


def contribution_paid(order, *, by=None, booked_on: date | None = None):
    """The order's own contribution recorded as received by an operator (the real path), when one
    is due; an exempt one is left as it is."""
    contribution = order.contribution
    if contribution.status != "due":
        return contribution
    return services.contribution_payment_record(
        actor=Actor.of(by or operator()),
        contribution=contribution,
        amount=contribution.amount,
        booked_on=booked_on or timezone.localdate(),
        bank_reference=key("bank"),
    )


def issued_account(participant=None, *, kind: str = "general", issuer=None) -> VoucherAccount:
    if participant is None:
        participant = participant_with_plan(kind)
    else:  # vouchers are issued only under the participant's accepted agreement
        agreements.participation_accepted(participant)
    order = services.order_create(actor=Actor.of(participant), package_id=package(kind).pk)
    contribution_paid(order)
    return services.order_issue(
        order_id=order.pk, actor=Actor.of(issuer or operator()), idempotency_key=key("issue")
    )


def quality_provider(*, agreement: bool = True, **kwargs):
    """An approved provider with a valid certificate (meets the quality requirement), an
    approved bank account and the programme's agreement in force."""
    provider = ProviderFactory(**kwargs)
    owner = provider_staff_of(provider)
    Certificate.objects.create(
        provider=provider,
        kind=CertificateKind.ISO_9001,
        number="ISO-1",
        issuer="Certyfikacja",
        valid_from=date(2024, 1, 1),
        scan=ContentFile(b"%PDF-1.4", name="iso.pdf"),
        scan_kind="pdf",
        uploaded_by=owner,
    )
    BankAccount.objects.create(
        provider=provider,
        iban=IBAN,
        holder_name=provider.legal_name,
        status=BankAccountStatus.ACTIVE,
        requested_by=owner,
        decided_by=officer(),
        decided_at=timezone.now(),
    )
    if agreement:  # booked with vouchers only under an agreement in force
        agreements.provider_in_force(provider)
    return provider


def agreement_in_force(provider):
    """The programme's agreement of an (approved) provider, accepted and countersigned."""
    return agreements.provider_in_force(provider)


def card(provider=None, **kwargs):
    """A published language course (16 hours, 1 230 zł): 32 vouchers under the rule in force
    since 1.07.2026 (2 vouchers an hour for languages)."""
    return ServiceCardFactory(provider=provider or quality_provider(), **kwargs)


def book(voucher_account: VoucherAccount, service=None, **kwargs) -> Booking:
    service = service or card()
    created = services.booking_create(
        actor=Actor.of(voucher_account.participant),
        card_id=service.pk,
        voucher_account_id=voucher_account.pk,
        idempotency_key=kwargs.pop("idempotency_key", key("book")),
        **kwargs,
    )
    return created.booking


def staff_of(booking: Booking):
    return provider_staff_of(booking.provider)


def accepted(booking: Booking) -> Booking:
    return services.booking_accept(booking_id=booking.pk, actor=Actor.of(staff_of(booking)))


def completed(booking: Booking) -> Booking:
    """Accepted, attendance recorded at every session, completion reported (on the service's
    last day)."""
    if booking.status == "requested":
        accepted(booking)
    sessions = {s.pk: True for s in booking.card.sessions.all()}
    day = booking.card.ends_on
    services.attendance_record(
        booking_id=booking.pk, actor=Actor.of(staff_of(booking)), present=sessions, on=day
    )
    return services.booking_report(
        booking_id=booking.pk,
        actor=Actor.of(staff_of(booking)),
        result="completed",
        certificate_number="C-1",
        on=day,
    )


def confirmed_and_evaluated(booking: Booking) -> Booking:
    if booking.status != "completed":
        completed(booking)
    services.attendance_confirm(booking_id=booking.pk, actor=Actor.of(booking.participant))
    evaluation_services.evaluation_submit(
        booking_id=booking.pk, actor=Actor.of(booking.participant), scores=SCORES, comment="Dobre zajęcia."
    )
    booking.refresh_from_db()
    return booking


def settle(booking: Booking, actor=None, on: date | None = None):
    return services.settlement_run(
        programme_id=booking.voucher_account.programme_id,
        actor=Actor.of(actor or operator()),
        idempotency_key=key("settle"),
        booking_ids=[booking.pk],
        on=on,
    )


def later(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


# --- what the operator's pages and API start from --------------------------------------------


def ordered():
    """A voucher order of the general package, waiting to be issued."""
    participant = participant_with_plan("general")
    return services.order_create(actor=Actor.of(participant), package_id=package("general").pk)


def settled_booking() -> Booking:
    """A booking delivered, confirmed, evaluated and settled: the provider has a receivable."""
    booking = confirmed_and_evaluated(book(issued_account()))
    assert settle(booking).settled == 1
    booking.refresh_from_db()
    return booking


def batch_for(booking: Booking, builder):
    """The payment batch of what is owed in ``booking``'s programme, built by ``builder`` for the
    bank to execute today (so that it can be marked paid at once)."""
    batch = services.batch_build(
        programme_id=booking.voucher_account.programme_id,
        actor=Actor.of(builder),
        idempotency_key=key("batch"),
        execution_date=timezone.localdate(),
    )
    assert batch is not None
    return batch


def built_batch(builder):
    """A payment batch of one settled booking, built by ``builder``."""
    return batch_for(settled_booking(), builder)


_statements = itertools.count(1)
PAYER_IBAN = "PL27114020040000300201355387"


def bank_entries(batch, *, skip: int = 0, on: date | None = None):
    """The bank's debits of the batch's transfers (all but the last ``skip``), as a statement
    carries them."""
    from kierunek.vouchers.statement_samples import batch_debits

    return batch_debits(batch, booked_on=on or timezone.localdate(), skip=skip)


def statement_of(entries, *, on: date | None = None, statement_id: str | None = None) -> bytes:
    from kierunek.vouchers.statement_samples import camt053

    return camt053(
        statement_id=statement_id or f"TEST-{next(_statements):05d}",
        account=PAYER_IBAN,
        entries=entries,
        on=on or timezone.localdate(),
    )


def bank_confirms(batch, uploader=None, *, on: date | None = None):
    """The bank's statement with every transfer of the batch, uploaded by a financial operator:
    the batch becomes paid through the matching (the only way it does)."""
    actor = Actor.of(uploader or operator())
    result = services.statement_upload(
        actor=actor, content=statement_of(bank_entries(batch, on=on), on=on), filename="wyciag.xml"
    )
    batch.refresh_from_db()
    return result


def paid(batch):
    """``batch`` approved by a second operator, sent, and paid by the bank's statement."""
    services.batch_approve(batch_id=batch.pk, actor=Actor.of(operator()))
    services.batch_mark_sent(batch_id=batch.pk, actor=Actor.of(batch.built_by))
    bank_confirms(batch)
    return batch
