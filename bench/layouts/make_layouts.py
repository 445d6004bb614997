"""Random layouts of the capture, printed by the programs publishers use.

    .venv/bin/python bench/layouts/make_layouts.py OUT_DIR --seed 17 --n 12 [--producers groff enscript]
    .venv/bin/python bench/layouts/make_layouts.py tests/fixtures/generated --sample

Each layout is drawn from one seed (`random.Random(seed)`), so a seed names its documents: the
same seed and the same programs give the same layout. A layout holds the capture's DHS list page
and its contact listing (raw/dhs_fusion_centers_capture.txt, read here as plain text, not through
the pipeline), or the listing alone, and says what it holds; what it does not hold is read beside
it from the capture's own lines (bench/layouts/accuracy.py does that).

The producers, and what varies in each (see `draw`):
- reportlab: this script's own typesetter on ReportLab's canvas, placing every glyph by itself
  (no space glyph is written, as print drivers and layout programs do), with justified lines
  whose word gaps are stretched, hyphenation (pyphen), bullets typed or drawn as circles;
- weasyprint, chromium, wkhtmltopdf: one HTML page and its print stylesheet (CSS columns,
  `hyphens: auto`, `text-align: justify`, `@page` size and margins, running headers and footers
  from `@page` margin boxes, Chromium's or wkhtmltopdf's own header and footer);
- writer: the same page opened by LibreOffice Writer (a section of columns) and printed;
- calc: the listing as a spreadsheet, a header row of field labels (flush left or centred) and one
  row per center, each column as wide as its longest cell in the layout's font, printed by
  LibreOffice Calc as a publisher prints a sheet wider than the paper: with row numbers and column
  letters, with the name column repeated as print titles, or scaled to the paper's width (see
  `make_calc`);
- pandoc: Markdown through pandoc and pdfLaTeX (multicol, fancyhdr, extarticle sizes,
  Times, Helvetica, Palatino, Computer Modern);
- groff: ms macros through groff's PDF output (two columns with .2C/.MC, `.ad b` or `.ad l`,
  hyphenation on or off);
- enscript: the capture's text printed monospaced by enscript and ps2pdf (columns, landscape,
  enscript's running header, lines wrapped where the page ends);
- textprint: the capture as a plain text file printed to pages: hard wraps, a header and a
  page number on each page, form feeds between pages (as `pr` prints).

Every producer breaks an email or web address wider than its column, as a publisher who proofs
the page sets it: CSS `overflow-wrap: anywhere`, TeX's `\\url` (breaks after "." "/" "@"), groff's
`\\:` break points, a split at the column's edge in the ReportLab typesetter (ReportLab's own
`splitLongWords`); Writer and the text printers break such a word on their own. Left unbroken, it
runs over the next column or off the page, where no one can read it whole: the reader refuses
the first ("text printed over other text") and names the second (VALUE_CUT_AT_EDGE), tested on
drawn pages, and a layout that shows no value whole would only measure the generator.

A producer whose program is missing is left out, and said so; Debian packages them as chromium,
libreoffice-writer-nogui, libreoffice-calc-nogui, pandoc, texlive-latex-recommended,
texlive-latex-extra (extsizes), groff, enscript, ghostscript, wkhtmltopdf; WeasyPrint, ReportLab
and pyphen come from pip (`pip install -e '.[layouts]'`).
"""
from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "pdf" / "corpus"))
from make_corpus import Block, Capture, Page, field_html, heading_html, inline, list_body, read_capture  # noqa: E402

