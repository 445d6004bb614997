"""Phones: NANP text to E.164 with phonenumbers (ITU-T E.164)."""
from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneMetadata, geocoder

from pipeline.records import PhoneType, SourceRef, Value
from pipeline.reference import place_state

TOLL_FREE, GEOGRAPHIC = PhoneType.TOLL_FREE, PhoneType.GEOGRAPHIC

# Region codes phonenumbers gives to NANP places that are not states.
_TERRITORY_REGIONS = {"GU": "GU", "PR": "PR", "VI": "VI", "AS": "AS", "MP": "MP"}


def _matches(desc, national: str) -> bool:
    return bool(desc and desc.national_number_pattern and re.fullmatch(desc.national_number_pattern, national))


def normalize_phone(text: str, ref: SourceRef | None = None, label: str = "", evidence: str = "") -> Value:
    """E.164 form of a NANP phone number, its type, its area code's place and its extension.

    Lenient: a number phonenumbers cannot parse, or that is not a valid
    U.S. number, comes back with value "" and the issue PHONE_INVALID, its
    text kept. An extension ("x123", "ext. 4") has no place in E.164: it is
    kept in `extension`, with the issue PHONE_EXTENSION.
    """
    def invalid(problem: str) -> Value:
        return Value("", text, ref, issue="PHONE_INVALID", details=(("problem", problem),),
                     label=label, evidence=evidence)

    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        return invalid("phonenumbers cannot read it as a number")
    region = phonenumbers.region_code_for_number(number) or ""
    if number.country_code != 1 or (region and region not in ("US", *_TERRITORY_REGIONS)):
        return invalid(f"a number of region {region or 'unknown'}, not of the United States")
    if not region or not phonenumbers.is_valid_number_for_region(number, region):
        return invalid("no such NANP number")
    national = str(number.national_number)
    toll_free = _matches(PhoneMetadata.metadata_for_region(region).toll_free, national)
    place = ""
    if not toll_free:
        place = _TERRITORY_REGIONS.get(region) or place_state(geocoder.description_for_number(number, "en"))
    extension = number.extension or ""
    return Value(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), text, ref,
                 issue="PHONE_EXTENSION" if extension else "", details=(("extension", extension),) if extension else (),
                 label=label, phone_type=TOLL_FREE if toll_free else GEOGRAPHIC, area_code_place=place,
                 extension=extension, evidence=evidence)

