"""Tables: the centers, the findings and the sources as CSV and JSON.

CSV is RFC 4180 (comma, double quotes, CRLF line ends), UTF-8 without BOM.
JSON is UTF-8, two-space indented, keys in a fixed order, with a final newline.
"""
from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict

from pipeline.export.columns import (  # the column lists are re-exported for the other modules
    CENTER_COLUMNS, CENTERS, FINDING_COLUMNS, FINDINGS, PHONE_CSV_PATTERN, PHONE_PATTERN, PROVENANCE_COLUMNS,
    SOURCE_COLUMNS, Table,
)
from pipeline.fields import FIELDS
from pipeline.records import Center, ContactBlock, Dataset, Extraction, Finding, InputFile, SourceDocument, Value

# Columns whose every value is validated E.164; all others are free text.
VALIDATED_COLUMNS = frozenset(c.name for c in CENTERS.columns if c.pattern == PHONE_PATTERN)
# A cell starting with one of these is run as a formula by spreadsheets
# (OWASP, "CSV Injection"); free-text cells get a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def phone_csv(e164: str) -> str:
    """A published phone number (E.164, NANP) as the CSV writes it.

    >>> phone_csv("+13345172660")
    '334-517-2660'
    """
    if not re.fullmatch(PHONE_PATTERN, e164):
        raise ValueError(f"{e164!r} is not a NANP number in E.164")
    digits = e164[2:]
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def phone_e164(cell: str) -> str:
    """A CSV's phone cell back to E.164; a cell already in E.164 (the CSV of a
    build before the dashed form) or empty comes back as it is.

    >>> phone_e164("334-517-2660"), phone_e164("+13345172660"), phone_e164("")
    ('+13345172660', '+13345172660', '')
    """
    return "+1" + cell.replace("-", "") if re.fullmatch(PHONE_CSV_PATTERN, cell) else cell


def neutralize(value: object) -> object:
    """A cell made safe to open in a spreadsheet: text that starts like a formula
    gets a leading apostrophe; anything else comes back as it was."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _published(c: Center, field: str) -> Value | None:
    value = c.published(field)
    return value if isinstance(value, Value) else None


def _extension(field: str) -> Callable[[Center], object]:
    def cell(c: Center) -> object:
        """The extension of the published value of `field`, "" when none."""
        v = _published(c, field)
        return v.extension if v is not None else ""
    return cell


def _published_text(field: str) -> Callable[[Center], object]:
    return lambda c: c.published_text(field)


# How each column of the centers table is filled, but the value fields' columns,
# which come from the registry of value fields (`_cells`).
_OTHER_CELLS: dict[str, Callable[[Center], object]] = {
    "id": lambda c: c.id, "name": lambda c: c.published("name"), "designation": lambda c: c.designation,
    "source_url": lambda c: c.source_url, "source_line": lambda c: c.source_line, "source_file": lambda c: c.source,
    "list_city": lambda c: c.entry.list_city if c.entry else "",
    "list_state": lambda c: c.entry.list_state if c.entry else "",
    "heading": lambda c: c.block.heading if c.block else "",
    "match_method": lambda c: c.match_method, "match_score": lambda c: c.match_score,
    "latitude": lambda c: c.latitude, "longitude": lambda c: c.longitude,
    "coordinate_method": lambda c: c.coordinate_method, "coordinate_source": lambda c: c.coordinate_source,
    "fixes_applied": lambda c: list(c.fixes),
    "website_check": lambda c: c.website_check.result if c.website_check else "",
    "website_checked": lambda c: c.website_check.checked if c.website_check else "",
    "email_check": lambda c: c.email_check.result if c.email_check else "",
    "email_checked": lambda c: c.email_check.checked if c.email_check else "",
}


def _cells() -> tuple[tuple[str, Callable[[Center], object]], ...]:
    """Each column of the column spec with what fills it: a value field's published
    value or extension, else its entry above; a column with neither is refused here,
    when the module loads, never written as an empty column."""
    cells = {f.name: _published_text(f.name) for f in FIELDS.all}
    cells.update({f.extension_column: _extension(f.name) for f in FIELDS.all if f.extension_column})
    cells.update(_OTHER_CELLS)
    missing = [name for name in CENTER_COLUMNS if name not in cells]
    if missing:
        raise LookupError(f"the centers table's columns {missing} have no cell in pipeline.export.tables")
    return tuple((name, cells[name]) for name in CENTER_COLUMNS)


CENTER_CELLS = _cells()


def center_row(c: Center) -> dict[str, object]:
    """The published record, column by column of the column spec: certain fixes and
    reviewers' decisions applied."""
    return {name: cell(c) for name, cell in CENTER_CELLS}


