"""Readers for word-processor documents: DOCX (Office Open XML) and ODT (OpenDocument).

Both formats say outright what a page of HTML says with markup: a paragraph's
style (a heading and its outline level), bold runs, list paragraphs, tables
with header rows, links, and text that is not shown (`w:vanish` in DOCX, a
`text:display="none"` style in ODT). Each reader turns the document into one
page of lines: a paragraph is a line (a line break inside it starts another),
a table row is a line with its cells. A line's reference gives the paragraph's
(or row's) position in the document's body, counted from 1, as its line.
Hidden text is not read: it is kept as a hidden line, reported on its center.
"""
from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

from pipeline.errors import PipelineError
from pipeline.extract.model import Line, Page, Pages
from pipeline.extract.spreadsheet import _NS as _ODF_NS, _odf_content, check_unpacked_size
from pipeline.records import SourceRef

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADING_STYLE = re.compile(r"^(?:heading\s*(?P<level>\d)|title)$", re.I)
# Elements of the OOXML run model that add text, and what they add.
_BREAKS = {f"{{{_W}}}br": "\n", f"{{{_W}}}cr": "\n", f"{{{_W}}}tab": " "}


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


def _on(element) -> bool | None:
    """An OOXML on/off property: present and not "false"/"0"/"off" is on; absent is None."""
    if element is None:
        return None
    return element.get(_w("val"), "true").lower() not in ("false", "0", "off", "none")


class _Styles:
    """A DOCX's styles, read for what they make of a paragraph or run: bold, hidden,
    a heading's outline level, a list's numbering (each inherited through `w:basedOn`)."""

    def __init__(self, styles_xml) -> None:
        self.by_id = {}
        self.default_paragraph = ""
        if styles_xml is not None:
            for style in styles_xml.iter(_w("style")):
                self.by_id[style.get(_w("styleId"))] = style
                if style.get(_w("type")) == "paragraph" and _on(style) and style.get(_w("default")) in ("1", "true"):
                    self.default_paragraph = style.get(_w("styleId"))

    def chain(self, style_id: str):
        """A style and the styles it is based on, nearest first (a loop is followed once)."""
        seen = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            based = style.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else ""

    def run_property(self, style_id: str, name: str) -> bool | None:
        """A run property (`w:b`, `w:vanish`) as a style sets it or inherits it; None when none does."""
        for style in self.chain(style_id):
            rpr = style.find(_w("rPr"))
            value = _on(rpr.find(_w(name))) if rpr is not None else None
            if value is not None:
                return value
        return None

    def level(self, style_id: str) -> int:
        """A paragraph style's heading level: its outline level, else its name ("Heading 2")."""
        for style in self.chain(style_id):
            ppr = style.find(_w("pPr"))
            outline = ppr.find(_w("outlineLvl")) if ppr is not None else None
            if outline is not None and outline.get(_w("val"), "").isdigit() and int(outline.get(_w("val"))) < 9:
                return int(outline.get(_w("val"))) + 1
            name = style.find(_w("name"))
            m = _HEADING_STYLE.match(name.get(_w("val"), "") if name is not None else "")
            if m:
                return int(m.group("level") or 1)
        return 0

    def numbered(self, style_id: str) -> bool:
        """Whether a paragraph style numbers its paragraphs (a list style)."""
        for style in self.chain(style_id):
            ppr = style.find(_w("pPr"))
            if ppr is not None and ppr.find(_w("numPr")) is not None:
                return True
        return False


def _property(run, paragraph_style: str, styles: _Styles, name: str) -> bool:
    """A run's bold or hidden: its own property, else its character style's, else its paragraph style's."""
    rpr = run.find(_w("rPr"))
    direct = _on(rpr.find(_w(name))) if rpr is not None else None
    if direct is not None:
        return direct
    rstyle = rpr.find(_w("rStyle")) if rpr is not None else None
    if rstyle is not None:
        value = styles.run_property(rstyle.get(_w("val"), ""), name)
        if value is not None:
            return value
    return bool(styles.run_property(paragraph_style, name))


