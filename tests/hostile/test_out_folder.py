"""Attacks through the out folder, its failed twin and its lock, issue 18.

What a build removes or promotes must be its own; what it says about the out
folder must be true and one line.
"""
from __future__ import annotations

import shutil

import pytest

from pipeline import cli
from pipeline.cli import main
from pipeline.files import MARKER, MARKER_TEXT
from tests.hostile.attack import CAPTURE, fifo, make_raw, no_hang, one_line


def _empty_raw(folder):
    """A raw folder that fails the build at once (no documents)."""
    folder.mkdir(parents=True)
    return folder


def test_glob_characters_in_out_spare_another_builds_temporaries(tmp_path, capsys):
    out = tmp_path / "out[1]"
    theirs = tmp_path / ".out1.new-abc123"  # the temporary folder of a build of out1, running now
    theirs.mkdir()
    (theirs / "fusion_centers.csv").write_text("id\n", encoding="utf-8")
    main(["extract", "--raw", str(_empty_raw(tmp_path / "raw")), "--out", str(out)])
    capsys.readouterr()
    assert (theirs / "fusion_centers.csv").is_file()


def test_failing_build_never_removes_a_raw_folder_named_like_its_leftovers(tmp_path, capsys):
    raw = tmp_path / "out.failed"
    raw.mkdir()
    (raw / MARKER).write_bytes(MARKER_TEXT)  # as if an earlier failed build had left it
    (raw / "notes.txt").write_text("a reviewer's notes: no centers here\n", encoding="utf-8")
    code = main(["extract", "--raw", str(raw), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 3 and one_line(err)
    assert (raw / "notes.txt").read_text(encoding="utf-8").startswith("a reviewer's notes")


def test_planted_old_folder_is_never_promoted(tmp_path, capsys):
    out = tmp_path / "out"
    planted = tmp_path / ".out.old-abc123"
    planted.mkdir()
    (planted / "fusion_centers.csv").write_text("id,name\nevil,Planted Center\n", encoding="utf-8")
    main(["extract", "--raw", str(_empty_raw(tmp_path / "raw")), "--out", str(out)])
    capsys.readouterr()
    assert not out.exists()


def test_out_whose_parent_is_a_file_is_named(tmp_path, capsys):
    (tmp_path / "file.txt").write_text("a user's file\n", encoding="utf-8")
    code = main(["extract", "--raw", str(make_raw(tmp_path / "raw")), "--out", str(tmp_path / "file.txt" / "out")])
    err = capsys.readouterr().err
    assert code == 3 and one_line(err) and "file.txt" in err and "not a folder" in err
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "a user's file\n"


def test_out_name_with_a_newline_is_shown_on_one_line(tmp_path, capsys):
    out = tmp_path / "new\nline"
    code = main(["extract", "--raw", str(make_raw(tmp_path / "raw")), "--out", str(out)])
    said = capsys.readouterr().out
    assert code == 0 and one_line(said) and "new\\nline" in said


def test_lock_that_is_a_folder_is_named(tmp_path, capsys):
    (tmp_path / ".out.lock").mkdir()
    code = main(["extract", "--raw", str(make_raw(tmp_path / "raw")), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 3 and one_line(err) and ".out.lock" in err and "regular file" in err
    assert not (tmp_path / "out").exists()


def test_lock_that_is_a_fifo_is_refused_without_blocking(tmp_path, capsys):
    fifo(tmp_path / ".out.lock")
    with no_hang():
        code = main(["extract", "--raw", str(_empty_raw(tmp_path / "raw")), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 3 and one_line(err) and ".out.lock" in err and "regular file" in err


def test_interrupt_right_after_wrote_says_out_is_the_new_build(tmp_path, capsys, monkeypatch):
    shown = cli.say

    def say_then_interrupt(text="", **kwargs):
        shown(text, **kwargs)
        if text.startswith("Wrote"):
            raise KeyboardInterrupt

    monkeypatch.setattr(cli, "say", say_then_interrupt)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CAPTURE, raw / CAPTURE.name)
    code = main(["extract", "--raw", str(raw), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 130 and one_line(err) and "new build" in err
    assert (tmp_path / "out" / "fusion_centers.csv").is_file()


def test_diff_of_a_build_folder_whose_csv_is_a_fifo_is_refused_without_blocking(tmp_path, capsys):
    (tmp_path / "old").mkdir()
    fifo(tmp_path / "old" / "fusion_centers.csv")
    with no_hang():
        code = main(["diff", str(tmp_path / "old"), str(tmp_path / "old")])
    err = capsys.readouterr().err
    assert code == 3 and one_line(err) and "fusion_centers.csv" in err and "regular file" in err


def test_diff_operand_that_never_ends_is_refused(tmp_path, capsys, monkeypatch):
    import pipeline.diff
    monkeypatch.setattr(pipeline.diff, "MAX_CSV_BYTES", 1 << 20)  # the limit, made small to be quick
    code = main(["diff", "/dev/zero", "/dev/zero"])
    err = capsys.readouterr().err
    assert code == 3 and one_line(err) and "/dev/zero" in err and "larger than" in err
