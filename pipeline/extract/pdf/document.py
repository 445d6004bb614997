"""The document model: each line with its marks (bold or larger type, a list item), the running
lines as furniture; the assembler every form shares reads documents, list entries and contact
blocks from them.
"""
from __future__ import annotations

from pipeline.extract.assemble import assemble
from pipeline.extract.model import Line as ModelLine, Page, Pages
from pipeline.extract.pdf.furniture import (
    Furniture, URL_PATTERN, body_size, furniture_text, metadata_title, metadata_url, running_lines)
from pipeline.extract.pdf.order import (
    Line, breaks_off, document_words, hyphenated_words, join_broken, page_lines_in_order)
from pipeline.extract.pdf.pages import group_lines, read_pages
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
    spelled = hyphenated_words(pages)
    counts = document_words(pages)
    lines: list[Line] = []
    for page, plines, skip in zip(pages, page_lines, running):
        body = [w for i, line in enumerate(plines) if i not in skip for w in line.words]
        if body:
            ordered = page_lines_in_order(page, body, size, source, spelled, counts)
            if lines and ordered and lines[-1].styled and ordered[0].styled and not ordered[0].bullet \
                    and breaks_off(lines[-1].text):  # a heading the page broke off goes on on the next
                before = lines.pop()
                ordered[0] = Line(join_broken(before.text, ordered[0].text, spelled, counts), before.ref, True, before.bullet)
            elif lines and ordered and lines[-1].bullet and ordered[0].hangs:
                # A list item the page broke off goes on at the top of the next, at the items' indent.
                before = lines.pop()
                ordered[0] = Line(join_broken(before.text, ordered[0].text, spelled, counts), before.ref, before.styled, True)
            lines.extend(ordered)
    running_text = [Line(page_lines[p][i].text, SourceRef(source, 0, pages[p].number), False, False)
                    for p in range(len(pages)) for i in sorted(running[p])]
    title = titles[0] if titles else metadata_title(metadata)
    return lines, Furniture(title, (urls or [metadata_url(metadata)])[0]), len(pages), running_text


def read_pdf(data: bytes, source: str, *, charset: str = "", fallback_url: str = "") -> Pages:
    """A PDF as pages of lines in reading order: bold or larger lines marked as
    headings (the others as body text), a bullet's line as a list item, the
    running header and footer as furniture; the file's title and address are
    what its running lines (else its metadata) say. A PDF names its own
    encodings, so `charset` is not used; nor is `fallback_url`, as before."""
    lines, furniture, page_count, running = read_lines(data, source)
    by_page: dict[int, list[ModelLine]] = {n: [] for n in range(1, page_count + 1)}
    item = 0
    for line in lines:
        item += line.bullet
        by_page[line.ref.page or 1].append(ModelLine(line.text, line.ref, line.styled, item=item if line.bullet else 0))
    for line in running:
        by_page[line.ref.page or 1].append(ModelLine(line.text, line.ref, furniture=True))
    pages = tuple(Page(tuple(by_page[n]), n, n) for n in range(1, page_count + 1))
    return Pages(source, "pdf", pages, paged=True, url=furniture.url, title=furniture.title)


def extract_pdf(data: bytes, source: str, sha256: str) -> Extraction:
    """Read a PDF into its documents, list entries and contact blocks (`read_pdf`, then the assembler)."""
    return assemble(read_pdf(data, source), sha256)
