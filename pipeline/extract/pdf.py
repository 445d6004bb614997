"""Extractor for a PDF: a published listing laid out in one or two columns.

Entry point: `extract_pdf(data, source, sha256) -> Extraction`.

A PDF has no lines, only words at positions, so the lines are rebuilt from
pdfplumber's words: running headers and footers are set aside, each page's
columns are found from where the words stand, words are grouped into lines by
their height on the page, and each column is read top to bottom, left column
first, pages in order. A line too long for its column, carried on to the next
line with an indent, is joined back. The lines then go through the same
`build_contact_blocks` as every other form, so a block cut by a column or page
break is still one block.

A line's `SourceRef` gives its page and its number among the page's text lines
in that reading order, counted from 1; the running header and footer are not
counted.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.errors import PipelineError
from pipeline.extract.lines import (
    SourceLine, build_contact_blocks, find_published, is_listing, parse_date,
)
from pipeline.records import CONTACT_LISTING, PROSE, Extraction, SourceDocument, SourceRef

# A word wider than this share of the body may bridge the gutter (a long address).
WIDE_WORD_SHARE = 0.4
MAX_BRIDGING_WORDS = 2
# Words whose tops differ by no more than this (points) stand on one line.
LINE_TOLERANCE = 3.0
# Header and footer live in this share of the page height at its top and bottom.
MARGIN_SHARE = 0.10
# The narrowest empty vertical band (points) read as the gap between two columns;
# the space between words of a line is a few points.
MIN_GUTTER = 12.0
# Each side of a gutter must hold this many lines for the page to have two columns.
MIN_COLUMN_LINES = 3
# A line starting this far (points) right of its column's edge is indented.
MIN_INDENT = 3.0
# A space is about this share of the font size wide in the usual fonts.
SPACE_SHARE = 0.3
# A PDF ends with "%%EOF" within its last kilobyte.
EOF_WINDOW = 1024

# Titles that PDF writers fill in when the author gave none (reportlab: "untitled").
PLACEHOLDER_TITLES = {"untitled", "untitled document", "no title"}

_URL = re.compile(r"https?://\S+")
_PAGE_NUMBER = re.compile(r"\bpage\s+\d+(?:\s+of\s+\d+)?\b|^\s*\d+(?:\s*(?:/|of)\s*\d+)?\s*$", re.I)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    font: str
    size: float


@dataclass(frozen=True)
class PdfPage:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]


@dataclass(frozen=True)
class TextLine:
    """Words standing on one line of one column, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


@dataclass(frozen=True)
class PlacedLine:
    """A body line in reading order, with the edges of the column it is in."""

    line: TextLine
    page: int
    number: int  # among the page's body lines, 1-based
    column_left: float
    column_right: float


@dataclass(frozen=True)
class PageFurniture:
    """What the running header and footer say."""

    title: str
    url: str


def read_pages(data: bytes, source: str) -> tuple[list[PdfPage], dict]:
    """Every page's words and the document's metadata; a PDF that cannot be
    read is a `PipelineError`, never a pdfminer traceback."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise PipelineError("is a truncated PDF: it does not end with the %%EOF marker "
                            "(was the download cut short?).", source=source)

    def failure(exc: Exception, page: int | None = None) -> PipelineError:
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            return PipelineError("is an encrypted PDF that cannot be opened without its password; "
                                 "save an unencrypted copy in the raw folder.", source=source, page=page)
        detail = str(cause).strip() or "no detail"
        return PipelineError(f"is not a readable PDF ({cause.__class__.__name__}: {detail}).",
                             source=source, page=page)

    pages: list[PdfPage] = []
    reading_pages = False
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            metadata = dict(pdf.metadata or {})
            reading_pages = True
            for number, page in enumerate(pdf.pages, start=1):
                words = page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                           extra_attrs=["fontname", "size"])
                pages.append(PdfPage(number, float(page.width), float(page.height), tuple(
                    Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                         str(w.get("fontname", "")), round(float(w.get("size", 0.0)), 1))
                    for w in words)))
                page.close()  # frees the page's parsed layout: memory stays flat over long files
    except Exception as exc:  # pdfminer raises many kinds; all mean "unreadable"
        raise failure(exc, len(pages) + 1 if reading_pages else None) from None
    if not pages:
        raise PipelineError("is a PDF with no pages.", source=source)
    if not any(p.words for p in pages):
        raise PipelineError(f"is a PDF with no text layer: none of its {len(pages)} page(s) holds text "
                            "(a scanned image needs OCR before it can be read).", source=source)
    return pages, metadata


def group_lines(words: Sequence[Word]) -> list[TextLine]:
    """Words to lines by their top, top to bottom, each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(word.top - lines[-1][0].top) <= LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [TextLine(tuple(sorted(line, key=lambda w: w.x0))) for line in lines]


