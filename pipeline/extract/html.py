"""Extractor for a saved HTML page (DHS Drupal pages, the association's listing).

Reader: `read_html(data, source) -> Pages` (`pipeline.extract.model`); the
assembler reads the pages (`pipeline.extract.assemble`).

The page is read from its markup, not from text flattened out of the whole
page: the main content is found, navigation and other chrome are skipped, and
the content is turned into lines at `<br>` and at block elements, each line
with the line of the file where its text starts. Those lines then go through
the same assembler as a text capture's, so an HTML page and a capture of it
give the same entries and blocks.

A page over `MAX_HTML_BYTES` is refused: its tree would take some fifty times
its size in memory, and the real pages are 7 to 27 KB.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from pipeline.errors import PipelineError
from pipeline.extract.assemble import assemble
from pipeline.extract.css import Styles, inline_only, page_styles
from pipeline.extract.decoding import Decoded, codec_name, decode_source
from pipeline.extract.model import Line, Page, Pages
from pipeline.extract.shown import shown_in_line
from pipeline.extract.tables import column_fields, is_record_header
from pipeline.records import Extraction, SourceRef
from pipeline.text import is_web_address

# The largest page read, in bytes. The DHS and association pages are 7 to 27 KB;
# bs4's tree takes about fifty times a page's size, so 5 MB stays near 250 MB.
MAX_HTML_BYTES = 5_000_000
# Where the page's own content lives, most specific markup first.
CONTENT_SELECTORS = ("main", "[role=main]", "#content", ".field--name-body")
# Elements that end a line of text before and after them.
BLOCK_TAGS = frozenset({
    "p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd",
    "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "caption", "section", "article",
    "main", "blockquote", "pre", "address", "figure", "figcaption", "fieldset", "hr",
    "body", "html", "center",
})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Inline elements that mark a heading when they hold a whole line ("<b>Name</b><br>").
EMPHASIS_TAGS = frozenset({"strong", "b"})
CELL_TAGS = ("td", "th")
# Page chrome and things a reader never sees as text.
NOISE_TAGS = frozenset({
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "textarea", "input", "label", "svg", "iframe", "object", "head", "title",
})
NOISE_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary"})
# A form holding these is page structure (ASP.NET wraps the whole page in one), not a widget.
STRUCTURE_TAGS = ("main", "table", "ul", "ol", "h1", "h2")

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.\-]+)["']""")
_HTML_MARK = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)


@dataclass(frozen=True)
class HtmlLine:
    """One line of text of the page's content and where it starts in the file."""

    text: str  # whitespace collapsed, inline markup joined
    line: int  # 1-based line of the file where the text starts
    block: str  # the innermost block element it starts in ("p", "li", "td", ...)
    item: int  # serial number of the <li> it starts in, 0 when none
    # True where the markup marks a heading: a heading element, a <strong> or
    # <b> holding the whole line, the first line of a table row's first cell.
    heading: bool | None = None
    cells: tuple[str, ...] = ()  # a data table's row: its cells, spans filled in
    header: bool = False  # a data table's header row
    hidden: bool = False  # text the page holds but does not show (`is_concealed`)
    markup: bool = False  # declared in the page's JSON-LD or microdata (`declared_lines`), not shown


def meta_charset(data: bytes) -> str:
    """The charset a page names for itself (XML declaration or <meta>), or "".

    A page cannot name UTF-16 in its own ASCII bytes: such a label means UTF-8,
    as browsers read it (WHATWG HTML, "prescan a byte stream").
    """
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _DECLARED_CHARSET.search(head)
    if not m:
        return ""
    label = m.group(1).decode("ascii")
    return "utf-8" if codec_name(label).startswith("utf_16") or codec_name(label).startswith("utf-16") else label


def decode_html(data: bytes, source: str, charset: str = "") -> Decoded:
    """Text of a page: a byte-order mark, the server's charset, the page's own,
    UTF-8, else a guess that the result notes (`decoding.decode_source`).

    Line ends are unified to "\\n" so that line numbers match what an editor shows.
    """
    decoded = decode_source(data, source, "an HTML page", charset, meta_charset(data))
    return Decoded(decoded.text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), decoded.note)


