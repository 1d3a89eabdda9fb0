"""The catalogue's side: an exam card names a qualification of the register (the form offers the
register's choices, the code is checked through the catalogue's hook, in the form and the import),
the card page links to the qualification, and the catalogue's search and API filter by it."""

import pytest
from django.core.exceptions import ValidationError

from kierunek.catalogue import importexport as card_import
from kierunek.catalogue.hooks import qualification_register
from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.catalogue.services import card_qualification_link
from kierunek.core.actor import Actor
from tests.catalogue.factories import ServiceCardFactory
from tests.catalogue.test_card_form import CREATE, field_errors, form_data, polish
from tests.catalogue.test_import_export import row as card_row
from tests.pages import text
from tests.providers.factories import ProviderFactory, provider_staff_of

from .factories import qualification

pytestmark = pytest.mark.django_db

WRONG_TYPE = (
    "Only an exam, a training, a validation or a certification leads to a qualification of the register."
)
UNKNOWN = "The register of qualifications has no qualification with this code."


@pytest.fixture
def provider():
    return ProviderFactory()


@pytest.fixture
def provider_client(client, login_staff, provider):
    return login_staff(client, provider_staff_of(provider))


def test_the_hook_is_provided_by_the_register():
    assert qualification_register.provided
    assert qualification_register.link("NONE") is None


def test_the_card_form_offers_the_register_and_saves_an_exams_code(provider_client):
    qualification(code="Q-7", name="Obsługa wózków jezdniowych")
    page = text(provider_client.get(CREATE))
    assert '<option value="Q-7">Obsługa wózków jezdniowych (Q-7)</option>' in page

    response = provider_client.post(CREATE, form_data(service_type="exam", qualification_code="Q-7"))

    assert response.status_code == 302
    assert ServiceCard.objects.latest("pk").qualification_code == "Q-7"


def test_a_training_may_lead_to_a_qualification_as_in_the_national_register(provider_client):
    qualification(code="Q-7")
    response = provider_client.post(CREATE, form_data(service_type="training", qualification_code="Q-7"))
    assert response.status_code == 302
    assert ServiceCard.objects.latest("pk").qualification_code == "Q-7"


def test_an_advisory_service_names_no_qualification_of_the_register(provider_client):
    qualification(code="Q-7")
    response = provider_client.post(CREATE, form_data(service_type="advisory", qualification_code="Q-7"))
    assert response.status_code == 200
    assert polish(WRONG_TYPE) in field_errors(response, "qualification_code")
    assert not ServiceCard.objects.exists()


def test_the_import_checks_the_code_against_the_register(provider):
    qualification(code="Q-7")
    actor = Actor.of(provider_staff_of(provider))
    rows = [card_row(service_type="exam", qualification_code="Q-404", title="Egzamin A")]
    with pytest.raises(card_import.ImportRefused) as refused:
        card_import.cards_import_check(provider=provider, rows=rows)
    assert (1, "qualification_code") in {(e.row, e.column) for e in refused.value.errors}
    good = [card_row(service_type="exam", qualification_code="Q-7", title="Egzamin B")]
    cards = card_import.cards_import_write(
        provider=provider,
        cards=card_import.cards_import_check(provider=provider, rows=good),
        actor=actor,
        batch_size=10,
    )
    assert cards[0].qualification_code == "Q-7"
    assert "qualification_code" in card_import.cards_export_json(provider=provider)


def test_the_loading_service_refuses_an_unknown_code_and_another_type():
    card = ServiceCardFactory(service_type="exam")
    advisory = ServiceCardFactory(service_type="advisory")
    qualification(code="Q-7")
    with pytest.raises(ValidationError):
        card_qualification_link(card_id=card.pk, code="Q-404")
    with pytest.raises(ValidationError):
        card_qualification_link(card_id=advisory.pk, code="Q-7")
    card_qualification_link(card_id=card.pk, code="Q-7")
    card.refresh_from_db()
    assert card.qualification_code == "Q-7"


def test_the_card_page_links_to_the_qualification(client):
    qualification(code="Q-7", name="Obsługa wózków jezdniowych")
    card = ServiceCardFactory(service_type="exam", qualification_code="Q-7")
    page = text(client.get(f"/uslugi/{card.pk}/"))
    assert '<a href="/kwalifikacje/Q-7/">Obsługa wózków jezdniowych</a>' in page


@pytest.fixture
def linked_cards():
    qualification(code="Q-7")
    leading = [
        ServiceCardFactory(service_type="exam", qualification_code="Q-7", title=title)
        for title in ("Egzamin z obsługi wózków", "Egzamin z grafiki")
    ]
    ServiceCardFactory(service_type="exam", title="Egzamin bez kwalifikacji")
    ServiceCardFactory(service_type="exam", qualification_code="Q-7", status=CardStatus.DRAFT, title="Szkic")
    return leading


def test_the_catalogue_search_filters_by_qualification(client, linked_cards):
    page = text(client.get("/uslugi/", {"kwalifikacja": "Q-7"}))
    for card in linked_cards:
        assert f"/uslugi/{card.pk}/" in page
    assert "Egzamin bez kwalifikacji" not in page
    assert "Szkic" not in page
    assert 'name="kwalifikacja" value="Q-7"' in page  # the form keeps the filter


def test_the_services_api_filters_by_qualification(client, linked_cards):
    body = client.get("/api/v1/services", {"kwalifikacja": "q-7"}).json()
    assert sorted(item["id"] for item in body["items"]) == sorted(card.pk for card in linked_cards)
    assert client.get("/api/v1/services", {"kwalifikacja": "Q-7", "q": "grafika"}).json()["count"] == 1
    assert client.get("/api/v1/services", {"kwalifikacja": "NONE"}).json()["count"] == 0
    bad = client.get("/api/v1/services", {"kwalifikacja": "zły kod!"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["query", "kwalifikacja"]
    detail = client.get(f"/api/v1/services/{linked_cards[0].pk}").json()
    assert detail["qualification_code"] == "Q-7"


def test_a_search_that_finds_nothing_offers_to_loosen_the_qualification(client, linked_cards):
    body = client.get("/api/v1/services", {"kwalifikacja": "Q-7", "q": "bez kwalifikacji"}).json()
    assert {"filter": "qualification", "parameters": ["kwalifikacja"], "count": 1} in body["loosen"]
