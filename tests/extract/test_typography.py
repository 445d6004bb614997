"""Typography rules of the readers, case by case: line-end hyphens, a text file printed to pages,
word gaps against column gutters, and addresses a printer broke.

The documents of each kind, made by the producers of that kind, are in
tests/fixtures/generated/ (test_generated_layouts.py); these are the rules they rest on.
"""
from __future__ import annotations

import pytest

from collections import Counter
from dataclasses import replace

from pipeline.extract.capture import unprint
from pipeline.extract.pdf.furniture import repeated_keys
from pipeline.extract.pdf.layout import cut, find_gutters
from pipeline.extract.pdf.order import (
    ADDRESS_HYPHEN_KEPT, ADDRESS_HYPHEN_UNSURE, HYPHENATION, JOINED, Spelling, address_goes_on, broken_join,
    DROP_HYPHEN, Placed, apart_links, flows_on, join_broken, lines_in_order, link_join, runs_on, spelled_whole,
    wrapped_place)
from pipeline.extract.pdf.pages import (
    Box, PdfPage, TextLine, Word, address_joined, column_edges, group_lines, touching_joined)
from reportlab.pdfbase import pdfmetrics
from tests.extract.drawn import drawn_page, read_blocks


def _spelling(*words: str) -> Spelling:
    """A document's spelling from its words, as `order.spelling` reads a PDF's."""
    import re
    hyphenated = {w.casefold() for w in words if "-" in w.strip("-")}
    slashed = {w.casefold() for w in words if "/" in w.strip("/")}
    ending = Counter(re.findall(r"[^\W_]+", w.casefold())[-1] for w in words if w.endswith("-") and w.strip("-"))
    return Spelling(frozenset(hyphenated), Counter(r for w in words for r in re.findall(r"[^\W_]+", w.casefold())),
                    frozenset(slashed), ending)


@pytest.mark.parametrize(("before", "after", "spelled", "joined"), [
    ("Chicago Crime Prevention and Informa\u2010", "tion Center; Chicago, IL", (),
     "Chicago Crime Prevention and Information Center; Chicago, IL"),
    ("Cen-", "ter", (), "Center"),
    ("Southern Nevada Counter-", "Terrorism Center", (), "Southern Nevada Counter-Terrorism Center"),
    ("threat-", "related information", ("threat-related",), "threat-related information"),
    ("El Paso Multi-", "Agency Tactical", (), "El Paso Multi-Agency Tactical"),
    ("Phone: (334) 517-", "2660", (), "Phone: (334) 517-2660"),
    ("tewg@hamilton-", "co.org", (), "tewg@hamilton-co.org"),
    ("www.homelandsecurity.ms.gov/msa\u2010", "ic.html", (), "www.homelandsecurity.ms.gov/msaic.html"),
    ("fusioncenter@alacop.", "gov", (), "fusioncenter@alacop.gov"),
    ("Alabama", "Fusion Center", (), "Alabama Fusion Center"),
    # Capture line 63: TeX hyphenates capitals too; the acronym spells the name's capitals.
    ("El Paso Multi-Agency Tactical Response Information eXchange (MA-", "TRIX); El Paso, TX", (),
     "El Paso Multi-Agency Tactical Response Information eXchange (MATRIX); El Paso, TX"),
    ("Tri-State NY-", "NJ Center", (), "Tri-State NY-NJ Center"),  # capitals that spell no initials
], ids=["CSS hyphen joined", "TeX hyphen joined", "compound kept before a capital",
        "spelled with a hyphen elsewhere", "Multi-Agency", "number", "address's own hyphen",
        "hyphenator's hyphen in an address", "address broken after a dot", "words",
        "acronym of the name's capitals", "capitals of no initials"])
def test_a_line_end_is_joined_as_the_document_spells_it(before, after, spelled, joined):
    assert join_broken(before, after, Spelling(frozenset(spelled)), hyphenates=False) == joined


# The words of a document around each case: what it spells elsewhere decides the break.
LISTING = ("www.homelandsecurity.ky.gov", "Cincinnati/Hamilton", "County", "tewg@hamilton-co.org",
           "co.collin.tx.us", "Regional", "Intelligence", "Center", "Centers", "Center;", "Fusion",
           "Information", "Analysis", "Houston,", "Texas", "fusioncenter@ky.gov", "Las", "Vegas", "Fusion",
           "lafusion.center@dps.la.gov")


@pytest.mark.parametrize(("before", "after", "hyphenates", "joined", "how"), [
    # The printer's hyphen inside an address: the document spells the word whole elsewhere.
    ("www.homelandsecu-", "rity.ohio.gov/index.stm", True, "www.homelandsecurity.ohio.gov/index.stm",
     HYPHENATION),
    # The address's own hyphen: the document spells the address with it elsewhere.
    ("tewg@hamilton-", "co.org", True, "tewg@hamilton-co.org", ADDRESS_HYPHEN_KEPT),
    # A printer that hyphenates no word of the document broke after the address's own hyphen.
    ("HRISC-Fusioncenter@houstonpo-", "lice.org", False, "HRISC-Fusioncenter@houstonpo-lice.org",
     ADDRESS_HYPHEN_KEPT),
    # A printer that hyphenates, and neither reading spelled elsewhere: not read for certain.
    ("HRISC-Fusioncenter@houstonpo-", "lice.org", True, "HRISC-Fusioncenter@houstonpo-lice.org",
     ADDRESS_HYPHEN_UNSURE),
    ("http://www.publicsafety.utah.gov/investiga-", "tions/siac.html", True,
     "http://www.publicsafety.utah.gov/investiga-tions/siac.html", ADDRESS_HYPHEN_UNSURE),
    # Capture line 560, groff: the break cuts a word the document spells ("Houston"), and neither
    # piece is a word of its own: the printer's hyphen.
    ("HRISC-Fusioncenter@hous-", "tonpolice.org", True, "HRISC-Fusioncenter@houstonpolice.org", HYPHENATION),
    # Capture line 570, groff: a break between two words the document spells apart and never as one,
    # in a piece of the address that joins its words with hyphens: the address's own hyphen.
    ("www.nh.gov/safety/information-analysis-", "center", True,
     "www.nh.gov/safety/information-analysis-center", ADDRESS_HYPHEN_KEPT),
    ("www.nh.gov/safety/information-", "analysis-center", True,
     "www.nh.gov/safety/information-analysis-center", ADDRESS_HYPHEN_KEPT),
    # Two words, but no other hyphen in that piece, and "fusioncenter" spelled whole elsewhere.
    ("www.nd.gov/des/homeland/fusion-", "center", True, "www.nd.gov/des/homeland/fusion-center",
     ADDRESS_HYPHEN_UNSURE),
    # A word standing across the break ("Las") proves nothing where a piece is a word of its own ("la").
    ("www.la-", "safe.org", True, "www.la-safe.org", ADDRESS_HYPHEN_UNSURE),
    # A token the document spells elsewhere ("tewg") after a compound it never spells: no telling.
    ("www.hamiltoncountyohio-", "tewg.org", True, "www.hamiltoncountyohio-tewg.org", ADDRESS_HYPHEN_UNSURE),
    # A break before the "@": the address's first piece, whose capital after the hyphen says nothing.
    ("TXJ-", "CIC@dps.texas.gov", True, "TXJ-CIC@dps.texas.gov", ADDRESS_HYPHEN_UNSURE),
    ("HRISC-", "Fusioncenter@houstonpolice.org", False, "HRISC-Fusioncenter@houstonpolice.org",
     ADDRESS_HYPHEN_KEPT),
    # A word the document spells whole elsewhere: hyphenation, joined.
    ("Regional Intelli-", "gence Center", True, "Regional Intelligence Center", HYPHENATION),
    ("Regional Intelligence", "Center", True, "Regional Intelligence Center", JOINED),
], ids=["printer's hyphen in an address", "address's own hyphen", "printer hyphenates nothing",
        "unsure email", "unsure website", "cuts a word spelled elsewhere", "between hyphened words",
        "between hyphened words, rest hyphened", "two words, no other hyphen", "a word across a word",
        "a token after a compound", "unsure before the @", "before the @, printer hyphenates nothing",
        "hyphenated word", "words"])
