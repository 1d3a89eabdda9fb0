"""The partnership's indicators through the services and selectors: the activity record counted
from the events, the directory and the good practices (and any source registered later), the
yearly self-assessment answered once per institution, and the recognition list computed by the
year's rule, approved, and taken back."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.partnership import activity
from kierunek.partnership import selectors_indicators as indicators
from kierunek.partnership.models import (
    RecognitionList,
    RecognitionPlace,
    RecognitionRule,
)
from kierunek.partnership.services import indicators as services
from kierunek.surveys.models import Response
from tests.events import builders as events

from . import builders as b

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
WEIGHTS = {"events_organised": 10, "events_attended": 2, "services_listed": 3, "practices_published": 5}


@pytest.fixture(autouse=True)
def _services_speak_english():
    """A service's refusal is matched by its English text (the message id)."""
    with translation.override("en"):
        yield


@pytest.fixture
def office():
    return Actor.of(b.officer())


@pytest.fixture
def partners():
    """Two partners with staff: Wadowice (an event organised, one attended, an entry, a published
    practice) and Łącko (nothing yet), and a non-member whose staff organised an event."""
    wadowice = b.partner("Powiatowy Urząd Pracy w Wadowicach")
    lacko = b.partner("Łącka Szkoła Rzemiosła", powiat=b.NOWY_TARG)
    outsider = b.institution("Fundacja spoza partnerstwa")
    anna, piotr = b.staff_of(wadowice), b.staff_of(wadowice)
    ewa, obcy = b.staff_of(lacko), b.staff_of(outsider)
    events.event(by=anna, capacity=5)
    events.event(by=obcy)
    attended = events.event(days=1)
    events.checked_in(events.register(attended, piotr))
    events.register(events.event(days=2), anna)  # registered, never checked in: not counted
    b.entry(wadowice, by=anna)
    b.reviewed(b.submitted(b.practice(wadowice, by=piotr)))
    return {"wadowice": wadowice, "lacko": lacko, "anna": anna, "piotr": piotr, "ewa": ewa}


def _row(rows, pk):
    return next(row for row in rows if row.pk == pk)


class TestActivityRecord:
    def test_members_and_their_consultants_are_counted_from_every_source(self, partners):
        record = indicators.activity_record(year=YEAR)

        assert [row.name for row in record.institutions] == [
            "Łącka Szkoła Rzemiosła",
            "Powiatowy Urząd Pracy w Wadowicach",
        ]
        assert _row(record.institutions, partners["wadowice"].pk).counts == {
            "events_organised": 1,
            "events_attended": 1,
            "services_listed": 1,
            "practices_published": 1,
        }
        assert _row(record.institutions, partners["lacko"].pk).counts == {}
        assert {row.pk: row.counts for row in record.people} == {
            partners["anna"].pk: {"events_organised": 1, "services_listed": 1},
            partners["piotr"].pk: {"events_attended": 1, "practices_published": 1},
        }
        assert {s.key: n for s, n in record.totals()}["events_organised"] == 1  # the outsider's is not

    def test_another_year_counts_nothing(self, partners):
        record = indicators.activity_record(year=YEAR - 1)
        assert all(row.total == 0 for row in record.institutions)
        assert record.people == []

    def test_a_source_registered_later_is_counted_without_other_change(self, partners):
        lacko = partners["lacko"]
        source = activity.ActivitySource(
            "products_contributed", "products", lambda start, end: {(activity.INSTITUTION, lacko.pk): 2}
        )
        activity.activity_source_register(source)
        try:
            record = indicators.institution_record(institution=lacko, year=YEAR)
            assert record.institutions[0].counts == {"products_contributed": 2}
            assert [s.key for s in record.sources][-1] == "products_contributed"
        finally:
            del activity.ACTIVITY_SOURCES["products_contributed"]

    def test_the_dashboard_is_the_offices_and_registered_readers(self, partners, office):
        assert indicators.may_read_dashboard(user=office.user)
        assert not indicators.may_read_dashboard(user=partners["ewa"])
        check = lambda user: user.pk == partners["ewa"].pk  # noqa: E731  (a council member)
        activity.dashboard_reader_register(check)
        try:
            assert indicators.may_read_dashboard(user=partners["ewa"])
        finally:
            activity.DASHBOARD_READERS.remove(check)


