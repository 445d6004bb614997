"""A block read under another center's heading (BLOCK_FITS_OTHER_CENTER): the
page's headings out of order, every value of the block agreeing with its place
line and only the name disagreeing.

The documents are the capture with its headings moved as a reader that
interleaves two columns' headings moves them; what is expected comes from the
capture itself (whose block each line is).

Cost: eight builds of the capture's text, about 0.2 s each."""
from __future__ import annotations

import pytest

from pipeline.normalize.strays import named_states, states_named
from pipeline.records import Status
from tests.check.test_neighbors import HEADER, LINES, WI, WV, at, built, published

WISCONSIN = "[Wisconsin Statewide Information Center](#)"
CODE = "BLOCK_FITS_OTHER_CENTER"
# West Virginia's block as the capture gives it: each field's published value, and the line it stands on.
WV_BLOCK = {"city": ("Charleston", "Charleston, West Virginia"), "state": ("WV", "Charleston, West Virginia"),
            "phone": ("+13045584831", "Phone: (304) 558-4831"), "email": ("wvfusion@wv.gov", "wvfusion@wv.gov"),
            "website": ("http://www.fusioncenter.wv.gov", "www.fusioncenter.wv.gov")}
WI_BLOCK = {"city": ("Madison", "Madison, Wisconsin"), "state": ("WI", "Madison, Wisconsin"),
            "phone": ("+16082425393", "Phone: (608) 242-5393"), "email": ("wsic@doj.state.wi.us", "wsic@doj.state.wi.us"),
            "website": ("http://www.doj.state.wi.us/dci", "www.doj.state.wi.us/dci")}


def interleaved() -> list[str]:
    """The capture as a reader gives it that read Wisconsin's heading (the right column's) before West
    Virginia's block (the left column's): West Virginia's heading lost, Madison's block without one."""
    lines = [line for line in LINES if line.strip() != "West Virginia Intelligence Fusion Center"]
    lines.remove(WISCONSIN)
    lines.insert(lines.index("Charleston, West Virginia"), WISCONSIN)
    return lines


def swapped_headings() -> list[str]:
    """The capture with West Virginia's and Wisconsin's headings swapped."""
    lines = list(LINES)
    i, j = at("West Virginia Intelligence Fusion Center"), at(WISCONSIN)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


def place(center) -> tuple[str, str, str]:
    return tuple(center.published_text(f) for f in ("city", "state", "zip"))


@pytest.fixture(scope="module")
def read_interleaved():
    lines = interleaved()
    return lines, *built(lines)


@pytest.fixture(scope="module")
def capture_built():
    return built(LINES)


def test_the_capture_has_no_stray_block(capture_built):
    """Kansas City (Missouri), the Delaware Valley (Philadelphia) and Washington, D.C. name states only
    as places of their own: no finding, nothing withheld."""
    centers, findings = capture_built
    assert not [f for f in findings if f.code == CODE]
    assert not [c.id for c in centers.values() if c.stray_blocks]


def test_a_block_under_the_wrong_heading_publishes_none_of_its_values(read_interleaved):
    lines, centers, findings = read_interleaved
    wi = centers[WI]
    assert place(wi) == ("", "", "") and (wi.latitude, wi.longitude) == (None, None)
    for field in ("phone", "fax", "alt_phone", "toll_free", "email", "website"):
        assert published(wi, field) == "", field
    assert centers[WV].block is None  # the reader's mistake stays visible: nothing is moved
    shown = {published(c, f) for c in centers.values() for f in ("phone", "email", "website")}
    assert not {v for v, _ in WV_BLOCK.values()} & shown


def test_each_withheld_value_is_one_error_on_both_centers_with_the_ready_line(read_interleaved):
    lines, centers, findings = read_interleaved
    strays = [f for f in findings if f.code == CODE]
    assert sorted((f.center_id, f.field) for f in strays) == sorted((c, f) for c in (WI, WV) for f in WV_BLOCK)
    for f in strays:
        value, line = WV_BLOCK[f.field]
        assert f.severity == "error" and f.status == Status.OPEN
        assert lines[f.line - 1] == line and f.value == line.removeprefix("Phone: ")
        assert "Wisconsin Statewide Information Center" in f.message and "West Virginia Intelligence" in f.message
        assert f"{WV},{f.field},,set,{value},{CODE}" in f.suggestion
    # and West Virginia is still told to have no block; Madison's block is still reported without a name
    assert [f.code for f in findings if f.center_id == WV and f.code != CODE] == ["LIST_ENTRY_WITHOUT_BLOCK"]
    [phantom] = [c for c in centers.values() if c.id.startswith("unnamed")]
    assert place(phantom)[:2] == ("Madison", "WI")


