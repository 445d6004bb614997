"""The one column spec: every column of every output table, once, as data.

Each `Column` says its name, type, meaning, constraints and whether it is
provenance (where a value came from, rather than the value). Everything that
describes a column is made from this module: the CSV and JSON column order
(`pipeline.export.tables`), the Table Schemas of `datapackage.json`, the JSON
Schema `schema/fusion_centers.schema.json` (`pipeline.export.json_schema`), the
SQLite tables, the Datasette metadata and the README's column tables.

A missing value is one thing in every format: an empty CSV cell, JSON `null`,
SQLite `NULL`. A list column (`separator` set) is a JSON list, and its items
joined by the separator in CSV and SQLite; an empty list is an empty cell.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.codes import CODES
from pipeline.fields import (  # the patterns are re-exported for the other modules
    EMAIL_PATTERN, EXTENSION_PATTERN, FIELDS, PHONE_PATTERN, WEB_PATTERN, ZIP_PATTERN, Kind, ValueField,
)
from pipeline.records import DocumentKind, Form, MatchMethod, Severity, Status
from pipeline.verify.results import MAIL_RESULTS, SITE_RESULTS
from pipeline.sources import Role

# The types of Table Schema v1 that the tables use.
TYPES = ("string", "integer", "number", "boolean", "date")

# Patterns match the whole value (Table Schema patterns are XML Schema regular
# expressions, implicitly anchored; the JSON Schema adds ^ and $). The value
# fields' patterns are in their registry (`pipeline.fields`).
# A phone in the CSV: NANP's 334-517-2660, as congress-legislators writes it.
# Every tool's type detection keeps it text (pandas, csvkit, GDAL's
# AUTODETECT_TYPE, spreadsheets), it never starts like a formula (+ = - @,
# OWASP "CSV Injection"), and E.164 is "+1" and its digits (every number here
# is NANP, as PHONE_PATTERN says). JSON and SQLite keep E.164.
PHONE_CSV_PATTERN = r"[2-9][0-9]{2}-[0-9]{3}-[0-9]{4}"
# What `pipeline.normalize.names.slug` makes: lower-case ASCII words joined by "-".
ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
SHA256_PATTERN = r"[0-9a-f]{64}"

DESIGNATIONS = ("primary", "recognized")
# The enums of pipeline.records, as the strings the outputs hold.
FINDING_STATUSES = tuple(str(s) for s in Status)
SEVERITIES = tuple(str(s) for s in Severity)
SOURCE_FORMS = tuple(str(f) for f in Form)
SOURCE_KINDS = tuple(str(k) for k in DocumentKind)
SOURCE_ROLES = tuple(str(r) for r in Role)
MATCH_METHODS = tuple(str(m) for m in MatchMethod)
# How a center's coordinates were found (pipeline.normalize.geo).
COORDINATE_METHODS = ("zip_centroid", "city_centroid")


@dataclass(frozen=True)
class Column:
    """One column of an output table, in every format."""

    name: str
    type: str  # one of TYPES
    description: str
    required: bool = False  # never missing
    unique: bool = False
    pattern: str = ""  # whole-value regular expression
    enum: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    format: str = ""  # Table Schema string format: "email" or "uri"
    provenance: bool = False  # where a value came from, not the value itself
    separator: str = ""  # a list of strings, joined by this in CSV and SQLite
    csv_pattern: str = ""  # the CSV's form, where it is not the JSON's and SQLite's (phones)
    # Empty in most rows by its nature (an extension, a PDF's page, a reviewer's
    # note): Datasette's default view hides it. A property of the column, never
    # of one build's data.
    often_empty: bool = False

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"column {self.name}: type {self.type!r} is not one of {', '.join(TYPES)}")


@dataclass(frozen=True)
class ForeignKey:
    """A column whose values must be found in a column of another table (a Table
    Schema foreign key in the data package, and a REFERENCES in SQLite)."""

    column: str
    table: str  # the referenced Table's name
    target: str  # the referenced column


@dataclass(frozen=True)
class Table:
    """One output table: its CSV file, its SQLite table and its columns."""

    name: str  # the data package resource's name
    file: str  # under out/
    sql_name: str  # the SQLite table
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def names(self) -> list[str]:
        """The table's column names, in order."""
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        """The column named `name`; a StopIteration when the table has none."""
        return next(c for c in self.columns if c.name == name)


def value_column(f: ValueField) -> Column:
    """The column of a value field, from its entry in the registry of value fields."""
    if f.kind == Kind.PHONE:  # E.164 in JSON and SQLite; text in every tool in the CSV
        return Column(f.name, "string", f"{f.description} JSON and SQLite: E.164 (+13345172660); CSV: "
                                        "334-517-2660 (text in every tool; E.164 is +1 and its digits).",
                      pattern=f.pattern, enum=f.enum, format=f.format, csv_pattern=PHONE_CSV_PATTERN)
    return Column(f.name, "string", f.description, pattern=f.pattern, enum=f.enum, format=f.format)


