"""`planextract report`: an HTML report per plan with the extracted values drawn on the pages.

For each plan, one self-contained HTML page (no network, no CDN): every PDF page rendered
as an image (pypdfium2), zoomable, with the cells each action was read from outlined and
labelled with the action ids in a strip beside the page (so a label never covers text);
a list of actions that highlights an action's boxes when clicked; the extracted records
and the plan's warnings; a summary (actions by status, by lead, due dates over time, as
SVG charts, and the overdue actions); and, given the plan's gold, the audit's per-field
accuracy with every wrong field shown in red beside its gold value (an "audit report").
`DIR/index.html` links the pages.

The plan is read with the same settings as `extract` (engine, reader, password, OCR),
keeping the table rows: each action is outlined by the action, progress, lead, due and
RAG cells of the row it came from, which `extract.rows.LogicalCell.boxes` place on their
pages. With `--from DIR`, a plan already extracted into DIR (same sha256) is shown as it
was extracted; its cells are outlined from a reading of the text layer only when that
reading gives the same plan, so a scanned plan is not read with OCR again.

This module computes what is shown; the HTML is in the Jinja2 templates of `templates/`.
"""

from __future__ import annotations

import argparse
import base64
import io
import itertools
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pypdfium2

from extract.audit import (
    FIELDS,
    DocumentScore,
    Mistake,
    f1,
    fraction,
    match_actions,
    match_findings,
    score_document,
)
from extract.errors import ExtractionError, command_line_message
from extract.layout import TextLine
from extract.page import BBox
from extract.pipeline import Extractor, ExtractSettings, PlanReading
from extract.writers import write_atomic
from schemas.plan import Action, Plan, Role

RENDER_SCALE = 2.0  # pixels per PDF point: sharp at the printed size and when zoomed to 150 %
BOX_ROLES: tuple[Role, ...] = ("action", "progress", "lead", "due", "rag")
STATUSES = ("complete", "delayed", "ongoing", "not_reported")
STATUS_LABELS = {"complete": "complete", "delayed": "delayed", "ongoing": "ongoing", "not_reported": "not reported"}
STATUS_COLOURS = {"complete": "#2e7d32", "delayed": "#c62828", "ongoing": "#1565c0", "not_reported": "#9e9e9e"}
ZOOMS = (("fit width", 0), ("100 %", 1), ("150 %", 1.5), ("200 %", 2))  # 0 fits the width, 1 is the printed size
TOP_LEADS = 10
ID_COLUMN_MIN, ID_COLUMN_MAX = 48, 120  # px: wider ids (section-prefixed) wrap
LABEL_CHARS = 26
LONG_LABEL_IDS = 3
LONG_LABEL_CHARS = 14
LABEL_HEIGHT = 11
LABEL_GAP = 2
LABEL_CHAR_WIDTH = 5.2  # points per character of a box label (8 pt bold)
GUTTER_MARGIN = 6  # points between the page's edge and the labels
MAX_MONTH_BARS = 48
MAX_AXIS_LABELS = 7
COLUMN_OF_FIELD = {
    "action.text": "text", "action.progress": "progress", "action.leads": "leads", "action.due.date": "due",
    "action.due.precision": "due", "action.completed.date": "completed", "action.status": "status",
    "action.rag": "rag",
}
RECORD_COLUMNS = ("id", "text", "progress", "leads", "due", "completed", "status", "rag")
# the text and progress columns share what the others leave
COLUMN_WIDTHS = {"leads": "13%", "due": "9%", "completed": "9%", "status": "104px", "rag": "72px"}
TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class RowBoxes:
    """A table row that gave actions: their positions in plan order, its cells' (page, box) and text lines."""

    positions: tuple[int, ...]
    boxes: tuple[tuple[int, BBox], ...]
    lines: tuple[TextLine, ...]


@dataclass(frozen=True)
class PageImage:
    """One rendered page: its size in PDF points and its PNG as base64."""

    number: int
    width: float
    height: float
    png_base64: str


@dataclass(frozen=True)
class Report:
    """One plan's report page and the figures the index shows."""

    html: str
    plan: Plan
    overdue: int
    accuracy: str | None


