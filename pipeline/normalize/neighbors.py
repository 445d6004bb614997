"""A value that fits the center next to it: a block the document split.

A printed listing whose rows break across pages or columns can hand the tail
of one center's block to the next: Connecticut's email under Dallas. Such a
value names, by its place signal (`signals`), the state of the center next to
it in document order, and that center has no value for its field (or one
that names the first center's state: the two values swapped). Then the
value is withheld from the center whose block holds it (an override of origin
VALUE_FITS_NEIGHBOR, as the South Carolina relabel is an override), both
centers carry the fact (`NeighborFit`), and check reports it on both. Nothing
is published on the neighbor: that takes a reviewer's `set`.

A value that stands below a line of the block that names another center (that
center's heading, which the reader left inside the block: a place line lost)
is that center's too, whatever its place: it fits the center the line names,
which has no block of its own or no value for the field.

A value that names no place (an .org address, a toll-free number, a federal
.gov domain) is never withheld, nor one whose neighbors are in other states
or already have that field, nor a number that shares its exchange with
another number of its own block: numbers of one office share an exchange,
and an area code is mistyped more often than a block is split (Connecticut's
fax (806) 706-5535 beside its phone (860) 706-5500 is Connecticut's, its area
code's digits swapped; AREA_CODE_OUT_OF_STATE says so).
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from pipeline.records import Center, ContactBlock, NeighborFit, Override, Value, fit, shares_exchange
from pipeline.fields import FIELD_OF_LABEL, KIND_OF_FIELD
from pipeline.reference import UNRECOGNIZED_LABEL
from pipeline.text import name_key, strip_place_suffix

ORIGIN = "VALUE_FITS_NEIGHBOR"
OTHER_STATE = 2  # `signals.fit` of a value that names another state


def candidates(c: Center) -> Iterator[tuple[str, Value, bool]]:
    """(field, value, published) for every readable value of the center's block:
    the one each field publishes, then the others (its extras), in source order."""
    for field in KIND_OF_FIELD:
        v = c.value(field)
        if v is not None and v.value:
            yield field, v, True
    for v in c.extra_fields:
        field = FIELD_OF_LABEL.get(v.label)
        if field is not None and v.value:
            yield field, v, False


def _free_for(theirs: Value | None, state: str) -> bool:
    """Whether a neighbor's value for a field leaves room for a value of its
    state: it has none, or its own names the holder's `state` (swapped)."""
    return theirs is None or (bool(theirs.value) and fit(theirs.signal, state) == 0)


def _names(centers: dict[str, Center]) -> dict[str, str]:
    """Center ids by the name keys of their list names and headings."""
    by_name: dict[str, str] = {}
    for c in centers.values():
        for text in (c.entry.name if c.entry else "", c.block.heading if c.block else ""):
            key = name_key(strip_place_suffix(text)) if text else ""
            if key:
                by_name.setdefault(key, c.id)
    return by_name


def _below_names(c: Center, centers: dict[str, Center],
                 by_name: dict[str, str]) -> Iterator[tuple[str, Value, bool, str, Center]]:
    """(field, value, published, name line, named center) for each value of a
    block that stands below an unrecognized line naming another center (by its
    list name or heading) that has no value for the field."""
    if c.block is None or not any(line.label == UNRECOGNIZED_LABEL for line in c.block.fields):
        return
    values = {(v.ref, v.text): (field, v, published) for field, v, published in candidates(c)}
    named: tuple[str, Center] | None = None
    for line in c.block.fields:
        if line.label == UNRECOGNIZED_LABEL:
            cid = by_name.get(name_key(strip_place_suffix(line.text)))
            if cid is not None and cid != c.id:
                named = (line.text, centers[cid])
            continue
        found = values.get((line.ref, line.text))
        if named is None or found is None:
            continue
        field, v, published = found
        if named[1].value(field) is None:
            yield field, v, published, named[0], named[1]


def fit_neighbors(centers: dict[str, Center], documents: Sequence[Sequence[ContactBlock]]) -> dict[str, Center]:
    """The centers, each with the values that fit a neighbor in document order
    (`documents`: each source's blocks, in order) and those values withheld."""
    holder = {id(c.block): c.id for c in centers.values() if c.block is not None}
    fits: dict[str, list[NeighborFit]] = {}
    withheld: dict[str, list[Override]] = {}
    for blocks in documents:
        ids = [holder.get(id(b)) for b in blocks]
        for i, cid in enumerate(ids):
            if cid is None or not centers[cid].state:
                continue
            c = centers[cid]
            around = [ids[j] for j in (i - 1, i + 1) if 0 <= j < len(ids) and ids[j] not in (None, cid)]
            values = list(candidates(c))
            for field, v, published in values:
                if fit(v.signal, c.state) != OTHER_STATE or shares_exchange(v, [o for _, o, _ in values]):
                    continue
                n = next((centers[n] for n in around if centers[n].state == v.signal.state
                          and _free_for(centers[n].value(field), c.state)), None)
                if n is None:
                    continue
                theirs = n.value(field)
                found = NeighborFit(field, v, c.id, c.name, n.id, n.name, published, theirs.text if theirs else "")
                fits.setdefault(c.id, []).append(found)
                fits.setdefault(n.id, []).append(found)
                if published:
                    withheld.setdefault(c.id, []).append(Override(field, None, ORIGIN, withheld=True))
    by_name = _names(centers)
    for c in list(centers.values()):
        told = {id(nf.value) for nf in fits.get(c.id, ()) if nf.holder_id == c.id}
        for field, v, published, line, n in _below_names(c, centers, by_name):
            if id(v) in told:
                continue
            found = NeighborFit(field, v, c.id, c.name, n.id, n.name, published, name_line=line)
            fits.setdefault(c.id, []).append(found)
            fits.setdefault(n.id, []).append(found)
            if published:
                withheld.setdefault(c.id, []).append(Override(field, None, ORIGIN, withheld=True))
    for cid, found in fits.items():
        c = centers[cid]
        centers[cid] = replace(c, neighbor_fits=tuple(found), overrides=(*c.overrides, *withheld.get(cid, ())))
    return centers
