"""Stage 7, writers: a Plan as JSON and CSV, and a batch's manifest, written atomically.

Every file is written to a temporary name in the output folder and renamed into place,
so a reader (or a batch killed half way) never sees a half-written file.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from schemas.plan import Plan

CSV_COLUMNS = (
    "source", "section", "finding_number", "finding_text", "finding_references", "overall_lead",
    "action_id", "action_index", "action_letter", "action_text", "progress", "leads", "due_text",
    "due_date", "due_precision", "completed_text", "completed_date", "status", "rag", "pages", "measure",
)
LIST_SEPARATOR = "; "


def write_atomic(path: Path, text: str, temp_dir: Path | None = None, encoding: str = "utf-8") -> None:
    """Write `text` to `path` through a temporary file and a rename (same file system).

    The temporary file is in `temp_dir` (default: beside `path`), so an interrupted write
    leaves no half-written file under the final name.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = temp_dir or path.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline="") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; outputs are for everyone who may read the folder
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def action_records(plan: Plan) -> list[dict[str, str | int | None]]:
    """One flat record per action, in the CSV's column order (lists joined with "; ")."""
    records = []
    for finding in plan.findings:
        for action in finding.actions:
            records.append({
                "source": plan.source.path,
                "section": finding.section,
                "finding_number": finding.number,
                "finding_text": finding.text,
                "finding_references": LIST_SEPARATOR.join(finding.references),
                "overall_lead": finding.overall_lead,
                "action_id": action.id,
                "action_index": action.index,
                "action_letter": action.letter,
                "action_text": action.text,
                "progress": action.progress,
                "leads": LIST_SEPARATOR.join(action.leads),
                "due_text": action.due.text if action.due else None,
                "due_date": action.due.date if action.due else None,
                "due_precision": action.due.precision if action.due else None,
                "completed_text": action.completed.text if action.completed else None,
                "completed_date": action.completed.date if action.completed else None,
                "status": action.status,
                "rag": action.rag,
                "pages": LIST_SEPARATOR.join(str(p) for p in action.pages),
                "measure": action.measure,
            })
    return records


def records_to_csv(records: Iterable[dict[str, str | int | None]], columns: Sequence[str] = CSV_COLUMNS) -> str:
    """CSV text with a header (the contract's columns unless others are given); None is an empty cell."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return buffer.getvalue()


def plan_to_json(plan: Plan) -> str:
    """The Plan as the pretty-printed NAME.json text."""
    return plan.model_dump_json(indent=2) + "\n"


def csv_encoding(excel: bool) -> str:
    """UTF-8, with a byte order mark for Excel (which otherwise reads "½" and "é" as two odd characters each)."""
    return "utf-8-sig" if excel else "utf-8"


def write_plan(
    plan: Plan, out_dir: Path, name: str, partial_dir: Path | None = None, excel: bool = False,
) -> list[Path]:
    """Write NAME.actions.csv, then NAME.json, each atomically; returns their paths.

    NAME.json comes last, so that where it is of this plan, its CSV is too.
    """
    json_path = out_dir / f"{name}.json"
    csv_path = out_dir / f"{name}.actions.csv"
    write_atomic(csv_path, records_to_csv(action_records(plan)), partial_dir, csv_encoding(excel))
    write_atomic(json_path, plan_to_json(plan), partial_dir)
    return [json_path, csv_path]


def write_batch_csv(out_dir: Path, plans: Sequence[Plan], excel: bool = False) -> None:
    """The folder's actions.csv: every plan's rows, plan after plan."""
    records = (record for plan in plans for record in action_records(plan))
    write_atomic(out_dir / "actions.csv", records_to_csv(records), encoding=csv_encoding(excel))
