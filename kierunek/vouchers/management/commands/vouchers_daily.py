"""Enqueue the daily tasks of the vouchers context (booking deadlines, then voucher expiry)."""

from typing import Any

from django.core.management.base import BaseCommand

from kierunek.vouchers.tasks import expire_vouchers, process_booking_deadlines


class Command(BaseCommand):
    help = "Enqueue the daily voucher tasks: booking deadlines and expiry (run by db_worker)."

    def handle(self, *args: Any, **options: Any) -> None:
        for job in (process_booking_deadlines, expire_vouchers):
            result = job.enqueue()
            self.stdout.write(f"{job.name}: {result.status}")
