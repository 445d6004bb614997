"""Synthetic raw folders of N fusion centers, for the benchmark.

Run: .venv/bin/python bench/generate.py [--sizes 1000 10000] [--forms text html pdf]

Each folder under bench/data/ is a raw folder the pipeline reads as it is (no
manifest), holding one listing in one form:

- text-<N>/capture.txt: the capture's format. A list page (bullets under
  "Primary Fusion Centers" and "Recognized Fusion Centers", "Last Published
  Date: …", the address line "<http…>") and a contact listing page, one block
  per center in alphabetical order, ending with its own address line.
- html-<N>/list.html and listing.html: the same content as the DHS list page
  (<h2>/<ul>/<li>) and a listing of <p>/<br>/<strong> blocks like the NFCA page.
- pdf-<N>/listing.pdf and list.txt: the listing set in two columns by
  reportlab (a running header, a footer with the address and "Page N of M"),
  beside the list page as text so that blocks have entries to match. Only up
  to PDF_MAX_CENTERS centers: above that, writing and reading the PDF take
  longer than a benchmark run should.

The capture's irregularities come at the capture's rates (per 78 blocks: one
heading broken after ";", one markdown-link heading, one ":" for ";", one
acronym in place of "; City, ST", one ZIP, one block without phone, one
without email) and its spacing (blank lines between all fields, none, or only
after the heading). Names are unique ("<State> <Word> <Word> Center <n>", a
city first for recognized centers); phone numbers are valid NANP numbers of
the center's state (checked with phonenumbers) and, like emails and websites,
never repeat. Everything is drawn from a generator seeded by N, so a folder is
byte-identical on every run; a folder already written by this same
generator is kept.
"""
from __future__ import annotations

import argparse
import hashlib
import html
import json
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
from phonenumbers import geocoder

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: the pipeline is the folder above
from pipeline.reference import place_state  # noqa: E402

DATA = HERE / "data"
SIZES = (1_000, 10_000, 100_000)
FORMS = ("text", "html", "pdf")
PDF_MAX_CENTERS = 10_000
# The HTML reader refuses a page over 5 MB (pipeline.extract.html.MAX_HTML_BYTES);
# 10,000 centers make a listing page of about 3 MB.
HTML_MAX_CENTERS = 10_000
MAX_CENTERS = {"pdf": PDF_MAX_CENTERS, "html": HTML_MAX_CENTERS}
SEED = 20151

LIST_URL = "http://www.dhs.gov/fusion-center-locations-and-contact-information"
LISTING_URL = "https://nfcausa.org/default.aspx/MenuItemID/117/MenuGroup/Public+Home.htm"
LIST_TITLE = "Fusion Center Locations and Contact Information"
LISTING_TITLE = "Fusion Center Contact Information"
PUBLISHED = "July 23, 2015"

