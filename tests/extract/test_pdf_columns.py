"""Two columns whose lines stand at the same heights, with an address line
across the gutter: the columns must still be read one after the other."""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from pipeline.extract.pdf import extract_pdf

LEFT = ["Alpha Fusion Center", "Montgomery, Alabama", "Phone: (334) 517-2660", "alpha@alabama.gov"]
RIGHT = ["Beta Fusion Center", "Juneau, Alaska", "Phone: (907) 269-8900", "beta@alaska.gov"]
URL = "https://nfcausa.org/default.aspx/MenuItemID/117/MenuGroup/Public+Home.htm"


def _pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    y = 700
    for left, right in zip(LEFT * 2, RIGHT * 2):
        c.drawString(54, y, left)
        c.drawString(318, y, right)
        y -= 14
    c.drawString(54, y - 14, URL)  # left in the body, wider than the gutter
    c.showPage()
    c.save()
    return buf.getvalue()


def test_paired_lines_and_a_bridging_address():
    x = extract_pdf(_pdf(), "paired.pdf", "")
    headings = [b.heading for b in x.blocks]
    assert headings[:2] == ["Alpha Fusion Center", "Alpha Fusion Center"]
    assert headings[2:4] == ["Beta Fusion Center", "Beta Fusion Center"]
    assert all(b.location is not None for b in x.blocks[:4])


# A table without borders, as a browser prints a layout table: the name and place
# in one cell, the phone wrapped in a narrow cell, the email a short gap to its right.
ROWS = [
    (["Alpha Fusion Center", "Montgomery, Alabama"], ["Phone: (334) 517-", "2660"], ["alpha@alabama.gov"]),
    (["Beta Fusion Center", "Juneau, Alaska"], ["Phone: (907) 269-", "8900"], ["beta@alaska.gov"]),
    (["Gamma Fusion Center", "Phoenix, Arizona"], ["Phone: (602) 644-", "5805"], ["gamma@azdps.gov"]),
]


def _table_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica", 10)
    top = 700
    for name_cell, phone_cell, email_cell in ROWS:
        for x, cell in ((54, name_cell), (230, phone_cell), (320, email_cell)):  # 9 points: about one em
            for i, text in enumerate(cell):
                c.drawString(x, top - 12 * i, text)
        top -= 40
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_table_without_borders_keeps_each_row_together():
    blocks = extract_pdf(_table_pdf(), "table.pdf", "").blocks
    got = [(b.heading, b.location.text if b.location else None, [(f.label, f.text) for f in b.fields])
           for b in blocks]
    assert got == [
        ("Alpha Fusion Center", "Montgomery, Alabama", [("Phone", "(334) 517-2660"), ("Email", "alpha@alabama.gov")]),
        ("Beta Fusion Center", "Juneau, Alaska", [("Phone", "(907) 269-8900"), ("Email", "beta@alaska.gov")]),
        ("Gamma Fusion Center", "Phoenix, Arizona", [("Phone", "(602) 644-5805"), ("Email", "gamma@azdps.gov")]),
    ]
