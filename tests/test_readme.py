"""The README says what the code does: its code table, commands and columns."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.codes import CODES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_code_table_matches_the_registry():
    rows = re.findall(r"^\| `([A-Z_]+)` \| (error|warning|info) \| (.+?) \| (.+?) \|$", README, re.M)
    assert [r[0] for r in rows] == list(CODES)
    for code, severity, title, action in rows:
        assert (severity, title, action) == (CODES[code].severity, CODES[code].title, CODES[code].action), code


def test_setup_commands_and_ci_agree():
    assert "make extract" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(set(re.findall(r"^\| `(extract|check|diff|fetch|verify) ", README, re.M))))
def test_documented_commands_have_help(command):
    r = subprocess.run([sys.executable, "-m", "pipeline", command, "--help"], cwd=ROOT, capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0 and f"pipeline {command}" in r.stdout
