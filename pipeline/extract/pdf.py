"""Extractor for a PDF, as browsers and word processors print them.

Reader: `read_pdf(data, source) -> Pages` (`pipeline.extract.model`); the
assembler reads the pages (`pipeline.extract.assemble`).

A PDF has no lines, only words at positions. The reader rebuilds them in
four steps:

1. Pages: pdfplumber's words with their font and size, read in one pass with
   the page's rulings (table borders) and small shapes (list bullets that a
   browser draws instead of typing). A page whose text runs sideways (its
   /Rotate, or text set at an angle) is turned upright first.
2. Running header and footer (date, title, address, "Page 2 of 5") are set
   aside; they give the document's title and address.
3. Layout: each page is cut into regions, recursively: at an empty vertical
   band (a gutter between columns or table cells) or at an empty horizontal
   band or a ruling (between paragraphs or table rows). Columns are read one
   after the other; a table is read row by row, so a row's cells stay
   together. Lines a narrow column wrapped are joined back.
4. Pages of the document model: each line with its marks (bold or larger
   type, a list item), the running lines as furniture. The assembler every
   form shares reads documents, list entries and contact blocks from them.

A line's `SourceRef` gives its page and its number among the page's lines in
reading order, counted from 1; the running header and footer are not counted.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pipeline.errors import PipelineError
from pipeline.extract.assemble import assemble
from pipeline.extract.lines import BOILERPLATE, LABEL_SYNONYMS, classify_line
from pipeline.extract.model import Line as ModelLine, Page, Pages
from pipeline.extract.sheet import PrintedPage, read_sheet
from pipeline.records import Extraction, SourceRef
from pipeline.text import parse_place

# Header and footer live in this share of the page height at its top and
# bottom, or among this many lines at the top and bottom of each page.
MARGIN_SHARE = 0.10
EDGE_LINES = 3
# An empty vertical band at least this wide (in em of the body text) separates
# columns or table cells; the space between two words is about a quarter em.
GUTTER_EM = 0.8
# A table without borders keeps its cells apart by their padding alone, which
# can be narrower than GUTTER_EM next to its widest cell; an empty band at least
# this wide (well over a space) is a gutter when a column's words line up at its
# right edge (within EDGE_TOLERANCE points: the same x, as a printer sets a cell).
NARROW_GUTTER_EM = 0.5
EDGE_TOLERANCE = 0.5
# A page is a monospaced print when this share of its words are as wide as their
# letters times one cell, within CELL_SLACK of it.
MONOSPACED_SHARE = 0.95
CELL_SLACK = 0.02
# A gutter is wider than this many of the page's own word spaces (a monospaced
# print's spaces are 0.6 em wide, and its words line up in columns by themselves).
GUTTER_SPACES = 1.5
# A narrow gutter must have two lines at least with words on both sides: one
# line alone may be justified text; a gap this wide is a gutter even so.
WIDE_GUTTER_EM = 1.6
# An empty horizontal band at least this high (in em) separates paragraphs or
# table rows; lines of one paragraph stand about a tenth of an em apart.
PARAGRAPH_EM = 0.4
# A vertical border is at least this high (points): shorter ones are the ends
# of underlines and other small shapes.
MIN_WALL = 6.0
# One or two words may run across a gutter (an address too long for its
# column) when the columns beside it hold this many lines side by side.
MAX_BRIDGING_WORDS = 2
MIN_COLUMN_LINES = 3
# A column's left edge, where at least MIN_EDGE_STARTS words start, is a gutter even
# when words of the column before run across it, if they are no more than this share of them.
MIN_EDGE_STARTS = 8
EDGE_CROSSING_SHARE = 0.15
# A ruling spanning this share of a region's width is a border between rows.
RULING_SHARE = 0.8
# A word processor draws a link's underline as a ruling at most this share of
# the line's height under its text, and no more than this many points wider.
UNDERLINE_DROP = 0.35
UNDERLINE_REACH = 1.0
# A word belongs to a line when its vertical middle lies inside the height of
# the line's first word, widened by this share of it (sub- and superscripts).
LINE_SLACK = 0.25
# A space is about this share of the font size wide in the usual fonts.
SPACE_EM = 0.3
# Two glyphs stand in two words when the gap between them is at least this share
# of their font size (pdfplumber's x_tolerance_ratio), whether or not the PDF
# writes a space glyph there (print drivers, groff and TeX place glyphs without
# one): spaces are 0.2 em (condensed faces) to 0.33 em (TeX) wide and shrink to
# about 0.22 em in justified TeX lines, while kerning moves glyphs by hundredths
# of an em. A fixed gap in points glues the words of small type (7 pt Times
# sets a 1.75 pt space) and parts those of large.
WORD_GAP_EM = 0.15
# A justified line stretches its word spaces alike: gaps within this many em
# of each other on one line are its word spaces, however wide.
JUSTIFIED_EM = 0.15
# The lines of one heading stand at most this many em of its own size apart.
HEADING_GAP_EM = 0.6
LEADING_SLACK = 0.1
# Two sizes within this share of each other are one size.
SIZE_SLACK = 0.03
# A heading set larger than the body is at least this many times its size.
LARGER = 1.1
# A bullet drawn as a shape is no larger than this many em, and stands at most
# this many em left of its item.
MARK_EM = 0.7
MARK_REACH_EM = 3.0
# Shapes outside these sizes (points) are no bullet: rulings, borders, images.
MIN_MARK, MAX_MARK = 1.5, 12.0
# A list item's wrapped lines start at its text's left edge (the hanging
# indent), within this many em; the bullet stands further left.
HANGING_EM = 0.5
# Characters that mark a list item when they stand alone before its text.
# (\uf0b7 and \uf0a7 are the Symbol and Wingdings bullets word processors use.)
BULLET_GLYPHS = frozenset("•◦▪▫‣⁃●○■□◆◇–-*·\uf0b7\uf0a7")
# Every this many characters of a page are enough to tell which way its text runs.
TURN_SAMPLE = 8
# Images over this share of a page without text make it a scan.
SCAN_SHARE = 0.25
# A page where this share of the characters has no Unicode mapping is unreadable.
UNMAPPED_SHARE = 0.5
# A PDF ends with "%%EOF" within its last kilobyte.
EOF_WINDOW = 1024
# Titles that PDF writers fill in when the author gave none (reportlab: "untitled").
PLACEHOLDER_TITLES = {"untitled", "untitled document", "no title"}
# The hyphens a printer breaks a word with at a line's end: ASCII, U+2010 (CSS `hyphens:
# auto`), the soft hyphen and the non-breaking hyphen.
HYPHENS = ("-", "\u2010", "\u00ad", "\u2011")
_HYPHEN_FORMS = re.compile("[\u2010\u00ad\u2011]")
# Words a heading does not end with: a line ending in one goes on in the next.
_JOINING_WORDS = frozenset({"and", "of", "for", "the", "in", "on", "to"})
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")
# Fonts of symbols and dingbats: TeX's math symbols (CMSY), Symbol, ZapfDingbats, Wingdings.
_SYMBOL_FONT = re.compile(r"cmsy|symbol|dingbat|wingding", re.I)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
# An address ending in a one-letter domain label was cut short: no domain ends so.
_ONE_LETTER_LABEL = re.compile(r"\.[a-z]$", re.I)
_URL = re.compile(r"(?:https?|file)://\S+")
_ADDRESS_LINE = re.compile(r"^<(?P<url>https?://[^\s<>]+)>$")
_PAGE_NUMBER_END = re.compile(r"(?:^|\s)(?:page\s+)?(?P<n>\d+)(?:\s*(?:/|of)\s*\d+)?$", re.I)
# Chromium's header starts with the date and time it printed: "9/30/15, 10:00 AM".
_PRINT_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\s*", re.I)


@dataclass(frozen=True)
class Word:
    """A word on the page: its text, its box (points, top down) and its font."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    font: str
    size: float

    @property
    def bold(self) -> bool:
        """Whether the word's font is a bold (or heavier) face."""
        return bool(_BOLD.search(self.font.rpartition("+")[2]))


