"""Stage 1, read, on pypdfium2: the page geometry of `extract.read`, at a fraction of the cost.

`read_pages` here keeps the contract of `extract.read.read_pages`: the same `PageContent`
values and the same errors with the same messages. PDFium reads the pages (its parser and
text page are C++, about five times faster than pdfminer's Python here); every value is
then built the way pdfplumber builds it, so the later stages give the same Plan:

- chars: the characters of PDFium's text page, without those it generates (the spaces
  and line breaks it infers), in content-stream order as pdfminer gives them. Each box
  is pdfminer's LTChar box (across, the glyph's advance; up, from the font's descent to
  descent + font size) in pdfplumber's top-left page space; `size` is that box's height,
  as pdfminer's `size`; `bold` comes from pdfminer's font name, as in `read.py` (not from
  PDFium's font weight, which it guesses from /StemV: 695 for plain Helvetica). Like
  `read.py`, only upright characters (by pdfminer's test) are kept.
- rules: the page's path objects (inside Form XObjects too), cut into subpaths and sorted
  as pdfminer's `paint_path` does into lines, rectangles and curves, then made into
  pdfplumber's `page.edges`: each line, each rectangle's four sides, each segment of a
  curve, in that order. Only stroked or filled paths exist, as for pdfminer.
- fills: the filled rectangles, with their fill colour as RGB in 0..1 to 3 decimals.

PDFium holds numbers as 32-bit floats; each one read is snapped back to the decimal of 7
significant digits it stands for (the number written in the PDF) and the arithmetic that
follows is pdfminer's, in double precision. PDFium keeps a font's widths and descent only
in whole thousandths of an em (and takes the descent from the glyphs when the descriptor
says 0), and its API gives no other reading of them, so those come from pdfminer's reading
of the font dictionaries (`read_fonts`, the one other library this reader leans on), as does
the exact MediaBox: pdfminer reads the page tree and the fonts, once per document, and
interprets no page content. With PDFium's metrics alone the
samples' Plans stay the same, but their glyphs move by up to 0.6 pt (fractional /Widths of
the ReportLab samples' fonts) and 4.2 pt (a LibreOffice font whose /Descent is 0). The
origins PDFium laid out with truncated widths are corrected by the drift.

The characters are read a page at a time in bulk: the page's text in one call, the text
objects and origins in loops of PDFium calls with no Python code between them (the
origins written straight into numpy arrays), texts and widths looked up a run of one text
object at a time, and the boxes computed with numpy for the whole page.

Where this reader still differs from pdfplumber's (none of it changes a glyph that is not
white space, nor any sample's Plan):
- some real space glyphs are missing: PDFium's text page drops a space next to one it
  generated, and all but one of a run of spaces; nothing downstream reads white space;
- fill colours are PDFium's, 8 bits a channel (within 1/255), CMYK converted PDFium's way;
- pdfminer leaves out the char spacing (Tc) after the last glyph of each text operator;
  PDFium (and the PDF spec) do not, so where a line is made of several operators with a
  nonzero Tc, glyphs differ by a Tc or two (0.19 pt, once, in the shared corpus);
- a subpath closed twice ("h h") is a rectangle (with its fill) here, a curve in pdfminer;
- text drawn twice at one place (fake bold) is read once by PDFium.

A file PDFium cannot open (other than for its password) is handed to the pdfplumber reader,
so that the error raised (its message names pdfminer's exception) is exactly that reader's.
"""

from __future__ import annotations

import ctypes
import itertools
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.errors import EncryptedPdfError, NotAPdfError, scanned_error
from extract.inputs import check_looks_like_pdf
from extract.page import BOLD_MARKERS, BBox, Char, Color, Fill, PageContent, Rule
from extract.read_fonts import DocumentFonts, FontMetrics, without_subset_tag

__all__ = ["read_pages"]

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# ---------------------------------------------------------------- PDFium's functions
#
# Bound again from the function pointers pypdfium2 loaded (same library, same calling
# convention), to take and return handles as plain integers: pypdfium2's bindings wrap
# every handle in a ctypes pointer object, which costs more than the call itself.


def _function(name: str, restype: object, *argtypes: object) -> Callable:
    bound = getattr(pdfium_c, name)
    function = type(bound)(ctypes.cast(bound, ctypes.c_void_p).value)
    function.restype = restype
    if argtypes:
        function.argtypes = argtypes
    return function


_handle = ctypes.c_void_p
_int = ctypes.c_int
_float_p = ctypes.POINTER(ctypes.c_float)
_uint_p = ctypes.POINTER(ctypes.c_uint)
_matrix_p = ctypes.POINTER(pdfium_c.FS_MATRIX)

