"""The published dataset as pandas DataFrames, with the types of the column spec.

    >>> from pipeline.api import centers, findings, sources
    >>> df = centers()                 # doctest: +SKIP
    >>> df.loc[df.state == "ME", ["city", "zip", "phone"]]   # doctest: +SKIP

Each function takes a build folder from anywhere (`centers("path/to/out")`);
without one it reads the build this checkout publishes (its `out/`), whatever
the working folder. Phones, ZIP codes and every other text column are
pandas' `string` dtype (a phone stays "+13345172660", a ZIP keeps its leading
zero), integers are `Int64`, numbers `Float64`, so a missing value is `pd.NA`
in every column rather than NaN in some and "" in others. A list column
(`fixes_applied`) holds Python lists. Centers and findings are read from the
JSON outputs, which keep every value as it is (the CSVs put an apostrophe
before a free-text cell that a spreadsheet would run as a formula); sources
from `sources.csv`, with that apostrophe taken off.

A build folder may come from anyone: what is loaded is checked against the
column spec's types (a list that is a list, a number that is finite, a ZIP
that is text, a date written YYYY-MM-DD), its files must be regular files of
at most `MAX_FILE_BYTES`, and its JSON nested at most `MAX_DEPTH` deep. What
does not fit is refused with a `PipelineError` of one line naming the file.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path

import pandas as pd

from pipeline.errors import PipelineError
from pipeline.export.columns import CENTERS, FINDINGS, SOURCES, Column, Table
from pipeline.export.tables import FORMULA_START
from pipeline.files import read_regular
from pipeline.text import iso_date

# The build this checkout publishes: beside the package, not in the working folder.
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "out"
# 100,000 synthetic centers make about 60 MB of JSON; the real build is under 1 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024
# The outputs nest four deep (list, record, provenance, field); a JSON parser
# recurses once a level, so a file nested without end is refused before parsing.
MAX_DEPTH = 32

# The pandas dtype of each spec type: nullable ones, so missing is pd.NA throughout
# (a date stays its ISO text).
DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean", "date": "string"}
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def _depth(text: str) -> int:
    """How deep the arrays and objects of a JSON text nest, brackets inside strings aside (linear)."""
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub("", text)):
        depth += 1 if m.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _misfit(column: Column, value: object) -> str:
    """What `value` is not, for `column`'s type ("" when it fits)."""
    if column.separator:  # a list is never missing: it is empty
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return "" if ok else "a list of texts"
    if value is None:
        return "a value (the column is required)" if column.required else ""
    if column.type == "integer":
        return "" if isinstance(value, int) and not isinstance(value, bool) else "a whole number"
    if column.type == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        return "" if ok else "a finite number"
    if column.type == "boolean":
        return "" if isinstance(value, bool) else "true or false"
    if column.type == "date":
        return "" if isinstance(value, str) and iso_date(value) is not None else "a date written YYYY-MM-DD"
    return "" if isinstance(value, str) else "a text"


def _checked(records: object, table: Table, path: Path) -> list[dict]:
    """The records, each checked against the table's columns; a PipelineError at the first misfit."""
    if not isinstance(records, list):
        raise PipelineError(f"is not a list of {table.name} records; it is not loaded.", source=str(path))
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise PipelineError(f"record {number} is not an object; it is not loaded.", source=str(path))
        for column in table.columns:
            value = record.get(column.name)
            what = _misfit(column, value)
            if what:
                shown = json.dumps(value, ensure_ascii=True, allow_nan=True)[:60]
                raise PipelineError(f"record {number} has {column.name} {shown}, which is not {what}; "
                                    f"it is not loaded.", source=str(path))
    return records


def _text(path: Path) -> str:
    data = read_regular(path, MAX_FILE_BYTES)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PipelineError(f"is not UTF-8 text ({exc.reason} at byte {exc.start}).", source=str(path)) from None


def _json_records(path: Path, table: Table) -> list[dict]:
    text = _text(path)
    if _depth(text) > MAX_DEPTH:
        raise PipelineError(f"nests deeper than {MAX_DEPTH} levels, which no build writes; it is not loaded.",
                            source=str(path))
    try:
        return _checked(json.loads(text), table, path)
    except json.JSONDecodeError as exc:
        raise PipelineError(f"is not JSON ({exc.msg}).", source=str(path), line=exc.lineno) from None


def _cell(column: Column, text: str, path: Path, line: int) -> object:
    """A CSV cell as its column's type: "" is missing; a formula's apostrophe is taken off."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        text = text[1:]
    if text == "":
        return None
    if column.type == "integer":
        if not re.fullmatch(r"-?[0-9]+", text):
            raise PipelineError(f"has {column.name} {text[:60]!r}, which is not a whole number; it is not loaded.",
                                source=str(path), line=line)
        return int(text)
    return text


def _csv_records(path: Path, table: Table) -> list[dict]:
    reader = csv.DictReader(io.StringIO(_text(path), newline=""))
    if reader.fieldnames != table.names:
        raise PipelineError(f"has the columns {','.join(reader.fieldnames or [])[:200]}, not those of a "
                            f"{table.name} table; it is not loaded.", source=str(path), line=1)
    try:
        records = [{c.name: _cell(c, row.get(c.name) or "", path, reader.line_num) for c in table.columns}
                   for row in reader]
    except csv.Error as exc:
        raise PipelineError(f"cannot be read as CSV ({exc}).", source=str(path), line=reader.line_num) from None
    return _checked(records, table, path)


def _frame(records: list[dict], table: Table) -> pd.DataFrame:
    frame = pd.DataFrame.from_records([{c: r.get(c) for c in table.names} for r in records], columns=table.names)
    for column in table.columns:
        if column.separator:
            frame[column.name] = frame[column.name].map(list)
        else:
            frame[column.name] = frame[column.name].astype(DTYPES[column.type])
    return frame


def _folder(out: str | Path | None) -> Path:
    return DEFAULT_OUT if out is None else Path(out)


def centers(out: str | Path | None = None) -> pd.DataFrame:
    """The centers of `<out>/fusion_centers.json`, one row per center, sorted by id."""
    return _frame(_json_records(_folder(out) / CENTERS.file.replace(".csv", ".json"), CENTERS), CENTERS)


def findings(out: str | Path | None = None) -> pd.DataFrame:
    """The findings of `<out>/discrepancies.json`, sorted by severity, center and code."""
    return _frame(_json_records(_folder(out) / FINDINGS.file.replace(".csv", ".json"), FINDINGS), FINDINGS)


def sources(out: str | Path | None = None) -> pd.DataFrame:
    """The sources of `<out>/sources.csv`: each page read, then each input that is no document."""
    return _frame(_csv_records(_folder(out) / SOURCES.file, SOURCES), SOURCES)
