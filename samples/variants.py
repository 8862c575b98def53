"""Choose and render the layout variants of the hand-written samples (variants/ at the top of the repository).

Every variant is one base sample drawn by one producer with one value of each switch
(plan_layout.SWITCHES); its file name lists them. For each base sample the variants are chosen
greedily (most new pairs of switch values first) until every producer has printed it with
every switch value it can be printed with (plan_layout.renderable); those are the CI
subset `make test` checks. More variants per base and producer are then drawn at random
(seeded by the base's name, so adding a base changes no other's variants) for `make matrix`.
`MANIFEST.json` lists them all.

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
from render import gold_of_rendered, render_variant

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
    "haverleigh-health-wellbeing-priorities-2019",
    "tenterbridge-send-written-statement-2019",
)
PER_BASE_AND_PRODUCER = 8
RETRIES = 5  # other switches tried for a variant whose rendering lost text
SEED = "planextract layout matrix"
SWITCH_NAMES = tuple(SWITCHES)[1:]  # all but the producer


def load(name: str) -> tuple[dict, dict]:
    """A base sample's gold and source."""
    gold = json.loads((HERE / f"{name}.gold.json").read_text(encoding="utf-8"))
    source = json.loads((HERE / "source" / f"{name}.json").read_text(encoding="utf-8"))
    return gold, source


def features(switches: Switches) -> set[tuple]:
    """What a variant covers: its producer with each of its switch values, and with each pair of them."""
    producer = switches.producer
    values = [(name, getattr(switches, name)) for name in SWITCH_NAMES]
    return {(producer, value) for value in values} | {(producer, *pair) for pair in itertools.combinations(values, 2)}


def candidates(base: str, gold: dict) -> list[Switches]:
    """Every renderable switch combination for a base, in an order seeded by its name."""
    result = [Switches(*combo) for combo in itertools.product(*SWITCHES.values()) if renderable(gold, Switches(*combo))]
    random.Random(f"{SEED} {base}").shuffle(result)
    return result


def covering_set(pool: list[Switches]) -> list[Switches]:
    """Greedily (most new pairs first) the variants until every producer has met every switch value."""
    feature_sets = [features(switches) for switches in pool]
    singles = {f for fs in feature_sets for f in fs if len(f) == 2}
    uncovered = set().union(*feature_sets)
    chosen: list[int] = []
    while singles & uncovered:
        best = max(range(len(pool)), key=lambda i: (len(feature_sets[i] & singles & uncovered),
                                                    len(feature_sets[i] & uncovered)))
        chosen.append(best)
        uncovered -= feature_sets[best]
    return [pool[i] for i in chosen]


def matrix_set(pool: list[Switches], ci: list[Switches]) -> list[Switches]:
    """The CI set, then seeded extras until each producer has PER_BASE_AND_PRODUCER variants of the base."""
    chosen = list(ci)
    for switches in pool:
        count = sum(1 for s in chosen if s.producer == switches.producer)
        if count < PER_BASE_AND_PRODUCER and switches not in chosen:
            chosen.append(switches)
    return chosen


def manifest_entry(base: str, switches: Switches, in_ci: bool) -> dict:
    name = switches.name(base)
    return {"name": name, "base": base, "ci": in_ci, **{k: getattr(switches, k) for k in SWITCHES}}


def write_manifest(entries: list[dict]) -> list[dict]:
    """List the variants rendered so far (those with a gold) in MANIFEST.json."""
    rendered = [e for e in entries if (OUT / f"{e['name']}.gold.json").exists()]
    MANIFEST.write_text(json.dumps(rendered, indent=1) + "\n", encoding="utf-8")
    return rendered


def main(argv: list[str]) -> int:
    """Choose the variants, write the manifest, render those asked for (all by default)."""
    parser = argparse.ArgumentParser(description="Render the layout variants of the samples.")
    parser.add_argument("--only", default="", help="render only variants whose name contains this")
    parser.add_argument("--producers", default=",".join(SWITCHES["producer"]), help="producers to render")
    parser.add_argument("--ci-only", action="store_true", help="render only the CI subset")
    parser.add_argument("--skip-existing", action="store_true", help="keep variants already rendered")
    parser.add_argument("--regold", action="store_true", help="rewrite the golds of the PDFs already rendered")
    args = parser.parse_args(argv)
    bases = {name: load(name) for name in BASES}
    pools = {base: candidates(base, gold) for base, (gold, _) in bases.items()}
    chosen: list[tuple[str, Switches]] = []
    entries = []
    for base, pool in pools.items():
        ci = covering_set(pool)
        for switches in matrix_set(pool, ci):
            chosen.append((base, switches))
            entries.append(manifest_entry(base, switches, switches in ci))
    OUT.mkdir(exist_ok=True)
    producers = set(args.producers.split(","))
    failed = 0
    # The CI subset first, so that an interrupted run leaves it complete; the manifest after every variant.
    for index in sorted(range(len(entries)), key=lambda i: not entries[i]["ci"]):
        base, switches = chosen[index]
        entry = entries[index]
        if switches.producer not in producers or args.only not in entry["name"] or (args.ci_only and not entry["ci"]):
            continue
        if args.skip_existing and (OUT / f"{entry['name']}.gold.json").exists():
            continue
        gold, source = bases[base]
        variant = None
        for _ in range(RETRIES):
            pdf_path = OUT / f"{entries[index]['name']}.pdf"
            try:
                variant = (gold_of_rendered if args.regold else render_variant)(gold, source, switches, pdf_path)
                break
            except (ValueError, OSError) as error:
                # A producer that lost text (LibreOffice clips a merged cell it cannot split) gets
                # the next switches of the base's seeded order in place of these (when regolding,
                # the missing PDF of a variant replaced so leads to its replacement).
                print(f"{entries[index]['name']}: {error}", file=sys.stderr)
                if args.regold and not isinstance(error, FileNotFoundError):
                    break
                if not args.regold:
                    pdf_path.unlink(missing_ok=True)
                switches = next((s for s in pools[base] if s.producer == switches.producer
                                 and (base, s) not in chosen), switches)
                chosen[index] = (base, switches)
                entries[index] = manifest_entry(base, switches, entries[index]["ci"])
        if variant is None:
            failed += 1
            continue
        (OUT / f"{entries[index]['name']}.gold.json").write_text(
            json.dumps(variant, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{pdf_path.relative_to(HERE.parent)}: {variant['source']['pages']} pages")
        write_manifest(entries)
    rendered = write_manifest(entries)
    print(f"{len(rendered)} of {len(entries)} variants rendered, {sum(e['ci'] for e in rendered)} of them in the CI"
          f" subset of {sum(e['ci'] for e in entries)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
