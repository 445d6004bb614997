"""A build after a verification run: findings that cite the run's lines,
the check columns, and the report's picture; a build without a run has the
columns empty. The run is made against the local servers (conftest.py), with
the capture's hosts sent there by --connect-to; every other name is NXDOMAIN.

Cost: about 4 s (one verify run and two builds of the capture).
"""
from __future__ import annotations

import csv
import json
import shutil
from datetime import date, datetime, timezone

import pytest

from pipeline.build import build, run
from pipeline.cli import main
from pipeline.export.columns import CENTERS
from tests.conftest import RAW

LIVE_CODES = {"WEBSITE_NO_ANSWER", "WEBSITE_HTTP_ERROR", "WEBSITE_REDIRECT_BROKEN", "WEBSITE_MOVED_AWAY",
              "WEBSITE_REDIRECTS", "WEBSITE_PLAIN_HTTP_ONLY", "WEBSITE_BAD_CERTIFICATE", "EMAIL_DOMAIN_NO_MAIL"}
TODAY = datetime.now(timezone.utc).date().isoformat()  # the run's date is UTC
CHECK_COLUMNS = ("website_check", "website_checked", "email_check", "email_checked")


@pytest.fixture(scope="module")
def verified_build(world, tmp_path_factory):
    raw = tmp_path_factory.mktemp("live") / "raw"
    shutil.copytree(RAW, raw)
    args = ["verify", "--raw", str(raw), "--nameserver", f"127.0.0.1:{world.dns.port}", "--timeout", "5",
            "--ca-bundle", world.ca_bundle]
    for pair in world.capture_connect_to:
        args += ["--connect-to", pair]
    assert main(args) == 0
    run_file = next((raw / "verification").iterdir())
    out = raw.parent / "out"
    b = build(raw, out)
    return b, out, run_file


def _finding(b, center, code):
    found = [f for f in b.findings if f.center_id == center and f.code == code]
    assert len(found) == 1, [(f.center_id, f.code) for f in b.findings if f.code in LIVE_CODES]
    return found[0]


def _line_of(run_file, key, value):
    for number, line in enumerate(run_file.read_text().splitlines(), 1):
        if json.loads(line).get(key) == value:
            return number
    raise AssertionError(value)


# (center, code, field, the check's key and value in the run, in the suggestion or "" for none)
FINDINGS = [
    ("alabama-fusion-center", "WEBSITE_PLAIN_HTTP_ONLY", "website", "url", "http://fusion.alabama.gov", ""),
    ("arizona-counter-terrorism-information-center", "WEBSITE_REDIRECTS", "website", "url", "http://www.azdps.gov",
     "https://www.azdps.gov/"),
    ("arizona-counter-terrorism-information-center", "EMAIL_DOMAIN_NO_MAIL", "email", "domain", "azdps.gov", ""),
    ("austin-regional-intelligence-center", "WEBSITE_MOVED_AWAY", "website", "url", "http://www.arictexas.org", ""),
    ("boston-regional-intelligence-center", "WEBSITE_HTTP_ERROR", "website", "url", "http://www.mbhhsr.org/", ""),
    ("boston-regional-intelligence-center", "EMAIL_DOMAIN_NO_MAIL", "email", "domain", "cityofboston.gov", ""),
    ("california-state-threat-assessment-center", "WEBSITE_NO_ANSWER", "website", "url", "http://www.calstas.org",
     ""),
    ("california-state-threat-assessment-center", "EMAIL_DOMAIN_NO_MAIL", "email", "domain", "calema.ca.gov", ""),
    ("colorado-information-analysis-center", "WEBSITE_MOVED_AWAY", "website", "url", "http://dhsem.state.co.us",
     "https://www.colorado.gov/dhsem"),
    ("central-california-intelligence-center", "WEBSITE_BAD_CERTIFICATE", "website", "url",
     "http://www.sacrtac.org", ""),
]


