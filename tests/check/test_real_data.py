"""The rules on the real capture: every known anomaly, and nothing else.

Expected values are typed from raw/dhs_fusion_centers_capture.txt (line
numbers as an editor shows them), never copied from the program's output.
Center ids are the list names in lower-case words joined by "-" ("&" as
"and", "." dropped), as records.Center documents.

The build is run on the raw folder, whose corrections file is empty: this
file tests the rules on the capture, not the reviewers' decisions.
"""
from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from pipeline.build import run
from tests.conftest import CAPTURE, RAW

SOURCE = CAPTURE.name

CT = "connecticut-intelligence-center"
HI = "hawaii-fusion-center"
IA = "iowa-intelligence-fusion-center"
OR = "oregon-terrorism-information-threat-assessment-network"
SC = "south-carolina-information-and-intelligence-center"
DC = "washington-regional-threat-and-analysis-center-washington-dc"
ME = "maine-information-and-analysis-center"
LA = "los-angeles-joint-regional-intelligence-center"
WI = "wisconsin-statewide-information-center"
CFIX = "central-florida-intelligence-exchange"
GU = "mariana-regional-fusion-center-guam"
SWPA = "southwestern-pa-region-13-fusion-center"


@pytest.fixture(scope="module")
def built():
    b = run(RAW)
    assert b.decisions == ()
    return b, b.dataset, b.findings


def _center(dataset, center_id):
    return next(c for c in dataset.centers if c.id == center_id)


def test_reference_date_is_the_retrieval_date(built):
    b, _, _ = built
    assert b.as_of == date(2026, 11, 24)  # raw/manifest.json, "retrieved"


# (center id, field, code, severity, status, verbatim value, line): each one
# read off the capture at the line given.
ANOMALIES = [
    # 641 "Phone: (866) 472-8477" is toll-free, 642 "Toll-Free: (803) 896-7133" is Columbia, SC.
    (SC, "phone", "PHONE_LABELS_SWAPPED", "warning", "fixed", "(866) 472-8477", 641),
    # 243 "Fax: (806) 706-5535": 806 is Amarillo, Texas; the phone (241) is 860, Connecticut.
    (CT, "fax", "AREA_CODE_OUT_OF_STATE", "warning", "open", "(806) 706-5535", 243),
    # 315 "Phone: (916) 356-4467": 916 is Sacramento, California, for Honolulu, Hawaii (314).
    (HI, "phone", "AREA_CODE_OUT_OF_STATE", "warning", "open", "(916) 356-4467", 315),
    # 612 "www.oregonfusioncenter@doj.state.or.us": the email of line 610 with "www." in front.
    (OR, "website", "WEBSITE_INVALID", "error", "open", "www.oregonfusioncenter@doj.state.or.us", 612),
    # 345 "www.dps.state.is.us/...": "is" for Iowa's "ia" (its email, 344, has state.ia.us).
    (IA, "website", "GOV_DOMAIN_STATE_MISMATCH", "warning", "open", "www.dps.state.is.us/intell/index.shtml", 345),
    # 747 "Washington, DC, Washington DC": the place written twice.
    (DC, "city", "LOCATION_MALFORMED", "warning", "open", "Washington, DC, Washington DC", 747),
    # 391 "Augusta, Maine 04330-0164".
    (ME, "zip", "LOCATION_HAS_ZIP", "info", "open", "Augusta, Maine 04330-0164", 391),
    # 85 "- Los Angeles ...; Los Angeles, CA", but 367 "Norwalk, California".
    (LA, "city", "LIST_CITY_DIFFERS", "info", "open",
     "Los Angeles Joint Regional Intelligence Center; Los Angeles, CA", 85),
    # 365 heading "...: Los Angeles, CA" with a colon where the list (85) has ";".
    (LA, "name", "HEADING_DIFFERS_FROM_LIST", "info", "open",
     "Los Angeles Joint Regional Intelligence Center: Los Angeles, CA", 365),
    # 770 "[Wisconsin Statewide Information Center](#)" against the list's line 67.
    (WI, "name", "HEADING_DIFFERS_FROM_LIST", "info", "open", "[Wisconsin Statewide Information Center](#)", 770),
    # 195 "Central Florida Intelligence Exchange (CFIX)" against 76 "...; Orlando, FL".
    (CFIX, "name", "HEADING_DIFFERS_FROM_LIST", "info", "open", "Central Florida Intelligence Exchange (CFIX)", 195),
    # 399-403: heading, "Agana Heights, Guam", "info@mlrin.org": no phone line at all.
    (GU, "phone", "MISSING_PHONE", "warning", "open", "", 399),
    # 261-264: Delaware gives "Alternate Phone: (302) 739-5996" (263) and a Toll-Free, but no Phone.
    ("delaware-information-and-analysis-center", "phone", "NO_MAIN_PHONE", "warning", "open",
     "(302) 739-5996", 263),
    # 674-677: heading, "Pittsburgh, Pennsylvania", "Phone: (412) 473-2550": no email.
    (SWPA, "email", "MISSING_EMAIL", "warning", "open", "", 674),
]


