"""The one table of normalizers: each value field's, by its kind in the registry
of value fields (`pipeline.fields`), a place field's by its part of the place.
The sources' values and the reviewers' decisions go through it alike.

A normalizer takes a text and gives a `Parsed` result, as phonenumbers and
email-validator do; `normalize_value` is the one place that attaches where the
text stood (its `SourceRef`, label and source line) to make a `Value`.
"""
from __future__ import annotations

from collections.abc import Callable

from pipeline.fields import FIELDS, Kind
from pipeline.normalize.email import normalize_email
from pipeline.normalize.phone import normalize_phone
from pipeline.normalize.place import PARTS
from pipeline.normalize.website import normalize_website
from pipeline.records import Parsed, SourceRef, Value

Normalizer = Callable[[str], Parsed]
_BY_KIND: dict[Kind, Normalizer] = {Kind.PHONE: normalize_phone, Kind.EMAIL: normalize_email,
                                    Kind.URL: normalize_website}
NORMALIZERS: dict[str, Normalizer] = {f.name: PARTS[f.name] if f.kind == Kind.PLACE else _BY_KIND[f.kind]
                                      for f in FIELDS.all}


def normalize_value(field: str, text: str, ref: SourceRef | None, label: str, evidence: str = "") -> Value:
    """`text` as a value of `field`, read by the field's normalizer, with where it stood."""
    return Value.of(NORMALIZERS[field](text), text, ref, label, evidence)
