"""Layout: each page cut into regions, recursively, at an empty vertical band (a gutter between
columns or table cells) or an empty horizontal band or a ruling (between paragraphs or table rows).
Columns are read one after the other; a table row by row, so a row's cells stay together.
"""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator, Sequence
from statistics import median

from pipeline.extract.lines import BOILERPLATE, PLACE_LABELS, reads_as_name
from pipeline.fields import label_of
from pipeline.extract.pdf.pages import (
    BULLET_GLYPHS, Box, PdfPage, TextLine, Word, group_lines, is_styled, is_symbol_glyph, is_value)
from pipeline.extract.pdf.settings import SETTINGS
from pipeline.text import parse_place


def is_field_label(text: str) -> bool:
    """Whether `text` is a field label of a form, with or without its colon: a value field's
    label or one of its spellings ("Phone:", "E-mail"), or a place label ("Location", "City, State")."""
    key = " ".join(text.strip().rstrip(":").lower().split())
    return bool(label_of(text)) or key in PLACE_LABELS


def cut(words: Sequence[Word], page: PdfPage, em: float, columns: Sequence[float] = (),
        following: Sequence[float] = (), starts: Sequence[float] = (),
        columns_start: Sequence[float] = ()) -> list[list[Word]]:
    """A region's words as its smallest regions, in reading order.

    Columns are read one after the other; but when the region's paragraphs
    stand in rows (rows ruled off, or each cell of each row one paragraph),
    it is a table and is read row by row, so no value leaves its row.
    `columns`: the gutters of a table the page before ended with; a region whose words stand in
    those columns is that table's rows (`carried_gutters`: a row or two at the top of the next page
    show too few lines to tell the table's gutters by themselves); `columns_start`: where that
    table's columns start on the page before.
    `following`: the gutters of a table the next page starts with; the region's lowest lines that
    stand in those columns are that table's first rows (`table_foot`: a table that starts under
    text shows too few of its rows on its first page to tell its gutters by themselves); `starts`:
    where that table's columns start on the next page.
    """
    lines = group_lines(words)
    bands = split_bands(lines, page.rulings, em)
    runs = framed_runs(bands, page.walls)
    if len(runs) > 1 and not framed_in_column(words, runs, page, em):
        # a drawn table and the text above or below it: each read on its own; the table the page
        # before ended with goes on in the first run only (a heading under it, between two tables,
        # is no row of it)
        return [region for k, run in enumerate(runs)
                for region in cut([w for l in run for w in l.words], page, em, columns if k == 0 else (),
                                  columns_start=columns_start if k == 0 else ())]
    carried = carried_gutters(lines, columns, [*page.edges, *columns_start], em)
    if carried:  # the rows of the table the page before ended with
        rows, _ = table_rows(bands, page.rulings, em, carried)
        return table_cells(ruled_rows(rows, page, em), carried, page, em)
    foot = table_foot(bands, page, em, following, starts) if following else None
    if foot is not None:  # the first rows of the table the next page goes on with, under the text
        above, rows = foot
        return [*(cut([w for l in above for w in l.words], page, em) if above else []),
                *table_cells(rows, following, page, em)]
    gutters, rows, pitch = own_columns(words, bands, page, em)
    if gutters and not (len(rows) > 1 and is_table(rows, gutters, page.rulings, em, page.cell, pitch)
                        and not document_columns(words, gutters, page)):
        parts = sections(bands, page, em) if len(bands) > 1 and not overrun_only(words, gutters, page, em) else []
        if len(parts) > 1:  # text across the page above or below columns: read each run on its own
            return section_regions(parts, page, em)
        slabs, tail = peel_tail(split_slabs(words, gutters), em, page.marks)
        return [region for slab in slabs for region in cut(slab, page, em)] + ([tail] if tail else [])
    if len(bands) == 1:
        return [list(words)]
    if gutters:  # a table: row by row, each row cut at the table's own gutters; a cell's lines together
        top = text_over_table(rows, gutters, em)
        if top:  # text over the table that runs across its gutters: read on its own, then the table
            return [*cut([w for row in rows[:top] for line in row for w in line.words], page, em),
                     *table_cells(rows[top:], gutters, page, em)]
        return table_cells(rows, gutters, page, em)
    # Runs of bands that share a gutter (a footer across the columns below
    # them must not cut the columns apart).
    parts = sections(bands, page, em)
    if len(parts) == 1 and not parts[0][1]:  # one run, no gutter: one column, read as it stands
        return [list(words)]
    return section_regions(parts, page, em)


def document_columns(words: Sequence[Word], gutters: Sequence[float], page: PdfPage) -> bool:
    """Whether every gutter of the region comes before one of the columns the document's other
    pages start (`PdfPage.columns`, set on a page that shows too few lines to tell its own): the
    page goes on in those columns, however its few lines line up in rows (the last page of three
    columns of blocks, a two-line heading atop each: no table's rows)."""
    if not page.columns or page.walls:
        return False
    for k, gutter in enumerate(gutters):
        end = gutters[k + 1] if k + 1 < len(gutters) else float("inf")
        starts = [w.x0 for w in words if gutter < w.x0 < end]
        if not starts or not at_edge(page.columns, min(starts)):
            return False
    return True


def own_columns(words: Sequence[Word], bands: Sequence[list[TextLine]], page: PdfPage,
                em: float) -> tuple[list[float], list[list[TextLine]], float | None]:
    """A region's gutters as it shows them itself (`region_gutters`), its bands as the rows of a
    table in them (`table_rows`, `ruled_rows`) and their pitch. A table without borders whose
    narrowest gutter no empty band shows (a cell's text set up to the next cell's: "Alternate
    Phone: (302) 739-" against its row's email) has its column edges for gutters too, where the
    table still stands in rows with them (an edge with no word starting or ending between it and
    a gutter stands in that gutter's empty band: the same gutter, however wide the band)."""
    gutters = region_gutters(words, page, em)
    rows, pitch = table_rows(bands, page.rulings, em, gutters) if gutters else (list(bands), None)
    rows = ruled_rows(rows, page, em)
    if gutters and not page.walls:
        edges = [e for e in edge_gutters(words, page, em) if all(abs(e - g) > em and any(
            min(e, g) < x < max(e, g) for w in words for x in (w.x0, w.x1)) for g in gutters)]
        if edges:
            wider = sorted([*gutters, *edges])
            wider_rows, wider_pitch = table_rows(bands, page.rulings, em, wider)
            if len(wider_rows) > 1 and is_table(wider_rows, wider, page.rulings, em, page.cell, wider_pitch):
                gutters, rows, pitch = wider, wider_rows, wider_pitch
    return gutters, rows, pitch


def overrun_only(words: Sequence[Word], gutters: Sequence[float], page: PdfPage, em: float) -> bool:
    """Whether every word that runs across one of the region's gutters ends its column's line there:
    the first word of its line that starts right of the gutter, if any, starts at one of the page's
    column edges (the next column's line). A line TeX set overfull in a typewriter face it cannot
    stretch runs on into the gutter, or into the next column's line, even over its first word, and
    the columns go on through it: the region is its columns, top to bottom, and a column's last
    block goes on at the top of the next (read in runs of bands, the next column's first lines,
    above such a line, were read before the column they continue). A word that runs across inside
    a run of text (a title or a paragraph across the page) is followed by its line's next word
    wherever that stands."""
    crossing = [(w, g) for w in words for g in gutters if w.x0 < g < w.x1]
    if not crossing:
        return False
    for word, gutter in crossing:
        after = [w.x0 for w in words if w is not word and w.x0 > gutter
                 and min(w.bottom, word.bottom) > max(w.top, word.top)]
        if after and not at_edge(page.edges, min(after)):
            return False
    return True


def section_regions(parts: Sequence[tuple[list[TextLine], list[float]]], page: PdfPage, em: float) -> list[list[Word]]:
    """The regions of runs of bands (`sections`), each cut on its own; a run given with gutters (its
    earlier bands show them, a long line under a short column narrowed them) is cut at those."""
    cuts: list[list[list[Word]]] = []
    for lines, gutters in parts:
        words = [w for l in lines for w in l.words]
        if gutters:
            slabs, tail = peel_tail(split_slabs(words, gutters), em, page.marks)
            cuts.append([region for slab in slabs for region in cut(slab, page, em)] + ([tail] if tail else []))
        else:
            cuts.append(cut(words, page, em))
    for k in range(1, len(parts)):
        _table_head(parts, cuts, k, page, em)
    return [region for regions in cuts for region in regions]


def _table_head(parts: Sequence[tuple[list[TextLine], list[float]]], cuts: list[list[list[Word]]], k: int,
                page: PdfPage, em: float) -> None:
    """A table's first row that the runs above it took (`sections`: a row whose cells are set at
    other heights, centred in it, or whose text runs up to the next cell's, shows no gutter of its
    own with the text over the table, or cuts at gutters of its own): the lines of the runs above the
    table (back to the last run of a table in its columns) that stand in its columns, each cell starting where its column starts (`table_foot`),
    read as its rows, under the text above them: `cuts` (each run's regions) is changed in place;
    kept where the run k opens no table or nothing above stands in its columns."""
    table = cuts[k]
    if not table or not isinstance(table[0], Cell) or table[0].row != 0 or not table[0].gutters:
        return
    gutters = table[0].gutters
    found: dict[int, float] = {}
    for region in table:
        if isinstance(region, Cell) and region.gutters == gutters:
            found[region.column] = min(found.get(region.column, region[0].x0), *(w.x0 for w in region))
    if len(found) != len(gutters) + 1:
        return
    starts = tuple(found[c] for c in sorted(found))
    j = k
    while j > 0 and not any(isinstance(r, Cell) and same_columns(r.gutters, gutters, em) for r in cuts[j - 1]):
        j -= 1
    lines = [line for lines, _ in parts[j:k] for line in lines]
    foot = table_foot(split_bands(lines, page.rulings, em), page, em, gutters, starts) if lines else None
    if foot is None:
        return
    above, rows = foot
    kept = {id(line) for line in above}
    # Runs wholly above the table's first rows keep their regions; the one it cuts is cut again.
    whole = j
    while whole < k and all(id(line) in kept for line in parts[whole][0]):
        whole += 1
    rest = [w for line in above for w in line.words if not any(line is l for p in parts[j:whole] for l in p[0])]
    regions = _with_head(rows, table, parts[k][0], page, em)
    if regions is None:
        return
    head = [region for regions in cuts[j:whole] for region in regions]
    head += cut(rest, page, em) if rest else []
    cuts[j:k + 1] = [head, *([] for _ in range(j + 1, k)), regions]


def _with_head(head: Sequence[list[TextLine]], table: Sequence[list[Word]], lines: Sequence[TextLine],
               page: PdfPage, em: float) -> list[list[Word]] | None:
    """A table's regions (`table`, cut from `lines`) with its first rows (`head`) that stood in the
    runs above it: its rows found again over both (`table_rows`: a row whose lines stand one pitch
    apart is one row, however the runs parted it; the head may be its first row's first lines),
    where the table's own rows stay as they were; else None (read as before)."""
    gutters = table[0].gutters
    own: dict[int, set[int]] = {}
    for region in table:
        if isinstance(region, Cell):
            own.setdefault(region.row, set()).update(id(w) for w in region)
    rows, _ = table_rows(split_bands([*(l for row in head for l in row), *lines], page.rulings, em), page.rulings,
                         em, gutters)
    rows = ruled_rows(rows, page, em)
    found = [{id(w) for line in row for w in line.words} for row in rows[len(rows) - len(own):]]
    if len(rows) >= len(own) and all(ids >= own[n] for n, ids in zip(sorted(own), found)):
        return table_cells(rows, gutters, page, em)
    return None


