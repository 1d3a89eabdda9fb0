"""The partnership's pages and API as people use them: anyone searches the directory and reads an
institution's page and the library; partner staff keep their own institution's profile, offer and
practices (another institution's are 404, other roles 403); the office records memberships and
reviews practices; the dashboards show each their work; the person's export holds what they wrote."""

import pytest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.personal_data import personal_data_collect
from kierunek.partnership.models import DirectoryEntry, GoodPractice, Institution, Membership

from . import builders as b

pytestmark = pytest.mark.django_db


# --- anyone -------------------------------------------------------------------------------------


def test_the_directory_finds_an_entry_and_links_its_institution(client):
    institution = b.partner()
    entry = b.entry(institution)

    page = client.get(
        "/znajdz-instytucje/", {"q": "doradztwa", "audience": "residents", "powiat": b.WADOWICE}
    )
    assert entry.title in page.content.decode()
    assert f"/instytucje/{institution.slug}/" in page.content.decode()

    empty = client.get("/znajdz-instytucje/", {"q": "astronautyka", "powiat": b.WADOWICE}).content.decode()
    assert "Wyszukaj w całej Małopolsce" in empty or "Search all of Małopolska" in empty

    detail = client.get(f"/znajdz-instytucje/{entry.pk}/")
    assert detail.status_code == 200
    assert entry.how_to_apply in detail.content.decode()
    assert client.get(f"/instytucje/{institution.slug}/").status_code == 200


def test_an_institution_that_is_not_a_partner_has_no_public_page(client):
    outsider = b.institution("Stowarzyszenie Spoza")
    entry = b.entry(outsider)
    assert client.get(f"/instytucje/{outsider.slug}/").status_code == 404
    assert client.get(f"/znajdz-instytucje/{entry.pk}/").status_code == 404
    assert client.get(f"/api/v1/institutions/entries/{entry.pk}").status_code == 404


def test_the_library_shows_published_practices_only(client):
    institution = b.partner()
    published = b.reviewed(b.submitted(b.practice(institution)))
    draft = b.practice(institution, title="Szkic niepubliczny")

    assert published.title in client.get("/dobre-praktyki/").content.decode()
    assert client.get(f"/dobre-praktyki/{published.pk}/").status_code == 200
    assert client.get(f"/dobre-praktyki/{draft.pk}/").status_code == 404


def test_the_api_lists_entries_by_need_audience_and_powiat_and_refuses_a_bad_filter(client):
    institution = b.partner()
    entry = b.entry(institution)

    found = client.get(
        "/api/v1/institutions", {"q": "doradztwo", "audience": "residents", "powiat": b.WADOWICE}
    )
    assert [e["id"] for e in found.json()] == [entry.pk]
    assert found.json()[0]["institution"]["slug"] == institution.slug
    assert client.get("/api/v1/institutions", {"audience": "employers"}).json() == []
    assert client.get("/api/v1/institutions", {"audience": "everyone"}).status_code == 422
    detail = client.get(f"/api/v1/institutions/{institution.slug}").json()
    assert detail["partnerships"] == ["MPKU"]
    assert detail["entries"][0]["id"] == entry.pk
    assert client.get(f"/api/v1/institutions/entries/{entry.pk}").json()["title"] == entry.title


def test_the_api_lists_and_shows_published_practices(client):
    practice = b.reviewed(b.submitted(b.practice(b.partner())))
    listed = client.get("/api/v1/good-practices", {"tag": "biblioteki"}).json()
    assert [p["id"] for p in listed] == [practice.pk]
    assert client.get(f"/api/v1/good-practices/{practice.pk}").json()["tags"] == ["biblioteki", "doradztwo"]
    assert client.get("/api/v1/good-practices/999999").status_code == 404


# --- partner staff ---------------------------------------------------------------------------------


