"""Extractor for a text capture: pages flattened to text, each ending with its
address on a line of its own, "<http…>".

Entry point: `extract_capture(data, source, sha256) -> Extraction`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.errors import PipelineError
from pipeline.extract import check_yield
from pipeline.extract.shown import shown_values
from pipeline.extract.decoding import Decoded, decode_source
from pipeline.extract.lines import (
    BOILERPLATE, SourceLine, build_contact_blocks, bullet_text, classify_line, page_kind,
    find_published, parse_date, parse_list_item, published_line, section_designation,
)
from pipeline.records import (
    CENTER_LIST, CONTACT_LISTING, Extraction, ListEntry, SourceDocument, SourceRef,
)
from pipeline.text import looks_like_place, name_key, parse_place

_ADDRESS = re.compile(r"^<(?P<url>https?://[^>\s]+)>\s*$")


@dataclass(frozen=True)
class CapturedPage:
    """One page of a capture: its lines (1-based numbers) and address."""

    url: str
    first_line: int
    last_line: int
    lines: tuple[str, ...]

    def numbered(self) -> list[tuple[str, int]]:
        """The page's lines as (text, line number in the file) pairs."""
        return [(t, self.first_line + i) for i, t in enumerate(self.lines)]


def decode_text(data: bytes, source: str, charset: str = "") -> Decoded:
    """Text of a raw file: a byte-order mark, the server's charset, UTF-8, else a
    guess that the result notes (`decoding.decode_source`).

    Line ends are unified to "\\n" so that line numbers match what an editor shows.
    """
    decoded = decode_source(data, source, "a text capture", charset)
    return Decoded(decoded.text.replace("\r\n", "\n").replace("\r", "\n"), decoded.note)


def split_capture(text: str) -> list[CapturedPage]:
    """Split a capture into pages at each "<http…>" address line.

    Text after the last address is a page with no address (url ""), so nothing
    is lost; a part with no text at all is not a page.
    """
    lines = text.split("\n")
    pages: list[CapturedPage] = []
    start = 0
    for i, line in enumerate(lines):
        m = _ADDRESS.match(line.strip())
        if m:
            pages.append(CapturedPage(m.group("url"), start + 1, i + 1, tuple(lines[start:i])))
            start = i + 1
    rest = lines[start:]
    if any(t.strip() for t in rest):
        pages.append(CapturedPage("", start + 1, len(lines), tuple(rest)))
    return [p for p in pages if any(t.strip() for t in p.lines)]


def _title(page: CapturedPage, kind: str, names: frozenset[str] = frozenset()) -> tuple[str, int]:
    """The page's first line of text, unless it already starts a contact block:
    it names a list entry (`names`), or a place or value line follows it."""
    numbered = [(t.strip(), n) for t, n in page.numbered() if t.strip()]
    if not numbered:
        return "", page.first_line
    first, line = numbered[0]
    if kind == CONTACT_LISTING and name_key(first) in names:
        return "", line - 1
    if kind == CONTACT_LISTING and len(numbered) > 1:
        following = numbered[1][0]
        if parse_place(following) or looks_like_place(following) or classify_line(following)[0]:
            return "", line - 1
    return first, line


def list_entries(page: CapturedPage, source: str) -> list[ListEntry]:
    """The bullets under the "Primary/Recognized Fusion Centers" headings; stops
    when far fewer of the lines there are bullets than `check_yield` allows."""
    entries: list[ListEntry] = []
    designation = ""
    shown = 0  # lines of text under the headings
    for text, number in page.numbered():
        kind = section_designation(text)
        if kind:
            designation = kind
            continue
        if BOILERPLATE.match(text.strip()):
            designation = ""
            continue
        if designation and text.strip():
            shown += 1
        item = bullet_text(text)
        if designation and item:
            entries.append(parse_list_item(item, designation, SourceRef(source, number), page.url))
    check_yield(shown, len(entries), "lines under its list headings", source, line=page.first_line)
    return entries


def extract_capture(data: bytes, source: str, sha256: str, *, charset: str = "") -> Extraction:
    """Read a text capture into its documents, list entries and contact blocks;
    `charset` is the one the server declared, if known."""
    decoded = decode_text(data, source, charset)
    pages = split_capture(decoded.text)
    if not pages:
        raise PipelineError("holds no text: expected pages ending with an address line <http…>.",
                            source=source)
    documents: list[SourceDocument] = []
    kinds = [page_kind(page.lines) for page in pages]
    entries = [e for page, kind in zip(pages, kinds) if kind == CENTER_LIST for e in list_entries(page, source)]
    names = frozenset(k for k in (name_key(e.text) for e in entries) if k)
    blocks = []
    shown = []
    for page, kind in zip(pages, kinds):
        shown.extend(shown_values(((t, SourceRef(source, n)) for t, n in page.numbered()),
                                  listing=kind == CONTACT_LISTING))
        title, title_line = _title(page, kind, names)
        published_text = find_published(page.lines)
        dated = published_line(SourceLine(t.strip(), SourceRef(source, n)) for t, n in page.numbered())
        documents.append(SourceDocument(
            source=source, sha256=sha256, form="text", kind=kind, url=page.url,
            title=title if kind != CONTACT_LISTING or title else "",
            published=parse_date(published_text), published_text=published_text,
            first_line=page.first_line, last_line=page.last_line, encoding_note=decoded.note,
            published_ref=dated.ref if dated else None, published_line=dated.text if dated else ""))
        if kind == CONTACT_LISTING:
            # Blank lines too: a blank line before a line is one sign that a block begins there.
            body = (SourceLine(t, SourceRef(source, n)) for t, n in page.numbered() if n > title_line)
            blocks.extend(build_contact_blocks(body, page.url, names))
    return Extraction(tuple(documents), tuple(entries), tuple(blocks), tuple(shown))
