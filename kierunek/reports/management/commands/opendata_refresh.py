from typing import Any

from django.core.management.base import BaseCommand

from kierunek.reports.opendata import opendata_refresh


class Command(BaseCommand):
    help = "Publish the open data again: every public indicator as CSV and JSON with metadata (daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        written = opendata_refresh()
        self.stdout.write(f"{written} files of open data published.")
