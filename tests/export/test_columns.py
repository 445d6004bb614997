"""The one column spec and what is made from it: the committed JSON Schema and
the README's tables are what the spec makes, and every output says "missing"
the same way (CSV empty, JSON null, SQLite NULL)."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from pipeline.export.columns import TABLES, Column
from pipeline.export.json_schema import readme_with_tables, schema_text

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_json_schema_is_the_one_the_spec_makes():
    committed = (ROOT / "schema" / "fusion_centers.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "schema/ differs from the column spec: run make schema and review the diff"


def test_the_readme_column_tables_are_the_ones_the_spec_makes():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_with_tables(readme) == readme, "README's column tables differ from the spec: run make schema"


def test_a_column_of_an_unknown_type_is_refused():
    with pytest.raises(ValueError, match="datetime"):
        Column("when", "datetime", "A time.")


@pytest.fixture(scope="module")
def outputs(real_build):
    _, out = real_build
    rows = {t.file: list(csv.DictReader(io.StringIO((out / t.file).read_text(encoding="utf-8"), newline="")))
            for t in TABLES}
    records = {"fusion_centers.csv": json.loads((out / "fusion_centers.json").read_text(encoding="utf-8")),
               "discrepancies.csv": json.loads((out / "discrepancies.json").read_text(encoding="utf-8"))}
    db = sqlite3.connect(out / "fusion_centers.sqlite")
    yield rows, records, db
    db.close()


@pytest.mark.parametrize("table", TABLES[:2], ids=lambda t: t.name)
def test_missing_is_empty_in_csv_null_in_json_and_null_in_sqlite(outputs, table):
    rows, records, db = outputs
    db_rows = db.execute(f"SELECT {', '.join(table.names)} FROM {table.sql_name} ORDER BY rowid").fetchall()
    assert len(rows[table.file]) == len(records[table.file]) == len(db_rows)
    for csv_row, record, db_row in zip(rows[table.file], records[table.file], db_rows):
        for column, db_value in zip(table.columns, db_row):
            empty = csv_row[column.name] == ""
            if column.separator:  # a list: [] in JSON
                assert (record[column.name] == []) == empty == (db_value is None), column.name
            else:
                assert (record[column.name] is None) == empty == (db_value is None), column.name
                assert record[column.name] != ""


def test_no_empty_string_stands_for_missing_in_the_json(real_build):
    _, out = real_build
    for name in ("fusion_centers.json", "discrepancies.json"):
        records = json.loads((out / name).read_text(encoding="utf-8"))
        assert all(value != "" for r in records for key, value in r.items() if key != "provenance"), name


@pytest.mark.parametrize("center_id, column, value", [
    # Guam's block (capture lines 399-404) has no Phone line.
    ("mariana-regional-fusion-center-guam", "phone", None),
    # Alabama's location line "Montgomery, Alabama" has no ZIP.
    ("alabama-fusion-center", "zip", None),
    # Maine's "Augusta, Maine 04330-0164": the leading zero stays.
    ("maine-information-and-analysis-center", "zip", "04330-0164"),
    # South Carolina's Phone and Toll-Free are relabeled (a certain fix): a list of one code.
    ("south-carolina-information-and-intelligence-center", "fixes_applied", ["PHONE_LABELS_SWAPPED"]),
    ("alabama-fusion-center", "fixes_applied", []),
    ("alabama-fusion-center", "designation", "primary"),
    ("alabama-fusion-center", "list_city", None),  # primary centers have no "; City, ST"
], ids=lambda v: str(v))
def test_json_values(real_build, center_id, column, value):
    _, out = real_build
    records = {r["id"]: r for r in json.loads((out / "fusion_centers.json").read_text(encoding="utf-8"))}
    assert records[center_id][column] == value
