"""A Plan as pandas DataFrames: `plans`, `findings` and `actions`, linked by keys.

`plan_to_frames(plan)["actions"]` has the columns of `NAME.actions.csv` with real types
(dates as datetime64, lists as lists) plus `finding_key`; pandas is imported only here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from schemas.plan import Plan

if TYPE_CHECKING:
    import pandas as pd


def plan_to_frames(plan: Plan) -> dict[str, pd.DataFrame]:
    """The plan's `plans` (one row), `findings` and `actions` tables."""
    import pandas as pd

    source = plan.source.path
    plans = pd.DataFrame([{
        "source": source, "sha256": plan.source.sha256, "pages": plan.source.pages, "title": plan.title,
        "organisation": plan.organisation, "as_at": plan.as_at.date if plan.as_at else None,
        "findings": len(plan.findings), "actions": sum(len(f.actions) for f in plan.findings),
        "warnings": list(plan.warnings),
    }])
    findings, actions = [], []
    for position, finding in enumerate(plan.findings, start=1):
        finding_key = f"{source}#{position}"
        findings.append({
            "source": source, "finding_key": finding_key, "section": finding.section, "number": finding.number,
            "text": finding.text, "references": finding.references, "overall_lead": finding.overall_lead,
            "progress": finding.progress, "notes": finding.notes, "pages": finding.pages,
            "actions": len(finding.actions),
        })
        for action in finding.actions:
            actions.append({
                "source": source, "finding_key": finding_key, "section": finding.section,
                "finding_number": finding.number, "action_id": action.id, "action_index": action.index,
                "action_letter": action.letter, "action_text": action.text, "progress": action.progress,
                "leads": action.leads, "due_text": action.due.text if action.due else None,
                "due_date": action.due.date if action.due else None,
                "due_precision": action.due.precision if action.due else None,
                "completed_date": action.completed.date if action.completed else None,
                "status": action.status, "rag": action.rag, "pages": action.pages,
            })
    actions_frame = pd.DataFrame(actions, columns=[
        "source", "finding_key", "section", "finding_number", "action_id", "action_index", "action_letter",
        "action_text", "progress", "leads", "due_text", "due_date", "due_precision", "completed_date",
        "status", "rag", "pages",
    ])
    for column in ("due_date", "completed_date"):
        actions_frame[column] = pd.to_datetime(actions_frame[column], format="%Y-%m-%d")
    plans["as_at"] = pd.to_datetime(plans["as_at"], format="%Y-%m-%d")
    return {"plans": plans, "findings": pd.DataFrame(findings), "actions": actions_frame}
