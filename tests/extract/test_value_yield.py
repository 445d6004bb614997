"""The value yield: a listing whose blocks were formed but whose values were not
read (phone lines that hold no number, blocks without a City, State line) is
refused in one line naming the first line that failed, never published as
dozens of centers each missing its numbers or its place.

The mutations are what a reader gets wrong when it cuts a line in two (a column
gutter read inside justified lines, cells read across a table): the capture's
text, and the document model of a PDF print and of the HTML page, with each
phone line's number (or each place line's state) moved to a line of its own.
No converter is needed. Cost: about 1 s (one PDF read, a few capture reads).
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.errors import PipelineError
from pipeline.extract import MIN_VALUE_LINES, check_value_yield, extract_document
from pipeline.extract.assemble import assemble
from pipeline.extract.html import read_html
from pipeline.extract.model import Page

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
PDF = ROOT / "tests" / "fixtures" / "pdf" / "corpus" / "nfca_listing_2col_chromium_a4_dejavu_sans.pdf"
HTML = ROOT / "tests" / "fixtures" / "html" / "nfcausa_contact_listing.html"
TEXT = CAPTURE.read_text(encoding="utf-8").split("\n")
# A phone line cut after its area code; a place line cut after its comma.
PHONE = re.compile(r"^(?P<head>(?:Phone|Fax|Toll-Free|Alternate Phone): \(\d{3}\)) (?P<tail>\d{3}-\d{4}.*)$")
PLACE = re.compile(r"^(?P<head>[^,]+,) (?P<tail>[A-Z][a-z]+(?: [A-Z][a-z]+)*)$")


def cut(texts: list[str], pattern: re.Pattern, share: float) -> tuple[list[str], int]:
    """The texts with the first `share` of the lines `pattern` matches cut in two, the tail on
    the next line; and the (1-based) number of the first cut line's head in the result."""
    matching = [i for i, t in enumerate(texts) if pattern.match(t.strip())]
    chosen = set(matching[:round(share * len(matching))])
    out, first = [], 0
    for i, t in enumerate(texts):
        m = pattern.match(t.strip()) if i in chosen else None
        if m is None:
            out.append(t)
            continue
        first = first or len(out) + 1
        out.extend([m.group("head"), m.group("tail")])
    return out, first


def refusal(data: bytes, name: str) -> PipelineError | None:
    try:
        extract_document(data, name, "")
    except PipelineError as exc:
        return exc
    return None


def test_the_capture_as_published_is_read():
    assert refusal(CAPTURE.read_bytes(), CAPTURE.name) is None


@pytest.mark.parametrize("pattern, what", [(PHONE, "phone lines"), (PLACE, "place line")], ids=["phones", "places"])
def test_a_capture_whose_lines_are_cut_is_refused_at_the_first_cut_line(pattern, what):
    texts, first = cut(TEXT, pattern, 0.5)
    exc = refusal("\n".join(texts).encode("utf-8"), CAPTURE.name)
    assert exc is not None and what in str(exc) and "\n" not in str(exc)
    assert exc.line == first and CAPTURE.name in str(exc)


@pytest.mark.parametrize("pattern", [PHONE, PLACE], ids=["phones", "places"])
def test_a_few_cut_lines_are_each_a_finding_not_a_refusal(pattern):
    texts, _ = cut(TEXT, pattern, 0.1)
    assert refusal("\n".join(texts).encode("utf-8"), CAPTURE.name) is None


def _model(pages, pattern: re.Pattern, share: float):
    """A reader's pages as one page whose read lines are cut as `cut` cuts texts (the document model mutated)."""
    lines = [line for page in pages.pages for line in page.lines]
    matching = [i for i, line in enumerate(lines) if not line.furniture and pattern.match(line.text.strip())]
    chosen = set(matching[:round(share * len(matching))])
    out = []
    for i, line in enumerate(lines):
        m = pattern.match(line.text.strip()) if i in chosen else None
        if m is None:
            out.append(line)
        else:
            out.extend([replace(line, text=m.group("head")), replace(line, text=m.group("tail"))])
    page = Page(tuple(out), pages.pages[0].first, pages.pages[-1].last)
    return assemble(replace(pages, pages=(page,)), "")