def test_an_address_broken_at_a_hyphen_is_read_only_when_certain(before, after, hyphenates, joined, how):
    assert broken_join(before, after, _spelling(*LISTING, before.rpartition(" ")[2], after.partition(" ")[0]),
                       hyphenates) == (joined, how)


def test_a_piece_of_another_broken_address_is_no_proof_that_a_hyphen_is_the_printer_s():
    """A Writer table whose Email and Website cells break at the same words: "tewg@hamilton-" /
    "co.org" beside "www.hamiltonco" / "untyohio-" / "tewg.org". The website's piece spells
    "hamiltonco" once, as often as "hamilton" stands alone: the email's hyphen may be its own (it
    is), so the address is not read for certain; it was published as "tewg@hamiltonco.org", silently."""
    words = ("Cincinnati/Hamilton", "County", "www.hamiltonco", "untyohio-", "tewg.org", "co.collin.tx.us",
             "ciac.co.gov", "tewg@hamilton-", "co.org")
    assert broken_join("tewg@hamilton-", "co.org", _spelling(*words)) == ("tewg@hamilton-co.org", ADDRESS_HYPHEN_UNSURE)


@pytest.mark.parametrize(("spelled", "cut"), [
    (("Houston,", "Texas"), True),
    (("Center;", "Hous-", "ton,", "Houston,"), True),  # "Hous-" before a line-end hyphen is no word
    (("Hous", "Houston,"), False),  # "hous" a word of its own elsewhere: no telling
    (("Texas",), False),  # no word of the document stands across the break
], ids=["a word across the break", "the piece also before another line-end hyphen", "the piece a word",
        "no word across"])
def test_a_hyphen_that_cuts_a_word_of_the_document_is_the_printers(spelled, cut):
    """groff hyphenates inside an address: "HRISC-Fusioncenter@hous-" / "tonpolice.org"."""
    from pipeline.extract.pdf.order import hyphen_cuts_word
    words = _spelling(*spelled, "HRISC-Fusioncenter@hous-", "tonpolice.org")
    assert hyphen_cuts_word("HRISC-Fusioncenter@hous", "tonpolice.org", words) is cut


@pytest.mark.parametrize(("before", "after", "spelled", "joined"), [
    # Capture line 78 (and 213): the block's heading spells the name whole; its list item broke after the slash.
    ("Cincinnati/", "Hamilton County Regional", LISTING, "Cincinnati/Hamilton County Regional"),
    # Seed 71206601 layout 1258654782: three narrow justified columns; both the list item and the heading broke there.
    ("Cincinnati/", "Hamilton County Regional", (), "Cincinnati/Hamilton County Regional"),
    ("Center /", "Fusion", (), "Center / Fusion"),
    ("www.dps.state.is.us/intell/", "index.shtml", (), "www.dps.state.is.us/intell/index.shtml"),
], ids=["spelled whole elsewhere", "spelled nowhere", "a slash set apart", "address"])
def test_a_break_after_a_slash_inside_a_word_joins_it(before, after, spelled, joined):
    assert join_broken(before, after, _spelling(*spelled)) == joined


@pytest.mark.parametrize(("last", "first", "whole"), [
    ("Aus", "tin,", True),  # "Austin" elsewhere: a word a print cut at its last cell
    ("Kansas", "City,", False),  # two words elsewhere, never one
    ("Cente", "r", True),
    ("Mc", "Kinney,", True),
    ("Hato", "Rey,", None),  # neither reading elsewhere: no telling
    # "M" once elsewhere (another cut's piece): no word of its own; "a" often: one
    ("(M", "ATRIX);", None),
    ("a", "recognized", False),
], ids=["cut word", "two words", "one letter over", "capital inside a word", "no telling", "a letter cut off",
        "a word of one letter"])
def test_a_break_is_one_word_or_two_as_the_document_spells_them(last, first, whole):
    words = ("Austin", "Texas", "Kansas", "City", "Kansas", "City", "Center", "Center", "McKinney", "M", "a", "a",
             last, first)
    assert spelled_whole(last, first, _spelling(*words)) is whole


def test_a_running_header_repeats_on_every_page_but_one():
    """groff's ms and LaTeX's fancyhdr leave the first page's header out: the header repeats on
    the others, a center's name at the foot of two pages of five does not."""
    title = "fusion center locations and contact information"
    keys = [{"fusion centers", "alabama fusion center"}, {title, "alaska"}, {title, "alabama fusion center"},
            {title, "iowa"}, {title, "page"}]
    assert repeated_keys(keys) == {title}
    assert repeated_keys([{title}, {"two"}]) == set()
    assert repeated_keys([{title}, {title}]) == {title}


def _pages(feet: list[tuple[str, str]]) -> bytes:
    """Pages of a column of body lines, each page's last line (its foot) `(text, font)`."""
    import io
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    for n, (text, font) in enumerate(feet):
        c.setFont("Helvetica", 7)
        for k in range(30):
            c.drawString(40, 740 - 9 * k, f"Line {k} of the text of page {n + 1}")
        c.setFont(font, 7)
        c.drawString(40, 740 - 9 * 30, text)
        c.showPage()
    c.save()
    return buf.getvalue()


_ITEM = "Washington Regional Threat and Analysis Center"


@pytest.mark.parametrize("feet, running", [
    # The list's last item at the foot of page 1, its center's heading at the foot of page 3, in the
    # same type; page 2 ends otherwise: a running line is missing from the first or last page only.
    ([(_ITEM, "Helvetica"), ("Ohio Strategic Analysis", "Helvetica"), (_ITEM, "Helvetica")], False),
    # The item at the foot of page 1, the heading in bold at the foot of page 2: not the same type.
    ([(_ITEM, "Helvetica"), (_ITEM, "Helvetica-Bold")], False),
    ([(_ITEM, "Helvetica"), (_ITEM, "Helvetica")], True),
    ([("Ohio Strategic Analysis", "Helvetica"), (_ITEM, "Helvetica"), (_ITEM, "Helvetica")], True),
], ids=["first and last of three", "another type", "every page", "all but the first"])
def test_a_text_at_the_foot_of_two_pages_is_running_only_in_the_same_type_on_pages_in_a_row(feet, running):
    """A three-column list page ended its first column with the item "Washington Regional Threat and
    Analysis Center" and a listing's last page its column with that center's heading: read as a
    running footer, the item and the heading were lost and the center published under the item
    before it, silently."""
    from pipeline.extract.pdf.furniture import running_lines
    from pipeline.extract.pdf.pages import read_pages
    pages, _ = read_pages(_pages(feet), "feet.pdf")
    lines = [group_lines(page.words) for page in pages]
    found = running_lines(pages, lines, "", 7.0)
    assert [any(lines[k][i].text == _ITEM for i in found[k]) for k in range(len(pages))] \
        == [running and text == _ITEM for text, _ in feet]


HEADER = "2015-09-30 10:00   Fusion Center Locations    Page {}"


def test_a_printed_text_file_loses_its_page_headers_and_joins_its_hard_wraps():
    width = 44
    body = ["Alpha Regional Intelligence Center; Carson", "City, NV", "", "Carson City, Nevada",
            "Phone: (775) 687-0450", "", "- Houston Regional Intelligence Service",
            "Center; Houston, TX", "Houston Regional Intelligence Service Center", "Houston, Texas",
            "- An item that is long enough to be wrapped at", "the page's width", "", "x" * width]
    lines = [HEADER.format(1), "", *body[:6], "\f" + HEADER.format(2), "", *body[6:]]
    out = unprint(lines)
    assert len(out) == len(lines)  # line numbers hold
    assert [t for t in out if t.strip()] == [
        "Alpha Regional Intelligence Center; Carson City, NV", "Carson City, Nevada", "Phone: (775) 687-0450",
        "- Houston Regional Intelligence Service Center; Houston, TX",
        "Houston Regional Intelligence Service Center", "Houston, Texas",
        "- An item that is long enough to be wrapped at the page's width", "x" * width]


def test_a_capture_that_is_not_printed_is_read_as_it_is():
    lines = ["Alpha Center", "Town, Ohio", "Phone: (614) 555-0100", "", "Beta Center"]
    assert unprint(lines) == lines


