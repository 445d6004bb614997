"""Extract: each raw file to raw records (`Extraction`), by its form.

The form is told from the content, not the extension: a PDF starts with
"%PDF-", an HTML page has a doctype or an <html>/<body> tag near its start,
anything else is read as a text capture. Each form's extractor is a module
with one entry function `extract_<form>(data, source, sha256) -> Extraction`.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.errors import PipelineError
from pipeline.extract.shown import shows_contacts
from pipeline.records import Extraction

# A document must yield at least this share of the list items or contact
# blocks it shows, as fetch keeps a download only with 80% of the centers of
# the last snapshot: below it, the reader has misread the document's layout,
# and a build would publish its misreading as dozens of findings.
MIN_YIELD_SHARE = 0.8

_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.I)


def _starts_with_html(head: bytes) -> bool:
    """Whether the bytes begin, after any XML declaration and comments, with an
    HTML doctype or an <html>, <head> or <body> tag. Written as a scan, not one
    pattern: a pattern of repeated lazy comments takes exponential time on a
    file of empty comments."""
    position = len(head) - len(head.lstrip())
    if head.startswith(b"<?xml", position):
        position = head.find(b">", position)
        if position < 0:
            return False
        position = len(head) - len(head[position + 1:].lstrip())
    while head.startswith(b"<!--", position):
        position = head.find(b"-->", position + 4)
        if position < 0:
            return False
        position = len(head) - len(head[position + 3:].lstrip())
    return _HTML_TAG.match(head, position) is not None


def sniff_form(data: bytes) -> str:
    """ "pdf", "html" or "text" from the first bytes of a file."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if b"\x00" in head[:64]:  # UTF-16: its ASCII markup, with the zero bytes and byte-order mark taken out
        head = head.replace(b"\x00", b"").lstrip(b"\xff\xfe")
    if _starts_with_html(head) or re.search(rb"<html\b", head, re.I):
        return "html"
    return "text"


def _extractor(form: str) -> Callable[..., Extraction]:
    # Imported on demand: a run over text captures never loads pdfplumber.
    if form == "pdf":
        from pipeline.extract.pdf import extract_pdf
        return extract_pdf
    if form == "html":
        from pipeline.extract.html import extract_html
        return extract_html
    from pipeline.extract.capture import extract_capture
    return extract_capture


def check_yield(shown: int, yielded: int, what: str, source: str, *, page: int | None = None,
                line: int | None = None) -> None:
    """Stop when a document yields fewer than MIN_YIELD_SHARE of the `what` it shows."""
    if shown and yielded < MIN_YIELD_SHARE * shown:
        raise PipelineError(f"shows {shown} {what} but only {yielded} could be read from it: its layout is "
                            "not one the reader knows.", source=source, page=page, line=line)


def check_listing_yield(extraction: Extraction, source: str) -> None:
    """Stop when a document shows contact values (several phone numbers and
    email addresses, wherever they stand: `shown.shows_contacts`) but yields
    no contact block: a table, a spreadsheet or an unlabeled listing whose
    layout the reader does not know. A block that misses some of its values
    is the conservation rule's to name (check: VALUE_UNACCOUNTED)."""
    if extraction.blocks or not shows_contacts(extraction.shown):
        return
    phones = len({v.key for v in extraction.shown if v.kind == "phone"})
    emails = len({v.key for v in extraction.shown if v.kind == "email"})
    first = next(v for v in extraction.shown if v.kind in ("phone", "email"))
    raise PipelineError(f"shows {phones} phone numbers and {emails} email addresses but no contact block could be "
                        "read from it: its layout is not one the reader knows.", source=source,
                        page=first.ref.page, line=first.ref.line)


def extract_document(data: bytes, source: str, sha256: str, *, charset: str = "",
                     fallback_url: str = "") -> Extraction:
    """Raw records of one file, whatever its form; stops when the document
    yields far fewer list items or contact blocks than it shows. `charset` is
    the one the server declared (the manifest keeps it); text and HTML honour
    it. `fallback_url` is the manifest's address for the file, which an HTML
    page takes when it names no well-formed address of its own."""
    if not data.strip():
        raise PipelineError("is empty.", source=source)
    form = sniff_form(data)
    reader = _extractor(form)
    if form == "pdf":
        extraction = reader(data, source, sha256)
    elif form == "html":
        extraction = reader(data, source, sha256, charset=charset, fallback_url=fallback_url)
    else:
        extraction = reader(data, source, sha256, charset=charset)
    check_listing_yield(extraction, source)
    return extraction
