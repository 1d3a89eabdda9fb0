"""A participant narrows a search (HTMX replaces the results and the save panel with them), saves it
by keyboard, finds it on the page of their saved searches on a phone, changes how often it e-mails
them, and deletes it after the confirmation step. The e-mail's unsubscribe page is checked too.
axe-core checks every page."""

import datetime
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from playwright.sync_api import Page, expect

from kierunek.catalogue.models import Category, SavedSearch
from kierunek.catalogue.saved_searches import unsubscribe_token
from tests.accounts.factories import DEFAULT_PASSWORD, ParticipantFactory
from tests.catalogue.factories import ServiceCardFactory, category

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def catalogue(reference_data):
    if not Category.objects.exists():  # emptied by an earlier transactional test
        import_module("kierunek.catalogue.migrations.0002_load_categories").load(
            apps, SimpleNamespace(connection=connection)
        )
    soon = datetime.date.today() + datetime.timedelta(days=10)
    ServiceCardFactory(title="Kurs prawa jazdy kategorii C", category=category("driving_c"), starts_on=soon)
    ServiceCardFactory(title="Księgowość dla początkujących", category=category("finance_accounting"))


def _fits_the_phone(page: Page) -> None:
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url
    assert_accessible(page)
    if desktop:
        page.set_viewport_size(desktop)


def test_participant_saves_a_search_manages_it_and_deletes_it(page: Page, catalogue):
    participant = ParticipantFactory()
    page.goto("/uslugi/")
    expect(page.get_by_role("link", name="Zaloguj się, aby zapisać to wyszukiwanie")).to_be_visible()
    page.goto("/logowanie/")
    page.locator("#id_username").fill(participant.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()

    page.goto("/uslugi/")
    assert_accessible(page)
    page.locator("#search-q").fill("prawo jazdy")
    page.locator("#search-q").press("Enter")
    expect(page.locator("ol.hits > li")).to_have_count(1)
    # The results came by HTMX: the panel came with them and saves the search on the screen.
    expect(page.locator("#saved-search-panel input[name=query]")).to_have_value("q=prawo+jazdy")

    frequency = page.get_by_label("Wysyłaj mi nowe usługi e-mailem")
    frequency.focus()
    frequency.select_option("daily")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Zapisz to wyszukiwanie")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_contain_text("Zapisano wyszukiwanie")
    saved = SavedSearch.objects.get(user=participant)
    assert (saved.query, saved.frequency) == ("q=prawo+jazdy", "daily")
    expect(page.get_by_role("button", name="Zapisz to wyszukiwanie")).to_have_count(0)

    page.get_by_role("link", name="Moje zapisane wyszukiwania").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Moje zapisane wyszukiwania")
    _fits_the_phone(page)
    page.get_by_label("E-mail z nowymi usługami").select_option("weekly")
    page.get_by_role("button", name="Zmień").click()
    expect(page.locator(".messages")).to_contain_text("raz w tygodniu")
    saved.refresh_from_db()
    assert saved.frequency == "weekly"

    page.get_by_role("button", name="Usuń").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Usunąć zapisane wyszukiwanie")
    assert_accessible(page)
    page.get_by_role("button", name="Usuń zapisane wyszukiwanie").click()
    expect(page.locator(".empty-state")).to_be_visible()
    assert not SavedSearch.objects.exists()


def test_the_emails_unsubscribe_page_and_its_undo(page: Page, catalogue):
    participant = ParticipantFactory()
    now = datetime.datetime.now(datetime.UTC)
    saved = SavedSearch.objects.create(
        user=participant,
        query="q=prawo+jazdy",
        label="„prawo jazdy”",
        created_at=now,
        checked_on=now.date(),
        sent_until=now,
        idempotency_key="browser-saved-search-1",
    )
    page.goto(
        f"/uslugi/zapisane/wypisz/{unsubscribe_token(user_id=participant.pk, saved_search_ids=[saved.pk])}/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Wyłączyć te e-maile?")
    saved.refresh_from_db()
    assert saved.active is True  # opening the link changes nothing
    _fits_the_phone(page)
    assert_accessible(page)
    page.get_by_role("button", name="Wyłącz e-maile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nie dostaniesz już tych e-maili")
    _fits_the_phone(page)
    saved.refresh_from_db()
    assert saved.active is False
    page.get_by_role("button", name="Cofnij: wysyłaj je znowu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E-maile znów będą przychodzić")
    assert_accessible(page)
    saved.refresh_from_db()
    assert saved.active is True