@dataclass(frozen=True)
class Extraction:
    """The Plan with the rows its actions came from; `note` says why no cells are outlined, when none are."""

    plan: Plan
    rows: list[RowBoxes]
    note: str | None = None


@dataclass(frozen=True)
class Label:
    """A row's id label in the strip right of the page: where it sits, and the row's top right corner it points at."""

    keys: str
    text: str
    x: float
    y: float
    width: float
    row_x: float
    row_y: float


# ---------------------------------------------------------------- reading

def read_extraction(pdf: Path, reading: Mapping[str, Any] | None = None) -> Extraction:
    """The Plan in `pdf` (as the extract command makes it with these settings) and the rows its actions came from."""
    extracted = Extractor(ExtractSettings(**(reading or {}))).read(pdf)
    return Extraction(extracted.plan, action_rows(extracted))


def reused_extraction(pdf: Path, plan: Plan, reading: Mapping[str, Any] | None = None) -> Extraction:
    """An already extracted `plan` of `pdf`, its cells located by reading the text layer (never OCR) when
    that reading gives the same plan."""
    settings = {**(reading or {}), "ocr": False}
    try:
        extracted = Extractor(ExtractSettings(**settings)).read(pdf)
    except ExtractionError as error:
        return Extraction(plan, [], f"Cells are not outlined: the plan is shown as extracted, and {error.message}.")
    if extracted.plan != plan:
        return Extraction(plan, [], "Cells are not outlined: the plan is shown as extracted, which differs from "
                                    "what reading the PDF now gives (other settings or another version).")
    return Extraction(plan, action_rows(extracted))


def action_rows(reading: PlanReading) -> list[RowBoxes]:
    """Each table row's actions (positions in the plan, in order) with the row's boxes and lines."""
    actions = [action for finding in reading.findings for action in finding.actions]
    rows: list[RowBoxes] = []
    for index, group in itertools.groupby(enumerate(actions), key=lambda pair: pair[1].row):
        row = reading.table.rows[index]
        cells = [row.cells[role] for role in BOX_ROLES if role in row.cells]
        rows.append(RowBoxes(
            tuple(position for position, _ in group),
            tuple(box for cell in cells for box in cell.boxes),
            tuple(line for cell in cells for line in cell.lines),
        ))
    return rows


def render_pages(pdf: Path, password: str | None = None) -> list[PageImage]:
    """Every page as a PNG at RENDER_SCALE (a 256-colour palette keeps the page small)."""
    document = pypdfium2.PdfDocument(pdf, password=password)
    images = []
    try:
        for number, page in enumerate(document, start=1):
            width, height = page.get_size()
            buffer = io.BytesIO()
            page.render(scale=RENDER_SCALE).to_pil().quantize(colors=256).save(buffer, "PNG", optimize=True)
            images.append(PageImage(number, width, height, base64.b64encode(buffer.getvalue()).decode("ascii")))
            page.close()
    finally:
        document.close()
    return images


# ---------------------------------------------------------------- small helpers

def plan_actions(plan: Plan) -> list[Action]:
    """Every action of the plan in document order; an action's position here is its DOM key's number."""
    return [action for finding in plan.findings for action in finding.actions]


def key_of(position: int) -> str:
    """The DOM key of the action at this position in plan order (ids may repeat; keys do not)."""
    return f"a{position}"


def value_text(value: object) -> str:
    """An audit or record value as shown: null as an em dash, lists joined with "; "."""
    if value is None:
        return "—"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "—"
    return str(value)


def short(text: str, limit: int) -> str:
    """`text` cut to `limit` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def label_for(ids: Sequence[str]) -> str:
    """A row's box label: its ids, or the first and last ("4a–4e", "safe-1.1–1.3") when long."""
    joined = " ".join(ids)
    if len(ids) == 1 or (len(ids) <= LONG_LABEL_IDS and len(joined) <= LONG_LABEL_CHARS):
        return joined
    first, last = ids[0], ids[-1]
    section = first[: first.rfind("-") + 1]  # a shared section prefix is shown once: "safe-1.1–1.3"
    return f"{first}–{last.removeprefix(section)}"


def label_width(text: str) -> float:
    """The width in points of a box label showing `text`."""
    return LABEL_CHAR_WIDTH * len(text) + 6


