"""Files: writing them whole or not at all, and the lock that keeps two runs
from writing one folder at once.

`write_file` writes one file beside its place and renames it in, so it is
either its old self or wholly new (the raw manifest, fetch's snapshots and
notes). `write_atomically` builds a new folder of files with `write_file` in
a sibling temporary folder and swaps it in only when every file is written,
so a failed build leaves the last good out/ exactly as it was; an interrupt
between the swap's two renames puts the last good out/ back. `locked` is the
kernel's lock on a file beside a folder.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import PipelineError

# Written into every out/ (and <out>.failed/) this pipeline makes: the next
# build replaces or removes only a folder that carries it (or, for a build
# older than the marker, a datapackage.json naming this package).
MARKER = ".fusion-centers"
MARKER_TEXT = (b"This folder is written by the fusion-centers pipeline (python -m pipeline extract).\n"
               b"Each build replaces it whole: keep nothing of your own in it.\n")


def write_file(path: Path, data: bytes) -> None:
    """Write one file so that it is either its old self or wholly `data`:
    written beside it under a hidden name, flushed to disk, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes it private; sources and outputs are for everyone
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def lock_path(folder: Path) -> Path:
    """The lock file of a folder: beside it, never inside (out/ is replaced whole)."""
    folder = folder.resolve()
    return folder.parent / f".{folder.name}.lock"


@contextmanager
def locked(folder: Path, what: str) -> Iterator[None]:
    """Hold the lock of `folder` while the block runs; a PipelineError at once
    when another run (`what`: "build", "fetch") holds it. The lock is the
    kernel's (flock): it ends with its process, so a killed run leaves none."""
    path = lock_path(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a")
    except OSError as exc:  # name the folder the user gave, not the lock file
        raise PipelineError(f"cannot be written ({exc.strerror or exc}).", source=str(folder)) from None
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PipelineError(f"is in use: another {what} is writing it (it holds {path}); "
                                f"try again when that one ends.", source=str(folder)) from None
        yield  # the lock is released when the file closes


def _temporaries(out_dir: Path, kind: str) -> list[Path]:
    return sorted(out_dir.parent.glob(f".{out_dir.name}.{kind}-*"))


def clear_stale_temporaries(out_dir: Path) -> None:
    """Remove what a killed build left beside out/; call with the lock held,
    when no other build can own them. A build killed between the swap's two
    renames left its last good out/ as `.out.old-*`: that is put back."""
    old = _temporaries(out_dir, "old")
    if old and not out_dir.exists():
        os.replace(old.pop(), out_dir)
    for leftover in _temporaries(out_dir, "new") + old:
        shutil.rmtree(leftover, ignore_errors=True)


def write_atomically(files: dict[str, bytes], out_dir: Path) -> None:
    """Replace `out_dir` by a folder holding `files` (and the marker), whole
    or not at all. Call with the lock of `out_dir` held, after
    `clear_stale_temporaries`."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    old = out_dir.parent / f".{out_dir.name}.old-{tmp.name[len(out_dir.name) + 6:]}"  # where out/ steps aside
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; out/ is for everyone
        for rel, data in sorted({**files, MARKER: MARKER_TEXT}.items()):
            write_file(tmp / rel, data)
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
    except BaseException:
        # What is true is read from the folders, not from how far this code
        # got: an interrupt may land just before or just after a rename.
        if tmp.exists():  # not swapped in: put the last good out/ back
            if old.exists() and not out_dir.exists():
                os.replace(old, out_dir)
            shutil.rmtree(tmp, ignore_errors=True)
        else:  # the new out/ is in place; only the old one is left to remove
            shutil.rmtree(old, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_plain(files: dict[str, bytes], out_dir: Path) -> None:
    """Write files into a fresh folder as they are (for a failed build's
    leftovers), with the marker that lets the next build remove it."""
    for rel, data in sorted({**files, MARKER: MARKER_TEXT}.items()):
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
