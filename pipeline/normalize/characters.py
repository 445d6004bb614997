"""Characters a reader cannot see: zero-width and direction controls.

Unicode's "Cf" (format) category holds the zero-width space and joiners, the
word joiner, the byte-order mark and the bidirectional controls (U+202A–U+202E,
U+2066–U+2069) that can make a name read differently from what it holds.
"""
from __future__ import annotations

import unicodedata


def invisible(text: str) -> list[str]:
    """The invisible characters of `text`, as U+XXXX codes, in order."""
    return [f"U+{ord(ch):04X}" for ch in text if unicodedata.category(ch) == "Cf"]


def visible(text: str) -> str:
    """`text` without its invisible characters, spaces collapsed and trimmed.

    >>> visible("Fusion\\u200b Center\\u202e")
    'Fusion Center'
    """
    return " ".join("".join(ch for ch in text if unicodedata.category(ch) != "Cf").split())
