"""Data-quality rules: small pure functions from records to findings.

A center rule takes one `Center`; a dataset rule takes the whole `Dataset`
and the build's reference date (passed in, never read from the clock), and
builds any index it needs in one pass. Both lists are explicit and ordered.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from urllib.parse import urlsplit

from pipeline.check.codes import finding
from pipeline.check.fixes import FIXES
from pipeline.normalize.dataset import build_center
from pipeline.normalize.names import EXACT, FUZZY, Match, name_key, strip_markdown_link
from pipeline.normalize.phone import GEOGRAPHIC, TOLL_FREE, area_code
from pipeline.records import Center, Dataset, Finding, SourceRef, Value
from pipeline.reference import FIELD_LABELS, LONG_LINE_LABEL, STATES, UNRECOGNIZED_LABEL, VALUE_LABELS

PHONE_FIELDS = ("phone", "fax", "alt_phone", "toll_free")
_SITE_PREFIX = re.compile(r"^https?://(?:www\.)?")
# How much of an over-long line a finding quotes.
LONG_LINE_SHOWN = 80
# A page older than this many calendar years, on the build's reference date, is outdated.
OUTDATED_AFTER_YEARS = 3


def phones(center: Center) -> Iterator[tuple[str, Value]]:
    for field in PHONE_FIELDS:
        value = getattr(center, field)
        if value is not None:
            yield field, value


def _place_name(code: str) -> str:
    return STATES.get(code, code)


# ---- center rules -----------------------------------------------------------

def phone_validity(c: Center) -> Iterator[Finding]:
    for field, v in phones(c):
        if not v.value:
            yield finding("PHONE_INVALID", c, field, v.text,
                          f"The {v.label or field} value {v.text!r} is {v.reason}.",
                          "Ask the center for the current number.", v.ref)
        elif v.reason.startswith("extension"):
            yield finding("PHONE_EXTENSION", c, field, v.text,
                          f"The {v.label} {v.text!r} has an {v.reason}.", "", v.ref)


def phone_types(c: Center) -> Iterator[Finding]:
    tf, ph = c.toll_free, c.phone
    if tf is not None and tf.value and tf.kind == GEOGRAPHIC and not (ph and ph.kind == TOLL_FREE):
        yield finding("TOLL_FREE_IS_GEOGRAPHIC", c, "toll_free", tf.text,
                      f"The Toll-Free number {tf.text} is a geographic number"
                      f"{' of ' + _place_name(tf.place) if tf.place else ''}, not a toll-free one.",
                      "Move it to the phone field if the center confirms it.", tf.ref)
    if ph is not None and ph.value and ph.kind == TOLL_FREE and not (tf and tf.kind == GEOGRAPHIC):
        if ph.label == "Phone":  # a relabeled number is reported by its fix
            yield finding("PHONE_IS_TOLL_FREE", c, "phone", ph.text,
                          f"The Phone {ph.text} is a toll-free number.", "", ph.ref)


def area_code_place(c: Center) -> Iterator[Finding]:
    if not c.state:
        return
    for field, v in phones(c):
        if v.value and v.kind == GEOGRAPHIC and v.place and v.place != c.state:
            suggestion = "Check the number with the center."
            if field == "fax" and c.phone and c.phone.value and c.phone.kind == GEOGRAPHIC:
                suggestion = (f"The phone's area code is {area_code(c.phone.value)}; the fax may be "
                              f"({area_code(c.phone.value)}) {v.value[5:8]}-{v.value[8:]}. Confirm before changing it.")
            yield finding("AREA_CODE_OUT_OF_STATE", c, field, v.text,
                          f"The {v.label} {v.text} has area code {area_code(v.value)}, which belongs to "
                          f"{_place_name(v.place)}, not to {_place_name(c.state)}.", suggestion, v.ref)


def fax_area_code(c: Center) -> Iterator[Finding]:
    fax, ph = c.fax, c.phone
    if fax and ph and fax.value and ph.value and ph.kind == GEOGRAPHIC and fax.kind == GEOGRAPHIC:
        if area_code(fax.value) != area_code(ph.value):
            yield finding("FAX_AREA_CODE_DIFFERS", c, "fax", fax.text,
                          f"The Fax {fax.text} has area code {area_code(fax.value)}; the Phone {ph.text} "
                          f"has {area_code(ph.value)}.", "Check the fax number with the center.", fax.ref)


def repeated_numbers(c: Center) -> Iterator[Finding]:
    seen: dict[str, str] = {}
    for field, v in phones(c):
        if not v.value:
            continue
        if v.value in seen:
            yield finding("PHONE_REPEATED_IN_CENTER", c, field, v.text,
                          f"The {v.label} {v.text} repeats the {FIELD_LABELS[seen[v.value]]} number.",
                          "Check whether one field should hold another number.", v.ref)
        else:
            seen[v.value] = field


def email_validity(c: Center) -> Iterator[Finding]:
    v = c.email
    if v is not None and not v.value:
        yield finding("EMAIL_INVALID", c, "email", v.text, f"The email {v.text!r} is not valid: {v.reason}",
                      "Ask the center for its current address.", v.ref)


def website_validity(c: Center) -> Iterator[Finding]:
    v = c.website
    if v is None or v.value:
        return
    if v.reason.startswith("the scheme"):
        yield finding("WEBSITE_UNSAFE_SCHEME", c, "website", v.text,
                      f"The website {v.text!r} is not a web page: {v.reason}.",
                      "Do not follow it; find the center's real website.", v.ref)
        return
    suggestion = "Find the center's website."
    if "@" in v.text and c.email and c.email.text == v.text.removeprefix("www."):
        suggestion = "The field repeats the email address with \"www.\" in front; find the center's website."
    yield finding("WEBSITE_INVALID", c, "website", v.text, f"The website {v.text!r} is {v.reason}.",
                  suggestion, v.ref)


_GOV_STATE = re.compile(r"(?:^|\.)(?:state\.)?(?P<code>[a-z]{2})\.(?P<tld>us|gov)$")
# Federal .gov domains of two letters that are also a state's code: va.gov is
# the Department of Veterans Affairs (Virginia's own domain is virginia.gov).
_FEDERAL_GOV = {"va"}


def gov_domain_state(c: Center) -> Iterator[Finding]:
    """*.state.XX.us, *.XX.us and *.XX.gov name a state; it should be the center's.

    For .gov only a two-letter part that is a state code counts, so a federal
    domain of two letters (ed.gov, va.gov) is not read as a state.
    """
    if not c.state:
        return
    for field, v in (("email", c.email), ("website", c.website)):
        if v is None:
            continue
        host = v.text.rsplit("@", 1)[-1] if field == "email" else urlsplit(v.value or "http://" + v.text).hostname or ""
        m = _GOV_STATE.search(host.lower())
        if not m:
            continue
        code = m.group("code").upper()
        if m.group("tld") == "gov" and (code not in STATES or m.group("code") in _FEDERAL_GOV):
            continue
        if code != c.state:
            what = f"the state {_place_name(code)}" if code in STATES else "no state"
            fix = f"The state part for {_place_name(c.state)} would be \"{c.state.lower()}\"."
            yield finding("GOV_DOMAIN_STATE_MISMATCH", c, field, v.text,
                          f"The {FIELD_LABELS[field].lower()} domain {host} names {what} (\"{m.group('code')}\"), "
                          f"but the center is in {_place_name(c.state)}.", fix, v.ref)


def location(c: Center) -> Iterator[Finding]:
    if c.block is None:
        return
    v = c.location
    if v is None:
        yield finding("LOCATION_MISSING", c, "city", "", "The contact block has no location line.",
                      "Find the center's city and state.")
        return
    if not v.value:
        yield finding("LOCATION_MALFORMED", c, "city", v.text,
                      f"The location line {v.text!r} is {v.reason}.", "Correct the location line.", v.ref)
    elif v.reason:
        yield finding("LOCATION_MALFORMED", c, "city", v.text,
                      f"The location line {v.text!r} has {v.reason}.",
                      f"Read as {c.city}, {c.state}; the extra parts are dropped from city and state.", v.ref)
    if c.zip:
        yield finding("LOCATION_HAS_ZIP", c, "zip", v.text,
                      f"The location line {v.text!r} carries the ZIP code {c.zip}.",
                      "Kept in the zip column.", v.ref)


def list_place(c: Center) -> Iterator[Finding]:
    e = c.entry
    if e is None or c.block is None or not c.state:
        return
    ref = c.location.ref if c.location else None
    if c.list_place and c.list_place != c.state:
        yield finding("LIST_STATE_DIFFERS", c, "state", e.text,
                      f"The list places the center in {_place_name(c.list_place)}; its contact block in "
                      f"{_place_name(c.state)}.", "Check which state is right.", e.ref)
    elif e.list_city and c.city and e.list_city.lower() != c.city.lower():
        yield finding("LIST_CITY_DIFFERS", c, "city", e.text,
                      f"The list gives the city {e.list_city}; the contact block gives {c.city} "
                      f"(line {ref.line if ref else '?'}).",
                      f"The contact city {c.city} is used; the list city is kept as list_city.", e.ref)


def coverage(c: Center) -> Iterator[Finding]:
    if c.block is None:
        yield finding("LIST_ENTRY_WITHOUT_BLOCK", c, "name", c.entry.text,
                      f"The list names {c.entry.text!r}, but no contact block matches it.",
                      "Find the center's contact details.", c.entry.ref)
    elif c.entry is None and not name_key(c.block.heading):
        yield finding("HEADING_WITHOUT_NAME", c, "name", c.block.heading,
                      f"The contact block's heading {c.block.heading!r} gives no name.",
                      "Find the center's name; its values are kept on this record.", c.block.heading_ref)
    elif c.entry is None:
        yield finding("BLOCK_WITHOUT_LIST_ENTRY", c, "name", c.block.heading,
                      f"The contact block {c.block.heading!r} matches no entry of the list.",
                      "Check whether the center is still designated.", c.block.heading_ref)


def heading_differences(heading: str, list_text: str) -> list[str]:
    """What sets a contact heading apart from the list's text, in words."""
    notes = []
    if strip_markdown_link(heading) != heading.strip():
        notes.append("the heading is wrapped in link brackets")
        heading = strip_markdown_link(heading)
    if re.search(r":\s*[^:]+,\s*[A-Z]{2}$", heading) and ";" in list_text:
        notes.append("the heading has a colon where the list has a semicolon")
    paren_h = set(re.findall(r"\(([^()]*)\)", heading))
    paren_l = set(re.findall(r"\(([^()]*)\)", list_text))
    for p in sorted(paren_h - paren_l):
        notes.append(f"the heading adds \"({p})\"")
    for p in sorted(paren_l - paren_h):
        notes.append(f"the heading leaves out \"({p})\"")
    if ";" in list_text and not re.search(r"[;:]\s*[^;:]+,\s*[A-Z]{2}$", heading):
        notes.append("the heading leaves out the list's \"; City, ST\"")
    return notes


