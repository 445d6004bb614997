"""Labeled values set on a line otherwise than "Label: value", one a line: several between bars or
bullets ("Phone: 334-517-2660 | Fax: 334-517-2746", as a newsroom's CMS writes them), such a line
wrapped after a label, a leader of dots between a label and its value (a directory's, a word
processor's dot-leader tab stop), and a plain-text heading underlined with "=" or "-"."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract_document
from pipeline.extract.capture import read_capture
from pipeline.extract.model import Line, Page, Pages
from pipeline.extract.pairs import join_pairs
from pipeline.records import SourceRef
from tests.extract.drawn import LISTING_BLOCKS

REF = SourceRef("f.html", 3)


def _blocks(extraction) -> list[tuple]:
    """An extraction's blocks as `LISTING_BLOCKS` writes them: heading, place line, labeled values."""
    return [(b.heading, b.location.text if b.location else "", [(f.label, f.text) for f in b.fields])
            for b in extraction.blocks]


def _joined(*texts: str) -> list[str]:
    page = Page(tuple(Line(text, REF) for text in texts), 1, 1)
    return [line.text for line in join_pairs(Pages("f.html", "html", (page,))).pages[0].lines]


@pytest.mark.parametrize("texts, read", [
    (["Phone: 334-517-2660 | Fax: 334-517-2746 | Toll-Free: 866-229-6220"],
     ["Phone: 334-517-2660", "Fax: 334-517-2746", "Toll-Free: 866-229-6220"]),
    (["Email: actic@azdps.gov \u2022 Website: www.azdps.gov"], ["Email: actic@azdps.gov", "Website: www.azdps.gov"]),
    (["PHONE: 919-716-1111 \u00b7 TOLL-FREE: 888-624-7222"], ["PHONE: 919-716-1111", "TOLL-FREE: 888-624-7222"]),
    # wrapped after a label: the value on the next line is that label's
    (["Fax: 302-739-1609 | Alternate Phone:", "302-739-5996 | Toll-Free: 800-367-2312"],
     ["Fax: 302-739-1609", "Alternate Phone: 302-739-5996", "Toll-Free: 800-367-2312"]),
    # a leader of dots, spaced or not, or an ellipsis
    (["Phone .............. 334.517.2660"], ["Phone: 334.517.2660"]),
    (["Location......Montgomery, Alabama"], ["Location: Montgomery, Alabama"]),
    (["Toll-Free . . . . . (866) 229-6220"], ["Toll-Free: (866) 229-6220"]),
    (["Email\u2026\u2026fusioncenter@alacop.gov"], ["Email: fusioncenter@alacop.gov"]),
    # not labeled values: left as they are
    (["Phone: 334-517-2660 | Mon-Fri 8-5"], ["Phone: 334-517-2660 | Mon-Fri 8-5"]),
    (["Home | About | Contact"], ["Home | About | Contact"]),
    (["Wait for it... Alabama Fusion Center"], ["Wait for it... Alabama Fusion Center"]),
    (["Phone ........ see below"], ["Phone ........ see below"]),
])
def test_labeled_values_on_one_line(texts, read):
    assert _joined(*texts) == read


def test_a_split_line_keeps_its_place():
    page = Page((Line("Phone: 334-517-2660 | Fax: 334-517-2746", REF, heading=False),), 1, 1)
    lines = join_pairs(Pages("f.html", "html", (page,))).pages[0].lines
    assert [(line.ref, line.heading) for line in lines] == [(REF, False), (REF, False)]


def test_a_rule_under_a_heading_is_a_blank_line():
    data = b"Alabama Fusion Center\n=====================\nMontgomery, Alabama\n-----\n"
    lines = read_capture(data, "f.txt").pages[0].lines
    assert [line.text for line in lines] == ["Alabama Fusion Center", "", "Montgomery, Alabama", "", ""]


LISTING = """Fusion Center Directory

Alabama Fusion Center
=====================
Location ........... Montgomery, Alabama
Phone .............. 334.517.2660
Fax ................ 334.517.2746
Email .............. fusioncenter@alacop.gov

Alaska Information and Analysis Center
======================================
Location ........... Anchorage, Alaska
Phone .............. 907.269.8900
Toll-Free .......... 855.692.5425
Email .............. AKIAC@alaska.gov

Arizona Counter Terrorism Information Center
============================================
Location ........... Phoenix, Arizona
Phone .............. 602.644.5805
Email .............. actic@azdps.gov
Website ............ www.azdps.gov
"""


def test_a_text_directory_with_underlined_names_and_leaders():
    extraction = extract_document(LISTING.encode(), "directory.txt", "0" * 64)
    blocks = [(b.heading, b.location.text if b.location else "", [(f.label, f.text) for f in b.fields])
              for b in extraction.blocks]
    assert blocks == [
        ("Alabama Fusion Center", "Montgomery, Alabama",
         [("Phone", "334.517.2660"), ("Fax", "334.517.2746"), ("Email", "fusioncenter@alacop.gov")]),
        ("Alaska Information and Analysis Center", "Anchorage, Alaska",
         [("Phone", "907.269.8900"), ("Toll-Free", "855.692.5425"), ("Email", "AKIAC@alaska.gov")]),
        ("Arizona Counter Terrorism Information Center", "Phoenix, Arizona",
         [("Phone", "602.644.5805"), ("Email", "actic@azdps.gov"), ("Website", "www.azdps.gov")]),
    ]


