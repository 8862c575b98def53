"""The planextract command: files written, CSV columns, manifest, bad inputs, exit codes, audit."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import CORPUS, REPO, SAMPLE_NAMES, SAMPLES, gold

import extract
from extract.cli import build_parser, main
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


def test_a_batch_ends_with_its_plans_warnings_and_a_summary(sample_output):
    """No progress bar when stderr is not a terminal: one line per plan with warnings, then the summary."""
    out, result = sample_output
    warned = [n for n in SAMPLE_NAMES if gold(n)["warnings"]]
    assert warned
    plans = {n: json.loads((out / f"{n}.json").read_text(encoding="utf-8")) for n in SAMPLE_NAMES}
    assert result.stderr.splitlines() == [
        f"planextract: {SAMPLES / n}.pdf: " + (
            "coverage not measured" if plans[n]["coverage"] is None else f"coverage {plans[n]['coverage']:.1%}"
        ) + f", {len(gold(n)['warnings'])} warning{'s' if len(gold(n)['warnings']) != 1 else ''} (see {n}.json)"
        for n in SAMPLE_NAMES if gold(n)["warnings"] or (plans[n]["coverage"] or 1.0) < 1.0
    ] + [
        f"{len(SAMPLE_NAMES)} converted, 0 failed, {len(warned)} with warnings; output in {out} "
        f"({len(SAMPLE_NAMES)} plans)"
    ]
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["inputs"]
    assert [e["coverage"] for e in entries] == [plans[n]["coverage"] for n in SAMPLE_NAMES]


def test_quiet_prints_nothing_on_success(tmp_path):
    result = run("extract", str(SAMPLES / "southholm-housing-2019.pdf"), "--out", str(tmp_path), "--quiet")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


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
            "locked.pdf": "is encrypted; pass --password, --password-file or PLANEXTRACT_PASSWORD",
            "prose.pdf": "no improvement-plan table found in",
            "blank.pdf": "no text layer",
        }
    return reasons


def test_bad_inputs_fail_one_line_each_and_the_batch_goes_on(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    reasons = make_bad_inputs(inputs)
    result = run("extract", str(inputs), "--out", str(out), "--quiet")
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
    result = run("extract", str(locked), "--password", "userpass", "--out", str(tmp_path), "--quiet")
    assert result.returncode == 1
    assert result.stderr.strip() == f"planextract: no improvement-plan table found in {locked}"


def test_missing_input_is_a_failure_not_a_crash(tmp_path):
    result = run("extract", str(tmp_path / "nowhere.pdf"), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 1
    assert result.stderr.strip() == f"planextract: {tmp_path / 'nowhere.pdf'}: no such file"


@pytest.mark.parametrize("argv", [[], ["extract"], ["extract", "x.pdf"], ["frobnicate"], ["audit", "--gold", "x"]])
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


def test_help_explains_every_option():
    text = run("extract", "--help").stdout
    for option in ("--out", "--engine", "--password", "--password-file", "--quiet", "--debug", "--excel", "PATH"):
        assert option in text
    audit_text = run("audit", "--help").stdout
    for option in ("--gold", "--pred", "--min-accuracy", "--details", "--format", "--quiet"):
        assert option in audit_text


@pytest.mark.parametrize("command", ["extract", "audit", "diff", "report", "schema"])
def test_every_help_states_the_defaults_and_every_command_takes_quiet(command):
    subparsers = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    command_line = shutil.which("planextract", path=str(Path(sys.executable).parent))
    text = subprocess.run(  # wide, so that no help line is wrapped
        [command_line, command, "--help"], capture_output=True, text=True, env={**os.environ, "COLUMNS": "2000"},
    ).stdout
    for action in subparsers.choices[command]._actions:
        if action.dest in ("help", "quiet", "debug") or action.required:
            continue
        if not action.option_strings:
            assert action.help in text
            continue
        assert "default" in action.help or action.default not in (None, False), action.dest  # says what happens
        shown = action.help if "default" in action.help else f"{action.help} (default: {action.default})"
        assert shown in text, action.dest
    assert "--quiet" in text and "--debug" in text


def test_extract_loads_the_pipeline_and_freezes_it_out_of_the_collector_before_the_batch():
    code = (
        "import gc, sys; from extract import cli; loaded = 'extract.pipeline' in sys.modules; cli.preload_pipeline(); "
        "print(loaded, 'extract.pipeline' in sys.modules, 'extract.writers' in sys.modules, gc.get_freeze_count() > 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (0, "False True True True\n"), done.stderr


def test_version():
    result = run("--version")
    assert (result.returncode, result.stdout) == (0, f"planextract {extract.__version__}\n")


def test_a_quoted_glob_is_expanded(tmp_path):
    result = run("extract", str(SAMPLES / "south*.pdf"), "--out", str(tmp_path), "--quiet")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["manifest.json", "southholm-housing-2019.json"]


def encrypted_plan(path: Path, password: str) -> Path:
    """A one-page encrypted PDF with a line of prose (no plan table) under `password`."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption(password, canPrint=1))
    page.drawString(72, 720, "Minutes of the meeting: no table here.")
    page.save()
    return path


