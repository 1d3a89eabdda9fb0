"""Who answers the survey of training needs and in which gmina; the Metropolis sends one survey
a year; the centre keeps the plan and records delivery."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.education.selectors_diagnosis import plan_totals
from kierunek.education.services.diagnosis import (
    NeedsAnswer,
    course_plan_record_delivery,
    course_plan_save,
    needs_answer,
    needs_assessment_open,
)
from kierunek.geo.models import Gmina
from kierunek.surveys.models import Response
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.education import builders as b

pytestmark = pytest.mark.django_db
GOOD = NeedsAnswer(topics=["digital"], forms=["workshop"], timing="spring")


def test_each_respondent_counts_in_their_gmina_and_anonymously():
    assessment = b.assessment(b.metropolis())
    needs_answer(actor=Actor.of(b.director(b.WIELICZKA)), assessment=assessment, answer=GOOD)
    needs_answer(actor=Actor.of(b.gmina_staff(b.KRAKOW)), assessment=assessment, answer=GOOD)
    rows = set(Response.objects.values_list("group", "segment", "respondent"))
    assert rows == {(b.WIELICZKA, "director", None), (b.KRAKOW, "gmina", None)}


def test_people_outside_the_metropolis_or_of_other_roles_do_not_answer():
    assessment = b.assessment(b.metropolis())
    with pytest.raises(PermissionDenied):
        needs_answer(actor=Actor.of(b.teacher(b.OUTSIDE)), assessment=assessment, answer=GOOD)
    with pytest.raises(PermissionDenied):
        needs_answer(actor=Actor.of(UserFactory(role=Role.TEACHER)), assessment=assessment, answer=GOOD)
    with pytest.raises(PermissionDenied):
        needs_answer(actor=Actor.of(StaffUserFactory(role=Role.OFFICER)), assessment=assessment, answer=GOOD)
    with pytest.raises(ValidationError):
        needs_answer(
            actor=Actor.of(b.teacher(b.KRAKOW)),
            assessment=assessment,
            answer=NeedsAnswer(topics=["astrology"], forms=["course"], timing="spring"),
        )
    assert not Response.objects.exists()


def test_one_survey_a_year_sent_by_the_metropolis_only():
    m = b.metropolis()
    b.assessment(m, year=2026)
    with pytest.raises(ValidationError):
        b.assessment(m, year=2026)
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        needs_assessment_open(
            actor=Actor.of(StaffUserFactory(role=Role.TRAINING_CENTRE_STAFF)),
            metropolis=m,
            school_year=2027,
            opens_on=today,
            closes_on=today,
        )


def test_the_plan_against_what_was_delivered():
    m = b.metropolis()
    assessment = b.assessment(m)
    centre = Actor.of(StaffUserFactory(role=Role.TRAINING_CENTRE_STAFF))
    krakow = Gmina.objects.get(teryt=b.KRAKOW)
    line = course_plan_save(
        actor=centre, assessment=assessment, topic="stem", gmina=krakow, planned_courses=4, planned_places=60
    )
    again = course_plan_save(
        actor=centre, assessment=assessment, topic="stem", gmina=krakow, planned_courses=5, planned_places=70
    )
    assert again.pk == line.pk
    course_plan_record_delivery(actor=centre, line_id=line.pk, delivered_courses=4, delivered_places=55)
    totals = plan_totals(list(assessment.plan.all()))
    assert (totals.planned, totals.delivered, totals.rate, totals.shortfall) == (5, 4, 0.8, 1)
    with pytest.raises(ValidationError):
        course_plan_save(
            actor=centre,
            assessment=assessment,
            topic="stem",
            gmina=Gmina.objects.get(teryt=b.OUTSIDE),
            planned_courses=1,
            planned_places=10,
        )
    with pytest.raises(PermissionDenied):
        course_plan_record_delivery(
            actor=Actor.of(StaffUserFactory(role=Role.METROPOLIS_STAFF)),
            line_id=line.pk,
            delivered_courses=1,
            delivered_places=1,
        )
