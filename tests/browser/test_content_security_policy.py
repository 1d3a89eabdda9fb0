"""The pages still work under the Content-Security-Policy, and Chromium reports no violation of
it: a visitor searches the catalogue (HTMX swaps the results in place), reads the API
documentation, and a participant logs in and opens the second-factor set-up (the QR code is
inline SVG)."""

import datetime
import re
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from playwright.sync_api import Page, expect

from kierunek.catalogue.models import Category
from tests.accounts.factories import DEFAULT_PASSWORD, ParticipantFactory
from tests.catalogue.factories import KRAKOW, ServiceCardFactory, category, gmina

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Installed before any script of the page runs (through the DevTools protocol, which the policy
# does not govern): every violation the browser reports is kept for the test to read.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI} ${event.sample}`);
});
"""


@pytest.fixture
def watched(page: Page) -> tuple[Page, list[str]]:
    """The page, and the policy violations Chromium reported on it (its console included)."""
    console: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return page, console


def violations(page: Page, console: list[str]) -> list[str]:
    return [*page.evaluate("window.__cspViolations || []"), *console]


@pytest.fixture
def cards(reference_data):
    if not Category.objects.exists():  # emptied by an earlier transactional test
        import_module("kierunek.catalogue.migrations.0002_load_categories").load(
            apps, SimpleNamespace(connection=connection)
        )
    soon = datetime.date.today() + datetime.timedelta(days=10)
    ServiceCardFactory(
        title="Kurs prawa jazdy kategorii C",
        category=category("driving_c"),
        gmina=gmina(KRAKOW),
        starts_on=soon,
    )
    ServiceCardFactory(
        title="Księgowość dla początkujących", category=category("finance_accounting"), starts_on=soon
    )


def test_catalogue_search_with_htmx_keeps_to_the_policy(watched, cards):
    page, console = watched
    response = page.goto("/uslugi/")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("ol.hits > li")).to_have_count(2)

    page.evaluate("window.stillTheSamePage = true")
    page.locator("#search-q").fill("ksiegowosc")
    expect(page.locator("ol.hits > li")).to_have_count(1)  # swapped in by HTMX as one types
    expect(page).to_have_url(re.compile(r"q=ksiegowosc"))
    assert page.evaluate("window.stillTheSamePage === true")
    # htmx added no <style> of its own: its indicator rules come from kierunek.css.
    assert page.evaluate("document.querySelectorAll('style').length") == 0

    assert violations(page, console) == []


def test_api_documentation_keeps_to_the_policy(watched):
    page, console = watched
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()

    assert violations(page, console) == []


def test_login_and_second_factor_set_up_keep_to_the_policy(watched):
    page, console = watched
    participant = ParticipantFactory()
    page.goto("/logowanie/")
    page.locator("input[name=username]").fill(participant.email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/logowanie/"))
    assert violations(page, console) == []

    page.goto("/konto/2fa/konfiguracja/")
    expect(page.locator(".qr svg")).to_be_visible()

    assert violations(page, console) == []


def test_the_watch_sees_what_the_policy_refuses(watched):
    """The check above can fail: an inline <style>, as htmx would add without its configuration,
    is refused and reported."""
    page, console = watched
    page.goto("/")
    page.evaluate(
        "document.head.insertAdjacentHTML('beforeend', '<style>.htmx-indicator{opacity:0}</style>')"
    )
    page.wait_for_function("window.__cspViolations.length > 0")

    assert any("style-src" in violation for violation in violations(page, console))
