"""Misreadings the readers leave that a rule names, whatever made the document:
the capture's text mutated as a reader would misread it, checked end to end.

Cost: one capture read and check per case, about 0.5 s each.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.check import run_checks
from pipeline.extract.capture import extract_capture
from pipeline.normalize.dataset import normalize

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
AS_OF = date(2026, 11, 24)


def findings_of(edit: tuple[str, str]):
    text = CAPTURE.read_text(encoding="utf-8")
    assert text.count(edit[0]) == 1, edit[0]
    ds = normalize([extract_capture(text.replace(*edit).encode("utf-8"), CAPTURE.name, "")])
    return ds, run_checks(ds, AS_OF)


@pytest.mark.parametrize("edit, center, field", [
    # Georgia's address cut at a column's edge (a Chromium print in three columns).
    (("generalinfo@gisac.gbi.ga.gov", "generalinfo@gisac.gbi.ga.go"),
     "georgia-information-sharing-and-analysis-center", "email"),
    (("www.ct.gov/demhs", "www.ct.go/demhs"), "connecticut-intelligence-center", "website"),
    (("\nwww.kctew.org\n", "\nhttps://www.kctew.or/\n"), "kansas-city-terrorism-early-warning-fusion-center",
     "website"),
], ids=["email-cut", "website-cut", "website-with-scheme-cut"])
def test_a_domain_cut_short_is_named_on_its_center_and_field(edit, center, field):
    _, findings = findings_of(edit)
    named = [f for f in findings if f.code == "DOMAIN_SUFFIX_UNKNOWN"]
    assert [(f.center_id, f.field, f.value) for f in named] == [(center, field, edit[1].strip())]
    assert named[0].line and named[0].severity == "error"


def test_the_capture_has_no_domain_without_a_known_suffix():
    _, findings = findings_of(("\nwww.kctew.org\n", "\nwww.kctew.org\n"))
    assert not [f for f in findings if f.code == "DOMAIN_SUFFIX_UNKNOWN"]
