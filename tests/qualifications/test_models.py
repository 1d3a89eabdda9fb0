"""The database keeps the register's invariants whatever code writes (the services check the same
rules first: test_services)."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from kierunek.qualifications.models import LearningOutcome, OutcomeSet, Qualification

pytestmark = pytest.mark.django_db


def _row(**overrides):
    values = {
        "code": "DB-1",
        "name": "Nazwa",
        "kind": "market",
        "prk_level": 4,
        "workload_hours": 10,
        "description": "Opis",
        "target_group": "Dla kogo",
        "validation_methods": "Metody",
        "validation_staff": "Kadra",
        "quality_body": "PZZJ",
        "registered_on": datetime.date(2021, 1, 1),
    }
    values.update(overrides)
    return Qualification(**values)


def test_a_complete_row_is_accepted():
    _row().save()
    assert Qualification.objects.filter(code="DB-1").exists()


@pytest.mark.parametrize(
    "overrides",
    [
        {"prk_level": 0},
        {"prk_level": 9},
        {"workload_hours": 0},
        {"kind": "other"},
        {"code": ""},
        {"name": ""},
        {"quality_body": ""},
        {"certificate_validity_years": 0},
    ],
    ids=lambda o: next(iter(o)) + "=" + repr(next(iter(o.values()))),
)
def test_the_database_refuses_a_broken_qualification(overrides):
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(**overrides).save()
    assert not Qualification.objects.exists()


def test_codes_are_unique_in_the_register_and_within_a_qualification():
    qualification = _row()
    qualification.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(name="Inna").save()
    outcome_set = OutcomeSet.objects.create(qualification=qualification, code="ZE1", name="Zestaw")
    with pytest.raises(IntegrityError), transaction.atomic():
        OutcomeSet.objects.create(qualification=qualification, code="ZE1", name="Drugi")
    LearningOutcome.objects.create(outcome_set=outcome_set, code="1", text="Efekt", criteria=["k"])
    with pytest.raises(IntegrityError), transaction.atomic():
        LearningOutcome.objects.create(outcome_set=outcome_set, code="1", text="Drugi", criteria=["k"])
    with pytest.raises(IntegrityError), transaction.atomic():
        LearningOutcome.objects.create(outcome_set=outcome_set, code="2", text="", criteria=["k"])
