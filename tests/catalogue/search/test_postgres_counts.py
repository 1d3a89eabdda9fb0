"""PostgreSQL: the whole catalogue's facets and service groups kept as counts by triggers on the
cards (migration 0015), with each group's latest start (migration 0018), agree with the cards
after every kind of change, and a search without a
text that reads them (less the cards its filters exclude), or that counts the quality mark's
holders' cards by provider (migration 0017), finds what counting the cards finds (decision
0007)."""

import datetime
import random

import pytest
from django.db import connection
from django.db.models import F

from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.catalogue.search import SearchParams, search_cards
from kierunek.catalogue.search.postgres import POSTGRES_ENGINE
from tests.catalogue.factories import KRAKOW, ServiceCardFactory, category, gmina
from tests.catalogue.search.test_search import grant_mark

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's kept counts only"),
]

TODAY = datetime.date.today()


def _rows(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return sorted(cursor.fetchall())


def _kept() -> tuple[list[tuple], list[tuple]]:
    return (
        _rows("SELECT part, key, delivery_form, cards FROM catalogue_search_facet_counts"),
        _rows("SELECT service_group, cards, latest_start FROM catalogue_search_group_counts"),
    )


def _counted() -> tuple[list[tuple], list[tuple]]:
    """What the kept counts must be, counted from the published cards (written out here, not
    taken from the migration)."""
    published = "FROM catalogue_servicecard WHERE status = 'published'"
    return (
        _rows(
            f"SELECT 0, category_id, delivery_form, COUNT(*) {published} GROUP BY category_id, delivery_form "
            f"UNION ALL SELECT 1, COALESCE(gmina_id, 0), '', COUNT(*) {published} GROUP BY gmina_id"
        ),
        _rows(f"SELECT COALESCE(service_group, -id), COUNT(*), MAX(starts_on) {published} GROUP BY 1"),
    )


def _agree() -> bool:
    kept = _kept()
    return kept == _counted() and bool(kept[0])


def test_the_counts_follow_every_kind_of_change_of_the_cards():
    # Given cards of two services, one on two dates
    first = ServiceCardFactory(title="Język angielski w biznesie")
    ServiceCardFactory(title="Język angielski w biznesie", provider=first.provider)
    other = ServiceCardFactory(title="Spawanie metodą TIG", gmina=gmina("1263011"))
    assert _agree()
    _facets, groups = _kept()
    assert sorted(cards for _group, cards, _latest in groups) == [1, 2]

    # a save that moves a card to another gmina, category and start
    other.gmina = gmina("1219053")
    other.category = category("languages_german")
    other.starts_on += datetime.timedelta(days=2)
    other.save()
    assert _agree()

    # a bulk update of several cards, remote (no gmina)
    ServiceCard.objects.filter(title__startswith="Język").update(delivery_form="remote_live", gmina=None)
    assert _agree()

    # a change of service group (a new title), then back into the first group
    other.title = "Język angielski w biznesie"
    other.provider = first.provider
    other.save()
    assert _agree()
    # (update() left the form's group as it was)
    assert [cards for _group, cards, _latest in _kept()[1]] == [3]

    # a cancellation, a publication again, a booking that fills the card
    ServiceCard.objects.filter(pk=first.pk).update(status=CardStatus.CANCELLED)
    assert _agree()
    ServiceCard.objects.filter(pk=first.pk).update(status=CardStatus.PUBLISHED)
    assert _agree()
    before = _kept()
    ServiceCard.objects.filter(pk=first.pk).update(seats_taken=12)
    assert _kept() == before

    # the group's latest card moved earlier than another of its cards, then withdrawn
    latest = ServiceCard.objects.filter(service_group=first.service_group).order_by("-starts_on").first()

    def shift(days: int) -> None:
        by = datetime.timedelta(days=days)
        dates = {name: F(name) + by for name in ("starts_on", "ends_on", "enrolment_deadline")}
        ServiceCard.objects.filter(pk=latest.pk).update(**dates)

    shift(-400)
    assert _agree()
    shift(800)
    assert _agree()
    ServiceCard.objects.filter(pk=latest.pk).update(status=CardStatus.CANCELLED)
    assert _agree()
    ServiceCard.objects.filter(pk=latest.pk).update(status=CardStatus.PUBLISHED)
    assert _agree()
    ServiceCard.objects.filter(pk=latest.pk).delete()
    assert _agree()

    # a bulk creation and deletions
    ServiceCard.objects.bulk_create(
        [ServiceCardFactory.build(provider=first.provider, title=f"Kurs Excel {n}") for n in range(5)]
    )
    assert _agree()
    ServiceCard.objects.filter(title__startswith="Kurs Excel").exclude(title="Kurs Excel 0").delete()
    assert _agree()
    ServiceCard.objects.all().delete()
    assert _kept() == ([], [])


def test_a_card_without_a_group_is_a_service_of_its_own():
    card = ServiceCardFactory()
    ServiceCardFactory(title=card.title, provider=card.provider)
    ServiceCard.objects.filter(pk=card.pk).update(service_group=None)
    assert _agree()
    assert sorted(cards for _group, cards, _latest in _kept()[1]) == [1, 1]
    assert search_cards(SearchParams()).count == 2


def test_emptying_the_cards_empties_the_counts():
    ServiceCardFactory()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # (no pending checks: TRUNCATE refuses them)
        cursor.execute("TRUNCATE catalogue_servicecard CASCADE")
    assert _kept() == ([], [])


def test_a_search_reading_the_counts_finds_what_counting_the_cards_finds(monkeypatch):
    # Given services on several dates, places and forms, some full, some not published, of
    # providers of whom two hold the quality mark (one with a service of the same group key as
    # another provider's: a bulk update that moved it left its group as it was)
    rng = random.Random(15)
    places = [gmina(KRAKOW), gmina("1263011"), gmina("1219053"), None]
    titles = ["Język angielski", "Spawanie TIG", "Księgowość", "Excel", "Wózki widłowe"]
    providers = [ServiceCardFactory(title="Pierwsza pomoc").provider for _ in range(4)]
    grant_mark(providers[0])
    grant_mark(providers[1])
    for _ in range(70):
        place = rng.choice(places)
        seats = rng.choice([0, 5, 12, 12])
        ServiceCardFactory(
            provider=rng.choice(providers),
            title=rng.choice(titles),
            category=category(rng.choice(["languages_english", "languages_german"])),
            gmina=place,
            delivery_form="in_person" if place else "remote_live",
            starts_on=TODAY + datetime.timedelta(days=rng.randint(-10, 120)),
            max_participants=12,
            seats_taken=seats,
            status=rng.choice([CardStatus.PUBLISHED] * 5 + [CardStatus.CANCELLED]),
        )
    moved = ServiceCard.objects.filter(provider=providers[2], title="Excel").values_list("pk", flat=True)[:1]
    ServiceCard.objects.filter(pk__in=list(moved)).update(provider=providers[0])
    searches = [{}, {"free_places_only": True}, {"sort": "price"}, {"page": 2, "page_size": 5}]
    searches += [{"quality_mark": True}, {"quality_mark": True, "page": 2, "page_size": 5}]
    for _ in range(50):
        params: dict = {"sort": rng.choice(["start", "price"])}
        if rng.random() < 0.7:
            params["starts_after"] = TODAY + datetime.timedelta(days=rng.randint(-15, 130))
        if rng.random() < 0.5:
            params["free_places_only"] = True
        if rng.random() < 0.4:
            params["quality_mark"] = True
            if rng.random() < 0.3:
                params["category"] = "languages_german"
        searches.append(params)

    def outcome(params):
        result = search_cards(SearchParams(**params))
        pages = [(hit.card.pk, hit.dates_count, [d.pk for d in hit.dates]) for hit in result.items]
        return result.count, result.dates_count, result.facets, pages

    # When searched with the kept counts and the holders' cards read by provider, and by
    # counting every card
    kept = [outcome(params) for params in searches]
    monkeypatch.setattr(POSTGRES_ENGINE, "kept_counts", False)
    monkeypatch.setattr(POSTGRES_ENGINE, "by_provider", False)
    counted = [outcome(params) for params in searches]

    # Then they agree, and the searches found something and nothing, the holders' services
    # fewer than all
    assert kept == counted
    assert any(count for count, *_rest in kept)
    assert any(count == 0 for count, *_rest in kept)
    assert 0 < kept[4][0] < kept[0][0]
    assert kept[0][2].powiat
    assert kept[0][2].form


def test_the_kept_counts_are_read_only_for_a_search_without_text_and_with_broad_filters():
    ServiceCardFactory(title="Język angielski")

    def reads_them(**params) -> bool:
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            search_cards(SearchParams(**params), relax=False)
        return any("catalogue_search_group_counts" in query["sql"] for query in captured)

    assert reads_them()
    assert reads_them(starts_after=TODAY)
    assert reads_them(starts_after=TODAY, free_places_only=True)
    assert not reads_them(q="angielski")
    assert not reads_them(quality_mark=True)
    assert not reads_them(category="languages")
