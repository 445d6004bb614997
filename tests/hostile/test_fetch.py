"""Attacks through `fetch`, issue 18 (and issue 19, item 8): one deadline over
download and judging, linear patterns on downloaded text, true messages.
Servers listen on 127.0.0.1; nothing here uses the network. A pattern that is
quadratic cannot be interrupted, so those attacks run in a child process that
is killed at its limit.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from datetime import date

import pytest

from pipeline.cli import main
from pipeline.fetch import Settings
from pipeline.fetch.run import fetch_sources
from tests.hostile.attack import ROOT, Site, fetch_raw, one_line

MB = 1 << 20


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    """Requests to 127.0.0.1 must never go through a proxy from the environment."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


def _child(code: str, limit: float) -> subprocess.CompletedProcess:
    """Run `code` in a child Python; a failure when it runs past `limit` seconds."""
    try:
        return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                              text=True, timeout=limit, env={**os.environ, "PYTHONPATH": str(ROOT), "no_proxy": "*"})
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {limit} s")


def test_bot_wall_patterns_are_linear_at_one_megabyte():
    # Unclosed tags, comments and styles, and bare "<": each of 1 MB; linear patterns read them in well under 1 s.
    done = _child(f"""
        from pipeline.fetch.judge import bot_wall_marker
        for shape in ("<script", "<", "<!--", "<style>" + "a" * 10):
            data = (shape * ({MB} // len(shape) + 1)).encode()[:{MB}]
            print(repr(bot_wall_marker(data)))
    """, limit=4)
    assert done.returncode == 0, done.stderr


def test_one_deadline_covers_download_and_judging():
    done = _child(f"""
        import sys, time
        from datetime import date
        from pathlib import Path
        import tempfile
        from tests.hostile.attack import Site, fetch_raw
        from pipeline.fetch import Settings
        from pipeline.fetch.run import fetch_sources
        body = b"<html><body>" + b"<script" * ({MB} // 7)
        with Site(body, {{"Content-Type": "text/html"}}) as site:
            tmp = Path(tempfile.mkdtemp())
            raw = fetch_raw(tmp / "raw", [site.url])
            start = time.monotonic()
            run = fetch_sources(raw, tmp / "rejected", date(2026, 12, 1), Settings(timeout=1.0, retries=0))
            took = time.monotonic() - start
        print([r.reason for r in run.rejected], took)
        sys.exit(0 if run.rejected and not run.saved and took < 3 else 1)
    """, limit=6)
    assert done.returncode == 0, done.stdout + done.stderr


def test_body_that_is_not_the_encoding_it_claims_is_named(tmp_path):
    with Site(b"Fusion Center Locations\n" * 100, {"Content-Type": "text/plain", "Content-Encoding": "deflate"}) as s:
        raw = fetch_raw(tmp_path / "raw", [s.url])
        run = fetch_sources(raw, tmp_path / "rejected", date(2026, 12, 1), Settings(timeout=2.0, retries=0))
    [rejected] = run.rejected
    assert "deflate" in rejected.reason and "truncated" not in rejected.reason


def test_no_network_is_said_in_one_line_at_the_first_name(tmp_path, capsys, monkeypatch):
    asked = []

    def no_resolver(host, *args, **kwargs):
        asked.append(host)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_resolver)
    raw = fetch_raw(tmp_path / "raw", ["https://www.dhs.gov/fusion-centers", "https://nfcausa.org/listing"])
    code = main(["fetch", "--raw", str(raw), "--rejected", str(tmp_path / "rejected"), "--date", "2026-12-01",
                 "--timeout", "2", "--retries", "3", "--backoff", "0.01"])
    err = capsys.readouterr().err
    assert asked == ["nfcausa.org"]  # addresses are fetched in sorted order; nothing is tried again
    assert code == 3 and one_line(err) and "nfcausa.org" in err and "network" in err
