"""The career-orientation pages: the public search, the booking page by role, the gmina's page."""

import pytest

from tests.education import builders_edua as b

pytestmark = pytest.mark.django_db


def test_the_public_search_finds_by_words_without_diacritics(client):
    b.activity(title="Dzień z inżynierem")
    b.activity(title="Wizyta w piekarni", kind="workplace_visit")
    page = client.get("/edukacja/orientacja-zawodowa/", {"q": "inzynier"}).content.decode()
    assert "Dzień z inżynierem" in page
    assert "Wizyta w piekarni" not in page
    page = client.get("/edukacja/orientacja-zawodowa/", {"kind": "workplace_visit"}).content.decode()
    assert "Wizyta w piekarni" in page


def test_gmina_staff_book_from_the_page_and_see_it_on_their_gmina_page(client_for):
    activity = b.activity(title="Warsztaty robotyki")
    school = b.school(name="Szkoła Podstawowa nr 5 w Wieliczce")
    client = client_for(b.gmina_staff())
    page = client.get(f"/edukacja/orientacja-zawodowa/{activity.pk}/rezerwacja/").content.decode()
    assert "Szkoła Podstawowa nr 5 w Wieliczce" in page
    response = client.post(
        f"/edukacja/orientacja-zawodowa/{activity.pk}/rezerwacja/",
        {"school": school.pk, "grade": 8, "pupils": 25, "note": ""},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Warsztaty robotyki" in page
    assert "Szkoła Podstawowa nr 5 w Wieliczce" in page


def test_a_refused_booking_stays_on_the_form_with_the_reason(client_for):
    activity = b.activity(places=5)
    school = b.school()
    client = client_for(b.director(school))
    response = client.post(
        f"/edukacja/orientacja-zawodowa/{activity.pk}/rezerwacja/",
        {"school": school.pk, "grade": 7, "pupils": 6},
    )
    assert response.status_code == 200
    assert "5" in response.content.decode()
    activity.refresh_from_db()
    assert activity.places_taken == 0
