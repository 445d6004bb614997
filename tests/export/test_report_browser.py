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
from pipeline.export.report import render_html, render_markdown, report_context
from pipeline.records import Center, ContactBlock, Dataset, FieldLine, Finding, SourceDocument, SourceRef
from tests.browser import DevTools, dump_dom

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


def action_articles(dom: BeautifulSoup) -> list:
    return dom.select("#action article.finding")


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
def test_browser_needs_action_comes_first(dom, rows):
    """The first section lists Oregon's website error (capture line 612), then
    the open warnings, and nothing else."""
    assert [s["id"] for s in dom.select("main > section")][0] == "action"
    assert text(dom.select_one("main h2")) == "Needs action"
    articles = action_articles(dom)
    first = articles[0]
    assert (first["data-code"], first["data-center"]) == (
        "WEBSITE_INVALID", "oregon-terrorism-information-threat-assessment-network")
    assert capture_line(612) == "www.oregonfusioncenter@doj.state.or.us"
    assert text(first.select_one(".evidence")) == f"{CAPTURE}, line 612: {capture_line(612)}"
    assert text(first.select_one(".value")) == capture_line(612)
    severities = [a.select_one(".sev").get_text() for a in articles]
    assert severities == ["error"] + ["warning"] * (len(articles) - 1)
    expected = [r for r in rows if r["status"] == "open" and r["severity"] in ("error", "warning")]
    assert Counter(a["data-code"] for a in articles) == Counter(r["code"] for r in expected)


@pytest.mark.browser
def test_browser_action_items_carry_corrections_lines(dom):
    for article in action_articles(dom):
        lines = [next(csv.reader([pre.get_text()])) for pre in article.select("pre.csv")]
        if not article["data-center"]:  # about a source: one row naming it, no center
            assert [(r[0], r[3], r[5], r[9]) for r in lines] == [
                ("", "waive", article["data-code"], "dhs_fusion_centers_capture.txt")], article["data-code"]
            assert "make fetch" in text(article.select_one(".record")), article["data-code"]
            continue
        assert [(r[0], r[3]) for r in lines] == [(article["data-center"], "set"), (article["data-center"], "waive")]
        assert lines[1][5] == article["data-code"]


@pytest.mark.browser
def test_browser_shows_south_carolina_relabeling_as_fixed(dom):
    assert capture_line(639) == "South Carolina Information and Intelligence Center"
    phone, toll_free = capture_line(641), capture_line(642)
    assert phone.startswith("Phone: ") and toll_free.startswith("Toll-Free: ")
    swapped = dom.select('#closed article.finding[data-code="PHONE_LABELS_SWAPPED"]')
    assert len(swapped) == 1
    finding = swapped[0]
    assert text(finding.select_one(".center")) == capture_line(639)
    assert finding["data-status"] == "fixed"
    assert text(finding.select_one(".status")) == "fixed"
    assert phone.removeprefix("Phone: ") in text(finding)
    assert toll_free.removeprefix("Toll-Free: ") in text(finding)


@pytest.mark.browser
def test_browser_shows_connecticut_806_fax_with_its_evidence(dom):
    evidence_line = "Fax: (806) 706-5535"
    assert capture_line(243) == evidence_line
    found = dom.select('#action article.finding[data-center="connecticut-intelligence-center"]')
    assert [a["data-code"] for a in found] == ["AREA_CODE_OUT_OF_STATE"]
    assert text(found[0].select_one(".center")) == capture_line(237)
    evidence = found[0].select_one(".evidence")
    assert text(evidence).startswith(f"{CAPTURE}, line 243:")
    assert evidence.code.get_text() == evidence_line
    assert "806" in text(found[0]) and "Texas" in text(found[0])


@pytest.mark.browser
def test_browser_shows_the_sources_with_dhs_dates_and_links(dom):
    addresses = [line[1:-1] for line in CAPTURE_LINES if re.fullmatch(r"<https?://[^>]+>", line)]
    published = {}
    for i, line in enumerate(CAPTURE_LINES):
        if line.startswith("Last Published Date: "):
            address = next(a[1:-1] for a in CAPTURE_LINES[i:] if a in {f"<{x}>" for x in addresses})
            day = datetime.strptime(line.removeprefix("Last Published Date: "), "%B %d, %Y").date()
            published[address] = day.isoformat()
    assert len(addresses) == 4 and len(published) == 3
    cells = [[text(td) for td in tr.select("td")] for tr in dom.select("#source-table tbody tr")]
    assert [c[0] for c in cells] == addresses
    assert [a["href"] for a in dom.select("#source-table td.address a")] == addresses
    for address, _title, last_published, raw_file, _lines in cells:
        assert last_published == published.get(address, "not given")
        assert raw_file == CAPTURE


