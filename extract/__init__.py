"""planextract: UK council improvement plans from PDF to validated, structured data.

The pipeline, one module per stage, data flowing one way:
read -> tables -> rows -> items -> fields -> plan -> writers.

Python API::

    from extract import extract_plan, plan_to_frames
    plan = extract_plan("plan.pdf")            # a validated schemas.Plan
    frames = plan_to_frames(plan)              # {"plans", "findings", "actions"} DataFrames

Names are resolved lazily so that importing the package (and `planextract --help`)
does not load pdfplumber, spaCy or pandas.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extract.fields.dates import parse_date_cell
    from extract.fields.leads import split_leads
    from extract.frames import plan_to_frames
    from extract.pipeline import Extractor, ExtractSettings, extract_plan

__all__ = ["ExtractSettings", "Extractor", "extract_plan", "parse_date_cell", "plan_to_frames", "split_leads"]

_LOCATIONS = {
    "ExtractSettings": "extract.pipeline",
    "Extractor": "extract.pipeline",
    "extract_plan": "extract.pipeline",
    "plan_to_frames": "extract.frames",
    "split_leads": "extract.fields.leads",
    "parse_date_cell": "extract.fields.dates",
}


def __getattr__(name: str) -> Any:
    if name not in _LOCATIONS:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_LOCATIONS[name]), name)
