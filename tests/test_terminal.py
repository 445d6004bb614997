"""Terminal output never passes on control characters from the sources.

A name, file name or address can hold escape sequences (clear the screen,
set the window title, hide text); every command prints them made visible,
as `\\x1b`, in its output and in its error messages.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x9b31m"
SHOWN = "\\x1b[2J\\x1b]0;owned\\x07\\x9b31m"


def printed(capsys, argv: list[str]) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def assert_visible(text: str) -> None:
    assert SHOWN in text
    assert not any(ch in text for ch in "\x1b\x07\x9b")


def test_diff_shows_escapes_in_values(tmp_path, capsys):
    head = "id,name,phone,source_line\r\n"
    (tmp_path / "old.csv").write_text(head + "x,Plain,,5\r\n", encoding="utf-8")
    (tmp_path / "new.csv").write_text(head + f"x,Evil{ESCAPES},,5\r\ny,New{ESCAPES},,6\r\n", encoding="utf-8")
    code, text = printed(capsys, ["diff", str(tmp_path / "old.csv"), str(tmp_path / "new.csv")])
    assert code == 0
    assert_visible(text)
    assert "Plain -> Evil" in text  # a name change is told as a rename


@pytest.mark.parametrize("command", ["check", "extract"])
def test_error_messages_show_escapes_in_file_names(tmp_path, capsys, command):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / f"page{ESCAPES}.txt").write_bytes(b"")
    extra = ["--out", str(tmp_path / "out")] if command == "extract" else []
    code, text = printed(capsys, [command, "--raw", str(raw), *extra])
    assert code == 3 and "is empty" in text
    assert_visible(text)


def test_fetch_shows_escapes_in_addresses(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CAPTURE, raw / CAPTURE.name)
    manifest = {"files": [{"file": CAPTURE.name, "sha256": hashlib.sha256(CAPTURE.read_bytes()).hexdigest(),
                           "url": f"http://127.0.0.1:9/{ESCAPES}"}]}
    (raw / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    code, text = printed(capsys, ["fetch", "--raw", str(raw), "--rejected", str(tmp_path / "rejected"),
                                  "--date", "2026-12-01", "--retries", "0", "--timeout", "5"])
    assert code in (1, 3)
    assert_visible(text)
