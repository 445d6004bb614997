"""Misreadings the readers leave that a rule names, whatever made the document:
the capture's text mutated as a reader would misread it, checked end to end.

Cost: one capture read and check per case, about 0.5 s each.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.check import run_checks
from pipeline.extract.capture import extract_capture
from pipeline.normalize.dataset import normalize

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
AS_OF = date(2026, 11, 24)


def findings_of(edit: tuple[str, str]):
    text = CAPTURE.read_text(encoding="utf-8")
    assert text.count(edit[0]) == 1, edit[0]
    ds = normalize([extract_capture(text.replace(*edit).encode("utf-8"), CAPTURE.name, "")])
    return ds, run_checks(ds, AS_OF)


@pytest.mark.parametrize("edit, center, field", [
    # Georgia's address cut at a column's edge (a Chromium print in three columns).
    (("generalinfo@gisac.gbi.ga.gov", "generalinfo@gisac.gbi.ga.go"),
     "georgia-information-sharing-and-analysis-center", "email"),
    (("www.ct.gov/demhs", "www.ct.go/demhs"), "connecticut-intelligence-center", "website"),
    (("\nwww.kctew.org\n", "\nhttps://www.kctew.or/\n"), "kansas-city-terrorism-early-warning-fusion-center",
     "website"),
], ids=["email-cut", "website-cut", "website-with-scheme-cut"])
def test_a_domain_cut_short_is_named_on_its_center_and_field(edit, center, field):
    _, findings = findings_of(edit)
    named = [f for f in findings if f.code == "DOMAIN_SUFFIX_UNKNOWN"]
    assert [(f.center_id, f.field, f.value) for f in named] == [(center, field, edit[1].strip())]
    assert named[0].line and named[0].severity == "error"


def test_the_capture_has_no_domain_without_a_known_suffix():
    _, findings = findings_of(("\nwww.kctew.org\n", "\nwww.kctew.org\n"))
    assert not [f for f in findings if f.code == "DOMAIN_SUFFIX_UNKNOWN"]


# An address broken at a line's end without a hyphen (a narrow column of monospaced type), its rest
# on the next line: wherever the cut falls, its center and field are named.
GEORGIA = "georgia-information-sharing-and-analysis-center"


@pytest.mark.parametrize("edit, named", [
    (("\nfusioncenter@alacop.gov\n", "\nfusio\nncenter@alacop.gov\n"),
     {("alabama-fusion-center", "email", "UNRECOGNIZED_LINE")}),
    (("\nAKIAC@alaska.gov\n", "\nAKIAC@alas\nka.gov\n"),
     {("alaska-information-and-analysis-center", "email", "EMAIL_INVALID"),
      ("alaska-information-and-analysis-center", "website", "ADDRESS_TAIL_ON_NEXT_LINE")}),
    (("\ngeneralinfo@gisac.gbi.ga.gov\n", "\ngeneralinfo@gisac.gb\ni.ga.gov\n"),
     {(GEORGIA, "email", "DOMAIN_SUFFIX_FOREIGN"), (GEORGIA, "website", "ADDRESS_TAIL_ON_NEXT_LINE")}),
    (("\nwww.ct.gov/demhs\n", "\nwww.ct.gov/d\nemhs\n"),
     {("connecticut-intelligence-center", "website", "UNRECOGNIZED_LINE")}),
], ids=["before-the-at", "inside-the-domain", "after-a-country-code", "inside-the-path"])
def test_an_address_broken_at_a_line_end_is_named_on_its_center_and_field(edit, named):
    _, findings = findings_of(edit)
    centers = {c for c, _, _ in named}
    assert {(f.center_id, f.field, f.code) for f in findings if f.center_id in centers
            and f.code not in ("AREA_CODE_OUT_OF_STATE", "MISSING_WEBSITE")} == named


# ---- every line under the list's headings read into an entry -------------------------

OHIO = "northeast-ohio-regional-fusion-center"


@pytest.mark.parametrize("edit, center, line", [
    # A wrapped item's tail on a line of its own (a page or column break after the ";").
    (("- Northeast Ohio Regional Fusion Center; Cleveland, OH\n",
      "- Northeast Ohio Regional Fusion Center;\nCleveland, OH\n"), OHIO, "Cleveland, OH"),
    (("- Central Florida Intelligence Exchange; Orlando, FL\n",
      "- Central Florida Intelligence\nExchange; Orlando, FL\n"), "central-florida-intelligence", "Exchange; Orlando, FL"),
], ids=["place-on-its-own-line", "name-broken"])
def test_a_list_line_read_into_no_entry_is_named_on_the_entry_before_it(edit, center, line):
    ds, findings = findings_of(edit)
    named = [f for f in findings if f.code == "LIST_LINE_UNREAD"]
    assert [(f.field, f.value) for f in named] == [("designation", line)]
    assert named[0].center_id.startswith(center) and named[0].line == 1 + CAPTURE.read_text(
        encoding="utf-8").replace(*edit).split("\n").index(line)


def test_the_capture_list_has_no_unread_line_and_its_paragraph_is_no_list_line():
    _, findings = findings_of(("\nwww.kctew.org\n", "\nwww.kctew.org\n"))
    assert not [f for f in findings if f.code == "LIST_LINE_UNREAD"]


def _split_item(pages, text: str, head: str):
    """The document model with the list item `text` cut after `head`: its tail on a line of its own
    that belongs to no item, as a reader gives a wrapped item's tail at the top of the next page."""
    from dataclasses import replace as _replace
    lines = []
    for page in pages.pages:
        out = []
        for line in page.lines:
            if line.text.strip() == text:
                out += [_replace(line, text=head), _replace(line, text=text[len(head):].strip(), item=0, marker="")]
            else:
                out.append(line)
        lines.append(_replace(page, lines=tuple(out)))
    return _replace(pages, pages=tuple(lines))


