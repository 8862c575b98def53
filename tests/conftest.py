"""Shared fixtures: the sample plans, their golds, and a cached extraction per engine."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

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


def differences(expected: object, actual: object, path: str = "plan") -> list[str]:
    """Every place where two JSON values differ, as 'path: expected != actual' lines."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return [
            line for key in sorted(set(expected) | set(actual))
            for line in differences(expected.get(key), actual.get(key), f"{path}.{key}")
        ]
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        return [line for i, (e, a) in enumerate(zip(expected, actual)) for line in differences(e, a, f"{path}[{i}]")]
    if expected != actual:
        return [f"{path}:\n    gold: {json.dumps(expected)[:400]}\n    got:  {json.dumps(actual)[:400]}"]
    return []


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS
