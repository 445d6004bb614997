"""`fetch` refreshes the .gov registry with a judge of its own: the header row,
and at least 90% of the previous copy's rows; against a server on 127.0.0.1."""
from __future__ import annotations

import hashlib
import json
import shutil
import threading
from datetime import date
from pathlib import Path

import pytest

from pipeline.dotgov import DOTGOV_FILE, MIN_REFRESH_SHARE
from pipeline.fetch import Settings
from pipeline.fetch.run import fetch_sources
from pipeline.sources import load_manifest, read_raw_folder
from tests.test_fetch import Site, send

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
REGISTRY_LINES = (ROOT / "raw" / DOTGOV_FILE).read_bytes().split(b"\r\n")
# A registry of 1,000 domains stands for the real one (16,539), to keep the test quick.
PREVIOUS = b"\r\n".join(REGISTRY_LINES[:1001]) + b"\r\n"
TODAY = date(2026, 12, 4)
FAST = Settings(timeout=5.0, retries=0, backoff=0.0)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")


@pytest.fixture
def site():
    server = Site()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def make_raw(tmp_path: Path, site: Site) -> Path:
    raw = tmp_path / "raw"
    (raw / "reference" / "dotgov").mkdir(parents=True)
    shutil.copy(CAPTURE, raw / CAPTURE.name)
    (raw / DOTGOV_FILE).write_bytes(PREVIOUS)
    files = [{"file": CAPTURE.name, "role": "document", "sha256": hashlib.sha256(CAPTURE.read_bytes()).hexdigest(),
              "retrieved": "2026-11-24"},
             {"file": DOTGOV_FILE, "role": "reference", "sha256": hashlib.sha256(PREVIOUS).hexdigest(),
              "url": site.base + "/current-full.csv", "retrieved": "2026-08-22", "license": "CC0-1.0"}]
    (raw / "manifest.json").write_text(json.dumps({"files": files}, indent=2) + "\n", encoding="utf-8")
    return raw


def serve(site: Site, body: bytes, status: int = 200, content_type: str = "text/csv") -> None:
    site.serve(site.base + "/current-full.csv", lambda h: send(h, status, body, content_type))


def test_a_good_registry_replaces_the_copy_and_its_entry(tmp_path, site):
    raw = make_raw(tmp_path, site)
    fresh = PREVIOUS + b"zzfusiontest.gov,City,City of Test,,Testville,TX,(blank)\r\n"
    serve(site, fresh)
    run = fetch_sources(raw, tmp_path / "rejected", TODAY, FAST)
    assert run.rejected == () and [(s.file, s.centers, s.unchanged) for s in run.saved] == [(DOTGOV_FILE, 1001, False)]
    assert (raw / DOTGOV_FILE).read_bytes() == fresh  # verbatim
    entry = load_manifest(raw).by_file()[DOTGOV_FILE]
    assert (entry.sha256, entry.retrieved, entry.license) == (hashlib.sha256(fresh).hexdigest(), "2026-12-04",
                                                              "CC0-1.0")
    read_raw_folder(raw)  # the manifest holds: a build can read it


def test_the_same_registry_is_unchanged(tmp_path, site):
    raw = make_raw(tmp_path, site)
    serve(site, PREVIOUS)
    before = (raw / "manifest.json").read_bytes()
    run = fetch_sources(raw, tmp_path / "rejected", TODAY, FAST)
    assert [s.unchanged for s in run.saved] == [True] and (raw / "manifest.json").read_bytes() == before


@pytest.mark.parametrize("body, status, words", [
    (b"<!DOCTYPE html><html><body><h1>Rate limited</h1></body></html>", 200, "is not the .gov registry"),
    (b"\r\n".join(REGISTRY_LINES[:800]) + b"\r\n", 200, "fewer than 90%"),  # 799 of 1,000 rows: cut short
    (b"Domain name,Domain type\r\nct.gov,State\r\n", 200, "missing Organization name"),
    (b"", 500, "500"),
], ids=["an-html-page", "cut-short", "other-columns", "server-error"])
def test_a_bad_registry_is_kept_aside_and_raw_is_unchanged(tmp_path, site, body, status, words):
    raw = make_raw(tmp_path, site)
    serve(site, body, status)
    before = {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()}
    run = fetch_sources(raw, tmp_path / "rejected", TODAY, FAST)
    [rejected] = run.rejected
    assert words in rejected.reason and run.saved == ()
    assert {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()} == before
    assert rejected.note.is_file() and tmp_path / "rejected" in rejected.note.parents


def test_the_judge_keeps_ninety_percent():
    assert MIN_REFRESH_SHARE == 0.9


def test_the_registry_address_is_not_fetched_as_a_document(tmp_path, site):
    """The registry is reference data: its address is refreshed by its own judge only, never
    downloaded into snapshots/ as a page of centers."""
    raw = make_raw(tmp_path, site)
    serve(site, PREVIOUS)
    fetch_sources(raw, tmp_path / "rejected", TODAY, FAST)
    assert site.hits["/current-full.csv"] == 1 and not (raw / "snapshots").exists()
