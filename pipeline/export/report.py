"""The reviewers' report, as Markdown and as one self-contained HTML page.

Both are jinja2 templates (`templates/report.md`, `templates/report.html`)
fed the one context `report_context` builds, in this order: what needs action
(open errors, then open warnings), each with its evidence and a ready-to-copy
line for `raw/corrections.csv`; the summary with its pictures and the code
table; the centers' index; info findings by code; fixed and waived findings;
the sources and the decisions applied. HTML autoescapes every value; Markdown
escapes through `pipeline.export.markdown`, the one Markdown escaper.
"""
from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from pipeline.codes import CODES, SEVERITY_ORDER, decision_note
from pipeline.corrections import COLUMNS as CORRECTION_COLUMNS, SOURCE_COLUMN
from pipeline.export import markdown
from pipeline.export.pictures import (
    AgeStrip, BarChart, LiveChart, TileMap, age_strip, bar_chart, live_chart, tile_map,
)
from pipeline.fields import EMAIL, FIELDS, WEBSITE
from pipeline.records import Dataset, Decision, Finding, Severity, SourceDocument, Status

SEVERITIES = tuple(Severity)
CORRECTIONS_FILE = "raw/corrections.csv"
# What a reviewer fills in; none of them reads as a date, so a line copied
# unedited stops the build, naming its line, rather than being applied.
PLACEHOLDERS = {"value": "<right value>", "reason": "<reason>", "reviewer": "<reviewer>", "date": "<YYYY-MM-DD>"}


@dataclass(frozen=True)
class Summary:
    """The summary's figures: centers by designation, open findings by severity,
    each code's open and total count, fixed and waived findings, and the
    published values with how many of them carry an open error or warning."""

    centers: int
    by_designation: dict[str, int]
    open_by_severity: dict[str, int]
    by_code: list[tuple[str, str, int, int]]  # code, severity, open, all
    fixed: int
    waived: int
    total: int
    values: int  # non-empty published values (place, phones, email, website) of all centers
    values_flagged: int  # of those, how many carry an open error or warning




def summarize(ds: Dataset, findings: Sequence[Finding]) -> Summary:
    """The report's counts: centers, open findings by severity and by code, fixes, waivers, values."""
    designations = Counter(c.designation or "unlisted" for c in ds.centers)
    open_ = [f for f in findings if f.status == Status.OPEN]
    by_sev = {str(s): sum(1 for f in open_ if f.severity == s) for s in SEVERITIES}
    all_codes = Counter(f.code for f in findings)
    open_codes = Counter(f.code for f in open_)
    by_code = sorted(((code, str(CODES[code].severity), open_codes[code], n) for code, n in all_codes.items()),
                     key=lambda t: (SEVERITY_ORDER[t[1]], t[0]))
    # Every value field of the registry is checked by some rule.
    published = {(c.id, f.name) for c in ds.centers for f in FIELDS.all if c.published_text(f.name)}
    flagged = {(f.center_id, f.field) for f in open_ if f.severity in (Severity.ERROR, Severity.WARNING)} & published
    return Summary(len(ds.centers), dict(sorted(designations.items())), by_sev, by_code,
                   sum(1 for f in findings if f.status == Status.FIXED),
                   sum(1 for f in findings if f.status == Status.WAIVED), len(findings),
                   len(published), len(flagged))


@dataclass(frozen=True)
class DecisionLine:
    """A ready-to-copy row of the corrections file, and what it does."""

    what: str
    csv: str


@dataclass(frozen=True)
class Item:
    """One finding as the report shows it."""

    finding: Finding
    anchor: str  # "f-1", "f-2"… in the order of the findings
    center: str  # the center's name, or what the finding is about
    where: str  # "file, page P, line L"
    lines: tuple[DecisionLine, ...]  # for raw/corrections.csv; none for a finding that takes none
    instead: str  # what to do when no decision line fits, else ""


@dataclass(frozen=True)
class CodeRow:
    """A row of the report's code table: a code, its severity and title, its open
    and total counts, and where its first finding is shown."""

    code: str
    severity: str
    title: str
    open: int
    all: int
    anchor: str  # where its first finding is shown


