"""A spreadsheet printed over pages is joined back only where its rows can be matched for certain.

Pages are built here as the sheet reader takes them (lines of positioned words), as a
spreadsheet program prints a sheet wider than its paper: some columns on each page, "down, then
over" or "over, then down", with row numbers and column letters printed, with the name column
repeated on each page, or with neither. The generated Calc prints in tests/fixtures/generated/
check the same on real files.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.extract.pdf import extract_pdf
from pipeline.extract.pdf.pages import Box
from pipeline.extract.pdf.sheet import PrintedPage, read_sheet

SIZE = 8.0
GLYPH = 4.0  # every glyph 4 pt wide: a space between words is 4 pt, a cell's padding more


@dataclass(frozen=True)
class W:
    text: str
    x0: float
    x1: float
    size: float = SIZE
    top: float = 0.0  # lines are kept apart by their order here, not their height
    bottom: float = SIZE
    cut: bool = False  # the page shows it only in part (pages.Word.cut)


@dataclass(frozen=True)
class L:
    words: tuple[W, ...]


def line(*cells: tuple[float, str], top: float = 0.0, bottom: float = SIZE) -> L:
    """A line of cells, each (left edge, text); the text's words a space apart, from `top` to `bottom`."""
    words = []
    for x, text in cells:
        for word in text.split():
            words.append(W(word, x, x + GLYPH * len(word), top=top, bottom=bottom))
            x += GLYPH * (len(word) + 1)
    return L(tuple(words))


def page(number: int, *lines: L, width: float = 600.0) -> PrintedPage:
    return PrintedPage(number, width, tuple(lines), frozenset(), GLYPH)


NAMES = ("Alpha Fusion Center", "Beta Intelligence Center", "Gamma Fusion Center", "Delta Analysis Center")
PLACES = ("Montgomery, Alabama", "Juneau, Alaska", "Phoenix, Arizona", "Dover, Delaware")
PHONES = ("(334) 517-2660", "(907) 269-8900", "", "(302) 739-5996")
EMAILS = ("a@alpha.gov", "", "g@gamma.gov", "d@delta.gov")
# Left edges of the columns on each page: the first group (Name, Location), the second (Phone, Email).
X1 = (60.0, 200.0)
X2 = (60.0, 180.0)


def test_row_numbers_and_column_letters_join_a_sheet_printed_down_then_over():
    """Rows 2-3 on page 1, 4-5 on page 2 (columns A, B); then the same rows of C, D on pages 3 and 4."""
    def rows(numbers, xs, *columns):
        return [line((40.0, str(n)), *[(x, col[n - 2]) for x, col in zip(xs, columns) if col[n - 2]])
                for n in numbers]
    pages = [
        page(1, line((X1[0] + 30, "A"), (X1[1] + 30, "B")), line((40.0, "1"), (X1[0], "Name"), (X1[1], "Location")),
             *rows((2, 3), X1, NAMES, PLACES)),
        page(2, line((X1[0] + 30, "A"), (X1[1] + 30, "B")), *rows((4, 5), X1, NAMES, PLACES)),
        page(3, line((X2[0] + 30, "C"), (X2[1] + 30, "D")), line((40.0, "1"), (X2[0], "Phone"), (X2[1], "Email")),
             *rows((2, 3), X2, PHONES, EMAILS)),
        page(4, line((X2[0] + 30, "C"), (X2[1] + 30, "D")), *rows((4, 5), X2, PHONES, EMAILS)),
    ]
    sheet = read_sheet(pages, SIZE, "sheet.pdf")
    assert sheet.header == ("Name", "Location", "Phone", "Email")
    assert [r.cells for r in sheet.rows] == [tuple(x) for x in zip(NAMES, PLACES, PHONES, EMAILS)]
    assert [(r.page, r.number) for r in sheet.rows] == [(1, 2), (1, 3), (2, 4), (2, 5)]


