"""The `planextract` command: extract, audit, schema.

I/O lives here: finding the input files, the progress bar, one line per failed input
on stderr, the manifest, and the exit status (0 all ok, 1 some input failed or the audit
is below --min-accuracy, 2 usage). The heavy libraries are imported only by the
subcommand that needs them, so `planextract --help` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Turn UK council improvement plans and action plans (PDF) into validated JSON and CSV.

  planextract extract plans/ --out output/     convert PDFs (files or folders, recursive)
  planextract audit --gold samples --pred output   accuracy against hand-checked gold
  planextract schema                           print the output JSON Schema
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planextract", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser(
        "extract", help="convert plan PDFs into NAME.json and NAME.actions.csv",
        description="Convert each PDF into OUT/NAME.json (one Plan) and OUT/NAME.actions.csv (one row per "
        "action), plus OUT/actions.csv (all inputs' rows) and OUT/manifest.json (what happened to each "
        "input). A bad input is reported on stderr and in the manifest, and the batch goes on. Exit "
        "status: 0 all inputs converted, 1 some failed, 2 usage error.",
    )
    extract.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="PDF files, or folders searched recursively for *.pdf",
    )
    extract.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder (created if missing)")
    extract.add_argument(
        "--engine", choices=("pdfplumber", "camelot"), default="pdfplumber",
        help="how ruled tables are found: pdfplumber (default, fast) or camelot lattice",
    )
    extract.add_argument(
        "--reader", choices=("pdfium", "pdfplumber"), default="pdfium",
        help="how pages are read: pdfium (default, fast) or pdfplumber (the reference, about twice as slow; "
        "both give the same result on every sample)",
    )
    extract.add_argument("--password", help="password for encrypted PDFs")
    extract.add_argument(
        "--ocr", action="store_true",
        help="run OCR (OCRmyPDF with Tesseract) on PDFs that have no text layer (scans), then read them as usual",
    )
    extract.add_argument(
        "--workers", type=positive_int, metavar="N",
        help="files converted at once, each in its own process (default: the number of cores)",
    )
    extract.add_argument(
        "--timeout", type=float, metavar="S", help="give up on a file after S seconds (it fails; the batch goes on)",
    )
    extract.add_argument(
        "--skip-existing", action="store_true",
        help="skip inputs whose NAME.json in DIR is complete and of the same file (same sha256)",
    )
    extract.add_argument(
        "--executor", choices=("local", "dask"), default="local",
        help="local: this machine (process pool of --workers); dask: a Dask distributed cluster (--scheduler)",
    )
    extract.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    extract.add_argument(
        "--format", default="json,csv", metavar="FORMATS",
        help="outputs, comma-separated: json and csv always; parquet (plans/findings/actions.parquet) and "
        "duckdb (plans.duckdb with plans, findings, actions and action_leads tables) for analysis",
    )
    extract.add_argument(
        "--profile", action="store_true",
        help="print the time spent in each stage (read, tables, stitch, items, fields, write) on stderr",
    )
    extract.add_argument("--quiet", action="store_true", help="no progress bar even on a terminal")
    extract.add_argument("--debug", action="store_true", help="print the full traceback of unexpected errors")

    audit = commands.add_parser(
        "audit", help="score extracted plans against hand-checked gold plans",
        description="Compare PRED/NAME.json with GOLD/NAME.gold.json for every gold file, by the rules "
        "of AUDIT.md, and print actions precision/recall/F1 and per-field accuracy per document and pooled.",
    )
    audit.add_argument("--gold", type=Path, required=True, metavar="DIR", help="folder of NAME.gold.json files")
    audit.add_argument("--pred", type=Path, required=True, metavar="DIR", help="folder of extracted NAME.json files")
    audit.add_argument(
        "--min-accuracy", type=float, metavar="X",
        help="exit 1 when the pooled actions F1 or any field's pooled accuracy is below X (0 to 1)",
    )
    audit.add_argument("--details", action="store_true", help="list every wrong field with gold and extracted values")

    commands.add_parser(
        "schema", help="print the JSON Schema of the output", description="Print the JSON Schema of a Plan.",
    )

    diff = commands.add_parser(
        "diff", help="what changed between two editions of a plan",
        description="Match the actions of two editions of a plan (PDFs or NAME.json outputs) and report actions "
        "added and removed, status changes, due dates moved (slippage in days) and progress changes.",
    )
    diff.add_argument("old", type=Path, metavar="OLD", help="the earlier edition: a plan PDF or its NAME.json")
    diff.add_argument("new", type=Path, metavar="NEW", help="the later edition: a plan PDF or its NAME.json")
    diff.add_argument("--out", type=Path, metavar="DIR", help="also write DIR/diff.json and DIR/diff.csv")

    report = commands.add_parser(
        "report", help="an HTML report per plan with the values drawn on the pages",
        description="Write DIR/NAME.html per plan (its pages with every action's cells outlined, the records, "
        "warnings, charts by status, lead and due date, overdue actions) and DIR/index.html. No network needed.",
    )
    report.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="PDF files, or folders searched recursively for *.pdf",
    )
    report.add_argument(
        "--out", type=Path, required=True, metavar="DIR",
        help="folder for NAME.html and index.html (created if missing)",
    )
    report.add_argument(
        "--gold", type=Path, metavar="DIR",
        help="folder of NAME.gold.json files: adds the per-field accuracy and marks every wrong field in red",
    )
    return parser


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def find_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; folders searched recursively for PDFs (sorted); missing paths kept to fail clearly."""
    inputs: list[Path] = []
    for path in paths:
        if path.is_dir():
            inputs.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf"))
        else:
            inputs.append(path)
    return inputs


