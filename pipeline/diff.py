"""What changed between two builds: centers added, removed, and fields changed.

`diff_builds(old, new)` compares the `fusion_centers.csv` of two builds, row
by row, keyed by `id`. A build is named by:

- an out/ folder (`out`, `/tmp/old/out`), or the CSV file itself;
- `git:REV`, the CSV committed at revision REV of the repository the command
  runs in (`git show REV:out/fusion_centers.csv`), e.g. `git:HEAD`.

Changes to the provenance columns (`tables.PROVENANCE_COLUMNS`: source_url,
source_line, source_file, heading, match_method, match_score) are kept apart
from changes to the data: a line added near the top of a capture moves the
source_line of every center below it, which says nothing about the centers.
They are counted in the summary and listed only on request
(`--provenance`), and they never make `--exit-code` fail on their own; a
change of the data always does. Columns that one build has and the other
does not are reported by name, and only the shared columns are compared.

Values are compared as the CSV writes them (both sides neutralized alike),
phones as E.164 whichever form the build wrote.

The findings of the two builds (`discrepancies.csv`, beside the centers, or
at REV) are compared too, each keyed by its code, center, field, source and
value: a finding is `new` (open, and not in the old build), `fixed` (by a
certain fix of the pipeline, or gone because the source changed), `accepted`
(fixed by a reviewer's decision: its note names it), `waived` by a reviewer,
or `reopened`. A build without a findings file is compared by its centers.
"""
from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pipeline.errors import PipelineError
from pipeline.export import markdown
from pipeline.export.tables import PROVENANCE_COLUMNS, VALIDATED_COLUMNS, phone_e164
from pipeline.files import read_named, read_regular

CENTERS_CSV = "fusion_centers.csv"
FINDINGS_CSV = "discrepancies.csv"
GIT_PREFIX = "git:"
# 100,000 synthetic centers make a CSV of about 40 MB; the real one is under 100 KB.
MAX_CSV_BYTES = 128 * 1024 * 1024
# Shown beside an id in lists of added and removed centers.
SUMMARY_COLUMNS = ("name", "designation", "city", "state")


@dataclass(frozen=True)
class FieldChange:
    """One changed cell: the center's id, the column, and its old and new text as
    the CSV writes it."""

    id: str
    field: str
    old: str
    new: str


class FindingChangeKind(StrEnum):
    """How a finding changed from one build to the next."""

    NEW = "new"
    FIXED = "fixed"
    ACCEPTED = "accepted"
    WAIVED = "waived"
    REOPENED = "reopened"


@dataclass(frozen=True)
class FindingChange:
    """One finding whose status changed, or that appeared or went, with its
    cells as the newer build writes them (the older one's if it is gone)."""

    kind: FindingChangeKind
    severity: str
    code: str
    center_id: str
    field: str
    value: str
    source: str
    note: str  # the reviewer's decision, when one set the status


@dataclass(frozen=True)
class Changes:
    """Two builds' centers compared; rows are dicts of the CSV's columns."""

    added: tuple[dict[str, str], ...]  # sorted by id
    removed: tuple[dict[str, str], ...]  # sorted by id
    changed: tuple[FieldChange, ...]  # data columns, by id then column order
    provenance: tuple[FieldChange, ...]  # provenance columns, same order
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()
    findings: tuple[FindingChange, ...] = ()  # by kind, then severity, code and center

    @property
    def renamed(self) -> tuple[FieldChange, ...]:
        """The centers whose name changed under the same id (the id register keeps
        a renamed center's id): told as renames, not as changed fields."""
        return tuple(c for c in self.changed if c.field == "name")

    @property
    def has_changes(self) -> bool:
        """Whether the data changed (provenance changes alone do not count)."""
        return bool(self.added or self.removed or self.changed or self.columns_added or self.columns_removed)

    def changed_ids(self, provenance: bool = False) -> list[str]:
        """The sorted ids of the centers whose data changed, or with `provenance`,
        whose provenance columns changed."""
        return sorted({c.id for c in (self.provenance if provenance else self.changed)})


def git_show(rev: str, path: str, cwd: Path | str = ".") -> tuple[int, bytes, bytes]:
    """Run `git show REV:PATH` in `cwd`: (exit status, stdout, stderr).

    A REV that begins with "-" is refused, and `--end-of-options` tells git
    that REV is not an option, so `git:--output=FILE` cannot make git write
    a file. Raises OSError when git cannot be started.
    """
    if rev.startswith("-"):
        raise PipelineError("is not a revision: it begins with '-', so git would read it as an option.",
                            source=f"{GIT_PREFIX}{rev}")
    r = subprocess.run(["git", "-C", str(cwd), "show", "--end-of-options", f"{rev}:{path}"],
                       capture_output=True, check=False)
    return r.returncode, r.stdout, r.stderr


