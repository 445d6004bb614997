"""The registry of value fields: every value a center publishes, described once.

Each `ValueField` says its name (the key of `Center.values`, the column, the
field a finding or a reviewer's decision names), the label a source writes for
it and the label's other spellings, its kind (what reads, normalizes, checks and
places it: a phone, an email address, a web address or a part of the place),
and its output columns with their meaning and constraints. The readers
recognise labels through it, normalize picks each field's normalizer by its
kind (`pipeline.normalize.normalizers`), the rules pick fields by kind, and the
column spec, the JSON Schema, the report's counts and the center rows are made
from it. Adding a field ("Cell:") is one entry here.

This is the registry of value fields; the finding codes have theirs
(`pipeline.codes`), and the .gov data its own (`pipeline.dotgov`).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pipeline.reference import STATES


class Kind(StrEnum):
    """What a value field holds, which decides how it is read, normalized, checked and placed."""

    PHONE = "phone"  # a NANP number, published in E.164 (ITU-T E.164), its extension apart
    EMAIL = "email"  # an address (RFC 5322), as email-validator normalizes it
    URL = "url"  # an absolute http(s) address (RFC 3986)
    PLACE = "place"  # a part of the location line: city, state or ZIP code


# Whole-value patterns of the published columns (Table Schema patterns are XML
# Schema regular expressions, implicitly anchored; the JSON Schema adds ^ and $).
# E.164 (ITU-T E.164) for the NANP: +1, then ten digits whose area code cannot
# start with 0 or 1 (NANP numbering plan).
PHONE_PATTERN = r"\+1[2-9][0-9]{9}"
# USPS ZIP or ZIP+4.
ZIP_PATTERN = r"[0-9]{5}(-[0-9]{4})?"
WEB_PATTERN = r"https?://\S+"
EMAIL_PATTERN = r"[^@\s]+@[^@\s]+"
EXTENSION_PATTERN = r"[0-9]+"


@dataclass(frozen=True)
class ValueField:
    """One value field of a center: what sources call it, what it holds, what it publishes."""

    name: str  # the key of Center.values, the output column, the field findings and decisions name
    label: str  # the label a source writes ("Phone"); a place field's is its line's, "Location"
    kind: Kind
    title: str  # what it is, in words: "main phone number" (an extension column says "Extension of the ...")
    description: str  # the meaning of its output column
    # Other spellings of its label that sources write, compared in lower case ("tel", "e-mail").
    synonyms: tuple[str, ...] = ()
    pattern: str = ""  # whole-value pattern of its column
    format: str = ""  # Table Schema string format of its column: "email" or "uri"
    enum: tuple[str, ...] = ()  # the values its column may hold
    # Among the dataset's fourteen original columns (in registry order); a field
    # added later publishes its columns after those.
    original: bool = False

    @property
    def extension_column(self) -> str:
        """The column of a phone's extension, which E.164 cannot hold; "" for other kinds."""
        return f"{self.name}_ext" if self.kind == Kind.PHONE else ""


# A word labels spell in several ways, to one spelling: "Tel", "Telephone" and "Phone" are one
# word, as "Alt" and "Alternate" are ("Alt. tel" is "Alternate Phone").
_LABEL_WORDS = {"tel": "phone", "telephone": "phone", "ph": "phone", "alt": "alternate",
                "alternative": "alternate"}
# A last word that names no field of its own ("Phone number", "Fax No.", "E-mail address").
_LABEL_TAILS = ("number", "no", "address")


def spelling_key(spelling: str) -> str:
    """A label as written, compared: lower case, without its colon, abbreviation points
    ("Alt. Phone", "Tel.") or repeated spaces, each word in one spelling (`_LABEL_WORDS`),
    without a last word that names no field (`_LABEL_TAILS`)."""
    words = [_LABEL_WORDS.get(w, w) for w in spelling.strip().rstrip(":").lower().replace(".", " ").split()]
    if len(words) > 1 and words[-1] in _LABEL_TAILS:
        words.pop()
    return " ".join(words)


def _phone(name: str, label: str, title: str, **more) -> ValueField:
    description = (f"{title[0].upper()}{title[1:]}, E.164 (+1 and ten digits); missing when absent or not a valid "
                   "number (then a finding).")
    return ValueField(name, label, Kind.PHONE, title, description, pattern=PHONE_PATTERN, **more)


