"""The waiting list's clock and the reminders: `manage.py events_periodic`. Run it every few
minutes (cron or the task runner): it ends the offers past their time, offering each seat to the
next person waiting, and e-mails a reminder a day before an event (once per registration).
Running it again does nothing twice."""

from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kierunek.events.services import offers_lapse, reminders_send


class Command(BaseCommand):
    help = "End lapsed waiting-list offers (offering the seats on) and send the day-before reminders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", type=datetime.fromisoformat, help="Treat this moment (ISO 8601) as now.")

    def handle(self, *args: Any, now: datetime | None = None, **options: Any) -> None:
        if now is not None and timezone.is_naive(now):
            now = timezone.make_aware(now)
        lapsed = offers_lapse(now=now)
        sent = reminders_send(now=now)
        self.stdout.write(f"Offers lapsed: {lapsed}; reminders sent: {sent}")