@dataclass(frozen=True)
class Box:
    """A shape or ruling on the page, in the same coordinates as the words."""

    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class PdfPage:
    """One page, upright: its size, words and the shapes the layout needs."""

    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    rulings: tuple[Box, ...]  # horizontal borders (between table rows)
    walls: tuple[Box, ...]  # vertical borders (between table cells)
    marks: tuple[Box, ...]  # small shapes: bullets drawn, not typed
    edges: tuple[float, ...] = ()  # left edges of columns: where MIN_COLUMN_LINES words or more start
    space: float = 0.0  # the page's own word space: the median gap between words of a line (points)
    cell: float = 0.0  # the width of every glyph when the page is set in one monospaced font, else 0


@dataclass(frozen=True)
class TextLine:
    """Words standing on one line of one region, left to right."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        """The words joined by single spaces."""
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        """The left edge of the first word."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """The right edge of the rightmost word."""
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        """The top of the highest word."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        """The bottom of the lowest word."""
        return max(w.bottom for w in self.words)


@dataclass(frozen=True)
class Line:
    """A line of text in reading order, wrapped parts joined back."""

    text: str
    ref: SourceRef
    styled: bool  # bold or larger than the body: the document marks it as a heading
    bullet: bool  # a list item: a bullet glyph or shape stood before it
    cells: tuple[str, ...] = ()  # a printed sheet's row: its cells (`sheet.read_sheet`)
    header: bool = False  # the sheet's header row
    x0: float = 0.0  # where its first line starts on the page, and its top
    top: float = 0.0
    read_on: int = 0  # the page it is read with, where not its own (a table cell's end on the next page)


# --- 1. Pages -----------------------------------------------------------------

def read_pages(data: bytes, source: str) -> tuple[list[PdfPage], dict]:
    """Every page's words, rulings and bullet shapes, and the document's
    metadata; a PDF or page that cannot be read is a `PipelineError`."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise PipelineError("is a truncated PDF: it does not end with the %%EOF marker "
                            "(was the download cut short?).", source=source)

    def failure(exc: Exception, page: int | None = None) -> PipelineError:
        """The one-line error for what pdfminer raised (an encrypted PDF is told apart)."""
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
                pages.append(read_page(page, number, source))
                page.close()  # frees the page's parsed layout: memory stays flat over long files
    except PipelineError:
        raise
    except Exception as exc:  # pdfminer raises many kinds; all mean "unreadable"
        raise failure(exc, len(pages) + 1 if reading_pages else None) from None
    if not pages:
        raise PipelineError("is a PDF with no pages.", source=source)
    if not any(p.words for p in pages):
        raise PipelineError(f"is a PDF with no text layer: none of its {len(pages)} page(s) holds text "
                            "(a scanned image needs OCR before it can be read).", source=source, page=1)
    return pages, metadata


def read_page(page, number: int, source: str) -> PdfPage:
    """One page, upright: words, horizontal rulings, bullet shapes."""
    chars = page.chars
    turn = text_turn(chars)
    width, height = float(page.width), float(page.height)
    if turn:
        words = turned_words(chars, turn, width, height)
    else:
        words = [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                      str(w.get("fontname", "")), round(float(w.get("size", 0.0)), 1))
                 for w in page.extract_words(extra_attrs=["fontname", "size"], x_tolerance_ratio=WORD_GAP_EM)]
    # Shapes are turned with the text: a browser draws its bullets, and a
    # table its borders, on a turned page as on any other.
    edges = [turned_box(e, turn, width, height) for e in page.edges if e.get("orientation") in ("h", "v")]
    text_lines = group_lines(words)
    rulings = tuple(e for e in edges if e.x1 - e.x0 > e.bottom - e.top and not underlines(e, text_lines))
    walls = tuple(e for e in edges if e.x1 - e.x0 <= e.bottom - e.top and e.bottom - e.top >= MIN_WALL)
    marks = tuple(box for box in (turned_box(s, turn, width, height) for s in page.curves + page.rects)
                  if is_dot(box.x1 - box.x0, box.bottom - box.top))
    if turn in (90, 270):
        width, height = height, width
    check_page_text(page, chars, words, number, source)
    return PdfPage(number, width, height, tuple(words), rulings, walls, marks, column_edges(words),
                   word_space(text_lines), monospaced_cell(words))


