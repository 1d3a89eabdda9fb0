"""Run every few minutes by the scheduler: start the scheduled issues whose time has come and
resume the sending of any issue a stopped worker left unfinished."""

from typing import Any

from django.core.management.base import BaseCommand

from kierunek.newsletter.services.sending import scheduled_start, sending_resume


class Command(BaseCommand):
    help = "Start due scheduled newsletter issues and resume unfinished sending."

    def handle(self, *args: Any, **options: Any) -> None:
        started = scheduled_start()
        resumed = sending_resume()
        self.stdout.write(f"newsletter: {started} scheduled issue(s) started, {resumed} sending resumed")
