"""The reviewers' report, as Markdown and as one self-contained HTML page.

Both render the same summary and the same findings grouped by center, each
with its evidence line from the source and its suggestion. Every value that
comes from the data is escaped for the format it is written in.
"""
from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.check.codes import CODES, SEVERITY_ORDER
from pipeline.records import Dataset, Finding

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Summary:
    centers: int
    by_designation: dict[str, int]
    open_by_severity: dict[str, int]
    by_code: list[tuple[str, str, int, int]]  # code, severity, open, all
    fixed: int
    waived: int
    total: int


def summarize(ds: Dataset, findings: Sequence[Finding]) -> Summary:
    designations = Counter(c.designation or "unlisted" for c in ds.centers)
    open_ = [f for f in findings if f.status == "open"]
    by_sev = {s: sum(1 for f in open_ if f.severity == s) for s in SEVERITIES}
    all_codes = Counter(f.code for f in findings)
    open_codes = Counter(f.code for f in open_)
    by_code = sorted(((code, CODES[code].severity, open_codes[code], n) for code, n in all_codes.items()),
                     key=lambda t: (SEVERITY_ORDER[t[1]], t[0]))
    return Summary(len(ds.centers), dict(sorted(designations.items())), by_sev, by_code,
                   sum(1 for f in findings if f.status == "fixed"),
                   sum(1 for f in findings if f.status == "waived"), len(findings))


def evidence_index(ds: Dataset) -> dict[tuple[str, int], str]:
    """The source text of every line a record came from, by (file, line)."""
    index: dict[tuple[str, int], str] = {}
    for e in ds.entries:
        index[(e.ref.source, e.ref.line)] = f"- {e.text}"
    for b in ds.blocks:
        index[(b.heading_ref.source, b.heading_ref.line)] = b.heading
        for f in ((b.location,) if b.location else ()) + b.fields:
            index[(f.ref.source, f.ref.line)] = f.raw or f.text
    for d in ds.documents:
        index.setdefault((d.source, d.first_line), d.title)
    return index


def _groups(ds: Dataset, findings: Sequence[Finding]) -> list[tuple[str, str, list[Finding]]]:
    """(center id, center name, findings), the dataset's own findings first."""
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.center_id, []).append(f)
    names = {c.id: c.name for c in ds.centers}
    order = sorted(groups, key=lambda cid: (cid != "", names.get(cid, cid)))
    return [(cid, names.get(cid, "") if cid else "Dataset and sources", groups[cid]) for cid in order]


def _where(f: Finding) -> str:
    return f"{f.source}, line {f.line}" if f.line else f.source


# ---- Markdown ---------------------------------------------------------------

def _md(text: object) -> str:
    """Escape a value for Markdown: no markup, no raw HTML, one line."""
    s = html.escape(str(text), quote=False).replace("\r", " ").replace("\n", " ")
    for ch in "\\`*_[]|#":
        s = s.replace(ch, "\\" + ch)
    return s


