"""The search (kierunek.catalogue.search) on the engine of the database in use: SQLite FTS5 by
default, PostgreSQL full-text search with DATABASE_URL. The same cases run on both."""

import datetime
import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection

from kierunek.catalogue.models import CardStatus, Category, SearchDocument, ServiceCard
from kierunek.catalogue.search import (
    MAX_PAGE_SIZE,
    SearchParams,
    SearchParamsError,
    SortOrder,
    card_index_update,
    fts5_match_expression,
    search_cards,
    search_index_rebuild,
    search_params_parse,
    tsquery_expression,
)
from kierunek.catalogue.search.cards import page_cards
from kierunek.catalogue.search.engine import engine_for
from kierunek.catalogue.search.reference import reference_data
from kierunek.catalogue.search.text import analyse_query
from kierunek.geo.selectors import gmina_distance_km
from kierunek.quality.models import QualityMarkCase
from tests.catalogue.factories import KRAKOW, ServiceCardFactory, category, gmina
from tests.providers.factories import ProviderFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
WIELICZKA = "1219053"  # 13 km from Kraków
NIEPOLOMICE = "1219043"  # 21 km
NOWY_SACZ = "1262011"  # 73 km
TARNOW = "1263011"  # 76 km
ZAKOPANE = "1217011"  # 86 km


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def grant_mark(provider, *, valid_until=None, valid_from=None):
    return QualityMarkCase.objects.create(
        provider=provider,
        state="granted",
        created_by=provider.created_by,
        valid_from=valid_from or days(-100),
        valid_until=valid_until or days(600),
        mark_number=f"MSUES/{provider.pk}",
    )


def titles(result) -> list[str]:
    return [hit.card.title for hit in result.items]


def search(**params) -> object:
    return search_cards(SearchParams(**params))


@pytest.fixture
def catalogue():
    """Seven published cards across categories, places and forms, and three that are not
    public (a draft, a cancelled and a completed card) whose text matches too."""
    marked = ProviderFactory(legal_name="Akademia Rachunkowości sp. z o.o.")
    grant_mark(marked)
    expired = ProviderFactory(legal_name="Szkoła Jazdy Sądecka")
    grant_mark(expired, valid_from=days(-900), valid_until=days(-1))
    other = ProviderFactory(legal_name="Centrum Kształcenia Ustawicznego")
    cards = {
        "accounting": ServiceCardFactory(
            provider=marked,
            title="Księgowość dla początkujących",
            category=category("finance_accounting"),
            gmina=gmina(KRAKOW),
            price_gross=150_000,
            price_net=150_000,
            starts_on=days(10),
            rating_average=4.8,
        ),
        "python": ServiceCardFactory(
            provider=other,
            title="Kurs programowania w Pythonie",
            category=category("it_programming"),
            delivery_form="remote_live",
            gmina=None,
            street="",
            technical_requirements="Komputer z internetem.",
            price_gross=250_000,
            price_net=250_000,
            starts_on=days(20),
            rating_average=4.2,
        ),
        "driving_c": ServiceCardFactory(
            provider=expired,
            title="Kurs prawa jazdy kategorii C",
            category=category("driving_c"),
            gmina=gmina(NOWY_SACZ),
            price_gross=400_000,
            price_net=400_000,
            starts_on=days(30),
        ),
        "driving_b": ServiceCardFactory(
            provider=other,
            title="Kurs prawa jazdy kategorii B",
            category=category("driving_b"),
            gmina=gmina(TARNOW),
            price_gross=300_000,
            price_net=300_000,
            starts_on=days(5),
            seats_taken=12,
            max_participants=12,
        ),
        "english": ServiceCardFactory(
            provider=other,
            title="Język angielski - poziom B1",
            category=category("languages_english"),
            delivery_form="blended_live",
            gmina=gmina(WIELICZKA),
            price_gross=90_000,
            price_net=90_000,
            starts_on=days(40),
            rating_average=3.9,
        ),
        "german": ServiceCardFactory(
            provider=other,
            title="Język niemiecki w pracy opiekuna",
            category=category("languages_german"),
            gmina=gmina(NIEPOLOMICE),
            price_gross=120_000,
            price_net=100_000,
            starts_on=days(15),
        ),
        "welding": ServiceCardFactory(
            provider=other,
            title="Spawanie metodą MAG",
            category=category("technical_welding"),
            gmina=gmina(ZAKOPANE),
            price_gross=500_000,
            price_net=500_000,
            starts_on=days(60),
        ),
    }
    for status in (CardStatus.DRAFT, CardStatus.CANCELLED, CardStatus.COMPLETED):
        ServiceCardFactory(
            provider=other,
            title=f"Księgowość dla początkujących ({status})",
            category=category("finance_accounting"),
            status=status,
        )
    return cards


