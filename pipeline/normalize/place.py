"""Places: a location line "City, State [ZIP]" read by `pipeline.text.parse_place`,
and each part of it on its own (a reviewer's city, state or ZIP code), by the same rules."""
from __future__ import annotations

import re

from pipeline.records import SourceRef, Value
from pipeline.reference import state_code
from pipeline.text import is_city

_ZIP = re.compile(r"\d{5}(?:-\d{4})?")  # USPS ZIP or ZIP+4


def _city(text: str) -> tuple[str, str]:
    return (text, "") if is_city(text) else ("", "not a city name")


def _state(text: str) -> tuple[str, str]:
    code = state_code(text)
    return (code, "") if code else ("", "not a state or territory of USPS Publication 28")


def _zip(text: str) -> tuple[str, str]:
    # No ZIP code at all is a value: the location line need not carry one.
    return (text, "") if not text or _ZIP.fullmatch(text) else ("", "not a ZIP code (12345 or 12345-6789)")


# Each part of a place by the name `parse_place` gives it (and the registry of value fields).
_PARTS = {"city": _city, "state": _state, "zip": _zip}


def normalize_place_part(part: str, text: str, ref: SourceRef | None = None, label: str = "",
                         evidence: str = "") -> Value:
    """One part of a place ("city", "state" or "zip") as the location line's parser
    reads it: a state to its USPS code; a text that is no such part comes back
    unpublished with the issue LOCATION_MALFORMED and its `problem`."""
    value, problem = _PARTS[part](text)
    if problem:
        return Value("", text, ref, issue="LOCATION_MALFORMED", details=(("problem", problem),), label=label,
                     evidence=evidence)
    return Value(value, text, ref, label=label, evidence=evidence)
