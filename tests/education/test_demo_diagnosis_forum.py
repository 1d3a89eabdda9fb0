"""The demo gives the Metropolis an answered survey of training needs with a gap map that shows
unmet demand, the centre a plan with what was delivered, and the Forum members, two meetings, one
standard adopted after consultation and one in consultation; the demo director and teacher still
have the survey to answer; a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.education import domain_diagnosis as dd
from kierunek.education.models import (
    CoursePlan,
    ForumMeeting,
    ForumMember,
    NeedsAssessment,
    StandardComment,
    StandardVersion,
)
from kierunek.education.selectors_diagnosis import gap_map, results_by_gmina
from kierunek.newsletter.models import Topic
from kierunek.surveys.models import Response
from kierunek.surveys.services.surveys import has_answered

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_gives_the_diagnosis_and_the_forum():
    run_seed()
    counts = (Response.objects.count(), CoursePlan.objects.count(), StandardVersion.objects.count())
    run_seed()
    assert (Response.objects.count(), CoursePlan.objects.count(), StandardVersion.objects.count()) == counts
    assessment = NeedsAssessment.objects.get()
    assert assessment.survey.is_open()
    rows = results_by_gmina(assessment)
    assert len(rows) == 15
    assert sum(1 for row in rows if row.hidden) == 2
    statuses = {row.status for row in gap_map(assessment).rows}
    assert dd.UNMET in statuses
    assert dd.HIDDEN in statuses
    assert CoursePlan.objects.filter(delivered_courses__isnull=False).exists()
    for role in (Role.SCHOOL_DIRECTOR, Role.TEACHER):
        assert not has_answered(survey=assessment.survey, user=User.objects.get(email=demo_email(role)))
    assert ForumMember.objects.count() >= 5
    assert ForumMeeting.objects.count() == 2
    assert ForumMeeting.objects.exclude(minutes_file="").count() == 1
    assert set(StandardVersion.objects.values_list("status", flat=True)) == {"published", "consultation"}
    assert StandardComment.objects.filter(answer="").count() == 1
    assert Topic.objects.filter(slug="edukacja").exists()
