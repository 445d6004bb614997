"""Headless Chromium for the tests: find it, open a local file and read the
DOM it built (`dump_dom`), or drive one page over the DevTools protocol at any
screen width to measure it and take screenshots (`DevTools`). Every run has a
fresh profile and a time limit, and the whole process group Chromium started
is ended."""
from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
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


class DevTools:
    """One page in headless Chromium, driven over the DevTools protocol on a
    pipe (`--remote-debugging-pipe`: JSON messages ended by NUL, commands in on
    fd 3, answers out on fd 4). Unlike a window (at least 500 px wide in
    headless Chromium), the emulated screen can be any width, and an
    expression evaluated here is not the page's own script: the page's
    Content-Security-Policy stays as it is."""

    def __init__(self, page: Path, width: int, height: int = 900):
        exe = require_chromium()
        self._profile = tempfile.TemporaryDirectory(prefix="chromium-profile-")
        to_chromium, self._commands = os.pipe()
        self._answers, from_chromium = os.pipe()

        def pipes_on_3_and_4() -> None:
            # Moved out of the way first: a pipe may already sit on fd 3 or 4.
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_chromium, from_chromium)]
            for target, fd in zip((3, 4), high):
                os.dup2(fd, target)

        # No scroll bar takes width from the page, as on a phone.
        flags = [f for f in _FLAGS if not f.startswith("--virtual-time-budget")] + ["--hide-scrollbars"]
        self._proc = subprocess.Popen([exe, *flags, f"--user-data-dir={self._profile.name}",
                                       "--remote-debugging-pipe", "about:blank"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=False,
                                      preexec_fn=pipes_on_3_and_4, start_new_session=True)
        os.close(to_chromium)
        os.close(from_chromium)
        self._buffer, self._next_id, self._session = b"", 0, None
        try:
            target = self.send("Target.createTarget", url="about:blank")["targetId"]
            self._session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                      mobile=False)
            self.send("Page.enable")
            self.send("Page.navigate", url=page.resolve().as_uri())
            self._wait_for("Page.loadEventFired")
        except BaseException:
            self.close()
            raise

    def _read(self) -> dict:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline or self._proc.poll() is not None:
                raise AssertionError("Chromium's DevTools pipe gave no answer in time.")
            ready, _, _ = select.select([self._answers], [], [], 1)
            if ready:
                self._buffer += os.read(self._answers, 1 << 20)
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _wait_for(self, event: str) -> dict:
        while True:
            message = self._read()
            if message.get("method") == event:
                return message

    def send(self, method: str, **params: object) -> dict:
        """Run one DevTools command and return its result."""
        self._next_id += 1
        command = {"id": self._next_id, "method": method, "params": params}
        if self._session:
            command["sessionId"] = self._session
        os.write(self._commands, json.dumps(command).encode() + b"\0")
        while True:
            message = self._read()
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise AssertionError(f"DevTools {method} failed: {message['error']}")
                return message["result"]

    def evaluate(self, expression: str) -> object:
        """The value of a JavaScript expression in the page."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression!r} failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, png: Path, top: int = 0, height: int | None = None) -> Path:
        """A PNG of the page's full width from `top`, `height` px tall (to the end when None)."""
        width = self.evaluate("document.documentElement.clientWidth")
        full = self.evaluate("document.documentElement.scrollHeight")
        clip = {"x": 0, "y": top, "width": width, "height": min(height or full, full - top), "scale": 1}
        data = self.send("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)["data"]
        png.write_bytes(base64.b64decode(data))
        return png

    def close(self) -> None:
        if self._proc.poll() is None:
            os.killpg(self._proc.pid, signal.SIGKILL)
        self._proc.wait()
        os.close(self._commands)
        os.close(self._answers)
        self._profile.cleanup()

    def __enter__(self) -> DevTools:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
