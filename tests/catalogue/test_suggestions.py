"""Suggestions as one types: the HTML fragment for HTMX (GET /uslugi/podpowiedzi/), the search
page's combobox that asks for it, and the JSON of the API (/api/v1/services/suggestions)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from kierunek.catalogue.models import CardStatus
from kierunek.catalogue.search.suggest import suggestion_index_forget
from tests.catalogue.factories import ServiceCardFactory, category

pytestmark = pytest.mark.django_db

SUGGESTIONS = "/uslugi/podpowiedzi/"
QUALIFICATION = "Prowadzenie księgowości w małej firmie"
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-q-suggestions"}


@pytest.fixture(autouse=True)
def _fresh_index():
    suggestion_index_forget()
    yield
    suggestion_index_forget()


@pytest.fixture
def cards():
    return {
        "beginners": ServiceCardFactory(
            title="Księgowość dla początkujących",
            category=category("finance_accounting"),
            market_qualification=QUALIFICATION,
        ),
        "practice": ServiceCardFactory(
            title="Księgowość w praktyce", category=category("finance_accounting")
        ),
        "payroll": ServiceCardFactory(title="Kadry i płace", category=category("finance_payroll")),
        "draft": ServiceCardFactory(
            title="Księgowość <b>szkic</b>", category=category("finance_tax"), status=CardStatus.DRAFT
        ),
    }


class _Elements(HTMLParser):
    """The fragment's elements as (tag, attributes, text) in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[dict] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, **dict(attrs), "text": ""}
        self.elements.append(element)
        self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data


def elements(html: str) -> list[dict]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def options(html: str) -> list[dict]:
    return [e for e in elements(html) if e.get("role") == "option"]


def status(html: str) -> dict:
    (element,) = [e for e in elements(html) if e.get("id") == "search-q-status"]
    return element


