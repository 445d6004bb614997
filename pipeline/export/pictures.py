"""The report's three pictures, laid out here and drawn by the HTML template
as inline SVG: no script, no font or image from outside.

Each function gives the geometry of one picture in its own coordinates (the
SVG's viewBox), so the picture scales to the width of the screen; the template
writes the shapes and text, escaped like every other value.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.codes import SEVERITY_ORDER
from pipeline.dates import years_and_days
from pipeline.fields import EMAIL, WEBSITE
from pipeline.reference import STATES
from pipeline.records import SourceDocument

# The tile grid most U.S. newsrooms use (NPR's and others'): (column, row) of
# each state and DC, Alaska at the top left, Hawaii and Texas at the bottom.
# The territories sit in a row of their own below: the Pacific ones at the
# left under Hawaii, Puerto Rico and the Virgin Islands at the right.
TILE_GRID: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (10, 0),
    "WI": (5, 1), "VT": (9, 1), "NH": (10, 1),
    "WA": (0, 2), "ID": (1, 2), "MT": (2, 2), "ND": (3, 2), "MN": (4, 2), "IL": (5, 2), "MI": (6, 2),
    "NY": (8, 2), "MA": (9, 2),
    "OR": (0, 3), "NV": (1, 3), "WY": (2, 3), "SD": (3, 3), "IA": (4, 3), "IN": (5, 3), "OH": (6, 3),
    "PA": (7, 3), "NJ": (8, 3), "CT": (9, 3), "RI": (10, 3),
    "CA": (0, 4), "UT": (1, 4), "CO": (2, 4), "NE": (3, 4), "MO": (4, 4), "KY": (5, 4), "WV": (6, 4),
    "VA": (7, 4), "MD": (8, 4), "DE": (9, 4),
    "AZ": (1, 5), "NM": (2, 5), "KS": (3, 5), "AR": (4, 5), "TN": (5, 5), "NC": (6, 5), "SC": (7, 5),
    "DC": (8, 5),
    "OK": (3, 6), "LA": (4, 6), "MS": (5, 6), "AL": (6, 6), "GA": (7, 6),
    "HI": (0, 7), "TX": (3, 7), "FL": (8, 7),
    "MP": (0, 8), "GU": (1, 8), "AS": (2, 8), "PR": (9, 8), "VI": (10, 8),
}
TILE, GAP = 40, 4
# What a tile's color says, worst first: the worst open error or warning among its
# centers, what needs action ("none": nothing does; info findings shade nothing).
SHADES = {"error": "error", "warning": "warning", "none": "nothing needs action", "empty": "no center"}
FONT_WIDTH = 0.6  # of the font size: how wide a character is, near enough, for laying out labels
LEGEND_FONT = 14  # px in the map's own coordinates, as report.css sets it


@dataclass(frozen=True)
class Tile:
    """One square of the tile map: a state's USPS code and name, its place in the
    grid, its number of centers and its shade."""

    code: str  # USPS code
    name: str
    x: int
    y: int
    centers: int
    shade: str  # a key of SHADES

    @property
    def title(self) -> str:
        """The tile's tooltip: "Maine (ME): 1 center; nothing needs action"."""
        what = f"{self.centers} center{'s' if self.centers != 1 else ''}"
        if self.centers:
            what += f"; needs action: worst open {self.shade}" if self.shade != "none" else "; nothing needs action"
        return f"{self.name} ({self.code}): {what}"


@dataclass(frozen=True)
class Swatch:
    """One entry of the tile map's legend: where it stands, its shade and its words."""

    x: int
    y: int
    shade: str
    label: str


@dataclass(frozen=True)
class TileMap:
    """The tile map's geometry (`tile_map`): its size, the tiles' size, the tiles,
    the legend, and `label`, the picture in words (the SVG's title)."""

    width: int
    height: int
    size: int
    tiles: tuple[Tile, ...]
    legend: tuple[Swatch, ...]
    label: str


