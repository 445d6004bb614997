"""The HTML extractor's reading of a large page in pieces, against its reading
of the whole tree.

A page over `PIECEWISE_THRESHOLD` characters is parsed one piece of markup at
a time. Here the threshold and the piece size are made tiny, so that the
fixtures are read in pieces, and the pieces' reading must equal, record for
record, the whole tree's. Headings and line numbers are typed in from the
fixtures in `tests/fixtures/html/`.
"""
from __future__ import annotations

from dataclasses import replace

from pathlib import Path

import pytest

import pipeline.extract.html as html_extractor
from pipeline.extract.html import decode_html, extract_html

ROOT = Path(__file__).resolve().parents[2]
HTML_DIR = ROOT / "tests" / "fixtures" / "html"
LIST_PAGE = "dhs_fusion_center_locations.html"
LISTING = "nfcausa_contact_listing.html"
ALL_PAGES = sorted(path.name for path in HTML_DIR.glob("*.html"))
# Characters of markup per piece: one element at a time, a few, many.
PIECE_SIZES = (1, 200, 5000)


def _bytes(name: str) -> bytes:
    return (HTML_DIR / name).read_bytes()


@pytest.fixture
def pieces(monkeypatch):
    """Read every page in pieces of the given size; list the (start, end) of each piece parsed."""
    parsed: list[tuple[int, int]] = []
    parse_piece = html_extractor._parse_piece

    def spy(text, start, end, voids):
        parsed.append((start, end))
        return parse_piece(text, start, end, voids)

    def read_in_pieces(size: int) -> list[tuple[int, int]]:
        monkeypatch.setattr(html_extractor, "PIECEWISE_THRESHOLD", 0)
        monkeypatch.setattr(html_extractor, "PIECE_SIZE", size)
        monkeypatch.setattr(html_extractor, "_parse_piece", spy)
        return parsed

    return read_in_pieces


def _whole(name: str):
    return extract_html(_bytes(name), name, "sha")


@pytest.mark.parametrize("size", PIECE_SIZES, ids=[f"piece-{s}" for s in PIECE_SIZES])
@pytest.mark.parametrize("name", [LISTING, LIST_PAGE], ids=["listing", "list-page"])
def test_pieces_give_the_same_extraction(name, size, pieces):
    whole = _whole(name)
    parsed = pieces(size)
    split = extract_html(_bytes(name), name, "sha")
    assert len(parsed) > 1, "the page was not read in pieces"
    assert split.documents == whole.documents
    assert split.list_entries == whole.list_entries
    assert split.blocks == whole.blocks


@pytest.mark.parametrize("size", PIECE_SIZES, ids=[f"piece-{s}" for s in PIECE_SIZES])
@pytest.mark.parametrize("name", ALL_PAGES)
def test_pieces_give_the_same_lines(name, size, pieces):
    """Every line, with its file line, block and <li> number, and the page's address, title and date."""
    text = decode_html(_bytes(name), name)
    whole = html_extractor._read_page(text, name)
    parsed = pieces(size)
    split = html_extractor._read_large_page(text, name)
    assert split is not None and len(parsed) > 1
    assert max(end - start for start, end in parsed) < len(text)
    # The piecewise path does not mark headings (it is to be removed).
    assert replace(split, lines=[replace(line, heading=None) for line in split.lines]) == \
        replace(whole, lines=[replace(line, heading=None) for line in whole.lines])


# Blocks of the listing that are not one <p> with <br>s: table rows and the
# irregular ones (a heading broken by <br>, a heading that is a link), with the
# fixture line of the heading.
LISTING_BLOCKS = [
    ("table-row", "Central Florida Intelligence Exchange (CFIX)", 108),
    ("div-of-p", "Austin Regional Intelligence Center; Austin, TX", 76),
    ("cincinnati", "Cincinnati/Hamilton County Regional Terrorism Early Warning Group; Cincinnati, OH", 121),
    ("southeastern-wisconsin", "Southeastern Wisconsin Threat Analysis Center; Milwaukee, WI", 431),
    ("wisconsin", "Wisconsin Statewide Information Center", 506),
]


