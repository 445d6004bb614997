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


# --- A printed page's words, kept and drawn again ----------------------------------------------

# A kept word's face: regular, bold, monospaced, monospaced bold (ReportLab's Vera is DejaVu Sans;
# Courier has the advance of every monospaced face).
_FACES = ("Vera", "Vera-Bold", "Courier", "Courier-Bold")


def page_words(data: bytes, numbers: list[int]) -> list:
    """The words of a PDF's pages as the reader finds them, to keep as a small fixture: for each
    page, [width, height, words, spaces], each word [text, x0, x1, top, bottom, face (`_FACES`),
    size] and each space glyph the page draws [x0, x1, top, bottom] (points, top down)."""
    from pipeline.extract.pdf.pages import read_pages
    pages, _ = read_pages(data, "kept.pdf")

    def face(word) -> int:
        return 2 * any(m in word.font.lower() for m in ("mono", "courier")) + int(word.bold)
    return [[round(p.width, 1), round(p.height, 1),
             [[w.text, round(w.x0, 2), round(w.x1, 2), round(w.top, 2), round(w.bottom, 2), face(w), round(w.size, 2)]
              for w in p.words],
             [[round(s.x0, 2), round(s.x1, 2), round(s.top, 2), round(s.bottom, 2)] for s in p.spaces]]
            for p in pages if p.number in numbers]


def redrawn(pages: list) -> bytes:
    """Kept pages (`page_words`) drawn again with ReportLab: each word in its face, stretched to
    its width, where the printer set it, and each space glyph where it stood (the PDF's own word
    spaces tell a justified line's gaps from a gutter)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    for name, file in (("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf")):
        pdfmetrics.registerFont(TTFont(name, file))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(pages[0][0], pages[0][1]), invariant=1)
    for width, height, words, spaces in pages:
        c.setPageSize((width, height))

        def put(text: str, font: str, size: float, x0: float, x1: float, bottom: float) -> None:
            t = c.beginText()
            t.setFont(font, size)
            t.setHorizScale(100.0 * (x1 - x0) / pdfmetrics.stringWidth(text, font, size))
            t.setTextOrigin(x0, height - bottom + 0.2 * size)  # a face's descent below the baseline
            t.textOut(text)
            c.drawText(t)
        for text, x0, x1, top, bottom, face, size in words:
            put(text, _FACES[face], size, x0, x1, bottom)
        space_face = "Courier" if 2 * sum(1 for w in words if w[5] >= 2) > len(words) else "Vera"
        for x0, x1, top, bottom in spaces:
            if x1 > x0:
                put(" ", space_face, bottom - top, x0, x1, bottom)
        c.showPage()
    c.save()
    return buf.getvalue()