def run_extract(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from extract.batch import BatchSettings, FileResult, default_workers, run_batch, run_dask, run_pool, run_serial

    if args.executor == "dask" and not args.scheduler:
        print("planextract: --executor dask needs --scheduler ADDRESS", file=sys.stderr)
        return EXIT_USAGE
    from extract.exports import parse_formats

    try:
        formats = parse_formats(args.format)
    except ValueError as error:
        print(f"planextract: {error}", file=sys.stderr)
        return EXIT_USAGE
    inputs = find_inputs(args.paths)
    if not inputs:
        print("planextract: no PDF files found in the given paths", file=sys.stderr)
        return EXIT_FAILED
    settings = BatchSettings(
        engine=args.engine, reader=args.reader, password=args.password, ocr=args.ocr, timeout=args.timeout,
        debug=args.debug,
    )
    workers = min(args.workers or default_workers(), len(inputs))
    executor = run_dask(args.scheduler) if args.executor == "dask" else (
        run_pool(workers) if workers > 1 else run_serial
    )
    bar = tqdm(total=len(inputs), unit="pdf", disable=not (sys.stderr.isatty() and not args.quiet), file=sys.stderr)

    def report(result: FileResult) -> None:
        bar.update()
        if result.status == "failed":
            tqdm.write(f"planextract: {result.error}", file=sys.stderr)

    with bar:
        results = run_batch(inputs, args.out, settings, executor, skip_existing=args.skip_existing, on_result=report)
    if formats - {"json", "csv"}:
        from extract.exports import write_exports
        from schemas.plan import Plan

        plans = [
            Plan.model_validate_json((args.out / f"{r.name}.json").read_text(encoding="utf-8"))
            for r in results if r.status in ("ok", "skipped")
        ]
        write_exports(args.out, plans, formats)
    if args.profile:
        print(profile_table(results), file=sys.stderr)
    return EXIT_FAILED if any(r.status == "failed" for r in results) else EXIT_OK


def profile_table(results: list) -> str:
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
    from pydantic import ValidationError

    from extract.audit import format_report, lowest_score, score_document
    from schemas.plan import Plan

    gold_files = sorted(args.gold.glob("*.gold.json"))
    if not gold_files:
        print(f"planextract: no *.gold.json files in {args.gold}", file=sys.stderr)
        return EXIT_USAGE
    scores = []
    for gold_path in gold_files:
        name = gold_path.name.removesuffix(".gold.json")
        gold = Plan.model_validate_json(gold_path.read_text(encoding="utf-8"))
        pred_path = args.pred / f"{name}.json"
        try:
            got = Plan.model_validate_json(pred_path.read_text(encoding="utf-8")) if pred_path.exists() else None
        except ValidationError as error:
            print(f"planextract: {pred_path} is not a valid Plan ({error.error_count()} errors)", file=sys.stderr)
            got = None
        if got is None:
            print(f"planextract: no valid extraction {pred_path}; its gold counts as missed", file=sys.stderr)
        scores.append(score_document(name, gold, got))
    print(format_report(scores, details=args.details))
    lowest = lowest_score(scores)
    if args.min_accuracy is not None and lowest < args.min_accuracy:
        print(f"planextract: accuracy {lowest:.3f} is below --min-accuracy {args.min_accuracy}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def run_diff(args: argparse.Namespace) -> int:
    from extract import diff

    return diff.run(args)


def run_report(args: argparse.Namespace) -> int:
    from extract import report

    return report.run(args)


def run_schema(_: argparse.Namespace) -> int:
    from schemas.plan import json_schema_text

    sys.stdout.write(json_schema_text())
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {
        "extract": run_extract, "audit": run_audit, "schema": run_schema, "diff": run_diff, "report": run_report,
    }
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
