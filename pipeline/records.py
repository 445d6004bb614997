"""The records that stages hand to each other.

Every record is a frozen dataclass. Stages talk only through these: an
extractor gives `SourceDocument`, `ListEntry` and `ContactBlock` records, the
normalizer gives `Center` records, the checks give `Finding` records.
Each value keeps the verbatim text it came from and where it stood
(`SourceRef`: raw file, line, and for PDFs the page).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from pipeline.fields import FIELDS, Kind
from pipeline.text import exchange


class DocumentKind(StrEnum):
    """What a published page is, as an extractor recognises it."""

    CENTER_LIST = "center_list"
    CONTACT_LISTING = "contact_listing"
    PROSE = "prose"


class Form(StrEnum):
    """The form a raw file is published in, told from its bytes."""

    TEXT = "text"
    HTML = "html"
    PDF = "pdf"


class MatchMethod(StrEnum):
    """How a contact block was matched to its list entry."""

    EXACT = "exact"
    NORMALIZED = "normalized"
    FUZZY = "fuzzy"
    UNMATCHED = "unmatched"


class PhoneType(StrEnum):
    """What phonenumbers says a NANP number is."""

    TOLL_FREE = "toll_free"
    GEOGRAPHIC = "geographic"


class Severity(StrEnum):
    """How much a finding matters: an error needs action before publication."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Status(StrEnum):
    """Where a finding stands: open, fixed in the published data, or waived by a reviewer."""

    OPEN = "open"
    FIXED = "fixed"
    WAIVED = "waived"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a piece of text stood: raw file name, 1-based line, PDF page."""

    source: str
    line: int
    page: int | None = None


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One published page found in a raw file."""

    source: str  # raw file name, relative to the raw folder
    sha256: str  # of the whole raw file
    form: Form
    kind: DocumentKind
    url: str  # the page's address ("" when the file names none)
    title: str
    published: str  # ISO date of "Last Published Date"/"Last Updated", or ""
    published_text: str  # the date as the page writes it
    # Where the document begins and ends in its raw file: the line after the
    # address line before it (or the file's first line) and its own address line;
    # in a file read by pages (PDF), its first and last lines, with their pages.
    start: SourceRef
    end: SourceRef
    # The line that gives the date ("Last Published Date: July 23, 2015"), for evidence.
    published_ref: SourceRef | None = None
    published_line: str = ""
    # True where the contact values come from machine-readable markup (JSON-LD) the page does not show
    values_from_markup: bool = False
    encoding_note: str = ""  # how the reader guessed the file's encoding; "" when it did not guess
    # An address the page gives for itself that is no well-formed http(s)
    # address ("javascript:..."): never used; `url` falls back to the manifest's.
    rejected_url: str = ""

    @property
    def span(self) -> tuple[int, int]:
        """Its first and last line, as the sources table and the report give them;
        its first and last page in a file read by pages (a PDF)."""
        return tuple(r.line if r.page is None else r.page for r in (self.start, self.end))


@dataclass(frozen=True, slots=True)
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
    # Lines under the list's heading after this item and before the next that were read into no
    # entry (a wrapped item's tail on the next page): kept here, reported (LIST_LINE_UNREAD).
    unread: tuple[FieldLine, ...] = ()


@dataclass(frozen=True, slots=True)
class FieldLine:
    """One labeled (or recognised) line of a contact block, verbatim."""

    label: str  # "Phone", "Fax", "Alternate Phone", "Toll-Free", "Email",
    # "Website", or any other label exactly as the source writes it
    text: str  # the value after the label, stripped
    ref: SourceRef
    raw: str = ""  # the whole source line, for evidence


@dataclass(frozen=True, slots=True)
class ContactBlock:
    """One center's block in the contact listing."""

    heading: str  # verbatim heading; a heading broken over lines is joined by a space
    heading_ref: SourceRef
    location: FieldLine | None
    fields: tuple[FieldLine, ...]
    url: str  # address of the page it came from

    def values(self, label: str) -> tuple[FieldLine, ...]:
        """The block's fields with `label`, in source order."""
        return tuple(f for f in self.fields if f.label == label)


