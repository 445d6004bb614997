"""Normalize: raw records to `Center` records.

Takes the extractions of every raw file, reconciles the list with the contact
listing, and normalizes each field leniently: a value that cannot be cleaned
stays in the record with its reason, for the checks to report.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipeline.codes import reason
from pipeline.dotgov import DotGov
from pipeline.fields import FIELD_OF_LABEL, FIELDS, KIND_OF_FIELD, Kind
from pipeline.normalize.broken import withhold_broken
from pipeline.normalize.decisions import apply_decisions
from pipeline.normalize.fixes import FIXES
from pipeline.normalize.geo import locate, zip_problem
from pipeline.normalize.ids import assign_ids
from pipeline.normalize.names import FUZZY, UNMATCHED, Match, reconcile, slug
from pipeline.normalize.neighbors import fit_neighbors
from pipeline.normalize.normalizers import normalize_value
from pipeline.normalize.place import normalize_location
from pipeline.normalize.strays import fit_strays
from pipeline.normalize.signals import place_signal
from pipeline.records import (
    Center, ContactBlock, Dataset, Decision, DecisionKind, Extraction, InputFile, ListEntry, Override, Parsed,
    SourceRef, Value, ZipOutOfPlace, fit,
)
from pipeline.reference import JOINING_WORDS, MAX_LINE_CHARS, state_code
from pipeline.register import RegisterEntry
from pipeline.text import ends_name, name_key, place_code, strip_place_suffix, visible

ZIP_OUT_OF_PLACE = "ZIP_OUT_OF_PLACE"
# How much of an over-long name is published.
LONG_NAME_CHARS = 200


def _location(block: ContactBlock) -> tuple[Value | None, dict[str, Value]]:
    """The block's location line as one value, and each of its parts (the place
    fields of the registry: city, state, ZIP code) as a value of its own beside
    the line's text; no parts when the line is missing or unreadable."""
    line = block.location
    if line is None:
        return None, {}
    evidence = line.raw or line.text
    whole, parts = normalize_location(line.text)
    return (Value.of(whole, line.text, line.ref, "Location", evidence),
            {field: Value.of(parts[field], line.text, line.ref, "Location", evidence)
             for field in FIELDS.of_kind(Kind.PLACE) if field in parts})


def _rank(value: Value, state: str) -> tuple[int, int]:
    """How well a value serves its field: one that normalizes first, then by
    how its place fits the center (fits, names no place, names another)."""
    return (0 if value.value else 1, fit(value.signal, state))


def _fields(block: ContactBlock, state: str = "",
            dotgov: DotGov | None = None) -> tuple[dict[str, Value], tuple[Value, ...]]:
    """The block's values by output field, each with its place signal: of two
    values for one field, the one that normalizes, then the one whose place
    fits the center in `state` (fits, names no place, names another state),
    then the first; every other value or unknown label goes to the extras,
    normalized where its kind is known, so a malformed line above the real
    address, or a neighbor's value before the center's own, never takes its place."""
    chosen: dict[str, Value] = {}
    extras: list[Value] = []
    for line in block.fields:
        field = FIELD_OF_LABEL.get(line.label)
        evidence = line.raw or line.text
        if field is None:
            extras.append(Value.of(Parsed(line.text), line.text, line.ref, line.label, evidence))  # kept as written
            continue
        value = normalize_value(field, line.text, line.ref, line.label, evidence)
        signal = place_signal(value, KIND_OF_FIELD[field], dotgov)
        value = replace(value, signal=signal) if signal is not None else value
        first = chosen.get(field)
        if first is None:
            chosen[field] = value
        elif _rank(value, state) < _rank(first, state):
            chosen[field] = value
            extras.append(first)
        else:
            extras.append(value)
    return chosen, tuple(sorted(extras, key=lambda v: (v.ref.page or 0, v.ref.line) if v.ref else (0, 0)))


