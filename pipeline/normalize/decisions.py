"""Reviewers' decisions applied where values are normalized.

A `set` or `accept` decision publishes its value through the same normalizer
as a source value, so a reviewer cannot publish a state "ZZ" or a zip
"not-a-zip". What a decision cannot do is said by its outcome (a CORRECTION_*
code with details), which check turns into a finding: the decision names no
such center or field, the source has changed since (stale), its value is not
valid, or another decision on the same center and field conflicts with it.
All decisions are read in one pass.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.normalize.email import normalize_email
from pipeline.normalize.phone import normalize_phone
from pipeline.normalize.website import normalize_website
from pipeline.records import Center, Decision, DecisionKind, DecisionOutcome, Override, SourceRef, Value
from pipeline.reference import state_code
from pipeline.text import visible

# The normalizer of each output field that holds a labeled value.
VALUE_NORMALIZERS = {"phone": normalize_phone, "fax": normalize_phone, "alt_phone": normalize_phone,
                     "toll_free": normalize_phone, "email": normalize_email, "website": normalize_website}
PLACE_FIELDS = ("city", "state", "zip")
_ZIP = re.compile(r"\d{5}(?:-\d{4})?")
_CITY = re.compile(r"[^\W\d_](?:[^\W\d_]|[ .'\-])*")


def source_text(center: Center, field: str) -> str | None:
    """The verbatim source text a decision on `field` is about; None if no such field."""
    if field in VALUE_NORMALIZERS:
        v = getattr(center, field)
        return v.text if v is not None else ""
    if field in PLACE_FIELDS:
        return center.location.text if center.location else ""
    if field == "name":
        return center.entry.text if center.entry else (center.block.heading if center.block else "")
    return None


def decided_value(d: Decision, old: Value | None) -> tuple[Value | str | None, str]:
    """The value a decision publishes, normalized, and "" or the problem that makes it invalid."""
    if d.field in VALUE_NORMALIZERS:
        label = old.label if old else d.field
        value = VALUE_NORMALIZERS[d.field](d.value, SourceRef(d.source, d.line), label, evidence=d.value)
        return value, "" if value.value else (value.detail("problem") or value.issue)
    if d.field == "state":
        code = state_code(d.value)
        return code, "" if code else "not a state or territory of USPS Publication 28"
    if d.field == "zip":
        return d.value, "" if not d.value or _ZIP.fullmatch(d.value) else "not a ZIP code (12345 or 12345-6789)"
    if d.field == "city":
        return d.value, "" if _CITY.fullmatch(d.value) else "not a city name"
    name = visible(d.value)
    return name, "" if name else "an empty name"


def _value_key(d: Decision) -> tuple[str, ...]:
    """Decisions with one key cannot both hold: two values for one field, or two waivers of one finding."""
    if d.about_source:  # a source's finding, acknowledged: its key is the source and the code
        return ("", d.about_source, "waive", d.code)
    if d.decision == DecisionKind.WAIVE:
        return (d.center_id, d.field, "waive", d.code)
    return (d.center_id, d.field)


def apply_decisions(centers: dict[str, Center],
                    decisions: Sequence[Decision]) -> tuple[dict[str, Center], list[DecisionOutcome]]:
    """Centers with the decisions' values as overrides, and each decision's outcome, in file order."""
    groups: dict[tuple[str, ...], list[Decision]] = {}
    for d in decisions:
        groups.setdefault(_value_key(d), []).append(d)
    outcomes: list[DecisionOutcome] = []
    for d in decisions:
        center = centers.get(d.center_id)
        current = source_text(center, d.field) if center else None
        group = groups[_value_key(d)]
        if len(group) > 1:  # one conflict, told once (at its second line) however many lines it has
            more = f" (and {len(group) - 2:,} more)" if len(group) > 2 else ""
            outcomes.append(DecisionOutcome(d, "CORRECTION_CONFLICT", (
                ("first_line", str(group[0].line)), ("second_line", str(group[1].line)), ("more", more))))
        elif d.about_source:  # check finds the source's finding, or says it no longer fires
            outcomes.append(DecisionOutcome(d))
        elif center is None or current is None:
            what = f"center {d.center_id!r}" if center is None else f"field {d.field!r}"
            outcomes.append(DecisionOutcome(d, "CORRECTION_UNKNOWN_CENTER", (("what", what),)))
        elif current != d.expected:
            problem = f"expects {d.expected!r}, but the source now gives {current!r}"
            outcomes.append(DecisionOutcome(d, "CORRECTION_STALE", (("problem", problem),)))
        elif d.decision == DecisionKind.WAIVE:
            outcomes.append(DecisionOutcome(d))
        else:
            value, problem = decided_value(d, getattr(center, d.field, None) if d.field in VALUE_NORMALIZERS else None)
            if problem:
                outcomes.append(DecisionOutcome(d, "CORRECTION_INVALID", (("problem", problem),)))
                continue
            override = Override(d.field, value, f"CORRECTION:{d.line}")
            centers[d.center_id] = replace(center, overrides=(*center.overrides, override))
            outcomes.append(DecisionOutcome(d))
    return centers, outcomes