def render_markdown(ds: Dataset, findings: Sequence[Finding], as_of: date) -> str:
    s = summarize(ds, findings)
    ev = evidence_index(ds)
    out = [f"# Fusion centers: data-quality report", "",
           f"Built from the sources below, as of {as_of.isoformat()}.", "", "## Summary", "",
           f"- Centers: {s.centers} ({', '.join(f'{n} {d}' for d, n in s.by_designation.items())})",
           f"- Open findings: {sum(s.open_by_severity.values())} "
           f"({', '.join(f'{n} {sev}' for sev, n in s.open_by_severity.items())})",
           f"- Fixes applied: {s.fixed}", f"- Waived by reviewers: {s.waived}",
           f"- All findings, open or not: {s.total}", "",
           "| Code | Severity | Open | All | What it means |", "|---|---|---:|---:|---|"]
    for code, sev, n_open, n in s.by_code:
        out.append(f"| {code} | {sev} | {n_open} | {n} | {_md(CODES[code].title)} |")
    out += ["", "### Sources", "", "| Address | Title | Last published | Raw file | Lines |", "|---|---|---|---|---|"]
    for d in ds.documents:
        out.append(f"| {_md(d.url or '(none)')} | {_md(d.title or '(untitled)')} | "
                   f"{_md(d.published or 'not given')} | {_md(d.source)} | {d.first_line}–{d.last_line} |")
    out += ["", "## Findings by center", ""]
    for cid, name, group in _groups(ds, findings):
        out += [f"### {_md(name)}" + (f" (`{_md(cid)}`)" if cid else ""), ""]
        for f in group:
            status = "" if f.status == "open" else f" — {f.status}"
            out.append(f"- **{f.severity}** {f.code}{status} — {f.field or 'record'}: {_md(f.message)}")
            if f.line:
                out.append(f"  - Evidence ({_md(_where(f))}): {_md(ev.get((f.source, f.line), f.value))}")
            if f.suggestion:
                out.append(f"  - Suggestion: {_md(f.suggestion)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


# ---- HTML -------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.n{text-align:right}
.sev{display:inline-block;min-width:4.5rem;padding:0 .4rem;border-radius:3px;font-size:.85rem;font-weight:600;color:#fff;text-align:center}
.error{background:#b50909}.warning{background:#8a5a00}.info{background:#35577a}
.finding{margin:.5rem 0 .9rem;padding-left:.6rem;border-left:3px solid #ddd}
.status{font-size:.85rem;color:#2a6b2a;font-weight:600}
code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f6f6f6;padding:0 .2rem}
.evidence{color:#444;font-size:.9rem}
"""


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def render_html(ds: Dataset, findings: Sequence[Finding], as_of: date) -> str:
    s = summarize(ds, findings)
    ev = evidence_index(ds)
    parts = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             # No script may run and nothing may load from outside this file.
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
             '<title>Fusion centers: data-quality report</title>', f'<style>{_CSS}</style></head><body>',
             '<h1>Fusion centers: data-quality report</h1>',
             f'<p>Built from the sources below, as of {_h(as_of.isoformat())}.</p>',
             '<h2 id="summary">Summary</h2><ul>',
             f'<li>Centers: <strong id="count-centers">{s.centers}</strong> '
             f'({_h(", ".join(f"{n} {d}" for d, n in s.by_designation.items()))})</li>',
             f'<li>Open findings: <strong id="count-open">{sum(s.open_by_severity.values())}</strong> ('
             + ", ".join(f'<span id="count-{sev}">{n}</span> {sev}' for sev, n in s.open_by_severity.items())
             + ')</li>',
             f'<li>Fixes applied: <span id="count-fixed">{s.fixed}</span></li>',
             f'<li>Waived by reviewers: <span id="count-waived">{s.waived}</span></li></ul>',
             '<table id="codes"><thead><tr><th>Code</th><th>Severity</th><th>Open</th><th>All</th>'
             '<th>What it means</th></tr></thead><tbody>']
    for code, sev, n_open, n in s.by_code:
        parts.append(f'<tr><td><code>{_h(code)}</code></td><td><span class="sev {sev}">{sev}</span></td>'
                     f'<td class="n">{n_open}</td><td class="n">{n}</td><td>{_h(CODES[code].title)}</td></tr>')
    parts.append('</tbody></table><h3>Sources</h3><table id="sources"><thead><tr><th>Address</th><th>Title</th>'
                 '<th>Last published</th><th>Raw file</th><th>Lines</th></tr></thead><tbody>')
    for d in ds.documents:
        parts.append(f'<tr><td>{_h(d.url or "(none)")}</td><td>{_h(d.title or "(untitled)")}</td>'
                     f'<td>{_h(d.published or "not given")}</td><td>{_h(d.source)}</td>'
                     f'<td>{d.first_line}–{d.last_line}</td></tr>')
    parts.append('</tbody></table><h2 id="findings">Findings by center</h2>')
    for cid, name, group in _groups(ds, findings):
        parts.append(f'<section class="center" id="c-{_h(cid or "dataset")}"><h3>{_h(name)}'
                     + (f' <code>{_h(cid)}</code>' if cid else '') + '</h3>')
        for f in group:
            status = f' <span class="status">{_h(f.status)}</span>' if f.status != "open" else ""
            parts.append(f'<div class="finding" data-code="{_h(f.code)}" data-status="{_h(f.status)}">'
                         f'<span class="sev {f.severity}">{f.severity}</span> <code>{_h(f.code)}</code>{status} '
                         f'<em>{_h(f.field or "record")}</em>: {_h(f.message)}')
            if f.line:
                parts.append(f'<div class="evidence">Evidence ({_h(_where(f))}): '
                             f'<code>{_h(ev.get((f.source, f.line), f.value))}</code></div>')
            if f.suggestion:
                parts.append(f'<div class="suggestion">Suggestion: {_h(f.suggestion)}</div>')
            parts.append('</div>')
        parts.append('</section>')
    parts.append('</body></html>')
    return "\n".join(parts) + "\n"