# --- text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ksiegowosc", ["Księgowość dla początkujących"]),
        ("Księgowości", ["Księgowość dla początkujących"]),
        ("szkolenia z programowania", ["Kurs programowania w Pythonie"]),
        ("python", ["Kurs programowania w Pythonie"]),
        ("prawo jazdy kat. C", ["Kurs prawa jazdy kategorii C"]),
        ("prawo jazdy kat. B", ["Kurs prawa jazdy kategorii B"]),
        ("jezyk niemiecki", ["Język niemiecki w pracy opiekuna"]),
        ("spawanie MAG", ["Spawanie metodą MAG"]),
        ("rachunkowości", ["Księgowość dla początkujących"]),  # the provider's name
        ("zupełnie nieznane słowo", []),
    ],
)
def test_text_ignores_inflection_diacritics_and_generic_words(catalogue, query, expected):
    assert titles(search(q=query)) == expected


def test_every_word_must_be_found_and_a_relaxed_result_says_so(catalogue):
    assert titles(search(q="księgowość programowanie", exact=True)) == []
    # Each word finds a card, never the same one: the first in the typed order is shown, and the
    # result names the other (kierunek.catalogue.search.fallback).
    result = search(q="księgowość programowanie")
    assert titles(result) == ["Księgowość dla początkujących"]
    assert result.relaxed
    assert result.missing_words == ("programowanie",)


def test_prawo_jazdy_finds_every_category_and_the_letter_narrows_it(catalogue):
    assert sorted(titles(search(q="prawo jazdy"))) == [
        "Kurs prawa jazdy kategorii B",
        "Kurs prawa jazdy kategorii C",
    ]


def test_drafts_cancelled_and_completed_cards_are_not_found(catalogue):
    result = search(q="księgowość")
    assert titles(result) == ["Księgowość dla początkujących"]
    assert result.count == 1
    assert search().count == 7


def test_a_card_leaves_the_index_when_it_stops_being_published(catalogue):
    card = catalogue["accounting"]
    card.status = CardStatus.CANCELLED
    card.save()
    card_index_update(card=card)
    assert search(q="księgowość").count == 0
    assert not SearchDocument.objects.filter(card=card).exists()


def test_an_edited_card_is_found_by_its_new_text(catalogue):
    card = catalogue["welding"]
    card.title = "Spawanie metodą TIG"
    card.save()
    card_index_update(card=card)
    assert titles(search(q="TIG")) == ["Spawanie metodą TIG"]
    assert search(q="MAG").count == 0


def test_rebuilding_the_index_gives_the_same_results(catalogue):
    before = [titles(search(q=q)) for q in ("ksiegowosc", "prawo jazdy kat. C", "python")]
    assert search_index_rebuild() == 7
    assert [titles(search(q=q)) for q in ("ksiegowosc", "prawo jazdy kat. C", "python")] == before


def test_the_rebuild_command_indexes_every_published_card(catalogue):
    SearchDocument.objects.all().delete()
    assert search(q="ksiegowosc").count == 0
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "7" in out.getvalue()
    assert titles(search(q="ksiegowosc")) == ["Księgowość dla początkujących"]


def test_relevance_puts_a_title_match_before_a_mention_in_the_programme(catalogue):
    ServiceCardFactory(
        title="Obsługa biura",
        programme="1. Korespondencja\n2. Podstawy księgowości w biurze",
        category=category("it_office"),
        starts_on=days(1),
    )
    result = search(q="księgowość", sort="relevance")
    assert titles(result) == ["Księgowość dla początkujących", "Obsługa biura"]
    assert result.items[0].rank > result.items[1].rank > 0


