"""Extract every layout variant (variants/MANIFEST.json), audit it against its gold, write docs/MATRIX.md.

Per variant: its producer and switches, field accuracy, actions F1, coverage (Plan.coverage,
"n/a" while the extractor leaves it null) and the fields it got wrong; the pooled figures
last; the variants below the thresholds named. Exit status 1 when any variant is below.
A run over the whole CI subset also rewrites variants/BELOW_THRESHOLDS.json, the CI variants
tests/test_matrix.py expects to fall short. `--match TEXT` audits only the variants whose name
contains TEXT and prints their figures, writing nothing.

Run: `python samples/matrix.py [--ci-only] [--match TEXT]` (`make matrix`).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from extract.audit import FIELDS, DocumentScore, pooled, score_document
from extract.pipeline import extract_plan
from schemas.plan import Plan

REPO = Path(__file__).resolve().parents[1]
VARIANTS = REPO / "variants"
REPORT = REPO / "docs" / "MATRIX.md"
BELOW_THRESHOLDS = VARIANTS / "BELOW_THRESHOLDS.json"
MIN_ACCURACY = 0.98
MIN_F1 = 0.99
SWITCH_KEYS = ("producer", "rules", "header", "page", "font", "layout", "markers")


@dataclass
class Result:
    """One variant's figures."""

    entry: dict
    score: DocumentScore
    coverage: float | None
    error: str | None

    @property
    def accuracy(self) -> float:
        return self.score.field_accuracy

    @property
    def f1(self) -> float:
        return self.score.actions_f1

    def passes(self) -> bool:
        return self.accuracy >= MIN_ACCURACY and self.f1 >= MIN_F1 and self.coverage == 1.0

    def wrong_fields(self) -> str:
        """The fields with mistakes and how many, worst first."""
        wrong = sorted(((self.score.scored[n] - self.score.correct[n], n) for n in FIELDS), reverse=True)
        text = ", ".join(f"{n} ({k})" for k, n in wrong if k)
        return f"failed: {self.error}" if self.error else text


def audit_variant(entry: dict) -> Result:
    """Extract one variant with the default engine and score it against its gold."""
    gold = Plan.model_validate_json((VARIANTS / f"{entry['name']}.gold.json").read_text(encoding="utf-8"))
    try:
        got = extract_plan(VARIANTS / f"{entry['name']}.pdf")
    except Exception as error:
        return Result(entry, score_document(entry["name"], gold, None), None, f"{type(error).__name__}: {error}")
    return Result(entry, score_document(entry["name"], gold, got), got.coverage, None)


def figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def report(results: list[Result]) -> str:
    """docs/MATRIX.md."""
    lines = [
        "# The layout matrix",
        "",
        "Every layout variant of the samples (`variants/`, chosen and rendered by `samples/variants.py`,",
        "`make variants`) extracted with the default engine and audited against its gold (AUDIT.md rules,",
        f"`extract/audit.py`). Written by `make matrix`. Thresholds: field accuracy ≥ {MIN_ACCURACY},",
        f"actions F1 ≥ {MIN_F1}, coverage 1.0. CI: in the subset `make test` checks (tests/test_matrix.py).",
        "",
        "| variant | CI | " + " | ".join(SWITCH_KEYS) + " | accuracy | F1 | coverage | wrong fields |",
        "|---|---|" + "---|" * len(SWITCH_KEYS) + "---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.entry['base']} | {'yes' if r.entry['ci'] else ''} | "
            + " | ".join(r.entry[k] for k in SWITCH_KEYS)
            + f" | {r.accuracy:.3f} | {r.f1:.3f} | {figure(r.coverage)} | {r.wrong_fields()} |"
        )
    total = pooled([r.score for r in results])
    accuracy = sum(total.correct.values()) / max(1, sum(total.scored.values()))
    failing = [r for r in results if not r.passes()]
    lines += [
        "",
        "## Pooled",
        "",
        f"- variants: {len(results)}, passing all three thresholds: {len(results) - len(failing)}",
        f"- field accuracy: {accuracy:.3f} ({sum(total.correct.values())}/{sum(total.scored.values())})",
        f"- actions F1: {total.actions_f1:.3f}",
        "- per field: " + ", ".join(
            f"{n} {total.correct[n] / total.scored[n]:.3f}" for n in FIELDS if total.scored[n]),
        "",
        "## Below the thresholds",
        "",
    ]
    lines += [f"- `{r.entry['name']}`: accuracy {r.accuracy:.3f}, F1 {r.f1:.3f}, coverage {figure(r.coverage)}"
              for r in failing] or ["none"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Audit every layout variant and write docs/MATRIX.md.")
    parser.add_argument("--ci-only", action="store_true", help="only the CI subset")
    parser.add_argument("--match", metavar="TEXT",
                        help="only the variants whose name contains TEXT; print, write nothing")
    args = parser.parse_args(argv)
    entries = json.loads((VARIANTS / "MANIFEST.json").read_text(encoding="utf-8"))
    chosen = [e for e in entries if (e["ci"] or not args.ci_only) and (args.match or "") in e["name"]]
    results = [audit_variant(e) for e in chosen]
    failing = [r for r in results if not r.passes()]
    if args.match:
        for r in results:
            print(f"{r.entry['name']}: accuracy {r.accuracy:.3f}, F1 {r.f1:.3f}, coverage {figure(r.coverage)}"
                  f"{' ' + r.error if r.error else ''}  {r.wrong_fields()}")
    else:
        REPORT.write_text(report(results), encoding="utf-8")
        write_below_thresholds(failing)
        print(f"{REPORT.relative_to(REPO)}: {len(results)} variants, {len(failing)} below the thresholds")
    return 1 if failing else 0


def write_below_thresholds(failing: list[Result]) -> None:
    """Rewrite the list of CI variants expected to fall short, keeping its explanation."""
    listing = json.loads(BELOW_THRESHOLDS.read_text(encoding="utf-8"))
    listing["variants"] = sorted(r.entry["name"] for r in failing if r.entry["ci"])
    BELOW_THRESHOLDS.write_text(json.dumps(listing, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
