"""Monospaced prints and small type (issue 15, item 4): a text file printed in cells of one width,
judged in the cells and em of its own type, never in fixed points.

Each document is drawn here as a text printer draws it (every glyph one cell wide, lines on one
grid, a blank line between every two lines as the capture writes them, a running header in a
larger size of the same face), so no printer is needed; each is read field for field.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.pdfgen import canvas

from pipeline.extract.capture import extract_capture
from pipeline.extract.pdf import extract_pdf
from pipeline.extract.pdf import order
from pipeline.extract.pdf.pages import Word, column_edges, group_lines, monospaced_cell
from tests.extract.drawn import read_blocks, read_entries

CELL = 0.6  # Courier's advance, in em


def _printed(pages: list[list[list[str]]], size: float, paper=A4, columns_x=(47.0,), pitch: float = 8.0,
             header: str = "", header_size: float = 10.0) -> bytes:
    """Pages of columns of lines (a line "" is blank), in Courier `size`, each column's lines from the
    top on a grid of `pitch` points, the columns at `columns_x`; a header above them in Courier-Bold."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=paper, invariant=1)
    width, height = paper
    for number, columns in enumerate(pages, start=1):
        if header:
            c.setFont("Courier-Bold", header_size)
            c.drawString(columns_x[0], height - 30, header)
            c.drawRightString(width - 40, height - 30, f"Page {number} of {len(pages)}")
        c.setFont("Courier", size)
        for x, lines in zip(columns_x, columns):
            for k, line in enumerate(lines):
                if line:
                    c.drawString(x, height - 56 - k * pitch, line)
        c.showPage()
    c.save()
    return buf.getvalue()


WANT = {
    "Alabama": ("Alabama Fusion Center", "Montgomery, Alabama", [
        ("Phone", "(334) 517-2660"), ("Fax", "(334) 517-2746"), ("Toll-Free", "(866) 229-6220"),
        ("Email", "fusioncenter@alacop.gov"), ("Website", "fusion.alabama.gov")]),
    "Alaska": ("Alaska Information and Analysis Center", "Anchorage, Alaska", [
        ("Phone", "(907) 269-8900"), ("Toll-Free", "(855) 692-5425"), ("Email", "AKIAC@alaska.gov")]),
    "Delaware": ("Delaware Information and Analysis Center", "Dover, Delaware", [
        ("Fax", "(302) 739-1609"), ("Alternate Phone", "(302) 739-5996"), ("Toll-Free", "(800) 367-2312"),
        ("Email", "diac@state.de.us"),
        ("Website", "www.dediac.org")]),
}


def test_a_running_header_in_a_larger_size_of_the_face_keeps_the_page_monospaced():
    """Courier 7 (a 4.2-point cell) under a header in Courier-Bold 10 (a 6-point cell): every word
    is 0.6 em of its own type a letter, so the page is monospaced, its cell the body's."""
    body = [Word("Phone:", 47.0 + 0.0, 47.0 + 6 * 4.2, 100.0 + 16 * k, 107.0 + 16 * k, "Courier", 7.0)
            for k in range(80)]
    header = [Word(text, 47.0 + 70 * k, 47.0 + 70 * k + 6.0 * len(text), 30.0, 40.0, "Courier-Bold", 10.0)
              for k, text in enumerate(("Fusion", "Center", "Locations", "and", "Contact", "Information", "Page"))]
    assert abs(monospaced_cell(body + header) - 4.2) < 1e-6
    proportional = [Word("Phone:", 47.0, 47.0 + 6 * 3.5, 100.0, 107.0, "Helvetica", 7.0),
                    Word("Fax:", 47.0, 47.0 + 4 * 3.1, 120.0, 127.0, "Helvetica", 7.0)] * 10
    assert monospaced_cell(proportional) == 0.0


def _cut(lines: list[str], width: int) -> list[str]:
    """The lines as a text printer that cuts them at the last cell prints them (enscript's default)."""
    return [line[k:k + width] for line in lines for k in range(0, max(len(line), 1), width)]


def _capture_blocks(lines: list[str]) -> list[tuple]:
    """What the capture's own reader reads from these lines of it: the values a print must give."""
    blocks = extract_capture("\n".join(lines).encode(), "capture.txt", "").blocks
    return [(b.heading, b.location.text if b.location else None, [(f.label, f.text) for f in b.fields])
            for b in blocks]


def test_an_email_at_the_foot_of_a_page_and_the_website_atop_the_next_stay_two_values(capture_lines):
    """The capture's listing from Delaware on, printed in 7-point Courier cut at the 56th cell
    ("…Early Warn" / "ing Group;"), a page break after Delaware's email: page 1 holds so few words that
    its running header, in Courier-Bold 10, weighs; the page is monospaced still. The email at its
    foot ends there, and "www.dediac.org" atop page 2 is an address of its own: an email never goes
    on with one. Every block as the capture's own reader reads it."""
    first = capture_lines.index("Delaware Information and Analysis Center")
    website = capture_lines.index("www.dediac.org")
    text = capture_lines[first:first + 240]
    printed = _cut(text, 56)
    rows = 90
    rest = printed[website - first:]
    pages = [[printed[:website - first]]] + [[rest[k:k + rows]] for k in range(0, len(rest), rows)]
    data = _printed(pages, 7.0, pitch=8.0, header="Fusion Center Locations and Contact Information")
    got = read_blocks(data)
    assert got[0] == WANT["Delaware"]
    assert got == _capture_blocks(text)


