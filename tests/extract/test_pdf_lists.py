"""The two-list page (Primary and Recognized Fusion Centers) read from prints whose type and
columns put its headings and items where a reading order can go wrong: each test draws the case
with ReportLab (no converter needed) and checks every entry with its designation."""
from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import A4, landscape

from pipeline.extract.pdf import extract_pdf
from pipeline.extract.pdf.layout import edge_gutters
from pipeline.extract.pdf.pages import read_pages
from tests.extract.drawn import bulleted_lines, drawn_page, read_blocks, read_entries


@pytest.fixture(scope="module")
def lists(capture_lines) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The capture's primary names, and its recognized (name, city, state)."""
    primary = [t[2:] for t in capture_lines[13 - 1:67] if t.startswith("- ")]
    recognized = [(name, *place.split(", ")) for name, place in
                  (t[2:].rsplit("; ", 1) for t in capture_lines[73 - 1:97] if t.startswith("- "))]
    return primary, recognized


def _paragraph(c, text: str, x: float, right: float, y: float, size: float, leading: float,
               edge: tuple[int, str, float] | None = None) -> float:
    """`text` set justified in Times-Roman from `x` to `right`, its last line ragged; `edge` (line,
    word, x): that line starts with that word and sets its spaces so that its second word starts
    at x (a word space: the line reads on across it). The y under it."""
    words, lines = text.split(), []
    while words:
        line = [words.pop(0)]
        while words and c.stringWidth(" ".join([*line, words[0]]), "Times-Roman", size) <= right - x:
            line.append(words.pop(0))
        lines.append(line)
    if edge is not None:
        number, word, at = edge
        lines[number] = [word, *lines[number]]
    c.setFont("Times-Roman", size)
    for k, line in enumerate(lines):
        widths = [c.stringWidth(w, "Times-Roman", size) for w in line]
        if edge is not None and k == edge[0]:
            gap = edge[2] - x - widths[0]
        elif k + 1 < len(lines):
            gap = (right - x - sum(widths)) / (len(line) - 1)
        else:
            gap = c.stringWidth(" ", "Times-Roman", size)
        left = x
        for word, width in zip(line, widths):
            c.drawString(left, y, word)
            left += width + gap
        y -= leading
    return y


def test_a_paragraph_word_that_starts_at_the_items_text_edge_makes_no_column(capture_lines, lists):
    """Typed bullets, the items' text one space after them, and a justified paragraph above whose
    line has a word that happens to start at that text edge (the line reads on across it at its
    own word spaces): no column edge. Cut there, the heading read "Primary" / "Fusion Centers"
    and the list was refused."""
    primary, _ = lists
    first = capture_lines[7 - 1].replace("[", "").replace("](#)", "").replace("\\", "")
    second = capture_lines[9 - 1].replace("[", "").replace("](#)", "").replace("\\", "")

    def draw(c):
        c.setFont("Times-Bold", 14)
        c.drawString(40, 760, "Fusion Center Locations and Contact Information")
        y = _paragraph(c, first, 40, 480, 735, 8, 10, edge=(2, "operated", 70.0))  # a space of 0.31 em
        y = _paragraph(c, second, 40, 480, y - 6, 8, 10)
        c.setFont("Times-Bold", 11)
        c.drawString(40, y - 12, "Primary Fusion Centers")
        c.setFont("Times-Roman", 8)
        y -= 30
        for name in primary:
            c.drawString(65.2, y, "\u2022")
            c.drawString(70.0, y, name)
            y -= 10
    data = drawn_page(draw)
    pages, _ = read_pages(data, "list.pdf")
    assert edge_gutters(pages[0].words, pages[0], 8.0) == []
    assert read_entries(data) == [(name, "primary", "", "") for name in primary]


