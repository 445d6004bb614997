"""The dataset as one SQLite file (`out/fusion_centers.sqlite`), for SQL users.

Takes the checked dataset and its findings and gives the bytes of a SQLite
database (whole, or a chunk at a time as the build writes it) with three
tables, in the column order of the CSVs, with the types and NOT NULL
constraints of the column spec (`pipeline.export.columns`):

- `centers`, primary key `id`, indexed on `state`;
- `findings`, an integer primary key `id` (the row's position in
  discrepancies.csv, from 1), `center_id` referencing `centers(id)`, NULL for
  a finding about the whole dataset; indexed on `code` and `center_id`;
- `sources`, an integer primary key `id` (position in sources.csv, from 1);
- `metadata`, `key` and `value`: the dataset's name, its data version, the
  build's as-of date and the pipeline's version (`METADATA_KEYS`).

An empty cell of the CSVs (JSON null) is NULL here, so `phone IS NULL` finds
a center with no phone; a list column holds its items joined as in the CSV. Values are not neutralized against spreadsheet formulas (a
database is not a spreadsheet), so they equal the JSON outputs.

The bytes are deterministic for a given SQLite library: the database is built
in a temporary file with a fixed page size, no journal and no write-ahead log,
then rewritten by VACUUM. A different SQLite version writes its own version
number into the file header (offset 96), so two machines may differ there.
"""
from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pipeline.export.columns import CENTERS, FINDINGS, SOURCES, TABLES, Column, Table
from pipeline.export.tables import center_row, csv_cell, finding_row, source_rows
from pipeline.records import Dataset, Finding

PAGE_SIZE = 4096
# SQLite's type affinity for each column type of the spec; a date is ISO text.
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}
# Findings and sources get a row number as their key; centers have their id.
ROW_ID = "id INTEGER PRIMARY KEY"
INDEXES = ("CREATE INDEX centers_state ON centers(state)",
           "CREATE INDEX findings_code ON findings(code)",
           "CREATE INDEX findings_center_id ON findings(center_id)",
           "CREATE INDEX sources_source_url ON sources(source_url)")


# The rows of the metadata table, in order.
METADATA_KEYS = ("dataset", "data_version", "as_of", "pipeline_version")
METADATA_SQL = "CREATE TABLE metadata (\n  key TEXT NOT NULL PRIMARY KEY,\n  value TEXT NOT NULL\n)"


def _column_sql(table: Table, c: Column) -> str:
    sql = f"{c.name} {'TEXT' if c.separator else SQL_TYPES[c.type]}"
    if c.required:
        sql += " NOT NULL"
    if table.primary_key == (c.name,):
        sql += " PRIMARY KEY"
    for key in table.foreign_keys:
        if key.column == c.name:
            target = next(t for t in TABLES if t.name == key.table)
            sql += f" REFERENCES {target.sql_name}({key.target})"
    return sql


def create_table_sql(table: Table) -> str:
    """The CREATE TABLE statement of `table`, its columns in the CSV's order."""
    columns = ([] if table.primary_key else [ROW_ID]) + [_column_sql(table, c) for c in table.columns]
    return f"CREATE TABLE {table.sql_name} (\n  " + ",\n  ".join(columns) + "\n)"


def schema_sql() -> list[str]:
    """The CREATE statements, tables first, then indexes."""
    return [create_table_sql(t) for t in TABLES] + list(INDEXES)


def _cells(row: dict[str, object], table: Table) -> tuple:
    cells = (csv_cell(row.get(c.name), c.separator or ";") for c in table.columns)
    return tuple(None if cell == "" else cell for cell in cells)


def _insert(db: sqlite3.Connection, table: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    marks = ", ".join("?" for _ in columns)
    db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def sqlite_bytes(ds: Dataset, findings: Sequence[Finding], metadata: dict[str, str] | None = None) -> bytes:
    """`out/fusion_centers.sqlite` for a checked dataset and its findings, with
    a `metadata` table of `metadata` (keys: METADATA_KEYS) when it is given."""
    return b"".join(sqlite_chunks(ds, findings, metadata))


def sqlite_chunks(ds: Dataset, findings: Sequence[Finding], metadata: dict[str, str] | None = None,
                  size: int = 1 << 20) -> Iterator[bytes]:
    """The bytes of `sqlite_bytes`, made when first asked for and given `size`
    bytes at a time, so that the file is never whole in memory."""
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
            _insert(db, "centers", CENTERS.names, (_cells(center_row(c), CENTERS) for c in centers))
            _insert(db, "findings", ["id", *FINDINGS.names],
                    ((n, *_cells(finding_row(f), FINDINGS)) for n, f in enumerate(findings, 1)))
            _insert(db, "sources", ["id", *SOURCES.names],
                    ((n, *_cells(row, SOURCES)) for n, row in enumerate(source_rows(ds), 1)))
            if metadata is not None:
                db.execute(METADATA_SQL)
                _insert(db, "metadata", ["key", "value"], ((k, metadata[k]) for k in METADATA_KEYS))
            db.execute("COMMIT")
            db.execute("VACUUM")
        finally:
            db.close()
        with open(path, "rb") as fh:
            while chunk := fh.read(size):
                yield chunk
