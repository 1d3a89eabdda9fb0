"""The move of the events' survey onto the engine, as the migrations run it on a database that
has answers in ``events.SurveyAnswer``: each event gets its survey, each answer becomes a response
under the person's name with its three answers; going back puts the answers where they were."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from kierunek.events.models import Event
from kierunek.surveys.models import Response, Survey
from tests.accounts.factories import ParticipantFactory, StaffUserFactory

# Migrations cannot run inside the test's transaction; the database is emptied afterwards, as for
# every transactional test (this one needs no reference data).
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("events", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_answers_are_copied_into_responses_of_each_events_survey_and_back(request):
    organiser = StaffUserFactory()
    ewa, jan, ola = ParticipantFactory(), ParticipantFactory(), ParticipantFactory()
    old = _migrate(BEFORE)
    request.addfinalizer(lambda: _migrate(_latest()))  # the next tests need the tables as they are
    OldEvent = old.get_model("events", "Event")
    Registration = old.get_model("events", "Registration")
    SurveyAnswer = old.get_model("events", "SurveyAnswer")
    starts = datetime(2026, 3, 10, 9, tzinfo=UTC)
    held = OldEvent.objects.create(
        title="Konferencja roczna",
        kind="conference",
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        online_url="https://spotkania.example/konferencja",
        capacity=10,
        organiser_id=organiser.pk,
        created_at=starts - timedelta(days=30),
    )
    unanswered = OldEvent.objects.create(
        title="Webinar",
        kind="webinar",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        online_url="https://spotkania.example/webinar",
        capacity=10,
        organiser_id=organiser.pk,
    )
    registrations = {
        person.pk: Registration.objects.create(
            event=held, person_id=person.pk, status="confirmed", attendance="present", ticket_code=code
        )
        for person, code in ((ewa, "A" * 16), (jan, "B" * 16), (ola, "C" * 16))
    }
    answered_at = starts + timedelta(days=1)
    SurveyAnswer.objects.create(
        registration=registrations[ewa.pk], rating=5, useful=True, comment="Świetne.", answered_at=answered_at
    )
    SurveyAnswer.objects.create(
        registration=registrations[jan.pk], rating=2, useful=False, comment="", answered_at=answered_at
    )

    _migrate(_latest())

    event = Event.objects.select_related("survey").get(pk=held.pk)
    survey = event.survey
    assert (survey.owner, survey.anonymous, survey.threshold) == ("events.event", False, 3)
    assert [q.key for q in survey.questions.all()] == ["rating", "useful", "comment"]
    assert survey.opens_on == (starts - timedelta(days=30)).date()
    copied = {
        r.respondent_id: (r.submitted_on, {a.question.key: a.value for a in r.answers.all()})
        for r in Response.objects.filter(survey=survey).prefetch_related("answers__question")
    }
    assert copied == {
        ewa.pk: (answered_at.date(), {"rating": 5, "useful": [0], "comment": "Świetne."}),
        jan.pk: (answered_at.date(), {"rating": 2, "useful": [1]}),
    }
    other = Event.objects.get(pk=unanswered.pk).survey
    assert other != survey
    assert not other.responses.exists()

    back = _migrate(BEFORE)
    restored = {
        a.registration.person_id: (a.rating, a.useful, a.comment)
        for a in back.get_model("events", "SurveyAnswer").objects.select_related("registration")
    }
    assert restored == {ewa.pk: (5, True, "Świetne."), jan.pk: (2, False, "")}
    assert not Survey.objects.filter(owner="events.event").exists()

    _migrate(_latest())
    assert Response.objects.filter(survey__event__pk=held.pk).count() == 2
