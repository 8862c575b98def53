"""Shared fixtures: the sample plans, their golds, and a cached extraction per engine."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from extract.diff import json_differences
from extract.pipeline import extract_plan
from schemas.plan import Plan

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLE_NAMES = sorted(p.name.removesuffix(".gold.json") for p in SAMPLES.glob("*.gold.json"))
ENGINES = ("pdfplumber", "camelot")


@cache
def extracted(name: str, engine: str) -> Plan:
    """The plan extracted from samples/NAME.pdf with the engine (once per test session)."""
    return extract_plan(SAMPLES / f"{name}.pdf", engine=engine)


def gold(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.gold.json").read_text(encoding="utf-8"))


def differences(expected: object, actual: object) -> list[str]:
    """Every place two JSON values differ, as 'path: expected != actual' lines."""
    return [
        f"{path}:\n    gold: {json.dumps(want)[:400]}\n    got:  {json.dumps(got)[:400]}"
        for path, want, got in json_differences(expected, actual)
    ]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS
