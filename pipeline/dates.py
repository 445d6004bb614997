"""Dates and calendar arithmetic, in one small module below the stages: check
measures a page's age with it and export draws the same ages."""
from __future__ import annotations

from datetime import date


def _anniversary(start: date, years: int) -> date:
    """`start` moved on by whole years; 29 February falls on 28 February."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def years_and_days(start: date, end: date) -> tuple[int, int]:
    """Calendar age of `start` on `end`: whole years, then the days left over.

    Counting 365-day years would drift by a day every leap year (eleven
    years are 4,018 days, not 4,015).
    """
    years = end.year - start.year
    if _anniversary(start, years) > end:
        years -= 1
    return years, (end - _anniversary(start, years)).days
