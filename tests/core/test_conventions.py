"""The house's conventions for the shape of the code (docs/architecture.md, "Inside a context"):
no application module over 600 lines, and every declared lifecycle with a table test of its own."""

import importlib
from pathlib import Path

from django.apps import apps
from django.utils.module_loading import module_has_submodule

from kierunek.core.workflow import Workflow

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 600


def test_no_application_module_is_over_600_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / "kierunek").rglob("*.py")
        if "migrations" not in path.parts and (n := len(path.read_text().splitlines())) > LIMIT
    }
    assert long == {}


def test_every_declared_workflow_has_a_table_test():
    """A test module named ``test_*_workflow.py`` that imports the workflow by its name."""
    tests = {path: path.read_text() for path in (ROOT / "tests").rglob("test_*_workflow.py")}
    missing = []
    for config in apps.get_app_configs():
        if not config.name.startswith("kierunek.") or not module_has_submodule(config.module, "workflows"):
            continue
        module = importlib.import_module(f"{config.name}.workflows")
        for name, value in vars(module).items():
            tested = any(f"import {name}" in text or f" {name}," in text for text in tests.values())
            if isinstance(value, Workflow) and not tested:
                missing.append(f"{config.name}.workflows.{name}")
    assert missing == []
