"""The lifecycles of this context, each declared once with the kit (:mod:`kierunek.core.workflow`):
bookings, voucher orders and payment batches. Services move these objects only with
``<WORKFLOW>.apply(obj, name, actor=actor, ...)``.

The pure state names stay in :mod:`kierunek.vouchers.domain`; what follows for the reserved
vouchers when a booking reaches a state (release, receivable, clawback) is the services' work."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role
from kierunek.core.workflow import SYSTEM_ROLE, Applied, Notification, Transition, Workflow
from kierunek.providers.selectors import active_officers, provider_staff_users

from . import domain
from .audit_actions import (
    VOUCHERS_BATCH_APPROVED,
    VOUCHERS_BATCH_CANCELLED,
    VOUCHERS_BATCH_PAID,
    VOUCHERS_BATCH_SENT,
    VOUCHERS_BOOKING_ACCEPTED,
    VOUCHERS_BOOKING_CANCELLED,
    VOUCHERS_BOOKING_CLAWED_BACK,
    VOUCHERS_BOOKING_CONFIRMED_BY_OFFICER,
    VOUCHERS_BOOKING_DEEMED_CONFIRMED,
    VOUCHERS_BOOKING_DISOWNED,
    VOUCHERS_BOOKING_DISPUTED,
    VOUCHERS_BOOKING_FOUND_NOT_DELIVERED,
    VOUCHERS_BOOKING_LAPSED,
    VOUCHERS_BOOKING_NOT_DELIVERED,
    VOUCHERS_BOOKING_RATING_CLOSED,
    VOUCHERS_BOOKING_REFERRED,
    VOUCHERS_BOOKING_REJECTED,
    VOUCHERS_BOOKING_REPORTED,
    VOUCHERS_BOOKING_RESTORED,
    VOUCHERS_BOOKING_SETTLED,
    VOUCHERS_BOOKING_VOIDED,
    VOUCHERS_CONTRIBUTION_CANCELLED,
    VOUCHERS_CONTRIBUTION_LAPSED,
    VOUCHERS_CONTRIBUTION_PAID,
    VOUCHERS_CONTRIBUTION_PAID_LATE,
    VOUCHERS_CONTRIBUTION_REFUNDED,
    VOUCHERS_ORDER_ISSUED,
    VOUCHERS_ORDER_LAPSED,
    VOUCHERS_ORDER_REFUSED,
    VOUCHERS_STATEMENT_ENTRY_IGNORED,
    VOUCHERS_STATEMENT_ENTRY_MATCHED,
    VOUCHERS_STATEMENT_ENTRY_RESOLVED,
)
from .models import (
    BatchStatus,
    Booking,
    BookingEvent,
    BookingStatus,
    Contribution,
    ContributionStatus,
    EntryState,
    OrderStatus,
    PaymentBatch,
    StatementEntry,
    VoucherOrder,
)

PARTICIPANT = Role.PARTICIPANT.value
PROVIDER_STAFF = Role.PROVIDER_STAFF.value
OFFICER = Role.OFFICER.value
FINANCIAL_OPERATOR = Role.FINANCIAL_OPERATOR.value


# --- bookings ---------------------------------------------------------------------------------


def _booking_event(applied: Applied) -> None:
    """The booking's own history row: from which state to which, who, and why."""
    BookingEvent.objects.create(
        booking=applied.obj,
        status_from=applied.source,
        status_to=applied.transition.target,
        actor=applied.actor.user,
        note=applied.note,
    )


def _booking_refusal(booking: Any, transition: Transition, state: str) -> Any:
    return _("This booking is %(status)s: that cannot be done now.") % {
        "status": BookingStatus(state).label if state in BookingStatus.values else state
    }


def _last_note(booking: Booking) -> str:
    """The note of the transition just taken (the history row is written before the e-mail)."""
    event = booking.events.order_by("-pk").first()
    return event.note if event is not None else ""


def _to_participant(booking: Booking) -> list[Any]:
    return [booking.participant]


