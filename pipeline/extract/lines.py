"""Reading rules shared by every form of the sources.

Text, HTML and PDF extractors all end with lines of text and where each stood;
these functions turn such lines into list entries and contact blocks, so the
three forms cannot drift apart in how they read a center.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from pipeline.records import ContactBlock, DocumentKind, FieldLine, ListEntry, SourceRef
from pipeline.fields import CLOSING_LABELS, FIELD_OF_LABEL, PHONE_LABELS, label_of
from pipeline.reference import JOINING_WORDS, LONG_LINE_LABEL, MAX_LINE_CHARS, ORGANISATION_WORDS, UNRECOGNIZED_LABEL, state_code
from pipeline.text import ends_name, looks_like_place, name_key, parse_place, place_code, strip_markdown_link

# Every pattern that sees source text runs in linear time: no two quantifiers
# can take the same characters, so a line of spaces cannot make one backtrack.
# "Label: value" where the label is a short phrase; longer text before a colon
# is a heading (Los Angeles writes "Center: Los Angeles, CA").
_LABEL = re.compile(r"[A-Za-z][A-Za-z/\-. ]{0,24}")
_EMAIL = re.compile(r"^[^\s@]+@[^\s@]+$")
# A website line: an address with a scheme, "www.", or a script scheme that
# must be caught as a website (and reported), not read as a label.
_URLISH = re.compile(r"^(?:[a-z][a-z0-9+.\-]*://|www\.|(?:javascript|data|vbscript):)", re.I)
# A host name, letters of any script: a look-alike ("fusion.\u0430labama.gov") is read as a website
# and reported invalid, not taken for the next center's name.
_DOMAIN = re.compile(r"^[\w\-]+(?:\.[\w\-]+)+(?:[/?#]\S*)?$")
_PAREN_TAIL = re.compile(r"\((?P<inner>[^()]*)\)\s*$")
_CITY_ST = re.compile(r"^(?P<city>[^,;]+),\s*(?P<state>[A-Za-z.][A-Za-z .]*)$")
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+\.)\s+(?P<text>.+)$")
_SECTION = re.compile(r"^(?P<kind>primary|recognized)\s+fusion\s+centers\s*:?$", re.I)
_DATE_LINE = re.compile(r"^(?:last\s+published\s+date|last\s+updated|last\s+modified)\s*:(?P<date>.*)$", re.I)
# A line longer than this is kept verbatim, never parsed: no heading, label or
# address of a real listing comes near it (the longest line of the capture is 81
# characters), and it keeps a hostile megabyte away from the parsers.
# The labels a form writes before a place ("Location: Augusta, Maine", "City, State | Austin,
# Texas"), compared in lower case; the value labels are the value fields' (label_of). "City" and "Place" begin
# city names too ("City of Industry, California"): before a place they are labels only with a colon.
PLACE_LABELS = frozenset({"location", "address", "city, state", "city/state", "city and state", "city", "place"})
_COLON_ONLY = ("city", "place")
# A place label, with or without its colon, then the place.
_PLACE_LABELED = re.compile(r"(?:(?P<label>%s)\s*(?::\s*|\s)|(?:%s)\s*:)\s*(?P<place>\S.*)" % (
    "|".join(re.escape(label) for label in sorted(PLACE_LABELS - set(_COLON_ONLY), key=len, reverse=True)),
    "|".join(_COLON_ONLY)), re.I)
# A label, a leader of three points or more (spaced or not) or of ellipses, and the value: a directory's
# "Phone .......... (334) 517-2660", a word processor's dot-leader tab stop. The label's words are
# one space apart and the value starts with neither a point nor a space, so no two quantifiers
# take the same characters.
LEADER = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z/,\-]*(?: [A-Za-z/,\-]+)*)\s*"
                    r"(?:\.(?:\s*\.){2,}|\u2026(?:\s*\u2026)*)\s*(?P<value>[^.\s\u2026].*)$")
BOILERPLATE = re.compile(r"^(?:was this page helpful\??|last\s+published\s+date\s*:.*|last\s+updated\s*:.*)$", re.I)



@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a document in reading order, as every form's reader gives it.

    `heading` is what the form's own structure says of the line: True where it
    marks a heading (a bold or larger run in a PDF, a heading element or a
    table's first cell in HTML), False where it marks body text, None where
    the form says nothing (a text capture).
    """

    text: str
    ref: SourceRef
    heading: bool | None = None
    aside: str = ""  # a label to keep the line under on the block where it stands, never read (HIDDEN_LABEL...)


