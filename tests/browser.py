"""Headless Chromium for the tests: find it, open a local file, read the DOM
it built or take a screenshot. Every run has a fresh profile and a time limit,
and on a timeout the whole process group Chromium started is ended."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

NOT_FOUND = "Chromium not found: install Debian's chromium package (apt-get install chromium)"
TIMEOUT_SECONDS = 30
# A page's own timers and load events get this much virtual time before the
# DOM is read, so an onerror or onload handler would have run by then.
VIRTUAL_TIME_MS = 3000
_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", f"--virtual-time-budget={VIRTUAL_TIME_MS}")


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_chromium() -> str:
    """The Chromium executable; the calling test is skipped when there is none."""
    exe = find_chromium()
    if exe is None:
        pytest.skip(NOT_FOUND)
    return exe


def _run(page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = require_chromium()
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        cmd = [exe, *_FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise AssertionError(f"Chromium did not finish {page} within {TIMEOUT_SECONDS} s; a page that "
                                 "calls alert() is held open this way, so a script may have run.") from None
    if proc.returncode != 0:
        raise AssertionError(f"Chromium failed on {page} (exit {proc.returncode}): {err[-2000:]}")
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def dump_dom(page: Path) -> str:
    """The DOM Chromium built from `page`, serialized after its scripts (if any) ran."""
    return _run(page, "--dump-dom").stdout


def screenshot(page: Path, png: Path, width: int = 1200, height: int = 2000) -> Path:
    _run(page, f"--screenshot={png.resolve()}", f"--window-size={width},{height}")
    if not png.is_file() or png.stat().st_size == 0:
        raise AssertionError(f"Chromium wrote no screenshot of {page} to {png}.")
    return png
