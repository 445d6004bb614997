"""The text-capture extractor on the real capture and on each irregularity."""
from __future__ import annotations

import pytest

from pipeline.errors import PipelineError
from pipeline.extract.assemble import split_documents
from pipeline.extract.capture import extract_capture, read_capture
from pipeline.records import DocumentKind

# Read off the capture: each page's address line, title and date.
PAGES = [
    (DocumentKind.CENTER_LIST, "http://www.dhs.gov/fusion-center-locations-and-contact-information",
     "Fusion Center Locations and Contact Information", "2015-07-23", 1, 103),
    (DocumentKind.CONTACT_LISTING, "https://nfcausa.org/default.aspx/MenuItemID/117/MenuGroup/Public+Home.htm",
     "", "", 104, 777),
    (DocumentKind.PROSE, "http://www.dhs.gov/state-and-major-urban-area-fusion-centers",
     "State and Major Urban Area Fusion Centers", "2015-09-14", 778, 821),
    (DocumentKind.PROSE, "http://www.dhs.gov/national-network-fusion-centers-fact-sheet",
     "National Network of Fusion Centers Fact Sheet", "2015-08-21", 822, 876),
]


def test_the_capture_splits_into_four_documents_at_its_address_lines(capture_bytes):
    parts = split_documents(read_capture(capture_bytes, "capture.txt"))
    assert [(p.url, p.start.line, p.end.line) for p in parts] == [(u, a, b) for _, u, _, _, a, b in PAGES]


def test_documents(capture_extraction):
    docs = capture_extraction.documents
    assert [(d.kind, d.url, d.title, d.published, d.start.line, d.end.line) for d in docs] == PAGES
    assert docs[0].published_text == "July 23, 2015"


def test_list_counts(capture_extraction):
    entries = capture_extraction.list_entries
    assert len(entries) == 78
    assert sum(e.designation == "primary" for e in entries) == 53
    assert sum(e.designation == "recognized" for e in entries) == 25


@pytest.mark.parametrize("line, name, designation, city, state, place", [
    (13, "Alabama Fusion Center", "primary", "", "", ""),
    (33, "Mariana Regional Fusion Center (Guam)", "primary", "", "", "Guam"),
    (56, "Southern Nevada Counter-Terrorism Center (Las Vegas, Nevada)", "primary", "", "", "Las Vegas, Nevada"),
    (63, "Washington Regional Threat and Analysis Center (Washington, D.C.)", "primary", "", "", "Washington, D.C."),
    (65, "Washington State Fusion Center", "primary", "", "", ""),
    (73, "Austin Regional Intelligence Center", "recognized", "Austin", "TX", ""),
    (78, "Cincinnati/Hamilton County Regional Terrorism Early Warning Group", "recognized", "Cincinnati", "OH", ""),
    (82, "El Paso Multi-Agency Tactical Response Information eXchange (MATRIX)", "recognized", "El Paso", "TX", ""),
    (91, "Orange County Intelligence Assessment Center", "recognized", "Orange County", "CA", ""),
    (97, "St. Louis Fusion Center", "recognized", "St. Louis", "MO", ""),
], ids=lambda v: str(v)[:24])
def test_list_entries(capture_extraction, capture_lines, line, name, designation, city, state, place):
    entry = next(e for e in capture_extraction.list_entries if e.ref.line == line)
    assert capture_lines[line - 1] == f"- {entry.text}"
    assert (entry.name, entry.designation, entry.list_city, entry.list_state, entry.place_note) == \
        (name, designation, city, state, place)


def _block(extraction, heading_line):
    return next(b for b in extraction.blocks if b.heading_ref.line == heading_line)


def test_listing_has_one_block_per_center(capture_extraction):
    assert len(capture_extraction.blocks) == 78
    assert all(b.location is not None for b in capture_extraction.blocks)