# USPS code: (name, capital, another large city). Cities that are a center's
# location and, for recognized centers, the "; City, ST" of the list.
PLACES: dict[str, tuple[str, str, str]] = {
    "AL": ("Alabama", "Montgomery", "Birmingham"), "AK": ("Alaska", "Juneau", "Anchorage"),
    "AZ": ("Arizona", "Phoenix", "Tucson"), "AR": ("Arkansas", "Little Rock", "Fayetteville"),
    "CA": ("California", "Sacramento", "Los Angeles"), "CO": ("Colorado", "Denver", "Lakewood"),
    "CT": ("Connecticut", "Hartford", "New Haven"), "DE": ("Delaware", "Dover", "Wilmington"),
    "DC": ("District of Columbia", "Washington", "Washington"),
    "FL": ("Florida", "Tallahassee", "Miami"), "GA": ("Georgia", "Atlanta", "Savannah"),
    "HI": ("Hawaii", "Honolulu", "Hilo"), "ID": ("Idaho", "Boise", "Meridian"),
    "IL": ("Illinois", "Springfield", "Chicago"), "IN": ("Indiana", "Indianapolis", "Fort Wayne"),
    "IA": ("Iowa", "Des Moines", "Cedar Rapids"), "KS": ("Kansas", "Topeka", "Wichita"),
    "KY": ("Kentucky", "Frankfort", "Louisville"), "LA": ("Louisiana", "Baton Rouge", "New Orleans"),
    "ME": ("Maine", "Augusta", "Portland"), "MD": ("Maryland", "Annapolis", "Baltimore"),
    "MA": ("Massachusetts", "Boston", "Worcester"), "MI": ("Michigan", "Lansing", "Detroit"),
    "MN": ("Minnesota", "St. Paul", "Minneapolis"), "MS": ("Mississippi", "Jackson", "Pearl"),
    "MO": ("Missouri", "Jefferson City", "St. Louis"), "MT": ("Montana", "Helena", "Billings"),
    "NE": ("Nebraska", "Lincoln", "Omaha"), "NV": ("Nevada", "Carson City", "Las Vegas"),
    "NH": ("New Hampshire", "Concord", "Manchester"), "NJ": ("New Jersey", "Trenton", "Newark"),
    "NM": ("New Mexico", "Santa Fe", "Albuquerque"), "NY": ("New York", "Albany", "Buffalo"),
    "NC": ("North Carolina", "Raleigh", "Charlotte"), "ND": ("North Dakota", "Bismarck", "Fargo"),
    "OH": ("Ohio", "Columbus", "Cleveland"), "OK": ("Oklahoma", "Oklahoma City", "Tulsa"),
    "OR": ("Oregon", "Salem", "Portland"), "PA": ("Pennsylvania", "Harrisburg", "Pittsburgh"),
    "RI": ("Rhode Island", "Providence", "Warwick"), "SC": ("South Carolina", "Columbia", "Charleston"),
    "SD": ("South Dakota", "Pierre", "Sioux Falls"), "TN": ("Tennessee", "Nashville", "Memphis"),
    "TX": ("Texas", "Austin", "Houston"), "UT": ("Utah", "Salt Lake City", "Sandy"),
    "VT": ("Vermont", "Montpelier", "Williston"), "VA": ("Virginia", "Richmond", "Fairfax"),
    "WA": ("Washington", "Olympia", "Seattle"), "WV": ("West Virginia", "Charleston", "Huntington"),
    "WI": ("Wisconsin", "Madison", "Milwaukee"), "WY": ("Wyoming", "Cheyenne", "Casper"),
    "PR": ("Puerto Rico", "San Juan", "Hato Rey"), "GU": ("Guam", "Hagatna", "Agana Heights"),
    "VI": ("Virgin Islands", "Charlotte Amalie", "St. Thomas"),
}
WORDS = ("Regional", "Intelligence", "Information", "Analysis", "Threat", "Fusion", "Operations",
         "Coordination", "Assessment", "Sharing", "Crime", "Tactical", "Statewide", "Security",
         "Joint", "Homeland", "Strategic", "Watch", "Exchange", "Response")
TOLL_FREE_CODES = (800, 833, 844, 855, 866, 877, 888)
_TERRITORY_REGIONS = {"PR", "GU", "VI"}

# Rates per block, from the capture's 78 blocks (53 primary, 25 recognized).
PRIMARY_SHARE = 53 / 78
ONE_IN_78 = 1 / 78
FAX_RATE = 11 / 78
TOLL_FREE_RATE = 17 / 78
ALTERNATE_RATE = 3 / 78
WEBSITE_RATE = 48 / 78
# Blank lines: between every line, none, only after the heading, or every
# line but email and website, as runs of blocks in the capture show.
SPACINGS = (("spaced", 0.55), ("compact", 0.25), ("after_heading", 0.12), ("tail_together", 0.08))
LIST_BREAK_RATE = 2 / 53  # a blank line inside the primary bullets


@dataclass(frozen=True)
class Center:
    """One synthetic center, as the list and the listing write it."""

    list_text: str  # the bullet, without "- "
    primary: bool
    heading: tuple[str, ...]  # one line, or two for a heading broken after ";"
    heading_link: bool  # the heading is a markdown link "[…](#)"
    location: str
    phones: tuple[tuple[str, str], ...]  # (label, "(NPA) NXX-XXXX")
    email: str
    website: str
    spacing: str

    @property
    def sort_key(self) -> str:
        return " ".join(self.heading).lower()


