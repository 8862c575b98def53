"""The `planextract` command: extract, audit, diff, report, schema.

I/O lives here: the options, the progress bar, one line per failed input and per plan
with warnings on stderr, the closing summary, and the exit status (0 all ok, 1 some
input failed or the audit is below --min-accuracy, 2 a usage or environment error,
130 interrupted). No traceback reaches the user without --debug. The heavy libraries
are imported only by the subcommand that needs them, so `planextract --help` starts fast.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from extract.errors import UsageError

if TYPE_CHECKING:
    from tqdm import tqdm

    from extract.batch import FileResult

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
PASSWORD_VARIABLE = "PLANEXTRACT_PASSWORD"

DESCRIPTION = """\
Turn UK council improvement plans and action plans (PDF) into validated JSON and CSV.

  planextract extract plans/ --out output/         convert PDFs (files, folders, quoted globs)
  planextract report plans/ --out report/          an HTML page per plan, values drawn on the pages
  planextract diff old.pdf new.pdf                 what changed between two editions
  planextract audit --gold samples --pred output   accuracy against hand-checked gold
  planextract schema                               print the output JSON Schema

Exit status: 0 done, 1 some input failed, 2 usage error, 130 interrupted.
"""


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM: a BaseException, so that no `except Exception` on the way swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class DefaultsFormatter(argparse.HelpFormatter):
    """Help that states each option's default (options whose default is "none" say what happens instead)."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        if action.default in (None, False, argparse.SUPPRESS) or "default" in text or not action.option_strings:
            return text
        return f"{text} (default: %(default)s)"


class RawDefaultsFormatter(argparse.RawDescriptionHelpFormatter, DefaultsFormatter):
    """The top-level help: the description's examples kept as written."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


class VersionAction(argparse.Action):
    """--version: print the installed version, read from the package metadata only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> NoReturn:
        from extract import __version__

        sys.stdout.write(f"planextract {__version__}\n")
        parser.exit()


def option_value(
    convert: Callable[[str], float], kind: str, accepts: Callable[[float], bool], bound: str,
) -> Callable[[str], float]:
    """An argparse type: the text converted, reading as `kind`, its value one `accepts` (else "not `bound`")."""

    def parse(text: str) -> float:
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {kind}") from None
        if not accepts(value):
            raise argparse.ArgumentTypeError(f"{text} is not {bound}")
        return value

    return parse


positive_int = option_value(int, "a whole number", lambda value: value >= 1, "at least 1")
positive_seconds = option_value(
    float, "a number of seconds", lambda value: 0 < value < float("inf"), "a number of seconds above 0",
)
fraction_value = option_value(float, "a number", lambda value: 0 <= value <= 1, "between 0 and 1")


def common_options() -> Parser:
    """--quiet and --debug, which every subcommand takes."""
    options = Parser(add_help=False)
    options.add_argument("--quiet", action="store_true", help="print only errors: no progress bar, no summary")
    options.add_argument("--debug", action="store_true", help="print the full traceback of unexpected errors")
    return options


def reading_options() -> Parser:
    """How a PDF is read, the same for extract, report and diff."""
    options = Parser(add_help=False)
    options.add_argument(
        "--engine", choices=("pdfplumber", "camelot"), default="pdfplumber",
        help="how ruled tables are found: pdfplumber (fast) or camelot lattice (renders each page, slower)",
    )
    options.add_argument(
        "--reader", choices=("pdfium", "pdfplumber"), default="pdfium",
        help="how pages are read: pdfium (fast) or pdfplumber (the reference, about twice as slow; both give "
        "the same result on every sample)",
    )
    options.add_argument(
        "--password", help=f"password for encrypted PDFs (default: the --password-file, else ${PASSWORD_VARIABLE})",
    )
    options.add_argument(
        "--password-file", type=Path, metavar="FILE",
        help="read the password from the first line of FILE (keeps it out of the shell history; default: none)",
    )
    options.add_argument(
        "--ocr", action="store_true",
        help="run OCR (OCRmyPDF with Tesseract) on PDFs that have no text layer (scans), then read them as usual "
        "(default: off, such PDFs fail)",
    )
    return options


