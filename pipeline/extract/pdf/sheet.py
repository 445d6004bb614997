"""A spreadsheet printed to pages: a header row of field labels, a row per record, joined across pages.

A sheet prints as a grid of text: a header row whose cells are field labels ("Name",
"Location", "Phone"), then one row per record, each cell's text at its column's left edge. A
sheet wider than the paper is printed in groups of columns, "down, then over" or "over, then
down": each page holds some rows of some columns, and a row's parts stand on several pages.
This module finds such pages among a printed document's lines and gives the sheet back as
rows of cells, for the assembler to read as records (`tables.read_tables`).

A row's parts are joined only where they can be matched for certain:
- by the row numbers printed beside every row (the column letters printed above the columns
  tell which columns a page holds);
- by a key column, the name, repeated on every page as print titles (each name once);
- or, when every page holds the same columns, by their order.
A sheet whose pages hold different columns with none of these is refused in one line: a
row's height on the page is no proof that two parts are one row. So is a cell whose text runs
across its column's edge or off the paper: the page does not show which text is whose. Rows are
read (and so refused) only once the pages are known to print a sheet, a header row among them
naming a center and its values: a page of blocks set in columns can hold a line that looks like
a header ("Center" "Center", a heading's last word at each column's top).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from pipeline.errors import PipelineError
from pipeline.extract.pdf.layout import ruled_between
from pipeline.extract.pdf.order import ADDRESS_HYPHEN_UNSURE, Spelling, broken_join, cut_in_cell
from pipeline.extract.pdf.settings import SETTINGS
from pipeline.extract.shown import shown_in_line
from pipeline.extract.tables import NAME, header_field, is_record_header
from pipeline.fields import FIELD_OF_LABEL, KIND_OF_FIELD, Kind
from pipeline.records import SourceRef
from pipeline.reference import state_code

_ROW_NUMBER = re.compile(r"^\d{1,6}$")
_COLUMN_LETTERS = re.compile(r"^[A-Z]{1,3}$")


@dataclass(frozen=True)
class PrintedPage:
    """What the sheet reader needs of a page: its number, its width, its lines top to bottom
    (each with `words` that have text, x0, x1 and size), the indexes of its running lines (header
    and footer) and its own word space (points)."""

    number: int
    width: float
    lines: Sequence
    running: frozenset[int]
    space: float
    hidden: Sequence = ()  # words the page holds but does not show (outside the paper, clipped, ...)
    rulings: Sequence = ()  # horizontal borders (`pages.PdfPage.rulings`): where a drawn grid parts its rows
    walls: Sequence = ()  # vertical borders (`pages.PdfPage.walls`): a grid draws its cells' sides
    spelling: Spelling = Spelling()  # the words the document spells (`order.spelling`), to join a cell's lines


@dataclass(frozen=True)
class Piece:
    """Words of one line standing together: a cell's text, or part of it."""

    text: str
    x0: float
    x1: float


@dataclass(frozen=True)
class SheetRow:
    """A row of a printed sheet: where it stands, its printed number (None where none is) and
    its cells, one per column of the sheet."""

    page: int
    line: int  # the row's line among the page's lines, counted from 1 (`line_number`)
    number: int | None
    cells: tuple[str, ...]
    notes: tuple[tuple[int, str], ...] = ()  # (column, "hyphen"): an address broken at a hyphen it may or may not own


@dataclass(frozen=True)
class SheetPage:
    """What one page of a printed sheet holds."""

    page: int
    start: int  # index of the page's first line of the sheet (its column letters, header or first row)
    labels: tuple[str, ...]  # its columns' labels: its own header row's, or those of the page it continues
    headed: bool  # whether the page prints its own header row
    header_line: int  # the line of its header row (`line_number`; 0 without one)
    edges: tuple[float, ...]  # each column's left edge
    letters: tuple[str, ...]  # the column letters printed above each column; () where none are
    header_number: int | None  # the printed number of its header row
    rows: tuple[SheetRow, ...]  # its body rows, cells by its own columns
    cells: tuple[tuple[Piece, ...], ...] = ()  # its body lines' pieces (a page without a header row)
    printed: tuple[str, ...] = ()  # the column letters as printed, left to right
    body: tuple[int, ...] = ()  # indexes of the lines under its header row (its rows, once read)


@dataclass(frozen=True)
class Sheet:
    """A printed sheet joined back: its header (labels) and its rows, and where it starts."""

    header: tuple[str, ...]
    header_page: int
    header_line: int
    rows: tuple[SheetRow, ...]
    pages: dict[int, int]  # page -> index of its first line of the sheet (lines before it are the page's own)


def pieces(words: Sequence, em: float, space: float, walls: Sequence = ()) -> list[Piece]:
    """A line's words in runs: a new run where the gap reaches SETTINGS.cell_gap_em of the type and
    SETTINGS.cell_gap_spaces of the page's word space, or where a drawn border (`walls`) stands
    in the gap across the line (a cell's text that nearly fills it ends a word space from the next)."""
    runs: list[list] = []
    for word in sorted(words, key=lambda w: w.x0):
        size = getattr(word, "size", 0.0) or em
        walled = runs and any(runs[-1][-1].x1 <= w.x0 <= word.x0 and w.top <= word.bottom and w.bottom >= word.top
                              for w in walls)
        if runs and not walled and word.x0 - runs[-1][-1].x1 < max(SETTINGS.cell_gap_em * size,
                                                                   SETTINGS.cell_gap_spaces * space):
            runs[-1].append(word)
        else:
            runs.append([word])
    return [Piece(" ".join(w.text for w in run), run[0].x0, max(w.x1 for w in run)) for run in runs]


def line_text(line) -> str:
    """A line's words joined by spaces."""
    return " ".join(w.text for w in line.words)


def is_letters(line) -> bool:
    """Whether a line is the column letters a sheet prints above its columns ("A B C")."""
    return bool(line.words) and all(_COLUMN_LETTERS.match(w.text) for w in line.words)