def test_a_framed_box_in_one_column_does_not_cut_both_columns_across(lists):
    """Two columns whose paragraph gaps stand at the same heights; the right one holds boxes drawn
    round buttons ("Yes", "No") beside the left column's paragraph. The columns are read one after
    the other: the left column's recognized items under the boxes come before the right column's
    above them (cut across at the boxes, the right column's items were read first and the list
    heading after the items it heads: refused)."""
    primary, recognized = lists
    left_items, right_items = recognized[:18], recognized[18:]

    def draw(c):
        c.setFont("Helvetica-Bold", 13)
        c.drawString(40, 572, "Primary Fusion Centers")
        c.drawString(40, 476, "Recognized Fusion Centers")
        c.setFont("Helvetica", 8)
        for k, name in enumerate(primary[-6:]):
            c.drawString(40, 550 - 10 * k, "\u2022 " + name)
        for k, line in enumerate(("As the Federal Government respects the authority of state",
                                  "governments to designate fusion centers, any designated fusion",
                                  "center is referred to as a recognized fusion center.")):
            c.drawString(40, 452 - 10 * k, line)
        for k, (name, city, state) in enumerate(left_items):
            c.drawString(40, 396 - 10 * k, f"\u2022 {name}; {city}, {state}")
        for k, (name, city, state) in enumerate(right_items):  # the list goes on at the right column's top
            c.drawString(430, 572 - 10 * k, f"\u2022 {name}; {city}, {state}")
        c.drawString(430, 476, "Last Published Date: July 23, 2015")
        c.drawString(430, 452, "Was this page helpful?")
        for y, word in ((432, "Yes"), (414, "No")):
            c.rect(430, y - 4, 210, 16, stroke=1, fill=0)
            c.drawCentredString(535, y, word)
        c.setFont("Helvetica-Bold", 13)
        c.drawString(430, 390, "Fusion Centers")
        c.setFont("Helvetica", 8)
        for k, line in enumerate(("Alabama Fusion Center", "Montgomery, Alabama", "Phone: (334) 517-2660")):
            c.drawString(430, 370 - 10 * k, line)
    got = read_entries(drawn_page(draw, landscape(A4)))
    assert got == [(name, "primary", "", "") for name in primary[-6:]] + [
        (name, "recognized", city, state) for name, city, state in left_items + right_items]


# Capture lines 105-149: the first rows of the listing, as a bordered table's cells.
TABLE_ROWS = [
    (["Alabama Fusion Center", "Montgomery, Alabama"],
     ["Phone: (334) 517-2660", "Fax: (334) 517-2746"], ["fusioncenter@alacop.gov", "fusion.alabama.gov"]),
    (["Alaska Information and Analysis Center", "Anchorage, Alaska"],
     ["Phone: (907) 269-8900", "Toll-Free: (855) 692-5425"], ["AKIAC@alaska.gov"]),
    (["Arizona Counter Terrorism Information Center", "Phoenix, Arizona"],
     ["Phone: (602) 644-5805", "Toll-Free: (877) 272-8329"], ["actic@azdps.gov", "www.azdps.gov"]),
    (["Arkansas State Fusion Center", "Little Rock, Arkansas"],
     ["Phone: (501) 618-8001", "Toll-Free: (866) 787-2332"], ["arfusioncenter@asp.arkansas.gov"]),
]


