"""The lifecycle of a body's decision as a table, and through the services: decisions are numbered
per body and year; the body's secretary (partner staff) or the office records them and changes
their status; another body's keeper cannot."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.workflow import TransitionRefused
from kierunek.partnership import services
from kierunek.partnership.models import DecisionStatus
from kierunek.partnership.workflows import DECISION

from . import bodies_builders as bb
from . import builders as b

S = DecisionStatus
ALLOWED = {
    (S.ADOPTED, "implement"): S.IMPLEMENTED,
    (S.ADOPTED, "repeal"): S.REPEALED,
    (S.IMPLEMENTED, "repeal"): S.REPEALED,
}
ROLES_OF = {"implement": {Role.OFFICER, Role.PARTNER_STAFF}, "repeal": {Role.OFFICER, Role.PARTNER_STAFF}}


def test_the_table_names_every_transition():
    assert set(DECISION.transitions) == set(ROLES_OF)


@pytest.mark.parametrize(("state", "name"), [(s, n) for s in S.values for n in ROLES_OF])
@pytest.mark.parametrize("role", [*Role.values, "system"])
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in ROLES_OF[name]:
        assert DECISION.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused):
            DECISION.check(state=state, name=name, role=role)


def _record(body, actor, day):
    return services.decision_record(
        actor=actor, body_id=body.pk, title="W sprawie planu", text_="Treść.", adopted_on=day
    )


@pytest.mark.django_db
def test_decisions_are_numbered_per_body_and_year():
    council, group = bb.council(), bb.group()
    office = bb.office()
    first = _record(council, office, date(2025, 3, 1))
    second = _record(council, office, date(2025, 9, 1))
    other_body = _record(group, office, date(2025, 4, 1))
    next_year = _record(council, office, date(2026, 1, 10))
    assert [first.reference, second.reference, other_body.reference, next_year.reference] == [
        "1/2025",
        "2/2025",
        "1/2025",
        "1/2026",
    ]
    services.decision_move(
        actor=office, decision_id=first.pk, transition="repeal", note="Uchylona uchwałą 2/2025"
    )
    assert (
        _record(council, office, date(2025, 10, 1)).reference == "3/2025"
    )  # a repealed number is not reused


@pytest.mark.django_db
def test_the_secretary_records_and_repeals_with_a_note_and_another_bodys_keeper_cannot():
    institution = b.partner()
    secretary = b.staff_of(institution)
    council = bb.council()
    bb.seat(council, institution, function="secretary", email=secretary.email)
    decision = _record(council, Actor.of(secretary), date(2025, 5, 5))
    assert decision.recorded_by == secretary

    with pytest.raises(ValidationError):  # a repeal says by what
        services.decision_move(actor=Actor.of(secretary), decision_id=decision.pk, transition="repeal")
    _other, leader = bb.led_group(
        b.partner("Centrum Kształcenia Zawodowego w Nowym Targu", powiat=b.NOWY_TARG)
    )
    with pytest.raises(PermissionDenied):
        services.decision_move(actor=Actor.of(leader), decision_id=decision.pk, transition="implement")
    with pytest.raises(PermissionDenied):
        _record(council, Actor.of(leader), date(2025, 5, 6))
    decision.refresh_from_db()
    assert decision.status == S.ADOPTED

    services.decision_move(actor=Actor.of(secretary), decision_id=decision.pk, transition="implement")
    services.decision_move(
        actor=Actor.of(secretary), decision_id=decision.pk, transition="repeal", note="Uchwała 4/2026"
    )
    decision.refresh_from_db()
    assert (decision.status, decision.status_note) == (S.REPEALED, "Uchwała 4/2026")
    with pytest.raises(TransitionRefused):
        services.decision_move(actor=Actor.of(secretary), decision_id=decision.pk, transition="implement")