def parse_date(text: str) -> str:
    """ISO date for "July 23, 2015" or "01/17/2025"; "" when it is neither."""
    text = text.strip()
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def published_line(lines: Iterable[SourceLine]) -> SourceLine | None:
    """The line that gives a page's "Last Published Date:" or "Last Updated:", or None."""
    return next((line for line in lines if _DATE_LINE.match(line.text.strip())), None)


def find_published(lines: Iterable[str]) -> str:
    """The date text after "Last Published Date:" or "Last Updated:", or ""."""
    for text in lines:
        m = _DATE_LINE.match(text.strip())
        if m and m.group("date").strip():
            return m.group("date").strip()
    return ""


def section_designation(text: str) -> str:
    """ "primary"/"recognized" for a section heading of the DHS list, else ""."""
    m = _SECTION.match(text.strip())
    return m.group("kind").lower() if m else ""


def bullet_text(text: str) -> str:
    """The text after a list bullet ("-", "*", "•" or "1."), else ""."""
    m = _BULLET.match(text)
    return m.group("text").strip() if m else ""


def parse_list_item(text: str, designation: str, ref: SourceRef, url: str) -> ListEntry:
    """One bullet of the DHS list: "Name[ (Place)][; City, ST]"."""
    verbatim = text.strip()
    name = strip_markdown_link(verbatim)
    list_city = list_state = ""
    if ";" in name:
        head, _, tail = name.rpartition(";")
        m = _CITY_ST.match(tail.strip())
        if m:
            name, list_city, list_state = head.strip(), m.group("city").strip(), m.group("state").strip()
        elif not tail.strip() or tail.strip().endswith(","):
            # the separator with no place after it, or a city cut off before its state ("…Group;
            # Cincinnati,"): the place was cut off (a line break), the name ends at the separator
            name = head.strip()
    place_note = ""
    m = _PAREN_TAIL.search(name)
    if m and place_code(m.group("inner")):
        place_note = m.group("inner").strip()
    return ListEntry(text=verbatim, name=name, designation=designation,
                     list_city=list_city, list_state=list_state,
                     place_note=place_note, ref=ref, url=url)


# The shape of a value of each kind, to read a label written without its colon (a form's label
# column, a definition list's term) only before a value it could label: a phone number (a digit,
# "(" or "+" first, then at least six more digits among spaces, points, hyphens and brackets, an
# extension after it), an email address (one word with an "@", its host maybe cut by the column's
# edge: "…@houstonpolic" / "e.org"), a web address (a host of two labels at least, an "@" in it too:
# a publisher's "www.name@host" is reported as a website, never dropped; a point last where the
# column's edge broke it: "www.homelandsecurity.ms." / "gov/msaic.html").
_PHONE_SHAPE = re.compile(r"[+(]?\d[\d\s().\-\u2010-\u2013]{5,}\d(?:\s*(?:ext\.?|x|extension)\s*\d+)?", re.I)
_EMAIL_SHAPE = re.compile(r"[^\s@]+@[^\s@]+")
_WEB_SHAPE = re.compile(r"(?:https?://)?[\w\-]+(?:[.@][\w\-]+)+(?:[/?#:]\S*|\.)?", re.I)
# The most words a label written without its colon has ("Alternate Phone Number").
MAX_LABEL_WORDS = 3


def fits(label: str, value: str) -> bool:
    """Whether `value` has the shape of a value of `label`'s kind (the pipeline's label)."""
    value = value.strip()
    if label in PHONE_LABELS:
        return bool(_PHONE_SHAPE.fullmatch(value)) and sum(c.isdigit() for c in value) >= 7
    if label == "Email":
        return bool(_EMAIL_SHAPE.fullmatch(value))
    if label == "Website":
        return bool(_WEB_SHAPE.fullmatch(value))
    return False


