"""Batch conversion that never loses work: one file's conversion, the executors that run many,
and the output folder kept as one consistent collection.

`convert_one` is the unit of work: it reads one PDF, writes NAME.json and
NAME.actions.csv through temporary files in `OUT/.partial/` renamed into place, and
returns a `FileResult` (never raises for a bad input). It runs in the calling process,
in a process pool (`--workers N`) or on a Dask cluster (`--executor dask`); results come
back in input order, so the batch files are the same whichever executor ran them.
`run_batch` assigns output names, skips inputs whose output is already complete
(`--skip-existing`, by sha256), and rewrites `manifest.json` after every file, so a
batch killed half way leaves only complete files and a manifest of what it finished.
Interrupted (Ctrl-C, SIGTERM), it stops the workers at once and still writes the folder's
files. Those files (`manifest.json`, `actions.csv`, and the Parquet files and
`plans.duckdb` when asked for or already there) always cover every plan in the folder:
the ones converted now and the ones earlier batches left there.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import signal
import time
import traceback
from collections.abc import Callable, Iterator, Sequence, Set
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from extract.errors import ExtractionError, FileTimeoutError, UsageError, command_line_message
from schemas.plan import Plan

PARTIAL_DIR = ".partial"
MANIFEST = "manifest.json"
EXPORT_FILES = {"parquet": "actions.parquet", "duckdb": "plans.duckdb"}
YOUNG_COLLECTION_THRESHOLD = 20_000  # new objects between two collections of the youngest generation (Python: 700)


class _Deadline(BaseException):
    """Raised by the alarm: a BaseException, so library code catching Exception cannot swallow or wrap it."""


@dataclass
class FileResult:
    """What happened to one input: its manifest entry, plus the stage timings for --profile."""

    path: str
    sha256: str | None
    name: str | None
    status: Literal["ok", "failed", "skipped"]
    error: str | None = None
    outputs: list[str] = field(default_factory=list)
    findings: int = 0
    actions: int = 0
    warnings: int = 0
    coverage: float | None = None  # None: not measured
    seconds: float = 0.0
    pages: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def manifest_entry(self) -> dict:
        """The input's entry in manifest.json (no error key when it has none)."""
        entry = asdict(self)
        del entry["stage_seconds"]
        if self.error is None:
            del entry["error"]
        return entry

    def count_plan(self, plan: Plan) -> None:
        """Fill in the counts, coverage and pages of the plan this input gave."""
        self.findings = len(plan.findings)
        self.actions = sum(len(f.actions) for f in plan.findings)
        self.warnings = len(plan.warnings)
        self.coverage = plan.coverage
        self.pages = plan.source.pages


@dataclass(frozen=True)
class BatchSettings:
    """How a batch runs (plain values, so they travel to worker processes)."""

    engine: str = "pdfplumber"
    reader: str = "pdfium"
    password: str | None = None
    ocr: bool = False
    timeout: float | None = None
    debug: bool = False
    excel: bool = False  # CSV with a byte order mark


@dataclass(frozen=True)
class Batch:
    """This run's results (input order) and the plans the folder now holds (manifest order)."""

    results: list[FileResult]
    plans: list[Plan]


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


@contextmanager
def rarer_collections() -> Iterator[None]:
    """Run the block with the cyclic garbage collector's youngest generation collected less often.

    Reading a page makes thousands of small objects (glyphs, boxes, lines) that form no
    cycle; collecting every 700 new objects spends a twentieth of a file's time walking
    them. The collector's own setting comes back afterwards.
    """
    threshold = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def threading_is_not_main() -> bool:
    """True when called outside the main thread (where no alarm signal can be set)."""
    import threading

    return threading.current_thread() is not threading.main_thread()


def convert_one(path: str, sha256: str | None, name: str, out_dir: str, settings: BatchSettings) -> FileResult:
    """Convert one PDF and write its two files atomically; a bad input comes back as a failed result."""
    from extract.pipeline import Extractor, ExtractSettings, StageTimes
    from extract.writers import write_plan

    started = time.perf_counter()
    result = FileResult(path=path, sha256=sha256, name=name, status="failed")
    times = StageTimes()
    try:
        with time_limit(settings.timeout, Path(path)), rarer_collections():
            extractor = Extractor(ExtractSettings(
                engine=settings.engine, reader=settings.reader, password=settings.password, ocr=settings.ocr,
            ))
            plan = extractor.extract(path, times)
            with times.stage("write"):
                outputs = write_plan(
                    plan, Path(out_dir), name, partial_dir=Path(out_dir) / PARTIAL_DIR, excel=settings.excel,
                )
    except ExtractionError as error:
        result.error = command_line_message(error)
    except Exception as error:  # a bug: report it on one line, keep the batch going
        if settings.debug:
            traceback.print_exc()
        result.error = f"{path}: internal error ({type(error).__name__}: {error})"
    else:
        result.status = "ok"
        result.outputs = [str(p) for p in outputs]
        result.count_plan(plan)
    result.seconds = round(time.perf_counter() - started, 3)
    result.stage_seconds = dict(times)
    return result


