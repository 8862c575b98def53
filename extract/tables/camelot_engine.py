"""The camelot engine: camelot lattice (its default line-detection engine) finds the tables.

camelot reports each table as a regular grid in PDF space (origin bottom left): the x of
every column boundary and the y of every row boundary, read off the rendered page, so a
pixel or so away from the rule that drew it. Each boundary is snapped to the position of
that rule in the PDF (the rules snapped as for the pdfplumber engine, `grid.boundaries`),
so a glyph on a cell's edge falls in the same cell whichever engine found the table.
Which inner boundaries are really ruled (so which cells span) is read from the page's
rules, as camelot's own per-cell flags miss short rules under a spanning header; a table
where the PDF draws no column rule is none. The text is placed by the shared code.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence

from extract.read import BBox, PageContent, Rule
from extract.tables.grid import boundaries, clustered, grid_to_boxes, snapped_rules

MIN_CELLS = 2
SNAP = 3.0  # points: how far a boundary seen on the rendered page may lie from its rule


def snapped(value: float, positions: Sequence[float]) -> float:
    """The rule position nearest `value` when one is within SNAP, else `value` itself."""
    nearest = min(positions, key=lambda position: abs(position - value), default=value)
    return nearest if abs(nearest - value) <= SNAP else value


def rules_near(rules: Sequence[Rule], xs: Sequence[float], ys: Sequence[float]) -> list[Rule]:
    """The rules within SNAP of the area the boundaries span."""
    area = BBox(min(xs) - SNAP, min(ys) - SNAP, max(xs) + SNAP, max(ys) + SNAP)
    return [
        r for r in rules
        if r.x0 <= area.x1 and r.x1 >= area.x0 and r.top <= area.bottom and r.bottom >= area.top
    ]


def column_rule_ends(rules: Sequence[Rule], top: float, bottom: float) -> list[float]:
    """Where the column rules start and stop between `top` and `bottom`.

    camelot bounds rows only where rules cross (its joints); a column rule that stops short
    of a row rule still bounds the cells beside it, as the pdfplumber engine takes it.
    """
    return [end for r in rules if not r.horizontal for end in (r.top, r.bottom) if top - SNAP <= end <= bottom + SNAP]


def table_to_boxes(xs: Sequence[float], ys: Sequence[float], rules: Sequence[Rule]) -> list[BBox]:
    """Cell boxes of a table camelot bounds at `xs` and `ys` (top-down), its boundaries snapped to the rules.

    No cells where the PDF draws no column rule: camelot saw the lines of something
    else on the rendered page (the edges of shading), which the pdfplumber engine never sees.
    """
    near = rules_near(rules, xs, ys)
    rule_xs, rule_ys = boundaries(near)
    if not rule_xs:
        return []
    row_ys = [snapped(y, rule_ys) for y in ys] + column_rule_ends(near, min(ys), max(ys))
    return grid_to_boxes(clustered(snapped(x, rule_xs) for x in xs), clustered(row_ys), rules)


class CamelotEngine:
    """Cells as camelot's lattice parser finds them on the page."""

    name = "camelot"

    def find_cell_boxes(self, page: PageContent) -> list[list[BBox]]:
        """One list of cell boxes per ruled table on the page (spanning cells merged)."""
        rules = snapped_rules(page.rules)
        if not rules:
            return []  # nothing ruled for camelot to find: the page is not rendered
        import camelot  # heavy (OpenCV): imported only when this engine is chosen

        logging.getLogger("camelot").setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(page.path), pages=str(page.number), flavor="lattice")
        result = []
        for table in tables:
            xs = [table.cols[0][0], *(right for _, right in table.cols)]
            ys = [page.height - table.rows[0][0], *(page.height - bottom for _, bottom in table.rows)]
            boxes = table_to_boxes(xs, ys, rules)
            if len(boxes) >= MIN_CELLS:
                result.append(boxes)
        return result