def _to_provider(booking: Booking) -> Any:
    return provider_staff_users(provider=booking.provider)


def _to_officers(booking: Booking) -> Any:
    return active_officers()


def _booking(booking: Booking) -> dict[str, Any]:
    return {"booking": booking}


def _booking_with_reason(booking: Booking) -> dict[str, Any]:
    return {"booking": booking, "reason": _last_note(booking)}


_REPORTED = Notification(
    subject=gettext_noop("Confirm your attendance and rate the service"),
    template="vouchers/email/reported.txt",
    recipients=_to_participant,
    context=_booking,
)
_REPORT_SOURCES = {domain.ACCEPTED}
_CONFIRMATION_CLOSED = Notification(
    subject=gettext_noop("The time to confirm your attendance has passed"),
    template="vouchers/email/confirmation_closed.txt",
    recipients=_to_participant,
    context=_booking,
)

BOOKING = Workflow(
    name="vouchers.booking",
    model=Booking,
    states=dict(BookingStatus.choices),
    history=_booking_event,
    refusal=_booking_refusal,
    transitions=[
        Transition(
            "accept",
            {domain.REQUESTED},
            domain.ACCEPTED,
            roles={PROVIDER_STAFF},
            label=_("accept the booking"),
            audit_action=VOUCHERS_BOOKING_ACCEPTED,
            notification=Notification(
                subject=gettext_noop("Your booking was accepted"),
                template="vouchers/email/status.txt",
                recipients=_to_participant,
                context=_booking,
            ),
        ),
        Transition(
            "reject",
            {domain.REQUESTED},
            domain.REJECTED,
            roles={PROVIDER_STAFF},
            label=_("reject the booking"),
            audit_action=VOUCHERS_BOOKING_REJECTED,
            notification=Notification(
                subject=gettext_noop("Your booking was rejected"),
                template="vouchers/email/status.txt",
                recipients=_to_participant,
                context=_booking_with_reason,
            ),
        ),
        Transition(
            "lapse",
            {domain.REQUESTED},
            domain.LAPSED,
            roles={SYSTEM_ROLE},
            label=_("cancel the booking the provider did not answer in time"),
            audit_action=VOUCHERS_BOOKING_LAPSED,
            notification=Notification(
                subject=gettext_noop("Your booking was cancelled: the provider did not answer in time"),
                template="vouchers/email/status.txt",
                recipients=_to_participant,
                context=_booking,
            ),
        ),
        Transition(
            "cancel",
            {domain.REQUESTED, domain.ACCEPTED},
            domain.CANCELLED,
            roles={PARTICIPANT},
            label=_("cancel the booking"),
            audit_action=VOUCHERS_BOOKING_CANCELLED,
            notification=Notification(
                subject=gettext_noop("A booking was cancelled"),
                template="vouchers/email/provider_status.txt",
                recipients=_to_provider,
                context=_booking,
            ),
        ),
        # "This was not me": whoever holds the e-mailed link, signed in or not.
        Transition(
            "disown",
            {domain.REQUESTED, domain.ACCEPTED, domain.COMPLETED},
            domain.FROZEN,
            roles={SYSTEM_ROLE, *Role.values},
            label=_("report the booking as not made by you"),
            audit_action=VOUCHERS_BOOKING_DISOWNED,
            notification=Notification(
                subject=gettext_noop("A booking was reported as not made by the participant"),
                template="vouchers/email/officer_frozen.txt",
                recipients=_to_officers,
                context=_booking,
            ),
        ),
        Transition(
            "dispute",
            {domain.COMPLETED},
            domain.FROZEN,
            roles={PARTICIPANT},
            label=_("dispute the booking"),
            audit_action=VOUCHERS_BOOKING_DISPUTED,
            notification=Notification(
                subject=gettext_noop("A participant disputes a booking"),
                template="vouchers/email/officer_frozen.txt",
                recipients=_to_officers,
                context=_booking,
            ),
        ),
        Transition(
            "complete",
            _REPORT_SOURCES,
            domain.COMPLETED,
            roles={PROVIDER_STAFF},
            label=_("report the service completed"),
            audit_action=VOUCHERS_BOOKING_REPORTED,
            notification=_REPORTED,
        ),
        Transition(
            "not_complete",
            _REPORT_SOURCES,
            domain.NOT_COMPLETED,
            roles={PROVIDER_STAFF},
            label=_("report the service not completed"),
            audit_action=VOUCHERS_BOOKING_REPORTED,
            notification=_REPORTED,
        ),
        Transition(
            "no_show",
            _REPORT_SOURCES,
            domain.NO_SHOW,
            roles={PROVIDER_STAFF},
            label=_("report that the participant did not attend"),
            audit_action=VOUCHERS_BOOKING_REPORTED,
            notification=_REPORTED,
        ),
        Transition(
            "not_deliver",
            {domain.ACCEPTED},
            domain.NOT_DELIVERED,
            roles={SYSTEM_ROLE},
            label=_("close the booking whose result was not reported in time"),
            audit_action=VOUCHERS_BOOKING_NOT_DELIVERED,
        ),
        # After the confirmation rule's deadlines (``services.deadlines``): the state stays
        # completed and the outcome is recorded, so settlement takes it without a rating ...
        Transition(
            "deem_confirmed",
            {domain.COMPLETED},
            domain.COMPLETED,
            roles={SYSTEM_ROLE},
            label=_("count the service as confirmed: the participant did not confirm it in time"),
            audit_action=VOUCHERS_BOOKING_DEEMED_CONFIRMED,
            notification=_CONFIRMATION_CLOSED,
        ),
        Transition(
            "close_rating",
            {domain.COMPLETED},
            domain.COMPLETED,
            roles={SYSTEM_ROLE},
            label=_("settle the confirmed service without a rating: it was not rated in time"),
            audit_action=VOUCHERS_BOOKING_RATING_CLOSED,
        ),
        # ... or, as the rule may say, an officer decides: delivered (settled without a rating)
        # or not (the vouchers return to the participant).
        Transition(
            "refer",
            {domain.COMPLETED},
            domain.UNCONFIRMED,
            roles={SYSTEM_ROLE},
            label=_("send the service not confirmed in time to an officer"),
            audit_action=VOUCHERS_BOOKING_REFERRED,
            notification=_CONFIRMATION_CLOSED,
        ),
        Transition(
            "officer_confirm",
            {domain.UNCONFIRMED},
            domain.COMPLETED,
            roles={OFFICER},
            label=_("confirm the service for settlement"),
            audit_action=VOUCHERS_BOOKING_CONFIRMED_BY_OFFICER,
        ),
        Transition(
            "officer_not_delivered",
            {domain.UNCONFIRMED},
            domain.NOT_DELIVERED,
            roles={OFFICER},
            label=_("close the service as not delivered and return the vouchers"),
            audit_action=VOUCHERS_BOOKING_FOUND_NOT_DELIVERED,
            notification=Notification(
                subject=gettext_noop("An officer found your service not delivered"),
                template="vouchers/email/confirmation_closed.txt",
                recipients=_to_participant,
                context=_booking,
            ),
        ),
        # Settlement moves thousands of bookings at once: it settles them in bulk (one statement
        # per chunk, ``services.settlement``), taking exactly this step (completed -> settled) and
        # writing the same history rows; the run is audited once, not each booking.
        Transition(
            "settle",
            {domain.COMPLETED},
            domain.SETTLED,
            roles={FINANCIAL_OPERATOR, SYSTEM_ROLE},
            label=_("settle the booking"),
            audit_action=VOUCHERS_BOOKING_SETTLED,
        ),
        Transition(
            "clawback",
            {domain.SETTLED},
            domain.CLAWED_BACK,
            roles={OFFICER},
            label=_("claw back the payment for the booking"),
            audit_action=VOUCHERS_BOOKING_CLAWED_BACK,
            notification=Notification(
                subject=gettext_noop("A settled booking was clawed back"),
                template="vouchers/email/provider_status.txt",
                recipients=_to_provider,
                context=_booking_with_reason,
            ),
        ),
        # An officer ends a frozen booking (the reservation is released) ...
        Transition(
            "void",
            {domain.FROZEN},
            domain.CANCELLED,
            roles={OFFICER},
            label=_("void the booking"),
            audit_action=VOUCHERS_BOOKING_VOIDED,
        ),
        # ... or finds it genuine and restores the state it was frozen in.
        *(
            Transition(
                f"restore_{state}",
                {domain.FROZEN},
                state,
                roles={OFFICER},
                label=_("restore the booking"),
                audit_action=VOUCHERS_BOOKING_RESTORED,
            )
            for state in (domain.REQUESTED, domain.ACCEPTED, domain.COMPLETED)
        ),
    ],
)

