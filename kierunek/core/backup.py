"""Backing up and restoring the whole database, on either engine (``manage.py db_backup`` and
``manage.py db_restore``).

- SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies the live database
  page by page under a read lock, so the copy is consistent while the site keeps writing; the
  copy is made self-contained (rollback journal, not WAL) and checked (``PRAGMA quick_check``).
  Restoring copies a checked backup back over the live database the same way, in one step under
  the write lock: other connections see the old or the new database, never a mix.
- PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists
  --single-transaction``: the restore drops and recreates what the backup holds in one
  transaction, so a failure leaves the database as it was. Triggers and constraints are part of
  the dump's post-data and are created after the rows are loaded, so the ledger's posting trigger
  does not add the restored postings to the balances a second time. Connection parameters go to
  the tools in the ``PG*`` environment variables, never on the command line, where other users
  of the machine could read a password.

A backup is written beside its target as ``<name>.partial`` and renamed only once complete and
checked, so a file at the target path is always a whole backup; an existing file is never
overwritten. Stop the web and worker processes before restoring and start them afterwards, then
run ``migrate`` (a backup older than the code) and ``ledger_check``.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connections
from django.utils.translation import gettext as _

SQLITE_HEADER = b"SQLite format 3\x00"
PG_CUSTOM_HEADER = b"PGDMP"
# libpq's connection options that settings.DATABASES[...]["OPTIONS"] may carry, and their variables.
_LIBPQ_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "options": "PGOPTIONS",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why and what to do. Nothing
    was written: no file at the backup path, no change to the database."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    size_bytes: int


def _engine(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(
            _("Backups are made on SQLite and PostgreSQL only, not on %(vendor)s.") % {"vendor": vendor}
        )
    return vendor


def _kind_of_file(path: Path) -> str:
    """``"sqlite"``, ``"postgresql"`` (a pg_dump custom archive) or ``"unknown"``, by the header."""
    with path.open("rb") as file:
        head = file.read(len(SQLITE_HEADER))
    if head == SQLITE_HEADER:
        return "sqlite"
    if head.startswith(PG_CUSTOM_HEADER):
        return "postgresql"
    return "unknown"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            _("%(tool)s is not installed: install the PostgreSQL client tools (Debian: postgresql-client).")
            % {"tool": name}
        )
    return found


def _pg_environment(using: str) -> dict[str, str]:
    """The tools' connection in libpq's environment variables (the password never in argv)."""
    params: dict[str, Any] = connections[using].settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if params.get(key):
            env[variable] = str(params[key])
    for option, variable in _LIBPQ_OPTIONS.items():
        value = (params.get("OPTIONS") or {}).get(option)
        if value:
            env[variable] = str(value)
    return env


def _run(command: list[str], *, env: dict[str, str]) -> None:
    # The program is pg_dump or pg_restore found on PATH; the arguments are ours and a path.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(
            _("%(tool)s failed (exit code %(code)s): %(output)s")
            % {
                "tool": tool,
                "code": result.returncode,
                "output": result.stderr.strip() or result.stdout.strip(),
            }
        )


def backup_create(*, path: Path, using: str = "default") -> BackupResult:
    """Write a consistent backup of database ``using`` to ``path`` (a new file)."""
    engine = _engine(using)
    if path.exists():
        raise BackupError(
            _("%(path)s already exists: choose a new file name for the backup.") % {"path": path}
        )
    if not path.parent.is_dir():
        raise BackupError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if engine == "sqlite":
            _sqlite_backup(partial, using=using)
        else:
            _run(
                [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"],
                env=_pg_environment(using),
            )
        with partial.open("rb") as file:
            os.fsync(file.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=path, engine=engine, size_bytes=path.stat().st_size)


def _sqlite_backup(target_path: Path, *, using: str) -> None:
    connection = connections[using]
    connection.ensure_connection()
    target = sqlite3.connect(target_path)
    target.create_function("REGEXP", 2, _regexp, deterministic=True)  # for the check: see backup_check
    try:
        connection.connection.backup(target)
        # One self-contained file: a WAL-mode copy would need its -wal and -shm files beside it.
        target.execute("PRAGMA journal_mode=DELETE")
        problems = [row[0] for row in target.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise BackupError(
                _("The copy failed its check: %(problems)s") % {"problems": "; ".join(problems[:5])}
            )
    finally:
        target.close()


def backup_check(*, path: Path, using: str = "default") -> None:
    """Raise :class:`BackupError` unless ``path`` is a readable, whole backup that database
    ``using`` can be restored from. Reads the file only."""
    engine = _engine(using)
    if not path.is_file():
        raise BackupError(_("The backup file %(path)s does not exist.") % {"path": path})
    kind = _kind_of_file(path)
    if kind != engine:
        if kind == "unknown":
            raise BackupError(_("%(path)s is not a backup made by db_backup.") % {"path": path})
        raise BackupError(
            _("%(path)s is a backup of a %(kind)s database; this database is %(engine)s.")
            % {"path": path, "kind": kind, "engine": engine}
        )
    if engine == "sqlite":
        try:
            backup = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            # The check reads the tables' CHECK constraints, and Django's SQLite backend writes a
            # regex lookup (a postal code's) as a REGEXP call, a function each connection brings.
            backup.create_function("REGEXP", 2, _regexp, deterministic=True)
            try:
                problems = [row[0] for row in backup.execute("PRAGMA quick_check")]
                has_migrations = backup.execute(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
                ).fetchone()
            finally:
                backup.close()
        except sqlite3.DatabaseError as error:
            raise BackupError(
                _("%(path)s cannot be read: %(error)s") % {"path": path, "error": error}
            ) from None
        if problems != ["ok"]:
            raise BackupError(
                _("%(path)s is damaged: %(problems)s") % {"path": path, "problems": "; ".join(problems[:5])}
            )
        if not has_migrations:
            raise BackupError(_("%(path)s is not a backup made by db_backup.") % {"path": path})
    else:
        _run([_tool("pg_restore"), "--list", str(path)], env=_pg_environment(using))


def _regexp(pattern: str | None, value: object) -> bool | None:
    """SQLite's REGEXP as Django's backend defines it: ``value REGEXP pattern``."""
    if pattern is None or value is None:
        return None
    return re.search(pattern, str(value)) is not None


def backup_restore(*, path: Path, using: str = "default") -> str:
    """Replace the whole content of database ``using`` with the backup at ``path``, checked first
    (:func:`backup_check`). All or nothing. Returns the engine."""
    backup_check(path=path, using=using)
    engine = _engine(using)
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a transaction."))
    if engine == "sqlite":
        connection.ensure_connection()
        backup = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
    else:
        # The restore drops and recreates the tables: no statement of this process may hold them.
        connection.close()
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(path),
            ],
            env=_pg_environment(using),
        )
    return engine