# Called for every character: no argtypes, a third cheaper to call (the text page goes in
# as a c_void_p, indexes as int).
_count_chars = _function("FPDFText_CountChars", _int)
_get_text = _function("FPDFText_GetText", _int)
_get_unicode = _function("FPDFText_GetUnicode", ctypes.c_uint)
_is_generated = _function("FPDFText_IsGenerated", _int)
_has_unicode_error = _function("FPDFText_HasUnicodeMapError", _int)
_get_text_object = _function("FPDFText_GetTextObject", ctypes.c_size_t)  # 0 for none
# the origin written into two doubles given by their addresses
_get_origin_at = _function("FPDFText_GetCharOrigin", _int, _handle, _int, _handle, _handle)

_get_char_matrix = _function("FPDFText_GetMatrix", _int, _handle, _int, _matrix_p)
_text_font = _function("FPDFTextObj_GetFont", _handle, _handle)
_text_font_size = _function("FPDFTextObj_GetFontSize", _int, _handle, _float_p)
_font_descent = _function("FPDFFont_GetDescent", _int, _handle, ctypes.c_float, _float_p)
_font_base_name = _function("FPDFFont_GetBaseFontName", ctypes.c_size_t, _handle, ctypes.c_char_p, ctypes.c_size_t)
_font_glyph_width = _function("FPDFFont_GetGlyphWidth", _int, _handle, ctypes.c_uint32, ctypes.c_float, _float_p)

_page_count_objects = _function("FPDFPage_CountObjects", _int, _handle)
_page_get_object = _function("FPDFPage_GetObject", _handle, _handle, _int)
_form_count_objects = _function("FPDFFormObj_CountObjects", _int, _handle)
_form_get_object = _function("FPDFFormObj_GetObject", _handle, _handle, ctypes.c_ulong)
_object_type = _function("FPDFPageObj_GetType", _int, _handle)
_object_matrix = _function("FPDFPageObj_GetMatrix", _int, _handle, _matrix_p)
_object_fill_color = _function("FPDFPageObj_GetFillColor", _int, _handle, _uint_p, _uint_p, _uint_p, _uint_p)
_path_draw_mode = _function("FPDFPath_GetDrawMode", _int, _handle, ctypes.POINTER(_int), ctypes.POINTER(_int))
_path_count_segments = _function("FPDFPath_CountSegments", _int, _handle)
_path_get_segment = _function("FPDFPath_GetPathSegment", _handle, _handle, _int)
_segment_point = _function("FPDFPathSegment_GetPoint", _int, _handle, _float_p, _float_p)
_segment_type = _function("FPDFPathSegment_GetType", _int, _handle)
_segment_close = _function("FPDFPathSegment_GetClose", _int, _handle)

_OBJ_TEXT = pdfium_c.FPDF_PAGEOBJ_TEXT
_OBJ_PATH = pdfium_c.FPDF_PAGEOBJ_PATH
_OBJ_FORM = pdfium_c.FPDF_PAGEOBJ_FORM
_SEG_LINETO = pdfium_c.FPDF_SEGMENT_LINETO
_SEG_BEZIERTO = pdfium_c.FPDF_SEGMENT_BEZIERTO
_SEG_MOVETO = pdfium_c.FPDF_SEGMENT_MOVETO
_HYPHEN_AT_LINE_END = 0x2  # PDFium's code for a "-" (or soft hyphen) that ends a line; U+FFFE in its text
_MAYBE_GENERATED = frozenset((0x20, 0x0D, 0x0A))  # the only characters PDFium generates


def _handle_of(obj: object) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def _snap(value: float) -> float:
    """A 32-bit float from PDFium as the decimal (7 significant digits) it was written as."""
    magnitude = value if value >= 0 else -value
    if 100 <= magnitude < 1000:  # most coordinates: a branch is cheaper than a logarithm
        return round(value, 4)
    if 10 <= magnitude < 100:
        return round(value, 5)
    if 1 <= magnitude < 10:
        return round(value, 6)
    if magnitude == 0.0 or not math.isfinite(value):
        return value
    return round(value, 6 - math.floor(math.log10(magnitude)))



_DECADES = np.array([float(f"1e{k}") for k in range(-16, 23)])  # 10**k as parsed from its decimal
_TENS = np.array([float(10**k) for k in range(23)])  # exact


def _snap_all(values: np.ndarray) -> np.ndarray:
    """`_snap` of each value of an array, all at once, to the same doubles.

    Rounding to `digits` decimals is `rint(value * 10**digits) / 10**digits`, exact
    while 10**digits is (up to 10**22): the integer, then the one division, correctly
    rounded, as `round` does it. Values outside that range go through `_snap` one by one.
    """
    magnitude = np.abs(values)
    kept = (magnitude == 0) | ~np.isfinite(values)  # as `_snap` leaves them (a matrix's zeros: most)
    regular = ~kept & (magnitude >= 1e-16) & (magnitude < 1e22)
    exponent = np.searchsorted(_DECADES, magnitude, side="right") - 17  # floor(log10(magnitude))
    digits = np.where(regular, 6 - exponent, 0)
    scale = _TENS[np.abs(digits)]
    with np.errstate(invalid="ignore"):  # not-finite values are kept, not rounded
        rounded = np.where(digits >= 0, np.rint(values * scale) / scale, np.rint(values / scale) * scale)
    snapped = np.where(kept, values, rounded)
    for index in np.flatnonzero(~regular & ~kept).tolist():
        snapped.flat[index] = _snap(float(values.flat[index]))
    return snapped

