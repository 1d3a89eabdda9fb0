"""The data migration that moves the self-assessment onto the survey engine (decision 0029): rows
written in the old tables (a round, its statements, two institutions' responses with scores and
comments) come out as a survey with the round's dates, statement and comment questions keyed by
the statement's number, and one named response per institution in the institution's group, whose
answers the results and the pages read as before."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kierunek.partnership import selectors_indicators as indicators
from kierunek.partnership.models import SelfAssessmentRound
from kierunek.surveys.models import Response

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("partnership", "0004_self_assessment_survey")]


def _migrate(targets):  # type: ignore[no-untyped-def]
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():  # type: ignore[no-untyped-def]
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _old_rows(apps):  # type: ignore[no-untyped-def]
    """Two member institutions answered a two-statement round; one left a comment."""
    Powiat = apps.get_model("geo", "Powiat")
    Gmina = apps.get_model("geo", "Gmina")
    User = apps.get_model("accounts", "User")
    Partnership = apps.get_model("partnership", "Partnership")
    Institution = apps.get_model("partnership", "Institution")
    Round = apps.get_model("partnership", "SelfAssessmentRound")
    Question = apps.get_model("partnership", "SelfAssessmentQuestion")
    OldResponse = apps.get_model("partnership", "SelfAssessmentResponse")
    OldAnswer = apps.get_model("partnership", "SelfAssessmentAnswer")

    powiat, _ = Powiat.objects.get_or_create(teryt="1218", defaults={"name": "wadowicki"})
    gmina, _ = Gmina.objects.get_or_create(
        teryt="1218093",
        defaults={
            "name": "Wadowice",
            "kind": "miejsko-wiejska",
            "powiat": powiat,
            "lat": 49.88,
            "lon": 19.49,
            "coord_source": "seat",
        },
    )
    mpku = Partnership.objects.create(code="mpku-test", name="Partnerstwo testowe", short_name="MPT")

    def institution(name, slug):  # type: ignore[no-untyped-def]
        return Institution.objects.create(
            name=name,
            slug=slug,
            kind="ngo",
            description="Opis",
            powiat=powiat,
            gmina=gmina,
            street_address="Rynek 1",
            postal_code="34-100",
            city="Wadowice",
            email=f"{slug}@example.org",
        )

    wadowice, lacko = institution("Fundacja Wadowice", "fw"), institution("Stowarzyszenie Łącko", "sl")
    anna = User.objects.create(email="anna@example.org", role="partner_staff", first_name="Anna")
    ewa = User.objects.create(email="ewa@example.org", role="partner_staff", first_name="Ewa")
    survey_round = Round.objects.create(
        partnership=mpku,
        year=2025,
        opens_on=date(2025, 11, 1),
        closes_on=date(2025, 12, 15),
        introduction="Jedna odpowiedź instytucji.",
    )
    first = Question.objects.create(round=survey_round, position=1, text="Partnerstwo pomaga nam w pracy.")
    second = Question.objects.create(round=survey_round, position=2, text="Wiemy, co robią inni partnerzy.")
    for person, institution_, scores, comment, day in (
        (anna, wadowice, (5, 2), "Mało spotkań.", datetime(2025, 11, 3, 10, tzinfo=UTC)),
        (ewa, lacko, (4, 3), "", datetime(2025, 11, 20, 9, tzinfo=UTC)),
    ):
        response = OldResponse.objects.create(
            round=survey_round, institution=institution_, answered_by=person, answered_at=day
        )
        OldAnswer.objects.create(response=response, question=first, score=scores[0])
        OldAnswer.objects.create(response=response, question=second, score=scores[1], comment=comment)
    return survey_round.pk, wadowice.pk, lacko.pk, anna.pk


def test_the_old_answers_come_out_as_the_engines_responses():
    try:
        round_id, wadowice, lacko, anna = _old_rows(_migrate(BEFORE))
        _migrate(_latest())

        survey_round = SelfAssessmentRound.objects.select_related("survey").get(pk=round_id)
        survey = survey_round.survey
        assert (survey.owner, survey.anonymous, survey.threshold) == ("partnership.self_assessment", False, 1)
        assert (survey_round.opens_on, survey_round.closes_on) == (date(2025, 11, 1), date(2025, 12, 15))
        assert [(q.key, q.kind, q.required) for q in survey.questions.order_by("position")] == [
            ("statement_1", "scale", True),
            ("comment_1", "long_text", False),
            ("statement_2", "scale", True),
            ("comment_2", "long_text", False),
        ]
        assert [q.text for q in survey_round.questions] == [
            "Partnerstwo pomaga nam w pracy.",
            "Wiemy, co robią inni partnerzy.",
        ]
        responses = {r.group: r for r in Response.objects.filter(survey=survey)}
        assert set(responses) == {str(wadowice), str(lacko)}
        assert responses[str(wadowice)].respondent_id == anna
        assert responses[str(wadowice)].submitted_on == date(2025, 11, 3)
        assert {a.question.key: a.value for a in responses[str(wadowice)].answers.all()} == {
            "statement_1": 5,
            "statement_2": 2,
            "comment_2": "Mało spotkań.",
        }

        # the pages' reads give what the old tables gave
        results = indicators.round_results(survey=survey_round)
        assert results.responses == 2
        (first, first_summary, _), (second, second_summary, comments) = results.questions
        assert (first.number, first_summary.average, first_summary.distribution) == (1, 4.5, (0, 0, 0, 1, 1))
        assert (second.number, second_summary.average, comments) == (2, 2.5, ["Mało spotkań."])
        own = indicators.response_of(survey=survey_round, institution=wadowice)
        assert [(a.number, a.score, a.comment) for a in own.answers] == [(1, 5, ""), (2, 2, "Mało spotkań.")]
    finally:
        _migrate(_latest())
