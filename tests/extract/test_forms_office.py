"""New forms (issue 15, items 2-4): CSV, XLSX, ODS, DOCX, ODT, HTML data tables, and what
a page does not show.

The office fixtures are the capture's contact listing written by the tools publishers use
(tests/fixtures/office/make_office_fixtures.py: the csv module, openpyxl, python-docx, and
LibreOffice's conversions to ODS and ODT). Each must give the capture's blocks field for
field: the same heading, place and labeled values (the gold tests check the capture's).
Documents made here are made with the same libraries.
"""
from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from pipeline.check import run_checks
from pipeline.errors import PipelineError
from pipeline.extract import extract_document, sniff_form
from pipeline.extract.capture import extract_capture
from pipeline.normalize.dataset import normalize
from pipeline.reference import FORMULA_LABEL, HIDDEN_LABEL, NUMBER_LABEL

ROOT = Path(__file__).resolve().parents[2]
OFFICE = ROOT / "tests" / "fixtures" / "office"
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
AS_OF = date(2026, 1, 1)
SET_ASIDE = (HIDDEN_LABEL, NUMBER_LABEL, FORMULA_LABEL)


def _shape(blocks):
    """Each block's heading, place and labeled values, values sorted: a table's columns
    come in its own order, the capture's lines in theirs."""
    return {b.heading: (b.location.text if b.location else None,
                        sorted((f.label, f.text) for f in b.fields if f.label not in SET_ASIDE)) for b in blocks}


@pytest.fixture(scope="module")
def capture_shape():
    return _shape(extract_capture(CAPTURE.read_bytes(), CAPTURE.name, "").blocks)


FIXTURES = [("listing.csv", "csv"), ("listing.xlsx", "xlsx"), ("listing.ods", "ods"), ("listing.docx", "docx"),
            ("listing_table.docx", "docx"), ("listing.odt", "odt"), ("listing_table.odt", "odt"),
            ("listing_libreoffice.docx", "docx"), ("listing_libreoffice.xlsx", "xlsx")]


@pytest.mark.parametrize("name, form", FIXTURES, ids=[f[0] for f in FIXTURES])
def test_an_office_document_gives_the_capture_blocks_field_for_field(capture_shape, name, form):
    data = (OFFICE / name).read_bytes()
    assert sniff_form(data) == form
    x = extract_document(data, name, "")
    assert [d.form for d in x.documents] == [form]
    assert [d.kind for d in x.documents] == ["contact_listing"]
    got = _shape(x.blocks)
    assert len(x.blocks) == 78
    assert got == capture_shape


def _centers(data: bytes, name: str):
    x = extract_document(data, name, "")
    dataset = normalize([x])
    return {c.name: c for c in dataset.centers}, run_checks(dataset, AS_OF)


def test_a_phone_stored_as_a_number_is_read_as_displayed_with_a_finding():
    """The fixture stores Alabama's phone as the number 3345172660 with the format (###) ###-####."""
    centers, findings = _centers((OFFICE / "listing.xlsx").read_bytes(), "listing.xlsx")
    alabama = centers["Alabama Fusion Center"]
    assert alabama.value("phone").text == "(334) 517-2660" and alabama.value("phone").value == "+13345172660"
    assert [(f.code, f.value) for f in findings if f.center_id == alabama.id and f.code == "VALUE_STORED_AS_NUMBER"] \
        == [("VALUE_STORED_AS_NUMBER", "(334) 517-2660")]
    assert sum(f.code == "VALUE_STORED_AS_NUMBER" for f in findings) == 1


ROWS = [("Alpha Fusion Center", "Columbus, Ohio", "(614) 555-0100", "alpha@example.org"),
        ("Beta Fusion Center", "Dayton, Ohio", "(937) 555-0101", "beta@example.org"),
        ("Gamma Fusion Center", "Toledo, Ohio", "(419) 555-0102", "gamma@example.org")]


