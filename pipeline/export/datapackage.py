"""The Frictionless Data Package (`out/datapackage.json`) that describes the tables.

Takes the table files already rendered (path -> bytes) and gives the package
descriptor: one tabular resource per CSV with its Table Schema (every column,
its type and constraints, the keys between tables), each file's sha256 and
size, and, in the custom `build` property, the raw files and pipeline version
that made the build. Nothing in it depends on the clock, so a rebuild of the
same sources gives the same bytes.

Specifications: Data Package, Tabular Data Resource, Table Schema and CSV
Dialect, v1 (https://specs.frictionlessdata.io/). Every column and what it
holds comes from the one column spec, `pipeline.export.columns`.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Mapping, Sequence

from pipeline.export.columns import TABLES, Column, Table
from pipeline.records import SourceDocument

PACKAGE_NAME = "fusion-centers"
PACKAGE_TITLE = "U.S. National Network of Fusion Centers"

# Every empty cell is a missing value: the tables write "" for "none".
MISSING_VALUES = [""]
# RFC 4180, as `tables.to_csv` writes it.
CSV_DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True}


def field_descriptor(c: Column) -> dict:
    """A column as a Table Schema field."""
    field: dict = {"name": c.name, "type": "list" if c.separator else c.type, "description": c.description}
    if c.separator:
        field.update(delimiter=c.separator, itemType=c.type)
    if c.format:
        field["format"] = c.format
    constraints: dict = {}
    if c.required:
        constraints["required"] = True
    if c.unique:
        constraints["unique"] = True
    if c.pattern:
        constraints["pattern"] = c.pattern
    if c.enum:
        constraints["enum"] = list(c.enum)
    if c.minimum is not None:
        constraints["minimum"] = c.minimum
    if c.maximum is not None:
        constraints["maximum"] = c.maximum
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(table: Table) -> dict:
    """A Table Schema with one field per column, in the table's order."""
    schema: dict = {"fields": [field_descriptor(c) for c in table.columns], "missingValues": MISSING_VALUES}
    if table.primary_key:
        schema["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        schema["foreignKeys"] = [{"fields": [k.column], "reference": {"resource": k.table, "fields": [k.target]}}
                                 for k in table.foreign_keys]
    return schema


def _resource(table: Table, data: bytes) -> dict:
    return {"name": table.name, "path": table.file, "profile": "tabular-data-resource", "title": table.title,
            "description": table.description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": CSV_DIALECT, "hash": "sha256:" + hashlib.sha256(data).hexdigest(), "bytes": len(data),
            "schema": table_schema(table)}


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
    missing = [t.file for t in TABLES if t.file not in files]
    if missing:
        raise ValueError(f"datapackage_json needs the rendered tables; missing: {', '.join(missing)}.")
    package = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": "Primary and recognized fusion centers with their contact details, the data-quality "
                       "findings about them, and the source pages they were read from.",
        "sources": _sources(files["sources.csv"]),
        "resources": [_resource(t, files[t.file]) for t in TABLES],
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

