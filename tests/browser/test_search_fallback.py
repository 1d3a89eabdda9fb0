"""A visitor's search that finds nothing: a typo is corrected and said so, the search as typed is
one click away and ends with next steps, filters that exclude everything link to loosening one.
HTMX updates the results and the status region; axe-core checks every state."""

import re

import pytest
from playwright.sync_api import Page, expect

from kierunek.catalogue.search.vocabulary import vocabulary_forget

from .conftest import assert_accessible
from .test_search_journey import catalogue, hit_titles  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_typo_a_search_as_typed_and_a_filter_to_loosen(page: Page, catalogue):  # noqa: F811
    vocabulary_forget()  # the live server runs in this process: no vocabulary of an earlier test
    page.goto("/uslugi/")
    page.locator("#search-q").fill("ksigowosc")
    page.locator("#search-q").press("Enter")
    expect(page.locator("#search-status")).to_contain_text(
        "Nic nie pasuje do „ksigowosc”: pokazujemy wyniki dla „księgowość”."
    )
    expect(page.locator("ol.hits > li")).to_have_count(1)
    assert hit_titles(page) == ["Księgowość dla początkujących"]
    assert_accessible(page)

    page.get_by_role("link", name="Szukaj dokładnie „ksigowosc”").click()
    expect(page.locator("ol.hits > li")).to_have_count(0)
    expect(page.get_by_text("Nie znaleźliśmy żadnej usługi dla „ksigowosc”.")).to_be_visible()
    expect(page.get_by_role("link", name="Porozmawiaj z doradcą zawodowym")).to_be_visible()
    assert_accessible(page)

    # The text finds a course, the form excludes it: the link removes the form.
    page.locator("#search-q").fill("księgowość")
    page.locator(".search-filters summary").click()
    page.locator("#search-form-blended_live").check()
    expect(page.locator("#search-status")).to_contain_text("Po poluzowaniu filtra znajdą się usługi")
    expect(page.locator("#search-notice")).to_contain_text("(1 usługa)")
    assert_accessible(page)
    page.get_by_role("link", name="Bez filtra: forma realizacji").click()
    expect(page.locator("ol.hits > li")).to_have_count(1)
    expect(page).not_to_have_url(re.compile(r"form="))
