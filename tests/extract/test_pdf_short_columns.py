"""A listing's last blocks as a word processor prints them: a link's underline drawn with the space
its line ends on, a last page whose columns are one block each, a last line on a page of its own."""
from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from tests.extract.drawn import drawn_page, read_blocks

# Typed from the capture: its last three blocks (lines 753-773).
WASHINGTON = ("Washington State Fusion Center", "Seattle, Washington",
              [("Phone", "(877) 843-9522"), ("Email", "intake@wsfc.wa.gov")])
WEST_VIRGINIA = ("West Virginia Intelligence Fusion Center", "Charleston, West Virginia",
                 [("Phone", "(304) 558-4831"), ("Email", "wvfusion@wv.gov"),
                  ("Website", "www.fusioncenter.wv.gov")])
WISCONSIN = ("Wisconsin Statewide Information Center", "Madison, Wisconsin",
             [("Phone", "(608) 242-5393"), ("Email", "wsic@doj.state.wi.us"),
              ("Website", "www.doj.state.wi.us/dci")])


def _body(block: tuple) -> list[str]:
    """A block's lines under its heading: its place line and its values."""
    return [block[1], *(f"{label}: {text}" if label == "Phone" else text for label, text in block[2])]


@pytest.mark.parametrize("underlined", ["Wisconsin Statewide", "Wisconsin Statewide "])
def test_a_link_s_underline_with_its_line_s_end_space_is_no_border(underlined):
    """A heading that is a link, wrapped over two lines, its first line's underline drawn on to the
    end of the space glyph the line ends on: an underline still, no ruling that parts the heading's
    two lines."""
    def draw(c):
        c.setFont("Times-Roman", 12)
        y = 700
        for text in [WASHINGTON[0], *_body(WASHINGTON), "", "West Virginia Intelligence", "Fusion Center", *_body(WEST_VIRGINIA)]:
            c.drawString(42, y, text)
            y -= 8 if not text else 16 + 8 * (text in ("Fusion Center", WASHINGTON[0]))
        c.drawString(42, y - 8, "Wisconsin Statewide ")
        c.setLineWidth(0.6)
        c.line(42, y - 12, 42 + c.stringWidth(underlined, "Times-Roman", 12), y - 12)
        c.drawString(42, y - 24, "Information Center")
        c.line(42, y - 28, 42 + c.stringWidth("Information Center", "Times-Roman", 12), y - 28)
        for i, text in enumerate(_body(WISCONSIN)):
            c.drawString(42, y - 48 - 16 * i, text)
    assert read_blocks(drawn_page(draw)) == [WASHINGTON, WEST_VIRGINIA, WISCONSIN]


def _two_pages(last_page) -> bytes:
    """A listing of two pages: Washington's block on the first, what `last_page(canvas)` draws on the
    second (the listing's last two blocks)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Times-Roman", 9)
    for i, text in enumerate([WASHINGTON[0], *_body(WASHINGTON)]):
        c.drawString(51, 720 - 12 * i, text)
    c.showPage()
    last_page(c)
    c.showPage()
    c.save()
    return buf.getvalue()


# The last page's two columns as a word processor sets them: each one block, its heading wrapped
# over two lines (larger and bold, or in the body's type), a paragraph gap under each line of it.
HEADINGS = {
    "larger and bold": ("Times-Bold", 14, 20, ["West Virginia Intelligence Fusion", "Center"],
                        ["Wisconsin Statewide Information", "Center"]),
    "plain": ("Times-Roman", 9, 11, ["West Virginia Intelligence", "Fusion Center"],
              ["Wisconsin Statewide", "Information Center"]),
    "plain, one line each": ("Times-Roman", 9, 11, ["West Virginia Intelligence Fusion Center"],
                             ["Wisconsin Statewide Information Center"]),
}


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_last_page_of_two_columns_of_one_block_each_is_read_column_by_column(heading):
    """Both columns one block of the same shape: the headings stand side by side, and their
    bodies under them, as a table's rows would. A block's place line goes on from its heading:
    the columns are read one after the other, no block takes the other's values."""
    font, size, pitch, left, right = HEADINGS[heading]

    def last_page(c):
        for x, lines, block in ((51, left, WEST_VIRGINIA), (304, right, WISCONSIN)):
            y = 720
            c.setFont(font, size)
            for text in lines:
                c.drawString(x, y, text)
                y -= pitch
            c.setFont("Times-Roman", 9)
            y -= 6
            for text in _body(block):
                c.drawString(x, y, text)
                y -= 12
    assert read_blocks(_two_pages(last_page)) == [WASHINGTON, WEST_VIRGINIA, WISCONSIN]


# What the last page shows, in the columns the page before sets (left at 51, right at 304): the
# rest of Wisconsin's block, its last line or two in the first column and its website in the next.
LAST_LINES = {
    "one line, in two columns": [(51, "wsic@doj.state.wi.us"), (304, "www.doj.state.wi.us/dci")],
    "two lines, the second in two columns": [(51, "Phone: (608) 242-5393"), (51, "wsic@doj.state.wi.us"),
                                             (304, "www.doj.state.wi.us/dci")],
}


@pytest.mark.parametrize("rest", LAST_LINES)
def test_a_last_page_showing_a_column_in_one_line_is_read_in_the_document_s_columns(rest):
    """A two-word line with a wide gap is no stretched line of justified text where its second word
    starts a column the page before shows through many lines: the block's email and website stay
    two values, not one line no field reads."""
    shown = LAST_LINES[rest]
    wisconsin_above = [WISCONSIN[0], WISCONSIN[1]] + (["Phone: (608) 242-5393"] if len(shown) == 2 else [])
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Times-Roman", 9)
    west_virginia = [WEST_VIRGINIA[0], *_body(WEST_VIRGINIA)]
    for x, lines in ((51, [WASHINGTON[0], *_body(WASHINGTON), *west_virginia[:2]]),
                     (304, west_virginia[2:] + wisconsin_above)):
        for i, text in enumerate(lines):
            c.drawString(x, 720 - 12 * i, text)
    c.showPage()
    c.setFont("Times-Roman", 9)
    y = 720
    for k, (x, text) in enumerate(shown):
        c.drawString(x, y, text)
        if k + 1 < len(shown) and shown[k + 1][0] <= x:
            y -= 12
    c.showPage()
    c.save()
    assert read_blocks(buf.getvalue()) == [WASHINGTON, WEST_VIRGINIA, WISCONSIN]
