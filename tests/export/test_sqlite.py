"""out/fusion_centers.sqlite: opens with sqlite3, holds the capture's centers
by state, keeps its keys, and is the same bytes on every build."""
from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from pipeline.build import run
from pipeline.export.sqlite import sqlite_bytes
from pipeline.export.tables import table_files

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "raw"

# Centers per state, counted by hand from the location lines of the capture's
# contact listing (lines 104-777), e.g. TX: Austin (line 153, Austin Regional),
# Dallas (251), El Paso (291), Houston (320), McKinney (522), San Antonio (670),
# Austin (701, Texas Joint Crime Information Center).
STATE_COUNTS = {
    "TX": 7,
    "CA": 6,  # Sacramento, McClellan, Norwalk, San Francisco, Santa Ana, San Diego
    "FL": 3,  # Orlando, Tallahassee, Miami
    "MO": 3,  # Kansas City, Jefferson City, St. Louis
    "OH": 3,  # Cincinnati, Cleveland, Columbus
    "PA": 3,  # Philadelphia, Harrisburg, Pittsburgh
    "IL": 2,  # Chicago, Springfield
    "MA": 2,  # Boston, Maynard
    "MI": 2,  # Detroit, Lansing
    "NV": 2,  # Carson City, Las Vegas
    "VA": 2,  # Fairfax, North Chesterfield
    "WI": 2,  # Milwaukee, Madison
    "DC": 1, "GU": 1, "PR": 1, "VI": 1, "ME": 1, "WA": 1,
}
# 78 centers; the 12 states above with more than one hold 37, so 41 places
# have one each: 53 places, which are the 50 states but Wyoming, DC, Guam,
# Puerto Rico and the U.S. Virgin Islands.
SINGLE_CENTER_PLACES = 41


@pytest.fixture(scope="module")
def checked():
    return run(RAW)


@pytest.fixture(scope="module")
def db_bytes(checked) -> bytes:
    return sqlite_bytes(checked.dataset, checked.findings)


@pytest.fixture(scope="module")
def db(db_bytes, tmp_path_factory):
    path = tmp_path_factory.mktemp("sqlite") / "fusion_centers.sqlite"
    path.write_bytes(db_bytes)
    con = sqlite3.connect(path)
    yield con
    con.close()


@pytest.fixture(scope="module")
def findings_csv(checked) -> list[dict[str, str]]:
    data = table_files(checked.dataset, checked.findings)["discrepancies.csv"]
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_it_is_a_sqlite_database(db_bytes, db):
    assert db_bytes.startswith(b"SQLite format 3\x00")
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


@pytest.mark.parametrize("state, n", sorted(STATE_COUNTS.items()), ids=sorted(STATE_COUNTS))
def test_centers_by_state(db, state, n):
    counts = dict(db.execute("SELECT state, COUNT(*) FROM centers GROUP BY state").fetchall())
    assert counts.get(state) == n


def test_states_with_one_center(db):
    counts = dict(db.execute("SELECT state, COUNT(*) FROM centers GROUP BY state").fetchall())
    assert sum(1 for n in counts.values() if n == 1) == SINGLE_CENTER_PLACES
    assert "WY" not in counts
    assert sum(counts.values()) == 78


@pytest.mark.parametrize("designation, n", [("primary", 53), ("recognized", 25)])
def test_centers_by_designation(db, designation, n):
    # The capture's list: 53 bullets under "Primary Fusion Centers", 25 under "Recognized".
    assert db.execute("SELECT COUNT(*) FROM centers WHERE designation = ?", (designation,)).fetchone() == (n,)


@pytest.mark.parametrize("center_id, column, value", [
    ("dallas-fusion-center", "phone", "+12146713482"),  # line 253: "Phone: (214) 671-3482"
    ("dallas-fusion-center", "city", "Dallas"),  # line 251: "Dallas, Texas"
    ("alabama-fusion-center", "source_line", 105),  # the heading "Alabama Fusion Center"
    ("alabama-fusion-center", "fax", "+13345172746"),  # line 111: "Fax: (334) 517-2746"
    ("alaska-information-and-analysis-center", "fax", None),  # its block has no Fax line
    ("maine-information-and-analysis-center", "zip", "04330-0164"),  # "Augusta, Maine 04330-0164"
], ids=lambda v: str(v))
def test_a_center_cell(db, center_id, column, value):
    assert db.execute(f"SELECT {column} FROM centers WHERE id = ?", (center_id,)).fetchone() == (value,)


@pytest.mark.parametrize("table, file, row_id", [
    ("centers", "fusion_centers.csv", []), ("findings", "discrepancies.csv", ["id"]), ("sources", "sources.csv", ["id"]),
], ids=["centers", "findings", "sources"])
def test_table_columns_follow_the_csvs(checked, db, table, file, row_id):
    header = next(csv.reader(io.StringIO(table_files(checked.dataset, checked.findings)[file].decode("utf-8"))))
    assert [r[1] for r in db.execute(f"PRAGMA table_info({table})")] == row_id + header


@pytest.mark.parametrize("table, key", [("centers", "id"), ("findings", "id"), ("sources", "id")])
def test_primary_keys(db, table, key):
    assert [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[5]] == [key]


def test_findings_reference_centers(db):
    assert db.execute("PRAGMA foreign_key_list(findings)").fetchall()[0][2:5] == ("centers", "center_id", "id")
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_foreign_key_is_enforced(db_bytes, tmp_path):
    path = tmp_path / "copy.sqlite"
    path.write_bytes(db_bytes)
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO findings (code, severity, center_id, status) "
                    "VALUES ('MISSING_PHONE', 'warning', 'no-such-center', 'open')")
    con.close()


def test_dataset_level_findings_have_null_center_id(db, findings_csv):
    empty = sum(1 for r in findings_csv if r["center_id"] == "")
    assert empty > 0  # the outdated-page findings: three dated pages in the capture
    assert db.execute("SELECT COUNT(*) FROM findings WHERE center_id IS NULL").fetchone() == (empty,)
    assert db.execute("SELECT COUNT(*) FROM findings").fetchone() == (len(findings_csv),)


def test_findings_keep_the_csv_order(db, findings_csv):
    rows = db.execute("SELECT code, center_id FROM findings ORDER BY id").fetchall()
    assert rows == [(r["code"], r["center_id"] or None) for r in findings_csv]


def test_sources_are_the_capture_pages(db):
    # The capture holds four pages, each ending with its address line.
    rows = db.execute("SELECT first_line, kind, role FROM sources ORDER BY id").fetchall()
    assert rows[:4] == [(1, "center_list", "document"), (104, "contact_listing", "document"),
                        (778, "prose", "document"), (822, "prose", "document")]
    # then the .gov registry's files, reference data with no page of their own, and the id register
    assert rows[4:] == [(None, None, "reference")] * 3 + [(None, None, "register")]


@pytest.mark.parametrize("index, table, column", [
    ("centers_state", "centers", "state"), ("findings_code", "findings", "code"),
    ("findings_center_id", "findings", "center_id"),
])
def test_indexes(db, index, table, column):
    assert db.execute(f"PRAGMA index_info({index})").fetchall()[0][2] == column
    plan = " ".join(r[3] for r in db.execute(f"EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE {column} = 'x'"))
    assert index in plan


def test_two_builds_give_the_same_bytes(checked, db_bytes):
    assert sqlite_bytes(checked.dataset, checked.findings) == db_bytes
    again = run(RAW)
    assert sqlite_bytes(again.dataset, again.findings) == db_bytes
