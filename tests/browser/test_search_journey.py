"""A visitor searches the catalogue, narrows the results by distance from a gmina and by form of
delivery (HTMX updates the results in place and the address), and opens a card. axe-core checks
every page."""

import datetime
import re
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from playwright.sync_api import Page, expect

from kierunek.catalogue.models import Category
from tests.catalogue.factories import KRAKOW, ServiceCardFactory, category, gmina
from tests.providers.factories import ProviderFactory

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TODAY = datetime.date.today()


@pytest.fixture
def catalogue(reference_data):
    if not Category.objects.exists():  # emptied by an earlier transactional test
        import_module("kierunek.catalogue.migrations.0002_load_categories").load(
            apps, SimpleNamespace(connection=connection)
        )
    provider = ProviderFactory(legal_name="Ośrodek Szkolenia Kierowców")
    soon = TODAY + datetime.timedelta(days=10)
    return {
        "krakow": ServiceCardFactory(
            provider=provider,
            title="Kurs prawa jazdy kategorii C w Krakowie",
            category=category("driving_c"),
            gmina=gmina(KRAKOW),
            starts_on=soon,
        ),
        "wieliczka_blended": ServiceCardFactory(
            provider=provider,
            title="Prawo jazdy kat. C - teoria online i jazdy w Wieliczce",
            category=category("driving_c"),
            delivery_form="blended_live",
            gmina=gmina("1219053"),
            starts_on=soon + datetime.timedelta(days=1),
        ),
        "nowy_sacz": ServiceCardFactory(
            provider=provider,
            title="Kurs prawa jazdy kategorii C w Nowym Sączu",
            category=category("driving_c"),
            gmina=gmina("1262011"),
            starts_on=soon + datetime.timedelta(days=2),
        ),
        "other": ServiceCardFactory(
            provider=provider,
            title="Księgowość dla początkujących",
            category=category("finance_accounting"),
            starts_on=soon,
        ),
    }


def hit_titles(page: Page) -> list[str]:
    return page.locator("ol.hits h3 a").all_inner_texts()


def test_visitor_searches_narrows_by_distance_and_form_and_opens_a_card(page: Page, catalogue):
    page.goto("/uslugi/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("ol.hits > li")).to_have_count(4)
    assert_accessible(page)

    # Text: Polish inflection and abbreviations; the count is announced in the status region.
    page.locator("#search-q").fill("prawo jazdy kat. C")
    page.locator("#search-q").press("Enter")
    expect(page.locator("ol.hits > li")).to_have_count(3)
    expect(page.locator("#search-status")).to_contain_text("3")
    expect(page).to_have_url(re.compile(r"q=prawo"))

    # Distance from Kraków: the filters open, HTMX replaces the results on every change (in
    # place: a value set on the window survives, which a page load would clear).
    page.evaluate("window.stillTheSamePage = true")
    page.locator(".search-filters summary").click()
    page.locator("#search-gmina").select_option(KRAKOW)
    page.locator("#search-radius_km").select_option("20")
    page.locator("#search-sort").select_option("distance")
    # Each change sends a request: two hits come with the radius already, in the order of
    # relevance; wait (retrying) for the answer sorted by distance.
    expect(page.locator("ol.hits h3 a")).to_have_text(
        [
            "Kurs prawa jazdy kategorii C w Krakowie",
            "Prawo jazdy kat. C - teoria online i jazdy w Wieliczce",
        ]
    )
    expect(page).to_have_url(re.compile(rf"gmina={KRAKOW}"))
    expect(page.locator("#search-status")).to_contain_text("2")
    assert_accessible(page)

    # Form of delivery: only blended.
    page.locator("#search-form-blended_live").check()
    expect(page.locator("ol.hits > li")).to_have_count(1)
    expect(page.locator("#search-status")).to_contain_text("1")
    expect(page).to_have_url(re.compile(r"form=blended_live"))
    assert page.evaluate("window.stillTheSamePage === true")

    # The address holds the search: a reload shows the same results, without HTMX.
    page.reload()
    expect(page.locator("ol.hits > li")).to_have_count(1)
    expect(page.locator("#search-form-blended_live")).to_be_checked()

    page.get_by_role("link", name="Prawo jazdy kat. C - teoria online i jazdy w Wieliczce").click()
    expect(page).to_have_url(re.compile(rf"/uslugi/{catalogue['wieliczka_blended'].pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Prawo jazdy kat. C - teoria online i jazdy w Wieliczce"
    )
    expect(page.get_by_text("Ośrodek Szkolenia Kierowców")).to_be_visible()
    expect(page.locator("table").first).to_be_visible()
    assert_accessible(page)

    # On a phone the card reads without sideways scrolling.
    page.set_viewport_size({"width": 360, "height": 740})
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page)


def test_search_works_without_javascript(browser, live_server, catalogue):
    context = browser.new_context(base_url=live_server.url, locale="pl-PL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/uslugi/")
        page.locator("#search-q").fill("ksiegowosc")
        page.locator("#catalogue-search button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"q=ksiegowosc"))
        assert hit_titles(page) == ["Księgowość dla początkujących"]
        # (axe-core needs JavaScript: the same page is checked in the test above.)
    finally:
        context.close()
