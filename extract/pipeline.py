"""The pipeline: read -> tables -> rows -> items -> plan, for one PDF.

`Extractor` composes the stages under one settings object that rejects unknown keys;
`extract_plan` is the one-call form. Pages are read and searched for tables one at a
time, so memory does not grow with the page count.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extract import read_pdfium
from extract.errors import (
    EncryptedPdfError,
    ExtractionError,
    MissingFileError,
    NoPlanTableError,
    ScannedPdfError,
    encrypted_error,
    scanned_error,
)
from extract.items import FindingItems, rows_to_findings
from extract.page import PageContent
from extract.plan import build_plan
from extract.rows import PlanTable, stitch
from extract.tables import PageTables, TableFinder, get_engine
from schemas.plan import Plan, Source

PageReader = Callable[[Path, str | None], Iterator[PageContent]]
STAGES = ("read", "tables", "stitch", "items", "fields", "write")


def read_with_pdfplumber(path: Path, password: str | None) -> Iterator[PageContent]:
    """The reference reader's pages (`extract.read`), its library imported only when it is chosen."""
    from extract import read

    return read.read_pages(path, password)


READERS: dict[str, PageReader] = {"pdfium": read_pdfium.read_pages, "pdfplumber": read_with_pdfplumber}


class StageTimes(dict):
    """Seconds spent in each stage, added up over pages and files (`--profile`)."""

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - started


@dataclass(frozen=True)
class PlanReading:
    """A Plan with the stitched table and the aligned items it was read from (for drawing them)."""

    table: PlanTable
    findings: list[FindingItems]
    plan: Plan


class ExtractSettings(BaseModel):
    """How to read a plan. Unknown keys are an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    engine: Literal["pdfplumber", "camelot"] = "pdfplumber"
    reader: Literal["pdfium", "pdfplumber"] = "pdfium"  # pdfplumber: the slower reference it must agree with
    password: str | None = None
    ocr: bool = False  # read a PDF with no text layer from its page images (OpenCV rules, Tesseract words)


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
        self.engine = get_engine(self.settings.engine, self.settings.password)

    def page_tables(
        self, path: Path, counter: list[int], times: StageTimes, reader: PageReader | None = None,
    ) -> Iterator[PageTables]:
        """Each page's tables, counting the pages read into `counter[0]`."""
        pages = (reader or READERS[self.settings.reader])(path, self.settings.password)
        finder = TableFinder(self.engine)
        while True:
            with times.stage("read"):
                page = next(pages, None)
            if page is None:
                return
            counter[0] += 1
            with times.stage("tables"):
                tables = finder.find(page)
            yield tables

    def extract(self, path: str | Path, times: StageTimes | None = None) -> Plan:
        """The Plan in the PDF at `path`; every failure raises an ExtractionError subclass naming the file.

        With `ocr`, a PDF with no text layer is read from its page images, and the plan's
        warnings say so and list the words OCR was unsure of.
        """
        return self.read(path, times).plan

    def read(
        self, path: str | Path, times: StageTimes | None = None, on_page: Callable[[PageTables], None] | None = None,
    ) -> PlanReading:
        """The Plan with the table and items it was read from (as `extract`); `on_page` sees each page's tables."""
        path = Path(path)
        times = StageTimes() if times is None else times
        if not path.exists():
            raise MissingFileError(f"{path}: no such file")
        if path.is_dir():
            raise MissingFileError(f"{path} is a folder, not a PDF file")
        try:
            return self.read_readable(path, times, on_page)
        except EncryptedPdfError as error:
            raise encrypted_error(path, self.settings.password is not None) from error
        except ScannedPdfError as error:
            raise scanned_error(path) from error
        except OSError as error:
            raise ExtractionError(f"{path}: cannot be read ({error.strerror or error})") from error

    def read_readable(
        self, path: Path, times: StageTimes, on_page: Callable[[PageTables], None] | None,
    ) -> PlanReading:
        """The reading of `path`, given a text layer by OCR first when it has none and `ocr` is set."""
        try:
            return self.read_plan(path, path, times, on_page)
        except ScannedPdfError:
            if not self.settings.ocr:
                raise
        from extract.read_ocr import OcrReader  # OpenCV: imported only for a scan

        ocr = OcrReader()
        reading = self.read_plan(path, path, times, on_page, reader=ocr.read_pages)
        plan = reading.plan.model_copy(update={"warnings": [*reading.plan.warnings, *ocr.warnings()]})
        return PlanReading(reading.table, reading.findings, plan)

    def read_plan(
        self, readable: Path, original: Path, times: StageTimes,
        on_page: Callable[[PageTables], None] | None = None, reader: PageReader | None = None,
    ) -> PlanReading:
        """The Plan with the table and items it was read from; `on_page` sees each page's tables."""
        pages = [0]
        inner = StageTimes()
        started = time.perf_counter()
        page_tables = self.page_tables(readable, pages, inner, reader)
        table = stitch(page_tables if on_page is None else observed(page_tables, on_page))
        times["stitch"] = times.get("stitch", 0.0) + time.perf_counter() - started - sum(inner.values())
        for name, seconds in inner.items():
            times[name] = times.get(name, 0.0) + seconds
        if table is None or not table.rows:
            raise NoPlanTableError(f"no improvement-plan table found in {original}")
        with times.stage("items"):
            findings = rows_to_findings(table)
        with times.stage("fields"):
            source = Source(path=str(original), sha256=file_sha256(original), pages=pages[0])
            return PlanReading(table, findings, build_plan(table, findings, source))


def observed(page_tables: Iterator[PageTables], on_page: Callable[[PageTables], None]) -> Iterator[PageTables]:
    """The pages' tables, each shown to `on_page` as it passes."""
    for page in page_tables:
        on_page(page)
        yield page


def extract_plan(
    path: str | Path, engine: str = "pdfplumber", password: str | None = None, ocr: bool = False,
    reader: str = "pdfium",
) -> Plan:
    """Read the improvement plan in the PDF at `path` into a validated Plan."""
    settings = ExtractSettings(engine=engine, reader=reader, password=password, ocr=ocr)  # type: ignore[arg-type]
    return Extractor(settings).extract(path)
