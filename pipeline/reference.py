"""Reference data, kept in one place.

States, DC and the territories with their USPS codes are from USPS Publication 28,
Appendix B ("State and Possession Abbreviations"), with the other spellings the
sources and phonenumbers' geocoder use; the labels readers give the lines they
set aside; the words an organisation's name is made of. The value fields and
their labels have a registry of their own (`pipeline.fields`).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

STATES: dict[str, str] = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
    "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
    "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
    "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
    "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
    "WI": "Wisconsin", "WY": "Wyoming",
    "AS": "American Samoa", "GU": "Guam", "MP": "Northern Mariana Islands",
    "PR": "Puerto Rico", "VI": "Virgin Islands",
}

# Other spellings of a place that the sources (or phonenumbers.geocoder) use.
_ALIASES: dict[str, str] = {
    "washington dc": "DC", "washington d c": "DC", "d c": "DC", "dc": "DC",
    "u s virgin islands": "VI", "us virgin islands": "VI",
    "united states virgin islands": "VI",
    "commonwealth of puerto rico": "PR",
}

_BY_NAME: dict[str, str] = {}
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def words(text: str) -> str:
    """A place's or a name's words in lower case, anything else a space: how state names are
    looked up, and how normalize compares place names.

    >>> words("Kansas City"), words("Washington, D.C."), words("Lake  Charles")
    ('kansas city', 'washington d c', 'lake charles')
    """
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


for _code, _name in STATES.items():
    _BY_NAME[words(_name)] = _code
_BY_NAME.update(_ALIASES)
# Every spelling of a state's or territory's name above, as words in lower case, with its USPS code.
STATE_OF_NAME: Mapping[str, str] = MappingProxyType(_BY_NAME)


@lru_cache(maxsize=4096)  # the same few place names recur in every listing
def state_code(text: str) -> str:
    """USPS code for a state or territory written as a name or a code; "" if none.

    >>> state_code("Ohio"), state_code("OH"), state_code("Washington, D.C."), state_code("Ohioo")
    ('OH', 'OH', 'DC', '')
    """
    text = text.strip()
    if text.upper() in STATES and len(text) == 2:
        return text.upper()
    return _BY_NAME.get(words(text), "")


def place_state(description: str) -> str:
    """USPS code for a place as `phonenumbers.geocoder` describes it.

    The geocoder gives a state name ("Texas"), a city and code ("Columbia, SC"),
    or a territory ("U.S. Virgin Islands"); "" when it gives nothing (toll-free).
    """
    if not description:
        return ""
    code = state_code(description)
    if code:
        return code
    tail = description.rsplit(",", 1)[-1].strip()
    return state_code(tail) if tail != description else ""


# Labels the block builder gives a line that is kept in its block but not read
# as a value: a line that is no label, email, website or place, and a line too
# long to hand to the parsers. A source label starts with a letter, so these
# cannot be confused with one.
UNRECOGNIZED_LABEL = "(unrecognized)"
# Labels of lines a reader sets aside, kept on the center where they stand and
# reported, never read as values: text the page does not show, a sheet's number
# read as it is displayed, a formula stored without its value.
HIDDEN_LABEL = "(not shown)"
NUMBER_LABEL = "(stored as a number)"
FORMULA_LABEL = "(formula without a value)"
# A value the page's machine-readable data (JSON-LD) gives a center and its visible text does not.
MARKUP_LABEL = "(markup differs)"
# An address a printed page breaks across two lines after a hyphen that may be the address's own or
# the printer's (it hyphenated the word): it cannot be read for certain.
HYPHEN_LABEL = "(broken at a hyphen)"
# A line a printed page shows only in part: a word of it runs past the page's edge or the printer's clip.
CUT_LABEL = "(cut at the page's edge)"
# A value a printed page draws with other text printed over part of it (a word too long for its column
# run on over the next column's line): read from the file's order of drawing, each run apart.
OVERPRINT_LABEL = "(printed over other text)"
# An email or web address a printed page splits at its column's last cell, and the line under it, which
# may be its rest or an address of its own (both read as addresses): neither can be read for certain.
SPLIT_LABEL = "(split at a column's edge)"
# A line a word of letters of which (a name's, a place's) runs past a printed page's edge or the
# printer's clip: read with the rest of the word the file holds beyond the edge, and reported.
EDGE_LABEL = "(runs past the page's edge)"
# A line longer than this is kept verbatim but not read: no name, label or
# address comes near it, and the parsers need not see it.
MAX_LINE_CHARS = 2_000
LONG_LINE_LABEL = "(too long)"
# Words that make a line read as an organisation's name ("... Fusion Center",
# "... Information Exchange", "... Early Warning Group"): the last word of every
# center's name in the DHS list is one of the first three, and the others are
# the words U.S. state and local agencies name themselves by. A line that starts
# a center after a block that gave only phones must read as a name: this, or a
# list entry's name.
ORGANISATION_WORDS = frozenset({
    "center", "centre", "exchange", "network", "group", "office", "agency", "bureau", "department",
    "division", "unit", "fusion", "intelligence", "information", "analysis", "operations", "task",
    "force", "authority", "commission", "police", "sheriff", "patrol", "program", "service",
    "services", "coalition", "partnership", "initiative", "command", "council", "institute",
})

# Small words a name runs on with, lower case inside a name ("Threat and Analysis Center"): a
# heading's line ending with one goes on (`extract.lines`); one after a space in a list entry is a
# word of its own, no piece of a word a reader broke (`normalize.dataset`).
JOINING_WORDS = frozenset({"and", "of", "for", "the", "&", "in", "on", "at", "to"})

# The words a center's name ends with ("…Fusion Center", "…Information eXchange", "…Task Force"),
# its place suffix and parentheticals aside; "Information", "Intelligence", "Fusion" and the like
# stand inside names ("Georgia Information Sharing and Analysis Center"). A heading's line that
# ends with none of them may go on on the next (`extract.lines.heading_goes_on`).
NAME_ENDS = frozenset({
    "center", "centre", "exchange", "network", "group", "office", "agency", "bureau", "department",
    "division", "unit", "force", "authority", "commission", "program", "service", "services", "coalition",
    "partnership", "initiative", "command", "council", "institute",
})