def test_two_columns_of_spaced_lines_are_read_one_column_after_the_other(capture_lines):
    """The capture's listing (a blank line after every line) printed in two columns of 7-point
    Courier on a landscape page: the lines of both columns stand side by side on one grid, each a
    band of its own; they are the columns' lines, not a table's rows of two cells."""
    first = capture_lines.index("Alabama Fusion Center")
    text = capture_lines[first:first + 120]
    data = _printed([[text[:60], text[60:]]], 7.0, paper=landscape(letter), columns_x=(41.0, 401.0), pitch=8.0)
    got = read_blocks(data)
    assert got[:2] == [WANT["Alabama"], WANT["Alaska"]]
    assert got == _capture_blocks(text)


@pytest.mark.parametrize("width", [27, 33, 34, 38])
def test_a_list_printed_cut_at_its_last_cell_gives_the_capture_s_entries(capture_lines, width):
    """The capture's list (and a block of its listing) printed in 11-point Courier cut at the 34th
    cell, as a text printer cuts it: a name cut inside a word is one word again ("…Information and
    A" / "nalysis Center"), a cut after an opening bracket goes on without a space ("…Fusion
    Center (" / "Guam)"). The entries are the capture's own reader's on the same lines. Cut at the
    33rd cell, "- Houston Regional Intelligence S" / "ervice Center;…" is one word too, though the
    print's other cuts leave an "S" as a piece of its own ("…Security S" / "tate"), and at the
    27th and 38th, "…Analytica" / "l &", "Mia" / "mi": a print that cuts inside words leaves no
    space at a cut (one stands in the last cell or the next line's first)."""
    first = capture_lines.index("Primary Fusion Centers")
    nevada = capture_lines.index("Nevada Threat Analysis Center; Carson City, NV")  # the listing spells
    text = capture_lines[first:first + 96] + capture_lines[nevada:nevada + 8]  # "Carson" whole ("…; C" / "arson")
    printed = _cut(text, width)
    assert width != 34 or "- Mariana Regional Fusion Center (" in printed and "nalysis Center" in printed
    assert width != 33 or "- Houston Regional Intelligence S" in printed
    rows = 66
    pages = [[printed[k:k + rows]] for k in range(0, len(printed), rows)]
    data = _printed(pages, 11.0, paper=letter, pitch=11.0)
    got = [(e.name, e.designation, e.list_city, e.list_state, e.place_note)
           for e in extract_pdf(data, "list.pdf", "").list_entries]
    want = [(e.name, e.designation, e.list_city, e.list_state, e.place_note)
            for e in extract_capture("\n".join(text).encode(), "capture.txt", "").list_entries]
    assert ("Mariana Regional Fusion Center (Guam)", "primary", "", "", "Guam") in want
    assert len(want) == 78 and got == want


def test_a_list_item_at_the_foot_of_a_page_ends_where_the_print_had_room(capture_lines):
    """The capture's list printed in 8-point Courier (a line is 113 cells: a long paragraph fills
    it), a page break after the last primary center: "Recognized Fusion Centers" atop the next page
    stands where the items' typed bullets stand, but "- Wisconsin Statewide Information Center"
    ended with the rest of its line empty; it is the next heading, and every recognized center
    stays recognized."""
    first = capture_lines.index("Primary Fusion Centers")
    heading = capture_lines.index("Recognized Fusion Centers")
    text = capture_lines[first:first + 96]
    printed = _cut(text, 113)
    split = printed.index("Recognized Fusion Centers")
    data = _printed([[printed[:split]], [printed[split:]]], 8.0, paper=letter, pitch=9.0,
                    header="Fusion Center Locations and Contact Information")
    got = read_entries(data)
    want = [(e.name, e.designation, e.list_city, e.list_state)
            for e in extract_capture("\n".join(text).encode(), "capture.txt", "").list_entries]
    assert heading > first and len(want) == 78 and got == want


def test_a_link_in_angle_brackets_at_the_foot_of_a_page_is_a_line_of_its_own(capture_lines):
    """The capture's list page ends with its address in angle brackets ("<http://www.dhs.gov/…>",
    68 cells of a 73-cell line of 11-point Courier): at the foot of a page it is a value that ends
    there, and "Alabama Fusion Center" atop the next page starts the listing."""
    first = capture_lines.index("Recognized Fusion Centers")
    alabama = capture_lines.index("Alabama Fusion Center")
    text = capture_lines[first:alabama + 40]
    printed = _cut(text, 73)
    split = printed.index("Alabama Fusion Center")
    data = _printed([[printed[:split]], [printed[split:]]], 11.0, paper=A4, pitch=12.0)
    assert read_blocks(data) == _capture_blocks(text)
    assert read_blocks(data)[0] == WANT["Alabama"]


def test_a_short_last_column_a_cell_and_a_half_over_is_a_column_of_its_own(capture_lines):
    """The end of the capture's listing printed in two columns of 12-point Courier cut at the 34th
    cell (A4), the columns 10.7 points apart (a hair under one cell and a half): the second column
    holds only the capture's last line, a link cut over three lines beside the first column's top.
    It is read after the first column, and Wisconsin's website at the foot of the first column stays
    its own (an address never goes on with "<https://…")."""
    first = capture_lines.index("Vermont Intelligence Center")
    text = capture_lines[first:776]
    left, right = _cut(text, 34), _cut(capture_lines[776:777], 34)
    assert len(left) <= 57 and len(right) == 3
    data = _printed([[left, right]], 12.0, columns_x=(47.0, 47.0 + 34 * 7.2 + 10.7), pitch=13.0)
    got = read_blocks(data)
    assert got[-1] == ("[Wisconsin Statewide Information Center](#)", "Madison, Wisconsin", [
        ("Phone", "(608) 242-5393"), ("Email", "wsic@doj.state.wi.us"), ("Website", "www.doj.state.wi.us/dci")])
    assert got == _capture_blocks(text)


