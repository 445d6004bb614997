"""Hostile input in extract (the attacks of the "Nothing lost" issue): text
hidden in HTML, encodings the bytes or the server declare, and lines built to
make a regular expression or a parser take quadratic time.

Each attack has a test of its own. Time bounds are generous hang guards (a
timer in the test's process); the exact figures live in the benchmark.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.check import run_checks
from pipeline.cli import main
from pipeline.extract import extract_document, sniff_form
from pipeline.extract.capture import extract_capture
from pipeline.normalize.dataset import normalize
from pipeline.reference import HIDDEN_LABEL
from tests.hostile.attack import no_hang

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"

# ------------------------------------------------------------ hidden in HTML

LISTING = """<html><body><main>
<p><b>Alpha Center</b><br>Town, Ohio<br>{hidden}Phone: (614) 555-0100<br>Fax: (614) 555-0101</p>
<p><b>Beta Center</b><br>City, Ohio<br>Phone: (614) 555-0102<br>Fax: (614) 555-0103</p>
<p><b>Gamma Center</b><br>Village, Ohio<br>Phone: (614) 555-0104<br>Toll-Free: (800) 555-0105</p>
<p><b>Delta Center</b><br>Hamlet, Ohio<br>Phone: (614) 555-0106</p>
<p><b>Epsilon Center</b><br>Borough, Ohio<br>Phone: (614) 555-0107</p>
</main></body></html>
"""
PLANTED = "Phone: (900) 555-0199"
HIDDEN = {
    "display none": f'<span style="color: red; Display : None">{PLANTED}<br></span>',
    "visibility hidden": f'<span style="visibility:hidden">{PLANTED}<br></span>',
    "hidden attribute": f"<span hidden>{PLANTED}<br></span>",
    "aria-hidden": f'<div aria-hidden="true">{PLANTED}</div>',
    "template": f"<template>{PLANTED}<br></template>",
    "noscript": f"<noscript>{PLANTED}<br></noscript>",
}


@pytest.mark.parametrize("case", list(HIDDEN))
def test_hidden_html_text_is_not_published(case):
    """Hidden text is never read; hidden by markup or style, it is kept on its center as not shown
    (reported), while `<template>` and `<noscript>` are not the page's text at all."""
    x = extract_document(LISTING.format(hidden=HIDDEN[case]).encode(), "hidden.html", "")
    alpha = x.blocks[0]
    kept = [] if case in ("template", "noscript") else [(HIDDEN_LABEL, PLANTED)]
    assert sorted((f.label, f.text) for f in alpha.fields) == sorted(
        kept + [("Phone", "(614) 555-0100"), ("Fax", "(614) 555-0101")])
    assert [(b.heading, f.label) for b in x.blocks for f in b.fields if "555-0199" in f.raw] == [
        ("Alpha Center", HIDDEN_LABEL) for _ in kept]


def test_hidden_list_items_are_not_entries():
    page = ("<html><body><main><h2>Primary Fusion Centers</h2><ul><li>Alpha Center</li>"
            "<li style='display:none'>Planted Center</li><li aria-hidden='true'>Other Planted Center</li>"
            "<li>Beta Center</li></ul></main></body></html>")
    x = extract_document(page.encode(), "list.html", "")
    assert [e.name for e in x.list_entries] == ["Alpha Center", "Beta Center"]


def test_visible_text_beside_a_hidden_style_is_kept():
    shown = '<span style="display: inline; visibility: visible">Phone: (614) 555-0199<br></span>'
    x = extract_document(LISTING.format(hidden=shown).encode(), "shown.html", "")
    assert [f.text for f in x.blocks[0].fields][:1] == ["(614) 555-0199"]


# ---------------------------------------------------------------- encodings

def _capture_text() -> str:
    return CAPTURE.read_text(encoding="utf-8")