def _workbook(edit=None) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Name", "Location", "Telephone", "E-mail"])
    for row in ROWS:
        ws.append(list(row))
    if edit:
        edit(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_formula_without_its_value_is_reported_never_read_as_empty():
    def formula(wb):
        wb.active["C3"] = '=CONCATENATE("(937) ","555-0101")'  # openpyxl stores no value with it
    centers, findings = _centers(_workbook(formula), "formula.xlsx")
    beta = centers["Beta Fusion Center"]
    assert beta.value("phone") is None and beta.value("email").text == "beta@example.org"
    assert [(f.code, f.severity, f.line) for f in findings if f.center_id == beta.id
            and f.code == "FORMULA_WITHOUT_VALUE"] == [("FORMULA_WITHOUT_VALUE", "error", 3)]
    assert centers["Gamma Fusion Center"].value("phone").text == "(419) 555-0102"


def test_hidden_rows_and_sheets_are_not_read():
    def hide(wb):
        wb.active.row_dimensions[3].hidden = True
        secret = wb.create_sheet("Old")
        secret.append(["Name", "Telephone"])
        secret.append(["Delta Fusion Center", "(614) 555-0199"])
        secret.sheet_state = "hidden"
    centers, _ = _centers(_workbook(hide), "hidden.xlsx")
    assert sorted(centers) == ["Alpha Fusion Center", "Gamma Fusion Center"]


def _ods(rows: str, columns: str = "") -> bytes:
    """An ODS workbook of one sheet: its column elements and rows as content.xml writes them."""
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2"><office:body>'
               f'<office:spreadsheet><table:table table:name="Centers">{columns}{rows}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def _ods_row(*cells: str) -> str:
    """A row of cells; a cell given as "<...>" is written as it is (a covered or spanning cell)."""
    text = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    return "<table:table-row>" + "".join(c if c.startswith("<") else text.format(c) for c in cells) + "</table:table-row>"


def test_a_hidden_ods_column_is_not_read():
    """A column the sheet collapses (`table:visibility="collapse"`), here after three shown ones
    (one element repeated), holds planted phones: they are not read, as XLSX's hidden columns are not."""
    rows = _ods_row("Name", "Location", "Telephone", "Alternate Phone") + "".join(
        _ods_row(name, place, phone, f"(212) 555-01{k}9") for k, (name, place, phone, _) in enumerate(ROWS))
    columns = '<table:table-column table:number-columns-repeated="3"/><table:table-column table:visibility="collapse"/>'
    centers, _ = _centers(_ods(rows, columns), "hidden.ods")
    assert sorted(centers) == [r[0] for r in ROWS]
    assert [(c.value("phone").text, c.value("alt_phone")) for c in centers.values()] == [(r[2], None) for r in ROWS]


def test_a_merged_ods_cell_applies_to_every_row_and_column_it_spans():
    """A cell merged over two rows (`number-rows-spanned`) or columns (`number-columns-spanned`)
    shows its text in every cell it covers, as XLSX's merged cells are read; a covered cell's own
    text (LibreOffice keeps it when asked to) is under the merge, not shown, and not read."""
    rows = (_ods_row("Name", "City", "State", "Telephone", "Toll-Free")
            + _ods_row(ROWS[0][0], "Columbus", '<table:table-cell office:value-type="string" table:number-rows-'
                       'spanned="3"><text:p>Ohio</text:p></table:table-cell>',
                       '<table:table-cell office:value-type="string" table:number-columns-spanned="2"><text:p>'
                       '(614) 555-0100</text:p></table:table-cell>', "<table:covered-table-cell/>")
            + _ods_row(ROWS[1][0], "Dayton",
                       "<table:covered-table-cell><text:p>Texas</text:p></table:covered-table-cell>",
                       ROWS[1][2], "(800) 555-0111")
            + _ods_row(ROWS[2][0], "Toledo", "<table:covered-table-cell/>", ROWS[2][2], "(800) 555-0112"))
    centers, _ = _centers(_ods(rows), "merged.ods")
    assert sorted(centers) == [r[0] for r in ROWS]
    assert [(c.city, c.state, c.value("phone").text, c.value("toll_free").text) for c in centers.values()] == [
        ("Columbus", "OH", "(614) 555-0100", "(614) 555-0100"), ("Dayton", "OH", ROWS[1][2], "(800) 555-0111"),
        ("Toledo", "OH", ROWS[2][2], "(800) 555-0112")]


@pytest.mark.parametrize("rows", [
    _ods_row("Name", '<table:table-cell office:value-type="string" table:number-columns-repeated="100000000">'
             '<text:p>Phone</text:p></table:table-cell>'),
    _ods_row("Name", "Phone") + '<table:table-row table:number-rows-repeated="100000000"><table:table-cell '
    'office:value-type="string"><text:p>Alpha Fusion Center</text:p></table:table-cell></table:table-row>',
], ids=["a cell of text repeated across 100 million columns", "a row of text repeated 100 million times"])
def test_an_ods_sheet_whose_repeated_text_makes_too_many_cells_is_refused_in_one_line(rows):
    with pytest.raises(PipelineError) as caught:
        extract_document(_ods(rows), "bomb.ods", "")
    assert str(caught.value) == "bomb.ods, page 1: has a sheet of more than 200,000 cells."


def test_a_table_whose_place_is_a_state_column_alone_gives_each_record_its_own_name():
    """No City column: the first record's name was taken for the file's title and its state
    ("Ohio") published as a center with its phone."""
    data = "Name,State,Telephone\n" + "".join(f"{n},Ohio,{ph}\n" for n, _, ph, _ in ROWS)
    x = extract_document(data.encode(), "states.csv", "")
    assert [(b.heading, [(f.label, f.text) for f in b.fields if f.label == "Phone"]) for b in x.blocks] == [
        (n, [("Phone", ph)]) for n, _, ph, _ in ROWS]


def _rewritten(data: bytes, edit) -> bytes:
    """An XLSX workbook with its first sheet's XML rewritten by `edit` (what openpyxl will not
    write: a column 0 wide, a row 0 high)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(item, edit(content.decode()) if item.filename == "xl/worksheets/sheet1.xml" else content)
    return out.getvalue()


def _planted(wb) -> None:
    """Planted phones in columns E:F (Alternate Phone, Fax) of the three rows."""
    ws = wb.active
    ws["E1"], ws["F1"] = "Alternate Phone", "Fax"
    for k in range(len(ROWS)):
        ws.cell(k + 2, 5, f"(212) 555-01{k}9")
        ws.cell(k + 2, 6, f"(212) 555-02{k}9")


HIDDEN_COLUMNS = {  # a writer hides columns as one <col min max> range, or sets a width of 0
    "a range of columns hidden by one element": _workbook(
        lambda wb: (_planted(wb), wb.active.column_dimensions.group("E", "F", hidden=True))),
    "columns 0 wide": _rewritten(_workbook(_planted), lambda xml: xml.replace(
        "<sheetData>", '<cols><col min="5" max="6" width="0" customWidth="1"/></cols><sheetData>')),
}


@pytest.mark.parametrize("data", HIDDEN_COLUMNS.values(), ids=HIDDEN_COLUMNS.keys())
def test_xlsx_columns_hidden_as_writers_hide_them_are_not_read(data):
    """openpyxl knows a range of columns by its first letter only: the others were read."""
    centers, _ = _centers(data, "hidden.xlsx")
    assert sorted(centers) == [r[0] for r in ROWS]
    assert [(c.value("alt_phone"), c.value("fax")) for c in centers.values()] == [(None, None)] * len(ROWS)


def test_an_xlsx_row_0_high_is_not_read():
    data = _rewritten(_workbook(lambda wb: wb.active.append(
        ["Delta Fusion Center", "Dayton, Ohio", "(212) 555-0199", "delta@example.org"])),
        lambda xml: xml.replace('<row r="5"', '<row r="5" ht="0" customHeight="1"'))
    centers, _ = _centers(data, "hidden.xlsx")
    assert sorted(centers) == [r[0] for r in ROWS]


@pytest.mark.parametrize("delimiter", [";", "\t", "|"], ids=["semicolons", "tabs", "bars"])
def test_a_csv_written_with_another_separator_is_read(delimiter):
    """Spreadsheets whose locale writes a decimal comma save CSV with semicolons; tab-separated
    values are CSV with tabs. The place's own comma stays in its cell."""
    data = (delimiter.join(["Name", "Location", "Telephone", "E-mail"]) + "\r\n"
            + "".join(delimiter.join(row) + "\r\n" for row in ROWS)).encode()
    assert sniff_form(data) == "csv"
    centers, _ = _centers(data, "listing.csv")
    assert [(c.name, c.city, c.value("phone").text, c.value("email").text) for c in centers.values()] == [
        (n, p.split(",")[0], ph, e) for n, p, ph, e in ROWS]


def test_excel_s_unicode_text_export_is_read():
    """Excel's "Unicode Text" export: tab-separated values in UTF-16 with its byte-order mark."""
    text = "Name\tLocation\tTelephone\tE-mail\r\n" + "".join("\t".join(row) + "\r\n" for row in ROWS)
    data = "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")
    assert sniff_form(data) == "csv"
    centers, _ = _centers(data, "listing.txt")
    assert [(c.name, c.value("phone").text) for c in centers.values()] == [(n, ph) for n, _, ph, _ in ROWS]