@pytest.mark.parametrize("how", ["option", "file", "variable", "none"])
def test_the_password_comes_from_the_option_a_file_or_the_environment(tmp_path, how):
    locked = encrypted_plan(tmp_path / "locked.pdf", "s3cret")
    (tmp_path / "password.txt").write_text("s3cret\n", encoding="utf-8")
    given = {"option": ["--password", "s3cret"], "file": ["--password-file", str(tmp_path / "password.txt")]}
    environment = {**os.environ, "PLANEXTRACT_PASSWORD": "s3cret"} if how == "variable" else {
        k: v for k, v in os.environ.items() if k != "PLANEXTRACT_PASSWORD"
    }
    command = shutil.which("planextract", path=str(Path(sys.executable).parent))
    result = subprocess.run(
        [command, "extract", str(locked), "--out", str(tmp_path / "out"), "--quiet", *given.get(how, [])],
        capture_output=True, text=True, timeout=300, env=environment,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"planextract: {locked} is encrypted; pass --password, --password-file or PLANEXTRACT_PASSWORD"
        if how == "none" else f"planextract: no improvement-plan table found in {locked}"
    )


def usage_cases(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    """Usage and environment errors: the command line -> the one line it must print."""
    pdf = str(SAMPLES / "southholm-housing-2019.pdf")
    (tmp_path / "empty").mkdir()
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    return {
        "no PDFs": (["extract", str(tmp_path / "empty"), "--out", str(tmp_path / "o")],
                    f"planextract: no PDF files in {tmp_path / 'empty'}"),
        "glob matching nothing": (["extract", str(tmp_path / "*.pdf"), "--out", str(tmp_path / "o")],
                                  f"planextract: {tmp_path / '*.pdf'} matches no file"),
        "out is a file": (["extract", pdf, "--out", str(tmp_path / "a-file")],
                          f"planextract: --out {tmp_path / 'a-file'} is a file, not a folder"),
        "out cannot be written": (["extract", pdf, "--out", "/proc/self"],
                                  "planextract: --out /proc/self: cannot write there"),
        "bad timeout": (["extract", pdf, "--out", str(tmp_path / "o"), "--timeout", "-1"],
                        "planextract extract: argument --timeout: -1 is not a number of seconds above 0"),
        "missing pred": (["audit", "--gold", str(SAMPLES), "--pred", str(tmp_path / "nowhere")],
                         f"planextract: --pred {tmp_path / 'nowhere'}: no such folder"),
        "missing gold": (["audit", "--gold", str(tmp_path / "nowhere"), "--pred", str(SAMPLES)],
                         f"planextract: --gold {tmp_path / 'nowhere'}: no such folder"),
        "pred without plans": (["audit", "--gold", str(SAMPLES), "--pred", str(tmp_path / "empty")],
                               f"planextract: --pred {tmp_path / 'empty'} holds none of the gold's plans"),
        "gold without plans": (["audit", "--gold", str(tmp_path / "empty"), "--pred", str(SAMPLES)],
                               f"planextract: --gold {tmp_path / 'empty'} holds no NAME.gold.json files"),
        "missing password file": (["report", pdf, "--out", str(tmp_path / "o"), "--password-file",
                                   str(tmp_path / "nowhere")],
                                  f"planextract: --password-file {tmp_path / 'nowhere'}: No such file or directory"),
    }


@pytest.mark.parametrize("case", [
    "no PDFs", "glob matching nothing", "out is a file", "out cannot be written", "bad timeout", "missing pred",
    "missing gold", "pred without plans", "gold without plans", "missing password file",
])
def test_usage_and_environment_errors_exit_2_with_one_line(tmp_path, case):
    argv, message = usage_cases(tmp_path)[case]
    result = run(*argv)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_output_folder_exits_2(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o555)
    result = run("extract", str(SAMPLES / "southholm-housing-2019.pdf"), "--out", str(folder))
    assert result.returncode == 2
    assert result.stderr == f"planextract: --out {folder}: cannot write there (Permission denied)\n"


def test_a_closed_stdout_pipe_ends_quietly(sample_output):
    out, _ = sample_output
    command = shutil.which("planextract", path=str(Path(sys.executable).parent))
    for argv in (["schema"], ["audit", "--gold", str(SAMPLES), "--pred", str(out), "--format", "json"]):
        read_end, write_end = os.pipe()
        os.close(read_end)  # like `| head` that has already exited
        try:
            result = subprocess.run([command, *argv], stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=300)
        finally:
            os.close(write_end)
        assert (result.stderr, result.returncode) == ("", 1), argv


def test_audit_writes_json_and_csv_for_programs(sample_output):
    out, _ = sample_output
    as_json = json.loads(run("audit", "--gold", str(SAMPLES), "--pred", str(out), "--format", "json").stdout)
    assert [d["document"] for d in as_json["documents"]] == SAMPLE_NAMES
    pooled = {m["measure"]: m for m in as_json["pooled"]["measures"]}
    total = sum(gold_field_count(n) for n in SAMPLE_NAMES)
    assert pooled["all fields"] == {"measure": "all fields", "correct": total, "scored": total, "value": 1.0}
    assert pooled["actions F1"]["value"] == 1.0
    assert all(d["mistakes"] == [] for d in as_json["documents"])
    rows = list(csv.DictReader(io.StringIO(
        run("audit", "--gold", str(SAMPLES), "--pred", str(out), "--format", "csv").stdout,
    )))
    assert list(rows[0]) == ["document", "measure", "correct", "scored", "value"]
    first = SAMPLE_NAMES[0]
    action_text = next(r for r in rows if r["document"] == first and r["measure"] == "action.text")
    n = gold_action_count(first)
    assert action_text == {"document": first, "measure": "action.text", "correct": str(n), "scored": str(n),
                           "value": "1.000000"}
    assert {r["document"] for r in rows} == {*SAMPLE_NAMES, "pooled"}


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


def test_on_a_terminal_the_progress_bar_names_the_current_file(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    names = ["southholm-housing-2019", "brindley-adults-2020"]
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 160, 0, 0))
    command = shutil.which("planextract", path=str(Path(sys.executable).parent))
    process = subprocess.Popen(
        [command, "extract", *(str(SAMPLES / f"{n}.pdf") for n in names), "--out", str(tmp_path), "--workers", "1"],
        stdout=subprocess.DEVNULL, stderr=follower,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the command has ended and closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk.decode())
    process.wait(timeout=300)
    os.close(leader)
    screen = "".join(chunks)
    assert chunks[0].strip().startswith("0%|") and "0/2" in chunks[0]  # drawn before any file is read
    assert "0/2 [" in screen and f"{names[0]}.pdf]" in screen and "2/2 [" in screen and f"{names[1]}.pdf]" in screen
    assert screen.endswith(f"2 converted, 0 failed, 1 with warnings; output in {tmp_path} (2 plans)\r\n")
