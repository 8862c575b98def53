"""Choose and render the layout variants of the hand-written samples (variants/ at the top of the repository).

Every variant is one base sample drawn by one producer with one value of each switch
(plan_layout.SWITCHES); its file name lists them. The set is chosen greedily so that every
pair of switch values occurs with every producer, and every base sample with every
producer and every switch value, where the base can be printed so (plan_layout.renderable);
that covering set is the CI subset `make test` checks. More variants per base and producer
are then drawn at random (seeded) for `make matrix`. `MANIFEST.json` lists them all.

Run: `python samples/variants.py [--only NAME_PART] [--producers reportlab,...]`
(needs reportlab, python-docx, LibreOffice's `soffice` and Chromium; `make variants`).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from pathlib import Path

from plan_layout import SWITCHES, Switches, renderable
from render import render_variant

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "variants"  # outside samples/, so that extracting samples/ reads the samples alone
MANIFEST = OUT / "MANIFEST.json"
BASES = (
    "rotherham-cyps-improvement-plan-2018",
    "rotherham-inspection-recommendations-2010",
    "marlow-vale-childrens-2018",
    "westvale-adult-social-care-2021",
    "kingsford-health-wellbeing-2022",
    "southholm-housing-2019",
)
PER_BASE_AND_PRODUCER = 8
SEED = "planextract layout matrix"
SWITCH_NAMES = tuple(SWITCHES)[1:]  # all but the producer


def load(name: str) -> tuple[dict, dict]:
    """A base sample's gold and source."""
    gold = json.loads((HERE / f"{name}.gold.json").read_text(encoding="utf-8"))
    source = json.loads((HERE / "source" / f"{name}.json").read_text(encoding="utf-8"))
    return gold, source


def features(base: str, switches: Switches) -> set[tuple]:
    """What a variant covers: per producer, every pair of switch values and the base with each value."""
    producer = switches.producer
    values = [(name, getattr(switches, name)) for name in SWITCH_NAMES]
    covered = {(producer, a, b) for a, b in itertools.combinations(values, 2)}
    covered |= {(producer, base, value) for value in values}
    return covered


def candidates(bases: dict[str, dict]) -> list[tuple[str, Switches]]:
    """Every renderable (base, switches), in a seeded order."""
    result = [
        (base, Switches(*combo))
        for base, gold in bases.items()
        for combo in itertools.product(*SWITCHES.values())
        if renderable(gold, Switches(*combo))
    ]
    random.Random(SEED).shuffle(result)
    return result


def covering_set(pool: list[tuple[str, Switches]]) -> list[tuple[str, Switches]]:
    """Greedily the variants that cover every feature some candidate covers."""
    feature_sets = [features(base, switches) for base, switches in pool]
    uncovered = set().union(*feature_sets)
    chosen: list[int] = []
    while uncovered:
        best = max(range(len(pool)), key=lambda i: len(feature_sets[i] & uncovered))
        chosen.append(best)
        uncovered -= feature_sets[best]
    return [pool[i] for i in chosen]


def matrix_set(pool: list[tuple[str, Switches]], ci: list[tuple[str, Switches]]) -> list[tuple[str, Switches]]:
    """The CI set, then seeded extras until every base has PER_BASE_AND_PRODUCER variants per producer."""
    chosen = list(ci)
    for base, switches in pool:
        count = sum(1 for b, s in chosen if b == base and s.producer == switches.producer)
        if count < PER_BASE_AND_PRODUCER and (base, switches) not in chosen:
            chosen.append((base, switches))
    return chosen


def manifest_entry(base: str, switches: Switches, in_ci: bool) -> dict:
    name = switches.name(base)
    return {"name": name, "base": base, "ci": in_ci, **{k: getattr(switches, k) for k in SWITCHES}}


def main(argv: list[str]) -> int:
    """Choose the variants, write the manifest, render those asked for (all by default)."""
    parser = argparse.ArgumentParser(description="Render the layout variants of the samples.")
    parser.add_argument("--only", default="", help="render only variants whose name contains this")
    parser.add_argument("--producers", default=",".join(SWITCHES["producer"]), help="producers to render")
    parser.add_argument("--ci-only", action="store_true", help="render only the CI subset")
    args = parser.parse_args(argv)
    bases = {name: load(name) for name in BASES}
    pool = candidates({name: gold for name, (gold, _) in bases.items()})
    ci = covering_set(pool)
    chosen = matrix_set(pool, ci)
    OUT.mkdir(exist_ok=True)
    entries = [manifest_entry(base, switches, (base, switches) in ci) for base, switches in chosen]
    producers = set(args.producers.split(","))
    failed = 0
    for entry, (base, switches) in zip(entries, chosen):
        if switches.producer not in producers or args.only not in entry["name"] or (args.ci_only and not entry["ci"]):
            continue
        gold, source = bases[base]
        pdf_path = OUT / f"{entry['name']}.pdf"
        try:
            variant = render_variant(gold, source, switches, pdf_path)
        except (ValueError, OSError) as error:
            print(f"{entry['name']}: {error}", file=sys.stderr)
            failed += 1
            continue
        (OUT / f"{entry['name']}.gold.json").write_text(
            json.dumps(variant, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{pdf_path.relative_to(HERE.parent)}: {variant['source']['pages']} pages")
    rendered = [e for e in entries if (OUT / f"{e['name']}.pdf").exists()]
    MANIFEST.write_text(json.dumps(rendered, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rendered)} of {len(entries)} variants rendered, {sum(e['ci'] for e in rendered)} of them in the CI"
          f" subset of {sum(e['ci'] for e in entries)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
