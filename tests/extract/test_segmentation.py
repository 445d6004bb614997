"""Segmentation: a new center begins where the document's structure says so,
and a line inside a block that is no value stays with that block.

Each case takes the real capture, puts a malformed line into one block (or
takes a line out), and runs extract, normalize and check. Expected values are
typed from the capture; a center's values must stay on it, no center may
appear or vanish, and the line must draw its finding on its own center.
"""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.check import run_checks
from pipeline.extract.capture import extract_capture
from pipeline.extract.html import extract_html
from pipeline.extract.lines import SourceLine, build_contact_blocks
from pipeline.normalize.dataset import normalize
from pipeline.records import SourceRef
from pipeline.reference import UNRECOGNIZED_LABEL

AS_OF = date(2026, 1, 1)
SOURCE = "capture.txt"

# Values of four centers, typed from the capture: heading line, then
# (phone, fax, email, website, location) as written.
CONNECTICUT = ("connecticut-intelligence-center", 237,
               ("(860) 706-5500", "(806) 706-5535", "ctic@ct.gov", "www.ct.gov/demhs", "Hartford, Connecticut"))
GEORGIA = ("georgia-information-sharing-and-analysis-center", 308,
           ("(404) 486-6420", None, "generalinfo@gisac.gbi.ga.gov", None, "Atlanta, Georgia"))
PITTSBURGH = ("southwestern-pa-region-13-fusion-center", 674,
              ("(412) 473-2550", None, None, None, "Pittsburgh, Pennsylvania"))
ST_LOUIS = ("st-louis-fusion-center", 679,
            ("(314) 615-4839", None, "info@sltew.org", "www.sltew.org", "St. Louis, Missouri"))
HAWAII = ("hawaii-fusion-center", 313,
          ("(916) 356-4467", None, "pacclear@hi.hidta.net", "www.pacclear.org", "Honolulu, Hawaii"))


def _values(center):
    def text(v):
        return v.text if v is not None else None
    return (text(center.value("phone")), text(center.value("fax")), text(center.value("email")), text(center.value("website")), text(center.location))


def _run(capture_bytes: bytes, edit):
    lines = capture_bytes.decode("utf-8").split("\n")
    edit(lines)
    extraction = extract_capture("\n".join(lines).encode("utf-8"), SOURCE, "")
    dataset = normalize([extraction])
    return {c.id: c for c in dataset.centers}, run_checks(dataset, AS_OF)


def _insert(after_line: int, text: str):
    def edit(lines):
        lines.insert(after_line, text)  # becomes line after_line + 1
    return edit


@pytest.fixture(scope="module")
def clean(capture_bytes):
    return _run(capture_bytes, lambda lines: None)


# (case, center, line after which the junk goes, junk, finding code, the
# center's values as they come out: the junk's own field where it is read as one)
JUNK = [
    ("formula between phone and fax", CONNECTICUT, 241, "=cmd|' /C calc'!A0", "UNRECOGNIZED_LINE", None),
    ("fake number between phone and fax", CONNECTICUT, 241, "+1-800-EVIL", "UNRECOGNIZED_LINE", None),
    ("sentence between phone and fax", CONNECTICUT, 241, "Call us any time, we never sleep", "UNRECOGNIZED_LINE",
     None),
    ("sentence between heading and place", CONNECTICUT, 237, "Call us any time, we never sleep",
     "UNRECOGNIZED_LINE", None),
    ("formula between heading and place", CONNECTICUT, 237, "=cmd|' /C calc'!A0", "UNRECOGNIZED_LINE", None),
    # A malformed address above the real one: the real one is published, the malformed one reported.
    ("broken email before the email", CONNECTICUT, 243, "name@@host", "EMAIL_INVALID", None),
    ("broken website before the website", CONNECTICUT, 245, "www.ct gov/demhs", "WEBSITE_INVALID", None),
    ("sentence after the last value", GEORGIA, 311, "Call us any time, we never sleep", "UNRECOGNIZED_LINE", None),
    ("formula after the last value", GEORGIA, 311, "=cmd|' /C calc'!A0", "UNRECOGNIZED_LINE", None),
    ("fake number between heading and place", GEORGIA, 308, "+1-800-EVIL", "UNRECOGNIZED_LINE", None),
    ("broken email in a block with none", PITTSBURGH, 677, "name@@host", "EMAIL_INVALID",
     ("(412) 473-2550", None, "name@@host", None, "Pittsburgh, Pennsylvania")),
    ("sentence after a block's only phone", PITTSBURGH, 677, "Call us any time, we never sleep",
     "UNRECOGNIZED_LINE", None),
]