VALUE_FIELDS: tuple[ValueField, ...] = (
    ValueField("city", "Location", Kind.PLACE, "city", "City of the contact block's location line.", original=True),
    ValueField("state", "Location", Kind.PLACE, "state",
               "USPS code of the state or territory (USPS Publication 28; DC, GU, PR, VI included).",
               enum=tuple(sorted(STATES)), original=True),
    ValueField("zip", "Location", Kind.PLACE, "ZIP code",
               "ZIP code, when the location line carries one (a string: leading zeros kept).",
               pattern=ZIP_PATTERN, original=True),
    # Label spellings seen on DHS and association pages.
    _phone("phone", "Phone", "main phone number", synonyms=("telephone", "tel", "main"), original=True),
    _phone("fax", "Fax", "fax number", synonyms=("facsimile",), original=True),
    _phone("alt_phone", "Alternate Phone", "alternate phone number", synonyms=("alt phone", "alternate"),
           original=True),
    _phone("toll_free", "Toll-Free", "toll-free number", synonyms=("toll free", "tollfree"), original=True),
    ValueField("email", "Email", Kind.EMAIL, "email address",
               "Email address as email-validator normalizes it (domain lower-cased); missing when absent or "
               "invalid (then a finding).", synonyms=("e-mail",), pattern=EMAIL_PATTERN, format="email",
               original=True),
    ValueField("website", "Website", Kind.URL, "website",
               "Absolute http or https URL; a bare host gets http://; missing when absent or not a web "
               "address (then a finding).", synonyms=("web site", "web", "url"), pattern=WEB_PATTERN,
               format="uri", original=True),
)


class Registry:
    """The value fields of one build, with the look-ups the stages need. `FIELDS`
    is the pipeline's; a test may make another to add a field."""

    def __init__(self, fields: tuple[ValueField, ...]) -> None:
        names = [f.name for f in fields]
        if len(set(names)) != len(names):
            raise ValueError(f"value fields named twice: {sorted({n for n in names if names.count(n) > 1})}")
        self.all = fields
        self.by_name = {f.name: f for f in fields}
        labeled = [f for f in fields if f.kind != Kind.PLACE]
        # Every labeled value a center publishes: the label a source writes, and the field it fills.
        self.field_of_label = {f.label: f.name for f in labeled}
        # Each spelling of a label, in lower case, to the label the pipeline uses.
        self.label_of_spelling = {spelling_key(s): f.label for f in labeled for s in (f.label, *f.synonyms)}
        self.label_of_field = {f.name: f.label for f in labeled}
        self.kind_of_field = {f.name: f.kind for f in labeled}

    def label_of(self, spelling: str) -> str:
        """The pipeline's label for a label as a source writes it ("Alt. Phone", "TEL:",
        "E-mail"), or "" when it names no value field."""
        return self.label_of_spelling.get(spelling_key(spelling), "")

    def of_kind(self, *kinds: Kind) -> tuple[str, ...]:
        """The names of the fields of these kinds, in registry order."""
        return tuple(f.name for f in self.all if f.kind in kinds)

    @property
    def labeled(self) -> tuple[str, ...]:
        """The fields a source gives on a labeled line (every kind but place), in registry order."""
        return self.of_kind(Kind.PHONE, Kind.EMAIL, Kind.URL)

    def labels_of_kind(self, *kinds: Kind) -> tuple[str, ...]:
        """The label of every field of these kinds (the pipeline's spelling)."""
        return tuple(f.label for f in self.all if f.kind in kinds and f.kind != Kind.PLACE)


FIELDS = Registry(VALUE_FIELDS)

# The look-ups the readers and stages use, from the registry.
FIELD_OF_LABEL: dict[str, str] = FIELDS.field_of_label
LABEL_SYNONYMS: dict[str, str] = FIELDS.label_of_spelling
label_of = FIELDS.label_of
LABEL_OF_FIELD: dict[str, str] = FIELDS.label_of_field
KIND_OF_FIELD: dict[str, Kind] = FIELDS.kind_of_field
PHONE_LABELS: tuple[str, ...] = FIELDS.labels_of_kind(Kind.PHONE)
# The labels whose line closes a block (an email or a website comes last in a block).
CLOSING_LABELS: tuple[str, ...] = FIELDS.labels_of_kind(Kind.EMAIL, Kind.URL)
# The fields some rules are about by their role, not their kind (the center's
# main number, its fax, its other numbers, and the email address and website
# that verify checks against the world); named here, once.
MAIN_PHONE, FAX, ALT_PHONE, TOLL_FREE = "phone", "fax", "alt_phone", "toll_free"
EMAIL, WEBSITE = "email", "website"