def names(c: Center) -> Iterator[Finding]:
    if c.entry is None or c.block is None:
        return
    h, e = c.block.heading, c.entry
    if c.match_method == FUZZY:
        yield finding("NAME_FUZZY_MATCH", c, "name", h,
                      f"The heading {h!r} was matched to the list's {e.text!r} by similarity "
                      f"{c.match_score:.2f} only.", "Confirm that both name the same center.", c.block.heading_ref)
    elif c.match_method != EXACT:
        notes = heading_differences(h, e.text) or ["the two are written differently"]
        yield finding("HEADING_DIFFERS_FROM_LIST", c, "name", h,
                      f"The heading {h!r} differs from the list's {e.text!r}: {'; '.join(notes)}.",
                      f"The list's name {e.name!r} is used.", c.block.heading_ref)


def missing_fields(c: Center) -> Iterator[Finding]:
    if c.block is None:
        return
    if not any(v for _, v in phones(c)):
        yield finding("MISSING_PHONE", c, "phone", "", "The contact block gives no phone number of any kind.",
                      "Find a phone number for the center.")
    if c.email is None:
        yield finding("MISSING_EMAIL", c, "email", "", "The contact block gives no email address.",
                      "Find an email address for the center.")
    if c.website is None:
        yield finding("MISSING_WEBSITE", c, "website", "", "The contact block gives no website.", "")