@dataclass(frozen=True, slots=True)
class ShownValue:
    """A phone number, email address or web address that a document shows in
    one of its visible lines, whatever the reader made of it (`extract.shown`)."""

    kind: str  # "phone", "email" or "url"
    text: str  # as written
    key: str  # how it compares with a published value (`pipeline.text.contact_key`)
    ref: SourceRef
    line: str  # the whole visible line, for evidence
    listing: bool  # the line is a contact listing's


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one raw file, and every contact value it shows."""

    documents: tuple[SourceDocument, ...]
    list_entries: tuple[ListEntry, ...] = ()
    blocks: tuple[ContactBlock, ...] = ()
    shown: tuple[ShownValue, ...] = ()


class SignalKind(StrEnum):
    """Where a value's place signal comes from."""

    AREA_CODE = "area_code"  # a phone's area code, as phonenumbers' geocoder places it
    GOV_REGISTRY = "gov_registry"  # a .gov domain's registrant, in the .gov registry
    GOV_NAME = "gov_name"  # a .gov name of two letters read as a state (only where no registry is read)
    LOCALITY_US = "locality_us"  # a locality-based .us name (RFC 1480: state.nm.us, co.collin.tx.us)
    FEDERAL = "federal"  # a .gov domain of a federal agency: it places no center
    NOT_REGISTERED = "not_registered"  # a .gov domain the registry does not list


@dataclass(frozen=True, slots=True)
class PlaceSignal:
    """What a value says about where its center is: a state (USPS code, "" when
    it names none) and what says so. A toll-free number, an .org or .com
    address has no signal at all."""

    kind: SignalKind
    state: str
    host: str  # the host name read, or the area code of a phone
    part: str = ""  # a name's state part as written ("nm"); "" for the registry
    registrant: str = ""  # the registry's holder in words: "State of New York, Albany, NY"
    registry_ref: SourceRef | None = None  # the registry row read
    registry_row: str = ""  # that row, verbatim


def fit(signal: PlaceSignal | None, state: str) -> int:
    """How a value's place signal fits a center in `state`: 0 it names that
    state, 1 it names none (or the center's state is unknown), 2 it names another.

    >>> fit(PlaceSignal(SignalKind.GOV_REGISTRY, "CT", "ct.gov"), "TX"), fit(None, "TX")
    (2, 1)
    """
    if signal is None or not signal.state or not state:
        return 1
    return 0 if signal.state == state else 2