@pytest.mark.parametrize("center_id, field, code, severity, status, value, line", ANOMALIES,
                         ids=[f"{a[0].split('-')[0]}-{a[2]}" for a in ANOMALIES])
def test_known_anomaly_is_reported(built, capture_lines, center_id, field, code, severity, status, value, line):
    _, _, findings = built
    found = [f for f in findings if (f.center_id, f.field, f.code) == (center_id, field, code)]
    assert len(found) == 1, found
    f = found[0]
    assert (f.severity, f.status, f.value, f.source, f.line) == (severity, status, value, SOURCE, line)
    assert value in capture_lines[line - 1]  # the line quoted is the line named


def test_south_carolina_numbers_are_relabeled(built):
    _, dataset, _ = built
    sc = _center(dataset, SC)
    assert (sc.published("phone").value, sc.published("toll_free").value, sc.fixes) == \
        ("+18038967133", "+18664728477", ("PHONE_LABELS_SWAPPED",))
    # The source values stay as published, for the rules.
    assert (sc.value("phone").value, sc.value("toll_free").value) == ("+18664728477", "+18038967133")


def test_area_code_places(built):
    """806 is a Texas area code, 916 a California one."""
    _, dataset, _ = built
    ct, hi = _center(dataset, CT), _center(dataset, HI)
    assert (ct.state, ct.value("fax").area_code_place, ct.value("phone").area_code_place) == ("CT", "TX", "CT")
    assert (hi.state, hi.value("phone").area_code_place) == ("HI", "CA")


def test_territories_and_dc_are_not_out_of_state(built):
    """Guam has no phone; 787 Puerto Rico, 340 Virgin Islands, 202 DC are home."""
    _, dataset, findings = built
    for center_id, state in [("puerto-rico-national-security-state-information-center", "PR"),
                             ("us-virgin-islands-fusion-center", "VI"), (DC, "DC"), (GU, "GU")]:
        assert _center(dataset, center_id).state == state
        assert not [f for f in findings if f.center_id == center_id and f.code == "AREA_CODE_OUT_OF_STATE"]


# The pages' dates: line 99 "July 23, 2015" (page of lines 1-103), 817
# "September 14, 2015" (778-821), 872 "August 21, 2015" (822-876); the
# listing (104-777) has no date line. A dated page's finding points at its date
# line; an undated page's at its first line.
SOURCE_DATES = [
    ("SOURCE_OUTDATED", "July 23, 2015", 99),
    ("SOURCE_UNDATED", "", 104),
    ("SOURCE_OUTDATED", "September 14, 2015", 817),
    ("SOURCE_OUTDATED", "August 21, 2015", 872),
]


def test_source_dates(built):
    _, _, findings = built
    got = sorted((f.line, f.code, f.value) for f in findings if f.field == "published")
    assert got == sorted((line, code, value) for code, value, line in SOURCE_DATES)
    assert {(f.center_id, f.severity, f.status) for f in findings if f.field == "published"} == {("", "warning", "open")}
    # Calendar ages on 2026-11-24 (three leap days, 2016, 2020, 2024, lie between).
    by_line = {f.line: f.message for f in findings if f.code == "SOURCE_OUTDATED"}
    assert "11 years and 124 days" in by_line[99]
    assert "11 years and 71 days" in by_line[817]
    assert "11 years and 95 days" in by_line[872]


