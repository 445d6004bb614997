"""Golden test: a fresh build of raw/ reproduces the committed out/ exactly.

When a change to the pipeline changes out/ on purpose, rebuild with
`make extract`, read the diff of out/ (git diff out/), and commit it with the
change. This test then holds it.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.build import build

ROOT = Path(__file__).resolve().parent.parent
# Built by every run but not committed: CHANGELOG.md compares the build with
# the committed out/, and SQLite writes its own version into the file header.
LOCAL_ONLY = {"CHANGELOG.md", "fusion_centers.sqlite"}


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).as_posix() not in LOCAL_ONLY}


def test_fresh_build_reproduces_committed_out(real_build):
    _, out = real_build
    committed, fresh = _tree(ROOT / "out"), _tree(out)
    assert sorted(fresh) == sorted(committed)
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert not changed, f"out/ differs from a fresh build in {changed}: run make extract and review git diff out/"


def test_two_builds_are_byte_identical(real_build, tmp_path):
    _, first = real_build
    build(ROOT / "raw", tmp_path / "again")
    for name in ("CHANGELOG.md", "fusion_centers.sqlite"):
        assert (first / name).read_bytes() == (tmp_path / "again" / name).read_bytes()
    assert _tree(first) == _tree(tmp_path / "again")
