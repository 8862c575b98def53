"""The planextract command: files written, CSV columns, manifest, bad inputs, exit codes, audit."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import CORPUS, REPO, SAMPLE_NAMES, SAMPLES, gold

from extract.cli import main
from extract.writers import CSV_COLUMNS

CONTRACT_COLUMNS = (
    "source, section, finding_number, finding_text, finding_references, overall_lead, action_id, action_index, "
    "action_letter, action_text, progress, leads, due_text, due_date, due_precision, completed_text, "
    "completed_date, status, rag, pages, measure"
).split(", ")


def gold_action_count(name: str) -> int:
    return sum(len(f["actions"]) for f in gold(name)["findings"])


def gold_field_count(name: str) -> int:
    """Fields the audit scores for a document: eight per action, seven per finding."""
    return 8 * gold_action_count(name) + 7 * len(gold(name)["findings"])


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed console script, as a user runs it."""
    command = shutil.which("planextract", path=str(Path(sys.executable).parent)) or "planextract"
    return subprocess.run([command, *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("out")
    return out, run("extract", str(SAMPLES), "--out", str(out))


def test_extract_writes_exactly_the_contract_files(sample_output):
    out, result = sample_output
    assert result.returncode == 0, result.stderr
    expected = {"actions.csv", "manifest.json"} | {f"{n}.json" for n in SAMPLE_NAMES} | {
        f"{n}.actions.csv" for n in SAMPLE_NAMES
    }
    assert {p.name for p in out.iterdir()} == expected
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_csv_columns_are_in_contract_order(sample_output):
    out, _ = sample_output
    assert list(CSV_COLUMNS) == CONTRACT_COLUMNS
    for path in [out / "actions.csv", *(out / f"{n}.actions.csv" for n in SAMPLE_NAMES)]:
        with path.open(encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == CONTRACT_COLUMNS


def test_csv_rows_carry_the_plan_values(sample_output):
    out, _ = sample_output
    with (out / "rotherham-cyps-improvement-plan-2018.actions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 34
    row = next(r for r in rows if r["action_id"] == "2a")
    assert row["leads"] == "Ian Walker; Ailsa Barr; Rebecca Wall"
    assert (row["due_text"], row["due_date"], row["due_precision"]) == ("December 2018", "2018-12-31", "month")
    assert (row["finding_number"], row["finding_references"], row["overall_lead"]) == ("2", "H&P-2", "Ailsa Barr")
    assert (row["action_letter"], row["action_index"], row["status"], row["rag"], row["pages"]) == (
        "a", "1", "ongoing", "", "1",
    )
    with (out / "actions.csv").open(encoding="utf-8", newline="") as handle:
        combined = list(csv.DictReader(handle))
    assert len(combined) == sum(gold_action_count(name) for name in SAMPLE_NAMES)
    assert [Path(row["source"]).stem for row in combined] == [  # input order
        name for name in SAMPLE_NAMES for _ in range(gold_action_count(name))
    ]


def test_json_outputs_validate_against_the_committed_schema(sample_output):
    out, _ = sample_output
    schema = json.loads((REPO / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    for name in SAMPLE_NAMES:
        jsonschema.validate(json.loads((out / f"{name}.json").read_text(encoding="utf-8")), schema)


def test_manifest_says_what_happened_to_each_input(sample_output):
    out, _ = sample_output
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["inputs"]
    assert [Path(e["path"]).name for e in entries] == [f"{n}.pdf" for n in SAMPLE_NAMES]
    assert [(e["status"], e["findings"], e["actions"], e["warnings"]) for e in entries] == [
        ("ok", len(gold(n)["findings"]), gold_action_count(n), len(gold(n)["warnings"])) for n in SAMPLE_NAMES
    ]
    assert all(len(e["sha256"]) == 64 and e["seconds"] > 0 for e in entries)


def test_audit_of_the_samples_is_perfect(sample_output):
    out, _ = sample_output
    result = run("audit", "--gold", str(SAMPLES), "--pred", str(out), "--min-accuracy", "1.0")
    assert result.returncode == 0, result.stdout + result.stderr
    all_fields = next(line for line in result.stdout.splitlines() if line.startswith("all fields"))
    figures = all_fields.split()[2:]
    assert figures[::2] == ["1.000"] * (len(SAMPLE_NAMES) + 1)
    total = sum(gold_field_count(n) for n in SAMPLE_NAMES)
    assert figures[-1] == f"({total}/{total})"


def test_audit_fails_below_min_accuracy_and_details_the_wrong_field(sample_output, tmp_path):
    out, _ = sample_output
    for path in out.glob("*.json"):
        shutil.copy(path, tmp_path / path.name)
    broken = tmp_path / "rotherham-cyps-improvement-plan-2018.json"
    plan = json.loads(broken.read_text(encoding="utf-8"))
    plan["findings"][0]["actions"][0]["status"] = "delayed"
    broken.write_text(json.dumps(plan), encoding="utf-8")
    result = run("audit", "--gold", str(SAMPLES), "--pred", str(tmp_path), "--min-accuracy", "1.0", "--details")
    assert result.returncode == 1
    status_line = next(line for line in result.stdout.splitlines() if line.startswith("action.status"))
    column = 1 + 2 * SAMPLE_NAMES.index("rotherham-cyps-improvement-plan-2018")
    assert status_line.split()[column:column + 2] == ["0.971", "(33/34)"]
    assert "action 1a action.status:\n  gold: 'ongoing'\n  got:  'delayed'" in result.stdout


def make_bad_inputs(folder: Path) -> dict[str, str]:
    """Bad inputs beside one good plan; returns file name -> the reason its error line must give."""
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("this is not a PDF at all\n", encoding="utf-8")
    good = (SAMPLES / "rotherham-cyps-improvement-plan-2018.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (folder / "good.pdf").write_bytes(good)
    reasons = {
        "empty.pdf": "empty file, not a PDF",
        "notes.pdf": "not a PDF",
        "truncated.pdf": "not a readable PDF",
    }
    if CORPUS.is_dir():
        shutil.copy(CORPUS / "camelot-health_protected.pdf", folder / "locked.pdf")
        shutil.copy(CORPUS / "pdfplumber-issue-33-lorem-ipsum.pdf", folder / "prose.pdf")
        shutil.copy(CORPUS / "camelot-empty.pdf", folder / "blank.pdf")
        reasons |= {
            "locked.pdf": "is encrypted; pass --password",
            "prose.pdf": "no improvement-plan table found in",
            "blank.pdf": "no text layer",
        }
    return reasons


def test_bad_inputs_fail_one_line_each_and_the_batch_goes_on(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    reasons = make_bad_inputs(inputs)
    result = run("extract", str(inputs), "--out", str(out))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(reasons)
    for name, reason in reasons.items():
        line = next(line for line in lines if name in line)
        assert reason in line and line.startswith("planextract: ")
    assert "Traceback" not in result.stderr
    assert {p.name for p in out.iterdir()} == {"good.json", "good.actions.csv", "actions.csv", "manifest.json"}
    entries = {Path(e["path"]).name: e for e in json.loads((out / "manifest.json").read_text())["inputs"]}
    assert entries["good.pdf"]["status"] == "ok"
    for name, reason in reasons.items():
        assert entries[name]["status"] == "failed" and reason in entries[name]["error"]


def test_password_opens_an_encrypted_pdf(tmp_path, corpus_dir):
    locked = corpus_dir / "camelot-health_protected.pdf"
    result = run("extract", str(locked), "--password", "userpass", "--out", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == f"planextract: no improvement-plan table found in {locked}"


def test_missing_input_is_a_failure_not_a_crash(tmp_path):
    result = run("extract", str(tmp_path / "nowhere.pdf"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"planextract: {tmp_path / 'nowhere.pdf'}: no such file"


@pytest.mark.parametrize("argv", [[], ["extract"], ["extract", "x.pdf"], ["frobnicate"], ["audit", "--gold", "x"]])
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


def test_help_explains_every_option():
    text = run("extract", "--help").stdout
    for option in ("--out", "--engine", "--password", "--quiet", "--debug", "PATH"):
        assert option in text
    audit_text = run("audit", "--help").stdout
    for option in ("--gold", "--pred", "--min-accuracy", "--details"):
        assert option in audit_text


def test_format_adds_parquet_and_duckdb(tmp_path):
    import duckdb

    pdf = str(SAMPLES / f"{SAMPLE_NAMES[0]}.pdf")
    result = run("extract", pdf, "--out", str(tmp_path), "--format", "csv,parquet,duckdb")
    assert result.returncode == 0, result.stderr
    written = {p.name for p in tmp_path.iterdir()}
    assert {"plans.parquet", "findings.parquet", "actions.parquet", "plans.duckdb"} <= written
    with duckdb.connect(str(tmp_path / "plans.duckdb"), read_only=True) as database:
        assert database.sql("SELECT count(*) FROM actions").fetchall() == [(gold_action_count(SAMPLE_NAMES[0]),)]


def test_unknown_format_is_a_usage_error(tmp_path):
    result = run("extract", str(SAMPLES / f"{SAMPLE_NAMES[0]}.pdf"), "--out", str(tmp_path), "--format", "xlsx")
    assert result.returncode == 2
    assert result.stderr.startswith("planextract: unknown output format 'xlsx'")


def test_schema_command_prints_the_committed_schema():
    result = run("schema")
    assert result.returncode == 0
    assert result.stdout == (REPO / "schemas" / "plan.schema.json").read_text(encoding="utf-8")
