"""`grid.snapped_rules` gives exactly what pdfplumber's `merge_edges` gives on the same rules.

The default engine snaps and joins rules itself rather than through pdfplumber's dicts; the
reference here is pdfplumber's own function, on random clusters of rules and on every page
of the samples.
"""

from __future__ import annotations

import random

import pytest
from conftest import REPO
from pdfplumber.table import merge_edges

from extract.page import Rule
from extract.read_pdfium import read_pages
from extract.tables.grid import EDGE_MIN_LENGTH, JOIN_TOLERANCE, SNAP_TOLERANCE, snapped_rules


def merged_by_pdfplumber(rules: list[Rule]) -> list[Rule]:
    """pdfplumber's `merge_edges` on the rules as its edge dicts, tiny ones dropped, as Rules again."""
    edges = [
        {
            "x0": r.x0, "x1": r.x1, "top": r.top, "bottom": r.bottom,
            "width": r.x1 - r.x0, "height": r.bottom - r.top, "orientation": "h" if r.horizontal else "v",
        }
        for r in rules
    ]
    merged = merge_edges(edges, SNAP_TOLERANCE, SNAP_TOLERANCE, JOIN_TOLERANCE, JOIN_TOLERANCE) if edges else []
    return [
        Rule(e["x0"], e["top"], e["x1"], e["bottom"]) for e in merged
        if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= EDGE_MIN_LENGTH
    ]


def random_rules(generator: random.Random) -> list[Rule]:
    """Rules on a few lines each, jittered so that some snap together and some stay apart, some touching end to end."""
    rules = []
    for _ in range(generator.randrange(0, 40)):
        line = generator.choice([50.0, 52.5, 55.9, 120.0, 121.0, 300.25])
        line += generator.choice([0, 0, 0.4, -1.2, 2.9, 3.1])
        start = generator.choice([10.0, 10.05, 12.5, 50.0, generator.uniform(0, 400)])
        length = generator.choice([0.5, 2.0, 2.9, 3.0, 40.0, generator.uniform(0, 200)])
        thickness = generator.choice([0.0, 0.5, 1.0])
        if generator.random() < 0.5:
            rules.append(Rule(start, line, start + length, line + thickness))
        else:
            rules.append(Rule(line, start, line + thickness, start + length))
    if rules and generator.random() < 0.3:
        rules.append(rules[0])  # a rule drawn twice (a cell's side and its neighbour's)
    return rules


@pytest.mark.parametrize("seed", range(300))
def test_snapped_rules_equal_pdfplumbers_merge_edges_on_random_rules(seed):
    rules = random_rules(random.Random(seed))
    assert snapped_rules(rules) == merged_by_pdfplumber(rules)


def test_snapped_rules_equal_pdfplumbers_merge_edges_on_every_sample_page():
    pages = [page for path in sorted((REPO / "samples").glob("*.pdf")) for page in read_pages(path, None)]
    assert sum(len(page.rules) for page in pages) > 1000
    for page in pages:
        assert snapped_rules(page.rules) == merged_by_pdfplumber(list(page.rules)), (page.path.name, page.number)
