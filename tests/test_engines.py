"""Both table engines give the same Plan: on a layout variant of each producer and ruling, and cell by cell.

The samples are compared with their golds per engine in test_samples.py; here a small
variant per producer and rules switch (`make engines` compares all 192) is read with both
engines and the Plans must be equal field by field. camelot reads its boundaries off the
rendered page; snapped to the PDF's rules they give the pdfplumber engine's cells.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, differences

from extract.page import PageContent, Rule
from extract.pipeline import READERS, extract_plan
from extract.tables.base import without_shading_edges
from extract.tables.camelot_engine import CamelotEngine, snapped, table_to_boxes
from extract.tables.grid import snapped_rules
from extract.tables.pdfplumber_engine import PdfplumberEngine

VARIANTS = REPO / "variants"
ONE_PER_PRODUCER_AND_RULES = [  # two pages each, so the table runs over a page break
    "southholm-housing-2019__chromium__grid__noheadrepeat__portrait-a4__sans11__percell__lettered",
    "tenterbridge-send-written-statement-2019__chromium__hrules__noheadrepeat__portrait-letter__sans9__perrow__none",
    "southholm-housing-2019__chromium__norules__noheadrepeat__landscape-letter__sans9__perrow__none",
    "southholm-housing-2019__libreoffice__grid__headrepeat__landscape-a4__sans9__percell__numbered",
    "tenterbridge-send-written-statement-2019__libreoffice__hrules__headrepeat__portrait-a4__sans11__perrow__lettered",
    "southholm-housing-2019__libreoffice__norules__headrepeat__landscape-letter__sans11__perrow__bulleted",
    "tenterbridge-send-written-statement-2019__reportlab__grid__noheadrepeat__portrait-letter__dejavu8__percell__numbered",
    "southholm-housing-2019__reportlab__hrules__noheadrepeat__landscape-a4__sans9__percell__numbered",
    "southholm-housing-2019__reportlab__norules__headrepeat__portrait-a4__sans9__perrow__numbered",
]
# Text running over a column rule: a glyph on the cell edge went to the next cell with camelot
# while its boundaries were taken as seen on the rendered page, not snapped to the rules.
GLYPHS_ON_CELL_EDGES = (
    "rotherham-inspection-recommendations-2010__chromium__grid__noheadrepeat__landscape-a4__dejavu8__perrow__none"
)


def test_the_variants_cover_every_producer_and_rules_switch() -> None:
    manifest = {e["name"]: e for e in json.loads((VARIANTS / "MANIFEST.json").read_text(encoding="utf-8"))}
    covered = {(manifest[name]["producer"], manifest[name]["rules"]) for name in ONE_PER_PRODUCER_AND_RULES}
    assert covered == {(p, r) for p in ("chromium", "libreoffice", "reportlab") for r in ("grid", "hrules", "norules")}


@pytest.mark.parametrize("name", [*ONE_PER_PRODUCER_AND_RULES, GLYPHS_ON_CELL_EDGES])
def test_both_engines_give_the_same_plan(name: str) -> None:
    pdf = VARIANTS / f"{name}.pdf"
    first, second = (extract_plan(pdf, engine=engine).model_dump(mode="json") for engine in ("pdfplumber", "camelot"))
    assert first["findings"], "no findings read"
    problems = differences(first, second)
    assert not problems, f"{len(problems)} fields differ:\n" + "\n".join(problems)


def test_camelot_reads_an_encrypted_pdf_with_its_password(tmp_path: Path) -> None:
    """camelot renders pages with no password: the engine gives it a decrypted copy."""
    pikepdf = pytest.importorskip("pikepdf")
    name = ONE_PER_PRODUCER_AND_RULES[0]
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(VARIANTS / f"{name}.pdf") as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="userpass", owner="ownerpass"))
    first, second = (
        extract_plan(locked, engine=engine, password="userpass").model_dump(mode="json")
        for engine in ("pdfplumber", "camelot")
    )
    assert first["findings"], "no findings read"
    problems = differences(first, second)
    assert not problems, f"{len(problems)} fields differ:\n" + "\n".join(problems)


def page_of(rules: list[Rule]) -> PageContent:
    return PageContent(Path("t.pdf"), 1, 600.0, 800.0, (), tuple(rules), ())


def test_a_boundary_seen_on_the_rendered_page_snaps_to_the_nearest_rule_within_reach() -> None:
    assert snapped([57.4, 100.3, 102.5], [57.5, 100.5, 101.9]) == [57.5, 100.5, 101.9]
    assert snapped([57.4, 92.0], [57.5, 100.5]) == [57.5]  # no rule within three points of 92: no boundary


def test_boundaries_a_pixel_off_the_rules_give_the_pdfplumber_engines_cells() -> None:
    """A header row over a finding cell beside two action rows; camelot's positions a fraction off."""
    rules = [
        Rule(34.0, 70.5, 34.0, 400.0), Rule(57.5, 70.5, 57.5, 400.0), Rule(208.3, 70.5, 208.3, 400.0),
        Rule(322.3, 70.5, 322.3, 400.0),
        Rule(34.0, 70.5, 322.3, 70.5), Rule(34.0, 103.3, 322.3, 103.3), Rule(208.3, 250.0, 322.3, 250.0),
        Rule(34.0, 400.0, 322.3, 400.0),
    ]
    seen_xs, seen_ys = [34.0, 57.4, 208.1, 322.1], [70.8, 103.2, 249.8, 400.2]
    expected = PdfplumberEngine().find_cell_boxes(page_of(rules))
    assert [(b.x0, b.top, b.x1, b.bottom) for b in expected[0]] == [
        (34.0, 70.5, 57.5, 103.3), (57.5, 70.5, 208.3, 103.3), (208.3, 70.5, 322.3, 103.3),
        (34.0, 103.3, 57.5, 400.0), (57.5, 103.3, 208.3, 400.0), (208.3, 103.3, 322.3, 250.0),
        (208.3, 250.0, 322.3, 400.0),
    ]
    assert table_to_boxes(seen_xs, seen_ys, snapped_rules(rules)) == expected[0]


