"""The reviewers' report on the real capture, without a browser: the summary's
counts, what needs action first, every code, the evidence lines, the lines
for raw/corrections.csv (applied by a build as they stand), and the same
bytes on every run.

Expected counts come from the capture's text (the list bullets, the contact
lines) or from the build's own discrepancies.csv, which the report must agree
with; none is copied from the report."""
from __future__ import annotations

import csv
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pipeline.build import Build, build, run
from pipeline.corrections import COLUMNS as CORRECTION_COLUMNS
from pipeline.errors import PipelineError
from pipeline.export.report import render_html, render_markdown, report_context, summarize
from pipeline.export.tables import center_row

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
def report_html(built) -> BeautifulSoup:
    """The HTML report as a tree: tests find its parts by id and order, not by markup."""
    return BeautifulSoup((built[1] / "report.html").read_text(encoding="utf-8"), "html.parser")


def text_of(dom: BeautifulSoup, selector: str) -> str:
    """The text of the one element `selector` finds, spaces collapsed."""
    (found,) = dom.select(selector)
    return " ".join(found.get_text().split())


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
        assert f"- Open, info included: {total_open} ({detail})" in report_md
        assert "- Centers: 78 (53 primary, 25 recognized)" in report_md
    else:
        assert text_of(report_html, "#count-open") == str(total_open)
        assert [text_of(report_html, f"#count-{sev}") for sev in ("error", "warning", "info")] == \
            [str(open_rows.get(sev, 0)) for sev in ("error", "warning", "info")]
        assert text_of(report_html, "#count-centers") == "78"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_lists_every_code_in_discrepancies(fmt, rows, report_md, report_html):
    codes = Counter(r["code"] for r in rows)
    open_codes = Counter(r["code"] for r in rows if r["status"] == "open")
    expected = {code: (str(open_codes[code]), str(n)) for code, n in codes.items()}
    if fmt == "md":
        table = re.findall(r"^\| `(\w+)` \| \w+ \| (\d+) \| (\d+) \|", report_md, re.M)
    else:
        table = [tuple(" ".join(td.get_text().split()) for td in tr.find_all("td")[:4])
                 for tr in report_html.select("#codes tbody tr")]
        assert all(report_html.find(id=tr.a["href"][1:]) for tr in report_html.select("#codes tbody tr"))
        table = [(code, n_open, n) for code, _, n_open, n in table]
    assert {code: (n_open, n) for code, n_open, n in table} == expected
    assert len(table) == len(expected)  # each code once


FINDING_HEADING = re.compile(r"^#{3,4} (error|warning|info) `(\w+)`(?: \((\w+)\))?: (.*)$", re.M)


def test_each_finding_is_listed_once_in_markdown(rows, report_md):
    listed = Counter(m.group(2) for m in FINDING_HEADING.finditer(report_md))
    assert listed == Counter(r["code"] for r in rows)


def section(md: str, heading: str) -> str:
    """The text under a "## " heading, up to the next one."""
    return md.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_markdown_needs_action_comes_first(rows, report_md):
    """The first section lists the open errors, then the open warnings, and
    nothing else; Oregon's website (capture line 612) is the one error."""
    assert re.findall(r"^## (.*)$", report_md, re.M)[0] == "Needs action"
    assert capture_line(612) == "www.oregonfusioncenter@doj.state.or.us"
    action = [(m.group(1), m.group(2), m.group(4)) for m in FINDING_HEADING.finditer(section(report_md, "Needs action"))]
    assert action[0] == ("error", "WEBSITE_INVALID", "Oregon Terrorism Information Threat Assessment Network")
    severities = [sev for sev, _, _ in action]
    assert severities == sorted(severities, key=("error", "warning").index)
    open_rows = [r for r in rows if r["status"] == "open" and r["severity"] in ("error", "warning")]
    assert Counter(code for _, code, _ in action) == Counter(r["code"] for r in open_rows)
    oregon = section(report_md, "Needs action").split("\n### ", 2)[1]
    assert f"- Evidence (dhs\\_fusion\\_centers\\_capture.txt, line 612): {capture_line(612)}" in oregon


def test_markdown_sections_in_order(report_md):
    assert re.findall(r"^## (.*)$", report_md, re.M) == [
        "Needs action", "Summary", "Centers with findings", "Fixed and waived", "Sources", "Info findings by code"]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_headline_counts_what_needs_action(fmt, rows, report_md, report_html):
    # One error (Oregon's website) and eleven warnings need action; the info findings do not.
    action = sum(1 for r in rows if r["status"] == "open" and r["severity"] in ("error", "warning"))
    info = sum(1 for r in rows if r["status"] == "open" and r["severity"] == "info")
    assert action == 12 and info > action
    if fmt == "md":
        first = report_md.split("\n## ", 1)[0]
        assert f"**12 need action**: 1 error(s) and 11 warning(s) open. {info} info finding(s)" in first
    else:
        headline = report_html.find(id="headline")
        assert headline.find_parent("main") is None and headline.strong.get_text() == "12 need action"
        assert headline.find_next("ul", class_="contents") is not None  # the headline before the contents
        assert text_of(report_html, "#count-action") == "12"
        sections = [s["id"] for s in report_html.main.find_all("section", recursive=False)]
        assert sections[-1] == "info"  # drawn last, after the sources
        assert report_html.select("#info details[id^=code-]")  # folded


