"""Enqueue the daily tasks of the catalogue: failing the import jobs whose worker stopped, and the
e-mails of saved searches; or run them at once, as on a given day, with ``--today`` (a rehearsal,
or catching up a day the scheduler missed)."""

from datetime import date, datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kierunek.catalogue.import_jobs import import_jobs_abandon
from kierunek.catalogue.saved_search_alerts import saved_search_digests_send
from kierunek.catalogue.tasks import abandon_lost_import_jobs, send_saved_search_digests


class Command(BaseCommand):
    help = (
        "Enqueue the daily catalogue tasks: fail lost card imports and remove what they staged; "
        "e-mail the new services of saved searches (run by db_worker)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            help="Run now, as on this day (YYYY-MM-DD), instead of enqueuing the tasks.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["today"] is not None:
            now = timezone.now()
            # As at the end of that day, never later than now: what is not yet published is not sent.
            end_of_day = timezone.make_aware(datetime.combine(options["today"], time(23, 59, 59)))
            abandoned = import_jobs_abandon(now=now)
            sent = saved_search_digests_send(now=min(now, end_of_day))
            self.stdout.write(
                f"abandoned imports: {abandoned}, saved searches looked at: {sent['searches']}, "
                f"with new services: {sent['found']}, e-mails: {sent['emails']}"
            )
            return
        for job in (abandon_lost_import_jobs, send_saved_search_digests):
            result = job.enqueue()
            self.stdout.write(f"{job.name}: {result.status}")
