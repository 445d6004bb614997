"""Pages: a PDF's words with their font and size, read in one pass with the page's rulings (table
borders) and small shapes (list bullets a browser draws instead of typing); a page whose text runs
sideways is turned upright first. Also what a word or a line is (a symbol glyph, a value, an address).
"""
from __future__ import annotations

import io
import re
import functools
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import pdfplumber
from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.text import extract_words
from publicsuffixlist import PublicSuffixList

from pipeline.errors import PipelineError
from pipeline.extract.lines import classify_line

from pipeline.extract.pdf.settings import SETTINGS
from pipeline.extract.pdf.visible import ShownPage, fill_rgb, judge_chars
from pipeline.text import LINE_END_HYPHENS, parse_place


# Characters that mark a list item when they stand alone before its text.
# (\uf0b7 and \uf0a7 are the Symbol and Wingdings bullets word processors use.)
BULLET_GLYPHS = frozenset("•◦▪▫‣⁃●○■□◆◇–-*·\uf0b7\uf0a7")


HYPHENS = LINE_END_HYPHENS  # the hyphens a printer breaks a word with at a line's end


# The glyphs a PDF draws for a word space (the space and the no-break space); words leave them
# out, and the page keeps where they stand (a word processor sets one inside a stretched gap).
SPACE_GLYPHS = frozenset(" \u00a0")
_HYPHEN_FORMS = re.compile("[\u2010\u00ad\u2011]")


# The ligatures in the standard fonts' metrics: ff, fi, fl, ffi, ffl.
LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04"


_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")


# A word of letters (a name's, a place's), with an apostrophe, a dot, an ampersand or a hyphen
# inside ("Counter-Terrorism", "O'Hare", "U.S"), closing punctuation aside: what a word cut at the
# page's edge is read whole as (`cut_at_edges`); a word with a digit in it may be part of a value.
_LETTERS = re.compile(r"[^\W\d_](?:[^\W\d_]|['\u2019.&-])*[^\W\d_][.,;:)]?")


# Fonts of symbols and dingbats: TeX's math symbols (CMSY), Symbol, ZapfDingbats, Wingdings.
_SYMBOL_FONT = re.compile(r"cmsy|symbol|dingbat|wingding", re.I)


_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)



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
    # The page shows it only in part: it runs past the page's edge or the printer's clip
    # (`cut_at_edges`); its text holds what the file goes on with beyond it.
    cut: bool = False
    # Another run of text is printed over part of it (`overprint_layers`): read from the file's
    # order of drawing, each run apart; a person sees the two mixed there.
    overprinted: bool = False
    # A word of letters that runs past the page's edge or the printer's clip (`cut_at_edges`): its
    # text holds the rest of it the file holds beyond the edge, and the page shows it only in part.
    past_edge: bool = False

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
    edges: tuple[float, ...] = ()  # left edges of columns: where SETTINGS.min_column_lines words or more start
    space: float = 0.0  # the page's own word space: the lower quartile of gaps between words of a line (points)
    cell: float = 0.0  # the width of every glyph when the page is set in one monospaced font, else 0
    spaces: tuple[Box, ...] = ()  # the space glyphs the PDF draws, top to bottom (words leave them out)
    hidden: tuple[Word, ...] = ()  # words of text the page holds but does not show (`visible.judge_chars`)
    links: tuple[tuple[Box, str], ...] = ()  # its links (`link_targets`): each one's box and target; none on a turned page
    # Left edges at which the document's other pages start columns (`order.other_columns`), given
    # to a page that shows too few lines to tell its columns by itself; () for every other page.
    columns: tuple[float, ...] = ()


@dataclass(frozen=True)
class TextLine:
    """Words standing on one line of one region, left to right. Its text and box are worked out
    once (the layout asks for them many times a line)."""

    words: tuple[Word, ...]

    @cached_property
    def text(self) -> str:
        """The words joined by single spaces."""
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        """The left edge of the first word."""
        return self.words[0].x0

    @cached_property
    def x1(self) -> float:
        """The right edge of the rightmost word."""
        return max(w.x1 for w in self.words)

    @cached_property
    def top(self) -> float:
        """The top of the highest word."""
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        """The bottom of the lowest word."""
        return max(w.bottom for w in self.words)

    @cached_property
    def cut(self) -> bool:
        """Whether the page shows a word of it only in part (`Word.cut`)."""
        return any(w.cut for w in self.words)

    @property
    def overprinted(self) -> bool:
        """Whether another run of text is printed over a word of it (`Word.overprinted`)."""
        return any(w.overprinted for w in self.words)

    @property
    def past_edge(self) -> bool:
        """Whether a word of it runs past the page's edge, read with its rest (`Word.past_edge`)."""
        return any(w.past_edge for w in self.words)


def measure_ligatures() -> None:
    """Give the standard fonts' ligature glyphs their widths. pdfminer reads a ligature glyph
    ("fi" in a Times-Roman the PDF does not embed, as groff writes it) as its letters, but keys the
    font's metrics by the ligature's own code point (U+FB01): the glyph gets no width, and every
    glyph after it in its string stands too far left until the next move puts the text back where
    it is ("North Chesterfield, V irginia", "icefishx.or g"). Each ligature's width is keyed by
    its letters too (once: the metrics are pdfminer's own table)."""
    for _, widths in FONT_METRICS.values():
        for ligature in LIGATURES:
            if ligature in widths:
                widths.setdefault(unicodedata.normalize("NFKC", ligature), widths[ligature])


