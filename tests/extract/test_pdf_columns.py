"""Two columns whose lines stand at the same heights, with an address line
across the gutter: the columns must still be read one after the other."""
from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.pdfgen import canvas

from pipeline.extract.pdf import extract_pdf, read_pdf
from tests.extract.drawn import LISTING_BLOCKS, bulleted_lines, drawn_page, read_blocks, read_entries

LEFT = ["Alpha Fusion Center", "Montgomery, Alabama", "Phone: (334) 517-2660", "alpha@alabama.gov"]
RIGHT = ["Beta Fusion Center", "Juneau, Alaska", "Phone: (907) 269-8900", "beta@alaska.gov"]
URL = "https://nfcausa.org/default.aspx/MenuItemID/117/MenuGroup/Public+Home.htm"


def _pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    y = 700
    for left, right in zip(LEFT * 2, RIGHT * 2):
        c.drawString(54, y, left)
        c.drawString(318, y, right)
        y -= 14
    c.drawString(54, y - 14, URL)  # left in the body, wider than the gutter
    c.showPage()
    c.save()
    return buf.getvalue()


def test_paired_lines_and_a_bridging_address():
    x = extract_pdf(_pdf(), "paired.pdf", "")
    headings = [b.heading for b in x.blocks]
    assert headings[:2] == ["Alpha Fusion Center", "Alpha Fusion Center"]
    assert headings[2:4] == ["Beta Fusion Center", "Beta Fusion Center"]
    assert all(b.location is not None for b in x.blocks[:4])


# A table without borders, as a browser prints a layout table: the name and place
# in one cell, the phone wrapped in a narrow cell, the email a short gap to its right.
ROWS = [
    (["Alpha Fusion Center", "Montgomery, Alabama"], ["Phone: (334) 517-", "2660"], ["alpha@alabama.gov"]),
    (["Beta Fusion Center", "Juneau, Alaska"], ["Phone: (907) 269-", "8900"], ["beta@alaska.gov"]),
    (["Gamma Fusion Center", "Phoenix, Arizona"], ["Phone: (602) 644-", "5805"], ["gamma@azdps.gov"]),
]


def _table_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica", 10)
    top = 700
    for name_cell, phone_cell, email_cell in ROWS:
        for x, cell in ((54, name_cell), (230, phone_cell), (320, email_cell)):  # 9 points: about one em
            for i, text in enumerate(cell):
                c.drawString(x, top - 12 * i, text)
        top -= 40
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_table_without_borders_keeps_each_row_together():
    blocks = extract_pdf(_table_pdf(), "table.pdf", "").blocks
    got = [(b.heading, b.location.text if b.location else None, [(f.label, f.text) for f in b.fields])
           for b in blocks]
    assert got == [
        ("Alpha Fusion Center", "Montgomery, Alabama", [("Phone", "(334) 517-2660"), ("Email", "alpha@alabama.gov")]),
        ("Beta Fusion Center", "Juneau, Alaska", [("Phone", "(907) 269-8900"), ("Email", "beta@alaska.gov")]),
        ("Gamma Fusion Center", "Phoenix, Arizona", [("Phone", "(602) 644-5805"), ("Email", "gamma@azdps.gov")]),
    ]


# --- Type as browsers and typesetters print it (issue 15, items 4 and 5) --------------------

PRIMARY = ["Alabama Fusion Center", "Alaska Information and Analysis Center", "Arizona Counter Terrorism Information Center",
           "Arkansas State Fusion Center"]
RECOGNIZED = ["Austin Regional Intelligence Center; Austin, TX", "Boston Regional Intelligence Center; Boston, MA",
              "Central Florida Intelligence Exchange; Orlando, FL"]
LISTED = [(name, "primary", "", "") for name in PRIMARY] + [
    ("Austin Regional Intelligence Center", "recognized", "Austin", "TX"),
    ("Boston Regional Intelligence Center", "recognized", "Boston", "MA"),
    ("Central Florida Intelligence Exchange", "recognized", "Orlando", "FL")]


@pytest.mark.parametrize("body", [7.0, 12.0])
def test_drawn_bullets_scale_with_the_type(body):
    """A browser draws a list's disc about a fifth of an em wide: 1.4 points at 7 points is a
    bullet as much as 2.4 points at 12 (no fixed number of points decides it)."""
    def draw(c):
        y = 720
        for heading, items in (("Primary Fusion Centers", PRIMARY), ("Recognized Fusion Centers", RECOGNIZED)):
            c.setFont("Helvetica-Bold", body * 1.3)
            c.drawString(54, y, heading)
            y -= body * 2
            c.setFont("Helvetica", body)
            for item in items:
                c.circle(64, y + body * 0.3, body * 0.1, stroke=0, fill=1)
                c.drawString(72, y, item)
                y -= body * 1.3
            y -= body
    assert read_entries(drawn_page(draw)) == LISTED


def _justified(c, words, x, right, y, font, size):
    """Words set from x to right, the slack shared among the gaps (a justified line)."""
    widths = [c.stringWidth(w, font, size) for w in words]
    gap = (right - x - sum(widths)) / (len(words) - 1)
    c.setFont(font, size)
    for w, width in zip(words, widths):
        c.drawString(x, y, w)
        x += width + gap


# Three narrow columns of blocks: each heading in larger type, a paragraph gap above and
# below it; the first line of Connecticut's heading is justified across its column (its one
# word space about two em wide).
COLUMNS = [
    [(["Colorado Information Analysis", "Center"], "Denver, Colorado", ["Phone: (720) 852-6701", "ciac@ciac.co.gov"]),
     ([("Connecticut", "Intelligence"), "Center"], "Hartford, Connecticut",
      ["Phone: (860) 706-5500", "Fax: (806) 706-5535", "ctic@ct.gov", "www.ct.gov/demhs"])],
    [(["Delaware Information and", "Analysis Center"], "Smyrna, Delaware", ["Phone: (302) 739-5996", "diac@state.de.us"]),
     (["Florida Fusion Center"], "Tallahassee, Florida", ["Phone: (850) 410-7645", "ffcenter@fdle.state.fl.us"])],
    [(["Georgia Information Sharing", "and Analysis Center"], "Atlanta, Georgia",
      ["Phone: (404) 486-6420", "generalinfo@gisac.gbi.ga.gov"]),
     (["Hawaii Fusion Center"], "Honolulu, Hawaii", ["Phone: (916) 356-4467", "pacclear@hi.hidta.net"])],
]


def _draw_columns(c, columns, *, step: float, width: float, drop: float, body: float, large: float,
                  leading: float) -> None:
    """Blocks in columns `step` apart, each `width` wide and starting `drop` lower than the one
    before: heading lines in large type (a tuple of words is a justified line), then the place
    line and the values in body type."""
    for k, column in enumerate(columns):
        x, right, y = 40 + step * k, 40 + step * k + width, 740 - drop * k
        for heading, place, fields in column:
            for line in heading:
                if isinstance(line, tuple):
                    _justified(c, line, x, right, y, "Helvetica", large)
                else:
                    c.setFont("Helvetica", large)
                    c.drawString(x, y, line)
                y -= large * leading
            y -= body * 0.5
            c.setFont("Helvetica", body)
            for line in [place, *fields]:
                c.drawString(x, y, line)
                y -= body * 1.25
            y -= body


def test_a_justified_heading_line_with_one_wide_gap_is_one_line():
    """A justified line of two words puts all its slack in one gap (here about two em): a gap on
    one line is a word space, not a gutter, so the heading reads in its order."""
    body, large = 10.7, 13.4

    def draw(c):
        _draw_columns(c, COLUMNS, step=180, width=160, drop=9, body=body, large=large, leading=1.25)  # columns start apart
    got = read_blocks(drawn_page(draw))
    assert [b[0] for b in got] == ["Colorado Information Analysis Center", "Connecticut Intelligence Center",
                                   "Delaware Information and Analysis Center", "Florida Fusion Center",
                                   "Georgia Information Sharing and Analysis Center", "Hawaii Fusion Center"]
    assert got[1] == ("Connecticut Intelligence Center", "Hartford, Connecticut",
                      [("Phone", "(860) 706-5500"), ("Fax", "(806) 706-5535"), ("Email", "ctic@ct.gov"),
                       ("Website", "www.ct.gov/demhs")])


def test_a_monospaced_typesetter_that_wraps_at_words_is_read_with_its_word_spaces_and_hyphens():
    """Courier set by a typesetter that wraps at word spaces and hyphenates: a line that fills its
    column to the last cell ends a word ("Warning" / "Fusion"), and a line-end hyphen is a
    hyphenation ("Intelli-" / "gence"); a cut is read as a print's cut mid-word (enscript:
    "Informat" / "ion") unless the document prints both pieces as words elsewhere."""
    size, cell = 7.0, 7.0 * 0.6
    items = [["Austin Regional Intelligence", "Center; Austin, TX"],
             ["Cincinnati/Hamilton County Regional", "Terrorism Early Warning Group;", "Cincinnati, OH"],
             ["Kansas City Terrorism Early Warning", "Fusion Center; Kansas City, MO"],
             ["Los Angeles Joint Regional Intelli-", "gence Center; Los Angeles, CA"],
             ["Nevada Threat Analysis Center;", "Carson City, NV"],
             ["Northern Virginia Regional Informat", "ion Center; Fairfax, VA"]]

    def draw(c):
        y = 720
        c.setFont("Courier-Bold", size)
        c.drawString(54, y, "Recognized Fusion Centers")
        y -= size * 2
        c.setFont("Courier", size)
        for item in items:
            c.circle(58, y + size * 0.3, size * 0.15, stroke=0, fill=1)
            for line in item:
                c.drawString(64, y, line)
                y -= size * 1.2
        assert max(len(line) for item in items for line in item) * cell == 35 * cell
    assert read_entries(drawn_page(draw)) == [
        ("Austin Regional Intelligence Center", "recognized", "Austin", "TX"),
        ("Cincinnati/Hamilton County Regional Terrorism Early Warning Group", "recognized", "Cincinnati", "OH"),
        ("Kansas City Terrorism Early Warning Fusion Center", "recognized", "Kansas City", "MO"),
        ("Los Angeles Joint Regional Intelligence Center", "recognized", "Los Angeles", "CA"),
        ("Nevada Threat Analysis Center", "recognized", "Carson City", "NV"),
        ("Northern Virginia Regional Information Center", "recognized", "Fairfax", "VA")]