# A text box's content (its paragraphs are the box's own, read after the paragraph it is anchored
# in), and the fallback a file gives for readers that know no DrawingML shapes (the same box again).
_TEXT_BOX = _w("txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _own(element, tag: str):
    """The `tag` elements under `element` that are its own: none inside a text box or a fallback."""
    for child in element:
        if child.tag == tag:
            yield child
        if child.tag not in (_TEXT_BOX, _FALLBACK):
            yield from _own(child, tag)


def _text_boxes(element):
    """The text boxes anchored in `element` (a paragraph), in order, none twice."""
    for child in element:
        if child.tag == _TEXT_BOX:
            yield child
        elif child.tag != _FALLBACK:
            yield from _text_boxes(child)


def _runs(paragraph, paragraph_style: str, styles: _Styles):
    """(text, bold, hidden) of each run of a paragraph (in links and fields too), in order; a text
    box's runs are the box's own."""
    for element in _own(paragraph, _w("r")):
        text = []
        for child in element:
            if child.tag == _w("t"):
                text.append(child.text or "")
            elif child.tag in _BREAKS:
                text.append(_BREAKS[child.tag])
        if text:
            yield ("".join(text), _property(element, paragraph_style, styles, "b"),
                   _property(element, paragraph_style, styles, "vanish") or _property(
                       element, paragraph_style, styles, "specVanish"))


def _paragraph_lines(paragraph, number: int, source: str, styles: _Styles, item: int,
                     boxes: bool = True) -> list[Line]:
    """A paragraph's lines (split at its breaks), its hidden text as a line apart, then with `boxes`
    the lines of the text boxes anchored in it, each of the box's paragraphs a line of its own."""
    ppr = paragraph.find(_w("pPr"))
    pstyle = ppr.find(_w("pStyle")) if ppr is not None else None
    style_id = pstyle.get(_w("val"), "") if pstyle is not None else styles.default_paragraph
    level = styles.level(style_id)
    listed = (ppr is not None and ppr.find(_w("numPr")) is not None) or styles.numbered(style_id)
    shown: list[list[tuple[str, bool]]] = [[]]
    hidden: list[str] = []
    for text, bold, vanish in _runs(paragraph, style_id, styles):
        if vanish:
            hidden.append(text)
            continue
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                shown.append([])
            if piece:
                shown[-1].append((piece, bold))
    lines = []
    ref = SourceRef(source, number)
    for parts in shown:
        text = " ".join("".join(p for p, _ in parts).split())
        if not text:
            continue
        bold = all(b for p, b in parts if p.strip())
        lines.append(Line(text, ref, True if (level or bold) else None, level, item if listed else 0))
    text = " ".join(" ".join(hidden).split())
    if text:
        lines.append(Line(text, ref, hidden=True))
    for box in _text_boxes(paragraph) if boxes else ():
        for child in box:
            if child.tag == _w("p"):
                lines.extend(_paragraph_lines(child, number, source, styles, 0))
            elif child.tag == _w("tbl"):
                lines.extend(_table_lines(child, number, source, styles))
    return lines


def _cell_text(cell, source: str, styles: _Styles) -> tuple[str, str]:
    """A table cell's shown text (its paragraphs joined by " ") and its hidden text."""
    shown, hidden = [], []
    for paragraph in cell.iter(_w("p")):
        for line in _paragraph_lines(paragraph, 0, source, styles, 0, boxes=False):
            (hidden if line.hidden else shown).append(line.text)
    return " ".join(shown), " ".join(hidden)


def _table_lines(table, number: int, source: str, styles: _Styles) -> list[Line]:
    """A table's rows as lines with cells: a cell spanning columns (`w:gridSpan`)
    stands in each, a cell merged down (`w:vMerge`) gives its text to every row it spans."""
    lines: list[Line] = []
    above: dict[int, str] = {}
    for row in table.findall(_w("tr")):
        number += 1
        trpr = row.find(_w("trPr"))
        header = trpr is not None and _on(trpr.find(_w("tblHeader"))) is True
        cells: list[str] = []
        hidden: list[str] = []
        for cell in row.findall(_w("tc")):
            tcpr = cell.find(_w("tcPr"))
            span = tcpr.find(_w("gridSpan")) if tcpr is not None else None
            times = int(span.get(_w("val"), "1")) if span is not None and span.get(_w("val"), "1").isdigit() else 1
            vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
            text, secret = _cell_text(cell, source, styles)
            column = len(cells)
            if vmerge is not None and vmerge.get(_w("val"), "continue") == "continue":
                text = above.get(column, "")
            else:
                above[column] = text
            if secret:
                hidden.append(secret)
            cells.extend([text] + [""] * (times - 1))
        ref = SourceRef(source, number)
        lines.append(Line(" ".join(c for c in cells if c), ref, cells=tuple(cells), header=header))
        lines.extend(Line(text, ref, hidden=True) for text in hidden)
    return lines


def read_docx(data: bytes, source: str, *, charset: str = "", fallback_url: str = "") -> Pages:
    """A DOCX document as one page of lines: paragraphs (a heading style or a
    wholly bold paragraph marked as a heading, a numbered paragraph as a list
    item), table rows with their cells (a row repeated as header, `w:tblHeader`,
    marked as one), and hidden runs (`w:vanish`, directly or by style) set apart."""
    check_unpacked_size(data, source, "a DOCX document")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body_xml = ElementTree.fromstring(archive.read("word/document.xml"))
            names = archive.namelist()
            styles_xml = ElementTree.fromstring(archive.read("word/styles.xml")) if "word/styles.xml" in names else None
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError) as error:
        raise PipelineError(f"is not a DOCX document this reader can open ({type(error).__name__}).",
                            source=source) from None
    styles = _Styles(styles_xml)
    body = body_xml.find(_w("body"))
    lines: list[Line] = []
    number = item = 0
    for element in (body if body is not None else []):
        if element.tag == _w("p"):
            number += 1
            item += 1
            lines.extend(_paragraph_lines(element, number, source, styles, item))
        elif element.tag == _w("tbl"):
            rows = _table_lines(element, number, source, styles)
            lines.extend(rows)
            number += len(element.findall(_w("tr")))
    return Pages(source, "docx", (Page(tuple(lines), 1, max(number, 1)),), url=fallback_url)