def test_column_letters_tell_the_columns_of_pages_printed_over_then_down_with_one_left_out():
    """Rows 2-3 of A, B then of C, D; rows 4-5 of A, B; their C, D page, all empty, is not printed."""
    letters1, letters2 = line((X1[0] + 30, "A"), (X1[1] + 30, "B")), line((X2[0] + 30, "C"), (X2[1] + 30, "D"))
    pages = [
        page(1, letters1, line((40.0, "1"), (X1[0], "Name"), (X1[1], "Location")),
             *[line((40.0, str(n)), (X1[0], NAMES[n - 2]), (X1[1], PLACES[n - 2])) for n in (2, 3)]),
        page(2, letters2, line((40.0, "1"), (X2[0], "Phone"), (X2[1], "Email")),
             *[line((40.0, str(n)), (X2[0], PHONES[n - 2])) for n in (2, 3)]),
        page(3, letters1, *[line((40.0, str(n)), (X1[0], NAMES[n - 2]), (X1[1], PLACES[n - 2])) for n in (4, 5)]),
    ]
    sheet = read_sheet(pages, SIZE, "sheet.pdf")
    assert [r.cells for r in sheet.rows] == [
        (NAMES[0], PLACES[0], PHONES[0], ""), (NAMES[1], PLACES[1], PHONES[1], ""),
        (NAMES[2], PLACES[2], "", ""), (NAMES[3], PLACES[3], "", "")]


def test_a_page_of_row_numbers_under_a_column_letter_alone_holds_nothing():
    """Rows 2-3 of A, B, then of C, D; then a page of column E that a printer took in, whose cells
    (its header's too) are all empty: its column letter and row numbers only."""
    pages = [
        page(1, line((X1[0] + 30, "A"), (X1[1] + 30, "B")), line((40.0, "1"), (X1[0], "Name"), (X1[1], "Location")),
             *[line((40.0, str(n)), (X1[0], NAMES[n - 2]), (X1[1], PLACES[n - 2])) for n in (2, 3)]),
        page(2, line((X2[0] + 30, "C"), (X2[1] + 30, "D")), line((40.0, "1"), (X2[0], "Phone"), (X2[1], "Email")),
             *[line((40.0, str(n)), (X2[0], PHONES[n - 2]), (X2[1], EMAILS[n - 2])) for n in (2, 3) if EMAILS[n - 2]],
             line((40.0, "3"), (X2[0], PHONES[1]))),
        page(3, line((X1[0] + 30, "E")), *[line((40.0, str(n))) for n in (1, 2, 3)]),
    ]
    sheet = read_sheet(pages, SIZE, "sheet.pdf")
    assert sheet.header == ("Name", "Location", "Phone", "Email")
    assert [r.cells for r in sheet.rows] == [(NAMES[0], PLACES[0], PHONES[0], EMAILS[0]),
                                             (NAMES[1], PLACES[1], PHONES[1], "")]
    assert sheet.pages == {1: 0, 2: 0, 3: 0}


def _titled(order: str, *, skip_last_of_second: bool = False) -> list[PrintedPage]:
    """The name column repeated on every page (print titles), the header row only atop each group."""
    group1 = [[(X1[0], n), (X1[1], p)] for n, p in zip(NAMES, PLACES)]
    group2 = [[(X2[0], n)] + ([(X2[1], e)] if e else []) for n, e in zip(NAMES, EMAILS)]
    head1 = line((X1[0], "Name"), (X1[1], "Location"))
    head2 = line((X2[0], "Name"), (X2[1], "Email"))
    a = (head1, *[line(*c) for c in group1[:2]])
    b = tuple(line(*c) for c in group1[2:])
    c = (head2, *[line(*c) for c in group2[:2]])
    d = tuple(line(*c) for c in group2[2:])
    chunks = [a, b, c] + ([] if skip_last_of_second else [d]) if order == "down" else [a, c, b, d]
    return [page(k + 1, *chunk) for k, chunk in enumerate(chunks)]


@pytest.mark.parametrize("order", ["down", "over"])
def test_a_name_column_repeated_on_every_page_joins_the_rows(order):
    sheet = read_sheet(_titled(order), SIZE, "sheet.pdf")
    assert sheet.header == ("Name", "Location", "Email")
    assert [r.cells for r in sheet.rows] == [tuple(x) for x in zip(NAMES, PLACES, EMAILS)]


@pytest.mark.parametrize("order", ["down", "over"])
def test_a_page_left_out_for_want_of_text_leaves_its_cells_empty(order):
    """A printer leaves out a page whose cells (the titles aside) are all empty: its rows' cells are empty."""
    pages = _titled("down", skip_last_of_second=True) if order == "down" else _titled("over")[:3]
    sheet = read_sheet(pages, SIZE, "sheet.pdf")
    assert [r.cells[2] for r in sheet.rows] == [EMAILS[0], EMAILS[1], "", ""]


