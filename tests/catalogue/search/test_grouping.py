"""Issue 14, item 5: the same service of one provider on several dates is one result with its
dates, on every engine (the database in use; on SQLite both the columns kept in the process and
the one statement), on the page (/uslugi/) and in the API (tests/catalogue/test_search_api.py)."""

import importlib
import re

import pytest
from django.apps import apps
from django.db import connection
from django.utils import translation

from kierunek.catalogue.domain import service_group
from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.catalogue.search import MAX_DATES, SearchParams, search_cards
from tests.catalogue.factories import KRAKOW, ServiceCardFactory, category, gmina
from tests.catalogue.search.test_search import NOWY_SACZ, TARNOW, WIELICZKA, days
from tests.providers.factories import ProviderFactory

pytestmark = pytest.mark.django_db

ENGINES = [None, False] if connection.vendor == "sqlite" else [None]  # None: the default engine


@pytest.fixture(params=ENGINES, ids=lambda columnar: "default" if columnar is None else "statement")
def columnar(request):
    return request.param


def welding(provider, *, starts, place=KRAKOW, price=150_000, title="Spawanie metodą TIG", **values):
    return ServiceCardFactory(
        provider=provider,
        title=title,
        category=category("technical_welding"),
        gmina=gmina(place) if place else None,
        price_gross=price,
        price_net=price,
        starts_on=days(starts),
        **values,
    )


@pytest.fixture
def services():
    """Spawanie TIG of one provider on four dates (the title written differently on one), the
    same title online (another form: another service), the same title of another provider, and
    the provider's MIG course: four services, seven cards."""
    school, other = ProviderFactory(legal_name="Centrum Spawalnicze"), ProviderFactory(legal_name="Spawmet")
    tig = [
        welding(school, starts=40, place=KRAKOW, price=150_000),
        welding(school, starts=10, place=TARNOW, price=180_000, title="SPAWANIE  metodą tig"),
        welding(school, starts=70, place=WIELICZKA, price=120_000),
        welding(school, starts=100, place=NOWY_SACZ, price=150_000),
    ]
    online = welding(school, starts=20, place=None, delivery_form="remote_live")
    elsewhere = welding(other, starts=30, place=KRAKOW)
    mig = welding(school, starts=50, title="Spawanie metodą MIG")
    return {"tig": tig, "online": online, "elsewhere": elsewhere, "mig": mig}


def found(columnar, **params):
    result = search_cards(SearchParams(page_size=20, **params), columnar=columnar)
    return result, [(hit.card.pk, [other.pk for other in hit.dates], hit.dates_count) for hit in result.items]


def test_the_group_key_ignores_case_accents_and_spacing_but_not_the_form_or_the_provider():
    key = service_group(provider_id=1, title="Spawanie metodą TIG", delivery_form="in_person")
    assert key == service_group(provider_id=1, title=" spawanie  METODA tig ", delivery_form="in_person")
    assert key != service_group(provider_id=1, title="Spawanie metodą TIG", delivery_form="remote_live")
    assert key != service_group(provider_id=2, title="Spawanie metodą TIG", delivery_form="in_person")
    assert key != service_group(provider_id=1, title="Spawanie metodą MIG", delivery_form="in_person")
    assert -(2**63) <= key < 2**63


def test_the_same_service_on_several_dates_is_one_result_with_its_other_dates(services, columnar):
    tig = services["tig"]
    result, hits = found(columnar, q="spawanie tig", sort="start")
    # By start date: the TIG course's earliest date leads its group; the online one and the
    # other provider's are services of their own.
    assert hits == [
        (tig[1].pk, [tig[0].pk, tig[2].pk, tig[3].pk], 4),
        (services["online"].pk, [], 1),
        (services["elsewhere"].pk, [], 1),
    ]
    assert (result.count, result.pages, result.dates_count) == (3, 1, 6)
    # The facets count dates: the TIG course in three powiats, each date once.
    assert sum(value.count for value in result.facets.form) == 6
    assert [other.starts_on for other in result.items[0].dates] == sorted(
        c.starts_on for c in tig if c != tig[1]
    )
    assert result.items[0].all_dates == tuple(sorted(tig, key=lambda card: card.starts_on))
    # Each listed date is the whole card, with what the list shows (no query more).
    assert result.items[0].dates[0].gmina.teryt == KRAKOW