_MD_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(#\)")
_LABEL = re.compile(r"^(Phone|Fax|Toll-Free|Alternate Phone):\s*")
TITLE = "Fusion Center Locations and Contact Information"
LISTING_TITLE = "Fusion Centers"
TIMEOUT = 180  # seconds one program may take for one document

PRODUCERS = ("reportlab", "weasyprint", "chromium", "wkhtmltopdf", "writer", "calc", "pandoc", "groff",
             "enscript", "textprint")
# The program each producer needs on the PATH (reportlab and weasyprint are Python packages).
PROGRAMS = {"chromium": ("chromium",), "wkhtmltopdf": ("wkhtmltopdf",), "writer": ("soffice",),
            "calc": ("soffice",), "pandoc": ("pandoc", "pdflatex"), "groff": ("groff",),
            "enscript": ("enscript", "ps2pdf")}
PACKAGES = {"reportlab": ("reportlab", "pyphen"), "weasyprint": ("weasyprint",)}


# ---------------------------------------------------------------- the layout

@dataclass(frozen=True)
class Layout:
    """One random layout: the producer and every choice it was drawn with."""

    seed: int
    producer: str
    holds: str  # "both": the list page then the listing; "listing": the listing alone
    paper: str  # "letter" or "A4"
    landscape: bool
    margin_mm: int
    columns: int
    font: str
    size: float  # body text, points
    justify: bool
    hyphenate: bool
    running: bool  # a running header and a footer with the page number
    bullets: str  # "typed" (a bullet character) or "drawn" (the program's own marker, or a circle)
    form: str  # "blocks", "table" (one row per center) or "sheet" (a spreadsheet)
    heading: str  # "bold", "larger" or "plain"

    @property
    def name(self) -> str:
        """The document's file name: the seed, the producer and the main choices."""
        turn = "landscape" if self.landscape else "portrait"
        ext = "txt" if self.producer == "textprint" else "pdf"
        return (f"{self.seed}_{self.producer}_{self.form}_{self.columns}col_{self.paper.lower()}_{turn}_"
                f"{str(self.size).replace('.', 'p')}pt.{ext}")


FONTS = {
    "reportlab": ("Helvetica", "Times-Roman", "Courier", "DejaVuSans", "LiberationSerif", "LiberationSans"),
    "html": ("Liberation Sans", "Liberation Serif", "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Condensed",
             "Nimbus Sans", "Nimbus Roman", "Liberation Mono", "URW Bookman", "P052"),
    "pandoc": ("roman", "sans", "typewriter"),
    "groff": ("T", "H", "N", "P", "C"),
    "enscript": ("Courier",),
    "textprint": ("monospace",),
}


def draw(seed: int, producers: tuple[str, ...] = PRODUCERS) -> Layout:
    """The layout of one seed: the producer among `producers`, then every choice."""
    rng = random.Random(seed)
    producer = rng.choice(producers)
    family = producer if producer in FONTS else "html"
    form = "blocks"
    if producer == "calc":
        form = "sheet"
    elif producer in ("weasyprint", "chromium", "wkhtmltopdf", "writer", "reportlab") and rng.random() < 0.2:
        form = "table" if producer != "reportlab" else "blocks"  # this typesetter sets blocks only
    monospaced = producer in ("enscript", "textprint")
    columns = 1 if form != "blocks" else rng.choice((1, 2, 2, 3))
    if producer == "enscript":
        columns = rng.choice((1, 1, 2))
    if producer == "textprint":
        columns = 1
    size = rng.choice((7, 7.5, 8, 8.5, 9, 9.5, 10, 10.5, 11, 12))
    if producer == "pandoc":
        size = rng.choice((8, 9, 10, 11, 12))  # the sizes of extarticle
    if producer == "groff":
        size = rng.choice((7, 8, 9, 10, 11, 12))
    return Layout(
        seed=seed,
        producer=producer,
        holds="listing" if producer == "calc" or rng.random() < 0.3 else "both",
        paper=rng.choice(("letter", "A4")),
        landscape=rng.random() < 0.25,
        margin_mm=rng.choice((8, 10, 12, 15, 18, 20, 25)),
        columns=columns,
        font=rng.choice(FONTS[family]),
        size=size,
        justify=False if monospaced else rng.random() < 0.5,
        hyphenate=False if monospaced else rng.random() < 0.5,
        running=rng.random() < 0.6,
        bullets=rng.choice(("typed", "drawn")),
        form=form,
        heading="plain" if monospaced else rng.choice(("bold", "bold", "larger", "plain")),
    )


# ---------------------------------------------------------------- the capture as text

def plain(text: str) -> str:
    """A capture line as a reader sees it: `[text](#)` as its text, `\\(` as `(`."""
    return _MD_LINK.sub(lambda m: re.sub(r"\\(.)", r"\1", m.group(1)), text)


def capture_text(capture: Capture, holds: str) -> list[str]:
    """The capture's lines of the pages the layout holds, as the file has them (blank lines between)."""
    lines = (ROOT / "raw" / "dhs_fusion_centers_capture.txt").read_text(encoding="utf-8").split("\n")
    spans = {"both": (0, 777), "listing": (103, 777)}[holds]
    return lines[spans[0]:spans[1]]


# ---------------------------------------------------------------- HTML producers

def listing_blocks_html(blocks: tuple[Block, ...], heading: str) -> str:
    tag = "h3" if heading != "plain" else "p class=\"name\""
    close = "h3" if heading != "plain" else "p"
    return "\n".join(
        f'<div class="fc"><{tag}>{heading_html(b)}</{close}>'
        f"<p>{'<br>'.join([inline(b.place)] + [field_html(f) for f in b.fields])}</p></div>"
        for b in blocks)


def listing_table_html(blocks: tuple[Block, ...]) -> str:
    rows = []
    for b in blocks:
        rows.append("<tr>"
                    f"<td><strong>{heading_html(b)}</strong><br>{inline(b.place)}</td>"
                    f"<td class=\"phones\">{'<br>'.join(field_html(f) for f in b.phones)}</td>"
                    f"<td>{'<br>'.join(field_html(f) for f in b.links)}</td></tr>")
    return '<table class="listing">\n' + "\n".join(rows) + "\n</table>"


SHEET_COLUMNS = ("Name", "Location", "Phone", "Fax", "Toll-Free", "Alternate Phone", "Email", "Website")


def sheet_rows(blocks: tuple[Block, ...]) -> list[list[str]]:
    """The listing as a spreadsheet: a header row of field labels, one row per center."""
    rows = [list(SHEET_COLUMNS)]
    for b in blocks:
        row = {"Name": " ".join(plain(h) for h in b.heading), "Location": plain(b.place)}
        for f in b.phones:
            label = _LABEL.match(f)
            row[label.group(1)] = f[label.end():]
        for f in b.links:  # the first address with "@" is the email; another ("www.x@y") is the website line
            row["Email" if "@" in f and "/" not in f and "Email" not in row else "Website"] = f
        rows.append([row.get(c, "") for c in SHEET_COLUMNS])
    return rows


def page_size(layout: Layout) -> str:
    return f"{layout.paper} {'landscape' if layout.landscape else 'portrait'}"


def html_css(layout: Layout) -> str:
    weight = "bold" if layout.heading == "bold" else "normal"
    scale = "1.25em" if layout.heading == "larger" else "1em"
    css = [f"@page {{ size: {page_size(layout)}; margin: {layout.margin_mm}mm;"]
    if layout.running and layout.producer == "weasyprint":
        css.append(f'  @top-center {{ content: "{TITLE}"; font-size: 8pt; }}'
                   '  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }')
    css.append("}")
    css.append(f"body {{ font-family: '{layout.font}'; font-size: {layout.size}pt; line-height: 1.25; }}")
    css.append(f"body {{ text-align: {'justify' if layout.justify else 'left'}; }}")
    if layout.hyphenate:
        css.append("body { hyphens: auto; -webkit-hyphens: auto; }")
    css.append("h1 { font-size: 1.6em; } h2 { font-size: 1.3em; }")
    # An address wider than its column breaks at the column's edge, as a publisher sets it (browsers
    # otherwise run it over the next column or off the page, where no one can read it whole).
    css.append(".fc, table.listing td { word-wrap: break-word; overflow-wrap: anywhere; }")
    css.append(f".fc h3 {{ font-size: {scale}; font-weight: {weight}; margin: 0.6em 0 0.1em; }}")
    css.append(".fc p { margin: 0; } .fc p.name { margin: 0.6em 0 0.1em; }")
    if layout.columns > 1:
        css.append(f".flow {{ column-count: {layout.columns}; -webkit-column-count: {layout.columns};"
                   " column-gap: 1.5em; -webkit-column-gap: 1.5em; }")
    if layout.bullets == "typed":
        css.append("ul { list-style: none; padding-left: 0; } ul li { padding-left: 1em; text-indent: -1em; }")
    css.append("table.listing { border-collapse: collapse; width: 100%; }"
               " table.listing td { vertical-align: top; padding: 2pt 4pt; border: 0.5pt solid #888; }")
    return "\n".join(css)


def html_page(layout: Layout, capture: Capture) -> str:
    parts = []
    if layout.holds == "both":
        body = list_body(capture.list_page)
        if layout.bullets == "typed" and layout.producer == "writer":  # Writer draws its own markers
            body = re.sub(r"</?ul>", "", body).replace("<li>", "<p>\u2022 ").replace("</li>", "</p>")
        elif layout.bullets == "typed":
            body = body.replace("<li>", "<li>\u2022 ")
        parts.append(body)
    parts.append(f"<h1>{LISTING_TITLE}</h1>")
    if layout.form == "table":
        parts.append(listing_table_html(capture.blocks))
    else:
        parts.append(listing_blocks_html(capture.blocks, layout.heading))
    content = "\n".join(p for p in parts if p)
    if layout.producer == "writer":
        if layout.columns > 1:
            content = f'<multicol cols="{layout.columns}" gutter="18">\n{content}\n</multicol>'
        running = ""
        if layout.running:
            running = (f'<div title="header"><p class="running">{TITLE}</p></div>')
        footer = ""
        if layout.running:
            footer = ('<div title="footer"><p class="running" align="right">Page <sdfield type=PAGE '
                      'subtype=RANDOM format=PAGE>1</sdfield></p></div>')
        return (f'<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>{TITLE}</title>'
                f"<style>{html_css(layout)}\np.running {{ font-size: 8pt; }}</style></head>"
                f"<body>{running}\n{content}\n{footer}</body></html>\n")
    return (f'<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>{TITLE}</title>'
            f"<style>{html_css(layout)}</style></head>"
            f'<body><div class="flow">\n{content}\n</div></body></html>\n')


def run(args: list[str], cwd: Path, **kwargs) -> None:
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=TIMEOUT, env={**os.environ, "TZ": "UTC", "SOURCE_DATE_EPOCH": "1443607200"}, **kwargs)


