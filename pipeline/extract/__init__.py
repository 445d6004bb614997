"""Extract: each raw file to raw records (`Extraction`), by its form.

The form is told from the content, not the extension: a PDF starts with
"%PDF-", an HTML page has a doctype or an <html>/<body> tag near its start,
anything else is read as a text capture. Each form's reader is a module with
one entry function of one signature, chosen through `READERS`, that turns bytes
into pages of marked lines (`model.Pages`); one assembler (`assemble.assemble`)
reads every form's pages into documents, list entries and contact blocks.
"""
from __future__ import annotations

import csv
import importlib
import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

import phonenumbers

from pipeline.errors import PipelineError
from pipeline.extract.assemble import MIN_YIELD_SHARE, assemble
from pipeline.extract.shown import shows_contacts
from pipeline.extract.walls import bot_wall_marker
from pipeline.fields import FIELD_OF_LABEL, PHONE_LABELS
from pipeline.records import ContactBlock, Extraction, FieldLine
from pipeline.reference import NAME_ENDS
from pipeline.text import contact_key, is_web_address, name_key, parse_place

if TYPE_CHECKING:
    from pipeline.extract.model import Pages

# The value yield is judged only on a listing with at least this many phone lines
# (or blocks): a small page's one misprinted number is its own finding, while in a
# listing of dozens of centers a fifth of its numbers or places unread is a layout
# the reader did not understand (words of one line split apart, cells read across).
MIN_VALUE_LINES = 20

# The share of a listing's phone lines (and of its blocks' place lines) that must be
# read whole. Stricter than the 80% of centers a document must yield: a listing read
# right leaves at most a misprint or two unread, while a table whose cells were read
# across (a Writer table of narrow, justified cells set at their middles) leaves a
# sixth to a fifth of its numbers cut and moves others to other centers.
MIN_VALUE_SHARE = 0.85

# A block that holds a second place line after its own, or a second value of a field
# that holds one (two phones, two websites), has taken another center's lines (a column
# read across its neighbour, a heading lost, a text printed in columns whose pages are
# not the printer's). One is a stray line a center writes ("For questions call …,
# Austin, Texas", a second email); this many, and this share of a listing's blocks, are
# a layout the reader misread, whose values would be published on the wrong centers.
MAX_DOUBLED_BLOCKS = 3
MAX_DOUBLED_SHARE = 0.03

_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.I)
# An element that starts a fragment of a page (what a site serves from a content
# block, or a page saved in part): no text capture begins with one.
_FRAGMENT_TAG = re.compile(rb"<(?:div|p|section|article|main|table|ul|ol|dl|h[1-6]|span|strong|b|a|br)\b",
                           re.I)


def _starts_with_html(head: bytes) -> bool:
    """Whether the bytes begin, after any XML declaration and comments, with an
    HTML doctype or an <html>, <head> or <body> tag, or with an element that starts
    a fragment of a page (`_FRAGMENT_TAG`: the HTML reader names it). Written as a scan, not one
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
    return _HTML_TAG.match(head, position) is not None or _FRAGMENT_TAG.match(head, position) is not None


# Forms told from their content that no reader takes, and how a refusal names them.
UNSUPPORTED_FORMS: dict[str, str] = {
    "pptx": "a PowerPoint file",
    "odp": "an OpenDocument presentation",
    "odf": "an OpenDocument file of another kind (drawing, formula, chart)",
    "ole": "a legacy Microsoft Office file (Word 97-2003 .doc, Excel .xls or PowerPoint .ppt)",
    "rtf": "an RTF document",
    "zip": "a ZIP archive",
    "epub": "an EPUB book",
    "image": "an image (a scan has no text to read)",
}
SUPPORTED = "text captures, HTML pages, PDF, CSV, DOCX, ODT, XLSX and ODS"
_OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
    b"application/epub+zip": "epub",
}
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")


def _zip_form(data: bytes) -> str:
    """The form of a ZIP-based file from its parts: OOXML by its main part, OpenDocument by its mimetype."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if mimetype:
        return _OPENDOCUMENT.get(mimetype, "odf" if mimetype.startswith(b"application/vnd.oasis") else "zip")
    return "zip"


# A CSV file: its first rows (up to this many) have the same number of cells, at least MIN_CSV_CELLS.
CSV_SAMPLE_ROWS = 20
MIN_CSV_CELLS = 3


# The cell separators a CSV file is written with: RFC 4180's comma, the semicolon of
# spreadsheets whose locale writes a decimal comma, the tab of "tab-separated values", the bar.
CSV_DELIMITERS = (",", ";", "\t", "|")


