"""Reading order: a page's regions as lines in reading order, with the lines a narrow column or a
list item wrapped joined back, and a printer's line-end hyphenation undone.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.extract.lines import BOILERPLATE, LABEL_SYNONYMS, classify_line
from pipeline.extract.pdf.layout import cut, ruled_between
from pipeline.extract.pdf.pages import (
    BULLET_GLYPHS, Box, HYPHENS, PdfPage, TextLine, Word, _HYPHEN_FORMS, group_lines, is_address,
    is_styled, is_symbol_glyph)
from pipeline.extract.pdf.settings import SETTINGS
from pipeline.records import SourceRef
from pipeline.text import parse_place


# Words a heading does not end with: a line ending in one goes on in the next.
_JOINING_WORDS = frozenset({"and", "of", "for", "the", "in", "on", "to"})


# An address ending in a one-letter domain label was cut short: no domain ends so.
_ONE_LETTER_LABEL = re.compile(r"\.[a-z]$", re.I)



@dataclass(frozen=True)
class Line:
    """A line of text in reading order, wrapped parts joined back."""

    text: str
    ref: SourceRef
    styled: bool  # bold or larger than the body: the document marks it as a heading
    bullet: bool  # a list item: a bullet glyph or shape stood before it
    # The page's first line stands where its region's list items have their text (the hanging
    # indent), with no bullet of its own: it may end an item the page before broke off.
    hangs: bool = False
    cells: tuple[str, ...] = ()  # a printed sheet's row: its cells (`sheet.read_sheet`)
    header: bool = False  # the sheet's header row
    x0: float = 0.0  # where its first line starts on the page, and its top
    top: float = 0.0
    read_on: int = 0  # the page it is read with, where not its own (a table cell's end on the next page)
    box: tuple[float, float, float, float] = ()  # (x0, top, x1, bottom) of its parts on the page, () when not known
    hidden: bool = False  # text the page holds but does not show (`visible`): never read, reported



@dataclass(frozen=True)
class Placed:
    """A line of a region with what joining needs to know."""

    line: TextLine
    number: int
    region_right: float
    gap_before: float  # empty height above it in its region; infinite for a region's first line
    bullet: bool
    item_indent: float | None  # where the text of the region's list items starts; None without items
    start: float = 0.0  # the left edge of the line as printed, its typed bullet included
    region_left: float = 0.0


def bullet_start(line: TextLine, marks: Sequence[Box], em: float) -> tuple[bool, TextLine]:
    """Whether the line is a list item, and the line without its bullet glyph."""
    first = line.words[0]
    if (first.text in BULLET_GLYPHS or is_symbol_glyph(first)) and len(line.words) > 1:
        return True, TextLine(line.words[1:])
    if first.text[:1] in BULLET_GLYPHS - {"-", "–", "*"} and len(first.text) > 1:
        word = Word(first.text[1:].lstrip(), first.x0, first.x1, first.top, first.bottom, first.font, first.size)
        return True, TextLine((word, *line.words[1:]))
    for mark in marks:
        middle = (mark.top + mark.bottom) / 2
        if (SETTINGS.min_mark_em * em <= mark.x1 - mark.x0 <= SETTINGS.mark_em * em and line.top <= middle <= line.bottom
                and line.x0 - SETTINGS.mark_reach_em * em <= mark.x1 <= line.x0):
            return True, line
    return False, line


def same_type(a: Word, b: Word) -> bool:
    """Whether two words are set in one weight and one size (within SETTINGS.size_slack: a size
    written as a scale of the text matrix comes out a hair apart from glyph to glyph)."""
    return a.bold == b.bold and abs(a.size - b.size) <= SETTINGS.size_slack * max(a.size, b.size)


def continues(previous: Placed, current: Placed, size: float, in_item: bool = False,
              following: Placed | None = None) -> bool:
    """Whether `current` carries on `previous`, wrapped for want of room.

    It must stand close under it in the same font, its first word must not
    have fitted at the end of `previous`, and it must not start something of
    its own: a list item, a labeled line, an email or website, a place line.
    A line that ends in a hyphen was broken there by the printer. In a list
    item (`in_item`), a line set at the item's hanging indent is its wrapped
    end whatever it reads like ("Austin, TX" after "Austin Regional
    Intelligence Center;"): only a bullet starts the next item.
    """
    if current.bullet or current.gap_before >= SETTINGS.paragraph_em * size:
        return False
    first, last = current.line.words[0], previous.line.words[-1]
    if not same_type(first, last):
        return False
    # A label the printer broke ("Alternate" / "Phone: (302) 739-5996"): its first word starts a line
    # of its own, and the line after it goes on it.
    if broken_label(previous.line.text, current.line.text):
        return True
    if following is not None and broken_label(current.line.text, following.line.text):
        return False
    room = previous.region_right - previous.line.x1
    if SETTINGS.space_em * first.size + (first.x1 - first.x0) <= room:
        return False
    if last.text.endswith(HYPHENS) or is_styled(previous.line, size) and is_styled(current.line, size):
        return True  # a hyphen the printer broke at, or a heading's next line
    if in_item and (abs(current.line.x0 - previous.line.x0) <= SETTINGS.hanging_em * size
                    or current.item_indent is not None
                    and abs(current.line.x0 - current.item_indent) <= SETTINGS.hanging_em * size):
        return True
    # A paragraph that types its bullet wraps under the bullet, not under the item's text.
    if (in_item and abs(current.line.x0 - previous.start) <= SETTINGS.hanging_em * size
            and not BOILERPLATE.match(current.line.text.strip()) and not is_styled(current.line, size)):
        return True
    if classify_line(previous.line.text)[0] in ("Email", "Website"):
        return address_goes_on(previous.line.text, current.line.text)
    text = current.line.text
    if known_label(text):
        return False
    # A place line goes on a heading the printer wrapped ("…Center; Carson" / "City, NV") when
    # the block's own place line follows it.
    return parse_place(text) is None or (following is not None and following.gap_before < SETTINGS.paragraph_em * size
                                         and parse_place(following.line.text) is not None)


def broken_label(head: str, rest: str) -> bool:
    """Whether `head`, words with no colon, and the labeled line `rest` are one label broken
    over two lines: together they give a field's label that `rest` alone does not give."""
    if ":" in head or len(head.split()) > 2 or not known_label(rest):
        return False
    return known_label(f"{head} {rest}") and classify_line(f"{head} {rest}")[0] != classify_line(rest)[0]


def known_label(text: str) -> bool:
    """Whether the line starts with a field's label ("Phone:", "Fax:"), an email or a website:
    a wrapped heading may go on with a word and a colon ("…Intelligence" / "Center: Los Angeles, CA")."""
    label = classify_line(text)[0]
    return bool(label) and (label in ("Email", "Website") or label.lower() in LABEL_SYNONYMS)


def address_goes_on(address: str, text: str) -> bool:
    """Whether `text`, the line under an email or website line that was too
    long for its column, is the rest of the address: a word processor breaks
    an address after a slash, or anywhere when no slash is near ("…arkansas.g"
    / "ov"). It is one word, and no address of its own unless the address
    was visibly cut short (after a slash or dot, or a one-letter label). Otherwise the address ends where its line does."""
    if len(text.split()) != 1 or "@" in text:
        return False
    cut_short = address.endswith(("/", ".")) or _ONE_LETTER_LABEL.search(address) is not None
    return cut_short or classify_line(text)[0] not in ("Email", "Website")


def heading_goes_on(previous: Placed, current: Placed, size: float, leading: float = 0.0) -> bool:
    """A heading set over several lines, in one heading style, is one heading, also when the
    foot of a column ends with it and the next column goes on in its style: a heading stands
    above its text, so the foot of a column is no place where one ends."""
    first, last = current.line.words[0], previous.line.words[-1]
    first_of_region = current.gap_before == float("inf")
    next_column = first_of_region and current.line.top < previous.line.top
    # Large type stands further apart than the body's paragraph gap: a heading's own lines are
    # within SETTINGS.heading_gap_em of its own size of each other, at the page's own leading (the
    # distance from line to line, in em of their size, within SETTINGS.leading_slack).
    pitch = (current.line.top - previous.line.top) / first.size
    just_below = (first_of_region and 0 <= current.line.top - previous.line.bottom <= SETTINGS.heading_gap_em * first.size
                  and leading > 0 and pitch <= (1 + SETTINGS.leading_slack) * leading)
    # Across regions only a line that wrapped for want of room (its next word did not fit).
    # A one-line region shows no column edge: below it, the next region's shows it.
    right = previous.region_right if next_column else max(previous.region_right, current.region_right)
    wrapped = SETTINGS.space_em * first.size + (first.x1 - first.x0) > right - previous.line.x1
    close = current.gap_before < SETTINGS.paragraph_em * size or (next_column or just_below) and wrapped
    return (is_styled(previous.line, size) and is_styled(current.line, size)
            and close and not current.bullet and same_type(first, last))


def breaks_off(text: str) -> bool:
    """Whether a line stops where no heading ends: after a comma, a hyphen, a slash, an
    ampersand or a joining word ("Orange County," / "CA" at the top of the next column)."""
    text = text.rstrip()
    return text.endswith((",", "-", "\u2010", "/", "&")) or text.rpartition(" ")[2] in _JOINING_WORDS


def item_goes_on(previous: Placed, current: Placed, size: float, in_item: bool) -> bool:
    """Whether `current`, the first line of a region, ends the list item that
    the region before it ended with: a list set in columns breaks an item at
    the foot of one column and goes on at the top of the next. The line has
    no bullet, stands at the indent of the items' text in its own region, in
    the item's font, and is no heading."""
    if not in_item or current.bullet or current.gap_before != float("inf") or current.item_indent is None:
        return False
    first, last = current.line.words[0], previous.line.words[-1]
    return (abs(current.line.x0 - current.item_indent) <= SETTINGS.hanging_em * size
            and same_type(first, last) and not is_styled(current.line, size))


def cut_mid_word(previous: Placed, current: Placed, cell: float, counts: Counter | None = None) -> bool:
    """Whether a monospaced print cut a word where its line ran out of cells (enscript wraps
    at the last character that fits): the line fills its column to the last cell and the next
    starts in the first one (a space at the cut would stand in one of them).

    A typesetter that wraps at word spaces fills a line to its last cell now and then too: a
    line-end hyphen is then a hyphenation (read by `join_broken`), and two pieces the document
    prints as words elsewhere (`counts`: its words, `word_key`, and how often) are two words
    ("Warning" / "Fusion"), unless it prints them as one ("Informat" / "ion": "Information")."""
    if not (previous.line.x1 >= previous.region_right - cell / 2
            and current.line.x0 <= current.region_left + cell / 2):
        return False
    if previous.line.words[-1].text.endswith(HYPHENS):
        return False
    if counts is None:
        return True
    before, after = word_key(previous.line.words[-1].text), word_key(current.line.words[0].text)
    return counts[before + after] > 0 or not (counts[before] > 1 and counts[after] > 1)


def word_key(text: str) -> str:
    """A word as `document_words` counts it: casefolded, without the punctuation around it."""
    return text.strip(".,;:()\"'").casefold()


def document_words(pages: Sequence[PdfPage]) -> Counter:
    """How often the document prints each word (`word_key`)."""
    return Counter(word_key(w.text) for page in pages for w in page.words)


def page_lines_in_order(page: PdfPage, body: Sequence[Word], size: float, source: str,
                        spelled: frozenset[str] = frozenset(), counts: Counter | None = None) -> list[Line]:
    """A page's body lines in reading order, wrapped parts joined back; `size`
    is the body text's, the unit of every gap. Lines of two regions are joined
    only where a list item runs from one column into the next."""
    placed: list[Placed] = []
    for region in cut(body, page, size):
        lines = group_lines(region)
        # The column's right edge: where its lines of words end; a one-word line (an address)
        # may run past it into the gutter.
        worded = [l.x1 for l in lines if len(l.words) > 1]
        right, left = max(worded or [l.x1 for l in lines]), min(l.x0 for l in lines)
        # A bullet too wide for its indent stands on a line of its own (groff's .IP): the
        # line under it is its item.
        lone = {i for i, line in enumerate(lines[:-1])
                if len(line.words) == 1 and (line.words[0].text in BULLET_GLYPHS or is_symbol_glyph(line.words[0]))
                and lines[i + 1].x0 > line.x0}
        if lone:
            bulleted = {i + 1 for i in lone}
            lines = [line for i, line in enumerate(lines) if i not in lone]
            kept = [i for i in range(len(lines) + len(lone)) if i not in lone]
            starts = [(True, line) if k in bulleted else bullet_start(line, page.marks, size)
                      for k, line in zip(kept, lines)]
        else:
            starts = [bullet_start(line, page.marks, size) for line in lines]
        # The items' text edge: the leftmost start of an item's text (a justified line after a
        # typed bullet may start its text further right).
        indent = min((line.x0 for bullet, line in starts if bullet), default=None)
        previous_bottom = None
        for (bullet, line), printed in zip(starts, lines):
            gap = float("inf") if previous_bottom is None else line.top - previous_bottom
            previous_bottom = max(previous_bottom or line.bottom, line.bottom)
            placed.append(Placed(line, len(placed) + 1, right, gap, bullet, indent, printed.x0, left))
    pitches = sorted((b.line.top - a.line.top) / b.line.words[0].size for a, b in zip(placed, placed[1:])
                     if b.gap_before != float("inf") and not b.bullet)
    leading = pitches[len(pitches) // 2] if pitches else 0.0
    joined: list[Line] = []
    previous: Placed | None = None
    for k, current in enumerate(placed):
        in_item = bool(joined) and joined[-1].bullet
        following = placed[k + 1] if k + 1 < len(placed) else None
        if previous is not None and joined and (continues(previous, current, size, in_item, following)
                                                or heading_goes_on(previous, current, size, leading)
                                                or item_goes_on(previous, current, size, in_item)):
            before = joined[-1]
            if page.cell and cut_mid_word(previous, current, page.cell, counts):
                text = before.text + current.line.text
            else:
                text = join_broken(before.text, current.line.text, spelled, counts or frozenset())
            joined[-1] = replace(before, text=text, box=_union(before.box, current.line))
        else:
            styled = is_styled(current.line, size)
            hangs = (not joined and not current.bullet and not styled and current.item_indent is not None
                     and abs(current.line.x0 - current.item_indent) <= SETTINGS.hanging_em * size)
            joined.append(Line(current.line.text, SourceRef(source, current.number, page.number),
                               styled, current.bullet, hangs, x0=current.line.x0, top=current.line.top,
                               box=_union((), current.line)))
        previous = current
    return joined


def _union(box: tuple[float, ...], line: TextLine) -> tuple[float, float, float, float]:
    """The box holding `box` (empty at first) and a printed line."""
    if not box:
        return (line.x0, line.top, line.x1, line.bottom)
    return (min(box[0], line.x0), min(box[1], line.top), max(box[2], line.x1), max(box[3], line.bottom))


def hyphenated_words(pages: Sequence[PdfPage]) -> frozenset[str]:
    """The words the document itself spells with a hyphen inside ("Counter-Terrorism"), casefolded,
    with the hyphen as "-": a line-end hyphen that makes one of them is kept."""
    words = set()
    for page in pages:
        for w in page.words:
            text = _HYPHEN_FORMS.sub("-", w.text.strip(".,;:()")).casefold()
            if "-" in text.strip("-"):
                words.add(text)
    return frozenset(words)


def join_broken(before: str, after: str, spelled: frozenset[str] = frozenset(),
                printed: Counter | frozenset[str] = frozenset()) -> str:
    """Two pieces of one line the printer broke, joined back.

    After a hyphen of any form, the break may be hyphenation (TeX's "Cen-" / "ter", CSS's
    "Informa‐" / "tion"): the word is joined without it, unless the document spells the
    word with a hyphen elsewhere ("Counter-Terrorism"), or it is a number ("517-" / "2660"),
    or the next piece starts a capitalized word after an ASCII hyphen ("Multi-" / "Agency")
    that the document does not print whole elsewhere (`printed`, `word_key`: "(MA-" / "TRIX)"
    is "(MATRIX)"): then the hyphen (as "-") is kept, with no space. Inside an email or web address an ASCII
    hyphen is the address's own ("hamilton-" / "co.org": printers break after real ones) and is
    kept; any other hyphen form there is a hyphenator's ("msa\u2010" / "ic.html") and is dropped.
    An address broken elsewhere (it has no spaces) is joined without a space; other lines with one.
    """
    head, _, last = before.rpartition(" ")
    first, _, tail = after.partition(" ")
    if last.endswith(HYPHENS) and last.rstrip("".join(HYPHENS)):
        stem = last[:-1]
        word = _HYPHEN_FORMS.sub("-", f"{stem}-{first}".strip(".,;:()")).casefold()
        if "@" in last or is_address(before):  # an address spells its hyphens with "-" only
            keep = last.endswith("-")
        else:
            whole = word_key(f"{stem}{first}") in printed
            keep = word in spelled or first[:1].isdigit() or (last.endswith("-") and first[:1].isupper() and not whole)
        joined = f"{stem}{'-' if keep else ''}{first}"
        return " ".join(x for x in (head, joined, tail) if x)
    glue = "" if is_address(before) else " "
    return f"{before}{glue}{after}"


def _overlaps(box: tuple[float, ...], line) -> bool:
    return box[0] < line.x1 and line.x0 < box[2]


def with_hidden(ordered: Sequence[Line], hidden: Sequence[TextLine], source: str, page: int) -> list[Line]:
    """A page's lines in reading order with its hidden lines (`TextLine`s of text it does not
    show) put in, each after the shown line it stands under: the nearest line above it
    in its column (any column when none is above it there), before all when none is.
    A hidden line takes the reference of the line it follows (line 1 when first)."""
    after: dict[int, list] = {}
    for line in sorted(hidden, key=lambda l: (l.top, l.x0)):
        above = [i for i, shown in enumerate(ordered) if shown.box and shown.box[1] <= line.top]
        column = [i for i in above if _overlaps(ordered[i].box, line)]
        pick = max(column or above, key=lambda i: (ordered[i].box[1], i), default=-1)
        after.setdefault(pick, []).append(line)
    out: list[Line] = []
    for i in range(-1, len(ordered)):
        if i >= 0:
            out.append(ordered[i])
        ref = ordered[i].ref if i >= 0 else SourceRef(source, 1, page)
        out.extend(Line(line.text, ref, False, False, x0=line.x0, top=line.top,
                        box=(line.x0, line.top, line.x1, line.bottom), hidden=True)
                   for line in after.get(i, ()))
    return out


# --- A drawn table's row that a page break cuts ---------------------------------

def borders(page: PdfPage, top: float, bottom: float) -> tuple[list[float], list[float]]:
    """A page's drawn table about the heights from `top` to `bottom`: the heights of the borders
    that run across it, and the x of its cells' borders there; two empty lists for none."""
    walls = sorted({round(w.x0) for w in page.walls if w.top <= bottom and w.bottom >= top})
    if len(walls) < 3:
        return [], []
    left, right = walls[0], walls[-1]
    levels = sorted({round(r.top, 1) for r in page.rulings
                     if ruled_between(page.rulings, r.top - 1, r.top + 1, left, right)})
    return levels, [float(x) for x in walls]


def carry_over(lines: list[Line], previous: PdfPage, page: PdfPage, ordered: list[Line], size: float,
               spelled: frozenset[str]) -> list[Line]:
    """A drawn table's row that a page break cuts: each cell goes on in its own column at the
    top of the next page, above the table's first border there (the row has no border under it
    on its page, nor over it on the next, and both pages draw the same cells). Those lines are
    put back, in `lines`, at the end of their cell on the page before (each keeps its own page and
    line), joined to its last line where that was cut short (a label without its value, a broken
    label or number); the rest of `ordered` is returned."""
    tail = [line for line in lines if line.ref.page == previous.number and not line.cells and not line.hidden]
    if not tail or not ordered:
        return ordered
    levels_before, walls_before = borders(previous, tail[-1].top, tail[-1].top + 2 * size)
    levels_after, walls_after = borders(page, ordered[0].top, ordered[0].top + 2 * size)
    if not levels_before or not levels_after or len(walls_before) != len(walls_after) or any(
            abs(a - b) > 1 for a, b in zip(walls_before, walls_after)):
        return ordered
    row = [line for line in tail if line.top > levels_before[-1]]
    head = [line for line in ordered if line.top < levels_after[0]]
    if not row or not head or len(head) == len(ordered) or lines[-len(row):] != row:
        return ordered
    walls = walls_before[1:-1]  # the borders between cells

    def column(line: Line) -> int:
        """The cell a line stands in: how many borders stand left of it."""
        return sum(1 for x in walls if line.x0 > x)

    start = len(lines) - len(row)
    for line in head:
        k = max((i for i in range(start, len(lines)) if column(lines[i]) <= column(line)), default=None)
        if k is not None and column(lines[k]) == column(line):
            if cut_short(lines[k].text, line.text):
                lines[k] = replace(lines[k], text=join_broken(lines[k].text, line.text, spelled))
                continue
            # The first word of a broken label, joined to the line before it for want of the next.
            words = lines[k].text.split()
            for n in (1, 2):
                if len(words) > n and classify_line(" ".join(words[:-n]))[0] and broken_label(
                        " ".join(words[-n:]), line.text):
                    lines[k] = replace(lines[k], text=" ".join(words[:-n]))
                    line = replace(line, text=f"{' '.join(words[-n:])} {line.text}")
                    break
        lines.insert(k + 1 if k is not None else start, replace(line, read_on=previous.number))
    return ordered[len(head):]


def cut_short(before: str, after: str) -> bool:
    """Whether a cell's line goes on in the next: a label with no value yet, a broken label, a
    number or word broken at a hyphen."""
    text = before.rstrip()
    return text.endswith(":") or text.endswith(HYPHENS) or broken_label(text, after)
