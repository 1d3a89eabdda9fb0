"""The candidate's application on its pages: written with a guardian on the candidate's account,
corrected while it is a draft, refused with a reason a person understands, ranked within the
authority's limit of schools with each class's requirements shown, and never seen by another
candidate."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.pii import pesel_lookup_hash
from kierunek.recruitment import services
from kierunek.recruitment.models import Application, ApplicationStatus, Guardian, Preference
from kierunek.recruitment.services.applications import GuardianData
from tests.accounts.factories import UserFactory
from tests.programmes.helpers import pesel_for

from .builders import class_make, school_make, year_make

pytestmark = pytest.mark.django_db

FORM = {
    "first_name": "Zofia",
    "last_name": "Wiśniewska",
    "guardian_1_first_name": "Anna",
    "guardian_1_last_name": "Wiśniewska",
    "guardian_1_email": "anna@example.org",
    "large_family": "on",
    "single_parent": "on",
}


@pytest.fixture
def candidate():  # type: ignore[no-untyped-def]
    return UserFactory(role=Role.CANDIDATE)


def test_a_candidate_writes_the_application_with_a_guardian_and_corrects_it(client, candidate) -> None:  # type: ignore[no-untyped-def]
    year = year_make()
    class_make(year, school_make(), "1A", 30)
    pesel = pesel_for(date(2011, 3, 4), female=True)
    client.force_login(candidate)
    assert "/rekrutacja/wniosek/" in client.get("/rekrutacja/").content.decode()

    response = client.post("/rekrutacja/wniosek/", {**FORM, "pesel": pesel})
    assert response.status_code == 302
    application = Application.objects.get(candidate=candidate)
    assert (application.first_name, application.last_name) == ("Zofia", "Wiśniewska")
    assert application.pesel == pesel
    assert application.pesel_hash == pesel_lookup_hash(pesel)
    assert application.status == ApplicationStatus.DRAFT
    assert application.criteria == 2
    assert not application.health
    [guardian] = application.guardians.all()
    assert (guardian.first_name, guardian.email) == ("Anna", "anna@example.org")

    page = client.get("/rekrutacja/wniosek/").content.decode()
    assert 'value="Zofia"' in page
    assert 'value="anna@example.org"' in page
    corrected = {
        **FORM,
        "pesel": pesel,
        "health": "on",
        "guardian_2_first_name": "Piotr",
        "guardian_2_last_name": "Wiśniewski",
        "guardian_2_phone": "600 100 200",
    }
    del corrected["single_parent"]
    assert client.post("/rekrutacja/wniosek/", corrected).status_code == 302
    application.refresh_from_db()
    assert application.health
    assert application.criteria == 1
    assert sorted(application.guardians.values_list("first_name", flat=True)) == ["Anna", "Piotr"]
    assert Application.objects.filter(candidate=candidate).count() == 1


def test_a_wrong_pesel_is_a_field_error_and_nothing_is_saved(client, candidate) -> None:  # type: ignore[no-untyped-def]
    year = year_make()
    class_make(year, school_make(), "1A", 30)
    client.force_login(candidate)
    client.cookies["django_language"] = "en"
    response = client.post("/rekrutacja/wniosek/", {**FORM, "pesel": "11111111111"})
    assert response.status_code == 200
    assert "check digit" in response.content.decode()
    assert not Application.objects.exists()


def test_a_guardian_needs_a_way_to_be_reached(candidate) -> None:  # type: ignore[no-untyped-def]
    year = year_make()
    with translation.override("en"), pytest.raises(ValidationError, match="e-mail address or a phone"):
        services.application_save(
            actor=Actor(user=candidate),
            year=year,
            first_name="Zofia",
            last_name="Nowak",
            pesel=pesel_for(date(2011, 1, 2)),
            guardians=[GuardianData("Anna", "Nowak")],
            flags={},
        )
    assert not Application.objects.exists()
    assert not Guardian.objects.exists()


def test_one_pesel_makes_one_application_a_year(candidate) -> None:  # type: ignore[no-untyped-def]
    year = year_make()
    pesel = pesel_for(date(2011, 5, 6))
    other = UserFactory(role=Role.CANDIDATE)
    kwargs = {
        "year": year,
        "first_name": "Jan",
        "last_name": "Nowak",
        "pesel": pesel,
        "guardians": [GuardianData("Ewa", "Nowak", email="ewa@example.org")],
        "flags": {},
    }
    services.application_save(actor=Actor(user=other), **kwargs)
    with translation.override("en"), pytest.raises(ValidationError, match="already exists"):
        services.application_save(actor=Actor(user=candidate), **kwargs)
    assert Application.objects.filter(candidate=candidate).count() == 0


def test_a_submitted_application_is_not_changed(candidate) -> None:  # type: ignore[no-untyped-def]
    year = year_make()
    application = Application.objects.create(
        year=year,
        candidate=candidate,
        first_name="Jan",
        last_name="Nowak",
        status=ApplicationStatus.SUBMITTED,
    )
    with translation.override("en"), pytest.raises(ValidationError, match="submitted application"):
        services.application_save(
            actor=Actor(user=candidate),
            year=year,
            first_name="Janusz",
            last_name="Nowak",
            pesel=pesel_for(date(2011, 7, 8)),
            guardians=[GuardianData("Ewa", "Nowak", email="ewa@example.org")],
            flags={"laureate": True},
        )
    application.refresh_from_db()
    assert application.first_name == "Jan"
    assert not application.laureate


def test_only_a_candidate_writes_an_application() -> None:
    year = year_make()
    director = UserFactory(role=Role.SCHOOL_DIRECTOR)
    with pytest.raises(PermissionDenied):
        services.application_save(
            actor=Actor(user=director),
            year=year,
            first_name="Jan",
            last_name="Nowak",
            pesel=pesel_for(date(2011, 7, 9)),
            guardians=[GuardianData("Ewa", "Nowak", email="ewa@example.org")],
            flags={},
        )
    assert not Application.objects.exists()


def test_the_ranking_page_shows_requirements_and_keeps_the_limit_of_schools(client, candidate) -> None:  # type: ignore[no-untyped-def]
    year = year_make()
    year.max_schools = 2
    year.save(update_fields=["max_schools"])
    sport = class_make(year, school_make("SMS"), "1S", 20, aptitude_test=True)
    vocational = class_make(year, school_make("Technikum"), "1T", 20, medical_certificate=True)
    general = class_make(year, school_make("III LO"), "1A", 20)
    Application.objects.create(year=year, candidate=candidate, first_name="Jan", last_name="Nowak")
    client.force_login(candidate)
    client.cookies["django_language"] = "en"
    page = client.get("/rekrutacja/ranking/").content.decode()
    assert "SMS - 1S: mat-fiz (aptitude test)" in page
    assert "Technikum - 1T: mat-fiz (medical certificate)" in page

    three = {"choice_1": sport.pk, "choice_2": vocational.pk, "choice_3": general.pk}
    response = client.post("/rekrutacja/ranking/", three)
    assert response.status_code == 200
    assert "at most 2 schools" in response.content.decode()
    assert not Preference.objects.exists()

    assert (
        client.post("/rekrutacja/ranking/", {"choice_1": general.pk, "choice_2": sport.pk}).status_code == 302
    )
    assert list(Preference.objects.order_by("rank").values_list("school_class", flat=True)) == [
        general.pk,
        sport.pk,
    ]


def test_a_candidate_never_sees_or_changes_another_application(client, candidate) -> None:  # type: ignore[no-untyped-def]
    year = year_make()
    a = class_make(year, school_make(), "1A", 20)
    other = Application.objects.create(
        year=year, candidate=UserFactory(role=Role.CANDIDATE), first_name="Inna", last_name="Osoba"
    )
    client.force_login(candidate)
    page = client.get("/rekrutacja/").content.decode()
    assert "Osoba" not in page
    assert "Osoba" not in client.get("/rekrutacja/wniosek/").content.decode()
    # Without an application of their own, the ranking and the class lists are not found.
    assert client.get("/rekrutacja/ranking/").status_code == 404
    assert client.post("/rekrutacja/ranking/", {"choice_1": a.pk}).status_code == 404
    assert client.get(f"/rekrutacja/lista/{a.pk}/").status_code == 404
    assert not other.preferences.exists()


def test_staff_roles_do_not_open_the_candidate_pages(client_for) -> None:  # type: ignore[no-untyped-def]
    year_make()
    director = client_for(UserFactory(role=Role.SCHOOL_DIRECTOR))
    for url in ("/rekrutacja/", "/rekrutacja/wniosek/", "/rekrutacja/ranking/"):
        assert director.get(url).status_code == 403, url
