"""The Frictionless Data Package (`out/datapackage.json`) that describes the tables.

Takes the table files already rendered (path -> bytes) and gives the package
descriptor: one tabular resource per CSV with its Table Schema (every column,
its type and constraints, the keys between tables), each file's sha256 and
size, and, in the custom `build` property, the raw files and pipeline version
that made the build. Nothing in it depends on the clock, so a rebuild of the
same sources gives the same bytes.

Specifications: Data Package, Tabular Data Resource, Table Schema and CSV
Dialect, v1 (https://specs.frictionlessdata.io/). The column lists come from
`pipeline.export.tables`; this module only adds what each column holds.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Mapping, Sequence

from pipeline.check.codes import CODES, SEVERITY_ORDER
from pipeline.export.tables import CENTER_COLUMNS, FINDING_COLUMNS, SOURCE_COLUMNS
from pipeline.normalize.names import EXACT, FUZZY, NORMALIZED, UNMATCHED
from pipeline.records import CENTER_LIST, CONTACT_LISTING, PROSE, SourceDocument
from pipeline.reference import STATES

PACKAGE_NAME = "fusion-centers"
PACKAGE_TITLE = "U.S. National Network of Fusion Centers"

# Table Schema patterns are XML Schema regular expressions, which match the
# whole value: no "^" or "$" (in XML Schema those are literal characters).
# E.164 (ITU-T E.164) for the NANP: +1, then ten digits whose area code cannot
# start with 0 or 1 (NANP numbering plan).
PHONE_PATTERN = r"\+1[2-9][0-9]{9}"
# What `pipeline.normalize.names.slug` makes: lower-case ASCII words joined by "-".
ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
ZIP_PATTERN = r"[0-9]{5}(-[0-9]{4})?"
WEB_PATTERN = r"https?://.+"
SHA256_PATTERN = r"[0-9a-f]{64}"
DESIGNATIONS = ["primary", "recognized"]
# `Finding.status` (pipeline.records): open, fixed (applied in the records), waived by a reviewer.
FINDING_STATUSES = ["open", "fixed", "waived"]
SOURCE_FORMS = ["text", "html", "pdf"]

# Every empty cell is a missing value: the tables write "" for "none".
MISSING_VALUES = [""]
# RFC 4180, as `tables.to_csv` writes it.
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}


def _phone(description: str) -> dict:
    return {"description": description, "constraints": {"pattern": PHONE_PATTERN}}


CENTER_FIELDS: dict[str, dict] = {
    "id": {"description": "Stable id made from the center's name.",
           "constraints": {"required": True, "unique": True, "pattern": ID_PATTERN}},
    "name": {"description": "The center's name as the DHS list writes it.", "constraints": {"required": True}},
    "designation": {"description": "DHS designation; empty for a contact block with no list entry.",
                    "constraints": {"enum": DESIGNATIONS}},
    "city": {"description": "City of the contact listing's location line."},
    "state": {"description": "USPS code of the state or territory (USPS Publication 28).",
              "constraints": {"enum": sorted(STATES)}},
    "zip": {"description": "ZIP code when the location line carries one.", "constraints": {"pattern": ZIP_PATTERN}},
    "phone": _phone("Main phone number, E.164."),
    "fax": _phone("Fax number, E.164."),
    "alt_phone": _phone("Alternate phone number, E.164."),
    "toll_free": _phone("Toll-free number, E.164."),
    "email": {"description": "Email address, as validated by email-validator.", "format": "email"},
    "website": {"description": "Website, http or https.", "format": "uri", "constraints": {"pattern": WEB_PATTERN}},
    "source_url": {"description": "Address of the page the contact details come from.", "format": "uri"},
    "source_line": {"type": "integer", "description": "Line of the contact block's heading in the raw file.",
                    "constraints": {"minimum": 1}},
    "phone_ext": {"description": "Extension of the main phone number, digits only (E.164 cannot hold one)."},
    "fax_ext": {"description": "Extension of the fax number, digits only."},
    "alt_phone_ext": {"description": "Extension of the alternate phone number, digits only."},
    "toll_free_ext": {"description": "Extension of the toll-free number, digits only."},
    "source_file": {"description": "Raw file, relative to raw/."},
    "list_city": {"description": "City the DHS list gives (recognized centers)."},
    "list_state": {"description": "State as the DHS list writes it (recognized centers)."},
    "heading": {"description": "The contact block's heading, verbatim."},
    "match_method": {"description": "How the list entry and the contact block were paired.",
                     "constraints": {"enum": [EXACT, NORMALIZED, FUZZY, UNMATCHED]}},
    "match_score": {"type": "number", "description": "Name similarity of the pair, 0 to 1.",
                    "constraints": {"minimum": 0, "maximum": 1}},
    "fixes_applied": {"description": "Codes of the fixes applied to the record, separated by \";\"."},
}

FINDING_FIELDS: dict[str, dict] = {
    "code": {"description": "Finding code; see the README's table.", "constraints": {"required": True,
                                                                                      "enum": sorted(CODES)}},
    "severity": {"constraints": {"required": True, "enum": list(SEVERITY_ORDER)}},
    "center_id": {"description": "The center's id; empty for a finding about the whole dataset."},
    "field": {"description": "Column or part of the source the finding is about."},
    "value": {"description": "The value as the source writes it."},
    "source": {"description": "Raw file, relative to raw/."},
    "line": {"type": "integer", "description": "Line in the raw file.", "constraints": {"minimum": 1}},
    "status": {"constraints": {"required": True, "enum": FINDING_STATUSES}},
    "page": {"type": "integer", "description": "Page of a PDF raw file; empty for text and HTML.",
             "constraints": {"minimum": 1}},
    "evidence": {"description": "The verbatim source text the finding cites."},
    "note": {"description": "The reviewer's decision that set the status, in words."},
}

SOURCE_FIELDS: dict[str, dict] = {
    "source_url": {"description": "The page's address; empty when the raw file names none.", "format": "uri"},
    "kind": {"constraints": {"required": True, "enum": [CENTER_LIST, CONTACT_LISTING, PROSE]}},
    "form": {"constraints": {"required": True, "enum": SOURCE_FORMS}},
    "last_published": {"type": "date", "description": "ISO date the page gives as last published or updated."},
    "last_published_text": {"description": "That date as the page writes it."},
    "raw_file": {"constraints": {"required": True}},
    "sha256": {"description": "SHA-256 of the whole raw file.",
               "constraints": {"required": True, "pattern": SHA256_PATTERN}},
    "first_line": {"type": "integer", "description": "First line of the page in the raw file."},
    "last_line": {"type": "integer", "description": "Last line of the page in the raw file."},
}

# (resource name, file, columns, per-column details, primary key, foreign keys)
TABLES = (
    ("fusion_centers", "fusion_centers.csv", CENTER_COLUMNS, CENTER_FIELDS, ["id"], []),
    # Dataset-level findings have an empty center_id; frictionless skips a
    # foreign key whose cells are all missing, so the key holds for them.
    ("discrepancies", "discrepancies.csv", FINDING_COLUMNS, FINDING_FIELDS, [],
     [{"fields": ["center_id"], "reference": {"resource": "fusion_centers", "fields": ["id"]}}]),
    ("sources", "sources.csv", SOURCE_COLUMNS, SOURCE_FIELDS, [], []),
)


def table_schema(columns: Sequence[str], details: Mapping[str, dict], primary_key: list[str],
                 foreign_keys: list[dict]) -> dict:
    """A Table Schema with one field per column, in the table's order."""
    fields = [{"name": c, "type": "string", **details.get(c, {})} for c in columns]
    schema: dict = {"fields": fields, "missingValues": MISSING_VALUES}
    if primary_key:
        schema["primaryKey"] = primary_key
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def _resource(name: str, path: str, data: bytes, schema: dict) -> dict:
    return {"name": name, "path": path, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "dialect": CSV_DIALECT,
            "hash": "sha256:" + hashlib.sha256(data).hexdigest(), "bytes": len(data), "schema": schema}


