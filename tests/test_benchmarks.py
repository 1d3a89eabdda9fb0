"""The benchmark scripts start: each one, run as the README says (``python benchmarks/<name>.py``),
imports what it needs and answers ``--help``. They are not tests and nothing else runs them, so
an import moved in the code would otherwise break them unnoticed."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(
    path for path in (ROOT / "benchmarks").glob("*.py") if "__main__" in path.read_text(encoding="utf-8")
)


def test_the_benchmarks_are_found():
    assert {path.stem for path in SCRIPTS} >= {"search", "ledger", "settlement", "http_load"}


@pytest.mark.parametrize("script", SCRIPTS, ids=[path.stem for path in SCRIPTS])
def test_a_benchmark_script_starts(script):
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(script), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage:" in done.stdout
