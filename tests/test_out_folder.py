"""The out folder: what `extract --out` refuses, the lock beside it, and what
an interrupt during the swap leaves.

Every folder a test may lose is made in a temporary directory; the project
itself is only ever risked as a copy.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pipeline.build import build, failed_dir
from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def make_raw(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy(CAPTURE, folder / CAPTURE.name)
    return folder


def extract(capsys, raw: Path, out: Path, *extra: str) -> tuple[int, str]:
    code = main(["extract", "--raw", str(raw), "--out", str(out), *extra])
    captured = capsys.readouterr()
    return code, captured.err


def leftovers(out: Path) -> list[str]:
    """Temporary folders of the swap left beside out/."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p.is_dir())


# --- what --out refuses -------------------------------------------------------

def user_folder(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "thesis.tex").write_text("months of work\n", encoding="utf-8")
    (path / "notes").mkdir()
    (path / "notes" / "a.md").write_text("more work\n", encoding="utf-8")
    return path


def test_out_equal_to_the_raw_folder_is_refused(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    before = tree(raw)
    code, err = extract(capsys, raw, raw)
    assert code == 3 and err.startswith("error: ") and len(err.strip().splitlines()) == 1
    assert str(raw) in err and "raw folder" in err
    assert tree(raw) == before


def test_out_inside_the_raw_folder_is_refused(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    before = tree(raw)
    code, err = extract(capsys, raw, raw / "out")
    assert code == 3 and "inside the raw folder" in err
    assert tree(raw) == before and not (raw / "out").exists()


def test_out_containing_the_raw_folder_is_refused(tmp_path, capsys):
    raw = make_raw(tmp_path / "data" / "raw")
    code, err = extract(capsys, raw, tmp_path / "data")
    assert code == 3 and "raw folder" in err
    assert (raw / CAPTURE.name).read_bytes() == CAPTURE.read_bytes()


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the checkout (package, raw/, a stand-in .git) one level down
    in a folder that also holds a user's file."""
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "keep.txt").write_text("a user's file\n", encoding="utf-8")
    project = tmp_path / "home" / "project"
    project.mkdir()
    shutil.copytree(ROOT / "pipeline", project / "pipeline")  # its bytecode too: the copy need not compile
    make_raw(project / "raw")
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return project


@pytest.mark.parametrize("out", [".", ".."], ids=["the-project-root", "the-folder-holding-it"])
def test_out_that_is_or_contains_the_project_root_is_refused(project_copy, out):
    before = tree(project_copy.parent)
    # -B: the copy of the package must stay as it is, bytecode included (make test lets Python write it).
    r = subprocess.run([sys.executable, "-B", "-c", "import pipeline, sys; print(pipeline.__file__); "
                        "from pipeline.cli import main; sys.exit(main(sys.argv[1:]))",
                        "extract", "--out", out], cwd=project_copy, capture_output=True, text=True, timeout=120)
    assert r.stdout.startswith(str(project_copy / "pipeline")), "the test must run the copy"
    assert r.returncode == 3 and r.stderr.startswith("error: ") and "project" in r.stderr, r.stderr
    assert tree(project_copy.parent) == before


def test_a_folder_that_is_not_a_build_is_refused(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    out = user_folder(tmp_path / "documents")
    before = tree(out)
    code, err = extract(capsys, raw, out)
    assert code == 3 and str(out) in err and "not a build" in err
    assert tree(out) == before and leftovers(out) == []


def test_a_file_is_refused(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    out = tmp_path / "report.docx"
    out.write_bytes(b"a user's document")
    code, err = extract(capsys, raw, out)
    assert code == 3 and str(out) in err and "not a folder" in err
    assert out.read_bytes() == b"a user's document"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_an_older_build_recognized_by_its_datapackage_is_replaced(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    out = tmp_path / "out"
    out.mkdir()
    (out / "datapackage.json").write_text('{"name": "fusion-centers"}\n', encoding="utf-8")
    (out / "old-table.csv").write_text("id\r\n", encoding="utf-8")
    code, err = extract(capsys, raw, out)
    assert code == 0, err
    assert not (out / "old-table.csv").exists() and (out / "fusion_centers.csv").exists()


def test_a_build_writes_a_marker_that_the_readme_lists(tmp_path, capsys):
    from pipeline.files import MARKER
    raw = make_raw(tmp_path / "raw")
    out = tmp_path / "out"
    assert extract(capsys, raw, out)[0] == 0
    assert (out / MARKER).is_file() and (ROOT / "out" / MARKER).is_file()
    assert f"`{MARKER}`" in (ROOT / "README.md").read_text(encoding="utf-8")
    (out / "datapackage.json").unlink()  # the marker alone says it is a build
    assert extract(capsys, raw, out)[0] == 0


def test_a_good_build_keeps_a_users_folder_named_like_the_failed_folder(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    out = tmp_path / "out"
    users = user_folder(failed_dir(out))
    before = tree(users)
    assert extract(capsys, raw, out)[0] == 0
    assert tree(users) == before


def test_a_good_build_clears_the_failed_folder_it_made(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    out = tmp_path / "out"
    (raw / "zz_broken.txt").write_bytes(b"")
    assert extract(capsys, raw, out)[0] == 3
    assert failed_dir(out).is_dir()
    (raw / "zz_broken.txt").unlink()
    assert extract(capsys, raw, out)[0] == 0
    assert not failed_dir(out).exists()


def test_the_default_out_folder_is_accepted(tmp_path, monkeypatch, capsys):
    project = tmp_path / "project"
    make_raw(project / "raw")
    monkeypatch.chdir(project)
    assert main(["extract"]) == 0, capsys.readouterr().err
    assert (project / "out" / "fusion_centers.csv").is_file()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc, where no folder can be made")
def test_an_unwritable_out_is_reported_with_the_users_path(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    out = Path("/proc/fusion-centers-out")
    code, err = extract(capsys, raw, out)
    assert code == 3 and f" {out}: " in err and len(err.strip().splitlines()) == 1
    assert ".new-" not in err and ".lock" not in err


# --- the lock -----------------------------------------------------------------

# A build that stops at its first write (the lock held) until the test, having tried
# its own build, says go on stdin: an event, not a sleep, so no load can end the pause
# before the second build has tried.
PAUSED_BUILD = """\
import sys, pipeline.files as e
real, paused = e.os.fsync, []
def held(fd):
    real(fd)
    if not paused:
        paused.append(1); print('writing', flush=True); sys.stdin.readline()
e.os.fsync = held
from pipeline.cli import main
sys.exit(main(['extract', '--raw', sys.argv[1], '--out', sys.argv[2]]))
"""


def test_a_second_build_into_the_same_out_is_refused_while_the_first_writes(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    out = tmp_path / "out"
    build(raw, tmp_path / "reference")
    first = subprocess.Popen([sys.executable, "-c", PAUSED_BUILD, str(raw), str(out)], cwd=ROOT,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert first.stdout.readline().strip() == "writing"
        code, err = extract(capsys, raw, out)
    finally:
        first_out, first_err = first.communicate("go\n", timeout=120)  # the first build goes on
    assert code == 3 and len(err.strip().splitlines()) == 1 and "another build" in err, err
    assert first.returncode == 0, first_err
    assert tree(out) == tree(tmp_path / "reference")
    assert leftovers(out) == []


def test_the_lock_is_a_git_ignored_file_beside_out(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    out = tmp_path / "out"
    assert extract(capsys, raw, out)[0] == 0
    assert (tmp_path / ".out.lock").is_file()
    assert not any(name.endswith(".lock") for name in tree(out))
    assert ".out.lock" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_a_stale_temporary_folder_is_removed(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    out = tmp_path / "out"
    stale = tmp_path / ".out.new-killed"
    stale.mkdir()
    (stale / "fusion_centers.csv").write_text("half", encoding="utf-8")
    assert extract(capsys, raw, out)[0] == 0
    assert not stale.exists() and leftovers(out) == []


def test_a_build_killed_between_the_renames_has_out_put_back_by_the_next_one(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    out = tmp_path / "out"
    assert extract(capsys, raw, out)[0] == 0
    before = tree(out)
    out.rename(tmp_path / ".out.old-killed")  # where the swap had moved it when the build was killed
    (raw / "zz_broken.txt").write_bytes(b"")  # and the next build fails
    assert extract(capsys, raw, out)[0] == 3
    assert tree(out) == before and leftovers(out) == []


# --- an interrupt during the swap ------------------------------------------

def interrupt_at_swap(monkeypatch, out: Path, after: bool) -> None:
    """Raise KeyboardInterrupt at the rename that puts the new build at `out`:
    before it (between the swap's two renames) or just after it."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).resolve() == out.resolve() and ".new-" in Path(src).name:
            if after:
                real(src, dst, *args, **kwargs)
            raise KeyboardInterrupt
        return real(src, dst, *args, **kwargs)
    monkeypatch.setattr(os, "replace", replace)


@pytest.fixture
def built(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    out = tmp_path / "out"
    assert extract(capsys, raw, out, "--as-of", "2026-01-01")[0] == 0
    return raw, out, tree(out)


def test_an_interrupt_between_the_renames_restores_out(built, monkeypatch, capsys):
    raw, out, before = built
    interrupt_at_swap(monkeypatch, out, after=False)
    code, err = extract(capsys, raw, out, "--as-of", "2027-01-01")
    monkeypatch.undo()
    assert code == 130
    assert tree(out) == before
    assert "unchanged" in err and str(out) in err
    assert leftovers(out) == []


def test_an_interrupt_just_after_the_swap_says_out_was_replaced(built, monkeypatch, capsys, tmp_path):
    raw, out, before = built
    interrupt_at_swap(monkeypatch, out, after=True)
    code, err = extract(capsys, raw, out, "--as-of", "2027-01-01")
    monkeypatch.undo()
    assert code == 130
    build(raw, tmp_path / "reference", as_of=date(2027, 1, 1))
    assert tree(out) == tree(tmp_path / "reference") != before
    assert "replaced" in err and "unchanged" not in err and str(out) in err
    assert leftovers(out) == []


def test_out_that_is_a_symbolic_link_loop_is_refused_in_one_line(tmp_path, capsys):
    raw = make_raw(tmp_path / "raw")
    (tmp_path / "l1").symlink_to(tmp_path / "l2")
    (tmp_path / "l2").symlink_to(tmp_path / "l1")
    code, err = extract(capsys, raw, tmp_path / "l1")
    assert code == 3 and err.startswith("error: ") and len(err.strip().splitlines()) == 1
    assert str(tmp_path / "l1") in err