def monospaced_cell(words: Sequence[Word]) -> float:
    """The advance of every glyph when the page's words are all set in cells of one width
    (a monospaced print: each word as wide as its letters times the cell, within CELL_SLACK),
    else 0."""
    widths = [(w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= 3]
    if len(widths) < MIN_COLUMN_LINES:
        return 0.0
    cell = sorted(widths)[len(widths) // 2]
    inside = sum(1 for x in widths if abs(x - cell) <= CELL_SLACK * cell)
    return cell if inside >= MONOSPACED_SHARE * len(widths) else 0.0


def word_space(lines: Sequence[TextLine]) -> float:
    """The page's own word space: the median gap between neighbouring words of a line, of the
    gaps under one em of their type (wider ones may be gutters). A monospaced print's space is
    0.6 em, where a proportional font's is a quarter em."""
    gaps = sorted(b.x0 - a.x1 for line in lines for a, b in zip(line.words, line.words[1:])
                  if 0 < b.x0 - a.x1 < max(a.size, b.size))
    return gaps[len(gaps) // 2] if gaps else 0.0


def underlines(ruling: Box, lines: Sequence[TextLine]) -> bool:
    """Whether a ruling is a link's underline, not a border: it lies just
    under a line's text and no wider than it (a border reaches past the text
    by the cell's padding)."""
    return any(line.x0 - UNDERLINE_REACH <= ruling.x0 and ruling.x1 <= line.x1 + UNDERLINE_REACH
               and line.top < ruling.top <= line.bottom + UNDERLINE_DROP * (line.bottom - line.top)
               for line in lines)


def is_dot(width: float, height: float) -> bool:
    """Whether a shape could be a bullet: small, and about as wide as high."""
    return MIN_MARK <= width <= MAX_MARK and MIN_MARK <= height <= MAX_MARK and 0.5 <= width / height <= 2


def check_page_text(page, chars: Sequence[dict], words: Sequence[Word], number: int, source: str) -> None:
    """Refuse a page that gives no usable text: a scan, or fonts without a Unicode map."""
    if not words:
        area = float(page.width) * float(page.height)
        covered = sum((i["x1"] - i["x0"]) * (i["bottom"] - i["top"]) for i in page.images)
        if area and covered >= SCAN_SHARE * area:
            raise PipelineError("has no text layer on this page: it is an image (a scan needs OCR "
                                "before it can be read).", source=source, page=number)
        return
    unmapped = sum(1 for c in chars if c["text"].startswith("(cid:"))
    if unmapped >= UNMAPPED_SHARE * len(chars):
        raise PipelineError("has text on this page that cannot be decoded (its fonts carry no "
                            "Unicode map).", source=source, page=number)


def char_turn(char: dict) -> int:
    """How far a character is turned from upright, in degrees clockwise on the page: 0, 90, 180 or 270."""
    a, b = char["matrix"][0], char["matrix"][1]
    if abs(a) >= abs(b):
        return 0 if a > 0 else 180
    return 90 if b < 0 else 270


def text_turn(chars: Sequence[dict]) -> int:
    """The turn of most of the page's text (0 when it is upright)."""
    turns = Counter(char_turn(c) for c in chars[::TURN_SAMPLE])
    return turns.most_common(1)[0][0] if turns else 0


def turned_box(thing: dict, turn: int, width: float, height: float) -> Box:
    """The box of a character or shape on a page of `width` and `height`, in
    the coordinates of that page turned back by `turn` degrees (upright text)."""
    x0, x1, top, bottom = float(thing["x0"]), float(thing["x1"]), float(thing["top"]), float(thing["bottom"])
    if turn == 90:  # text reads downward: the first line is at the right
        return Box(top, bottom, width - x1, width - x0)
    if turn == 270:  # text reads upward: the first line is at the left
        return Box(height - bottom, height - top, x0, x1)
    if turn == 180:
        return Box(width - x1, width - x0, height - bottom, height - top)
    return Box(x0, x1, top, bottom)


def turned_words(chars: Sequence[dict], turn: int, width: float, height: float) -> list[Word]:
    """Words of text turned by `turn` degrees, in the coordinates of the page
    turned back so that the text is upright; text at other angles is left out."""
    from pdfplumber.utils.text import extract_words

    upright = []
    for c in chars:
        if char_turn(c) != turn:
            continue
        box = turned_box(c, turn, width, height)
        upright.append({**c, "x0": box.x0, "x1": box.x1, "top": box.top, "bottom": box.bottom,
                        "doctop": box.top, "upright": True, "size": box.bottom - box.top})
    return [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                 str(w.get("fontname", "")), round(float(w.get("size", 0.0)), 1))
            for w in extract_words(upright, extra_attrs=["fontname", "size"], x_tolerance_ratio=WORD_GAP_EM)]


# --- 2. Running header and footer ----------------------------------------------

def group_lines(words: Iterable[Word]) -> list[TextLine]:
    """Words to lines, top to bottom, each line left to right: a word is on a
    line when its middle lies within the height of the line's first word
    (columns whose lines stand at other heights never chain into one)."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            first = lines[-1][0]
            slack = LINE_SLACK * (first.bottom - first.top)
            if first.top - slack <= (word.top + word.bottom) / 2 <= first.bottom + slack:
                lines[-1].append(word)
                continue
        lines.append([word])
    return [TextLine(tuple(sorted(line, key=lambda w: w.x0))) for line in lines]


def body_size(pages: Sequence[PdfPage]) -> float:
    """The size most of the document's characters are set in."""
    sizes = Counter()
    for page in pages:
        for w in page.words:
            sizes[w.size] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def in_margin(line: TextLine, page: PdfPage) -> bool:
    """Whether the line stands in the top or bottom MARGIN_SHARE of the page."""
    band = page.height * MARGIN_SHARE
    return line.bottom <= band or line.top >= page.height - band


def furniture_text(text: str, pages: int) -> str:
    """A margin line without its print date, address and page number: what is left is a title."""
    text = " ".join(_URL.sub(" ", _PRINT_DATE.sub("", text.strip())).split())
    m = _PAGE_NUMBER_END.search(text)
    if m and int(m.group("n")) <= pages:
        text = text[:m.start()]
    return text.strip()


def running_lines(pages: Sequence[PdfPage], page_lines: Sequence[list[TextLine]],
                  title: str, size: float) -> list[set[int]]:
    """Per page, the indexes of its lines that are running header or footer.

    They stand in the page's margin, or are the first or last lines of the
    page (word processors set their header and footer inside wider margins).
    Such a line is running when it is the same at the edge of every page
    (its page number and address aside), when it is the document's title,
    when it is a page number, a print date or an address beside another
    running line, or when it stands in the margin set smaller than the body.
    """
    count = len(pages)
    keys = [{furniture_text(lines[i].text, count).casefold() for i in outermost(page, lines)}
            for page, lines in zip(pages, page_lines)]
    repeated = set.intersection(*keys) - {""} if count > 1 else set()
    title = title.strip().casefold()
    running: list[set[int]] = []
    for page, lines in zip(pages, page_lines):
        found = {i for i in outermost(page, lines) if is_running(lines[i], page, count, size, title, repeated)}
        for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):  # inward from each edge
            for step, i in enumerate(order):
                if i in found:
                    continue
                if step >= EDGE_LINES or not (step and order[step - 1] in found) \
                        or furniture_text(lines[i].text, count):
                    break
                found.add(i)  # a bare address or date beside a running line
        running.append(found)
    return running


def outermost(page: PdfPage, lines: Sequence[TextLine]) -> set[int]:
    """The first and last lines of a page and those in its margins."""
    return {0, len(lines) - 1} & set(range(len(lines))) | {i for i, l in enumerate(lines) if in_margin(l, page)}


def is_running(line: TextLine, page: PdfPage, count: int, size: float, title: str, repeated: set[str]) -> bool:
    """Whether an edge line is running header or footer (see `running_lines`)."""
    text = line.text.strip()
    key = furniture_text(text, count).casefold()
    if key in repeated or (title and text.casefold() == title):
        return True
    if not key:  # only a print date, an address and a page number
        return _PAGE_NUMBER_END.search(text) is not None or all(w.size < size for w in line.words)
    return in_margin(line, page) and all(w.size < size for w in line.words)


def metadata_title(metadata: dict) -> str:
    """The metadata's title, or "" when there is none or a writer's placeholder."""
    title = metadata.get("Title")
    title = title.strip() if isinstance(title, str) else ""
    return "" if title.casefold() in PLACEHOLDER_TITLES else title


def metadata_url(metadata: dict) -> str:
    """The first address in any metadata value (a browser puts the page's there), or ""."""
    urls = [m.group(0) for value in metadata.values() if isinstance(value, str) for m in [_URL.search(value)] if m]
    return urls[0] if urls else ""


# --- 3. Layout -------------------------------------------------------------------

def cut(words: Sequence[Word], page: PdfPage, em: float) -> list[list[Word]]:
    """A region's words as its smallest regions, in reading order.

    Columns are read one after the other; but when the region's paragraphs
    stand in rows (rows ruled off, or each cell of each row one paragraph),
    it is a table and is read row by row, so no value leaves its row.
    """
    lines = group_lines(words)
    gutters = walled(words, find_gutters(words, page.walls, em, page.edges, page.space)
                     or bridged_gutters(words, page.walls, em, page.edges, page.space)
                     or edge_gutters(words, page.edges), page.walls)
    bands = split_bands(lines, page.rulings, em)
    if gutters and not (len(bands) > 1 and is_table(bands, gutters, page.rulings, em)):
        parts = sections(bands, page.walls, em, page.edges, page.space) if len(bands) > 1 else []
        if len(parts) > 1:  # text across the page above or below columns: read each run on its own
            return [region for part in parts for region in cut([w for l in part for w in l.words], page, em)]
        slabs, tail = peel_tail(split_slabs(words, gutters), em)
        return [region for slab in slabs for region in cut(slab, page, em)] + ([tail] if tail else [])
    if len(bands) == 1:
        return [list(words)]
    if gutters:  # a table: row by row, each row cut at the table's own gutters
        return [region for band in bands for cell in split_slabs([w for l in band for w in l.words], gutters)
                for region in cut(cell, page, em)]
    # Runs of bands that share a gutter (a footer across the columns below
    # them must not cut the columns apart).
    return [region for part in sections(bands, page.walls, em, page.edges, page.space)
            for region in cut([w for l in part for w in l.words], page, em)]


def walled(words: Sequence[Word], gutters: Sequence[float], walls: Sequence[Box]) -> list[float]:
    """The gutters of a region whose cells are drawn: where a border stands in some of its
    gutters (over half the region's height), only those. A wide space inside a drawn cell (a
    justified line's, a label's tab stop) is no gutter: the cell's borders say where it ends."""
    if not walls or not gutters:
        return list(gutters)
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)

    def bordered(left: float, right: float) -> bool:
        # A table draws a border row by row: the pieces at one x are one border.
        reach: Counter = Counter()
        for w in walls:
            if left - EDGE_TOLERANCE <= w.x0 <= right + EDGE_TOLERANCE:
                reach[round(w.x0)] += max(0.0, min(w.bottom, bottom) - max(w.top, top))
        return any(length >= (bottom - top) / 2 for length in reach.values())

    kept = [g for g in gutters if bordered(max((w.x1 for w in words if w.x1 <= g), default=g),
                                           min((w.x0 for w in words if w.x0 >= g), default=g))]
    # Words inside one drawn cell (borders on both sides, none between): no gutter at all.
    boxed = bordered(-float("inf"), min(w.x0 for w in words)) and bordered(max(w.x1 for w in words), float("inf"))
    return kept if kept or boxed else list(gutters)