def label_alone(text: str) -> str:
    """The pipeline's label when `text` is a value label alone, with or without its colon, else ""."""
    text = text.strip()
    return label_of(text) if text and len(text.split()) <= MAX_LABEL_WORDS else ""


def labeled_inline(text: str) -> tuple[str, str] | None:
    """(label, value) of a line that begins with a value label written without its colon and
    whose rest has the label's kind's shape ("Telephone +1 334 517 2660", "E-mail actic@azdps.gov");
    None for any other line."""
    words = text.split()
    for n in range(1, min(MAX_LABEL_WORDS, len(words) - 1) + 1):
        head = " ".join(words[:n])
        if ":" in head:
            return None
        label = label_alone(head)
        if label and fits(label, " ".join(words[n:])):
            return label, " ".join(words[n:])
    return None


def classify_line(text: str) -> tuple[str, str]:
    """(label, value) of a contact-block line; label "" for a heading or place.

    A leader of points between a label and a value of its kind stands for the colon
    ("Phone ....... (334) 517-2660": `LEADER`). A label written without its colon counts where the rest has its kind's shape
    ("Telephone +1 334 517 2660", "Web www.azdps.gov": `labeled_inline`). A line
    with no label is an Email when it looks like an address (an "@" and no space),
    a Website when it looks like a web address; a malformed one ("name@@host") is
    still read as one, so that normalize reports it as invalid on its own center.
    """
    leader = LEADER.match(text)
    if leader and label_of(leader.group("label")) and fits(label_of(leader.group("label")), leader.group("value")):
        return label_of(leader.group("label")), leader.group("value").strip()
    head, colon, value = text.partition(":")
    label = head.rstrip()
    if colon and _LABEL.fullmatch(label) and len(label.split()) <= 3 and not _URLISH.match(text):
        return label_of(label) or label, value.strip()
    inline = labeled_inline(text)
    if inline:
        return inline
    if _URLISH.match(text):
        return "Website", text
    if _EMAIL.match(text) or ("@" in text and not any(c.isspace() for c in text)):
        return "Email", text
    if _DOMAIN.match(text):
        return "Website", text
    return "", text


# What a line of a contact listing is, before blocks are formed.
_VALUE, _PLACE, _TEXT, _LONG = "value", "place", "text", "long"
# Labels of the values a block gives after its phone numbers: a phone label
# after one of these starts another center's values.
_CLOSING_LABELS = frozenset(CLOSING_LABELS)


@dataclass(frozen=True)
class _Token:
    kind: str  # _VALUE, _PLACE, _TEXT or _LONG
    line: SourceLine
    label: str = ""
    value: str = ""
    after_gap: bool = False  # a blank line comes before it (plain text)

    @property
    def text(self) -> str:
        """The line's text, without the whitespace around it."""
        return self.line.text.strip()


def _wrapped_place(text: str, following: SourceLine | None) -> str:
    """The place line a printer wrapped inside its state's name, joined ("Charleston, West" /
    "Virginia"), where `text` is shaped like a place and is none, the next line is no place and
    no value, and the two make one; else "". (A line cut after its comma, "Montgomery," /
    "Alabama", is a reader's cut as often as a printer's wrap: the value yield judges it.)"""
    if (following is None or text.endswith(",") or parse_place(text) is not None
            or not looks_like_place(text)):
        return ""
    rest = following.text.strip()
    if not rest or len(rest) > MAX_LINE_CHARS or parse_place(rest) is not None or classify_line(rest)[0]:
        return ""
    joined = f"{text} {rest}"
    return joined if parse_place(joined) is not None else ""


def _tokens(lines: Iterable[SourceLine]) -> list[_Token]:
    tokens: list[_Token] = []
    gap = False
    lines = list(lines)
    skip = -1
    for k, line in enumerate(lines):
        if k == skip:
            continue
        text = line.text.strip()
        if not text:
            gap = True
            continue
        joined = _wrapped_place(text, lines[k + 1] if k + 1 < len(lines) else None) if len(text) <= MAX_LINE_CHARS else ""
        if joined:  # read as one place line standing where its first part does
            line, text, skip = replace(line, text=joined), joined, k + 1
        if len(text) > MAX_LINE_CHARS:
            tokens.append(_Token(_LONG, line, LONG_LINE_LABEL, text, gap))
        elif BOILERPLATE.match(text):
            continue
        else:
            label, value = classify_line(text)
            labeled = _PLACE_LABELED.fullmatch(text)
            if labeled and parse_place(labeled.group("place")):  # a form's place row: the place is its value
                tokens.append(_Token(_PLACE, line, value=labeled.group("place").strip(), after_gap=gap))
            elif label:
                tokens.append(_Token(_VALUE, line, label, value, gap))
            elif parse_place(text):
                tokens.append(_Token(_PLACE, line, after_gap=gap))
            else:
                tokens.append(_Token(_TEXT, line, after_gap=gap))
        gap = False
    return tokens


