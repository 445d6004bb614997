"""Attacks through what people read, issue 18: the terminal and the reports.
A closed pipe ends quietly with the command's own code; a name carrying
markup or terminal escapes reaches report.md as text, not as markup.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from pipeline.build import build
from tests.hostile.attack import ROOT, make_raw

RAW = ROOT / "raw"  # the committed capture: one open error (check --strict exits 1)


def _closed_pipe(*args: str) -> tuple[int, str]:
    """Run the CLI with its standard output a pipe closed before it writes."""
    p = subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    p.stdout.close()  # as `| head -1` does once it has its line
    err = p.stderr.read().decode("utf-8")
    p.stderr.close()
    return p.wait(timeout=60), err


@pytest.mark.parametrize("args, code", [
    (["check", "--strict"], 1),
    (["check"], 0),
], ids=["strict-with-an-open-error", "plain"])
def test_closed_pipe_ends_quietly_with_the_commands_own_code(args, code):
    status, err = _closed_pipe(*args, "--raw", str(RAW))
    assert status == code
    assert "Broken pipe" not in err and "error:" not in err


EVIL = "~~Evil~~ <img src=x onerror=alert(1)> [c](javascript:alert(1)) \x1b[2J Center"


def test_markup_in_a_list_name_reaches_report_md_as_text(tmp_path):
    raw = make_raw(tmp_path / "raw", edit=("- Alabama Fusion Center\n", f"- Alabama Fusion Center\n- {EVIL}\n"))
    build(raw, tmp_path / "out")
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "Evil" in md  # the entry is reported (a list entry without a block)
    assert "\x1b" not in md  # not even in a code block: `cat report.md` would run it
    # Outside code blocks (which show their text as it is) no markup survives.
    prose = "\n".join(part for i, part in enumerate(md.split("```")) if i % 2 == 0)
    for raw_markup in (r"<img", r"(?<!\\)\]\(javascript:", r"(?<!\\)~(?<!\\)~Evil"):
        assert not re.search(raw_markup, prose), raw_markup