# --- ODT -------------------------------------------------------------------------

_ODF = {**_ODF_NS, "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
        "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
        "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"}


def _o(prefix: str, name: str) -> str:
    return f"{{{_ODF[prefix]}}}{name}"


def _odt_styles(root) -> tuple[set[str], set[str], dict[str, int]]:
    """Names of the automatic styles that set text bold, that hide it, and the
    outline level of paragraph styles that are headings by their parent."""
    bold, hidden, levels = set(), set(), {}
    for style in root.iter(_o("style", "style")):
        name = style.get(_o("style", "name"))
        for props in style:
            if props.get(_o("fo", "font-weight")) in ("bold", "700", "800", "900"):
                bold.add(name)
            if props.get(_o("text", "display")) == "none" or props.get(_o("fo", "display")) == "none":
                hidden.add(name)
        parent = style.get(_o("style", "parent-style-name"), "")
        m = re.match(r"^Heading_20_(\d)$", parent) or re.match(r"^Heading_20_(\d)$", name or "")
        if m:
            levels[name] = int(m.group(1))
    return bold, hidden, levels


def _odt_spans(element, bold: set[str], hidden: set[str], inherited_bold: bool, inherited_hidden: bool):
    """(text, bold, hidden) pieces of an ODF paragraph, spans' styles applied."""
    yield (element.text or ""), inherited_bold, inherited_hidden
    for child in element:
        style = child.get(_o("text", "style-name"), "")
        if child.tag == _o("text", "s"):
            yield " " * int(child.get(_o("text", "c"), "1")), inherited_bold, inherited_hidden
        elif child.tag == _o("text", "tab"):
            yield " ", inherited_bold, inherited_hidden
        elif child.tag == _o("text", "line-break"):
            yield "\n", inherited_bold, inherited_hidden
        elif child.tag in (_o("text", "note"), _o("office", "annotation"), _o("draw", "frame")):
            pass  # a note, a comment; a frame's text box is read as paragraphs of its own
        else:
            yield from _odt_spans(child, bold, hidden, inherited_bold or style in bold,
                                  inherited_hidden or style in hidden)
        yield (child.tail or ""), inherited_bold, inherited_hidden


def _odt_boxes(element):
    """The text boxes anchored in an ODF paragraph (in its frames), in order, none inside another."""
    for child in element:
        if child.tag == _o("draw", "text-box"):
            yield child
        else:
            yield from _odt_boxes(child)


