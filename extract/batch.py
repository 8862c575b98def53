"""Batch conversion that never loses work: one file's conversion, and the executors that run many.

`convert_one` is the unit of work: it reads one PDF, writes NAME.json and
NAME.actions.csv through temporary files in `OUT/.partial/` renamed into place, and
returns a `FileResult` (never raises for a bad input). It runs in the calling process,
in a process pool (`--workers N`) or on a Dask cluster (`--executor dask`); results come
back in input order, so the batch files are the same whichever executor ran them.
`run_batch` assigns output names, skips inputs whose output is already complete
(`--skip-existing`, by sha256), and rewrites `manifest.json` after every file, so a
batch killed half way leaves only complete files and a manifest of what it finished.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from extract.errors import ExtractionError

PARTIAL_DIR = ".partial"


class FileTimeoutError(ExtractionError):
    """One file took longer than the per-file time limit."""


class _Deadline(BaseException):
    """Raised by the alarm: a BaseException, so library code catching Exception cannot swallow or wrap it."""


@dataclass
class FileResult:
    """What happened to one input: its manifest entry and its action rows for the batch CSV."""

    path: str
    sha256: str | None
    name: str | None
    status: Literal["ok", "failed", "skipped"]
    error: str | None = None
    outputs: list[str] = field(default_factory=list)
    findings: int = 0
    actions: int = 0
    warnings: int = 0
    seconds: float = 0.0
    pages: int = 0
    records: list[dict] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def manifest_entry(self) -> dict:
        entry = asdict(self)
        del entry["records"], entry["stage_seconds"]
        return {key: value for key, value in entry.items() if value is not None}


@dataclass(frozen=True)
class BatchSettings:
    """How a batch runs (plain values, so they travel to worker processes)."""

    engine: str = "pdfplumber"
    reader: str = "pdfium"
    password: str | None = None
    ocr: bool = False
    timeout: float | None = None
    debug: bool = False


@contextmanager
def time_limit(seconds: float | None, path: Path) -> Iterator[None]:
    """Raise FileTimeoutError in this (main) thread when the block runs longer than `seconds`."""
    if not seconds or threading_is_not_main():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _Deadline

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Deadline:
        raise FileTimeoutError(f"{path}: took longer than the {seconds:g} s limit (--timeout)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def threading_is_not_main() -> bool:
    import threading

    return threading.current_thread() is not threading.main_thread()


def convert_one(path: str, sha256: str | None, name: str, out_dir: str, settings: BatchSettings) -> FileResult:
    """Convert one PDF and write its two files atomically; a bad input comes back as a failed result."""
    from extract.pipeline import Extractor, ExtractSettings, StageTimes
    from extract.writers import action_records, write_plan

    started = time.perf_counter()
    result = FileResult(path=path, sha256=sha256, name=name, status="failed")
    times = StageTimes()
    try:
        if sha256 is None:
            raise ExtractionError(f"{path}: no such file")
        with time_limit(settings.timeout, Path(path)):
            extractor = Extractor(ExtractSettings(
                engine=settings.engine, reader=settings.reader, password=settings.password, ocr=settings.ocr,
            ))
            plan = extractor.extract(path, times)
            with times.stage("write"):
                outputs = write_plan(plan, Path(out_dir), name, partial_dir=Path(out_dir) / PARTIAL_DIR)
    except ExtractionError as error:
        result.error = str(error)
    except Exception as error:  # a bug: report it on one line, keep the batch going
        if settings.debug:
            traceback.print_exc()
        result.error = f"{path}: internal error ({type(error).__name__}: {error})"
    else:
        result.status = "ok"
        result.outputs = [str(p) for p in outputs]
        result.findings = len(plan.findings)
        result.actions = sum(len(f.actions) for f in plan.findings)
        result.warnings = len(plan.warnings)
        result.pages = plan.source.pages
        result.records = action_records(plan)
    result.seconds = round(time.perf_counter() - started, 3)
    result.stage_seconds = dict(times)
    return result


def existing_result(path: str, sha256: str, name: str, out_dir: Path) -> FileResult | None:
    """A skipped result when NAME.json and NAME.actions.csv exist and the JSON is of this very file."""
    from pydantic import ValidationError

    from extract.writers import action_records
    from schemas.plan import Plan

    json_path, csv_path = out_dir / f"{name}.json", out_dir / f"{name}.actions.csv"
    if not (json_path.is_file() and csv_path.is_file()):
        return None
    try:
        plan = Plan.model_validate_json(json_path.read_text(encoding="utf-8"))
    except (ValidationError, OSError, ValueError):
        return None
    if plan.source.sha256 != sha256:
        return None
    return FileResult(
        path=path, sha256=sha256, name=name, status="skipped", outputs=[str(json_path), str(csv_path)],
        findings=len(plan.findings), actions=sum(len(f.actions) for f in plan.findings),
        warnings=len(plan.warnings), records=action_records(plan),
    )


Executor = Callable[[list[tuple[str, str | None, str]], str, BatchSettings], Iterator[FileResult]]


def run_serial(jobs: list[tuple[str, str | None, str]], out_dir: str, settings: BatchSettings) -> Iterator[FileResult]:
    for path, sha256, name in jobs:
        yield convert_one(path, sha256, name, out_dir, settings)


def run_pool(workers: int) -> Executor:
    """A process pool of `workers` processes; results in input order."""

    def run(jobs: list[tuple[str, str | None, str]], out_dir: str, settings: BatchSettings) -> Iterator[FileResult]:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(convert_one, path, sha256, name, out_dir, settings) for path, sha256, name in jobs]
            for future in futures:
                yield future.result()

    return run


def run_dask(scheduler: str) -> Executor:
    """The same work as tasks on a Dask distributed cluster at `scheduler` (results in input order)."""

    def run(jobs: list[tuple[str, str | None, str]], out_dir: str, settings: BatchSettings) -> Iterator[FileResult]:
        from distributed import Client

        with Client(scheduler) as client:
            futures = [
                client.submit(convert_one, path, sha256, name, out_dir, settings, pure=False)
                for path, sha256, name in jobs
            ]
            for (path, sha256, name), future in zip(jobs, futures):
                try:
                    yield future.result(timeout=settings.timeout)
                except TimeoutError:
                    future.cancel()
                    yield FileResult(
                        path=path, sha256=sha256, name=name, status="failed",
                        error=f"{path}: took longer than the {settings.timeout:g} s limit (--timeout)",
                    )

    return run


def output_names(paths: Sequence[Path], hashes: Sequence[str | None]) -> list[str]:
    """Each input's file stem, made unique within the batch with its hash when stems collide."""
    used: set[str] = set()
    names = []
    for path, sha256 in zip(paths, hashes):
        name = path.stem
        if name in used:
            name = f"{name}-{(sha256 or 'missing')[:8]}"
        used.add(name)
        names.append(name)
    return names


