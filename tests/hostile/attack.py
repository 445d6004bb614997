"""Helpers of the attack tests: a raw folder made from the real capture, a
guard that turns a hang into a failure, and the special files an attacker
plants (FIFOs, links to devices)."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.corrections import COLUMNS

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
HTML = ROOT / "tests" / "fixtures" / "html"
CT = "connecticut-intelligence-center"


class Hang(Exception):
    """The guarded block ran past its limit: a hang or an unbounded read."""


@contextmanager
def no_hang(seconds: float = 30.0) -> Iterator[None]:
    """Fail the block with `Hang` when it runs longer than `seconds`: the timer's
    signal interrupts a blocked open() or read() (main thread only). What it guards
    against (a FIFO no one writes) blocks forever, so the limit is generous: the timer
    counts wall time, and on a loaded machine a build in a test run's first process
    (which compiles what it imports) ran past the one second this once allowed: the
    timer rang inside it (a fresh clone's first run, where it happened to be swallowed
    by a weakref callback and warned of; anywhere else it fails the test)."""
    def ring(signum, frame):
        raise Hang(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def capture_text(edit: tuple[str, str] | None = None) -> str:
    """The capture's text, with one edit (the old text must be there)."""
    text = CAPTURE.read_text(encoding="utf-8")
    if edit:
        assert edit[0] in text, edit[0]
        text = text.replace(*edit)
    return text


def corrections_csv(decisions: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, COLUMNS, lineterminator="\n")
    w.writeheader()
    for d in decisions:
        w.writerow({"reviewer": "A. Reviewer", "date": "2026-11-20", "reason": "confirmed by phone", **d})
    return buf.getvalue()


def make_raw(folder: Path, *, edit: tuple[str, str] | None = None, decisions: list[dict] | None = None,
             manifest: dict | None = None) -> Path:
    """A raw folder holding the capture (edited), and the decisions and manifest given."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CAPTURE.name).write_text(capture_text(edit), encoding="utf-8")
    if decisions is not None:
        (folder / "corrections.csv").write_text(corrections_csv(decisions), encoding="utf-8")
    if manifest is not None:
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def fifo(path: Path) -> Path:
    """A named pipe at `path` that no one writes: opening or reading it blocks."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def link_to_zero(path: Path) -> Path:
    """A symbolic link to /dev/zero: a file that never ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to("/dev/zero")
    return path


def one_line(text: str) -> bool:
    """Whether a message is one line (a trailing newline allowed)."""
    return "\n" not in text.rstrip("\n") and bool(text.strip())


class Site:
    """A web server on 127.0.0.1 that answers every GET with one response:
    `status`, `headers` and `body`, sent at once."""

    def __init__(self, body: bytes, headers: dict[str, str], status: int = 200) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.hits += 1
                self.send_response(status)
                for k, v in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(k, v)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up

            def log_message(self, *args) -> None:
                pass

        self.hits = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/fusion-centers"

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def fetch_raw(folder: Path, urls: list[str]) -> Path:
    """A raw folder with the capture and a manifest that names `urls` for it."""
    import hashlib
    make_raw(folder)
    data = (folder / CAPTURE.name).read_bytes()
    (folder / "manifest.json").write_text(json.dumps({"files": [{
        "file": CAPTURE.name, "sha256": hashlib.sha256(data).hexdigest(), "form": "text", "urls": urls,
        "retrieved": "2026-11-24"}]}), encoding="utf-8")
    return folder
