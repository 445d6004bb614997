from dataclasses import replace

import pytest

from pipeline.normalize.dataset import build_center
from pipeline.normalize.names import EXACT, FUZZY, NORMALIZED, UNMATCHED, reconcile, slug
from pipeline.text import name_key, strip_place_suffix
from pipeline.text import Place, parse_place
from pipeline.records import ContactBlock, FieldLine, ListEntry, SourceRef
from pipeline.reference import UNRECOGNIZED_LABEL


@pytest.mark.parametrize("text, expected", [
    ("Montgomery, Alabama", Place("Montgomery", "AL", "", ())),
    ("Augusta, Maine 04330-0164", Place("Augusta", "ME", "04330-0164", ())),
    ("Washington, DC, Washington DC", Place("Washington", "DC", "", ("Washington DC",))),
    ("Agana Heights, Guam", Place("Agana Heights", "GU", "", ())),
    ("Hato Rey, Puerto Rico", Place("Hato Rey", "PR", "", ())),
    ("St. Thomas, Virgin Islands", Place("St. Thomas", "VI", "", ())),
    ("Cincinnati, OH", Place("Cincinnati", "OH", "", ())),
    ("St. Paul, Minnesota", Place("St. Paul", "MN", "", ())),
    ("Town, Atlantis", None),
    ("Dallas Fusion Center; Dallas, TX", None),
    ("No comma here", None),
], ids=lambda v: str(v)[:30])
def test_parse_place(text, expected):
    assert parse_place(text) == expected


@pytest.mark.parametrize("a, b", [
    ("[Wisconsin Statewide Information Center](#)", "Wisconsin Statewide Information Center"),
    ("Los Angeles Joint Regional Intelligence Center: Los Angeles, CA",
     "Los Angeles Joint Regional Intelligence Center; Los Angeles, CA"),
    ("Central Florida Intelligence Exchange (CFIX)", "Central Florida Intelligence Exchange; Orlando, FL"),
    ("Louisiana State Analytical & Fusion Exchange", "Louisiana State Analytical and Fusion Exchange"),
])
def test_name_keys_agree(a, b):
    assert name_key(a) == name_key(b)


def test_name_keys_keep_different_centers_apart():
    assert name_key("Kansas Intelligence Fusion Center") != name_key("Kansas City Terrorism Early Warning Fusion Center")


@pytest.mark.parametrize("name, expected", [
    ("U.S. Virgin Islands Fusion Center", "us-virgin-islands-fusion-center"),
    ("Louisiana State Analytical & Fusion Exchange", "louisiana-state-analytical-and-fusion-exchange"),
    ("Cincinnati/Hamilton County Regional Terrorism Early Warning Group",
     "cincinnati-hamilton-county-regional-terrorism-early-warning-group"),
])
def test_slug(name, expected):
    assert slug(name) == expected


def _entry(text, line):
    name = text.split(";")[0]
    return ListEntry(text, name, "primary", "", "", "", SourceRef("l.txt", line), "u")


def _block(heading, line):
    return ContactBlock(heading, SourceRef("b.txt", line), None, (), "u")


def test_reconcile_methods_and_leftovers():
    entries = [_entry("Alpha Fusion Center", 1), _entry("Beta Intelligence Center; Town, OH", 2),
               _entry("Gamma Statewide Information Analysis Center", 3), _entry("Delta Center", 4)]
    blocks = [_block("Alpha Fusion Center", 10), _block("Beta Intelligence Center: Town, OH", 20),
              _block("Gamma Statewide Information & Analysis Centre", 30), _block("Omega Watch Office", 40)]
    got = {(m.entry.ref.line if m.entry else None, m.block.heading_ref.line if m.block else None): m.method
           for m in reconcile(entries, blocks)}
    assert got == {(1, 10): EXACT, (2, 20): NORMALIZED, (3, 30): FUZZY, (4, None): UNMATCHED,
                   (None, 40): UNMATCHED}


CUT_ENTRY = ListEntry("Boston Regional Intelligence", "Boston Regional Intelligence", "recognized", "", "", "",
                      SourceRef("l.pdf", 46, 2), "u")
TAIL = (FieldLine(UNRECOGNIZED_LABEL, "Center; Boston, MA", SourceRef("l.pdf", 47, 2), "Center; Boston, MA"),)


