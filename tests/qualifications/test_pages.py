"""The register's public pages and API: the search page with its filters, a qualification's page
with its outcomes and the services leading to it; the same search in the API."""

import pytest

from kierunek.catalogue.models import CardStatus
from tests.catalogue.factories import ServiceCardFactory
from tests.pages import text

from .factories import outcome_sets, qualification

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    qualification(code="Q-1", name="Obsługa wózków jezdniowych", prk_level=3, demo=True)
    qualification(
        code="Q-2",
        name="Doradzanie klientom w sektorze bankowym",
        kind="sectoral",
        prk_level=5,
        outcome_sets=outcome_sets("Produkty bankowe", "Etyka"),
    )


def test_the_search_page_finds_inflected_words_without_diacritics(client, register):
    page = text(client.get("/kwalifikacje/", {"q": "wozkow"}))
    assert '<a href="/kwalifikacje/Q-1/">Obsługa wózków jezdniowych</a>' in page
    assert "/kwalifikacje/Q-2/" not in page


def test_the_search_page_filters_by_level_and_kind_and_keeps_them_selected(client, register):
    page = text(client.get("/kwalifikacje/", {"level": "5", "kind": "sectoral"}))
    assert "/kwalifikacje/Q-2/" in page
    assert "/kwalifikacje/Q-1/" not in page
    assert '<option value="5" selected>' in page
    assert '<option value="sectoral" selected>' in page


def test_a_bad_level_is_an_error_at_the_field(client, register):
    response = client.get("/kwalifikacje/", {"level": "12"})
    assert response.status_code == 200
    assert 'id="register-level-error"' in text(response)


def test_nothing_found_says_what_to_loosen(english, register):
    page = text(english.get("/kwalifikacje/", {"q": "astronauta"}))
    assert "No qualification matches" in page
    assert 'href="/kwalifikacje/"' in page


def test_the_qualification_page_shows_outcomes_criteria_and_the_services_leading_to_it(english, register):
    card = ServiceCardFactory(service_type="exam", qualification_code="Q-2", title="Egzamin bankowy")
    ServiceCardFactory(service_type="exam", qualification_code="Q-2", title="Szkic", status=CardStatus.DRAFT)
    page = text(english.get("/kwalifikacje/q-2/"))  # any case
    assert "<h1>Doradzanie klientom w sektorze bankowym</h1>" in page
    assert "ZE2. Etyka" in page
    assert "<li>ocenia wynik</li>" in page
    assert f'<a href="/uslugi/{card.pk}/">Egzamin bankowy</a>' in page
    assert "Szkic" not in page
    assert 'href="/uslugi/?kwalifikacja=Q-2"' in page
    assert "Centrum Walidacji w Krakowie" in page
    assert "Demo data" not in page


def test_a_demo_qualification_says_so(english, register):
    assert "Demo data:" in text(english.get("/kwalifikacje/Q-1/"))


def test_an_unknown_code_is_404(client):
    assert client.get("/kwalifikacje/NONE/").status_code == 404
    assert client.get("/api/v1/qualifications/NONE").status_code == 404


def test_the_api_searches_as_the_page_does(client, register):
    body = client.get("/api/v1/qualifications", {"q": "bankowy"}).json()
    assert body["count"] == 1
    assert body["items"][0]["code"] == "Q-2"
    assert body["items"][0]["services_url"] == "/api/v1/services?kwalifikacja=Q-2"
    assert [i["code"] for i in client.get("/api/v1/qualifications", {"level": "3"}).json()["items"]] == [
        "Q-1"
    ]
    assert [
        i["code"] for i in client.get("/api/v1/qualifications", {"kind": "sectoral"}).json()["items"]
    ] == ["Q-2"]
    bad = client.get("/api/v1/qualifications", {"level": "0"})
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["query", "level"]


def test_the_api_gives_a_qualification_with_its_outcome_sets(client, register):
    body = client.get("/api/v1/qualifications/Q-2").json()
    assert body["kind"] == "sectoral"
    assert body["prk_level"] == 5
    assert [s["code"] for s in body["outcome_sets"]] == ["ZE1", "ZE2"]
    assert body["outcome_sets"][0]["outcomes"][0] == {
        "code": "ZE1.1",
        "text": "Wykonuje zadania opisane w zestawie",
        "criteria": ["wykonuje zadanie", "ocenia wynik"],
    }
    assert body["certifying_institutions"] == ["Centrum Walidacji w Krakowie"]


def test_the_openapi_schema_documents_the_register(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"q", "level", "kind"} <= {p["name"] for p in paths["/api/v1/qualifications"]["get"]["parameters"]}
    assert "/api/v1/qualifications/{code}" in paths
    assert "kwalifikacja" in {p["name"] for p in paths["/api/v1/services"]["get"]["parameters"]}