def csv_delimiter(head: bytes | str) -> str | None:
    """The separator of a file whose first lines are rows of cells (RFC 4180 quoting), all of
    one width of at least MIN_CSV_CELLS, tried in CSV_DELIMITERS' order; None for a file that
    is no CSV (a capture's first line is a title, never such a row)."""
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    text = text.lstrip("\ufeff")
    for delimiter in CSV_DELIMITERS:
        rows = []
        try:
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
                if any(c.strip() for c in row):
                    rows.append(len(row))
                if len(rows) == CSV_SAMPLE_ROWS:
                    break
        except csv.Error:
            continue
        if len(rows) > 2 and len(text) == len(head):  # the sample may end mid-row: its last row is not judged
            rows = rows[:-1]
        if len(rows) >= 2 and rows[0] >= MIN_CSV_CELLS and all(n == rows[0] for n in rows):
            return delimiter
    return None


def looks_like_csv(head: bytes) -> bool:
    """Whether a file's first lines are rows of cells (`csv_delimiter`)."""
    return csv_delimiter(head) is not None


def sniff_form(data: bytes) -> str:
    """The form of a file from its first bytes: a key of `READERS` ("pdf", "html",
    "docx", ...), of `UNSUPPORTED_FORMS`, or "text"."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_form(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(_IMAGES):
        return "image"
    if b"\x00" in head[:64]:  # UTF-16: its ASCII markup, with the zero bytes and byte-order mark taken out
        head = head.replace(b"\x00", b"").lstrip(b"\xff\xfe")
    if _starts_with_html(head) or re.search(rb"<html\b", head, re.I):
        return "html"
    if b"\x00" not in head and looks_like_csv(head):
        return "csv"
    return "text"


# The table of readers: form -> (module, function). Every reader has one signature,
# `read(data, source, *, charset="", fallback_url="") -> model.Pages`, and only turns
# bytes into pages of marked lines; `assemble.assemble` reads them all alike. A reader's
# module is imported on first use (a justified lazy import: a run over text captures
# never loads pdfplumber, nor an office library).
READERS: dict[str, tuple[str, str]] = {
    "pdf": ("pipeline.extract.pdf", "read_pdf"),
    "html": ("pipeline.extract.html", "read_html"),
    "text": ("pipeline.extract.capture", "read_capture"),
    "csv": ("pipeline.extract.spreadsheet", "read_csv"),
    "xlsx": ("pipeline.extract.spreadsheet", "read_xlsx"),
    "ods": ("pipeline.extract.spreadsheet", "read_ods"),
    "docx": ("pipeline.extract.textdoc", "read_docx"),
    "odt": ("pipeline.extract.textdoc", "read_odt"),
}


def reader(form: str) -> Callable[..., Pages]:
    """The reader of a form, from `READERS`."""
    module, function = READERS[form]
    return getattr(importlib.import_module(module), function)


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


def check_listed_addresses(extraction: Extraction, own: str, listed: Sequence[str], source: str) -> None:
    """Stop when an address line of the file ("<https://...>", as a capture ends
    each page) gives an address that the manifest does not list for the file:
    whoever changed the file could make any address the source of its centers.
    The file's own address (an HTML page's canonical link, the manifest's) is
    not an address line and is not judged here."""
    if not listed:
        return
    keys = {contact_key("url", u) for u in listed}
    for d in extraction.documents:
        if d.url and d.url != own and contact_key("url", d.url) not in keys:
            raise PipelineError(f"gives the page address {d.url}, which the manifest does not list for this file "
                                f"(it lists {len(keys)}); correct the manifest's entry or the file.",
                                source=source, line=d.end.line, page=d.end.page)


def check_value_yield(extraction: Extraction, source: str) -> None:
    """Stop when a listing's blocks were formed but their values were not read:
    fewer than MIN_VALUE_SHARE of its phone-labeled lines hold a phone number
    (phonenumbers' matcher, as `shown` finds them), or fewer than that share of
    its blocks have a place line read as City, State. Such a reading publishes
    dozens of centers without their numbers or places, each value lost on its
    own; the document is refused instead, naming the first line that failed."""
    phones = [f for b in extraction.blocks for f in b.fields if f.label in PHONE_LABELS]
    unread = [f for f in phones if not phonenumbers.PhoneNumberMatcher(
        f.text, "US", leniency=phonenumbers.Leniency.VALID).has_next()]
    if len(phones) >= MIN_VALUE_LINES and len(phones) - len(unread) < MIN_VALUE_SHARE * len(phones):
        first = unread[0].ref
        raise PipelineError(f"shows {len(phones)} phone lines in its contact blocks but only {len(phones) - len(unread)} "
                            f"hold a phone number that can be read (the first that does not: {unread[0].text!r}): its "
                            "layout is not one the reader knows.", source=source, page=first.page, line=first.line)
    blocks = extraction.blocks
    doubled = [(b, second) for b in blocks for second in [_second_line(b)] if second is not None]
    if len(blocks) >= MIN_VALUE_LINES and len(doubled) >= max(MAX_DOUBLED_BLOCKS, MAX_DOUBLED_SHARE * len(blocks)):
        first, second = doubled[0]
        raise PipelineError(f"shows {len(blocks)} contact blocks but {len(doubled)} of them hold a second place line "
                            f"or a second value of one field (the first: {first.heading!r}, then {second.raw or second.text!r}): "
                            "two centers' lines are read as one; its layout is not one the reader knows.",
                            source=source, page=second.ref.page, line=second.ref.line)
    unplaced = [b for b in blocks if b.location is None or parse_place(b.location.text) is None]
    if len(blocks) >= MIN_VALUE_LINES and len(blocks) - len(unplaced) < MIN_VALUE_SHARE * len(blocks):
        first = unplaced[0].location.ref if unplaced[0].location else unplaced[0].heading_ref
        raise PipelineError(f"shows {len(blocks)} contact blocks but only {len(blocks) - len(unplaced)} have a place "
                            f"line read as City, State (the first that does not: {unplaced[0].heading!r}): its "
                            "layout is not one the reader knows.", source=source, page=first.page, line=first.line)


def check_nameless_headings(extraction: Extraction, pages: Pages, source: str) -> None:
    """Stop where a contact block's heading holds no name ("(Washington, D.C.)") and its page sets
    aside as running header or footer a line that reads as a center's name (it ends with a word a
    name ends with: "Washington Regional Threat and Analysis Center"): the reader took the
    heading's first line for furniture, and the center, lost with its name (from the list too,
    where the same line was taken alike), would be told by no finding of its own. Where the file
    holds no list, or a list entry names the line, the center's entry names it (LIST_ENTRY_WITHOUT_BLOCK)."""
    listed = {name_key(e.name) for e in extraction.list_entries}
    if not listed:
        return
    for block in extraction.blocks:
        if name_key(block.heading):
            continue
        page = block.heading_ref.page
        for line in (line for p in pages.pages if p.first <= (page or 0) <= p.last for line in p.lines):
            words = line.text.split()
            if (line.furniture and len(words) > 1 and words[-1].casefold() in NAME_ENDS
                    and name_key(line.text) not in listed):
                raise PipelineError(f"sets the line {line.text.strip()!r} aside as a running header or footer, but it "
                                    f"reads as a center's name, and the contact block under {block.heading!r} has no "
                                    "name: a center's name was lost, which center that is cannot be told for certain.",
                                    source=source, page=block.heading_ref.page, line=block.heading_ref.line)