# ---- no false positives ----------------------------------------------------
# Written down by reading lines 1-876 of the capture:
# - Coverage: the 53 primary and 25 recognized bullets (13-67, 73-97) and the
#   78 headings of 105-776 pair up one to one (counted by hand), so no
#   LIST_ENTRY_WITHOUT_BLOCK / BLOCK_WITHOUT_LIST_ENTRY / DUPLICATE_LIST_ENTRY;
#   every heading equals its bullet once link brackets, "; City, ST" / ": City,
#   ST" and parentheticals are set aside, so no NAME_FUZZY_MATCH.
# - Phones: every number of 105-776 has ten digits; each geographic area code
#   was looked up against the block's state (e.g. 671 Guam has no number, 787
#   PR, 340 VI, 202 DC, 972 TX, 405 OK), the only ones abroad being 806 (CT
#   fax) and 916 (HI phone). No number repeats within a block or across
#   blocks (the "-8477" tip lines differ in their other digits). Only South
#   Carolina's Toll-Free is geographic (fixed, not open).
# - Places: every location is "City, State" except 747 (doubled) and 391 (a
#   ZIP); the list's states (recognized "; City, ST" and the three
#   parenthesized places, 33, 56, 63) agree with the blocks' states.
# - Emails: each block has one, except 674-677 (Southwestern PA); all parse;
#   none is shared. Websites: all are host names or host/path, except 612;
#   none shared.
# - Government domains: state.XX.us, XX.us and XX.gov parts were each compared
#   with the state (ciac.co.gov CO, co.collin.tx.us TX, dc.gov DC, vitema.vi.gov
#   VI, policia.pr.gov PR; leo.gov is federal); only 345 "state.is.us" differs.
# - Labels: only Phone, Fax, Alternate Phone and Toll-Free appear, each at most
#   once per block; one raw file, so no SOURCES_DISAGREE.
# - Missing: Guam has no phone line; Delaware (257-269) has Fax, Alternate
#   Phone and Toll-Free, so a phone of some kind, but no main Phone (263 could serve).
OPEN_ERRORS_AND_WARNINGS = Counter([
    ("", "published", "SOURCE_OUTDATED"),  # line 1
    ("", "published", "SOURCE_OUTDATED"),  # line 778
    ("", "published", "SOURCE_OUTDATED"),  # line 822
    ("", "published", "SOURCE_UNDATED"),  # line 104
    (CT, "fax", "AREA_CODE_OUT_OF_STATE"),
    (HI, "phone", "AREA_CODE_OUT_OF_STATE"),
    (IA, "website", "GOV_DOMAIN_STATE_MISMATCH"),
    (OR, "website", "WEBSITE_INVALID"),
    (DC, "city", "LOCATION_MALFORMED"),
    (GU, "phone", "MISSING_PHONE"),
    (SWPA, "email", "MISSING_EMAIL"),
    ("delaware-information-and-analysis-center", "phone", "NO_MAIN_PHONE"),
])


def test_no_false_positives_among_errors_and_warnings(built):
    _, _, findings = built
    got = Counter((f.center_id, f.field, f.code) for f in findings
                  if f.status == "open" and f.severity in ("error", "warning"))
    assert got == OPEN_ERRORS_AND_WARNINGS


