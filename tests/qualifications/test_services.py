"""Entering and editing the register: only officers (and the system), every rule checked, the
history says who changed what, and outcome rows keep their identity across an edit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.qualifications import services
from kierunek.qualifications.domain import OutcomeInput, OutcomeSetInput
from kierunek.qualifications.models import LearningOutcome, Qualification, QualificationChange
from tests.accounts.factories import StaffUserFactory

from .factories import outcome_sets, qualification, qualification_input

pytestmark = pytest.mark.django_db


def test_an_officer_enters_a_qualification_with_its_history_and_audit():
    officer = StaffUserFactory(role=Role.OFFICER)
    entered = services.qualification_create(actor=Actor.of(officer), data=qualification_input())
    change = entered.changes.get()
    assert change.how == QualificationChange.How.CREATED
    assert change.changed_by == officer
    assert change.changes["name"] == ["", "Prowadzenie szkoleń"]
    assert entered.outcome_sets.get().outcomes.get().criteria == ["wykonuje zadanie", "ocenia wynik"]
    assert AuditEvent.objects.filter(
        action="qualifications.qualification_created", object_id=str(entered.pk)
    ).exists()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.OFFICER])
def test_no_other_role_changes_the_register(role):
    person = StaffUserFactory(role=role)
    with pytest.raises(PermissionDenied):
        services.qualification_create(actor=Actor.of(person), data=qualification_input())
    existing = qualification()
    with pytest.raises(PermissionDenied):
        services.qualification_update(
            actor=Actor.of(person), qualification=existing, data=qualification_input(name="Zmienione")
        )
    existing.refresh_from_db()
    assert existing.name == "Prowadzenie szkoleń"
    assert Qualification.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"code": "zły kod"}, "code"),
        ({"prk_level": 9}, "prk_level"),
        ({"kind": "free"}, "kind"),
        ({"outcome_sets": ()}, "outcome_sets"),
        (
            {"outcome_sets": (OutcomeSetInput("ZE1", "Zestaw", (OutcomeInput("1", "Efekt", ()),)),)},
            "outcome_sets",
        ),
        ({"outcome_sets": outcome_sets("A", "B")[:1] * 2}, "outcome_sets"),
        ({"description": " "}, "description"),
        ({"certificate_validity_years": 0}, "certificate_validity_years"),
    ],
)
def test_a_broken_qualification_is_refused_by_field_and_nothing_is_written(overrides, field):
    with pytest.raises(ValidationError) as refused:
        services.qualification_create(
            actor=Actor.of(StaffUserFactory()), data=qualification_input(**overrides)
        )
    assert field in refused.value.message_dict
    assert not Qualification.objects.exists()


def test_a_code_is_entered_once():
    qualification()
    with pytest.raises(ValidationError) as refused:
        qualification(name="Inna")
    assert "code" in refused.value.message_dict


def test_an_edit_records_only_what_changed_and_keeps_outcomes_whose_codes_stay():
    officer = StaffUserFactory()
    entered = qualification(outcome_sets=outcome_sets("Przygotowanie", "Realizacja"))
    kept = LearningOutcome.objects.get(outcome_set__code="ZE1")
    changed_sets = outcome_sets("Przygotowanie szkolenia")  # ZE1 renamed, ZE2 gone
    services.qualification_update(
        actor=Actor.of(officer),
        qualification=entered,
        data=qualification_input(prk_level=6, outcome_sets=changed_sets),
    )
    change = entered.changes.filter(how=QualificationChange.How.EDITED).get()
    assert change.changed_by == officer
    assert set(change.changes) == {"prk_level", "outcome_sets"}
    assert change.changes["prk_level"] == ["5", "6"]
    assert LearningOutcome.objects.get(outcome_set__code="ZE1").pk == kept.pk  # the same row
    assert not entered.outcome_sets.filter(code="ZE2").exists()


def test_an_edit_that_changes_nothing_leaves_no_history():
    entered = qualification()
    services.qualification_update(
        actor=Actor.of(StaffUserFactory()), qualification=entered, data=qualification_input()
    )
    assert entered.changes.count() == 1


def test_the_code_does_not_change():
    entered = qualification()
    with pytest.raises(ValidationError):
        services.qualification_update(
            actor=Actor.of(StaffUserFactory()),
            qualification=entered,
            data=qualification_input(code="TEST-02"),
        )
