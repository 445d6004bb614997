"""Second round of attacks, by an outsider: each test is a failure found by
trying the worst input on a path in or out, marked xfail (strict) until the
pipeline is fixed. Each runs the CLI in this process against copies in tmp_path."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "out"


def one_line_refusal(capsys, code: int, name: str) -> None:
    """The command failed with a one-line error naming the file, not a crash."""
    err = capsys.readouterr().err.strip()
    assert code not in (0, 70), err
    assert "internal error" not in err and "Traceback" not in err, err
    assert len(err.splitlines()) == 1 and name in err, err


@pytest.mark.xfail(strict=True, reason="diff: a row with fewer cells than the header (a short row, or an open quote "
                   "swallowing the rest of the file) crashes with 'internal error (AttributeError ... strip)', exit 70")
@pytest.mark.parametrize("edit", ["short_row", "open_quote"])
def test_diff_short_row_refused_in_one_line(tmp_path, capsys, edit):
    text = (OUT / "fusion_centers.csv").read_text(encoding="utf-8")
    old = "Alabama Fusion Center,primary,"
    assert text.count(old) == 1
    new = "Alabama Fusion Center," if edit == "short_row" else '"Alabama Fusion Center,primary,'
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace(old, new), encoding="utf-8")
    code = main(["diff", str(OUT / "fusion_centers.csv"), str(bad)])
    one_line_refusal(capsys, code, "bad.csv")