def overdue_actions(plan: Plan) -> list[tuple[int, Action]]:
    """Actions due before the plan's as-at date and not complete, earliest first."""
    if plan.as_at is None or plan.as_at.date is None:
        return []
    as_at = plan.as_at.date
    found = [
        (position, action) for position, action in enumerate(plan_actions(plan))
        if action.due and action.due.date and action.due.date < as_at and action.status != "complete"
    ]
    return sorted(found, key=lambda item: item[1].due.date if item[1].due else "")


# ---------------------------------------------------------------- pages

def page_labels(rows: Sequence[RowBoxes], ids: Sequence[str], page: PageImage) -> list[Label]:
    """The labels of the rows with boxes on this page, top to bottom in the strip right of the page,
    each at its row's top or pushed just below the label above it."""
    placed: list[Label] = []
    corners = []
    for row in rows:
        boxes = [box for number, box in row.boxes if number == page.number]
        if boxes:
            corners.append((min(box.top for box in boxes), max(box.x1 for box in boxes), row))
    for top, right, row in sorted(corners, key=lambda item: item[0]):
        text = label_for([ids[p] for p in row.positions])
        y = max(top, placed[-1].y + LABEL_HEIGHT + LABEL_GAP) if placed else top
        placed.append(Label(
            " ".join(key_of(p) for p in row.positions), text, page.width + GUTTER_MARGIN, y, label_width(text),
            right, top,
        ))
    return placed


def gutter_width(extraction: Extraction) -> float:
    """The width of the label strip beside every page: the widest label, and a margin."""
    ids = [action.id for action in plan_actions(extraction.plan)]
    widths = [label_width(label_for([ids[p] for p in row.positions])) for row in extraction.rows]
    return max(widths, default=0.0) + 2 * GUTTER_MARGIN if widths else 0.0


def pages_view(images: Sequence[PageImage], extraction: Extraction) -> dict[str, Any]:
    """Each page with every action row's cells as boxes and its labels in the strip beside it."""
    ids = [action.id for action in plan_actions(extraction.plan)]
    pages = []
    for image in images:
        boxes = [
            {"action_keys": " ".join(key_of(p) for p in row.positions),
             "title": ", ".join(ids[p] for p in row.positions),
             "x": box.x0, "y": box.top, "width": box.width, "height": box.height}
            for row in extraction.rows for number, box in row.boxes if number == image.number
        ]
        pages.append({
            "number": image.number, "width": image.width, "height": image.height, "png": image.png_base64,
            "boxes": boxes, "labels": page_labels(extraction.rows, ids, image),
        })
    return {"pages": pages, "gutter": gutter_width(extraction), "label_height": LABEL_HEIGHT, "zooms": ZOOMS,
            "note": extraction.note}


def findings_view(plan: Plan) -> list[dict[str, Any]]:
    """The action list: actions grouped by finding, each with the key that ties it to its boxes and record."""
    positions = itertools.count()
    return [
        {
            "heading": " ".join(x for x in (finding.section, finding.number) if x), "text": finding.text,
            "short_text": short(finding.text, 60),
            "actions": [
                {"key": key_of(next(positions)), "id": action.id, "text": action.text,
                 "short_text": short(action.text, 70), "status": action.status}
                for action in finding.actions
            ],
        }
        for finding in plan.findings
    ]


# ---------------------------------------------------------------- records

def record_cell(column: str, action: Action, mistakes: Sequence[Mistake]) -> dict[str, Any]:
    """One cell of the records table: how it is shown, its value, and the gold values of its mistakes."""
    notes = [
        {"field": m.field, "got": value_text(m.got), "gold": value_text(m.gold),
         "part": m.field.rsplit(".", 1)[1] if column in ("due", "completed") else ""}
        for m in mistakes
    ]
    cell: dict[str, Any] = {"column": column, "mistakes": notes, "kind": "clamp", "value": "", "small": None}
    if column == "id":
        cell.update(kind="plain", value=action.id)
    elif column == "leads":
        cell.update(kind="plain", value=value_text(action.leads))
    elif column in ("due", "completed"):
        value = action.due if column == "due" else action.completed
        cell.update(kind="date", value=value.text if value else "—", small=value.date if value else None)
    elif column == "status":
        cell.update(kind="pill", css=f"st-{action.status}", value=STATUS_LABELS[action.status])
    elif column == "rag" and action.rag:
        cell.update(kind="pill", css=f"rag-{action.rag}", value=action.rag)
    elif column == "rag":
        cell.update(kind="plain", value="—")
    else:
        cell["value"] = value_text(getattr(action, column))
    return cell