def make_weasyprint(layout: Layout, capture: Capture, work: Path, out: Path) -> None:
    import weasyprint
    weasyprint.HTML(string=html_page(layout, capture), base_url=str(work)).write_pdf(out)


def make_chromium(layout: Layout, capture: Capture, work: Path, out: Path) -> None:
    page = work / "page.html"
    page.write_text(html_page(layout, capture), encoding="utf-8")
    profile = work / "chromium-profile"
    args = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", f"--print-to-pdf={out}"]
    if not layout.running:
        args.append("--no-pdf-header-footer")
    run([*args, page.as_uri()], work)


def make_wkhtmltopdf(layout: Layout, capture: Capture, work: Path, out: Path) -> None:
    page = work / "page.html"
    page.write_text(html_page(layout, capture), encoding="utf-8")
    m = str(layout.margin_mm)
    args = ["wkhtmltopdf", "-q", "--page-size", "Letter" if layout.paper == "letter" else "A4",
            "-O", "Landscape" if layout.landscape else "Portrait", "-T", m, "-B", m, "-L", m, "-R", m,
            "--enable-local-file-access"]
    if layout.running:
        args += ["--header-center", "[title]", "--header-font-size", "8",
                 "--footer-right", "Page [page] of [topage]", "--footer-font-size", "8",
                 "-T", str(layout.margin_mm + 8), "-B", str(layout.margin_mm + 8)]
    run([*args, str(page), str(out)], work)


def soffice(args: list[str], work: Path) -> None:
    profile = work / "lo-profile"
    run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *args], work)


def make_writer(layout: Layout, capture: Capture, work: Path, out: Path) -> None:
    (work / "page.html").write_text(html_page(layout, capture), encoding="utf-8")
    soffice(["--infilter=HTML (StarWriter)", "--convert-to", "odt:writer8", "page.html"], work)
    soffice(["--convert-to", "pdf:writer_pdf_Export", "page.odt"], work)
    shutil.copyfile(work / "page.pdf", out)


FODS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:font-face-decls><style:font-face style:name="Body" svg:font-family="'{font}'"/></office:font-face-decls>
<office:styles><style:default-style style:family="table-cell"><style:text-properties style:font-name="Body" fo:font-size="{size}pt"/></style:default-style></office:styles>
<office:automatic-styles>
{columns}
<style:style style:name="bold" style:family="table-cell">{header_align}<style:text-properties fo:font-weight="bold"/></style:style>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="{width}mm" fo:page-height="{height}mm"
 style:print-orientation="{orientation}" fo:margin-top="{margin}mm" fo:margin-bottom="{margin}mm" fo:margin-left="{margin}mm"
 fo:margin-right="{margin}mm" style:print-page-order="{order}" style:print="{print}" {scale}/></style:page-layout>
