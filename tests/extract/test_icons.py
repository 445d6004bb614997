"""Icons before values (issue 15, item 4: typography from any producer): a page that sets a
pictograph before each value ("\u260e Phone: (334) 517-2660", "\u2709 fusioncenter@alacop.gov", as
web card designs do) marks the value as a bullet does; the icon is no part of the value, and a
value set without one under a value set with one is a value of its own.

`icon_cards.html` types capture lines 105-137 (Alabama, Alaska, Arizona) as three cards, the
phones and the email led by icons, the place and the website without; `icon_cards.pdf` is its
Chromium print (tests/fixtures/pdf/README.md).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.html import extract_html
from pipeline.text import without_icon
from tests.extract.drawn import LISTING_BLOCKS, read_blocks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"


def test_a_print_of_icon_led_values_gives_each_value_under_its_label():
    """The icons are markers, not text of the values; the email led by an icon and the website
    under it at the icon's x are two values, not one address "fusioncenter@alacop.govfusion.alabama.gov"."""
    data = (FIXTURES / "icon_cards.pdf").read_bytes()
    assert read_blocks(data, "icon_cards.pdf") == [(name.upper(), place, fields) for name, place, fields in LISTING_BLOCKS]


def test_an_html_page_of_icon_led_values_gives_each_value_under_its_label():
    data = (FIXTURES / "icon_cards.html").read_bytes()
    blocks = [(b.heading, b.location.text if b.location else None, [(f.label, f.text) for f in b.fields])
              for b in extract_html(data, "icon_cards.html", "").blocks]
    assert blocks == LISTING_BLOCKS


@pytest.mark.parametrize("text, read", [
    ("\u260e Phone: (334) 517-2660", "Phone: (334) 517-2660"),
    ("\U0001F4CD Montgomery, Alabama", "Montgomery, Alabama"),
    ("\u260e\ufe0f Fax: (334) 517-2746", "Fax: (334) 517-2746"),
    ("\u00a9 2026 Fusion Center Directory", "\u00a9 2026 Fusion Center Directory"),  # no icon: a sign
    ("\u260e", "\u260e"),  # an icon alone leads no value
])
def test_an_icon_and_a_space_lead_a_line(text, read):
    assert without_icon(text) == read