# (heading line, heading, location, [(label, text, line)]) typed from the capture.
IRREGULAR_BLOCKS = {
    "blank lines between fields": (105, "Alabama Fusion Center", "Montgomery, Alabama", [
        ("Phone", "(334) 517-2660", 109), ("Fax", "(334) 517-2746", 111), ("Toll-Free", "(866) 229-6220", 113),
        ("Email", "fusioncenter@alacop.gov", 115), ("Website", "fusion.alabama.gov", 117)]),
    "no blank lines": (308, "Georgia Information Sharing and Analysis Center", "Atlanta, Georgia", [
        ("Phone", "(404) 486-6420", 310), ("Email", "generalinfo@gisac.gbi.ga.gov", 311)]),
    "heading over two lines": (213, "Cincinnati/Hamilton County Regional Terrorism Early Warning Group; Cincinnati, OH",
                               "Cincinnati, Ohio", [
        ("Phone", "(513) 263-8000", 219), ("Fax", "(513) 263-8225", 221),
        ("Email", "tewg@hamilton-co.org", 223), ("Website", "www.hamiltoncountyohio-tewg.org", 225)]),
    "markdown link heading": (770, "[Wisconsin Statewide Information Center](#)", "Madison, Wisconsin", [
        ("Phone", "(608) 242-5393", 773), ("Email", "wsic@doj.state.wi.us", 774),
        ("Website", "www.doj.state.wi.us/dci", 775)]),
    "colon for semicolon": (365, "Los Angeles Joint Regional Intelligence Center: Los Angeles, CA",
                            "Norwalk, California", [
        ("Phone", "(562) 345-1100", 369), ("Fax", "(562) 345-1766", 371), ("Email", "jric@jric.org", 373),
        ("Website", "www.jric.org", 375)]),
    "zip in location": (389, "Maine Information and Analysis Center", "Augusta, Maine 04330-0164", [
        ("Phone", "(207) 624-7280", 393), ("Toll-Free", "(877) 786-3636", 395), ("Email", "intel.msp@maine.gov", 397)]),
    "doubled location": (745, "Washington Regional Threat and Analysis Center (Washington, D.C.)",
                         "Washington, DC, Washington DC", [
        ("Phone", "(202) 481-3075", 749), ("Email", "wrtac@dc.gov", 751)]),
    "no phone": (399, "Mariana Regional Fusion Center (Guam)", "Agana Heights, Guam", [
        ("Email", "info@mlrin.org", 403)]),
    "no email": (674, "Southwestern PA Region 13 Fusion Center; Pittsburgh, PA", "Pittsburgh, Pennsylvania", [
        ("Phone", "(412) 473-2550", 677)]),
    "no phone label, alternate phone": (257, "Delaware Information and Analysis Center", "Dover, Delaware", [
        ("Fax", "(302) 739-1609", 261), ("Alternate Phone", "(302) 739-5996", 263),
        ("Toll-Free", "(800) 367-2312", 265), ("Email", "diac@state.de.us", 267), ("Website", "www.dediac.org", 269)]),
    "website holding an email": (604, "Oregon Terrorism Information Threat Assessment Network", "Salem, Oregon", [
        ("Phone", "(503) 378-6347", 608), ("Email", "oregonfusioncenter@doj.state.or.us", 610),
        ("Website", "www.oregonfusioncenter@doj.state.or.us", 612)]),
}


@pytest.mark.parametrize("case", list(IRREGULAR_BLOCKS))
def test_irregular_blocks(capture_extraction, capture_lines, case):
    line, heading, location, fields = IRREGULAR_BLOCKS[case]
    block = _block(capture_extraction, line)
    assert block.heading == heading
    assert block.location.text == location
    assert [(f.label, f.text, f.ref.line) for f in block.fields] == fields
    for f in block.fields:  # provenance points at the line that holds the value
        assert f.text in capture_lines[f.ref.line - 1]


