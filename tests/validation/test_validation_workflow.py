"""The lifecycle of a validation as a table, checked state by state and role by role against the
declared workflow, and the path along it through the services: application, identification,
documentation, verification, result, re-sit and appeal."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.validation import selectors, services
from kierunek.validation.models import ValidationStatus
from kierunek.validation.workflows import VALIDATION

from . import builders as b

S = ValidationStatus
STAFF = {Role.CERTIFICATION_STAFF}
CANDIDATE = {Role.PARTICIPANT}
ALLOWED = {
    (S.APPLIED, "accept"): S.IDENTIFICATION,
    (S.APPLIED, "refuse"): S.REFUSED,
    (S.IDENTIFICATION, "finish_identification"): S.DOCUMENTATION,
    (S.DOCUMENTATION, "finish_documentation"): S.VERIFICATION,
    (S.VERIFICATION, "pass"): S.PASSED,
    (S.VERIFICATION, "fail"): S.FAILED,
    (S.FAILED, "resit"): S.VERIFICATION,
    (S.FAILED, "appeal"): S.APPEALED,
    (S.APPEALED, "uphold_appeal"): S.VERIFICATION,
    (S.APPEALED, "dismiss_appeal"): S.FAILED,
    **{
        (state, "withdraw"): S.WITHDRAWN
        for state in (S.APPLIED, S.IDENTIFICATION, S.DOCUMENTATION, S.VERIFICATION, S.FAILED)
    },
}
ROLES_OF = {
    "accept": STAFF,
    "refuse": STAFF,
    "finish_identification": STAFF,
    "finish_documentation": STAFF,
    "pass": STAFF,
    "fail": STAFF,
    "resit": CANDIDATE,
    "appeal": CANDIDATE,
    "uphold_appeal": STAFF,
    "dismiss_appeal": STAFF,
    "withdraw": CANDIDATE,
}
ALL_PAIRS = [(state, name) for state in S.values for name in ROLES_OF]


def test_the_table_names_every_transition():
    assert set(VALIDATION.transitions) == set(ROLES_OF)


@pytest.mark.parametrize(("state", "name"), ALL_PAIRS)
@pytest.mark.parametrize("role", [*Role.values, "system"])
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role in ROLES_OF[name]:
        assert VALIDATION.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused):
            VALIDATION.check(state=state, name=name, role=role)


@pytest.mark.django_db
def test_a_candidate_goes_from_the_application_to_a_positive_result_with_history_and_audit():
    ic = b.institution()
    validation = b.in_verification(ic)
    assert validation.status == S.VERIFICATION
    validation = b.record(ic, b.seated(ic, validation))
    assert validation.status == S.PASSED
    assert validation.result_on == timezone.localdate()
    assert validation.appeal_until is None
    assert [s.code for s in selectors.validation_passed_sets(validation)] == ["ZE1", "ZE2"]
    assert [e.status_to for e in validation.events.all()] == [
        S.IDENTIFICATION,
        S.DOCUMENTATION,
        S.VERIFICATION,
        S.PASSED,
    ]
    actions = set(AuditEvent.objects.filter(object_id=str(validation.pk)).values_list("action", flat=True))
    assert {
        "validation.application_made",
        "validation.validation_passed",
        "validation.results_recorded",
    } <= actions


@pytest.mark.django_db
def test_a_set_passed_stays_passed_and_a_resit_sits_only_the_rest():
    ic = b.institution()
    validation = b.in_verification(ic)
    validation = b.record(ic, b.seated(ic, validation), passed={1: False})
    assert validation.status == S.FAILED
    assert validation.appeal_until == timezone.localdate() + timedelta(days=14)
    assert [s.code for s in selectors.validation_passed_sets(validation)] == ["ZE1"]

    services.validation_resit(actor=Actor.of(validation.candidate), validation_id=validation.pk)
    validation.refresh_from_db()
    assert [s.code for s in selectors.sets_to_sit(validation)] == ["ZE2"]
    validation = b.record(ic, b.seated(ic, validation))
    assert validation.status == S.PASSED
    assert validation.results.count() == 3  # ZE1 once, ZE2 twice


@pytest.mark.django_db
def test_an_appeal_is_lodged_within_the_deadline_and_decided_by_the_signer_only():
    ic = b.institution()
    validation = b.record(ic, b.seated(ic, b.in_verification(ic)), passed={0: False})
    candidate = Actor.of(validation.candidate)
    late = timezone.localdate() + timedelta(days=15)
    with pytest.raises(Exception, match="appeal"):
        services.validation_appeal(actor=candidate, validation_id=validation.pk, text="Proszę.", today=late)
    services.validation_appeal(actor=candidate, validation_id=validation.pk, text="Awaria stanowiska.")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.appeal_decide(
            actor=Actor.of(ic.assessor), validation_id=validation.pk, upheld=True, decision="Tak."
        )
    services.appeal_decide(
        actor=Actor.of(ic.signer), validation_id=validation.pk, upheld=False, decision="Bez podstaw."
    )
    validation.refresh_from_db()
    assert validation.status == S.FAILED
    assert validation.appeal_until is None
    with pytest.raises(Exception, match="appeal"):
        services.validation_appeal(actor=candidate, validation_id=validation.pk, text="Jeszcze raz.")


@pytest.mark.django_db
def test_an_upheld_appeal_sends_the_candidate_back_to_verification():
    ic = b.institution()
    validation = b.record(ic, b.seated(ic, b.in_verification(ic)), passed={0: False})
    services.validation_appeal(
        actor=Actor.of(validation.candidate), validation_id=validation.pk, text="Awaria."
    )
    services.appeal_decide(
        actor=Actor.of(ic.signer), validation_id=validation.pk, upheld=True, decision="Powtórzyć."
    )
    validation.refresh_from_db()
    assert validation.status == S.VERIFICATION
    assert [s.code for s in selectors.sets_to_sit(validation)] == ["ZE1"]


@pytest.mark.django_db
def test_the_candidate_withdraws_and_may_apply_again():
    ic = b.institution()
    validation = b.applied(ic)
    services.validation_withdraw(actor=Actor.of(validation.candidate), validation_id=validation.pk)
    validation.refresh_from_db()
    assert validation.status == S.WITHDRAWN
    again = b.applied(ic, validation.candidate)
    assert again.pk != validation.pk
