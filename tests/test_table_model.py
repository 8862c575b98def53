"""The table model's newer rules: shading is no rule, drawn bullets, cells spanning rows without rules,
headings above a table, findings and rows carried over a page."""

from __future__ import annotations

from pathlib import Path

from extract.columns import header_role, plan_header_roles
from extract.layout import TextLine, Word
from extract.page import BBox, Char, Fill, PageContent, Rule
from extract.rows import heading_above
from extract.tables.base import tiny_shapes, with_drawn_bullets, without_shading_edges
from extract.tables.borderless import PhysicalLine, merge_spanning_cells, spanning_columns


def page_of(chars: list[Char] = (), rules: list[Rule] = (), fills: list[Fill] = ()) -> PageContent:
    return PageContent(Path("t.pdf"), 1, 600.0, 800.0, tuple(chars), tuple(rules), tuple(fills))


def box_edges(box: BBox) -> list[Rule]:
    return [
        Rule(box.x0, box.top, box.x1, box.top), Rule(box.x0, box.bottom, box.x1, box.bottom),
        Rule(box.x0, box.top, box.x0, box.bottom), Rule(box.x1, box.top, box.x1, box.bottom),
    ]


def test_the_edges_of_shading_are_no_rules_but_a_line_drawn_on_them_stays() -> None:
    shading = BBox(20, 50, 200, 70)
    drawn = Rule(20, 70, 200, 70)  # a rule under the shaded header row
    border = BBox(20, 100, 200, 100.5)  # Word draws borders as thin filled rectangles: they stay rules
    page = page_of(
        rules=[*box_edges(shading), drawn, *box_edges(border)],
        fills=[Fill(shading, (0.8, 0.8, 0.9)), Fill(border, (0, 0, 0))],
    )
    assert without_shading_edges(page).rules == (drawn, *box_edges(border))


def disc(x: float, top: float) -> list[Rule]:
    """A 3 pt disc drawn as eight short curve segments, as a browser prints a list bullet."""
    points = [(x + 1.5, top), (x + 2.6, top + 0.4), (x + 3, top + 1.5), (x + 2.6, top + 2.6), (x + 1.5, top + 3),
              (x + 0.4, top + 2.6), (x, top + 1.5), (x + 0.4, top + 0.4)]
    rules = []
    for (ax, ay), (bx, by) in zip(points, [*points[1:], points[0]]):
        rules.append(Rule(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    return rules


def test_discs_drawn_with_segments_are_found_as_shapes() -> None:
    assert tiny_shapes([*disc(100, 50), *disc(100, 70), Rule(20, 90, 300, 90)]) == [
        BBox(100, 50, 103, 53), BBox(100, 70, 103, 73),
    ]


def test_a_disc_before_a_line_reads_as_a_bullet_glyph() -> None:
    text = [Char("A", 110, 116, 48, 57, 9.0, False), Char("u", 116, 121, 48, 57, 9.0, False)]
    far = [Char("B", 300, 306, 68, 77, 9.0, False)]  # no text right after the second disc
    page = with_drawn_bullets(page_of([*text, *far], [*disc(100, 50), *disc(100, 70)]))
    assert page.chars[-1] == Char("•", 100, 103, 48, 57, 9.0, False)
    assert len(page.chars) == 4


def test_a_finding_cell_running_across_row_starts_is_merged_down() -> None:
    lefts = [20.0, 200.0]
    boxes = [BBox(20, 99, 200, 149), BBox(200, 99, 380, 149), BBox(20, 149, 200, 172), BBox(200, 149, 380, 172)]
    assert merge_spanning_cells(boxes, {(0, 1)}, lefts) == [
        BBox(20, 99, 200, 172), BBox(200, 99, 380, 149), BBox(200, 149, 380, 172),
    ]
    assert merge_spanning_cells(boxes, set(), lefts) == boxes


def line(text: str, top: float, size: float = 10.0, bold: bool = True) -> TextLine:
    return TextLine(text, 20, 20 + 5 * len(text), top, top + size, size, bold, 30.0, 1)


def test_the_heading_nearest_above_a_table_names_its_run() -> None:
    lines = [
        line("Haverleigh Council", 30, 11), line("Health and Wellbeing Strategy 2019-2024", 48, 16),
        line("Proposed Priorities ~ CYPE", 70, 13), line("Page 1", 780, 8, False),
    ]
    assert heading_above(lines, 90) == "Proposed Priorities ~ CYPE"
    assert heading_above([line("Page 2", 20, 8, False)], 90) is None


def test_headers_of_actions_only_tables_and_words_broken_in_narrow_cells() -> None:
    assert plan_header_roles(["What we have committed to", "Led by", "Timescale", "Measure", "Shared Outcome"]) == {
        "action", "lead", "due", "measure",
    }
    assert [header_role(t) for t in ("R ef", "RA G", "Area of weakness", "How we will know", "Resources")] == [
        "number", "rag", "finding", "measure", None,
    ]


def test_a_legend_of_coloured_boxes_above_the_table_maps_rag_words(tmp_path: Path) -> None:
    """"Some slippage" in a RAG cell is amber because the plan's legend prints an amber box beside it.

    The legend prints its boxes side by side on one line, each followed by its words.
    """
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    from extract import extract_plan

    path = tmp_path / "legend.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape(A4))
    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(40, 550, "Improvement Plan 2020")
    for x, colour, words in ((40, (1, 0.75, 0), "Some slippage"), (140, (0, 0.6, 0.2), "On track")):
        pdf.setFillColorRGB(*colour)
        pdf.rect(x, 520, 9, 9, stroke=0, fill=1)
        pdf.setFillColorRGB(0, 0, 0)
        pdf.setFont("Helvetica", 9)
        pdf.drawString(x + 14, 521, words)
    xs, ys = [40, 240, 440, 560, 680], [500, 480, 440]
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    for x, text in zip(xs, ("Finding", "Action", "Lead", "RAG")):
        pdf.setFont("Helvetica-Bold", 9)
        pdf.drawString(x + 4, 487, text)
    for x, text in zip(xs, ("1. Improve audits.", "a) Audit case files.", "a) Jo Bloggs", "On track")):
        pdf.setFont("Helvetica", 9)
        pdf.drawString(x + 4, 467, text)
    pdf.save()
    plan = extract_plan(path)
    assert [(a.id, a.text, a.leads, a.rag) for f in plan.findings for a in f.actions] == [
        ("1a", "Audit case files.", ["Jo Bloggs"], "green"),
    ]


def test_an_update_running_across_row_starts_spans_them_and_a_lead_never_does() -> None:
    def word(text: str, x0: float, top: float) -> Word:
        return Word(text, x0, x0 + 6 * len(text), top, top + 10, 10.0, False)

    lines = [
        PhysicalLine((word("Audit", 20, 100), word("Memo", 200, 100))),
        PhysicalLine((word("sent", 200, 112),)),
        PhysicalLine((word("Train", 20, 124), word("to", 200, 124))),
        PhysicalLine((word("staff", 200, 136),)),
    ]
    assert spanning_columns([100, 124], [(19, "Action"), (199, "Progress update")], lines) == {(1, 1)}
    assert spanning_columns([100, 124], [(19, "Action"), (199, "Lead officer")], lines) == set()
