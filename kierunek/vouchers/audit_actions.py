"""The audit actions this context writes (the registry and its naming rule:
:mod:`kierunek.core.audit_registry`). Labels are what a participant reads in their data export."""

from django.utils.translation import gettext_lazy as _

from kierunek.core.audit_registry import audit_action

VOUCHERS_ATTENDANCE_CONFIRMED = audit_action("vouchers.attendance_confirmed", _("attendance confirmed"))
VOUCHERS_ATTENDANCE_RECORDED = audit_action("vouchers.attendance_recorded", _("attendance recorded"))
VOUCHERS_BATCH_APPROVED = audit_action("vouchers.batch_approved", _("payment batch approved"))
VOUCHERS_BATCH_BUILT = audit_action("vouchers.batch_built", _("payment batch built"))
VOUCHERS_BATCH_CANCELLED = audit_action("vouchers.batch_cancelled", _("payment batch cancelled"))
VOUCHERS_BATCH_CSV_DOWNLOADED = audit_action(
    "vouchers.batch_csv_downloaded", _("payment batch downloaded as CSV")
)
VOUCHERS_BATCH_FILE_DOWNLOADED = audit_action(
    "vouchers.batch_file_downloaded", _("bank file of a payment batch downloaded")
)
VOUCHERS_BATCH_PAID = audit_action(
    "vouchers.batch_paid", _("payment batch confirmed paid by the bank statement")
)
VOUCHERS_BATCH_SENT = audit_action("vouchers.batch_sent", _("payment batch sent to the bank"))
VOUCHERS_BOOKING_ACCEPTED = audit_action("vouchers.booking_accepted", _("booking accepted by the provider"))
VOUCHERS_BOOKING_CANCELLED = audit_action("vouchers.booking_cancelled", _("booking cancelled"))
VOUCHERS_BOOKING_CLAWED_BACK = audit_action(
    "vouchers.booking_clawed_back", _("payment for the booking reclaimed")
)
VOUCHERS_BOOKING_CONFIRMED_BY_OFFICER = audit_action(
    "vouchers.booking_confirmed_by_officer", _("service confirmed by an officer after the deadline")
)
VOUCHERS_BOOKING_CREATED = audit_action("vouchers.booking_created", _("service booked"))
VOUCHERS_BOOKING_DEEMED_CONFIRMED = audit_action(
    "vouchers.booking_deemed_confirmed", _("service counted as confirmed: not confirmed in time")
)
VOUCHERS_BOOKING_DISOWNED = audit_action(
    "vouchers.booking_disowned", _("booking reported as not made by you")
)
VOUCHERS_BOOKING_DISPUTED = audit_action("vouchers.booking_disputed", _("booking disputed"))
VOUCHERS_BOOKING_LAPSED = audit_action(
    "vouchers.booking_lapsed", _("booking cancelled: the provider did not answer in time")
)
VOUCHERS_BOOKING_NOT_DELIVERED = audit_action(
    "vouchers.booking_not_delivered", _("booking closed: the provider did not report the result in time")
)
VOUCHERS_BOOKING_FOUND_NOT_DELIVERED = audit_action(
    "vouchers.booking_found_not_delivered", _("service found not delivered by an officer")
)
VOUCHERS_BOOKING_RATING_CLOSED = audit_action(
    "vouchers.booking_rating_closed", _("time to rate the service passed: settled without a rating")
)
VOUCHERS_BOOKING_REFERRED = audit_action(
    "vouchers.booking_referred", _("service not confirmed in time: sent to an officer")
)
VOUCHERS_BOOKING_REJECTED = audit_action("vouchers.booking_rejected", _("booking rejected by the provider"))
VOUCHERS_BOOKING_REPORTED = audit_action(
    "vouchers.booking_reported", _("completion reported by the provider")
)
VOUCHERS_BOOKING_REMINDED = audit_action(
    "vouchers.booking_reminded", _("reminded to confirm the attendance or rate the service")
)
VOUCHERS_BOOKING_RESTORED = audit_action("vouchers.booking_restored", _("booking restored"))
VOUCHERS_BOOKING_SETTLED = audit_action("vouchers.booking_settled", _("booking settled"))
VOUCHERS_BOOKING_VOIDED = audit_action("vouchers.booking_voided", _("booking voided"))
VOUCHERS_CONTRIBUTION_CANCELLED = audit_action(
    "vouchers.contribution_cancelled", _("own contribution cancelled with the order")
)
VOUCHERS_CONTRIBUTION_CREATED = audit_action(
    "vouchers.contribution_created", _("own contribution set for an order")
)
VOUCHERS_CONTRIBUTION_LAPSED = audit_action(
    "vouchers.contribution_lapsed", _("own contribution not paid in time")
)
VOUCHERS_CONTRIBUTION_PAID = audit_action("vouchers.contribution_paid", _("own contribution received"))
VOUCHERS_CONTRIBUTION_PAID_LATE = audit_action(
    "vouchers.contribution_paid_late", _("own contribution received after the order ended")
)
VOUCHERS_CONTRIBUTION_REFUNDED = audit_action(
    "vouchers.contribution_refunded", _("own contribution paid back")
)
VOUCHERS_ORDER_LAPSED = audit_action(
    "vouchers.order_lapsed", _("voucher order lapsed: the own contribution was not paid in time")
)
VOUCHERS_ORDER_CREATED = audit_action("vouchers.order_created", _("vouchers ordered"))
VOUCHERS_ORDER_ISSUED = audit_action("vouchers.order_issued", _("vouchers issued"))
VOUCHERS_ORDER_REFUSED = audit_action("vouchers.order_refused", _("voucher order refused"))
VOUCHERS_PARTICIPANT_CONTACT_VIEWED = audit_action(
    "vouchers.participant_contact_viewed", _("your contact details shown to the provider of your booking")
)
VOUCHERS_PAYOUT_FROZEN = audit_action("vouchers.payout_frozen", _("payouts to a provider frozen"))
VOUCHERS_PAYOUT_UNFROZEN = audit_action("vouchers.payout_unfrozen", _("freeze of payouts lifted"))
VOUCHERS_SETTLEMENT_FAILED = audit_action("vouchers.settlement_failed", _("settlement run failed"))
VOUCHERS_SETTLEMENT_FINISHED = audit_action("vouchers.settlement_finished", _("settlement run finished"))
VOUCHERS_SETTLEMENT_STARTED = audit_action("vouchers.settlement_started", _("settlement run started"))
VOUCHERS_STATEMENT_UPLOADED = audit_action("vouchers.statement_uploaded", _("bank statement uploaded"))
VOUCHERS_STATEMENT_ENTRY_MATCHED = audit_action(
    "vouchers.statement_entry_matched", _("bank statement entry matched")
)
VOUCHERS_STATEMENT_ENTRY_RESOLVED = audit_action(
    "vouchers.statement_entry_resolved", _("bank statement entry resolved by hand")
)
VOUCHERS_STATEMENT_ENTRY_IGNORED = audit_action(
    "vouchers.statement_entry_ignored", _("bank statement entry ignored")
)
VOUCHERS_STATEMENT_REPORT_DOWNLOADED = audit_action(
    "vouchers.statement_report_downloaded", _("bank reconciliation downloaded as CSV")
)
