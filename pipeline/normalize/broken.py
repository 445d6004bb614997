"""A value whose line continues a word that the line above it breaks at a hyphen.

A printer that hyphenates may break an address: "dal\u2010" at a line's end,
"las.fusion@dpd.ci.dallas.tx.us" on the next. A reader that does not join the
two leaves the head as a line of the block it cannot read and takes the tail
for the value: an address the page does not show. So an email or web address
whose line holds nothing before it (no label), right below a line of the
same block that is one word ending in a hyphen (any of its forms) and read as
nothing, is withheld (an override of origin ADDRESS_BROKEN_AT_HYPHEN: the
hyphen may be the printer's or the address's own, so neither joined reading
is certain), and check names it on its field, quoting both lines.
"""
from __future__ import annotations

from dataclasses import replace

from pipeline.fields import FIELD_OF_LABEL, KIND_OF_FIELD, Kind
from pipeline.records import BrokenWord, Center, FieldLine, Override
from pipeline.reference import UNRECOGNIZED_LABEL
from pipeline.text import LINE_END_HYPHENS

ORIGIN = "ADDRESS_BROKEN_AT_HYPHEN"


def _head(line: FieldLine) -> bool:
    """Whether a line of a block is the head of a word broken at a hyphen: one word, read as nothing."""
    text = line.text.strip()
    return (line.label == UNRECOGNIZED_LABEL and text.endswith(LINE_END_HYPHENS) and " " not in text
            and bool(text.rstrip("".join(LINE_END_HYPHENS))))


def _below(head: FieldLine, line: FieldLine) -> bool:
    """Whether `line` is the line right below `head` in its source (on the same page), or on the same
    line: a printed line a reader read as two (a PDF's pieces of one line keep its place)."""
    return ((head.ref.source, head.ref.page) == (line.ref.source, line.ref.page)
            and line.ref.line - head.ref.line in (0, 1))


def broken_words(c: Center) -> tuple[BrokenWord, ...]:
    """Each published email or web address of the center whose line continues a word broken above it."""
    if c.block is None:
        return ()
    found = []
    lines = c.block.fields
    for head, line in zip(lines, lines[1:]):
        field = FIELD_OF_LABEL.get(line.label)
        if field is None or KIND_OF_FIELD[field] not in (Kind.EMAIL, Kind.URL) or not _head(head):
            continue
        v = c.value(field)
        unlabeled = (line.raw or line.text).strip().startswith(line.text.strip())
        if unlabeled and _below(head, line) and v is not None and (v.ref, v.text) == (line.ref, line.text):
            found.append(BrokenWord(field, v, head.text, head.ref))
    return tuple(found)


def withhold_broken(c: Center) -> Center:
    """The center with each value that continues a broken word withheld, and the fact kept."""
    found = broken_words(c)
    if not found:
        return c
    withheld = tuple(Override(b.field, None, ORIGIN, withheld=True) for b in found)
    return replace(c, broken_words=found, overrides=(*c.overrides, *withheld))
