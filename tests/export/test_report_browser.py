"""The reviewers' report as a browser shows it, and its escaping.

The real report is built from raw/ into a temporary folder and opened in
headless Chromium; the checks read the DOM Chromium built. Expected values
come from the capture's text or from the build's discrepancies.csv.

The escaping tests render a made-up dataset whose names, messages and values
carry markup and `javascript:` addresses, and prove that no script runs and
that every value reads literally; a control page with the same payloads
unescaped proves the harness sees a script when one runs.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from pipeline.build import build
from pipeline.export.report import render_html, render_markdown
from pipeline.records import Center, ContactBlock, Dataset, FieldLine, Finding, SourceDocument, SourceRef
from tests.browser import dump_dom, screenshot

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "raw"
CAPTURE = "dhs_fusion_centers_capture.txt"
CAPTURE_LINES = (RAW / CAPTURE).read_text(encoding="utf-8").splitlines()
REPORT_TITLE = "Fusion centers: data-quality report"
CSP_META = ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">")


def capture_line(n: int) -> str:
    return CAPTURE_LINES[n - 1]


def soup(markup: str) -> BeautifulSoup:
    return BeautifulSoup(markup, "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


# ---- the real report --------------------------------------------------------

@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-report") / "out"
    build(RAW, out)
    return out


@pytest.fixture(scope="module")
def rows(out_dir: Path) -> list[dict[str, str]]:
    with (out_dir / "discrepancies.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def dom(out_dir: Path) -> BeautifulSoup:
    return soup(dump_dom(out_dir / "report.html"))


def center_section(dom: BeautifulSoup, heading: str):
    """The section whose heading starts with a center's name as the capture writes it."""
    found = [s for s in dom.select("section.center") if text(s.h3).startswith(heading + " ")]
    assert len(found) == 1, f"{len(found)} sections for {heading!r}"
    return found[0]


@pytest.mark.browser
def test_browser_shows_the_report_title(dom):
    assert text(dom.title) == REPORT_TITLE
    assert text(dom.h1) == REPORT_TITLE


@pytest.mark.browser
def test_browser_shows_78_centers(dom):
    primary = sum(1 for line in CAPTURE_LINES[:CAPTURE_LINES.index("Recognized Fusion Centers")]
                  if line.startswith("- "))
    recognized = sum(1 for line in CAPTURE_LINES[CAPTURE_LINES.index("Recognized Fusion Centers"):
                                                 CAPTURE_LINES.index("Last Published Date: July 23, 2015")]
                     if line.startswith("- "))
    assert (primary, recognized) == (53, 25)
    assert text(dom.select_one("#count-centers")) == str(primary + recognized)
    centers_card = dom.select_one("#count-centers").parent
    assert f"{primary} primary, {recognized} recognized" in text(centers_card)


@pytest.mark.browser
@pytest.mark.parametrize("severity", ["error", "warning", "info"])
def test_browser_shows_open_counts_of_discrepancies_csv(dom, rows, severity):
    open_rows = [r for r in rows if r["status"] == "open"]
    assert text(dom.select_one(f"#count-{severity}")) == str(sum(1 for r in open_rows if r["severity"] == severity))
    assert text(dom.select_one("#count-open")) == str(len(open_rows))


@pytest.mark.browser
def test_browser_shows_fixed_and_waived_counts(dom, rows):
    statuses = Counter(r["status"] for r in rows)
    assert text(dom.select_one("#count-fixed")) == str(statuses["fixed"])
    assert text(dom.select_one("#count-waived")) == str(statuses["waived"])
    assert text(dom.select_one("#count-all")) == str(len(rows))


@pytest.mark.browser
def test_browser_shows_a_section_per_center_with_findings(dom, rows):
    expected = {r["center_id"]: r["center_name"] or "Dataset and sources" for r in rows}
    sections = {s["id"]: s for s in dom.select("section.center")}
    assert set(sections) == {f"c-{cid or 'dataset'}" for cid in expected}
    for cid, name in expected.items():
        section = sections[f"c-{cid or 'dataset'}"]
        assert text(section.h3) == (f"{name} {cid}" if cid else name)
        assert len(section.select("div.finding")) == sum(1 for r in rows if r["center_id"] == cid)


@pytest.mark.browser
def test_browser_index_links_every_section(dom):
    targets = [a["href"] for a in dom.select("nav a")]
    sections = [f"#{s['id']}" for s in dom.select("section.center")]
    assert targets == sections