# The info findings, read the same way:
# - a Phone line with an 8XX toll-free code: 231, 332, 337, 343, 409, 463,
#   510, 534, 556, 618, 630, 693, 703, 757 (641 is South Carolina's, fixed);
# - blocks with no website line (30 of them);
# - list city differs: 75 Sacramento / 185 McClellan, 85 Los Angeles / 367
#   Norwalk, 91 Orange County / 594 Santa Ana;
# - headings written differently: 195 (CFIX), 365 (colon), 770 (brackets);
# - ZIP: 391. Connecticut's fax (243, 806 against the phone's 860) is out of
#   state, reported once as AREA_CODE_OUT_OF_STATE, not also as FAX_AREA_CODE_DIFFERS;
#   Dallas, next, has no fax, but the fax shares its exchange (706) with
#   Connecticut's phone: no VALUE_FITS_NEIGHBOR.
# - A federal domain: 411 "mdwatch@leo.gov" (Maryland): leo.gov is registered to
#   the Department of Justice, Federal Bureau of Investigation (the .gov registry).
#   Every other .gov domain of 105-776 is registered to a government of its
#   center's state (looked up one by one in raw/reference/dotgov/current-full.csv:
#   alacop.gov AL, austintexas.gov TX, cityofboston.gov MA, phila.gov PA,
#   milwaukee.gov WI, fairfaxcounty.gov VA, ...); none is missing from it.
TOLL_FREE_PHONES = [
    "colorado-information-analysis-center", "illinois-statewide-terrorism-and-intelligence-center",
    "indiana-intelligence-fusion-center", IA, "maryland-coordination-and-analysis-center",
    "missouri-information-analysis-center", "new-york-state-intelligence-center",
    "north-dakota-state-and-local-information-center", "northern-california-regional-intelligence-center",
    "pennsylvania-criminal-intelligence-center", "rhode-island-state-fusion-center", "tennessee-fusion-center",
    "texas-joint-crime-information-center", "washington-state-fusion-center",
]
NO_WEBSITE = [
    "alaska-information-and-analysis-center", "arkansas-state-fusion-center",
    "chicago-crime-prevention-and-information-center", "dallas-fusion-center", "delaware-valley-intelligence-center",
    "detroit-and-southeast-michigan-information-and-intelligence-center",
    "el-paso-multi-agency-tactical-response-information-exchange-matrix",
    "georgia-information-sharing-and-analysis-center", "houston-regional-intelligence-service-center",
    "illinois-statewide-terrorism-and-intelligence-center", "kansas-intelligence-fusion-center", ME, GU,
    "massachusetts-commonwealth-fusion-center", "nebraska-information-analysis-center",
    "nevada-threat-analysis-center", "new-jersey-regional-operations-intelligence-center",
    "new-york-state-intelligence-center", "north-carolina-information-sharing-and-analysis-center",
    "northern-virginia-regional-intelligence-center", "puerto-rico-national-security-state-information-center",
    "rhode-island-state-fusion-center", "san-diego-law-enforcement-coordination-center",
    "south-dakota-fusion-center", "southwest-texas-fusion-center", SWPA, "texas-joint-crime-information-center",
    "us-virgin-islands-fusion-center", DC, "washington-state-fusion-center",
]
OPEN_INFOS = Counter(
    [(c, "phone", "PHONE_IS_TOLL_FREE") for c in TOLL_FREE_PHONES]
    + [(c, "website", "MISSING_WEBSITE") for c in NO_WEBSITE]
    + [("central-california-intelligence-center", "city", "LIST_CITY_DIFFERS"), (LA, "city", "LIST_CITY_DIFFERS"),
       ("orange-county-intelligence-assessment-center", "city", "LIST_CITY_DIFFERS"),
       (CFIX, "name", "HEADING_DIFFERS_FROM_LIST"), (LA, "name", "HEADING_DIFFERS_FROM_LIST"),
       (WI, "name", "HEADING_DIFFERS_FROM_LIST"), (ME, "zip", "LOCATION_HAS_ZIP"),
       ("maryland-coordination-and-analysis-center", "email", "GOV_DOMAIN_FEDERAL"),
       # 815: the prose page's "Office of Public Affairs, 202-282-8010", outside every block
       ("", "", "VALUE_OUTSIDE_BLOCKS")])


def test_no_false_positives_among_infos(built):
    assert len(NO_WEBSITE) == 30 and len(TOLL_FREE_PHONES) == 14
    _, _, findings = built
    got = Counter((f.center_id, f.field, f.code) for f in findings if f.status == "open" and f.severity == "info")
    assert got == OPEN_INFOS


def test_only_the_certain_fix_is_marked_fixed(built):
    _, dataset, findings = built
    assert [(f.center_id, f.field, f.code) for f in findings if f.status != "open"] == \
        [(SC, "phone", "PHONE_LABELS_SWAPPED")]
    assert [c.id for c in dataset.centers if c.fixes] == [SC]
