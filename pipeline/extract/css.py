"""What a page's own stylesheets make of its elements: the style each element is
shown with, from its `<style>` rules and its inline `style` attribute.

The HTML reader asks this module how an element looks, to leave out what the
page does not show (`html.is_concealed`). Only the properties that can keep text
out of sight are read (`PROPERTIES`); a rule applies to the elements its
selector matches (bs4's selector engine, soupsieve), and the cascade is CSS's
(CSS Cascading and Inheritance Level 4, section 6): `!important` first, then an
inline style over any rule, then the more specific selector, then the later rule.

What it does not reach: stylesheets the page links to (`<link rel=stylesheet>`,
`@import`), scripts that change styles, and state (`:hover`, `:focus` match
nothing). A rule inside `@media` applies when its query holds for a desktop
screen (`Settings.viewport_width`); `print` and `speech` rules never do.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag

from pipeline.errors import PipelineError

# The properties that can keep an element's text out of sight, and those that can
# bring it back (a later `display: block` undoes a `display: none`).
PROPERTIES = frozenset({
    "display", "visibility", "opacity", "font-size", "position", "left", "top", "right", "text-indent",
    "height", "max-height", "width", "max-width", "overflow", "color", "background-color", "background",
})


@dataclass(frozen=True)
class Settings:
    """How a page's stylesheets are read."""

    # The width, in CSS pixels, at which `min-width`/`max-width` media queries are
    # judged: a desktop browser window, as a reader of the listings sees them.
    viewport_width: float = 1280.0
    # CSS pixels in one `em` of a media query (the browsers' default font size).
    em_px: float = 16.0
    # The most selectors with a property of `PROPERTIES` that name an element of the page:
    # a framework's whole stylesheet inlined has some 3,000 in all. A page with more is
    # refused, since a rule left unread could hide text that would then be read.
    max_selectors: int = 20_000
    # The most characters of `<style>` text read from one page (the 5 MB page limit bounds it too).
    max_style_chars: int = 2_000_000
    # The most elements a rule is matched with one by one (each match walks up to the
    # page's root); a rule whose subject names more is matched in one pass over the page.
    few_candidates: int = 16
    # The most element matches all rules may take on one page: about 6 µs each, so some
    # 6 s (`page_styles` counts them). A 30 KB
    # page has some 600 elements: it may carry over 1,500 rules on element names.
    max_work: int = 1_000_000


SETTINGS = Settings()

_IMPORTANT = re.compile(r"!\s*important\s*$", re.I)
_ID = re.compile(r"#(-?[_a-zA-Z\u00a0-\uffff][\w\-\u00a0-\uffff]*)")
_CLASS = re.compile(r"\.(-?[_a-zA-Z\u00a0-\uffff][\w\-\u00a0-\uffff]*)")
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_PSEUDO_CLASS = re.compile(r"(?<!:):(?!not\b|is\b|where\b)[\w\-]+")
_ELEMENT = re.compile(r"(?:^|(?<=[\s>+~(,]))([a-zA-Z][\w\-]*)")
_AROUND = re.compile(r"\s*([,()/])\s*")
_MEDIA_WIDTH = re.compile(r"\(\s*(min|max)-width\s*:\s*([\d.]+)\s*(px|em|rem)?\s*\)")


def _strip_comments(text: str) -> str:
    """CSS text without its `/* ... */` comments (linear: one scan)."""
    parts, at = [], 0
    while True:
        start = text.find("/*", at)
        if start < 0:
            parts.append(text[at:])
            return "".join(parts)
        parts.append(text[at:start])
        end = text.find("*/", start + 2)
        if end < 0:
            return "".join(parts)
        at = end + 2


def _unquoted(text: str) -> Iterator[tuple[int, str]]:
    """Each character of `text` that stands outside a quoted string, with its index (the
    quotes left out): what the CSS scanners below count brackets and separators in."""
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        else:
            yield i, ch


