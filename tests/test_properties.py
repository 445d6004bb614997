"""Property tests: random and mutated input never raises anything but the
project's own error, and normalizing a normalized value changes nothing."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from pipeline.errors import PipelineError
from pipeline.fields import FIELDS
from pipeline.extract import extract_document
from pipeline.extract.capture import extract_capture
from pipeline.normalize.email import normalize_email
from pipeline.normalize.normalizers import NORMALIZERS, normalize_value
from pipeline.normalize.phone import normalize_phone
from pipeline.text import parse_place
from pipeline.normalize.website import normalize_website

CAPTURE = (Path(__file__).resolve().parent.parent / "raw" / "dhs_fusion_centers_capture.txt").read_bytes()
LISTING = CAPTURE.split(b"\n")[103:777]
# How many examples each test draws comes from the Hypothesis profile (tests/conftest.py): `make test`
# runs "suite" (150 where an example is cheap), `pytest --hypothesis-profile=thorough` ten times as many.
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
# The whole capture read per example (about 0.03 s of CPU) or the whole HTML listing (about 0.05 s):
# a third and a sixth as many, so the suite keeps its 60-second budget on two cores (50 and 25 in
# "suite"); each run still draws new ones, and Hypothesis replays any failure it has seen first.
WHOLE_CAPTURE = settings(SETTINGS, max_examples=max(1, SETTINGS.max_examples // 3))
WHOLE_PAGE = settings(SETTINGS, max_examples=max(1, SETTINGS.max_examples // 6))


def _extract_or_own_error(data: bytes) -> None:
    try:
        extract_document(data, "fuzz.txt", "")
    except PipelineError as exc:
        assert "fuzz.txt" in str(exc)


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes(data):
    _extract_or_own_error(data)


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000))
def test_any_text(text):
    _extract_or_own_error(text.encode("utf-8"))


@SETTINGS
@given(st.lists(st.sampled_from(LISTING + [b"", b"Phone:", b"Fax: x", b"; ,", b"<http://x>", b"[a](#)"]),
                max_size=120), st.randoms(use_true_random=False))
def test_shuffled_capture_lines(lines, rnd):
    rnd.shuffle(lines)
    _extract_or_own_error(b"\n".join(lines))


@WHOLE_CAPTURE
@given(st.integers(0, len(CAPTURE) - 1), st.integers(1, 400), st.binary(max_size=50))
def test_mutated_capture(start, length, junk):
    _extract_or_own_error(CAPTURE[:start] + junk + CAPTURE[start + length:])


@SETTINGS
@given(st.text(max_size=60))
def test_normalizers_never_raise_and_are_idempotent(text):
    for normalize in NORMALIZERS.values():
        v = normalize(text)
        assert v.value or v.issue or text == ""  # a value, or why there is none (no ZIP code is a value)
        if v.value:
            again = normalize(v.value)
            assert again.value == v.value
    place = parse_place(text)
    if place is not None:
        rebuilt = f"{place.city}, {place.state}" + (f" {place.zip}" if place.zip else "")
        assert parse_place(rebuilt)[:3] == place[:3]


@SETTINGS
@given(st.from_regex(r"\(?[2-9][0-9]{2}\)?[ .-]?[2-9][0-9]{2}[ .-]?[0-9]{4}", fullmatch=True))
def test_phone_shapes(text):
    v = normalize_phone(text)
    if v.value:
        assert v.value.startswith("+1") and len(v.value) == 12
        assert normalize_phone(v.value).value == v.value


@SETTINGS
@given(st.integers(1, len(CAPTURE)))
def test_a_truncated_capture_keeps_every_value_on_its_own_line(cut):
    """Cut anywhere: either the project's own error naming the file, or
    records whose every value stands, verbatim, on the line it names."""
    data = CAPTURE[:cut]
    try:
        x = extract_capture(data, "cut.txt", "")
    except PipelineError as exc:
        assert "cut.txt" in str(exc)
        return
    lines = data.decode("utf-8", errors="replace").split("\n")
    for block in x.blocks:
        for f in ((block.location,) if block.location else ()) + block.fields:
            assert f.text in lines[f.ref.line - 1], (f, lines[f.ref.line - 1])
    for e in x.list_entries:
        assert e.text in lines[e.ref.line - 1]


_TAGS = st.sampled_from(["p", "div", "br", "li", "ul", "td", "tr", "table", "strong", "a", "h2", "main", "nav",
                         "script", "span", "form", "footer"])
_HTML_TEXT = st.sampled_from(["Primary Fusion Centers", "Recognized Fusion Centers", "Phone: (334) 517-2660",
                              "Fax:", "Alpha Center", "Town, Ohio", "a@b.gov", "www.x.gov", "Last Updated: 01/17/2025",
                              "&amp;", "&#0;", "<!--", "]]>", "\u00e9", ""])


@st.composite
def html_pages(draw):
    parts = ["<!DOCTYPE html><html><body>"]
    for _ in range(draw(st.integers(0, 60))):
        tag, text = draw(_TAGS), draw(_HTML_TEXT)
        parts.append(draw(st.sampled_from([f"<{tag}>", f"</{tag}>", f"<{tag}>{text}</{tag}>", text, "\n"])))
    return "".join(parts).encode("utf-8")


@SETTINGS
@given(html_pages())
def test_html_pages_from_random_markup(data):
    from pipeline.extract.html import extract_html
    try:
        extract_html(data, "fuzz.html", "")
    except PipelineError as exc:
        assert "fuzz.html" in str(exc)


@WHOLE_PAGE
@given(st.integers(0, 40000), st.integers(1, 400), st.binary(max_size=40))
def test_mutated_html_listing(start, length, junk):
    from pipeline.extract.html import extract_html
    page = (Path(__file__).resolve().parent / "fixtures" / "html" / "nfcausa_contact_listing.html").read_bytes()
    start %= len(page)
    try:
        extract_html(page[:start] + junk + page[start + length:], "fuzz.html", "")
    except PipelineError as exc:
        assert "fuzz.html" in str(exc)


def test_normalizing_the_published_records_again_changes_nothing():
    """Every cleaned value of the real dataset, normalized once more, comes back the same."""
    from pipeline.build import run
    b = run(Path(__file__).resolve().parent.parent / "raw")
    for c in b.dataset.centers:
        for field in FIELDS.by_name:
            v = c.value(field)
            if v is not None and v.value:
                again = normalize_value(field, v.value, None, "")
                assert (again.value, again.phone_type, again.area_code_place) == \
                    (v.value, v.phone_type, v.area_code_place), (c.id, field)
        if c.location is not None and c.location.value:
            place = parse_place(c.location.value)
            assert (place.city, place.state, place.zip) == (c.city, c.state, c.zip), c.id