def extension_column(f: ValueField) -> Column:
    """The extension column of a phone field: E.164 cannot hold an extension."""
    return Column(f.extension_column, "string", f"Extension of the {f.title}, digits only (E.164 cannot hold "
                                                "one); missing when none.", pattern=EXTENSION_PATTERN,
                  often_empty=True)


def _columns_of(fields) -> tuple[Column, ...]:
    return tuple(value_column(f) for f in fields)


def _extensions_of(fields) -> tuple[Column, ...]:
    return tuple(extension_column(f) for f in fields if f.extension_column)


# The value fields of the fourteen original columns, and those added since, in registry order.
_ORIGINAL = tuple(f for f in FIELDS.all if f.original)
_ADDED = tuple(f for f in FIELDS.all if not f.original)


CENTERS = Table(
    name="fusion_centers", file="fusion_centers.csv", sql_name="centers",
    title="Fusion centers",
    description="One row per fusion center (78: 53 primary, 25 recognized), sorted by id.",
    primary_key=("id",),
    # The first fourteen columns are the dataset's original required columns,
    # in their order; every other column comes after them.
    columns=(
        Column("id", "string", "Stable slug of the name (south-carolina-information-and-intelligence-center).",
               required=True, unique=True, pattern=ID_PATTERN),
        Column("name", "string", "The name as the DHS list writes it, without the \"; City, ST\" suffix (a place "
                                 "in parentheses is kept).", required=True),
        Column("designation", "string", "DHS designation: primary or recognized; missing for a contact block "
                                        "that no list entry names.", enum=DESIGNATIONS),
        *_columns_of(_ORIGINAL),
        Column("source_url", "string", "Address of the page the center's contact block came from.",
               format="uri", provenance=True),
        Column("source_line", "integer", "First line of the center's block in the raw file (of its list bullet "
                                         "if it has no block).", minimum=1, provenance=True),
        # extras, after the fourteen columns every release has begun with
        *_extensions_of(_ORIGINAL),
        # the value fields added since, each with its extension column
        *(column for f in _ADDED for column in (value_column(f), *_extensions_of((f,)))),
        Column("latitude", "number", "Latitude in decimal degrees (WGS 84) of the ZIP or city centroid; "
                                     "missing when the place could not be located (then a finding).",
               minimum=-90, maximum=90),
        Column("longitude", "number", "Longitude in decimal degrees (WGS 84), west negative.",
               minimum=-180, maximum=180),
        Column("coordinate_method", "string", "How the coordinates were found: zip_centroid (the ZIP's centroid) "
                                              "or city_centroid (the mean of the city's ZIP centroids).",
               enum=COORDINATE_METHODS),
        Column("source_file", "string", "The raw file, relative to raw/.", provenance=True),
        Column("list_city", "string", "City the DHS list gives a recognized center (\"; Austin, TX\")."),
        Column("list_state", "string", "State as the DHS list writes it for a recognized center."),
        Column("heading", "string", "The contact block's heading, verbatim.", provenance=True),
        Column("match_method", "string", "How the list entry and the contact block were paired: exact, "
                                         "normalized, fuzzy or unmatched.", enum=MATCH_METHODS, provenance=True),
        Column("match_score", "number", "Name similarity of the pair, 0 to 1.", minimum=0, maximum=1,
               provenance=True),
        Column("coordinate_source", "string", "The gazetteer and the ZIP codes the coordinates were computed "
                                              "from.", provenance=True),
        Column("fixes_applied", "string", "Codes of the fixes applied to the record (PHONE_LABELS_SWAPPED; "
                                          "for a reviewer's decision, its id: center, field, decision and code, as in "
                                          "alabama-fusion-center/fax/set); a list.", separator=";"),
        Column("website_check", "string", "What the newest verification run in raw/ (make verify) found at the "
                                          "published website: ok, plain-http-only, http-error, moved-away, "
                                          "redirect-loop, bad-redirect, bad-certificate or no-answer; missing "
                                          "when it was not checked.", enum=SITE_RESULTS),
        Column("website_checked", "date", "Date (UTC) of that check; missing when not checked."),
        Column("email_check", "string", "What DNS said about the published email's domain in that run: mx, "
                                        "implicit-mx (an address, no MX), null-mx, no-mail, nxdomain or dns-error; "
                                        "missing when not checked.", enum=MAIL_RESULTS),
        Column("email_checked", "date", "Date (UTC) of that check; missing when not checked."),
    ),
)