@pytest.fixture(scope="module")
def models():
    from pipeline.extract.pdf import read_pdf
    return {"pdf": read_pdf(PDF.read_bytes(), PDF.name), "html": read_html(HTML.read_bytes(), HTML.name)}


@pytest.mark.parametrize("form", ["pdf", "html"])
@pytest.mark.parametrize("pattern, what", [(PHONE, "phone lines"), (PLACE, "place line")], ids=["phones", "places"])
def test_a_document_model_whose_lines_are_cut_is_refused(models, form, pattern, what):
    check_value_yield(_model(models[form], pattern, 0.0), "x")  # as read: no refusal
    check_value_yield(_model(models[form], pattern, 0.1), "x")  # a few: each its own finding
    with pytest.raises(PipelineError, match=what):
        check_value_yield(_model(models[form], pattern, 0.5), "x")


def test_a_small_page_with_a_misprinted_number_is_read():
    text = "Listing\n\n" + "\n\n".join(f"Center {i}\nHartford, Connecticut\nPhone: (860) 706\nEmail: a{i}@ct.gov"
                                       for i in range(MIN_VALUE_LINES - 1))
    assert refusal(text.encode("utf-8"), "small.txt") is None


def doubled(texts: list[str], count: int, pattern: re.Pattern = PLACE) -> tuple[list[str], int]:
    """The capture's texts with the next center's place line (or the next line `pattern`
    matches) written again at the end of `count` blocks (after a block's email), as a column
    read across its neighbour gives; and the (1-based) number of the first such line in the result."""
    places = [i for i, t in enumerate(texts) if pattern.match(t.strip())]
    out, first, done = [], 0, 0
    for i, t in enumerate(texts):
        out.append(t)
        following = [p for p in places if p > i]
        if done < count and "@" in t and following and i > 110 and i % 3 == 0:
            out.append(texts[following[0]])
            first, done = first or len(out), done + 1
    assert done == count
    return out, first


@pytest.mark.parametrize("count, refused", [(1, False), (2, False), (6, True)])
def test_blocks_holding_a_second_place_line_are_a_misread_layout(count, refused):
    """One or two stray place lines stay in their blocks (each reported there); six blocks with a
    second place line are two centers read as one, again and again: refused at the first."""
    texts, first = doubled(TEXT, count)
    exc = refusal("\n".join(texts).encode("utf-8"), CAPTURE.name)
    assert (exc is not None) is refused
    if refused:
        assert "second place line" in str(exc) and exc.line == first and "\n" not in str(exc)


@pytest.mark.parametrize("count, refused", [(1, False), (2, False), (6, True)])
def test_blocks_holding_a_second_phone_are_a_misread_layout(count, refused):
    """A block that ends with the next center's phone line holds two values of one field: a text
    printed in two columns whose pages are not the printer's gives that at each page's foot. One or
    two stay in their blocks (EXTRA_VALUE); six are centers read across each other: refused at the first."""
    texts, first = doubled(TEXT, count, PHONE)
    exc = refusal("\n".join(texts).encode("utf-8"), CAPTURE.name)
    assert (exc is not None) is refused
    if refused:
        assert "second value of one field" in str(exc) and exc.line == first and "\n" not in str(exc)


def test_a_sixth_of_the_phone_lines_unread_is_a_misread_layout():
    """A table whose cells were read across leaves a sixth of its numbers cut ("(334)" on a line of
    its own) and carries others to other centers: refused, where a tenth cut is each its own finding."""
    assert refusal("\n".join(cut(TEXT, PHONE, 0.1)[0]).encode("utf-8"), CAPTURE.name) is None
    texts, first = cut(TEXT, PHONE, 0.17)
    exc = refusal("\n".join(texts).encode("utf-8"), CAPTURE.name)
    assert exc is not None and "phone lines" in str(exc) and exc.line == first
