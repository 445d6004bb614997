"""Datasette's metadata for `out/fusion_centers.sqlite` (`out/datasette-metadata.json`).

Made from the column spec (`pipeline.export.columns`) and the data package's
terms and sources (`pipeline.export.datapackage`), so Datasette shows the same
title, licence, sources and column descriptions as the data package. `make
serve` runs Datasette 0.65 with it on 127.0.0.1. It sets the facets a reader
starts from (state and designation for centers; severity and code for
findings) and a canned query of the open errors and warnings. Datasette's map
plugins draw on tiles from the internet, so there is no map here.

`make serve` also passes the template overrides in `datasette_templates/`:
the table page shows its rows first and the column descriptions after them,
each facet once (a facet of the metadata chosen again from a column's menu is
not drawn twice), and hides from its default view the columns the column spec
flags `often_empty` (listed here under the table's `often_empty` key; a
`?_col=` in the address shows what it names). Datasette's metadata itself
hides no column.

Metadata format: https://docs.datasette.io/en/0.65/metadata.html
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from pipeline.export.columns import CENTERS, FINDINGS, TABLES, Table
from pipeline.export.datapackage import PACKAGE_TITLE, licenses_of, sources_of
from pipeline.records import SourceDocument

DATABASE = "fusion_centers"  # Datasette names a database after its file
TEMPLATES = Path(__file__).parent / "datasette_templates"  # make serve: --template-dir
FACETS = {CENTERS.sql_name: ["state", "designation"], FINDINGS.sql_name: ["severity", "code"]}
LABEL_COLUMNS = {CENTERS.sql_name: "name"}
OPEN_PROBLEMS_SQL = """SELECT severity, code, center_id, center_name, field, value, message, suggestion,
       source, page, line, evidence
FROM findings
WHERE status = 'open' AND severity IN ('error', 'warning')
ORDER BY CASE severity WHEN 'error' THEN 0 ELSE 1 END, center_id, code, line"""


def _table(table: Table) -> dict:
    out: dict = {"title": table.title, "description": table.description,
                 "columns": {c.name: c.description for c in table.columns}}
    if table.sql_name in FACETS:
        out["facets"] = FACETS[table.sql_name]
    if table.sql_name in LABEL_COLUMNS:
        out["label_column"] = LABEL_COLUMNS[table.sql_name]
    hidden = [c.name for c in table.columns if c.often_empty]
    if hidden:  # read by datasette_templates/table.html, never by Datasette itself
        out["often_empty"] = hidden
    if not table.primary_key:  # findings and sources: a row number
        out["columns"] = {"id": "Row number, from 1, in the order of the CSV.", **out["columns"]}
    return out


def metadata(documents: Sequence[SourceDocument]) -> dict:
    """Datasette metadata for the build whose source pages are `documents`."""
    sources = sources_of(documents)
    licences = licenses_of(documents)
    first = sources[0] if sources else {"title": "", "path": ""}
    return {
        "title": PACKAGE_TITLE,
        "description": "Primary and recognized fusion centers with their contact details, the data-quality "
                       "findings about them, and the source pages they were read from. Sources: "
                       + "; ".join(f"{s['title']} ({s['path']})" for s in sources) + ".",
        "license": "; ".join(lic["title"] for lic in licences),
        "license_url": next((lic["path"] for lic in licences if "name" in lic), ""),
        "source": first["title"],
        "source_url": first["path"],
        "databases": {DATABASE: {
            "tables": {t.sql_name: _table(t) for t in TABLES},
            "queries": {"open_problems": {
                "title": "Open errors and warnings",
                "description": "Every open error and warning, errors first: what needs a reviewer's action.",
                "sql": OPEN_PROBLEMS_SQL}},
        }},
    }


def metadata_json(documents: Sequence[SourceDocument]) -> bytes:
    """`out/datasette-metadata.json`."""
    return (json.dumps(metadata(documents), ensure_ascii=False, indent=2) + "\n").encode("utf-8")