@pytest.mark.parametrize("size", PIECE_SIZES, ids=[f"piece-{s}" for s in PIECE_SIZES])
@pytest.mark.parametrize("label, heading, line", LISTING_BLOCKS, ids=[b[0] for b in LISTING_BLOCKS])
def test_irregular_blocks_read_in_pieces(label, heading, line, size, pieces):
    whole = {block.heading: block for block in _whole(LISTING).blocks}
    pieces(size)
    split = {block.heading: block for block in extract_html(_bytes(LISTING), LISTING, "sha").blocks}
    assert split[heading].heading_ref.line == line
    assert split[heading] == whole[heading]


def test_list_items_keep_their_lines_in_pieces(pieces):
    text = _bytes(LIST_PAGE).decode("utf-8").split("\n")
    pieces(1)
    entries = extract_html(_bytes(LIST_PAGE), LIST_PAGE, "sha").list_entries
    assert len(entries) == 78
    for entry in entries:
        assert "<li" in text[entry.ref.line - 1]


# Markup where reading in pieces could go wrong: text and references at a
# piece's end, constructs left open, stray end tags of void elements, a form
# wrapping the page, chrome, comments, a date outside the content.
TRICKY_PAGES = {
    "entities-at-piece-ends": "<html><body><div id=\"content\"><h1>A &amp B</h1>\n<p>x &amp</p>&amp\n"
                              "<p>&#65;&#x42 c</p>tail &\n</div></body></html>",
    "open-comment-and-tag": "<html><body><main><p>a</p>\n<!-- never closed <p>b</p>\n<a href=\"x<p>c</p></main>",
    "stray-void-end-tags": "<html><body><br><img><div id=\"content\"><h1>T</h1><p>a</br>b</p><br>\n"
                           "<p>c</img>d</br>e</p></div></body></html>",
    "form-wrapping-page": "<html><body><form><div><table><tr><td><main><h2>Primary Fusion Centers</h2>\n"
                          "<ul><li>Alpha Center</li>\n<li>Beta Center</li></ul></main></td></tr></table></div>"
                          "</form><form><p>Search</p></form></body></html>",
    "chrome-and-date-outside": "<html><head><title>Page</title></head><body><nav><h1>Menu</h1></nav>\n"
                               "<div id=\"content\"><p>one</p>\n\n<pre>  two\n  </pre>\n<p>three</p></div>\n"
                               "<footer>x</footer><p>Last Published Date: July 23, 2015</p></body></html>",
    "unclosed-everything": "<html><body><div id=\"content\"><ul><li>a<li>b<p>c<div>d\n<li>e",
    "no-content-root": "<!DOCTYPE html>\n<p>one</p>\n<h1>Title</h1><p>two</p>",
}


@pytest.mark.parametrize("size", PIECE_SIZES, ids=[f"piece-{s}" for s in PIECE_SIZES])
@pytest.mark.parametrize("markup", TRICKY_PAGES.values(), ids=TRICKY_PAGES.keys())
def test_tricky_markup_reads_the_same_in_pieces(markup, size, pieces):
    whole = html_extractor._read_page(markup, "page.html")
    pieces(size)
    split = html_extractor._read_large_page(markup, "page.html")
    assert split == whole


@pytest.mark.parametrize("markup", [
    "<html><body><div id=\"content\"><p>a &#zz; b</p></div></body></html>",
], ids=["stray-character-reference"])
def test_pages_that_cannot_be_cut_are_read_whole(markup, pieces):
    pieces(1)
    assert html_extractor._read_large_page(markup, "page.html") is None
    split = extract_html(markup.encode(), "page.html", "sha")
    assert split.documents[0].title == html_extractor._read_page(markup, "page.html").title


def test_small_pages_are_read_whole(monkeypatch):
    def fail(text, source):
        raise AssertionError("a small page was read in pieces")

    monkeypatch.setattr(html_extractor, "_read_large_page", fail)
    assert len(extract_html(_bytes(LISTING), LISTING, "sha").blocks) == 78