def sections(bands: Sequence[list[TextLine]], walls: Sequence[Box], em: float,
             edges: Sequence[float] = (), space: float = 0.0) -> list[list[TextLine]]:
    """Consecutive bands joined while together they still have a gutter."""
    runs: list[list[TextLine]] = [list(bands[0])]
    for band in bands[1:]:
        joined = runs[-1] + band
        if find_gutters([w for l in joined for w in l.words], walls, em, edges, space):
            runs[-1] = joined
        else:
            runs.append(list(band))
    return runs


def find_gutters(words: Sequence[Word], walls: Sequence[Box], em: float,
                 edges: Sequence[float] = (), space: float = 0.0) -> list[float]:
    """The middles of the empty vertical bands between the region's words that
    are at least GUTTER_EM wide or hold a cell's border (over half the region's
    height), or at least NARROW_GUTTER_EM wide before one of the page's column
    `edges` (a table without borders, next to its widest cell). A band that every line crossing it enters after a label ("Phone:")
    or a bullet is a tab stop, not a gutter."""
    spans = sorted(words, key=lambda w: w.x0)
    gutters: list[float] = []
    if not spans:
        return gutters
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)
    lines: list[TextLine] | None = None
    reach = spans[0].x1
    for word in spans[1:]:
        gap = word.x0 - reach
        if gap > 0 and gap >= GUTTER_SPACES * space and (
                gap >= WIDE_GUTTER_EM * em
                or gap >= GUTTER_EM * em and crossing_lines(words, reach, word.x0) >= 2
                or gap >= NARROW_GUTTER_EM * em and at_edge(edges, word.x0)
                or any(reach <= w.x0 <= word.x0 and min(w.bottom, bottom) - max(w.top, top) >= (bottom - top) / 2
                       for w in walls)):
            lines = lines if lines is not None else group_lines(words)
            if not tab_stop(lines, reach, word.x0) and not justified_space(lines, reach, word.x0, em):
                gutters.append((reach + word.x0) / 2)
        reach = max(reach, word.x1)
    return gutters


def column_edges(words: Sequence[Word]) -> tuple[float, ...]:
    """The x where MIN_COLUMN_LINES words or more start (within EDGE_TOLERANCE):
    the left edges of a page's columns, as the cells of a table line up."""
    starts = sorted(w.x0 for w in words)
    edges: list[float] = []
    i = 0
    while i < len(starts):
        j = i
        while j + 1 < len(starts) and starts[j + 1] - starts[i] <= EDGE_TOLERANCE:
            j += 1
        if j + 1 - i >= MIN_COLUMN_LINES:
            edges.append(starts[i])
        i = j + 1
    return tuple(edges)


def at_edge(edges: Sequence[float], x: float) -> bool:
    """Whether `x` is one of the column edges (within EDGE_TOLERANCE)."""
    return any(abs(edge - x) <= EDGE_TOLERANCE for edge in edges)


def tab_stop(lines: Sequence[TextLine], left: float, right: float) -> bool:
    """Whether every line that crosses the band from left to right enters it after a label or a bullet."""
    before = [max((w for w in line.words if w.x1 <= left), key=lambda w: w.x1) for line in lines
              if line.words[0].x1 <= left and line.words[-1].x0 >= right]
    return bool(before) and all(w.text.endswith(":") or w.text in BULLET_GLYPHS or is_symbol_glyph(w)
                                for w in before)


def justified_space(lines: Sequence[TextLine], left: float, right: float, em: float) -> bool:
    """Whether the band is a word space of justified lines: every line that crosses it, and has
    two gaps or more, spreads its gaps evenly (within JUSTIFIED_EM), this one among them. A
    gutter stands apart from a line's word spaces; a justified line stretches all of them alike."""
    even = 0
    for line in lines:
        if not (line.words[0].x1 <= left and line.words[-1].x0 >= right):
            continue
        gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:])]
        if len(gaps) < 2:
            continue
        if max(gaps) - min(gaps) > JUSTIFIED_EM * em:
            return False
        even += 1
    return even > 0


def bridged_gutters(words: Sequence[Word], walls: Sequence[Box], em: float,
                    edges: Sequence[float] = (), space: float = 0.0) -> list[float]:
    """Gutters that one or two words run across (an address too wide for its column, a line
    TeX set overfull): found without them, when the columns beside them hold MIN_COLUMN_LINES
    lines each. The words tried are the widest, then those standing in a band at least
    GUTTER_EM wide that no more than MAX_BRIDGING_WORDS words cover."""
    widest = sorted(words, key=lambda w: w.x1 - w.x0, reverse=True)
    tries = [widest[:count] for count in range(1, MAX_BRIDGING_WORDS + 1)]
    tries += [bridging for bridging in bridging_words(words, em) if overflows(bridging, words, edges)]
    for bridging in tries:
        rest = [w for w in words if w not in bridging]
        gutters = [g for g in find_gutters(rest, walls, em, edges, space)
                   if crossing_lines(rest, g, g) >= MIN_COLUMN_LINES]
        if gutters:
            return gutters
    return []


