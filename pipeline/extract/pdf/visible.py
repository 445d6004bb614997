"""What a PDF page shows of its text: characters with the graphic state they are drawn in.

pdfminer, which pdfplumber reads pages with, draws every character whatever its
text render mode and ignores clipping paths. This module's interpreter records,
for each character, its text render mode (PDF 32000-1:2008, 9.3.6) and the
bounding box of the clipping path in force (8.5.4), and each object's place in
the content stream, so that the reader can leave out what the page does not show:

- text in render mode 3 (neither filled nor stroked) or 7 (added to the clip only);
- text smaller than `SETTINGS.min_text_size` (a "0.01 pt" line is a line of dots at most);
- text outside the page's crop box, or outside the clipping path it is drawn in;
- and it tells which characters run past the crop box or their clip across the line (`Judged.edge`):
  a word that holds one, or that such a character outside goes on, is cut at the page's edge;
- text filled (or, in mode 1, stroked) in the colour of the paper or of a shape
  beneath it, or covered by a filled shape or image drawn after it: the page is
  rendered (pdfium, through pdfplumber) and such text is not shown where there is
  no ink under its glyphs. Rendering is done only on pages where one of these fired.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from pdfminer.layout import LTChar, LTImage
from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter
from pdfminer.utils import apply_matrix_pt
from pdfplumber.page import ALL_ATTRS, fix_fontname_bytes
from pdfplumber.page import Page as PlumberPage
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils import resolve_all, resolve_and_decode
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.extract.pdf.settings import SETTINGS, PdfSettings


# The text render modes that paint nothing: 3 (invisible) and 7 (clip only).
INVISIBLE_MODES = frozenset({3, 7})


class _GraphicState(PDFGraphicState):
    """pdfminer's graphic state, with the clipping path's box and the text render mode."""

    def __init__(self) -> None:
        super().__init__()
        self.clip: tuple[float, float, float, float] | None = None  # device space, None: the whole page
        self.render: int = 0

    def copy(self) -> _GraphicState:
        """A copy that keeps the clip and the render mode (pdfminer's own copy drops them)."""
        other = object.__new__(_GraphicState)  # no __init__: every attribute is copied over
        other.__dict__.update(self.__dict__)
        return other


class _Interpreter(PDFPageInterpreter):
    """pdfminer's interpreter, keeping the clipping path (as its bounding box: a clip that
    is no rectangle keeps its box, so it hides less than it does) and the render mode."""

    inherited_clip: tuple[float, float, float, float] | None = None

    def init_state(self, ctm) -> None:
        """pdfminer's initial state, with a graphic state that holds the clip inherited from the invoker."""
        super().init_state(ctm)
        self.graphicstate = _GraphicState()
        self.graphicstate.clip = self.inherited_clip

    def dup(self) -> _Interpreter:
        """A form XObject is drawn inside the clip in force where it is invoked."""
        child = super().dup()
        child.inherited_clip = getattr(self.graphicstate, "clip", None)
        return child

    def _clip(self) -> None:
        points = [apply_matrix_pt(self.ctm, (float(seg[i]), float(seg[i + 1])))
                  for seg in self.curpath for i in range(1, len(seg) - 1, 2)]
        if not points:
            return
        box = (min(p[0] for p in points), min(p[1] for p in points),
               max(p[0] for p in points), max(p[1] for p in points))
        old = self.graphicstate.clip
        if old is not None:
            box = (max(box[0], old[0]), max(box[1], old[1]), min(box[2], old[2]), min(box[3], old[3]))
        self.graphicstate.clip = box

    def do_W(self) -> None:
        """`W`: the current path clips what follows (nonzero winding rule)."""
        self._clip()

    def do_W_a(self) -> None:
        """`W*`: the current path clips what follows (even-odd rule)."""
        self._clip()

    def do_TJ(self, seq) -> None:
        """Show text, its characters drawn in the current text render mode."""
        self.graphicstate.render = self.textstate.render
        super().do_TJ(seq)


class _Device(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's device, each shape it paints marked with the clipping path's box in force."""

    def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
        """Paint the path as pdfminer does; the shapes it makes keep the clip (`clip`)."""
        before = len(self.cur_item._objs)
        super().paint_path(gstate, stroke, fill, evenodd, path)
        for obj in self.cur_item._objs[before:]:
            obj.clip = getattr(gstate, "clip", None)


# What `ShownPage._char` keeps of a character's attributes, by the attributes it has; the values
# it passes as they are (every other value goes through pdfplumber's `resolve_all`); and the
# colour spaces' names as pdfplumber decodes them.
_KEPT: dict[tuple[str, ...], tuple[str, ...]] = {}
_PLAIN = frozenset({float, int, str, bool, type(None)})
_PLAIN_OR_TUPLE = _PLAIN | {tuple}
_SPACE_NAMES: dict[str, str] = {}


class ShownPage(PlumberPage):
    """A pdfplumber page whose characters and shapes carry `clip` (the clipping path's box in
    pdfplumber's coordinates, None for the whole page), whose characters carry `render_mode`,
    and whose objects carry `order`, their place in the content stream."""

    @classmethod
    def of(cls, page: PlumberPage) -> ShownPage:
        """The same page of the same document, read with this class."""
        return cls(page.pdf, page.page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop)

    @property
    def layout(self):
        """pdfplumber's layout of the page, drawn by `_Interpreter`."""
        if hasattr(self, "_layout"):
            return self._layout
        device = _Device(self.pdf.rsrcmgr, pageno=self.page_number, laparams=self.pdf.laparams)
        interpreter = _Interpreter(self.pdf.rsrcmgr, device)
        try:
            interpreter.process_page(self.page_obj)
        except Exception as e:  # as pdfplumber's own layout does
            raise PdfminerException(e) from e
        self._layout = device.get_result()
        self._order = 0
        return self._layout

    def process_object(self, obj):
        """pdfplumber's object, with its place in the stream and, for a character, its render mode and clip."""
        if type(obj) is LTChar and self.pdf.unicode_norm is None:
            attr = self._char(obj)
        else:
            attr = super().process_object(obj)
        self._order = getattr(self, "_order", 0) + 1
        attr["order"] = self._order
        if isinstance(obj, LTChar):
            attr["render_mode"] = getattr(obj.graphicstate, "render", 0)
            attr["clip"] = self._clip_box(getattr(obj.graphicstate, "clip", None))
        elif isinstance(obj, LTImage):
            attr["fill"] = True
        elif hasattr(obj, "clip"):
            attr["clip"] = self._clip_box(obj.clip)
        return attr

    def _char(self, obj: LTChar) -> dict:
        """pdfplumber's dict of a character: the same keys in the same order with the same values as
        its own `process_object` makes, without its generic steps. A page holds thousands of
        characters, and the generic path cost as much as half the interpreter's drawing of them: it
        passes every attribute through `resolve_all`, where all but the odd one are plain numbers
        and names, and decodes the colour space's name again for each character."""
        state = obj.__dict__
        keys = tuple(state)
        kept = _KEPT.get(keys)
        if kept is None:
            kept = _KEPT.setdefault(keys, (tuple(k for k in keys if k in ALL_ATTRS),
                                           tuple(k for k in keys if k in ALL_ATTRS and type(state[k]) is tuple)))
        names, tuples = kept
        attr = {k: state[k] for k in names}
        if not (_PLAIN_OR_TUPLE.issuperset(map(type, attr.values()))
                and all(type(attr[k]) is not tuple or _PLAIN.issuperset(map(type, attr[k])) for k in tuples)):
            for k, value in list(attr.items()):  # a reference or container: resolved as pdfplumber does
                if type(value) not in _PLAIN:
                    attr[k] = resolve_all(value)
        attr["object_type"] = "char"
        attr["page_number"] = self.page_number
        for cs in ("ncs", "scs"):
            if hasattr(obj, cs):
                name = getattr(obj, cs).name
                decoded = _SPACE_NAMES.get(name) if type(name) is str else None
                if decoded is None:
                    decoded = resolve_and_decode(name)
                    if type(name) is str:
                        _SPACE_NAMES[name] = decoded
                attr[cs] = decoded
        attr["text"] = obj.get_text()
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr["fontname"], bytes):
            attr["fontname"] = fix_fontname_bytes(attr["fontname"])
        frame = self.__dict__.get("_frame")
        if frame is None:
            frame = self._frame = (*self.mediabox[:2], self.height, self.initial_doctop)
        mb_x0, mb_top, height, doctop = frame
        if "y0" in attr:
            attr["top"] = (height - attr["y1"]) + mb_top
            attr["bottom"] = (height - attr["y0"]) + mb_top
            attr["doctop"] = doctop + attr["top"]
        if "x0" in attr and mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr

    def _clip_box(self, clip: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
        """A clip in device space as a box in pdfplumber's coordinates (x0, top, x1, bottom)."""
        if clip is None:
            return None
        boxes = self.__dict__.setdefault("_clip_boxes", {})
        if clip not in boxes:
            boxes[clip] = self._page_box(clip)
        return boxes[clip]

    def _page_box(self, clip: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
        """`_clip_box`, computed."""
        x0, top = float(self.mediabox[0]), float(self.mediabox[1])
        return (clip[0] + x0, float(self.height) - clip[3] + top, clip[2] + x0, float(self.height) - clip[1] + top)


def fill_rgb(colour) -> tuple[float, float, float] | None:
    """A fill colour as RGB from 0 to 1 (gray, RGB or CMYK by its number of components); None when unknown."""
    if colour is None:
        return None
    values = colour if isinstance(colour, (tuple, list)) else (colour,)
    try:
        values = [float(v) for v in values]
    except (TypeError, ValueError):
        return None
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 3:
        return tuple(values)
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


@dataclass(frozen=True)
class Judged:
    """Which characters of a page are not shown, and why (the first reason found)."""

    hidden: dict[int, str]  # index in the page's chars -> reason
    rendered: bool  # the page was rendered to judge colour or cover
    # Indices of the characters, shown or outside, whose box runs past the left or right edge of the
    # crop box or of their clip (by more than SETTINGS.edge_slack): what the page shows of them is cut;
    # and of those whose box ends on the right edge (within it): a word may go on past it, unprinted.
    edge: frozenset[int] = frozenset()
    flush: frozenset[int] = frozenset()


# The reasons a character is not shown that put it beyond an edge of the page (not planted there).
EDGE_REASONS = frozenset({"outside the crop box", "clipped away"})


def _edges(crop, chars: Sequence[dict], hidden: dict[int, str],
           settings: PdfSettings) -> tuple[frozenset[int], frozenset[int]]:
    """The characters (not hidden but for standing beyond an edge) whose box runs past the left or
    right edge of the crop box or of their clip (a printer clips a word too long for the page, or
    sets it on past the paper), and those that end on the right edge, within SETTINGS.edge_slack or
    SETTINGS.flush_em (a printer that clips leaves out a glyph whose ink would stand beyond it: what
    stands before it ends there, short of it by that glyph's side bearing at most)."""
    edge, flush = set(), set()
    slack = settings.edge_slack
    for i, ch in enumerate(chars):
        if i in hidden and hidden[i] not in EDGE_REASONS or ch.get("text", "").isspace():
            continue
        left, right = crop[0], crop[2]
        clip = ch.get("clip")
        if clip is not None:
            left, right = max(left, clip[0]), min(right, clip[2])
        x0, x1 = float(ch["x0"]), float(ch["x1"])
        if x0 < left - slack or x1 > right + slack:
            edge.add(i)
        elif x1 >= right - max(slack, settings.flush_em * float(ch.get("size", 0.0))):
            flush.add(i)
    return frozenset(edge), frozenset(flush)


def judge_chars(page: ShownPage, chars: Sequence[dict], settings: PdfSettings = SETTINGS) -> Judged:
    """The characters of `page` it does not show (`chars` is `page.chars`), with their reasons."""
    hidden: dict[int, str] = {}
    doubtful: dict[int, str] = {}
    crop = tuple(float(v) for v in page.cropbox)
    colours: dict[object, tuple[float, float, float] | None] = {}

    def colour_of(value) -> tuple[float, float, float] | None:
        """`fill_rgb` of a colour, remembered: a page has few colours and many characters."""
        key = value if isinstance(value, (tuple, str, int, float)) or value is None else repr(value)
        if key not in colours:
            colours[key] = fill_rgb(value)
        return colours[key]

    centres: list[tuple[float, float, int]] = []  # (x, y, index) of the characters still to judge
    min_size, pale = settings.min_text_size, 1 - settings.same_colour
    crop_left, crop_top, crop_right, crop_bottom = crop
    paper: dict[object, bool] = {}  # a colour's key -> whether it is the paper's
    for i, ch in enumerate(chars):
        if ch.get("text", "").isspace():
            continue
        x = (float(ch["x0"]) + float(ch["x1"])) / 2
        y = (float(ch["top"]) + float(ch["bottom"])) / 2
        mode = ch.get("render_mode", 0)
        if mode in INVISIBLE_MODES:
            hidden[i] = f"text render mode {mode}"
            continue
        size = float(ch.get("size", 0.0))
        if size < min_size:
            hidden[i] = f"text of {size:.2g} pt"
            continue
        if not (crop_left <= x <= crop_right and crop_top <= y <= crop_bottom):
            hidden[i] = "outside the crop box"
            continue
        clip = ch.get("clip")
        if clip is not None and not (clip[0] <= x <= clip[2] and clip[1] <= y <= clip[3]):
            hidden[i] = "clipped away"
            continue
        value = ch.get("stroking_color") if mode == 1 else ch.get("non_stroking_color")
        key = value if isinstance(value, (tuple, str, int, float)) or value is None else repr(value)
        if key not in paper:
            colour = colour_of(value)
            paper[key] = colour is not None and all(c >= pale for c in colour)
        if paper[key]:
            doubtful[i] = "filled in the paper's colour"
        else:
            centres.append((x, y, i))
    # A filled shape or image over a character: drawn after it (a cover), or in its colour.
    centres.sort()
    xs = [c[0] for c in centres]
    for shape in page.rects + page.curves + page.images:
        if not shape.get("fill"):
            continue
        x0, top, x1, bottom = (float(shape[k]) for k in ("x0", "top", "x1", "bottom"))
        shade = colour_of(shape.get("non_stroking_color")) if shape.get("object_type") != "image" else None
        for x, y, i in centres[bisect_left(xs, x0):bisect_right(xs, x1)]:
            if i in doubtful or not top <= y <= bottom:
                continue
            ch = chars[i]
            if shape.get("order", 0) > ch.get("order", 0):
                doubtful[i] = "covered by a shape drawn over it"
                continue
            colour = colour_of(ch.get("stroking_color") if ch.get("render_mode", 0) == 1
                               else ch.get("non_stroking_color"))
            if colour is not None and shade is not None and all(
                    abs(a - b) <= settings.same_colour for a, b in zip(colour, shade)):
                doubtful[i] = "filled in the colour of the shape beneath"
    if not doubtful:
        return Judged(hidden, False, *_edges(crop, chars, hidden, settings))
    image = page.to_image(resolution=settings.render_resolution).original.convert("L")
    scale = settings.render_resolution / 72
    for i, reason in doubtful.items():
        ch = chars[i]
        box = (int((float(ch["x0"]) - crop[0]) * scale), int((float(ch["top"]) - crop[1]) * scale),
               int((float(ch["x1"]) - crop[0]) * scale) + 1, int((float(ch["bottom"]) - crop[1]) * scale) + 1)
        low, high = image.crop(box).getextrema()
        if high - low < settings.min_ink:
            hidden[i] = reason
    return Judged(hidden, True, *_edges(crop, chars, hidden, settings))