def _entry_cut_short(match: Match) -> bool:
    """Whether a list entry paired by a similar name only gives the start of its block's name, the
    heading ending as names do, and the entry was cut: lines after it stand unread
    (`ListEntry.unread`: "Boston Regional Intelligence" / "Center; Boston, MA", its tail carried
    to the next column) or its name does not end as names do (`ends_name`). The center then takes
    the heading's name, as the page gives it whole, and keeps its findings (NAME_FUZZY_MATCH,
    LIST_LINE_UNREAD). Published under the cut name, it would stand in for the center it is with
    no finding on that center."""
    entry, block = match.entry, match.block
    if match.method != FUZZY or entry is None or block is None:
        return False
    short, whole = name_key(entry.name), name_key(block.heading)
    return (bool(short) and whole.startswith(f"{short} ") and ends_name(block.heading)
            and (bool(entry.unread) or not ends_name(entry.name)))


# The most words a reader loses from the start of a list entry's line that the entry is still taken
# for the start of a heading's name lost (a line's first word, a bullet's "U.S.").
MAX_LOST_WORDS = 2


def _entry_head_lost(match: Match) -> bool:
    """Whether a list entry paired by a similar name only is its block's heading without its first
    word or two ("Regional Intelligence Center; Austin, TX" under "Austin Regional Intelligence
    Center; Austin, TX": a reader lost the line's first word). The center then takes the heading's
    name, and keeps its NAME_FUZZY_MATCH; under the list's name it would stand in for the center it
    is, named by no finding on that center."""
    entry, block = match.entry, match.block
    if match.method != FUZZY or entry is None or block is None:
        return False
    short, whole = name_key(entry.name), name_key(block.heading)
    lost = whole.split()[:len(whole.split()) - len(short.split())]
    # Words a name has, not a number the heading is set after ("10. Chicago Crime Prevention…", a
    # numbered list printed: the list's name is the center's, the number no lost word of it).
    return (bool(short) and whole.endswith(f" {short}") and len(lost) <= MAX_LOST_WORDS
            and all(any(ch.isalpha() for ch in word) for word in lost))


def _entry_cut_in_parenthesis(match: Match) -> bool:
    """Whether a list entry paired by a similar name only opens a parenthesis it never closes and is
    the start of its block's heading ("… Center (Las Vegas," under "… Center (Las Vegas, Nevada)": the
    entry's last word lost). The center then takes the heading's name, and keeps its NAME_FUZZY_MATCH."""
    entry, block = match.entry, match.block
    if match.method != FUZZY or entry is None or block is None or entry.name.count("(") <= entry.name.count(")"):
        return False
    return strip_place_suffix(block.heading).startswith(entry.name.rstrip(" ,;"))


def _split_word(whole: str, pieces: list[str]) -> bool:
    """Whether `pieces` spell the word `whole` with a space inside it, each piece after the first
    going on in lower case ("R" "esponse" for "Response"): a word broken, not two words written
    together ("Counter" "Terrorism" for "CounterTerrorism", "Sharing" "and" for "Sharingand": a
    joining word is a word of its own)."""
    return (len(pieces) > 1 and "".join(pieces) == whole
            and all(p[:1].islower() and p.lower() not in JOINING_WORDS for p in pieces[1:]))


def _entry_word_split(match: Match) -> bool:
    """Whether a list entry paired by a similar name only is its block's heading with a space
    inside a word ("Tactical R esponse", "Intelligence S ervice": a reader's stray space), every
    other word the same. The center then takes the heading's name, as the page spells it whole,
    and keeps its NAME_FUZZY_MATCH; under the broken name it would stand in for the center it is,
    with no finding on that center."""
    entry, block = match.entry, match.block
    if match.method != FUZZY or entry is None or block is None:
        return False
    words, heading = entry.name.split(), strip_place_suffix(block.heading).split()
    if "".join(words) != "".join(heading) or len(words) <= len(heading):
        return False
    at = 0
    for whole in heading:  # each heading word is one entry word, or pieces of it broken by a space
        end = at + 1
        while end < len(words) and len("".join(words[at:end])) < len(whole):
            end += 1
        if "".join(words[at:end]) != whole or (end - at > 1 and not _split_word(whole, words[at:end])):
            return False
        at = end
    return at == len(words)


