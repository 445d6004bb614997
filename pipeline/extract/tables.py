"""Tables as records: a table whose header names a center's fields gives one
record per body row, read as the lines of a contact block.

A reader gives a table as lines with `cells` (a row each), header rows marked
where the form marks them (`<th>`, `<thead>`), spanned cells repeated in every
row and column they span. Here the header's cells are matched to fields (a
header of two rows is read column by column, the lower cell first: "Main" under
"Telephone" is the phone), and each body row becomes the lines the block builder
reads: its name as a marked heading, its place, and "Label: value" for each
value cell. A table whose header names no center and no value is left as it is.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.errors import PipelineError
from pipeline.extract.model import Line, Page, Pages
from pipeline.fields import label_of
from pipeline.reference import state_code

# Header words for a record's name and place; the value labels are the value fields' (label_of).
NAME_HEADERS = frozenset({"name", "center", "centre", "center name", "fusion center", "fusion centre",
                          "organization", "organisation", "agency"})
CITY_HEADERS = frozenset({"city", "town"})
STATE_HEADERS = frozenset({"state", "st", "state/territory", "territory", "state or territory"})
PLACE_HEADERS = frozenset({"location", "place", "city, state", "city/state", "city and state"})
ZIP_HEADERS = frozenset({"zip", "zip code", "zipcode", "zip+4", "postal code", "postcode"})
NAME, CITY, STATE, ZIP, PLACE = "(name)", "(city)", "(state)", "(zip)", "(place)"
# The note on a record's first line: the document is a contact listing, however few its rows.
RECORD = "record"


def header_field(text: str) -> str:
    """What a header cell names: NAME, CITY, STATE, ZIP, PLACE, a value label
    ("Phone", "Email", ...), or "" for none."""
    key = " ".join(text.strip().rstrip(":").lower().split())
    if key in NAME_HEADERS:
        return NAME
    if key in CITY_HEADERS:
        return CITY
    if key in STATE_HEADERS:
        return STATE
    if key in ZIP_HEADERS:
        return ZIP
    if key in PLACE_HEADERS:
        return PLACE
    # "Phone number", "Telephone numbers", "E-mail addresses", "Websites": the field's label,
    # with the word for what it is, or in the plural.
    bare = re.sub(r"\s+(?:numbers?|nos?\.?|addresses|address)$", "", key)
    for word in (key, bare, bare[:-1] if bare.endswith("s") else ""):
        if word and label_of(word):
            return label_of(word)
    return ""


def column_fields(header: Sequence[Sequence[str]]) -> list[str]:
    """Each column's field from a header of one or more rows: the lowest cell
    that names a field, else the cells above it read together ("Telephone Main")."""
    width = max(len(row) for row in header)
    fields = []
    for column in range(width):
        texts = [row[column] if column < len(row) else "" for row in header]
        field = next((header_field(t) for t in reversed(texts) if header_field(t)), "")
        if not field:
            field = header_field(" ".join(t for t in texts if t))
        fields.append(field)
    return fields


def is_record_header(fields: Sequence[str]) -> bool:
    """Whether a header names a center (its name) and at least one of its values or places."""
    return NAME in fields and any(f and f != NAME for f in fields)


def _header_rows(rows: Sequence[Line]) -> int:
    """How many of a table's first rows are its header: those the form marks,
    else the first row, and the second too when every cell it fills names a field."""
    marked = 0
    while marked < len(rows) and rows[marked].header:
        marked += 1
    if marked:
        return marked
    if len(rows) > 1 and any(rows[1].cells) and all(header_field(c) for c in rows[1].cells if c.strip()):
        return 2
    return 1


# A city cell ending in a ZIP code ("Augusta 04330-0164").
_ZIP_AFTER = re.compile(r"(.*\S),?\s+(\d{5}(?:-\d{4})?)")
# A label written inside a cell ("Toll free:", "Alt.:"), at the cell's start or after a space:
# a few words of letters, points, hyphens and spaces, then a colon and a space.
_CELL_LABEL = re.compile(r"(?:^|(?<=\s))([A-Za-z][A-Za-z.\- ]{0,28}?):\s")


def cell_values(field: str, text: str) -> list[tuple[str, str]]:
    """The labeled values of one cell of a column of `field`: the cell's text, or, where
    the cell writes labels of its own ("(334) 517-2660 Toll free: (866) 229-6220", a
    telephone column's cell holding several numbers), each labeled part under its label,
    the part before the first under the column's."""
    cuts = [m for m in _CELL_LABEL.finditer(text) if label_of(m.group(1))]
    if not cuts:
        return [(field, text)]
    values = [(field, text[:cuts[0].start()].strip())] if text[:cuts[0].start()].strip() else []
    for m, after in zip(cuts, [*cuts[1:], None]):
        part = text[m.end():after.start() if after else len(text)].strip()
        if part:
            values.append((label_of(m.group(1)), part))
    return values


def record_lines(row: Line, fields: Sequence[str], header_texts: Sequence[str]) -> list[Line]:
    """A body row as the lines of one contact block, each at the row's place."""
    cells = {field: "" for field in (NAME, CITY, STATE, ZIP, PLACE)}
    values: list[tuple[str, str]] = []
    noted: list[tuple[str, str]] = []  # (note, cell text): set aside, reported on the record
    notes = dict(row.notes)
    for column, text in enumerate(row.cells):
        text = " ".join(text.split())
        if not text:
            continue
        if notes.get(column) in ("formula", "hyphen"):  # no value to read for certain: reported, never read
            noted.append((notes[column], text))
            continue
        if notes.get(column) == "number":
            noted.append(("number", text))
        field = fields[column] if column < len(fields) else ""
        if field in cells and not cells[field]:
            cells[field] = text
        elif field:
            values.extend(cell_values(field, text))
        else:  # a column the header does not name: kept under its own header, reported as an unknown label,
            # but for the values its cell labels itself ("Phone: … Fax: …", a contact column's lines)
            label = " ".join(header_texts[column].split()) if column < len(header_texts) else ""
            values.extend(cell_values(label or f"Column {column + 1}", text))
    if not (cells[NAME] or values or cells[PLACE] or cells[CITY] or noted):
        return []
    # The place line as a listing prints it: "City, State ZIP" (a ZIP column read as its own cell,
    # a ZIP written after the city in its cell moved after the state: "Augusta 04330-0164" | "Maine").
    city, zip_code = cells[CITY], cells[ZIP]
    after_city = _ZIP_AFTER.fullmatch(city) if cells[STATE] and not zip_code else None
    if after_city:
        city, zip_code = after_city.group(1), after_city.group(2)
    place = cells[PLACE] or ", ".join(t for t in (city, cells[STATE]) if t)
    place = " ".join(t for t in (place, zip_code) if t)
    plain = {"cells": (), "notes": (), "level": 0}
    lines = [replace(row, text=cells[NAME], heading=True, note=RECORD, **plain)]
    if place:
        lines.append(replace(row, text=place, heading=False, **plain))
    lines.extend(replace(row, text=f"{label}: {text}", heading=False, **plain) for label, text in values)
    lines.extend(replace(row, text=text, heading=False, note=note, **plain) for note, text in noted)
    return lines


# A sheet's header may stand under a few rows of its own: a title merged across the columns,
# a group label over some of them ("Contact numbers" over Phone, Fax, ...).
MAX_TITLE_ROWS = 3


def _table_lines(rows: Sequence[Line], group: str = "") -> list[Line] | None:
    """A table's rows as lines: records where its header (in its first rows, or under
    up to MAX_TITLE_ROWS rows of title) names a center's fields, else None. `group` is the
    state a heading right above the table names ("Alabama" over a table of Alabama's centers),
    "" for none: it stands for its records' state as a group row's does."""
    for start in range(min(MAX_TITLE_ROWS, len(rows) - 1) + 1):
        count = start + _header_rows(rows[start:])
        header = [row.cells for row in rows[start:count]]
        fields = column_fields(header)
        if is_record_header(fields) and count < len(rows):
            break
    else:
        return None
    header_texts = [" ".join(t for t in col if t) for col in zip(*[h + ("",) * (len(fields) - len(h)) for h in header])]
    lines = [replace(row, furniture=True) for row in rows[:count]]  # the title and header: shown, no record
    # A group row's state stands for the records under it where no column gives one.
    stateless = STATE not in fields and PLACE not in fields
    repeated = [" ".join(c.split()) for c in rows[count - 1].cells]
    for row in rows[count:]:
        if [" ".join(c.split()) for c in row.cells] == repeated:  # the header again (a group's, a page's): no record
            lines.append(replace(row, furniture=True))
            continue
        label = group_label(row.cells)
        if label:  # a group's heading row ("Alabama" merged across the table): shown, no record
            lines.append(replace(row, furniture=True))
            group = state_code(label) and label
            continue
        if stateless and group:
            row = replace(row, cells=(*row.cells, group))
        lines.extend(record_lines(row, [*fields, STATE] if stateless and group else fields, header_texts))
    return lines


def _state_heading(line: Line) -> str:
    """A line's text where it is a state's name alone, shown (a section's heading, "Alabama"), else ""."""
    text = " ".join(line.text.split())
    shown = not (line.hidden or line.furniture or line.markup or line.note)
    return text if shown and len(text) > 2 and state_code(text) else ""


def group_label(cells: Sequence[str]) -> str:
    """The label of a table's group row, "" for any other row: a row of three cells or more whose
    filled cells all hold one text, spanned across two or more of them (a cell merged across the
    table, repeated in each column it spans), or a state's name in its first cell alone (a row
    merged across the table that a word processor gives its first cell: "Alabama" over Alabama's
    centers). A record's name alone in its row is kept a record."""
    texts = [" ".join(c.split()) for c in cells]
    filled = [t for t in texts if t]
    if len(texts) < 3 or not filled or len(set(filled)) != 1:
        return ""
    if len(filled) >= 2 or (texts[0] and state_code(texts[0])):
        return filled[0]
    return ""


def read_tables(pages: Pages) -> Pages:
    """The pages with each table whose header names a center's fields read as
    records; a table whose header does not is left as rows of text. A file of
    nothing but tables, none of them read, is refused in one line: its columns
    are not ones the reader knows, and reading its rows as text would lose them."""
    if not any(line.cells for page in pages.pages for line in page.lines):
        return pages
    new_pages, read, only_tables = [], 0, True
    for page in pages.pages:
        lines: list[Line] = []
        table: list[Line] = []
        above, at = "", -1  # the state the last line of text before a table names alone, and where it is
        for line in page.lines + (None,):
            if line is not None and line.cells:
                table.append(line)
                continue
            if table:
                records = _table_lines(table, above)
                read += records is not None
                if records is not None and above and any(r.note == RECORD for r in records):
                    lines[at] = replace(lines[at], furniture=True)  # the group's heading: shown, no record
                lines.extend(records if records is not None else table)
                table, above = [], ""
            if line is not None:
                lines.append(line)
                if line.text.strip():
                    above, at = _state_heading(line), len(lines) - 1
                only_tables = only_tables and (line.hidden or not line.text.strip())
        new_pages.append(Page(tuple(lines), page.first, page.last))
    if only_tables and not read:
        first = next(line for page in pages.pages for line in page.lines if line.cells)
        raise PipelineError(f"holds tables, but none whose header names a center and its values (its first row: "
                            f"{' | '.join(first.cells)[:200]!r}): expected a column such as \"Fusion Center\" or "
                            "\"Name\" and one such as \"Phone\", \"Email\" or \"Location\".",
                            source=pages.source, page=first.ref.page, line=first.ref.line)
    return replace(pages, pages=tuple(new_pages))
