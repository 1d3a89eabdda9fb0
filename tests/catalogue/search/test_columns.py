"""The search over the columns kept in the process (kierunek.catalogue.search.columns, SQLite's way):
the same results as the engine's statement for any search, and never stale, however a card
changes."""

import datetime
import random

import pytest
from django.db import connection, transaction
from django.db.models import F
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kierunek.catalogue.models import CardStatus, DeliveryForm, ServiceCard
from kierunek.catalogue.search import (
    MAX_DATES,
    SearchParams,
    SortOrder,
    cards_index_bulk,
    columns,
    search_cards,
)
from kierunek.geo.models import Gmina
from kierunek.quality.models import QualityMarkCase
from tests.catalogue.factories import KRAKOW, ServiceCardFactory, category
from tests.catalogue.search.test_search import days, grant_mark
from tests.providers.factories import ProviderFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the search columns are SQLite's way"),
]

TITLES = [
    "Język angielski - poziom B1",
    "Język angielski w biznesie",
    "Kurs prawa jazdy kategorii B",
    "Kurs prawa jazdy kategorii C",
    "Kurs programowania w Pythonie",
    "Księgowość dla początkujących",
    "Opiekun osób starszych",
    "Język niemiecki dla opiekunów",
    "Opieka nad osobą starszą",  # a family word of "opiekun" with the other two words typed
]
CATEGORIES = [
    "languages_english",
    "languages_german",
    "driving_b",
    "driving_c",
    "it_programming",
    "finance_accounting",
    "care_elderly",
]
# "opiekun osób starszych": three typed alternatives or more and a family word in the catalogue,
# ranked by two matches in the process (kierunek.catalogue.search.sqlite.fts5_matches).
TEXTS = [
    "",
    "angielski",
    "prawo jazdy",
    "python",
    "ksiegowosc",
    "opiekun",
    "opiekun osób starszych",
    "język",
    "nieznane",
]
GMINAS = [KRAKOW, "1219053", "1262011", "1263011", "1217011", "1219043"]


def result_of(params: SearchParams, *, columnar: bool) -> tuple:
    result = search_cards(params, columnar=columnar)
    return (
        result.count,
        result.dates_count,
        [
            (
                hit.card.pk,
                hit.rank,
                hit.quality_mark,
                hit.distance_km,
                hit.dates_count,
                [other.pk for other in hit.dates],
            )
            for hit in result.items
        ],
        result.facets,
    )


@pytest.fixture
def wide_catalogue():
    """320 published cards with few distinct texts (so that ranks tie), across categories,
    forms, gminas, dates, prices and providers, some of which hold the quality mark, many of
    them the same service (provider, title, form) on other dates; and a few cards that are not
    published."""
    rng = random.Random(20240608)
    providers = [ProviderFactory() for _ in range(6)]
    for provider in providers[:3]:
        grant_mark(provider)
    grant_mark(providers[3], valid_from=days(-900), valid_until=days(-1))
    gminas = list(Gmina.objects.filter(teryt__in=GMINAS))
    cards = []
    for number in range(250):
        form = rng.choice(DeliveryForm.values)
        remote = form in ("remote_live", "remote_self_paced")
        starts = days(rng.randint(-5, 120))
        maximum = rng.choice([5, 10, 12])
        price = rng.choice([50_000, 90_000, 150_000, 150_000, 300_000])
        cards.append(
            ServiceCard(
                provider=rng.choice(providers),
                title=rng.choice(TITLES),
                category=category(rng.choice(CATEGORIES)),
                service_type="training",
                delivery_form=form,
                goal="Uczestnik rozwija umiejętności.",
                learning_outcomes="Uczestnik potrafi więcej.",
                programme="1. Wprowadzenie",
                target_group="Dorośli",
                hours=16,
                gmina=None if remote else rng.choice(gminas),
                price_net=price,
                price_gross=price,
                max_participants=maximum,
                seats_taken=rng.randint(0, maximum),
                enrolment_deadline=starts,
                starts_on=starts,
                ends_on=starts,
                status=CardStatus.PUBLISHED if number < 240 else CardStatus.DRAFT,
                rating_average=rng.choice([None, 3.5, 4.0, 4.5]),
                dedupe_key=f"wide-{number}",
                created_by=providers[0].created_by,
            )
        )
    # The same services again on other dates, places and prices (issue 14: one result each, with
    # its dates), some many times over (more dates than a result lists).
    for number in range(250, 330):
        original = cards[0] if number < 265 else rng.choice(cards[:240])
        starts = days(rng.randint(-5, 120))
        price = rng.choice([50_000, 90_000, 150_000, 300_000])
        remote = original.delivery_form in ("remote_live", "remote_self_paced")
        cards.append(
            ServiceCard(
                provider=original.provider,
                title=original.title.upper() if number % 2 else original.title,
                category=original.category if rng.random() < 0.8 else category(rng.choice(CATEGORIES)),
                service_type="training",
                delivery_form=original.delivery_form,
                goal=original.goal,
                learning_outcomes=original.learning_outcomes,
                programme=original.programme,
                target_group=original.target_group,
                hours=16,
                gmina=None if remote else rng.choice(gminas),
                price_net=price,
                price_gross=price,
                max_participants=10,
                seats_taken=rng.randint(0, 10),
                enrolment_deadline=starts,
                starts_on=starts,
                ends_on=starts,
                status=CardStatus.PUBLISHED,
                rating_average=rng.choice([None, 4.0, 4.5]),
                dedupe_key=f"wide-{number}",
                created_by=providers[0].created_by,
            )
        )
    made = ServiceCard.objects.bulk_create(cards)
    cards_index_bulk(
        ServiceCard.objects.filter(pk__in=[card.pk for card in made]).select_related(
            "category__parent", "provider", "gmina"
        )
    )
    return made


