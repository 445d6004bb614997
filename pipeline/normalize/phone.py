"""Phones: NANP text to E.164 with phonenumbers (ITU-T E.164)."""
from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneMetadata, geocoder

from pipeline.records import Parsed, PhoneType
from pipeline.reference import place_state

# Region codes phonenumbers gives to NANP places that are not states.
_TERRITORY_REGIONS = {"GU": "GU", "PR": "PR", "VI": "VI", "AS": "AS", "MP": "MP"}


def _matches(desc, national: str) -> bool:
    return bool(desc and desc.national_number_pattern and re.fullmatch(desc.national_number_pattern, national))


def _invalid(problem: str, **more: str) -> Parsed:
    """A phone that could not be read: no value, and the issue PHONE_INVALID with
    its `problem` (a key of the code's words in `pipeline.codes`)."""
    return Parsed("", "PHONE_INVALID", (("problem", problem), *more.items()))


def normalize_phone(text: str) -> Parsed:
    """E.164 form of a NANP phone number, its type, its area code's place and its extension.

    Lenient: a number phonenumbers cannot parse, or that is not a valid
    U.S. number, comes back with value "" and the issue PHONE_INVALID and its
    problem ("unreadable", "foreign" with the region, "no_such_number"). An
    extension ("x123", "ext. 4") has no place in E.164: it is kept in
    `extension`, with the issue PHONE_EXTENSION.

    >>> normalize_phone("(334) 517-2660 x12").value, normalize_phone("(334) 517-2660 x12").extension
    ('+13345172660', '12')
    >>> normalize_phone("+44 20 7946 0958").details
    (('problem', 'foreign'), ('region', 'GB'))
    """
    try:
        number = phonenumbers.parse(text, "US")
    except phonenumbers.NumberParseException:
        return _invalid("unreadable")
    region = phonenumbers.region_code_for_number(number) or ""
    if number.country_code != 1 or (region and region not in ("US", *_TERRITORY_REGIONS)):
        return _invalid("foreign", region=region or "unknown")
    if not region or not phonenumbers.is_valid_number_for_region(number, region):
        return _invalid("no_such_number")
    national = str(number.national_number)
    toll_free = _matches(PhoneMetadata.metadata_for_region(region).toll_free, national)
    place = ""
    if not toll_free:
        place = _TERRITORY_REGIONS.get(region) or place_state(geocoder.description_for_number(number, "en"))
    extension = number.extension or ""
    return Parsed(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
                  "PHONE_EXTENSION" if extension else "", (("extension", extension),) if extension else (),
                  phone_type=PhoneType.TOLL_FREE if toll_free else PhoneType.GEOGRAPHIC, area_code_place=place,
                  extension=extension)
