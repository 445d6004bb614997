"""Forms: a column of field labels beside a column of values on the same baselines is read row
by row, each label with the value on its row, however wide the gap between them; a place
label's value ("Location" | "Montgomery, Alabama") is the block's place line.

`form_listing.pdf` (tests/fixtures/pdf/, made by ReportLab from the capture's text) is judged
against the capture's records field for field, as `make accuracy` judges a generated layout.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pipeline.extract.lines import SourceLine, build_contact_blocks
from pipeline.extract.pdf.layout import find_gutters, tab_stop
from pipeline.extract.pdf.pages import PdfPage, Word, group_lines
from pipeline.records import SourceRef

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "layouts"))
import score  # noqa: E402

FORM = ROOT / "tests" / "fixtures" / "pdf" / "form_listing.pdf"


def _row(left: str, right: str, top: float, value_x: float = 150.0) -> list[Word]:
    """One line: `left` from x 50, `right` from `value_x`, 5 pt per character."""
    words, x = [], 50.0
    for text in left.split():
        words.append(Word(text, x, x + 5 * len(text), top, top + 10, "Helvetica", 10.0))
        x += 5 * len(text) + 3
    x = value_x
    for text in right.split():
        words.append(Word(text, x, x + 5 * len(text), top, top + 10, "Helvetica", 10.0))
        x += 5 * len(text) + 3
    return words


def _gap(words: list[Word]) -> tuple[float, float]:
    """The empty band before the value column."""
    return max(w.x1 for w in words if w.x0 < 100), 150.0


@pytest.mark.parametrize("rows, form", [
    pytest.param([("Location", "Montgomery, Alabama"), ("Phone:", "(334) 517-2660"), ("Email:", "a@b.gov")],
                 True, id="place label without colon, value labels with"),
    pytest.param([("City, State", "Austin, Texas"), ("Telephone", "(512) 974-2742"), ("E-mail", "a@b.gov")],
                 True, id="labels without colons and their spellings"),
    pytest.param([("Address:", "Austin, Texas"), ("Toll-Free:", "(800) 367-2312")], True, id="address label"),
    pytest.param([("Location", "Montgomery, Alabama"), ("Alabama Fusion", "Center Phone")], False,
                 id="a line of text before the band: columns"),
    pytest.param([("The Alabama", "fusion center"), ("works with", "its partners")], False,
                 id="newspaper columns"),
])
def test_a_column_of_field_labels_beside_values_is_a_form(rows, form):
    words = [w for k, (left, right) in enumerate(rows) for w in _row(left, right, 10.0 + 12 * k)]
    left, right = _gap(words)
    assert tab_stop(group_lines(words), left, right) is form
    # and so the band is no gutter (a form, read row by row), or is one (columns)
    assert bool(find_gutters(words, PdfPage(1, 612.0, 792.0, tuple(words), (), (), ()), 10.0)) is not form


def _blocks(texts: list[str]):
    lines = [SourceLine(t, SourceRef("form.pdf", k + 1, 1), heading=(k == 0)) for k, t in enumerate(texts)]
    return build_contact_blocks(lines, "")


@pytest.mark.parametrize("place", ["Location Montgomery, Alabama", "Location: Montgomery, Alabama",
                                   "City, State Montgomery, Alabama", "Address: Montgomery, Alabama"])
def test_a_place_label_s_value_is_the_block_s_place_line(place):
    (block,) = _blocks(["Alabama Fusion Center", place, "Phone: (334) 517-2660"])
    assert block.location.text == "Montgomery, Alabama"
    assert block.location.raw == place  # the line as the page prints it


@pytest.mark.parametrize("place", ["City of Industry, California", "Place Vendome, Louisiana"])
def test_a_city_named_like_a_label_keeps_its_name(place):
    (block,) = _blocks(["Alabama Fusion Center", place, "Phone: (334) 517-2660"])
    assert block.location.text == place


def test_a_label_that_is_no_place_stays_a_line_of_the_block():
    (block,) = _blocks(["Alabama Fusion Center", "Montgomery, Alabama", "Location unknown",
                        "Phone: (334) 517-2660"])
    assert block.location.text == "Montgomery, Alabama"
    assert "Location unknown" in [f.text for f in block.fields]


def test_a_listing_printed_as_forms_gives_the_capture_records(layouts_reference):
    """Every center's table read row by row: each value on its own center and field, the place
    from its "Location" row; exactly the capture's records, no finding needed."""
    verdict = score.judge(FORM, "listing", layouts_reference)
    assert (verdict.kind, verdict.detail, verdict.differences[:5]) == ("exact", "", [])
