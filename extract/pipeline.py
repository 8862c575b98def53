"""The pipeline: read -> tables -> rows -> items -> plan, for one PDF.

`Extractor` composes the stages under one settings object that rejects unknown keys;
`extract_plan` is the one-call form. Pages are read and searched for tables one at a
time, so memory does not grow with the page count.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extract.errors import NoPlanTableError
from extract.items import rows_to_findings
from extract.plan import build_plan
from extract.read import read_pages
from extract.rows import stitch
from extract.tables import PageTables, get_engine
from extract.tables.base import find_tables
from schemas.plan import Plan, Source


class ExtractSettings(BaseModel):
    """How to read a plan. Unknown keys are an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: Literal["pdfplumber", "camelot"] = "pdfplumber"
    password: str | None = None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Extractor:
    """Turns a plan's PDF into a validated Plan with the configured engine."""

    def __init__(self, settings: ExtractSettings | None = None, **options: object) -> None:
        self.settings = settings or ExtractSettings(**options)  # type: ignore[arg-type]
        self.engine = get_engine(self.settings.engine)

    def page_tables(self, path: Path, counter: list[int]) -> Iterator[PageTables]:
        """Each page's tables, counting the pages read into `counter[0]`."""
        for page in read_pages(path, self.settings.password):
            counter[0] += 1
            yield find_tables(page, self.engine)

    def extract(self, path: str | Path) -> Plan:
        """The Plan in the PDF at `path`; raises an ExtractionError subclass on bad input."""
        path = Path(path)
        pages = [0]
        table = stitch(self.page_tables(path, pages))
        if table is None or not table.rows:
            raise NoPlanTableError(f"no improvement-plan table found in {path}")
        findings = rows_to_findings(table)
        source = Source(path=str(path), sha256=file_sha256(path), pages=pages[0])
        return build_plan(table, findings, source)


def extract_plan(path: str | Path, engine: str = "pdfplumber", password: str | None = None) -> Plan:
    """Read the improvement plan in the PDF at `path` into a validated Plan."""
    return Extractor(ExtractSettings(engine=engine, password=password)).extract(path)  # type: ignore[arg-type]
