"""Check: data-quality rules over the normalized records.

`review(dataset, as_of, decisions)` applies the certain fixes and the
reviewers' decisions, runs every rule, and gives the cleaned dataset with
all findings sorted by severity, center and code. `run_checks` is the same
without reviewers' decisions.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from pipeline.check.codes import CODES, SEVERITY_ORDER
from pipeline.check.corrections import Decision, apply_values, apply_waivers, stale_finding
from pipeline.check.fixes import FIXES
from pipeline.check.rules import CENTER_RULES, DATASET_RULES
from pipeline.records import Dataset, Finding


@dataclass(frozen=True)
class CheckResult:
    dataset: Dataset  # cleaned: certain fixes and reviewers' decisions applied
    findings: list[Finding]  # sorted
    decisions_applied: list[Decision]


def sort_key(f: Finding) -> tuple:
    return (SEVERITY_ORDER[f.severity], f.center_id, f.code, f.field, f.source, f.line or 0, f.value)


def apply_fixes(dataset: Dataset) -> tuple[Dataset, list[Finding]]:
    centers, notes = [], []
    for center in dataset.centers:
        for fix in FIXES:
            center, found = fix(center)
            notes.extend(found)
        centers.append(center)
    return replace(dataset, centers=tuple(centers)), notes


def run_rules(dataset: Dataset, as_of: date) -> list[Finding]:
    found: list[Finding] = []
    for center in dataset.centers:
        for rule in CENTER_RULES:
            found.extend(rule(center))
    for rule in DATASET_RULES:
        found.extend(rule(dataset, as_of))
    return found


def _accepted(before: list[Finding], decisions: list[Decision]) -> tuple[list[Finding], list[Decision]]:
    """The findings an `accept` decision answers, marked fixed; an accept whose
    finding no longer fires is stale and is dropped from the decisions."""
    keep, answered = [], []
    for d in decisions:
        if d.decision != "accept":
            keep.append(d)
            continue
        hits = [f for f in before if (f.center_id, f.field, f.code) == (d.center_id, d.field, d.code)]
        if hits:
            keep.append(d)
            answered += [replace(f, status="fixed", suggestion=f"Accepted: {d.describe()}") for f in hits]
    return answered, keep


def review(dataset: Dataset, as_of: date, decisions: list[Decision] = ()) -> CheckResult:
    fixed, notes = apply_fixes(dataset)
    decisions = list(decisions)
    answered: list[Finding] = []
    if any(d.decision == "accept" for d in decisions):
        answered, live = _accepted(run_rules(fixed, as_of), decisions)
        stale_accepts = [d for d in decisions if d not in live]
        decisions = live
    else:
        stale_accepts = []
    corrected, problems, applied = apply_values(fixed, decisions)
    findings = notes + answered + problems + run_rules(corrected, as_of)
    findings += [stale_finding("CORRECTION_STALE", d, f"The decision on line {d.line} ({d.describe()}) accepts a "
                          f"finding that no longer fires; it was not applied.",
                          next((c for c in corrected.centers if c.id == d.center_id), None))
                 for d in stale_accepts]
    findings, waived = apply_waivers(findings, decisions, {c.id: c for c in corrected.centers})
    unknown = {f.code for f in findings} - set(CODES)
    if unknown:
        raise AssertionError(f"finding codes missing from the registry: {sorted(unknown)}")
    applied_all = sorted(applied + waived, key=lambda d: d.line)
    return CheckResult(corrected, sorted(findings, key=sort_key), applied_all)


def run_checks(dataset: Dataset, as_of: date) -> tuple[Dataset, list[Finding]]:
    result = review(dataset, as_of)
    return result.dataset, result.findings