def _ref(v) -> dict[str, object]:
    ref = v.ref if isinstance(v, Value) else v
    if ref is None:
        return {"source": "", "line": None}
    out: dict[str, object] = {"source": ref.source, "line": ref.line}
    if ref.page is not None:
        out["page"] = ref.page
    return out


def _value_provenance(v: Value) -> dict[str, object]:
    out: dict[str, object] = {"text": v.text, "label": v.label, **_ref(v)}
    if v.phone_type:
        out["phone_type"] = v.phone_type
    if v.area_code_place:
        out["area_code_place"] = v.area_code_place
    if v.extension:
        out["extension"] = v.extension
    if v.issue:
        out["issue"] = v.issue
    return out


def _block_provenance(b: ContactBlock) -> dict[str, object]:
    return {"heading": b.heading, **_ref(b.heading_ref), "source_url": b.url,
            "location": b.location.text if b.location else None,
            "fields": [{"label": f.label, "text": f.text, **_ref(f.ref)} for f in b.fields]}


def json_row(table: Table, row: dict[str, object]) -> dict[str, object]:
    """A row for JSON: the table's columns in order, `null` for a missing value
    (an empty CSV cell), a list for a list column."""
    out: dict[str, object] = {}
    for column in table.columns:
        value = row.get(column.name)
        if column.separator:
            out[column.name] = list(value or ())
        else:
            out[column.name] = None if value == "" else value
    return out


def center_record(c: Center) -> dict[str, object]:
    """A center as a record of fusion_centers.json: its columns with JSON types,
    and `provenance`: where each value came from, and what replaced it and why."""
    record = json_row(CENTERS, center_row(c))
    prov: dict[str, object] = {}
    if c.entry is not None:
        prov["name"] = {"text": c.entry.text, "designation": c.designation, **_ref(c.entry.ref),
                        "source_url": c.entry.url}
    if c.block is not None:
        prov["heading"] = {"text": c.block.heading, **_ref(c.block.heading_ref)}
    if c.location is not None:
        prov["location"] = _value_provenance(c.location)
    for f in FIELDS.labeled:
        published, source = _published(c, f), c.value(f)
        if published is not None:
            prov[f] = _value_provenance(published)
        origins = [o.origin_id for o in c.overrides if o.field == f]
        if origins:  # the published value replaces the source's: say why, and keep the source's
            prov.setdefault(f, {})["override"] = origins[-1]
            prov[f]["replaces"] = _value_provenance(source) if source is not None else None
    if c.extra_fields:
        prov["extra"] = [_value_provenance(v) for v in c.extra_fields]
    if c.alternates:
        prov["other_sources"] = [_block_provenance(a.block) for a in c.alternates if a.block is not None]
    record["provenance"] = prov
    return record


def finding_row(f: Finding) -> dict[str, object]:
    """A finding's cells, keyed by the columns of the findings table."""
    return {k: getattr(f, k) for k in FINDING_COLUMNS}


def source_row(d: SourceDocument) -> dict[str, object]:
    """A source document's cells, keyed by the columns of the sources table."""
    return {"source_url": d.url, "title": d.title, "role": "document", "kind": d.kind, "form": d.form,
            "last_published": d.published, "last_published_text": d.published_text,
            "raw_file": d.source, "sha256": d.sha256, "first_line": d.span[0], "last_line": d.span[1]}


def input_row(i: InputFile) -> dict[str, object]:
    """An input that is no document (the .gov registry, ...): its cells of the sources table."""
    return {"source_url": i.url, "title": i.title, "role": i.role, "last_published": i.retrieved,
            "raw_file": i.file, "sha256": i.sha256}


def source_rows(ds: Dataset) -> list[dict[str, object]]:
    """Every row of the sources table: the documents in the order read, then the other inputs by file name."""
    return [*(source_row(d) for d in ds.documents), *(input_row(i) for i in ds.inputs)]