def test_a_long_line_under_a_short_last_column_narrows_its_gutter_and_stays_in_its_column(capture_lines):
    """The end of the capture's listing printed in two columns of 8-point Courier cut at the 47th
    cell (Letter), the second column holding only the capture's last line (its address, cut over
    two lines) beside the first column's top, 2.2 cells right of the first column's last cell. Utah's
    website fills the first column's 47 cells far below that short column: the gutter it narrows
    stays one, the first column is read through before the second, and Utah's website is its own
    (no page-end address read between its email and its website)."""
    first = capture_lines.index("Texas Joint Crime Information Center")
    text = capture_lines[first:776]
    left, right = _cut(text, 47), _cut(capture_lines[776:777], 47)
    assert "www.publicsafety.utah.gov/investigations/siac.h" in left and len(right) == 2
    data = _printed([[left, right]], 8.0, paper=letter, columns_x=(75.0, 75.0 + 47 * 4.8 + 10.4), pitch=9.0)
    got = read_blocks(data)
    utah = next(b for b in got if b[0] == "Utah Statewide Information and Analysis Center")
    assert utah[2][-1] == ("Website", "www.publicsafety.utah.gov/investigations/siac.html")
    assert got == _capture_blocks(text)


def test_an_address_that_fills_the_last_cell_at_a_page_s_foot_ends_before_the_next_heading(capture_lines):
    """The capture's listing from Texas on, printed in 12-point Courier cut at the 50th cell, a page
    break after Utah's website, which fills all 50 cells: a cut address goes on in one word, and
    "Vermont Intelligence Center" atop the next page is the next block's heading, not the rest of
    the address ("…/siac.htmlVermont Intelligence Center", Vermont's place line left without a name)."""
    first = capture_lines.index("Texas Joint Crime Information Center")
    vermont = capture_lines.index("Vermont Intelligence Center")
    text = capture_lines[first:vermont + 28]  # to Washington's heading, cut inside a word ("(Wa" / "shington")
    printed = _cut(text, 50)
    split = printed.index("Vermont Intelligence Center")
    assert printed[split - 2] == "www.publicsafety.utah.gov/investigations/siac.html" and "shington, D.C.)" in printed
    data = _printed([[printed[:split]], [printed[split:]]], 12.0, paper=landscape(A4), pitch=13.0)
    assert read_blocks(data) == _capture_blocks(text)


def test_a_print_that_wraps_at_words_keeps_a_whole_number_and_a_wrapped_place_line_apart(capture_lines):
    """The capture's listing from Alaska on, as a browser prints it in a monospaced face 25 cells
    wide: lines wrap at word spaces, an address too long for the column breaks at its last cell
    ("www.homelandsecurity.ky.g" / "ov"). "Toll-Free: (855) 692-5425" fills the column: a whole
    number ends there, and "AKIAC@alaska.gov" under it is a value of its own; Virginia's place line
    wraps after its comma under its heading ("North Chesterfield," / "Virginia"), and is no part of
    the heading."""
    import textwrap
    alaska = capture_lines.index("Alaska Information and Analysis Center")
    kentucky = capture_lines.index("Kentucky Intelligence Fusion Center")
    virginia = capture_lines.index("Virginia Fusion Center")
    text = (capture_lines[alaska:alaska + 10] + capture_lines[kentucky:kentucky + 6]
            + capture_lines[virginia:virginia + 10])  # three whole blocks
    printed = [part for line in text if line for part in textwrap.wrap(line, 25, break_on_hyphens=False)]
    assert "Toll-Free: (855) 692-5425" in printed and "North Chesterfield," in printed and "ov" in printed
    data = _printed([[printed]], 11.0, paper=letter, pitch=13.0)
    assert read_blocks(data) == _capture_blocks(text)


def test_a_justified_monospaced_line_wraps_at_a_word_space_and_its_words_make_no_column_edge():
    """A word processor's justified list in Liberation Mono at 7.5 points: its lines reach the
    column's last cell because their spaces are stretched, not because a word was cut there
    ("…(Las Vegas," / "Nevada)"); words of stretched lines that happen to start at one x are no
    column's edge, so no gutter cuts an item in two."""
    size, cell = 7.5, 7.5 * CELL
    right_edge = 290.8
    items = [["Delaware Valley Intelligence Center; Philadelphia, PA"],
             ["Detroit and Southeast Michigan Information and", "Intelligence Center; Detroit, MI"],
             ["Southern Nevada Counter-Terrorism Center (Las Vegas,", "Nevada)"],
             ["Washington Regional Threat and Analysis Center", "(Washington, D.C.)"]]

    def justified(c, text, x, y, last):
        words = text.split()
        if last or len(words) == 1:
            c.drawString(x, y, text)
            return
        gap = (right_edge - x - sum(len(w) for w in words) * cell) / (len(words) - 1)
        for w in words:
            c.drawString(x, y, w)
            x += len(w) * cell + gap

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Courier-Bold", size)
    c.drawString(34.1, 740, "Recognized Fusion Centers")
    c.setFont("Courier", size)
    y = 720.0
    for item in items:  # the typed bullet is a word of the item's first line, its space stretched too
        for k, line in enumerate(item):
            justified(c, f"- {line}" if k == 0 else line, 34.1, y, k == len(item) - 1)
            y -= 9.7
        y -= 7.0
    # The list goes on in the next column.
    y = 720.0
    for line in ("El Paso Multi-Agency Tactical Response", "Houston Regional Intelligence Service",
                 "Kansas City Terrorism Early Warning"):
        c.drawString(304.5, y, f"- {line}")
        c.drawString(313.5, y - 9.7, "Center; Kansas City, MO" if "Kansas" in line else "Center; Houston, TX")
        y -= 2 * 9.7 + 7.0
    c.showPage()
    c.save()
    assert read_entries(buf.getvalue()) == [
        ("Delaware Valley Intelligence Center", "recognized", "Philadelphia", "PA"),
        ("Detroit and Southeast Michigan Information and Intelligence Center", "recognized", "Detroit", "MI"),
        ("Southern Nevada Counter-Terrorism Center (Las Vegas, Nevada)", "recognized", "", ""),
        ("Washington Regional Threat and Analysis Center (Washington, D.C.)", "recognized", "", ""),
        ("El Paso Multi-Agency Tactical Response Center", "recognized", "Houston", "TX"),
        ("Houston Regional Intelligence Service Center", "recognized", "Houston", "TX"),
        ("Kansas City Terrorism Early Warning Center", "recognized", "Kansas City", "MO")]


