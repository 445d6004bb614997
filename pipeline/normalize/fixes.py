"""Fixes that are certain from the data alone, applied to what is published.

Each fix takes a center and gives the overrides it makes: the published
values that replace the source's, the source values kept for the rules to
judge. The rule that reports the same problem (same code) finds it on the
source values; check marks its finding fixed. A doubtful problem is never
fixed here: it is only a rule's finding.
"""
from __future__ import annotations

from collections.abc import Callable

from pipeline.fields import MAIN_PHONE, TOLL_FREE as TOLL_FREE_FIELD
from pipeline.records import Center, Override, PhoneType



def swap_phone_labels(c: Center) -> tuple[Override, ...]:
    """A Phone that is toll-free beside a Toll-Free that is geographic: the
    two labels are swapped (South Carolina). Both types come from
    phonenumbers, so the relabeling needs no guess."""
    ph, tf = c.value(MAIN_PHONE), c.value(TOLL_FREE_FIELD)
    if not (ph and tf and ph.value and tf.value and ph.phone_type == PhoneType.TOLL_FREE
            and tf.phone_type == PhoneType.GEOGRAPHIC):
        return ()
    return (Override(MAIN_PHONE, tf, "PHONE_LABELS_SWAPPED"), Override(TOLL_FREE_FIELD, ph, "PHONE_LABELS_SWAPPED"))


Fix = Callable[[Center], tuple[Override, ...]]
FIXES: list[Fix] = [swap_phone_labels]
