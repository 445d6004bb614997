"""Readers for tables of cells: CSV, XLSX and ODS.

Each turns a file into pages of lines, one line per row with its cells
(`model.Line.cells`), and leaves reading the header and the records to the
assembler (`pipeline.extract.tables`). A cell is read as the text it displays,
never through a library's guess at its type: a CSV cell is text as written; a
spreadsheet's number is written as its number format shows it, and a formula
is read from the value its writer stored (a formula with none is read as its
formula text, so it is reported as a value no one can use, never as empty).
A sheet is a page: a line's reference gives the row as its line and, in a
workbook of several sheets, the sheet's position as its page.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from xml.etree import ElementTree

from pipeline.errors import PipelineError
from pipeline.extract import CSV_SAMPLE_ROWS, csv_delimiter
from pipeline.extract.decoding import decode_source
from pipeline.extract.model import Line, Page, Pages
from pipeline.records import SourceRef

# A workbook larger than this many cells is refused: a listing of every fusion
# center has some 78 rows of 10 columns; a sheet of a million cells is no listing.
MAX_CELLS = 200_000


def _row_line(cells: list[str], source: str, row: int, page: int | None) -> Line:
    cells = [" ".join(c.split()) for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return Line(" ".join(c for c in cells if c), SourceRef(source, row, page), cells=tuple(cells))


def read_csv(data: bytes, source: str, *, charset: str = "", fallback_url: str = "") -> Pages:
    """A CSV file (RFC 4180: quoted fields may hold commas and line ends; cells separated by
    commas, or semicolons, tabs or bars where its first rows are written so) as one
    page of rows; a row's line is the file line it starts on."""
    text = decode_source(data, source, "a CSV file", charset).text.lstrip("\ufeff")
    lines: list[Line] = []
    head = "\n".join(text.splitlines()[:CSV_SAMPLE_ROWS + 1])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(head) or ",")
    start = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                lines.append(_row_line(cells, source, start, None))
            start = reader.line_num + 1
            if len(lines) * max(len(cells), 1) > MAX_CELLS:
                raise PipelineError(f"is a CSV file of more than {MAX_CELLS:,} cells: no listing comes near it.",
                                    source=source, line=start)
    except csv.Error as error:
        raise PipelineError(f"is not a CSV file this reader can read: {error}.", source=source,
                            line=reader.line_num) from None
    return Pages(source, "csv", (Page(tuple(lines), 1, max(start - 1, 1)),), url=fallback_url)


# --- XLSX --------------------------------------------------------------------------

_DIGIT_MASK = re.compile(r"^[#0(). \-/+]*[#0][#0(). \-/+]*$")
_QUOTED = re.compile(r'"([^"]*)"|\\(.)')


def _mask(number_format: str) -> str:
    """A number format's first section with its quoted and escaped literals as plain characters."""
    section = number_format.split(";")[0]
    section = re.sub(r"\[[^\]]*\]", "", section)  # [<=9999999], [Red]
    return _QUOTED.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), section)


