"""Reviewers' decisions: applied, gone stale when the source changes, waived."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.corrections import COLUMNS, parse_corrections
from pipeline.errors import PipelineError

ROOT = Path(__file__).resolve().parents[2]
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
    assert ct["fax"] == "+18607065535"
    assert [d.line for d in b.decisions_applied] == [2]
    # The finding about the source stays, marked fixed by the decision.
    found = {(f["center_id"], f["field"], f["code"]): f["status"] for f in _rows(tmp_path / "out", "discrepancies.csv")}
    assert found[(CT, "fax", "AREA_CODE_OUT_OF_STATE")] == "fixed"
    assert "confirmed by phone" in (tmp_path / "out" / "report.md").read_text(encoding="utf-8")


def test_stale_decision_is_not_applied_and_is_an_error(tmp_path):
    raw = _raw(tmp_path, [SET_CT_FAX], edit=("Fax: (806) 706-5535", "Fax: (860) 706-5536"))
    b = build(raw, tmp_path / "out")
    ct = next(r for r in _rows(tmp_path / "out", "fusion_centers.csv") if r["id"] == CT)
    assert ct["fax"] == "+18607065536"  # the new source value, not the decision's
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