@pytest.mark.parametrize("text, labels", [
    ("Alpha Center\nTown, Ohio\nPhone: (614) 555-0100\nTTY: (614) 555-0101\n", ["Phone", "TTY"]),
    ("Alpha Center\nTown, Ohio\nToll Free: (800) 555-0100\nE-mail: a@b.org\n", ["Toll-Free", "Email"]),
    ("Alpha Center\nTown, Ohio\nPhone: (614) 555-0100\nPhone: (614) 555-0102\n", ["Phone", "Phone"]),
    # Abbreviation points are not part of a label: "Alt. Phone" is "alt phone", "Tel." is "tel".
    ("Alpha Center\nTown, Ohio\nTel.: (614) 555-0100\nAlt. Phone: (614) 555-0103\n", ["Phone", "Alternate Phone"]),
], ids=["unknown label kept", "label synonyms", "second value kept", "abbreviated labels"])
def test_labels(text, labels):
    # Two more centers: a listing of two whose first repeats its phone would fail the yield check.
    listing = text + ("Beta Center\nCity, Ohio\nPhone: (614) 555-0199\nFax: (614) 555-0198\n"
                      "Gamma Center\nVillage, Ohio\nPhone: (614) 555-0197\n"
                      "Delta Center\nHamlet, Ohio\nPhone: (614) 555-0196\n<https://example.org/l>\n")
    x = extract_capture(listing.encode(), "made-up.txt", "")
    assert [f.label for f in x.blocks[0].fields] == labels


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", b""], ids=["bom", "plain"])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"], ids=["lf", "crlf"])
def test_bom_and_crlf_keep_line_numbers(capture_bytes, data, newline):
    x = extract_capture(data + capture_bytes.replace(b"\n", newline), "c.txt", "")
    assert len(x.blocks) == 78 and len(x.list_entries) == 78
    assert _block(x, 770).fields[0].ref.line == 773


def test_latin1_text_is_read():
    text = "Caf\xe9 Center\nSan Juan, Puerto Rico\nPhone: (787) 555-0100\nFax: (787) 555-0101\nToll-Free: (800) 555-0102\n"
    x = extract_capture(text.encode("latin-1") + b"<https://example.org/l>\n", "latin1.txt", "")
    assert x.blocks[0].heading == "Caf\xe9 Center"


def test_missing_page_address_keeps_the_text():
    x = extract_capture(b"Alpha Center\nTown, Ohio\nPhone: (614) 555-0100\nFax: (614) 555-0101\nToll-Free: (800) 555-0199\n",
                        "noaddr.txt", "")
    assert x.documents[0].url == "" and len(x.blocks) == 1


@pytest.mark.parametrize("data, needle", [
    (b"   \n\n", "holds no text"),
    (b"\x00\x01\x02binary", "binary"),
], ids=["blank", "binary"])
def test_unreadable_input_names_the_file(data, needle):
    with pytest.raises(PipelineError) as exc:
        extract_capture(data, "bad.txt", "")
    assert "bad.txt" in str(exc.value) and needle in str(exc.value)


# ---- the list's headings read out of their place (issue 15, item 1) ----

def _heading_joined_to_its_paragraph(lines):
    assert lines[69 - 1] == "Recognized Fusion Centers" and lines[71 - 1].startswith("As the Federal")
    lines[69 - 1] = f"{lines[69 - 1]} {lines.pop(71 - 1)}"


def _heading_joined_to_the_last_item(lines):
    assert lines[67 - 1] == "- Wisconsin Statewide Information Center"
    lines[67 - 1] = f"{lines[67 - 1]} {lines.pop(69 - 1)}"


def _heading_after_the_items(lines):
    assert lines[97 - 1] == "- St. Louis Fusion Center; St. Louis, MO"
    lines.insert(97, lines.pop(69 - 1))  # now line 98, after St. Louis (96) and a blank line


def _heading_cut_in_two(lines):
    assert lines[67 - 1] == "- Wisconsin Statewide Information Center"
    lines[67 - 1], lines[69 - 1] = f"{lines[67 - 1]} Recognized", "Fusion Centers"


