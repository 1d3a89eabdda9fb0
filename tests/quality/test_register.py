"""The public register of quality-mark holders: page and API give the same entries."""

from datetime import date

import pytest
from django.utils import timezone

from kierunek.geo.models import Gmina
from kierunek.quality.models import CaseEvent, QualityMarkCase
from tests.providers.factories import ProviderFactory

pytestmark = pytest.mark.django_db


def granted_case(
    provider,
    *,
    state="granted",
    valid_from=date(2026, 1, 10),
    valid_until=date(2029, 1, 9),
    number="MSUES/2026/0001",
):
    case = QualityMarkCase.objects.create(
        provider=provider,
        state=state,
        created_by=provider.created_by,
        valid_from=valid_from,
        valid_until=valid_until,
        mark_number=number,
        decided_at=timezone.now(),
    )
    CaseEvent.objects.create(case=case, transition="grant", from_state="audit_reported", to_state="granted")
    if state != "granted":
        CaseEvent.objects.create(case=case, transition=state, from_state="granted", to_state=state)
    return case


@pytest.fixture
def register():
    krakow = ProviderFactory(legal_name="Akademia Językowa Wawel sp. z o.o.")
    tarnow = ProviderFactory(
        legal_name="Centrum Kształcenia Tarnów", gmina=Gmina.objects.get(teryt="1263011")
    )
    nowy_sacz = ProviderFactory(
        legal_name="Szkoła Kierowców Sądecka", gmina=Gmina.objects.get(teryt="1262011")
    )
    pending = ProviderFactory(legal_name="Instytut Bez Znaku")  # no granted case: not in the register
    granted_case(krakow)
    granted_case(tarnow, state="suspended", number="MSUES/2025/0002")
    granted_case(
        nowy_sacz,
        state="expired",
        valid_from=date(2022, 1, 1),
        valid_until=date(2024, 12, 31),
        number="MSUES/2022/0003",
    )
    QualityMarkCase.objects.create(provider=pending, state="audit", created_by=pending.created_by)
    return {"krakow": krakow, "tarnow": tarnow, "nowy_sacz": nowy_sacz, "pending": pending}


def test_the_page_lists_every_mark_ever_granted_with_validity_and_history(client, register):
    page = client.get("/rejestr-znaku-jakosci/").content.decode()
    assert "3 wpisy" in page or "3 entries" in page
    for key in ("krakow", "tarnow", "nowy_sacz"):
        assert register[key].legal_name in page
    assert "Instytut Bez Znaku" not in page
    assert "MSUES/2026/0001" in page
    assert "9 stycznia 2029" in page
    assert "zawieszony" in page  # the suspended mark says so


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "wawel"}, {"krakow"}),
        ({"nip": "nip_of:tarnow"}, {"tarnow"}),
        ({"gmina": "1262011"}, {"nowy_sacz"}),
        ({"state": "expired"}, {"nowy_sacz"}),
        ({"state": "granted"}, {"krakow"}),
        ({}, {"krakow", "tarnow", "nowy_sacz"}),
    ],
)
def test_page_and_api_filter_alike(client, register, params, expected):
    params = {
        k: (register[v.split(":")[1]].nip if str(v).startswith("nip_of:") else v) for k, v in params.items()
    }
    api = client.get("/api/v1/quality-register", params).json()
    assert {entry["provider"]["name"] for entry in api} == {register[key].legal_name for key in expected}
    page_params = dict(params)
    if "gmina" in page_params:
        page_params["gmina"] = Gmina.objects.get(teryt=page_params["gmina"]).pk
    page = client.get("/rejestr-znaku-jakosci/", page_params).content.decode()
    for key, provider in register.items():
        assert (provider.legal_name in page) == (key in expected), key


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("jezykowa", {"krakow"}),  # "Językowa" typed without diacritics
        ("JĘZYKOWA", {"krakow"}),
        ("ksztalcenia", {"tarnow"}),
        ("sadecka", {"nowy_sacz"}),
        ("szkoła kierowców", {"nowy_sacz"}),
        ("lodz", set()),
    ],
)
def test_the_name_search_ignores_case_and_diacritics(client, register, q, expected):
    api = client.get("/api/v1/quality-register", {"q": q}).json()
    assert {entry["provider"]["name"] for entry in api} == {register[key].legal_name for key in expected}
    page = client.get("/rejestr-znaku-jakosci/", {"q": q}).content.decode()
    for key, provider in register.items():
        assert (provider.legal_name in page) == (key in expected), key


def test_lodz_finds_lodz_written_with_diacritics(client):
    lodz = ProviderFactory(legal_name="Łódzka Szkoła Biznesu", short_name="ŁSB Łódź")
    granted_case(lodz)
    for q in ("lodz", "LODZ", "Łódź", "lsb"):
        names = [
            entry["provider"]["name"] for entry in client.get("/api/v1/quality-register", {"q": q}).json()
        ]
        assert names == ["Łódzka Szkoła Biznesu"], q


def test_the_register_is_in_polish_alphabetical_order(client):
    for number, name in enumerate(
        ("Żak Szkolenia", "Łukasz Nauka", "Lingwista", "Zawód", "Ćwiczenia", "Centrum")
    ):
        granted_case(ProviderFactory(legal_name=name), number=f"MSUES/2026/01{number:02d}")
    names = [entry["provider"]["name"] for entry in client.get("/api/v1/quality-register").json()]
    assert names == ["Centrum", "Ćwiczenia", "Lingwista", "Łukasz Nauka", "Zawód", "Żak Szkolenia"]
    page = client.get("/rejestr-znaku-jakosci/").content.decode()
    assert [page.index(name) for name in names] == sorted(page.index(name) for name in names)


def test_api_entry_shape(client, register):
    entry = next(e for e in client.get("/api/v1/quality-register", {"q": "Wawel"}).json())
    assert entry["state"] == "granted"
    assert entry["valid_until"] == "2029-01-09"
    assert entry["provider"]["gmina"] == {"teryt": "1261011", "name": "Kraków"}
    assert [event["state"] for event in entry["history"]] == ["granted"]


def test_api_rejects_bad_parameters_naming_them(client):
    response = client.get("/api/v1/quality-register", {"gmina": "12"})
    assert response.status_code == 422
    assert "gmina" in str(response.json())
    assert client.get("/api/v1/quality-register", {"state": "audit"}).status_code == 422