def shares_exchange(value: Value, others: Sequence[Value]) -> bool:
    """Whether a number shares its central office code (+1 AAA EEE NNNN: EEE) with another number
    of `others`: an office's numbers share it, so a number that names another state's area code
    beside one that shares its exchange is the block's own (Connecticut's fax with a Texas 806)."""
    mine = exchange(value.value) if value.phone_type else ""
    return bool(mine) and any(o is not value and o.phone_type and exchange(o.value) == mine for o in others)


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a normalizer made of a text, as phonenumbers and email-validator give
    a result: the cleaned `value` ("" when the text could not be normalized),
    the `issue` it saw (a finding code of `pipeline.codes`, "" when none) with
    its `details` for the code's templates, and for a phone its type, its area
    code's place and its extension. It knows nothing of where the text stood:
    `pipeline.normalize.normalizers.normalize_value` attaches that."""

    value: str
    issue: str = ""
    details: tuple[tuple[str, str], ...] = ()
    phone_type: PhoneType | str = ""  # phones only; "" for other values
    area_code_place: str = ""  # phones: USPS code of the area code's place, "" if none
    extension: str = ""  # phones: the extension E.164 cannot hold, digits only

    def detail(self, key: str) -> str:
        """The detail named `key`, or "" when there is none."""
        return dict(self.details).get(key, "")


@dataclass(frozen=True, slots=True)
class Value:
    """A normalized value beside the verbatim text it came from.

    `value` is the cleaned form ("" when the text could not be normalized).
    `issue` is a finding code from `pipeline.codes` when the normalizer
    saw a problem ("" when none), with its `details` for the message template,
    as phonenumbers and email-validator give reasons, not sentences. Nothing
    is dropped: `text`, `ref` and the whole source line (`evidence`) stay.
    """

    value: str
    text: str
    ref: SourceRef | None
    issue: str = ""
    details: tuple[tuple[str, str], ...] = ()
    label: str = ""  # the label the source gave the text
    phone_type: PhoneType | str = ""  # phones only; "" for other values
    area_code_place: str = ""  # phones: USPS code of the area code's place, "" if none
    extension: str = ""  # phones: the extension E.164 cannot hold, digits only
    evidence: str = ""  # the whole source line the text stood on
    signal: PlaceSignal | None = None  # where the value places its center; None when it says nothing

    @classmethod
    def of(cls, parsed: Parsed, text: str, ref: SourceRef | None, label: str = "", evidence: str = "") -> Value:
        """A normalizer's result beside the text it read and where that stood."""
        return cls(parsed.value, text, ref, parsed.issue, parsed.details, label, parsed.phone_type,
                   parsed.area_code_place, parsed.extension, evidence)

    def detail(self, key: str) -> str:
        """The detail named `key`, or "" when there is none."""
        return dict(self.details).get(key, "")


@dataclass(frozen=True, slots=True)
class LiveCheck:
    """What a verification run found for one published website or email
    address (`pipeline.verify`), and where that stands: the run's file, the
    check's line and the run's date. `result` is one of the run's results
    ("ok", "moved-away", "nxdomain", ...); `suggest` is the address a finding
    may propose instead (a redirect that stays on the registered domain, or
    lands on a .gov domain registered in the center's state), "" when none."""

    value: str  # the published value that was checked
    result: str
    checked: str  # YYYY-MM-DD of the run
    source: str  # the run's file, relative to the raw folder
    line: int
    evidence: str  # the check's line, verbatim
    status: int | None = None  # a website's last HTTP status
    final_url: str = ""  # a website's last address
    detail: str = ""  # why: a certificate's reason, a connection's failure
    suggest: str = ""


