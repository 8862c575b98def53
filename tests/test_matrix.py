"""The layout matrix: the CI subset of the samples' layout variants read as their golds say.

Each variant (variants/MANIFEST.json) is a hand-written sample rendered by another producer
with other layout switches; its gold is the sample's gold (samples/variants.py). The
thresholds are the project's: field accuracy 0.98, actions F1 0.99, coverage 1.0.
"""

from __future__ import annotations

import itertools
import json
from functools import cache

import pytest
from conftest import REPO

from extract.audit import f1, score_document
from extract.pipeline import extract_plan
from schemas.plan import Plan

VARIANTS = REPO / "variants"
MANIFEST = json.loads((VARIANTS / "MANIFEST.json").read_text(encoding="utf-8"))
CI = [entry for entry in MANIFEST if entry["ci"]]
BELOW = set(json.loads((VARIANTS / "BELOW_THRESHOLDS.json").read_text(encoding="utf-8"))["variants"])
SWITCH_VALUES = {
    "rules": {"grid", "hrules", "norules"},
    "header": {"headrepeat", "noheadrepeat"},
    "page": {"landscape-a4", "portrait-a4", "landscape-letter", "portrait-letter", "slide"},
    "font": {"sans9", "serif10", "dejavu8", "sans11"},
    "layout": {"perrow", "percell"},
    "markers": {"lettered", "numbered", "bulleted", "none"},
}
PRODUCERS = {"reportlab", "chromium", "libreoffice"}


@cache
def gold(name: str) -> Plan:
    return Plan.model_validate_json((VARIANTS / f"{name}.gold.json").read_text(encoding="utf-8"))


def test_ci_subset_has_every_switch_value_with_every_producer() -> None:
    assert len(CI) >= 60
    seen = {(e["producer"], key, e[key]) for e in CI for key in SWITCH_VALUES}
    expected = {(p, key, v) for p, (key, values) in itertools.product(PRODUCERS, SWITCH_VALUES.items()) for v in values}
    assert expected - seen == set()


def test_every_variant_has_its_pdf_and_a_valid_gold() -> None:
    for entry in MANIFEST:
        plan = gold(entry["name"])
        assert (VARIANTS / plan.source.path).is_file()
        assert plan.source.path == f"{entry['name']}.pdf"
        assert all(a.letter is None for f in plan.findings for a in f.actions) == (entry["markers"] != "lettered")


def below_thresholds(name: str) -> list:
    """A strict expected failure for a variant listed as not yet read to the thresholds."""
    if name not in BELOW:
        return []
    return [pytest.mark.xfail(strict=True, reason="below the thresholds (variants/BELOW_THRESHOLDS.json)")]


def test_every_variant_listed_below_the_thresholds_is_in_the_ci_subset() -> None:
    assert {entry["name"] for entry in CI} >= BELOW


@pytest.mark.parametrize(
    "name", [pytest.param(entry["name"], marks=below_thresholds(entry["name"])) for entry in CI],
    ids=[entry["name"] for entry in CI],
)
def test_variant_reads_as_its_gold(name: str) -> None:
    got = extract_plan(VARIANTS / f"{name}.pdf")
    score = score_document(name, gold(name), got)
    accuracy = sum(score.correct.values()) / sum(score.scored.values())
    wrong = sorted({m.field for m in score.mistakes})
    assert accuracy >= 0.98, f"field accuracy {accuracy:.3f}; wrong: {wrong}"
    assert f1(score.matched_actions, score.extracted_actions, score.gold_actions)[2] >= 0.99
    assert got.coverage == 1.0
