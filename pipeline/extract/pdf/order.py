"""Reading order: the pages' regions as lines in reading order, with the lines a narrow column, a
list item or a monospaced print wrapped joined back (across columns and pages too), and a
printer's line-end hyphenation undone as the document itself spells its words.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace


from pipeline.extract.lines import BOILERPLATE, LEADER, classify_line, section_designation
from pipeline.fields import label_of
from pipeline.extract.pdf.layout import Cell, cut, ruled_between, same_type
from pipeline.extract.pdf.pages import (
    BULLET_GLYPHS, Box, HYPHENS, PdfPage, TextLine, Word, _HYPHEN_FORMS, _SCHEME, address_host, group_lines,
    is_address, is_styled, is_symbol_glyph, is_value, known_host)
from pipeline.extract.pdf.settings import SETTINGS
from pipeline.records import SourceRef
from pipeline.reference import state_code
from pipeline.text import is_pictograph, parse_place


# Words a heading does not end with: a line ending in one goes on in the next.
_JOINING_WORDS = frozenset({"and", "of", "for", "the", "in", "on", "to"})


# An address ending in a one-letter domain label was cut short: no domain ends so.
_ONE_LETTER_LABEL = re.compile(r"\.[a-z]$", re.I)
# The rest of a labeled number the printer wrapped: digits, a parenthesis, an extension.
_NUMBER_GOES_ON = re.compile(r"[\d(+]|(?:ext|x)\b|x\d", re.I)



@dataclass(frozen=True)
class Line:
    """A line of text in reading order, wrapped parts joined back."""

    text: str
    ref: SourceRef
    styled: bool  # bold or larger than the body: the document marks it as a heading
    bullet: bool  # a list item: a bullet glyph or shape stood before it
    unsure: bool = False  # an address joined at a line-end hyphen that may be the printer's
    cells: tuple[str, ...] = ()  # a printed sheet's row: its cells (`sheet.read_sheet`)
    header: bool = False  # the sheet's header row
    notes: tuple[tuple[int, str], ...] = ()  # its cells' notes: (column, "hyphen") (`sheet.joined_row`)
    x0: float = 0.0  # where its first line starts on the page, and its top
    top: float = 0.0
    read_on: int = 0  # the page it is read with, where not its own (a table cell's end on the next page)
    box: tuple[float, float, float, float] = ()  # (x0, top, x1, bottom) of its parts on the page, () when not known
    hidden: bool = False  # text the page holds but does not show (`visible`): never read, reported
    cell: tuple[int, int, int] | None = None  # a table cell's (column, row, rows on its page) (`Placed`)
    cut: bool = False  # the page shows a word of it only in part (`pages.Word.cut`): never read, reported
    overprinted: bool = False  # other text is printed over a word of it (`pages.Word.overprinted`): read, reported
    past_edge: bool = False  # a word of it runs past the page's edge, read with its rest (`pages.Word.past_edge`): reported
    split: bool = False  # an address filling its column to the last cell, or the line under it (`split_unsure`): reported


@dataclass(frozen=True)
class Placed:
    """A line of a region with what joining needs to know."""

    line: TextLine
    number: int
    region_right: float
    gap_before: float  # empty height above it in its region; infinite for a region's first line
    bullet: bool
    item_indent: float | None  # where the text of the region's list items starts; None without items
    start: float = 0.0  # the left edge of the line as printed, its typed bullet included
    region_left: float = 0.0
    column_right: float = 0.0  # the right edge of the region's column: its longest line at the region's left edge
    at_foot: bool = False  # the line is on the page's lowest line of text
    at_head: bool = False  # the line is on the page's highest line of text
    page: int = 1
    marker_at: float | None = None  # where the region's first typed bullet stands; None without one
    cell: tuple[int, int, int] | None = None  # a table cell's (column, row, rows on the page); None outside one
    table: tuple[float, ...] = ()  # a table cell's table's gutters
    links: tuple[str, str] = ("", "")  # the targets of the links its first and its last word stand under ("" for none)


def bullet_start(line: TextLine, marks: Sequence[Box], em: float) -> tuple[bool, TextLine]:
    """Whether the line is a list item, and the line without its bullet glyph."""
    first = line.words[0]
    if (first.text in BULLET_GLYPHS or is_symbol_glyph(first) or is_pictograph(first.text)) and len(line.words) > 1:
        return True, TextLine(line.words[1:])
    if first.text[:1] in BULLET_GLYPHS - {"-", "–", "*"} and len(first.text) > 1:
        word = replace(first, text=first.text[1:].lstrip())
        return True, TextLine((word, *line.words[1:]))
    for mark in marks:
        middle = (mark.top + mark.bottom) / 2
        if (SETTINGS.min_mark_em * em <= mark.x1 - mark.x0 <= SETTINGS.mark_em * em and line.top <= middle <= line.bottom
                and line.x0 - SETTINGS.mark_reach_em * em <= mark.x1 <= line.x0):
            return True, line
    return False, line


def continues(previous: Placed, current: Placed, size: float, in_item: bool = False,
              following: Placed | None = None, cell: float = 0.0, spelling: Spelling | None = None,
              joined: str = "", under_heading: bool = False, beyond: Placed | None = None) -> bool:
    """Whether `current` carries on `previous`, wrapped for want of room.

    It must stand close under it in the same font, its first word must not
    have fitted at the end of `previous`, and it must not start something of
    its own: a list item, a labeled line, an email or website, a place line.
    A line that ends in a hyphen was broken there by the printer. In a list
    item (`in_item`), a line set at the item's hanging indent is its wrapped
    end whatever it reads like ("Austin, TX" after "Austin Regional
    Intelligence Center;"): only a bullet starts the next item. `joined` is the
    line so far, `previous` joined on (`address_so_far`). `under_heading`: `previous` is the
    first line under a heading set in other type (bold or larger), so no line of the heading.
    `beyond`: the line under `following` (a place line the printer wrapped: `wraps_place`).
    """
    if current.bullet or current.gap_before >= SETTINGS.paragraph_em * size:
        return False
    first, last = current.line.words[0], previous.line.words[-1]
    if not same_type(first, last):
        return False
    # A label the printer broke ("Alternate" / "Phone: (302) 739-5996"): its first word starts a line
    # of its own, and the line after it goes on it.
    if broken_label(previous.line.text, current.line.text):
        return True
    if following is not None and broken_label(current.line.text, following.line.text):
        return False
    # An address, then an address of its own under it (an item's email, then a website set without
    # an item's marker, at the marker's x): two values, wherever the second line starts.
    address = address_so_far(previous, joined)
    if in_item and address and not address_goes_on(address, current.line.text, spelling):
        return False
    room = previous.region_right - previous.line.x1
    fitted = (2 * cell if cell else SETTINGS.space_em * first.size) + (first.x1 - first.x0) <= room
    # An item's line at its hanging indent, whether or not its first word looked as if it had
    # fitted (words tied by a no-break space, "St.~Louis", wrap together); a paragraph that types
    # its bullet wraps under the bullet, not under the item's text, alike.
    if in_item and (abs(current.line.x0 - previous.line.x0) <= SETTINGS.hanging_em * size
                    or current.item_indent is not None
                    and abs(current.line.x0 - current.item_indent) <= SETTINGS.hanging_em * size):
        return True
    if (in_item and (abs(current.line.x0 - previous.start) <= SETTINGS.hanging_em * size
                     or under_item(previous, current, size))
            and not BOILERPLATE.match(current.line.text.strip()) and not is_styled(current.line, size)):
        return True
    # A monospaced print's space is a cell, and a printer that wraps words keeps the last cell free.
    if fitted:
        return False
    if (last.text.endswith(HYPHENS) or is_styled(previous.line, size) and is_styled(current.line, size)
            or starts_address(previous, current)):
        return True  # a hyphen the printer broke at, a heading's next line, or an address's rest
    if starts_address(current, following) and not names_no_host(address):
        return False
    if address:
        return address_goes_on(address, current.line.text, spelling)
    text = current.line.text
    if known_label(text):
        return False
    # A labeled number ends its line unless its digits go on (a justified line a break ends is
    # stretched across its column: its right edge says nothing of the room); so does its wrapped
    # rest ("Phone: (404)" / "486-6420" / "generalin-": the line so far, `joined`, is labeled).
    if (known_label(previous.line.text) or known_label(joined)) and not _NUMBER_GOES_ON.match(text):
        return False
    # A place line the printer wrapped (after its comma, at a space or a hyphen in its state) starts
    # under a heading that ends where headings end ("Virginia Fusion Center" / "North Chesterfield," /
    # "Virginia", "Missouri Information" / "Analysis Center" / "Jefferson City, Mis-" / "souri"): it is
    # no part of the heading ("…Center;" / "Miami," / "FL" is). Under a heading set in other type the
    # line before is no heading's ("North" / "Chesterfield," / "Virginia" in a narrow table cell).
    if (following is not None and not breaks_off(previous.line.text) and not under_heading
            and wraps_place(text, following.line.text)):
        return False
    # A place line goes on a heading the printer wrapped ("…Center; Carson" / "City, NV") when
    # the block's own place line follows it (closely, or after the heading's paragraph gap), whole
    # or wrapped ("…13 Fusion Center;" / "Pittsburgh, PA" / "Pittsburgh, Pennsylva-" / "nia").
    return parse_place(text) is None or opens_place(following, beyond)


def known_label(text: str) -> bool:
    """Whether the line starts with a field's label ("Phone:", "Fax:"), an email or a website:
    a wrapped heading may go on with a word and a colon ("…Intelligence" / "Center: Los Angeles, CA")."""
    label = classify_line(text)[0]
    return bool(label) and (label in ("Email", "Website") or bool(label_of(label)))


def broken_label(head: str, rest: str) -> bool:
    """Whether `head`, words with no colon, and the line `rest` are one label broken over two
    lines: together they give a field's label that `rest` alone does not give."""
    if ":" in head or len(head.split()) > 2 or is_address(head):
        return False
    # After a hyphen the label goes on with no space ("Toll-" / "Free: (888) 884-8383").
    joined = f"{head}{rest}" if head.endswith(HYPHENS) else f"{head} {rest}"
    return known_label(joined) and classify_line(joined)[0] != classify_line(rest)[0]


def address_goes_on(address: str, text: str, spelling: Spelling | None = None) -> bool:
    """Whether `text`, the line under an email or website line that was too
    long for its column, is the rest of the address: a word processor breaks
    an address after a slash, or anywhere when no slash is near ("…arkansas.g"
    / "ov", "…ms.gov/msa" / "ic.html"). It is one word, and no address of its own
    unless the address was visibly cut short: after a slash or dot, a one-letter
    label, or at a host no public suffix ends ("…@asp.arkans" / "as.gov"), or
    inside a word the document spells whole elsewhere (`spelled_whole`:
    "…@doj.st" / "ate.or.us", both hosts, but "state" is one word). A piece
    that names no host of its own and starts none ("ic.html", "dex.stm") is the
    rest. A piece that opens a link of its own ("<https://…>", "http://…", "www.…") never
    is (`starts_own_address`). A piece that starts with "@" under an address that holds none
    ("www.oregonfusioncenter" / "@doj.state.or.us", a browser breaking before the "@") is its
    rest: no address starts with "@". A field's label with its colon ("Website:") never is, nor a label,
    a leader and its value ("Website.........fusion.alabama.gov").
    Otherwise the address ends where its line does."""
    if len(text.split()) == 1 and text.startswith("@") and "@" not in address and len(text) > 1:
        return True
    # A web address cut short (it names no host) goes on with its rest though that holds an "@"
    # ("www.oregonfusioncent" / "er@doj.state.or.us", cut at a column's last cell): no address is
    # "www.oregonfusioncent", and the rest starts no address of its own.
    if (len(text.split()) == 1 and "@" in text and "@" not in address and not text.startswith("@")
            and names_no_host(address) and not starts_own_address(address, text)):
        return True
    if (len(text.split()) != 1 or "@" in text or text.startswith("<") or _SCHEME.match(text)
            or starts_own_address(address, text)):
        return False
    if text.endswith(":") and known_label(text):  # a label, its value wrapped to the line after it
        return False  # ("Website:" over a long address): no address's rest
    if LEADER.match(text) and known_label(text):  # a label, a leader and its value ("Website.....www.x.org")
        return False
    starts_own = text.lower().startswith(("www.", "http"))
    cut_short = (address.endswith(("/", ".")) or _ONE_LETTER_LABEL.search(address) is not None
                 or not known_host(address_host(address))
                 or spelling is not None and not starts_own
                 and spelled_whole(address.rpartition(" ")[2], text, spelling) is True)
    return (cut_short or classify_line(text)[0] not in ("Email", "Website")
            or not known_host(address_host(text)) and not starts_own)


def starts_own_address(address: str, text: str) -> bool:
    """Whether `text`, the line after the email or web address `address`, starts an address of its
    own and is never its rest: it starts with a scheme or "www." (inside "<", "(" or "[" too), or
    it holds an "@" after an email (an email has one). Only a bare scheme ("http://") goes on
    with a host ("www.dediac.org"). A printer that wraps or cuts an address breaks it inside,
    so its rest starts with the middle of a host or a path: "diac@state.de.us" and
    "www.dediac.org" are two addresses, whichever way the print set them."""
    piece = text.strip().lstrip("<([\"'").casefold()
    if address.rstrip().endswith("://"):
        return False
    return bool(_SCHEME.match(piece)) or piece.startswith("www.") or "@" in piece and "@" in address


def names_no_host(address: str) -> bool:
    """Whether an email or web address line names no host that a public suffix ends ("www.",
    "tewg@", "www.hamilton"): it was cut short, and the line under it is its rest, though that line
    and the next look like an address of their own ("www." / "hamiltoncountyohio-" / "tewg.org")."""
    return bool(address) and not known_host(address_host(address))


def starts_address(current: Placed, following: Placed | None) -> bool:
    """Whether a one-word line that ends in a hyphen and the one-word line under it make one
    email or web address ("HRISC-" / "Fusioncenter@houstonpolice.org": a printer breaks an
    address after its own hyphen; "generalin\u2010" / "fo@gisac.gbi.ga.gov", a hyphenator's,
    joined without it): the line starts the address, it does not end the line above. So does a
    line of an address's lower-case letters that ends in a dot, over an email ("intelligence." /
    "fusion@ksag.org": a printer breaks an address after a dot; a word of prose, a name or a
    place, "D.C.", is no such piece)."""
    words = current.line.words
    if following is None or len(words) != 1 or len(following.line.words) != 1:
        return False
    piece, rest = words[0].text, following.line.words[0].text
    if piece.endswith(HYPHENS):
        joined = piece + rest if piece.endswith("-") else piece[:-1] + rest
        return classify_line(joined)[0] in ("Email", "Website")
    return opens_email(piece, rest)


def opens_email(piece: str, rest: str) -> bool:
    """Whether `piece`, a word of an address's lower-case letters that ends in a dot, and `rest`, a
    word with an "@", are one email a printer broke after the dot ("intelligence." / "fusion@ksag.org")."""
    return (_ADDRESS_PIECE.fullmatch(piece) is not None and "@" in rest and "@" not in piece
            and classify_line(piece + rest)[0] == "Email")


# The first piece of an email's local part a printer broke after a dot: lower-case letters and digits.
_ADDRESS_PIECE = re.compile(r"[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*\.")


def heading_goes_on(previous: Placed, current: Placed, size: float, leading: float = 0.0) -> bool:
    """A heading set over several lines, in one heading style, is one heading, also when the
    foot of a column ends with it and the next column goes on in its style: a heading stands
    above its text, so the foot of a column is no place where one ends."""
    first, last = current.line.words[0], previous.line.words[-1]
    first_of_region = current.gap_before == float("inf")
    next_column = first_of_region and current.line.top < previous.line.top
    # Large type stands further apart than the body's paragraph gap: a heading's own lines are
    # within SETTINGS.heading_gap_em of its own size of each other, at the page's own leading (the
    # distance from line to line, in em of their size, within SETTINGS.leading_slack).
    pitch = (current.line.top - previous.line.top) / first.size
    just_below = (first_of_region and 0 <= current.line.top - previous.line.bottom <= SETTINGS.heading_gap_em * first.size
                  and leading > 0 and pitch <= (1 + SETTINGS.leading_slack) * leading)
    # Across regions only a line that wrapped for want of room (its next word did not fit).
    # A one-line region shows no column edge: below it, the next region's shows it.
    right = previous.region_right if next_column else max(previous.region_right, current.region_right)
    wrapped = SETTINGS.space_em * first.size + (first.x1 - first.x0) > right - previous.line.x1
    # Within a region a heading's line ends where the next word had no room, where it breaks off
    # ("...Group;" / "Cincinnati, OH"), or it is centred over the next: a short heading with room
    # to spare ("CONTACTS", "Fusion Center Contacts") is a heading of its own over the next one.
    tolerance = SETTINGS.space_em * first.size
    centred = (abs((previous.line.x0 + previous.line.x1) - (current.line.x0 + current.line.x1)) / 2 <= tolerance
               and abs(previous.line.x0 - current.line.x0) > tolerance)
    ended = not (wrapped or centred or breaks_off(previous.line.text))
    close = current.gap_before < SETTINGS.paragraph_em * size and not ended or (next_column or just_below) and wrapped
    return (is_styled(previous.line, size) and is_styled(current.line, size)
            and close and not current.bullet and same_type(first, last))


def heading_wraps(previous: Placed, current: Placed, size: float) -> bool:
    """Whether a heading at the foot of a page goes on at the top of the next: both lines in one
    heading type, the first the last line of its page and the second the first of the next, and
    the first wrapped for want of room (the next line's first word did not fit after it in its
    column: "Cincinnati/Hamilton" / "County Regional Terrorism…"). A heading stands above its
    text, so no heading ends at a page's foot when its next word had no room there; a heading
    that ends with room to spare ("Primary Fusion Centers") ends there."""
    first, last = current.line.words[0], previous.line.words[-1]
    if not (previous.at_foot and current.at_head and same_type(first, last)
            and is_styled(previous.line, size) and is_styled(current.line, size)):
        return False
    # A one-line region shows no column edge of its own: the column's longest line shows it.
    right = max(previous.region_right, previous.column_right)
    return SETTINGS.space_em * first.size + (first.x1 - first.x0) > right - previous.line.x1


def breaks_off(text: str) -> bool:
    """Whether a line stops where no heading ends: after a comma, a semicolon, a hyphen, a slash,
    an ampersand or a joining word ("Orange County," / "CA" at the top of the next column)."""
    text = text.rstrip()
    return text.endswith((",", ";", "-", "\u2010", "/", "&")) or text.rpartition(" ")[2] in _JOINING_WORDS


def under_item(previous: Placed, current: Placed, size: float) -> bool:
    """Whether `current` stands between where its column's typed bullets stand and where its items'
    text starts: an item's wrapped line at the hanging indent (a bullet's width in) when the stretch
    of justified lines moves the text of every item's first line further right."""
    if current.marker_at is None or current.item_indent is None:
        return False
    slack = SETTINGS.hanging_em * size
    return current.marker_at - slack <= current.line.x0 <= current.item_indent + slack


def item_goes_on(previous: Placed, current: Placed, size: float, in_item: bool, cell: float = 0.0) -> bool:
    """Whether `current`, the first line of a region, ends the list item that
    the region before it ended with: a list set in columns breaks an item at
    the foot of one column or page and goes on at the top of the next. The line
    has no bullet, stands at the indent of the items' text in its own region (or,
    where the items type their bullets and wrap under them, where the bullets
    stand), in the item's font, and is no heading. On a monospaced page (`cell`) the item's
    line ran out of cells (its column's last cells could not hold the next line's first word: a
    print's next page may start with a heading at the bullets' x) or stops where no item's text
    ends ("…Center; Chicago," a typesetter that breaks a paragraph's lines all at once left short)."""
    if not in_item or current.bullet or current.gap_before != float("inf") or current.item_indent is None:
        return False
    if (cell and not breaks_off(previous.line.text)
            and previous.column_right - previous.line.x1 >= 2 * cell + (current.line.words[0].x1 - current.line.words[0].x0)):
        return False  # the print had room for it, and the item's text could end there: the item ended
    if not (current.line.top < previous.line.top if current.page == previous.page else current.at_head):
        return False  # not the top of the next column or page
    first, last = current.line.words[0], previous.line.words[-1]
    # Items that type their bullets wrap under them: the item's first line has its bullet left of its
    # text, or its last line so far is a wrapped line that stands where the bullets do and stops
    # where the item cannot end ("…Center; Chicago,") or where the next word had no room.
    room = max(previous.region_right, previous.column_right) - previous.line.x1
    under_bullets = previous.start < previous.line.x0 or (
        not previous.bullet and previous.marker_at is not None
        and abs(previous.line.x0 - previous.marker_at) <= SETTINGS.hanging_em * size
        and (breaks_off(previous.line.text) or SETTINGS.space_em * first.size + (first.x1 - first.x0) > room))
    at = [x for x in (current.item_indent, current.marker_at if under_bullets else None) if x is not None]
    return (any(abs(current.line.x0 - x) <= SETTINGS.hanging_em * size for x in at)
            and same_type(first, last) and not is_styled(current.line, size)
            and not BOILERPLATE.match(current.line.text.strip()) and not starts_list(current.line.text))


def starts_list(text: str) -> bool:
    """Whether the line is a list's heading ("Recognized Fusion Centers"): it heads the items
    after it and ends none before it, wherever it stands (the top of a column or page, at the
    items' indent, in the items' type)."""
    return bool(section_designation(text))


def address_so_far(previous: Placed, joined: str = "") -> str:
    """The email or web address the line `previous` ends, "" where it ends none: its own text, or,
    where it is one word joined on to the lines before it (`joined`, the line so far), that line
    ("www.publicsafety.utah." / "gov/investigations/sia": the middle piece of an address broken
    over three lines is no address of its own, and the piece under it goes on the address)."""
    if len(previous.line.words) == 1 and joined.strip() and is_address(joined):
        return joined.strip()
    text = previous.line.text.strip()
    return text if is_address(text) else ""


def address_runs_on(previous: Placed, current: Placed, joined: str = "") -> bool:
    """Whether an email or web address at the foot of a column or page goes on at the top of the
    next: it was visibly cut short there (after a slash, a dot or a hyphen, or in a one-letter
    label), and the next column's first line is one word, no address of its own (`joined`: the
    line so far, `address_so_far`). Where the address stands under a link, its rest stands under
    the same link: a word under no link, or another's ("No" on a button atop the next column,
    under "www.mbhhsr.org/"), is no rest of it."""
    text = address_so_far(previous, joined)
    linked = previous.links[1]
    return (current.gap_before == float("inf") and previous.at_foot and current.at_head
            and not current.bullet and bool(text) and (not linked or current.links[0] == linked)
            and (text.endswith(("/", ".", *HYPHENS)) or _ONE_LETTER_LABEL.search(text) is not None)
            and len(current.line.words) == 1 and "@" not in current.line.text
            and not is_address(current.line.text))


_ALNUM_RUN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Spelling:
    """How the document itself spells its words: what decides how a broken line is joined.

    `hyphenated`: the words it spells with a hyphen inside ("counter-terrorism"), casefolded,
    the hyphen as "-"; `slashed`: those it spells with a slash inside ("cincinnati/hamilton"). `counts`:
    how often each run of letters and digits stands in its words (casefolded; an address gives each
    of its parts: "homelandsecurity", "ky", "gov"). `ending`: how often each run ends a word that
    ends in a hyphen (a line's end the printer may have broken: "Hous-" of "Center; Hous-" /
    "ton, TX" is no word of its own)."""

    hyphenated: frozenset[str] = frozenset()
    counts: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)
    slashed: frozenset[str] = frozenset()
    ending: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False)

    def count(self, run: str) -> int:
        """How often the document spells `run` (casefolded) as a whole run of letters and digits."""
        return self.counts.get(run.casefold(), 0)

    def alone(self, run: str) -> int:
        """How often it spells `run` so where no hyphen follows it at a word's end (`ending`)."""
        return self.count(run) - self.ending.get(run.casefold(), 0)


