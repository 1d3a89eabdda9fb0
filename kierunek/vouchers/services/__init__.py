"""Every change of vouchers, bookings and payouts, one module per subject, each change in one
database transaction: lock what the decision depends on, apply the rule (``domain``), move money
through ``ledger.post``, move the object along its workflow (``workflows``: history, audit and
e-mails after commit).

Services receive the :class:`~kierunek.core.actor.Actor` who acts, never a request. Money
operations take an ``idempotency_key``: a retried request returns the first result. Permissions
are checked here as well as in the views: the role, and that the object belongs to the actor (a
provider's member for its bookings, the participant for their own).

This package re-exports the services other contexts (evaluations, the demo seeding, benchmarks)
call; inside vouchers, import from the sub-modules."""

from .attendance import attendance_confirm, attendance_record, booking_dispute, booking_report
from .base import OPERATOR_ROLES, frozen_provider_ids, held_provider_ids, today
from .bookings import (
    BookingCreated,
    Quote,
    booking_accept,
    booking_cancel,
    booking_create,
    booking_for_not_me_token,
    booking_mark_evaluated,
    booking_not_me,
    booking_quote,
    booking_reject,
    lock_booking_for_participant,
)
from .calendar import POLISH_HOLIDAYS
from .clawback import booking_clawback
from .confirmation import booking_officer_confirm, booking_officer_not_delivered
from .contributions import (
    ContributionQuote,
    contribution_find,
    contribution_match,
    contribution_payment_record,
    contribution_quote,
    contribution_refund,
    contributions_lapse,
)
from .deadlines import deadlines_process
from .expiry import vouchers_expire
from .freezes import booking_restore, booking_void, payout_freeze, payout_unfreeze
from .orders import SIGNED_PLAN_STATUSES, order_create, order_issue, order_refuse, plan_packages
from .payouts import (
    BatchFile,
    batch_approve,
    batch_build,
    batch_cancel,
    batch_download,
    batch_file_check,
    batch_mark_sent,
)
from .settlement import (
    SettlementResult,
    settlement_result,
    settlement_run,
    settlement_run_begin,
    settlement_run_finish,
    settlement_run_start,
)
from .statements import (
    StatementUploaded,
    statement_entries_rematch,
    statement_entry_ignore,
    statement_entry_resolve,
    statement_upload,
)

__all__ = [
    "OPERATOR_ROLES",
    "POLISH_HOLIDAYS",
    "SIGNED_PLAN_STATUSES",
    "BatchFile",
    "BookingCreated",
    "ContributionQuote",
    "Quote",
    "SettlementResult",
    "StatementUploaded",
    "attendance_confirm",
    "attendance_record",
    "batch_approve",
    "batch_build",
    "batch_cancel",
    "batch_download",
    "batch_file_check",
    "batch_mark_sent",
    "booking_accept",
    "booking_cancel",
    "booking_clawback",
    "booking_create",
    "booking_dispute",
    "booking_for_not_me_token",
    "booking_mark_evaluated",
    "booking_not_me",
    "booking_officer_confirm",
    "booking_officer_not_delivered",
    "booking_quote",
    "booking_reject",
    "booking_report",
    "booking_restore",
    "booking_void",
    "contribution_find",
    "contribution_match",
    "contribution_payment_record",
    "contribution_quote",
    "contribution_refund",
    "contributions_lapse",
    "deadlines_process",
    "frozen_provider_ids",
    "held_provider_ids",
    "lock_booking_for_participant",
    "order_create",
    "order_issue",
    "order_refuse",
    "payout_freeze",
    "payout_unfreeze",
    "plan_packages",
    "settlement_result",
    "settlement_run",
    "settlement_run_begin",
    "settlement_run_finish",
    "settlement_run_start",
    "statement_entries_rematch",
    "statement_entry_ignore",
    "statement_entry_resolve",
    "statement_upload",
    "today",
    "vouchers_expire",
]