# --- Word gaps and column gutters: a PDF's words at their places ---------------------------

def _words(*lines: tuple[float, list[tuple[str, float]]], size: float = 10.0) -> list[Word]:
    """Words at (x0) on lines at (top), each glyph 0.5 em wide."""
    return [Word(text, x0, x0 + 0.5 * size * len(text), top, top + size, "F+Serif", size)
            for top, placed in lines for text, x0 in placed]


def _space(x0: float, top: float, size: float = 10.0) -> Box:
    return Box(x0, x0 + 0.25 * size, top, top + size)


def _page(words: list[Word], spaces: list[Box] = ()) -> PdfPage:
    return PdfPage(1, 612.0, 792.0, tuple(words), (), (), (), column_edges(words), 2.5, 0.0,
                   tuple(sorted(spaces, key=lambda b: b.top)))


# Lines a line break ends, justified by a word processor: each one gap stretched to the
# column's right edge (500), the space glyph set in the middle of it, as LibreOffice does.
STRETCHED = [(100.0, [("Anchorage,", 50.0), ("Alaska", 470.0)]),
             (112.0, [("Phone:", 50.0), ("269-8900", 460.0)]),
             (124.0, [("Toll-Free:", 50.0), ("692-5425", 460.0)])]


def test_a_fallback_glyph_joins_the_word_it_touches_wherever_the_page_draws_it():
    """A browser sets a hyphen its font lacks from a fallback font, 0.45 pt higher (that font's
    ascent), and draws it after the rest of the page's first line: two columns whose baselines
    stand 6 pt apart. It is joined to "Intelli" (which it touches), nothing else is."""
    size = 12.0
    left = [Word("Central", 50.0, 92.0, 45.23, 57.23, "A+P052", size),
            Word("Intelli", 96.0, 126.9, 45.23, 57.23, "A+P052", size)]
    right = [Word("Phone:", 240.0, 276.0, 51.23, 63.23, "A+P052", size),
             Word("(916)", 280.0, 306.0, 51.23, 63.23, "A+P052", size)]
    hyphen = Word("\u2010", 126.9, 130.95, 44.78, 56.78, "B+DejaVu-Serif", size)
    below = Word("gence", 50.0, 80.1, 60.23, 72.23, "A+P052", size)
    joined = touching_joined([*left, *right, below, hyphen])
    assert [w.text for w in joined] == ["Central", "Intelli\u2010", "Phone:", "(916)", "gence"]
    assert (joined[1].x0, joined[1].x1, joined[1].font) == (96.0, 130.95, "A+P052")


@pytest.mark.parametrize(("left", "right", "gap", "read"), [
    # groff sets each hyphen with the minus's advance (0.56 em) where the widths give the hyphen's:
    # the glyphs after it, up to its next run, stand 0.21 em further on than the file's text puts them
    ("tewg@hamilton-co.or", "g", 2.13, ["tewg@hamilton-co.org"]),
    ("www.hamiltoncountyohio-te", "wg.org", 2.06, ["www.hamiltoncountyohio-tewg.org"]),
    ("sp-intelligence@pa.go", "v", 2.1, ["sp-intelligence@pa.gov"]),
    ("tewg@hamilton-co.or", "g", 2.5, ["tewg@hamilton-co.or", "g"]),  # a word space of the page's
    ("fusion@ohio.gov", "or", 2.1, ["fusion@ohio.gov", "or"]),  # a whole address, then a word
    ("ciac@ciac.co.g", "www.ciac.gov", 2.1, ["ciac@ciac.co.g", "www.ciac.gov"]),  # an address of its own
    ("U.S.", "Virgin", 2.1, ["U.S.", "Virgin"]),  # a justified line's narrow space: "u.s.virgin" is a host
], ids=["email", "website", "email's suffix", "word space", "whole address", "address of its own", "initials"])
def test_an_address_parted_by_a_gap_narrower_than_the_page_s_word_space_is_one_word(left, right, gap, read):
    """An address holds no space, and a gap narrower than any the page sets between its words (2.5
    points in 10-point Times) is none: its pieces are one word where the first names no host and
    the two together name one."""
    size, x = 10.0, 128.0
    text = [Word(w, x0, x0 + 5 * len(w), 100.0, 110.0, "Times-Roman", size)
            for w, x0 in (("Phone:", 128.0), ("(513)", 160.5), ("263-8000", 188.0))]
    first = Word(left, x, x + 5 * len(left), 120.0, 130.0, "Times-Roman", size)
    second = Word(right, first.x1 + gap, first.x1 + gap + 5 * len(right), 120.0, 130.0, "Times-Roman", size)
    words = [*text, first, second]
    lines = group_lines(words)
    joined = address_joined(words, lines) or words
    assert [w.text for w in joined][3:] == read


def test_an_address_that_ends_a_point_short_of_the_next_column_stays_apart_from_it():
    """TeX sets an address too long for its column up to the next column's text, a point short of
    it ("www.tennessee.gov/homelandsecurity" | "vfc@vsp.virginia.gov", 0.09 em apart): the next
    column's word starts at its column's edge, where its other lines start, and is a word of its
    own. A glyph that touches a word with no gap is still joined to it."""
    size = 12.0
    left = Word("www.tennessee.gov/homelandsecurity", 22.26, 210.45, 401.09, 413.0, "A+CMR12", size)
    right = [Word(text, 211.53, 211.53 + 6 * len(text), top, top + size, "A+CMR12", size)
             for text, top in (("Phone:", 372.0), ("vfc@vsp.virginia.gov", 401.09), ("Virginia", 430.0))]
    hyphen = Word("\u2010", 90.0, 94.0, 430.0, 442.0, "B+DejaVu", size)
    word = Word("Intelli", 50.0, 90.0, 430.0, 442.0, "A+CMR12", size)
    joined = touching_joined([left, *right, word, hyphen])
    assert [w.text for w in joined] == [
        "www.tennessee.gov/homelandsecurity", "Phone:", "vfc@vsp.virginia.gov", "Virginia", "Intelli\u2010"]


def test_fallback_hyphens_ending_justified_lines_at_one_x_stay_on_their_words():
    """A justified column's hyphenated lines all end at its right edge, so each fallback-font
    hyphen starts at one x, like a column's edge; each touches its word (the gap only
    floating-point noise) and is joined to it, never taken for the next column's first word."""
    size, edge = 11.0, 387.1221181302957
    words = []
    for k, head in enumerate(["De", "Informa", "Intelli", "Com", "Analy", "Cleve"]):
        top = 30.88 + 14.0 * k
        words.append(Word(head, edge - 5.0 * len(head), edge - 1e-13, top, top + size, "A+URW-Bookman", size))
        words.append(Word("\u2010", edge, edge + 3.97, top - 0.52, top - 0.52 + size, "B+DejaVu-Sans", size))
    assert [w.text for w in touching_joined(words)] == [
        "De\u2010", "Informa\u2010", "Intelli\u2010", "Com\u2010", "Analy\u2010", "Cleve\u2010"]


def test_a_stretched_word_gap_holding_its_space_glyph_is_no_gutter():
    words = _words(*STRETCHED)
    spaces = [_space((a.x1 + b.x0) / 2, a.top) for a, b in zip(words[::2], words[1::2])]
    assert find_gutters(words, _page(words, spaces), 10.0) == []


def test_two_columns_with_a_space_typed_at_a_line_end_keep_their_gutter():
    left = [(100.0 + 12 * k, [("Alpha" + "a" * k, 50.0), ("Center", 80.0 + 5 * k)]) for k in range(4)]
    right = [(100.0 + 12 * k, [("Phone:", 300.0), ("555-0100", 332.5)]) for k in range(4)]
    words = _words(*left) + _words(*right)
    trailing = [_space(110.0 + 5 * k, 100.0 + 12 * k) for k in range(4)]  # against "Center", clear of the gutter
    assert len(find_gutters(words, _page(words, trailing), 10.0)) == 1


def _filled(left: float, right: float, k: int) -> list[tuple[str, float]]:
    """A line of words (`_words`: 5 points a glyph, a 3-point space) from `left`, as many as end by `right`,
    from the k-th word of a text on: each line's word spaces stand at other places."""
    text = "the center shares threat information with its state and local partners every day".split()
    placed, x = [], left
    for word in (text * 3)[k:]:
        if x + 5 * len(word) > right:
            return placed
        placed.append((word, x))
        x += 5 * len(word) + 3
    return placed


