"""The PDF extractor against PDFs made from the capture's contact listing.

The fixtures are rendered from the capture's text by
tests/fixtures/pdf/make_contact_listing_pdf.py, without the pipeline, so the
blocks read back from them must be the blocks the capture extractor reads from
the capture itself. Expected values are typed from the capture's text.
"""
from __future__ import annotations

import csv
import functools
import io
import json
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from pipeline.build import build
from pipeline.errors import PipelineError
from pipeline.extract import extract_document
from pipeline.extract.capture import extract_capture
from pipeline.extract.lines import strip_markdown_link
from pipeline.extract.pdf import extract_pdf
from pipeline.extract.pdf.layout import find_gutters
from pipeline.extract.pdf.order import address_goes_on
from pipeline.extract.pdf.pages import group_lines, read_pages
from pipeline.records import ContactBlock, DocumentKind, SourceRef
from tests.extract.corpus import extraction
from tests.extract.drawn import drawn_page, read_blocks

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
GENERATOR = FIXTURES / "make_contact_listing_pdf.py"
LISTING = FIXTURES / "contact_listing.pdf"
ONE_COLUMN = FIXTURES / "contact_listing_one_column.pdf"

# Typed from the capture: line 777, the address ending the contact listing.
LISTING_URL = "https://nfcausa.org/default.aspx/MenuItemID/117/MenuGroup/Public+Home.htm"
HEADER = "Fusion Center Contact Information"
CENTERS = 78  # 53 primary + 25 recognized
PROVENANCE_COLUMNS = ("source_url", "source_line", "source_file", "heading", "match_method", "match_score")


def block_key(block: ContactBlock) -> tuple[str, str | None, list[tuple[str, str]]]:
    location = block.location.text if block.location else None
    return strip_markdown_link(block.heading), location, [(f.label, f.text) for f in block.fields]


def block_lines(block: ContactBlock):
    """Every source line of a block, in order: heading, location, fields."""
    yield block.heading, block.heading_ref
    if block.location:
        yield block.location.text, block.location.ref
    for f in block.fields:
        yield f.raw, f.ref


def read_pdf(path: Path):
    return extract_pdf(path.read_bytes(), path.name, "0" * 64)


CAPTURE_BLOCKS = extract_capture(CAPTURE.read_bytes(), CAPTURE.name, "0" * 64).blocks


@functools.cache
def listing_extraction():
    """The listing PDF as the reader gives it, read once."""
    return read_pdf(LISTING)


@functools.cache
def pdf_blocks() -> dict:
    """The listing PDF's blocks by heading."""
    return {strip_markdown_link(b.heading): b for b in listing_extraction().blocks}


def test_generator_makes_the_committed_fixtures_byte_for_byte(tmp_path):
    run = subprocess.run([sys.executable, str(GENERATOR), str(tmp_path)],
                         capture_output=True, text=True, check=True)
    assert "contact_listing.pdf" in run.stdout
    for name in (LISTING.name, ONE_COLUMN.name):
        assert (tmp_path / name).read_bytes() == (FIXTURES / name).read_bytes(), name


def test_fixture_has_several_pages_of_two_columns():
    with pdfplumber.open(LISTING) as pdf:
        assert len(pdf.pages) >= 2
        for page in pdf.pages[:-1]:
            half = float(page.width) / 2
            body = [w for w in page.extract_words() if 80 < w["top"] < float(page.height) - 80]
            assert any(w["x1"] < half for w in body) and any(w["x0"] > half for w in body)
    page_one, page = read_first_page_words(LISTING)
    assert len(find_gutters(page_one, page, 10.0)) == 1  # one gutter: two columns


def read_first_page_words(path: Path):
    """Page 1's words without its header and footer lines, and the page."""
    pages, _ = read_pages(path.read_bytes(), path.name)
    lines = group_lines(pages[0].words)
    body = [line for line in lines if HEADER not in line.text and "Page 1 of" not in line.text]
    return [w for line in body for w in line.words], pages[0]


def test_listing_holds_one_block_per_center():
    assert len(listing_extraction().blocks) == CENTERS
    assert len(CAPTURE_BLOCKS) == CENTERS


@pytest.mark.parametrize("index", range(len(CAPTURE_BLOCKS)),
                         ids=[strip_markdown_link(b.heading)[:40] for b in CAPTURE_BLOCKS])
def test_block_equals_the_capture_block(index):
    assert block_key(listing_extraction().blocks[index]) == block_key(CAPTURE_BLOCKS[index])


# (heading, location, fields) typed from the capture's text.
IRREGULAR = [
    pytest.param(
        "Cincinnati/Hamilton County Regional Terrorism Early Warning Group; Cincinnati, OH", "Cincinnati, Ohio",
        [("Phone", "(513) 263-8000"), ("Fax", "(513) 263-8225"), ("Email", "tewg@hamilton-co.org"),
         ("Website", "www.hamiltoncountyohio-tewg.org")], id="cincinnati-heading-over-two-lines"),
    pytest.param(
        "Los Angeles Joint Regional Intelligence Center: Los Angeles, CA", "Norwalk, California",
        [("Phone", "(562) 345-1100"), ("Fax", "(562) 345-1766"), ("Email", "jric@jric.org"),
         ("Website", "www.jric.org")], id="los-angeles-colon"),
    pytest.param(
        "Maine Information and Analysis Center", "Augusta, Maine 04330-0164",
        [("Phone", "(207) 624-7280"), ("Toll-Free", "(877) 786-3636"), ("Email", "intel.msp@maine.gov")],
        id="maine-zip"),
    pytest.param(
        "Washington Regional Threat and Analysis Center (Washington, D.C.)", "Washington, DC, Washington DC",
        [("Phone", "(202) 481-3075"), ("Email", "wrtac@dc.gov")], id="dc-doubled-place"),
    pytest.param(
        "Mariana Regional Fusion Center (Guam)", "Agana Heights, Guam",
        [("Email", "info@mlrin.org")], id="guam-no-phone"),
    pytest.param(
        "Southwestern PA Region 13 Fusion Center; Pittsburgh, PA", "Pittsburgh, Pennsylvania",
        [("Phone", "(412) 473-2550")], id="southwestern-pa-no-email"),
    pytest.param(
        "Oregon Terrorism Information Threat Assessment Network", "Salem, Oregon",
        [("Phone", "(503) 378-6347"), ("Email", "oregonfusioncenter@doj.state.or.us"),
         ("Website", "www.oregonfusioncenter@doj.state.or.us")], id="oregon-website-with-at"),
    pytest.param(
        "South Carolina Information and Intelligence Center", "Columbia, South Carolina",
        [("Phone", "(866) 472-8477"), ("Toll-Free", "(803) 896-7133"), ("Email", "sciic@sled.sc.gov"),
         ("Website", "www.sled.sc.gov")], id="south-carolina-numbers-as-written"),
    pytest.param(
        "Wisconsin Statewide Information Center", "Madison, Wisconsin",
        [("Phone", "(608) 242-5393"), ("Email", "wsic@doj.state.wi.us"), ("Website", "www.doj.state.wi.us/dci")],
        id="wisconsin-without-link-brackets"),
    pytest.param(
        "El Paso Multi-Agency Tactical Response Information eXchange (MATRIX); El Paso, TX", "El Paso, Texas",
        [("Phone", "(915) 680-6500"), ("Email", "pdfusion@elpasotexas.gov")], id="el-paso-wrapped-heading"),
]