# ---- phone numbers -------------------------------------------------------------

def _number_place(number: phonenumbers.PhoneNumber) -> str:
    """USPS code of a geographic NANP number's place, as the pipeline reads it."""
    region = phonenumbers.region_code_for_number(number) or ""
    if region in _TERRITORY_REGIONS:
        return region
    return place_state(geocoder.description_for_number(number, "en"))


def area_codes_by_state() -> dict[str, list[int]]:
    """Geographic area codes of every place, found by asking phonenumbers."""
    found: dict[str, list[int]] = {code: [] for code in PLACES}
    for npa in range(201, 990):
        if npa in TOLL_FREE_CODES:
            continue
        for exchange in range(200, 1000, 7):
            number = phonenumbers.parse(f"+1{npa}{exchange}5678")
            if phonenumbers.is_valid_number(number):
                place = _number_place(number)
                if place in found:
                    found[place].append(npa)
                break
    missing = [code for code, codes in found.items() if not codes]
    if missing:
        raise SystemExit(f"phonenumbers gives no area code for {', '.join(missing)}")
    return found


class PhoneBook:
    """Draws unique, valid numbers; an exchange's validity is asked once."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.area_codes = area_codes_by_state()
        self.used: set[str] = set()
        self._exchange_ok: dict[tuple[int, int, str], bool] = {}

    def _exchange_fits(self, npa: int, nxx: int, state: str) -> bool:
        key = (npa, nxx, state)
        if key not in self._exchange_ok:
            number = phonenumbers.parse(f"+1{npa}{nxx}4321")
            ok = phonenumbers.is_valid_number(number)
            if ok and state:
                ok = _number_place(number) == state
            elif ok:
                ok = phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.TOLL_FREE
            self._exchange_ok[key] = ok
        return self._exchange_ok[key]

    def draw(self, state: str, area_code: int | None = None) -> str:
        """A number of the state's area codes (of `area_code` when given), or
        a toll-free one for state ""."""
        codes = [area_code] if area_code else self.area_codes[state] if state else TOLL_FREE_CODES
        while True:
            npa = self.rng.choice(codes)
            nxx = self.rng.randrange(200, 1000)
            if nxx % 100 == 11 or nxx == 555 or not self._exchange_fits(npa, nxx, state):
                continue
            text = f"({npa}) {nxx}-{self.rng.randrange(10_000):04d}"
            if text not in self.used:
                self.used.add(text)
                return text


# ---- centers -------------------------------------------------------------------

def _spacing(rng: random.Random) -> str:
    return rng.choices([s for s, _ in SPACINGS], weights=[w for _, w in SPACINGS])[0]


def _initials(words: Iterable[str]) -> str:
    return "".join(w[0] for w in words if w[0].isalpha()).lower()


def make_center(n: int, rng: random.Random, phones: PhoneBook) -> Center:
    state = rng.choice(list(PLACES))
    state_name, capital, big_city = PLACES[state]
    city = rng.choice((capital, big_city))
    primary = rng.random() < PRIMARY_SHARE
    words = rng.sample(WORDS, 2)
    name = f"{state_name if primary else city} {words[0]} {words[1]} Center {n}"
    list_text = name if primary else f"{name}; {city}, {state}"
    heading: tuple[str, ...] = (list_text,)
    link = False
    odd = rng.random()
    if odd < ONE_IN_78:
        link = True
    elif not primary and odd < 2 * ONE_IN_78:
        heading = (f"{name};", f"{city}, {state}")
    elif not primary and odd < 3 * ONE_IN_78:
        heading = (f"{name}: {city}, {state}",)
    elif not primary and odd < 4 * ONE_IN_78:
        heading = (f"{name} ({_initials(name.split()).upper()}{n})",)
    location = f"{city}, {state_name}"
    if rng.random() < ONE_IN_78:
        location += f" {rng.randrange(501, 99_950):05d}-{rng.randrange(10_000):04d}"
    numbers: list[tuple[str, str]] = []
    if rng.random() >= ONE_IN_78:  # one block in 78 gives no phone at all
        phone = phones.draw(state)
        numbers.append(("Phone", phone))
        own_area = int(phone[1:4])  # a center's fax and second line share its area code
        if rng.random() < FAX_RATE:
            numbers.append(("Fax", phones.draw(state, own_area)))
        if rng.random() < ALTERNATE_RATE:
            numbers.append(("Alternate Phone", phones.draw(state, own_area)))
        if rng.random() < TOLL_FREE_RATE:
            numbers.append(("Toll-Free", phones.draw("")))
    tag = f"{_initials(name.split())}{n}"
    domain = f"{tag}.{state.lower()}.gov" if rng.random() < 0.5 else f"{tag}.org"
    email = "" if rng.random() < ONE_IN_78 else f"{rng.choice(('info', 'fusion', 'intel', tag))}@{domain}"
    website = f"www.{domain}" if rng.random() < WEBSITE_RATE else ""
    return Center(list_text, primary, heading, link, location, tuple(numbers), email, website, _spacing(rng))


def make_centers(count: int) -> list[Center]:
    rng = random.Random(SEED * 1_000_003 + count)
    phones = PhoneBook(rng)
    return [make_center(n, rng, phones) for n in range(1, count + 1)]


# ---- text capture --------------------------------------------------------------

def heading_texts(c: Center) -> tuple[str, ...]:
    return (f"[{c.heading[0]}](#)",) if c.heading_link else c.heading


def field_lines(c: Center) -> list[str]:
    lines = [f"{label}: {number}" for label, number in c.phones]
    return lines + [t for t in (c.email, c.website) if t]


def block_lines(c: Center) -> list[str]:
    """The block's lines with the blank lines of its spacing, and one after."""
    head = list(heading_texts(c))
    body = [c.location, *field_lines(c)]
    if c.spacing == "compact":
        return head + body + [""]
    if c.spacing == "after_heading":
        return head + [""] + body + [""]
    together = 2 if c.spacing == "tail_together" and c.email and c.website else 0
    apart = head + body[:len(body) - together]
    return [x for line in apart for x in (line, "")] + (body[len(body) - together:] + [""] if together else [])


