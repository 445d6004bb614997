"""Reviewer decisions: a corrections file written by people, applied to every build.

`raw/corrections.csv` has one decision a row:

    center_id, field, expected, decision, value, code, reason, reviewer, date

- `set`: publish `value` in `field` (normalized like any source value).
- `accept`: accept the finding `code` on that field by publishing `value`
  (the reviewer copies the suggestion they accept); the finding is marked fixed.
- `waive`: keep the finding `code` on that field, marked waived: it stays in
  the discrepancies and leaves the open counts.

A row about a source rather than a center leaves `center_id` empty and names
the raw file (as the manifest names it) in an optional last column, `source`:
a `waive` that acknowledges the source's finding `code` (a page DHS dated 2015
stays dated 2015 however often it is fetched). Its key is the source and the
code; `field` and `expected` may stay empty. A file without the column is read
as before.

`expected` is the field's verbatim source text when the decision was made. If
the source now says something else, the decision is stale: it is not applied,
and a CORRECTION_STALE error says so, so new data is never overwritten by an
old decision. Decisions change what is published and the status of findings;
they never hide a finding.

This module only reads the file; `pipeline.normalize.decisions` applies the
values and `pipeline.check` gives the findings their status.
"""
from __future__ import annotations

import csv
import io

from pipeline.errors import PipelineError
from pipeline.records import Decision, DecisionKind, SourceRef
from pipeline.text import iso_date

COLUMNS = ["center_id", "field", "expected", "decision", "value", "code", "reason", "reviewer", "date"]
# Optional, after COLUMNS: the raw file a decision about a source names.
SOURCE_COLUMN = "source"
# A reviewer's cell is a short text; a longer one is a mistake (or an attack),
# refused with its line rather than read into memory without end.
MAX_CELL = 4096


def parse_corrections(data: bytes, source: str) -> list[Decision]:
    """Read a corrections CSV (RFC 4180); a malformed row stops the build, naming its line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PipelineError(f"is not UTF-8 text ({exc.reason} at byte {exc.start}).", source=source) from None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        header = reader.fieldnames or []
        twice = sorted({c for c in header if header.count(c) > 1})
        if twice:
            raise PipelineError(f"names the column(s) {', '.join(twice)} twice in its header; each column is "
                                f"named once: {','.join(COLUMNS)}.", source=source, line=1)
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise PipelineError(f"lacks the column(s) {', '.join(missing)}; the header must be {','.join(COLUMNS)}.",
                                source=source, line=1)
        decisions = []
        start = reader.line_num + 1
        for row in reader:
            decision = _decision(row, source, start)
            if decision is not None:
                decisions.append(decision)
            start = reader.line_num + 1
    except csv.Error as exc:
        if "field limit" in str(exc):
            raise PipelineError(f"has a cell longer than {csv.field_size_limit():,} characters; a cell holds at "
                                f"most {MAX_CELL:,}.", source=source, line=start) from None
        hint = "; a quote is left open" if "end of data" in str(exc) else ""
        raise PipelineError(f"cannot be read as CSV from this line on ({exc}{hint}).",
                            source=source, line=start) from None
    return decisions


def _decision(row: dict, source: str, line: int) -> Decision | None:
    if None in row:
        width = len(row) - 1
        raise PipelineError(f"has {width + len(row[None])} cells where the header has {width}.",
                            source=source, line=line)
    cells = {k: (row.get(k) or "").strip() for k in (*COLUMNS, SOURCE_COLUMN)}
    if not any(cells.values()):
        return None
    long = [k for k, v in cells.items() if len(v) > MAX_CELL]
    if long:
        raise PipelineError(f"has a {long[0]} of {len(cells[long[0]]):,} characters; a cell holds at most "
                            f"{MAX_CELL:,}.", source=source, line=line)
    kinds = ", ".join(DecisionKind)
    if cells["decision"] not in kinds.split(", "):
        raise PipelineError(f"has decision {cells['decision']!r}; it must be one of {kinds}.", source=source, line=line)
    kind = DecisionKind(cells["decision"])
    if kind in (DecisionKind.ACCEPT, DecisionKind.WAIVE) and not cells["code"]:
        raise PipelineError(f"has a {kind} decision with no finding code.", source=source, line=line)
    about = cells.pop(SOURCE_COLUMN)
    if about and cells["center_id"]:
        raise PipelineError(f"names both the center {cells['center_id']!r} and the source {about!r}; a decision is "
                            f"about one of them.", source=source, line=line)
    if about and kind != DecisionKind.WAIVE:
        raise PipelineError(f"has a {kind} decision about the source {about!r}; a decision about a source can only "
                            f"waive (acknowledge) one of its findings.", source=source, line=line)
    for required in ("center_id", "field", "reason", "reviewer", "date") if not about else ("reason", "reviewer",
                                                                                           "date"):
        if not cells[required]:
            raise PipelineError(f"has no {required}: every decision names its center and field (or, with an empty "
                                f"center_id, its source), a reason, a reviewer and a date.", source=source, line=line)
    if iso_date(cells["date"]) is None:
        raise PipelineError(f"has the date {cells['date']!r}, which is no calendar date written YYYY-MM-DD.",
                            source=source, line=line)
    return Decision(**{**cells, "decision": kind}, ref=SourceRef(source, line), about_source=about)
