"""The published dataset as pandas DataFrames, with the types of the column spec.

    >>> from pipeline.api import centers, findings
    >>> df = centers("out")            # doctest: +SKIP
    >>> df.loc[df.state == "ME", ["city", "zip", "phone"]]   # doctest: +SKIP

Phones, ZIP codes and every other text column are pandas' `string` dtype (a
phone stays "+13345172660", a ZIP keeps its leading zero), integers are
`Int64`, numbers `Float64`, so a missing value is `pd.NA` in every column
rather than NaN in some and "" in others. A list column (`fixes_applied`)
holds Python lists. The frames are read from the JSON outputs, which keep
every value as it is (the CSVs put an apostrophe before a free-text cell that
a spreadsheet would run as a formula).
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from pipeline.export.columns import CENTERS, FINDINGS, Table

# The pandas dtype of each spec type: nullable ones, so missing is pd.NA throughout
# (a date stays its ISO text).
DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean", "date": "string"}


def _frame(path: Path, table: Table) -> pd.DataFrame:
    records = json.loads(path.read_text(encoding="utf-8"))
    frame = pd.DataFrame.from_records([{c: r.get(c) for c in table.names} for r in records], columns=table.names)
    for column in table.columns:
        if column.separator:
            frame[column.name] = frame[column.name].map(list)
        else:
            frame[column.name] = frame[column.name].astype(DTYPES[column.type])
    return frame


def centers(out: str | Path = "out") -> pd.DataFrame:
    """The centers of `out/fusion_centers.json`, one row per center, sorted by id."""
    return _frame(Path(out) / "fusion_centers.json", CENTERS)


def findings(out: str | Path = "out") -> pd.DataFrame:
    """The findings of `out/discrepancies.json`, sorted by severity, center and code."""
    return _frame(Path(out) / "discrepancies.json", FINDINGS)