@pytest.mark.parametrize("form", ["pdf", "html"])
def test_a_document_models_item_tail_read_into_no_entry_is_kept_on_its_entry(form):
    from pipeline.extract.assemble import assemble
    from pipeline.extract.html import read_html
    if form == "pdf":
        from pipeline.extract.pdf import read_pdf
        path = ROOT / "tests" / "fixtures" / "pdf" / "corpus" / "dhs_list_chromium_letter.pdf"
        pages = read_pdf(path.read_bytes(), path.name)
    else:
        path = ROOT / "tests" / "fixtures" / "html" / "dhs_fusion_center_locations.html"
        pages = read_html(path.read_bytes(), path.name)
    item = "Northeast Ohio Regional Fusion Center; Cleveland, OH"
    assert not [e for e in assemble(pages, "").list_entries if e.unread]
    entries = assemble(_split_item(pages, item, "Northeast Ohio Regional Fusion Center;"), "").list_entries
    assert [(e.text, [u.text for u in e.unread]) for e in entries if e.unread] == [
        ("Northeast Ohio Regional Fusion Center;", ["Cleveland, OH"])]


def test_an_entry_cut_after_its_separator_keeps_its_name_whole():
    ds, findings = findings_of(("- Northeast Ohio Regional Fusion Center; Cleveland, OH\n",
                                "- Northeast Ohio Regional Fusion Center;\nCleveland, OH\n"))
    ohio = next(c for c in ds.centers if c.id == OHIO)
    assert ohio.name == "Northeast Ohio Regional Fusion Center" and ohio.entry.list_city == ""
    assert ("LIST_LINE_UNREAD", "designation") in {(f.code, f.field) for f in findings if f.center_id == OHIO}


@pytest.mark.parametrize("cut", ["- Northeast Ohio Regional Fusion Center;\n",
                                 "- Northeast Ohio Regional Fusion Center; Cleveland,\n"], ids=["place-lost", "state-lost"])
def test_an_entry_whose_place_is_cut_off_and_read_nowhere_is_named(cut):
    """A list entry that gives its separator, and no place after it, nor a line under it (its place
    read elsewhere on the page, or lost: a reader that cut the list's lines at a table's column
    edge), keeps its name whole and is named on its designation."""
    ds, findings = findings_of(("- Northeast Ohio Regional Fusion Center; Cleveland, OH\n", cut))
    ohio = next(c for c in ds.centers if c.id == OHIO)
    assert ohio.name == "Northeast Ohio Regional Fusion Center" and ohio.entry.list_city == ""
    named = [(f.code, f.field, f.value) for f in findings if f.center_id == OHIO and f.code.startswith("LIST_")]
    assert named == [("LIST_PLACE_CUT", "designation", cut[2:].strip())]


DALLAS = "dallas-fusion-center"