def _titled_three(values: tuple[str, ...], label: str = "Email") -> list[PrintedPage]:
    """Three sets of columns printed over, then down, the name column repeated on every page and the
    header row atop the first rows only: (Name, Location), (Name, Phone, Fax), (Name, `label`). The
    Phone column and the third set's start at the same edge; the second rows' (Phone, Fax) page,
    all empty, is left out, so their last page is of the columns its cells fit."""
    phone, fax = (X2[1], X2[1] + 80)
    return [page(1, line((X1[0], "Name"), (X1[1], "Location")),
                 *[line((X1[0], n), (X1[1], p)) for n, p in zip(NAMES[:2], PLACES)]),
            page(2, line((X2[0], "Name"), (phone, "Phone"), (fax, "Fax")),
                 *[line((X2[0], n), *([(phone, f)] if f else [])) for n, f in zip(NAMES[:2], PHONES)]),
            page(3, line((X2[0], "Name"), (X2[1], label)),
                 *[line((X2[0], n), *([(X2[1], e)] if e else [])) for n, e in zip(NAMES[:2], values)]),
            page(4, *[line((X1[0], n), (X1[1], p)) for n, p in zip(NAMES[2:], PLACES[2:])]),
            page(5, *[line((X2[0], n), *([(X2[1], e)] if e else [])) for n, e in zip(NAMES[2:], values[2:])])]


LONG_EMAILS = ("alpha.intake@alpha.state.gov", "", "gamma.intake@gamma.state.gov", "delta.intake@delta.state.gov")
OTHER_PHONES = ("(334) 555-0199", "", "(602) 555-0198", "(302) 555-0197")


@pytest.mark.parametrize("emails", [LONG_EMAILS, EMAILS], ids=["past the Fax column's edge", "no phones"])
def test_pages_over_then_down_with_one_left_out_hold_the_only_columns_their_cells_fit(emails):
    """The last page's cells are no Phone column's: its emails run past where the Fax column
    starts, or (short ones) are emails, not phones. So that page is of (Name, Email), and its rows'
    phones are empty."""
    sheet = read_sheet(_titled_three(emails), SIZE, "sheet.pdf")
    assert sheet.header == ("Name", "Location", "Phone", "Fax", "Email")
    assert [r.cells for r in sheet.rows] == [
        (NAMES[0], PLACES[0], PHONES[0], "", emails[0]), (NAMES[1], PLACES[1], PHONES[1], "", ""),
        (NAMES[2], PLACES[2], "", "", emails[2]), (NAMES[3], PLACES[3], "", "", emails[3])]


# A drawn grid: Name, State, Phone, Fax, Email; the cell borders drawn 2 pt inside the box of the
# text under them (a font's box reaches above its capitals: Calc's prints in Nimbus Roman).
GRID_X = (40.0, 140.0, 200.0, 280.0, 360.0, 460.0)  # the cells' sides
GRID_ROWS = (("Name", "State", "Phone", "Fax", "Email"),
             ("Alpha Fusion Center", "Ohio", "(614) 555-0100", "(614) 555-0110", ""),
             ("Beta Fusion Center", "", "(937) 555-0101", "", ""),
             ("Gamma Fusion Center", "", "(419) 555-0102", "", ""))


def _grid(borders: str) -> PrintedPage:
    """GRID_ROWS in a grid whose sides are drawn; `borders` says which row borders are: "every
    cell" (every cell's top), "state spans" (Ohio's State cell spans the rows below it: no border
    over the State cells under it), "one stroke" (a stroke under Alpha's Fax cell alone); "tight":
    every cell's, the text's boxes reaching over the borders above and under it (a sheet scaled
    to 3 pt type)."""
    pitch, inset = 14.0, 2.0
    lines, rulings = [], []
    for r, cells in enumerate(GRID_ROWS):
        top = 100.0 + pitch * r
        words = []
        for x, text in zip(GRID_X, cells):
            x += 3.0
            for word in text.split():
                bottom = top + pitch + 0.5 if borders == "tight" else top - inset + SIZE + 3
                words.append(W(word, x, x + GLYPH * len(word), top=top - inset, bottom=bottom))
                x += GLYPH * (len(word) + 1)
        lines.append(L(tuple(words)))
        for k, (x0, x1) in enumerate(zip(GRID_X, GRID_X[1:])):
            if borders in ("every cell", "tight") or (borders == "state spans" and not (r > 1 and k == 1)) or r < 2:
                rulings.append(Box(x0, x1, top, top))
    bottom = 100.0 + pitch * len(GRID_ROWS)
    if borders == "one stroke":
        rulings.append(Box(GRID_X[3], GRID_X[4], 100.0 + 2 * pitch - 4, 100.0 + 2 * pitch - 4))
    rulings.append(Box(GRID_X[0], GRID_X[-1], bottom, bottom))
    walls = tuple(Box(x, x, 100.0, bottom) for x in GRID_X)
    return PrintedPage(1, 600.0, tuple(lines), frozenset(), GLYPH, rulings=tuple(rulings), walls=walls)


