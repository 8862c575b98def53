"""The page as every stage after reading sees it: glyphs, ruling lines and filled rectangles.

Plain values with their geometry in pdfplumber's page space (x grows rightwards, top and
bottom grow downwards), made by a reader (`read`, `read_pdfium`, `read_ocr`) and never
holding a PDF library's objects: the stages after reading import no PDF library.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from pathlib import Path
from typing import NamedTuple

Color = tuple[float, float, float]


@dataclass(frozen=True)
class BBox:
    """A box in page space: x grows rightwards, top and bottom grow downwards."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def contains_point(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom

    def horizontal_overlap(self, other: BBox) -> float:
        return max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))


class Char(NamedTuple):
    """One glyph with its box, font size and weight (a named tuple: quick to make by the thousand)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @classmethod
    def many(cls, fields: Iterable[tuple[str, float, float, float, float, float, bool]]) -> list[Char]:
        """Chars made from tuples of their fields, in order, with no Python call for each (as `_make` has)."""
        return list(map(tuple.__new__, repeat(cls), fields))


@dataclass(frozen=True)
class Rule:
    """A ruling line (a drawn line or a rectangle's edge), horizontal or vertical."""

    x0: float
    top: float
    x1: float
    bottom: float

    @cached_property  # asked for every rule each time a cell's sides are looked for
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(frozen=True)
class Fill:
    """A filled rectangle (cell shading) and its colour as RGB in 0..1."""

    bbox: BBox
    color: Color


@dataclass(frozen=True)
class PageContent:
    """Everything later stages need from one page."""

    path: Path
    number: int
    width: float
    height: float
    chars: tuple[Char, ...]
    rules: tuple[Rule, ...]
    fills: tuple[Fill, ...]


BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demi")
