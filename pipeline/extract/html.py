"""Extractor for a saved HTML page (DHS Drupal pages, the association's listing).

Entry point: `extract_html(data, source, sha256) -> Extraction`.

The page is read from its markup, not from text flattened out of the whole
page: the main content is found, navigation and other chrome are skipped, and
the content is turned into lines at `<br>` and at block elements, each line
with the line of the file where its text starts. Those lines then go through
the same rules as a text capture (`pipeline.extract.lines`), so an HTML page
and a capture of it give the same entries and blocks.

A page over `MAX_HTML_BYTES` is refused: its tree would take some fifty times
its size in memory, and the real pages are 7 to 27 KB.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from pipeline.errors import PipelineError
from pipeline.extract import check_yield
from pipeline.extract.shown import shown_values
from pipeline.extract.decoding import Decoded, codec_name, decode_source
from pipeline.extract.lines import (
    BOILERPLATE, SourceLine, build_contact_blocks, find_published, page_kind, parse_date, parse_list_item,
    section_designation,
)
from pipeline.records import (
    CENTER_LIST, CONTACT_LISTING, ContactBlock, Extraction, ListEntry, SourceDocument, SourceRef,
)
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
        raise PipelineError("is not an HTML page: expected a doctype or an <html>, <head> or <body> tag.",
                            source=source)
    # html.parser records the line of every tag, which the line references need.
    return BeautifulSoup(text, "html.parser")


def _holds_structure(tag: Tag) -> bool:
    return tag.find(STRUCTURE_TAGS) is not None


def is_hidden(tag: Tag) -> bool:
    """Markup that hides an element from a reader: the `hidden` attribute,
    `aria-hidden="true"`, or an inline style of `display: none` or
    `visibility: hidden` (`<template>` and `<noscript>` are noise tags). Rules
    in a stylesheet are out of reach: a page hidden by a class is read as shown.
    """
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).strip().lower() == "true":
        return True
    style = "".join(str(tag.get("style", "")).lower().split())
    declarations = {d.removesuffix("!important") for d in style.split(";")}
    return bool(declarations & {"display:none", "visibility:hidden"})


def is_noise(tag: Tag) -> bool:
    """Chrome inside the content (menus, search and feedback forms, scripts),
    and anything the markup hides from a reader."""
    if tag.name == "form":
        return not _holds_structure(tag)
    if tag.name in NOISE_TAGS or is_hidden(tag):
        return True
    return str(tag.get("role", "")).lower() in NOISE_ROLES


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
    """The contact blocks of a page's lines (`lines.build_contact_blocks`), from
    page `url`, the page title's <h1> left out."""
    # The page title is not a center, even when it stands inside the content.
    body = [SourceLine(line.text, SourceRef(source, line.line), line.heading) for line in lines
            if not (line.block == "h1" and line.text == title)]
    return build_contact_blocks(body, url)


@dataclass(frozen=True)
class _PageReading:
    """What the extractor takes from a page's markup."""

    lines: list[HtmlLine]
    url: str
    title: str
    published: HtmlLine | None  # the line that gives the page's date


def _read_page(text: str, source: str) -> _PageReading:
    soup = parse_page(text, source)
    root = content_root(soup)
    lines = html_lines(root)
    dated = next((line for line in lines if find_published([line.text])), None)
    if dated is None:
        dated = next((line for line in html_lines(soup, skip=_never_shown) if find_published([line.text])), None)
    return _PageReading(lines, canonical_url(soup), page_title(soup, root), dated)


def extract_html(data: bytes, source: str, sha256: str, *, charset: str = "", fallback_url: str = "") -> Extraction:
    """Read one HTML page into its document, list entries and contact blocks;
    `charset` is the one the server declared, if known, and `fallback_url` the
    address the manifest gives the file, used where the page names none fit to use."""
    if len(data) > MAX_HTML_BYTES:
        raise PipelineError(f"is an HTML page of {len(data):,} bytes, over the {MAX_HTML_BYTES:,} this reader "
                            "takes: no page of fusion centers comes near it.", source=source)
    decoded = decode_html(data, source, charset)
    text = decoded.text
    return assemble_html(_read_page(text, source), source, sha256, last_line=count_lines(text),
                         encoding_note=decoded.note, fallback_url=fallback_url)


def assemble_html(reading: _PageReading, source: str, sha256: str, *, last_line: int, encoding_note: str = "",
                  fallback_url: str = "") -> Extraction:
    """A page's document, list entries, contact blocks and shown values from
    what was read of its markup (`_read_page`: its content's lines in order)."""
    lines, title = reading.lines, reading.title
    # Only a well-formed http(s) address is ever written as the page's address.
    rejected = reading.url if reading.url and not is_web_address(reading.url) else ""
    url = fallback_url if rejected or not reading.url else reading.url
    # html.parser leaves markup it cannot read (a tag cut off) as text that starts with "<".
    if all(line.text.startswith("<") for line in lines):
        raise PipelineError("has no text in its content: the markup is broken or the page is empty.", source=source)
    kind = page_kind(tuple(line.text for line in lines))
    published_text = find_published([reading.published.text]) if reading.published else ""
    document = SourceDocument(
        source=source, sha256=sha256, form="html", kind=kind, url=url, title=title,
        published=parse_date(published_text), published_text=published_text,
        first_line=1, last_line=last_line, encoding_note=encoding_note, rejected_url=rejected,
        published_ref=SourceRef(source, reading.published.line) if reading.published else None,
        published_line=reading.published.text if reading.published else "")
    shown = tuple(shown_values(((line.text, SourceRef(source, line.line)) for line in lines),
                               listing=kind == CONTACT_LISTING))
    if kind == CENTER_LIST:
        return Extraction((document,), list_entries=tuple(list_entries(lines, source, url)), shown=shown)
    if kind == CONTACT_LISTING:
        return Extraction((document,), blocks=tuple(contact_blocks(lines, title, source, url)), shown=shown)
    return Extraction((document,), shown=shown)