def count_lines(text: str) -> int:
    """How many lines `text` has, counting a last line that has no line end."""
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


def parse_page(text: str, source: str) -> BeautifulSoup:
    """The page parsed by html.parser; a PipelineError naming `source` when the
    text has no doctype, <html>, <head> or <body> tag."""
    if not _HTML_MARK.search(text):
        if text.lstrip().startswith("<"):  # elements without the page around them
            raise PipelineError("is a fragment of an HTML page, not a whole page: it has no doctype, <html>, <head> "
                                "or <body> tag; save the whole page.", source=source)
        raise PipelineError("is not an HTML page: expected a doctype or an <html>, <head> or <body> tag.",
                            source=source)
    # html.parser records the line of every tag, which the line references need.
    return BeautifulSoup(text, "html.parser")


def _holds_structure(tag: Tag) -> bool:
    return tag.find(STRUCTURE_TAGS) is not None


def is_hidden(tag: Tag, styles: Styles | None = None) -> str:
    """How markup takes an element out of the page, "" when it does not: the `hidden`
    attribute, `aria-hidden="true"`, or a style (inline, or by the page's own
    stylesheet rules when `styles` has them) of `display: none` or `visibility:
    hidden` (`<template>` and `<noscript>` are noise tags). Pages hide menus and
    dialogs this way: such text is reported only when it holds a contact value."""
    if tag.has_attr("hidden"):
        return "the hidden attribute"
    if str(tag.get("aria-hidden", "")).strip().lower() == "true":
        return "aria-hidden"
    style = (styles or inline_only()).style(tag)
    if style.get("display") == "none":
        return "display: none"
    if style.get("visibility") in ("hidden", "collapse"):
        return "visibility: hidden"
    return ""


_ZERO = re.compile(r"^-?0*\.?0*(?:px|pt|em|rem|%|vh|vw)?$")
_FAR = re.compile(r"^-(?:\d{4,}|[1-9]\d{2,}\.?\d*)(?:px|pt)?$|^-\d{2,}(?:em|rem|vw|vh|%)$")
# The CSS colour keywords a page is likely to hide text with, as (red, green, blue, alpha).
_NAMED = {"white": (255, 255, 255, 1.0), "black": (0, 0, 0, 1.0), "transparent": (0, 0, 0, 0.0)}
_HEX = re.compile(r"#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})")
_RGB = re.compile(r"rgba?\(([\d.%]+)[, ]([\d.%]+)[, ]([\d.%]+)(?:[,/]([\d.%]+))?\)")
_COLOUR_TOKEN = re.compile(r"#[0-9a-f]{3,8}|rgba?\([^)]*\)|[a-z]+(?![a-z(])")
# Text within this much of its background on every channel (of 255) cannot be told from it.
_SAME_COLOUR = 8


def _colour(value: str) -> tuple[float, float, float, float] | None:
    """A CSS colour as (red, green, blue, alpha): a keyword of `_NAMED`, #rgb(a), #rrggbb(aa)
    or rgb()/rgba() with commas or spaces; None for any other."""
    if value in _NAMED:
        return _NAMED[value]
    m = _HEX.fullmatch(value)
    if m:
        digits = m.group(1)
        if len(digits) <= 4:
            digits = "".join(d * 2 for d in digits)
        channels = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
        return (*channels[:3], channels[3] / 255 if len(channels) == 4 else 1.0)
    m = _RGB.fullmatch(value)
    if m:
        def channel(text: str, scale: float) -> float:
            """A channel's value: a number, or a percentage of `scale`."""
            return float(text[:-1]) * scale / 100 if text.endswith("%") else float(text)
        try:
            alpha = channel(m.group(4), 1.0) if m.group(4) else 1.0
            return (*(channel(m.group(i), 255) for i in (1, 2, 3)), alpha)
        except ValueError:
            return None
    return None


