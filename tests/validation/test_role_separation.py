"""The separation of roles the act on the ZSK requires, enforced by the services: the advisor who
supported a candidate never assesses them; a commission has at least two assessors, each of whom
declared no conflict of interest; only the staff of the candidate's institution act, each by
function; a candidate sees and changes only their own validation."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.qualifications.models import CertificationStaff
from kierunek.validation import services
from kierunek.validation.models import SetResult, Validation

from . import builders as b

pytestmark = pytest.mark.django_db


def _advisor_also_assessor(ic):
    CertificationStaff.objects.create(institution=ic.institution, user=ic.advisor, function="assessor")


def test_the_advisor_who_supported_the_candidate_cannot_declare_or_assess_them():
    ic = b.institution()
    _advisor_also_assessor(ic)
    validation = b.in_verification(ic)
    with pytest.raises(PermissionDenied, match="advisor"):
        services.conflict_declare(actor=Actor.of(ic.advisor), validation_id=validation.pk, has_conflict=False)


def test_a_seat_at_a_commission_with_the_candidates_advisor_is_refused():
    ic = b.institution()
    _advisor_also_assessor(ic)
    validation = b.in_verification(ic)
    exam = b.session(ic, assessors=[ic.advisor, ic.assessor])
    with pytest.raises(ValidationError, match="advisor"):
        services.seat_take(
            actor=Actor.of(validation.candidate), validation_id=validation.pk, session_id=exam.pk
        )


def test_results_by_a_commission_with_the_advisor_are_refused_even_if_seated_before_the_advisor_was_named():
    ic = b.institution()
    _advisor_also_assessor(ic)
    validation = b.in_verification(ic)
    exam = b.session(ic, assessors=[ic.signer, ic.assessor])
    seat = b.seated(ic, validation, exam)
    # The advisor joins the commission after the seat was taken (as if added by hand).
    exam.commission.create(assessor=ic.advisor)
    with pytest.raises(PermissionDenied, match="advisor"):
        b.record(ic, seat)
    assert not SetResult.objects.exists()


def test_a_commission_has_at_least_two_assessors_of_the_institution():
    ic = b.institution()
    with pytest.raises(ValidationError) as refused:
        b.session(ic, assessors=[ic.assessor])
    assert "assessors" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        b.session(ic, assessors=[ic.assessor, ic.advisor])  # the advisor is no assessor here
    assert "assessors" in refused.value.message_dict


def test_results_wait_for_every_members_declaration_and_a_conflict_stops_them():
    ic = b.institution()
    validation = b.in_verification(ic)
    exam = b.session(ic)
    seat = b.seated(ic, validation, exam, declare=False)
    services.conflict_declare(actor=Actor.of(ic.assessor), validation_id=validation.pk, has_conflict=False)
    with pytest.raises(ValidationError, match="declare"):
        b.record(ic, seat)
    with pytest.raises(ValidationError):
        services.conflict_declare(actor=Actor.of(ic.signer), validation_id=validation.pk, has_conflict=True)
    services.conflict_declare(
        actor=Actor.of(ic.signer), validation_id=validation.pk, has_conflict=True, statement="Kuzynka."
    )
    with pytest.raises(ValidationError, match="declare"):
        b.record(ic, seat)


def test_only_a_member_of_the_commission_records_results():
    ic = b.institution()
    other = b.staff(ic.institution, "assessor")
    seat = b.seated(ic, b.in_verification(ic))
    with pytest.raises(PermissionDenied, match="commission"):
        services.results_record(
            actor=Actor.of(other),
            seat_id=seat.pk,
            results={s.pk: (True, True) for s in seat.session.outcome_sets.all()},
        )


def test_staff_of_another_institution_cannot_act():
    ic = b.institution()
    stranger = b.institution(code="TEST-02", name="Inny Instytut")
    validation = b.applied(ic)
    with pytest.raises(PermissionDenied):
        services.validation_accept(
            actor=Actor.of(stranger.signer), validation_id=validation.pk, advisor_id=stranger.advisor.pk
        )
    with pytest.raises(ValidationError, match="advisor"):
        services.validation_accept(
            actor=Actor.of(ic.signer), validation_id=validation.pk, advisor_id=stranger.advisor.pk
        )


def test_identification_and_documentation_are_the_named_advisors():
    ic = b.institution()
    other_advisor = b.staff(ic.institution, "advisor")
    validation = b.applied(ic)
    services.validation_accept(
        actor=Actor.of(ic.signer), validation_id=validation.pk, advisor_id=ic.advisor.pk
    )
    with pytest.raises(PermissionDenied):
        services.identification_finish(actor=Actor.of(other_advisor), validation_id=validation.pk)
    with pytest.raises(ValidationError, match="self-assessment"):
        services.identification_finish(actor=Actor.of(ic.advisor), validation_id=validation.pk)


def test_a_candidate_cannot_touch_anothers_validation():
    ic = b.institution()
    validation = b.applied(ic)
    with pytest.raises(Validation.DoesNotExist):
        services.validation_withdraw(actor=Actor.of(b.candidate()), validation_id=validation.pk)


def test_an_institution_not_authorised_is_refused_and_one_open_validation_per_qualification():
    ic = b.institution()
    other = b.institution(code="TEST-02", name="Inny Instytut")
    person = b.candidate()
    with pytest.raises(ValidationError):
        services.validation_apply(
            actor=Actor.of(person),
            qualification_code=ic.qualification.code,
            institution_id=other.institution.pk,
        )
    b.applied(ic, person)
    with pytest.raises(ValidationError, match="open"):
        b.applied(ic, person)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Validation.objects.create(
            candidate=person, institution=ic.institution, qualification=ic.qualification
        )


def test_evidence_from_the_portfolio_must_be_the_candidates_own():
    ic = b.institution()
    validation = b.applied(ic)
    services.validation_accept(
        actor=Actor.of(ic.signer), validation_id=validation.pk, advisor_id=ic.advisor.pk
    )
    mine = b.portfolio_item(validation.candidate)
    theirs = b.portfolio_item(b.candidate())
    outcome = ic.qualification.outcome_sets.first().outcomes.first()
    actor = Actor.of(validation.candidate)
    with pytest.raises(ValidationError):
        services.evidence_from_portfolio(
            actor=actor, validation_id=validation.pk, portfolio_item_id=theirs.pk, outcome_ids=[outcome.pk]
        )
    evidence = services.evidence_from_portfolio(
        actor=actor, validation_id=validation.pk, portfolio_item_id=mine.pk, outcome_ids=[outcome.pk]
    )
    assert evidence.portfolio_item == mine
    assert list(evidence.outcomes.all()) == [outcome]


def test_a_session_is_scheduled_in_the_future_with_seats():
    ic = b.institution()
    with pytest.raises(ValidationError) as refused:
        services.session_schedule(
            actor=Actor.of(ic.signer),
            institution_id=ic.institution.pk,
            qualification_code=ic.qualification.code,
            starts_at=timezone.now() - timedelta(hours=1),
            place="",
            seats=0,
            assessor_ids=[ic.signer.pk, ic.assessor.pk],
        )
    assert set(refused.value.message_dict) == {"starts_at", "place", "seats"}
    full = b.session(ic, seats=1)
    b.seated(ic, b.in_verification(ic), full)
    with pytest.raises(ValidationError, match="free seat"):
        b.seated(ic, b.in_verification(ic), full)