def displayed_number(value: int | float, number_format: str) -> str:
    """A number as its cell's format shows it: "General" and "0" as its digits
    (an integral float without ".0"); a digit mask ("(###) ###-####",
    "000-000-0000", LibreOffice's `\\(#") "###\\-####`) with the digits put in
    place, right to left, the first placeholder taking any digits left over (as
    spreadsheets show a number longer than its mask) and a "0" placeholder
    showing a zero where no digit is left; other formats as its digits."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    digits = str(value)
    mask = _mask(number_format or "General")
    if not (isinstance(value, int) and value >= 0 and _DIGIT_MASK.match(mask)):
        return digits
    slots = [i for i, ch in enumerate(mask) if ch in "#0"]
    out = list(mask)
    left = digits
    for position in reversed(slots):
        if position == slots[0]:
            out[position] = left or ("0" if mask[position] == "0" else "")
        elif left:
            out[position], left = left[-1], left[:-1]
        else:
            out[position] = "0" if mask[position] == "0" else ""
    return "".join(out).strip()


def _cell_text(value, number_format: str) -> tuple[str, bool]:
    """A cell's displayed text, and whether it is a number (a phone stored as one is reported)."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), False
    if isinstance(value, (int, float)):
        return displayed_number(value, number_format), True
    if isinstance(value, dt.datetime):
        return (value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")), False
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat(), False
    return str(value), False


def _hidden_xlsx_columns(ws) -> frozenset[int]:
    """The sheet's hidden columns (1-based): a `<col>` element hides a range of them (`min` to
    `max`: openpyxl keys it by its first letter only), by `hidden` or a width of 0."""
    hidden: set[int] = set()
    for key, dim in ws.column_dimensions.items():
        if dim.hidden or (dim.width is not None and dim.width <= 0):
            first = dim.min or _column_index(key)
            hidden.update(range(first, max(dim.max or first, first) + 1))
    return frozenset(hidden)


def _column_index(letters: str) -> int:
    """A column's 1-based index from its letters ("A" is 1, "AA" is 27)."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index


def _hidden_xlsx_row(dim) -> bool:
    """Whether a row is hidden: by `hidden`, or a custom height of 0."""
    return bool(dim.hidden or (dim.customHeight and dim.ht is not None and not dim.ht))


def read_xlsx(data: bytes, source: str, *, charset: str = "", fallback_url: str = "") -> Pages:
    """An XLSX workbook, every visible sheet a page of rows. A number is written as
    its format shows it, and noted (`Line.notes`); a formula is read from the
    value the writer stored with it, and one with none is noted with its formula
    text. Hidden rows and columns are not read."""
    # On first use: this module reads CSV and OpenDocument sheets too, which never need openpyxl,
    # 0.2 s to import (python -X importtime -c "import pipeline.build; import openpyxl": 184 to 211 ms).
    import openpyxl

    check_unpacked_size(data, source, "an XLSX workbook")
    try:
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False, read_only=False)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise PipelineError(f"is not an XLSX workbook this reader can open ({type(error).__name__}).",
                            source=source) from None
    sheets = [ws for ws in values.worksheets if ws.sheet_state == "visible"]
    pages = []
    for number, ws in enumerate(sheets, start=1):
        if ws.max_row * ws.max_column > MAX_CELLS:
            raise PipelineError(f"has a sheet of {ws.max_row * ws.max_column:,} cells, over the {MAX_CELLS:,} "
                                "this reader takes.", source=source, page=number)
        spans = {}
        for merged in ws.merged_cells.ranges:  # a merged cell's text stands in every cell it spans
            top = ws.cell(merged.min_row, merged.min_col)
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    spans[(r, c)] = top
        page = number if len(sheets) > 1 else None
        hidden_columns = _hidden_xlsx_columns(ws)
        lines = []
        for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
            if row and _hidden_xlsx_row(ws.row_dimensions[row[0].row]):
                continue
            cells, notes = [], []
            for cell in row:
                shown = spans.get((cell.row, cell.column), cell)
                if cell.column in hidden_columns:
                    cells.append("")
                    continue
                text, is_number = _cell_text(shown.value, shown.number_format)
                if shown.value is None:
                    formula = formulas[ws.title].cell(shown.row, shown.column).value
                    if isinstance(formula, str) and formula.startswith("="):
                        text = formula  # no stored value: its formula, reported, never read as empty
                        notes.append((len(cells), "formula"))
                elif is_number:
                    notes.append((len(cells), "number"))
                cells.append(text)
            line = _row_line(cells, source, row[0].row if row else 1, page)
            if line.cells:
                lines.append(Line(line.text, line.ref, cells=line.cells, notes=tuple(notes)))
        pages.append(Page(tuple(lines), 1, max(ws.max_row, 1)))
    return Pages(source, "xlsx", tuple(pages), url=fallback_url)


# --- ODS ---------------------------------------------------------------------------

_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


def _paragraph_text(element) -> str:
    """The text of an ODF paragraph, its spaces (<text:s/>), tabs and line breaks counted."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == _q("text", "s"):
            parts.append(" " * int(child.get(_q("text", "c"), "1")))
        elif tag in (_q("text", "tab"), _q("text", "line-break")):
            parts.append(" ")
        else:
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _hidden_columns(table) -> frozenset[int]:
    """The indexes of a sheet's columns it does not show (`table:visibility` "collapse" or
    "filter"), counted through repeated column elements, in column groups and header columns too."""
    hidden, index = set(), 0
    for column in table.iter(_q("table", "table-column")):
        times = int(column.get(_q("table", "number-columns-repeated"), "1"))
        if column.get(_q("table", "visibility"), "visible") != "visible":
            hidden.update(range(index, index + min(times, 1024)))
        index += times
    return frozenset(hidden)


def read_ods(data: bytes, source: str, *, charset: str = "", fallback_url: str = "") -> Pages:
    """An ODS workbook (OpenDocument, read from its content.xml), every visible
    sheet a page of rows; a cell is read as the text the writer stored for display
    (its <text:p>), which is the number as formatted. Repeated rows and columns
    are expanded up to the last that holds text. Hidden rows and columns are not
    read; a merged cell's text stands in every cell it spans (as XLSX's are read)."""
    root = _odf_content(data, source, "an ODS workbook")
    styles = _hidden_styles(root)
    pages = []
    tables = root.iter(_q("table", "table"))
    tables = [t for t in tables if t.get(_q("table", "style-name"), "") not in styles]
    for number, table in enumerate(tables, start=1):
        page = number if len(tables) > 1 else None
        lines, row_number, cells_read = [], 0, 0
        hidden_columns = _hidden_columns(table)
        spans: dict[tuple[int, int], tuple[str, str]] = {}  # (row, column) a merged cell covers: its text and note
        for row in table.iter(_q("table", "table-row")):
            repeat = int(row.get(_q("table", "number-rows-repeated"), "1"))
            hidden = row.get(_q("table", "visibility"), "visible") != "visible"
            cells, notes = [], []
            for cell in row:
                if cell.tag not in (_q("table", "table-cell"), _q("table", "covered-table-cell")):
                    continue
                times = int(cell.get(_q("table", "number-columns-repeated"), "1"))
                text = "\n".join(_paragraph_text(p) for p in cell.iter(_q("text", "p")))
                formula = cell.get(_q("table", "formula"), "")
                note = ""
                if formula and not text:
                    text, note = formula, "formula"  # no stored value: reported, never read as empty
                elif cell.get(_q("office", "value-type"), "") in ("float", "currency", "percentage"):
                    note = "number"
                if cell.tag == _q("table", "covered-table-cell"):  # under a merge: the page shows the merge's text
                    text, note = spans.get((row_number + 1, len(cells)), ("", ""))
                down = int(cell.get(_q("table", "number-rows-spanned"), "1"))
                across = int(cell.get(_q("table", "number-columns-spanned"), "1"))
                if text and (down > 1 or across > 1):
                    for r in range(row_number + 1, row_number + 1 + min(down, 1024)):
                        for c in range(len(cells), len(cells) + min(across, 1024)):
                            spans[(r, c)] = (text, note)
                if not text:  # empty cells repeated to the sheet's edge count as some
                    cells.extend([""] * min(times, 1024))
                    cells_read += min(times, 1024)
                    continue
                cells_read += times
                if cells_read > MAX_CELLS:
                    break
                for column in range(len(cells), len(cells) + times):
                    shown = column not in hidden_columns
                    cells.append(text if shown else "")
                    if note and shown:
                        notes.append((column, note))
            if any(cells):  # a row of text repeated is read as often as it is repeated
                cells_read += (repeat - 1) * len(cells)
            if cells_read > MAX_CELLS:
                raise PipelineError(f"has a sheet of more than {MAX_CELLS:,} cells.", source=source, page=number)
            for _ in range(min(repeat, 1 if not any(cells) else repeat)):
                row_number += 1
                if hidden or not any(c.strip() for c in cells):
                    continue
                line = _row_line(list(cells), source, row_number, page)
                lines.append(Line(line.text, line.ref, cells=line.cells, notes=tuple(notes)))
            if not any(cells):
                row_number += repeat - 1
        pages.append(Page(tuple(lines), 1, max(row_number, 1)))
    return Pages(source, "ods", tuple(pages), url=fallback_url)


# The most a ZIP-based document may unpack to: the listings are some 100 KB of
# XML; a file that unpacks to more is a bomb, not a listing.
MAX_UNPACKED_BYTES = 50_000_000


def check_unpacked_size(data: bytes, source: str, what: str) -> None:
    """Refuse a ZIP-based document whose parts unpack to more than MAX_UNPACKED_BYTES."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise PipelineError(f"is not {what} this reader can open (a broken ZIP archive).", source=source) from None
    if total > MAX_UNPACKED_BYTES:
        raise PipelineError(f"is {what} that unpacks to {total:,} bytes, over the {MAX_UNPACKED_BYTES:,} this "
                            "reader takes: no listing comes near it.", source=source)


def _odf_content(data: bytes, source: str, what: str):
    """The parsed content.xml of an OpenDocument file."""
    check_unpacked_size(data, source, what)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = archive.read("content.xml")
        return ElementTree.fromstring(content)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError) as error:
        raise PipelineError(f"is not {what} this reader can open ({type(error).__name__}).", source=source) from None


def _hidden_styles(root) -> frozenset[str]:
    """Names of the automatic styles that hide a table (a hidden sheet) or text."""
    style_ns = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
    names = set()
    for style in root.iter(f"{{{style_ns}}}style"):
        for props in style:
            if props.get(_q("table", "display")) == "false" or props.get(
                    "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}display") == "none" or props.get(
                    f"{{{style_ns}}}text-display") == "none":
                names.add(style.get(f"{{{style_ns}}}name"))
    return frozenset(names)
