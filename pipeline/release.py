"""Citable releases: `python -m pipeline --version` and `make release`.

A build's data version (`datapackage.release_version`: the build's as-of date
and a hash of every input it read) and its as-of date are written into the
data package, the SQLite `metadata` table and the report; `--version` reads
them back from the build in out/.

`make release` (`python -m pipeline.release`) rebuilds out/ from raw/ and
refuses, in one line and with exit code 1, while the work tree holds
uncommitted changes, while the rebuilt out/ differs from the committed one, or
while an error finding is open (naming each), or when the version is already
released. Otherwise it appends a section to the committed `CHANGELOG.md` (the
diff of out/ against the last release's), writes the version and date into
`CITATION.cff`, commits both and tags the commit with the data version. It
never writes raw/: decisions in raw/corrections.csv are a reviewer's alone.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.diff import changelog_markdown, diff_tables, git_show
from pipeline.errors import PipelineError

CHANGELOG = "CHANGELOG.md"
CITATION = "CITATION.cff"
CHANGELOG_HEAD = ("# Changelog\n\nOne section per release of the data, oldest first, appended by `make release`: "
                  "what changed in the published centers and findings since the release before. Each release is a "
                  "git tag named by its data version.\n")
# A data version as release_version writes it: the as-of date, then "+" and a hash of the inputs.
VERSION_PATTERN = re.compile(r"\d{4}\.\d{1,2}\.\d{1,2}\+[a-z]+\.[0-9a-f]{8}")
EXIT_REFUSED = 1


def build_version(out_dir: Path) -> tuple[str, str] | None:
    """(data version, as-of date) of the build in `out_dir`, read from its
    datapackage.json; None when the folder holds no readable build."""
    try:
        package = json.loads((out_dir / "datapackage.json").read_text(encoding="utf-8"))
        return str(package["version"]), str(package["created"])[:10]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def version_text(out_dir: Path) -> str:
    """What `python -m pipeline --version` prints: the pipeline's version, and the
    data version and as-of date of the build in `out_dir` (or that there is none)."""
    found = build_version(out_dir)
    data = (f"data {found[0]}, as of {found[1]} ({out_dir / 'datapackage.json'})" if found
            else f"data: no build in {out_dir}/ (make extract writes one)")
    return f"fusion-centers {__version__}\n{data}"


def open_errors(out_dir: Path) -> list[dict]:
    """The open findings of severity error in the build in `out_dir`."""
    findings = json.loads((out_dir / "discrepancies.json").read_text(encoding="utf-8"))
    return [f for f in findings if f["severity"] == "error" and f["status"] == "open"]


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no reason given"])[0]
        raise PipelineError(f"git {args[0]} failed: {reason}", source=str(repo))
    return done.stdout


def last_release(repo: Path) -> str | None:
    """The newest release tag reachable from HEAD (a tag named by a data version)."""
    tags = _git(repo, "tag", "--merged", "HEAD", "--sort=-creatordate").split()
    return next((t for t in tags if VERSION_PATTERN.fullmatch(t)), None)


def changelog_section(version: str, as_of: str, previous: str | None, out_dir: Path, repo: Path) -> str:
    """The CHANGELOG.md section of release `version`: the diff of out/ against
    the release `previous` (or, for the first release, a line saying so)."""
    head = f"\n## {version}\n\nData as of {as_of}"
    if previous is None:
        return head + "; the first release.\n"
    rel = out_dir.resolve().relative_to(repo.resolve()).as_posix()
    status, old, _ = git_show(previous, f"{rel}/fusion_centers.csv", repo)
    if status != 0:
        return head + f"; release {previous} has no {rel}/fusion_centers.csv to compare with.\n"
    status, old_findings, _ = git_show(previous, f"{rel}/discrepancies.csv", repo)
    changes = diff_tables(old, (out_dir / "fusion_centers.csv").read_bytes(), previous, version,
                          old_findings if status == 0 else None, (out_dir / "discrepancies.csv").read_bytes())
    body = changelog_markdown(changes, previous, version)
    body = re.sub(r"\A# [^\n]*\n+", "", body)  # the section has its own heading,
    body = re.sub(r"^## ", "### ", body, flags=re.M)  # so the diff's headings go one level down
    return head + f", compared with release {previous}.\n\n" + body.rstrip("\n") + "\n"


def cite(text: str, version: str, as_of: str) -> str:
    """CITATION.cff's text with `version` and `date-released` set.

    >>> cite('title: x\\nversion: "old"\\ndate-released: 2020-01-01\\n', "2026.11.24+raw.0a73cc7b", "2026-11-24")
    'title: x\\nversion: "2026.11.24+raw.0a73cc7b"\\ndate-released: 2026-11-24\\n'
    """
    text = re.sub(r"^version: .*$", f'version: "{version}"', text, count=1, flags=re.M)
    return re.sub(r"^date-released: .*$", f"date-released: {as_of}", text, count=1, flags=re.M)


class Refused(Exception):
    """A release that must not be made, with the one line that says why."""


def release(repo: Path, raw_dir: Path, out_dir: Path) -> str:
    """Make a release of the build of `raw_dir` in `out_dir` inside the git work
    tree `repo`; its version. Raises Refused with the reason."""
    if _git(repo, "status", "--porcelain"):
        raise Refused("the work tree has uncommitted changes: commit them (or stash them) first.")
    # 1.45 s to import a build's modules (see pipeline/cli.py), which `--version`, the other
    # user of this module, never needs.
    from pipeline.build import build
    try:
        build(raw_dir, out_dir)  # relative to the working folder, the work tree's top as make runs it
    except PipelineError as exc:
        raise Refused(f"the build failed: {exc}") from exc
    if _git(repo, "status", "--porcelain"):
        raise Refused(f"a fresh build differs from the committed {out_dir}/: review `git diff`, commit it, "
                      "then release.")
    errors = open_errors(out_dir)
    if errors:
        named = "; ".join(f"{e['code']} on {e['center_id'] or e['source']} ({e['field']})" for e in errors)
        raise Refused(f"{len(errors)} open error{'s' if len(errors) > 1 else ''}: {named}. Fix the source or "
                      "record a decision in raw/corrections.csv, then release.")
    version, as_of = build_version(out_dir) or ("", "")
    if not VERSION_PATTERN.fullmatch(version):
        raise Refused(f"{out_dir}/datapackage.json has no data version.")
    if version in _git(repo, "tag", "--list").split():
        raise Refused(f"{version} is already released (a tag of that name exists).")
    changelog, citation = repo / CHANGELOG, repo / CITATION
    text = changelog.read_text(encoding="utf-8") if changelog.exists() else CHANGELOG_HEAD
    section = changelog_section(version, as_of, last_release(repo), out_dir, repo)
    changelog.write_text(text.rstrip("\n") + "\n" + section, encoding="utf-8")
    if citation.exists():
        citation.write_text(cite(citation.read_text(encoding="utf-8"), version, as_of), encoding="utf-8")
    _git(repo, "add", "--", CHANGELOG, *([CITATION] if citation.exists() else []))
    _git(repo, "commit", "--quiet", "-m", f"Release {version}: data as of {as_of}")
    _git(repo, "tag", "--annotate", version, "-m", f"Data version {version}, as of {as_of}")
    return version


def main(argv: list[str] | None = None) -> int:
    """`make release`: 0 released, 1 refused (one line says why), 3 git or a file failed."""
    p = argparse.ArgumentParser(prog="python -m pipeline.release", description=__doc__.split("\n\n")[2])
    p.add_argument("--raw", type=Path, default=Path("raw"), metavar="DIR", help="raw folder (default: raw/)")
    p.add_argument("--out", type=Path, default=Path("out"), metavar="DIR", help="output folder (default: out/)")
    args = p.parse_args(argv)
    repo = Path.cwd()
    try:
        version = release(repo, args.raw, args.out)
    except Refused as exc:
        print(f"release refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except (PipelineError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    print(f"Released {version}: tagged {version}, {CHANGELOG} and {CITATION} committed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