def _justified_list(heading: str, items: list[str], font: str, size: float, drawn: bool) -> bytes:
    """A list set as a typesetter sets it in two justified columns on a letter page: each item's
    lines filled word by word, every line but its last stretched to the column's edge; the bullet
    typed ("·", its gap to the item the items' indent) or drawn (a disc)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    columns, width, indent, leading = (70.6, 321.3), 225.0, 1.0 * size, 1.25 * size
    column, y = 0, 720.0
    c.setFont(font, size)
    c.drawString(columns[0], y, heading)
    y -= 2 * leading
    for item in items:
        words, lines, line = item.split(), [], []
        for w in words:
            if line and stringWidth(" ".join(line + [w]), font, size) > width - indent:
                lines.append(line)
                line = []
            line.append(w)
        lines.append(line)
        if y - leading * len(lines) < 60:
            column, y = column + 1, 720.0
        x = columns[column]
        if drawn:
            c.circle(x + 0.3 * size, y + 0.3 * size, 0.15 * size, stroke=0, fill=1)
        else:
            c.drawString(x, y, "\u00b7")
        for k, line in enumerate(lines):
            left, right = x + indent, x + width
            if k == len(lines) - 1 or len(line) == 1:
                c.drawString(left, y, " ".join(line))
            else:
                gap = (right - left - sum(stringWidth(w, font, size) for w in line)) / (len(line) - 1)
                for w in line:
                    c.drawString(left, y, w)
                    left += stringWidth(w, font, size) + gap
            y -= leading
        y -= 0.3 * size
    c.showPage()
    c.save()
    return buf.getvalue()


def _recognized(capture_lines) -> tuple[list[str], list[tuple]]:
    """The capture's recognized centers as list items, and its own reader's entries for them."""
    first = capture_lines.index("Recognized Fusion Centers")
    text = [line for line in capture_lines[first:first + 40] if line.startswith("- ")]
    want = [(e.name, e.designation, e.list_city, e.list_state) for e in extract_capture(
        "\n".join(["Recognized Fusion Centers", "", *text]).encode(), "capture.txt", "").list_entries]
    return [line[2:] for line in text], want


def test_a_justified_list_in_small_type_keeps_its_items_whole(capture_lines):
    """The recognized centers justified in 9-point Times with typed bullets: a stretched space that
    happens to start a word where other lines start one is no gutter; the gap after the bullet is
    the item's indent, not one of the line's word spaces, so the line's spaces are even."""
    items, want = _recognized(capture_lines)
    assert len(want) == 25
    assert read_entries(_justified_list("Recognized Fusion Centers", items, "Times-Roman", 9.0, drawn=False)) == want


def test_a_justified_monospaced_list_keeps_its_items_whole(capture_lines):
    """The recognized centers justified in 12-point Courier (a typesetter's, bullets drawn): the
    last words of stretched lines, of one length, end at the column's edge and so start at one x
    ("Michigan", "Tactical", "eXchange"): no column starts there, and no word is set aside as
    bridging a gutter it does not cross."""
    items, want = _recognized(capture_lines)
    assert read_entries(_justified_list("Recognized Fusion Centers", items, "Courier", 12.0, drawn=True)) == want


# Two list items as groff justifies them in 12-point Courier (a column 45.8 to 279.8, its bullets
# a line of their own): the stretched lines' last words, of one length, start at one x (222.2).
GROFF_ITEMS = [(487.1, [("Detroit", 45.8, 96.2), ("and", 109.4, 131.0), ("Southeast", 144.2, 209.0),
                        ("Michigan", 222.2, 279.8)]),
               (505.3, [("Information", 45.8, 125.0), ("and", 148.4, 170.0), ("Intelligence", 193.4, 279.8)]),
               (519.3, [("Center;", 45.8, 96.2), ("Detroit,", 103.4, 161.0), ("MI", 168.2, 182.6)]),
               (533.3, [("\u2022", 33.8, 41.0)]),
               (551.5, [("El", 45.8, 60.2), ("Paso", 75.8, 104.6), ("Multi-Agency", 120.2, 206.6),
                        ("Tactical", 222.2, 279.8)]),
               (565.5, [("Response", 45.8, 103.4), ("Information", 123.2, 202.4), ("eXchange", 222.2, 279.8)]),
               (579.5, [("(MATRIX);", 45.8, 110.6), ("El", 117.8, 132.2), ("Paso,", 139.4, 175.4), ("TX", 182.6, 197.0)])]


def test_a_word_set_aside_as_bridging_a_gutter_must_cross_it():
    """No word of these lines runs across a gutter: setting the two widest aside ("Multi-Agency",
    "Intelligence") leaves an empty band at 209 to 222 that three lines cross, but "Multi-Agency"
    stands clear of it and setting it aside only tore a gap into a justified line whose spaces
    were even. The lines stay whole, in one region."""
    from pipeline.extract.pdf.layout import cut
    from pipeline.extract.pdf.pages import PdfPage
    cell = 7.2
    words = [Word(text, x0, x1, top, top + 12.0, "Courier", 12.0) for top, placed in GROFF_ITEMS
             for text, x0, x1 in placed]
    lines = group_lines(words)
    page = PdfPage(1, 595.0, 842.0, tuple(words), (), (), (), column_edges(words, lines, cell), cell, cell)
    assert page.edges == (45.8,)  # three words start at 222.2 after stretched spaces: no column's edge
    regions = [[line.text for line in group_lines(region)] for region in cut(words, page, 12.0)]
    assert [line for region in regions for line in region] == [line.text for line in lines]
    assert not any(region == ["Michigan"] or region[:1] == ["Tactical"] for region in regions)


