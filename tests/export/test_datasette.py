"""Datasette serves out/fusion_centers.sqlite with the metadata made from the
column spec: checked on the metadata file against the real database, then
live, with Datasette on 127.0.0.1 and the pages read in headless Chromium."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path

import pytest

from pipeline.export.columns import TABLES
from pipeline.export.datasette import TEMPLATES
from tests.browser import _FLAGS, require_chromium

NO_DATASETTE = "Datasette is not installed: run make serve, or .venv/bin/pip install -e '.[serve]'"
START_SECONDS = 60


@pytest.fixture(scope="module")
def meta(real_build) -> dict:
    _, out = real_build
    return json.loads((out / "datasette-metadata.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("table", ["centers", "findings", "sources"])
def test_every_column_of_the_database_has_a_description(real_build, meta, table):
    _, out = real_build
    with sqlite3.connect(out / "fusion_centers.sqlite") as db:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    described = meta["databases"]["fusion_centers"]["tables"][table]["columns"]
    assert list(described) == columns
    assert all(described.values())


def test_the_metadata_names_the_licence_and_the_sources(meta):
    assert "public domain" in meta["license"] and "no licence or terms of use" in meta["license"]
    assert "National Fusion Center Association" in meta["description"]
    assert meta["source_url"] == "http://www.dhs.gov/fusion-center-locations-and-contact-information"


def test_the_open_problems_query_runs_on_the_database(real_build, meta):
    # The capture has one open error (Oregon's website, line 612) and eleven open warnings.
    _, out = real_build
    sql = meta["databases"]["fusion_centers"]["queries"]["open_problems"]["sql"]
    with sqlite3.connect(out / "fusion_centers.sqlite") as db:
        rows = db.execute(sql).fetchall()
    assert [r[0] for r in rows].count("error") == 1 and rows[0][1] == "WEBSITE_INVALID" and rows[0][10] == 612
    assert [r[0] for r in rows].count("warning") == 11


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:  # 127.0.0.1 only
        return response.read()


# What uvicorn (Datasette's server) prints once it listens: the port it was given by the system.
_LISTENING = re.compile(r"Uvicorn running on http://127\.0\.0\.1:(\d+) ")


@pytest.fixture(scope="module")
def datasette(real_build):
    """Datasette serving the build on 127.0.0.1, on a port the system gives it as it binds
    (`-p 0`, which it prints): a port picked here and closed before Datasette binds it could be
    taken in between by another process of the run. Its base URL."""
    if importlib.util.find_spec("datasette") is None:
        pytest.skip(NO_DATASETTE)
    _, out = real_build
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", "-i", str(out / "fusion_centers.sqlite"),
         "-m", str(out / "datasette-metadata.json"), "--template-dir", str(TEMPLATES), "-h", "127.0.0.1",
         "-p", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    printed: list[str] = []
    port: list[int] = []
    listening = threading.Event()

    def drain() -> None:  # read every line, so a full pipe never stops the server (it logs each request)
        for line in proc.stdout:
            printed.append(line)
            if not port and (found := _LISTENING.search(line)):
                port.append(int(found[1]))
                listening.set()
        listening.set()  # the server ended

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        if not listening.wait(START_SECONDS) or not port:
            raise AssertionError(f"Datasette did not start: {''.join(printed)[-2000:]}")
        base = f"http://127.0.0.1:{port[0]}"
        assert json.loads(_get(base + "/-/versions.json"))["datasette"]["version"]
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
        reader.join(timeout=10)


def test_datasette_serves_the_metadata(datasette):
    served = json.loads(_get(datasette + "/-/metadata.json"))
    assert served["title"] == "U.S. National Network of Fusion Centers"


def test_datasette_facets_centers_by_state(datasette):
    data = json.loads(_get(datasette + "/fusion_centers/centers.json?_size=0"))
    states = {r["value"]: r["count"] for r in data["facet_results"]["state"]["results"]}
    assert states["TX"] == 7 and states["CA"] == 6  # counted by hand from the capture's location lines


def test_datasette_facets_findings_by_severity_and_code(datasette):
    data = json.loads(_get(datasette + "/fusion_centers/findings.json?_size=0"))
    severities = {r["value"]: r["count"] for r in data["facet_results"]["severity"]["results"]}
    assert severities["error"] == 1  # Oregon's website
    assert "MISSING_WEBSITE" in {r["value"] for r in data["facet_results"]["code"]["results"]}


def _dom(url: str) -> str:
    exe = require_chromium()
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        done = subprocess.run([exe, *_FLAGS, "--disable-quic", f"--user-data-dir={profile}", "--dump-dom", url],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_centers_page_shows_the_table_a_facet_and_the_descriptions(datasette):
    dom = _dom(datasette + "/fusion_centers/centers")
    assert "Alabama Fusion Center" in dom  # a row of the table
    assert 'id="facet-state"' in dom and 'id="facet-designation"' in dom  # the facets
    assert "JSON and SQLite: E.164 (+13345172660)" in dom  # the phone column's description
    assert "public domain in the United States" in dom  # the licence


def test_the_open_problems_page_lists_oregon_first(datasette):
    dom = _dom(datasette + "/fusion_centers/open_problems")
    assert "Open errors and warnings" in dom
    assert dom.index("www.oregonfusioncenter@doj.state.or.us") < dom.index("AREA_CODE_OUT_OF_STATE")


@pytest.mark.parametrize("page, facet", [("centers", "state"), ("findings", "severity")])
def test_each_facet_is_drawn_once_even_when_the_address_asks_again(datasette, page, facet):
    # Datasette adds a second result for a metadata facet chosen again (?_facet=state): drawn once.
    html = _get(f"{datasette}/fusion_centers/{page}?_facet={facet}").decode()
    assert html.count(f'id="facet-{facet}"') == 1


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.sql_name)
def test_the_spec_s_often_empty_columns_are_hidden_from_the_default_view_and_descriptions_come_last(datasette, table):
    html = _get(f"{datasette}/fusion_centers/{table.sql_name}").decode()
    hidden = {c.name for c in table.columns if c.often_empty}
    rules = set(re.findall(r"th\.col-(\w+), td\.col-\1 \{ display: none; \}", html))
    assert rules == hidden  # the spec's flag, never this build's data
    assert "section.content > dl.column-descriptions { order: 1;" in html  # rows first, descriptions after
    if hidden:
        name = sorted(hidden)[0]
        shown = _get(f"{datasette}/fusion_centers/{table.sql_name}?_col={name}").decode()
        assert "display: none" not in shown


def test_the_often_empty_flag_marks_extensions_pages_and_notes():
    flagged = {(t.sql_name, c.name) for t in TABLES for c in t.columns if c.often_empty}
    assert flagged == {("centers", f"{f}_ext") for f in ("phone", "fax", "alt_phone", "toll_free")} | {
        ("findings", "page"), ("findings", "note")}
