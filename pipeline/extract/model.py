"""The document model every reader gives: pages of lines carrying structure marks.

A reader turns a file's bytes into `Pages` and nothing more: it says what each
line is where the form itself says so (a heading element or bold type, a list
item and its marker, a table row and its cells, a link's target, a running
header), and where the line stood. What those lines mean (documents, titles,
dates, list entries, contact blocks, table records) is read by one assembler for
every form (`pipeline.extract.assemble`).
"""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.records import SourceRef


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page in reading order, with the marks its form gives it.

    `heading`: True where the form marks a heading (a heading element, a
    `<strong>` holding the whole line, bold or larger type), False where it
    marks body text in a form that marks styles at all (a PDF's plain type),
    None where it says nothing (a text capture, HTML's plain text).
    `level`: a heading element's level (1 for `<h1>`), 0 where the form gives none.
    `item`: the serial number (from 1) of the list item the line belongs to, 0
    outside lists; every line of one item shares it, the first is the item's.
    `marker`: the item's marker as the page shows it ("-", "•", "1."; "" when
    drawn, or in HTML's `<li>`), on the item's first line; `text` is without it.
    `cells`: the texts of a table row's cells, `header` True for a header row;
    `text` then joins the cells by " " (the row as a line).
    `link`: the target of a link holding the whole line, "" otherwise.
    `furniture`: True for a page's running header or footer, its navigation or
    anything else around the document's own text; read for the page's date,
    title and address only.
    `hidden`: True for text the file holds but the page does not show (hidden
    runs of a word processor, HTML styled out of sight): never read as a value,
    kept on the center where it stands and reported there.
    `notes`: what a reader noticed about a row's cells, as (column, note) pairs:
    "number" for a number the sheet stores (read as displayed), "formula" for a
    formula stored without its value.
    `note`: on a line made from one cell, that cell's note; "hyphen" on an email or
    web address a printed page broke after a hyphen that may be the printer's (set
    aside, never read, and reported where it stands); "cut" on a line a printed page
    shows only in part, a word of it running past the page's edge (set aside and reported
    on the field it would fill); "overprint" on the copy of a line that a printed page
    draws with other text over part of it (the line itself is read; the copy is set aside
    and reported on the field the line fills); "edge" on the copy of a line a word of letters of
    which runs past a printed page's edge (the line is read with the rest of the word the file
    holds beyond it; the copy is set aside and reported on its center).
    A blank line (text "") is kept where the form has them: in plain text a
    blank line is one sign that a block begins.
    """

    text: str
    ref: SourceRef
    heading: bool | None = None
    level: int = 0
    item: int = 0
    marker: str = ""
    cells: tuple[str, ...] = ()
    header: bool = False
    link: str = ""
    furniture: bool = False
    hidden: bool = False
    notes: tuple[tuple[int, str], ...] = ()
    note: str = ""  # a cell's note, "hyphen", "cut", "overprint" or "edge" (see above)
    markup: bool = False  # declared in the page's machine-readable data (JSON-LD), not shown


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a document: its lines in reading order and its extent.

    `first` and `last` are the page's extent in the unit the file's references
    use (lines of a text or HTML file; the page number, twice, for a PDF).
    """

    lines: tuple[Line, ...]
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Pages:
    """Everything a reader gives for one file.

    `form` is the file's form ("text", "html", "pdf", ...); `paged` is True
    where a document's extent is counted in pages, not lines.
    `url` and `title` are what the file says of itself outside its lines (an
    HTML page's canonical link and `<h1>`/`<title>`, a PDF's running header or
    metadata); `title` is None where the form gives none. `url` is the address
    of lines that no address line ("<http…>", as a capture ends each page) follows.
    `encoding_note` says how a text's encoding was guessed ("" when not);
    `rejected_url` is an address the file gives for itself that is not a
    well-formed http(s) address (HTML), kept to be reported.
    """

    source: str
    form: str
    pages: tuple[Page, ...]
    paged: bool = False
    url: str = ""
    title: str | None = None
    encoding_note: str = ""
    rejected_url: str = ""
