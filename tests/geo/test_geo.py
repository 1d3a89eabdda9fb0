import csv
import math
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from ninja.testing import TestClient

import kierunek.geo
from kierunek.core.collation import polish_sorted
from kierunek.geo import selectors
from kierunek.geo.api import router
from kierunek.geo.domain import EARTH_RADIUS_KM, distance_km, is_gmina_teryt, is_powiat_teryt, search_key
from kierunek.geo.models import Gmina, GminaKind, Powiat

KRAKOW = "1261011"
NOWY_SACZ = "1262011"
TARNOW = "1263011"
BOCHNIA_URBAN = "1201011"
BOCHNIA_RURAL = "1201022"

DATA_DIR = Path(kierunek.geo.__file__).resolve().parent / "data"

latitudes = st.floats(min_value=-90, max_value=90, allow_nan=False)
longitudes = st.floats(min_value=-180, max_value=180, allow_nan=False)


def csv_rows(filename: str) -> list[dict[str, str]]:
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as csv_file:
        return list(csv.DictReader(csv_file))


def csv_distance(from_teryt: str, to_teryt: str) -> float:
    coords = {
        row["teryt"]: (float(row["lat"]), float(row["lon"])) for row in csv_rows("malopolska_gminy.csv")
    }
    return distance_km(*coords[from_teryt], *coords[to_teryt])


# --- domain: pure rules ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("point_a", "point_b", "km"),
    [
        ((0.0, 0.0), (0.0, 1.0), 2 * math.pi * EARTH_RADIUS_KM / 360),  # one degree on the equator
        ((0.0, 0.0), (90.0, 0.0), math.pi * EARTH_RADIUS_KM / 2),  # equator to pole
        ((0.0, 0.0), (0.0, 180.0), math.pi * EARTH_RADIUS_KM),  # antipodes
        ((50.0614, 19.9366), (52.2297, 21.0122), 252.0),  # Kraków - Warsaw, about 252 km
    ],
)
def test_distance_km_known_values(point_a, point_b, km):
    assert distance_km(*point_a, *point_b) == pytest.approx(km, rel=0.005)


@given(latitudes, longitudes, latitudes, longitudes)
def test_distance_is_symmetric_and_bounded(lat1, lon1, lat2, lon2):
    there = distance_km(lat1, lon1, lat2, lon2)
    back = distance_km(lat2, lon2, lat1, lon1)
    assert math.isclose(there, back, rel_tol=1e-9, abs_tol=1e-6)
    assert 0 <= there <= math.pi * EARTH_RADIUS_KM + 1e-6


@given(latitudes, longitudes)
def test_distance_to_itself_is_zero(lat, lon):
    assert distance_km(lat, lon, lat, lon) == 0


@given(latitudes, longitudes, latitudes, longitudes, latitudes, longitudes)
def test_distance_obeys_the_triangle_inequality(lat1, lon1, lat2, lon2, lat3, lon3):
    direct = distance_km(lat1, lon1, lat3, lon3)
    via = distance_km(lat1, lon1, lat2, lon2) + distance_km(lat2, lon2, lat3, lon3)
    assert direct <= via + 1e-6


@pytest.mark.parametrize(
    ("code", "powiat", "gmina"),
    [
        ("1261", True, False),
        ("1201", True, False),
        ("1261011", False, True),
        ("1201022", False, True),
        ("1216093", False, True),
        ("1261014", False, False),  # kind digit 4 does not exist
        ("1461011", False, False),  # another voivodeship
        ("126101", False, False),
        ("12610111", False, False),
        ("12a1", False, False),
        ("", False, False),
        ("1261011\n", False, False),
    ],
)
def test_teryt_formats(code, powiat, gmina):
    assert is_powiat_teryt(code) is powiat
    assert is_gmina_teryt(code) is gmina


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Nowy Sącz", "nowy sacz"),
        ("  NOWY   sacz ", "nowy sacz"),
        ("Łapanów", "lapanow"),
        ("ŻÓŁW źrebię", "zolw zrebie"),
        ("Igołomia-Wawrzeńczyce", "igolomia-wawrzenczyce"),
    ],
)
def test_search_key(text, key):
    assert search_key(text) == key


# --- the register after migrations -----------------------------------------------------------


