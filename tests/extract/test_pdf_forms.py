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


def _wrapped_label_form(rows: list[tuple[str, str]]) -> bytes:
    """One center as a form whose label column (bold, 52 pt wide) wraps "Alternate Phone" over two
    lines: the value beside the label's first line, the next row under the label's second."""
    from tests.extract.drawn import drawn_page

    def draw(c):
        y = 700.0
        c.setFont("Helvetica-Bold", 10)
        c.drawString(50, y, "Delaware Information and Analysis Center")
        for label, value in rows:
            y -= 12
            c.setFont("Helvetica-Bold", 9)
            c.drawString(50, y, label)
            c.setFont("Helvetica", 9)
            if value:
                c.drawString(110, y, value)
    return drawn_page(draw)


def test_a_label_wrapped_in_its_column_is_one_label_and_the_rows_under_it_stay_theirs():
    """Capture lines 257-269 as a form with the label "Alternate Phone" wrapped in its cell: "Phone"
    alone on the line under "Alternate (302) 739-5996" is the rest of that label, not a heading that
    starts a center and takes the toll-free number, email and website with it."""
    from tests.extract.drawn import read_blocks
    rows = [("Location", "Dover, Delaware"), ("Fax", "(302) 739-1609"), ("Alternate", "(302) 739-5996"), ("Phone", ""),
            ("Toll-Free", "(800) 367-2312"), ("Email", "diac@state.de.us"), ("Website", "www.dediac.org")]
    assert read_blocks(_wrapped_label_form(rows)) == [(
        "Delaware Information and Analysis Center", "Dover, Delaware",
        [("Fax", "(302) 739-1609"), ("Alternate Phone", "(302) 739-5996"), ("Toll-Free", "(800) 367-2312"),
         ("Email", "diac@state.de.us"), ("Website", "www.dediac.org")])]


def test_a_label_alone_over_its_own_value_is_no_wrapped_label():
    """A label on a line of its own over the value it labels ("Phone" then "(302) 739-5996") labels
    that value, even under a line whose label it would complete."""
    from pipeline.extract.model import Line, Page, Pages
    from pipeline.extract.pairs import join_pairs
    ref = SourceRef("f.pdf", 1, 1)
    lines = [Line("Alternate (302) 739-5996", ref, False), Line("Phone", ref, False), Line("(302) 739-1609", ref, False)]
    page = join_pairs(Pages("f.pdf", "pdf", (Page(tuple(lines), 1, 1),), paged=True)).pages[0]
    assert [line.text for line in page.lines] == ["Alternate (302) 739-5996", "Phone: (302) 739-1609"]


def test_a_bold_label_alone_over_its_value_labels_it():
    """A card's labels set in bold before their values; "Web" alone on its line (a heading's type),
    the address too long to stand beside it on the line below: the label is the address's."""
    from pipeline.extract.model import Line, Page, Pages
    from pipeline.extract.pairs import join_pairs
    ref = SourceRef("f.pdf", 1, 1)
    lines = [Line("E-mail SIAC@utah.gov", ref, False), Line("Web", ref, True),
             Line("www.publicsafety.utah.gov/investigations/siac.html", ref, False)]
    page = join_pairs(Pages("f.pdf", "pdf", (Page(tuple(lines), 1, 1),), paged=True)).pages[0]
    assert [(line.text, line.heading) for line in page.lines] == [
        ("E-mail SIAC@utah.gov", False), ("Web: www.publicsafety.utah.gov/investigations/siac.html", False)]
