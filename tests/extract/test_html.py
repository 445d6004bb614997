"""The HTML extractor on HTML renditions of the capture's four pages, and on
the ways a page can differ: other markup, encodings, noise, no list, no HTML.

Expected values come from the capture (`raw/dhs_fusion_centers_capture.txt`),
either typed in from its text or read from it by the capture extractor; line
numbers are typed in from the fixtures in `tests/fixtures/html/`.
"""
from __future__ import annotations

import csv
import html
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pipeline.build import build, run
from pipeline.errors import PipelineError
from pipeline.extract import extract_document, sniff_form
from pipeline.extract.html import content_root, decode_html, extract_html, html_lines
from pipeline.extract.lines import strip_markdown_link
from pipeline.records import DocumentKind, SourceRef

ROOT = Path(__file__).resolve().parents[2]
HTML_DIR = ROOT / "tests" / "fixtures" / "html"
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
LIST_PAGE = "dhs_fusion_center_locations.html"
LISTING = "nfcausa_contact_listing.html"
LIST_2025 = "dhs_fusion_center_locations_2025.html"
STATE_PAGE = "dhs_state_and_major_urban_area_fusion_centers.html"
FACT_SHEET = "dhs_national_network_fact_sheet.html"
CAPTURE_PAGES = (LIST_PAGE, LISTING, STATE_PAGE, FACT_SHEET)


def _bytes(name: str) -> bytes:
    return (HTML_DIR / name).read_bytes()


def _extract(name: str):
    return extract_html(_bytes(name), name, "")


def _fixture_lines(name: str) -> list[str]:
    """The fixture's lines as a reader sees them (entities decoded); index 0 is line 1."""
    text = _bytes(name).decode("cp1252" if name == LISTING else "utf-8")
    return [" ".join(html.unescape(line).split()) for line in text.split("\n")]


@pytest.fixture(scope="module")
def list_page():
    return _extract(LIST_PAGE)


@pytest.fixture(scope="module")
def listing():
    return _extract(LISTING)


# (file, kind, url, title, published, published_text, last line): addresses and
# dates as the capture gives them; titles as the fixtures' <h1> (else <title>) give them.
DOCUMENTS = [
    (LIST_PAGE, DocumentKind.CENTER_LIST, "http://www.dhs.gov/fusion-center-locations-and-contact-information",
     "Fusion Center Locations and Contact Information", "2015-07-23", "July 23, 2015", 195),
    (LISTING, DocumentKind.CONTACT_LISTING, "https://nfcausa.org/default.aspx/MenuItemID/117/MenuGroup/Public+Home.htm",
     "National Fusion Center Association - Fusion Centers", "", "", 523),
    (STATE_PAGE, DocumentKind.PROSE, "http://www.dhs.gov/state-and-major-urban-area-fusion-centers",
     "State and Major Urban Area Fusion Centers", "2015-09-14", "September 14, 2015", 121),
    (FACT_SHEET, DocumentKind.PROSE, "http://www.dhs.gov/national-network-fusion-centers-fact-sheet",
     "National Network of Fusion Centers Fact Sheet", "2015-08-21", "August 21, 2015", 144),
    (LIST_2025, DocumentKind.CENTER_LIST, "https://www.dhs.gov/fusion-center-locations-and-contact-information",
     "Fusion Center Locations and Contact Information", "2025-01-17", "01/17/2025", 112),
]


@pytest.mark.parametrize("name, kind, url, title, published, published_text, last_line", DOCUMENTS,
                         ids=[d[0] for d in DOCUMENTS])
def test_document(name, kind, url, title, published, published_text, last_line):
    x = _extract(name)
    assert len(x.documents) == 1
    d = x.documents[0]
    assert (d.source, d.form, d.kind, d.url, d.title) == (name, "html", kind, url, title)
    assert (d.published, d.published_text) == (published, published_text)
    assert (d.start, d.end) == (SourceRef(name, 1), SourceRef(name, last_line))
    assert last_line == len(_bytes(name).rstrip(b"\n").split(b"\n"))


