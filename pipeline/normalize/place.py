"""Places: a location line "City, State [ZIP]" read by `pipeline.text.parse_place`,
and each part of it on its own (a reviewer's city, state or ZIP code), by the same rules."""
from __future__ import annotations

import re

from pipeline.records import Parsed
from pipeline.reference import state_code
from pipeline.text import is_city, parse_place

_ZIP = re.compile(r"\d{5}(?:-\d{4})?")  # USPS ZIP or ZIP+4


def _malformed(problem: str) -> Parsed:
    """A text that is no such part: unpublished, with LOCATION_MALFORMED and its
    problem (a key of the code's words in `pipeline.codes`)."""
    return Parsed("", "LOCATION_MALFORMED", (("problem", problem),))


def normalize_city(text: str) -> Parsed:
    """A city as a location line writes it (letters, spaces, ".", "'", "-")."""
    return Parsed(text) if is_city(text) else _malformed("not_city")


def normalize_state(text: str) -> Parsed:
    """A state or territory, written out or as its code, to its USPS code (Publication 28)."""
    code = state_code(text)
    return Parsed(code) if code else _malformed("not_state")


def normalize_zip(text: str) -> Parsed:
    """A ZIP or ZIP+4 code; no ZIP code at all is a value: the location line need not carry one."""
    return Parsed(text) if not text or _ZIP.fullmatch(text) else _malformed("not_zip")


# The normalizer of each part of a place, by the name `parse_place` gives the
# part (which the registry of value fields gives its place fields).
PARTS = {"city": normalize_city, "state": normalize_state, "zip": normalize_zip}


def normalize_location(text: str) -> tuple[Parsed, dict[str, Parsed]]:
    """A location line "City, State [ZIP][, more]" as one value ("City, ST ZIP"),
    and each part it gives (by the part's name: "city", "state", "zip") as a
    value of its own; LOCATION_MALFORMED with the problem "form" and no parts
    when the line is not of that form, or "extra" with the parts after it."""
    place = parse_place(text)
    if place is None:
        return _malformed("form"), {}
    value = f"{place.city}, {place.state}" + (f" {place.zip}" if place.zip else "")
    parts = {part: Parsed(getattr(place, part)) for part in PARTS if getattr(place, part)}
    if place.extra:
        return Parsed(value, "LOCATION_MALFORMED", (("problem", "extra"), ("extra", ", ".join(place.extra)))), parts
    return Parsed(value), parts