@dataclass(frozen=True, slots=True)
class Center:
    """One fusion center after normalization and reconciliation.

    `values` holds the source's value of each value field it gives, by the
    field's name in the registry of value fields (`pipeline.fields`): a labeled
    value (phone, email, website...) as its normalizer read it, and each part
    of the location line (city, state, ZIP code) as its own `Value` beside the
    line's text. A field the source does not give has no entry.
    """

    id: str
    name: str
    designation: str  # "primary", "recognized", or "" for a block with no list entry
    values: dict[str, Value]
    source_url: str
    source: str
    source_line: int
    entry: ListEntry | None
    block: ContactBlock | None
    match_method: MatchMethod
    match_score: float
    location: Value | None = None
    extra_fields: tuple[Value, ...] = ()  # unknown labels and surplus values, kept
    list_place: str = ""  # USPS code the list places it in ("" when unknown)
    name_text: str = ""  # the name as the source writes it, before invisible characters are removed
    # The same center as other documents give it, normalized alike, for the
    # rules to compare; the first document (by file name) gives the values above.
    alternates: tuple[Center, ...] = ()
    # What is published where it differs from the source: certain fixes and
    # reviewers' `set` decisions, applied in normalize. The source values above
    # stay as they are, for the rules to judge.
    overrides: tuple[Override, ...] = ()
    # Where the published place is (pipeline.normalize.geo): WGS 84 degrees of
    # its ZIP's or city's centroid, None when it could not be located.
    latitude: float | None = None
    longitude: float | None = None
    coordinate_method: str = ""  # "zip_centroid", "city_centroid", or "" when not located
    coordinate_source: str = ""  # the gazetteer and the ZIP codes the coordinates come from
    # Values of this center's block that name the state of the center next to
    # it in document order, which lacks that field, or such values of the
    # next center's block that name this one's (normalize.neighbors).
    neighbor_fits: tuple[NeighborFit, ...] = ()
    # A block read under this center's heading that is likely another center's (the holder's values of it
    # withheld), or one under another's heading that is likely this center's (normalize.strays).
    stray_blocks: tuple[StrayBlock, ...] = ()
    # Published values whose line continues a word the line above breaks at a hyphen (normalize.broken), withheld.
    broken_words: tuple[BrokenWord, ...] = ()
    # The published ZIP code that is not the city's (normalize: geo.zip_problem), withheld unless accepted.
    zip_out_of_place: ZipOutOfPlace | None = None
    # What the newest verification run in raw/ found for the published website
    # and email address (pipeline.verify); None when it did not check them.
    website_check: LiveCheck | None = None
    email_check: LiveCheck | None = None

    def value(self, field: str) -> Value | None:
        """The source's value of `field`, None when the source gives none."""
        return self.values.get(field)

    def text(self, field: str) -> str:
        """The source's normalized value of `field` as text, "" when none."""
        v = self.values.get(field)
        return v.value if v is not None else ""

    # The center's place as the source gives it, for the rules that compare places.
    @property
    def city(self) -> str:
        """The city of the location line, "" when none."""
        return self.text("city")

    @property
    def state(self) -> str:
        """The USPS code of the location line's state or territory, "" when none."""
        return self.text("state")

    @property
    def zip(self) -> str:
        """The location line's ZIP code, "" when none."""
        return self.text("zip")

    def source_text(self, field: str) -> str | None:
        """The verbatim source text a decision on `field` (or "name") is about: a
        place field's is its location line's; None when there is no such field."""
        if field == "name":
            return self.entry.text if self.entry else (self.block.heading if self.block else "")
        if field not in FIELDS.by_name:
            return None
        if FIELDS.by_name[field].kind == Kind.PLACE:
            return self.location.text if self.location else ""
        v = self.values.get(field)
        return v.text if v is not None else ""

    def published(self, name: str) -> Value | str | None:
        """The value published for field `name` (or the center's "name"): an override,
        else the source's. A labeled field's is a `Value` (None when none is published);
        a place field's (city, state, ZIP code) and the name are text."""
        for o in reversed(self.overrides):
            if o.field == name:
                value = o.value
                break
        else:
            value = self.name if name == "name" else self.values.get(name)
        if isinstance(value, Value) and name in FIELDS.by_name and FIELDS.by_name[name].kind == Kind.PLACE:
            return value.value
        return value

    def published_text(self, name: str) -> str:
        """The published value of field `name` as text, "" when none is published."""
        v = self.published(name)
        return v.value if isinstance(v, Value) else (v or "")

    @property
    def fixes(self) -> tuple[str, ...]:
        """Why the published record differs from the source, one origin per override, in order."""
        return tuple(dict.fromkeys(o.origin_id for o in self.overrides))


@dataclass(frozen=True, slots=True)
class Override:
    """A published value that replaces the source's: `origin` is the fix's
    code ("PHONE_LABELS_SWAPPED") or the reviewer's `Decision` that set it.
    `withheld`: the code withholds a value it doubts (a value that fits the
    neighbor, a ZIP out of place); its finding stays open for a reviewer."""

    field: str
    value: Value | str | None
    origin: str | Decision
    withheld: bool = False

    @property
    def origin_id(self) -> str:
        """The origin as the outputs name it: the fix's code, or the decision's id."""
        return self.origin if isinstance(self.origin, str) else self.origin.id


