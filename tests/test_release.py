"""Citable releases (issue 19, item 3): --version, the data version in the
outputs that can hold it, and `make release` on a fixture raw folder in a
git repository of its own: refused while an error is open, then tagged, with
CHANGELOG.md and CITATION.cff committed."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cli import main as cli_main
from pipeline.release import VERSION_PATTERN, cite
from pipeline.release import main as release_main

ROOT = Path(__file__).resolve().parent.parent
HEADER = "center_id,field,expected,decision,value,code,reason,reviewer,date\n"
# Capture line 612: Oregon's website is an email address, the capture's one open error.
WAIVE_OREGON = ("oregon-terrorism-information-threat-assessment-network,website,"
                "www.oregonfusioncenter@doj.state.or.us,waive,,WEBSITE_INVALID,an email address,A. Reviewer,2026-11-30\n")
# Capture line 243: Connecticut's fax "(806) 706-5535"; 860 is Connecticut's area code.
SET_CONNECTICUT = ("connecticut-intelligence-center,fax,(806) 706-5535,set,(860) 706-5535,,typo in the area code,"
                   "A. Reviewer,2026-11-30\n")


def test_version_names_the_pipeline_and_the_build(real_build):
    _, out = real_build
    done = subprocess.run([sys.executable, "-m", "pipeline", "--version"], cwd=out.parent, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert done.stdout.splitlines()[0] == "fusion-centers 0.1.0"
    assert f"data {package['version']}, as of 2026-11-24" in done.stdout  # the capture's retrieval date


def test_the_data_version_and_as_of_date_are_in_the_outputs_that_can_hold_them(real_build):
    _, out = real_build
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    version = package["version"]
    assert VERSION_PATTERN.fullmatch(version) and version.startswith("2026.11.24+")
    with sqlite3.connect(out / "fusion_centers.sqlite") as db:
        metadata = dict(db.execute("SELECT key, value FROM metadata"))
    assert metadata == {"dataset": "fusion-centers", "data_version": version, "as_of": "2026-11-24",
                        "pipeline_version": "0.1.0"}
    for report in ("report.md", "report.html"):
        assert version in (out / report).read_text(encoding="utf-8")
    assert isinstance(json.loads((out / "fusion_centers.json").read_text(encoding="utf-8")), list)


def test_citation_cff_names_the_dataset_its_version_and_its_sources():
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert "cff-version: 1.2.0" in text and "type: dataset" in text
    assert VERSION_PATTERN.fullmatch(text.split('\nversion: "', 1)[1].split('"', 1)[0])
    for url in ("http://www.dhs.gov/fusion-center-locations-and-contact-information",
                "https://nfcausa.org/default.aspx/MenuItemID/117/MenuGroup/Public+Home.htm"):
        assert f'url: "{url}"' in text
    assert cite(text, "2027.1.2+raw.0123abcd", "2027-01-02").count("2027.1.2+raw.0123abcd") == 1


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def _isolate(monkeypatch, repo: Path) -> dict[str, str]:
    """The environment of a release in `repo`: no system or user git configuration, the
    package from this checkout; set in this process too, which runs the later steps."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent)}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.chdir(repo)
    return env


def _release(capsys) -> tuple[int, str, str]:
    """`make release` in this process (its first run in the test is a real process)."""
    code = release_main([])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _commit_build(repo: Path, capsys, message: str) -> None:
    assert cli_main(["extract"]) == 0, capsys.readouterr().err  # raw/ to out/ in the repository
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed: apt-get install git")
def test_make_release_refuses_while_an_error_is_open_then_tags_and_appends_the_changelog(tmp_path, monkeypatch,
                                                                                          capsys):
    repo = tmp_path / "data"
    shutil.copytree(ROOT / "raw", repo / "raw")  # the capture, its manifest and the reference data
    (repo / "raw" / "corrections.csv").write_text(HEADER, encoding="utf-8")
    for name in ("CHANGELOG.md", "CITATION.cff", ".gitignore"):  # out/CHANGELOG.md is ignored
        shutil.copy(ROOT / name, repo / name)
    env = _isolate(monkeypatch, repo)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "reviewer@example.org")
    _git(repo, "config", "user.name", "A. Reviewer")
    _commit_build(repo, capsys, "sources")

    # The entry point once in a process of its own, as make runs it; the later steps call its main here.
    refused = subprocess.run([sys.executable, "-m", "pipeline.release"], cwd=repo, capture_output=True, text=True,
                             timeout=300, env=env)
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.splitlines() == [refused.stderr.strip()]  # one line
    assert ("release refused: 1 open error: WEBSITE_INVALID on "
            "oregon-terrorism-information-threat-assessment-network (website)") in refused.stderr
    assert _git(repo, "tag", "--list") == ""

    (repo / "raw" / "corrections.csv").write_text(HEADER + WAIVE_OREGON, encoding="utf-8")  # the reviewer
    _commit_build(repo, capsys, "waive Oregon's website")
    code, _, err = _release(capsys)
    assert code == 0, err
    version = json.loads((repo / "out" / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert _git(repo, "tag", "--list").split() == [version]
    assert _git(repo, "rev-parse", f"{version}^{{commit}}") == _git(repo, "rev-parse", "HEAD")
    assert _git(repo, "status", "--porcelain") == ""
    changelog = (repo / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog\n") and f"\n## {version}\n\nData as of 2026-11-24; the first release." \
        in changelog
    assert f'version: "{version}"' in (repo / "CITATION.cff").read_text(encoding="utf-8")

    (repo / "raw" / "corrections.csv").write_text(HEADER + WAIVE_OREGON + SET_CONNECTICUT, encoding="utf-8")
    _commit_build(repo, capsys, "Connecticut's fax")
    code, _, err = _release(capsys)
    assert code == 0, err
    version2 = json.loads((repo / "out" / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert version2 != version and sorted(_git(repo, "tag", "--list").split()) == sorted([version, version2])
    section = (repo / "CHANGELOG.md").read_text(encoding="utf-8").split(f"\n## {version2}\n", 1)[1]
    assert f"compared with release {version}" in section
    assert "| `connecticut-intelligence-center` | `fax` | `+18067065535` | `+18607065535` |" in section
    # The findings too: the reviewer's value fixed Connecticut's out-of-state fax.
    assert ("| accepted | warning | `AREA_CODE_OUT_OF_STATE` | `connecticut-intelligence-center` | `fax` | "
            "`(806) 706-5535` |") in section
    assert (repo / "raw" / "corrections.csv").read_text(encoding="utf-8").count("\n") == 3  # never written

    (repo / "notes.txt").write_text("work in progress\n", encoding="utf-8")
    code, _, err = _release(capsys)
    assert code == 1 and "uncommitted changes" in err