class _Draft:
    def __init__(self, heading: _Token | None, ref: SourceRef) -> None:
        self.heading = heading.text if heading is not None else ""
        self.ref = ref
        # A heading ending in ";" or ":" (Cincinnati's, broken over two lines) takes the next line.
        self.open_heading = self.heading.endswith((";", ":"))
        self.location: FieldLine | None = None
        self.fields: list[FieldLine] = []

    def bare(self) -> bool:
        """Whether the block has neither a location nor a field yet."""
        return self.location is None and not self.fields

    def add(self, token: _Token, label: str = "", value: str = "") -> None:
        """Add a token's line as a field, with the token's label and value unless
        others are given."""
        self.fields.append(FieldLine(label or token.label, value or token.value or token.text,
                                     token.line.ref, token.text))

    def keep(self, token: _Token) -> None:
        """A line that stays with this block, verbatim, but is not read as a value."""
        self.add(token, UNRECOGNIZED_LABEL, token.text)

    def locate(self, token: _Token) -> None:
        """Take a token's line as the block's location."""
        self.location = FieldLine("Location", token.value or token.text, token.line.ref, token.text)

    def closed(self) -> bool:
        """Whether the block has given an email or website, after which its phones are done."""
        return any(f.label in _CLOSING_LABELS for f in self.fields)

    def phones_only(self) -> bool:
        """Whether the block has given a phone number and, of its values, nothing but phone numbers."""
        values = [f.label for f in self.fields if f.label in FIELD_OF_LABEL]
        return bool(values) and all(label in PHONE_LABELS for label in values)

    def place_only(self) -> bool:
        """Whether the block has given its place line and no value at all."""
        return self.location is not None and not any(f.label in FIELD_OF_LABEL for f in self.fields)

    def restarts(self, value: _Token) -> bool:
        """Whether a value would begin another center's values: a label this
        block already gave, or a phone after its email or website."""
        return (value.label in FIELD_OF_LABEL and any(f.label == value.label for f in self.fields)) or (
            value.label in PHONE_LABELS and self.closed())

    def freeze(self, url: str) -> ContactBlock:
        """The finished block, as a ContactBlock of page `url`."""
        return ContactBlock(self.heading, self.ref, self.location, tuple(self.fields), url)


_NAME_WORD = re.compile(r"[A-Z][A-Za-z'\-]+|[A-Z]{2,}|\(?[A-Z][A-Za-z]*\)?")


def _name_words(text: str) -> int:
    """How many words of a line are written as a name's are (capitalized, letters only):
    "Alaska Information and Analysis Center" has four, "=cmd|' /C calc'!A0" and "+1-800-EVIL" none."""
    return sum(1 for word in text.split() if _NAME_WORD.fullmatch(word))


def reads_as_name(text: str, names: frozenset[str] = frozenset()) -> bool:
    """Whether a line reads as a center's name: a list entry's name (by `name_key`),
    or a line written as a name that holds an organisation's word ("Center",
    "Exchange", "Network", ... `ORGANISATION_WORDS`). "For questions call" does not."""
    key = name_key(text)
    if key and key in names:
        return True
    return _name_words(text) >= 2 and bool(ORGANISATION_WORDS.intersection(key.split()))


_JOINING = JOINING_WORDS


def _starts_name(text: str) -> bool:
    """Whether a line reads as the start of a name that does not end there: capitalized words (and
    the small words and numbers names hold) only, no place, no state's name alone, and no word a
    name ends with last ("Washington Regional Threat", "Massachusetts Commonwealth")."""
    words = text.split()
    return (bool(words) and not ends_name(text) and not looks_like_place(text) and not state_code(text)
            and _name_words(text) >= 1 and all(_NAME_WORD.fullmatch(w) or w.lower() in _JOINING or w.isdigit()
                                               for w in words))