def tile_map(centers_by_state: Mapping[str, int], worst_by_state: Mapping[str, str]) -> TileMap:
    """The states, DC and the territories as squares, each with its number of
    centers, shaded by the worst open error or warning among its centers (what
    `worst_by_state` gives): what needs action."""
    step = TILE + GAP
    placed = {code: n for code, n in centers_by_state.items() if code in TILE_GRID and n}
    tiles = tuple(Tile(code, STATES[code], col * step, row * step, placed.get(code, 0),
                       worst_by_state.get(code, "none") if code in placed else "empty")
                  for code, (col, row) in TILE_GRID.items())
    grid_width = 1 + max(c for c, _ in TILE_GRID.values())
    grid_height = (1 + max(r for _, r in TILE_GRID.values())) * step
    width = grid_width * step - GAP
    legend, x, y = [], 0, grid_height + 6
    for shade, label in SHADES.items():  # in rows as wide as the grid
        item = 20 + round(len(label) * LEGEND_FONT * FONT_WIDTH) + 16
        if x and x + item > width:
            x, y = 0, y + 22
        legend.append(Swatch(x, y, shade, label))
        x += item
    return TileMap(width, y + 24, TILE, tiles, tuple(legend),
                   f"Map of the states, DC and the territories: {sum(placed.values())} centers in "
                   f"{len(placed)} places, each shaded by the worst open error or warning of its centers: "
                   f"what needs action.")


@dataclass(frozen=True)
class Bar:
    """One bar of the chart: a code, its severity and open count, the top of its
    row and the bar's length."""

    code: str
    severity: str
    count: int
    y: int  # top of the row: the label, then the bar under it
    width: int


@dataclass(frozen=True)
class BarChart:
    """The bar chart's geometry (`bar_chart`): its size, row height, bars, and
    `label`, the picture in words (the SVG's title)."""

    width: int
    height: int
    row: int
    bars: tuple[Bar, ...]
    label: str


def bar_chart(open_by_code: Mapping[str, int], severity_of: Mapping[str, str]) -> BarChart:
    """One bar per code with open findings, worst severity first, then most findings."""
    width, row, room = 400, 34, 360  # room: the longest bar, leaving space for its count
    codes = sorted((c for c, n in open_by_code.items() if n),
                   key=lambda c: (SEVERITY_ORDER.get(severity_of[c], 9), -open_by_code[c], c))
    most = max((open_by_code[c] for c in codes), default=1)
    bars = tuple(Bar(c, severity_of[c], open_by_code[c], i * row, max(2, round(room * open_by_code[c] / most)))
                 for i, c in enumerate(codes))
    return BarChart(width, max(row, len(bars) * row), row, bars,
                    f"Bar chart of open findings by code: {sum(b.count for b in bars)} findings under "
                    f"{len(bars)} codes, colored by severity.")


@dataclass(frozen=True)
class Age:
    """One source document's bar on the age strip."""

    label: str  # the document's title, shortened to fit
    title: str  # the whole description, for the tooltip
    published: str  # ISO date or ""
    text: str  # "published 2015-07-23: 11 years and 124 days old" or "no publication date given"
    y: int
    x: int  # where the bar starts (the published date); 0 for an undated document
    width: int


@dataclass(frozen=True)
class Tick:
    """A year's mark on the age strip: where it stands and the year."""

    x: int
    label: str


@dataclass(frozen=True)
class AgeStrip:
    """The age strip's geometry (`age_strip`): its size, row height, bars, year
    marks, the as-of date, and `label`, the picture in words (the SVG's title)."""

    width: int
    height: int
    row: int
    ages: tuple[Age, ...]
    ticks: tuple[Tick, ...]
    as_of: str
    label: str


