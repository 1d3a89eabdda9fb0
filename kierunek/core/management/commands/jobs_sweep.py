"""``manage.py jobs_sweep``: fail the background jobs whose worker stopped (core.jobs), so that the
person who started one sees it failed and starts it again. Run it every few minutes or hourly."""

from typing import Any

from django.core.management.base import BaseCommand

from kierunek.core.jobs import jobs_sweep


class Command(BaseCommand):
    help = "Fail the background jobs whose worker stopped (no progress for KIERUNEK_JOB_STALLED_SECONDS)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Failed {jobs_sweep()} stopped background jobs.")
