"""The command line: help, exit codes, and one clear message for bad input.

`python -m pipeline` itself, in a process of its own, is run once here (`test_help`:
the entry point and its dependency check) and by the tests of what only a process shows
(tests/hostile/test_terminal.py: a closed pipe; tests/test_atomic.py: a killed build;
tests/test_golden.py: two hash seeds). The other commands here call `pipeline.cli.main`
in this process, as `python -m pipeline` does, with its output captured: the same exit
codes and messages, without an interpreter's start-up and imports per command (about
0.7 s of CPU each on this machine, 20 commands). A command that raised would fail the
test with its traceback; one that printed "internal error" fails the message checks.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"


def run_process(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def run(capsys, monkeypatch):
    """`python -m pipeline ARGS` from the project folder, in this process: its exit
    code (argparse's own for bad usage), what it printed on stdout and on stderr."""
    def command(*args: str) -> SimpleNamespace:
        monkeypatch.chdir(ROOT)
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit:  # argparse: --help, bad usage
            code = exit.code
        out, err = capsys.readouterr()
        return SimpleNamespace(returncode=code, stdout=out, stderr=err)
    return command


def test_help_of_the_entry_point():
    r = run_process("--help")
    assert r.returncode == 0 and "usage:" in r.stdout


@pytest.mark.parametrize("command", [["extract"], ["check"]], ids=["extract", "check"])
def test_help(run, command):
    r = run(*command, "--help")
    assert r.returncode == 0 and "usage:" in r.stdout


def test_check_strict_gates_on_open_errors(run):
    assert run("check").returncode == 0
    r = run("check", "--strict")
    assert r.returncode == 1 and "open error" in r.stderr
    assert "Centers: 78 (53 primary, 25 recognized)" in r.stdout


def _folder(tmp_path: Path, files: dict[str, bytes]) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in files.items():
        (raw / name).write_bytes(data)
    return raw


BAD_INPUTS = {
    "empty file": ({"empty.txt": b""}, "empty.txt", "is empty"),
    "binary file": ({"blob.txt": bytes(range(256)) * 4}, "blob.txt", "binary"),
    "unrelated text": ({"notes.txt": b"Shopping list\n\n- eggs\n- milk\n"}, "raw", "neither a list"),
    "manifest mismatch": ({"c.txt": b"x", "manifest.json": json.dumps(
        {"files": [{"file": "c.txt", "sha256": "0" * 64}]}).encode()}, "c.txt", "has changed"),
    "file not in manifest": ({"c.txt": b"x", "manifest.json": b'{"files": []}'}, "c.txt", "not in the manifest"),
    "broken manifest": ({"c.txt": b"x", "manifest.json": b'{"files": [\n'}, "manifest.json", "line 2"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_gives_one_clear_message(run, tmp_path, case):
    files, where, needle = BAD_INPUTS[case]
    raw = _folder(tmp_path, files)
    out = tmp_path / "out"
    r = run("extract", "--raw", str(raw), "--out", str(out))
    assert r.returncode == 3, r.stderr
    assert "Traceback" not in r.stderr and r.stderr.startswith("error: ")
    assert where in r.stderr and needle in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_missing_raw_folder(run, tmp_path):
    r = run("extract", "--raw", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert r.returncode == 3 and "nowhere" in r.stderr and "Traceback" not in r.stderr


def test_bad_as_of_is_a_usage_error(run):
    r = run("extract", "--as-of", "yesterday")
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr


def test_other_folder_of_sources(run, tmp_path):
    raw = _folder(tmp_path, {"capture.txt": CAPTURE.read_bytes()})
    r = run("extract", "--raw", str(raw), "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "fusion_centers.csv").read_bytes().decode("utf-8").count("\r\n") == 79


def test_duplicate_list_entries_are_kept_and_reported(run, tmp_path):
    text = CAPTURE.read_text(encoding="utf-8").replace(
        "- Alabama Fusion Center\n", "- Alabama Fusion Center\n- Alabama Fusion Center\n", 1)
    raw = _folder(tmp_path, {"capture.txt": text.encode()})
    r = run("extract", "--raw", str(raw), "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    csv_text = (tmp_path / "out" / "fusion_centers.csv").read_bytes().decode("utf-8")
    assert csv_text.count("\r\n") == 80 and "alabama-fusion-center-2," in csv_text
    assert "DUPLICATE_LIST_ENTRY" in (tmp_path / "out" / "discrepancies.csv").read_text(encoding="utf-8")


def test_very_large_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import pipeline.sources as sources
    from pipeline.build import build
    from pipeline.errors import PipelineError
    raw = _folder(tmp_path, {"capture.txt": CAPTURE.read_bytes()})
    monkeypatch.setattr(sources, "MAX_SOURCE_BYTES", 1000)
    with pytest.raises(PipelineError) as exc:
        build(raw, tmp_path / "out")
    assert "capture.txt" in str(exc.value) and "more than" in str(exc.value) and exc.value.stage == "read"


def test_unreadable_source_is_a_clear_error(run, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file; permissions cannot make one unreadable")
    raw = _folder(tmp_path, {"capture.txt": CAPTURE.read_bytes()})
    (raw / "capture.txt").chmod(0)
    r = run("extract", "--raw", str(raw), "--out", str(tmp_path / "out"))
    assert r.returncode == 3 and "capture.txt" in r.stderr and "Traceback" not in r.stderr


def test_out_folder_that_cannot_be_written(run, tmp_path):
    raw = _folder(tmp_path, {"capture.txt": CAPTURE.read_bytes()})
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    r = run("extract", "--raw", str(raw), "--out", str(blocker / "out"))
    assert r.returncode == 3 and "Traceback" not in r.stderr and r.stderr.startswith("error: ")
