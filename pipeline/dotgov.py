"""The .gov registry: who registered each .gov domain (reference data, not a document).

The registry is CISA's `current-full.csv` (the public repository
`cisagov/dotgov-data`, CC0 1.0), copied verbatim into the raw folder at
`DOTGOV_FILE` with its LICENSE and SOURCE.md, so its sha256 holds and the
build's data version covers it. One row per registered second-level domain:
`Domain name, Domain type, Organization name, Suborganization name, City,
State, Security contact email`. Only the first six columns are read.

A host is looked up by its registered domain, its last two labels
(`www.ct.gov` -> `ct.gov`). This is the "dotgov" registry: apart from the
registry of value fields and the registry of finding codes.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.errors import PipelineError

# Where the registry stands in the raw folder (the role folder of reference data).
DOTGOV_FILE = "reference/dotgov/current-full.csv"
# The columns read, as the registry's header row names them.
COLUMNS = ("Domain name", "Domain type", "Organization name", "Suborganization name", "City", "State")
# Domain types whose registrant is no one state's government or locality: a
# domain of these types says nothing about where a center is.
NO_PLACE_TYPES = ("Federal", "Interstate", "Tribal")


@dataclass(frozen=True)
class Registrant:
    """One registered .gov domain and who holds it, as the registry writes it."""

    domain: str  # lower case, "ct.gov"
    type: str  # "State or territory", "City", "Federal - Executive", ...
    organization: str
    suborganization: str
    city: str
    state: str  # as written: a USPS code for most rows
    line: int = 0  # the row's line in the registry file
    row: str = ""  # the row, verbatim

    @property
    def federal(self) -> bool:
        """Whether a federal agency holds the domain (leo.gov: Department of Justice, FBI)."""
        return self.type.startswith("Federal")

    @property
    def place_state(self) -> str:
        """The USPS code of the state the domain places its holder in; "" for a
        federal, interstate or tribal domain, which places no center."""
        return "" if self.type.startswith(NO_PLACE_TYPES) else self.state.strip().upper()

    def describe(self) -> str:
        """The registrant in words: "State of CT/Department of Administrative Services, Hartford, CT"."""
        who = ", ".join(p for p in (self.organization, self.suborganization) if p)
        where = ", ".join(p for p in (self.city, self.state) if p)
        return f"{who}, {where}" if where else who


@dataclass(frozen=True)
class DotGov:
    """The .gov registry read: each domain's row, found by its registered
    domain and read into a `Registrant` when it is looked up (a build looks
    up a hundred of its 16,000 rows), and the file they came from."""

    source: str  # the raw file, relative to the raw folder
    sha256: str
    lines: tuple[str, ...] = field(repr=False)  # the file's lines; lines[0] is the header
    rows: dict[str, int] = field(repr=False)  # domain (lower case) to its line's index
    columns: tuple[int, ...] = field(repr=False)  # where COLUMNS stand in a row

    def __hash__(self) -> int:
        return hash((self.source, self.sha256))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DotGov) and (self.source, self.sha256) == (other.source, other.sha256)

    @property
    def registrants(self) -> dict[str, int]:
        """The registered domains, each with its line's index."""
        return self.rows

    def lookup(self, host: str) -> Registrant | None:
        """The registrant of a host's registered domain; None when the host is no
        .gov name or its domain is not registered."""
        domain = registered_domain(host)
        index = self.rows.get(domain) if domain else None
        return _registrant(self, index) if index is not None else None


@lru_cache(maxsize=4096)
def _registrant(dotgov: DotGov, index: int) -> Registrant:
    """The registrant on line `index` of the registry; a row cut short stops with one line naming it."""
    row = next(csv.reader([dotgov.lines[index]]))
    if len(row) <= max(dotgov.columns):
        raise PipelineError(f"has a row of {len(row)} cells where the header names {len(COLUMNS)} or more.",
                            source=dotgov.source, line=index + 1)
    domain, kind, organization, suborganization, city, state = (row[i].strip() for i in dotgov.columns)
    return Registrant(domain.lower(), kind, organization, suborganization, city, state, index + 1,
                      dotgov.lines[index])


def registered_domain(host: str) -> str:
    """A .gov host's registered domain (its last two labels), "" for other hosts.

    >>> registered_domain("WWW.CT.GOV."), registered_domain("ct.gov"), registered_domain("state.nm.us")
    ('ct.gov', 'ct.gov', '')
    """
    labels = host.strip().rstrip(".").lower().split(".")
    return ".".join(labels[-2:]) if len(labels) >= 2 and labels[-1] == "gov" and labels[-2] else ""


def read_dotgov(data: bytes, source: str, sha256: str = "", *, name: str = "") -> DotGov:
    """The registry from its CSV bytes; a file that is not the registry (no
    header row naming its columns, a row cut short) stops with one line naming
    the file (`source`, as the user gave it) and line. `name` is the file
    relative to the raw folder, which findings cite (default: `source`)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PipelineError(f"is not UTF-8 text (byte {exc.start}); it cannot be the .gov registry.",
                            source=source) from None
    lines = tuple(text.splitlines())
    header = next(csv.reader(lines[:1]), [])
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise PipelineError(f"has no header row of the .gov registry (missing {', '.join(missing)}).",
                            source=source, line=1)
    at = tuple(header.index(c) for c in COLUMNS)
    first = at[0]  # the domain's cell: a plain name, never quoted (the registry writes no comma in a domain)
    rows: dict[str, int] = {}
    for index in range(1, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        cells = line.split(",", first + 1)
        if len(cells) <= first:
            raise PipelineError(f"has a row of {len(cells)} cells where the header names {len(header)}.",
                                source=source, line=index + 1)
        rows[cells[first].strip().strip("\"").lower()] = index
    return DotGov(name or source, sha256, lines, rows, at)


# A refreshed registry must list at least this share of the domains of the
# copy it replaces: the registry grows by a few domains a week, and a download
# that lists far fewer is cut short or is not the registry.
MIN_REFRESH_SHARE = 0.9


def judge_registry(data: bytes, previous: DotGov | None, source: str) -> tuple[str, int]:
    """Why a download of the registry must not replace the copy in raw/ ("" when
    it may), and how many domains it lists: it must have the registry's header
    row and at least MIN_REFRESH_SHARE of the previous copy's rows."""
    try:
        fresh = read_dotgov(data, source)
    except PipelineError as exc:
        return f"is not the .gov registry: {exc.message}", 0
    count = len(fresh.rows)
    if previous is not None and count < MIN_REFRESH_SHARE * len(previous.rows):
        return (f"lists {count:,} domains, fewer than {MIN_REFRESH_SHARE:.0%} of the {len(previous.rows):,} of "
                f"the copy in raw/"), count
    return "", count
