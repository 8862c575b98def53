"""`make bench`: how fast planextract is, and how much memory it takes, against its baselines.

On the same pages, each measurement runs in a fresh subprocess (a small wrapper that
starts the command, waits for it and reads its peak resident memory from
`resource.getrusage(RUSAGE_CHILDREN)`), and is repeated: warm-up runs (`--warm-up`, default
1), discarded, then N measured runs (default 5). The rows are interleaved round by round, so the ratio of
planextract (pdfplumber engine) to each other row is taken pair by pair (run i against
run i of the other row) and its median reported.

Rows, per set of PDFs:
- planextract end to end (`planextract extract FILES --out TMP --quiet --engine E`, with
  `--workers 1` when the command has it, so that it runs in one process like the baselines),
  pdfplumber and camelot engines;
- baselines, each a `python -c` script over all pages: pdfplumber `page.extract_tables()`;
  camelot lattice with its default engine; camelot lattice `engine="vector"`; and the
  floor, pypdfium2 reading every character and its box;
- the process start-up, `planextract --help`.

Sets: the hand-made samples (every `samples/*.pdf` but the generated long plan), the
long plan (`samples/long-plan-300-actions.pdf`, built by `samples/long_plan.py` when
absent) and the matrix of layout variants (every PDF under `--matrix`, default
`variants`; skipped with a note when there is none). Each set's table is followed
by planextract's speed-up over each baseline side by side, its read stage (from
`--profile`) against the floor, and the peak memory of each. A batch of all
`samples/*.pdf` is timed with `--workers 1` and `--workers 2` when `planextract extract --help` lists `--workers`.
The matrix set is measured `--matrix-runs` times (default 1) with no warm-up: a round of its
pages takes about twelve minutes, most of it camelot's. Memory against pages: planextract
on the long plan cut to its first 15 pages, whole (61) and repeated four times (244 pages).

Every measurement has a timeout; a failing or timed-out one is reported as such in the
table and not repeated. The Markdown table goes to `bench/results.md` and stdout.

Run: `make bench`, or `.venv/bin/python bench/bench.py [--runs N] [--warm-up N] [--timeout S]
[--only samples|long|matrix] [--matrix DIR] [--matrix-runs N]`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SAMPLES = REPO / "samples"
LONG_PLAN = SAMPLES / "long-plan-300-actions.pdf"
MATRIX = SAMPLES.parent / "variants"
PYTHON = sys.executable
PLANEXTRACT = str(Path(PYTHON).parent / "planextract")
RESULTS = BENCH / "results.md"
REFERENCE = "planextract, pdfplumber engine"
FLOOR = "baseline: floor: pypdfium2 chars + boxes"
MEMORY_LENGTHS = (15, 61, 244)  # pages: the long plan's first 15, itself, itself four times over

# Runs one command, prints one JSON line: wall seconds, peak RSS (KiB), exit status, the
# command's own "work seconds" when its last stdout line is JSON holding them, and an error.
WRAPPER = r"""
import json, os, resource, signal, subprocess, sys, time
timeout, command = float(sys.argv[1]), sys.argv[2:]
result = {"ok": False, "exit": None, "wall": None, "work": None, "read": None, "rss_kib": None, "error": None}
started = time.perf_counter()
try:
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
except OSError as error:
    result["error"] = f"could not start: {error}"
    print(json.dumps(result)); sys.exit(0)
try:
    out, err = child.communicate(timeout=timeout)
except subprocess.TimeoutExpired:
    os.killpg(child.pid, signal.SIGKILL)
    child.communicate()
    result["error"] = f"timeout after {timeout:g} s"
    print(json.dumps(result)); sys.exit(0)
