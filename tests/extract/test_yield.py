"""The yield guard: a document that shows a list or a listing but yields far
fewer entries or blocks than it shows stops the build, naming the file."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.extract import MIN_YIELD_SHARE, extract_document

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"


def _capture_with(old: str, new: str, count: int = -1) -> bytes:
    text = CAPTURE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, count).encode("utf-8")


# A listing whose first heading is marked and whose others are plain lines
# with no place line: the marked heading's block swallows the rest.
_CENTERS = "".join(f"<p>Center {n}<br>Phone: (614) 555-01{n:02d}<br>Fax: (614) 555-02{n:02d}</p>\n" for n in range(9))
FOLDED_LISTING = ("<html><body><main>\n<p><b>Alpha Center</b><br>Town, Ohio<br>Phone: (614) 555-0300</p>\n"
                  + _CENTERS + "</main></body></html>\n").encode()

MISREAD = {
    # The list's bullets written with a marker the reader does not know: 78 lines, no entries.
    "list with unknown bullets": ("list.txt", _capture_with("\n- ", "\n\u25aa ")),
    "listing folded into one block": ("listing.html", FOLDED_LISTING),
}


@pytest.mark.parametrize("case", list(MISREAD))
def test_a_misread_document_stops_with_one_line(case):
    name, data = MISREAD[case]
    with pytest.raises(PipelineError) as exc:
        extract_document(data, name, "")
    message = str(exc.value)
    assert message.startswith(f"{name}, line ") and "\n" not in message
    assert "could be read" in message


def test_the_threshold_is_fetchs_eighty_percent():
    assert MIN_YIELD_SHARE == 0.8


def test_the_real_documents_pass_the_guard(capture_bytes):
    x = extract_document(capture_bytes, CAPTURE.name, "")
    assert (len(x.list_entries), len(x.blocks)) == (78, 78)


@pytest.mark.parametrize("data", [b"<html><body><div class=", b"<!DOCTYPE html><html><body></body></html>"],
                         ids=["truncated markup", "no content"])
def test_html_with_no_content_is_a_clear_error(data):
    with pytest.raises(PipelineError) as exc:
        extract_document(data, "broken.html", "")
    assert str(exc.value).startswith("broken.html: ") and "no text" in str(exc.value)


def test_the_build_stops_with_exit_3_and_leaves_out_untouched(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CAPTURE, raw / CAPTURE.name)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "extract", "--raw", str(raw), "--out", str(out)]
    assert subprocess.run(command, cwd=ROOT, capture_output=True, timeout=120).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (raw / CAPTURE.name).write_bytes(_capture_with("\n- ", "\n\u25aa "))
    r = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 3
    assert r.stderr.count("\n") == 1 and CAPTURE.name in r.stderr and "could be read" in r.stderr
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