def test_documents_agree_with_the_capture(capture_extraction):
    pages = {d.url: d for d in capture_extraction.documents}
    for name in CAPTURE_PAGES:
        d = _extract(name).documents[0]
        page = pages[d.url]
        assert (d.kind, d.published, d.published_text) == (page.kind, page.published, page.published_text)
        assert page.title in ("", d.title)


@pytest.mark.parametrize("name", CAPTURE_PAGES + (LIST_2025,))
def test_dispatch_reads_fixtures_as_html(name):
    assert sniff_form(_bytes(name)) == "html"
    assert extract_document(_bytes(name), name, "abc").documents[0].form == "html"


def test_sha256_is_kept():
    assert extract_html(_bytes(LIST_PAGE), LIST_PAGE, "f" * 64).documents[0].sha256 == "f" * 64


# Capture lines of each page, without its address line.
CAPTURE_SPANS = [(LIST_PAGE, 1, 102), (LISTING, 104, 776), (STATE_PAGE, 778, 820), (FACT_SHEET, 822, 875)]


def _capture_reading(text: str) -> str:
    """A capture line as a reader of the page sees it: "[link](#)" as its text, no "- " marker."""
    text = re.sub(r"\[((?:[^\]\\]|\\.)*)\]\(#\)", lambda m: re.sub(r"\\(.)", r"\1", m.group(1)), text.strip())
    return text[2:] if text.startswith("- ") else text


@pytest.mark.parametrize("name, first, last", CAPTURE_SPANS, ids=[s[0] for s in CAPTURE_SPANS])
def test_content_lines_are_the_capture_lines(capture_lines, name, first, last):
    """The fixtures hold the capture's words, and the extractor reads them as the capture has them."""
    soup = BeautifulSoup(decode_html(_bytes(name), name).text, "html.parser")
    expected = [_capture_reading(t) for t in capture_lines[first - 1:last] if t.strip()]
    assert [line.text for line in html_lines(content_root(soup))] == expected


# --------------------------------------------------------------------- the list

def test_list_counts(list_page):
    entries = list_page.list_entries
    assert len(entries) == 78
    assert sum(e.designation == "primary" for e in entries) == 53
    assert sum(e.designation == "recognized" for e in entries) == 25
    assert list_page.blocks == ()


def _entry_key(e):
    return (e.name, e.designation, e.list_city, e.list_state, e.place_note)


def test_every_entry_equals_the_capture(list_page, capture_extraction):
    assert [_entry_key(e) for e in list_page.list_entries] == [_entry_key(e) for e in capture_extraction.list_entries]
    assert [e.text for e in list_page.list_entries] == [e.text for e in capture_extraction.list_entries]
    assert {e.url for e in list_page.list_entries} == {"http://www.dhs.gov/fusion-center-locations-and-contact-information"}
    assert {e.ref.source for e in list_page.list_entries} == {LIST_PAGE}


# (fixture line, name, designation, city, state, place) typed from the capture's bullets.
ENTRIES = [
    (75, "Alabama Fusion Center", "primary", "", "", ""),
    (94, "Louisiana State Analytical & Fusion Exchange", "primary", "", "", ""),
    (96, "Mariana Regional Fusion Center (Guam)", "primary", "", "", "Guam"),
    (119, "Southern Nevada Counter-Terrorism Center (Las Vegas, Nevada)", "primary", "", "", "Las Vegas, Nevada"),
    (126, "Washington Regional Threat and Analysis Center (Washington, D.C.)", "primary", "", "", "Washington, D.C."),
    (131, "Wisconsin Statewide Information Center", "primary", "", "", ""),
    (136, "Austin Regional Intelligence Center", "recognized", "Austin", "TX", ""),
    (141, "Cincinnati/Hamilton County Regional Terrorism Early Warning Group", "recognized", "Cincinnati", "OH", ""),
    (145, "El Paso Multi-Agency Tactical Response Information eXchange (MATRIX)", "recognized", "El Paso", "TX", ""),
    (160, "St. Louis Fusion Center", "recognized", "St. Louis", "MO", ""),
]


