"""Labels apart from their values: a definition list's term over its definition, a form's
label column beside its values, a table row of a label cell and a value cell. Each pair is
read as one labeled line ("Telephone" then "(334) 517-2660" is "Telephone: (334) 517-2660";
"Location" then "Montgomery, Alabama" is "Location: Montgomery, Alabama"), at the value's
place, before the block builder reads the lines.

A label is a value field's label or one of its spellings (`fields.label_of`); a pair is
joined only when the value has the shape of its label's kind (`lines.fits`: a phone number's
digits, an email address, a web address), so that a name or a sentence beginning with "Main"
or "Web" is never read as a value. A label and its value on one line without a colon are
`lines.classify_line`'s; a place label on its place's line ("Location Montgomery, Alabama")
the block builder's (`lines.PLACE_LABELS`).
"""
from __future__ import annotations

from dataclasses import replace

from pipeline.extract.lines import PLACE_LABELS, fits, label_alone
from pipeline.extract.model import Line, Page, Pages
from pipeline.text import parse_place


def _pair_label(text: str) -> str:
    """What a label written alone labels: a value field's label, "place" for a place label
    ("Location", "City, State"), "" for any other text."""
    key = " ".join(text.strip().rstrip(":").lower().split())
    return "place" if key in PLACE_LABELS else label_alone(text)


def _fits(label: str, value: str) -> bool:
    return parse_place(value.strip()) is not None if label == "place" else fits(label, value)


def _readable(line: Line) -> bool:
    return bool(line.text.strip()) and not (line.hidden or line.furniture or line.markup or line.note or line.heading)


def _row(line: Line) -> Line:
    """A table row of a label cell then value cells, as the labeled line; other rows as they are."""
    cells = [c.strip() for c in line.cells if c.strip()]
    if len(cells) >= 2 and label_alone(cells[0]) and fits(label_alone(cells[0]), " ".join(cells[1:])):
        return replace(line, text=f"{cells[0].rstrip(':').strip()}: {' '.join(cells[1:])}", cells=(), notes=())
    return line


def join_pairs(pages: Pages) -> Pages:
    """The pages with each label and its value read as one labeled line (see the module)."""
    new_pages = []
    for page in pages.pages:
        lines = [_row(line) if line.cells else line for line in page.lines]
        out: list[Line] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            label = _pair_label(line.text) if not line.cells and _readable(line) else ""
            after = next((j for j in range(i + 1, len(lines)) if lines[j].text.strip()), None) if label else None
            if after is not None:
                value = lines[after]
                if not value.cells and _readable(value) and not _pair_label(value.text) and _fits(label, value.text):
                    out.append(replace(value, text=f"{line.text.strip().rstrip(':').strip()}: {value.text.strip()}"))
                    i = after + 1
                    continue
            out.append(line)
            i += 1
        new_pages.append(Page(tuple(out), page.first, page.last))
    return replace(pages, pages=tuple(new_pages))
