"""The demo gives every role work in events: the officer's conference with sessions, last year's
edition with check-ins and certificates, the partner's approvals to give and a full workshop with
a waiting list and a seat offered, the participant's tickets; a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from kierunek.accounts.models import User
from kierunek.events.models import Certificate, Event, Registration

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_gives_each_role_events_to_work_on():
    run_seed()
    events = Event.objects.count()
    run_seed()
    assert Event.objects.count() == events >= 10

    officer = User.objects.get(email="urzednik@kierunek.example")
    partner = User.objects.get(email="partner@kierunek.example")
    participant = User.objects.get(email="uczestnik@kierunek.example")
    assert Event.objects.filter(organiser=officer, kind="conference", sessions__speakers__gt="").exists()
    assert Event.objects.filter(kind="learning_day", starts_at__month=6, starts_at__day=8).exists()
    assert Registration.objects.filter(event__organiser=partner, status="pending").exists()
    assert Registration.objects.filter(event__organiser=partner, status="waiting").exists()
    assert Registration.objects.filter(event__organiser=partner, status="offered").exists()
    assert Registration.objects.filter(
        person=participant,
        status="confirmed",
        event__starts_at__gt=Event.objects.order_by("starts_at").first().starts_at,
    ).exists()
    assert Certificate.objects.filter(registration__person=participant).exists()
    assert Registration.objects.filter(attendance="present").count() > 10
    for event in Event.objects.all():
        held = Registration.objects.filter(
            event=event, status__in=("pending", "offered", "confirmed")
        ).count()
        assert event.seats_taken == held <= event.capacity
