"""The yield guard: a document that shows a list or a listing but yields far
fewer entries or blocks than it shows stops the build, naming the file."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import PipelineError
from pipeline.extract import MIN_YIELD_SHARE, extract_document

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"


def _capture_with(old: str, new: str, count: int = -1) -> bytes:
    text = CAPTURE.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, count).encode("utf-8")


def table_listing(headers=("Center", "Location", "Phone", "Fax", "Email", "Website")) -> bytes:
    """The capture's 78 contact blocks as one HTML table, every value under a column header and no
    label beside it: the layout of the issue, which once gave 78 centers with no contact data."""
    from html import escape

    from pipeline.extract.capture import extract_capture
    x = extract_capture(CAPTURE.read_bytes(), CAPTURE.name, "")
    columns = ["Phone", "Fax", "Email", "Website"]
    rows = ["<tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr>"]
    for b in x.blocks:
        cells = [b.heading, b.location.text if b.location else ""]
        cells += [" ".join(f.text for f in b.fields if f.label == c) for c in columns]
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    return ("<!DOCTYPE html><html><head><title>Fusion Center Contacts</title></head><body><main>"
            "<h1>Fusion Center Contacts</h1><table>\n" + "\n".join(rows) + "\n</table></main></body></html>\n").encode()


MISREAD = {
    # The list's bullets written with a marker the reader does not know: 78 lines, no entries.
    "list with unknown bullets": ("list.txt", _capture_with("\n- ", "\n\u25aa "), "could be read"),
    # Every value in a table under column headers that name no field: contact values shown, no block read.
    "listing as a table of unknown columns": ("listing.html", table_listing(tuple(f"Column {n}" for n in range(6))),
                                              "but no contact block could be read"),
}


@pytest.mark.parametrize("case", list(MISREAD))
def test_a_misread_document_stops_with_one_line(case):
    name, data, words = MISREAD[case]
    with pytest.raises(PipelineError) as exc:
        extract_document(data, name, "")
    message = str(exc.value)
    assert message.startswith(f"{name}, line ") and "\n" not in message
    assert words in message


def test_a_table_listing_names_what_it_shows():
    with pytest.raises(PipelineError) as exc:
        extract_document(table_listing(tuple(f"Column {n}" for n in range(6))), "listing.html", "")
    # the capture's 104 numbers less the Alternate Phone and Toll-Free columns the table leaves out
    assert "shows 87 phone numbers and 78 email addresses" in str(exc.value)


def test_a_table_listing_gives_its_records_or_stops_in_one_line():
    """Every value in a table under column headers: the reader gives the 78 centers with their
    values, or the build stops naming the file; never 78 centers without contacts."""
    try:
        x = extract_document(table_listing(), "listing.html", "")
    except PipelineError as exc:
        message = str(exc)
        assert message.startswith("listing.html, line ") and "\n" not in message
        # the capture's 104 numbers less the Alternate Phone and Toll-Free columns the table leaves out
        assert "shows 87 phone numbers and 78 email addresses but no contact block could be read" in message
        return
    assert len(x.blocks) == 78
    # 77: Pittsburgh's block gives no email (capture lines 674-677); Oregon's second address is its website
    assert sum(1 for b in x.blocks if any(f.label == "Email" for f in b.fields)) == 77


def test_a_table_listing_whose_header_names_its_fields_gives_its_records():
    """Issue 15, item 3: the same table with its header ("Center", "Location", "Phone", ...) is read
    as records, one per row, with the capture's values field for field."""
    from pipeline.extract.capture import extract_capture
    capture = extract_capture(CAPTURE.read_bytes(), CAPTURE.name, "")
    x = extract_document(table_listing(), "listing.html", "")
    kept = ("Phone", "Fax", "Email", "Website")
    assert [(b.heading, b.location.text if b.location else None, [(f.label, f.text) for f in b.fields])
            for b in x.blocks] == [
        (b.heading, b.location.text if b.location else None,
         [(label, f.text) for label in kept for f in b.fields if f.label == label]) for b in capture.blocks]


@pytest.mark.parametrize("data", [
    # a prose page with its press office: one phone, no listing
    b"<html><body><main><p>Press: (202) 282-8010, media@hq.dhs.gov</p></main></body></html>",
    # two centers' worth of values is no listing that must stop the build
    b"<html><body><main><p>(202) 282-8010 a@b.gov (202) 282-8011 c@d.gov</p></main></body></html>",
], ids=["press-office", "two-values-each"])
def test_a_page_with_a_few_values_is_no_listing(data):
    extract_document(data, "page.html", "")


def test_the_threshold_is_fetchs_eighty_percent():
    assert MIN_YIELD_SHARE == 0.8


def test_the_real_documents_pass_the_guard(capture_bytes):
    x = extract_document(capture_bytes, CAPTURE.name, "")
    assert (len(x.list_entries), len(x.blocks)) == (78, 78)


@pytest.mark.parametrize("data", [b"<html><body><div class=", b"<!DOCTYPE html><html><body></body></html>"],
                         ids=["truncated markup", "no content"])
def test_html_with_no_content_is_a_clear_error(data):
    with pytest.raises(PipelineError) as exc:
        extract_document(data, "broken.html", "")
    assert str(exc.value).startswith("broken.html: ") and "no text" in str(exc.value)


def test_the_build_stops_with_exit_3_and_leaves_out_untouched(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(CAPTURE, raw / CAPTURE.name)
    out = tmp_path / "out"
    command = ["extract", "--raw", str(raw), "--out", str(out)]
    assert main(command) == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (raw / CAPTURE.name).write_bytes(_capture_with("\n- ", "\n\u25aa "))
    capsys.readouterr()
    code, err = main(command), capsys.readouterr().err
    assert code == 3
    assert err.count("\n") == 1 and CAPTURE.name in err and "could be read" in err
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
