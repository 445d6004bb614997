"""Inputs that are no documents: each manifest entry's role, the role folders
of a raw folder without a manifest, and the .gov registry read as reference
data. Only documents go to the readers; every input is listed with its
sha256 and covered by the data version."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from pipeline.build import run
from pipeline.cli import main
from pipeline.dotgov import DOTGOV_FILE, read_dotgov, registered_domain
from pipeline.errors import PipelineError
from pipeline.sources import Role, load_manifest, read_raw_folder, role_of_path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
CAPTURE = RAW / "dhs_fusion_centers_capture.txt"
REGISTRY = RAW / DOTGOV_FILE


def bare_folder(tmp_path: Path, *, registry: bytes | None = None) -> Path:
    """A raw folder without a manifest: the capture, and the registry in its role folder."""
    raw = tmp_path / "raw"
    raw.mkdir(parents=True)
    shutil.copy(CAPTURE, raw / CAPTURE.name)
    target = raw / DOTGOV_FILE
    target.parent.mkdir(parents=True)
    target.write_bytes(REGISTRY.read_bytes() if registry is None else registry)
    return raw


@pytest.mark.parametrize("name, role", [
    ("dhs_fusion_centers_capture.txt", Role.DOCUMENT),
    ("snapshots/2026-11-24/www.dhs.gov_list.html", Role.DOCUMENT),
    ("reference/dotgov/current-full.csv", Role.REFERENCE),
    ("register/ids.csv", Role.REGISTER),
    ("verification/2026-11-30.csv", Role.VERIFICATION),
    ("references.csv", Role.DOCUMENT),  # a file named like a folder is no folder
])
def test_the_folder_gives_the_role(name, role):
    assert role_of_path(name) is role


def test_the_committed_manifest_gives_every_input_a_role():
    manifest = load_manifest(RAW)
    roles = {e.file: e.role for e in manifest.entries}
    assert roles[CAPTURE.name] is Role.DOCUMENT
    assert roles[DOTGOV_FILE] is Role.REFERENCE
    assert all(role is not None for role in roles.values())
    # fetch downloads documents only: the registry's address is refreshed apart
    assert not any("dotgov" in a for a in manifest.addresses())


def test_only_documents_go_to_the_readers(tmp_path):
    """A copy of the capture under raw/reference/ is reference data: read by no reader, so no
    center comes out twice, yet it is listed with its sha256."""
    raw = bare_folder(tmp_path)
    shutil.copy(CAPTURE, raw / "reference" / "copy.txt")
    files = read_raw_folder(raw)
    assert {f.name: f.role for f in files} == {
        CAPTURE.name: Role.DOCUMENT, "reference/copy.txt": Role.REFERENCE, DOTGOV_FILE: Role.REFERENCE}
    b = run(raw)
    assert len(b.dataset.centers) == 78
    assert {x.documents[0].source for x in b.extractions} == {CAPTURE.name}
    assert [i.file for i in b.dataset.inputs] == ["reference/copy.txt", DOTGOV_FILE]
    assert not [f for f in b.findings if f.code == "SOURCES_DISAGREE"]


def test_a_folder_of_reference_data_alone_holds_no_documents(tmp_path):
    raw = bare_folder(tmp_path)
    (raw / CAPTURE.name).unlink()
    with pytest.raises(PipelineError, match="holds no source documents"):
        read_raw_folder(raw)


def test_every_input_is_in_the_sources_and_the_data_version(tmp_path):
    raw = bare_folder(tmp_path)
    out = tmp_path / "out"
    assert main(["extract", "--raw", str(raw), "--out", str(out), "--as-of", "2026-11-24"]) == 0
    rows = list(csv.DictReader(io.StringIO((out / "sources.csv").read_text(encoding="utf-8"))))
    registry_row = next(r for r in rows if r["raw_file"] == DOTGOV_FILE)
    assert registry_row["role"] == "reference" and registry_row["kind"] == ""
    import hashlib
    assert registry_row["sha256"] == hashlib.sha256(REGISTRY.read_bytes()).hexdigest()
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert {"name": DOTGOV_FILE, "sha256": registry_row["sha256"]} in package["build"]["raw_files"]
    assert any(s.get("raw_file") == DOTGOV_FILE for s in package["sources"])
    version = package["version"]
    # one changed row of the registry: a new data version, the same centers
    changed = REGISTRY.read_bytes().replace(b"ct.gov,State or territory", b"ct.gov,State or territory ", 1)
    raw2 = bare_folder(tmp_path / "2", registry=changed)
    out2 = tmp_path / "out2"
    assert main(["extract", "--raw", str(raw2), "--out", str(out2), "--as-of", "2026-11-24"]) == 0
    assert json.loads((out2 / "datapackage.json").read_text(encoding="utf-8"))["version"] != version
    assert (out2 / "fusion_centers.csv").read_bytes() == (out / "fusion_centers.csv").read_bytes()


def test_the_committed_package_names_the_registry_its_source_and_licence():
    package = json.loads((ROOT / "out" / "datapackage.json").read_text(encoding="utf-8"))
    source = next(s for s in package["sources"] if s.get("raw_file") == DOTGOV_FILE)
    assert source["path"].startswith("https://raw.githubusercontent.com/cisagov/dotgov-data/")
    assert source["license"] == "CC0-1.0" and source["retrieved"] == "2026-08-22"
    assert any(lic.get("name") == "CC0-1.0" for lic in package["licenses"])


@pytest.mark.parametrize("entry_role, words", [
    ("documents", ["role", "'documents'", "document, reference, register, verification"]),
    (7, ["role", "7"]),
])
def test_a_manifest_role_that_is_none_is_one_line(tmp_path, capsys, entry_role, words):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CAPTURE, raw / CAPTURE.name)
    import hashlib
    entry = {"file": CAPTURE.name, "role": entry_role, "sha256": hashlib.sha256(CAPTURE.read_bytes()).hexdigest()}
    (raw / "manifest.json").write_text(json.dumps({"files": [entry]}), encoding="utf-8")
    assert main(["check", "--raw", str(raw)]) == 3
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and str(raw / "manifest.json") in err
    for word in words:
        assert word.strip("'") in err


@pytest.mark.parametrize("data, words", [
    (b"domain,type\nct.gov,State\n", ["header row of the .gov registry", "Domain name", "line 1"]),
    (b"Domain name,Domain type,Organization name,Suborganization name,City,State\nct.gov,State\n",
     ["row of 2 cells", "line 2"]),
    (b"\xff\xfe\x00D", ["not UTF-8"]),
], ids=["no-header", "short-row", "not-utf8"])
def test_a_registry_that_is_not_one_stops_the_build_in_one_line(tmp_path, capsys, data, words):
    raw = bare_folder(tmp_path, registry=data)
    out = tmp_path / "out"
    assert main(["extract", "--raw", str(raw), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and DOTGOV_FILE in err, err
    for word in words:
        assert word in err
    assert not out.exists()


@pytest.mark.parametrize("host, domain, state, federal", [
    ("www.ct.gov", "ct.gov", "CT", False),
    ("CT.GOV.", "ct.gov", "CT", False),
    ("www.michigan.gov", "michigan.gov", "MI", False),
    ("city.milwaukee.gov", "milwaukee.gov", "WI", False),
    ("leo.gov", "leo.gov", "", True),  # Department of Justice, FBI: places no center
    ("va.gov", "va.gov", "", True),  # Veterans Affairs, not Virginia
])
def test_the_registry_is_read_by_registered_domain(host, domain, state, federal):
    registry = read_dotgov(REGISTRY.read_bytes(), DOTGOV_FILE)
    found = registry.lookup(host)
    assert found is not None and found.domain == domain
    assert (found.place_state, found.federal) == (state, federal)


def test_the_registry_knows_every_row_and_no_other_host():
    registry = read_dotgov(REGISTRY.read_bytes(), DOTGOV_FILE)
    rows = REGISTRY.read_text(encoding="utf-8").splitlines()
    assert len(registry.registrants) == len(rows) - 1 == 16_539  # SOURCE.md: 16,539 domains
    assert registry.lookup("nysic.ny.gov").organization == "State of New York"
    assert registry.lookup("state.nm.us") is None and registry.lookup("example.org") is None
    assert registered_domain("gov") == ""