def test_words_that_line_up_on_a_monospaced_grid_make_no_column_edge():
    """In 7.5-point Liberation Mono every word starts on a cell of its column (4.5 points), so words
    of three lines start at one x by themselves (one space after "Intelligence", in three names): no column starts there. A column starts where lines start, or after a
    gap wider than a space."""
    cell, size = 4.5, 7.5

    def line(top: float, *words: tuple[str, int]) -> list[Word]:
        return [Word(text, 34.1 + at * cell, 34.1 + (at + len(text)) * cell, top, top + size, "LiberationMono", size)
                for text, at in words]

    words = (line(50.0, ("Delaware", 0), ("Valley", 9), ("Intelligence", 16), ("Center;", 29), ("Philadelphia,", 37),
                  ("Boston", 60))
             + line(60.0, ("Valley", 0), ("Regional", 7), ("Intelligence", 16), ("Center;", 29), ("Detroit,", 37),
                    ("Austin,", 60))
             + line(70.0, ("Michigan", 0), ("Fusion", 9), ("Intelligence", 16), ("Center", 29), ("Phone:", 60)))
    lines = group_lines(words)
    mid = 34.1 + 29 * cell
    assert any(abs(x - mid) < 0.01 for x in column_edges(words))  # read as proportional type, it would be one
    edges = column_edges(words, lines, cell)
    assert not any(abs(x - mid) < 0.01 for x in edges)
    assert any(abs(x - 34.1) < 0.01 for x in edges) and any(abs(x - (34.1 + 60 * cell)) < 0.01 for x in edges)


def test_an_address_never_goes_on_with_an_address_of_its_own():
    assert order.starts_own_address("diac@state.de.us", "www.dediac.org")
    assert order.starts_own_address("diac@state.de.us", "info@dediac.org")
    assert order.starts_own_address("www.doj.state.wi.us/dci", "<https://nfcausa.org/default.aspx/")
    assert not order.starts_own_address("http://", "www.dediac.org")
    assert not order.starts_own_address("www.publicsafety.utah.gov/investig", "ations/siac.html")
    assert not order.starts_own_address("arfusioncenter@asp.arkans", "as.gov")


def test_the_flush_right_words_of_justified_lines_make_no_column_edge():
    """Times 11 justified in a column ending at 560.9 (groff): "Threat", "Fusion" and "Fusion",
    of one width, end three stretched lines and so start at one x (526.0), one stretched space after
    the word before; no column starts there. Three rows of a table without borders, whose values
    start at one x after a gap their lines have no other of, keep their column's edge."""
    def line(top: float, *words: tuple[str, float, float]) -> list[Word]:
        return [Word(text, x0, x1, top, top + 11.0, "Times-Roman", 11.0) for text, x0, x1 in words]

    justified = (line(61.0, ("Oregon", 411.3, 448.4), ("Terrorism", 456.9, 507.6), ("Threat", 516.1, 560.9))
                 + line(215.6, ("Rhode", 411.3, 443.3), ("Island", 451.1, 483.3), ("State", 491.1, 518.2),
                        ("Fusion", 526.0, 560.9))
                 + line(460.1, ("U.S.", 411.3, 431.8), ("Virgin", 440.1, 472.3), ("Islands", 480.5, 517.8),
                        ("Fusion", 526.0, 560.9))
                 + line(605.6, ("Washington", 411.3, 471.8), ("Regional", 476.6, 521.2), ("Threat", 526.0, 560.9)))
    assert 526.0 in column_edges(justified)  # every word start counted, as before
    assert 526.0 not in column_edges(justified, group_lines(justified))
    table = (line(100.0, ("Location", 54.0, 95.0), ("Anchorage,", 160.0, 210.0), ("Alaska", 213.0, 245.0))
             + line(114.0, ("Phone", 54.0, 84.0), ("(907)", 160.0, 185.0), ("269-8900", 188.0, 230.0))
             + line(128.0, ("Email", 54.0, 82.0), ("akiac@alaska.gov", 160.0, 240.0)))
    assert 160.0 in column_edges(table, group_lines(table))


@pytest.mark.parametrize("cells, cut", [
    (64, "- Washington Regional Threat and Analysis Center (Washington, D."),
    (65, "- El Paso Multi-Agency Tactical Response Information eXchange (MA"),
])
def test_an_abbreviation_cut_after_one_of_its_periods_is_one_word_again(capture_lines, cells, cut):
    """The capture's list printed in 12-point Courier cut at the 64th cell (enscript): "- Washington
    Regional Threat and Analysis Center (Washington, D." / "C.)" is "D.C.)" again, no space inside
    (read "D. C.", the center was published under another name, its own lost: silent). Cut at the
    65th, "…Information eXchange (MA" / "TRIX); El Paso, TX" is "(MATRIX)" again: the acronym spells
    its words' capitals, though the list spells "MA" as a word (Massachusetts) and never "MATRIX"
    whole (read "(MA TRIX)", El Paso's center was published under another id: silent)."""
    first = capture_lines.index("Primary Fusion Centers")
    text = capture_lines[first:first + 96]
    printed = _cut(text, cells)
    assert cut in printed
    rows = 52
    data = _printed([[printed[k:k + rows]] for k in range(0, len(printed), rows)], 12.0, paper=letter, pitch=13.0)
    got = [(e.name, e.designation, e.list_city, e.list_state) for e in extract_pdf(data, "list.pdf", "").list_entries]
    want = [(e.name, e.designation, e.list_city, e.list_state)
            for e in extract_capture("\n".join(text).encode(), "capture.txt", "").list_entries]
    assert ("Washington Regional Threat and Analysis Center (Washington, D.C.)", "primary", "", "") in want
    assert len(want) == 78 and got == want