def spelling(pages: Sequence[PdfPage]) -> Spelling:
    """The document's own spelling (`Spelling`), from every word of every page."""
    hyphenated, slashed, counts, ending = set(), set(), Counter(), Counter()
    for page in pages:
        for w in page.words:
            text = _HYPHEN_FORMS.sub("-", w.text.strip(".,;:()")).casefold()
            if "-" in text.strip("-"):
                hyphenated.add(text)
            if "/" in text.strip("/"):
                slashed.add(text)
            runs = _ALNUM_RUN.findall(text)
            counts.update(runs)
            if runs and text.endswith("-"):
                ending[runs[-1]] += 1
    return Spelling(frozenset(hyphenated), dict(counts), frozenset(slashed), dict(ending))


def _edge_runs(last: str, first: str) -> tuple[str, str]:
    """The run of letters and digits that ends `last` and the one that starts `first`."""
    a = _ALNUM_RUN.findall(last)
    b = _ALNUM_RUN.findall(first)
    return (a[-1] if a and last[-1:].isalnum() else ""), (b[0] if b and first[:1].isalnum() else "")


def more_whole(last: str, first: str, spelling: Spelling) -> bool:
    """Whether the document spells the two pieces joined more often than the rarer piece alone (each
    counted without the break itself): an address's hyphen is dropped on no weaker evidence. A piece
    of another address the printer broke at the same words ("www.hamiltonco" / "untyohio-tewg.org"
    beside "tewg@hamilton-" / "co.org") spells the whole once, as often as "hamilton" stands alone:
    the hyphen may be the address's own."""
    a, b = _edge_runs(last, first)
    return bool(a and b) and spelling.count(a + b) > min(max(0, spelling.count(a) - 1), max(0, spelling.count(b) - 1))