def ruled_rows(rows: Sequence[list[TextLine]], page: PdfPage, em: float) -> list[list[TextLine]]:
    """A table's rows where it draws its cells as boxes (a grid of cards): two rows no ruling parts,
    in a table that rules some of its rows apart, are one row when a drawn border runs down through
    the gap between them (a card's heading and its values, a paragraph gap between them, inside one
    box). A table that rules off its header alone, or draws only column borders, keeps its rows."""
    if len(rows) < 2 or not page.walls:
        return list(rows)
    lines = [line for row in rows for line in row]
    left, right = min(l.x0 for l in lines), max(l.x1 for l in lines)
    ruled = [ruled_apart(page.rulings, max(l.bottom for l in a), min(l.top for l in b), left, right, em)
             for a, b in zip(rows, rows[1:])]
    if not any(ruled):
        return list(rows)
    # Rules inside cards set apart (`box_gaps`) part no rows of the grid: they do not cross the gaps.
    gaps = box_gaps(lines, page.walls, em)
    ruled = [parted and all(ruled_apart(page.rulings, max(l.bottom for l in a), min(l.top for l in b), x0, x1, em)
                            for x0, x1 in gaps)
             for a, b, parted in zip(rows, rows[1:], ruled)]
    joined = [list(rows[0])]
    for a, b, parted in zip(rows, rows[1:], ruled):
        low, high = max(l.bottom for l in a), min(l.top for l in b)
        if not parted and any(w.top <= low and w.bottom >= high and left <= w.x0 <= right for w in page.walls):
            joined[-1].extend(b)
        else:
            joined.append(list(b))
    return joined


def box_gaps(lines: Sequence[TextLine], walls: Sequence[Box], em: float) -> list[tuple[float, float]]:
    """The empty bands between drawn boxes set side by side (cards in a grid): between one box's
    right border and the next one's left, at least SETTINGS.gutter_em wide, no text in them. A rule
    inside a card (under its heading, under each of its lines) stops at the card's sides and parts
    none of the grid's rows; a table's rulings run on across its cells (whose borders touch, or stand
    a border's spacing apart)."""
    top, bottom = min(l.top for l in lines), max(l.bottom for l in lines)
    across = sorted({round(w.x0, 1) for w in walls if min(w.bottom, bottom) - max(w.top, top) > 0})
    words = [w for l in lines for w in l.words]
    return [(a, b) for a, b in zip(across, across[1:]) if b - a >= SETTINGS.gutter_em * em
            and not any(a < (w.x0 + w.x1) / 2 < b for w in words)]


def table_cells(rows: Sequence[list[TextLine]], gutters: Sequence[float], page: PdfPage, em: float) -> list[list[Word]]:
    """A table's regions: row by row, each row cut at the table's gutters into its cells (`Cell`),
    a cell cut further only where it has columns of its own."""
    regions: list[list[Word]] = []
    for number, row in enumerate(rows):
        row_words = [w for l in row for w in l.words]
        for cell in split_slabs(row_words, merged_gutters(row_words, gutters, page.walls, em)):
            inside = cut(cell, page, em)
            whole = len(inside) == 1 or not region_gutters(cell, page, em)  # no columns inside it
            column = sum(1 for g in gutters if cell[0].x0 > g)
            regions.extend([Cell(cell, column, number, len(rows), tuple(gutters))] if whole else inside)
    return regions


def merged_gutters(words: Sequence[Word], gutters: Sequence[float], walls: Sequence[Box], em: float) -> list[float]:
    """The gutters of one row of a table: in a drawn table, a row whose cell is merged across a
    gutter (a border on each side of the row, none in the gutter over the row's height, where the
    page draws borders inside the row's width elsewhere: a name spanning a label column and a value
    column) is not cut there; every gutter elsewhere."""
    if not walls or not words or not gutters:
        return list(gutters)
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    if not (bordered_band(walls, -float("inf"), left, top, bottom) and bordered_band(walls, right, float("inf"), top, bottom)):
        return list(gutters)
    if not any(left + em <= w.x0 <= right - em for w in walls):  # a frame round text, no border inside it
        return list(gutters)
    return [g for g in gutters if bordered_band(walls, max((w.x1 for w in words if w.x1 <= g), default=g),
                                                min((w.x0 for w in words if w.x0 >= g), default=g), top, bottom)]


def carried_gutters(lines: Sequence[TextLine], columns: Sequence[float], edges: Sequence[float] = (),
                    em: float = 0.0) -> list[float]:
    """The gutters among `columns` (a table's, from the page before) that no word of the lines
    runs across, where some line has words on both sides of them and every line's words
    standing on both sides of a kept gutter: the lines are rows of that table. Also where the
    table has three columns or more and each holds lines that start at one of the column `edges`
    (the page's, and where the table's columns start on the page before; after each gutter, on
    two lines at least), every line standing in those columns
    (`in_columns`): a table whose cells set their text at different heights (centred in their
    row, a name's two lines beside a phone's one) shows few lines with words on both sides.
    None otherwise."""
    if not columns or not lines:
        return []
    words = [w for line in lines for w in line.words]
    kept = [g for g in columns if not any(w.x0 < g < w.x1 for w in words)]
    if len(kept) != len(columns):
        return []  # a word runs across one of the table's gutters: no row of it
    across = sum(1 for line in lines if any(w.x1 <= g for w in line.words for g in kept[:1])
                 and any(w.x0 >= kept[0] for w in line.words))
    if 2 * across >= len(lines):
        return kept
    if len(kept) < 2 or not edges:
        return []
    bounds = [*kept, float("inf")]
    for low, high in zip(bounds, bounds[1:]):
        firsts = [min(xs) for line in lines for xs in [[w.x0 for w in line.words if low <= w.x0 < high]] if xs]
        if sum(1 for x in firsts if at_edge(edges, x)) < 2:
            return []
    return kept if all(in_columns(line, kept, edges, em) for line in lines) else []


def same_columns(gutters: Sequence[float], others: Sequence[float], em: float) -> bool:
    """Whether two tables' gutters are one table's: as many, each within an em of the other's (a
    gutter is the middle of the empty band between its cells' words, which the words of each page
    widen or narrow)."""
    return len(gutters) == len(others) and all(abs(a - b) <= em for a, b in zip(gutters, others))


def table_foot(bands: Sequence[list[TextLine]], page: PdfPage, em: float, gutters: Sequence[float],
               starts: Sequence[float] = ()) -> tuple[list[TextLine], list[list[TextLine]]] | None:
    """The lines above a table at the foot of the region, and the table's rows (`table_rows`), where
    its lowest bands stand in the columns of `gutters` (the table the next page goes on with,
    `in_columns`). Rows at the top of that run whose words all stand left of the first gutter (a
    heading, a paragraph over the table) are no rows of it; two rows at least must show words on
    both sides of it, or one row under text that fills each of three columns or more, each cell
    starting where its column starts on the next page (`starts`: a table's first row alone at a
    page's foot, "Alabama Fusion Center | Phone: (334) 517- | fusioncenter@…", its cells going
    on over the page). None where the region's foot is no such table, or where nothing stands above
    it and it shows fewer than `min_page_table_rows` rows, or rows of more than
    `max_page_table_row_lines` lines by the median, or one row that holds most of its lines (short
    runs above and below it, where both columns' blank lines happen to meet, make the median
    small): a whole page in those columns whose lines stand in a few
    long runs is a page of columns (a listing in two columns, whose last page's
    short columns were read as a table's two rows), but a page of a table without borders, row
    under row from its top, is that table's (its cells' broken values kept in their rows)."""
    # A column's edge: where words after a gutter start on two lines or more (a table's first rows
    # on a page may show a column's edge on too few lines to be one of the page's `edges`).
    found = [min(xs) for line in (l for band in bands for l in band) for g in gutters
             for xs in [[w.x0 for w in line.words if w.x0 >= g]] if xs]
    edges = [*page.edges, *(x for x in found if sum(abs(x - y) <= SETTINGS.edge_tolerance for y in found) >= 2),
             *starts]
    start = len(bands)
    first = starts[0] if starts else None
    while start > 0 and all(in_columns(line, gutters, edges, em, first, starts) for line in bands[start - 1]):
        start -= 1
    if start == len(bands):
        return None
    # Text over the table (bands whose words all stand left of its first gutter: a heading, a list
    # above it) is no row of it, nor measures its leading where the table's own bands can, three
    # or more (`table_rows`: a list's wider pitch would take the table's row gaps for lines of its
    # cells); fewer tell no leading of their own.
    lead = start
    while lead < len(bands) and all(w.x1 <= gutters[0] for line in bands[lead] for w in line.words):
        lead += 1
    own = len(bands) - lead >= 3
    lead = lead if own else start
    rows, _ = table_rows(bands[lead:], page.rulings, em, gutters, whole=own)
    first = 0
    while first < len(rows) and all(w.x1 <= gutters[0] for line in rows[first] for w in line.words):
        first += 1
    across = sum(1 for row in rows[first:] if any(w.x1 <= gutters[0] for line in row for w in line.words)
                 and any(w.x0 >= gutters[0] for line in row for w in line.words))
    above = [line for band in bands[:lead] for line in band] + [line for row in rows[:first] for line in row]
    if across < 2 and not (above and len(rows) == first + 1 and filled_row(rows[first], gutters, starts)):
        return None
    if not above and (len(rows) < SETTINGS.min_page_table_rows
                      or median(len(row) for row in rows) > SETTINGS.max_page_table_row_lines
                      or 2 * max(len(row) for row in rows) > sum(len(row) for row in rows)):
        return None  # a page of columns, no table of its own: the next page's "table" is its last columns
    return above, rows[first:]


def text_over_table(rows: Sequence[list[TextLine]], gutters: Sequence[float], em: float) -> int:
    """How many of a table's first rows are text over it: up to the last of them that holds a
    line of text running across a gutter (its words on both sides, or a word across it, spaced
    alike: `evenly_spaced`,
    a list item whose word happens to start at a column's edge, "…Fusion Center; | Pittsburgh,
    PA") where a row of text left of the first gutter alone (a heading, a closing line) still
    stands between it and the table's first row of cells. 0 where none: read as the table's row,
    the item's end went to the next column and its next item ran into it."""
    last = 0
    for k, row in enumerate(rows):
        words = [w for line in row for w in line.words]
        if all(w.x1 <= gutters[0] for w in words):
            continue  # text left of the table's columns: a heading, a paragraph's line
        # (a word of a line of text may run across a gutter: "Last Published Date: July 23, 2015")
        if not any((any(w.x1 <= g for w in line.words) and any(w.x0 >= g for w in line.words)
                    or any(w.x0 < g < w.x1 for w in line.words)) and evenly_spaced(line.words, em)
                   for line in row for g in gutters):
            return last if last and any(all(w.x1 <= gutters[0] for line in r for w in line.words)
                                        for r in rows[last:k]) else 0
        last = k + 1
    return 0


