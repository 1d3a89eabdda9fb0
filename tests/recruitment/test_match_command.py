"""The command that runs the engine alone on a file, in the issue's exact format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


def run(tmp_path: Path, instance: dict) -> dict:
    source, target = tmp_path / "in.json", tmp_path / "out.json"
    source.write_text(json.dumps(instance), encoding="utf-8")
    call_command("recruitment_match", "--input", str(source), "--output", str(target))
    return json.loads(target.read_text(encoding="utf-8"))


def test_the_command_writes_the_assignment(tmp_path: Path) -> None:
    instance = {
        "classes": [{"id": "1A", "capacity": 1}, {"id": "1B", "capacity": 1}],
        "candidates": [
            {
                "id": "anna",
                "preferences": ["1A", "1B"],
                "points": [15000, 15000],
                "priority": False,
                "health": False,
                "criteria": 0,
                "lottery": 2,
            },
            {
                "id": "bartek",
                "preferences": ["1A"],
                "points": [15000],
                "priority": False,
                "health": False,
                "criteria": 0,
                "lottery": 1,
            },
            {
                "id": "celina",
                "preferences": ["1B"],
                "points": [9000],
                "priority": True,
                "health": False,
                "criteria": 0,
                "lottery": 3,
            },
            {
                "id": "daria",
                "preferences": [],
                "points": [],
                "priority": False,
                "health": False,
                "criteria": 0,
                "lottery": 4,
            },
        ],
    }
    assert run(tmp_path, instance) == {
        "assignment": {"anna": None, "bartek": "1A", "celina": "1B", "daria": None}
    }


def test_integer_ids_are_kept_as_the_json_keys_allow(tmp_path: Path) -> None:
    instance = {
        "classes": [{"id": 7, "capacity": 2}],
        "candidates": [
            {
                "id": 1,
                "preferences": [7],
                "points": [100],
                "priority": False,
                "health": False,
                "criteria": 0,
                "lottery": 0,
            }
        ],
    }
    assert run(tmp_path, instance) == {"assignment": {"1": 7}}


@pytest.mark.parametrize(
    "instance",
    [
        {"classes": []},
        {"classes": [{"id": "A", "capacity": "2"}], "candidates": []},
        {
            "classes": [{"id": "A", "capacity": 1}],
            "candidates": [{"id": "x", "preferences": ["B"], "points": [1]}],
        },
        {
            "classes": [{"id": "A", "capacity": 1}],
            "candidates": [{"id": "x", "preferences": ["A"], "points": [1.5]}],
        },
    ],
)
def test_a_malformed_file_is_refused(tmp_path: Path, instance: dict) -> None:
    with pytest.raises(CommandError):
        run(tmp_path, instance)