def header_cells(line, em: float, space: float, starts: Sequence[float],
                 walls: Sequence = ()) -> tuple[int | None, list[Piece]] | None:
    """A header row: its printed row number (or None) and its labels; None when the line is no
    header (a cell that names no field). Pieces are joined back where together they are one
    label and no cell of the rows below starts where the second one does ("Alternate" "Phone"),
    never across a drawn border (`walls`: a sheet shrunk to fit its page sets its cells' text a
    word space from the next cell's, "Alternate Phone | Email")."""
    words = sorted(line.words, key=lambda w: w.x0)
    number = None
    if len(words) > 1 and _ROW_NUMBER.match(words[0].text) and words[1].x0 - words[0].x1 >= SETTINGS.cell_gap_em * em:
        number, words = int(words[0].text), words[1:]
    parts = pieces(words, em, space, walls)
    merged: list[Piece] = []
    for part in parts:
        if merged and not any(merged[-1].x1 <= w.x0 <= part.x0 and w.top <= _bottom(line) and w.bottom >= _top(line)
                              for w in walls):
            joined = Piece(f"{merged[-1].text} {part.text}", merged[-1].x0, part.x1)
            supported = any(abs(x - part.x0) <= SETTINGS.sheet_edge_slack for x in starts)
            if header_field(joined.text) and not supported:
                merged[-1] = joined
                continue
        merged.append(part)
    # A header cell is a bare label: "Phone:" with its colon labels a value on its own line.
    if not merged or not all(header_field(p.text) and not p.text.endswith(":") for p in merged):
        return None
    return number, merged


def column_of(edges: Sequence[float], x: float) -> int:
    """The column a word starting at x stands in: the last whose left edge is at or before it."""
    column = 0
    for i, edge in enumerate(edges):
        if x >= edge - SETTINGS.sheet_edge_slack:
            column = i
    return column


def sheet_row(line, line_number: int, page: PrintedPage, edges: Sequence[float], em: float,
              source: str) -> SheetRow:
    """A body line as a row: its printed number (a number left of the first column) and its
    cells, each word in the column it starts in. A word that runs across the next column's
    edge, or off the paper, is refused: which text the page shows in which cell cannot be told."""
    words = sorted(line.words, key=lambda w: w.x0)
    number = None
    left = [w for w in words if w.x1 < edges[0] - SETTINGS.sheet_edge_slack]
    if left:
        if len(left) > 1 or not _ROW_NUMBER.match(left[0].text):
            raise PipelineError(f"is a printed spreadsheet, but its row {line_text(line)!r} has "
                                f"{' '.join(w.text for w in left)!r} left of its first column, where only a row "
                                "number stands.", source=source, page=page.number, line=line_number)
        number = int(left[0].text)
        words = words[1:]
    top, bottom = min(w.top for w in line.words), max(w.bottom for w in line.words)
    first, last = min(w.x0 for w in line.words), max(w.x1 for w in line.words)
    # (a mark that runs off the paper's side an em or more from the row's text is none of its
    # cells: the page number a turned page leaves at its side)
    unseen = [w for w in page.hidden if min(w.bottom, bottom) - max(w.top, top) > 0
              and not ((w.x0 < 0 and w.x1 < first - em) or (w.x1 > page.width and w.x0 > last + em))]
    unseen += [w for w in line.words if getattr(w, "cut", False)]  # a word the page shows in part (`pages.Word.cut`)
    if unseen:  # part of a cell the page does not show (cut at the paper's edge, clipped)
        where = ("off the paper" if unseen[0].x0 >= page.width - SETTINGS.sheet_edge_slack
                 or getattr(unseen[0], "cut", False) else "out of sight")
        raise PipelineError(f"is a printed spreadsheet whose row {line_text(line)[:60]!r} has text "
                            f"{unseen[0].text!r} {where}: the page shows a cell cut off, so what it holds "
                            "cannot be read for certain.", source=source, page=page.number, line=line_number)
    cells: list[list[str]] = [[] for _ in edges]
    previous, held = None, 0  # the word before, and the column it went to
    for word in words:
        column = column_of(edges, word.x0)
        right = edges[column + 1] if column + 1 < len(edges) else page.width
        # A word in the next column a word space after the last: one text running across the edge.
        across = previous is not None and held < column and word.x0 - previous.x1 < max(
            SETTINGS.cell_gap_em * (getattr(word, "size", 0.0) or em), SETTINGS.cell_gap_spaces * page.space) \
            and not any(previous.x1 <= w.x0 <= word.x0 and w.top <= word.bottom and w.bottom >= word.top
                        for w in page.walls)  # a drawn border between them: two cells
        over = word.x1 > right + SETTINGS.sheet_edge_slack
        if (across or over and column + 1 < len(edges)) and merged_across(
                page, top, bottom, edges[held if across else column], min(word.x1, page.width)):
            column, across, over = (held if across else column), False, False  # a merged cell's text goes on
        previous, held = word, column
        if over or across:
            where = "off the paper" if column + 1 == len(edges) and not across else "into the next column"
            raise PipelineError(f"is a printed spreadsheet whose text {word.text!r} (row {line_text(line)[:60]!r}) "
                                f"runs {where}: the page shows it cut off or overlapping, so what it holds "
                                "cannot be read for certain.", source=source, page=page.number, line=line_number)
        cells[column].append(word.text)
    return SheetRow(page.number, line_number, number, tuple(" ".join(c) for c in cells))


def merged_across(page: PrintedPage, top: float, bottom: float, left: float, right: float) -> bool:
    """Whether a line stands in a cell merged across columns of a drawn grid: the page draws cell
    sides between `left` and `right` (a column's edge and where the line's text runs to) in
    other rows, none across the line's height ("District of Columbia", a group's row merged across
    the table, its name longer than the first column). Where the grid draws no sides there, or
    draws one across the line, text that runs into the next column overlaps it."""
    sides = [w for w in page.walls if left < (w.x0 + w.x1) / 2 < right]
    middle = (top + bottom) / 2  # (the sides of the rows above and below end at its borders)
    return bool(sides) and not any(w.top < middle < w.bottom for w in sides)


