"""`planextract diff OLD NEW`: what changed between two editions of the same plan.

OLD and NEW are plan PDFs or `NAME.json` files written by `extract` (a `schemas.Plan`).
Actions are matched across the editions in three passes:

1. by finding (section and number; an unnumbered finding by its text) and letter, when
   both editions letter the action; a letter is not trusted when the text says otherwise,
   that is when either action is more similar (and at least MATCH similar) to another
   action of the finding, so re-lettered actions fall through to
2. by finding and text similarity (difflib ratio of the normalised texts, greedy best
   first, at least MATCH), then
3. the actions left over, by text similarity across the whole plan (actions moved to
   another finding).

The diff lists findings added and removed (by section and number), actions added and
removed, and for each matched action the status that changed, the due date that moved
(with the slippage in days when both are dated) and the progress text that changed.
Each field is its own change, so an action completed since OLD usually shows under both
status and progress.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from extract.audit import match_by_similarity, normalise, ratio
from extract.errors import ExtractionError, command_line_message
from extract.writers import records_to_csv, write_atomic
from schemas.plan import Action, DateValue, Finding, Plan, StrictModel

MATCH = 0.6
TEXT_WIDTH = 60
PROGRESS_WIDTH = 45
ELIDED_START = 20  # a common start of progress texts shorter than this is shown
DIFF_COLUMNS = (
    "change", "section", "finding_number", "old_id", "new_id", "text", "old", "new", "old_date", "new_date",
    "slippage_days",
)


class Edition(StrictModel):
    """Which edition a side of the diff is."""

    source: str
    title: str | None
    as_at: str | None  # the as-at date as printed


class FindingRef(StrictModel):
    """A finding added or removed."""

    section: str | None
    number: str | None
    text: str


class ActionChange(StrictModel):
    """One change to one action; `old`/`new` hold the status, due text or progress before and after."""

    section: str | None
    finding_number: str | None
    old_id: str | None  # null for an added action
    new_id: str | None  # null for a removed action
    text: str  # the action text in NEW (in OLD for a removed action)
    old: str | None = None
    new: str | None = None
    old_date: str | None = None  # due dates, for a due date moved
    new_date: str | None = None
    slippage_days: int | None = None  # new due date - old due date, when both are dated


class PlanDiff(StrictModel):
    """Everything that changed from OLD to NEW, each list in document order (NEW's; OLD's for removals)."""

    old: Edition
    new: Edition
    findings_added: list[FindingRef]
    findings_removed: list[FindingRef]
    actions_added: list[ActionChange]
    actions_removed: list[ActionChange]
    status_changed: list[ActionChange]
    due_moved: list[ActionChange]
    progress_changed: list[ActionChange]

    def groups(self) -> list[tuple[str, Sequence[FindingRef] | Sequence[ActionChange]]]:
        """(name, changes) for each kind of change, in reporting order."""
        return [
            ("findings_added", self.findings_added), ("findings_removed", self.findings_removed),
            ("actions_added", self.actions_added), ("actions_removed", self.actions_removed),
            ("status_changed", self.status_changed), ("due_moved", self.due_moved),
            ("progress_changed", self.progress_changed),
        ]

    def is_empty(self) -> bool:
        return not any(changes for _, changes in self.groups())


class UnreadablePlanError(Exception):
    """OLD or NEW is not a readable plan PDF or Plan JSON; the message names the file."""


@dataclass(frozen=True)
class Placed:
    """An action with its finding and its position among all the plan's actions."""

    position: int
    finding: Finding
    action: Action


