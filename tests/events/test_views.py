"""The pages and the API, by role and by object: the public list and event page, registering and
the ticket, the calendar file, cancelling; the organiser's pages refused to other organisers and
to other roles; the door on a phone (HTMX); audited reads of the registrations."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kierunek.core.models import AuditEvent
from kierunek.events.models import Event, Registration

from .builders import event, organiser, partner, person, register

pytestmark = pytest.mark.django_db


def test_the_public_list_filters_by_day_type_and_powiat(client):
    krakow = event(title="Warsztat w Krakowie", kind="local_workshop")
    tarnow = event(title="Webinar z Tarnowa", kind="webinar", gmina_teryt="1263011")
    hidden = event(title="Rada partnerstwa", audience="invitation")

    page = client.get("/wydarzenia/").content.decode()
    assert krakow.title in page
    assert tarnow.title in page
    assert hidden.title not in page
    by_type = client.get("/wydarzenia/", {"kind": "webinar"}).content.decode()
    assert tarnow.title in by_type
    assert krakow.title not in by_type
    by_powiat = client.get("/wydarzenia/", {"powiat": "1261"}).content.decode()
    assert krakow.title in by_powiat
    assert tarnow.title not in by_powiat
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert krakow.title not in client.get("/wydarzenia/", {"since": later}).content.decode()


def test_an_invitation_event_is_not_found_by_others(client):
    hidden = event(audience="invitation")
    assert client.get(f"/wydarzenia/{hidden.pk}/").status_code == 404
    client.force_login(person())
    assert client.get(f"/wydarzenia/{hidden.pk}/").status_code == 404


def test_a_resident_registers_on_the_page_and_gets_a_ticket_with_a_qr_code(client):
    workshop = event()
    resident = person()
    client.force_login(resident)
    page = client.get(f"/wydarzenia/{workshop.pk}/")
    assert b'name="accessibility_needs"' in page.content

    response = client.post(f"/wydarzenia/{workshop.pk}/zapisz/", {"accessibility_needs": "Pętla indukcyjna"})
    registration = Registration.objects.get(person=resident)
    assert response.status_code == 302
    assert response.url == f"/wydarzenia/moje/{registration.pk}/"
    ticket = client.get(response.url).content.decode()
    assert "<svg" in ticket
    assert registration.ticket_display in ticket
    calendar = client.get(f"/wydarzenia/moje/{registration.pk}/kalendarz.ics")
    assert calendar["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in calendar.content


def test_another_persons_ticket_calendar_and_cancellation_are_not_found(client):
    registration = register(event())
    client.force_login(person())
    for path in ("", "kalendarz.ics", "zaswiadczenie.pdf", "ankieta/"):
        assert client.get(f"/wydarzenia/moje/{registration.pk}/{path}").status_code == 404
    client.get("/wydarzenia/moje/")
    response = client.post(
        f"/wydarzenia/moje/{registration.pk}/rezygnacja/",
        {"confirmed": "yes"},
    )
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_cancelling_asks_first_then_frees_the_seat(client):
    workshop = event(capacity=1)
    registration = register(workshop)
    client.force_login(registration.person)
    client.get(f"/wydarzenia/moje/{registration.pk}/")
    asked = client.post(f"/wydarzenia/moje/{registration.pk}/rezygnacja/", {})
    assert asked.status_code == 200
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    done = client.post(f"/wydarzenia/moje/{registration.pk}/rezygnacja/", {"confirmed": "yes"})
    assert done.status_code == 302
    registration.refresh_from_db()
    workshop.refresh_from_db()
    assert (registration.status, workshop.seats_taken) == ("cancelled", 0)


@pytest.mark.parametrize("role", ["participant", "advisor", "teacher", "financial_operator", "auditor"])
def test_organiser_pages_are_refused_to_other_roles(client_as, role):
    workshop = event()
    client = client_as(role)
    for path in ("", "nowe/", f"{workshop.pk}/", f"{workshop.pk}/zapisy/", f"{workshop.pk}/wejscie/"):
        assert client.get(f"/wydarzenia/organizator/{path}").status_code == 403


def test_another_organisers_event_is_not_found(client_for):
    workshop = event()
    other = client_for(organiser())
    for path in ("", "edycja/", "zapisy/", "wejscie/", "ankieta/"):
        assert other.get(f"/wydarzenia/organizator/{workshop.pk}/{path}").status_code == 404


def test_partner_staff_create_an_event_and_read_its_registrations_audited(client_for):
    staff = partner()
    client = client_for(staff)
    client.get("/wydarzenia/organizator/nowe/")
    start = timezone.localtime() + timedelta(days=10)
    response = client.post(
        "/wydarzenia/organizator/nowe/",
        {
            "title": "Warsztat planistyczny 2027",
            "kind": "planning_workshop",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
            "online_url": "https://spotkania.example/warsztat",
            "audience": "partners",
            "capacity": "40",
            "offer_hours": "24",
            "published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Event.objects.get(title="Warsztat planistyczny 2027")
    assert created.organiser == staff
    registration = register(created, partner())
    listing = client.get(f"/wydarzenia/organizator/{created.pk}/zapisy/")
    assert listing.status_code == 200
    read = AuditEvent.objects.filter(action="participant.list_read").latest("pk")
    assert read.details == {"list": "events.registrations", "participants": [registration.person_id]}


def test_the_door_checks_a_ticket_in_with_htmx_and_says_why_it_refuses(client_for):
    now = timezone.now()
    workshop = event(days=0.01, now=now)
    registration = register(workshop, now=now)
    door = client_for(workshop.organiser)
    page = door.get(f"/wydarzenia/organizator/{workshop.pk}/wejscie/")
    assert page.status_code == 200
    ok = door.post(
        f"/wydarzenia/organizator/{workshop.pk}/wejscie/",
        {"code": registration.ticket_display},
        HTTP_HX_REQUEST="true",
    )
    assert ok.status_code == 200
    assert b"<html" not in ok.content  # a fragment
    assert registration.person.get_full_name().encode() in ok.content
    again = door.post(
        f"/wydarzenia/organizator/{workshop.pk}/wejscie/",
        {"code": registration.ticket_code},
        HTTP_HX_REQUEST="true",
    )
    assert b"door-refused" in again.content
    registration.refresh_from_db()
    assert registration.attendance == "present"


class TestApi:
    def _token_client(self, client, user):
        from kierunek.accounts.services import api_token_create

        issued = api_token_create(user=user, name="test")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {issued.secret}"
        return client

    def test_the_list_and_an_event_are_public_with_filters(self, client):
        krakow = event(kind="local_workshop")
        webinar = event(kind="webinar", gmina_teryt="1263011")
        listed = client.get("/api/v1/events", {"type": "webinar"}).json()
        assert [e["id"] for e in listed] == [webinar.pk]
        by_powiat = client.get("/api/v1/events", {"powiat": "1261"}).json()
        assert [e["id"] for e in by_powiat] == [krakow.pk]
        detail = client.get(f"/api/v1/events/{krakow.pk}").json()
        assert detail["seats_left"] == krakow.capacity
        assert detail["sessions"] == []
        assert client.get("/api/v1/events", {"powiat": "12"}).status_code == 422
        assert client.get("/api/v1/events", {"from": "jutro"}).status_code == 422

    def test_a_person_registers_and_cancels_through_the_api(self, client):
        workshop = event(capacity=1)
        resident = person()
        api = self._token_client(client, resident)
        created = api.post(f"/api/v1/events/{workshop.pk}/registrations", {}, content_type="application/json")
        assert created.status_code == 201, created.content
        body = created.json()
        assert body["status"] == "confirmed"
        assert body["ticket_code"]
        again = api.post(f"/api/v1/events/{workshop.pk}/registrations", {}, content_type="application/json")
        assert again.status_code == 409
        mine = api.get("/api/v1/events/registrations").json()
        assert [r["id"] for r in mine] == [body["id"]]
        assert api.get(f"/api/v1/events/{workshop.pk}/registrations").json()[0]["id"] == body["id"]
        cancelled = api.delete(f"/api/v1/events/registrations/{body['id']}")
        assert cancelled.json()["status"] == "cancelled"

    def test_writes_need_a_login_and_another_persons_registration_is_not_found(self, client):
        workshop = event()
        assert client.post(
            f"/api/v1/events/{workshop.pk}/registrations", {}, content_type="application/json"
        ).status_code in (401, 403)
        registration = register(workshop)
        api = self._token_client(client, person())
        assert api.delete(f"/api/v1/events/registrations/{registration.pk}").status_code == 404
        assert api.get(f"/api/v1/events/registrations/{registration.pk}").status_code == 404

    def test_the_operations_are_in_the_openapi_schema(self, client):
        paths = client.get("/api/v1/openapi.json").json()["paths"]
        assert {
            "/api/v1/events",
            "/api/v1/events/{event_id}",
            "/api/v1/events/{event_id}/registrations",
        } <= set(paths)


def test_a_gminas_staff_organise_local_events(client_for):
    """A gmina's coordinator organises the gmina's local meetings: the organiser's pages open to
    the gmina-staff role, and an event they create is theirs to manage."""
    from kierunek.accounts.models import Role

    coordinator = organiser(Role.GMINA_STAFF)
    client = client_for(coordinator)
    assert client.get("/wydarzenia/organizator/").status_code == 200
    assert client.get("/wydarzenia/organizator/nowe/").status_code == 200
    meeting = event(by=coordinator, title="Spotkanie w remizie OSP")
    assert meeting.organiser == coordinator
    assert client.get(f"/wydarzenia/organizator/{meeting.pk}/").status_code == 200