def test_a_csv_whose_header_names_no_field_is_refused_in_one_line():
    data = b"Organisation unit,Town,Number\nAlpha,Columbus,6145550100\nBeta,Dayton,9375550101\n"
    with pytest.raises(PipelineError) as caught:
        extract_document(data, "odd.csv", "")
    assert str(caught.value).startswith("odd.csv, line 1: holds tables, but none whose header")
    assert "\n" not in str(caught.value)


def test_header_labels_written_with_abbreviation_points_name_their_fields():
    """Header cells as publishers abbreviate them ("Alt. Phone", "Tel.", "E-mail"): each names its field."""
    data = ("Agency,\"City, State\",Tel.,Alt. Phone,E-mail\n"
            + "".join(f'{n},"{p}",{ph},(614) 555-01{i}9,{e}\n' for i, (n, p, ph, e) in enumerate(ROWS))).encode()
    centers, findings = _centers(data, "abbreviated.csv")
    beta = centers["Beta Fusion Center"]
    assert (beta.value("phone").text, beta.value("alt_phone").text, beta.value("email").text) \
        == ("(937) 555-0101", "(614) 555-0119", "beta@example.org")
    assert not [f for f in findings if f.code in ("UNRECOGNIZED_LINE", "UNKNOWN_LABEL")]


def test_label_spellings_with_other_words_and_tails_name_their_fields():
    """"Tel"/"Telephone"/"Phone" and "Alt"/"Alternate" are one word each; a last word that names no
    field ("number", "No.", "address") is left aside: each header names its field, none is unknown."""
    data = ("Agency,Location,Telephone number,Alt. tel.,Facsimile No.,E-mail address,Web\n"
            + "".join(f'{n},"{p}",{ph},(614) 555-01{i}9,(614) 555-02{i}9,{e},www.example.org/{i}\n'
                      for i, (n, p, ph, e) in enumerate(ROWS))).encode()
    centers, findings = _centers(data, "spellings.csv")
    beta = centers["Beta Fusion Center"]
    assert [beta.value(f).text for f in ("phone", "alt_phone", "fax", "email", "website")] \
        == ["(937) 555-0101", "(614) 555-0119", "(614) 555-0219", "beta@example.org", "www.example.org/1"]
    assert not [f for f in findings if f.code in ("UNRECOGNIZED_LINE", "UNKNOWN_LABEL")]


def test_labels_inside_a_telephone_cell_name_the_numbers_after_them():
    """A Telephone column whose cell holds several numbers, each after its own label (a
    typeset table's cell: "(334) 517-2660 / Toll free: (866) 229-6220"): each number is its
    label's, the first the column's; none is lost into an invalid phone."""
    data = ("Center,Location,Telephone,E-mail\n"
            f'{ROWS[0][0]},"{ROWS[0][1]}",{ROWS[0][2]} Toll free: (866) 229-6220,{ROWS[0][3]}\n'
            f'{ROWS[1][0]},"{ROWS[1][1]}",Toll free: (800) 367-2312 Alt.: (302) 739-5996,{ROWS[1][3]}\n').encode()
    centers, findings = _centers(data, "cells.csv")
    alpha, beta = centers["Alpha Fusion Center"], centers["Beta Fusion Center"]
    assert (alpha.value("phone").text, alpha.value("toll_free").text) == ("(614) 555-0100", "(866) 229-6220")
    assert (beta.value("toll_free").text, beta.value("alt_phone").text) == ("(800) 367-2312", "(302) 739-5996")
    assert not [f for f in findings if f.code in ("PHONE_INVALID", "UNKNOWN_LABEL")]


