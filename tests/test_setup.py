"""Set-up and the command line as a new user meets them: pinned versions, the
message of a Python without the dependencies, and `make check`."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _name(requirement: str) -> str:
    """A requirement's project name, normalized (PEP 503)."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement).group()).lower()


def test_every_dependency_is_pinned_in_the_constraints_file():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + [r for group in project["optional-dependencies"].values() for r in group]
    pins = {_name(line): line for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")}
    assert all("==" in line for line in pins.values())
    assert {_name(r) for r in wanted} - set(pins) == set()


def test_make_installs_with_the_constraints_and_the_readme_says_how_to_update_them():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-c $(CONSTRAINTS)" in makefile and "CONSTRAINTS := constraints.txt" in makefile
    assert "make constraints" in README


def test_a_python_without_the_dependencies_says_what_to_run():
    # -S: no site-packages, so none of the dependencies can be imported.
    done = subprocess.run([sys.executable, "-S", "-m", "pipeline", "check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 4
    assert done.stdout == "" and len(done.stderr.splitlines()) == 1
    assert "make extract" in done.stderr and ".venv/bin/python -m pipeline" in done.stderr
    assert re.search(r"^\| 4 \|", README, re.M)  # in the README's table of exit codes


def test_check_lists_each_open_error_and_warning():
    done = subprocess.run([sys.executable, "-m", "pipeline", "check", "--strict"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    listed = done.stdout.split("Open errors and warnings:\n", 1)[1].splitlines()
    # One error (Oregon's website, capture line 612) and eleven warnings.
    assert len(listed) == 12
    assert listed[0].split() == ["error", "WEBSITE_INVALID", "oregon-terrorism-information-threat-assessment-network",
                                 "website", "'www.oregonfusioncenter@doj.state.or.us'", "at",
                                 "dhs_fusion_centers_capture.txt,", "line", "612:",
                                 "'www.oregonfusioncenter@doj.state.or.us'"]
    # A warning's evidence is its whole source line: Connecticut's fax, capture line 243.
    assert any(line.endswith("line 243: 'Fax: (806) 706-5535'") for line in listed)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed: apt-get install make")
def test_make_check_fails_with_makes_own_code_while_an_error_is_open():
    done = subprocess.run(["make", "--no-print-directory", "check"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 2  # make's code for a failed recipe; the gate's own code is 1
    assert "WEBSITE_INVALID" in done.stdout