def _multiply(m1: Matrix, m0: Matrix) -> Matrix:
    """pdfminer's mult_matrix: apply m1, then m0."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


class _PageSpace:
    """pdfminer's device space (its page CTM) and pdfplumber's flip into top-left coordinates."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        x0, y0, x1, y1 = mediabox
        # pdfminer: the page CTM, from the MediaBox as written and the /Rotate
        if rotation == 90:
            self.ctm: Matrix = (0, -1, 1, 0, -y0, x1)
        elif rotation == 180:
            self.ctm = (-1, 0, 0, -1, x1, y1)
        elif rotation == 270:
            self.ctm = (0, 1, -1, 0, y1, -x0)
        else:
            self.ctm = (1, 0, 0, 1, -x0, -y0)
        # pdfplumber: the MediaBox normalised (axes swapped on a quarter turn), then flipped
        left, right = sorted((x0, x1))
        bottom, top = sorted((y0, y1))
        if rotation in (90, 270):
            left, bottom, right, top = bottom, left, top, right
        self.width = right - left
        self.height = top - bottom
        self.mb_x0 = left  # pdfplumber's mediabox[0]
        self.mb_top = self.height - top  # pdfplumber's mediabox[1]

    def device(self, x: float, y: float) -> Point:
        """A point of PDF user space in pdfminer's device space."""
        a, b, c, d, e, f = self.ctm
        return (a * x + c * y + e, b * x + d * y + f)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A device-space box (pdfminer's x0, y0, x1, y1) as pdfplumber's x0, top, x1, bottom."""
        if self.mb_x0 != 0:
            x0, x1 = x0 + self.mb_x0, x1 + self.mb_x0
        return (x0, (self.height - y1) + self.mb_top, x1, (self.height - y0) + self.mb_top)

    def point(self, x: float, y: float) -> Point:
        """A device-space point as pdfplumber's (x, top), as its `Page.point2coord` gives it."""
        return (self.mb_x0 + x, self.mb_top + self.height - y)


# ---------------------------------------------------------------- fonts


class _Font:
    """One PDFium font as its characters need it: pdfminer's name, weight, descent and widths.

    `candidates` are the metrics of the page's fonts of the same base name as pdfminer reads
    them (`read_fonts`); when there are none (or they disagree), PDFium's own name and
    metrics stand in.
    """

    def __init__(self, handle: int, candidates: list[FontMetrics]) -> None:
        self.handle = handle
        self.candidates = candidates
        names = {c.name for c in candidates}
        self.name = names.pop() if len(names) == 1 else (_font_name(handle) if handle else "")
        self.bold = any(marker in self.name.lower() for marker in BOLD_MARKERS)
        descents = {c.descent for c in candidates}
        if len(descents) == 1:
            self.descent = descents.pop()  # per unit of font size, negative as pdfminer makes it
        else:
            descent = ctypes.c_float(0.0)
            known = handle and _font_descent(handle, 1000.0, ctypes.byref(descent))
            self.descent = -abs(_snap(descent.value)) / 1000 if known else 0.0
        # PDFium truncates /Widths entries to whole thousandths (not a Type 3 font's)
        self.truncates = all(c.in_thousandths for c in candidates)
        self.texts: dict[int, str] = {}  # PDFium's code -> the character's text
        self.width_cache: dict[str, tuple[float, float]] = {}

    def text(self, code: int, no_unicode: bool) -> str:
        """The text of a glyph PDFium reads as `code` (it depends only on the font and the code)."""
        if code == _HYPHEN_AT_LINE_END:
            text = "-"
        elif no_unicode:
            text = f"(cid:{code})"  # no Unicode for this glyph: pdfminer names it by its code
        else:
            text = chr(code) if code < 0x110000 else "\ufffd"
        self.texts[code] = text
        return text

    def widths(self, text: str, code: int) -> tuple[float, float]:
        """(pdfminer's advance, PDFium's advance) of a glyph, in text space per unit of font size.

        The difference is how far PDFium's origins drift from pdfminer's along a run of text.
        """
        known = self.width_cache.get(text)
        if known is not None:
            return known
        found = {result for c in self.candidates if (result := c.width(text)) is not None}
        if len(found) == 1:
            width, raw = found.pop()
            result = (width, math.trunc(raw) / 1000 if raw is not None and self.truncates else width)
        else:
            advance = ctypes.c_float(0.0)
            unicode = ord("-") if code == _HYPHEN_AT_LINE_END else code
            known = self.handle and _font_glyph_width(self.handle, unicode, 1000.0, ctypes.byref(advance))
            value = _snap(advance.value) / 1000 if known else 0.0
            result = (value, value)
        self.width_cache[text] = result
        return result


def _font_name(font: int) -> str:
    """PDFium's name for a font (its /BaseFont, sometimes without the subset tag)."""
    length = _font_base_name(font, None, 0)
    if length <= 1:
        return ""
    buffer = ctypes.create_string_buffer(length)
    _font_base_name(font, buffer, length)
    return buffer.value.decode("utf-8", "replace")


class _PageFonts:
    """The fonts of one page: PDFium's font handles matched to pdfminer's fonts by base name."""

    def __init__(self, metrics: dict[str, list[FontMetrics]] | None) -> None:
        self._metrics = metrics or {}
        self._fonts: dict[int, _Font] = {}

    def get(self, handle: int) -> _Font:
        font = self._fonts.get(handle)
        if font is None:
            name = without_subset_tag(_font_name(handle)) if handle else ""
            font = self._fonts[handle] = _Font(handle, self._metrics.get(name, []))
        return font


# ---------------------------------------------------------------- characters


@dataclass(slots=True)
class _TextObject:
    """What every character of one text object shares: its matrix, font size, font and place."""

    a: float
    b: float
    c: float
    d: float
    size: float
    upright: bool  # by pdfminer's test
    font: _Font
    place: int  # the text object's place in the content streams


def _text_objects(
    textpage: int, first_chars: dict[int, int], space: _PageSpace, fonts: _PageFonts, order: dict[int, int],
) -> dict[int, _TextObject]:
    """The text objects with the index of a character of each, by handle: read from PDFium in one loop, snapped at once.

    Upright is pdfminer's test, on the matrix that includes its page CTM (so on a page
    turned a quarter, level text is not upright): a*d > 0 and b*c <= 0.
    """
    if not first_chars:
        return {}
    matrix, size = pdfium_c.FS_MATRIX(), ctypes.c_float(0.0)
    matrix_ref, size_ref = ctypes.byref(matrix), ctypes.byref(size)
    raw, font_handles = [], []
    for handle, index in first_chars.items():
        _get_char_matrix(textpage, index, matrix_ref)
        _text_font_size(handle, size_ref)
        raw.append((matrix.a, matrix.b, matrix.c, matrix.d, size.value))
        font_handles.append(_text_font(handle) or 0)
    a, b, c, d, sizes = _snap_all(np.array(raw)).T
    on_page = _multiply((a, b, c, d, 0.0, 0.0), space.ctm)  # every object's matrix at once, as arrays
    upright = (on_page[0] * on_page[3] > 0) & (on_page[1] * on_page[2] <= 0)
    return {
        handle: _TextObject(*values, fonts.get(font), order.get(handle, -1))
        for handle, font, values in zip(
            first_chars, font_handles, zip(*(column.tolist() for column in (a, b, c, d, sizes, upright))),
        )
    }


@dataclass
class _Glyphs:
    """A page's glyphs as pdfminer has them (one per char) and PDFium's origins of them, in runs of one text object."""

    texts: list[str]
    widths: list[tuple[float, float]]  # (pdfminer's, PDFium's) advance per unit of font size
    xs: np.ndarray  # PDFium's origin, snapped, in user space
    ys: np.ndarray
    runs: list[tuple[int, _TextObject]]  # (first glyph, text object) of each run of one object


def _read_chars(textpage: int, space: _PageSpace, fonts: _PageFonts, order: dict[int, int]) -> list[Char]:
    """Every character PDFium read (none it generated), with pdfminer's box, in pdfplumber's space.

    In pdfminer's order, that of the content streams: PDFium's text page sorts the text
    objects of a line from left to right, and `order` (each text object's place in the
    content streams) puts them back.

    PDFium is asked for the page's text in one call and for the characters' text objects
    and origins in loops without Python code between the calls; the glyphs' texts and
    widths are looked up (cached per font) a run of one text object at a time; their
    boxes are computed with numpy, all at once.
    """
    page = ctypes.c_void_p(textpage)
    count = _count_chars(page)
    if count <= 0:
        return []
    codes = _page_codes(page, count)
    maybe = np.flatnonzero((codes == 0x20) | (codes == 0x0D) | (codes == 0x0A)).tolist()
    generated = [index for index in maybe if _is_generated(page, index)]  # spaces, line breaks: not in pdfminer
    indexes = np.delete(np.arange(count), generated)
    if not len(indexes):
        return []
    glyphs = _page_glyphs(page, codes[indexes], indexes, space, fonts, order)
    return _glyphs_to_chars(glyphs, space)


def _page_glyphs(
    page: ctypes.c_void_p,
    codes: np.ndarray,
    indexes: np.ndarray,
    space: _PageSpace,
    fonts: _PageFonts,
    order: dict[int, int],
) -> _Glyphs:
    """The characters at `indexes` of PDFium's text page as pdfminer's glyphs: a ligature's made one."""
    at = indexes.tolist()
    handles = np.fromiter(map(_get_text_object, itertools.repeat(page, len(at)), at), np.uint64, len(at))
    xs, ys = _page_origins(page, at)
    objects: dict[int, _TextObject] = {}
    runs = _runs(page, handles, at, objects, space, fonts, order)
    codes_at = codes.tolist()
    texts: list[str] = []
    for (start, obj), end in zip(runs, [*(start for start, _ in runs[1:]), len(at)]):
        run = list(map(obj.font.texts.get, codes_at[start:end]))
        if None in run:
            for i, text in enumerate(run):
                if text is None:
                    run[i] = obj.font.text(codes_at[start + i], _has_unicode_error(page, at[start + i]) == 1)
        texts.extend(run)
    # one glyph whose Unicode is several characters (a ligature): PDFium's characters share its origin
    ligatures = np.flatnonzero((handles[1:] == handles[:-1]) & (xs[1:] == xs[:-1]) & (ys[1:] == ys[:-1])) + 1
    if len(ligatures):
        for i in reversed(ligatures.tolist()):
            texts[i - 1] += texts[i]
            codes_at[i - 1] = codes_at[i]  # the code of its last character, as pdfminer's widths are asked
        texts = np.delete(np.array(texts, dtype=object), ligatures).tolist()
        codes_at = np.delete(np.array(codes_at), ligatures).tolist()
        handles, xs, ys = (np.delete(values, ligatures) for values in (handles, xs, ys))
        runs = _runs(page, handles, np.delete(indexes, ligatures).tolist(), objects, space, fonts, order)
    widths: list[tuple[float, float]] = []
    for (start, obj), end in zip(runs, [*(start for start, _ in runs[1:]), len(texts)]):
        run = list(map(obj.font.width_cache.get, texts[start:end]))
        if None in run:
            for i, pair in enumerate(run):
                if pair is None:
                    run[i] = obj.font.widths(texts[start + i], codes_at[start + i])
        widths.extend(run)
    return _Glyphs(texts, widths, xs, ys, runs)


def _runs(
    page: ctypes.c_void_p,
    handles: np.ndarray,
    indexes: list[int],
    objects: dict[int, _TextObject],
    space: _PageSpace,
    fonts: _PageFonts,
    order: dict[int, int],
) -> list[tuple[int, _TextObject]]:
    """Where each run of characters of one text object starts, and the object (made once, kept in `objects`)."""
    starts = [0, *(np.flatnonzero(handles[1:] != handles[:-1]) + 1).tolist()]
    run_handles = handles[starts].tolist()
    first_chars: dict[int, int] = {}
    for start, handle in zip(starts, run_handles):
        if handle not in objects:
            first_chars.setdefault(handle, indexes[start])
    objects.update(_text_objects(page.value, first_chars, space, fonts, order))
    return [(start, objects[handle]) for start, handle in zip(starts, run_handles)]


def _glyphs_to_chars(glyphs: _Glyphs, space: _PageSpace) -> list[Char]:
    """pdfminer's LTChar of each upright glyph, in content-stream order.

    The box spans (0, descent) to (advance, descent + font size) in text space, from
    pdfminer's origin: PDFium's, moved on by the drift.
    """
    count = len(glyphs.texts)
    starts = [start for start, _ in glyphs.runs]
    objects = [obj for _, obj in glyphs.runs]
    lengths = np.diff([*starts, count])

    def per_glyph(values: list) -> np.ndarray:
        return np.repeat(np.array(values), lengths)

    a, b, c, d = (per_glyph([getattr(obj, name) for obj in objects]) for name in ("a", "b", "c", "d"))
    size = per_glyph([obj.size for obj in objects])
    widths = np.fromiter(itertools.chain.from_iterable(glyphs.widths), float, 2 * count).reshape(count, 2)
    lag = (widths[:, 0] - widths[:, 1]) * size  # how far PDFium's pen falls behind pdfminer's at each glyph
    drift_x, drift_y = _drifts(glyphs, a * lag, b * lag)
    ox, oy = glyphs.xs + drift_x, glyphs.ys + drift_y
    advance = widths[:, 0] * size
    bottom = per_glyph([obj.font.descent for obj in objects]) * size
    top = bottom + size
    corners_x = [ox + a * u + c * v for u in (0.0, advance) for v in (bottom, top)]
    corners_y = [oy + b * u + d * v for u in (0.0, advance) for v in (bottom, top)]
    x0, x1 = np.minimum.reduce(corners_x), np.maximum.reduce(corners_x)
    y0, y1 = np.minimum.reduce(corners_y), np.maximum.reduce(corners_y)
    (dx0, dy0), (dx1, dy1) = space.device(x0, y0), space.device(x1, y1)
    dx0, dx1 = np.minimum(dx0, dx1), np.maximum(dx0, dx1)
    dy0, dy1 = np.minimum(dy0, dy1), np.maximum(dy0, dy1)
    left, top_, right, bottom_ = space.box(dx0, dy0, dx1, dy1)
    upright = per_glyph([obj.upright for obj in objects])
    bold = per_glyph([obj.font.bold for obj in objects])
    place = per_glyph([obj.place for obj in objects])
    kept = np.flatnonzero(upright)
    kept = kept[np.argsort(place[kept], kind="stable")]  # pdfminer's order: the content streams'
    texts = glyphs.texts
    # the size pdfminer gives an upright glyph of a horizontal font: its box's height
    columns = (left, right, top_, bottom_, dy1 - dy0, bold)
    return Char.many(zip([texts[i] for i in kept.tolist()], *(column[kept].tolist() for column in columns)))


def _drifts(glyphs: _Glyphs, steps_x: np.ndarray, steps_y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How far pdfminer's origin of each glyph is ahead of PDFium's, in user space.

    PDFium lays glyphs out with widths truncated to whole thousandths of an em: along a run
    of text its origins lag pdfminer's by the sum of the glyphs' `steps` before. A run goes
    on into the next text object when that starts where PDFium's pen stopped (`runs_going_on`).
    """
    count = len(glyphs.texts)
    drift_x, drift_y = np.zeros(count), np.zeros(count)
    if not (steps_x.any() or steps_y.any()):
        return drift_x, drift_y
    firsts = np.array([start for start, _ in glyphs.runs[1:]], dtype=int)
    bounds = [0, *firsts[~_runs_going_on(glyphs, firsts)].tolist(), count]
    for steps, drift in ((steps_x, drift_x), (steps_y, drift_y)):
        if steps.any():  # level text has no drift across its baseline
            values, sums = steps.tolist(), [0.0] * count
            for start, end in itertools.pairwise(bounds):  # each glyph: the steps before it in its run
                if end - start > 1:
                    sums[start + 1 : end] = itertools.accumulate(values[start : end - 1])
            drift[:] = sums
    return drift_x, drift_y


def _page_codes(page: ctypes.c_void_p, count: int) -> np.ndarray:
    """Each character's Unicode, from one call for the whole page where PDFium's text allows it.

    The page's text has one UTF-16 unit per character (the spaces and line breaks PDFium
    generates included; its line-end hyphen as U+FFFE) unless a character lies outside the
    BMP or is a control character PDFium leaves out; then the codes are asked one by one.
    """
    buffer = ctypes.create_string_buffer(2 * (count + 1))
    if _get_text(page, 0, count, buffer) == count + 1:
        codes = np.frombuffer(buffer, np.uint16, count).astype(np.int64)
        if not ((codes >= 0xD800) & (codes <= 0xDFFF)).any():
            codes[codes == 0xFFFE] = _HYPHEN_AT_LINE_END
            return codes
    return np.fromiter(map(_get_unicode, itertools.repeat(page, count), range(count)), np.int64, count)


def _page_origins(page: ctypes.c_void_p, indexes: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """The origins of the characters at `indexes`, snapped, in user space, written by PDFium into two arrays."""
    count = len(indexes)
    xs, ys = np.zeros(count), np.zeros(count)
    x_at, y_at, step = xs.ctypes.data, ys.ctypes.data, xs.itemsize
    list(map(_get_origin_at, itertools.repeat(page, count), indexes,
             range(x_at, x_at + step * count, step), range(y_at, y_at + step * count, step)))
    return _snap_all(xs), _snap_all(ys)


def _runs_going_on(glyphs: _Glyphs, firsts: np.ndarray) -> np.ndarray:
    """For each run after the first (starting at glyph `firsts[k]`): its text object starts where PDFium's pen stopped.

    PDFium's pen stopped one (truncated) advance after the last character's origin. Along
    the baseline the new object must start right there; across it, a text rise (a
    superscript, and the text after it) may have moved it by up to the font size.
    """
    objects = [obj for _, obj in glyphs.runs]
    a, b, size = (np.array([getattr(obj, name) for obj in objects]) for name in ("a", "b", "size"))
    norm = np.array([math.hypot(obj.a, obj.b) for obj in objects[1:]])
    rise = np.array([obj.size * math.hypot(obj.c, obj.d) for obj in objects[1:]])
    width = np.array([glyphs.widths[first - 1][1] for first in firsts.tolist()])  # PDFium's, of the glyph before
    xs, ys = glyphs.xs, glyphs.ys
    dx = xs[firsts] - (xs[firsts - 1] + a[:-1] * width * size[:-1])
    dy = ys[firsts] - (ys[firsts - 1] + b[:-1] * width * size[:-1])
    with np.errstate(divide="ignore", invalid="ignore"):  # an object with no size along the baseline never goes on
        along = (dx * a[1:] + dy * b[1:]) / norm
        across = (dy * a[1:] - dx * b[1:]) / norm
    return (norm != 0) & (np.abs(along) <= 0.01) & (np.abs(across) <= rise)

# ---------------------------------------------------------------- rules and fills


def _object_matrix_of(handle: int) -> Matrix:
    matrix = pdfium_c.FS_MATRIX()
    if not _object_matrix(handle, ctypes.byref(matrix)):
        return IDENTITY
    return tuple(_snap(v) for v in (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f))  # type: ignore[return-value]


def _fill_color(handle: int) -> Color | None:
    """A path's fill colour as RGB in 0..1 to 3 decimals (PDFium gives 8 bits a channel)."""
    r, g, b, alpha = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not _object_fill_color(handle, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(alpha)):
        return None
    return (round(r.value / 255, 3), round(g.value / 255, 3), round(b.value / 255, 3))


class _Paths:
    """pdfplumber's edges (lines, then rectangle sides, then curve segments) and filled rectangles.

    Walking the page's objects also notes each text object's place in the content streams.
    """

    def __init__(self, space: _PageSpace) -> None:
        self.space = space
        self.lines: list[Rule] = []
        self.rect_sides: list[Rule] = []
        self.curve_segments: list[Rule] = []
        self.fills: list[Fill] = []
        self.text_order: dict[int, int] = {}

    @property
    def rules(self) -> tuple[Rule, ...]:
        return (*self.lines, *self.rect_sides, *self.curve_segments)

    def add_objects(self, count: int, get_object: Callable, holder: int, matrix: Matrix) -> None:
        """A page's (or a form's) objects in content-stream order, each form's in its place."""
        for i in range(count):
            handle = get_object(holder, i)
            if not handle:
                continue
            kind = _object_type(handle)
            if kind == _OBJ_PATH:
                self.add_path(handle, matrix)
            elif kind == _OBJ_TEXT:
                self.text_order[handle] = len(self.text_order)
            elif kind == _OBJ_FORM:
                form_matrix = _multiply(_object_matrix_of(handle), matrix)
                self.add_objects(_form_count_objects(handle), _form_get_object, handle, form_matrix)

    def add_path(self, handle: int, outer: Matrix) -> None:
        """One painted path, as pdfminer's `paint_path` receives it, cut at each "m"."""
        fill_mode, stroke = _int(0), _int(0)
        if not _path_draw_mode(handle, ctypes.byref(fill_mode), ctypes.byref(stroke)):
            return
        filled = fill_mode.value != 0
        if not filled and not stroke.value:
            return  # neither stroked nor filled: pdfminer never paints it
        # into pdfminer's device space: the path's matrix, its forms' matrices, the page CTM
        a, b, c, d, e, f = _multiply(_multiply(_object_matrix_of(handle), outer), self.space.ctm)
        color = _fill_color(handle) if filled else None
        x, y = ctypes.c_float(), ctypes.c_float()
        x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
        # PDFium's segments back into pdfminer's operators: ("m" | "l" | "c" | "h", end point)
        subpath: list[tuple[str, Point]] = []
        start: Point = (0.0, 0.0)
        raw_start: Point | None = None
        bezier_points = 0
        for i in range(_path_count_segments(handle)):
            segment = _path_get_segment(handle, i)
            if not segment or not _segment_point(segment, x_ref, y_ref):
                continue
            kind = _segment_type(segment)
            closes = bool(_segment_close(segment))
            raw = (_snap(x.value), _snap(y.value))
            point = (a * raw[0] + c * raw[1] + e, b * raw[0] + d * raw[1] + f)
            if kind == _SEG_MOVETO:
                self.add_subpath(subpath, filled, color)
                subpath = [("m", point)]
                start, raw_start = point, raw
                bezier_points = 0
                continue
            if not subpath:
                continue  # no subpath open: pdfminer drops what does not start with "m"
            if kind == _SEG_BEZIERTO:
                bezier_points += 1
                if bezier_points < 3:
                    continue  # a cubic's two control points come before its end
                bezier_points = 0
                subpath.append(("c", point))
            elif kind == _SEG_LINETO:
                if closes and raw == raw_start and len(subpath) > 1:
                    # PDFium draws "h" as a line back to the start; pdfminer drops an "l"
                    # back to the start before "h": either way, pdfminer's "...h"
                    subpath.append(("h", start))
                    continue
                subpath.append(("l", point))
            else:
                continue
            if closes:
                subpath.append(("h", start))
        self.add_subpath(subpath, filled, color)

    def add_subpath(self, ops: list[tuple[str, Point]], filled: bool, color: Color | None) -> None:
        """pdfminer's `paint_path` for one subpath: a line, a rectangle or a curve."""
        if len(ops) < 2:
            return  # a lone "m": pdfminer's subpath pattern "m[^m]+" skips it
        shape = "".join(op for op, _ in ops)
        pts = [point for _, point in ops]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"  # a redundant "l" back to the start before "h"
            pts.pop()
        if shape in ("mlh", "ml"):
            self.add_line(pts[0], pts[1])
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            closed = pts[0] == pts[4]
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if closed and square:
                self.add_rect(pts[0], pts[2], filled, color)
            else:
                self.add_curve(pts)
        else:
            self.add_curve(pts)

    def add_line(self, p0: Point, p1: Point) -> None:
        """pdfplumber's `line_to_edge`."""
        x0, x1 = sorted((p0[0], p1[0]))
        y0, y1 = sorted((p0[1], p1[1]))
        self.lines.append(Rule(*self.space.box(x0, y0, x1, y1)))

    def add_rect(self, p0: Point, p2: Point, filled: bool, color: Color | None) -> None:
        """pdfplumber's `rect_to_edges` (top, bottom, left, right), and the rectangle's fill."""
        x0, x1 = sorted((p0[0], p2[0]))
        y0, y1 = sorted((p0[1], p2[1]))
        left, top, right, bottom = self.space.box(x0, y0, x1, y1)
        height = y1 - y0
        self.rect_sides.append(Rule(left, top, right, top))
        self.rect_sides.append(Rule(left, top + height, right, bottom))
        self.rect_sides.append(Rule(left, top, left, bottom))
        self.rect_sides.append(Rule(right, top, right, bottom))
        if filled and color is not None:
            self.fills.append(Fill(BBox(left, top, right, bottom), color))

    def add_curve(self, pts: list[Point]) -> None:
        """pdfplumber's `curve_to_edges`: one edge per pair of successive points."""
        coords = [self.space.point(x, y) for x, y in pts]
        for (x0, y0), (x1, y1) in itertools.pairwise(coords):
            self.curve_segments.append(Rule(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))


# ---------------------------------------------------------------- pages


def _read_page(page: pdfium.PdfPage, number: int, path: Path, fonts: _PageFonts, mediabox: tuple | None) -> PageContent:
    """One page's content; `mediabox` is pdfminer's (exact) MediaBox of the page, if known."""
    pdfium_box = tuple(_snap(v) for v in page.get_mediabox())
    if mediabox is None or any(abs(p - q) > 0.01 for p, q in zip(pdfium_box, mediabox)):
        mediabox = pdfium_box
    space = _PageSpace(mediabox, page.get_rotation())  # type: ignore[arg-type]
    paths = _Paths(space)
    page_handle = _handle_of(page.raw)
    paths.add_objects(_page_count_objects(page_handle), _page_get_object, page_handle, IDENTITY)
    textpage = page.get_textpage()
    try:
        chars = _read_chars(_handle_of(textpage.raw), space, fonts, paths.text_order)
    finally:
        textpage.close()
    return PageContent(
        path=path,
        number=number,
        width=space.width,
        height=space.height,
        chars=tuple(chars),
        rules=paths.rules,
        fills=tuple(paths.fills),
    )


def read_pages(path: Path, password: str | None = None) -> Iterator[PageContent]:
    """Yield each page's content in order, one page in memory at a time.

    Raises NotAPdfError, EncryptedPdfError or ScannedPdfError with a message naming the
    file, as `extract.read.read_pages` does.
    """
    path = Path(path)
    check_looks_like_pdf(path)
    try:
        pdf = pdfium.PdfDocument(path, password=password or None)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            if password:
                raise EncryptedPdfError(f"{path}: encrypted; the password given does not open it") from error
            raise EncryptedPdfError(f"{path} is encrypted; pass --password") from error
        # Damaged. The pdfplumber reader's message names pdfminer's exception (PSEOF,
        # PDFSyntaxError, ...), and pdfminer may even read what PDFium cannot: let that
        # reader decide, so that the error (or the pages) are exactly its own.
        from extract import read as plumber_read  # that reader's library, loaded for a damaged file only

        yield from plumber_read.read_pages(path, password)
        return
    try:
        pdfminer_pages: DocumentFonts | None = DocumentFonts(path, password)
    except Exception:  # pdfminer cannot read the document: PDFium's font metrics only
        pdfminer_pages = None
    try:
        page_count = len(pdf)
        any_text = False
        for index in range(page_count):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as error:  # a page object PDFium cannot load: as the pdfplumber reader says
                raise NotAPdfError(f"{path}: damaged PDF on page {index + 1}") from error
            try:
                fonts, mediabox = None, None
                if pdfminer_pages is not None:
                    try:
                        fonts, mediabox, rotation = pdfminer_pages.next_page()
                    except Exception:  # pdfminer lost its way in the page tree
                        rotation = None
                    if rotation != page.get_rotation():  # not the same page: PDFium alone from here
                        fonts, mediabox = None, None
                        pdfminer_pages.close()
                        pdfminer_pages = None
                content = _read_page(page, index + 1, path, _PageFonts(fonts), mediabox)
            finally:
                page.close()
            any_text = any_text or bool(content.chars)
            yield content
        if page_count and not any_text:
            raise scanned_error(path)
    finally:
        pdf.close()
        if pdfminer_pages is not None:
            pdfminer_pages.close()
