"""The stylesheet reader (`pipeline.extract.css`): declarations, media queries,
specificity and the cascade, on small pages."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from pipeline.errors import PipelineError
from pipeline.extract.css import Settings, declarations, media_applies, page_styles, specificity


@pytest.mark.parametrize("text, expected", [
    ("display: none", {"display": ("none", False)}),
    ("DISPLAY:None !important; color: RGB(255, 255, 255)", {"display": ("none", True),
                                                           "color": ("rgb(255,255,255)", False)}),
    ("background: #fff url(data:image/png;base64,AAA=) no-repeat; margin: 0",
     {"background": ("#fff url(data:image/png;base64,aaa=)no-repeat", False)}),
    ("display:none; display:block", {"display": ("block", False)}),
    ("display:none!important; display:block", {"display": ("none", True)}),
    ("font-weight: bold", {}),
], ids=["one", "important and case", "a semicolon in url()", "last wins", "important stays", "not a hiding property"])
def test_declarations(text, expected):
    assert declarations(text) == expected


@pytest.mark.parametrize("query, holds", [
    ("", True), ("screen", True), ("all", True), ("print", False), ("not print", True), ("only screen", True),
    ("screen and (min-width: 768px)", True), ("(max-width: 600px)", False), ("(min-width: 100em)", False),
    ("print, (min-width: 40em)", True), ("speech", False), ("(prefers-reduced-motion: reduce)", True),
])
def test_media_applies_on_a_desktop_screen(query, holds):
    assert media_applies(query) is holds


@pytest.mark.parametrize("selector, expected", [
    ("p", (0, 0, 1)), (".x", (0, 1, 0)), ("#a", (1, 0, 0)), ("div > span.w", (0, 1, 2)),
    ("#a.x", (1, 1, 0)), ("a[href]:hover", (0, 2, 1)), ("ul li", (0, 0, 2)),
])
def test_specificity(selector, expected):
    assert specificity(selector) == expected


def _styled(css: str, body: str):
    soup = BeautifulSoup(f"<html><head><style>{css}</style></head><body>{body}</body></html>", "html.parser")
    return soup, page_styles(soup, "page.html")


def test_the_cascade_orders_importance_inline_specificity_then_order():
    soup, styles = _styled("p{display:none} .x{display:block} #a{display:none} .y{display:inline!important}",
                           '<p>1</p><p class="x">2</p><p class="x" id="a">3</p>'
                           '<p class="x y" id="b" style="display:none">4</p><p class="x" style="display:none">5</p>')
    assert [styles.style(p).get("display") for p in soup.find_all("p")] == ["none", "block", "none", "inline", "none"]


def test_a_selector_soupsieve_cannot_read_is_left_out():
    soup, styles = _styled("p::before{display:none} p:::x{display:none} p{color:red}", "<p>1</p>")
    assert styles.style(soup.p) == {"color": "red"}


def test_too_many_rules_are_refused_in_one_line():
    css = "".join(f".c{i}{{display:none}}" for i in range(50))
    classes = " ".join(f"c{i}" for i in range(50))
    soup = BeautifulSoup(f'<html><head><style>{css}</style></head><body><p class="{classes}">x</p></body></html>',
                         "html.parser")
    assert page_styles(soup, "page.html").ruled
    with pytest.raises(PipelineError) as caught:
        page_styles(soup, "page.html", Settings(max_selectors=40))
    assert str(caught.value).startswith("page.html: has more style rules that can hide text (41 on 5 elements)")
    assert "\n" not in str(caught.value)


def test_a_rule_for_an_element_the_page_does_not_have_costs_nothing():
    css = "".join(f".c{i}{{display:none}}" for i in range(50))
    soup = BeautifulSoup(f"<html><head><style>{css}</style></head><body><p>x</p></body></html>", "html.parser")
    assert page_styles(soup, "page.html", Settings(max_selectors=1)).ruled == {}


def test_an_unclosed_comment_and_unbalanced_braces_end_quietly():
    soup, styles = _styled(".x{display:none} } .y{display:none /* never closed", '<p class="x y">1</p>')
    assert styles.style(soup.p) == {"display": "none"}