@pytest.mark.parametrize("heading, location, fields", IRREGULAR)
def test_irregular_block(heading, location, fields):
    block = pdf_blocks()[heading]
    assert block.heading == heading
    assert block.location is not None and block.location.text == location
    assert [(f.label, f.text) for f in block.fields] == fields


def test_a_block_runs_across_a_page_break_with_provenance_on_both_pages():
    crossing = [b for b in listing_extraction().blocks if len({ref.page for _, ref in block_lines(b)}) == 2]
    assert crossing
    for block in crossing:
        pages = [ref.page for _, ref in block_lines(block)]
        assert pages == sorted(pages) and pages[-1] == pages[0] + 1
        first_on_next_page = next(ref for _, ref in block_lines(block) if ref.page == pages[-1])
        assert first_on_next_page.line == 1


def test_every_line_points_at_its_page_and_number():
    with pdfplumber.open(LISTING) as pdf:
        page_texts = [page.extract_text() for page in pdf.pages]
    numbers_by_page: dict[int, list[int]] = {}
    for block in listing_extraction().blocks:
        for text, ref in block_lines(block):
            assert ref.source == LISTING.name
            numbers_by_page.setdefault(ref.page, []).append(ref.line)
            # A heading may be wrapped in the PDF; its first word starts its line.
            shown = text.split()[0] if text == block.heading else text
            assert shown in page_texts[ref.page - 1], (text, ref)
    assert sorted(numbers_by_page) == list(range(1, len(page_texts) + 1))
    for page, numbers in numbers_by_page.items():
        assert numbers[0] == 1, page
        assert numbers == sorted(set(numbers)), page


@pytest.mark.parametrize("furniture", [HEADER, "Page ", "nfcausa.org", "MenuItemID"])
def test_header_and_footer_never_leak_into_a_block(furniture):
    for block in listing_extraction().blocks:
        for text, _ in block_lines(block):
            assert furniture not in text, (block.heading, text)


def test_document_is_the_listing_with_the_footer_address():
    with pdfplumber.open(LISTING) as pdf:
        pages = len(pdf.pages)
    (document,) = listing_extraction().documents
    assert (document.form, document.kind) == ("pdf", DocumentKind.CONTACT_LISTING)
    assert (document.url, document.title) == (LISTING_URL, HEADER)
    assert (document.start.page, document.end.page) == (1, pages) and document.span == (1, pages)
    assert (document.published, document.published_text) == ("", "")
    assert all(b.url == LISTING_URL for b in listing_extraction().blocks)
    assert listing_extraction().list_entries == ()


