"""Attacks through the documents themselves, issue 18: pages the readers
cannot parse, junk where a place line belongs, dates that cannot be true,
markup nested without end, duplicates that take a listed center's id.

Some of these are fixed by the Documents work (segmentation, the HTML
reader); they are here so that everyone runs them.
"""
from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from pipeline.build import run
from pipeline.errors import PipelineError
from tests.hostile.attack import CAPTURE, CT, HTML, capture_text, make_raw, no_hang, one_line

LIST_PAGE = HTML / "dhs_fusion_center_locations.html"
LISTING = HTML / "nfcausa_contact_listing.html"
AR = "arkansas-state-fusion-center"


def _html_raw(folder, listing_text: str):
    """A raw folder with the DHS list page and the given listing page (windows-1252, as the real one)."""
    folder.mkdir(parents=True)
    shutil.copy(LIST_PAGE, folder / LIST_PAGE.name)
    (folder / "listing.html").write_bytes(listing_text.encode("windows-1252", errors="xmlcharrefreplace"))
    return folder


def _listing() -> str:
    return LISTING.read_text(encoding="windows-1252")


def _fragment() -> str:
    """The listing's content without <html>, <head> or <body>: a fragment of a page."""
    text = _listing()
    start, end = text.index('<div id="content"'), text.rindex("</div>")
    return text[start:end + len("</div>")]


@pytest.mark.parametrize("listing", [
    pytest.param(lambda: _listing().replace("<p class=\"fcEntry\">", "&#<p class=\"fcEntry\">", 2), id="stray-&#"),
    pytest.param(_fragment, id="fragment"),
    pytest.param(lambda: "<html><head><title>Just a moment...</title></head><body><h1>Checking your browser"
                         "</h1><p>Please verify you are a human.</p></body></html>", id="captcha"),
])
def test_listing_the_reader_cannot_read_is_refused_naming_it(tmp_path, listing):
    raw = _html_raw(tmp_path / "raw", listing())
    try:
        b = run(raw)
    except PipelineError as exc:
        assert "listing.html" in str(exc) and one_line(str(exc))
        return
    blocks = [c for c in b.dataset.centers if c.block is not None]
    assert len(blocks) == 78, "read correctly, or refused naming the file"


def test_junk_line_between_heading_and_place_line_keeps_the_values_on_the_center(tmp_path):
    junk = ("Connecticut Intelligence Center\n\nHartford, Connecticut",
            "Connecticut Intelligence Center\n\nDivision of State Police\n\nHartford, Connecticut")
    b = run(make_raw(tmp_path / "raw", edit=junk))
    ct = next(c for c in b.dataset.centers if c.id == CT)
    assert ct.published("phone").value == "+18607065500"  # capture line 241
    assert "division-of-state-police" not in {c.id for c in b.dataset.centers}
    assert ct.published_text("city") == "Hartford"
    assert len(b.dataset.centers) == 78


def test_publication_date_after_the_retrieval_date_is_no_date(tmp_path):
    raw = make_raw(tmp_path / "raw", edit=("Last Published Date: July 23, 2015",
                                           "Last Published Date: December 31, 9999"))
    data = (raw / CAPTURE.name).read_bytes()
    (raw / "manifest.json").write_text(json.dumps({"files": [{
        "file": CAPTURE.name, "sha256": hashlib.sha256(data).hexdigest(), "retrieved": "2026-11-24"}]}))
    b = run(raw)
    page = next(d for d in b.dataset.documents if d.url.endswith("fusion-center-locations-and-contact-information"))
    assert not page.published
    assert any("9999" in f.value for f in b.findings if f.severity in ("warning", "error"))



def test_markup_nested_without_end_is_read_or_refused(tmp_path):
    deep = "<b>" * 20_000 + "(334) 517-2660" + "</b>" * 20_000  # far past the recursion limit
    raw = _html_raw(tmp_path / "raw", _listing().replace("(334) 517-2660", deep, 1))
    with no_hang(30):
        try:
            b = run(raw)
        except PipelineError as exc:
            assert "listing.html" in str(exc) and one_line(str(exc))
            return
    al = next(c for c in b.dataset.centers if c.id == "alabama-fusion-center")
    assert al.published("phone").value == "+13345172660"


ARKANSAS_BLOCK = ("Arkansas State Fusion Center\n\nLittle Rock, Arkansas\n\nPhone: (501) 618-8001\n\n"
                  "Toll-Free: (866) 787-2332\n\narfusioncenter@asp.arkansas.gov\n\n")



def test_listed_center_keeps_the_plain_id_over_an_unmatched_duplicate(tmp_path):
    # A second Arkansas block, earlier in the listing than the real one (capture line 141), at another number.
    text = capture_text()
    assert ARKANSAS_BLOCK in text
    dup = ARKANSAS_BLOCK.replace("(501) 618-8001", "(501) 618-8099")
    edit = ("Alabama Fusion Center\n\nMontgomery, Alabama", dup + "Alabama Fusion Center\n\nMontgomery, Alabama")
    b = run(make_raw(tmp_path / "raw", edit=edit))
    ar = next(c for c in b.dataset.centers if c.id == AR)
    assert ar.designation == "primary"


def test_list_alone_is_built_with_an_error_on_each_center(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(LIST_PAGE, raw / LIST_PAGE.name)
    b = run(raw)
    assert len(b.dataset.centers) == 78
    assert sum(f.code == "LIST_ENTRY_WITHOUT_BLOCK" for f in b.findings) == 78


@pytest.mark.parametrize("address", ["https://evil.example.com/x", "http://www.dhs.gov/another-page"])
def test_page_address_line_the_manifest_does_not_list_is_refused_at_its_line(tmp_path, address):
    text = capture_text(("\nfusion.alabama.gov\n", f"\nfusion.alabama.gov\n\n<{address}>\n"))
    line = text.split("\n").index(f"<{address}>") + 1
    data = text.encode("utf-8")
    manifest = {"files": [{"file": CAPTURE.name, "sha256": hashlib.sha256(data).hexdigest(), "urls": [
        "http://www.dhs.gov/fusion-center-locations-and-contact-information",
        "https://nfcausa.org/default.aspx/MenuItemID/117/MenuGroup/Public+Home.htm",
        "http://www.dhs.gov/state-and-major-urban-area-fusion-centers",
        "http://www.dhs.gov/national-network-fusion-centers-fact-sheet"]}]}
    raw = make_raw(tmp_path / "raw", edit=("\nfusion.alabama.gov\n", f"\nfusion.alabama.gov\n\n<{address}>\n"),
                   manifest=manifest)
    with pytest.raises(PipelineError) as exc:
        run(raw)
    assert one_line(str(exc.value)) and address in str(exc.value) and exc.value.line == line
    assert CAPTURE.name in str(exc.value)
