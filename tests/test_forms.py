"""The same dataset from every form the sources are published in."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pipeline.build import build
from pipeline.export.tables import PROVENANCE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
HTML = ROOT / "tests" / "fixtures" / "html"
PDF = ROOT / "tests" / "fixtures" / "pdf" / "contact_listing.pdf"
HTML_PAGES = ["dhs_fusion_center_locations.html", "nfcausa_contact_listing.html",
              "dhs_state_and_major_urban_area_fusion_centers.html", "dhs_national_network_fact_sheet.html"]


def _capture_pages(first: int, last: int) -> bytes:
    lines = CAPTURE.read_bytes().split(b"\n")
    return b"\n".join(lines[first - 1:last]) + b"\n"


def _folder(tmp: Path, name: str, files: dict[str, bytes]) -> Path:
    raw = tmp / name / "raw"
    raw.mkdir(parents=True)
    for file, data in files.items():
        (raw / file).write_bytes(data)
    return raw


FORMS = {
    "text capture": lambda: {"capture.txt": CAPTURE.read_bytes()},
    "html pages": lambda: {p: (HTML / p).read_bytes() for p in HTML_PAGES},
    # The PDF holds the listing only; the list and prose pages come with it, here as text.
    "pdf listing": lambda: {"listing.pdf": PDF.read_bytes(),
                            "dhs_pages.txt": _capture_pages(1, 103) + _capture_pages(778, 876)},
    # Named without extensions: the form is told from the content.
    "mixed, no extensions": lambda: {"a": (HTML / HTML_PAGES[0]).read_bytes(), "b": PDF.read_bytes(),
                                     "c": _capture_pages(778, 876)},
}


def _records(out: Path) -> list[dict[str, str]]:
    """The centers as a consumer reads them (pandas, every cell a string), provenance left out."""
    frame = pd.read_csv(out / "fusion_centers.csv", dtype=str, keep_default_na=False)
    return frame.drop(columns=list(PROVENANCE_COLUMNS)).to_dict(orient="records")


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ref")
    raw = _folder(tmp, "text", FORMS["text capture"]())
    build(raw, tmp / "out")
    return _records(tmp / "out")


@pytest.mark.parametrize("form", list(FORMS))
def test_every_form_gives_the_same_records(tmp_path, reference, form):
    raw = _folder(tmp_path, "f", FORMS[form]())
    b = build(raw, tmp_path / "out")
    assert len(reference) == 78
    assert _records(tmp_path / "out") == reference
    assert all(c.match_method != "unmatched" for c in b.dataset.centers)


def test_two_documents_that_disagree_keep_both_values(tmp_path):
    listing = (HTML / "nfcausa_contact_listing.html").read_bytes()
    assert listing.count(b"(608) 242-5393") == 1
    files = {"a_capture.txt": CAPTURE.read_bytes(),
             "b_listing.html": listing.replace(b"(608) 242-5393", b"(608) 242-5394")}
    b = build(_folder(tmp_path, "d", files), tmp_path / "out")
    wi = "wisconsin-statewide-information-center"
    found = [(f.center_id, f.field, f.code, f.value, f.source) for f in b.findings if f.code == "SOURCES_DISAGREE"]
    assert found == [(wi, "phone", "SOURCES_DISAGREE", "(608) 242-5394", "b_listing.html")]
    record = next(r for r in json.loads((tmp_path / "out" / "fusion_centers.json").read_text()) if r["id"] == wi)
    assert record["phone"] == "+16082425393"  # the first file by name gives the value
    other = record["provenance"]["other_sources"][0]
    assert other["source"] == "b_listing.html"
    assert ("Phone", "(608) 242-5394") in [(f["label"], f["text"]) for f in other["fields"]]
