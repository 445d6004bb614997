"""The registry of value fields (pipeline/fields.py): one entry adds a field to every output.

The test copies the package, adds a "Cell:" phone to the copy's registry (one entry,
nothing else), and builds a capture whose Alabama block gives a cell number and whose
Alaska block gives one that is no number. Every output must carry the field: the CSV
and JSON columns with their extension, the JSON provenance, the JSON Schema, SQLite, the
data package, the GeoJSON properties, the findings (the phone rules pick fields by
kind) and the report's count of published values. Cost: one build in a subprocess
(about 3 s of processor time).
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from pipeline.build import run
from pipeline.export.report import summarize
from pipeline.fields import FIELD_OF_LABEL, FIELDS, LABEL_SYNONYMS, Kind, Registry, ValueField
from tests.extract.corpus import SHARED_FOLDER, shared

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
CELL_ENTRY = '    _phone("cell", "Cell", "cell phone number", synonyms=("mobile",)),\n'
ALABAMA, ALASKA = "alabama-fusion-center", "alaska-information-and-analysis-center"
# Capture lines 109 and 123 are the Alabama and Alaska blocks' Phone lines; a Cell line follows each.
CELL_LINES = {109: "Cell: (334) 555-0199", 123: "Mobile: 555-01"}

SCRIPT = """
import json, sys
from pathlib import Path
from pipeline.build import build
from pipeline.export.json_schema import json_schema
from pipeline.export.report import summarize
b = build(Path(sys.argv[1]), Path(sys.argv[2]))
schema = json_schema()["$defs"]
print(json.dumps({"column": schema["center"]["properties"].get("cell"),
                  "provenance": "cell" in schema["provenance"]["properties"],
                  "values": summarize(b.dataset, b.findings).values}))
