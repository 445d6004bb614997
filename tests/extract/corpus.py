"""The PDFs of the corpus, each read once per test session.

Reading a PDF is the suite's dearest step (one to three seconds a file on this
machine), and tests/extract/test_pdf.py and test_pdf_corpus.py ask about the same
files. Each file is read once by the pipeline's reader and once by a second engine
alone (the words a person sees, to check the corpus itself: PDFium, which shares
no code with the reader's pdfminer, or pdfplumber on a turned page), and what each
gives is kept for the session: in memory, and, under pytest-xdist, in the folder that
tests/conftest.py names in SHARED_FOLDER for every worker (the first worker to ask
reads the file under a lock; the others load its answer).
"""
from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import pickle
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from pipeline.extract import extract_document
from pipeline.records import Extraction

# The name a corpus PDF is read under: the file name its findings cite in a raw folder.
PDF_NAME = "document.pdf"
# The environment variable naming the folder the workers of one test run share.
SHARED_FOLDER = "FUSION_CENTERS_TEST_SHARED"
# A printed line may break a word after a hyphen or a slash ("Counter-" / "Terrorism").
_WORD_PIECE = re.compile(r"[^-/]+[-/]*|[-/]+")
_LINE_END_HYPHEN = "\ufffe"


def shared(key: str, make: Callable[[], object]) -> object:
    """`make()`, computed once per test run: kept in the shared folder when there is
    one (pickled, under a lock, so two workers never both compute it); callers keep
    it in memory (`functools.cache`)."""
    folder = os.environ.get(SHARED_FOLDER)
    if not folder:
        return make()
    path = Path(folder) / hashlib.sha256(key.encode("utf-8")).hexdigest()
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return pickle.loads(path.read_bytes())
        value = make()
        path.with_suffix(".tmp").write_bytes(pickle.dumps(value))
        path.with_suffix(".tmp").replace(path)
        return value


def pieces(words) -> Counter:
    """The words cut after each hyphen or slash, counted."""
    return Counter(piece for word in words for piece in _WORD_PIECE.findall(word))


def _read(pdf: Path) -> Extraction | Exception:
    try:
        return extract_document(pdf.read_bytes(), PDF_NAME, "0" * 64)
    except Exception as error:  # noqa: BLE001 (raised again, unchanged, by every test that reads the PDF)
        return error


@functools.cache
def extraction(pdf: Path) -> Extraction:
    """What the pipeline's reader gives for `pdf`, read under the name `PDF_NAME`;
    a failed read is raised again, unchanged, in every test that asks."""
    found = shared(f"extraction {pdf}", lambda: _read(pdf))
    if isinstance(found, Exception):
        raise found
    return found


def _plumber_words(page) -> Counter:
    # Text on a page turned by /Rotate 270 runs bottom to top.
    direction = "btt" if page.rotation == 270 else "ttb"
    return pieces(w["text"] for w in page.extract_words(x_tolerance=1.5, char_dir_rotated=direction))


def _pdfium_words(page) -> Counter:
    text_page = page.get_textpage()
    try:
        # PDFium marks a hyphen it finds at the end of a line with U+FFFE: the hyphen, then the break.
        return pieces(text_page.get_text_range().replace(_LINE_END_HYPHEN, "-\n").split())
    finally:
        text_page.close()


def _read_words(pdf: Path) -> tuple[Counter, ...]:
    """Each page's words as PDFium reads them (40 times faster than pdfminer here); on a page
    that /Rotate turns, as pdfplumber reads them (PDFium's text order cuts words there:
    "F" / "usion" on tests/fixtures/pdf/corpus/nfca_listing_2col_chromium_letter_rotated.pdf)."""
    document = pdfium.PdfDocument(pdf)
    try:
        turned = [document[i].get_rotation() != 0 for i in range(len(document))]
        words = [None if turned[i] else _pdfium_words(document[i]) for i in range(len(document))]
    finally:
        document.close()
    if any(turned):
        with pdfplumber.open(pdf) as plumbed:
            words = [_plumber_words(plumbed.pages[i]) if turned[i] else words[i] for i in range(len(words))]
    return tuple(words)


@functools.cache
def page_words(pdf: Path) -> tuple[Counter, ...]:
    """The words a second engine alone reads on each page of `pdf` (index 0 is page 1), as pieces."""
    return shared(f"words {pdf}", lambda: _read_words(pdf))