<style:style style:name="ta1" style:family="table" style:master-page-name="Sheet"/>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Sheet" style:page-layout-name="pm1">
<style:header style:display="{running}"><text:p>{title}</text:p></style:header>
<style:footer style:display="{running}"><text:p>Page <text:page-number>1</text:page-number></text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:spreadsheet><table:table table:name="Fusion Centers" table:style-name="ta1">
{column_refs}
{header}
{rows}
</table:table></office:spreadsheet></office:body></office:document>
"""


def font_file(family: str, bold: bool = False) -> str:
    """The font file fontconfig gives for a family (as LibreOffice finds it), regular or bold."""
    found = subprocess.run(["fc-match", "-f", "%{file}", f"{family}:{'bold' if bold else 'regular'}"],
                           capture_output=True, text=True, check=True, timeout=TIMEOUT).stdout
    if not found:
        raise OSError(f"fontconfig finds no font for {family!r}")
    return found


def text_width_mm(text: str, font: str, size: float) -> float:
    """The width of a line of text set in a font file at a size in points, in millimetres, measured
    with the font's own advances (Pillow's FreeType), never an average width per character."""
    from PIL import ImageFont
    face = ImageFont.truetype(font, 1000)
    return face.getlength(text) / 1000 * size * 25.4 / 72


# A cell's text stands a little in from its column's edges (Calc's cell padding and rounding):
# a column is its longest text, CELL_SLACK wider (5%), plus CELL_PAD millimetres.
CELL_SLACK, CELL_PAD = 1.05, 2.5
ROW_HEADER_MM = 12.0  # room for the printed row numbers left of the first column


def column_widths(rows: list[list[str]], family: str, size: float) -> list[float]:
    """Each column's width in millimetres: as wide as its longest cell in the layout's font (the
    header row in bold), so that no cell runs over its column's edge and is cut off there."""
    regular, bold = font_file(family), font_file(family, bold=True)
    return [max(text_width_mm(r[i], bold if k == 0 else regular, size) for k, r in enumerate(rows)) * CELL_SLACK
            + CELL_PAD for i in range(len(rows[0]))]


def make_calc(layout: Layout, capture: Capture, work: Path, out: Path) -> None:
    """The listing as a flat ODS spreadsheet printed by LibreOffice Calc, as a publisher prints a
    sheet wider than the paper.

    Each column is as wide as its longest cell, measured in the layout's font (Calc's own optimal
    width is not applied when a file is converted headless), so no cell is cut at its column's
    edge. The header row is repeated on each page or not, set flush left or centred; grid lines
    printed or not; pages "down, then over" or "over, then down". Three ways of printing it, in
    equal shares:
    - row numbers and column letters printed ("headers"): the pages of a row are joined by its number;
    - the name column repeated on each page as print titles ("titles"): joined by the name;
    - the sheet scaled to the paper's width (Calc's "fit width to 1 page", `style:scale-to-X`):
      every column on one page, in small type.
    Where one column (with the repeated name column, or the row numbers, beside it) is wider than
    the paper, the first two are reduced (`style:scale-to`) until it fits, as a publisher does who
    sees it cut off in the print preview. The print neither of these would allow (columns split
    among pages with no row numbers and no name repeated) cannot be joined for certain; the reader
    refuses it, and the tests keep one such print (`UNMATCHED`), but a publisher who looks at it
    would not print it, so the generator draws it only there."""
    rng = random.Random(layout.seed)
    rows = sheet_rows(capture.blocks)
    widths = column_widths(rows, layout.font, layout.size)
    columns = "\n".join(f'<style:style style:name="co{i}" style:family="table-column"><style:table-column-properties'
                        f' style:column-width="{w:.1f}mm"/></style:style>' for i, w in enumerate(widths))
    refs = "\n".join(f'<table:table-column table:style-name="co{i}"/>' for i in range(len(widths)))

    def row(cells: list[str], style: str = "") -> str:
        attr = f' table:style-name="{style}"' if style else ""
        return "<table:table-row>" + "".join(
            f'<table:table-cell{attr} office:value-type="string"><text:p>{html.escape(c)}</text:p></table:table-cell>'
            if c else "<table:table-cell/>" for c in cells) + "</table:table-row>"

    header = row(rows[0], "bold")
    if rng.random() < 0.5:
        header = f"<table:table-header-rows>{header}</table:table-header-rows>"
    w, h = (210, 297) if layout.paper == "A4" else (215.9, 279.4)
    if layout.landscape:
        w, h = h, w
    print_parts = "grid" if rng.random() < 0.5 else ""
    order = rng.choice(("ttb", "ltr"))
    # What lets a reader match a row's parts on pages printed over: the row numbers and column
    # letters printed ("headers"), the name column repeated on every page (print titles), or the
    # whole width on one page ("fit"); "" (none of them) only for the tests' unmatched sample.
    marks = "" if (layout.seed, "calc") in UNMATCHED else rng.choice(("headers", "titles", "fit"))
    scale = ""
    room = w - 2 * layout.margin_mm
    if marks == "headers":
        print_parts = f"headers {print_parts}".strip()
        need = ROW_HEADER_MM + max(widths)
    elif marks == "titles":
        refs = refs.replace("<table:table-column", "<table:table-header-columns><table:table-column", 1).replace(
            "/>", "/></table:table-header-columns>", 1)
        need = widths[0] + max(widths[1:])
    else:
        need = max(widths)
    # The header row set flush left as its cells, or centred over them (as publishers style it).
    header_align = '<style:paragraph-properties fo:text-align="center"/>' if rng.random() < 0.5 else ""
    if marks == "fit":
        scale = 'style:scale-to-X="1" style:scale-to-Y="0"'
    elif need > room:
        scale = f'style:scale-to="{int(100 * room / need)}%"'
    (work / "sheet.fods").write_text(FODS.format(
        font=layout.font, size=layout.size, columns=columns, width=w, height=h,
        orientation="landscape" if layout.landscape else "portrait", margin=layout.margin_mm,
        order=order, print=print_parts, scale=scale, running="true" if layout.running else "false",
        header_align=header_align,
        title=TITLE, column_refs=refs, header=header, rows="\n".join(row(r) for r in rows[1:])), encoding="utf-8")
    soffice(["--convert-to", "pdf:calc_pdf_Export", "sheet.fods"], work)
    shutil.copyfile(work / "sheet.pdf", out)


