"""The rules over live checks (pipeline/check/live.py), on a real center
given made-up checks: which result gives which code, what is suggested, and
when a check is stale. Cost: a few milliseconds (the build is the session's)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pipeline.check.live import STALE_AFTER, email, website
from pipeline.records import LiveCheck

AS_OF = date(2026, 11, 24)


@pytest.fixture(scope="module")
def center(real_build):
    b, _ = real_build
    return next(c for c in b.dataset.centers if c.id == "alabama-fusion-center")


def site(result: str, *, checked: str = "2026-12-04", final: str = "", status: int | None = None,
         detail: str = "", suggest: str = "") -> LiveCheck:
    return LiveCheck("http://fusion.alabama.gov", result, checked, "verification/run.jsonl", 7, '{"check": ...}',
                     status, final, detail, suggest)


@pytest.mark.parametrize("result, code", [
    ("no-answer", "WEBSITE_NO_ANSWER"), ("http-error", "WEBSITE_HTTP_ERROR"),
    ("redirect-loop", "WEBSITE_REDIRECT_BROKEN"), ("bad-redirect", "WEBSITE_REDIRECT_BROKEN"),
    ("moved-away", "WEBSITE_MOVED_AWAY"), ("bad-certificate", "WEBSITE_BAD_CERTIFICATE"),
    ("plain-http-only", "WEBSITE_PLAIN_HTTP_ONLY"), ("ok", None),
])
def test_each_website_result_has_its_code(center, result, code):
    found = list(website(replace(center, website_check=site(result)), AS_OF))
    assert [f.code for f in found] == ([code] if code else [])
    for f in found:
        assert (f.field, f.source, f.line, f.evidence) == ("website", "verification/run.jsonl", 7, '{"check": ...}')
        assert "2026-12-04" in f.message


def test_an_ok_redirect_on_the_same_site_is_suggested(center):
    check = site("ok", final="https://fusion.alabama.gov/home", suggest="https://fusion.alabama.gov/home")
    (f,) = website(replace(center, website_check=check), AS_OF)
    assert (f.code, f.suggestion) == ("WEBSITE_REDIRECTS", "Publish https://fusion.alabama.gov/home.")


def test_a_trailing_slash_is_no_redirect_worth_a_finding(center):
    check = site("ok", final="http://fusion.alabama.gov/", suggest="http://fusion.alabama.gov/")
    assert list(website(replace(center, website_check=check), AS_OF)) == []


@pytest.mark.parametrize("suggest, starts", [("", "Not suggested"), ("https://www.alabama.gov/", "Publish")])
def test_moved_away_is_suggested_only_when_attach_allowed_it(center, suggest, starts):
    check = site("moved-away", final="https://www.alabama.gov/", status=200, suggest=suggest)
    (f,) = website(replace(center, website_check=check), AS_OF)
    assert f.suggestion.startswith(starts) and "https://www.alabama.gov/" in f.message


@pytest.mark.parametrize("result, code", [("null-mx", "EMAIL_DOMAIN_NO_MAIL"), ("no-mail", "EMAIL_DOMAIN_NO_MAIL"),
                                          ("nxdomain", "EMAIL_DOMAIN_NO_MAIL"), ("mx", None),
                                          ("implicit-mx", None), ("dns-error", None)])
def test_each_mail_result(center, result, code):
    check = LiveCheck("fusioncenter@alacop.gov", result, "2026-12-04", "verification/run.jsonl", 60, "{}")
    assert [f.code for f in email(replace(center, email_check=check), AS_OF)] == ([code] if code else [])


@pytest.mark.parametrize("days_before, stale", [(0, False), (STALE_AFTER.days, False), (STALE_AFTER.days + 1, True)])
def test_stale_after_the_named_age(center, days_before, stale):
    checked = date.fromordinal(AS_OF.toordinal() - days_before).isoformat()
    (f,) = website(replace(center, website_check=site("no-answer", checked=checked)), AS_OF)
    assert ("The check is stale" in f.message) == stale
