"""Phones: NANP text to E.164 with phonenumbers (ITU-T E.164)."""
from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumberType, geocoder

from pipeline.records import SourceRef, Value
from pipeline.reference import place_state

TOLL_FREE = "toll_free"
GEOGRAPHIC = "geographic"

# Region codes phonenumbers gives to NANP places that are not states.
_TERRITORY_REGIONS = {"GU": "GU", "PR": "PR", "VI": "VI", "AS": "AS", "MP": "MP"}


def normalize_phone(text: str, ref: SourceRef | None = None, label: str = "") -> Value:
    """E.164 form of a NANP phone number, its type and its area code's place.

    Lenient: a number phonenumbers cannot parse, or that is not a valid NANP
    number, comes back with value "" and a reason, its text kept. An extension
    ("x123", "ext. 4") has no place in E.164: it is kept in the reason.
    """
    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException as exc:
        return Value("", text, ref, reason=f"not a phone number ({exc._msg})", label=label)
    if not phonenumbers.is_valid_number(number):
        return Value("", text, ref, reason="not a valid NANP number", label=label)
    region = phonenumbers.region_code_for_number(number) or ""
    if region not in ("US", *_TERRITORY_REGIONS):
        return Value("", text, ref, reason=f"a number of region {region or 'unknown'}, not of the United States",
                     label=label)
    kind = TOLL_FREE if phonenumbers.number_type(number) == PhoneNumberType.TOLL_FREE else GEOGRAPHIC
    place = ""
    if kind == GEOGRAPHIC:
        place = _TERRITORY_REGIONS.get(region) or place_state(geocoder.description_for_number(number, "en"))
    reason = f"extension {number.extension} is not part of E.164" if number.extension else ""
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return Value(e164, text, ref, reason=reason, label=label, kind=kind, place=place)


def area_code(e164: str) -> str:
    """The NANP area code of an E.164 number ("+18067065535" -> "806")."""
    return e164[2:5] if e164.startswith("+1") and len(e164) == 12 else ""
