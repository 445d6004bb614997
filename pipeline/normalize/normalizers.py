"""The one table of normalizers: each value field's, picked by its kind in the
registry of value fields (`pipeline.fields`). The sources' values and the
reviewers' decisions go through it alike."""
from __future__ import annotations

from collections.abc import Callable

from pipeline.fields import FIELDS, Kind
from pipeline.normalize.email import normalize_email
from pipeline.normalize.phone import normalize_phone
from pipeline.normalize.place import normalize_place_part
from pipeline.normalize.website import normalize_website
from pipeline.records import SourceRef, Value

Normalizer = Callable[..., Value]
NORMALIZERS: dict[Kind, Normalizer] = {Kind.PHONE: normalize_phone, Kind.EMAIL: normalize_email,
                                       Kind.URL: normalize_website}


def normalize_value(field: str, text: str, ref: SourceRef | None, label: str, evidence: str = "") -> Value:
    """`text` as a value of `field`, normalized by its kind's normalizer (a place
    part by the location line's rules), with its place in the source."""
    kind = FIELDS.by_name[field].kind
    if kind == Kind.PLACE:
        return normalize_place_part(field, text, ref, label, evidence)
    return NORMALIZERS[kind](text, ref, label, evidence=evidence)
