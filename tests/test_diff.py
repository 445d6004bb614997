"""`diff` between builds: two builds of edited copies of the capture (one phone
changed, one center removed), identical builds, and a build read from git."""
from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.build import build
from pipeline.cli import cmd_diff, parser
from pipeline.diff import Changes, FieldChange, changelog_markdown, diff_builds, diff_tables, format_changes
from pipeline.errors import PipelineError

ROOT = Path(__file__).resolve().parents[1]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"

# Line 253 of the capture, in the Dallas Fusion Center's block.
DALLAS_PHONE = "Phone: (214) 671-3482"
DALLAS_PHONE_EDITED = "Phone: (214) 671-3499"
# Line 97 (list bullet) and lines 679-688 (contact block, up to the next
# heading "Tennessee Fusion Center" on line 689).
ST_LOUIS_BULLET = "- St. Louis Fusion Center; St. Louis, MO"
ST_LOUIS_HEADING = "St. Louis Fusion Center; St. Louis, MO"
NEXT_HEADING = "Tennessee Fusion Center"
# Deleting the bullet moves every contact block up one line, and deleting
# the block (10 lines) moves the 10 blocks after it (Tennessee to Wisconsin)
# up 10 more: every remaining center's source_line changes.
LINES_IN_ST_LOUIS_BLOCK = 689 - 679
CENTERS_BELOW_ST_LOUIS = 10
CENTERS_ABOVE_ST_LOUIS = 78 - 1 - CENTERS_BELOW_ST_LOUIS


def edited_capture(text: str) -> str:
    lines = text.split("\n")
    assert lines.count(DALLAS_PHONE) == 1 and lines.count(ST_LOUIS_BULLET) == 1
    lines[lines.index(DALLAS_PHONE)] = DALLAS_PHONE_EDITED
    del lines[lines.index(ST_LOUIS_BULLET)]
    start = lines.index(ST_LOUIS_HEADING)
    end = lines.index(NEXT_HEADING, start)
    del lines[start:end]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Path]:
    """Three builds: the capture as it is (twice) and the edited copy; the raw
    folders hold no manifest, so the copies are read as they are."""
    base = tmp_path_factory.mktemp("builds")
    raws = {"a": CAPTURE.read_text(encoding="utf-8")}
    raws["same"] = raws["a"]
    raws["b"] = edited_capture(raws["a"])
    outs = {}
    for name, text in raws.items():
        raw = base / f"raw_{name}"
        raw.mkdir()
        (raw / CAPTURE.name).write_text(text, encoding="utf-8")
        outs[name] = base / f"out_{name}"
        build(raw, outs[name])
    return outs


@pytest.fixture(scope="module")
def changes(builds) -> Changes:
    return diff_builds(builds["a"], builds["b"])


def test_the_edited_phone_is_a_change(changes):
    assert changes.changed == (FieldChange("dallas-fusion-center", "phone", "+12146713482", "+12146713499"),)


def test_the_deleted_center_is_removed(changes):
    assert [r["id"] for r in changes.removed] == ["st-louis-fusion-center"]
    assert changes.removed[0]["name"] == "St. Louis Fusion Center"
    assert changes.added == ()


def test_moved_lines_are_provenance_changes_only(changes):
    assert {c.field for c in changes.provenance} == {"source_line"}
    shifts = [int(c.old) - int(c.new) for c in changes.provenance]
    assert shifts.count(1) == CENTERS_ABOVE_ST_LOUIS
    assert shifts.count(1 + LINES_IN_ST_LOUIS_BLOCK) == CENTERS_BELOW_ST_LOUIS
    assert len(shifts) == 77


def test_both_changes_are_printed(changes):
    text = format_changes(changes)
    assert "- st-louis-fusion-center  St. Louis Fusion Center (recognized) - St. Louis, MO" in text
    assert "~ dallas-fusion-center\n      phone: +12146713482 -> +12146713499" in text
    assert "77 provenance changes in 77 centers: source_line" in text
    assert "source_line:" not in text
    assert "no changes" not in text


def test_provenance_changes_are_listed_on_request(changes):
    text = format_changes(changes, provenance=True)
    assert "Provenance changed (77 centers):" in text
    # "Tennessee Fusion Center" is line 689 of the capture; 11 lines went above it.
    assert "~ tennessee-fusion-center\n      source_line: 689 -> 678" in text


def test_identical_builds_print_no_changes(builds):
    same = diff_builds(builds["a"], builds["same"])
    assert not same.has_changes and same.provenance == ()
    assert format_changes(same) == "no changes\n"