@pytest.mark.parametrize("line, name, designation, city, state, place", ENTRIES, ids=[e[1][:28] for e in ENTRIES])
def test_list_entries(list_page, line, name, designation, city, state, place):
    entry = next(e for e in list_page.list_entries if e.name == name)
    assert _entry_key(entry) == (name, designation, city, state, place)
    assert entry.ref.line == line


def test_every_entry_points_at_its_line(list_page):
    lines = _fixture_lines(LIST_PAGE)
    for e in list_page.list_entries:
        assert lines[e.ref.line - 1] == f"<li>{e.text}</li>"


def test_2025_variant_is_not_assumed_to_hold_78():
    x = _extract(LIST_2025)
    entries = x.list_entries
    assert len(entries) == 80
    assert sum(e.designation == "primary" for e in entries) == 55
    assert sum(e.designation == "recognized" for e in entries) == 25
    names = [e.name for e in entries]
    assert "Northern Marianas Fusion Center" in names and "American Samoa Fusion Center" in names
    # The list of related links after the centers is ended by its own heading.
    assert "Fusion Center Success Stories" not in names
    lines = _fixture_lines(LIST_2025)
    assert lines[20 - 1] == "<li>American Samoa Fusion Center</li>"
    assert next(e for e in entries if e.name == "American Samoa Fusion Center").ref.line == 20


# ------------------------------------------------------------------ the listing

def _block_key(b):
    return (strip_markdown_link(b.heading), b.location.text if b.location else None,
            [(f.label, f.text) for f in b.fields])


def test_listing_has_one_block_per_center(listing):
    assert len(listing.blocks) == 78
    assert listing.list_entries == ()
    assert all(b.location is not None for b in listing.blocks)
    assert {b.url for b in listing.blocks} == {"https://nfcausa.org/default.aspx/MenuItemID/117/MenuGroup/Public+Home.htm"}


def test_every_block_equals_the_capture(listing, capture_extraction):
    assert [_block_key(b) for b in listing.blocks] == [_block_key(b) for b in capture_extraction.blocks]


def test_every_value_points_at_its_line(listing):
    lines = _fixture_lines(LISTING)
    for b in listing.blocks:
        assert b.heading.split(";")[0] in lines[b.heading_ref.line - 1]
        for f in (b.location, *b.fields):
            assert f.text in lines[f.ref.line - 1], (b.heading, f)