def build_parser() -> argparse.ArgumentParser:
    """The command line: the subcommands, their options and help."""
    common, reading = common_options(), reading_options()
    parser = Parser(prog="planextract", description=DESCRIPTION, formatter_class=RawDefaultsFormatter)
    parser.add_argument("--version", action=VersionAction, help="show the installed version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str, description: str, parents: Sequence[argparse.ArgumentParser]):
        """A subcommand's parser, stating its options' defaults."""
        return commands.add_parser(
            name, help=help_text, description=description, parents=parents, formatter_class=DefaultsFormatter,
        )

    extract = command(
        "extract", "convert plan PDFs into NAME.json and NAME.actions.csv",
        "Convert each PDF into OUT/NAME.json (one Plan) and OUT/NAME.actions.csv (one row per action). The "
        "folder's actions.csv, manifest.json (and Parquet files and plans.duckdb) cover every plan in it, the "
        "ones converted now and the ones already there, so batch after batch can go into one folder. A bad input "
        "is reported on stderr and in the manifest, and the batch goes on. At the end, one line per plan with "
        "warnings or with words of its table left out, then a summary line. Exit status: 0 all inputs "
        "converted, 1 some failed, 2 usage error, 130 interrupted (Ctrl-C; what finished is kept).",
        [reading, common],
    )
    extract.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH",
        help="PDF files, folders searched recursively for *.pdf, or quoted globs such as 'plans/*.pdf'",
    )
    extract.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder (created if missing)")
    extract.add_argument(
        "--workers", type=positive_int, metavar="N",
        help="files converted at once, each in its own process (default: the number of cores)",
    )
    extract.add_argument(
        "--timeout", type=positive_seconds, metavar="S",
        help="give up on a file after S seconds; it fails and the batch goes on (default: no limit)",
    )
    extract.add_argument(
        "--skip-existing", action="store_true",
        help="skip inputs whose NAME.json in DIR is complete and of the same file, same sha256 (default: off)",
    )
    extract.add_argument(
        "--executor", choices=("local", "dask"), default="local",
        help="local: this machine (a process pool of --workers); dask: a Dask distributed cluster (--scheduler)",
    )
    extract.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: none)",
    )
    extract.add_argument(
        "--format", default="json,csv", metavar="FORMATS",
        help="outputs, comma-separated: json and csv always; parquet (plans/findings/actions.parquet) and "
        "duckdb (plans.duckdb with plans, findings, actions and action_leads tables) for analysis",
    )
    extract.add_argument(
        "--excel", action="store_true",
        help="write the CSV files with a UTF-8 byte order mark, so that Excel shows accents and fractions "
        "(default: plain UTF-8)",
    )
    extract.add_argument(
        "--profile", action="store_true",
        help="print the time spent in each stage (read, tables, stitch, items, fields, write) on stderr "
        "(default: off)",
    )

    audit = command(
        "audit", "score extracted plans against hand-checked gold plans",
        "Compare PRED/NAME.json with GOLD/NAME.gold.json for every gold file, by the rules of AUDIT.md, and "
        "print actions precision/recall/F1 and per-field accuracy per document and pooled. Exit status: 0, 1 "
        "below --min-accuracy, 2 a folder missing or holding no plans.",
        [common],
    )
    audit.add_argument("--gold", type=Path, required=True, metavar="DIR", help="folder of NAME.gold.json files")
    audit.add_argument("--pred", type=Path, required=True, metavar="DIR", help="folder of extracted NAME.json files")
    audit.add_argument(
        "--min-accuracy", type=fraction_value, metavar="X",
        help="exit 1 when the pooled actions F1 or any field's pooled accuracy is below X, 0 to 1 (default: none)",
    )
    audit.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", dest="output_format",
        help="table for people; json (documents and pooled figures) or csv (one row per document and measure) "
        "for programs",
    )
    audit.add_argument(
        "--details", action="store_true",
        help="list every wrong field with gold and extracted values (table format; default: off)",
    )

    command("schema", "print the JSON Schema of the output", "Print the JSON Schema of a Plan.", [common])

    diff = command(
        "diff", "what changed between two editions of a plan",
        "Match the actions of two editions of a plan (PDFs or NAME.json outputs) and report actions added and "
        "removed, status changes, due dates moved (slippage in days) and progress changes.",
        [reading, common],
    )
    diff.add_argument("old", type=Path, metavar="OLD", help="the earlier edition: a plan PDF or its NAME.json")
    diff.add_argument("new", type=Path, metavar="NEW", help="the later edition: a plan PDF or its NAME.json")
    diff.add_argument(
        "--out", type=Path, metavar="DIR", help="also write DIR/diff.json and DIR/diff.csv (default: print only)",
    )

    report = command(
        "report", "an HTML report per plan with the values drawn on the pages",
        "Write DIR/NAME.html per plan (its pages with every action's cells outlined, the records, warnings, "
        "charts by status, lead and due date, overdue actions) and DIR/index.html. No network needed. With "
        "--from, a plan already extracted into that folder (same file, same sha256) is shown as it was "
        "extracted instead of being read again.",
        [reading, common],
    )
    report.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH",
        help="PDF files, folders searched recursively for *.pdf, or quoted globs",
    )
    report.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder for NAME.html and index.html (created if "
        "missing)",
    )
    report.add_argument(
        "--from", type=Path, dest="extracted", metavar="DIR",
        help="an extract output folder whose NAME.json plans are reused (default: every plan is read)",
    )
    report.add_argument(
        "--gold", type=Path, metavar="DIR",
        help="folder of NAME.gold.json files: makes it an audit report, with the per-field accuracy and every "
        "wrong field in red (default: none)",
    )
    return parser