@pytest.mark.parametrize("borders, state, fax", [
    ("every cell", ["Ohio", "", ""], ["(614) 555-0110", "", ""]),
    ("tight", ["Ohio", "", ""], ["(614) 555-0110", "", ""]),
    ("state spans", ["Ohio", "Ohio", "Ohio"], ["(614) 555-0110", "", ""]),
    ("one stroke", ["Ohio", "", ""], ["(614) 555-0110", "", ""]),
])
def test_a_cell_spans_the_rows_below_only_where_no_border_parts_it_and_one_parts_each_filled_cell(
        borders, state, fax):
    """A grid drawn round every cell keeps Beta's and Gamma's empty Fax and State empty (though its
    borders run through the boxes of the text under them, and its last column is empty: no cell
    fills it); a State cell with no border under it, where every other filled cell has one, spans
    the rows below; a stroke under one cell is no border between rows. The borders part the rows
    where they stand between the middles of the rows' text, wherever its boxes reach."""
    sheet = read_sheet([_grid(borders)], SIZE, "grid.pdf")
    assert [r.cells[0] for r in sheet.rows] == [row[0] for row in GRID_ROWS[1:]]
    assert [r.cells[1] for r in sheet.rows] == state
    assert [r.cells[3] for r in sheet.rows] == fax


@pytest.mark.parametrize("align", ["centre", "right"])
@pytest.mark.parametrize("numbered", [False, True])
def test_header_labels_centred_or_set_right_over_their_columns_name_them(align, numbered):
    """A header row set centred (or right) over cells set flush left, as a publisher styles it:
    each label starts inside its column, right of where the column's cells start. With row numbers
    (and column letters) printed, a row of empty cells shows its number alone, and a number of two
    digits stands closer to its row's first cell than a cell gap."""
    columns = ((60.0, 190.0, "Name"), (190.0, 320.0, "Location"), (320.0, 420.0, "Phone"))

    def label(left, right, text):
        width = GLYPH * len(text)
        return ((left + right - width) / 2 if align == "centre" else right - 4 - width), text

    def numbered_at(n: int) -> list[tuple[float, str]]:
        """A row number set right, 3 pt before the cells: closer than a cell gap."""
        return [(57.0 - GLYPH * len(str(n)), str(n))] if numbered else []

    number = numbered_at(1)
    rows = [line(*numbered_at(k + 10), *[(x, text) for (x, _, _), text in zip(columns, cells) if text])
            for k, cells in enumerate(zip(NAMES, PLACES, PHONES))]
    empty = [line(*numbered_at(14))] if numbered else []
    letters = [line(*[((a + b) / 2 - 2, x) for (a, b, _), x in zip(columns, "ABC")])] if numbered else []
    sheet = read_sheet([page(1, *letters, line(*number, *[label(*c) for c in columns]), *rows, *empty)], SIZE,
                       "sheet.pdf")
    assert sheet.header == ("Name", "Location", "Phone")
    assert [r.cells for r in sheet.rows] == [tuple(x) for x in zip(NAMES, PLACES, PHONES)] + (
        [("", "", "")] if numbered else [])


