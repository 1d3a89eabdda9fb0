"""Enqueue the daily task of evaluations (outcome-survey invitations and reminders), or run it at
once for a given day with ``--today`` (a rehearsal, or catching up a day the scheduler missed)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kierunek.evaluations.services.outcome import outcome_invitations_process
from kierunek.evaluations.tasks import process_outcome_invitations


class Command(BaseCommand):
    help = "Enqueue the daily evaluations task: outcome-survey invitations and reminders (run by db_worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            help="Run now, as on this day (YYYY-MM-DD), instead of enqueuing the task.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["today"] is not None:
            result = outcome_invitations_process(today=options["today"])
            self.stdout.write(f"invited: {result['invited']}, reminded: {result['reminded']}")
            return
        queued = process_outcome_invitations.enqueue()
        self.stdout.write(f"{process_outcome_invitations.name}: {queued.status}")
