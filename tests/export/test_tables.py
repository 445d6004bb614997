"""CSV and JSON outputs: RFC 4180, safe cells, only web links."""
from __future__ import annotations

import csv
import io
import json

import pytest

from pipeline.export.tables import neutralize, phone_csv, to_csv

# The fourteen columns every release has begun with, in their order (typed here, not read from the spec).
FIRST_COLUMNS = ["id", "name", "designation", "city", "state", "zip", "phone", "fax", "alt_phone", "toll_free",
                 "email", "website", "source_url", "source_line"]


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+1 555", "'+1 555"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    ("Alabama Fusion Center", "Alabama Fusion Center"),
    (105, 105),
])
def test_formula_cells_are_neutralized(value, expected):
    assert neutralize(value) == expected


def test_csv_neutralizes_free_text_and_writes_validated_phones_as_text():
    data = to_csv(["name", "phone", "fax"], [{"name": "=1+1", "phone": "+13345172660", "fax": ""}])
    assert data == b"name,phone,fax\r\n'=1+1,334-517-2660,\r\n"


@pytest.mark.parametrize("e164", ["+13345172660x1", "3345172660", "+1334517266", "+44207946000"])
def test_a_phone_that_is_not_nanp_e164_is_refused_not_reformatted(e164):
    with pytest.raises(ValueError, match="E.164"):
        phone_csv(e164)


def test_centers_csv_is_rfc4180(real_build):
    _, out = real_build
    data = (out / "fusion_centers.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    assert data.count(b"\r\n") == 79 and data.count(b"\n") == 79
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0][:14] == FIRST_COLUMNS and all(len(r) == len(rows[0]) for r in rows)
    # A name with a comma is quoted, not split.
    assert any(r[1] == "Washington Regional Threat and Analysis Center (Washington, D.C.)" for r in rows)


def test_outputs_hold_only_web_links(real_build):
    _, out = real_build
    records = json.loads((out / "fusion_centers.json").read_text(encoding="utf-8"))
    websites = [r["website"] for r in records if r["website"]]
    assert len(websites) == 47  # 48 website lines in the capture; Oregon's holds an email address
    assert all(w.startswith(("http://", "https://")) for w in websites)
