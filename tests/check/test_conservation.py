"""Conservation: every phone, email and web address a document shows ends
published on exactly one center or named in a finding at its file, page and
line, whatever the reader made of the document.

Each test reads a real document, mutates what the reader works on (the
capture's text; the lines of a PDF's and an HTML page's document model: a
line deleted, two neighbors' lines swapped, a block's tail moved to the next
column) and holds the result against the unmutated reading, which says whose
each value line is. Nothing here is copied from the program's output on the
mutated document: the owner of a line comes from the document as published.

Cost: about 50 builds of one document and one PDF read: 20 s on one core of this machine (pytest -p no:xdist).
"""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pipeline.check import run_checks
from pipeline.dotgov import DOTGOV_FILE, read_dotgov
from pipeline.extract.capture import extract_capture
from pipeline.extract.assemble import assemble
from pipeline.extract.html import read_html as read_html_pages
from pipeline.extract.model import Page
from pipeline.extract.lines import parse_place
from pipeline.normalize.dataset import normalize
from pipeline.records import Value
from pipeline.fields import KIND_OF_FIELD
from pipeline.text import contact_key

ROOT = Path(__file__).resolve().parents[2]
CAPTURE = ROOT / "raw" / "dhs_fusion_centers_capture.txt"
REGISTRY = read_dotgov((ROOT / "raw" / DOTGOV_FILE).read_bytes(), DOTGOV_FILE)
AS_OF = date(2026, 11, 24)
SEED = 16  # the number: the same sample on every run


def check(extraction, capture_pages=None):
    """The centers and findings of one extraction (beside the capture's other pages, if given)."""
    extractions = [extraction] + ([capture_pages] if capture_pages is not None else [])
    ds = normalize(extractions, dotgov=REGISTRY)
    return ds, run_checks(ds, AS_OF)


def where(ref):
    return (ref.source, ref.page, ref.line)


def owners(ds) -> dict[tuple, str]:
    """Whose each value line is, as the unmutated document gives it: (source, page, line) to center id."""
    found = {}
    for c in ds.centers:
        if c.block is not None:
            for f in c.block.fields:
                found[where(f.ref)] = c.id
    return found


def unaccounted(ds, findings, owner_of: dict[tuple, str] | None = None) -> list[str]:
    """What breaks conservation, in words: a value shown and neither published on one center nor
    named in a finding at its line; or published, at its line, on a center that is not its owner
    with no finding there saying so."""
    published: dict[tuple, set[str]] = {}
    for c in ds.centers:
        for field, kind in KIND_OF_FIELD.items():
            v = c.published(field)
            if isinstance(v, Value) and v.value and v.ref is not None:
                published.setdefault((*where(v.ref), contact_key(kind, v.value)), set()).add(c.id)
    cited = {where(f.ref) for f in findings if f.ref is not None and f.value}
    # A record that is no known center (a block whose heading was lost) is itself an error: what it
    # publishes is published on no real center, and the error at its heading names the block.
    unknown = {f.center_id for f in findings if f.code in ("HEADING_WITHOUT_NAME", "BLOCK_WITHOUT_LIST_ENTRY")}
    problems = []
    for v in ds.shown:
        on = published.get((*where(v.ref), v.key), set())
        owner = (owner_of or {}).get(where(v.ref))
        named = where(v.ref) in cited
        if len(on) > 1:
            problems.append(f"{v.text!r} (line {v.ref.line}) published on {sorted(on)}")
        elif not on and not named:
            problems.append(f"{v.text!r} (line {v.ref.line}) lost: published nowhere, named in no finding")
        elif on and owner and on != {owner} and not named and not on <= unknown:
            problems.append(f"{v.text!r} (line {v.ref.line}) of {owner} published on {sorted(on)} unnamed")
    return problems


# ---- the capture --------------------------------------------------------------

TEXT = CAPTURE.read_text(encoding="utf-8").split("\n")