@pytest.fixture
def survey(office):
    today = timezone.localdate()
    return services.self_assessment_round_open(
        actor=office,
        partnership_id=b.mpku().pk,
        year=YEAR,
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=30),
        questions=["Partnerstwo pomaga nam w pracy.", "Wiemy, co robią inni partnerzy."],
    )


def _answers(survey, scores, comment=""):
    return {q.pk: (s, comment) for q, s in zip(survey.questions.all(), scores, strict=True)}


class TestSelfAssessment:
    def test_a_member_answers_once_and_the_office_reads_the_aggregate(self, partners, survey):
        services.self_assessment_answer(
            actor=Actor.of(partners["anna"]),
            round_id=survey.pk,
            institution_id=partners["wadowice"].pk,
            answers=_answers(survey, [5, 2], "Więcej spotkań w powiatach."),
        )
        with pytest.raises(ValidationError, match="already answered"):
            services.self_assessment_answer(
                actor=Actor.of(partners["piotr"]),
                round_id=survey.pk,
                institution_id=partners["wadowice"].pk,
                answers=_answers(survey, [1, 1]),
            )
        services.self_assessment_answer(
            actor=Actor.of(partners["ewa"]),
            round_id=survey.pk,
            institution_id=partners["lacko"].pk,
            answers=_answers(survey, [4, 3]),
        )
        results = indicators.round_results(survey=survey)
        assert (results.members, results.responses, results.rate) == (2, 2, 100)
        first, second = results.questions
        assert (first[1].average, first[1].distribution) == (4.5, (0, 0, 0, 1, 1))
        assert second[2] == ["Więcej spotkań w powiatach."]
        assert AuditEvent.objects.filter(action="partnership.self_assessment_answered").count() == 2

    @pytest.mark.parametrize("scores", [[5], [5, 0], [5, 6]])
    def test_every_statement_is_rated_from_1_to_5(self, partners, survey, scores):
        answers = {q.pk: (s, "") for q, s in zip(survey.questions.all(), scores, strict=False)}
        with pytest.raises(ValidationError):
            services.self_assessment_answer(
                actor=Actor.of(partners["anna"]),
                round_id=survey.pk,
                institution_id=partners["wadowice"].pk,
                answers=answers,
            )
        assert not Response.objects.exists()

    def test_only_a_members_own_staff_answer_while_it_is_open(self, partners, survey, office):
        wadowice = partners["wadowice"]
        for actor in (Actor.of(partners["ewa"]), office):
            with pytest.raises(PermissionDenied):
                services.self_assessment_answer(
                    actor=actor,
                    round_id=survey.pk,
                    institution_id=wadowice.pk,
                    answers=_answers(survey, [3, 3]),
                )
        outsider = b.institution("Fundacja bez członkostwa")
        with pytest.raises(ValidationError, match="member institutions"):
            services.self_assessment_answer(
                actor=Actor.of(b.staff_of(outsider)),
                round_id=survey.pk,
                institution_id=outsider.pk,
                answers=_answers(survey, [3, 3]),
            )
        with pytest.raises(ValidationError, match="not open"):
            services.self_assessment_answer(
                actor=Actor.of(partners["anna"]),
                round_id=survey.pk,
                institution_id=wadowice.pk,
                answers=_answers(survey, [3, 3]),
                today=survey.closes_on + timedelta(days=1),
            )
        assert not Response.objects.exists()

    def test_one_round_per_partnership_and_year(self, survey, office):
        with pytest.raises(ValidationError, match="already has"):
            services.self_assessment_round_open(
                actor=office,
                partnership_id=survey.partnership_id,
                year=YEAR,
                opens_on=survey.opens_on,
                closes_on=survey.closes_on,
                questions=["Inne pytanie"],
            )

    def test_the_partner_sees_its_rounds_and_its_own_answers(self, partners, survey):
        wadowice = partners["wadowice"]
        assert indicators.rounds_to_answer(institution=wadowice) == [survey]
        services.self_assessment_answer(
            actor=Actor.of(partners["anna"]),
            round_id=survey.pk,
            institution_id=wadowice.pk,
            answers=_answers(survey, [4, 4]),
        )
        assert indicators.rounds_to_answer(institution=wadowice) == []
        response = indicators.response_of(survey=survey, institution=wadowice)
        assert [a.score for a in response.answers] == [4, 4]
        assert indicators.response_of(survey=survey, institution=partners["lacko"]) is None


