"""Render and audit layouts nobody tuned the extractor to: the held-out check of `make heldout`.

The layout matrix (`variants/`) draws eight samples, and the extractor's rules were worked out
on them. This draws the other hand-written samples (those that are no base of the matrix)
through the same three producers, with switch combinations seeded apart from the matrix's,
into a scratch folder (never committed, never in CI), extracts them with the default engine
and prints the audit (AUDIT.md rules) per variant and pooled. It measures how the rules carry
over to plans they were not made on.

Run: `python samples/heldout.py [--out DIR] [--per-producer N]` (`make heldout`; needs what
`make variants` installs).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from render import render_variant

from extract.audit import FIELDS, DocumentScore, pooled, score_document
from extract.pipeline import extract_plan
from schemas.plan import Plan
from variants import BASES, candidates, load

HERE = Path(__file__).resolve().parent
SEED = "planextract held-out layouts"
PRODUCERS = ("reportlab", "chromium", "libreoffice")


def held_out_bases() -> list[str]:
    """The hand-written samples that are no base of the layout matrix."""
    return sorted(
        path.stem for path in (HERE / "source").glob("*.json")
        if path.stem not in BASES and (HERE / f"{path.stem}.gold.json").exists() and not path.stem.startswith("long-")
    )


def render_held_out(out: Path, per_producer: int) -> list[tuple[str, dict]]:
    """Draw `per_producer` seeded variants of each held-out base with each producer; (name, gold) of each."""
    drawn = []
    for base in held_out_bases():
        gold, source = load(base)
        pool = candidates(base, gold)
        random.Random(f"{SEED} {base}").shuffle(pool)
        for producer in PRODUCERS:
            count = 0
            for switches in (s for s in pool if s.producer == producer):
                if count == per_producer:
                    break
                pdf = out / f"{switches.name(base)}.pdf"
                try:
                    drawn.append((pdf.stem, render_variant(gold, source, switches, pdf)))
                    count += 1
                except (ValueError, OSError) as error:  # a producer that lost text: the next combination
                    print(f"{pdf.name}: {error}", file=sys.stderr)
                    pdf.unlink(missing_ok=True)
    return drawn


def audit(out: Path, drawn: list[tuple[str, dict]]) -> list[DocumentScore]:
    """Extract each drawn variant and score it against its gold; print a line each."""
    scores = []
    for name, gold in drawn:
        try:
            got = extract_plan(out / f"{name}.pdf")
        except Exception as error:  # a failure is a score of nothing, not the end of the run
            print(f"{name}: {type(error).__name__}: {error}", file=sys.stderr)
            got = None
        score = score_document(name, Plan.model_validate(gold), got)
        scores.append(score)
        coverage = "n/a" if got is None or got.coverage is None else f"{got.coverage:.3f}"
        print(f"{name}: accuracy {score.field_accuracy:.3f}, F1 {score.actions_f1:.3f}, coverage {coverage}")
    return scores


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Render the held-out layouts and audit them.")
    parser.add_argument("--out", type=Path, help="folder for the drawn PDFs and golds (default: a temporary one)")
    parser.add_argument("--per-producer", type=int, default=2, help="variants of each base per producer")
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="planextract-heldout-"))
    out.mkdir(parents=True, exist_ok=True)
    drawn = render_held_out(out, args.per_producer)
    for name, gold in drawn:
        (out / f"{name}.gold.json").write_text(json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    scores = audit(out, drawn)
    total = pooled(scores)
    per_field = ", ".join(f"{n} {total.correct[n] / total.scored[n]:.3f}" for n in FIELDS if total.scored[n])
    print(f"pooled over {len(scores)} variants in {out}: field accuracy {total.field_accuracy:.3f}, "
          f"actions F1 {total.actions_f1:.3f}\nper field: {per_field}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
