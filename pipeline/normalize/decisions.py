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

from collections.abc import Sequence
from dataclasses import replace

from pipeline.fields import FIELDS
from pipeline.normalize.normalizers import normalize_value
from pipeline.records import Center, Decision, DecisionKind, DecisionOutcome, Override, Value
from pipeline.text import visible


def decided_value(d: Decision, old: Value | None) -> tuple[Value | str | None, tuple[tuple[str, str], ...]]:
    """The value a decision publishes, normalized by the field's own normalizer
    (`normalizers`), and why it is not valid, as CORRECTION_INVALID's details
    (the normalizer's issue and its details), or () when it is."""
    if d.field in FIELDS.by_name:
        label = old.label if old else d.field
        value = normalize_value(d.field, d.value, d.ref, label, evidence=d.value)
        return value, () if value.value or not value.issue else (("issue", value.issue), *value.details)
    name = visible(d.value)
    return name, () if name else (("problem", "empty_name"),)


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
        current = center.source_text(d.field) if center else None
        group = groups[_value_key(d)]
        if len(group) > 1:  # one conflict, told once (at its second line) however many lines it has
            outcomes.append(DecisionOutcome(d, "CORRECTION_CONFLICT", (
                ("first_line", str(group[0].ref.line)), ("second_line", str(group[1].ref.line)),
                ("more", f"{len(group) - 2:,}"))))
        elif d.about_source:  # check finds the source's finding, or says it no longer fires
            outcomes.append(DecisionOutcome(d))
        elif center is None or current is None:
            outcomes.append(DecisionOutcome(d, "CORRECTION_UNKNOWN_CENTER",
                                            (("what", "center" if center is None else "field"),)))
        elif current != d.expected:
            outcomes.append(DecisionOutcome(d, "CORRECTION_STALE", (("problem", "changed"), ("current", current))))
        elif d.decision == DecisionKind.WAIVE:
            outcomes.append(DecisionOutcome(d))
        else:
            value, invalid = decided_value(d, center.value(d.field) if d.field in FIELDS.labeled else None)
            if invalid:
                outcomes.append(DecisionOutcome(d, "CORRECTION_INVALID", invalid))
                continue
            override = Override(d.field, value, d)
            centers[d.center_id] = replace(center, overrides=(*center.overrides, override))
            outcomes.append(DecisionOutcome(d))
    return centers, outcomes
