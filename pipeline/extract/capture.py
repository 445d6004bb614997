"""Extractor for a text capture: pages flattened to text, each ending with its
address on a line of its own, "<http…>".

Reader: `read_capture(data, source) -> Pages` (`pipeline.extract.model`); the
assembler reads the pages (`pipeline.extract.assemble`).
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipeline.errors import PipelineError
from pipeline.extract.assemble import assemble
from pipeline.extract.decoding import Decoded, decode_source
from pipeline.extract.lines import bullet_text, classify_line
from pipeline.fields import label_of
from pipeline.extract.model import Line, Page, Pages
from pipeline.records import Extraction, SourceRef
from pipeline.text import looks_like_place, parse_place

_ADDRESS = re.compile(r"^<(?P<url>https?://[^>\s]+)>\s*$")


def decode_text(data: bytes, source: str, charset: str = "") -> Decoded:
    """Text of a raw file: a byte-order mark, the server's charset, UTF-8, else a
    guess that the result notes (`decoding.decode_source`).

    Line ends are unified to "\\n" so that line numbers match what an editor shows.
    """
    decoded = decode_source(data, source, "a text capture", charset)
    return Decoded(decoded.text.replace("\r\n", "\n").replace("\r", "\n"), decoded.note)


# A text file printed to pages: a form feed starts each page, its first lines
# (a running header: title, date, page number) repeat on at least this many pages.
MIN_PRINTED_PAGES = 2
HEADER_LINES = 3  # a page's header is among its first lines that hold text
# Lines are hard-wrapped at the file's widest line (a printer's page is at least
# MIN_WRAP_WIDTH characters wide) when at least MIN_WRAPPED lines end within
# WRAP_SLACK characters of it and go on in the very next line.
MIN_WRAP_WIDTH = 40
MIN_WRAPPED = 3
WRAP_SLACK = 16
_DIGITS = re.compile(r"\d+")
_BULLET_START = re.compile(r"^\s*(?:[-*\u2022]|\d+\.)\s")
# A rule drawn in text: one of "=-~_*" three times or more and nothing else (a plain-text or
# Markdown heading's underline, "Alabama Fusion Center" over "====…", or a section's rule).
_RULE = re.compile(r"^\s*([=\-~_*])\1{2,}\s*$")
# Markdown, as a text file may be written: a heading "## Alabama" (ATX), a pipe table (a row of
# cells between bars, the header's row over a row of dashes), strong emphasis ("**Phone:**").
_ATX = re.compile(r"^\s{0,3}(?P<marks>#{1,6})\s(?P<text>.*)$")
_ATX_CLOSE = re.compile(r"\s#+$")  # the closing marks some write ("## Alabama ##"), read on the stripped text
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_DELIMITER = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>[^*_]*?\S)\1")


def furniture_key(line: str) -> str:
    """A header line as it repeats from page to page: its numbers (page, date) left out."""
    return " ".join(_DIGITS.sub("#", line.replace("\f", "")).split())


def unprint(lines: list[str]) -> list[str]:
    """A text file printed to pages read as the lines it prints: each page's running header
    (a line after a form feed, repeating on every page but for its numbers) is blanked, form
    feeds dropped, and a line the printer wrapped for want of room is joined back onto the
    line it continues (the continuation's own line left blank, so line numbers hold). A file
    with no form feed and no hard wrap comes back as it was."""
    lines = list(lines)
    starts = [i for i, line in enumerate(lines) if "\f" in line]
    if starts:
        firsts = [0] + starts
        heads = []
        for i in firsts:
            texts = [j for j in range(i, min(len(lines), i + 2 * HEADER_LINES)) if lines[j].replace("\f", "").strip()]
            heads.append(texts[:HEADER_LINES])
        counts: dict[str, int] = {}
        for head in heads:
            for key in {furniture_key(lines[j]) for j in head}:
                counts[key] = counts.get(key, 0) + 1
        repeated = {k for k, n in counts.items() if n >= MIN_PRINTED_PAGES and n >= len(heads) - 1}
        for head in heads:
            for j in head:
                if furniture_key(lines[j]) in repeated:
                    lines[j] = ""
        lines = [line.replace("\f", "") for line in lines]
    texts = [line.rstrip() for line in lines if line.strip()]
    if not texts:
        return lines
    width = max(len(t) for t in texts)
    full = sum(1 for a, b in zip(lines, lines[1:]) if len(a.rstrip()) >= width - WRAP_SLACK and b.strip())
    if width < MIN_WRAP_WIDTH or full < MIN_WRAPPED:
        return lines
    last, printed = None, ""  # the line a continuation is joined onto; the last line as printed
    for i, line in enumerate(lines):
        text = line.rstrip()
        if last is not None and text.strip() and not _BULLET_START.match(text) and not _ADDRESS.match(text.strip()):
            word = text.split()[0]
            if len(printed) + 1 + len(word) > width and wraps_onto(lines[last], text.strip(), lines[i + 1:i + 3]):
                # The word did not fit: the printer wrapped here.
                tail = printed.rpartition(" ")[2]
                broken = len(printed) == width and ("://" in tail or "@" in tail or tail.startswith("<"))
                lines[last] = lines[last].rstrip() + ("" if broken else " ") + text.strip()
                lines[i], printed = "", text
                continue
        last, printed = (i, text) if text.strip() else (None, "")
    return lines


def wraps_onto(before: str, text: str, after: list[str]) -> bool:
    """Whether `text`, under a line too full to hold its first word, is that line's wrapped end:
    not a line of its own (a label's line, an email or website; a place line, unless it ends a
    list item or the block's own place line comes next, as in "…Center; Carson" / "City, NV")."""
    label = classify_line(text)[0]
    if label and (label in ("Email", "Website") or label_of(label)):
        return False
    if parse_place(text) is None and not looks_like_place(text):
        return True
    following = next((t.strip() for t in after if t.strip()), "")  # the next line of text
    return bool(_BULLET_START.match(before)) or bool(following) and parse_place(following) is not None


def pipe_cells(text: str) -> tuple[str, ...]:
    """The cells of a Markdown table's row ("| a | b \\| c |": "a", "b | c"), escapes undone."""
    cells, cell, escaped = [], [], False
    for ch in text.strip()[1:-1] if text.strip().endswith("|") else text.strip()[1:]:
        if escaped:
            cell.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "|":
            cells.append("".join(cell))
            cell = []
        else:
            cell.append(ch)
    cells.append("".join(cell))
    return tuple(" ".join(_STRONG.sub(r"\g<text>", c).split()) for c in cells)


def _markdown(lines: list[Line]) -> list[Line]:
    """A text's lines with Markdown's marks read: an ATX heading is a heading of its level, a pipe
    table's rows are rows of cells (the row over the dashes its header; the dashes no line), strong
    emphasis is its text. A text with none of them comes back as it was."""
    out: list[Line | None] = list(lines)
    header = -1
    for i, line in enumerate(out):
        text = line.text
        if _PIPE_DELIMITER.match(text) and i and out[i - 1] is not None and _PIPE_ROW.match(out[i - 1].text):
            head = out[i - 1]
            cells = pipe_cells(head.text)
            out[i - 1] = replace(head, text=" ".join(c for c in cells if c), cells=cells, header=True)
            out[i] = None  # the dashes under the header: markup, no line of the table's text
            header = len(cells)
            continue
        if header > 0 and _PIPE_ROW.match(text):
            cells = pipe_cells(text)
            out[i] = replace(line, text=" ".join(c for c in cells if c), cells=cells)
            continue
        header = -1
        atx = _ATX.match(text)
        if atx and not line.item:
            heading = _ATX_CLOSE.sub("", atx.group("text").strip()).strip()
            out[i] = replace(line, text=_STRONG.sub(r"\g<text>", heading), heading=True,
                             level=len(atx.group("marks")))
        elif "**" in text or "__" in text:
            out[i] = replace(line, text=_STRONG.sub(r"\g<text>", text))
    return [line for line in out if line is not None]


def read_capture(data: bytes, source: str, *, charset: str = "", fallback_url: str = "") -> Pages:
    """A text capture as one page of lines, every line of the file kept (blank
    lines are a sign that a block begins), a printed text file read as the lines it
    prints (`unprint`), a rule drawn in characters read as a blank line; a bulleted line ("- ", "* ", "• ",
    "1. ") is a list item, its marker set apart; Markdown's headings, pipe tables and strong
    emphasis are read as what they mark (`_markdown`). `charset` is the one the server
    declared, if known; a capture names its pages' addresses in its own lines."""
    decoded = decode_text(data, source, charset)
    if not decoded.text.strip():
        raise PipelineError("holds no text: expected pages ending with an address line <http…>.",
                            source=source)
    lines: list[Line] = []
    items = 0
    # A rule shows no text: its line stays, blank, so that line numbers hold.
    texts = ["" if _RULE.match(text) else text for text in decoded.text.split("\n")]
    for number, text in enumerate(unprint(texts), start=1):
        item = bullet_text(text)
        if item:
            items += 1
            marker = text.strip().split(maxsplit=1)[0]
            lines.append(Line(item, SourceRef(source, number), item=items, marker=marker))
        else:
            lines.append(Line(text, SourceRef(source, number)))
    return Pages(source, "text", (Page(tuple(_markdown(lines)), 1, len(lines)),), encoding_note=decoded.note)


def extract_capture(data: bytes, source: str, sha256: str, *, charset: str = "") -> Extraction:
    """Read a text capture into its documents, list entries and contact blocks;
    `charset` is the one the server declared, if known."""
    return assemble(read_capture(data, source, charset=charset), sha256)