FINDINGS = Table(
    name="discrepancies", file="discrepancies.csv", sql_name="findings",
    title="Findings",
    description="One row per data-quality finding, sorted by severity, center and code.",
    # Findings about the sources have no center; a missing center_id is
    # outside the key (frictionless and SQLite both skip a NULL reference).
    foreign_keys=(ForeignKey("center_id", "fusion_centers", "id"),),
    columns=(
        Column("code", "string", "Finding code; the README's table says what each means and what to do.",
               required=True, enum=tuple(CODES)),
        Column("severity", "string", "error (a value is not usable or a record incomplete), warning (doubtful) "
                                     "or info (an observation).", required=True, enum=SEVERITIES),
        Column("center_id", "string", "The center's id; missing for a finding about a source page."),
        Column("center_name", "string", "The center's name; missing for a finding about a source page."),
        Column("field", "string", "Column, or part of the source, the finding is about."),
        Column("value", "string", "The value as the source writes it."),
        Column("message", "string", "What is wrong or doubtful, as a sentence."),
        Column("suggestion", "string", "What a reviewer could do about it."),
        Column("source", "string", "The raw file the evidence stands in, relative to raw/.", provenance=True),
        Column("line", "integer", "Line of the evidence in the raw file (in the page, for a PDF).", minimum=1,
               provenance=True),
        Column("status", "string", "open, fixed (applied in the records) or waived by a reviewer.",
               required=True, enum=FINDING_STATUSES),
        Column("page", "integer", "Page of a PDF source; missing for other forms.", minimum=1, provenance=True,
               often_empty=True),
        Column("evidence", "string", "The verbatim source line the finding cites.", provenance=True),
        Column("note", "string", "The reviewer's decision that set the status, in words; missing when none.",
               often_empty=True),
    ),
)

SOURCES = Table(
    name="sources", file="sources.csv", sql_name="sources",
    title="Sources",
    description="One row per source page read, in the order read, then one per input that is no document "
                "(reference data such as the .gov registry), by file name.",
    columns=(
        Column("source_url", "string", "The page's address, or where the input was copied from; missing when "
               "the raw file names none.", format="uri"),
        Column("title", "string", "The page's title, or what the input is; missing when none is given."),
        Column("role", "string", "document (a page read for centers), reference (reference data), register "
               "(the id register) or verification (a verification run).", required=True, enum=SOURCE_ROLES),
        Column("kind", "string", "center_list (the DHS list), contact_listing (the contact details) or prose; "
               "missing for an input that is no document.", enum=SOURCE_KINDS),
        Column("form", "string", "How the raw file is written: text, html or pdf; missing for an input that "
               "is no document.", enum=SOURCE_FORMS),
        Column("last_published", "date", "ISO date the page gives as last published or updated; for another "
               "input, the date of the copy."),
        Column("last_published_text", "string", "That date as the page writes it."),
        Column("raw_file", "string", "The raw file, relative to raw/.", required=True, provenance=True),
        Column("sha256", "string", "SHA-256 of the whole raw file.", required=True, pattern=SHA256_PATTERN,
               provenance=True),
        Column("first_line", "integer", "First line of the page in the raw file (for a PDF, its first page).",
               minimum=1, provenance=True),
        Column("last_line", "integer", "Last line of the page in the raw file (for a PDF, its last page).",
               minimum=1, provenance=True),
    ),
)

TABLES = (CENTERS, FINDINGS, SOURCES)

# Column names, in output order, for the renderers.
CENTER_COLUMNS = CENTERS.names
FINDING_COLUMNS = FINDINGS.names
SOURCE_COLUMNS = SOURCES.names
PROVENANCE_COLUMNS = tuple(c.name for c in CENTERS.columns if c.provenance)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _constraints(c: Column) -> str:
    parts = []
    if c.required:
        parts.append("required")
    if c.unique:
        parts.append("unique")
    if c.enum and len(c.enum) <= 6:
        parts.append(" / ".join(f"`{v}`" for v in c.enum))
    elif c.enum:
        parts.append(f"one of {len(c.enum)} values")
    if c.pattern:
        parts.append(f"`{c.pattern}`" + (f" (CSV: `{c.csv_pattern}`)" if c.csv_pattern else ""))
    if c.minimum is not None and c.maximum is not None:
        parts.append(f"{c.minimum:g} to {c.maximum:g}")
    elif c.minimum is not None:
        parts.append(f"≥ {c.minimum:g}")
    elif c.maximum is not None:
        parts.append(f"≤ {c.maximum:g}")
    if c.separator:
        parts.append(f"list, `{c.separator}`-separated in CSV")
    return "; ".join(parts)


def markdown_table(table: Table) -> str:
    """The README's table of `table`'s columns: name, type, constraints, meaning."""
    lines = ["| column | type | constraints | meaning |", "|---|---|---|---|"]
    for c in table.columns:
        meaning = c.description + (" *(provenance)*" if c.provenance else "")
        lines.append(f"| `{c.name}` | {c.type} | {_cell(_constraints(c))} | {_cell(meaning)} |")
    return "\n".join(lines) + "\n"
