"""Generate the annexes that changed rules or plans call for (run daily, after the rules change)."""

from typing import Any

from django.core.management.base import BaseCommand

from kierunek.agreements.services import participation_annexes_generate


class Command(BaseCommand):
    help = "Generate an annex for every accepted participation agreement whose agreed terms changed."

    def handle(self, *args: Any, **options: Any) -> None:
        made = participation_annexes_generate()
        self.stdout.write(self.style.SUCCESS(f"Annexes generated: {made}."))