@pytest.mark.parametrize("case, center, after, junk, code, values", JUNK, ids=[j[0] for j in JUNK])
def test_a_junk_line_stays_on_its_center(capture_bytes, clean, case, center, after, junk, code, values):
    centers, findings = _run(capture_bytes, _insert(after, junk))
    clean_centers, clean_findings = clean
    assert sorted(centers) == sorted(clean_centers)  # no phantom center, none lost
    center_id, heading_line, typed = center
    target = centers[center_id]
    assert _values(target) == (values or typed)
    assert target.block.heading_ref.line == heading_line
    for other in (GEORGIA, PITTSBURGH, ST_LOUIS, HAWAII, CONNECTICUT):
        if other is not center:
            assert _values(centers[other[0]]) == other[2]
    # Its finding, on its own center, at the inserted line, quoting it.
    hits = [f for f in findings if f.code == code and f.value == junk]
    assert [(f.center_id, f.line) for f in hits] == [(center_id, after + 1)]
    # Every other center's findings are as before.
    def elsewhere(fs):
        return sorted((f.center_id, f.code, f.value) for f in fs if f.center_id != center_id)
    assert elsewhere(findings) == elsewhere(clean_findings)


def test_two_junk_lines_inside_a_block_stay_there(capture_bytes, clean):
    def insert_two(lines):
        assert lines[245 - 1] == "ctic@ct.gov"
        lines[245:245] = ["+1-800-EVIL", "Call us any time, we never sleep"]
    centers, findings = _run(capture_bytes, insert_two)
    assert sorted(centers) == sorted(clean[0])
    assert _values(centers[CONNECTICUT[0]]) == CONNECTICUT[2]
    assert sorted((f.center_id, f.line) for f in findings if f.code == "UNRECOGNIZED_LINE") == [
        (CONNECTICUT[0], 246), (CONNECTICUT[0], 247)]


def test_a_center_whose_place_line_is_malformed_is_still_a_center(capture_bytes, clean):
    def misspell(lines):
        assert lines[401 - 1] == "Agana Heights, Guam"  # Mariana's block: a place line, then an email only
        lines[401 - 1] = "Agana Heights, Gaum"
    centers, findings = _run(capture_bytes, misspell)
    assert sorted(centers) == sorted(clean[0])
    mariana = centers["mariana-regional-fusion-center-guam"]
    assert _values(mariana) == (None, None, "info@mlrin.org", None, "Agana Heights, Gaum")
    assert ("LOCATION_MALFORMED", 401) in {(f.code, f.ref.line) for f in findings if f.center_id == mariana.id}


def test_a_broken_email_keeps_the_real_one_on_the_center(capture_bytes):
    centers, findings = _run(capture_bytes, _insert(243, "name@@host"))
    ct = centers[CONNECTICUT[0]]
    # The valid address is published; the malformed one above it stays on the center, reported.
    assert ct.value("email").value == "ctic@ct.gov"
    assert [(v.label, v.text) for v in ct.extra_fields] == [("Email", "name@@host")]
    assert {(f.code, f.value, f.line) for f in findings if f.center_id == CONNECTICUT[0] and f.field == "email"} == \
        {("EMAIL_INVALID", "name@@host", 244)}