def drawn_rows(page: PrintedPage, indexes: Sequence[int], edges: Sequence[float],
               header: bool = False, grid_rows: bool = False) -> list[list[int]]:
    """The lines at `indexes` in rows: in a drawn grid (the page draws its cells' sides, and
    rulings across the sheet between some of its lines), the lines between two rulings are one
    row, each cell's lines its text; so too where the page draws rulings between rows but no
    cell sides and the rows stand apart by their padding (`SETTINGS.row_padding_em`);
    elsewhere each line is a row. A ruling parts two lines where it stands between their
    middles (`_rows_apart`). For a `header` (the lines from a header row down) only the
    first row counts: the lines above the first ruling under it, at most SETTINGS.header_lines
    (whose every cell must then name a field, `headed_page`). Where the sheet's other pages part
    their rows by rulings (`grid_rows`), lines that head a page under no ruling and over one
    are one row (the border above it drawn on the page before)."""
    alone = [[j] for j in indexes]
    if not indexes or not page.rulings:
        return alone
    lines = [page.lines[j] for j in indexes]
    left, right = edges[0], max(w.x1 for line in lines for w in line.words)
    top, bottom = min(_top(line) for line in lines), max(_bottom(line) for line in lines)
    walled = any(left < (w.x0 + w.x1) / 2 < right and w.top < bottom and w.bottom > top for w in page.walls)
    parted = [ruled_between(page.rulings, _middle(a), _middle(b), left, right) for a, b in zip(lines, lines[1:])]
    if not any(parted):
        # A grid's last row alone on a page that it heads, the border above it drawn on the page
        # before: its lines are its cells' text.
        first = all(i in page.running for i in range(indexes[0]))
        inside = any(_middle(lines[0]) < r.top < _middle(lines[-1]) and r.x1 > left and r.x0 < right
                     for r in page.rulings)  # a border under some cells: rows a rowspan cell spans
        framed = grid_rows and walled and first and not inside \
            and ruled_between(page.rulings, _middle(lines[-1]), float("inf"), left, right)
        return [list(indexes)] if framed and len(lines) > 1 and not header else alone
    rows = [[indexes[0]]]
    for j, ruled in zip(indexes[1:], parted):
        if ruled:
            rows.append([j])
        else:
            rows[-1].append(j)
    if header and not walled:
        return rows if len(rows[0]) <= SETTINGS.header_lines else alone
    if not walled and not _padded(lines, parted):
        return alone
    return rows


def _padded(lines: Sequence, parted: Sequence[bool]) -> bool:
    """Whether lines parted by rulings (`parted`: a ruling under each but the last) stand closer
    together between two rulings than across one, by SETTINGS.row_padding_em of their type: the
    rows of a table are set apart by their cells' padding, its lines within a cell by their leading."""
    within = [b.top - a.top for a, b, ruled in zip(lines, lines[1:], parted) if not ruled]
    across = [b.top - a.top for a, b, ruled in zip(lines, lines[1:], parted) if ruled]
    if not within:
        return False
    em = max(w.size for line in lines for w in line.words)
    return min(across) - max(within) >= SETTINGS.row_padding_em * em


def joined_row(parts: Sequence[SheetRow], page: PrintedPage, source: str) -> SheetRow:
    """A drawn row's lines as one row: each cell's lines joined as a printer broke them
    (`order.broken_join`: no space after a hyphen before a digit, none inside an address; none inside a
    word too long for its cell, `order.cut_in_cell`). An
    address broken at a hyphen that may be its own or the printer's is noted "hyphen": it cannot be
    read for certain, and is set aside and reported on its center (ADDRESS_BROKEN_AT_HYPHEN)."""
    cells = list(parts[0].cells)
    notes: dict[int, str] = {}
    for part in parts[1:]:
        for column, text in enumerate(part.cells):
            if not text:
                continue
            if not cells[column]:
                cells[column] = text
                continue
            if cut_in_cell(cells[column], text, page.spelling):  # a word too long for its cell
                cells[column] += text
                continue
            joined, how = broken_join(cells[column], text, page.spelling)
            if how == ADDRESS_HYPHEN_UNSURE:
                notes[column] = "hyphen"
            cells[column] = joined
    number = next((p.number for p in parts if p.number is not None), None)
    return SheetRow(parts[0].page, parts[0].line, number, tuple(cells), tuple(sorted(notes.items())))


def rows_of(page: PrintedPage, indexes: Sequence[int], edges: Sequence[float], em: float,
            source: str, grid_rows: bool = False) -> tuple[SheetRow, ...]:
    """The lines at `indexes` of a page of a sheet as its rows, cells by the columns at `edges`
    (a drawn row's lines joined, `drawn_rows`; `grid_rows`: the sheet's pages part rows by rulings)."""
    groups = drawn_rows(page, indexes, edges, grid_rows=grid_rows)
    rows = [joined_row([sheet_row(page.lines[j], line_number(page, j), page, edges, em, source) for j in group],
                       page, source) for group in groups]
    return tuple(spanned_cells(page, groups, rows, edges, em))