@dataclass(frozen=True)
class CodeGroup:
    """The open info findings of one code, shown together under its title and
    what a reviewer should do."""

    code: str
    title: str
    action: str
    anchor: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class CenterEntry:
    """A line of the centers' index: a center (or the sources) with its findings."""

    name: str
    center_id: str
    worst: str  # worst open severity, or "none"
    open: int
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Source:
    """A source document as the report lists it, with the address to link to."""

    document: SourceDocument
    link: str  # the address when it is http or https, else "": never a link to anything else


@dataclass(frozen=True)
class Report:
    """Everything both templates show, in the order they show it."""

    as_of: str
    data_version: str  # the data's version (datapackage.release_version); "" when not given
    action: tuple[Item, ...]  # open errors, then open warnings
    summary: Summary
    codes: tuple[CodeRow, ...]
    map: TileMap
    bars: BarChart
    ages: AgeStrip
    centers: tuple[CenterEntry, ...]
    centers_without_findings: int
    info: tuple[CodeGroup, ...]  # open info findings by code
    closed: tuple[Item, ...]  # fixed and waived findings
    sources: tuple[Source, ...]
    decisions: tuple[tuple[Decision, str], ...]  # the decisions applied, each with its note (codes.decision_note)
    corrections_file: str = CORRECTIONS_FILE
    live: LiveChart | None = None  # the live checks' picture; None without a verification run


def where(f: Finding) -> str:
    """ "file, page P, line L": a finding's full source reference (page only when it has one)."""
    parts = [f.source] if f.source else []
    if f.page is not None:
        parts.append(f"page {f.page}")
    if f.line:
        parts.append(f"line {f.line}")
    return ", ".join(parts)


