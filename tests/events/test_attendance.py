"""The door, the certificates and the survey, through the services; the calendar file."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from kierunek.core.actor import Actor
from kierunek.events import services
from kierunek.events.ics import event_ics
from kierunek.events.models import Certificate, Event
from tests.accounts.factories import StaffUserFactory

from .builders import checked_in, event, organiser, register

pytestmark = pytest.mark.django_db


def _door(workshop, code, *, by=None, now=None):
    return services.attendee_check_in(
        actor=Actor.of(by or workshop.organiser),
        event_id=workshop.pk,
        code=code,
        now=now or workshop.starts_at,
    )


def test_a_ticket_is_checked_in_once_by_its_code_as_typed():
    workshop = event()
    registration = register(workshop)
    typed = registration.ticket_display.lower().replace("-", " ")

    done = _door(workshop, typed)
    assert (done.attendance, done.checked_in_by) == ("present", workshop.organiser)
    with pytest.raises(ValidationError, match="Already checked in"):
        _door(workshop, registration.ticket_code)


def test_a_code_of_another_event_a_wrong_code_and_garbage_get_the_same_answer():
    workshop, other = event(), event()
    elsewhere = register(other)
    answers = set()
    for code in (elsewhere.ticket_code, "0" * 16, "not a code"):
        with pytest.raises(ValidationError) as refused:
            _door(workshop, code)
        answers.add(refused.value.messages[0])
    assert len(answers) == 1
    elsewhere.refresh_from_db()
    assert elsewhere.attendance == "absent"


def test_a_waiting_or_cancelled_ticket_does_not_admit():
    workshop = event(capacity=1)
    register(workshop)
    waiting = register(workshop)
    with pytest.raises(ValidationError, match="not valid"):
        _door(workshop, waiting.ticket_code)


def test_only_the_organiser_and_helpers_check_in():
    workshop = event()
    registration = register(workshop)
    stranger = organiser()
    with pytest.raises(Event.DoesNotExist):
        _door(workshop, registration.ticket_code, by=stranger)

    helper = StaffUserFactory(role="partner_staff")
    services.helper_add(actor=Actor.of(workshop.organiser), event_id=workshop.pk, email=helper.email)
    assert _door(workshop, registration.ticket_code, by=helper).attendance == "present"
    services.check_in_undo(actor=Actor.of(helper), registration_id=registration.pk)
    registration.refresh_from_db()
    assert (registration.attendance, registration.checked_in_at) == ("absent", None)


def test_the_door_is_open_from_a_day_before_to_a_day_after():
    workshop = event()
    registration = register(workshop)
    with pytest.raises(ValidationError, match="opens a day before"):
        _door(workshop, registration.ticket_code, now=workshop.starts_at - timedelta(days=2))


def test_certificates_go_to_the_people_checked_in_after_the_event_and_verify_publicly(client):
    workshop = event()
    present, absent = register(workshop), register(workshop)
    checked_in(present)
    with pytest.raises(ValidationError, match="after the event"):
        services.certificates_issue(
            actor=Actor.of(workshop.organiser), event_id=workshop.pk, now=workshop.starts_at
        )

    after = workshop.ends_at + timedelta(hours=1)
    assert (
        services.certificates_issue(actor=Actor.of(workshop.organiser), event_id=workshop.pk, now=after) == 1
    )
    assert (
        services.certificates_issue(actor=Actor.of(workshop.organiser), event_id=workshop.pk, now=after) == 0
    )
    certificate = Certificate.objects.get()
    assert certificate.registration == present
    assert not Certificate.objects.filter(registration=absent).exists()

    page = client.get(f"/wydarzenia/zaswiadczenia/{certificate.code_display.lower()}/")
    assert page.status_code == 200
    assert workshop.title in page.content.decode()
    assert present.person.get_full_name() in page.content.decode()
    unknown = client.get("/wydarzenia/zaswiadczenia/0000-0000-0000/")
    assert unknown.status_code == 404
    assert present.person.get_full_name() not in unknown.content.decode()


def test_the_survey_is_answered_once_by_someone_who_attended_after_the_event():
    workshop = event()
    present, absent = register(workshop), register(workshop)
    checked_in(present)
    after = workshop.ends_at + timedelta(minutes=5)
    with pytest.raises(ValidationError, match="attended"):
        services.survey_answer(
            actor=Actor.of(absent.person), registration_id=absent.pk, rating=5, useful=True, now=after
        )
    services.survey_answer(
        actor=Actor.of(present.person), registration_id=present.pk, rating=4, useful=True, now=after
    )
    with pytest.raises(ValidationError, match="already answered"):
        services.survey_answer(
            actor=Actor.of(present.person), registration_id=present.pk, rating=1, useful=False, now=after
        )


def test_the_calendar_file_is_one_event_with_a_stable_uid_utc_times_and_the_place():
    workshop = event(title="Warsztat w Nowym Targu")
    calendar = Calendar.from_ical(event_ics(workshop, page_path=f"/wydarzenia/{workshop.pk}/"))
    entries = calendar.walk("VEVENT")

    assert calendar["VERSION"] == "2.0"
    assert len(entries) == 1
    entry = entries[0]
    assert str(entry["SUMMARY"]) == "Warsztat w Nowym Targu"
    assert str(entry["UID"]) == f"event-{workshop.pk}@kierunek"
    assert entry.decoded("DTSTART") == workshop.starts_at.replace(microsecond=0)
    assert entry.decoded("DTEND") == workshop.ends_at.replace(microsecond=0)
    assert entry["DTSTART"].to_ical().endswith(b"Z")
    assert "Kraków" in str(entry["LOCATION"])
    assert str(entry["URL"]).endswith(f"/wydarzenia/{workshop.pk}/")