# ---------------------------------------------------------------- pandoc and TeX

def tex_escape_md(text: str) -> str:
    """A capture line as Markdown text for pandoc: links as their text, Markdown's specials escaped."""
    return re.sub(r"([\\`*_{}\[\]<>#+!|~^$@])", r"\\\1", plain(text))


def tex_address(field: str) -> str:
    """A field line for pandoc: an email or website as `\\url` in the text's own type, which TeX may break
    after "." "/" "@" where it is wider than its column (an address set as plain text cannot break
    and runs over the next column); a phone line as text."""
    if _LABEL.match(field) or any(c in field for c in "{}%#\\"):
        return tex_escape_md(field)
    return f"`\\url{{{plain(field)}}}`{{=latex}}"


def make_pandoc(layout: Layout, capture: Capture, work: Path, out: Path) -> None:
    header = [r"\usepackage{multicol}", r"\setlength{\columnsep}{1.5em}", r"\usepackage{url}", r"\urlstyle{same}"]
    # Computer Modern in its Type 1 cuts (OT1): the fonts TeX installs by default.
    if layout.font == "sans":
        header.append(r"\renewcommand{\familydefault}{\sfdefault}")
    elif layout.font == "typewriter":
        header.append(r"\renewcommand{\familydefault}{\ttdefault}")
    if not layout.justify:
        header.append(r"\AtBeginDocument{\raggedright}")
    if not layout.hyphenate:
        header.append(r"\hyphenpenalty=10000 \exhyphenpenalty=10000")
    if layout.running:
        header += [r"\usepackage{fancyhdr}", r"\pagestyle{fancy}", r"\fancyhf{}",
                   rf"\fancyhead[C]{{\footnotesize {TITLE}}}", r"\fancyfoot[R]{\footnotesize Page \thepage}",
                   r"\renewcommand{\headrulewidth}{0pt}"]
    else:
        header.append(r"\pagestyle{empty}")
    header += [rf"\newcommand{{\bmc}}{{\begin{{multicols}}{{{layout.columns}}}}}", r"\newcommand{\emc}{\end{multicols}}"]
    meta = {"documentclass": "extarticle", "classoption": [f"{int(layout.size)}pt"],
            "papersize": "a4" if layout.paper == "A4" else "letter",
            "geometry": [f"margin={layout.margin_mm}mm"] + (["landscape"] if layout.landscape else []),
            "header-includes": header}
    meta["fontfamily"] = "fix-cm"
    meta["fontenc"] = "OT1"
    md = ["---", json.dumps(meta), "---", ""]
    if layout.columns > 1:
        md += [r"\bmc", ""]
    if layout.holds == "both":
        lines = [x.strip() for x in capture.list_page.lines]
        for i, line in enumerate(lines):
            if line.startswith("- "):
                marker = "$\\bullet$ " if layout.bullets == "typed" else ""
                md.append(("- " if layout.bullets == "drawn" else "| ") + marker + tex_escape_md(line[2:]))
                if i + 1 < len(lines) and not lines[i + 1].startswith("- "):
                    md.append("")
            elif i == 0:
                md += [f"# {tex_escape_md(line)}", ""]
            elif line in ("Primary Fusion Centers", "Recognized Fusion Centers"):
                md += [f"## {tex_escape_md(line)}", ""]
            else:
                md += [tex_escape_md(line), ""]
        md.append("")
    md += [f"# {LISTING_TITLE}", ""]
    for b in capture.blocks:
        for h in b.heading:
            text = tex_escape_md(h)
            if layout.heading == "bold":
                text = f"**{text}**"
            elif layout.heading == "larger":
                text = f"`{{\\large{{}}`{{=latex}}{text}`}}`{{=latex}}"
            md.append(f"| {text}")
        md += [f"| {tex_escape_md(b.place)}"]
        md += [f"| {tex_address(x)}" for x in b.fields]
        md.append("")
    if layout.columns > 1:
        md += [r"\emc", ""]
    source = work / "doc.md"
    source.write_text("\n".join(md), encoding="utf-8")
    engine = ["--pdf-engine=pdflatex"]
    run(["pandoc", str(source), "-f", "markdown", "-o", str(out), *engine], work)


# ---------------------------------------------------------------- groff

def roff(text: str) -> str:
    text = plain(text).replace("\\", "\\e")
    return "\\&" + text if text[:1] in ".'" else text


def roff_addresses(line: str) -> str:
    """A line with each email or web address set as groff users set one (the man pages' .UR and .MT
    macros do so): `\\%` before it, so groff never hyphenates inside it (a hyphen it added would
    change the address, "houstonpo-" / "lice.org", and no reader could tell it from the address's
    own: Virginia's "…/FusionCenter" is hyphenated exactly where "fusion-center" has one), and
    `\\:` after each "." "/" "@", a break point that prints nothing: unbroken, an address wider
    than its column runs over the next."""
    return re.sub(r"\S+[@.]\S+", lambda m: "\\%" + re.sub(r"(?<=[./@])(?=.)", r"\\:", m.group()), line)