def test_the_result_is_the_groups_best_card_in_the_order_asked(services, columnar):
    tig = services["tig"]
    _result, hits = found(columnar, q="tig", sort="price")
    assert hits[0] == (tig[2].pk, [tig[1].pk, tig[0].pk, tig[3].pk], 4)  # the cheapest date
    _result, hits = found(columnar, q="tig", gmina=NOWY_SACZ, sort="distance")
    assert hits[0][0] == tig[3].pk  # the nearest date
    _result, hits = found(columnar, gmina=WIELICZKA, radius_km=5, sort="distance")
    assert hits == [(tig[2].pk, [], 1)]


def test_the_other_dates_are_only_those_the_filters_keep(services, columnar):
    tig = services["tig"]
    _result, hits = found(columnar, q="tig", starts_after=days(30), sort="start")
    assert hits == [(services["elsewhere"].pk, [], 1), (tig[0].pk, [tig[2].pk, tig[3].pk], 3)]
    _result, hits = found(columnar, q="tig", price_max=150_000, powiat="1261", sort="start")
    assert hits == [(services["elsewhere"].pk, [], 1), (tig[0].pk, [], 1)]
    tig[2].seats_taken = tig[2].max_participants
    tig[2].save()
    _result, hits = found(columnar, q="tig", free_places_only=True, sort="price")
    assert (tig[0].pk, [tig[1].pk, tig[3].pk], 3) in hits


def test_pages_count_services_and_each_service_is_on_one_page(services, columnar):
    everything = search_cards(SearchParams(sort="start", page_size=20), columnar=columnar)
    assert (everything.count, everything.dates_count) == (4, 7)
    seen = []
    for page in (1, 2, 3, 4):
        result = search_cards(SearchParams(sort="start", page_size=1, page=page), columnar=columnar)
        assert (result.count, result.pages) == (4, 4)
        (hit,) = result.items
        seen.append((hit.card.pk, tuple(other.pk for other in hit.dates)))
    assert seen == [(hit.card.pk, tuple(other.pk for other in hit.dates)) for hit in everything.items]
    past = search_cards(SearchParams(sort="start", page_size=1, page=5), columnar=columnar)
    assert (past.count, past.items) == (4, ())


def test_a_result_lists_its_earliest_dates_and_counts_them_all(columnar):
    provider = ProviderFactory()
    cards = [welding(provider, starts=day) for day in range(1, MAX_DATES + 5)]
    result, hits = found(columnar, q="spawanie", sort="price")
    ((first, others, count),) = hits
    assert count == MAX_DATES + 4
    assert first == cards[0].pk
    assert others == [card.pk for card in cards[1 : MAX_DATES + 1]]
    assert result.count == 1


def test_a_card_that_changes_its_title_or_provider_leaves_its_group(services, columnar):
    tig = services["tig"]
    _result, hits = found(columnar, q="spawanie", sort="start")
    assert len(hits) == 4
    tig[3].title = "Spawanie metodą TIG dla zaawansowanych"
    tig[3].save()
    tig[2].provider = services["elsewhere"].provider
    tig[2].save(update_fields=["provider"])
    _result, hits = found(columnar, q="spawanie", sort="start")
    assert (tig[1].pk, [tig[0].pk], 2) in hits
    assert (services["elsewhere"].pk, [tig[2].pk], 2) in hits
    assert (tig[3].pk, [], 1) in hits
    assert len(hits) == 5


def test_bulk_created_cards_get_their_group_and_the_migration_fills_missing_ones(services):
    tig = services["tig"]
    assert len({card.service_group for card in ServiceCard.objects.filter(pk__in=[c.pk for c in tig])}) == 1
    ServiceCard.objects.update(service_group=None)
    migration = importlib.import_module("kierunek.catalogue.migrations.0009_service_group")
    migration.fill(apps, None)
    for card in ServiceCard.objects.all():
        assert card.service_group == service_group(
            provider_id=card.provider_id, title=card.title, delivery_form=card.delivery_form
        )


def test_cards_not_published_are_no_dates_of_a_service(services, columnar):
    tig = services["tig"]
    tig[0].status = CardStatus.CANCELLED
    tig[0].save()
    _result, hits = found(columnar, q="tig", sort="start")
    assert hits[0] == (tig[1].pk, [tig[2].pk, tig[3].pk], 3)