STATE_TABLES = """<!DOCTYPE html><html><head><title>Fusion Centers by State</title></head><body>
<h1>Fusion Centers by State</h1>
<h2>Alabama</h2>
<table><thead><tr><th>Fusion Center</th><th>City</th><th>Phone</th><th>Email</th></tr></thead>
<tbody><tr><td>Alabama Fusion Center</td><td>Montgomery</td><td>+1 334 517 2660</td><td>fusioncenter@alacop.gov</td></tr></tbody></table>
<h2>Alaska</h2>
<table><thead><tr><th>Fusion Center</th><th>City</th><th>Phone</th><th>Email</th></tr></thead>
<tbody><tr><td>Alaska Information and Analysis Center</td><td>Anchorage</td><td>+1 907 269 8900</td><td>AKIAC@alaska.gov</td></tr></tbody></table>
</body></html>"""


def test_a_table_per_state_takes_its_state_from_the_heading_above_it():
    """A table with a City column and no State column under a heading naming a state alone: the
    heading is its records' state, and no center of its own."""
    extraction = extract_document(STATE_TABLES.encode(), "states.html", "0" * 64)
    assert [(b.heading, b.location.text if b.location else "") for b in extraction.blocks] == [
        ("Alabama Fusion Center", "Montgomery, Alabama"),
        ("Alaska Information and Analysis Center", "Anchorage, Alaska"),
    ]


def test_a_printed_dot_leader_line_is_a_labeled_line_of_its_own():
    """A dot leader carries every line to the tab stop, so each line looks full: still each is its
    own labeled value, and the website under an email is no rest of that email."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "pdf" / "writer_dot_leaders.pdf"
    extraction = extract_document(path.read_bytes(), path.name, "0" * 64)
    assert _blocks(extraction) == LISTING_BLOCKS


def test_a_state_heading_over_its_centers_is_no_centers_name():
    """A section's heading naming a state alone ("Alaska"), set as the centers' names are, over
    "Alaska Information and Analysis Center": the center's name is the heading."""
    from pipeline.extract.lines import SourceLine, build_contact_blocks
    texts = [("Alabama", True), ("Alabama Fusion Center", True), ("Montgomery, Alabama", False),
             ("Phone: (334) 517-2660", False), ("fusioncenter@alacop.gov", False),
             ("Alaska", True), ("Alaska Information and Analysis Center", True), ("Anchorage, Alaska", False),
             ("Phone: (907) 269-8900", False), ("AKIAC@alaska.gov", False)]
    lines = [SourceLine(t, SourceRef("f.pdf", k + 1, 1), heading=h) for k, (t, h) in enumerate(texts)]
    blocks = build_contact_blocks(lines, "")
    assert [(b.heading, b.location.text) for b in blocks] == [
        ("Alabama Fusion Center", "Montgomery, Alabama"), ("Alaska Information and Analysis Center", "Anchorage, Alaska")]


@pytest.mark.parametrize("name", ["text_boxes.odt", "text_boxes.docx"])
def test_text_boxes_are_read_as_their_paragraphs_once(name):
    """Each center in a text box anchored to a paragraph (tests/fixtures/office/make_text_boxes.py):
    the box's paragraphs are lines of their own, read once (a DOCX gives the box twice, as a shape
    and as its fallback)."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "office" / name
    extraction = extract_document(path.read_bytes(), path.name, "0" * 64)
    assert _blocks(extraction) == LISTING_BLOCKS


@pytest.mark.parametrize("cells, header, read", [
    (("Fusion Center", "Alabama Fusion Center"), False, ("Alabama Fusion Center", True, ())),
    (("Name:", "Alaska Information and Analysis Center"), False, ("Alaska Information and Analysis Center", True, ())),
    # a table's header of two columns, a marked header row, a value that is no name: rows as they are
    (("Fusion Center", "Location"), False, ("Fusion Center Location", None, ("Fusion Center", "Location"))),
    (("Fusion Center", "Alabama Fusion Center"), True,
     ("Fusion Center Alabama Fusion Center", None, ("Fusion Center", "Alabama Fusion Center"))),
    (("Fusion Center", "see the list below"), False,
     ("Fusion Center see the list below", None, ("Fusion Center", "see the list below"))),
])
def test_a_record_set_down_a_sheet_names_its_center(cells, header, read):
    """A sheet of records set down the page, one label | value row a field: the name's row is the
    center's heading, without its label."""
    page = Page((Line(" ".join(cells), REF, cells=cells, header=header),), 1, 1)
    line = join_pairs(Pages("f.ods", "ods", (page,))).pages[0].lines[0]
    assert (line.text, line.heading, line.cells) == read


