"""The public catalogue API: GET /api/v1/services and /api/v1/services/{id} (issue 4, item 3)."""

import datetime
import re

import pytest

from kierunek.catalogue.models import CardRevision, CardStatus, DeliveryForm
from tests.catalogue.factories import KRAKOW, ServiceCardFactory, category, gmina
from tests.catalogue.search.test_search import grant_mark
from tests.providers.factories import ProviderFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/services"
TODAY = datetime.date.today()
ITEM_KEYS = {
    "id",
    "title",
    "provider",
    "category",
    "form",
    "gmina",
    "distance_km",
    "price_gross",
    "starts_on",
    "hours",
    "rating",
    "quality_mark",
    "dates_count",  # added by issue 14 (the same service on several dates): additive
    "dates",
}


@pytest.fixture
def cards():
    provider = ProviderFactory(legal_name="Akademia Kierowców")
    grant_mark(provider)
    return {
        "c": ServiceCardFactory(
            provider=provider,
            title="Kurs prawa jazdy kategorii C",
            category=category("driving_c"),
            gmina=gmina(KRAKOW),
            price_net=100_000,
            price_gross=123_450,
            hours="60.0",
            rating_average=4.5,
            starts_on=TODAY + datetime.timedelta(days=14),
        ),
        "b": ServiceCardFactory(
            provider=provider,
            title="Kurs prawa jazdy kategorii B",
            category=category("driving_b"),
            gmina=gmina("1262011"),
            starts_on=TODAY + datetime.timedelta(days=7),
        ),
        "remote": ServiceCardFactory(
            provider=provider,
            title="Przepisy ruchu drogowego online",
            category=category("driving_b"),
            delivery_form="remote_self_paced",
            gmina=None,
            street="",
            technical_requirements="Przeglądarka internetowa.",
            starts_on=TODAY + datetime.timedelta(days=3),
        ),
    }


def test_list_answers_the_contract(client, cards):
    response = client.get(URL, {"q": "prawo jazdy kat. C", "gmina": KRAKOW, "radius_km": "50"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert set(body) >= {"count", "items", "facets"}
    (item,) = body["items"]
    assert set(item) == ITEM_KEYS
    card = cards["c"]
    assert item == {
        "id": card.pk,
        "title": "Kurs prawa jazdy kategorii C",
        "provider": {"id": card.provider_id, "name": "Akademia Kierowców"},
        "category": "driving_c",
        "form": "in_person",
        "gmina": {"teryt": KRAKOW, "name": "Kraków"},
        "distance_km": 0.0,
        "price_gross": "1234.50",
        "starts_on": card.starts_on.isoformat(),
        "hours": 60.0,
        "rating": 4.5,
        "quality_mark": True,
        "dates_count": 1,
        "dates": [],
    }
    assert body["facets"] == {
        "category": [{"key": "driving", "label": category("driving").name, "count": 1}],
        "form": [{"key": "in_person", "label": str(DeliveryForm.IN_PERSON.label), "count": 1}],
        "powiat": [{"key": "1261", "label": "Kraków", "count": 1}],
    }


def test_remote_services_have_no_gmina_and_no_distance(client, cards):
    body = client.get(
        URL, {"gmina": KRAKOW, "radius_km": "10", "include_remote": "true", "sort": "distance"}
    ).json()
    assert [item["title"] for item in body["items"]] == [
        "Kurs prawa jazdy kategorii C",
        "Przepisy ruchu drogowego online",
    ]
    assert body["items"][1]["gmina"] is None
    assert body["items"][1]["distance_km"] is None


def test_filters_and_pages_of_the_list(client, cards):
    body = client.get(URL, {"category": "driving", "sort": "start", "page_size": "2"}).json()
    assert body["count"] == 3
    assert [item["title"] for item in body["items"]] == [
        "Przepisy ruchu drogowego online",
        "Kurs prawa jazdy kategorii B",
    ]
    second = client.get(URL, {"category": "driving", "sort": "start", "page_size": "2", "page": "2"}).json()
    assert [item["title"] for item in second["items"]] == ["Kurs prawa jazdy kategorii C"]
    assert client.get(URL, {"form": ["remote_self_paced", "remote_live"]}).json()["count"] == 1
    assert client.get(URL, {"price_max": "1234.49"}).json()["count"] == 2
    assert client.get(URL, {"price_max": "1234,50"}).json()["count"] == 3


def test_drafts_are_not_listed(client, cards):
    ServiceCardFactory(title="Kurs prawa jazdy kategorii C (szkic)", status=CardStatus.DRAFT)
    # All three are in the driving-licence category ("Prawo jazdy"), the draft is not public.
    assert client.get(URL, {"q": "prawo jazdy"}).json()["count"] == 3


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"gmina": "12"}, "gmina"),
        ({"radius_km": "10"}, "radius_km"),
        ({"sort": "distance"}, "sort"),
        ({"sort": "cheapest"}, "sort"),
        ({"price_max": "dużo"}, "price_max"),
        ({"starts_after": "jutro"}, "starts_after"),
        ({"page_size": "1000"}, "page_size"),
        ({"page": "-1"}, "page"),
        ({"min_rating": "10"}, "min_rating"),
        ({"form": "carrier_pigeon"}, "form"),
        ({"quality_mark": "perhaps"}, "quality_mark"),
        ({"category": "astrology"}, "category"),
        ({"gmina": "1299991"}, "gmina"),
    ],
)
def test_bad_parameters_get_422_naming_the_parameter(client, cards, query, parameter):
    response = client.get(URL, query)
    assert response.status_code == 422
    (error,) = response.json()["detail"]
    assert error["loc"] == ["query", parameter]
    assert error["msg"]