def spanned_cells(page: PrintedPage, groups: Sequence[Sequence[int]], rows: Sequence[SheetRow],
                  edges: Sequence[float], em: float) -> list[SheetRow]:
    """A drawn grid's rows with each cell that spans rows (an HTML `rowspan`, a merged cell) given
    to every row it spans. A spanning cell is drawn so: the two rows are parted by a border over
    every cell of the lower row that holds text, and by none over the spanning cell, whose text
    stands in the upper row only. So an empty cell takes the cell above's text only where a border
    runs over each filled cell of its row and none over it; elsewhere (no border between the rows:
    a sheet printed with its frame only; a border over the empty cell too: a grid drawn round
    every cell) it stays empty. A column reaches from its edge to the next one's, the last one to
    the grid's right side (`_grid_right`); one whose reach cannot be told spans nothing."""
    if not rows or not page.rulings or not page.walls:
        return list(rows)
    slack = SETTINGS.sheet_edge_slack
    out = [rows[0]]
    for upper, lower, row in zip(groups, groups[1:], rows[1:]):
        above = out[-1]
        low, high = _rows_apart(page, upper, lower)
        bounds = [*edges[1:], _grid_right(page, upper, lower, edges[-1])]
        ruled = [bounds[c] - edges[c] > 2 * slack
                 and ruled_between(page.rulings, low, high, edges[c] + slack, bounds[c] - slack)
                 for c in range(len(row.cells))]
        if not all(ruled[c] for c, text in enumerate(row.cells) if text) or not any(ruled):
            out.append(row)  # (a sheet printed with its outer borders only: an empty Fax is no Fax)
            continue
        cells = [text or (above.cells[c] if above.cells[c] and not ruled[c] and bounds[c] - edges[c] > 2 * slack
                          else "") for c, text in enumerate(row.cells)]
        out.append(replace(row, cells=tuple(cells)))
    return out


def _middle(line) -> float:
    return (_top(line) + _bottom(line)) / 2


def _rows_apart(page: PrintedPage, upper: Sequence[int], lower: Sequence[int]) -> tuple[float, float]:
    """Where a border between two drawn rows (the lines at `upper` and at `lower`) stands: between
    the middles of the upper row's lowest line and of the lower row's highest. Not between their
    boxes: a font's box reaches above its capitals, and a border drawn at a cell's top edge runs
    through the box of the text under it (2 pt inside Nimbus Roman's at 11 pt, in Calc's prints)."""
    return max(_middle(page.lines[j]) for j in upper), min(_middle(page.lines[j]) for j in lower)


def _grid_right(page: PrintedPage, upper: Sequence[int], lower: Sequence[int], edge: float) -> float:
    """The right side of a drawn grid's last column, whose left edge is `edge`, beside two rows:
    the first cell side drawn right of the edge across them; where none is, the rows' text's end."""
    top = min(_top(page.lines[j]) for j in upper)
    bottom = max(_bottom(page.lines[j]) for j in lower)
    sides = [(w.x0 + w.x1) / 2 for w in page.walls if w.top < bottom and w.bottom > top]
    beside = [x for x in sides if x > edge + SETTINGS.sheet_edge_slack]
    if beside:
        return min(beside)
    return max(w.x1 for j in (*upper, *lower) for w in page.lines[j].words)


def line_number(page: PrintedPage, index: int) -> int:
    """A line's number among the page's lines, its running lines not counted, from 1 (as a
    reader numbers the lines of a page in reading order)."""
    return 1 + sum(1 for i in range(index) if i not in page.running)


def _starts(page: PrintedPage, indexes: Sequence[int], em: float) -> list[float]:
    return [p.x0 for i in indexes for p in pieces(page.lines[i].words, em, page.space, page.walls)]


def _cell_starts(page: PrintedPage, indexes: Sequence[int], em: float, numbered: bool) -> list[float]:
    """Where the cells of the lines at `indexes` start (a row number before them left out)."""
    starts = []
    for i in indexes:
        words = sorted(page.lines[i].words, key=lambda w: w.x0)
        if numbered and words and _ROW_NUMBER.match(words[0].text):  # (every row of it numbered; a
            words = words[1:]  # number of two digits may stand closer to the cell than a cell gap)
        starts.extend(p.x0 for p in pieces(words, em, page.space, page.walls))
    return starts


def label_edges(labels: Sequence[Piece], starts: Sequence[float], gap: float = 0.0) -> tuple[float, ...]:
    """Each labelled column's left edge. A label stands over its column: set flush left, it starts
    where the column's cells do; centred or set right, it starts inside the column, right of where
    its cells start and of the label before. So a column's edge is its label's start where a cell
    starts there; else the one place where cells start between the label before and this one's
    start (places closer than `gap`, a cell's padding, are one: no cell fits between them, a
    printer that sets a column's cells a point or two apart, "(334)" at 309.1 and "(302)" at
    310.8); else (no cell starts there, or cells start at places a cell apart) the label's start."""
    slack = SETTINGS.sheet_edge_slack
    places: list[float] = []
    for x in sorted(starts):
        if not places or x - places[-1] > slack:
            places.append(x)
    edges = []
    for k, label in enumerate(labels):
        low = labels[k - 1].x1 - slack if k else float("-inf")
        between = [x for x in places if low <= x <= label.x0 + slack]
        if not between or any(abs(x - label.x0) <= slack for x in between) or max(between) - min(between) > gap:
            edges.append(label.x0)
        else:
            edges.append(between[0])
    return tuple(edges)