@pytest.mark.parametrize("item", ["Cincinnati/Hamilton", "Detroit and"])
def test_list_items_over_a_table_whose_column_edges_their_words_start_at_keep_their_places(lists, item):
    """A list over a bordered table (as a browser prints the page): a long item's place ("Cincinnati,
    OH") starts one word space after its name, right where the table's second column's text starts,
    and a word of the paragraph above starts where its third column's does. Those lines run across
    the table's column edges at their own word spaces: they stand in no columns, and the item keeps
    its place (cut there, the places were read as a list of their own: "…Early Warning Group;" with
    no place, silent)."""
    _, recognized = lists
    size, leading = 7.5, 9.0
    text = ("As the Federal Government respects the authority of state governments to designate fusion "
            "centers, any designated fusion center, including major urban area fusion centers, not "
            "designated as a primary fusion center is referred to as a recognized fusion center.")
    first, _, second = text.partition(" including")

    def draw(c):
        c.setFont("Helvetica-Bold", 11)
        c.drawString(40, 780, "Recognized Fusion Centers")
        c.setFont("Helvetica", size)
        c.drawString(40, 760, first)
        c.drawString(40, 760 - leading, "including" + second)
        y, edge = 760 - 2 * leading - 6, 0.0
        for name, city, state in recognized:
            c.drawString(60, y, "\u2022")
            c.drawString(70, y, f"{name}; {city}, {state}")
            if name.startswith(item):
                edge = 70 + c.stringWidth(f"{name}; ", "Helvetica", size)
            y -= leading
        starts = [40 + c.stringWidth(first[:k + 1], "Helvetica", size) for k, ch in enumerate(first) if ch == " "]
        third = min(x for x in starts if x > edge + 90)
        right = 40 + c.stringWidth(first, "Helvetica", size)  # the table as wide as the text
        c.setFont("Helvetica-Bold", 11)
        c.drawString(40, y - 12, "Fusion Centers")
        y -= 24
        for cells in TABLE_ROWS * 4:  # the table's rows down the page: its column edges
            height = leading * max(len(lines) for lines in cells) + 6
            for (x0, x1), lines in zip(((40, edge - 4), (edge - 4, third - 4), (third - 4, right)), cells):
                c.rect(x0, y - height, x1 - x0, height, stroke=1, fill=0)
                for k, line in enumerate(lines):
                    c.setFont("Helvetica-Bold" if k == 0 and x0 == 40 else "Helvetica", size)
                    c.drawString(x0 + 4, y - 3 - 0.8 * size - leading * k, line)
            y -= height
    got = read_entries(drawn_page(draw))
    assert got == [(name, "recognized", city, state) for name, city, state in recognized]