def records_view(plan: Plan, wrong: Mapping[tuple[int, str], list[Mistake]]) -> dict[str, Any]:
    """The extracted records (a wrong field red with the gold value under it) and the plan's warnings."""
    longest = max((len(action.id) for action in plan_actions(plan)), default=2)
    widths = {"id": f"{min(ID_COLUMN_MAX, max(ID_COLUMN_MIN, 8 * longest + 20))}px", **COLUMN_WIDTHS}
    return {
        "columns": [{"name": column, "width": widths.get(column)} for column in RECORD_COLUMNS],
        "records": [
            {"key": key_of(position),
             "cells": [record_cell(column, action, wrong.get((position, column), [])) for column in RECORD_COLUMNS]}
            for position, action in enumerate(plan_actions(plan))
        ],
        "warnings": plan.warnings,
    }


# ---------------------------------------------------------------- gold

def gold_positions(gold: Plan, plan: Plan) -> dict[str, int]:
    """Gold action id -> position of the extracted action the audit matched it with."""
    position_of = {id(action): position for position, action in enumerate(plan_actions(plan))}
    positions: dict[str, int] = {}
    for g, e in match_findings(gold.findings, plan.findings).items():
        gold_actions, got_actions = gold.findings[g].actions, plan.findings[e].actions
        for a, b in match_actions(gold_actions, got_actions).items():
            positions[gold_actions[a].id] = position_of[id(got_actions[b])]
    return positions


def wrong_cells(score: DocumentScore, gold: Plan, plan: Plan) -> dict[tuple[int, str], list[Mistake]]:
    """(action position, record column) -> the audit's mistakes shown in that cell."""
    positions = gold_positions(gold, plan)
    cells: dict[tuple[int, str], list[Mistake]] = {}
    for mistake in score.mistakes:
        if not mistake.where.startswith("action "):
            continue
        position = positions.get(mistake.where.removeprefix("action "))
        if position is not None:
            cells.setdefault((position, COLUMN_OF_FIELD[mistake.field]), []).append(mistake)
    return cells


def accuracy_view(score: DocumentScore, gold: Plan, plan: Plan) -> dict[str, Any]:
    """The audit's per-field accuracy for this plan, then every wrong field with both values."""
    precision, recall, f_score = f1(score.matched_actions, score.extracted_actions, score.gold_actions)
    rows = [
        ("actions precision", f"{precision:.3f} ({score.matched_actions}/{score.extracted_actions})", precision < 1),
        ("actions recall", f"{recall:.3f} ({score.matched_actions}/{score.gold_actions})", recall < 1),
        ("actions F1", f"{f_score:.3f}", f_score < 1),
    ]
    rows += [(name, fraction(score.correct[name], score.scored[name]), score.correct[name] < score.scored[name])
             for name in FIELDS]
    correct, scored = sum(score.correct.values()), sum(score.scored.values())
    rows.append(("all fields", fraction(correct, scored), correct < scored))
    document_values = {
        "title": (gold.title, plan.title), "organisation": (gold.organisation, plan.organisation),
        "as_at.date": (gold.as_at.date if gold.as_at else None, plan.as_at.date if plan.as_at else None),
    }
    wrong_document = [
        Mistake(score.name, "document", name, gold_value, got_value)
        for name, (gold_value, got_value) in document_values.items() if not score.document_fields.get(name, False)
    ]
    wrong_names = {m.field for m in wrong_document}
    rows += [(name, "WRONG" if name in wrong_names else "ok", name in wrong_names) for name in document_values]
    return {
        "rows": [{"name": name, "value": value, "bad": bad} for name, value, bad in rows],
        "mistakes": [
            {"where": m.where, "field": m.field, "gold": value_text(m.gold), "got": value_text(m.got)}
            for m in [*wrong_document, *score.mistakes]
        ],
    }


