"""PostgreSQL: each search document carries the columns of its card that a text search reads
(migration 0014), kept in step by triggers whoever changes the card, and a search that reads them
finds what the search that joins the cards finds (decision 0007)."""

import datetime
import random

import pytest
from django.db import connection

from kierunek.catalogue.models import ServiceCard
from kierunek.catalogue.search import SearchParams, search_cards
from kierunek.catalogue.search.postgres import POSTGRES_ENGINE, PostgresDialect
from tests.catalogue.factories import KRAKOW, ServiceCardFactory, category, gmina

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's documents only"),
]

COLUMNS = (
    "status",
    "category_id",
    "delivery_form",
    "gmina_id",
    "starts_on",
    "price_gross",
    "provider_id",
    "service_group",
)
TITLES = (
    "Język angielski w biznesie",
    "Język niemiecki dla opiekunów",
    "Księgowość w małej firmie",
    "Spawanie metodą TIG",
    "Kurs Excel dla księgowych",
    "Obsługa wózków widłowych",
)


def _disagreeing() -> list[tuple]:
    """The documents whose copy differs from their card (none when the triggers work)."""
    columns = ", ".join(f"(d.{name}) IS DISTINCT FROM (c.{name})" for name in COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.card_id, {columns} FROM catalogue_searchdocument d "  # noqa: S608
            "JOIN catalogue_servicecard c ON c.id = d.card_id"
        )
        return [row for row in cursor.fetchall() if any(row[1:])]


def _xmin(card_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM catalogue_searchdocument WHERE card_id = %s", [card_id])
        return str(cursor.fetchone()[0])


def test_a_document_takes_its_cards_columns_and_follows_every_kind_of_change():
    card = ServiceCardFactory(title="Język angielski w biznesie")
    other = ServiceCardFactory(title="Spawanie metodą TIG", category=category("languages_german"))
    assert _disagreeing() == []

    card.price_gross = card.price_net = 99_000
    card.starts_on += datetime.timedelta(days=3)
    card.save()
    assert _disagreeing() == []

    ServiceCard.objects.filter(pk=other.pk).update(
        gmina=gmina("1263011"), delivery_form="online", category=category("languages_english")
    )
    assert _disagreeing() == []

    ServiceCard.objects.filter(pk=card.pk).update(service_group=other.service_group)
    assert _disagreeing() == []


def test_a_booking_or_a_rating_writes_no_document():
    card = ServiceCardFactory()
    before = _xmin(card.pk)
    ServiceCard.objects.filter(pk=card.pk).update(seats_taken=3, rating_average=4.5, rating_count=2)
    assert _xmin(card.pk) == before


class _JoiningDialect(PostgresDialect):
    """The search as it was before migration 0014: every match's card looked up."""

    def text_filter(self, groups, *, card_columns=False):
        return super().text_filter(groups, card_columns=True)


def test_reading_the_documents_finds_what_joining_the_cards_finds(monkeypatch):
    rng = random.Random(13)
    places = [gmina(KRAKOW), gmina("1263011"), gmina("1219053")]
    for number in range(60):
        ServiceCardFactory(
            title=f"{rng.choice(TITLES)} {number}",
            category=category(rng.choice(["languages_english", "languages_german"])),
            gmina=rng.choice(places),
            delivery_form=rng.choice(["in_person", "online"]),
            price_gross=(price := rng.choice([50_000, 123_000, 300_000])),
            price_net=price,
            starts_on=datetime.date.today() + datetime.timedelta(days=rng.randint(1, 90)),
        )
    searches = []
    for _ in range(40):
        params = {"q": rng.choice(["język", "księgowość excel", "spawanie", "wózki", "angielski"])}
        if rng.random() < 0.5:
            params["price_max"] = rng.choice([100_000, 200_000])
        if rng.random() < 0.4:
            params["sort"] = rng.choice(["price", "start", "relevance"])
        if rng.random() < 0.3:
            params.update(gmina=KRAKOW, radius_km=20, sort="distance")
        if rng.random() < 0.3:
            params["forms"] = ("online",)
        searches.append(params)

    def outcome(params):
        result = search_cards(SearchParams(**params))
        return result.count, [hit.card.pk for hit in result.items], result.facets

    from_documents = [outcome(params) for params in searches]
    monkeypatch.setattr(POSTGRES_ENGINE, "dialect", _JoiningDialect())
    joined = [outcome(params) for params in searches]
    assert from_documents == joined
    assert any(count for count, _page, _facets in from_documents)
