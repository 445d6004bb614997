"""Names: reconciling the DHS list with the contact listing's headings."""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from pipeline.records import ContactBlock, ListEntry, MatchMethod
from pipeline.text import name_key

# Below this similarity two names are different centers. 0.88 accepts a word
# added or dropped in a long name and rejects "Kansas Intelligence Fusion
# Center" against "Kansas City Terrorism Early Warning Fusion Center" (0.69).
FUZZY_THRESHOLD = 0.88

EXACT, NORMALIZED, FUZZY, UNMATCHED = MatchMethod

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """A stable id: the name in lower-case ASCII words joined by "-"."""
    text = text.replace("&", " and ").replace(".", "")  # "U.S." -> "us", "D.C." -> "dc"
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(_NOT_WORD.sub(" ", text.lower()).split()) or "unnamed"


class Match(NamedTuple):
    """A list entry and the contact block paired with it (None for the side that
    has no partner), how they were paired, and the similarity (1.0 for exact
    and normalized, 0.0 for unmatched)."""

    entry: ListEntry | None
    block: ContactBlock | None
    method: MatchMethod
    score: float


def _index_by(blocks: list[ContactBlock], key) -> dict[str, list[int]]:
    """Block positions by a key of their heading, in source order."""
    index: dict[str, list[int]] = {}
    for b, block in enumerate(blocks):
        index.setdefault(key(block.heading), []).append(b)
    return index


def _fuzzy_pairs(entries: list[ListEntry], blocks: list[ContactBlock], pending: list[int],
                 left: list[int]) -> list[tuple[float, int, int]]:
    """(similarity, entry, block) of every leftover pair, most similar first."""
    if not (pending and left):
        return []
    from difflib import SequenceMatcher  # 12 ms to import: only for leftover names
    keys = {b: name_key(blocks[b].heading) for b in left}
    return sorted(((SequenceMatcher(None, name_key(entries[i].text), keys[b]).ratio(), i, b)
                   for i in pending for b in left), key=lambda t: (-t[0], t[1], t[2]))


def reconcile(entries: list[ListEntry], blocks: list[ContactBlock]) -> list[Match]:
    """Pair each list entry with its contact block, by exact, normalized, then
    fuzzy name. Every entry and every block appears once in the result; one
    with no partner is paired with None and method "unmatched".

    Exact and normalized matching look blocks up in an index, so the work
    grows linearly with the listing; only the entries left over after them
    are compared pairwise for the fuzzy step.
    """
    free = [True] * len(blocks)

    def take(index: dict[str, list[int]], *keys: str) -> int | None:
        """The first free block under the first of `keys` that has one, now taken;
        None when there is none."""
        for key in keys:
            for b in index.get(key, ()):
                if free[b]:
                    free[b] = False
                    return b
        return None

    by_entry: dict[int, Match] = {}
    by_heading = _index_by(blocks, lambda h: h)
    for i, entry in enumerate(entries):
        b = take(by_heading, entry.text, entry.name)
        if b is not None:
            by_entry[i] = Match(entry, blocks[b], EXACT, 1.0)
    by_key = _index_by(blocks, name_key)
    pending: list[int] = []
    for i, entry in enumerate(entries):
        if i in by_entry:
            continue
        b = take(by_key, name_key(entry.text))
        if b is not None:
            by_entry[i] = Match(entry, blocks[b], NORMALIZED, 1.0)
        else:
            pending.append(i)
    # Fuzzy: best pairs first, so one near-miss cannot steal another's block.
    left = [b for b in range(len(blocks)) if free[b]]
    for score, i, b in _fuzzy_pairs(entries, blocks, pending, left):
        if score < FUZZY_THRESHOLD:
            break
        if i in by_entry or not free[b]:
            continue
        by_entry[i] = Match(entries[i], blocks[b], FUZZY, round(score, 3))
        free[b] = False
    matches = [by_entry.get(i, Match(entry, None, UNMATCHED, 0.0)) for i, entry in enumerate(entries)]
    matches += [Match(None, blocks[b], UNMATCHED, 0.0) for b in range(len(blocks)) if free[b]]
    return matches
