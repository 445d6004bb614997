"""Reviewer decisions: a corrections file written by people, applied to every build.

`raw/corrections.csv` has one decision a row:

    center_id, field, expected, decision, value, code, reason, reviewer, date

- `set`: give `field` the value `value` (normalized like any source value).
- `accept`: accept the finding `code` on that field with the value `value`
  (the reviewer copies the suggestion they accept).
- `waive`: keep the finding `code` on that field, marked waived: it stays in
  the discrepancies and leaves the open counts.

`expected` is the field's verbatim source text when the decision was made. If
the source now says something else, the decision is stale: it is not applied,
and a CORRECTION_STALE error says so, so new data is never overwritten by an
old decision.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace

from pipeline.check.codes import finding
from pipeline.errors import PipelineError
from pipeline.normalize.dataset import FIELD_NORMALIZERS
from pipeline.records import Center, Dataset, Finding, SourceRef

COLUMNS = ["center_id", "field", "expected", "decision", "value", "code", "reason", "reviewer", "date"]
DECISIONS = ("set", "accept", "waive")
PLACE_FIELDS = ("city", "state", "zip")


@dataclass(frozen=True)
class Decision:
    center_id: str
    field: str
    expected: str
    decision: str
    value: str
    code: str
    reason: str
    reviewer: str
    date: str
    source: str
    line: int

    def describe(self) -> str:
        what = {"set": f"set {self.field} to {self.value!r}",
                "accept": f"accepted {self.code} on {self.field} with {self.value!r}",
                "waive": f"waived {self.code} on {self.field}"}[self.decision]
        return f"{self.reviewer} on {self.date}: {what} ({self.reason})"


def parse_corrections(data: bytes, source: str) -> list[Decision]:
    """Read a corrections CSV; a malformed row stops the build, naming its line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PipelineError(f"is not UTF-8 text ({exc.reason} at byte {exc.start}).", source=source) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise PipelineError(f"lacks the column(s) {', '.join(missing)}; the header must be {','.join(COLUMNS)}.",
                            source=source, line=1)
    decisions = []
    for row in reader:
        line = reader.line_num
        row = {k: (row.get(k) or "").strip() for k in COLUMNS}
        if not any(row.values()):
            continue
        if row["decision"] not in DECISIONS:
            raise PipelineError(f"has decision {row['decision']!r}; it must be one of {', '.join(DECISIONS)}.",
                                source=source, line=line)
        if row["decision"] in ("accept", "waive") and not row["code"]:
            raise PipelineError(f"has a {row['decision']} decision with no finding code.", source=source, line=line)
        if row["decision"] in ("set", "accept") and not row["value"] and row["field"] not in PLACE_FIELDS:
            raise PipelineError(f"has a {row['decision']} decision with no value.", source=source, line=line)
        for required in ("center_id", "field", "reason", "reviewer", "date"):
            if not row[required]:
                raise PipelineError(f"has no {required}: every decision names its center, field, reason, "
                                    f"reviewer and date.", source=source, line=line)
        decisions.append(Decision(**row, source=source, line=line))
    return decisions


def source_text(center: Center, field: str) -> str | None:
    """The verbatim source text a decision on `field` is about; None if no such field."""
    if field in FIELD_NORMALIZERS:
        v = getattr(center, field)
        return v.text if v is not None else ""
    if field in PLACE_FIELDS:
        return center.location.text if center.location else ""
    if field == "name":
        return center.entry.text if center.entry else (center.block.heading if center.block else "")
    return None


def stale_finding(code: str, d: Decision, message: str, center: Center | None) -> Finding:
    return finding(code, center, d.field, d.expected, message,
                   "Review the source's current value, then update or remove the decision.",
                   SourceRef(d.source, d.line))


def _check(d: Decision, centers: dict[str, Center]) -> Finding | None:
    center = centers.get(d.center_id)
    current = source_text(center, d.field) if center else None
    if center is None or current is None:
        what = f"center {d.center_id!r}" if center is None else f"field {d.field!r}"
        return stale_finding("CORRECTION_UNKNOWN_CENTER", d, f"The decision on line {d.line} names {what}, "
                        f"which the dataset does not have.", center)
    if current != d.expected:
        return stale_finding("CORRECTION_STALE", d, f"The decision on line {d.line} ({d.describe()}) expects "
                        f"{d.expected!r}, but the source now gives {current!r}; it was not applied.", center)
    return None


def _set(center: Center, d: Decision) -> Center:
    note = f"set by reviewer: {d.describe()}"
    if d.field in FIELD_NORMALIZERS:
        old = getattr(center, d.field)
        new = FIELD_NORMALIZERS[d.field](d.value, old.ref if old else None, old.label if old else d.field)
        value = replace(new, text=old.text if old else "", reason=note if new.value else f"{new.reason}; {note}")
        return replace(center, **{d.field: value}, fixes=(*center.fixes, f"CORRECTION:{d.line}"))
    if d.field in PLACE_FIELDS:
        return replace(center, **{d.field: d.value}, fixes=(*center.fixes, f"CORRECTION:{d.line}"))
    return replace(center, name=d.value, fixes=(*center.fixes, f"CORRECTION:{d.line}"))


def apply_values(dataset: Dataset, decisions: list[Decision]) -> tuple[Dataset, list[Finding], list[Decision]]:
    """Apply the `set` and `accept` decisions that still hold; report the rest."""
    centers = {c.id: c for c in dataset.centers}
    problems, applied = [], []
    for d in decisions:
        problem = _check(d, centers)
        if problem is not None:
            problems.append(problem)
        elif d.decision in ("set", "accept"):
            centers[d.center_id] = _set(centers[d.center_id], d)
            applied.append(d)
    fixed = replace(dataset, centers=tuple(centers[c.id] for c in dataset.centers))
    return fixed, problems, applied


def apply_waivers(findings: list[Finding], decisions: list[Decision],
                  centers: dict[str, Center]) -> tuple[list[Finding], list[Decision]]:
    """Mark waived findings; a waiver whose finding no longer fires is stale."""
    waivers = [d for d in decisions if d.decision == "waive" and _check(d, centers) is None]
    out, applied, stale = list(findings), [], []
    for d in waivers:
        hits = [i for i, f in enumerate(out) if (f.center_id, f.field, f.code) == (d.center_id, d.field, d.code)
                and f.status == "open"]
        if not hits:
            stale.append(stale_finding("CORRECTION_STALE", d, f"The decision on line {d.line} ({d.describe()}) "
                                  f"waives a finding that no longer fires.", centers.get(d.center_id)))
            continue
        for i in hits:
            out[i] = replace(out[i], status="waived")
        applied.append(d)
    return out + stale, applied