def test_a_hyphen_from_a_fallback_font_stays_on_its_word():
    """A browser sets the hyphenation hyphen (U+2010) from a fallback font when the text's font
    has none: the glyph touches its word, and the word is one word whatever its fonts."""
    def draw(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(54, 720, "Recognized Fusion Centers")
        c.setFont("Helvetica", 8)
        y = 700
        for first, rest in (("Detroit and Southeast Michigan Information and Intel", "ligence Center; Detroit, MI"),
                            ("Los Angeles Joint Regional Intelligence Center; Los An", "geles, CA")):
            c.circle(58, y + 2.4, 1.2, stroke=0, fill=1)
            c.setFont("Helvetica", 8)
            c.drawString(64, y, first)
            c.setFont("Times-Roman", 8)
            c.drawString(64 + c.stringWidth(first, "Helvetica", 8), y, "-")
            c.setFont("Helvetica", 8)
            c.drawString(64, y - 10, rest)
            y -= 24
    assert read_entries(drawn_page(draw)) == [
        ("Detroit and Southeast Michigan Information and Intelligence Center", "recognized", "Detroit", "MI"),
        ("Los Angeles Joint Regional Intelligence Center", "recognized", "Los Angeles", "CA")]


def test_a_heading_at_the_foot_of_a_column_is_read_before_the_next_column():
    """The list's second heading ends the first column, lower than the second column's last
    line: it is read where the column puts it, before the items the second column holds."""
    def draw(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(54, 740, "Primary Fusion Centers")
        y = 720
        c.setFont("Helvetica", 8)
        for name in PRIMARY:
            c.circle(58, y + 2.4, 1.2, stroke=0, fill=1)
            c.drawString(64, y, name)
            y -= 12
        c.setFont("Helvetica-Bold", 10)
        c.drawString(54, y - 8, "Recognized Fusion Centers")
        y = 740
        c.setFont("Helvetica", 8)
        for name in RECOGNIZED:
            c.circle(318, y + 2.4, 1.2, stroke=0, fill=1)
            c.drawString(324, y, name)
            y -= 12
    assert read_entries(drawn_page(draw)) == LISTED


@pytest.mark.parametrize("bullet", ["drawn", "typed"])
def test_a_list_item_the_page_broke_off_goes_on_at_the_top_of_the_next(bullet):
    """The continuation of an item at the top of the next page (two lines here), at the items'
    hanging indent and with no bullet of its own, belongs to the item the page before broke off."""
    pages = [["Austin Regional Intelligence Center; Austin, TX",
              ("San Diego Law", "Enforcement Coordination Center; San Diego,", "CA")],
             ["Southeast Florida Fusion Center; Miami, FL"]]

    def item(c, y, text):
        if bullet == "drawn":
            c.circle(58, y + 2.4, 1.2, stroke=0, fill=1)
        else:
            c.drawString(54, y, "\u2022")
        c.drawString(64, y, text)

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica-Bold", 10)
    c.drawString(54, 740, "Recognized Fusion Centers")
    c.setFont("Helvetica", 8)
    item(c, 720, pages[0][0])
    item(c, 60, pages[0][1][0])  # the foot of the page
    c.showPage()
    c.setFont("Helvetica", 8)
    c.drawString(64, 740, pages[0][1][1])
    c.drawString(64, 730, pages[0][1][2])
    item(c, 720, pages[1][0])
    c.showPage()
    c.save()
    assert read_entries(buf.getvalue()) == [
        ("Austin Regional Intelligence Center", "recognized", "Austin", "TX"),
        ("San Diego Law Enforcement Coordination Center", "recognized", "San Diego", "CA"),
        ("Southeast Florida Fusion Center", "recognized", "Miami", "FL")]


def test_an_address_across_the_gutter_keeps_blocks_that_stand_side_by_side_apart():
    """Blocks of two columns at the same heights (a heading band, then a band of values) with a
    website running across the gutter to 3 points short of the next column: the bands are read as
    columns, not as rows of a table."""
    body, large = 8.9, 11.1
    columns = [[(["Kentucky Intelligence Fusion", "Center"], "Frankfort, Kentucky",
                 ["Phone: (502) 564-2081", "fusioncenter@ky.gov", "www.homelandsecurity.ky.gov"]),
                (["Louisiana State Analytical &", "Fusion Exchange"], "Baton Rouge, Louisiana",
                 ["Phone: (225) 925-4192", "lafusion.center@dps.la.gov"])],
               [(["Mississippi Analysis and", "Information Center"], "Pearl, Mississippi",
                 ["Phone: (601) 933-7200", "MSAIC@dps.ms.gov", "www.homelandsecurity.ms.gov/msaic.html"]),
                (["Missouri Information Analysis", "Center"], "Jefferson City, Missouri",
                 ["Phone: (866) 362-6422", "miac@mshp.dps.mo.gov"])],
               [(["North Central Texas Fusion", "Center; McKinney, TX"], "McKinney, Texas",
                 ["Phone: (972) 548-5537", "Fax: (972) 548-5538", "NCTFC@co.collin.tx.us", "www.co.collin.tx.us"]),
                (["North Dakota State and Local", "Information Center"], "Bismarck, North Dakota",
                 ["Phone: (866) 885-8295", "ndslc@nd.gov"])]]

    def draw(c):
        for k, column in enumerate(columns):
            x, y = 39 + 171 * k, 780 - (0 if k else 14)  # the second and third columns side by side
            for heading, place, fields in column:
                c.setFont("Helvetica", large)
                for line in heading:
                    c.drawString(x, y, line)
                    y -= large * 1.25
                y -= body * 0.5
                c.setFont("Helvetica", body)
                for line in [place, *fields]:
                    c.drawString(x, y, line)
                    y -= body * 1.25
                y -= body
    got = read_blocks(drawn_page(draw, A4))
    assert got == [(" ".join(h), place, [(*_label(f),) for f in fields]) for column in columns
                   for h, place, fields in column]


def _label(line: str) -> tuple[str, str]:
    label, sep, value = line.partition(": ")
    if sep:
        return label, value
    return ("Email", line) if "@" in line else ("Website", line)


def test_a_list_s_text_edge_after_drawn_bullets_is_no_column_edge():
    """Many items start their text at one x after drawn bullets, and the heading's first word runs
    across it: nothing stands beside those items on their lines, so the edge cuts no column (it
    cut "Primary" from "Fusion Centers", and the list was lost)."""
    names = ["Alabama Fusion Center", "Alaska Information and Analysis Center", "Arizona Counter Terrorism Information Center",
             "Arkansas State Fusion Center", "California State Threat Assessment Center", "Colorado Information Analysis Center",
             "Connecticut Intelligence Center", "Delaware Information and Analysis Center", "Florida Fusion Center",
             "Georgia Information Sharing and Analysis Center"]

    def draw(c):
        c.setFont("Times-Roman", 5.2)
        for k, text in enumerate(["The list of the primary and recognized fusion centers, with their",
                                  "contact information. The primary fusion centers serve as the focal",
                                  "points of the state and local environment for the receipt, analysis,",
                                  "and sharing of threat-related information.", "It is a list of all of them."]):
            c.drawString(38.4, 770 - 6.4 * k, text)
        c.setFont("Times-Bold", 6.9)
        c.drawString(38.4, 740, "Primary Fusion Centers")
        c.setFont("Times-Roman", 5.2)
        y = 728
        for name in names * 4:
            c.circle(54, y + 1.6, 0.9, stroke=0, fill=1)
            c.drawString(61.4, y, name)
            y -= 6.4
    assert read_entries(drawn_page(draw)) == [(name, "primary", "", "") for name in names * 4]


def test_justified_heading_lines_that_end_at_one_x_are_one_heading():
    """A heading justified over three lines: its first two lines end at the column's edge and
    their second words start at different x (stretched word spaces that line up in an empty band,
    not a column's edge)."""
    body, large = 9.0, 13.0

    def draw(c):
        columns = [[([("Central", "California"), ("Intelligence", "Center;"), "Sacramento, CA"], "McClellan, California",
                     ["Phone: (916) 808-8383", "info@sacrtac.org"]),
                    (["Central Florida", "Intelligence Exchange", "(CFIX)"], "Orlando, Florida",
                     ["Phone: (407) 858-3950", "fcfix@ocfl.net"]),
                    (["Chicago Crime Prevention", "and Information Center"], "Chicago, Illinois",
                     ["Phone: (312) 745-5669", "cpic@chicagopolice.org"])]]
        _draw_columns(c, columns, step=220, width=190, drop=45, body=body, large=large, leading=1.2)
    got = read_blocks(drawn_page(draw))
    assert [b[0] for b in got] == ["Central California Intelligence Center; Sacramento, CA",
                                   "Central Florida Intelligence Exchange (CFIX)",
                                   "Chicago Crime Prevention and Information Center"]
    assert got[0][1:] == ("McClellan, California", [("Phone", "(916) 808-8383"), ("Email", "info@sacrtac.org")])


def test_a_wrapped_item_line_under_a_justified_typed_bullet_stays_in_its_item():
    """Justified items with typed bullets: the stretch after the bullet moves an item's text right,
    so its wrapped line stands left of it, at the items' own text edge."""
    def draw(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(220, 740, "Recognized Fusion Centers")
        c.setFont("Helvetica", 8.5)
        for y, text_x, words, right in ((720, 225.3, ("Dallas", "Fusion", "Center;", "Dallas,", "TX"), 348.4),
                                        (709.5, 233.1, ("Delaware", "Valley", "Intelligence", "Center;"), 392.7)):
            c.drawString(220, y, "\u2022")
            _justified(c, words, text_x, right, y, "Helvetica", 8.5)
        c.setFont("Helvetica", 8.5)
        c.drawString(228.5, 698.2, "Philadelphia, PA")
        c.drawString(220, 687.7, "\u2022")
        c.drawString(226.1, 687.7, "Detroit and Southeast Michigan Information")
        c.drawString(228.5, 677.2, "and Intelligence Center; Detroit, MI")
    assert read_entries(drawn_page(draw)) == [
        ("Dallas Fusion Center", "recognized", "Dallas", "TX"),
        ("Delaware Valley Intelligence Center", "recognized", "Philadelphia", "PA"),
        ("Detroit and Southeast Michigan Information and Intelligence Center", "recognized", "Detroit", "MI")]


def test_a_heading_the_printer_hyphenated_at_a_column_s_foot_goes_on_at_the_next_column_s_top():
    """A block's heading broken at a hyphen at the foot of a column ("…Center; Or-") goes on at
    the top of the next ("ange County, CA"), though that line reads like a place line: the block's
    own place line follows it."""
    blocks = [("Oklahoma Information Fusion Center", "Oklahoma City, Oklahoma", "Phone: (405) 842-8547")] * 3

    def draw(c):
        c.setFont("Helvetica", 9)
        y = 740
        for heading, place, phone in blocks:
            for text in (heading, place, phone):
                c.drawString(54, y, text)
                y -= 11
            y -= 6
        c.drawString(54, y, "Orange County Intelligence Assessment Center; Or-")
        y = 740
        for text in ("ange County, CA", "Santa Ana, California", "Phone: (714) 289-3949", "",
                     *["Oregon Fusion Center", "Salem, Oregon", "Phone: (503) 378-6347", ""] * 3):
            if text:
                c.drawString(318, y, text)
            y -= 11
    got = read_blocks(drawn_page(draw))
    assert [(heading, place) for heading, place, _ in got] == [
        ("Oklahoma Information Fusion Center", "Oklahoma City, Oklahoma")] * 3 + [
        ("Orange County Intelligence Assessment Center; Orange County, CA", "Santa Ana, California")] + [
        ("Oregon Fusion Center", "Salem, Oregon")] * 3
    assert got[3][2] == [("Phone", "(714) 289-3949")]


def test_a_list_heading_set_left_of_its_column_s_bullets_heads_the_items_under_it(capture_lines):
    """Two columns of a list in a typewriter face, three of the left column's lines running to
    within a space of the right one (no empty band between them), the right column's heading and
    paragraph set at its left edge and its items' bullets further in: the column is cut before its
    heading, which heads the items under it, not those above it."""
    cell, size = 6.0, 10.0
    primary = [t[2:] for t in capture_lines[13 - 1:67] if t.startswith("- ")]
    left = [t for t in primary if len(t) <= 40 or t.startswith(("Arizona", "Louisiana", "Mississippi"))][:30]
    right = [t for t in primary if t not in left]
    recognized = [t[2:] for t in capture_lines[73 - 1:97] if t.startswith("- ") and len(t) <= 70]

    def draw(c):
        c.setFont("Courier", size)
        c.drawString(50, 590, "Primary Fusion Centers")
        for rows, x, y in ((left, 50, 570), (right, 330, 570)):
            for text in rows:
                c.drawString(x, y, "-")
                c.drawString(x + 11, y, text)
                y -= 11
        for text in ("Recognized Fusion Centers", "", "As the Federal Government", "respects the authority of",
                     *recognized):
            if text in recognized:
                c.drawString(330, y, "-")
            c.drawString(341 if text in recognized else 314, y, text)
            y -= 11
    overfull = [t for t in left if 314 < 61 + len(t) * cell < 330]
    assert len(overfull) == 3 and all(61 + len(t) * cell <= 302 for t in left[len(right):len(right) + 4])
    assert read_entries(drawn_page(draw, landscape(letter))) == [(t, "primary", "", "") for t in left + right] + [
        (name, "recognized", place.split(", ")[0], place.split(", ")[1])
        for name, place in (t.rsplit("; ", 1) for t in recognized)]


def test_a_plain_heading_below_the_next_column_s_end_goes_on_at_its_top():
    """Headings in the body's plain type: the left column ends with a heading (two lines, lower
    than the right column's last line, a paragraph gap under the block before), and its block goes
    on at the top of the right column ("McKinney, Texas"). It is read before the right column,
    not after it as a footer would be."""
    blocks = [["Alpha Fusion Center", "Dover, Delaware", "Phone: (302) 739-5996", "alpha@delaware.gov"],
              ["Beta Intelligence Center", "Salem, Oregon", "Phone: (503) 378-6347", "beta@oregon.gov"]]
    def draw(c):
        c.setFont("Times-Roman", 9)
        y = 700
        for block in blocks:
            for line in block:
                c.drawString(54, y, line)
                y -= 11
            y -= 8
        c.drawString(54, y - 30, "North Central Texas Fusion Center; McKinney,")
        c.drawString(54, y - 41, "TX")
        y = 700
        for line in ["McKinney, Texas", "Phone: (972) 548-5537", "nctfc@collin.tx.us", "",
                     "Gamma Fusion Center", "Salem, Oregon", "Phone: (503) 378-6348", "gamma@oregon.gov"]:
            if line:
                c.drawString(318, y, line)
            y -= 11 if line else 8
    got = read_blocks(drawn_page(draw))
    assert [(heading, place) for heading, place, _ in got] == [
        ("Alpha Fusion Center", "Dover, Delaware"), ("Beta Intelligence Center", "Salem, Oregon"),
        ("North Central Texas Fusion Center; McKinney, TX", "McKinney, Texas"),
        ("Gamma Fusion Center", "Salem, Oregon")]
    assert got[2][2] == [("Phone", "(972) 548-5537"), ("Email", "nctfc@collin.tx.us")]


def test_a_justified_heading_s_last_word_beside_the_next_column_stays_on_its_line():
    """A justified heading in larger type fills its column ("Los Angeles Joint Regional Intelligence
    Center: Los", its gaps about an em each), the next column's text on its baseline a gutter
    further right: the last word is the heading's, not a column of its own between them."""
    def draw(c):
        y = 540
        for heading, lines in ((["Kentucky Intelligence Fusion Center"], ["Frankfort, Kentucky", "Phone: (502) 564-2081"]),
                               ([("Los", "Angeles", "Joint", "Regional", "Intelligence", "Center:", "Los"), "Angeles, CA"],
                                ["Norwalk, California", "Phone: (562) 345-1100", "jric@jric.org"])):
            for line in heading:
                if isinstance(line, tuple):
                    _justified(c, line, 57, 413.5, y, "Helvetica", 12.5)
                else:
                    c.setFont("Helvetica", 12.5)
                    c.drawString(57, y, line)
                y -= 16
            c.setFont("Helvetica", 10)
            for line in lines:
                c.drawString(57, y, line)
                y -= 12.5
            y -= 8
        y = 540
        for line in ("Michigan Intelligence Operations Center", "Lansing, Michigan", "Phone: (517) 241-8000",
                     "Toll-Free: (877) 616-4677", "mioc@michigan.gov", "", "Minnesota Fusion Center",
                     "St. Paul, Minnesota", "Phone: (651) 793-3730", "info@icefishx.org"):
            c.setFont("Helvetica", 12.5 if line.endswith("Center") else 10)
            c.drawString(428.4, y, line)
            y -= 12.5 if line else 8
    got = read_blocks(drawn_page(draw, landscape(A4)))
    assert [(heading, place) for heading, place, _ in got] == [
        ("Kentucky Intelligence Fusion Center", "Frankfort, Kentucky"),
        ("Los Angeles Joint Regional Intelligence Center: Los Angeles, CA", "Norwalk, California"),
        ("Michigan Intelligence Operations Center", "Lansing, Michigan"), ("Minnesota Fusion Center", "St. Paul, Minnesota")]
    assert got[1][2] == [("Phone", "(562) 345-1100"), ("Email", "jric@jric.org")]


def test_a_heading_the_page_foot_cuts_where_its_next_word_had_no_room_goes_on_atop_the_next_page():
    """A bold heading wrapped at the foot of a page ("Cincinnati/Hamilton": "County" did not fit
    after it in its column) goes on in bold at the top of the next page: one heading, one block,
    whatever its first line ends with."""
    heading = "Cincinnati/Hamilton County Regional Terrorism Early Warning Group; Cincinnati, OH"
    block = ["Cincinnati, Ohio", "Phone: (513) 263-8000", "tewg@hamilton-co.org"]
    width = 150.0
    from reportlab.lib.utils import simpleSplit
    wrapped = simpleSplit(heading, "Helvetica-Bold", 12, width)
    assert wrapped[0] == "Cincinnati/Hamilton"
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    y = 740
    for name, place in (("Chicago Crime Prevention and Information Center", "Chicago, Illinois"),
                        ("Colorado Information Analysis Center", "Lakewood, Colorado")):
        c.setFont("Helvetica-Bold", 12)
        for line in simpleSplit(name, "Helvetica-Bold", 12, width):
            c.drawString(54, y, line)
            y -= 14
        c.setFont("Helvetica", 10)
        for line in (place, "Phone: (312) 745-5669"):
            c.drawString(54, y, line)
            y -= 12
        y -= 10
    c.setFont("Helvetica-Bold", 12)
    c.drawString(54, y, wrapped[0])
    c.showPage()
    y = 740
    c.setFont("Helvetica-Bold", 12)
    for line in wrapped[1:]:
        c.drawString(54, y, line)
        y -= 14
    c.setFont("Helvetica", 10)
    for line in block:
        c.drawString(54, y, line)
        y -= 12
    c.showPage()
    c.save()
    got = read_blocks(buf.getvalue())
    assert [(h, place) for h, place, _ in got] == [
        ("Chicago Crime Prevention and Information Center", "Chicago, Illinois"),
        ("Colorado Information Analysis Center", "Lakewood, Colorado"), (heading, "Cincinnati, Ohio")]
    assert got[2][2] == [("Phone", "(513) 263-8000"), ("Email", "tewg@hamilton-co.org")]


def test_buttons_drawn_inside_a_column_do_not_cut_the_page_across_its_columns():
    """Two boxed words ("Yes" / "No", a page's feedback buttons) drawn in the left column, the right
    column's heading beside them and a paragraph gap under both: the boxes are the left column's,
    not a table that cuts the page into runs across both columns. The left column is read to its
    foot (a heading there) before the right column, whose top is that heading's block."""
    def draw(c):
        c.setFont("Helvetica", 9)
        c.drawString(54, 552, "Last Published Date: July 23, 2015")
        c.drawString(54, 530, "Was this page helpful?")
        for x, word in ((54, "Yes"), (84, "No")):
            c.rect(x, 501, 26, 12, stroke=1, fill=0)
            c.drawString(x + 4, 504, word)
        y = 474
        for heading, lines in (("Alpha Fusion Center", ["Dover, Delaware", "Phone: (302) 739-5996"]),
                               ("Beta Intelligence Center", [])):
            c.setFont("Helvetica-Bold", 11)
            c.drawString(54, y, heading)
            y -= 13
            c.setFont("Helvetica", 9)
            for line in lines:
                c.drawString(54, y, line)
                y -= 11
            y -= 8
        for y, line in ((552, "Salem, Oregon"), (541, "Phone: (503) 378-6347"), (530, "beta@oregon.gov"),
                        (504, "Gamma Fusion Center"), (487, "Juneau, Alaska"), (476, "Phone: (907) 269-8900")):
            c.setFont("Helvetica-Bold" if line.endswith("Center") else "Helvetica", 11 if line.endswith("Center") else 9)
            c.drawString(318, y, line)
    got = read_blocks(drawn_page(draw))
    assert got == [("Alpha Fusion Center", "Dover, Delaware", [("Phone", "(302) 739-5996")]),
                   ("Beta Intelligence Center", "Salem, Oregon", [("Phone", "(503) 378-6347"), ("Email", "beta@oregon.gov")]),
                   ("Gamma Fusion Center", "Juneau, Alaska", [("Phone", "(907) 269-8900")])]


def test_a_labeled_number_the_column_s_foot_wraps_goes_on_at_the_next_column_s_top():
    """A narrow column ends with "Alternate Phone: (978)", the rest of the number ("451-3700") at
    the top of the next column, where it did not fit: one number, on its own center's block, and
    the email under it too."""
    def draw(c):
        c.setFont("Helvetica", 11)
        y = 700
        for line in ("Maryland Coordination", "Woodlawn, Maryland", "Phone: (800) 492-8477", "",
                     "Massachusetts Fusion", "Maynard, Massachusetts", "Phone: (978) 451-3711",
                     "Alternate Phone: (978)"):
            if line:
                c.drawString(70, y, line)
            y -= 13 if line else 6
        y = 700
        for line in ("451-3700", "fusion@massmail.state.ma.us", "", "Michigan Intelligence", "Lansing, Michigan",
                     "Phone: (517) 241-8000"):
            if line:
                c.drawString(250, y, line)
            y -= 13 if line else 6
    got = read_blocks(drawn_page(draw))
    assert got == [
        ("Maryland Coordination", "Woodlawn, Maryland", [("Phone", "(800) 492-8477")]),
        ("Massachusetts Fusion", "Maynard, Massachusetts", [
            ("Phone", "(978) 451-3711"), ("Alternate Phone", "(978) 451-3700"), ("Email", "fusion@massmail.state.ma.us")]),
        ("Michigan Intelligence", "Lansing, Michigan", [("Phone", "(517) 241-8000")])]


@pytest.mark.parametrize("sizes, spaced", [
    pytest.param((9.5, 9.5), True, id="one size: a justified line's word space"),
    pytest.param((9.5, 14.0), False, id="a body word beside the next column's heading: no word space of one line"),
])
def test_a_gap_between_words_of_two_sizes_is_no_justified_word_space(sizes, spaced):
    """A line is set in one size: where a column's last word ("…884-8383") and the next column's
    larger heading ("Dallas Fusion Center;", justified) stand on one baseline, the gap between
    them is not one of the heading's stretched spaces (a Writer 3-column print read the page's
    first lines across its columns: Georgia's heading lost)."""
    from pipeline.extract.pdf.layout import justified_space
    from pipeline.extract.pdf.pages import TextLine, Word
    before, after = sizes
    words, x = [], 100.0
    for text, size, gap in (("884-8383", before, 13.5), ("Dallas", after, 12.5), ("Fusion", after, 12.5),
                            ("Center;", after, 0.0)):
        words.append(Word(text, x, x + 30.0, 50.0, 50.0 + size, "Times", size))
        x += 30.0 + gap
    assert justified_space([TextLine(tuple(words))], 130.0, 143.5, 9.5) is spaced


@pytest.mark.parametrize(("font", "gap"), [("Courier-Bold", 11.3), ("Courier-Bold", 6.0), ("Helvetica-Bold", 9.0)])
def test_a_justified_heading_whose_spaces_are_as_wide_as_the_gutter_stays_on_its_line(font, gap):
    """Capture lines 745-757: a justified heading fills its column, each of its word spaces as wide
    as the gutter to the next column or wider (WeasyPrint, a typewriter face in a narrow column:
    "Washington   Regional   Threat   and   Analysis   Center", 11.8 points a space, the next
    column 11.3 points right of "Center"). Every space stands in an empty band of its own: none is a
    gutter, and "Center" ends its heading (read as a column of its own, the heading lost it and
    "Center" headed a center of its own)."""
    words = ("Washington", "Regional", "Threat", "and", "Analysis", "Center")
    size, left = 7.5, 57.0

    def draw(c):
        width = sum(c.stringWidth(w, font, size) for w in words) + 11.8 * (len(words) - 1)
        right = left + width + gap  # the next column's edge
        _justified(c, words, left, left + width, 740, font, size)
        c.setFont(font, size)
        c.drawString(right, 740, "West Virginia Intelligence Fusion Center")
        body = font.replace("-Bold", "") if font != "Helvetica-Bold" else "Helvetica"
        c.setFont(body, size)
        for k, (line, other) in enumerate((("(Washington, D.C.)", "Charleston, West Virginia"),
                                           ("Washington, DC, Washington DC", "Phone: (304) 558-4831"),
                                           ("Phone: (202) 481-3075", "wvfusion@wv.gov"),
                                           ("wrtac@dc.gov", "www.fusioncenter.wv.gov"))):
            c.setFont(font if k == 0 else body, size)  # the heading's last line
            c.drawString(left, 730 - 10 * k, line)
            c.setFont(body, size)
            c.drawString(right, 730 - 10 * k, other)
        y = 684
        for line, other in (("Washington State Fusion Center", "Wisconsin Statewide Information Center"),
                            ("Seattle, Washington", "Madison, Wisconsin"),
                            ("Phone: (877) 843-9522", "Phone: (608) 242-5393"),
                            ("intake@wsfc.wa.gov", "wsic@doj.state.wi.us")):
            c.setFont(font if line.endswith("Center") else body, size)
            c.drawString(left, y, line)
            c.drawString(right, y, other)
            y -= 10
    got = read_blocks(drawn_page(draw))
    assert [(heading, place) for heading, place, _ in got] == [
        ("Washington Regional Threat and Analysis Center (Washington, D.C.)", "Washington, DC, Washington DC"),
        ("West Virginia Intelligence Fusion Center", "Charleston, West Virginia"),
        ("Washington State Fusion Center", "Seattle, Washington"),
        ("Wisconsin Statewide Information Center", "Madison, Wisconsin")]


# A typewriter face TeX cannot stretch, in two columns (pandoc, A4, 12 pt, headings larger): the
# left column's long headings run into the gutter and over the first word of the right column's
# line ("Coordination" over "Tennessee"); no line stands across the page. The right column's first
# two lines go on with the left column's last block (St. Louis), which TeX broke at the column's foot.
_OVERRUN_LEFT = [(801.6, "Fax: (401) 458-1173"), (787.1, "fusion@risp.dps.ri.gov"),
        (763.8, "*San Diego Law Enforcement Coordination"), (749.4, "*Center; San Diego, CA"),
        (734.9, "San Diego, California"), (720.5, "Phone: (858) 495-5730"), (706.0, "info@sd-lecc.org"),
        (682.7, "*South Carolina Information and Intelligence"), (668.3, "*Center"),
        (653.8, "Columbia, South Carolina"), (639.4, "Phone: (866) 472-8477"),
        (624.9, "Toll-Free: (803) 896-7133"), (610.5, "sciic@sled.sc.gov"), (596.0, "www.sled.sc.gov"),
        (572.7, "*South Dakota Fusion Center"), (558.3, "Sioux Falls, South Dakota"),
        (543.8, "Phone: (605) 367-5940"), (529.4, "sdfusioncenter@state.sd.us"),
        (506.1, "*Southeast Florida Fusion Center;"), (491.6, "*Miami, FL"), (477.2, "Miami, Florida"),
        (462.7, "Phone: (305) 470-3900"), (448.3, "ioc@mdpd.com"),
        (410.5, "*Southeastern Wisconsin Threat Analysis"), (396.1, "*Center; Milwaukee, WI"),
        (381.6, "Milwaukee, Wisconsin"), (367.2, "Phone: (414) 935-7741"), (352.7, "stac@milwaukee.gov"),
        (315.0, "*St. Louis Fusion Center; St. Louis,"), (300.5, "*MO"), (286.1, "St. Louis, Missouri"),
        (271.6, "Phone: (314) 615-4839")]
_OVERRUN_RIGHT = [(801.6, "info@sltew.org"), (787.1, "www.sltew.org"),
         (764.7, "*Tennessee Fusion Center"), (750.3, "Nashville, Tennessee"), (735.8, "Phone: (877) 250-2333"),
         (721.4, "tfc@tn.gov"), (684.5, "*Texas Joint Crime Information Center"), (670.1, "Austin, Texas"),
         (655.6, "Phone: (866) 786-5972"), (641.2, "TXJCIC@dps.texas.gov"),
         (618.7, "*U.S. Virgin Islands Fusion Center"), (604.3, "St. Thomas, Virgin Islands"),
         (589.8, "Phone: (340) 776-3013"), (575.4, "fusioncenter@vitema.vi.gov"),
         (553.0, "*Utah Statewide Information and Analysis"), (538.5, "*Center"), (524.1, "Sandy, Utah"),
         (509.6, "Phone: (801) 256-2360"), (495.2, "SIAC@utah.gov"),
         (443.9, "*Vermont Intelligence Center"), (429.4, "Williston, Vermont"), (415.0, "Phone: (802) 872-6110"),
         (400.5, "VIC@listserv.dps.state.vt.us"), (363.6, "*Virginia Fusion Center"),
         (349.2, "North Chesterfield, Virginia"), (334.8, "Phone: (804) 674-2196")]

def _overrun_columns(c):
    for x, column in ((28.3, _OVERRUN_LEFT), (306.4, _OVERRUN_RIGHT)):
        for y, text in column:
            # Courier's advance is 0.6 em, Computer Modern Typewriter's (CMTT12) 0.5145: the same widths
            c.setFont("Courier", (14.35 if text.startswith("*") else 11.96) * 0.5145 / 0.6)
            c.drawString(x, y, text.lstrip("*"))



def test_columns_that_overfull_lines_run_into_are_read_top_to_bottom():
    """Every word that runs across the gutter ends its column's line: the columns go on through
    it, and the right column's first lines are read after the left column's last block, never after
    the left column's first lines (read in runs of bands, Rhode Island's fax and email were followed
    by St. Louis's email and website, published on Rhode Island)."""
    blocks = read_blocks(drawn_page(_overrun_columns, A4))
    assert blocks[0] == ("", None, [("Fax", "(401) 458-1173"), ("Email", "fusion@risp.dps.ri.gov")])
    louis = next(b for b in blocks if b[0].startswith("St. Louis"))
    assert louis == ("St. Louis Fusion Center; St. Louis, MO", "St. Louis, Missouri",
                     [("Phone", "(314) 615-4839"), ("Email", "info@sltew.org"), ("Website", "www.sltew.org")])
    assert [b[0] for b in blocks[1:]] == [
        "San Diego Law Enforcement Coordination Center; San Diego, CA", "South Carolina Information and Intelligence Center",
        "South Dakota Fusion Center", "Southeast Florida Fusion Center; Miami, FL",
        "Southeastern Wisconsin Threat Analysis Center; Milwaukee, WI", "St. Louis Fusion Center; St. Louis, MO",
        "Tennessee Fusion Center", "Texas Joint Crime Information Center", "U.S. Virgin Islands Fusion Center",
        "Utah Statewide Information and Analysis Center", "Vermont Intelligence Center", "Virginia Fusion Center"]


# groff's last page of a two-column print (seed 5150001's 2120230876): the second column holds one
# line, Wisconsin's website, level with the first column's first line. A gap that wide on one line
# of two words is a justified line's slack only where its second word ends at the column's edge,
# inside the column the other lines keep; this one starts past every other line's end.
LAST_PAGE = ["ansec@lvmpd.com", "www.sntc.org", "Southwest Texas Fusion Center; San Antonio, TX", "San Antonio, Texas",
             "Phone: (210) 207-7680", "swtxfusion@sanantonio.gov", "Wisconsin Statewide Information Center",
             "Madison, Wisconsin", "Phone: (608) 242-5393", "wsic@doj.state.wi.us"]


@pytest.mark.parametrize("justified", [False, True], ids=["ragged", "a justified two-word line in it"])
def test_a_second_column_of_one_line_is_read_after_the_first(justified):
    from pipeline.extract.pdf.document import read_lines

    def draw(c):
        c.setFont("Times-Roman", 9)
        y = 740
        for text in LAST_PAGE:
            c.drawString(54, y, text)
            y -= 11
        if justified:  # "Connecticut          Intelligence" / "Center": its slack in its one gap
            c.drawString(54, y, "Connecticut")
            c.drawRightString(54 + c.stringWidth(LAST_PAGE[2], "Times-Roman", 9), y, "Intelligence")
            c.drawString(54, y - 11, "Center")
        c.drawString(318, 740, "www.doj.state.wi.us/dci")
    lines = [line.text for line in read_lines(drawn_page(draw), "last.pdf")[0]]
    tail = ["Connecticut Intelligence Center"] if justified else []
    assert lines == [*LAST_PAGE, *tail, "www.doj.state.wi.us/dci"]


# A heading in plain type wrapped inside its place ("…Center; San" / "Antonio, TX") at the foot of a
# column or page (enscript's monospaced print; pandoc's bold, whose Computer Modern face is not
# named bold): its end opens the next column or page, and the block's own place line follows.
_WRAPPED_LEFT = ["Southeast Florida Fusion Center;", "Miami, FL", "Miami, Florida", "Phone: (305) 470-3900",
                 "ioc@mdpd.com", "", "Southeastern Wisconsin Threat Analysis", "Center; Milwaukee, WI",
                 "Milwaukee, Wisconsin", "Phone: (414) 935-7741", "stac@milwaukee.gov", "",
                 "Southern Nevada Counter-Terrorism", "Center (Las Vegas, Nevada)", "Las Vegas, Nevada",
                 "Phone: (702) 828-2200", "ansec@lvmpd.com", "", "Southwest Texas Fusion Center; San"]
_WRAPPED_RIGHT = ["Antonio, TX", "San Antonio, Texas", "Phone: (210) 207-7680", "swtxfusion@sanantonio.gov", "",
                  "Southwestern PA Region 13 Fusion", "Center; Pittsburgh, PA", "Pittsburgh, Pennsylvania",
                  "Phone: (412) 473-2550", "", "Tennessee Fusion Center", "Nashville, Tennessee",
                  "Phone: (877) 250-2333", "tfc@tn.gov"]


@pytest.mark.parametrize("next_page", [False, True], ids=["next column", "next page"])
def test_a_heading_wrapped_inside_its_place_at_a_column_s_foot_goes_on_at_the_next_top(next_page):
    """The first line of the next column or page reads as a place ("Antonio, TX"), but the block's
    own place line follows it: it ends the heading (as within a column), never the block's place
    line, which was then left unread ("Diego" published as San Diego's city)."""
    def draw(c):
        c.setFont("Courier", 10)
        for k, text in enumerate(_WRAPPED_LEFT):
            c.drawString(40, 740 - 12 * k, text)
        if next_page:
            c.showPage()
            c.setFont("Courier", 10)
        for k, text in enumerate(_WRAPPED_RIGHT):
            c.drawString(40 if next_page else 300, 740 - 12 * k, text)

    blocks = read_blocks(drawn_page(draw))
    assert [(heading, place) for heading, place, _ in blocks] == [
        ("Southeast Florida Fusion Center; Miami, FL", "Miami, Florida"),
        ("Southeastern Wisconsin Threat Analysis Center; Milwaukee, WI", "Milwaukee, Wisconsin"),
        ("Southern Nevada Counter-Terrorism Center (Las Vegas, Nevada)", "Las Vegas, Nevada"),
        ("Southwest Texas Fusion Center; San Antonio, TX", "San Antonio, Texas"),
        ("Southwestern PA Region 13 Fusion Center; Pittsburgh, PA", "Pittsburgh, Pennsylvania"),
        ("Tennessee Fusion Center", "Nashville, Tennessee")]
    assert blocks[3][2] == [("Phone", "(210) 207-7680"), ("Email", "swtxfusion@sanantonio.gov")]


@pytest.mark.parametrize("case", ["columns from the top", "a heading above", "table rows from the top",
                                  "columns in long runs from the top"])
def test_a_table_foot_stands_under_text(case):
    """A table that starts under text at a page's foot is read in the columns the next page shows
    it in (`layout.table_foot`); a region with no text above those columns is no such foot: the
    short last page of a listing in two columns (its blocks side by side, read as a table's two
    rows) made every page before it, one after another, a table read row by row, and a heading at a
    column's foot was read before the other column's blocks, away from its place line. But a page
    of a table without borders, row under row from its top (`min_page_table_rows` rows or more),
    is that table's: read as columns, a Writer table lost the broken ends of its cells' numbers
    ('Toll-Free: (800) 342-' / '0820'), silently. A page in columns whose blank lines happen to
    meet across them splits into runs of whole blocks, not a table's few-line rows: read row by
    row, a WeasyPrint listing gave Michigan's email and website, atop the right column, to Indiana
    at the foot of the left column's first run."""
    from pipeline.extract.pdf.layout import split_bands, table_foot
    from pipeline.extract.pdf.pages import PdfPage, Word, group_lines

    rows = [("Alpha Fusion Center", "Beta Fusion Center"), ("Columbus, Ohio", "Dayton, Ohio"),
            ("Phone: (614) 555-0100", "Phone: (937) 555-0101"), ("", ""),
            ("Gamma Fusion Center", "Delta Fusion Center"), ("Toledo, Ohio", "Akron, Ohio")]
    if case == "a heading above":
        rows = [("Ohio Fusion Centers", ""), ("", ""), *rows]
    if case == "columns in long runs from the top":  # blank lines of both columns meet twice
        rows = [row for k in range(3) for row in (
            *((f"Center {k}{j}", f"Center {k}{j} East") for j in range(3)),
            *((f"Phone: (614) 555-010{j}", f"Phone: (937) 555-010{j}") for j in range(5)), ("", ""))]
    if case == "table rows from the top":
        rows = [row for k in range(4) for row in ((f"Center {k}", "Phone: (614) 555-0100"),
                                                  (f"Columbus, Ohio {k}", "Toll-Free: (800) 342-"),
                                                  ("", "0820"), ("", ""))]
    words = []
    for k, row in enumerate(rows):
        for x, text in zip((40.0, 300.0), row):
            at = x
            for word in text.split():
                words.append(Word(word, at, at + 6.0 * len(word), 100.0 + 12 * k, 110.0 + 12 * k, "Courier", 10.0))
                at += 6.0 * (len(word) + 1)
    page = PdfPage(1, 612.0, 792.0, tuple(words), (), (), (), edges=(40.0, 300.0), space=6.0, cell=6.0)
    found = table_foot(split_bands(group_lines(words), (), 10.0), page, 10.0, (290.0,))
    if case == "a heading above":
        above, table = found
        assert [line.text for line in above] == ["Ohio Fusion Centers"] and len(table) == 2
    elif case == "table rows from the top":
        above, table = found
        assert above == [] and [[line.text for line in row] for row in table][0] == [
            "Center 0 Phone: (614) 555-0100", "Columbus, Ohio 0 Toll-Free: (800) 342-", "0820"]
        assert len(table) == 4
    else:
        assert found is None


def test_a_double_spaced_monospaced_print_under_a_list_s_end_is_no_table():
    """A text file printed monospaced in two columns (enscript), its listing double-spaced (a blank
    line between every two lines), under the end of its list set line under line: the bands are the
    lines of its columns, side by side on the print's grid, not a table's rows, though the first
    band holds two lines (read as a table, the next page's columns made the list page before it a
    table's foot, and a list item was read outside its list)."""
    from pipeline.extract.pdf.layout import Cell, cut
    from pipeline.extract.pdf.pages import group_lines, read_pages

    left = ["- Southwestern PA Region 13 Fusion Center; Pittsburgh, PA", "- St. Louis Fusion Center; St. Louis, MO",
            "", "Last Published Date: July 23, 2015", "", "Alabama Fusion Center", "", "Montgomery, Alabama", "",
            "Phone: (334) 517-2660", "", "fusion.alabama.gov", "", "Alaska Information and Analysis Center", "",
            "Anchorage, Alaska", "", "Phone: (907) 269-8900"]
    right = ["", "Phone: (512) 974-2742", "", "aric@austintexas.gov", "", "www.arictexas.org", "",
             "Boston Regional Intelligence Center; Boston, MA", "", "Boston, Massachusetts", "",
             "Phone: (617) 343-4328", "", "bric.bpd@cityofboston.gov", "", "www.mbhhsr.org/", "",
             "California State Threat Assessment Center"]

    def draw(c):
        c.setFont("Courier", 8)
        for x, column in ((41, left), (426, right)):
            for k, text in enumerate(column):
                c.drawString(x, 560 - 9 * k, text)

    pages, _ = read_pages(drawn_page(draw, landscape(A4)), "print.pdf")
    regions = cut(list(pages[0].words), pages[0], 8.0)
    assert not any(isinstance(region, Cell) for region in regions)
    lines = [line.text for region in regions for line in group_lines(region)]
    assert lines == [t for t in left + right if t]


TABBED = [("Alpha Fusion Center", "Montgomery, Alabama", "(334) 517-2660", "alpha@alabama.gov"),
          ("New Mexico All Source Intelligence Center", "Santa Fe, New Mexico", "(505) 476-9600", "nm@state.nm.us"),
          ("Beta Fusion Center", "Juneau, Alaska", "(907) 269-8900", "beta@alaska.gov")]


def _tabbed(gap: float) -> bytes:
    """Blocks of "Label:" and a value at a tab stop (x=160) under bold headings whose words stand
    `gap` points apart (a sans heading over a roman page spaces its words wider); the second
    heading's word "Source" starts at the tab stop, a word space after "All"."""
    def draw(c):
        y = 720
        for name, place, phone, email in TABBED:
            words = name.split()
            k = words.index("Source") if "Source" in words else len(words)
            c.setFont("Helvetica-Bold", 10)
            x = 160.0
            for word in reversed(words[:k]):  # the words before "Source" end a gap before the stop
                x -= gap + c.stringWidth(word, "Helvetica-Bold", 10)
            x = 72.0 if k == len(words) else x
            for word in words:
                c.drawString(x, y, word)
                x += c.stringWidth(word, "Helvetica-Bold", 10) + gap
            c.setFont("Times-Roman", 10)
            for label, value in (("Location:", place), ("Phone:", phone), ("Email:", email)):
                y -= 12
                c.drawString(72, y, label)
                c.drawString(160, y, value)
            y -= 26
    return drawn_page(draw)


def test_a_heading_whose_word_space_falls_on_a_tab_stop_is_one_line():
    """A heading set in a face that spaces its words wider than the page's text, one of its word
    spaces where the labels' values start: the line runs on across the stop as text does, never a
    column edge that cuts the name in two ("New Mexico All" / "Source Intelligence Center")."""
    assert read_blocks(_tabbed(3.7)) == [
        (name, place, [("Phone", phone), ("Email", email)]) for name, place, phone, email in TABBED]


# Capture lines 50-56 and 78-83: the list items a word processor set in two justified columns of a
# monospaced face, each item's typed bullet its first word, a gutter (13.6 pt) no wider than the
# stretched word spaces of the lines beside it.
JUSTIFIED_LEFT = ["Oregon Terrorism Information Threat Assessment Network", "Pennsylvania Criminal Intelligence Center",
                  "Puerto Rico National Security State Information Center", "Rhode Island State Fusion Center",
                  "South Carolina Information and Intelligence Center", "South Dakota Fusion Center",
                  "Southern Nevada Counter-Terrorism Center (Las Vegas, Nevada)"]
JUSTIFIED_RIGHT = ["Cincinnati/Hamilton County Regional Terrorism Early Warning Group; Cincinnati, OH",
                   "Dallas Fusion Center; Dallas, TX", "Delaware Valley Intelligence Center; Philadelphia, PA",
                   "Detroit and Southeast Michigan Information and Intelligence Center; Detroit, MI",
                   "El Paso Multi-Agency Tactical Response Information eXchange (MATRIX); El Paso, TX",
                   "Houston Regional Intelligence Service Center; Houston, TX"]


def _justified_items(c, x: float, items: list[str], width: float = 256.8, cell: float = 6.0) -> None:
    """Items set from `x` in a column `width` wide of 10-point Courier (42.8 cells), each a typed
    bullet and its text, wrapped at word spaces; every line but an item's last stretched to the
    column's edge."""
    cells = int(width // cell)
    top = 60.0
    for item in items:
        lines = bulleted_lines(item, cells)
        for k, line in enumerate(lines):
            letters = sum(len(w) for w in line) * cell
            gap = (width - letters) / (len(line) - 1) if k < len(lines) - 1 and len(line) > 1 else cell
            at = x
            for word in line:
                c.drawString(at, 792 - top, word)
                at += len(word) * cell + gap
            top += 13.0
        top += 7.0


def test_a_typed_bullet_after_a_stretched_gap_starts_the_next_column_s_item():
    """A justified line's gap before the next column's typed bullet is as wide as its own word
    spaces; a justified line holds no bullet inside it, so the gap is the gutter: the columns are
    read one after the other, each item whole ("South Carolina Information and Intelligence
    Center", its "and" at the column's edge)."""
    def draw(c):
        c.setFont("Courier", 10)
        _justified_items(c, 34.1, JUSTIFIED_LEFT)
        _justified_items(c, 304.5, JUSTIFIED_RIGHT)
    texts = [line.text for page in read_pdf(drawn_page(draw), "list.pdf").pages for line in page.lines]
    assert texts == [*JUSTIFIED_LEFT, *JUSTIFIED_RIGHT]


def test_a_monospaced_line_set_past_its_column_shows_no_column_edge():
    """A typesetter that cannot break a line in a typewriter face (its spaces do not stretch) sets
    it past its column's edge, into the gutter (TeX's overfull lines): the column still ends where
    its other lines do (27 cells), so the item the column's foot broke off ("Boston Regional", its
    next word had no room) goes on at the top of the next column, not where the overfull line ends."""
    size, cell = 10.0, 6.0
    left = ["Austin Regional Intelligence Center; Austin, TX", "Central California Intelligence Center",
            "Chicago Crime Prevention and Information Center; Chicago, IL", "Dallas Fusion Center; Dallas, TX",
            "Delaware Valley Intelligence Center; Philadelphia, PA"]
    right = ["El Paso Multi-Agency Tactical Response; El Paso, TX", "Houston Regional Intelligence Center",
             "Kansas City Fusion Center; Kansas City, MO", "Nevada Threat Analysis Center; Carson City, NV"]

    def column(c, x, first, items):
        y = 736
        for k, line in enumerate(first):
            c.drawString(x, y, line)
            y -= size * 1.2
        for item in items:
            c.circle(x - 5, y + size * 0.3, size * 0.15, stroke=0, fill=1)
            for line in item:
                c.drawString(x, y, line)
                y -= size * 1.2

    def draw(c):
        c.setFont("Courier-Bold", size)
        c.drawString(54, 760, "Recognized Fusion Centers")
        c.setFont("Courier", size)
        wrapped = [textwrap.wrap(item, 27, break_on_hyphens=False) for item in left]
        column(c, 66, [], [*wrapped, ["North Central Texas Fusion Center;", "McKinney, TX"], ["Boston Regional"]])
        column(c, 66 + 34.5 * cell, ["Intelligence Center; Boston, MA"],
               [textwrap.wrap(item, 27, break_on_hyphens=False) for item in right])
    entries = read_entries(drawn_page(draw))
    assert ("Boston Regional Intelligence Center", "recognized", "Boston", "MA") in entries
    assert len(entries) == len(left) + len(right) + 2


def test_columns_of_blocks_whose_headings_meet_at_one_height_are_no_table():
    """Blocks in two columns on one grid of baselines, 11-point text, headings in 13-point type a
    paragraph's space below the line above, a hair either side of `paragraph_em` as the printer
    rounds it (4.3 points, and 4.5 where both columns' headings meet at one height). The page
    parts into two bands there, each a column of whole blocks whose lines stand nearly as far
    apart as the bands: no table's two rows (read row by row, the block at the left column's
    foot, Delta, lost its place, phone and email atop the right column to the block before it)."""
    left = [("Alpha Fusion Center", ["Columbus, Ohio", "Phone: (614) 555-0100", "alpha@ohio.gov", "www.alpha.gov"]),
            ("Beta Fusion Center", ["Dayton, Ohio", "Phone: (937) 555-0101", "Fax: (937) 555-0102",
                                    "beta@ohio.gov", "www.beta.gov"]),
            ("Gamma Fusion Center", ["Toledo, Ohio", "Phone: (419) 555-0103", "gamma@ohio.gov", "www.gamma.gov"]),
            ("Delta Fusion Center", [])]
    right = [("", ["Lakewood, Colorado", "Phone: (303) 555-0104", "delta@colorado.gov", "www.delta.gov"]),
             ("Epsilon Fusion Center", ["Akron, Ohio", "Phone: (330) 555-0105", "Fax: (330) 555-0106",
                                        "Toll-Free: (800) 555-0107", "epsilon@ohio.gov", "www.epsilon.gov"]),
             ("Zeta Fusion Center", ["Canton, Ohio", "Phone: (330) 555-0108", "zeta@ohio.gov", "www.zeta.gov"]),
             ("Eta Fusion Center", ["Parma, Ohio", "Phone: (440) 555-0109", "eta@ohio.gov", "www.eta.gov"])]
    meet = {"Gamma Fusion Center", "Zeta Fusion Center"}

    def draw(c):
        for x, blocks in ((54, left), (318, right)):
            y = 740
            for k, (heading, body) in enumerate(blocks):
                if heading:
                    if k:  # box to box: 13 + extra - 12.566 (13-point box over an 11-point one)
                        y -= (4.5 if heading in meet else 4.3) - 0.434
                    c.setFont("Times-Roman", 13)
                    c.drawString(x, y, heading)
                    y -= 13
                c.setFont("Times-Roman", 11)
                for line in body:
                    c.drawString(x, y, line)
                    y -= 13
    got = read_blocks(drawn_page(draw))
    assert [(heading, place) for heading, place, _ in got] == [
        ("Alpha Fusion Center", "Columbus, Ohio"), ("Beta Fusion Center", "Dayton, Ohio"),
        ("Gamma Fusion Center", "Toledo, Ohio"), ("Delta Fusion Center", "Lakewood, Colorado"),
        ("Epsilon Fusion Center", "Akron, Ohio"), ("Zeta Fusion Center", "Canton, Ohio"),
        ("Eta Fusion Center", "Parma, Ohio")]
    assert got[3][2] == [("Phone", "(303) 555-0104"), ("Email", "delta@colorado.gov"), ("Website", "www.delta.gov")]




@pytest.mark.parametrize("opens", ["a closing line", "the listing's title"])
def test_a_list_s_closing_lines_at_a_column_s_foot_are_read_before_the_next_column(opens):
    """A list in the first column ends with the page's closing lines, a paragraph gap under its last
    item and lower than the next column's end; the next column opens with the rest of the closing
    lines ("Was this page helpful?"), or with the listing's title (no list item in it): those lines
    are the first column's own, read before the next column, not a footer under both columns read
    after it (the listing's blocks on the next page were cut off from it)."""
    items = ["Austin Regional Intelligence Center; Austin, TX", "Boston Regional Intelligence Center; Boston, MA",
             "Central California Intelligence Center; Sacramento, CA",
             "Central Florida Intelligence Exchange; Orlando, FL", "Dallas Fusion Center; Dallas, TX",
             "Delaware Valley Intelligence Center; Philadelphia, PA", "Houston Regional Intelligence Service Center; Houston, TX",
             "Los Angeles Joint Regional Intelligence Center; Los Angeles, CA", "Nevada Threat Analysis Center; Carson City, NV",
             "North Central Texas Fusion Center; McKinney, TX"]
    closing = ["Last Published Date: July 23, 2015", "Was this page helpful?"]
    below = closing if opens == "the listing's title" else closing[:1]

    def block(c, x, y, heading, place, values):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(x, y, heading)
        c.setFont("Helvetica", 8)
        for k, (label, text) in enumerate([("", place), *values]):
            c.drawString(x, y - 12 - 10 * k, f"{label}: {text}" if label in ("Phone", "Fax", "Toll-Free") else text)
        return y - 12 - 10 * (len(values) + 1) - 8

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica-Bold", 12)
    c.drawString(54, 740, "Recognized Fusion Centers")
    c.setFont("Helvetica", 8)
    y = 720
    for item in items:
        c.circle(58, y + 2.4, 1.2, stroke=0, fill=1)
        c.drawString(64, y, item)
        y -= 10
    y -= 8
    for text in below:
        c.drawString(54, y, text)
        y -= 14
    y = 740
    if opens == "a closing line":
        c.drawString(320, y, closing[1])
        y -= 18
    c.setFont("Helvetica-Bold", 14)
    c.drawString(320, y, "Fusion Centers")
    block(c, 320, y - 20, *LISTING_BLOCKS[0])
    c.showPage()
    block(c, 54, 740, *LISTING_BLOCKS[1])
    block(c, 54, 660, *LISTING_BLOCKS[2])
    c.showPage()
    c.save()
    data = buf.getvalue()
    assert read_blocks(data) == LISTING_BLOCKS
    listed = [(name, *place.split(", ")) for name, place in (item.rsplit("; ", 1) for item in items)]
    assert read_entries(data) == [(name, "recognized", city, state) for name, city, state in listed]


def test_a_page_of_columns_before_a_page_whose_blocks_stand_in_rows_is_read_in_its_columns(capture_extraction):
    """A listing in two columns: on the first page, a block broken at the first column's foot goes
    on atop the second (Arizona's email and website), and both columns' blank lines meet under
    those two lines and twice near the foot, so the page stands in runs of 2, 13, 6 and 4 lines;
    the next page's blocks stand side by side in rows, as a table's would. The first page is
    still its columns (its long run is no table's row: it holds most of the page's lines), and
    Arizona keeps its values."""
    blocks = {b.heading: b for b in capture_extraction.blocks}
    # The listing's first seven blocks, then six whose headings fit a column on one line.
    names = [capture_extraction.blocks[k].heading for k in (0, 1, 2, 3, 4, 5, 6, 8, 11, 12, 13, 14, 18)]

    def draw(c, x, y, lines, heading=True):
        for k, text in enumerate(lines):
            c.setFont("Helvetica-Bold" if heading and k == 0 else "Helvetica", 9)
            c.drawString(x, y - 11 * k, text)
        return y - 11 * len(lines) - 8

    def whole(name):
        return [name, blocks[name].location.text, *(f.raw for f in blocks[name].fields)]

    alabama, alaska, arizona, arkansas, austin, boston, california = (whole(name) for name in names[:7])
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(54, 740, "Fusion Centers")
    draw(c, 310, 740, arizona[4:], heading=False)  # the rest of the block at the first column's foot
    draw(c, 54, draw(c, 54, 710, alabama), alaska)  # its blank lines meet none of the next column's
    draw(c, 310, draw(c, 310, 710, arkansas), austin)
    draw(c, 54, 562, boston)  # both columns' blank lines meet above these two blocks
    draw(c, 310, 562, california)
    draw(c, 54, 488, arizona[:4])  # and above the first column's last block
    c.showPage()
    for row, (left, right) in enumerate(zip(names[7::2], names[8::2])):
        draw(c, 54, 740 - 90 * row, whole(left))
        draw(c, 310, 740 - 90 * row, whole(right))
    c.showPage()
    c.save()
    got = {heading: (place, fields) for heading, place, fields in read_blocks(buf.getvalue())}
    assert got == {name: (blocks[name].location.text, [(f.label, f.text) for f in blocks[name].fields])
                   for name in names}


def test_a_justified_heading_line_at_a_column_s_foot_under_short_lines_is_one_line():
    """Headings in larger type justified to their column's edge, values in body type: at the first
    column's foot a heading's second line holds two words, its one gap stretched wide
    ("Commonwealth          Fusion"), under value lines that all end far left of its last word;
    its end ("Center") opens the next column. The gap is a word space, not a gutter before a column
    of one word: the line ends at its column's edge, where the page's other justified lines end."""
    right_edge, body, large = 200.0, 9.5, 11.0

    def justified(c, words, x, y):
        widths = [c.stringWidth(w, "Helvetica-Bold", large) for w in words]
        gap = (right_edge - x - sum(widths)) / (len(words) - 1)
        c.setFont("Helvetica-Bold", large)
        for w, width in zip(words, widths):
            c.drawString(x, y, w)
            x += width + gap

    def block(c, x, y, heading, values):
        for line in heading:
            if isinstance(line, tuple):
                justified(c, line, x, y)
            else:
                c.setFont("Helvetica-Bold", large)
                c.drawString(x, y, line)
            y -= 14
        c.setFont("Helvetica", body)
        for value in values:
            c.drawString(x, y, value)
            y -= 12
        return y - 8

    def draw(c):
        y = 740
        y = block(c, 40, y, [("Kentucky", "Intelligence"), "Fusion Center"],
                  ["Frankfort, Kentucky", "Phone: (502) 564-2081", "fusioncenter@ky.gov"])
        y = block(c, 40, y, [("Louisiana", "State"), ("Analytical", "&", "Fusion"), "Exchange"],
                  ["Baton Rouge, Louisiana", "Phone: (225) 925-4192", "lafusion.center@dps.la.gov"])
        y = block(c, 40, y, [("Maryland", "Coordination"), "and Analysis Center"],
                  ["Woodlawn, Maryland", "Phone: (800) 492-8477", "mdwatch@leo.gov"])
        block(c, 40, y, ["Massachusetts", ("Commonwealth", "Fusion")], [])
        y = block(c, 220, 740, ["Center"], ["Maynard, Massachusetts", "Phone: (978) 451-3711",
                                            "fusion@massmail.state.ma.us"])
        block(c, 220, y, ["Michigan Intelligence", "Operations Center"],
              ["Lansing, Michigan", "Phone: (517) 241-8000", "mioc@michigan.gov"])
    assert [(heading, place) for heading, place, _ in read_blocks(drawn_page(draw))] == [
        ("Kentucky Intelligence Fusion Center", "Frankfort, Kentucky"),
        ("Louisiana State Analytical & Fusion Exchange", "Baton Rouge, Louisiana"),
        ("Maryland Coordination and Analysis Center", "Woodlawn, Maryland"),
        ("Massachusetts Commonwealth Fusion Center", "Maynard, Massachusetts"),
        ("Michigan Intelligence Operations Center", "Lansing, Michigan")]


def test_rules_under_one_column_s_headings_level_with_the_other_s_lines_part_no_table_rows(capture_extraction):
    # Two columns of blocks, each heading ruled off below; the first two rules meet at one height
    # (a rule across the page), the others stand level with lines of the other column. Read as a
    # table's rows, New Mexico's heading (at the foot of a row's left cell) took Minnesota's block.
    data = (Path(__file__).resolve().parents[1] / "fixtures" / "pdf" / "ruled_headings_columns.pdf").read_bytes()
    expected = [(b.heading.upper(), b.location.text, [(f.label, f.text) for f in b.fields])
                for b in capture_extraction.blocks[36:52]]
    assert expected[0][0] == "MINNESOTA FUSION CENTER"
    assert read_blocks(data, "ruled_headings_columns.pdf") == expected


def test_two_buttons_side_by_side_in_one_column_do_not_frame_the_next_column_s_lines():
    # A feedback form's "Yes" and "No" buttons at the top of the left column, the right column's
    # first block beside them: the boxes stand in the left column, and Boston keeps its heading.
    right = [("Boston Regional Intelligence Center; Boston, MA", "Boston, Massachusetts",
              [("Phone", "(617) 343-4328"), ("Email", "bric.bpd@cityofboston.gov")]),
             ("Chicago Crime Prevention and Information Center; Chicago, IL", "Chicago, Illinois",
              [("Phone", "(312) 745-5669"), ("Email", "cpic@chicagopolice.org")])]

    def column(c, x, y, blocks):
        for heading, place, fields in blocks:
            c.setFont("Times-Roman", 11)
            c.drawString(x, y, heading)
            y -= 12
            c.setFont("Times-Roman", 8)
            for line in [place] + [f"{k}: {v}" if k not in ("Email", "Website") else v for k, v in fields]:
                c.drawString(x, y, line)
                y -= 10
            y -= 8

    def draw(c):
        c.setLineWidth(0.7)
        for x0, x1, word in ((29, 169, "Yes"), (171, 311, "No")):
            c.rect(x0, 562, x1 - x0, 11)
            c.setFont("Times-Roman", 6)
            c.drawCentredString((x0 + x1) / 2, 565, word)
        c.setFont("Times-Bold", 14)
        c.drawString(29, 540, "Fusion Centers")
        column(c, 29, 520, LISTING_BLOCKS)
        column(c, 420, 566, right)

    assert read_blocks(drawn_page(draw, landscape(A4))) == LISTING_BLOCKS + right


def test_a_title_in_larger_type_over_the_next_column_s_edge_is_no_line_of_that_column():
    # A title in 13-point bold across the top, its last word over the second column's edge (a
    # column edge that the title's "Contact" runs across): read as a line of the second column,
    # "Information" became the heading of Boston's block.
    right = [("Boston Regional Intelligence Center; Boston, MA", "Boston, Massachusetts",
              [("Phone", "(617) 343-4328"), ("Email", "bric.bpd@cityofboston.gov")]),
             ("Chicago Crime Prevention and Information Center", "Chicago, Illinois",
              [("Phone", "(312) 745-5669"), ("Email", "cpic@chicagopolice.org")]),
             ("Dallas Fusion Center; Dallas, TX", "Dallas, Texas",
              [("Phone", "(214) 671-3482"), ("Email", "dallas.fusion@dpd.ci.dallas.tx.us")])]

    def column(c, x, y, blocks):
        for heading, place, fields in blocks:
            c.setFont("Times-Bold", 8.5)
            c.drawString(x, y, heading)
            y -= 10
            c.setFont("Times-Roman", 8)
            for line in [place] + [f"{k}: {v}" for k, v in fields]:
                c.drawString(x, y, line)
                y -= 9.5
            y -= 9

    def draw(c):
        c.setFont("Times-Bold", 13)
        c.drawString(31, 760, "Fusion Center Locations and Contact Information")
        column(c, 31, 740, LISTING_BLOCKS)
        column(c, 222, 740, right)

    assert read_blocks(drawn_page(draw)) == LISTING_BLOCKS + right


def test_a_heading_line_whose_word_starts_inside_a_label_column_s_gutter_is_not_clear_of_it():
    # A letter-spaced heading over label/value lines: "CINCINNATI/" ends just past the gutter's
    # middle and "HAMILTON" starts inside the gutter's band, short of the values' edge (x 379.3):
    # the heading runs across, no line of either column (cut at the gutter, its two halves were read
    # as a label column's lines and a value column's).
    from pipeline.extract.pdf.layout import _clear_of
    from pipeline.extract.pdf.pages import TextLine, Word

    def line(top, *words):
        return TextLine(tuple(Word(t, x0, x1, top, top + 7.5, "NimbusSans-Bold", 7.5) for t, x0, x1 in words))

    run = [line(104.0, ("Location", 317.3, 349.2), ("Chicago,", 379.3, 412.6)),
           line(115.0, ("Phone", 317.3, 341.7), ("(312)", 379.3, 399.2), ("745-5669", 401.5, 437.5))]
    heading = [line(142.7, ("CINCINNATI/", 317.3, 371.1), ("HAMILTON", 372.3, 417.2), ("COUNTY", 421.1, 457.3)),
               line(150.2, ("TERRORISM", 317.3, 369.4), ("EARLY", 373.3, 401.4))]
    assert not _clear_of(heading, run, [364.25], 2.36)
    assert _clear_of([line(161.6, ("Location", 317.3, 349.2), ("Cincinnati,", 379.3, 418.9))], run, [364.25], 2.36)


def test_a_name_between_two_drawn_tables_is_no_row_of_the_table_the_page_before_ended_with():
    # A Writer page of label/value tables, each under its center's name; the table the page before
    # ended with goes on at the top (its gutter carried over, 222.2 points: a word gap of
    # Minnesota's name). Only the page's first run can be that table's rows: cut at the carried
    # gutter, "37. Minnesota Fusion" / "Center" became two cells, and "Center" a phantom center.
    from pipeline.extract.pdf.layout import cut
    from pipeline.extract.pdf.pages import group_lines, read_pages
    pages, _ = read_pages((Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
                           / "writer_label_tables_page.pdf").read_bytes(), "page.pdf")
    regions = [" / ".join(line.text for line in group_lines(region))
               for region in cut(pages[0].words, pages[0], 10.0, (222.234,), columns_start=(90.1, 306.1))]
    assert "37. Minnesota Fusion Center" in regions and "Center" not in regions
    assert "38. Mississippi Analysis and Information Center" in regions


_THREE = (62.0, 225.0, 387.0)  # where the columns start on every page


def _three_columns_then(last) -> bytes:
    """A page of three columns of blocks (no two at one height: no table's rows), then a last page
    that `last` draws: too few lines to tell its columns by itself."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for k, x in enumerate(_THREE):
        y = 780
        for j, name in enumerate(("Alpha", "Beta", "Gamma", "Delta", "Eta", "Theta", "Iota", "Kappa", "Zeta")[3 * k:3 * k + 3]):
            c.setFont("Helvetica-Bold", 11)
            c.drawString(x, y, f"{name} Fusion Center")
            c.setFont("Helvetica", 11)
            for line in (f"{name}ville, Alabama", "Phone: (334) 517-2660", *["Fax: (334) 517-2661"] * ((j + k) % 3),
                         f"info@{name.lower()}.gov"):
                y -= 14
                c.drawString(x, y, line)
            y -= 22
    c.showPage()
    last(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _stretched_heading(c) -> None:
    """A bold heading whose first line of two words is justified across its column (148 points)."""
    words = ("Omega", "Statewide")
    gap = 148.0 - sum(c.stringWidth(w, "Helvetica-Bold", 11) for w in words)
    c.setFont("Helvetica-Bold", 11)
    c.drawString(_THREE[0], 780, words[0])
    c.drawRightString(_THREE[0] + 148.0, 780, words[1])
    assert gap > 50  # five em: as wide as a gutter, and more
    c.drawString(_THREE[0], 766, "Fusion Center")
    c.setFont("Helvetica", 11)
    c.drawString(_THREE[1], 780, "Omegaville, Alabama")
    c.drawString(_THREE[1], 766, "Phone: (334) 517-2662")
    c.drawString(_THREE[2], 780, "info@omega.gov")


def _headings_in_a_row(c) -> None:
    """A block atop each column, its bold heading's two lines set 20 points apart, its values at
    14 (one place line wrapped): the columns' lines stand at one height by chance."""
    for x, (name, kind) in zip(_THREE, (("Omega", "State"), ("Psi", "Regional"), ("Chi", "County"))):
        c.setFont("Helvetica-Bold", 11)
        c.drawString(x, 780, f"{name} {kind}")
        c.drawString(x, 760, "Fusion Center")
        c.setFont("Helvetica", 11)
        place = ["Psiville, West", "Virginia"] if name == "Psi" else [f"{name}ville, Alabama"]
        for k, line in enumerate([*place, "Phone: (334) 517-2662", f"info@{name.lower()}.gov"]):
            c.drawString(x, 742 - 14 * k, line)


@pytest.mark.parametrize(("last", "blocks"), [
    pytest.param(_stretched_heading, [("Omega Statewide Fusion Center", "Omegaville, Alabama",
                                       [("Phone", "(334) 517-2662"), ("Email", "info@omega.gov")])],
                 id="a justified heading line's one gap"),
    pytest.param(_headings_in_a_row, [
        ("Omega State Fusion Center", "Omegaville, Alabama", [("Phone", "(334) 517-2662"), ("Email", "info@omega.gov")]),
        ("Psi Regional Fusion Center", "Psiville, West Virginia",
         [("Phone", "(334) 517-2662"), ("Email", "info@psi.gov")]),
        ("Chi County Fusion Center", "Chiville, Alabama", [("Phone", "(334) 517-2662"), ("Email", "info@chi.gov")])],
                 id="columns in rows by chance"),
])
def test_a_last_page_of_few_lines_is_read_in_the_document_s_columns(last, blocks):
    """Seed 71206601, layouts 1983735351 and 1458653805: a three-column document's last page shows
    two to eight lines a column. A justified heading line's one stretched gap ("Wisconsin
    Statewide") was cut as a gutter (the heading read as "Information Center Statewide"), and
    three blocks whose two-line headings line up were read as a table's rows ("Washington State
    Fusion" / "West Virginia Intelligence" / ...): the page goes on in the columns the first shows."""
    assert read_blocks(_three_columns_then(last))[-len(blocks):] == blocks


def test_a_plain_heading_broken_at_a_column_s_foot_goes_on_atop_the_next_column_with_its_last_line():
    """A listing in columns, its headings in the body's plain type: the first column ends with a
    heading's first line ("U.S. Virgin Islands Fusion"), a paragraph gap under the block above and
    under the end of the next column, which opens with the heading's last line ("Center") and then
    the place line. The line is no footer under the columns: read after them, the center lost its
    heading, and "Center" was published as a center of its own."""
    texas = ["Texas Joint Crime Information", "Center", "Austin, Texas", "Phone: (866) 786-5972",
             "TXJCIC@dps.texas.gov"]
    virgin = ["Center", "St. Thomas, Virgin Islands", "Phone: (340) 776-3013", "fusioncenter@vitema.vi.gov"]

    def column(c, x, blocks):
        y = 780
        for block in blocks:
            for line in block:
                c.drawString(x, y, line)
                y -= 12.6
            y -= 8
        return y

    def draw(c):
        c.setFont("Helvetica", 10.5)
        y = column(c, 56, [[f"Ohio Fusion Center {k}", "Columbus, Ohio", f"Phone: (614) 555-01{k:02d}",
                            f"center{k}@ohio.gov"] for k in range(5)] + [texas])
        c.drawString(56, y, "U.S. Virgin Islands Fusion")  # under Texas's block and the next column's end
        column(c, 230, [virgin] + [[f"Utah Fusion Center {k}", "Sandy, Utah", f"Phone: (801) 555-01{k:02d}",
                                    f"center{k}@utah.gov", "www.utah.gov"] for k in range(4)])
    blocks = read_blocks(drawn_page(draw))
    assert ("U.S. Virgin Islands Fusion Center", "St. Thomas, Virgin Islands",
            [("Phone", "(340) 776-3013"), ("Email", "fusioncenter@vitema.vi.gov")]) in blocks
    assert [b[0] for b in blocks][5:7] == ["Texas Joint Crime Information Center", "U.S. Virgin Islands Fusion Center"]
