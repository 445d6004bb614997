"""The outputs read with the tools people use keep their types: the package's
pandas API, pandas, csvkit and GDAL with their defaults (type detection on),
and frictionless through the data package. Phones stay text (the CSV's
"334-517-2660", E.164 "+13345172660" in JSON: capture line 109 "Phone: (334)
517-2660"), ZIPs keep their leading zero (Maine's "Augusta, Maine 04330-0164")."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import frictionless
import pandas as pd
import phonenumbers
import pytest

from pipeline.api import centers, findings

ALABAMA = "alabama-fusion-center"
MAINE = "maine-information-and-analysis-center"
GUAM = "mariana-regional-fusion-center-guam"
CSVKIT = Path(sys.executable).parent


@pytest.fixture(scope="module")
def out(real_build) -> Path:
    return real_build[1]


@pytest.fixture(scope="module")
def frame(out) -> pd.DataFrame:
    return centers(out).set_index("id")


def test_the_api_gives_every_center_and_finding(out, frame):
    assert len(frame) == 78
    assert (frame.designation == "primary").sum() == 53
    assert len(findings(out)) == len(json.loads((out / "discrepancies.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize("column, dtype", [
    ("phone", "string"), ("zip", "string"), ("state", "string"), ("source_line", "Int64"),
    ("match_score", "Float64"), ("latitude", "Float64"), ("longitude", "Float64"),
])
def test_the_api_dtypes_are_nullable(frame, column, dtype):
    assert str(frame[column].dtype) == dtype


@pytest.mark.parametrize("center_id, column, value", [
    (ALABAMA, "phone", "+13345172660"),
    (ALABAMA, "source_line", 105),
    (MAINE, "zip", "04330-0164"),
    (MAINE, "state", "ME"),
])
def test_the_api_values(frame, center_id, column, value):
    assert frame.loc[center_id, column] == value


def test_the_api_says_missing_with_na(frame):
    assert frame.loc[GUAM, "phone"] is pd.NA  # Guam's block has no Phone line
    assert frame.loc[ALABAMA, "zip"] is pd.NA
    assert frame.loc["south-carolina-information-and-intelligence-center", "fixes_applied"] == ["PHONE_LABELS_SWAPPED"]


def test_findings_keep_their_line_as_an_integer(out):
    frame = findings(out)
    assert str(frame.line.dtype) == "Int64" and str(frame.center_id.dtype) == "string"
    oregon = frame[frame.code == "WEBSITE_INVALID"].iloc[0]
    assert oregon.line == 612  # capture line 612: "www.oregonfusioncenter@doj.state.or.us"


def test_plain_pandas_with_dtype_str_keeps_phones_and_zips(out):
    frame = pd.read_csv(out / "fusion_centers.csv", dtype=str, keep_default_na=False).set_index("id")
    assert frame.loc[ALABAMA, "phone"] == "334-517-2660"
    assert frame.loc[MAINE, "zip"] == "04330-0164"
    assert frame.loc[GUAM, "phone"] == ""


PHONES = ("phone", "fax", "alt_phone", "toll_free")


def _pandas(csv: Path) -> dict[str, dict]:
    frame = pd.read_csv(csv)  # every default: type inference on, "" is NaN
    return {r["id"]: {c: (None if pd.isna(r[c]) else r[c]) for c in PHONES} for r in frame.to_dict("records")}


def _csvkit(csv: Path) -> dict[str, dict]:
    # csvjson with agate's type inference on (the default), as csvstat and csvsql use it.
    done = subprocess.run([str(CSVKIT / "csvjson"), str(csv)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return {r["id"]: {c: r[c] for c in PHONES} for r in json.loads(done.stdout)}


def _gdal(csv: Path) -> dict[str, dict]:
    if shutil.which("ogr2ogr") is None:
        pytest.skip("GDAL is not installed: apt-get install gdal-bin")
    # AUTODETECT_TYPE: GDAL guesses each column's type from its values.
    done = subprocess.run(["ogr2ogr", "-f", "GeoJSON", "/vsistdout/", str(csv), "-oo", "AUTODETECT_TYPE=YES"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    features = json.loads(done.stdout)["features"]
    return {f["properties"]["id"]: {c: f["properties"][c] for c in PHONES} for f in features}


@pytest.mark.parametrize("read", [_pandas, _csvkit, _gdal], ids=["pandas", "csvkit", "gdal"])
def test_every_tool_reads_phones_as_text_that_gives_back_the_e164_of_the_json(out, read):
    rows = read(out / "fusion_centers.csv")
    published = {r["id"]: r for r in json.loads((out / "fusion_centers.json").read_text(encoding="utf-8"))}
    assert rows.keys() == published.keys()
    compared = 0
    for id_, cells in rows.items():
        for column, cell in cells.items():
            e164 = published[id_][column]
            if e164 is None:
                assert cell in (None, ""), (id_, column, cell)
                continue
            assert isinstance(cell, str) and not cell.startswith(("+", "=", "-", "@")), (id_, column, cell)
            number = phonenumbers.parse(cell, "US")
            assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == e164
            compared += 1
    assert compared >= 78  # every center but Guam has a phone, many a fax
    assert rows[ALABAMA]["phone"] == "334-517-2660"  # capture line 109: "Phone: (334) 517-2660"


def test_frictionless_reads_the_types_of_the_package(out):
    package = frictionless.Package(out / "datapackage.json")
    rows = {r["id"]: r for r in package.get_resource("fusion_centers").read_rows()}
    assert rows[ALABAMA]["phone"] == "334-517-2660"
    assert rows[ALABAMA]["source_line"] == 105
    assert rows[MAINE]["zip"] == "04330-0164"
    assert rows[GUAM]["phone"] is None
    assert rows["south-carolina-information-and-intelligence-center"]["fixes_applied"] == ["PHONE_LABELS_SWAPPED"]
    # A number is a Decimal in frictionless; Montgomery, Alabama lies at 32°22′N.
    assert isinstance(rows[ALABAMA]["latitude"], Decimal) and abs(float(rows[ALABAMA]["latitude"]) - 32.367) < 0.1
