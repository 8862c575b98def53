"""Stage 4, items: group rows into findings and split each cell into its items, aligned by letter.

A cell's paragraphs become items at their markers: letters ("a)", "(a)", "a."), several
letters ("d & e)"), roman numerals ("ii)"), numbers ("1.2") or bullets. A paragraph with no
marker belongs to the item above it (a second paragraph of an update), or is an item of
its own when nothing precedes it.

Actions come from the action column. Progress, lead, date and RAG items are matched to
actions by their letter; an unlettered cell serves every action of its row (and of the
rows continuing the finding below, while they leave that cell empty). Unlettered
progress beside several actions cannot be tied to one and goes to the finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from extract.layout import Paragraph
from extract.markers import BULLET, LETTERS, NOTE, NUMBERED, ROMAN, SPLIT_KEYS
from extract.page import Color
from extract.rows import LogicalCell, PlanTable, TableRow

ItemKind = Literal["letter", "roman", "number", "bullet", "plain"]


@dataclass(frozen=True)
class Item:
    """One lettered, numbered or bulleted entry of a cell, marker removed."""

    keys: tuple[str, ...]
    kind: ItemKind
    text: str
    paragraphs: tuple[str, ...]
    pages: frozenset[int]


@dataclass
class ActionItems:
    """One action with the items of the other columns that belong to it."""

    letter: str | None
    kind: ItemKind
    text: str
    pages: set[int]
    progress: list[str] = field(default_factory=list)
    lead_paragraphs: list[str] = field(default_factory=list)
    date_text: str | None = None
    rag_text: str | None = None
    rag_fill: Color | None = None
    measure_text: str | None = None
    row: int | None = None  # index in the table's rows of the row it was read from


@dataclass
class FindingItems:
    """One finding: its printed cells and its actions, before fields are read."""

    section: str | None
    number_text: str
    finding_text: str
    overall_lead_text: str
    pages: set[int]
    actions: list[ActionItems] = field(default_factory=list)
    progress: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    waiting: list[tuple[str, Item]] = field(default_factory=list)  # (role, item) lettered for an action not yet read
    numbered_by_position: bool = False  # a run of actions in a plan of actions only: no number is printed


def marker_of(text: str, roman_cell: bool) -> tuple[ItemKind, tuple[str, ...], int] | None:
    """The marker at the start of a paragraph: its kind, its keys and its length."""
    if roman_cell and (match := ROMAN.match(text)):
        return "roman", (match.group("keys").lower(),), match.end()
    if match := NUMBERED.match(text):
        return "number", (match.group("keys"),), match.end()
    if match := LETTERS.match(text):
        return "letter", tuple(k.lower() for k in SPLIT_KEYS.split(match.group("keys"))), match.end()
    if match := BULLET.match(text):
        return "bullet", (), match.end()
    return None


def is_roman_cell(paragraphs: Sequence[Paragraph]) -> bool:
    """A cell numbered i), ii), iii): "i" is then a numeral, not the letter after h."""
    return any(re.match(r"^\(?(?:ii|iii|iv)\)\s", p.text, re.IGNORECASE) for p in paragraphs)


def next_letter_at(text: str, keys: tuple[str, ...]) -> int | None:
    """Where the next letter's marker starts inside a paragraph ("a) ... b) ..." run together), if it does."""
    if not keys or len(keys[-1]) != 1 or not keys[-1].isalpha() or keys[-1] == "z":
        return None
    following = chr(ord(keys[-1]) + 1)
    match = re.search(rf"\s\(?{following}(?:\s*(?:&|and|,)\s*[a-z])*\)\s", text)
    return match.start() + 1 if match else None


def paragraphs_to_items(paragraphs: Sequence[Paragraph]) -> list[Item]:
    """Split a cell's paragraphs into items at their markers (also letters run together in one paragraph)."""
    roman = is_roman_cell(paragraphs)
    items: list[Item] = []
    for paragraph in paragraphs:
        pending = paragraph.text.strip()
        while pending:
            text, pending = pending, ""
            marker = marker_of(text, roman)
            if marker is None and items and not NOTE.match(text):  # a note is never the item above's
                last = items[-1]
                items[-1] = Item(
                    last.keys, last.kind, f"{last.text} {text}".strip(), (*last.paragraphs, text),
                    last.pages | paragraph.pages,
                )
                continue
            kind, keys, length = marker if marker else ("plain", (), 0)
            body = text[length:].strip()
            if kind == "letter" and (split := next_letter_at(body, keys)) is not None:
                body, pending = body[:split].strip(), body[split:].strip()
            items.append(Item(keys, kind, body, (body,), paragraph.pages))
    return items


def cell_items(row: TableRow, role: str) -> list[Item]:
    """The items of the row's cell in that role; a lead cell keeps its wraps for the lead splitter."""
    cell = row.cells.get(role)  # type: ignore[call-overload]
    if cell is None:
        return []
    return paragraphs_to_items(cell.paragraphs_with_wraps if role == "lead" else cell.paragraphs)


