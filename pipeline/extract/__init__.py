"""Extract: each raw file to raw records (`Extraction`), by its form.

The form is told from the content, not the extension: a PDF starts with
"%PDF-", an HTML page has a doctype or an <html>/<body> tag near its start,
anything else is read as a text capture. Each form's extractor is a module
with one entry function `extract_<form>(data, source, sha256) -> Extraction`.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from pipeline.errors import PipelineError
from pipeline.records import CONTACT_LISTING, Extraction
from pipeline.reference import VALUE_LABELS

# A document must yield at least this share of the list items or contact
# blocks it shows, as fetch keeps a download only with 80% of the centers of
# the last snapshot: below it, the reader has misread the document's layout,
# and a build would publish its misreading as dozens of findings.
MIN_YIELD_SHARE = 0.8

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.I | re.S)


def sniff_form(data: bytes) -> str:
    """ "pdf", "html" or "text" from the first bytes of a file."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if _HTML_START.match(head) or re.search(rb"<html\b", head, re.I):
        return "html"
    return "text"


def _extractor(form: str) -> Callable[[bytes, str, str], Extraction]:
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
    """A contact listing shows one center per phone (or email, ...) line: as many
    blocks as its most frequent label at least, give or take a center that
    repeats a label. Every value line lands in some block, so the blocks
    themselves say how many the document shows."""
    if not any(d.kind == CONTACT_LISTING for d in extraction.documents) or not extraction.blocks:
        return
    counts = Counter(f.label for b in extraction.blocks for f in b.fields if f.label in VALUE_LABELS)
    if not counts:
        return
    label, shown = counts.most_common(1)[0]
    # Where to look: the block that holds the most lines of that label.
    worst = max(extraction.blocks, key=lambda b: sum(f.label == label for f in b.fields))
    check_yield(shown, len(extraction.blocks), f'contact blocks ("{label}" lines)', source,
                page=worst.heading_ref.page, line=worst.heading_ref.line)


def extract_document(data: bytes, source: str, sha256: str) -> Extraction:
    """Raw records of one file, whatever its form; stops when the document
    yields far fewer list items or contact blocks than it shows."""
    if not data.strip():
        raise PipelineError("is empty.", source=source)
    extraction = _extractor(sniff_form(data))(data, source, sha256)
    check_listing_yield(extraction, source)
    return extraction