def headed_page(page: PrintedPage, em: float, source: str) -> SheetPage | None:
    """A page's sheet under its own header row (among its first lines of text: every cell a field
    label, a printed row number before them, the column letters above); None for a page without."""
    lines = page.lines
    text_lines = [i for i in range(len(lines))
                  if i not in page.running or header_cells(lines[i], em, page.space, (), page.walls)]
    for k, i in enumerate(text_lines[:SETTINGS.header_within]):
        body = [j for j in text_lines[k + 1:] if j not in page.running]
        found = header_cells(lines[i], em, page.space, _starts(page, body, em), page.walls)
        above: list[int] = []
        nxt = text_lines[k + 1] if k + 1 < len(text_lines) else None
        lower = (header_cells(lines[nxt], em, page.space, (), page.walls)
                 if found is not None and nxt is not None else None)
        if lower is not None and spanning_header(page, [i], lines[nxt], lower[1], em) is not None:
            continue  # the row above a lower header row: read with it (`spanning_header`)
        if found is not None and i:
            # (the rows above may repeat on every page, and be taken for a running header)
            spanned = spanning_header(page, list(range(max(0, i - 2), i)), lines[i], found[1], em)
            if spanned is not None:
                above, found = spanned[0], (found[0], spanned[1])
        if found is None:
            continue
        number, labels = found
        edges = label_edges(labels, _cell_starts(page, body, em, number is not None), SETTINGS.cell_gap_em * em)

        def beside(edges: Sequence[float]) -> bool:
            """Text left of the first column other than a row number: the line heads no sheet (a
            column of text beside it, as in a page of blocks set in columns)."""
            return any(len(left) > 1 or not _ROW_NUMBER.match(left[0].text)
                       for left in ([w for w in lines[j].words if w.x1 < edges[0] - SETTINGS.sheet_edge_slack]
                                    for j in body) if left)
        if beside(edges):
            # A drawn grid's labels centred over cells set flush left (a browser's <th>): each
            # column starts at the border left of its label.
            walled = _walled_edges(page, lines[i], labels, [lines[j] for j in body])
            if walled is None or beside(walled):
                continue
            edges = walled
        # A header of one label is a column's only where every row below that holds text starts
        # at it (a row number aside).
        if len(labels) == 1 and not all(
                abs(w[0].x0 - edges[0]) <= SETTINGS.sheet_edge_slack
                for w in ([x for x in lines[j].words if x.x1 >= edges[0] - SETTINGS.sheet_edge_slack] for j in body)
                if w):
            continue
        start, letters = (above[0] if above else i), ()
        if k and not above and is_letters(lines[text_lines[k - 1]]):
            start = text_lines[k - 1]
            letters = column_letters(lines[start], edges, [lines[j] for j in body], page.number,
                                     line_number(page, start), source)
        elif k and not above and _group_over(lines[text_lines[k - 1]], edges):
            # A group's row over the header a page repeats ("Pennsylvania" over the header, the
            # table of a state's centers going on or starting on this page): the sheet's first row here.
            start = text_lines[k - 1]
            body = [start, *body]
        printed = tuple(w.text for w in sorted(lines[start].words, key=lambda w: w.x0)) if letters else ()
        texts = [p.text for p in labels]
        # In a drawn grid the header row's cells hold every line above the ruling under it ("Alternate" / "Phone").
        # (a line a running header takes for its own, repeated on every page, too).
        below = drawn_rows(page, list(range(i, len(lines))), edges, header=True)[0][1:]
        for j in below:
            for word in sorted(lines[j].words, key=lambda w: w.x0):
                texts[column_of(edges, word.x0)] += f" {word.text}"
        if below and not all(header_field(t) for t in texts):
            continue
        body = [j for j in body if j not in below]
        return SheetPage(page.number, start, tuple(texts), True, line_number(page, i), edges,
                         letters, number, (), printed=printed, body=tuple(body))
    return None


def _group_over(line, edges: Sequence[float]) -> bool:
    """Whether a line above a header row is a group's row: a state's name alone, from the first column."""
    text = " ".join(w.text for w in line.words)
    return (len(text) > 2 and bool(state_code(text))
            and abs(min(w.x0 for w in line.words) - edges[0]) <= SETTINGS.sheet_edge_slack)


def _walled_edges(page: PrintedPage, line, labels: Sequence[Piece], body: Sequence) -> tuple[float, ...] | None:
    """The left edges of a drawn grid's columns under a header line whose labels stand centred
    over them: for each label, where the text of the rows below starts between the border left of
    it and the next label's (the border itself where none does); None where a label has no border
    of its own (no grid, or labels sharing a cell)."""
    top, bottom = _top(line), _bottom(line)
    across = sorted({round(w.x0, 1) for w in page.walls if w.top <= bottom and w.bottom >= top})
    borders = [max((x for x in across if x <= p.x0), default=None) for p in labels]
    if None in borders or any(b <= a for a, b in zip(borders, borders[1:])):
        return None
    starts = [w.x0 for l in body for w in l.words]
    return tuple(min((x for x in starts if a <= x < b), default=a)
                 for a, b in zip(borders, [*borders[1:], float("inf")]))


def _top(line) -> float:
    return min(w.top for w in line.words)


def _bottom(line) -> float:
    return max(w.bottom for w in line.words)


def spanning_header(page: PrintedPage, upper: Sequence[int], lower, labels: Sequence[Piece],
                    em: float) -> tuple[list[int], list[Piece]] | None:
    """A header of two rows (an HTML table's `colspan`/`rowspan` header, printed): the lines
    `upper` above the header row `lower` (whose cells `labels` are all field labels) hold cells
    of their own columns ("Fusion center", "City": a cell spanning both rows, its text at the
    top or in the middle) and cells spanning several of the lower row's ("Telephone" over
    "Main", "Fax"; "Online" over "E-mail", "Web"). The header's cells: each lower label, and each
    upper cell over no lower one; None where the lines above are no such row (one of its own
    cells names no field, or none spans a lower label), or stand apart from it by more than a line."""
    near: list[int] = []
    below = lower
    for j in reversed(upper):  # the lines right above, each within a line of the next
        if _top(below) - _bottom(page.lines[j]) > SETTINGS.header_span_em * em or is_letters(page.lines[j]):
            break
        near.insert(0, j)
        below = page.lines[j]
    if not near:
        return None
    upper, rows = near, [page.lines[j] for j in near]
    tops = pieces([w for r in rows for w in r.words], em, page.space)
    cells: list[Piece] = []
    spans = 0
    for piece, after in zip(tops, [*(t.x0 for t in tops[1:]), float("inf")]):
        over = [p for p in labels if p.x0 < piece.x1 and piece.x0 < p.x1 or piece.x0 <= p.x0 < after]
        if over:  # over lower labels: a cell spanning their columns ("Telephone"), two at least
            if len(over) < 2:  # one cell's text wrapped onto a second line ("Alternate" / "Phone")
                return None
            spans += 1
        elif header_field(piece.text):
            cells.append(piece)  # over none: its own column, spanning both rows ("City")
        elif labels[0].x0 < piece.x0 and piece.x1 < labels[-1].x1:
            spans += 1  # a caption between lower labels, centred over a group ("Online")
        else:
            return None
    if not spans:
        return None
    merged = sorted([*cells, *labels], key=lambda p: p.x0)
    return [j for j in upper], merged


