"""The reviewers' report, as Markdown and as one self-contained HTML page.

Both render the same summary and the same findings grouped by center, each
with its evidence line from the source and its suggestion. Every value that
comes from the data is escaped for the format it is written in.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.check.codes import CODES, SEVERITY_ORDER
from pipeline.export.tables import center_row
from pipeline.records import Dataset, Finding

SEVERITIES = ("error", "warning", "info")
STATUSES = ("open", "fixed", "waived")


@dataclass(frozen=True)
class Summary:
    centers: int
    by_designation: dict[str, int]
    open_by_severity: dict[str, int]
    by_code: list[tuple[str, str, int, int]]  # code, severity, open, all
    fixed: int
    waived: int
    total: int
    values: int  # non-empty published values (place, phones, email, website) of all centers
    values_flagged: int  # of those, how many carry an open error or warning


# The published fields a value count covers: each is checked by some rule.
CHECKED_FIELDS = ("city", "state", "zip", "phone", "fax", "alt_phone", "toll_free", "email", "website")


def summarize(ds: Dataset, findings: Sequence[Finding]) -> Summary:
    designations = Counter(c.designation or "unlisted" for c in ds.centers)
    open_ = [f for f in findings if f.status == "open"]
    by_sev = {s: sum(1 for f in open_ if f.severity == s) for s in SEVERITIES}
    all_codes = Counter(f.code for f in findings)
    open_codes = Counter(f.code for f in open_)
    by_code = sorted(((code, CODES[code].severity, open_codes[code], n) for code, n in all_codes.items()),
                     key=lambda t: (SEVERITY_ORDER[t[1]], t[0]))
    published = {(c.id, f) for c in ds.centers for f, v in center_row(c).items() if f in CHECKED_FIELDS and v}
    flagged = {(f.center_id, f.field) for f in open_ if f.severity in ("error", "warning")} & published
    return Summary(len(ds.centers), dict(sorted(designations.items())), by_sev, by_code,
                   sum(1 for f in findings if f.status == "fixed"),
                   sum(1 for f in findings if f.status == "waived"), len(findings),
                   len(published), len(flagged))


def _groups(ds: Dataset, findings: Sequence[Finding]) -> list[tuple[str, str, list[Finding]]]:
    """(center id, center name, findings), the dataset's own findings first."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.center_id, []).append(f)
    names = {c.id: c.name for c in ds.centers}
    order = sorted(groups, key=lambda cid: (cid != "", names.get(cid, cid)))
    return [(cid, names.get(cid, "") if cid else "Dataset and sources", groups[cid]) for cid in order]


def _where(f: Finding) -> str:
    """ "file, page P, line L": a finding's full source reference."""
    parts = [f.source] if f.source else []
    if f.page is not None:
        parts.append(f"page {f.page}")
    if f.line:
        parts.append(f"line {f.line}")
    return ", ".join(parts)


# ---- Markdown ---------------------------------------------------------------

def _md(text: object) -> str:
    """Escape a value for Markdown: no markup, no raw HTML, one line."""
    s = html.escape(str(text), quote=False).replace("\r", " ").replace("\n", " ")
    for ch in "\\`*_[]|#":
        s = s.replace(ch, "\\" + ch)
    return s


_CODE_SPAN_SAFE = re.compile(r"[A-Za-z0-9._:/-]+")


def _md_code(text: str) -> str:
    """A code span shows its content raw, escapes included, so only plain
    identifiers go in one; anything else is written as escaped text."""
    return f"`{text}`" if _CODE_SPAN_SAFE.fullmatch(text) else _md(text)


def _md_term(text: str, known: Collection[str]) -> str:
    """A word of the pipeline's own vocabulary (a code, a severity) as it is;
    anything else escaped, since a `Finding` can be built with any text."""
    return text if text in known else _md(text)