def make_groff(layout: Layout, capture: Capture, work: Path, out: Path) -> None:
    size = int(layout.size)
    doc = [f".nr PS {size}", f".nr VS {size + 2}", f".fam {layout.font}", ".nr PI 1.2m",
           f".nr HY {14 if layout.hyphenate else 0}", ".nr HM 0.6i", ".nr FM 0.6i",
           f".nr PO {layout.margin_mm / 25.4:.2f}i"]
    width = (297 if layout.paper == "A4" else 279.4) if layout.landscape else (210 if layout.paper == "A4" else 215.9)
    doc.append(f".nr LL {(width - 2 * layout.margin_mm) / 25.4:.2f}i")
    if layout.running:
        doc += [f'.ds LH {TITLE}', ".ds CH", ".ds RF Page \\\\n%", ".ds CF"]
    else:
        doc += [".ds CH", ".ds CF"]
    doc.append(".LP")
    if not layout.justify:
        doc.append(".ad l")
    if not layout.hyphenate:
        doc.append(".nh")
    if layout.columns == 2:
        doc.append(".2C")
    elif layout.columns == 3:
        col = ((width - 2 * layout.margin_mm) / 25.4 - 0.4) / 3
        doc.append(f".MC {col:.2f}i 0.2i")

    def para(text: str) -> None:
        doc.append(".LP" if layout.justify else ".LP\n.ad l")
        if not layout.hyphenate:
            doc.append(".nh")
        doc.append(roff(text))

    if layout.holds == "both":
        lines = [x.strip() for x in capture.list_page.lines]
        for i, line in enumerate(lines):
            if line.startswith("- "):
                if layout.bullets == "drawn":
                    doc += [".IP \\(bu 2", roff(line[2:])]
                else:
                    doc += [".LP", "\\(bu " + roff(line[2:])]
            elif i == 0 or line in ("Primary Fusion Centers", "Recognized Fusion Centers"):
                doc += [".SH", roff(line)]
            else:
                para(line)
    doc += [".SH", LISTING_TITLE]
    for b in capture.blocks:
        doc.append(".LP")
        if not layout.justify:
            doc.append(".ad l")
        if not layout.hyphenate:
            doc.append(".nh")
        for h in b.heading:
            if layout.heading == "bold":
                doc.append(f"\\fB{roff(h)}\\fP")
            elif layout.heading == "larger":
                doc.append(f"\\s+2{roff(h)}\\s0")
            else:
                doc.append(roff(h))
            doc.append(".br")
        doc += [roff(b.place), ".br"]
        for x in b.fields:
            doc += [roff_addresses(roff(x)), ".br"]
    source = work / "doc.ms"
    source.write_text("\n".join(doc) + "\n", encoding="utf-8")
    paper = ("a4" if layout.paper == "A4" else "letter") + ("l" if layout.landscape else "")
    # gropdf takes no "a4l"/"letterl" name (groff 1.22 prints such a page portrait, cutting the
    # landscape lines at its right edge), so the landscape sheet is given as length,width in points.
    short, long_ = (595, 842) if layout.paper == "A4" else (612, 792)
    sheet = f"{short}p,{long_}p" if layout.landscape else paper
    with out.open("wb") as sink:
        subprocess.run(["groff", "-ms", "-k", "-Tpdf", f"-dpaper={paper}", f"-P-p{sheet}", str(source)],
                       cwd=work, check=True, stdout=sink, stderr=subprocess.DEVNULL, timeout=TIMEOUT)


# ---------------------------------------------------------------- monospaced prints

def make_enscript(layout: Layout, capture: Capture, work: Path, out: Path) -> None:
    source = work / "fusion_centers.txt"
    source.write_text("\n".join(capture_text(capture, layout.holds)) + "\n", encoding="utf-8")
    size = max(7, min(12, int(layout.size)))
    args = ["enscript", "-q", f"-fCourier{size}", f"--columns={layout.columns}",
            f"--media={'A4' if layout.paper == 'A4' else 'Letter'}", f"--margins={int(layout.margin_mm * 2.83)}:"
            f"{int(layout.margin_mm * 2.83)}::", "-p", "doc.ps"]
    if layout.landscape:
        args.append("-r")
    if layout.running:
        args.append(f"--header={TITLE}||Page $% of $=")
    else:
        args.append("-B")
    if layout.heading == "plain" and layout.seed % 2:
        args.append("--word-wrap")
    run([*args, source.name], work)
    run(["ps2pdf", "doc.ps", str(out)], work)


def make_textprint(layout: Layout, capture: Capture, work: Path, out: Path) -> None:
    """The capture as a text file printed to pages: lines wrapped at the page width, a header
    (title and page number) on each page, a form feed between pages."""
    rng = random.Random(layout.seed)
    width = rng.choice((64, 72, 80, 96))
    length = rng.choice((50, 60, 66))
    body: list[str] = []
    for line in capture_text(capture, layout.holds):
        body += textwrap.wrap(line, width, break_on_hyphens=False) or [""]
    pages, per_page = [], length - (4 if layout.running else 0)
    for start in range(0, len(body), per_page):
        lines = body[start:start + per_page]
        if layout.running:
            number = f"Page {len(pages) + 1}"
            lines = [f"2015-09-30 10:00{TITLE:^{max(10, width - 26)}}{number:>10}", "", *lines, ""]
        pages.append("\n".join(lines))
    out.write_text("\n\f".join(pages) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- ReportLab, glyph by glyph

RL_BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold",
           "DejaVuSans": "DejaVuSans-Bold", "LiberationSerif": "LiberationSerif-Bold",
           "LiberationSans": "LiberationSans-Bold"}