@pytest.mark.django_db
def test_migrations_load_the_whole_register():
    assert Powiat.objects.count() == 22
    assert Gmina.objects.count() == 182
    assert Powiat.objects.filter(is_city=True).count() == 3
    assert set(Powiat.objects.filter(is_city=True).values_list("name", flat=True)) == {
        "Kraków",
        "Nowy Sącz",
        "Tarnów",
    }
    assert {kind: Gmina.objects.filter(kind=kind).count() for kind in GminaKind.values} == {
        "miejska": 14,
        "wiejska": 118,
        "miejsko-wiejska": 50,
    }


@pytest.mark.django_db
def test_database_matches_the_csv_files():
    in_db = {
        gmina.teryt: (gmina.name, gmina.kind, gmina.powiat.teryt, gmina.lat, gmina.lon, gmina.coord_source)
        for gmina in Gmina.objects.select_related("powiat")
    }
    in_csv = {
        row["teryt"]: (
            row["name"],
            row["kind"],
            row["powiat_teryt"],
            float(row["lat"]),
            float(row["lon"]),
            row["coord_source"],
        )
        for row in csv_rows("malopolska_gminy.csv")
    }
    assert in_db == in_csv


@pytest.mark.django_db
def test_every_gmina_code_starts_with_its_powiat_code_and_ends_with_its_kind():
    kind_digit = {"miejska": "1", "wiejska": "2", "miejsko-wiejska": "3"}
    for gmina in Gmina.objects.select_related("powiat"):
        assert gmina.teryt.startswith(gmina.powiat.teryt), gmina.teryt
        assert gmina.teryt[-1] == kind_digit[gmina.kind], gmina.teryt
        assert is_gmina_teryt(gmina.teryt)
    assert all(is_powiat_teryt(teryt) for teryt in Powiat.objects.values_list("teryt", flat=True))


@pytest.mark.django_db
def test_every_powiat_has_gminas():
    assert not Powiat.objects.filter(gminas__isnull=True).exists()


@pytest.mark.django_db
def test_krakow():
    krakow = selectors.gmina_get(teryt=KRAKOW)
    assert krakow.name == "Kraków"
    assert krakow.kind == GminaKind.URBAN
    assert krakow.powiat.teryt == "1261"
    assert krakow.powiat.is_city


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("teryt", "label"),
    [
        (BOCHNIA_URBAN, "Bochnia (urban gmina, powiat bocheński)"),
        (BOCHNIA_RURAL, "Bochnia (rural gmina, powiat bocheński)"),
        ("1204012", "Bolesław (rural gmina, powiat dąbrowski)"),
        ("1212032", "Bolesław (rural gmina, powiat olkuski)"),
        ("1201063", "Nowy Wiśnicz (urban-rural gmina, powiat bocheński)"),
        (KRAKOW, "Kraków (urban gmina)"),
        (TARNOW, "Tarnów (urban gmina)"),
        ("1216092", "Tarnów (rural gmina, powiat tarnowski)"),
    ],
)
def test_str_tells_apart_gminas_of_the_same_name(teryt, label):
    with translation.override("en"):
        assert str(selectors.gmina_get(teryt=teryt)) == label


@pytest.mark.django_db
def test_every_gmina_label_is_unique():
    with translation.override("en"):
        labels = [str(gmina) for gmina in selectors.gmina_list()]
    assert len(labels) == len(set(labels)) == 182