@dataclass(frozen=True, slots=True)
class ZipOutOfPlace:
    """A published ZIP code that the gazetteer does not place in its city:
    where it came from (the location line, or the line of a reviewer's `set`),
    why, and whether it is withheld (it is, unless a reviewer accepted it)."""

    zip: str
    details: tuple[tuple[str, str], ...]  # why, as ZIP_OUT_OF_PLACE's details (`geo.zip_problem`)
    ref: SourceRef | None
    evidence: str
    withheld: bool = True


@dataclass(frozen=True, slots=True)
class NeighborFit:
    """A value that stands in one center's block but names the state of the
    center next to it in document order, which has no value for that field,
    or one that names this center's state (the two swapped): the document may
    have split its block. Both centers carry it."""

    field: str
    value: Value  # as the source gives it, in the holder's block
    holder_id: str  # the center whose block holds it
    holder_name: str
    fits_id: str  # the neighbor whose state it names
    fits_name: str
    withheld: bool  # it was the holder's published value, and is withheld
    # The neighbor's own source text for the field, "" when it has none; when
    # it has one, that value names the holder's state: the two are swapped.
    fits_text: str = ""
    # The line of the holder's block, above the value, that names the neighbor
    # (its heading, left inside the block); "" when the value's place says it.
    name_line: str = ""


@dataclass(frozen=True, slots=True)
class BrokenWord:
    """A value of a block whose line continues a word that the line above it
    breaks at a hyphen ("dal‐" over "las.fusion@dpd.ci.dallas.tx.us"): the
    value the page shows begins on the line above, with or without its hyphen."""

    field: str
    value: Value  # as read, from its own line only
    head: str  # the line above, verbatim
    head_ref: SourceRef


@dataclass(frozen=True, slots=True)
class StrayBlock:
    """A contact block read under one center's heading whose place line and
    values are in another state than the one the center's name (or its list
    entry's place) names, where a listed center that names the block's state
    has no block of its own: the block is likely that center's, the headings
    read out of order. Both centers carry it; the holder's values are withheld.
    Or the values of a block that stand below a second place line of it, of
    another state, which values of that state follow (`line`)."""

    holder_id: str  # the center whose heading the block stands under
    holder_name: str
    state: str  # USPS code of the block's state: its place line's, which its values' signals agree with
    named: str  # USPS code of the state the holder's name or list entry names instead
    # What names it: "name" (its words, as `named_words`), "list" (the list entry's place), "list_city"
    # (the list entry's city, another than the block's: `place`) or "place" (a second place line, `line`).
    by: str
    named_words: str  # the words of the name that name the state ("West Virginia"), as written
    fits: tuple[tuple[str, str], ...]  # (id, name) of each listed center naming `state` without a block of its own
    # (field, value) of the block that the holder published, withheld: the place line's parts, then the others
    values: tuple[tuple[str, Value], ...]
    # (center id, field, source text) of each fitting center's own text for a field, for the ready decision
    theirs: tuple[tuple[str, str, str], ...] = ()
    # A second place line of the block, of `state`, that the values stand below (the block of another
    # center whose heading was lost inside this one); None when the whole block is another's.
    line: FieldLine | None = None
    # The block's city, where its list entry places the holder in another city of the same state
    # (`by` "list_city", `named_words` the list's city); "" otherwise.
    place: str = ""

    def their_text(self, center_id: str, field: str) -> str:
        """A fitting center's source text of `field` ("" when it has none), as a decision on it expects it."""
        return next((t for c, f, t in self.theirs if (c, f) == (center_id, field)), "")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem or observation about the data, for reviewers.

    It carries everything a reviewer needs, so nothing looks it up again: the
    full source reference (file, page, line) and the evidence, the verbatim
    text of the record it cites.
    """

    code: str
    severity: Severity
    center_id: str
    center_name: str
    field: str
    value: str  # verbatim from the source
    message: str
    suggestion: str
    ref: SourceRef | None
    evidence: str  # the verbatim source line (or record text) the finding cites
    status: Status = Status.OPEN
    note: str = ""  # a reviewer's decision that set the status, in words
    suggested_value: str = ""  # the value the suggestion names, as a reviewer would write it; "" when none
    # The verbatim source text a reviewer's decision on its field must name as
    # `expected` (`Center.source_text`): the value itself where the field is none of the center's.
    expected: str = ""

    @property
    def source(self) -> str:
        """The file the finding cites, or "" when it cites none."""
        return self.ref.source if self.ref else ""

    @property
    def page(self) -> int | None:
        """The page the finding cites, or None."""
        return self.ref.page if self.ref else None

    @property
    def line(self) -> int | None:
        """The line the finding cites, or None."""
        return self.ref.line if self.ref else None


class DecisionKind(StrEnum):
    """What a reviewer decided about a field (see `pipeline.corrections`)."""

    SET = "set"
    ACCEPT = "accept"
    WAIVE = "waive"


@dataclass(frozen=True, slots=True)
class Decision:
    """One row of the reviewers' corrections file, verbatim, and where it stands (`ref`)."""

    center_id: str
    field: str
    expected: str
    decision: DecisionKind
    value: str
    code: str
    reason: str
    reviewer: str
    date: str
    ref: SourceRef  # the corrections file and the row's line
    # A decision about a source rather than a center (center_id empty): the raw
    # file, as the manifest names it, whose finding `code` it acknowledges.
    about_source: str = ""

    @property
    def id(self) -> str:
        """A stable id made of what the decision decides: center, field, action and
        code ("alabama-fusion-center/fax/waive/PHONE_INVALID"), never its line, so
        reordering the corrections file changes no id. Unique among the decisions
        applied: two decisions on one key conflict, and neither is applied.

        >>> Decision("a-center", "fax", "", DecisionKind.SET, "1", "", "r", "J", "2025-01-02", SourceRef("c.csv", 9)).id
        'a-center/fax/set'
        """
        return "/".join(part for part in (self.center_id or self.about_source, self.field, str(self.decision),
                                          self.code) if part)


