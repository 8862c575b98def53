"""`planextract report`: an HTML audit report with the extracted values drawn on the pages.

For each plan, one self-contained HTML page (no network, no CDN): every PDF page rendered
as an image (pypdfium2) with the cells each action was read from outlined and labelled
with the action ids; a side list of actions that highlights an action's boxes when
clicked; beside the pages, the extracted records and the plan's warnings; a summary
(actions by status, by lead, due dates over time, as hand-written SVG charts, and the
overdue actions); and, given the plan's gold, the audit's per-field accuracy with every
wrong field shown in red beside its gold value. `DIR/index.html` links the pages.

The boxes come from running the pipeline's stages here (read -> tables -> stitch ->
items -> plan, as `Extractor.extract_text_layer` does) and keeping the table rows: each
action is outlined by the action, progress, lead, due and RAG cells of the row it came
from, which `extract.rows.LogicalCell.boxes` place on their pages.
"""

from __future__ import annotations

import argparse
import base64
import io
import itertools
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

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
from extract.errors import ExtractionError
from extract.layout import TextLine
from extract.pipeline import Extractor, PlanReading, StageTimes
from extract.read import BBox
from extract.tables import PageTables
from extract.writers import write_atomic
from schemas.plan import Action, Plan, Role

RENDER_SCALE = 1.2
BOX_ROLES: tuple[Role, ...] = ("action", "progress", "lead", "due", "rag")
STATUSES = ("complete", "delayed", "ongoing", "not_reported")
STATUS_LABELS = {"complete": "complete", "delayed": "delayed", "ongoing": "ongoing", "not_reported": "not reported"}
STATUS_COLOURS = {"complete": "#2e7d32", "delayed": "#c62828", "ongoing": "#1565c0", "not_reported": "#9e9e9e"}
TOP_LEADS = 10
ID_COLUMN_MIN, ID_COLUMN_MAX = 44, 112  # px: wider ids (section-prefixed) wrap
LABEL_CHARS = 26
LONG_LABEL_IDS = 3
LONG_LABEL_CHARS = 14
LABEL_HEIGHT = 11
LABEL_CHAR_WIDTH = 5.2  # points per character of a box label (8 pt bold)
MAX_MONTH_BARS = 48
MAX_AXIS_LABELS = 7
COLUMN_OF_FIELD = {
    "action.text": "text", "action.progress": "progress", "action.leads": "leads", "action.due.date": "due",
    "action.due.precision": "due", "action.completed.date": "completed", "action.status": "status",
    "action.rag": "rag",
}
RECORD_COLUMNS = ("id", "text", "progress", "leads", "due", "completed", "status", "rag")


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
    """The Plan with where its actions were printed: the rows they came from and each page's table boxes."""

    plan: Plan
    rows: list[RowBoxes]
    tables: dict[int, list[BBox]]


def read_extraction(pdf: Path) -> Extraction:
    """The Plan in `pdf` (as the extract command makes it) and the rows its actions came from."""
    tables: dict[int, list[BBox]] = {}

    def keep(page: PageTables) -> None:
        tables[page.page] = [grid.bbox for grid in page.grids]

    reading = Extractor().read_plan(pdf, pdf, StageTimes(), on_page=keep)
    return Extraction(reading.plan, action_rows(reading), tables)


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


def render_pages(pdf: Path) -> list[PageImage]:
    """Every page as a PNG at RENDER_SCALE (a 256-colour palette keeps the page small)."""
    document = pypdfium2.PdfDocument(pdf)
    images = []
    try:
        for number, page in enumerate(document, start=1):
            width, height = page.get_size()
            buffer = io.BytesIO()
            page.render(scale=RENDER_SCALE).to_pil().quantize(colors=256).save(buffer, "PNG")
            images.append(PageImage(number, width, height, base64.b64encode(buffer.getvalue()).decode("ascii")))
            page.close()
    finally:
        document.close()
    return images


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
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def label_for(ids: Sequence[str]) -> str:
    """A row's box label: its ids, or the first and last ("4a–4e", "safe-1.1–1.3") when long."""
    joined = " ".join(ids)
    if len(ids) == 1 or (len(ids) <= LONG_LABEL_IDS and len(joined) <= LONG_LABEL_CHARS):
        return joined
    first, last = ids[0], ids[-1]
    section = first[: first.rfind("-") + 1]  # a shared section prefix is shown once: "safe-1.1–1.3"
    return f"{first}–{last.removeprefix(section)}"


