"""A contact block whose heading holds no name, on a page that set aside a center's name as a
running header or footer: the document is refused in one line (`check_nameless_headings`).

Cost: a few hand-made records, well under a second.
"""
from __future__ import annotations

import pytest

from pipeline.errors import PipelineError
from pipeline.extract import check_nameless_headings
from pipeline.extract.model import Line, Page, Pages
from pipeline.records import ContactBlock, Extraction, ListEntry, SourceRef


def _entry(name: str) -> ListEntry:
    return ListEntry(name, name, "primary", "", "", "", SourceRef("document.pdf", 52, 1), "")


LIST = (_entry("Virginia Fusion Center (Washington, D.C.)"), _entry("Washington State Fusion Center"))


def _read(heading: str, aside: str, page: int = 3, entries=LIST):
    ref = SourceRef("document.pdf", 73, 3)
    block = ContactBlock(heading, ref, None, (), "")
    lines = (Line(heading, ref, heading=True), Line(aside, SourceRef("document.pdf", 86, page), furniture=True))
    return Extraction((), entries, (block,)), Pages("document.pdf", "pdf", (Page(lines, page, page),), paged=True)


def test_a_nameless_heading_beside_a_center_name_set_aside_is_refused():
    extraction, pages = _read("(Washington, D.C.)", "Washington Regional Threat and Analysis Center")
    with pytest.raises(PipelineError, match="Washington Regional Threat and Analysis Center") as error:
        check_nameless_headings(extraction, pages, "document.pdf")
    assert "\n" not in str(error.value) and "page 3" in str(error.value)


@pytest.mark.parametrize("heading, aside, page", [
    ("Washington Regional Threat and Analysis Center (Washington, D.C.)", "Washington Regional Threat and "
     "Analysis Center", 3),  # the heading names its center
    ("(Washington, D.C.)", "Fusion Center Locations and Contact Information", 3),  # a page's title
    ("(Washington, D.C.)", "Washington Regional Threat and Analysis Center", 2),  # another page's
], ids=["heading-named", "title-aside", "other-page"])
def test_a_heading_with_a_name_or_no_name_aside_is_read(heading, aside, page):
    extraction, pages = _read(heading, aside, page)
    check_nameless_headings(extraction, pages, "document.pdf")


@pytest.mark.parametrize("entries", [(), (*LIST, _entry("Washington Regional Threat and Analysis Center"))],
                         ids=["no list in the file", "a list entry names the line"])
def test_a_center_name_set_aside_that_a_list_entry_may_name_is_read(entries):
    """Where the file holds no list (its list is another file's), or one of its entries names the line
    set aside, that entry is LIST_ENTRY_WITHOUT_BLOCK: the center is named, the document is read."""
    extraction, pages = _read("(Washington, D.C.)", "Washington Regional Threat and Analysis Center", entries=entries)
    check_nameless_headings(extraction, pages, "document.pdf")
