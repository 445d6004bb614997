"""Fixes that are certain from the data alone, applied to the cleaned records.

Each fix takes a center and gives it back, changed or not, with the finding
that reports what it changed (status "fixed", the original value kept).
A doubtful problem is never fixed here: it is a rule's finding.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from pipeline.check.codes import finding
from pipeline.normalize.phone import GEOGRAPHIC, TOLL_FREE
from pipeline.records import Center, Finding


def swap_phone_labels(c: Center) -> tuple[Center, list[Finding]]:
    """A Phone that is toll-free beside a Toll-Free that is geographic: the
    two labels are swapped (South Carolina). Both types come from
    phonenumbers, so the relabeling needs no guess."""
    ph, tf = c.phone, c.toll_free
    if not (ph and tf and ph.value and tf.value and ph.kind == TOLL_FREE and tf.kind == GEOGRAPHIC):
        return c, []
    fixed = replace(c, phone=tf, toll_free=ph, fixes=(*c.fixes, "PHONE_LABELS_SWAPPED"))
    note = finding(
        "PHONE_LABELS_SWAPPED", c, "phone", ph.text,
        f"The Phone {ph.text} is a toll-free number and the Toll-Free {tf.text} is a geographic one "
        f"(line {tf.ref.line if tf.ref else '?'}): the labels are swapped.",
        f"Relabeled: phone {tf.value}, toll_free {ph.value}.", ph.ref, status="fixed")
    return fixed, [note]


Fix = Callable[[Center], tuple[Center, list[Finding]]]
FIXES: list[Fix] = [swap_phone_labels]
