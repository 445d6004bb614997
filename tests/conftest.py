"""Shared fixtures: the real capture, read and built once per session.

The whole suite has a budget: `make test` within 60 s on two cores (tests run in two pytest-xdist
workers). What makes a test dear here, and what to reuse instead (say the cost of what you add):
- Reading a PDF (pdfminer's parse, 0.1 to 1 s of CPU a file): a committed PDF read whole goes through
  `tests.extract.corpus.extraction(path)` (read under the name "document.pdf"), read once per run for
  all workers; anything else a test run needs once, through `tests.extract.corpus.shared(key, make)`
  (computed by the first worker to ask, under a lock, pickled in the folder the workers share) wrapped
  in `functools.cache`, as `real_build` and `layouts_reference` below are.
- A build of raw/ (about 0.15 s): the `real_build` fixture when the test reads the capture's outputs;
  `capture_extraction` for the capture's raw records.
- A process of its own (`python -m pipeline ...`, about 1 s of CPU: phonenumbers' geocoder data alone
  takes 0.5 s to load): call `pipeline.cli.main` in the test's process (tests/test_cli.py's `run`
  fixture) unless only a process shows what is tested (a closed pipe, a kill, a hash seed, the entry
  point itself).
- Property tests: their example counts come from the Hypothesis profile below; scale a dear one down
  from it (tests/test_properties.py) rather than fixing a number.
- A timer in a test counts wall time on a shared, loaded machine: a guard against a hang allows
  seconds, not a fraction (tests/hostile/attack.py, `no_hang`).
`pytest --durations=20` lists the dearest tests.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.extract.corpus import SHARED_FOLDER, shared

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
CAPTURE = RAW / "dhs_fusion_centers_capture.txt"
FIXTURES = ROOT / "tests" / "fixtures"
LAYOUTS = ROOT / "bench" / "layouts"

# The property tests' example counts (tests/test_properties.py scales its dearer tests from them):
# "suite", loaded here, keeps `make test` within its budget; `pytest --hypothesis-profile=thorough`
# draws ten times as many (a few minutes), worth a run after a change to a reader or a normalizer.
settings.register_profile("suite", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", settings.get_profile("suite"), max_examples=1500)
settings.load_profile("suite")


@pytest.fixture(scope="session", autouse=True)
def _no_flush_to_disk():
    """A build in a test's process writes each file as it always does (beside it, then renamed) but
    does not wait for the disk to hold it (`os.fsync`): about 130 builds of 17 files each, some
    seconds of waiting on a busy disk, for a power cut no test makes. The processes tests start
    (a killed build, a build paused at its fsync: tests/test_atomic.py, tests/test_out_folder.py)
    flush as a user's build does."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", lambda fd: None)
        yield


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
def layouts_reference():
    """The capture's records and findings, as bench/layouts/score.py judges a printed layout
    against them (test_generated_layouts.py and test_pdf_forms.py)."""
    if str(LAYOUTS) not in sys.path:
        sys.path.insert(0, str(LAYOUTS))
    import score
    return shared("layouts reference", score.reference)


@pytest.fixture(scope="session")
def real_build(tmp_path_factory):
    """A complete build of raw/ into a fresh folder, made once per run: under pytest-xdist
    the first worker to ask builds it in the folder the workers share (`tests.extract.corpus`)."""
    from pipeline.build import build
    folder = os.environ.get(SHARED_FOLDER)
    out = Path(folder) / "real_build" / "out" if folder else tmp_path_factory.mktemp("build") / "out"
    return shared("real build", lambda: build(RAW, out)), out


def pytest_configure(config):
    """The first process of a run (pytest-xdist's controller, or pytest alone) makes
    the folder where the workers keep what they read once for all (`tests.extract.corpus`);
    the workers it starts inherit its name."""
    if SHARED_FOLDER not in os.environ:
        os.environ[SHARED_FOLDER] = tempfile.mkdtemp(prefix="fusion-centers-tests-")
        config.stash[_OWN_FOLDER] = os.environ[SHARED_FOLDER]


def pytest_unconfigure(config):
    """The process that made the shared folder removes it when the run ends."""
    folder = config.stash.get(_OWN_FOLDER, None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(SHARED_FOLDER, None)


_OWN_FOLDER = pytest.StashKey[str]()