def column_letters(letters_line, edges: Sequence[float], body: Sequence, page: int, line: int,
                   source: str) -> tuple[str, ...]:
    """Each labeled column's letter: the first letter printed (centred over its column) right of
    the column's left edge and left of the next one's. A letter over no label (a column the sheet
    prints empty) is left out; one over text of the rows below is refused: that column's
    field cannot be told, and its text would be read into the column before it."""
    found = sorted(((w.x0 + w.x1) / 2, w.text) for w in letters_line.words)
    letters = []
    for k, edge in enumerate(edges):
        right = edges[k + 1] if k + 1 < len(edges) else float("inf")
        letters.append(next((text for x, text in found if edge - SETTINGS.sheet_edge_slack <= x < right), ""))
    for x, text in found:
        if text not in letters and any(w.x0 <= x <= w.x1 for row in body for w in row.words):
            raise PipelineError(f"is a printed spreadsheet whose column {text} holds text but has no header: its "
                                "field cannot be told.", source=source, page=page, line=line)
    return tuple(letters)


def unheaded_page(page: PrintedPage, em: float) -> SheetPage | None:
    """A page of text with no header row, as the continuation of a sheet: its column letters (when
    printed first) and where its cells start; its rows are read once its columns are known."""
    body = [i for i in range(len(page.lines)) if i not in page.running]
    if not body:
        return None
    start = body[0]
    letters: tuple[str, ...] = ()
    if is_letters(page.lines[start]) and len(body) > 1:
        letters = tuple(w.text for w in sorted(page.lines[start].words, key=lambda w: w.x0))
        body = body[1:]
    cells = tuple(tuple(pieces(page.lines[j].words, em, page.space, page.walls)) for j in body)
    return SheetPage(page.number, start, (), False, 0, (), letters, None, (), cells, printed=letters)


def _fits(page: SheetPage, model: SheetPage) -> bool:
    """Whether a page without a header row can be a page of the columns of `model`: the same
    letters where printed, else every cell of it starts at one of model's column edges and ends
    before the next one (a text across a column's edge is read as no cell, `sheet_row`), and is no
    value of another kind than its column's (`_other_kind`)."""
    if page.letters or model.letters:
        return model.printed == page.printed
    slack = SETTINGS.sheet_edge_slack
    for piece in (piece for line in page.cells for piece in line):
        at = [k for k, edge in enumerate(model.edges) if abs(piece.x0 - edge) <= slack]
        if not at or (at[-1] + 1 < len(model.edges) and piece.x1 > model.edges[at[-1] + 1] + slack):
            return False
        if at[-1] < len(model.labels) and _other_kind(model.labels[at[-1]], piece.text):
            return False
    return True


def _other_kind(label: str, text: str) -> bool:
    """Whether a cell's text is plainly a value of another kind than its column's label names
    (`shown.shown_in_line`): a phone column's cell an email or web address and no phone; an email
    column's a phone or web address and no email; a website column's a phone and no address (an
    address with "@" may be a website's as written: "www.x@y.org")."""
    kind = KIND_OF_FIELD.get(FIELD_OF_LABEL.get(header_field(label), ""))
    if kind is None:
        return False
    shown = {Kind(v.kind) for v in shown_in_line(text, SourceRef("", 0), listing=False)}
    if kind == Kind.PHONE:
        return Kind.PHONE not in shown and bool(shown & {Kind.EMAIL, Kind.URL})
    if kind == Kind.EMAIL:
        return Kind.EMAIL not in shown and bool(shown & {Kind.PHONE, Kind.URL})
    return kind == Kind.URL and shown == {Kind.PHONE}


def _names(page: SheetPage) -> tuple[str, ...]:
    """The texts a page without a header row prints in its first column, top to bottom."""
    return tuple(line[0].text for line in page.cells if line)


def over_then_down(read: Sequence[SheetPage], headed: Sequence[SheetPage]) -> list[list[SheetPage]]:
    """The columns each page may hold where pages print "over, then down": every page with a header
    row first (the sheet's top rows, each set of columns), then the pages without, each set of rows
    going round the sets of columns in turn. A printer leaves out a page with no text but its
    titles, so which page of a round is left out must be told: where the name column is repeated on
    every page (print titles), the pages of one set of rows print the same names, each set of rows
    goes round in order, and every way its pages fit their columns is one answer; otherwise the
    rounds must come out even. Each answer gives each page its page with a header row; [] where
    the pages cannot print over, then down."""
    first_unheaded = next((k for k, p in enumerate(read) if not p.headed), len(read))
    top, rest = list(read[:first_unheaded]), read[first_unheaded:]
    if any(p.headed for p in rest):
        return []
    if not all(header_field(p.labels[0]) == NAME for p in headed):
        if len(rest) % len(headed):
            return []
        return [top + [headed[k % len(headed)] for k in range(len(rest))]]
    bands: list[list[SheetPage]] = []
    for p in rest:
        if bands and _names(bands[-1][-1]) == _names(p):
            bands[-1].append(p)
        else:
            bands.append([p])
    answers: list[list[SheetPage]] = [top]
    for band in bands:
        ways = [[headed[k] for k in ks] for ks in combinations(range(len(headed)), len(band))
                if all(_fits(p, headed[k]) for p, k in zip(band, ks))]
        answers = [a + w for a in answers for w in ways]
    return answers


