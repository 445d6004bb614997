import pytest

from pipeline.normalize.phone import normalize_phone
from pipeline.records import PhoneType
from pipeline.text import area_code


@pytest.mark.parametrize("text, e164, kind, place", [
    ("(334) 517-2660", "+13345172660", PhoneType.GEOGRAPHIC, "AL"),
    ("(866) 472-8477", "+18664728477", PhoneType.TOLL_FREE, ""),
    ("(803) 896-7133", "+18038967133", PhoneType.GEOGRAPHIC, "SC"),  # geocoder says "Columbia, SC"
    ("(806) 706-5535", "+18067065535", PhoneType.GEOGRAPHIC, "TX"),
    ("(916) 356-4467", "+19163564467", PhoneType.GEOGRAPHIC, "CA"),
    ("(202) 481-3075", "+12024813075", PhoneType.GEOGRAPHIC, "DC"),
    ("(787) 793-1234", "+17877931234", PhoneType.GEOGRAPHIC, "PR"),
    ("(340) 776-3013", "+13407763013", PhoneType.GEOGRAPHIC, "VI"),
    ("(671) 475-0100", "+16714750100", PhoneType.GEOGRAPHIC, "GU"),
    ("202.481.3075", "+12024813075", PhoneType.GEOGRAPHIC, "DC"),
    ("+1 800 367 2312", "+18003672312", PhoneType.TOLL_FREE, ""),
], ids=lambda v: str(v))
def test_valid_numbers(text, e164, kind, place):
    v = normalize_phone(text)
    assert (v.value, v.phone_type, v.area_code_place, v.issue, v.extension) == (e164, kind, place, "", "")


@pytest.mark.parametrize("text, details", [
    ("555-1234", (("problem", "no_such_number"),)),  # seven digits: no area code
    ("(123) 456-7890", (("problem", "no_such_number"),)),  # area codes never start with 1
    ("call us", (("problem", "unreadable"),)),
    ("", (("problem", "unreadable"),)),
    ("+1-800-EVIL", (("problem", "no_such_number"),)),  # letters are not read as digits of a valid number
    ("+44 20 7946 0958", (("problem", "foreign"), ("region", "GB"))),
], ids=["seven digits", "bad area code", "words", "empty", "letters", "foreign"])
def test_invalid_numbers_come_back_with_an_issue_code_and_details(text, details):
    v = normalize_phone(text)
    assert (v.value, v.issue, v.details) == ("", "PHONE_INVALID", details)


@pytest.mark.parametrize("text, ext", [("(334) 517-2660 x123", "123"), ("(334) 517-2660 ext. 4", "4"),
                                       ("(404) 486-6420 ext. 7", "7")])
def test_extension_is_kept_in_its_own_field(text, ext):
    v = normalize_phone(text)
    assert v.value.startswith("+1") and len(v.value) == 12
    assert (v.extension, v.issue, v.detail("extension")) == (ext, "PHONE_EXTENSION", ext)


def test_idempotent():
    first = normalize_phone("(334) 517-2660")
    assert normalize_phone(first.value).value == first.value


def test_area_code():
    assert area_code("+18067065535") == "806" and area_code("") == ""