def list_page_lines(centers: list[Center], rng: random.Random) -> list[str]:
    primary = sorted((c.list_text for c in centers if c.primary), key=str.lower)
    recognized = sorted((c.list_text for c in centers if not c.primary), key=str.lower)
    lines = ["", LIST_TITLE, "",
             "State and major urban area fusion centers (fusion centers) are owned and operated by state "
             "and local entities, and are designated by the governor of their state.", "",
             "Primary Fusion Centers", ""]
    for text in primary:
        lines.append(f"- {text}")
        if rng.random() < LIST_BREAK_RATE:
            lines.append("")
    lines += ["", "Recognized Fusion Centers", "",
              "Any designated fusion center not designated as a primary fusion center is referred to as "
              "a recognized fusion center.", ""]
    lines += [f"- {text}" for text in recognized]
    lines += ["", f"Last Published Date: {PUBLISHED}", "", "Was this page helpful?", "", f"<{LIST_URL}>", ""]
    return lines


def listing_lines(centers: list[Center]) -> list[str]:
    lines: list[str] = []
    for c in sorted(centers, key=lambda c: c.sort_key):
        lines.extend(block_lines(c))
    return lines + [f"<{LISTING_URL}>", ""]


def _list_rng(count: int) -> random.Random:
    return random.Random(SEED * 7 + count)


def text_capture(centers: list[Center], count: int) -> bytes:
    lines = list_page_lines(centers, _list_rng(count)) + listing_lines(centers)
    return "\n".join(lines).encode("utf-8")


# ---- HTML ----------------------------------------------------------------------

def _html_page(title: str, url: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
            f'<link rel="canonical" href="{url}" />\n<meta property="og:url" content="{url}" />\n'
            f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<div id=\"content\">\n"
            f"<h1>{html.escape(title)}</h1>\n{body}</div>\n</body>\n</html>\n")


