"""Characters a reader cannot see: zero-width and direction controls, and
control characters with the terminal escape sequences they begin.

Unicode's "Cf" (format) category holds the zero-width space and joiners, the
word joiner, the byte-order mark and the bidirectional controls (U+202A–U+202E,
U+2066–U+2069) that can make a name read differently from what it holds; "Cc"
holds the C0 and C1 controls, among them ESC, which starts the ECMA-48
sequences ("ESC [ 2 J" clears a terminal, "ESC ] 0 ; … BEL" retitles it).
"""
from __future__ import annotations

import re
import unicodedata

# ECMA-48 control sequences (CSI "ESC [ … final") and operating system
# commands (OSC "ESC ] … BEL" or "ESC ] … ESC \"), removed whole.
_ESCAPE_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")


def _hidden(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cf", "Cc")


def invisible(text: str) -> list[str]:
    """The invisible and control characters of `text`, as U+XXXX codes, in order."""
    return [f"U+{ord(ch):04X}" for ch in text if _hidden(ch) and ch not in "\t"]


def visible(text: str) -> str:
    """`text` without its escape sequences and invisible characters, spaces collapsed and trimmed.

    >>> visible("Fusion\\u200b Center\\u202e")
    'Fusion Center'
    >>> visible("Arkansas State Fusion Center\\x1b]0;pwned\\x07\\x1b[2J")
    'Arkansas State Fusion Center'
    """
    text = _ESCAPE_SEQUENCE.sub("", text)
    return " ".join("".join(" " if ch == "\t" else ch for ch in text if ch == "\t" or not _hidden(ch)).split())