def filled_row(row: Sequence[TextLine], gutters: Sequence[float], starts: Sequence[float]) -> bool:
    """Whether a table's row of three columns or more (`gutters`) stands in them as the next
    page's rows do: each of its cells starts where its column starts (`starts`, within
    SETTINGS.edge_tolerance), one of them at least after the first gutter (a cell of the first
    column alone is any line of text)."""
    if len(gutters) < 2 or len(starts) != len(gutters) + 1:
        return False
    bounds = [-float("inf"), *gutters, float("inf")]
    filled = []
    for x, low, high in zip(starts, bounds, bounds[1:]):
        xs = [w.x0 for line in row for w in line.words if low <= w.x0 < high]
        if xs and abs(min(xs) - x) > SETTINGS.edge_tolerance:
            return False
        filled.append(bool(xs))
    return any(filled[1:])


def in_columns(line: TextLine, gutters: Sequence[float], edges: Sequence[float], em: float,
               first: float | None = None, starts: Sequence[float] = ()) -> bool:
    """Whether a line stands in a table's columns: no word of it runs across a gutter, its first
    word after each gutter starts at a column edge of the page, and where it has words on both
    sides of a gutter, its words are not all spaced alike (`evenly_spaced`: a line of text whose
    words happen to stand on both sides, "…; Milwaukee, | WI"), unless the table has three
    columns or more and the line starts where its first column does (`first`): a cell's text
    that fills it sets the next cell's a word space on, and a line of text over the table that
    starts there has words at each column's edge by chance too seldom to tell; so too where it
    starts where a later column does (`starts`: "Fax: (334) 517-2746 | fusioncenter@…", a cell
    filled up to its padding, a word space from the next): text over a table starts at its left."""
    if any(w.x0 < g < w.x1 for w in line.words for g in gutters):
        return False
    aligned = len(gutters) >= 2 and any(abs(line.words[0].x0 - x) <= SETTINGS.edge_tolerance
                                        for x in [*([first] if first is not None else []), *starts[1:]])
    for g in gutters:
        before = [w.x1 for w in line.words if w.x1 <= g]
        after = [w.x0 for w in line.words if w.x0 >= g]
        if after and not at_edge(edges, min(after)):
            return False
        if before and after and not aligned and evenly_spaced(line.words, em):
            return False
    return True


def evenly_spaced(words: Sequence[Word], em: float) -> bool:
    """Whether a line of three words or more spaces them all alike (within SETTINGS.justified_em; a
    typed bullet's gap, its tab stop, left out): a line of text, set plain or justified, where a
    table's row sets its cells apart by their padding, unlike its words' spaces."""
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    if words and (words[0].text in BULLET_GLYPHS or is_symbol_glyph(words[0])):
        gaps = gaps[1:]
    return len(gaps) >= 2 and max(gaps) - min(gaps) <= SETTINGS.justified_em * em


def region_gutters(words: Sequence[Word], page: PdfPage, em: float) -> list[float]:
    """The gutters of a region: its empty bands, else those an address bridges, else its column
    edges (`walled`: where the cells are drawn, their borders)."""
    return walled(words, overflow_joined(words, find_gutters(words, page, em)) or bridged_gutters(words, page, em)
                  or edge_gutters(words, page, em), page.walls)


def overflow_joined(words: Sequence[Word], gutters: Sequence[float]) -> list[float]:
    """The gutters without those that set apart the end of one line run on into the gutter after
    it (a heading TeX set overfull in a typewriter face: "…Center:  Los Angeles," or "…Center:  Los
    Angeles, CA"): a slab between two gutters whose words, however many, all stand on one line, which
    goes on from words of the column before (its widest line: set overfull), closer to them than to
    the next column's text. That line's end is its column's, not a column of its own (read as one,
    it was joined to the next column's first heading, or read after the column's last line: the
    heading's place lost). A column holds more than one line."""
    kept = list(gutters)
    k = 0
    while k + 1 < len(kept):
        left, right = kept[k], kept[k + 1]
        slab = [w for w in words if left < w.x0 <= right]
        lines = group_lines(slab)
        if slab and len(lines) == 1:
            line = lines[0]
            before = [w for w in words if w.x0 <= left and min(w.bottom, line.bottom) > max(w.top, line.top)]
            after = [w for w in words if w.x0 > right]
            floor = kept[k - 1] if k else -float("inf")
            others = [w.x1 for w in words if floor < w.x0 <= left and w not in before]
            gap_before = line.x0 - max((w.x1 for w in before), default=-float("inf"))
            gap_after = min((w.x0 for w in after), default=float("inf")) - line.x1
            # the line runs on from its column's widest line (overfull), not from a table's cell
            widest = bool(before) and max(w.x1 for w in before) >= max(others, default=-float("inf"))
            if widest and gap_before < gap_after:
                del kept[k]
                continue
        k += 1
    return kept


class Cell(list):
    """The words of one table cell (a region `cut` gives): its lines belong together, whatever
    the space between them, until the row ends. `column` and `row` count from 0 (the table's
    first column and row on the page), `rows` is how many rows it has there, `gutters` its
    table's gutters."""

    def __init__(self, words: Sequence[Word], column: int = 0, row: int = 0, rows: int = 1,
                 gutters: tuple[float, ...] = ()) -> None:
        super().__init__(words)
        self.column, self.row, self.rows, self.gutters = column, row, rows, gutters


