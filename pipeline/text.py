"""Text helpers that more than one stage reads source text with.

Extract, normalize and check all need to know a place line ("City, State
[ZIP]"), a heading wrapped in markdown link brackets, a center's name reduced
to what identifies it, a web address fit to be a link, and the characters a
reader cannot see; the rules live here, below the stages, so that extract
never imports from normalize and check calls no normalizer.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from pipeline.fields import Kind
from pipeline.reference import NAME_ENDS, state_code

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
    """A parsed "City, State [ZIP]" line: the city, the state's USPS code, the ZIP
    code ("" when none) and the parts after them."""

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


def is_city(text: str) -> bool:
    """Whether `text` reads as a city of a location line (letters, spaces, ".", "'", "-").

    >>> is_city("Aga\u00f1a Heights"), is_city("Ohio 4"), is_city("")
    (True, False, False)
    """
    return bool(_CITY.fullmatch(text))


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


# ISO 8601's extended calendar form, the only one a date is written in here:
# Python's date.fromisoformat also reads the basic form (20261130), week dates
# (2026-W48-1) and ordinal dates, which no person reviewing this data means.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def iso_date(text: str) -> date | None:
    """The calendar date `text` writes as YYYY-MM-DD, or None.

    >>> iso_date("2026-11-30"), iso_date("20261130"), iso_date("2026-W48-1"), iso_date("2026-02-30")
    (datetime.date(2026, 11, 30), None, None, None)
    """
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


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


def exchange(e164: str) -> str:
    """The central office code of a NANP number in E.164 ("+18067065535" -> "706"): an office's
    numbers share it."""
    return e164[5:8] if area_code(e164) else ""


def with_area_code(e164: str, code: str) -> str:
    """A NANP number in E.164 with another area code, its seven-digit local
    number kept; "" when `e164` is no NANP number.

    >>> with_area_code("+18067065535", "860")
    '+18607065535'
    """
    return f"+1{code}{e164[5:]}" if area_code(e164) else ""


def nanp_display(e164: str) -> str:
    """A NANP number in E.164 as a person writes it, "(860) 706-5535"; "" when it is none.

    >>> nanp_display("+18607065535")
    '(860) 706-5535'
    """
    return f"({e164[2:5]}) {e164[5:8]}-{e164[8:]}" if area_code(e164) else ""

# ---- characters a reader cannot see -------------------------------------------
# Unicode's "Cf" (format) category holds the zero-width space and joiners, the
# word joiner, the byte-order mark and the bidirectional controls (U+202A–U+202E,
# U+2066–U+2069) that can make a name read differently from what it holds; "Cc"
# holds the C0 and C1 controls, among them ESC, which starts the ECMA-48
# sequences ("ESC [ 2 J" clears a terminal, "ESC ] 0 ; … BEL" retitles it).

# ECMA-48 control sequences (CSI "ESC [ … final") and operating system
# commands (OSC "ESC ] … BEL" or "ESC ] … ESC \"), removed whole.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")


def _hidden(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cf", "Cc")


def invisible(text: str) -> list[str]:
    """The invisible and control characters of `text`, as U+XXXX codes, in order."""
    return [f"U+{ord(ch):04X}" for ch in text if _hidden(ch) and ch not in "\t"]


def visible(text: str) -> str:
    """`text` without its escape sequences and invisible characters, spaces collapsed and trimmed.

    >>> visible("Fusion\\u200b Center\\u202e")
    'Fusion Center'
    >>> visible("Arkansas State Fusion Center\\x1b]0;pwned\\x07\\x1b[2J")
    'Arkansas State Fusion Center'
    """
    text = _ESCAPE_SEQUENCE.sub("", text)
    return " ".join("".join(" " if ch == "\t" else ch for ch in text if ch == "\t" or not _hidden(ch)).split())


# ---- names ---------------------------------------------------------------------

# What follows a name's last ";" or ":" when it is a place: "City, ST". Matched
# from that one position, with no two quantifiers over the same characters, so
# it runs in linear time on any line.
# The hyphens a printer breaks a word with at a line's end: ASCII, U+2010 (CSS `hyphens:
# auto`), the soft hyphen and the non-breaking hyphen. The PDF reader joins a word broken at one;
# normalize and check name an address under a word a reader left broken.
LINE_END_HYPHENS = ("-", "\u2010", "\u00ad", "\u2011")
_PLACE_TAIL = re.compile(r"[^;:()]+,\s*[A-Za-z.][A-Za-z .]*")
_PARENTHETICAL = re.compile(r"\([^()]*\)")
_NOT_WORD = re.compile(r"[^a-z0-9]+")
# Footnote marks after a name ("Dallas Fusion Center; Dallas, TX\u2020", "Alabama Fusion Center*", a
# superscript figure): a note's reference, no part of the name.
_NOTE_MARK = re.compile(r"\s*[*\u2020\u2021\u00a7\u00b6\u00b9\u00b2\u00b3\u2070-\u2079]+\s*$")


# Joiners and presentation selectors inside an emoji ("\u260e\ufe0f", a family joined by U+200D).
_EMOJI_JOINERS = frozenset("\ufe0e\ufe0f\u200d")


def is_pictograph(text: str) -> bool:
    """Whether `text` is only pictographic symbols (Unicode's "other symbol" from the arrows on:
    "\u260e", "\u2709", "\U0001F4CD"; not "\u00a9" or "\u2122"), with their joiners: an icon a page
    sets before a value as its marker."""
    marks = [ch for ch in text if ch not in _EMOJI_JOINERS]
    return bool(marks) and all(unicodedata.category(ch) == "So" and ord(ch) >= 0x2190 for ch in marks)


def without_icon(text: str) -> str:
    """`text` without the icon it begins with ("\u260e Phone: (334) 517-2660" is "Phone: (334) 517-2660"),
    when an icon and a space begin it and text follows; `text` as it is otherwise."""
    head, space, rest = text.lstrip().partition(" ")
    return rest.strip() if space and rest.strip() and is_pictograph(head) else text


def strip_place_suffix(text: str) -> str:
    """ "Dallas Fusion Center; Dallas, TX" -> "Dallas Fusion Center" (also after ":")."""
    text = strip_markdown_link(text)
    cut = max(text.rfind(";"), text.rfind(":"))
    if cut >= 0 and _PLACE_TAIL.fullmatch(text, cut + 1):
        return text[:cut].strip()
    return text


def name_key(text: str) -> str:
    """A center's name reduced to what identifies it: no link brackets, no
    "; City, ST" suffix, no parentheticals, "&" as "and", lower case, words only.

    >>> name_key("[Wisconsin Statewide Information Center](#)")
    'wisconsin statewide information center'
    >>> name_key("Los Angeles Joint Regional Intelligence Center: Los Angeles, CA")
    'los angeles joint regional intelligence center'
    >>> name_key("Central Florida Intelligence Exchange (CFIX)")
    'central florida intelligence exchange'
    >>> name_key("Austin Regional Intelligence Center; Austin, TX \u2020"), name_key("Alabama Fusion Center*")
    ('austin regional intelligence center', 'alabama fusion center')
    """
    text = _PARENTHETICAL.sub(" ", strip_place_suffix(_NOTE_MARK.sub("", visible(text)))).replace("&", " and ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def ends_name(text: str) -> bool:
    """Whether a line ends the way a center's name does: its last word (the place suffix and
    parentheticals aside, `name_key`) is one a name ends with (`NAME_ENDS`).

    >>> ends_name("Massachusetts Commonwealth"), ends_name("Dallas Fusion Center; Dallas, TX")
    (False, True)
    """
    key = name_key(text)
    return bool(key) and key.rsplit(" ", 1)[-1] in NAME_ENDS


_ANY_SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.\-]*://)?(?:www\.)?")


def contact_key(kind: str, text: str) -> str:
    """How two writings of one contact value compare: a phone in E.164 as it
    is; an email in lower case; a web address in lower case without its
    scheme, "www." and final "/".

    >>> contact_key("url", "http://www.CT.gov/demhs/") == contact_key("url", "www.ct.gov/demhs")
    True
    >>> contact_key("email", "mailto:CTIC@ct.gov")
    'ctic@ct.gov'
    """
    text = text.strip()
    if kind == Kind.EMAIL:
        return text.lower().removeprefix("mailto:")
    if kind == Kind.URL:
        return _ANY_SCHEME.sub("", text.lower()).rstrip("/")
    return text
