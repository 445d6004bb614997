"""Check: data-quality rules over the normalized records.

`run_checks(dataset, as_of)` applies the certain fixes, then every rule, and
gives the fixed dataset with all findings, sorted by severity, center, code.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from pipeline.check.codes import CODES, SEVERITY_ORDER
from pipeline.check.fixes import FIXES
from pipeline.check.rules import CENTER_RULES, DATASET_RULES
from pipeline.records import Dataset, Finding


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


def run_checks(dataset: Dataset, as_of: date) -> tuple[Dataset, list[Finding]]:
    fixed, notes = apply_fixes(dataset)
    findings = notes + run_rules(fixed, as_of)
    unknown = {f.code for f in findings} - set(CODES)
    assert not unknown, f"codes missing from the registry: {unknown}"
    return fixed, sorted(findings, key=sort_key)
