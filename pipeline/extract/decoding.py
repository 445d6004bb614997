"""Bytes to text for the text and HTML readers, as the bytes and the server say.

In this order: a byte-order mark; the charset the server declared (fetch keeps
it in the manifest); the charset the document declares (an HTML <meta>); UTF-8.
Only when none of these holds does the reader guess, and then it says so in a
note that the checks turn into a SOURCE_ENCODING_GUESSED finding: UTF-16 told
from the pattern of its zero bytes, or Windows-1252 for the lines that are not
UTF-8, the rest staying UTF-8, so that one stray byte cannot turn a whole
UTF-8 file into Windows-1252.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

from pipeline.errors import PipelineError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Labels browsers read as Windows-1252 whatever they claim (WHATWG Encoding Standard).
_WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "latin-1", "ascii", "cp1252"})
# Share of the first bytes' pairs with a zero on one side that marks UTF-16 text
# without a byte-order mark (ASCII text in UTF-16 has a zero in every pair).
UTF16_ZERO_SHARE = 0.3
# How many line numbers a note names before it says "and N more".
_NOTE_LINES = 5


@dataclass(frozen=True)
class Decoded:
    text: str  # line ends as in the file
    note: str  # "" unless the encoding had to be guessed; else what was guessed, as a sentence's end


def codec_name(label: str) -> str:
    """Python's codec for a charset label ("" when unknown); latin-1 and ASCII
    labels give Windows-1252, as browsers read them."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return ""
    return "cp1252" if name in _WINDOWS_1252_ALIASES else name


def _utf16_without_bom(data: bytes) -> str:
    sample = data[:4096]
    pairs = len(sample) // 2 or 1
    even = sum(1 for i in range(0, len(sample) - 1, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
    if odd >= UTF16_ZERO_SHARE * pairs and even < odd / 10:
        return "utf-16-le"
    if even >= UTF16_ZERO_SHARE * pairs and odd < even / 10:
        return "utf-16-be"
    return ""


def _line_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:_NOTE_LINES])
    more = len(numbers) - _NOTE_LINES
    return f"line{'s' if len(numbers) > 1 else ''} {shown}" + (f" and {more} more" if more > 0 else "")


def _by_line(data: bytes, why: str) -> Decoded:
    """UTF-8 line by line; a line that is not UTF-8 is read as Windows-1252."""
    lines, odd, utf8_beyond_ascii = [], [], False
    for number, raw in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(raw.decode("utf-8"))
            utf8_beyond_ascii = utf8_beyond_ascii or not raw.isascii()
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
            odd.append(number)
    if utf8_beyond_ascii:
        verb = "were" if len(odd) > 1 else "was"
        note = f"{why}: {_line_list(odd)} {verb} read as Windows-1252, the rest as UTF-8"
    else:
        note = f"{why}: it was read as Windows-1252"
    return Decoded("\n".join(lines), note)


def decode_source(data: bytes, source: str, what: str, *declared: str) -> Decoded:
    """The text of a raw file, honouring a byte-order mark, then each declared
    charset in turn (the server's first), then UTF-8; otherwise a guess, noted."""
    why = "is not valid UTF-8 and declares no encoding"
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), "")
            except UnicodeDecodeError:
                if codec != "utf-8-sig":
                    raise PipelineError(f"begins with a UTF-16 byte-order mark but is not UTF-16 text, not {what}.",
                                        source=source) from None
                return _by_line(data[len(bom):], "is not valid UTF-8 after its byte-order mark")
    for label in filter(None, declared):
        codec = codec_name(label)
        if not codec:
            continue
        try:
            return Decoded(data.decode(codec), "")
        except UnicodeDecodeError:
            why = f"declares the charset {label.strip()}, which its bytes are not"
            break
    if b"\x00" in data[:4096]:
        codec = _utf16_without_bom(data)
        try:
            text = data.decode(codec) if codec else None
        except UnicodeDecodeError:
            text = None
        if text is None:
            raise PipelineError(f"is a binary file, not {what}.", source=source)
        byte_order = "little" if codec.endswith("le") else "big"
        return Decoded(text, f"has no byte-order mark and declares no encoding: it was read as UTF-16 "
                             f"({byte_order}-endian) from the pattern of its zero bytes")
    try:
        return Decoded(data.decode("utf-8"), "")
    except UnicodeDecodeError:
        return _by_line(data, why)