def test_a_column_edge_that_an_address_runs_across_keeps_a_word_set_a_hair_left_of_it():
    """Two narrow columns with no empty band between them: the left one's address runs across the
    next column's edge (its words end 2 points short of it), and a word of the next column starts
    half a point left of the edge the others start at (a capital's side bearing). It is the next
    column's, read in its place, not at the foot of the column before."""
    left = [(100.0 + 12 * k, _filled(42.5, 215.7, k)) for k in range(20)]
    right = [(100.0 + 12 * k, _filled(218.45, 380.0, k + 3)) for k in range(20)]
    words = _words(*left) + _words(*right)
    last = words[-1]  # the last line: one word, half a point left of the edge
    words = [w for w in words if w.top != last.top or w.x0 < 218] + [
        Word("WiWATCH.org", 217.9, 272.9, last.top, last.bottom, "F+Serif", 10.0)]
    words.append(Word("www.oregonfusioncenter@doj.state.or.us", 42.1, 243.4, 190.0, 200.0, "F+Serif", 10.0))
    # The left column's last line: an address ending a tenth of a point short of that word's start.
    words.append(Word("oregonfusioncenter@doj.state.or.us", 42.5, 217.8, 340.0, 350.0, "F+Serif", 10.0))
    page = _page(words)
    regions = [{w.text for w in region} for region in cut(words, page, 10.0)]
    assert len(regions) == 2
    assert "WiWATCH.org" in regions[1] and "www.oregonfusioncenter@doj.state.or.us" in regions[0]
    assert "oregonfusioncenter@doj.state.or.us" in regions[0]


@pytest.mark.parametrize(("address", "text", "goes_on"), [
    ("arfusioncenter@asp.arkans", "as.gov", True),
    ("www.homelandsecurity.ms.gov/msa", "ic.html", True),
    ("www.homelandsecurity.ohio.gov/in", "dex.stm", True),
    ("fusioncenter@alacop.", "gov", True),
    ("fusioncenter@ky.gov", "www.homelandsecurity.ky.g", False),
    ("tewg@hamilton-co.org", "www.hamiltoncountyohio-tewg.org", False),
    ("info@neorfc.us", "neorfc.us", False),
    ("aric@austintexas.gov", "Boston Regional Intelligence Center", False),
], ids=["email cut at a host no suffix ends", "path cut mid-word", "page cut mid-word", "cut after a dot",
        "a website that starts on the next line", "a website after its email", "a bare host after its email",
        "the next center's heading"])
def test_an_address_goes_on_only_with_its_own_rest(address, text, goes_on):
    assert address_goes_on(address, text) is goes_on


@pytest.mark.parametrize(("address", "text", "spelled", "goes_on"), [
    ("www.oregonfusioncenter@doj.st", "ate.or.us", ("state", "St.", "Statewide"), True),
    ("www.oregonfusioncenter@doj.st", "ate.or.us", (), False),
    ("dojintel@mt.gov", "doj.mt.gov", ("gov", "doj", "mt"), False),
    ("fusion@dps.state.ak.us", "www.state.ak.us", ("usw", "state"), False),
    ("www.doj.state.wi.us/dci", "<https://nfcausa.org/default.aspx/M", ("dci",), False),
    ("www.dps.state.is.us/intell/", "http://www.dps.state.is.us", (), False),
], ids=["cut inside a word the document spells whole", "the same, the document spelling neither",
        "a bare host after its email", "a website of its own", "the page's own link after it",
        "a link with its scheme after a slash"])
def test_an_address_cut_between_two_hosts_goes_on_where_the_document_spells_the_word_whole(
        address, text, spelled, goes_on):
    """A printer breaks an address too long for its column anywhere ("…@doj.st" / "ate.or.us"): both
    pieces may be hosts, but the document spells the word they cut ("state") whole elsewhere."""
    assert address_goes_on(address, text, _spelling(*spelled)) is goes_on


@pytest.mark.parametrize(("text", "goes_on"), [
    ("St. Louis, MO", True),
    ("Last Published Date: July 23, 2015", False),
], ids=["the item's end under its bullet", "the page's closing line"])
def test_an_item_that_types_its_bullet_wraps_under_it_though_its_next_word_looked_as_if_it_fitted(text, goes_on):
    """TeX ties "St.~Louis" with a no-break space: the item "• St. Louis Fusion Center; St. Louis,
    MO" wraps before "St." although "St." alone fits at the end of the line; a list that types its
    bullets wraps under the bullet. The item's end is its own, not a line of its own."""
    from pipeline.extract.pdf.order import Placed, continues
    from pipeline.extract.pdf.pages import TextLine
    first = TextLine(tuple(_words((700.0, [("St.", 33.0), ("Louis", 53.0), ("Fusion", 83.0), ("Center;", 118.0)]),
                                  size=12.0)))
    under = TextLine(tuple(_words((714.0, [(word, 23.0 + 40.0 * k) for k, word in enumerate(text.split())]),
                                  size=12.0)))
    previous = Placed(first, 1, 200.0, float("inf"), True, None, start=23.0, region_left=23.0)
    current = Placed(under, 2, 200.0, 2.0, False, None, start=23.0, region_left=23.0)
    assert continues(previous, current, 12.0, in_item=True) is goes_on


@pytest.mark.parametrize(("so_far", "text", "goes_on"), [
    ("Phone: (404) 486-6420", "generalin\u2010", False),
    ("Phone: (404)", "486-6420", True),
    ("Georgia Information Sharing", "and Analysis", True),
], ids=["a labeled number's rest, then an address", "the number's digits", "no label"])
def test_the_wrapped_rest_of_a_labeled_number_ends_its_line(so_far, text, goes_on):
    """Seed 71206601 layout 1258654782: a justified column 18 cells wide wraps "Phone: (404)" /
    "486-6420", and the email under it starts "generalin\u2010" / "fo@gisac.gbi.ga.gov". The number's
    rest fills no line, but a justified line ends with it: the line so far is labeled, and only
    more of its digits go on it (Georgia's email was read onto its phone, both lost)."""
    from pipeline.extract.pdf.order import Placed, continues
    from pipeline.extract.pdf.pages import TextLine
    last = so_far.split()[-1]
    rest = TextLine(tuple(_words((714.0, [(last, 23.0)]), size=12.0)))
    under = TextLine(tuple(_words((728.0, [(text, 23.0)]), size=12.0)))
    previous = Placed(rest, 2, 23.0 + 6.0 * 12, 2.0, False, None, start=23.0, region_left=23.0)
    current = Placed(under, 3, 23.0 + 6.0 * 12, 2.0, False, None, start=23.0, region_left=23.0)
    assert continues(previous, current, 12.0, joined=so_far) is goes_on


def _listing_pdf(email: tuple[str, str]) -> bytes:
    """A page of two contact blocks whose printer hyphenates ("Intelli-" / "gence", a word the page
    spells whole elsewhere), the first block's email broken across two lines after a hyphen (the
    widest line of its column: the next piece did not fit)."""
    import io

    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas
    lines = ["Alpha Regional Intelli-", "gence Center", "Montgomery, Alabama", "Phone: (334) 517-2660", *email, "",
             "Beta Intelligence Center", "Juneau, Alaska", "Phone: (907) 269-8900", "beta@alaska.gov", "",
             "Gamma Intelligence Center", "Phoenix, Arizona", "Phone: (602) 644-5805", "gamma@azdps.gov"]
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    c.setFont("Helvetica", 10)
    y = 700
    for text in lines:
        if text:
            c.drawString(54, y, text)
        y -= 12 if text else 24
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize(("email", "published", "reported"), [
    (("intelligence.center@houstonpo-", "lice.org"), "", True),
    (("intelligence.center@homeland-", "security.gov"), "", True),
    (("intelligence.center@ala-", "bama.gov"), "intelligence.center@alabama.gov", False),  # "Alabama" on the page
], ids=["neither reading elsewhere", "a compound spelled nowhere else", "the word whole elsewhere"])
def test_an_address_a_hyphenating_printer_broke_at_a_hyphen_is_reported_not_read(tmp_path, email, published, reported):
    """Never silent: an address broken after a hyphen that may be the printer's is not published,
    and a finding on its center and field says why; one the page decides is read."""
    from pipeline.build import run
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "listing.pdf").write_bytes(_listing_pdf(email))
    b = run(raw)
    (alpha,) = [c for c in b.dataset.centers if c.name.startswith("Alpha")]
    assert alpha.name == "Alpha Regional Intelligence Center"
    value = alpha.value("email")
    assert (value.value if value else "") == published
    found = [(f.center_id, f.field, f.value) for f in b.findings if f.code == "ADDRESS_BROKEN_AT_HYPHEN"]
    assert found == ([(alpha.id, "email", "".join(email))] if reported else [])


