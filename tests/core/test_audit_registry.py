import re
from pathlib import Path

import pytest

from kierunek.core.audit import audit_record
from kierunek.core.audit_registry import audit_action, naming_problem, registered_audit_actions

ROOT = Path(__file__).resolve().parents[2] / "kierunek"


@pytest.mark.parametrize(
    ("name", "fits"),
    [
        ("vouchers.booking_created", True),
        ("participant.file_read", True),
        ("vouchers.booking_clawed_back", True),
        ("vouchers.batch_built", True),
        ("account.logged_in", True),
        ("vouchers.booking_create", False),  # what was asked, not what happened
        ("account.login", False),
        ("guidance.plan_feedback", False),
        ("Vouchers.booking_created", False),
        ("booking_created", False),
        ("vouchers.booking.created", False),
    ],
)
def test_the_naming_rule(name, fits):
    assert (naming_problem(name) is None) is fits


def test_every_declared_action_follows_the_rule_and_a_name_means_one_thing():
    assert registered_audit_actions()
    assert [name for name in registered_audit_actions() if naming_problem(name)] == []
    with pytest.raises(ValueError, match="twice"):
        audit_action("participant.file_read", "another label")
    with pytest.raises(ValueError, match="past participle"):
        audit_action("vouchers.booking_create")


@pytest.mark.django_db
def test_an_undeclared_action_is_refused_before_anything_is_written():
    with pytest.raises(ValueError, match="not declared"):
        audit_record(action="vouchers.something_happened")


def test_the_code_names_actions_by_their_declared_constants():
    """A call never spells an action out (``action="..."``): it uses the constant its context's
    audit_actions declares, so a typo is an import error, not a row nobody finds."""
    literal = re.compile(r"""action=["']([a-z_]+\.[a-z_]+)["']""")
    spelled = sorted(
        f"{path.relative_to(ROOT)}: {match}"
        for path in ROOT.rglob("*.py")
        if "migrations" not in path.parts
        for match in literal.findall(path.read_text())
    )
    assert spelled == []
