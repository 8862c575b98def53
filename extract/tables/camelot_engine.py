"""The camelot engine: camelot lattice (its default line-detection engine) finds the tables.

camelot reports each table as a regular grid in PDF space (origin at the media box's
bottom left corner): the x of every column boundary and the y of every row boundary, read
off the rendered page, so a pixel or so away from the rule that drew it. Each boundary is
moved to the reader's coordinates and snapped to the position of its rule in the PDF (the
rules snapped as for the pdfplumber engine, `grid.boundaries`), so a glyph on a cell's edge
falls in the same cell whichever engine found the table. Which inner boundaries are really
ruled (so which cells span) is read from the page's rules, as camelot's own per-cell flags
miss short rules under a spanning header; a table where the PDF draws no column rule is
none. camelot opens the PDF itself and renders with no password, so an encrypted PDF is
given to it decrypted. The text is placed by the shared code.
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extract.page import BBox, PageContent, Rule
from extract.tables.grid import boundaries, clustered, grid_to_boxes, snapped_rules

MIN_CELLS = 2
SNAP = 3.0  # points: how far a boundary seen on the rendered page may lie from its rule


def snapped(values: Sequence[float], positions: Sequence[float]) -> list[float]:
    """Each value moved onto the nearest rule position within SNAP; one with no rule there is dropped.

    A boundary no rule drew would be merged across anyway; off the rules altogether, it is
    camelot's rendered page out of step with the PDF's coordinates (a crop box).
    """
    kept = []
    for value in values:
        nearest = min(positions, key=lambda position: abs(position - value), default=None)
        if nearest is not None and abs(nearest - value) <= SNAP:
            kept.append(nearest)
    return kept


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
    columns = clustered(snapped(xs, rule_xs))
    rows = clustered(snapped(ys, rule_ys) + column_rule_ends(near, min(ys), max(ys)))
    if len(columns) < 2 or len(rows) < 2:
        return []
    return grid_to_boxes(columns, rows, rules)


@dataclass(frozen=True)
class Document:
    """A PDF as camelot reads it: the file (or its decrypted copy) and where each page's media box starts."""

    source: str | bytes
    origins: tuple[tuple[float, float], ...]  # camelot measures from the media box's corner, the reader from 0, 0

    def camelot_source(self) -> str | io.BytesIO:
        return self.source if isinstance(self.source, str) else io.BytesIO(self.source)


def open_document(path: Path, password: str | None) -> Document:
    """The document camelot reads; with a password, a copy saved without its encryption (camelot renders with none)."""
    import pypdfium2
    import pypdfium2.raw

    pdf = pypdfium2.PdfDocument(path, password=password)
    try:
        origins = tuple((box[0], box[1]) for box in (pdf[index].get_mediabox() for index in range(len(pdf))))
        if password is None:
            return Document(str(path), origins)
        buffer = io.BytesIO()
        pdf.save(buffer, flags=pypdfium2.raw.FPDF_REMOVE_SECURITY)
        return Document(buffer.getvalue(), origins)
    finally:
        pdf.close()


class CamelotEngine:
    """Cells as camelot's lattice parser finds them on the page (camelot opens the PDF itself)."""

    name = "camelot"

    def __init__(self, password: str | None = None) -> None:
        self.password = password
        self.documents: dict[tuple[Path, int, int], Document] = {}  # the document being read, opened once

    def document(self, path: Path) -> Document:
        """The document camelot reads for `path`, opened on its first page (again if the file changed)."""
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        if key not in self.documents:
            self.documents = {key: open_document(path, self.password)}
        return self.documents[key]

    def find_cell_boxes(self, page: PageContent) -> list[list[BBox]]:
        """One list of cell boxes per ruled table on the page (spanning cells merged)."""
        rules = snapped_rules(page.rules)
        if not rules:
            return []  # nothing ruled for camelot to find: the page is not rendered
        import camelot  # heavy (OpenCV): imported only when this engine is chosen

        logging.getLogger("camelot").setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = self.document(page.path)
            tables = camelot.read_pdf(document.camelot_source(), pages=str(page.number), flavor="lattice")
        left, foot = document.origins[page.number - 1]
        result = []
        for table in tables:
            xs = [left + table.cols[0][0], *(left + right for _, right in table.cols)]
            ys = [page.height - foot - table.rows[0][0], *(page.height - foot - bottom for _, bottom in table.rows)]
            boxes = table_to_boxes(xs, ys, rules)
            if len(boxes) >= MIN_CELLS:
                result.append(boxes)
        return result