# ---------------------------------------------------------------- charts

def bar_chart(title: str, bars: Sequence[tuple[str, int, str]], note: str = "") -> dict[str, Any]:
    """A horizontal bar chart: one (label, count, colour) per bar."""
    width, label_width_, row = 380, 170, 20
    plot = width - label_width_ - 36
    top = max((count for _, count, _ in bars), default=0) or 1
    return {
        "title": title, "width": width, "height": row * len(bars) + 4, "label_width": label_width_, "row": row,
        "note": note,
        "bars": [
            {"label": label, "short_label": short(label, LABEL_CHARS), "count": count, "colour": colour,
             "y": i * row, "length": plot * count / top}
            for i, (label, count, colour) in enumerate(bars)
        ],
    }


def status_chart(actions: Sequence[Action]) -> dict[str, Any]:
    """Actions per status, in the order of STATUSES."""
    counts = Counter(action.status for action in actions)
    return bar_chart("Actions by status", [(STATUS_LABELS[s], counts[s], STATUS_COLOURS[s]) for s in STATUSES])


def lead_chart(actions: Sequence[Action]) -> dict[str, Any]:
    """Actions per lead (an action with two leads counts for both), the busiest first."""
    counts = Counter(lead for action in actions for lead in action.leads or ["(no lead)"])
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    rest = len(ranked) - TOP_LEADS
    note = f"and {rest} more lead{'s' if rest > 1 else ''}" if rest > 0 else ""
    return bar_chart("Actions by lead", [(lead, n, "#5e6b7d") for lead, n in ranked[:TOP_LEADS]], note)


def month_index(iso: str) -> int:
    """The months since year 0 of an ISO date."""
    return int(iso[:4]) * 12 + int(iso[5:7]) - 1


def month_name(index: int) -> str:
    """A month index as "Jan 2019"."""
    return f"{('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')[index % 12]} " \
           f"{index // 12}"