def spelled_whole(last: str, first: str, spelling: Spelling) -> bool | None:
    """Whether the document spells the two pieces of a broken word as one word (True), as two
    words (False), or cannot tell (None), from how often it spells each elsewhere (a piece counted
    without the break itself, where it stands once): one word where it spells the whole at least
    as often as the rarer piece ("North" / "ern": "Northern"); two where it spells both pieces more
    often than the whole ("Kansas" / "City"), or never the whole and a piece as a word of its own
    ("Center" / "Hato": a cut inside a word leaves pieces that are no words, "Cente" / "r")."""
    a, b = _edge_runs(last, first)
    if not a or not b:
        return None
    whole = spelling.count(a + b)
    alone = (max(0, spelling.count(a) - 1), max(0, spelling.count(b) - 1))
    if whole and whole >= min(alone):
        return True
    # A piece of one letter is a word of its own only where the document spells it so more than
    # once ("a", "I"): a print that cuts inside words leaves such pieces ("(M" / "ATRIX);").
    words = [n for n, piece in zip(alone, (a, b)) if n >= (2 if len(piece) == 1 else 1)]
    if min(alone) > whole or not whole and words:
        return False
    return None


def wrapped_place(previous: Placed, current: Placed, following: Placed | None) -> bool:
    """Whether `current` opens a place line the printer wrapped ("East Greenbush, New" / "York" at
    the top of the next column, under a heading that ended the column before: `wraps_place`); and the
    line before ends where a heading may end (`breaks_off`: "Orange County," / "CA" is a heading's
    end)."""
    if following is None or breaks_off(previous.line.text):
        return False
    return wraps_place(current.line.text, following.line.text)


def wraps_place(text: str, rest: str) -> bool:
    """Whether a line and the line under it are one place line the printer wrapped: the comma is in
    the line, neither is a place by itself, and the two joined as a printer breaks a line (at a
    space, or at a hyphen it added: `join_broken`) are one ("East Greenbush, New" / "York",
    "Jefferson City, Mis-" / "souri", "Charleston, West Vir-" / "ginia")."""
    text, rest = text.strip(), rest.strip()
    return ("," in text and parse_place(text) is None and parse_place(rest) is None
            and parse_place(join_broken(text, rest)) is not None)


def opens_place(line: Placed | None, following: Placed | None) -> bool:
    """Whether `line` is a place line, by itself or wrapped over the line under it (`wraps_place`)."""
    if line is None:
        return False
    return parse_place(line.line.text) is not None or following is not None and wraps_place(
        line.line.text, following.line.text)


# How a line break was joined back (`broken_join`).
JOINED, HYPHENATION, ADDRESS_HYPHEN_KEPT, ADDRESS_HYPHEN_UNSURE = "", "hyphenation", "kept", "unsure"


def join_broken(before: str, after: str, spelling: Spelling = Spelling(), hyphenates: bool | None = None) -> str:
    """Two pieces of one line the printer broke, joined back (`broken_join`)."""
    return broken_join(before, after, spelling, hyphenates)[0]


def broken_join(before: str, after: str, spelling: Spelling = Spelling(),
                hyphenates: bool | None = None) -> tuple[str, str]:
    """Two pieces of one line the printer broke, joined back, and how (JOINED, HYPHENATION for a
    hyphen the printer added and that is dropped, ADDRESS_HYPHEN_KEPT or ADDRESS_HYPHEN_UNSURE for
    a hyphen at the break inside an address).

    After a hyphen of any form, the break may be hyphenation (TeX's "Cen-" / "ter", CSS's
    "Informa‐" / "tion"): the word is joined without it when the document spells it whole
    elsewhere, or spells neither form and it is no number ("517-" / "2660") and no capitalized
    word after an ASCII hyphen ("Multi-" / "Agency"); the hyphen (as "-") is kept, with no space,
    when the document spells the word with a hyphen elsewhere ("Counter-Terrorism").

    Inside an email or web address any hyphen form but ASCII is a hyphenator's ("msa\u2010" /
    "ic.html") and is dropped. An ASCII hyphen there may be the address's own ("hamilton-" /
    "co.org": printers break after real ones) or the printer's ("homelandsecu-" / "rity"): it is
    dropped when the document spells the word whole elsewhere ("homelandsecurity"), and kept when
    it spells it with the hyphen, or when the printer does not hyphenate (`hyphenates` False: no
    word of the document was hyphenated). Otherwise it is kept and the join is ADDRESS_HYPHEN_UNSURE:
    the address cannot be read for certain. An address broken elsewhere (it has no spaces) is
    joined without a space, and so is a word broken after a slash inside it ("Cincinnati/" /
    "Hamilton": a reader sees one word); other lines with one.
    """
    head, _, last = before.rpartition(" ")
    first, _, tail = after.partition(" ")
    if last.endswith(HYPHENS) and last.rstrip("".join(HYPHENS)):
        stem = last[:-1]
        word = _HYPHEN_FORMS.sub("-", f"{stem}-{first}".strip(".,;:()")).casefold()
        whole = spelled_whole(stem, first, spelling)
        how = JOINED
        # An address spells its hyphens with "-" only; a break may stand before its "@" ("TXJ-" /
        # "CIC@dps.texas.gov": a capital after the hyphen says nothing inside an address).
        if "@" in last or is_address(before) or "@" in first:
            if not last.endswith("-"):
                keep = False
            elif word in spelling.hyphenated or hyphenates is False or hyphen_joins_words(stem, first, spelling):
                keep, how = True, ADDRESS_HYPHEN_KEPT
            elif whole and more_whole(stem, first, spelling) or hyphen_cuts_word(stem, first, spelling):
                keep, how = False, HYPHENATION
            else:
                keep, how = True, ADDRESS_HYPHEN_UNSURE
        elif word in spelling.hyphenated:
            keep = True
        elif whole or initials_spell(head, stem, first):
            keep, how = False, HYPHENATION
        else:
            keep = first[:1].isdigit() or (last.endswith("-") and first[:1].isupper())
        joined = f"{stem}{'-' if keep else ''}{first}"
        return " ".join(x for x in (head, joined, tail) if x), how
    # A printer breaks after a slash inside a word ("Cincinnati/" / "Hamilton County"), where a reader
    # sees one word: it is joined back, as where the document spells it whole elsewhere (a slash set
    # apart, "Center /" / "Fusion", stands as a word of its own); an address is joined wherever it was broken.
    whole = (last.endswith("/") and _ALNUM_RUN.search(last) is not None
             and first[:1].isalnum() or f"{last}{first}".strip(".,;:()").casefold() in spelling.slashed)
    glue = "" if whole or is_address(before) or opens_email(last, first) else " "
    return f"{before}{glue}{after}", JOINED


_ADDRESS_PARTS = re.compile(r"[/.@?=&#:]")


# A number a narrow cell cut short ("04330-016" / "4", "(334) 517-26" / "60"): whole, a ZIP+4 code
# or a phone number's exchange and line.
_CUT_NUMBER = re.compile(r"\d{5}-\d{4}|\(?\d{3}\)?[-.]?\d{3}-\d{4}|\d{3}-\d{4}")


def cut_in_cell(before: str, after: str, spelling: Spelling) -> bool:
    """Whether a table cell's line ends inside a word that its next line ends: a word too long
    for a narrow cell, cut where the cell ends with no hyphen (CSS `overflow-wrap: anywhere`, a
    table writer breaking a long word: "Massachus" / "etts"), the document spelling the two pieces
    as one word elsewhere (`spelled_whole`), or the cell a state's name once joined, and the rest
    going on in the word's case; or a number cut short that is whole joined (a ZIP+4 code, a
    phone's last digits), never before."""
    last, first = before.rpartition(" ")[2], after.partition(" ")[0]
    if last[-1:].isdigit() and first[:1].isdigit():  # a number cut short: a ZIP+4's or a phone's last digits
        return bool(_CUT_NUMBER.fullmatch(last + first)) and not _CUT_NUMBER.fullmatch(last)
    if not last or not first or last.endswith(HYPHENS) or not last[-1].isalpha() or not first[0].isalpha():
        return False
    if last[-1].islower() and first[0].isupper():
        return False
    # A state's name cut in a narrow State column, cut alike in every row ("Pennsylvan" / "ia"): the
    # pieces, as often spelled as the whole, say nothing; the state's name does.
    if state_code(before + after) and not state_code(f"{before} {after}"):
        return True
    return spelled_whole(last, first, spelling) is True