@pytest.mark.parametrize("header", ["Telephone numbers", "Phones", "Contact"])
def test_a_cell_of_labeled_numbers_on_lines_of_its_own_gives_each_its_field(header):
    """A column whose cell holds each number on a line of its own after its label (a quoted newline
    in CSV: "Phone: …\nFax: …"), under a header in the plural, with the word "numbers", or naming
    no field at all: each number is its label's, none is lost into an unknown label."""
    cells = ["Phone: (334) 517-2660\nFax: (334) 517-2746\nToll-Free: (866) 229-6220", "Phone: (907) 269-8900"]
    data = (f"Center,Location,{header},E-mail\r\n" + "".join(
        f'{n},"{p}","{c}",{e}\r\n' for (n, p, _, e), c in zip(ROWS, cells))).encode()
    centers, findings = _centers(data, "lines.csv")
    alpha, beta = centers["Alpha Fusion Center"], centers["Beta Fusion Center"]
    assert [alpha.value(f).text for f in ("phone", "fax", "toll_free")] \
        == ["(334) 517-2660", "(334) 517-2746", "(866) 229-6220"]
    assert beta.value("phone").text == "(907) 269-8900" and beta.value("fax") is None
    assert not [f for f in findings if f.code in ("PHONE_INVALID", "UNKNOWN_LABEL", "EXTRA_VALUE")]


def _titled(wb):
    """A title merged across the sheet and a group label merged over the numbers, above the header."""
    ws = wb.active
    ws.insert_rows(1, 2)
    ws["A1"], ws["C2"] = "Fusion Center Directory", "Contact numbers"
    ws.merge_cells("A1:D1")
    ws.merge_cells("C2:D2")


@pytest.mark.parametrize("data, name", [
    (lambda: _workbook(_titled), "titled.xlsx"),
    (lambda: ("Fusion Center Directory,,,\r\n,,Contact numbers,\r\nName,Location,Telephone,E-mail\r\n"
              + "".join(f'{n},"{p}",{ph},{e}\r\n' for n, p, ph, e in ROWS)).encode(), "titled.csv"),
], ids=["xlsx", "csv"])
def test_a_header_under_a_title_row_and_a_group_row_gives_its_records(data, name):
    """A sheet whose header row stands under a title merged across it and a group label ("Contact
    numbers"): the header is found under them, each row below it is a record; the title is no record."""
    centers, _ = _centers(data(), name)
    assert [(c.name, c.city, c.value("phone").text, c.value("email").text) for c in centers.values()] == [
        (n, p.split(",")[0], ph, e) for n, p, ph, e in ROWS]


def test_a_zip_column_is_read_with_its_city_and_state():
    """A table whose place is City, State and ZIP columns: the ZIP is the place's, never lost."""
    data = ("Name,City,State,ZIP,Phone\n" + "".join(
        f'{n},{p.split(", ")[0]},Ohio,4330{i}-0164,{ph}\n' for i, (n, p, ph, _) in enumerate(ROWS))).encode()
    centers, findings = _centers(data, "zip.csv")
    assert [(c.city, c.state, c.zip) for c in centers.values()] == [
        ("Columbus", "OH", "43300-0164"), ("Dayton", "OH", "43301-0164"), ("Toledo", "OH", "43302-0164")]
    assert not [f for f in findings if f.code == "UNKNOWN_LABEL"]


def test_a_zip_written_after_the_city_in_its_cell_goes_after_the_state():
    """A City column whose cell adds the ZIP ("Columbus 43215-0164") beside a State column."""
    data = ("Name,City,State,Phone\n" + "".join(
        f'{n},{p.split(", ")[0]} 4321{i}-0164,Ohio,{ph}\n' for i, (n, p, ph, _) in enumerate(ROWS))).encode()
    centers, _ = _centers(data, "cityzip.csv")
    assert [(c.city, c.state, c.zip) for c in centers.values()] == [
        ("Columbus", "OH", "43210-0164"), ("Dayton", "OH", "43211-0164"), ("Toledo", "OH", "43212-0164")]



def _grouped_sheet() -> bytes:
    """Name | City | State | Phone, each state's rows under a row merged across the sheet naming it."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Name", "City", "State", "Phone"])
    for state, rows in (("Ohio", ROWS[:2]), ("Indiana", [("Delta Fusion Center", "Gary, Indiana", "(219) 555-0103", "")])):
        ws.append([state])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
        for n, p, ph, _ in rows:
            ws.append([n, p.split(", ")[0], p.split(", ")[1], ph])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _grouped_docx() -> bytes:
    """Name | City | Phone (no state column), each state's rows under a row merged across the table."""
    import docx

    d = docx.Document()
    table = d.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Fusion Center", "City", "Phone"]):
        cell.text = text
    for state, rows in (("Ohio", ROWS[:2]), ("Indiana", [("Delta Fusion Center", "Gary, Indiana", "(219) 555-0103", "")])):
        cells = table.add_row().cells
        cells[0].merge(cells[-1]).text = state
        for n, p, ph, _ in rows:
            for cell, text in zip(table.add_row().cells, [n, p.split(", ")[0], ph]):
                cell.text = text
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("data, name", [(_grouped_sheet, "grouped.xlsx"), (_grouped_docx, "grouped.docx")],
                         ids=["xlsx-state-column", "docx-no-state-column"])