def load_plan(out_dir: Path, name: str) -> Plan | None:
    """The plan NAME.json in the folder when it is complete (with its NAME.actions.csv) and valid, else None."""
    from pydantic import ValidationError

    json_path, csv_path = out_dir / f"{name}.json", out_dir / f"{name}.actions.csv"
    if not (json_path.is_file() and csv_path.is_file()):
        return None
    try:
        return Plan.model_validate_json(json_path.read_text(encoding="utf-8"))
    except (ValidationError, OSError, ValueError):
        return None


def existing_result(path: str, sha256: str, name: str, out_dir: Path) -> FileResult | None:
    """A skipped result when NAME.json and NAME.actions.csv exist and the JSON is of this very file."""
    plan = load_plan(out_dir, name)
    if plan is None or plan.source.sha256 != sha256:
        return None
    result = FileResult(
        path=path, sha256=sha256, name=name, status="skipped",
        outputs=[str(out_dir / f"{name}.json"), str(out_dir / f"{name}.actions.csv")],
    )
    result.count_plan(plan)
    return result


Job = tuple[str, str | None, str]
Executor = Callable[[list[Job], str, BatchSettings], Iterator[FileResult]]


def run_serial(jobs: list[Job], out_dir: str, settings: BatchSettings) -> Iterator[FileResult]:
    """Convert the inputs one after another in this process."""
    for path, sha256, name in jobs:
        yield convert_one(path, sha256, name, out_dir, settings)


def ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the main process, which stops the workers itself (with SIGTERM)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def stop_workers() -> None:
    """Terminate this process's worker processes at once (the pool would wait for their files to finish)."""
    import multiprocessing

    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(timeout=5)


def run_pool(workers: int) -> Executor:
    """A process pool of `workers` processes; results in input order."""
    from concurrent.futures import ProcessPoolExecutor  # with its multiprocessing: not needed by one process

    def run(jobs: list[Job], out_dir: str, settings: BatchSettings) -> Iterator[FileResult]:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=ignore_interrupts)
        try:
            futures = [pool.submit(convert_one, path, sha256, name, out_dir, settings) for path, sha256, name in jobs]
            for future in futures:
                yield future.result()
        except BaseException:  # interrupted, or the consumer stopped: do not wait for the running files
            pool.shutdown(wait=False, cancel_futures=True)
            stop_workers()
            raise
        pool.shutdown()

    return run


def run_dask(scheduler: str) -> Executor:
    """The same work as tasks on a Dask distributed cluster at `scheduler` (results in input order)."""

    def run(jobs: list[Job], out_dir: str, settings: BatchSettings) -> Iterator[FileResult]:
        from distributed import Client

        with Client(scheduler) as client:
            futures = [
                client.submit(convert_one, path, sha256, name, out_dir, settings, pure=False)
                for path, sha256, name in jobs
            ]
            try:
                for (path, sha256, name), future in zip(jobs, futures):
                    try:
                        yield future.result(timeout=settings.timeout)
                    except TimeoutError:
                        future.cancel()
                        yield FileResult(
                            path=path, sha256=sha256, name=name, status="failed",
                            error=f"{path}: took longer than the {settings.timeout:g} s limit (--timeout)",
                        )
            except BaseException:
                client.cancel(futures)
                raise

    return run


def output_names(paths: Sequence[Path], hashes: Sequence[str | None], taken: dict[str, str]) -> list[str]:
    """Each input's file stem, made unique with its hash when the stem is used by another input of the batch
    or by another file's plan already in the folder (`taken`: name -> the path it came from)."""
    used: set[str] = set()
    names = []
    for path, sha256 in zip(paths, hashes):
        name = path.stem
        if name in used or taken.get(name, str(path)) != str(path):
            name = f"{name}-{(sha256 or 'missing')[:8]}"
        used.add(name)
        names.append(name)
    return names


def remove_halves(out_dir: Path, unfinished: Sequence[tuple[str | None, str]]) -> None:
    """Remove the NAME files of inputs a stopped worker left unfinished unless they hold this very file's plan
    (a stopped worker may have replaced NAME.actions.csv but not yet NAME.json, which is written last)."""
    for sha256, name in unfinished:
        plan = load_plan(out_dir, name)
        if plan is None or plan.source.sha256 != sha256:
            for path in (out_dir / f"{name}.actions.csv", out_dir / f"{name}.json"):
                path.unlink(missing_ok=True)


def read_manifest(out_dir: Path) -> list[dict]:
    """The entries of the folder's manifest.json, none when it has none (or an unreadable one)."""
    try:
        entries = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [entry for entry in entries if isinstance(entry, dict) and entry.get("name")]


