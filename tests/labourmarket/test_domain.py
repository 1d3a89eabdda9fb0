from decimal import Decimal

import pytest

from kierunek.geo.boundaries import powiat_boundaries
from kierunek.geo.projection import frame_fit, svg_path
from kierunek.labourmarket.domain import (
    Balance,
    balance_parse,
    count_parse,
    powiat_slug,
    rate_parse,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12345", 12345),
        ("12 345", 12345),
        ("12\u00a0345", 12345),
        ("0", 0),
        ("-3", None),
        ("1,5", None),
        ("", None),
        ("abc", None),
    ],
)
def test_count_parse(text, value):
    assert count_parse(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5,4", Decimal("5.4")),
        ("5.4", Decimal("5.4")),
        ("12", Decimal("12")),
        ("7,1%", Decimal("7.1")),
        ("100", Decimal("100")),
        ("100,1", None),
        ("5,45", None),
        ("-1", None),
        ("", None),
    ],
)
def test_rate_parse(text, value):
    assert rate_parse(text) == value


@pytest.mark.parametrize(
    ("word", "balance"),
    [
        ("deficytowy", Balance.SHORTAGE),
        ("zrownowazony", Balance.BALANCED),
        ("nadwyzkowy", Balance.SURPLUS),
        ("surplus", Balance.SURPLUS),
        ("brak", None),
    ],
)
def test_balance_parse(word, balance):
    assert balance_parse(word) == balance


def test_slugs_of_the_city_and_the_land_powiat_around_it_differ():
    assert powiat_slug("krakow") == "krakow"
    assert powiat_slug("krakowski") == "krakowski"
    assert powiat_slug("nowy sacz") == "nowy-sacz"


def test_the_map_frame_keeps_every_powiat_inside_the_drawing():
    boundaries = powiat_boundaries()
    assert len(boundaries) == 22
    frame = frame_fit(
        point for polygons in boundaries.values() for polygon in polygons for point in polygon[0]
    )
    for polygons in boundaries.values():
        for polygon in polygons:
            for lon, lat in polygon[0]:
                x, y = frame.project(lon, lat)
                assert 0 <= x <= frame.width
                assert 0 <= y <= frame.height
    # West is left and north is up: Oświęcim (west) left of Gorlice (east), Miechów (north) above Zakopane.
    assert frame.project(19.2, 50.0)[0] < frame.project(21.2, 49.6)[0]
    assert frame.project(20.0, 50.4)[1] < frame.project(19.95, 49.3)[1]


def test_a_path_has_one_closed_subpath_per_ring():
    frame = frame_fit([(19.0, 49.0), (21.0, 50.5)])
    square = [[(19.0, 49.0), (20.0, 49.0), (20.0, 50.0), (19.0, 50.0), (19.0, 49.0)]]
    path = svg_path(frame, [square, square])
    assert path.count("M") == 2
    assert path.count("Z") == 2