def extra_fields(c: Center) -> Iterator[Finding]:
    known = set(FIELD_LABELS.values())
    for v in c.extra_fields:
        if v.label == UNRECOGNIZED_LABEL:
            yield finding("UNRECOGNIZED_LINE", c, "", v.text,
                          f"The line {v.text!r} in the contact block is no label, email, website or place.",
                          "Read it in the source; it is kept in provenance, not published.", v.ref)
        elif v.label == LONG_LINE_LABEL:
            yield finding("LINE_TOO_LONG", c, "", v.text[:LONG_LINE_SHOWN] + "\u2026",
                          f"A line of {len(v.text):,} characters in the contact block is too long to be read.",
                          "Look at it in the source; it is kept verbatim in provenance, not read.", v.ref)
        elif v.label in known:
            field = VALUE_LABELS[v.label]
            yield finding("EXTRA_VALUE", c, field, v.text,
                          f"A second {v.label} line, {v.text!r}, follows the first.",
                          "Check which value is current; the first is used.", v.ref)
        else:
            yield finding("UNKNOWN_LABEL", c, v.label, v.text,
                          f"The line \"{v.label}: {v.text}\" has a label the pipeline does not know.",
                          "Kept in provenance; decide whether it names a field.", v.ref)


def sources_disagree(c: Center) -> Iterator[Finding]:
    """`c` has had the certain fixes; the other document's copy gets them too,
    so that the same swapped labels in both are not read as a disagreement."""
    for other in c.other_blocks:
        alt = build_center(Match(c.entry, other, c.match_method, c.match_score))
        for fix in FIXES:
            alt, _ = fix(alt)
        for field in (*PHONE_FIELDS, "email", "website"):
            mine, theirs = getattr(c, field), getattr(alt, field)
            a = mine.value or mine.text if mine else ""
            b = theirs.value or theirs.text if theirs else ""
            if a != b:
                yield finding("SOURCES_DISAGREE", c, field, theirs.text if theirs else "",
                              f"{c.source} gives {field} {a or '(none)'}; {other.heading_ref.source} gives "
                              f"{b or '(none)'}.", f"Check which is current; {c.source}'s value is used.",
                              theirs.ref if theirs else other.heading_ref)
        for field in ("city", "state"):
            if getattr(c, field) != getattr(alt, field):
                yield finding("SOURCES_DISAGREE", c, field, alt.location.text if alt.location else "",
                              f"{c.source} gives {field} {getattr(c, field) or '(none)'}; "
                              f"{other.heading_ref.source} gives {getattr(alt, field) or '(none)'}.",
                              f"Check which is current; {c.source}'s value is used.",
                              alt.location.ref if alt.location else other.heading_ref)