def plans_in_folder(out_dir: Path) -> list[str]:
    """The names of the plans in the folder: every NAME with both NAME.json and NAME.actions.csv (sorted)."""
    return sorted(
        name for path in out_dir.glob("*.actions.csv")
        if (out_dir / f"{(name := path.name.removesuffix('.actions.csv'))}.json").is_file()
    )


def collection(out_dir: Path, earlier: list[dict], results: Sequence[FileResult]) -> tuple[list[dict], list[Plan]]:
    """The folder's manifest entries and plans: earlier entries (in their order) updated by this run's
    results, then this run's new inputs, then plans in the folder that no manifest names.

    An earlier entry whose plan has gone from the folder is dropped; a failed one is kept.
    """
    entries: dict[str, dict] = {entry["name"]: entry for entry in earlier}
    for result in results:
        entries[result.name or result.path] = result.manifest_entry()
    plans: dict[str, Plan] = {}
    for name, entry in list(entries.items()):
        if entry.get("status") == "failed":
            continue
        plan = load_plan(out_dir, name)
        if plan is None:
            del entries[name]
        else:
            plans[name] = plan
    for name in plans_in_folder(out_dir):
        if name not in entries and (plan := load_plan(out_dir, name)) is not None:
            result = FileResult(
                path=plan.source.path, sha256=plan.source.sha256, name=name, status="skipped",
                outputs=[str(out_dir / f"{name}.json"), str(out_dir / f"{name}.actions.csv")],
            )
            result.count_plan(plan)
            entries[name], plans[name] = result.manifest_entry(), plan
    return list(entries.values()), list(plans.values())


def write_manifest(out_dir: Path, entries: Sequence[dict]) -> None:
    """Write the folder's manifest.json with these entries."""
    from extract.writers import write_atomic

    write_atomic(out_dir / MANIFEST, json.dumps({"inputs": list(entries)}, indent=2, ensure_ascii=False) + "\n")


def write_collection(
    out_dir: Path, earlier: list[dict], results: Sequence[FileResult], formats: Set[str], excel: bool,
) -> list[Plan]:
    """manifest.json, actions.csv and the exports, all covering every plan in the folder; returns the plans."""
    from extract.exports import write_exports
    from extract.writers import write_batch_csv

    entries, plans = collection(out_dir, earlier, results)
    write_batch_csv(out_dir, plans, excel=excel)
    present = {fmt for fmt, file in EXPORT_FILES.items() if (out_dir / file).exists()}
    try:
        write_exports(out_dir, plans, set(formats) | present)
    except ValueError as error:  # a key repeats: the folder holds the same PDF under two names
        raise UsageError(f"{out_dir}: cannot export the folder's plans: {error}") from None
    write_manifest(out_dir, entries)
    return plans


def run_batch(
    paths: Sequence[Path], out_dir: Path, settings: BatchSettings, executor: Executor,
    formats: Set[str] = frozenset({"json", "csv"}), skip_existing: bool = False,
    on_next: Callable[[Path], None] | None = None, on_result: Callable[[FileResult], None] | None = None,
) -> Batch:
    """Convert every input with the executor, then write the folder's collection files.

    `on_next` is told which input the batch waits for next, `on_result` each result as it comes.
    Interrupted, it writes the collection of what finished before passing the interruption on.
    """
    from extract.pipeline import file_sha256

    out_dir.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out_dir / PARTIAL_DIR, ignore_errors=True)  # what a killed batch left half written
    earlier = read_manifest(out_dir)
    hashes = [file_sha256(p) if p.is_file() else None for p in paths]
    names = output_names(paths, hashes, {e["name"]: e.get("path", "") for e in earlier})
    results: dict[int, FileResult] = {}
    jobs: list[tuple[int, Job]] = []
    for index, (path, sha256, name) in enumerate(zip(paths, hashes, names)):
        skipped = existing_result(str(path), sha256, name, out_dir) if skip_existing and sha256 else None
        if skipped is not None:
            results[index] = skipped
        else:
            jobs.append((index, (str(path), sha256, name)))
    done = {e["name"]: e for e in earlier} | {r.name: r.manifest_entry() for r in results.values() if r.name}
    for index in sorted(results):
        if on_result:
            on_result(results[index])
    outcomes = executor([job for _, job in jobs], str(out_dir), settings)
    try:
        for index, (path, _, _) in jobs:
            if on_next:
                on_next(Path(path))
            results[index] = result = next(outcomes)
            done[result.name or result.path] = result.manifest_entry()
            write_manifest(out_dir, list(done.values()))
            if on_result:
                on_result(result)
        next(outcomes, None)  # lets the executor end by itself
    finally:
        outcomes.close()  # an interrupted pool stops its workers here, before the folder's files are written
        remove_halves(out_dir, [(sha256, name) for index, (_, sha256, name) in jobs if index not in results])
        ordered = [results[i] for i in sorted(results)]
        plans = write_collection(out_dir, earlier, ordered, formats, settings.excel)
        shutil.rmtree(out_dir / PARTIAL_DIR, ignore_errors=True)
    return Batch(ordered, plans)


def default_workers() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
