"""Reading rules shared by every form of the sources.

Text, HTML and PDF extractors all end with lines of text and where each stood;
these functions turn such lines into list entries and contact blocks, so the
three forms cannot drift apart in how they read a center.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pipeline.records import CENTER_LIST, CONTACT_LISTING, PROSE, ContactBlock, FieldLine, ListEntry, SourceRef
from pipeline.reference import PHONE_LABELS
from pipeline.text import looks_like_place, parse_place, place_code, strip_markdown_link

# Label spellings seen on DHS and association pages, to the label the
# pipeline uses. A label not here is kept exactly as written.
LABEL_SYNONYMS: dict[str, str] = {
    "phone": "Phone", "telephone": "Phone", "tel": "Phone", "main": "Phone",
    "fax": "Fax", "facsimile": "Fax",
    "alternate phone": "Alternate Phone", "alt phone": "Alternate Phone",
    "alternate": "Alternate Phone",
    "toll-free": "Toll-Free", "toll free": "Toll-Free", "tollfree": "Toll-Free",
    "email": "Email", "e-mail": "Email",
    "website": "Website", "web site": "Website", "web": "Website", "url": "Website",
}

# "Label: value" where the label is a short phrase; longer text before a colon
# is a heading (Los Angeles writes "Center: Los Angeles, CA").
_LABELED = re.compile(r"^(?P<label>[A-Za-z][A-Za-z/\- ]{0,24}?)\s*:\s*(?P<value>.*)$")
_EMAIL = re.compile(r"^[^\s@]+@[^\s@]+$")
# A website line: an address with a scheme, "www.", or a script scheme that
# must be caught as a website (and reported), not read as a label.
_URLISH = re.compile(r"^(?:[a-z][a-z0-9+.\-]*://|www\.|(?:javascript|data|vbscript):)", re.I)
_DOMAIN = re.compile(r"^[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+(?:[/?#]\S*)?$")
_PAREN_TAIL = re.compile(r"\((?P<inner>[^()]*)\)\s*$")
_CITY_ST = re.compile(r"^(?P<city>[^,;]+),\s*(?P<state>[A-Za-z .]+)$")
_BULLET = re.compile(r"^\s*(?:[-*\u2022]|\d+\.)\s+(?P<text>.+)$")
_SECTION = re.compile(r"^(?P<kind>primary|recognized)\s+fusion\s+centers\s*:?$", re.I)
_DATE_LINE = re.compile(r"^(?:last\s+published\s+date|last\s+updated|last\s+modified)\s*:\s*(?P<date>.+?)\s*$", re.I)
BOILERPLATE = re.compile(r"^(?:was this page helpful\??|last\s+published\s+date\s*:.*|last\s+updated\s*:.*)$", re.I)



@dataclass(frozen=True)
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


def parse_date(text: str) -> str:
    """ISO date for "July 23, 2015" or "01/17/2025"; "" when it is neither."""
    text = text.strip()
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return ""


def find_published(lines: Iterable[str]) -> str:
    """The date text after "Last Published Date:" or "Last Updated:", or ""."""
    for text in lines:
        m = _DATE_LINE.match(text.strip())
        if m:
            return m.group("date")
    return ""


def section_designation(text: str) -> str:
    """ "primary"/"recognized" for a section heading of the DHS list, else ""."""
    m = _SECTION.match(text.strip())
    return m.group("kind").lower() if m else ""


def bullet_text(text: str) -> str:
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
    place_note = ""
    m = _PAREN_TAIL.search(name)
    if m and place_code(m.group("inner")):
        place_note = m.group("inner").strip()
    return ListEntry(text=verbatim, name=name, designation=designation,
                     list_city=list_city, list_state=list_state,
                     place_note=place_note, ref=ref, url=url)


def classify_line(text: str) -> tuple[str, str]:
    """(label, value) of a contact-block line; label "" for a heading or place."""
    m = _LABELED.match(text)
    if m and len(m.group("label").split()) <= 3 and not _URLISH.match(text):
        label = m.group("label").strip()
        return LABEL_SYNONYMS.get(label.lower(), label), m.group("value").strip()
    if _URLISH.match(text):
        return "Website", text
    if _EMAIL.match(text):
        return "Email", text
    if _DOMAIN.match(text):
        return "Website", text
    return "", text


class _Draft:
    def __init__(self, heading: str, ref: SourceRef) -> None:
        self.heading = heading
        self.ref = ref
        self.location: FieldLine | None = None
        self.fields: list[FieldLine] = []

    def bare(self) -> bool:
        return self.location is None and not self.fields

    def freeze(self, url: str) -> ContactBlock:
        return ContactBlock(self.heading, self.ref, self.location, tuple(self.fields), url)


def build_contact_blocks(lines: Iterable[SourceLine], url: str) -> list[ContactBlock]:
    """Group the lines of a contact listing into one block per center.

    A block is a heading, then its location line, then labeled lines, an email
    and a website, in any spacing: blank lines are not relied upon, because the
    capture has them between some fields and not others. A heading that ends
    in ";" or ":" (Cincinnati's, broken over two lines) takes the next line.
    """
    blocks: list[ContactBlock] = []
    draft: _Draft | None = None
    for line in lines:
        text, ref = line.text.strip(), line.ref
        if not text or BOILERPLATE.match(text):
            continue
        if draft is not None and draft.bare() and draft.heading.rstrip().endswith((";", ":")):
            draft.heading = f"{draft.heading} {text}"
            continue
        label, value = classify_line(text)
        if draft is not None and label:
            draft.fields.append(FieldLine(label, value, ref, text))
            continue
        if draft is not None and draft.bare() and (parse_place(text) or looks_like_place(text)):
            draft.location = FieldLine("Location", text, ref, text)
            continue
        if draft is not None:
            blocks.append(draft.freeze(url))
        draft = _Draft(text, ref)
        if label:  # a labeled line before any heading: keep it, under no name
            draft.heading = ""
            draft.fields.append(FieldLine(label, value, ref, text))
    if draft is not None:
        blocks.append(draft.freeze(url))
    return blocks


# A listing needs at least this many labeled phone lines to be read as one.
MIN_LABELED_LINES = 3


def page_kind(lines: Sequence[str]) -> str:
    """What a page is, from its lines: the DHS list, a contact listing, or prose."""
    if any(section_designation(t) for t in lines):
        return CENTER_LIST
    return CONTACT_LISTING if is_listing(lines) else PROSE


def is_listing(lines: Iterable[str]) -> bool:
    """Whether at least MIN_LABELED_LINES lines carry a phone label; stops reading at the last one needed."""
    labeled = (t for t in lines if classify_line(t.strip())[0] in PHONE_LABELS)
    return sum(1 for _ in zip(range(MIN_LABELED_LINES), labeled)) == MIN_LABELED_LINES