def test_the_fragment_lists_grouped_options_with_what_choosing_them_searches(client, cards):
    response = client.get(SUGGESTIONS, {"q": "ksieg"}, **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    found = options(html)
    assert [" ".join(o["text"].split()) for o in found] == [
        "Księgowość (2)",
        "Księgowość dla początkujących (1)",
        "Księgowość w praktyce (1)",
        "Prowadzenie księgowości w małej firmie (1)",
    ]
    # Ids unique and in order: the script names the active one in aria-activedescendant.
    assert [o["id"] for o in found] == [f"search-q-option-{n}" for n in range(4)]
    assert all(o["aria-selected"] == "false" for o in found)
    # A category searches within its code; a title or a qualification for its text.
    assert (found[0]["data-category"], found[0]["data-text"]) == ("finance_accounting", "")
    assert (found[1]["data-category"], found[1]["data-text"]) == ("", "Księgowość dla początkujących")
    # Grouped, each group labelled by its first item.
    groups = [e for e in elements(html) if e.get("role") == "group"]
    assert len(groups) == 3
    labels = {e["id"]: e["text"].strip() for e in elements(html) if e.get("role") == "presentation"}
    assert [labels[group["aria-labelledby"]] for group in groups] == [
        "Kategorie",
        "Usługi",
        "Kwalifikacje rynkowe",
    ]
    # The live region, swapped out of band, says how many.
    assert status(html)["hx-swap-oob"] == "innerHTML"
    assert status(html)["text"].startswith("4 podpowiedzi")


def test_only_published_cards_are_suggested(client, cards):
    html = client.get(SUGGESTIONS, {"q": "szkic"}).content.decode()
    assert options(html) == []
    assert "szkic" not in html
    # Nor a category whose only card is a draft.
    assert options(client.get(SUGGESTIONS, {"q": "podatki"}).content.decode()) == []


def test_nothing_found_says_so(client, cards):
    html = client.get(SUGGESTIONS, {"q": "exel"}).content.decode()
    assert options(html) == []
    assert status(html)["text"].strip() == "Brak podpowiedzi."


@pytest.mark.parametrize("query", [{}, {"q": ""}, {"q": "   "}, {"q": "k"}])
def test_an_empty_or_too_short_text_gives_no_options(client, cards, query):
    html = client.get(SUGGESTIONS, query).content.decode()
    assert options(html) == []
    assert [e for e in elements(html) if e.get("role") == "group"] == []


def test_the_titles_are_escaped(client):
    ServiceCardFactory(title='Excel <script>alert("x")</script> dla biura')
    html = client.get(SUGGESTIONS, {"q": "excel"}).content.decode()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_the_answer_may_be_cached_and_is_in_the_language_of_the_request(client, cards):
    response = client.get(SUGGESTIONS, {"q": "accoun"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "max-age=30" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    vary = {value.strip().lower() for value in response["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary
    client.cookies["django_language"] = "en"
    html = client.get(SUGGESTIONS, {"q": "accoun"}).content.decode()
    # The name that starts with the text first, then the parent's, which has more cards.
    assert [" ".join(o["text"].split()) for o in options(html)] == [
        "Accounting (2)",
        "Finance and accounting (3)",
    ]
    assert status(html)["text"].startswith("2 suggestions:")


def test_only_get(client):
    assert client.post(SUGGESTIONS, {"q": "ksieg"}).status_code in (403, 405)


def test_the_search_field_is_a_combobox_that_asks_for_suggestions(client, cards):
    html = client.get("/uslugi/").content.decode()
    (field,) = [e for e in elements(html) if e.get("id") == "search-q"]
    assert field["role"] == "combobox"
    assert field["aria-autocomplete"] == "list"
    assert field["aria-expanded"] == "false"
    assert field["aria-controls"] == "search-q-suggestions"
    assert field["hx-get"] == reverse("catalogue:suggestions")
    assert field["hx-target"] == "#search-q-suggestions"
    # Its own request: not pushed to the address bar, not in step with the form's searches.
    assert field["hx-push-url"] == "false"
    assert field["hx-sync"] == "this:replace"
    (listbox,) = [e for e in elements(html) if e.get("id") == "search-q-suggestions"]
    assert listbox["role"] == "listbox"
    assert "hidden" in listbox
    assert listbox["aria-label"]
    (live,) = [e for e in elements(html) if e.get("id") == "search-q-status"]
    assert live["role"] == "status"
    # The script is a file (the Content-Security-Policy allows no inline script).
    assert re.search(r'<script src="[^"]*catalogue/suggest\.js"', html)


def test_the_fragment_fits_the_list_box_of_the_page(client, cards):
    """Applied as HTMX applies it: the options into the list box, the status out of band; the ids
    the page and the fragment use do not collide."""
    page_ids = [e["id"] for e in elements(client.get("/uslugi/").content.decode()) if "id" in e]
    fragment = client.get(SUGGESTIONS, {"q": "ksieg"}, **HTMX).content.decode()
    fragment_ids = [e["id"] for e in elements(fragment) if "id" in e]
    out_of_band = {e["id"] for e in elements(fragment) if "hx-swap-oob" in e}
    assert out_of_band == {"search-q-status"}
    assert "search-q-status" in page_ids
    new_ids = [i for i in fragment_ids if i not in out_of_band]
    assert len(new_ids) == len(set(new_ids))
    assert not set(new_ids) & set(page_ids)


def test_the_api_gives_the_same_suggestions(client, cards):
    response = client.get("/api/v1/services/suggestions", {"q": "ksieg"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["kind"], i["label"], i["text"], i["category"], i["count"]) for i in items] == [
        ("category", "Księgowość", "", "finance_accounting", 2),
        ("title", "Księgowość dla początkujących", "Księgowość dla początkujących", "", 1),
        ("title", "Księgowość w praktyce", "Księgowość w praktyce", "", 1),
        ("qualification", QUALIFICATION, QUALIFICATION, "", 1),
    ]
    assert client.get("/api/v1/services/suggestions", {"q": "exel"}).json() == {"items": []}
    assert client.get("/api/v1/services/suggestions").json() == {"items": []}
    # The card's address still answers a card.
    card = cards["payroll"]
    assert client.get(f"/api/v1/services/{card.pk}").json()["title"] == "Kadry i płace"
