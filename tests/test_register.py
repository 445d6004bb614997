"""Ids that survive a rename (issue 19, item 4): the id register proposed by
`python -m pipeline ids`, read by the build; a renamed center keeps its id and
`diff` calls it a rename; a weaker likeness is a finding that proposes the link."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline.build import build, run
from pipeline.cli import main
from pipeline.diff import diff_builds, format_changes
from pipeline.errors import PipelineError
from pipeline.register import REGISTER_FILE, parse_register

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = "dhs_fusion_centers_capture.txt"
HEADER = "id,names,state,contacts,first_seen,last_seen,status,aosnumber,wikidata\r\n"
GOOD = "alabama-fusion-center,Alabama Fusion Center,AL,+13345172660,2026-11-24,2026-11-24,listed,,"


@pytest.mark.parametrize("row, says", [
    (GOOD.replace("alabama-fusion-center", "Alabama Fusion"), "is not lower-case words"),
    (GOOD.replace(",Alabama Fusion Center,", ",,"), "no name"),
    (GOOD.replace("2026-11-24,2026-11-24", "2026-11-24,20261124"), "last_seen '20261124'"),
    (GOOD.replace("listed", "gone"), "status 'gone'"),
    (GOOD + "Q", "wikidata id 'Q'"),
    (GOOD.replace(",listed,,", ",listed,A12,"), "aosnumber 'A12'"),
    (GOOD + "\r\n" + GOOD, "repeats the id 'alabama-fusion-center' of line 2"),
], ids=["id", "name", "date", "status", "wikidata", "aosnumber", "repeated"])
def test_a_register_row_that_cannot_hold_stops_the_build_at_its_line(row, says):
    with pytest.raises(PipelineError, match=says) as caught:
        parse_register((HEADER + row + "\r\n").encode(), "raw/register/ids.csv")
    assert "line" in str(caught.value) and "\n" not in str(caught.value)


def test_a_crosswalk_row_is_read():
    (entry,) = parse_register((HEADER + GOOD[:-2] + ",1234,Q42\r\n").encode(), "ids.csv")
    assert (entry.aosnumber, entry.wikidata, entry.names) == ("1234", "Q42", ("Alabama Fusion Center",))


def _edit_capture(raw: Path, old: str, new: str) -> None:
    """Change the capture as a new DHS page would, and its sha256 in the manifest."""
    path = raw / CAPTURE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    manifest = json.loads((raw / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        if entry["file"] == CAPTURE:
            entry["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (raw / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


@pytest.fixture
def registered(tmp_path) -> Path:
    """A copy of raw/ with the register `python -m pipeline ids` proposes for it
    (the committed one: proposing it again changes nothing)."""
    raw = tmp_path / "raw"
    shutil.copytree(ROOT / "raw", raw)
    committed = (raw / REGISTER_FILE).read_bytes()
    assert main(["ids", "--raw", str(raw)]) == 0
    assert (raw / REGISTER_FILE).read_bytes() == committed
    entries = parse_register((raw / REGISTER_FILE).read_bytes(), "ids.csv")
    assert len(entries) == 78 and {e.status for e in entries} == {"listed"}
    return raw


def test_a_renamed_center_keeps_its_id_and_diff_calls_it_a_rename(registered, tmp_path):
    before = build(registered, tmp_path / "before")
    # Capture lines 13 (the list) and 105 (the contact block): "Alabama Fusion Center".
    _edit_capture(registered, "Alabama Fusion Center", "Alabama Center for Fusion and Intelligence")
    after = build(registered, tmp_path / "after")
    ids = sorted(c.id for c in after.dataset.centers)
    assert ids == sorted(c.id for c in before.dataset.centers)
    alabama = next(c for c in after.dataset.centers if c.id == "alabama-fusion-center")
    assert alabama.name == "Alabama Center for Fusion and Intelligence"
    (kept,) = [f for f in after.findings if f.code == "ID_KEPT_AFTER_RENAME"]
    assert kept.center_id == "alabama-fusion-center" and "+13345172660" in kept.message  # capture line 109
    changes = diff_builds(tmp_path / "before", tmp_path / "after")
    assert [(c.id, c.old, c.new) for c in changes.renamed] == [
        ("alabama-fusion-center", "Alabama Fusion Center", "Alabama Center for Fusion and Intelligence")]
    assert not changes.added and not changes.removed
    assert "Renamed (1):\n  ~ alabama-fusion-center  Alabama Fusion Center -> Alabama Center for Fusion and " \
           "Intelligence\n" in format_changes(changes)


def test_a_weaker_likeness_is_proposed_then_linked_by_a_person(registered):
    # Renamed, and its phone (line 109), fax (line 111), toll-free number and email
    # changed: only its website (line 117) is the same, one equal value.
    _edit_capture(registered, "Alabama Fusion Center", "Alabama Center for Fusion and Intelligence")
    _edit_capture(registered, "(334) 517-2660", "(334) 517-2000")
    _edit_capture(registered, "(334) 517-2746", "(334) 517-2001")
    _edit_capture(registered, "fusioncenter@alacop.gov", "afc@alacop.gov")
    _edit_capture(registered, "(866) 229-6220", "(866) 229-6000")
    b = run(registered)
    new_id = "alabama-center-for-fusion-and-intelligence"
    assert new_id in {c.id for c in b.dataset.centers} and "alabama-fusion-center" not in {c.id for c in b.dataset.centers}
    (proposed,) = [f for f in b.findings if f.code == "ID_LINK_PROPOSED"]
    assert (proposed.center_id, proposed.severity) == (new_id, "warning")
    assert f"--link {new_id}=alabama-fusion-center" in proposed.suggestion
    assert main(["ids", "--raw", str(registered), "--link", f"{new_id}=alabama-fusion-center"]) == 0
    relinked = run(registered)
    assert "alabama-fusion-center" in {c.id for c in relinked.dataset.centers}
    assert not [f for f in relinked.findings if f.code.startswith("ID_")]
    entry = next(e for e in parse_register((registered / REGISTER_FILE).read_bytes(), "ids.csv")
                 if e.id == "alabama-fusion-center")
    assert entry.names == ("Alabama Fusion Center", "Alabama Center for Fusion and Intelligence")


def test_a_center_gone_from_the_sources_is_withdrawn_and_keeps_its_row(registered):
    # The Alabama bullet (line 13) and its block (lines 105-117) go from the capture.
    _edit_capture(registered, "- Alabama Fusion Center\n", "")
    _edit_capture(registered, "Alabama Fusion Center\n\nMontgomery, Alabama\n\nPhone: (334) 517-2660\n\n"
                              "Fax: (334) 517-2746\n\nToll-Free: (866) 229-6220\n\nfusioncenter@alacop.gov\n\n"
                              "fusion.alabama.gov\n\n", "")
    assert main(["ids", "--raw", str(registered)]) == 0
    entries = {e.id: e for e in parse_register((registered / REGISTER_FILE).read_bytes(), "ids.csv")}
    assert len(entries) == 78 and entries["alabama-fusion-center"].status == "withdrawn"
    assert sum(1 for e in entries.values() if e.status == "listed") == 77
