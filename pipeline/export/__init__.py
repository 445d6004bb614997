"""Export: every output file rendered in memory, then written to out/ at once.

`write_atomically` builds the new out/ in a sibling temporary folder and
swaps it in only when every file is written, so a failed build leaves the
last good out/ exactly as it was.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_atomically(files: dict[str, bytes], out_dir: Path) -> None:
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    for leftover in out_dir.parent.glob(f".{out_dir.name}.new-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # from a build that was killed
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        tmp.chmod(0o755)  # mkdtemp makes it private; out/ is for everyone
        for rel, data in sorted(files.items()):
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        old = None
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            old.rmdir()
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_plain(files: dict[str, bytes], out_dir: Path) -> None:
    """Write files into a folder as they are (for a failed build's leftovers)."""
    for rel, data in sorted(files.items()):
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