@pytest.mark.browser
def test_browser_shows_south_carolina_relabeling_as_fixed(dom):
    assert capture_line(639) == "South Carolina Information and Intelligence Center"
    phone, toll_free = capture_line(641), capture_line(642)
    assert phone.startswith("Phone: ") and toll_free.startswith("Toll-Free: ")
    section = center_section(dom, capture_line(639))
    swapped = section.select('div.finding[data-code="PHONE_LABELS_SWAPPED"]')
    assert len(swapped) == 1
    finding = swapped[0]
    assert finding["data-status"] == "fixed"
    assert text(finding.select_one(".status")) == "fixed"
    assert phone.removeprefix("Phone: ") in text(finding)
    assert toll_free.removeprefix("Toll-Free: ") in text(finding)


@pytest.mark.browser
def test_browser_shows_connecticut_806_fax_with_its_evidence(dom):
    evidence_line = "Fax: (806) 706-5535"
    assert capture_line(243) == evidence_line
    section = center_section(dom, capture_line(237))
    out_of_state = section.select('div.finding[data-code="AREA_CODE_OUT_OF_STATE"]')
    assert len(out_of_state) == 1
    evidence = out_of_state[0].select_one(".evidence")
    assert text(evidence).startswith(f"Evidence ({CAPTURE}, line 243):")
    assert evidence.code.get_text() == evidence_line
    assert "806" in text(out_of_state[0]) and "Texas" in text(out_of_state[0])


@pytest.mark.browser
def test_browser_shows_the_sources_with_dhs_dates(dom):
    addresses = [line[1:-1] for line in CAPTURE_LINES if re.fullmatch(r"<https?://[^>]+>", line)]
    published = {}
    for i, line in enumerate(CAPTURE_LINES):
        if line.startswith("Last Published Date: "):
            address = next(a[1:-1] for a in CAPTURE_LINES[i:] if a in {f"<{x}>" for x in addresses})
            day = datetime.strptime(line.removeprefix("Last Published Date: "), "%B %d, %Y").date()
            published[address] = day.isoformat()
    assert len(addresses) == 4 and len(published) == 3
    cells = [[text(td) for td in tr.select("td")] for tr in dom.select("#sources tbody tr")]
    assert [c[0] for c in cells] == addresses
    for address, _title, last_published, raw_file, _lines in cells:
        assert last_published == published.get(address, "not given")
        assert raw_file == CAPTURE


@pytest.mark.browser
def test_browser_screenshot_is_a_drawn_page(out_dir, tmp_path):
    png = screenshot(out_dir / "report.html", tmp_path / "report.png", 1200, 2000)
    image = pytest.importorskip("PIL.Image").open(png)
    assert image.size == (1200, 2000)
    colors = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colors is not None and len(colors) > 50, "the page looks blank"


_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def test_report_loads_nothing_from_outside(out_dir):
    page = soup((out_dir / "report.html").read_text(encoding="utf-8"))
    assert page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"] \
        == "default-src 'none'; style-src 'unsafe-inline'"
    assert page.find_all("script") == [] and page.find_all("iframe") == [] and page.find_all("object") == []
    for tag in page.find_all(["link", "script", "img", "source", "video", "audio", "embed"]):
        for attr in ("src", "href", "srcset"):
            assert not _EXTERNAL.match(tag.get(attr, "")), f"{tag.name} loads {tag[attr]}"
    for tag in page.find_all(href=True):
        assert tag["href"].startswith("#"), f"a link leaves the page: {tag['href']}"
    assert not re.search(r"url\(", page.style.get_text()), "the stylesheet loads a resource"
    urls_in_text = re.findall(r"https?://", page.get_text())
    assert urls_in_text, "the sources table shows its addresses as text"


# ---- escaping ---------------------------------------------------------------

NAME = ("<script>document.title='pwned'</script>"
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">")
BREAKOUT = "\"><svg onload=alert(1)>"
JS_URL = "javascript:document.body.setAttribute('data-pwned','js')"
MESSAGE = f"The website {BREAKOUT} is {JS_URL}."
VALUE = f"{BREAKOUT}{JS_URL}"
LABEL = "<img src=x onerror=\"document.body.setAttribute('data-pwned','label')\">"
LABEL_LINE = f"{LABEL}: <b onmouseover=alert(2)>bold</b>"
TITLE = "</title><script>document.title='pwned'</script> | [x](javascript:alert(3))"
MULTILINE_NAME = "Second Center\n# Injected heading\n<script>alert(4)</script>"
SOURCE = "made-up.txt"
SAFE_ID, MULTILINE_ID = "hostile-center", "second-center"