def hyphen_joins_words(stem: str, first: str, spelling: Spelling) -> bool:
    """Whether a hyphen at a break inside an address ("…/information-analysis-" / "center") is the
    address's own for certain: the piece of the address it stands in (between its dots, slashes
    and "@") joins its words with hyphens elsewhere too, and the document spells the two words at
    the break as words of their own and never as one ("analysis", "center"; never
    "analysiscenter"). A printer's hyphenation cuts a word into pieces that are no words of the
    document ("investiga-" / "tions"); a break between two words where the address spells no
    other hyphen ("…/fusion-" / "center", "fusioncenter" elsewhere) says nothing for certain."""
    a, b = _edge_runs(stem, first)
    if not a or not b or spelling.count(a + b):
        return False
    # Each piece, counted without the break itself.
    if spelling.count(a) < 2 or spelling.count(b) < 2:
        return False
    part = _ADDRESS_PARTS.split(stem)[-1] + "-" + _ADDRESS_PARTS.split(first)[0]
    return part.count("-") >= 2


def hyphen_cuts_word(stem: str, first: str, spelling: Spelling) -> bool:
    """Whether a hyphen at a break inside an address is a printer's hyphenation for certain: neither
    piece at the break is a word the document spells elsewhere (a piece before a line-end hyphen is
    none: "Center; Hous-" / "ton, TX"), and the break cuts one that it does spell, which starts
    where the piece before the break starts and ends past the break, or ends where the piece after
    it ends and starts before the break ("…@hous-" / "tonpolice.org": "Houston"). An address's own hyphen stands between its words ("hamilton-co", "la-safe"), and
    a word of the document standing across it is no word of the address."""
    a, b = _edge_runs(stem, first)
    if not a or not b or spelling.alone(a) > 0 or spelling.count(b) > 1:
        return False
    run = (a + b).casefold()
    starts = (run[:n] for n in range(len(a) + SETTINGS.min_cut_word_piece, len(run)))
    ends = (run[n:] for n in range(1, len(a) - SETTINGS.min_cut_word_piece + 1))
    return any(spelling.count(word) for word in (*starts, *ends))


def initials_spell(head: str, stem: str, first: str) -> bool:
    """Whether a capitalized acronym broken at a line-end hyphen ("(MA-" / "TRIX);") is, joined, the
    capitals of the words before it ("Multi-Agency Tactical Response Information eXchange"): a name's
    acronym spells its words' capitals, so the hyphen is the typesetter's (TeX hyphenates capitals
    too), not the acronym's own."""
    left, right = stem.lstrip("([").rstrip(), first.rstrip(".,;:)]")
    acronym = left + right
    if len(left) < 2 or len(right) < 2 or not (acronym.isalpha() and acronym.isupper()):
        return False
    capitals = "".join(c for word in re.split(r"[\s\-\u2010]+", head) for c in word if c.isupper())
    return capitals.endswith(acronym)


def cell_break(previous: Placed, current: Placed, cell: float) -> str:
    """How a monospaced print's line may run on into the next one, which stands right under it or
    at the top of the next column: "cut" where the line fills its column to the last cell and the
    next starts in the first one (a print that cuts lines where they run out of cells cuts inside
    words), "lead" where the next starts one cell in (the cut fell before a space), "trail" where
    the line ends a cell short of the last (after a space, or where the line ended: no telling),
    "" where neither: the line ended where it did."""
    if not cell or current.bullet:
        return ""
    under = current.gap_before < float("inf") or (
        previous.at_foot and current.at_head and (current.page != previous.page or current.line.top < previous.line.top))
    if not under:
        return ""
    right = max(previous.column_right, previous.region_right)
    full, short = previous.line.x1 >= right - cell / 2, previous.line.x1 >= right - 1.5 * cell
    first, second = current.line.x0 <= current.region_left + cell / 2, current.line.x0 <= current.region_left + 1.5 * cell
    if full and first:
        return "cut"
    if full and second:
        return "lead"
    return "trail" if short and first else ""


_OPENING = "([{<"


# An abbreviation of initials cut after one of its periods ("(Washington, D." / "C.)", "U." / "S."):
# a word of capitals each with its period, and the next line's first word opening with another.
_INITIALS_END, _INITIAL_START = re.compile(r"(?:^|[^\w.])(?:[A-Z]\.)+$"), re.compile(r"[A-Z]\.")


def cut_initials(last: str, first: str) -> bool:
    """Whether a line cut at its last cell ends inside an abbreviation of initials, which the next
    line goes on ("D." / "C.)": "D.C.)"): a print that wraps at word spaces never breaks one (it
    has no space), and one that cuts at the last cell cuts it like any word."""
    return bool(_INITIALS_END.search(last)) and bool(_INITIAL_START.match(first))


def ends_word(last: str) -> bool:
    """Whether a line's last word ends in punctuation that ends a word ("Vegas,", "Center;",
    "(Guam)"), so the next line starts a word of its own; an opening bracket starts the next
    word ("Center (" / "Guam)")."""
    return bool(last) and not last[-1].isalnum() and last[-1] not in _OPENING


def runs_on(previous: Placed, current: Placed, cell: float, spelling: Spelling) -> bool:
    """Whether a print that cuts its lines at the last cell ran this line on into the next: the
    next starts with the space the cut fell before, or the line fills its last cell and the
    document does not spell its last word and the next one's first as two words (a line of
    exactly the column's width, then a line of its own, shows two words there: had the print cut
    a line at that space, the next would start with it), nor ends with punctuation the next line's
    word would stand glued to, nor was stretched to its column's edge (`stretched`: "Phone:  (713)
    884-4710" justified, "HRISC-" atop the next page starts an address of its own); an address runs on wherever it was cut, into a line of one word (a
    line of words after it, "Vermont Intelligence Center", is the next block's); a labeled number
    with all its digits (`whole_number`) ends where it does before an address or a label."""
    kind = cell_break(previous, current, cell)
    if kind == "lead":
        return True
    last, first = previous.line.words[-1].text, current.line.words[0].text
    if kind != "cut" or stretched(previous, cell):
        return False  # a justified line fills its column, wrapped at a word space: no word runs on
    if is_address(previous.line.text) and starts_own_address(previous.line.text, current.line.text):
        return False  # two addresses, one under the other ("diac@state.de.us" / "www.dediac.org")
    if last.endswith(HYPHENS) or is_address(previous.line.text) and len(current.line.words) == 1:
        return True  # an address cut at the last cell goes on in one word: its rest has no space
    if whole_number(previous.line.text) and (is_address(first) or known_label(current.line.text)):
        return False  # "Toll-Free: (855) 692-5425" filling its column, "AKIAC@alaska.gov" under it
    if cut_initials(last, first):
        return True  # "(Washington, D." / "C.)"
    if ends_word(last) and first[:1].isalnum():
        return False  # "…(Las Vegas, Nevada)" / "Las Vegas, Nevada": no word is cut after its punctuation
    return spelled_whole(last, first, spelling) is not False or initials_spell(
        previous.line.text.rpartition(" ")[0], last, first)


def cell_join(before: str, after: str, previous: Placed, current: Placed, cell: float, spelling: Spelling,
              hyphenates: bool | None, cuts_lines: bool = False) -> tuple[str, str]:
    """A monospaced line run on into the next (`cell_break`): after a hyphen as any broken line
    (`broken_join`); at a space with one; an address without. A line cut at its last cell is a
    word cut in two ("Informat" / "ion", as enscript cuts) unless the document prints the two
    pieces as words more often than as one (`spelled_whole`): a typesetter that wraps at word
    spaces fills a line to its last cell now and then too ("Warning" / "Fusion"). No word is cut
    before an opening bracket ("Center" / "(Washington, D.C.)"); an abbreviation of initials cut
    after one of its periods goes on without a space ("D." / "C.)": `cut_initials`), and so does an
    acronym that, joined, spells the capitals of the words before it ("…Information eXchange (MA" /
    "TRIX);": `initials_spell`), though the document spells "MA" as a word (Massachusetts) and
    never the whole where each of its two places cuts it. In a print that cuts its lines of words
    inside words (`cuts_lines`: `cuts_inside_words`) a line cut at its last cell holds no space there: a
    space at the cut stands in the last cell ("trail") or the next line's first ("lead"), so the
    pieces are one word whatever the document spells elsewhere (its other cuts leave pieces of one
    letter that look like words: "Cente" / "r", "…Tactical R" / "esponse")."""
    kind = cell_break(previous, current, cell)
    last, first = before.rpartition(" ")[2], after.partition(" ")[0]
    if last.endswith(HYPHENS) or kind != "cut" or stretched(previous, cell):
        return broken_join(before, after, spelling, hyphenates)
    if is_address(before) or cut_initials(last, first) or opens_email(last, first):
        return before + after, JOINED
    if ends_word(last) and first[:1].isalnum() or first[:1] in _OPENING or first == "&":
        # "(Las Vegas," / "Nevada)": no word is cut at its punctuation, nor before an ampersand
        # standing alone ("…State Analytical" / "& Fusion Exchange" filling the line's 28 cells)
        return f"{before} {after}", JOINED
    if cuts_lines:
        return before + after, JOINED
    whole = spelled_whole(last, first, spelling) is not False or initials_spell(before.rpartition(" ")[0], last, first)
    return (before + after if whole else f"{before} {after}"), JOINED


def fills_column(placed: Placed, cell: float) -> bool:
    """Whether a monospaced line reaches its column's last whole cell: no cell more would fit
    before the column's edge (its longest line's end, which a justified line stretched to it
    may set a fraction of a cell further)."""
    right = max(placed.column_right, placed.region_right)
    return bool(cell) and placed.line.x1 + cell > right + SETTINGS.edge_tolerance


def splits_addresses(placed: Sequence[Placed], cell: float) -> bool:
    """Whether a monospaced print splits a word too long for its column at the column's last cell:
    some address fills its column there and names no host (`names_no_host`: "cpic@chicagopolice.o"
    / "rg"), cut short inside a label (a typesetter that breaks an address only at its dots and
    slashes, as TeX's \\url does, leaves a whole label at each line's end)."""
    return bool(cell) and any(
        len(p.line.words) == 1 and is_address(p.line.text) and names_no_host(p.line.text.strip().rstrip("."))
        and not p.line.text.rstrip().endswith((".", "/", "@", *HYPHENS)) and fills_column(p, cell)
        for p in placed)