def test_a_center_without_a_place_line_is_still_a_center(capture_bytes, clean):
    def drop_place(lines):
        assert lines[239 - 1] == "Hartford, Connecticut"
        lines[239 - 1] = ""
    centers, findings = _run(capture_bytes, drop_place)
    assert sorted(centers) == sorted(clean[0])
    assert _values(centers[CONNECTICUT[0]]) == CONNECTICUT[2][:4] + (None,)
    assert _values(centers["colorado-information-analysis-center"]) == \
        ("(877) 509-2422", None, "ciac@ciac.co.gov", "dhsem.state.co.us", "Lakewood, Colorado")
    assert (CONNECTICUT[0], "LOCATION_MISSING") in {(f.center_id, f.code) for f in findings}


EMPTY_HEADINGS = [("link with no text", "[](#)"), ("place suffix only", "; Hartford, CT")]


@pytest.mark.parametrize("case, heading", EMPTY_HEADINGS, ids=[e[0] for e in EMPTY_HEADINGS])
def test_a_heading_with_no_name_is_a_finding(capture_bytes, case, heading):
    def rename(lines):
        lines[237 - 1] = heading
    centers, findings = _run(capture_bytes, rename)
    nameless = centers["unnamed-capturetxt-line-237"]
    assert _values(nameless) == CONNECTICUT[2]
    assert nameless.name == "(no name: capture.txt line 237)"
    assert [(f.code, f.severity, f.line, f.value) for f in findings if f.center_id == nameless.id
            and f.field == "name"] == [("HEADING_WITHOUT_NAME", "error", 237, heading)]


def test_a_listing_that_begins_with_labeled_lines(capture_bytes):
    def drop_heading(lines):
        assert lines[105 - 1] == "Alabama Fusion Center" and lines[107 - 1] == "Montgomery, Alabama"
        lines[105 - 1] = lines[107 - 1] = ""
    centers, findings = _run(capture_bytes, drop_heading)
    nameless = next(c for c in centers.values() if c.id.startswith("unnamed-"))
    assert nameless.id == "unnamed-capturetxt-line-109"  # its first line, "Phone: (334) 517-2660"
    assert _values(nameless) == ("(334) 517-2660", "(334) 517-2746", "fusioncenter@alacop.gov",
                                 "fusion.alabama.gov", None)
    assert "HEADING_WITHOUT_NAME" in {f.code for f in findings if f.center_id == nameless.id}


def test_the_extraction_keeps_the_junk_line_verbatim(capture_bytes):
    lines = capture_bytes.decode("utf-8").split("\n")
    lines.insert(241, "=cmd|' /C calc'!A0")
    x = extract_capture("\n".join(lines).encode("utf-8"), SOURCE, "")
    block = next(b for b in x.blocks if b.heading == "Connecticut Intelligence Center")
    assert [(f.label, f.text, f.ref.line) for f in block.fields] == [
        ("Phone", "(860) 706-5500", 241), (UNRECOGNIZED_LABEL, "=cmd|' /C calc'!A0", 242),
        ("Fax", "(806) 706-5535", 244), ("Email", "ctic@ct.gov", 246), ("Website", "www.ct.gov/demhs", 248)]
    assert len(x.blocks) == 78


# ------------------------------------------------------- structure from markup

def _lines(*texts_and_hints):
    return [SourceLine(text, SourceRef("made-up", n + 1), hint) for n, (text, hint) in enumerate(texts_and_hints)]


def _shape(blocks):
    return [(b.heading, b.location.text if b.location else None, [(f.label, f.text) for f in b.fields])
            for b in blocks]


def test_a_marked_heading_starts_a_center_without_a_place_line():
    lines = _lines(("Alpha Center", True), ("Town, Ohio", None), ("Phone: (614) 555-0100", None),
                   ("Beta Center", True), ("Phone: (614) 555-0101", None), ("beta@example.org", None))
    assert _shape(build_contact_blocks(lines, "")) == [
        ("Alpha Center", "Town, Ohio", [("Phone", "(614) 555-0100")]),
        ("Beta Center", None, [("Phone", "(614) 555-0101"), ("Email", "beta@example.org")])]


