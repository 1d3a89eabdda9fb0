"""Expire the quality marks whose validity has ended. Run daily (cron or the task scheduler);
running it twice a day, or after a missed day, is safe."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kierunek.quality.services.decisions import cases_expire


class Command(BaseCommand):
    help = "Expire every granted or suspended MSUES quality mark whose last valid day has passed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="The date to expire against (YYYY-MM-DD)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        count = cases_expire(today=today)
        self.stdout.write(f"Expired quality marks: {count}")
