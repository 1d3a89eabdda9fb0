"""The provider's card form answers every wrong card with an error next to the field and keeps what
was typed, on the create and on the edit page: never a server error (issue 13, repair 1)."""

from datetime import timedelta

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from kierunek.catalogue.models import Category, ServiceCard
from tests.catalogue.test_cards import START
from tests.pages import text
from tests.providers.factories import ProviderFactory, provider_staff_of

pytestmark = pytest.mark.django_db

CREATE = "/instytucja/uslugi/nowa/"
DUPLICATE = "Your institution already has a service with the same title, dates and place."


def form_data(**overrides):
    """A remote course of two evening sessions of 3 hours (6 hours)."""
    data = {
        "title": "Kurs programowania w Pythonie",
        "category": Category.objects.get(code="it_programming").pk,
        "service_type": "training",
        "delivery_form": "remote_live",
        "goal": "Nauka programowania.",
        "learning_outcomes": "Uczestnik pisze proste programy.",
        "programme": "Zmienne, pętle, funkcje.",
        "target_group": "Dorośli.",
        "participation_conditions": "",
        "technical_requirements": "Komputer z przeglądarką i mikrofonem.",
        "hours": "6",
        "gmina": "",
        "street": "",
        "outside_region_address": "",
        "price_net": "2000,00",
        "price_gross": "2460,00",
        "min_participants": "4",
        "max_participants": "15",
        "enrolment_deadline": (START - timedelta(days=3)).isoformat(),
        "market_qualification": "",
        "sessions-TOTAL_FORMS": "3",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "1",
        "sessions-MAX_NUM_FORMS": "60",
        "sessions-0-date": START.isoformat(),
        "sessions-0-start_time": "17:00",
        "sessions-0-end_time": "20:00",
        "sessions-0-place": "https://spotkanie.example/python",
        "sessions-1-date": (START + timedelta(days=1)).isoformat(),
        "sessions-1-start_time": "17:00",
        "sessions-1-end_time": "20:00",
        "sessions-1-place": "https://spotkanie.example/python",
    }
    data.update(overrides)
    return data


@pytest.fixture
def provider():
    return ProviderFactory()


@pytest.fixture
def staff_client(client, login_staff, provider):
    return login_staff(client, provider_staff_of(provider))


def created(client) -> ServiceCard:
    response = client.post(CREATE, form_data())
    assert response.status_code == 302, text(response)[:3000]
    return ServiceCard.objects.latest("pk")


def field_errors(response, field: str) -> str:
    """The error list shown under ``field`` (empty when none)."""
    html = text(response)
    start = html.find(f'id="id_{field}_errors"')
    return "" if start < 0 else html[start : html.find("</ul>", start)]


def polish(msgid: str) -> str:
    with translation.override("pl"):
        return escape(gettext(msgid))


@pytest.fixture(params=["create", "edit"])
def page(request, staff_client):
    """The create page, or the edit page of a card saved before."""
    if request.param == "create":
        return CREATE
    return f"/instytucja/uslugi/{created(staff_client).pk}/"


def test_net_price_above_gross_is_an_error_on_the_gross_price(staff_client, page):
    response = staff_client.post(page, form_data(price_net="3000,00", price_gross="2460,00"))

    assert response.status_code == 200
    assert polish("The gross price cannot be lower than the net price.") in field_errors(
        response, "price_gross"
    )
    assert 'value="3000,00"' in text(response)  # what was typed is kept
    assert ServiceCard.objects.filter(price_net=300_000).count() == 0


def test_a_session_ending_before_it_starts_is_an_error_on_that_session(staff_client, page):
    response = staff_client.post(
        page, form_data(**{"sessions-1-start_time": "20:00", "sessions-1-end_time": "17:00"})
    )

    assert response.status_code == 200
    html = text(response)
    assert polish("The session must end after it starts.") in field_errors(response, "sessions-1-end_time")
    assert 'value="20:00"' in html
    assert not ServiceCard.objects.filter(sessions__start_time="20:00").exists()


def test_the_same_title_dates_and_place_as_another_card_is_an_error_on_the_title(
    staff_client, provider, page
):
    first = form_data(title="Python od podstaw")
    assert staff_client.post(CREATE, first).status_code == 302
    count = ServiceCard.objects.count()

    response = staff_client.post(page, form_data(title="PYTHON od podstaw"))

    assert response.status_code == 200
    assert polish(DUPLICATE) in field_errors(response, "title")
    assert escape("PYTHON od podstaw") in text(response)
    assert ServiceCard.objects.count() == count
    assert ServiceCard.objects.filter(title="PYTHON od podstaw").count() == 0