def test_dispatch_by_content_reads_the_pdf_and_the_capture_never_loads_pdfplumber():
    assert extract_document(LISTING.read_bytes(), LISTING.name, "0" * 64) == listing_extraction()
    probe = ("import sys; from pathlib import Path; from pipeline.extract import extract_document; "
             f"extract_document(Path({str(CAPTURE)!r}).read_bytes(), 'c.txt', ''); "
             "print('pdfplumber' in sys.modules, 'pdfminer' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert run.stdout.split() == ["False", "False"]


def test_one_column_fixture():
    extraction = read_pdf(ONE_COLUMN)
    (document,) = extraction.documents
    assert (document.kind, document.url, document.title) == (DocumentKind.CONTACT_LISTING, LISTING_URL, HEADER)
    assert (document.start.page, document.end.page) == (1, 1)
    assert find_gutters(*read_first_page_words(ONE_COLUMN), 10.0) == []
    assert len(extraction.blocks) == 9
    assert [block_key(b) for b in extraction.blocks] == [block_key(b) for b in CAPTURE_BLOCKS[:9]]
    assert [b.heading_ref.line for b in extraction.blocks[:3]] == [1, 8, 13]  # capture: 7 and 5 lines


def make_pdf(lines: list[str], *, pages: int = 1, header: str = "", header_size: float = 10,
             footer: str = "", title: str | None = None, subject: str | None = None,
             encrypt: StandardEncryption | None = None) -> bytes:
    """A small PDF: the same lines on each page in 10 pt, a header and a footer."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1, encrypt=encrypt)
    if title:
        canvas.setTitle(title)
    if subject:
        canvas.setSubject(subject)
    for _ in range(pages):
        canvas.setFont("Helvetica", header_size)
        canvas.drawString(72, 750, header)
        canvas.setFont("Helvetica", 10)
        for i, text in enumerate(lines):
            canvas.drawString(72, 680 - 14 * i, text)
        canvas.drawString(72, 36, footer)
        canvas.rect(72, 100, 200, 100)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


PROSE_LINES = ["National Network of Fusion Centers", "Fusion centers are owned and operated by state",
               "and local entities with support from federal partners.", "Last Published Date: July 23, 2015"]


def test_a_pdf_without_phone_lines_is_prose_with_its_date():
    extraction = extract_pdf(make_pdf(PROSE_LINES), "prose.pdf", "")
    (document,) = extraction.documents
    assert (document.kind, document.published, document.published_text) == (
        DocumentKind.PROSE, "2015-07-23", "July 23, 2015")
    assert (document.url, document.title) == ("", "")
    assert extraction.blocks == ()


def test_address_and_title_fall_back_to_the_metadata():
    data = make_pdf(PROSE_LINES, title="Fact Sheet", subject="Captured from http://www.dhs.gov/fact-sheet")
    (document,) = extract_pdf(data, "prose.pdf", "").documents
    assert (document.url, document.title) == ("http://www.dhs.gov/fact-sheet", "Fact Sheet")


# Typed from the capture's first block, lines 106-118.
ALABAMA = ["Alabama Fusion Center", "Montgomery, Alabama", "Phone: (334) 517-2660", "Fax: (334) 517-2746",
           "Toll-Free: (866) 229-6220", "fusioncenter@alacop.gov", "fusion.alabama.gov"]


def test_a_footer_of_address_and_page_number_in_the_body_size_is_set_aside():
    data = make_pdf(ALABAMA, subject="Captured from http://www.dhs.gov/other",
                    footer=f"{LISTING_URL}   Page 1 of 1")
    extraction = extract_pdf(data, "one.pdf", "")
    assert extraction.documents[0].url == LISTING_URL
    (block,) = extraction.blocks
    assert [f.raw for f in block.fields] == ALABAMA[2:]


@pytest.mark.parametrize("pages, header_size, title", [
    pytest.param(2, 10, None, id="repeats-on-every-page"),
    pytest.param(1, 8, None, id="set-smaller-than-the-body"),
    pytest.param(1, 10, "Contact List", id="is-the-metadata-title"),
])
def test_a_running_header_is_set_aside_and_is_the_title(pages, header_size, title):
    data = make_pdf(ALABAMA, pages=pages, header="Contact List", header_size=header_size, title=title)
    extraction = extract_pdf(data, "one.pdf", "")
    assert extraction.documents[0].title == "Contact List"
    assert [b.heading for b in extraction.blocks] == ["Alabama Fusion Center"] * pages
    assert [b.heading_ref for b in extraction.blocks] == [SourceRef("one.pdf", 1, p + 1) for p in range(pages)]


def test_column_headings_set_smaller_at_the_top_of_the_page_are_text_not_a_header():
    """Three columns whose first lines are each a block's heading, set a little smaller than the
    body (7.5 pt on 8 pt) and standing in the page's top margin band: they stand a line's leading
    above their place lines, not apart from the text as a header does, and head their blocks."""
    blocks = [ALABAMA, ["ALPHA FUSION CENTER", "Columbus, Ohio", "Phone: (614) 555-0100", "alpha@example.org"],
              ["BETA FUSION CENTER", "Dayton, Ohio", "Phone: (937) 555-0101", "beta@example.org"]]

    def draw(c):
        for column, lines in enumerate(blocks):
            for row, text in enumerate(lines):
                c.setFont("Helvetica-Bold" if row == 0 else "Helvetica", 7.5 if row == 0 else 8)
                c.drawString(40 + 180 * column, 792 - 40 - 9.5 * row, text)

    assert [(heading, place) for heading, place, _ in read_blocks(drawn_page(draw))] == [
        ("Alabama Fusion Center", "Montgomery, Alabama"), ("ALPHA FUSION CENTER", "Columbus, Ohio"),
        ("BETA FUSION CENTER", "Dayton, Ohio")]


def test_a_label_column_beside_its_values_gives_labeled_fields_and_an_address_wraps_in_its_column():
    """A form's label column ("Tel", "E-mail", no colons) beside its value column, as a definition
    list set in a grid prints: each row is a labeled value, and an address the value column was too
    narrow for goes on in that column on the next line ("…@houstonpolic" / "e.org", "…ms." / "gov/…")."""
    rows = [("", "Arkansas State Fusion Center"), ("Location", "Little Rock, Arkansas"), ("Tel", "501.618.8001"),
            ("E-mail", "HRISC-Fusioncenter@houstonpolic"), ("", "e.org"), ("", "Alpha Fusion Center"),
            ("Location", "Columbus, Ohio"), ("Tel", "614.555.0100"), ("Facsimile", "614.555.0101"),
            ("Web", "www.homelandsecurity.ms."), ("", "gov/msaic.html")]

    def draw(c):
        for row, (label, value) in enumerate(rows):
            c.setFont("Helvetica-Bold", 8)
            c.drawString(60, 700 - 10 * row, label)
            c.setFont("Helvetica-Bold" if not label and value[0].isupper() else "Helvetica", 8)
            c.drawString(60 if not label and value[0].isupper() else 110, 700 - 10 * row, value)

    assert read_blocks(drawn_page(draw)) == [
        ("Arkansas State Fusion Center", "Little Rock, Arkansas",
         [("Phone", "501.618.8001"), ("Email", "HRISC-Fusioncenter@houstonpolice.org")]),
        ("Alpha Fusion Center", "Columbus, Ohio",
         [("Phone", "614.555.0100"), ("Fax", "614.555.0101"), ("Website", "www.homelandsecurity.ms.gov/msaic.html")])]


def test_a_drawn_table_of_labels_and_values_under_merged_name_rows_is_read_row_by_row():
    """A word processor's table per center (a name row merged across both columns, then a label
    cell and a value cell a row), its borders drawn at the cells' edges: the row borders cross the
    top of each line's box (a font's box reaches above its capitals), and a long name runs across
    the column border's place in its merged row. Each row is read apart, the name whole, and each
    table on its own, a short name row under the table above it never cut at that table's gutter."""
    blocks = [("Alpha Fusion Center", [("Location", "Columbus, Ohio"), ("Telephone", "(614) 555-0100"),
                                       ("Facsimile", "(614) 555-0101"), ("E-mail", "alpha@example.org")]),
              ("Beta Fusion Center", [("Location", "Dayton, Ohio"), ("Telephone", "(937) 555-0101")]),
              ("Kansas City Terrorism Early Warning Fusion Center; Kansas City, MO",
               [("Location", "Kansas City, Missouri"), ("Telephone", "(816) 413-3601"), ("E-mail", "kctew@kcpd.org")])]

    def draw(c):
        y = 700.0
        for name, rows in blocks:
            top = y + 6.6  # the row border: half a point under the top of Helvetica's box (7.14 pt at 9 pt)
            c.setFont("Helvetica-Bold", 9)
            c.drawString(90, y, name)
            c.line(85, top, 517, top)
            for label, value in rows:
                y -= 12
                c.line(85, y + 6.6, 517, y + 6.6)
                c.setFont("Helvetica", 9)
                c.drawString(90, y, label)
                c.drawString(306, y, value)
                c.line(301, y + 6.6, 301, y - 5.4)  # the column border, in the rows below the name only
            c.line(85, y - 5.4, 517, y - 5.4)
            c.line(85, top, 85, y - 5.4)
            c.line(517, top, 517, y - 5.4)
            y -= 36

    assert read_blocks(drawn_page(draw)) == [
        ("Alpha Fusion Center", "Columbus, Ohio",
         [("Phone", "(614) 555-0100"), ("Fax", "(614) 555-0101"), ("Email", "alpha@example.org")]),
        ("Beta Fusion Center", "Dayton, Ohio", [("Phone", "(937) 555-0101")]),
        ("Kansas City Terrorism Early Warning Fusion Center; Kansas City, MO", "Kansas City, Missouri",
         [("Phone", "(816) 413-3601"), ("Email", "kctew@kcpd.org")])]


