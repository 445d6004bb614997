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
from pipeline.records import Extraction

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


def extract_document(data: bytes, source: str, sha256: str) -> Extraction:
    """Raw records of one file, whatever its form."""
    if not data.strip():
        raise PipelineError("is empty.", source=source)
    return _extractor(sniff_form(data))(data, source, sha256)