def list_html(centers: list[Center], count: int) -> bytes:
    rng = _list_rng(count)
    primary = sorted((c.list_text for c in centers if c.primary), key=str.lower)
    recognized = sorted((c.list_text for c in centers if not c.primary), key=str.lower)
    parts = ["<p>State and major urban area fusion centers (fusion centers) are owned and operated by state "
             "and local entities, and are designated by the governor of their state.</p>\n",
             "<h2>Primary Fusion Centers</h2>\n<ul>\n"]
    for text in primary:
        parts.append(f"<li>{html.escape(text)}</li>\n")
        if rng.random() < LIST_BREAK_RATE:
            parts.append("</ul>\n<ul>\n")
    parts.append("</ul>\n<h2>Recognized Fusion Centers</h2>\n<p>Any designated fusion center not designated "
                 "as a primary fusion center is referred to as a recognized fusion center.</p>\n<ul>\n")
    parts += [f"<li>{html.escape(text)}</li>\n" for text in recognized]
    parts.append(f'</ul>\n<div class="last-updated">Last Published Date: {PUBLISHED}</div>\n')
    return _html_page(LIST_TITLE, LIST_URL, "".join(parts)).encode("utf-8")


def _html_field_lines(c: Center) -> list[str]:
    lines = [f"<strong>{label}:</strong>&nbsp;{number}" for label, number in c.phones]
    if c.email:
        lines.append(f'<a href="mailto:{c.email}">{c.email}</a>')
    if c.website:
        lines.append(f'<a href="http://{c.website}" target="_blank">{c.website}</a>')
    return lines


def _html_heading(c: Center) -> str:
    text = "<br />\n".join(html.escape(t) for t in c.heading)
    return f'<a href="#">{text}</a>' if c.heading_link else text


def block_html(c: Center) -> str:
    """A <p> of <br />-separated lines, or (for "compact" blocks, a quarter)
    a <div> of one <p> per line: the NFCA page mixes both."""
    rows = [c.location, *_html_field_lines(c)]
    if c.spacing == "compact":
        inner = "".join(f"<p>{r}</p>\n" for r in rows)
        return f'<div class="fcEntry">\n<p class="fcName"><strong>{_html_heading(c)}</strong></p>\n{inner}</div>\n'
    return f'<p class="fcEntry"><strong>{_html_heading(c)}</strong><br />\n' + "<br />\n".join(rows) + "</p>\n"


def listing_html(centers: list[Center]) -> bytes:
    body = "".join(block_html(c) for c in sorted(centers, key=lambda c: c.sort_key))
    return _html_page(LISTING_TITLE, LISTING_URL, body).encode("utf-8")


# ---- PDF -----------------------------------------------------------------------