def test_a_query_of_stop_words_only_finds_everything_by_start_date(catalogue):
    result = search(q="i w z dla")
    assert result.count == 7
    assert [hit.card.starts_on for hit in result.items] == sorted(hit.card.starts_on for hit in result.items)


# --- filters ---------------------------------------------------------------------------------


def test_category_includes_its_subcategories(catalogue):
    assert sorted(titles(search(category="languages"))) == [
        "Język angielski - poziom B1",
        "Język niemiecki w pracy opiekuna",
    ]
    assert titles(search(category="languages_german")) == ["Język niemiecki w pracy opiekuna"]
    assert search(category="management").count == 0


def test_delivery_forms(catalogue):
    assert titles(search(forms=("remote_live",))) == ["Kurs programowania w Pythonie"]
    assert sorted(titles(search(forms=("remote_live", "blended_live")))) == [
        "Język angielski - poziom B1",
        "Kurs programowania w Pythonie",
    ]


def test_radius_from_a_gmina_keeps_the_near_places_and_leaves_remote_out(catalogue):
    result = search(gmina=KRAKOW, radius_km=25, sort="distance")
    assert titles(result) == [
        "Księgowość dla początkujących",  # Kraków, 0 km
        "Język angielski - poziom B1",  # Wieliczka, 13 km
        "Język niemiecki w pracy opiekuna",  # Niepołomice, 21 km
    ]
    assert [hit.distance_km for hit in result.items] == [
        0.0,
        round(gmina_distance_km(from_teryt=KRAKOW, to_teryt=WIELICZKA), 1),
        round(gmina_distance_km(from_teryt=KRAKOW, to_teryt=NIEPOLOMICE), 1),
    ]


def test_radius_with_remote_services(catalogue):
    result = search(gmina=KRAKOW, radius_km=25, include_remote=True, sort="distance")
    # Remote services have no distance: last.
    assert titles(result)[-1] == "Kurs programowania w Pythonie"
    assert result.items[-1].distance_km is None
    assert result.count == 4


def test_distance_ordering_without_a_radius_covers_everything(catalogue):
    result = search(gmina=KRAKOW, sort="distance")
    distances = [hit.distance_km for hit in result.items]
    assert result.count == 7
    assert distances[:-1] == sorted(distances[:-1])
    assert titles(result)[:2] == ["Księgowość dla początkujących", "Język angielski - poziom B1"]
    assert titles(result)[-3:] == [
        "Kurs prawa jazdy kategorii B",
        "Spawanie metodą MAG",
        "Kurs programowania w Pythonie",
    ]


def test_distance_sort_with_text_orders_by_distance_first(catalogue):
    result = search(q="prawo jazdy", gmina=TARNOW, sort="distance")
    assert titles(result) == ["Kurs prawa jazdy kategorii B", "Kurs prawa jazdy kategorii C"]
    assert result.items[0].distance_km == 0.0


def test_start_date_range(catalogue):
    assert sorted(titles(search(starts_after=days(30)))) == [
        "Język angielski - poziom B1",
        "Kurs prawa jazdy kategorii C",
        "Spawanie metodą MAG",
    ]
    assert titles(search(starts_after=days(11), starts_before=days(20))) == [
        "Język niemiecki w pracy opiekuna",
        "Kurs programowania w Pythonie",
    ]


def test_maximum_price_is_gross_and_inclusive(catalogue):
    assert titles(search(price_max=120_000, sort="price")) == [
        "Język angielski - poziom B1",
        "Język niemiecki w pracy opiekuna",
    ]


def test_quality_mark_held_today(catalogue):
    result = search(quality_mark=True)
    # The driving school's mark expired yesterday.
    assert titles(result) == ["Księgowość dla początkujących"]
    assert result.items[0].quality_mark is True
    assert not next(hit for hit in search().items if hit.card.title.endswith("kategorii C")).quality_mark


def test_minimum_rating(catalogue):
    assert titles(search(min_rating=4.0, sort="price")) == [
        "Księgowość dla początkujących",
        "Kurs programowania w Pythonie",
    ]