def table_rows(bands: Sequence[list[TextLine]], rulings: Sequence[Box], em: float,
               gutters: Sequence[float] = (), whole: bool = False) -> tuple[list[list[TextLine]], float | None]:
    """A table's bands as its rows, and the distance from line to line (top to top) over which a
    line starts a new row (None where the leading is not loose, or all the bands are one row).
    Where the leading is loose (the lines' own pitch, the lower quartile of the distances from one
    line's top to the next's, leaves a gap of SETTINGS.paragraph_em or more: a word processor sets
    8-point type 1.45 em apart), every line is a band of its own (the pitch is measured in each
    column: one cell's text centred against another's stands at other heights); in each column
    (between the `gutters`) a cell's lines stand that pitch apart, and the first line of the next
    row SETTINGS.row_gap_em further (the cells' padding): a band starts a row where it does so in
    every column it shares with the bands above, or under a ruling, and the bands are joined into
    those rows. Otherwise the bands are the rows (where each starts a row, its cells' lines still
    stand at most that pitch apart: a bold name over its place line, 1.5 em apart, is one cell).
    Where the leading is loose and no band starts a row, the bands are one row where `whole` is
    given (a table's first row under text at a page's foot, its cells' lines each a band of its
    own), else the rows as they stand.
    Tops are compared, not boxes: a bold face's box reaches further down than the regular one's."""
    lines = [line for band in bands for line in band]

    def tops(band: list[TextLine]) -> dict[int, list[float]]:
        """The tops of the band's words, by column."""
        found: dict[int, list[float]] = {}
        for w in (w for line in band for w in line.words):
            found.setdefault(sum(1 for g in gutters if w.x0 > g), []).append(w.top)
        return found

    pitches = sorted(b - a for column in tops(lines).values()  # from line to line in each column
                     for a, b in zip(sorted(set(column)), sorted(set(column))[1:]) if b - a > em / 2)
    if len(bands) < 3 or not pitches or pitches[len(pitches) // 4] < (1 + SETTINGS.paragraph_em) * em:
        return list(bands), None
    left, right = min(l.x0 for l in lines), max(l.x1 for l in lines)
    limit = pitches[len(pitches) // 4] + SETTINGS.row_gap_em * em

    last: dict[int, float] = {}  # each column's lowest word top so far
    breaks = []
    for a, b in zip(bands, bands[1:]):
        for column, found in tops(a).items():
            last[column] = max(found + [last.get(column, float("-inf"))])
        below = tops(b)
        shared = [min(found) - last[column] for column, found in below.items() if column in last]
        apart = min(shared) > limit if shared else set_at(b[0]) - max(set_at(l) for l in a) > limit
        breaks.append(apart or ruled_apart(rulings, max(l.bottom for l in a), b[0].top, left, right, em))
    if not any(breaks):
        return ([list(lines)] if whole else list(bands)), None
    if all(breaks):  # each band a row of its own, its cells' lines still that pitch apart
        return list(bands), limit
    rows = [list(bands[0])]
    for band, new_row in zip(bands[1:], breaks):
        if new_row:
            rows.append([])
        rows[-1].extend(band)
    return rows, limit


def set_at(line: TextLine) -> float:
    """The height a line is set at: the middle top of its words (a word of a cell set a little
    higher, centred against its row, joins the line it stands beside)."""
    tops = sorted(w.top for w in line.words)
    return tops[len(tops) // 2]


def framed_runs(bands: Sequence[list[TextLine]], walls: Sequence[Box]) -> list[list[TextLine]]:
    """The bands in runs of those a drawn table's borders stand beside (over half their height)
    and those none do: a table's columns are its own, not the text's above or below it (a list
    over a table is no row of it, and the table's cell borders do not cut its lines)."""
    if not walls or len(bands) < 2:
        return [[line for band in bands for line in band]]
    runs: list[list[TextLine]] = []
    was = None
    for band in bands:
        framed = bordered_band(walls, -float("inf"), float("inf"), min(l.top for l in band),
                               max(l.bottom for l in band))
        if framed != was:
            runs.append([])
            was = framed
        runs[-1].extend(band)
    return runs


def framed_in_column(words: Sequence[Word], runs: Sequence[list[TextLine]], page: PdfPage, em: float) -> bool:
    """Whether what is drawn beside some of the region's lines (a box round a button, a framed
    note) stands inside one column of a page in columns: the region has gutters, no drawn border
    stands inside the empty band of one (a table draws its borders between its cells, a box in a
    column starts at the column's edge), and the columns stand side by side in the runs nothing
    frames too. Then the columns are read one after the other, each framed run in its own, and no
    run cuts both columns across (the first column's lines under the box are read before the
    second's above it); a gutter no unframed line shows (between two boxes side by side) is the
    boxes' own and says nothing. A line that runs across a gutter at one of its own word spaces (a list's
    long item over a table whose column edge its last words happen to start at), or a word across
    it, stands in no columns: two columns' lines stand more than a word space apart
    (SETTINGS.gutter_spaces of the page's, and wider than the line's own spaces)."""
    gutters = region_gutters(words, page, em)
    if not gutters:
        return False
    unframed = [line for run in runs if not bordered_band(page.walls, -float("inf"), float("inf"),
                                                          min(l.top for l in run), max(l.bottom for l in run))
                for line in run]
    def apart(line: TextLine, gutter: float) -> bool:
        """Whether the line has words on both sides of the gutter, none across it, and the gap
        between them is none of its word spaces (`_word_space_at`: a justified line's)."""
        left = [w.x1 for w in line.words if w.x1 <= gutter]
        right = [w.x0 for w in line.words if w.x0 >= gutter]
        return (bool(left and right) and len(left) + len(right) == len(line.words)
                and min(right) - max(left) >= SETTINGS.gutter_spaces * page.space
                and not _word_space_at(line, min(right), em))
    # The columns' gutters are those the unframed lines stand apart at; one between two boxes
    # side by side in one column (a feedback form's "Yes" and "No" buttons) is the boxes' own.
    columns = [gutter for gutter in gutters if any(apart(line, gutter) for line in unframed)]
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)
    walls = [w for w in page.walls if min(w.bottom, bottom) > max(w.top, top)]
    tol = SETTINGS.edge_tolerance
    for gutter in columns:
        left = max((w.x1 for w in words if w.x1 <= gutter), default=gutter)
        right = min((w.x0 for w in words if w.x0 >= gutter), default=gutter)
        if any(left + tol < wall.x0 < right - tol or left + tol < wall.x1 < right - tol
               for wall in walls if framed_beyond(words, walls, wall, gutter)):
            return False
    return bool(columns)


def framed_beyond(words: Sequence[Word], walls: Sequence[Box], wall: Box, gutter: float) -> bool:
    """Whether the words right of a gutter beside a border standing in it are framed too (another
    border right of them at their height): a table's cells, each drawn, side by side. A box in one
    column (a button) stands in the gutter's empty band where the column's text is narrower than
    it, with the next column's text beside it unframed."""
    beside = [w for w in words if w.x0 >= gutter and min(w.bottom, wall.bottom) > max(w.top, wall.top)]
    return not beside or any(
        other.x0 >= max(w.x1 for w in beside) and min(other.bottom, wall.bottom) > max(other.top, wall.top)
        for other in walls)


def walled(words: Sequence[Word], gutters: Sequence[float], walls: Sequence[Box]) -> list[float]:
    """The gutters of a region whose cells are drawn: where a border stands in some of its
    gutters (over half the region's height), only those; words inside one drawn cell (borders
    on both sides, none between, in a table of two cells or more) have none. A wide space inside a drawn cell (a justified line's,
    a label's tab stop) is no gutter: the cell's borders say where it ends."""
    if not walls or not gutters:
        return list(gutters)
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)

    def bordered(left: float, right: float) -> bool:
        """Whether a border stands between `left` and `right` over half the region's height."""
        return bordered_band(walls, left, right, top, bottom)

    kept = [g for g in gutters if bordered(max((w.x1 for w in words if w.x1 <= g), default=g),
                                           min((w.x0 for w in words if w.x0 >= g), default=g))]
    # Words inside one cell of a drawn table (three borders or more across their height, one on
    # each side of them and none between) have no gutter; a frame drawn round columns of text is
    # no table.
    across = sorted(w.x0 for w in walls if min(w.bottom, bottom) - max(w.top, top) > 0)
    # (the two edges of one drawn border stand closer than a wall is high)
    borders = sum(1 for k, x in enumerate(across) if k == 0 or x - across[k - 1] > SETTINGS.min_wall)
    boxed = borders >= 3 and bordered(-float("inf"), min(w.x0 for w in words)) and bordered(
        max(w.x1 for w in words), float("inf"))
    return kept if kept or boxed else list(gutters)


def sections(bands: Sequence[list[TextLine]], page: PdfPage, em: float) -> list[tuple[list[TextLine], list[float]]]:
    """Consecutive bands joined while together they still have a gutter: an empty band, one that an
    address too wide for its column runs across (`bridged_gutters`, as `cut` finds them), or a column
    edge that long words run across (`edge_gutters`: columns whose lines run into their gutter, as
    TeX sets a typewriter face it cannot break, are columns still). A band whose words all stand
    clear of the run's gutters (a word space and a quarter short of the next column's text) goes on
    in its column, though a long line of it narrows a gutter that no more lines show as one (a
    column beside it that ends after a line or two: a text file's address line alone at the top
    of a monospaced print's last column), unless a ruling parts it from the run (a drawn table's
    border: `_ruled_off`)."""
    parts: list[tuple[list[TextLine], list[float]]] = []
    run, gutters = list(bands[0]), _gutters([w for l in bands[0] for w in l.words], page, em)
    narrowed = False
    for band in bands[1:]:
        joined = run + band
        found = _gutters([w for l in joined for w in l.words], page, em)
        if found and not narrowed and not _title_across(run, found, em):
            run, gutters = joined, found
        elif gutters and _clear_of(band, run, gutters, page.space) and not _ruled_off(run, band, page, em):
            gutters = _narrowed(gutters, [w for l in run for w in l.words], band, page.space)
            run, narrowed = joined, True
        else:
            parts.append((run, gutters if narrowed else []))
            run, gutters = list(band), _gutters([w for l in band for w in l.words], page, em)
            narrowed = False
    parts.append((run, gutters if narrowed else []))
    # A run with no gutter of its own whose lines all start at the edge of one column of the run
    # under it, not its first, and run across none of its gutters, is that column's top: the column
    # starts higher than the columns before it (a printed text file whose first column opens with
    # blank lines, the second with the list's last item and the next heading).
    merged: list[tuple[list[TextLine], list[float]]] = []
    for lines, found in parts:
        while merged and not merged[-1][1] and _column_top(merged[-1][0], lines, page, em):
            lines = merged.pop()[0] + lines
        merged.append((lines, found))
    return merged


def _column_top(upper: Sequence[TextLine], lower: Sequence[TextLine], page: PdfPage, em: float) -> bool:
    """Whether the lines of `upper` are the top of one column of `lower` (`sections`): `lower`
    shows gutters, and every line of `upper` starts at one of the page's column edges, right of the
    same gutter and left of the next, and no word of it runs across a gutter."""
    gutters = _gutters([w for l in lower for w in l.words], page, em)
    if not gutters:
        return False
    columns = {sum(1 for g in gutters if line.x0 > g) for line in upper}
    if len(columns) != 1 or 0 in columns:
        return False
    return all(at_edge(page.edges, line.x0) and not any(w.x0 < g < w.x1 for w in line.words for g in gutters)
               for line in upper)


def _title_across(run: Sequence[TextLine], gutters: Sequence[float], em: float) -> bool:
    """Whether the run is a line in larger type than the body, set across the gutters the columns
    under it show (a title whose word runs over a column's edge): it stands above the columns, and its
    words past the gutter are no line of the next column ("…and Contact" / "Information")."""
    return len(run) == 1 and min(w.size for w in run[0].words) >= SETTINGS.larger * em and any(
        w.x0 < g < w.x1 for w in run[0].words for g in gutters)


def _narrowed(gutters: Sequence[float], run: Sequence[Word], band: Sequence[TextLine], space: float) -> list[float]:
    """The run's gutters moved into what is left empty of their bands once a band's long line
    narrowed them (`sections`): a line of the band runs on into a gutter's band with a word that
    starts right of the gutter a word space (SETTINGS.gutter_spaces of the page's) after the line's
    words before it ("…Analysis Ce" / "nter", cut at a monospaced print's last cell, the next
    column's two lines far above it); the gutter moves midway between the end of that word and the
    next column's text (its leftmost start, in the run or in the band), so the word stays in its
    line's column. A word of the band that starts right of the gutter farther from its line's words
    (a heading or bullet of the next column set a little left of its text) stays in the next column."""
    moved = []
    reach_space = SETTINGS.gutter_spaces * space
    for gutter in gutters:
        edge = min((w.x0 for w in run if w.x0 > gutter), default=None)
        if edge is None or not space:
            moved.append(gutter)
            continue
        reach, nexts = gutter, [edge]
        for line in band:
            before = None
            for word in sorted(line.words, key=lambda w: w.x0):
                if word.x0 <= gutter or before is not None and 0 <= word.x0 - before.x1 <= reach_space:
                    before = word
                    if word.x0 > gutter:
                        reach = max(reach, word.x1)
                else:
                    before = None
                    if word.x0 > gutter:
                        nexts.append(word.x0)
        start = min(nexts)
        moved.append((reach + start) / 2 if gutter < reach < start else gutter)
    return moved


def _ruled_off(run: Sequence[TextLine], band: Sequence[TextLine], page: PdfPage, em: float) -> bool:
    """Whether a ruling parts a band from the run above it (a drawn table's border: the next table
    starts there, and is cut at gutters of its own)."""
    lines = [*run, *band]
    return ruled_apart(page.rulings, max(l.bottom for l in run), min(l.top for l in band),
                       min(l.x0 for l in lines), max(l.x1 for l in lines), em)


def _gutters(words: Sequence[Word], page: PdfPage, em: float) -> list[float]:
    """A run's gutters, as `sections` finds them: empty bands, bridged ones, column edges."""
    return find_gutters(words, page, em) or bridged_gutters(words, page, em) or edge_gutters(words, page, em)


def _clear_of(band: Sequence[TextLine], run: Sequence[TextLine], gutters: Sequence[float], space: float) -> bool:
    """Whether no word of the band runs across or up to one of the run's gutters: each word ends
    SETTINGS.gutter_spaces of the page's word spaces before the first word the run shows right of
    the gutter, or starts right of the gutter (where that column's text starts or further right, on
    a line that crosses the gutter and goes on in the next column)."""
    words = [w for line in run for w in line.words]
    for gutter in gutters:
        edge = min((w.x0 for w in words if w.x0 > gutter), default=None)
        if edge is None:
            return False
        if any(w.x0 <= gutter and w.x1 > edge - SETTINGS.gutter_spaces * space for l in band for w in l.words):
            return False
        # A line with a word across the gutter, the next inside its band (short of the next column's
        # text) and more words in the next column runs on across: it stands in no column
        # ("CINCINNATI/ HAMILTON COUNTY", a letter-spaced heading over a label column whose values
        # start a little further right). A line that ends in the band is its column's (`_narrowed`).
        tol = SETTINGS.edge_tolerance
        if any(any(w.x0 < gutter < w.x1 for w in l.words) and any(gutter < w.x0 < edge - tol for w in l.words)
               and any(w.x0 >= edge - tol for w in l.words) for l in band):
            return False
    return True


def find_gutters(words: Sequence[Word], page: PdfPage, em: float) -> list[float]:
    """The middles of the empty vertical bands between the region's words that
    hold a cell's drawn border (over half the region's height; with two lines or more across it,
    whatever those lines read like), or are at least SETTINGS.gutter_em wide, or at least
    SETTINGS.narrow_gutter_em wide before one of the page's column `edges` (a table without borders,
    next to its widest cell), or at least SETTINGS.gutter_em of the body's em through
    SETTINGS.min_edge_starts lines (a large word beside it does not widen it), or at least
    SETTINGS.gutter_em wide before a column the document's other pages start there (`PdfPage.columns`),
    or, on a monospaced page, narrower than a cell through SETTINGS.min_edge_starts lines before
    as many words that start at one x (no word space is narrower than a cell there). A band is judged among the words of its own column (right of the last
    gutter found, not beside another column's lines): a band that every line crossing it enters
    after a label ("Phone:") or a bullet is a tab stop, and one that a line crosses with its own
    word space (a space glyph the PDF draws inside the line's gap, or gaps spread evenly across a
    justified line) is no gutter."""
    spans = sorted(words, key=lambda w: w.x0)
    gutters: list[float] = []
    if not spans:
        return gutters
    top, bottom = min(w.top for w in words), max(w.bottom for w in words)
    lines: list[TextLine] | None = None
    reach, reach_size = spans[0].x1, spans[0].size
    for word in spans[1:]:
        gap = word.x0 - reach
        unit = max(em, reach_size, word.size)  # larger type sets wider spaces: a gap is judged in its em
        if gap > 0 and bordered_band(page.walls, reach, word.x0, top, bottom) and crossing_lines(words, reach, word.x0) >= 2:
            gutters.append((reach + word.x0) / 2)  # a drawn border between cells: a gutter, whatever the lines
            lines = None
        elif gap >= SETTINGS.gutter_em * unit and at_edge(page.columns, word.x0):
            # a column the document's other pages start here, through many lines: a gutter, though
            # this page shows it a line or two (a two-word line is no stretched line of justified text)
            gutters.append((reach + word.x0) / 2)
            lines = None
        elif (page.cell and 0 < gap < (1 - SETTINGS.cell_grid_slack) * page.cell
              and sum(1 for w in words if abs(w.x0 - word.x0) <= SETTINGS.edge_tolerance) >= SETTINGS.min_edge_starts
              and crossing_lines(words, reach, word.x0) >= SETTINGS.min_edge_starts
              and not marks_only(words, reach, word.x0)):
            # a monospaced print spaces words a whole cell apart or more (justified): an empty band
            # narrower than a cell through many lines, before a column's edge, parts two columns
            # (a table whose justified cells run up to the next one's, within a third of a cell)
            gutters.append((reach + word.x0) / 2)
            lines = None
        elif gap > 0 and gap >= SETTINGS.gutter_spaces * page.space and (
                gap >= SETTINGS.wide_gutter_em * unit
                or gap >= SETTINGS.gutter_em * unit and crossing_lines(words, reach, word.x0) >= 2
                # a band through many lines is a gutter in the body's em, whatever large word
                # stands beside it (a justified title beside the next column's heading)
                or gap >= SETTINGS.gutter_em * em
                and crossing_lines(words, reach, word.x0) >= SETTINGS.min_edge_starts
                or gap >= SETTINGS.narrow_gutter_em * unit and at_edge(page.edges, word.x0)
                or bordered_band(page.walls, reach, word.x0, top, bottom)):
            if lines is None:
                floor = gutters[-1] if gutters else float("-inf")
                lines = group_lines(w for w in words if w.x0 > floor)
            # On a page read in the columns of the document's other pages (`PdfPage.columns`), a band
            # before no column they start is a justified line's stretched gap, no gutter.
            if not (page.columns and not at_edge(page.columns, word.x0)
                    or tab_stop(lines, reach, word.x0) or justified_space(lines, reach, word.x0, em)
                    or spaced_across(lines, reach, word.x0, page.spaces)
                    or one_line_gap(lines, reach, word.x0, page.words) or justified_ends(lines, reach, word.x0)):
                gutters.append((reach + word.x0) / 2)
                lines = None
        if word.x1 > reach:
            reach, reach_size = word.x1, word.size
    if not gutters:
        return gutters
    # Left to right: a gutter dropped as a justified line's space leaves that line's words before
    # the next one in its line ("Washington   Regional   …   Analysis   Center", each space a
    # gutter wide of its own, the next column a gutter right of "Center").
    kept: list[float] = []
    for k, g in enumerate(gutters):
        if not justified_tail(words, gutters, k, em, kept[-1] if kept else -float("inf"), page.cell) \
                or bordered_band(page.walls, g, g, top, bottom):
            kept.append(g)
    return kept


def justified_tail(words: Sequence[Word], gutters: Sequence[float], k: int, em: float,
                   before: float = -float("inf"), cell: float = 0.0) -> bool:
    """Whether the slab right of gutter `k` (up to the next) holds the end of one justified line
    and nothing else: its words stand on one line, in the type of the words before the gutter on
    that line (those right of `before`, the gutter kept before it), and the gap across the gutter
    is as wide as that line's own word spaces there (two or more, within SETTINGS.justified_em of
    each other): "…Intelligence  Center;  San", the next column's text a gutter further right. A
    column holds more than the end of one line. On a monospaced page (`cell`) a slab between two
    gutters is such a line's end too where the line's gaps, that across the gutter among them, are
    whole cells of its type, one or two (`cell_spaced`: a typewriter face's space is a cell, two
    after a colon or a sentence's end; TeX sets "…Intelligence Center:  Los Angeles," so, overfull
    past its column's edge, the next column a gutter of two body cells further right)."""
    gutter = gutters[k]
    after = gutters[k + 1] if k + 1 < len(gutters) else float("inf")
    slab = [w for w in words if gutter < w.x0 <= after]
    if not slab or len(group_lines(slab)) != 1:
        return False
    first = min(slab, key=lambda w: w.x0)
    middle = (first.top + first.bottom) / 2
    line = sorted((w for w in words if before < w.x0 <= gutter and w.top <= middle <= w.bottom),
                  key=lambda w: w.x0)
    if len(line) < 2 or not same_type(line[-1], first):
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(line, [*line[1:], first])]
    if min(gaps) > 0 and max(gaps) - min(gaps) <= SETTINGS.justified_em * em:
        return True
    return bool(cell) and k + 1 < len(gutters) and cell_spaced([*line, first], gaps)