def csv_cell(value: object, separator: str = ";") -> object:
    """A value as a CSV (and SQLite) cell: "" for missing, a list joined."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return separator.join(str(v) for v in value)
    return value


def csv_cells(row: dict[str, object], columns: Sequence[str]) -> dict[str, str]:
    """A row's cells under `columns` as the CSV holds them: every cell neutralized
    text, a validated phone number in E.164 (`to_csv` writes it 334-517-2660).
    What `diff` compares, so a build's changelog reads its records, not its CSV."""
    cells = {k: csv_cell(row.get(k)) for k in columns}
    return {k: str(v if k in VALIDATED_COLUMNS else neutralize(v)) for k, v in cells.items()}


def to_csv(columns: Sequence[str], rows: Iterable[dict[str, object]]) -> bytes:
    """Rows as CSV bytes under a header of `columns` (RFC 4180: CRLF line ends,
    UTF-8); keys not in `columns` are left out, a validated phone number is
    written 334-517-2660 (`phone_csv`), and every other cell is neutralized."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        cells = csv_cells(row, columns)
        writer.writerow([phone_csv(cells[k]) if k in VALIDATED_COLUMNS and cells[k] else cells[k] for k in columns])
    return buf.getvalue().encode("utf-8")


def to_json(data: object) -> bytes:
    """`data` as UTF-8 JSON, two-space indented, with a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def json_array(items: Iterable[object], level: int = 0) -> Iterator[str]:
    """A JSON array of `items` as `json.dumps(list(items), ensure_ascii=False,
    indent=2)` writes it at nesting `level`, an item at a time, so that
    neither the list nor its whole text is ever in memory.

    >>> items = [{"a": [1, "x\\ny"]}, 2]
    >>> "".join(json_array(items)) == json.dumps(items, ensure_ascii=False, indent=2)
    True
    >>> "".join(json_array([]))
    '[]'
    """
    pad = "  " * (level + 1)
    start = "[\n" + pad
    for item in items:  # a string's line ends are escaped, so every "\n" is the layout's
        yield start + json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)
        start = ",\n" + pad
    yield "[]" if start[0] == "[" else "\n" + "  " * level + "]"


def encoded(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[bytes]:
    """Pieces of text as UTF-8, in chunks of about `size` characters."""
    batch: list[str] = []
    count = 0
    for piece in pieces:
        batch.append(piece)
        count += len(piece)
        if count >= size:
            yield "".join(batch).encode("utf-8")
            batch, count = [], 0
    if batch:
        yield "".join(batch).encode("utf-8")


def json_file(items: Iterable[object]) -> Iterator[bytes]:
    """A list of `items` as `to_json` writes it, made a chunk at a time."""
    return encoded(itertools.chain(json_array(items), ("\n",)))


def to_jsonl(items: Iterable[object]) -> Iterator[bytes]:
    """Each item as one line of JSON with its keys sorted, in UTF-8, made a chunk at a time."""
    return encoded(json.dumps(i, ensure_ascii=False, sort_keys=True) + "\n" for i in items)


def stage_files(extractions: Sequence[Extraction], normalized: Dataset | None) -> dict[str, Iterator[bytes]]:
    """What each stage produced, as JSON lines under stages/, each made as it is written."""
    files = {
        "stages/1_documents.jsonl": to_jsonl(asdict(d) for x in extractions for d in x.documents),
        "stages/1_list_entries.jsonl": to_jsonl(asdict(e) for x in extractions for e in x.list_entries),
        "stages/1_contact_blocks.jsonl": to_jsonl(asdict(b) for x in extractions for b in x.blocks),
    }
    if normalized is not None:
        files["stages/2_centers_normalized.jsonl"] = to_jsonl(
            center_record(c) for c in sorted(normalized.centers, key=lambda c: c.id))
    return files


def table_files(ds: Dataset, findings: Sequence[Finding]) -> dict[str, bytes | Iterator[bytes]]:
    """Every table output, by its path under out/: the CSV tables as bytes (the
    data package hashes them, the changelog compares them); the JSON files made
    a chunk at a time as they are written (they are the largest)."""
    centers = sorted(ds.centers, key=lambda c: c.id)
    extraction = Extraction(ds.documents, ds.entries, ds.blocks)
    return {
        "fusion_centers.csv": to_csv(CENTER_COLUMNS, (center_row(c) for c in centers)),
        "fusion_centers.json": json_file(center_record(c) for c in centers),
        "discrepancies.csv": to_csv(FINDING_COLUMNS, (finding_row(f) for f in findings)),
        "discrepancies.json": json_file(json_row(FINDINGS, finding_row(f)) for f in findings),
        "sources.csv": to_csv(SOURCE_COLUMNS, source_rows(ds)),
        **stage_files([extraction], ds),
    }