def assign_columns(read: list[SheetPage], source: str) -> list[SheetPage | None]:
    """The page with a header row whose columns each page without one holds: the page with its
    column letters, where they are printed. Otherwise pages print
    "down, then over" (a page without a header row goes on the columns of the last page with one)
    or "over, then down" (the pages without one go round the pages with one, in order,
    `over_then_down`); an order is taken where every page fits the columns it gives. Refused where
    no order fits, or more than one with different columns."""
    headed = [p for p in read if p.headed]
    if all(p.letters for p in read):  # the letters printed say which columns each page holds
        models = []
        for p in read:
            found = {m.labels: m for m in headed if m.printed == p.printed}
            if len(found) != 1:
                raise PipelineError(f"is a printed spreadsheet whose columns {' '.join(p.letters)} on this page are "
                                    f"those of {len(found)} pages with a header row: which fields they hold cannot "
                                    "be told.", source=source, page=p.page)
            models.append(p if p.headed else next(iter(found.values())))
        return models
    down: list[SheetPage | None] = []
    last = None
    for p in read:
        last = p if p.headed else last
        down.append(p if p.headed else last)
    fits = [order for order in (down, *over_then_down(read, headed))
            if all(m is not None and (p.headed or _fits(p, m)) for p, m in zip(read, order))]
    if len({tuple(m.labels for m in order) for order in fits}) != 1:
        page = next((p for p, m in zip(read, down) if not p.headed), read[0])
        orders = '"down, then over" nor "over, then down"'
        why = f"fits neither {orders}" if not fits else f"fits {orders.replace(' nor ', ' or ')} in more than one way"
        raise PipelineError(f"is a printed spreadsheet whose pages without a header row cannot be given their "
                            f"columns for certain: their order {why}.",
                            source=source, page=page.page)
    return fits[0]


def read_sheet(pages: Sequence[PrintedPage], em: float, source: str) -> Sheet | None:
    """The sheet a document's pages print, joined back; None when no page has a header row of
    field labels naming a center and its values. The pages from the first with such a header row
    on are the sheet's. Refused in one line where a row's parts cannot be matched for certain."""
    read: list[SheetPage] = []
    by_number = {p.number: p for p in pages}
    for page in pages:
        sheet_page = headed_page(page, em, source)
        if sheet_page is None and read:
            sheet_page = unheaded_page(page, em)
        if sheet_page is not None:
            read.append(sheet_page)
    headed = [p for p in read if p.headed]
    if not is_record_header(tuple({header_field(label) for p in headed for label in p.labels})):
        return None
    # A page of column letters and row numbers alone (columns a printer took in whose cells are all
    # empty, their header's too) holds nothing to read or match: the sheet's, giving no rows.
    pages_of_sheet = {p.page: p.start for p in read}
    read = [p for p in read if p.headed or not p.letters or not all(
        len(line) == 1 and _ROW_NUMBER.match(line[0].text) for line in p.cells)]
    models = assign_columns(read, source)
    # The rows are read (and a cell cut off refused) only once the pages are known to print a
    # sheet: a page of text set in columns can hold a line that looks like a header row.
    lines_of = [p.body if p.headed else [j for j in range(p.start + (1 if p.letters else 0), len(by_number[p.page].lines))
                                         if j not in by_number[p.page].running] for p in read]
    edges_of = [p.edges if p.headed else m.edges for p, m in zip(read, models)]
    # Whether the sheet's grid parts its rows by rulings (some page's lines grouped between them).
    grid_rows = any(len(drawn_rows(by_number[p.page], lines, edges)) < len(lines)
                    for p, lines, edges in zip(read, lines_of, edges_of) if lines)
    read = [replace(p, rows=rows_of(by_number[p.page], lines, edges, em, source, grid_rows)) if p.headed else SheetPage(
        p.page, p.start, m.labels, False, 0, m.edges, m.letters, None,
        rows_of(by_number[p.page], lines, edges, em, source, grid_rows))
        for p, m, lines, edges in zip(read, models, lines_of, edges_of)]
    if any(p.letters for p in read) or any(p.header_number is not None for p in headed):
        joined = by_row_numbers(read, source)
    elif len({p.labels for p in headed}) == 1:
        joined = in_order(carried_rows(read, by_number, source))
    elif all(header_field(p.labels[0]) == NAME for p in headed):
        joined = by_key(read, source)
    else:
        raise PipelineError(f"is a spreadsheet printed over {len(read)} pages whose columns are split among "
                            "them, with no row numbers printed and no name column repeated on each page: a "
                            "row's parts on different pages cannot be matched for certain. Print it with "
                            "row and column headers, or with the name column as print titles (or give the "
                            "sheet itself as XLSX, ODS or CSV).", source=source, page=read[0].page)
    header, header_page, header_line, rows = joined
    return Sheet(header, header_page, header_line, tuple(rows), pages_of_sheet)


def carried_rows(read: Sequence[SheetPage], by_number: dict, source: str) -> list[SheetPage]:
    """Pages of the same columns with a row a page break cuts joined back: the first row of a page
    holds the rest of the last row of the page before, each cell going on in its own column
    ("(302) 739-" / "1609", "Louisiana State Analytical & Fusion" / "Exchange": `joined_row`), where
    that row has no name (no record without one: "1609" under Fax alone), or where the page before
    draws its grid and no border under its last row (a row that goes on)."""
    name = next((k for k, label in enumerate(read[0].labels) if header_field(label) == NAME), None) if read else None
    out: list[SheetPage] = []
    for p in read:
        rows = list(p.rows)
        nameless = rows and name is not None and name < len(rows[0].cells) and not rows[0].cells[name].strip()
        if out and out[-1].rows and rows and any(c.strip() for c in rows[0].cells) and (
                nameless or _open_foot(by_number[out[-1].page])
                or _name_goes_on(out[-1].rows[-1], rows[0], name)):
            last = out[-1].rows[-1]
            row = joined_row([last, rows[0]], by_number[out[-1].page], source)
            row = replace(row, notes=tuple(sorted({**dict(last.notes), **dict(row.notes)}.items())))
            out[-1] = replace(out[-1], rows=(*out[-1].rows[:-1], row))
            rows = rows[1:]
        out.append(replace(p, rows=tuple(rows)))
    return out


def _name_goes_on(last: SheetRow, first: SheetRow, name: int | None) -> bool:
    """Whether a page's first row is the rest of the name of the record the page before ended
    with: it holds text in the name column alone, no state's name (a group's row: "Illinois"
    over its centers), under a record that holds values beside its name. A name alone is no
    record ("Information Center; Chicago, IL" under "Chicago Crime Prevention and" on the page
    before, the page break cutting the row's name cell, its border closed at the page's foot)."""
    if name is None or name >= len(first.cells) or name >= len(last.cells):
        return False
    text = first.cells[name].strip()
    others = [c for k, c in enumerate(first.cells) if k != name and c.strip()]
    return (bool(text) and not others and not state_code(text) and bool(last.cells[name].strip())
            and any(c.strip() for k, c in enumerate(last.cells) if k != name))