# (heading, location, [(label, text, fixture line)], fixture line of the heading):
# texts typed from the capture, lines from the fixture.
IRREGULAR_BLOCKS = {
    "heading over two lines": (
        121, "Cincinnati/Hamilton County Regional Terrorism Early Warning Group; Cincinnati, OH",
        ("Cincinnati, Ohio", 123), [
            ("Phone", "(513) 263-8000", 124), ("Fax", "(513) 263-8225", 125),
            ("Email", "tewg@hamilton-co.org", 126), ("Website", "www.hamiltoncountyohio-tewg.org", 127)]),
    "heading as a link": (
        506, "Wisconsin Statewide Information Center", ("Madison, Wisconsin", 507), [
            ("Phone", "(608) 242-5393", 508), ("Email", "wsic@doj.state.wi.us", 509),
            ("Website", "www.doj.state.wi.us/dci", 510)]),
    "colon for semicolon": (
        224, "Los Angeles Joint Regional Intelligence Center: Los Angeles, CA", ("Norwalk, California", 225), [
            ("Phone", "(562) 345-1100", 226), ("Fax", "(562) 345-1766", 227), ("Email", "jric@jric.org", 228),
            ("Website", "www.jric.org", 229)]),
    "zip in location": (
        236, "Maine Information and Analysis Center", ("Augusta, Maine 04330-0164", 237), [
            ("Phone", "(207) 624-7280", 238), ("Toll-Free", "(877) 786-3636", 239),
            ("Email", "intel.msp@maine.gov", 240)]),
    "doubled location": (
        488, "Washington Regional Threat and Analysis Center (Washington, D.C.)",
        ("Washington, DC, Washington DC", 489), [
            ("Phone", "(202) 481-3075", 490), ("Email", "wrtac@dc.gov", 491)]),
    "no phone": (
        243, "Mariana Regional Fusion Center (Guam)", ("Agana Heights, Guam", 244), [
            ("Email", "info@mlrin.org", 245)]),
    "no email": (
        453, "Southwestern PA Region 13 Fusion Center; Pittsburgh, PA", ("Pittsburgh, Pennsylvania", 454), [
            ("Phone", "(412) 473-2550", 455)]),
    "website holding an email": (
        383, "Oregon Terrorism Information Threat Assessment Network", ("Salem, Oregon", 384), [
            ("Phone", "(503) 378-6347", 385), ("Email", "oregonfusioncenter@doj.state.or.us", 386),
            ("Website", "www.oregonfusioncenter@doj.state.or.us", 387)]),
    "whole block on one line": (
        140, "Delaware Information and Analysis Center", ("Dover, Delaware", 140), [
            ("Fax", "(302) 739-1609", 140), ("Alternate Phone", "(302) 739-5996", 140),
            ("Toll-Free", "(800) 367-2312", 140), ("Email", "diac@state.de.us", 140),
            ("Website", "www.dediac.org", 140)]),
    "labels in <strong> and &nbsp;": (
        51, "Alabama Fusion Center", ("Montgomery, Alabama", 52), [
            ("Phone", "(334) 517-2660", 53), ("Fax", "(334) 517-2746", 54), ("Toll-Free", "(866) 229-6220", 55),
            ("Email", "fusioncenter@alacop.gov", 56), ("Website", "fusion.alabama.gov", 57)]),
}


@pytest.mark.parametrize("case", list(IRREGULAR_BLOCKS))
def test_irregular_blocks(listing, case):
    line, heading, (location, location_line), fields = IRREGULAR_BLOCKS[case]
    block = next(b for b in listing.blocks if b.heading == heading)
    assert block.heading_ref.line == line
    assert (block.location.text, block.location.ref.line) == (location, location_line)
    assert [(f.label, f.text, f.ref.line) for f in block.fields] == fields
    assert all(f.ref.source == LISTING for f in block.fields)


def test_field_raw_is_the_joined_line(listing):
    alabama = listing.blocks[0]
    assert [f.raw for f in alabama.fields[:3]] == [
        "Phone: (334) 517-2660", "Fax: (334) 517-2746", "Toll-Free: (866) 229-6220"]


# ------------------------------------------------------------------- the noise

def test_the_closing_date_line_ends_the_list():
    page = ("<html><body><main><h2>Recognized Fusion Centers</h2><ul><li>Alpha Center; Austin, TX</li></ul>"
            "<div>Last Published Date: July 23, 2015</div><ul><li>Share on Facebook</li></ul></main></body></html>")
    x = extract_html(page.encode(), "share.html", "")
    assert [(e.name, e.list_city, e.list_state) for e in x.list_entries] == [("Alpha Center", "Austin", "TX")]


def test_chrome_around_the_content_is_ignored(list_page, listing):
    names = {e.name for e in list_page.list_entries}
    assert not names & {"Topics", "News", "Home", "Privacy Policy", "Yes", "No"}
    headings = {b.heading for b in listing.blocks}
    assert "NFCA Office" not in headings  # the sidebar's own phone numbers
    assert not any("(202) 555-014" in f.text for b in listing.blocks for f in b.fields)