def build_center(match: Match, others: Sequence[ContactBlock] = (), dotgov: DotGov | None = None) -> Center:
    """One center from a list entry and/or a contact block, its fields
    normalized and placed (`signals`); the same center in other documents is
    built alike, as its alternates; the certain fixes are applied as overrides."""
    entry, block = match.entry, match.block
    if entry is not None and not _entry_cut_short(match) and not _entry_word_split(match) \
            and not _entry_head_lost(match) and not _entry_cut_in_parenthesis(match):
        name_text = entry.name
    else:
        name_text = strip_place_suffix(block.heading) if block else ""
    name = visible(name_text)
    if len(name_text) > MAX_LINE_CHARS:  # no name is this long: publish its start, keep all of it in provenance
        name = name[:LONG_NAME_CHARS] + "\u2026"
    fields: dict[str, Value] = {}
    extras: tuple[Value, ...] = ()
    location, places = None, {}
    if block is not None:
        location, places = _location(block)
        fields, extras = _fields(block, places["state"].value if "state" in places else "", dotgov)
    list_place = ""
    if entry is not None:
        list_place = state_code(entry.list_state) or place_code(entry.place_note)
    ref = block.heading_ref if block is not None else entry.ref
    center_id = slug(name)
    if not name_key(name):  # a heading with no name: an id and a name from where it stands
        where = f"{ref.source}{f' page {ref.page}' if ref.page else ''} line {ref.line}"
        center_id, name = slug(f"unnamed {where}"), f"(no name: {where})"
    center = Center(
        id=center_id, name=name, designation=entry.designation if entry else "",
        values={f.name: v for f in FIELDS.all for v in (places.get(f.name) or fields.get(f.name),) if v is not None},
        source_url=block.url if block is not None else entry.url,
        source=ref.source, source_line=ref.line, entry=entry, block=block,
        match_method=match.method, match_score=match.score, location=location,
        extra_fields=extras, list_place=list_place, name_text=name_text,
        alternates=tuple(build_center(Match(entry, other, match.method, match.score), dotgov=dotgov)
                         for other in others))
    overrides = tuple(o for fix in FIXES for o in fix(center))
    return replace(center, overrides=overrides) if overrides else center


def _zip_origin(center: Center) -> tuple[SourceRef | None, str, bool]:
    """Where the published ZIP comes from (the location line, or a reviewer's
    decision's line), its evidence, and whether a reviewer accepted it as it is."""
    for o in reversed(center.overrides):
        if o.field == "zip" and isinstance(o.origin, Decision):
            d = o.origin
            if d.decision != DecisionKind.ACCEPT:
                evidence = ",".join((d.center_id, d.field, d.expected, d.decision, d.value, d.code))
                return d.ref, evidence, False
            location = center.location  # an accepted source value: cited at the source
            return (location.ref if location else None), (location.evidence if location else ""), True
    location = center.location
    return (location.ref, location.evidence or location.text, False) if location else (None, "", False)


def with_coordinates(center: Center) -> Center:
    """The center placed at its published place's ZIP or city centroid
    (`geo.locate`); left without coordinates when it cannot be located. A
    published ZIP code that is not its city's (`geo.zip_problem`), whether the
    source's or a reviewer's, is withheld (ZIP_OUT_OF_PLACE) and the city's
    centroid used, unless a reviewer accepted it."""
    city, state, zip_code = (center.published_text(f) for f in ("city", "state", "zip"))
    problem = zip_problem(city, state, zip_code) if zip_code and state else ()
    if problem:
        ref, evidence, accepted = _zip_origin(center)
        center = replace(center, zip_out_of_place=ZipOutOfPlace(zip_code, problem, ref, evidence, not accepted))
        if not accepted:
            center = replace(center, overrides=(*center.overrides, Override("zip", "", ZIP_OUT_OF_PLACE, withheld=True)))
            zip_code = ""
    found = locate(city, state, zip_code)
    if found is None:
        return center
    source = found.source
    withheld = center.zip_out_of_place
    if withheld is not None and withheld.withheld:
        source += f"; the ZIP code {withheld.zip} is withheld ({reason(ZIP_OUT_OF_PLACE, dict(withheld.details))})"
    return replace(center, latitude=found.latitude, longitude=found.longitude,
                   coordinate_method=found.method, coordinate_source=source)


