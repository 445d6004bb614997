"""A listing's last blocks as a word processor prints them: a link's underline drawn with the space
its line ends on, a last page whose columns are one block each, a last line on a page of its own."""
from __future__ import annotations

import pytest

from tests.extract.drawn import drawn_page, read_blocks

# Typed from the capture: its last three blocks (lines 753-773).
WASHINGTON = ("Washington State Fusion Center", "Seattle, Washington",
              [("Phone", "(877) 843-9522"), ("Email", "intake@wsfc.wa.gov")])
WEST_VIRGINIA = ("West Virginia Intelligence Fusion Center", "Charleston, West Virginia",
                 [("Phone", "(304) 558-4831"), ("Email", "wvfusion@wv.gov"),
                  ("Website", "www.fusioncenter.wv.gov")])
WISCONSIN = ("Wisconsin Statewide Information Center", "Madison, Wisconsin",
             [("Phone", "(608) 242-5393"), ("Email", "wsic@doj.state.wi.us"),
              ("Website", "www.doj.state.wi.us/dci")])


def _body(block: tuple) -> list[str]:
    """A block's lines under its heading: its place line and its values."""
    return [block[1], *(f"{label}: {text}" if label == "Phone" else text for label, text in block[2])]


@pytest.mark.parametrize("underlined", ["Wisconsin Statewide", "Wisconsin Statewide "])
def test_a_link_s_underline_with_its_line_s_end_space_is_no_border(underlined):
    """A heading that is a link, wrapped over two lines, its first line's underline drawn on to the
    end of the space glyph the line ends on: an underline still, no ruling that parts the heading's
    two lines."""
    def draw(c):
        c.setFont("Times-Roman", 12)
        y = 700
        for text in [WASHINGTON[0], *_body(WASHINGTON), "", "West Virginia Intelligence", "Fusion Center", *_body(WEST_VIRGINIA)]:
            c.drawString(42, y, text)
            y -= 8 if not text else 16 + 8 * (text in ("Fusion Center", WASHINGTON[0]))
        c.drawString(42, y - 8, "Wisconsin Statewide ")
        c.setLineWidth(0.6)
        c.line(42, y - 12, 42 + c.stringWidth(underlined, "Times-Roman", 12), y - 12)
        c.drawString(42, y - 24, "Information Center")
        c.line(42, y - 28, 42 + c.stringWidth("Information Center", "Times-Roman", 12), y - 28)
        for i, text in enumerate(_body(WISCONSIN)):
            c.drawString(42, y - 48 - 16 * i, text)
    assert read_blocks(drawn_page(draw)) == [WASHINGTON, WEST_VIRGINIA, WISCONSIN]
