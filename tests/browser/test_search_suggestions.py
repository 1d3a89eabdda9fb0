"""Suggestions as one types into the catalogue search, the ARIA 1.2 combobox pattern: typed
without diacritics, chosen with the arrows and Enter (a title searches for itself, a category
searches within it), closed with Escape, left with Tab; tapped on a phone. axe-core checks the
page with the list open, at desktop and phone widths."""

import re
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from playwright.sync_api import Browser, Page, expect

from kierunek.catalogue.models import Category
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
    accounting = category("finance_accounting")
    ServiceCardFactory(title="Księgowość dla początkujących", category=accounting)
    ServiceCardFactory(title="Księgowość w praktyce", category=accounting)
    ServiceCardFactory(title="Kadry i płace", category=category("finance_payroll"))
    ServiceCardFactory(title="Język angielski B1", category=category("languages_english"))


def field(page: Page):
    return page.locator("#search-q")


def listbox(page: Page):
    return page.locator("#search-q-suggestions")


def expect_open_with(page: Page, labels: list[str]) -> None:
    expect(listbox(page)).to_be_visible()
    expect(field(page)).to_have_attribute("aria-expanded", "true")
    expect(listbox(page).get_by_role("option")).to_have_count(len(labels))
    for option, label in zip(listbox(page).get_by_role("option").all(), labels, strict=True):
        expect(option).to_contain_text(label)


def expect_closed(page: Page) -> None:
    expect(listbox(page)).to_be_hidden()
    expect(field(page)).to_have_attribute("aria-expanded", "false")


def test_typing_arrows_and_enter_search_with_the_suggestion(page: Page, catalogue):
    page.goto("/uslugi/")
    expect(page.locator("ol.hits > li")).to_have_count(4)
    expect(field(page)).to_have_attribute("role", "combobox")

    # Without diacritics: the category first (it starts with the text, two cards), then titles.
    field(page).press_sequentially("ksieg", delay=30)
    expect_open_with(page, ["Księgowość (2)", "Księgowość dla początkujących", "Księgowość w praktyce"])
    expect(page.locator("#search-q-status")).to_contain_text("3 podpowiedzi")
    expect(listbox(page).get_by_role("group")).to_have_count(2)
    assert_accessible(page)

    # ArrowDown moves through the options (the focus stays in the field), ArrowUp back.
    field(page).press("ArrowDown")
    expect(field(page)).to_have_attribute("aria-activedescendant", "search-q-option-0")
    field(page).press("ArrowDown")
    field(page).press("ArrowDown")
    field(page).press("ArrowUp")
    expect(field(page)).to_have_attribute("aria-activedescendant", "search-q-option-1")
    expect(page.locator("#search-q-option-1")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#search-q-option-0")).to_have_attribute("aria-selected", "false")
    expect(field(page)).to_be_focused()
    assert_accessible(page)

    # Enter chooses the title: it fills the field and the search runs with it.
    field(page).press("Enter")
    expect_closed(page)
    expect(field(page)).to_have_value("Księgowość dla początkujących")
    expect(page).to_have_url(re.compile(r"q=Ksi%C4%99gowo%C5%9B%C4%87(\+|%20)dla"))
    expect(page.locator("ol.hits h3 a").first).to_have_text("Księgowość dla początkujących")
    expect(field(page)).not_to_have_attribute("aria-activedescendant", re.compile("."))

    # Escape closes the list and keeps the text; Enter then sends the text as typed.
    field(page).fill("")
    field(page).press_sequentially("kadry", delay=30)
    expect_open_with(page, ["Kadry i płace (1)", "Kadry i płace (1)"])
    field(page).press("Escape")
    expect_closed(page)
    expect(field(page)).to_have_value("kadry")
    expect(field(page)).to_be_focused()
    # ArrowDown opens it again, on the first option.
    field(page).press("ArrowDown")
    expect(listbox(page)).to_be_visible()
    expect(field(page)).to_have_attribute("aria-activedescendant", "search-q-option-0")

    # Tab leaves the field and closes the list.
    field(page).press("Tab")
    expect_closed(page)
    expect(field(page)).not_to_be_focused()

    # A category searches within it: the category filter, no text.
    field(page).fill("")
    field(page).press_sequentially("ksieg", delay=30)
    expect_open_with(page, ["Księgowość (2)", "Księgowość dla początkujących", "Księgowość w praktyce"])
    field(page).press("ArrowDown")
    field(page).press("Enter")
    expect(page).to_have_url(re.compile(r"category=finance_accounting"))
    expect(field(page)).to_have_value("")
    expect(page.locator("#search-category")).to_have_value("finance_accounting")
    expect(page.locator("ol.hits > li")).to_have_count(2)
    expect_closed(page)

    # Back to the search as typed, which HTMX puts back from its history: the list is closed and
    # the field still suggests.
    page.go_back()
    expect(page).to_have_url(re.compile(r"q=kadry"))
    expect_closed(page)
    field(page).fill("")
    field(page).press_sequentially("kadr", delay=30)
    expect_open_with(page, ["Kadry i płace (1)", "Kadry i płace (1)"])


def test_a_tap_chooses_a_suggestion_on_a_phone(browser: Browser, live_server, catalogue):
    context = browser.new_context(
        base_url=live_server.url, locale="pl-PL", viewport=PHONE, has_touch=True, is_mobile=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto("/uslugi/")
        field(page).tap()
        field(page).press_sequentially("angiel", delay=30)
        expect_open_with(page, ["Język angielski (1)", "Język angielski B1 (1)"])
        box = listbox(page).bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= PHONE["width"]
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        for option in listbox(page).get_by_role("option").all():
            assert option.bounding_box()["height"] >= 44  # a finger's target
        assert_accessible(page)

        listbox(page).get_by_role("option", name=re.compile("Język angielski B1")).tap()
        expect_closed(page)
        expect(field(page)).to_have_value("Język angielski B1")
        expect(page).to_have_url(re.compile(r"q=J%C4%99zyk(\+|%20)angielski(\+|%20)B1"))
        expect(page.locator("ol.hits > li")).to_have_count(1)
    finally:
        context.close()


def test_without_javascript_the_form_still_searches(browser: Browser, live_server, catalogue):
    context = browser.new_context(base_url=live_server.url, locale="pl-PL", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/uslugi/")
        field(page).fill("kadry")
        field(page).press("Enter")
        expect(page).to_have_url(re.compile(r"q=kadry"))
        expect(page.locator("ol.hits > li")).to_have_count(1)
        expect(listbox(page)).to_be_hidden()
    finally:
        context.close()