@dataclass(frozen=True, slots=True)
class DecisionOutcome:
    """What normalize made of a decision: applied (`issue` "") or not, and why
    (a CORRECTION_* code with its details)."""

    decision: Decision
    issue: str = ""
    details: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class InputFile:
    """An input of the build that is no document (reference data, the id
    register, a verification run), as the sources table and the data package
    list it; its sha256 is part of the data version."""

    file: str  # relative to the raw folder
    sha256: str
    role: str  # "reference", "register" or "verification" (pipeline.sources.Role)
    url: str = ""  # where it was copied from
    title: str = ""
    retrieved: str = ""  # YYYY-MM-DD of the copy
    license: str = ""  # SPDX id
    license_url: str = ""


@dataclass(frozen=True, slots=True)
class IdLink:
    """A center the id register does not name, and a register entry whose names
    are gone from the sources that it resembles (pipeline.normalize.ids):
    linked (the center keeps the entry's id: a rename) or only proposed."""

    center_id: str  # the id the center publishes
    register_id: str
    old_names: tuple[str, ...]  # the names the register gives the entry
    new_name: str
    shared: tuple[str, ...]  # the contact values both have
    linked: bool


@dataclass(frozen=True, slots=True)
class Dataset:
    """What normalization gives the checks and the exporters."""

    documents: tuple[SourceDocument, ...]
    entries: tuple[ListEntry, ...]
    blocks: tuple[ContactBlock, ...]
    centers: tuple[Center, ...]  # sorted by id
    decisions: tuple[DecisionOutcome, ...] = ()  # the reviewers' decisions, in file order
    inputs: tuple[InputFile, ...] = ()  # the inputs that are no documents, by file name
    shown: tuple[ShownValue, ...] = ()  # every contact value the documents show, for the conservation rule
    id_links: tuple[IdLink, ...] = ()  # renames linked by the id register, and links proposed
