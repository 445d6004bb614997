"""A manifest that cannot be right gives one clear line naming the manifest
and what is wrong with it, never an internal error."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
SHA256 = hashlib.sha256(CAPTURE.read_bytes()).hexdigest()


def capture_entry(**changes) -> dict:
    return {"file": CAPTURE.name, "sha256": SHA256, "form": "text", "retrieved": "2026-11-24", **changes}


BAD_MANIFESTS = [
    pytest.param(json.dumps({"files": [capture_entry(retrieved="yesterday")]}),
                 ["retrieved", "'yesterday'", "YYYY-MM-DD"], id="retrieved-yesterday"),
    pytest.param('{"files": ' + "[" * 100_000 + "]" * 100_000 + "}", ["nested"], id="deeply-nested"),
    pytest.param(json.dumps({"files": [capture_entry(), capture_entry(file="/etc/hostname")]}),
                 ["'/etc/hostname'", "inside the raw folder"], id="absolute-path"),
    pytest.param(json.dumps({"files": [capture_entry(), capture_entry(file="../elsewhere.txt")]}),
                 ["'../elsewhere.txt'", "inside the raw folder"], id="path-out-of-the-folder"),
]


@pytest.mark.parametrize("manifest, words", BAD_MANIFESTS)
@pytest.mark.parametrize("command", ["extract", "check"])
def test_a_bad_manifest_is_one_clear_line(tmp_path, capsys, command, manifest, words):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CAPTURE, raw / CAPTURE.name)
    (raw / "manifest.json").write_text(manifest, encoding="utf-8")
    extra = ["--out", str(tmp_path / "out")] if command == "extract" else []
    code = main([command, "--raw", str(raw), *extra])
    err = capsys.readouterr().err
    assert code == 3 and err.startswith("error: ") and len(err.strip().splitlines()) == 1, err
    assert str(raw / "manifest.json") in err
    for word in words:
        assert word in err


@pytest.mark.parametrize("retrieved", ["0001-01-01", "1999-12-31"])
def test_a_retrieval_date_before_any_list_is_refused_in_one_line(tmp_path, capsys, retrieved):
    """0001-01-01 once reached the report's age strip and ended in an internal error (year 0)."""
    root = Path(__file__).resolve().parent.parent
    raw = tmp_path / "raw"
    shutil.copytree(root / "raw", raw)
    manifest = json.loads((raw / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"][0]["retrieved"] = retrieved
    (raw / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    code = main(["extract", "--raw", str(raw), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "manifest.json" in err and retrieved in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
