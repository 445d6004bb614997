"""A build replaces out/ whole or not at all."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.build import build, failed_dir
from pipeline.errors import PipelineError

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def good_out(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "capture.txt").write_bytes(CAPTURE.read_bytes())
    out = tmp_path / "out"
    build(raw, out)
    return raw, out, _tree(out)


def test_crash_while_writing_leaves_out_intact(good_out, monkeypatch):
    raw, out, before = good_out
    real_fdopen, written = os.fdopen, []

    def failing_fdopen(fd, mode="r", *a, **k):
        if "w" in mode and len(written) == 3:
            raise OSError(28, "No space left on device")
        if "w" in mode:
            written.append(fd)
        return real_fdopen(fd, mode, *a, **k)

    monkeypatch.setattr(os, "fdopen", failing_fdopen)  # every file is written through write_file
    with pytest.raises(PipelineError, match="No space left on device") as exc:
        build(raw, out)
    assert exc.value.source == str(out)
    monkeypatch.undo()
    assert _tree(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".out.")] == [".out.lock"]


def test_bad_source_midway_leaves_out_intact_and_keeps_what_was_extracted(good_out):
    raw, out, before = good_out
    (raw / "zz_broken.txt").write_bytes(b"")  # read after the good capture
    with pytest.raises(PipelineError) as exc:
        build(raw, out)
    assert exc.value.stage == "extract" and "zz_broken.txt" in str(exc.value)
    assert _tree(out) == before
    kept = failed_dir(out) / "stages" / "1_contact_blocks.jsonl"
    assert kept.read_text(encoding="utf-8").count("\n") == 78


def test_killed_build_leaves_out_intact(good_out):
    """SIGKILL a build in a subprocess while it writes; out/ must be untouched."""
    raw, out, before = good_out
    script = (
        "import sys, time, pipeline.files as e\n"
        "real = e.os.fsync\n"
        "def slow(fd):\n"
        "    real(fd); print('writing', flush=True); time.sleep(30)\n"
        "e.os.fsync = slow\n"
        "from pipeline.cli import main\n"
        f"sys.exit(main(['extract', '--raw', {str(raw)!r}, '--out', {str(out)!r}]))\n")
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert _tree(out) == before


def test_a_good_build_clears_an_earlier_failure(good_out):
    raw, out, _ = good_out
    (raw / "zz_broken.txt").write_bytes(b"")
    with pytest.raises(PipelineError):
        build(raw, out)
    assert failed_dir(out).exists()
    (raw / "zz_broken.txt").unlink()
    build(raw, out)
    assert not failed_dir(out).exists()
