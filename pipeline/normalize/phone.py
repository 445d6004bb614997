"""Phones: NANP text to E.164 with phonenumbers (ITU-T E.164)."""
from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber, geocoder

from pipeline.records import SourceRef, Value
from pipeline.reference import place_state

TOLL_FREE = "toll_free"
GEOGRAPHIC = "geographic"

# Region codes phonenumbers gives to NANP places that are not states.
_TERRITORY_REGIONS = {"GU": "GU", "PR": "PR", "VI": "VI", "AS": "AS", "MP": "MP"}
# The way the sources write a NANP number: "(334) 517-2660", "334-517-2660",
# "334.517.2660", "+1 334 517 2660". Anything else (an extension, letters)
# goes through phonenumbers.parse.
_PLAIN_NANP = re.compile(r"\s*(?:\+?1[\s.\-]?)?\(?([2-9]\d{2})\)?[\s.\-]*(\d{3})[\s.\-]*(\d{4})\s*")

# Area codes never cross a state or territory line (NANP administration), so
# the region phonenumbers assigns and the state its geocoder names are looked
# up once per area code; each number is still validated in full against its
# region's metadata.
_REGION_BY_AREA: dict[str, str] = {}
_PLACE_BY_AREA: dict[str, str] = {}


def _parse(text: str) -> PhoneNumber:
    m = _PLAIN_NANP.fullmatch(text)
    if m:
        return PhoneNumber(country_code=1, national_number=int("".join(m.groups())))
    return phonenumbers.parse(text, "US")


def _region(number: PhoneNumber, area: str) -> str:
    region = _REGION_BY_AREA.get(area)
    if region is None:
        region = phonenumbers.region_code_for_number(number) or ""
        if region:
            _REGION_BY_AREA[area] = region
    return region


def _matches(desc, national: str) -> bool:
    return bool(desc and desc.national_number_pattern and re.fullmatch(desc.national_number_pattern, national))


def normalize_phone(text: str, ref: SourceRef | None = None, label: str = "") -> Value:
    """E.164 form of a NANP phone number, its type and its area code's place.

    Lenient: a number phonenumbers cannot parse, or that is not a valid NANP
    number, comes back with value "" and a reason, its text kept. An extension
    ("x123", "ext. 4") has no place in E.164: it is kept in the reason.
    """
    try:
        number = _parse(text)
    except phonenumbers.NumberParseException as exc:
        return Value("", text, ref, reason=f"not a phone number ({exc._msg})", label=label)
    if number.country_code != 1:
        region = phonenumbers.region_code_for_number(number) or "unknown"
        return Value("", text, ref, reason=f"a number of region {region}, not of the United States", label=label)
    national = str(number.national_number)
    area = national[:3]
    region = _region(number, area)
    if not region or not phonenumbers.is_valid_number_for_region(number, region):
        return Value("", text, ref, reason="not a valid NANP number", label=label)
    if region not in ("US", *_TERRITORY_REGIONS):
        return Value("", text, ref, reason=f"a number of region {region}, not of the United States", label=label)
    kind = TOLL_FREE if _matches(PhoneMetadata.metadata_for_region(region).toll_free, national) else GEOGRAPHIC
    place = ""
    if kind == GEOGRAPHIC:
        place = _TERRITORY_REGIONS.get(region) or _PLACE_BY_AREA.get(area, "")
        if not place:
            place = place_state(geocoder.description_for_number(number, "en"))
            if place:
                _PLACE_BY_AREA[area] = place
    reason = f"extension {number.extension} is not part of E.164" if number.extension else ""
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Value(e164, text, ref, reason=reason, label=label, kind=kind, place=place)


def area_code(e164: str) -> str:
    """The NANP area code of an E.164 number ("+18067065535" -> "806")."""
    return e164[2:5] if e164.startswith("+1") and len(e164) == 12 else ""