def actions_of_row(row: TableRow, finding: FindingItems) -> list[ActionItems]:
    """The row's actions from its action cell; note paragraphs go to the finding's notes."""
    items = cell_items(row, "action")
    keyed = any(item.keys for item in items)
    others_empty = not any(
        row.text(role) for role in ("progress", "lead", "due", "rag")  # type: ignore[arg-type]
    )
    actions = []
    for item in items:
        if NOTE.match(item.text) or (keyed and not item.keys and others_empty) or (
            not keyed and others_empty and finding.actions and finding.actions[0].kind == "letter"
        ):
            finding.notes.append(" ".join(item.paragraphs))
            continue
        for key in item.keys or (None,):
            actions.append(ActionItems(letter=key, kind=item.kind, text=item.text, pages=set(item.pages)))
    return actions


def by_key(actions: Sequence[ActionItems], key: str) -> ActionItems | None:
    return next((a for a in reversed(actions) if a.letter == key), None)


@dataclass
class SharedCells:
    """Unlettered lead/date/RAG cells of the finding's rows, inherited by rows that leave them empty."""

    paragraphs: dict[str, list[str]] = field(default_factory=dict)  # by role: lead, due, rag
    pages: dict[str, frozenset[int]] = field(default_factory=dict)


def paired_by_position(items: Sequence[Item], row_actions: Sequence[ActionItems]) -> bool:
    """True when a cell's bullets stand one to one beside the row's bulleted actions (the nth for the nth)."""
    return (
        len(items) == len(row_actions) > 1
        and all(item.kind == "bullet" for item in items)
        and all(action.kind == "bullet" for action in row_actions)
    )


def stands_beside_rows_below(items: Sequence[Item], cell: LogicalCell | None, below_empty: bool) -> bool:
    """True when a progress cell serves the rows below it too: merged down, or bullets above empty cells.

    Without a rule under it (no rules, or only under the action rows), a cell's span does not
    show; bullets beside the first of a finding's action rows, whose own progress cells
    are empty, are one update of the finding rather than the first action's.
    """
    if cell is not None and cell.spans_rows:
        return True
    return below_empty and bool(items) and all(item.kind == "bullet" for item in items)


def leaves_progress_empty(rows: Sequence[TableRow], index: int) -> bool:
    """True when the row after `index` carries on the same finding with an action and no progress."""
    if index + 1 >= len(rows):
        return False
    below = rows[index + 1]
    return (
        below.section is None and not starts_finding(below) and bool(below.text("action"))
        and not below.text("progress")
    )


def attach_progress(
    row: TableRow, row_actions: list[ActionItems], finding: FindingItems, below_empty: bool = False,
) -> None:
    """Progress items to their actions by letter; unlettered progress to the only action or the finding.

    Progress bullets are not paired with bulleted actions by position: an update's bullets
    report on the finding as a whole as often as they follow its actions one by one. Nor is a
    progress cell standing beside several action rows (`stands_beside_rows_below`) the update
    of the first of them.
    """
    cell = row.cells.get("progress")
    items = cell_items(row, "progress")
    spanning = stands_beside_rows_below(items, cell, below_empty)
    for item in items:
        if item.keys:
            if not attach_keyed(item, "progress", finding.actions + row_actions):
                finding.waiting.append(("progress", item))  # its action may be printed further down
            continue
        if len(row_actions) == 1 and (not row_actions[0].letter or item.kind == "plain") and not spanning:
            row_actions[0].progress.append(item.text)
            row_actions[0].pages |= item.pages
        elif item.kind == "plain":
            finding.progress.extend(item.paragraphs)
        else:
            finding.progress.append(item.text)


def attach_column(
    row: TableRow, role: Literal["lead", "due", "rag", "measure"], row_actions: list[ActionItems],
    finding: FindingItems, shared: SharedCells,
) -> None:
    """Lead, date, RAG or measure items to their actions by letter or bullet position; an unlettered
    cell to every action of the row."""
    items = cell_items(row, role)
    if paired_by_position(items, row_actions):
        for item, action in zip(items, row_actions):
            set_value(action, role, list(item.paragraphs), item.pages)
        return
    unkeyed = [item for item in items if not item.keys]
    for item in items:
        if item.keys and not attach_keyed(item, role, finding.actions + row_actions):
            finding.waiting.append((role, item))  # its action may be printed further down
    cell = row.cells.get(role)
    if unkeyed:
        own = [p for item in unkeyed for p in item.paragraphs]
        own_pages = frozenset().union(*(item.pages for item in unkeyed))
        for action in row_actions:
            if not has_value(action, role):
                set_value(action, role, own, own_pages)
        if len(row_actions) != 1 or (cell is not None and cell.spans_rows):
            # A cell serving several actions, or merged down beside the rows below, serves them too.
            shared.paragraphs[role], shared.pages[role] = own, own_pages
        else:
            shared.paragraphs.pop(role, None)  # one action per row: its cell is its own
        return
    if items:
        return
    paragraphs = shared.paragraphs.get(role)
    if not paragraphs:
        return
    for action in row_actions:
        if not has_value(action, role):
            set_value(action, role, paragraphs, shared.pages[role])