def run_batch(
    paths: Sequence[Path], out_dir: Path, settings: BatchSettings, executor: Executor,
    skip_existing: bool = False, on_result: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Convert every input with the executor; write actions.csv and manifest.json; return the results."""
    from extract.pipeline import file_sha256
    from extract.writers import write_atomic, write_batch_csv

    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out_dir / PARTIAL_DIR, ignore_errors=True)  # what a killed batch left half written
    hashes = [file_sha256(p) if p.is_file() else None for p in paths]
    names = output_names(paths, hashes)
    results: dict[int, FileResult] = {}
    jobs: list[tuple[int, tuple[str, str | None, str]]] = []
    for index, (path, sha256, name) in enumerate(zip(paths, hashes, names)):
        skipped = existing_result(str(path), sha256, name, out_dir) if skip_existing and sha256 else None
        if skipped is not None:
            results[index] = skipped
        else:
            jobs.append((index, (str(path), sha256, name)))

    def save_manifest() -> None:
        entries = [results[i].manifest_entry() for i in sorted(results)]
        write_atomic(out_dir / "manifest.json", json.dumps({"inputs": entries}, indent=2, ensure_ascii=False) + "\n")

    for index in sorted(results):
        if on_result:
            on_result(results[index])
    for (index, _), result in zip(jobs, executor([job for _, job in jobs], str(out_dir), settings)):
        results[index] = result
        save_manifest()
        if on_result:
            on_result(result)
    save_manifest()
    ordered = [results[i] for i in sorted(results)]
    write_batch_csv(out_dir, [r.records for r in ordered])
    shutil.rmtree(out_dir / PARTIAL_DIR, ignore_errors=True)
    return ordered


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
