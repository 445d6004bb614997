"""The certain fixes (FIXES): each applied where it is certain, and nowhere else.

Made-up captures go through the real path (see made_up.py); E.164 forms below
are written by hand from the made-up text.
"""
from __future__ import annotations

import pytest

from pipeline.normalize.fixes import FIXES, swap_phone_labels
from tests.check.made_up import block, capture, check, line_number, source_name

SC = "Carolina Test Center"
SC_ID = "carolina-test-center"
SC_AT = "Columbia, South Carolina"
TAIL = ("ctc@sled.sc.gov", "www.ctc.sc.gov")


def test_the_fixes_are_the_ones_tested_here():
    assert FIXES == [swap_phone_labels]


def test_swapped_labels_are_fixed_and_reported():
    text = capture([block(SC, SC_AT, "Phone: (866) 555-0110", "Toll-Free: (803) 555-0111", *TAIL)])
    checked = check(text)
    # The finding keeps the original Phone value and points at its line.
    f = checked.only(SC_ID, "phone", "PHONE_LABELS_SWAPPED")
    assert (f.severity, f.status, f.value, f.source, f.line) == \
        ("warning", "fixed", "(866) 555-0110", source_name(0), line_number(text, "Phone: (866) 555-0110"))
    # No other finding: neither the toll-free Phone nor the geographic Toll-Free.
    assert {k for k in checked.keys() if k[0] == SC_ID} == {(SC_ID, "phone", "PHONE_LABELS_SWAPPED")}
    center = checked.center(SC_ID)
    phone, toll_free = center.published("phone"), center.published("toll_free")
    assert (phone.value, toll_free.value, center.fixes) == ("+18035550111", "+18665550110", ("PHONE_LABELS_SWAPPED",))
    # Each published number keeps its verbatim text and its line.
    assert (phone.text, phone.ref.line) == ("(803) 555-0111", line_number(text, "Toll-Free: (803) 555-0111"))
    assert (toll_free.text, toll_free.ref.line) == ("(866) 555-0110", line_number(text, "Phone: (866) 555-0110"))
    # The source values stay as the source says, for the rules to judge.
    assert (center.value("phone").value, center.value("toll_free").value) == ("+18665550110", "+18035550111")


def test_swap_is_judged_on_the_source_values():
    checked = check(capture([block(SC, SC_AT, "Phone: (866) 555-0110", "Toll-Free: (803) 555-0111", *TAIL)]))
    center = checked.center(SC_ID)
    assert [(o.field, o.origin) for o in swap_phone_labels(center)] == \
        [("phone", "PHONE_LABELS_SWAPPED"), ("toll_free", "PHONE_LABELS_SWAPPED")]


# Phone lines near the fix's edge: it must not apply. The center's findings
# show what is reported instead.
NOT_SWAPPED = [
    ("labels-right", ("Phone: (803) 555-0110", "Toll-Free: (866) 555-0111"), set()),
    ("toll-free-phone-alone", ("Phone: (866) 555-0110",), {("phone", "PHONE_IS_TOLL_FREE")}),
    ("geographic-toll-free-beside-geographic-phone", ("Phone: (803) 555-0110", "Toll-Free: (803) 555-0111"),
     {("toll_free", "TOLL_FREE_IS_GEOGRAPHIC")}),
    ("geographic-toll-free-alone", ("Fax: (803) 555-0110", "Toll-Free: (803) 555-0111"),
     {("toll_free", "TOLL_FREE_IS_GEOGRAPHIC"), ("phone", "NO_MAIN_PHONE")}),
    ("both-toll-free", ("Phone: (866) 555-0110", "Toll-Free: (888) 555-0111"), {("phone", "PHONE_IS_TOLL_FREE")}),
    ("invalid-phone-beside-geographic-toll-free", ("Phone: (866) 555-01", "Toll-Free: (803) 555-0111"),
     {("phone", "PHONE_INVALID"), ("toll_free", "TOLL_FREE_IS_GEOGRAPHIC")}),
    ("toll-free-phone-beside-invalid-toll-free", ("Phone: (866) 555-0110", "Toll-Free: (803) 555-01"),
     {("phone", "PHONE_IS_TOLL_FREE"), ("toll_free", "PHONE_INVALID")}),
    ("toll-free-alternate-beside-geographic-toll-free",
     ("Phone: (803) 555-0112", "Alternate Phone: (866) 555-0110", "Toll-Free: (803) 555-0111"),
     {("toll_free", "TOLL_FREE_IS_GEOGRAPHIC")}),
]


@pytest.mark.parametrize("lines, expected", [(l, e) for _, l, e in NOT_SWAPPED], ids=[i for i, _, _ in NOT_SWAPPED])
def test_swap_does_not_apply(lines, expected):
    checked = check(capture([block(SC, SC_AT, *lines, *TAIL)]))
    assert swap_phone_labels(checked.center(SC_ID)) == ()
    assert checked.center(SC_ID).fixes == ()
    assert {(field, code) for cid, field, code in checked.keys() if cid == SC_ID} == expected
