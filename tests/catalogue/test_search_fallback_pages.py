"""A search that finds nothing, on the page (/uslugi/) and in the API (/api/v1/services): the
corrected results and the link to the search as typed, the words not found, the filters to
loosen with their counts as links, a next step when nothing helps; in Polish and English, and
announced in the status region."""

import re

import pytest
from django.utils.html import escape

from kierunek.catalogue.search.vocabulary import vocabulary_forget
from tests.catalogue.factories import ServiceCardFactory, category
from tests.catalogue.search.test_fallback import catalogue  # noqa: F401 - the shared fixture
from tests.catalogue.test_search_pages import HTMX, card_links, results_part, status_text

pytestmark = pytest.mark.django_db

SEARCH = "/uslugi/"
API = "/api/v1/services"


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    vocabulary_forget()
    yield
    vocabulary_forget()


def page(client, **query):
    return client.get(SEARCH, query).content.decode()


def links(html: str) -> dict[str, str]:
    """The notice's links: their text (tags and spaces collapsed) → their query string."""
    notice = re.search(r'<div class="search-notice[^"]*" id="search-notice">(.*?)</div>', html, re.S)
    assert notice, "no notice"
    found = {}
    for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', notice.group(1), re.S):
        found[" ".join(re.sub(r"<[^>]+>", "", text).split())] = href.replace("&amp;", "&")
    return found


def test_a_typo_shows_the_corrected_results_with_a_link_to_the_text_as_typed(client, catalogue):  # noqa: F811
    html = page(client, q="exel")
    excel = sorted(card.pk for name, card in catalogue.items() if name.startswith("excel"))
    assert sorted(card_links(html)) == excel
    assert "Pokazujemy wyniki dla „excel”. Nie znaleźliśmy „exel”." in html
    assert "Zamiast „exel” szukaliśmy „excel”." in html
    assert status_text(html) == (
        "3 usługi spełniają kryteria wyszukiwania. Strona 1 z 1. "
        "Nic nie pasuje do „exel”: pokazujemy wyniki dla „excel”."
    )
    exact = links(html)["Szukaj dokładnie „exel”"]
    assert exact == "?q=exel&exact=1"
    # As typed: nothing, and what to do next.
    html = page(client, q="exel", exact="1")
    assert card_links(html) == []
    assert "Nie znaleźliśmy żadnej usługi dla „exel”." in html
    assert set(links(html)) == {
        "Przeglądaj wszystkie usługi według kategorii",
        "Porozmawiaj z doradcą zawodowym",
    }
    assert status_text(html).endswith("Poniżej piszemy, co możesz zrobić.")


def test_in_english(client, settings, catalogue):  # noqa: F811
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = page(client, q="exel astrofizyka")
    assert escape("Showing the results for “excel”. We found nothing for “exel astrofizyka”.") in html
    assert escape("We took “exel” for “excel”.") in html
    assert escape("Not found in any service: “astrofizyka”.") in html
    html = page(client, q="excel", category="languages")
    assert links(html) == {
        "Without the filter: category": "?q=excel",
        "Browse all services by category": SEARCH,
        "Talk to a career advisor": "/doradztwo/terminy/",
    }
    assert "(3 services)" in html


def test_the_words_not_found_are_named(client, catalogue):  # noqa: F811
    html = page(client, q="excel astrofizyka")
    assert len(card_links(html)) == 3
    assert "Nie znaleźliśmy w żadnej usłudze: „astrofizyka”." in html
    assert links(html) == {"Szukaj dokładnie „excel astrofizyka”": "?q=excel+astrofizyka&exact=1"}