def test_page_and_api_give_the_same_results(client, cards):
    query = {"q": "prawo jazdy", "gmina": KRAKOW, "sort": "distance", "include_remote": "1"}
    api_ids = [item["id"] for item in client.get(URL, query).json()["items"]]
    page = client.get("/uslugi/", query)
    page_ids = [int(card_id) for card_id in re.findall(r'href="/uslugi/(\d+)/"', page.content.decode())]
    # Kraków (0 km), Nowy Sącz, then the remote one (no distance).
    assert api_ids == page_ids == [cards["c"].pk, cards["b"].pk, cards["remote"].pk]


def test_detail_is_the_whole_card(client, cards):
    card = cards["c"]
    CardRevision.objects.create(
        card=card,
        changed_by=card.created_by,
        changes={"price_gross": ["120000", "123450"], "title": ["Prawo jazdy C", card.title]},
    )
    response = client.get(f"{URL}/{card.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == card.pk
    assert body["title"] == "Kurs prawa jazdy kategorii C"
    assert body["status"] == "published"
    driving_c = category("driving_c")
    assert body["category"] == {
        "code": "driving_c",
        "name": driving_c.name,
        "name_en": driving_c.name_en,
        "parent": "driving",
    }
    assert body["provider"]["quality_mark"] is True
    assert body["provider"]["quality_mark_valid_until"]
    listed = client.get(URL, {"q": "prawo jazdy kat. C"}).json()["items"]
    assert body["provider"]["name"] == next(i for i in listed if i["id"] == card.pk)["provider"]["name"]
    assert body["provider"]["legal_name"] == card.provider.legal_name
    assert body["prices"] == {
        "net": "1000.00",
        "gross": "1234.50",
        "net_per_hour": "16.67",  # 1000 / 60, half up
        "gross_per_hour": "20.58",  # 1234.50 / 60 = 20.575
    }
    assert body["place"] == {
        "gmina": {"teryt": KRAKOW, "name": "Kraków"},
        "powiat": "1261",
        "street": card.street,
        "outside_region_address": "",
    }
    dates = [session["date"] for session in body["sessions"]]
    assert dates == sorted(dates)
    assert (dates[0], dates[-1]) == (card.starts_on.isoformat(), card.ends_on.isoformat())
    assert len(dates) == card.sessions.count()
    assert body["sessions"][0]["start"] == "09:00:00"
    (entry,) = body["history"]
    changes = {change["field"]: change for change in entry["changes"]}
    assert changes["price_gross"]["old"] == "1 200,00 zł"
    assert changes["price_gross"]["new"] == "1 234,50 zł"
    assert changes["title"]["new"] == card.title
    for field in (
        "goal",
        "learning_outcomes",
        "programme",
        "target_group",
        "enrolment_deadline",
        "free_places",
    ):
        assert field in body


def test_detail_of_a_completed_card_stays_public(client, cards):
    card = cards["b"]
    card.status = CardStatus.COMPLETED
    card.save()
    assert client.get(f"{URL}/{card.pk}").json()["status"] == "completed"


@pytest.mark.parametrize("status", [CardStatus.DRAFT, CardStatus.CANCELLED])
def test_detail_of_a_card_that_is_not_public_is_404(client, status):
    card = ServiceCardFactory(status=status)
    response = client.get(f"{URL}/{card.pk}")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_detail_of_an_unknown_card_is_404(client, db):
    assert client.get(f"{URL}/999999").status_code == 404


def test_a_service_on_several_dates_is_one_item_with_its_other_dates(client, cards):
    """Issue 14: the provider's same service (title, form) on three more dates is one item; its
    other matching dates are listed by start date; count and pages count services; the facets
    count dates."""
    first = cards["c"]
    later = [
        ServiceCardFactory(
            provider=first.provider,
            title="Kurs  PRAWA jazdy kategorii C",  # the same title but for case and spacing
            category=category("driving_c"),
            gmina=gmina(place),
            starts_on=TODAY + datetime.timedelta(days=days),
        )
        for place, days in ((KRAKOW, 60), ("1262011", 30), (KRAKOW, 90))
    ]
    body = client.get(URL, {"q": "prawo jazdy kategorii C"}).json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["id"] == first.pk  # the earliest date comes first by relevance (equal ranks)
    assert item["dates_count"] == 4
    assert [date["id"] for date in item["dates"]] == [later[1].pk, later[0].pk, later[2].pk]
    assert item["dates"][0] == {
        "id": later[1].pk,
        "starts_on": later[1].starts_on.isoformat(),
        "ends_on": later[1].ends_on.isoformat(),
        "gmina": {"teryt": "1262011", "name": later[1].gmina.name},
        "free_places": later[1].free_places,
    }
    assert body["facets"]["category"] == [{"key": "driving", "label": category("driving").name, "count": 4}]

    # A filter keeps only the dates it matches: the service stays one item with fewer dates.
    body = client.get(URL, {"q": "prawo jazdy kategorii C", "powiat": "1261"}).json()
    (item,) = body["items"]
    assert (item["id"], item["dates_count"]) == (first.pk, 3)
    assert [date["id"] for date in item["dates"]] == [later[0].pk, later[2].pk]


def test_the_openapi_schema_documents_the_dates(client):
    document = client.get("/api/v1/openapi.json").json()
    item = document["components"]["schemas"]["ServiceItemOut"]
    assert "dates" in item["properties"]
    assert "dates_count" in item["properties"]
    assert "same title and delivery form" in item["properties"]["dates_count"]["description"]
    assert "ServiceDateOut" in document["components"]["schemas"]