def read_capture(numbered: list[tuple[int, str]]):
    """The capture made of `numbered` lines (original line number, text); the refs of the reading
    are mapped back to the original numbers, so that owners compare."""
    x = extract_capture("\n".join(t for _, t in numbered).encode("utf-8"), CAPTURE.name, "")
    back = {i: n for i, (n, _) in enumerate(numbered, 1)}

    def ref(r):
        return replace(r, line=back.get(r.line, r.line))

    blocks = tuple(replace(b, heading_ref=ref(b.heading_ref), fields=tuple(replace(f, ref=ref(f.ref)) for f in b.fields),
                           location=replace(b.location, ref=ref(b.location.ref)) if b.location else None)
                   for b in x.blocks)
    entries = tuple(replace(e, ref=ref(e.ref)) for e in x.list_entries)
    shown = tuple(replace(v, ref=ref(v.ref)) for v in x.shown)
    return replace(x, blocks=blocks, list_entries=entries, shown=shown)


ORIGINAL = list(enumerate(TEXT, 1))
BASE_DS, BASE_FINDINGS = check(read_capture(ORIGINAL))
OWNER = owners(BASE_DS)
# The listing's blocks in order: (center id, its lines' numbers, its place line's number).
BLOCKS = [(c.id, sorted(f.ref.line for f in c.block.fields), c.block.location.ref.line)
          for c in sorted((c for c in BASE_DS.centers if c.block and c.block.location),
                          key=lambda c: c.block.heading_ref.line)]
STATE = {c.id: c.state for c in BASE_DS.centers}


def test_the_capture_as_published_accounts_for_every_value():
    assert unaccounted(BASE_DS, BASE_FINDINGS, OWNER) == []
    assert len(BASE_DS.shown) == 230  # 104 numbers, 78 email lines (one is Oregon's website), 47 sites, 1 press
    assert not [f for f in BASE_FINDINGS if f.code in ("VALUE_UNACCOUNTED", "VALUE_PUBLISHED_TWICE")]
    [press] = [f for f in BASE_FINDINGS if f.code == "VALUE_OUTSIDE_BLOCKS"]
    assert (press.value, press.line, press.severity) == ("202-282-8010", 815, "info")


def deletions(count: int) -> list[pytest.param]:
    """Lines of the listing deleted one at a time: headings, place lines and values alike."""
    lines = [n for n, t in ORIGINAL if 105 <= n <= 776 and t.strip()]
    return [pytest.param(n, id=f"delete-{n}") for n in sorted(random.Random(SEED).sample(lines, count))]


@pytest.mark.parametrize("number", deletions(8))
def test_a_deleted_line_loses_no_other_value(number):
    ds, findings = check(read_capture([(n, t) for n, t in ORIGINAL if n != number]))
    assert unaccounted(ds, findings, OWNER) == []


def test_maines_email_deleted_is_missing_and_guams_stays_on_guam():
    """The capture's Maine/Guam deletion: Maine's email line gone, Guam's block follows a block that
    ends with phones. Every value is accounted for; Guam's email is not taken for Maine's."""
    [maine] = [n for n, t in ORIGINAL if t.strip() == "intel.msp@maine.gov"]
    ds, findings = check(read_capture([(n, t) for n, t in ORIGINAL if n != maine]))
    assert unaccounted(ds, findings, OWNER) == []
    centers = {c.id: c for c in ds.centers}
    assert centers["maine-information-and-analysis-center"].published("email") is None
    assert centers["mariana-regional-fusion-center-guam"].published("email").value == "info@mlrin.org"


def neighbors_in_other_states() -> list[tuple[str, str]]:
    return [(a[0], b[0]) for a, b in zip(BLOCKS, BLOCKS[1:]) if STATE[a[0]] != STATE[b[0]]]


def _line_of(center_id: str, label: str) -> int | None:
    c = next(c for c in BASE_DS.centers if c.id == center_id)
    return next((f.ref.line for f in c.block.fields if f.label == label), None)


def _placed_in_own_state(center_id: str, label: str) -> bool:
    """Whether the center's value under `label` names the center's own state (a .gov domain of its
    state, an area code of its state): a value that says where it belongs."""
    c = next(c for c in BASE_DS.centers if c.id == center_id)
    v = c.published({"Email": "email", "Phone": "phone"}[label])
    return v is not None and v.signal is not None and v.signal.state == c.state


