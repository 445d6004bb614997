"""Where a value belongs: place signals, the choice between two values of one
field, and a value that fits the center next to it (VALUE_FITS_NEIGHBOR).

The documents are the capture with one center's tail moved into the next
center's block, as a printer that breaks a row across pages or columns does;
what is expected comes from the capture itself (whose value each line is)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.check import run_checks
from pipeline.corrections import parse_corrections
from pipeline.dotgov import DOTGOV_FILE, read_dotgov
from pipeline.extract.capture import extract_capture
from pipeline.normalize.dataset import _fields, normalize
from pipeline.normalize.signals import domain_signal
from pipeline.records import ContactBlock, FieldLine, SignalKind, SourceRef, Status

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
LINES = CAPTURE.read_text(encoding="utf-8").split("\n")
REGISTRY = read_dotgov((ROOT / "raw" / DOTGOV_FILE).read_bytes(), DOTGOV_FILE)
AS_OF = date(2026, 11, 24)
CT, DALLAS = "connecticut-intelligence-center", "dallas-fusion-center"
NM, NY = "new-mexico-all-source-intelligence-center", "new-york-state-intelligence-center"
WV, WI = "west-virginia-intelligence-fusion-center", "wisconsin-statewide-information-center"


def at(text: str) -> int:
    """The index of the capture line that reads `text` (the only one)."""
    found = [i for i, line in enumerate(LINES) if line.strip() == text]
    assert len(found) == 1, text
    return found[0]


def moved(values: list[str], after: str, lines: list[str] = LINES) -> list[str]:
    """The capture with the lines `values` taken out of their block and put
    after the line `after` (the next center's place line)."""
    taking = [at(v) for v in values]
    out = []
    for i, line in enumerate(lines):
        if i in taking:
            continue
        out.append(line)
        if line.strip() == after:
            out.extend(lines[j] for j in taking)
    return out


def built(lines: list[str], corrections: str = ""):
    extraction = extract_capture("\n".join(lines).encode("utf-8"), CAPTURE.name, "")
    decisions = parse_corrections(corrections.encode("utf-8"), "corrections.csv") if corrections else []
    ds = normalize([extraction], decisions, dotgov=REGISTRY)
    return {c.id: c for c in ds.centers}, run_checks(ds, AS_OF)


def published(center, field: str) -> str:
    v = center.published(field)
    return v.value if v is not None else ""


HEADER = "center_id,field,expected,decision,value,code,reason,reviewer,date\n"

# The three splits of the issue: a center's tail printed at the top of the next center's block.
SPLITS = {
    "connecticut-to-dallas": (["ctic@ct.gov", "www.ct.gov/demhs"], "Dallas, Texas", CT, DALLAS),
    "new-mexico-to-new-york": (["Phone: (505) 476-9600", "intelligence.fusion@state.nm.us"],
                               "East Greenbush, New York", NM, NY),
    "west-virginia-to-wisconsin": (["wvfusion@wv.gov", "www.fusioncenter.wv.gov"], "Madison, Wisconsin", WV, WI),
}


@pytest.fixture(scope="module")
def today():
    return built(LINES)


@pytest.fixture(scope="module", params=sorted(SPLITS))
def split(request, today):
    values, after, owner, holder = SPLITS[request.param]
    lines = moved(values, after)
    return values, owner, holder, today[0], built(lines), lines


def test_each_center_publishes_its_own_values_and_none_of_its_neighbors(split):
    values, owner, holder, before, (centers, _), _ = split
    for field in ("phone", "email", "website"):
        # the center that received the tail publishes what it published before: its own
        assert published(centers[holder], field) == published(before[holder], field), field
    shown = {published(c, f) for c in centers.values() for f in ("phone", "email", "website")}
    for field in ("phone", "email", "website"):
        mine = published(before[owner], field)
        if before[owner].published(field).text in values:
            # the moved value is published nowhere: not on the holder, and not on its owner by itself
            assert published(centers[owner], field) == "" and mine not in shown


def test_each_moved_value_is_one_error_on_both_centers(split):
    values, owner, holder, _, (centers, findings), lines = split
    fits = [f for f in findings if f.code == "VALUE_FITS_NEIGHBOR"]
    values = [v.split(": ", 1)[-1] for v in values]  # a finding quotes the value, without its label
    assert sorted({f.value for f in fits}) == sorted(values)
    for value in values:
        pair = [f for f in fits if f.value == value]
        assert sorted(f.center_id for f in pair) == sorted([owner, holder])
        for f in pair:
            assert f.severity == "error" and f.status == Status.OPEN
            assert centers[owner].name in f.message and centers[holder].name in f.message
            # the ready decision: set the value on the center it fits
            assert f"{owner},{f.field},,set," in f.suggestion and "VALUE_FITS_NEIGHBOR" in f.suggestion
            assert f.source == CAPTURE.name and f.line and lines[f.line - 1].strip().endswith(value)


def test_no_other_finding_is_told_twice(split):
    values, owner, holder, _, (_, findings), _ = split
    values = [v.split(": ", 1)[-1] for v in values]
    doubled = [f for f in findings if f.value in values and f.code in ("GOV_DOMAIN_STATE_MISMATCH",
                                                                       "AREA_CODE_OUT_OF_STATE")]
    assert doubled == []


def test_today_no_value_fits_a_neighbor_and_connecticuts_fax_stays(today):
    """Connecticut's fax (806) 706-5535 has a Texas area code and Dallas, next, has no fax: but it
    shares its exchange (706) with Connecticut's phone; its area code is mistyped, as
    AREA_CODE_OUT_OF_STATE says, and it is no value of Dallas."""
    centers, findings = today
    assert not [f for f in findings if f.code == "VALUE_FITS_NEIGHBOR"]
    assert published(centers[CT], "fax") == "+18067065535"
    assert [f.center_id for f in findings if f.code == "AREA_CODE_OUT_OF_STATE" and f.field == "fax"] == [CT]


def test_a_value_with_no_place_signal_is_never_withheld():
    """New Mexico's website www.nmdhsem.org names no place: moved to New York, which has none, it is
    published there (an .org name cannot say whose it is)."""
    centers, findings = built(moved(["www.nmdhsem.org"], "East Greenbush, New York"))
    assert published(centers[NY], "website") == "http://www.nmdhsem.org"
    assert not [f for f in findings if f.code == "VALUE_FITS_NEIGHBOR"]


def swapped(a: str, b: str) -> list[str]:
    """The capture with the lines `a` and `b` (of two neighbors) swapped."""
    i, j = at(a), at(b)
    lines = list(LINES)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


def test_two_neighbors_emails_swapped_are_each_named_and_neither_published():
    """Connecticut and Dallas, next to each other, with their email lines swapped: each value names
    the other's state, and the other's own names this one's. Both are withheld; each is one error
    on both centers, whose ready line moves it back."""
    lines = swapped("ctic@ct.gov", "dallas.fusion@dpd.ci.dallas.tx.us")
    centers, findings = built(lines)
    assert (published(centers[CT], "email"), published(centers[DALLAS], "email")) == ("", "")
    fits = sorted((f.center_id, f.value) for f in findings if f.code == "VALUE_FITS_NEIGHBOR")
    assert fits == sorted((c, v) for c in (CT, DALLAS) for v in ("ctic@ct.gov", "dallas.fusion@dpd.ci.dallas.tx.us"))
    ct_back = next(f for f in findings if f.code == "VALUE_FITS_NEIGHBOR" and f.value == "ctic@ct.gov")
    # the ready line expects Connecticut's field as the source now gives it
    assert f"{CT},email,dallas.fusion@dpd.ci.dallas.tx.us,set,ctic@ct.gov,VALUE_FITS_NEIGHBOR" in ct_back.suggestion
    corrections = HEADER + "\n".join(
        f"{cid},email,{expected},set,{value},,swapped back,J. Doe,2026-11-30"
        for cid, expected, value in ((CT, "dallas.fusion@dpd.ci.dallas.tx.us", "ctic@ct.gov"),
                                     (DALLAS, "ctic@ct.gov", "dallas.fusion@dpd.ci.dallas.tx.us"))) + "\n"
    centers, findings = built(lines, corrections)
    assert published(centers[CT], "email") == "ctic@ct.gov"
    assert published(centers[DALLAS], "email") == "dallas.fusion@dpd.ci.dallas.tx.us"
    assert {f.status for f in findings if f.code == "VALUE_FITS_NEIGHBOR"} == {Status.FIXED}


CT_TO_DALLAS = moved(["ctic@ct.gov", "www.ct.gov/demhs"], "Dallas, Texas")


@pytest.mark.parametrize("row, where, status", [
    # set on the neighbor: it moves there; both findings are fixed
    (f"{CT},email,,set,ctic@ct.gov,,the print split the row,J. Doe,2026-11-30", CT, Status.FIXED),
    # accept where it stands: published on Dallas after all
    (f"{DALLAS},email,dallas.fusion@dpd.ci.dallas.tx.us,accept,ctic@ct.gov,VALUE_FITS_NEIGHBOR,"
     "confirmed,J. Doe,2026-11-30", DALLAS, Status.FIXED),
    # waive: kept withheld, the finding closed on both centers
    (f"{DALLAS},email,dallas.fusion@dpd.ci.dallas.tx.us,waive,,VALUE_FITS_NEIGHBOR,not ours,J. Doe,2026-11-30",
     None, Status.WAIVED),
], ids=["set-on-neighbor", "accept-where-it-stands", "waive"])
def test_a_reviewer_decides_where_the_value_goes(row, where, status):
    centers, findings = built(CT_TO_DALLAS, HEADER + row + "\n")
    emails = {cid: published(c, "email") for cid, c in centers.items() if cid in (CT, DALLAS)}
    if where == CT:
        assert emails == {CT: "ctic@ct.gov", DALLAS: "dallas.fusion@dpd.ci.dallas.tx.us"}
    elif where == DALLAS:
        assert emails == {CT: "", DALLAS: "ctic@ct.gov"}
    else:
        assert emails == {CT: "", DALLAS: "dallas.fusion@dpd.ci.dallas.tx.us"}
    pair = [f for f in findings if f.code == "VALUE_FITS_NEIGHBOR" and f.field == "email"]
    assert sorted(f.center_id for f in pair) == [CT, DALLAS] and {f.status for f in pair} == {status}
    assert not [f for f in findings if f.code.startswith("CORRECTION_")]


@pytest.mark.parametrize("texts, state, chosen", [
    (["ctic@ct.gov", "dallas.fusion@dpd.ci.dallas.tx.us"], "TX", "dallas.fusion@dpd.ci.dallas.tx.us"),  # fits
    (["ctic@ct.gov", "tips@example.org"], "TX", "tips@example.org"),  # no signal beats another state
    (["tips@example.org", "dallas.fusion@dpd.ci.dallas.tx.us"], "TX", "dallas.fusion@dpd.ci.dallas.tx.us"),
    (["tips@example.org", "other@example.com"], "TX", "tips@example.org"),  # a tie: the first
    (["not an address", "ctic@ct.gov"], "TX", "ctic@ct.gov"),  # one that can be read first of all
], ids=["fits", "no-signal-over-other-state", "fits-over-no-signal", "tie-first", "readable-first"])
def test_of_two_values_the_one_that_fits_is_published(texts, state, chosen):
    block = ContactBlock("Dallas Fusion Center", SourceRef("l.txt", 1), None,
                         tuple(FieldLine("Email", t, SourceRef("l.txt", i)) for i, t in enumerate(texts, 2)), "u")
    fields, extras = _fields(block, state, REGISTRY)
    assert fields["email"].text == chosen and [v.text for v in extras] == [t for t in texts if t != chosen]


@pytest.mark.parametrize("host, kind, state", [
    ("www.ct.gov", SignalKind.GOV_REGISTRY, "CT"),
    ("nysic.ny.gov", SignalKind.GOV_REGISTRY, "NY"),
    ("milwaukee.gov", SignalKind.GOV_REGISTRY, "WI"),  # a city's domain: most names say nothing by their letters
    ("leo.gov", SignalKind.FEDERAL, ""),
    ("fusion.alabamma.gov", SignalKind.NOT_REGISTERED, ""),
    ("state.nm.us", SignalKind.LOCALITY_US, "NM"),
    ("dpd.ci.dallas.tx.us", SignalKind.LOCALITY_US, "TX"),
    ("www.dps.state.is.us", SignalKind.LOCALITY_US, ""),  # "is" is no state: it names none
])
def test_a_domain_places_its_center(host, kind, state):
    signal = domain_signal(host, REGISTRY)
    assert (signal.kind, signal.state) == (kind, state)


@pytest.mark.parametrize("host", ["www.nmdhsem.org", "neorfc.us", "hamilton-co.org", "example.com"])
def test_a_domain_that_names_no_place(host):
    assert domain_signal(host, REGISTRY) is None


def test_a_federal_domain_is_one_info_finding_naming_the_agency(today):
    _, findings = today
    federal = [f for f in findings if f.code == "GOV_DOMAIN_FEDERAL"]
    assert [(f.center_id, f.value) for f in federal] == [("maryland-coordination-and-analysis-center",
                                                           "mdwatch@leo.gov")]
    assert "Federal Bureau of Investigation" in federal[0].message and federal[0].severity == "info"
    assert f"{DOTGOV_FILE} line" in federal[0].evidence


def test_another_states_domain_is_a_warning_naming_the_registrant():
    """Alaska's email written with Connecticut's domain, far from Connecticut in the listing: no
    neighbor to fit, a warning that names the registrant, its registry row in the evidence."""
    lines = [line.replace("AKIAC@alaska.gov", "AKIAC@ct.gov") for line in LINES]
    _, findings = built(lines)
    [f] = [f for f in findings if f.code == "GOV_DOMAIN_STATE_MISMATCH" and f.value == "AKIAC@ct.gov"]
    assert "State of CT/Department of Administrative Services, Hartford, CT" in f.message
    assert "Alaska" in f.message and f"{DOTGOV_FILE} line" in f.evidence and "ct.gov,State or territory" in f.evidence


def test_a_gov_domain_the_registry_does_not_list_is_a_finding():
    lines = [line.replace("ciu@nysic.ny.gov", "ciu@nysic.nyy.gov") for line in LINES]
    _, findings = built(lines)
    [f] = [f for f in findings if f.code == "GOV_DOMAIN_NOT_REGISTERED"]
    assert (f.center_id, f.value, f.severity) == (NY, "ciu@nysic.nyy.gov", "warning")