def csv_row(cells: Sequence[str]) -> str:
    """One CSV row as the corrections file reads it (RFC 4180 quoting), without its line end."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()


def decision_lines(f: Finding) -> tuple[DecisionLine, ...]:
    """A `set` row (publish the right value) and a `waive` row (the source is
    right) for a finding on a center's field. `expected` is the field's
    verbatim source text (`Finding.expected`), which the build compares to decide if it is stale."""

    def row(decision: str, value: str, code: str) -> str:
        """A corrections file line for this finding's field with `decision`, `value`
        and `code` filled in, and placeholders for the reason, reviewer and date."""
        cells = {"center_id": f.center_id, "field": f.field, "expected": f.expected, "decision": decision,
                 "value": value, "code": code, **{k: PLACEHOLDERS[k] for k in ("reason", "reviewer", "date")}}
        return csv_row([cells[c] for c in CORRECTION_COLUMNS])

    if f.suggested_value:  # the value the finding names, filled in: the reviewer confirms it first
        publish = DecisionLine(f"publish the suggested {f.field} (confirm it first, or write the right one)",
                               row("set", f.suggested_value, ""))
    else:
        publish = DecisionLine(f"publish the right {f.field}", row("set", PLACEHOLDERS["value"], ""))
    return (publish,
            DecisionLine("keep the source's value and close the finding", row("waive", "", f.code)))


def source_decision_lines(f: Finding) -> tuple[DecisionLine, ...]:
    """The row that acknowledges a finding about a source: no center, the raw
    file in the last column, `source` (key: the source and the code)."""
    cells = {"center_id": "", "field": f.field, "expected": "", "decision": "waive", "value": "", "code": f.code,
             **{k: PLACEHOLDERS[k] for k in ("reason", "reviewer", "date")}}
    return (DecisionLine(f"acknowledge every {f.code} of {f.source} when fetching it again (make fetch) changes "
                         f"nothing (the file's header must end with the column {SOURCE_COLUMN}; one row acknowledges "
                         f"them all)",
                         csv_row([*(cells[c] for c in CORRECTION_COLUMNS), f.source])),)


def instead(f: Finding) -> str:
    """What to do about a finding that no corrections line can settle, else ""."""
    if f.code.startswith("CORRECTION_"):
        return f"Edit or remove line {f.line} of {f.source}."
    if not f.center_id and not f.source:
        return "A finding about the whole dataset takes no line in the corrections file."
    return ""


ACTION = (Severity.ERROR, Severity.WARNING)


def _item(f: Finding, anchor: str) -> Item:
    """A finding with its place on the page; one that needs action gets its corrections lines."""
    needs_action = f.status == Status.OPEN and f.severity in ACTION
    todo = instead(f) if needs_action else ""
    if not needs_action or todo:
        lines: tuple[DecisionLine, ...] = ()
    elif not f.center_id:  # about a source: refresh it (make fetch), or acknowledge what fetching will not change
        lines = source_decision_lines(f)
    else:
        lines = decision_lines(f)
    return Item(f, anchor, f.center_name or f.center_id or "Dataset and sources", where(f), lines, todo)


def worst(severities: Sequence[str]) -> str:
    """The worst of some severities, "none" when there are none."""
    return min(severities, key=lambda s: SEVERITY_ORDER[s], default="none")


def report_context(ds: Dataset, findings: Sequence[Finding], as_of: date, decisions: Sequence[Decision] = (),
                   data_version: str = "") -> Report:
    """The one context both report templates render."""
    items = [_item(f, f"f-{i}") for i, f in enumerate(findings, 1)]
    open_ = [i for i in items if i.finding.status == Status.OPEN]
    action = tuple(i for sev in ACTION for i in open_ if i.finding.severity == sev)
    info_by_code: dict[str, list[Item]] = defaultdict(list)
    for i in open_:
        if i.finding.severity not in ACTION:
            info_by_code[i.finding.code].append(i)
    info = tuple(CodeGroup(code, CODES[code].title, CODES[code].action, f"code-{code}", tuple(group))
                 for code, group in sorted(info_by_code.items()))
    closed = tuple(i for i in items if i.finding.status != Status.OPEN)

    first_of: dict[str, str] = {g.code: g.anchor for g in info}  # a code's link: its first finding shown
    for i in (*action, *closed):
        first_of.setdefault(i.finding.code, i.anchor)
    summary = summarize(ds, findings)
    codes = tuple(CodeRow(code, sev, CODES[code].title, n_open, n, first_of[code])
                  for code, sev, n_open, n in summary.by_code)

    by_center: dict[str, list[Item]] = defaultdict(list)
    for i in items:
        by_center[i.finding.center_id].append(i)
    names = {c.id: c.name for c in ds.centers}
    index = tuple(CenterEntry(names.get(cid, group[0].center), cid,
                              worst([i.finding.severity for i in group if i.finding.status == Status.OPEN]),
                              sum(1 for i in group if i.finding.status == Status.OPEN), tuple(group))
                  for cid, group in sorted(by_center.items(), key=lambda kv: (kv[0] != "", names.get(kv[0], kv[0]))))

    # The map is shaded by what needs action: a center's worst open error or warning.
    worst_of_center = {e.center_id: worst([i.finding.severity for i in e.items
                                           if i.finding.status == Status.OPEN and i.finding.severity in ACTION])
                       for e in index}
    state_of = {c.id: c.published_text("state") for c in ds.centers}
    shades: dict[str, list[str]] = defaultdict(list)
    for cid, state in state_of.items():
        shades[state].append(worst_of_center.get(cid, "none"))
    worst_by_state = {state: worst([s for s in found if s != "none"]) for state, found in shades.items()}
    severity_of = {code: str(entry.severity) for code, entry in CODES.items()}
    return Report(
        as_of=as_of.isoformat(), data_version=data_version, action=action, summary=summary, codes=codes,
        map=tile_map(Counter(state_of.values()), worst_by_state),
        bars=bar_chart(Counter(i.finding.code for i in open_), severity_of),
        ages=age_strip(ds.documents, as_of),
        centers=index, centers_without_findings=sum(1 for c in ds.centers if c.id not in by_center),
        info=info, closed=closed,
        sources=tuple(Source(d, d.url if d.url.lower().startswith(("http://", "https://")) else "")
                      for d in ds.documents),
        decisions=tuple((d, decision_note(d)) for d in decisions),
        live=live_chart([(kind, check.result, check.checked) for c in ds.centers
                         for kind, check in ((WEBSITE, c.website_check), (EMAIL, c.email_check)) if check]))


# ---- rendering --------------------------------------------------------------

TEMPLATES = Path(__file__).parent / "templates"


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=autoescape,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters.update(md=markdown.text, md_code=markdown.code, md_fence=markdown.fence, md_link=markdown.link)
    return env


_HTML = _environment(autoescape=True)
_MARKDOWN = _environment(autoescape=False)


def render_markdown(report: Report) -> str:
    """The report as Markdown: every value escaped, nothing folded, no pictures."""
    return _MARKDOWN.get_template("report.md").render(r=report)


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page: inline CSS and SVG, no script,
    nothing loaded from elsewhere (its Content-Security-Policy says so too)."""
    return _HTML.get_template("report.html").render(r=report)