def test_the_ready_lines_publish_the_block_on_its_center_and_close_both_halves(read_interleaved):
    lines, _, findings = read_interleaved
    rows = sorted({f.suggestion.split("raw/corrections.csv: ", 1)[1].split(",<reason>")[0]
                   for f in findings if f.code == CODE})
    corrections = HEADER + "".join(f"{row},headings read out of order,J. Doe,2026-11-30\n" for row in rows)
    centers, findings = built(lines, corrections)
    assert {f: published(centers[WV], f) if f not in ("city", "state") else centers[WV].published_text(f)
            for f in WV_BLOCK} == {f: v for f, (v, _) in WV_BLOCK.items()}
    assert place(centers[WI]) == ("", "", "")
    assert {f.status for f in findings if f.code == CODE} == {Status.FIXED}
    assert not [f for f in findings if f.code.startswith("CORRECTION_")]


def test_two_headings_swapped_withhold_both_blocks_and_tell_each_center():
    """West Virginia's and Wisconsin's headings swapped: each center has a block, but one in the
    other's state, so each block fits the other center; neither is published where it stands."""
    lines = swapped_headings()
    centers, findings = built(lines)
    assert place(centers[WV]) == place(centers[WI]) == ("", "", "")
    for c in (WV, WI):
        assert all(published(centers[c], f) == "" for f in ("phone", "email", "website"))
    strays = {(f.center_id, f.field, f.value) for f in findings if f.code == CODE}
    for block in (WV_BLOCK, WI_BLOCK):
        for field, (_, line) in block.items():
            assert {(WV, field, line.removeprefix("Phone: ")), (WI, field, line.removeprefix("Phone: "))} <= strays
    assert len(strays) == 2 * (len(WV_BLOCK) + len(WI_BLOCK))


def test_a_place_line_alone_from_another_state_withholds_nothing_when_its_center_has_a_block():
    """Wisconsin's place line read as Charleston, West Virginia, while West Virginia keeps its own
    block: no listed center of West Virginia is without one, so nothing says whose the block is."""
    lines = [line if line != "Madison, Wisconsin" else "Charleston, West Virginia" for line in LINES]
    centers, findings = built(lines)
    assert not [f for f in findings if f.code == CODE]
    assert published(centers[WI], "email") == "wsic@doj.state.wi.us"


def test_a_value_of_the_headings_state_keeps_the_block_where_it_stands():
    """A Wisconsin phone in the block read under Wisconsin's heading: the block is not West
    Virginia's alone (a place line read from another block stands among its own center's values)."""
    lines = interleaved()
    lines[lines.index("Phone: (304) 558-4831")] = "Phone: (608) 242-5300"
    centers, findings = built(lines)
    assert not [f for f in findings if f.code == CODE]


@pytest.mark.parametrize("name, state, city, named", [
    ("West Virginia Intelligence Fusion Center", "WI", "Madison", {"WV"}),  # not Virginia too
    ("Kansas City Terrorism Early Warning Fusion Center", "MO", "Kansas City", set()),  # a city of Missouri
    ("Kansas City Terrorism Early Warning Fusion Center", "TX", "Austin", {"KS"}),  # no Kansas City in Texas
    ("Delaware Valley Intelligence Center", "PA", "Philadelphia", set()),  # Delaware County, PA
    ("Delaware Valley Intelligence Center", "WV", "Charleston", {"DE"}),
    ("Washington Regional Threat and Analysis Center (Washington, D.C.)", "DC", "Washington", {"DC"}),
    ("Virginia Fusion Center", "MN", "St. Paul", {"VA"}),  # Virginia, MN is a city, but not the block's
    ("Virginia Fusion Center", "MN", "Virginia", set()),  # the block's own city
    ("Iowa Fusion Center", "WI", "Madison", set()),  # Iowa County, WI: what this cannot see
    ("Commonwealth of the Northern Mariana Islands Fusion Center", "GU", "Hagatna", {"MP"}),
    ("U.S. Virgin Islands Fusion Center", "PR", "San Juan", {"VI"}),
    ("Regional Intelligence Center", "TX", "Austin", set()),
])
def test_the_states_a_name_names(name, state, city, named):
    from pipeline.records import Center, MatchMethod
    c = Center(id="x", name=name, designation="", values={}, source_url="", source="s", source_line=1, entry=None,
               block=None, match_method=MatchMethod.UNMATCHED, match_score=0.0)
    assert set(named_states(c, state, city)) == named


