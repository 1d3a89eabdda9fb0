"""The public pages: the search (/uslugi/), without JavaScript and with HTMX, and a card
(/uslugi/<id>/)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import gettext

from kierunek.catalogue.models import CardRevision, CardStatus, Category, DeliveryForm, ServiceCard
from kierunek.core.money import Money
from kierunek.geo.selectors import gmina_list
from tests.catalogue.factories import KRAKOW, ServiceCardFactory, category, gmina
from tests.catalogue.search.test_search import grant_mark
from tests.providers.factories import ProviderFactory

pytestmark = pytest.mark.django_db

SEARCH = "/uslugi/"
HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "search-results"}
TODAY = datetime.date.today()


def results_part(html: str) -> str:
    """What the full page holds inside <div id="search-results">: its last element."""
    start = html.index('<div id="search-results">') + len('<div id="search-results">')
    end = html.rindex("</div>", start, html.index("</main>"))
    return html[start:end]


def status_text(html: str) -> str:
    match = re.search(r'<p id="search-status"[^>]*>(.*?)</p>', html, re.S)
    assert match, "no status region"
    return " ".join(match.group(1).split())


def card_links(html: str) -> list[int]:
    return [int(card_id) for card_id in re.findall(r'<h3><a href="/uslugi/(\d+)/">', html)]


@pytest.fixture
def cards():
    # A provider's name without a subject word: "księgowość" would find every card of an "Akademia
    # Księgowa" through the word family księgowa ↔ księgowość (decision 0006); how a match in a
    # provider's name ranks is the field weights' matter, tested with the search.
    provider = ProviderFactory(legal_name="Centrum Szkoleń Zawodowych")
    return [
        ServiceCardFactory(
            provider=provider,
            title="Księgowość dla początkujących",
            category=category("finance_accounting"),
            price_gross=123_450,
            price_net=100_000,
            starts_on=TODAY + datetime.timedelta(days=5),
        ),
        ServiceCardFactory(
            provider=provider,
            title="Kadry i płace w praktyce",
            category=category("finance_payroll"),
            gmina=gmina("1262011"),
            starts_on=TODAY + datetime.timedelta(days=8),
        ),
        ServiceCardFactory(
            provider=provider,
            title="Język angielski online",
            category=category("languages_english"),
            delivery_form="remote_live",
            gmina=None,
            street="",
            technical_requirements="Komputer.",
            starts_on=TODAY + datetime.timedelta(days=2),
        ),
    ]


def test_search_page_without_javascript_lists_every_published_card(client, cards):
    response = client.get(SEARCH)
    assert response.status_code == 200
    html = response.content.decode()
    assert card_links(html) == [cards[2].pk, cards[0].pk, cards[1].pk]  # by start date
    form = re.search(r'<search aria-label="[^"]+">\s*<form id="catalogue-search"[^>]*>', html)
    assert form, "a search landmark with a GET form"
    assert 'method="get"' in form.group(0)
    # every field has a label
    for field_id in re.findall(r'<(?:input|select)[^>]* id="(search-[\w-]+)"', html):
        assert f'for="{field_id}"' in html, field_id
    assert "3" in status_text(html)


def test_search_by_text_and_filters_in_the_query_string(client, cards):
    html = client.get(SEARCH, {"q": "ksiegowosc"}).content.decode()
    assert card_links(html) == [cards[0].pk]
    assert Money(123_450).format(nbsp=True) in html
    html = client.get(SEARCH, {"gmina": KRAKOW, "radius_km": "20", "sort": "distance"}).content.decode()
    assert card_links(html) == [cards[0].pk]
    html = client.get(SEARCH, {"gmina": KRAKOW, "radius_km": "20", "include_remote": "1"}).content.decode()
    assert card_links(html) == [cards[2].pk, cards[0].pk]


def test_the_form_keeps_what_was_asked(client, cards):
    html = client.get(
        SEARCH,
        {"q": "kadry", "category": "finance", "form": "in_person", "gmina": KRAKOW, "quality_mark": "1"},
    ).content.decode()
    assert 'name="q" value="kadry"' in html
    assert '<option value="finance" selected>' in html
    assert 'value="in_person" checked' in html
    assert f'<option value="{KRAKOW}" selected>' in html
    assert re.search(r'id="search-quality_mark" name="quality_mark" value="1" checked', html)


def test_htmx_gets_the_results_part_rendered_by_the_same_template(client, cards):
    query = {"q": "księgowość kadry", "category": "finance"}
    full = client.get(SEARCH, query).content.decode()
    partial = client.get(SEARCH, query, **HTMX)
    assert partial.status_code == 200
    body = partial.content.decode()
    assert "<html" not in body
    status = re.search(r'<p id="search-status" hx-swap-oob="innerHTML">(.*?)</p>', body, re.S)
    assert status, "the partial updates the status region out of band"
    # The panel that saves the search comes last, out of band too (tests/catalogue/test_saved_searches.py).
    body, _panel = body.split('<div id="saved-search-panel"')
    assert body.replace(status.group(0), "") == results_part(full)
    assert " ".join(status.group(1).split()) == status_text(full)
    assert "HX-Request" in partial["Vary"]


def test_htmx_partial_of_an_empty_search_and_of_one_with_errors(client, cards):
    body = client.get(SEARCH, {"q": "astronomia"}, **HTMX).content.decode()
    assert card_links(body) == []
    assert re.search(r'hx-swap-oob="innerHTML">\D*\b0\b', body)
    full = client.get(SEARCH, {"price_max": "bardzo dużo"})
    assert full.status_code == 200
    html = full.content.decode()
    assert 'role="alert"' in html
    assert 'href="#search-price_max"' in html
    assert 'id="search-price_max" name="price_max" value="bardzo dużo" aria-invalid="true"' in html
    assert card_links(html) == []


def test_a_history_restore_gets_the_full_page(client, cards):
    response = client.get(SEARCH, {"q": "kadry"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assert "<html" in response.content.decode()


def test_facet_links_narrow_the_search_and_can_be_undone(client, cards):
    html = client.get(SEARCH).content.decode()
    assert 'href="?category=finance"' in html
    assert 'href="?form=remote_live"' in html
    assert 'href="?powiat=1262"' in html
    narrowed = client.get(SEARCH, {"category": "finance"}).content.decode()
    assert card_links(narrowed) == [cards[0].pk, cards[1].pk]
    assert re.search(r'<a href="\?" aria-current="true"', narrowed)  # the active facet removes itself
    assert card_links(client.get(SEARCH, {"powiat": "1262"}).content.decode()) == [cards[1].pk]


def test_pagination_links_keep_the_query(client, cards):
    html = client.get(SEARCH, {"q": "", "category": "finance", "page_size": "1"}).content.decode()
    assert 'href="?category=finance&amp;page_size=1&amp;page=2"' in html
    second = client.get(SEARCH, {"category": "finance", "page_size": "1", "page": "2"}).content.decode()
    assert card_links(second) == [cards[1].pk]
    assert 'rel="prev"' in second
    assert 'rel="next"' not in second


def test_search_page_queries_do_not_grow_with_the_results(client, cards, django_assert_max_num_queries):
    client.get(SEARCH)  # reference data cached
    with django_assert_max_num_queries(8):
        few = client.get(SEARCH)
    provider = ProviderFactory()
    for number in range(25):
        ServiceCardFactory(provider=provider, title=f"Szkolenie BHP {number}", sessions=0)
    with django_assert_max_num_queries(8):
        many = client.get(
            SEARCH, {"gmina": KRAKOW, "sort": "distance", "quality_mark": "", "page_size": "25"}
        )
    assert len(card_links(few.content.decode())) == 3
    assert len(card_links(many.content.decode())) == 25


def select_options(html: str, select_id: str) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of every option of the select ``select_id``, in order."""
    match = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert match, select_id
    return [
        (value, label, bool(selected))
        for value, selected, label in re.findall(
            r'<option value="([^"]*)"( selected)?>([^<]*)</option>', match.group(1)
        )
    ]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_form_lists_every_gmina_by_its_full_name(client, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(SEARCH, {"gmina": KRAKOW}).content.decode()
    with translation.override(language):
        expected = [("", gettext("Anywhere"), False)] + [
            (gmina.teryt, escape(str(gmina)), gmina.teryt == KRAKOW) for gmina in gmina_list()
        ]
    assert len(expected) == 183
    assert select_options(html, "search-gmina") == expected


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_form_lists_the_category_tree_in_groups(client, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(SEARCH, {"category": "finance_payroll"}).content.decode()
    groups = re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', html, re.S)
    tops = Category.objects.filter(parent=None).order_by("position", "name")
    with translation.override(language):
        everything = gettext("all")
    name = "name_en" if language == "en" else "name"
    assert [label for label, _options in groups] == [escape(getattr(top, name)) for top in tops]
    for (_label, options), top in zip(groups, tops, strict=True):
        children = Category.objects.filter(parent=top).order_by("position", "name")
        assert re.findall(r'<option value="([^"]*)"', options) == [top.code, *(c.code for c in children)]
        assert f">{escape(getattr(top, name))} — {everything}</option>" in options
    with translation.override(language):
        blank = ("", gettext("All categories"), False)
    options = select_options(html, "search-category")
    assert options[0] == blank
    assert [value for value, _label, selected in options if selected] == ["finance_payroll"]


def test_a_category_renamed_in_the_back_office_shows_its_new_name_at_once(client, cards):
    client.get(SEARCH)
    payroll = category("finance_payroll")
    payroll.name = "Płace & kadry <nowe>"
    payroll.save()
    html = client.get(SEARCH).content.decode()
    assert '<option value="finance_payroll">Płace &amp; kadry &lt;nowe&gt;</option>' in html
    assert "<dd>Płace &amp; kadry &lt;nowe&gt;</dd>" in html  # the card's category in the results
    finance = category("finance")
    finance.name = "finanse & <księgowość>"
    finance.save()
    html = client.get(SEARCH).content.decode()
    assert '<optgroup label="finanse &amp; &lt;księgowość&gt;">' in html
    assert '<a href="?category=finance">Finanse &amp; &lt;księgowość&gt;</a>' in html  # the facet
    html = client.get(SEARCH, {"category": "finance"}, **HTMX).content.decode()
    assert 'class="facet-active">Finanse &amp; &lt;księgowość&gt; (2) <span class="visually-hidden">' in html


def test_the_results_escape_what_providers_write(client):
    provider = ProviderFactory(legal_name='Szkoła "Żak" & Syn <b>')
    ServiceCardFactory(
        provider=provider,
        title="<script>alert(1)</script> Kurs & egzamin",
        delivery_form="in_person",
        gmina=None,
        street="",
        outside_region_address="Cieszyn <b>ul. Główna</b>",
    )
    for headers in ({}, HTMX):
        html = client.get(SEARCH, **headers).content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Kurs &amp; egzamin</a></h3>" in html
        assert "Szkoła &quot;Żak&quot; &amp; Syn &lt;b&gt;" in html
        assert "<dd>Cieszyn &lt;b&gt;ul. Główna&lt;/b&gt;</dd>" in html


@pytest.mark.parametrize(
    ("language", "hours", "rating", "distance"),
    [("pl", "12,5", "4,3 / 5", "(0,0 km)"), ("en", "12.5", "4.3 / 5", "(0.0 km)")],
)
def test_the_results_show_numbers_and_dates_in_the_language_of_the_page(
    client, settings, language, hours, rating, distance
):
    starts = datetime.date(2031, 3, 7)
    card = ServiceCardFactory(
        title="Kurs spawania",
        hours=Decimal("12.5"),
        starts_on=starts,
        enrolment_deadline=starts - datetime.timedelta(days=3),
        sessions=0,
    )
    ServiceCard.objects.filter(pk=card.pk).update(rating_average=4.25)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(SEARCH, {"gmina": KRAKOW, "radius_km": "10"}).content.decode()
    with translation.override(language):
        not_rated = gettext("not rated yet")
        starts_text = date_format(starts, "j E Y")
        form = capfirst(str(DeliveryForm(card.delivery_form).label))
    assert f"<dd>{hours}</dd>" in html
    assert f"<dd>{rating}</dd>" in html
    assert f"<dd>{starts_text}</dd>" in html
    assert f"<dd>{escape(form)}</dd>" in html
    assert f"<dd>Kraków {distance}</dd>" in html
    assert not_rated not in html


# --- the card page ---------------------------------------------------------------------------


def test_card_page_shows_everything_a_resident_needs(client, cards):
    card = cards[0]
    grant_mark(card.provider, valid_until=TODAY + datetime.timedelta(days=365))
    CardRevision.objects.create(
        card=card, changed_by=card.created_by, changes={"price_gross": ["120000", "123450"]}
    )
    response = client.get(reverse("catalogue:card", args=[card.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Księgowość dla początkujących</h1>" in html
    assert '<meta name="viewport"' in html
    for text in (
        "Centrum Szkoleń Zawodowych",
        "MSUES",
        Money(100_000).format(nbsp=True),  # net per participant: 1 000,00 zł
        Money(123_450).format(nbsp=True),  # gross per participant
        Money(7716).format(nbsp=True),  # gross per hour: 1234.50 / 16 = 77.156
        Money(6250).format(nbsp=True),  # net per hour
        card.goal,
        card.target_group,
        card.street,
        "09:00\u201317:30",  # en dash: 8 hours and the break
        "<del>1 200,00 zł</del> → <ins>1 234,50 zł</ins>",
    ):
        assert text in html, text


def test_card_page_of_a_provider_without_the_mark_says_so(client, cards):
    html = client.get(reverse("catalogue:card", args=[cards[1].pk])).content.decode()
    provider = html[html.index('id="card-provider"') : html.index('id="card-description"')]
    assert '<span class="badge">' not in provider
    with translation.override("pl"):
        assert escape(gettext("The provider does not hold a valid MSUES quality mark.")) in provider


@pytest.mark.parametrize(
    ("status", "code"), [(CardStatus.DRAFT, 404), (CardStatus.CANCELLED, 404), (CardStatus.COMPLETED, 200)]
)
def test_card_page_is_public_for_published_and_completed_cards_only(client, status, code):
    card = ServiceCardFactory(status=status)
    assert client.get(reverse("catalogue:card", args=[card.pk])).status_code == code


def test_card_page_queries_are_bounded(client, cards, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(reverse("catalogue:card", args=[cards[0].pk]))


def test_a_search_asked_again_is_answered_from_the_results_kept_until_the_catalogue_changes(
    client, cards, django_assert_max_num_queries
):
    """The second asking of a query costs one tiny statement (the catalogue's version); any change
    of a published card (here: the last place taken, then the card withdrawn) shows at once."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's engine keeps no change log to version the results by: nothing is kept")
    query = {"q": "księgowość"}
    first = client.get(SEARCH, query)
    with django_assert_max_num_queries(3):  # the version and the form's lists (nothing of the search)
        again = client.get(SEARCH, query)
    assert card_links(again.content.decode()) == card_links(first.content.decode()) == [cards[0].pk]

    ServiceCard.objects.filter(pk=cards[0].pk).update(seats_taken=cards[0].max_participants)
    full = client.get(SEARCH, {**query, "free_places": "1"})
    assert card_links(full.content.decode()) == []
    cards[0].status = CardStatus.CANCELLED
    cards[0].save(update_fields=["status"])
    assert card_links(client.get(SEARCH, query).content.decode()) == []


def test_searches_that_differ_in_any_parameter_do_not_share_results(client, cards):
    everything = card_links(client.get(SEARCH).content.decode())
    remote = card_links(client.get(SEARCH, {"form": "remote_live"}).content.decode())
    page_two = client.get(SEARCH, {"page_size": "2", "page": "2"}).content.decode()
    assert len(everything) == 3
    assert remote == [cards[2].pk]
    assert len(card_links(page_two)) == 1