@pytest.mark.parametrize("text, unread, heading, name", [
    # its tail stands unread after it, or its name does not end as names do: cut short
    ("Boston Regional Intelligence", TAIL, "Boston Regional Intelligence Center; Boston, MA",
     "Boston Regional Intelligence Center"),
    ("Boston Regional Intelligence", (), "Boston Regional Intelligence Center; Boston, MA",
     "Boston Regional Intelligence Center"),
    # a whole name, and a heading with more words after a whole name: the list's name, as before
    ("Boston Regional Intelligence Center", (), "Boston Regional Intelligence Center Annex",
     "Boston Regional Intelligence Center"),
    ("Boston Regional Intelligence Center", (), "Boston Regional Intelligence Center Boston",
     "Boston Regional Intelligence Center"),
], ids=["tail unread", "no name's end", "whole", "heading runs on"])
def test_a_list_entry_cut_short_takes_its_blocks_whole_name(text, unread, heading, name):
    """A list entry whose name a column's foot cut ("Boston Regional Intelligence", its tail
    "Center; Boston, MA" read into no entry at the next column's top), paired by a similar name
    with its block: the center is published under the heading's whole name (and id), where its
    findings name it; under the cut name it would stand in for the real center, named by none."""
    entry = replace(CUT_ENTRY, text=text, name=text, unread=unread)
    block = _block(heading, 37)
    [match] = reconcile([entry], [block])
    assert match.method == FUZZY
    center = build_center(match)
    assert (center.name, center.id) == (name, slug(name))


@pytest.mark.parametrize("text, heading, name", [
    # the entry's first word or two lost: the heading's name
    ("Regional Intelligence Center; Austin, TX", "Austin Regional Intelligence Center; Austin, TX",
     "Austin Regional Intelligence Center"),
    ("Virgin Islands Fusion Center", "U.S. Virgin Islands Fusion Center", "U.S. Virgin Islands Fusion Center"),
    # the heading's first word lost, or three lost from the entry: the list's name, as before
    ("Austin Regional Intelligence Center", "Regional Intelligence Center", "Austin Regional Intelligence Center"),
    ("Counter-Terrorism Information Center", "Arizona State Counter-Terrorism Information Center",
     "Counter-Terrorism Information Center"),
    # the entry cut inside its parenthesis: the heading's name
    ("Southern Nevada Counter-Terrorism Center (Las Vegas,", "Southern Nevada Counter-Terrorism Center (Las Vegas, "
     "Nevada)", "Southern Nevada Counter-Terrorism Center (Las Vegas, Nevada)"),
    # a heading set after its number in a numbered list: no word lost, the list's name
    ("Chicago Crime Prevention and Information Center", "10. Chicago Crime Prevention and Information Center",
     "Chicago Crime Prevention and Information Center"),
], ids=["first word", "first two words", "heading's word", "three words", "cut in parenthesis", "list number"])
def test_a_list_entry_without_its_first_word_takes_its_blocks_name(text, heading, name):
    """A list entry that is its block's heading without its first word or two (or cut inside a
    parenthesis it opens), paired by a similar name: the center is published under the heading's name (and id), where NAME_FUZZY_MATCH names it."""
    entry = replace(CUT_ENTRY, text=text, name=strip_place_suffix(text))
    matches = reconcile([entry], [_block(heading, 37)])
    center = build_center(matches[0])
    assert (center.name, center.id) == (name, slug(name))


@pytest.mark.parametrize("text, heading, name", [
    # a space inside a word of the entry (a reader's stray space): the heading's name
    ("El Paso Multi-Agency Tactical R esponse Information eXchange (MATRIX)",
     "El Paso Multi-Agency Tactical Response Information eXchange (MATRIX); El Paso, TX",
     "El Paso Multi-Agency Tactical Response Information eXchange (MATRIX)"),
    ("Houston Regional Intelligence S ervice Center", "Houston Regional Intelligence Service Center",
     "Houston Regional Intelligence Service Center"),
    # two words the heading writes together, a word broken in the heading: the list's name, as before
    ("Southern Nevada Counter Terrorism Center", "Southern Nevada CounterTerrorism Center",
     "Southern Nevada Counter Terrorism Center"),
    ("Houston Regional Intelligence Service Center", "Houston Regional Intelligence S ervice Center",
     "Houston Regional Intelligence Service Center"),
    # a joining word the heading runs into the word before (a monospaced print's glued words): the
    # entry's "and" is a word, no piece of "Sharingand"
    ("North Carolina Information Sharing and Analysis Center",
     "North Carolina Information Sharingand Analysis Center",
     "North Carolina Information Sharing and Analysis Center"),
], ids=["entry broken", "entry broken, no place", "words together", "heading broken", "heading glued"])
def test_a_list_entry_with_a_word_broken_by_a_space_takes_its_blocks_name(text, heading, name):
    """A list entry that is its block's heading with a space inside one word ("Tactical R esponse"),
    paired by a similar name: the center is published under the heading's name (and id), where its
    NAME_FUZZY_MATCH names it; under the broken name it would be a center the list does not hold."""
    entry = replace(CUT_ENTRY, text=text, name=text)
    [match] = reconcile([entry], [_block(heading, 37)])
    assert match.method == FUZZY
    center = build_center(match)
    assert (center.name, center.id) == (name, slug(name))
