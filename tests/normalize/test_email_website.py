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
    assert (v.value, v.issue) == (expected, "")


@pytest.mark.parametrize("text", ["a@b", "no at sign", "two@@signs.org", "sp ace@x.org", ""])
def test_invalid_emails(text):
    v = normalize_email(text)
    assert (v.value, v.issue) == ("", "EMAIL_INVALID") and v.detail("problem")  # email-validator's reason


@pytest.mark.parametrize("text, scripts", [
    ("fusion@\u0430labama.gov", "Cyrillic and Latin"),  # Cyrillic a, then Latin
    ("fusion@alab\u0430ma.gov", "Latin and Cyrillic"),
    ("fusion@\u03bfhio.gov", "Greek and Latin"),  # Greek omicron for "o"
])
def test_mixed_script_domain_is_not_published(text, scripts):
    v = normalize_email(text)
    assert (v.value, v.issue, v.detail("scripts")) == ("", "EMAIL_MIXED_SCRIPT", scripts)


def test_one_script_domain_is_fine():
    assert normalize_email("info@\u043f\u0440\u0438\u043c\u0435\u0440.com").issue == ""


@pytest.mark.parametrize("text, expected", [
    ("fusion.alabama.gov", "http://fusion.alabama.gov"),
    ("www.mbhhsr.org/", "http://www.mbhhsr.org/"),
    ("WiWATCH.org", "http://wiwatch.org"),
    ("www.vsp.state.va.us/FusionCenter", "http://www.vsp.state.va.us/FusionCenter"),  # path case kept
    ("https://Example.GOV/a?b=1", "https://example.gov/a?b=1"),
])
def test_websites_become_absolute(text, expected):
    v = normalize_website(text)
    assert (v.value, v.issue) == (expected, "")
    assert normalize_website(v.value).value == v.value  # idempotent


@pytest.mark.parametrize("text, issue, details", [
    ("www.oregonfusioncenter@doj.state.or.us", "WEBSITE_INVALID", (("problem", "holds_email"),)),
    ("javascript:alert(1)", "WEBSITE_UNSAFE_SCHEME", (("scheme", "javascript"),)),
    ("data:text/html,<b>x</b>", "WEBSITE_UNSAFE_SCHEME", (("scheme", "data"),)),
    ("ftp://files.example.org", "WEBSITE_UNSAFE_SCHEME", (("scheme", "ftp"),)),
    ("not a site", "WEBSITE_INVALID", (("problem", "characters"),)),
    ("localhost", "WEBSITE_INVALID", (("problem", "host"), ("host", "localhost"))),
    ('http://evil.example/"><script>', "WEBSITE_INVALID", (("problem", "characters"),)),
    ("http://evil.example/a b", "WEBSITE_INVALID", (("problem", "characters"),)),
    ("http://evil.example/<x>", "WEBSITE_INVALID", (("problem", "characters"),)),
    ("http://evil.example/\x1b[31m", "WEBSITE_INVALID", (("problem", "characters"),)),
    ("http://" + "a" * 300 + ".org", "WEBSITE_INVALID", (("problem", "host"), ("host", "a" * 300 + ".org"))),
], ids=["email", "javascript", "data", "ftp", "spaces", "no-dot", "quote-and-tag", "space-in-path", "angle-brackets",
        "escape", "long-host"])
def test_rejected_websites(text, issue, details):
    v = normalize_website(text)
    assert (v.value, v.issue, v.details) == ("", issue, details)
