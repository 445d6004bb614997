"""The PDF reader's thresholds, in one frozen object: what each is for, and which documents set it.

Every length is in em of the body text (its font size) unless it says points; a share is of
the page, the region or the words it names. `SETTINGS` is the one instance the reader uses.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfSettings:
    """The reader's thresholds (see each field's comment)."""

    # Header and footer live in this share of the page height at its top and
    # bottom, or among this many lines at the top and bottom of each page.
    margin_share: float = 0.10
    edge_lines: int = 3
    # The most printed pages one sheet holds side by side, each with its own running header (a
    # text printer's "2-up" and "4-up" prints: a2ps's default is two): a margin line that says one
    # thing up to this many times across the sheet is that thing once (`furniture._once`).
    pages_per_sheet: int = 4
    # A line smaller than the body in a page's margin is running header or footer only when set
    # apart from the text inward of it by an empty band at least this many em of its own size: a
    # header stands a line and more away, the next line of a paragraph a tenth to a third of an em
    # (a row of column headings set a little smaller, at the top of each column of a page, is text).
    apart_em: float = 0.6
    # An empty vertical band at least this wide (in em of the body text) separates
    # columns or table cells; the space between two words is about a quarter em.
    gutter_em: float = 0.8
    # A table without borders keeps its cells apart by their padding alone, which
    # can be narrower than gutter_em next to its widest cell; an empty band at least
    # this wide (well over a space) is a gutter when a column's words line up at its
    # right edge (within edge_tolerance points: the same x, as a printer sets a cell).
    narrow_gutter_em: float = 0.5
    edge_tolerance: float = 0.5
    # A page is a monospaced print when this share of its words are as wide as their
    # letters times one cell, within cell_slack of it.
    monospaced_share: float = 0.95
    cell_slack: float = 0.02
    # A monospaced print that cuts or wraps its lines sets each space a whole cell wide; a gap
    # off the cells by more than this share of one was stretched (a justified line).
    cell_grid_slack: float = 0.1
    # A gutter is wider than this many of the page's own word spaces (a monospaced
    # print's spaces are 0.6 em wide, and its words line up in columns by themselves).
    # A monospaced print's space is exactly one cell, and its words stand on the cells of
    # their column: a gap a quarter of a cell wider is no space (enscript sets its columns
    # about 1.5 cells apart, a hair under: 10.7 points at 12 pt Courier).
    gutter_spaces: float = 1.25
    # A narrow gutter must have two lines at least with words on both sides: one
    # line alone may be justified text; a gap this wide is a gutter even so.
    wide_gutter_em: float = 1.6
    # An empty horizontal band at least this high (in em) separates paragraphs or
    # table rows; lines of one paragraph stand about a tenth of an em apart.
    paragraph_em: float = 0.4
    # A table's row stands at least this many em further below the row above than its cells'
    # lines stand from each other (the cells' padding: LibreOffice Writer sets 8-point cells
    # 0.45 em apart line from line, 0.8 em from row to row).
    row_gap_em: float = 0.15
    # A table's cell (rows parted by empty bands alone) stands its lines apart by less than this
    # share of the band between its row and the next: its padding parts the rows. Blocks in columns
    # whose headings stand a paragraph's space below the line above (groff: 4.4 points in 11-point
    # type, a hair under paragraph_em) part into two bands where two columns' headings meet at one
    # height, each a column of blocks apart by as much as the bands: no table's rows.
    row_gap_share: float = 0.8
    # A footer under the columns stands at least this many em below the end of every other
    # column (a full column's last line stands as low as the next one's, or a line lower:
    # LibreOffice Writer's columns).
    tail_em: float = 1.0
    # A vertical border is at least this high (points): shorter ones are the ends
    # of underlines and other small shapes.
    min_wall: float = 6.0
    # One or two words may run across a gutter (an address too long for its
    # column) when the columns beside it hold this many lines side by side.
    max_bridging_words: int = 2
    min_column_lines: int = 3
    # A column's left edge, where at least min_edge_starts words start, is a gutter even
    # when words of the column before run across it, if they are no more than this share of them.
    min_edge_starts: int = 8
    edge_crossing_share: float = 0.15
    # An edge where at least this share of the lines that start a word there have a bullet or a
    # label before it is a tab stop, not a column: a list's items after typed bullets, a paragraph
    # line above them that happens to set a word at the same x (a Writer list page) among them.
    tab_marks_share: float = 0.75
    # Rulings under words of one column that run through the middle of a word in the column beside,
    # at this many heights at least, show columns that flow on their own (blocks in columns, each
    # heading ruled off below: WeasyPrint's border-bottom), never a table's rows; a table's header
    # may rule off a span over one or two of its columns beside a taller cell.
    astride_rules: int = 3
    # A ruling spanning this share of a region's width is a border between rows.
    ruling_share: float = 0.8
    # A ruling this many em (of the body) inside the top of a line's box still parts it from the line
    # above: the box reaches a fifth of an em above the capitals (DejaVu), and a cell's border drawn at
    # the cell's edge crosses it (LibreOffice Writer's tables of 10-point DejaVu: 0.5 pt inside).
    ruling_inset_em: float = 0.15
    # A word processor draws a link's underline as a ruling at most this share of
    # the line's height under its text, and no more than this many points wider.
    underline_drop: float = 0.35
    underline_reach: float = 1.0
    # A word belongs to a line when its vertical middle lies inside the height of
    # the line's first word, widened by this share of it (sub- and superscripts).
    line_slack: float = 0.25
    # A space is about this share of the font size wide in the usual fonts.
    space_em: float = 0.3
    # No word space is wider than this share of its type's size but a justified line's: a line's
    # narrowest gap up to it is the line's own word space (a bold sans heading over a roman page
    # sets 0.36 em spaces where the page's are 0.28: KOMA-Script's \minisec over C059 tabbing).
    max_space_em: float = 0.5
    # No word space of a page is narrower than this share of the page's own (its lower quartile
    # of gaps; TeX shrinks a justified line's spaces to two thirds of their width at most, and
    # none in a typewriter face): a narrower gap before a column's edge ends a line of the column
    # before set overfull up to it (`layout.column_start`; a pandoc two-column list page in a
    # typewriter face, 2.2 points between "…Intelligence" and "As the Federal…", its spaces 5.2).
    overfull_space_share: float = 0.6
    # Two glyphs stand in two words when the gap between them is at least this share
    # of their font size (pdfplumber's x_tolerance_ratio), whether or not the PDF
    # writes a space glyph there (print drivers, groff and TeX place glyphs without
    # one): spaces are 0.2 em (condensed faces) to 0.33 em (TeX) wide and shrink to
    # about 0.22 em in justified TeX lines, while kerning moves glyphs by hundredths
    # of an em. A fixed gap in points glues the words of small type (7 pt Times
    # sets a 1.75 pt space) and parts those of large.
    word_gap_em: float = 0.15
    # Two pieces touch (one word in two fonts, a browser's fallback hyphen) when the gap
    # between them is under this share of an em: kerning's hundredths, and the
    # floating-point noise of glyph advances. A word a column's edge starts after a wider
    # gap is the next column's (an address that ends a point short of it).
    touch_em: float = 0.02
    # Two lines' words under links to one target are one address broken over the lines when the
    # target spells them joined, and they give at least this many characters together: a piece
    # of a path ("information-analysis-" / "center", a WeasyPrint table cell after a page break)
    # holds no "." "/" or "@" of its own, but a few letters could stand in any target by chance.
    min_link_piece: int = 6
    # A page whose every line stands in the columns of the table the next page goes on with, and
    # that has no text above them, is that table's rows when it shows at least this many rows
    # (a Writer table without borders filling a page: 19 rows); a page of a listing in two columns
    # splits into one or two runs where the columns' blank lines happen to meet (pandoc's short
    # last page), each run a long column of blocks, no table row.
    min_page_table_rows: int = 3
    # ... and when its rows hold no more lines than this, by the median row: a table's cells hold a
    # few lines each (the Writer table's rows 2 to 4), where the runs of a page in columns, parted
    # where both columns' blank lines happen to meet, hold whole blocks (a WeasyPrint listing's
    # page: 9, 5, 10, 5 and 35 lines), and read row by row they hand one column's block tail
    # atop the page to the other column's block beside it.
    max_page_table_row_lines: int = 6
    # A printer's hyphen inside an address cuts a word the document spells ("…@hous-" /
    # "tonpolice.org": "Houston", groff): the word reaches at least this many letters past the
    # break on each side it crosses, so that a word of two letters standing across it proves nothing.
    min_cut_word_piece: int = 2
    # A justified line stretches its word spaces alike: gaps within this many em
    # of each other on one line are its word spaces, however wide.
    justified_em: float = 0.15
    # The lines of one heading stand at most this many em of its own size apart, at the page's
    # own leading within leading_slack of it (a heading face stands a little further apart than
    # the body's: LibreOffice sets Liberation Serif Bold headings over Liberation Mono text 1.1
    # times the body's leading apart).
    heading_gap_em: float = 0.6
    leading_slack: float = 0.2
    # Two sizes within this share of each other are one size.
    size_slack: float = 0.03
    # A heading set larger than the body is at least this many times its size.
    larger: float = 1.1
    # A bullet drawn as a shape is no larger than this many em, no smaller than
    # min_mark_em (a browser draws its disc about a fifth of an em wide: 1.5 points
    # in 7-point type, Chromium), and stands at most this many em left of its item.
    mark_em: float = 0.7
    min_mark_em: float = 0.1
    mark_reach_em: float = 3.0
    # Shapes outside these sizes (points) are no bullet: specks, rulings, borders,
    # images (between them, the type's own size decides: min_mark_em, mark_em).
    min_mark: float = 0.5
    max_mark: float = 12.0
    # A list item's wrapped lines start at its text's left edge (the hanging
    # indent), within this many em; the bullet stands further left.
    hanging_em: float = 0.5
    # A printed spreadsheet (`sheet`): two words stand in two cells when the gap between them is
    # at least this many em of their type and this many of the document's word spaces (a word
    # space is a quarter em, a monospaced face's 0.6 em; a cell's padding at least half an em);
    # two left edges within this many points are one column's (Calc sets a column's text at one x);
    # the header row stands among a page's first this many lines of text.
    cell_gap_em: float = 0.5
    cell_gap_spaces: float = 1.5
    sheet_edge_slack: float = 1.5
    header_within: int = 6
    # The upper row of a printed header of two rows (an HTML table's colspan/rowspan header) stands
    # no further than this many em above the lower one (its lines, a cell centred on both rows, too).
    header_span_em: float = 1.5
    # A table that draws rulings between its rows but no cell sides (rows filled in turn, "zebra",
    # or ruled under each row: ReportLab platypus tables, a web page's striped table) holds a row
    # of several lines between two rulings only where its rows stand apart by their padding: the
    # lines between two rulings at least this many em closer together than the lines across them.
    # Rules under groups of one-line rows (a rule under each state's rows) part lines set at one pitch.
    row_padding_em: float = 0.2
    # Such a table's header row is the lines above the ruling under it, this many at most
    # ("Alternate" / "Phone" in a narrow column); a ruling further down is no header's.
    header_lines: int = 3
    # Every this many characters of a page are enough to tell which way its text runs.
    turn_sample: int = 8
    # Images over this share of a page without text make it a scan.
    scan_share: float = 0.25
    # A page where this share of the characters has no Unicode mapping is unreadable.
    unmapped_share: float = 0.5
    # A PDF ends with "%%EOF" within its last kilobyte.
    eof_window: int = 1024
    # What a page does not show (`visible`). Text set smaller than this (points, after
    # every scaling) is not shown: 4 pt is about the smallest print anyone reads, and
    # no producer sets text under 1 pt but to hide it (a planted "0.01 pt" line).
    min_text_size: float = 1.0
    # A fill within this much of white, or of a filled shape beneath it, on every
    # channel (0 to 1) may be the paper's or the shape's own colour: the page is
    # rendered to tell (anti-aliased grey text on white differs by far more).
    same_colour: float = 0.05
    # The rendering that judges colour and cover (pixels per inch): a 10 pt glyph is
    # some 20 pixels high, enough to see its strokes.
    render_resolution: int = 144
    # A glyph shows ink where its pixels differ by at least this much in grey (0 to
    # 255); rendering is not anti-aliased, so a glyph in a contrasting colour differs by far more.
    min_ink: int = 24
    # A glyph whose box runs past the crop box or its clip by more than this (points) is cut
    # there: a word too long for its line that a printer clips (Chromium, at its page margins) or
    # sets on past the paper (groff, pandoc). A line set to fill its column ends on the edge, within
    # rounding (hundredths of a point).
    edge_slack: float = 0.2
    # A glyph that ends within this many em of its clip's right edge ends on it ("flush"): a printer
    # that clips leaves out the next glyph when its ink lies wholly outside, so what it shows of a
    # word ends up to that glyph's left side bearing short of the edge (under 0.12 em in common
    # faces: 'l' in DejaVu Sans, 0.09 em; Chromium prints showed '...siac.htm' 0.04 em short).
    flush_em: float = 0.15
    # Two glyphs of one line, of one size (within overprint_sizes), are printed over each other
    # when they overlap by more than this many em: kerning moves a glyph back by a fifth of an em
    # at most ("F," in Helvetica: 0.15 em); a typesetter's word too long for its column runs on
    # over the next column's text, and among its glyphs some overlap by half an em and more. An
    # accent set over its letter, a glyph drawn twice (a faked bold) and a smaller glyph tucked
    # under a larger one (TeX's logo) are not counted.
    overprint_em: float = 0.3
    overprint_sizes: float = 1.2


SETTINGS = PdfSettings()