def _heading_cut_in_two_apart(lines):
    """Its first word read at the end of an item of the column beside it ("Vermont Intelligence
    Center Recognized"), "Fusion Centers" after the items below: a column's gutter set through the
    heading in larger type."""
    assert lines[61 - 1] == "- Vermont Intelligence Center"
    lines[61 - 1], lines[69 - 1] = f"{lines[61 - 1]} Recognized", "Fusion Centers"


@pytest.mark.parametrize("edit, line, says", [
    (_heading_joined_to_its_paragraph, 69, 'reads the list heading "Recognized Fusion Centers" inside the line'),
    (_heading_joined_to_the_last_item, 67, 'reads the list heading "Recognized Fusion Centers" inside the line'),
    (_heading_after_the_items, 98, 'has the list heading "Recognized Fusion Centers" after 78 items and no item'),
    (_heading_cut_in_two, 69, 'reads a list heading in two pieces ("'),
    (_heading_cut_in_two_apart, 69, 'reads a list heading in two pieces ("'),
], ids=["joined to its paragraph", "joined to the last item", "after the items", "cut in two", "cut in two apart"])
def test_a_list_heading_read_out_of_its_place_is_refused(capture_lines, edit, line, says):
    """A reader that joins the second heading to a line, or reads it after the items it heads, would
    give the 25 recognized centers as primary: the list is refused in one line naming the heading's
    line, never published with designations guessed from where the items stand."""
    lines = list(capture_lines)
    edit(lines)
    with pytest.raises(PipelineError) as refused:
        extract_capture("\n".join(lines).encode("utf-8"), "capture.txt", "")
    assert (refused.value.line, refused.value.page) == (line, None)
    assert says in str(refused.value) and "\n" not in str(refused.value)


def _tail_taken_and_the_item_lost(lines):
    """The item after "Virginia Fusion Center" lost but for its last line, read into it; its heading's
    first line lost likewise (a wrapped item and a heading each read as a running footer)."""
    assert lines[62 - 1] == "- Virginia Fusion Center" and lines[745 - 1].startswith("Washington Regional")
    lines[62 - 1] = "- Virginia Fusion Center (Washington, D.C.)"
    lines[745 - 1] = "(Washington, D.C.)"
    del lines[63 - 1]


def _parenthetical_taken_and_the_item_lost(lines):
    """The item "Southern Nevada Counter-Terrorism Center (Las Vegas, Nevada)" lost but for its
    parenthetical, read into the item before it."""
    assert lines[55 - 1] == "- South Dakota Fusion Center" and lines[56 - 1].startswith("- Southern Nevada")
    lines[55 - 1] = "- South Dakota Fusion Center (Las Vegas, Nevada)"
    del lines[56 - 1]


def _two_items_in_one(lines):
    """Two items read as one, the second's bullet lost."""
    lines[62 - 1] = f"{lines[62 - 1]} {lines.pop(63 - 1)[2:]}"


@pytest.mark.parametrize("edit, line, item", [
    (_tail_taken_and_the_item_lost, 62, "Virginia Fusion Center (Washington, D.C.)"),
    (_parenthetical_taken_and_the_item_lost, 55, "South Dakota Fusion Center (Las Vegas, Nevada)"),
    (_two_items_in_one, 62, "Virginia Fusion Center Washington Regional Threat and Analysis Center (Washington, D.C.)"),
], ids=["its tail", "its parenthetical", "two in one"])
def test_a_list_item_that_took_the_end_of_a_center_no_item_names_is_refused(capture_lines, edit, line, item):
    """An item that ends with the end of a heading no list item names, and without it names another
    center of the listing, took words of the item after it, which is lost: published, the first
    center would take another id ("virginia-fusion-center-washington-dc") and the second lose its
    designation, with no word. Refused in one line naming the item."""
    lines = list(capture_lines)
    edit(lines)
    with pytest.raises(PipelineError) as refused:
        extract_capture("\n".join(lines).encode("utf-8"), "capture.txt", "")
    assert (refused.value.line, refused.value.page) == (line, None)
    assert f'reads the list item "{item[:80]}", which ends with "' in str(refused.value)
    assert "\n" not in str(refused.value)


