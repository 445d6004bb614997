"""Attacks through `pipeline.api`, which loads a build folder someone handed
over (issue 18), and what its users need from it (issue 19, item 9).

What is loaded is checked against the column spec's types; what does not fit,
a special file, or JSON nested without end is refused in one line naming the
file.
"""
from __future__ import annotations

import json
import math
import os
import shutil

import pytest

from pipeline import api
from pipeline.errors import PipelineError
from tests.hostile.attack import ROOT, fifo, no_hang, one_line

OUT = ROOT / "out"


@pytest.fixture
def out_copy(tmp_path):
    """A copy of the committed build's JSON outputs, for an attacker to edit."""
    out = tmp_path / "out"
    out.mkdir()
    for name in ("fusion_centers.json", "discrepancies.json", "sources.csv"):
        shutil.copy(OUT / name, out / name)
    return out


def _edit_first_center(out, **values):
    path = out / "fusion_centers.json"
    rows = json.loads(path.read_text(encoding="utf-8"))
    rows[0].update(values)
    # allow_nan: Python's json writes NaN and Infinity, as a careless tool would
    path.write_text(json.dumps(rows, allow_nan=True), encoding="utf-8")


@pytest.mark.parametrize("values", [
    {"fixes_applied": "CORRECTION:4"},
    {"fixes_applied": None},
    {"latitude": math.nan},
    {"longitude": math.inf},
    {"zip": 6106},
    {"source_line": "105"},
    {"name": ["a", "list"]},
], ids=["fixes-as-text", "fixes-null", "nan-latitude", "infinite-longitude", "zip-as-number", "line-as-text",
        "name-as-list"])
def test_loaded_values_that_do_not_fit_the_spec_are_refused(out_copy, values):
    _edit_first_center(out_copy, **values)
    with pytest.raises(PipelineError) as exc:
        api.centers(out_copy)
    assert one_line(str(exc.value)) and "fusion_centers.json" in str(exc.value)
    assert next(iter(values)) in exc.value.message


def test_json_nested_without_end_is_refused(out_copy):
    (out_copy / "discrepancies.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(PipelineError) as exc:
        api.findings(out_copy)
    assert one_line(str(exc.value)) and "discrepancies.json" in str(exc.value)


def test_api_file_that_is_a_fifo_is_refused_without_blocking(out_copy):
    os.remove(out_copy / "fusion_centers.json")
    fifo(out_copy / "fusion_centers.json")
    with no_hang(), pytest.raises(PipelineError) as exc:
        api.centers(out_copy)
    assert "fusion_centers.json" in str(exc.value) and "regular file" in exc.value.message


# --- issue 19, item 9: a build folder from anywhere ----------------------------

def test_default_build_folder_does_not_depend_on_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert list(api.centers().id) == list(api.centers(OUT).id)


def test_sources_are_given_too():
    frame = api.sources(OUT)
    documents = frame[frame.role == "document"]
    assert set(documents.raw_file) == {"dhs_fusion_centers_capture.txt"} and len(documents) == 4  # its four pages
    assert str(frame.sha256.dtype) == "string" and str(frame.first_line.dtype) == "Int64"


def test_missing_build_folder_is_one_line(tmp_path):
    with pytest.raises(PipelineError) as exc:
        api.centers(tmp_path / "nowhere")
    assert one_line(str(exc.value)) and "nowhere" in str(exc.value)
