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

from pdfplumber.table import merge_edges

from extract.page import BBox, Rule

ROW_TOLERANCE = 2.0  # points: cell tops closer than this are one row
SNAP_TOLERANCE = 3
JOIN_TOLERANCE = 3
EDGE_MIN_LENGTH = 3


def rule_to_edge(rule: Rule) -> dict:
    """A rule in the dict shape pdfplumber's table functions take."""
    return {
        "x0": rule.x0, "x1": rule.x1, "top": rule.top, "bottom": rule.bottom,
        "width": rule.x1 - rule.x0, "height": rule.bottom - rule.top,
        "orientation": "h" if rule.horizontal else "v",
    }


def edge_to_rule(edge: dict) -> Rule:
    return Rule(edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def snapped_rules(rules: Sequence[Rule]) -> list[Rule]:
    """The rules snapped and joined as pdfplumber does (`merge_edges`, its default tolerances), tiny ones dropped."""
    if not rules:
        return []
    edges = merge_edges(
        [rule_to_edge(r) for r in rules], SNAP_TOLERANCE, SNAP_TOLERANCE, JOIN_TOLERANCE, JOIN_TOLERANCE,
    )
    return [
        edge_to_rule(e) for e in edges
        if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= EDGE_MIN_LENGTH
    ]


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
