"""Judge one document against the capture: exact, refused, reported or silently wrong.

The expected records are the text capture's own (raw/dhs_fusion_centers_capture.txt built alone,
as the gold tests check them), never a reader's output on a generated document. A document is built
beside the capture pages it does not hold, as text, the way tests/extract/test_pdf_corpus.py does.

- exact: the build gives the capture's 78 records, every data column equal, and no other center;
- refused: the build stops with a one-line error (a `PipelineError`);
- reported: built, not exact, and every difference is named by a finding the capture's own build
  does not have, on the center the difference is on (a phantom or a lost center: any such finding
  on it; a value: a finding on that center and that field, or on the field it follows from, the
  place line's city standing for its state; a value lacking on a listed center whose block was
  not found: that center's LIST_ENTRY_WITHOUT_BLOCK);
- silently wrong: built, and some difference is named by no finding.
A traceback (any other exception) is counted apart as a crash.
"""
from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
# The capture's pages, by line (as tests/extract/test_pdf_corpus.py has them).
LIST_PAGE, LISTING, PROSE = (1, 103), (104, 777), (778, 876)
COMPANIONS = {"listing": (LIST_PAGE, PROSE), "list": (LISTING, PROSE), "both": (PROSE,)}
# A difference in a column that follows from another is named by a finding on that other one.
# The place line is one line: a finding on it names the city field and stands for the state too.
FOLLOWS = {"latitude": "city", "longitude": "city", "coordinate_method": "city", "zip": "city", "state": "city",
           "phone_ext": "phone", "fax_ext": "fax", "alt_phone_ext": "alt_phone", "toll_free_ext": "toll_free",
           "list_city": "designation", "list_state": "designation"}
IGNORED = {"fixes_applied"}  # how a value was fixed, not a value


@dataclass
class Verdict:
    """How one document was read: its class, and the differences (center, column, want, got)."""

    kind: str  # "exact", "refused", "reported", "silent" or "crash"
    detail: str = ""
    differences: list[tuple[str, str, str, str]] = field(default_factory=list)
    unnamed: list[tuple[str, str, str, str]] = field(default_factory=list)


def capture_lines(first: int, last: int) -> bytes:
    lines = CAPTURE.read_bytes().split(b"\n")
    return b"\n".join(lines[first - 1:last]) + b"\n"


def _records(b) -> dict[str, dict[str, str]]:
    from pipeline.export.columns import PROVENANCE_COLUMNS
    from pipeline.export.tables import table_files
    text = table_files(b.dataset, b.findings)["fusion_centers.csv"].decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    return {r["id"]: {k: v for k, v in r.items() if k not in PROVENANCE_COLUMNS and k not in IGNORED}
            for r in rows}


def _finding_keys(findings: Iterable) -> set[tuple[str, str, str]]:
    return {(f.code, f.center_id, f.field) for f in findings}


@dataclass(frozen=True)
class Reference:
    records: dict[str, dict[str, str]]
    findings: frozenset[tuple[str, str, str]]


def reference() -> Reference:
    """The capture's own records and findings."""
    from pipeline.build import run
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        (raw / "capture.txt").write_bytes(CAPTURE.read_bytes())
        b = run(raw)
    return Reference(_records(b), frozenset(_finding_keys(b.findings)))


def raw_folder(document: Path, holds: str, folder: Path) -> Path:
    """A raw folder holding the document and, as text, the capture pages it does not hold."""
    raw = folder / "raw"
    raw.mkdir()
    (raw / f"document{document.suffix}").write_bytes(document.read_bytes())
    (raw / "dhs_pages.txt").write_bytes(b"".join(capture_lines(*span) for span in COMPANIONS[holds]))
    return raw


def judge(document: Path, holds: str, ref: Reference) -> Verdict:
    """Build the document beside its companion pages and judge what it gives."""
    from pipeline.build import run
    from pipeline.errors import PipelineError
    with tempfile.TemporaryDirectory(prefix="judge.") as tmp:
        raw = raw_folder(document, holds, Path(tmp))
        try:
            b = run(raw)
        except PipelineError as error:
            text = str(error)
            return Verdict("refused" if "\n" not in text.strip() else "crash", text.strip())
        except Exception as error:  # noqa: BLE001 (a traceback is what this counts)
            return Verdict("crash", f"{type(error).__name__}: {error}")
    got = _records(b)
    new = _finding_keys(b.findings) - ref.findings
    named_centers = {center for _, center, _ in new}
    named_fields = {(center, f) for _, center, f in new}
    # A listed center whose contact block was not found (LIST_ENTRY_WITHOUT_BLOCK) is told to be
    # without its values: every value it lacks is named by that finding.
    blockless = {center for code, center, _ in new if code == "LIST_ENTRY_WITHOUT_BLOCK"}
    # And a contact block no list entry names (BLOCK_WITHOUT_LIST_ENTRY) is told to be without
    # what only the list gives: its designation, and the list's city and state, left empty.
    listless = {center for code, center, _ in new if code == "BLOCK_WITHOUT_LIST_ENTRY"}
    differences, unnamed = [], []
    for cid in sorted(set(ref.records) | set(got)):
        want, have = ref.records.get(cid), got.get(cid)
        if want is None or have is None:
            diff = (cid, "*", "" if want is None else want["name"], "" if have is None else have["name"])
            differences.append(diff)
            if cid not in named_centers:
                unnamed.append(diff)
            continue
        for column, value in want.items():
            if have.get(column, "") != value:
                diff = (cid, column, value, have.get(column, ""))
                differences.append(diff)
                lacking_named = not have.get(column, "") and (
                    cid in blockless or cid in listless and FOLLOWS.get(column, column) == "designation")
                if (cid, FOLLOWS.get(column, column)) not in named_fields and not lacking_named:
                    unnamed.append(diff)
    if not differences:
        return Verdict("exact")
    kind = "silent" if unnamed else "reported"
    return Verdict(kind, f"{len(differences)} differences, {len(unnamed)} named by no finding",
                   differences, unnamed)
