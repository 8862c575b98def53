"""The output contract (OUTPUT.md, schema_version "1.1") as strict pydantic models.

These models are the single source of truth: `plan.schema.json` is exported from them,
and every Plan the extractor writes is validated by them. Unknown fields and wrong types
are rejected.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.1"

Role = Literal["number", "finding", "overall_lead", "action", "progress", "lead", "due", "rag", "measure"]
Precision = Literal["day", "month", "quarter", "season", "year"]
Status = Literal["complete", "delayed", "ongoing", "not_reported"]
Rag = Literal["red", "amber", "green", "blue"]
IsoDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]
Page = Annotated[int, Field(ge=1)]


class StrictModel(BaseModel):
    """Base for every contract model: no unknown fields, no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True)


class DateValue(StrictModel):
    """A date as printed, and the calendar date it stands for (UK conventions)."""

    text: str = Field(description="Exactly as printed, whitespace normalised.")
    date: IsoDate | None = Field(
        description="ISO 8601 date; month, quarter, season and year precision resolve to the last day."
    )
    precision: Precision | None = Field(description="Null when no date could be read.")


class Source(StrictModel):
    """The input PDF."""

    path: str
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    pages: Annotated[int, Field(ge=0)]


class Action(StrictModel):
    """One action of a finding, with its own progress, leads, dates and status."""

    index: Annotated[int, Field(ge=1, description="1-based position within its finding.")]
    letter: str | None = Field(description='"a", "b" ... or "i", "ii"; null when not lettered.')
    id: str = Field(description='"<number><letter>" e.g. "4d", else "<number>.<index>".')
    text: str
    progress: str | None
    leads: list[str]
    due: DateValue | None
    completed: DateValue | None
    status: Status
    rag: Rag | None
    pages: list[Page]
    measure: str | None = Field(
        default=None, description="The success measure / evidence / KPI printed for it (schema 1.1)."
    )


class Finding(StrictModel):
    """A recommendation / area for improvement with its actions."""

    section: str | None
    number: str | None
    text: str
    references: list[str]
    overall_lead: str | None
    progress: list[str] = Field(description="Progress entries that cannot be tied to one action.")
    notes: list[str] = Field(description="Notes that belong to the finding but to no action.")
    pages: list[Page]
    actions: list[Action]


class Plan(StrictModel):
    """One improvement or action plan, as extracted from one PDF."""

    schema_version: Literal["1.0", "1.1"] = SCHEMA_VERSION  # "1.0": no coverage, measure or "season"
    source: Source
    title: str | None
    organisation: str | None
    as_at: DateValue | None
    columns: dict[Role, str] = Field(description="Which printed header was read as which role.")
    findings: list[Finding]
    warnings: list[str]
    coverage: Annotated[float, Field(ge=0.0, le=1.0)] | None = Field(
        default=None,
        description=(
            "Share of the words printed in the plan table (repeated headers, page headers and footers "
            "excluded) that went into some field or into a column named in `warnings` (schema 1.1)."
        ),
    )


def json_schema_text() -> str:
    """The JSON Schema of a Plan, as committed in `schemas/plan.schema.json`."""
    import json

    return json.dumps(Plan.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
