"""A block read under another center's heading: the headings out of order.

A printed page whose two columns each begin a block under a heading of two
lines can be read with the headings interleaved: the right column's center is
given the left column's block, and the left column's center is left without
one (Wisconsin Statewide Information Center published at Charleston, West
Virginia, with West Virginia's phone, email and website). Every value of such
a block agrees with its place line; only the name disagrees. So a block is
taken for another center's when all of these hold:

- the name of the center it stands under names a state or territory (its full
  name, as words: "Wisconsin", "West Virginia", "District of Columbia"), or
  its list entry places it in one, and none of them is its place line's state;
- none of its values places it (`signals`) in another state than its place
  line's (a value that fits a neighbor, which `neighbors` withholds, aside):
  a place line read from another block would stand among values of its own
  center's state;
- a listed center whose name names the block's state (or whose list entry
  places it there) has no block of its own: none at all, or one whose place
  line is in a state its own name does not name (itself another's).

Then every value of the block the center published, its place line's city,
state and ZIP code too, is withheld from it (an override of origin
BLOCK_FITS_OTHER_CENTER, as a value that fits a neighbor is withheld), and
both centers carry the fact (`StrayBlock`); a reviewer's `set` on the other
center publishes a value there.

A block may also hold another block whose heading was lost: below its own
values, a second place line of another state, followed by values of that
state (North Dakota's block, then "Santa Ana, California" and Orange
County's numbers and addresses). Where at least one value below that line
places the center in its state and none in the block's own, every value
below it is withheld (origin VALUE_BELOW_OTHER_PLACE) and told on the holder,
and on the listed center without a block of its own in that state where
there is exactly one. A stray place line among its own center's values
("Austin, Texas" in Arizona's block, Arizona's values below it) stays.

The same holds of a city: a center whose list entry places it in one city
("Austin Regional Intelligence Center; Austin, TX") under a block whose place
line is another city of that state (Houston, Texas) that no value
contradicts, where a listed center that the list places in that city has no
block of its own (none, or one in another city than its list gives).

A state's name that begins the name of a place of the block's own state is no
state there: Kansas City, Missouri; the Delaware Valley in Philadelphia (PA's
Delaware County); Washington, D.C. The gazetteer (`geo.place_names`) knows
the cities and counties: a city whose name is longer than the state's
("Kansas City"), a county named for it, or the block's own city. What this
cannot see: a center named for a state whose name is also a county of the
block's state (a Wisconsin block under "Iowa ...": Iowa County, WI) is not
doubted.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from pipeline.fields import FIELDS, Kind
from pipeline.normalize.geo import place_names
from pipeline.normalize.neighbors import candidates
from pipeline.records import Center, FieldLine, Override, StrayBlock, Value
from pipeline.reference import STATE_OF_NAME, UNRECOGNIZED_LABEL, state_code, words
from pipeline.text import parse_place

ORIGIN = "BLOCK_FITS_OTHER_CENTER"
BELOW_ORIGIN = "VALUE_BELOW_OTHER_PLACE"
LONGEST_STATE = max(len(name.split()) for name in STATE_OF_NAME)
# The most words a place's name that begins with a state's name is compared over ("Kansas City").
LONGEST_PLACE = LONGEST_STATE + 3


def states_named(text: str) -> Iterator[tuple[str, int, int]]:
    """Each state or territory a name names by its full name, as (USPS code,
    first word, number of words) over `words(text)`: the longest name at each
    word first ("West Virginia" is not "Virginia").

    >>> [s for s, _, _ in states_named("West Virginia Intelligence Fusion Center")]
    ['WV']
    >>> [s for s, _, _ in states_named("Washington Regional Threat and Analysis Center (Washington, D.C.)")]
    ['WA', 'DC']
    """
    ws = words(text).split()
    i = 0
    while i < len(ws):
        for n in range(min(LONGEST_STATE, len(ws) - i), 0, -1):
            code = STATE_OF_NAME.get(" ".join(ws[i:i + n]))
            if code:
                yield code, i, n
                i += n - 1
                break
        i += 1


def _a_place_of(ws: list[str], i: int, n: int, state: str, city: str) -> bool:
    """Whether the state's name at words i to i+n begins the name of a place of
    `state`: a longer city's name, a county named for it, or the block's `city`."""
    cities, counties = place_names(state)
    for k in range(n, min(LONGEST_PLACE, len(ws) - i) + 1):
        phrase = " ".join(ws[i:i + k])
        if (k > n and phrase in cities) or phrase in counties or (k == n and phrase == words(city)):
            return True
    return False


def named_states(c: Center, state: str = "", city: str = "") -> dict[str, tuple[str, str]]:
    """The states a center's list entry places it in and its name names, each
    with what names it ("list" or "name") and the words that do; a name that
    begins the name of a place of `state` (where its block is, `city` its city)
    is left out."""
    found: dict[str, tuple[str, str]] = {}
    if c.list_place:
        found[c.list_place] = ("list", "")
    text = c.entry.name if c.entry is not None else c.name
    ws = words(text).split()
    for code, i, n in states_named(text):
        if code != state and state and _a_place_of(ws, i, n, state, city):
            continue
        found.setdefault(code, ("name", " ".join(text_words(text)[i:i + n])))
    return found


def text_words(text: str) -> list[str]:
    """A name's words as written, in the order `words` gives them (for quoting)."""
    out, word = [], []
    for ch in text:
        if ch.isascii() and ch.isalnum():
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def _agrees(c: Center) -> bool:
    """Whether no value of the block places it elsewhere than its place line
    (a value that fits a neighbor aside)."""
    told = {id(nf.value) for nf in c.neighbor_fits if nf.holder_id == c.id}
    states = {v.signal.state for _, v, _ in candidates(c) if id(v) not in told and v.signal and v.signal.state}
    return states <= {c.state}