def read_findings_csv(spec: Path | str) -> bytes | None:
    """The bytes of a build's discrepancies.csv, or None when the build has none
    (an older build, or a centers CSV given alone without one beside it)."""
    text = str(spec)
    if text.startswith(GIT_PREFIX):
        try:
            status, stdout, _ = git_show(text[len(GIT_PREFIX):] or "HEAD", f"out/{FINDINGS_CSV}")
        except OSError:
            return None
        return stdout if status == 0 else None
    path = Path(spec)
    path = path / FINDINGS_CSV if path.is_dir() else path.parent / FINDINGS_CSV
    try:
        return path.read_bytes()
    except OSError:
        return None


def read_centers_csv(spec: Path | str) -> bytes:
    """The bytes of a build's fusion_centers.csv (see the module docstring)."""
    text = str(spec)
    if text.startswith(GIT_PREFIX):
        rev = text[len(GIT_PREFIX):] or "HEAD"
        try:
            status, stdout, stderr = git_show(rev, f"out/{CENTERS_CSV}")
        except OSError as exc:
            raise PipelineError(f"cannot be read: git could not be run ({exc}).", source=text) from None
        if status != 0:
            reason = stderr.decode("utf-8", "replace").strip().splitlines()
            raise PipelineError(f"cannot be read: git show {rev}:out/{CENTERS_CSV} failed"
                                f"{': ' + reason[0] if reason else ''}.", source=text)
        return stdout
    path = Path(spec)
    try:
        if path.is_dir():  # the CSV is found in the folder: a regular file only, never a pipe
            return read_regular(path / CENTERS_CSV, MAX_CSV_BYTES)
        return read_named(path, MAX_CSV_BYTES)  # named by the user: a pipe is read, within the limit
    except PipelineError as exc:
        raise PipelineError(f"is not a build's {CENTERS_CSV}: it {exc.message}", source=exc.source) from None