def split_unsure(previous: Placed, current: Placed, cell: float, spelling: Spelling, joined: str = "") -> bool:
    """Whether an email or web address that fills its monospaced column to the last cell, in a print
    that splits addresses there (`splits_addresses`), and the one word under it (in its column, or
    atop the next) can be read either way: the second an address of its own by itself (a host a
    public suffix ends, starting with no scheme, "www." or a second "@": `starts_own_address`), the
    first a whole address too, and the document's spelling telling neither ("generalinfo@gisac.gb" /
    "i.ga.gov": "gb" and "i" stand nowhere else, where "…co.gov" / "dhsem.state.co.us" are two, the
    document spelling "gov" and "dhsem" apart)."""
    address = address_so_far(previous, joined)
    text = current.line.text.strip()
    if not (cell and address and len(previous.line.words) == 1 and len(current.line.words) == 1
            and not current.bullet and fills_column(previous, cell)):
        return False
    under = current.gap_before < SETTINGS.paragraph_em * current.line.words[0].size or (
        previous.at_foot and current.at_head and current.gap_before == float("inf"))
    if not under or current.line.x0 > current.region_left + cell / 2 or starts_own_address(address, text):
        return False
    if classify_line(text)[0] not in ("Email", "Website") or not known_host(address_host(text)):
        return False
    if not known_host(address_host(address)):
        return False
    return spelled_whole(address, text, spelling) is None


def stretched(placed: Placed, cell: float) -> bool:
    """Whether a monospaced line was justified: some gap between its words is no whole number of
    cells (off by SETTINGS.cell_grid_slack of one), or wider than a space by SETTINGS.gutter_spaces (a printer
    that cuts or wraps its lines sets every space one cell wide; a word processor or typesetter
    stretches the spaces of a justified line to its column's edge, so a line that reaches its
    last cell so was wrapped at a word space, not cut inside a word: "…Multi-Agency Tactical" /
    "Response", its three spaces 1.2 cells each)."""
    words = placed.line.words
    if not cell:
        return False
    gaps = [(b.x0 - a.x1) / cell for a, b in zip(words, words[1:])]
    return any(g > SETTINGS.gutter_spaces or abs(g - round(g)) > SETTINGS.cell_grid_slack for g in gaps)


def cuts_inside_words(placed: Sequence[Placed], cell: float, spelling: Spelling, lines_of_words: bool = False) -> bool:
    """Whether a monospaced print cuts its lines inside words (a text printer wraps at the last
    cell, where a typesetter wraps between words): some line cut at its last cell is, by the
    document's own spelling, one word with the next line's first. With `lines_of_words`, only a
    line of several words counts, cut where a piece is no word the document spells elsewhere ("…and
    Analysis Center; Shar" / "ing"), and two such lines at least: a printer that wraps at word
    spaces cuts a word only where it is longer than a line (an address), never the last word of a
    line of words, which it would have moved to the next line whole (enscript's --word-wrap:
    "- Southern Nevada Counter-Terrorism" / "Center (Las Vegas, Nevada)" fills the line to the cell
    it keeps free, and "…Center; San" / "Antonio, TX" is two words though an address spells
    "sanantonio")."""
    if not cell:
        return False
    if not lines_of_words:
        return any(cell_break(a, b, cell) == "cut" and not stretched(a, cell)
                   and spelled_whole(a.line.words[-1].text, b.line.words[0].text, spelling)
                   for a, b in zip(placed, placed[1:]))
    found = 0
    for a, b in zip(placed, placed[1:]):
        last, first = a.line.words[-1].text, b.line.words[0].text
        pieces = _edge_runs(last, first)
        if (len(a.line.words) > 1 and cell_break(a, b, cell) == "cut" and not stretched(a, cell)
                and spelled_whole(last, first, spelling) and min(spelling.alone(p) for p in pieces) <= 1):
            found += 1
    return found >= 2


def hyphenates_words(placed: Sequence[Placed], spelling: Spelling) -> bool:
    """Whether the printer hyphenates words with the hyphen an address spells ("-"): some line of
    words (no address) ends with an ASCII hyphen that, by the document's own spelling, breaks one
    word with the next line's first. (A printer that hyphenates with U+2010, as CSS does, leaves
    every ASCII hyphen at a line's end the text's own.)"""
    for a, b in zip(placed, placed[1:]):
        last = a.line.words[-1].text
        if (last.endswith("-") and b.gap_before < float("inf") and not is_address(a.line.text)
                and "@" not in last and spelled_whole(last[:-1], b.line.words[0].text, spelling)):
            return True
    return False


def item_marks(lines: list[TextLine], page: PdfPage, size: float) -> tuple[list[TextLine], list, float | None,
                                                                         float | None]:
    """A region's lines (a bullet on a line of its own left out), each line's (bullet, line
    without it), where its items' text starts and where their typed bullets stand (None without)."""
    # A bullet too wide for its indent stands on a line of its own (groff's .IP): the
    # line under it is its item.
    lone = {i for i, line in enumerate(lines[:-1])
            if len(line.words) == 1 and (line.words[0].text in BULLET_GLYPHS or is_symbol_glyph(line.words[0]))
            and lines[i + 1].x0 > line.x0}
    if lone:
        bulleted = {i + 1 for i in lone}
        lines = [line for i, line in enumerate(lines) if i not in lone]
        kept = [i for i in range(len(lines) + len(lone)) if i not in lone]
        starts = [(True, line) if k in bulleted else bullet_start(line, page.marks, size)
                  for k, line in zip(kept, lines)]
    else:
        starts = [bullet_start(line, page.marks, size) for line in lines]
    # The items' text edge: the leftmost start of an item's text (a justified line after a typed
    # bullet may start its text further right).
    indent = min((line.x0 for bullet, line in starts if bullet), default=None)
    marker = next((printed.x0 for (bullet, line), printed in zip(starts, lines)
                   if bullet and printed.x0 < line.x0), None)
    return lines, starts, indent, marker


def column_items(regions: Sequence[tuple[list[TextLine], float, float]], items: Sequence[tuple],
                 number: int) -> tuple[float | None, float | None]:
    """Where the items' text starts, and their typed bullets, in the column of region `number`
    that has none of its own: the nearest region (the next ones first) that stands over the same
    width and has items (an item's end alone at the top of a column or page)."""
    _, left, right = regions[number]
    order = [*range(number + 1, len(regions)), *range(number - 1, -1, -1)]
    for k in order:
        _, other_left, other_right = regions[k]
        if items[k][2] is not None and other_left < right and left < other_right:
            return items[k][2], items[k][3]
    return None, None


def overrun_edge(regions: Sequence[tuple[list[TextLine], float, float]], lines: Sequence[TextLine], left: float,
                 right: float, cell: float) -> float:
    """The right edge of a region of a monospaced page (`right`: where its longest line of words
    ends), leaving out lines that run into the gutter before the next column: a typesetter that
    cannot break a line in a face whose spaces do not stretch sets it past its column's edge (TeX's
    overfull lines in a typewriter face: "• Ohio Strategic Analysis and Information" running on
    into the next column), and such a line shows no edge. The next column starts where
    SETTINGS.min_column_lines lines or more of the page start, right of the region; a line ending
    less than a cell before it ran into the gutter. Where every line does, the edge is `right`."""
    starts = Counter(round(l, 1) for other, l, _ in regions for _ in other)
    nexts = [l for l, count in starts.items() if l > left + cell and count >= SETTINGS.min_column_lines]
    if not nexts:
        return right
    limit = min(nexts) - cell
    worded = [line.x1 for line in lines if len(line.words) > 1] or [line.x1 for line in lines]
    kept = [x for x in worded if x <= limit]
    return max(kept) if kept else right


def last_column_edge(regions: Sequence[tuple[list[TextLine], float, float]], lines: Sequence[TextLine], left: float,
                     right: float, cell: float, page_width: float) -> float:
    """The right edge of a region of a monospaced page's last column (`right`: where its longest
    line of words ends), leaving out lines set overfull past the column's edge (TeX's typewriter
    face: "• Southern Nevada Counter-Terrorism" runs past the last column into the margin, where no
    next column shows its edge, and a list item "• Chicago Crime Prevention" at the column's foot
    seemed to end with room for "and"). Columns of one print are one width and the text stands
    between like margins: a line of the last column ending more than half a cell past both the
    widest line of the columns left of it (`overrun_edge`'s edges, measured from this column's left
    edge) and the page's width less the first column's left edge ran past it. Where every line
    does, or no column stands left of it, or one stands right of it, the edge is `right`."""
    starts = Counter(round(l, 1) for other, l, _ in regions for _ in other)
    columns = [l for l, count in starts.items() if count >= SETTINGS.min_column_lines]
    if not columns or any(l > left + cell for l in columns):
        return right
    before = [r - l for other, l, r in regions if l < left - cell and round(l, 1) in columns]
    if not before:
        return right
    limit = max(left + max(before), page_width - min(columns)) + cell / 2
    worded = [line.x1 for line in lines if len(line.words) > 1] or [line.x1 for line in lines]
    kept = [x for x in worded if x <= limit]
    return max(kept) if kept else right


def place_lines(page: PdfPage, body: Sequence[Word], size: float, columns: Sequence[float] = (),
                following: Sequence[float] = (), starts: Sequence[float] = (),
                columns_start: Sequence[float] = ()) -> list[Placed]:
    """A page's body lines in reading order, each with what joining needs to know (`columns`: the
    gutters of the table the page before ended with, `columns_start` where its columns start
    there; `following`: those of the table the next page starts with, `starts` where its columns
    start there: `table_starts`; `cut`)."""
    placed: list[Placed] = []
    regions = []
    cells = []  # whether each region is a table's cell
    gutters = []  # its table's gutters
    for region in cut(body, page, size, columns, following, starts, columns_start):
        lines = group_lines(region)
        # The column's right edge: where its lines of words end; a one-word line (an address)
        # may run past it into the gutter, and a line set overfull over the next column's text
        # (its words overprinted there) ends past it.
        worded = [l.x1 for l in lines if len(l.words) > 1 and not any(w.overprinted for w in l.words)]
        right, left = max(worded or [l.x1 for l in lines]), min(l.x0 for l in lines)
        regions.append((lines, left, right))
        cells.append((region.column, region.row, region.rows) if isinstance(region, Cell) else None)
        gutters.append(region.gutters if isinstance(region, Cell) else ())
    items = [item_marks(lines, page, size) for lines, _, _ in regions]
    foot = max((l.bottom for lines, _, _ in regions for l in lines), default=0.0)
    head = min((l.top for lines, _, _ in regions for l in lines), default=0.0)
    slack = page.cell / 2 if page.cell else SETTINGS.edge_tolerance
    if page.cell:  # a monospaced column's edge, its lines run into the gutter left out
        regions = [(lines, left, overrun_edge(regions, lines, left, right, page.cell)) for lines, left, right in regions]
        regions = [(lines, left, last_column_edge(regions, lines, left, right, page.cell, page.width))
                   for lines, left, right in regions]
    for number, (lines, left, right) in enumerate(regions):
        # A column ends where the longest line of any region set at its left edge does (within half
        # a monospaced print's cell): a region of one line shows no column edge of its own.
        column = max((r for _, l, r in regions if abs(l - left) <= slack), default=right)
        lines, starts, indent, marker = items[number]
        if indent is None:  # a region without items of its own: the items of its column
            indent, marker = column_items(regions, items, number)
        previous_bottom = None
        together = cells[number] is not None  # a table cell's lines go together: no paragraph gap between them
        for (bullet, line), printed in zip(starts, lines):
            gap = float("inf") if previous_bottom is None else 0.0 if together else line.top - previous_bottom
            previous_bottom = max(previous_bottom or line.bottom, line.bottom)
            half = (line.bottom - line.top) / 2
            placed.append(Placed(line, len(placed) + 1, right, gap, bullet, indent, printed.x0, left, column,
                                 line.bottom >= foot - half, line.top <= head + half, page.number, marker,
                                 cells[number], gutters[number],
                                 (link_at(line.words[0], page.links), link_at(line.words[-1], page.links))))
    return placed