class TestRecognitionList:
    def test_computed_by_the_rule_placed_approved_and_public(self, partners, office):
        bochnia = b.partner("Bocheńskie Centrum Kształcenia")
        ola = b.staff_of(bochnia)
        b.entry(bochnia, by=ola)
        services.recognition_rule_set(
            actor=office,
            year=YEAR,
            weights={**WEIGHTS, "events_organised": 0},
            rationale="Uchwała grupy roboczej.",
        )
        # the rule changed before computing: the list takes the rule in force
        services.recognition_rule_set(
            actor=office, year=YEAR, weights=WEIGHTS, rationale="Uchwała nr 3/2026."
        )
        recognition = services.recognition_list_compute(actor=office, year=YEAR)

        places = indicators.institution_places(recognition=recognition)  # Łącko did nothing: not listed
        assert [(p.place, p.name, p.points) for p in places] == [
            (1, "Powiatowy Urząd Pracy w Wadowicach", 20),
            (2, "Bocheńskie Centrum Kształcenia", 3),
        ]
        people = indicators.person_places(recognition=recognition)
        assert [(p.place, p.person_id, p.points) for p in people] == [
            (1, partners["anna"].pk, 13),
            (2, partners["piotr"].pk, 7),
            (3, ola.pk, 3),
        ]
        with pytest.raises(RecognitionList.DoesNotExist):
            indicators.published_list(year=YEAR)

        services.recognition_list_approve(actor=office, year=YEAR)
        assert indicators.published_list(year=YEAR).rationale == "Uchwała nr 3/2026."
        with pytest.raises(ValidationError, match="published"):
            services.recognition_rule_set(actor=office, year=YEAR, weights=WEIGHTS, rationale="Inaczej.")
        with pytest.raises(ValidationError, match="published"):
            services.recognition_list_compute(actor=office, year=YEAR)

        services.recognition_list_reopen(actor=office, year=YEAR, reason="Błąd w liczbie wydarzeń.")
        assert indicators.published_lists() == []
        assert AuditEvent.objects.filter(action="partnership.recognition_list_reopened").exists()

    def test_equal_points_share_a_place_in_polish_order(self, office):
        for name in ("Łącka Szkoła", "Lanckorońska Fundacja", "Zakopiańskie Centrum"):
            institution = b.partner(name)
            b.entry(institution, by=b.staff_of(institution))
        services.recognition_rule_set(
            actor=office, year=YEAR, weights={"services_listed": 1}, rationale="Test."
        )
        recognition = services.recognition_list_compute(actor=office, year=YEAR)
        assert [(p.place, p.name) for p in indicators.institution_places(recognition=recognition)] == [
            (1, "Lanckorońska Fundacja"),
            (1, "Łącka Szkoła"),
            (1, "Zakopiańskie Centrum"),
        ]

    def test_a_list_needs_a_rule_and_the_office(self, partners, office):
        with pytest.raises(ValidationError, match="scoring rule"):
            services.recognition_list_compute(actor=office, year=YEAR)
        with pytest.raises(ValidationError):
            services.recognition_rule_set(actor=office, year=YEAR, weights={"unknown": 3}, rationale="x")
        with pytest.raises(ValidationError):
            services.recognition_rule_set(
                actor=office, year=YEAR, weights={"events_organised": 0}, rationale="x"
            )
        partner = Actor.of(partners["anna"])
        with pytest.raises(PermissionDenied):
            services.recognition_rule_set(actor=partner, year=YEAR, weights=WEIGHTS, rationale="Sami sobie.")
        services.recognition_rule_set(actor=office, year=YEAR, weights=WEIGHTS, rationale="Uchwała.")
        with pytest.raises(PermissionDenied):
            services.recognition_list_compute(actor=partner, year=YEAR)
        assert not RecognitionList.objects.exists()
        assert not RecognitionPlace.objects.exists()
        assert RecognitionRule.objects.get().rationale == "Uchwała."

    def test_computing_again_replaces_the_draft(self, partners, office):
        services.recognition_rule_set(actor=office, year=YEAR, weights=WEIGHTS, rationale="Uchwała.")
        services.recognition_list_compute(actor=office, year=YEAR)
        b.entry(partners["lacko"], by=partners["ewa"])
        recognition = services.recognition_list_compute(actor=office, year=YEAR)
        assert [p.name for p in indicators.institution_places(recognition=recognition)] == [
            "Powiatowy Urząd Pracy w Wadowicach",
            "Łącka Szkoła Rzemiosła",
        ]
        assert RecognitionList.objects.count() == 1
