"""Tables of drawn cells in a PDF: a cell ends at its borders, and a broken label is one label.

The generated WeasyPrint tables in tests/fixtures/generated/ check the same on whole documents
(a justified table; a table whose rows page breaks cut); these check the rules themselves.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.extract.pdf.layout import framed_runs, is_table, split_bands, table_rows, walled
from pipeline.extract.pdf.order import Line, Spelling, broken_label, cell_goes_on
from pipeline.extract.pdf.pages import Box, Word, group_lines
from pipeline.records import SourceRef
from pipeline.reference import HYPHEN_LABEL
from tests.extract.drawn import drawn_page, read_blocks, redrawn


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
    assert read_blocks(drawn_page(draw)) == [
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


def _table_pages(clipped: bool, count: int = len(ROWS)) -> bytes:
    """The first `count` of the five rows on two short pages, the third row (Dallas) cut after its
    first line (with three rows, the second page holds its rest alone). `clipped`: as
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
    rows = ROWS[:count]
    heights = [LEADING * max(len(cell) for cell in row) + 6 for row in rows]
    # Row tops as if on one long page, the second page starting where the cut row's second line does.
    tops = [top + 4 + sum(heights[:k]) for k in range(len(rows))]
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
        for k, (row, row_top, row_height) in enumerate(zip(rows, tops, heights)):
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
@pytest.mark.parametrize("count", [len(ROWS), 3], ids=["rows after it", "the table's last row"])
def test_a_row_cut_by_a_page_break_goes_on_in_its_own_cells(clipped, count):
    """Also where the cut row is the table's last: the next page holds nothing but its rest."""
    assert read_blocks(_table_pages(clipped, count)) == WANT[:count]