# --- the page ---------------------------------------------------------------------------------


def hit_of(html: str, card_id: int) -> str:
    start = html.index(f'<h3><a href="/uslugi/{card_id}/">')
    return html[start : html.index("</article>", start)]


def test_the_page_shows_a_service_once_with_its_dates_as_links_in_polish(client, services):
    tig = services["tig"]
    with translation.override("pl"):
        html = client.get("/uslugi/", {"q": "spawanie tig", "sort": "start"}).content.decode()
    links = re.findall(r'<h3><a href="/uslugi/(\d+)/">', html)
    assert links == [str(tig[1].pk), str(services["online"].pk), str(services["elsewhere"].pk)]
    hit = hit_of(html, tig[1].pk)
    assert f'<p id="dates-{tig[1].pk}">4 terminy:</p>' in hit
    assert f'<ul aria-labelledby="dates-{tig[1].pk}">' in hit
    dated = re.findall(r'<li><a href="/uslugi/(\d+)/">([^<]+)</a> \(([^)]+)\)</li>', hit)
    assert [int(pk) for pk, _day, _rest in dated] == [
        card.pk for card in sorted(tig, key=lambda c: c.starts_on)
    ]
    month = {1: "stycznia", 2: "lutego", 3: "marca", 4: "kwietnia", 5: "maja", 6: "czerwca", 7: "lipca"}
    month |= {8: "sierpnia", 9: "września", 10: "października", 11: "listopada", 12: "grudnia"}
    first = tig[1].starts_on
    assert dated[0][1] == f"{first.day} {month[first.month]} {first.year}"
    assert dated[0][2].startswith(tig[1].gmina.name + ", ")
    assert "wolne miejsc" in dated[0][2] or "wolnych miejsc" in dated[0][2] or "wolne miejsce" in dated[0][2]
    # A service with one date has no list; the facets say that they count dates.
    assert "dates-" not in hit_of(html, services["elsewhere"].pk)
    assert "Liczby przy filtrach liczą terminy" in html
    assert "3 usługi spełniają kryteria wyszukiwania." in html  # the status counts services


def test_the_page_in_english_and_a_long_list_says_how_many_more(client, settings):
    provider = ProviderFactory()
    cards = [welding(provider, starts=day) for day in range(1, MAX_DATES + 5)]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/uslugi/", {"q": "spawanie", "sort": "start"}).content
    hit = hit_of(html.decode(), cards[0].pk)
    assert f"{MAX_DATES + 4} dates:" in hit
    assert f'<a href="/uslugi/{cards[0].pk}/#other-dates">and 3 later dates</a>' in hit
    assert len(re.findall(r"<li><a ", hit)) == MAX_DATES + 1

    # The link leads to the card's page, which lists every other date, the later three too.
    page = client.get(f"/uslugi/{cards[0].pk}/").content.decode()
    listed = page.split('id="other-dates"', 1)[1].split("</section>", 1)[0]
    linked = [int(pk) for pk in re.findall(r'<a href="/uslugi/(\d+)/">', listed)]
    assert linked == [card.pk for card in cards[1:]]
    assert "free places)" in listed or "free place)" in listed


def test_a_card_without_other_dates_has_no_such_list(client):
    card = welding(ProviderFactory(), starts=3)
    page = client.get(f"/uslugi/{card.pk}/").content.decode()
    assert page.count("<h1>") == 1
    assert 'id="other-dates"' not in page


def test_the_page_reads_the_dates_without_more_queries(client, services, django_assert_max_num_queries):
    client.get("/uslugi/")  # reference data cached
    provider = services["mig"].provider
    for number in range(25):  # 25 services on two dates each
        for day in (number + 1, number + 60):
            welding(provider, starts=day, title=f"Spawanie metodą MAG, grupa {number}", sessions=0)
    with django_assert_max_num_queries(8):
        html = client.get("/uslugi/", {"q": "grupa", "sort": "start", "page_size": 25}).content.decode()
    assert html.count("2 terminy:") == 25
    assert len(re.findall(r'<li><a href="/uslugi/\d+/">', html)) == 2 * 25