@pytest.mark.browser
def test_browser_center_index_shows_worst_open_severity(dom):
    index = {li["data-center"]: li for li in dom.select("#centers li")}
    worst = {cid: li.select_one(".sev").get_text() for cid, li in index.items()}
    assert worst["oregon-terrorism-information-threat-assessment-network"] == "error"
    assert worst["connecticut-intelligence-center"] == "warning"  # its 806 fax
    assert worst["alaska-information-and-analysis-center"] == "info"  # no website
    assert worst["south-carolina-information-and-intelligence-center"] == "none open"  # relabeled, fixed
    assert worst[""] == "warning"  # the outdated and undated pages
    ids = {tag["id"] for tag in dom.find_all(id=True)}
    for li in index.values():
        assert all(a["href"][1:] in ids for a in li.select("a"))


@pytest.mark.browser
def test_browser_code_table_links_to_its_findings(dom, rows):
    for row in dom.select("#codes tbody tr"):
        code, target = text(row.td), row.td.a["href"]
        node = dom.select_one(target)
        assert node is not None and node["data-code"] == code, code
    assert len(dom.select("#codes tbody tr")) == len({r["code"] for r in rows})


# ---- the pictures -----------------------------------------------------------

def svg_texts(node) -> list[str]:
    return [t.get_text() for t in node.find_all("text")]


@pytest.mark.browser
def test_browser_draws_the_tile_map(dom):
    """California: the capture lists six centers with ", CA" or California's
    name (lines 17, 75, 85, 89, 91, 92); Texas seven; Wyoming none."""
    svg = dom.select_one("#map svg")
    assert svg["viewbox"] and svg["width"] == "100%" and svg.title.get_text()
    tiles = {g["data-state"]: g for g in svg.select("g.tile")}
    assert len(tiles) == 56  # 50 states, DC, and five territories
    assert svg_texts(tiles["CA"]) == ["CA", "6"]
    assert svg_texts(tiles["TX"]) == ["TX", "7"]
    assert svg_texts(tiles["WY"]) == ["WY", "0"]
    assert "shade-error" in tiles["OR"]["class"]  # Oregon's website
    assert "shade-warning" in tiles["CT"]["class"]  # Connecticut's fax
    assert "shade-empty" in tiles["WY"]["class"]
    assert [t for g in svg.select("g.swatch") for t in svg_texts(g)] == [
        "error", "warning", "nothing needs action", "no center"]


@pytest.mark.browser
def test_browser_draws_the_bar_chart_of_open_findings(dom, rows):
    svg = dom.select_one("#bars svg")
    assert svg.title.get_text()
    bars = {g["data-code"]: g for g in svg.select("g.bar")}
    open_codes = Counter(r["code"] for r in rows if r["status"] == "open")
    assert {code: int(g["data-count"]) for code, g in bars.items()} == dict(open_codes)
    missing_website = svg_texts(bars["MISSING_WEBSITE"])
    assert missing_website == ["MISSING_WEBSITE · info", str(open_codes["MISSING_WEBSITE"])]
    assert "sev-error" in bars["WEBSITE_INVALID"]["class"]


@pytest.mark.browser
def test_browser_draws_the_source_ages(dom):
    """Three DHS pages dated 2015 (July 23, September 14, August 21) and the
    association's undated listing, each aged to the build's as-of date."""
    svg = dom.select_one("#ages svg")
    assert svg.title.get_text()
    ages = svg.select("g.age")
    assert [g["data-published"] for g in ages] == ["2015-07-23", "", "2015-09-14", "2015-08-21"]
    assert svg_texts(ages[1])[1] == "no publication date given"
    as_of = text(dom.select_one(".as-of")).removeprefix("Built from the sources below, as of ").split(":")[0]
    assert svg.select_one("text.as-of").get_text() == f"as of {as_of}"


# ---- layout at both widths, and the screenshots --------------------------------

