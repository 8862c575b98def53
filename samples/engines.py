"""Extract every layout variant (variants/MANIFEST.json) with both table engines and list where their Plans differ.

The layout issue asks `--engine pdfplumber` and `--engine camelot` to give the same Plan on
every variant. Per variant both Plans are compared field by field (`model_dump`; a Plan
holds nothing engine-specific) and each variant whose Plans differ is printed with its first
differing fields. camelot renders every page (about a second a page), so each Plan is cached
in the cache folder under the PDF's hash and a hash of the extractor's source: a second run
after changing nothing is quick, and any change to `extract/` extracts afresh.
Exit status 1 when any variant differs.

Run: `python samples/engines.py [--ci-only] [--match TEXT] [--cache DIR]` (`make engines`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

from extract.diff import json_differences
from extract.pipeline import extract_plan

REPO = Path(__file__).resolve().parents[1]
VARIANTS = REPO / "variants"
SOURCE = REPO / "extract"
ENGINES = ("pdfplumber", "camelot")
SHOWN = 3  # differing fields printed per variant
VALUE_WIDTH = 100
CACHE = Path(tempfile.gettempdir()) / "planextract-engines"


def source_hash() -> str:
    """A hash of the extractor's source: a cached Plan is only good for the code that made it."""
    digest = hashlib.sha256()
    for path in sorted(SOURCE.rglob("*.py")):
        digest.update(path.relative_to(REPO).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def plan_or_error(pdf: Path, engine: str, cache: Path, code: str) -> object:
    """The Plan extracted from `pdf` with `engine` as JSON data, or the error it raised, cached."""
    key = hashlib.sha256(pdf.read_bytes()).hexdigest()[:16]
    cached = cache / f"{pdf.stem[:80]}-{key}-{code}-{engine}.json"
    if cached.exists():
        return json.loads(cached.read_text(encoding="utf-8"))
    try:
        result: object = extract_plan(pdf, engine=engine).model_dump(mode="json")
    except Exception as error:
        result = {"error": f"{type(error).__name__}: {error}"}
    cached.write_text(json.dumps(result), encoding="utf-8")
    return result


def shown(value: object) -> str:
    text = json.dumps(value)
    return text if len(text) <= VALUE_WIDTH else text[:VALUE_WIDTH] + "..."


def compare_variant(name: str, cache: Path, code: str) -> list[tuple[str, object, object]]:
    """Where the two engines' Plans of one variant differ."""
    pdf = VARIANTS / f"{name}.pdf"
    first, second = (plan_or_error(pdf, engine, cache, code) for engine in ENGINES)
    return json_differences(first, second)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Compare the two table engines' Plans on every layout variant.")
    parser.add_argument("--ci-only", action="store_true", help="only the CI subset")
    parser.add_argument("--match", metavar="TEXT", help="only the variants whose name contains TEXT")
    parser.add_argument("--cache", metavar="DIR", type=Path, default=CACHE,
                        help="where extracted Plans are kept between runs (default: %(default)s)")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    entries = json.loads((VARIANTS / "MANIFEST.json").read_text(encoding="utf-8"))
    chosen = [e["name"] for e in entries if (e["ci"] or not args.ci_only) and (args.match or "") in e["name"]]
    code = source_hash()
    differing = 0
    for name in chosen:
        found = compare_variant(name, args.cache, code)
        if not found:
            continue
        differing += 1
        print(f"{name}: {len(found)} fields differ")
        for path, first, second in found[:SHOWN]:
            print(f"  {path}\n    {ENGINES[0]}: {shown(first)}\n    {ENGINES[1]}: {shown(second)}")
        sys.stdout.flush()
    print(f"{differing} of {len(chosen)} variants differ between the engines")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
