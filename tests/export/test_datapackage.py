"""The data products other systems validate against: datapackage.json (checked
with frictionless, through its Python API and its CLI) and the JSON Schema of
fusion_centers.json (checked with jsonschema), each on a real build and on a
corrupted copy that must fail."""
from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import frictionless
import jsonschema
import pytest

import pipeline
from pipeline.build import build
from pipeline.export.datapackage import datapackage_json, raw_files_of
from pipeline.export.tables import VALIDATED_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "raw"
CAPTURE = "dhs_fusion_centers_capture.txt"
REGISTRY_FILES = ["reference/dotgov/LICENSE", "reference/dotgov/SOURCE.md", "reference/dotgov/current-full.csv"]
SCHEMA = ROOT / "schema" / "fusion_centers.schema.json"
FRICTIONLESS_CLI = Path(sys.executable).with_name("frictionless")
TABLES = ("fusion_centers.csv", "discrepancies.csv", "sources.csv")


def rendered(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def package_of(files: dict[str, bytes], b) -> bytes:
    return datapackage_json(files, raw_files_of(b.dataset.documents, b.dataset.inputs), pipeline.__version__,
                            documents=b.dataset.documents, as_of=b.as_of, inputs=b.dataset.inputs)


def add_datapackage(out: Path, b) -> Path:
    path = out / "datapackage.json"
    files = {k: v for k, v in rendered(out).items() if k != "datapackage.json"}
    path.write_bytes(package_of(files, b))
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A build of raw/ (with the datapackage.json the build wrote) and its Build."""
    out = tmp_path_factory.mktemp("build") / "out"
    return out, build(RAW, out)


@pytest.fixture(scope="module")
def package(built) -> dict:
    out, _ = built
    return json.loads((out / "datapackage.json").read_text(encoding="utf-8"))


def errors_of(report: frictionless.Report) -> set[tuple]:
    return {tuple(e) for e in report.flatten(["rowNumber", "fieldName", "type"])}


def rewrite_csv(path: Path, edit) -> None:
    """Rewrite a CSV of the build (RFC 4180, CRLF) after `edit(rows)`."""
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))
    edit(rows)
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def row_of(rows: list[list[str]], center_id: str) -> int:
    """Index in `rows` (0 is the header) of a center's row."""
    return next(i for i, r in enumerate(rows) if r[0] == center_id)


def set_cell(file: str, center_id: str, column: str, value: str):
    def edit(rows):
        rows[row_of(rows, center_id)][rows[0].index(column)] = value
    return file, edit


def copy_row(file: str, center_id: str):
    def edit(rows):
        rows.append(list(rows[row_of(rows, center_id)]))
    return file, edit


def set_finding_center(center_id: str):
    def edit(rows):
        rows[1][rows[0].index("center_id")] = center_id
    return "discrepancies.csv", edit


# Alabama Fusion Center is the first center by id; its phone is line 109 of
# the capture, "Phone: (334) 517-2660".
CORRUPTIONS = [
    pytest.param(*set_cell("fusion_centers.csv", "alabama-fusion-center", "phone", "(334) 517-2660"),
                 ("fusion_centers", "phone", "constraint-error"), id="phone-as-written-not-e164"),
    pytest.param(*set_cell("fusion_centers.csv", "alabama-fusion-center", "fax", "334-517-2746 x12"),
                 ("fusion_centers", "fax", "constraint-error"), id="fax-with-extension"),
    pytest.param(*set_cell("fusion_centers.csv", "alabama-fusion-center", "toll_free", "134-517-2746"),
                 ("fusion_centers", "toll_free", "constraint-error"), id="area-code-starting-with-1"),
    pytest.param(*set_cell("fusion_centers.csv", "alabama-fusion-center", "phone", "+13345172660"),
                 ("fusion_centers", "phone", "constraint-error"), id="phone-in-e164-where-csv-has-dashes"),
    pytest.param(*set_cell("fusion_centers.csv", "alabama-fusion-center", "designation", "primery"),
                 ("fusion_centers", "designation", "constraint-error"), id="designation-bogus"),
    pytest.param(*set_cell("fusion_centers.csv", "alabama-fusion-center", "state", "Alabama"),
                 ("fusion_centers", "state", "constraint-error"), id="state-not-usps-code"),
    pytest.param(*set_cell("fusion_centers.csv", "alabama-fusion-center", "website", "fusion.alabama.gov"),
                 ("fusion_centers", "website", "type-error"), id="website-not-a-uri"),
    pytest.param(*set_cell("fusion_centers.csv", "alabama-fusion-center", "website", "ftp://fusion.alabama.gov"),
                 ("fusion_centers", "website", "constraint-error"), id="website-not-http"),
    pytest.param(*set_cell("fusion_centers.csv", "alabama-fusion-center", "source_line", "one hundred five"),
                 ("fusion_centers", "source_line", "type-error"), id="source-line-not-integer"),
    pytest.param(*set_cell("fusion_centers.csv", "alabama-fusion-center", "id", ""),
                 ("fusion_centers", "id", "constraint-error"), id="id-empty"),
    pytest.param(*copy_row("fusion_centers.csv", "alabama-fusion-center"),
                 ("fusion_centers", None, "primary-key"), id="id-twice"),
    pytest.param(*set_finding_center("no-such-center"),
                 ("discrepancies", None, "foreign-key"), id="finding-of-unknown-center"),
]


@pytest.fixture
def corrupt(built, tmp_path):
    """A copy of the build with one table edited and its datapackage.json
    rewritten for the new bytes, so only the edit itself can fail."""
    out, b = built

    def make(file: str, edit) -> Path:
        copy_dir = tmp_path / "out"
        shutil.copytree(out, copy_dir)
        rewrite_csv(copy_dir / file, edit)
        return add_datapackage(copy_dir, b)
    return make


# --- the package describes the build ---

def test_the_build_is_valid_through_the_python_api(built):
    out, _ = built
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, errors_of(report)
    assert [t.name for t in report.tasks] == ["fusion_centers", "discrepancies", "sources"]


def test_the_build_is_valid_through_the_cli(built):
    out, _ = built
    done = subprocess.run([str(FRICTIONLESS_CLI), "validate", str(out / "datapackage.json")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("file", TABLES)
def test_the_package_describes_the_header_of_each_csv(built, package, file):
    # The header the CSV writer wrote, read back, is the package's field list.
    out, _ = built
    header = next(csv.reader(io.StringIO((out / file).read_text(encoding="utf-8"), newline="")))
    resource = next(r for r in package["resources"] if r["path"] == file)
    assert [f["name"] for f in resource["schema"]["fields"]] == header
    assert all(f["description"] for f in resource["schema"]["fields"])


@pytest.mark.parametrize("file", TABLES)
def test_each_resource_carries_the_sha256_and_size_of_its_file(built, package, file):
    out, _ = built
    data = (out / file).read_bytes()
    resource = next(r for r in package["resources"] if r["path"] == file)
    assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    assert resource["bytes"] == len(data)


def test_the_package_dates_itself_by_the_retrieval_date_never_the_clock(package):
    # raw/manifest.json: the capture was retrieved on 2026-11-24.
    assert package["created"] == "2026-11-24T00:00:00Z"
    # Every input, whatever its role, is covered: the capture, the .gov registry's three files and
    # the id register.
    inputs = sorted([CAPTURE, *REGISTRY_FILES, "register/ids.csv"])
    digests = {name: hashlib.sha256((RAW / name).read_bytes()).hexdigest() for name in inputs}
    raw_hash = hashlib.sha256("".join(f"{n}\0{digests[n]}\n" for n in inputs).encode()).hexdigest()
    assert package["version"] == f"2026.11.24+raw.{raw_hash[:8]}"


def test_every_source_has_a_title_that_is_not_its_address(package):
    # The capture's four pages (each ends with its address line): three DHS
    # pages with their titles, and the association's listing, which has none.
    assert package["sources"][:4] == [
        {"title": "Fusion Center Locations and Contact Information",
         "path": "http://www.dhs.gov/fusion-center-locations-and-contact-information"},
        {"title": "National Fusion Center Association: fusion center contact listing",
         "path": "https://nfcausa.org/default.aspx/MenuItemID/117/MenuGroup/Public+Home.htm"},
        {"title": "State and Major Urban Area Fusion Centers",
         "path": "http://www.dhs.gov/state-and-major-urban-area-fusion-centers"},
        {"title": "National Network of Fusion Centers Fact Sheet",
         "path": "http://www.dhs.gov/national-network-fusion-centers-fact-sheet"},
    ]


def test_the_registry_is_a_source_with_its_provenance_and_licence(package):
    """The .gov registry is reference data, not a page: it is a source with its role, file, sha256, address,
    date of the copy and licence (raw/manifest.json, raw/reference/dotgov/SOURCE.md)."""
    registry = next(s for s in package["sources"] if s.get("raw_file") == "reference/dotgov/current-full.csv")
    assert registry == {
        "title": "The .gov registry: every registered .gov domain with its organization, type, city and state "
                 "(CISA, current-full.csv)",
        "role": "reference", "raw_file": "reference/dotgov/current-full.csv",
        "sha256": hashlib.sha256((RAW / "reference/dotgov/current-full.csv").read_bytes()).hexdigest(),
        "path": "https://raw.githubusercontent.com/cisagov/dotgov-data/main/current-full.csv",
        "retrieved": "2026-08-22", "license": "CC0-1.0"}
    assert [s.get("role") for s in package["sources"]].count("reference") == len(REGISTRY_FILES)


def test_the_licenses_describe_the_data_of_each_publisher(package):
    dhs, association, registry = package["licenses"]
    assert dhs["name"] == "other-pd" and "17 U.S.C. § 105" in dhs["title"]
    assert "name" not in association  # no licence to name
    assert "publishes no licence or terms of use" in association["title"]
    # the .gov registry: CC0 1.0 (raw/reference/dotgov/LICENSE)
    assert registry["name"] == "CC0-1.0" and registry["path"].startswith("https://creativecommons.org/publicdomain/zero")


def test_the_code_is_mit_licensed_as_pyproject_says():
    root = RAW.parent
    assert (root / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert 'license = { text = "MIT" }' in (root / "pyproject.toml").read_text(encoding="utf-8")


def test_the_build_property_names_the_raw_file_and_version(package):
    files = sorted([CAPTURE, *REGISTRY_FILES, "register/ids.csv"])
    assert package["build"] == {"pipeline_version": pipeline.__version__, "raw_files": [
        {"name": name, "sha256": hashlib.sha256((RAW / name).read_bytes()).hexdigest()} for name in files]}


@pytest.mark.parametrize("column, kind", [
    ("source_line", "integer"), ("match_score", "number"), ("id", "string"), ("phone", "string"),
], ids=lambda v: str(v))
def test_center_column_types(package, column, kind):
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert fields[column]["type"] == kind


@pytest.mark.parametrize("column", sorted(VALIDATED_COLUMNS))
def test_every_unneutralized_phone_column_has_the_csv_phone_pattern(package, column):
    # tables.to_csv never puts an apostrophe before these cells, so the
    # pattern is what keeps a formula out: three digits first, never + = - @.
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    assert fields[column]["constraints"]["pattern"] == r"[2-9][0-9]{2}-[0-9]{3}-[0-9]{4}"
    assert "E.164" in fields[column]["description"] and "334-517-2660" in fields[column]["description"]


def test_dataset_level_findings_have_an_empty_center_id_under_the_foreign_key(built, package):
    # The capture's three dated pages (lines 1, 778 and 822) are all older than
    # the retrieval date, so findings about the whole dataset exist, with "".
    out, _ = built
    rows = list(csv.DictReader(io.StringIO((out / "discrepancies.csv").read_text(encoding="utf-8"), newline="")))
    assert any(r["center_id"] == "" for r in rows)
    assert package["resources"][1]["schema"]["foreignKeys"] == [
        {"fields": ["center_id"], "reference": {"resource": "fusion_centers", "fields": ["id"]}}]


def test_rendering_twice_gives_the_same_bytes(built):
    out, b = built
    files = {k: v for k, v in rendered(out).items() if k != "datapackage.json"}
    first = package_of(files, b)
    assert first == (out / "datapackage.json").read_bytes()
    assert package_of(dict(reversed(files.items())), b) == first


def test_a_missing_table_is_refused():
    with pytest.raises(ValueError, match="sources.csv"):
        datapackage_json({"fusion_centers.csv": b"", "discrepancies.csv": b""}, [], "0.1.0", documents=(),
                         as_of=date(2026, 11, 24))


# --- corrupted copies fail ---

@pytest.mark.parametrize("file, edit, expected", CORRUPTIONS)
def test_a_corrupted_copy_fails_validation(corrupt, file, edit, expected):
    report = frictionless.validate(corrupt(file, edit))
    assert not report.valid
    found = {(task.name, field, kind) for task in report.tasks
             for _, field, kind in task.flatten(["rowNumber", "fieldName", "type"])}
    assert expected in found


def test_a_corrupted_copy_fails_through_the_cli(corrupt):
    path = corrupt(*set_cell("fusion_centers.csv", "alabama-fusion-center", "phone", "(334) 517-2660"))
    done = subprocess.run([str(FRICTIONLESS_CLI), "validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 1
    assert "(334) 517-2660" in done.stdout


def test_a_table_changed_after_the_package_was_written_fails_on_its_hash(built, tmp_path):
    out, _ = built
    copy_dir = tmp_path / "out"
    shutil.copytree(out, copy_dir)
    rewrite_csv(copy_dir / "sources.csv", lambda rows: rows[1].__setitem__(1, "Retitled"))
    report = frictionless.validate(copy_dir / "datapackage.json")
    assert {kind for _, _, kind in errors_of(report)} == {"hash-count", "byte-count"}


# --- the JSON Schema of fusion_centers.json ---

@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def centers_json(built) -> list[dict]:
    out, _ = built
    return json.loads((out / "fusion_centers.json").read_text(encoding="utf-8"))


def test_the_schema_declares_draft_2020_12():
    assert json.loads(SCHEMA.read_text())["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_requires_every_csv_column_and_provenance(built):
    out, _ = built
    header = next(csv.reader(io.StringIO((out / "fusion_centers.csv").read_text(encoding="utf-8"), newline="")))
    center = json.loads(SCHEMA.read_text())["$defs"]["center"]
    assert center["required"] == [*header, "provenance"]


def test_the_build_matches_the_schema(validator, centers_json):
    # 78 centers: 53 primary and 25 recognized bullets in the capture's list.
    assert len(centers_json) == 78
    assert [e.message for e in validator.iter_errors(centers_json)] == []


def _without_id(records):
    del records[0]["id"]


def _set(field, value):
    def edit(records):
        records[0][field] = value
    return edit


def _set_provenance(field, key, value):
    def edit(records):
        records[0]["provenance"][field][key] = value
    return edit


@pytest.mark.parametrize("edit, where", [
    pytest.param(_without_id, "$[0]", id="id-missing"),
    pytest.param(_set("phone", "(334) 517-2660"), "$[0].phone", id="phone-as-written"),
    pytest.param(_set("phone", "+1334517266"), "$[0].phone", id="phone-nine-digits"),
    pytest.param(_set("designation", "primery"), "$[0].designation", id="designation-bogus"),
    pytest.param(_set("state", "Alabama"), "$[0].state", id="state-name"),
    pytest.param(_set("state", "XX"), "$[0].state", id="state-not-a-usps-code"),
    pytest.param(_set("state", ""), "$[0].state", id="state-empty-not-null"),
    pytest.param(_set("zip", 4333), "$[0].zip", id="zip-as-number"),
    pytest.param(_set("zip", "4333"), "$[0].zip", id="zip-without-leading-zero"),
    pytest.param(_set("fixes_applied", "PHONE_LABELS_SWAPPED"), "$[0].fixes_applied", id="fixes-as-string"),
    pytest.param(_set("source_line", "105"), "$[0].source_line", id="source-line-as-string"),
    pytest.param(_set("website", "javascript:alert(1)"), "$[0].website", id="website-unsafe-scheme"),
    pytest.param(_set("nickname", "AFC"), "$[0]", id="unknown-column"),
    pytest.param(_set_provenance("phone", "line", "109"), "$[0].provenance.phone.line", id="provenance-line-string"),
    pytest.param(_set_provenance("phone", "phone_type", "mobile"), "$[0].provenance.phone.phone_type",
                 id="provenance-type"),
])
def test_a_bad_record_fails_the_schema(validator, centers_json, edit, where):
    records = copy.deepcopy(centers_json)
    edit(records)
    assert where in {e.json_path for e in validator.iter_errors(records)}