def test_an_unmarked_line_in_a_marked_listing_stays_in_its_block():
    lines = _lines(("Alpha Center", True), ("Town, Ohio", None), ("Phone: (614) 555-0100", None),
                   ("alpha@example.org", None), ("Call us any time", None), ("Phone: (614) 555-0101", None),
                   ("Beta Center", True), ("City, Ohio", None), ("Phone: (614) 555-0102", None))
    assert _shape(build_contact_blocks(lines, "")) == [
        ("Alpha Center", "Town, Ohio", [("Phone", "(614) 555-0100"), ("Email", "alpha@example.org"),
                                        (UNRECOGNIZED_LABEL, "Call us any time"), ("Phone", "(614) 555-0101")]),
        ("Beta Center", "City, Ohio", [("Phone", "(614) 555-0102")])]


def test_in_plain_text_phones_after_an_email_start_a_center():
    lines = _lines(("Alpha Center", None), ("Town, Ohio", None), ("Phone: (614) 555-0100", None),
                   ("alpha@example.org", None), ("Beta Center", None), ("Phone: (614) 555-0101", None))
    assert _shape(build_contact_blocks(lines, "")) == [
        ("Alpha Center", "Town, Ohio", [("Phone", "(614) 555-0100"), ("Email", "alpha@example.org")]),
        ("Beta Center", None, [("Phone", "(614) 555-0101")])]


def test_lines_before_the_first_center_stay_with_it():
    lines = _lines(("Centers by State", True), ("Alpha Center", True), ("Town, Ohio", None),
                   ("Phone: (614) 555-0100", None))
    assert _shape(build_contact_blocks(lines, "")) == [
        ("Alpha Center", "Town, Ohio", [(UNRECOGNIZED_LABEL, "Centers by State"), ("Phone", "(614) 555-0100")])]


HINTED_PAGE = """<html><body><main>
<h3>Alpha Center</h3>
<p>Town, Ohio<br><strong>Phone:</strong> (614) 555-0100<br>Call us any time, we never sleep</p>
<p><b>Beta Center</b><br><strong>Phone:</strong> (614) 555-0101<br><b>Fax:</b> (614) 555-0102</p>
<table><tr><td><span>Gamma Center</span><br>City, Ohio</td><td>Phone: (614) 555-0103</td></tr></table>
</main></body></html>
"""


def test_html_marks_headings_and_segmentation_follows_markup():
    x = extract_html(HINTED_PAGE.encode(), "hinted.html", "")
    assert _shape(x.blocks) == [
        ("Alpha Center", "Town, Ohio", [("Phone", "(614) 555-0100"),
                                        (UNRECOGNIZED_LABEL, "Call us any time, we never sleep")]),
        ("Beta Center", None, [("Phone", "(614) 555-0101"), ("Fax", "(614) 555-0102")]),
        ("Gamma Center", "City, Ohio", [("Phone", "(614) 555-0103")])]


# ---- a second reading by an attacker: junk at a block's end, and a fake place inside a block ----

ALABAMA = ("alabama-fusion-center", 111,
           ("(334) 517-2660", "(334) 517-2746", "fusioncenter@alacop.gov", "fusion.alabama.gov", "Montgomery, Alabama"))
ALASKA = ("alaska-information-and-analysis-center", 119,
          ("(907) 269-8900", None, "AKIAC@alaska.gov", None, "Anchorage, Alaska"))
ARIZONA = ("arizona-counter-terrorism-information-center", 129,
           ("(602) 644-5805", None, "actic@azdps.gov", "www.azdps.gov", "Phoenix, Arizona"))


@pytest.mark.parametrize("junk, reported", [
    ("ALEA", None), ("Fusion Center", None), ("(334) 517-2660", None),
    # A label without its colon before a phone number is read as that label (lines.labeled_inline):
    # a second phone of Alabama's, reported as an extra value on its phone.
    ("Phone (334) 517-2661", ("EXTRA_VALUE", "(334) 517-2661")),
    ("See fusion.alabama.gov", None)])