def test_one_set_of_columns_on_every_page_is_read_in_page_order():
    pages = [page(1, line((X1[0], "Name"), (X1[1], "Location"), (400.0, "Phone")),
                  *[line((X1[0], n), (X1[1], p), (400.0, f)) for n, p, f in zip(NAMES[:2], PLACES, PHONES)]),
             page(2, *[line((X1[0], n), (X1[1], p), (400.0, f)) for n, p, f in zip(NAMES[2:], PLACES[2:], PHONES[2:])
                       if f] + [line((X1[0], NAMES[2]), (X1[1], PLACES[2]))])]
    sheet = read_sheet(pages, SIZE, "sheet.pdf")
    assert [r.cells[0] for r in sheet.rows] == [NAMES[0], NAMES[1], NAMES[3], NAMES[2]]
    assert sheet.rows[2].cells == (NAMES[3], PLACES[3], PHONES[3])


REFUSALS = {
    "columns split with nothing to match the rows by": (
        [page(1, line((X1[0], "Name"), (X1[1], "Location")), line((X1[0], NAMES[0]), (X1[1], PLACES[0]))),
         page(2, line((X2[0], "Phone"), (X2[1], "Email")), line((X2[0], PHONES[0]), (X2[1], EMAILS[0])))],
        "no row numbers printed and no name column repeated"),
    "a name on two rows": (
        [page(1, line((X1[0], "Name"), (X1[1], "Location")), line((X1[0], NAMES[0]), (X1[1], PLACES[0])),
              line((X1[0], NAMES[0]), (X1[1], PLACES[1]))),
         page(2, line((X2[0], "Name"), (X2[1], "Email")), line((X2[0], NAMES[0]), (X2[1], EMAILS[0])))],
        "stands on two rows"),
    "a row named on the pages of one set of columns only": (
        [page(1, line((X1[0], "Name"), (X1[1], "Location")), line((X1[0], NAMES[0]), (X1[1], PLACES[0]))),
         page(2, line((X2[0], "Name"), (X2[1], "Email")), line((X2[0], NAMES[1]), (X2[1], EMAILS[0])))],
        "name its rows differently"),
    "a cell running off the paper": (
        [page(1, line((X1[0], "Name"), (X1[1], "Location")), line((X1[0], NAMES[0]), (X1[1], PLACES[0])),
              width=250.0)],
        "runs off the paper"),
    "a cell running into the next column": (
        [page(1, line((X1[0], "Name"), (X1[1], "Location")),
              line((X1[0], "Alpha Fusion Center of the Southern Great Plains"), (X1[1] + 60, PLACES[0])))],
        "runs into the next column"),
    "a cell whose end the page does not show": (
        [PrintedPage(1, 600.0, (line((X1[0], "Name"), (X1[1], "Location")), line((X1[0], NAMES[0]), (X1[1], "Montgom"))),
                     frozenset(), GLYPH, (W("ery,", X1[1] + 28, X1[1] + 44),))],
        "the page shows a cell cut off"),
    "a cell whose word the page's edge cuts": (
        [page(1, line((X1[0], "Name"), (X1[1], "Location")),
              L((*line((X1[0], NAMES[0])).words, W("Montgomery,", X1[1], X1[1] + 44, cut=True))))],
        "the page shows a cell cut off"),
    "pages over, then down, with one left out, of either columns": (
        # its phones fit (Name, Phone, Fax) as well as (Name, Alternate Phone)
        _titled_three(OTHER_PHONES, "Alternate Phone"),
        "cannot be given their columns for certain: their order fits"),
}


@pytest.mark.parametrize("pages, words", REFUSALS.values(), ids=REFUSALS.keys())
def test_a_sheet_whose_rows_cannot_be_matched_for_certain_is_refused_in_one_line(pages, words):
    with pytest.raises(PipelineError) as error:
        read_sheet(pages, SIZE, "sheet.pdf")
    assert words in str(error.value) and "\n" not in str(error.value)
    assert str(error.value).startswith("sheet.pdf")


def test_a_calc_print_whose_cell_the_column_s_edge_cuts_off_is_refused_in_one_line():
    """A real print (tests/fixtures/pdf/sheet_cell_cut_off.pdf): Calc clips a cell's text at its
    column's edge where the next cell is filled; the page does not show the whole value."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "pdf" / "sheet_cell_cut_off.pdf"
    with pytest.raises(PipelineError) as error:
        extract_pdf(path.read_bytes(), path.name, "")
    message = str(error.value)
    assert message.startswith("sheet_cell_cut_off.pdf, page 1, line 3:") and "\n" not in message
    assert "the page shows a cell cut off" in message


def test_a_page_of_a_sheet_without_its_header_row_is_read_as_lines():
    """A real print (tests/fixtures/pdf/sheet_page_without_header.pdf): columns of phones and
    emails with no header row are no sheet; the page is read as lines (its layout once cut its
    lines again without end)."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "pdf" / "sheet_page_without_header.pdf"
    shown = extract_pdf(path.read_bytes(), path.name, "").shown
    assert ("(401) 458-1173", "(866) 490-8477 (401) 458-1173 fusion@risp.dps.ri.gov") in {
        (v.text, v.line) for v in shown}


