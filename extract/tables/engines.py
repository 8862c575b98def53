"""The table-engine interface: an engine says where a page's ruled tables and their cells are.

`pdfplumber` (default; tables by touching rules, on the rules the read stage collected)
and `camelot` (camelot lattice, which renders the page). Both place boundaries at the
positions of the PDF's rules and hand them to `grid.grid_to_boxes`, so they can only differ
in which tables and boundaries they see; `make engines` checks they give the same Plans.
"""

from __future__ import annotations

from typing import Protocol

from extract.page import BBox, PageContent


class TableEngine(Protocol):
    """Finds ruled tables on a page; returns one list of cell boxes per table."""

    name: str

    def find_cell_boxes(self, page: PageContent) -> list[list[BBox]]: ...


def get_engine(name: str, password: str | None = None) -> TableEngine:
    """The engine called `name` ("pdfplumber" or "camelot"); `password` opens an encrypted PDF for camelot."""
    if name == "pdfplumber":
        from extract.tables.pdfplumber_engine import PdfplumberEngine

        return PdfplumberEngine()
    if name == "camelot":
        from extract.tables.camelot_engine import CamelotEngine

        return CamelotEngine(password)
    raise ValueError(f"unknown engine {name!r}: choose pdfplumber or camelot")
