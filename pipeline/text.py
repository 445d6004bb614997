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

# Every pattern here runs in linear time on any line: no two quantifiers can
# take the same characters, so a line of spaces cannot make them backtrack.
# A city: letters of any script ("Agaña Heights"), spaces, ".", "'" and "-".
_CITY = re.compile(r"[^\W\d_](?:[^\W\d_]|[ .'\-]){0,48}")
_STATE = re.compile(r"[A-Za-z][A-Za-z .]*")
_ZIP_TAIL = re.compile(r"\s(?P<zip>\d{5}(?:-\d{4})?)$")


def strip_markdown_link(text: str) -> str:
    """ "[Wisconsin Statewide Information Center](#)" -> the link text.

    >>> strip_markdown_link("[Wisconsin Statewide Information Center](#)")
    'Wisconsin Statewide Information Center'
    >>> strip_markdown_link("[a](b) and [c](d)"), strip_markdown_link("[a](b)c)")
    ('a](b) and [c', '[a](b)c)')
    """
    text = text.strip()
    # The last "](" opens the target, which holds no ")" but its closing one.
    cut = text.rfind("](")
    if text.startswith("[") and text.endswith(")") and cut > 0 and ")" not in text[cut + 2:-1]:
        return text[1:cut].strip()
    return text


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
    >>> parse_place("Aga\u00f1a Heights, Guam").city
    'Aga\xf1a Heights'
    >>> parse_place("Southern Nevada Counter-Terrorism Center (Las Vegas, Nevada)") is None
    True
    """
    parts = [p.strip() for p in text.split(",")]
    if len(parts) < 2 or not _CITY.fullmatch(parts[0]):
        return None
    state, zip_code = parts[1], ""
    m = _ZIP_TAIL.search(state)
    if m:
        state, zip_code = state[:m.start()].rstrip(), m.group("zip")
    state = state.removesuffix(".")
    if not _STATE.fullmatch(state):
        return None
    code = state_code(state)
    if not code:
        return None
    return Place(parts[0], code, zip_code, tuple(p for p in parts[2:] if p))


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


# RFC 3986's characters (unreserved, reserved, "%" of an escape): anything
# else (a quote, a space, "<") would end or break a link wherever it is written.
_WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9.\-]{1,253}(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*)?",
                          re.I)


def is_web_address(text: str) -> bool:
    """Whether `text` is a well-formed absolute http(s) address, fit to be written as a link.

    >>> is_web_address("https://www.dhs.gov/fusion-centers"), is_web_address("javascript:alert(1)")
    (True, False)
    >>> is_web_address('http://evil.example/"><script>')
    False
    """
    return bool(_WEB_ADDRESS.fullmatch(text))


def area_code(e164: str) -> str:
    """The NANP area code of an E.164 number ("+18067065535" -> "806")."""
    return e164[2:5] if e164.startswith("+1") and len(e164) == 12 else ""
