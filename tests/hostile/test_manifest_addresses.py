"""Attacks through the raw manifest and the addresses it gives, issue 18.

Every address that reaches an output is an absolute http(s) URL or refused
with a finding; the manifest is read only if it is a regular file, and what
it sets aside or claims is said plainly.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import resource
import subprocess
import sys

import pytest

from pipeline.build import build, run
from pipeline.errors import PipelineError
from tests.hostile.attack import CAPTURE, HTML, ROOT, fifo, link_to_zero, make_raw, no_hang, one_line

LISTING = HTML / "nfcausa_contact_listing.html"


def _listing_without_address(raw):
    """The listing page with its canonical link taken out: a page that gives no address of its own."""
    text = LISTING.read_text(encoding="windows-1252")
    lines = [line for line in text.split("\n") if 'rel="canonical"' not in line]
    assert len(lines) == text.count("\n")  # exactly one line went
    path = raw / "listing.html"
    path.write_text("\n".join(lines), encoding="windows-1252")
    return path


def _entry(path, **extra):
    return {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), **extra}


def _urls(obj, key=""):
    """Every (key, text) in a JSON value whose key names an address or a link."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _urls(v, k)
    elif isinstance(obj, list):
        for v in obj:
            yield from _urls(v, key)
    elif isinstance(obj, str) and ("url" in key.lower() or key in ("path", "href", "homepage")):
        yield key, obj


@pytest.mark.parametrize("address", [
    "javascript:alert(document.domain)//https://nfcausa.org/listing",
    "data:text/html,<script>alert(1)</script>",
    "//nfcausa.org/listing",
], ids=["javascript", "data", "relative"])
def test_manifest_address_that_is_not_http_never_reaches_an_output(tmp_path, address):
    raw = tmp_path / "raw"
    raw.mkdir()
    page = _listing_without_address(raw)
    (raw / "manifest.json").write_text(json.dumps({"files": [_entry(page, url=address)]}))
    out = tmp_path / "out"
    build(raw, out)
    rows = list(csv.DictReader(io.StringIO((out / "fusion_centers.csv").read_text(encoding="utf-8"))))
    assert rows and {r["source_url"] for r in rows} == {""}
    for name in ("datasette-metadata.json", "datapackage.json", "fusion_centers.json", "fusion_centers.geojson"):
        links = [v for _, v in _urls(json.loads((out / name).read_text(encoding="utf-8")))]
        assert not [v for v in links if v and address in v], name
    hrefs = re.findall(r'href="([^"]*)"', (out / "report.html").read_text(encoding="utf-8"))
    assert hrefs and [h for h in hrefs if not h.startswith(("http://", "https://", "#"))] == []
    found = list(csv.DictReader(io.StringIO((out / "discrepancies.csv").read_text(encoding="utf-8"))))
    assert [f["severity"] for f in found if f["value"] == address] in (["warning"], ["error"])


def test_manifest_that_sets_aside_every_document_says_so(tmp_path):
    raw = make_raw(tmp_path / "raw")
    make_raw(raw, manifest={"files": [_entry(raw / CAPTURE.name, status="rejected")]})
    with pytest.raises(PipelineError) as exc:
        run(raw)
    assert "manifest" in exc.value.message and "rejected" in exc.value.message and one_line(str(exc.value))


def test_manifest_form_that_the_file_is_not_is_refused(tmp_path):
    raw = make_raw(tmp_path / "raw")
    make_raw(raw, manifest={"files": [_entry(raw / CAPTURE.name, form="pdf")]})
    with pytest.raises(PipelineError) as exc:
        run(raw)
    assert CAPTURE.name in str(exc.value) and "pdf" in exc.value.message and one_line(str(exc.value))


def test_manifest_fifo_is_refused_without_blocking(tmp_path):
    raw = make_raw(tmp_path / "raw")
    fifo(raw / "manifest.json")
    with no_hang(), pytest.raises(PipelineError) as exc:
        run(raw)
    assert "manifest.json" in str(exc.value) and "regular file" in exc.value.message


def test_source_fifo_is_refused_in_one_line(tmp_path):
    raw = make_raw(tmp_path / "raw")
    fifo(raw / "listing.html")
    with no_hang(), pytest.raises(PipelineError) as exc:
        run(raw)
    assert "listing.html" in str(exc.value) and "regular file" in exc.value.message


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GiB: the attack ends in MemoryError


def test_manifest_linked_to_a_device_is_refused(tmp_path):
    raw = make_raw(tmp_path / "raw")
    link_to_zero(raw / "manifest.json")
    done = subprocess.run([sys.executable, "-m", "pipeline", "check", "--raw", str(raw)], cwd=ROOT,
                          capture_output=True, text=True, timeout=30, preexec_fn=_limited,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 3
    assert one_line(done.stderr) and "manifest.json" in done.stderr and "regular file" in done.stderr