@st.composite
def search_params(draw) -> SearchParams:
    gmina = draw(st.sampled_from(["", *GMINAS]))
    after = draw(st.none() | st.integers(-10, 130))
    return SearchParams(
        q=draw(st.sampled_from(TEXTS)),
        category=draw(st.sampled_from(["", "languages", "driving", *CATEGORIES])),
        forms=tuple(draw(st.sets(st.sampled_from(DeliveryForm.values), max_size=2))),
        powiat=draw(st.sampled_from(["", "", "1261", "1219"])),
        gmina=gmina,
        radius_km=draw(st.sampled_from([None, 15, 80])) if gmina else None,
        include_remote=draw(st.booleans()),
        starts_after=days(after) if after is not None else None,
        starts_before=draw(st.none() | st.just(days(60))),
        price_max=draw(st.sampled_from([None, 90_000, 150_000])),
        quality_mark=draw(st.booleans()),
        min_rating=draw(st.sampled_from([None, 4.0])),
        free_places_only=draw(st.booleans()),
        sort=draw(st.sampled_from([*SortOrder] if gmina else [s for s in SortOrder if s != "distance"])),
        page=draw(st.integers(1, 3)),
        page_size=draw(st.sampled_from([1, 7, 20])),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=search_params())
def test_the_columns_give_what_the_engine_statement_gives(wide_catalogue, params):
    assert result_of(params, columnar=True) == result_of(params, columnar=False)


def test_the_generated_catalogue_has_services_on_many_dates(wide_catalogue):
    """What the comparison above relies on to cover the grouping (issue 14): results with other
    dates, and one with more than a result lists."""
    result = search_cards(SearchParams(page_size=100))
    counts = [hit.dates_count for hit in result.items]
    assert result.count < result.dates_count
    assert sum(count > 1 for count in counts) > 20
    assert max(counts) > MAX_DATES


def test_ties_in_rank_are_ordered_by_start_date_then_id(wide_catalogue):
    result = search_cards(SearchParams(q="angielski", page_size=100))
    keys = [(-hit.rank, hit.card.starts_on, hit.card.pk) for hit in result.items]
    assert len(keys) > 20
    assert len({rank for rank, _day, _pk in keys}) < len(keys)  # there are ties to order
    assert keys == sorted(keys)


# --- never stale ------------------------------------------------------------------------------


def found(**params) -> list[int]:
    return [hit.card.pk for hit in search_cards(SearchParams(page_size=100, **params)).items]


def test_every_kind_of_change_reaches_the_next_search():
    card = ServiceCardFactory(title="Florystyka dla początkujących", price_gross=150_000, price_net=100_000)
    assert found(q="florystyka", price_max=150_000) == [card.pk]

    ServiceCard.objects.filter(pk=card.pk).update(price_gross=F("price_gross") + 1)  # a bulk update
    assert found(q="florystyka", price_max=150_000) == []

    with connection.cursor() as cursor:  # raw SQL
        cursor.execute("UPDATE catalogue_servicecard SET price_gross = 150000 WHERE id = %s", [card.pk])
    assert found(q="florystyka", price_max=150_000) == [card.pk]

    card.seats_taken = card.max_participants
    card.save()
    assert found(free_places_only=True) == []

    card.status = CardStatus.CANCELLED
    card.save()
    assert found() == []

    other = ServiceCardFactory(title="Bukieciarstwo")
    assert found() == [other.pk]
    other.delete()
    assert found() == []


def test_the_change_log_triggers_survive_every_migration():
    """A migration that makes SQLite rebuild the cards' table (Django does for AddField of a NOT
    NULL column with a default) drops the triggers of migration 0005, and the search columns kept
    in the process silently stop following the cards: add such columns with ALTER TABLE (0012)."""
    if connection.vendor != "sqlite":
        pytest.skip("the change log is SQLite's (PostgreSQL counts in the server)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'catalogue_servicecard'"
        )
        triggers = {name for (name,) in cursor.fetchall()}
    assert {"catalogue_search_changes_update"} <= triggers
    assert len(triggers) >= 3  # insert, update and delete


