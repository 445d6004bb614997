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

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _name(requirement: str) -> str:
    """A requirement's project name, normalized (PEP 503)."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement).group()).lower()


LOCKED = ("build", "test", "serve")


def _pins(path: Path) -> dict[str, list[str]]:
    """A requirements file's pins (`name==version`) with their hashes, by normalized name."""
    pins: dict[str, list[str]] = {}
    name = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            name = _name(line)
            assert re.match(r"[A-Za-z0-9._-]+==\S+", line), line
            pins.setdefault(name, [])
        elif line.strip().startswith("--hash=sha256:"):
            pins[name].append(line.split(":", 1)[1].rstrip(" \\"))
    return pins


def test_every_dependency_is_locked_with_hashes_and_each_make_target_adds_only_its_own():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    files = {group: _pins(ROOT / "requirements" / f"{group}.txt") for group in LOCKED}
    for group, pins in files.items():
        assert pins and all(len(hashes) >= 1 for hashes in pins.values()), group
    assert {_name(r) for r in project["dependencies"]} <= set(files["build"])
    assert "setuptools" in files["build"]  # the package is installed without build isolation
    for extra in ("test", "serve"):
        assert {_name(r) for r in extras[extra]} <= set(files[extra])
        assert set(files["build"]) <= set(files[extra])  # the same versions, one resolution
        assert all(files[extra][name] == files["build"][name] for name in files["build"])
    # make extract installs no test tool and no Datasette.
    assert not {_name(r) for r in extras["test"] + extras["serve"]} & set(files["build"])
    assert list(_pins(ROOT / "requirements" / "uv.txt")) == ["uv"]


# Wheel tags that install on each locked platform (PEP 425 and 600): a pure wheel,
# or a CPython 3.11 to 3.13 one (or the stable ABI) built for Linux on the machine.
def _installs_on(wheel: str, machine: str, minor: int) -> bool:
    python, abi, platform = wheel.removesuffix(".whl").split("-")[-3:]
    pythons, platforms = python.split("."), platform.split(".")
    if platform == "any":
        return any(p in ("py3", "py2.py3") or p.startswith("py3") for p in pythons)
    if not any(p.endswith(machine) and p.startswith(("manylinux", "linux")) for p in platforms):
        return False
    if abi == "abi3":
        return any(p.startswith("cp3") and int(p[3:]) <= minor for p in pythons)
    return f"cp3{minor}" in pythons or python == "py3"


@pytest.mark.parametrize(("wheel", "machine", "minor", "installs"), [
    ("six-1.17.0-py2.py3-none-any.whl", "aarch64", 11, True),
    ("numpy-2.5.5-cp313-cp313-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl", "aarch64", 13, True),
    ("numpy-2.5.5-cp313-cp313-manylinux_2_27_aarch64.manylinux_2_28_aarch64.whl", "x86_64", 13, False),
    ("numpy-2.5.5-cp312-cp312-macosx_14_0_x86_64.whl", "x86_64", 12, False),
    ("numpy-2.5.5-cp312-cp312-manylinux_2_28_x86_64.whl", "x86_64", 11, False),
    ("cryptography-46.0.0-cp311-abi3-manylinux_2_34_x86_64.whl", "x86_64", 13, True),
], ids=["pure", "aarch64", "other-machine", "macos", "other-python", "stable-abi"])
def test_wheel_tags_read_as_pep_425_says(wheel, machine, minor, installs):
    assert _installs_on(wheel, machine, minor) is installs


@pytest.mark.parametrize("machine", ["x86_64", "aarch64"])
@pytest.mark.parametrize("minor", [11, 12, 13])
def test_the_lock_has_a_wheel_for_each_platform_it_covers(machine, minor):
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    missing = []
    for package in lock["package"]:
        if "wheels" not in package:
            continue  # the project itself
        markers = package.get("resolution-markers", [])
        if markers and not _marker_allows(markers, minor):
            continue  # a fork for other Pythons (numpy's last release for 3.11, ...)
        if not any(_installs_on(w["url"].rsplit("/", 1)[1], machine, minor) for w in package["wheels"]):
            missing.append(package["name"])
    assert missing == []


def _marker_allows(markers: list[str], minor: int) -> bool:
    """Whether one of a package's resolution markers (PEP 508) admits CPython 3.minor's latest patch."""
    from packaging.markers import Marker  # a dependency of the test tools (pytest)

    env = {"python_full_version": f"3.{minor}.99", "python_version": f"3.{minor}",
           "platform_machine": "x86_64", "sys_platform": "linux", "platform_python_implementation": "CPython"}
    return any(Marker(m).evaluate(env) for m in markers)


def test_make_installs_from_the_lock_and_the_readme_says_how_to_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "tools/install.sh" in makefile and "$(UV) lock" in makefile
    assert "constraints.txt" not in makefile and not (ROOT / "constraints.txt").exists()
    assert "make constraints" in README and "uv.lock" in README


@pytest.mark.parametrize("uv_available", [True, False], ids=["uv", "pip-fallback"])
def test_the_installer_uses_uv_when_it_can_and_pip_when_it_cannot(tmp_path, uv_available):
    # A stand-in environment whose python and uv record how they were called; its
    # pip "installs" uv by copying the stand-in, or fails as it would without access to it.
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    log = tmp_path / "calls"
    stand_in_uv = tmp_path / "uv"
    stand_in_uv.write_text(f'#!/bin/sh\necho "uv $*" >> {log}\n')
    stand_in_uv.chmod(0o755)
    get_uv = f"cp {stand_in_uv} {venv}/bin/uv" if uv_available else "exit 1"
    (venv / "bin" / "python").write_text(
        f'#!/bin/sh\necho "python $*" >> {log}\ncase "$*" in *requirements/uv.txt*) {get_uv};; esac\n')
    (venv / "bin" / "python").chmod(0o755)
    (venv / "bin" / "pip").symlink_to("python")  # the environment has a pip of its own
    done = subprocess.run(["bash", str(ROOT / "tools" / "install.sh"), str(venv), "requirements/build.txt"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    calls = [call for call in log.read_text().splitlines() if " install " in call]
    assert "--require-hashes" in calls[0] and "requirements/uv.txt" in calls[0]
    installer = "uv" if uv_available else "python"
    assert [c.split()[0] for c in calls[1:]] == [installer, installer]
    assert "--require-hashes -r requirements/build.txt" in calls[1]
    assert "--no-deps --no-build-isolation -e ." in calls[2]
    assert ("pip instead" in done.stderr) is not uv_available


def test_a_python_without_the_dependencies_says_what_to_run():
    # -S: no site-packages, so none of the dependencies can be imported.
    done = subprocess.run([sys.executable, "-S", "-m", "pipeline", "check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 4
    assert done.stdout == "" and len(done.stderr.splitlines()) == 1
    assert "make extract" in done.stderr and ".venv/bin/python -m pipeline" in done.stderr
    assert re.search(r"^\| 4 \|", README, re.M)  # in the README's table of exit codes


def test_check_lists_each_open_error_and_warning(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)  # check reads raw/ of the working folder (make check's own run is the test below)
    assert main(["check", "--strict"]) == 1
    listed = capsys.readouterr().out.split("Open errors and warnings:\n", 1)[1].splitlines()
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