def test_the_last_word_of_a_justified_heading_a_gutter_short_of_the_next_column_is_no_column():
    """A browser's justified heading in 7-point bold fills its column ("Northern California Regional
    Intelligence Center; San", its gaps 10.8 points), the next column's text starting 10.5 points
    after its last word: the band before "San" is one of its word spaces, and the only gutter is
    the one after it, where the next column's lines start."""
    size = 7.0
    lines = [  # the first line runs to 271 points, as other lines of the page's first column do
        (582.0, [("Northeast", 39.7, 80.0, False), ("Ohio", 82.0, 100.0, False), ("Regional", 102.0, 140.0, False),
                 ("Fusion", 142.0, 172.0, False), ("Center;", 174.0, 205.0, False),
                 ("Cleveland,", 207.0, 250.0, False), ("OH", 252.0, 271.0, False)]),
        (592.4, [("Toll-Free:", 39.7, 70.7, False), ("(877)", 73.0, 91.8, False), ("515-8477", 94.0, 127.7, False),
                 ("www.sntc.org", 303.0, 350.1, False)]),
        (600.7, [("info@neorfc.us", 39.7, 92.4, False)]),
        (608.9, [("neorfc.us", 39.7, 72.3, False), ("Southwest", 303.0, 344.9, True), ("Texas", 347.3, 369.3, True),
                 ("Fusion", 371.7, 397.5, True), ("Center;", 399.9, 429.1, True), ("San", 431.6, 446.3, True),
                 ("Antonio,", 448.7, 482.1, True), ("TX", 484.6, 494.7, True)]),
        (618.7, [("Northern", 39.7, 75.4, True), ("California", 86.2, 124.3, True), ("Regional", 135.1, 169.5, True),
                 ("Intelligence", 180.4, 226.9, True), ("Center;", 237.7, 266.9, True), ("San", 277.7, 292.5, True),
                 ("San", 303.0, 316.2, False), ("Antonio,", 318.4, 347.5, False), ("Texas", 349.7, 369.1, False)]),
        (626.9, [("Francisco,", 39.7, 79.6, True), ("CA", 82.0, 92.5, True), ("Phone:", 303.0, 327.0, False),
                 ("(210)", 329.3, 348.1, False), ("207-7680", 350.3, 384.0, False)]),
        (635.9, [("San", 39.7, 52.9, False), ("Francisco,", 55.1, 90.0, False), ("California", 92.3, 125.5, False),
                 ("swtxfusion@sanantonio.gov", 303.0, 401.2, False)]),
    ]
    words = [Word(text, x0, x1, top, top + size, "A+Arial-BoldMT" if bold else "A+ArialMT", size)
             for top, placed in lines for text, x0, x1, bold in placed]
    page = PdfPage(1, 595.0, 842.0, tuple(words), (), (), (), column_edges(words), 1.9, 0.0, ())
    assert find_gutters(words, page, size) == [pytest.approx((292.5 + 303.0) / 2)]



# Capture lines 340-345, 536-541 and 794-799: Georgia's email, Houston's and Utah's website, each
# set in a narrow column that breaks it where it runs out of room, under one link per line to the
# whole address (as browsers and word processors write a link). The rest of Georgia's, "i.ga.gov",
# looks like a website of its own; the hyphen at Houston's break is its own; Utah's is a printer's
# (the link's target spells the word whole).
LINKED = [
    ("Georgia Information Sharing and Analysis Center", "Atlanta, Georgia",
     ["Phone: (404) 486-6420", "generalinfo@gisac.gb", "i.ga.gov"], "mailto:generalinfo@gisac.gbi.ga.gov",
     [("Phone", "(404) 486-6420"), ("Email", "generalinfo@gisac.gbi.ga.gov")]),
    ("Houston Regional Intelligence Service Center; Houston, TX", "Houston, Texas",
     ["Phone: (713) 884-4710", "HRISC-", "Fusioncenter@houston", "police.org"],
     "mailto:HRISC-Fusioncenter@houstonpolice.org",
     [("Phone", "(713) 884-4710"), ("Email", "HRISC-Fusioncenter@houstonpolice.org")]),
    ("Utah Statewide Information and Analysis Center", "Sandy, Utah",
     ["Phone: (801) 256-2360", "www.publicsafety.utah.gov/investiga-", "tions/siac.html"],
     "http://www.publicsafety.utah.gov/investigations/siac.html",
     [("Phone", "(801) 256-2360"), ("Website", "www.publicsafety.utah.gov/investigations/siac.html")]),
    # Capture lines 249-255: Dallas's email in a table cell hyphenated twice, "dal-" / "las.fu-" /
    # "sion@…": its middle piece ends in the next break's hyphen.
    ("Dallas Fusion Center; Dallas, TX", "Dallas, Texas",
     ["Phone: (214) 671-3482", "dal-", "las.fu-", "sion@dpd.ci.dallas.tx.us"], "mailto:dallas.fusion@dpd.ci.dallas.tx.us",
     [("Phone", "(214) 671-3482"), ("Email", "dallas.fusion@dpd.ci.dallas.tx.us")]),
]


def _linked_page(links: bool) -> bytes:
    """LINKED's blocks one under the other, bold headings, each address line under its link or not."""
    def draw(c):
        y = 740
        for heading, place, lines, target, _ in LINKED:
            for row, text in enumerate((heading, place, *lines)):
                c.setFont("Helvetica-Bold" if row == 0 else "Helvetica", 10)
                c.drawString(72, y, text)
                if links and row > 2:
                    c.linkURL(target, (72, y - 2, 72 + c.stringWidth(text, "Helvetica", 10), y + 9), relative=0)
                y -= 12
            y -= 10
    return drawn_page(draw)


def test_an_address_under_one_link_is_joined_as_its_target_spells_it():
    assert read_blocks(_linked_page(links=True)) == [(h, place, fields) for h, place, _, _, fields in LINKED]


def test_an_address_under_no_link_keeps_its_reading():
    """Without a link, a rest that names a host of its own is read as it stands: a website."""
    fields = read_blocks(_linked_page(links=False))[0][2]
    assert fields[1:] == [("Email", "generalinfo@gisac.gb"), ("Website", "i.ga.gov")]


# Capture lines 790-796: Utah's block in a narrow justified column (as ReportLab sets it, 26305479 of
# the round's run), its website broken over three lines and under no link: the middle piece is no
# address of its own, and the piece under it, which reads like a website ("c.html"), is its rest.
UTAH = ["Utah Statewide", "Information and", "Analysis Center", "Sandy, Utah", "Phone: (801) 256-2360",
        "SIAC@utah.gov", "www.publicsafety.utah.", "gov/investigations/sia", "c.html"]