# a2ps's print of capture lines 104-400 (tests/fixtures/pdf/README.md): two pages to a sheet, each
# headed "date  listing.txt  Page n/5", every hyphen set with the minus glyph (the text gives U+2212).
A2PS = Path(__file__).resolve().parents[1] / "fixtures" / "pdf" / "a2ps_two_up.pdf"


def test_a_minus_sign_printed_for_each_hyphen_is_read_as_the_hyphen():
    """The capture's "Toll-Free: (866) 229-6220" (line 113) and "tewg@hamilton-co.org" (line 223)
    printed with the minus glyph are that label and that address, not an unknown line and an
    address with a minus sign in it."""
    blocks = {heading: fields for heading, _, fields in read_blocks(A2PS.read_bytes(), A2PS.name)}
    assert ("Toll-Free", "(866) 229-6220") in blocks["Alabama Fusion Center"]
    cincinnati = blocks["Cincinnati/Hamilton County Regional Terrorism Early Warning Group; Cincinnati, OH"]
    assert ("Email", "tewg@hamilton-co.org") in cincinnati
    assert not any("\u2212" in text for fields in blocks.values() for _, text in fields)


def test_the_headers_of_two_pages_printed_on_one_sheet_are_running_lines():
    """Each sheet's top line holds two pages' headers, their page numbers past the sheet count
    ("Page 3/5 ... Page 4/5" on sheet 2 of 3), and the last sheet one: none is read as a heading, and
    a block that runs from one page to the next is one block (capture lines 377-387: Louisiana's)."""
    from pipeline.extract.pdf.furniture import furniture_text
    assert furniture_text("Dec 05, 26 7:05 listing.txt Page 3/5 Dec 05, 26 7:05 listing.txt Page 4/5", 3) == \
        "Dec 05, 26 7:05 listing.txt"
    blocks = read_blocks(A2PS.read_bytes(), A2PS.name)
    assert not [b for b in blocks if "listing.txt" in b[0] or "Page" in b[0] or
                any("listing.txt" in text for _, text in b[2])]
    louisiana = next(b for b in blocks if b[0] == "Louisiana State Analytical & Fusion Exchange")
    assert louisiana[1:] == ("Baton Rouge, Louisiana", [("Phone", "(225) 925-4192"), ("Toll-Free", "(800) 434-8007"),
                                                        ("Email", "lafusion.center@dps.la.gov"),
                                                        ("Website", "www.la-safe.org")])


def test_a_heading_wrapped_at_a_word_at_a_column_s_foot_goes_on_atop_the_next(capture_lines):
    """The capture's listing from Ohio on, printed in two columns of 11-point Courier that wrap
    at word spaces and keep the last of 37 cells free (enscript's --word-wrap; a word too long for
    a line is cut at its last cell, so the column's longest line fills all 37): "Orange County
    Intelligence" ends the first column 11 cells short of its edge, too few for a space, "Assessment"
    and the free cell; "Assessment Center; Orange County, CA" atop the next column is the rest of
    the heading, not a center of its own."""
    import textwrap
    first = capture_lines.index("Ohio Strategic Analysis and Information Center")
    text = capture_lines[first:first + 50]
    # a word too long for a line is cut at its last cell ("…ohio.gov/index.s" / "tm")
    printed = [part for line in text for part in (
        _cut([line], 37) if " " not in line else textwrap.wrap(line, 36, break_on_hyphens=False) or [""])]
    assert "www.homelandsecurity.ohio.gov/index.s" in printed
    split = printed.index("Orange County Intelligence") + 1
    assert printed[split] == "Assessment Center; Orange County, CA"
    data = _printed([[printed[:split], printed[split:]]], 11.0, paper=letter, columns_x=(54.0, 54.0 + 37 * 6.6 + 10.0),
                    pitch=12.0)
    got = read_blocks(data)
    assert ("Orange County Intelligence Assessment Center; Orange County, CA", "Santa Ana, California", [
        ("Phone", "(714) 289-3949"), ("Fax", "(714) 289-1025"), ("Email", "ociac@ociac.org"),
        ("Website", "www.ociac.org")]) in got
    assert got == _capture_blocks(text)


def test_a_number_cut_short_at_a_page_s_foot_goes_on_atop_the_next_past_an_overfull_line(capture_lines):
    """A typewriter face that a typesetter cannot stretch: a column 25 cells wide whose first line is
    set overfull, 27 cells ("• San Diego Law Enforcement"), so its lines seem to end short of the
    column's edge; "Toll-Free:  (866)" ends the page (its number wrapped for want of room), and
    "787-2332" atop the next page is the rest of its digits, no line of its own."""
    arkansas = capture_lines.index("Arkansas State Fusion Center")
    page1 = ["\u2022 San Diego Law Enforcement", "Coordination Center; San", "Diego, CA", "",
             "Arkansas State Fusion", "Center", "Little Rock, Arkansas", "Phone:  (501) 618-8001", "Toll-Free:  (866)"]
    page2 = ["787-2332", "arfusioncenter@asp.arkansas.gov", "", "Austin Regional", "Intelligence Center;",
             "Austin, TX", "Austin, Texas", "Phone:  (512) 974-2742", "aric@austintexas.gov", "www.arictexas.org"]
    assert capture_lines[arkansas + 6] == "Toll-Free: (866) 787-2332"
    data = _printed([[page1], [page2]], 11.0, paper=A4, pitch=12.0)
    arkansas_block = next(b for b in read_blocks(data) if b[0].startswith("Arkansas"))
    assert arkansas_block == ("Arkansas State Fusion Center", "Little Rock, Arkansas", [
        ("Phone", "(501) 618-8001"), ("Toll-Free", "(866) 787-2332"), ("Email", "arfusioncenter@asp.arkansas.gov")])


