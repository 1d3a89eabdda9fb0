"""The evaluations demo gives each role work: outcome-survey invitations waiting (one answered,
and no answer without its invitation),
comments waiting for moderation and two published for the provider to reply to, and one provider
flagged on the officers' quality overview; a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from kierunek.evaluations.models import CommentState, OutcomeInvitation, OutcomeResponse, SurveyResponse
from kierunek.evaluations.selectors.overview import quality_by_provider

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_gives_every_role_work_in_evaluations():
    run_seed()
    counts = (
        OutcomeInvitation.objects.count(),
        OutcomeResponse.objects.count(),
        SurveyResponse.objects.count(),
    )

    invitations = OutcomeInvitation.objects.all()
    assert invitations.filter(answered_on__isnull=False).count() == 1
    assert invitations.filter(answered_on__isnull=True).exists()
    # Every answer has its invitation: the overview's response rate and results agree.
    assert OutcomeResponse.objects.count() == 1
    states = set(SurveyResponse.objects.values_list("comment_state", flat=True))
    assert {CommentState.PENDING, CommentState.APPROVED} <= states
    flagged = [row for row in quality_by_provider() if row.flags]
    assert len(flagged) == 1

    run_seed()
    assert (
        OutcomeInvitation.objects.count(),
        OutcomeResponse.objects.count(),
        SurveyResponse.objects.count(),
    ) == counts