def password_of(args: argparse.Namespace) -> str | None:
    """The password from --password, else the first line of --password-file, else $PLANEXTRACT_PASSWORD."""
    if args.password is not None:
        return args.password
    if args.password_file is not None:
        try:
            lines = args.password_file.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise UsageError(f"--password-file {args.password_file}: {error.strerror or error}") from None
        return lines[0] if lines else ""
    return os.environ.get(PASSWORD_VARIABLE) or None


def reading_settings(args: argparse.Namespace) -> dict[str, object]:
    """The reading options as the keyword arguments of ExtractSettings."""
    return {"engine": args.engine, "reader": args.reader, "password": password_of(args), "ocr": args.ocr}


def progress_bar(total: int) -> tqdm:
    """The batch's progress bar on stderr; tqdm is imported only when a bar shows (not with --quiet or no terminal)."""
    from tqdm import tqdm

    return tqdm(total=total, unit="pdf", file=sys.stderr, dynamic_ncols=True)


def preload_pipeline() -> None:
    """Load the modules every file needs, then freeze what they made out of the cyclic collector.

    Those objects live until the process ends. Frozen, no collection walks them again,
    neither during the batch nor at exit (about a twentieth of a second a process), and
    workers forked from this process start with them loaded. For the command's own process
    only: a library caller's objects are not ours to freeze.
    """
    for module in ("extract.pipeline", "extract.writers"):
        importlib.import_module(module)
    gc.freeze()


def run_extract(args: argparse.Namespace) -> int:
    """`planextract extract`: convert the inputs into the output folder; the exit status."""
    from extract.batch import BatchSettings, default_workers, run_batch, run_dask, run_pool, run_serial
    from extract.exports import parse_formats
    from extract.inputs import find_inputs, usable_folder

    if args.executor == "dask" and not args.scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS")
    try:
        formats = parse_formats(args.format)
    except ValueError as error:
        raise UsageError(str(error)) from None
    inputs = find_inputs(args.paths)
    out = usable_folder(args.out)
    settings = BatchSettings(**reading_settings(args), timeout=args.timeout, debug=args.debug, excel=args.excel)
    workers = min(args.workers or default_workers(), len(inputs))
    executor = run_dask(args.scheduler) if args.executor == "dask" else (
        run_pool(workers) if workers > 1 else run_serial
    )
    bar = progress_bar(len(inputs)) if sys.stderr.isatty() and not args.quiet else None
    preload_pipeline()  # after the bar: it shows at once

    def finished(result: FileResult) -> None:
        """Advance the bar and print a failed input's line (above the bar)."""
        if bar is not None:
            bar.update()
        if result.status == "failed":
            (bar.write if bar is not None else print)(f"planextract: {result.error}", file=sys.stderr)

    with bar if bar is not None else contextlib.nullcontext():
        batch = run_batch(
            inputs, out, settings, executor, formats=formats, skip_existing=args.skip_existing,
            on_next=None if bar is None else lambda path: bar.set_postfix_str(path.name, refresh=True),
            on_result=finished,
        )
    if not args.quiet:
        for line in [*plan_lines(batch.results), summary_line(batch.results, out, len(batch.plans))]:
            print(line, file=sys.stderr)
    if args.profile:
        print(profile_table(batch.results), file=sys.stderr)
    return EXIT_FAILED if any(r.status == "failed" for r in batch.results) else EXIT_OK