def table_starts(placed: Sequence[Placed], last: bool = False) -> tuple[float, ...]:
    """Where the columns of the table a page starts with (or ends with: `last`) start: each
    column's leftmost line among the cells of that table (its gutters, the first or last line's);
    () where some column of it shows no line."""
    table = placed[-1 if last else 0].table if placed else ()
    lefts: dict[int, float] = {}
    for p in placed:
        if p.cell is not None and p.table == table:
            lefts[p.cell[0]] = min(lefts.get(p.cell[0], p.line.x0), p.line.x0)
    return tuple(lefts[c] for c in sorted(lefts)) if table and len(lefts) == len(table) + 1 else ()


def page_columns(placed: Sequence[Placed], size: float) -> tuple[float, ...]:
    """The left edges at which a page starts columns: a region's left edge where
    SETTINGS.min_column_lines lines or more of the page start, beside as many lines of a region
    that ends a gutter (SETTINGS.gutter_em) or more left of it. A table's cells are no columns (a
    table's rows are carried over a page break by its own gutters: `cut`)."""
    lines = [p for p in placed if p.cell is None]
    starts = Counter(round(p.region_left, 1) for p in lines)
    return tuple(sorted(left for left, count in starts.items() if count >= SETTINGS.min_column_lines and sum(
        1 for p in lines if p.region_right <= left - SETTINGS.gutter_em * size) >= SETTINGS.min_column_lines))


def other_columns(columns: Sequence[tuple[float, ...]], page: int) -> tuple[float, ...]:
    """The left edges at which the document's pages but the one at index `page` start columns
    (`page_columns`), each once (within SETTINGS.edge_tolerance)."""
    found: list[float] = []
    for left in sorted(x for k, edges in enumerate(columns) if k != page for x in edges):
        if not found or left - found[-1] > SETTINGS.edge_tolerance:
            found.append(left)
    return tuple(found)


def unseen_column(placed: Sequence[Placed], columns: Sequence[float], size: float) -> bool:
    """Whether a line of the page (no table's cell) runs on across a gutter into a column the
    document's other pages start (`other_columns`): a word inside it starts at one of their left edges, a gutter
    (SETTINGS.gutter_em) after the word before it. The page shows too few lines of that column to
    tell it by itself (a listing's last line alone on its page: an email in one column, the
    website in the next)."""
    return any(abs(b.x0 - x) <= SETTINGS.edge_tolerance and b.x0 - a.x1 >= SETTINGS.gutter_em * size
               for p in placed if p.cell is None for a, b in zip(p.line.words, p.line.words[1:]) for x in columns)


def unknown_column(placed: Sequence[Placed], columns: Sequence[float]) -> bool:
    """Whether a page that shows too few lines to tell its own columns (`page_columns` finds none;
    fewer than SETTINGS.min_edge_starts a region's left edge) cuts a region at a left edge where
    none of the document's other pages start a column (`other_columns`), right of its leftmost
    line: a justified line's one stretched gap at the top of a page of two lines ("Wisconsin
    Statewide" / "Information Center") is no gutter, and the page is read in the columns the
    other pages show."""
    lines = [p for p in placed if p.cell is None]
    if not lines or len(lines) >= SETTINGS.min_edge_starts * len({round(p.region_left) for p in lines}):
        return False  # a page of many lines shows its own columns, if any
    left = min(p.region_left for p in lines)
    return any(p.region_left > left + SETTINGS.edge_tolerance
               and all(abs(p.region_left - x) > SETTINGS.edge_tolerance for x in columns) for p in lines)


def table_in_columns(placed: Sequence[Placed], columns: Sequence[float]) -> bool:
    """Whether the page is read as one table (every line a cell) whose columns but the first start
    where the document's other pages start columns (`other_columns`), and shows too few lines to
    tell a table's rows by itself (fewer than SETTINGS.min_edge_starts a column): a page of a few
    lines in those columns, lined up in rows by chance (each column's first block's heading at its
    top, its two lines set apart by a heading's wider leading)."""
    starts = table_starts(placed)
    return (bool(placed) and bool(starts) and all(p.cell is not None for p in placed)
            and len(placed) < SETTINGS.min_edge_starts * len(starts)
            and all(any(abs(s - x) <= SETTINGS.edge_tolerance for x in columns) for s in starts[1:]))


