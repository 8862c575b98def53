"""Batches that never lose work: workers, resumes, a killed batch, time limits, Dask, OCR."""

from __future__ import annotations

import csv
import gc
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLES, gold

from extract.batch import YOUNG_COLLECTION_THRESHOLD, rarer_collections
from schemas.plan import Plan

LONG_PLAN = SAMPLES / "long-plan-300-actions.pdf"
SCANNED = Path(__file__).parent / "fixtures" / "scanned" / "rotherham-cyps-improvement-plan-2018.pdf"
SMALL = ["rotherham-cyps-improvement-plan-2018", "rotherham-inspection-recommendations-2010", "southholm-housing-2019"]


def planextract(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    command = str(Path(sys.executable).parent / "planextract")
    return subprocess.run([command, *args], capture_output=True, text=True, timeout=timeout)


def small_inputs(folder: Path) -> Path:
    folder.mkdir()
    for name in SMALL:
        shutil.copy(SAMPLES / f"{name}.pdf", folder / f"{name}.pdf")
    return folder


def output_files(folder: Path) -> dict[str, bytes]:
    """Every output file's bytes; the manifest without its timings and output folder."""
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != "manifest.json"}
    entries = json.loads((folder / "manifest.json").read_text())["inputs"]
    for entry in entries:
        del entry["seconds"]
        entry["outputs"] = [Path(p).name for p in entry.get("outputs", [])]
    files["manifest.json"] = json.dumps(entries).encode()
    return files


def test_two_workers_write_exactly_what_one_writes(tmp_path):
    inputs = small_inputs(tmp_path / "in")
    one, two = tmp_path / "one", tmp_path / "two"
    assert planextract("extract", str(inputs), "--out", str(one), "--workers", "1").returncode == 0
    assert planextract("extract", str(inputs), "--out", str(two), "--workers", "2").returncode == 0
    assert output_files(one) == output_files(two)
    assert not (one / ".partial").exists()


def test_skip_existing_reruns_only_what_changed(tmp_path):
    inputs, out = small_inputs(tmp_path / "in"), tmp_path / "out"
    assert planextract("extract", str(inputs), "--out", str(out)).returncode == 0
    first = output_files(out)
    kept = (out / f"{SMALL[1]}.json").stat().st_mtime_ns
    shutil.copy(SAMPLES / "ashcombe-send-2023.pdf", inputs / f"{SMALL[0]}.pdf")  # same name, other file
    result = planextract("extract", str(inputs), "--out", str(out), "--skip-existing")
    assert result.returncode == 0, result.stderr
    entries = json.loads((out / "manifest.json").read_text())["inputs"]
    assert [e["status"] for e in entries] == ["ok", "skipped", "skipped"]
    assert (out / f"{SMALL[1]}.json").stat().st_mtime_ns == kept
    redone = Plan.model_validate_json((out / f"{SMALL[0]}.json").read_text())
    assert redone.title == gold("ashcombe-send-2023")["title"]
    assert output_files(out)["actions.csv"] != first["actions.csv"]


