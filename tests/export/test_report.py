"""The reviewers' report on the real capture, without a browser: the summary's
counts, one group per center with findings, every code, the evidence lines,
and the same bytes on every run.

Expected counts come from the capture's text (the list bullets, the contact
lines) or from the build's own discrepancies.csv, which the report must agree
with; none is copied from the report."""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from pipeline.build import Build, build, run
from pipeline.export.report import render_html, render_markdown, summarize

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "raw"
CAPTURE_LINES = (RAW / "dhs_fusion_centers_capture.txt").read_text(encoding="utf-8").splitlines()
TOLL_FREE_AREA_CODES = {"800", "833", "844", "855", "866", "877", "888"}
_NUMBER = re.compile(r"\((\d{3})\)")


def capture_line(n: int) -> str:
    return CAPTURE_LINES[n - 1]


def list_bullets() -> dict[str, int]:
    """Bullets under "Primary Fusion Centers" and "Recognized Fusion Centers"
    on the list page, which ends at its "Last Published Date" line."""
    counts: Counter[str] = Counter()
    section = ""
    for line in CAPTURE_LINES:
        if line.startswith("Last Published Date") and section:
            break
        if line.strip() in ("Primary Fusion Centers", "Recognized Fusion Centers"):
            section = line.split()[0].lower()
        elif section and line.startswith("- "):
            counts[section] += 1
    return dict(counts)


def swapped_phone_labels() -> int:
    """Contact blocks whose "Phone:" is toll-free while the "Toll-Free:" line
    after it is a geographic number: the labels the pipeline swaps back."""
    swapped = 0
    for i, line in enumerate(CAPTURE_LINES):
        if not line.startswith("Toll-Free:"):
            continue
        phone = next((p for p in reversed(CAPTURE_LINES[max(0, i - 4):i]) if p.startswith("Phone:")), None)
        toll_free_code, phone_code = _NUMBER.search(line), phone and _NUMBER.search(phone)
        if phone_code and toll_free_code and phone_code.group(1) in TOLL_FREE_AREA_CODES \
                and toll_free_code.group(1) not in TOLL_FREE_AREA_CODES:
            swapped += 1
    return swapped


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Path]:
    out = tmp_path_factory.mktemp("report") / "out"
    return build(RAW, out), out


@pytest.fixture(scope="module")
def rows(built) -> list[dict[str, str]]:
    with (built[1] / "discrepancies.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def report_md(built) -> str:
    return (built[1] / "report.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report_html(built) -> str:
    return (built[1] / "report.html").read_text(encoding="utf-8")


def test_the_capture_lists_78_centers():
    assert list_bullets() == {"primary": 53, "recognized": 25}


def test_summary_counts_centers_by_designation(built):
    s = summarize(built[0].dataset, built[0].findings)
    bullets = list_bullets()
    assert s.centers == sum(bullets.values()) == 78
    assert s.by_designation == bullets


def test_summary_counts_the_one_relabeling_as_a_fix(built):
    s = summarize(built[0].dataset, built[0].findings)
    assert swapped_phone_labels() == 1
    assert s.fixed == swapped_phone_labels()


def test_summary_open_counts_match_discrepancies_csv(built, rows):
    s = summarize(built[0].dataset, built[0].findings)
    open_rows = Counter(r["severity"] for r in rows if r["status"] == "open")
    assert s.open_by_severity == {sev: open_rows.get(sev, 0) for sev in ("error", "warning", "info")}
    assert s.total == len(rows)
    assert s.waived == sum(1 for r in rows if r["status"] == "waived")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_summary_line_shows_the_csv_counts(fmt, rows, report_md, report_html):
    open_rows = Counter(r["severity"] for r in rows if r["status"] == "open")
    total_open = sum(open_rows.values())
    if fmt == "md":
        detail = ", ".join(f"{open_rows.get(sev, 0)} {sev}" for sev in ("error", "warning", "info"))
        assert f"- Open findings: {total_open} ({detail})" in report_md
        assert "- Centers: 78 (53 primary, 25 recognized)" in report_md
    else:
        assert f'<strong id="count-open">{total_open}</strong>' in report_html
        for sev in ("error", "warning", "info"):
            assert f'<span id="count-{sev}">{open_rows.get(sev, 0)}</span> {sev}' in report_html
        assert '<strong id="count-centers">78</strong>' in report_html


def test_every_finding_group_appears(built, rows, report_md, report_html):
    groups = {r["center_id"]: r["center_name"] for r in rows}
    assert "" in groups, "the capture's undated and outdated pages make findings about the sources"
    for cid, name in groups.items():
        if cid:
            assert f"\n### {name} (`{cid}`)\n" in report_md
            assert f'<section class="center" id="c-{cid}"><h3>{name} <code class="id">{cid}</code></h3>' \
                in report_html
        else:
            assert "\n### Dataset and sources\n" in report_md
            assert '<section class="center" id="c-dataset"><h3>Dataset and sources</h3>' in report_html
    findings_part = report_md.split("\n## Findings by center\n", 1)[1]
    assert findings_part.count("\n### ") + findings_part.startswith("### ") == len(groups)
    assert report_html.count('<section class="center"') == len(groups)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_lists_every_code_in_discrepancies(fmt, rows, report_md, report_html):
    codes = Counter(r["code"] for r in rows)
    open_codes = Counter(r["code"] for r in rows if r["status"] == "open")
    for code, n in codes.items():
        if fmt == "md":
            assert re.search(rf"^\| {code} \| \w+ \| {open_codes[code]} \| {n} \|", report_md, re.M), code
        else:
            assert re.search(rf'<tr><td><code>{code}</code></td><td><span class="sev \w+">\w+</span></td>'
                             rf'<td class="n">{open_codes[code]}</td><td class="n">{n}</td>', report_html), code


def test_each_finding_is_listed_once_in_markdown(rows, report_md):
    listed = Counter(m.group(1) for m in re.finditer(r"^- \*\*\w+\*\* (\w+)", report_md, re.M))
    assert listed == Counter(r["code"] for r in rows)


def test_connecticut_fax_evidence_is_the_capture_line(report_md):
    assert capture_line(243) == "Fax: (806) 706-5535"
    section = report_md.split("### Connecticut Intelligence Center", 1)[1].split("\n### ", 1)[0]
    assert "  - Evidence (dhs\\_fusion\\_centers\\_capture.txt, line 243): Fax: (806) 706-5535" in section


def test_an_evidence_line_is_never_left_empty(report_md, report_html):
    """A finding on a blank source line (the undated listing starts on one)
    names the line without an empty quote after it."""
    assert not re.search(r"Evidence \([^)]*\):\s*$", report_md, re.M)
    assert "<code></code>" not in report_html


@pytest.mark.parametrize("render", [render_markdown, render_html], ids=["markdown", "html"])
def test_render_is_deterministic(render):
    first, second = run(RAW), run(RAW)
    a = render(first.dataset, first.findings, first.as_of, first.decisions_applied).encode("utf-8")
    b = render(second.dataset, second.findings, second.as_of, second.decisions_applied).encode("utf-8")
    assert a == b
    assert a == render(first.dataset, first.findings, first.as_of, first.decisions_applied).encode("utf-8")