# --- voucher orders -----------------------------------------------------------------------------


ORDER = Workflow(
    name="vouchers.order",
    model=VoucherOrder,
    states=dict(OrderStatus.choices),
    transitions=[
        Transition(
            "issue",
            {OrderStatus.ORDERED},
            OrderStatus.ISSUED,
            roles={FINANCIAL_OPERATOR},
            label=_("issue the vouchers"),
            audit_action=VOUCHERS_ORDER_ISSUED,
            notification=Notification(
                subject=gettext_noop("Your vouchers have been issued"),
                template="vouchers/email/issued.txt",
                recipients=lambda order: [order.participant],
                context=lambda order: {"voucher_account": order.voucher_account},
            ),
        ),
        Transition(
            "refuse",
            {OrderStatus.ORDERED},
            OrderStatus.REFUSED,
            roles={FINANCIAL_OPERATOR},
            label=_("refuse the order"),
            audit_action=VOUCHERS_ORDER_REFUSED,
            notification=Notification(
                subject=gettext_noop("Your voucher order was refused"),
                template="vouchers/email/refused.txt",
                recipients=lambda order: [order.participant],
                context=lambda order: {"order": order},
            ),
        ),
        # The own contribution was not paid by its deadline (the daily task): the package is free
        # to be ordered again.
        Transition(
            "lapse",
            {OrderStatus.ORDERED},
            OrderStatus.LAPSED,
            roles={SYSTEM_ROLE},
            label=_("let the order lapse"),
            audit_action=VOUCHERS_ORDER_LAPSED,
            notification=Notification(
                subject=gettext_noop("Your voucher order has lapsed"),
                template="vouchers/email/order_lapsed.txt",
                recipients=lambda order: [order.participant],
                context=lambda order: {"order": order, "contribution": order.contribution},
            ),
        ),
    ],
)


