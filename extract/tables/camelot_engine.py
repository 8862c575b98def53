"""The camelot engine: camelot lattice (its default line-detection engine) finds the tables.

camelot reports each table as a regular grid in PDF space (origin bottom left): the x of
every column boundary and the y of every row boundary. Which inner boundaries are really
ruled (so which cells span) is read from the page's rules, as camelot's own per-cell
flags miss short rules under a spanning header. The text is placed by the shared code.
"""

from __future__ import annotations

import logging
import warnings

from extract.read import BBox, PageContent
from extract.tables.grid import grid_to_boxes

MIN_CELLS = 2


class CamelotEngine:
    """Cells as camelot's lattice parser finds them on the page."""

    name = "camelot"

    def find_cell_boxes(self, page: PageContent) -> list[list[BBox]]:
        """One list of cell boxes per ruled table on the page (spanning cells merged)."""
        import camelot  # heavy (OpenCV): imported only when this engine is chosen

        logging.getLogger("camelot").setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(page.path), pages=str(page.number), flavor="lattice")
        result = []
        for table in tables:
            xs = [table.cols[0][0], *(right for _, right in table.cols)]
            ys = [page.height - table.rows[0][0], *(page.height - bottom for _, bottom in table.rows)]
            boxes = grid_to_boxes(xs, ys, page.rules)
            if len(boxes) >= MIN_CELLS:
                result.append(boxes)
        return result