def in_margin(line: TextLine, page: PdfPage) -> bool:
    band = page.height * MARGIN_SHARE
    return line.bottom <= band or line.top >= page.height - band


def furniture_text(text: str) -> str:
    """A margin line without its address and page number: what is left is a title."""
    return _PAGE_NUMBER.sub("", _URL.sub("", text)).strip()


def _masked(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().casefold())


def body_size(lines: Sequence[TextLine], page: PdfPage) -> float:
    sizes = Counter(w.size for line in lines if not in_margin(line, page) for w in line.words)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def running_lines(pages: Sequence[PdfPage], page_lines: Sequence[list[TextLine]],
                  metadata_title: str) -> list[set[int]]:
    """Per page, the indexes of its lines that are running header or footer.

    A line in the top or bottom margin is one when it is only an address and/or
    a page number, when it stands in the margin of every page (numbers aside),
    when it is the document's title, or when it is set in another size than the
    page's body text.
    """
    margin_texts = [{_masked(l.text) for l in lines if in_margin(l, page)}
                    for page, lines in zip(pages, page_lines)]
    on_every_page = set.intersection(*margin_texts) if len(pages) > 1 else set()
    title = metadata_title.strip().casefold()
    running: list[set[int]] = []
    for page, lines in zip(pages, page_lines):
        size = body_size(lines, page)
        running.append({
            i for i, line in enumerate(lines)
            if in_margin(line, page) and (
                not furniture_text(line.text)
                or _masked(line.text) in on_every_page
                or (title and line.text.strip().casefold() == title)
                or any(w.size != size for w in line.words))})
    return running


def read_furniture(page_lines: Sequence[list[TextLine]], running: Sequence[set[int]],
                   metadata: dict) -> PageFurniture:
    """Title from the running header (else the metadata), address from the
    header or footer (else the metadata, else "")."""
    furniture = [page_lines[p][i] for p in range(len(page_lines)) for i in sorted(running[p])]
    titles = [furniture_text(line.text) for line in furniture if furniture_text(line.text)]
    urls = [m.group(0) for line in furniture for m in [_URL.search(line.text)] if m]
    meta_urls = [m.group(0) for value in metadata.values() if isinstance(value, str)
                 for m in [_URL.search(value)] if m]
    title = titles[0] if titles else metadata_title(metadata)
    return PageFurniture(title=title, url=(urls or meta_urls or [""])[0])


def metadata_title(metadata: dict) -> str:
    title = metadata.get("Title")
    title = title.strip() if isinstance(title, str) else ""
    return "" if title.casefold() in PLACEHOLDER_TITLES else title


def find_gutter(lines: Sequence[TextLine]) -> float | None:
    """The x of the middle of the widest empty vertical band between the words,
    when each side holds enough lines to be a column; None for one column.

    One or two words wider than much of the page (an address left in the
    body) would bridge the gutter: when no gutter is found, it is looked for
    again without them.
    """
    spans = sorted((w.x0, w.x1) for line in lines for w in line.words)
    gutter = _widest_gap(lines, spans)
    if gutter is None and spans:
        width = max(x1 for _, x1 in spans) - min(x0 for x0, _ in spans)
        narrow = [(x0, x1) for x0, x1 in spans if x1 - x0 <= WIDE_WORD_SHARE * width]
        if 0 < len(spans) - len(narrow) <= MAX_BRIDGING_WORDS:
            gutter = _widest_gap(lines, narrow)
    return gutter


