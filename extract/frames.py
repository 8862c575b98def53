"""A Plan as pandas DataFrames: `plans`, `findings` and `actions`, linked by keys.

`plan_to_frames(plan)["actions"]` has exactly the columns of `NAME.actions.csv`, in its
order, with real types: dates as dates (Arrow `date32`), lists as lists, numbers as
numbers. `findings` carries `finding_key` (`source#position`) and `plans` one row of
the plan's facts. pandas is imported only here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extract.writers import CSV_COLUMNS
from schemas.plan import Action, DateValue, Finding, Plan

if TYPE_CHECKING:
    import pandas as pd

DATE_COLUMNS = {"plans": ("as_at",), "actions": ("due_date", "completed_date")}
FINDING_COLUMNS = (
    "source", "finding_key", "section", "number", "text", "finding_references", "overall_lead", "progress", "notes",
    "pages", "actions",
)


def date_of(value: DateValue | None) -> str | None:
    """The ISO date of a DateValue, None when there is none."""
    return value.date if value else None


def action_row(plan: Plan, finding: Finding, action: Action) -> dict[str, object]:
    """One action as a row of the actions table: the CSV's columns with lists kept as lists."""
    return {
        "source": plan.source.path, "section": finding.section, "finding_number": finding.number,
        "finding_text": finding.text, "finding_references": finding.references,
        "overall_lead": finding.overall_lead, "action_id": action.id, "action_index": action.index,
        "action_letter": action.letter, "action_text": action.text, "progress": action.progress,
        "leads": action.leads, "due_text": action.due.text if action.due else None, "due_date": date_of(action.due),
        "due_precision": action.due.precision if action.due else None,
        "completed_text": action.completed.text if action.completed else None,
        "completed_date": date_of(action.completed), "status": action.status, "rag": action.rag,
        "pages": action.pages, "measure": action.measure,
    }


def with_dates(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """`frame` with ISO date strings in `columns` turned into Arrow dates."""
    import pandas as pd
    import pyarrow as pa

    for column in columns:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d").astype(pd.ArrowDtype(pa.date32()))
    return frame


def plan_to_frames(plan: Plan) -> dict[str, pd.DataFrame]:
    """The plan's `plans` (one row), `findings` and `actions` tables."""
    import pandas as pd

    source = plan.source.path
    plans = pd.DataFrame([{
        "source": source, "sha256": plan.source.sha256, "pages": plan.source.pages, "title": plan.title,
        "organisation": plan.organisation, "as_at": date_of(plan.as_at),
        "findings": len(plan.findings), "actions": sum(len(f.actions) for f in plan.findings),
        "warnings": list(plan.warnings), "coverage": plan.coverage,
    }])
    findings = pd.DataFrame([
        {
            "source": source, "finding_key": f"{source}#{position}", "section": finding.section,
            "number": finding.number, "text": finding.text, "finding_references": finding.references,
            "overall_lead": finding.overall_lead, "progress": finding.progress, "notes": finding.notes,
            "pages": finding.pages, "actions": len(finding.actions),
        }
        for position, finding in enumerate(plan.findings, start=1)
    ], columns=FINDING_COLUMNS)
    actions = pd.DataFrame(
        [action_row(plan, finding, action) for finding in plan.findings for action in finding.actions],
        columns=CSV_COLUMNS,
    )
    actions["action_index"] = actions["action_index"].astype("int64")
    return {
        "plans": with_dates(plans, DATE_COLUMNS["plans"]), "findings": findings,
        "actions": with_dates(actions, DATE_COLUMNS["actions"]),
    }
