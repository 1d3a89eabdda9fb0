from typing import Any

from django.core.management.base import BaseCommand

from kierunek.reports.services import packs_send


class Command(BaseCommand):
    help = "E-mail the report pack to every subscriber whose month or quarter has closed (daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{packs_send()} report packs sent.")