def test_a_rolled_back_change_is_not_found():
    card = ServiceCardFactory(starts_on=days(30))
    assert found(starts_after=days(29)) == [card.pk]
    with transaction.atomic():
        ServiceCard.objects.filter(pk=card.pk).update(starts_on=days(10), enrolment_deadline=days(9))
        assert found(starts_after=days(29)) == []
        transaction.set_rollback(True)
    # The log row the process saw was rolled back with the change; a new change may take its id.
    ServiceCard.objects.filter(pk=card.pk).update(rating_average=4.0)
    assert found(starts_after=days(29)) == [card.pk]


def test_a_change_costs_one_query_and_the_arrays_stay_as_they_were(django_assert_num_queries):
    first, second = ServiceCardFactory(price_gross=123_000), ServiceCardFactory(price_gross=123_000)
    found()
    before = columns.card_columns(columns_head())
    ServiceCard.objects.filter(pk=first.pk).update(price_gross=200_000)
    head = columns_head()
    with django_assert_num_queries(1):
        after = columns.card_columns(head)
    assert after is not before
    assert before.price.tolist() == [123_000, 123_000]  # a search holding them keeps its copy
    assert dict(zip(after.ids.tolist(), after.price.tolist(), strict=True)) == {
        first.pk: 200_000,
        second.pk: 123_000,
    }
    with django_assert_num_queries(0):
        assert columns.card_columns(after.head) is after


def test_a_process_the_log_has_left_behind_loads_everything_again():
    card = ServiceCardFactory()
    found()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalogue_search_changes")  # as pruning would, 10 000 rows on
    ServiceCard.objects.filter(pk=card.pk).update(status=CardStatus.COMPLETED)
    assert found() == []


def test_the_log_keeps_only_its_newest_rows():
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO catalogue_search_changes (card_id) VALUES (%s)", [(0,)] * 12_500)
        cursor.execute("SELECT COUNT(*), MAX(id) - MIN(id) FROM catalogue_search_changes")
        count, span = cursor.fetchone()
    assert 10_000 <= count <= 11_000
    assert span == count - 1


def columns_head():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns.LOG_HEAD_SQL}")
        head_id, token = cursor.fetchone()
    return (head_id, bytes(token)) if head_id is not None else None


def test_day_numbers_match_the_database():
    assert columns.day_number(datetime.date(2027, 3, 1)) == datetime.date(2027, 3, 1).toordinal()
    card = ServiceCardFactory(starts_on=datetime.date(2027, 3, 1))
    found()
    loaded = columns.card_columns(columns_head())
    assert loaded.day[loaded.ids.tolist().index(card.pk)] == datetime.date(2027, 3, 1).toordinal()


def test_a_changed_price_or_start_date_reorders_the_pages():
    cheap = ServiceCardFactory(price_gross=100_000, price_net=100_000, starts_on=days(10))
    dear = ServiceCardFactory(price_gross=200_000, price_net=200_000, starts_on=days(20))
    assert found(sort="price") == [cheap.pk, dear.pk]
    assert found(sort="start") == [cheap.pk, dear.pk]
    ServiceCard.objects.filter(pk=cheap.pk).update(seats_taken=1)  # the orders stay as they are
    assert found(sort="price") == [cheap.pk, dear.pk]
    ServiceCard.objects.filter(pk=cheap.pk).update(price_gross=300_000)
    assert found(sort="price") == [dear.pk, cheap.pk]
    assert found(sort="start") == [cheap.pk, dear.pk]
    ServiceCard.objects.filter(pk=dear.pk).update(starts_on=days(5), enrolment_deadline=days(4))
    assert found(sort="start") == [dear.pk, cheap.pk]


def test_columns_loaded_from_an_emptied_log_whose_first_rows_are_gone_load_again():
    """A log emptied by hand (migration 0005 leaves a row in it) and then filled past pruning:
    the rows a process never saw are gone, so the columns load again instead of patching."""
    cached = columns.CardColumns.from_rows(
        [(card_id, 1, 0, 0, 700_000, 100, 1, -1.0, True, card_id) for card_id in range(1, 40_001)],
        head=(0, b""),
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM catalogue_search_changes")
        cursor.execute("INSERT INTO catalogue_search_changes (id, card_id) VALUES (1001, 5), (1002, 6)")
    assert columns._patched(cached) is None
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO catalogue_search_changes (id, card_id) VALUES (1, 7)")
    patched = columns._patched(cached)  # the log from its first row on: every change is there
    assert patched is not None
    assert {5, 6, 7}.isdisjoint(patched.ids.tolist())  # not published cards (there are none)
    assert len(patched) == 40_000 - 3


def test_the_log_is_never_empty_after_the_migration():
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM catalogue_search_changes")
        assert cursor.fetchone()[0] >= 1


def test_a_quality_mark_granted_or_withdrawn_reaches_the_next_search():
    card = ServiceCardFactory()
    assert found(quality_mark=True) == []
    case = grant_mark(card.provider)
    assert found(quality_mark=True) == [card.pk]
    ServiceCard.objects.filter(pk=card.pk).update(seats_taken=1)  # the holders carry over
    assert found(quality_mark=True) == [card.pk]
    QualityMarkCase.objects.filter(pk=case.pk).update(state="suspended")
    assert found(quality_mark=True) == []
    assert search_cards(SearchParams()).items[0].quality_mark is False
