"""Races between threads, on both engines: on PostgreSQL a test runs its scenarios in its own
process; on SQLite they run in a subprocess on a file copy of the migrated test database (the
in-memory test database is one connection, and real concurrency needs a file that several
connections open). A test module defines its ``SCENARIOS`` (name → function returning what the
test asserts, JSON-serialisable) and two fixtures that call the functions below."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection

from tests.reference_data import load_reference_data

ROOT = Path(__file__).resolve().parents[1]

_SUBPROCESS = """
import json, django
django.setup()
from tests.reference_data import load_reference_data
load_reference_data()
from {module} import SCENARIOS
print(json.dumps({{name: scenario() for name, scenario in SCENARIOS.items()}}))
"""


def sqlite_file_results(module: str, *, django_db_blocker: Any, folder: Path, timeout: int) -> dict:
    """Copy the migrated test database into ``folder`` and run ``module``'s SCENARIOS on it in a
    subprocess; their results by name."""
    path = folder / "race.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    completed = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _SUBPROCESS.format(module=module)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


def scenario_runner(request: Any, scenarios: dict[str, Callable[[], Any]]) -> Callable[[str], Any]:
    """Run a scenario: in this process on PostgreSQL, from the module's ``sqlite_file_results``
    fixture (the SQLite file subprocess) otherwise."""
    if connection.vendor == "postgresql":
        load_reference_data()
        return lambda name: scenarios[name]()
    results = request.getfixturevalue("sqlite_file_results")
    return lambda name: results[name]