NOISY_PAGE = """<!DOCTYPE html>
<html><head><title>Noise</title><script>var t = "Primary Fusion Centers";</script></head>
<body>
<main>
<!-- Primary Fusion Centers
<ul><li>Commented Out Center</li></ul> -->
<nav><h2>Primary Fusion Centers</h2><ul><li>Menu Item</li></ul></nav>
<script>
document.write("<li>Scripted Center</li>");
</script>
<style>li::before { content: "Styled Center"; }</style>
<noscript><ul><li>Noscript Center</li></ul></noscript>
<form role="search"><label>Search</label><input name="q"><button>Go</button></form>
<h2>Primary Fusion Centers</h2>
<ul>
<li><a href="/alpha">Alpha</a> <em>Fusion</em> Center</li>
<li>Beta
    Fusion Center</li>
</ul>
<aside><ul><li>Aside Center</li></ul></aside>
</main>
</body></html>
"""


def test_script_comment_nav_noise_inside_the_content_is_ignored():
    x = extract_html(NOISY_PAGE.encode(), "noisy.html", "")
    assert [(e.name, e.ref.line) for e in x.list_entries] == [("Alpha Fusion Center", 16), ("Beta Fusion Center", 17)]


def test_lines_split_at_blocks_and_br_and_join_inline_text():
    page = ("<html><body><div id='content'><p><strong>Phone:</strong>&nbsp;(334)\n 517-2660<br>"
            "<a href='mailto:a@b.org'>a@b.org</a></p><table><tr><td>One</td><td>Two</td></tr></table>"
            "<div>Three<span>Four</span></div>\n<div>Five\nsix</div>\nSeven<!-- a\nb -->\n<p>Eight</p>"
            "<div>Nine</div><!-- c\nd -->\nTen<script>\nx()\n</script><div>Eleven</div></div></body></html>")
    root = BeautifulSoup(page, "html.parser").select_one("#content")
    assert [(line.text, line.line, line.block) for line in html_lines(root)] == [
        ("Phone: (334) 517-2660", 1, "p"), ("a@b.org", 2, "p"), ("One", 2, "td"), ("Two", 2, "td"),
        ("ThreeFour", 2, "div"), ("Five six", 3, "div"), ("Seven", 5, "div"), ("Eight", 7, "p"), ("Nine", 7, "div"),
        ("Ten", 9, "div"), ("Eleven", 11, "div")]


# -------------------------------------------------------- encodings and line ends

@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_bom_and_crlf_keep_line_numbers(list_page, listing, bom, newline):
    x = extract_html(bom + _bytes(LIST_PAGE).replace(b"\n", newline), LIST_PAGE, "")
    assert [(e.name, e.ref.line) for e in x.list_entries] == [(e.name, e.ref.line) for e in list_page.list_entries]
    assert x.documents[0].end.line == 195
    y = extract_html(bom + _bytes(LISTING).replace(b"\n", newline), LISTING, "")
    assert [(b.heading, b.heading_ref.line) for b in y.blocks] == \
        [(b.heading, b.heading_ref.line) for b in listing.blocks]


CAFE_PAGE = ("<html><head>{meta}</head><body><main><p>Caf\u00e9 Center</p><p>San Juan, Puerto Rico</p>"
             "<p>Phone: (787) 555-0100</p><p>Fax: (787) 555-0101</p><p>Toll-Free: (800) 555-0102</p>"
             "</main></body></html>")


@pytest.mark.parametrize("meta, codec", [
    ('<meta charset="iso-8859-1">', "latin-1"),
    ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', "cp1252"),
    ('<meta charset="utf-8">', "utf-8"),
    ("", "utf-8"),
    ("", "cp1252"),
    ('<meta charset="no-such-codec">', "utf-8"),
    ("", "utf-16"),
], ids=["latin-1 declared", "windows-1252 declared", "utf-8 declared", "utf-8 undeclared",
        "cp1252 undeclared", "unknown charset", "utf-16 with bom"])
def test_charset(meta, codec):
    x = extract_html(CAFE_PAGE.format(meta=meta).encode(codec), "cafe.html", "")
    assert x.documents[0].kind == DocumentKind.CONTACT_LISTING
    assert [b.heading for b in x.blocks] == ["Caf\u00e9 Center"]