def swaps(count: int) -> list[pytest.param]:
    """Two neighbors in different states whose values each say where they belong, swapped. (Two
    .org addresses swapped cannot be told apart by their place: the issue leaves them, and so do we.)"""
    pairs = [(a, b, label) for a, b in neighbors_in_other_states() for label in ("Email", "Phone")
             if _line_of(a, label) and _line_of(b, label)
             and _placed_in_own_state(a, label) and _placed_in_own_state(b, label)]
    return [pytest.param(*p, id=f"swap-{p[2].lower()}-{p[0][:18]}") for p in random.Random(SEED).sample(pairs, count)]


@pytest.mark.parametrize("first, second, label", swaps(6))
def test_two_neighbors_lines_swapped_are_each_named(first, second, label):
    i, j = _line_of(first, label), _line_of(second, label)
    numbered = [(n, t) for n, t in ORIGINAL]
    numbered[i - 1], numbered[j - 1] = numbered[j - 1], numbered[i - 1]
    ds, findings = check(read_capture(numbered))
    assert unaccounted(ds, findings, OWNER) == []


def tails(count: int) -> list[pytest.param]:
    """A block's last one or two value lines moved to the top of the next block (after its place line)."""
    cases = []
    for (a, lines_a, _), (b, _, place_b) in zip(BLOCKS, BLOCKS[1:]):
        for size in (1, 2):
            if len(lines_a) > size:
                cases.append((a, b, tuple(lines_a[-size:]), place_b))
    return [pytest.param(*c, id=f"tail-{len(c[2])}-{c[0][:18]}") for c in random.Random(SEED).sample(cases, count)]


@pytest.mark.parametrize("holder, receiver, tail, after", tails(8))
def test_a_blocks_tail_moved_to_the_next_block_is_accounted_for(holder, receiver, tail, after):
    moving = [(n, t) for n, t in ORIGINAL if n in tail]
    numbered = []
    for n, t in ORIGINAL:
        if n in tail:
            continue
        numbered.append((n, t))
        if n == after:
            numbered.extend(moving)
    ds, findings = check(read_capture(numbered))
    problems = unaccounted(ds, findings, OWNER)
    # A value that names no place (an .org site, a toll-free number) cannot be told from the
    # receiver's own: it is published there, which is the rule (never withheld for its place).
    placeless = {f"{t.split(': ', 1)[-1]!r} (line {n})" for n, t in moving if _names_no_place(ds, n)}
    assert [p for p in problems if not any(p.startswith(x) for x in placeless)] == []


def _names_no_place(ds, line: int) -> bool:
    for c in ds.centers:
        for field in KIND_OF_FIELD:
            v = c.published(field)
            if isinstance(v, Value) and v.ref and v.ref.line == line:
                return v.signal is None or not v.signal.state
    return False


# ---- the document model of a PDF and an HTML page --------------------------------

PDF = ROOT / "tests" / "fixtures" / "pdf" / "corpus" / "nfca_listing_2col_chromium_a4_dejavu_sans.pdf"
HTML = ROOT / "tests" / "fixtures" / "html" / "nfcausa_contact_listing.html"


def _reading(pages):
    """A reader's pages and their read lines (not furniture) in reading order: the document model mutated."""
    return pages, [line for page in pages.pages for line in page.lines if not line.furniture]


def _reassemble(model, lines):
    """The mutated lines as one page (with the furniture), read by the assembler every form shares."""
    pages, _ = model
    furniture = tuple(line for page in pages.pages for line in page.lines if line.furniture)
    page = Page(tuple(lines) + furniture, pages.pages[0].first, pages.pages[-1].last)
    return assemble(replace(pages, pages=(page,)), "")


@pytest.fixture(scope="module")
def pdf_model():
    from pipeline.extract.pdf import read_pdf
    return _reading(read_pdf(PDF.read_bytes(), PDF.name))


def read_pdf(model, lines):
    return _reassemble(model, lines)


@pytest.fixture(scope="module")
def html_model():
    return _reading(read_html_pages(HTML.read_bytes(), HTML.name))


def read_html(model, lines):
    return _reassemble(model, lines)