def free(spot: BBox, obstacles: Iterable[BBox | TextLine]) -> bool:
    """True when no text line or box overlaps the spot."""
    return not any(
        o.x1 > spot.x0 and o.x0 < spot.x1 and o.bottom > spot.top and o.top < spot.bottom for o in obstacles
    )


def label_spot(boxes: Sequence[BBox], lines: Sequence[TextLine], width: float, page: PageImage,
               tables: Sequence[BBox]) -> BBox:
    """Where a row's label goes on a page: in the margin right of the row when it is clear of the tables,
    else a top-right or bottom-right corner of one of its cells that holds no text, else over the last cell."""
    right = max(boxes, key=lambda b: b.x1)
    margin = BBox(right.x1 + 2, right.top + 1, right.x1 + 2 + width, right.top + 1 + LABEL_HEIGHT)
    if margin.x1 + 2 <= page.width and free(margin, tables):
        return margin
    for box in sorted(boxes, key=lambda b: -b.x1):
        x0 = box.x1 - width - 1
        for top in (box.top + 1, box.bottom - LABEL_HEIGHT - 1):
            spot = BBox(x0, top, box.x1 - 1, top + LABEL_HEIGHT)
            if x0 > box.x0 and top >= box.top and free(spot, lines):
                return spot
    return BBox(right.x1 - width - 1, right.top + 1, right.x1 - 1, right.top + 1 + LABEL_HEIGHT)


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


def accuracy_html(score: DocumentScore, gold: Plan, plan: Plan) -> str:
    """The audit's per-field accuracy table for this plan, then every wrong field with both values."""
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
    table = "".join(
        f'<div class="{"bad" if bad else "good"}"><code>{escape(name)}</code><span>{escape(value)}</span></div>'
        for name, value, bad in rows
    )
    mistakes = "".join(
        f'<tr><td>{escape(m.where)}</td><td>{escape(m.field)}</td><td class="gold-value">{escape(value_text(m.gold))}'
        f'</td><td class="wrong-value">{escape(value_text(m.got))}</td></tr>'
        for m in [*wrong_document, *score.mistakes]
    )
    listing = (
        f'<details class="mistakes" open><summary>{len(wrong_document) + len(score.mistakes)} wrong fields</summary>'
        f'<table class="mistake-table"><thead><tr><th>where (gold)</th><th>field</th><th>gold</th>'
        f'<th>extracted</th></tr></thead><tbody>{mistakes}</tbody></table></details>'
        if mistakes else '<p class="all-right">No wrong fields.</p>'
    )
    return (
        f'<section id="accuracy" class="panel"><h2>Accuracy against the gold</h2>'
        f'<div class="accuracy-table" role="table">{table}</div>{listing}</section>'
    )


# ---------------------------------------------------------------- charts

def bar_chart(title: str, bars: Sequence[tuple[str, int, str]], note: str = "") -> str:
    """A horizontal bar chart: one (label, count, colour) per bar."""
    width, label_width, row = 380, 170, 20
    plot = width - label_width - 36
    top = max((count for _, count, _ in bars), default=0) or 1
    height = row * len(bars) + 4
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{escape(title)}">']
    for i, (label, count, colour) in enumerate(bars):
        y = i * row
        length = plot * count / top
        parts.append(
            f'<g><title>{escape(label)}: {count}</title>'
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(short(label, LABEL_CHARS))}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" rx="2" fill="{colour}"/>'
            f'<text x="{label_width + length + 4:.1f}" y="{y + 14}" class="count">{count}</text></g>'
        )
    parts.append("</svg>")
    return f'<figure class="chart-box"><figcaption>{escape(title)}</figcaption>{"".join(parts)}{note}</figure>'


def status_chart(actions: Sequence[Action]) -> str:
    counts = Counter(action.status for action in actions)
    return bar_chart("Actions by status", [(STATUS_LABELS[s], counts[s], STATUS_COLOURS[s]) for s in STATUSES])


