"""Tables drawn without rules: columns from the header and the whitespace, rows from alignment.

Used on pages where the engine finds no ruled table. Each step is a small function:
`lines_to_header` finds the header band (1-3 lines whose gutter-separated segments name
at least three roles, one the action); `header_to_columns` places a column boundary in
the whitespace corridor left of each header cell (and adds an unheaded column when body
text starts left of the first header); `lines_to_row_starts` starts rows at the gaps
across the whole table (cell padding), and, when cells are top-aligned, also where cells'
first lines align (rows with no padding);
`rows_to_boxes` turns rows and columns into cell boxes, one box across the columns a
section heading spans. The boxes then go through the
same text placement as a ruled table's.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from extract.columns import header_role
from extract.layout import Word, chars_to_line_groups, line_words
from extract.markers import BARE_NUMBER
from extract.read import BBox, PageContent

GUTTER_RATIO = 0.55  # a gap wider than this share of the size separates two cells on a line
MAX_HEADER_LINES = 3
ALIGN_TOLERANCE = 2.0
BLOCK_GAP_RATIO = 1.35  # a line further than this many line pitches below the last starts a block
LEADING_RATIO = 1.2  # line pitch as a share of the text size, when no two lines of a cell show it
ROW_GAP_RATIO = 2.0  # between centred cells, the padding gap of a row boundary is wider than this
TABLE_END_RATIO = 8.0  # a gap of this many line pitches ends the table: rows are never that far apart
FOOTER_SHARE = 0.1  # a footer sits in the last tenth of the page
FOOTER_MAX_WORDS = 8
MIN_ROLES = 3
MAX_HEADER_WORDS = 8


@dataclass(frozen=True)
class PhysicalLine:
    """One printed line across the page, as words."""

    words: tuple[Word, ...]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return median(w.size for w in self.words)


@dataclass(frozen=True)
class HeaderCell:
    text: str
    x0: float
    x1: float


def segments(line: PhysicalLine) -> list[list[Word]]:
    """Runs of words separated by gaps wider than a word space (the gutters between cells)."""
    runs: list[list[Word]] = [[line.words[0]]]
    for prev, word in itertools.pairwise(line.words):
        if word.x0 - prev.x1 > GUTTER_RATIO * line.size:
            runs.append([word])
        else:
            runs[-1].append(word)
    return runs


def band_to_header(band: Sequence[PhysicalLine]) -> list[HeaderCell]:
    """Header cells of a band of lines: segments of the lines merged where they overlap in x."""
    cells: list[HeaderCell] = []
    for line in band:
        for run in segments(line):
            text, x0, x1 = " ".join(w.text for w in run), run[0].x0, run[-1].x1
            match = next((c for c in cells if x0 < c.x1 and c.x0 < x1), None)
            if match is None:
                cells.append(HeaderCell(text, x0, x1))
            else:
                cells[cells.index(match)] = HeaderCell(f"{match.text} {text}", min(x0, match.x0), max(x1, match.x1))
    return sorted(cells, key=lambda c: c.x0)


def header_score(cells: Sequence[HeaderCell]) -> int:
    """Roles the cells name (0 unless one is the action and three in all); headers are short."""
    if len(cells) < MIN_ROLES or any(len(c.text.split()) > MAX_HEADER_WORDS for c in cells):
        return 0
    roles = [header_role(c.text) for c in cells]
    known = {r for r in roles if r}
    return len(known) if "action" in known and len(known) >= MIN_ROLES else 0


def lines_to_header(lines: Sequence[PhysicalLine]) -> tuple[int, int, list[HeaderCell]] | None:
    """(first line, line count, header cells) of the topmost band that reads as a plan header."""
    for start, first in enumerate(lines):
        best: tuple[int, int, list[HeaderCell]] | None = None
        for count in range(1, MAX_HEADER_LINES + 1):
            band = lines[start:start + count]
            if len(band) < count or (count > 1 and band[-1].top - band[-2].top > 1.6 * first.size):
                break
            cells = band_to_header(band)
            score = header_score(cells)
            if score and (best is None or score > header_score(best[2]) or (
                score == header_score(best[2]) and all(w.bold for w in band[-1].words) and first.words[0].bold
            )):
                best = (start, count, cells)
        if best is not None:
            return best
    return None


def runs(line: PhysicalLine) -> list[Word]:
    """The line's gutter-separated runs of words, each as one wide word (a column boundary never cuts one)."""
    return [
        Word(" ".join(w.text for w in run), run[0].x0, run[-1].x1, min(w.top for w in run),
             max(w.bottom for w in run), run[0].size, all(w.bold for w in run))
        for run in segments(line)
    ]


def is_heading_line(line: PhysicalLine) -> bool:
    """A line of one bold run: a section heading that may run across columns."""
    return len(segments(line)) == 1 and all(w.bold for w in line.words)


def is_crossed(x: float, words: Sequence[Word]) -> bool:
    return any(w.x0 < x < w.x1 for w in words)


