"""Tables of drawn cells in a PDF: a cell ends at its borders, and a broken label is one label.

The generated WeasyPrint tables in tests/fixtures/generated/ check the same on whole documents
(a justified table; a table whose rows page breaks cut); these check the rules themselves.
"""
from __future__ import annotations

import pytest

from pipeline.extract.pdf.layout import walled
from pipeline.extract.pdf.order import broken_label
from pipeline.extract.pdf.pages import Box, Word


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