def test_free_places_only(catalogue):
    assert "Kurs prawa jazdy kategorii B" in titles(search(page_size=10))
    assert "Kurs prawa jazdy kategorii B" not in titles(search(free_places_only=True, page_size=10))
    assert search(free_places_only=True).count == 6


def test_powiat(catalogue):
    assert titles(search(powiat="1219")) == [
        "Język niemiecki w pracy opiekuna",
        "Język angielski - poziom B1",
    ]


def test_filters_combine(catalogue):
    result = search(q="język", gmina=KRAKOW, radius_km=15, forms=("blended_live",), price_max=100_000)
    assert titles(result) == ["Język angielski - poziom B1"]


# --- sorting, facets, pages ------------------------------------------------------------------


def test_sort_by_price_and_by_start(catalogue):
    prices = [hit.card.price_gross for hit in search(sort="price").items]
    assert prices == sorted(prices)
    starts = [hit.card.starts_on for hit in search(sort="start").items]
    assert starts == sorted(starts)


def test_relevance_without_text_falls_back_to_start_date(catalogue):
    assert SearchParams(sort=SortOrder.RELEVANCE).effective_sort == SortOrder.START
    assert titles(search(sort="relevance")) == titles(search(sort="start"))


def test_facets_count_the_whole_filtered_set(catalogue):
    result = search(page_size=2)
    assert result.count == 7
    assert {value.key: value.count for value in result.facets.category} == {
        "languages": 2,
        "it_digital": 1,
        "driving": 2,
        "finance": 1,
        "technical": 1,
    }
    assert [value.key for value in result.facets.category] == [
        "languages",
        "it_digital",
        "driving",
        "finance",
        "technical",
    ]  # in the tree's order
    assert {value.key: value.count for value in result.facets.form} == {
        "in_person": 5,
        "remote_live": 1,
        "blended_live": 1,
    }
    powiats = {value.key: value.count for value in result.facets.powiat}
    assert powiats == {"1261": 1, "1262": 1, "1263": 1, "1219": 2, "1217": 1}  # the remote card has none
    assert result.facets.powiat[0].key == "1219"  # most cards first
    assert sum(value.count for value in result.facets.category) == result.count


def test_facets_follow_the_filters(catalogue):
    result = search(q="język")
    assert {value.key: value.count for value in result.facets.category} == {"languages": 2}
    assert {value.key: value.count for value in result.facets.form} == {"in_person": 1, "blended_live": 1}


def test_facets_with_a_text_count_every_matching_card(catalogue):
    # With a text the counts come from one grouping of the matches (on SQLite by category, form
    # and gmina together): every facet must still add up to the matching cards, the remote card
    # counted by category and form but in no powiat.
    result = search(q="kurs", page_size=MAX_PAGE_SIZE)
    cards = [hit.card for hit in result.items]
    assert result.count == len(cards) >= 3
    assert any(card.gmina is None for card in cards)

    def top(card):
        node = card.category
        while node.parent is not None:
            node = node.parent
        return node.code

    def counts(values) -> dict:
        return {value.key: value.count for value in values}

    assert counts(result.facets.category) == dict(Counter(top(card) for card in cards))
    assert counts(result.facets.form) == dict(Counter(card.delivery_form for card in cards))
    assert counts(result.facets.powiat) == dict(
        Counter(card.gmina.powiat.teryt for card in cards if card.gmina is not None)
    )


def test_pages(catalogue):
    pages = [search(sort="start", page=page, page_size=3) for page in (1, 2, 3, 4)]
    assert [len(page.items) for page in pages] == [3, 3, 1, 0]
    assert {page.count for page in pages} == {7}
    assert pages[0].pages == 3
    assert pages[0].has_next
    assert not pages[0].has_previous
    seen = [title for page in pages for title in titles(page)]
    assert seen == titles(search(sort="start", page_size=10))
    assert len(set(seen)) == 7


def test_page_size_is_capped():
    with pytest.raises(ValueError, match="page_size"):
        SearchParams(page_size=MAX_PAGE_SIZE + 1)
    with pytest.raises(SearchParamsError) as error:
        search_params_parse({"page_size": "101"})
    assert set(error.value.errors) == {"page_size"}