def _model_mutations(texts: list[str]) -> list[tuple[str, object]]:
    """(name, mutation of a list of lines) for a document model whose line texts are `texts`: a
    deleted heading, two neighbors' email lines swapped (Connecticut and Dallas), and Connecticut's
    tail (email and website) moved to the top of Dallas's block."""
    def index(text):
        return next(i for i, t in enumerate(texts) if t.strip() == text)

    def delete(lines):
        i = index("Dallas Fusion Center; Dallas, TX") if any(
            t.strip() == "Dallas Fusion Center; Dallas, TX" for t in texts) else index("Dallas Fusion Center")
        return lines[:i] + lines[i + 1:]

    def swap(lines):
        i, j = index("ctic@ct.gov"), index("dallas.fusion@dpd.ci.dallas.tx.us")
        out = list(lines)
        out[i], out[j] = out[j], out[i]
        return out

    def tail(lines):
        moving = [index("ctic@ct.gov"), index("www.ct.gov/demhs")]
        after = index("Dallas, Texas")
        out = []
        for i, line in enumerate(lines):
            if i in moving:
                continue
            out.append(line)
            if i == after:
                out.extend(lines[k] for k in moving)
        return out

    return [("delete-heading", delete), ("swap-emails", swap), ("tail-to-next-block", tail)]


MUTATIONS = ["delete-heading", "swap-emails", "tail-to-next-block"]
CT, DALLAS = "connecticut-intelligence-center", "dallas-fusion-center"


def _expect_moves_named(name, ds, findings):
    centers = {c.id: c for c in ds.centers}
    if name in ("swap-emails", "tail-to-next-block"):
        emails = {cid: (centers[cid].published("email").value if centers[cid].published("email") else "")
                  for cid in (CT, DALLAS)}
        # neither center publishes the other's email; each moved value is a named error on both
        assert emails[CT] in ("", "ctic@ct.gov") and emails[DALLAS] in ("", "dallas.fusion@dpd.ci.dallas.tx.us")
        moved = {f.value for f in findings if f.code == "VALUE_FITS_NEIGHBOR" and f.center_id in (CT, DALLAS)}
        assert "ctic@ct.gov" in moved


@pytest.mark.parametrize("name", MUTATIONS)
def test_a_mutated_pdf_accounts_for_every_value(pdf_model, name):
    lines = pdf_model[1]
    base_ds, _ = check(read_pdf(pdf_model, lines))
    mutate = dict(_model_mutations([line.text for line in lines]))[name]
    ds, findings = check(read_pdf(pdf_model, mutate(list(lines))))
    assert unaccounted(ds, findings, owners(base_ds)) == []
    _expect_moves_named(name, ds, findings)


@pytest.mark.parametrize("name", MUTATIONS)
def test_a_mutated_html_page_accounts_for_every_value(html_model, name):
    lines = html_model[1]
    base_ds, _ = check(read_html(html_model, lines))
    mutate = dict(_model_mutations([line.text for line in lines]))[name]
    ds, findings = check(read_html(html_model, mutate(list(lines))))
    assert unaccounted(ds, findings, owners(base_ds)) == []
    _expect_moves_named(name, ds, findings)


def test_parse_place_reads_the_place_lines_the_mutations_look_for():
    assert parse_place("Dallas, Texas") is not None


# The three splits, in the document model of a two-column PDF print and of the HTML page:
# (the owner's tail, the receiver's place line after which it lands, owner, receiver).
SPLITS = {
    "connecticut-to-dallas": (["ctic@ct.gov", "www.ct.gov/demhs"], "Dallas, Texas", CT, DALLAS),
    "new-mexico-to-new-york": (["Phone: (505) 476-9600", "intelligence.fusion@state.nm.us"],
                               "East Greenbush, New York", "new-mexico-all-source-intelligence-center",
                               "new-york-state-intelligence-center"),
    "west-virginia-to-wisconsin": (["wvfusion@wv.gov", "www.fusioncenter.wv.gov"], "Madison, Wisconsin",
                                   "west-virginia-intelligence-fusion-center", "wisconsin-statewide-information-center"),
}


def _split(lines, texts, tail, after):
    moving = [next(i for i, t in enumerate(texts) if t.strip() == v) for v in tail]
    place = next(i for i, t in enumerate(texts) if t.strip() == after)
    out = []
    for i, line in enumerate(lines):
        if i in moving:
            continue
        out.append(line)
        if i == place:
            out.extend(lines[k] for k in moving)
    return out


def _published(c, field):
    v = c.published(field)
    return v.value if v is not None else ""