def read_pages(data: bytes, source: str) -> tuple[list[PdfPage], dict]:
    """Every page's words, rulings and bullet shapes, and the document's
    metadata; a PDF or page that cannot be read is a `PipelineError`."""
    measure_ligatures()
    if b"%%EOF" not in data[-SETTINGS.eof_window:]:
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
            for number, plain in enumerate(pdf.pages, start=1):
                page = ShownPage.of(plain)  # its characters carry what `visible` judges them by
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


def _words(page, chars: Sequence[dict], turn: int, width: float, height: float) -> list[Word]:
    """The words of a page's `chars` (the page's own, or a filtered page's), turned upright by `turn`."""
    if turn:
        return turned_words(chars, turn, width, height)
    return [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                 str(w.get("fontname", "")), round(float(w.get("size", 0.0)), 1))
            for w in page.extract_words(extra_attrs=["fontname", "size"], x_tolerance_ratio=SETTINGS.word_gap_em)]


def _layered_words(page, chars: Sequence[dict], layers: Sequence[frozenset[int]], turn: int, width: float,
                   height: float) -> list[Word]:
    """The words of a page on which text is printed over other text (`overprint_layers`): each
    layer's words apart, so that no word mixes two runs; a word another layer's word stands over
    or against is `overprinted`."""
    moved = frozenset().union(*layers)
    groups = [frozenset(id(c) for c in chars if id(c) not in moved), *layers]
    read = [touching_joined(_words(page.filter(lambda o, g=group: id(o) in g or "text" not in o),
                                   [c for c in chars if id(c) in group], turn, width, height))
            for group in groups]

    def over(a: Word, b: Word) -> bool:
        """Whether the two words stand over or against each other (a word gap apart or less, on one line)."""
        return (min(a.x1, b.x1) - max(a.x0, b.x0) > -SETTINGS.word_gap_em * max(a.size, b.size)
                and min(a.bottom, b.bottom) - max(a.top, b.top) > 0.5 * min(a.bottom - a.top, b.bottom - b.top))
    words: list[Word] = []
    for n, layer in enumerate(read):
        others = [w for m, other in enumerate(read) if m != n for w in other]
        words.extend(replace(w, overprinted=True) if any(over(w, o) for o in others) else w for w in layer)
    return words


def byte_swapped(text: str) -> str:
    """A glyph's text read back from a ToUnicode entry written in the wrong byte order: every
    character U+XX00 with XX a printable ASCII code ("\u6600\u6900", bytes 66 00 69 00, for
    the ligature "fi" a re-distilled print maps so); "" for any other text."""
    if text and all(ord(ch) & 0xFF == 0 and 0x21 <= ord(ch) >> 8 <= 0x7E for ch in text):
        return "".join(chr(ord(ch) >> 8) for ch in text)
    return ""


def unswapped(chars: Sequence[dict]) -> None:
    """Each glyph's text a ToUnicode entry in the wrong byte order gave (`byte_swapped`), set
    right in place, where its font sets Latin text elsewhere on the page (most of its glyphs ASCII):
    "Spring\u6600\u6900eld" is "Springfield"."""
    fonts: dict[str, list[int]] = {}
    for c in chars:
        counts = fonts.setdefault(c.get("fontname", ""), [0, 0])
        counts[0] += 1
        counts[1] += c["text"].isascii()
    for c in chars:
        swapped = byte_swapped(c["text"]) if not c["text"].isascii() else ""
        total, ascii_ = fonts[c.get("fontname", "")]
        if swapped and ascii_ > total / 2:
            c["text"] = swapped


# The minus sign: a text printer sets every ASCII hyphen-minus with its font's minus glyph, and
# the text layer then gives U+2212 for it ("Toll\u2212Free", "HRISC\u2212Fusioncenter@...").
# A contact listing has no minus: it is the hyphen the page shows.
MINUS_SIGN = "\u2212"


def unminused(chars: Sequence[dict]) -> None:
    """Each glyph's text that is the minus sign (`MINUS_SIGN`) set to the hyphen-minus, in place."""
    for c in chars:
        if c["text"] == MINUS_SIGN:
            c["text"] = "-"


def read_page(page: ShownPage, number: int, source: str) -> PdfPage:
    """One page, upright: words, horizontal rulings, bullet shapes, and the words of the text
    it does not show (`visible.judge_chars`), which take no part in its layout."""
    chars = page.chars
    unswapped(chars)
    unminused(chars)
    judged = judge_chars(page, chars)
    hidden = judged.hidden
    hidden_words: list[Word] = []
    width, height = float(page.width), float(page.height)
    if hidden:
        secret = {id(chars[i]) for i in hidden}
        shown = page.filter(lambda o: id(o) not in secret)
        chars = [c for c in chars if id(c) not in secret]
        turn = text_turn(chars)
        hidden_words = touching_joined(_words(page.filter(lambda o: id(o) in secret),
                                              [c for c in page.chars if id(c) in secret], turn, width, height))
    else:
        shown = page
        turn = text_turn(chars)
    layers = overprint_layers(chars, turn, width, height, number, source)
    if layers:
        words = _layered_words(shown, chars, layers, turn, width, height)
    else:
        words = touching_joined(_words(shown, chars, turn, width, height))
    links = () if turn else tuple(link_targets(page))
    if (judged.edge or judged.flush) and not turn:
        words, hidden_words = cut_at_edges(words, hidden_words,
                                           [turned_box(page.chars[i], turn, width, height) for i in judged.edge],
                                           [turned_box(page.chars[i], turn, width, height) for i in judged.flush],
                                           links)
    # Shapes are turned with the text: a browser draws its bullets, and a
    # table its borders, on a turned page as on any other.
    edges = [turned_box(e, turn, width, height) for e in (shown_part(e) for e in page.edges
                                                          if e.get("orientation") in ("h", "v")) if e]
    text_lines = group_lines(words)
    rejoined = address_joined(words, text_lines)
    if rejoined is not None:
        words = rejoined
        text_lines = group_lines(words)
    space = word_space(text_lines)
    spaces = sorted((turned_box(c, turn, width, height) for c in chars
                     if c["text"] in SPACE_GLYPHS and char_turn(c) == turn), key=lambda b: b.top)
    rulings = tuple(e for e in edges if e.x1 - e.x0 > e.bottom - e.top and not underlines(e, text_lines, spaces))
    walls = tuple(e for e in edges if e.x1 - e.x0 <= e.bottom - e.top and e.bottom - e.top >= SETTINGS.min_wall)
    marks = tuple(box for box in (turned_box(s, turn, width, height) for s in page.curves + page.rects
                                  if shown_part(s) == s)
                  if is_dot(box.x1 - box.x0, box.bottom - box.top))
    if turn in (90, 270):
        width, height = height, width
    check_page_text(page, chars, words, number, source)
    cell = monospaced_cell(words)
    return PdfPage(number, width, height, tuple(words), rulings, walls, marks, column_edges(words, text_lines, cell),
                   space, cell, tuple(spaces), tuple(hidden_words), links)