def _three_piece_page(font: str, turn: bool) -> bytes:
    """UTAH's block, its heading bold, in a column a little wider than its widest line, each line
    of words stretched to the column's edge; with `turn`, the address's last piece at the top of a
    second column, the next block under it."""
    size = 10
    # The stretched lines end 0.45 em past the widest piece: short of one more letter (22.75 cells).
    width = max(pdfmetrics.stringWidth(t, font, size) for t in UTAH) + 0.45 * size

    def line(c, text: str, x: float, y: float, bold: bool) -> None:
        face = f"{font}-Bold" if bold else font
        words = text.split()
        spare = width - sum(pdfmetrics.stringWidth(w, face, size) for w in words)
        gap = spare / (len(words) - 1) if len(words) > 1 and text not in UTAH[3:] else pdfmetrics.stringWidth(" ", face, size)
        c.setFont(face, size)
        for w in words:
            c.drawString(x, y, w)
            x += pdfmetrics.stringWidth(w, face, size) + gap

    def draw(c):
        y = 740
        for row, text in enumerate(UTAH[:-1] if turn else UTAH):
            line(c, text, 72, y, row < 3)
            y -= 12
        x, y = (72 + width + 36, 740) if turn else (72, y - 10)
        if turn:
            line(c, UTAH[-1], x, y, False)
            y -= 22
        for row, text in enumerate(["Vermont Center", "Williston, Vermont", "Phone: (802) 872-6110"]):
            line(c, text, x, y, row == 0)
            y -= 12
    return drawn_page(draw)


@pytest.mark.parametrize("font", ["Courier", "Helvetica"])
@pytest.mark.parametrize("turn", [False, True], ids=["under", "next column"])
def test_an_address_broken_over_three_lines_is_read_whole(font, turn):
    from pipeline.extract.pdf.document import read_lines
    lines = read_lines(_three_piece_page(font, turn), "drawn.pdf")[0]
    assert [line.text for line in lines] == [
        "Utah Statewide Information and Analysis Center", "Sandy, Utah", "Phone: (801) 256-2360", "SIAC@utah.gov",
        "www.publicsafety.utah.gov/investigations/siac.html", "Vermont Center", "Williston, Vermont",
        "Phone: (802) 872-6110"]


def _placed(text: str, link: str) -> Placed:
    """A one-word line under a link to `link` ("" for none), as `place_lines` gives it."""
    word = Word(text, 72.0, 72.0 + 6.0 * len(text), 700.0, 710.0, "Courier", 10.0)
    return Placed(TextLine((word,)), 1, 72.0 + 6.0 * len(text), 0.0, False, None, links=(link, link))


@pytest.mark.parametrize(("before", "after", "apart", "how"), [
    # Capture lines 95-97: Alabama's email and website, each its own link, the email filling a
    # monospaced column to its last cell: two addresses, never "…alacop.govfusion.alabama.gov".
    (("fusioncenter@alacop.gov", "mailto:fusioncenter@alacop.gov"),
     ("fusion.alabama.gov", "http://fusion.alabama.gov"), True, None),
    (("generalinfo@gisac.gb", "mailto:generalinfo@gisac.gbi.ga.gov"),
     ("i.ga.gov", "mailto:generalinfo@gisac.gbi.ga.gov"), False, ""),
    (("www.publicsafety.utah.gov/investiga-", "http://www.publicsafety.utah.gov/investigations/siac.html"),
     ("tions/siac.html", "http://www.publicsafety.utah.gov/investigations/siac.html"), False, DROP_HYPHEN),
    (("fusioncenter@alacop.gov", ""), ("fusion.alabama.gov", ""), False, None),  # no link: no telling
    # Capture line 492: the rest of New Hampshire's website in a table cell on the next page, a
    # piece of its path with no "." "/" or "@": the hyphen at the break is the address's own.
    (("information-analysis-", "http://www.nh.gov/safety/information-analysis-center"),
     ("center", "http://www.nh.gov/safety/information-analysis-center"), False, ""),
    (("Georgia", "http://gisac.gbi.ga.gov"), ("Information", "http://gisac.gbi.ga.gov"), False, None),
    # An address hyphenated over three lines: the middle piece's own hyphen is the next break's.
    (("dal\u2010", "mailto:dallas.fusion@dpd.ci.dallas.tx.us"),
     ("las.fu\u2010", "mailto:dallas.fusion@dpd.ci.dallas.tx.us"), False, DROP_HYPHEN),
    (("las.fu\u2010", "mailto:dallas.fusion@dpd.ci.dallas.tx.us"),
     ("sion@dpd.ci.dallas.tx.us", "mailto:dallas.fusion@dpd.ci.dallas.tx.us"), False, DROP_HYPHEN),
    (("www.publicsafety.utah.gov/in-", "http://www.publicsafety.utah.gov/investigations/siac.html"),
     ("vestiga-", "http://www.publicsafety.utah.gov/investigations/siac.html"), False, DROP_HYPHEN),
])
def test_links_tell_one_address_broken_from_two(before, after, apart, how):
    previous, current = _placed(*before), _placed(*after)
    assert apart_links(previous, current) is apart
    assert link_join(previous, current) == how


def _mono_line(text: str, x0: float, top: float, gap: float = 1.0, cell: float = 7.2) -> TextLine:
    """A line of a 12-point monospaced face (`cell` a glyph) from `x0`, its words `gap` cells apart."""
    words, x = [], x0
    for word in text.split():
        words.append(Word(word, x, x + cell * len(word), top, top + 12.0, "LiberationMono", 12.0))
        x += cell * (len(word) + gap)
    return TextLine(tuple(words))


@pytest.mark.parametrize(("before", "gap", "after", "goes_on"), [
    # A justified line at a page's foot fills its column, its spaces stretched (1.68 cells): it was
    # wrapped at a word space, and "HRISC-" atop the next page starts an address of its own.
    ("Phone: (713) 884-4710", 1.677, "HRISC-", False),
    # An address cut at its column's last cell goes on in one word at the next page's top.
    ("arfusioncenter@asp.ark", 1.0, "ansas.gov", True),
], ids=["justified line", "address cut at the last cell"])
def test_a_monospaced_line_runs_on_into_the_next_page_only_where_the_print_cut_it(before, gap, after, goes_on):
    foot = _mono_line(before, 391.8, 779.7, gap)
    head = _mono_line(after, 42.6, 40.5)
    previous = Placed(foot, 129, foot.x1, 3.6, False, None, 391.8, 391.8, foot.x1, at_foot=True, page=4)
    current = Placed(head, 1, 201.0, float("inf"), False, None, 42.6, 42.6, 203.7, at_head=True, page=5)
    assert runs_on(previous, current, 7.2, _spelling(before, after)) is goes_on


@pytest.mark.parametrize(("top", "under", "wrapped"), [
    (("East Greenbush, New"), "York", True),  # capture line 509: "East Greenbush, New York"
    (("Center"), "Oklahoma City, Oklahoma", False),  # a heading's last word, its place line under it
    (("Center; Orange"), "County, CA", False),  # a heading's end (capture line 91)
], ids=["place line wrapped", "heading's last word", "heading's place in it"])
def test_a_place_line_the_printer_wrapped_at_a_column_s_top_is_no_heading_s_end(top, under, wrapped):
    """A heading at the foot of a column ("New York State" / "Intelligence Center"), its place line
    wrapped at the top of the next ("East Greenbush, New" / "York"): the place line is the block's,
    not the heading's end."""
    heading = _mono_line("Intelligence Center", 42.6, 851.0)
    first, second = _mono_line(top, 236.4, 40.5), _mono_line(under, 236.4, 56.1)
    previous = Placed(heading, 60, 203.7, 3.6, False, None, 42.6, 42.6, 203.7, at_foot=True, page=6)
    current = Placed(first, 61, 397.5, float("inf"), False, None, 236.4, 236.4, 397.5, at_head=True, page=6)
    following = Placed(second, 62, 397.5, 3.6, False, None, 236.4, 236.4, 397.5, page=6)
    assert wrapped_place(previous, current, following) is wrapped
    assert flows_on(previous, current, 12.0, False, following, _spelling(), 7.2) is (not wrapped)


def test_a_place_line_wrapped_in_a_narrow_cell_under_a_bold_heading_stays_one_line():
    """A table cell as a word processor sets it in a narrow column: the bold heading, then the place
    line wrapped over three lines ("North" / "Chesterfield," / "Virginia", capture line 737). The line
    under a heading set in other type is no line of the heading: the place line is read whole."""
    cell = (0, 3, 8)

    def placed(number: int, text: str, top: float, font: str = "LiberationMono") -> Placed:
        line = _mono_line(text, 42.6, top)
        line = TextLine(tuple(replace(w, font=font) for w in line.words))
        return Placed(line, number, 165.0, float("inf") if number == 1 else 0.0, False, None, 42.6, 42.6, 165.0,
                      cell=cell)
    lines = [placed(1, "Virginia Fusion Center", 300.0, "LiberationMono-Bold"), placed(2, "North", 316.5),
             placed(3, "Chesterfield,", 333.0), placed(4, "Virginia", 349.5)]
    page = PdfPage(1, 612.0, 792.0, (), (), (), (), cell=7.2)
    assert [line.text for line, _ in lines_in_order([page], [lines], 12.0, "t.pdf")] == [
        "Virginia Fusion Center", "North Chesterfield, Virginia"]


