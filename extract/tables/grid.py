"""Rules to cell boxes: the geometry both engines share once they know where a table's rules are.

`grid_to_boxes` takes a table's column and row boundaries (every x where a column rule
stands, every y where a row rule does) and the page's rules, cuts the grid into its finest
cells and merges neighbours that no rule separates: across for a cell spanning columns,
down for a cell spanning rows (a finding cell beside several action rows). So the engines
differ only in where they see the boundaries; the cells follow from the rules.
Both take the rules as pdfplumber snaps and joins them (`snapped_rules`) and place
boundaries at those rules' positions (`boundaries`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

from extract.layout import BOTTOM, TOP, X0, X1
from extract.page import BBox, Rule

ROW_TOLERANCE = 2.0  # points: cell tops closer than this are one row
SNAP_TOLERANCE = 3
JOIN_TOLERANCE = 3
EDGE_MIN_LENGTH = 3


def snapped_rules(rules: Sequence[Rule]) -> list[Rule]:
    """The rules snapped and joined as pdfplumber's `merge_edges` does (its default tolerances), tiny ones dropped.

    Written out on our rules, with pdfplumber's arithmetic and order, so that its page
    model is not imported to snap a few hundred lines (tests hold the two equal).
    """
    verticals = snap_rules([r for r in rules if not r.horizontal], horizontal=False)
    horizontals = snap_rules([r for r in rules if r.horizontal], horizontal=True)
    joined = [
        rule
        for (vertical, _), group in itertools.groupby(sorted(verticals + horizontals, key=rule_line), key=rule_line)
        for rule in join_rules(list(group), horizontal=not vertical)
    ]
    return [r for r in joined if (r.x1 - r.x0 if r.horizontal else r.bottom - r.top) >= EDGE_MIN_LENGTH]


def rule_line(rule: Rule) -> tuple[bool, float]:
    """The infinite line a rule lies on: horizontal ones (False) first, then by their position."""
    return (False, rule.top) if rule.horizontal else (True, rule.x0)


def snap_rules(rules: list[Rule], horizontal: bool) -> list[Rule]:
    """Rules of one orientation moved across onto the mean position of their cluster.

    A cluster is a chain of positions each within SNAP_TOLERANCE of the one before.
    """
    position = TOP if horizontal else X0
    values = sorted(set(map(position, rules)))
    starts = (value > previous + SNAP_TOLERANCE for previous, value in itertools.pairwise(values))
    cluster_of = dict(zip(values, itertools.accumulate(starts, initial=0)))
    clusters: dict[int, list[Rule]] = {}
    for rule in sorted(rules, key=lambda r: cluster_of[position(r)]):
        clusters.setdefault(cluster_of[position(rule)], []).append(rule)
    snapped = []
    for members in clusters.values():
        mean = sum(map(position, members)) / len(members)
        for r in members:
            shift = mean - position(r)
            snapped.append(
                Rule(r.x0, r.top + shift, r.x1, r.bottom + shift) if horizontal
                else Rule(r.x0 + shift, r.top, r.x1 + shift, r.bottom)
            )
    return snapped


def join_rules(rules: list[Rule], horizontal: bool) -> list[Rule]:
    """Rules on one line joined where one starts within JOIN_TOLERANCE of where the one before ends."""
    start, end = (X0, X1) if horizontal else (TOP, BOTTOM)
    joined: list[Rule] = []
    for rule in sorted(rules, key=start):
        if not joined or start(rule) > end(joined[-1]) + JOIN_TOLERANCE:
            joined.append(rule)
        elif end(rule) > end(joined[-1]):
            last = joined[-1]
            joined[-1] = (
                Rule(last.x0, last.top, rule.x1, last.bottom) if horizontal
                else Rule(last.x0, last.top, last.x1, rule.bottom)
            )
    return joined


def boundaries(rules: Sequence[Rule]) -> tuple[list[float], list[float]]:
    """Where rules bound cells: the x of every column rule; the y of every row rule and column rule end."""
    verticals = [r for r in rules if not r.horizontal]
    xs = clustered([r.x0 for r in verticals])
    ys = clustered([r.top for r in rules if r.horizontal] + [y for r in verticals for y in (r.top, r.bottom)])
    return xs, ys


def boxes_to_rows(boxes: Sequence[BBox]) -> list[list[BBox]]:
    """Group cell boxes into rows by their top edge, each row left to right."""
    rows: list[list[BBox]] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        if rows and abs(rows[-1][0].top - box.top) <= ROW_TOLERANCE:
            rows[-1].append(box)
        else:
            rows.append([box])
    return [sorted(row, key=lambda b: b.x0) for row in rows]


def is_ruled_vertically(x: float, top: float, bottom: float, rules: Sequence[Rule]) -> bool:
    """True when a vertical rule at `x` covers most of the span from `top` to `bottom`."""
    covered = sum(
        max(0.0, min(bottom, r.bottom) - max(top, r.top))
        for r in rules
        if not r.horizontal and abs(r.x0 - x) <= ROW_TOLERANCE + 1
    )
    return covered >= 0.6 * (bottom - top)


def is_ruled_horizontally(y: float, x0: float, x1: float, rules: Sequence[Rule]) -> bool:
    """True when horizontal rules at `y` cover most of the span from `x0` to `x1`."""
    covered = sum(
        max(0.0, min(x1, r.x1) - max(x0, r.x0))
        for r in rules
        if r.horizontal and abs(r.top - y) <= ROW_TOLERANCE + 1
    )
    return covered >= 0.6 * (x1 - x0)


def clustered(values: Iterable[float]) -> list[float]:
    """Positions closer than the row tolerance taken as one (the first of them), in order."""
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > ROW_TOLERANCE:
            merged.append(value)
    return merged


def grid_to_boxes(xs: Sequence[float], ys: Sequence[float], rules: Sequence[Rule]) -> list[BBox]:
    """Cell boxes of the grid on `xs` and `ys`: finest cells merged where no rule separates them.

    Neighbours in a row merge where no vertical rule covers their boundary, neighbours in a
    column where no horizontal rule does; each merged group is one box (its bounding box).
    """
    columns, bands = len(xs) - 1, len(ys) - 1
    parent = list(range(columns * bands))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for band, (top, bottom) in enumerate(itertools.pairwise(ys)):
        for column in range(columns):
            here = band * columns + column
            if column + 1 < columns and not is_ruled_vertically(xs[column + 1], top, bottom, rules):
                parent[root(here + 1)] = root(here)
            if band + 1 < bands and not is_ruled_horizontally(bottom, xs[column], xs[column + 1], rules):
                parent[root(here + columns)] = root(here)
    groups: dict[int, list[int]] = {}
    for index in range(columns * bands):
        groups.setdefault(root(index), []).append(index)
    boxes = []
    for members in groups.values():
        cols = [m % columns for m in members]
        rows = [m // columns for m in members]
        boxes.append(BBox(xs[min(cols)], ys[min(rows)], xs[max(cols) + 1], ys[max(rows) + 1]))
    return sorted(boxes, key=lambda b: (b.top, b.x0))