def _items_after_the_closing_lines(lines):
    """The list's last 15 items read after "Was this page helpful?" (still before the page's address)."""
    assert lines[83 - 1].startswith("- Houston") and lines[101 - 1] == "Was this page helpful?"
    moved = lines[83 - 1:97]
    del lines[83 - 1:97]
    lines[86:86] = ["", *moved]  # after "Was this page helpful?", now line 86


def _items_before_the_listing(lines):
    """The list's last 15 items read after the page's address, before the listing's first block."""
    assert lines[83 - 1].startswith("- Houston") and lines[103 - 1].startswith("<http")
    moved = lines[83 - 1:97]
    del lines[83 - 1:97]
    lines[88:88] = [*moved, ""]  # after the address (now line 88), from line 89


@pytest.mark.parametrize("edit, line", [(_items_after_the_closing_lines, 88), (_items_before_the_listing, 89)],
                         ids=["after the closing lines", "before the listing"])
def test_list_items_read_outside_their_list_are_refused(capture_lines, edit, line):
    """Items the reading order put after the list's closing lines name centers whose blocks the
    listing gives: published, they would lack the designation the page gives them (and a center
    whose heading adds an acronym, "(CFIX)", would take another id), with no word. Refused in one
    line naming the first such item."""
    lines = list(capture_lines)
    edit(lines)
    with pytest.raises(PipelineError) as refused:
        extract_capture("\n".join(lines).encode("utf-8"), "capture.txt", "")
    assert refused.value.line == line
    assert 'reads the list item "Houston Regional Intelligence Service Center; Houston, TX" outside the list' in str(
        refused.value) and "\n" not in str(refused.value)


def test_two_list_items_read_as_one_are_refused(capture_lines):
    """The next item's bullet not read: "…Exchange; Orlando, FL Chicago Crime…; Chicago, IL" is
    one entry naming no center, and both centers would go without theirs (Central Florida's
    block, whose heading adds "(CFIX)", under another id). Refused in one line naming it."""
    lines = list(capture_lines)
    assert lines[76 - 1].startswith("- Central Florida") and lines[77 - 1].startswith("- Chicago")
    lines[76 - 1] = f"{lines[76 - 1]} {lines.pop(77 - 1)[2:]}"
    with pytest.raises(PipelineError) as refused:
        extract_capture("\n".join(lines).encode("utf-8"), "capture.txt", "")
    assert refused.value.line == 76 and "\n" not in str(refused.value)
    assert 'reads two list items in one ("orida Intelligence Exchange; Orlando, FL" / "Chicago Crime' in str(
        refused.value)


def test_the_last_item_s_tail_before_the_closing_line_is_kept_on_it(capture_lines):
    """The list's last item wrapped after its ";" and its place not joined back ("- St. Louis
    Fusion Center;" / "St. Louis, MO" / "Last Published Date…"): the place line is kept on the
    entry, to be reported (LIST_LINE_UNREAD), not dropped with the list's closing line."""
    lines = list(capture_lines)
    assert lines[97 - 1] == "- St. Louis Fusion Center; St. Louis, MO"
    lines[97 - 1:97] = ["- St. Louis Fusion Center;", "St. Louis, MO"]
    entry = extract_capture("\n".join(lines).encode("utf-8"), "capture.txt", "").list_entries[-1]
    assert (entry.name, entry.list_city) == ("St. Louis Fusion Center", "")
    assert [(u.text, u.ref.line) for u in entry.unread] == [("St. Louis, MO", 98)]


def test_list_headings_before_any_item_are_the_page_s_own(capture_lines):
    """A table of contents naming both headings before the list (no items under them yet) is no
    misplaced heading: the list reads as before."""
    lines = list(capture_lines)
    lines[9:9] = ["Primary Fusion Centers", "Recognized Fusion Centers", ""]
    entries = extract_capture("\n".join(lines).encode("utf-8"), "capture.txt", "").list_entries
    assert [e.designation for e in entries] == ["primary"] * 53 + ["recognized"] * 25