@pytest.mark.parametrize(("printed", "read"), [
    # a place line wrapped at a hyphen in its state's name, under a plain heading of two lines
    (["Missouri Information", "Analysis Center", "Jefferson City, Mis-", "souri", "Phone: (866) 362-6422"],
     ["Missouri Information Analysis Center", "Jefferson City, Missouri", "Phone: (866) 362-6422"]),
    # ... at a space in it
    (["Rhode Island State", "Fusion Center", "Providence, Rhode", "Island", "Phone: (866) 490-8477"],
     ["Rhode Island State Fusion Center", "Providence, Rhode Island", "Phone: (866) 490-8477"]),
    # a heading that ends with a place of its own, the block's place line wrapped under it
    (["Southwestern PA Region", "13 Fusion Center;", "Pittsburgh, PA", "Pittsburgh, Pennsylva-", "nia",
      "Phone: (412) 473-2550"],
     ["Southwestern PA Region 13 Fusion Center; Pittsburgh, PA", "Pittsburgh, Pennsylvania",
      "Phone: (412) 473-2550"]),
    # a web address broken over three lines, its first piece naming no host ("www."), its middle one
    # ending in a hyphen: no address of its own ("hamiltoncountyohio-tewg.org")
    (["tewg@hamilton-co.org", "www.", "hamiltoncountyohio-", "tewg.org", "Colorado Information"],
     ["tewg@hamilton-co.org", "www.hamiltoncountyohio-tewg.org", "Colorado Information"]),
], ids=["place hyphenated", "place wrapped at a space", "heading's own place", "address from www."])
def test_lines_wrapped_in_a_narrow_monospaced_column_under_a_plain_heading(printed, read):
    """A block set in a monospaced face in a column 24 cells wide, its heading in the body's plain
    type (a typesetter's three columns at 12 points): the place line the printer wrapped is the
    block's, not the heading's end (read as the heading's, the block lost its place and its id), and
    a web address broken after "www." is read whole."""
    lines = [Placed(_mono_line(text, 42.6, 100.0 + 14 * k), k + 1, 42.6 + 24 * 7.2,
                    float("inf") if k == 0 else 2.0, False, None, 42.6, 42.6, 42.6 + 24 * 7.2)
             for k, text in enumerate(printed)]
    page = PdfPage(1, 595.0, 842.0, (), (), (), (), cell=7.2)
    assert [line.text for line, _ in lines_in_order([page], [lines], 12.0, "t.pdf", _spelling(), False, True)] == read


def _swapped_ligature_pdf(lines: list[bytes]) -> bytes:
    """A one-page PDF in Helvetica whose glyph code 1 is the "fi" ligature and whose ToUnicode map
    gives it in the wrong byte order (<66006900>: "\\u6600\\u6900"), as a re-distilled print maps
    its ligatures; written by hand (no producer here writes that mistake)."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <01> <66006900> endbfchar "
            b"1 beginbfrange <20> <7E> <0020> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end")
    body = b"BT /F1 11 Tf 72 720 Td 14 TL " + b" ".join(b"(" + line + b") '" for line in lines) + b" ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding "
               b"/WinAnsiEncoding /Differences [1 /fi] >> /ToUnicode 6 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
               b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"]
    out, offsets = b"%PDF-1.4\n", []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_a_ligature_mapped_in_the_wrong_byte_order_is_read_as_its_letters():
    """A ToUnicode entry written in the wrong byte order gives the ligature "fi" as two CJK
    characters ("Spring\\u6600\\u6900eld"); in a font that sets Latin text, it is read as its letters."""
    from pipeline.extract.pdf import read_pdf
    data = _swapped_ligature_pdf([b"Illinois Statewide Center", b"Spring\x01eld, Illinois", b"Phone: (217) 555-0100"])
    texts = [line.text for page in read_pdf(data, "swapped.pdf").pages for line in page.lines]
    assert texts == ["Illinois Statewide Center", "Springfield, Illinois", "Phone: (217) 555-0100"]


def test_a_place_line_wrapped_inside_its_state_under_a_whole_heading_is_no_part_of_it():
    """A justified monospaced column breaks "Charleston, West" / "Virginia" though the word had
    room (TeX sets such a line underfull whichever way it breaks): under a heading that ends its
    name ("…Fusion Center", filling the column: "Charleston," had no room after it), the line is
    the place line's start, not the heading's rest."""
    lines = ["Alpha Fusion Center", "Montgomery, Alabama", "Phone: (334) 517-2660", "alpha@alabama.gov", "",
             "West Virginia Intelligence Fusion Center", "Charleston, West", "Virginia", "Phone: (304) 558-4831",
             "wvfusion@wv.gov", "", "Gamma Fusion Center", "Juneau, Alaska", "Phone: (907) 269-8900"]

    def draw(c):
        c.setFont("Courier", 10)
        y = 720
        for text in lines:
            if text:
                c.drawString(72, y, text)
            y -= 18 if not text else 12
    blocks = read_blocks(drawn_page(draw))
    assert blocks[1] == ("West Virginia Intelligence Fusion Center", "Charleston, West Virginia",
                         [("Phone", "(304) 558-4831"), ("Email", "wvfusion@wv.gov")])


@pytest.mark.parametrize("section_x, center_x", [(68.0, 76.3), (72.0, 72.0)], ids=["indented under it", "flush with it"])
def test_a_short_section_heading_over_a_center_s_heading_is_a_heading_of_its_own(section_x, center_x):
    """A manual page's section heading ("CONTACTS", bold, flush left) right over the first center's
    bold heading (capture lines 104-116), with room to spare after it: two headings, not one heading
    "CONTACTS Alabama Fusion Center" that leaves Alabama without its block."""
    from tests.extract.drawn import drawn_page

    def draw(c):
        c.setFont("Times-Bold", 11)
        c.drawString(section_x, 660, "CONTACTS")
        c.drawString(center_x, 645, "Alabama Fusion Center")
        c.setFont("Times-Roman", 11)
        for k, text in enumerate(["Montgomery, Alabama", "Phone: (334) 517-2660", "Fax: (334) 517-2746",
                                  "Toll-Free: (866) 229-6220", "fusioncenter@alacop.gov", "fusion.alabama.gov"]):
            c.drawString(81.8, 630 - 15 * k, text)
    headings = [b[0] for b in read_blocks(drawn_page(draw))]
    assert headings[-1] == "Alabama Fusion Center"


def _small_caps(c, x: float, y: float, text: str, size: float = 9.0, small: float = 6.0, tracking: float = 0.0) -> None:
    """`text` in small capitals as a browser sets them: each word's first letter a capital of
    `size`, its other letters capitals of `small`, all on one baseline; `tracking` points after
    each piece (CSS letter-spacing)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    for k, word in enumerate(text.split()):
        if k:
            c.setFont("Helvetica-Bold", size)
            c.drawString(x, y, " ")
            x += stringWidth(" ", "Helvetica-Bold", size)
        for piece, at in ((word[0], size), (word[1:].upper(), small)):
            c.setFont("Helvetica-Bold", at)
            c.drawString(x, y, piece)
            x += stringWidth(piece, "Helvetica-Bold", at) + tracking


