"""The one Markdown escaper: values stay literal text on one line, code spans
and fences hold any backticks, and only http(s) addresses become links."""
from __future__ import annotations

import pytest

from pipeline.export import markdown


@pytest.mark.parametrize("value, expected", [
    ("plain text", "plain text"),
    ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
    ("a|b", "a\\|b"),
    ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
    ("[x](javascript:y)", "\\[x\\](javascript:y)"),
    ("# heading", "\\# heading"),
    ("one\ntwo\r\nthree", "one two three"),
], ids=["plain", "html", "pipe", "emphasis", "link", "heading", "lines"])
def test_text(value, expected):
    assert markdown.text(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("WEBSITE_INVALID", "`WEBSITE_INVALID`"),
    ("a`b", "``a`b``"),
    ("``x", "``` ``x ```"),
    ("a|b", "`a\\|b`"),
    ("one\ntwo", "`one two`"),
], ids=["plain", "backtick", "leading-backticks", "pipe", "lines"])
def test_code(value, expected):
    assert markdown.code(value) == expected


def test_fence_is_longer_than_any_backtick_run_inside():
    value = 'a,"```\n````",b'
    fenced = markdown.fence(value, "csv")
    assert fenced == f"`````csv\n{value}\n`````"


@pytest.mark.parametrize("url, expected", [
    ("https://www.dhs.gov/a", "<https://www.dhs.gov/a>"),
    ("HTTP://EXAMPLE.ORG", "<HTTP://EXAMPLE.ORG>"),
    ("javascript:alert(1)", "javascript:alert(1)"),
    ("https://a.b/<x>", "https://a.b/&lt;x&gt;"),
    ("https://a.b/x|y", "https://a.b/x\\|y"),
], ids=["https", "upper-case", "javascript", "angle-brackets", "pipe"])
def test_link(url, expected):
    assert markdown.link(url) == expected
