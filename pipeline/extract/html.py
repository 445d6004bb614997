"""Extractor for a saved HTML page (DHS Drupal pages, the association's listing).

Entry point: `extract_html(data, source, sha256) -> Extraction`.

The page is read from its markup, not from text flattened out of the whole
page: the main content is found, navigation and other chrome are skipped, and
the content is turned into lines at `<br>` and at block elements, each line
with the line of the file where its text starts. Those lines then go through
the same rules as a text capture (`pipeline.extract.lines`), so an HTML page
and a capture of it give the same entries and blocks.

A large page (over `PIECEWISE_THRESHOLD` characters) is read the same way but
never as one tree: a cheap scan finds the outline bs4 would build, and the
content of each large element is parsed a piece at a time, so that peak memory
follows the piece size rather than the page size.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from html import parser as html_parser
from html.parser import HTMLParser
from typing import Callable, Iterator

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.builder import HTMLParserTreeBuilder

from pipeline.errors import PipelineError
from pipeline.extract import check_yield
from pipeline.extract.lines import (
    BOILERPLATE, SourceLine, build_contact_blocks, find_published, page_kind, parse_date, parse_list_item,
    section_designation,
)
from pipeline.records import (
    CENTER_LIST, CONTACT_LISTING, ContactBlock, Extraction, ListEntry, SourceDocument, SourceRef,
)

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
# Labels browsers read as Windows-1252 whatever they claim.
_WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "latin-1", "ascii", "cp1252"})


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


def declared_charset(data: bytes) -> str:
    """The codec a page names for itself (BOM, XML declaration or <meta>), or ""."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return codec
    head = data[:4096]
    m = _XML_ENCODING.match(head) or _DECLARED_CHARSET.search(head)
    if not m:
        return ""
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return ""
    return "cp1252" if name in _WINDOWS_1252_ALIASES else name