def _open_foot(page: PrintedPage) -> bool:
    """Whether a page draws a grid (cell sides) and no border under its last line of text: the
    last row goes on over the page break."""
    body = [line for i, line in enumerate(page.lines) if i not in page.running and line.words]
    if not body or not page.walls or not page.rulings:
        return False
    last = body[-1]
    left, right = min(w.x0 for w in last.words), max(w.x1 for w in last.words)
    walled = any(w.top <= _bottom(last) and w.bottom >= _top(last) for w in page.walls)
    return walled and not ruled_between(page.rulings, _middle(last), float("inf"), left, right)


def in_order(read: Sequence[SheetPage]) -> tuple:
    """Pages of the same columns: the rows in page order, a repeated header row left out."""
    first = read[0]
    return first.labels, first.page, first.header_line, [row for p in read for row in p.rows]


def _letter_order(letters: str) -> tuple[int, str]:
    return len(letters), letters


def by_row_numbers(read: Sequence[SheetPage], source: str) -> tuple:
    """Rows joined by their printed numbers, columns by their printed letters."""
    for p in read:
        if not p.letters or not all(p.letters) or any(r.number is None for r in p.rows):
            what = "a row without a number" if p.letters and all(p.letters) else "columns without a letter"
            raise PipelineError(f"is a printed spreadsheet with row numbers and column letters, but this page has "
                                f"{what}: its rows cannot be matched to the others for certain.",
                                source=source, page=p.page)
    labels: dict[str, str] = {}
    header_number, where = None, (read[0].page, read[0].header_line)
    for p in (p for p in read if p.headed):
        if header_number is not None and p.header_number != header_number:
            raise PipelineError(f"is a printed spreadsheet whose header rows have different numbers "
                                f"({header_number} and {p.header_number}).", source=source, page=p.page)
        if header_number is None:
            header_number, where = p.header_number, (p.page, p.header_line)
        for letter, label in zip(p.letters, p.labels):
            if labels.setdefault(letter, label) != label:
                raise PipelineError(f"is a printed spreadsheet whose column {letter} has two headers "
                                    f"({labels[letter]!r} and {label!r}).", source=source, page=p.page)
    columns = sorted({x for p in read for x in p.letters}, key=_letter_order)
    unnamed = [x for x in columns if x not in labels]
    if unnamed:
        raise PipelineError(f"is a printed spreadsheet whose column {unnamed[0]} has no header row on any page: "
                            "its field cannot be told.", source=source)
    joined: dict[int, dict[str, str]] = {}
    first: dict[int, SheetRow] = {}
    for p in read:
        for row in p.rows:
            if header_number is not None and row.number <= header_number:
                continue
            cells = joined.setdefault(row.number, {})
            first.setdefault(row.number, row)
            for letter, text in zip(p.letters, row.cells):
                if cells.setdefault(letter, text) != text:
                    raise PipelineError(f"is a printed spreadsheet whose row {row.number} shows two texts in "
                                        f"column {letter} ({cells[letter]!r} and {text!r}).",
                                        source=source, page=p.page, line=row.line)
    rows = [SheetRow(first[n].page, first[n].line, n, tuple(joined[n].get(x, "") for x in columns))
            for n in sorted(joined)]
    return tuple(labels[x] for x in columns), where[0], where[1], rows


def by_key(read: Sequence[SheetPage], source: str) -> tuple:
    """Rows joined by their name, printed on every page as print titles: each name once among the
    pages of each set of columns, in one order."""
    groups: dict[tuple[str, ...], list[SheetRow]] = {}
    for p in read:
        groups.setdefault(p.labels, []).extend(p.rows)
    order = list(groups)
    for labels in order:
        rows = groups[labels]
        empty = next((r for r in rows if not r.cells[0]), None)
        if empty is not None:
            raise PipelineError("is a spreadsheet printed over pages joined by its name column, but this row "
                                "has no name: its parts on other pages cannot be matched.",
                                source=source, page=empty.page, line=empty.line)
        keys = [r.cells[0] for r in rows]
        twice = next((k for k in keys if keys.count(k) > 1), None)
        if twice is not None:
            raise PipelineError(f"is a spreadsheet printed over pages joined by its name column, but the name "
                                f"{twice!r} stands on two rows: their parts cannot be matched.", source=source)
    # The pages of some columns may name fewer rows (a printer leaves out a page whose cells are all
    # empty), never other rows, nor in another order.
    longest = max(order, key=lambda labels: len(groups[labels]))
    names = [r.cells[0] for r in groups[longest]]
    position = {name: k for k, name in enumerate(names)}
    for labels in order:
        keys = [r.cells[0] for r in groups[labels]]
        places = [position.get(k, -1) for k in keys]
        if -1 in places or places != sorted(places):
            odd = keys[places.index(-1)] if -1 in places else next(
                k for k, a, b in zip(keys[1:], places, places[1:]) if b < a)
            raise PipelineError(f"is a spreadsheet printed over pages joined by its name column, but the pages "
                                f"of its columns {' / '.join(labels)} name its rows differently ({odd!r}).",
                                source=source)
    header = list(order[0])
    for labels in order[1:]:
        header.extend(labels[1:])
    cells_of = {labels: {r.cells[0]: r for r in groups[labels]} for labels in order}
    rows = []
    for name in names:
        cells = [name]
        for labels in order:
            row = cells_of[labels].get(name)
            cells.extend(row.cells[1:] if row else [""] * (len(labels) - 1))
        at = next(cells_of[labels][name] for labels in order if name in cells_of[labels])
        rows.append(SheetRow(at.page, at.line, at.number, tuple(cells)))
    first = next(p for p in read if p.headed)
    return tuple(header), first.page, first.header_line, rows
