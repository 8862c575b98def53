"""Text layout inside a box: characters to lines, lines to paragraphs.

Pure geometry, shared by every table engine. The two hard parts are superscripts (a
smaller glyph on a raised baseline, which must stay on its line: "30th") and telling a
paragraph break from a wrap in a narrow column: a producer that wraps greedily only
breaks a line when the next word does not fit, so a line that leaves room for the next
line's first word ended its paragraph.
"""

from __future__ import annotations

import re
from bisect import insort
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, count, groupby, islice, pairwise
from operator import attrgetter, sub
from statistics import median

from extract.markers import MARKER_START
from extract.page import Char

SUPERSCRIPT_RATIO = 0.9  # glyphs smaller than this share of the line's size may be superscripts
WORD_GAP_RATIO = 0.18  # a horizontal gap wider than this share of the font size separates words
SPACE_WIDTH_RATIO = 0.28  # width of a space as a share of the font size (Arial, Helvetica)
WIDE_GAP_RATIO = 3.0  # a gap of this many ems parts two pieces of text outside a table
FIT_TOLERANCE = 1.0  # points of slack when asking whether a word would have fitted
PARAGRAPH_GAP_RATIO = 0.6  # extra leading, as a share of the size, that marks a paragraph gap
# Ligature glyphs read as their letters; a soft hyphen is only a possible break.
GLYPH_TEXT = str.maketrans({
    "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st", "\u00ad": "",
})
FUNCTION_WORDS = frozenset(
    "a an and are as at be been but by for from has have in is it its not of on or our that the their this "
    "to was we were which will with".split()
)
ORDINAL_SUFFIX = re.compile(r"^(st|nd|rd|th)$", re.IGNORECASE)
# A line is laid out glyph by glyph: the glyphs' fields are read with C-level getters, not Python lambdas.
TEXT, X0, X1, TOP, BOTTOM, SIZE, BOLD = map(attrgetter, ("text", "x0", "x1", "top", "bottom", "size", "bold"))
BAND = attrgetter("top", "bottom")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a cell: its joined text and the pages its lines are printed on."""

    text: str
    pages: frozenset[int]


@dataclass(frozen=True)
class TextLine:
    """One line of text with its box; `page` says where it was printed."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    first_word_width: float
    page: int
    space_width: float | None = None  # the gap between words as printed on this line, when it has several

    @property
    def starts_with_marker(self) -> bool:
        return bool(MARKER_START.match(self.text))


def text_size(chars: Sequence[Char]) -> float:
    """The size of the running text: the largest size that at least a third of the glyphs have.

    Not the maximum (a bullet glyph is often larger than the text) nor the median (in "1st"
    alone, two of three glyphs are the superscript).
    """
    return sizes_to_text_size(list(map(SIZE, chars)))


def sizes_to_text_size(sizes: list[float]) -> float:
    """`text_size` of glyphs of these sizes."""
    if min(sizes) == max(sizes):  # most lines print one size
        return round(sizes[0], 1)
    counts: dict[float, int] = {}
    for size, glyphs in Counter(sizes).items():  # a page prints few sizes: round each once
        rounded = round(size, 1)
        counts[rounded] = counts.get(rounded, 0) + glyphs
    for size in sorted(counts, reverse=True):
        if counts[size] * 3 >= len(sizes):
            return size
    return median([size for size, glyphs in counts.items() for _ in range(glyphs)])


def chars_to_line_groups(chars: Iterable[Char]) -> list[list[Char]]:
    """Group characters into lines, top to bottom; superscripts join the line they sit on."""
    chars = list(chars)
    glyphs = list(compress(chars, map(str.strip, map(TEXT, chars))))  # not white space
    if not glyphs:
        return []
    superscript = SUPERSCRIPT_RATIO * text_size(glyphs)
    if min(map(SIZE, glyphs)) >= superscript:  # no glyph small enough to be a superscript: most cells
        normal, small = sorted(glyphs, key=TOP), []
    else:
        normal = sorted((c for c in glyphs if c.size >= superscript), key=TOP)
        small = [c for c in glyphs if c.size < superscript]
    groups: list[_LineGroup] = []
    _add_all_to_groups(groups, normal, min_share=0.5)
    _add_all_to_groups(groups, sorted(small, key=TOP), min_share=0.01)
    return [sorted(group.chars, key=X0) for group in groups]


def chars_to_lines(chars: Iterable[Char], page: int, split_at_gaps: bool = False) -> list[TextLine]:
    """The characters as text lines, top to bottom.

    With `split_at_gaps`, a line is cut where a gap wider than a few ems parts its words
    (text outside a table: a footer's page number and date, a key's entries beside their boxes).
    """
    groups = chars_to_line_groups(chars)
    if split_at_gaps:
        groups = [piece for group in groups for piece in split_at_wide_gaps(group)]
    lines = [_group_to_line(group, page) for group in groups]
    return sorted(lines, key=lambda line: (line.top, line.x0))