def _split_top(text: str, sep: str) -> list[str]:
    """`text` split at `sep` outside quotes and brackets (a `url(data:...;...)` keeps its ";")."""
    parts, depth, start = [], 0, 0
    for i, ch in _unquoted(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _blocks(text: str):
    """(prelude, body) of each top-level rule or at-rule block of CSS text, in order;
    a statement at-rule (`@import ...;`) gives an empty body."""
    depth, start, open_at = 0, 0, -1
    for i, ch in _unquoted(text):
        if ch == "{":
            if depth == 0:
                open_at = i
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            if depth == 0:
                yield text[start:open_at].strip(), text[open_at + 1:i]
                start = i + 1
        elif ch == ";" and depth == 0:
            start = i + 1


def declarations(text: str) -> dict[str, tuple[str, bool]]:
    """{property: (value, important)} of a declaration block, for `PROPERTIES` only;
    the value lower case, its spaces collapsed and none beside a bracket, comma or slash
    ("rgb(255,255,255)", "#fff url(x.png)"); the last one wins, unless an earlier one is `!important`."""
    found = {}
    for part in _split_top(text, ";"):
        name, colon, value = part.partition(":")
        name = name.strip().lower()
        if not colon or name not in PROPERTIES:
            continue
        important = bool(_IMPORTANT.search(value))
        value = _AROUND.sub(r"\1", " ".join(_IMPORTANT.sub("", value).lower().split()))
        if value and (important or not found.get(name, ("", False))[1]):
            found[name] = (value, important)
    return found


def media_applies(query: str, settings: Settings = SETTINGS) -> bool:
    """Whether a media query list holds on a desktop screen: a type of `all` or
    `screen` (or none), and `min-width`/`max-width` at `settings.viewport_width`;
    other features are taken to hold. `not` negates its query."""
    query = query.strip().lower()
    if not query:
        return True
    for one in _split_top(query, ","):
        words = one.split()
        negate = bool(words) and words[0] == "not"
        if words and words[0] in ("not", "only"):
            words = words[1:]
        kind = words[0] if words and not words[0].startswith("(") else "all"
        holds = kind in ("all", "screen")
        for side, number, unit in _MEDIA_WIDTH.findall(one):
            try:
                width = float(number) * (settings.em_px if unit in ("em", "rem") else 1.0)
            except ValueError:
                continue
            holds = holds and (settings.viewport_width >= width if side == "min"
                               else settings.viewport_width <= width)
        if holds != negate:
            return True
    return False


def specificity(selector: str) -> tuple[int, int, int]:
    """A selector's specificity (ids, classes attributes and pseudo-classes, elements),
    counted from its text; an argument of `:not()` or `:is()` counts as its own parts."""
    bare = _ATTRIBUTE.sub("[]", selector)
    return (len(_ID.findall(bare)),
            len(_CLASS.findall(bare)) + bare.count("[]") + len(_PSEUDO_CLASS.findall(bare)),
            len(_ELEMENT.findall(_ID.sub("", _CLASS.sub("", bare)))))


def _key(selector: str) -> tuple[str, str]:
    """Where a selector's subject is indexed: ("id", name), ("class", name), ("tag", name) or ("*", "")
    from the last compound of the selector, as browsers index their rules."""
    depth, last = 0, 0
    for i, ch in enumerate(selector):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in " >+~":
            last = i + 1
    compound = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", selector[last:])
    m = _ID.search(compound)
    if m:
        return "id", m.group(1)
    m = _CLASS.search(compound)
    if m:
        return "class", m.group(1)
    m = re.match(r"[a-zA-Z][\w\-]*", compound)
    if m:
        return "tag", m.group(0).lower()
    return "*", ""


@dataclass
class Styles:
    """What one page's style rules declare for its elements (by `id()`, the page's tree held
    alive by `held`), ready to be merged with each element's inline style."""

    ruled: dict[int, dict[str, tuple[tuple, str]]] = field(default_factory=dict)
    # The background colour each element shows through, for the HTML reader (`html._background`).
    backgrounds: dict[int, object] = field(default_factory=dict)
    held: list[Tag] = field(default_factory=list)  # keeps remembered elements alive, so their ids stay theirs

    def style(self, tag: Tag) -> dict[str, str]:
        """{property: value} an element is shown with (of `PROPERTIES`), by the cascade:
        its rules and its inline style; lower case, spaces collapsed (`declarations`), `!important` taken out."""
        chosen = dict(self.ruled.get(id(tag), {}))
        for name, (value, important) in declarations(str(tag.get("style", ""))).items():
            rank = (important, True, (0, 0, 0), 0)
            if name not in chosen or rank > chosen[name][0]:
                chosen[name] = (rank, value)
        return {name: value for name, (_, value) in chosen.items()}


def inline_only() -> Styles:
    """Styles with no rules: each element as its inline style alone shows it."""
    return Styles()


def _keys(tag: Tag) -> list[tuple[str, str]]:
    """The index keys of an element (`_key`): its tag name, its id, each of its classes."""
    keys = [("*", ""), ("tag", (tag.name or "").lower())]
    if tag.get("id"):
        keys.append(("id", str(tag.get("id"))))
    classes = tag.get("class") or []
    keys.extend(("class", c) for c in (classes if isinstance(classes, list) else str(classes).split()))
    return keys


def page_styles(soup: BeautifulSoup, source: str, settings: Settings = SETTINGS) -> Styles:
    """What the rules of a page's `<style>` elements (those whose `media` holds on a
    screen, `@media` blocks likewise) declare for each of its elements.

    A rule is tried only on the elements its selector's subject could be (`_key`: an
    element with that class, id or name), as browsers index rules; one with many of
    them is matched in one pass over the page. A PipelineError naming `source` when
    the page has more rules, or rules times elements, than `settings` allows."""
    styles = Styles()
    sheets = [element for element in soup.find_all("style") if media_applies(str(element.get("media", "")), settings)]
    if not sheets:
        return styles
    index: dict[tuple[str, str], list[Tag]] = {}
    elements = soup.find_all(True)
    for element in elements:
        for key in _keys(element):
            index.setdefault(key, []).append(element)
    count = work = 0
    for element in sheets:
        for selector, found in _rules(_strip_comments(element.get_text()[:settings.max_style_chars]), settings):
            candidates = index.get(_key(selector), [])
            if not candidates:
                continue
            try:
                matcher = soup.css.compile(selector)
            except Exception:  # soupsieve's SelectorSyntaxError, or a pseudo-element it does not match
                continue
            count += 1
            # Matching one element walks up to its root: a few are matched one by one, many in one pass.
            few = len(candidates) <= settings.few_candidates
            work += len(candidates) if few else len(elements)
            if count > settings.max_selectors or work > settings.max_work:
                raise PipelineError(f"has more style rules that can hide text ({count:,} on {len(elements):,} "
                                    "elements) than this reader judges: it cannot tell what the page shows.",
                                    source=source)
            matched = [t for t in candidates if matcher.match(t)] if few else matcher.select(soup)
            rank_of = (specificity(selector), count)
            for tag in matched:
                chosen = styles.ruled.setdefault(id(tag), {})
                for name, (value, important) in found.items():
                    rank = (important, False, *rank_of)
                    if name not in chosen or rank > chosen[name][0]:
                        chosen[name] = (rank, value)
    styles.held.extend(elements)
    return styles


# Conditional group rules whose rules apply as if written outside them (`@media` when its query holds).
_GROUPS = frozenset({"supports", "layer", "container", "document"})
# How deep conditional group rules are read inside one another.
_MAX_NESTING = 8


def _rules(text: str, settings: Settings, depth: int = 0):
    """(selector, declarations) of each style rule of CSS text that applies, in order,
    rules inside an `@media` that holds (and `@supports`, `@layer`...) included."""
    for prelude, body in _blocks(text):
        if prelude.startswith("@"):
            words = prelude[1:].split("(", 1)[0].split(None, 1)
            name = words[0].lower() if words else ""
            if depth < _MAX_NESTING and (name in _GROUPS or (
                    name == "media" and media_applies(prelude[len("@media"):], settings))):
                yield from _rules(body, settings, depth + 1)
            continue
        found = declarations(body)
        if found:
            for selector in (s.strip() for s in _split_top(prelude, ",")):
                if selector:
                    yield selector, found
