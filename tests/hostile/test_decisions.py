"""Attacks through reviewer decisions (raw/corrections.csv), issue 18.

A decision is judged like a source value: an `accept` or `waive` applies only
while its code fires on that center and field, and what a decision causes
opens findings, never closes them. The file itself is read only if it is a
regular file, and a header or date that is not what it seems is refused.
"""
from __future__ import annotations

import csv
import io
import os
import re
import resource
import subprocess
import sys

import pytest

from pipeline.build import build, run
from pipeline.corrections import COLUMNS, parse_corrections
from pipeline.errors import PipelineError
from tests.hostile.attack import CT, ROOT, corrections_csv, fifo, link_to_zero, make_raw, no_hang, one_line

# Connecticut's fax in the capture (line 243) is "(806) 706-5535": a Texas area code.
CT_FAX = {"center_id": CT, "field": "fax", "expected": "(806) 706-5535"}


def _rows(out, name):
    return list(csv.DictReader(io.StringIO((out / name).read_text(encoding="utf-8"))))


def test_accept_under_a_code_that_does_not_fire_is_applied_nowhere(tmp_path):
    # The finding on Connecticut's fax is AREA_CODE_OUT_OF_STATE, not FAX_AREA_CODE_DIFFERS.
    accept = {**CT_FAX, "decision": "accept", "value": "(203) 555-0100", "code": "FAX_AREA_CODE_DIFFERS"}
    out = tmp_path / "out"
    build(make_raw(tmp_path / "raw", decisions=[accept]), out)
    ct = next(r for r in _rows(out, "fusion_centers.csv") if r["id"] == CT)
    assert ct["fax"] == "806-706-5535"  # the source's value (the CSV form), not the decision's 203-555-0100
    assert ct["fixes_applied"] == ""
    found = {(f["center_id"], f["field"], f["code"]): f for f in _rows(out, "discrepancies.csv")}
    assert found[(CT, "fax", "AREA_CODE_OUT_OF_STATE")]["status"] == "open"
    assert found[(CT, "fax", "CORRECTION_STALE")]["line"] == "2"
    assert re.search(r"Reviewer decisions applied\W+None\.", (out / "report.md").read_text(encoding="utf-8"))


def test_waive_under_a_code_that_does_not_fire_waives_nothing(tmp_path):
    waive = {**CT_FAX, "decision": "waive", "code": "FAX_AREA_CODE_DIFFERS"}
    accept_other = {**CT_FAX, "decision": "accept", "value": "(860) 706-5535", "code": "PHONE_INVALID"}
    b = run(make_raw(tmp_path / "raw", decisions=[waive, accept_other]))
    ct = next(c for c in b.dataset.centers if c.id == CT)
    assert ct.published("fax").value == "+18067065535"
    statuses = {(f.field, f.code): f.status for f in b.findings if f.center_id == CT}
    assert statuses[("fax", "AREA_CODE_OUT_OF_STATE")] == "open"
    stale = sorted(f.line for f in b.findings if f.code == "CORRECTION_STALE")
    assert stale == [2, 3]


def test_set_city_that_does_not_geocode_opens_its_finding(tmp_path):
    # There is no Springfield in Connecticut's ZIP codes; Hartford is the capture's city (line 239).
    move = {"center_id": CT, "field": "city", "expected": "Hartford, Connecticut", "decision": "set",
            "value": "Springfield"}
    b = run(make_raw(tmp_path / "raw", decisions=[move]))
    ct = next(c for c in b.dataset.centers if c.id == CT)
    assert ct.published_text("city") == "Springfield" and ct.latitude is None
    geo = [f for f in b.findings if (f.center_id, f.code) == (CT, "LOCATION_NOT_GEOCODED")]
    assert [f.status for f in geo] == ["open"]


def test_set_zip_out_of_place_is_withheld_citing_the_decision(tmp_path):
    # 90210 is Beverly Hills, California: not a Hartford, Connecticut ZIP code.
    zip_ = {"center_id": CT, "field": "zip", "expected": "Hartford, Connecticut", "decision": "set", "value": "90210"}
    b = run(make_raw(tmp_path / "raw", decisions=[zip_]))
    ct = next(c for c in b.dataset.centers if c.id == CT)
    assert ct.published_text("zip") == ""
    out_of_place = [f for f in b.findings if (f.center_id, f.code) == (CT, "ZIP_OUT_OF_PLACE")]
    assert [(f.status, f.line) for f in out_of_place] == [("open", 2)]


HEADER = ",".join(COLUMNS)
ROW = "x,fax,1,set,2,,why,me,"


@pytest.mark.parametrize("header", [
    HEADER + ",center_id",
    HEADER + ",value",
], ids=["second-center-id", "value-twice"])
def test_header_naming_a_column_twice_is_refused(header):
    row = ROW + "2026-11-20,other"
    with pytest.raises(PipelineError) as exc:
        parse_corrections(f"{header}\n{row}\n".encode(), "corrections.csv")
    assert exc.value.line == 1 and "twice" in exc.value.message


@pytest.mark.parametrize("day", ["20261130", "2026-W48-1"], ids=["basic", "week"])
def test_date_not_written_yyyy_mm_dd_is_refused(day):
    with pytest.raises(PipelineError) as exc:
        parse_corrections(f"{HEADER}\n{ROW}{day}\n".encode(), "corrections.csv")
    assert exc.value.line == 2 and "YYYY-MM-DD" in exc.value.message


def test_corrections_fifo_is_refused_without_blocking(tmp_path):
    raw = make_raw(tmp_path / "raw")
    fifo(raw / "corrections.csv")
    with no_hang(), pytest.raises(PipelineError) as exc:
        run(raw)
    assert "corrections.csv" in str(exc.value) and "regular file" in exc.value.message


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB: the attack ends in MemoryError


def test_corrections_linked_to_a_device_is_refused(tmp_path):
    raw = make_raw(tmp_path / "raw")
    link_to_zero(raw / "corrections.csv")
    done = subprocess.run([sys.executable, "-m", "pipeline", "check", "--raw", str(raw)], cwd=ROOT,
                          capture_output=True, text=True, timeout=30, preexec_fn=_limited,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 3
    assert one_line(done.stderr) and "corrections.csv" in done.stderr and "regular file" in done.stderr


def test_decision_address_that_is_not_http_is_refused(tmp_path):
    address = "javascript:alert(document.domain)//https://www.ct.gov/demhs"
    website = {"center_id": CT, "field": "website", "expected": "www.ct.gov/demhs", "decision": "set",
               "value": address}
    b = run(make_raw(tmp_path / "raw", decisions=[website]))
    ct = next(c for c in b.dataset.centers if c.id == CT)
    assert ct.published("website").value == "http://www.ct.gov/demhs"  # the source's, capture line 247
    assert [(f.code, f.line) for f in b.findings if f.value == address] == [("CORRECTION_INVALID", 2)]
