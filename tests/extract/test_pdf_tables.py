"""Tables of drawn cells in a PDF: a cell ends at its borders, and a broken label is one label.

The generated WeasyPrint tables in tests/fixtures/generated/ check the same on whole documents
(a justified table; a table whose rows page breaks cut); these check the rules themselves.
"""
from __future__ import annotations

import pytest

from pipeline.extract.pdf.layout import framed_runs, walled
from pipeline.extract.pdf.order import Line, broken_label, cell_goes_on
from pipeline.extract.pdf.pages import Box, TextLine, Word, group_lines
from pipeline.records import SourceRef


def _word(text: str, x0: float, top: float) -> Word:
    return Word(text, x0, x0 + 5 * len(text), top, top + 10, "Helvetica", 10.0)


def _wall(x: float, top: float = 0.0, bottom: float = 100.0) -> Box:
    return Box(x, x, top, bottom)


# A cell of a justified table: "Phone:" at the left, "(334)" pushed to the right edge, the rest below.
CELL = [_word("Phone:", 105, 10), _word("(334)", 160, 10), _word("517-2660", 105, 22)]


@pytest.mark.parametrize("walls, kept", [
    pytest.param([_wall(100), _wall(200), _wall(300)], [], id="inside a cell of a drawn table: no gutter"),
    pytest.param([_wall(100, 0, 12), _wall(100, 12, 24), _wall(200, 0, 24), _wall(300, 0, 24)], [],
                 id="borders drawn row by row are one border"),
    pytest.param([_wall(100), _wall(200)], [150.0], id="a frame round the text is no table: the gutter stays"),
    pytest.param([], [150.0], id="no borders: the gutter stays"),
])
def test_a_gutter_inside_a_drawn_cell_is_none(walls, kept):
    assert walled(CELL, [150.0], walls) == kept


def test_a_border_in_a_gutter_keeps_it_and_drops_the_others():
    words = [_word("Alabama", 10, 10), _word("Phone:", 105, 10), _word("(334)", 160, 10)]
    assert walled(words, [60.0, 150.0], [_wall(100), _wall(5), _wall(200)]) == [60.0]


@pytest.mark.parametrize("head, rest, broken", [
    ("Alternate", "Phone: (302) 739-5996", True),
    ("Center", "Phone: (334) 517-2660", False),
    ("Alternate Phone:", "(302) 739-5996", False),
    ("Dover, Delaware", "Fax: (302) 739-1609", False),
    ("Toll-", "Free: (888) 884-8383", True),
    ("Toll", "Free: (800) 367-2312", True),
    ("(916)", "808-8383", False),
])
def test_a_label_broken_over_two_lines_is_one_label(head, rest, broken):
    assert broken_label(head, rest) is broken


# --- Tables printed without borders (ReportLab, as a browser or a word processor sets them) ------

def _pdf(draw) -> bytes:
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _blocks(data: bytes) -> list[tuple]:
    from pipeline.extract.pdf import extract_pdf
    return [(b.heading, b.location.text if b.location else None, [(f.label, f.text) for f in b.fields])
            for b in extract_pdf(data, "table.pdf", "").blocks]


# Each center a table of its own: its name in a heading row across both columns, then label |
# value rows, the value column as far right as the table's widest label needs (so the name's
# word spaces fall over one table's gutter or another's).
KV = [
    ("Alabama Fusion Center", [("Location", "Montgomery, Alabama"), ("Phone:", "(334) 517-2660"),
                               ("Email:", "fusioncenter@alacop.gov")]),
    ("Alaska Information and Analysis Center", [("Location", "Anchorage, Alaska"), ("Phone:", "(907) 269-8900"),
                                                ("Toll-Free:", "(855) 692-5425"), ("Email:", "AKIAC@alaska.gov")]),
    ("Arizona Counter Terrorism Information Center", [("Location", "Phoenix, Arizona"), ("Phone:", "(602) 644-5805"),
                                                      ("Toll-Free:", "(877) 272-8329"), ("Website:", "www.azdps.gov")]),
]