def json_differences(first: object, second: object, path: str = "plan") -> list[tuple[str, object, object]]:
    """Every place two JSON values (two Plans dumped, say) differ exactly, as (path, first value, second value).

    Not an edition diff: for checking that two readings of one PDF (two engines, two
    readers, a reading and its gold) agree field for field.
    """
    if isinstance(first, dict) and isinstance(second, dict):
        return [
            found for key in sorted(set(first) | set(second))
            for found in json_differences(first.get(key), second.get(key), f"{path}.{key}")
        ]
    if isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        return [
            found for i, (a, b) in enumerate(zip(first, second)) for found in json_differences(a, b, f"{path}[{i}]")
        ]
    return [] if first == second else [(path, first, second)]


def load_plan(path: str | Path, reading: Mapping[str, object] | None = None) -> Plan:
    """The Plan in a `.json` file (validated) or a `.pdf` (extracted with the `reading` settings of
    ExtractSettings: engine, reader, password, ocr); UnreadablePlanError otherwise."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            return Plan.model_validate_json(path.read_bytes())
        if suffix == ".pdf":
            from extract.pipeline import Extractor, ExtractSettings  # the PDF stack is loaded only for PDFs

            return Extractor(ExtractSettings(**(reading or {}))).extract(path)
    except OSError as error:
        raise UnreadablePlanError(f"{path}: {error.strerror or error}") from error
    except ValidationError as error:
        raise UnreadablePlanError(f"{path}: not a valid Plan ({error.error_count()} errors)") from error
    except ExtractionError as error:
        raise UnreadablePlanError(command_line_message(error)) from error
    raise UnreadablePlanError(f"{path}: not a .json or .pdf file")


def finding_key(finding: Finding) -> tuple[str, str]:
    """The same finding in two editions: same section and number (unnumbered: same text)."""
    return normalise(finding.section), normalise(finding.number or finding.text)


def placed_actions(plan: Plan) -> list[Placed]:
    actions = ((finding, action) for finding in plan.findings for action in finding.actions)
    return [Placed(position, finding, action) for position, (finding, action) in enumerate(actions)]


def positions_by_finding(actions: Sequence[Placed]) -> dict[tuple[str, str], list[int]]:
    groups: dict[tuple[str, str], list[int]] = {}
    for placed in actions:
        groups.setdefault(finding_key(placed.finding), []).append(placed.position)
    return groups


def letter_pairs(
    olds: Sequence[Placed], news: Sequence[Placed], old_positions: list[int], new_positions: list[int],
    similarity: Callable[[int, int], float],
) -> dict[int, int]:
    """Same-letter pairs within one finding, unless either text is closer to another action's."""
    pairs: dict[int, int] = {}
    for o in old_positions:
        letter = olds[o].action.letter
        n = next(
            (n for n in new_positions if letter and news[n].action.letter == letter and n not in pairs.values()), None,
        )
        if n is None:
            continue
        score = similarity(o, n)
        rivals = [similarity(o, m) for m in new_positions if m != n]
        rivals += [similarity(p, n) for p in old_positions if p != o]
        if not any(rival >= MATCH and rival > score for rival in rivals):
            pairs[o] = n
    return pairs


def match_actions(old: Plan, new: Plan) -> list[tuple[Placed, Placed]]:
    """(old, new) pairs of the same action in the two editions, in NEW's order (passes in the module doc)."""
    olds, news = placed_actions(old), placed_actions(new)
    old_texts = [normalise(p.action.text) for p in olds]
    new_texts = [normalise(p.action.text) for p in news]

    @cache
    def similarity(o: int, n: int) -> float:
        return ratio(old_texts[o], new_texts[n])

    pairs: dict[int, int] = {}

    def unmatched(old_positions: Sequence[int], new_positions: Sequence[int]) -> tuple[list[int], list[int]]:
        taken = set(pairs.values())
        return [o for o in old_positions if o not in pairs], [n for n in new_positions if n not in taken]

    new_groups = positions_by_finding(news)
    for key, old_positions in positions_by_finding(olds).items():
        new_positions = new_groups.get(key, [])
        pairs.update(letter_pairs(olds, news, old_positions, new_positions, similarity))
        pairs.update(match_by_similarity(*unmatched(old_positions, new_positions), similarity, MATCH))
    pairs.update(match_by_similarity(*unmatched(range(len(olds)), range(len(news))), similarity, MATCH))
    return [(olds[o], news[n]) for o, n in sorted(pairs.items(), key=lambda pair: pair[1])]


