"""Markdown escaping, the one escaper for every Markdown file the pipeline
writes (the report and the changelog of `diff`).

A value from the sources can hold anything, so it is never written as
Markdown: `text` makes it plain text on one line, `code` a code span, `fence` a
fenced code block. Each holds for CommonMark and for GitHub's tables.
"""
from __future__ import annotations

import html
import re
import unicodedata

_BACKTICKS = re.compile(r"`+")


def _escaped(text: str) -> str:
    """`text` with each control or invisible character (Unicode Cc and Cf: ESC,
    which starts a terminal's escape sequences, the bidirectional overrides)
    shown as its escape, so that `cat report.md` shows it and runs nothing.
    Line breaks and tabs stay."""
    return "".join(repr(ch)[1:-1] if ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Cf") else ch
                   for ch in text)


def _one_line(value: object) -> str:
    return _escaped(" ".join(str(value).splitlines())) if value is not None else ""


def text(value: object) -> str:
    """A value as plain Markdown text on one line: no emphasis, link, heading,
    table cell break or raw HTML can come of it.

    >>> text("<b>a|b</b> [x](javascript:y) ~~z~~")
    '&lt;b&gt;a\\\\|b&lt;/b&gt; \\\\[x\\\\](javascript:y) \\\\~\\\\~z\\\\~\\\\~'
    """
    s = html.escape(_one_line(value), quote=False)
    for ch in "\\`*_[]|#~":
        s = s.replace(ch, "\\" + ch)
    return s


def code(value: object) -> str:
    """A value as a code span on one line, shown literally (CommonMark 6.1:
    the fence is one backtick longer than the longest run inside). A `|` is
    escaped, as GitHub's tables require even inside a code span.

    >>> code("a`b|c")
    '``a`b\\\\|c``'
    """
    s = _one_line(value).replace("|", "\\|")
    fence = "`" * (max((len(m) for m in _BACKTICKS.findall(s)), default=0) + 1)
    pad = " " if s.startswith("`") or s.endswith("`") or (s.startswith(" ") and s.endswith(" ") and s.strip()) else ""
    return f"{fence}{pad}{s}{pad}{fence}"


def fence(value: str, info: str = "") -> str:
    """A fenced code block holding `value` verbatim, lines and all: its fence
    is longer than any run of backticks inside (CommonMark 4.5)."""
    value = _escaped(value)
    longest = max((len(m) for m in _BACKTICKS.findall(value)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}{info}\n{value}\n{marks}"


# A CommonMark autolink holds no space, control character, < or >; a | would
# end a table cell. Only http and https addresses become links.
_AUTOLINK = re.compile(r"https?://[^\s<>|\x00-\x1f\x7f]+", re.IGNORECASE)


def link(url: str) -> str:
    """An http or https address as an autolink; anything else as plain text.

    >>> link("https://www.dhs.gov/a"), link("javascript:alert(1)")
    ('<https://www.dhs.gov/a>', 'javascript:alert(1)')
    """
    return f"<{url}>" if _AUTOLINK.fullmatch(url) else text(url)