def attach_keyed(item: Item, role: str, actions: Sequence[ActionItems]) -> bool:
    """Give a lettered item to the actions its keys name; False (and nothing given) when one is not read yet."""
    targets = [by_key(actions, key) for key in item.keys]
    if not all(targets):
        return False
    for action in targets:
        assert action is not None
        if role == "progress":
            action.progress.append(item.text)
            action.pages |= item.pages
        else:
            set_value(action, role, list(item.paragraphs), item.pages)
    return True


def attach_waiting(finding: FindingItems) -> None:
    """Give the finding's waiting items to their actions, now printed (a row broken over a page goes on below)."""
    finding.waiting = [(role, item) for role, item in finding.waiting if not attach_keyed(item, role, finding.actions)]


def settle_waiting(finding: FindingItems) -> None:
    """Items lettered for an action the finding never prints: warned about; progress kept as the finding's."""
    for role, item in finding.waiting:
        finding.warnings.append(f"{role} '{item.text[:40]}' names no action of its finding")
        if role == "progress":
            finding.progress.append(item.text)
    finding.waiting = []


def has_value(action: ActionItems, role: str) -> bool:
    return bool({
        "lead": action.lead_paragraphs, "due": action.date_text, "rag": action.rag_text,
        "measure": action.measure_text,
    }[role])


def set_value(action: ActionItems, role: str, paragraphs: list[str], pages: frozenset[int]) -> None:
    if role == "lead":
        action.lead_paragraphs = paragraphs
    elif role == "due":
        action.date_text = " ".join(paragraphs)
    elif role == "measure":
        action.measure_text = " ".join(paragraphs)
    else:
        action.rag_text = " ".join(paragraphs)
    action.pages |= pages


def starts_finding(row: TableRow) -> bool:
    return bool(row.text("number") or row.text("finding")) and not row.continues_finding


CONTINUED = re.compile(r"\s*[(\[]?\s*(?:cont(?:inued|'d|d)?\.?)\s*[)\]]?\s*$", re.IGNORECASE)


def heading_key(heading: str | None) -> str | None:
    """A page heading compared without its "(continued)" mark."""
    return CONTINUED.sub("", heading).strip() if heading else None


def rows_to_findings(table: PlanTable) -> list[FindingItems]:
    """Group the table's rows into findings and align every row's items to its actions.

    In a plan of actions only, each run of action rows is one finding: it starts at a
    full-width row (its text) or where the heading above the table changes (the heading is
    its text); a table continued under the same heading, or marked "(continued)", goes on.
    """
    findings: list[FindingItems] = []
    section: str | None = None
    heading: str | None = None
    shared = SharedCells()
    for index, row in enumerate(table.rows):
        if table.actions_only:
            page = table.section_pages.get(index) if row.section is not None else min(row.pages, default=None)
            page_heading = heading_key(table.page_headings.get(page)) if page is not None else None
            page_heading = page_heading or heading  # a page with no heading of its own goes on with the run
            if row.section is not None or page_heading != heading or not findings:
                heading = page_heading
                text = row.section if row.section is not None else (heading or "")
                if findings and not findings[-1].actions and not findings[-1].notes:
                    findings.pop()  # a heading followed at once by a full-width row: that row names the run
                findings.append(FindingItems(
                    section=None, number_text="", finding_text=text, overall_lead_text="", pages=set(),
                    numbered_by_position=True,
                ))
                shared = SharedCells()
                if row.section is not None:
                    continue
        elif row.section is not None:
            section = row.section
            continue
        elif starts_finding(row) or not findings:
            findings.append(FindingItems(
                section=section,
                number_text=row.text("number"),
                finding_text=cell_text(row.cells.get("finding")),
                overall_lead_text=cell_text(row.cells.get("overall_lead")),
                pages=set(),
            ))
            shared = SharedCells()
        elif row.continues_finding:
            findings[-1].finding_text = f"{findings[-1].finding_text} {cell_text(row.cells.get('finding'))}".strip()
        finding = findings[-1]
        finding.pages |= row.pages
        row_actions = actions_of_row(row, finding)
        attach_progress(row, row_actions, finding, not table.actions_only and leaves_progress_empty(table.rows, index))
        for role in ("lead", "due", "rag", "measure"):
            attach_column(row, role, row_actions, finding, shared)  # type: ignore[arg-type]
        fill = rag_fill(row)
        for action in row_actions:
            action.rag_fill = fill
            action.row = index
        finding.actions.extend(row_actions)
        attach_waiting(finding)
    for finding in findings:
        settle_waiting(finding)
    return findings


def rag_fill(row: TableRow) -> Color | None:
    """The RAG cell's shading, unless the whole row is shaded alike (zebra rows are not RAG)."""
    cell = row.cells.get("rag")
    if cell is None or cell.fill is None:
        return None
    others = [c.fill for role, c in row.cells.items() if role != "rag"]
    if others and 2 * sum(fill == cell.fill for fill in others) >= len(others):
        return None
    return cell.fill


def cell_text(cell: LogicalCell | None) -> str:
    """A cell's paragraphs joined with single spaces."""
    return " ".join(p.text for p in cell.paragraphs) if cell else ""