def cell_spaced(words: Sequence[Word], gaps: Sequence[float]) -> bool:
    """Whether words of one monospaced type (each as wide as its letters times one cell, within
    SETTINGS.cell_slack) stand apart by gaps of one or two whole cells (within
    SETTINGS.cell_grid_slack of one): a line of a typewriter face, its spaces never stretched."""
    widths = sorted((w.x1 - w.x0) / len(w.text) for w in words if w.text)
    if not widths:
        return False
    cell = widths[len(widths) // 2]
    if any(abs(w - cell) > SETTINGS.cell_slack * cell for w in widths):
        return False
    return all(0.5 < g / cell < 2.5 and abs(g / cell - round(g / cell)) <= SETTINGS.cell_grid_slack for g in gaps)


def same_type(a: Word, b: Word) -> bool:
    """Whether two words are set in one weight and one size (within SETTINGS.size_slack: a size
    written as a scale of the text matrix comes out a hair apart from glyph to glyph)."""
    return a.bold == b.bold and abs(a.size - b.size) <= SETTINGS.size_slack * max(a.size, b.size)


def on_baseline(box: Box, word: Word) -> bool:
    """Whether a glyph stands on the word's line in its size: its top and bottom within
    SETTINGS.line_slack of the word's height of the word's own."""
    slack = SETTINGS.line_slack * (word.bottom - word.top)
    return abs(box.top - word.top) <= slack and abs(box.bottom - word.bottom) <= slack


def spaced_across(lines: Sequence[TextLine], left: float, right: float, spaces: Sequence[Box]) -> bool:
    """Whether a line crosses the band with a word space the PDF draws: its gap across the band
    holds one space glyph, on the line and in its size, standing clear of the words on both
    sides. A word processor that justifies the lines a line break ends stretches their one gap
    across the column and sets its space glyph inside it; no printer puts one in the middle of a
    gutter, and a space typed at a line's end stands against its word."""
    tops = [b.top for b in spaces]
    for line in lines:
        if not (line.words[0].x1 <= left and line.words[-1].x0 >= right):
            continue
        before = max((w for w in line.words if w.x1 <= left), key=lambda w: w.x1)
        after = min((w for w in line.words if w.x0 >= right), key=lambda w: w.x0)
        low, high = line.top - (line.bottom - line.top), line.bottom
        inside = [b for b in spaces[bisect.bisect_left(tops, low):bisect.bisect_right(tops, high)]
                  if before.x1 <= b.x0 and b.x1 <= after.x0 and on_baseline(b, before) and on_baseline(b, after)]
        if len(inside) == 1:
            width = inside[0].x1 - inside[0].x0
            if inside[0].x0 - before.x1 >= width and after.x0 - inside[0].x1 >= width:
                return True
    return False

def bordered_band(walls: Sequence[Box], left: float, right: float, top: float, bottom: float) -> bool:
    """Whether a drawn border stands between `left` and `right` over half the height from `top`
    to `bottom` (a table draws a border row by row: the pieces at one x are one border)."""
    reach: Counter = Counter()
    for w in walls:
        if left - SETTINGS.edge_tolerance <= w.x0 <= right + SETTINGS.edge_tolerance:
            reach[round(w.x0)] += max(0.0, min(w.bottom, bottom) - max(w.top, top))
    return any(length >= (bottom - top) / 2 for length in reach.values())



def at_edge(edges: Sequence[float], x: float) -> bool:
    """Whether `x` is one of the column edges (within SETTINGS.edge_tolerance)."""
    return any(abs(edge - x) <= SETTINGS.edge_tolerance for edge in edges)


def marks_only(words: Sequence[Word], left: float, right: float) -> bool:
    """Whether the lines that cross the band from left to right hold just before it a list's
    markers alone (one glyph each, a typed "-" or an unmapped "(cid:136)" among them) or labels (`tab_stop`): the band is their tab
    stop, no gutter."""
    lines = group_lines(words)
    crossing = [line for line in lines if line.words[0].x1 <= left and line.words[-1].x0 >= right]
    # Each line's word just before the band, where it stands no further from it than the band is
    # wide or its type's em (a marker a word space before its text): a column of text left of the list, its lines ending further left, does not make the
    # markers' tab stop a gutter, nor does a line or two that runs up to it (a date line under the
    # list, set further left): most of them are markers.
    bordering = [max((w for w in line.words if w.x1 <= left), key=lambda w: w.x1) for line in crossing]
    near = [w for w in bordering if left - w.x1 <= max(right - left, w.size)]
    if 2 * sum(1 for w in near if len(w.text) == 1 or is_symbol_glyph(w)) > len(near) or not near:
        return True
    return tab_stop(lines, left, right)


def tab_stop(lines: Sequence[TextLine], left: float, right: float) -> bool:
    """Whether every line that crosses the band from left to right enters it after a label or a
    bullet, or is a form's row: all it holds before the band is a field label, with or without its
    colon ("Location" | "Montgomery, Alabama"), its value on the same baseline beyond the band.
    A form is read row by row, each label with its value."""
    crossing = [line for line in lines if line.words[0].x1 <= left and line.words[-1].x0 >= right]
    before = [max((w for w in line.words if w.x1 <= left), key=lambda w: w.x1) for line in crossing]
    if before and all(w.text.endswith(":") or w.text in BULLET_GLYPHS or is_symbol_glyph(w) for w in before):
        return True
    return bool(crossing) and all(is_field_label(" ".join(w.text for w in line.words if w.x1 <= left))
                                  for line in crossing)


def justified_space(lines: Sequence[TextLine], left: float, right: float, em: float) -> bool:
    """Whether the band is a word space of justified lines: every line that crosses it, and has
    two gaps or more, spreads its gaps evenly (within SETTINGS.justified_em), this one among them. A
    gutter stands apart from a line's word spaces; a justified line stretches all of them alike.
    A typed bullet's gap to its item is its indent, no word space ("•  Chicago Crime Prevention…":
    the item's text starts at the items' edge, its spaces stretched apart from it). A line's gaps
    are its own words' (`_run_across`), not those of the next column's text on its baseline."""
    even = 0
    for line in lines:
        if not (line.words[0].x1 <= left and line.words[-1].x0 >= right):
            continue
        words = _run_across(line.words, left, right, em)
        if words is None:
            continue  # its own gap is wider than the band: it says nothing of the band's spaces
        gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
        first = words[0]
        if first.text in BULLET_GLYPHS or is_symbol_glyph(first):
            gaps = gaps[1:]  # a typed bullet stands at its tab stop: its gap is not stretched
        if len(gaps) < 2:
            continue
        if max(gaps) - min(gaps) > SETTINGS.justified_em * em:
            return False
        even += 1
    return even > 0


def _run_across(words: Sequence[Word], left: float, right: float, em: float) -> Sequence[Word] | None:
    """The words of a line around the band from `left` to `right`, as far as its gaps are no wider
    than its own gap across the band (by SETTINGS.justified_em): a justified line's words, without
    the next column's beside it on the same baseline ("…Center:  Los", then the gutter and "Phone:
    (517)…"). None where its own gap is wider than the band by a gutter (SETTINGS.gutter_em): the
    line ends well short of the band, and its gap says nothing of the band's spaces; None too where
    the words on its two sides differ in size (a line is set in one size: "…884-8383" beside the
    next column's heading "Dallas Fusion Center;" stand on one baseline only by chance), or where a
    typed bullet stands right after the band ("…Information   Threat  •  Cincinnati/Hamilton…": an
    item of the next column starts there, a justified line holds no bullet inside it)."""
    start = max(k for k, w in enumerate(words) if w.x1 <= left)
    end = start + 1
    own = words[end].x0 - words[start].x1
    a, b = words[start].size, words[end].size
    if own > right - left + SETTINGS.gutter_em * em or abs(a - b) > SETTINGS.size_slack * max(a, b):
        return None
    if words[end].text in BULLET_GLYPHS or is_symbol_glyph(words[end]):
        return None  # a typed bullet after the band starts an item (the next column's): no word of the line
    width = own + SETTINGS.justified_em * em
    while start > 0 and words[start].x0 - words[start - 1].x1 <= width:
        start -= 1
    while end + 1 < len(words) and words[end + 1].x0 - words[end].x1 <= width:
        end += 1
    return words[start:end + 1]


def justified_ends(lines: Sequence[TextLine], left: float, right: float) -> bool:
    """Whether the lines that cross the band end at one x and go on after it at different x: the
    band is their stretched word spaces ("Central       California" / "Intelligence     Center;"),
    where a column's lines start after a gutter at its one left edge (or, two lines only, each
    goes on after it with one word: "• Southeast   Florida" / "Fusion      Center;" in a
    monospaced face, whose words of one length start at one x)."""
    crossing = [line for line in lines if line.words[0].x1 <= left and line.words[-1].x0 >= right]
    if len(crossing) < 2:
        return False
    ends = [line.x1 for line in crossing]
    starts = [min(w.x0 for w in line.words if w.x0 >= right) for line in crossing]
    slack = 2 * SETTINGS.edge_tolerance
    if max(ends) - min(ends) > slack:
        return False
    # Two stretched lines whose last words are of one width (a monospaced face: "Florida" /
    # "Center;") start them at one x too: one word after the band on each, two lines only (a
    # column persists through more).
    return max(starts) - min(starts) > slack or len(crossing) == 2 and all(
        sum(1 for w in line.words if w.x0 >= right) == 1 for line in crossing)


def one_line_gap(lines: Sequence[TextLine], left: float, right: float, page_words: Sequence[Word] = ()) -> bool:
    """Whether the band is the one gap of a line of two words, and all the text on one side of
    it stands on that line: a justified line of two words puts all its slack in its one gap
    ("Connecticut          Intelligence" / "Center"), where a gutter persists through many
    lines. (A table's row of one line holds more words: a name, a label and its value.) A typed
    bullet before them is the item's, not a word of the line ("•  Alabama        Fusion" / "Center").
    A line whose second word starts past the other lines' ends is such a line still where it ends
    at its column's justified edge, as other lines of the page do (`page_words`; the heading's
    line at a column's foot under short lines: "Commonwealth          Fusion" / "Center")."""
    sides = ([l for l in lines if any(w.x1 <= left for w in l.words)],
             [l for l in lines if any(w.x0 >= right for w in l.words)])
    for side in sides:
        if len(side) != 1:
            continue
        words = side[0].words
        if words and (words[0].text in BULLET_GLYPHS or is_symbol_glyph(words[0])):
            words = words[1:]
        if len(words) == 2 and words[0].x1 <= left and words[1].x0 >= right and (
                not past_the_rest(lines, side[0]) or justified_edge(words[1], page_words)):
            return True
    return False


def justified_edge(word: Word, page_words: Sequence[Word]) -> bool:
    """Whether the word ends where the last words of SETTINGS.min_column_lines other lines of the
    page end, within SETTINGS.edge_tolerance: the right edge of a justified column."""
    return sum(1 for w in page_words if abs(w.x1 - word.x1) <= SETTINGS.edge_tolerance
               and abs(w.top - word.top) > (word.bottom - word.top) / 2) >= SETTINGS.min_column_lines


def past_the_rest(lines: Sequence[TextLine], line: TextLine) -> bool:
    """Whether a line of two words stands across the edge every other line keeps: its second word
    starts right of where each of SETTINGS.min_column_lines other lines or more ends, or its first
    ends left of where each starts. A justified line ends at its column's edge, so its last word
    starts inside the column; a word past every line's end stands in a column of its own (groff's
    last page, whose second column holds one line: "ansec@lvmpd.com" / "www.doj.state.wi.us/dci")."""
    others = [l for l in lines if l is not line]
    if len(others) < SETTINGS.min_column_lines:
        return False
    first, last = line.words[0], line.words[-1]
    return last.x0 > max(l.x1 for l in others) or first.x1 < min(l.x0 for l in others)


def bridged_gutters(words: Sequence[Word], page: PdfPage, em: float) -> list[float]:
    """Gutters that one or two words run across (an address too wide for its column, a line
    TeX set overfull): found without them, when the columns beside them hold SETTINGS.min_column_lines
    lines each. The words tried are the widest, then those standing in a band at least
    SETTINGS.gutter_em wide that no more than SETTINGS.max_bridging_words words cover."""
    # A gutter is kept where SETTINGS.min_column_lines lines of the other words cross it, each
    # with a word on either side (a gutter stands in an empty band): fewer words bridge nothing.
    if len(words) <= 2 * SETTINGS.min_column_lines:
        return []
    widest = sorted(words, key=lambda w: w.x1 - w.x0, reverse=True)
    amid: dict[int, bool] = {}  # `amid_text` by the word's id: the widest word is in every try

    def inside_text(word: Word) -> bool:
        """`amid_text`, worked out once a word."""
        if id(word) not in amid:
            amid[id(word)] = amid_text(word, words, page.space)
        return amid[id(word)]

    def tries() -> Iterator[list[Word]]:
        """The widest words, then (only when they bridge nothing) the words that cover a band."""
        yield from (widest[:count] for count in range(1, SETTINGS.max_bridging_words + 1))
        yield from (bridging for bridging in bridging_words(words, em) if overflows(bridging, words, page.edges))

    for bridging in tries():
        if any(inside_text(b) for b in bridging):
            continue
        # the words but those set aside (and any equal to one: a word drawn twice)
        lefts = {b.x0 for b in bridging}
        rest = [w for w in words if w.x0 not in lefts or w not in bridging]
        gutters = [g for g in find_gutters(rest, page, em)
                   if crossing_lines(rest, g, g) >= SETTINGS.min_column_lines
                   and all(ends_column(b, rest, g, max(SETTINGS.gutter_em * em, 2 * page.cell))
                           for b in bridging if b.x0 < g and b.x1 > max(
                       (w.x1 for w in rest if w.x1 <= g), default=-float("inf")))]
        # Each word set aside runs across a gutter found without it: a word that stands clear of
        # them bridges nothing, and setting it aside only tore a gap into its line (a justified
        # line's spaces no longer even: "El Paso Multi-Agency Tactical" without "Multi-Agency").
        if gutters and all(any(w.x0 < g < w.x1 for g in gutters) for w in bridging):
            return gutters
    return []


def ends_column(word: Word, rest: Sequence[Word], gutter: float, space: float) -> bool:
    """Whether a word that runs from the column left of `gutter` into it or across it ends its line:
    no word follows it on its line closer than `space` (SETTINGS.gutter_em, two cells of a
    monospaced print) but where the next column's text starts (its leftmost start after the
    gutter). A word inside a line (justified, or set in a monospaced face whose words line up
    from line to line) is followed by the rest of its own line ("(MATRIX); El Paso, TX")."""
    after = [w.x0 for w in rest if w.x0 >= word.x1 and min(w.bottom, word.bottom) > max(w.top, word.top)]
    starts = [w.x0 for w in rest if w.x0 > gutter]
    return (not after or not starts or min(after) - word.x1 >= space
            or min(after) <= min(starts) + SETTINGS.edge_tolerance)


def amid_text(word: Word, words: Sequence[Word], space: float) -> bool:
    """Whether a word stands inside a run of text on its line: a word follows it and one goes
    before it, each no further than a word space (SETTINGS.gutter_spaces of the page's own) away.
    A heading across a table ("Alaska Information and Analysis Center" over its "Location" |
    "Anchorage, Alaska" rows) runs across the table's gutter as text does; an address too wide
    for its column ends its column's line there. A line set in another face than the page's
    (a bold sans heading over roman text) spaces its words its own way: the word space is the
    line's own narrowest gap where that is wider, up to SETTINGS.max_space_em of the word's size."""
    beside = [w for w in words if w is not word and min(w.bottom, word.bottom) > max(w.top, word.top)]
    row = sorted([word, *beside], key=lambda w: w.x0)
    gaps = [b.x0 - a.x1 for a, b in zip(row, row[1:]) if b.x0 > a.x1]
    own = min(gaps, default=0.0)
    space = max(space, own if own <= SETTINGS.max_space_em * word.size else 0.0)
    if not space:
        return False
    reach = SETTINGS.gutter_spaces * space
    before = any(0 <= word.x0 - w.x1 <= reach for w in beside)
    after = any(0 <= w.x0 - word.x1 <= reach for w in beside)
    return before and after


def edge_gutters(words: Sequence[Word], page: PdfPage, em: float) -> list[float]:
    """Gutters before the left edge of a column that long words of the column before run
    across (narrow justified columns and their addresses, a typewriter face TeX cannot
    stretch): an edge where at least SETTINGS.min_edge_starts words start and no more than
    SETTINGS.edge_crossing_share of the lines that show it (text on both sides, none across)
    run across it, with text on both sides: on the same lines, for most lines that start a word
    there (a list's text edge after drawn bullets has nothing beside it), the word before it on
    those that have one near it (within SETTINGS.wide_gutter_em) not all bullets or labels (a
    list's or a form's tab stop), and no line crossing it with its own word space (see
    `spaced_across`: flush-right numbers of stretched lines start at one x). The gutter stands
    before the column's own left edge where its headings stand further left than its items'
    bullets (`column_start`); none stands between bullets and their items' text. The words that
    run across stay in their own column."""
    gutters: list[float] = []
    left = min(w.x0 for w in words) if words else 0.0
    lines: list[TextLine] | None = None
    tol = SETTINGS.edge_tolerance
    for edge in page.edges:
        if edge <= left + tol:
            continue
        starts = sum(1 for w in words if abs(w.x0 - edge) <= tol)
        if starts < SETTINGS.min_edge_starts:
            continue
        lines = lines if lines is not None else group_lines(words)
        across = sum(1 for w in words if w.x0 < edge - tol and w.x1 > edge + tol) - len(_text_over(lines, edge, em))
        starting = [line for line in lines if any(abs(w.x0 - edge) <= tol for w in line.words)]
        before = [(max((w for w in line.words if w.x1 <= edge), key=lambda w: w.x1), line) for line in starting
                  if line.words[0].x1 <= edge]
        near = [w for w, line in before
                if min(x.x0 for x in line.words if abs(x.x0 - edge) <= tol) - w.x1 < SETTINGS.wide_gutter_em * em
                and not _word_space_at(line, edge, em)]
        # A form's rows (a label, its value at the edge) are most of those lines: a tab stop too.
        rows = sum(1 for _, line in before if is_field_label(" ".join(w.text for w in line.words if w.x1 <= edge)))
        # A list's text edge after its typed bullets, however far they stand: most lines there have
        # a bullet before their word (a paragraph's line above the list may set one word there too).
        marks = sum(1 for w, _ in before if _marks_tab(w))
        tabbed = (bool(near) and all(_marks_tab(w) for w in near) or bool(before) and 2 * rows >= len(before)
                  or bool(before) and marks >= SETTINGS.tab_marks_share * len(before))
        text_before = sum(1 for w in words if w.x1 <= edge and not _marks_tab(w))
        # Every line with text before its word there reads on to it at one of its own run's word
        # spaces (a cell's number, "Phone: (340) 776-", its parts at one x in every row): no column
        # starts there. A column's edge beside ragged text shows wider gaps on some of its lines.
        spaced = bool(before) and all(_word_space_at(_run_at(line, edge, em), edge, em) for _, line in before)
        if (across <= SETTINGS.edge_crossing_share * max(starts, _beside(lines, edge))
                and text_before >= SETTINGS.min_edge_starts
                and not tabbed and 2 * len(before) >= len(starting) and not spaced
                and not spaced_across(lines, edge - tol, edge - tol, page.spaces)):
            # Words go to the column they start in: the gutter stands left of every word that starts
            # at the column's edge (its headings' where they stand left of its bullets), a word set up
            # to twice the tolerance further left (a capital's or a parenthesis's side bearing,
            # "WiWATCH.org", "(Guam)") among them, and right of every word that starts before them
            # (the column's before, whose long words may run on up to the edge and past it).
            start = column_start(words, lines, page, edge, em)
            first = min(w.x0 for w in words if start - 2 * tol <= w.x0 <= start + tol)
            starts_before = [w.x0 for w in words if w.x0 < first]
            gutter = max((max(starts_before) + first) / 2, first - tol) if starts_before else first - tol
            gutter = _before_heads(words, gutter, page.space, em)
            if gutter not in gutters:
                gutters.append(gutter)
    # A column of bullets alone is no column: the items' text edge after them is a tab stop.
    kept: list[float] = []
    for gutter in sorted(gutters):
        before = kept[-1] if kept else -float("inf")
        slab = [w for w in words if before < w.x0 <= gutter]
        if not (slab and kept and all(w.text in BULLET_GLYPHS or is_symbol_glyph(w) for w in slab)):
            kept.append(gutter)
    return kept


def _before_heads(words: Sequence[Word], gutter: float, space: float, em: float) -> float:
    """The gutter moved left of the words that run across it into the next column's text as a line
    of that column: each goes on at a word space, in its own type, with a word right of the gutter,
    and follows no word of its line at a word space in its type (a heading in other type than the
    column before's overfull title beside it, "…Locations" in larger type, or set left of its
    column's bullets: "Primary Fusion Centers" over "• Alabama…"). Cut at the bullets' edge, its
    first word was read in the column before and the rest of it under that column. The gutter moves
    only where words of the column before stand left of its new place, no other word starts
    between its new place and its old one, and none runs across its new place; a word that goes on from its line's words before it (an overfull line of the
    column before) leaves it where it is."""
    heads = []
    for word in words:
        if not word.x0 < gutter < word.x1:
            continue
        reach = SETTINGS.gutter_spaces * space * word.size / em if em else 0.0
        line = [w for w in words if w is not word and min(w.bottom, word.bottom) > max(w.top, word.top)]
        after = min((w for w in line if w.x0 >= word.x1), key=lambda w: w.x0, default=None)
        before = max((w for w in line if w.x1 <= word.x0), key=lambda w: w.x1, default=None)
        if after is None or after.x0 <= gutter or after.x0 - word.x1 > reach or not same_type(word, after):
            return gutter
        if before is not None and word.x0 - before.x1 <= reach and same_type(before, word):
            return gutter
        heads.append(word)
    if not heads or len(heads) > SETTINGS.max_bridging_words:  # a heading's line or two, not a column of them
        return gutter
    moved = min(w.x0 for w in heads) - SETTINGS.edge_tolerance
    if not any(w.x1 <= moved for w in words) or any(w.x0 < moved < w.x1 for w in words) or any(
            moved < w.x0 <= gutter and not any(w is h for h in heads) for w in words):
        return gutter
    return moved


def _text_over(lines: Sequence[TextLine], edge: float, em: float) -> list[Word]:
    """The words that run across `edge` on lines of text over the column that starts there: lines
    above the column's first line, each one run of text alone on its baseline (no gap in it as
    wide as SETTINGS.wide_gutter_em) that starts further left of the edge than a column's heading
    stands left of its items (SETTINGS.mark_reach_em): a list's items or a paragraph across the
    page over a table's columns. A table's own lines run across none of its gutters; the text
    over it is read on its own (`text_over_table`). Lines under the column, beside another
    column's, or its own heading are no text over it."""
    tol = SETTINGS.edge_tolerance
    tops = [l.top for l in lines if any(abs(w.x0 - edge) <= tol for w in l.words)]
    if not tops:
        return []
    return [w for l in lines if l.bottom <= min(tops) and l.x0 < edge - SETTINGS.mark_reach_em * em
            and all(b.x0 - a.x1 < SETTINGS.wide_gutter_em * em for a, b in zip(l.words, l.words[1:]))
            for w in l.words if w.x0 < edge - tol and w.x1 > edge + tol]


def _word_space_at(line: TextLine, edge: float, em: float) -> bool:
    """Whether the line reads on across `edge` at one of its own word spaces: the gap before the
    word that starts there is narrower than a gutter (SETTINGS.gutter_em) and within
    SETTINGS.justified_em of the line's other gaps (a typed bullet's aside), as a paragraph's line
    whose word happens to start at a list's text edge below it. A column's line beside the next
    column stands a gutter apart from it, whatever its own word spaces."""
    tol = SETTINGS.edge_tolerance
    words = list(line.words)
    if words and (words[0].text in BULLET_GLYPHS or is_symbol_glyph(words[0])):
        words = words[1:]
    at = next((k for k, w in enumerate(words) if k and abs(w.x0 - edge) <= tol), None)
    if at is None:
        return False
    gap = words[at].x0 - words[at - 1].x1
    others = [b.x0 - a.x1 for k, (a, b) in enumerate(zip(words, words[1:]), 1) if k != at]
    return (bool(others) and gap < SETTINGS.gutter_em * em
            and all(abs(g - gap) <= SETTINGS.justified_em * em for g in others))


def _run_at(line: TextLine, edge: float, em: float) -> TextLine:
    """The run of a line's words around the word that starts at `edge`: out from the gap before
    it, up to the first gap wider than it by more than SETTINGS.justified_em (a table row's line
    holds its other cells' words too, set apart by the cells' padding, however narrow). The line
    itself where no word but its first starts there."""
    words = list(line.words)
    tol = SETTINGS.edge_tolerance
    at = next((k for k, w in enumerate(words) if k and abs(w.x0 - edge) <= tol), None)
    if at is None:
        return line
    limit = words[at].x0 - words[at - 1].x1 + SETTINGS.justified_em * em
    first, last = at - 1, at
    while first > 0 and words[first].x0 - words[first - 1].x1 <= limit:
        first -= 1
    while last + 1 < len(words) and words[last + 1].x0 - words[last].x1 <= limit:
        last += 1
    return TextLine(tuple(words[first:last + 1]))


def _marks_tab(word: Word) -> bool:
    """Whether a word is a label ("Phone:") or a bullet: what a tab stop follows."""
    return word.text.endswith(":") or word.text in BULLET_GLYPHS or is_symbol_glyph(word)


def _beside(lines: Sequence[TextLine], edge: float) -> int:
    """How many lines show a gutter at `edge`: text on both sides of it, none across it."""
    tol = SETTINGS.edge_tolerance
    return sum(1 for line in lines if line.words[0].x1 <= edge + tol and line.words[-1].x0 >= edge - tol
               and not any(w.x0 < edge - tol and w.x1 > edge + tol for w in line.words))


def column_start(words: Sequence[Word], lines: Sequence[TextLine], page: PdfPage, edge: float, em: float) -> float:
    """The left edge of the column whose lines start at `edge`: a two-level list in columns sets
    its headings and paragraphs further left than its items' bullets ("Recognized Fusion
    Centers" over "• Austin…"). The leftmost column edge of the page within
    SETTINGS.mark_reach_em before `edge` whose words stand clear of the text before them on their
    lines (`_clear_before`), where few words of the columns before run across it
    (SETTINGS.edge_crossing_share of the lines that show `edge`), and where every word that starts
    between it and `edge` is a bullet or on a line of such a word; else `edge` itself."""
    tol = SETTINGS.edge_tolerance
    shown = _beside(lines, edge)
    for candidate in page.edges:
        if not edge - SETTINGS.mark_reach_em * em <= candidate < edge - tol:
            continue
        heads = [line for line in lines if any(abs(w.x0 - candidate) <= tol for w in line.words)]
        if not heads or not all(_clear_before(line, candidate, page.space, em) for line in heads):
            continue
        # The words of other columns that run across it (the column's own that start at it, its
        # heading across its bullets, are not).
        across = [w for w in words if w.x0 < candidate - tol and w.x1 > candidate + tol]
        if len(across) > SETTINGS.edge_crossing_share * max(shown, 1):
            continue
        headed = {id(w) for line in heads for w in line.words}
        if all(w.text in BULLET_GLYPHS or is_symbol_glyph(w) or id(w) in headed
               for w in words if candidate - tol <= w.x0 < edge - tol):
            return candidate
    return edge


def _clear_before(line: TextLine, edge: float, space: float, em: float) -> bool:
    """Whether the line's word at `edge` stands clear of the line's words before it: they end at
    least SETTINGS.gutter_em before it, or closer than any word space of the page (less than
    SETTINGS.overfull_space_share of its own: a line of the column before that TeX set overfull in a
    typewriter face, "…Terrorism and Intelligence" two points short of "As the Federal…")."""
    tol = SETTINGS.edge_tolerance
    end = max((w.x1 for w in line.words if w.x1 <= edge + tol), default=-float("inf"))
    return edge - end >= SETTINGS.gutter_em * em or 0 <= edge - end < SETTINGS.overfull_space_share * space


def overflows(bridging: Sequence[Word], words: Sequence[Word], edges: Sequence[float]) -> bool:
    """Whether each word ends its column's line: nothing follows it on its line but the next
    column's text, which starts at a column edge (a heading across the page goes on in words)."""
    for b in bridging:
        after = [w for w in words if w.x0 >= b.x1 and min(w.bottom, b.bottom) > max(w.top, b.top)]
        if after and not at_edge(edges, min(after, key=lambda w: w.x0).x0):
            return False
    return True


def bridging_words(words: Sequence[Word], em: float) -> list[list[Word]]:
    """The sets of at most SETTINGS.max_bridging_words words that alone cover a vertical band at least
    SETTINGS.gutter_em wide, by a sweep over the words' left and right edges."""
    events = sorted([(w.x0, 1, i) for i, w in enumerate(words)] + [(w.x1, -1, i) for i, w in enumerate(words)])
    active: set[int] = set()
    found: list[list[Word]] = []
    run_start, run_words = None, set()
    for k, (x, kind, i) in enumerate(events):
        if kind == 1:
            active.add(i)
        else:
            active.discard(i)
        following = events[k + 1][0] if k + 1 < len(events) else x
        if following <= x:
            continue
        if len(active) <= SETTINGS.max_bridging_words and (active or run_start is not None):
            run_start = x if run_start is None else run_start
            run_words |= active
            if len(run_words) > SETTINGS.max_bridging_words:
                run_start, run_words = x, set(active)
            if following - run_start >= SETTINGS.gutter_em * em and run_words:
                chosen = [words[j] for j in sorted(run_words)]
                if chosen not in found:
                    found.append(chosen)
        else:
            run_start, run_words = None, set()
    return found


def crossing_lines(words: Sequence[Word], left: float, right: float) -> int:
    """How many lines have words on both sides of the band from left to right."""
    return sum(1 for line in group_lines(words)
               if line.words[0].x1 <= left and line.words[-1].x0 >= right)


def peel_tail(slabs: list[list[Word]], em: float, marks: Sequence[Box] = ()) -> tuple[list[list[Word]], list[Word]]:
    """Set apart lines SETTINGS.tail_em under the end of every other column and a paragraph gap
    under the rest of their own, that hold no value, no heading and no list item (a bullet typed
    or drawn before a line): a page's footer below its columns is read after them, not between
    the first column and the next; a heading or an item at the foot of a full column goes on in
    the next."""
    if len(slabs) < 2:
        return slabs, []
    lowest = max(range(len(slabs)), key=lambda k: max(w.bottom for w in slabs[k]))
    floor = max(w.bottom for k, slab in enumerate(slabs) if k != lowest for w in slab)
    lines = group_lines(slabs[lowest])
    # The highest paragraph start from which all lines stand a paragraph gap below the floor.
    start = None
    for j in range(len(lines) - 1, 0, -1):
        if lines[j].top - floor < SETTINGS.tail_em * em:
            break
        if lines[j].top - lines[j - 1].bottom >= SETTINGS.paragraph_em * em:
            start = j
    # The page's closing lines hold no center's value, and no heading: a heading stands above its
    # text, so one at the foot of a column goes on at the top of the next.
    if start is None or any(is_value(line.text) and not BOILERPLATE.match(line.text.strip())
                            or is_styled(line, em) or bulleted(line, marks, em)
                            for line in lines[start:]):
        return slabs, []
    # A heading in plain type at a column's foot, its block going on at the top of the next
    # column: the lines end a block (its last value above them), read as a name, and the next
    # column opens with a place line, which follows a heading, or with the heading's last line
    # and then a place line ("U.S. Virgin Islands Fusion" / "Center" atop the next column, "St.
    # Thomas, Virgin Islands"). A footer under a heading whose place line opens the next column
    # is still set apart.
    if lowest + 1 < len(slabs) and is_value(lines[start - 1].text):
        following = group_lines(slabs[lowest + 1])
        tail = " ".join(line.text for line in lines[start:])
        if opens_with_place(following[0].text) and reads_as_name(lines[start].text) or (
                len(following) > 1 and opens_with_place(following[1].text)
                and not opens_with_place(following[0].text) and not is_value(following[0].text)
                and reads_as_name(f"{tail} {following[0].text}")):
            return slabs, []
    if lowest + 1 < len(slabs) and goes_on_after(lines[:start], group_lines(slabs[lowest + 1]), em, marks):
        return slabs, []
    tail = lines[start:]
    kept = [w for line in lines[:start] for w in line.words]
    return [kept if k == lowest else slab for k, slab in enumerate(slabs)], [w for l in tail for w in l.words]


def goes_on_after(kept: Sequence[TextLine], following: Sequence[TextLine], em: float, marks: Sequence[Box]) -> bool:
    """Whether the next column goes on after the lines under a column's end rather than before
    them, so those lines are the column's own, read before the next column (no footer under the
    columns, whose text all comes before it): the next column opens with a page's closing line
    ("Last Published Date" at the column's foot, "Was this page helpful?" atop the next), or the
    column's text above them holds a list's items and the next column none (the list ended in
    this column, and its closing lines come after it there, not after the next column's text)."""
    if BOILERPLATE.match(following[0].text.strip()):
        return True
    return (any(bulleted(line, marks, em) for line in kept)
            and not any(bulleted(line, marks, em) for line in following))


def headed_columns(bands: Sequence[list[TextLine]], gutters: Sequence[float]) -> bool:
    """Whether two bands, one under the other, are the heads of blocks in columns and their bodies:
    in every column (two or more) the lower band opens with a place line, and the upper one ends
    with none (a heading, or its last line). A block's place line goes on from its heading, so a
    table's row never ends at a heading whose place line opens the next row: the last page of a
    listing in columns, each column one block of the same shape, shows its headings side by side
    and their bodies under them, in bands that look like a table's rows."""
    for upper, lower in zip(bands, bands[1:]):
        above = split_slabs([w for line in upper for w in line.words], gutters)
        below = split_slabs([w for line in lower for w in line.words], gutters)
        columns = {sum(1 for g in gutters if cell[0].x0 > g): cell for cell in above}
        under = {sum(1 for g in gutters if cell[0].x0 > g): cell for cell in below}
        if len(columns) < 2 or set(columns) != set(under):
            continue
        if all(opens_with_place(group_lines(under[k])[0].text) and parse_place(group_lines(columns[k])[-1].text) is None
               and not is_value(group_lines(columns[k])[-1].text) for k in columns):
            return True
    return False


def opens_with_place(text: str) -> bool:
    """Whether a column's first line is a block's place line ("McKinney, Texas"), which goes on
    from a heading before it."""
    return parse_place(text) is not None


def bulleted(line: TextLine, marks: Sequence[Box], em: float) -> bool:
    """Whether a list item starts on the line: a bullet glyph before its words, or a small shape
    drawn just left of them."""
    first = line.words[0]
    if first.text in BULLET_GLYPHS or first.text[:1] in BULLET_GLYPHS - {"-", "–", "*"} or is_symbol_glyph(first):
        return True
    return any(line.top <= (m.top + m.bottom) / 2 <= line.bottom
               and line.x0 - SETTINGS.mark_reach_em * em <= m.x1 <= line.x0 for m in marks)


def split_slabs(words: Sequence[Word], gutters: Sequence[float]) -> list[list[Word]]:
    """The words cut at the gutters into vertical slabs, left to right; empty slabs left out."""
    slabs: list[list[Word]] = [[] for _ in range(len(gutters) + 1)]
    for word in words:
        slabs[sum(1 for g in gutters if word.x0 > g)].append(word)
    return [s for s in slabs if s]


def split_bands(lines: Sequence[TextLine], rulings: Sequence[Box], em: float,
                pitch: float | None = None) -> list[list[TextLine]]:
    """Lines in runs separated by an empty band at least SETTINGS.paragraph_em high (or, in a
    table of loose leading, a line further than `pitch` below the top of the one above:
    `table_rows`) or by a ruling."""
    if not lines:
        return []
    left, right = min(l.x0 for l in lines), max(l.x1 for l in lines)
    bands: list[list[TextLine]] = [[lines[0]]]
    bottom, top = lines[0].bottom, set_at(lines[0])
    for line in lines[1:]:
        parted = line.top - bottom >= SETTINGS.paragraph_em * em if pitch is None else set_at(line) - top > pitch
        if parted or ruled_apart(rulings, bottom, line.top, left, right, em):
            bands.append([])
        bands[-1].append(line)
        bottom, top = max(bottom, line.bottom), set_at(line)
    return bands


def ruled_apart(rulings: Sequence[Box], upper: float, lower: float, left: float, right: float, em: float) -> bool:
    """Whether rulings part a line whose box ends at `upper` from the next, whose box starts at
    `lower`: between the two, or inside the next one's box no further than SETTINGS.ruling_inset_em
    below its top (a font's box reaches above its capitals, and a table's cell border drawn at the
    cell's edge crosses it: LibreOffice's DejaVu cells)."""
    return ruled_between(rulings, upper, lower + SETTINGS.ruling_inset_em * em, left, right)


def ruled_between(rulings: Sequence[Box], top: float, bottom: float, left: float, right: float) -> bool:
    """Whether rulings between two heights span most of the width from left to right."""
    if bottom <= top:
        return False
    spans = sorted((max(r.x0, left), min(r.x1, right)) for r in rulings
                   if top <= r.top <= bottom and r.x1 > left and r.x0 < right)
    covered, reach = 0.0, left
    for x0, x1 in spans:
        if x1 > reach:
            covered += x1 - max(x0, reach)
            reach = x1
    return covered >= SETTINGS.ruling_share * (right - left)


def is_table(bands: Sequence[list[TextLine]], gutters: Sequence[float], rulings: Sequence[Box],
             em: float, cell: float = 0.0, pitch: float | None = None) -> bool:
    """Whether the bands are a table's rows: ruled off from each other, or
    each cell of each row one paragraph (its lines at most `pitch` apart, top to top, where the
    table's leading is loose: `table_rows`), in two rows at least and a third of the bands at
    least (the last page of a listing in columns, whose last column is short, has a band or two
    side by side at its top and a run of the first column's paragraphs under them).
    A monospaced print (`cell`) sets every line, blank or not, on one grid of lines: where every
    band is one line across, a blank line stands between every two lines (a text file written
    so, printed in columns), and the bands are lines of its columns, side by side on the grid,
    not a table's rows; so too where only the first band or the last holds more (the end of a
    list set line under line, going on from the page before, above the listing's double-spaced
    lines)."""
    lines = [line for band in bands for line in band]
    left, right = min(l.x0 for l in lines), max(l.x1 for l in lines)
    if rules_astride(lines, rulings) >= SETTINGS.astride_rules:  # two columns' rules meeting at one
        return False  # height once or twice part no rows
    if any(ruled_apart(rulings, a[-1].bottom, b[0].top, left, right, em) for a, b in zip(bands, bands[1:])):
        return True
    if cell and all(len(band) == 1 for band in (bands[1:-1] if len(bands) > 2 else bands)):
        return False
    if headed_columns(bands, gutters):
        return False
    # Rows parted by empty bands alone stand further apart than a cell's lines do (its padding).
    parting = min((b[0].top - max(l.bottom for l in a) for a, b in zip(bands, bands[1:])), default=0.0)
    rows = 0
    for band in bands:
        cells = split_slabs([w for line in band for w in line.words], gutters)
        if any(len(split_bands(group_lines(cell), (), em, pitch)) > 1 for cell in cells):
            return False
        if pitch is None and parting > 0 and any(
                gap >= SETTINGS.row_gap_share * parting for cell in cells for gap in _line_gaps(group_lines(cell))):
            return False
        rows += len(cells) > 1
    return rows >= 2 and 3 * rows >= len(bands)


def rules_astride(lines: Sequence[TextLine], rulings: Sequence[Box]) -> int:
    """How many rulings (at distinct heights) run under words of their own and through the middle
    of a word beside them: a rule under one column's heading, level with a line of the column
    beside it. A table's row border runs across its row (or under a header's span, once); where
    the rules of one column stand at other heights than the lines of the next, the columns are
    flows of their own (blocks in columns, each heading ruled off), not a table's rows. A rule
    through the box of a word over it (an underline, a strike-through) is the word's own; a border
    stands at the foot of the box or below it."""
    words = [w for line in lines for w in line.words]
    heights = set()
    for rule in rulings:
        y = (rule.top + rule.bottom) / 2
        over = [w for w in words if w.x0 < rule.x1 and w.x1 > rule.x0]
        if not over or any(w.top < y < w.bottom - (w.bottom - w.top) / 20 for w in over) \
                or not any(w.top < y for w in over):
            continue
        h = [w for w in words if (w.x1 <= rule.x0 or w.x0 >= rule.x1)
             and w.top + (w.bottom - w.top) / 4 < y < w.bottom - (w.bottom - w.top) / 4]
        if h:
            heights.add(round(y))
    return len(heights)


def _line_gaps(lines: Sequence[TextLine]) -> list[float]:
    """The empty bands between a run of lines, top to bottom (each from the lowest bottom above)."""
    gaps, bottom = [], None
    for line in lines:
        if bottom is not None:
            gaps.append(line.top - bottom)
        bottom = line.bottom if bottom is None else max(bottom, line.bottom)
    return gaps