def hostile_dataset() -> tuple[Dataset, list[Finding]]:
    doc = SourceDocument(source=SOURCE, sha256="0" * 64, form="text", kind="contact_listing", url=JS_URL,
                         title=TITLE, published="", published_text="", first_line=1, last_line=20)
    label = FieldLine(label=LABEL, text="<b onmouseover=alert(2)>bold</b>", ref=SourceRef(SOURCE, 5),
                      raw=LABEL_LINE)
    block = ContactBlock(heading=NAME, heading_ref=SourceRef(SOURCE, 2), location=None, fields=(label,), url=JS_URL)

    def center(cid: str, name: str, line: int, blk: ContactBlock | None) -> Center:
        return Center(id=cid, name=name, designation="primary", city="", state="", zip="", phone=None, fax=None,
                      alt_phone=None, toll_free=None, email=None, website=None, source_url=JS_URL, source=SOURCE,
                      source_line=line, entry=None, block=blk, match_method="exact", match_score=1.0)

    ds = Dataset(documents=(doc,), entries=(), blocks=(block,),
                 centers=(center(SAFE_ID, NAME, 2, block), center(MULTILINE_ID, MULTILINE_NAME, 10, None)))
    findings = [
        Finding(code="WEBSITE_UNSAFE_SCHEME", severity="error", center_id=SAFE_ID, center_name=NAME,
                field="website", value=VALUE, message=MESSAGE, suggestion=f"Do not open {JS_URL}",
                ref=SourceRef(SOURCE, 7), evidence=VALUE),
        Finding(code="UNKNOWN_LABEL", severity="info", center_id=SAFE_ID, center_name=NAME, field=LABEL,
                value="<b onmouseover=alert(2)>bold</b>", message=f"The line {LABEL_LINE!r} has a label.",
                suggestion="", ref=SourceRef(SOURCE, 5), evidence=LABEL_LINE),
        Finding(code="MISSING_WEBSITE", severity="info", center_id=MULTILINE_ID, center_name=MULTILINE_NAME,
                field="website", value="", message=MULTILINE_NAME, suggestion="", ref=SourceRef(SOURCE, None),
                evidence=""),
        Finding(code="SOURCE_UNDATED", severity="warning", center_id="", center_name="", field="published",
                value="", message=f"The page {TITLE} ({JS_URL}) gives no publication date.", suggestion="",
                ref=SourceRef(SOURCE, 1), evidence=TITLE),
    ]
    return ds, findings


AS_OF = date(2026, 1, 1)
# Tags and attributes that only the payloads could have put in the page.
FOREIGN_TAGS = ("script", "img", "svg", "b", "iframe", "object")


def assert_inert(dom: BeautifulSoup) -> None:
    assert text(dom.title) == REPORT_TITLE, "a script changed the title"
    assert dom.body is not None and not dom.body.has_attr("data-pwned"), "a handler ran"
    for name in FOREIGN_TAGS:
        assert dom.find_all(name) == [], f"a <{name}> element from the data is in the page"
    for tag in dom.find_all(True):
        handlers = [a for a in tag.attrs if a.lower().startswith("on")]
        assert not handlers, f"<{tag.name}> has event handlers {handlers}"
        for attr in ("href", "src", "action", "formaction"):
            assert "javascript:" not in str(tag.get(attr, "")).lower(), f"<{tag.name} {attr}> runs a script"


def assert_literal(dom: BeautifulSoup) -> None:
    sections = {s["id"]: s for s in dom.select("section.center")}
    assert sections[f"c-{SAFE_ID}"].h3.get_text() == f"{NAME} {SAFE_ID}"
    unsafe = sections[f"c-{SAFE_ID}"].select_one('div.finding[data-code="WEBSITE_UNSAFE_SCHEME"]')
    assert MESSAGE in unsafe.get_text()
    assert unsafe.select_one(".evidence code").get_text() == VALUE
    assert f"Suggestion: Do not open {JS_URL}" in unsafe.get_text()
    label = sections[f"c-{SAFE_ID}"].select_one('div.finding[data-code="UNKNOWN_LABEL"]')
    assert label.em.get_text() == LABEL
    assert label.select_one(".evidence code").get_text() == LABEL_LINE
    assert [td.get_text() for td in dom.select("#sources tbody td")][:2] == [JS_URL, TITLE]
    undated = sections["c-dataset"].select_one("div.finding")
    assert f"The page {TITLE} ({JS_URL})" in undated.get_text()
    assert undated.select_one(".evidence code").get_text() == TITLE
    assert sections[f"c-{MULTILINE_ID}"].h3.get_text() == f"{MULTILINE_NAME} {MULTILINE_ID}"