def lead_chart(actions: Sequence[Action]) -> str:
    """Actions per lead (an action with two leads counts for both), the busiest first."""
    counts = Counter(lead for action in actions for lead in action.leads or ["(no lead)"])
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    rest = len(ranked) - TOP_LEADS
    note = f'<p class="chart-note">and {rest} more lead{"s" if rest > 1 else ""}</p>' if rest > 0 else ""
    return bar_chart("Actions by lead", [(lead, n, "#5e6b7d") for lead, n in ranked[:TOP_LEADS]], note)


def month_index(iso: str) -> int:
    return int(iso[:4]) * 12 + int(iso[5:7]) - 1


def month_name(index: int) -> str:
    return f"{('Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec')[index % 12]} " \
           f"{index // 12}"


def due_chart(plan: Plan, actions: Sequence[Action]) -> str:
    """Due dates per month (per quarter over long spans), stacked by status, the as-at date marked."""
    dated = [a for a in actions if a.due and a.due.date]
    undated = len(actions) - len(dated)
    note = f'<p class="chart-note">{undated} action{"s" if undated != 1 else ""} without a due date</p>'
    if not dated:
        return f'<figure class="chart-box"><figcaption>Due dates</figcaption><p>No due dates read.</p>{note}</figure>'
    as_at = plan.as_at.date if plan.as_at and plan.as_at.date else None
    months = [month_index(a.due.date) for a in dated if a.due and a.due.date]
    first, last = min(months + ([month_index(as_at)] if as_at else [])), max(months + (
        [month_index(as_at)] if as_at else []))
    step = 3 if last - first + 1 > MAX_MONTH_BARS else 1
    first -= first % step
    buckets = (last - first) // step + 1
    stacks = [Counter() for _ in range(buckets)]
    for action, month in zip(dated, months):
        stacks[(month - first) // step][action.status] += 1
    width, height, left, right, bottom, top_pad = 560, 170, 28, 28, 34, 14
    plot_w, plot_h = width - left - right, height - bottom - top_pad
    tallest = max(sum(stack.values()) for stack in stacks) or 1
    bar_w = plot_w / buckets
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="Due dates over time">']
    for tick in sorted({0, tallest // 2, tallest}):
        y = top_pad + plot_h - plot_h * tick / tallest
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{left - 4}" y="{y + 3:.1f}" text-anchor="end" class="axis">{tick}</text>')
    label_every = -(-buckets // MAX_AXIS_LABELS)
    for i, stack in enumerate(stacks):
        x = left + i * bar_w
        y = top_pad + plot_h
        start = first + i * step
        period = month_name(start) if step == 1 else f"{month_name(start)} – {month_name(start + step - 1)}"
        for status in STATUSES:
            if stack[status]:
                h = plot_h * stack[status] / tallest
                y -= h
                parts.append(
                    f'<rect x="{x + 1:.1f}" y="{y:.1f}" width="{max(bar_w - 2, 1):.1f}" height="{h:.1f}" '
                    f'fill="{STATUS_COLOURS[status]}"><title>{period}: {stack[status]} '
                    f'{STATUS_LABELS[status]}</title></rect>'
                )
        if i % label_every == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                         f'class="axis">{escape(month_name(start))}</text>')
    if as_at:
        x = left + ((month_index(as_at) - first) / step + 0.5) * bar_w
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top_pad - 4}" y2="{top_pad + plot_h}" class="as-at"/>'
                     f'<text x="{x:.1f}" y="{top_pad - 6}" text-anchor="middle" class="as-at-label">as at '
                     f'{escape(plan.as_at.text if plan.as_at else as_at)}</text>')
    parts.append("</svg>")
    unit = "quarter" if step == 3 else "month"
    return (f'<figure class="chart-box wide"><figcaption>Due dates per {unit}</figcaption>{"".join(parts)}'
            f'{legend()}{note}</figure>')


def legend() -> str:
    return '<p class="legend">' + "".join(
        f'<span><i style="background:{STATUS_COLOURS[s]}"></i>{STATUS_LABELS[s]}</span>' for s in STATUSES
    ) + "</p>"


def summary_html(plan: Plan) -> str:
    """Figures, the three charts and the overdue actions."""
    actions = plan_actions(plan)
    overdue = overdue_actions(plan)
    complete = sum(a.status == "complete" for a in actions)
    figures = [
        ("findings", str(len(plan.findings))), ("actions", str(len(actions))),
        ("complete", f"{complete / len(actions):.0%}" if actions else "—"),
        ("overdue", str(len(overdue)) if plan.as_at and plan.as_at.date else "—"),
        ("pages", str(plan.source.pages)), ("warnings", str(len(plan.warnings))),
    ]
    cards = "".join(f'<div class="figure"><b>{escape(v)}</b><span>{escape(k)}</span></div>' for k, v in figures)
    if plan.as_at is None or plan.as_at.date is None:
        overdue_part = "<h3>Overdue actions</h3><p>The plan prints no as-at date, so none can be called overdue.</p>"
    elif not overdue:
        overdue_part = (f"<h3>Overdue actions: none</h3><p>No action was due before the as-at date "
                        f"({escape(plan.as_at.text)}) and left incomplete.</p>")
    else:
        rows = "".join(
            f'<tr class="pick" data-key="{key_of(p)}"><td class="id">{escape(a.id)}</td>'
            f'<td>{escape(short(a.text, 110))}</td><td class="nowrap">{escape(a.due.text if a.due else "")}</td>'
            f'<td>{status_pill(a.status)}</td><td>{escape("; ".join(a.leads))}</td></tr>'
            for p, a in overdue
        )
        overdue_part = (
            f'<h3>Overdue actions: {len(overdue)}</h3><p class="caption">Due before the as-at date '
            f'({escape(plan.as_at.text)}) and not complete.</p>'
            '<div class="overdue-box"><table class="overdue"><thead><tr><th>id</th><th>action</th><th>due</th>'
            f'<th>status</th><th>leads</th></tr></thead><tbody>{rows}</tbody></table></div>'
        )
    return (
        f'<section id="summary" class="panel"><h2>Summary</h2><div class="figures">{cards}</div>'
        f'<div class="charts">{status_chart(actions)}{lead_chart(actions)}{due_chart(plan, actions)}</div>'
        f'{overdue_part}</section>'
    )


# ---------------------------------------------------------------- page parts

def status_pill(status: str) -> str:
    return f'<span class="pill st-{status}">{escape(STATUS_LABELS.get(status, status))}</span>'


def pages_html(images: Sequence[PageImage], extraction: Extraction) -> str:
    """Each page image in an SVG with every action row's cells outlined and labelled with its ids."""
    ids = [action.id for action in plan_actions(extraction.plan)]
    image_of = {image.number: image for image in images}
    overlays: dict[int, list[str]] = {}
    for row in extraction.rows:
        keys = " ".join(key_of(p) for p in row.positions)
        label = label_for([ids[p] for p in row.positions])
        title = escape(", ".join(ids[p] for p in row.positions))
        for page in sorted({page for page, _ in row.boxes}):
            boxes = [box for number, box in row.boxes if number == page]
            parts = overlays.setdefault(page, [])
            parts.extend(
                f'<rect class="box" data-keys="{keys}" x="{b.x0:.1f}" y="{b.top:.1f}" width="{b.width:.1f}" '
                f'height="{b.height:.1f}"><title>{title}</title></rect>'
                for b in boxes
            )
            lines = [line for line in row.lines if line.page == page]
            spot = label_spot(
                boxes, lines, LABEL_CHAR_WIDTH * len(label) + 6, image_of[page], extraction.tables.get(page, []),
            )
            parts.append(
                f'<g class="label" data-keys="{keys}"><rect x="{spot.x0:.1f}" y="{spot.top:.1f}" '
                f'width="{spot.width:.1f}" height="{LABEL_HEIGHT}" rx="2"/><text x="{spot.x0 + spot.width / 2:.1f}" '
                f'y="{spot.top + 8.5:.1f}" text-anchor="middle">{escape(label)}</text></g>'
            )
    return "".join(
        f'<figure class="page" id="page-{image.number}"><figcaption>Page {image.number}</figcaption>'
        f'<svg viewBox="0 0 {image.width:.1f} {image.height:.1f}" role="img" aria-label="page {image.number}">'
        f'<image href="data:image/png;base64,{image.png_base64}" x="0" y="0" width="{image.width:.1f}" '
        f'height="{image.height:.1f}"/>{"".join(overlays.get(image.number, []))}</svg></figure>'
        for image in images
    )


def action_list_html(plan: Plan) -> str:
    """The side list: actions grouped by finding, each a button carrying the action's key."""
    parts, position = [], 0
    for finding in plan.findings:
        heading = " ".join(x for x in (finding.section, finding.number) if x)
        parts.append(f'<li class="finding" title="{escape(finding.text)}"><b>{escape(heading)}</b> '
                     f'{escape(short(finding.text, 60))}</li>')
        for action in finding.actions:
            parts.append(
                f'<li><button type="button" class="pick act" data-key="{key_of(position)}" '
                f'title="{escape(action.text)}"><b><i class="dot st-{action.status}"></i>{escape(action.id)}</b> '
                f'<span>{escape(short(action.text, 70))}</span></button></li>'
            )
            position += 1
    return f'<nav id="action-list" aria-label="actions"><h2>Actions</h2><ul>{"".join(parts)}</ul></nav>'


def record_cell(column: str, action: Action) -> str:
    if column == "id":
        return escape(action.id)
    if column == "leads":
        return escape(value_text(action.leads))
    if column in ("due", "completed"):
        value = action.due if column == "due" else action.completed
        if value is None:
            return "—"
        return escape(value.text) + (f'<small>{escape(value.date)}</small>' if value.date else "")
    if column == "status":
        return status_pill(action.status)
    if column == "rag":
        return f'<span class="pill rag-{action.rag}">{action.rag}</span>' if action.rag else "—"
    return f'<div class="clamp">{escape(value_text(getattr(action, column)))}</div>'


def records_html(plan: Plan, wrong: dict[tuple[int, str], list[Mistake]]) -> str:
    """The extracted records; a wrong field is red (the extracted value) with the gold value under it."""
    rows = []
    for position, action in enumerate(plan_actions(plan)):
        cells = []
        for column in RECORD_COLUMNS:
            mistakes = wrong.get((position, column), [])
            notes = "".join(
                f'<div class="gold-note" title="{escape(m.field)}: extracted {escape(value_text(m.got))}">gold'
                f'{" " + m.field.rsplit(".", 1)[1] if column in ("due", "completed") else ""}: '
                f'<span class="gold-value">{escape(value_text(m.gold))}</span></div>'
                for m in mistakes
            )
            css = f"col-{column}" + (" wrong" if mistakes else "")
            cells.append(f'<td class="{css}">{record_cell(column, action)}{notes}</td>')
        rows.append(f'<tr class="pick record" data-key="{key_of(position)}">{"".join(cells)}</tr>')
    longest = max((len(action.id) for action in plan_actions(plan)), default=2)
    id_width = min(ID_COLUMN_MAX, max(ID_COLUMN_MIN, 8 * longest + 18))
    head = f'<th class="col-id" style="width:{id_width}px">id</th>' + "".join(
        f'<th class="col-{c}">{c}</th>' for c in RECORD_COLUMNS[1:]
    )
    warnings = "".join(f"<li>{escape(w)}</li>" for w in plan.warnings) or "<li class=\"none\">none</li>"
    return (
        f'<aside id="records" aria-label="extracted records"><h2>Extracted records</h2>'
        f'<table class="records"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        f'<h2>Warnings</h2><ul class="warnings">{warnings}</ul></aside>'
    )


def header_html(plan: Plan, pdf: Path) -> str:
    facts = [
        ("organisation", plan.organisation), ("as at", plan.as_at.text if plan.as_at else None),
        ("source", pdf.name), ("sha256", plan.source.sha256[:12]),
    ]
    items = "".join(f"<span><b>{k}</b> {escape(v)}</span>" for k, v in facts if v)
    return (f'<header><a class="back" href="index.html">← all plans</a><h1>{escape(plan.title or pdf.stem)}</h1>'
            f'<p class="facts">{items}</p></header>')


def make_report(pdf: Path, gold: Plan | None) -> Report:
    """Extract the plan, render its pages and build its report page."""
    extraction = read_extraction(pdf)
    plan = extraction.plan
    images = render_pages(pdf)
    wrong: dict[tuple[int, str], list[Mistake]] = {}
    accuracy, figure = "", None
    if gold is not None:
        score = score_document(pdf.stem, gold, plan)
        wrong = wrong_cells(score, gold, plan)
        accuracy = accuracy_html(score, gold, plan)
        figure = fraction(sum(score.correct.values()), sum(score.scored.values()))
    body = (
        f'{header_html(plan, pdf)}<main>{accuracy}{summary_html(plan)}'
        f'<div class="hint">Click an action (in the list, a record, an overdue row or a box on a page) to '
        f'highlight the cells it was read from.</div>'
        f'<div class="workspace">{action_list_html(plan)}<section id="pages" aria-label="pages">'
        f'{pages_html(images, extraction)}</section>{records_html(plan, wrong)}</div></main>'
    )
    html = document(f"Report: {plan.title or pdf.stem}", body, script=True)
    return Report(html, plan, len(overdue_actions(plan)), figure)


def build_report(pdf: Path, gold: Plan | None) -> str:
    """The self-contained HTML report of the plan in `pdf`, scored against `gold` when given."""
    return make_report(pdf, gold).html


# ---------------------------------------------------------------- document

STYLE = """
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f2933;
background:#f3f5f8}
header{background:#1f2d3d;color:#fff;padding:14px 24px}
header h1{margin:2px 0 4px;font-size:21px;font-weight:600}
header .facts{margin:0;color:#c9d3df;font-size:13px}
header .facts span{margin-right:18px}
header .facts b{color:#8fa3b8;font-weight:500;margin-right:4px}
a.back{color:#9cc3ef;font-size:12px;text-decoration:none}
main{padding:14px 18px}
h2{font-size:16px;margin:0 0 10px}
h3{font-size:14px;margin:16px 0 6px}
.panel{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:14px 16px;margin-bottom:14px}
.figures{display:flex;gap:10px;flex-wrap:wrap;margin-bottom:12px}
.figure{border:1px solid #e3e8ef;border-radius:6px;padding:6px 14px;min-width:92px;background:#f8fafc}
.figure b{display:block;font-size:20px}
.figure span{color:#5b6b7c;font-size:12px}
.charts{display:flex;gap:22px;flex-wrap:wrap;align-items:flex-start}
.chart-box{margin:0}
.chart-box.wide{flex:1 1 520px;max-width:760px}
.chart-box.wide svg{width:100%;height:auto}
.caption{margin:0 0 6px;color:#5b6b7c;font-size:12px}
.chart-box figcaption{font-weight:600;margin-bottom:4px}
.chart text{font-size:11px;fill:#1f2933}
.chart text.count,.chart text.axis{fill:#5b6b7c;font-size:10px}
.chart line.grid{stroke:#e6eaf0}
.chart line.as-at{stroke:#d84315;stroke-dasharray:4 3;stroke-width:1.5}
.chart text.as-at-label{fill:#d84315;font-size:10px}
.chart-note{margin:2px 0 0;color:#5b6b7c;font-size:12px}
.legend{margin:4px 0 0;font-size:12px;color:#3e4c5a}
.legend span{margin-right:12px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
table{border-collapse:collapse}
th,td{text-align:left;vertical-align:top}
.overdue-box{max-height:300px;overflow:auto;border:1px solid #edf0f4;border-radius:6px}
.overdue{width:100%;font-size:13px}
.overdue th{position:sticky;top:0;background:#eef2f6}
.overdue td,.overdue th{padding:4px 8px;border-bottom:1px solid #edf0f4}
.overdue tr.pick{cursor:pointer}
.overdue tr.pick:hover td,.overdue tr.active td{background:#fff3e0}
.nowrap{white-space:nowrap}
.pill{display:inline-block;border-radius:10px;padding:0 7px;font-size:11px;color:#fff;white-space:nowrap}
.st-complete{background:#2e7d32}.st-delayed{background:#c62828}.st-ongoing{background:#1565c0}
.st-not_reported{background:#9e9e9e}
.rag-red{background:#c62828}.rag-amber{background:#ef8f00}.rag-green{background:#2e7d32}.rag-blue{background:#1565c0}
.accuracy-table{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));column-gap:28px;
margin-bottom:10px}
.accuracy-table div{display:flex;justify-content:space-between;gap:10px;padding:2px 4px;border-bottom:1px solid #edf0f4;
font-size:13px}
.accuracy-table code{font:12px ui-monospace,"DejaVu Sans Mono",monospace;color:#3e4c5a}
.accuracy-table div.bad span{color:#c62828;font-weight:600}
.mistake-table{font-size:13px;width:100%}
.mistake-table th,.mistake-table td{padding:3px 8px;border-bottom:1px solid #f1d6d6}
.mistakes summary{color:#c62828;font-weight:600;cursor:pointer;margin-bottom:6px}
.gold-value{color:#2e7d32}
.wrong-value{color:#c62828;text-decoration:line-through}
.all-right{color:#2e7d32;font-weight:600}
.hint{color:#5b6b7c;font-size:12px;margin:0 0 8px}
.workspace{display:grid;grid-template-columns:240px minmax(0,1fr) minmax(460px,42%);gap:14px;align-items:start}
#action-list,#records{position:sticky;top:0;max-height:100vh;overflow:auto;background:#fff;border:1px solid #dde3ea;
border-radius:8px;padding:10px}
#action-list ul{list-style:none;margin:0;padding:0}
#action-list li.finding{font-size:12px;color:#3e4c5a;margin:10px 0 3px;white-space:nowrap;overflow:hidden;
text-overflow:ellipsis}
#action-list li.finding:first-child{margin-top:0}
button.act{display:flex;flex-wrap:wrap;column-gap:6px;align-items:baseline;width:100%;text-align:left;
border:1px solid transparent;background:none;border-radius:5px;padding:3px 6px;font:inherit;font-size:13px;
cursor:pointer;color:inherit}
button.act b{overflow-wrap:anywhere}
button.act span{flex:1 1 100px;min-width:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;color:#3e4c5a}
button.act:hover{background:#eef3f9}
button.act.active{background:#fff3e0;border-color:#ef6c00}
.dot{width:8px;height:8px;border-radius:50%;display:inline-block;margin-right:5px;vertical-align:1px}
#pages{min-width:0}
figure.page{margin:0 0 14px;background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:6px}
figure.page figcaption{font-size:12px;color:#5b6b7c;margin:0 0 4px 2px}
figure.page svg{display:block;width:100%;height:auto}
rect.box{fill:rgba(21,101,192,0.04);stroke:rgba(21,101,192,0.55);stroke-width:1;cursor:pointer}
rect.box:hover{fill:rgba(21,101,192,0.12)}
rect.box.active{fill:rgba(255,152,0,0.2);stroke:#e65100;stroke-width:2.4}
g.label rect{fill:#1565c0;opacity:0.85}
g.label text{fill:#fff;font:600 8px sans-serif}
g.label{cursor:pointer}
g.label.active rect{fill:#e65100;opacity:1}
table.records{font-size:12px;width:100%;table-layout:fixed}
th.col-leads{width:92px}th.col-due,th.col-completed{width:86px}th.col-status{width:84px}th.col-rag{width:54px}
.records td{overflow-wrap:break-word}
.records th{position:sticky;top:-10px;background:#eef2f6;padding:4px 6px;font-weight:600;z-index:1}
.records td{padding:4px 6px;border-bottom:1px solid #edf0f4}
.records tr{cursor:pointer}
.records tr:hover td{background:#f6f9fc}
.records tr.active td{background:#fff3e0}
.records td.col-id{font-weight:600;overflow-wrap:anywhere}
.records small{display:block;color:#5b6b7c}
.clamp{display:-webkit-box;-webkit-line-clamp:4;-webkit-box-orient:vertical;overflow:hidden}
tr.active .clamp{-webkit-line-clamp:unset;display:block}
.records td.wrong{background:#fdecea;box-shadow:inset 3px 0 #c62828;color:#c62828}
.records td.wrong .pill{background:#c62828}
.gold-note{margin-top:3px;font-size:11px;color:#3e4c5a;border-top:1px dashed #e9b5b5;padding-top:2px}
.warnings{font-size:12px;padding-left:18px;margin:0}
.warnings li{margin-bottom:3px}
.warnings .none{color:#5b6b7c;list-style:none;margin-left:-18px}
.index td,.index th{padding:6px 12px;border-bottom:1px solid #e3e8ef;font-size:13px}
.index th{background:#eef2f6}
.index a{color:#1565c0;font-weight:600;text-decoration:none}
.index .failed td{color:#c62828}
"""

SCRIPT = """
(function () {
  var current = null;
  function keysOf(el) { return (el.getAttribute('data-keys') || '').split(' '); }
  function scrollInside(panel, el) {
    if (!panel || !el) { return; }
    var top = el.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
    panel.scrollTop = Math.max(0, top - panel.clientHeight / 3);
  }
  function select(key, origin) {
    document.querySelectorAll('.active').forEach(function (el) { el.classList.remove('active'); });
    if (key === current) { current = null; return; }
    current = key;
    var boxes = [];
    document.querySelectorAll('[data-keys]').forEach(function (el) {
      if (keysOf(el).indexOf(key) >= 0) { el.classList.add('active'); if (el.matches('rect.box')) { boxes.push(el); } }
    });
    document.querySelectorAll('[data-key="' + key + '"]').forEach(function (el) { el.classList.add('active'); });
    if (origin !== 'page' && boxes.length) { boxes[0].scrollIntoView({block: 'center'}); }
    scrollInside(document.getElementById('action-list'), document.querySelector('button.act.active'));
    scrollInside(document.getElementById('records'), document.querySelector('tr.record.active'));
  }
  document.addEventListener('click', function (event) {
    var pick = event.target.closest('.pick');
    if (pick) { select(pick.getAttribute('data-key'), 'list'); return; }
    var box = event.target.closest('[data-keys]');
    if (box) { select(keysOf(box)[0], 'page'); }
  });
  window.planReport = {select: select};
})();
"""


def document(title: str, body: str, script: bool) -> str:
    """A whole HTML page with the inline style (and the inline script)."""
    code = f"<script>{SCRIPT}</script>" if script else ""
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>{body}{code}</body></html>\n"
    )


