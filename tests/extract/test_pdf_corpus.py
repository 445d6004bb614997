"""Every PDF of the corpus and of the held-out set gives the capture's 78 records.

The PDFs are the capture printed by Chromium and LibreOffice (tests/fixtures/pdf/corpus/,
made by make_corpus.py there; tests/fixtures/pdf/holdout/, which the PDF reader is not tuned
on). Their manifests (corpus.json, holdout.json) say what each PDF holds: the contact listing,
the DHS list, or both. Each is built beside the capture pages it does not hold, as text, the way
tests/test_forms.py builds a listing PDF; the records must be the text capture's, field for
field in the data columns (provenance and heading columns differ by form).

A test that today's reader fails on a PDF carries the reason in the manifest ("xfail" in the
PDF's entry for its records, "findings_xfail" for its findings), so it is a strict xfail: a fix
to the reader flips it, and the reason is then taken out of the manifest.
"""
from __future__ import annotations

import functools
import io
import json
import re
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from pipeline.build import reference_date
from pipeline.check import run_checks
from pipeline.export.tables import PROVENANCE_COLUMNS, table_files
from pipeline.extract import extract_document
from pipeline.normalize.dataset import normalize
from tests.extract.corpus import PDF_NAME, extraction, page_words, pieces, shared

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
PDF_FIXTURES = ROOT / "tests" / "fixtures" / "pdf"
MANIFESTS = (PDF_FIXTURES / "corpus" / "corpus.json", PDF_FIXTURES / "holdout" / "holdout.json")

