"""Extractor for a text capture: pages flattened to text, each ending with its
address on a line of its own, "<http…>".

Reader: `read_capture(data, source) -> Pages` (`pipeline.extract.model`); the
assembler reads the pages (`pipeline.extract.assemble`).
"""
from __future__ import annotations

from pipeline.errors import PipelineError
from pipeline.extract.assemble import assemble
from pipeline.extract.decoding import Decoded, decode_source
from pipeline.extract.lines import bullet_text
from pipeline.extract.model import Line, Page, Pages
from pipeline.records import Extraction, SourceRef


def decode_text(data: bytes, source: str, charset: str = "") -> Decoded:
    """Text of a raw file: a byte-order mark, the server's charset, UTF-8, else a
    guess that the result notes (`decoding.decode_source`).

    Line ends are unified to "\\n" so that line numbers match what an editor shows.
    """
    decoded = decode_source(data, source, "a text capture", charset)
    return Decoded(decoded.text.replace("\r\n", "\n").replace("\r", "\n"), decoded.note)


def read_capture(data: bytes, source: str, *, charset: str = "", fallback_url: str = "") -> Pages:
    """A text capture as one page of lines, every line of the file kept (blank
    lines are a sign that a block begins); a bulleted line ("- ", "* ", "• ",
    "1. ") is a list item, its marker set apart. `charset` is the one the server
    declared, if known; a capture names its pages' addresses in its own lines."""
    decoded = decode_text(data, source, charset)
    if not decoded.text.strip():
        raise PipelineError("holds no text: expected pages ending with an address line <http…>.",
                            source=source)
    lines: list[Line] = []
    items = 0
    for number, text in enumerate(decoded.text.split("\n"), start=1):
        item = bullet_text(text)
        if item:
            items += 1
            marker = text.strip().split(maxsplit=1)[0]
            lines.append(Line(item, SourceRef(source, number), item=items, marker=marker))
        else:
            lines.append(Line(text, SourceRef(source, number)))
    return Pages(source, "text", (Page(tuple(lines), 1, len(lines)),), encoding_note=decoded.note)


def extract_capture(data: bytes, source: str, sha256: str, *, charset: str = "") -> Extraction:
    """Read a text capture into its documents, list entries and contact blocks;
    `charset` is the one the server declared, if known."""
    return assemble(read_capture(data, source, charset=charset), sha256)