def test_junk_after_a_block_does_not_take_the_next_center(capture_bytes, clean, junk, reported):
    """Capture lines 117-121: Alabama's website, a blank line, Alaska's heading, its place line.
    A junk line after the website (and a blank) stays Alabama's: Alaska keeps its heading and values."""
    def edit(lines):
        assert lines[117 - 1] == "fusion.alabama.gov" and lines[119 - 1] == "Alaska Information and Analysis Center"
        lines[117 - 1:117] = ["fusion.alabama.gov", "", junk]
    centers, findings = _run(capture_bytes, edit)
    assert sorted(centers) == sorted(clean[0])  # no phantom, none lost
    assert _values(centers[ALABAMA[0]]) == ALABAMA[2]
    assert _values(centers[ALASKA[0]]) == ALASKA[2]
    assert centers[ALASKA[0]].block.heading == "Alaska Information and Analysis Center"
    code, value = reported or ("UNRECOGNIZED_LINE", junk)
    hits = [(f.center_id, f.code) for f in findings if f.value == value]
    assert hits == [(ALABAMA[0], code)]


def test_a_look_alike_website_after_a_block_is_read_as_its_website(capture_bytes, clean):
    def edit(lines):
        lines[117 - 1:117] = ["fusion.alabama.gov", "", "fusion.\u0430labama.gov"]  # a Cyrillic "а"
    centers, findings = _run(capture_bytes, edit)
    assert sorted(centers) == sorted(clean[0])
    assert _values(centers[ALABAMA[0]]) == ALABAMA[2] and _values(centers[ALASKA[0]]) == ALASKA[2]
    assert [(f.center_id, f.field, f.code) for f in findings if "\u0430" in f.value] == \
        [(ALABAMA[0], "website", "WEBSITE_INVALID")]


def test_a_fake_place_inside_a_block_does_not_start_a_center(capture_bytes, clean):
    """After Arizona's Phone (line 133): "For questions call" and "Austin, Texas". Arizona's
    Toll-Free, email and website follow and repeat nothing, so no center begins: the two lines
    stay Arizona's, reported."""
    def edit(lines):
        assert lines[133 - 1] == "Phone: (602) 644-5805"
        lines[133:133] = ["", "For questions call", "", "Austin, Texas"]
    centers, findings = _run(capture_bytes, edit)
    assert sorted(centers) == sorted(clean[0])
    az = centers[ARIZONA[0]]
    assert _values(az) == ARIZONA[2]
    assert [(v.label, v.text) for v in az.extra_fields] == [(UNRECOGNIZED_LABEL, "For questions call"),
                                                            (UNRECOGNIZED_LABEL, "Austin, Texas")]
    assert not [f for f in findings if f.center_id == ARIZONA[0] and f.code == "MISSING_EMAIL"]


def test_terminal_escapes_in_a_heading_are_not_published_and_the_center_keeps_its_values(capture_bytes, clean):
    """A heading with an OSC title sequence and a clear-screen sequence: matched to its list entry,
    published without them, reported."""
    arkansas = "arkansas-state-fusion-center"
    def edit(lines):
        i = lines.index("Arkansas State Fusion Center")
        lines[i] = "Arkansas State Fusion Center\x1b]0;pwned\x07\x1b[2J"
    centers, findings = _run(capture_bytes, edit)
    assert sorted(centers) == sorted(clean[0])
    assert _values(centers[arkansas]) == _values(clean[0][arkansas])
    assert "\x1b" not in centers[arkansas].name and "\x07" not in centers[arkansas].name
    assert not [f for f in findings if f.code in ("BLOCK_WITHOUT_LIST_ENTRY", "LIST_ENTRY_WITHOUT_BLOCK")]


# ---- issue 15, item 5: segmentation that never merges two centers ----

MAINE = "maine-information-and-analysis-center"
GUAM = "mariana-regional-fusion-center-guam"


