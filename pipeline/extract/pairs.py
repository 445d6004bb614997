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

Two ways of setting labeled values on a line are read here too: a leader of dots between a label and
its value, as a directory or a tab stop's dot leader prints it ("Phone ........ (334) 517-2660" is
"Phone: (334) 517-2660"), and several labeled values on one line between bars or bullets ("Phone:
334-517-2660 | Fax: 334-517-2746" is two lines, each at the line's place), where every part is a
label and a value of its kind: a number never runs on into the next label's value.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.extract.lines import LEADER, MAX_LABEL_WORDS, PLACE_LABELS, fits, label_alone, reads_as_name
from pipeline.extract.model import Line, Page, Pages
from pipeline.extract.tables import NAME, header_field
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


# What sets labeled values apart on one line: a bar, a bullet or a middle dot with space around it
# (looked at around the mark alone, so that a line of spaces is split in linear time).
_INLINE_SEPARATOR = re.compile(r"(?<=\s)[|\u2022\u00b7](?=\s)")


def _labeled(text: str) -> str:
    """`text` as "Label: value" where it is a label, a leader and a value of the label's kind; else ""."""
    m = LEADER.match(text)
    if m is None:
        return ""
    label = _pair_label(m.group("label"))
    return f"{m.group('label').strip()}: {m.group('value').strip()}" if label and _fits(label, m.group("value")) else ""


def _part_labeled(text: str) -> bool:
    """Whether one part of a line is a label (with its colon) and a value of the label's kind."""
    head, colon, rest = text.partition(":")
    label = _pair_label(head) if colon else ""
    return bool(label) and _fits(label, rest)


def _unpacked(line: Line) -> list[Line]:
    """A line of several labeled values between separators as one line each; a label, a leader and
    its value as the labeled line; any other line as it is."""
    if line.cells or not _readable(line):
        return [line]
    parts = [part.strip() for part in _INLINE_SEPARATOR.split(line.text.strip())]
    if len(parts) > 1:
        parts = [_labeled(part) or part for part in parts]
        if all(_part_labeled(part) for part in parts):
            return [replace(line, text=part) for part in parts]
        return [line]
    labeled = _labeled(line.text)
    return [replace(line, text=labeled)] if labeled else [line]


def _open_end(line: Line) -> bool:
    """Whether a line of labeled values between separators ends with a label alone, its value
    wrapped onto the next line ("Fax: 302-739-1609 | Alternate Phone:" over "302-739-5996 | …")."""
    if line.cells or not _readable(line):
        return False
    parts = [part.strip() for part in _INLINE_SEPARATOR.split(line.text.strip())]
    return len(parts) > 1 and parts[-1].endswith(":") and bool(_pair_label(parts[-1]))


def _row(line: Line) -> Line:
    """A table row of a label cell then value cells, as the labeled line; a row of a name's label
    and a name (a sheet of records set down the page, "Fusion Center" | "Alabama Fusion Center"
    over "Phone" | "(334) 517-2660"), as the name's heading; other rows as they are."""
    cells = [c.strip() for c in line.cells if c.strip()]
    if len(cells) >= 2 and label_alone(cells[0]) and fits(label_alone(cells[0]), " ".join(cells[1:])):
        return replace(line, text=f"{cells[0].rstrip(':').strip()}: {' '.join(cells[1:])}", cells=(), notes=())
    if (len(cells) == 2 and header_field(cells[0]) == NAME and not header_field(cells[1])
            and reads_as_name(cells[1]) and not line.header):
        return replace(line, text=cells[1], heading=True, cells=(), notes=())
    return line


def _label_head(text: str) -> tuple[str, str, str] | None:
    """(label as written, its field's label, value) of a line that begins with a value label, with or
    without its colon, whose rest has the label's kind's shape; None for any other line."""
    head, colon, rest = text.partition(":")
    if colon and 0 < len(head.split()) <= MAX_LABEL_WORDS and label_alone(head) and fits(label_alone(head), rest):
        return head.strip(), label_alone(head), rest.strip()
    words = text.split()
    for n in range(1, min(MAX_LABEL_WORDS, len(words) - 1) + 1):
        head = " ".join(words[:n])
        if label_alone(head) and fits(label_alone(head), " ".join(words[n:])):
            return head, label_alone(head), " ".join(words[n:])
    return None


def _wrapped_label(before: Line, line: Line, after: Line | None) -> Line | None:
    """`before` with its label made whole when `line` is only the rest of that label, wrapped in a
    narrow label column ("Alternate (302) 739-5996" then "Phone", the label cell "Alternate Phone"
    set on two lines beside its value): the label with it names the same field as without. None
    where `line` is anything else, or the label of a value on the line after it."""
    tail = line.text.strip().rstrip(":").strip()
    if not tail or line.cells or line.hidden or line.furniture or line.markup or line.note or before.heading \
            or len(tail.split()) >= MAX_LABEL_WORDS:
        return None
    read = _label_head(before.text) if not before.cells and _readable(before) else None
    if read is None or len(read[0].split()) + len(tail.split()) > MAX_LABEL_WORDS \
            or label_alone(f"{read[0]} {tail}") != read[1]:
        return None
    if after is not None and label_alone(tail) and not after.cells and fits(label_alone(tail), after.text):
        return None
    return replace(before, text=f"{read[0]} {tail}: {read[2]}")


def _alone_label(line: Line) -> str:
    """What a line labels when it is a label alone (`_pair_label`), shown, in a heading's type or not."""
    shown = _readable(replace(line, heading=False)) if line.heading else _readable(line)
    return _pair_label(line.text) if not line.cells and shown else ""


def _label_column(lines: Sequence[Line], i: int) -> list[Line]:
    """Where lines i, i+1, ... are labels alone (two or more) and as many lines after them are
    their values in order, each of its label's kind (a card's labels in one cell or column and its
    values in the next, read one column after the other: "Location:" / "Phone:" / "Montgomery,
    Alabama" / "(334) 517-2660"), the labeled lines at the values' places; else []."""
    labels = []
    while i + len(labels) < len(lines) and _alone_label(lines[i + len(labels)]):
        labels.append(lines[i + len(labels)])
    values = lines[i + len(labels):i + 2 * len(labels)]
    if len(labels) < 2 or len(values) < len(labels):
        return []
    if not all(not v.cells and _readable(v) and not _pair_label(v.text) and _fits(_alone_label(k), v.text)
               for k, v in zip(labels, values)):
        return []
    return [replace(v, text=f"{k.text.strip().rstrip(':').strip()}: {v.text.strip()}") for k, v in zip(labels, values)]


def join_pairs(pages: Pages) -> Pages:
    """The pages with each label and its value read as one labeled line (see the module)."""
    new_pages = []
    for page in pages.pages:
        rejoined: list[Line] = []
        for line in page.lines:
            if rejoined and _open_end(rejoined[-1]) and not line.cells and _readable(line):
                rejoined[-1] = replace(rejoined[-1], text=f"{rejoined[-1].text.strip()} {line.text.strip()}")
                continue
            rejoined.append(line)
        lines = [part for line in rejoined for part in ([_row(line)] if line.cells else _unpacked(line))]
        out: list[Line] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            whole = _wrapped_label(out[-1], line, lines[i + 1] if i + 1 < len(lines) else None) if out else None
            if whole is not None:
                out[-1] = whole
                i += 1
                continue
            # A label set in bold (a heading's type) is a label all the same: "Web" in bold over an
            # address too long to stand beside it on its card's line.
            label = _alone_label(line)
            column = _label_column(lines, i)
            if column:
                out.extend(column)
                i += 2 * len(column)
                continue
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