def heading_goes_on(head: SourceLine, text: str, line: SourceLine, names: frozenset[str] = frozenset()) -> bool:
    """Whether `line`, the line under a heading (`head`, read so far as `text`) in a run of text
    lines, is the rest of the heading, wrapped by the printer over two lines or broken at the foot
    of a column or page: where the list names the two together and not the first alone; else,
    both in one style, where the heading stops after a comma and the line ends its place suffix
    ("St. Louis Fusion Center; St. Louis," / "MO"), or where the heading starts a name that does
    not end there and the line goes on with a small word, a number or a name's own word and ends
    the name ("Washington Regional Threat" / "and Analysis Center (Washington, D.C.)",
    "Massachusetts Commonwealth" / "Fusion Center", "Southwestern PA Region" / "13 Fusion Center;
    Pittsburgh, PA"). A name complete on its line ("Connecticut Intelligence Center") takes no
    line after it, whatever that line reads like."""
    rest = line.text.strip()
    if not rest or (names and name_key(text) in names):
        return False
    if names and name_key(f"{text} {rest}") in names:
        return True
    if (head.heading is True) != (line.heading is True):
        return False
    if text.endswith(","):
        tail = re.split(r"[;:]", text)[-1]
        return tail != text and parse_place(f"{tail} {rest}") is not None
    first = rest.split()[0]
    return (_starts_name(text) and ends_name(rest)
            and (first[:1].islower() or first[:1].isdigit() or first == "&"
                 or name_key(first) in ORGANISATION_WORDS))


# The most lines a heading the list names is read over ("El Paso Multi-Agency Tactical" /
# "Response Information" / "eXchange (MATRIX);" / "El Paso, TX" in a narrow column).
MAX_HEADING_LINES = 4


def _listed_lines(run: Sequence[_Token], i: int, names: frozenset[str]) -> int:
    """Where a name the list gives ends, read from line i of a run over three lines or more (the
    position after its last line), where line i alone names no entry; 0 where none does."""
    if not names or name_key(run[i].text) in names:
        return 0
    text = run[i].text
    for end in range(i + 2, min(len(run), i + MAX_HEADING_LINES) + 1):
        text = f"{text} {run[end - 1].text}"
        if end - i >= 3 and name_key(text) in names:
            return end
    return 0


def _heading_units(run: Sequence[_Token], names: frozenset[str]) -> list[tuple[_Token, int, int]]:
    """A run of text lines as the headings it could hold: each line with the lines under it that
    are its rest (`heading_goes_on`), read as one line standing where the first does, and the
    positions in the run of its first line and of the line after its last."""
    units: list[tuple[_Token, int, int]] = []
    i = 0
    while i < len(run):
        text, end = run[i].text, i + 1
        listed = _listed_lines(run, i, names)  # a name the list gives, over three lines or more
        if listed:
            text, end = " ".join(t.text for t in run[i:listed]), listed
        while end < len(run) and heading_goes_on(run[i].line, text, run[end].line, names):
            text, end = f"{text} {run[end].text}", end + 1
        token = run[i] if end == i + 1 else replace(run[i], line=replace(run[i].line, text=text))
        units.append((token, i, end))
        i = end
    return units


