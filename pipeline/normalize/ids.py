"""Ids that survive a rename: each center's id from the id register.

A center whose name (by its name key) is one the register lists keeps that
entry's id. A center the register does not name takes the id of an entry
whose names are all gone from the sources when they are in the same state and
share at least `MIN_SHARED` contact values (phones, email, website): a rename,
linked automatically and reported (ID_KEPT_AFTER_RENAME). A weaker likeness
(the same state and one shared value, or two shared values in another state)
links nothing: a finding proposes the link to a reviewer (ID_LINK_PROPOSED).
Any other center gets the slug of its name, never an id the register holds
(a withdrawn id is not given to another center). The build only reads the
register; `python -m pipeline ids` proposes the next one.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipeline.records import Center, IdLink
from pipeline.register import RegisterEntry, contacts
from pipeline.text import name_key

# Two equal values: one shared switchboard number is common to neighbors; a
# phone and an email (or fax) together are the center's own.
MIN_SHARED = 2


def _free(slug: str, taken: set[str]) -> str:
    n, candidate = 1, slug
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def assign_ids(centers: Sequence[Center], register: Sequence[RegisterEntry]) -> tuple[list[Center], tuple[IdLink, ...]]:
    """The centers with their register ids, and the rename links made or proposed.
    A listed center (with a list entry) is served first, so it wins its name's
    entry, and its slug, over an unmatched duplicate."""
    if not register:
        return list(centers), ()
    by_name: dict[str, RegisterEntry] = {}
    for e in register:
        for n in e.names:
            by_name.setdefault(name_key(n), e)
    registered = {e.id for e in register}
    taken: set[str] = set()
    out: list[Center] = []
    pending: list[Center] = []
    for c in sorted(centers, key=lambda c: (c.entry is None, c.block is None, c.source, c.source_line)):
        e = by_name.get(name_key(c.name))
        if e is not None and e.id not in taken:
            taken.add(e.id)
            out.append(replace(c, id=e.id))
        else:
            pending.append(c)
    present = {name_key(c.name) for c in centers}
    gone = [e for e in register if e.id not in taken and not any(name_key(n) in present for n in e.names)]
    links: list[IdLink] = []
    for c in pending:
        mine = set(contacts(c))
        scored = [(e, tuple(sorted(mine & set(e.contacts)))) for e in gone if e.id not in taken]
        renamed = [(e, s) for e, s in scored if e.state == c.state and len(s) >= MIN_SHARED]
        if len(renamed) == 1:
            e, shared = renamed[0]
            taken.add(e.id)
            out.append(replace(c, id=e.id))
            links.append(IdLink(e.id, e.id, e.names, c.name, shared, linked=True))
            continue
        new_id = _free(c.id, registered | taken)
        taken.add(new_id)
        out.append(replace(c, id=new_id))
        for e, shared in scored:
            if (e.state == c.state and shared) or len(shared) >= MIN_SHARED:
                links.append(IdLink(new_id, e.id, e.names, c.name, shared, linked=False))
    return out, tuple(sorted(links, key=lambda k: (k.center_id, k.register_id)))