def test_the_longest_name_is_read_first():
    assert [s for s, _, _ in states_named("West Virginia and Virginia; New York, New Mexico")] == \
        ["WV", "VA", "NY", "NM"]


# ---- a second place line in a block, of another state, with that state's values below it -------------

ND, ORANGE = "north-dakota-state-and-local-information-center", "orange-county-intelligence-assessment-center"


def orange_under_north_dakota() -> list[str]:
    """The capture as a reader gives it that lost North Dakota's values and Orange County's heading, and
    read Orange County's place line and values into North Dakota's block."""
    lines = list(LINES)
    heading = at("Orange County Intelligence Assessment Center; Orange County, CA")
    orange = lines[heading + 1:heading + 10]
    assert orange[1] == "Santa Ana, California" and orange[-2] == "ociac@ociac.org"
    del lines[heading:heading + 10]
    place = lines.index("Bismarck, North Dakota")
    lines[place + 1:place + 7] = orange
    return lines


def test_values_below_a_place_line_of_another_state_are_withheld_and_told_on_both():
    centers, findings = built(orange_under_north_dakota())
    nd = centers[ND]
    assert [published(nd, f) for f in ("phone", "fax", "email")] == ["", "", ""]
    assert place(nd)[:2] == ("Bismarck", "ND")  # its own place line stays
    below = sorted((f.center_id, f.field, f.value) for f in findings if f.code == "VALUE_BELOW_OTHER_PLACE")
    values = [("email", "ociac@ociac.org"), ("fax", "(714) 289-1025"), ("phone", "(714) 289-3949")]
    assert below == sorted((c, f, v) for c in (ND, ORANGE) for f, v in values)
    for f in findings:
        if f.code == "VALUE_BELOW_OTHER_PLACE":
            assert f.severity == "error" and "'Santa Ana, California'" in f.message
            assert f"{ORANGE},{f.field},,set," in f.suggestion
    # one fact, one finding: the area codes of California are this finding's
    assert not [f for f in findings if f.code == "AREA_CODE_OUT_OF_STATE" and f.center_id == ND]


def test_a_stray_place_line_among_its_own_centers_values_stays():
    """"Austin, Texas" slipped into Arizona's block, Arizona's own values below it: nothing withheld."""
    lines = list(LINES)
    phone = at("Phone: (602) 644-5805")
    lines[phone + 1:phone + 1] = ["", "Austin, Texas"]
    centers, findings = built(lines)
    assert not [f for f in findings if f.code == "VALUE_BELOW_OTHER_PLACE"]
    assert published(centers["arizona-counter-terrorism-information-center"], "email")


# ---- a block under the heading of a center the list places in another city of its state -----------

AUSTIN, HOUSTON = "austin-regional-intelligence-center", "houston-regional-intelligence-service-center"


def austin_over_houston() -> list[str]:
    """Austin's heading read over Houston's block, Houston's heading lost, Austin's block left without one."""
    lines = [line for line in LINES if line not in ("Austin Regional Intelligence Center; Austin, TX",
                                                    "Houston Regional Intelligence Service Center; Houston, TX")]
    lines.insert(lines.index("Houston, Texas"), "Austin Regional Intelligence Center; Austin, TX")
    return lines


def test_a_block_of_another_city_under_a_heading_the_list_places_elsewhere_is_withheld():
    centers, findings = built(austin_over_houston())
    austin = centers[AUSTIN]
    assert place(austin) == ("", "", "") and published(austin, "phone") == published(austin, "email") == ""
    strays = sorted((f.center_id, f.field) for f in findings if f.code == CODE)
    assert strays == sorted((c, f) for c in (AUSTIN, HOUSTON) for f in ("city", "state", "phone", "email"))
    f = next(f for f in findings if f.code == CODE and f.center_id == AUSTIN and f.field == "phone")
    assert "Houston, Texas" in f.message and "Austin, Texas" in f.message and f.value == "(713) 884-4710"
    assert f"{HOUSTON},phone,,set,+17138844710,{CODE}" in f.suggestion


def test_the_capture_has_no_block_of_another_city(capture_built):
    """Los Angeles at Norwalk and Orange County at Santa Ana (LIST_CITY_DIFFERS): no listed center
    of Norwalk or Santa Ana lacks a block, so nothing is withheld."""
    centers, findings = capture_built
    assert [f.center_id for f in findings if f.code == "LIST_CITY_DIFFERS"]
    assert not [c.id for c in centers.values() if c.stray_blocks]
