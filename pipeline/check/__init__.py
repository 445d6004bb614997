"""Check: data-quality rules over the normalized records; check only reads.

`run_checks(dataset, as_of)` runs every rule once over the source values and
gives all findings, sorted by severity, center and code, each with its status:
- fixed, where the published record differs from the source by a certain fix
  of the same code or by a reviewer's `set`/`accept` decision on that field;
- waived, where a reviewer's `waive` decision names it;
- open otherwise.
A decision that normalize could not apply, or whose finding no longer fires,
is itself a finding (CORRECTION_*).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from pipeline.codes import SEVERITY_ORDER, decision_note, finding, reason
from pipeline.check.rules import ACCOUNTING_RULES, CENTER_RULES, DATASET_RULES
from pipeline.records import Center, Dataset, Decision, DecisionKind, DecisionOutcome, Finding, Status


def sort_key(f: Finding) -> tuple:
    """The order of the findings: severity (errors first), center, code, field,
    then the place in the source and the value."""
    return (SEVERITY_ORDER[f.severity], f.center_id, f.code, f.field, f.source, f.page or 0, f.line or 0, f.value)


def run_rules(dataset: Dataset, as_of: date) -> list[Finding]:
    """Every rule once over the source values, all findings open; the
    accounting rules (conservation) last, over what the others found."""
    found: list[Finding] = []
    for center in dataset.centers:
        for rule in CENTER_RULES:
            found.extend(rule(center))
    for rule in DATASET_RULES:
        found.extend(rule(dataset, as_of))
    for rule in ACCOUNTING_RULES:  # last: they read what the others found
        found.extend(list(rule(dataset, found)))
    return found


def decision_finding(outcome: DecisionOutcome, center: Center | None, problem: str = "") -> Finding:
    """The finding for a decision that was not applied, at its line of the corrections file;
    a value the normalizers reject says why in the words of their issue (`codes.reason`)."""
    d = outcome.decision
    details: dict[str, object] = dict(outcome.details)
    if problem:
        details["problem"] = problem
    if "issue" in details:
        details["problem"] = reason(str(details.pop("issue")), details)
    return finding(outcome.issue, center, field=d.field, value=d.value or d.expected,
                   ref=d.ref, evidence=",".join((d.center_id, d.field, d.expected, d.decision, d.value, d.code)),
                   decision_line=d.ref.line, decision=decision_note(d), center_id=d.center_id, expected=d.expected,
                   **details)


# Codes a rule gives about the published value, not the source's: where a
# decision set that value, such a finding is the decision's consequence.
ABOUT_PUBLISHED = ("LOCATION_NOT_GEOCODED",)


def _status(f: Finding, center: Center | None) -> Finding:
    """A finding marked fixed when the published field differs from the source by a fix of its own code or a
    reviewer's value decision (an `accept` must name the code)."""
    if center is None or f.status != Status.OPEN:
        return f
    for o in center.overrides:
        if o.field != f.field:
            continue
        if o.origin == f.code and not o.withheld:  # a withheld value waits for a reviewer
            return replace(f, status=Status.FIXED)
        if isinstance(o.origin, Decision):
            d = o.origin
            if f.ref is not None and (f.ref.source, f.ref.line) == (d.ref.source, d.ref.line):
                continue  # a finding about the decision's own value: nothing it causes is fixed by it
            if f.code in ABOUT_PUBLISHED:
                continue  # judged on the decision's value: the decision caused it
            if d.decision == DecisionKind.SET or d.code == f.code:
                return replace(f, status=Status.FIXED, note=decision_note(d))
    return f


# Codes told on two centers at once: a decision on either closes both.
PAIRED_CODES = ("VALUE_FITS_NEIGHBOR", "BLOCK_FITS_OTHER_CENTER", "VALUE_BELOW_OTHER_PLACE")


def _close_pairs(findings: list[Finding]) -> list[Finding]:
    """A paired finding (the same value on two centers) takes the status a
    reviewer's decision gave its other half: a `set` on the neighbor, an
    `accept` or `waive` where the value stands."""
    closed: dict[tuple, Finding] = {}
    for f in findings:
        if f.code in PAIRED_CODES and f.status != Status.OPEN:
            closed.setdefault((f.code, f.field, f.value, f.ref), f)
    if not closed:
        return findings
    out = []
    for f in findings:
        other = closed.get((f.code, f.field, f.value, f.ref)) if f.code in PAIRED_CODES else None
        out.append(replace(f, status=other.status, note=other.note) if other and f.status == Status.OPEN else f)
    return out


def run_checks(dataset: Dataset, as_of: date) -> list[Finding]:
    """All findings about the dataset and the reviewers' decisions, with their statuses, sorted."""
    centers = {c.id: c for c in dataset.centers}
    findings = [_status(f, centers.get(f.center_id)) for f in run_rules(dataset, as_of)]
    index: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    by_source: dict[tuple[str, str], list[int]] = defaultdict(list)  # a source's findings: by source and code
    for i, f in enumerate(findings):
        index[(f.center_id, f.field, f.code)].append(i)
        if not f.center_id:
            by_source[(f.source, f.code)].append(i)
    for outcome in dataset.decisions:
        d = outcome.decision
        center = centers.get(d.center_id)
        if outcome.issue:
            if outcome.issue != "CORRECTION_CONFLICT" or dict(outcome.details).get("second_line") == str(d.ref.line):
                findings.append(decision_finding(outcome, center))
            continue
        if d.decision == DecisionKind.SET:
            continue
        hits = (by_source.get((d.about_source, d.code), []) if d.about_source
                else index.get((d.center_id, d.field, d.code), []))
        if not hits:
            gone = "accepts_gone" if d.decision == DecisionKind.ACCEPT else "waives_gone"
            findings.append(decision_finding(replace(outcome, issue="CORRECTION_STALE"), center, problem=gone))
        elif d.decision == DecisionKind.WAIVE:
            for i in hits:
                findings[i] = replace(findings[i], status=Status.WAIVED, note=decision_note(d))
    findings = _close_pairs(findings)
    return sorted(findings, key=sort_key)