def due_chart(plan: Plan, actions: Sequence[Action]) -> dict[str, Any]:
    """Due dates per month (per quarter over long spans), stacked by status, the as-at date marked."""
    dated = [a for a in actions if a.due and a.due.date]
    undated = len(actions) - len(dated)
    chart: dict[str, Any] = {"note": f"{undated} action{'s' if undated != 1 else ''} without a due date", "stacks": []}
    if not dated:
        return chart
    as_at = plan.as_at.date if plan.as_at and plan.as_at.date else None
    months = [month_index(a.due.date) for a in dated if a.due and a.due.date]
    span = months + ([month_index(as_at)] if as_at else [])
    first, last = min(span), max(span)
    step = 3 if last - first + 1 > MAX_MONTH_BARS else 1
    first -= first % step
    buckets = (last - first) // step + 1
    counts = [Counter() for _ in range(buckets)]
    for action, month in zip(dated, months):
        counts[(month - first) // step][action.status] += 1
    width, height, left, right, bottom, top = 560, 170, 28, 28, 34, 14
    plot_w, plot_h = width - left - right, height - bottom - top
    tallest = max(sum(c.values()) for c in counts) or 1
    bar_w = plot_w / buckets
    label_every = -(-buckets // MAX_AXIS_LABELS)
    stacks = []
    for i, count in enumerate(counts):
        start = first + i * step
        y, parts = top + plot_h, []
        for status in (s for s in STATUSES if count[s]):
            h = plot_h * count[status] / tallest
            y -= h
            parts.append({"y": y, "height": h, "colour": STATUS_COLOURS[status], "count": count[status],
                          "label": STATUS_LABELS[status]})
        stacks.append({
            "x": left + i * bar_w, "middle": left + (i + 0.5) * bar_w, "parts": parts,
            "period": month_name(start) if step == 1 else f"{month_name(start)} – {month_name(start + step - 1)}",
            "axis_label": month_name(start) if i % label_every == 0 else None,
        })
    chart.update(
        width=width, height=height, left=left, right=right, bottom=bottom, top=top, plot_height=plot_h,
        bar_width=max(bar_w - 2, 1), unit="quarter" if step == 3 else "month", stacks=stacks,
        ticks=[{"y": top + plot_h - plot_h * tick / tallest, "value": tick} for tick in sorted({0, tallest // 2,
                                                                                                tallest})],
        as_at={"x": left + ((month_index(as_at) - first) / step + 0.5) * bar_w,
               "text": plan.as_at.text if plan.as_at else as_at} if as_at else None,
    )
    return chart


def summary_view(plan: Plan) -> dict[str, Any]:
    """Figures, the three charts and the overdue actions."""
    actions = plan_actions(plan)
    overdue = overdue_actions(plan)
    complete = sum(a.status == "complete" for a in actions)
    dated = plan.as_at is not None and plan.as_at.date is not None
    return {
        "figures": [
            ("findings", str(len(plan.findings))), ("actions", str(len(actions))),
            ("complete", f"{complete / len(actions):.0%}" if actions else "—"),
            ("overdue", str(len(overdue)) if dated else "—"), ("pages", str(plan.source.pages)),
            ("warnings", str(len(plan.warnings))), ("coverage", coverage_text(plan.coverage)),
        ],
        "status_chart": status_chart(actions), "lead_chart": lead_chart(actions), "due_chart": due_chart(plan, actions),
        "statuses": [{"label": STATUS_LABELS[s], "colour": STATUS_COLOURS[s]} for s in STATUSES],
        "as_at": plan.as_at.text if dated and plan.as_at else None,
        "overdue": [
            {"key": key_of(p), "id": a.id, "text": short(a.text, 110), "due": a.due.text if a.due else "",
             "status": a.status, "status_label": STATUS_LABELS[a.status], "leads": "; ".join(a.leads)}
            for p, a in overdue
        ],
    }


def coverage_text(coverage: float | None) -> str:
    """The share of the table's words that went into the plan, or "not measured"."""
    return "not measured" if coverage is None else f"{coverage:.1%}"


# ---------------------------------------------------------------- documents

@cache
def templates() -> jinja2.Environment:
    """The report's templates, escaping every value."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )


def summary_html(plan: Plan) -> str:
    """The summary panel alone (figures, charts, overdue actions)."""
    return templates().get_template("parts.html.j2").module.summary(summary_view(plan))


def make_report(pdf: Path, gold: Plan | None, extraction: Extraction, password: str | None = None) -> Report:
    """Render the plan's pages and build its report page (an audit report when there is a gold)."""
    plan = extraction.plan
    wrong: dict[tuple[int, str], list[Mistake]] = {}
    score, figure = None, None
    if gold is not None:
        document_score = score_document(pdf.stem, gold, plan)
        wrong = wrong_cells(document_score, gold, plan)
        score = accuracy_view(document_score, gold, plan)
        figure = fraction(sum(document_score.correct.values()), sum(document_score.scored.values()))
    heading = plan.title or pdf.stem
    kind = "Audit report" if gold is not None else "Report"
    facts = [
        ("organisation", plan.organisation), ("as at", plan.as_at.text if plan.as_at else None),
        ("source", pdf.name), ("sha256", plan.source.sha256[:12]), ("coverage", coverage_text(plan.coverage)),
    ]
    html = templates().get_template("plan.html.j2").render(
        title=f"{kind}: {heading}", kind=kind, heading=heading, facts=[(k, v) for k, v in facts if v],
        score=score, summary_view=summary_view(plan), findings=findings_view(plan),
        pages_view=pages_view(render_pages(pdf, password), extraction), records_view=records_view(plan, wrong),
    )
    return Report(html, plan, len(overdue_actions(plan)), figure)


def build_report(pdf: Path, gold: Plan | None, reading: Mapping[str, Any] | None = None) -> str:
    """The self-contained HTML report of the plan in `pdf`, scored against `gold` when given."""
    password = (reading or {}).get("password")
    return make_report(pdf, gold, read_extraction(pdf, reading), password).html


def index_html(entries: Sequence[tuple[str, Report]], failures: Sequence[tuple[Path, str]], with_gold: bool) -> str:
    """The index page: one row per report, then the inputs that failed."""
    head = ["plan", "title", "organisation", "as at", "pages", "actions", *STATUS_LABELS.values(), "overdue",
            "warnings", "coverage"] + (["accuracy (all fields)"] if with_gold else [])
    rows = []
    for name, report in entries:
        plan = report.plan
        statuses = Counter(a.status for a in plan_actions(plan))
        rows.append({"name": name, "accuracy": report.accuracy, "cells": [
            plan.title or "", plan.organisation or "", plan.as_at.text if plan.as_at else "", plan.source.pages,
            sum(statuses.values()), *(statuses[s] for s in STATUSES), report.overdue, len(plan.warnings),
            coverage_text(plan.coverage),
        ]})
    title = "Improvement plans: audit reports" if with_gold else "Improvement plans: reports"
    return templates().get_template("index.html.j2").render(
        title=title, head=head, entries=rows, with_gold=with_gold,
        failures=[{"name": path.name, "error": error} for path, error in failures],
    )


# ---------------------------------------------------------------- command line

def unique_names(paths: Sequence[Path]) -> list[str]:
    """Each input's file stem, numbered when two inputs share a stem."""
    names: list[str] = []
    for path in paths:
        name, n = path.stem, 2
        while name in names:
            name, n = f"{path.stem}-{n}", n + 1
        names.append(name)
    return names


def load_gold(gold_dir: Path | None, pdf: Path) -> Plan | None:
    """The plan's gold from GOLD/NAME.gold.json, None when no folder was given or it has none."""
    if gold_dir is None:
        return None
    path = gold_dir / f"{pdf.stem}.gold.json"
    return Plan.model_validate_json(path.read_text(encoding="utf-8")) if path.is_file() else None


def extracted_plan(folder: Path | None, pdf: Path) -> Plan | None:
    """The plan of this very file (same sha256) that `extract` wrote into `folder`, if any."""
    from extract.batch import read_manifest
    from extract.pipeline import file_sha256

    if folder is None or not pdf.is_file():
        return None
    sha256 = file_sha256(pdf)
    names = [e["name"] for e in read_manifest(folder) if e.get("sha256") == sha256] + [pdf.stem]
    for name in names:
        path = folder / f"{name}.json"
        if path.is_file():
            plan = Plan.model_validate_json(path.read_text(encoding="utf-8"))
            if plan.source.sha256 == sha256:
                return plan
    return None


def report_of(pdf: Path, args: argparse.Namespace, reading: Mapping[str, Any]) -> Report:
    """One input's report: its plan reused from --from when there, else read; scored against its gold."""
    reused = extracted_plan(args.extracted, pdf)
    extraction = reused_extraction(pdf, reused, reading) if reused else read_extraction(pdf, reading)
    return make_report(pdf, load_gold(args.gold, pdf), extraction, reading.get("password"))


def run(args: argparse.Namespace, reading: Mapping[str, Any] | None = None) -> int:
    """Write OUT/NAME.html per input and OUT/index.html; 0 when every input made a report, else 1.

    `reading` holds the settings PDFs are read with (ExtractSettings' engine, reader, password, ocr).
    """
    from pydantic import ValidationError

    from extract.inputs import find_inputs, readable_folder, usable_folder

    reading = reading or {}
    inputs = find_inputs(args.paths)
    out = usable_folder(args.out)
    for option, folder in (("--gold", args.gold), ("--from", args.extracted)):
        if folder is not None:
            readable_folder(folder, option)
    entries: list[tuple[str, Report]] = []
    failures: list[tuple[Path, str]] = []
    for pdf, name in zip(inputs, unique_names(inputs)):
        try:
            report = report_of(pdf, args, reading)
        except ExtractionError as error:
            failures.append((pdf, command_line_message(error)))
        except ValidationError as error:
            failures.append((pdf, f"{pdf}: its gold or extracted plan is not a valid Plan ({error.error_count()} "
                                  "errors)"))
        except (OSError, pypdfium2.PdfiumError) as error:
            failures.append((pdf, f"{pdf}: {error}"))
        else:
            write_atomic(out / f"{name}.html", report.html)
            entries.append((name, report))
            continue
        print(f"planextract: {failures[-1][1]}", file=sys.stderr)
    write_atomic(out / "index.html", index_html(entries, failures, args.gold is not None))
    if not args.quiet:
        print(f"{len(entries)} report{'s' if len(entries) != 1 else ''}, {len(failures)} failed; open "
              f"{out / 'index.html'}", file=sys.stderr)
    return 1 if failures else 0