# --- own contributions --------------------------------------------------------------------------

C = ContributionStatus


def _to_payer(contribution: Contribution) -> list[Any]:
    return [contribution.participant]


def _contribution(contribution: Contribution) -> dict[str, Any]:
    return {"contribution": contribution, "order": contribution.order}


# Created due (or exempt: nothing to pay) with the order. Payment is recorded by the operator, or by
# the bank statement's matching (the system); a refund is the operator's act.
CONTRIBUTION = Workflow(
    name="vouchers.contribution",
    model=Contribution,
    states=dict(ContributionStatus.choices),
    transitions=[
        Transition(
            "pay",
            {C.DUE},
            C.PAID,
            roles={FINANCIAL_OPERATOR, SYSTEM_ROLE},
            label=_("record the contribution as received"),
            audit_action=VOUCHERS_CONTRIBUTION_PAID,
            notification=Notification(
                subject=gettext_noop("We have received your own contribution"),
                template="vouchers/email/contribution_paid.txt",
                recipients=_to_payer,
                context=_contribution,
            ),
        ),
        Transition(
            "lapse",
            {C.DUE},
            C.LAPSED,
            roles={SYSTEM_ROLE},
            label=_("close the unpaid contribution"),
            audit_action=VOUCHERS_CONTRIBUTION_LAPSED,
        ),
        Transition(
            "pay_late",
            {C.LAPSED, C.CANCELLED},
            C.PAID_LATE,
            roles={FINANCIAL_OPERATOR, SYSTEM_ROLE},
            label=_("record the contribution as received after the order ended"),
            audit_action=VOUCHERS_CONTRIBUTION_PAID_LATE,
        ),
        Transition(
            "cancel",
            {C.DUE},
            C.CANCELLED,
            roles={FINANCIAL_OPERATOR},
            label=_("cancel the contribution with the order"),
            audit_action=VOUCHERS_CONTRIBUTION_CANCELLED,
        ),
        Transition(
            "refund",
            {C.PAID, C.PAID_LATE},
            C.REFUNDED,
            roles={FINANCIAL_OPERATOR},
            label=_("pay the contribution back"),
            audit_action=VOUCHERS_CONTRIBUTION_REFUNDED,
            notification=Notification(
                subject=gettext_noop("Your own contribution has been paid back"),
                template="vouchers/email/contribution_refunded.txt",
                recipients=_to_payer,
                context=_contribution,
            ),
        ),
    ],
)