def header_to_columns(cells: Sequence[HeaderCell], body: Sequence[Word]) -> list[tuple[float, str]]:
    """Left boundary and header text of every column, boundaries in whitespace no body word crosses."""
    columns: list[tuple[float, str]] = [(cells[0].x0 - 1, cells[0].text)]
    for previous, cell in itertools.pairwise(cells):
        x = cell.x0 + 1
        while x > previous.x1 and is_crossed(x, body):
            x -= 0.5
        columns.append((x if x > previous.x1 else cell.x0 - 1, cell.text))
    leftmost = min((w.x0 for w in body), default=columns[0][0])
    if leftmost < columns[0][0] - ALIGN_TOLERANCE:
        first_text = [w for w in body if w.x0 < columns[0][0]]
        if first_text and max(w.x1 for w in first_text) < columns[0][0]:
            columns.insert(0, (leftmost - 1, ""))
    return columns


def cell_size(words: Sequence[Word]) -> float:
    return median(w.size for w in words) if words else 10.0


def column_of(x: float, columns: Sequence[tuple[float, str]]) -> int:
    index = 0
    for i, (left, _) in enumerate(columns):
        if x >= left - 0.5:
            index = i
    return index


Columns = Sequence[tuple[float, str]]


def column_blocks(lines: Sequence[PhysicalLine], columns: Columns) -> dict[int, tuple[float, float]]:
    """Per column, the top and bottom of its text among the lines."""
    blocks: dict[int, tuple[float, float]] = {}
    for line in lines:
        for word in line.words:
            column = column_of(word.x0, columns)
            top, bottom = blocks.get(column, (word.top, word.bottom))
            blocks[column] = (min(top, word.top), max(bottom, word.bottom))
    return blocks


def is_middle_aligned(stretches: Sequence[Sequence[PhysicalLine]], columns: Columns, pitch: float) -> bool:
    """True when the cells of the rows between gaps share their middle rather than their first line."""
    middle = top = 0
    for stretch in stretches:
        blocks = list(column_blocks(stretch, columns).values())
        if len(blocks) < 2:
            continue
        tops = [t for t, _ in blocks]
        centres = [(t + b) / 2 for t, b in blocks]
        if max(tops) - min(tops) <= ALIGN_TOLERANCE:
            top += 1
        elif max(centres) - min(centres) <= pitch / 2:
            middle += 1
    return middle > top


def line_pitch(lines: Sequence[PhysicalLine], columns: Columns) -> float:
    """The distance between two lines of one cell: steps within a column near the usual leading.

    Measured column by column, not between consecutive lines of the page (centred cells
    interleave their lines at half a line from their neighbours'), and only among steps
    close to 1.2 times the text size (most steps in a column of one-line cells are rows).
    """
    leading = LEADING_RATIO * cell_size([w for line in lines for w in line.words])
    tops: dict[int, list[float]] = {}
    for line in lines:
        for column in {column_of(w.x0, columns) for w in line.words}:
            tops.setdefault(column, []).append(line.top)
    steps = [
        b - a for column_tops in tops.values() for a, b in itertools.pairwise(column_tops)
        if 0.8 * leading <= b - a <= 1.3 * leading
    ]
    return median(steps) if steps else leading


def lines_to_row_starts(lines: Sequence[PhysicalLine], columns: Sequence[tuple[float, str]]) -> list[float]:
    """The tops where logical rows start.

    A gap across the whole table is the padding between two rows. When the cells are
    vertically centred, the gaps alone say where rows start. When they are top-aligned,
    a row also starts where blocks of text start together in two columns, or a new
    block starts in the number or finding column (rows with no padding, Word's default).
    """
    pitch = line_pitch(lines, columns)
    gap_indexes = [
        i for i, (previous, line) in enumerate(itertools.pairwise(lines), start=1)
        if line.top - previous.top > BLOCK_GAP_RATIO * pitch
    ]
    gap_starts = [lines[i].top for i in gap_indexes]
    bounds = [0, *gap_indexes, len(lines)]
    stretches = [lines[a:b] for a, b in itertools.pairwise(bounds)]
    if is_middle_aligned(stretches, columns, pitch):
        # Only the wide gaps: a centred cell's own paragraph spacing leaves a narrower one.
        wide = [
            line.top for previous, line in itertools.pairwise(lines) if line.top - previous.top > ROW_GAP_RATIO * pitch
        ]
        return [lines[0].top, *wide]
    roles = [header_role(text) for _, text in columns]
    anchors = {i for i, role in enumerate(roles) if role in ("number", "finding")} | {
        i for i, (_, text) in enumerate(columns) if not text
    }
    block_starts: dict[int, list[float]] = {}
    last_top: dict[int, float] = {}
    for line in lines:
        for column in {column_of(w.x0, columns) for w in line.words}:
            if column not in last_top or line.top - last_top[column] > BLOCK_GAP_RATIO * pitch:
                block_starts.setdefault(column, []).append(line.top)
            last_top[column] = line.top
    aligned_starts = [
        top for column, tops in block_starts.items() for top in tops
        if column in anchors or any(
            abs(top - other) <= ALIGN_TOLERANCE for c, others in block_starts.items() if c != column for other in others
        )
    ]
    merged: list[float] = []
    for top in sorted([lines[0].top, *gap_starts, *aligned_starts]):
        if not merged or top - merged[-1] > ALIGN_TOLERANCE:
            merged.append(top)
    return merged