@pytest.mark.parametrize("texts, read", [
    (["Location:", "Phone:", "Email:", "Montgomery, Alabama", "(334) 517-2660", "fusioncenter@alacop.gov"],
     ["Location: Montgomery, Alabama", "Phone: (334) 517-2660", "Email: fusioncenter@alacop.gov"]),
    # the values out of their labels' order, or too few: no column (a label over its value is still read)
    (["Phone:", "Email:", "fusioncenter@alacop.gov", "(334) 517-2660"],
     ["Phone:", "Email: fusioncenter@alacop.gov", "(334) 517-2660"]),
    (["Phone:", "Fax:", "(334) 517-2660"], ["Phone:", "Fax: (334) 517-2660"]),
])
def test_a_column_of_labels_then_a_column_of_values(texts, read):
    """A card's labels in one cell and its values in the next, read one cell after the other."""
    assert _joined(*texts) == read


def test_a_table_per_state_printed_a_page_each_keeps_its_states():
    """tests/fixtures/pdf/state_tables.pdf: a table per state, each opening with a row of the
    state's name over the header row, one a page; the sheet's pages each begin with a state's row,
    which is the group of the rows under it, and the header each repeats is no record."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "pdf" / "state_tables.pdf"
    extraction = extract_document(path.read_bytes(), path.name, "0" * 64)
    assert [(b.heading, b.location.text if b.location else "", len(b.fields)) for b in extraction.blocks] == [
        ("Alabama Fusion Center", "Montgomery, Alabama", 4),
        ("Alaska Information and Analysis Center", "Anchorage, Alaska", 3),
        ("Arizona Counter Terrorism Information Center", "Phoenix, Arizona", 4),
    ]


def test_a_header_row_repeated_in_a_table_is_no_record():
    """A table of groups, each under its own copy of the header row: the copies are no records."""
    from pipeline.extract.tables import read_tables
    rows = [("Fusion Center", "City", "Phone"), ("Alabama", "", ""), ("Alabama Fusion Center", "Montgomery", "(334) 517-2660"),
            ("Fusion Center", "City", "Phone"), ("Alaska", "", ""),
            ("Alaska Information and Analysis Center", "Anchorage", "(907) 269-8900")]
    lines = tuple(Line(" ".join(c for c in r if c), SourceRef("f.pdf", k + 1, 1), cells=r, header=k == 0)
                  for k, r in enumerate(rows))
    read = read_tables(Pages("f.pdf", "pdf", (Page(lines, 1, 1),), paged=True)).pages[0].lines
    assert [line.text for line in read if not line.furniture] == [
        "Alabama Fusion Center", "Montgomery, Alabama", "Phone: (334) 517-2660",
        "Alaska Information and Analysis Center", "Anchorage, Alaska", "Phone: (907) 269-8900"]


MARKDOWN = """# Fusion Centers by State

## Alabama

| Fusion Center | City | Phone | Email |
|---|:---:|---|---|
| Alabama Fusion Center | Montgomery | 334-517-2660 | fusioncenter@alacop.gov |

## Alaska Information and Analysis Center

- Anchorage, Alaska
- **Phone:** (907) 269-8900
- __Email:__ AKIAC@alaska.gov
"""


def test_markdown_headings_tables_and_strong_emphasis_are_read_as_they_mark():
    """A Markdown file: "## …" a heading of level 2, a pipe table's rows rows of cells (the row over
    the dashes a header, the dashes no line), "**Phone:**" the label's text."""
    lines = read_capture(MARKDOWN.encode(), "f.md").pages[0].lines
    read = [(line.text, line.heading, line.level, line.cells, line.header) for line in lines if line.text]
    assert read[:4] == [
        ("Fusion Centers by State", True, 1, (), False), ("Alabama", True, 2, (), False),
        ("Fusion Center City Phone Email", None, 0, ("Fusion Center", "City", "Phone", "Email"), True),
        ("Alabama Fusion Center Montgomery 334-517-2660 fusioncenter@alacop.gov", None, 0,
         ("Alabama Fusion Center", "Montgomery", "334-517-2660", "fusioncenter@alacop.gov"), False)]
    extraction = extract_document(MARKDOWN.encode(), "f.md", "0" * 64)
    assert [(b.heading, b.location.text if b.location else "", [(f.label, f.text) for f in b.fields])
            for b in extraction.blocks] == [
        ("Alabama Fusion Center", "Montgomery, Alabama", [("Phone", "334-517-2660"), ("Email", "fusioncenter@alacop.gov")]),
        ("Alaska Information and Analysis Center", "Anchorage, Alaska",
         [("Phone", "(907) 269-8900"), ("Email", "AKIAC@alaska.gov")])]


@pytest.mark.parametrize("row, cells", [
    ("| a | b \\| c |", ("a", "b | c")),
    ("| **Phone** | (334) 517-2660", ("Phone", "(334) 517-2660")),
])
def test_pipe_cells(row, cells):
    from pipeline.extract.capture import pipe_cells
    assert pipe_cells(row) == cells
