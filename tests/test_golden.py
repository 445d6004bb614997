"""Golden test: a fresh build of raw/ reproduces the committed out/ exactly.

When a change to the pipeline changes out/ on purpose, rebuild with
`make extract`, read the diff of out/ (git diff out/), and commit it with the
change. This test then holds it.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.build import build

ROOT = Path(__file__).resolve().parent.parent


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_fresh_build_reproduces_committed_out(real_build):
    _, out = real_build
    committed, fresh = _tree(ROOT / "out"), _tree(out)
    assert sorted(fresh) == sorted(committed)
    changed = [name for name in fresh if fresh[name] != committed[name]]
    assert not changed, f"out/ differs from a fresh build in {changed}: run make extract and review git diff out/"


def test_two_builds_are_byte_identical(real_build, tmp_path):
    _, first = real_build
    build(ROOT / "raw", tmp_path / "again")
    assert _tree(first) == _tree(tmp_path / "again")