def _sources(sources_csv: bytes) -> list[dict]:
    """The package's `sources`: each page the data was read from, once."""
    rows = csv.DictReader(io.StringIO(sources_csv.decode("utf-8"), newline=""))
    seen: dict[str, dict] = {}
    for row in rows:
        url = row.get("source_url", "")
        if url and url not in seen:
            seen[url] = {"title": row.get("title") or url, "path": url}
    return list(seen.values())


def datapackage_json(files: Mapping[str, bytes], raw_files: Sequence[tuple[str, str]], version: str) -> bytes:
    """`out/datapackage.json` for the rendered `files`, made from `raw_files`
    ((raw file name, sha256) pairs) by pipeline `version`."""
    missing = [path for _, path, *_ in TABLES if path not in files]
    if missing:
        raise ValueError(f"datapackage_json needs the rendered tables; missing: {', '.join(missing)}.")
    package = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": "Primary and recognized fusion centers with their contact details, the data-quality "
                       "findings about them, and the source pages they were read from.",
        "sources": _sources(files["sources.csv"]),
        "resources": [_resource(name, path, files[path], table_schema(columns, details, pk, fks))
                      for name, path, columns, details, pk, fks in TABLES],
        "build": {"pipeline_version": version,
                  "raw_files": [{"name": n, "sha256": s} for n, s in sorted(set(raw_files))]},
    }
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def raw_files_of(documents: Iterable[SourceDocument]) -> list[tuple[str, str]]:
    """(raw file name, sha256) of every raw file that gave a source document.

    >>> from pipeline.records import SourceDocument
    >>> d = SourceDocument("a.txt", "ab", "text", "prose", "", "", "", "", 1, 2)
    >>> raw_files_of([d, d])
    [('a.txt', 'ab')]
    """
    return sorted({(d.source, d.sha256) for d in documents})

