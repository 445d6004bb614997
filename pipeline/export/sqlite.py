"""The dataset as one SQLite file (`out/fusion_centers.sqlite`), for SQL users.

Takes the checked dataset and its findings and gives the bytes of a SQLite
database with three tables, in the column order of the CSVs
(`pipeline.export.tables`):

- `centers`, primary key `id`, indexed on `state`;
- `findings`, an integer primary key `id` (the row's position in
  discrepancies.csv, from 1), `center_id` referencing `centers(id)`, NULL for
  a finding about the whole dataset; indexed on `code` and `center_id`;
- `sources`, an integer primary key `id` (position in sources.csv, from 1).

An empty cell of the CSVs is NULL here, so `phone IS NULL` finds a center
with no phone. Values are not neutralized against spreadsheet formulas (a
database is not a spreadsheet), so they equal the JSON outputs.

The bytes are deterministic for a given SQLite library: the database is built
in a temporary file with a fixed page size, no journal and no write-ahead log,
then rewritten by VACUUM. A different SQLite version writes its own version
number into the file header (offset 96), so two machines may differ there.
"""
from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from pipeline.export.tables import (
    CENTER_COLUMNS, FINDING_COLUMNS, SOURCE_COLUMNS, center_row, finding_row, source_row,
)
from pipeline.records import Dataset, Finding

PAGE_SIZE = 4096
# Column types other than TEXT; the rest of each table is TEXT.
INTEGER_COLUMNS = frozenset({"source_line", "line", "first_line", "last_line"})
REAL_COLUMNS = frozenset({"match_score"})
NOT_NULL = {"centers": {"id", "name"}, "findings": {"code", "severity", "status"},
            "sources": {"raw_file", "sha256"}}


def _column_sql(table: str, column: str) -> str:
    kind = "INTEGER" if column in INTEGER_COLUMNS else "REAL" if column in REAL_COLUMNS else "TEXT"
    return f"{column} {kind}" + (" NOT NULL" if column in NOT_NULL[table] else "")


def schema_sql() -> list[str]:
    """The CREATE statements, tables first, then indexes."""
    centers = ",\n  ".join(_column_sql("centers", c) + (" PRIMARY KEY" if c == "id" else "")
                           for c in CENTER_COLUMNS)
    findings = ",\n  ".join(
        ["id INTEGER PRIMARY KEY"]
        + [_column_sql("findings", c) + (" REFERENCES centers(id)" if c == "center_id" else "")
           for c in FINDING_COLUMNS])
    sources = ",\n  ".join(["id INTEGER PRIMARY KEY"] + [_column_sql("sources", c) for c in SOURCE_COLUMNS])
    return [
        f"CREATE TABLE centers (\n  {centers}\n)",
        f"CREATE TABLE findings (\n  {findings}\n)",
        f"CREATE TABLE sources (\n  {sources}\n)",
        "CREATE INDEX centers_state ON centers(state)",
        "CREATE INDEX findings_code ON findings(code)",
        "CREATE INDEX findings_center_id ON findings(center_id)",
        "CREATE INDEX sources_source_url ON sources(source_url)",
    ]


def _cells(row: dict[str, object], columns: Sequence[str]) -> tuple:
    return tuple(None if row.get(c) in ("", None) else row[c] for c in columns)


def _insert(db: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    marks = ", ".join("?" for _ in columns)
    db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def sqlite_bytes(ds: Dataset, findings: Sequence[Finding]) -> bytes:
    """`out/fusion_centers.sqlite` for a checked dataset and its findings."""
    centers = sorted(ds.centers, key=lambda c: c.id)  # the order of fusion_centers.csv
    with tempfile.TemporaryDirectory(prefix="fusion-centers-sqlite-") as tmp:
        path = Path(tmp) / "fusion_centers.sqlite"
        db = sqlite3.connect(path, isolation_level=None)
        try:
            db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("BEGIN")
            for statement in schema_sql():
                db.execute(statement)
            _insert(db, "centers", CENTER_COLUMNS, (_cells(center_row(c), CENTER_COLUMNS) for c in centers))
            _insert(db, "findings", ["id", *FINDING_COLUMNS],
                    ((n, *_cells(finding_row(f), FINDING_COLUMNS)) for n, f in enumerate(findings, 1)))
            _insert(db, "sources", ["id", *SOURCE_COLUMNS],
                    ((n, *_cells(source_row(d), SOURCE_COLUMNS)) for n, d in enumerate(ds.documents, 1)))
            db.execute("COMMIT")
            db.execute("VACUUM")
        finally:
            db.close()
        return path.read_bytes()
