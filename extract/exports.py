"""Exports for analysis: plans as Parquet files and a DuckDB database, linked by keys.

`--format json,csv,parquet,duckdb` on `extract`. JSON and CSV are the per-input outputs
(`writers.py`) and are always written; this module writes the batch-wide tables:

- "parquet": `plans.parquet`, `findings.parquet`, `actions.parquet`;
- "duckdb": `plans.duckdb` with the tables `plans`, `findings`, `actions` and
  `action_leads` (one row per action and lead, for "by lead" queries).

Keys: `plans.plan_id` is the source PDF's sha256; `findings.finding_id` is
`plan_id + "#" + position` (1-based, document order) and `actions.action_key` is
`finding_id + "/" + action id`; each table carries the keys of the tables above it and
`plan`, the source file's stem, to read beside `plan_id`. Dates are DATE columns and lists
are LIST columns; no column is named with an SQL reserved word (`finding_references`,
as in the CSV, not `references`). The tables are built from
`extract.frames.plan_to_frames`, with the keys and a few more columns added here.
Every file is written under a temporary name in the output folder and renamed into
place, so a killed run never leaves a half-written file. pyarrow, pandas and duckdb are
imported only when an export is written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from schemas.plan import Plan

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

FORMATS = ("json", "csv", "parquet", "duckdb")
ALWAYS_WRITTEN = frozenset({"json", "csv"})
TABLES = ("plans", "findings", "actions")
KEYS = {"plans": "plan_id", "findings": "finding_id", "actions": "action_key"}
DUCKDB_NAME = "plans.duckdb"
ACTION_LEADS_SQL = """
CREATE TABLE action_leads AS
SELECT action_key, finding_id, plan_id, generate_subscripts(leads, 1)::INTEGER AS lead_index, unnest(leads) AS lead
FROM actions
"""


def parse_formats(text: str) -> set[str]:
    """The formats named in `--format` (comma-separated), always with json and csv."""
    names = [name.strip().lower() for name in text.split(",")]
    unknown = [name for name in names if name not in FORMATS]
    if unknown:
        raise ValueError(
            f"unknown output format {unknown[0]!r} in {text!r}: choose from {', '.join(FORMATS)} (comma-separated)"
        )
    return set(names) | ALWAYS_WRITTEN


def write_exports(out_dir: Path, plans: Sequence[Plan], formats: set[str]) -> list[Path]:
    """Write the Parquet files and/or the DuckDB database of `plans`; returns the paths written.

    json and csv in `formats` are ignored (the writers of `writers.py` write them).
    """
    unknown = formats - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown output formats {sorted(unknown)}: choose from {', '.join(FORMATS)}")
    if not formats & {"parquet", "duckdb"}:
        return []
    tables = plan_tables(plans)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    if "parquet" in formats:
        import pyarrow.parquet as pq

        for name, table in tables.items():
            path = out_dir / f"{name}.parquet"
            _write_replacing(path, lambda temporary, table=table: pq.write_table(table, temporary))
            written.append(path)
    if "duckdb" in formats:
        path = out_dir / DUCKDB_NAME
        _write_replacing(path, lambda temporary: _write_duckdb(temporary, tables))
        written.append(path)
    return written


def plan_tables(plans: Sequence[Plan]) -> dict[str, pa.Table]:
    """The `plans`, `findings` and `actions` tables of all plans, as Arrow tables with their keys.

    Raises ValueError when a key repeats (the same PDF given twice, or a finding with two
    actions of the same id).
    """
    import pandas as pd
    import pyarrow as pa

    from extract.frames import plan_to_frames

    frames: dict[str, list[pd.DataFrame]] = {name: [] for name in TABLES}
    for plan in plans:
        for name, frame in _keyed_frames(plan, plan_to_frames(plan)).items():
            frames[name].append(frame)
    tables = {}
    for name, schema in _schemas().items():
        filled = [frame for frame in frames[name] if len(frame)]
        if not filled:
            tables[name] = schema.empty_table()
            continue
        frame = pd.concat(filled, ignore_index=True)
        repeated = frame[KEYS[name]][frame[KEYS[name]].duplicated()]
        if len(repeated):
            sources = ", ".join(sorted(set(frame.loc[frame[KEYS[name]] == repeated.iloc[0], "source"])))
            raise ValueError(f"{KEYS[name]} {repeated.iloc[0]!r} occurs more than once (in {sources})")
        tables[name] = pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
    return tables


def _keyed_frames(plan: Plan, frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """`plan_to_frames` output with the export keys, the readable `plan` name and the plan's as-at text."""
    from pathlib import PurePath

    plan_id, name = plan.source.sha256, PurePath(plan.source.path).stem
    plans = frames["plans"].rename(
        columns={"sha256": "plan_id", "findings": "finding_count", "actions": "action_count"}
    )
    plans["plan"] = name
    plans["as_at_text"] = plan.as_at.text if plan.as_at else None
    findings = frames["findings"].rename(columns={"actions": "action_count"})
    actions = frames["actions"]
    findings["plan_id"], findings["plan"] = plan_id, name
    findings["position"] = range(1, len(findings) + 1)
    findings["finding_id"] = [f"{plan_id}#{position}" for position in findings["position"]]
    actions["plan_id"], actions["plan"] = plan_id, name
    actions["finding_id"] = [
        f"{plan_id}#{position}"
        for position, finding in enumerate(plan.findings, start=1) for _ in finding.actions
    ]
    actions["action_key"] = actions["finding_id"] + "/" + actions["action_id"]
    return {"plans": plans, "findings": findings, "actions": actions}


def _schemas() -> dict[str, pa.Schema]:
    """Column names, order and types of the exported tables (no SQL reserved word among the names)."""
    import pyarrow as pa

    text, number, date, texts = pa.string(), pa.int32(), pa.date32(), pa.list_(pa.string())
    pages = pa.list_(pa.int32())
    return {
        "plans": pa.schema([
            ("plan_id", text), ("plan", text), ("source", text), ("pages", number), ("title", text),
            ("organisation", text), ("as_at", date), ("as_at_text", text), ("finding_count", number),
            ("action_count", number), ("warnings", texts), ("coverage", pa.float64()),
        ]),
        "findings": pa.schema([
            ("finding_id", text), ("plan_id", text), ("plan", text), ("source", text), ("position", number),
            ("section", text), ("number", text), ("text", text), ("finding_references", texts),
            ("overall_lead", text), ("progress", texts), ("notes", texts), ("pages", pages), ("action_count", number),
        ]),
        "actions": pa.schema([
            ("action_key", text), ("finding_id", text), ("plan_id", text), ("plan", text), ("source", text),
            ("section", text), ("finding_number", text), ("finding_text", text), ("finding_references", texts),
            ("overall_lead", text), ("action_id", text), ("action_index", number), ("action_letter", text),
            ("action_text", text), ("progress", text), ("leads", texts), ("due_text", text), ("due_date", date),
            ("due_precision", text), ("completed_text", text), ("completed_date", date), ("status", text),
            ("rag", text), ("pages", pages), ("measure", text),
        ]),
    }


def _write_duckdb(path: Path, tables: dict[str, pa.Table]) -> None:
    """A new DuckDB database at `path` with the tables, their primary keys and `action_leads`."""
    import duckdb

    with duckdb.connect(str(path)) as connection:
        for name, table in tables.items():
            connection.from_arrow(table).create(name)
            connection.execute(f"ALTER TABLE {name} ADD PRIMARY KEY ({KEYS[name]})")
        connection.execute(ACTION_LEADS_SQL)
        connection.execute("ALTER TABLE action_leads ADD PRIMARY KEY (action_key, lead_index)")
        connection.execute("CHECKPOINT")


def _write_replacing(path: Path, write: Callable[[Path], object]) -> None:
    """Run `write(temporary_path)` in a temporary folder beside `path`, then rename the file into place."""
    with tempfile.TemporaryDirectory(prefix=f".{path.name}.", dir=path.parent) as folder:
        temporary = Path(folder) / path.name
        write(temporary)
        os.replace(temporary, path)