def _widest_gap(lines: Sequence[TextLine], spans: Sequence[tuple[float, float]]) -> float | None:
    if not spans:
        return None
    gaps: list[tuple[float, float]] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= MIN_GUTTER:
            gaps.append((x0 - reach, (reach + x0) / 2))
        reach = max(reach, x1)
    for _, middle in sorted(gaps, reverse=True):
        # Lines at one height in both columns are grouped as one line, so a
        # side counts the lines that have words on it.
        left = sum(1 for line in lines if any(w.x1 < middle for w in line.words))
        right = sum(1 for line in lines if any(w.x0 > middle for w in line.words))
        if left >= MIN_COLUMN_LINES and right >= MIN_COLUMN_LINES:
            return middle
    return None


def page_columns(words: Sequence[Word]) -> list[list[TextLine]]:
    """A page's body as its columns, left first, each a list of lines top to bottom."""
    gutter = find_gutter(group_lines(words))
    if gutter is None:
        return [group_lines(words)]
    # By where a word starts: one that runs across the gutter belongs to the column it begins in.
    left = [w for w in words if w.x0 < gutter]
    right = [w for w in words if w.x0 >= gutter]
    return [group_lines(side) for side in (left, right) if side]


def reading_order(pages: Sequence[PdfPage], page_lines: Sequence[list[TextLine]],
                  running: Sequence[set[int]]) -> list[PlacedLine]:
    placed: list[PlacedLine] = []
    for page, lines, skip in zip(pages, page_lines, running):
        body = [w for i, line in enumerate(lines) if i not in skip for w in line.words]
        number = 0
        for column in page_columns(body):
            left, right = min(l.x0 for l in column), max(l.x1 for l in column)
            for line in column:
                number += 1
                placed.append(PlacedLine(line, page.number, number, left, right))
    return placed


def continues(previous: PlacedLine, current: PlacedLine) -> bool:
    """Whether `current` carries on `previous`, wrapped for want of room: it is
    indented, in the same font, and its first word would not have fitted at
    the end of `previous`."""
    first, last = current.line.words[0], previous.line.words[-1]
    indented = current.line.x0 - current.column_left >= MIN_INDENT
    same_font = (first.font, first.size) == (last.font, last.size)
    room = previous.column_right - previous.line.x1
    needed = SPACE_SHARE * first.size + (first.x1 - first.x0)
    return indented and same_font and needed > room


def join_wrapped(placed: Sequence[PlacedLine], source: str) -> list[SourceLine]:
    """Lines with their wrapped continuations joined back, each at the page
    and number of its first part."""
    joined: list[tuple[str, PlacedLine]] = []
    previous: PlacedLine | None = None
    for current in placed:
        if previous is not None and joined and continues(previous, current):
            text, start = joined[-1]
            joined[-1] = (f"{text} {current.line.text}", start)
        else:
            joined.append((current.line.text, current))
        previous = current
    return [SourceLine(text, SourceRef(source, start.number, start.page)) for text, start in joined]


def extract_pdf(data: bytes, source: str, sha256: str) -> Extraction:
    """Read a PDF listing into one document and its contact blocks."""
    pages, metadata = read_pages(data, source)
    page_lines = [group_lines(page.words) for page in pages]
    running = running_lines(pages, page_lines, metadata_title(metadata))
    furniture = read_furniture(page_lines, running, metadata)
    lines = join_wrapped(reading_order(pages, page_lines, running), source)
    texts = [line.text for line in lines]
    kind = CONTACT_LISTING if is_listing(texts) else PROSE
    published_text = find_published(texts)
    document = SourceDocument(
        source=source, sha256=sha256, form="pdf", kind=kind, url=furniture.url,
        title=furniture.title, published=parse_date(published_text), published_text=published_text,
        # A PDF is read by pages, so a document's span is its pages: 1 to the page count.
        first_line=1, last_line=len(pages))
    blocks = build_contact_blocks(lines, furniture.url) if kind == CONTACT_LISTING else []
    return Extraction((document,), (), tuple(blocks))