@pytest.mark.parametrize("head", ["dal\u2010", "dal-", "dal\u00ad"], ids=["unicode-hyphen", "hyphen", "soft-hyphen"])
def test_an_address_whose_line_continues_a_word_broken_at_a_hyphen_is_withheld_and_named(head):
    """Dallas's email hyphenated by the printer ("dal‐" over "las.fusion@..."), the two lines not
    joined: the tail is not Dallas's address, so it is not published; it is named on the email,
    quoting both lines, and the head is no line of its own to report."""
    ds, findings = findings_of(("\ndallas.fusion@dpd.ci.dallas.tx.us\n", f"\n{head}\nlas.fusion@dpd.ci.dallas.tx.us\n"))
    dallas = next(c for c in ds.centers if c.id == DALLAS)
    assert dallas.published_text("email") == "" and dallas.value("email").text == "las.fusion@dpd.ci.dallas.tx.us"
    named = [(f.code, f.field, f.value) for f in findings if f.center_id == DALLAS]
    assert ("ADDRESS_BROKEN_AT_HYPHEN", "email", f"{head}las.fusion@dpd.ci.dallas.tx.us") in named
    assert not [f for f in findings if f.code in ("UNRECOGNIZED_LINE", "VALUE_UNACCOUNTED")]


@pytest.mark.parametrize("edit", [
    # a line of two words ending in a hyphen is no broken word's head
    ("\ndallas.fusion@dpd.ci.dallas.tx.us\n", "\nsee also-\ndallas.fusion@dpd.ci.dallas.tx.us\n"),
    # a hyphen line with a blank line between it and the address
    ("\ndallas.fusion@dpd.ci.dallas.tx.us\n", "\ndal-\n\ndallas.fusion@dpd.ci.dallas.tx.us\n"),
], ids=["two-words", "not-right-below"])
def test_an_address_below_a_line_that_is_no_broken_word_is_published(edit):
    ds, findings = findings_of(edit)
    assert next(c for c in ds.centers if c.id == DALLAS).published_text("email") == "dallas.fusion@dpd.ci.dallas.tx.us"
    assert not [f for f in findings if f.code == "ADDRESS_BROKEN_AT_HYPHEN"]


RHODE_ISLAND = "rhode-island-state-fusion-center"


def test_a_value_after_a_second_email_in_its_block_is_named():
    """St. Louis's email and website read into Rhode Island's block (which has an email and no
    website), neither naming a place: Rhode Island publishes the website, but it follows a second
    email, so it is named on the website; the second email is EXTRA_VALUE's."""
    text = CAPTURE.read_text(encoding="utf-8").replace("\ninfo@sltew.org\n\nwww.sltew.org\n", "\n")
    text = text.replace("fusion@risp.dps.ri.gov\n", "fusion@risp.dps.ri.gov\ninfo@sltew.org\nwww.sltew.org\n")
    ds = normalize([extract_capture(text.encode("utf-8"), CAPTURE.name, "")])
    findings = run_checks(ds, AS_OF)
    after = [(f.center_id, f.field, f.value) for f in findings if f.code == "VALUE_AFTER_REPEAT"]
    assert after == [(RHODE_ISLAND, "website", "www.sltew.org")]
    assert (RHODE_ISLAND, "email", "info@sltew.org") in {(f.center_id, f.field, f.value) for f in findings
                                                        if f.code == "EXTRA_VALUE"}


def test_the_capture_has_no_value_after_a_repeat():
    _, findings = findings_of(("\nwww.kctew.org\n", "\nwww.kctew.org\n"))
    assert not [f for f in findings if f.code in ("VALUE_AFTER_REPEAT", "ADDRESS_BROKEN_AT_HYPHEN")]


# ---- a value lost is named under the field it would fill -----------------------------

@pytest.mark.parametrize("kind, line, field", [
    ("phone", "Fax: (334) 517-2746", "fax"),
    ("phone", "Alternate: (302) 739-5996", "alt_phone"),
    ("phone", "Toll free: (866) 229-6220", "toll_free"),
    ("phone", "(334) 517-2660", "phone"),
    ("phone", "Email: (334) 517-2660", "phone"),  # a label of another kind says nothing of a number
    ("email", "fusioncenter@alacop.gov", "email"),
    ("url", "Web site: www.ct.gov/demhs", "website"),
])
def test_a_value_unaccounted_is_named_under_the_field_its_line_gives(kind, line, field):
    from pipeline.check.rules import _field_shown
    from pipeline.records import ShownValue, SourceRef
    assert _field_shown(ShownValue(kind, line, "", SourceRef("x.txt", 1), line, True)) == field



KANSAS = "kansas-intelligence-fusion-center"