def test_hits_carry_the_card_with_what_a_list_shows_without_more_queries(
    catalogue, django_assert_max_num_queries
):
    search(q="warm-up")  # reads the reference data and the search columns into the process
    # The reference data's fingerprint, the gmina, the quality mark's holders, the text, the page.
    with django_assert_max_num_queries(5):
        result = search(gmina=KRAKOW, sort="distance", q="język")
        for hit in result.items:
            str(hit.card.provider), hit.card.gmina.name, hit.card.category.code


# --- parameters ------------------------------------------------------------------------------


def test_parse_reads_a_query_string():
    params = search_params_parse(
        {
            "q": "  prawo   jazdy ",
            "category": "driving",
            "form": ["in_person", "blended_live"],
            "gmina": KRAKOW,
            "radius_km": "30",
            "include_remote": "true",
            "starts_after": "2030-01-01",
            "starts_before": "2030-02-01",
            "price_max": "1 234,50",
            "quality_mark": "1",
            "min_rating": "4,5",
            "free_places": "on",
            "sort": "distance",
            "page": "2",
            "page_size": "50",
        }
    )
    assert params == SearchParams(
        q="prawo jazdy",
        category="driving",
        forms=("in_person", "blended_live"),
        gmina=KRAKOW,
        radius_km=30.0,
        include_remote=True,
        starts_after=datetime.date(2030, 1, 1),
        starts_before=datetime.date(2030, 2, 1),
        price_max=123_450,
        quality_mark=True,
        min_rating=4.5,
        free_places_only=True,
        sort=SortOrder.DISTANCE,
        page=2,
        page_size=50,
    )


def test_parse_treats_empty_values_as_absent():
    assert (
        search_params_parse(dict.fromkeys(("q", "category", "gmina", "price_max", "page"), ""))
        == SearchParams()
    )


@pytest.mark.parametrize(
    ("query", "bad"),
    [
        ({"form": "by_pigeon"}, "form"),
        ({"gmina": "1261"}, "gmina"),
        ({"powiat": "99"}, "powiat"),
        ({"gmina": KRAKOW, "radius_km": "far"}, "radius_km"),
        ({"gmina": KRAKOW, "radius_km": "-5"}, "radius_km"),
        ({"radius_km": "10"}, "radius_km"),  # from where?
        ({"include_remote": "maybe"}, "include_remote"),
        ({"starts_after": "1.01.2030"}, "starts_after"),
        ({"starts_after": "2030-02-01", "starts_before": "2030-01-01"}, "starts_before"),
        ({"price_max": "12.345"}, "price_max"),
        ({"price_max": "-5"}, "price_max"),
        ({"min_rating": "6"}, "min_rating"),
        ({"sort": "popularity"}, "sort"),
        ({"sort": "distance"}, "sort"),  # from where?
        ({"page": "0"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"q": "x" * 201}, "q"),
        ({"category": "no such/category"}, "category"),
    ],
)
def test_parse_names_each_bad_parameter(query, bad):
    with pytest.raises(SearchParamsError) as error:
        search_params_parse(query)
    assert set(error.value.errors) == {bad}
    assert all(error.value.errors.values())


def test_parse_reports_every_bad_parameter_at_once():
    with pytest.raises(SearchParamsError) as error:
        search_params_parse({"page": "x", "sort": "y", "min_rating": "z"})
    assert set(error.value.errors) == {"page", "sort", "min_rating"}


def test_unknown_category_and_gmina_are_errors_of_their_parameter(catalogue):
    with pytest.raises(SearchParamsError) as error:
        search(category="astrology")
    assert set(error.value.errors) == {"category"}
    with pytest.raises(SearchParamsError) as error:
        search(gmina="1299991")
    assert set(error.value.errors) == {"gmina"}


# --- engine expressions ----------------------------------------------------------------------


def test_engine_expressions():
    groups = analyse_query("prawo jazdy kat. C python")
    assert (
        fts5_match_expression(groups)
        == '("prawo") AND ("jazda" OR "jazdy") AND ("kategoria") AND ("c") AND ("pyth"*)'
    )
    assert tsquery_expression(groups) == "(prawo) & (jazda | jazdy) & (kategoria) & (c) & (pyth:*)"