@pytest.mark.parametrize("form", ["pdf", "html"])
@pytest.mark.parametrize("split", sorted(SPLITS))
def test_a_split_print_gives_each_center_its_own_values(pdf_model, html_model, form, split):
    """The receiver publishes what it published before (its own); the owner's moved values are
    published nowhere; each is one VALUE_FITS_NEIGHBOR error on both centers."""
    tail, after, owner, receiver = SPLITS[split]
    model, read = (pdf_model, read_pdf) if form == "pdf" else (html_model, read_html)
    lines = list(model[1])  # the read lines of the document model (`_reading`)
    base_ds, _ = check(read(model, lines), capture_pages=LIST_PAGES)
    ds, findings = check(read(model, _split(lines, [line.text for line in lines], tail, after)),
                         capture_pages=LIST_PAGES)
    before, centers = {c.id: c for c in base_ds.centers}, {c.id: c for c in ds.centers}
    for field in ("phone", "email", "website"):
        assert _published(centers[receiver], field) == _published(before[receiver], field), field
    values = [v.split(": ", 1)[-1] for v in tail]
    fits = [f for f in findings if f.code == "VALUE_FITS_NEIGHBOR"]
    assert sorted({f.value for f in fits}) == sorted(values)
    assert all(sorted(f.center_id for f in fits if f.value == v) == sorted([owner, receiver]) for v in values)
    shown = {_published(c, f) for c in centers.values() for f in ("phone", "email", "website")}
    assert not shown & {_published(before[owner], f) for f in ("phone", "email", "website")
                        if before[owner].published(f) is not None and before[owner].published(f).text in values}
    assert unaccounted(ds, findings, owners(base_ds)) == []


# The capture's list page, read beside a listing alone, so that every center has its list entry.
LIST_PAGES = replace(read_capture([(n, t) for n, t in ORIGINAL if n <= 103]), blocks=(), shown=())


@pytest.mark.parametrize("seed", range(20))
def test_the_block_holding_a_shown_value_is_the_first_whose_span_holds_it(seed):
    """The conservation rule finds the block that holds a value's line in one sweep
    (`_holding_centers`); on random spans, overlapping and nested ones among them, it
    agrees with the plain reading: the first span, in order, whose first and last
    places hold the line."""
    from pipeline.check.rules import _holding_centers
    from pipeline.records import ShownValue, SourceRef
    rng = random.Random(seed)
    spans = {}
    for source in ("a.txt", "b.pdf"):
        blocks = []
        for n in range(rng.randint(0, 12)):
            first = (rng.randint(0, 2), rng.randint(1, 40))
            last = max(first, (first[0] + rng.choice((0, 0, 1)), rng.randint(1, 40)))
            blocks.append((first, last, f"{source}-{n}"))
        spans[source] = blocks
    shown = [ShownValue("phone", "x", "x", SourceRef(rng.choice(("a.txt", "b.pdf", "c.html")), rng.randint(1, 40),
                                                     rng.choice((None, 1, 2, 3))), "x", True) for _ in range(60)]
    expected = []
    for v in shown:
        place = (v.ref.page or 0, v.ref.line)
        expected.append(next((c for first, last, c in spans.get(v.ref.source, ()) if first <= place <= last), None))
    assert _holding_centers(spans, shown) == expected


def _split_line(lines, text: str, at: int):
    """The lines with the one reading `text` cut in two after `at` characters, both pieces keeping its
    place (a printed line a reader read as two: a PDF's pieces of one line share its line)."""
    i = next(i for i, line in enumerate(lines) if line.text.strip() == text)
    return [*lines[:i], replace(lines[i], text=text[:at]), replace(lines[i], text=text[at:]), *lines[i + 1:]]


@pytest.mark.parametrize("text, at, field, code", [
    ("www.ct.gov/demhs", len("www.ct.gov/"), "website", "UNRECOGNIZED_LINE"),  # a path's piece read as a line
    ("ctic@ct.gov", len("ctic@"), "website", "ADDRESS_TAIL_ON_NEXT_LINE"),  # the domain read as a website
], ids=["website-path", "email-domain"])
def test_an_address_read_as_two_lines_on_one_is_named_on_its_field(html_model, text, at, field, code):
    ds, findings = check(read_html(html_model, _split_line(list(html_model[1]), text, at)))
    assert (CT, field, code) in {(f.center_id, f.field, f.code) for f in findings}