def test_a_page_without_a_header_row_of_field_labels_is_no_sheet():
    pages = [page(1, line((X1[0], "Alpha Fusion Center")), line((X1[0], "Montgomery, Alabama")),
                  line((X1[0], "Phone: (334) 517-2660")))]
    assert read_sheet(pages, SIZE, "doc.pdf") is None


# Pages of text set in columns (no sheet) whose lines look like a header row: the last word of a
# heading wrapped at each column's top ("... Fusion" / "Center"), then a long address run past its
# column's edge or off the paper. No sheet is read there, and nothing is refused as one: the long
# value is the ordinary reader's to read or report.
NOT_SHEETS = {
    "two columns, an address run off the paper": [PrintedPage(
        4, 520.0, (line((22, "Center"), (325, "Center")),
                   line((22, "Phone: (803) 896-7133"), (325, "sciic@sled.sc.gov")),
                   line((22, "Email: a@b.gov"), (325, "www.publicsafety.utah.gov/investigations/siac.ht"))),
        frozenset(), GLYPH, (W("ml", 521.0, 529.0),))],
    "three columns, an email run into the next column": [page(
        4, line((57, "Center"), (223, "Fusion Center"), (389, "Center")),
        line((57, "generalinfo@gisac.gbi.ga.gov"), (160, "intelligence.fusion@ksag.org"), (389, "Alternate")))],
}


@pytest.mark.parametrize("pages", NOT_SHEETS.values(), ids=NOT_SHEETS.keys())
def test_text_in_columns_whose_line_looks_like_a_header_is_no_sheet_and_is_not_refused(pages):
    assert read_sheet(pages, SIZE, "doc.pdf") is None


def test_a_grid_shrunk_to_fit_its_page_keeps_its_labels_apart_at_their_borders():
    """A sheet scaled down to fit its page sets a label that fills its cell ("Alternate Phone") a
    word space from the next cell's ("Email"), and its cells' text as close: the drawn border
    between them parts the labels (`sheet.header_cells`) as it parts the rows' cells. Read as one
    label "Alternate Phone Email", the header named no field and a Calc print was refused."""
    sides = (40.0, 140.0, 203.0, 300.0)  # "Alternate Phone" is 60 pt: it ends a point from its cell's side

    def cells(top: float, *texts: str) -> L:
        words = []
        for x, text in zip(sides, texts):
            x += 1.5
            for word in text.split():
                words.append(W(word, x, x + GLYPH * len(word), top=top, bottom=top + SIZE))
                x += GLYPH * (len(word) + 1)
        return L(tuple(words))

    rows = [("Name", "Alternate Phone", "Email"), ("Alpha Fusion Center", "(614) 555-0100", "a@alpha.gov"),
            ("Beta Fusion Center", "(937) 555-0101", "b@beta.gov")]
    lines = tuple(cells(100.0 + 12 * k, *row) for k, row in enumerate(rows))
    walls = tuple(Box(x, x, 98.0, 100.0 + 12 * len(rows)) for x in sides)
    sheet = read_sheet([PrintedPage(1, 600.0, lines, frozenset(), GLYPH, walls=walls)], SIZE, "fit.pdf")
    assert sheet is not None and sheet.header == rows[0]
    assert [row.cells for row in sheet.rows] == list(rows[1:])


@pytest.mark.parametrize(("mark", "read"), [
    (W("2", -4.1, 3.9), True),  # the page number a turned page leaves at its side, cut by the paper's edge
    (W("(3", 56.0, 64.0), False),  # a cell's text cut where the first column starts
])
def test_a_mark_off_the_paper_s_side_far_from_a_row_s_text_is_no_cell_of_it(mark, read):
    rows = [line((X1[0], "Name"), (X1[1], "Location"), (400.0, "Phone")),
            *[line((X1[0], n), (X1[1], p), (400.0, f)) for n, p, f in zip(NAMES[:2], PLACES, PHONES)]]
    pages = [PrintedPage(1, 600.0, tuple(rows), frozenset(), GLYPH, hidden=(mark,))]
    if read:
        assert [r.cells for r in read_sheet(pages, SIZE, "sheet.pdf").rows] == [
            (n, p, f) for n, p, f in zip(NAMES[:2], PLACES, PHONES)]
    else:
        with pytest.raises(PipelineError, match="out of sight"):
            read_sheet(pages, SIZE, "sheet.pdf")