@pytest.mark.parametrize("before, after, goes_on", [
    (("Orange County Intelligence Assessment Center; Orange", True), ("County, CA", True), True),
    (("Toll-Free: (803)", False), ("896-7133", False), True),
    (("Phone: (214) 671-", False), ("3482", False), True),
    (("Alternate", False), ("Phone: (405) 848-6724", False), True),
    (("www.homelandsecurity.ohio.gov/", False), ("index.stm", False), True),
    (("Dallas Fusion Center; Dallas, TX", True), ("Dallas, Texas", False), False),
    (("Phone: (405) 842-8547", False), ("Fax: (405) 842-8500", False), False),
    (("www.sled.sc.gov", False), ("www.scfusion.gov", False), False),
    (("Oklahoma City,", False), ("Oklahoma", False), True),  # a place line's rest
    (("Montgomery, Alabama", False), ("Alabama", False), False),  # a place line whole
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


# --- A table without borders, loosely led, as LibreOffice Writer prints one -----------------------

# Each row: the name cell (a heading, then the place line), the phones, the addresses; Writer
# justifies every line of a cell's paragraph but its last (a line a line break ends too), centres
# each cell's text in its row, sets 8-point type 1.45 em apart, and leaves under 3 points between
# the cells.
LOOSE = [
    (["Alabama Fusion Center", "Montgomery, Alabama"],
     ["Phone: (334) 517-2660", "Fax: (334) 517-2746", "Toll-Free: (866) 229-6220"],
     ["fusioncenter@alacop.gov", "fusion.alabama.gov"]),
    (["Alaska Information and Analysis Center", "Anchorage, Alaska"],
     ["Phone: (907) 269-8900", "Toll-Free: (855) 692-5425"], ["AKIAC@alaska.gov"]),
    (["Arizona Counter Terrorism Information Center", "Phoenix, Arizona"],
     ["Phone: (602) 644-5805", "Toll-Free: (877) 272-8329"], ["actic@azdps.gov", "www.azdps.gov"]),
    (["Arkansas State Fusion Center", "Little Rock, Arkansas"],
     ["Phone: (501) 618-8001", "Toll-Free: (866) 787-2332"], ["arfusioncenter@asp.arkansas.gov"]),
    (["Austin Regional Intelligence Center; Austin, TX", "Austin, Texas"], ["Phone: (512) 974-2742"],
     ["aric@austintexas.gov", "www.arictexas.org"]),
    (["Boston Regional Intelligence Center; Boston, MA", "Boston, Massachusetts"], ["Phone: (617) 343-4328"],
     ["bric.bpd@cityofboston.gov", "www.mbhhsr.org/"]),
    (["North Central Texas Fusion Center; McKinney, TX", "McKinney, Texas"], ["Phone: (972) 548-5537"],
     ["NCTFC@co.collin.tx.us", "www.co.collin.tx.us"]),
    (["North Dakota State and Local Information Center", "Bismarck, North Dakota"], ["Phone: (866) 885-8295"],
     ["ndslc@nd.gov", "www.nd.gov/des/homeland/fusion-center"]),
    (["Northeast Ohio Regional Fusion Center; Cleveland, OH", "Cleveland, Ohio"],
     ["Phone: (216) 515-8477", "Toll-Free: (877) 515-8477"], ["info@neorfc.us", "neorfc.us"]),
    (["Oklahoma Information Fusion Center", "Oklahoma City, Oklahoma"],
     ["Phone: (405) 842-8547", "Alternate Phone: (405) 848-6724"], ["fusion@osbi.ok.gov", "www.okfusion.ok.gov"]),
    (["Pennsylvania Criminal Intelligence Center", "Harrisburg, Pennsylvania"], ["Phone: (877) 777-6835"],
     ["sp-intelligence@pa.gov", "www.psp.pa.gov"]),
]
LOOSE_CELLS = ((72.4, 255.9), (258.8, 330.4), (333.1, 540.0))
PITCH, PADDING = 11.6, 2.8


def _vera() -> None:
    """ReportLab's Vera faces (DejaVu Sans's metrics), registered."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for name, file in (("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf")):
        pdfmetrics.registerFont(TTFont(name, file))


def _loose_table(cut_row: int, cut_slot: float, above: tuple[tuple[float, float, str, str], ...] = (),
                 columns: tuple[tuple[float, float], ...] = LOOSE_CELLS) -> bytes:
    """The rows on three pages, row `cut_row` cut before its line `cut_slot` (the rest at the top
    of the second page), the last row alone on the third (too short to show its columns); `above`:
    words drawn over the table on its first page, as (x, top, font, text); `columns`: each cell's
    left and right edge."""
    import io
    import re

    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas
    _vera()

    def wrap(text: str, font: str, width: float) -> list[list[str]]:
        """The words on each line; a number may break after its hyphen ("517-" / "2746")."""
        lines: list[list[str]] = [[]]
        for word in text.split():
            pieces = re.findall(r"\d+-(?=\d)|\S+?(?=\d+-\d)|\S+", word) if re.search(r"\d-\d", word) else [word]
            for n, piece in enumerate(pieces):
                glued = n > 0  # no space before the rest of a broken word
                line = lines[-1]
                trial = " ".join(line) + ("" if glued else " ") + piece
                if line and stringWidth(trial.strip(), font, 8) > width:
                    lines.append([])
                    glued = False
                if glued and lines[-1]:
                    lines[-1][-1] += piece
                else:
                    lines[-1].append(piece)
        return lines

    def cell_lines(texts: list[str], heading: bool, width: float) -> list[tuple[list[str], str, bool]]:
        """(words, font, justified) of each line of the cell: its texts are one paragraph, each
        ending in a line break (`<br>`), and every line but the paragraph's last is justified."""
        out = []
        for k, text in enumerate(texts):
            font = "Vera-Bold" if heading and k == 0 else "Vera"
            out += [(words, font, True) for words in wrap(text, font, width)]
        out[-1] = (out[-1][0], out[-1][1], False)
        return out

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(612.0, 792.0), invariant=1)
    pending: list[list[tuple]] = [[], [], []]  # each page's lines
    pending[0] += [(x, x, top, [text], font, False) for x, top, font, text in above]
    y, page = 100.0 + max((top for _, top, _, _ in above), default=0.0), 0
    for k, row in enumerate(LOOSE):
        if k == len(LOOSE) - 1:  # the last row alone on a page of its own
            y, page = 60.0, 2
        cells = [cell_lines(texts, i == 0, x1 - x0) for i, (texts, (x0, x1)) in enumerate(zip(row, columns))]
        slots = max(len(cell) for cell in cells)
        for (x0, x1), cell in zip(columns, cells):
            for j, (words, font, justified) in enumerate(cell):
                slot = j + (slots - len(cell)) / 2  # centred in its row
                if k == cut_row and slot >= cut_slot:
                    pending[1].append((x0, x1, 60.0 + (slot - cut_slot) * PITCH, words, font, justified))
                else:
                    pending[page].append((x0, x1, y + slot * PITCH, words, font, justified))
        y += slots * PITCH + PADDING
        if k == cut_row:
            y, page = 60.0 + (slots - cut_slot) * PITCH + PADDING, 1
    for lines in pending:
        for x0, x1, top, words, font, justified in lines:
            widths = [stringWidth(w, font, 8) for w in words]
            gap = (x1 - x0 - sum(widths)) / (len(words) - 1) if justified and len(words) > 1 else stringWidth(" ", font, 8)
            c.setFont(font, 8)
            x = x0
            for n, (word, width) in enumerate(zip(words, widths)):
                c.drawString(x, 792.0 - top - 8, word)
                if n < len(words) - 1:  # the space glyph, set in the middle of its stretched gap
                    c.drawString(x + width + (gap - stringWidth(" ", font, 8)) / 2, 792.0 - top - 8, " ")
                x += width + gap
        c.showPage()
    c.save()
    return buf.getvalue()


def _loose_want() -> list[tuple]:
    from pipeline.extract.lines import classify_line
    want = []
    for (heading, place), phones, links in LOOSE:
        fields = [(label, value) for label, value in (classify_line(p)[:2] for p in phones)]
        fields += [("Email" if "@" in link else "Website", link) for link in links]
        want.append((heading, place, fields))
    return want


@pytest.mark.parametrize("cut_slot", [0.5, 1, 1.5], ids=["the phone's first line", "its first line in each cell",
                                                          "the phone cell alone"])
def test_a_table_s_first_row_cut_under_text_goes_on_in_its_cells_on_the_next_page(cut_slot):
    """The table starts under the listing's heading at the page's foot, its first row cut after its
    first lines there (the cells centred in the row: the phone's first line alone, or one line
    of each cell, or the phone cell's two lines and nothing else): those lines are the row's
    first, in the columns the next page shows (`layout.table_foot`), and go on there in their
    own cells (`order.cells_cut`: a table's only row on the page without its first cell begins
    the next page's). Read as text under the heading, "Phone: (334)" went to "Fusion Centers"."""
    assert read_blocks(_loose_table(0, cut_slot, CLOSING)) == _loose_want()


def test_a_loosely_led_table_without_borders_is_read_row_by_row_and_cell_by_cell():
    """Each cell's lines together (a phone wrapped in its narrow cell: "Phone: (334)" / "517-2660"),
    each row's cells together, the row a page break cuts ("…Fusion Center;" / "McKinney, TX",
    "Phone: (972)" / "548-5537") goes on in its own cells on the next page, and a last row alone on
    its page keeps the table's columns."""
    assert read_blocks(_loose_table(6, 1)) == _loose_want()


def _spaced(x: float, top: float, text: str, font: str = "Vera", size: float = 8) -> tuple:
    """A line's words as drawn one by one, a plain space apart, from `x`: (x, top, font, word)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    _vera()
    words = []
    for word in text.split():
        words.append((x, top, font, word))
        x += stringWidth(word + " ", font, size)
    return tuple(words)


# Over the table: a page's closing lines and the listing's heading; a list item whose last word
# happens to start at the phones' column edge ("…; Milwaukee, | WI"), a word space after the rest.
CLOSING = (*_spaced(72.4, 20, "Last Published Date: July 23, 2015"), (72.4, 40, "Vera-Bold", "Fusion Centers"))
MILWAUKEE = "Southeastern Wisconsin Threat Analysis Center; Milwaukee, WI"


def _item_at_edge() -> tuple:
    """The Milwaukee list item, drawn so that "WI" starts at the second cell's edge."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    _vera()
    item = f"\u2022 {MILWAUKEE}"  # a typed bullet
    head = item.rpartition(" ")[0]
    return ((72.4, 20, "Vera-Bold", "Recognized Fusion Centers"),
            *_spaced(LOOSE_CELLS[1][0] - stringWidth(head + " ", "Vera", 8), 40, item))


@pytest.mark.parametrize("above", [
    pytest.param(CLOSING, id="a page's closing lines and a heading"),
    pytest.param(_item_at_edge() + tuple((x, top + 50, f, t) for x, top, f, t in CLOSING),
                 id="a list item with a word at a column's edge"),
])
def test_a_table_that_starts_under_text_is_read_in_the_columns_of_its_next_page(above):
    """Its rows on the first page (two and a half: too few for the emails' column edge) are read in
    the columns the next page shows, the row the page break cuts goes on in its own cells, and the
    text over it is read before it, the list item whole."""
    from pipeline.extract.assemble import assemble
    from pipeline.extract.pdf import read_pdf
    pages = read_pdf(_loose_table(2, 1, above), "drawn.pdf")  # read once: the blocks, then the page's lines
    assert [(b.heading, b.location.text if b.location else None, [(f.label, f.text) for f in b.fields])
            for b in assemble(pages, "").blocks] == _loose_want()
    texts = [line.text for line in pages.pages[0].lines]
    over = ["Recognized Fusion Centers", MILWAUKEE] if len(above) > len(CLOSING) else []
    assert texts[:texts.index("Alabama Fusion Center")] == [*over, "Last Published Date: July 23, 2015", "Fusion Centers"]


# --- A drawn grid with a header row of field labels: each cell's lines are its text -------------

def _grid(rows: list[tuple[str, ...]], borders: tuple = (("GRID", (0, 0), (-1, -1), 0.5, "black"),)) -> bytes:
    """A ReportLab table, every cell bordered (or drawn with `borders`), its cells' lines broken where given ("\\n")."""
    import io

    from reportlab.lib.pagesizes import landscape, letter
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle
    buf = io.BytesIO()
    table = Table([("Name", "Location", "Phone", "Alternate\nPhone", "Email")] + rows,
                  colWidths=(150, 100, 60, 60, 140), repeatRows=1)
    table.setStyle(TableStyle([*borders, ("FONTSIZE", (0, 0), (-1, -1), 7.5),
                               ("LEADING", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(buf, pagesize=landscape(letter), invariant=1).build([table])
    return buf.getvalue()


GRID_ROWS = [
    ("Alabama Fusion Center", "Montgomery,\nAlabama", "(334)\n517-2660", "", "fusioncenter@alacop.gov"),
    ("Alaska Information and\nAnalysis Center", "Anchorage, Alaska", "(907) 269-\n8900", "(855)\n692-5425",
     "AKIAC@alaska.gov"),
    ("Arkansas State Fusion\nCenter", "Little Rock,\nArkansas", "(501)\n618-8001", "",
     "arfusioncenter@asp.arkansas.g\nov"),
]


def test_a_drawn_grid_s_cell_holds_every_line_between_its_borders():
    assert read_blocks(_grid(GRID_ROWS)) == [
        ("Alabama Fusion Center", "Montgomery, Alabama",
         [("Phone", "(334) 517-2660"), ("Email", "fusioncenter@alacop.gov")]),
        ("Alaska Information and Analysis Center", "Anchorage, Alaska",
         [("Phone", "(907) 269-8900"), ("Alternate Phone", "(855) 692-5425"), ("Email", "AKIAC@alaska.gov")]),
        ("Arkansas State Fusion Center", "Little Rock, Arkansas",
         [("Phone", "(501) 618-8001"), ("Email", "arfusioncenter@asp.arkansas.gov")]),
    ]



# Rows filled in turn ("zebra") and a rule under the header: no cell sides, each row's lines
# stand apart from the next row's by the cells' padding.
ZEBRA = (("LINEBELOW", (0, 0), (-1, 0), 1, "black"), ("ROWBACKGROUNDS", (0, 1), (-1, -1), ["white", "#e8eef6"]))


def test_a_table_of_rows_filled_in_turn_holds_every_line_of_a_row_in_its_cells():
    """A table drawn without cell sides, its rows told apart by their fills (every other row filled,
    the rows between white) and their padding: a row's wrapped lines are its cells' text, the header's
    "Alternate" / "Phone" one label."""
    assert read_blocks(_grid(GRID_ROWS, ZEBRA)) == read_blocks(_grid(GRID_ROWS))


def test_rules_under_groups_of_one_line_rows_part_no_row():
    """A rule under every second row of one-line rows (a rule under each state's rows), set at one
    pitch: each line is its own row, never two centers' cells joined."""
    rows = [(f"Center {n}", "Hartford, Connecticut", f"(860) 706-55{n:02d}", "", f"c{n}@ct.gov") for n in range(4)]
    rules = (("LINEBELOW", (0, 0), (-1, 0), 1, "black"), ("LINEBELOW", (0, 2), (-1, 2), 0.5, "black"))
    assert read_blocks(_grid(rows, rules)) == [
        (f"Center {n}", "Hartford, Connecticut", [("Phone", f"(860) 706-55{n:02d}"), ("Email", f"c{n}@ct.gov")])
        for n in range(4)]


def test_a_drawn_grid_s_address_broken_at_a_hyphen_it_may_own_is_set_aside_not_refused():
    """A cell's email broken after a hyphen ("fusion-" / "center@alacop.gov"): the hyphen may be the
    address's own or the printer's, so the address is set aside and reported on its center
    (ADDRESS_BROKEN_AT_HYPHEN), never read, and the rest of the table is read."""
    rows = [GRID_ROWS[0][:4] + ("fusion-\ncenter@alacop.gov",), GRID_ROWS[1]]
    assert read_blocks(_grid(rows)) == [
        ("Alabama Fusion Center", "Montgomery, Alabama",
         [("Phone", "(334) 517-2660"), (HYPHEN_LABEL, "fusion-center@alacop.gov")]),
        ("Alaska Information and Analysis Center", "Anchorage, Alaska",
         [("Phone", "(907) 269-8900"), ("Alternate Phone", "(855) 692-5425"), ("Email", "AKIAC@alaska.gov")])]


# --- A table without borders whose cells' text runs up to the next cell -------------------------

# Each row: the name over its place line, the phones, the addresses, each cell's lines from the
# row's top, 1.5 em apart.
NARROW = [
    (["Delaware Information and Analysis Center", "Dover, Delaware"],
     ["Fax: (302) 739-1609", "Alternate Phone: (302) 739-", "5996", "Toll-Free: (800) 367-2312"],
     ["diac@state.de.us", "www.dediac.org"]),
    (["Virginia Fusion Center", "North Chesterfield, Virginia"], ["Phone: (804) 674-2196"],
     ["vfc@vsp.virginia.gov", "www.vsp.state.va.us/FusionCenter"]),
    (["Washington State Fusion Center", "Seattle, Washington"], ["Phone: (877) 843-9522"], ["intake@wsfc.wa.gov"]),
    (["West Virginia Intelligence Fusion Center", "Charleston, West Virginia"], ["Phone: (304) 558-4831"],
     ["wvfusion@wv.gov", "www.fusioncenter.wv.gov"]),
    (["Wisconsin Statewide Information Center", "Madison, Wisconsin"], ["Phone: (608) 242-5393"],
     ["wsic@doj.state.wi.us", "www.doj.state.wi.us/dci"]),
]


def test_a_borderless_table_whose_cell_runs_up_to_the_next_is_read_cell_by_cell():
    """The addresses' column edge, which one row's phone runs up to ("…(302) 739-" 1.5 points
    before "diac@state.de.us"), is a gutter of the table too, though the empty band between the
    names and the phones alone already shows the rows."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from pipeline.extract.lines import classify_line
    size, pitch = 8.5, 12.8
    columns = (30.0, 291.0, 291.0 + stringWidth("Alternate Phone: (302) 739-", "Helvetica", size) + 1.5)

    def draw(c):
        top = 60.0
        for row in NARROW:
            slots = max(len(cell) for cell in row)
            for x, cell, font in zip(columns, row, ("Helvetica-Bold", "Helvetica", "Helvetica")):
                for j, text in enumerate(cell):
                    c.setFont(font if j == 0 else "Helvetica", size)
                    c.drawString(x, 792.0 - top - size - j * pitch, text)
            top += slots * pitch + 2.8
    want = [(name, place, [classify_line(p)[:2] for p in _phones(phones)]
             + [("Email" if "@" in a else "Website", a) for a in links]) for (name, place), phones, links in NARROW]
    assert read_blocks(drawn_page(draw)) == want


def _phones(lines: list[str]) -> list[str]:
    """A cell's labeled phones, a number broken after its hyphen joined back."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].endswith("-"):
            out[-1] += line
        else:
            out.append(line)
    return out


def test_a_loosely_led_table_whose_every_band_is_a_row_keeps_its_cells_whole():
    """Where every band of a loosely led table is a row of its own (its cells' lines 1.5 em apart,
    a phone centred between them bridging the gap), its cells' pitch still says that a name over
    its place line is one cell, not two paragraphs."""
    words = [w for k in range(4) for w in (_word("Virginia", 30, 40 * k), _word("Richmond,", 30, 40 * k + 15),
                                           _word("Phone:", 291, 40 * k + 7.5))]
    bands = split_bands(group_lines(words), (), 10.0)
    rows, pitch = table_rows(bands, (), 10.0, [200.0])
    assert (len(bands), len(rows), pitch) == (4, 4, 16.5)
    assert is_table(rows, [200.0], (), 10.0, 0.0, pitch)


def test_a_cell_s_last_line_is_not_read_with_the_next_cell_s():
    """A number broken at its hyphen at the foot of a cut row's cell ("410-", its rest on the next
    page) is joined to the cell's line above it, never read as the start of the address the next
    cell opens with ("410-" + "ffcenter@fdle.state.fl.us" reads as one)."""
    from pipeline.extract.pdf.order import Placed, lines_in_order
    from pipeline.extract.pdf.pages import PdfPage, TextLine

    def placed(number: int, text: str, top: float, column: int, row: int, first: bool) -> Placed:
        x0 = 250.0 if column == 1 else 345.0
        word = Word(text, x0, x0 + 5 * len(text), top, top + 10, "Helvetica", 10.0)
        right = 300.0 if column == 1 else 500.0
        return Placed(TextLine((word,)), number, right, float("inf") if first else 0.0, False, None, x0, x0, right,
                      cell=(column, row, 7), table=(240.0, 340.0))
    lines = [placed(1, "Phone: (915) 680-6500", 680, 1, 5, True), placed(2, "pdfusion@elpasotexas.gov", 680, 2, 5, True),
             placed(3, "Phone: (850)", 700, 1, 6, True), placed(4, "410-", 712, 1, 6, False),
             placed(5, "ffcenter@fdle.state.fl.us", 700, 2, 6, True)]
    page = PdfPage(1, 612.0, 792.0, (), (), (), ())
    assert [line.text for line, _ in lines_in_order([page], [lines], 10.0, "t.pdf")][2:] == [
        "Phone: (850) 410-", "ffcenter@fdle.state.fl.us"]


# --- A grid of cards, each ruled under its lines ----------------------------------------------

CARDS = [(f"Center {n} of the Grid", f"{city}, Ohio", f"(614) 555-01{n:02d}", f"c{n}@ohio.gov", f"www.c{n}.ohio.gov")
         for n, city in enumerate(("Columbus", "Dayton", "Toledo", "Akron", "Canton", "Lima"))]


def _cards(gap: float) -> bytes:
    """Cards three to a row, `gap` points apart, each drawn as a box with a rule under each of its
    lines (a web page's list group); the lines of a row's cards stand at the same heights."""
    def draw(c):
        width, pitch = 160.0, 13.0
        for k, (name, place, phone, email, site) in enumerate(CARDS):
            x, top = 50 + (k % 3) * (width + gap), 720 - (k // 3) * 90
            c.setStrokeColorRGB(0.8, 0.8, 0.8)
            c.rect(x, top - 5 * pitch - 4, width, 5 * pitch + 4, stroke=1, fill=0)
            for i, text in enumerate((name, place, f"Phone: {phone}", email, site)):
                y = top - (i + 1) * pitch
                c.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 8.5)
                c.drawString(x + 4, y + 3, text)
                c.line(x, y, x + width, y)
    return drawn_page(draw)


def test_cards_set_apart_in_a_grid_are_read_card_by_card_though_their_rules_line_up():
    """Cards three to a row whose lines (and the rules under them) stand at the same heights: the
    rules stop at each card's sides, a gutter between the cards, so they part no row of the grid;
    each card is one block, read left to right, row by row, never a line of each card read across."""
    assert read_blocks(_cards(9.0)) == [
        (name, place, [("Phone", phone), ("Email", email), ("Website", site)])
        for name, place, phone, email, site in CARDS]


def test_a_boxed_group_header_over_its_column_labels_is_read_without_end():
    """A sheet's page that prints a group label ("Contact numbers") boxed over its column labels
    and number cells under them, as Calc prints the right-hand columns of a sheet too wide for the
    paper: a run of lines with no gutter is one column, read as it stands (it was cut again and
    again into itself until Python's recursion limit)."""
    from pipeline.extract.pdf import read_pdf
    H = 841.9

    def draw(c):
        c.setLineWidth(0.5)
        for top in (69.0, 84.0, 99.0):
            c.line(50, H - top, 519, H - top)
        for x, top in ((50.4, 69), (167.4, 84), (284.3, 84), (401.3, 84), (518.3, 69)):
            c.line(x, H - top, x, H - 99)
        c.setFont("Helvetica-Bold", 11)
        c.drawString(231.3, H - 78, "Contact numbers")
        for x, text in ((89.5, "Phone"), (214.9, "Fax"), (315.2, "Toll-Free"), (409.3, "Alternate Phone")):
            c.drawString(x, H - 93, text)
        c.setFont("Helvetica", 11)
        for k, cells in enumerate((("(334) 517-2660", "(334) 517-2746", "(866) 229-6220"),
                                   ("(907) 269-8900", "", "(855) 692-5425"), ("(602) 644-5805", "", "(877) 272-8329"))):
            for x, text in zip((51.4, 168.4, 285.4), cells):
                c.drawString(x, H - 108 - 15 * k, text)
    pages = read_pdf(drawn_page(draw, (595.3, H)), "wide.pdf")
    texts = [line.text for page in pages.pages for line in page.lines]
    assert any("Contact numbers" in t for t in texts) and any("(334) 517-2660" in t for t in texts)


# --- A drawn grid whose header labels stand centred over cells set flush left ------------------

def _centred_grid(count: int, height: float = 300, split: bool = False) -> bytes:
    """A ReportLab grid over pages `height` points high, its header row's labels centred (a
    browser's <th>), its cells flush left, each name filling its column to a word space from the
    next; with `split`, names of three lines and a row cut by the page break (splitInRow)."""
    import io

    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle
    buf = io.BytesIO()
    name = "Center Number {n} of\nthe State of\nOhio" if split else "Center Number {n} of\nthe State of Ohio"
    rows = [(name.format(n=n), "Columbus", "Ohio", f"(614)\n555-01{n:02d}", f"c{n}@ohio.gov") for n in range(count)]
    table = Table([("Agency", "City", "State", "Phone", "Email")] + rows, colWidths=(88, 50, 30, 50, 90),
                  splitInRow=int(split))
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                               ("FONTSIZE", (0, 0), (-1, -1), 9), ("LEADING", (0, 0), (-1, -1), 11),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(buf, pagesize=(612, height), invariant=1, topMargin=20, bottomMargin=20).build([table])
    return buf.getvalue()


@pytest.mark.parametrize("count, height, split", [(12, 300, False), (9, 300, False), (6, 200, True)],
                         ids=["rows on both pages", "the last row alone on its page", "a row cut by the page break"])
def test_a_grid_whose_header_is_centred_over_flush_left_cells_gives_its_records(count, height, split):
    """The header's labels stand centred over their cells, the rows' text flush left under them: each
    column starts at the border left of its label; a name that fills its cell to a word space from the
    city is two cells, the border between; the table goes on over a page without its header, and a
    page that holds one row alone, under the border the page before drew, reads it whole; a row the
    page break cuts (no border under its first part) goes on in its cells on the next page."""
    assert read_blocks(_centred_grid(count, height, split)) == [
        (f"Center Number {n} of the State of Ohio", "Columbus, Ohio", [("Phone", f"(614) 555-01{n:02d}"),
                                                                       ("Email", f"c{n}@ohio.gov")])
        for n in range(count)]


# --- A table without borders, its cells a padding apart little wider than a word space -------------

def _table_words(rows, lefts, top=100.0, pitch=15.0, size=10.5, advance=5.0):
    """Words of a table's lines: each row a list of lines, each line a tuple of cell texts set at
    `lefts` (a word space of 0.25 em between words)."""
    words, y = [], top
    for row in rows:
        for line in row:
            for x, text in zip(lefts, line):
                at = x
                for word in text.split():
                    words.append(Word(word, at, at + advance * len(word), y, y + size, "Serif", size))
                    at += advance * len(word) + 0.25 * size
            y += pitch
        y += 4.0
    return words


def test_a_cell_s_numbers_in_line_are_no_column():
    """A table without borders whose every row sets its number the same way ("Phone: (340) 776-",
    wrapped, "3013" under it): the number's parts start at one x in every row, a column edge of the
    page, each after a word space of its own cell (its row's other cells stand a padding apart,
    however narrow). That edge is no column (`layout.edge_gutters`): cut there, each row read
    "Phone: (340) 3013" and "776-" as cells of their own, and a Writer table was refused."""
    from pipeline.extract.pdf.layout import Cell, cut
    from pipeline.extract.pdf.pages import PdfPage

    lefts = (44.0, 247.0, 333.5)  # the cells' padding: 6 points, little more than a word space
    rows = [[(f"Northern Regional Threat Center Number {k}", f"Phone: ({300 + k}) 776-", f"c{k}@example.gov"),
             ("Columbus, Ohio", f"{3000 + k}", "")] for k in range(10)]
    words = _table_words(rows, lefts)
    number_edge = 247.0 + 5.0 * 6 + 2.625 + 5.0 * 5 + 2.625  # where "776-" starts in every row
    page = PdfPage(1, 612.0, 792.0, tuple(words), (), (), (), edges=(44.0, 247.0, 277.625, number_edge, 333.5),
                   space=2.625)
    regions = cut(words, page, 10.5)
    assert all(isinstance(r, Cell) for r in regions)
    phones = [" ".join(w.text for w in r) for r in regions if r.column == 1]
    assert phones == [f"Phone: ({300 + k}) 776- {3000 + k}" for k in range(10)]
    assert max(r.column for r in regions) == 2



@pytest.mark.parametrize("case, read", [
    ("its three cells at the next page's column starts", True),
    ("no column starts given", False),
    ("a cell empty", True),
    ("the first column's cell alone", False),
    ("a cell off its column's start", False),
    ("two columns", False),
])
def test_a_table_s_first_row_alone_under_text_at_a_page_s_foot(case, read):
    """A table that starts under a heading at a page's foot with one row there, its cells going on
    over the page ("Alabama Fusion Center | Phone: (334) 517- | fusioncenter@…"): that row is the
    table's first (`layout.table_foot`) where the table has three columns or more and each of its
    cells starts where its column starts on the next page, one at least after the first gutter;
    read as a line of text, its phone was joined with its email and the Writer table was refused.
    One row proves nothing where a cell stands off its column, where it holds the first column's
    text alone (any line of text), or where the table has two columns (a listing's last line in
    two columns)."""
    from pipeline.extract.pdf.layout import split_bands, table_foot
    from pipeline.extract.pdf.pages import PdfPage

    lefts = (44.0, 247.0, 333.5)
    cells = ("Alabama Fusion Center", "Phone: (334) 517-", "fusioncenter@alacop.gov")
    if case == "a cell empty":
        cells = ("", "Phone: (334) 517-", "")
    if case == "the first column's cell alone":
        cells = ("Alabama Fusion Center", "", "")
    if case == "a cell off its column's start":
        lefts = (44.0, 260.0, 333.5)
    gutters, starts = (242.0, 330.0), (44.0, 247.0, 333.5)
    if case == "two columns":
        cells, lefts, gutters, starts = cells[1:], lefts[1:], gutters[1:], starts[1:]
    if case == "no column starts given":
        starts = ()
    words = _table_words([[("Fusion Centers",)], [cells]], lefts)
    page = PdfPage(1, 612.0, 792.0, tuple(words), (), (), (), edges=(44.0,), space=2.625)
    found = table_foot(split_bands(group_lines(words), (), 10.5), page, 10.5, gutters, starts)
    if read:
        above, rows = found
        assert [line.text for line in above] == ["Fusion Centers"]
        assert [[line.text for line in row] for row in rows] == [[" ".join(c for c in cells if c)]]
    else:
        assert found is None


def _cell_page(number: int, rows, lefts: tuple[float, ...] = (40.0, 300.0), size: float = 10.0):
    """A page of a table without borders as the reader places it: each row's cells, each cell's
    lines as (text, styled), set from the top of the page, 12 points apart; its lines in reading
    order (`order.Line`, each with its cell) and the page (`pages.PdfPage`)."""
    from pipeline.extract.pdf.pages import PdfPage

    lines, words, top = [], [], 60.0
    for k, cells in enumerate(rows):
        for column, (x, cell) in enumerate(zip(lefts, cells)):
            for j, (text, styled) in enumerate(cell):
                at = x
                for word in text.split():
                    words.append(Word(word, at, at + 5.0 * len(word), top + 12 * j, top + 12 * j + size,
                                      "Helvetica-Bold" if styled else "Helvetica", size))
                    at += 5.0 * len(word) + 2.5
                lines.append(Line(text, SourceRef("t.pdf", len(lines) + 1, number), styled, False, x0=x,
                                  top=top + 12 * j, box=(x, top + 12 * j, at - 2.5, top + 12 * j + size),
                                  cell=(column, k, len(rows))))
        top += 12 * max(len(c) for c in cells) + 6
    return lines, PdfPage(number, 612.0, 792.0, tuple(words), (), (), (), edges=lefts, space=2.5)


# A table without borders on two pages, each row a name cell (its heading, then its place line)
# and a phones cell; the page break cuts its fourth row.
CUT_ROWS = [(("Alaska Information and Analysis Center", "Anchorage, Alaska"), ("Phone: (907) 269-8900",)),
            (("Arkansas State Fusion Center", "Little Rock, Arkansas"), ("Phone: (501) 618-8001",)),
            (("Colorado Information Analysis Center", "Lakewood, Colorado"), ("Phone: (877) 509-2422",))]


@pytest.mark.parametrize("heading, rest, cut", [
    pytest.param("Cincinnati/Hamilton County Regional Terrorism Early", ("Warning Group", "Cincinnati, Ohio"), True,
                 id="a heading wrapped for want of room, its next line atop the next page"),
    pytest.param("Cincinnati/Hamilton County Regional Terrorism Early", ("Cincinnati, Ohio",), True,
                 id="a heading, its place line atop the next page"),
    pytest.param("Ohio Fusion Center", ("Warning Group", "Cincinnati, Ohio"), False,
                 id="a heading that ended with room to spare: the next page's is the next record's"),
])
@pytest.mark.parametrize("over", [False, True], ids=["", "text over the table read in its rows"])
@pytest.mark.parametrize("last", [False, True], ids=["rows after it", "the table's last row"])
def test_a_row_cut_after_its_heading_goes_on_in_its_cells_on_the_next_page(heading, rest, cut, last, over):
    """A table's cell at a page's foot that is a heading alone, in a column whose other cells set
    their place line under their heading, was cut there (`order.heading_cut`): its place line atop
    the next page, or the heading's next line where its last line had no room for that line's first
    word, go on in the cell, and the row's other cells with it (a Writer table's "…Early Warning" /
    "Group; Cincinnati, OH" was read as two rows: Cincinnati's fax went to no center, silently),
    also where the row is the table's last, its rest alone on the next page, and where text over
    the table was read in its rows (a cell that opens with no heading tells nothing)."""
    from pipeline.extract.pdf.order import carry_over

    size = 10.0
    set_page = _cell_page
    named = [([(name, True), (place, False)], [(phone, False)]) for (name, place), (phone,) in CUT_ROWS]
    text = [([("Last Published Date: July 23,", False)], [("2015", False)])] if over else []  # no heading in it
    before, first = set_page(1, [*text, *named, ([(heading, True)], [("Phone: (513) 263-8000", False)])])
    after, second = set_page(2, [([(rest[0], len(rest) > 1), *((t, False) for t in rest[1:])],
                                  [("Fax: (513) 263-8225", False)]), *named[:0 if last else 1]])
    lines = list(before)
    remaining = carry_over(lines, first, second, after, size, Spelling())
    texts = [line.text for line in lines[-4 if cut else -2:]]
    if cut:
        joined = f"{heading} {rest[0]}" if len(rest) > 1 else heading
        assert texts == [joined, "Cincinnati, Ohio", "Phone: (513) 263-8000", "Fax: (513) 263-8225"]
        assert [line.text for line in remaining][:1] == ([] if last else ["Alaska Information and Analysis Center"])
    else:
        assert texts == [heading, "Phone: (513) 263-8000"] and remaining == after


@pytest.mark.parametrize("first, goes_on", [
    pytest.param(("Oklahoma", False), True, id="its first cell opens plain: the row above goes on"),
    pytest.param(("Oregon Terrorism Information Threat Assessment Network", True), False,
                 id="its first cell opens with a heading: the next record"),
])
@pytest.mark.parametrize("headed", [True, False], ids=["", "a table whose records open with no heading"])
def test_a_row_cut_inside_its_cells_goes_on_where_the_next_page_s_first_cell_opens_plain(first, goes_on, headed):
    """A table whose records open their first cell with a heading, its row cut at a page's foot
    inside each cell ("Oklahoma City," / "Oklahoma", "…842-8547 Alternate" / "Phone: (405)
    848-6724"): the next page's first row, its first cell opening plain, is that row's rest
    (`order.unheaded_rest`), each cell going on in its own column: the place line whole, the
    broken label "Alternate Phone:" given to the number under it. Read as a row of its own, a Writer
    table published the alternate phone as Oklahoma's main phone and lost the alternate one
    silently. A next page that opens with a heading, or a table whose records open with none, tells
    no cut row."""
    from pipeline.extract.pdf.order import carry_over

    named = [([(name, headed), (place, False)], [(phone, False)]) for (name, place), (phone,) in CUT_ROWS]
    before, page1 = _cell_page(1, [*named, ([("Oklahoma Information Fusion Center", headed), ("Oklahoma City,", False)],
                                            [("Phone: (405) 842-8547 Alternate", False)])])
    rest = [(first[0], first[1] and headed)], [("Phone: (405) 848-6724", False)]
    after, page2 = _cell_page(2, [rest, *named])
    lines = list(before)
    remaining = carry_over(lines, page1, page2, after, 10.0, Spelling())
    if goes_on and headed:
        assert [line.text for line in lines[-4:]] == ["Oklahoma Information Fusion Center", "Oklahoma City, Oklahoma",
                                                      "Phone: (405) 842-8547", "Alternate Phone: (405) 848-6724"]
        assert [line.read_on for line in lines[-4:]] == [0, 0, 0, 1]
        assert remaining[0].text == "Alaska Information and Analysis Center"
    else:
        assert lines == before and remaining == after


def test_a_table_under_a_list_at_a_page_s_foot_is_read_in_its_own_rows():
    """A table of three rows under a list and a heading at a page's foot, read in the columns the
    next page shows it in (`layout.table_foot`): its rows are told by its own leading, not the
    list's (each line of the list 19 points below the one before, the table's 13: measured over
    both, the table's rows, 17 apart, were read as one, each column's cells one under the other:
    Alabama's and Alaska's phones went to Arizona in a Writer table)."""
    from pipeline.extract.pdf.layout import split_bands, table_foot
    from pipeline.extract.pdf.pages import PdfPage

    lefts, gutters, starts = (44.0, 300.0, 440.0), (297.0, 437.0), (44.0, 300.0, 440.0)
    items = [f"Regional Fusion Center Number {k}; Columbus, OH" for k in range(20)]  # left of the gutters
    words = _table_words([[(item,)] for item in [*items, "Fusion Centers"]], lefts, top=50.0, pitch=15.0, size=9.0)
    records = [[("Alabama Fusion Center", "Phone: (334) 517-2660", "fusioncenter@alacop.gov"),
                ("Montgomery, Alabama", "Fax: (334) 517-2746", "fusion.alabama.gov"),
                ("", "Toll-Free: (866) 229-6220", "")],
               [("Alaska Information and Analysis Center", "Phone: (907) 269-8900", "AKIAC@alaska.gov"),
                ("Anchorage, Alaska", "Toll-Free: (855) 692-5425", "")],
               [("Arizona Counter Terrorism Information Center", "Phone: (602) 644-5805", "actic@azdps.gov"),
                ("Phoenix, Arizona", "Toll-Free: (877) 272-8329", "www.azdps.gov")]]
    words += _table_words(records, lefts, top=max(w.bottom for w in words) + 30.0, pitch=13.1, size=9.0)
    page = PdfPage(1, 612.0, 792.0, tuple(words), (), (), (), edges=lefts, space=2.25)
    above, rows = table_foot(split_bands(group_lines(words), (), 9.0), page, 9.0, gutters, starts)
    assert [line.text for line in above] == [*items, "Fusion Centers"]
    assert [len(row) for row in rows] == [3, 2, 2]


def test_a_line_of_text_whose_word_runs_across_a_table_s_gutter_is_text_over_the_table():
    """Lines over a table that run across its gutters, a word of them over a gutter ("Published"
    over the phones' column's edge), a line left of its columns between them and the table: text
    over the table (`layout.text_over_table`); read as the table's rows, a list item over it was
    cut into three cells ("St. Louis Fusion" / "Center;" / "St. Louis, MO") and read as a center."""
    from pipeline.extract.pdf.layout import text_over_table

    lefts = (44.0, 247.0, 333.5)
    over = ["Last Published Date: July 23, 2015 and Reviewed by the Office", "Was this page helpful? Tell us what you think"]
    words = _table_words([[(text,)] for text in over], (44.0,), top=40.0)
    words += _table_words([[("Yes No",)]], (44.0,), top=100.0)
    words += _table_words([[("Alabama Fusion Center", "Phone: (334) 517-2660", "fusioncenter@alacop.gov")],
                           [("Alaska Information Center", "Phone: (907) 269-8900", "AKIAC@alaska.gov")]],
                          lefts, top=130.0)
    rows = [[line] for line in group_lines(words)]
    gutters = [244.0, 330.0]
    assert any(w.x0 < gutters[0] < w.x1 for w in rows[0][0].words)  # a word over the gutter
    assert text_over_table(rows, gutters, 10.5) == 2


@pytest.mark.parametrize("between", [True, False], ids=["a heading between", "no text between"])
def test_a_list_item_over_a_table_whose_word_starts_at_a_column_s_edge_is_read_whole(between):
    """A list's last item over a table on one page, its word "Pittsburgh," starting at the
    phones' column edge a word space after the rest (its words spaced alike: text), a heading
    between it and the table's first row: the item is text over the table, read whole
    (`layout.text_over_table`); read as the table's first row, its end went to the phones' column
    and the item under it ran into it (a Writer table's list page was refused). With nothing
    between them, the line is read with the table as before."""
    from pipeline.extract.pdf.layout import Cell, cut
    from pipeline.extract.pdf.pages import PdfPage

    lefts = (44.0, 247.0, 333.5)
    item = "Southwestern PA Region 13 Fusion Center; Pittsburgh, PA"
    head = item.rpartition(" Pittsburgh,")[0]
    start = 247.0 - (5.0 * len(head.replace(" ", "")) + 2.625 * head.count(" ") + 2.625)
    rows = [[(f"Northern Regional Threat Center Number {k}", f"Phone: ({300 + k}) 776-", f"c{k}@example.gov"),
             ("Columbus, Ohio", f"{3000 + k}", "")] for k in range(10)]
    words = _table_words([[(item,)]], (start,), top=60.0)
    words += _table_words([[("Fusion Centers",)]] if between else [], lefts, top=80.0)
    words += _table_words(rows, lefts)
    assert [w.x0 for w in words if w.text == "Pittsburgh,"] == [247.0]
    page = PdfPage(1, 612.0, 792.0, tuple(words), (), (), (), edges=(44.0, 247.0, 333.5), space=2.625)
    regions = cut(words, page, 10.5)
    first = " ".join(w.text for w in regions[0])
    if between:
        assert not isinstance(regions[0], Cell) and first == item
        assert sum(1 for r in regions if isinstance(r, Cell) and r.column == 1) == 10
    else:
        assert isinstance(regions[0], Cell)  # no text standing apart tells it from a row of cells


def test_a_table_s_rows_atop_the_next_page_whose_cells_stand_at_different_heights_keep_its_columns():
    """The last rows of a table without borders on a page of their own, each cell's text centred
    in its row (a name's heading and place line beside a phone's one line and an email's one),
    the names justified up to a padding of 3 points from the phones: few lines show words on both
    sides of a gutter, and the page alone shows no gutter before the phones. Its words stand in the
    columns of the table the page before ended with, each column's lines at one x: they are that
    table's rows (`layout.carried_gutters`); read as two columns, a Writer table's phones went to
    the names' column and the emails of 13 centers to none."""
    from pipeline.extract.pdf.layout import Cell, cut
    from pipeline.extract.pdf.pages import PdfPage

    size, g1, g2 = 7.0, 337.4, 438.0
    words, top = [], 60.0
    for k in range(6):
        name = ["Southwest", "Texas", "Fusion", "Center;", "San", f"Antonio{k},", "TX"]
        widths = [3.5 * len(w) for w in name]
        gap = (g1 - 1.5 - 72.0 - sum(widths)) / (len(name) - 1)  # justified up to the padding
        at = 72.0
        for word, width in zip(name, widths):
            words.append(Word(word, at, at + width, top, top + size, "Times-Bold", size))
            at += width + gap
        words.append(Word("Antonio,", 72.0, 100.0, top + 16, top + 16 + size, "Times", size))
        words.append(Word("Texas", 102.0, 119.5, top + 16, top + 16 + size, "Times", size))
        for x, texts in ((g1 + 1.5, ("Phone:", "(210)", "207-7680")), (g2 + 1.0, (f"c{k}@example.gov",))):
            at = x
            for text in texts:
                words.append(Word(text, at, at + 3.5 * len(text), top + 8, top + 8 + size, "Times", size))
                at += 3.5 * len(text) + 1.75
        top += 30.0
    page = PdfPage(7, 842.0, 595.0, tuple(words), (), (), (), edges=(72.0, g1 + 1.5, g2 + 1.0), space=1.75)
    regions = cut(words, page, size, (g1, g2))
    assert all(isinstance(r, Cell) for r in regions) and len(regions) == 18
    assert [" ".join(w.text for w in r) for r in regions if r.column == 2] == [f"c{k}@example.gov" for k in range(6)]
    assert [" ".join(w.text for w in r) for r in regions if r.column == 1] == ["Phone: (210) 207-7680"] * 6


def test_a_column_s_edge_beside_ragged_text_keeps_its_gutter_though_some_lines_end_a_space_from_it():
    """The emails' column of a table whose phones' column is as wide as its widest number: a
    "Phone:" line ends a word space from the email beside it, a "Fax:" line further. The emails'
    edge is a column's (`layout.edge_gutters`): only a cell's own text reads on to an edge at a
    word space on every line (`test_a_cell_s_numbers_in_line_are_no_column`); taken for one, the
    emails' column was lost and a Writer table's Sacramento fax went to the next center."""
    from pipeline.extract.pdf.layout import edge_gutters
    from pipeline.extract.pdf.pages import PdfPage

    phone_width = 5.0 * len("Phone:(407)858-3950") + 2 * 2.625
    lefts = (44.0, 247.0, 247.0 + phone_width + 3.3)
    rows = [[(f"Northern Regional Threat Center Number {k}", f"Phone: (407) 858-39{k}0", f"c{k}@example.gov"),
             ("Columbus, Ohio", f"Fax: (513) 263-82{k}5", f"www.c{k}.gov") if k % 3 == 0 else ("Columbus, Ohio",)]
            for k in range(10)]  # most emails beside a phone, a few websites beside a fax
    words = _table_words(rows, lefts)
    page = PdfPage(1, 612.0, 792.0, tuple(words), (), (), (), edges=lefts, space=2.625)
    assert [round(g, 1) for g in edge_gutters(words, page, 10.5)] == [246.5, round(lefts[2] - 0.5, 1)]


def test_a_monospaced_table_s_columns_a_third_of_a_cell_apart_are_columns():
    """A table printed in a monospaced face, its names' cells justified up to 2.8 points (under half
    a 6.3-point cell) from the phones' column, the phones' up to as close to the emails': a
    monospaced print spaces its words a whole cell apart or more (justified), so an empty band
    narrower than a cell through many lines, before words that start at one x, parts two columns
    (`layout.find_gutters`). Read as one column, a Writer table's names, phones and emails ran
    into each other, and four centers' toll-free numbers went to others, silently."""
    from pipeline.extract.pdf.layout import find_gutters
    from pipeline.extract.pdf.pages import PdfPage

    cell, size = 6.3, 10.5
    columns = ((58.2, 211.6), (214.4, 292.7), (295.5, 500.0))
    names = ("Alabama Fusion Center", "Alaska Information and Analysis Center", "Arkansas State Fusion Center",
             "Colorado Information Analysis Center", "Dallas Fusion Center", "Georgia Information Sharing Center",
             "Hawaii Fusion Center", "Idaho Criminal Intelligence Center", "Iowa Intelligence Fusion Center",
             "Kansas Intelligence Fusion Center")
    rows = [(name[:24], "Phone: (334)", f"c{k}@example.gov") for k, name in enumerate(names)]
    words = []
    for k, cells in enumerate(rows):
        top = 100.0 + 12 * k
        for (left, right), text in zip(columns, cells):
            parts = text.split()
            justified = right < 500.0  # the names and phones stretched to their cells' right edge
            gap = ((right - left - cell * sum(len(p) for p in parts)) / (len(parts) - 1)) if justified else cell
            at = left
            for part in parts:
                words.append(Word(part, at, at + cell * len(part), top, top + size, "LiberationMono", size))
                at += cell * len(part) + gap
    page = PdfPage(1, 612.0, 792.0, tuple(words), (), (), (), edges=(58.2, 214.4, 295.5), space=cell, cell=cell)
    assert [round(g, 1) for g in find_gutters(words, page, size)] == [213.0, 294.1]


def test_a_table_s_last_rows_alone_on_a_page_keep_the_columns_where_they_start_on_the_page_before():
    """The last page of a table holds the rest of a cut row and one more row: five lines, two with
    words on both sides of a gutter, too few to show the page's own column edges. Its words stand
    where the table's columns start on the page before (`layout.carried_gutters`, given those
    starts): they are that table's rows. Read as lines, Wisconsin's name, phone and addresses ran
    into each other."""
    from pipeline.extract.pdf.layout import Cell, cut
    from pipeline.extract.pdf.pages import PdfPage

    lefts, gutters = (58.2, 214.4, 295.5), (213.0, 294.1)
    words = _table_words([[("Charleston, West",), ("Virginia",)],
                          [("Wisconsin Statewide", "Phone: (608)", "wsic@doj.state.wi.us"),
                           ("Information Center", "242-5393", "www.doj.state.wi.us/dci"), ("Madison, Wisconsin",)]],
                         lefts)
    page = PdfPage(8, 612.0, 792.0, tuple(words), (), (), (), edges=(58.2,), space=2.625)
    regions = cut(words, page, 10.5, gutters, columns_start=lefts)
    assert not all(isinstance(r, Cell) for r in cut(words, page, 10.5, gutters))  # without the starts
    assert all(isinstance(r, Cell) for r in regions)
    assert [(r.column, r.row, " ".join(w.text for w in r)) for r in regions] == [
        (0, 0, "Charleston, West Virginia"), (0, 1, "Wisconsin Statewide Information Center Madison, Wisconsin"),
        (1, 1, "Phone: (608) 242-5393"), (2, 1, "wsic@doj.state.wi.us www.doj.state.wi.us/dci")]


@pytest.mark.parametrize("read", [True, False], ids=["at the table's first column", "a list item's indent"])
def test_a_row_whose_name_fills_its_cell_a_word_space_from_the_phone_is_the_table_s(read):
    """A table at a page's foot, under its heading, whose first row's name fills its cell: the
    phone beside it starts a word space on, the line's words spaced alike as a line of text's
    (`layout.evenly_spaced`). Starting where the table's first column starts, in a table of three
    columns, it is the table's row (`layout.in_columns`, given that start): read as text over the
    table, Alabama's row lost its phones to no center. The same line at a list item's indent is
    text over the table ("…; Milwaukee, | WI")."""
    from pipeline.extract.pdf.layout import split_bands, table_foot
    from pipeline.extract.pdf.pages import PdfPage

    def width(text):
        return 5.0 * len(text.replace(" ", "")) + 2.625 * text.count(" ")

    name = "Alaska Information and Analysis Center"
    phones = 44.0 + width(name) + 2.625
    if not read:  # a shorter line, indented, that ends where the name did
        name = "Alaska Information and Analysis"
    lefts, gutters = (44.0, phones, 333.5), (phones - 1.3, 330.0)
    words = _table_words([[("Fusion Centers",)]], lefts, top=60.0)
    words += _table_words([[(name, "269-8900 (cell)")]], (phones - 2.625 - width(name), phones), top=80.0)
    words += _table_words([[("Anchorage, Alaska", "", "AKIAC@alaska.gov")]], lefts, top=95.0)
    words += _table_words([[("Arizona Fusion Center", "Phone: (602)", "actic@azdps.gov"),
                            ("Phoenix, Arizona", "644-5805", "www.azdps.gov")]] * 2, lefts, top=120.0)
    page = PdfPage(3, 612.0, 792.0, tuple(words), (), (), (), edges=(44.0,), space=2.625)
    above, rows = table_foot(split_bands(group_lines(words), (), 10.5), page, 10.5, gutters, lefts)
    assert [line.text for line in above][-1] == ("Fusion Centers" if read else f"{name} 269-8900 (cell)")
    assert [line.text for line in rows[0]][0] == (f"{name} 269-8900 (cell)" if read else "Anchorage, Alaska AKIAC@alaska.gov")


@pytest.mark.parametrize("date_end", [307.2, 310.0])  # the date line ending with the markers, or nearer the text
@pytest.mark.parametrize("marker", ["•", "(cid:136)"])
def test_a_monospaced_list_s_markers_beside_a_column_of_prose_are_a_tab_stop_no_gutter(marker, date_end):
    """A monospaced list page: prose in the left column, the list's items on the right, each a
    marker (a typed bullet in a proportional face, or a symbol font's unmapped glyph) 4 points
    before its text, wrapped lines indented to the text. The narrow band between the markers and
    the text is their tab stop, though each line holds the prose's words further left and a date
    line runs up to it (`layout.marks_only`): taken for a gutter, the markers were read as a column
    of their own and four list pages were refused."""
    from pipeline.extract.pdf.layout import find_gutters
    from pipeline.extract.pdf.pages import PdfPage

    cell, size = 6.0, 10.0
    words = []
    for k in range(14):
        top = 100.0 + 12 * k
        words.append(Word("prose", 40.0, 40.0 + 5 * cell, top, top + size, "LiberationMono", size))
        words.append(Word("text", 76.0, 76.0 + 4 * cell, top, top + size, "LiberationMono", size))
        if k % 3 != 2:  # an item's first line: its marker; else its wrapped line
            words.append(Word(marker, 300.0, 307.2, top, top + size, "DejaVuSans", size))
        words.append(Word("Item", 311.2, 311.2 + 4 * cell, top, top + size, "LiberationMono", size))
        words.append(Word("Center", 311.2 + 5 * cell, 311.2 + 11 * cell, top, top + size, "LiberationMono", size))
    top = 100.0 + 12 * 14  # a date line set from the left, its last word ending at the markers' right
    words += [Word("Last", 250.0, 274.0, top, top + size, "LiberationMono", size),
              Word("Published", 280.0, date_end, top, top + size, "LiberationMono", size),
              Word("Date", 311.2, 335.2, top, top + size, "LiberationMono", size)]
    page = PdfPage(1, 612.0, 792.0, tuple(words), (), (), (), edges=(40.0, 300.0), space=cell, cell=cell)
    assert all(not 307.2 <= g <= 311.2 for g in find_gutters(words, page, size))  # (a band 1.2 pt wide too)


# --- Pages of Writer tables, their words kept where Writer set them (tests/fixtures/tables/) -------

TABLE_PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "tables"
TABLE_ENTRIES = json.loads((TABLE_PAGES / "index.json").read_text(encoding="utf-8"))["pages"]


def _block_lines(block) -> list[str]:
    """A capture block's lines as a table's cells print them: heading, place line, each labeled
    number with its label, each address as it stands."""
    from pipeline.text import strip_markdown_link
    fields = [f.text if f.label in ("Email", "Website") else f"{f.label}: {f.text}" for f in block.fields]
    return [strip_markdown_link(block.heading), block.location.text if block.location else None, *fields]


@pytest.mark.parametrize("entry", TABLE_ENTRIES, ids=[e["file"].rsplit("_", 1)[0] for e in TABLE_ENTRIES])
def test_a_writer_table_s_first_rows_under_text_are_read_row_by_row(entry, capture_extraction):
    """A table that starts under text on a page (the list's end, the page's closing lines, the
    listing's heading), drawn again from the words of LibreOffice Writer's print (`drawn.redrawn`):
    from its first row, the lines read are the capture's blocks, field for field and in order."""
    from pipeline.extract.pdf import read_pdf
    pages = read_pdf(redrawn(json.loads((TABLE_PAGES / entry["file"]).read_text(encoding="utf-8"))), "drawn.pdf")
    texts = [line.text for page in pages.pages for line in page.lines if not line.furniture]
    headings = [b.heading for b in capture_extraction.blocks]
    k = headings.index(entry["first"])
    want = [text for block in capture_extraction.blocks[k:k + entry["blocks"]] for text in _block_lines(block)]
    start = texts.index(entry["first"])
    assert texts[start:start + len(want)] == want


def test_kept_table_pages_are_the_generator_s_layouts_and_small():
    """Each kept page is named for the layout its seed draws among its producers, and all stay small."""
    import sys
    layouts = Path(__file__).resolve().parents[2] / "bench" / "layouts"
    if str(layouts) not in sys.path:
        sys.path.insert(0, str(layouts))
    import make_layouts
    for e in TABLE_ENTRIES:
        assert e["file"].startswith(make_layouts.draw(e["seed"], tuple(e["producers"].split())).name[:-len(".pdf")])
    assert sorted(p.name for p in TABLE_PAGES.glob("*.json") if p.name != "index.json") == sorted(
        e["file"] for e in TABLE_ENTRIES + TABLE_GRID)
    assert sum(p.stat().st_size for p in TABLE_PAGES.glob("*.json")) < 200 * 1024


# A Writer table's page whose name column ends well before the phones' column edge: one gutter in
# that empty band, not two (the band's middle and the column's edge) round an empty column.
TABLE_GRID = [{"file": "2095910341_writer_table_1col_a4_landscape_11pt_p6.json", "seed": 2095910341,
               "producers": "writer"}]


def test_a_table_s_empty_band_between_two_columns_is_one_gutter():
    """The page's table has three columns (name, phones, addresses): an edge gutter found at the
    phones' column edge stands in the empty band of the gutter found there already (no word
    between them) and is that gutter (`layout.cut`). Taken for another, the table had a fourth,
    empty column, the next pages' rows were read in other columns than their cut rows, and
    "Southern Nevada Counter-Terrorism Center (Las Vegas," / "Nevada)" became a center."""
    from pipeline.extract.pdf import read_lines
    lines = read_lines(redrawn(json.loads((TABLE_PAGES / TABLE_GRID[0]["file"]).read_text(encoding="utf-8"))),
                       "drawn.pdf")[0]
    cells = [line.cell for line in lines if line.cell is not None]
    assert len(cells) > 20 and {column for column, _, _ in cells} == {0, 1, 2}
