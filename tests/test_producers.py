"""The same two plans from another PDF producer (LibreOffice, other fonts, other page breaks).

`tests/fixtures/libreoffice-*/` were rendered by `samples/build.py --libreoffice` from
the same cell-by-cell sources as the samples: Writer draws the rule under a row split by
a page break (Word does not), spaces paragraphs, and breaks pages elsewhere. Every field
but the page numbers must equal the gold; the page numbers are checked against the text
printed on each page.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from conftest import ENGINES, REPO, SAMPLE_NAMES, differences, gold

from extract.pipeline import extract_plan

FIXTURES = sorted(p for p in (REPO / "tests" / "fixtures").glob("libreoffice-*") if p.is_dir())


def without_pages(plan: dict) -> dict:
    plan = json.loads(json.dumps(plan))
    plan.pop("source")
    for finding in plan["findings"]:
        finding.pop("pages")
        for action in finding["actions"]:
            action.pop("pages")
    return plan


@cache
def action_column_text(pdf: Path) -> list[str]:
    """Each page's text in the action column only (between its header and the next header)."""
    texts = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            words = page.extract_words()
            header = next(w for w in words if w["text"] in ("Action(s)", "Task/Action"))
            following = "Progress" if header["text"] == "Action(s)" else "Responsible"
            right = next(w["x0"] for w in words if w["text"] == following and abs(w["top"] - header["top"]) < 3)
            column = page.crop((header["x0"] - 8, header["bottom"], right - 4, page.height))
            texts.append(" ".join(re.sub(r"\W+", " ", column.extract_text() or "").lower().split()))
    return texts


def test_fixtures_are_there():
    assert [p.name for p in FIXTURES] == ["libreoffice-mono-9", "libreoffice-serif-10"]


RENDERINGS = [pdf for fixture in FIXTURES for pdf in sorted(fixture.glob("*.pdf"))]


def test_renderings_are_of_samples():
    assert len(RENDERINGS) == 4 and {pdf.stem for pdf in RENDERINGS} <= set(SAMPLE_NAMES)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", RENDERINGS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_other_producer_gives_the_gold(pdf: Path, engine: str):
    name = pdf.stem
    plan = json.loads(extract_plan(pdf, engine=engine).model_dump_json())
    problems = differences(without_pages(gold(name)), without_pages(plan))
    assert not problems, f"{len(problems)} fields differ:\n" + "\n".join(problems)
    pages = action_column_text(pdf)
    for finding in plan["findings"]:
        assert set(finding["pages"]) >= {p for a in finding["actions"] for p in a["pages"]}
        for action in finding["actions"]:
            opening = " ".join(re.sub(r"\W+", " ", action["text"]).lower().split()[:3])
            assert any(opening in pages[p - 1] for p in action["pages"]), (action["id"], action["pages"])
