"""LOWE: the guidelines as versions (the current one public, earlier ones readable, a future one
not yet shown), the register of centres by gmina, and events linked to a centre."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.education import services
from kierunek.education.selectors_centres import centre_events, guidelines_current
from kierunek.events.services import EventData, event_create
from tests.education import builders_edua as b

pytestmark = pytest.mark.django_db


def _version(actor, title, days_ago):  # type: ignore[no-untyped-def]
    day = timezone.localdate() - timedelta(days=days_ago)
    return services.guidelines_publish(
        actor=actor, title=title, body="Treść.", adopted_on=day, published_on=day
    )


def test_versions_are_numbered_and_the_latest_published_is_in_force(client):
    actor = Actor.of(b.metropolis_staff())
    first = _version(actor, "Wytyczne LOWE", 400)
    second = _version(actor, "Wytyczne LOWE (zmienione)", 10)
    future = _version(actor, "Wytyczne LOWE 2027", -30)
    assert (first.number, second.number, future.number) == (1, 2, 3)
    assert guidelines_current() == second
    page = client.get("/edukacja/lowe/").content.decode()
    assert "Wytyczne LOWE (zmienione)" in page
    assert client.get("/edukacja/lowe/wytyczne/1/").status_code == 200
    assert client.get("/edukacja/lowe/wytyczne/3/").status_code == 404


def test_only_the_metropolis_publishes_guidelines_and_registers_centres():
    with pytest.raises(PermissionDenied):
        _version(Actor.of(b.gmina_staff()), "x", 1)
    with pytest.raises(PermissionDenied):
        services.centre_register(
            actor=Actor.of(b.gmina_staff()), gmina_id=b.gmina().pk, name="LOWE", status="active", offer="x"
        )


def test_a_centre_in_the_register_shows_its_events(client):
    office = b.metropolis_staff()
    centre = services.centre_register(
        actor=Actor.of(office),
        gmina_id=b.gmina().pk,
        name="LOWE Wieliczka",
        status="active",
        offer="Kursy dla dorosłych",
    )
    with pytest.raises(ValidationError):
        services.centre_register(
            actor=Actor.of(office), gmina_id=b.gmina().pk, name="LOWE Wieliczka", status="active", offer="x"
        )
    now = timezone.now()
    event = event_create(
        actor=Actor.of(b.user("officer")),
        data=EventData(
            title="Kurs obsługi komputera dla seniorów",
            kind="local_workshop",
            starts_at=now + timedelta(days=5),
            ends_at=now + timedelta(days=5, hours=2),
            capacity=20,
            gmina_teryt=b.gmina().teryt,
            address="ul. Rynek 1",
        ),
    )
    other_gmina = b.gmina_staff(b.NIEPOLOMICE)
    with pytest.raises(PermissionDenied):
        services.centre_event_link(actor=Actor.of(other_gmina), centre_id=centre.pk, event_id=event.pk)
    services.centre_event_link(actor=Actor.of(b.gmina_staff()), centre_id=centre.pk, event_id=event.pk)
    with pytest.raises(ValidationError):
        services.centre_event_link(actor=Actor.of(office), centre_id=centre.pk, event_id=event.pk)
    assert centre_events(centre=centre) == [event]
    page = client.get(f"/edukacja/lowe/osrodki/{centre.pk}/").content.decode()
    assert "Kurs obsługi komputera dla seniorów" in page
    assert "LOWE Wieliczka" in client.get("/edukacja/lowe/").content.decode()