def plan_lines(results: Sequence[FileResult]) -> list[str]:
    """One line per plan with warnings or with words of its table left out (coverage below 1)."""
    lines = []
    for result in results:
        incomplete = result.coverage is not None and result.coverage < 1.0
        if result.status == "failed" or not (result.warnings or incomplete):
            continue
        coverage = "coverage not measured" if result.coverage is None else f"coverage {result.coverage:.1%}"
        count = f"{result.warnings} warning{'s' if result.warnings != 1 else ''}"
        lines.append(f"planextract: {result.path}: {coverage}, {count} (see {result.name}.json)")
    return lines


def summary_line(results: Sequence[FileResult], out: Path, plans: int) -> str:
    """The closing line: "12 converted, 1 failed, 3 with warnings; output in DIR (15 plans)"."""
    counts = {status: sum(r.status == status for r in results) for status in ("ok", "skipped", "failed")}
    warned = sum(1 for r in results if r.status != "failed" and r.warnings)
    parts = [f"{counts['ok']} converted"] + (
        [f"{counts['skipped']} skipped (already done)"] if counts["skipped"] else []
    ) + [f"{counts['failed']} failed", f"{warned} with warnings"]
    return f"{', '.join(parts)}; output in {out} ({plans} plan{'s' if plans != 1 else ''})"


def profile_table(results: Sequence[FileResult]) -> str:
    """Seconds and milliseconds per page in each stage, added up over the converted files."""
    from extract.pipeline import STAGES

    pages = sum(r.pages for r in results) or 1
    totals: dict[str, float] = {}
    for result in results:
        for stage, seconds in result.stage_seconds.items():
            totals[stage] = totals.get(stage, 0.0) + seconds
    whole = sum(totals.values()) or 1.0
    lines = [f"{'stage':<8} {'seconds':>8} {'ms/page':>8} {'share':>6}"]
    for name in (s for s in (*STAGES, "ocr") if s in totals):
        lines.append(f"{name:<8} {totals[name]:>8.3f} {1000 * totals[name] / pages:>8.1f} {totals[name] / whole:>6.0%}")
    lines.append(f"{'total':<8} {whole:>8.3f} {1000 * whole / pages:>8.1f} {'':>6}  ({pages} pages)")
    return "\n".join(lines)


def run_audit(args: argparse.Namespace) -> int:
    """`planextract audit`: score the extracted plans against the gold; the exit status."""
    from extract import audit
    from extract.inputs import readable_folder

    folders = audit.score_folders(readable_folder(args.gold, "--gold"), readable_folder(args.pred, "--pred"))
    for problem in folders.problems:
        print(f"planextract: {problem}", file=sys.stderr)
    sys.stdout.write(audit.formatted(folders.scores, args.output_format, details=args.details))
    lowest = audit.lowest_score(folders.scores)
    if args.min_accuracy is not None and lowest < args.min_accuracy:
        print(f"planextract: accuracy {lowest:.3f} is below --min-accuracy {args.min_accuracy}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def run_diff(args: argparse.Namespace) -> int:
    """`planextract diff`: what changed between two editions; the exit status."""
    from extract import diff

    return diff.run(args, reading_settings(args))


def run_report(args: argparse.Namespace) -> int:
    """`planextract report`: an HTML page per plan; the exit status."""
    from extract import report

    return report.run(args, reading_settings(args))


def run_schema(_: argparse.Namespace) -> int:
    """`planextract schema`: print the JSON Schema of a Plan."""
    from schemas.plan import json_schema_text

    sys.stdout.write(json_schema_text())
    return EXIT_OK


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "extract": run_extract, "audit": run_audit, "schema": run_schema, "diff": run_diff, "report": run_report,
}


def interrupt(signum: int, frame: object) -> None:
    """The handler of SIGINT and SIGTERM in the main process."""
    raise Interrupted(signum)


def main(argv: list[str] | None = None) -> int:
    """Run the command line `argv`; the exit status (no traceback without --debug)."""
    args = build_parser().parse_args(argv)
    previous = {signum: signal.signal(signum, interrupt) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        return HANDLERS[args.command](args)
    except UsageError as error:
        print(f"planextract: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Interrupted as stop:
        print(f"planextract: interrupted ({signal.Signals(stop.signum).name}); finished files are kept",
              file=sys.stderr)
        return 128 + stop.signum
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error when Python flushes
        return EXIT_FAILED
    except Exception as error:  # a bug: one line unless --debug
        if args.debug:
            traceback.print_exc()
        print(f"planextract: internal error ({type(error).__name__}: {error}); run with --debug for the details",
              file=sys.stderr)
        return EXIT_FAILED
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


if __name__ == "__main__":
    sys.exit(main())