def column_right_edges(columns: Sequence[tuple[float, str]], words: Sequence[Word], right: float) -> list[float]:
    """Where each column's text runs out: its widest line's end (its wrap width), not the next column."""
    edges = []
    for i, (left, _) in enumerate(columns):
        limit = columns[i + 1][0] if i + 1 < len(columns) else right
        inside = [w.x1 for w in words if left - 0.5 <= w.x0 < limit and w.x1 <= limit + ALIGN_TOLERANCE]
        edges.append(min(limit, max(inside) + 1) if inside else limit)
    return edges


def number_split(row_lines: Sequence[PhysicalLine], left: float, limit: float) -> float | None:
    """Where a bare number printed before a gutter at the start of a cell ends its own narrow cell."""
    first = next((line for line in row_lines if any(left - 0.5 <= w.x0 < limit for w in line.words)), None)
    if first is None:
        return None
    runs = [run for run in segments(first) if left - 0.5 <= run[0].x0 < limit]
    if len(runs) >= 2 and BARE_NUMBER.match(" ".join(w.text for w in runs[0])):
        return (runs[0][-1].x1 + runs[1][0].x0) / 2
    return None


def rows_to_boxes(
    starts: Sequence[float], bottom: float, columns: Sequence[tuple[float, str]], right: float,
    lines: Sequence[PhysicalLine],
) -> list[BBox]:
    """Cell boxes for every row; a row whose only text runs across column boundaries is one box."""
    lefts = [left for left, _ in columns]
    rights = column_right_edges(columns, [w for line in lines for w in line.words], right)
    boxes = []
    for top, next_top in zip(starts, [*starts[1:], bottom + 1]):
        row_top, row_bottom = top - 1, next_top - 1
        row_lines = [line for line in lines if row_top <= line.top < row_bottom]
        spanning = len(row_lines) == 1 and len(segments(row_lines[0])) == 1 and column_of(
            row_lines[0].words[-1].x1 - 1, columns,
        ) > column_of(row_lines[0].words[0].x0, columns)
        if spanning:
            boxes.append(BBox(lefts[0], row_top, right, row_bottom))
            continue
        for i, (x0, x1) in enumerate(zip(lefts, rights)):
            limit = lefts[i + 1] if i + 1 < len(lefts) else right
            split = number_split(row_lines, x0, limit) if i == 0 or columns[i - 1][1] != "" else None
            if split is not None:
                boxes.append(BBox(x0, row_top, split, row_bottom))
                x0 = split
            boxes.append(BBox(x0, row_top, x1, row_bottom))
    return boxes


def without_footer(lines: Sequence[PhysicalLine], page_height: float, header_bottom: float) -> list[PhysicalLine]:
    """The table's lines: up to a gap far wider than any between rows (text below the table),
    less a footer: short lines in the page's last tenth, set apart by a gap (a page number).
    """
    body: list[PhysicalLine] = []
    for line in lines:
        above = body[-1].bottom if body else header_bottom
        if line.top - above > TABLE_END_RATIO * LEADING_RATIO * line.size:
            break
        body.append(line)
    while len(body) > 1:
        last, before = body[-1], body[-2]
        apart = last.top - before.bottom > ROW_GAP_RATIO * last.size
        if last.top > (1 - FOOTER_SHARE) * page_height and apart and len(last.words) <= FOOTER_MAX_WORDS:
            body.pop()
        else:
            break
    return body


def find_cell_boxes(page: PageContent) -> list[BBox]:
    """Cell boxes of a borderless plan table on the page (header row first), or [] when there is none."""
    lines = [PhysicalLine(tuple(line_words(group))) for group in chars_to_line_groups(page.chars)]
    lines = [line for line in lines if line.words]
    found = lines_to_header(lines)
    if found is None:
        return []
    start, count, header = found
    body = without_footer(lines[start + count:], page.height, lines[start + count - 1].bottom)
    if not body:
        return []
    words = [w for line in body for w in line.words]
    columns = header_to_columns(header, [run for line in body if not is_heading_line(line) for run in runs(line)])
    right = max(max(w.x1 for w in words), header[-1].x1) + 1
    header_top = lines[start].top - 1
    header_bottom = body[0].top - 1
    edges = [left for left, _ in columns] + [right]
    header_boxes = [BBox(x0, header_top, x1, header_bottom) for x0, x1 in itertools.pairwise(edges)]
    starts = lines_to_row_starts(body, columns)
    return header_boxes + rows_to_boxes(starts, body[-1].bottom, columns, right, body)