def _grouped(walled_group: bool) -> PrintedPage:
    """A drawn grid (Name, State, Phone) whose second row is a group's row merged across the table,
    its text ("District of Columbia") longer than the Name column: the grid draws no cell side
    across that row (or, `walled_group`, draws them there too: the text overlaps the next cell)."""
    x = (40.0, 120.0, 200.0, 300.0)
    texts = [("Name", "State", "Phone"), ("Alpha Center", "DC", "(202) 555-0100"), ("District of Columbia Region",),
             ("Beta Center", "DC", "(202) 555-0101")]
    pitch, lines, walls = 14.0, [], []
    for r, cells in enumerate(texts):
        top = 100.0 + pitch * r
        lines.append(line(*((left + 3.0, text) for left, text in zip(x, cells)), top=top + 2, bottom=top + 2 + SIZE))
        inner = x[1:-1] if walled_group or len(cells) > 1 else ()
        walls += [Box(side, side, top, top + pitch) for side in (x[0], *inner, x[-1])]
    rulings = tuple(Box(x[0], x[-1], 100.0 + pitch * r, 100.0 + pitch * r) for r in range(len(texts) + 1))
    return PrintedPage(1, 600.0, tuple(lines), frozenset(), GLYPH, rulings=rulings, walls=tuple(walls))


def test_a_group_s_row_merged_across_a_drawn_grid_holds_its_text_though_it_runs_past_a_column_s_edge():
    """No side drawn across the group's row: its text is its merged cell's, not text run into the
    next column (a Writer print of a table grouped by state was refused); where the side is drawn
    across it, the text overlaps the next cell, and the sheet is refused as before."""
    sheet = read_sheet([_grouped(False)], SIZE, "grid.pdf")
    assert [r.cells for r in sheet.rows] == [("Alpha Center", "DC", "(202) 555-0100"),
                                            ("District of Columbia Region", "", ""), ("Beta Center", "DC", "(202) 555-0101")]
    with pytest.raises(PipelineError, match="runs into the next column"):
        read_sheet([_grouped(True)], SIZE, "grid.pdf")


@pytest.mark.parametrize("first, joined", [
    ("Information Center", True),  # a name alone atop the page: the rest of the name the page break cut
    ("Ohio", False),  # a state's name alone: a group's row
])
def test_a_name_cut_by_a_page_break_goes_on_in_the_row_the_page_before_ended_with(first, joined):
    header = line((X1[0], "Name"), (X1[1], "Location"), (400.0, "Phone"))
    pages = [page(1, header, line((X1[0], NAMES[0]), (X1[1], PLACES[0]), (400.0, PHONES[0])),
                  line((X1[0], "Delta Crime Prevention and"), (X1[1], PLACES[3]), (400.0, PHONES[3]))),
             page(2, header, line((X1[0], first)), line((X1[0], NAMES[1]), (X1[1], PLACES[1]), (400.0, PHONES[1])))]
    names = [r.cells[0] for r in read_sheet(pages, SIZE, "sheet.pdf").rows]
    assert names == ([NAMES[0], f"Delta Crime Prevention and {first}", NAMES[1]] if joined
                     else [NAMES[0], "Delta Crime Prevention and", first, NAMES[1]])


@pytest.mark.parametrize("starts, edge", [
    ((309.1, 310.8), 309.1),  # a column's cells set a point or two apart: one place, its edge
    ((300.0, 309.1), 327.9),  # cells a cell apart: which starts the column cannot be told, the label's start
])
def test_a_centred_label_s_column_starts_where_its_cells_start_a_point_or_two_apart(starts, edge):
    from pipeline.extract.pdf.sheet import Piece, label_edges
    labels = [Piece("Phone", 268.2, 286.9), Piece("Fax", 327.9, 339.0)]
    assert label_edges(labels, [254.9, *starts], 3.5) == (254.9, edge)
