"""Batches that never lose work: workers, resumes, a killed batch, time limits, Dask, OCR."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import SAMPLES, gold

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
    assert result.stderr.strip() == f"planextract: {LONG_PLAN}: took longer than the 1 s limit (--timeout)"
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
    result = planextract("extract", str(SCANNED), "--out", str(tmp_path / "plain"))
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
