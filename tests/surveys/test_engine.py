"""The survey engine with the database: a person answers once; an anonymous response names nobody
(who took part is kept apart); a closed survey takes no answers; one-time links are spent; the
results of a group appear only from the survey's threshold on (none below it, text included); the
CSV and XLSX exports keep to the same rule."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from openpyxl import load_workbook

from kierunek.accounts.models import Role
from kierunek.core.actor import SYSTEM, Actor
from kierunek.surveys import domain as d
from kierunek.surveys.exports import results_csv, results_xlsx
from kierunek.surveys.models import Participation, Response
from kierunek.surveys.selectors import results
from kierunek.surveys.services import (
    QuestionData,
    SurveyData,
    response_submit,
    response_submit_by_token,
    survey_create,
    tokens_issue,
)
from tests.accounts.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The refusals are read in English (the site's default language is Polish)."""
    with translation.override("en"):
        yield


def make_survey(*, anonymous=True, threshold=3, opens_in=0):
    today = timezone.localdate()
    return survey_create(
        actor=Actor.of(StaffUserFactory(role=Role.METROPOLIS_STAFF)),
        data=SurveyData(
            owner="tests",
            title="Ankieta testowa",
            opens_on=today + timedelta(days=opens_in),
            closes_on=today + timedelta(days=opens_in + 10),
            anonymous=anonymous,
            threshold=threshold,
            questions=[
                QuestionData(key="colour", text="Kolor?", kind=d.SINGLE, choices=["red", "blue"]),
                QuestionData(key="score", text="Ocena?", kind=d.SCALE),
                QuestionData(key="note", text="Uwagi?", kind=d.LONG_TEXT, required=False),
            ],
        ),
    )


def answer(survey, *, group="A", colour=0, score=4, note="", user=None):
    user = user or UserFactory(role=Role.TEACHER)
    return response_submit(
        actor=Actor.of(user),
        survey=survey,
        answers={"colour": [colour], "score": score, "note": note},
        group=group,
    )


def test_an_anonymous_response_names_nobody_and_the_person_answers_once():
    survey = make_survey()
    person = UserFactory(role=Role.TEACHER)
    response = answer(survey, user=person)
    assert response.respondent is None
    assert Participation.objects.filter(survey=survey, user=person).exists()
    with pytest.raises(ValidationError, match="already answered"):
        answer(survey, user=person)
    assert Response.objects.filter(survey=survey).count() == 1


def test_a_named_survey_keeps_the_respondent_and_once_only():
    survey = make_survey(anonymous=False)
    person = UserFactory(role=Role.TEACHER)
    assert answer(survey, user=person).respondent == person
    with pytest.raises(ValidationError):
        answer(survey, user=person)


def test_answers_are_checked_and_a_closed_survey_takes_none():
    survey = make_survey()
    with pytest.raises(ValidationError) as refused:
        response_submit(actor=Actor.of(UserFactory()), survey=survey, answers={"colour": [5], "score": 9})
    assert set(refused.value.message_dict) == {"colour", "score"}
    with pytest.raises(ValidationError):
        response_submit(actor=Actor.of(UserFactory()), survey=survey, answers={"colour": [0]})
    with pytest.raises(ValidationError, match="not open"):
        answer(make_survey(opens_in=2))
    assert not Response.objects.exists()


def test_a_one_time_link_answers_once():
    survey = make_survey()
    [token] = tokens_issue(actor=Actor.of(survey.created_by), survey=survey, count=1, group="B")
    response = response_submit_by_token(actor=SYSTEM, token=token, answers={"colour": [1], "score": 2})
    assert (response.group, response.respondent) == ("B", None)
    with pytest.raises(ValidationError, match="not valid"):
        response_submit_by_token(actor=SYSTEM, token=token, answers={"colour": [1], "score": 2})
    with pytest.raises(ValidationError):
        tokens_issue(actor=Actor.of(survey.created_by), survey=make_survey(anonymous=False), count=1)


def test_below_the_threshold_a_group_shows_nothing_and_at_it_everything():
    survey = make_survey(threshold=3)
    for _ in range(2):
        answer(survey, group="small", note="secret of a small group")
    for colour, score in ((0, 5), (1, 3), (0, 4)):
        answer(survey, group="big", colour=colour, score=score, note="fine")
    by_group = {g.group: g for g in results(survey, by="group")}
    assert by_group["small"].hidden
    assert by_group["small"].results == ()
    assert by_group["small"].responses == 2
    big = by_group["big"]
    assert not big.hidden
    colour, score, note = (result for _q, result in big.results)
    assert [c.count for c in colour.choices] == [2, 1]
    assert score.mean == 4.0
    assert note.texts == ("fine", "fine", "fine")
    # one more response brings the small group to the threshold
    answer(survey, group="small", note="now shown")
    small = {g.group: g for g in results(survey, by="group")}["small"]
    assert not small.hidden
    assert "now shown" in small.results[2][1].texts


def test_the_exports_keep_to_the_threshold():
    survey = make_survey(threshold=3)
    for _ in range(2):
        answer(survey, group="small", note="secret of a small group")
    for _ in range(3):
        answer(survey, group="big", note="=HYPERLINK(1)")
    groups = results(survey, by="group")
    data = results_csv(groups, label=lambda code: f"Gmina {code}")
    assert data.startswith("\ufeff".encode())  # spreadsheets open it as UTF-8
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows[0]) == 7
    assert "secret of a small group" not in text
    assert [row[:3] for row in rows if row[0] == "Gmina small"] == [["Gmina small", "", ""]]
    assert any(row[0] == "Gmina big" and row[3] == "red" and row[4] == "3" for row in rows)
    assert "'=HYPERLINK(1)" in text  # a formula is neutralised
    sheet = load_workbook(io.BytesIO(results_xlsx(groups))).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row]
    assert "secret of a small group" not in cells
    assert 3 in cells