def test_the_map_is_shaded_by_what_needs_action(built):
    b = built[0]
    r = report_context(b.dataset, b.findings, b.as_of)
    shaded = {t.code: t.shade for t in r.map.tiles if t.shade not in ("none", "empty")}
    states = {c.id: c.state for c in b.dataset.centers}
    needs = {states[f.center_id] for f in b.findings
             if f.status == "open" and f.severity in ("error", "warning") and f.center_id}
    assert set(shaded) == needs and shaded["OR"] == "error"  # Oregon's website
    assert all(shade == "warning" for state, shade in shaded.items() if state != "OR")


def test_connecticut_fax_evidence_is_the_capture_line(report_md):
    assert capture_line(243) == "Fax: (806) 706-5535"
    part = report_md.split("### warning `AREA_CODE_OUT_OF_STATE`: Connecticut Intelligence Center", 1)[1]
    part = part.split("\n### ", 1)[0]
    assert "- Evidence (dhs\\_fusion\\_centers\\_capture.txt, line 243): Fax: (806) 706-5535" in part


def test_an_evidence_line_is_never_left_empty(report_md, report_html):
    """A finding on a blank source line (the undated listing starts on one)
    names the line without an empty quote after it."""
    assert not re.search(r"Evidence \([^)]*\):\s*$", report_md, re.M)
    assert all(code.get_text() for code in report_html.select(".evidence code"))


# ---- the lines for raw/corrections.csv ----------------------------------------

CSV_FENCE = re.compile(r"^```csv\n(.*?)\n```$", re.M | re.S)


def action_items(md: str) -> list[tuple[str, str]]:
    """(heading, text) of each finding under "Needs action"."""
    parts = section(md, "Needs action").split("\n### ")[1:]
    return [(p.split("\n", 1)[0], p) for p in parts]


def decision_rows(md: str) -> list[list[str]]:
    return [next(csv.reader([m.group(1)])) for m in CSV_FENCE.finditer(section(md, "Needs action"))]


def test_each_center_finding_gets_a_set_and_a_waive_line(report_md):
    for heading, text in action_items(report_md):
        rows = [next(csv.reader([m.group(1)])) for m in CSV_FENCE.finditer(text)]
        if heading.startswith(("warning `SOURCE_", "error `SOURCE_")):
            # One row, about the source: no center, the raw file in the last column.
            assert [(r[0], r[3], r[5], r[9]) for r in rows] == [
                ("", "waive", heading.split("`")[1], "dhs_fusion_centers_capture.txt")], heading
            assert "make fetch" in text, heading
            continue
        code = re.match(r"\w+ `(\w+)`", heading).group(1)
        center_id = re.search(r"^- Center: .* \(`([\w-]+)`\)$", text, re.M).group(1)
        assert [len(r) for r in rows] == [9, 9], heading
        assert [r[3] for r in rows] == ["set", "waive"]
        assert rows[0][4] != "" and rows[1][4] == ""  # set: a value or its placeholder
        assert [r[0] for r in rows] == [center_id, center_id]
        assert rows[1][5] == code
        assert rows[0][6:] == rows[1][6:] == ["<reason>", "<reviewer>", "<YYYY-MM-DD>"]


def test_a_value_with_commas_is_quoted(report_md):
    """The DC location line (capture line 747) holds commas: the CSV cell is quoted."""
    assert capture_line(747) == "Washington, DC, Washington DC"
    lines = [m.group(1) for m in CSV_FENCE.finditer(report_md)
             if m.group(1).startswith("washington-regional-threat-and-analysis-center-washington-dc,city,")]
    assert lines == [
        'washington-regional-threat-and-analysis-center-washington-dc,city,"Washington, DC, Washington DC",set,'
        '<right value>,,<reason>,<reviewer>,<YYYY-MM-DD>',
        'washington-regional-threat-and-analysis-center-washington-dc,city,"Washington, DC, Washington DC",waive,,'
        'LOCATION_MALFORMED,<reason>,<reviewer>,<YYYY-MM-DD>']


def filled(row: list[str], value: str = "") -> list[str]:
    return [*row[:4], value or row[4], row[5], "checked with the center", "A. Reviewer", "2026-12-01"]