def test_a_group_row_merged_across_a_table_is_no_record_and_gives_its_state(data, name):
    """A table grouped by state, each group under a row merged across it ("Ohio"): the row is the
    group's heading, no center of its own (its text repeated in every column it spans was read
    as a name, a city and a phone); where no column gives the state, the group's does."""
    centers, findings = _centers(data(), name)
    assert [(c.name, c.city, c.state, c.value("phone").text) for c in centers.values()] == [
        ("Alpha Fusion Center", "Columbus", "OH", "(614) 555-0100"),
        ("Beta Fusion Center", "Dayton", "OH", "(937) 555-0101"),
        ("Delta Fusion Center", "Gary", "IN", "(219) 555-0103")]


# ---- DOCX: styles, runs, hidden text ----

def _docx(hidden_by_style: bool) -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    if hidden_by_style:
        style = document.styles.add_style("Secret", WD_STYLE_TYPE.CHARACTER)
        style.font.hidden = True
    for name, place, phone, email in ROWS:
        document.add_heading(name, level=2)
        document.add_paragraph(place)
        if name.startswith("Beta"):
            planted = document.add_paragraph()
            run = planted.add_run("Phone: (212) 555-0199")  # a planted number the page does not show
            if hidden_by_style:
                run.style = "Secret"
            else:
                run.font.hidden = True
        document.add_paragraph(f"Phone: {phone}")
        document.add_paragraph(email)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("by_style", [False, True], ids=["w:vanish on the run", "w:vanish in a character style"])
def test_hidden_text_in_a_docx_is_not_read_and_is_reported_on_its_center(by_style):
    centers, findings = _centers(_docx(by_style), "hidden.docx")
    assert sorted(centers) == [r[0] for r in ROWS]
    beta = centers["Beta Fusion Center"]
    assert beta.value("phone").text == "(937) 555-0101" and (beta.city, beta.state) == ("Dayton", "OH")
    assert [(f.center_id, f.value) for f in findings if f.code == "TEXT_NOT_SHOWN"] == [
        (beta.id, "Phone: (212) 555-0199")]


# ---- HTML: what the page does not show ----

CONCEALED = {
    "opacity": "opacity:0",
    "font size": "font-size:0px",
    "off-screen": "position:absolute; left:-9999px",
    "no height": "height:0;overflow:hidden",
    "white on white": "color:#ffffff",
}


@pytest.mark.parametrize("style", list(CONCEALED.values()), ids=list(CONCEALED))
@pytest.mark.parametrize("inline", [False, True], ids=["own line", "inside a line"])
def test_html_text_the_page_does_not_show_is_not_read(style, inline):
    blocks = []
    for name, place, phone, email in ROWS:
        planted = ""
        if name.startswith("Beta"):
            planted = (f'<span style="{style}">(212) 555-0199</span>' if inline
                       else f'<div style="{style}">Phone: (212) 555-0199</div>')
        line = f"Phone: {planted}{phone}" if inline else f"{planted}<p>Phone: {phone}</p>"
        blocks.append(f"<h3>{name}</h3><p>{place}</p>{line}<p>{email}</p>")
    page = "<!DOCTYPE html><html><body><main>\n" + "\n".join(blocks) + "\n</main></body></html>\n"
    centers, findings = _centers(page.encode(), "concealed.html")
    beta = centers["Beta Fusion Center"]
    assert beta.value("phone").text == "(937) 555-0101"
    assert [(f.center_id, f.code) for f in findings if "555-0199" in f.value] == [(beta.id, "TEXT_NOT_SHOWN")]


def _beta_page(planted: str, style: str = "", tag: str = "div", attributes: str = 'class="x"') -> str:
    """The three rows as blocks, a page with `style` as its stylesheet and Beta's block holding
    `planted` in a `tag` element with `attributes` just before its visible phone."""
    blocks = []
    for name, place, phone, email in ROWS:
        secret = f"<{tag} {attributes}>{planted}</{tag}>" if name.startswith("Beta") else ""
        blocks.append(f'<section id="{name.split()[0].lower()}"><h3>{name}</h3><p>{place}</p>{secret}'
                      f"<p>Phone: {phone}</p><p>{email}</p></section>")
    return (f"<!DOCTYPE html><html><head><style>{style}</style></head><body><main>\n" + "\n".join(blocks)
            + "\n</main></body></html>\n")


# (stylesheet, the planted element's tag and attributes): each hides it, by CSS's cascade.
STYLESHEET_HIDDEN = {
    "class display none": (".x{display:none}", "div", 'class="x"'),
    "id visibility hidden": ("#planted { visibility : hidden }", "div", 'id="planted"'),
    "element and descendant": ("main section span{display:none}", "span", ""),
    "attribute selector": ("[data-v=old]{display:none}", "div", 'data-v="old"'),
    "class opacity": (".x{opacity:0}", "div", 'class="x"'),
    "class font size": (".x{font-size:0}", "div", 'class="x"'),
    "class off-screen": (".x{position:absolute;left:-10000px}", "div", 'class="x"'),
    "class no height": (".x{height:0;overflow:hidden}", "div", 'class="x"'),
    "white on white": (".x{color:rgb(255 255 255)}", "div", 'class="x"'),
    "same as a dark background": ("body{background:#102030} .x{color:#112131}", "div", 'class="x"'),
    "transparent": (".x{color:transparent}", "div", 'class="x"'),
    "in a screen media query": ("@media screen and (min-width: 40em) { .x{display:none} }", "div", 'class="x"'),
    "important beats inline": (".x{display:none!important}", "div", 'class="x" style="display:block"'),
    "more specific beats later": ("#beta .x{display:none} .x{display:block}", "div", 'class="x"'),
    "after a comment and a string": ('/* .x{display:block} */ .y::after{content:"}"} .x{display:none}', "div",
                                     'class="x y"'),
}