@pytest.fixture
def hostile_page(tmp_path: Path) -> Path:
    ds, findings = hostile_dataset()
    page = tmp_path / "report.html"
    page.write_text(render_html(ds, findings, AS_OF), encoding="utf-8")
    return page


@pytest.mark.browser
def test_harness_sees_a_script_that_runs(tmp_path):
    """Control: the payloads written raw, with no CSP, do run in Chromium, so
    the checks below would see an escaping bug. (An alert() would hold the
    page open until the time limit, so the control's <svg> sets an attribute.)"""
    page = tmp_path / "raw.html"
    svg = BREAKOUT.replace("alert(1)", "document.body.setAttribute('data-svg','1')")
    page.write_text(f"<!DOCTYPE html><html><head><title>{REPORT_TITLE}</title></head><body>"
                    f"<h3>{NAME}</h3><p data-x=\"{svg}</p></body></html>", encoding="utf-8")
    dom = soup(dump_dom(page))
    assert text(dom.title) == "pwned"
    assert dom.body["data-pwned"] == "1" and dom.body["data-svg"] == "1"
    with pytest.raises(AssertionError):
        assert_inert(dom)


@pytest.mark.browser
def test_hostile_values_run_no_script(hostile_page):
    dom = soup(dump_dom(hostile_page))
    assert_inert(dom)
    assert_literal(dom)


@pytest.mark.browser
def test_hostile_values_run_no_script_without_the_csp(hostile_page):
    """Escaping alone keeps the page inert: the CSP is a second guard, not the only one."""
    page_text = hostile_page.read_text(encoding="utf-8")
    assert page_text.count(CSP_META) == 1
    bare = hostile_page.with_name("no-csp.html")
    bare.write_text(page_text.replace(CSP_META, ""), encoding="utf-8")
    dom = soup(dump_dom(bare))
    assert_inert(dom)
    assert_literal(dom)


def test_hostile_values_are_escaped_in_html_source(hostile_page):
    page_text = hostile_page.read_text(encoding="utf-8")
    assert page_text.count("<script") == 0
    assert "<img" not in page_text and "<svg" not in page_text and "<b " not in page_text
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in page_text
    assert "&quot;&gt;&lt;svg onload=alert(1)&gt;" in page_text


def test_markdown_escapes_hostile_values():
    md = render_markdown(*hostile_dataset(), AS_OF)
    for raw in ("<script", "<img", "<svg", "<b "):
        assert raw not in md, f"{raw!r} is written raw"
    assert not re.search(r"(?<!\\)\]\(javascript:", md), "a Markdown link to a javascript: address"
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in md
    assert "\\[x\\](javascript:alert(3))" in md


def test_markdown_keeps_each_value_on_its_line():
    md = render_markdown(*hostile_dataset(), AS_OF)
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert [h for h in headings if h.startswith("# ")] == ["# Fusion centers: data-quality report"]
    assert headings[headings.index("## Findings by center") + 1:] == [
        "### Dataset and sources",
        f"### {NAME.replace('<', '&lt;').replace('>', '&gt;')} (`{SAFE_ID}`)",
        f"### Second Center \\# Injected heading &lt;script&gt;alert(4)&lt;/script&gt; (`{MULTILINE_ID}`)"]
    source_row = next(line for line in md.splitlines() if line.startswith(f"| {JS_URL[:10]}"))
    assert len(re.findall(r"(?<!\\)\|", source_row)) == 6, "a | in a value split the table row"


@pytest.mark.browser
def test_markdown_rendered_to_html_runs_no_script(tmp_path):
    """A CommonMark renderer that passes raw HTML through (as GitHub's does,
    before its own sanitizer) still gets no element from the data."""
    markdown_it = pytest.importorskip("markdown_it")
    body = markdown_it.MarkdownIt("commonmark").enable("table").render(render_markdown(*hostile_dataset(), AS_OF))
    page = tmp_path / "report-md.html"
    page.write_text(f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{REPORT_TITLE}</title></head>"
                    f"<body>{body}</body></html>", encoding="utf-8")
    dom = soup(dump_dom(page))
    assert_inert(dom)
    assert dom.find_all("a") == [], "the Markdown made a link"
    assert NAME in dom.get_text()
    assert MESSAGE in dom.get_text()
