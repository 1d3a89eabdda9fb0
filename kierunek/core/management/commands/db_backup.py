"""Back the database up to a new file: `manage.py db_backup PATH` (kierunek/core/backup.py)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kierunek.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write a consistent backup of the database to a new file while the site runs "
        "(SQLite: the online backup API; PostgreSQL: pg_dump, custom format)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file to create (never overwritten).")
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, path: Path, database: str, **options: Any) -> None:
        try:
            result = backup_create(path=path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Backup of the %(engine)s database written to %(path)s (%(size)s bytes).")
                % {"engine": result.engine, "path": result.path, "size": result.size_bytes}
            )
        )