CenterRule = Callable[[Center], Iterable[Finding]]
CENTER_RULES: list[CenterRule] = [
    phone_validity, phone_types, area_code_place, fax_area_code, repeated_numbers,
    email_validity, website_validity, gov_domain_state,
    location, list_place, coverage, names, missing_fields, extra_fields, sources_disagree,
]


# ---- dataset rules ----------------------------------------------------------

def shared_values(ds: Dataset, as_of: date) -> Iterator[Finding]:
    """A phone, email or website published for more than one center."""
    index: dict[tuple[str, str], list[tuple[Center, str, Value]]] = defaultdict(list)
    for c in ds.centers:
        for field, v in phones(c):
            if v.value:
                index[("PHONE_SHARED", v.value)].append((c, field, v))
        if c.email and c.email.value:
            index[("EMAIL_SHARED", c.email.value.lower())].append((c, "email", c.email))
        if c.website and c.website.value:
            # One site whatever its scheme, "www." or final "/".
            key = _SITE_PREFIX.sub("", c.website.value.lower()).rstrip("/")
            index[("WEBSITE_SHARED", key)].append((c, "website", c.website))
    for (code, _), holders in index.items():
        if len({c.id for c, _, _ in holders}) < 2:
            continue
        names_by_id = {o.id: o.name for o, _, _ in holders}
        for c, field, v in holders:
            others = ", ".join(sorted({n for i, n in names_by_id.items() if i != c.id}))
            yield finding(code, c, field, v.text, f"{v.text} is also published for {others}.",
                          "Check with the centers whose it is.", v.ref)


def duplicate_entries(ds: Dataset, as_of: date) -> Iterator[Finding]:
    seen: dict[tuple[str, str], int] = {}
    center_of = {id(c.entry): c for c in ds.centers if c.entry is not None}
    for e in ds.entries:
        key = (e.ref.source, name_key(e.text))
        if key in seen:
            c = center_of.get(id(e))
            yield finding("DUPLICATE_LIST_ENTRY", c, "name", e.text,
                          f"The list names {e.text!r} again (first on line {seen[key]}).",
                          "Check whether the list repeats a center by mistake.", e.ref)
        else:
            seen[key] = e.ref.line


def _anniversary(start: date, years: int) -> date:
    """`start` moved on by whole years; 29 February falls on 28 February."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def years_and_days(start: date, end: date) -> tuple[int, int]:
    """Calendar age of `start` on `end`: whole years, then the days left over.

    Counting 365-day years would drift by a day every leap year (eleven
    years are 4,018 days, not 4,015).
    """
    years = end.year - start.year
    if _anniversary(start, years) > end:
        years -= 1
    return years, (end - _anniversary(start, years)).days


def source_dates(ds: Dataset, as_of: date) -> Iterator[Finding]:
    for d in ds.documents:
        ref = SourceRef(d.source, d.first_line)
        what = f"{d.title or d.kind.replace('_', ' ')} ({d.url or 'no address'})"
        if not d.published:
            yield finding("SOURCE_UNDATED", None, "published", "",
                          f"The page {what} gives no publication date.",
                          "Treat its data as of unknown age, or date it from another source.", ref)
            continue
        published = date.fromisoformat(d.published)
        if published >= as_of:
            continue
        years, days = years_and_days(published, as_of)
        if (years, days) > (OUTDATED_AFTER_YEARS, 0):
            yield finding("SOURCE_OUTDATED", None, "published", d.published_text,
                          f"The page {what} was last published on {d.published}, {years} years "
                          f"and {days} days before {as_of.isoformat()}.",
                          "Refresh the sources (make fetch) and review what changed.", ref)


DatasetRule = Callable[[Dataset, date], Iterable[Finding]]
DATASET_RULES: list[DatasetRule] = [shared_values, duplicate_entries, source_dates]