@pytest.mark.parametrize("tracking", [0.0, 0.7], ids=["set-solid", "letter-spaced"])
def test_names_in_small_capitals_are_read_as_whole_words(tracking):
    """Three centers whose names begin with "K" (capture lines 347-360) set in small capitals: the
    smaller capitals start at one x in every name, as a column's edge would, yet "K" and "ANSAS" are
    one word on one baseline, not a name "K ANSAS CITY..." that reads as no center's; so too where
    the capitals are letter-spaced (0.7 pt after each piece, under a word gap of the smaller type)."""
    from tests.extract.drawn import drawn_page
    blocks = [("Kansas City Terrorism Early Warning Fusion Center; Kansas City, MO", "Kansas City, Missouri",
               "Phone: (816) 413-3601"),
              ("Kansas Intelligence Fusion Center", "Topeka, Kansas", "Phone: (785) 274-1805"),
              ("Kentucky Intelligence Fusion Center", "Frankfort, Kentucky", "Phone: (502) 564-2081")]

    def draw(c):
        y = 700.0
        for name, place, phone in blocks:
            _small_caps(c, 40, y, name, tracking=tracking)
            c.setFont("Helvetica", 9)
            c.drawString(40, y - 12, place)
            c.drawString(40, y - 24, phone)
            y -= 48
    assert [b[0] for b in read_blocks(drawn_page(draw))] == [name.upper() for name, _, _ in blocks]


def test_a_small_heading_at_a_page_s_foot_over_its_place_line_is_no_footer():
    """Capture lines 237-247 (Connecticut) and 249-255 (Dallas) in a print that sets names smaller
    than the text (bold capitals, 9 pt over 9.5 pt) and breaks a block after its place line at the
    page's foot: Dallas's heading in the page's bottom margin, set apart from Connecticut's lines above
    it, is the heading of the place line right under it, not a running footer."""
    import io
    from reportlab.pdfgen import canvas as rl_canvas
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    y = 660.0
    c.setFont("Times-Bold", 9)
    c.drawString(56, y, "CONNECTICUT INTELLIGENCE CENTER")
    c.setFont("Times-Roman", 9.5)
    for text in ["Hartford, Connecticut", "Phone: (860) 706-5500", "Fax: (806) 706-5535", "ctic@ct.gov",
                 "www.ct.gov/demhs"]:
        y -= 11.4
        c.drawString(56, y, text)
    c.setFont("Times-Bold", 9)
    c.drawString(56, 70, "DALLAS FUSION CENTER; DALLAS, TX")
    c.setFont("Times-Roman", 9.5)
    c.drawString(56, 58, "Dallas, Texas")
    c.showPage()
    c.setFont("Times-Roman", 9.5)
    for k, text in enumerate(["Phone: (214) 671-3482", "dallas.fusion@dpd.ci.dallas.tx.us"]):
        c.drawString(56, 770 - 11.4 * k, text)
    c.save()
    blocks = read_blocks(buf.getvalue())
    assert [(b[0], b[1]) for b in blocks] == [("CONNECTICUT INTELLIGENCE CENTER", "Hartford, Connecticut"),
                                              ("DALLAS FUSION CENTER; DALLAS, TX", "Dallas, Texas")]
    assert blocks[1][2] == [("Phone", "(214) 671-3482"), ("Email", "dallas.fusion@dpd.ci.dallas.tx.us")]


@pytest.mark.parametrize(("link", "rest", "rest_link", "goes_on"), [
    ("http://www.mbhhsr.org/", "No", "", False),  # a button's word atop the next column, under no link
    ("http://www.mbhhsr.org/", "No", "http://www.other.org/", False),  # another link's word
    ("http://www.mbhhsr.org/No", "No", "http://www.mbhhsr.org/No", True),  # the same link's rest
    ("", "No", "", True),  # no link tells: cut short after its slash, it goes on
])
def test_a_linked_address_at_a_column_s_foot_goes_on_only_under_its_own_link(link, rest, rest_link, goes_on):
    """`order.address_runs_on`: "www.mbhhsr.org/" at the foot of a column, cut short after its
    slash as far as its text tells, goes on atop the next column only under the link it stands
    under where it stands under one (a WeasyPrint page published Boston's site as
    "http://www.mbhhsr.org/No", the "No" of a feedback button atop the next column)."""
    from pipeline.extract.pdf.order import address_runs_on

    foot = replace(_placed("www.mbhhsr.org/", link), at_foot=True)
    head = replace(_placed(rest, rest_link), gap_before=float("inf"), at_head=True)
    assert address_runs_on(foot, head) is goes_on


@pytest.mark.parametrize(("before", "after", "words", "cut"), [
    # A word too long for its cell, cut with no hyphen where the cell ends, spelled whole elsewhere.
    ("Massachus", "etts", ("Massachus", "etts", "Massachusetts"), True),
    # A state cut alike in every row of a narrow State column: its pieces as often as the whole.
    ("Pennsylvan", "ia", ("Pennsylvan", "ia") * 3 + ("Pennsylvania", "ia"), True),
    ("Fusion", "Center", ("Fusion", "Center") * 3 + ("fusioncenter@alacop.gov",), False),  # two words
    ("Homeland", "Security", ("Homeland",) + ("www.homelandsecurity.ky.gov",) * 3, False),  # a new word's capital
    ("Kansas", "City", ("Kansas", "City", "Kansas", "City"), False),
    ("(334) 517-", "2660", (), False),  # broken_join's (a hyphen)
    ("Maine 04330-016", "4", (), True),  # a ZIP+4 code cut short: whole only joined
    ("(334) 517-26", "60", (), True),
    ("Suite 100", "200", (), False),  # two numbers
    ("04330", "0164", (), False),
])
def test_a_word_cut_at_its_cell_s_end_is_joined_back_whole(before, after, words, cut):
    from pipeline.extract.pdf.order import cut_in_cell
    assert cut_in_cell(before, after, _spelling(*words)) is cut


@pytest.mark.parametrize(("links", "goes_on"), [
    (("", ""), False),
    (("http://www.fusioncenter.wv.gov/", "http://www.fusioncenter.wv.gov/"), True),
], ids=["a word under no link", "the rest under the address's link"])
def test_an_address_at_a_page_s_foot_goes_on_only_under_its_link(links, goes_on):
    """Seed 71206601 layout 1983735351: a justified serif column ends page 5 with West Virginia's
    website under its link, nearly to the column's edge; page 6 starts with "Wisconsin", a word
    under no link: no rest of the address ("…wv.govWisconsin" lost Wisconsin its heading)."""
    words = _words((760.0, [("www.fusioncenter.wv.go", 388.0)]), size=11.0)
    foot = TextLine(tuple(words))
    head = TextLine(tuple(_words((58.0, [("v" if goes_on else "Wisconsin", 62.0)]), size=11.0)))
    target = "http://www.fusioncenter.wv.gov/"
    previous = Placed(foot, 140, foot.x1 + 2.0, 2.0, False, None, 388.0, 388.0, foot.x1 + 2.0, at_foot=True,
                      page=5, links=(target, target))
    current = Placed(head, 1, 200.0, float("inf"), False, None, 62.0, 62.0, 200.0, at_head=True, page=6,
                     links=links)
    assert flows_on(previous, current, 11.0, False, None, _spelling("www.fusioncenter.wv.gov", "Wisconsin"),
                    0.0, "www.fusioncenter.wv.go") is goes_on


@pytest.mark.parametrize(("piece", "rest", "starts"), [
    ("intelligence.", "fusion@ksag.org", True),
    ("generalin\u2010", "fo@gisac.gbi.ga.gov", True),
    ("HRISC-", "Fusioncenter@houstonpolice.org", True),
    ("D.C.", "wrtac@dc.gov", False),
    ("Center.", "ciu@nysic.ny.gov", False),
    ("intelligence.", "www.nmdhsem.org", False),
], ids=["broken after a dot", "a hyphenator's hyphen", "the address's own hyphen", "initials", "a word of prose",
        "a website under it"])
def test_a_one_word_line_over_an_email_starts_it_where_the_printer_broke_an_address(piece, rest, starts):
    """Seed 71206501 layout 2074343106: groff sets Kansas's email in a justified typewriter column
    as "intelligence." / "fusion@ksag.org" (published as "fusion@ksag.org", its first piece lost)."""
    from pipeline.extract.pdf.order import starts_address
    line = Placed(_mono_line(piece, 42.6, 100.0), 1, 203.7, 2.0, False, None, 42.6, 42.6, 203.7)
    under = Placed(_mono_line(rest, 42.6, 114.0), 2, 203.7, 2.0, False, None, 42.6, 42.6, 203.7)
    assert starts_address(line, under) is starts
    if starts and piece.endswith("."):
        assert join_broken(piece, rest) == piece + rest