def test_errors_are_in_english_for_english_readers(english, login_staff, provider):
    login_staff(english, provider_staff_of(provider))
    response = english.post(CREATE, form_data(price_net="3000.00", price_gross="2460.00"))

    assert response.status_code == 200
    assert "gross price cannot be lower than the net price" in field_errors(response, "price_gross")


def test_fewer_places_than_are_taken_is_an_error_on_the_maximum(staff_client):
    card = created(staff_client)
    ServiceCard.objects.filter(pk=card.pk).update(seats_taken=5)

    response = staff_client.post(
        f"/instytucja/uslugi/{card.pk}/", form_data(min_participants="1", max_participants="4")
    )

    assert response.status_code == 200
    assert "5" in field_errors(response, "max_participants")
    card.refresh_from_db()
    assert card.max_participants == 15


def test_a_duplicate_written_meanwhile_is_still_an_error_on_the_title(staff_client, monkeypatch):
    """Two requests checking at once both find no duplicate: the database's constraint refuses the
    second write, and the page says so on the title as the check would."""
    from kierunek.catalogue import services

    assert staff_client.post(CREATE, form_data(title="Python od podstaw")).status_code == 302
    card = created(staff_client)
    monkeypatch.setattr(services, "_refuse_duplicate", lambda **kwargs: None)

    for page in (CREATE, f"/instytucja/uslugi/{card.pk}/"):
        response = staff_client.post(page, form_data(title="Python od podstaw"))

        assert response.status_code == 200
        assert polish(DUPLICATE) in field_errors(response, "title")
    assert ServiceCard.objects.filter(title="Python od podstaw").count() == 1


# --- declared hours against the sessions (issue 13, repair 2) -----------------------------------

TWO_EIGHT_HOUR_DAYS = {
    "sessions-0-start_time": "09:00",
    "sessions-0-end_time": "17:30",
    "sessions-1-start_time": "09:00",
    "sessions-1-end_time": "17:30",
}


def test_declared_hours_the_sessions_do_not_give_are_an_error_saying_what_they_give(staff_client, page):
    """Kierunek Kariera's rule: 60-minute hours, a 30-minute break on days over 6 hours: two days
    of 9:00-17:30 give 16 hours, not 200."""
    count = ServiceCard.objects.count()

    response = staff_client.post(page, form_data(hours="200", **TWO_EIGHT_HOUR_DAYS))

    assert response.status_code == 200
    errors = field_errors(response, "hours")
    assert "16 godz." in errors, errors
    assert "60 minut" in errors
    assert 'value="200"' in text(response)
    assert ServiceCard.objects.count() == count
    assert not ServiceCard.objects.filter(hours=200).exists()
    assert staff_client.post(page, form_data(hours="16", **TWO_EIGHT_HOUR_DAYS)).status_code == 302
    assert ServiceCard.objects.filter(hours=16).exists()


def test_the_hours_error_in_english(english, login_staff, provider):
    login_staff(english, provider_staff_of(provider))
    response = english.post(
        CREATE, form_data(hours="200", price_net="2000.00", price_gross="2460.00", **TWO_EIGHT_HOUR_DAYS)
    )
    assert "The sessions give 16 hours" in field_errors(response, "hours")


def test_the_import_reports_the_row_whose_hours_the_sessions_do_not_give(provider):
    from kierunek.catalogue import importexport
    from kierunek.core.actor import Actor
    from tests.catalogue.test_import_export import as_csv, row

    second = START + timedelta(days=1)
    sessions = f"{START.isoformat()} 09:00-17:30 @ sala 2; {second.isoformat()} 09:00-17:30 @ sala 2"
    content = as_csv(
        [row(hours="16", sessions=sessions), row(title="Za dużo godzin", hours="200", sessions=sessions)]
    )

    with pytest.raises(importexport.ImportRefused) as refused:
        importexport.cards_import(
            provider=provider, content=content, filename="u.csv", actor=Actor.of(provider_staff_of(provider))
        )

    (error,) = refused.value.errors
    assert (error.row, error.column) == (2, "hours")
    assert "16" in error.message
    assert not ServiceCard.objects.exists()