def _free(centers: dict[str, Center]) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(id, name) of each listed center without a block of its own, by each state its name or list
    names (key ("", state)) and by the city and state its list entry gives (key (city words, state)):
    it has no block, or one whose place line is in a state its name does not name (a state's key), or
    in another city than its list gives (a city's key). One pass over the centers."""
    found: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for o in centers.values():
        if o.entry is None:
            continue
        mine = named_states(o) if o.block is None else named_states(o, o.state, o.city)
        if o.block is None or (o.state and mine and o.state not in mine):
            for state in mine:
                found.setdefault(("", state), []).append((o.id, o.name))
        city, state = _listed_city(o)
        if city and (o.block is None or (o.city and words(o.city) != city)):
            found.setdefault((city, state), []).append((o.id, o.name))
    return found


def _withheld(c: Center) -> tuple[tuple[str, object], ...]:
    """(field, value) of each value of the center's block it publishes: its place line's parts, then the others."""
    told = {id(nf.value) for nf in c.neighbor_fits if nf.holder_id == c.id}
    places = [(f, c.value(f)) for f in FIELDS.of_kind(Kind.PLACE) if c.value(f) is not None]
    return (*places, *((f, v) for f, v, published in candidates(c) if published and id(v) not in told))


def _below_place(c: Center) -> tuple[FieldLine, str, tuple[tuple[str, Value], ...]] | None:
    """The first line of the block that is a place line of another state than
    its own, that state, and the published values below it, where at least one
    value below it places the center in that state and none elsewhere; None
    otherwise (a stray place line among its own center's values stays)."""
    lines = c.block.fields if c.block is not None and c.state else ()
    for i, line in enumerate(lines):
        place = parse_place(line.text) if line.label == UNRECOGNIZED_LABEL else None
        if place is None or place.state == c.state:
            continue
        below = {(other.ref, other.text) for other in lines[i + 1:]}
        values = [(f, v, published) for f, v, published in candidates(c) if (v.ref, v.text) in below]
        states = {v.signal.state for _, v, _ in values if v.signal and v.signal.state}
        if states != {place.state}:
            return None
        return line, place.state, tuple((f, v) for f, v, published in values if published)
    return None


def _theirs(centers: dict[str, Center], fits, values) -> tuple[tuple[str, str, str], ...]:
    return tuple((oid, f, centers[oid].source_text(f) or "") for oid, _ in fits for f, _ in values)


Free = Callable[[tuple[str, str], str], tuple[tuple[str, str], ...]]


def _by_state(c: Center, centers: dict[str, Center], free: Free) -> StrayBlock | None:
    """The center's block as another's, when its name names another state than the block's place."""
    named = named_states(c, c.state, c.city)
    if not named or c.state in named or not _agrees(c):
        return None
    fits = free(("", c.state), c.id)
    if not fits:
        return None
    code, (by, text) = next(iter(named.items()))
    values = _withheld(c)
    return StrayBlock(c.id, c.name, c.state, code, by, text, fits, values, _theirs(centers, fits, values))


def _listed_city(o: Center) -> tuple[str, str]:
    """The city (as `words`) and state (USPS code) a center's list entry gives ("" and "" when none)."""
    e = o.entry
    return (words(e.list_city), state_code(e.list_state)) if e is not None and e.list_city else ("", "")


def _by_city(c: Center, centers: dict[str, Center], free: Free) -> StrayBlock | None:
    """The center's block as another's, when its list entry places it in another city of the block's
    state, and a listed center that the list places in the block's city has no block of its own (none,
    or one in another city than its list gives)."""
    city, state = _listed_city(c)
    if not city or state != c.state or not c.city or city == words(c.city) or not _agrees(c):
        return None
    fits = free((words(c.city), c.state), c.id)
    if not fits:
        return None
    values = _withheld(c)
    return StrayBlock(c.id, c.name, c.state, c.state, "list_city", c.entry.list_city, fits, values,
                      _theirs(centers, fits, values), place=c.city)


def _by_place_line(c: Center, centers: dict[str, Center], free: Free) -> StrayBlock | None:
    """The values below a second place line of the block, of another state, as another center's."""
    below = _below_place(c)
    if below is None or not below[2]:
        return None
    line, state, values = below
    fits = free(("", state), c.id)
    return StrayBlock(c.id, c.name, state, c.state, "place", "", fits, values, _theirs(centers, fits, values), line)


def fit_strays(centers: dict[str, Center]) -> dict[str, Center]:
    """The centers, each block that fits another center better than the one it
    stands under withheld from it, and the fact told on both (`StrayBlock`)."""
    found: dict[str, list[StrayBlock]] = {}
    index: list[dict[tuple[str, str], list[tuple[str, str]]]] = []  # built on the first doubted block

    def free(key: tuple[str, str], holder: str) -> tuple[tuple[str, str], ...]:
        """(id, name) of the listed centers without a block of their own under `key`, but the holder."""
        if not index:
            index.append(_free(centers))
        return tuple(f for f in index[0].get(key, ()) if f[0] != holder)

    for c in centers.values():
        if c.block is None or not c.state:
            continue
        stray = _by_state(c, centers, free) or _by_city(c, centers, free) or _by_place_line(c, centers, free)
        if stray is None:
            continue
        told = stray.fits if stray.line is None or len(stray.fits) == 1 else ()
        for cid in (c.id, *(oid for oid, _ in told)):
            found.setdefault(cid, []).append(stray)
    for cid, strays in found.items():
        c = centers[cid]
        withheld = tuple(Override(f, None, ORIGIN if s.line is None else BELOW_ORIGIN, withheld=True)
                         for s in strays if s.holder_id == cid for f, _ in s.values)
        centers[cid] = replace(c, stray_blocks=tuple(strays), overrides=(*c.overrides, *withheld))
    return centers