def index_html(entries: Sequence[tuple[str, Report]], failures: Sequence[tuple[Path, str]], with_gold: bool) -> str:
    """The index page: one row per report, then the inputs that failed."""
    head = ["plan", "title", "organisation", "as at", "pages", "actions", *STATUS_LABELS.values(), "overdue",
            "warnings"] + (["accuracy (all fields)"] if with_gold else [])
    rows = []
    for name, report in entries:
        plan = report.plan
        statuses = Counter(a.status for a in plan_actions(plan))
        cells = [
            f'<a href="{escape(name)}.html">{escape(name)}</a>', escape(plan.title or ""),
            escape(plan.organisation or ""), escape(plan.as_at.text if plan.as_at else ""), str(plan.source.pages),
            str(sum(statuses.values())), *(str(statuses[s]) for s in STATUSES), str(report.overdue),
            str(len(plan.warnings)),
        ] + ([f'<span class="nowrap">{escape(report.accuracy or "no gold")}</span>'] if with_gold else [])
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    rows += [
        f'<tr class="failed"><td>{escape(path.name)}</td><td colspan="{len(head) - 1}">failed: {escape(error)}'
        f"</td></tr>"
        for path, error in failures
    ]
    body = (
        f'<header><h1>Improvement plans: audit reports</h1><p class="facts"><span>{len(entries)} report'
        f'{"s" if len(entries) != 1 else ""}</span>{f"<span>{len(failures)} failed</span>" if failures else ""}'
        f'</p></header><main><div class="panel"><table class="index"><thead><tr>'
        + "".join(f"<th>{escape(h)}</th>" for h in head)
        + f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div></main>'
    )
    return document("Improvement plans: audit reports", body, script=False)