def _background(tag: Tag, styles: Styles) -> tuple[float, float, float, float] | None:
    """The background colour an element shows through: its own or its nearest ancestor's
    that is not transparent; white when none sets one, None when it is an image or unknown.
    Remembered for each element (`styles.backgrounds`), so deep nesting costs one walk."""
    unknown = object()
    path: list[Tag] = []
    found = unknown
    for element in (tag, *tag.parents):
        if not isinstance(element, Tag) or element.name == "[document]":
            break
        if id(element) in styles.backgrounds:
            found = styles.backgrounds[id(element)]
            break
        path.append(element)
        value = styles.style(element).get("background-color") or styles.style(element).get("background", "")
        if not value or value in ("none", "transparent", "inherit", "initial", "unset"):
            continue
        m = _COLOUR_TOKEN.match(value)
        colour = _colour(m.group(0)) if m else None
        if colour is None or colour[3] > 0:
            found = colour
            break
    if found is unknown:
        found = _NAMED["white"]
    for element in path:
        styles.backgrounds[id(element)] = found
        styles.held.append(element)
    return found


def is_concealed(tag: Tag, styles: Styles | None = None) -> str:
    """How a style (inline, or by the page's stylesheet rules) keeps an element's text
    out of sight, "" when it does not: `opacity: 0`, `font-size: 0`, a position far off
    the page (left or top at -1000px or beyond, or a text-indent as far), `height: 0`
    (or max-height) with `overflow: hidden`, or the text coloured as its background (white
    on a page with none) or transparent. Such text is not read; it is kept as hidden and
    reported."""
    style = (styles or inline_only()).style(tag)
    if not style:
        return ""
    if _ZERO.match(style.get("opacity", "1")):
        return "opacity: 0"
    if "font-size" in style and _ZERO.match(style["font-size"]):
        return "font-size: 0"
    if style.get("position") in ("absolute", "fixed") and any(
            _FAR.match(style.get(side, "")) for side in ("left", "top", "right")):
        return "a position off the page"
    if _FAR.match(style.get("text-indent", "")):
        return "a text indent off the page"
    if style.get("overflow") in ("hidden", "clip") and any(
            _ZERO.match(style.get(p, "x")) for p in ("height", "max-height", "width", "max-width")):
        return "a size of 0 with its overflow hidden"
    colour = _colour(style.get("color", ""))
    if colour is not None:
        if colour[3] == 0:
            return "transparent text"
        background = _background(tag, styles or inline_only())
        if background is not None and all(abs(a - b) <= _SAME_COLOUR for a, b in zip(colour[:3], background[:3])):
            return "text coloured as its background"
    return ""


def is_chrome(tag: Tag) -> bool:
    """Chrome inside the content: menus, search and feedback forms, scripts."""
    if tag.name == "form":
        return not _holds_structure(tag)
    if tag.name in NOISE_TAGS:
        return True
    return str(tag.get("role", "")).lower() in NOISE_ROLES


def is_noise(tag: Tag) -> bool:
    """Chrome inside the content (`is_chrome`), and anything the markup hides from a reader (`is_hidden`)."""
    return is_chrome(tag) or bool(is_hidden(tag))


def content_root(soup: BeautifulSoup) -> Tag:
    """The element that holds the page's content: the first of CONTENT_SELECTORS
    the page has ("main", "[role=main]"…), else its <body>, else the whole page."""
    for selector in CONTENT_SELECTORS:
        found = soup.select_one(selector)
        if found is not None:
            return found
    return soup.body or soup