SCREENSHOTS = ROOT / "tests" / "screenshots"
# Every element's right edge, with every <details> opened; the smallest height
# of a label in each picture; where the first finding that needs action stands.
LAYOUT = """(() => {
  for (const d of document.querySelectorAll("details")) d.open = true;
  const width = document.documentElement.clientWidth;
  const tooWide = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > width + 0.5)
    .map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")).slice(0, 20);
  const labels = {};
  for (const figure of document.querySelectorAll("figure[id]")) {
    const heights = [...figure.querySelectorAll("svg text")].map(t => t.getBoundingClientRect().height);
    labels[figure.id] = Math.min(...heights);
  }
  const rect = e => { const r = document.querySelector(e).getBoundingClientRect();
                      return [r.top + scrollY, r.height]; };
  return {width, scrollWidth: document.documentElement.scrollWidth, tooWide, labels,
          firstAction: rect("#action article"), pictures: rect("#summary .pictures"), ages: rect("#ages")};
})()"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1400, 420])
def test_browser_layout_fits_and_screenshots(out_dir, width, capsys):
    with DevTools(out_dir / "report.html", width) as page:
        screen = page.evaluate("innerHeight")
        SCREENSHOTS.mkdir(exist_ok=True)
        top = page.screenshot(SCREENSHOTS / f"report-{width}-top.png", 0, 2 * screen)
        layout = page.evaluate(LAYOUT)
        page_height = page.evaluate("document.documentElement.scrollHeight")
        page.screenshot(SCREENSHOTS / f"report-{width}-pictures.png", *layout["pictures"])
        page.screenshot(SCREENSHOTS / f"report-{width}-ages.png", *layout["ages"])
    with capsys.disabled():
        print(f"\nscreenshots of the report at {width} px: {SCREENSHOTS}/report-{width}-*.png; the page is "
              f"{page_height} px tall, the first finding that needs action starts {layout['firstAction'][0]:.0f} px "
              f"from the top")
    assert layout["width"] == width
    assert layout["scrollWidth"] <= width, f"the page scrolls sideways: {layout['tooWide']}"
    assert layout["tooWide"] == []
    assert layout["firstAction"][0] < screen, "the first finding that needs action is below the first screen"
    assert set(layout["labels"]) == {"map", "bars", "ages"}
    assert min(layout["labels"].values()) >= 11, f"a picture's labels are too small: {layout['labels']}"
    image = pytest.importorskip("PIL.Image").open(top)
    colors = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colors is not None and len(colors) > 50, "the page looks blank"


_EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def test_report_loads_nothing_from_outside(out_dir):
    page = soup((out_dir / "report.html").read_text(encoding="utf-8"))
    assert page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"] \
        == "default-src 'none'; style-src 'unsafe-inline'"
    assert page.find_all("script") == [] and page.find_all("iframe") == [] and page.find_all("object") == []
    for tag in page.find_all(["link", "script", "img", "image", "use", "source", "video", "audio", "embed"]):
        for attr in ("src", "href", "xlink:href", "srcset"):
            assert not _EXTERNAL.match(tag.get(attr, "")), f"{tag.name} loads {tag[attr]}"
    sources = [line[1:-1] for line in CAPTURE_LINES if re.fullmatch(r"<https?://[^>]+>", line)]
    leaving = [tag["href"] for tag in page.find_all(href=True) if not tag["href"].startswith("#")]
    assert leaving == sources, "only the sources' addresses are links out of the page"
    assert not re.search(r"url\(", page.style.get_text()), "the stylesheet loads a resource"


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
                         title=TITLE, published="", published_text="", start=SourceRef(SOURCE, 1),
                         end=SourceRef(SOURCE, 20))
    label = FieldLine(label=LABEL, text="<b onmouseover=alert(2)>bold</b>", ref=SourceRef(SOURCE, 5),
                      raw=LABEL_LINE)
    block = ContactBlock(heading=NAME, heading_ref=SourceRef(SOURCE, 2), location=None, fields=(label,), url=JS_URL)

    def center(cid: str, name: str, line: int, blk: ContactBlock | None) -> Center:
        return Center(id=cid, name=name, designation="primary", values={}, source_url=JS_URL, source=SOURCE,
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
# Tags and attributes that only the payloads could have put in the page (the
# report's own <svg> elements are its three pictures, checked apart).
FOREIGN_TAGS = ("script", "img", "b", "iframe", "object")


def assert_inert(dom: BeautifulSoup) -> None:
    assert text(dom.title) == REPORT_TITLE, "a script changed the title"
    assert dom.body is not None and not dom.body.has_attr("data-pwned"), "a handler ran"
    for name in FOREIGN_TAGS:
        assert dom.find_all(name) == [], f"a <{name}> element from the data is in the page"
    for svg in dom.find_all("svg"):
        assert svg.parent.name == "figure" and svg.parent.get("id") in ("map", "bars", "ages"), \
            "an <svg> element from the data is in the page"
    for tag in dom.find_all(True):
        handlers = [a for a in tag.attrs if a.lower().startswith("on")]
        assert not handlers, f"<{tag.name}> has event handlers {handlers}"
        for attr in ("href", "src", "action", "formaction"):
            assert "javascript:" not in str(tag.get(attr, "")).lower(), f"<{tag.name} {attr}> runs a script"


def assert_literal(dom: BeautifulSoup) -> None:
    unsafe = dom.select_one('article.finding[data-code="WEBSITE_UNSAFE_SCHEME"]')
    assert unsafe["data-center"] == SAFE_ID
    assert unsafe.select_one(".center").get_text() == NAME
    assert unsafe.select_one(".message").get_text() == MESSAGE
    assert unsafe.select_one(".value code").get_text() == VALUE
    assert unsafe.select_one(".evidence code").get_text() == VALUE
    assert unsafe.select_one(".suggestion").get_text() == f"Do not open {JS_URL}"
    assert [next(csv.reader([pre.get_text()]))[:4] for pre in unsafe.select("pre.csv")] == [
        [SAFE_ID, "website", "", "set"], [SAFE_ID, "website", "", "waive"]]
    label = dom.select_one('article.finding[data-code="UNKNOWN_LABEL"]')
    assert label.em.get_text() == LABEL
    assert label.select_one(".evidence code").get_text() == LABEL_LINE
    assert [td.get_text() for td in dom.select("#source-table tbody td")][:2] == [JS_URL, TITLE]
    undated = dom.select_one('article.finding[data-code="SOURCE_UNDATED"]')
    assert f"The page {TITLE} ({JS_URL})" in undated.get_text()
    assert undated.select_one(".evidence code").get_text() == TITLE
    multiline = dom.select_one(f'article.finding[data-center="{MULTILINE_ID}"]')
    assert multiline.select_one(".center").get_text() == MULTILINE_NAME
    assert [li.a.get_text() for li in dom.select("#centers li")] == ["Dataset and sources", NAME, MULTILINE_NAME]
    assert dom.select_one("#ages svg g.age text").get_text() == TITLE[:51] + "…"
    assert [svg.parent["id"] for svg in dom.find_all("svg")] == ["map", "bars", "ages"]


@pytest.fixture
def hostile_page(tmp_path: Path) -> Path:
    ds, findings = hostile_dataset()
    page = tmp_path / "report.html"
    page.write_text(render_html(report_context(ds, findings, AS_OF)), encoding="utf-8")
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
    assert "<img" not in page_text and "<b " not in page_text
    assert page_text.count("<svg") == 3 and page_text.count('<svg class="picture" viewBox=') == 3
    assert "<svg onload" not in page_text
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in page_text
    assert "&#34;&gt;&lt;svg onload=alert(1)&gt;" in page_text


def test_markdown_escapes_hostile_values():
    md = render_markdown(report_context(*hostile_dataset(), AS_OF))
    for raw in ("<script", "<img", "<svg", "<b "):
        assert raw not in md, f"{raw!r} is written raw"
    assert not re.search(r"(?<!\\)\]\(javascript:", md), "a Markdown link to a javascript: address"
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in md
    assert "\\[x\\](javascript:alert(3))" in md


def test_markdown_keeps_each_value_on_its_line():
    md = render_markdown(report_context(*hostile_dataset(), AS_OF))
    headings = [line for line in md.splitlines() if line.startswith("#")]
    assert [h for h in headings if h.startswith("# ")] == ["# Fusion centers: data-quality report"]
    assert f"#### info `MISSING_WEBSITE`: Second Center \\# Injected heading &lt;script&gt;alert(4)&lt;/script&gt;" \
        in headings
    assert f"### error `WEBSITE_UNSAFE_SCHEME`: {NAME.replace('<', '&lt;').replace('>', '&gt;')}" in headings
    source_row = next(line for line in md.splitlines() if line.startswith(f"| {JS_URL[:10]}"))
    assert len(re.findall(r"(?<!\\)\|", source_row)) == 6, "a | in a value split the table row"


@pytest.mark.browser
def test_markdown_rendered_to_html_runs_no_script(tmp_path):
    """A CommonMark renderer that passes raw HTML through (as GitHub's does,
    before its own sanitizer) still gets no element from the data."""
    markdown_it = pytest.importorskip("markdown_it")
    md = render_markdown(report_context(*hostile_dataset(), AS_OF))
    body = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
    page = tmp_path / "report-md.html"
    page.write_text(f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{REPORT_TITLE}</title></head>"
                    f"<body>{body}</body></html>", encoding="utf-8")
    dom = soup(dump_dom(page))
    assert_inert(dom)
    assert dom.find_all("a") == [], "the Markdown made a link"
    assert NAME in dom.get_text()
    assert MESSAGE in dom.get_text()