def split_at_wide_gaps(group: Sequence[Char]) -> list[list[Char]]:
    """A line's characters (left to right) cut where the gap between two is wider than a few ems."""
    size = text_size(group)
    pieces: list[list[Char]] = [[group[0]]]
    for prev, char in pairwise(group):
        if char.x0 - prev.x1 > WIDE_GAP_RATIO * size:
            pieces.append([char])
        else:
            pieces[-1].append(char)
    return pieces


@dataclass(frozen=True)
class Word:
    """A word with its box, for finding columns by the whitespace between them."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool


def line_words(group: Sequence[Char], size: float | None = None) -> list[Word]:
    """The words of one line group (as from `chars_to_line_groups`), left to right.

    They are cut at the gaps wide for the group's own text size, and given `size` (by default that one).
    """
    own_size = text_size(group)
    size = own_size if size is None else size
    return [
        Word(
            text="".join(map(TEXT, word)).translate(GLYPH_TEXT),
            x0=word[0].x0, x1=max(map(X1, word)), top=min(map(TOP, word)),
            bottom=max(map(BOTTOM, word)), size=size, bold=sum(map(BOLD, word)) * 2 > len(word),
        )
        for word in split_words(group, own_size)
    ]


def split_words(ordered: Sequence[Char], size: float) -> list[list[Char]]:
    """Split a line's characters (left to right) into words at gaps wider than a letter spacing."""
    bounds = [0, *word_breaks(ordered, size), len(ordered)]
    return [list(ordered[start:end]) for start, end in pairwise(bounds)]


def word_breaks(ordered: Sequence[Char], size: float, sizes: list[float] | None = None) -> list[int]:
    """Where a new word begins in a line's characters (left to right): after a gap wider than a letter spacing.

    The gap is measured against the larger glyph beside it; a superscript after a digit ("1st") is no break.
    `sizes` are the glyphs' sizes, when already read.
    """
    superscript = SUPERSCRIPT_RATIO * size
    sizes = list(map(SIZE, ordered)) if sizes is None else sizes
    gaps = map(sub, map(X0, islice(ordered, 1, None)), map(X1, ordered))
    smallest, largest = min(sizes), max(sizes)
    if smallest == largest and smallest >= superscript:  # one size, no superscript: most lines
        wide = WORD_GAP_RATIO * largest
        return list(compress(count(1), map(wide.__lt__, gaps)))  # gap > wide, looped in C
    return [
        index for index, (gap, before, after) in enumerate(zip(gaps, sizes, islice(sizes, 1, None)), start=1)
        if gap > WORD_GAP_RATIO * (before if before > after else after)
        and not (after < superscript and ordered[index - 1].text.isdigit())
    ]


@dataclass
class _LineGroup:
    """Characters gathered into one line; `top` and `bottom` are the band of the glyph that began it.

    The band does not grow as glyphs join: a growing band lets a glyph between two lines
    (a vertically centred cell beside them) bridge them into one.
    """

    top: float
    bottom: float
    chars: list[Char]


def _add_to_group(groups: list[_LineGroup], char: Char, min_share: float) -> _LineGroup:
    """Put the char in the line it overlaps most (at least `min_share` of its height), else a new line.

    Groups are kept in order of their top; only those near the char are looked at. Returns
    the group it joined or began.
    """
    best, best_overlap = None, 0.0
    height = max(char.bottom - char.top, 0.1)
    for group in reversed(groups):
        if group.bottom < char.top - 3 * height:
            break
        overlap = min(group.bottom, char.bottom) - max(group.top, char.top)
        if overlap >= min_share * height and overlap > best_overlap:
            best, best_overlap = group, overlap
    if best is None:
        best = _LineGroup(char.top, char.bottom, [char])
        insort(groups, best, key=lambda g: g.top)
        return best
    best.chars.append(char)
    return best


def _add_all_to_groups(groups: list[_LineGroup], chars: Iterable[Char], min_share: float) -> None:
    """`_add_to_group` for each char in turn.

    Which group a char joins depends only on its top and bottom and on the groups' bands:
    a run of chars with the same top and bottom joins the group the first of them joins or
    begins (most glyphs of a line share one band).
    """
    for _, run in groupby(chars, key=BAND):
        first, *rest = run
        _add_to_group(groups, first, min_share).chars.extend(rest)


