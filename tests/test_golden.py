"""Golden test: a fresh build of raw/ reproduces the committed out/ exactly.

When a change to the pipeline changes out/ on purpose, rebuild with
`make extract`, read the diff of out/ (git diff out/), and commit it with the
change. This test then holds it.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def _hash_in_process(env: dict[str, str]) -> int:
    r = subprocess.run([sys.executable, "-c", "print(hash('fusion-centers'))"], env=env, capture_output=True,
                       text=True, timeout=60)
    return int(r.stdout)


def test_builds_in_two_processes_with_different_hash_seeds_are_byte_identical(real_build, tmp_path):
    """Set and dict order must never reach an output: two processes, two hash seeds, the same bytes.
    The first process is this one (the session's build); the second is `python -m pipeline extract`
    under a hash seed that orders strings differently from this process's."""
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    assert _hash_in_process(env) != hash("fusion-centers")
    second = tmp_path / "out"
    r = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--out", str(second)], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    _, first = real_build
    for name in ("CHANGELOG.md", "fusion_centers.sqlite"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    assert _tree(first) == _tree(second)