"""


def _raw_with_cell_lines(folder: Path) -> Path:
    lines = CAPTURE.read_text(encoding="utf-8").split("\n")
    for number in sorted(CELL_LINES, reverse=True):  # line numbers of the capture as it is
        lines[number:number] = ["", CELL_LINES[number]]
    folder.mkdir()
    (folder / "capture.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def with_cell(tmp_path_factory):
    """The package copied with "Cell" added to its registry, and a build of the capture with Cell lines:
    made once per run, in the folder pytest-xdist's workers share (`tests.extract.corpus.shared`), so
    that a worker running some of these tests loads what the first one built."""
    folder = os.environ.get(SHARED_FOLDER)
    return shared("with cell", lambda: _build_with_cell(
        Path(tempfile.mkdtemp(prefix="cell-", dir=folder)) if folder else tmp_path_factory.mktemp("cell")))


def _build_with_cell(tmp: Path) -> tuple[Path, Path, dict]:
    shutil.copytree(ROOT / "pipeline", tmp / "code" / "pipeline")  # its bytecode too, fields.py compiled again
    registry = tmp / "code" / "pipeline" / "fields.py"
    text = registry.read_text(encoding="utf-8")
    end = "\n)\n\n\nclass Registry"  # the end of VALUE_FIELDS
    assert text.count(end) == 1
    registry.write_text(text.replace(end, "\n" + CELL_ENTRY + ")\n\n\nclass Registry"), encoding="utf-8")
    raw = _raw_with_cell_lines(tmp / "raw")
    run_ = subprocess.run([sys.executable, "-c", SCRIPT, str(raw), str(tmp / "out")], cwd=tmp / "code",
                          env={"PYTHONPATH": str(tmp / "code"), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, timeout=120)
    assert run_.returncode == 0, run_.stderr
    return raw, tmp / "out", json.loads(run_.stdout.splitlines()[-1])


def _rows(out: Path, name: str) -> dict[str, dict[str, str]]:
    rows = csv.DictReader(io.StringIO((out / name).read_text(encoding="utf-8"), newline=""))
    return {r["id"]: r for r in rows} if name == "fusion_centers.csv" else list(rows)


def test_the_csv_and_json_carry_the_field_and_its_extension(with_cell):
    _, out, _ = with_cell
    rows = _rows(out, "fusion_centers.csv")
    assert (rows[ALABAMA]["cell"], rows[ALABAMA]["cell_ext"], rows[ALASKA]["cell"]) == ("334-555-0199", "", "")  # a phone in the CSV: 334-517-2660 form
    header = (out / "fusion_centers.csv").read_text(encoding="utf-8").split("\r\n")[0].split(",")
    assert header[:14][6:10] == ["phone", "fax", "alt_phone", "toll_free"]  # the original columns stay first
    assert header.index("cell") > header.index("toll_free_ext")
    records = {r["id"]: r for r in json.loads((out / "fusion_centers.json").read_text(encoding="utf-8"))}
    assert records[ALABAMA]["cell"] == "+13345550199"
    assert records[ALABAMA]["provenance"]["cell"]["text"] == "(334) 555-0199"
    assert records[ALABAMA]["provenance"]["cell"]["label"] == "Cell"


def test_sqlite_the_data_package_and_geojson_carry_the_field(with_cell):
    _, out, _ = with_cell
    with sqlite3.connect(out / "fusion_centers.sqlite") as db:
        assert db.execute("SELECT cell FROM centers WHERE id = ?", (ALABAMA,)).fetchone() == ("+13345550199",)
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    (centers,) = [r for r in package["resources"] if r["name"] == "fusion_centers"]
    assert {"cell", "cell_ext"} <= {f["name"] for f in centers["schema"]["fields"]}
    features = json.loads((out / "fusion_centers.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["cell"] for f in features if f["properties"]["id"] == ALABAMA] == ["+13345550199"]


def test_the_schema_and_the_report_count_carry_the_field(with_cell):
    raw, _, facts = with_cell
    assert facts["column"]["pattern"] == r"^(?:\+1[2-9][0-9]{9})$" and facts["provenance"]
    # The same raw folder without the registry entry: the Cell lines are unknown labels, nothing published.
    b = run(raw)
    assert facts["values"] == summarize(b.dataset, b.findings).values + 1


def test_the_phone_rules_judge_the_field_by_its_kind(with_cell):
    _, out, _ = with_cell
    found = [(f["center_id"], f["field"], f["code"], f["value"]) for f in _rows(out, "discrepancies.csv")
             if f["field"] == "cell"]
    assert found == [(ALASKA, "cell", "PHONE_INVALID", "555-01")]


def test_labels_and_their_spellings_come_from_the_registry():
    assert FIELD_OF_LABEL["Toll-Free"] == "toll_free" and LABEL_SYNONYMS["e-mail"] == "Email"
    assert FIELDS.of_kind(Kind.PLACE) == ("city", "state", "zip")
    assert "Location" not in FIELD_OF_LABEL  # a place line has no label


def test_a_field_named_twice_is_refused():
    twice = ValueField("fax", "Fax", Kind.PHONE, "fax number", "Fax.")
    with pytest.raises(ValueError, match="fax"):
        Registry((*FIELDS.all, twice))


# ---- no module outside the registry names the value fields ----------------------

PIPELINE = ROOT / "pipeline"
# Strings equal to a field's name that name something else, and why.
NOT_FIELDS = {
    ("records.py", "toll_free"),  # PhoneType.TOLL_FREE, what phonenumbers says a number is
    ("record.py", "website"),  # a verification file's check type (pipeline/verify/record.py), part of its format
    ("html.py", "email"),  # schema.org's property name in a page's JSON-LD
    ("json_schema.py", "email"),  # JSON Schema's string format of that name
    # A shown value's kind (ShownValue.kind, the registry's Kind values) in the readers.
    ("shown.py", "phone"), ("shown.py", "email"), ("__init__.py", "phone"), ("__init__.py", "email"),
}


def _named_fields(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module, docstrings left out, that are a value field's name."""
    import ast
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    names = set(FIELDS.labeled)
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and n.value in names and id(n) not in docstrings
            and (path.name, n.value) not in NOT_FIELDS]


@pytest.mark.parametrize("path", sorted(p for p in PIPELINE.rglob("*.py") if p.name != "fields.py"),
                         ids=lambda p: str(p.relative_to(PIPELINE)))
def test_no_module_outside_the_registry_names_a_value_field(path):
    """Rules pick fields by kind, or by the role the registry names (MAIN_PHONE, FAX, WEBSITE...)."""
    assert _named_fields(path) == []


def test_the_field_guard_sees_a_name(tmp_path):
    probe = tmp_path / "rule.py"
    probe.write_text('"""Says "fax" in its docstring."""\nFIELD = "fax"\n', encoding="utf-8")
    assert _named_fields(probe) == [(2, "fax")]