RL_TTF = {"DejaVuSans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
          "DejaVuSans-Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
          "LiberationSerif": "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
          "LiberationSerif-Bold": "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
          "LiberationSans": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
          "LiberationSans-Bold": "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"}


@dataclass(frozen=True)
class Item:
    """A paragraph to set: its text, font, size, whether it may wrap justified, a bullet, space above."""

    text: str
    font: str
    size: float
    bullet: bool = False
    above: float = 0.0  # space above, in lines
    wraps_justified: bool = True


def rl_items(layout: Layout, capture: Capture) -> list[Item]:
    regular, bold = layout.font, RL_BOLD[layout.font]
    s = layout.size
    items: list[Item] = []
    if layout.holds == "both":
        lines = [x.strip() for x in capture.list_page.lines]
        for i, line in enumerate(lines):
            if line.startswith("- "):
                items.append(Item(plain(line[2:]), regular, s, bullet=True))
            elif i == 0:
                items.append(Item(plain(line), bold, s * 1.5, above=0.5))
            elif line in ("Primary Fusion Centers", "Recognized Fusion Centers"):
                items.append(Item(plain(line), bold, s * 1.2, above=0.6))
            else:
                items.append(Item(plain(line), regular, s, above=0.4))
    items.append(Item(LISTING_TITLE, bold, s * 1.5, above=0.8))
    for b in capture.blocks:
        for j, h in enumerate(b.heading):
            font, size = {"bold": (bold, s), "larger": (regular, s * 1.25), "plain": (regular, s)}[layout.heading]
            items.append(Item(plain(h), font, size, above=0.6 if j == 0 else 0))
        for x in (b.place, *b.fields):
            items.append(Item(plain(x), regular, s))
    return items


def make_reportlab(layout: Layout, capture: Capture, work: Path, out: Path) -> None:
    import pyphen
    from reportlab.lib.pagesizes import A4, landscape, letter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas as rl_canvas

    rng = random.Random(layout.seed)
    for name in (layout.font, RL_BOLD[layout.font]):
        if name in RL_TTF and name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, RL_TTF[name]))
    ttf = layout.font in RL_TTF
    hyphen_char = rng.choice(("\u2010", "-")) if ttf else "-"
    dic = pyphen.Pyphen(lang="en_US")
    paper = A4 if layout.paper == "A4" else letter
    if layout.landscape:
        paper = landscape(paper)
    pw, ph = paper
    margin = layout.margin_mm * 72 / 25.4
    gap = layout.size * 1.5
    col_w = (pw - 2 * margin - gap * (layout.columns - 1)) / layout.columns
    top, bottom = ph - margin, margin
    c = rl_canvas.Canvas(str(out), pagesize=paper, invariant=1, pageCompression=1)
    c.setTitle(TITLE)
    width = pdfmetrics.stringWidth

    def wrap(item: Item, avail: float) -> list[tuple[list[str], bool]]:
        """Lines of words; each line says whether it ends a paragraph."""
        space = width(" ", item.font, item.size)
        words = item.text.split()
        lines: list[tuple[list[str], bool]] = []
        current: list[str] = []
        used = 0.0
        rests: set[str] = set()  # the rests of words split at the column's edge (an address's): never hyphenated
        while words:
            word = words.pop(0)
            w = width(word, item.font, item.size)
            need = w + (space if current else 0)
            if used + need <= avail:
                current.append(word)
                used += need
                continue
            if layout.hyphenate and "@" not in word and "." not in word and word not in rests:
                room = avail - used - (space if current else 0)
                for cut in sorted(dic.positions(word), reverse=True):
                    # a word's own hyphen breaks it without another ("Counter-" / "Terrorism")
                    head = word[:cut] + ("" if word[cut - 1] in "-\u2010" else hyphen_char)
                    if width(head, item.font, item.size) <= room:
                        current.append(head)
                        words.insert(0, word[cut:])
                        word = ""
                        break
                if not word:
                    lines.append((current, False))
                    current, used = [], 0.0
                    continue
            if current:
                lines.append((current, False))
                current, used = [], 0.0
                words.insert(0, word)
            else:  # a word wider than the column is split at its edge (ReportLab's splitLongWords)
                cut = max(1, max((i for i in range(1, len(word) + 1)
                                  if width(word[:i], item.font, item.size) <= avail), default=1))
                current, used = [word[:cut]], width(word[:cut], item.font, item.size)
                if cut < len(word):
                    words.insert(0, word[cut:])
                    rests.add(word[cut:])
        lines.append((current, True))
        return lines

    state = {"page": 1, "col": 0, "y": top}

    def furniture() -> None:
        if layout.running:
            c.setFont(layout.font, 7.5)
            c.drawCentredString(pw / 2, ph - margin / 2, TITLE)
            c.drawRightString(pw - margin, margin / 2, f"Page {state['page']}")

    def advance(height: float) -> None:
        if state["y"] - height < bottom:
            if state["col"] + 1 < layout.columns:
                state["col"] += 1
            else:
                c.showPage()
                state["page"] += 1
                state["col"] = 0
                furniture()
            state["y"] = top
        state["y"] -= height

    def glyphs(text: str, x: float, y: float, font: str, size: float, spread: float) -> None:
        t = c.beginText()
        t.setFont(font, size)
        pos = x
        for ch in text:
            if ch == " ":
                pos += width(" ", font, size) + spread
                continue
            t.setTextOrigin(pos + rng.uniform(-0.01, 0.01) * size, y)
            t.textOut(ch)
            pos += width(ch, font, size)
        c.drawText(t)

    furniture()
    for item in rl_items(layout, capture):
        lead = item.size * 1.25
        indent = item.size * 1.2 if item.bullet else 0.0
        if item.above:
            if state["y"] != top:
                state["y"] -= item.above * lead
        for n, (words, last) in enumerate(wrap(item, col_w - indent)):
            advance(lead)
            x0 = margin + state["col"] * (col_w + gap) + indent
            text = " ".join(words)
            spread = 0.0
            if layout.justify and not last and len(words) > 1:
                spread = (col_w - indent - width(text, item.font, item.size)) / (len(words) - 1)
            if item.bullet and n == 0:
                if layout.bullets == "drawn":
                    c.circle(x0 - indent * 0.6, state["y"] + item.size * 0.3, item.size * 0.15, stroke=0, fill=1)
                else:
                    glyphs("\u2022", x0 - indent * 0.8, state["y"], item.font, item.size, 0)
            glyphs(text, x0, state["y"], item.font, item.size, spread)
    c.showPage()
    c.save()