def render_markdown(ds: Dataset, findings: Sequence[Finding], as_of: date, decisions: Sequence = ()) -> str:
    s = summarize(ds, findings)
    out = ["# Fusion centers: data-quality report", "",
           f"Built from the sources below, as of {as_of.isoformat()}.", "", "## Summary", "",
           f"- Centers: {s.centers} ({_md(', '.join(f'{n} {d}' for d, n in s.by_designation.items()))})",
           f"- Open findings: {sum(s.open_by_severity.values())} "
           f"({', '.join(f'{n} {sev}' for sev, n in s.open_by_severity.items())})",
           f"- Fixes applied: {s.fixed}", f"- Waived by reviewers: {s.waived}",
           f"- All findings, open or not: {s.total}",
           f"- Published values (place, phones, email, website): {s.values}; with an open error or warning: "
           f"{s.values_flagged}", "",
           "| Code | Severity | Open | All | What it means |", "|---|---|---:|---:|---|"]
    for code, sev, n_open, n in s.by_code:
        out.append(f"| {code} | {sev} | {n_open} | {n} | {_md(CODES[code].title)} |")
    out += ["", "### Sources", "", "| Address | Title | Last published | Raw file | Lines |", "|---|---|---|---|---|"]
    for d in ds.documents:
        out.append(f"| {_md(d.url or '(none)')} | {_md(d.title or '(untitled)')} | "
                   f"{_md(d.published or 'not given')} | {_md(d.source)} | {d.first_line}–{d.last_line} |")
    out += ["", "### Reviewer decisions applied", ""]
    out += [f"- Line {d.line} of {_md(d.source)}: {_md(d.describe())}" for d in decisions] or ["None."]
    out += ["", "## Findings by center", ""]
    for cid, name, group in _groups(ds, findings):
        out += [f"### {_md(name)}" + (f" ({_md_code(cid)})" if cid else ""), ""]
        for f in group:
            status = "" if f.status == "open" else f" — {_md_term(f.status, STATUSES)}"
            out.append(f"- **{_md_term(f.severity, SEVERITIES)}** {_md_term(f.code, CODES)}{status} — "
                       f"{_md(f.field or 'record')}: {_md(f.message)}")
            if f.line:
                evidence = f.evidence
                out.append(f"  - Evidence ({_md(_where(f))})" + (f": {_md(evidence)}" if evidence else ""))
            if f.suggestion:
                out.append(f"  - Suggestion: {_md(f.suggestion)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---- HTML -------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b;overflow-wrap:break-word}
h1{font-size:1.7rem;margin:0 0 .2rem}.as-of{color:#555;margin-top:0}
h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}
h3{margin:1.6rem 0 .4rem}h3 .id{font-size:.8rem;font-weight:400;color:#666;background:none}
.stats{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0;margin:1rem 0}
.stats li{flex:0 1 12rem;border:1px solid #ddd;border-radius:6px;padding:.5rem .9rem;background:#fafafa}
.stats strong{display:block;font-size:1.6rem;line-height:1.2}.stats .detail{color:#555;font-size:.85rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;max-width:100%}
th,td{border:1px solid #ccc;padding:.3rem .55rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}tbody tr:nth-child(even){background:#fafafa}
td.n{text-align:right;font-variant-numeric:tabular-nums}td.keep{white-space:nowrap}
td.address{overflow-wrap:anywhere;min-width:14rem}
.sev{display:inline-block;min-width:4.5rem;padding:0 .4rem;border-radius:3px;font-size:.85rem;font-weight:600;color:#fff;text-align:center}
.error{background:#b50909}.warning{background:#8a5a00}.info{background:#35577a}
.index{columns:3 18rem;column-gap:2rem;padding-left:1.2rem;font-size:.9rem;margin:.5rem 0 1rem}
.index li{break-inside:avoid}.index .count{color:#666}
a{color:#1a4f8b}
.finding{margin:.5rem 0 .9rem;padding:.1rem 0 .1rem .6rem;border-left:3px solid #ddd}
.finding[data-status=fixed]{border-left-color:#2a6b2a;background:#f3faf3}
.status{display:inline-block;font-size:.75rem;font-weight:600;color:#2a6b2a;border:1px solid #2a6b2a;border-radius:3px;padding:0 .35rem}
.finding[data-status=waived] .status{color:#555;border-color:#555}
code{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f3f3f3;padding:0 .2rem;border-radius:2px}
.evidence{color:#444;font-size:.9rem}.evidence code{white-space:pre-wrap;overflow-wrap:anywhere}
.suggestion{font-size:.95rem}
@media (max-width:45rem){body{margin:1rem auto}table{display:block;overflow-x:auto}#codes td:last-child{min-width:14rem}}
"""


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def _anchor(cid: str) -> str:
    return f"c-{cid or 'dataset'}"


def _summary_html(s: Summary) -> list[str]:
    designations = ", ".join(f"{n} {d}" for d, n in s.by_designation.items())
    open_detail = ", ".join(f'<span id="count-{_h(sev)}">{n}</span> {_h(sev)}'
                            for sev, n in s.open_by_severity.items())
    parts = ['<h2 id="summary">Summary</h2><ul class="stats">',
             f'<li>Centers<strong id="count-centers">{s.centers}</strong>'
             f'<span class="detail">{_h(designations)}</span></li>',
             f'<li>Open findings<strong id="count-open">{sum(s.open_by_severity.values())}</strong>'
             f'<span class="detail">{open_detail}</span></li>',
             f'<li>Fixes applied<strong id="count-fixed">{s.fixed}</strong>'
             f'<span class="detail">applied in the records</span></li>',
             f'<li>Waived by reviewers<strong id="count-waived">{s.waived}</strong>'
             f'<span class="detail">of <span id="count-all">{s.total}</span> findings in all</span></li>',
             f'<li>Published values<strong id="count-values">{s.values}</strong><span class="detail">'
             f'<span id="count-values-flagged">{s.values_flagged}</span> with an open error or warning</span></li></ul>',
             '<table id="codes"><thead><tr><th>Code</th><th>Severity</th><th>Open</th><th>All</th>'
             '<th>What it means</th></tr></thead><tbody>']
    for code, sev, n_open, n in s.by_code:
        parts.append(f'<tr><td><code>{_h(code)}</code></td><td><span class="sev {_h(sev)}">{_h(sev)}</span></td>'
                     f'<td class="n">{n_open}</td><td class="n">{n}</td><td>{_h(CODES[code].title)}</td></tr>')
    parts.append('</tbody></table>')
    return parts


def _sources_html(ds: Dataset) -> list[str]:
    parts = ['<h3 id="sources-heading">Sources</h3><table id="sources"><thead><tr><th>Address</th><th>Title</th>'
             '<th>Last published</th><th>Raw file</th><th>Lines</th></tr></thead><tbody>']
    for d in ds.documents:
        parts.append(f'<tr><td class="address">{_h(d.url or "(none)")}</td><td>{_h(d.title or "(untitled)")}</td>'
                     f'<td class="keep">{_h(d.published or "not given")}</td><td>{_h(d.source)}</td>'
                     f'<td class="keep">{d.first_line}–{d.last_line}</td></tr>')
    parts.append('</tbody></table>')
    return parts


def _finding_html(f: Finding) -> list[str]:
    status = f' <span class="status">{_h(f.status)}</span>' if f.status != "open" else ""
    parts = [f'<div class="finding" data-code="{_h(f.code)}" data-status="{_h(f.status)}">'
             f'<span class="sev {_h(f.severity)}">{_h(f.severity)}</span> <code>{_h(f.code)}</code>{status} '
             f'<em>{_h(f.field or "record")}</em>: {_h(f.message)}']
    if f.line:
        evidence = f.evidence
        parts.append(f'<div class="evidence">Evidence ({_h(_where(f))})'
                     + (f': <code>{_h(evidence)}</code>' if evidence else '') + '</div>')
    if f.suggestion:
        parts.append(f'<div class="suggestion">Suggestion: {_h(f.suggestion)}</div>')
    parts.append('</div>')
    return parts


def _decisions_html(decisions: Sequence) -> list[str]:
    items = [f'<li>Line {d.line} of {_h(d.source)}: {_h(d.describe())}</li>' for d in decisions]
    return ['<h3 id="decisions">Reviewer decisions applied</h3>',
            f'<ul class="decisions">{"".join(items)}</ul>' if items else '<p>None.</p>']


def render_html(ds: Dataset, findings: Sequence[Finding], as_of: date, decisions: Sequence = ()) -> str:
    groups = _groups(ds, findings)
    parts = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             # No script may run and nothing may load from outside this file.
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
             '<title>Fusion centers: data-quality report</title>', f'<style>{_CSS}</style></head><body>',
             '<h1>Fusion centers: data-quality report</h1>',
             f'<p class="as-of">Built from the sources below, as of {_h(as_of.isoformat())}.</p>',
             *_summary_html(summarize(ds, findings)), *_sources_html(ds), *_decisions_html(decisions),
             '<h2 id="findings">Findings by center</h2>',
             '<nav aria-label="Findings by center"><ul class="index">']
    for cid, name, group in groups:
        parts.append(f'<li><a href="#{_h(_anchor(cid))}">{_h(name)}</a> '
                     f'<span class="count">({len(group)})</span></li>')
    parts.append('</ul></nav>')
    for cid, name, group in groups:
        parts.append(f'<section class="center" id="{_h(_anchor(cid))}"><h3>{_h(name)}'
                     + (f' <code class="id">{_h(cid)}</code>' if cid else '') + '</h3>')
        for f in group:
            parts += _finding_html(f)
        parts.append('</section>')
    parts.append('</body></html>')
    return "\n".join(parts) + "\n"
