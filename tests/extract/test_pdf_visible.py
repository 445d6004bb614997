"""What a PDF page does not show is not read (issue 15, Documents 4): text in render mode 3,
filled in the paper's colour or the colour beneath, under 1 pt, outside the crop box, clipped
away or covered by a shape drawn over it. Each is kept on the center where it stands and
reported there (TEXT_NOT_SHOWN); the same line drawn so that it shows is read. A word the page shows
only in part (cut at its edge, tests/fixtures/pdf/edges/) is reported on its field (VALUE_CUT_AT_EDGE).

The fixtures are ReportLab pages (tests/fixtures/pdf/hidden/make_hidden_pdfs.py), one way of
hiding (or showing) a line "(212) 555-0199" in Beta's block each.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.check import run_checks
from pipeline.extract import extract_document
from pipeline.extract.pdf.visible import ShownPage, judge_chars
from pipeline.normalize.dataset import normalize

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "pdf" / "hidden"
HIDDEN = sorted(p.name for p in HERE.glob("hidden_*.pdf"))
SHOWN = sorted(p.name for p in HERE.glob("shown_*.pdf"))
AS_OF = date(2026, 1, 1)


def _centers_at(path: Path):
    x = extract_document(path.read_bytes(), path.name, "")
    dataset = normalize([x])
    return {c.name: c for c in dataset.centers}, run_checks(dataset, AS_OF)


def _centers(name: str):
    return _centers_at(HERE / name)


def test_the_fixtures_are_there():
    assert len(HIDDEN) == 7 and len(SHOWN) == 4


@pytest.mark.parametrize("name", HIDDEN)
def test_text_the_page_does_not_show_is_not_read_and_is_reported_on_its_center(name):
    centers, findings = _centers(name)
    assert sorted(centers) == ["Alpha Fusion Center", "Beta Fusion Center", "Gamma Fusion Center"]
    beta = centers["Beta Fusion Center"]
    assert beta.value("phone").text == "(937) 555-0101"
    assert (beta.city, beta.state) == ("Dayton", "OH")
    assert [(f.center_id, f.code, f.value) for f in findings if "555-0199" in f.value] == [
        (beta.id, "TEXT_NOT_SHOWN", "Phone: (212) 555-0199")]


@pytest.mark.parametrize("name", SHOWN)
def test_text_the_page_shows_is_read(name):
    centers, findings = _centers(name)
    beta = centers["Beta Fusion Center"]
    assert beta.value("fax").text == "(212) 555-0199" and beta.value("phone").text == "(937) 555-0101"
    assert not [f for f in findings if f.code == "TEXT_NOT_SHOWN"]


def _judged(name: str):
    import pdfplumber

    with pdfplumber.open(HERE / name) as pdf:
        page = ShownPage.of(pdf.pages[0])
        chars = page.chars
        judged = judge_chars(page, chars)
        hidden = "".join(chars[i]["text"] for i in sorted(judged.hidden))
        return hidden, set(judged.hidden.values()), judged.rendered


REASONS = {
    "hidden_white.pdf": ("filled in the paper's colour", True),
    "hidden_render_mode_3.pdf": ("text render mode 3", False),
    "hidden_tiny.pdf": ("text of 0.01 pt", False),
    "hidden_outside_the_crop_box.pdf": ("outside the crop box", False),
    "hidden_clipped_away.pdf": ("clipped away", False),
    "hidden_covered.pdf": ("covered by a shape drawn over it", True),
    "hidden_grey_on_grey.pdf": ("filled in the colour of the shape beneath", True),
}


@pytest.mark.parametrize("name", list(REASONS))
def test_each_way_of_hiding_is_named_and_only_colour_and_cover_render_the_page(name):
    hidden, reasons, rendered = _judged(name)
    assert (hidden, reasons, rendered) == ("Phone:(212)555-0199", {REASONS[name][0]}, REASONS[name][1])


@pytest.mark.parametrize("name", SHOWN)
def test_nothing_shown_is_judged_hidden(name):
    assert _judged(name)[0] == ""


# --- A word the page shows only in part: cut at its edge --------------------------------------

EDGES = HERE.parent / "edges"  # tests/fixtures/pdf/edges/make_edge_pdfs.py
WEBSITE = "www.beta.example.org/investigations/contact.html"


@pytest.mark.parametrize(("name", "value"), [
    ("cut_past_the_paper.pdf", WEBSITE),  # the "l" beyond the crop box, as groff and pandoc set it
    ("cut_by_the_clip.pdf", WEBSITE[:-1]),  # the "m" across the printer's clip, the "l" not in the file
    ("cut_on_the_clip.pdf", WEBSITE[:-1]),  # the "m" ends on the clip, the "l" not in the file
    ("cut_short_of_the_clip.pdf", WEBSITE[:-1]),  # 0.04 em short: the "l"'s side bearing would cross it
])
def test_an_address_cut_at_the_page_edge_is_not_read_and_is_reported_on_its_field(name, value):
    """Never the cut value ("….htm" for "….html"): the line is set aside and a finding names the
    center and the field it would fill, quoting what the file holds."""
    centers, findings = _centers_at(EDGES / name)
    beta = centers["Beta Fusion Center"]
    assert beta.value("website") is None and beta.value("email").text == "beta@example.org"
    assert [(f.code, f.center_id, f.field, f.value) for f in findings
            if f.code in ("VALUE_CUT_AT_EDGE", "TEXT_NOT_SHOWN")] == [("VALUE_CUT_AT_EDGE", beta.id, "website", value)]
    assert centers["Gamma Fusion Center"].value("website").text == "www.gamma.example.org"


@pytest.mark.parametrize(("name", "field", "value"), [
    ("shown_to_the_edge.pdf", "fax", "(937) 555-0109"),  # no address, its last glyph on the clip's edge
    ("shown_inside.pdf", "website", "www.beta.example.org"),
    ("shown_on_the_clip.pdf", "website", WEBSITE),  # on the clip, under a link to itself: whole
])
def test_a_value_the_page_shows_whole_is_read(name, field, value):
    centers, findings = _centers_at(EDGES / name)
    assert centers["Beta Fusion Center"].value(field).text == value
    assert not [f for f in findings if f.code in ("VALUE_CUT_AT_EDGE", "TEXT_NOT_SHOWN")]


def test_a_name_cut_at_the_page_edge_is_read_as_the_page_shows_it_and_the_rest_reported():
    """A word that is no address wraps at its spaces: one cut at the edge (a name too long for the
    page) is read as the page shows it, and what lies beyond the edge is reported on its center."""
    centers, findings = _centers_at(EDGES / "name_past_the_margin.pdf")
    beta = next(c for c in centers.values() if c.name.startswith("Beta"))
    assert beta.value("website").text == "www.beta.example.org"
    assert [(f.code, f.center_id) for f in findings if f.code in ("VALUE_CUT_AT_EDGE", "TEXT_NOT_SHOWN")] == [
        ("TEXT_NOT_SHOWN", beta.id)]


# A line TeX set overfull in a typewriter face runs past the paper's edge (the crop box): its last
# word's glyphs beyond the edge are in the file ("New Jersey Regional Operations Intelligenc|e").
# Each case: the line, its place in Beta's block, the field and what is read: a word of letters
# whole, its line reported on its center; a number as the page shows it, the rest reported as not shown.
_PAST = {
    "a heading's last word": ("Beta Regional Operations Intelligence", 0, "name",
                              "Beta Regional Operations Intelligence", "TEXT_PAST_EDGE"),
    "a place line's state": ("North Chesterfield, Virginia", 1, "city", "North Chesterfield, Virginia",
                             "TEXT_PAST_EDGE"),
    "a hyphenated word's end": ("Beta Regional Operations Counter-Terrorism", 0, "name",
                               "Beta Regional Operations Counter-Terrorism", "TEXT_PAST_EDGE"),
    "a phone's last digits": ("Alternate Phone: (937) 555-0101", 2, "alt_phone", "(937) 555-01", "TEXT_NOT_SHOWN"),
}


@pytest.mark.parametrize(("line", "row", "field", "read", "code"), _PAST.values(), ids=_PAST.keys())
def test_a_word_of_letters_set_past_the_paper_is_read_whole_and_reported(line, row, field, read, code, tmp_path):
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    crop = 72 + stringWidth(line[:-2], "Courier", 10) + 1.0  # the paper ends inside the last glyph but one
    rows = [("Alpha Fusion Center", "Columbus, Ohio", "Phone: (614) 555-0100", "alpha@example.org"),
            ("Beta Fusion Center", "Dayton, Ohio", "Phone: (937) 555-0101", "beta@example.org"),
            ("Gamma Fusion Center", "Toledo, Ohio", "Phone: (419) 555-0102", "gamma@example.org")]
    path = tmp_path / "past.pdf"
    canvas = Canvas(str(path), pagesize=LETTER, invariant=1)
    canvas.setCropBox((0, 0, crop, LETTER[1]))
    y = 700
    for block in rows:
        for k, text in enumerate(block):
            canvas.setFont("Courier-Bold" if k == 0 else "Courier", 10)
            canvas.drawString(72, y, line if block[0].startswith("Beta") and k == row else text)
            y -= 14
        y -= 14
    canvas.save()
    centers, findings = _centers_at(path)
    beta = next(c for c in centers.values() if c.name.startswith("Beta"))
    assert (beta.name if field == "name" else beta.value(field).text) == read
    assert [(f.code, f.center_id) for f in findings if f.code in ("TEXT_PAST_EDGE", "TEXT_NOT_SHOWN")] == [
        (code, beta.id)]