def test_a_page_with_no_rules_is_not_given_to_camelot() -> None:
    assert CamelotEngine().find_cell_boxes(page_of([])) == []


def test_a_column_rule_stopping_short_of_the_top_rule_bounds_rows_as_with_pdfplumber() -> None:
    """camelot bounds rows only where rules cross; the column rule at 100 starts below the top rule."""
    rules = [
        Rule(20.0, 50.0, 20.0, 300.0), Rule(100.0, 80.0, 100.0, 300.0), Rule(200.0, 50.0, 200.0, 300.0),
        Rule(380.0, 50.0, 380.0, 300.0), Rule(20.0, 50.0, 380.0, 50.0), Rule(20.0, 300.0, 380.0, 300.0),
    ]
    expected = PdfplumberEngine().find_cell_boxes(page_of(rules))
    assert [(b.x0, b.top, b.x1, b.bottom) for b in expected[0]] == [
        (20.0, 50.0, 200.0, 300.0), (200.0, 50.0, 380.0, 300.0),
    ]
    assert table_to_boxes([20.0, 100.2, 199.8, 380.1], [50.3, 299.8], snapped_rules(rules)) == expected[0]


def test_a_table_camelot_sees_where_the_pdf_draws_no_column_rule_is_none() -> None:
    """Shading's edges are no rules: camelot sees them on the rendered page, the rules hold only the row rules."""
    rules = [Rule(20.0, 50.0, 380.0, 50.0), Rule(20.0, 120.0, 380.0, 120.0), Rule(20.0, 200.0, 380.0, 200.0)]
    assert table_to_boxes([20.0, 300.0, 380.0], [50.0, 120.0, 200.0], snapped_rules(rules)) == []


def test_camelots_positions_are_moved_to_the_readers_on_a_page_whose_media_box_is_off_the_origin(
    tmp_path: Path,
) -> None:
    """camelot measures from the media box's corner; the readers do not."""
    pikepdf = pytest.importorskip("pikepdf")
    moved = tmp_path / "moved.pdf"
    with pikepdf.open(VARIANTS / f"{ONE_PER_PRODUCER_AND_RULES[0]}.pdf") as pdf:
        for page in pdf.pages:
            x1, y1 = float(page.MediaBox[2]), float(page.MediaBox[3])
            page.MediaBox = pikepdf.Array([50, 30, x1 + 50, y1 + 30])
            page.contents_add(pikepdf.Stream(pdf, b"1 0 0 1 50 30 cm\n"), prepend=True)
        pdf.save(moved)
    pages = list(READERS["pdfium"](moved, None))
    expected = [PdfplumberEngine().find_cell_boxes(without_shading_edges(page)) for page in pages]
    assert all(expected), "a ruled table on every page"
    assert [CamelotEngine().find_cell_boxes(without_shading_edges(page)) for page in pages] == expected
