"""The default engine: tables by connected rules, on the page's ruling lines as pdfplumber snaps them.

`grid.snapped_rules` (pdfplumber's `merge_edges`, written out on our rules) snaps and joins nearly-touching rules
on the rules the read stage already collected, so the page is parsed once.
The snapped edges that touch each other form one table (`edges_to_tables`); a table's
boundaries are every x of its column rules and every y of its row rules and of its column
rules' ends (a table left open at the page foot or head still has its last row), and
`grid_to_boxes` turns them into cells, merged where no rule separates them. pdfplumber's
own `cells_to_tables` is not used: it needs all four corners of a cell, so a cell spanning
rows that runs off the page is lost and one table can come apart into two.
"""

from __future__ import annotations

from extract.page import BBox, PageContent, Rule
from extract.tables.grid import boundaries, grid_to_boxes, snapped_rules

TOUCH_TOLERANCE = 3  # points: edges this close meet
MIN_CELLS = 2


def touches(horizontal: Rule, vertical: Rule) -> bool:
    """True when a horizontal and a vertical rule meet or cross."""
    return (
        horizontal.x0 - TOUCH_TOLERANCE <= vertical.x0 <= horizontal.x1 + TOUCH_TOLERANCE
        and vertical.top - TOUCH_TOLERANCE <= horizontal.top <= vertical.bottom + TOUCH_TOLERANCE
    )


def edges_to_tables(rules: list[Rule]) -> list[list[Rule]]:
    """Rules grouped into tables: the sets of horizontal and vertical rules that meet each other."""
    parent = list(range(len(rules)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    horizontals = [i for i, r in enumerate(rules) if r.horizontal]
    verticals = [i for i, r in enumerate(rules) if not r.horizontal]
    for h in horizontals:
        for v in verticals:
            if touches(rules[h], rules[v]):
                parent[root(v)] = root(h)
    groups: dict[int, list[Rule]] = {}
    for index, rule in enumerate(rules):
        groups.setdefault(root(index), []).append(rule)
    return [group for group in groups.values() if len(group) > 1]


def table_to_boxes(table: list[Rule], rules: list[Rule]) -> list[BBox]:
    """Cell boxes of one table from its rules' positions."""
    xs, ys = boundaries(table)
    if len(xs) < 2 or len(ys) < 2:
        return []
    return grid_to_boxes(xs, ys, rules)


class PdfplumberEngine:
    """Cells from the page's ruling lines, snapped and joined as pdfplumber does."""

    name = "pdfplumber"

    def find_cell_boxes(self, page: PageContent) -> list[list[BBox]]:
        """One list of cell boxes per ruled table on the page."""
        rules = snapped_rules(page.rules)
        return [
            boxes for table in edges_to_tables(rules)
            if len(boxes := table_to_boxes(table, rules)) >= MIN_CELLS
        ]