def test_a_killed_batch_leaves_only_complete_files_and_resumes(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for i in range(4):
        shutil.copy(LONG_PLAN, inputs / f"long-{i}.pdf")
    command = [str(Path(sys.executable).parent / "planextract"), "extract", str(inputs), "--out", str(out)]
    process = subprocess.Popen([*command, "--workers", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not (out / "long-0.json").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # well into the second file
    process.send_signal(signal.SIGKILL)
    process.wait()
    finished = sorted(p.name for p in out.glob("*.json") if p.name != "manifest.json")
    assert finished and len(finished) < 4
    for name in finished:
        plan = Plan.model_validate_json((out / name).read_text())  # complete and valid
        rows = (out / name.replace(".json", ".actions.csv")).read_text().count("\n")
        assert rows - 1 >= sum(len(f.actions) for f in plan.findings) == 300
    assert {p.name for p in out.iterdir() if p.is_file()} <= {
        *finished, *(n.replace(".json", ".actions.csv") for n in finished), "manifest.json",
    }
    result = planextract("extract", str(inputs), "--out", str(out), "--skip-existing", "--workers", "1")
    assert result.returncode == 0
    entries = json.loads((out / "manifest.json").read_text())["inputs"]
    assert [e["status"] for e in entries] == ["skipped"] * len(finished) + ["ok"] * (4 - len(finished))
    assert not (out / ".partial").exists()


def test_a_file_over_the_time_limit_fails_and_the_batch_goes_on(tmp_path):
    out = tmp_path / "out"
    result = planextract(
        "extract", str(LONG_PLAN), str(SAMPLES / f"{SMALL[0]}.pdf"), "--out", str(out), "--timeout", "1",
        "--workers", "1",
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"planextract: {LONG_PLAN}: took longer than the 1 s limit (--timeout)",
        f"1 converted, 1 failed, 0 with warnings; output in {out} (1 plan)",
    ]
    entries = json.loads((out / "manifest.json").read_text())["inputs"]
    assert [e["status"] for e in entries] == ["failed", "ok"]
    assert not (out / "long-plan-300-actions.json").exists()


def test_dask_cluster_writes_what_the_local_run_writes(tmp_path):
    from distributed import LocalCluster

    inputs = small_inputs(tmp_path / "in")
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert planextract("extract", str(inputs), "--out", str(local)).returncode == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        result = planextract("extract", str(inputs), "--out", str(remote), "--executor", "dask", "--scheduler", address)
    assert result.returncode == 0, result.stderr
    assert output_files(local) == output_files(remote)


def test_dask_needs_a_scheduler(tmp_path):
    result = planextract("extract", str(SAMPLES / f"{SMALL[0]}.pdf"), "--out", str(tmp_path), "--executor", "dask")
    assert result.returncode == 2
    assert result.stderr.strip() == "planextract: --executor dask needs --scheduler ADDRESS"


def test_scanned_plan_needs_ocr_and_is_read_with_it(tmp_path):
    result = planextract("extract", str(SCANNED), "--out", str(tmp_path / "plain"), "--quiet")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"planextract: {SCANNED}: no text layer (a scanned PDF?); pass --ocr to read it with OCR"
    )
    out = tmp_path / "ocr"
    result = planextract("extract", str(SCANNED), "--out", str(out), "--ocr")
    assert result.returncode == 0, result.stderr
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    shutil.copy(SAMPLES / "rotherham-cyps-improvement-plan-2018.gold.json", gold_dir)
    audit = planextract("audit", "--gold", str(gold_dir), "--pred", str(out), "--min-accuracy", "0.35")
    assert audit.returncode == 0, audit.stdout
    plan = Plan.model_validate_json((out / "rotherham-cyps-improvement-plan-2018.json").read_text())
    assert plan.source.path == str(SCANNED)
    assert [f.number for f in plan.findings if f.number] == [str(n) for n in range(1, 9)]


def interrupt_half_way(tmp_path: Path, signum: int, whole_group: bool) -> tuple[subprocess.CompletedProcess, Path]:
    """Start a batch of four long plans on two workers, send `signum` once the first is written; its outcome."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for i in range(4):
        shutil.copy(LONG_PLAN, inputs / f"long-{i}.pdf")
    command = [str(Path(sys.executable).parent / "planextract"), "extract", str(inputs), "--out", str(out)]
    process = subprocess.Popen(
        [*command, "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # its own process group, as a shell gives a command that Ctrl-C reaches
    )
    deadline = time.monotonic() + 300
    while not (out / "long-0.json").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    if whole_group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=20)  # at once: not after the running files finish
    with pytest.raises(ProcessLookupError):  # no worker is left running in the group
        os.killpg(process.pid, 0)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr), out


@pytest.mark.parametrize(("signum", "whole_group"), [(signal.SIGINT, True), (signal.SIGTERM, False)])
def test_ctrl_c_stops_the_workers_keeps_what_finished_and_resumes(tmp_path, signum, whole_group):
    result, out = interrupt_half_way(tmp_path, signum, whole_group)
    assert result.returncode == 128 + signum
    assert result.stderr == f"planextract: interrupted ({signal.Signals(signum).name}); finished files are kept\n"
    assert not (out / ".partial").exists()
    finished = sorted(p.name.removesuffix(".actions.csv") for p in out.glob("*.actions.csv") if p.name != "actions.csv")
    assert finished and len(finished) < 4
    entries = json.loads((out / "manifest.json").read_text())["inputs"]
    assert sorted(e["name"] for e in entries) == finished
    assert (out / "actions.csv").read_text().count("\n") == 1 + 300 * len(finished)
    rerun = planextract("extract", str(tmp_path / "in"), "--out", str(out), "--skip-existing", "--workers", "2")
    assert rerun.returncode == 0, rerun.stderr
    entries = json.loads((out / "manifest.json").read_text())["inputs"]
    assert sorted((e["name"], e["status"]) for e in entries) == [
        (f"long-{i}", "skipped" if f"long-{i}" in finished else "ok") for i in range(4)
    ]
    assert rerun.stderr.splitlines()[-1] == (
        f"{4 - len(finished)} converted, {len(finished)} skipped (already done), 0 failed, 0 with warnings; "
        f"output in {out} (4 plans)"
    )


def test_batch_after_batch_into_one_folder_keeps_one_collection(tmp_path):
    import duckdb
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    first, second = SMALL[:2], [*SMALL[2:], "brindley-adults-2020"]
    planextract("extract", *(str(SAMPLES / f"{n}.pdf") for n in first), "--out", str(out), "--format", "duckdb")
    result = planextract(  # the second batch asks for parquet; the duckdb already there is kept up to date too
        "extract", *(str(SAMPLES / f"{n}.pdf") for n in second), "--out", str(out), "--format", "parquet",
    )
    assert result.returncode == 0, result.stderr
    names = first + second
    entries = json.loads((out / "manifest.json").read_text())["inputs"]
    assert [(e["name"], e["status"]) for e in entries] == [(n, "ok") for n in names]
    actions = {n: sum(len(f["actions"]) for f in gold(n)["findings"]) for n in names}
    with (out / "actions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [Path(r["source"]).stem for r in rows] == [n for n in names for _ in range(actions[n])]
    assert pq.read_table(out / "actions.parquet").num_rows == sum(actions.values())
    with duckdb.connect(str(out / "plans.duckdb"), read_only=True) as database:
        assert database.sql("SELECT plan, action_count FROM plans ORDER BY plan").fetchall() == sorted(
            actions.items()
        )
    assert result.stderr.splitlines()[-1].endswith(f"output in {out} (4 plans)")
    (out / f"{first[0]}.json").unlink()  # a plan taken out of the folder leaves the collection
    planextract("extract", str(SAMPLES / f"{second[0]}.pdf"), "--out", str(out), "--quiet")
    entries = json.loads((out / "manifest.json").read_text())["inputs"]
    assert [e["name"] for e in entries] == names[1:]
    assert pq.read_table(out / "plans.parquet").column("plan").to_pylist() == names[1:]


def test_same_name_from_another_folder_does_not_replace_a_plan(tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SAMPLES / "ashcombe-send-2023.pdf", other / f"{SMALL[0]}.pdf")
    out = tmp_path / "out"
    planextract("extract", str(SAMPLES / f"{SMALL[0]}.pdf"), "--out", str(out), "--quiet")
    planextract("extract", str(other / f"{SMALL[0]}.pdf"), "--out", str(out), "--quiet")
    entries = json.loads((out / "manifest.json").read_text())["inputs"]
    sha = entries[1]["sha256"]
    assert [e["name"] for e in entries] == [SMALL[0], f"{SMALL[0]}-{sha[:8]}"]
    assert [e["path"] for e in entries] == [str(SAMPLES / f"{SMALL[0]}.pdf"), str(other / f"{SMALL[0]}.pdf")]


def test_excel_csv_has_a_byte_order_mark(tmp_path):
    plain, excel = tmp_path / "plain", tmp_path / "excel"
    pdf = str(SAMPLES / f"{SMALL[0]}.pdf")
    planextract("extract", pdf, "--out", str(plain), "--quiet")
    planextract("extract", pdf, "--out", str(excel), "--quiet", "--excel")
    for name in ("actions.csv", f"{SMALL[0]}.actions.csv"):
        assert (excel / name).read_bytes() == "\ufeff".encode() + (plain / name).read_bytes()
        assert (excel / name).read_text(encoding="utf-8-sig") == (plain / name).read_text(encoding="utf-8")
    assert not (plain / "actions.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_a_file_is_read_with_rarer_young_collections_and_the_collector_setting_comes_back() -> None:
    before = gc.get_threshold()
    with rarer_collections():
        assert gc.get_threshold() == (YOUNG_COLLECTION_THRESHOLD, *before[1:])
    assert gc.get_threshold() == before
    with pytest.raises(ValueError), rarer_collections():
        raise ValueError("a failing file")
    assert gc.get_threshold() == before
