"""Run the matching engine alone on a file, for audits and for comparing with other
implementations:

    python manage.py recruitment_match --input IN.json --output OUT.json

IN is ``{"classes": [{"id": ..., "capacity": int}], "candidates": [{"id": ..., "preferences":
[class ids, best first], "points": [int, hundredths, one per preference], "priority": bool,
"health": bool, "criteria": int, "lottery": int}]}`` (a lower lottery number wins); OUT is
``{"assignment": {candidate id: class id or null}}``. Nothing is read from or written to the
database."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kierunek.recruitment.engine import Candidate, EngineError, match


def instance_from_json(data: Any) -> tuple[list[tuple[Any, int]], list[Candidate]]:
    """The engine's input from the file's object; a missing or mistyped field is a CommandError."""
    try:
        classes = [(item["id"], _int(item["capacity"])) for item in data["classes"]]
        candidates = [
            Candidate(
                id=item["id"],
                preferences=list(item["preferences"]),
                points=[_int(p) for p in item["points"]],
                priority=bool(item.get("priority", False)),
                health=bool(item.get("health", False)),
                criteria=_int(item.get("criteria", 0)),
                lottery=_int(item.get("lottery", 0)),
            )
            for item in data["candidates"]
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise CommandError(f"the input is not in the recruitment_match format: {error!r}") from error
    for class_id, _ in classes:
        _hashable(class_id)
    for cand in candidates:
        _hashable(cand.id)
    return classes, candidates


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{value!r} is not an integer")
    return value


def _hashable(value: Any) -> None:
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise CommandError(f"an id must be a string or an integer, not {value!r}")


class Command(BaseCommand):
    help = "Match candidates to classes (deferred acceptance) from a JSON file, without the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="the instance, JSON")
        parser.add_argument("--output", required=True, help="where to write the assignment, JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = json.loads(Path(options["input"]).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read {options['input']}: {error}") from error
        classes, candidates = instance_from_json(data)
        started = time.perf_counter()
        try:
            result = match(classes, candidates)
        except EngineError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        Path(options["output"]).write_text(
            json.dumps({"assignment": result.assignment}, ensure_ascii=False), encoding="utf-8"
        )
        placed = sum(1 for k in result.assignment.values() if k is not None)
        self.stdout.write(
            f"recruitment_match: {placed} of {len(candidates)} candidates placed in "
            f"{len(classes)} classes, matched in {elapsed:.3f} s"
        )