def test_the_maine_guam_deletion_gives_maine_no_email_and_guam_its_block(capture_bytes, clean):
    """Capture lines 389-403: Maine (place, Phone, Toll-Free, its email on 397), then Guam's heading,
    place and email. Without Maine's email line, Maine gave only phones when Guam's name and place
    come: Guam is a center of its own, and Maine has no email, reported."""
    def edit(lines):
        assert lines[397 - 1] == "intel.msp@maine.gov" and lines[399 - 1] == "Mariana Regional Fusion Center (Guam)"
        del lines[397 - 1]
    centers, findings = _run(capture_bytes, edit)
    assert sorted(centers) == sorted(clean[0])
    assert _values(centers[MAINE]) == ("(207) 624-7280", None, None, None, "Augusta, Maine 04330-0164")
    assert centers[MAINE].value("toll_free").text == "(877) 786-3636"
    assert _values(centers[GUAM]) == (None, None, "info@mlrin.org", None, "Agana Heights, Guam")
    assert (centers[GUAM].city, centers[GUAM].state) == ("Agana Heights", "GU")
    assert centers[GUAM].block.heading_ref.line == 398
    assert ("MISSING_EMAIL", "email") in {(f.code, f.field) for f in findings if f.center_id == MAINE}
    assert not [f for f in findings if f.center_id in (MAINE, GUAM) and f.code == "UNRECOGNIZED_LINE"]


def test_a_second_place_line_and_values_begun_again_are_a_center_of_their_own(capture_bytes, clean):
    """Connecticut's heading (line 237) gone: its place line and values follow Colorado's website.
    Colorado keeps its own values; Connecticut's are a center with no name, reported, never Colorado's."""
    colorado = "colorado-information-analysis-center"
    def edit(lines):
        assert lines[237 - 1] == "Connecticut Intelligence Center"
        lines[237 - 1] = ""
    centers, findings = _run(capture_bytes, edit)
    assert _values(centers[colorado]) == _values(clean[0][colorado])
    nameless = centers["unnamed-capturetxt-line-239"]
    assert _values(nameless) == CONNECTICUT[2]
    assert ("HEADING_WITHOUT_NAME", "name") in {(f.code, f.field) for f in findings if f.center_id == nameless.id}
    assert ("LIST_ENTRY_WITHOUT_BLOCK", CONNECTICUT[0]) in {(f.code, f.center_id) for f in findings}


# (case, heading line, junk that reads as a name or not) between a center's heading and its place line
JUNK_BEFORE_PLACE = [
    ("first center, a name-like line", ALABAMA, 105, "State Fusion Center Network Office"),
    ("first center, an acronym", ALABAMA, 105, "ALEA"),
    ("a center inside the listing, a longer name", CONNECTICUT, 237, "Hartford Regional Fusion Center Main Office"),
]


@pytest.mark.parametrize("case, center, heading_line, junk", JUNK_BEFORE_PLACE, ids=[j[0] for j in JUNK_BEFORE_PLACE])
def test_junk_between_a_heading_and_its_place_gives_no_phantom(capture_bytes, clean, case, center, heading_line,
                                                              junk):
    """The line that names a list entry is the heading, whatever reads as a name around it: the
    junk stays on that center, reported, and no phantom takes its values."""
    centers, findings = _run(capture_bytes, _insert(heading_line, junk))
    assert sorted(centers) == sorted(clean[0])
    center_id, _, typed = center
    assert _values(centers[center_id]) == typed
    assert centers[center_id].block.heading_ref.line == heading_line
    assert [(f.center_id, f.code) for f in findings if f.value == junk] == [(center_id, "UNRECOGNIZED_LINE")]


def test_phones_only_then_a_named_heading_and_place_is_two_centers():
    """No document marks: a block that gave only a phone, then a name (an organisation's word) and a
    place line before any phone. The second block gives a fax first, so no label repeats."""
    lines = _lines(("Alpha Fusion Center", None), ("Town, Ohio", None), ("Phone: (614) 555-0100", None),
                   ("Beta Information Exchange", None), ("City, Ohio", None), ("Fax: (614) 555-0101", None),
                   ("beta@example.org", None))
    assert _shape(build_contact_blocks(lines, "")) == [
        ("Alpha Fusion Center", "Town, Ohio", [("Phone", "(614) 555-0100")]),
        ("Beta Information Exchange", "City, Ohio", [("Fax", "(614) 555-0101"), ("Email", "beta@example.org")])]


