"""Every finding carries its own evidence: the verbatim text of the record it
cites, at the file, page and line it names (issue 9 item 4).

Built from each form the sources come in; nothing here looks the evidence up
again, it only checks what the findings carry against the raw files.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.build import run
from tests.conftest import CAPTURE, FIXTURES

HTML_PAGES = ["dhs_fusion_center_locations.html", "nfcausa_contact_listing.html",
              "dhs_state_and_major_urban_area_fusion_centers.html", "dhs_national_network_fact_sheet.html"]


def _raw(tmp_path: Path, files: dict[str, bytes]) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in files.items():
        (raw / name).write_bytes(data)
    return raw


FORMS = {
    "text": lambda: {CAPTURE.name: CAPTURE.read_bytes()},
    "html": lambda: {p: (FIXTURES / "html" / p).read_bytes() for p in HTML_PAGES},
}


@pytest.mark.parametrize("form", list(FORMS))
def test_every_finding_quotes_its_value_from_the_line_it_names(tmp_path, form):
    files = FORMS[form]()
    b = run(_raw(tmp_path, files))
    raw_lines = {name: data.decode("utf-8", errors="replace").split("\n") for name, data in files.items()}
    assert len(b.findings) > 50
    for f in b.findings:
        assert f.value in f.evidence, f
        if f.line is None:
            continue
        line = raw_lines[f.source][f.line - 1]
        if form == "text":
            # The capture's line holds the evidence as written ("- " bullets and all).
            assert f.evidence.strip() in line, (f.code, f.line, f.evidence, line)
        else:
            # HTML lines are joined from markup: the first word of the evidence starts on that line.
            assert not f.evidence or f.evidence.split()[0].split("<")[0] in line, (f.code, f.line, f.evidence, line)
        assert f.page is None  # text and HTML have no pages


def test_connecticut_fax_evidence_is_its_own_line(tmp_path):
    """The report once showed "Washington, DC, Washington DC" as the evidence of Connecticut's fax."""
    b = run(_raw(tmp_path, FORMS["text"]()))
    f = next(f for f in b.findings if f.code == "AREA_CODE_OUT_OF_STATE" and f.field == "fax")
    assert (f.source, f.page, f.line, f.evidence) == (CAPTURE.name, None, 243, "Fax: (806) 706-5535")