# The capture's pages, by line, each ending with its address line (typed from the capture).
LIST_PAGE = (1, 103)  # DHS list: 53 primary, 25 recognized
LISTING = (104, 777)  # the association's contact listing, 78 blocks
PROSE = (778, 876)  # the two DHS prose pages
# The capture pages read beside a PDF, by what the PDF holds, and the pages it holds.
COMPANIONS = {"listing": (LIST_PAGE, PROSE), "list": (LISTING, PROSE), "both": (PROSE,)}
HELD = {"listing": (LISTING,), "list": (LIST_PAGE,), "both": (LIST_PAGE, LISTING)}
_MD_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(#\)")

CENTERS, PRIMARY, RECOGNIZED = 78, 53, 25
PAIRING_CODES = {"BLOCK_WITHOUT_LIST_ENTRY", "LIST_ENTRY_WITHOUT_BLOCK"}
COMPANION_NAME = "dhs_pages.txt"  # the capture pages read beside a PDF


def _manifest_entries() -> list[tuple[Path, dict]]:
    """(PDF, entry) for every PDF of the manifests; the entry's "xfail_findings" is the
    manifest's "findings_xfail" reason for it, "" when none."""
    entries = []
    for manifest in MANIFESTS:
        document = json.loads(manifest.read_text(encoding="utf-8"))
        for entry in document["pdfs"]:
            reason = document.get("findings_xfail", {}).get(entry["file"], "")
            entries.append((manifest.parent / entry["file"], {**entry, "xfail_findings": reason}))
    return entries


ENTRIES = _manifest_entries()


def _cases(reason_key: str) -> list:
    """One case per PDF; where the manifest says the reader fails this test today
    ("xfail" for the records, "findings_xfail" for the findings), a strict xfail with that reason."""
    cases = []
    for path, entry in ENTRIES:
        reason = entry[reason_key]
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        cases.append(pytest.param(path, entry["holds"], marks=marks, id=f"{path.parent.name}/{path.stem}"))
    return cases


def _capture_lines(first: int, last: int) -> bytes:
    lines = CAPTURE.read_bytes().split(b"\n")
    return b"\n".join(lines[first - 1:last]) + b"\n"


def _records(csv: bytes) -> list[dict[str, str]]:
    """The centers as a consumer reads them (pandas, every cell a string), provenance left out."""
    frame = pd.read_csv(io.BytesIO(csv), dtype=str, keep_default_na=False)
    return frame.drop(columns=list(PROVENANCE_COLUMNS)).to_dict(orient="records")


def _outcome(extractions: list) -> tuple:
    """The dataset, the findings and the published records of these extractions, as a
    build of a raw folder holding them makes them (files in name order, no manifest)."""
    extractions = sorted(extractions, key=lambda x: x.documents[0].source)
    dataset = normalize(extractions)
    findings = run_checks(dataset, reference_date(None, extractions))
    return dataset, findings, _records(table_files(dataset, findings)["fusion_centers.csv"])


def _companion(holds: str):
    """The capture pages a PDF does not hold, read as the text file beside it."""
    data = b"".join(_capture_lines(*span) for span in COMPANIONS[holds])
    return extract_document(data, COMPANION_NAME, "0" * 64)


@pytest.fixture(scope="module")
def reference() -> list[dict[str, str]]:
    """The records of the text capture."""
    return _outcome([extract_document(CAPTURE.read_bytes(), "capture.txt", "0" * 64)])[2]


@functools.cache
def _build_once(pdf: Path, holds: str) -> tuple:
    """The PDF read beside its companion capture pages, once per session
    (`tests.extract.corpus`); a failed read is raised again in each test that needs it."""
    return shared(f"outcome {pdf}", lambda: _outcome([extraction(pdf), _companion(holds)]))


def _capture_words(spans) -> Counter:
    """The words a reader sees of these capture pages: links without their markdown,
    bullets without their "- ", no address lines."""
    words = []
    for span in spans:
        for line in _capture_lines(*span).decode("utf-8").split("\n"):
            line = line.strip()
            if not line or line.startswith("<http"):
                continue
            line = _MD_LINK.sub(lambda m: re.sub(r"\\(.)", r"\1", m.group(1)), line)
            words.extend(line.removeprefix("- ").split())
    return pieces(words)


@pytest.mark.parametrize(("pdf", "holds"), [pytest.param(p, e["holds"], id=f"{p.parent.name}/{p.stem}")
                                            for p, e in ENTRIES])
def test_every_pdf_prints_every_word_of_the_pages_it_holds(pdf, holds):
    """The corpus itself is right: whatever the reader makes of it, each PDF shows every
    word of the capture pages it holds (page chrome comes on top)."""
    missing = _capture_words(HELD[holds]) - sum(page_words(pdf), Counter())
    assert dict(missing) == {}


def test_every_pdf_is_in_a_manifest_and_small():
    on_disk = sorted(p for folder in ("corpus", "holdout") for p in (PDF_FIXTURES / folder).glob("*.pdf"))
    assert sorted(path for path, _ in ENTRIES) == on_disk
    assert all(entry["holds"] in COMPANIONS for _, entry in ENTRIES)
    for manifest in MANIFESTS:
        document = json.loads(manifest.read_text(encoding="utf-8"))
        assert set(document.get("findings_xfail", {})) <= {entry["file"] for entry in document["pdfs"]}
    assert [p.name for p in on_disk if p.stat().st_size >= 300 * 1024] == []


@pytest.mark.parametrize(("pdf", "holds"), _cases("xfail"))
def test_pdf_gives_the_capture_records(pdf, holds, reference):
    dataset, findings, records = _build_once(pdf, holds)
    designations = [c.designation for c in dataset.centers]
    assert (len(designations), designations.count("primary"), designations.count("recognized")) == (
        CENTERS, PRIMARY, RECOGNIZED)
    unpaired = [(f.code, f.value) for f in findings if f.code in PAIRING_CODES]
    assert unpaired == []
    assert len(reference) == CENTERS
    differences = [(want["id"], key, want[key], got.get(key))
                   for want, got in zip(reference, records) for key in want if got.get(key) != want[key]]
    assert differences == []
    assert records == reference


@pytest.mark.parametrize(("pdf", "holds"), _cases("xfail_findings"))
def test_findings_citing_the_pdf_carry_page_and_their_evidence(pdf, holds):
    _, findings, _ = _build_once(pdf, holds)
    citing = [f for f in findings if f.ref is not None and f.ref.source == PDF_NAME]
    if holds != "list":
        assert citing, "the capture's listing has findings; some must cite the PDF that holds it"
    assert [(f.code, f.center_id) for f in citing if f.ref.page is None] == []
    assert [(f.code, f.center_id, f.value, f.evidence) for f in citing if f.value not in f.evidence] == []
    # The evidence is text of the page it names, not a line of another page.
    pages = page_words(pdf)
    assert [(f.code, f.center_id, f.ref.page, f.evidence) for f in citing if f.ref.page is not None
            and pieces(f.evidence.split()) - pages[f.ref.page - 1]] == []