def test_phones_only_then_a_line_that_is_no_name_stays_in_the_block():
    """The README's case: "For questions call" and "Austin, Texas" after a block's phones read as no
    name (no organisation's word, no list entry): they stay in the block, and so does its email."""
    lines = _lines(("Alpha Fusion Center", None), ("Town, Ohio", None), ("Phone: (614) 555-0100", None),
                   ("For questions call", None), ("Austin, Texas", None), ("alpha@example.org", None))
    assert _shape(build_contact_blocks(lines, "")) == [
        ("Alpha Fusion Center", "Town, Ohio", [("Phone", "(614) 555-0100"), (UNRECOGNIZED_LABEL, "For questions call"),
                                               (UNRECOGNIZED_LABEL, "Austin, Texas"), ("Email", "alpha@example.org")])]


def test_a_list_entry_name_reads_as_a_name_without_an_organisation_word():
    """A list entry's name ("Guam Watch") starts a center after a phone-only block, given the list."""
    lines = _lines(("Alpha Fusion Center", None), ("Town, Ohio", None), ("Phone: (614) 555-0100", None),
                   ("Guam Watch", None), ("Agana Heights, Guam", None), ("watch@example.org", None))
    assert len(build_contact_blocks(lines, "")) == 1
    assert _shape(build_contact_blocks(lines, "", frozenset({"guam watch"})))[1] == (
        "Guam Watch", "Agana Heights, Guam", [("Email", "watch@example.org")])


@pytest.mark.parametrize("between", [[], ["Open weekdays"]], ids=["nothing", "a line that is no value"])
def test_a_block_without_values_then_a_named_heading_and_place_is_two_centers(between):
    """No document marks: a block that gave its place line and no value at all (nor a phone), then
    a name and a place line: the name starts a center of its own, never the first block's lines
    (bench/run.py's synthetic listings at 100,000 centers draw such blocks)."""
    lines = _lines(("Alpha Fusion Center", None), ("Town, Ohio", None), *[(t, None) for t in between],
                   ("Beta Information Exchange", None), ("City, Ohio", None), ("Phone: (614) 555-0101", None),
                   ("beta@example.org", None))
    assert _shape(build_contact_blocks(lines, "")) == [
        ("Alpha Fusion Center", "Town, Ohio", [(UNRECOGNIZED_LABEL, t) for t in between]),
        ("Beta Information Exchange", "City, Ohio", [("Phone", "(614) 555-0101"), ("Email", "beta@example.org")])]


def test_a_block_without_values_then_a_line_that_is_no_name_stays_in_the_block():
    """After a block with a place line and no value, "For questions call" and a second place line
    read as no name: they stay in the block, as after a block of phones."""
    lines = _lines(("Alpha Fusion Center", None), ("Town, Ohio", None), ("For questions call", None),
                   ("Austin, Texas", None), ("alpha@example.org", None))
    assert _shape(build_contact_blocks(lines, "")) == [
        ("Alpha Fusion Center", "Town, Ohio", [(UNRECOGNIZED_LABEL, "For questions call"),
                                               (UNRECOGNIZED_LABEL, "Austin, Texas"), ("Email", "alpha@example.org")])]


# A heading the printer wrapped over two lines, or broke at a column's or page's foot, under a block
# that gave its email (so its lines cannot be the block's own): (heading's lines with their marks,
# the place line, the heading read, the list entries' name keys given beside the listing).
WRAPPED_HEADINGS = [
    ("a small word goes on", [("Washington Regional Threat", None), ("and Analysis Center (Washington, D.C.)", None)],
     "Washington, DC", "Washington Regional Threat and Analysis Center (Washington, D.C.)", frozenset()),
    ("a name's own word goes on, marked", [("Massachusetts Commonwealth", True), ("Fusion Center", True)],
     "Maynard, Massachusetts", "Massachusetts Commonwealth Fusion Center", frozenset()),
    ("a name's own word goes on, unmarked", [("Massachusetts Commonwealth", None), ("Fusion Center", None)],
     "Maynard, Massachusetts", "Massachusetts Commonwealth Fusion Center", frozenset()),
    ("a number goes on", [("Southwestern PA Region", None), ("13 Fusion Center; Pittsburgh, PA", None)],
     "Pittsburgh, Pennsylvania", "Southwestern PA Region 13 Fusion Center; Pittsburgh, PA", frozenset()),
    ("after the place suffix's comma", [("St. Louis Fusion Center; St. Louis,", None), ("MO", None)],
     "St. Louis, Missouri", "St. Louis Fusion Center; St. Louis, MO", frozenset()),
    ("the list names the two together", [("Mariana Regional", None), ("Watch Desk", None)],
     "Agana Heights, Guam", "Mariana Regional Watch Desk", frozenset({"mariana regional watch desk"})),
]