def test_a_heading_row_across_a_label_value_table_is_one_line():
    def draw(c):
        y = 720
        for name, rows in KV:
            c.setFont("Helvetica-Bold", 9)
            c.drawString(54, y, name)
            y -= 12
            c.setFont("Helvetica", 9)
            value_x = 54 + max(c.stringWidth(label, "Helvetica", 9) for label, _ in rows) + 20
            for label, value in rows:
                c.drawString(54, y, label)
                c.drawString(value_x, y, value)
                y -= 12
            y -= 10
    assert _blocks(_pdf(draw)) == [
        ("Alabama Fusion Center", "Montgomery, Alabama", [("Phone", "(334) 517-2660"),
                                                          ("Email", "fusioncenter@alacop.gov")]),
        ("Alaska Information and Analysis Center", "Anchorage, Alaska",
         [("Phone", "(907) 269-8900"), ("Toll-Free", "(855) 692-5425"), ("Email", "AKIAC@alaska.gov")]),
        ("Arizona Counter Terrorism Information Center", "Phoenix, Arizona",
         [("Phone", "(602) 644-5805"), ("Toll-Free", "(877) 272-8329"), ("Website", "www.azdps.gov")]),
    ]


# --- A drawn table's row that a page break cuts (ReportLab, as browsers print one) ---------------

# Each row: the name cell (its heading in bold, then the place line), the phones, the addresses.
ROWS = [
    (["Colorado Information Analysis Center", "Lakewood, Colorado"], ["Phone: (877) 509-2422"],
     ["ciac@ciac.co.gov", "dhsem.state.co.us"]),
    (["Connecticut Intelligence Center", "Hartford, Connecticut"], ["Phone: (860) 706-5500", "Fax: (806) 706-5535"],
     ["ctic@ct.gov", "www.ct.gov/demhs"]),
    (["Dallas Fusion Center; Dallas, TX", "Dallas, Texas"], ["Phone: (214) 671-", "3482"],
     ["dallas.fusion@dpd.ci.dallas.tx.us"]),
    (["Delaware Information and Analysis Center", "Dover, Delaware"], ["Fax: (302) 739-1609",
     "Alternate Phone: (302) 739-5996"], ["diac@state.de.us"]),
    (["Delaware Valley Intelligence Center; Philadelphia, PA", "Philadelphia, Pennsylvania"],
     ["Phone: (215) 897-0800", "Fax: (215) 683-2794"], ["dvic@phila.gov"]),
]
WANT = [
    ("Colorado Information Analysis Center", "Lakewood, Colorado",
     [("Phone", "(877) 509-2422"), ("Email", "ciac@ciac.co.gov"), ("Website", "dhsem.state.co.us")]),
    ("Connecticut Intelligence Center", "Hartford, Connecticut",
     [("Phone", "(860) 706-5500"), ("Fax", "(806) 706-5535"), ("Email", "ctic@ct.gov"), ("Website", "www.ct.gov/demhs")]),
    ("Dallas Fusion Center; Dallas, TX", "Dallas, Texas",
     [("Phone", "(214) 671-3482"), ("Email", "dallas.fusion@dpd.ci.dallas.tx.us")]),
    ("Delaware Information and Analysis Center", "Dover, Delaware",
     [("Fax", "(302) 739-1609"), ("Alternate Phone", "(302) 739-5996"), ("Email", "diac@state.de.us")]),
    ("Delaware Valley Intelligence Center; Philadelphia, PA", "Philadelphia, Pennsylvania",
     [("Phone", "(215) 897-0800"), ("Fax", "(215) 683-2794"), ("Email", "dvic@phila.gov")]),
]
COLUMNS = (40.0, 300.0, 450.0, 620.0)  # the cells' borders
AREA = (36.0, 624.0, 40.0, 120.0)  # where a page prints (x0, x1, top, bottom, from the top)
LEADING = 12.0