def test_the_changelog_lists_both_changes(changes):
    md = changelog_markdown(changes, "git:HEAD", "out")
    assert md.startswith("# Changes of this build\n")
    assert "| `dallas-fusion-center` | `phone` | `+12146713482` | `+12146713499` |" in md
    assert "## Removed (1)" in md and "| `st-louis-fusion-center` | `St. Louis Fusion Center` |" in md
    assert "No changes." not in md


def test_the_changelog_of_identical_builds(builds):
    assert "No changes." in changelog_markdown(diff_builds(builds["a"], builds["same"]), "a", "b")


def run_cli(argv: list[str], capsys) -> tuple[int, str]:
    code = cmd_diff(parser().parse_args(["diff", *argv]))
    return code, capsys.readouterr().out


@pytest.mark.parametrize("new, flags, code", [
    ("b", [], 0), ("b", ["--exit-code"], 1), ("same", [], 0), ("same", ["--exit-code"], 0),
], ids=["changed", "changed-exit-code", "same", "same-exit-code"])
def test_cli_exit_codes(builds, capsys, new, flags, code):
    got, out = run_cli([str(builds["a"]), str(builds[new]), *flags], capsys)
    assert got == code
    assert ("no changes" in out) == (new == "same")


def test_cli_markdown(builds, capsys):
    _, out = run_cli([str(builds["a"]), str(builds["b"]), "--markdown"], capsys)
    assert out.startswith("# Changes of this build")


def test_a_csv_file_is_accepted_as_a_build(builds):
    assert diff_builds(builds["a"] / "fusion_centers.csv", builds["b"]).changed


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(builds, tmp_path, monkeypatch) -> Path:
    """A git repository whose first commit holds build a's out/, and whose
    second holds build b's; the test runs inside it."""
    repo = tmp_path / "repo"
    (repo / "out").mkdir(parents=True)
    git(repo, "init", "-q")
    for name in ("a", "b"):
        shutil.copy(builds[name] / "fusion_centers.csv", repo / "out" / "fusion_centers.csv")
        git(repo, "add", "out/fusion_centers.csv")
        git(repo, "commit", "-q", "-m", f"build {name}")
    monkeypatch.chdir(repo)
    return repo


@pytest.mark.parametrize("old, new", [
    ("git:HEAD~1", "git:HEAD"), ("git:HEAD~1", "out"),
], ids=["two-revisions", "revision-against-folder"])
def test_a_git_revision_is_read(repo, old, new):
    changes = diff_builds(old, new)
    assert [c.field for c in changes.changed] == ["phone"]
    assert [r["id"] for r in changes.removed] == ["st-louis-fusion-center"]


def test_the_committed_build_against_itself(repo):
    assert format_changes(diff_builds("git:HEAD", "out")) == "no changes\n"


@pytest.mark.parametrize("spec, says", [
    ("git:no-such-revision", "git show no-such-revision:out/fusion_centers.csv failed"),
    ("missing-folder", "is not a build's fusion_centers.csv"),
], ids=["unknown-revision", "missing-folder"])
def test_an_unreadable_build_is_a_pipeline_error(repo, spec, says):
    with pytest.raises(PipelineError, match=says):
        diff_builds(spec, "out")


CSV_HEAD = "id,name,phone,source_line\r\n"


@pytest.mark.parametrize("old, new, expected", [
    (CSV_HEAD + "x,X,+12025550100,5\r\n", CSV_HEAD + "x,X,+12025550100,5\r\n", "no changes\n"),
    (CSV_HEAD, CSV_HEAD + "x,X,,5\r\n", "Added (1):\n  + x  X\n"),
    (CSV_HEAD + "x,X,,5\r\n", CSV_HEAD + "x,X,,6\r\n",
     "no changes\n(1 provenance change in 1 center: source_line; --provenance lists them)\n"),
    (CSV_HEAD + "x,X,,5\r\n", "id,name,source_line\r\nx,X,5\r\n", "Columns: -phone\n"),
    (CSV_HEAD + "x,X,,5\r\n", CSV_HEAD + "x,X,+12025550100,5\r\n",
     "Changed (1 center):\n  ~ x\n      phone: '' -> +12025550100\n"),
    (CSV_HEAD + "x,X,+12025550100,5\r\n", CSV_HEAD + "x,X,202-555-0100,5\r\n", "no changes\n"),
    (CSV_HEAD + "x,X,+12025550100,5\r\n", CSV_HEAD + "x,X,202-555-0101,5\r\n",
     "Changed (1 center):\n  ~ x\n      phone: +12025550100 -> +12025550101\n"),
], ids=["same", "added", "provenance-only", "column-removed", "empty-to-value", "e164-build-to-dashed-build",
        "dashed-number-changed"])
def test_small_tables(old, new, expected):
    assert format_changes(diff_tables(old.encode(), new.encode())) == expected