@pytest.mark.django_db
def test_powiat_str():
    with translation.override("en"):
        assert str(Powiat.objects.get(teryt="1201")) == "powiat bocheński"
        assert str(Powiat.objects.get(teryt="1261")) == "Kraków"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [
        {"lat": 19.9},  # latitude and longitude swapped
        {"lon": 50.1},
        {"lat": 91.0},
        {"teryt": "1461011"},  # another voivodeship
        {"teryt": "126101"},
        {"teryt": "1261012"},  # kind digit says rural, kind says urban
        {"kind": GminaKind.RURAL},
        {"name": ""},
        {"coord_source": "guess"},
    ],
)
def test_database_constraints_refuse_bad_gminas(changes):
    """Given the Kraków row, when a constraint-breaking value is written past the ORM's
    validation, then the database refuses it and the row is unchanged."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Gmina.objects.filter(teryt=KRAKOW).update(**changes)
    krakow = Gmina.objects.get(teryt=KRAKOW)
    assert (krakow.lat, krakow.lon, krakow.kind, krakow.name) == (50.0726, 19.9325, "miejska", "Kraków")


@pytest.mark.django_db
def test_powiat_cannot_be_deleted_while_it_has_gminas():
    with pytest.raises(ProtectedError):
        Powiat.objects.get(teryt="1201").delete()
    assert (
        Gmina.objects.filter(powiat__teryt="1201").count()
        == Gmina.objects.filter(teryt__startswith="1201").count()
    )


# --- selectors -------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("from_teryt", "to_teryt", "low", "high"),
    [
        (KRAKOW, TARNOW, 72, 80),
        (KRAKOW, NOWY_SACZ, 70, 80),
        (TARNOW, NOWY_SACZ, 40, 55),
    ],
)
def test_distances_between_cities(from_teryt, to_teryt, low, high):
    km = selectors.gmina_distance_km(from_teryt=from_teryt, to_teryt=to_teryt)
    assert low <= km <= high
    assert km == pytest.approx(csv_distance(from_teryt, to_teryt))
    assert selectors.gmina_distance_km(from_teryt=to_teryt, to_teryt=from_teryt) == pytest.approx(km)


@pytest.mark.django_db
def test_distance_to_itself_and_to_a_gmina_sharing_the_seat():
    assert selectors.gmina_distance_km(from_teryt=KRAKOW, to_teryt=KRAKOW) == 0
    assert selectors.gmina_distance_km(from_teryt=BOCHNIA_URBAN, to_teryt=BOCHNIA_RURAL) == 0


@pytest.mark.django_db
def test_unknown_codes_raise_does_not_exist():
    with pytest.raises(Gmina.DoesNotExist):
        selectors.gmina_get(teryt="1299991")
    with pytest.raises(Gmina.DoesNotExist):
        selectors.gmina_distance_km(from_teryt=KRAKOW, to_teryt="1299991")
    with pytest.raises(Gmina.DoesNotExist):
        selectors.gminas_within(teryt="1299991", radius_km=10)


@pytest.mark.django_db
def test_gminas_within_is_sorted_by_distance_and_respects_the_radius():
    within = selectors.gminas_within(teryt=BOCHNIA_URBAN, radius_km=20)
    distances = [km for _, km in within]
    assert distances == sorted(distances)
    assert all(km <= 20 for km in distances)
    # Both Bochnias share a seat: both come first, at 0 km, by name then code.
    assert [(gmina.teryt, km) for gmina, km in within[:2]] == [(BOCHNIA_URBAN, 0.0), (BOCHNIA_RURAL, 0.0)]
    # Nothing outside the result is within the radius.
    inside = {gmina.teryt for gmina, _ in within}
    origin = Gmina.objects.get(teryt=BOCHNIA_URBAN)
    for gmina in Gmina.objects.exclude(teryt__in=inside):
        assert distance_km(origin.lat, origin.lon, gmina.lat, gmina.lon) > 20


@pytest.mark.django_db
def test_gminas_within_grows_with_the_radius():
    counts = [
        len(selectors.gminas_within(teryt=KRAKOW, radius_km=radius)) for radius in (0, 10, 30, 100, 400)
    ]
    assert counts == sorted(counts)
    assert counts[0] == 1  # only Kraków itself
    assert counts[-1] == 182  # Małopolska is less than 400 km across


@pytest.mark.django_db
def test_gminas_within_refuses_a_negative_radius():
    with pytest.raises(ValueError, match="radius_km"):
        selectors.gminas_within(teryt=KRAKOW, radius_km=-1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("powiat", "q", "expected"),
    [
        ("1201", None, 9),
        ("1261", None, 1),
        ("1299", None, 0),
        (None, "bochnia", 2),
        (None, "BOCH", 2),
        (None, "sacz", 2),  # Nowy Sącz and Stary Sącz, without the diacritic
        (None, "łapanów", 1),
        (None, "LAPANOW", 1),
        (None, "bolesław", 2),
        ("1212", "bolesław", 1),
        (None, "no such place", 0),
        (None, "", 182),
        (None, "   ", 182),
    ],
)
def test_gmina_list_filters(powiat, q, expected):
    gminas = list(selectors.gmina_list(powiat_teryt=powiat, q=q))
    assert len(gminas) == expected
    assert gminas == polish_sorted(gminas, key=lambda g: (g.name, g.teryt))


@pytest.mark.django_db
def test_gmina_list_is_in_polish_alphabetical_order():
    """Dąbrowa before Drwinia, Ł after L (a code-point order puts Ł after Z, and Dąbrowa after
    Dobczyce)."""
    names = [gmina.name for gmina in selectors.gmina_list()]
    assert names.index("Dąbrowa Tarnowska") < names.index("Dobczyce") < names.index("Drwinia")
    assert names.index("Lanckorona") < names.index("Lipnica Murowana") < names.index("Łapanów")
    assert names.index("Łapanów") < names.index("Łącko") < names.index("Łukowica")
    assert names.index("Łukowica") < names.index("Maków Podhalański")
    assert names.index("Zielonki") < names.index("Żabno")


@pytest.mark.django_db
def test_gmina_list_selects_the_powiat(django_assert_num_queries):
    with django_assert_num_queries(1), translation.override("en"):
        labels = [str(gmina) for gmina in selectors.gmina_list()]
    assert len(labels) == 182


# --- API -------------------------------------------------------------------------------------


@pytest.fixture
def api_client():
    return TestClient(router)


@pytest.mark.django_db
def test_api_gmina_detail(api_client):
    with translation.override("en"):
        response = api_client.get(f"/gminas/{KRAKOW}")
    assert response.status_code == 200
    assert response.json() == {
        "teryt": KRAKOW,
        "name": "Kraków",
        "label": "Kraków (urban gmina)",
        "kind": "miejska",
        "kind_label": "urban",
        "powiat": {"teryt": "1261", "name": "Kraków", "is_city": True},
        "lat": 50.0726,
        "lon": 19.9325,
        "coord_source": "seat",
    }


@pytest.mark.django_db
def test_api_unknown_gmina_is_404_with_a_message(api_client):
    with translation.override("en"):
        response = api_client.get("/gminas/1299991")
    assert response.status_code == 404
    assert response.json() == {"detail": "No gmina has the TERYT code 1299991."}


@pytest.mark.django_db
@pytest.mark.parametrize("teryt", ["abc", "126101", "12610111", "1461011", "1261019"])
def test_api_malformed_gmina_code_is_422(api_client, teryt):
    with translation.override("en"):
        response = api_client.get(f"/gminas/{teryt}")
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["path", "teryt"]
    assert "7 digits" in error["msg"]


@pytest.mark.django_db
def test_api_gmina_list(api_client):
    response = api_client.get("/gminas")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 182
    assert body[0]["name"] <= body[-1]["name"]
    assert {gmina["teryt"] for gmina in body} == set(Gmina.objects.values_list("teryt", flat=True))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "teryts"),
    [
        ("?powiat=1201&q=bochnia", [BOCHNIA_URBAN, BOCHNIA_RURAL]),
        ("?q=sacz", [NOWY_SACZ, "1210163"]),
        ("?powiat=1263", [TARNOW]),
        ("?q=krak%C3%B3w", [KRAKOW]),
        ("?q=nothing", []),
    ],
)
def test_api_gmina_list_filters(api_client, query, teryts):
    response = api_client.get(f"/gminas{query}")
    assert response.status_code == 200
    assert [gmina["teryt"] for gmina in response.json()] == teryts


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?powiat=12011", "?powiat=abcd", "?powiat=1461", f"?q={'x' * 101}"])
def test_api_gmina_list_refuses_malformed_filters(api_client, query):
    response = api_client.get(f"/gminas{query}")
    assert response.status_code == 422


@pytest.mark.django_db
def test_api_distance(api_client):
    response = api_client.get(f"/distance?from_teryt={KRAKOW}&to_teryt={TARNOW}")
    assert response.status_code == 200
    km = response.json()["km"]
    assert 72 <= km <= 80
    assert km == round(csv_distance(KRAKOW, TARNOW), 1)
    back = api_client.get(f"/distance?from_teryt={TARNOW}&to_teryt={KRAKOW}").json()["km"]
    assert back == km
    assert api_client.get(f"/distance?from_teryt={KRAKOW}&to_teryt={KRAKOW}").json() == {"km": 0.0}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "status", "unknown"),
    [
        (f"?from_teryt=1299991&to_teryt={KRAKOW}", 404, "1299991"),
        (f"?from_teryt={KRAKOW}&to_teryt=1299992", 404, "1299992"),
        (f"?from_teryt={KRAKOW}", 422, None),
        (f"?from_teryt={KRAKOW}&to_teryt=12", 422, None),
        ("", 422, None),
    ],
)
def test_api_distance_errors(api_client, query, status, unknown):
    with translation.override("en"):
        response = api_client.get(f"/distance{query}")
    assert response.status_code == status
    if unknown:
        assert response.json() == {"detail": f"No gmina has the TERYT code {unknown}."}


def test_router_is_public():
    assert router.auth is None