def _table_pages(clipped: bool) -> bytes:
    """The five rows on two short pages, the third row (Dallas) cut after its first line. `clipped`: as
    wkhtmltopdf prints, each page paints the whole cut row, borders and all, clipped to its area
    (painted white first); otherwise, as Chromium prints, each page draws the row's part only,
    with no border under it on the first page and none over it on the second, and a line's box
    reaches over its row's top border (as a font without a bounding box of its own gives it)."""
    import io

    from reportlab.pdfgen import canvas
    height = 180.0
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(660.0, height), invariant=1)
    x0, x1, top, bottom = AREA
    heights = [LEADING * max(len(cell) for cell in row) + 6 for row in ROWS]
    # Row tops as if on one long page, the second page starting where the cut row's second line does.
    tops = [top + 4 + sum(heights[:k]) for k in range(len(ROWS))]
    pad = 3.0 if clipped else -2.0  # from a row's top border to its first line's top
    shift = tops[2] + pad + LEADING - top
    for page in (0, 1):
        c.saveState()
        path = c.beginPath()
        path.rect(x0, height - bottom, x1 - x0, bottom - top)
        if clipped:
            c.clipPath(path, stroke=0, fill=0)
            c.setFillColorRGB(1, 1, 1)
            c.rect(x0, height - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
        offset = 0.0 if page == 0 else shift
        for k, (row, row_top, row_height) in enumerate(zip(ROWS, tops, heights)):
            row_top -= offset
            shown = [(i, j, text) for i, cell in enumerate(row) for j, text in enumerate(cell)
                     if top <= row_top + pad + LEADING * j and row_top + pad + LEADING * (j + 1) <= bottom]
            if not shown:
                continue
            c.setFillColorRGB(0.53, 0.53, 0.53)
            edges = [row_top, row_top + row_height]
            if not clipped:  # the part of the row the page holds, and only the borders it shows
                edges = [e for e in edges if top - 1 <= e <= bottom + 1]
            for e in edges:
                c.rect(COLUMNS[0], height - e - 0.5, COLUMNS[-1] - COLUMNS[0], 0.5, stroke=0, fill=1)
            low, high = (row_top, row_top + row_height) if clipped else (max(row_top, top), min(row_top + row_height, bottom))
            for x in COLUMNS:
                c.rect(x, height - high, 0.5, high - low, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
            for i, j, text in shown:
                c.setFont("Helvetica-Bold" if i == 0 and j == 0 else "Helvetica", 9)
                c.drawString(COLUMNS[i] + 4, height - (row_top + pad + LEADING * j + 9), text)
        c.restoreState()
        c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("clipped", [True, False], ids=["whole row painted, clipped to each page", "each part drawn"])
def test_a_row_cut_by_a_page_break_goes_on_in_its_own_cells(clipped):
    assert _blocks(_table_pages(clipped)) == WANT


@pytest.mark.parametrize("before, after, goes_on", [
    (("Orange County Intelligence Assessment Center; Orange", True), ("County, CA", True), True),
    (("Toll-Free: (803)", False), ("896-7133", False), True),
    (("Phone: (214) 671-", False), ("3482", False), True),
    (("Alternate", False), ("Phone: (405) 848-6724", False), True),
    (("www.homelandsecurity.ohio.gov/", False), ("index.stm", False), True),
    (("Dallas Fusion Center; Dallas, TX", True), ("Dallas, Texas", False), False),
    (("Phone: (405) 842-8547", False), ("Fax: (405) 842-8500", False), False),
    (("www.sled.sc.gov", False), ("www.scfusion.gov", False), False),
])
def test_a_cell_s_line_goes_on_at_the_top_of_the_next_page_as_in_its_cell(before, after, goes_on):
    """The lines of one cell belong together across a page break as they do on one page."""
    def line(text, styled):
        return Line(text, SourceRef("table.pdf", 1, 1), styled, False)
    assert cell_goes_on(line(*before), line(*after)) is goes_on


def test_text_over_a_drawn_table_is_no_row_of_it():
    """A list line over a table crosses the table's column edges; only the bands the table's
    borders stand beside are its rows."""
    over = [_word("Cincinnati/Hamilton County Regional Terrorism Early Warning Group; Cincinnati, OH", 50, 10)]
    rows = [[_word("Alabama", 50, 40 + 30 * k), _word("Phone:", 205, 40 + 30 * k)] for k in range(3)]
    walls = [_wall(x, 35, 125) for x in (45, 200, 300)]
    bands = [group_lines(over)] + [group_lines(row) for row in rows]
    assert [[l.text for l in run] for run in framed_runs(bands, walls)] == [
        [over[0].text], ["Alabama Phone:"] * 3]
    assert [[l.text for l in run] for run in framed_runs(bands, [])] == [[over[0].text] + ["Alabama Phone:"] * 3]
