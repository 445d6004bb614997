"""Typography rules of the readers, case by case: line-end hyphens, and a text file printed to pages.

The documents of each kind, made by the producers of that kind, are in
tests/fixtures/generated/ (test_generated_layouts.py); these are the rules they rest on.
"""
from __future__ import annotations

import pytest

from pipeline.extract.capture import unprint
from pipeline.extract.pdf.order import join_broken


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
], ids=["CSS hyphen joined", "TeX hyphen joined", "compound kept before a capital",
        "spelled with a hyphen elsewhere", "Multi-Agency", "number", "address's own hyphen",
        "hyphenator's hyphen in an address", "address broken after a dot", "words"])
def test_a_line_end_is_joined_as_the_document_spells_it(before, after, spelled, joined):
    assert join_broken(before, after, frozenset(spelled)) == joined


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
