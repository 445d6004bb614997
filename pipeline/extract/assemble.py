"""The one assembler: pages of marked lines (`model.Pages`) to raw records.

Every reader gives pages of lines; this module alone reads them as documents
(split at address lines, as a capture ends each page, and where a list is
followed by a listing), their titles and dates, list entries, contact blocks
(`lines.build_contact_blocks`), and checks what each yields against what it
shows, the same way for every form.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.errors import PipelineError
from pipeline.extract.lines import (
    BOILERPLATE, SourceLine, build_contact_blocks, classify_line, find_published, is_listing, page_kind, parse_date,
    parse_list_item, published_line, section_designation,
)
from pipeline.extract.model import Line, Pages
from pipeline.extract.shown import shown_values
from pipeline.records import (
    ContactBlock, DocumentKind, Extraction, FieldLine, ListEntry, SourceDocument, SourceRef,
)
from pipeline.extract.pairs import join_pairs
from pipeline.extract.tables import RECORD, read_tables
from pipeline.fields import FIELD_OF_LABEL, PHONE_LABELS
from pipeline.reference import (
    CUT_LABEL, EDGE_LABEL, FORMULA_LABEL, HIDDEN_LABEL, HYPHEN_LABEL, MARKUP_LABEL, NUMBER_LABEL, OVERPRINT_LABEL,
    SPLIT_LABEL, UNRECOGNIZED_LABEL,
)
from pipeline.text import looks_like_place, name_key, parse_place, strip_place_suffix, without_icon

# A line that is a page's address and nothing else, as a capture ends each page.
_ADDRESS = re.compile(r"^<(?P<url>https?://[^>\s]+)>\s*$")


# A document must yield at least this share of the list items or contact
# blocks it shows, as fetch keeps a download only with 80% of the centers of
# the last snapshot: below it, the reader has misread the document's layout,
# and a build would publish its misreading as dozens of findings.
MIN_YIELD_SHARE = 0.8


def check_yield(shown: int, yielded: int, what: str, source: str, *, page: int | None = None,
                line: int | None = None) -> None:
    """Stop when a document yields fewer than MIN_YIELD_SHARE of the `what` it shows."""
    if shown and yielded < MIN_YIELD_SHARE * shown:
        raise PipelineError(f"shows {shown} {what} but only {yielded} could be read from it: its layout is "
                            "not one the reader knows.", source=source, page=page, line=line)


@dataclass(frozen=True)
class Part:
    """The lines of one document of a file, its address and its extent."""

    lines: tuple[Line, ...]  # without furniture and without the address line that ends it
    url: str
    start: SourceRef  # where it begins and ends (`SourceDocument.start` and `end`)
    end: SourceRef
    paged: bool = False  # its file is read by pages: its start and end are lines of its pages
    furniture: tuple[Line, ...] = ()  # the furniture of the file's pages

    @property
    def text_lines(self) -> list[Line]:
        """Its lines that hold text and are read (not hidden, not a cell's note)."""
        return [line for line in self.lines if line.text.strip() and not set_aside(line)]


def set_aside(line: Line) -> str:
    """The label a line is kept under without being read: hidden text, a cell's note; "" for a line that is read."""
    if line.hidden:
        return HIDDEN_LABEL
    return {"number": NUMBER_LABEL, "formula": FORMULA_LABEL, "hyphen": HYPHEN_LABEL, "cut": CUT_LABEL,
            "overprint": OVERPRINT_LABEL, "edge": EDGE_LABEL, "split": SPLIT_LABEL}.get(line.note, "")


def _at(line: Line, paged: bool) -> SourceRef:
    """Where a document that begins or ends with `line` begins or ends: the line
    itself in a file read by pages, its line number alone in one read by lines."""
    return line.ref if paged else SourceRef(line.ref.source, line.ref.line)


def _extent(pages: Pages) -> tuple[SourceRef, SourceRef]:
    """Where a whole file begins and ends: its first and last lines, read by lines;
    its first and last pages' first and last lines, read by pages."""
    if not pages.pages:
        return SourceRef(pages.source, 1), SourceRef(pages.source, 1)
    first, last = pages.pages[0], pages.pages[-1]
    if not pages.paged:
        return SourceRef(pages.source, first.first), SourceRef(pages.source, last.last)
    return (first.lines[0].ref if first.lines else SourceRef(pages.source, 1, first.first),
            last.lines[-1].ref if last.lines else SourceRef(pages.source, 1, last.last))


def split_documents(pages: Pages) -> list[Part]:
    """The file's documents: parts ending at an address line; lines after the
    last address, or a file without any, take the file's own address. A part
    with no text is no document. A part's extent runs, in a file read by lines,
    from the line after the address before it to its own address line; in one
    read by pages, from its first line to its last."""
    body = [line for page in pages.pages for line in page.lines if not line.furniture]
    furniture = tuple(line for page in pages.pages for line in page.lines if line.furniture)
    last = pages.pages[-1].last if pages.pages else 1
    parts: list[Part] = []
    start, begin = 0, SourceRef(pages.source, pages.pages[0].first if pages.pages else 1)
    for i, line in enumerate(body):
        m = None if set_aside(line) else _ADDRESS.match(line.text.strip())
        if m:
            lines = tuple(body[start:i])
            if pages.paged:
                extent = (_at(lines[0], True), _at(lines[-1], True)) if lines else (line.ref, line.ref)
            else:
                extent = (begin, _at(line, False))
            parts.append(Part(lines, m.group("url"), *extent, pages.paged, furniture))
            start, begin = i + 1, SourceRef(pages.source, line.ref.line + 1)
    rest = tuple(body[start:])
    if rest:
        extent = ((_at(rest[0], True), _at(rest[-1], True)) if pages.paged
                  else (begin, SourceRef(pages.source, last)))
        parts.append(Part(rest, pages.url, *extent, pages.paged, furniture))
    return [p for p in parts if p.text_lines]


def split_list_and_listing(part: Part) -> list[Part]:
    """A list followed by a listing in one part is two parts, split after the
    list's last item (and the date or feedback line closing it)."""
    texts = ["" if set_aside(line) else line.text for line in part.lines]
    sections = [i for i, t in enumerate(texts) if section_designation(t)]
    if not sections:
        return [part]
    closing = [i for i, t in enumerate(texts) if i > sections[0] and BOILERPLATE.match(t.strip())]
    items = [i for i, line in enumerate(part.lines) if line.item and i > sections[0]]
    end = closing[0] if closing else (items[-1] if items else sections[-1]) + 1
    while end < len(texts) and (BOILERPLATE.match(texts[end].strip()) or not texts[end].strip()):
        end += 1
    if end < len(texts) and is_listing(texts[end:]):
        head, tail = part.lines[:end], part.lines[end:]
        return [Part(head, part.url, part.start, _at(head[-1], part.paged), part.paged, part.furniture),
                Part(tail, part.url, _at(tail[0], part.paged), part.end, part.paged, part.furniture)]
    return [part]


def starts_block(lines: Sequence[Line], i: int, names: frozenset[str] = frozenset()) -> bool:
    """Whether text line i begins a contact block: it names a list entry, or it is
    no labeled line and a place or labeled line follows it (or follows the next
    line, for a heading broken after ";" or ":"). A table's record begins one at its
    name, whatever follows (a State column alone gives no place line)."""
    text = lines[i].text.strip()
    if lines[i].note == RECORD:
        return True
    if classify_line(text)[0]:
        return False
    if names and name_key(text) in names:
        return True
    following = [line.text.strip() for line in lines[i + 1:i + 3]]
    return any(parse_place(t) or looks_like_place(t) or classify_line(t)[0] for t in following[:1]) or (
        len(following) == 2 and parse_place(following[1]) is not None and text.endswith((";", ":")))


def _is_value(text: str) -> bool:
    """A labeled line, an email, a website or a place: what a center's block ends with."""
    return bool(classify_line(text)[0]) or parse_place(text) is not None


def listing_span(lines: Sequence[Line], names: frozenset[str] = frozenset()) -> tuple[int, int]:
    """Where a listing's blocks are among its text lines: from the first line that
    begins a block or gives a value (a value before any heading is a center with
    no name, never dropped) to its last value, before the page's closing lines.
    What is around them (title, menus, footer) is the page's own."""
    start = next((i for i in range(len(lines)) if starts_block(lines, i, names) or classify_line(
        lines[i].text.strip())[0] in FIELD_OF_LABEL), len(lines))
    end = next((i for i in range(start, len(lines)) if BOILERPLATE.match(lines[i].text.strip())), len(lines))
    while end > start and not _is_value(lines[end - 1].text.strip()):
        end -= 1
    return start, end


def _title(part: Part, kind: str, given: str | None, alone: bool, names: frozenset[str]) -> str:
    """The file's own title for a file of one document; else, for a listing, its
    first marked heading before its blocks (in a form that marks none, its first
    line before them); else its first line."""
    lines = part.text_lines
    if given is not None and (alone or not lines):
        return given
    if not lines:
        return ""
    if kind == DocumentKind.CONTACT_LISTING:
        start = listing_span(lines, names)[0]
        before = lines[:start]
        if any(line.heading is not None for line in lines):
            marked = [line.text.strip() for line in before if line.heading]
            return marked[0] if marked else ""
        return before[0].text.strip() if before else ""
    return lines[0].text.strip()


def _dated(lines: Sequence[Line]) -> Line | None:
    """The line that gives a document's "Last Published Date:" (or "Last Updated:"):
    the first whose date is not empty, else the first with the label."""
    return next((line for line in lines if find_published([line.text])), None) or published_line(lines)


def list_entries(part: Part, source: str) -> list[ListEntry]:
    """The items under the "Primary/Recognized Fusion Centers" headings. Another
    heading element or the page's closing lines end a section, so a list of
    related links further down is not read as centers. Stops when the headings
    have no items under them, or far fewer items than lines (`check_yield`).
    Every line under a heading is accounted for: a line after an item of a
    section that is not an item's first line (a wrapped item's tail carried to
    the next page, a line of an item after its first, the last item's tail before
    the line that ends the section) is read into no entry, and is kept on the
    entry before it (`ListEntry.unread`), to be reported."""
    entries: list[ListEntry] = []
    designation = ""
    seen: set[int] = set()
    shown = 0  # items, and other lines, under the headings
    pending: list[Line] = []  # lines after the section's last item, read into no entry yet
    lines = part.text_lines
    heading: Line | None = None  # the last list heading, while no item has come under it
    head: Line | None = None  # the last line under the headings that ends with a heading's first word
    for before, line in zip([None, *lines], lines):
        text = line.text.strip()
        _check_heading_split(head or before, line, source)
        kind = section_designation(text)
        if kind or BOILERPLATE.match(text) or line.level:
            _check_heading_order(heading, entries, source)
            if pending and entries:  # the section's last item's unread tail, before the line ending it
                entries[-1] = _unread(entries[-1], pending)
            designation, pending = kind, []
            heading = line if kind else None
            continue
        if designation or entries:
            _check_heading_inside(line, source)
            if _HEADING_HEAD.search(text):  # its "Fusion Centers" may come lines later
                head = line
        if designation and (not line.item or line.item not in seen):
            shown += 1
        if designation and line.item and line.item not in seen:
            _check_two_items(line, source)
            seen.add(line.item)
            heading = None
            if pending and entries:
                entries[-1] = _unread(entries[-1], pending)
            pending = []
            entries.append(parse_list_item(text, designation, line.ref, part.url))
        elif designation and entries and entries[-1].designation == designation:
            pending.append(line)
    _check_heading_order(heading, entries, source)
    if pending and entries:
        entries[-1] = _unread(entries[-1], pending)
    first = next(line for line in lines if section_designation(line.text))
    where = {"page": first.ref.page, "line": None if first.ref.page else first.ref.line}
    if not entries:
        raise PipelineError(f'has the heading "{first.text.strip()}" but no list items under it: of its {shown} '
                            "lines there, none could be read as a list item (a bulleted line, an <li> element) "
                            "naming a fusion center.", source=source, **where)
    check_yield(shown, len(entries), "lines under its list headings", source, **where)
    return entries


def _unread(entry: ListEntry, lines: Sequence[Line]) -> ListEntry:
    """The entry with the lines after it that no entry read (reported: LIST_LINE_UNREAD)."""
    return replace(entry, unread=(*entry.unread, *(FieldLine(UNRECOGNIZED_LABEL, p.text.strip(), p.ref, p.text.strip())
                                                   for p in lines)))


# A list heading as a document spells it, inside a longer line: read into an item or a paragraph.
_HEADING_INSIDE = re.compile(r"\b(?:Primary|Recognized|PRIMARY|RECOGNIZED) (?:Fusion Centers|FUSION CENTERS)\b")


def _where(line: Line | ListEntry) -> dict:
    """Where a line (or a list entry) stands, as a refusal names it: its page and line in a PDF, its
    line elsewhere."""
    return {"page": line.ref.page or None, "line": line.ref.line or None}


def _check_heading_inside(line: Line, source: str) -> None:
    """Stops where a list heading stands inside a line under the list's headings ("… Center
    Recognized Fusion Centers", "Recognized Fusion Centers As the Federal…"): the reader joined it
    to an item or a paragraph, so which items it heads cannot be told, and no designation is
    given from where the items stand."""
    m = _HEADING_INSIDE.search(line.text)
    if m:
        raise PipelineError(f'reads the list heading "{m.group(0)}" inside the line "{line.text.strip()[:80]}": '
                            "which items it heads cannot be told from the order the page was read in, so no "
                            "center's designation is given from it.", source=source, **_where(line))


# A list heading cut in two by the reading order: its first word ends one line, the rest begins the next.
# (As a heading spells it, capitalized: the page's prose speaks of "primary and recognized fusion centers".)
_HEADING_HEAD = re.compile(r"\b(?:Primary|Recognized|PRIMARY|RECOGNIZED)$")
_HEADING_TAIL = re.compile(r"^(?:Fusion Centers|FUSION CENTERS)\b")


def _check_heading_split(before: Line | None, line: Line, source: str) -> None:
    """Stops where a list heading is read in two pieces, its first word at the end of one line and
    "Fusion Centers" at the start of the next ("…Locations and Primary" / "Fusion Centers", a
    column cut through the heading), or of a later one under the headings (`before` is then the
    last line there that ends with the first word: "…Intelligence Center Recognized", a gutter set
    through a heading in larger type, its "Fusion Centers" read after the next items): which items
    it heads cannot be told."""
    if before is not None and _HEADING_TAIL.match(line.text.strip()) and _HEADING_HEAD.search(before.text.strip()) \
            and not section_designation(before.text):
        raise PipelineError(f'reads a list heading in two pieces ("{before.text.strip()[-40:]}" / '
                            f'"{line.text.strip()[:40]}"): which items it heads cannot be told from the order the '
                            "page was read in, so no center's designation is given from it.", source=source,
                            **_where(line))


def _check_heading_order(heading: Line | None, entries: Sequence[ListEntry], source: str) -> None:
    """Stops where a list heading that comes after items has no item under it (read after the
    items it heads, as a column read out of order puts it): the designations of the items
    before it cannot be told. A heading with no items before any item is the page's own
    (a table of contents)."""
    if heading is not None and entries:
        raise PipelineError(f'has the list heading "{heading.text.strip()}" after {len(entries)} items and no item '
                            "under it: it was read out of its place among the items, so which items it heads "
                            "cannot be told and no center's designation is given from it.", source=source,
                            **_where(heading))


# A list item's place ("; Orlando, FL") with the next item's name going on after it. Tried only at
# a ";", each try runs to the next "," or ";" at most: linear in the line.
_PLACE_THEN_NAME = re.compile(r";[^,;]+,[ \t]*[A-Z]{2}[ \t]+[A-Z][a-z]")


def _check_two_items(line: Line, source: str) -> None:
    """Stops where one list item holds a place and then another name ("Central Florida Intelligence
    Exchange; Orlando, FL Chicago Crime Prevention…; Chicago, IL"): the next item's bullet was
    not read, and both centers would go without their list entry (the one whose heading adds
    "(CFIX)" under another id)."""
    text = line.text.strip()
    m = _PLACE_THEN_NAME.search(text)
    if m:
        first, second = text[:m.end() - 2].rstrip(), text[m.end() - 2:]
        raise PipelineError(f'reads two list items in one ("{first[-40:]}" / "{second[:40]}"): the second '
                            "item's bullet was not read, so which centers the list names there cannot be told "
                            "for certain.", source=source, **_where(line))


def _check_items_outside(parts: Sequence[Part], kinds: Sequence[str], names: frozenset[str],
                         blocks: Sequence[ContactBlock], source: str) -> None:
    """Stops where a list item stands outside the file's list (after its closing lines, before a
    listing's blocks, in prose) and names a center that has a contact block here but no list entry
    (the items the list read are `names`): the reading order put it out of its list, so which list
    names it cannot be told, and its center would be published without the designation the page
    gives it (or, where its heading adds an acronym, "(CFIX)", under another id), with no word."""
    headings = {name_key(b.heading) for b in blocks}
    for part, kind in zip(parts, kinds):
        lines = part.text_lines
        if kind == DocumentKind.CONTACT_LISTING:
            lines = lines[:listing_span(lines, names)[0]]
        for line in lines:
            key = name_key(line.text) if line.item and not line.cells else ""
            if key and key in headings and key not in names:
                raise PipelineError(f'reads the list item "{line.text.strip()[:80]}" outside the list, after its '
                                    "closing lines: which list names that center cannot be told from the order the "
                                    "page was read in, so no center's designation is given from it.", source=source,
                                    **_where(line))


def _check_items_taking_tails(entries: Sequence[ListEntry], blocks: Sequence[ContactBlock], names: frozenset[str],
                              source: str) -> None:
    """Stops where a list item ends with the end of the heading of a center that no list item names
    (its whole heading, or its parenthetical) and, without those words, names another center of the
    listing ("Virginia Fusion Center (Washington, D.C.)", the next item "Washington Regional Threat
    and Analysis Center (Washington, D.C.)" lost but for its tail): the item took words of the item
    after it, the item it took them from is lost, and the center it names would be published under
    another id with no word."""
    def words(text: str) -> str:
        """A name without its place, in lower case, its words one space apart."""
        return " ".join(strip_place_suffix(text).casefold().split())
    headings = [words(b.heading) for b in blocks]
    keys = {name_key(b.heading) for b in blocks}
    for block, heading in zip(blocks, headings):
        if not heading or name_key(block.heading) in names:
            continue
        tails = {heading, *(heading[k:] for k in range(1, len(heading)) if heading[k] == "(" and heading[k - 1] == " ")}
        for entry, tail in ((e, t) for e in entries for t in sorted(tails) if words(e.name).endswith(" " + t)):
            rest = words(entry.name)[:-len(tail)].strip()
            if name_key(rest) in keys and not any(h.endswith(tail) for h in headings if name_key(h) == name_key(rest)):
                shown = " ".join(entry.name.split()[-len(tail.split()):])
                raise PipelineError(f'reads the list item "{entry.name[:80]}", which ends with "{shown}", the end of the '
                                    f'heading "{block.heading.strip()[:80]}" that no list item names: the item took '
                                    "words of the item after it, so which centers the list names there cannot be told "
                                    "for certain.", source=source, **_where(entry))


def listing_lines(part: Part, title: str, names: frozenset[str]) -> list[SourceLine]:
    """A listing's lines as the block builder takes them, blank lines kept. A
    heading hint is given only where the document marks headings at all: True for
    a marked line that is no labeled line, and the form's own mark for the others."""
    texts = part.text_lines
    start, end = listing_span(texts, names)
    if start >= end:
        return []
    first, last = texts[start], texts[end - 1]
    lines = part.lines[part.lines.index(first):part.lines.index(last) + 1]
    body = [line for line in lines if not (line.level == 1 and line.text == title) and not set_aside(line)]
    marks = [line.heading is True and not classify_line(line.text.strip())[0] for line in body]
    marked = any(marks)
    read = [SourceLine(line.text, line.ref, True if mark else (line.heading if marked else None))
            for line, mark in zip(body, marks)]
    # Lines set aside anywhere in the part are kept on the block where they stand, and reported.
    return read + [SourceLine(line.text, line.ref, aside=set_aside(line)) for line in part.lines
                   if set_aside(line) and line.text.strip()]


def _kind(part: Part) -> str:
    """The DHS list, a contact listing, or prose (`lines.page_kind`); a part holding a
    table read as records is a listing, however few its rows."""
    kind = page_kind([line.text for line in part.lines if not set_aside(line)])
    if kind == DocumentKind.PROSE and any(line.note == RECORD for line in part.lines):
        return DocumentKind.CONTACT_LISTING
    return kind


def _icons_off(pages: Pages) -> Pages:
    """The pages with the icon each line may begin with set aside, as a bullet is: "\u260e Phone:
    (334) 517-2660" is the labeled line "Phone: (334) 517-2660" (`text.without_icon`)."""
    return replace(pages, pages=tuple(
        replace(page, lines=tuple(replace(line, text=without_icon(line.text)) if not line.cells else line
                                  for line in page.lines))
        for page in pages.pages))


def assemble(pages: Pages, sha256: str) -> Extraction:
    """The documents, list entries and contact blocks of one file's pages; stops
    when a list yields far fewer items than it shows (`extract_document` checks a
    listing's blocks the same way, for every form, after this)."""
    source = pages.source
    pages = read_tables(join_pairs(_icons_off(pages)))
    declared = [line for page in pages.pages for line in page.lines if line.markup]
    if declared:
        pages = replace(pages, pages=tuple(replace(page, lines=tuple(line for line in page.lines if not line.markup))
                                           for page in pages.pages))
    parts = [p for part in split_documents(pages) for p in split_list_and_listing(part)]
    kinds = [_kind(part) for part in parts]
    entries = [e for part, kind in zip(parts, kinds) if kind == DocumentKind.CENTER_LIST
               for e in list_entries(part, source)]
    names = frozenset(k for k in (name_key(e.text) for e in entries) if k)
    documents: list[SourceDocument] = []
    blocks: list[ContactBlock] = []
    for part, kind in zip(parts, kinds):
        title = _title(part, kind, pages.title, len(parts) == 1, names)
        dated = _dated(part.text_lines) or _dated(part.furniture)
        published_text = find_published([dated.text]) if dated else ""
        documents.append(SourceDocument(
            source=source, sha256=sha256, form=pages.form, kind=kind, url=part.url, title=title,
            published=parse_date(published_text), published_text=published_text,
            start=part.start, end=part.end, encoding_note=pages.encoding_note,
            rejected_url=pages.rejected_url, published_ref=dated.ref if dated else None,
            published_line=dated.text.strip() if dated else ""))
        if kind == DocumentKind.CONTACT_LISTING:
            blocks.extend(build_contact_blocks(listing_lines(part, title, names), part.url, names))
    if not documents:
        start, end = _extent(pages)
        documents.append(SourceDocument(source=source, sha256=sha256, form=pages.form, kind=DocumentKind.PROSE,
                                        url=pages.url, title=pages.title or "", published="", published_text="",
                                        start=start, end=end, encoding_note=pages.encoding_note,
                                        rejected_url=pages.rejected_url))
    # Every contact value the documents show, for the conservation rule: their read lines, not
    # furniture, hidden text, a cell's note or what markup declares.
    shown = tuple(v for part, kind in zip(parts, kinds) for v in shown_values(
        ((line.text, line.ref) for line in part.lines if not set_aside(line)),
        listing=kind == DocumentKind.CONTACT_LISTING))
    if declared:
        documents, blocks = _with_markup(documents, blocks, declared, names)
    if entries:
        _check_items_outside(parts, kinds, names, blocks, source)
        _check_items_taking_tails(entries, blocks, names, source)
    return Extraction(tuple(documents), tuple(entries), tuple(blocks), shown)


def _key(label: str, value: str) -> str:
    """A value reduced for comparison: a phone to its digits, an address without case, scheme or "www."."""
    if label in PHONE_LABELS:
        digits = "".join(ch for ch in value if ch.isdigit())
        return digits[-10:]
    value = value.strip().lower().removeprefix("mailto:")
    for prefix in ("https://", "http://", "www."):
        value = value.removeprefix(prefix)
    return value.rstrip("/")


def _with_markup(documents: list[SourceDocument], blocks: list[ContactBlock], declared: Sequence[Line],
                 names: frozenset[str]) -> tuple[list[SourceDocument], list[ContactBlock]]:
    """What a page declares in machine-readable markup (JSON-LD, microdata), against what it shows.
    Where its visible text gives no contact listing, the declared blocks are read, and
    the document says its values come from markup (`values_from_markup`, reported).
    Where it does, the visible text is read, and each declared value that a center's
    visible block does not give is kept on that block under MARKUP_LABEL, reported."""
    page = documents[0]
    made = build_contact_blocks([SourceLine(line.text, line.ref, bool(line.heading)) for line in declared],
                                page.url, names)
    if not made:
        return documents, blocks
    if page.kind == DocumentKind.PROSE and not blocks:
        documents = [replace(page, kind=DocumentKind.CONTACT_LISTING, values_from_markup=True)] + documents[1:]
        return documents, made
    by_name = {name_key(b.heading): b for b in made if name_key(b.heading)}
    checked = []
    for block in blocks:
        mine = by_name.get(name_key(block.heading))
        if mine is not None:
            shown = {(f.label, _key(f.label, f.text)) for f in block.fields}
            differs = [f for f in mine.fields if f.label in FIELD_OF_LABEL
                       and (f.label, _key(f.label, f.text)) not in shown]
            if differs:
                block = replace(block, fields=block.fields + tuple(
                    FieldLine(MARKUP_LABEL, f"{f.label}: {f.text}", f.ref, f.raw) for f in differs))
        checked.append(block)
    return documents, checked
