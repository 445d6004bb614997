"""The records that stages hand to each other.

Every record is a frozen dataclass. Stages talk only through these: an
extractor gives `SourceDocument`, `ListEntry` and `ContactBlock` records, the
normalizer gives `Center` records, the checks give `Finding` records.
Each value keeps the verbatim text it came from and where it stood
(`SourceRef`: raw file, line, and for PDFs the page).
"""
from __future__ import annotations

from dataclasses import dataclass

# Document kinds an extractor can recognise.
CENTER_LIST = "center_list"
CONTACT_LISTING = "contact_listing"
PROSE = "prose"


@dataclass(frozen=True)
class SourceRef:
    """Where a piece of text stood: raw file name, 1-based line, PDF page."""

    source: str
    line: int
    page: int | None = None


@dataclass(frozen=True)
class SourceDocument:
    """One published page found in a raw file."""

    source: str  # raw file name, relative to the raw folder
    sha256: str  # of the whole raw file
    form: str  # "text", "html" or "pdf"
    kind: str  # CENTER_LIST, CONTACT_LISTING or PROSE
    url: str  # the page's address ("" when the file names none)
    title: str
    published: str  # ISO date of "Last Published Date"/"Last Updated", or ""
    published_text: str  # the date as the page writes it
    first_line: int
    last_line: int


@dataclass(frozen=True)
class ListEntry:
    """One bullet of the DHS list of primary and recognized centers."""

    text: str  # verbatim bullet text, without the "- " marker
    name: str  # text without the "; City, ST" suffix
    designation: str  # "primary" or "recognized"
    list_city: str  # from "; City, ST", "" when absent
    list_state: str  # as written after the city ("TX"), "" when absent
    place_note: str  # a place given in parentheses ("Guam"), "" when none
    ref: SourceRef
    url: str  # address of the page it came from


@dataclass(frozen=True)
class FieldLine:
    """One labeled (or recognised) line of a contact block, verbatim."""

    label: str  # "Phone", "Fax", "Alternate Phone", "Toll-Free", "Email",
    # "Website", or any other label exactly as the source writes it
    text: str  # the value after the label, stripped
    ref: SourceRef
    raw: str = ""  # the whole source line, for evidence


@dataclass(frozen=True)
class ContactBlock:
    """One center's block in the contact listing."""

    heading: str  # verbatim heading; a heading broken over lines is joined by a space
    heading_ref: SourceRef
    location: FieldLine | None
    fields: tuple[FieldLine, ...]
    url: str  # address of the page it came from

    def values(self, label: str) -> tuple[FieldLine, ...]:
        return tuple(f for f in self.fields if f.label == label)


@dataclass(frozen=True)
class Extraction:
    """Everything read from one raw file."""

    documents: tuple[SourceDocument, ...]
    list_entries: tuple[ListEntry, ...] = ()
    blocks: tuple[ContactBlock, ...] = ()


@dataclass(frozen=True)
class Value:
    """A normalized value beside the verbatim text it came from.

    `value` is the cleaned form ("" when the text could not be normalized);
    `reason` says why not. Nothing is dropped: `text` and `ref` always stay.
    """

    value: str
    text: str
    ref: SourceRef | None
    reason: str = ""
    label: str = ""  # the label the source gave the text
    kind: str = ""  # phones: "toll_free", "geographic", or ""; others: ""
    place: str = ""  # phones: USPS code of the area code's place, "" if none


@dataclass(frozen=True)
class Center:
    """One fusion center after normalization and reconciliation."""

    id: str
    name: str
    designation: str  # "primary", "recognized", or "" for a block with no list entry
    city: str
    state: str
    zip: str
    phone: Value | None
    fax: Value | None
    alt_phone: Value | None
    toll_free: Value | None
    email: Value | None
    website: Value | None
    source_url: str
    source: str
    source_line: int
    entry: ListEntry | None
    block: ContactBlock | None
    match_method: str  # "exact", "normalized", "fuzzy", "unmatched"
    match_score: float
    location: Value | None = None
    extra_fields: tuple[Value, ...] = ()  # unknown labels and surplus values, kept
    fixes: tuple[str, ...] = ()  # codes of fixes applied to this record
    list_place: str = ""  # USPS code the list places it in ("" when unknown)
    other_blocks: tuple[ContactBlock, ...] = ()  # the same center in other documents
    latitude: float | None = None  # WGS 84 degrees of the place's centroid; None when not located
    longitude: float | None = None
    coordinate_method: str = ""  # "zip_centroid", "city_centroid", or "" when not located
    coordinate_source: str = ""  # the gazetteer and the ZIP codes the coordinates come from


@dataclass(frozen=True)
class Finding:
    """One problem or observation about the data, for reviewers."""

    code: str
    severity: str  # "error", "warning" or "info"
    center_id: str
    center_name: str
    field: str
    value: str  # verbatim from the source
    message: str
    suggestion: str
    source: str
    line: int | None
    status: str = "open"  # "open", "fixed" (applied in the records), "waived"


@dataclass(frozen=True)
class Dataset:
    """What normalization gives the checks and the exporters."""

    documents: tuple[SourceDocument, ...]
    entries: tuple[ListEntry, ...]
    blocks: tuple[ContactBlock, ...]
    centers: tuple[Center, ...]  # sorted by id
