"""PDF pages drawn with ReportLab for the reader's tests (no converter needed), and what the
reader makes of a PDF: its contact blocks as (heading, place line, [(label, text)]), its list
entries as (name, designation, list city, list state)."""
from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from pipeline.extract.pdf import extract_pdf


# Capture lines 105-129: the listing's first three blocks, as (heading, place line, [(label, value)]),
# as `read_blocks` gives them.
LISTING_BLOCKS = [
    ("Alabama Fusion Center", "Montgomery, Alabama",
     [("Phone", "(334) 517-2660"), ("Fax", "(334) 517-2746"), ("Toll-Free", "(866) 229-6220"),
      ("Email", "fusioncenter@alacop.gov"), ("Website", "fusion.alabama.gov")]),
    ("Alaska Information and Analysis Center", "Anchorage, Alaska",
     [("Phone", "(907) 269-8900"), ("Toll-Free", "(855) 692-5425"), ("Email", "AKIAC@alaska.gov")]),
    ("Arizona Counter Terrorism Information Center", "Phoenix, Arizona",
     [("Phone", "(602) 644-5805"), ("Toll-Free", "(877) 272-8329"), ("Email", "actic@azdps.gov"),
      ("Website", "www.azdps.gov")])]


def drawn_page(draw: Callable[[canvas.Canvas], None], size: tuple[float, float] = letter) -> bytes:
    """One page that `draw` draws on a canvas of `size`, as PDF bytes (the same bytes every run)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def read_blocks(data: bytes, name: str = "drawn.pdf") -> list[tuple]:
    """The contact blocks the reader gives for a PDF: heading, place line, labeled fields."""
    return [(b.heading, b.location.text if b.location else None, [(f.label, f.text) for f in b.fields])
            for b in extract_pdf(data, name, "").blocks]


def read_entries(data: bytes, name: str = "list.pdf") -> list[tuple[str, str, str, str]]:
    """The list entries the reader gives for a PDF: name, designation, the list's city and state."""
    return [(e.name, e.designation, e.list_city, e.list_state) for e in extract_pdf(data, name, "").list_entries]


def bulleted_lines(item: str, cells: int) -> list[list[str]]:
    """A list item as a monospaced typesetter fills it into a column `cells` wide: a typed bullet
    ("•") as its first word, then its words, each line as many as fit, wrapped at word spaces."""
    lines, words = [], ["\u2022", *item.split()]
    while words:
        line = [words.pop(0)]
        while words and len(" ".join([*line, words[0]])) <= cells:
            line.append(words.pop(0))
        lines.append(line)
    return lines
