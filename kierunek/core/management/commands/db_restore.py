"""Replace the database with a backup: `manage.py db_restore PATH` (kierunek/core/backup.py)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kierunek.core.backup import BackupError, backup_check, backup_restore


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup made by db_backup (all or nothing). Stop the web "
        "and worker processes first; afterwards run migrate and ledger_check."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup file made by db_backup.")
        parser.add_argument("--database", default="default")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args: Any, path: Path, database: str, interactive: bool, **options: Any) -> None:
        try:
            backup_check(path=path, using=database)
            if interactive:
                answer = input(
                    _(
                        "Every table of the database is replaced by the content of %(path)s. "
                        "Type 'yes' to continue: "
                    )
                    % {"path": path}
                )
                if answer.strip().lower() not in ("yes", "tak"):
                    raise CommandError(_("Restore cancelled: the database is unchanged."))
            engine = backup_restore(path=path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("The %(engine)s database was restored from %(path)s. Now run migrate and ledger_check.")
                % {"engine": engine, "path": path}
            )
        )