# --- payment batches ----------------------------------------------------------------------------


BATCH = Workflow(
    name="vouchers.payment_batch",
    model=PaymentBatch,
    states=dict(BatchStatus.choices),
    transitions=[
        Transition(
            "approve",
            {BatchStatus.DRAFT},
            BatchStatus.APPROVED,
            roles={FINANCIAL_OPERATOR, OFFICER},
            label=_("approve the payment batch"),
            audit_action=VOUCHERS_BATCH_APPROVED,
        ),
        Transition(
            "cancel",
            {BatchStatus.DRAFT, BatchStatus.APPROVED},
            BatchStatus.CANCELLED,
            roles={FINANCIAL_OPERATOR},
            label=_("cancel the payment batch"),
            audit_action=VOUCHERS_BATCH_CANCELLED,
        ),
        Transition(
            "send",
            {BatchStatus.APPROVED},
            BatchStatus.SENT,
            roles={FINANCIAL_OPERATOR},
            label=_("mark the payment batch sent to the bank"),
            audit_action=VOUCHERS_BATCH_SENT,
        ),
        # Taken by the matching of bank statements (``services.statements``), never by a button:
        # when every transfer of the batch is matched to an entry of the bank or resolved by a
        # person. The bank may book an approved batch before anyone marked it sent.
        Transition(
            "pay",
            {BatchStatus.APPROVED, BatchStatus.SENT},
            BatchStatus.PAID,
            roles={SYSTEM_ROLE},
            label=_("confirm the payment batch paid by the bank statement"),
            audit_action=VOUCHERS_BATCH_PAID,
        ),
    ],
)


# --- bank statement entries ---------------------------------------------------------------------


STATEMENT_ENTRY = Workflow(
    name="vouchers.statement_entry",
    model=StatementEntry,
    state_field="state",
    states=dict(EntryState.choices),
    transitions=[
        Transition(
            "match",
            {EntryState.UNMATCHED},
            EntryState.MATCHED,
            roles={FINANCIAL_OPERATOR, SYSTEM_ROLE},
            label=_("match the bank entry again"),
            audit_action=VOUCHERS_STATEMENT_ENTRY_MATCHED,
        ),
        Transition(
            "resolve",
            {EntryState.UNMATCHED},
            EntryState.RESOLVED,
            roles={FINANCIAL_OPERATOR},
            label=_("resolve the bank entry by hand"),
            audit_action=VOUCHERS_STATEMENT_ENTRY_RESOLVED,
        ),
        Transition(
            "ignore",
            {EntryState.UNMATCHED},
            EntryState.IGNORED,
            roles={FINANCIAL_OPERATOR},
            label=_("ignore the bank entry"),
            audit_action=VOUCHERS_STATEMENT_ENTRY_IGNORED,
        ),
    ],
)