FINDINGS_HEAD = "code,severity,center_id,field,value,source,status,note\r\n"
OREGON = "WEBSITE_INVALID,error,oregon,website,www.x@doj.state.or.us,capture.txt"
CONNECTICUT = "AREA_CODE_OUT_OF_STATE,warning,connecticut,fax,(806) 706-5535,capture.txt"
DATED = "SOURCE_OUTDATED,warning,,published,\"July 23, 2015\",capture.txt"


@pytest.mark.parametrize("old, new, expected", [
    ([f"{OREGON},open,"], [f"{OREGON},open,"], []),
    ([], [f"{OREGON},open,"], [("new", "WEBSITE_INVALID")]),
    ([f"{OREGON},open,"], [], [("fixed", "WEBSITE_INVALID")]),  # gone: the source was corrected
    ([f"{CONNECTICUT},open,"], [f"{CONNECTICUT},fixed,J. Doe on 2026-11-30: set fax"], [("accepted", "AREA_CODE_OUT_OF_STATE")]),
    ([f"{CONNECTICUT},open,"], [f"{CONNECTICUT},fixed,"], [("fixed", "AREA_CODE_OUT_OF_STATE")]),
    ([f"{DATED},open,"], [f"{DATED},waived,J. Doe: acknowledged"], [("waived", "SOURCE_OUTDATED")]),
    ([f"{DATED},waived,J. Doe: acknowledged"], [f"{DATED},open,"], [("reopened", "SOURCE_OUTDATED")]),
    ([f"{OREGON},open,", f"{CONNECTICUT},open,"], [f"{CONNECTICUT},waived,x", f"{DATED},open,"],
     [("new", "SOURCE_OUTDATED"), ("fixed", "WEBSITE_INVALID"), ("waived", "AREA_CODE_OUT_OF_STATE")]),
], ids=["same", "new", "gone-is-fixed", "accepted-by-a-decision", "fixed-by-the-pipeline", "waived", "reopened",
        "mixed-in-order"])
def test_findings_are_compared_by_code_center_field_source_and_value(old, new, expected):
    def table(rows):
        return (FINDINGS_HEAD + "".join(r + "\r\n" for r in rows)).encode()
    changes = diff_tables(CSV_HEAD.encode(), CSV_HEAD.encode(), "old", "new", table(old), table(new))
    assert [(c.kind, c.code) for c in changes.findings] == expected
    assert not changes.has_changes  # the centers did not change: --exit-code looks at the data
    text = format_changes(changes)
    assert ("no changes" in text) is (expected == [])
    assert all(f"  {kind:<9}" in text for kind, _ in expected)
    markdown = changelog_markdown(changes, "old", "new")
    assert all(f"| {kind} |" in markdown for kind, _ in expected)


def test_a_repeated_id_is_a_pipeline_error():
    with pytest.raises(PipelineError, match="line 3"):
        diff_tables((CSV_HEAD + "x,X,,5\r\nx,Y,,6\r\n").encode(), CSV_HEAD.encode(), "old.csv")


# --- hostile input (issue 10) --------------------------------------------------

def test_a_revision_that_looks_like_an_option_is_refused(repo, tmp_path):
    written = tmp_path / "pwned:out" / "fusion_centers.csv"  # where `git show --output=…/pwned:out/…` writes
    written.parent.mkdir()
    with pytest.raises(PipelineError, match="begins with '-'"):
        diff_builds(f"git:--output={tmp_path / 'pwned'}", "out")
    assert not written.exists()


def test_git_is_told_where_its_options_end(repo, monkeypatch):
    calls: list[list[str]] = []
    real = subprocess.run

    def spy(argv, *args, **kwargs):
        calls.append(list(argv))
        return real(argv, *args, **kwargs)
    monkeypatch.setattr(subprocess, "run", spy)
    assert diff_builds("git:HEAD~1", "out").changed
    with_rev = [argv for argv in calls if argv[0] == "git" and any(a.startswith("HEAD~1") for a in argv)]
    assert with_rev
    for argv in with_rev:
        rev_at = next(i for i, a in enumerate(argv) if a.startswith("HEAD~1"))
        assert "--end-of-options" in argv[:rev_at] and "--" not in argv


def test_a_cell_over_128_kb_is_read():
    previous = csv.field_size_limit(128 * 1024)  # Python's default; frictionless raises it when imported
    long_name = "Fusion Center " + "x" * 200_000
    try:
        changes = diff_tables((CSV_HEAD + "x,X,,5\r\n").encode(), (CSV_HEAD + f"x,{long_name},,5\r\n").encode())
    finally:
        csv.field_size_limit(previous)
    assert changes.changed == (FieldChange("x", "name", "X", long_name),)
