"""The pictures' geometry: every place on the tile grid once, bars in
proportion, and source ages counted to the build's as-of date."""
from __future__ import annotations

from datetime import date

from pipeline.export.pictures import TILE_GRID, age_strip, bar_chart, tile_map
from pipeline.records import SourceDocument, SourceRef
from pipeline.reference import STATES


def test_the_tile_grid_holds_every_state_dc_and_territory_once():
    assert set(TILE_GRID) == set(STATES)
    assert len(set(TILE_GRID.values())) == len(TILE_GRID) == 56


def test_tile_shades():
    m = tile_map({"CA": 6, "OR": 1, "VT": 1, "": 2}, {"CA": "info", "OR": "error", "VT": "none"})
    tiles = {t.code: t for t in m.tiles}
    assert (tiles["CA"].centers, tiles["CA"].shade) == (6, "info")
    assert tiles["OR"].shade == "error" and tiles["VT"].shade == "none"
    assert (tiles["WY"].centers, tiles["WY"].shade) == (0, "empty")
    assert "8 centers in 3 places" in m.label  # a center with no state is not placed
    assert all(s.x + 20 <= m.width for s in m.legend)


def test_bars_are_in_proportion_worst_severity_first():
    chart = bar_chart({"MISSING_WEBSITE": 30, "WEBSITE_INVALID": 1, "PHONE_IS_TOLL_FREE": 15, "NONE": 0},
                      {"MISSING_WEBSITE": "info", "WEBSITE_INVALID": "error", "PHONE_IS_TOLL_FREE": "info",
                       "NONE": "info"})
    assert [b.code for b in chart.bars] == ["WEBSITE_INVALID", "MISSING_WEBSITE", "PHONE_IS_TOLL_FREE"]
    widths = {b.code: b.width for b in chart.bars}
    assert widths["MISSING_WEBSITE"] == 2 * widths["PHONE_IS_TOLL_FREE"]


def doc(published: str, title: str = "A page") -> SourceDocument:
    return SourceDocument(source="a.txt", sha256="0" * 64, form="text", kind="prose", url="", title=title,
                          published=published, published_text=published, start=SourceRef("a.txt", 1),
                          end=SourceRef("a.txt", 2))


def test_ages_run_to_the_as_of_date():
    """2015-07-23 to 2026-11-24: 11 years to 2026-07-23, then 124 days (8+31+30+31+24)."""
    strip = age_strip([doc("2015-07-23"), doc("", "x" * 80)], date(2026, 11, 24))
    dated, undated = strip.ages
    assert dated.text == "published 2015-07-23: 11 years and 124 days old"
    assert dated.x + dated.width == strip.width
    assert undated.text == "no publication date given" and undated.published == ""
    assert undated.label == "x" * 51 + "…"
    assert strip.as_of == "2026-11-24"
    assert [t.label for t in strip.ticks][0] == "2015"
