"""Verify every invariant of the voucher ledger; exit 1 on any violation (for monitoring)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kierunek.vouchers.checks import ledger_violations


class Command(BaseCommand):
    help = "Verify the voucher ledger's invariants; exits non-zero on any violation."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = ledger_violations()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} ledger violation(s).")
        self.stdout.write(self.style.SUCCESS("Ledger consistent: every invariant holds."))
