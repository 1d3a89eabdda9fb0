"""Bodies and groups as people use them: anyone reads a council's page (names, functions and
institutions, never e-mails), its decisions and meetings, the groups' published products and their
files (a draft is 404); minutes are for partner staff and officers; a group's leader keeps their
own group's pages (another's are 404, other roles 403), adds a version and submits it; the office
approves and publishes after confirming; the API answers the same; the dashboards and the export
show each their part."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.personal_data import personal_data_collect
from kierunek.partnership import services

from . import bodies_builders as bb
from . import builders as b

pytestmark = pytest.mark.django_db


def _council_with_a_member():
    council = bb.council(term_from=timezone.localdate() - timedelta(days=30))
    partner = b.partner()
    bb.seat(
        council,
        partner,
        function="chair",
        first_name="Halina",
        last_name="Żak",
        email="halina.zak@example.org",
    )
    return council, partner


def _published(group, leader):
    product = bb.product(group, Actor.of(leader))
    services.product_submit(actor=Actor.of(leader), product_id=product.pk)
    services.product_review(actor=bb.office(), product_id=product.pk, approve=True)
    return services.product_publish(actor=bb.office(), product_id=product.pk)


def test_a_councils_public_page_names_its_members_and_institutions_but_never_their_emails(client):
    council, partner = _council_with_a_member()
    services.decision_record(
        actor=bb.office(),
        body_id=council.pk,
        title="W sprawie planu pracy",
        text_="Przyjmuje się plan.",
        adopted_on=date(2025, 4, 2),
    )
    bb.meeting(council)

    index = client.get("/partnerstwa/mpku/organy/").content.decode()
    assert f"/partnerstwa/mpku/organy/{council.slug}/" in index
    page = client.get(f"/partnerstwa/mpku/organy/{council.slug}/").content.decode()
    assert "Halina Żak" in page
    assert partner.name in page
    assert "halina.zak@example.org" not in page
    assert "1/2025" in page
    assert "Posiedzenie" in page
    assert client.get("/partnerstwa/mpku/organy/nie-ma/").status_code == 404
    assert client.get("/partnerstwa/nie-ma/organy/").status_code == 404


def test_only_published_products_are_public_with_their_file(client):
    group, leader = bb.led_group()
    published = _published(group, leader)
    draft = bb.product(group, Actor.of(leader))

    library = client.get("/partnerstwa/mpku/produkty/").content.decode()
    assert published.title in library
    assert f"/partnerstwa/mpku/produkty/{draft.pk}/" not in library
    assert client.get(f"/partnerstwa/mpku/produkty/{published.pk}/").status_code == 200
    download = client.get(f"/partnerstwa/mpku/produkty/{published.pk}/plik/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert client.get(f"/partnerstwa/mpku/produkty/{draft.pk}/").status_code == 404
    assert client.get(f"/partnerstwa/mpku/produkty/{draft.pk}/plik/").status_code == 404
    assert client.get(f"/partnerstwa/inwestorzy/produkty/{published.pk}/").status_code == 404
    assert (
        f"/partnerstwa/mpku/produkty/{published.pk}/"
        in client.get(f"/partnerstwa/mpku/organy/{group.slug}/").content.decode()
    )


def test_minutes_are_for_partner_staff_and_officers(client, client_as, client_for):
    group, leader = bb.led_group()
    meeting = bb.meeting(group, by=Actor.of(leader), days=1)
    services.minutes_attach(
        actor=Actor.of(leader),
        meeting_id=meeting.pk,
        upload=bb.pdf(),
        now=meeting.event.starts_at + timedelta(hours=2),
    )
    url = f"/partnerstwa/mpku/organy/{group.slug}/protokoly/{meeting.pk}/"
    assert client.get(url).status_code == 302  # to the login
    assert client_as(Role.PARTICIPANT).get(url).status_code == 403
    assert client_for(leader).get(url).status_code == 200
    public = client.get(f"/partnerstwa/mpku/organy/{group.slug}/").content.decode()
    assert url not in public


def test_the_leader_keeps_their_group_and_another_partner_gets_404(client_for, client_as):
    group, leader = bb.led_group()
    other = b.staff_of(b.partner("Centrum Kształcenia Zawodowego w Nowym Targu", powiat=b.NOWY_TARG))
    manage = f"/partnerstwo/organy/{group.pk}/"

    assert client_for(leader).get(manage).status_code == 200
    assert group.name in client_for(leader).get("/partnerstwo/organy/").content.decode()
    stranger = client_for(other)
    assert stranger.get(manage).status_code == 404
    assert stranger.post(f"{manage}posiedzenia/nowe/", {"title": "X"}).status_code == 404
    assert group.name not in stranger.get("/partnerstwo/organy/").content.decode()
    assert client_as(Role.PROVIDER_STAFF).get(manage).status_code == 403
    assert client_for(b.officer()).get(manage).status_code == 200
    assert client_for(leader).get("/partnerstwo/organy/nowy/").status_code == 403
    assert group.meetings.count() == 0


def test_the_leader_adds_a_version_and_submits_and_the_office_approves_and_publishes_after_confirming(
    client_for, client_as
):
    group, leader = bb.led_group()
    product = bb.product(group, Actor.of(leader))
    page = f"/partnerstwo/organy/{group.pk}/produkty/{product.pk}/"
    client = client_for(leader)

    assert client.post(page, {"file": bb.pdf("v2.pdf"), "note": "Poprawki"}).status_code == 302
    assert client.post(f"{page}zglos/").status_code == 302
    product.refresh_from_db()
    assert (product.status, product.versions.count()) == ("in_review", 2)
    assert client.post(f"{page}ocena/", {"decision": "approve"}).status_code == 403

    office = client_as(Role.OFFICER)
    assert office.post(f"{page}ocena/", {"decision": "approve"}).status_code == 302
    asked = office.post(f"{page}publikuj/")
    assert asked.status_code == 200
    product.refresh_from_db()
    assert product.status == "approved"  # not before the confirmation
    assert office.post(f"{page}publikuj/", {"confirmed": "yes"}).status_code == 302
    product.refresh_from_db()
    assert product.status == "published"


def test_the_leader_schedules_a_meeting_records_a_decision_and_a_member_on_the_pages(client_for):
    group, leader = bb.led_group()
    institution = group.members.get().institution
    client = client_for(leader)
    base = f"/partnerstwo/organy/{group.pk}/"
    start = timezone.localtime() + timedelta(days=7)
    response = client.post(
        f"{base}posiedzenia/nowe/",
        {
            "title": "Spotkanie zespołu",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "online_url": "https://example.org/spotkanie",
        },
    )
    assert response.status_code == 302
    meeting = group.meetings.get()
    assert (
        client.post(
            f"{base}uchwaly/nowa/",
            {
                "title": "W sprawie harmonogramu",
                "text": "Przyjmuje się.",
                "adopted_on": timezone.localdate().isoformat(),
                "meeting": meeting.pk,
            },
        ).status_code
        == 302
    )
    assert group.decisions.get().meeting == meeting
    assert (
        client.post(
            f"{base}czlonkowie/",
            {
                "institution": institution.pk,
                "first_name": "Kinga",
                "last_name": "Rak",
                "email": "",
                "function": "member",
                "joined_on": timezone.localdate().isoformat(),
            },
        ).status_code
        == 302
    )
    assert group.members.filter(last_name="Rak").exists()


def test_the_api_lists_bodies_without_emails_and_published_products(client):
    council, partner = _council_with_a_member()
    group, leader = bb.led_group(partner)
    product = _published(group, leader)

    bodies = client.get("/api/v1/partnerships/mpku/bodies")
    assert bodies.status_code == 200
    by_slug = {body["slug"]: body for body in bodies.json()}
    members = by_slug[council.slug]["members"]
    assert members[0]["last_name"] == "Żak"
    assert "email" not in members[0]
    assert "halina.zak@example.org" not in bodies.content.decode()
    assert (
        client.get(f"/api/v1/partnerships/mpku/bodies/{group.slug}").json()["members"][0]["function"]
        == "leader"
    )
    products = client.get("/api/v1/partnerships/mpku/products").json()
    assert [(p["id"], p["version"]) for p in products] == [(product.pk, 1)]
    assert client.get(products[0]["file_url"]).status_code == 200
    assert client.get("/api/v1/partnerships/nie-ma/bodies").status_code == 404
    assert client.get("/api/v1/partnerships/mpku/bodies/nie-ma").status_code == 404
    assert client.get("/api/v1/partnerships/inwestorzy/products").json() == []


def test_the_dashboards_and_the_export_show_each_their_part(client_for, client_as):
    group, leader = bb.led_group()
    product = bb.product(group, Actor.of(leader))
    services.product_submit(actor=Actor.of(leader), product_id=product.pk)
    services.product_review(actor=bb.office(), product_id=product.pk, approve=False, comment="Dopisz źródła.")

    dashboard = client_for(leader).get("/panel/partner/").content.decode()
    assert group.name in dashboard
    assert f"/partnerstwo/organy/{group.pk}/produkty/{product.pk}/" in dashboard

    part = personal_data_collect(user=leader)["partnership_bodies"]
    assert [seat["function"] for seat in part["seats"]] == ["leader"]
    assert [p["title"] for p in part["products"]] == [product.title]
    assert part["products"][0]["history"][-1]["note"] == "Dopisz źródła."


def test_the_office_sets_up_a_council_adds_a_term_and_changes_its_details_on_the_pages(client_for):
    client = client_for(b.officer())
    response = client.post(
        "/partnerstwo/organy/nowy/",
        {
            "partnership": b.mpku().pk,
            "kind": "council",
            "name": "Rada Partnerów MPKU",
            "topic": "",
            "meetings_per_year": 2,
            "established_on": "2024-01-10",
        },
    )
    assert response.status_code == 302
    council = b.mpku().bodies.get(name="Rada Partnerów MPKU")
    manage = f"/partnerstwo/organy/{council.pk}/"
    assert 'name="starts_on"' in client.get(manage).content.decode()
    assert client.post(f"{manage}kadencje/", {"starts_on": "2024-03-01", "ends_on": ""}).status_code == 302
    assert council.terms.get().ends_on == date(2027, 2, 28)
    overlapping = client.post(f"{manage}kadencje/", {"starts_on": "2025-03-01", "ends_on": ""})
    assert overlapping.status_code == 200
    assert council.terms.count() == 1
    assert (
        client.post(
            f"{manage}dane/", {"name": "Rada Partnerów", "topic": "Decydenci.", "meetings_per_year": 2}
        ).status_code
        == 302
    )
    council.refresh_from_db()
    assert council.name == "Rada Partnerów"
    assert "Rada Partnerów" in client.get(f"/partnerstwa/mpku/organy/{council.slug}/").content.decode()