def link_targets(page) -> list[tuple[Box, str]]:
    """The page's links (annotations with a URI): each one's box and target. A link the PDF
    writes malformed is left out: the words under it are judged without it."""
    try:
        links = page.hyperlinks
    except Exception:  # noqa: BLE001 (pdfminer raises many kinds on a malformed annotation)
        return []
    return [(Box(float(h["x0"]), float(h["x1"]), float(h["top"]), float(h["bottom"])), str(h.get("uri") or ""))
            for h in links if h.get("uri")]


_TARGET_PREFIX = re.compile(r"^(?:https?://|mailto:)", re.I)


def _same_address(target: str, text: str) -> bool:
    """Whether a link's target is the address the word shows (its scheme or "mailto:", a closing
    slash and case aside)."""
    def key(value: str) -> str:
        """The address as compared: without its scheme or "mailto:", a closing slash or case."""
        return _TARGET_PREFIX.sub("", value.strip()).rstrip("/").casefold()
    return bool(text) and key(target) == key(text)


def cut_at_edges(words: Sequence[Word], hidden: Sequence[Word], edge: Sequence[Box],
                 flush: Sequence[Box] = (), links: Sequence[tuple[Box, str]] = ()) -> tuple[list[Word], list[Word]]:
    """The words and hidden words of a page whose characters `edge` run past the page's edge or their
    clip (`visible.Judged.edge`): an email or web address holding one of them, or one that a hidden
    word of them goes on with no word gap between, is cut (`Word.cut`), its text with that hidden
    word's: the page shows only part of it (an address too long for its column, set on past the
    paper or clipped by the printer; other words wrap at their spaces, and one cut is read as the
    page shows it, what lies beyond the edge left to the hidden words). An email or web address that ends on the right edge (a glyph of
    `flush`) is cut too: a printer that clips leaves out the glyph that would cross the edge
    (Chromium), and a word that is no address, in a line set to fill its column, ends there as well.
    Where the file holds nothing beyond the edge, a word under a link whose target is the very
    address it shows is whole: Chromium keeps a last glyph whose ink is inside its clip (and writes
    each link's target), so a complete address may end on the edge too.
    A word the page shows whole is no value to be read as it stands."""
    def holds(word: Word, box: Box) -> bool:
        """Whether the glyph's middle stands inside the word's box."""
        x, y = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
        return word.x0 <= x <= word.x1 and word.top <= y <= word.bottom

    outside = [h for h in hidden if any(holds(h, box) for box in edge)]
    rest = list(hidden)
    out: list[Word] = []
    for word in words:
        cut = any(holds(word, box) for box in edge) or is_address(word.text) and any(holds(word, box) for box in flush)
        whole, beyond = word, []  # the word with the glyphs the file holds of it beyond the edge
        for h in outside:
            if h not in rest:
                continue
            if touches(whole, h):  # the word goes on beyond the right edge
                whole, cut = replace(whole, text=whole.text + h.text), True
                beyond.append(h)
            elif touches(h, whole):  # it began before the left edge
                whole, cut = replace(whole, text=h.text + whole.text), True
                beyond.append(h)
        if not is_address(whole.text):
            if beyond and _LETTERS.fullmatch(whole.text):  # a word of letters: read whole, and reported
                for h in beyond:
                    rest.remove(h)
                out.append(replace(whole, past_edge=True))
            else:  # a number, no value: read as the page shows it, the rest not shown
                out.append(word)
            continue
        word = whole
        for h in beyond:
            rest.remove(h)
        if cut and not beyond and any(min(box.x1, word.x1) - max(box.x0, word.x0) > 0
                                      and min(box.bottom, word.bottom) - max(box.top, word.top) > 0
                                      and _same_address(target, word.text) for box, target in links):
            cut = False
        out.append(replace(word, cut=True) if cut else word)
    return out, rest