def test_a_long_item_that_runs_over_the_next_column_s_larger_heading_keeps_its_words(lists):
    """A typewriter face: a list item too long for its column runs a point over the first word
    of the next column's heading, set larger. The two are no one word: the item ends with
    "(Washington," and "D.C.)", and the heading starts with "Austin"."""
    primary, _ = lists
    name = "Washington Regional Threat and Analysis Center (Washington, D.C.)"
    assert name in primary
    before = [t for t in primary[:primary.index(name)] if len(t) <= 50][-40:]
    head, tail = name.rsplit(" ", 1)

    def draw(c):
        c.setFont("Courier-Bold", 10)
        c.drawString(40, 575, "Primary Fusion Centers")
        y = 560
        for text in [*before, head, tail]:
            c.setFont("Courier", 8)
            if text != tail:
                c.drawString(47, y, "\u2022")
            c.drawString(55.2, y, text)
            if text == head:
                width = c.stringWidth(text, "Courier", 8)
                right = 55.2 + width - 1.0  # the right column starts a point inside the item's last word
                c.setFont("Courier", 10)
                c.drawString(right, y + 1.5, "Austin Regional Intelligence Center; Austin, TX")
                c.setFont("Courier", 8)
                for k, line in enumerate(["Austin, Texas", "Phone: (512) 974-2742", "aric@austintexas.gov",
                                          "www.arictexas.org"]):
                    c.drawString(right, y - 9.5 * (k + 1), line)
                for k in range(40):  # the right column's blocks above, in their lines: its edge
                    line = [primary[k // 5], "Dover, Delaware", f"Phone: (302) 739-{5900 + k}",
                            f"center{k // 5}@delaware.gov", ""][k % 5]
                    c.setFont("Courier", 10 if k % 5 == 0 else 8)
                    c.drawString(right, 560 - 9.5 * k + (1.5 if k % 5 == 0 else 0), line)
            y -= 9.5
    read = extract_pdf(drawn_page(draw, landscape(A4)), "list.pdf", "")
    assert (name, "primary") in [(e.name, e.designation) for e in read.list_entries]
    assert "Austin Regional Intelligence Center; Austin, TX" in [b.heading for b in read.blocks]


@pytest.mark.parametrize("heading", [
    ["Los Angeles Joint Regional Intelligence Center:  Los Angeles,", "CA"],
    # its whole end in the gutter: three words, as many as a column's line may hold
    ["Los Angeles Joint Regional Intelligence Center:  Los Angeles, CA"],
], ids=["two words", "three words"])
def test_a_heading_s_end_set_into_the_gutter_stays_on_its_line(heading):
    """A typewriter heading set overfull ("…Center:  Los Angeles,", "…Center:  Los Angeles, CA")
    ends in the gutter between the columns, its last words nearer their line than the next column:
    they are no column of their own, and are not read into the next column's first heading, nor
    after the column (the heading then ran on into its place line: "…Center: Norwalk, California")."""
    def draw(c):
        c.setFont("Courier", 9)
        left = [["Kentucky Intelligence Fusion Center", "Frankfort, Kentucky", "Phone: (502) 564-2081",
                 "fusioncenter@ky.gov"],
                [*heading, "Norwalk, California", "Phone: (562) 345-1100", "jric@jric.org"],
                ["Louisiana State Analytical & Fusion Exchange", "Baton Rouge, Louisiana",
                 "Phone: (225) 925-4192", "lafusion.center@dps.la.gov"],
                ["Maine Information and Analysis Center", "Augusta, Maine", "Phone: (207) 624-7280",
                 "intel.msp@maine.gov"]]
        right = [["Massachusetts Commonwealth Fusion Center", "Maynard, Massachusetts", "Phone: (978) 451-3711",
                  "fusion@massmail.state.ma.us"],
                 ["Michigan Intelligence Operations Center", "Lansing, Michigan", "Phone: (517) 241-8000",
                  "mioc@michigan.gov"],
                 ["Minnesota Fusion Center", "St. Paul, Minnesota", "Phone: (651) 793-3730",
                  "info@icefishx.org"]]
        for blocks, x, y in ((left, 51, 540), (right, 429, 560)):
            for block in blocks:
                for line in block:
                    c.drawString(x, y, line)
                    y -= 10.5
                y -= 8
    got = read_blocks(drawn_page(draw, landscape(A4)))
    assert [(h, p) for h, p, _ in got] == [
        ("Kentucky Intelligence Fusion Center", "Frankfort, Kentucky"),
        ("Los Angeles Joint Regional Intelligence Center: Los Angeles, CA", "Norwalk, California"),
        ("Louisiana State Analytical & Fusion Exchange", "Baton Rouge, Louisiana"),
        ("Maine Information and Analysis Center", "Augusta, Maine"),
        ("Massachusetts Commonwealth Fusion Center", "Maynard, Massachusetts"),
        ("Michigan Intelligence Operations Center", "Lansing, Michigan"),
        ("Minnesota Fusion Center", "St. Paul, Minnesota")]


def _justified_items(c, items: list[str], x: float, y: float, width: float, cell: float, leading: float) -> float:
    """Items set as a typesetter sets a narrow justified column in Courier: "•" and the item's
    words filled into lines as long as the column's `width` holds, every line but an item's last
    stretched to the column's right edge (its word spaces widened alike). The y under them."""
    right, cells = x + width, int(width // cell)
    for item in items:
        lines = bulleted_lines(item, cells)
        for k, line in enumerate(lines):
            widths = [len(w) * cell for w in line]
            last = k + 1 == len(lines)
            gap = cell if last or len(line) == 1 else (right - x - sum(widths)) / (len(line) - 1)
            left = x
            for word, width in zip(line, widths):
                c.drawString(left, y, word)
                left += width + gap
            y -= leading
        y -= leading / 3
    return y


def test_justified_item_lines_in_a_typewriter_face_make_no_column(lists):
    """A narrow justified column in Courier: an item's first line stretched ("•  Alabama     Fusion" /
    "Center"), and two stretched lines whose last words are of one length, so they start and end
    at one x ("•  Southeast   Florida" / "Fusion      Center;"), look like two short columns; they
    are word spaces, and each item reads whole (the items were cut in two: "Alabama Center",
    "Southeast Fusion Miami, FL")."""
    primary, recognized = lists
    names = [f"{name}; {city}, {state}" for name, city, state in recognized if name.startswith("South")]

    def draw(c):
        c.setFont("Courier-Bold", 12)
        c.drawString(70.56, 740, "Primary Fusion Centers")
        c.setFont("Courier", 12)
        y = _justified_items(c, primary[:12], 70.56, 722, 141.84, 7.2, 14)
        c.setFont("Courier-Bold", 12)
        c.drawString(70.56, y - 10, "Recognized Fusion Centers")
        c.setFont("Courier", 12)
        _justified_items(c, names, 70.56, y - 28, 141.84, 7.2, 14)
    got = read_entries(drawn_page(draw))
    assert got == [(name, "primary", "", "") for name in primary[:12]] + [
        (name, "recognized", city, state) for name, city, state in recognized if name.startswith("South")]


# The recognized list's first items as a typesetter breaks them into lines in a narrow column, each
# item's lines wrapped under its typed bullet; the fifth item is broken at the column's foot.
BROKEN_ITEMS = [["Austin Regional Intelligence", "Center; Austin, TX"],
                ["Boston Regional Intelligence", "Center; Boston, MA"],
                ["Central California Intelligence", "Center; Sacramento, CA"],
                ["Central Florida Intelligence", "Exchange; Orlando, FL"],
                ["Chicago Crime Prevention and", "Information Center; Chicago,"]]
GOING_ON = [["IL"],
            ["Cincinnati/Hamilton County", "Regional Terrorism Early", "Warning Group; Cincinnati, OH"],
            ["Dallas Fusion Center;", "Dallas, TX"],
            ["Delaware Valley Intelligence", "Center; Philadelphia, PA"]]


@pytest.mark.parametrize(("font", "bullet"), [("Courier", "-"), ("Helvetica", "\u2022")])
def test_an_item_wrapped_under_its_bullet_goes_on_atop_the_next_column_where_the_bullets_stand(lists, font, bullet):
    """Items that wrap under their typed bullets: the item broken at the first column's foot goes
    on at the top of the next, where that column's bullets stand, not at its items' text edge
    ("IL" after "…Center; Chicago,"). A typesetter that breaks a paragraph's lines all at once
    leaves the broken line short of its column's edge in a monospaced face, with room for "IL"; an
    item's text never ends at a comma."""
    _, recognized = lists
    size, leading = 10.0, 12.0

    def column(c, x, y, items):
        c.setFont(font, size)
        for k, lines in enumerate(items):
            for j, text in enumerate(lines):
                if j == 0 and (items is BROKEN_ITEMS or k > 0):
                    c.drawString(x, y, bullet)
                    c.drawString(x + 12, y, text)
                else:
                    c.drawString(x, y, text)
                y -= leading

    def draw(c):
        c.setFont(font + "-Bold", 12)
        c.drawString(54, 740, "Recognized Fusion Centers")
        y = 740 - 20
        column(c, 54, y, BROKEN_ITEMS)
        column(c, 300, y, GOING_ON)
        c.setFont(font, size)
        c.drawString(54, 740 - 20 - 12 * leading - 20, "Last Published Date: July 23, 2015")
    assert read_entries(drawn_page(draw)) == [(name, "recognized", city, state) for name, city, state in recognized[:8]]


def test_an_item_s_wrapped_line_between_a_justified_bullet_and_its_stretched_text_stays_in_its_item():
    """Justified items with typed bullets that wrap at a hanging indent one em in: the stretch
    after the bullet moves the text of every item's first line right of that indent, so the
    items' wrapped lines stand left of any item's text ("Dallas, TX"), where a bullet's width ends."""
    def draw(c):
        c.setFont("Helvetica-Bold", 10)
        c.drawString(220, 740, "Recognized Fusion Centers")
        c.setFont("Helvetica", 8.5)
        for y, text_x, words, right, wrapped in (
                (720, 234.8, ("Dallas", "Fusion", "Center;"), 352.0, "Dallas, TX"),
                (699, 236.5, ("Delaware", "Valley", "Intelligence"), 352.0, "Center; Philadelphia, PA"),
                (678, 238.0, ("Houston", "Regional", "Intelligence"), 352.0, "Service Center; Houston, TX")):
            c.drawString(220, y, "\u2022")
            _justified_line(c, words, text_x, right, y, "Helvetica", 8.5)
            c.drawString(228.5, y - 10.5, wrapped)
    assert read_entries(drawn_page(draw)) == [
        ("Dallas Fusion Center", "recognized", "Dallas", "TX"),
        ("Delaware Valley Intelligence Center", "recognized", "Philadelphia", "PA"),
        ("Houston Regional Intelligence Service Center", "recognized", "Houston", "TX")]


def _justified_line(c, words, x, right, y, font, size):
    """Words set from x to right, the slack shared among the gaps (a justified line)."""
    widths = [c.stringWidth(w, font, size) for w in words]
    gap = (right - x - sum(widths)) / (len(words) - 1)
    c.setFont(font, size)
    for w, width in zip(words, widths):
        c.drawString(x, y, w)
        x += width + gap


def test_a_line_set_overfull_over_the_next_column_leaves_its_column_s_edge_where_the_others_end():
    """A typewriter list in two columns, items wrapped under their typed bullets: one line of the
    first column is set overfull over the next column's text ("…Analysis and Information" over
    "- Central Florida"), and the item at the first column's foot ("Boston Regional Intelligence")
    breaks where its next word did not fit the column's other lines: its end atop the next column
    goes on with it, though the overfull line would leave room for that word."""
    cell, leading = 6.0, 12.0
    left = ["- North Dakota State and Local", "Information Center", "- Ohio Strategic Analysis and Information",
            "Center", "- Oklahoma Information Fusion", "Center", "- Oregon Terrorism Information",
            "Threat Assessment Network", "", "- Austin Regional Intelligence",
            "Center; Austin, TX", "- Boston Regional Intelligence"]
    right = ["Center; Boston, MA", "- Central California Intelligence", "Center; Sacramento, CA",
             "- Central Florida Intelligence", "Exchange; Orlando, FL", "- Chicago Crime Prevention and",
             "Information Center; Chicago, IL", "- Dallas Fusion Center; Dallas, TX",
             "- Delaware Valley Intelligence", "Center; Philadelphia, PA"]

    def column(c, x, y, lines):
        c.setFont("Courier", 10)
        for k, text in enumerate(lines):
            if text.startswith("- "):
                c.drawString(x, y - leading * k, "-")
                c.drawString(x + 2 * cell, y - leading * k, text[2:])
            else:
                c.drawString(x, y - leading * k, text)

    def draw(c):
        c.setFont("Courier-Bold", 10)
        c.drawString(54, 752, "Primary Fusion Centers")
        column(c, 54, 740, left)
        c.setFont("Courier-Bold", 10)
        c.drawString(54, 740 - 8 * leading, "Recognized Fusion Centers")
        column(c, 280, 752, right)
    assert read_entries(drawn_page(draw)) == [
        ("North Dakota State and Local Information Center", "primary", "", ""),
        ("Ohio Strategic Analysis and Information Center", "primary", "", ""),
        ("Oklahoma Information Fusion Center", "primary", "", ""),
        ("Oregon Terrorism Information Threat Assessment Network", "primary", "", ""),
        ("Austin Regional Intelligence Center", "recognized", "Austin", "TX"),
        ("Boston Regional Intelligence Center", "recognized", "Boston", "MA"),
        ("Central California Intelligence Center", "recognized", "Sacramento", "CA"),
        ("Central Florida Intelligence Exchange", "recognized", "Orlando", "FL"),
        ("Chicago Crime Prevention and Information Center", "recognized", "Chicago", "IL"),
        ("Dallas Fusion Center", "recognized", "Dallas", "TX"),
        ("Delaware Valley Intelligence Center", "recognized", "Philadelphia", "PA")]


def _intro(capture_lines) -> str:
    """The page's two paragraphs above the lists, as text."""
    return " ".join(capture_lines[6:11]).replace("[", "").replace("](#)", "").replace("\\", "")


def _items(c, x: float, y: float, names, width: int, bullet: float = 10.2) -> float:
    """Items in the current font, each wrapped at `width` characters: a typed "-" at `x`, the
    item's lines `bullet` further right; the y under them (a 12-point leading)."""
    import textwrap
    for name in names:
        c.drawString(x, y, "-")
        for line in textwrap.wrap(name, width):
            c.drawString(x + bullet, y, line)
            y -= 12
    return y


def test_a_heading_set_left_of_its_column_s_bullets_beside_a_larger_overfull_title_keeps_its_words(
        capture_lines, lists):
    """A typewriter face in three columns: the title in larger type runs six points short of the
    next column's heading, which stands left of that column's bullets (where the column starts),
    in a size of its own. The column's edge at its bullets ran through the heading: "Primary" was
    read on the title's line and "Fusion Centers" under the first column, and the list was lost."""
    import textwrap
    primary, _ = lists

    def draw(c):
        c.setFont("Courier", 12.5)
        c.drawString(42.5, 785, "Fusion Center Locations")
        c.drawString(42.5, 770, "and Contact Information")
        c.setFont("Courier", 9.5)
        for k, line in enumerate(textwrap.wrap(_intro(capture_lines), 29)[:58]):
            c.drawString(42.5, 740 - 12 * k, line)
        c.setFont("Courier", 10.5)
        c.drawString(219.0, 785, "Primary Fusion Centers")
        c.setFont("Courier", 9.5)
        _items(c, 409.7, 785, primary[26:], 27, 11.2)
        _items(c, 234.1, 768, primary[:26], 27, 11.2)
    assert read_entries(drawn_page(draw, A4)) == [(name, "primary", "", "") for name in primary]


def test_a_column_s_edge_stands_where_its_heading_starts_beside_a_line_set_overfull_up_to_it(capture_lines, lists):
    """A typewriter face in two columns: a list item of the first column set overfull runs up to
    2.7 points (half a word space) short of the second column's edge, where its heading "Recognized
    Fusion Centers" (larger) and the paragraph under it start, left of its bullets. That is no word
    space: the second column starts there. Cut at its bullets, the heading was read in two pieces
    and the paragraph's first words were read into the first column's items."""
    import textwrap
    primary, recognized = lists
    paragraph = textwrap.wrap(capture_lines[71 - 1], 49)
    long = primary.index("Illinois Statewide Terrorism and Intelligence Center")

    def draw(c):
        c.setFont("Courier", 8.7)
        y = _items(c, 328.2, 810, primary[24:], 44) - 30
        c.setFont("Courier", 10.5)
        c.drawString(313.5, y, "Recognized Fusion Centers")
        c.setFont("Courier", 8.7)
        for k, line in enumerate(paragraph):
            c.drawString(313.5, y - 13 - 12 * k, line)
        _items(c, 328.2, y - 19 - 12 * len(paragraph), [f"{n}; {city}, {st}" for n, city, st in recognized[:8]], 44)
        top = y - 13 + 12 * sum(len(textwrap.wrap(name, 44)) for name in primary[:long])
        c.setFont("Courier", 10.5)
        c.drawString(51, top + 18, "Primary Fusion Centers")
        c.setFont("Courier", 8.7)
        for k, line in enumerate(reversed(textwrap.wrap(_intro(capture_lines), 46)[:(810 - int(top) - 40) // 12])):
            c.drawString(51, top + 40 + 12 * k, line)
        _items(c, 65.7, top, primary[:long], 44)
        _items(c, 65.7, y - 13, ["Illinois Statewide Terrorism and Intelligence"], 45)  # its 45 cells overfull
        c.drawString(75.9, y - 25, "Center")
        _items(c, 65.7, y - 37, primary[long + 1:24], 44)
    assert paragraph[0].startswith("As the Federal")
    assert read_entries(drawn_page(draw, A4)) == [(name, "primary", "", "") for name in primary] + [
        (name, "recognized", city, state) for name, city, state in recognized[:8]]


def test_a_column_that_starts_higher_than_the_column_before_is_read_after_it(capture_lines, lists):
    """A text file printed in two columns: the first opens with blank lines, the second with the
    primary list's last item and the "Recognized Fusion Centers" heading, above the first column's
    first line. Those lines are the second column's top, read after the first column (read first,
    the item stood outside the list, before its heading, and the list was refused)."""
    import textwrap
    primary, recognized = lists

    def draw(c):
        c.setFont("Courier", 7)
        first = ["", "", "", "", "Fusion Center Locations and Contact Information", "",
                 *textwrap.wrap(_intro(capture_lines), 60)[:12], "", "Primary Fusion Centers", "",
                 *[line for name in primary[:-1] for line in textwrap.wrap(f"- {name}", 58)]]
        second = [f"- {primary[-1]}", "", "Recognized Fusion Centers", "",
                  *[line for n, city, st in recognized for line in textwrap.wrap(f"- {n}; {city}, {st}", 58)], "",
                  "Last Published Date: July 23, 2015"]
        for x, lines in ((47, first), (311, second)):
            for k, line in enumerate(lines):
                c.drawString(x, 750 - 8 * k, line)
    assert read_entries(drawn_page(draw)) == [(name, "primary", "", "") for name in primary] + [
        (name, "recognized", city, state) for name, city, state in recognized]


@pytest.mark.parametrize("case", ["a heading", "nothing before it", "a column of them"])
def test_an_edge_gutter_moves_left_of_a_heading_across_it_only_beside_a_column_before(case):
    """The gutter at a column's bullets moves left of a heading that runs across it into its
    column (`layout._before_heads`), only where the column before has words left of its new place
    (else every word stood right of the gutter, and the region was cut again as it was, without
    end) and for a heading's line or two: a column of numbers whose parts stand across a table's
    edge is the table's own."""
    from pipeline.extract.pdf.layout import _before_heads
    from pipeline.extract.pdf.pages import Word

    def word(text, x0, top, size=10.0):
        return Word(text, x0, x0 + 6.0 * len(text) * size / 10.0, top, top + size, "Courier", size)
    heads = [word("Primary", 218.0, 40.0, 12.0), word("Fusion", 269.0, 40.0, 12.0)]
    if case == "a column of them":
        heads = [w for k in range(3) for w in (word("Primary", 218.0, 40.0 + 20 * k, 12.0),
                                               word("Fusion", 269.0, 40.0 + 20 * k, 12.0))]
    before = [] if case == "nothing before it" else [word("Locations", 140.0, 40.0, 14.0), word("State", 42.0, 70.0)]
    moved = _before_heads([*before, *heads, word("Alabama", 245.0, 70.0)], 233.6, 6.0, 10.0)
    assert moved == (217.5 if case == "a heading" else 233.6)