def edge_gutters(words: Sequence[Word], edges: Sequence[float]) -> list[float]:
    """Gutters before the left edge of a column that long words of the column before run
    across (narrow justified columns and their addresses): an edge where at least
    MIN_EDGE_STARTS words start and no more than EDGE_CROSSING_SHARE of that many words run
    across it, with text on both sides. The words that run across stay in their own column."""
    gutters = []
    left = min(w.x0 for w in words) if words else 0.0
    lines: list[TextLine] | None = None
    for edge in edges:
        if edge <= left + EDGE_TOLERANCE:
            continue
        starts = sum(1 for w in words if abs(w.x0 - edge) <= EDGE_TOLERANCE)
        across = sum(1 for w in words if w.x0 < edge - EDGE_TOLERANCE and w.x1 > edge + EDGE_TOLERANCE)
        # A column of text stands before it: not bullets or labels (a list's or a form's tab
        # stop), on the lines that start a word at the edge.
        lines = lines if lines is not None else group_lines(words)
        before = [max((w for w in line.words if w.x1 <= edge), key=lambda w: w.x1) for line in lines
                  if line.words[0].x1 <= edge and any(abs(w.x0 - edge) <= EDGE_TOLERANCE for w in line.words)]
        tab_stop = bool(before) and all(w.text.endswith(":") or w.text in BULLET_GLYPHS or is_symbol_glyph(w)
                                        for w in before)
        text_before = sum(1 for w in words if w.x1 <= edge and not (
            w.text.endswith(":") or w.text in BULLET_GLYPHS or is_symbol_glyph(w)))
        if (starts >= MIN_EDGE_STARTS and across <= EDGE_CROSSING_SHARE * starts and text_before >= MIN_EDGE_STARTS
                and not tab_stop):
            gutters.append(edge - EDGE_TOLERANCE)
    return gutters


def overflows(bridging: Sequence[Word], words: Sequence[Word], edges: Sequence[float]) -> bool:
    """Whether each word ends its column's line: nothing follows it on its line but the next
    column's text, which starts at a column edge (a heading across the page goes on in words)."""
    for b in bridging:
        after = [w for w in words if w.x0 >= b.x1 and min(w.bottom, b.bottom) > max(w.top, b.top)]
        if after and not at_edge(edges, min(after, key=lambda w: w.x0).x0):
            return False
    return True


def bridging_words(words: Sequence[Word], em: float) -> list[list[Word]]:
    """The sets of at most MAX_BRIDGING_WORDS words that alone cover a vertical band at least
    GUTTER_EM wide, by a sweep over the words' left and right edges."""
    events = sorted([(w.x0, 1, i) for i, w in enumerate(words)] + [(w.x1, -1, i) for i, w in enumerate(words)])
    active: set[int] = set()
    found: list[list[Word]] = []
    run_start, run_words = None, set()
    for k, (x, kind, i) in enumerate(events):
        if kind == 1:
            active.add(i)
        else:
            active.discard(i)
        following = events[k + 1][0] if k + 1 < len(events) else x
        if following <= x:
            continue
        if len(active) <= MAX_BRIDGING_WORDS and (active or run_start is not None):
            run_start = x if run_start is None else run_start
            run_words |= active
            if len(run_words) > MAX_BRIDGING_WORDS:
                run_start, run_words = x, set(active)
            if following - run_start >= GUTTER_EM * em and run_words:
                chosen = [words[j] for j in sorted(run_words)]
                if chosen not in found:
                    found.append(chosen)
        else:
            run_start, run_words = None, set()
    return found


def crossing_lines(words: Sequence[Word], left: float, right: float) -> int:
    """How many lines have words on both sides of the band from left to right."""
    return sum(1 for line in group_lines(words)
               if line.words[0].x1 <= left and line.words[-1].x0 >= right)


def peel_tail(slabs: list[list[Word]], em: float) -> tuple[list[list[Word]], list[Word]]:
    """Set apart lines a paragraph gap under the end of every other column and
    under the rest of their own, that hold no value: a page's footer below its columns is read after
    them, not between the first column and the next."""
    if len(slabs) < 2:
        return slabs, []
    lowest = max(range(len(slabs)), key=lambda k: max(w.bottom for w in slabs[k]))
    floor = max(w.bottom for k, slab in enumerate(slabs) if k != lowest for w in slab)
    lines = group_lines(slabs[lowest])
    # The highest paragraph start from which all lines stand a paragraph gap below the floor.
    start = None
    for j in range(len(lines) - 1, 0, -1):
        if lines[j].top - floor < PARAGRAPH_EM * em:
            break
        if lines[j].top - lines[j - 1].bottom >= PARAGRAPH_EM * em:
            start = j
    if start is None or any(is_value(line.text) and not BOILERPLATE.match(line.text.strip())
                            for line in lines[start:]):  # the page's closing lines hold no center's value
        return slabs, []
    tail = lines[start:]
    kept = [w for line in lines[:start] for w in line.words]
    return [kept if k == lowest else slab for k, slab in enumerate(slabs)], [w for l in tail for w in l.words]


def split_slabs(words: Sequence[Word], gutters: Sequence[float]) -> list[list[Word]]:
    """The words cut at the gutters into vertical slabs, left to right; empty slabs left out."""
    slabs: list[list[Word]] = [[] for _ in range(len(gutters) + 1)]
    for word in words:
        slabs[sum(1 for g in gutters if word.x0 > g)].append(word)
    return [s for s in slabs if s]


def split_bands(lines: Sequence[TextLine], rulings: Sequence[Box], em: float) -> list[list[TextLine]]:
    """Lines in runs separated by an empty band at least PARAGRAPH_EM high or by a ruling."""
    if not lines:
        return []
    left, right = min(l.x0 for l in lines), max(l.x1 for l in lines)
    bands: list[list[TextLine]] = [[lines[0]]]
    bottom = lines[0].bottom
    for line in lines[1:]:
        if line.top - bottom >= PARAGRAPH_EM * em or ruled_between(rulings, bottom, line.top, left, right):
            bands.append([])
        bands[-1].append(line)
        bottom = max(bottom, line.bottom)
    return bands


def ruled_between(rulings: Sequence[Box], top: float, bottom: float, left: float, right: float) -> bool:
    """Whether rulings between two heights span most of the width from left to right."""
    if bottom <= top:
        return False
    spans = sorted((max(r.x0, left), min(r.x1, right)) for r in rulings
                   if top <= r.top <= bottom and r.x1 > left and r.x0 < right)
    covered, reach = 0.0, left
    for x0, x1 in spans:
        if x1 > reach:
            covered += x1 - max(x0, reach)
            reach = x1
    return covered >= RULING_SHARE * (right - left)


def is_table(bands: Sequence[list[TextLine]], gutters: Sequence[float], rulings: Sequence[Box],
             em: float) -> bool:
    """Whether the bands are a table's rows: ruled off from each other, or
    each cell of each row one paragraph, in two rows at least."""
    lines = [line for band in bands for line in band]
    left, right = min(l.x0 for l in lines), max(l.x1 for l in lines)
    if any(ruled_between(rulings, a[-1].bottom, b[0].top, left, right) for a, b in zip(bands, bands[1:])):
        return True
    rows = 0
    for band in bands:
        cells = split_slabs([w for line in band for w in line.words], gutters)
        if any(len(split_bands(group_lines(cell), (), em)) > 1 for cell in cells):
            return False
        rows += len(cells) > 1
    return rows >= 2