MAKERS = {"reportlab": make_reportlab, "weasyprint": make_weasyprint, "chromium": make_chromium,
          "wkhtmltopdf": make_wkhtmltopdf, "writer": make_writer, "calc": make_calc, "pandoc": make_pandoc,
          "groff": make_groff, "enscript": make_enscript, "textprint": make_textprint}


def available(producers: tuple[str, ...] = PRODUCERS) -> tuple[tuple[str, ...], dict[str, str]]:
    """The producers whose programs are here, and why each other one is not."""
    import importlib.util
    missing = {}
    for p in producers:
        gone = [x for x in PROGRAMS.get(p, ()) if shutil.which(x) is None]
        gone += [x for x in PACKAGES.get(p, ()) if importlib.util.find_spec(x) is None]
        if gone:
            missing[p] = f"needs {', '.join(gone)}"
    return tuple(p for p in producers if p not in missing), missing


def render(layout: Layout, out_dir: Path, capture: Capture | None = None) -> Path:
    """Write the layout's document into out_dir; returns its path. Raises CalledProcessError,
    TimeoutExpired or OSError when the producer fails."""
    capture = capture or read_capture()
    out = (out_dir / layout.name).resolve()
    with tempfile.TemporaryDirectory(prefix=f"layout-{layout.seed}.") as tmp:
        MAKERS[layout.producer](layout, capture, Path(tmp), out)
    if not out.exists() or out.stat().st_size == 0:
        raise OSError(f"{layout.producer} wrote no {out.name}")
    return out


# The committed sample the tests read (tests/fixtures/generated/): one layout of each producer,
# and more of the forms a layout can take (a sheet joined by its row numbers, by its name column
# repeated on each page, one scaled to the paper's width in 3 pt type, and one that cannot be
# joined; tables of drawn cells, justified, whose rows a page break cuts), as (seed, producer); remade by
# `make_layouts.py tests/fixtures/generated --sample`.
SAMPLE = ((21, "reportlab"), (22, "weasyprint"), (23, "groff"), (24, "pandoc"), (25, "enscript"),
          (26, "textprint"), (27, "wkhtmltopdf"), (28, "calc"), (84, "calc"), (48, "calc"), (30, "calc"),
          (116, "weasyprint"),
          (120, "weasyprint"), (30, "enscript"), (50, "groff"),
          (41, "writer"), (198, "writer"))
# The sample's sheet printed as no publisher who looks at it would: its columns split among
# pages with no row numbers and no name column repeated, which the reader must refuse in one line.
UNMATCHED = ((30, "calc"),)


def write_sample(out_dir: Path, capture: Capture) -> None:
    """Remake the committed sample; what the tests expect of each (an "xfail" reason while the
    readers fail on it, the words of the one-line refusal a document must get, the differences a
    document must report) is kept from the index already there."""
    index_path = out_dir / "layouts.json"
    old = {e["file"]: e for e in json.loads(index_path.read_text(encoding="utf-8"))["layouts"]} \
        if index_path.exists() else {}
    entries = []
    for seed, producer in SAMPLE:
        layout = draw(seed, (producer,))
        path = render(layout, out_dir, capture)
        kept = {k: old.get(path.name, {})[k] for k in ("refused", "reported") if k in old.get(path.name, {})}
        entries.append({"file": path.name, "xfail": old.get(path.name, {}).get("xfail", ""), **kept, **asdict(layout)})
        print(f"wrote {path}: {path.stat().st_size // 1024} KB", flush=True)
    index = {"about": "A seeded sample of bench/layouts/make_layouts.py (its SAMPLE); each layout is drawn by "
                      "draw(seed, (producer,)). tests/extract/test_generated_layouts.py reads it; \"xfail\" says how "
                      "today's readers fail on a document, while they do.", "layouts": entries}
    index_path.write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--sample", action="store_true", help="remake the tests' committed sample in out_dir")
    parser.add_argument("--seed", type=int, default=0, help="the first layout's seed; the others follow it")
    parser.add_argument("--n", type=int, default=1)
    parser.add_argument("--producers", nargs="*", default=list(PRODUCERS))
    args = parser.parse_args(argv)
    producers, missing = available(tuple(args.producers))
    for p, why in missing.items():
        print(f"left out {p}: {why}", file=sys.stderr)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    capture = read_capture()
    if args.sample:
        write_sample(args.out_dir, capture)
        return 0
    index = []
    for i in range(args.n):
        layout = draw(args.seed + i, producers)
        path = render(layout, args.out_dir, capture)
        index.append({"file": path.name, **asdict(layout)})
        print(f"wrote {path}: {path.stat().st_size // 1024} KB", flush=True)
    (args.out_dir / "layouts.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
