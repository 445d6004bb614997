"""Builders of made-up captures for the check tests (imported, not fixtures).

A made-up capture has the real capture's form: a list page (primary and
recognized bullets, a "Last Published Date", an address line) and a contact
listing page (one block per center, then its own date and address line). It
goes through the real path: `extract_capture`, `normalize`, `run_checks`.

Every capture also holds a filler center, "Filler Fusion Center" in
Montgomery, Alabama, with a phone, a fax and a toll-free number: a listing
needs three labeled phone lines to be read as one, and a case of a single
center would otherwise not be a listing at all. The filler is correct in
every field, so it draws no finding (case "filler-alone" of `test_rules.QUIET`).
All numbers are made up (555-01xx lines, or 800/888 numbers).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.check import run_checks
from pipeline.extract.capture import extract_capture
from pipeline.normalize.dataset import normalize
from pipeline.records import Center, Dataset, Finding

LIST_URL = "http://example.test/fusion-center-list"
LISTING_URL = "http://example.test/fusion-center-contacts"
PUBLISHED = "July 23, 2015"
# Less than three years after PUBLISHED: no source is outdated.
AS_OF = date(2016, 1, 1)

FILLER_NAME = "Filler Fusion Center"
FILLER_ID = "filler-fusion-center"
FILLER = """Filler Fusion Center
Montgomery, Alabama
Phone: (334) 555-0100
Fax: (334) 555-0101
Toll-Free: (888) 555-0102
filler@fusion.alabama.gov
www.fusion.alabama.gov"""


def block(heading: str, location: str | None, *lines: str) -> str:
    """One contact block: heading, location line (None: no location), lines."""
    return "\n".join([heading, *([location] if location is not None else []), *lines])


def heading_of(block_text: str) -> str:
    return block_text.split("\n", 1)[0]


def capture(blocks: Sequence[str], primary: Sequence[str] | None = None, recognized: Sequence[str] = (),
            list_published: str = PUBLISHED, listing_published: str = PUBLISHED) -> str:
    """A made-up two-page capture. `primary` defaults to the blocks' headings;
    the filler is always in the list and in the listing. An empty date leaves
    the page's date line out."""
    primary = [heading_of(b) for b in blocks] if primary is None else list(primary)
    lines = ["Made-up Fusion Center Locations", "", "Primary Fusion Centers", ""]
    lines += [f"- {name}" for name in [FILLER_NAME, *primary]]
    if recognized:
        lines += ["", "Recognized Fusion Centers", ""] + [f"- {name}" for name in recognized]
    if list_published:
        lines += ["", f"Last Published Date: {list_published}"]
    lines += ["", "Was this page helpful?", "", f"<{LIST_URL}>", ""]
    for b in [FILLER, *blocks]:
        lines += [*b.split("\n"), ""]
    if listing_published:
        lines += [f"Last Updated: {listing_published}", ""]
    lines.append(f"<{LISTING_URL}>")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Checked:
    texts: tuple[str, ...]  # the raw files' texts, in file-name order
    normalized: Dataset
    dataset: Dataset  # the same records: fixes are overrides, published beside the source values
    findings: tuple[Finding, ...]

    def keys(self, drop_filler: bool = True) -> set[tuple[str, str, str]]:
        return {(f.center_id, f.field, f.code) for f in self.findings
                if not (drop_filler and f.center_id == FILLER_ID)}

    def center(self, center_id: str) -> Center:
        return next(c for c in self.dataset.centers if c.id == center_id)

    def only(self, center_id: str, field: str, code: str) -> Finding:
        found = [f for f in self.findings if (f.center_id, f.field, f.code) == (center_id, field, code)]
        assert len(found) == 1, found
        return found[0]


def source_name(i: int) -> str:
    return f"capture_{i}.txt"


def check(*texts: str, as_of: date = AS_OF) -> Checked:
    """Extract, normalize and check made-up captures, one raw file each."""
    extractions = [extract_capture(t.encode("utf-8"), source_name(i), "") for i, t in enumerate(texts)]
    normalized = normalize(extractions)
    return Checked(tuple(texts), normalized, normalized, tuple(run_checks(normalized, as_of)))


def line_number(text: str, line_text: str, after: str = "") -> int:
    """1-based number of the first line equal to `line_text` (stripped) that
    follows the first line equal to `after` (or from the top)."""
    lines = [t.strip() for t in text.split("\n")]
    start = lines.index(after) if after else 0
    return lines.index(line_text, start) + 1


def codes_of(findings: Iterable[Finding]) -> list[str]:
    return [f.code for f in findings]
