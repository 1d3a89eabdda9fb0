"""Every page of the funding sources, career orientation, LOWE and materials renders for the role it
serves, with data on it, and the forms of the Metropolis and the uploaders work end to end."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.education import services
from kierunek.education.models import Centre, FundingSource, FundingSubscription, GuidelinesVersion, Material
from tests.education import builders_edua as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    office = b.metropolis_staff()
    b.source(office, title="Kursy z kompetencji cyfrowych", applicants=("teacher",))
    activity = b.activity(places=40)
    school = b.school()
    staff = b.gmina_staff()
    services.career_activity_book(
        actor=Actor.of(staff), activity_id=activity.pk, school_id=school.pk, grade=7, pupils=20
    )
    return {"office": office, "staff": staff, "school": school, "activity": activity}


def test_the_public_pages_render(client, world):
    source = FundingSource.objects.get()
    for path in (
        "/edukacja/finansowanie/",
        "/edukacja/finansowanie/?purpose=training&state=all",
        f"/edukacja/finansowanie/{source.pk}/",
        "/edukacja/orientacja-zawodowa/",
        f"/edukacja/orientacja-zawodowa/{world['activity'].pk}/",
        "/edukacja/lowe/",
        "/edukacja/materialy/",
    ):
        assert client.get(path).status_code == 200, path


def test_the_staff_pages_render_for_their_roles(client_for, world):
    year = world["activity"].held_on.year
    pages = {
        world["office"]: [
            "/edukacja/metropolia/finansowanie/",
            f"/edukacja/metropolia/finansowanie/{FundingSource.objects.get().pk}/",
            "/edukacja/metropolia/budzety-doskonalenia/",
            f"/edukacja/metropolia/orientacja-zawodowa/?rok={year}",
            "/edukacja/metropolia/lowe/",
            "/edukacja/materialy/przeglad/",
            "/edukacja/orientacja-zawodowa/nowe/",
            "/panel/",
        ],
        world["staff"]: [
            "/edukacja/gmina/budzet-doskonalenia/",
            f"/edukacja/gmina/orientacja-zawodowa/?rok={year}",
            "/edukacja/finansowanie/powiadomienia/",
            "/panel/",
        ],
        b.director(world["school"]): ["/edukacja/szkola/orientacja-zawodowa/", "/panel/"],
        b.teacher(): ["/edukacja/finansowanie/powiadomienia/", "/edukacja/materialy/dodaj/", "/panel/"],
        b.user("training_centre_staff"): ["/edukacja/materialy/przeglad/", "/panel/"],
        b.partner_staff()[0]: ["/edukacja/orientacja-zawodowa/nowe/", "/panel/"],
    }
    for person, paths in pages.items():
        client = client_for(person)
        for path in paths:
            response = client.get(path, follow=True)
            assert response.status_code == 200, (person.role, path)
    page = (
        client_for(world["office"])
        .get(f"/edukacja/metropolia/orientacja-zawodowa/?rok={year}")
        .content.decode()
    )
    assert "Wieliczka" in page


def test_the_metropolis_adds_a_call_and_a_centre_and_a_version(client_for):
    client = client_for(b.metropolis_staff())
    response = client.post(
        "/edukacja/metropolia/finansowanie/",
        {
            "funder": "Fundacja",
            "programme": "Program",
            "title": "Nabór na sieci współpracy",
            "purposes": ["networks"],
            "applicants": ["gmina", "school"],
            "amount_max": "25 000,00",
            "cofinancing_percent": "90",
            "deadline": (timezone.localdate() + timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 302
    source = FundingSource.objects.get()
    assert (source.amount_max, source.for_gmina, source.for_teacher) == (25_000_00, True, False)
    today = timezone.localdate().isoformat()
    response = client.post(
        "/edukacja/metropolia/lowe/",
        {
            "part": "guidelines",
            "title": "Wytyczne",
            "body": "Treść",
            "adopted_on": today,
            "published_on": today,
        },
    )
    assert response.status_code == 302
    assert GuidelinesVersion.objects.get().number == 1
    from kierunek.education.models import Metropolis, MetropolisMember

    metropolis = Metropolis.objects.create(name="Metropolia")
    MetropolisMember.objects.create(metropolis=metropolis, gmina=b.gmina(), joined_on="2014-06-26")
    response = client.post(
        "/edukacja/metropolia/lowe/",
        {
            "part": "centre",
            "name": "LOWE Wieliczka",
            "gmina": b.gmina().pk,
            "status": "active",
            "offer": "Kursy",
        },
    )
    assert response.status_code == 302
    assert Centre.objects.get().name == "LOWE Wieliczka"


def test_a_teacher_subscribes_and_shares_a_pdf(client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    teacher = b.teacher()
    client = client_for(teacher)
    response = client.post(
        "/edukacja/finansowanie/powiadomienia/", {"purposes": ["training"], "active": "on"}
    )
    assert response.status_code == 302
    assert FundingSubscription.objects.get(user=teacher).purpose_list == ["training"]
    response = client.post(
        "/edukacja/materialy/dodaj/",
        {
            "title": "Karta pracy",
            "description": "Ułamki",
            "file": SimpleUploadedFile("karta.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
            "licence": "cc_by",
            "audience": "pupils",
            "subject": "matematyka",
            "level": "primary",
            "grade_from": "4",
            "grade_to": "5",
            "author": "Jan Nowak",
        },
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.file.name.endswith(".pdf")
    reviewer = client_for(b.user("training_centre_staff"))
    assert reviewer.get(f"/edukacja/materialy/{material.pk}/plik/").status_code == 200
    response = reviewer.post(
        f"/edukacja/materialy/{material.pk}/przeglad/", {f"m{material.pk}-decision": "publish"}
    )
    assert response.status_code == 302
    assert client.get(f"/edukacja/materialy/{material.pk}/pobierz/").status_code == 200
    material.refresh_from_db()
    assert (material.status, material.downloads) == ("published", 1)