# --- Reading order and wrapped lines ---------------------------------------------

@dataclass(frozen=True)
class Placed:
    """A line of a region with what joining needs to know."""

    line: TextLine
    number: int
    region_right: float
    gap_before: float  # empty height above it in its region; infinite for a region's first line
    bullet: bool
    item_indent: float | None  # where the text of the region's list items starts; None without items
    start: float = 0.0  # the left edge of the line as printed, its typed bullet included
    region_left: float = 0.0


def is_styled(line: TextLine, size: float) -> bool:
    """Whether the whole line is bold or set LARGER than the body `size`: a heading's style."""
    return all(w.bold for w in line.words) or min(w.size for w in line.words) >= LARGER * size


def bullet_start(line: TextLine, marks: Sequence[Box], em: float) -> tuple[bool, TextLine]:
    """Whether the line is a list item, and the line without its bullet glyph."""
    first = line.words[0]
    if (first.text in BULLET_GLYPHS or is_symbol_glyph(first)) and len(line.words) > 1:
        return True, TextLine(line.words[1:])
    if first.text[:1] in BULLET_GLYPHS - {"-", "–", "*"} and len(first.text) > 1:
        word = Word(first.text[1:].lstrip(), first.x0, first.x1, first.top, first.bottom, first.font, first.size)
        return True, TextLine((word, *line.words[1:]))
    for mark in marks:
        middle = (mark.top + mark.bottom) / 2
        if (mark.x1 - mark.x0 <= MARK_EM * em and line.top <= middle <= line.bottom
                and line.x0 - MARK_REACH_EM * em <= mark.x1 <= line.x0):
            return True, line
    return False, line


def same_type(a: Word, b: Word) -> bool:
    """Whether two words are set in one weight and one size (within SIZE_SLACK: a size
    written as a scale of the text matrix comes out a hair apart from glyph to glyph)."""
    return a.bold == b.bold and abs(a.size - b.size) <= SIZE_SLACK * max(a.size, b.size)


def is_symbol_glyph(word: Word) -> bool:
    """Whether a word is one glyph that a symbol font draws with no Unicode mapping (pdfminer's
    "(cid:136)"), or one glyph of a symbol font: TeX sets its bullet from the math symbols."""
    return bool(_UNMAPPED_GLYPH.fullmatch(word.text)) or (
        len(word.text) == 1 and _SYMBOL_FONT.search(word.font.rpartition("+")[2]) is not None)


def continues(previous: Placed, current: Placed, size: float, in_item: bool = False,
              following: Placed | None = None) -> bool:
    """Whether `current` carries on `previous`, wrapped for want of room.

    It must stand close under it in the same font, its first word must not
    have fitted at the end of `previous`, and it must not start something of
    its own: a list item, a labeled line, an email or website, a place line.
    A line that ends in a hyphen was broken there by the printer. In a list
    item (`in_item`), a line set at the item's hanging indent is its wrapped
    end whatever it reads like ("Austin, TX" after "Austin Regional
    Intelligence Center;"): only a bullet starts the next item.
    """
    if current.bullet or current.gap_before >= PARAGRAPH_EM * size:
        return False
    first, last = current.line.words[0], previous.line.words[-1]
    if not same_type(first, last):
        return False
    # A label the printer broke ("Alternate" / "Phone: (302) 739-5996"): its first word starts a line
    # of its own, and the line after it goes on it.
    if broken_label(previous.line.text, current.line.text):
        return True
    if following is not None and broken_label(current.line.text, following.line.text):
        return False
    room = previous.region_right - previous.line.x1
    if SPACE_EM * first.size + (first.x1 - first.x0) <= room:
        return False
    if last.text.endswith(HYPHENS) or is_styled(previous.line, size) and is_styled(current.line, size):
        return True  # a hyphen the printer broke at, or a heading's next line
    if in_item and abs(current.line.x0 - previous.line.x0) <= HANGING_EM * size:
        return True
    # A paragraph that types its bullet wraps under the bullet, not under the item's text.
    if (in_item and abs(current.line.x0 - previous.start) <= HANGING_EM * size
            and not BOILERPLATE.match(current.line.text.strip()) and not is_styled(current.line, size)):
        return True
    if classify_line(previous.line.text)[0] in ("Email", "Website"):
        return address_goes_on(previous.line.text, current.line.text)
    text = current.line.text
    if known_label(text):
        return False
    # A place line goes on a heading the printer wrapped ("…Center; Carson" / "City, NV") when
    # the block's own place line follows it.
    return parse_place(text) is None or (following is not None and following.gap_before < PARAGRAPH_EM * size
                                         and parse_place(following.line.text) is not None)


def broken_label(head: str, rest: str) -> bool:
    """Whether `head`, words with no colon, and the labeled line `rest` are one label broken
    over two lines: together they give a field's label that `rest` alone does not give."""
    if ":" in head or len(head.split()) > 2 or not known_label(rest):
        return False
    label = classify_line(f"{head} {rest}")[0]
    return known_label(f"{head} {rest}") and label != classify_line(rest)[0]


def known_label(text: str) -> bool:
    """Whether the line starts with a field's label ("Phone:", "Fax:"), an email or a website:
    a wrapped heading may go on with a word and a colon ("…Intelligence" / "Center: Los Angeles, CA")."""
    label = classify_line(text)[0]
    return bool(label) and (label in ("Email", "Website") or label.lower() in LABEL_SYNONYMS)


def address_goes_on(address: str, text: str) -> bool:
    """Whether `text`, the line under an email or website line that was too
    long for its column, is the rest of the address: a word processor breaks
    an address after a slash, or anywhere when no slash is near ("…arkansas.g"
    / "ov"). It is one word, and no address of its own unless the address
    was visibly cut short (after a slash or dot, or a one-letter label). Otherwise the address ends where its line does."""
    if len(text.split()) != 1 or "@" in text:
        return False
    cut_short = address.endswith(("/", ".")) or _ONE_LETTER_LABEL.search(address) is not None
    return cut_short or classify_line(text)[0] not in ("Email", "Website")


def heading_goes_on(previous: Placed, current: Placed, size: float, leading: float = 0.0) -> bool:
    """A heading set over several lines, in one heading style, is one heading, also when the
    foot of a column ends with it and the next column goes on in its style: a heading stands
    above its text, so the foot of a column is no place where one ends."""
    first, last = current.line.words[0], previous.line.words[-1]
    first_of_region = current.gap_before == float("inf")
    next_column = first_of_region and current.line.top < previous.line.top
    # Large type stands further apart than the body's paragraph gap: a heading's own lines are
    # within HEADING_GAP_EM of its own size of each other, at the page's own leading (the
    # distance from line to line, in em of their size, within LEADING_SLACK).
    pitch = (current.line.top - previous.line.top) / first.size
    just_below = (first_of_region and 0 <= current.line.top - previous.line.bottom <= HEADING_GAP_EM * first.size
                  and leading > 0 and pitch <= (1 + LEADING_SLACK) * leading)
    # Across regions only a line that wrapped for want of room (its next word did not fit).
    # A one-line region shows no column edge: below it, the next region's shows it.
    right = previous.region_right if next_column else max(previous.region_right, current.region_right)
    wrapped = SPACE_EM * first.size + (first.x1 - first.x0) > right - previous.line.x1
    close = current.gap_before < PARAGRAPH_EM * size or (next_column or just_below) and wrapped
    return (is_styled(previous.line, size) and is_styled(current.line, size)
            and close and not current.bullet and same_type(first, last))