def _guess_findings(data: bytes, name: str = "capture.txt", charset: str = ""):
    x = extract_document(data, name, "", charset=charset)
    findings = run_checks(normalize([x]), date(2016, 1, 1))
    return x, [f for f in findings if f.code == "SOURCE_ENCODING_GUESSED"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"], ids=["bom", "le no bom", "be no bom"])
def test_utf16_text_is_decoded(codec):
    x, guessed = _guess_findings(_capture_text().encode(codec))
    assert (len(x.list_entries), len(x.blocks)) == (78, 78)
    assert x.blocks[0].heading == "Alabama Fusion Center"
    assert len(guessed) == (0 if codec == "utf-16" else 1)


def test_one_latin1_byte_does_not_turn_utf8_into_cp1252():
    text = _capture_text().replace("Agana Heights, Guam", "Aga\u00f1a Heights, Guam")
    data = text.encode("utf-8").replace("Alabama Fusion Center\n\nMontgomery".encode(),
                                        "Alabama Fusion Center\n\nMontgomery \xb7".encode("latin-1"))
    x, guessed = _guess_findings(data)
    guam = next(b for b in x.blocks if b.heading.startswith("Mariana"))
    assert guam.location.text == "Aga\u00f1a Heights, Guam"  # the UTF-8 stays UTF-8
    assert x.blocks[0].location.text == "Montgomery \u00b7, Alabama"  # the one odd line is read as Windows-1252
    assert len(guessed) == 1 and "line 107" in guessed[0].message


def test_a_windows_1252_file_is_read_and_the_guess_reported():
    data = _capture_text().replace("Agana", "Aga\u00f1a").encode("cp1252")
    x, guessed = _guess_findings(data)
    assert any(b.location and b.location.text == "Aga\u00f1a Heights, Guam" for b in x.blocks)
    assert len(guessed) == 1


def test_a_utf8_file_has_no_guess():
    _, guessed = _guess_findings(_capture_text().encode("utf-8"))
    assert guessed == []


@pytest.mark.parametrize("name, page", [
    ("capture.txt", None),
    ("listing.html", LISTING.format(hidden="")),
], ids=["text", "html"])
def test_the_servers_charset_is_honoured(name, page):
    text = (page or _capture_text()).replace("Town, Ohio", "B\u00e9thune, Ohio").replace(
        "Agana Heights", "Ag\u00e5na Heights")
    data = text.encode("utf-16-le")  # no byte-order mark: only the header says what it is
    x, guessed = _guess_findings(data, name, charset="UTF-16LE")
    assert guessed == []
    places = {b.location.text for b in x.blocks if b.location}
    assert "B\u00e9thune, Ohio" in places or "Ag\u00e5na Heights, Guam" in places


def test_the_servers_charset_beats_a_guess_of_utf8():
    data = LISTING.format(hidden="").replace("Town", "Caf\u00c3\u00a9").encode("utf-8")
    x = extract_document(data, "l.html", "", charset="windows-1252")
    assert x.blocks[0].location.text == "Caf\u00c3\u0192\u00c2\u00a9, Ohio"


# ------------------------------------------------------------ linear time

def _check_in_process(tmp_path: Path, capsys, text: str) -> tuple[int, str]:
    """`check` on a raw folder holding `text` as its capture, in the test's own process
    (the command line runs end to end in tests/test_cli.py and tests/hostile/test_terminal.py)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "capture.txt").write_text(text, encoding="utf-8")
    # A generous hang guard: a quadratic regex takes minutes on these lines (a run takes
    # well under a second); the timer's signal interrupts `re` as it matches.
    with no_hang(60):
        code = main(["check", "--raw", str(raw)])
    return code, capsys.readouterr().err


def _in_connecticut(line: str) -> str:
    text = _capture_text()
    anchor = "Phone: (860) 706-5500\n"
    assert anchor in text
    return text.replace(anchor, anchor + line + "\n", 1)


SPACES = " " * 200_000
SLOW_LINES = {
    "place line of spaces": _in_connecticut("Hartford," + SPACES + "x"),
    "heading of spaces": _in_connecticut("Center;" + SPACES + "a, b" + SPACES + "!"),
    "markdown link of brackets": _in_connecticut("[" + "](" * 100_000),
    "a megabyte line": _in_connecticut("a" * 1_000_000),
    "list bullet of spaces": _capture_text().replace("- Alabama Fusion Center\n",
                                                     "- Alabama Fusion Center;" + SPACES + "x, y" + SPACES + "!\n"),
    "dated line of spaces": _capture_text().replace("Last Published Date: July 23, 2015",
                                                    "Last Published Date: x" + SPACES + "y"),
}


@pytest.mark.parametrize("case", list(SLOW_LINES))
def test_a_hostile_line_is_read_in_linear_time(tmp_path, capsys, case):
    code, err = _check_in_process(tmp_path, capsys, SLOW_LINES[case])
    assert code in (0, 1), err
    assert "internal error" not in err and "Traceback" not in err


def test_an_over_long_line_is_kept_verbatim_with_a_finding():
    long_line = "Call " + "x" * 5_000
    x = extract_capture(_in_connecticut(long_line).encode("utf-8"), "capture.txt", "")
    block = next(b for b in x.blocks if b.heading == "Connecticut Intelligence Center")
    kept = [f for f in block.fields if f.text == long_line]
    assert len(kept) == 1 and kept[0].ref.line == 242 and kept[0].raw == long_line
    assert len(x.blocks) == 78
    findings = run_checks(normalize([x]), date(2016, 1, 1))
    too_long = [f for f in findings if f.code == "LINE_TOO_LONG"]
    assert [(f.center_id, f.line, f.severity) for f in too_long] == [
        ("connecticut-intelligence-center", 242, "warning")]


def test_a_file_of_empty_comments_is_sniffed_in_linear_time():
    """The form is told from the first bytes; a file that begins with many empty
    HTML comments took exponential time (25 of them, 7 s)."""
    with no_hang(30):
        assert sniff_form(b"<!---->" * 5_000 + b"\nAlpha Center\n") == "text"