def lines_in_order(pages: Sequence[PdfPage], placed: Sequence[Sequence[Placed]], size: float, source: str,
                   spelling: Spelling = Spelling(), cuts_words: bool = False,
                   hyphenates: bool | None = None, splits: bool = False,
                   cuts_lines: bool = False) -> list[tuple[Line, str]]:
    """The document's body lines in reading order (`place_lines`, page by page), wrapped parts
    joined back, each with how its last join went (`broken_join`); `size` is the body text's, the
    unit of every gap. Lines of two regions are joined only where a list item runs from one
    column or page into the next, a monospaced print runs a line on into the next column or page,
    an address cut short runs on, or a heading the page broke off goes on on the next. In a print
    that splits addresses at its columns' last cell (`splits`: `splits_addresses`), an address that
    fills its column and a line under it that may be its rest or an address of its own are both
    noted `split` (`split_unsure`)."""
    cell = {page.number: page.cell for page in pages}
    by_number = {page.number: page for page in pages}
    leading = {}
    for page_placed in placed:
        pitches = sorted((b.line.top - a.line.top) / b.line.words[0].size for a, b in zip(page_placed, page_placed[1:])
                         if b.gap_before != float("inf") and not b.bullet)
        if page_placed:
            leading[page_placed[0].page] = pitches[len(pitches) // 2] if pitches else 0.0
    joined: list[tuple[Line, str]] = []
    previous: Placed | None = None
    sequence = [line for page_placed in placed for line in page_placed]
    on_page = {page_placed[0].page: page_placed for page_placed in placed if page_placed}
    for k, current in enumerate(sequence):
        in_item = bool(joined) and joined[-1][0].bullet
        following = sequence[k + 1] if k + 1 < len(sequence) else None
        beyond = sequence[k + 2] if k + 2 < len(sequence) else None
        if following is not None and current.cell is not None and (following.cell, following.page) != (
                current.cell, current.page):
            following = None  # a table cell's last line: the next line is another cell's, no rest of it
        if following is None or beyond is not None and current.cell is not None and (beyond.cell, beyond.page) != (
                current.cell, current.page):
            beyond = None
        page_cell = cell[current.page]
        goes_on = False
        linked = None
        unsure = False
        # Words under two links' targets are two addresses, however the lines end: never joined.
        if previous is not None and joined and not apart_links(previous, current):
            so_far = joined[-1][0].text
            # `previous` alone, right under a heading set in other type: the heading's text below it
            under_heading = (len(joined) > 1 and joined[-2][0].styled and not joined[-1][0].styled
                             and (joined[-1][0].ref.line, joined[-1][0].ref.page) == (previous.number, previous.page))
            linked = link_join(previous, current)
            cut_run_on = cuts_words and runs_on(previous, current, page_cell, spelling)
            if previous.page == current.page:
                goes_on = (linked is not None or cut_run_on
                           or continues(previous, current, size, in_item, following, page_cell, spelling, so_far,
                                        under_heading, beyond)
                           or heading_goes_on(previous, current, size, leading[current.page])
                           or item_goes_on(previous, current, size, in_item, page_cell)
                           or address_runs_on(previous, current, so_far)
                           or next_column(previous, current) and column_turn(on_page[current.page], previous, current)
                           and flows_on(previous, current, size, in_item, following, spelling, page_cell, so_far,
                                        beyond))
            elif (previous.cell is not None and current.cell is not None
                  or drawn_row(by_number[previous.page], previous) and drawn_row(by_number[current.page], current)):
                goes_on = False  # a drawn table's row that the page break cuts: each cell goes on in
                # its own column (`carry_over`), not after the row's last cell
            else:  # a heading the page broke off goes on on the next; a line, item or address too
                goes_on = (linked is not None or cut_run_on or item_goes_on(previous, current, size, in_item, page_cell)
                           or address_runs_on(previous, current, so_far)
                           or (joined[-1][0].styled and is_styled(current.line, size) and not current.bullet
                               and (breaks_off(joined[-1][0].text) or heading_wraps(previous, current, size)))
                           or flows_on(previous, current, size, in_item, following, spelling, page_cell, so_far,
                                       beyond))
            unsure = splits and not goes_on and split_unsure(previous, current, page_cell, spelling, so_far)
        if goes_on:
            before, how = joined[-1]
            if linked is not None:  # as the link's target spells it
                text = (before.text[:-1] if linked == DROP_HYPHEN else before.text) + current.line.text
                now = ADDRESS_HYPHEN_KEPT if not linked and before.text.endswith(HYPHENS) else JOINED
            elif page_cell:
                text, now = cell_join(before.text, current.line.text, previous, current, page_cell, spelling,
                                      hyphenates, cuts_lines)
            elif previous.cell is not None and previous.cell == current.cell and cut_in_cell(
                    before.text, current.line.text, spelling):
                text, now = before.text + current.line.text, JOINED
            else:
                text, now = broken_join(before.text, current.line.text, spelling, hyphenates)
            box = _union(before.box, current.line) if current.page == before.ref.page else before.box
            # An address unsure at one of its breaks stays unsure whatever the next break is.
            how = how if how == ADDRESS_HYPHEN_UNSURE else now or how
            joined[-1] = (replace(before, text=text, box=box, cut=before.cut or current.line.cut,
                                  overprinted=before.overprinted or current.line.overprinted,
                                  past_edge=before.past_edge or current.line.past_edge), how)
        else:
            if unsure:  # the address above: its rest, or an address of its own under it
                joined[-1] = (replace(joined[-1][0], split=True), joined[-1][1])
            joined.append((Line(current.line.text, SourceRef(source, current.number, current.page),
                                is_styled(current.line, size), current.bullet, x0=current.line.x0,
                                top=current.line.top, box=_union((), current.line), cut=current.line.cut,
                                overprinted=current.line.overprinted, past_edge=current.line.past_edge,
                                cell=current.cell, split=unsure), JOINED))
        previous = current
    return joined


def link_at(word: Word, links: Sequence[tuple[Box, str]]) -> str:
    """The target of the link the word stands under (its middle inside the link's box); "" for none."""
    x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return next((target for box, target in links if box.x0 <= x <= box.x1 and box.top <= y <= box.bottom), "")


def link_join(previous: Placed, current: Placed) -> str | None:
    """How an address a link shows broken over two lines is joined, as its target spells it: "" (the
    pieces as they stand) or DROP_HYPHEN (the hyphen at the break is the printer's); where the last word
    of `previous` and the first of `current` stand under links to one target (a browser or word
    processor writes a link's box on each of its lines) and the target holds the two pieces joined,
    with the hyphen at the break ("HRISC-" / "Fusioncenter@houstonpolice.org") or without it (a
    hyphen the printer added). An address piece's rest may look like an address of its own
    ("generalinfo@gisac.gb" / "i.ga.gov"): the link says it is not. An address broken over three
    lines or more ("dal‐" / "las.fu‐" / "sion@dpd.ci.dallas.tx.us") ends a middle line of one word in
    the hyphen of its next break, which the next join judges: the piece is matched without it. None
    where no link tells."""
    target = previous.links[1]
    if not target or current.links[0] != target:
        return None
    last, first = previous.line.words[-1].text, current.line.words[0].text
    if len(current.line.words) == 1:
        first = first.rstrip("".join(HYPHENS)) or first
    spelled = target.casefold()
    for word, how in ((last + first, ""), (last[:-1] + first if last.endswith(HYPHENS) else "", DROP_HYPHEN)):
        if len(word) >= SETTINGS.min_link_piece and word.casefold() in spelled:
            return how
    return None


DROP_HYPHEN = "drop"


def apart_links(previous: Placed, current: Placed) -> bool:
    """Whether the last word of `previous` and the first of `current` stand under links to two
    targets: two addresses ("fusioncenter@alacop.gov" / "fusion.alabama.gov"), never one broken
    over two lines, though the first fills its column to the last cell of a monospaced face."""
    first, second = previous.links[1], current.links[0]
    return bool(first and second and first != second)


def next_column(previous: Placed, current: Placed) -> bool:
    """Whether `current` is the first line of a region that stands beside or above the one
    `previous` ends (the top of the next column), not under it."""
    return current.gap_before == float("inf") and current.line.top < previous.line.top


def column_turn(placed: Sequence[Placed], previous: Placed, current: Placed) -> bool:
    """Whether reading turns from the foot of one column to the top of the next between `previous`
    and `current`: no line of the page stands under `previous` within its column, and none above
    `current` within its own (a table's next cell in a row has the cells of the rows before it
    above it)."""
    def within(p: Placed, region: Placed) -> bool:
        """Whether the line `p` stands inside the column of `region` (its left and right edges)."""
        return (p.line.x0 >= region.region_left - SETTINGS.edge_tolerance
                and p.line.x1 <= region.region_right + SETTINGS.edge_tolerance)
    below = any(p.line.top > previous.line.bottom and within(p, previous) for p in placed)
    above = any(p.line.bottom < current.line.top and within(p, current) for p in placed)
    return not below and not above


def flows_on(previous: Placed, current: Placed, size: float, in_item: bool,
             following: Placed | None = None, spelling: Spelling | None = None, cell: float = 0.0,
             joined: str = "", beyond: Placed | None = None) -> bool:
    """Whether `current`, the first line of the next column or page, goes on with `previous`, the
    last of the column or page before. A line goes on where the last was wrapped for want of room
    (its next word did not fit, or it ends in a hyphen), in the same type, and starts nothing of
    its own: no bullet, no heading style, no label, address or place line. In a list item the line
    stands at the item's indent in its own column (under the item's text, or under its typed
    bullet), whatever it reads like. A line that gives a value (a labeled line, a place) ends
    where it does, but for a labeled number short of its digits (`number_goes_on`); an address
    goes on only with its own rest (`address_goes_on`; `joined`: the line so far, `address_so_far`);
    `beyond` is the line under `following`."""
    if current.bullet or is_styled(current.line, size) or is_styled(previous.line, size):
        return False
    first, last = current.line.words[0], previous.line.words[-1]
    text = current.line.text.strip()
    # A monospaced print wraps at its column's last cell (column_right), wherever its region's
    # own lines end (a list of short names, each a paragraph of its own, ends far inside it); a
    # region of one line shows no column edge either (a heading alone at the foot of a page is
    # as wide as itself): the longest line set at its left edge shows it.
    alone = previous.gap_before == float("inf")
    room = (max(previous.region_right, previous.column_right) if alone or cell else previous.region_right) \
        - previous.line.x1
    if completes_number(previous.line.text, text):
        return True  # "Toll-Free:  (866)" / "787-2332", whatever room the column's edge seems to leave
    # A monospaced print's space is a cell, and a printer that wraps words keeps the last cell free
    # (as within a column: `continues`): "Orange County Intelligence" at a column's foot, 11 cells
    # short of its edge, had no room for " Assessment".
    space = 2 * cell if cell else SETTINGS.space_em * first.size
    if (not same_type(first, last) or BOILERPLATE.match(text) or starts_list(text)
            or space + (first.x1 - first.x0) <= room and not last.text.endswith(HYPHENS)):
        return False
    if in_item:  # an item's wrapped end, whatever it reads like ("Austin, TX")
        indent = current.line.x0 - current.region_left
        return (abs(indent - (previous.line.x0 - previous.region_left)) <= SETTINGS.hanging_em * size
                or abs(indent - (previous.start - previous.region_left)) <= SETTINGS.hanging_em * size)
    if starts_address(previous, current):
        return True  # "HRISC-" / "Fusioncenter@houstonpolice.org"
    address = address_so_far(previous, joined)
    if starts_address(current, following) and not names_no_host(address):
        return False
    if address:
        # Where the address stands under a link, its rest stands under the same link (`address_runs_on`):
        # a word under no link, or another's, atop the next column or page is no rest of it.
        linked = previous.links[1]
        return (not linked or current.links[0] == linked) and address_goes_on(address, text, spelling)
    if last.text.endswith(HYPHENS) and not is_value(previous.line.text) and not known_label(text):
        return True  # a word the printer broke at the column's foot: "…Center; Or-" / "ange County, CA"
    if number_goes_on(previous.line.text, text):
        return True  # "Alternate Phone: (978)" / "451-3700" at the top of the next column
    if wrapped_place(previous, current, following):
        return False
    # A place line goes on a heading the printer wrapped at the column's or page's foot ("…Center;
    # San" / "Antonio, TX") when the block's own place line follows it, as within a column (`continues`).
    place = parse_place(text) is not None and not opens_place(following, beyond)
    # An address in angle brackets ("<http://www.dhs.gov/…>", as text files write links) is a value too.
    return not (known_label(text) or place or is_value(previous.line.text.strip().strip("<>")))


# How a line break was joined back (`broken_join`).
JOINED, HYPHENATION, ADDRESS_HYPHEN_KEPT, ADDRESS_HYPHEN_UNSURE = "", "hyphenation", "kept", "unsure"


def _union(box: tuple[float, ...], line: TextLine) -> tuple[float, float, float, float]:
    """The box holding `box` (empty at first) and a printed line."""
    if not box:
        return (line.x0, line.top, line.x1, line.bottom)
    return (min(box[0], line.x0), min(box[1], line.top), max(box[2], line.x1), max(box[3], line.bottom))


def _overlaps(box: tuple[float, ...], line) -> bool:
    return box[0] < line.x1 and line.x0 < box[2]


def with_hidden(ordered: Sequence[Line], hidden: Sequence[TextLine], source: str, page: int) -> list[Line]:
    """A page's lines in reading order with its hidden lines (`TextLine`s of text it does not
    show) put in, each after the shown line it stands under: the nearest line above it
    in its column (any column when none is above it there), before all when none is.
    A hidden line takes the reference of the line it follows (line 1 when first)."""
    after: dict[int, list] = {}
    for line in sorted(hidden, key=lambda l: (l.top, l.x0)):
        above = [i for i, shown in enumerate(ordered) if shown.box and shown.box[1] <= line.top]
        column = [i for i in above if _overlaps(ordered[i].box, line)]
        pick = max(column or above, key=lambda i: (ordered[i].box[1], i), default=-1)
        after.setdefault(pick, []).append(line)
    out: list[Line] = []
    for i in range(-1, len(ordered)):
        if i >= 0:
            out.append(ordered[i])
        ref = ordered[i].ref if i >= 0 else SourceRef(source, 1, page)
        out.extend(Line(line.text, ref, False, False, x0=line.x0, top=line.top,
                        box=(line.x0, line.top, line.x1, line.bottom), hidden=True)
                   for line in after.get(i, ()))
    return out


# --- A drawn table's row that a page break cuts ---------------------------------

def borders(page: PdfPage, top: float, bottom: float) -> tuple[list[float], list[float]]:
    """A page's drawn table about the heights from `top` to `bottom`: the heights of the borders
    that run across it, and the x of its cells' borders there; two empty lists for none."""
    walls = sorted({round(w.x0) for w in page.walls if w.top <= bottom and w.bottom >= top})
    if len(walls) < 3:
        return [], []
    left, right = walls[0], walls[-1]
    levels = sorted({round(r.top, 1) for r in page.rulings
                     if ruled_between(page.rulings, r.top - 1, r.top + 1, left, right)})
    return levels, [float(x) for x in walls]


def drawn_row(page: PdfPage, placed: Placed) -> bool:
    """Whether a line stands in a drawn table (`borders` about its height)."""
    return bool(borders(page, placed.line.top, placed.line.bottom)[0])


def carry_over(lines: list[Line], previous: PdfPage, page: PdfPage, ordered: list[Line], size: float,
               spelling: Spelling) -> list[Line]:
    """A drawn table's row that a page break cuts: each cell goes on in its own column at the
    top of the next page, above the table's first border there (the row has no border under it
    on its page, nor over it on the next, and both pages draw the same cells). Those lines are
    put back, in `lines`, at the end of their cell on the page before (each keeps its own page and
    line), joined to its last line where that was cut short (a label without its value, a broken
    label or number); the rest of `ordered` is returned."""
    tail = [line for line in lines if line.ref.page == previous.number and not line.cells and not line.hidden]
    if not tail or not ordered:
        return ordered
    cut = drawn_cut(tail, previous, page, ordered, size) or cells_cut(tail, ordered, previous, page)
    if cut is None:
        return ordered
    row, head, column, whole = cut
    if not row or not head or len(head) == len(ordered) and not whole or lines[-len(row):] != row:
        return ordered
    start = len(lines) - len(row)
    for line in head:
        k = max((i for i in range(start, len(lines)) if column(lines[i]) <= column(line)), default=None)
        if k is not None and column(lines[k]) == column(line):
            if cell_goes_on(lines[k], line):
                lines[k] = replace(lines[k], text=join_broken(lines[k].text, line.text, spelling),
                                   cut=lines[k].cut or line.cut, overprinted=lines[k].overprinted or line.overprinted,
                                   past_edge=lines[k].past_edge or line.past_edge)
                continue
            # The first word of a broken label, joined to the line before it for want of the next.
            words = lines[k].text.split()
            for n in (1, 2):
                if len(words) > n and classify_line(" ".join(words[:-n]))[0] and broken_label(
                        " ".join(words[-n:]), line.text):
                    lines[k] = replace(lines[k], text=" ".join(words[:-n]))
                    line = replace(line, text=f"{' '.join(words[-n:])} {line.text}")
                    break
        lines.insert(k + 1 if k is not None else start, replace(line, read_on=previous.number))
    return ordered[len(head):]


def drawn_cut(tail: list[Line], previous: PdfPage, page: PdfPage, ordered: list[Line], size: float):
    """A drawn table's row cut by the page break (`carry_over`): its lines on the page before,
    its lines on the next page, the cell a line stands in (how many borders stand left of it), and
    whether the next page may hold nothing but the row's rest; None where the borders show no cut
    row."""
    levels_before, walls_before = borders(previous, tail[-1].top, tail[-1].top + 2 * size)
    levels_after, walls_after = borders(page, ordered[0].top, ordered[0].top + 2 * size)
    if not levels_before or not levels_after or len(walls_before) != len(walls_after) or any(
            abs(a - b) > 1 for a, b in zip(walls_before, walls_after)):
        return None
    walls = walls_before[1:-1]  # the borders between cells
    # A grid that rules every row off (three borders across it or more, top, between rows, foot)
    # closes the rest of a cut row with a border of its own: the next page may hold nothing else
    # (the table's last row cut at the page break). One that rules off only its top and foot does
    # not tell a cut row's rest from its next rows. (A border's two edges, closer than a wall is
    # high, are one border.)
    return ([line for line in tail if _middle(line) > levels_before[-1]],
            [line for line in ordered if _middle(line) < levels_after[0]],
            lambda line: sum(1 for x in walls if line.x0 > x),
            sum(1 for k, y in enumerate(levels_before) if k == 0 or y - levels_before[k - 1] > SETTINGS.min_wall) >= 3)


def cells_cut(tail: list[Line], ordered: list[Line], previous: PdfPage | None = None, page: PdfPage | None = None):
    """A table's row that the page break cuts where no borders tell (`carry_over`): the last row
    of the page's table and the first of the next page's, their cells in the same columns (their
    lines start at the same x), go on as one row when a cell of the first is visibly cut short and
    the same column's cell goes on with it on the next page (`cut_off`), or is a heading without
    the text the column's other cells set under theirs (`heading_cut`), or when the next page's
    first row has no first cell (where a record's row begins), or the table's only row on the page
    has none and the next page's first row has; None otherwise. Without borders, the next page holds only the
    row's rest where a cell was visibly cut short (the table's last row cut: True), else never."""
    last, first = tail[-1], ordered[0]
    if last.cell is None or first.cell is None or last.cell[1] != last.cell[2] - 1 or first.cell[1] != 0:
        return None
    row = []
    for line in reversed(tail):
        if line.cell is None or line.cell[1] != last.cell[1]:
            break
        row.insert(0, line)
    head = []
    for line in ordered:
        if line.cell is None or line.cell[1] != 0:
            break
        head.append(line)
    lefts_before = {c: min(l.x0 for l in row if l.cell[0] == c) for c in {l.cell[0] for l in row}}
    lefts_after = {c: min(l.x0 for l in head if l.cell[0] == c) for c in {l.cell[0] for l in head}}
    if any(abs(lefts_before[c] - x) > 2 * SETTINGS.edge_tolerance for c, x in lefts_after.items() if c in lefts_before):
        return None
    ends = {l.cell[0]: l for l in row}  # each column's last line on the page before
    starts = {}
    for l in head:
        starts.setdefault(l.cell[0], l)
    # A row of a table of records begins with its first cell: a first row without one goes on the
    # row above, and a table's only row on the page without one (its first row under text at the
    # page's foot, its cells centred in the row: the tallest's first lines) begins the row the next
    # page goes on with (where rows stand above it, it may be the rest of the row above).
    keyless = 0 in ends and 0 not in starts or 0 not in ends and 0 in starts and last.cell[2] == 1
    # A cell visibly cut short that its column's cell atop the next page goes on: the row's rest,
    # though the next page holds nothing else (the table's last row).
    cut = any(cut_off(ends[c], starts[c]) or heading_cut([l for l in row if l.cell[0] == c], starts[c], tail,
                                                         previous, page) for c in starts if c in ends)
    # A record's row opens its first cell with a heading: a first cell atop the next page that opens
    # plain, where the column's other cells on both pages open with one, goes on the row above.
    cut = cut or 0 in ends and 0 in starts and unheaded_rest(starts[0], tail, ordered, last.cell[1])
    if not keyless and not cut:
        return None
    return row, head, lambda line: line.cell[0], cut


def headed_cells(lines: Sequence[Line], column: int, rows: int, skip: int) -> list[bool]:
    """For each record's cell of a column in a page's table (`rows` rows on the page; a row with
    cells in other columns too, row `skip` aside), whether it opens with a heading (styled)."""
    table = [line for line in lines if line.cell is not None and line.cell[2] == rows and not line.read_on
             and line.cell[1] != skip]
    records = {line.cell[1] for line in table if line.cell[0] != column}
    opening: dict[int, bool] = {}
    for line in table:
        if line.cell[0] == column and line.cell[1] in records:
            opening.setdefault(line.cell[1], line.styled)
    return list(opening.values())


def unheaded_rest(first: Line, tail: list[Line], ordered: list[Line], cut_row: int) -> bool:
    """Whether `first`, the first line of the first cell of the next page's first row, opens plain
    where every other record's first cell of the table on both pages opens with a heading (two at
    least on each page that shows other records, three at least in all): the row above goes on
    in it (the rest of a name, a place line: "Oklahoma City," / "Oklahoma")."""
    if first.styled or first.cell is None:
        return False
    rows = tail[-1].cell[2] if tail[-1].cell else 0
    before = headed_cells([l for l in tail if l.cell is not None and l.cell[2] == rows], 0, rows, cut_row)
    after = headed_cells(ordered, 0, first.cell[2], first.cell[1])
    opened = before + after
    return len(opened) >= 3 and all(opened)


def heading_cut(cell: list[Line], after: Line, tail: list[Line], previous: PdfPage | None,
                page: PdfPage | None) -> bool:
    """Whether a table's cell at the foot of a page, a heading alone (each of its lines styled),
    goes on with `after`, the first line of its column's cell atop the next page, where the
    column's other cells on the page that open with a heading (two at least, every one) set text
    under it: a
    heading stands above its text, so the cell was cut before it. `after` is that text (plain),
    or the heading's next line in its style where the heading's last line had no room for its
    first word (`wrapped_for_room`: "…Terrorism Early Warning" / "Group; Cincinnati, OH"); a
    heading that ended with room to spare may be a record's without text, the next page's the
    next record's."""
    if not cell or not all(line.styled for line in cell):
        return False
    column, rows = cell[0].cell[0], cell[0].cell[2]
    # The other rows of its table on the page that are records (cells in other columns too; a
    # caption over the table stands alone in its row), without the lines of the row the page
    # before cut (read on with that row).
    table = [line for line in tail if line.cell is not None and line.cell[2] == rows and not line.read_on
             and line.cell[1] != cell[0].cell[1]]
    records = {line.cell[1] for line in table if line.cell[0] != column}
    others: dict[int, list[Line]] = {}
    for line in table:
        if line.cell[0] == column and line.cell[1] in records:
            others.setdefault(line.cell[1], []).append(line)
    headed = [lines for lines in others.values() if lines[0].styled]  # (text over the table aside)
    if len(headed) < 2 or any(lines[-1].styled for lines in headed):
        return False
    if not after.styled:
        return True
    right = max(line.box[2] for lines in [*headed, cell] for line in lines if line.box)
    return previous is not None and page is not None and wrapped_for_room(cell[-1], after, right, previous, page)


def wrapped_for_room(before: Line, after: Line, right: float, previous: PdfPage, page: PdfPage) -> bool:
    """Whether the last printed line of `before` had no room for the first word of `after` (the
    next page's) before `right`, its column's edge (within a space), set with the page's own word spaces (a
    justified line stretches its spaces to the edge: its words and spaces as set unstretched)."""
    if not before.box or not after.box:
        return False
    words = _words_in(previous, before.box)
    following = _words_in(page, after.box)
    if not words or not following:
        return False
    last = max(w.top for w in words)
    words = [w for w in words if abs(w.top - last) <= 1.0]
    first = min((w for w in following if abs(w.top - min(x.top for x in following)) <= 1.0), key=lambda w: w.x0)
    space = previous.space or 0.25 * words[0].size
    natural = sum(w.x1 - w.x0 for w in words) + len(words) * space + (first.x1 - first.x0)
    # (within a space of the edge: the page's word space is measured, not the font's own)
    return min(w.x0 for w in words) + natural > right - space


def _words_in(page: PdfPage, box: tuple[float, float, float, float]) -> list[Word]:
    """The page's words inside a box (x0, top, x1, bottom), within a point."""
    x0, top, x1, bottom = box
    return [w for w in page.words if w.x0 >= x0 - 1 and w.x1 <= x1 + 1 and w.top >= top - 1 and w.bottom <= bottom + 1]


def cut_off(before: Line, after: Line) -> bool:
    """Whether a cell's last line on a page is visibly cut short, and the line at the top of the
    same column on the next page goes on with it: a label without its value, a word or number
    broken at a hyphen, a broken label (`cut_short`); a labeled number short of a whole number's
    ten digits (NANP) and its digits' rest; a heading that stops where no heading ends
    (`breaks_off`) and its next line in its style."""
    if cut_short(before.text, after.text) or before.styled and after.styled and breaks_off(before.text):
        return True
    return not after.styled and number_goes_on(before.text, after.text)


def whole_number(text: str) -> bool:
    """Whether a line is a labeled number with a whole number's ten digits (NANP) or more: it ends
    there, whatever line follows ("Toll-Free: (855) 692-5425")."""
    return known_label(text) and classify_line(text)[0] not in ("Email", "Website") and sum(
        ch.isdigit() for ch in text) >= 10


def number_goes_on(before: str, after: str) -> bool:
    """Whether `before`, a labeled number short of a whole number's ten digits (NANP), goes on with
    `after`, its digits' rest ("Alternate Phone: (978)" / "451-3700"), no label of its own."""
    return (known_label(before) and not known_label(after)
            and sum(ch.isdigit() for ch in before) < 10 and _NUMBER_GOES_ON.match(after) is not None)


# A line that is a number's digits and nothing else (an extension after them at most).
_DIGITS_ONLY = re.compile(r"[\d()+.\-\s]+(?:(?:ext\.?|x)\s*\d+)?", re.I)


def completes_number(before: str, after: str) -> bool:
    """Whether `after` is the rest of the labeled number `before` cut short of its digits, for
    certain: it holds nothing but digits, and with the label's they make a whole number's ten
    (NANP). The line before ends short of them whatever room its column's edge seems to leave (a
    column's longest line, set overfull past its edge by a typesetter that cannot stretch a
    typewriter face, shows an edge the column does not have)."""
    if not number_goes_on(before, after) or _DIGITS_ONLY.fullmatch(after.strip()) is None:
        return False
    digits = sum(ch.isdigit() for ch in before) + sum(ch.isdigit() for ch in re.split(r"(?i)ext|x", after)[0])
    return digits == 10


def _middle(line: Line) -> float:
    """The height of a line's middle (its box's, else its top's): a glyph's box reaches above the
    border over it where a font gives no bounding box of its own."""
    return (line.box[1] + line.box[3]) / 2 if line.box else line.top


def cut_short(before: str, after: str) -> bool:
    """Whether a cell's line goes on in the next: a label with no value yet, a broken label, a
    number or word broken at a hyphen."""
    text = before.rstrip()
    return text.endswith(":") or text.endswith(HYPHENS) or broken_label(text, after)


def cell_goes_on(before: Line, after: Line) -> bool:
    """Whether `after`, a cell's line at the top of the next page, goes on with `before`, the cell's
    last line on the page before, as the lines of one cell go on: cut short (`cut_short`), a
    heading's next line in its style ("…Center; Orange" / "County, CA"), a labeled number's digits
    ("Toll-Free: (803)" / "896-7133"), an address's rest (`address_goes_on`), a place line's rest
    (`wraps_place`)."""
    if cut_short(before.text, after.text) or before.styled and after.styled:
        return True
    if after.styled:
        return False
    if wraps_place(before.text, after.text):  # a place line's rest ("Oklahoma City," / "Oklahoma")
        return True
    if classify_line(before.text)[0] in ("Email", "Website"):
        return address_goes_on(before.text, after.text)
    return not known_label(after.text) and known_label(before.text) and _NUMBER_GOES_ON.match(after.text) is not None