result["wall"] = time.perf_counter() - started
result["rss_kib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
lines = out.strip().splitlines()
if lines:
    try:
        result["work"] = json.loads(lines[-1]).get("work")
    except (ValueError, AttributeError):
        pass
for line in err.splitlines():  # planextract --profile: "read  SECONDS  MS/PAGE  SHARE"
    if line.split()[:1] == ["read"]:
        result["read"] = float(line.split()[1])
result["exit"] = child.returncode
if child.returncode == 0:
    result["ok"] = True
else:
    tail = next((line for line in reversed(err.strip().splitlines()) if line.split()[:1] != ["total"]), "no message")
    result["error"] = f"exit {child.returncode}: {tail[:200]}"
print(json.dumps(result))
"""

# The baselines: each reads every page of the PDFs named on its command line and prints
# {"work": seconds after the imports, "pages": n} as its last line.
BASELINE_HEAD = """
import json, sys, time
started = time.perf_counter()
"""
BASELINE_TAIL = """
print(json.dumps({"work": time.perf_counter() - started, "pages": pages}))
"""
BASELINES = {
    "pdfplumber extract_tables()": """
import pdfplumber
started = time.perf_counter()
pages = 0
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
            pages += 1
""",
    "camelot lattice (default engine)": """
import camelot
started = time.perf_counter()
for path in sys.argv[1:]:
    camelot.read_pdf(path, pages="all", flavor="lattice")
pages = None
""",
    'camelot lattice engine="vector"': """
import camelot
started = time.perf_counter()
for path in sys.argv[1:]:
    camelot.read_pdf(path, pages="all", flavor="lattice", engine="vector")
pages = None
""",
    "floor: pypdfium2 chars + boxes": """
import pypdfium2
started = time.perf_counter()
pages = 0
for path in sys.argv[1:]:
    pdf = pypdfium2.PdfDocument(path)
    for index in range(len(pdf)):
        page = pdf[index]
        text_page = page.get_textpage()
        count = text_page.count_chars()
        text = text_page.get_text_range()
        boxes = [text_page.get_charbox(i) for i in range(count)]
        text_page.close()
        page.close()
        pages += 1
    pdf.close()
""",
}


@dataclass
class Run:
    ok: bool
    exit: int | None = None
    wall: float | None = None
    work: float | None = None
    read: float | None = None  # planextract's read stage, from --profile
    rss_kib: int | None = None
    error: str | None = None
    failed_inputs: int = 0  # planextract: inputs the manifest says failed (the run still counts)
    inputs: int = 0


@dataclass
class Measurement:
    """One row: a command factory (given a fresh temporary folder) and its runs."""

    name: str
    command: Callable[[Path], list[str]]
    work_from_manifest: bool = False
    runs: list[Run] = field(default_factory=list)
    stopped: str | None = None  # why it was not repeated

    def measured(self) -> list[Run]:
        return [run for run in self.runs if run.ok]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def page_count(paths: list[Path]) -> int:
    import pypdfium2

    total = 0
    for path in paths:
        pdf = pypdfium2.PdfDocument(str(path))
        total += len(pdf)
        pdf.close()
    return total


def read_manifest(out: Path) -> tuple[float, int, int] | None:
    """planextract's manifest: the seconds over all inputs, the inputs and those that failed; None if unreadable."""
    try:
        entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["inputs"]
        return (sum(float(entry["seconds"]) for entry in entries), len(entries),
                sum(entry["status"] == "failed" for entry in entries))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def run_once(measurement: Measurement, timeout: float) -> Run:
    """One run of the measurement in a fresh wrapper process."""
    with tempfile.TemporaryDirectory(prefix="planextract-bench-") as work:
        command = measurement.command(Path(work))
        try:
            done = subprocess.run(
                [PYTHON, "-c", WRAPPER, str(timeout), *command],
                capture_output=True, text=True, timeout=timeout + 60, cwd=REPO,
            )
            result = json.loads(done.stdout.strip().splitlines()[-1])
        except subprocess.TimeoutExpired:
            return Run(ok=False, error=f"wrapper timeout after {timeout + 60:g} s")
        except (ValueError, IndexError):
            return Run(ok=False, error=f"wrapper failed: {(done.stderr.strip().splitlines() or ['?'])[-1][:200]}")
        run = Run(**result)
        manifest = read_manifest(Path(work) / "out") if measurement.work_from_manifest else None
        if manifest is not None and run.exit in (0, 1):
            # exit 1: some inputs failed (a layout planextract cannot read yet); it read them all
            run.ok, run.error = True, None
            run.work, run.inputs, run.failed_inputs = manifest
        return run


def measure(measurements: list[Measurement], runs: int, timeout: float, warm_up: int) -> None:
    """`warm_up` rounds, then `runs` rounds, each running every measurement once, in order."""
    for round_number in range(1 - warm_up, runs + 1):
        label = "warm-up" if round_number <= 0 else f"run {round_number}/{runs}"
        for measurement in measurements:
            if measurement.stopped:
                continue
            run = run_once(measurement, timeout)
            if round_number > 0:
                measurement.runs.append(run)
            shown = f"{run.wall:.2f} s, {run.rss_kib / 1024:.0f} MiB" if run.ok else f"FAILED: {run.error}"
            log(f"  [{label}] {measurement.name}: {shown}")
            if not run.ok:
                measurement.stopped = run.error


def planextract_command(paths: list[Path], *options: str):
    return lambda work: [PLANEXTRACT, "extract", *map(str, paths), "--out", str(work / "out"), "--quiet", *options]


def baseline_command(script: str, paths: list[Path]):
    return lambda work: [PYTHON, "-c", BASELINE_HEAD + script + BASELINE_TAIL, *map(str, paths)]


def median_or_none(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def pair_ratio(reference: Measurement, other: Measurement, attribute: str) -> float | None:
    """Median over rounds of reference/other, for the rounds where both ran."""
    ratios = []
    for mine, theirs in zip(reference.runs, other.runs):
        a, b = getattr(mine, attribute), getattr(theirs, attribute)
        if mine.ok and theirs.ok and a and b:
            ratios.append(a / b)
    return median_or_none(ratios)


def number(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def status_of(measurement: Measurement) -> str | None:
    """A failure note for the row, or None when it has measured runs and no failure."""
    failing = max(measurement.measured(), key=lambda run: run.failed_inputs, default=None)
    if failing is not None and failing.failed_inputs and not measurement.stopped:
        return f"({failing.failed_inputs} of {failing.inputs} inputs failed: not yet read; timed all the same)"
    if measurement.stopped:
        done = len(measurement.measured())
        return f"**failed** ({measurement.stopped}; {done} measured run{'s' if done != 1 else ''})"
    if not measurement.measured():
        return "**no measured run**"
    return None


def set_table(
    title: str, pages: int, measurements: list[Measurement], startup: Measurement | None, paths: list[Path],
) -> list[str]:
    reference = next(m for m in measurements if m.name == REFERENCE)
    lines = [
        f"### {title}",
        "",
        f"Files: {', '.join(path.name for path in paths)}.",
        "",
        "| measurement | ms/page, wall (median) | ms/page, work (median) | peak RSS MiB (median) "
        "| planextract ÷ this, wall | planextract ÷ this, work | runs |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for measurement in measurements:
        runs = measurement.measured()
        wall = median_or_none([r.wall * 1000 / pages for r in runs if r.wall is not None])
        work = median_or_none([r.work * 1000 / pages for r in runs if r.work is not None])
        rss = median_or_none([r.rss_kib / 1024 for r in runs if r.rss_kib is not None])
        if measurement is reference:
            ratio_wall = ratio_work = "1 (reference)"
        else:
            ratio_wall = number(pair_ratio(reference, measurement, "wall"), 2)
            ratio_work = number(pair_ratio(reference, measurement, "work"), 2)
        note = status_of(measurement)
        name = measurement.name + (f" {note}" if note else "")
        lines.append(
            f"| {name} | {number(wall)} | {number(work)} | {number(rss, 0)} | {ratio_wall} | {ratio_work} "
            f"| {len(runs)} |"
        )
    if startup is not None:
        runs = startup.measured()
        wall = median_or_none([r.wall * 1000 for r in runs if r.wall is not None])
        rss = median_or_none([r.rss_kib / 1024 for r in runs if r.rss_kib is not None])
        note = status_of(startup)
        lines.append(
            f"| {startup.name} ({number(wall, 0)} ms per process){f' {note}' if note else ''} "
            f"| {number(wall / pages if wall else None)} | | {number(rss, 0)} | | | {len(runs)} |"
        )
    return [*lines, ""]


def speedup_table(pages: int, measurements: list[Measurement]) -> list[str]:
    """planextract's speed-up over each baseline side by side (this ÷ planextract), its read stage, and memory."""
    reference = next(m for m in measurements if m.name == REFERENCE)
    baselines = [m for m in measurements if m.name.startswith("baseline: ")]
    names = [m.name.removeprefix("baseline: ") for m in baselines]
    lines = [
        "planextract (pdfplumber engine, one process, start-up included) against each baseline: how many times "
        "faster it is (median of per-round ratios this ÷ planextract; above 1 = planextract faster), and peak RSS.",
        "",
        "| | " + " | ".join(names) + " |",
        "|---|" + "--:|" * len(names),
    ]
    for attribute, label in (("wall", "times faster, wall"), ("work", "times faster, work")):
        cells = []
        for baseline in baselines:
            ratio = pair_ratio(reference, baseline, attribute)
            cells.append(number(1 / ratio if ratio else None, 2))
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    rss = [median_or_none([r.rss_kib / 1024 for r in m.measured() if r.rss_kib is not None]) for m in baselines]
    mine = median_or_none([r.rss_kib / 1024 for r in reference.measured() if r.rss_kib is not None])
    lines.append(f"| peak RSS MiB (planextract: {number(mine, 0)}) | " + " | ".join(number(v, 0) for v in rss) + " |")
    read = median_or_none([r.read * 1000 / pages for r in reference.measured() if r.read is not None])
    floor = next((m for m in baselines if m.name == FLOOR), None)
    floor_runs = floor.measured() if floor else []
    floor_work = median_or_none([r.work * 1000 / pages for r in floor_runs if r.work is not None])
    times = f"{read / floor_work:.2f} times" if read and floor_work else "n/a"
    lines += ["", f"Read stage (planextract `--profile`): {number(read)} ms/page; the floor's work: "
              f"{number(floor_work)} ms/page; read ÷ floor: {times}.", ""]
    return lines


def batch_table(pages: int, files: int, batch: list[Measurement], note: str | None) -> list[str]:
    lines = [f"### Batch of all samples/*.pdf ({files} PDFs, {pages} pages), pdfplumber engine", ""]
    if note:
        return [*lines, note, ""]
    lines += [
        "Peak RSS is that of the largest single process (RUSAGE_CHILDREN's maximum), not the sum over workers.",
        "",
        "| measurement | s per batch, wall (median) | ms/page, wall (median) | peak RSS MiB of one process (median) "
        "| speed-up over --workers 1 (median of pairs) | runs |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for measurement in batch:
        runs = measurement.measured()
        wall = median_or_none([r.wall for r in runs if r.wall is not None])
        rss = median_or_none([r.rss_kib / 1024 for r in runs if r.rss_kib is not None])
        speedup = "1 (reference)" if measurement is batch[0] else number(pair_ratio(batch[0], measurement, "wall"), 2)
        note_text = status_of(measurement)
        lines.append(
            f"| {measurement.name}{f' {note_text}' if note_text else ''} | {number(wall, 2)} "
            f"| {number(wall * 1000 / pages if wall else None)} | {number(rss, 0)} | {speedup} | {len(runs)} |"
        )
    return [*lines, ""]


def long_plan_lengths(folder: Path) -> list[tuple[int, Path]]:
    """The long plan cut and repeated into plans of MEMORY_LENGTHS pages (its first pages, itself, itself over)."""
    import pypdfium2

    source = pypdfium2.PdfDocument(str(LONG_PLAN))
    made = []
    try:
        for length in MEMORY_LENGTHS:
            plan = pypdfium2.PdfDocument.new()
            while len(plan) < length:
                plan.import_pages(source, list(range(min(len(source), length - len(plan)))))
            path = folder / f"long-plan-{length}-pages.pdf"
            plan.save(str(path))
            plan.close()
            made.append((length, path))
    finally:
        source.close()
    return made


def measure_memory(runs: int, timeout: float, warm_up: int, single_process: list[str]) -> list[str]:
    """planextract's peak memory and time on the long plan at MEMORY_LENGTHS pages: flat in pages or not."""
    lines = ["### Memory against pages: the long plan cut and repeated, pdfplumber engine, one process", ""]
    with tempfile.TemporaryDirectory(prefix="planextract-bench-pages-") as folder:
        lengths = long_plan_lengths(Path(folder))
        rows = [
            Measurement(f"{length} pages", planextract_command([path], "--engine", "pdfplumber", *single_process),
                        work_from_manifest=True)
            for length, path in lengths
        ]
        log(f"memory against pages: {', '.join(str(length) for length, _ in lengths)}")
        measure(rows, runs, timeout, warm_up)
    lines += [
        "| plan | peak RSS MiB (median) | more than the shortest, MiB per added page | ms/page, wall (median) | runs |",
        "|---|--:|--:|--:|--:|",
    ]
    first = None
    for (length, _), row in zip(lengths, rows):
        measured = row.measured()
        rss = median_or_none([r.rss_kib / 1024 for r in measured if r.rss_kib is not None])
        wall = median_or_none([r.wall * 1000 / length for r in measured if r.wall is not None])
        first = first or (length, rss)
        growth = (rss - first[1]) / (length - first[0]) if rss and first[1] and length > first[0] else None
        note = status_of(row)
        lines.append(
            f"| {row.name}{f' {note}' if note else ''} | {number(rss, 0)} | {number(growth, 3)} | {number(wall)} "
            f"| {len(measured)} |"
        )
    return [*lines, ""]


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"Python {platform.python_version()}"]
    for package in ("planextract", "pdfplumber", "pdfminer.six", "camelot-py", "pypdfium2", "opencv-python-headless",
                    "numpy", "pydantic"):
        try:
            parts.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            continue
    try:
        import pypdfium2.version

        parts.append(f"PDFium {pypdfium2.version.PDFIUM_INFO}")
    except (ImportError, AttributeError):
        pass
    return ", ".join(parts)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def ensure_long_plan(timeout: float) -> str | None:
    """Build the long plan when it is absent; an error note when that fails."""
    if LONG_PLAN.exists():
        return None
    log(f"{LONG_PLAN.relative_to(REPO)} is absent: building it with samples/long_plan.py")
    try:
        done = subprocess.run(
            [PYTHON, str(SAMPLES / "long_plan.py")], capture_output=True, text=True, timeout=timeout, cwd=REPO,
        )
    except subprocess.TimeoutExpired:
        return f"building the long plan timed out after {timeout:g} s"
    if done.returncode != 0 or not LONG_PLAN.exists():
        return f"building the long plan failed: {(done.stderr.strip().splitlines() or ['?'])[-1][:200]}"
    return None


def workers_supported() -> bool:
    try:
        done = subprocess.run([PLANEXTRACT, "extract", "--help"], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "--workers" in done.stdout


def set_measurements(paths: list[Path], single_process: list[str]) -> list[Measurement]:
    return [
        Measurement(REFERENCE, planextract_command(paths, "--engine", "pdfplumber", "--profile", *single_process),
                    work_from_manifest=True),
        Measurement("planextract, camelot engine", planextract_command(paths, "--engine", "camelot", *single_process),
                    work_from_manifest=True),
        *(Measurement(f"baseline: {name}", baseline_command(script, paths)) for name, script in BASELINES.items()),
    ]


def measure_batch(
    everything: list[Path], pages: int, runs: int, timeout: float, warm_up: int, workers: bool
) -> list[str]:
    """All samples in one batch with --workers 1 and 2, when the command has --workers."""
    if not workers:
        return batch_table(pages, len(everything), [], "skipped: `planextract extract --help` lists no "
                           "`--workers` option in this version.")
    batch = [
        Measurement(f"--workers {n}", planextract_command(everything, "--workers", str(n)), work_from_manifest=True)
        for n in (1, 2)
    ]
    log(f"batch: {len(everything)} PDFs, {pages} pages")
    measure(batch, runs, timeout, warm_up)
    return batch_table(pages, len(everything), batch, None)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Time planextract and its baselines on the sample PDFs.")
    parser.add_argument("--runs", type=int, default=5, help="measured runs per row, after the warm-up (default 5)")
    parser.add_argument("--warm-up", type=int, default=1, help="discarded runs per row before those (default 1)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds allowed per measurement (default 900)")
    parser.add_argument("--only", choices=("samples", "long", "matrix"), help="measure one set only (no batch)")
    parser.add_argument("--matrix", type=Path, default=MATRIX,
                        help="folder of the layout variants' PDFs, searched recursively (default variants)")
    parser.add_argument("--matrix-runs", type=int, default=1,
                        help="measured runs of the matrix set, with no warm-up (default 1: a round of its 920 pages "
                        "takes about 12 minutes, most of it camelot's)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where to write the Markdown (bench/results.md)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warm_up < 0 or args.matrix_runs < 1:
        parser.error("--runs and --matrix-runs must be at least 1, --warm-up at least 0")

    started = datetime.now(UTC)
    long_note = ensure_long_plan(args.timeout) if args.only in (None, "long") else None
    samples = sorted(p for p in SAMPLES.glob("*.pdf") if p.resolve() != LONG_PLAN.resolve())
    sets: list[tuple[str, list[Path]]] = []
    if args.only != "long":
        sets.append(("samples", samples))
    if args.only in (None, "long") and LONG_PLAN.exists():
        sets.append(("long plan", [LONG_PLAN]))
    if args.only in (None, "matrix"):
        sets.append((f"matrix ({args.matrix})", sorted(args.matrix.rglob("*.pdf")) if args.matrix.is_dir() else []))

    # planextract converts files in parallel when it can (--workers, default the core count): the
    # per-set rows run it in one process, like the baselines; the batch table measures the parallel case.
    workers = workers_supported()
    single_process = ["--workers", "1"] if workers else []
    startup = Measurement("process start-up, `planextract --help`", lambda work: [PLANEXTRACT, "--help"])
    log(f"start-up: {startup.name}")
    measure([startup], args.runs, args.timeout, args.warm_up)

    report = [
        "# planextract benchmark",
        "",
        f"- date: {started:%Y-%m-%d %H:%M} UTC; machine: {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores ({cpu_model()})",
        f"- versions: {versions()}",
        f"- method: each measurement a fresh subprocess; {args.warm_up} warm-up run(s) discarded, then {args.runs} "
        f"measured run(s) (the matrix set: {args.matrix_runs}, no warm-up), "
        "rows interleaved round by round; medians; ratios are medians of per-round pairs; peak RSS from "
        f"getrusage(RUSAGE_CHILDREN); timeout {args.timeout:g} s per measurement",
        "- wall = the whole process (interpreter start, imports, reading, writing); work = the timed part inside "
        "it (planextract: the manifest's seconds per input; baselines: after their imports)",
        "- planextract rows of the sets: "
        + ("`--workers 1` (one process, like the baselines)" if workers else "no `--workers` option (one process)"),
        "",
    ]
    for name, paths in sets:
        if not paths:
            report += [f"### {name}", "", "not measured: no PDFs found", ""]
            continue
        try:
            pages = page_count(paths)
        except Exception as error:  # a file gone or unreadable: report it, measure the rest
            report += [f"### {name}", "", f"not measured: cannot count the pages: {error}", ""]
            continue
        plural = "s" if len(paths) != 1 else ""
        title = f"{name}: {len(paths)} PDF{plural}, {pages} pages"
        log(f"set {title}")
        measurements = set_measurements(paths, single_process)
        is_matrix = name.startswith("matrix")
        measure(measurements, args.matrix_runs if is_matrix else args.runs, args.timeout,
                0 if is_matrix else args.warm_up)
        report += set_table(title, pages, measurements, startup, paths)
        report += speedup_table(pages, measurements)
    if long_note:
        report += ["### long plan", "", f"not measured: {long_note}", ""]
    elif args.only in (None, "long"):
        report += measure_memory(args.runs, args.timeout, args.warm_up, single_process)

    if args.only is None:
        everything = sorted(SAMPLES.glob("*.pdf"))
        try:
            pages = page_count(everything)
        except Exception as error:
            report += ["### Batch of all samples/*.pdf", "", f"not measured: cannot count the pages: {error}", ""]
        else:
            report += measure_batch(everything, pages, args.runs, args.timeout, args.warm_up, workers)

    text = "\n".join(report).rstrip() + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    log(f"written to {args.out} in {(datetime.now(UTC) - started).total_seconds():.0f} s")
    return 0


if __name__ == "__main__":
    if shutil.which(PLANEXTRACT) is None and not Path(PLANEXTRACT).exists():
        print(f"bench: {PLANEXTRACT} not found; run `make install` first", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