@pytest.mark.parametrize("center, code, field, key, value, suggested", FINDINGS, ids=[f"{f[0]}-{f[1]}" for f in FINDINGS])
def test_findings_cite_the_run_line_and_date(verified_build, center, code, field, key, value, suggested):
    b, _, run_file = verified_build
    f = _finding(b, center, code)
    line = _line_of(run_file, key, value)
    assert (f.field, f.source, f.line) == (field, f"verification/{run_file.name}", line)
    assert f.evidence == run_file.read_text().splitlines()[line - 1]
    assert TODAY in f.message
    if suggested:
        assert suggested in f.suggestion and f.suggestion.startswith("Publish")
    else:
        assert not f.suggestion.startswith("Publish")


def test_moved_away_names_but_does_not_suggest(verified_build):
    b, _, _ = verified_build
    f = _finding(b, "austin-regional-intelligence-center", "WEBSITE_MOVED_AWAY")
    assert "http://www.someoneelse.test/" in f.message and f.suggestion.startswith("Not suggested")


def test_mail_domains_that_receive_mail_give_no_finding(verified_build):
    b, _, _ = verified_build
    quiet = {f.center_id for f in b.findings if f.code == "EMAIL_DOMAIN_NO_MAIL"}
    assert "alabama-fusion-center" not in quiet and "austin-regional-intelligence-center" not in quiet


def test_columns_hold_each_result_and_date(verified_build):
    _, out, _ = verified_build
    with open(out / "fusion_centers.csv", newline="", encoding="utf-8") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    today = TODAY
    assert [rows["alabama-fusion-center"][c] for c in CHECK_COLUMNS] == ["plain-http-only", today, "mx", today]
    assert [rows["austin-regional-intelligence-center"][c] for c in CHECK_COLUMNS] == \
        ["moved-away", today, "implicit-mx", today]
    assert [rows["alaska-information-and-analysis-center"][c] for c in CHECK_COLUMNS] == \
        ["", "", "nxdomain", today]  # no website published: nothing to check
    assert set(CHECK_COLUMNS) <= set(CENTERS.names)


def test_report_shows_the_picture_and_the_date(verified_build):
    _, out, _ = verified_build
    html = (out / "report.html").read_text(encoding="utf-8")
    assert '<figure id="live">' in html and f'<span id="live-checked">{TODAY}</span>' in html
    assert 'data-result="website: plain-http-only" data-count="1"' in html
    assert 'data-result="email: mx" data-count="1"' in html
    assert "Live checks of" in (out / "report.md").read_text(encoding="utf-8")


def test_sources_list_the_run(verified_build):
    _, out, run_file = verified_build
    assert f"verification/{run_file.name}" in (out / "sources.csv").read_text(encoding="utf-8")


def test_stale_check_says_so(verified_build):
    b, _, _ = verified_build
    later = run(b.raw_dir, as_of=date(2031, 1, 1))
    f = next(f for f in later.findings if f.code == "WEBSITE_NO_ANSWER")
    assert "The check is stale" in f.message and "more than 180" in f.message
    assert "stale" not in _finding(b, "california-state-threat-assessment-center", "WEBSITE_NO_ANSWER").message


def test_without_a_run_the_columns_are_empty_and_no_live_finding():
    with open(RAW.parent / "out" / "fusion_centers.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert all(r[c] == "" for r in rows for c in CHECK_COLUMNS)
    with open(RAW.parent / "out" / "discrepancies.csv", newline="", encoding="utf-8") as fh:
        assert not {r["code"] for r in csv.DictReader(fh)} & LIVE_CODES
    assert '<figure id="live">' not in (RAW.parent / "out" / "report.html").read_text(encoding="utf-8")


def test_the_run_changes_only_its_columns_in_the_centers_table(verified_build, tmp_path):
    """With the check columns emptied, the verified build's centers are the committed build's
    (made without a run) byte for byte: a verification adds columns' values, nothing else."""
    _, out, _ = verified_build
    with open(out / "fusion_centers.csv", newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = [{k: ("" if k in CHECK_COLUMNS else v) for k, v in r.items()} for r in reader]
        header = reader.fieldnames
    committed = (RAW.parent / "out" / "fusion_centers.csv").read_bytes()
    with open(tmp_path / "emptied.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, header, lineterminator="\r\n" if b"\r\n" in committed else "\n")
        writer.writeheader()
        writer.writerows(rows)
    assert (tmp_path / "emptied.csv").read_bytes() == committed