def due_key(due: DateValue | None) -> str | None:
    """What a due date means: its calendar date, or its text when undated ("TBC")."""
    if due is None:
        return None
    return due.date or normalise(due.text)


def slippage(old: DateValue | None, new: DateValue | None) -> int | None:
    if old is None or new is None or old.date is None or new.date is None:
        return None
    return (date.fromisoformat(new.date) - date.fromisoformat(old.date)).days


def located(placed: Placed) -> dict[str, str | None]:
    return {"section": placed.finding.section, "finding_number": placed.finding.number, "text": placed.action.text}


def changed(old: Placed, new: Placed, before: str | None, after: str | None, **dates: str | int | None) -> ActionChange:
    return ActionChange(**located(new), old_id=old.action.id, new_id=new.action.id, old=before, new=after, **dates)


def due_moved(old: Placed, new: Placed) -> ActionChange:
    before, after = old.action.due, new.action.due
    return changed(
        old, new, before.text if before else None, after.text if after else None,
        old_date=before.date if before else None, new_date=after.date if after else None,
        slippage_days=slippage(before, after),
    )


def finding_ref(finding: Finding) -> FindingRef:
    return FindingRef(section=finding.section, number=finding.number, text=finding.text)


def edition(plan: Plan) -> Edition:
    return Edition(source=plan.source.path, title=plan.title, as_at=plan.as_at.text if plan.as_at else None)


def diff_plans(old: Plan, new: Plan) -> PlanDiff:
    """What changed from the OLD edition of a plan to the NEW one."""
    pairs = match_actions(old, new)
    matched_old = {o.position for o, _ in pairs}
    matched_new = {n.position for _, n in pairs}
    old_findings = {finding_key(f) for f in old.findings}
    new_findings = {finding_key(f) for f in new.findings}
    return PlanDiff(
        old=edition(old),
        new=edition(new),
        findings_added=[finding_ref(f) for f in new.findings if finding_key(f) not in old_findings],
        findings_removed=[finding_ref(f) for f in old.findings if finding_key(f) not in new_findings],
        actions_added=[
            ActionChange(**located(n), old_id=None, new_id=n.action.id)
            for n in placed_actions(new) if n.position not in matched_new
        ],
        actions_removed=[
            ActionChange(**located(o), old_id=o.action.id, new_id=None)
            for o in placed_actions(old) if o.position not in matched_old
        ],
        status_changed=[
            changed(o, n, o.action.status, n.action.status) for o, n in pairs if o.action.status != n.action.status
        ],
        due_moved=[due_moved(o, n) for o, n in pairs if due_key(o.action.due) != due_key(n.action.due)],
        progress_changed=[
            changed(o, n, o.action.progress, n.action.progress)
            for o, n in pairs if normalise(o.action.progress) != normalise(n.action.progress)
        ],
    )


def shorten(text: str | None, width: int) -> str:
    if text is None:
        return "none"
    return text if len(text) <= width else text[: width - 3].rstrip() + "..."


def from_difference(old: str | None, new: str | None) -> tuple[str | None, str | None]:
    """Both texts from the word where they start to differ, "..." standing for the common start."""
    if old is None or new is None:
        return old, new
    common = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    start = old.rfind(" ", 0, common) + 1  # the first word that differs
    return (old, new) if start < ELIDED_START else ("..." + old[start:], "..." + new[start:])


def action_label(change: ActionChange) -> str:
    """The action's id in NEW (in OLD when removed), with the old id when it was re-lettered."""
    if change.new_id is None:
        return change.old_id or ""
    if change.old_id is not None and change.old_id != change.new_id:
        return f"{change.new_id} (was {change.old_id})"
    return change.new_id