@pytest.mark.parametrize("edit, named", [
    # the head run into the phone's line (a justified column read across a wrapped number)
    (("Phone: (785) 274-1805\nintelligence.fusion@ksag.org\n", "Phone: (785) 274-1805 intelligence.\nfusion@ksag.org\n"),
     ("email", "fusion@ksag.org")),
    (("Phone: (785) 274-1805\nintelligence.fusion@ksag.org\n", "Phone: (785) 274-1805 intelligence.fusion@\nksag.org\n"),
     ("", "")),
    # the head run into the place line above the address, and initials ending a place line: no head
    (("Topeka, Kansas\nPhone: (785) 274-1805\nintelligence.fusion@ksag.org\n",
      "Topeka, Kansas intelligence.\nfusion@ksag.org\n"), ("email", "fusion@ksag.org")),
    (("Topeka, Kansas\nPhone: (785) 274-1805\nintelligence.fusion@ksag.org\n",
      "Topeka, Kansas D.C.\nfusion@ksag.org\n"), ("", "")),
], ids=["head-after-a-phone", "joined-reads-as-another-kind", "head-after-the-place", "initials"])
def test_an_address_whose_head_ends_the_line_above_is_named(edit, named):
    """Kansas's "intelligence.fusion@ksag.org" read as "fusion@ksag.org" under a phone line that
    ends in "intelligence.": the published email is a tail, named on the email; a last word that
    holds an "@" of its own is an address, no head."""
    _, findings = findings_of(edit)
    got = [(f.field, f.value) for f in findings if f.code == "ADDRESS_HEAD_ON_LINE_ABOVE"]
    assert got == ([named] if named[0] else [])
    if named[0]:
        assert [f.center_id for f in findings if f.code == "ADDRESS_HEAD_ON_LINE_ABOVE"] == [KANSAS]


@pytest.mark.parametrize("broken", ["Cincinnati/ Hamilton", "Cincinnati /Hamilton"])
def test_a_name_joined_with_a_space_beside_its_slash_is_named(broken):
    """A list entry and heading broken after "Cincinnati/" and joined with a space (a justified
    monospaced print in three columns): the name published is a guess, named on the name."""
    text = CAPTURE.read_text(encoding="utf-8").replace("Cincinnati/Hamilton", broken)
    ds = normalize([extract_capture(text.encode("utf-8"), CAPTURE.name, "")])
    named = [(f.center_id, f.field) for f in run_checks(ds, AS_OF) if f.code == "NAME_JOIN_UNSURE"]
    assert named == [("cincinnati-hamilton-county-regional-terrorism-early-warning-group", "name")]


@pytest.mark.parametrize("edit, named", [
    (("Toll-Free: (888) 884-8383", "(888) 884-8383"), {("central-california-intelligence-center", "toll_free")}),
    (("Fax: (714) 289-1025", "(714) 289-1025"), {("orange-county-intelligence-assessment-center", "fax"),
                                                 ("orange-county-intelligence-assessment-center", "alt_phone")}),
    (("Toll-Free: (888) 884-8383", "Toll-\nFree: (888) 884-8383"),
     {("central-california-intelligence-center", "toll_free")}),
    (("Phone: (866) 490-8477", "(866) 490-8477"), {("rhode-island-state-fusion-center", "phone"),
                                                    ("rhode-island-state-fusion-center", "toll_free")}),
], ids=["toll-free", "fax", "label-cut-in-two", "toll-free-phone"])
def test_a_number_whose_label_was_lost_is_named_on_the_fields_it_may_fill(edit, named):
    """A number line read without its label: the fields the center lacks that it may have filled
    (a toll-free number's the toll-free field; another's every other phone field) are named."""
    _, findings = findings_of(edit)
    assert {(f.center_id, f.field) for f in findings if f.code in ("UNRECOGNIZED_LINE", "UNKNOWN_LABEL")} - {
        (c, "") for c, _ in named} == named


@pytest.mark.parametrize("edit, center, field", [
    (("Phone: (517) 241-8000\n\nToll-Free: (877) 616-4677\n", "Phone: (517) 241-8000 Toll-Free: (877) 616-4677\n"),
     "michigan-intelligence-operations-center", "toll_free"),
    (("Lincoln, Nebraska\nPhone: (402) 479-4049\n", "Lincoln, Nebraska Phone: (402) 479-4049\n"),
     "nebraska-information-analysis-center", "phone"),
], ids=["value-then-label", "place-then-label"])
def test_a_label_inside_a_line_is_named_on_its_field(edit, center, field):
    """Two lines read as one, the second's label and value inside the first: the field the label
    names is named, whatever the line was read as."""
    _, findings = findings_of(edit)
    assert [(f.center_id, f.field) for f in findings if f.code == "LABEL_INSIDE_LINE"] == [(center, field)]