def listing_pdf(centers: list[Center], path: Path) -> int:
    """Two columns per page, flowing column by column; a block may run across
    a column or page break. Long lines wrap at a space with a hanging indent;
    headings are bold. Returns the number of pages."""
    from reportlab.lib.pagesizes import LETTER
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    width, height = LETTER
    margin, gutter, top, bottom = 54.0, 24.0, 90.0, 72.0
    size, leading, gap, indent = 9.0, 11.0, 5.0, 12.0
    column_width = (width - 2 * margin - gutter) / 2
    top_baseline = height - top - size

    def wrap(text: str, font: str) -> list[str]:
        pieces, current = [], ""
        for word in text.split(" "):
            room = column_width - (indent if pieces else 0.0)
            candidate = f"{current} {word}" if current else word
            if current and stringWidth(candidate, font, size) > room:
                pieces.append(current)
                current = word
            else:
                current = candidate
        return pieces + [current]

    pages: list[list[tuple[float, float, str, bool]]] = [[]]
    column, y = 0, top_baseline
    for c in sorted(centers, key=lambda c: c.sort_key):
        lines = [(t, True) for t in c.heading] + [(t, False) for t in (c.location, *field_lines(c))]
        for n, (text, bold) in enumerate(lines):
            pieces = wrap(text, "Helvetica-Bold" if bold else "Helvetica")
            space = gap if n == 0 and y != top_baseline else 0.0
            if y - space - leading * (len(pieces) - 1) < bottom:
                column, y, space = column + 1, top_baseline, 0.0
                if column == 2:
                    pages.append([])
                    column = 0
            y -= space
            x = margin + column * (column_width + gutter)
            for i, piece in enumerate(pieces):
                pages[-1].append((x + (indent if i else 0.0), y, piece, bold))
                y -= leading
    canvas = Canvas(str(path), pagesize=LETTER, invariant=1, pageCompression=1)
    canvas.setTitle(LISTING_TITLE)
    canvas.setCreator("bench/generate.py")
    for number, placed in enumerate(pages, start=1):
        canvas.setFont("Helvetica-Bold", 11.0)
        canvas.drawString(margin, height - 50, LISTING_TITLE)
        canvas.setLineWidth(0.5)
        canvas.line(margin, height - 58, width - margin, height - 58)
        for x, y, text, bold in placed:
            canvas.setFont("Helvetica-Bold" if bold else "Helvetica", size)
            canvas.drawString(x, y, text)
        canvas.line(margin, 50, width - margin, 50)
        canvas.setFont("Helvetica", 8.0)
        canvas.drawString(margin, 36, LISTING_URL)
        canvas.drawRightString(width - margin, 36, f"Page {number} of {len(pages)}")
        canvas.showPage()
    canvas.save()
    return len(pages)


# ---- folders -------------------------------------------------------------------

def folder(form: str, count: int) -> Path:
    return DATA / f"{form}-{count}"


def _stamp(form: str, count: int) -> dict:
    # The generator's own text is in the stamp: any change to it rewrites the folders.
    generator = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return {"form": form, "centers": count, "seed": SEED, "generator_sha256": generator}


def is_current(form: str, count: int) -> bool:
    stamp = folder(form, count) / ".stamp.json"
    return stamp.exists() and json.loads(stamp.read_text()) == _stamp(form, count)


def write_folder(form: str, count: int, centers: list[Center]) -> str:
    """Write one raw folder; a line saying what it holds."""
    target = folder(form, count)
    target.mkdir(parents=True, exist_ok=True)
    for old in target.iterdir():
        old.unlink()
    if form == "text":
        (target / "capture.txt").write_bytes(text_capture(centers, count))
        what = "capture.txt (list page + contact listing)"
    elif form == "html":
        (target / "list.html").write_bytes(list_html(centers, count))
        (target / "listing.html").write_bytes(listing_html(centers))
        what = "list.html + listing.html"
    else:
        (target / "list.txt").write_bytes("\n".join(list_page_lines(centers, _list_rng(count))).encode("utf-8"))
        pages = listing_pdf(centers, target / "listing.pdf")
        what = f"listing.pdf ({pages} pages, 2 columns) + list.txt"
    (target / ".stamp.json").write_text(json.dumps(_stamp(form, count), sort_keys=True) + "\n")
    size = sum(p.stat().st_size for p in target.iterdir() if not p.name.startswith("."))
    return f"{target.relative_to(HERE.parent)}: {what}, {size / 1e6:.1f} MB"


def generate(sizes: Iterable[int], forms: Iterable[str], force: bool = False) -> list[str]:
    """Write every folder asked for that is missing or stale; lines to print."""
    report = []
    for count in sizes:
        todo = []
        for form in forms:
            if count > MAX_CENTERS.get(form, count):
                report.append(f"{form}-{count}: not generated ({form} only up to {MAX_CENTERS[form]:,} centers)")
            elif force or not is_current(form, count):
                todo.append(form)
            else:
                report.append(f"{folder(form, count).relative_to(HERE.parent)}: up to date")
        if todo:
            centers = make_centers(count)
            report += [write_folder(form, count, centers) for form in todo]
    return report


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="numbers of centers")
    p.add_argument("--forms", nargs="+", choices=FORMS, default=list(FORMS))
    p.add_argument("--force", action="store_true", help="rewrite folders that are up to date")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for line in generate(args.sizes, args.forms, args.force):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
