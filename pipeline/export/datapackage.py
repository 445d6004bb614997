"""The Frictionless Data Package (`out/datapackage.json`) that describes the tables.

Takes the table files already rendered (path -> bytes) and gives the package
descriptor: one tabular resource per CSV with its Table Schema (every column,
its type and constraints, the keys between tables), each file's sha256 and
size, the terms of the data (`licenses`, one per publisher of a source page),
its `version` and `created` date (both from the build's as-of date and the
raw files, never the clock, so a rebuild of the same sources gives the same
bytes), and, in the custom `build` property, the raw files and pipeline
version that made the build. The code's own licence is the LICENSE file.

Specifications: Data Package, Tabular Data Resource, Table Schema and CSV
Dialect, v1 (https://specs.frictionlessdata.io/). Every column and what it
holds comes from the one column spec, `pipeline.export.columns`.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from pipeline.export.columns import TABLES, Column, Table
from pipeline.records import DocumentKind, InputFile, SourceDocument

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
    if c.pattern:  # the resources are the CSVs: their form of the column
        constraints["pattern"] = c.csv_pattern or c.pattern
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


@dataclass(frozen=True)
class Publisher:
    """Who publishes the pages of a host, and on what terms (for `licenses`)."""

    name: str
    licence: dict


# The publishers of the source pages, by host (a host or any of its subdomains).
PUBLISHERS = {
    # 17 U.S.C. § 105: a work of the U.S. government has no copyright in the United States.
    "dhs.gov": Publisher("U.S. Department of Homeland Security", {
        "name": "other-pd",
        "title": "Pages of the U.S. Department of Homeland Security (dhs.gov): works of the U.S. government, "
                 "in the public domain in the United States (17 U.S.C. § 105)",
        "path": "https://www.law.cornell.edu/uscode/text/17/105"}),
    # The association's site states no licence or terms of use for its contact listing.
    "nfcausa.org": Publisher("National Fusion Center Association", {
        "title": "The National Fusion Center Association's contact listing (nfcausa.org): the association "
                 "publishes no licence or terms of use for it; its contact details are republished here as facts, "
                 "each with its source, and its terms are unknown",
        "path": "https://nfcausa.org/"}),
}
# What a page of each kind is, for a source whose page has no title.
KIND_TITLES = {DocumentKind.CENTER_LIST: "list of fusion centers",
               DocumentKind.CONTACT_LISTING: "fusion center contact listing",
               DocumentKind.PROSE: "page about fusion centers"}


def publisher_of(url: str) -> Publisher | None:
    """The publisher of a page's address, by its host.

    >>> publisher_of("https://nfcausa.org/default.aspx").name
    'National Fusion Center Association'
    >>> publisher_of("http://www.dhs.gov/fusion-center-locations-and-contact-information").name
    'U.S. Department of Homeland Security'
    >>> publisher_of("https://example.org/") is None
    True
    """
    host = (urlsplit(url).hostname or "").lower()
    return next((p for domain, p in PUBLISHERS.items() if host == domain or host.endswith("." + domain)), None)


def sources_of(documents: Sequence[SourceDocument], inputs: Sequence[InputFile] = ()) -> list[dict]:
    """The package's `sources`: each page the data was read from, once, titled
    by its own title, else by its publisher's name and what it is; then each
    input that is no document (the .gov registry), with its role, raw file,
    sha256, date of the copy and licence."""
    seen: dict[str, dict] = {}
    for d in documents:
        if d.url and d.url not in seen:
            publisher = publisher_of(d.url)
            title = d.title or (f"{publisher.name}: {KIND_TITLES[d.kind]}" if publisher else d.url)
            seen[d.url] = {"title": title, "path": d.url}
    out = list(seen.values())
    for i in inputs:
        source = {"title": i.title or i.file, "role": i.role, "raw_file": i.file, "sha256": i.sha256}
        source.update({k: v for k, v in (("path", i.url), ("retrieved", i.retrieved), ("license", i.license))
                       if v})
        out.append(source)
    return out


def licenses_of(documents: Sequence[SourceDocument], inputs: Sequence[InputFile] = ()) -> list[dict]:
    """The terms of the data, one entry per publisher of a source page; a page
    of a publisher this module does not know is said to be of unknown terms;
    then the licence of each input that states one."""
    out: dict[str, dict] = {}
    for d in documents:
        if not d.url:
            continue
        publisher = publisher_of(d.url)
        if publisher is not None:
            out.setdefault(publisher.name, publisher.licence)
        else:
            host = urlsplit(d.url).hostname or d.url
            out.setdefault(host, {"title": f"Pages of {host}: terms not known to this pipeline", "path": d.url})
    for i in inputs:
        if i.license:
            licence = {"name": i.license, "title": f"{i.title or i.file}: {i.license}"}
            out.setdefault(i.license, {**licence, **({"path": i.license_url} if i.license_url else {})})
    return list(out.values())


def release_version(as_of: date, raw_files: Sequence[tuple[str, str]]) -> str:
    """The data's version: the build's as-of date, then the first digits of a
    hash of the raw files it read, so the same sources give the same version
    and a new decision or source a new one.

    >>> release_version(date(2026, 11, 24), [("a.txt", "ab")])
    '2026.11.24+raw.0a73cc7b'
    """
    digest = hashlib.sha256("".join(f"{n}\0{s}\n" for n, s in sorted(set(raw_files))).encode()).hexdigest()
    return f"{as_of.year}.{as_of.month}.{as_of.day}+raw.{digest[:8]}"


def datapackage_json(files: Mapping[str, bytes], raw_files: Sequence[tuple[str, str]], version: str, *,
                     documents: Sequence[SourceDocument], as_of: date, inputs: Sequence[InputFile] = ()) -> bytes:
    """`out/datapackage.json` for the rendered `files`, made from `raw_files`
    ((raw file name, sha256) pairs) that gave `documents`, by pipeline
    `version`, on the build's `as_of` date (never the clock)."""
    missing = [t.file for t in TABLES if t.file not in files]
    if missing:
        raise ValueError(f"datapackage_json needs the rendered tables; missing: {', '.join(missing)}.")
    package = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": PACKAGE_TITLE,
        "description": "Primary and recognized fusion centers with their contact details, the data-quality "
                       "findings about them, and the source pages they were read from.",
        "version": release_version(as_of, raw_files),
        "created": f"{as_of.isoformat()}T00:00:00Z",
        "licenses": licenses_of(documents, inputs),
        "sources": sources_of(documents, inputs),
        "resources": [_resource(t, files[t.file]) for t in TABLES],
        "build": {"pipeline_version": version,
                  "raw_files": [{"name": n, "sha256": s} for n, s in sorted(set(raw_files))]},
    }
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def raw_files_of(documents: Iterable[SourceDocument], inputs: Iterable[InputFile] = ()) -> list[tuple[str, str]]:
    """(raw file name, sha256) of every raw file that gave a source document,
    and of every other input (the .gov registry, ...).

    >>> from pipeline.records import SourceDocument, SourceRef
    >>> d = SourceDocument("a.txt", "ab", "text", "prose", "", "", "", "", SourceRef("a.txt", 1), SourceRef("a.txt", 2))
    >>> raw_files_of([d, d])
    [('a.txt', 'ab')]
    """
    return sorted({(d.source, d.sha256) for d in documents} | {(i.file, i.sha256) for i in inputs})

