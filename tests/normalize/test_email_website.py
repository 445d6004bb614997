import pytest

from pipeline.normalize.email import normalize_email
from pipeline.normalize.website import normalize_website


@pytest.mark.parametrize("text, expected", [
    ("STAC@CalEMA.ca.gov", "STAC@calema.ca.gov"),  # domain lower-cased, local part kept
    ("fusioncenter@alacop.gov", "fusioncenter@alacop.gov"),
    ("HRISC-Fusioncenter@houstonpolice.org", "HRISC-Fusioncenter@houstonpolice.org"),
])
def test_valid_emails(text, expected):
    v = normalize_email(text)
    assert (v.value, v.text, v.reason) == (expected, text, "")


@pytest.mark.parametrize("text", ["a@b", "no at sign", "two@@signs.org", "sp ace@x.org", ""])
def test_invalid_emails(text):
    v = normalize_email(text)
    assert v.value == "" and v.reason and v.text == text


@pytest.mark.parametrize("text, expected", [
    ("fusion.alabama.gov", "http://fusion.alabama.gov"),
    ("www.mbhhsr.org/", "http://www.mbhhsr.org/"),
    ("WiWATCH.org", "http://wiwatch.org"),
    ("www.vsp.state.va.us/FusionCenter", "http://www.vsp.state.va.us/FusionCenter"),  # path case kept
    ("https://Example.GOV/a?b=1", "https://example.gov/a?b=1"),
])
def test_websites_become_absolute(text, expected):
    v = normalize_website(text)
    assert (v.value, v.reason) == (expected, "")
    assert normalize_website(v.value).value == v.value  # idempotent


@pytest.mark.parametrize("text, reason_part", [
    ("www.oregonfusioncenter@doj.state.or.us", "email"),
    ("javascript:alert(1)", "javascript"),
    ("data:text/html,<b>x</b>", "data"),
    ("ftp://files.example.org", "ftp"),
    ("not a site", "spaces"),
    ("localhost", "not a domain"),
])
def test_rejected_websites(text, reason_part):
    v = normalize_website(text)
    assert v.value == "" and reason_part in v.reason and v.text == text