def test_latin_1_label_is_read_as_windows_1252_as_browsers_do():
    page = CAFE_PAGE.format(meta='<meta charset="ISO-8859-1">').replace("Caf\u00e9", "O\u2019Hare")
    x = extract_html(page.encode("cp1252"), "quote.html", "")
    assert [b.heading for b in x.blocks] == ["O\u2019Hare Center"]


def test_the_listing_is_read_with_its_declared_windows_1252():
    data = _bytes(LISTING)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the footer's copyright sign is one cp1252 byte
    assert len(extract_html(data, LISTING, "").blocks) == 78


# --------------------------------------------------- other markup, other pages

def test_aspnet_form_around_the_whole_page_is_not_dropped():
    page = ("<html><body><form id='aspnetForm' method='post'><table><tr><td>"
            "Alpha Center<br>Town, Ohio<br>Phone: (614) 555-0100<br>Fax: (614) 555-0101<br>"
            "Toll-Free: (800) 555-0199</td></tr></table>"
            "<form class='search'><p>Phone: (000) 555-0000</p></form></form></body></html>")
    x = extract_html(page.encode(), "aspnet.html", "")
    assert [(b.heading, [f.label for f in b.fields]) for b in x.blocks] == [
        ("Alpha Center", ["Phone", "Fax", "Toll-Free"])]


def test_a_listing_title_inside_the_content_is_not_a_center():
    page = CAFE_PAGE.format(meta="").replace("<main>", "<main><h1>Fusion Center Contacts</h1>")
    x = extract_html(page.encode(), "titled.html", "")
    assert x.documents[0].title == "Fusion Center Contacts"
    assert [b.heading for b in x.blocks] == ["Caf\u00e9 Center"]


def test_title_and_address_fallbacks():
    page = ('<html><head><title> Fusion  Centers | DHS </title>'
            '<meta property="og:url" content="https://www.dhs.gov/fc"></head>'
            "<body><main><p>Nothing listed.</p></main><div>Last Updated: 01/17/2025</div></body></html>")
    d = extract_html(page.encode(), "p.html", "").documents[0]
    assert (d.title, d.url, d.published, d.published_text) == ("Fusion Centers | DHS", "https://www.dhs.gov/fc",
                                                              "2025-01-17", "01/17/2025")
    bare = extract_html(b"<html><body><p>Hello</p></body></html>", "bare.html", "").documents[0]
    assert (bare.title, bare.url, bare.published) == ("", "", "")


def test_unrelated_page_is_prose():
    page = ("<!DOCTYPE html><html><head><title>Page Not Found</title></head><body><header><nav>"
            "<a href='/'>Home</a></nav></header><main><h1>Page Not Found</h1><p>The page you requested "
            "could not be found.</p><ul><li>Return home</li></ul></main></body></html>")
    x = extract_html(page.encode(), "404.html", "")
    assert (x.documents[0].kind, x.documents[0].title) == (DocumentKind.PROSE, "Page Not Found")
    assert (x.list_entries, x.blocks) == ((), ())


def test_list_headings_without_items_name_the_file_and_line():
    page = ("<!DOCTYPE html>\n<html><body><main>\n<h1>Fusion Center Locations</h1>\n"
            "<h2>Primary Fusion Centers</h2>\n<p>Coming soon.</p>\n"
            "<h2>Recognized Fusion Centers</h2>\n</main></body></html>\n")
    with pytest.raises(PipelineError) as exc:
        extract_html(page.encode(), "empty_list.html", "")
    assert (exc.value.source, exc.value.line) == ("empty_list.html", 4)
    assert "no list items" in exc.value.message and "<li>" in exc.value.message