def test_the_engine_index_follows_the_documents():
    """The database's own full-text index (FTS5 table or tsvector column) is kept by the database
    from SearchDocument: written, changed and deleted documents are found accordingly."""
    card = ServiceCardFactory(title="Florystyka i bukieciarstwo")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT card_id FROM catalogue_searchdocument "
                "WHERE search_vector @@ to_tsquery('simple', 'florystyka')"
            )
        else:
            cursor.execute(
                "SELECT rowid FROM catalogue_search_fts WHERE catalogue_search_fts MATCH 'florystyka'"
            )
        assert [row[0] for row in cursor.fetchall()] == [card.pk]


def test_the_page_reads_the_cards_as_the_orm_does(catalogue):
    """The page's own statement (search.cards.page_cards) gives what select_related gives: every
    field of the card, of its provider, its gmina and its category."""
    ids = [card.pk for card in catalogue.values()]
    reference, _head = reference_data()
    loaded = page_cards(ids, reference)
    expected = ServiceCard.objects.select_related("provider", "gmina", "category").filter(pk__in=ids)
    assert sorted(loaded) == sorted(ids)
    for card in expected:
        for mine, theirs in (
            (loaded[card.pk], card),
            (loaded[card.pk].provider, card.provider),
            (loaded[card.pk].gmina, card.gmina),
            (loaded[card.pk].category, card.category),
        ):
            if theirs is None:
                assert mine is None
                continue
            for model_field in type(theirs)._meta.concrete_fields:
                assert getattr(mine, model_field.attname) == getattr(theirs, model_field.attname)


@pytest.mark.parametrize("held", [True, False])
def test_the_search_statement_reads_the_page_as_the_orm_does(catalogue, held, monkeypatch):
    """The statement engine's own read of the page's cards and their other dates (in the search's
    statement, with the reference data's check when the process holds them: ``held``) gives what
    select_related gives, and the same page as a read of the cards apart."""
    # Given a service on three dates besides the catalogue
    first = catalogue["english"]
    for step in (5, 9):
        ServiceCardFactory(
            title=first.title,
            provider=first.provider,
            category=first.category,
            gmina=first.gmina,
            delivery_form=first.delivery_form,
            starts_on=first.starts_on + datetime.timedelta(days=step),
        )
    engine = engine_for(connection.vendor, columnar=False)
    if held:
        search_cards(SearchParams(), columnar=False)  # reads the reference data into the process
    else:
        monkeypatch.setattr("kierunek.catalogue.search.cards.reference_cached", lambda: None)

    def hits(**params):
        result = search_cards(SearchParams(**params), columnar=False, relax=False)
        return [(hit.card, *hit.dates) for hit in result.items]

    for params in ({}, {"q": "angielski"}, {"sort": "price", "page_size": 2, "page": 2}):
        # When searched in one statement and with the cards read apart
        monkeypatch.setattr(engine, "reads_page", True)
        read = hits(**params)
        monkeypatch.setattr(engine, "reads_page", False)
        apart = hits(**params)

        # Then the cards, their providers, gminas and categories are the database's
        assert read
        assert [[card.pk for card in hit] for hit in read] == [[card.pk for card in hit] for hit in apart]
        cards = [card for hit in read for card in hit]
        expected = ServiceCard.objects.select_related("provider", "gmina", "category").in_bulk(
            [card.pk for card in cards]
        )
        for card in cards:
            theirs = expected[card.pk]
            for mine, model in (
                (card, theirs),
                (card.provider, theirs.provider),
                (card.category, theirs.category),
            ):
                for model_field in type(model)._meta.concrete_fields:
                    assert getattr(mine, model_field.attname) == getattr(model, model_field.attname)
            assert card.gmina == theirs.gmina
    monkeypatch.setattr(engine, "reads_page", True)
    assert any(len(hit) == 3 for hit in hits(q="angielski"))


def test_a_renamed_category_is_shown_by_its_new_name():
    card = ServiceCardFactory()
    search()  # reads the reference data into the process
    Category.objects.filter(pk=card.category_id).update(name="Nowa nazwa", name_en="New name")
    assert search().items[0].card.category.name == "Nowa nazwa"
    Category.objects.filter(pk=card.category.parent_id).update(name="Nowy dział")
    assert [value.label for value in search().facets.category] == ["Nowy dział"]
