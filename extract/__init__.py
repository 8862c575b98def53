"""planextract: UK council improvement plans from PDF to validated, structured data.

The pipeline, one module per stage, data flowing one way:
read -> tables -> rows -> items -> fields -> plan -> writers.

Python API::

    from extract import extract_plan, plan_to_frames
    plan = extract_plan("plan.pdf")            # a validated schemas.Plan
    frames = plan_to_frames(plan)              # {"plans", "findings", "actions"} DataFrames

    from extract import split_leads, parse_date_cell    # the field readers, on any cell
    split_leads(["Head of Service,", "Early Help / D. Smith"])  # ["Head of Service, Early Help", "D. Smith"]
    parse_date_cell("Q4 19/20").due                      # DateValue(text="Q4 19/20", date="2020-03-31", ...)

Every failure (a missing file, a folder, a file that is no readable plan) raises a
subclass of `extract.ExtractionError`. `python -m extract` is the `planextract` command.

Names are resolved lazily so that importing the package (and `planextract --help`)
does not load pdfplumber or pandas, nor the package metadata (read when `__version__` is asked for).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from extract.errors import ExtractionError

if TYPE_CHECKING:
    from extract.fields.dates import parse_date_cell
    from extract.fields.leads import split_leads
    from extract.frames import plan_to_frames
    from extract.pipeline import Extractor, ExtractSettings, extract_plan

__all__ = [
    "ExtractSettings", "ExtractionError", "Extractor", "__version__", "extract_plan", "parse_date_cell",
    "plan_to_frames", "split_leads",
]

_LOCATIONS = {
    "ExtractSettings": "extract.pipeline",
    "Extractor": "extract.pipeline",
    "extract_plan": "extract.pipeline",
    "plan_to_frames": "extract.frames",
    "split_leads": "extract.fields.leads",
    "parse_date_cell": "extract.fields.dates",
}


def installed_version() -> str:
    """The installed version of planextract (importlib.metadata, a fiftieth of a second to import, asked on use)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("planextract")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return installed_version()
    if name not in _LOCATIONS:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_LOCATIONS[name]), name)