def detail(name: str, change: ActionChange) -> str:
    """The before -> after column of a change (empty for an added or removed action)."""
    if name == "progress_changed":
        old, new = from_difference(change.old, change.new)
        return f'"{shorten(old, PROGRESS_WIDTH)}" -> "{shorten(new, PROGRESS_WIDTH)}"'
    if name in ("status_changed", "due_moved"):
        text = f"{change.old or 'none'} -> {change.new or 'none'}"
        if change.slippage_days is not None:
            text += f" ({change.slippage_days:+d} day{'' if abs(change.slippage_days) == 1 else 's'})"
        return text
    return ""


def group_rows(name: str, changes: Sequence[FindingRef] | Sequence[ActionChange]) -> list[tuple[str, str, str]]:
    """(label, before -> after, text) for each change of one group."""
    rows = []
    for change in changes:
        if isinstance(change, FindingRef):
            label = " / ".join(part for part in (change.section, change.number) if part)
            rows.append((label, "", shorten(change.text, TEXT_WIDTH)))
        elif name == "progress_changed":
            rows.append((action_label(change), detail(name, change), ""))
        else:
            rows.append((action_label(change), detail(name, change), shorten(change.text, TEXT_WIDTH)))
    return rows


def format_diff(diff: PlanDiff) -> str:
    """A table for the terminal: one line per change, grouped by kind, empty groups left out."""
    lines = [f"{side}  {e.source}" + (f"  (as at {e.as_at})" if e.as_at else "") for side, e in (
        ("old", diff.old), ("new", diff.new),
    )]
    if diff.is_empty():
        return "\n".join([*lines, "", "no changes"])
    marks = {"findings_added": "+", "actions_added": "+", "findings_removed": "-", "actions_removed": "-"}
    for name, changes in diff.groups():
        if not changes:
            continue
        rows = group_rows(name, changes)
        label_width = max(len(label) for label, _, _ in rows)
        detail_width = max(len(text) for _, text, _ in rows)
        lines += ["", f"{name.replace('_', ' ')} ({len(rows)})"]
        for label, before_after, text in rows:
            columns = [f"{marks.get(name, ' ')} {label:<{label_width}}", f"{before_after:<{detail_width}}", text]
            lines.append("  " + "  ".join(column for column in columns if column.strip()).rstrip())
    return "\n".join(lines)


def diff_records(diff: PlanDiff) -> list[dict[str, str | int | None]]:
    """One flat record per change, in the columns of diff.csv; `change` is the group's name."""
    records: list[dict[str, str | int | None]] = []
    for name, changes in diff.groups():
        for change in changes:
            record: dict[str, str | int | None] = dict.fromkeys(DIFF_COLUMNS)
            record["change"] = name
            if isinstance(change, FindingRef):
                record.update(section=change.section, finding_number=change.number, text=change.text)
            else:
                record.update(change.model_dump())
            records.append(record)
    return records


def run(args: argparse.Namespace, reading: Mapping[str, object] | None = None) -> int:
    """Print the diff of OLD and NEW (and write it to --out); 0, or 1 when a file cannot be read
    (an --out folder that cannot be written raises UsageError).

    `reading` holds the settings PDFs are read with (ExtractSettings' engine, reader, password, ocr).
    """
    from extract.inputs import usable_folder

    try:
        old, new = load_plan(args.old, reading), load_plan(args.new, reading)
    except UnreadablePlanError as error:
        print(f"planextract: {error}", file=sys.stderr)
        return 1
    diff = diff_plans(old, new)
    print(format_diff(diff))
    if args.out is not None:
        out = usable_folder(args.out)
        write_atomic(out / "diff.json", diff.model_dump_json(indent=2) + "\n")
        write_atomic(out / "diff.csv", records_to_csv(diff_records(diff), DIFF_COLUMNS))
    return 0