class _LineWriter:
    """Collects text into lines while the tree is walked in document order.

    `here` follows the file's line as the walk goes: each tag resets it to the
    tag's recorded line and each piece of text moves it on by its newlines, so
    text after a `<br>` or an inline tag gets its own line, not its parent's.
    """

    def __init__(self, start_line: int) -> None:
        self.lines: list[HtmlLine] = []
        self.here = start_line
        self.parts: list[str] = []
        self.start: tuple[int, str, int] | None = None
        self.blocks: list[str] = []
        self.items: list[int] = []
        self.item_count = 0
        self.emphasis = 0  # depth of <strong>/<b> elements around the text
        self.bold_text = self.plain_text = False  # in the line being collected
        self.cell_heading = False  # the next line is the first of a row's first cell
        self.hidden: list[HtmlLine] = []  # text not shown, kept after the line it stands in

    def enter_tag(self, tag: Tag) -> None:
        """Move `here` to the tag's line, when html.parser recorded one."""
        if tag.sourceline is not None:
            self.here = tag.sourceline

    def open_block(self, name: str, first_cell: bool = False) -> None:
        """Enter a block element: end the line being collected and note the block; a
        list item gets its number, and a row's first cell marks its first line a heading."""
        self.flush()
        self.blocks.append(name)
        if name == "li":
            self.item_count += 1
            self.items.append(self.item_count)
        if name in CELL_TAGS:
            self.cell_heading = first_cell

    def close_block(self, name: str) -> None:
        """Leave a block element, ending the line being collected."""
        self.flush()
        self.blocks.pop()
        if name == "li":
            self.items.pop()
        if name in CELL_TAGS:
            self.cell_heading = False

    def text(self, text: str) -> None:
        """Add a piece of text to the line being collected, noting the line it starts
        on and whether it is bold."""
        if self.start is None and text.strip():
            leading = text[:len(text) - len(text.lstrip())]
            self.start = (self.here + leading.count("\n"), self.blocks[-1] if self.blocks else "",
                          self.items[-1] if self.items else 0)
        if text.strip():
            if self.emphasis:
                self.bold_text = True
            else:
                self.plain_text = True
        self.parts.append(text)
        self.skip(text)

    def skip(self, text: str) -> None:
        """Count the line ends of text that is not read, so `here` keeps the file's line."""
        self.here += text.count("\n")

    def flush(self) -> None:
        """End the line being collected: keep it, its whitespace collapsed, when it
        holds text, marked a heading when its element, its bold or its cell says so."""
        joined = " ".join("".join(self.parts).split())
        if joined and self.start is not None:
            line, block, item = self.start
            heading = block in HEADING_TAGS or (self.bold_text and not self.plain_text) or self.cell_heading
            self.lines.append(HtmlLine(joined, line, block, item, True if heading else None))
            self.cell_heading = False
        self.lines.extend(self.hidden)
        self.hidden = []
        self.parts = []
        self.start = None
        self.bold_text = self.plain_text = False


def not_shown(tag: Tag, styles: Styles) -> tuple[str, bool]:
    """(how, always) when the page does not show an element: `is_hidden` (a page's way
    of keeping menus and dialogs, reported only when it holds a contact value) or
    `is_concealed` (a trick, always reported); ("", False) when it is shown."""
    how = is_hidden(tag, styles)
    if how:
        return how, False
    how = is_concealed(tag, styles)
    return how, bool(how)


def _kept_hidden(text: str, always: bool) -> bool:
    """Whether text not shown is kept (to be reported): always for a trick, else when it holds a contact value."""
    return bool(text) and (always or bool(shown_in_line(text, SourceRef("", 0), listing=False)))


def _concealed_line(writer: _LineWriter, tag: Tag, always: bool) -> None:
    """Keep the text of an element the page does not show as one hidden line (`_kept_hidden`):
    after the line it stands in, when it is inline, so the shown line stays whole."""
    text = " ".join(tag.get_text(" ").split())
    if tag.name in BLOCK_TAGS:
        writer.flush()
    if _kept_hidden(text, always):
        writer.hidden.append(HtmlLine(text, tag.sourceline or writer.here, tag.name, 0, None, hidden=True))
    if tag.name in BLOCK_TAGS:
        writer.flush()
    _skip_element(writer, tag)