def _second_line(block: ContactBlock) -> FieldLine | None:
    """A block's first line that belongs to a second center: a place line after its own, or
    a field's second value (another text than the first) for a field that holds one."""
    seen: dict[str, str] = {}
    for f in block.fields:
        if f.label not in FIELD_OF_LABEL:
            if block.location is not None and parse_place(f.text) is not None:
                return f
            continue
        field = FIELD_OF_LABEL[f.label]
        if seen.setdefault(field, f.text) != f.text:
            return f
    return None


def extract_document(data: bytes, source: str, sha256: str, *, charset: str = "",
                     fallback_url: str = "", retrieved: str = "", listed: Sequence[str] = ()) -> Extraction:
    """Raw records of one file, whatever its form: its reader's pages, read by the
    one assembler, which stops when a document yields far fewer list items or
    contact blocks than it shows. `charset` is the one the server declared (the
    manifest keeps it); text and HTML honour it. `fallback_url` is the
    manifest's address for the file, which an HTML page takes when it names no
    well-formed address of its own. `retrieved` is the day the file was
    retrieved (YYYY-MM-DD, "" when unknown): a page dated later has no date.
    `listed` are the addresses the manifest lists for the file: a page address
    line giving another is refused (`check_listed_addresses`)."""
    if not data.strip():
        raise PipelineError("is empty.", source=source)
    # Only a well-formed http(s) address is ever written as a page's address;
    # another is refused (SOURCE_ADDRESS_REJECTED), as a page's own would be.
    refused = fallback_url if fallback_url and not is_web_address(fallback_url) else ""
    fallback_url = "" if refused else fallback_url
    form = sniff_form(data)
    if form in UNSUPPORTED_FORMS:
        raise PipelineError(f"is {UNSUPPORTED_FORMS[form]}: not a supported form; the forms read are {SUPPORTED}.",
                            source=source)
    pages = reader(form)(data, source, charset=charset, fallback_url=fallback_url)
    extraction = assemble(pages, sha256)
    check_listed_addresses(extraction, pages.url, listed, source)
    if not extraction.list_entries and not extraction.blocks and form in ("html", "text"):
        marker = bot_wall_marker(data)
        if marker:  # served in place of the page: never read as a page that has no centers
            raise PipelineError(f"looks like a captcha or bot wall, not the page it stands for (it says "
                                f"{marker!r}); fetch the page again, or take the file out of raw/.", source=source)
    if retrieved:  # a page cannot have been published after it was retrieved: its date is no date
        extraction = replace(extraction, documents=tuple(
            replace(d, published="") if d.published > retrieved else d for d in extraction.documents))
    if refused:
        extraction = replace(extraction, documents=tuple(
            d if d.url or d.rejected_url else replace(d, rejected_url=refused) for d in extraction.documents))
    check_listing_yield(extraction, source)
    check_value_yield(extraction, source)
    check_nameless_headings(extraction, pages, source)
    return extraction