def test_partner_staff_keep_their_institutions_profile(client_for):
    institution = b.partner()
    staff = b.staff_of(institution)
    client = client_for(staff)
    data = {
        "name": institution.name,
        "kind": "labour_market",
        "description": "Nowy opis działalności urzędu.",
        "gmina": institution.gmina.pk,
        "street_address": "ul. Nowa 1",
        "postal_code": "34-100",
        "city": "Wadowice",
        "email": "kontakt@example.org",
    }
    response = client.post("/partner/instytucja/", data)
    assert response.status_code == 302
    institution.refresh_from_db()
    assert (institution.street_address, institution.description) == (
        "ul. Nowa 1",
        "Nowy opis działalności urzędu.",
    )


def test_partner_staff_add_an_entry_and_cannot_open_another_institutions(client_for):
    mine, theirs = b.partner(), b.partner("Centrum Kształcenia Zawodowego w Nowym Targu", powiat=b.NOWY_TARG)
    their_entry = b.entry(theirs)
    their_practice = b.practice(theirs)
    client = client_for(b.staff_of(mine))

    response = client.post(
        "/partner/oferta/nowa/",
        {
            "kind": "support",
            "title": "Wsparcie w rekrutacji pracowników",
            "description": "Pomagamy pracodawcom znaleźć pracowników.",
            "audiences": ["employers"],
            "is_free": "on",
            "how_to_apply": "Zgłoś ofertę pracy.",
            "gmina": mine.gmina.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    created = DirectoryEntry.objects.get(title="Wsparcie w rekrutacji pracowników")
    assert (created.institution, created.for_employers, created.for_residents) == (mine, True, False)

    assert client.get(f"/partner/oferta/{their_entry.pk}/").status_code == 404
    assert client.post(f"/partner/oferta/{their_entry.pk}/", {"title": "x"}).status_code == 404
    assert client.get(f"/partner/dobre-praktyki/{their_practice.pk}/").status_code == 404
    assert client.post(f"/partner/dobre-praktyki/{their_practice.pk}/zglos/").status_code == 404
    their_practice.refresh_from_db()
    their_entry.refresh_from_db()
    assert (their_practice.status, their_entry.title) == ("draft", "Doradztwo zawodowe dla osób dorosłych")


def test_an_entry_without_an_audience_is_refused_on_the_form(client_for):
    institution = b.partner()
    client = client_for(b.staff_of(institution))
    response = client.post(
        "/partner/oferta/nowa/",
        {
            "kind": "service",
            "title": "Bez odbiorcy",
            "description": "x",
            "how_to_apply": "y",
            "gmina": institution.gmina.pk,
        },
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not DirectoryEntry.objects.filter(title="Bez odbiorcy").exists()


def test_partner_staff_without_an_institution_are_told_to_ask_the_office(client_as):
    client = client_as(Role.PARTNER_STAFF)
    assert client.get("/partner/oferta/").status_code == 404
    dashboard = client.get("/panel/partner/").content.decode()
    assert "nie jest jeszcze powiązane" in dashboard or "not linked to an institution" in dashboard


def test_partner_pages_refuse_other_roles(client_as):
    for role in (Role.OFFICER, Role.PROVIDER_STAFF):
        client = client_as(role)
        assert client.get("/partner/instytucja/").status_code == 403
        client.logout()


def test_a_partner_writes_and_submits_a_practice_and_the_dashboard_shows_a_returned_one(client_for):
    institution = b.partner()
    staff = b.staff_of(institution)
    client = client_for(staff)
    response = client.post(
        "/partner/dobre-praktyki/nowa/",
        {
            "title": "Mentoring dla absolwentów",
            "summary": "Krótko.",
            "description": "Długo.",
            "tags": "absolwenci, mentoring",
        },
    )
    practice = GoodPractice.objects.get(title="Mentoring dla absolwentów")
    assert response.status_code == 302
    assert client.post(f"/partner/dobre-praktyki/{practice.pk}/zglos/").status_code == 302
    b.reviewed(practice, publish=False, comment="Dodaj liczbę uczestników.")

    dashboard = client.get("/panel/partner/").content.decode()
    assert f"/partner/dobre-praktyki/{practice.pk}/" in dashboard


# --- the office ----------------------------------------------------------------------------------


def test_the_office_records_an_accession_admits_and_records_leaving_after_confirming(client_as):
    client = client_as(Role.OFFICER)
    institution = b.institution()
    today = timezone.localdate().isoformat()
    base = f"/urzad/partnerstwo/instytucje/{institution.pk}/"
    partnership = b.mpku()

    client.post(
        base + "czlonkostwo/",
        {
            "partnership": partnership.pk,
            "joined_by": "agreement",
            "applied_on": today,
            "document_reference": "MPKU/2026/7",
        },
    )
    membership = Membership.objects.get(institution=institution)
    client.post(base + f"czlonkostwo/{membership.pk}/przyjmij/", {"joined_on": today})
    membership.refresh_from_db()
    assert membership.status == "member"

    asked = client.post(
        base + f"czlonkostwo/{membership.pk}/wystapienie/", {"left_on": today, "reason": "Likwidacja."}
    )
    assert asked.status_code == 200
    assert "confirmed" in asked.content.decode()
    membership.refresh_from_db()
    assert membership.status == "member"
    client.post(
        base + f"czlonkostwo/{membership.pk}/wystapienie/",
        {"left_on": today, "reason": "Likwidacja.", "confirmed": "yes"},
    )
    membership.refresh_from_db()
    assert (membership.status, membership.leaving_reason) == ("left", "Likwidacja.")


def test_the_office_links_a_partner_staff_account_and_adds_an_institution(client_as):
    client = client_as(Role.OFFICER)
    institution = b.institution()
    staff = b.StaffUserFactory(role=Role.PARTNER_STAFF)
    client.post(f"/urzad/partnerstwo/instytucje/{institution.pk}/pracownicy/", {"email": staff.email.upper()})
    assert staff.partner_institution_link.institution == institution

    response = client.post(
        "/urzad/partnerstwo/instytucje/nowa/",
        {
            "name": "Gminny Ośrodek Kultury w Zawoi",
            "kind": "local_government",
            "description": "Kultura i edukacja dorosłych.",
            "gmina": institution.gmina.pk,
            "street_address": "Zawoja 1",
            "postal_code": "34-222",
            "city": "Zawoja",
            "email": "gok@example.org",
        },
    )
    assert response.status_code == 302
    assert Institution.objects.filter(name="Gminny Ośrodek Kultury w Zawoi").exists()


def test_the_office_publishes_a_submitted_practice_from_the_queue(client_as):
    practice = b.submitted(b.practice(b.partner()))
    client = client_as(Role.OFFICER)
    assert practice.title in client.get("/urzad/partnerstwo/dobre-praktyki/").content.decode()
    assert "work-practices" in client.get("/panel/urzednik/").content.decode()
    client.post(f"/urzad/partnerstwo/dobre-praktyki/{practice.pk}/", {"decision": "publish", "comment": ""})
    practice.refresh_from_db()
    assert practice.status == "published"


# --- personal data -----------------------------------------------------------------------------


def test_the_export_holds_the_partners_own_contributions():
    institution = b.partner(email="michal@example.org")
    staff = b.staff_of(institution)
    b.practice(institution, by=staff)
    b.entry(institution, by=staff)
    staff.email = "michal@example.org"

    part = personal_data_collect(user=staff)["partnership"]

    assert part["institution"]["name"] == institution.name
    assert [p["title"] for p in part["practices"]] == ["Kluby pracy w bibliotekach gminnych"]
    assert [e["title"] for e in part["entries"]] == ["Doradztwo zawodowe dla osób dorosłych"]
    assert part["contact_of"][0]["name"] == institution.name
