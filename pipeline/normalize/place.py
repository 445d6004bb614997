"""Places: a location line to city, USPS state code and ZIP.

The rules live in `pipeline.text`, which extract reads places with too.
"""
from __future__ import annotations

from pipeline.text import Place, looks_like_place, parse_place, place_code

__all__ = ["Place", "looks_like_place", "parse_place", "place_code"]