def _group_to_line(ordered: list[Char], page: int) -> TextLine:
    """A line's characters (left to right, as grouped) as text, with spaces at word gaps."""
    sizes = list(map(SIZE, ordered))
    size = sizes_to_text_size(sizes)
    superscript = SUPERSCRIPT_RATIO * size
    plain = min(sizes) >= superscript  # no glyph small enough to be a superscript: most lines
    breaks = word_breaks(ordered, size, sizes)
    bounds = [0, *breaks, len(ordered)]
    words = [ordered[start:end] for start, end in pairwise(bounds)]
    texts = ["".join(map(TEXT, word)).translate(GLYPH_TEXT) for word in words]
    if not plain:
        _join_ordinal_suffixes(words, texts, size)
    gaps = [ordered[i].x0 - ordered[i - 1].x1 for i in breaks if plain or ordered[i - 1].size >= superscript]
    return TextLine(
        text=" ".join(t for t in texts if t),
        x0=ordered[0].x0,
        x1=max(map(X1, ordered)),
        top=min(map(TOP, ordered)) if plain else min(c.top for c in ordered if c.size >= superscript),
        bottom=max(map(BOTTOM, ordered)),
        size=size,
        bold=sum(map(BOLD, ordered)) * 2 > len(ordered),
        first_word_width=ordered[bounds[1] - 1].x1 - ordered[0].x0,
        page=page,
        space_width=median(gaps) if gaps else None,
    )


def _join_ordinal_suffixes(words: list[list[Char]], texts: list[str], size: float) -> None:
    """Glue a superscript "th"/"st"/"nd"/"rd" to the number before it, even across a space."""
    superscript = SUPERSCRIPT_RATIO * size
    for i in range(1, len(words)):
        if ORDINAL_SUFFIX.match(texts[i]) and texts[i - 1][-1:].isdigit() and all(
            c.size < superscript for c in words[i]
        ):
            texts[i - 1] += texts[i]
            texts[i] = ""


def is_hard_break(line: TextLine, next_line: TextLine, right_edge: float, space_width: float | None = None) -> bool:
    """True when `line` ended its paragraph: the next line's first word would have fitted after it.

    `space_width` is the word gap seen elsewhere in the cell, for lines of one word.
    """
    if next_line.starts_with_marker:
        return True
    if line.page == next_line.page:
        leading = next_line.top - line.top
        if leading > (1.2 + PARAGRAPH_GAP_RATIO) * line.size:
            return True
    space = line.space_width or next_line.space_width or space_width or SPACE_WIDTH_RATIO * line.size
    return line.x1 + space + next_line.first_word_width <= right_edge - FIT_TOLERANCE


def is_broken_mid_word(line: TextLine, next_line: TextLine, right_edge: float) -> bool:
    """True when a word longer than the column was cut at the column's edge ("30/09/20" + "24").

    The cut line is that one word, filling the column, and the two halves continue each
    other: digits on both sides, or a long word or URL going on with something that is
    not a common word of its own. Not a wrap between "September" and "2020", nor between
    a URL that happens to fill its line and the "and" after it.
    """
    if " " in line.text or line.x1 < right_edge - 0.6 * line.size or not next_line.text:
        return False
    last, first = line.text[-1:], next_line.text[:1]
    if last.isdigit() and first.isdigit():
        return True
    if re.search(r"\w['’]$", line.text) and re.match(r"s\b", next_line.text):
        return True  # a possessive cut at its apostrophe: "Children'" + "s"
    if next_line.text.split()[0].strip(".,;:)").lower() in FUNCTION_WORDS or not first.isalnum():
        return False
    fills_column = line.x1 - line.x0 >= 0.85 * (right_edge - line.x0)
    url_like = bool(re.search(r"\w[/.@]\w", line.text))
    return fills_column and (url_like or (line.text.isalpha() and first.islower()))


def join_lines(lines: Sequence[TextLine], right_edge: float, separator: str = " ") -> str:
    """Join the wrapped lines of one paragraph; a word hyphenated or broken at a line end is rejoined.

    `separator` goes between lines that are not rejoined ("\n" keeps the wraps visible).
    """
    text = ""
    for i, line in enumerate(lines):
        if not text:
            text = line.text
            continue
        prev = lines[i - 1]
        broken_mid_word = is_broken_mid_word(prev, line, right_edge)
        if re.search(r"\w-$", text) or broken_mid_word:
            text += line.text
        else:
            text += separator + line.text
    return text


def lines_to_paragraphs(lines: Sequence[TextLine], right_edge: float, keep_wraps: bool = False) -> list[Paragraph]:
    """Split a cell's lines into paragraphs at hard breaks and join each paragraph's lines.

    With `keep_wraps`, the wraps inside a paragraph stay as "\n": where a line was full,
    geometry cannot tell a wrap from a paragraph break, and a later stage may judge by sense.
    """
    gaps = [line.space_width for line in lines if line.space_width]
    cell_space = median(gaps) if gaps else None
    groups: list[list[TextLine]] = []
    for i, line in enumerate(lines):
        if i == 0 or is_hard_break(lines[i - 1], line, right_edge, cell_space):
            groups.append([line])
        else:
            groups[-1].append(line)
    separator = "\n" if keep_wraps else " "
    return [
        Paragraph(join_lines(group, right_edge, separator), frozenset(line.page for line in group)) for group in groups
    ]
