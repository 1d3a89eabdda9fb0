"""The indicators' demo: a year of partners' activity, last year's self-assessment answered and
this year's open with the demo partner still to answer, last year's recognition list public and
this year's waiting for the office; a second run adds nothing."""

import pytest
from django.utils import timezone

from kierunek.accounts import demo as accounts_demo
from kierunek.accounts.models import User
from kierunek.partnership import demo, selectors
from kierunek.partnership import selectors_indicators as indicators
from kierunek.partnership.models import RecognitionList, SelfAssessmentRound
from kierunek.surveys.models import Response

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_indicators_real_work(monkeypatch):
    monkeypatch.setitem(accounts_demo.GENERATED_PARTICIPANTS, "small", 0)
    list(accounts_demo.seed(size="small"))
    assert len(list(demo.seed(size="small"))) == demo.planned("small")
    counts = (Response.objects.count(), RecognitionList.objects.count())
    list(demo.seed(size="small"))
    assert (Response.objects.count(), RecognitionList.objects.count()) == counts

    year = timezone.localdate().year
    record = indicators.activity_record(year=year)
    active = [row for row in record.institutions if row.total]
    assert len(active) >= 5
    assert sum(row.count("events_organised") for row in record.institutions) >= 4
    assert sum(row.count("events_attended") for row in record.institutions) >= 10
    assert record.people

    assert indicators.published_list(year=year - 1).places.exists()
    assert RecognitionList.objects.get(year=year).status == "draft"

    this_round = SelfAssessmentRound.objects.get(year=year)
    assert this_round.is_open()
    assert indicators.round_results(survey=this_round).responses >= 3
    partner = User.objects.get(email="partner@kierunek.example")
    institution = selectors.institution_of_staff(user=partner)
    assert indicators.rounds_to_answer(institution=institution) == [this_round]