def breaks_off(text: str) -> bool:
    """Whether a line stops where no heading ends: after a comma, a hyphen, a slash, an
    ampersand or a joining word ("Orange County," / "CA" at the top of the next column)."""
    text = text.rstrip()
    return text.endswith((",", "-", "\u2010", "/", "&")) or text.rpartition(" ")[2] in _JOINING_WORDS


def item_goes_on(previous: Placed, current: Placed, size: float, in_item: bool) -> bool:
    """Whether `current`, the first line of a region, ends the list item that
    the region before it ended with: a list set in columns breaks an item at
    the foot of one column and goes on at the top of the next. The line has
    no bullet, stands at the indent of the items' text in its own region, in
    the item's font, and is no heading."""
    if not in_item or current.bullet or current.gap_before != float("inf") or current.item_indent is None:
        return False
    first, last = current.line.words[0], previous.line.words[-1]
    return (abs(current.line.x0 - current.item_indent) <= HANGING_EM * size
            and same_type(first, last) and not is_styled(current.line, size))


def cut_mid_word(previous: Placed, current: Placed, cell: float) -> bool:
    """Whether a monospaced print cut a word where its line ran out of cells (enscript wraps
    at the last character that fits): the line fills its column to the last cell and the next
    starts in the first one (a space at the cut would stand in one of them)."""
    return (previous.line.x1 >= previous.region_right - cell / 2
            and current.line.x0 <= current.region_left + cell / 2)