def _justified_column(lines: list[tuple[str, bool]], size: float, x: float, width: float, pitch: float) -> bytes:
    """One column of Courier `size` on an A4 page, a typesetter's: each line (text, stretched) set
    from `x`, a stretched line's spaces widened so that it ends at `x + width`."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Courier", size)
    cell = CELL * size
    for k, (text, stretch) in enumerate(lines):
        y, words = A4[1] - 60 - k * pitch, text.split()
        if not stretch or len(words) < 2:
            c.drawString(x, y, text)
            continue
        gap = (width - sum(len(w) for w in words) * cell) / (len(words) - 1)
        at = x
        for w in words:
            c.drawString(at, y, w)
            at += len(w) * cell + gap
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_web_address_cut_short_goes_on_with_its_rest_though_that_holds_an_at_sign(capture_lines):
    """Oregon's block as a typesetter sets it justified in a column of 12-point Courier 20.6 cells
    wide, which wraps at word spaces and splits a word longer than the column at its 20th cell:
    the website as the capture spells it ("www.oregonfusioncenter@doj.state.or.us") is split into
    "www.oregonfusioncent" / "er@doj.state.or.us". The first piece names no host, so the second is
    its rest, not an email of its own (nor is "www.oregonfusioncent" published as the website): the
    block reads as the capture's own reader reads it."""
    import textwrap
    first = capture_lines.index("Oklahoma Information Fusion Center")
    text = capture_lines[first:capture_lines.index("Pennsylvania Criminal Intelligence Center")]
    lines = []
    for line in text:
        parts = textwrap.wrap(line, 20, break_on_hyphens=False)
        lines += [(part, k < len(parts) - 1 and " " in line) for k, part in enumerate(parts)]
    assert ("www.oregonfusioncent", False) in lines and ("er@doj.state.or.us", False) in lines
    data = _justified_column(lines, 12.0, 56.6, 20.65 * CELL * 12.0, 14.0)
    assert read_blocks(data) == _capture_blocks(text)


def test_a_heading_set_overfull_in_a_typewriter_face_keeps_its_end_by_the_next_column(capture_lines):
    """The capture's listing from Los Angeles on, in two columns of 10-point Courier, headings in
    12-point Courier, as TeX sets a typewriter face it cannot stretch: "Los Angeles Joint Regional
    Intelligence Center:  Los Angeles," (two cells after the colon) runs past its column's edge to
    two body cells short of the next column, whose lines start at one x below it. The gap after the
    colon is wider than that gutter, yet it is the line's own space: "Los Angeles," is the heading's,
    no line of a column of its own read before the next column (a phantom center "Los Angeles,"
    that took Minnesota's phone, fax and toll-free number)."""
    first = capture_lines.index("Los Angeles Joint Regional Intelligence Center: Los Angeles, CA")
    text = [line for line in capture_lines[first:capture_lines.index("Mississippi Analysis and Information Center")]
            if line]
    headings = {b[0] for b in _capture_blocks(text)}
    printed = []
    for line in text:
        if line == text[0]:
            printed += [("Los Angeles Joint Regional Intelligence Center:  Los Angeles,", 12.0), ("CA", 12.0)]
        else:
            printed.append((line, 12.0 if line in headings else 10.0))
    split = printed.index(("St. Paul, Minnesota", 10.0)) + 1
    left, body_cell = 42.5, CELL * 10.0
    right = left + len(printed[0][0]) * CELL * 12.0 + 2 * body_cell
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=landscape(A4), invariant=1)
    for x, lines in ((left, printed[:split]), (right, printed[split:])):
        y = landscape(A4)[1] - 50
        for line, size in lines:
            c.setFont("Courier", size)
            c.drawString(x, y, line)
            y -= size + 2
    c.showPage()
    c.save()
    got = read_blocks(buf.getvalue())
    assert [b[0] for b in got] == [b[0] for b in _capture_blocks(text)]
    assert got == _capture_blocks(text)


def test_a_line_cut_into_a_gutter_a_short_column_opened_keeps_its_last_piece(capture_lines):
    """The end of the capture's listing printed in two columns of 10-point Courier cut at the 42nd
    cell (A4), the second column holding only the capture's last line (its address, cut over two
    lines) near the first column's top, a line lower. The gutter its lines show is wide, but
    "Utah Statewide Information and Analysis Ce" below them runs on into it: "Ce" stays the
    heading's (no phantom center "Ce", and Utah's website stays Utah's)."""
    first = capture_lines.index("Phone: (340) 776-3013")
    text = capture_lines[first:776]
    left, right = _cut(text, 42), ["", *_cut(capture_lines[776:777], 42)]
    assert "Utah Statewide Information and Analysis Ce" in left and len(left) <= 70
    data = _printed([[left, right]], 10.0, columns_x=(38.0, 38.0 + 42 * 6.0 + 12.5), pitch=11.0)
    assert read_blocks(data) == _capture_blocks(text)