@pytest.mark.parametrize("data, needle", [
    (b"Alabama Fusion Center\nMontgomery, Alabama\nPhone: (334) 517-2660\n", "not an HTML page"),
    (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "not an HTML page"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
], ids=["text", "pdf", "binary"])
def test_not_html_names_the_file_and_what_was_expected(data, needle):
    with pytest.raises(PipelineError) as exc:
        extract_html(data, "not_a_page.html", "")
    assert exc.value.source == "not_a_page.html" and needle in exc.value.message


def test_extraction_is_deterministic():
    assert _extract(LISTING) == _extract(LISTING)


# ------------------------------------------------------------------- the build

PROVENANCE = {"source_url", "source_line", "source_file", "heading", "match_method", "match_score"}


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [{k: v for k, v in row.items() if k not in PROVENANCE} for row in csv.DictReader(fh)]


@pytest.fixture(scope="module")
def html_raw(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("raw_html")
    for name in CAPTURE_PAGES:
        shutil.copy(HTML_DIR / name, folder / name)
    return folder


def test_run_on_the_html_pages_gives_78_centers(html_raw):
    b = run(html_raw)
    assert len(b.dataset.centers) == 78
    assert sum(c.designation == "primary" for c in b.dataset.centers) == 53
    assert all(c.block is not None and c.entry is not None for c in b.dataset.centers)


def test_build_of_the_html_pages_equals_the_build_of_the_capture(html_raw, tmp_path):
    text_raw = tmp_path / "raw_text"
    text_raw.mkdir()
    shutil.copy(CAPTURE, text_raw / CAPTURE.name)
    as_of = date(2026, 11, 24)
    build(html_raw, tmp_path / "out_html", as_of)
    build(text_raw, tmp_path / "out_text", as_of)
    from_html = _csv_rows(tmp_path / "out_html" / "fusion_centers.csv")
    from_text = _csv_rows(tmp_path / "out_text" / "fusion_centers.csv")
    assert len(from_html) == 78
    assert list(from_html[0])[:12] == ["id", "name", "designation", "city", "state", "zip", "phone", "fax",
                                       "alt_phone", "toll_free", "email", "website"]
    assert from_html == from_text


def test_a_page_over_the_size_limit_is_refused_in_one_line():
    from pipeline.extract.html import MAX_HTML_BYTES
    page = b"<html><body><main><p>" + b"x" * MAX_HTML_BYTES + b"</p></main></body></html>"
    with pytest.raises(PipelineError) as exc:
        extract_document(page, "huge.html", "")
    assert str(exc.value).startswith("huge.html: is an HTML page of ") and "5,000,000" in str(exc.value)
    assert "\n" not in str(exc.value)


# ---- a page's own address: only a well-formed http(s) address is used (issue 10) ----

_HOSTILE_CANONICAL = [
    "javascript:alert(document.cookie)",
    'http://evil.example/"><script>alert(1)</script>',
    "data:text/html,<b>x</b>",
    "http://evil example/",
]


@pytest.mark.parametrize("href", _HOSTILE_CANONICAL, ids=["javascript", "quote-and-tag", "data", "space"])
def test_a_hostile_canonical_link_falls_back_to_the_manifest_address(href):
    from datetime import date

    from pipeline.check import run_checks
    from pipeline.extract import extract_document
    from pipeline.normalize.dataset import normalize
    page = (HTML_DIR / "nfcausa_contact_listing.html").read_text(encoding="cp1252")  # the page declares windows-1252
    head = '<head id="ctl00_Head1">'
    assert head in page
    page = page.replace(head, f'{head}<link rel="canonical" href="{html.escape(href)}">', 1)
    manifest_url = "https://nfcausa.org/default.aspx/MenuItemID/117/MenuGroup/Public+Home.htm"
    x = extract_document(page.encode("cp1252"), "listing.html", "", fallback_url=manifest_url)
    assert [d.url for d in x.documents] == [manifest_url]
    assert {b.url for b in x.blocks} == {manifest_url}
    found = run_checks(normalize([x]), date(2026, 11, 24))
    rejected = [f for f in found if f.code == "SOURCE_ADDRESS_REJECTED"]
    assert [(f.value, f.source, f.field) for f in rejected] == [(href, "listing.html", "source_url")]
