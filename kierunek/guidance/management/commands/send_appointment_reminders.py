"""E-mail a reminder for tomorrow's meetings with advisors: `manage.py send_appointment_reminders`.
Run it once a day (cron or the task runner); running it again sends nothing twice."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kierunek.guidance.services.appointments import appointment_reminders_send


class Command(BaseCommand):
    help = "Send reminders for meetings with advisors that take place tomorrow (once per meeting)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="Treat this day (YYYY-MM-DD) as today.")

    def handle(self, *args: Any, today: date | None = None, **options: Any) -> None:
        sent = appointment_reminders_send(today=today)
        self.stdout.write(f"Reminders sent: {sent}")