@pytest.mark.parametrize("style, tag, attributes", list(STYLESHEET_HIDDEN.values()), ids=list(STYLESHEET_HIDDEN))
def test_html_text_a_stylesheet_hides_is_not_read_and_is_reported(style, tag, attributes):
    page = _beta_page("Phone: (212) 555-0199", style, tag, attributes)
    centers, findings = _centers(page.encode(), "styled.html")
    beta = centers["Beta Fusion Center"]
    assert beta.value("phone").text == "(937) 555-0101"
    assert [(f.center_id, f.code) for f in findings if "555-0199" in f.value] == [(beta.id, "TEXT_NOT_SHOWN")]


# (stylesheet, attributes): a rule that does not hide the planted element, which is then read.
STYLESHEET_SHOWN = {
    "print only": ("@media print { .x{display:none} }", 'class="x"'),
    "print stylesheet": ("", 'class="x"'),  # the rule is in a <style media="print"> (below)
    "a narrow screen only": ("@media (max-width: 600px) { .x{display:none} }", 'class="x"'),
    "inline beats a rule": (".x{display:none}", 'class="x" style="display:block"'),
    "later rule of equal weight": (".x{display:none} div.x{display:block}", 'class="x"'),
    "other class": (".y{display:none}", 'class="x"'),
    "hover": (".x:hover{display:none}", 'class="x"'),
}


@pytest.mark.parametrize("style, attributes", list(STYLESHEET_SHOWN.values()), ids=list(STYLESHEET_SHOWN))
def test_html_text_a_stylesheet_does_not_hide_is_read(style, attributes):
    page = _beta_page("Fax: (212) 555-0199", style, "div", attributes)
    if not style:
        page = page.replace("<style></style>", '<style media="print">.x{display:none}</style>')
    centers, findings = _centers(page.encode(), "styled.html")
    assert centers["Beta Fusion Center"].value("fax").text == "(212) 555-0199"
    assert not [f for f in findings if f.code == "TEXT_NOT_SHOWN"]


def test_hidden_text_without_a_value_is_left_out_without_a_finding():
    """Pages hide menus and dialogs with display: none; such text is reported only when it holds a contact value."""
    page = _beta_page("Close this dialog", ".x{display:none}")
    centers, findings = _centers(page.encode(), "menu.html")
    assert sorted(centers) == [r[0] for r in ROWS]
    assert not [f for f in findings if f.code == "TEXT_NOT_SHOWN"]
    assert "Close this dialog" not in repr(centers["Beta Fusion Center"].extra_fields)


def test_a_hidden_page_body_hides_all_of_its_content():
    """A rule on an element around the content hides the content: a browser shows a blank page."""
    centers, _ = _centers(_beta_page("", "body{visibility:hidden}").encode(), "blank.html")
    assert centers == {}


def test_a_data_table_cell_a_stylesheet_hides_is_not_read():
    page = TWO_ROW_HEADER.replace("<td>(937) 555-0101</td>",
                                  '<td><span class="x">(212) 555-0199</span> (937) 555-0101</td>').replace(
        "<h1>", "<style>.x{display:none}</style><h1>")
    centers, findings = _centers(page.encode(), "table.html")
    beta = centers["Beta Fusion Center"]
    assert beta.value("phone").text == "(937) 555-0101"
    assert [(f.center_id, f.code) for f in findings if "555-0199" in f.value] == [(beta.id, "TEXT_NOT_SHOWN")]


# ---- Tables as records ----

TWO_ROW_HEADER = """<!DOCTYPE html><html><body><main>
<h1>Fusion centers</h1>
<table>
<thead>
<tr><th rowspan="2">State</th><th rowspan="2">Fusion Center</th><th rowspan="2">City</th><th colspan="2">Telephone</th><th rowspan="2">Email</th></tr>
<tr><th>Main</th><th>Fax</th></tr>
</thead>
<tbody>
<tr><td rowspan="2">Ohio</td><td>Alpha Fusion Center</td><td>Columbus</td><td>(614) 555-0100</td><td>(614) 555-0110</td><td>alpha@example.org</td></tr>
<tr><td>Beta Fusion Center</td><td>Dayton</td><td>(937) 555-0101</td><td></td><td>beta@example.org</td></tr>
<tr><td>Texas</td><td>Gamma Fusion Center</td><td>Austin</td><td>(512) 555-0102</td><td>(512) 555-0112</td><td>gamma@example.org</td></tr>
</tbody>
</table>
</main></body></html>
"""


def test_an_html_data_table_with_a_two_row_header_and_a_rowspan_gives_its_records():
    x = extract_document(TWO_ROW_HEADER.encode(), "table.html", "")
    assert [(b.heading, b.location.text, [(f.label, f.text) for f in b.fields], b.heading_ref.line)
            for b in x.blocks] == [
        ("Alpha Fusion Center", "Columbus, Ohio",
         [("Phone", "(614) 555-0100"), ("Fax", "(614) 555-0110"), ("Email", "alpha@example.org")], 9),
        ("Beta Fusion Center", "Dayton, Ohio", [("Phone", "(937) 555-0101"), ("Email", "beta@example.org")], 10),
        ("Gamma Fusion Center", "Austin, Texas",
         [("Phone", "(512) 555-0102"), ("Fax", "(512) 555-0112"), ("Email", "gamma@example.org")], 11)]



# ---- Labels apart from their values (pipeline/extract/pairs.py) ----

PAIRED_FIELDS = [("Location", "Columbus, Ohio"), ("Phone", "(614) 555-0100"), ("Email", "alpha@example.org")]