def decode_html(data: bytes, source: str) -> str:
    """Text of a page: its declared charset, else UTF-8, else Windows-1252.

    Line ends are unified to "\\n" so that line numbers match what an editor shows.
    """
    codec = declared_charset(data)
    if not codec.startswith("utf-16") and b"\x00" in data[:4096]:
        raise PipelineError("is a binary file, not an HTML page.", source=source)
    text = None
    for candidate in dict.fromkeys(c for c in (codec, "utf-8-sig") if c):
        try:
            text = data.decode(candidate)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        text = data.decode("cp1252", errors="replace")
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def count_lines(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


def parse_page(text: str, source: str) -> BeautifulSoup:
    if not _HTML_MARK.search(text):
        raise PipelineError("is not an HTML page: expected a doctype or an <html>, <head> or <body> tag.",
                            source=source)
    # html.parser records the line of every tag, which the line references need.
    return BeautifulSoup(text, "html.parser")


def _holds_structure(tag: Tag) -> bool:
    return tag.find(STRUCTURE_TAGS) is not None


def is_noise(tag: Tag) -> bool:
    """Chrome inside the content: menus, search and feedback forms, scripts."""
    if tag.name == "form":
        return not _holds_structure(tag)
    if tag.name in NOISE_TAGS:
        return True
    return str(tag.get("role", "")).lower() in NOISE_ROLES


def content_root(soup: BeautifulSoup) -> Tag:
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
        # Lines before the piece of markup being walked, when a large page is read in pieces.
        self.line_offset = 0
        self.parts: list[str] = []
        self.start: tuple[int, str, int] | None = None
        self.blocks: list[str] = []
        self.items: list[int] = []
        self.item_count = 0
        self.emphasis = 0  # depth of <strong>/<b> elements around the text
        self.bold_text = self.plain_text = False  # in the line being collected
        self.cell_heading = False  # the next line is the first of a row's first cell

    def enter_tag(self, tag: Tag) -> None:
        if tag.sourceline is not None:
            self.here = tag.sourceline + self.line_offset

    def open_block(self, name: str, first_cell: bool = False) -> None:
        self.flush()
        self.blocks.append(name)
        if name == "li":
            self.item_count += 1
            self.items.append(self.item_count)
        if name in CELL_TAGS:
            self.cell_heading = first_cell

    def close_block(self, name: str) -> None:
        self.flush()
        self.blocks.pop()
        if name == "li":
            self.items.pop()
        if name in CELL_TAGS:
            self.cell_heading = False

    def text(self, text: str) -> None:
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
        self.here += text.count("\n")

    def flush(self) -> None:
        joined = " ".join("".join(self.parts).split())
        if joined and self.start is not None:
            line, block, item = self.start
            heading = block in HEADING_TAGS or (self.bold_text and not self.plain_text) or self.cell_heading
            self.lines.append(HtmlLine(joined, line, block, item, True if heading else None))
            self.cell_heading = False
        self.parts = []
        self.start = None
        self.bold_text = self.plain_text = False


def _skip_element(writer: _LineWriter, tag: Tag) -> None:
    """Walk past skipped markup, keeping count of the file's lines."""
    writer.enter_tag(tag)
    for node in tag.descendants:
        if isinstance(node, Tag):
            writer.enter_tag(node)
        elif isinstance(node, NavigableString):
            writer.skip(str(node))


def _walk(writer: _LineWriter, top: PageElement, skip, skip_top: bool) -> None:
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


def html_lines(root: Tag, skip=is_noise) -> list[HtmlLine]:
    """The lines of text under `root`, skipping elements for which `skip` is true."""
    writer = _LineWriter(root.sourceline or 1)
    _walk(writer, root, skip, skip_top=False)
    writer.flush()
    return writer.lines


def _never_shown(tag: Tag) -> bool:
    return tag.name in ("script", "style", "noscript", "template", "head")


def canonical_url(soup: BeautifulSoup) -> str:
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


def list_entries(lines: list[HtmlLine], source: str, url: str) -> list[ListEntry]:
    """The items under the "Primary/Recognized Fusion Centers" headings.

    Another heading or the page's closing boilerplate ends a section, so a list
    of related links further down is not read as centers.
    """
    entries: list[ListEntry] = []
    designation = ""
    seen_items: set[int] = set()
    shown = 0  # list items and other lines under the headings
    for line in lines:
        kind = section_designation(line.text)
        if kind:
            designation = kind
            continue
        if BOILERPLATE.match(line.text) or line.block in HEADING_TAGS:
            designation = ""
            continue
        if designation and line.item not in seen_items:
            shown += 1
        if designation and line.item and line.item not in seen_items:
            seen_items.add(line.item)
            entries.append(parse_list_item(line.text, designation, SourceRef(source, line.line), url))
    first = next(line for line in lines if section_designation(line.text))
    if not entries:
        raise PipelineError(f'has the heading "{first.text}" but no list items under it: expected <li> '
                            "elements naming the fusion centers.", source=source, line=first.line)
    check_yield(shown, len(entries), "lines under its list headings", source, line=first.line)
    return entries


def contact_blocks(lines: list[HtmlLine], title: str, source: str, url: str) -> list[ContactBlock]:
    # The page title is not a center, even when it stands inside the content.
    body = [SourceLine(line.text, SourceRef(source, line.line), line.heading) for line in lines
            if not (line.block == "h1" and line.text == title)]
    return build_contact_blocks(body, url)


# A page with more text than this is read in pieces: its whole tree would take
# some fifty times its size in memory.
PIECEWISE_THRESHOLD = 4_000_000  # characters
# About how much markup is parsed into one tree at a time.
PIECE_SIZE = 500_000  # characters

_TREE_RULES = HTMLParserTreeBuilder()
# Elements never cut into pieces: their text is raw or typed by the element
# around it, or it is read whole (the title's <h1>, the <title>).
_NEVER_SPLIT = frozenset(_TREE_RULES.string_containers) | frozenset(HTMLParser.CDATA_CONTENT_ELEMENTS) | {
    "h1", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
}
# Appended to a piece that ends before the page does, so that its last text
# ends at a "<", as it does in the page; html.parser reads it as text, which
# is then taken off. Markup with a ">" could close a construct the page leaves open.
_PIECE_END = "<"


@dataclass(eq=False)
class _Element:
    """An element as the scan of a large page sees it, placed by character offsets.

    It answers the questions `is_noise` asks of a Tag (`name`, `get`, `find`).
    """

    name: str
    attrs: dict[str, str]
    sourceline: int | None
    start: int  # the "<" of its start tag
    content_start: int  # just after its start tag
    content_end: int = -1  # the end tag that closed it, or the end of the page
    in_string_container: bool = False  # inside a <script>, <template>, ... (text of another type)
    descendant_names: set[str] = field(default_factory=set)
    split: bool = False  # large: kept in the outline, its content read in pieces
    large_children: list["_Element"] = field(default_factory=list)
    # Starts of child elements where a piece may begin, with the void elements open to a stray end tag there.
    cuts: list[tuple[int, dict[str, int]]] = field(default_factory=list)
    last_cut: int = 0
    voids_at_start: dict[str, int] = field(default_factory=dict)
    voids_at_end: dict[str, int] = field(default_factory=dict)

    def get(self, key: str, default=None):
        return self.attrs.get(key, default)

    def find(self, names) -> "_Element | None":
        """Something truthy when an element named in `names` is inside this one."""
        names = (names,) if isinstance(names, str) else names
        return None if self.descendant_names.isdisjoint(names) else self


class _PageScan(HTMLParser):
    """One cheap pass over a large page: the outline bs4's html.parser tree would have.

    It keeps bs4's rules for opening and closing elements (void elements close
    at once, an end tag closes up to the latest open element of its name, one
    that matches none is ignored), so an element ends where it ends in the tree.
    Only large elements are kept, with places where their content can be cut;
    besides, the first element each content selector would pick, the first
    <body>, and the canonical address.
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)  # as bs4 sets it
        self.text = text
        self.document = _Element("[document]", {}, None, 0, 0, split=True)
        self.stack = [self.document]
        # Void elements (<br>, <img>) whose stray end tag bs4 would still swallow, by name.
        self.closed_void: dict[str, int] = {}
        self.selected: dict[str, _Element] = {}
        self.body: _Element | None = None
        self.canonical: str | None = None
        self.og_url: str | None = None
        self._line = 1
        self._line_start = 0

    def position(self) -> int:
        line, column = self.getpos()
        while self._line < line:
            self._line_start = self.text.index("\n", self._line_start) + 1
            self._line += 1
        return self._line_start + column

    def handle_starttag(self, tag, attrs) -> None:
        self._open(tag, attrs)
        if tag in _TREE_RULES.empty_element_tags:
            self._close(tag, self.position())
            self.closed_void = {**self.closed_void, tag: self.closed_void.get(tag, 0) + 1}

    def handle_startendtag(self, tag, attrs) -> None:
        self._open(tag, attrs)
        self._close(tag, self.position())

    def handle_endtag(self, tag) -> None:
        if self.closed_void.get(tag):
            self.closed_void = {**self.closed_void, tag: self.closed_void[tag] - 1}
        else:
            self._close(tag, self.position())

    def _open(self, name: str, attrs) -> None:
        start = self.position()
        parent = self.stack[-1]
        if start - parent.last_cut >= PIECE_SIZE:
            parent.cuts.append((start, self.closed_void))
            parent.last_cut = start
        element = _Element(
            name, {key: "" if value is None else value for key, value in attrs}, self.getpos()[0], start,
            start + len(self.get_starttag_text()), last_cut=start + len(self.get_starttag_text()),
            in_string_container=parent.in_string_container or parent.name in _TREE_RULES.string_containers,
            voids_at_start=self.closed_void)
        self.stack.append(element)
        self._note(element)

    def _note(self, element: _Element) -> None:
        attrs = element.attrs
        for selector, matches in (
                ("main", element.name == "main"), ("[role=main]", attrs.get("role") == "main"),
                ("#content", attrs.get("id") == "content"),
                (".field--name-body", "field--name-body" in attrs.get("class", "").split())):
            if matches and selector not in self.selected:
                self.selected[selector] = element
        if element.name == "body" and self.body is None:
            self.body = element
        if (element.name == "link" and "href" in attrs and self.canonical is None
                and "canonical" in (r.lower() for r in attrs.get("rel", "").split())):
            self.canonical = attrs["href"].strip()
        if element.name == "meta" and attrs.get("property") == "og:url" and self.og_url is None:
            self.og_url = attrs.get("content", "").strip()

    def _close(self, name: str, end: int) -> None:
        if not any(open_element.name == name for open_element in self.stack[1:]):
            return
        while True:
            element = self.stack.pop()
            self._finish(element, end)
            if element.name == name:
                return

    def _finish(self, element: _Element, end: int) -> None:
        element.content_end = end
        element.voids_at_end = self.closed_void
        parent = self.stack[-1]
        parent.descendant_names.update(element.descendant_names)
        parent.descendant_names.add(element.name)
        if end - element.start >= PIECE_SIZE and element.name not in _NEVER_SPLIT:
            element.split = True
            parent.large_children.append(element)
        else:  # read whole, if at all: its outline is not needed
            element.descendant_names = set()
            element.large_children = []
            element.cuts = []

    def close(self) -> None:
        super().close()
        while len(self.stack) > 1:
            self._finish(self.stack.pop(), len(self.text))
        self.document.content_end = len(self.text)

    def url(self) -> str:
        if self.canonical is not None:
            return self.canonical
        return self.og_url or ""

    def content_root(self) -> _Element:
        for selector in CONTENT_SELECTORS:
            if selector in self.selected:
                return self.selected[selector]
        return self.body or self.document


class _LineCounter:
    """Line numbers of offsets in a text, counted on from the last offset asked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def line_at(self, offset: int) -> int:
        if offset < self.offset:
            self.offset, self.line = 0, 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _has_stray_charref(text: str) -> bool:
    """Whether the text has a "&#" that is not a character reference.

    html.parser reads everything after the second such "&#" of a page as text,
    so where a piece of the page starts would change how the rest is read.
    """
    position = text.find("&#")
    while position >= 0:
        if not html_parser.charref.match(text, position):
            return True
        position = text.find("&#", position + 2)
    return False


def _parse_piece(text: str, start: int, end: int, voids: dict[str, int]) -> BeautifulSoup:
    """The tree of text[start:end], read as it is read within the page."""
    piece = text[start:end]
    # bs4 swallows the end tag of a void element met before it ("<br>...</br>"),
    # so the piece starts after as many of those as it has such end tags.
    seeds = [name for name, count in voids.items()
             for _ in range(min(count, len(re.findall(r"</\s*" + re.escape(name), piece, re.I))))]
    at_page_end = end >= len(text)
    soup = BeautifulSoup("".join(f"<{name}>" for name in seeds) + piece + ("" if at_page_end else _PIECE_END),
                         "html.parser")
    for _ in seeds:
        soup.contents[0].extract()
    if not at_page_end:
        _drop_piece_end(soup)
    return soup


def _drop_piece_end(soup: BeautifulSoup) -> None:
    """Take `_PIECE_END` off the last text of a piece, which then reads as it does in the page."""
    node: PageElement = soup
    while isinstance(node, Tag) and node.contents:
        node = node.contents[-1]
    if not (isinstance(node, NavigableString) and node.endswith(_PIECE_END)):
        return
    rest = str(node)[:-len(_PIECE_END)]
    if not rest:
        node.extract()
        return
    # What bs4 does to text of spaces only, outside <pre> and <textarea>.
    kept_as_is = any(parent.name in _TREE_RULES.preserve_whitespace_tags for parent in node.parents)
    if not kept_as_is and not rest.strip(BeautifulSoup.ASCII_SPACES):
        rest = "\n" if "\n" in rest else " "
    node.replace_with(type(node)(rest))


def _free(soup: BeautifulSoup) -> None:
    """Break up a piece's tree, all reference cycles, so that it is freed before
    the next piece is parsed, even while the cyclic collector is paused."""
    # Decomposing the BeautifulSoup object alone would leave its children whole.
    for node in list(soup.contents):
        node.decompose()
    soup.decompose()


def _piece(text: str, start: int, end: int, voids: dict[str, int], counter: _LineCounter) -> Iterator[tuple]:
    soup = _parse_piece(text, start, end, voids)
    try:
        yield "piece", soup, counter.line_at(start) - 1
    finally:
        _free(soup)


def _outline(text: str, element: _Element, counter: _LineCounter) -> Iterator[tuple]:
    """A split element in document order: ("open", element), ("piece", soup,
    lines before it), ... ("close", element), its large children in their place."""
    yield "open", element
    marks = sorted([(cut, 0, voids, None) for cut, voids in element.cuts]
                   + [(child.start, 1, {}, child) for child in element.large_children], key=lambda m: m[:2])
    position, voids = element.content_start, element.voids_at_start
    for offset, _, voids_there, child in marks:
        if offset > position:
            yield from _piece(text, position, offset, voids, counter)
        if child is None:
            position, voids = offset, voids_there
        else:
            yield from _outline(text, child, counter)
            position, voids = max(child.content_end, offset), child.voids_at_end
    if element.content_end > position:
        yield from _piece(text, position, element.content_end, voids, counter)
    yield "close", element


def _split_lines(text: str, root: _Element, skip,
                 on_piece: Callable[[BeautifulSoup], None] | None = None) -> Iterator[HtmlLine]:
    """`html_lines` of a split element, its content read one piece at a time."""
    writer = _LineWriter(root.sourceline or 1)
    skipped: _Element | None = None
    blocks: list[bool] = []
    for event, *rest in _outline(text, root, _LineCounter(text)):
        if event == "piece":
            soup, writer.line_offset = rest
            if on_piece is not None:
                on_piece(soup)
            for node in list(soup.contents):
                if skipped is None:
                    _walk(writer, node, skip, skip_top=True)
                elif isinstance(node, Tag):
                    _skip_element(writer, node)
                else:
                    writer.skip(str(node))
            yield from writer.lines
            writer.lines = []
            continue
        element = rest[0]
        if event == "open":
            if element.sourceline is not None:
                writer.here = element.sourceline
            if skipped is None and element is not root and skip(element):
                skipped = element
            opens_block = skipped is None and element.name in BLOCK_TAGS
            if opens_block:
                writer.open_block(element.name)
            blocks.append(opens_block)
        else:
            if blocks.pop():
                writer.close_block(element.name)
            if skipped is element:
                skipped = None
    writer.flush()
    yield from writer.lines


def _whole_element(text: str, element: _Element) -> tuple[Tag, int]:
    """A small element parsed on its own, and the lines before it."""
    end = max(element.content_end, element.content_start)
    soup = _parse_piece(text, element.start, end, element.voids_at_start)
    return soup.contents[0], text.count("\n", 0, element.start)


def _element_lines(text: str, element: _Element, skip=is_noise,
                   on_piece: Callable[[Tag], None] | None = None) -> Iterator[HtmlLine]:
    """`html_lines` of an element the scan found; `on_piece` sees each tree parsed."""
    if element.split:
        yield from _split_lines(text, element, skip, on_piece)
        return
    tag, before = _whole_element(text, element)
    if on_piece is not None:
        on_piece(tag)
    writer = _LineWriter(element.sourceline)
    writer.line_offset = before
    _walk(writer, tag, skip, skip_top=False)
    writer.flush()
    _free(tag.parent)
    yield from writer.lines


def _document_title(text: str, scan: _PageScan, look_for_h1: bool) -> str:
    """`page_title`'s fallbacks on a large page: an <h1> outside the chrome, else the <title>."""
    h1_text: str | None = None if look_for_h1 else ""
    title_text: str | None = None
    noisy: list[bool] = []
    for event, *rest in _outline(text, scan.document, _LineCounter(text)):
        if event == "open":
            noisy.append(is_noise(rest[0]))
        elif event == "close":
            noisy.pop()
        else:
            soup = rest[0]
            if h1_text is None and not any(noisy):
                h1 = next((h for h in soup.find_all("h1") if not any(is_noise(a) for a in h.parents)), None)
                if h1 is not None:
                    h1_text = _heading_text(h1)
            if title_text is None and soup.find("title") is not None:
                title_text = _heading_text(soup.find("title"))
            if h1_text or (h1_text is not None and title_text is not None):
                break
    return h1_text or title_text or ""


@dataclass(frozen=True)
class _PageReading:
    """What the extractor takes from a page's markup."""

    lines: list[HtmlLine]
    url: str
    title: str
    published_text: str


def _read_page(text: str, source: str) -> _PageReading:
    soup = parse_page(text, source)
    root = content_root(soup)
    lines = html_lines(root)
    published_text = find_published(line.text for line in lines)
    if not published_text:
        published_text = find_published(line.text for line in html_lines(soup, skip=_never_shown))
    return _PageReading(lines, canonical_url(soup), page_title(soup, root), published_text)


def _read_large_page(text: str, source: str) -> _PageReading | None:
    """`_read_page` for a large page, never holding the tree of more than a piece
    of it; None when its content cannot be read in pieces."""
    if not _HTML_MARK.search(text) or _has_stray_charref(text):
        return None
    scan = _PageScan(text)
    scan.feed(text)
    scan.close()
    root = scan.content_root()
    if root.in_string_container:
        return None
    h1_texts: list[str] = []

    def note_h1(tree: Tag) -> None:
        if not h1_texts:
            h1 = tree if tree.name == "h1" else tree.find("h1")
            if h1 is not None:
                h1_texts.append(_heading_text(h1))

    lines = list(_element_lines(text, root, on_piece=note_h1))
    if h1_texts:
        title = h1_texts[0] or _document_title(text, scan, look_for_h1=False)
    else:
        title = _document_title(text, scan, look_for_h1=True)
    published_text = find_published(line.text for line in lines)
    if not published_text:
        published_text = find_published(
            line.text for line in _element_lines(text, scan.document, skip=_never_shown))
    return _PageReading(lines, scan.url(), title, published_text)


def extract_html(data: bytes, source: str, sha256: str) -> Extraction:
    """Read one HTML page into its document, list entries and contact blocks."""
    text = decode_html(data, source)
    reading = _read_large_page(text, source) if len(text) > PIECEWISE_THRESHOLD else None
    if reading is None:
        reading = _read_page(text, source)
    lines, url, title = reading.lines, reading.url, reading.title
    # html.parser leaves markup it cannot read (a tag cut off) as text that starts with "<".
    if all(line.text.startswith("<") for line in lines):
        raise PipelineError("has no text in its content: the markup is broken or the page is empty.", source=source)
    kind = page_kind(tuple(line.text for line in lines))
    published_text = reading.published_text
    document = SourceDocument(
        source=source, sha256=sha256, form="html", kind=kind, url=url, title=title,
        published=parse_date(published_text), published_text=published_text,
        first_line=1, last_line=count_lines(text))
    if kind == CENTER_LIST:
        return Extraction((document,), list_entries=tuple(list_entries(lines, source, url)))
    if kind == CONTACT_LISTING:
        return Extraction((document,), blocks=tuple(contact_blocks(lines, title, source, url)))
    return Extraction((document,))