# ---------------------------------------------------------------- command line

def unique_names(paths: Iterable[Path]) -> list[str]:
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


def run(args: argparse.Namespace, reading: dict | None = None) -> int:
    """Write OUT/NAME.html per input and OUT/index.html; 0 when every input made a report, else 1."""
    from pydantic import ValidationError

    from extract.inputs import find_inputs

    inputs = find_inputs(args.paths)
    if not inputs:
        print("planextract: no PDF files found in the given paths", file=sys.stderr)
        return 1
    entries: list[tuple[str, Report]] = []
    failures: list[tuple[Path, str]] = []
    for pdf, name in zip(inputs, unique_names(inputs)):
        try:
            report = make_report(pdf, load_gold(args.gold, pdf))
        except ExtractionError as error:
            failures.append((pdf, str(error)))
        except ValidationError as error:
            failures.append((pdf, f"{pdf}: its gold is not a valid Plan ({error.error_count()} errors)"))
        except (OSError, pypdfium2.PdfiumError) as error:
            failures.append((pdf, f"{pdf}: {error}"))
        else:
            write_atomic(args.out / f"{name}.html", report.html)
            entries.append((name, report))
            continue
        print(f"planextract: {failures[-1][1]}", file=sys.stderr)
    write_atomic(args.out / "index.html", index_html(entries, failures, args.gold is not None))
    return 1 if failures else 0