def test_an_address_that_fills_its_column_over_a_host_of_its_own_is_read_neither_way(capture_lines):
    """The capture's listing from Georgia to Idaho, justified in a column of 12-point Courier 20.6
    cells wide by a typesetter that splits a word longer than the column at its 20th cell (Houston's
    email: "HRISC-Fusioncenter@h" / "oustonpolice.org"). Georgia's email fills the column to its
    last cell, "generalinfo@gisac.gb", and "i.ga.gov" under it is a host by itself: the email split
    there or two addresses, the page cannot tell (nothing else spells "gb" or "i"). Neither line is
    read, each is set aside on the field of its kind (ADDRESS_SPLIT_UNSURE), and the other blocks
    read as the capture's own reader reads them."""
    import textwrap
    from pipeline.reference import SPLIT_LABEL
    first = capture_lines.index("Colorado Information Analysis Center")
    georgia = capture_lines.index("Georgia Information Sharing and Analysis Center")
    end = capture_lines.index("Idaho Criminal Intelligence Center")
    text = capture_lines[first:first + 10] + capture_lines[georgia:end]
    lines = []
    for line in text:
        parts = textwrap.wrap(line, 20, break_on_hyphens=False)
        lines += [(part, k < len(parts) - 1 and " " in line) for k, part in enumerate(parts)]
    assert ("generalinfo@gisac.gb", False) in lines and ("i.ga.gov", False) in lines
    assert ("HRISC-Fusioncenter@h", False) in lines
    data = _justified_column(lines, 12.0, 56.6, 20.65 * CELL * 12.0, 14.0)
    blocks = extract_pdf(data, "drawn.pdf", "").blocks
    got = {b.heading: [(f.label, f.text) for f in b.fields] for b in blocks}
    assert got["Georgia Information Sharing and Analysis Center"] == [
        ("Phone", "(404) 486-6420"), (SPLIT_LABEL, "generalinfo@gisac.gb"), (SPLIT_LABEL, "i.ga.gov")]
    want = _capture_blocks(text)
    assert [b for b in read_blocks(data) if not b[0].startswith("Georgia")] == [
        b for b in want if not b[0].startswith("Georgia")]


def test_a_print_that_wraps_at_words_and_cuts_only_long_words_keeps_its_word_spaces(capture_lines):
    """The capture's list and its listing from Detroit to Houston printed in 11-point Courier as
    enscript --word-wrap prints them: lines wrap at word spaces and keep the last of 36 cells free, a
    word longer than a line (Houston's email, "…houstonpolice.or" / "g") is cut at the 36th. "- Southern Nevada Counter-Terrorism" fills the line to
    the free cell and "Center (Las Vegas, Nevada)" goes on under it: the cut address proves the print
    cuts words, but only words longer than a line, so the word space stays ("Counter-Terrorism
    Center", not "Counter-TerrorismCenter")."""
    import textwrap
    first = capture_lines.index("Primary Fusion Centers")
    detroit = capture_lines.index("Detroit and Southeast Michigan Information and Intelligence Center; Detroit, MI")
    houston = capture_lines.index("Houston Regional Intelligence Service Center; Houston, TX")
    text = capture_lines[first:first + 96] + capture_lines[detroit:houston + 10]
    printed = [part for line in text for part in (
        _cut([line], 36) if any(len(w) > 36 for w in line.split()) else textwrap.wrap(line, 35, break_on_hyphens=False) or [""])]
    assert "- Southern Nevada Counter-Terrorism" in printed and "HRISC-Fusioncenter@houstonpolice.or" in printed
    rows = 66
    data = _printed([[printed[k:k + rows]] for k in range(0, len(printed), rows)], 11.0, paper=letter, pitch=11.0)
    got = [(e.name, e.designation, e.list_city, e.list_state) for e in extract_pdf(data, "list.pdf", "").list_entries]
    want = [(e.name, e.designation, e.list_city, e.list_state)
            for e in extract_capture("\n".join(text).encode(), "capture.txt", "").list_entries]
    assert len(want) == 78 and got == want


def test_an_item_at_the_last_column_s_foot_goes_on_past_a_line_set_overfull_there(capture_lines):
    """The capture's list in three columns of 9-point Courier 28 cells wide between like margins
    (A4), typed bullets, each item wrapped under its bullet as TeX sets a typewriter face it cannot
    stretch: "- Southern Nevada Counter-Terrorism" is set overfull, 35 cells, past the last column's
    edge into the margin, where no next column shows the edge. "- Chicago Crime Prevention" ends that
    column, its next word "and" with no room there: "and Information Center;" atop the next page is
    the item's, and every entry is the capture's; "- Louisiana State Analytical" fills its 28 cells
    and "& Fusion Exchange" under it was wrapped at a word space (no "Analytical&")."""
    import textwrap
    first = capture_lines.index("Primary Fusion Centers")
    text = capture_lines[first:first + 96]
    lines = []
    for line in text:
        if line.startswith("- Southern Nevada Counter-Terrorism"):
            lines += ["- Southern Nevada Counter-Terrorism", "Center (Las Vegas, Nevada)"]
        else:
            lines += textwrap.wrap(line, 28, break_on_hyphens=False) or [""]
    nevada, chicago = lines.index("- Southern Nevada Counter-Terrorism"), lines.index("- Chicago Crime Prevention")
    assert lines[chicago + 1] == "and Information Center;"
    cell, gutter = CELL * 9.0, 12.0
    margin = (A4[0] - 3 * 28 * cell - 2 * gutter) / 2
    xs = tuple(margin + k * (28 * cell + gutter) for k in range(3))
    half = (nevada - 4) // 2
    page1 = [lines[:half], lines[half:nevada - 4], lines[nevada - 4:chicago + 1]]
    assert max(map(len, page1)) <= 72
    data = _printed([page1, [lines[chicago + 1:]]], 9.0, paper=A4, columns_x=xs, pitch=10.0)
    got = [(e.name, e.designation, e.list_city, e.list_state) for e in extract_pdf(data, "list.pdf", "").list_entries]
    want = [(e.name, e.designation, e.list_city, e.list_state)
            for e in extract_capture("\n".join(text).encode(), "capture.txt", "").list_entries]
    assert len(want) == 78 and got == want