def test_a_grid_of_drawn_cards_whose_headings_wrap_alike_reads_each_card_whole():
    """Cards three across, each drawn as a box: in a row where every card's heading takes two
    lines and a paragraph gap parts it from its values, the boxes' borders, not the gap, part
    the table's rows: each card is one cell, its heading its own."""
    cards = [(["California State Threat", "Assessment Center"], "Sacramento, California", "916.874.1100"),
             (["Central California Intelligence", "Center; Sacramento, CA"], "McClellan, California", "916.808.8383"),
             (["Central Florida Intelligence", "Exchange (CFIX)"], "Orlando, Florida", "407.858.3950"),
             (["Alpha Fusion Center"], "Columbus, Ohio", "614.555.0100"),
             (["Beta Fusion Center"], "Dayton, Ohio", "937.555.0101"),
             (["Gamma Fusion Center"], "Toledo, Ohio", "419.555.0102")]

    def draw(c):
        for k, (heading, place, phone) in enumerate(cards):
            x, top = 40 + 180 * (k % 3), 720 - 80 * (k // 3)
            c.rect(x, top - 66, 170, 72)
            y = top - 4
            c.setFont("Helvetica-Bold", 8)
            for line in heading:
                c.drawString(x + 4, y, line)
                y -= 9.5
            y -= 4  # the heading's paragraph gap
            c.setFont("Helvetica", 7.5)
            for label, value in (("Location", place), ("Tel", phone)):
                c.drawString(x + 4, y, label)
                c.drawString(x + 50, y, value)
                y -= 9

    assert read_blocks(drawn_page(draw)) == [
        (" ".join(heading), place, [("Phone", phone)]) for heading, place, phone in cards]


def test_a_slide_title_with_its_page_counter_in_brackets_is_a_running_header():
    """Slides each titled "Fusion Center Contacts (n/3)" above their blocks: the title repeats but
    for its counter in brackets, so it is a running header, never a center's name."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(792, 446), invariant=1)
    for n, block in enumerate(([*ALABAMA[:3], *ALABAMA[5:]], ["Alpha Fusion Center", "Columbus, Ohio", "Phone: (614) 555-0100"],
                               ["Beta Fusion Center", "Dayton, Ohio", "Phone: (937) 555-0101"]), start=1):
        c.setFont("Helvetica-Bold", 20)
        c.drawString(30, 400, f"Fusion Center Contacts ({n}/3)")
        for k, line in enumerate(block):
            c.setFont("Helvetica-Bold" if k == 0 else "Helvetica", 10)
            c.drawString(30, 340 - 12 * k, line)
        c.showPage()
    c.save()
    assert [b.heading for b in extract_pdf(buf.getvalue(), "slides.pdf", "").blocks] == [
        "Alabama Fusion Center", "Alpha Fusion Center", "Beta Fusion Center"]


def test_a_page_number_between_dashes_heading_the_next_page_never_goes_on_an_address():
    """groff's ms macros head each page after the first with "-2-", in the body's size: a page
    number, never the rest of the website that ends the page before."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=LETTER, invariant=1)
    pages = (["Alpha Fusion Center", "Columbus, Ohio", "Phone: (614) 555-0100", "www.example.org/FusionCenter"],
             ["Beta Fusion Center", "Dayton, Ohio", "Phone: (937) 555-0101", "beta@example.org"],
             ["Gamma Fusion Center", "Toledo, Ohio", "Phone: (419) 555-0102", "www.example.org/Gamma"])
    for n, block in enumerate(pages, start=1):
        c.setFont("Times-Roman", 10)
        if n > 1:
            c.drawCentredString(306, 740, f"-{n}-")
        for k, line in enumerate(block):
            c.drawString(72, 700 - 12 * k if n > 1 else 72 + 12 * (len(block) - 1 - k), line)
        c.showPage()
    c.save()
    assert [(b.heading, [f.text for f in b.fields][-1]) for b in extract_pdf(buf.getvalue(), "ms.pdf", "").blocks] == [
        ("Alpha Fusion Center", "www.example.org/FusionCenter"), ("Beta Fusion Center", "beta@example.org"),
        ("Gamma Fusion Center", "www.example.org/Gamma")]


# A printed data table's column edges, and the records both its prints below give.
TABLE_EDGES = [40, 100, 230, 310, 400, 490]
TABLE_RECORDS = [
    ("Alpha Fusion Center", "Columbus, Ohio", [("Phone", "(614) 555-0100"), ("Fax", "(614) 555-0110")]),
    ("Beta Fusion Center", "Dayton, Ohio", [("Phone", "(937) 555-0101")]),
    ("Gamma Fusion Center", "Austin, Texas", [("Phone", "(512) 555-0102"), ("Fax", "(512) 555-0112")])]


def _draw_cells(c, header: list[list[tuple[int, str]]], body: list[list[str]], top: float, body_top: float) -> None:
    """A table's text at TABLE_EDGES: header rows of (column, text) in bold from `top`, body rows
    from `body_top`, 12 pt apart (its borders are each test's own)."""
    c.setFont("Helvetica-Bold", 9)
    for r, row in enumerate(header):
        for col, text in row:
            c.drawString(TABLE_EDGES[col] + 3, top - 11 - 12 * r, text)
    c.setFont("Helvetica", 9)
    for r, row in enumerate(body):
        for col, text in enumerate(row):
            c.drawString(TABLE_EDGES[col] + 3, body_top - 12 * r, text)


def test_a_printed_data_table_with_a_two_row_header_and_a_rowspan_state_gives_its_records():
    """An HTML data table printed with its borders cell by cell: "State", "Fusion center" and "City"
    span both header rows, "Telephone" spans "Main" and "Fax" under it, and Ohio's State cell spans
    two rows (no border under it). Each body row is a record; the spanned State is each row's."""
    xs = TABLE_EDGES
    header = [[(0, "State"), (1, "Fusion center"), (2, "City"), (3, "Telephone")], [(3, "Main"), (4, "Fax")]]
    body = [["Ohio", "Alpha Fusion Center", "Columbus", "(614) 555-0100", "(614) 555-0110"],
            ["", "Beta Fusion Center", "Dayton", "(937) 555-0101", ""],
            ["Texas", "Gamma Fusion Center", "Austin", "(512) 555-0102", "(512) 555-0112"]]

    def draw(c):
        top = 700.0
        _draw_cells(c, header, body, top, top - 35)
        c.line(xs[0], top, xs[-1], top)
        c.line(xs[3], top - 14, xs[-1], top - 14)  # under "Telephone" only
        for r in range(len(body) + 1):  # under the header, then under each row
            y = top - 26 - 12 * r
            for k in range(len(xs) - 1):
                if not (r == 1 and k == 0):  # Ohio's cell spans two rows
                    c.line(xs[k], y, xs[k + 1], y)
        for k, x in enumerate(xs):
            c.line(x, top, x, top - 26 - 12 * len(body)) if k in (0, 1, 2, 3, 5) else c.line(x, top - 14, x, top - 26 - 12 * len(body))

    assert read_blocks(drawn_page(draw)) == TABLE_RECORDS


def test_a_printed_sheet_framed_without_row_borders_keeps_an_empty_cell_empty():
    """A sheet printed with its outer frame, its column borders and a rule under its header but no
    border between rows (a spreadsheet's print): no row's cell spans the next, so Beta's empty Fax
    and State stay empty; filling them from the row above would publish Alpha's fax on Beta."""
    xs = TABLE_EDGES
    header = [list(enumerate(["State", "Fusion center", "City", "Phone", "Fax"]))]
    body = [["Ohio", "Alpha Fusion Center", "Columbus", "(614) 555-0100", "(614) 555-0110"],
            ["Ohio", "Beta Fusion Center", "Dayton", "(937) 555-0101", ""],
            ["Texas", "Gamma Fusion Center", "Austin", "(512) 555-0102", "(512) 555-0112"]]

    def draw(c):
        top = 700.0
        _draw_cells(c, header, body, top, top - 23)
        bottom = top - 14 - 12 * len(body)
        for y in (top, top - 14, bottom):
            c.line(xs[0], y, xs[-1], y)
        for x in xs:
            c.line(x, top, x, bottom)

    assert read_blocks(drawn_page(draw)) == TABLE_RECORDS


def test_an_encrypted_pdf_with_an_empty_user_password_is_read():
    data = make_pdf(PROSE_LINES, encrypt=StandardEncryption("", ownerPassword="owner", canModify=0))
    assert extract_pdf(data, "open.pdf", "").documents[0].published == "2015-07-23"


def _half(data: bytes) -> bytes:
    return data[:len(data) // 2]


BROKEN = [
    pytest.param(lambda: _half(LISTING.read_bytes()), "truncated", id="cut-in-half"),
    pytest.param(lambda: _half(LISTING.read_bytes()) + b"\n%%EOF\n", "not a readable PDF",
                 id="cut-in-half-with-an-end-marker"),
    pytest.param(lambda: b"%PDF-1.4\nnot a pdf at all\n%%EOF\n", "not a readable PDF", id="garbage"),
    pytest.param(lambda: make_pdf(PROSE_LINES, encrypt=StandardEncryption("secret", canPrint=0)), "encrypted",
                 id="encrypted"),
    pytest.param(lambda: make_pdf([]), "no text layer", id="no-text"),
]


@pytest.mark.parametrize("make, says", BROKEN)
def test_an_unreadable_pdf_is_a_pipeline_error_naming_the_file(make, says):
    with pytest.raises(PipelineError) as caught:
        extract_document(make(), "listing.pdf", "")
    error = caught.value
    assert error.source == "listing.pdf"
    assert str(error).startswith("listing.pdf")
    assert says in error.message
    assert error.__cause__ is None
    assert error.__suppress_context__ or error.__context__ is None


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [{k: v for k, v in row.items() if k not in PROVENANCE_COLUMNS} for row in csv.DictReader(f)]


def test_build_with_the_pdf_listing_equals_the_build_of_the_capture(tmp_path):
    capture_only = tmp_path / "capture_raw"
    capture_only.mkdir()
    (capture_only / CAPTURE.name).write_bytes(CAPTURE.read_bytes())

    with_pdf = tmp_path / "pdf_raw"
    with_pdf.mkdir()
    (with_pdf / LISTING.name).write_bytes(LISTING.read_bytes())
    lines = CAPTURE.read_text(encoding="utf-8").split("\n")
    list_and_prose = lines[0:103] + lines[777:876]  # the capture's pages 1, 3 and 4
    assert lines[102].startswith("<http") and lines[776] == f"<{LISTING_URL}>"
    (with_pdf / "dhs_pages.txt").write_text("\n".join(list_and_prose) + "\n", encoding="utf-8")

    build(capture_only, tmp_path / "out_capture")
    build(with_pdf, tmp_path / "out_pdf")
    expected = read_csv(tmp_path / "out_capture" / "fusion_centers.csv")
    got = read_csv(tmp_path / "out_pdf" / "fusion_centers.csv")
    assert len(expected) == CENTERS
    assert list(got[0]) == list(expected[0]) and "website" in got[0]
    assert got == expected
    with (tmp_path / "out_pdf" / "fusion_centers.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert {r["source_file"] for r in rows} == {LISTING.name}


# --- Prints by Chromium and LibreOffice (tests/fixtures/pdf/corpus, made by make_corpus.py there) ---

CORPUS = ROOT / "tests" / "fixtures" / "pdf" / "corpus"
CORPUS_ENTRIES = json.loads((CORPUS / "corpus.json").read_text(encoding="utf-8"))["pdfs"]
WITH_LISTING = sorted(e["file"] for e in CORPUS_ENTRIES if e["holds"] in ("listing", "both"))
WITH_LIST = sorted(e["file"] for e in CORPUS_ENTRIES if e["holds"] in ("list", "both"))


def field_for_field(names: list[str]) -> list:
    """The PDFs, each a strict xfail while the manifest says the reader still gets its records wrong."""
    reasons = {e["file"]: e["xfail"] for e in CORPUS_ENTRIES}
    return [pytest.param(name, marks=[pytest.mark.xfail(strict=True, reason=reasons[name])] if reasons[name] else [])
            for name in names]
CAPTURE_EXTRACTION = extract_capture(CAPTURE.read_bytes(), CAPTURE.name, "0" * 64)


def read_corpus(name: str):
    """A corpus PDF as the reader gives it, read once per session (`tests.extract.corpus`)."""
    return extraction(CORPUS / name)


@pytest.mark.parametrize("name", field_for_field(WITH_LISTING))
def test_corpus_listing_gives_the_capture_blocks_field_for_field(name):
    assert [block_key(b) for b in read_corpus(name).blocks] == [block_key(b) for b in CAPTURE_BLOCKS]


@pytest.mark.parametrize("name", field_for_field(WITH_LIST))
def test_corpus_list_gives_the_capture_entries(name):
    def key(e):
        return e.text, e.name, e.designation, e.list_city, e.list_state, e.place_note
    assert [key(e) for e in read_corpus(name).list_entries] == [key(e) for e in CAPTURE_EXTRACTION.list_entries]


# Values that other readers moved to a neighbouring center, typed from the capture (lines 237-247, 507-511, 530-538).
STAYS = [("Connecticut Intelligence Center", "Website", "www.ct.gov/demhs"),
         ("New York State Intelligence Center", "Email", "ciu@nysic.ny.gov"),
         ("North Dakota State and Local Information Center", "Location", "Bismarck, North Dakota")]


@pytest.mark.parametrize("name", WITH_LISTING)
@pytest.mark.parametrize("heading, label, value", STAYS, ids=[s[0].split()[0] for s in STAYS])
def test_values_stay_on_their_centers(name, heading, label, value):
    (block,) = [b for b in read_corpus(name).blocks if b.heading == heading]
    got = [block.location.text] if label == "Location" and block.location else [f.text for f in block.values(label)]
    assert got == [value]
    others = [b.heading for b in read_corpus(name).blocks if b is not block
              and value in [f.text for f in b.fields] + [b.location.text if b.location else ""]]
    assert others == []


def test_a_page_with_rotate_is_read():
    name = "nfca_listing_2col_chromium_letter_rotated.pdf"
    with pdfplumber.open(CORPUS / name) as pdf:
        assert {page.rotation for page in pdf.pages} == {90}
    blocks = read_corpus(name).blocks
    assert len(blocks) == CENTERS and blocks[0].heading == "Alabama Fusion Center"


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_text_set_at_an_angle_is_read(angle):
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1)
    canvas.translate(306, 396)
    canvas.rotate(angle)
    canvas.setFont("Helvetica", 10)
    for i, text in enumerate(ALABAMA):
        canvas.drawString(-150, 100 - 14 * i, text)
    canvas.showPage()
    canvas.save()
    (block,) = extract_pdf(buffer.getvalue(), "turned.pdf", "").blocks
    assert (block.heading, block.location.text) == tuple(ALABAMA[:2])
    assert [f.raw for f in block.fields] == ALABAMA[2:]


def test_a_scanned_page_is_an_error_naming_file_and_page():
    from reportlab.lib.utils import ImageReader
    from PIL import Image

    picture = io.BytesIO()
    Image.new("L", (200, 260), 255).save(picture, format="PNG")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1)
    canvas.setFont("Helvetica", 10)
    for i, text in enumerate(ALABAMA):
        canvas.drawString(72, 680 - 14 * i, text)
    canvas.showPage()
    canvas.drawImage(ImageReader(io.BytesIO(picture.getvalue())), 36, 36, 540, 720)
    canvas.showPage()
    canvas.save()
    with pytest.raises(PipelineError) as caught:
        extract_document(buffer.getvalue(), "scan.pdf", "")
    error = caught.value
    assert (error.source, error.page) == ("scan.pdf", 2)
    assert str(error).startswith("scan.pdf, page 2: ") and "\n" not in str(error)
    assert "no text layer" in error.message


def _listing_lines(data: bytes, name: str):
    """The block builder's lines of a PDF of one listing, as the assembler gives them."""
    from pipeline.extract.assemble import listing_lines, split_documents
    from pipeline.extract.pdf import read_pdf

    (part,) = split_documents(read_pdf(data, name))
    return listing_lines(part, "", frozenset())


def test_headings_are_marked_by_their_bold_run_and_nothing_else_is():
    body = _listing_lines((CORPUS / "nfca_table_chromium_letter.pdf").read_bytes(), "table.pdf")
    marked = [line.text for line in body if line.heading]
    assert marked == [strip_markdown_link(b.heading) for b in CAPTURE_BLOCKS]
    assert all(line.heading is False for line in body if line.text not in marked)


def test_a_document_without_styled_headings_gives_no_hint():
    assert {line.heading for line in _listing_lines(make_pdf(ALABAMA), "plain.pdf")} == {None}


def test_one_pdf_with_both_pages_gives_two_documents():
    extraction = read_corpus("dhs_whole_libreoffice_letter.pdf")
    kinds = [d.kind for d in extraction.documents]
    assert kinds[:2] == ["center_list", "contact_listing"]
    list_doc, listing_doc = extraction.documents[:2]
    assert list_doc.published == "2015-07-23" and list_doc.end.page <= listing_doc.start.page
    assert len(extraction.list_entries) == CENTERS and len(extraction.blocks) == CENTERS


# --- A list in columns, one page turned (tests/fixtures/pdf/README.md says how it was made) ---

LIST_COLUMNS = FIXTURES / "list_columns_turned_page.pdf"
# Typed from the capture, lines 73-83: (name, city, state), in the list's order.
LIST_COLUMNS_ENTRIES = [
    ("Austin Regional Intelligence Center", "Austin", "TX"),
    ("Boston Regional Intelligence Center", "Boston", "MA"),
    ("Central California Intelligence Center", "Sacramento", "CA"),
    ("Central Florida Intelligence Exchange", "Orlando", "FL"),
    ("Chicago Crime Prevention and Information Center", "Chicago", "IL"),
    ("Cincinnati/Hamilton County Regional Terrorism Early Warning Group", "Cincinnati", "OH"),
    ("Dallas Fusion Center", "Dallas", "TX"),
    ("Delaware Valley Intelligence Center", "Philadelphia", "PA"),
    ("Detroit and Southeast Michigan Information and Intelligence Center", "Detroit", "MI"),
    ("El Paso Multi-Agency Tactical Response Information eXchange (MATRIX)", "El Paso", "TX"),
    ("Houston Regional Intelligence Service Center", "Houston", "TX"),
]


def test_a_list_in_columns_keeps_each_wrapped_item_whole_on_a_turned_page_too():
    """Items wrap at the hanging indent ("Austin, TX" under its name), break from the foot
    of one column to the top of the next ("Sacramento, CA"), and page 2 has /Rotate 90: its
    drawn bullets are turned with its text. The closing lines under the columns stay out."""
    with pdfplumber.open(LIST_COLUMNS) as pdf:
        assert [page.rotation for page in pdf.pages] == [0, 90]
    entries = extract_pdf(LIST_COLUMNS.read_bytes(), "list.pdf", "").list_entries
    assert [(e.name, e.list_city, e.list_state) for e in entries] == LIST_COLUMNS_ENTRIES
    assert {e.designation for e in entries} == {"recognized"}
    assert [e.ref.page for e in entries] == [1] * 6 + [2] * 5


TABLE_WITHOUT_BORDERS = FIXTURES / "table_without_borders.pdf"
# Typed from the capture, lines 297-317: heading, place, fields.
TABLE_WITHOUT_BORDERS_BLOCKS = [
    ("Florida Fusion Center", "Tallahassee, Florida",
     ["Phone: (850) 410-7645", "Toll-Free: (800) 342-0820", "ffcenter@fdle.state.fl.us"]),
    ("Georgia Information Sharing and Analysis Center", "Atlanta, Georgia",
     ["Phone: (404) 486-6420", "generalinfo@gisac.gbi.ga.gov"]),
    ("Hawaii Fusion Center", "Honolulu, Hawaii",
     ["Phone: (916) 356-4467", "pacclear@hi.hidta.net", "www.pacclear.org"]),
]


def test_a_table_without_borders_keeps_a_cell_apart_from_its_neighbour_by_padding_alone():
    """Georgia's name ends 6 pt (two thirds of an em) before its phone, and the footer under
    the table runs across that gutter: the column's lined-up left edge still cuts the row."""
    blocks = extract_pdf(TABLE_WITHOUT_BORDERS.read_bytes(), "table.pdf", "").blocks
    assert [(b.heading, b.location.text if b.location else None, [f.raw for f in b.fields])
            for b in blocks] == TABLE_WITHOUT_BORDERS_BLOCKS


LIBREOFFICE_COLUMNS = FIXTURES / "libreoffice_columns_section.pdf"
# Typed from the capture, lines 141-149, 249-255 and 341-345.
LIBREOFFICE_COLUMNS_BLOCKS = [
    ("Arkansas State Fusion Center", "Little Rock, Arkansas",
     ["Phone: (501) 618-8001", "Toll-Free: (866) 787-2332", "arfusioncenter@asp.arkansas.gov"]),
    ("Dallas Fusion Center; Dallas, TX", "Dallas, Texas",
     ["Phone: (214) 671-3482", "dallas.fusion@dpd.ci.dallas.tx.us"]),
    ("Iowa Intelligence Fusion Center", "Des Moines, Iowa",
     ["Phone: (800) 308-5983", "intel@dps.state.ia.us", "www.dps.state.is.us/intell/index.shtml"]),
]


def test_a_word_processor_section_in_columns_keeps_broken_addresses_whole():
    """Writer breaks an address too long for its column mid-word ("…arkansas.g" / "ov") or
    after a slash, and underlines a link with a ruling: the underline is no row border, and
    the address is joined back without a space."""
    blocks = extract_pdf(LIBREOFFICE_COLUMNS.read_bytes(), "section.pdf", "").blocks
    assert [(b.heading, b.location.text if b.location else None, [f.raw for f in b.fields])
            for b in blocks] == LIBREOFFICE_COLUMNS_BLOCKS


@pytest.mark.parametrize(("address", "text", "goes_on"), [
    ("arfusioncenter@asp.arkansas.g", "ov", True),  # cut mid-word
    ("oregonfusioncenter@doj.state.o", "r.us", True),  # a one-letter label: cut short
    ("www.dps.state.is.us/intell/", "index.shtml", True),  # after a slash
    ("intel@dps.state.ia.us", "www.dps.state.is.us", False),  # a website of its own
    ("intel@dps.state.ia.us", "Phone: (800) 308-5983", False),
    ("intel@dps.state.ia.us", "other@dps.state.ia.us", False),
    # Capture line 612: a website that holds an "@", broken before it; no address starts with "@".
    ("www.oregonfusioncenter", "@doj.state.or.us", True),
    ("oregonfusioncenter@doj", "@doj.state.or.us", False),  # an email has one "@"
    # A labeled email as wide as its column, then the next label, its long address wrapped under it.
    ("Email: oregonfusioncenter@doj.state.or.us", "Website:", False),
    ("www.dps.state.is.us/intell/", "Phone:", False),
])
def test_an_address_goes_on_only_where_it_was_cut(address, text, goes_on):
    assert address_goes_on(address, text) is goes_on


def _drawn(draw) -> bytes:
    """A page of PROSE_LINES in 10 pt Courier (6 pt a glyph), and what `draw(canvas)` adds at y 500."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1)
    canvas.setFont("Courier", 10)
    for i, text in enumerate(PROSE_LINES):
        canvas.drawString(72, 680 - 14 * i, text)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


# Text printed over other text that cannot be told apart for certain: two runs set at one place
# (a phone planted over another), a run set within another, glyphs drawn in no order of their own.
def _interleaved(c):
    for a, b, x in zip("(212) 555-0199", "(334) 517-2660", range(72, 240, 12)):
        c.drawString(x, 500, a)
        c.drawString(x + 2, 500, b)


OVERPRINTS = {
    "two runs set at one place": lambda c: (
        c.drawString(72, 500, "Phone: (334) 517-2660"), c.drawString(72, 500, "Phone: (212) 555-0199")),
    "a run set within another": lambda c: (
        c.drawString(72, 500, "Phone: (334) 517-2660"), c.drawString(120, 500, "555")),
    "a run set over part of another where no column begins": lambda c: (
        c.drawString(72, 500, "Phone: (334) 517-2660"), c.drawString(100, 500, "Phone: (212) 555-0199")),
    "glyphs drawn in no order of their own": _interleaved,
}
NOT_OVERPRINTS = {
    "an accent set over its letter (TeX's \\'e)": lambda c: (
        c.drawString(72, 500, "Sante"), c.drawString(96, 502, "\u00b4")),
    "a glyph drawn twice, 0.3 pt apart (a faked bold)": lambda c: (
        c.drawString(72, 500, "Phone"), c.drawString(72.3, 500, "Phone")),
    "kerning: a comma moved a fifth of an em under the F before it": lambda c: (
        c.drawString(72, 500, "F"), c.drawString(76, 500, ", Phone")),
    "two lines close together": lambda c: (
        c.drawString(72, 500, "Phone: (334) 517-2660"), c.drawString(72, 492, "Fax: (334) 517-2746")),
}


@pytest.mark.parametrize("draw", OVERPRINTS.values(), ids=OVERPRINTS.keys())
def test_text_printed_over_other_text_is_refused_in_one_line(draw):
    with pytest.raises(PipelineError) as error:
        extract_pdf(_drawn(draw), "over.pdf", "")
    assert str(error.value).startswith("over.pdf, page 1: shows text printed over other text")
    assert "\n" not in str(error.value)


# Two columns of blocks, the left one drawn first: its website, too long for its column, runs on
# over the right column's phone line (as typesetters set a word they cannot break).
_LEFT = ("Alpha Fusion Center", "Columbus, Ohio", "Phone: (614) 555-0100", "alpha@example.org",
         "www.alpha.example.org/investigations/overview.html", "",
         "Gamma Fusion Center", "Toledo, Ohio", "Phone: (419) 555-0102", "gamma@example.org")
_RIGHT = ("Beta Fusion Center", "Dayton, Ohio", "Fax: (937) 555-0109", "beta@example.org",
          "Phone: (937) 555-0101", "",
          "Delta Fusion Center", "Akron, Ohio", "Phone: (330) 555-0103", "delta@example.org")


def _two_columns(c, right_at: float = 250):
    for x, column in ((72, _LEFT), (right_at, _RIGHT)):
        for i, text in enumerate(column):
            c.setFont("Helvetica-Bold" if text.endswith("Center") else "Helvetica", 10)
            c.drawString(x, 700 - 14 * i, text)


# Where the right column starts: under the left column's website (printed over), or 0.1 em after
# its end (set against it, closer than a word gap: read by place, the two would be one word).
_RIGHT_AT = {"printed over": 250,
             "set against": 72 + stringWidth(_LEFT[4], "Helvetica", 10) + 1}


@pytest.mark.parametrize("right_at", _RIGHT_AT.values(), ids=_RIGHT_AT.keys())
def test_an_address_run_into_the_next_column_is_read_from_the_order_of_drawing_and_reported(right_at):
    """Each run keeps its glyphs' advance whatever is drawn over it: the website and the phone line
    read as set, each on its own center, and each reported where a person sees them mixed."""
    from pipeline.check import run_checks
    from pipeline.normalize.dataset import normalize
    from datetime import date

    data = drawn_page(lambda c: _two_columns(c, right_at))
    dataset = normalize([extract_document(data, "over.pdf", "")])
    centers = {c.name: c for c in dataset.centers}
    alpha, beta = centers["Alpha Fusion Center"], centers["Beta Fusion Center"]
    assert alpha.value("website").text == "www.alpha.example.org/investigations/overview.html"
    assert (beta.value("phone").text, beta.value("fax").text) == ("(937) 555-0101", "(937) 555-0109")
    found = [(f.code, f.center_id, f.field, f.value) for f in run_checks(dataset, date(2026, 1, 1))
             if f.code in ("VALUE_PRINTED_OVER", "VALUE_CUT_AT_EDGE", "UNRECOGNIZED_LINE", "EXTRA_VALUE")]
    assert sorted(found) == [
        ("VALUE_PRINTED_OVER", alpha.id, "website", "www.alpha.example.org/investigations/overview.html"),
        ("VALUE_PRINTED_OVER", beta.id, "phone", "Phone: (937) 555-0101")]


@pytest.mark.parametrize("draw", NOT_OVERPRINTS.values(), ids=NOT_OVERPRINTS.keys())
def test_glyphs_that_touch_or_stand_over_a_letter_are_no_overprint(draw):
    extract_pdf(_drawn(draw), "fine.pdf", "")


def test_a_run_that_begins_where_a_glyph_of_another_ends_touches_it_whatever_their_sizes():
    """A 15 pt heading at the next column's edge, set where a 12 pt address's "n" ends though the
    address runs on over it: the two are drawn apart (`overprint_layers`), not one word."""
    from pipeline.extract.pdf.pages import _overlap
    glyph = lambda x0, x1, text, size: (669.4, x0, x1, 657.4, text, size, 0)  # noqa: E731
    address = [glyph(301.3, 308.5, "e", 12.0), glyph(308.4, 315.6, "n", 12.0), glyph(315.8, 323.0, "t", 12.0),
               glyph(322.8, 330.0, "e", 12.0), glyph(330.2, 337.4, "r", 12.0)]
    heading = [glyph(315.1, 324.1, "O", 15.0), glyph(324.0, 333.0, "r", 15.0)]
    assert _overlap(address, heading)
    assert not _overlap(address[:1], heading)


def _glyph(text: str, x0: float, top: float, font: str, order: int) -> dict:
    """A character as pdfplumber gives it (10 pt, 5.23 pt wide, upright), drawn `order`-th."""
    return {"text": text, "x0": x0, "x1": x0 + 5.23, "top": top, "bottom": top + 9.96, "size": 10.0,
            "fontname": font, "matrix": (1, 0, 0, 1, x0, 0), "order": order}


# A word TeX set overfull in a typewriter face runs into the gutter on the left column's last line;
# the next column's bullet stands just right of its last letter, its box (a Type 3 font's, or the
# math symbols') reaching two points above the line its dot is drawn on: the boxes overlap, the ink
# does not ("Intelligence" beside "• Virginia Fusion Center", pandoc's typewriter print).
_MARKS = {"a glyph with no Unicode mapping": ("(cid:136)", "unknown"),
          "a bullet of TeX's math symbols": ("\u2022", "ABCDEF+CMSY10")}


@pytest.mark.parametrize("mark, font", _MARKS.values(), ids=_MARKS.keys())
def test_a_bullet_whose_box_reaches_over_a_word_run_into_the_gutter_is_no_overprint(mark, font):
    from pipeline.extract.pdf.pages import overprint_layers
    # The left column's last two lines, drawn first; the right column's bullet, drawn after them,
    # 0.06 em into the box of the word's last "e" (pandoc's print: 325.91-331.14 and 328.17).
    word = [_glyph(letter, 268.38 + 5.23 * k, 701.43, "CMTT10", k) for k, letter in enumerate("Intelligence")]
    below = [_glyph(letter, 97.0 + 5.23 * k, 713.4, "CMTT10", 20 + k) for k, letter in enumerate("Center")]
    page = [*word, *below]
    assert overprint_layers([*page, _glyph(mark, 328.17, 703.53, font, 40)], 0, 612, 792, 1, "tt.pdf") == []
    # A letter there is printed against the word, closer than a word gap: refused.
    with pytest.raises(PipelineError, match="printed over other text"):
        overprint_layers([*page, _glyph("V", 328.17, 703.53, "CMTT10", 40)], 0, 612, 792, 1, "tt.pdf")


@pytest.mark.parametrize("others", [3, 4])
def test_a_column_begun_against_a_line_run_into_it_opens_at_its_edge(others):
    """A list item TeX set overfull runs up to the first word of the next column's line, with no
    word gap ("…Intelligence" / "major urban area…", the right column drawn after the left): that
    word begins the column's edge, where SETTINGS.min_column_lines other lines begin too (three,
    here, or four); a run against the line before it begins no word of its own to set aside."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from pipeline.extract.pdf.pages import read_pages

    left = ["New Mexico All Source Intelligence", "Center", "New York State Intelligence", "Center"]
    right = ["major urban area fusion centers,", "not designated as a primary fusion",
             "center is referred to as a recognized", "fusion center.", "Recognized Fusion Centers"][:others + 1]
    edge = 72 + stringWidth(left[0], "Courier", 12) - 0.2

    def draw(c):
        c.setFont("Courier", 12)
        for x, column in ((72, left), (edge, right)):
            for k, text in enumerate(column):
                c.drawString(x, 700 - 14 * k, text)

    pages, _ = read_pages(drawn_page(draw), "run.pdf")
    top = min(w.top for w in pages[0].words)
    first = sorted((w for w in pages[0].words if w.top < top + 3), key=lambda w: w.x0)
    assert [w.text for w in first] == ["New", "Mexico", "All", "Source", "Intelligence", "major", "urban", "area",
                                       "fusion", "centers,"]