def _paired_blocks(data: bytes, name: str):
    return [(b.heading, b.location.text if b.location else None, [(f.label, f.text) for f in b.fields])
            for b in extract_document(data, name, "").blocks]


def _paired_expected():
    return [(n, p, [("Phone", ph), ("Email", e)]) for n, p, ph, e in ROWS]


def test_a_definition_list_of_labels_over_their_values_gives_labeled_fields():
    """Each center a section whose definition list gives a label as the term and the value as its
    definition ("Tel" over "(614) 555-0100", "Location" over the place): one labeled line each."""
    page = "<html><body><h2>Contacts</h2>" + "".join(
        f"<section><h3>{n}</h3><dl><dt>Location</dt><dd>{p}</dd><dt>Tel</dt><dd>{ph}</dd>"
        f"<dt>E-mail</dt><dd>{e}</dd></dl></section>" for n, p, ph, e in ROWS) + "</body></html>"
    assert _paired_blocks(page.encode(), "dl.html") == _paired_expected()


def test_a_docx_table_of_label_and_value_cells_under_a_merged_name_row_gives_labeled_fields():
    """A Word table per center: its name in a first row merged across both columns, then a row
    per value, the label in the first cell ("Telephone") and the value in the second."""
    import docx

    document = docx.Document()
    for n, p, ph, e in ROWS:
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].merge(table.rows[0].cells[1]).paragraphs[0].add_run(n).bold = True
        for label, value in (("Location", p), ("Telephone", ph), ("E-mail address", e)):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
        document.add_paragraph()
    buffer = io.BytesIO()
    document.save(buffer)
    assert _paired_blocks(buffer.getvalue(), "pairs.docx") == [
        (n, p, [("Phone", ph), ("Email", e)]) for n, p, ph, e in ROWS]


@pytest.mark.parametrize("text, read", [
    ("Telephone +1 614 555 0100", ("Phone", "+1 614 555 0100")),
    ("Toll free 866.787.2332", ("Toll-Free", "866.787.2332")),
    ("E-mail alpha@example.org", ("Email", "alpha@example.org")),
    ("Web www.example.org/contact", ("Website", "www.example.org/contact")),
    ("Main Street Fusion Center", ("", "Main Street Fusion Center")),  # a name, not "Main" and a phone
    ("Web Fusion Exchange", ("", "Web Fusion Exchange")),
    ("Phone 2", ("", "Phone 2")),
])
def test_a_label_without_its_colon_labels_only_a_value_of_its_shape(text, read):
    from pipeline.extract.lines import classify_line
    assert classify_line(text) == read


# ---- Forms still not supported are named ----

def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


