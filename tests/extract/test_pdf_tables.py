"""Tables of drawn cells in a PDF: a cell ends at its borders, and a broken label is one label.

The generated WeasyPrint tables in tests/fixtures/generated/ check the same on whole documents
(a justified table; a table whose rows page breaks cut); these check the rules themselves.
"""
from __future__ import annotations

import pytest

from pipeline.extract.pdf.layout import walled
from pipeline.extract.pdf.order import broken_label
from pipeline.extract.pdf.pages import Box, Word


def _word(text: str, x0: float, top: float) -> Word:
    return Word(text, x0, x0 + 5 * len(text), top, top + 10, "Helvetica", 10.0)


def _wall(x: float, top: float = 0.0, bottom: float = 100.0) -> Box:
    return Box(x, x, top, bottom)


# A cell of a justified table: "Phone:" at the left, "(334)" pushed to the right edge, the rest below.
CELL = [_word("Phone:", 105, 10), _word("(334)", 160, 10), _word("517-2660", 105, 22)]


@pytest.mark.parametrize("walls, kept", [
    pytest.param([_wall(100), _wall(200), _wall(300)], [], id="inside a cell of a drawn table: no gutter"),
    pytest.param([_wall(100, 0, 12), _wall(100, 12, 24), _wall(200, 0, 24), _wall(300, 0, 24)], [],
                 id="borders drawn row by row are one border"),
    pytest.param([_wall(100), _wall(200)], [150.0], id="a frame round the text is no table: the gutter stays"),
    pytest.param([], [150.0], id="no borders: the gutter stays"),
])
def test_a_gutter_inside_a_drawn_cell_is_none(walls, kept):
    assert walled(CELL, [150.0], walls) == kept


def test_a_border_in_a_gutter_keeps_it_and_drops_the_others():
    words = [_word("Alabama", 10, 10), _word("Phone:", 105, 10), _word("(334)", 160, 10)]
    assert walled(words, [60.0, 150.0], [_wall(100), _wall(5), _wall(200)]) == [60.0]


@pytest.mark.parametrize("head, rest, broken", [
    ("Alternate", "Phone: (302) 739-5996", True),
    ("Center", "Phone: (334) 517-2660", False),
    ("Alternate Phone:", "(302) 739-5996", False),
    ("Dover, Delaware", "Fax: (302) 739-1609", False),
    ("Toll-", "Free: (888) 884-8383", True),
    ("Toll", "Free: (800) 367-2312", True),
    ("(916)", "808-8383", False),
])
def test_a_label_broken_over_two_lines_is_one_label(head, rest, broken):
    assert broken_label(head, rest) is broken
