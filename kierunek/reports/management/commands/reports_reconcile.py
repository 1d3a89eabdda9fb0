from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kierunek.reports.reconcile import CHECKS, reconcile


class Command(BaseCommand):
    help = (
        "Reconcile the indicators with their sources (the ledger, the applications); exit 1 on a difference."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        differences = reconcile()
        for difference in differences:
            self.stderr.write(
                f"DIFFERENT: {difference.check}: indicator {difference.indicator}, source {difference.source}"
            )
        if differences:
            raise CommandError(f"{len(differences)} of {len(CHECKS)} checks found a difference.")
        self.stdout.write(f"All {len(CHECKS)} checks agree.")
