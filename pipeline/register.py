"""The id register: ids that survive a rename (`raw/register/ids.csv`).

One row per id a center has had, committed by a person and only read by the
build:

    id, names, state, contacts, first_seen, last_seen, status, aosnumber, wikidata

- `names`: every name the center has had, as the list writes it, `;`-separated;
- `state`: its USPS state code; `contacts`: its published phones (E.164),
  email and website, `;`-separated, as last seen: what recognizes it under a
  new name;
- `first_seen`, `last_seen`: the as-of dates of the first and last builds
  that had it; `status`: `listed`, or `withdrawn` once it is gone from the
  sources (its id is never given to another center);
- `aosnumber` (the EFF Atlas of Surveillance's id) and `wikidata` (a Q-id):
  crosswalk ids that reviewers fill in.

`python -m pipeline ids` proposes the next register from a build (new
centers added, names and dates brought up to date, centers gone marked
withdrawn, reviewers' crosswalk ids kept) and writes it with its manifest
entry; the person reviews `git diff raw/` and commits it.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace

from pipeline.errors import PipelineError
from pipeline.fields import FIELDS
from pipeline.records import Center, Value

REGISTER_FILE = "register/ids.csv"  # relative to raw/
COLUMNS = ["id", "names", "state", "contacts", "first_seen", "last_seen", "status", "aosnumber", "wikidata"]
STATUSES = ("listed", "withdrawn")
SEPARATOR = ";"
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_AOS = re.compile(r"\d*")
_WIKIDATA = re.compile(r"(Q[1-9]\d*)?")


@dataclass(frozen=True)
class RegisterEntry:
    """One id of the register and what it has been known by."""

    id: str
    names: tuple[str, ...]
    state: str
    contacts: tuple[str, ...]
    first_seen: str
    last_seen: str
    status: str = "listed"
    aosnumber: str = ""
    wikidata: str = ""


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.split(SEPARATOR) if p.strip())


def parse_register(data: bytes, source: str) -> tuple[RegisterEntry, ...]:
    """Read the register (RFC 4180 CSV, UTF-8); a row that cannot hold stops the build, naming its line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PipelineError(f"is not UTF-8 text ({exc.reason} at byte {exc.start}).", source=source) from None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise PipelineError(f"lacks the column(s) {', '.join(missing)}; the header must be {','.join(COLUMNS)}.",
                                source=source, line=1)
        entries: list[RegisterEntry] = []
        seen: dict[str, int] = {}
        for row in reader:
            line = reader.line_num
            cells = {k: (row.get(k) or "").strip() for k in COLUMNS}
            problem = _problem(cells)
            if problem:
                raise PipelineError(problem, source=source, line=line)
            if cells["id"] in seen:
                raise PipelineError(f"repeats the id {cells['id']!r} of line {seen[cells['id']]}.", source=source,
                                    line=line)
            seen[cells["id"]] = line
            entries.append(RegisterEntry(cells["id"], _split(cells["names"]), cells["state"],
                                         _split(cells["contacts"]), cells["first_seen"], cells["last_seen"],
                                         cells["status"], cells["aosnumber"], cells["wikidata"]))
    except csv.Error as exc:
        raise PipelineError(f"cannot be read as CSV ({exc}).", source=source, line=reader.line_num) from None
    return tuple(entries)


def _problem(cells: dict[str, str]) -> str:
    """What makes a register row unusable, as a sentence; "" when nothing does."""
    if not _ID.fullmatch(cells["id"]):
        return f"has the id {cells['id']!r}, which is not lower-case words joined by '-'."
    if not _split(cells["names"]):
        return f"gives the id {cells['id']!r} no name."
    for key in ("first_seen", "last_seen"):
        if not _DATE.fullmatch(cells[key]):
            return f"has the {key} {cells[key]!r}, which is not a date written YYYY-MM-DD."
    if cells["status"] not in STATUSES:
        return f"has the status {cells['status']!r}; it must be one of {', '.join(STATUSES)}."
    if not _AOS.fullmatch(cells["aosnumber"]):
        return f"has the aosnumber {cells['aosnumber']!r}; the Atlas of Surveillance's ids are digits."
    if not _WIKIDATA.fullmatch(cells["wikidata"]):
        return f"has the wikidata id {cells['wikidata']!r}; a Wikidata item is Q and digits (Q42)."
    return ""


def register_csv(entries: tuple[RegisterEntry, ...] | list[RegisterEntry]) -> bytes:
    """The register as CSV bytes (RFC 4180, CRLF), rows sorted by id."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for e in sorted(entries, key=lambda e: e.id):
        writer.writerow([e.id, SEPARATOR.join(e.names), e.state, SEPARATOR.join(e.contacts), e.first_seen,
                         e.last_seen, e.status, e.aosnumber, e.wikidata])
    return out.getvalue().encode("utf-8")


def contacts(c: Center) -> tuple[str, ...]:
    """A center's published contact values (E.164 phones, email, website: every
    labeled field, in registry order), as the register keeps them."""
    out = []
    for field in FIELDS.labeled:
        v = c.published(field)
        if isinstance(v, Value) and v.value:
            out.append(v.value)
    return tuple(out)


def propose(centers, register: tuple[RegisterEntry, ...], as_of: str,
            links: dict[str, str] | None = None) -> tuple[RegisterEntry, ...]:
    """The next register from a build's `centers` on its `as_of` date: each
    center's entry brought up to date (its name added to its names, its state
    and contacts, last_seen), a new center added (first_seen today), an entry
    whose center is gone marked withdrawn, the reviewers' crosswalk ids kept.
    `links` maps a new center's id to the register id it is (a proposed link a
    reviewer confirmed): its name joins that entry, which keeps its id."""
    links = links or {}
    known = {e.id for e in register}
    unknown = sorted(set(links.values()) - known)
    if unknown:
        raise PipelineError(f"--link names the id {unknown[0]!r}, which the register does not hold.")
    entries = {e.id: e for e in register}
    present = set()
    for c in centers:
        target = links.get(c.id, c.id)
        e = entries.get(target)
        if e is None:
            entries[target] = RegisterEntry(target, (c.name,), c.state, contacts(c), as_of, as_of)
        else:
            names = e.names if c.name in e.names else (*e.names, c.name)
            entries[target] = replace(e, names=names, state=c.state, contacts=contacts(c), last_seen=as_of,
                                      status="listed")
        present.add(target)
    return tuple(e if e.id in present else replace(e, status="withdrawn") for e in
                 sorted(entries.values(), key=lambda e: e.id))
