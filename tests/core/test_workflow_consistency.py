"""The house's conventions for lifecycles, checked over every declared workflow: each transition has
a label, an audit action from the registry and, where it sends an e-mail, a subject translated into
Polish and a template that exists; the lifecycles the programme has all use the kit; and no code
outside the kit assigns a state."""

import ast
from pathlib import Path

import pytest
from django.template.loader import get_template
from django.utils import translation

from kierunek.core.audit_registry import is_registered
from kierunek.core.workflow import WORKFLOWS

ROOT = Path(__file__).resolve().parents[2] / "kierunek"
PROGRESS_MARK = "# progress, not a workflow"

# The lifecycles of the programme: each is declared with the kit (model label -> state field).
LIFECYCLES = {
    "vouchers.booking",
    "vouchers.voucherorder",
    "vouchers.paymentbatch",
    "vouchers.contribution",
    "programmes.application",
    "guidance.developmentplan",
    "guidance.appointment",
    "quality.qualitymarkcase",
}


def _transitions():
    return [(workflow, t) for workflow in WORKFLOWS.values() for t in workflow.transitions.values()]


def test_every_lifecycle_of_the_programme_is_declared_with_the_kit():
    declared = {workflow.model._meta.label_lower for workflow in WORKFLOWS.values()}
    assert LIFECYCLES - declared == set()


@pytest.mark.parametrize(("workflow", "transition"), _transitions(), ids=lambda v: getattr(v, "name", ""))
def test_every_transition_has_a_label_a_registered_audit_action_and_a_translated_notification(
    workflow, transition
):
    assert str(transition.label).strip(), f"{workflow.name}.{transition.name} has no label"
    assert is_registered(transition.audit_action), transition.audit_action
    assert transition.roles, f"{workflow.name}.{transition.name}: nobody may take it"
    if transition.notification is not None:
        subject = transition.notification.subject
        with translation.override("pl"):
            assert translation.gettext(subject) != subject, f"no Polish for {subject!r}"
        get_template(transition.notification.template)


def _state_assignments(path: Path) -> list[str]:
    source = path.read_text()
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if not isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            continue
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr in {"status", "state"}:
                line = lines[node.lineno - 1]
                if PROGRESS_MARK not in line:
                    found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}: {line.strip()}")
    return found


def test_no_code_outside_the_kit_assigns_a_state():
    """A state changes through ``Workflow.apply``; the progress counters of background jobs are
    marked as such on their line."""
    found = [
        hit
        for path in sorted(ROOT.rglob("*.py"))
        if "migrations" not in path.parts and path.name != "workflow.py"
        for hit in _state_assignments(path)
    ]
    assert found == []
