"""Enqueue the daily tasks of the vouchers context (booking deadlines, orders whose own contribution
was not paid in time, voucher expiry, settlement runs whose worker stopped)."""

from typing import Any

from django.core.management.base import BaseCommand

from kierunek.vouchers.tasks import (
    expire_vouchers,
    fail_stalled_settlement_runs,
    lapse_unpaid_orders,
    process_booking_deadlines,
)


class Command(BaseCommand):
    help = (
        "Enqueue the daily voucher tasks: booking deadlines, unpaid contributions, expiry (run by db_worker)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for job in (
            process_booking_deadlines,
            lapse_unpaid_orders,
            expire_vouchers,
            fail_stalled_settlement_runs,
        ):
            result = job.enqueue()
            self.stdout.write(f"{job.name}: {result.status}")