@pytest.mark.parametrize("case, heading, place, read, names", WRAPPED_HEADINGS, ids=[w[0] for w in WRAPPED_HEADINGS])
def test_a_heading_wrapped_over_two_lines_is_one_heading(case, heading, place, read, names):
    """No phantom center named by the heading's first line, with its rest kept on it as a line that
    is no value: the heading is read whole, and the center keeps its place and values."""
    lines = _lines(("Alpha Fusion Center", True), ("Town, Ohio", None), ("Phone: (614) 555-0100", None),
                   ("alpha@example.org", None), *heading, (place, None), ("Phone: (614) 555-0101", None))
    assert _shape(build_contact_blocks(lines, "", names))[1] == (read, place, [("Phone", "(614) 555-0101")])


# A line under a heading that is whole stays apart from it, whatever it reads like: (lines, heading read).
WHOLE_HEADINGS = [
    ("a name that ends on its line", [("Connecticut Intelligence Center", None), ("Fusion Center", None)],
     "Connecticut Intelligence Center"),
    ("a state's name above a center's", [("Ohio", None), ("Fusion Center", None)], "Fusion Center"),
    ("two styles", [("Massachusetts Commonwealth", True), ("Fusion Center", False)], "Massachusetts Commonwealth"),
    ("a sentence", [("Call us any time", None), ("Fusion Center", None)], "Fusion Center"),
]


@pytest.mark.parametrize("case, heading, read", WHOLE_HEADINGS, ids=[w[0] for w in WHOLE_HEADINGS])
def test_a_line_under_a_whole_heading_is_not_its_rest(case, heading, read):
    lines = _lines(("Alpha Fusion Center", True), ("Town, Ohio", None), ("Phone: (614) 555-0100", None),
                   ("alpha@example.org", None), *heading, ("Town, Ohio", None), ("Phone: (614) 555-0101", None))
    assert _shape(build_contact_blocks(lines, ""))[-1][0] == read


def test_a_place_line_wrapped_inside_its_state_is_one_place_line():
    """ "Charleston, West" / "Virginia": the block's place line, not a line that is no value followed
    by a heading "Virginia" that takes the center's values."""
    lines = _lines(("Alpha Fusion Center", None), ("Town, Ohio", None), ("alpha@example.org", None),
                   ("West Virginia Intelligence Fusion Center", None), ("Charleston, West", None), ("Virginia", None),
                   ("Phone: (304) 558-4831", None))
    assert _shape(build_contact_blocks(lines, ""))[1] == (
        "West Virginia Intelligence Fusion Center", "Charleston, West Virginia", [("Phone", "(304) 558-4831")])


def test_a_heading_the_list_names_over_three_lines_is_one_heading():
    """Three lines none of which, nor two of which, the list names, and which together name an entry."""
    heading = [("El Paso Multi-Agency Tactical", None), ("Response Information", None),
               ("eXchange (MATRIX); El Paso, TX", None)]
    lines = _lines(("Alpha Fusion Center", True), ("Town, Ohio", None), ("alpha@example.org", None), *heading,
                   ("El Paso, Texas", None), ("Phone: (915) 680-6500", None))
    names = frozenset({"el paso multi agency tactical response information exchange"})
    assert _shape(build_contact_blocks(lines, "", names))[1] == (
        "El Paso Multi-Agency Tactical Response Information eXchange (MATRIX); El Paso, TX", "El Paso, Texas",
        [("Phone", "(915) 680-6500")])
