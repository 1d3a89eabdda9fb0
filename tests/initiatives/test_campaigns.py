"""The Learning Day and the Career Week: partners, gminas and providers register activities, each
created as an event (with registration where it needs one) during the campaign; a gmina only in
its own area; the organiser counts participants afterwards, else the check-ins count; the
campaign's figures suppress small counts; the list and the map show the activities."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.events import services as events
from kierunek.events.models import Event
from kierunek.initiatives import selectors, services
from kierunek.initiatives.models import Activity
from tests.accounts.factories import StaffUserFactory

from .builders import KRAKOW, NIEPOLOMICE, WIELICZKA, activity, at, campaign, gmina_staff, person

pytestmark = pytest.mark.django_db


def test_partners_gminas_and_providers_register_activities_as_events():
    day = campaign()
    partner = StaffUserFactory(role="partner_staff")
    provider = StaffUserFactory(role="provider_staff")
    gmina = gmina_staff()
    made = [
        activity(day, partner),
        activity(
            day, provider, teryt=NIEPOLOMICE, needs_registration=False, organiser_label="Szkoła Językowa"
        ),
        activity(day, gmina, teryt=WIELICZKA, organiser_label="Gmina Wieliczka"),
    ]
    assert [a.organiser_kind for a in made] == ["partner", "provider", "gmina"]
    events_made = Event.objects.filter(pk__in=[a.event_id for a in made]).order_by("pk")
    assert [(e.kind, e.organiser_id, e.audience) for e in events_made] == [
        ("learning_day", partner.pk, "public"),
        ("learning_day", provider.pk, "invitation"),
        ("learning_day", gmina.pk, "public"),
    ]
    assert AuditEvent.objects.filter(action="initiatives.activity_registered").count() == 3
    assert AuditEvent.objects.filter(action="events.event_created").count() >= 3


def test_an_activity_takes_place_during_the_campaign_and_before_registration_closes():
    week = campaign(kind="career_week")
    partner = StaffUserFactory(role="partner_staff")
    data = services.ActivityData(
        title="Targi pracy",
        starts_at=at(week.ends_on + timedelta(days=1), 10),
        ends_at=at(week.ends_on + timedelta(days=1), 12),
        organiser_label="PUP",
        gmina_teryt=KRAKOW,
    )
    with pytest.raises(ValidationError, match="during the campaign"):
        services.activity_register(actor=Actor.of(partner), campaign_id=week.pk, data=data)
    late = week.registration_closes_on + timedelta(days=1)
    with pytest.raises(ValidationError, match="no longer registered"):
        services.activity_register(
            actor=Actor.of(partner),
            campaign_id=week.pk,
            data=services.ActivityData(
                title="Targi pracy",
                starts_at=at(week.starts_on, 10),
                ends_at=at(week.starts_on, 12),
                organiser_label="PUP",
                gmina_teryt=KRAKOW,
            ),
            today=late,
        )
    made = activity(week, partner)
    assert Event.objects.get(pk=made.event_id).kind == "local_workshop"


def test_a_gmina_registers_only_in_its_own_area_and_others_not_at_all():
    day = campaign()
    with pytest.raises(ValidationError):
        activity(day, gmina_staff(WIELICZKA), teryt=KRAKOW)
    for role in ("participant", "advisor", "auditor", "teacher"):
        who = person() if role == "participant" else StaffUserFactory(role=role)
        with pytest.raises(PermissionDenied):
            activity(day, who)


def test_counts_the_organisers_entry_or_the_check_ins_and_suppresses_small_ones():
    day = campaign()
    partner = StaffUserFactory(role="partner_staff")
    gmina = gmina_staff()
    big = activity(day, partner, capacity=100)
    small = activity(day, gmina, teryt=WIELICZKA, hour=14)
    walk_in = activity(day, partner, teryt=NIEPOLOMICE, needs_registration=False, hour=16)
    # Twelve people register for the big one and are checked in at its door.
    for _n in range(12):
        registration = events.registration_create(actor=Actor.of(person()), event_id=big.event_id)
        events.attendee_check_in(
            actor=Actor.of(partner),
            event_id=big.event_id,
            code=registration.ticket_code,
            now=big.event.starts_at,
        )
    with pytest.raises(ValidationError, match="once the activity has started"):
        services.activity_count(
            actor=Actor.of(gmina),
            activity_id=small.pk,
            participants=5,
            now=small.event.starts_at - timedelta(hours=1),
        )
    with pytest.raises(Activity.DoesNotExist):
        services.activity_count(
            actor=Actor.of(partner), activity_id=small.pk, participants=5, now=small.event.starts_at
        )
    services.activity_count(
        actor=Actor.of(gmina), activity_id=small.pk, participants=4, now=small.event.starts_at
    )
    services.activity_count(
        actor=Actor.of(partner), activity_id=walk_in.pk, participants=35, now=walk_in.event.starts_at
    )

    view = selectors.campaign_view(day)
    counts = view.counts
    assert counts.total.shown == 12 + 4 + 35
    assert counts.cells[str(walk_in.pk)].shown == 35
    # The gmina's 4 is hidden, and so is the next smallest, so that 4 cannot be worked out.
    assert counts.cells[str(small.pk)].hidden == "primary"
    assert (counts.cells[str(big.pk)].value, counts.cells[str(big.pk)].hidden) == (12, "secondary")
    assert view.organisers == {"office": 0, "partner": 2, "gmina": 1, "provider": 0}
    assert view.by_organiser.cells["partner"].value == 47
    assert view.by_organiser.cells["gmina"].hidden
    # The map: one symbol per gmina's seat, bigger where there are more activities.
    assert sorted((p["gmina"].teryt, p["n"]) for p in view.points) == sorted(
        [(KRAKOW, 1), (WIELICZKA, 1), (NIEPOLOMICE, 1)]
    )
    assert all(0 <= p["x"] <= view.picture.width and 0 <= p["y"] <= view.picture.height for p in view.points)
    assert [a.pk for a in selectors.campaign_view(day, gmina_teryt=WIELICZKA).activities] == [small.pk]
    assert AuditEvent.objects.filter(action="initiatives.activity_counted").count() == 2


def test_campaign_once_a_year_and_only_by_the_office():
    made = campaign()
    with pytest.raises(ValidationError):
        campaign(year=made.year)
    with pytest.raises(PermissionDenied):
        campaign(kind="career_week", by=StaffUserFactory(role="partner_staff"))
