"""Registering, cancelling, the waiting list's offers and their expiry, session quotas, the
audience rules and the demographic answers' consents, through the services."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kierunek.core.actor import Actor
from kierunek.events import services
from kierunek.events.models import EventSession, Invitation, Registration

from .builders import event, holding, partner, person, register

pytestmark = pytest.mark.django_db


def test_registrations_are_confirmed_while_seats_last_then_wait_in_order():
    workshop = event(capacity=2)
    first, second, third, fourth = (register(workshop) for _ in range(4))

    assert [r.status for r in (first, second, third, fourth)] == [
        "confirmed",
        "confirmed",
        "waiting",
        "waiting",
    ]
    workshop.refresh_from_db()
    assert workshop.seats_taken == 2
    assert third.waiting_since <= fourth.waiting_since


def test_a_person_registers_once_and_again_after_cancelling():
    workshop = event(capacity=5)
    someone = person()
    first = register(workshop, someone)
    with pytest.raises(ValidationError, match="already registered"):
        register(workshop, someone)
    services.registration_cancel(actor=Actor.of(someone), registration_id=first.pk)
    again = register(workshop, someone)

    assert again.status == "confirmed"
    workshop.refresh_from_db()
    assert workshop.seats_taken == 1


def test_the_database_refuses_more_seats_than_the_event_has():
    workshop = event(capacity=1)
    register(workshop)
    with pytest.raises(IntegrityError), transaction.atomic():
        type(workshop).objects.filter(pk=workshop.pk).update(seats_taken=2)


def test_a_cancelled_seat_is_offered_to_the_first_waiting_and_lapses_to_the_next(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    workshop = event(capacity=1, offer_hours=24, now=now)
    holder = register(workshop, now=now)
    first_waiting = register(workshop, now=now + timedelta(minutes=1))
    second_waiting = register(workshop, now=now + timedelta(minutes=2))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(
            actor=Actor.of(holder.person), registration_id=holder.pk, now=now + timedelta(hours=1)
        )
    first_waiting.refresh_from_db()
    assert first_waiting.status == "offered"
    assert first_waiting.offer_expires_at == now + timedelta(hours=25)
    assert [m.to for m in mail.outbox] == [[first_waiting.person.email]]

    # Not yet over: the periodic task leaves the offer alone.
    assert services.offers_lapse(now=now + timedelta(hours=24)) == 0
    # Over: the offer lapses and the seat moves on to the next person.
    assert services.offers_lapse(now=now + timedelta(hours=26)) == 1
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert (first_waiting.status, second_waiting.status) == ("lapsed", "offered")
    workshop.refresh_from_db()
    assert workshop.seats_taken == holding(workshop) == 1
    # Running it again does nothing twice.
    assert services.offers_lapse(now=now + timedelta(hours=26)) == 0


def test_an_offer_cannot_be_taken_after_it_ended():
    now = timezone.now()
    workshop = event(capacity=1, offer_hours=2, now=now)
    holder = register(workshop, now=now)
    waiting = register(workshop, now=now)
    services.registration_cancel(actor=Actor.of(holder.person), registration_id=holder.pk, now=now)

    with pytest.raises(ValidationError, match="offer has ended"):
        services.offer_accept(
            actor=Actor.of(waiting.person), registration_id=waiting.pk, now=now + timedelta(hours=3)
        )
    waiting.refresh_from_db()
    assert waiting.status == "offered"


def test_an_offer_never_lasts_past_the_start_of_the_event():
    now = timezone.now()
    soon = event(capacity=1, days=0.5, offer_hours=48, now=now)
    holder = register(soon, now=now)
    waiting = register(soon, now=now)
    services.registration_cancel(actor=Actor.of(holder.person), registration_id=holder.pk, now=now)
    waiting.refresh_from_db()

    assert waiting.offer_expires_at == soon.starts_at


def test_the_periodic_command_lapses_offers_and_moves_on(capsys):
    now = timezone.now()
    workshop = event(capacity=1, offer_hours=1, now=now)
    holder = register(workshop, now=now)
    first, second = register(workshop, now=now), register(workshop, now=now)
    services.registration_cancel(actor=Actor.of(holder.person), registration_id=holder.pk, now=now)

    call_command("events_periodic", "--now", (now + timedelta(hours=2)).isoformat())

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("lapsed", "offered")
    assert "Offers lapsed: 1" in capsys.readouterr().out


def test_more_seats_are_offered_to_the_waiting_list_at_once():
    workshop = event(capacity=1)
    register(workshop)
    waiting = [register(workshop) for _ in range(3)]
    data = services.EventData(
        title=workshop.title,
        kind=workshop.kind,
        starts_at=workshop.starts_at,
        ends_at=workshop.ends_at,
        capacity=3,
        gmina_teryt=workshop.gmina.teryt,
        address=workshop.address,
    )
    services.event_update(actor=Actor.of(workshop.organiser), event_id=workshop.pk, data=data)

    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == ["offered", "offered", "waiting"]
    with pytest.raises(ValidationError, match="3 seats are taken"):
        services.event_update(
            actor=Actor.of(workshop.organiser),
            event_id=workshop.pk,
            data=data.__class__(**{**data.__dict__, "capacity": 2}),
        )


def test_a_full_session_refuses_the_registration_and_nothing_is_written():
    conference = event(capacity=10, kind="conference")
    start = conference.starts_at
    panel = services.session_save(
        actor=Actor.of(conference.organiser),
        event_id=conference.pk,
        data=services.SessionData(
            title="Panel", starts_at=start, ends_at=start + timedelta(hours=1), capacity=1
        ),
    )
    register(conference, sessions=(panel.pk,))
    someone = person()

    with pytest.raises(ValidationError, match="full"):
        register(conference, someone, sessions=(panel.pk,))
    assert not Registration.objects.filter(person=someone).exists()
    conference.refresh_from_db()
    assert conference.seats_taken == 1
    assert EventSession.objects.get(pk=panel.pk).seats_taken == 1


def test_a_cancellation_frees_the_session_seat():
    conference = event(capacity=10, kind="conference")
    start = conference.starts_at
    panel = services.session_save(
        actor=Actor.of(conference.organiser),
        event_id=conference.pk,
        data=services.SessionData(
            title="Panel", starts_at=start, ends_at=start + timedelta(hours=1), capacity=1
        ),
    )
    first = register(conference, sessions=(panel.pk,))
    services.registration_cancel(actor=Actor.of(first.person), registration_id=first.pk)

    assert EventSession.objects.get(pk=panel.pk).seats_taken == 0
    assert register(conference, sessions=(panel.pk,)).status == "confirmed"


def test_a_demographic_answer_is_kept_only_with_its_consent():
    workshop = event()
    with pytest.raises(ValidationError) as refused:
        register(workshop, age_group="25_54")
    assert "age_group_consent" in refused.value.message_dict

    kept = register(workshop, age_group="25_54", age_group_consent=True, gender_consent=True)
    assert kept.age_group == "25_54"
    assert kept.age_group_consent_at is not None
    assert kept.gender == ""
    assert kept.gender_consent_at is None
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=kept.pk).update(age_group_consent_at=None)


def test_partners_events_are_for_partner_staff_and_invitations_for_the_invited():
    partners_only = event(audience="partners")
    with pytest.raises(PermissionDenied):
        register(partners_only, person())
    assert register(partners_only, partner()).status == "confirmed"

    invited_only = event(audience="invitation")
    guest = person()
    with pytest.raises(PermissionDenied):
        register(invited_only, guest)
    Invitation.objects.create(event=invited_only, email=guest.email.upper())
    assert register(invited_only, guest).status == "confirmed"


def test_registration_closes_when_the_event_starts():
    workshop = event()
    with pytest.raises(ValidationError, match="started"):
        register(workshop, now=workshop.starts_at)


def test_reminders_are_sent_once_a_day_before(django_capture_on_commit_callbacks):
    now = timezone.now()
    tomorrow = event(days=0.9, now=now)
    later = event(days=3, now=now)
    coming = register(tomorrow, now=now)
    register(later, now=now)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=now) == 1
        assert services.reminders_send(now=now) == 0
    assert [m.to for m in mail.outbox] == [[coming.person.email]]
    assert coming.ticket_display in mail.outbox[0].body


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(["register", "cancel", "lapse", "accept"]), st.integers(0, 20)), max_size=25
    )
)
def test_the_seats_taken_always_equal_the_seats_held_and_never_exceed_the_capacity(steps):
    """Whatever people do in whatever order, the counter equals the registrations holding a seat,
    never above the capacity, and nobody waits while a seat is free and nobody was offered it."""
    now = timezone.now()
    workshop = event(capacity=3, offer_hours=1, now=now)
    clock = now
    for action, pick in steps:
        clock += timedelta(minutes=20)
        live = list(
            Registration.objects.filter(
                event=workshop, status__in=("pending", "offered", "confirmed", "waiting")
            )
        )
        try:
            if action == "register":
                register(workshop, now=clock)
            elif action == "cancel" and live:
                chosen = live[pick % len(live)]
                services.registration_cancel(
                    actor=Actor.of(chosen.person), registration_id=chosen.pk, now=clock
                )
            elif action == "accept" and live:
                chosen = live[pick % len(live)]
                services.offer_accept(actor=Actor.of(chosen.person), registration_id=chosen.pk, now=clock)
            elif action == "lapse":
                services.offers_lapse(now=clock)
        except ValidationError:
            pass
        workshop.refresh_from_db()
        assert workshop.seats_taken == holding(workshop) <= workshop.capacity
        if Registration.objects.filter(event=workshop, status="waiting").exists():
            assert workshop.seats_taken == workshop.capacity
