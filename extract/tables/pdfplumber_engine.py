"""The default engine: pdfplumber's own lattice algorithm run on the page's ruling lines.

pdfplumber finds tables in three steps, each a function of the one before:
`merge_edges` (snap and join nearly-touching rules), `edges_to_intersections`,
`intersections_to_cells` and `cells_to_tables`. We call those steps on the rules the
read stage already collected, with pdfplumber's default tolerances, so the page is parsed
once.
"""

from __future__ import annotations

from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

from extract.read import BBox, PageContent, Rule

SNAP_TOLERANCE = 3
JOIN_TOLERANCE = 3
INTERSECTION_TOLERANCE = 3
EDGE_MIN_LENGTH = 3
MIN_CELLS = 2


def rule_to_edge(rule: Rule) -> dict:
    """A rule in the dict shape pdfplumber's table functions take."""
    return {
        "x0": rule.x0, "x1": rule.x1, "top": rule.top, "bottom": rule.bottom,
        "width": rule.x1 - rule.x0, "height": rule.bottom - rule.top,
        "orientation": "h" if rule.horizontal else "v",
    }


class PdfplumberEngine:
    """Cells from the intersections of the page's ruling lines, as pdfplumber finds them."""

    name = "pdfplumber"

    def find_cell_boxes(self, page: PageContent) -> list[list[BBox]]:
        """One list of cell boxes per ruled table on the page."""
        edges = [rule_to_edge(r) for r in page.rules]
        if not edges:
            return []
        edges = merge_edges(edges, SNAP_TOLERANCE, SNAP_TOLERANCE, JOIN_TOLERANCE, JOIN_TOLERANCE)
        edges = [
            e for e in edges
            if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= EDGE_MIN_LENGTH
        ]
        intersections = edges_to_intersections(edges, INTERSECTION_TOLERANCE, INTERSECTION_TOLERANCE)
        cells = intersections_to_cells(intersections)
        return [
            [BBox(*cell) for cell in table]
            for table in cells_to_tables(cells)
            if len(table) >= MIN_CELLS
        ]