def read_odt(data: bytes, source: str, *, charset: str = "", fallback_url: str = "") -> Pages:
    """An ODT document (its content.xml) as one page of lines: headings (`text:h`
    and their outline level), wholly bold paragraphs as headings, list items,
    table rows with their cells (`table:table-header-rows` as header), hidden
    text (a style with `text:display="none"`) set apart."""
    root = _odf_content(data, source, "an ODT document")
    bold, hidden, levels = _odt_styles(root)
    body = root.find(_o("office", "body"))
    text_root = body.find(_o("office", "text")) if body is not None else None
    lines: list[Line] = []
    counter = {"n": 0, "item": 0}

    def paragraph(element, item: int) -> None:
        """A paragraph or heading as lines: its shown text split at line breaks, its hidden text apart."""
        counter["n"] += 1
        ref = SourceRef(source, counter["n"])
        style = element.get(_o("text", "style-name"), "")
        level = int(element.get(_o("text", "outline-level"), "1")) if element.tag == _o("text", "h") else levels.get(style, 0)
        shown: list[list[tuple[str, bool]]] = [[]]
        secret = []
        for text, is_bold, is_hidden in _odt_spans(element, bold, hidden, style in bold, style in hidden):
            if is_hidden:
                secret.append(text)
                continue
            for k, piece in enumerate(text.split("\n")):
                if k:
                    shown.append([])
                if piece:
                    shown[-1].append((piece, is_bold))
        for parts in shown:
            text = " ".join("".join(p for p, _ in parts).split())
            if text:
                whole_bold = all(b for p, b in parts if p.strip())
                lines.append(Line(text, ref, True if (level or whole_bold) else None, level, item))
        if " ".join(secret).strip():
            lines.append(Line(" ".join(" ".join(secret).split()), ref, hidden=True))
        for box in _odt_boxes(element):  # a text box anchored in the paragraph, after it
            walk(box, item)

    def table(element) -> None:
        """Rows with cells: a cell spanning columns stands in each (its covered cells),
        a cell spanning rows gives its text to the covered cells below it."""
        header_rows = {id(r) for h in element.iter(_o("table", "table-header-rows"))
                       for r in h.iter(_o("table", "table-row"))}
        down: dict[int, tuple[str, int]] = {}  # column -> (text, rows still covered)
        for row in element.iter(_o("table", "table-row")):
            counter["n"] += 1
            ref = SourceRef(source, counter["n"])
            cells: list[str] = []
            secret: list[str] = []
            across = ("", 0)  # the text of a cell spanning columns, and how many covered cells follow
            for cell in row:
                if cell.tag not in (_o("table", "table-cell"), _o("table", "covered-table-cell")):
                    continue
                column = len(cells)
                if cell.tag == _o("table", "covered-table-cell"):
                    if across[1]:
                        cells.append(across[0])
                        across = (across[0], across[1] - 1)
                    else:
                        text, left = down.get(column, ("", 0))
                        cells.append(text)
                        if left > 1:
                            down[column] = (text, left - 1)
                        else:
                            down.pop(column, None)
                    continue
                shown: list[str] = []
                for p in cell.iter():
                    if p.tag in (_o("text", "p"), _o("text", "h")):
                        style = p.get(_o("text", "style-name"), "")
                        for text, _, is_hidden in _odt_spans(p, bold, hidden, False, style in hidden):
                            (secret if is_hidden else shown).append(text)
                        shown.append(" ")
                text = " ".join("".join(shown).split())
                span = int(cell.get(_o("table", "number-columns-spanned"), "1") or 1)
                rows_spanned = int(cell.get(_o("table", "number-rows-spanned"), "1") or 1)
                if rows_spanned > 1:
                    for k in range(span):
                        down[column + k] = (text, rows_spanned - 1)
                across = (text, span - 1)
                cells.append(text)
            lines.append(Line(" ".join(c for c in cells if c), ref, cells=tuple(cells),
                              header=id(row) in header_rows))
            if " ".join(secret).strip():
                lines.append(Line(" ".join(" ".join(secret).split()), ref, hidden=True))

    def walk(element, item: int) -> None:
        """The body in document order: paragraphs, list items (numbered), tables, sections."""
        for child in element:
            if child.tag in (_o("text", "p"), _o("text", "h")):
                paragraph(child, item)
            elif child.tag == _o("text", "list"):
                for entry in child:
                    if entry.tag in (_o("text", "list-item"), _o("text", "list-header")):
                        counter["item"] += 1
                        walk(entry, counter["item"])
            elif child.tag == _o("table", "table"):
                table(child)
            elif child.tag in (_o("text", "section"), _o("text", "soft-page-break")) or len(child):
                walk(child, item)

    if text_root is not None:
        walk(text_root, 0)
    return Pages(source, "odt", (Page(tuple(lines), 1, max(counter["n"], 1)),), url=fallback_url)
