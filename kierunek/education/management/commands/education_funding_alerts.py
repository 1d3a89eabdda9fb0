"""Enqueue the daily funding alerts, or send them at once as on a given day with ``--today``
(a rehearsal, or catching up a day the scheduler missed)."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kierunek.education.services.funding import funding_alerts_send
from kierunek.education.tasks_funding import send_funding_alerts


class Command(BaseCommand):
    help = (
        "Enqueue the daily funding alerts: new calls that fit and deadlines approaching (run by db_worker)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            help="Send now, as on this day (YYYY-MM-DD), instead of enqueuing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["today"] is not None:
            self.stdout.write(f"sent: {funding_alerts_send(today=options['today'])}")
            return
        queued = send_funding_alerts.enqueue()
        self.stdout.write(f"{send_funding_alerts.name}: {queued.status}")
