"""Exports for analysis: Parquet files and a DuckDB database, checked on the gold plans.

The expected results are computed here from the gold JSON itself (plain dicts, not the
exported tables), and the queries of docs/QUERIES.md are run to check the outputs shown there.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from conftest import REPO, SAMPLES

from extract import exports
from extract.exports import parse_formats, write_exports
from schemas.plan import Plan

GOLD_FILES = sorted(SAMPLES.glob("*.gold.json"))
ALL_FORMATS = {"json", "csv", "parquet", "duckdb"}
EXPORT_NAMES = {"plans.parquet", "findings.parquet", "actions.parquet", "plans.duckdb"}


@pytest.fixture(scope="module")
def golds() -> list[dict]:
    return [json.loads(path.read_text(encoding="utf-8")) for path in GOLD_FILES]


@pytest.fixture(scope="module")
def plans(golds: list[dict]) -> list[Plan]:
    return [Plan.model_validate(gold) for gold in golds]


@pytest.fixture(scope="module")
def exported(plans: list[Plan], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out_dir = tmp_path_factory.mktemp("exports")
    return out_dir, write_exports(out_dir, plans, ALL_FORMATS)


@pytest.fixture(scope="module")
def db(exported: tuple[Path, list[Path]]) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(exported[0] / "plans.duckdb"), read_only=True)
    yield connection
    connection.close()


def gold_actions(golds: list[dict]) -> Iterator[tuple[dict, int, dict, dict]]:
    """(plan, finding position, finding, action) for every action of every gold plan."""
    for gold in golds:
        for position, finding in enumerate(gold["findings"], start=1):
            for action in finding["actions"]:
                yield gold, position, finding, action


def plan_name(gold: dict) -> str:
    return PurePosixPath(gold["source"]["path"]).stem


# --- files -------------------------------------------------------------------------------


def test_every_export_is_written_and_nothing_else(exported):
    out_dir, written = exported
    assert {path.name for path in written} == EXPORT_NAMES
    assert all(path.parent == out_dir and path.stat().st_size > 0 for path in written)
    assert {path.name for path in out_dir.iterdir()} == EXPORT_NAMES  # no temporary file left


def test_json_and_csv_alone_write_no_export(plans, tmp_path):
    assert write_exports(tmp_path, plans, {"json", "csv"}) == []
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_rejected(plans, tmp_path):
    with pytest.raises(ValueError, match="xlsx"):
        write_exports(tmp_path, plans, {"parquet", "xlsx"})
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_the_previous_database(plans, tmp_path, monkeypatch):
    write_exports(tmp_path, plans[:1], {"duckdb"})
    before = (tmp_path / "plans.duckdb").read_bytes()

    def fail_half_way(path, tables):
        path.write_bytes(b"half a database")
        raise OSError("disk full")

    monkeypatch.setattr(exports, "_write_duckdb", fail_half_way)
    with pytest.raises(OSError, match="disk full"):
        write_exports(tmp_path, plans, {"duckdb"})
    assert (tmp_path / "plans.duckdb").read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == ["plans.duckdb"]


def test_a_second_run_replaces_the_exports(plans, tmp_path):
    write_exports(tmp_path, plans, {"parquet", "duckdb"})
    write_exports(tmp_path, plans[:2], {"parquet", "duckdb"})
    assert pq.read_table(tmp_path / "plans.parquet").num_rows == 2
    with duckdb.connect(str(tmp_path / "plans.duckdb"), read_only=True) as connection:
        assert connection.sql("SELECT count(*) FROM plans").fetchall() == [(2,)]
    assert {path.name for path in tmp_path.iterdir()} == EXPORT_NAMES


def test_no_plans_gives_empty_typed_tables(tmp_path):
    write_exports(tmp_path, [], {"parquet", "duckdb"})
    table = pq.read_table(tmp_path / "actions.parquet")
    assert table.num_rows == 0 and table.schema.field("due_date").type == pa.date32()
    with duckdb.connect(str(tmp_path / "plans.duckdb"), read_only=True) as connection:
        counts = connection.sql(
            "SELECT (SELECT count(*) FROM plans), (SELECT count(*) FROM findings), "
            "(SELECT count(*) FROM actions), (SELECT count(*) FROM action_leads)"
        ).fetchall()
    assert counts == [(0, 0, 0, 0)]


def test_the_same_pdf_twice_is_rejected(plans, tmp_path):
    with pytest.raises(ValueError, match=f"plan_id '{plans[0].source.sha256}' occurs more than once"):
        write_exports(tmp_path, [plans[0], plans[0]], {"parquet"})
    assert list(tmp_path.iterdir()) == []


def test_two_actions_with_the_same_key_are_rejected(plans, tmp_path):
    plan = plans[0].model_copy(deep=True)
    first = plan.findings[0]
    first.actions.append(first.actions[0])
    key = f"{plan.source.sha256}#1/{first.actions[0].id}"
    with pytest.raises(ValueError, match=f"action_key '{re.escape(key)}' occurs more than once"):
        write_exports(tmp_path, [plan], {"duckdb"})


# --- Parquet -----------------------------------------------------------------------------


def test_parquet_rows_keys_and_types(exported, golds):
    out_dir, _ = exported
    plans = pd.read_parquet(out_dir / "plans.parquet")
    findings = pd.read_parquet(out_dir / "findings.parquet")
    actions = pd.read_parquet(out_dir / "actions.parquet")

    assert list(plans["plan_id"]) == [gold["source"]["sha256"] for gold in golds]
    assert len(findings) == sum(len(gold["findings"]) for gold in golds)
    assert len(actions) == len(list(gold_actions(golds)))
    for frame, key in ((plans, "plan_id"), (findings, "finding_id"), (actions, "action_key")):
        assert frame[key].is_unique and frame[key].notna().all()

    assert list(findings["finding_id"]) == [
        f"{gold['source']['sha256']}#{position}" for gold in golds for position in range(1, len(gold["findings"]) + 1)
    ]
    assert list(actions["action_key"]) == [
        f"{gold['source']['sha256']}#{position}/{action['id']}" for gold, position, _, action in gold_actions(golds)
    ]
    assert set(findings["plan_id"]) == set(plans["plan_id"])
    assert set(actions["finding_id"]) <= set(findings["finding_id"])
    assert (actions["finding_id"].str.split("#").str[0] == actions["plan_id"]).all()

    schema = pq.read_schema(out_dir / "actions.parquet")
    assert schema.field("due_date").type == pa.date32() and schema.field("completed_date").type == pa.date32()
    assert schema.field("leads").type == pa.list_(pa.string())
    assert pq.read_schema(out_dir / "plans.parquet").field("as_at").type == pa.date32()
    assert pq.read_schema(out_dir / "findings.parquet").field("finding_references").type == pa.list_(pa.string())
    for frame in (plans, findings, actions):  # the short readable name beside the key
        assert list(frame.columns)[list(frame.columns).index("plan_id") + 1] == "plan"
        assert set(frame["plan"]) == {plan_name(gold) for gold in golds}


def test_no_column_is_named_with_a_reserved_word(db):
    reserved = {row[0] for row in db.sql(
        "SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category = 'reserved'"
    ).fetchall()}
    columns = {row[0] for row in db.sql("SELECT column_name FROM duckdb_columns() WHERE NOT internal").fetchall()}
    assert "finding_references" in columns and "plan" in columns
    assert not columns & reserved
    assert db.sql("SELECT finding_references FROM findings WHERE len(finding_references) > 0 LIMIT 1").fetchall()


def test_parquet_values_round_trip(exported):
    actions = pq.read_table(exported[0] / "actions.parquet").to_pylist()
    row = next(
        a for a in actions if a["source"] == "rotherham-cyps-improvement-plan-2018.pdf" and a["action_id"] == "5a"
    )
    assert (row["due_text"], str(row["due_date"]), row["due_precision"]) == ("May 2018", "2018-05-31", "month")
    assert (row["completed_text"], str(row["completed_date"])) == ("Complete June 2018", "2018-06-30")
    assert (row["leads"], row["status"], row["rag"], row["pages"]) == (["Mary Jarrett"], "complete", None, [5])


# --- DuckDB ------------------------------------------------------------------------------


def test_duckdb_tables_and_counts(db, golds):
    tables = {row[0] for row in db.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert tables == {"plans", "findings", "actions", "action_leads"}
    def count(table: str) -> int:
        return db.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0]

    assert count("plans") == len(golds)
    assert count("findings") == sum(len(gold["findings"]) for gold in golds)
    assert count("actions") == len(list(gold_actions(golds)))
    assert count("action_leads") == sum(len(action["leads"]) for *_, action in gold_actions(golds))
    types = dict(db.sql("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'actions'").fetchall())
    assert (types["due_date"], types["completed_date"], types["leads"], types["pages"]) == (
        "DATE", "DATE", "VARCHAR[]", "INTEGER[]",
    )
    keys = db.sql(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    assert dict(keys) == {
        "plans": ["plan_id"], "findings": ["finding_id"], "actions": ["action_key"],
        "action_leads": ["action_key", "lead_index"],
    }


def test_duckdb_keys_join_actions_to_findings_to_plans(db, golds):
    joined = db.sql("""
        SELECT p.source, f.number, f.text, a.action_id, a.action_text
        FROM actions AS a
        JOIN findings AS f ON f.finding_id = a.finding_id AND f.plan_id = a.plan_id
        JOIN plans AS p ON p.plan_id = f.plan_id
        ORDER BY p.source, f.position, a.action_index
    """).fetchall()
    expected = sorted(
        ((gold["source"]["path"], finding["number"], finding["text"], action["id"], action["text"])
         for gold, _, finding, action in gold_actions(golds)),
        key=lambda row: row[0],  # stable: document order within each plan
    )
    assert joined == expected
    per_plan = db.sql("""
        SELECT p.source, p.finding_count, p.action_count, count(DISTINCT f.finding_id), count(a.action_key)
        FROM plans AS p LEFT JOIN findings AS f USING (plan_id) LEFT JOIN actions AS a USING (finding_id)
        GROUP BY ALL ORDER BY p.source
    """).fetchall()
    assert per_plan == sorted(
        (gold["source"]["path"], len(gold["findings"]), sum(len(f["actions"]) for f in gold["findings"]),
         len(gold["findings"]), sum(len(f["actions"]) for f in gold["findings"]))
        for gold in golds
    )
    leads = db.sql("""
        SELECT a.action_key, list(l.lead ORDER BY l.lead_index)
        FROM actions AS a JOIN action_leads AS l USING (action_key) GROUP BY a.action_key
    """).fetchall()
    assert dict(leads) == {
        f"{gold['source']['sha256']}#{position}/{action['id']}": action["leads"]
        for gold, position, _, action in gold_actions(golds) if action["leads"]
    }


# --- the analysis queries, against answers computed from the gold JSON -------------------


def test_overdue_actions_by_lead_across_all_plans(db, golds):
    expected = Counter()
    for gold, _, _, action in gold_actions(golds):
        as_at = (gold["as_at"] or {}).get("date")
        due = (action["due"] or {}).get("date")
        if as_at and due and due < as_at and action["status"] != "complete":
            expected.update(action["leads"])
    assert expected, "the gold plans should have overdue actions"
    rows = db.sql("""
        SELECT l.lead, count(*)
        FROM action_leads AS l
        JOIN actions AS a ON a.action_key = l.action_key
        JOIN plans AS p ON p.plan_id = a.plan_id
        WHERE a.due_date < p.as_at AND a.status <> 'complete'
        GROUP BY l.lead
    """).fetchall()
    assert dict(rows) == dict(expected)


def test_actions_by_status_per_plan(db, golds):
    expected = Counter((plan_name(gold), action["status"]) for gold, _, _, action in gold_actions(golds))
    rows = db.sql("""
        SELECT p.plan, a.status, count(*)
        FROM plans AS p JOIN actions AS a ON a.plan_id = p.plan_id
        GROUP BY ALL
    """).fetchall()
    assert {(plan, status): n for plan, status, n in rows} == dict(expected)


def test_findings_with_the_most_delayed_actions(db, golds):
    delayed = defaultdict(list)
    for gold, position, _, action in gold_actions(golds):
        if action["status"] == "delayed":
            delayed[(plan_name(gold), position)].append(action["id"])
    expected = sorted(((-len(ids), plan, position, ids) for (plan, position), ids in delayed.items()))
    rows = db.sql("""
        SELECT p.plan, f.position, list(a.action_id ORDER BY a.action_index)
        FROM findings AS f
        JOIN actions AS a ON a.finding_id = f.finding_id
        JOIN plans AS p ON p.plan_id = f.plan_id
        WHERE a.status = 'delayed'
        GROUP BY p.plan, f.position
        ORDER BY count(*) DESC, p.plan, f.position
    """).fetchall()
    assert rows == [(plan, position, ids) for _, plan, position, ids in expected]


# --- docs/QUERIES.md ---------------------------------------------------------------------

QUERY_AND_TABLE = re.compile(r"```sql\n(?P<sql>.*?)```\n+(?P<table>(?:\|[^\n]*\|\n?)+)", re.DOTALL)


def markdown_rows(table: str) -> list[list[str]]:
    """The cells of a Markdown table, header first, the --- line left out."""
    lines = [line.strip().strip("|") for line in table.strip().splitlines()]
    return [[cell.strip() for cell in line.split("|")] for i, line in enumerate(lines) if i != 1]


@pytest.mark.parametrize("document", ["docs/QUERIES.md", "README.md"])
def test_the_documented_queries_return_what_the_documentation_shows(db, document):
    text = (REPO / document).read_text(encoding="utf-8")
    documented = QUERY_AND_TABLE.findall(text)
    assert len(documented) == 3
    for sql, table in documented:
        result = db.sql(sql)
        got = [list(result.columns)] + [
            ["NULL" if value is None else str(value) for value in row] for row in result.fetchall()
        ]
        assert got == markdown_rows(table), sql


# --- parse_formats -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("json,csv", {"json", "csv"}),
    ("json", {"json", "csv"}),
    ("parquet", {"json", "csv", "parquet"}),
    ("json,csv,parquet,duckdb", ALL_FORMATS),
    (" DuckDB , parquet ", {"json", "csv", "parquet", "duckdb"}),
])
def test_parse_formats(text, expected):
    assert parse_formats(text) == expected


@pytest.mark.parametrize("text", ["xlsx", "json,xlsx", "parquet,", "", "json;csv"])
def test_parse_formats_rejects_unknown_names(text):
    with pytest.raises(ValueError, match=r"unknown output format .* choose from json, csv, parquet, duckdb"):
        parse_formats(text)
