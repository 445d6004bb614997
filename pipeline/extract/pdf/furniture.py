"""Running header and footer: the lines at the edges of pages that repeat, or are set apart from the
text (date, title, address, "Page 2 of 5"); they give the document's title and address.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.extract.pdf.pages import PdfPage, TextLine
from pipeline.extract.pdf.settings import SETTINGS


# Titles that PDF writers fill in when the author gave none (reportlab: "untitled").
PLACEHOLDER_TITLES = {"untitled", "untitled document", "no title"}


URL_PATTERN = re.compile(r"(?:https?|file)://\S+")


_ADDRESS_LINE = re.compile(r"^<(?P<url>https?://[^\s<>]+)>$")


# A page number ending a margin line: "3", "Page 3", "3 of 13", "3/13", in brackets ("(3/13)")
# or between dashes ("- 3 -", "-3-": groff's ms macros head each page so).
_PAGE_NUMBER_END = re.compile(r"(?:^|\s)(?:(?P<open>[(\[])|(?P<dash>[-\u2013\u2014]\s?))?(?:page\s+)?(?P<n>\d+)"
                              r"(?:\s*(?:/|of)\s*\d+)?(?(open)[)\]])(?(dash)\s?[-\u2013\u2014])$", re.I)


# "Page 3", "Page 3/10", "Page 3 of 10" anywhere in a margin line: a print of two or more pages to
# a sheet heads each of them ("Dec 05, 26 6:57 listing.txt Page 1/10 ... Page 2/10" across the sheet),
# so the sheet's line holds a page number before its end too, and numbers past the sheet count.
_PAGE_WORD_NUMBER = re.compile(r"(?:^|(?<=\s))page\s+(?P<n>\d+)(?:\s*(?:/|of)\s*(?P<m>\d+))?(?=\s|$)", re.I)


# Chromium's header starts with the date and time it printed: "9/30/15, 10:00 AM".
_PRINT_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\s*", re.I)


def body_size(pages: Sequence[PdfPage]) -> float:
    """The size most of the document's characters are set in."""
    sizes = Counter()
    for page in pages:
        for w in page.words:
            sizes[w.size] += len(w.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def in_margin(line: TextLine, page: PdfPage) -> bool:
    """Whether the line stands in the top or bottom SETTINGS.margin_share of the page."""
    band = page.height * SETTINGS.margin_share
    return line.bottom <= band or line.top >= page.height - band


def furniture_text(text: str, pages: int) -> str:
    """A margin line without its print date, address and page number: what is left is a title."""
    text = " ".join(URL_PATTERN.sub(" ", _PRINT_DATE.sub("", text.strip())).split())
    text = " ".join(_PAGE_WORD_NUMBER.sub(
        lambda m: " " if not m.group("m") or int(m.group("n")) <= int(m.group("m")) else m.group(0), text).split())
    m = _PAGE_NUMBER_END.search(text)
    if m and int(m.group("n")) <= pages:
        text = text[:m.start()]
    return _once(text.strip())


def _once(text: str) -> str:
    """A margin line that says one thing two or more times across the page (a sheet of two or more
    printed pages, each headed alike) as said once; any other line as it is."""
    words = text.split()
    for n in range(SETTINGS.pages_per_sheet, 1, -1):
        if words and len(words) % n == 0 and words == words[:len(words) // n] * n:
            return " ".join(words[:len(words) // n])
    return text


def running_lines(pages: Sequence[PdfPage], page_lines: Sequence[list[TextLine]],
                  title: str, size: float) -> list[set[int]]:
    """Per page, the indexes of its lines that are running header or footer.

    They stand in the page's margin, or are the first or last lines of the
    page (word processors set their header and footer inside wider margins).
    Such a line is running when it is the same, in the same type, at the edge of every page
    but the first or the last (its page number and address aside: `repeated_keys`), when it is the document's title,
    when it is a page number, a print date or an address beside another
    running line, or when it stands in the margin set smaller than the body and apart from the
    text inward of it (`SETTINGS.apart_em`).
    """
    count = len(pages)
    keys = [{edge_key(lines[i], count) for i in outermost(page, lines)} for page, lines in zip(pages, page_lines)]
    repeated = repeated_keys(keys)
    title = title.strip().casefold()
    running: list[set[int]] = []
    for page, lines in zip(pages, page_lines):
        found: set[int] = set()
        # From each edge inward: a line set apart only by its size and the gap inward of it is no
        # footer while a line of text stands right outward of it (a heading at a page's foot over its
        # place line), as a running line stands outermost or beside other running lines.
        for i in sorted(outermost(page, lines), key=lambda k: min(lines[k].top, page.height - lines[k].bottom)):
            line = lines[i]
            if not is_running(line, page, count, size, title, repeated, inward_gap(page, lines, i)):
                continue
            key = furniture_text(line.text, count).casefold()
            if key and edge_key(line, count) not in repeated and not (title and line.text.strip().casefold() == title):
                gap, j = outward(page, lines, i)
                if j is not None and j not in found and gap < SETTINGS.apart_em * max(w.size for w in line.words):
                    continue
            found.add(i)
        for order in (range(len(lines)), range(len(lines) - 1, -1, -1)):  # inward from each edge
            for step, i in enumerate(order):
                if i in found:
                    continue
                if step >= SETTINGS.edge_lines or not (step and order[step - 1] in found) \
                        or furniture_text(lines[i].text, count):
                    break
                found.add(i)  # a bare address or date beside a running line
        running.append(found)
    return running


def edge_key(line: TextLine, count: int) -> tuple[str, frozenset[tuple[str, float]]]:
    """What an edge line says (`furniture_text`, without case) and the type it is set in (its
    fonts and sizes): a running line repeats both from page to page, where a list item at the foot
    of one page and the same center's heading, in bold, at the foot of another say the same only."""
    return (furniture_text(line.text, count).casefold(),
            frozenset((w.font.rpartition("+")[2], round(w.size, 1)) for w in line.words))


def repeated_keys(keys: Sequence[set]) -> set:
    """The edge keys (`edge_key`) that stand at the edge of every page but the first or the last,
    and of two pages at least: a running header that the document's first page (its title page) or
    its last goes without (groff's ms and LaTeX's fancyhdr leave the first page's header out). A
    text at the foot of the first and third of three pages and not the second is the text's own:
    a list item in a column's last line and the same center's heading in another's."""
    if len(keys) < 2:
        return set()
    pages: dict = {}
    for k, page in enumerate(keys):
        for key in page:
            if key and (key[0] if isinstance(key, tuple) else key):
                pages.setdefault(key, []).append(k)
    last = len(keys) - 1
    return {key for key, on in pages.items()
            if len(on) >= 2 and (len(on) == len(keys) or len(on) == last and (on[0] == 1 or on[-1] == last - 1))}


def outermost(page: PdfPage, lines: Sequence[TextLine]) -> set[int]:
    """The first and last lines of a page and those in its margins."""
    return {0, len(lines) - 1} & set(range(len(lines))) | {i for i, l in enumerate(lines) if in_margin(l, page)}


def inward_gap(page: PdfPage, lines: Sequence[TextLine], i: int) -> float:
    """The empty height between a line and the nearest line inward of it: below it in the
    page's upper half, above it in its lower half (infinite when there is none)."""
    line = lines[i]
    if line.top < page.height / 2:
        gaps = [other.top - line.bottom for other in lines if other.top >= line.bottom]
    else:
        gaps = [line.top - other.bottom for other in lines if other.bottom <= line.top]
    return min(gaps, default=float("inf"))


def outward(page: PdfPage, lines: Sequence[TextLine], i: int) -> tuple[float, int | None]:
    """The empty height between a line and the nearest line outward of it (above it in the page's
    upper half, below it in its lower half), and that line's index (infinite and None: none)."""
    line = lines[i]
    if line.top < page.height / 2:
        near = [(line.top - other.bottom, k) for k, other in enumerate(lines) if other.bottom <= line.top]
    else:
        near = [(other.top - line.bottom, k) for k, other in enumerate(lines) if other.top >= line.bottom]
    return min(near, default=(float("inf"), None))


def is_running(line: TextLine, page: PdfPage, count: int, size: float, title: str, repeated: set,
               gap: float = float("inf")) -> bool:
    """Whether an edge line is running header or footer (see `running_lines`); `gap`, the empty
    height between it and the text inward of it (`inward_gap`)."""
    text = line.text.strip()
    key = furniture_text(text, count).casefold()
    if (key and edge_key(line, count) in repeated) or (title and text.casefold() == title):
        return True
    if not key:  # only a print date, an address and a page number
        return _PAGE_NUMBER_END.search(text) is not None or all(w.size < size for w in line.words)
    return in_margin(line, page) and all(w.size < size for w in line.words) \
        and gap >= SETTINGS.apart_em * max(w.size for w in line.words)


def metadata_title(metadata: dict) -> str:
    """The metadata's title, or "" when there is none or a writer's placeholder."""
    title = metadata.get("Title")
    title = title.strip() if isinstance(title, str) else ""
    return "" if title.casefold() in PLACEHOLDER_TITLES else title


def metadata_url(metadata: dict) -> str:
    """The first address in any metadata value (a browser puts the page's there), or ""."""
    urls = [m.group(0) for value in metadata.values() if isinstance(value, str) for m in [URL_PATTERN.search(value)] if m]
    return urls[0] if urls else ""



@dataclass(frozen=True)
class Furniture:
    """What the running header and footer say: the document's title and address."""

    title: str
    url: str