REFUSED = {
    "PowerPoint": (_zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}), "a PowerPoint file"),
    "OpenDocument presentation": (_zip({"mimetype": b"application/vnd.oasis.opendocument.presentation",
                                        "content.xml": b"<x/>"}), "an OpenDocument presentation"),
    "Word 97": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "a legacy Microsoft Office file"),
    "RTF": (b"{\\rtf1\\ansi Alpha Fusion Center\\par}", "an RTF document"),
    "PNG": (b"\x89PNG\r\n\x1a\n" + bytes(64), "an image"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_form_not_supported_is_named_in_its_refusal(case):
    data, named = REFUSED[case]
    with pytest.raises(PipelineError) as caught:
        extract_document(data, "file.bin", "")
    message = str(caught.value)
    assert message.startswith(f"file.bin: is {named}") and "not a supported form" in message
    assert "\n" not in message


# ---- What a page declares in JSON-LD ----

def _json_ld(rows, phones=None) -> str:
    import json

    items = [{"@type": "GovernmentOrganization", "name": name,
              "address": {"@type": "PostalAddress", "addressLocality": place.split(", ")[0],
                          "addressRegion": place.split(", ")[1]},
              "telephone": (phones or {}).get(name, phone), "email": email}
             for name, place, phone, email in rows]
    document = {"@context": "https://schema.org", "@type": "ItemList",
                "itemListElement": [{"@type": "ListItem", "position": i + 1, "item": item}
                                    for i, item in enumerate(items)]}
    return '<script type="application/ld+json">\n' + json.dumps(document, indent=1) + "\n</script>\n"


def test_a_page_that_declares_its_values_only_in_json_ld_gives_them_with_a_source_finding():
    names = "".join(f"<li>{name}</li>" for name, *_ in ROWS)
    page = ("<!DOCTYPE html><html><head>\n" + _json_ld(ROWS) + "</head><body><main>\n<h1>Ohio fusion centers</h1>\n"
            f"<ul>{names}</ul>\n</main></body></html>\n")
    centers, findings = _centers(page.encode(), "declared.html")
    assert {n: (c.value("phone").text, c.value("email").text, c.city, c.state) for n, c in centers.items()} == {
        name: (phone, email, place.split(", ")[0], "OH") for name, place, phone, email in ROWS}
    beta = centers["Beta Fusion Center"]
    lines = page.split("\n")
    assert '"name": "Beta Fusion Center"' in lines[beta.block.heading_ref.line - 1]  # provenance: the element
    assert [(f.code, f.center_id, f.source) for f in findings if f.code == "SOURCE_VALUES_FROM_MARKUP"] == [
        ("SOURCE_VALUES_FROM_MARKUP", "", "declared.html")]


def _page_with_json_ld(blocks: str, phones: dict[str, str]) -> str:
    declared = _json_ld(ROWS, phones=phones)
    return f"<!DOCTYPE html><html><head>\n{declared}</head><body><main>\n{blocks}\n</main></body></html>\n"


def _page_with_microdata(blocks: str, phones: dict[str, str]) -> str:
    declared = _microdata(ROWS, phones=phones)
    declared = declared[declared.index("<ul>"):declared.index("</ul>") + 5]
    return f"<!DOCTYPE html><html><body><main>\n{blocks}\n<div hidden>{declared}</div>\n</main></body></html>\n"


@pytest.mark.parametrize("page", [_page_with_json_ld, _page_with_microdata], ids=["json-ld", "microdata"])
def test_where_the_visible_text_and_the_markup_disagree_the_visible_text_wins_with_a_finding(page):
    blocks = "\n".join(f"<h3>{name}</h3><p>{place}<br>Phone: {phone}<br>{email}</p>" for name, place, phone, email in ROWS)
    centers, findings = _centers(page(blocks, {"Beta Fusion Center": "(212) 555-0199"}).encode(), "both.html")
    beta = centers["Beta Fusion Center"]
    assert beta.value("phone").text == "(937) 555-0101"
    assert [(f.code, f.center_id, f.value) for f in findings if f.code == "MARKUP_DIFFERS"] == [
        ("MARKUP_DIFFERS", beta.id, "Phone: (212) 555-0199")]
    assert not [f for f in findings if f.code == "SOURCE_VALUES_FROM_MARKUP"]


# ---- What a page declares in microdata ----

def _microdata(rows, phones=None, shown=False) -> str:
    """The rows as schema.org microdata items in a list: the name shown, the values in <meta>
    (the page does not show them), or in the visible text when `shown`."""
    items = []
    for name, place, phone, email in rows:
        phone = (phones or {}).get(name, phone)
        city, state = place.split(", ")
        if shown:
            values = (f'<p><span itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">'
                      f'<span itemprop="addressLocality">{city}</span>, <span itemprop="addressRegion">{state}'
                      f'</span></span><br>Phone: <span itemprop="telephone">{phone}</span><br>'
                      f'<a itemprop="email" href="mailto:{email}">{email}</a></p>')
        else:
            values = (f'<span itemprop="address" itemscope itemtype="https://schema.org/PostalAddress">'
                      f'<meta itemprop="addressLocality" content="{city}"><meta itemprop="addressRegion" '
                      f'content="{state}"></span><meta itemprop="telephone" content="{phone}">'
                      f'<link itemprop="email" href="mailto:{email}">')
        tag = "div" if shown else "li"
        items.append(f'<{tag} itemscope itemtype="https://schema.org/GovernmentOrganization">\n'
                     f'<h3 itemprop="name">{name}</h3>{values}</{tag}>' if shown else
                     f'<li itemscope itemtype="https://schema.org/GovernmentOrganization">\n'
                     f'<span itemprop="name">{name}</span>{values}</li>')
    body = "\n".join(items) if shown else "<ul>" + "\n".join(items) + "</ul>"
    return f"<!DOCTYPE html><html><body><main>\n<h1>Ohio fusion centers</h1>\n{body}\n</main></body></html>\n"


def test_a_page_that_declares_its_values_only_in_microdata_gives_them_with_a_source_finding():
    page = _microdata(ROWS)
    centers, findings = _centers(page.encode(), "microdata.html")
    assert {n: (c.value("phone").text, c.value("email").text, c.city, c.state) for n, c in centers.items()} == {
        name: (phone, email, place.split(", ")[0], "OH") for name, place, phone, email in ROWS}
    beta = centers["Beta Fusion Center"]
    lines = page.split("\n")
    assert 'itemscope' in lines[beta.block.heading_ref.line - 1]  # provenance: the item's element
    assert "Beta Fusion Center" in lines[beta.block.heading_ref.line]
    assert [(f.code, f.center_id, f.source) for f in findings if f.code == "SOURCE_VALUES_FROM_MARKUP"] == [
        ("SOURCE_VALUES_FROM_MARKUP", "", "microdata.html")]


def test_microdata_on_the_visible_text_agrees_with_it_without_a_finding():
    centers, findings = _centers(_microdata(ROWS, shown=True).encode(), "shown.html")
    assert {n: c.value("phone").text for n, c in centers.items()} == {r[0]: r[2] for r in ROWS}
    assert not [f for f in findings if f.code in ("MARKUP_DIFFERS", "SOURCE_VALUES_FROM_MARKUP")]


def test_too_many_microdata_properties_are_refused_in_one_line():
    page = _microdata(ROWS).replace("</ul>", '<span itemprop="x">1</span>' * 5_001 + "</ul>")
    with pytest.raises(PipelineError) as caught:
        extract_document(page.encode(), "many.html", "")
    assert str(caught.value).startswith("many.html: has more than 5,000 microdata properties")


# (number, format as the writer stores it, what the sheet displays)
NUMBER_FORMATS = [
    (3345172660, "(###) ###-####", "(334) 517-2660"),  # openpyxl, as typed in Excel's phone format
    (3345172660, '\\(#") "###\\-####', "(334) 517-2660"),  # LibreOffice's: the first placeholder takes the rest
    (3345172660, "General", "3345172660"),
    (3345172660.0, "0", "3345172660"),
    (4330, "00000", "04330"),  # a ZIP code keeps its leading zero
    (5551234, "###-####", "555-1234"),
]


@pytest.mark.parametrize("value, number_format, shown", NUMBER_FORMATS, ids=[f[1] for f in NUMBER_FORMATS])
def test_a_number_is_read_as_its_format_displays_it(value, number_format, shown):
    from pipeline.extract.spreadsheet import displayed_number
    assert displayed_number(value, number_format) == shown
