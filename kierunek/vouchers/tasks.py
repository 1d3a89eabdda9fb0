"""Background work of the vouchers context (django-tasks). A scheduler (cron, or a systemd timer)
enqueues these daily with ``manage.py vouchers_daily``; ``manage.py db_worker`` runs them. Both are
idempotent: a second run changes nothing."""

from typing import Any

from django_tasks import task

from .services.contributions import contributions_lapse
from .services.deadlines import deadlines_process
from .services.expiry import vouchers_expire
from .services.settlement import settlement_run_failed, settlement_run_finish, settlement_runs_sweep


@task()
def expire_vouchers() -> dict[str, int]:
    """Return unused vouchers past their use-by date to the programme budget."""
    return vouchers_expire()


@task()
def process_booking_deadlines() -> dict[str, Any]:
    """Lapse unanswered bookings, mark unreported ones as not delivered, remind participants of
    their deadlines to confirm and rate, and close the confirmations whose deadlines passed."""
    return deadlines_process()


@task()
def lapse_unpaid_orders() -> int:
    """Let the orders lapse whose own contribution was not paid by its deadline (the participant
    is told by e-mail)."""
    return contributions_lapse()


@task()
def fail_stalled_settlement_runs() -> int:
    """Mark the settlement runs whose worker stopped as failed, so their page offers to continue."""
    return settlement_runs_sweep()


@task()
def settle(run_id: int) -> dict[str, Any]:
    """Finish a settlement run the operator started (``services.settlement_run_finish``): provider
    by provider, each in a short transaction; enqueued again with the same run, it settles the
    providers left and nothing twice."""
    try:
        run = settlement_run_finish(run_id=run_id)
    except Exception as error:
        settlement_run_failed(run_id=run_id, error=error)
        raise
    return {"status": run.status, "settled": run.settled, "providers": run.providers}
