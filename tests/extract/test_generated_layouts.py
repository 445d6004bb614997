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


def test_the_sample_is_the_generator_s_own_and_small():
    """Each document is the layout its seed draws, every producer is there once, and the sample stays small."""
    assert [(e["seed"], e["producer"]) for e in ENTRIES] == [tuple(s) for s in make_layouts.SAMPLE]
    for e in ENTRIES:
        layout = make_layouts.draw(e["seed"], (e["producer"],))
        assert {k: e[k] for k in asdict(layout)} == asdict(layout)
        assert e["file"] == layout.name
    on_disk = sorted(p.name for p in SAMPLE.iterdir() if p.name != "layouts.json" and p.suffix != ".md")
    assert on_disk == sorted(e["file"] for e in ENTRIES)
    assert sum((SAMPLE / name).stat().st_size for name in on_disk) < 1100 * 1024


@pytest.mark.parametrize("entry", _cases())
def test_generated_layout_gives_the_capture_records(entry, layouts_reference):
    """Each document gives the capture's records field for field, or (where its index names the
    refusal: a sheet whose rows cannot be matched for certain) is refused in one line saying so, or
    (where its index names the differences: groff hyphenated a word inside an address, and the
    document spells neither reading elsewhere) reports each of them on its center and field."""
    verdict = score.judge(SAMPLE / entry["file"], entry["holds"], layouts_reference)
    if entry.get("reported"):  # what cannot be read for certain: every difference named on its center
        assert (verdict.kind, [list(d) for d in verdict.differences]) == ("reported", entry["reported"])
        return
    if entry.get("refused"):
        assert verdict.kind == "refused" and entry["refused"] in verdict.detail, verdict.detail
        assert "\n" not in verdict.detail
        return
    assert (verdict.kind, verdict.detail, verdict.differences[:5]) == ("exact", "", [])


# --- Pages of generated layouts once misread (tests/fixtures/layouts/) --------------------------

PAGES = ROOT / "tests" / "fixtures" / "layouts"
PAGE_ENTRIES = json.loads((PAGES / "index.json").read_text(encoding="utf-8"))["layouts"]


def _entry_key(e) -> tuple:
    return e.name, e.designation, e.list_city, e.list_state, e.place_note


def _block_key(b) -> tuple:
    from pipeline.text import strip_markdown_link  # the capture writes a heading as a link
    return strip_markdown_link(b.heading), b.location.text if b.location else None, [(f.label, f.text) for f in b.fields]


def test_the_kept_pages_are_the_generator_s_layouts_and_small():
    """Each file is named for the layout its seed draws among its producers, and all stay small."""
    for e in PAGE_ENTRIES:
        producers = make_layouts.PRODUCERS if e["producers"] == "all" else tuple(e["producers"].split())
        name = make_layouts.draw(e["seed"], producers).name
        assert e["file"] in (name, name.replace(".pdf", "_list.pdf"))
    assert sorted(p.name for p in PAGES.glob("*.pdf")) == sorted(e["file"] for e in PAGE_ENTRIES)
    assert sum(p.stat().st_size for p in PAGES.glob("*.pdf")) < 450 * 1024


@pytest.mark.parametrize("entry", PAGE_ENTRIES, ids=[Path(e["file"]).stem for e in PAGE_ENTRIES])
def test_kept_pages_give_the_capture_s_records_field_for_field(entry, capture_extraction):
    """The list page gives the capture's 78 entries (name, designation, list city and state, place
    note); a whole document also gives its 78 blocks (heading, place line, every labeled value)."""
    from pipeline.extract.pdf import extract_pdf
    got = extract_pdf((PAGES / entry["file"]).read_bytes(), entry["file"], "")
    capture = capture_extraction
    assert [_entry_key(e) for e in got.list_entries] == [_entry_key(e) for e in capture.list_entries]
    if entry["reads"] == "document":
        assert [_block_key(b) for b in got.blocks] == [_block_key(b) for b in capture.blocks]


@pytest.mark.parametrize("line, source", [
    ("Email: HRISC-Fusioncenter@houstonpolice.org", r"Email: \%HRISC-Fusioncenter@\:houstonpolice.\:org"),
    ("www.publicsafety.utah.gov/investigations/siac.html",
     r"\%www.\:publicsafety.\:utah.\:gov/\:investigations/\:siac.\:html"),
    ("Toll-Free: (800) 342-0820", "Toll-Free: (800) 342-0820"),
])
def test_groff_sets_an_address_unhyphenated_with_break_points(line, source):
    """groff is told never to hyphenate inside an address (`\\%`), as its users set one: a hyphen it
    added ('houstonpo-' / 'lice.org') would change the address, and a reader could not tell it from
    the address's own. It may still break the address after '.', '/' and '@' (`\\:`)."""
    assert make_layouts.roff_addresses(line) == source
