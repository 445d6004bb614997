"""The certain fixes (FIXES): each applied where it is certain, and nowhere else.

Made-up captures go through the real path (see made_up.py); E.164 forms below
are written by hand from the made-up text.
"""
from __future__ import annotations

import pytest

from pipeline.check.fixes import FIXES, swap_phone_labels
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
    fixed = checked.center(SC_ID)
    assert (fixed.phone.value, fixed.toll_free.value, fixed.fixes) == \
        ("+18035550111", "+18665550110", ("PHONE_LABELS_SWAPPED",))
    # Each number keeps its verbatim text and its line.
    assert (fixed.phone.text, fixed.phone.ref.line) == \
        ("(803) 555-0111", line_number(text, "Toll-Free: (803) 555-0111"))
    assert (fixed.toll_free.text, fixed.toll_free.ref.line) == \
        ("(866) 555-0110", line_number(text, "Phone: (866) 555-0110"))
    # The normalized records, before the checks, are left as the source says.
    before = next(c for c in checked.normalized.centers if c.id == SC_ID)
    assert (before.phone.value, before.toll_free.value, before.fixes) == ("+18665550110", "+18035550111", ())


def test_swap_is_applied_once():
    checked = check(capture([block(SC, SC_AT, "Phone: (866) 555-0110", "Toll-Free: (803) 555-0111", *TAIL)]))
    fixed = checked.center(SC_ID)
    again, notes = swap_phone_labels(fixed)
    assert again is fixed and notes == []


# Phone lines near the fix's edge: it must not apply. The center's findings
# show what is reported instead.
NOT_SWAPPED = [
    ("labels-right", ("Phone: (803) 555-0110", "Toll-Free: (866) 555-0111"), set()),
    ("toll-free-phone-alone", ("Phone: (866) 555-0110",), {("phone", "PHONE_IS_TOLL_FREE")}),
    ("geographic-toll-free-beside-geographic-phone", ("Phone: (803) 555-0110", "Toll-Free: (803) 555-0111"),
     {("toll_free", "TOLL_FREE_IS_GEOGRAPHIC")}),
    ("geographic-toll-free-alone", ("Fax: (803) 555-0110", "Toll-Free: (803) 555-0111"),
     {("toll_free", "TOLL_FREE_IS_GEOGRAPHIC")}),
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
    before = next(c for c in checked.normalized.centers if c.id == SC_ID)
    after, notes = swap_phone_labels(before)
    assert after is before and notes == []
    assert checked.center(SC_ID).fixes == ()
    assert {(field, code) for cid, field, code in checked.keys() if cid == SC_ID} == expected
