"""The short survey after an event, on the survey engine: every event is made with its survey
(not anonymous, threshold 3, three questions); an answer is a response of that survey under the
person's name; the organiser sees nothing but the number of answers under three, then the average,
how many found it useful and the comments without names; the person's page offers the survey until
they answer it; their data export has their answers."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from kierunek.core.actor import Actor
from kierunek.core.personal_data import personal_data_collect
from kierunek.events import services
from kierunek.surveys.models import Answer, Response
from kierunek.surveys.selectors import results

from .builders import checked_in, event, register

pytestmark = pytest.mark.django_db


def _held(attendees: int, *, days: float = -2):
    """An event that is over (``days`` away), with ``attendees`` people checked in."""
    held = event(days=days, capacity=attendees + 1)
    before = held.starts_at - timedelta(days=1)
    registrations = [checked_in(register(held, now=before)) for _ in range(attendees)]
    return held, registrations


def _answer(registration, rating, useful, comment=""):
    return services.survey_answer(
        actor=Actor.of(registration.person),
        registration_id=registration.pk,
        rating=rating,
        useful=useful,
        comment=comment,
        now=registration.event.ends_at + timedelta(minutes=5),
    )


def test_every_event_is_made_with_its_survey_of_three_questions():
    workshop = event(title="Warsztat: sztuczna inteligencja w szkole")

    survey = workshop.survey
    assert (survey.owner, survey.anonymous, survey.threshold) == ("events.event", False, 3)
    assert "Warsztat: sztuczna inteligencja w szkole" in survey.title
    assert [(q.key, q.kind, q.choices, q.required) for q in survey.questions.all()] == [
        ("rating", "scale", [], True),
        ("useful", "single", ["tak", "nie"], True),
        ("comment", "long_text", [], False),
    ]
    assert survey.is_open()
    assert event().survey_id != survey.pk


def test_an_answer_is_a_response_of_the_event_survey_under_the_persons_name():
    held, (present,) = _held(1)

    response = _answer(present, 4, False, "  Więcej przykładów.  ")

    assert response == Response.objects.get(survey=held.survey)
    assert response.respondent == present.person
    assert {a.question.key: a.value for a in Answer.objects.filter(response=response)} == {
        "rating": 4,
        "useful": [1],
        "comment": "Więcej przykładów.",
    }


def test_a_refused_answer_writes_nothing_to_the_engine():
    held, (present,) = _held(1)
    with pytest.raises(ValidationError, match="1 to 5"):
        _answer(present, 6, True)
    with pytest.raises(ValidationError, match="At most 2000"):
        _answer(present, 5, True, "x" * 2001)
    assert not Response.objects.filter(survey=held.survey).exists()


def test_the_results_under_three_answers_show_only_their_number(client_for):
    held, registrations = _held(3)
    _answer(registrations[0], 5, True, "Świetne.")
    _answer(registrations[1], 2, False, "Za krótko.")
    page = client_for(held.organiser).get(f"/wydarzenia/organizator/{held.pk}/ankieta/").content.decode()

    assert "2 odpowiedzi." in page
    assert "od 3 odpowiedzi" in page
    assert "Średnia ocena" not in page
    assert "Świetne." not in page
    assert "Za krótko." not in page


def test_from_three_answers_the_organiser_sees_the_figures_and_the_comments_without_names(client_for):
    held, registrations = _held(4)
    _answer(registrations[0], 5, True, "Świetne.")
    _answer(registrations[1], 4, True)
    _answer(registrations[2], 3, False, "Za krótko.")
    page = client_for(held.organiser).get(f"/wydarzenia/organizator/{held.pk}/ankieta/").content.decode()

    assert "3 odpowiedzi." in page
    assert "Średnia ocena: 4,0 / 5" in page
    assert "uznało za przydatne: 2" in page
    assert "Świetne." in page
    assert "Za krótko." in page
    for registration in registrations:
        assert registration.person.get_full_name() not in page
    (whole,) = results(held.survey)
    assert (whole.hidden, whole.responses) == (False, 3)


def test_my_registrations_offer_the_survey_until_it_is_answered(client):
    held, (present,) = _held(1)
    client.force_login(present.person)
    link = f"/wydarzenia/moje/{present.pk}/ankieta/"
    assert link in client.get("/wydarzenia/moje/").content.decode()

    sent = client.post(link, {"rating": "5", "useful": "yes", "comment": "Dziękuję."})

    assert sent.status_code == 302
    assert link not in client.get("/wydarzenia/moje/").content.decode()
    assert Response.objects.get(survey=held.survey).respondent == present.person
    again = client.post(link, {"rating": "1", "useful": "no"})
    assert again.status_code == 200
    assert Response.objects.filter(survey=held.survey).count() == 1


def test_the_persons_data_export_has_their_answers_with_the_registration():
    held, (present, other) = _held(2)
    _answer(present, 3, True, "Dobra organizacja.")

    export = personal_data_collect(user=present.person)
    (registration,) = export["events"]
    assert registration["survey"] == {"rating": 3, "useful": True, "comment": "Dobra organizacja."}
    (answered,) = export["surveys"]["responses"]
    assert answered["survey"] == held.survey.title
    assert personal_data_collect(user=other.person)["events"][0]["survey"] is None
