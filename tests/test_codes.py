"""The registry of finding codes (pipeline/codes.py) holds every sentence: rules and
normalizers give codes and details as keys, the registry's words say them.

Cost: no build; under a second.
"""
from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from pipeline.codes import CODES, finding, reason, words_of

ROOT = Path(__file__).resolve().parent.parent
# The modules that make findings or give issue codes: they pass keys, never sentences.
KEYS_ONLY = sorted([*(ROOT / "pipeline" / "check").glob("*.py"), *(ROOT / "pipeline" / "normalize").glob("*.py")])
# How many words make a sentence fragment a person reads.
WORDS = 3


def _fragments(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module, docstrings left out, of WORDS words or more."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docstrings and len(n.value.split()) >= WORDS]


# Text that normalize publishes as data (the coordinate_source column), not a finding's words.
PUBLISHED = {("dataset.py", "; the ZIP code "), ("dataset.py", " is withheld ("), ("geo.py", "whose city is"),
             ("geo.py", "that accept the city name"), ("geo.py", ": mean of the ")}


@pytest.mark.parametrize("path", KEYS_ONLY, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rules_and_normalizers_write_no_sentences(path):
    found = [(line, text) for line, text in _fragments(path) if (path.name, text) not in PUBLISHED]
    assert found == [], f"{path.name} writes words the code registry should hold: {found}"


def test_the_guard_sees_a_sentence(tmp_path):
    probe = tmp_path / "rule.py"
    probe.write_text('def rule():\n    """A docstring of many words."""\n    return f"the fax may be {x}"\n',
                     encoding="utf-8")
    assert [text for _, text in _fragments(probe)] == ["the fax may be "]


@pytest.mark.parametrize("code", sorted(c for c in CODES if CODES[c].words))
def test_every_word_entry_names_only_placeholders(code):
    """Each entry of a code's words formats with named details or positional arguments only."""
    for table in CODES[code].words.values():
        for entry in table.values():
            fields = [f for _, f, _, _ in string.Formatter().parse(entry) if f is not None]
            assert all(f.split("!")[0].isidentifier() or f.isdigit() for f in fields), (code, entry)


@pytest.mark.parametrize("details, message", [
    ({"differences": ["colon"]}, "the heading has a colon where the list has a semicolon"),
    ({"differences": ["link_brackets", ("adds", "CFIX")]},
     'the heading is wrapped in link brackets; the heading adds "(CFIX)"'),
    ({"differences": [("leaves_out", "Guam"), "no_place"]},
     'the heading leaves out "(Guam)"; the heading leaves out the list\'s "; City, ST"'),
], ids=["one", "two with an argument", "argument then key"])
def test_a_list_of_keys_is_said_key_by_key(details, message):
    f = finding("HEADING_DIFFERS_FROM_LIST", value="H", list_text="L", list_name="N", **details)
    assert f.message == f"The heading 'H' differs from the list's 'L': {message}."


@pytest.mark.parametrize("advice, suggestion", [
    ("", "Check the number with the center."),
    ("fax_like_phone", "The phone's area code is 860; the fax may be (860) 706-5535. Confirm before changing it."),
])
def test_a_case_picks_its_suggestion(advice, suggestion):
    f = finding("AREA_CODE_OUT_OF_STATE", value="(806) 706-5535", label="Fax", area_code="806", place="Texas",
                state="Connecticut", advice=advice, phone_area_code="860", likely="(860) 706-5535")
    assert f.suggestion == suggestion
    assert f.message == "The Fax (806) 706-5535 has area code 806, which belongs to Texas, not to Connecticut."


def test_a_detail_not_given_is_said_by_its_empty_entry():
    assert words_of("WEBSITE_INVALID", {"problem": "empty"})["advice"] == "Find the center's website."


@pytest.mark.parametrize("issue, details, expected", [
    ("PHONE_INVALID", {"problem": "foreign", "region": "GB"}, "a number of region GB, not of the United States"),
    ("LOCATION_MALFORMED", {"problem": "not_state"}, "not a state or territory of USPS Publication 28"),
    ("WEBSITE_INVALID", {"problem": "host", "host": "localhost"}, "the host localhost is not a domain name"),
    ("EMAIL_INVALID", {"problem": "The email address is not valid."}, "The email address is not valid."),
    ("EMAIL_MIXED_SCRIPT", {"domain": "x.gov", "scripts": "Latin and Cyrillic"}, "EMAIL_MIXED_SCRIPT"),
], ids=["phone", "state", "website", "email-validator's own reason", "no problem: the code"])
def test_reason_says_a_normalizer_issue_in_its_codes_words(issue, details, expected):
    assert reason(issue, details) == expected
