"""Reviewers' decisions: applied, gone stale when the source changes, waived."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.corrections import COLUMNS, parse_corrections
from pipeline.errors import PipelineError

ROOT = Path(__file__).resolve().parents[1]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
CT = "connecticut-intelligence-center"
HI = "hawaii-fusion-center"


def _raw(tmp_path: Path, decisions: list[dict], edit: tuple[str, str] | None = None) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(parents=True)
    text = CAPTURE.read_text(encoding="utf-8")
    if edit:
        assert edit[0] in text
        text = text.replace(*edit)
    (raw / CAPTURE.name).write_text(text, encoding="utf-8")
    buf = io.StringIO()
    w = csv.DictWriter(buf, COLUMNS)
    w.writeheader()
    for d in decisions:
        w.writerow({"reviewer": "A. Reviewer", "date": "2026-11-20", "reason": "confirmed by phone", **d})
    (raw / "corrections.csv").write_text(buf.getvalue(), encoding="utf-8")
    return raw


def _rows(out: Path, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((out / name).read_text(encoding="utf-8"))))


SET_CT_FAX = {"center_id": CT, "field": "fax", "expected": "(806) 706-5535", "decision": "set",
              "value": "(860) 706-5535"}


def test_set_decision_is_applied_and_listed(tmp_path):
    b = build(_raw(tmp_path, [SET_CT_FAX]), tmp_path / "out")
    ct = next(r for r in _rows(tmp_path / "out", "fusion_centers.csv") if r["id"] == CT)
    assert ct["fax"] == "860-706-5535"
    assert [d.ref.line for d in b.decisions_applied] == [2]
    # The finding about the source stays, marked fixed by the decision.
    found = {(f["center_id"], f["field"], f["code"]): f["status"] for f in _rows(tmp_path / "out", "discrepancies.csv")}
    assert found[(CT, "fax", "AREA_CODE_OUT_OF_STATE")] == "fixed"
    report = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    (listed,) = [line for line in report.split("### Reviewer decisions applied", 1)[1].splitlines()
                 if line.startswith("- Line 2 of ")]
    assert listed.endswith("corrections.csv: A. Reviewer on 2026-11-20: set fax to '(860) 706-5535' "
                           "(confirmed by phone)")


WAIVE_HI = {"center_id": HI, "field": "phone", "expected": "(916) 356-4467", "decision": "waive",
            "code": "AREA_CODE_OUT_OF_STATE"}


def test_decision_ids_name_what_is_decided_not_the_line(tmp_path):
    """fixes_applied publishes the decision's id (center, field, decision, code): moving a
    decision to another line of the corrections file changes no published value (only the
    provenance, which cites the decision's line)."""
    outs = []
    for name, order in (("first", [SET_CT_FAX, WAIVE_HI]), ("reordered", [WAIVE_HI, SET_CT_FAX])):
        build(_raw(tmp_path / name, order), tmp_path / name / "out")
        outs.append(tmp_path / name / "out")
    ct = next(r for r in _rows(outs[0], "fusion_centers.csv") if r["id"] == CT)
    assert ct["fixes_applied"] == f"{CT}/fax/set"
    for table in ("fusion_centers.csv", "fusion_centers.geojson"):
        assert (outs[0] / table).read_bytes() == (outs[1] / table).read_bytes(), table
    records = [json.loads((out / "fusion_centers.json").read_text(encoding="utf-8")) for out in outs]
    assert [{k: v for k, v in r.items() if k != "provenance"} for r in records[0]] == \
        [{k: v for k, v in r.items() if k != "provenance"} for r in records[1]]


def test_stale_decision_is_not_applied_and_is_an_error(tmp_path):
    raw = _raw(tmp_path, [SET_CT_FAX], edit=("Fax: (806) 706-5535", "Fax: (860) 706-5536"))
    b = build(raw, tmp_path / "out")
    ct = next(r for r in _rows(tmp_path / "out", "fusion_centers.csv") if r["id"] == CT)
    assert ct["fax"] == "860-706-5536"  # the new source value, not the decision's
    assert b.decisions_applied == []
    stale = [f for f in _rows(tmp_path / "out", "discrepancies.csv") if f["code"] == "CORRECTION_STALE"]
    assert [(f["center_id"], f["field"], f["severity"], f["line"]) for f in stale] == [(CT, "fax", "error", "2")]


def test_waived_finding_stays_but_leaves_the_open_count(tmp_path):
    plain = build(_raw(tmp_path / "a", []), tmp_path / "a" / "out")
    waive = {"center_id": HI, "field": "phone", "expected": "(916) 356-4467", "decision": "waive",
             "code": "AREA_CODE_OUT_OF_STATE"}
    waived = build(_raw(tmp_path / "b", [waive]), tmp_path / "b" / "out")
    rows = _rows(tmp_path / "b" / "out", "discrepancies.csv")
    hi = [r for r in rows if (r["center_id"], r["code"]) == (HI, "AREA_CODE_OUT_OF_STATE")]
    assert [r["status"] for r in hi] == ["waived"]
    open_before = sum(f.status == "open" and f.severity == "warning" for f in plain.findings)
    open_after = sum(f.status == "open" and f.severity == "warning" for f in waived.findings)
    assert open_after == open_before - 1
    assert len(waived.findings) == len(plain.findings)


def test_accept_marks_the_finding_fixed(tmp_path):
    accept = {**SET_CT_FAX, "decision": "accept", "code": "AREA_CODE_OUT_OF_STATE"}
    b = build(_raw(tmp_path, [accept]), tmp_path / "out")
    ct = [f for f in b.findings if (f.center_id, f.code) == (CT, "AREA_CODE_OUT_OF_STATE")]
    assert [f.status for f in ct] == ["fixed"]
    assert next(c for c in b.dataset.centers if c.id == CT).published("fax").value == "+18607065535"


def test_decision_on_unknown_center_is_an_error(tmp_path):
    bogus = {**SET_CT_FAX, "center_id": "no-such-center"}
    b = build(_raw(tmp_path, [bogus]), tmp_path / "out")
    assert [(f.code, f.severity) for f in b.findings if f.code.startswith("CORRECTION")] == \
        [("CORRECTION_UNKNOWN_CENTER", "error")]


@pytest.mark.parametrize("text, line, needle", [
    ("center_id,field\n", 1, "lacks the column"),
    (",".join(COLUMNS) + "\nx,fax,1,overwrite,2,,why,me,2026-01-01\n", 2, "decision 'overwrite'"),
    (",".join(COLUMNS) + "\nx,fax,1,waive,,,why,me,2026-01-01\n", 2, "no finding code"),
    (",".join(COLUMNS) + "\nx,fax,1,set,2,,,me,2026-01-01\n", 2, "no reason"),
], ids=["header", "decision", "code", "reason"])
def test_malformed_corrections_name_file_and_line(text, line, needle):
    with pytest.raises(PipelineError) as exc:
        parse_corrections(text.encode(), "corrections.csv")
    assert exc.value.line == line and needle in str(exc.value) and "corrections.csv" in str(exc.value)


def test_shipped_corrections_file_parses():
    assert parse_corrections((ROOT / "raw" / "corrections.csv").read_bytes(), "corrections.csv") == []


# ---- hostile or careless decisions (issue 10): validated like source values ----

@pytest.mark.parametrize("field, value, problem_part", [
    ("state", "ZZ", "not a state"),
    ("zip", "not-a-zip", "not a ZIP code"),
    ("city", "", "not a city"),
    ("fax", "(860) 706-55", "no such NANP number"),
    ("email", "ct@@ct.gov", ""),
    ("website", 'http://evil.example/"><script>', "characters"),
    ("name", "\u200b\u202e", "empty name"),
], ids=["state", "zip", "empty-city", "phone", "email", "website", "invisible-name"])
def test_invalid_set_value_is_not_published(tmp_path, field, value, problem_part):
    expected = {"state": "Hartford, Connecticut", "zip": "Hartford, Connecticut", "city": "Hartford, Connecticut",
                "fax": "(806) 706-5535", "email": "ctic@ct.gov", "website": "www.ct.gov/demhs",
                "name": "Connecticut Intelligence Center"}[field]
    text = CAPTURE.read_text(encoding="utf-8")
    assert expected in text  # typed from the capture's Connecticut block (lines 237-247) and list (line 19)
    decision = {"center_id": CT, "field": field, "expected": expected, "decision": "set", "value": value}
    b = build(_raw(tmp_path, [decision]), tmp_path / "out")
    ct = next(r for r in _rows(tmp_path / "out", "fusion_centers.csv") if r["id"] == CT)
    assert value == "" or value not in ct.values()
    assert b.decisions_applied == []
    bad = [f for f in b.findings if f.code == "CORRECTION_INVALID"]
    assert [(f.center_id, f.field, f.severity, f.line) for f in bad] == [(CT, field, "error", 2)]
    assert problem_part in bad[0].message


def test_valid_set_values_are_normalized(tmp_path):
    decisions = [{"center_id": CT, "field": "state", "expected": "Hartford, Connecticut", "decision": "set",
                  "value": "Connecticut"},
                 {"center_id": CT, "field": "zip", "expected": "Hartford, Connecticut", "decision": "set",
                  "value": "06106"}]
    build(_raw(tmp_path, decisions), tmp_path / "out")
    ct = next(r for r in _rows(tmp_path / "out", "fusion_centers.csv") if r["id"] == CT)
    assert (ct["state"], ct["zip"]) == ("CT", "06106")


def test_two_decisions_on_one_field_conflict_and_neither_applies(tmp_path):
    other = {**SET_CT_FAX, "value": "(860) 706-5599"}
    b = build(_raw(tmp_path, [SET_CT_FAX, other]), tmp_path / "out")
    ct = next(r for r in _rows(tmp_path / "out", "fusion_centers.csv") if r["id"] == CT)
    assert ct["fax"] == "806-706-5535"  # the source's value: neither decision wins silently
    conflicts = [f for f in b.findings if f.code == "CORRECTION_CONFLICT"]
    assert [(f.severity, f.line) for f in conflicts] == [("error", 3)]
    assert "lines 2 and 3" in conflicts[0].message


def test_many_identical_accepts_are_read_in_one_pass_and_told_once(tmp_path):
    """20,000 identical rows took 37 s when each accept re-scanned the findings, then gave one error a row."""
    accept = {**SET_CT_FAX, "decision": "accept", "code": "AREA_CODE_OUT_OF_STATE"}
    b = build(_raw(tmp_path, [accept] * 20_000), tmp_path / "out")
    conflicts = [f for f in b.findings if f.code == "CORRECTION_CONFLICT"]
    assert [(f.center_id, f.field, f.line) for f in conflicts] == [(CT, "fax", 3)]
    assert "lines 2 and 3 (and 19,998 more)" in conflicts[0].message
    assert b.decisions_applied == []


@pytest.mark.parametrize("text, line, needle", [
    (",".join(COLUMNS) + "\nx,fax,1,set,2,,why,me,not-a-date\n", 2, "YYYY-MM-DD"),
    (",".join(COLUMNS) + "\nx,fax,1,set,2,,why,me,2026-02-30\n", 2, "no calendar date"),
    (",".join(COLUMNS) + '\nx,fax,"1,set,2,,why,me,2026-01-01\n', 2, "quote is left open"),
    (",".join(COLUMNS) + "\nx,fax,1,set," + "9" * 200_000 + ",,why,me,2026-01-01\n", 2, "4,096"),
    (",".join(COLUMNS) + "\nx,fax,1,set,2,,why,me,2026-01-01,extra\n", 2, "cells"),
], ids=["bad-date", "february-30", "open-quote", "huge-cell", "extra-cell"])
def test_unreadable_rows_name_their_line(text, line, needle):
    with pytest.raises(PipelineError) as exc:
        parse_corrections(text.encode(), "corrections.csv")
    assert exc.value.line == line and needle in str(exc.value), str(exc.value)
