"""A resident searches the register of qualifications (without diacritics, narrowing by level),
opens a qualification and follows to the services that lead to it in the catalogue. axe-core
checks every page, at desktop and at phone width."""

import datetime
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from playwright.sync_api import Page, expect

from kierunek.catalogue.models import Category
from tests.catalogue.factories import ServiceCardFactory
from tests.providers.factories import ProviderFactory
from tests.qualifications.factories import outcome_sets, qualification

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def register(reference_data):
    if not Category.objects.exists():  # emptied by an earlier transactional test
        import_module("kierunek.catalogue.migrations.0002_load_categories").load(
            apps, SimpleNamespace(connection=connection)
        )
    qualification(
        code="Q-2",
        name="Obsługa wózków jezdniowych",
        prk_level=3,
        outcome_sets=outcome_sets("Przygotowanie wózka do pracy", "Prace przeładunkowe"),
        demo=True,
    )
    qualification(code="Q-3", name="Wózki widłowe w logistyce", prk_level=4)
    qualification(code="Q-4", name="Projektowanie grafiki 2D", prk_level=4)
    provider = ProviderFactory(legal_name="Centrum Egzaminacyjne Logistyk")
    soon = datetime.date.today() + datetime.timedelta(days=10)
    return [
        ServiceCardFactory(
            provider=provider,
            service_type="exam",
            qualification_code="Q-2",
            title=title,
            starts_on=soon,
        )
        for title in ("Walidacja: obsługa wózków jezdniowych", "Egzamin operatora wózka")
    ]


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_resident_searches_the_register_opens_a_qualification_and_finds_its_services(
    page: Page, register, viewport
):
    if viewport:
        page.set_viewport_size(viewport)
    page.goto("/kwalifikacje/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rejestr kwalifikacji")
    expect(page.locator(".register-results > li")).to_have_count(3)
    assert_accessible(page)

    page.locator("#register-q").fill("wozki")
    page.locator("#register-level").select_option("3")
    page.get_by_role("button", name="Szukaj").click()
    expect(page.locator(".register-results > li")).to_have_count(1)
    expect(page.locator("#register-status")).to_contain_text("1")
    assert_accessible(page)

    page.get_by_role("link", name="Obsługa wózków jezdniowych").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Obsługa wózków jezdniowych")
    expect(page.get_by_text("Dane demonstracyjne:")).to_be_visible()
    expect(page.get_by_role("heading", name="ZE2. Prace przeładunkowe")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Szukaj wśród tych usług").click()
    assert page.url.endswith("/uslugi/?kwalifikacja=Q-2")
    expect(page.locator("ol.hits > li")).to_have_count(2)
    assert_accessible(page)

    page.get_by_role("link", name="Egzamin operatora wózka").click()
    expect(page.get_by_role("link", name="Obsługa wózków jezdniowych")).to_be_visible()
    assert_accessible(page)
