"""Pages that stand in for the page asked for: a captcha, a bot wall, an
"access denied". Fetch refuses to keep one (`pipeline.fetch.judge`); extract
refuses one already in raw/ that gives no list and no listing, in one line
naming the file, rather than build a dataset without its contact data.

Every pattern here that sees a file's text runs in linear time.
"""
from __future__ import annotations

import re

# Only so much of a page is searched for a bot wall's words: a challenge page is small.
BOT_WALL_SCAN = 256 * 1024
_BOT_WALL = re.compile(
    r"captcha|are you a (?:robot|human)|are you human|access denied|verify (?:that )?you are (?:a )?human"
    r"|verify you are not a robot|unusual traffic|checking your browser|attention required"
    r"|pardon our interruption|request unsuccessful\. incapsula|ddos protection by",
    re.I)
# Elements whose text a reader never sees: a normal page may load a captcha script for a form.
_INVISIBLE = ("script", "style", "noscript", "template")
_OPEN_INVISIBLE = re.compile(rf"<({'|'.join(_INVISIBLE)})\b|<!--", re.I)


def visible_text(text: str) -> str:
    """The text of a page outside tags, scripts, styles and comments, found by
    scanning (str.find), never by a pattern that could backtrack: an unclosed
    `<script` runs to the end of the text, as a browser reads it."""
    parts: list[str] = []
    position = 0
    while True:
        m = _OPEN_INVISIBLE.search(text, position)
        if m is None:
            parts.append(text[position:])
            break
        parts.append(text[position:m.start()])
        if m.group(0) == "<!--":
            end = text.find("-->", m.end())
            position = len(text) if end < 0 else end + 3
        else:
            close = re.compile(rf"</{m.group(1)}\s*>", re.I)  # a fixed word: linear
            end = close.search(text, m.end())
            position = len(text) if end is None else end.end()
    shown: list[str] = []
    for part in parts:
        shown.append(" ")  # drop the tags that are left: each "<" to its ">"
        position = 0
        while True:
            start = part.find("<", position)
            if start < 0:
                shown.append(part[position:])
                break
            shown.append(part[position:start])
            end = part.find(">", start)
            if end < 0:  # a "<" that opens no tag is text
                shown.append(part[start:])
                break
            shown.append(" ")
            position = end + 1
    return "".join(shown)


def bot_wall_marker(data: bytes) -> str:
    """The phrase that marks a page as a captcha or bot wall, or ""."""
    if data.lstrip()[:5] == b"%PDF-":
        return ""
    text = data[:BOT_WALL_SCAN].decode("utf-8", errors="replace")
    m = _BOT_WALL.search(" ".join(visible_text(text).split()))
    return m.group(0) if m else ""
