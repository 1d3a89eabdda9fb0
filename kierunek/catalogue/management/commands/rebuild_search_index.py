"""``manage.py rebuild_search_index``: analyse every published card again and rebuild the
full-text index of the database in use (after a change of the analyser in text.py, or to repair
an index). Safe to run at any time: the documents are swapped in one short transaction, after
the analysis, which only reads."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection

from kierunek.catalogue.search import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the catalogue's search index from the published service cards."

    def handle(self, *args: Any, **options: Any) -> None:
        written = search_index_rebuild()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                # Fresh statistics for the query planner (SQLite has no autovacuum to gather them).
                cursor.execute("PRAGMA optimize")
        self.stdout.write(
            self.style.SUCCESS(f"Indexed {written} published service cards ({connection.vendor}).")
        )