def shown_part(shape: dict) -> dict | None:
    """The part of a painted shape (pdfplumber's dict, its clip from `visible.ShownPage`) inside
    the clipping path it is painted in (PDF 32000-1:2008, 8.5.4); None when none is. A browser
    paints a table row that a page break cuts whole on both pages, each clipped to the page's
    area: the border under the row's first part, painted below that area, is not shown. A shape
    filled in the paper's colour (white), and not stroked, shows no edge (wkhtmltopdf paints the
    page's area white under the text)."""
    if shape.get("fill") and not shape.get("stroke"):  # filled in the paper's colour: no edge shows
        fill = fill_rgb(shape.get("non_stroking_color"))
        if fill is not None and min(fill) >= 1 - SETTINGS.same_colour:
            return None
    clip = shape.get("clip")
    if clip is None:
        return shape
    slack = SETTINGS.edge_tolerance  # a border drawn on the clip's edge is shown
    x0, top = max(float(shape["x0"]), clip[0] - slack), max(float(shape["top"]), clip[1] - slack)
    x1, bottom = min(float(shape["x1"]), clip[2] + slack), min(float(shape["bottom"]), clip[3] + slack)
    if x1 < x0 or bottom < top:
        return None
    if (x0, top, x1, bottom) == (shape["x0"], shape["top"], shape["x1"], shape["bottom"]):
        return shape
    return {**shape, "x0": x0, "top": top, "x1": x1, "bottom": bottom}


def touches(left: Word, right: Word) -> bool:
    """Whether `right` begins where `left` ends, on the same line: closer than a word gap."""
    em = max(left.size, right.size)
    return (abs(right.x0 - left.x1) <= SETTINGS.word_gap_em * em
            and abs((right.top + right.bottom) - (left.top + left.bottom)) / 2 <= SETTINGS.line_slack * em)


def glued(left: Word, right: Word) -> bool:
    """Whether `right` is set on from `left` as one word's next glyphs: in the same size (within
    SETTINGS.size_slack) and no further from it, either way, than SETTINGS.touch_em (a fallback
    glyph, floating-point noise). A word of a larger heading that a long word of the column
    before runs over by a point is no piece of it ("(Washington," over "Austin")."""
    same = abs(left.size - right.size) <= SETTINGS.size_slack * max(left.size, right.size)
    gap = abs(right.x0 - left.x1)
    # A word's first capital, then its smaller capitals letter-spaced (CSS letter-spacing): the
    # smaller capitals of every name that begins with that letter start at one x, as if a column
    # did; a word gap of the smaller type apart, they are still the capital's word.
    spaced_capitals = (small_capitals(left, right) and left.size > right.size
                       and gap < SETTINGS.word_gap_em * right.size)
    return (same or small_capitals(left, right)) and gap <= SETTINGS.touch_em * right.size or spaced_capitals


def small_capitals(left: Word, right: Word) -> bool:
    """Whether two capitals' runs of two sizes on one baseline are one word in small capitals
    ("K" and "ANSAS": a name's first letter a capital of the type's size, its other letters
    capitals of a smaller size, as CSS `font-variant: small-caps` sets them)."""
    return (left.text[-1:].isupper() and right.text[:1].isupper()
            and abs(left.bottom - right.bottom) <= SETTINGS.line_slack * min(left.size, right.size))


def touching_joined(words: Sequence[Word]) -> list[Word]:
    """The words with those that touch on one line joined: pieces of one word set in two fonts
    (a browser sets a hyphen, or any glyph its font lacks, from a fallback font) are one word,
    in the font of its longer piece. Glyphs further apart than a word gap (word_gap_em) are in
    two words already, so no space stands between pieces this close. A piece is found by where
    it stands, never by its place in the page's order: a fallback glyph set a little higher
    (its font's other ascent) comes in that order after words far from the one it touches.
    The words keep the page's order (of each one's first piece). A word that starts at a column's
    left edge (`column_edges`) after a gap is the next column's, however close the column before
    runs to it: an address too long for its column ends a point short of the next column's text, or
    runs a point over it (`glued`)."""
    edges = column_edges(words)
    joined: list[Word] = []
    first: list[int] = []  # the page-order index of each joined word's first piece
    ends: dict[int, list[int]] = {}  # each joined word's right edge, in whole points: its indexes
    for n in sorted(range(len(words)), key=lambda n: words[n].x0):
        w = words[n]
        reach = SETTINGS.word_gap_em * w.size
        opens_column = any(abs(w.x0 - edge) <= SETTINGS.edge_tolerance for edge in edges)
        touched = next((i for edge in range(int(w.x0 - reach) - 1, int(w.x0 + reach) + 2)
                        for i in ends.get(edge, ()) if touches(joined[i], w)
                        and not (opens_column and not glued(joined[i], w))), None)
        if touched is None:
            joined.append(w)
            first.append(n)
            ends.setdefault(int(w.x1), []).append(len(joined) - 1)
            continue
        last = joined[touched]
        main = last if len(last.text) >= len(w.text) else w
        joined[touched] = Word(last.text + w.text, last.x0, w.x1, min(last.top, w.top), max(last.bottom, w.bottom),
                               main.font, main.size, last.cut or w.cut, last.overprinted or w.overprinted,
                               last.past_edge or w.past_edge)
        ends[int(last.x1)].remove(touched)
        ends.setdefault(int(w.x1), []).append(touched)
    return [joined[i] for i in sorted(range(len(joined)), key=first.__getitem__)]


