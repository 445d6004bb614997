"""Text helpers that more than one stage reads source text with.

Extract and normalize both need to know a place line ("City, State [ZIP]")
and a heading wrapped in markdown link brackets; the rules live here, below
both stages, so that extract never imports from normalize.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from pipeline.reference import state_code

_MD_LINK = re.compile(r"^\[(?P<text>.*)\]\([^)]*\)$")
_CITY = re.compile(r"^[A-Za-z][A-Za-z .'\-]{0,48}$")
_STATE_ZIP = re.compile(r"^(?P<state>[A-Za-z][A-Za-z .]*?)\.?(?:\s+(?P<zip>\d{5}(?:-\d{4})?))?$")


def strip_markdown_link(text: str) -> str:
    """ "[Wisconsin Statewide Information Center](#)" -> the link text."""
    m = _MD_LINK.match(text.strip())
    return m.group("text").strip() if m else text.strip()


class Place(NamedTuple):
    city: str
    state: str  # USPS code
    zip: str
    extra: tuple[str, ...]  # parts after "City, State [ZIP]" (a doubled place, say)


@lru_cache(maxsize=4096)  # location lines repeat; each is parsed for extract and normalize
def parse_place(text: str) -> Place | None:
    """Parse "City, State [ZIP][, more]"; None when it is not of that form.

    >>> parse_place("Augusta, Maine 04330-0164")
    Place(city='Augusta', state='ME', zip='04330-0164', extra=())
    >>> parse_place("Washington, DC, Washington DC")
    Place(city='Washington', state='DC', zip='', extra=('Washington DC',))
    >>> parse_place("Southern Nevada Counter-Terrorism Center (Las Vegas, Nevada)") is None
    True
    """
    parts = [p.strip() for p in text.split(",")]
    if len(parts) < 2 or not _CITY.match(parts[0]):
        return None
    m = _STATE_ZIP.match(parts[1])
    if not m:
        return None
    code = state_code(m.group("state"))
    if not code:
        return None
    return Place(parts[0], code, m.group("zip") or "", tuple(p for p in parts[2:] if p))


def looks_like_place(text: str) -> bool:
    """A line in the position of a location: "Something, Something" with no
    heading punctuation. Used so that an unparseable location line is still
    read as one (and reported), rather than taken for a new center."""
    return "," in text and not any(c in text for c in ";:()[]@")


def place_code(text: str) -> str:
    """USPS code of a place written as a state or "City, State"; "" if neither."""
    code = state_code(text)
    if code:
        return code
    place = parse_place(text)
    return place.state if place else ""
