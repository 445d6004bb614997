"""A committed, seeded sample of the layout generator gives the capture's records.

tests/fixtures/generated/ holds one layout of each producer of bench/layouts/make_layouts.py
(its SAMPLE), made once with the programs installed, so that no converter is needed here. Each is
built beside the capture pages it does not hold and judged against the capture's own records, data
column for data column (bench/layouts/score.py, the judge `make accuracy` uses). A document today's
readers misread carries the reason in the sample's index ("xfail"), as a strict xfail: a fix flips it.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "generated"
sys.path.insert(0, str(ROOT / "bench" / "layouts"))
import make_layouts  # noqa: E402
import score  # noqa: E402

ENTRIES = json.loads((SAMPLE / "layouts.json").read_text(encoding="utf-8"))["layouts"]


def _cases() -> list:
    return [pytest.param(e, marks=[pytest.mark.xfail(strict=True, reason=e["xfail"])] if e["xfail"] else [],
                         id=Path(e["file"]).stem) for e in ENTRIES]


@pytest.fixture(scope="module")
def reference() -> score.Reference:
    return score.reference()


def test_the_sample_is_the_generator_s_own_and_small():
    """Each document is the layout its seed draws, every producer is there once, and the sample stays small."""
    assert [(e["seed"], e["producer"]) for e in ENTRIES] == [tuple(s) for s in make_layouts.SAMPLE]
    for e in ENTRIES:
        layout = make_layouts.draw(e["seed"], (e["producer"],))
        assert {k: e[k] for k in asdict(layout)} == asdict(layout)
        assert e["file"] == layout.name
    on_disk = sorted(p.name for p in SAMPLE.iterdir() if p.name != "layouts.json" and p.suffix != ".md")
    assert on_disk == sorted(e["file"] for e in ENTRIES)
    assert sum((SAMPLE / name).stat().st_size for name in on_disk) < 900 * 1024


@pytest.mark.parametrize("entry", _cases())
def test_generated_layout_gives_the_capture_records(entry, reference):
    """Each document gives the capture's records field for field, or (where its index names the
    refusal: a sheet whose rows cannot be matched for certain) is refused in one line saying so, or
    (where its index names the differences: groff hyphenated a word inside an address, and the
    document spells neither reading elsewhere) reports each of them on its center and field."""
    verdict = score.judge(SAMPLE / entry["file"], entry["holds"], reference)
    if entry.get("reported"):  # what cannot be read for certain: every difference named on its center
        assert (verdict.kind, [list(d) for d in verdict.differences]) == ("reported", entry["reported"])
        return
    if entry.get("refused"):
        assert verdict.kind == "refused" and entry["refused"] in verdict.detail, verdict.detail
        assert "\n" not in verdict.detail
        return
    assert (verdict.kind, verdict.detail, verdict.differences[:5]) == ("exact", "", [])
