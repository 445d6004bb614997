"""How a verification run reaches the data: the build reads the newest run
in raw/ (offline, like any source) and gives each center the checks of its
published website and email address (`Center.website_check`,
`Center.email_check`); the rules (`pipeline.check.live`) and the exports read
them from there. No run in raw/: no center carries a check, and the check
columns are empty.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pipeline.fields import EMAIL, WEBSITE
from pipeline.records import Center, Dataset, LiveCheck
from pipeline.verify.record import Verification, read_verification
from pipeline.verify.results import MOVED_AWAY, NO_ANSWER, OK, PLAIN_HTTP_ONLY, SiteCheck

if TYPE_CHECKING:
    from pipeline.dotgov import DotGov
    from pipeline.sources import RawFile


def newest_verification(raw_files: list[RawFile]) -> Verification | None:
    """The newest run (by its start time, then file name) among the raw
    folder's verification inputs; None when there is none. Every run file is
    read, so a damaged one stops the build with its file and line."""
    runs = [read_verification(f.data, f.name, f.sha256) for f in raw_files if f.role == "verification"]
    return max(runs, key=lambda v: (v.run.started, v.file), default=None)


def _detail(check: SiteCheck) -> str:
    """Why a website's result is what it is, in the record's words."""
    if check.result == PLAIN_HTTP_ONLY and check.https_try is not None:
        check = check.https_try
    last = check.hops[-1]
    if last.error:
        return f"{last.error}: {last.detail}" if last.detail else last.error
    return ""


def _suggest(check: SiteCheck, center: Center, dotgov: DotGov | None) -> str:
    """The address a finding may propose: where the site now answers, when
    that stays on its registered domain, or is a .gov domain the registry
    places in the center's state; "" otherwise (a lapsed domain may now
    belong to anyone)."""
    if not check.final_url or check.final_url == check.url:
        return ""
    if check.result == OK:  # ok: the last answer is on the same registered domain
        return check.final_url
    if check.result == MOVED_AWAY and dotgov is not None and check.status is not None and check.status < 400:
        registrant = dotgov.lookup(urlsplit(check.final_url).hostname or "")
        state = center.published_text("state")
        if registrant is not None and state and registrant.place_state == state:
            return check.final_url
    return ""


def _website(center: Center, v: Verification, dotgov: DotGov | None) -> LiveCheck | None:
    published = center.published(WEBSITE)
    url = getattr(published, "value", published) or ""
    found = v.website(url) if url else None
    if found is None:
        return None
    check, line = found
    if check.result == NO_ANSWER and check.hops[-1].error == "run-deadline":
        return None  # not checked: the run ran out of time
    return LiveCheck(url, check.result, v.run.date, v.file, line, v.lines[line - 1], check.status,
                     check.final_url, _detail(check), _suggest(check, center, dotgov))


def _email(center: Center, v: Verification) -> LiveCheck | None:
    published = center.published(EMAIL)
    address = getattr(published, "value", published) or ""
    found = v.mail_domain(address.rpartition("@")[2]) if "@" in address else None
    if found is None:
        return None
    check, line = found
    detail = check.detail or " ".join(check.mx) or " ".join(check.addresses)
    return LiveCheck(address, check.result, v.run.date, v.file, line, v.lines[line - 1], detail=detail)


def attach(ds: Dataset, v: Verification | None, dotgov: DotGov | None = None) -> Dataset:
    """The dataset with each center's checks from the run `v` (as it was when None)."""
    if v is None:
        return ds
    centers = tuple(replace(c, website_check=_website(c, v, dotgov), email_check=_email(c, v))
                    for c in ds.centers)
    return replace(ds, centers=centers)