def _heading_position(run: Sequence[_Token], first_block: bool, place_follows: bool = False,
                      names: frozenset[str] = frozenset()) -> int:
    """Which line of a run of text lines is the next center's heading.

    A heading the form marks comes first. Where a place line follows the run,
    the heading is the line just before it (or the two lines of a heading
    broken after ";"): what comes earlier in the run is the last block's.
    Otherwise a line that does not read like a place ("Call us any time, we
    never sleep" does) and, in plain text, one after a blank line; the form's
    "not a heading" counts against a line. Lines before the first center are
    the page's own, so there the last candidate (the one nearest the center's
    values) is taken, elsewhere the first.
    """
    named = [i for i, t in enumerate(run) if name_key(t.text) in names]
    if names and named:  # a line that names a list entry is the heading, whatever junk is around it
        return named[-1]
    if place_follows and not any(t.line.heading is True for t in run):
        last = len(run) - 1
        if last > 0 and run[last - 1].text.endswith((";", ":")):
            return last - 1
        if first_block:  # the page's own lines (title, menus) come before the first center
            return last
        # Between two blocks: the line that reads most like a name; of equals, the one nearest the place line.
        return max(range(len(run)), key=lambda i: (_name_words(run[i].text), not looks_like_place(run[i].text), i))

    def rank(t: _Token) -> tuple[int, int, int, int]:
        """How much a line reads as a heading, compared in this order: marked so by
        the form; no state's name alone (a section's heading over its centers, "Alaska" over
        "Alaska Information and Analysis Center"); not marked otherwise and not a place; after
        a blank line."""
        return (t.line.heading is True, not state_code(t.text) or len(t.text) <= 2,
                t.line.heading is not False and not looks_like_place(t.text), t.after_gap)
    best = max(rank(t) for t in run)
    positions = [i for i, t in enumerate(run) if rank(t) == best]
    return positions[-1] if first_block else positions[0]


def _heading_and_place(run: Sequence[_Token]) -> bool:
    """Whether a run holds a name followed by a line in the place's position
    that is not a place the reader knows ("Agaña Heights, Guam" before its
    letters were known): a center with a malformed place line."""
    return any(not looks_like_place(a.text) and looks_like_place(b.text) for a, b in zip(run, run[1:]))


def _starts_center(draft: _Draft | None, run: Sequence[_Token], after: _Token | None, beyond: _Token | None,
                   marked: bool, names: frozenset[str] = frozenset()) -> bool:
    """Whether a run of text lines holds the next center's heading.

    The signals: a place line after the run, where the block before has given
    its email or website, or the values after the place begin again
    (`_Draft.restarts`), or nothing but another heading follows, or the block
    gave only phones, or its place line and no value, and the run holds a line that reads as a
    name (`reads_as_name`: Maine's phones, then Guam's heading and place); a heading
    the form marks, with values after it; a name then a line shaped like a
    place, with values after them that begin again; in a document that marks
    no headings, phone numbers after a block that already gave its email or
    website. A run inside a block that none of these confirm stays in that
    block ("For questions call" and "Austin, Texas" between a center's phone
    and its email stay that center's lines, reported).
    """
    if draft is None:
        return True
    if draft.bare():  # lines between a heading and its place line
        return False
    if after is None:
        return False
    if after.kind == _PLACE:
        return (any(t.line.heading is True for t in run) or draft.closed() or beyond is None
                or beyond.kind != _VALUE or draft.restarts(beyond)
                or ((draft.phones_only() or draft.place_only()) and any(reads_as_name(t.text, names) for t in run)))
    if after.kind in (_VALUE, _LONG) and any(t.line.heading is True for t in run):
        return True
    if after.kind == _VALUE and _heading_and_place(run) and draft.restarts(after):
        return True
    return (not marked and after.kind == _VALUE and after.label in PHONE_LABELS and draft.closed())


def _second_place(draft: _Draft, place: _Token, after: _Token | None) -> bool:
    """Whether a place line inside a block, after its own, begins another center
    that lost its heading: the values after it begin again (`_Draft.restarts`)."""
    return (draft.location is not None and place.kind == _PLACE and after is not None
            and after.kind == _VALUE and draft.restarts(after))