def page_lines_in_order(page: PdfPage, body: Sequence[Word], size: float, source: str,
                        spelled: frozenset[str] = frozenset()) -> list[Line]:
    """A page's body lines in reading order, wrapped parts joined back; `size`
    is the body text's, the unit of every gap. Lines of two regions are joined
    only where a list item runs from one column into the next."""
    placed: list[Placed] = []
    for region in cut(body, page, size):
        lines = group_lines(region)
        # The column's right edge: where its lines of words end; a one-word line (an address)
        # may run past it into the gutter.
        worded = [l.x1 for l in lines if len(l.words) > 1]
        right, left = max(worded or [l.x1 for l in lines]), min(l.x0 for l in lines)
        # A bullet too wide for its indent stands on a line of its own (groff's .IP): the
        # line under it is its item.
        lone = {i for i, line in enumerate(lines[:-1])
                if len(line.words) == 1 and (line.words[0].text in BULLET_GLYPHS or is_symbol_glyph(line.words[0]))
                and lines[i + 1].x0 > line.x0}
        if lone:
            bulleted = {i + 1 for i in lone}
            lines = [line for i, line in enumerate(lines) if i not in lone]
            kept = [i for i in range(len(lines) + len(lone)) if i not in lone]
            starts = [(True, line) if k in bulleted else bullet_start(line, page.marks, size)
                      for k, line in zip(kept, lines)]
        else:
            starts = [bullet_start(line, page.marks, size) for line in lines]
        indent = next((line.x0 for bullet, line in starts if bullet), None)
        previous_bottom = None
        for (bullet, line), printed in zip(starts, lines):
            gap = float("inf") if previous_bottom is None else line.top - previous_bottom
            previous_bottom = max(previous_bottom or line.bottom, line.bottom)
            placed.append(Placed(line, len(placed) + 1, right, gap, bullet, indent, printed.x0, left))
    pitches = sorted((b.line.top - a.line.top) / b.line.words[0].size for a, b in zip(placed, placed[1:])
                     if b.gap_before != float("inf") and not b.bullet)
    leading = pitches[len(pitches) // 2] if pitches else 0.0
    joined: list[Line] = []
    previous: Placed | None = None
    for k, current in enumerate(placed):
        in_item = bool(joined) and joined[-1].bullet
        following = placed[k + 1] if k + 1 < len(placed) else None
        if previous is not None and joined and (continues(previous, current, size, in_item, following)
                                                or heading_goes_on(previous, current, size, leading)
                                                or item_goes_on(previous, current, size, in_item)):
            before = joined[-1]
            if page.cell and cut_mid_word(previous, current, page.cell):
                text = before.text + current.line.text
            else:
                text = join_broken(before.text, current.line.text, spelled)
            joined[-1] = replace(before, text=text)
        else:
            joined.append(Line(current.line.text, SourceRef(source, current.number, page.number),
                               is_styled(current.line, size), current.bullet, x0=current.line.x0,
                               top=current.line.top))
        previous = current
    return joined


def hyphenated_words(pages: Sequence[PdfPage]) -> frozenset[str]:
    """The words the document itself spells with a hyphen inside ("Counter-Terrorism"), casefolded,
    with the hyphen as "-": a line-end hyphen that makes one of them is kept."""
    words = set()
    for page in pages:
        for w in page.words:
            text = _HYPHEN_FORMS.sub("-", w.text.strip(".,;:()")).casefold()
            if "-" in text.strip("-"):
                words.add(text)
    return frozenset(words)


def join_broken(before: str, after: str, spelled: frozenset[str] = frozenset()) -> str:
    """Two pieces of one line the printer broke, joined back.

    After a hyphen of any form, the break may be hyphenation (TeX's "Cen-" / "ter", CSS's
    "Informa‐" / "tion"): the word is joined without it, unless the document spells the
    word with a hyphen elsewhere ("Counter-Terrorism"), or it is a number ("517-" / "2660"),
    or the next piece starts a capitalized word after an ASCII hyphen ("Multi-" / "Agency"):
    then the hyphen (as "-") is kept, with no space. Inside an email or web address an ASCII
    hyphen is the address's own ("hamilton-" / "co.org": printers break after real ones) and is
    kept; any other hyphen form there is a hyphenator's ("msa\u2010" / "ic.html") and is dropped.
    An address broken elsewhere (it has no spaces) is joined without a space; other lines with one.
    """
    head, _, last = before.rpartition(" ")
    first, _, tail = after.partition(" ")
    if last.endswith(HYPHENS) and last.rstrip("".join(HYPHENS)):
        stem = last[:-1]
        word = _HYPHEN_FORMS.sub("-", f"{stem}-{first}".strip(".,;:()")).casefold()
        if "@" in last or is_address(before):  # an address spells its hyphens with "-" only
            keep = last.endswith("-")
        else:
            keep = word in spelled or first[:1].isdigit() or (last.endswith("-") and first[:1].isupper())
        joined = f"{stem}{'-' if keep else ''}{first}"
        return " ".join(x for x in (head, joined, tail) if x)
    glue = "" if is_address(before) else " "
    return f"{before}{glue}{after}"



# --- 4. Pages of the document model ----------------------------------------------

def is_value(text: str) -> bool:
    """A labeled line, an email, a website or a place: what a center's block ends with."""
    return bool(classify_line(text)[0]) or parse_place(text) is not None


def is_address(text: str) -> bool:
    """Whether the line is an email or website line."""
    return classify_line(text.strip())[0] in ("Email", "Website")


@dataclass(frozen=True)
class Furniture:
    """What the running header and footer say: the document's title and address."""

    title: str
    url: str


def read_lines(data: bytes, source: str) -> tuple[list[Line], Furniture, int, list[Line]]:
    """A PDF's body lines in reading order, what its running lines say, its page
    count, and its running lines themselves (numbered 0: they are not counted)."""
    pages, metadata = read_pages(data, source)
    size = body_size(pages)
    page_lines = [group_lines(page.words) for page in pages]
    running = running_lines(pages, page_lines, metadata_title(metadata), size)
    furniture = [page_lines[p][i] for p in range(len(pages)) for i in sorted(running[p])]
    titles = [t for t in (furniture_text(l.text, len(pages)) for l in furniture) if t]
    urls = [m.group(0) for l in furniture for m in [_URL.search(l.text)] if m and not m.group(0).startswith("file:")]
    spelled = hyphenated_words(pages)
    spaces = sorted(page.space for page in pages if page.space)  # the document's word space: a page of
    space = spaces[len(spaces) // 2] if spaces else 0.0  # addresses alone shows few spaces of its own
    sheet = read_sheet([PrintedPage(page.number, page.width, plines, frozenset(skip), space)
                        for page, plines, skip in zip(pages, page_lines, running)], size, source)
    lines: list[Line] = []
    previous: PdfPage | None = None
    for page, plines, skip in zip(pages, page_lines, running):
        # A page of a printed sheet: its own lines above the sheet, then (on the sheet's first
        # page) the sheet's rows, joined back from every page.
        end = sheet.pages.get(page.number, len(plines)) if sheet else len(plines)
        body = [w for i, line in enumerate(plines[:end]) if i not in skip for w in line.words]
        if body:
            ordered = page_lines_in_order(page, body, size, source, spelled)
            if lines and ordered and lines[-1].styled and ordered[0].styled and not ordered[0].bullet \
                    and breaks_off(lines[-1].text):  # a heading the page broke off goes on on the next
                before = lines.pop()
                ordered[0] = replace(before, text=join_broken(before.text, ordered[0].text, spelled), styled=True)
            if lines and previous is not None:
                ordered = carry_over(lines, previous, page, ordered, size, spelled)
            lines.extend(ordered)
            previous = page
        if sheet and page.number == sheet.header_page:
            lines.append(Line(" ".join(sheet.header), SourceRef(source, sheet.header_line, page.number), True, False,
                              sheet.header, True))
            lines.extend(Line(" ".join(c for c in row.cells if c), SourceRef(source, row.line, row.page), False, False,
                              row.cells) for row in sheet.rows)
    running_text = [Line(page_lines[p][i].text, SourceRef(source, 0, pages[p].number), False, False)
                    for p in range(len(pages)) for i in sorted(running[p])]
    title = titles[0] if titles else metadata_title(metadata)
    return lines, Furniture(title, (urls or [metadata_url(metadata)])[0]), len(pages), running_text


def borders(page: PdfPage, top: float, bottom: float) -> tuple[list[float], list[float]]:
    """A page's drawn table about the heights from `top` to `bottom`: the heights of the borders
    that run across it, and the x of its cells' borders there; two empty lists for none."""
    walls = sorted({round(w.x0) for w in page.walls if w.top <= bottom and w.bottom >= top})
    if len(walls) < 3:
        return [], []
    left, right = walls[0], walls[-1]
    levels = sorted({round(r.top, 1) for r in page.rulings
                     if ruled_between(page.rulings, r.top - 1, r.top + 1, left, right)})
    return levels, [float(x) for x in walls]


def carry_over(lines: list[Line], previous: PdfPage, page: PdfPage, ordered: list[Line], size: float,
               spelled: frozenset[str]) -> list[Line]:
    """A drawn table's row that a page break cuts: each cell goes on in its own column at the
    top of the next page, above the table's first border there (the row has no border under it
    on its page, nor over it on the next). Those lines are put back at the end of their cell on
    the page before (each keeps its own page and line), joined to its last line where that was
    cut short (a label without its value, a broken label or number)."""
    tail = [line for line in lines if line.ref.page == previous.number and not line.cells]
    if not tail or not ordered:
        return ordered
    levels_before, walls_before = borders(previous, tail[-1].top, tail[-1].top + 2 * size)
    levels_after, walls_after = borders(page, ordered[0].top, ordered[0].top + 2 * size)
    if not levels_before or not levels_after or len(walls_before) != len(walls_after) or any(
            abs(a - b) > 1 for a, b in zip(walls_before, walls_after)):
        return ordered
    row = [line for line in tail if line.top > levels_before[-1]]
    head = [line for line in ordered if line.top < levels_after[0]]
    if not row or not head or len(head) == len(ordered) or len(row) != len(
            [line for line in tail[-len(row):] if line.top > levels_before[-1]]):
        return ordered
    walls = walls_before[1:-1]  # the borders between cells

    def column(line: Line) -> int:
        return sum(1 for x in walls if line.x0 > x)

    start = len(lines) - len(row)
    for line in head:
        k = max((i for i in range(start, len(lines)) if column(lines[i]) <= column(line)), default=None)
        if k is not None and column(lines[k]) == column(line):
            if cut_short(lines[k].text, line.text):
                lines[k] = replace(lines[k], text=join_broken(lines[k].text, line.text, spelled))
                continue
            # The first word of a broken label, joined to the line before it for want of the next.
            words = lines[k].text.split()
            for n in (1, 2):
                if len(words) > n and classify_line(" ".join(words[:-n]))[0] and broken_label(
                        " ".join(words[-n:]), line.text):
                    lines[k] = replace(lines[k], text=" ".join(words[:-n]))
                    line = replace(line, text=f"{' '.join(words[-n:])} {line.text}")
                    break
        lines.insert(k + 1 if k is not None else start, replace(line, read_on=previous.number))
    return ordered[len(head):]


def cut_short(before: str, after: str) -> bool:
    """Whether a cell's line goes on in the next: a label with no value yet, a broken label, a
    number or word broken at a hyphen."""
    text = before.rstrip()
    return text.endswith(":") or text.endswith(HYPHENS) or broken_label(text, after)


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
        page = line.read_on or line.ref.page or 1
        if line.cells:  # a sheet's rows stand together on its first page, each with its own reference
            page = next(p for p, kept in by_page.items() if p == page or any(x.cells for x in kept)) \
                if not line.header else page
        by_page[page].append(ModelLine(line.text, line.ref, line.styled, item=item if line.bullet else 0,
                                       cells=line.cells, header=line.header))
    for line in running:
        by_page[line.ref.page or 1].append(ModelLine(line.text, line.ref, furniture=True))
    pages = tuple(Page(tuple(by_page[n]), n, n) for n in range(1, page_count + 1))
    return Pages(source, "pdf", pages, paged=True, url=furniture.url, title=furniture.title)


def extract_pdf(data: bytes, source: str, sha256: str) -> Extraction:
    """Read a PDF into its documents, list entries and contact blocks (`read_pdf`, then the assembler)."""
    return assemble(read_pdf(data, source), sha256)