def cell_text(cell: Tag, styles: Styles) -> tuple[str, list[str]]:
    """A table cell's shown text, whitespace collapsed, and the texts of its elements the page
    does not show that are kept to be reported (`_kept_hidden`); "" for chrome."""
    if is_chrome(cell):
        return "", []
    how, always = not_shown(cell, styles)
    if how:
        text = " ".join(cell.get_text(" ").split())
        return "", [text] if _kept_hidden(text, always) else []
    shown, hidden = [], []
    stack: list[PageElement] = list(reversed(cell.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, Tag):
            if is_chrome(node):
                continue
            how, always = not_shown(node, styles)
            if how:
                text = " ".join(node.get_text(" ").split())
                if _kept_hidden(text, always):
                    hidden.append(text)
                continue
            stack.extend(reversed(node.contents))
        elif type(node) is NavigableString:
            shown.append(str(node))
    return " ".join(" ".join(shown).split()), hidden


def table_grid(table: Tag, styles: Styles | None = None) -> list[tuple[Tag, list[str], bool, list[str]]]:
    """A table's rows as (row element, cell texts, header, hidden texts) with its spans
    filled in: a cell spanning rows (`rowspan`) or columns (`colspan`) stands in every
    position it covers. A row of <th> cells only, or in <thead>, is a header. A cell's
    text is what the page shows of it (`cell_text`); what it hides is the row's hidden texts."""
    styles = styles or inline_only()
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    grid: dict[tuple[int, int], str] = {}
    out = []
    for r, tr in enumerate(rows):
        column = 0
        cells = [c for c in tr.find_all(CELL_TAGS) if c.find_parent("tr") is tr]
        hidden: list[str] = []
        row_how, row_always = not_shown(tr, styles)
        for cell in cells:
            while (r, column) in grid:
                column += 1
            text, secret = cell_text(cell, styles)
            if row_how:
                text, secret = "", [t for t in [text, *secret] if _kept_hidden(t, row_always)]
            hidden.extend(secret)
            rowspan = _span(cell.get("rowspan"), len(rows) - r)
            colspan = _span(cell.get("colspan"), 1000)
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, column + dc)] = text
            column += colspan
        width = max((c for (row, c) in grid if row == r), default=-1) + 1
        header = tr.find_parent("thead") is not None or (bool(cells) and all(c.name == "th" for c in cells))
        out.append((tr, [grid.get((r, c), "") for c in range(width)], header, hidden))
    return out


def _span(value, most: int) -> int:
    text = str(value or "1").strip()
    return max(1, min(int(text), most)) if text.isdigit() else 1


def _data_table(table: Tag, styles: Styles) -> list[tuple[Tag, list[str], bool, list[str]]] | None:
    """A table's rows when it is a data table whose header names a center's fields (`tables.is_record_header`)."""
    if table.find("th") is None and table.find("thead") is None:
        return None
    rows = table_grid(table, styles)
    headers = [cells for _, cells, header, _ in rows if header] or [rows[0][1]] if rows else []
    if not headers or not is_record_header(column_fields(headers)):
        return None
    return rows


def _table_rows(writer: _LineWriter, rows: list[tuple[Tag, list[str], bool, list[str]]], table: Tag) -> None:
    """Write a data table's rows as lines with cells, each followed by the text it hides as hidden lines."""
    writer.flush()
    for tr, cells, header, hidden in rows:
        at = tr.sourceline or writer.here
        writer.lines.append(HtmlLine(" ".join(c for c in cells if c), at, "tr", 0, None, cells=tuple(cells),
                                     header=header))
        writer.lines.extend(HtmlLine(text, at, "tr", 0, None, hidden=True) for text in hidden)
    _skip_element(writer, table)


def _skip_element(writer: _LineWriter, tag: Tag) -> None:
    """Walk past skipped markup, keeping count of the file's lines."""
    writer.enter_tag(tag)
    for node in tag.descendants:
        if isinstance(node, Tag):
            writer.enter_tag(node)
        elif isinstance(node, NavigableString):
            writer.skip(str(node))


