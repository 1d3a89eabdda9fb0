"""Enqueue the daily task of the catalogue: failing the import jobs whose worker stopped."""

from typing import Any

from django.core.management.base import BaseCommand

from kierunek.catalogue.tasks import abandon_lost_import_jobs


class Command(BaseCommand):
    help = "Enqueue the daily catalogue task: fail lost card imports and remove what they staged."

    def handle(self, *args: Any, **options: Any) -> None:
        result = abandon_lost_import_jobs.enqueue()
        self.stdout.write(f"{abandon_lost_import_jobs.name}: {result.status}")
