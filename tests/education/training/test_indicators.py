"""Teacher training's indicators on constructed data, with exact figures: teachers enrolled with a
seat, teachers who attended and teachers certified, by the gmina and powiat of their school; the
breakdowns add up to the totals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.core.indicators import TOTAL, Breakdown, Period, indicator_get
from kierunek.events import services as events_services

from .builders import NOWY_TARG, WIELICZKA, course, enrol, school, teacher

pytestmark = pytest.mark.django_db


def values(found):
    return {key: (figure.value, figure.people) for key, figure in found.items()}


def test_enrolled_attended_and_certified_by_the_schools_gmina():
    """A course of 4 seats open to all: 3 teachers of Wieliczka and 2 of Nowy Targ enrol (the last
    waits); 2 of Wieliczka and 1 of Nowy Targ attend and are certified."""
    workshop = course(capacity=4, members_only=False)
    wieliczka, nowy_targ = school(WIELICZKA), school(NOWY_TARG, name="Szkoła Podstawowa nr 2")
    enrolments = [enrol(workshop, teacher(wieliczka)) for _ in range(3)]
    enrolments += [enrol(workshop, teacher(nowy_targ)) for _ in range(2)]
    event = workshop.event
    organiser = Actor.of(event.organiser)
    for enrolment in (enrolments[0], enrolments[1], enrolments[3]):
        events_services.attendee_check_in(
            actor=organiser,
            event_id=event.pk,
            code=enrolment.registration.ticket_code,
            now=event.starts_at + timedelta(minutes=5),
        )
    events_services.certificates_issue(
        actor=organiser, event_id=event.pk, now=event.ends_at + timedelta(hours=1)
    )
    span = Period(timezone.localdate() - timedelta(days=1), timezone.localdate() + timedelta(days=30))

    enrolled = indicator_get("education.training_enrolled").compute
    assert values(enrolled(span, None)) == {TOTAL: (4, 4)}
    assert values(enrolled(span, Breakdown.GMINA)) == {WIELICZKA: (3, 3), NOWY_TARG: (1, 1)}
    assert values(enrolled(span, Breakdown.POWIAT)) == {"1219": (3, 3), "1211": (1, 1)}
    for key in ("education.training_completed", "education.training_certified"):
        compute = indicator_get(key).compute
        assert values(compute(span, None)) == {TOTAL: (3, 3)}, key
        assert values(compute(span, Breakdown.GMINA)) == {WIELICZKA: (2, 2), NOWY_TARG: (1, 1)}, key
        assert sum(f.value for f in compute(span, Breakdown.MONTH).values()) == 3, key
    before = Period(span.start - timedelta(days=60), span.start - timedelta(days=1))
    assert enrolled(before, None) == {}