def parse_centers(data: bytes, label: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The columns and the rows by id of a fusion_centers.csv."""
    columns, rows = _table(data, label)
    if "id" not in columns:
        raise PipelineError('has no "id" column, so it is not a fusion_centers.csv.', source=label)
    by_id: dict[str, dict[str, str]] = {}
    for line, row in enumerate(rows, 2):
        if row["id"] in by_id:
            raise PipelineError(f"has the id {row['id']!r} twice, so its rows cannot be told apart.",
                                source=label, line=line)
        # A phone is compared as E.164, whichever form the build's CSV wrote.
        by_id[row["id"]] = {k: phone_e164(v) if k in VALIDATED_COLUMNS and v else v for k, v in row.items()}
    return columns, by_id


def _finding_key(row: dict[str, str]) -> tuple[str, ...]:
    return tuple(row.get(c, "") for c in ("code", "center_id", "field", "source", "value"))


def _transition(old: dict[str, str] | None, new: dict[str, str] | None) -> FindingChangeKind | None:
    """What happened to one finding between two builds; None when nothing did."""
    before = old["status"] if old else None
    after = new["status"] if new else None
    if after == before or (before is None and after is None):
        return None
    if after == "open":
        return FindingChangeKind.NEW if before is None else FindingChangeKind.REOPENED
    if after == "waived":
        return FindingChangeKind.WAIVED
    if after == "fixed":
        return FindingChangeKind.ACCEPTED if new.get("note") else FindingChangeKind.FIXED
    return FindingChangeKind.FIXED if before == "open" else None  # gone: an open one is fixed at the source


def diff_findings(old: bytes, new: Sequence[dict[str, str]], old_label: str = "old") -> tuple[FindingChange, ...]:
    """The findings that appeared, went or changed status from one discrepancies.csv
    (bytes) to the rows of another (as `tables.csv_cells` gives a build's findings)."""
    a = {_finding_key(r): r for r in _table(old, old_label)[1]}
    b = {_finding_key(r): r for r in new}
    out = []
    for key in a.keys() | b.keys():
        kind = _transition(a.get(key), b.get(key))
        if kind is not None:
            row = b.get(key) or a[key]
            out.append(FindingChange(kind, row.get("severity", ""), *key[:3], key[4], key[3],
                                     row.get("note", "") if key in b else ""))
    order = list(FindingChangeKind)
    severity = {"error": 0, "warning": 1, "info": 2}
    return tuple(sorted(out, key=lambda c: (order.index(c.kind), severity.get(c.severity, 3), c.code, c.center_id,
                                            c.field, c.value, c.source)))


def _whole_row(row: dict, width: int, label: str, line: int) -> None:
    """Refuse a row with more or fewer cells than the header: read by name, its
    cells would stand under the wrong columns (csv puts the surplus under the
    key None and fills a short row with None)."""
    if None in row or any(v is None for v in row.values()):
        cells = width + len(row.get(None) or ()) if None in row else sum(v is not None for v in row.values())
        raise PipelineError(f"has a row of {cells} cells where the header names {width}; its cells cannot be "
                            "matched to their columns.", source=label, line=line)


def _table(data: bytes, label: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of a CSV, each row whole (`_whole_row`)."""
    # A cell may be as long as the whole file (a pasted page); Python's
    # default limit of 128 KB per cell would stop diff reading its own output.
    # The limit is global to the process: it is put back after reading.
    limit = csv.field_size_limit(max(csv.field_size_limit(), len(data)))
    try:
        reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        rows = list(reader)
    except (UnicodeDecodeError, csv.Error) as exc:
        raise PipelineError(f"is not a readable CSV ({exc}).", source=label) from None
    finally:
        csv.field_size_limit(limit)
    columns = list(reader.fieldnames or [])
    for line, row in enumerate(rows, 2):
        _whole_row(row, len(columns), label, line)
    return columns, rows


def diff_tables(old: bytes, new: bytes, old_label: str = "old", new_label: str = "new",
                old_findings: bytes | None = None, new_findings: bytes | None = None) -> Changes:
    """Changes from one fusion_centers.csv (bytes) to another, and from one
    discrepancies.csv to another when both are given."""
    new_columns, new_rows = parse_centers(new, new_label)
    found = _table(new_findings, new_label)[1] if new_findings is not None else None
    return diff_rows(old, old_label, new_columns, new_rows, old_findings, found)


def diff_rows(old: bytes, old_label: str, new_columns: Sequence[str], new_rows: dict[str, dict[str, str]],
              old_findings: bytes | None = None, new_findings: Sequence[dict[str, str]] | None = None) -> Changes:
    """Changes from one fusion_centers.csv (bytes) to a build's rows by id (as the
    CSV holds them, phones in E.164), and from its discrepancies.csv to the build's
    findings' rows when both are given: a build compares its records, not its CSV."""
    old_columns, old_rows = parse_centers(old, old_label)
    shared = [c for c in new_columns if c in old_columns and c != "id"]
    changed: list[FieldChange] = []
    provenance: list[FieldChange] = []
    for id_ in sorted(old_rows.keys() & new_rows.keys()):
        a, b = old_rows[id_], new_rows[id_]
        for column in shared:
            if a[column] != b[column]:
                kept = provenance if column in PROVENANCE_COLUMNS else changed
                kept.append(FieldChange(id_, column, a[column], b[column]))
    return Changes(
        added=tuple(new_rows[i] for i in sorted(new_rows.keys() - old_rows.keys())),
        removed=tuple(old_rows[i] for i in sorted(old_rows.keys() - new_rows.keys())),
        changed=tuple(changed),
        provenance=tuple(provenance),
        columns_added=tuple(c for c in new_columns if c not in old_columns),
        columns_removed=tuple(c for c in old_columns if c not in new_columns),
        findings=(diff_findings(old_findings, new_findings, old_label)
                  if old_findings is not None and new_findings is not None else ()),
    )


def diff_builds(old: Path | str, new: Path | str) -> Changes:
    """Changes from the build `old` to the build `new` (folders or git:REV)."""
    return diff_tables(read_centers_csv(old), read_centers_csv(new), str(old), str(new),
                       read_findings_csv(old), read_findings_csv(new))


def _finding_line(c: FindingChange) -> str:
    where = " ".join(p for p in (c.center_id or c.source, c.field) if p)
    value = f": {_shown(c.value)}" if c.value else ""
    return f"  {c.kind:<9} {c.severity:<7} {c.code}  {where}{value}"


def _summary(row: dict[str, str]) -> str:
    place = ", ".join(row[c] for c in ("city", "state") if row.get(c))
    name = row.get("name", "")
    designation = row.get("designation", "")
    return " ".join(p for p in (name, f"({designation})" if designation else "", f"- {place}" if place else "") if p)


def _group(changes: tuple[FieldChange, ...]) -> dict[str, list[FieldChange]]:
    grouped: dict[str, list[FieldChange]] = {}
    for c in changes:
        grouped.setdefault(c.id, []).append(c)
    return grouped


def _shown(value: str) -> str:
    return repr(value) if value == "" or value != value.strip() else value


def format_changes(changes: Changes, provenance: bool = False) -> str:
    """The changes as plain text for a terminal; "no changes" when there are none."""
    lines: list[str] = []
    if changes.columns_added or changes.columns_removed:
        lines.append("Columns: " + ", ".join([f"+{c}" for c in changes.columns_added]
                                             + [f"-{c}" for c in changes.columns_removed]))
    if changes.added:
        lines.append(f"Added ({len(changes.added)}):")
        lines += [f"  + {r['id']}  {_summary(r)}" for r in changes.added]
    if changes.removed:
        lines.append(f"Removed ({len(changes.removed)}):")
        lines += [f"  - {r['id']}  {_summary(r)}" for r in changes.removed]
    if changes.renamed:
        lines.append(f"Renamed ({len(changes.renamed)}):")
        lines += [f"  ~ {c.id}  {_shown(c.old)} -> {_shown(c.new)}" for c in changes.renamed]
    others = tuple(c for c in changes.changed if c.field != "name")
    sections = [("Changed", others)] + ([("Provenance changed", changes.provenance)] if provenance else [])
    for title, items in sections:
        grouped = _group(items)
        if grouped:
            lines.append(f"{title} ({len(grouped)} center{'s' if len(grouped) != 1 else ''}):")
            for id_, fields in grouped.items():
                lines.append(f"  ~ {id_}")
                lines += [f"      {c.field}: {_shown(c.old)} -> {_shown(c.new)}" for c in fields]
    if changes.findings:
        counts = ", ".join(f"{n} {k}" for k in FindingChangeKind
                           if (n := sum(1 for c in changes.findings if c.kind == k)))
        lines.append(f"Findings ({counts}):")
        lines += [_finding_line(c) for c in changes.findings]
    if not changes.has_changes and not changes.findings:
        lines.append("no changes")
    if changes.provenance and not provenance:
        columns = sorted({c.field for c in changes.provenance})
        n = len(changes.changed_ids(provenance=True))
        lines.append(f"({len(changes.provenance)} provenance change{'s' if len(changes.provenance) != 1 else ''} "
                     f"in {n} center{'s' if n != 1 else ''}: {', '.join(columns)}; --provenance lists them)")
    return "\n".join(lines) + "\n"


def _cell(value: str) -> str:
    """A Markdown table cell: the value as a code span, "" shown as an em dash."""
    return markdown.code(value) if value else "—"


def changelog_markdown(changes: Changes, old_label: str, new_label: str, provenance: bool = False) -> str:
    """`out/CHANGELOG.md`: the changes of the build `new_label` against `old_label`."""
    lines = ["# Changes of this build", "",
             f"The centers of `{new_label}` compared with `{old_label}` ({CENTERS_CSV}, by id).", ""]
    if not changes.has_changes:
        lines += ["No changes to the centers.", ""] if changes.findings else ["No changes.", ""]
    if changes.columns_added or changes.columns_removed:
        lines += ["## Columns", ""]
        lines += [f"- Added: `{c}`" for c in changes.columns_added]
        lines += [f"- Removed: `{c}`" for c in changes.columns_removed]
        lines.append("")
    for title, rows in (("Added", changes.added), ("Removed", changes.removed)):
        if rows:
            lines += [f"## {title} ({len(rows)})", "", "| id | name | designation | city | state |",
                      "|---|---|---|---|---|"]
            lines += ["| " + " | ".join(_cell(r.get(c, "")) for c in ("id", *SUMMARY_COLUMNS)) + " |" for r in rows]
            lines.append("")
    if changes.renamed:
        lines += [f"## Renamed ({len(changes.renamed)})", "", "| id | old name | new name |", "|---|---|---|"]
        lines += [f"| {_cell(c.id)} | {_cell(c.old)} | {_cell(c.new)} |" for c in changes.renamed]
        lines.append("")
    others = tuple(c for c in changes.changed if c.field != "name")
    sections = [("Changed", others)] + ([("Provenance changed", changes.provenance)] if provenance else [])
    for title, items in sections:
        if items:
            lines += [f"## {title} ({len(_group(items))} centers, {len(items)} fields)", "",
                      "| id | field | old | new |", "|---|---|---|---|"]
            lines += [f"| {_cell(c.id)} | {_cell(c.field)} | {_cell(c.old)} | {_cell(c.new)} |" for c in items]
            lines.append("")
    if changes.findings:
        lines += [f"## Findings ({len(changes.findings)})", "",
                  "New (open), fixed (by the pipeline or at the source), accepted (a reviewer's value), waived "
                  "(a reviewer kept the source's), reopened.", "",
                  "| change | severity | code | center or source | field | value |", "|---|---|---|---|---|---|"]
        lines += [f"| {c.kind} | {c.severity} | {_cell(c.code)} | {_cell(c.center_id or c.source)} | "
                  f"{_cell(c.field)} | {_cell(c.value)} |" for c in changes.findings]
        lines.append("")
    if changes.provenance and not provenance:
        lines += [f"Provenance columns changed {len(changes.provenance)} times "
                  f"({', '.join(sorted({c.field for c in changes.provenance}))}); not listed.", ""]
    return "\n".join(lines)
