"""The document model: each line with its marks (bold or larger type, a list item), the running
lines as furniture; the assembler every form shares reads documents, list entries and contact
blocks from them.
"""
from __future__ import annotations

from dataclasses import replace

from pipeline.extract.assemble import assemble
from pipeline.extract.model import Line as ModelLine, Page, Pages
from pipeline.extract.pdf.furniture import (
    Furniture, URL_PATTERN, body_size, furniture_text, metadata_title, metadata_url, running_lines)
from pipeline.extract.pdf.order import (
    ADDRESS_HYPHEN_UNSURE, Line, carry_over, cuts_inside_words, hyphenates_words, lines_in_order, other_columns,
    page_columns, place_lines, spelling, splits_addresses, table_in_columns, table_starts, unknown_column, unseen_column,
    with_hidden)
from pipeline.extract.pdf.layout import same_columns
from pipeline.extract.pdf.pages import PdfPage, group_lines, read_pages
from pipeline.extract.pdf.sheet import PrintedPage, read_sheet
from pipeline.records import Extraction, SourceRef


def read_lines(data: bytes, source: str) -> tuple[list[Line], Furniture, int, list[Line]]:
    """A PDF's body lines in reading order, what its running lines say, its page
    count, and its running lines themselves (numbered 0: they are not counted)."""
    pages, metadata = read_pages(data, source)
    size = body_size(pages)
    page_lines = [group_lines(page.words) for page in pages]
    running = running_lines(pages, page_lines, metadata_title(metadata), size)
    furniture = [page_lines[p][i] for p in range(len(pages)) for i in sorted(running[p])]
    titles = [t for t in (furniture_text(l.text, len(pages)) for l in furniture) if t]
    urls = [m.group(0) for l in furniture for m in [URL_PATTERN.search(l.text)] if m and not m.group(0).startswith("file:")]
    spell = spelling(pages)
    spaces = sorted(page.space for page in pages if page.space)  # the document's word space: a page of
    space = spaces[len(spaces) // 2] if spaces else 0.0  # addresses alone shows few spaces of its own
    sheet = read_sheet([PrintedPage(page.number, page.width, plines, frozenset(skip), space, page.hidden,
                                    page.rulings, page.walls, spell)
                        for page, plines, skip in zip(pages, page_lines, running)], size, source)
    placed, bodies, carried = [], [], []
    table: tuple[float, ...] = ()  # the gutters of the table the page before ended with
    start: tuple[float, ...] = ()  # where its columns start there
    for page, plines, skip in zip(pages, page_lines, running):
        # A page of a printed sheet: its own lines above the sheet (the sheet's rows are read apart).
        end = sheet.pages.get(page.number, len(plines)) if sheet else len(plines)
        body = [w for i, line in enumerate(plines[:end]) if i not in skip for w in line.words]
        placed.append(place_lines(page, body, size, table, columns_start=start) if body else [])
        bodies.append(body)
        carried.append((table, start))
        table = placed[-1][-1].table if placed[-1] else ()
        start = table_starts(placed[-1], last=True)
    # A page that shows a column in too few lines to tell it (a listing's last line alone on its page),
    # or too few to tell its columns and a column none of the others start, or a table in their columns,
    # is read in the columns the document's other pages show.
    own = [page_columns(p, size) for p in placed]
    for k, page in enumerate(pages):
        columns = other_columns(own, k)
        if columns and (unseen_column(placed[k], columns, size) or not own[k] and (
                unknown_column(placed[k], columns) or table_in_columns(placed[k], columns))):
            pages[k] = replace(page, columns=columns)
            placed[k] = place_lines(pages[k], bodies[k], size, carried[k][0], columns_start=carried[k][1])
    # A table that starts under text at a page's foot and goes on over the next page: its first
    # rows are read in the columns the next page shows it in.
    for k in range(len(pages) - 2, -1, -1):
        following = placed[k + 1][0].table if placed[k + 1] else ()
        if following and placed[k] and not same_columns(placed[k][-1].table, following, size):
            placed[k] = place_lines(pages[k], bodies[k], size, carried[k][0], following, table_starts(placed[k + 1]),
                                    carried[k][1])
    # Every page's lines in reading order, joined across columns and pages as the printer broke them.
    hyphenates = any(hyphenates_words(p, spell) for p in placed)
    cuts_words = any(cuts_inside_words(p, page.cell, spell) for page, p in zip(pages, placed))
    cuts_lines = cuts_words and sum(cuts_inside_words(p, page.cell, spell, True) for page, p in zip(pages, placed)) >= 1
    splits = any(splits_addresses(p, page.cell) for page, p in zip(pages, placed))
    read = [replace(line, unsure=True) if how == ADDRESS_HYPHEN_UNSURE else line
            for line, how in lines_in_order(pages, placed, size, source, spell, cuts_words, hyphenates, splits,
                                            cuts_lines)]
    on_page: dict[int, list[Line]] = {}
    for line in read:  # a line joined across a page break stands on its first page
        on_page.setdefault(line.ref.page, []).append(line)
    lines: list[Line] = []
    previous: PdfPage | None = None
    for page in pages:
        ordered = on_page.get(page.number, [])
        if ordered:
            if lines and previous is not None:
                ordered = carry_over(lines, previous, page, ordered, size, spell)
            if page.hidden:  # text the page does not show, each line after the shown line it stands under
                ordered = with_hidden(ordered, group_lines(page.hidden), source, page.number)
            lines.extend(ordered)
            previous = page
        elif page.hidden:
            lines.extend(with_hidden([], group_lines(page.hidden), source, page.number))
        if sheet and page.number == sheet.header_page:  # the sheet's rows, joined back from every page
            lines.append(Line(" ".join(sheet.header), SourceRef(source, sheet.header_line, page.number), True, False,
                              cells=sheet.header, header=True))
            lines.extend(Line(" ".join(c for c in row.cells if c), SourceRef(source, row.line, row.page), False, False,
                              cells=row.cells, notes=row.notes) for row in sheet.rows)
    running_text = [Line(page_lines[p][i].text, SourceRef(source, 0, pages[p].number), False, False)
                    for p in range(len(pages)) for i in sorted(running[p])]
    title = titles[0] if titles else metadata_title(metadata)
    return lines, Furniture(title, (urls or [metadata_url(metadata)])[0]), len(pages), running_text


def read_pdf(data: bytes, source: str, *, charset: str = "", fallback_url: str = "") -> Pages:
    """A PDF as pages of lines in reading order: bold or larger lines marked as
    headings (the others as body text), a bullet's line as a list item, the
    running header and footer as furniture, an address broken at a hyphen
    that may be the printer's noted "hyphen", a line the page shows only in part
    (cut at its edge) noted "cut" (both set aside and reported), a line with other text printed over
    it read and followed by a copy noted "overprint" (set aside: reported), a line whose word of
    letters runs past the page's edge read with the rest the file holds and followed by a copy noted
    "edge" (set aside: reported); the file's title and address are
    what its running lines (else its metadata) say. A PDF names its own
    encodings, so `charset` is not used; nor is `fallback_url`, as before."""
    lines, furniture, page_count, running = read_lines(data, source)
    by_page: dict[int, list[ModelLine]] = {n: [] for n in range(1, page_count + 1)}
    item = 0
    for line in lines:
        item += line.bullet
        if line.hidden:  # kept where it stands, never read (`visible`)
            by_page[line.ref.page or 1].append(ModelLine(line.text, line.ref, hidden=True))
            continue
        # A table cell's end from the next page is read with its row; a sheet's rows stand on its first page.
        page = line.read_on or line.ref.page or 1
        if line.cells and not line.header:
            page = next(p for p, kept in by_page.items() if p == page or any(x.cells for x in kept))
        by_page[page].append(ModelLine(line.text, line.ref, line.styled, item=item if line.bullet else 0,
                                       cells=line.cells, header=line.header, notes=line.notes, note=_note(line)))
        if line.overprinted and not _note(line):  # read, and reported where it stands
            by_page[page].append(ModelLine(line.text, line.ref, note="overprint"))
        if line.past_edge and not _note(line):  # read with the rest the file holds, and reported
            by_page[page].append(ModelLine(line.text, line.ref, note="edge"))
    for line in running:
        by_page[line.ref.page or 1].append(ModelLine(line.text, line.ref, furniture=True))
    pages = tuple(Page(tuple(by_page[n]), n, n) for n in range(1, page_count + 1))
    return Pages(source, "pdf", pages, paged=True, url=furniture.url, title=furniture.title)


def _note(line: Line) -> str:
    """What the reader noticed about a line it sets aside: "cut" where the page shows a word of it
    only in part (at its edge), "hyphen" for an address broken at a hyphen that may be the printer's."""
    return "cut" if line.cut else "hyphen" if line.unsure else "split" if line.split else ""


def extract_pdf(data: bytes, source: str, sha256: str) -> Extraction:
    """Read a PDF into its documents, list entries and contact blocks (`read_pdf`, then the assembler)."""
    return assemble(read_pdf(data, source), sha256)