def _walk(writer: _LineWriter, top: PageElement, skip, skip_top: bool, styles: Styles) -> None:
    """Write the lines of `top` and everything under it."""
    # Iterative walk: a page of unclosed tags nests deeper than Python's recursion allows.
    stack: list[tuple[object, bool]] = [(top, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            if node.name in EMPHASIS_TAGS:
                writer.emphasis -= 1
            else:
                writer.close_block(node.name)
            continue
        if isinstance(node, Tag):
            if (skip_top or node is not top) and skip(node):
                _skip_element(writer, node)
                continue
            how, always = not_shown(node, styles) if skip_top or node is not top else ("", False)
            if how:
                _concealed_line(writer, node, always)
                continue
            if node.name == "table":
                rows = _data_table(node, styles)
                if rows:
                    _table_rows(writer, rows, node)
                    continue
            writer.enter_tag(node)
            if node.name == "br":
                writer.flush()
                continue
            if node.name in BLOCK_TAGS:
                first_cell = node.name in CELL_TAGS and node.find_previous_sibling(CELL_TAGS) is None
                writer.open_block(node.name, first_cell)
                stack.append((node, True))
            elif node.name in EMPHASIS_TAGS:
                writer.emphasis += 1
                stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
        elif isinstance(node, NavigableString):
            if type(node) is NavigableString:  # not a comment, doctype or CDATA section
                writer.text(str(node))
            else:
                writer.skip(str(node))


def html_lines(root: Tag, skip=is_chrome, styles: Styles | None = None) -> list[HtmlLine]:
    """The lines of text under `root`, skipping elements for which `skip` is true; what the
    page does not show (`not_shown`, by inline styles and `styles`' rules) as hidden lines."""
    styles = styles or inline_only()
    writer = _LineWriter(root.sourceline or 1)
    # An element hidden around the content hides all of it (`body { display: none }`).
    around = (not_shown(a, styles) for a in (root, *root.parents) if isinstance(a, Tag) and a.name != "[document]")
    how, always = next((shown for shown in around if shown[0]), ("", False))
    if how:
        _concealed_line(writer, root, always)
    else:
        _walk(writer, root, skip, skip_top=False, styles=styles)
    writer.flush()
    return writer.lines


def _never_shown(tag: Tag) -> bool:
    return tag.name in ("script", "style", "noscript", "template", "head")


def canonical_url(soup: BeautifulSoup) -> str:
    """The address the page gives for itself (canonical link, else og:url), verbatim; "" when none."""
    for link in soup.find_all("link", href=True):
        rel = link.get("rel") or []
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "canonical" in (r.lower() for r in rels):
            return link["href"].strip()
    og = soup.find("meta", attrs={"property": "og:url"})
    if og is not None and og.get("content"):
        return og["content"].strip()
    return ""


def _heading_text(tag: Tag | None) -> str:
    return " ".join(tag.get_text(" ").split()) if tag is not None else ""


def page_title(soup: BeautifulSoup, root: Tag) -> str:
    """The page's <h1> (in the content, else outside the chrome), else its <title>."""
    h1 = root.find("h1") if root.name != "h1" else root
    if h1 is None:
        h1 = next((h for h in soup.find_all("h1") if not any(is_noise(a) for a in h.parents)), None)
    title = _heading_text(h1)
    if title:
        return title
    return _heading_text(soup.find("title"))


# schema.org properties that give a center's contact values, and the label each is read under.
_DECLARED_LABELS = {"telephone": "Phone", "faxNumber": "Fax", "email": "Email", "url": "Website"}
_CONTACT_KEYS = frozenset({"telephone", "faxNumber", "email", "address", "contactPoint"})
# The most JSON-LD objects read from one page, and how deep: a page of centers has some 80.
MAX_DECLARED_OBJECTS = 10_000
MAX_DECLARED_DEPTH = 20
# The most microdata properties read from one page: 80 centers give some 700.
MAX_ITEM_PROPERTIES = 5_000


def _declared_objects(data, depth: int = 0):
    """The objects of a JSON-LD document that name something and give a contact value
    (a telephone, fax, email, address or contact point), nested ones included."""
    if depth > MAX_DECLARED_DEPTH:
        return
    if isinstance(data, list):
        for item in data[:MAX_DECLARED_OBJECTS]:
            yield from _declared_objects(item, depth + 1)
    elif isinstance(data, dict):
        if isinstance(data.get("name"), str) and _CONTACT_KEYS & data.keys():
            yield data
        for key, value in data.items():
            if key != "address" and isinstance(value, (list, dict)):
                yield from _declared_objects(value, depth + 1)


def _strings(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [" ".join(v.split()) for v in values if isinstance(v, str) and v.strip()]


def _declared_place(address) -> str:
    if isinstance(address, list):
        address = address[0] if address else ""
    if isinstance(address, str):
        return " ".join(address.split())
    if isinstance(address, dict):
        return ", ".join(t for t in (_strings(address.get("addressLocality")) + _strings(address.get("addressRegion")))[:2])
    return ""


def _object_lines(obj: dict, line: int) -> list[HtmlLine]:
    """One declared organisation as lines of a contact block, each at file line `line`: its
    name (a heading), its place ("Locality, Region"), and "Label: value" for each telephone,
    fax, email and web address of it and its contact points."""
    name = " ".join(obj["name"].split())
    made = [HtmlLine(name, line, "script", 0, True, markup=True)]
    place = _declared_place(obj.get("address"))
    if place:
        made.append(HtmlLine(place, line, "script", 0, False, markup=True))
    points = [obj] + [p for p in (obj.get("contactPoint") if isinstance(obj.get("contactPoint"), list)
                                  else [obj.get("contactPoint")]) if isinstance(p, dict)]
    for point in points:
        for key, label in _DECLARED_LABELS.items():
            if key == "url" and point is not obj:
                continue
            for value in _strings(point.get(key)):
                value = value.removeprefix("mailto:").removeprefix("tel:")
                made.append(HtmlLine(f"{label}: {value}", line, "script", 0, False, markup=True))
    return made


def _json_ld_objects(soup: BeautifulSoup):
    """(object, file line of its name) for each organisation a page's JSON-LD declares
    (`_declared_objects`); a script that is not JSON is not read."""
    for script in soup.find_all("script"):
        if str(script.get("type", "")).split(";")[0].strip().lower() != "application/ld+json":
            continue
        text = script.string or ""
        try:
            data = json.loads(text)
        except ValueError:
            continue
        start = script.sourceline or 1
        for count, obj in enumerate(_declared_objects(data)):
            if count == MAX_DECLARED_OBJECTS:
                break
            at = text.find(json.dumps(obj["name"])[1:-1])
            yield obj, start + (text[:at].count("\n") if at >= 0 else 0)


# Elements whose microdata value is an attribute, not their text (WHATWG HTML, "Values").
_ITEM_VALUE_ATTRIBUTES = {"meta": "content", "a": "href", "area": "href", "link": "href", "audio": "src",
                          "embed": "src", "iframe": "src", "img": "src", "source": "src", "track": "src",
                          "video": "src", "object": "data", "data": "value", "meter": "value", "time": "datetime"}


def _item(scope: Tag, depth: int = 0) -> dict:
    """A microdata item (an element with `itemscope`) as a JSON-LD-like object: each of its
    properties (`itemprop`, space-separated names, on elements whose nearest item is this one)
    under its name, a list when given more than once; a property that is itself an item
    (an address, a contact point) as an object, read to MAX_DECLARED_DEPTH."""
    item: dict = {}
    stack = list(reversed(scope.contents))
    while stack:
        node = stack.pop()
        if not isinstance(node, Tag):
            continue
        names = str(node.get("itemprop", "")).split()
        nested = node.has_attr("itemscope")
        if names:
            if nested:
                value = _item(node, depth + 1) if depth < MAX_DECLARED_DEPTH else {}
            elif node.name in _ITEM_VALUE_ATTRIBUTES and node.has_attr(_ITEM_VALUE_ATTRIBUTES[node.name]):
                value = str(node.get(_ITEM_VALUE_ATTRIBUTES[node.name]))
            else:
                value = " ".join(node.get_text(" ").split())
            for name in names:
                item.setdefault(name, []).append(value)
        if not nested:
            stack.extend(reversed(node.contents))
    return {key: values[0] if len(values) == 1 else values for key, values in item.items()}


def _microdata_objects(soup: BeautifulSoup, source: str):
    """(object, file line of its element) for each microdata item that names something and
    gives a contact value (as `_declared_objects`), nested ones included. A page with more
    than MAX_ITEM_PROPERTIES properties is refused (items nested in items are read once
    for each item around them)."""
    if len(soup.find_all(attrs={"itemprop": True}, limit=MAX_ITEM_PROPERTIES + 1)) > MAX_ITEM_PROPERTIES:
        raise PipelineError(f"has more than {MAX_ITEM_PROPERTIES:,} microdata properties (itemprop): no page of "
                            "centers comes near it.", source=source)
    count = 0
    for scope in soup.find_all(attrs={"itemscope": True}):
        item = _item(scope)
        name = item.get("name")
        if isinstance(name, list):
            name = next((n for n in name if isinstance(n, str)), None)
        if isinstance(name, str) and name.strip() and _CONTACT_KEYS & item.keys():
            yield {**item, "name": name}, scope.sourceline or 1
            count += 1
            if count == MAX_DECLARED_OBJECTS:
                return


def declared_lines(soup: BeautifulSoup, source: str = "") -> list[HtmlLine]:
    """What the page declares in machine-readable markup about the organisations it names:
    JSON-LD (`<script type="application/ld+json">`) and microdata (`itemscope`/`itemprop`,
    schema.org's `telephone`, `faxNumber`, `email`, `url`, `address`, `contactPoint`), as
    lines of contact blocks (`_object_lines`), each at the file line where the object's name
    is written (JSON-LD) or its item's element starts (microdata)."""
    lines: list[HtmlLine] = []
    for obj, line in [*_json_ld_objects(soup), *_microdata_objects(soup, source)]:
        lines.extend(_object_lines(obj, line))
    return lines


def _model_line(line: HtmlLine, source: str, furniture: bool = False) -> Line:
    level = int(line.block[1]) if line.block in HEADING_TAGS else 0
    return Line(line.text, SourceRef(source, line.line), line.heading, level, line.item, cells=line.cells,
                header=line.header, furniture=furniture, hidden=line.hidden, markup=line.markup)


def read_html(data: bytes, source: str, *, charset: str = "", fallback_url: str = "") -> Pages:
    """One HTML page as one page of lines: its content's lines with their marks
    (heading elements and their level, whole-line bold, a row's first cell, list
    items), and the page's other lines (outside its content, never those of
    scripts or styles) as furniture. `charset` is the one the server declared,
    if known, and `fallback_url` the address the manifest gives the file, used
    where the page names none fit to use."""
    if len(data) > MAX_HTML_BYTES:
        raise PipelineError(f"is an HTML page of {len(data):,} bytes, over the {MAX_HTML_BYTES:,} this reader "
                            "takes: no page of fusion centers comes near it.", source=source)
    decoded = decode_html(data, source, charset)
    text = decoded.text
    soup = parse_page(text, source)
    root = content_root(soup)
    styles = page_styles(soup, source)
    lines = html_lines(root, styles=styles)
    # html.parser leaves markup it cannot read (a tag cut off) as text that starts with "<".
    if all(line.text.startswith("<") for line in lines):
        raise PipelineError("has no text in its content: the markup is broken or the page is empty.", source=source)
    content = {(line.line, line.text) for line in lines}
    around = [line for line in html_lines(soup, skip=_never_shown, styles=styles) if (line.line, line.text) not in content]
    given = canonical_url(soup)
    # Only a well-formed http(s) address is ever written as the page's address.
    rejected = given if given and not is_web_address(given) else ""
    url = fallback_url if rejected or not given else given
    page_lines = tuple(_model_line(line, source) for line in lines) + tuple(
        _model_line(line, source, furniture=True) for line in around) + tuple(
        _model_line(line, source) for line in declared_lines(soup, source))
    return Pages(source, "html", (Page(page_lines, 1, count_lines(text)),), url=url,
                 title=page_title(soup, root), encoding_note=decoded.note, rejected_url=rejected)


def extract_html(data: bytes, source: str, sha256: str, *, charset: str = "", fallback_url: str = "") -> Extraction:
    """Read one HTML page into its document, list entries and contact blocks (`read_html`, then the assembler)."""
    return assemble(read_html(data, source, charset=charset, fallback_url=fallback_url), sha256)
