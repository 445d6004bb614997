"""Rules over the live checks of a verification run (`pipeline.verify`).

A center carries the check of its published website and email domain
(`Center.website_check`, `Center.email_check`) when the build found a
verification run in raw/. Each finding cites the run's file and the check's
line, and says the check's date; a check older than `STALE_AFTER` before the
build's as-of date (the documents' date, never the run's) says it is stale.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from pipeline.codes import finding
from pipeline.fields import EMAIL, WEBSITE
from pipeline.records import Center, Dataset, Finding, LiveCheck, SourceRef
from pipeline.verify.results import RECEIVES_NO_MAIL  # EMAIL_DOMAIN_NO_MAIL's words say why, by result

# A check this much older than the sources is stale: a site can lapse or move
# within months, and DHS re-published the list about twice a year.
STALE_AFTER = timedelta(days=180)

# Website results (pipeline.verify.results) and the code each gives.
_SITE_CODES = {
    "no-answer": "WEBSITE_NO_ANSWER",
    "http-error": "WEBSITE_HTTP_ERROR",
    "redirect-loop": "WEBSITE_REDIRECT_BROKEN",
    "bad-redirect": "WEBSITE_REDIRECT_BROKEN",
    "moved-away": "WEBSITE_MOVED_AWAY",
    "bad-certificate": "WEBSITE_BAD_CERTIFICATE",
    "plain-http-only": "WEBSITE_PLAIN_HTTP_ONLY",
}


def _stale(check: LiveCheck, as_of: date) -> dict[str, object]:
    """How stale a check is, for the code's words: its age in days when it is
    older than STALE_AFTER before `as_of` (else ""), the date and the limit."""
    age = (as_of - date.fromisoformat(check.checked)).days
    return {"stale": str(age) if age > STALE_AFTER.days else "", "as_of": as_of.isoformat(),
            "stale_after": STALE_AFTER.days}


def _where(check: LiveCheck) -> dict[str, object]:
    """The finding's place: the check's line of the run file, and that line as evidence."""
    return {"ref": SourceRef(check.source, check.line), "evidence": check.evidence}


def website(c: Center, as_of: date) -> Iterator[Finding]:
    """What the check of the center's published website found."""
    check = c.website_check
    if check is None:
        return
    url = check.value
    words = dict(checked=check.checked, **_stale(check, as_of), detail=check.detail,
                 http_status=check.status, final=check.final_url, **_where(check))
    code = _SITE_CODES.get(check.result)
    if code == "WEBSITE_MOVED_AWAY" and check.suggest:
        yield finding(code, c, field=WEBSITE, value=url, advice="gov", suggest=check.suggest,
                      state=c.published("state"), **words)
    elif code:
        yield finding(code, c, field=WEBSITE, value=url, **words)
    elif check.suggest and check.suggest.rstrip("/") != url.rstrip("/"):
        # An ok answer stays on the registered domain (else it is moved-away): safe to suggest.
        yield finding("WEBSITE_REDIRECTS", c, field=WEBSITE, value=url, **words)


def email(c: Center, as_of: date) -> Iterator[Finding]:
    """What DNS said about the domain of the center's published email address."""
    check = c.email_check
    if check is None or check.result not in RECEIVES_NO_MAIL:
        return
    yield finding("EMAIL_DOMAIN_NO_MAIL", c, field=EMAIL, value=check.value,
                  domain=check.value.rpartition("@")[2], why=check.result,
                  checked=check.checked, **_stale(check, as_of), **_where(check))


def live_checks(ds: Dataset, as_of: date) -> Iterator[Finding]:
    """The findings of the verification run the build read, center by center."""
    for c in ds.centers:
        yield from website(c, as_of)
        yield from email(c, as_of)
