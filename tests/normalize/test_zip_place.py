"""ZIP codes against their place: a ZIP is published only when the gazetteer
places it in the written city's state and within a stated distance of the city;
otherwise it is withheld (ZIP_OUT_OF_PLACE) and the center placed at its city's
centroid. A reviewer's `set` is judged the same way, and never fixes what it causes.

Places are from the capture's Alabama block (line 107, "Montgomery, Alabama");
the ZIP codes' places from the USPS (35203 is downtown Birmingham, 36104
downtown Montgomery, 10001 Manhattan, 04332 an Augusta, Maine PO-box ZIP)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.check import run_checks
from pipeline.corrections import parse_corrections
from pipeline.extract.capture import extract_capture
from pipeline.normalize.dataset import normalize
from pipeline.normalize.geo import ZIP_SETTINGS, distance_km, zip_problem
from pipeline.records import Status

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
LINES = CAPTURE.read_text(encoding="utf-8").split("\n")
AL = "alabama-fusion-center"
ME = "maine-information-and-analysis-center"
HEADER = "center_id,field,expected,decision,value,code,reason,reviewer,date\n"


def built(location: str = "Montgomery, Alabama", corrections: str = ""):
    lines = list(LINES)
    assert lines[106] == "Montgomery, Alabama"
    lines[106] = location
    x = extract_capture("\n".join(lines).encode("utf-8"), CAPTURE.name, "")
    decisions = parse_corrections(corrections.encode("utf-8"), "corrections.csv") if corrections else []
    ds = normalize([x], decisions)
    return {c.id: c for c in ds.centers}, run_checks(ds, date(2026, 11, 24))


@pytest.mark.parametrize("zip_code, words", [
    ("35203", ["Birmingham, AL", "km from Montgomery"]),  # the issue's: Birmingham's centroid, 130 km away
    ("10001", ["a ZIP code of NY, not of AL"]),
    ("00000", ["knows no ZIP code 00000"]),
])
def test_a_zip_of_another_place_is_withheld_and_the_city_centroid_used(zip_code, words):
    centers, findings = built(f"Montgomery, Alabama {zip_code}")
    al = centers[AL]
    assert al.published("zip") == "" and al.zip == zip_code  # the source's value stays, for the rules
    assert al.coordinate_method == "city_centroid" and f"ZIP code {zip_code} is withheld" in al.coordinate_source
    montgomery = built()[0][AL]
    assert (al.latitude, al.longitude) == (montgomery.latitude, montgomery.longitude)
    [f] = [f for f in findings if f.code == "ZIP_OUT_OF_PLACE"]
    assert (f.center_id, f.value, f.line, f.status, f.severity) == (AL, zip_code, 107, Status.OPEN, "warning")
    assert f.evidence == f"Montgomery, Alabama {zip_code}"
    for word in words:
        assert word in f.message


@pytest.mark.parametrize("zip_code", ["36104", "36104-1234"])
def test_a_zip_of_the_city_is_published(zip_code):
    centers, findings = built(f"Montgomery, Alabama {zip_code}")
    assert centers[AL].published("zip") == zip_code and centers[AL].coordinate_method == "zip_centroid"
    assert not [f for f in findings if f.code == "ZIP_OUT_OF_PLACE"]


def test_a_po_box_zip_of_the_right_city_passes():
    assert zip_problem("Augusta", "ME", "04332") == ()  # a PO-box ZIP of Augusta
    assert zip_problem("Augusta", "ME", "04330-0164") == ()  # the capture's (line 391)


def test_today_maines_zip_is_published():
    centers, findings = built()
    assert centers[ME].published("zip") == "04330-0164"
    assert not [f for f in findings if f.code == "ZIP_OUT_OF_PLACE"]


def test_the_distance_is_a_named_setting():
    assert ZIP_SETTINGS.max_km == 50
    assert 125 < distance_km((32.3668, -86.3000), (33.5186, -86.8104)) < 140  # Montgomery to Birmingham


def test_a_reviewers_set_goes_through_the_same_check_and_is_never_fixed_by_itself():
    corrections = HEADER + f'{AL},zip,"Montgomery, Alabama",set,10001,,typed in,J. Doe,2026-11-30\n'
    centers, findings = built(corrections=corrections)
    assert centers[AL].published("zip") == ""
    [f] = [f for f in findings if f.code == "ZIP_OUT_OF_PLACE"]
    assert (f.source, f.line, f.status) == ("corrections.csv", 2, Status.OPEN)


def test_a_reviewers_right_zip_is_published():
    corrections = HEADER + f'{AL},zip,"Montgomery, Alabama",set,36104,,from the center,J. Doe,2026-11-30\n'
    centers, findings = built(corrections=corrections)
    assert centers[AL].published("zip") == "36104"
    assert not [f for f in findings if f.code == "ZIP_OUT_OF_PLACE"]


def test_a_reviewers_set_city_moves_the_judgement():
    """A city set to another one: the source's ZIP is judged against the new city."""
    corrections = HEADER + f'{AL},city,"Montgomery, Alabama 36104",set,Birmingham,,moved,J. Doe,2026-11-30\n'
    centers, findings = built("Montgomery, Alabama 36104", corrections)
    assert centers[AL].published("zip") == ""
    [f] = [f for f in findings if f.code == "ZIP_OUT_OF_PLACE"]
    assert "Birmingham" in f.message


def test_accepting_the_zip_publishes_it():
    corrections = HEADER + (f'{AL},zip,"Montgomery, Alabama 35203",accept,35203,ZIP_OUT_OF_PLACE,'
                            'the center uses a Birmingham box,J. Doe,2026-11-30\n')
    centers, findings = built("Montgomery, Alabama 35203", corrections)
    assert centers[AL].published("zip") == "35203" and centers[AL].coordinate_method == "zip_centroid"
    [f] = [f for f in findings if f.code == "ZIP_OUT_OF_PLACE"]
    assert (f.line, f.status) == (107, Status.FIXED)
    assert not [f for f in findings if f.code.startswith("CORRECTION_")]
