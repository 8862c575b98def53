"""Stage 2, tables: find the ruled tables on a page as grids of cells with their text.

One engine per way of finding the grid, behind one interface (`TableEngine`):
`pdfplumber` (default; pdfplumber's edge-intersection algorithm) and `camelot`
(camelot lattice). Both return cell boxes; placing the text in the cells, closing a
table left open at the page foot and finding the text outside the tables is shared
(`base.py`), so the engines can only differ in where they see the rules.
"""

from extract.tables.base import Cell, Grid, PageTables, TableFinder
from extract.tables.engines import TableEngine, get_engine

__all__ = ["Cell", "Grid", "PageTables", "TableEngine", "TableFinder", "get_engine"]