def _unique_ids(centers: list[Center]) -> list[Center]:
    """Two centers whose names slug alike get "-2", "-3": a listed center (with
    a list entry) before an unmatched one, a center with a contact block before
    one without, then in source order, so a repeated list bullet never takes
    the id of the center that has the contact details."""
    seen: dict[str, int] = {}
    out = []
    for c in sorted(centers, key=lambda c: (c.id, c.entry is None, c.block is None, c.source, c.source_line)):
        n = seen.get(c.id, 0) + 1
        seen[c.id] = n
        out.append(c if n == 1 else replace(c, id=f"{c.id}-{n}"))
    return sorted(out, key=lambda c: c.id)


def normalize(extractions: Sequence[Extraction], decisions: Sequence[Decision] = (), *,
              inputs: Sequence[InputFile] = (), dotgov: DotGov | None = None,
              register: Sequence[RegisterEntry] = ()) -> Dataset:
    """Reconcile and normalize every extraction into one sorted set of
    centers, and apply the reviewers' decisions to what is published.
    `inputs` are the build's inputs that are no documents, listed with the
    sources; `dotgov` is the .gov registry, when the raw folder holds it;
    `register` is the id register (pipeline.normalize.ids), when it holds one.

    The same list entry in two documents is one center; the same center's
    block in two documents is one center whose first block (by raw file name)
    gives the values and whose others are kept as its `alternates`.
    """
    documents = tuple(d for x in extractions for d in x.documents)
    entries: list[ListEntry] = []
    keys_by_source: dict[str, set[str]] = {}
    for x in extractions:
        for e in x.list_entries:
            key = name_key(e.text)
            earlier = [s for s, keys in keys_by_source.items() if s != e.ref.source and key in keys]
            keys_by_source.setdefault(e.ref.source, set()).add(key)
            if not earlier:
                entries.append(e)
    blocks_by_source: dict[str, list[ContactBlock]] = {}
    for x in extractions:
        for b in x.blocks:
            blocks_by_source.setdefault(b.heading_ref.source, []).append(b)
    found: dict[int, list[Match]] = {i: [] for i in range(len(entries))}
    position = {id(e): i for i, e in enumerate(entries)}
    orphans: dict[str, list[Match]] = {}
    for source in sorted(blocks_by_source):
        for m in reconcile(entries, blocks_by_source[source]):
            if m.entry is not None and m.block is not None:
                found[position[id(m.entry)]].append(m)
            elif m.block is not None:
                orphans.setdefault(name_key(m.block.heading) or f"{source}:{m.block.heading_ref.line}", []).append(m)
    centers = []
    for i, entry in enumerate(entries):
        ms = found[i]
        if ms:
            centers.append(build_center(ms[0], [m.block for m in ms[1:]], dotgov))
        else:
            centers.append(build_center(Match(entry, None, UNMATCHED, 0.0)))
    for ms in orphans.values():
        centers.append(build_center(ms[0], [m.block for m in ms[1:]], dotgov))
    all_blocks = tuple(b for s in sorted(blocks_by_source) for b in blocks_by_source[s])
    centers, id_links = assign_ids(centers, register)
    by_id = {c.id: c for c in _unique_ids(centers)}
    by_id = fit_neighbors(by_id, [blocks_by_source[s] for s in sorted(blocks_by_source)])
    by_id = fit_strays({i: withhold_broken(c) for i, c in by_id.items()})
    by_id, outcomes = apply_decisions(by_id, decisions)
    # Placed last, so a reviewer's decision on the city, state or ZIP moves the center too.
    centers = [with_coordinates(by_id[i]) for i in sorted(by_id)]
    return Dataset(documents, tuple(entries), all_blocks, tuple(centers), tuple(outcomes),
                   tuple(sorted(inputs, key=lambda i: i.file)), tuple(v for x in extractions for v in x.shown),
                   id_links)