def monospaced_cell(words: Sequence[Word]) -> float:
    """The advance of every glyph when the page's words are all set in cells of one width
    (a monospaced print: each word as wide as its letters times the cell, within SETTINGS.cell_slack),
    else 0. The cell is judged in em of each word's own type: a running header set in the same face
    at a larger size (enscript's) has wider cells, but the same share of its em; the cell returned is
    the body's, in points."""
    sized = [w for w in words if len(w.text) >= 3 and w.size > 0]
    if len(sized) < SETTINGS.min_column_lines:
        return 0.0
    ratios = sorted((w.x1 - w.x0) / len(w.text) / w.size for w in sized)
    ratio = ratios[len(ratios) // 2]
    inside = sum(1 for x in ratios if abs(x - ratio) <= SETTINGS.cell_slack * ratio)
    if inside < SETTINGS.monospaced_share * len(ratios):
        return 0.0
    return sorted((w.x1 - w.x0) / len(w.text) for w in sized)[len(sized) // 2]


def word_space(lines: Sequence[TextLine]) -> float:
    """The page's own word space: the lower quartile of the gaps between neighbouring words of a
    line, of the gaps under one em of their type (wider ones may be gutters). A monospaced print's
    space is 0.6 em, where a proportional font's is a quarter em; justified lines stretch theirs
    (a word processor's lines that a line break ends, to an em and more), so the narrower gaps
    are the type's own."""
    gaps = sorted(b.x0 - a.x1 for line in lines for a, b in zip(line.words, line.words[1:])
                  if 0 < b.x0 - a.x1 < max(a.size, b.size))
    return gaps[len(gaps) // 4] if gaps else 0.0


def underlines(ruling: Box, lines: Sequence[TextLine], spaces: Sequence[Box] = ()) -> bool:
    """Whether a ruling is a link's underline, not a border: it lies just
    under a line's text and starts and ends where words of it do, or where a
    space glyph the line draws next to one of them does (a word processor
    underlines a link's text with the space it ends a line on: "Wisconsin
    Statewide "). A border reaches past the text by the cell's padding; a row
    of cells' text stands on one line, and a border under one cell is no wider
    than the line."""
    reach = SETTINGS.underline_reach

    def edges(line: TextLine) -> tuple[list[float], list[float]]:
        """Where the line's words start and end, each with the space glyph drawn against it."""
        starts, ends = [w.x0 for w in line.words], [w.x1 for w in line.words]
        beside = [s for s in spaces if line.top <= (s.top + s.bottom) / 2 <= line.bottom]
        starts += [s.x0 for s in beside if any(abs(s.x1 - w.x0) <= reach for w in line.words)]
        ends += [s.x1 for s in beside if any(abs(s.x0 - w.x1) <= reach for w in line.words)]
        return starts, ends

    for line in lines:
        if line.top < ruling.top <= line.bottom + SETTINGS.underline_drop * (line.bottom - line.top):
            starts, ends = edges(line)
            if any(abs(x - ruling.x0) <= reach for x in starts) and any(abs(x - ruling.x1) <= reach for x in ends):
                return True
    return False


def is_dot(width: float, height: float) -> bool:
    """Whether a shape could be a bullet: small, and about as wide as high."""
    return SETTINGS.min_mark <= width <= SETTINGS.max_mark and SETTINGS.min_mark <= height <= SETTINGS.max_mark and 0.5 <= width / height <= 2


def check_page_text(page, chars: Sequence[dict], words: Sequence[Word], number: int, source: str) -> None:
    """Refuse a page that gives no usable text: a scan, or fonts without a Unicode map."""
    if not words:
        area = float(page.width) * float(page.height)
        covered = sum((i["x1"] - i["x0"]) * (i["bottom"] - i["top"]) for i in page.images)
        if area and covered >= SETTINGS.scan_share * area:
            raise PipelineError("has no text layer on this page: it is an image (a scan needs OCR "
                                "before it can be read).", source=source, page=number)
        return
    unmapped = sum(1 for c in chars if c["text"].startswith("(cid:"))
    if unmapped >= SETTINGS.unmapped_share * len(chars):
        raise PipelineError("has text on this page that cannot be decoded (its fonts carry no "
                            "Unicode map).", source=source, page=number)


# Glyphs set over or beside a letter without an advance of their own: combining marks and the
# spacing accents a typesetter places over a letter (TeX's \'e is "e" and "´").
_ACCENT_CATEGORIES = frozenset({"Mn", "Me", "Sk", "Lm"})


def _accent(text: str) -> bool:
    return all(unicodedata.category(x) in _ACCENT_CATEGORIES for x in text)


def _mark_glyph(text: str, font: str) -> bool:
    """Whether a glyph is a mark, no letter: one a symbol font draws with no Unicode mapping
    (pdfminer's "(cid:136)"), or a symbol font's glyph that is no letter or digit (TeX's bullet
    from its math symbols). Its box is the font's, not its ink's (a Type 3 bullet's box reaches a
    line above its dot), and a bullet beside a word run into the gutter mixes no text: marks are
    left out of `overprint_layers`."""
    return bool(_UNMAPPED_GLYPH.fullmatch(text)) or (
        len(text) == 1 and not text.isalnum() and _SYMBOL_FONT.search(font.rpartition("+")[2]) is not None)


def overprint_layers(chars: Sequence[dict], turn: int, width: float, height: float, number: int,
                     source: str) -> list[frozenset[int]]:
    """Where text is printed over other text on one line (a word too long for its column run on
    over the next column's line), or set against it closer than a word gap though the file draws
    other lines between the two (run up to the next column's line), the runs of glyphs the file
    draws apart, as layers of `id`s of `chars`: each layer but the first (every other glyph) a set
    of runs none of which overlaps or touches another; [] where there is no such line. A run is
    what the file draws in one go, left to right, in its content stream's order
    (`visible.ShownPage`): its glyphs keep their advance whatever is drawn over them, so each run
    reads as it is set. The runs are told apart for certain only where the first shows a whole
    glyph before the second begins and the second one after the first ends, and the second begins
    where a column of the page begins (a word too long for its column run into the next one's
    line); anything else (two runs set at one place, a run within another or over part of another
    inside one column, glyphs drawn in no order) is refused in one line:
    the page shows neither legibly, and reading the glyphs by place would mix the two. Glyphs are
    compared along their line, in the page's turn."""
    glyphs = []  # (bottom, x0, x1, top, text, size, index), upright
    for i, c in enumerate(chars):
        text = c["text"]
        if not text.strip() or (not text.isalnum() and _accent(text)) or char_turn(c) != turn:
            continue
        if _mark_glyph(text, str(c.get("fontname", ""))):
            continue
        if turn:
            box = turned_box(c, turn, width, height)
            edges = (box.bottom, box.x0, box.x1, box.top)
        else:
            edges = (c["bottom"], c["x0"], c["x1"], c["top"])
        glyphs.append((*map(float, edges), text, float(c.get("size", 0.0)), i))
    glyphs.sort()
    lines: list[list[tuple]] = []
    for glyph in glyphs:
        if lines and glyph[0] - lines[-1][-1][0] <= SETTINGS.line_slack * (glyph[0] - glyph[3]):
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    drawn: list[tuple[float, float]] = []  # (order, bottom) of every glyph, in the file's order

    def apart(a: tuple, b: tuple) -> bool:
        """Whether the file draws glyphs of another line between glyphs `a` and `b` of one line."""
        if "order" not in chars[a[6]] or "order" not in chars[b[6]]:
            return False
        lo, hi = sorted((float(chars[a[6]]["order"]), float(chars[b[6]]["order"])))
        if hi - lo <= 2:  # drawn one after the other (a space between at most): no line between
            return False
        if not drawn:
            drawn.extend(sorted((float(chars[g[6]].get("order", -1)), g[0]) for g in glyphs))
        slack = SETTINGS.line_slack * (a[0] - a[3])
        return any(abs(bottom - a[0]) > slack
                   for _, bottom in drawn[bisect_right(drawn, (lo, float("inf"))):bisect_left(drawn, (hi, -1.0))])

    starts: list[float] = []  # where the page's words begin, left to right
    starting: set[int] = set()  # the glyphs (their index) that begin those words

    def opens_column(glyph: tuple) -> bool:
        """Whether a word begins where the glyph does on SETTINGS.min_column_lines other lines
        (within SETTINGS.edge_tolerance): the left edge of a column of the page. The glyph's own
        word is not counted, where it begins one (a run set against the end of the line before it,
        with no word gap between, begins none: "…Intelligence" / "major urban…")."""
        if not starts:
            for each in lines:
                ordered = sorted(each, key=lambda g: g[1])
                reach = -float("inf")
                for g in ordered:
                    if g[1] - reach > SETTINGS.word_gap_em * g[5]:
                        starts.append(g[1])
                        starting.add(g[6])
                    reach = max(reach, g[2])
            starts.sort()
        near = bisect_right(starts, glyph[1] + SETTINGS.edge_tolerance) - bisect_left(
            starts, glyph[1] - SETTINGS.edge_tolerance)
        return near - (glyph[6] in starting) >= SETTINGS.min_column_lines

    layers: list[set[int]] = []
    for line in lines:
        line.sort(key=lambda g: g[1])
        conflict = _overprint(line) or _run_into(line, apart)
        if conflict is None:
            continue
        runs = _runs(line, chars, apart)
        placed = _layered(runs, opens_column) if runs else None
        if placed is None:
            reach, glyph, k = conflict
            around = "".join(g[4] for g in line[max(0, k - 12):k + 12])
            raise PipelineError(f"shows text printed over other text ({reach[4]!r} and {glyph[4]!r} in "
                                f"{around!r}): what either says cannot be read for certain.",
                                source=source, page=number)
        for layer, run in placed:
            if layer:
                layers.extend(set() for _ in range(layer - len(layers)))
                lo, hi = min(chars[g[6]]["order"] for g in run), max(chars[g[6]]["order"] for g in run)
                bottom = max(g[0] for g in run)
                slack = SETTINGS.line_slack * max(g[0] - g[3] for g in run)
                # the run's spaces and accents too: what the file draws among its glyphs on its line
                layers[layer - 1].update(id(c) for c in chars if lo <= c.get("order", -1) <= hi
                                         and abs(float(c["bottom"] if not turn else turned_box(
                                             c, turn, width, height).bottom) - bottom) <= slack)
    return [frozenset(layer) for layer in layers]


def _overprint(line: Sequence[tuple]) -> tuple[tuple, tuple, int] | None:
    """The first two glyphs of a line (sorted by their left edges) printed over each other, with
    the second's place; None where there are none. Glyphs of one size (within overprint_sizes)
    that overlap by more than overprint_em and half their height, and differ, are counted."""
    reach = line[0]  # the glyph reaching furthest right so far
    for k in range(1, len(line)):
        glyph = line[k]
        if _over(reach, glyph):
            return reach, glyph, k
        if glyph[2] > reach[2]:
            reach = glyph
    return None


def _over(a: tuple, b: tuple) -> bool:
    """Whether glyph `b` (starting at or after `a`) is printed over `a` (see `_overprint`)."""
    if not (a[2] - b[1] > SETTINGS.overprint_em * max(a[5], b[5]) and a[4] != b[4]):
        return False
    small, large = min(a[5], b[5]), max(a[5], b[5])
    high = min(a[0], b[0]) - max(a[3], b[3])
    return 0 < large <= small * SETTINGS.overprint_sizes and high > 0.5 * min(a[0] - a[3], b[0] - b[3])


def _touch(a: tuple, b: tuple) -> bool:
    """Whether glyph `b` begins where `a` ends, closer than a word gap (one word, read by place)."""
    return -SETTINGS.overprint_em * max(a[5], b[5]) <= b[1] - a[2] <= SETTINGS.word_gap_em * max(a[5], b[5])


def _run_into(line: Sequence[tuple], apart) -> tuple[tuple, tuple, int] | None:
    """The first two neighbouring glyphs of a line (sorted by their left edges) that touch but that
    the file draws apart, with glyphs of other lines between (`apart`): a word too long for its
    column run up to the next column's line; None where there are none."""
    for k in range(1, len(line)):
        if _touch(line[k - 1], line[k]) and apart(line[k - 1], line[k]):
            return line[k - 1], line[k], k
    return None


def _runs(line: Sequence[tuple], chars: Sequence[dict], apart) -> list[list[tuple]] | None:
    """A line's glyphs split into the runs the file draws: in the content stream's order, a run
    goes on while each glyph stands after the one before (never back over it) and nothing of
    another line is drawn between (`apart`); None where the file's order is not known."""
    if any("order" not in chars[g[6]] for g in line):
        return None
    runs: list[list[tuple]] = []
    for glyph in sorted(line, key=lambda g: chars[g[6]]["order"]):
        if (runs and not _over(runs[-1][-1], glyph) and glyph[1] >= runs[-1][-1][1]
                and not apart(runs[-1][-1], glyph)):
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    return runs


def _layered(runs: list[list[tuple]], opens_column) -> list[tuple[int, list[tuple]]] | None:
    """Each run with its layer (0 for the first): the runs left to right, each on the first layer
    where it overlaps no run; None where two runs cannot be told apart for certain (`overprint_layers`):
    the second of two that overlap must begin where a column of the page begins (`opens_column`)."""
    spans = sorted(runs, key=lambda r: (r[0][1], r[-1][2]))
    for run in spans:  # a run that is printed over itself is not one the file draws in one go
        ordered = sorted(run, key=lambda g: g[1])
        if _overprint(ordered) is not None:
            return None
    placed: list[tuple[int, list[tuple]]] = []
    for run in spans:
        layer = 0
        for other_layer, other in placed:
            if _overlap(other, run):
                reach = max(g[2] for g in other)
                if not (any(g[2] <= run[0][1] for g in other) and any(g[1] >= reach for g in run)
                        and opens_column(run[0])):
                    return None  # set at one place, one within the other, glyph by glyph, or in one column
                layer = max(layer, other_layer + 1)
        placed.append((layer, run))
    if all(layer == 0 for layer, _ in placed):
        return None  # printed over, yet no two runs apart: glyphs drawn in no order of their own
    return placed


def _overlap(a: Sequence[tuple], b: Sequence[tuple]) -> bool:
    """Whether a glyph of run `b` is printed over one of run `a`, or `b` begins where a glyph of `a`
    ends (a word gap or less: read by place, the two would be one word)."""
    return any(_touch(x, b[0]) for x in a) or any(
        _over(x, y) or _over(y, x) for x in a for y in b if min(x[2], y[2]) > max(x[1], y[1]))


def char_turn(char: dict) -> int:
    """How far a character is turned from upright, in degrees clockwise on the page: 0, 90, 180 or 270."""
    a, b = char["matrix"][0], char["matrix"][1]
    if abs(a) >= abs(b):
        return 0 if a > 0 else 180
    return 90 if b < 0 else 270


def text_turn(chars: Sequence[dict]) -> int:
    """The turn of most of the page's text (0 when it is upright)."""
    turns = Counter(char_turn(c) for c in chars[::SETTINGS.turn_sample])
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
    upright = []
    for c in chars:
        if char_turn(c) != turn:
            continue
        box = turned_box(c, turn, width, height)
        upright.append({**c, "x0": box.x0, "x1": box.x1, "top": box.top, "bottom": box.bottom,
                        "doctop": box.top, "upright": True, "size": box.bottom - box.top})
    return [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                 str(w.get("fontname", "")), round(float(w.get("size", 0.0)), 1))
            for w in extract_words(upright, extra_attrs=["fontname", "size"], x_tolerance_ratio=SETTINGS.word_gap_em)]


def group_lines(words: Iterable[Word]) -> list[TextLine]:
    """Words to lines, top to bottom, each line left to right: a word is on a
    line when its middle lies within the height of the line's first word
    (columns whose lines stand at other heights never chain into one)."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines:
            first = lines[-1][0]
            slack = SETTINGS.line_slack * (first.bottom - first.top)
            if first.top - slack <= (word.top + word.bottom) / 2 <= first.bottom + slack:
                lines[-1].append(word)
                continue
        lines.append([word])
    return [TextLine(tuple(sorted(line, key=lambda w: w.x0))) for line in lines]


def is_styled(line: TextLine, size: float) -> bool:
    """Whether the whole line is bold or set SETTINGS.larger than the body `size`: a heading's style."""
    return all(w.bold for w in line.words) or min(w.size for w in line.words) >= SETTINGS.larger * size


def is_symbol_glyph(word: Word) -> bool:
    """Whether a word is one glyph that a symbol font draws with no Unicode mapping (pdfminer's
    "(cid:136)"), or one glyph of a symbol font: TeX sets its bullet from the math symbols."""
    return bool(_UNMAPPED_GLYPH.fullmatch(word.text)) or (
        len(word.text) == 1 and _SYMBOL_FONT.search(word.font.rpartition("+")[2]) is not None)


def is_value(text: str) -> bool:
    """A labeled line, an email, a website or a place: what a center's block ends with."""
    return bool(classify_line(text)[0]) or parse_place(text) is not None


def is_address(text: str) -> bool:
    """Whether the line is an email or website line."""
    return classify_line(text.strip())[0] in ("Email", "Website")


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def address_host(address: str) -> str:
    """The host an email or web address names ("www.ct.gov/demhs": www.ct.gov)."""
    address = address.strip().rstrip(".,;")
    if "@" in address:
        return address.rpartition("@")[2]
    host = _SCHEME.sub("", address)
    return host.partition("/")[0].partition("?")[0].partition(":")[0]


@functools.lru_cache(maxsize=1)
def _suffixes():
    return PublicSuffixList(accept_unknown=False)


def known_host(host: str) -> bool:
    """Whether a public suffix (from the list `publicsuffixlist` ships, never fetched) ends the
    host under a name of its own: "as.gov" and "neorfc.us" are hosts, "asp.arkans" and
    "ic.html" are not."""
    host = host.casefold()
    suffix = _suffixes().publicsuffix(host) if "." in host else None
    return suffix is not None and suffix != host


def address_joined(words: Sequence[Word], lines: Sequence[TextLine]) -> list[Word] | None:
    """The page's words (`lines` their lines) with an email or web address's pieces joined where a
    gap narrower than the page's own word space parts them on their line (`word_space`, of the
    lines that hold no piece of an address: "@" or a "." inside a word): the piece before it names
    no host ("tewg@hamilton-co.or", "www.hamiltoncountyohio-te"), the two together name one
    ("…co.org"), and the piece after it starts no address of its own. The first piece holds the
    address's "@" or starts with its scheme or "www." (a word of initials, "U.S.", and the next
    word, "Virgin", name a host too: ".virgin" is a public suffix). An address holds no space,
    and a gap narrower than any the page sets between words is none: a printer that sets a glyph
    with another advance than its font's widths say (groff's minus for each hyphen, 0.56 em where
    the widths give the hyphen's 0.33) places the glyphs after it further on, where its next run
    of glyphs starts. The words keep the page's order; None where no address was parted so."""
    addressed = [line for line in lines if any(_address_piece(w.text) for w in line.words)]
    if not addressed:
        return None
    space = word_space([line for line in lines if not any(_address_piece(w.text) for w in line.words)])
    if not space:
        return None
    merged: dict[int, Word] = {}  # a first piece's id: the word it now is
    gone: set[int] = set()  # the ids of the pieces joined on to the piece before them
    for line in addressed:
        row = list(line.words)
        first = [id(w) for w in row]
        k = 0
        while k + 1 < len(row):
            a, b = row[k], row[k + 1]
            whole = a.text + b.text
            if (_address_start(a.text) and 0 < b.x0 - a.x1 < space and not _SCHEME.match(b.text) and not b.text.lower().startswith("www.")
                    and not ("@" in a.text and "@" in b.text) and is_address(whole)
                    and not known_host(address_host(a.text)) and known_host(address_host(whole))):
                row[k] = replace(a, text=whole, x1=b.x1, top=min(a.top, b.top), bottom=max(a.bottom, b.bottom),
                                 cut=a.cut or b.cut, overprinted=a.overprinted or b.overprinted,
                                 past_edge=a.past_edge or b.past_edge)
                merged[first[k]] = row[k]
                gone.add(first[k + 1])
                del row[k + 1], first[k + 1]
                continue
            k += 1
    if not merged:
        return None
    return [merged.get(id(w), w) for w in words if id(w) not in gone]


def _address_start(text: str) -> bool:
    """Whether a word opens an address for certain: it holds an "@", or starts with a scheme or
    "www." (a word of initials, "U.S.", joined to the next, "Virgin", names a host too)."""
    return "@" in text or bool(_SCHEME.match(text)) or text.lower().startswith("www.")


def _address_piece(text: str) -> bool:
    """Whether a word may be an address or a piece of one: it holds an "@", or a "." inside it."""
    return "@" in text or "." in text.strip(".,;:()")


def column_edges(words: Sequence[Word], lines: Sequence[TextLine] = (), cell: float = 0.0) -> tuple[float, ...]:
    """The x where SETTINGS.min_column_lines words or more start (within SETTINGS.edge_tolerance):
    the left edges of a page's columns, as the cells of a table line up. On a monospaced page
    (`cell`, its `lines`) every word starts on a cell of its column, so words line up by
    themselves: only a word that starts a line, or stands further from the word before it than a
    space (SETTINGS.gutter_spaces cells) and than the line's own word spaces (their median, within
    SETTINGS.justified_em: a justified line stretches its spaces alike, and its last words of one
    length end at its column's edge, so they start at one x), starts a column there."""
    if cell:
        starts = []
        for line in lines:
            gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:])]
            spaced = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
            starts.append(line.words[0].x0)
            starts += [b.x0 for gap, b in zip(gaps, line.words[1:])
                       if gap > SETTINGS.gutter_spaces * cell and gap > spaced + SETTINGS.justified_em * b.size]
        starts.sort()
    elif lines:
        # In proportional type a word after a space wider than SETTINGS.narrow_gutter_em that is
        # one of its line's evenly stretched spaces (within SETTINGS.justified_em of the lower
        # middle of its gaps) starts no column: justified lines end flush at their column's edge,
        # so their last words of one width ("Threat", "Fusion" in Times) start at one x.
        starts = []
        for line in lines:
            gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:])]
            spaced = sorted(gaps)[(len(gaps) - 1) // 2] if len(gaps) > 1 else None
            starts.append(line.words[0].x0)
            starts += [b.x0 for gap, b in zip(gaps, line.words[1:])
                       if spaced is None or gap <= SETTINGS.narrow_gutter_em * b.size
                       or abs(gap - spaced) > SETTINGS.justified_em * b.size]
        starts.sort()
    else:
        starts = sorted(w.x0 for w in words)
    edges: list[float] = []
    i = 0
    while i < len(starts):
        j = i
        while j + 1 < len(starts) and starts[j + 1] - starts[i] <= SETTINGS.edge_tolerance:
            j += 1
        if j + 1 - i >= SETTINGS.min_column_lines:
            edges.append(starts[i])
        i = j + 1
    return tuple(edges)