def build_with(tmp_path: Path, rows: list[list[str]], header: list[str] = CORRECTION_COLUMNS) -> Build:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw, dirs_exist_ok=True)
    with (raw / "corrections.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return run(raw)


def test_a_source_row_acknowledges_the_source_findings_that_fetching_will_not_change(tmp_path, report_md):
    """The capture's three DHS pages are dated 2015 (lines 1, 778, 822): one row
    about the capture acknowledges all three SOURCE_OUTDATED findings."""
    (row,) = {tuple(r) for r in decision_rows(report_md) if r[5] == "SOURCE_OUTDATED"}
    b = build_with(tmp_path, [[*filled(list(row[:9])), row[9]]], [*CORRECTION_COLUMNS, "source"])
    assert [f for f in b.findings if f.code.startswith("CORRECTION_")] == []
    outdated = [f for f in b.findings if f.code == "SOURCE_OUTDATED"]
    assert len(outdated) == 3 and {f.status for f in outdated} == {"waived"}
    assert all("acknowledged SOURCE_OUTDATED on the source dhs_fusion_centers_capture.txt" in f.note for f in outdated)
    assert [f.status for f in b.findings if f.code == "SOURCE_UNDATED"] == ["open"]


@pytest.mark.parametrize("row, says", [
    (["", "", "", "waive", "", "SOURCE_OUTDATED", "r", "A. Reviewer", "2026-12-01", "other.txt"], "CORRECTION_STALE"),
    (["alabama-fusion-center", "", "", "waive", "", "SOURCE_OUTDATED", "r", "A. Reviewer", "2026-12-01",
      "dhs_fusion_centers_capture.txt"], "names both the center"),
    (["", "", "", "set", "x", "", "r", "A. Reviewer", "2026-12-01", "dhs_fusion_centers_capture.txt"],
     "can only waive"),
], ids=["unknown-source", "center-and-source", "set-on-a-source"])
def test_a_source_row_that_cannot_hold_is_named(tmp_path, row, says):
    header = [*CORRECTION_COLUMNS, "source"]
    if says.startswith("CORRECTION_"):
        b = build_with(tmp_path, [row], header)
        assert [(f.code, f.line) for f in b.findings if f.code.startswith("CORRECTION_")] == [(says, 2)]
    else:
        with pytest.raises(PipelineError, match=says):
            build_with(tmp_path, [row], header)


def test_every_waive_line_waives_its_finding(tmp_path, report_md, rows):
    """Each waive line, filled in, is applied as it stands: no decision is
    stale or unknown, and each finding it names is waived."""
    waives = [filled(r) for r in decision_rows(report_md) if r[3] == "waive" and len(r) == 9]  # center rows
    assert len(waives) == sum(1 for r in rows if r["status"] == "open" and r["severity"] in ("error", "warning")
                              and r["center_id"])
    b = build_with(tmp_path, waives)
    assert [f for f in b.findings if f.code.startswith("CORRECTION_")] == []
    waived = {(f.center_id, f.field, f.code) for f in b.findings if f.status == "waived"}
    assert waived == {(r[0], r[1], r[5]) for r in waives}


def test_a_set_line_filled_in_fixes_connecticut_fax(tmp_path, report_md):
    """The set line of Connecticut's fax, with the number the suggestion names."""
    (row,) = [r for r in decision_rows(report_md) if r[0] == "connecticut-intelligence-center" and r[3] == "set"]
    assert row[:3] == ["connecticut-intelligence-center", "fax", capture_line(243).removeprefix("Fax: ")]
    # Pre-filled with the value the suggestion names: the phone's area code, 860 (capture line 241).
    assert capture_line(241) == "Phone: (860) 706-5500" and row[4] == "(860) 706-5535"
    b = build_with(tmp_path, [filled(row)])
    assert [f for f in b.findings if f.code.startswith("CORRECTION_")] == []
    (fax,) = [f for f in b.findings if f.center_id == "connecticut-intelligence-center" and f.field == "fax"]
    assert (fax.code, fax.status) == ("AREA_CODE_OUT_OF_STATE", "fixed")
    center = next(c for c in b.dataset.centers if c.id == "connecticut-intelligence-center")
    assert center_row(center)["fax"] == "+18607065535"


def test_an_unedited_line_stops_the_build_at_its_line(tmp_path, report_md):
    """A line copied without filling in its date is refused, naming the file and line."""
    row = decision_rows(report_md)[1]
    with pytest.raises(PipelineError, match="YYYY-MM-DD"):
        build_with(tmp_path, [row])


@pytest.mark.parametrize("render", [render_markdown, render_html], ids=["markdown", "html"])
def test_render_is_deterministic(render):
    first, second = run(RAW), run(RAW)
    a = render(report_context(first.dataset, first.findings, first.as_of, first.decisions_applied))
    b = render(report_context(second.dataset, second.findings, second.as_of, second.decisions_applied))
    assert a == b
    assert a == render(report_context(first.dataset, first.findings, first.as_of, first.decisions_applied))
