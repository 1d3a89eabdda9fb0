"""A test database in a file, for tests of locking between connections.

The suite's SQLite database lives in memory, shared by the connections of one process, where a
second writer fails at once ("database table is locked") instead of waiting. Production runs on a
file in WAL mode, where a writer waits for the lock up to the busy timeout and then fails with
"database is locked". ``database_file`` copies the migrated test database into a file and gives
the default connection alias, in this thread and in every thread started meanwhile, a connection
to that file with a short busy timeout. The test's own connection to the in-memory database (in
its transaction) is put aside and comes back afterwards, untouched: make the test's data after the
switch, so that it goes to the file.
"""

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connections


@pytest.fixture(scope="session")
def database_template(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Path:
    """The migrated test database copied into a file once, before any test's transaction is open
    (a backup waits for as long as the source has a write transaction)."""
    path = tmp_path_factory.mktemp("database") / "template.sqlite3"
    with django_db_blocker.unblock():
        memory = connections[DEFAULT_DB_ALIAS]
        if memory.vendor != "sqlite":
            pytest.skip("locking between connections of a file database is SQLite's")
        memory.ensure_connection()
        copy = sqlite3.connect(path)
        memory.connection.backup(copy)
        copy.close()
    return path


@contextmanager
def database_file(template: Path, path: Path, *, busy_timeout: float) -> Iterator[Path]:
    shutil.copyfile(template, path)
    memory = connections[DEFAULT_DB_ALIAS]
    saved_settings = connections.settings[DEFAULT_DB_ALIAS]
    connections.settings[DEFAULT_DB_ALIAS] = {
        **saved_settings,
        "NAME": str(path),
        "OPTIONS": {**saved_settings["OPTIONS"], "timeout": busy_timeout},
    }
    in_file = connections.create_connection(DEFAULT_DB_ALIAS)
    connections[DEFAULT_DB_ALIAS] = in_file
    try:
        yield path
    finally:
        in_file.close()
        connections[DEFAULT_DB_ALIAS] = memory
        connections.settings[DEFAULT_DB_ALIAS] = saved_settings


def writer_holding_lock(path: Path) -> sqlite3.Connection:
    """Another connection that holds the database's write lock until it is closed or rolls back."""
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    return other


@pytest.fixture
def file_database(database_template: Path, db: None, tmp_path: Path) -> Iterator[Path]:
    """The test database in a file (a copy) for this test, with a busy timeout of one second."""
    with database_file(database_template, tmp_path / "kierunek.sqlite3", busy_timeout=1.0) as path:
        yield path
