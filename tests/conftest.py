"""Shared fixtures: the real capture, read and built once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
CAPTURE = RAW / "dhs_fusion_centers_capture.txt"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def capture_bytes() -> bytes:
    return CAPTURE.read_bytes()


@pytest.fixture(scope="session")
def capture_lines(capture_bytes) -> list[str]:
    """The capture's lines; index 0 is line 1."""
    return capture_bytes.decode("utf-8").split("\n")


@pytest.fixture(scope="session")
def capture_extraction(capture_bytes):
    from pipeline.extract.capture import extract_capture
    return extract_capture(capture_bytes, CAPTURE.name, "")


@pytest.fixture(scope="session")
def real_build(tmp_path_factory):
    """A complete build of raw/ into a fresh folder."""
    from pipeline.build import build
    out = tmp_path_factory.mktemp("build") / "out"
    b = build(RAW, out)
    return b, out