def build_contact_blocks(lines: Iterable[SourceLine], url: str,
                         names: frozenset[str] = frozenset()) -> list[ContactBlock]:
    """Group the lines of a contact listing into one block per center.

    A block is a heading, then its location line, then labeled lines, an email
    and a website, in any spacing: blank lines are not relied upon, because the
    capture has them between some fields and not others. A new center begins
    where the document's structure says so (`_starts_center`); a line inside a
    block that is no label, email, website or place stays in that block,
    verbatim, under `UNRECOGNIZED_LABEL`, and a line over `MAX_LINE_CHARS`
    under `LONG_LINE_LABEL`, so that no value ever moves to another center.
    A block that begins with values, or whose heading reduces to no name, has
    the heading "" (or the heading as written) and is reported downstream.
    `names` are the `name_key`s of the list entries read beside the listing:
    a line that names one is a heading wherever it stands.
    """
    lines = list(lines)
    asides = [line for line in lines if line.aside]
    tokens = _tokens(line for line in lines if not line.aside)
    marked = any(t.line.heading is True for t in tokens)
    blocks: list[ContactBlock] = []
    draft: _Draft | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if draft is not None and draft.open_heading and token.kind in (_TEXT, _PLACE) and not token.value:
            draft.heading = f"{draft.heading} {token.text}"
            draft.open_heading = draft.heading.endswith((";", ":"))
            i += 1
            continue
        if token.kind != _TEXT:
            if draft is not None and _second_place(draft, token, tokens[i + 1] if i + 1 < len(tokens) else None):
                blocks.append(draft.freeze(url))  # a second place and its own values: a center with no name
                draft = None
            if draft is None:  # values before any heading: a center with no name
                draft = _Draft(None, token.line.ref)
            draft.open_heading = False
            if token.kind == _PLACE and draft.location is None:
                draft.locate(token)
            elif token.kind == _PLACE:
                draft.keep(token)
            else:
                draft.add(token)
            i += 1
            continue
        end = i
        while end < len(tokens) and tokens[end].kind == _TEXT:
            end += 1
        run, after = tokens[i:end], tokens[end] if end < len(tokens) else None
        beyond = tokens[end + 1] if end + 1 < len(tokens) else None
        i = end
        if not _starts_center(draft, run, after, beyond, marked, names):
            for t in run:
                draft.keep(t)
            continue
        units = _heading_units(run, names)
        u = _heading_position([heading for heading, _, _ in units], draft is None,
                              after is not None and after.kind == _PLACE, names)
        heading, start, end = units[u]
        before, rest = run[:start], list(run[end:])
        if draft is not None:
            for t in before:
                draft.keep(t)
            blocks.append(draft.freeze(url))
            before = []
        draft = _Draft(heading, heading.line.ref)
        if draft.open_heading and rest:
            draft.heading = f"{draft.heading} {rest.pop(0).text}"
            draft.open_heading = False
        for t in before:  # the page's own lines before the first center: kept with it
            draft.keep(t)
        if after is None or after.kind != _PLACE:
            place = next((t for t in rest if looks_like_place(t.text)), None)
            if place is not None:
                draft.locate(place)
                rest.remove(place)
        for t in rest:
            draft.keep(t)
    if draft is not None:
        blocks.append(draft.freeze(url))
    return _set_aside(blocks, asides)


def _position(ref: SourceRef) -> tuple[int, int]:
    return (ref.page or 0, ref.line)


def _set_aside(blocks: list[ContactBlock], asides: Sequence[SourceLine]) -> list[ContactBlock]:
    """Each line set aside, kept under its label on the block where it stands: the
    last whose heading comes before it (or on its line), else the first."""
    if not asides or not blocks:
        return blocks
    starts = [_position(b.heading_ref) for b in blocks]
    added: dict[int, list[FieldLine]] = {}
    for line in asides:
        at = _position(line.ref)
        index = max((i for i, start in enumerate(starts) if start <= at), default=0)
        added.setdefault(index, []).append(FieldLine(line.aside, line.text.strip(), line.ref, line.text.strip()))
    return [replace(b, fields=b.fields + tuple(added[i])) if i in added else b for i, b in enumerate(blocks)]


# A listing needs at least this many labeled phone lines to be read as one.
MIN_LABELED_LINES = 3


def page_kind(lines: Sequence[str]) -> str:
    """What a page is, from its lines: the DHS list, a contact listing, or prose."""
    if any(section_designation(t) for t in lines):
        return DocumentKind.CENTER_LIST
    return DocumentKind.CONTACT_LISTING if is_listing(lines) else DocumentKind.PROSE


def is_listing(lines: Iterable[str]) -> bool:
    """Whether at least MIN_LABELED_LINES lines carry a phone label; stops reading at the last one needed."""
    labeled = (t for t in lines if classify_line(t.strip())[0] in PHONE_LABELS)
    return sum(1 for _ in zip(range(MIN_LABELED_LINES), labeled)) == MIN_LABELED_LINES