def test_filters_that_exclude_everything_link_to_loosening_each(client, catalogue):  # noqa: F811
    html = page(client, q="excel", form="remote_live", price_max="1000", free_places="1")
    assert card_links(html) == []
    assert "Są usługi pasujące do tekstu, ale filtry wykluczają je wszystkie." in html
    assert links(html) == {
        "Bez filtra: forma realizacji": "?q=excel&price_max=1000&free_places=1",
        "Usuń wszystkie filtry": "?q=excel",
        "Przeglądaj wszystkie usługi według kategorii": SEARCH,
        "Porozmawiaj z doradcą zawodowym": "/doradztwo/terminy/",
    }
    assert "(3 usługi)" in html
    assert status_text(html).endswith("Po poluzowaniu filtra znajdą się usługi: zobacz listę poniżej.")
    # The link gives what it said.
    assert len(card_links(page(client, q="excel", price_max="1000", free_places="1"))) == 3


def test_nothing_at_all_still_gives_a_next_step(client, catalogue):  # noqa: F811
    html = page(client, q="qwertyuiop", category="it_digital")
    assert card_links(html) == []
    assert "Nie znaleźliśmy żadnej usługi dla „qwertyuiop”." in html
    assert "Sprawdź pisownię albo wpisz inne lub mniej słów." in html
    assert links(html) == {
        "Wyczyść filtry": "?q=qwertyuiop",
        "Przeglądaj wszystkie usługi według kategorii": SEARCH,
        "Porozmawiaj z doradcą zawodowym": "/doradztwo/terminy/",
    }


def test_did_you_mean(client, catalogue):  # noqa: F811
    ServiceCardFactory(
        title="Arkusze kalkulacyjne", programme="1. Exel w pracy biura", category=category("it_office")
    )
    html = page(client, q="exel")
    assert len(card_links(html)) == 1
    assert links(html) == {"„excel”": "?q=excel"}
    assert status_text(html).endswith("Czy chodziło o „excel”?")


def test_the_htmx_fragment_carries_the_notice_and_the_status(client, catalogue):  # noqa: F811
    full = page(client, q="exel")
    fragment = client.get(SEARCH, {"q": "exel"}, **HTMX).content.decode()
    status = re.search(r'<p id="search-status" hx-swap-oob="innerHTML">(.*?)</p>', fragment, re.S)
    assert status
    assert " ".join(status.group(1).split()) == status_text(full)
    assert fragment[: fragment.index('<p id="search-status"')].strip() == results_part(full).strip()


def test_the_api_says_what_it_relaxed(client, catalogue):  # noqa: F811
    body = client.get(API, {"q": "exel astrofizyka"}).json()
    assert body["count"] == 3
    assert len(body["items"]) == 3
    assert body["relaxed"] is True
    assert body["relaxed_q"] == "excel"
    assert body["corrections"] == [{"word": "exel", "correction": "excel"}]
    assert body["missing_words"] == ["astrofizyka"]
    assert body["loosen"] == []
    assert body["suggestion"] is None
    body = client.get(API, {"q": "exel", "exact": "true"}).json()
    assert (body["count"], body["relaxed"], body["relaxed_q"], body["corrections"]) == (0, False, None, [])


def test_the_api_counts_what_loosening_each_filter_gives(client, catalogue):  # noqa: F811
    body = client.get(API, {"q": "excel", "form": "remote_live", "price_max": "1000"}).json()
    assert body["count"] == 0
    assert body["relaxed"] is False
    assert body["loosen"] == [
        {"filter": "form", "parameters": ["form"], "count": 3},
        {"filter": "all", "parameters": ["form", "price_max"], "count": 3},
    ]


def test_the_api_when_nothing_is_found(client, catalogue):  # noqa: F811
    body = client.get(API, {"q": "qwertyuiop"}).json()
    assert body["count"] == 0
    assert body["items"] == []
    assert body["relaxed"] is False
    assert body["loosen"] == []
    assert body["corrections"] == []
    assert body["missing_words"] == ["qwertyuiop"]


def test_the_api_and_the_page_relax_alike(client, catalogue):  # noqa: F811
    for query in ({"q": "spawnie"}, {"q": "agielski"}, {"q": "excel spawanie"}):
        api_ids = [item["id"] for item in client.get(API, query).json()["items"]]
        assert api_ids
        assert api_ids == card_links(page(client, **query))