def age_strip(documents: Sequence[SourceDocument], as_of: date) -> AgeStrip:
    """One bar per source document from its published date to the build's
    as-of date (never the clock); an undated document shown as such."""
    width, row, room, max_label = 400, 50, 400, 52
    dated = [date.fromisoformat(d.published) for d in documents if d.published]
    start = date(max(1, min([d.year for d in dated if d <= as_of] + [as_of.year - 1])), 1, 1)
    span = max(1, (as_of - start).days)

    def x_of(day: date) -> int:
        """Where `day` stands on the strip; a day after `as_of` stands at `as_of`."""
        return round(room * (min(day, as_of) - start).days / span)

    ages = []
    for i, d in enumerate(documents):
        name = d.title or d.url or d.source
        label = name if len(name) <= max_label else name[:max_label - 1] + "…"
        if d.published:
            day = date.fromisoformat(d.published)
            years, days = years_and_days(day, as_of) if day <= as_of else (0, 0)
            text = f"published {d.published}: {years} years and {days} days old"
            x = x_of(day)
            ages.append(Age(label, f"{name}: {text}", d.published, text, i * row, x, max(2, room - x)))
        else:
            text = "no publication date given"
            ages.append(Age(label, f"{name}: {text}", "", text, i * row, 0, room))
    step = max(1, (as_of.year - start.year) // 5)
    ticks = tuple(Tick(x_of(date(y, 1, 1)), str(y)) for y in range(start.year, as_of.year + 1, step))
    counts = Counter("dated" if d.published else "undated" for d in documents)
    return AgeStrip(width, len(ages) * row + 40, row, tuple(ages), ticks, as_of.isoformat(),
                    f"Strip of source ages up to {as_of.isoformat()}: {counts['dated']} dated documents, "
                    f"{counts['undated']} undated.")


# How each live-check result is shaded: answered, doubtful, or not reachable.
_LIVE_SHADES = {"ok": "none", "mx": "none", "implicit-mx": "none",
                "plain-http-only": "warning", "moved-away": "warning", "bad-certificate": "warning",
                "redirect-loop": "warning", "bad-redirect": "warning", "dns-error": "info",
                "http-error": "error", "no-answer": "error", "null-mx": "error", "no-mail": "error",
                "nxdomain": "error"}


@dataclass(frozen=True)
class LiveChart:
    """The live checks' picture (`live_chart`): the centers' websites and email
    addresses counted by what the verification run found, the run's date(s),
    and `label`, the picture in words."""

    width: int
    height: int
    row: int
    bars: tuple[Bar, ...]  # `code` is "website: ok", "email: nxdomain", ...
    checked: str  # the date of the check, or "from A to B" when centers differ
    label: str


def live_chart(checks: Sequence[tuple[str, str, str]]) -> LiveChart | None:
    """One bar per (kind, result): how many centers' published websites and
    emails answered, by result; `checks` holds (kind, result, date) of every
    center's check. None when nothing was checked (no verification run)."""
    if not checks:
        return None
    width, row, room = 400, 34, 300
    counts = Counter((kind, result) for kind, result, _ in checks)
    order = {r: i for i, r in enumerate(_LIVE_SHADES)}
    keys = sorted(counts, key=lambda k: (k[0] != WEBSITE, order.get(k[1], 99), k[1]))
    most = max(counts.values())
    bars = tuple(Bar(f"{kind}: {result}", _LIVE_SHADES.get(result, "info"), counts[(kind, result)], i * row,
                     max(2, round(room * counts[(kind, result)] / most))) for i, (kind, result) in enumerate(keys))
    dates = sorted({day for _, _, day in checks})
    checked = dates[0] if len(dates) == 1 else f"from {dates[0]} to {dates[-1]}"
    websites = sum(n for (kind, _), n in counts.items() if kind == WEBSITE)
    emails = sum(n for (kind, _), n in counts.items() if kind == EMAIL)
    answered = sum(counts[k] for k in counts if k[1] in ("ok", "mx", "implicit-mx"))
    return LiveChart(width, len(bars) * row, row, bars, checked,
                     f"Bar chart of the live checks of {checked}: {websites} websites and {emails} email "
                     f"addresses checked, {answered} answered as published.")
