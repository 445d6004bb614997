"""Files: writing them whole or not at all, and the lock that keeps two runs
from writing one folder at once.

`write_file` writes one file beside its place and renames it in, so it is
either its old self or wholly new (the raw manifest, fetch's snapshots and
notes). `write_atomically` builds a new folder of files with `write_file` in
a sibling temporary folder and swaps it in only when every file is written,
so a failed build leaves the last good out/ exactly as it was; an interrupt
between the swap's two renames puts the last good out/ back. `locked` is the
kernel's lock on a file beside a folder. `read_regular` reads what the
pipeline finds by itself (decisions, manifest, sources, a build's files) only
if it is a regular file, without blocking and within a size limit.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from pipeline.errors import PipelineError

# Written into every out/ (and <out>.failed/) this pipeline makes: the next
# build replaces or removes only a folder that carries it (or, for a build
# older than the marker, a datapackage.json naming this package).
MARKER = ".fusion-centers"
MARKER_TEXT = (b"This folder is written by the fusion-centers pipeline (python -m pipeline extract).\n"
               b"Each build replaces it whole: keep nothing of your own in it.\n")


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")]
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path`, read only if it is (or links to) a regular file of
    at most `limit` bytes: opened without blocking, so that a named pipe
    cannot hang the run, and never read past the limit, so that a device
    cannot fill the memory. A PipelineError naming the file otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise PipelineError(f"cannot be read ({exc.strerror or exc}).", source=str(path)) from None
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise PipelineError(f"is {kind_of(mode)}, not a regular file; it is not read.", source=str(path))
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise PipelineError(f"is larger than the {limit:,} bytes such a file may have; it is not read.",
                            source=str(path))
    return data


def read_named(path: Path, limit: int) -> bytes:
    """The bytes of a file a user named on the command line, which may be a
    pipe (it is read as it comes), never more than `limit` of them: a
    device that never ends is refused, not read into memory."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise PipelineError(f"cannot be read ({exc.strerror or exc}).", source=str(path)) from None
    if len(data) > limit:
        raise PipelineError(f"is larger than the {limit:,} bytes such a file may have; it is not read.",
                            source=str(path))
    return data


# What a file holds: its bytes, or its bytes piece by piece (a generator, made
# when the file is written), so that a large output is never whole in memory.
Content = bytes | Iterable[bytes]


def _write_content(fh, data: Content) -> None:
    if isinstance(data, bytes):
        fh.write(data)
    else:
        for chunk in data:
            fh.write(chunk)


def write_file(path: Path, data: Content) -> None:
    """Write one file so that it is either its old self or wholly `data`:
    written beside it under a hidden name, flushed to disk, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            _write_content(fh, data)
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
    _refuse_file_parent(folder)
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        raise PipelineError(f"cannot be locked: its lock {path} is {kind_of(mode)}, not a regular file; "
                            f"remove it and run again.", source=str(folder))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC,
                     0o644)
    except OSError as exc:  # name the folder the user gave, not the lock file
        raise PipelineError(f"cannot be written ({exc.strerror or exc}).", source=str(folder)) from None
    with os.fdopen(fd, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PipelineError(f"is in use: another {what} is writing it (it holds {path}); "
                                f"try again when that one ends.", source=str(folder)) from None
        yield  # the lock is released when the file closes


def _refuse_file_parent(folder: Path) -> None:
    """A PipelineError when a folder above `folder` is a file: nothing can be made there."""
    for parent in folder.absolute().parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                raise PipelineError(f"cannot be made: {parent} is a file, not a folder.", source=str(folder))
            return


def _temporaries(out_dir: Path, kind: str) -> list[Path]:
    """The temporary folders of `out_dir`'s swap, by name (never a pattern: the
    name may hold glob characters, which would match another folder's)."""
    prefix = f".{out_dir.name}.{kind}-"
    try:
        return sorted(p for p in out_dir.parent.iterdir() if p.name.startswith(prefix))
    except OSError:
        return []


def clear_stale_temporaries(out_dir: Path) -> None:
    """Remove what a killed build left beside out/; call with the lock held,
    when no other build can own them. A build killed between the swap's two
    renames left its last good out/ as `.out.old-*`: that is put back, if it
    carries the marker (a folder of that name without it is not a build)."""
    old = [p for p in _temporaries(out_dir, "old") if (p / MARKER).is_file()]
    if old and not out_dir.exists():
        os.replace(old.pop(), out_dir)
    for leftover in _temporaries(out_dir, "new") + old:
        shutil.rmtree(leftover, ignore_errors=True)


def write_atomically(files: Mapping[str, Content], out_dir: Path) -> None:
    """Replace `out_dir` by a folder holding `files` (and the marker), whole
    or not at all, each file made as it is written (a generator's pieces).
    Call with the lock of `out_dir` held, after `clear_stale_temporaries`."""
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


def write_plain(files: Mapping[str, Content], out_dir: Path) -> None:
    """Write files into a fresh folder as they are (for a failed build's
    leftovers), with the marker that lets the next build remove it."""
    for rel, data in sorted({**files, MARKER: MARKER_TEXT}.items()):
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            _write_content(fh, data)
