"""Extraction accuracy against hand-checked gold plans, by exactly the rules of AUDIT.md.

`score_folders` scores a folder of extracted plans against a folder of gold plans, and
`formatted` shows the scores as a table for people or as JSON or CSV for programs.
Findings are matched by (section, number), then leftovers by finding text; actions
within a finding by letter, then by index, then by text. Every gold action scores eight
fields and every gold finding seven; the figures are pooled over all documents.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pydantic import ValidationError

from extract.errors import UsageError
from schemas.plan import Action, Finding, Plan

FINDING_TEXT_MATCH = 0.80
ACTION_TEXT_MATCH = 0.50
TEXT_EQUAL = 0.97
ENTRIES_EQUAL = 0.95
ACTION_FIELDS = (
    "action.text", "action.progress", "action.leads", "action.due.date", "action.due.precision",
    "action.completed.date", "action.status", "action.rag",
)
FINDING_FIELDS = (
    "finding.text", "finding.number", "finding.section", "finding.overall_lead", "finding.references",
    "finding.progress", "finding.notes",
)
FIELDS = ACTION_FIELDS + FINDING_FIELDS
TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u00ad": None,
})
EDGE_JUNK = " \t\n.,;:!?•·▪■◦○●*-()[]{}\"'\uf0b7"
LEADING_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*\s*[.):]?\s+")
NOTE_LABEL = re.compile(r"^\s*(?:overarching\s+)?note\s*:\s*", re.IGNORECASE)


def normalise(text: str | None) -> str:
    """Casefold, unify quotes, dashes and spaces, collapse whitespace, strip edge punctuation."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", text.translate(TRANSLATE)).casefold()
    return " ".join(text.split()).strip(EDGE_JUNK)


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def texts_equal(gold: str | None, got: str | None) -> bool:
    """Equal after normalising, or at least 0.97 similar; null equals only null."""
    if gold is None or got is None:
        return gold is None and got is None
    a, b = normalise(gold), normalise(got)
    return a == b or ratio(a, b) >= TEXT_EQUAL


def entries_equal(gold: Sequence[str], got: Sequence[str]) -> bool:
    """Lists joined with spaces, a leading note label ignored, at least 0.95 similar; [] equals []."""
    a = normalise(" ".join(NOTE_LABEL.sub("", e) for e in gold))
    b = normalise(" ".join(NOTE_LABEL.sub("", e) for e in got))
    return a == b or (bool(a) and bool(b) and ratio(a, b) >= ENTRIES_EQUAL)


def reference_key(reference: str) -> str:
    return re.sub(r"[\s\-]+", "-", normalise(reference))


def finding_text_key(text: str) -> str:
    return normalise(LEADING_NUMBER.sub("", text))


def score_action(gold: Action, got: Action | None) -> dict[str, bool]:
    """Each action field: correct or not (a missed action is wrong everywhere)."""
    if got is None:
        return dict.fromkeys(ACTION_FIELDS, False)
    return {
        "action.text": texts_equal(gold.text, got.text),
        "action.progress": texts_equal(gold.progress, got.progress),
        "action.leads": {normalise(x) for x in gold.leads} == {normalise(x) for x in got.leads},
        "action.due.date": (gold.due.date if gold.due else None) == (got.due.date if got.due else None),
        "action.due.precision": (gold.due.precision if gold.due else None) == (got.due.precision if got.due else None),
        "action.completed.date": (
            (gold.completed.date if gold.completed else None) == (got.completed.date if got.completed else None)
        ),
        "action.status": gold.status == got.status,
        "action.rag": gold.rag == got.rag,
    }


def score_finding(gold: Finding, got: Finding | None) -> dict[str, bool]:
    """Each finding field: correct or not."""
    if got is None:
        return dict.fromkeys(FINDING_FIELDS, False)
    gold_text, got_text = finding_text_key(gold.text), finding_text_key(got.text)
    return {
        "finding.text": gold_text == got_text or ratio(gold_text, got_text) >= TEXT_EQUAL,
        "finding.number": normalise(gold.number) == normalise(got.number),
        "finding.section": normalise(gold.section) == normalise(got.section),
        "finding.overall_lead": normalise(gold.overall_lead) == normalise(got.overall_lead),
        "finding.references": {reference_key(r) for r in gold.references} == {reference_key(r) for r in got.references},
        "finding.progress": entries_equal(gold.progress, got.progress),
        "finding.notes": entries_equal(gold.notes, got.notes),
    }


def match_by_similarity(
    gold: list[int], got: list[int], similarity: Callable[[int, int], float], threshold: float,
) -> list[tuple[int, int]]:
    """Greedy best-first pairing of leftovers whose similarity reaches the threshold."""
    candidates = sorted(
        ((similarity(g, e), g, e) for g in gold for e in got), key=lambda c: (-c[0], c[1], c[2]),
    )
    pairs, used_gold, used_got = [], set(), set()
    for score, g, e in candidates:
        if score < threshold or g in used_gold or e in used_got:
            continue
        pairs.append((g, e))
        used_gold.add(g)
        used_got.add(e)
    return pairs


def match_findings(gold: Sequence[Finding], got: Sequence[Finding]) -> dict[int, int]:
    """Gold finding index -> extracted finding index."""
    def key(f: Finding) -> tuple[str, str]:
        return normalise(f.section), normalise(f.number)

    by_key: dict[tuple[str, str], int] = {}
    for index, finding in enumerate(got):
        by_key.setdefault(key(finding), index)
    pairs: dict[int, int] = {}
    for index, finding in enumerate(gold):
        candidate = by_key.get(key(finding))
        if candidate is not None and candidate not in pairs.values():
            pairs[index] = candidate
    left_gold = [i for i in range(len(gold)) if i not in pairs]
    left_got = [i for i in range(len(got)) if i not in pairs.values()]
    pairs.update(match_by_similarity(
        left_gold, left_got,
        lambda g, e: ratio(finding_text_key(gold[g].text), finding_text_key(got[e].text)), FINDING_TEXT_MATCH,
    ))
    return pairs


def match_actions(gold: Sequence[Action], got: Sequence[Action]) -> dict[int, int]:
    """Gold action index -> extracted action index: by letter, then index, then text."""
    pairs: dict[int, int] = {}
    for g, action in enumerate(gold):
        if action.letter is None:
            continue
        for e, candidate in enumerate(got):
            if candidate.letter == action.letter and e not in pairs.values():
                pairs[g] = e
                break

    def similarity(g: int, e: int) -> float:
        return ratio(normalise(gold[g].text), normalise(got[e].text))

    for g, action in enumerate(gold):
        if g in pairs:
            continue
        e = next((i for i, c in enumerate(got) if c.index == action.index), None)
        if e is not None and e not in pairs.values() and similarity(g, e) >= ACTION_TEXT_MATCH:
            pairs[g] = e
    left_gold = [g for g in range(len(gold)) if g not in pairs]
    left_got = [e for e in range(len(got)) if e not in pairs.values()]
    pairs.update(match_by_similarity(left_gold, left_got, similarity, ACTION_TEXT_MATCH))
    return pairs


@dataclass
class Mistake:
    """One wrong field, for --details."""

    document: str
    where: str
    field: str
    gold: object
    got: object


@dataclass
class DocumentScore:
    """Counts for one document: matched/extracted/gold actions and correct/scored per field."""

    name: str
    matched_actions: int = 0
    extracted_actions: int = 0
    gold_actions: int = 0
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    document_fields: dict[str, bool] = field(default_factory=dict)
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def field_accuracy(self) -> float:
        """Correct fields over scored fields, all fields together."""
        return sum(self.correct.values()) / max(1, sum(self.scored.values()))

    @property
    def actions_f1(self) -> float:
        return f1(self.matched_actions, self.extracted_actions, self.gold_actions)[2]


def field_value(obj: Action | Finding | None, name: str) -> object:
    """The value an audit field reads, for showing mistakes."""
    value: object = obj
    for part in name.split(".")[1:]:
        value = getattr(value, part, None) if value is not None else None
    return value


def score_document(name: str, gold: Plan, got: Plan | None) -> DocumentScore:
    """Score one extracted plan (None when the extractor produced nothing) against its gold."""
    score = DocumentScore(name)
    got_findings = got.findings if got else []
    score.gold_actions = sum(len(f.actions) for f in gold.findings)
    score.extracted_actions = sum(len(f.actions) for f in got_findings)
    finding_pairs = match_findings(gold.findings, got_findings)
    for g, gold_finding in enumerate(gold.findings):
        got_finding = got_findings[finding_pairs[g]] if g in finding_pairs else None
        where = f"finding {gold_finding.section + ' ' if gold_finding.section else ''}{gold_finding.number}"
        results = score_finding(gold_finding, got_finding)
        record(score, where, results, gold_finding, got_finding)
        action_pairs = match_actions(gold_finding.actions, got_finding.actions) if got_finding else {}
        score.matched_actions += len(action_pairs)
        for a, gold_action in enumerate(gold_finding.actions):
            got_action = got_finding.actions[action_pairs[a]] if got_finding and a in action_pairs else None
            record(score, f"action {gold_action.id}", score_action(gold_action, got_action), gold_action, got_action)
    score.document_fields = {
        "title": got is not None and texts_equal(gold.title, got.title),
        "organisation": got is not None and normalise(gold.organisation) == normalise(got.organisation),
        "as_at.date": got is not None and (gold.as_at.date if gold.as_at else None) == (
            got.as_at.date if got.as_at else None
        ),
    }
    return score


def record(
    score: DocumentScore, where: str, results: dict[str, bool], gold: Action | Finding, got: Action | Finding | None,
) -> None:
    for name, correct in results.items():
        score.scored[name] += 1
        score.correct[name] += correct
        if not correct:
            score.mistakes.append(Mistake(score.name, where, name, field_value(gold, name), field_value(got, name)))


def f1(matched: int, extracted: int, gold: int) -> tuple[float, float, float]:
    precision = matched / extracted if extracted else (1.0 if not gold else 0.0)
    recall = matched / gold if gold else 1.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def pooled(scores: Sequence[DocumentScore]) -> DocumentScore:
    """All documents' counts added up."""
    total = DocumentScore("pooled")
    for s in scores:
        total.matched_actions += s.matched_actions
        total.extracted_actions += s.extracted_actions
        total.gold_actions += s.gold_actions
        for name in FIELDS:
            total.correct[name] += s.correct[name]
            total.scored[name] += s.scored[name]
    return total


def fraction(correct: int, scored: int) -> str:
    return f"{correct / scored:.3f} ({correct}/{scored})" if scored else "- (0/0)"


def format_report(scores: Sequence[DocumentScore], details: bool = False) -> str:
    """The per-document and per-field table, pooled figures last; with details, every wrong field."""
    total = pooled(scores)
    columns = [*scores, total]
    names = [f"D{i}" for i in range(1, len(scores) + 1)] + ["pooled"]
    rows: list[list[str]] = [["", *names]]
    p, r, f = zip(*(f1(s.matched_actions, s.extracted_actions, s.gold_actions) for s in columns))
    rows.append(["actions precision", *(f"{v:.3f}" for v in p)])
    rows.append(["actions recall", *(f"{v:.3f}" for v in r)])
    rows.append(["actions F1", *(f"{v:.3f}" for v in f)])
    for name in FIELDS:
        rows.append([name, *(fraction(s.correct[name], s.scored[name]) for s in columns)])
    all_correct = [sum(s.correct.values()) for s in columns]
    all_scored = [sum(s.scored.values()) for s in columns]
    rows.append(["all fields", *(fraction(c, n) for c, n in zip(all_correct, all_scored))])
    for name in ("title", "organisation", "as_at.date"):
        rows.append([name, *("ok" if s.document_fields.get(name) else "WRONG" for s in scores), ""])
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.extend(f"{n}: {s.name}" for n, s in zip(names, scores))
    if details:
        mistakes = [m for s in scores for m in s.mistakes]
        lines.append("")
        lines.append(f"{len(mistakes)} wrong fields" if mistakes else "no wrong fields")
        for m in mistakes:
            lines.append(f"{m.document} {m.where} {m.field}:\n  gold: {m.gold!r}\n  got:  {m.got!r}")
    return "\n".join(lines)


def lowest_score(scores: Sequence[DocumentScore]) -> float:
    """The lowest pooled figure (actions F1 or any field's accuracy), for --min-accuracy."""
    total = pooled(scores)
    figures = [f1(total.matched_actions, total.extracted_actions, total.gold_actions)[2]]
    figures += [total.correct[n] / total.scored[n] for n in FIELDS if total.scored[n]]
    return min(figures)


DOCUMENT_FIELDS = ("title", "organisation", "as_at.date")
CSV_HEADER = ("document", "measure", "correct", "scored", "value")


@dataclass(frozen=True)
class FolderScores:
    """The scores of every gold plan, and a line for each gold whose extraction is missing or invalid."""

    scores: list[DocumentScore]
    problems: list[str]


def load_prediction(path: Path) -> tuple[Plan | None, str | None]:
    """The extracted plan at `path`, or None and why it counts as missed."""
    if not path.is_file():
        return None, f"no extraction {path}; its gold counts as missed"
    try:
        return Plan.model_validate_json(path.read_text(encoding="utf-8")), None
    except ValidationError as error:
        return None, f"{path} is not a valid Plan ({error.error_count()} errors); its gold counts as missed"


def score_folders(gold_dir: Path, pred_dir: Path) -> FolderScores:
    """Score PRED/NAME.json against GOLD/NAME.gold.json for every gold file.

    Raises UsageError when the gold folder holds no gold plan or the extracted folder none of their plans.
    """
    gold_files = sorted(gold_dir.glob("*.gold.json"))
    if not gold_files:
        raise UsageError(f"--gold {gold_dir} holds no NAME.gold.json files")
    names = [path.name.removesuffix(".gold.json") for path in gold_files]
    if not any((pred_dir / f"{name}.json").is_file() for name in names):
        raise UsageError(f"--pred {pred_dir} holds none of the gold's plans (NAME.json for {names[0]}.gold.json ...)")
    scores, problems = [], []
    for name, gold_path in zip(names, gold_files):
        try:
            gold = Plan.model_validate_json(gold_path.read_text(encoding="utf-8"))
        except ValidationError as error:
            raise UsageError(f"{gold_path} is not a valid Plan ({error.error_count()} errors)") from None
        got, problem = load_prediction(pred_dir / f"{name}.json")
        if problem:
            problems.append(problem)
        scores.append(score_document(name, gold, got))
    return FolderScores(scores, problems)


def measures(score: DocumentScore) -> list[tuple[str, int, int, float | None]]:
    """(measure, correct, scored, value) for one document: the action figures, each field, all fields."""
    precision, recall, f_score = f1(score.matched_actions, score.extracted_actions, score.gold_actions)
    rows: list[tuple[str, int, int, float | None]] = [
        ("actions precision", score.matched_actions, score.extracted_actions, precision),
        ("actions recall", score.matched_actions, score.gold_actions, recall),
        ("actions F1", score.matched_actions, score.extracted_actions + score.gold_actions, f_score),
    ]
    rows += [(name, score.correct[name], score.scored[name],
              score.correct[name] / score.scored[name] if score.scored[name] else None) for name in FIELDS]
    correct, scored = sum(score.correct.values()), sum(score.scored.values())
    rows.append(("all fields", correct, scored, correct / scored if scored else None))
    if score.document_fields:
        rows += [(name, int(score.document_fields[name]), 1, float(score.document_fields[name]))
                 for name in DOCUMENT_FIELDS]
    return rows


def scores_json(scores: Sequence[DocumentScore]) -> str:
    """Every document's measures and wrong fields, and the pooled measures, as JSON."""
    def document(score: DocumentScore, mistakes: bool) -> dict:
        entry: dict = {"document": score.name, "measures": [
            {"measure": name, "correct": correct, "scored": scored, "value": value}
            for name, correct, scored, value in measures(score)
        ]}
        if mistakes:
            entry["mistakes"] = [asdict(m) for m in score.mistakes]
        return entry

    report = {"documents": [document(s, True) for s in scores], "pooled": document(pooled(scores), False)}
    return json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n"


def scores_csv(scores: Sequence[DocumentScore]) -> str:
    """One row per document (and "pooled") and measure: correct, scored and the value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for score in [*scores, pooled(scores)]:
        for name, correct, scored, value in measures(score):
            writer.writerow([score.name, name, correct, scored, "" if value is None else f"{value:.6f}"])
    return buffer.getvalue()


def formatted(scores: Sequence[DocumentScore], output_format: str, details: bool = False) -> str:
    """The scores as "table" (for people), "json" or "csv"."""
    if output_format == "json":
        return scores_json(scores)
    if output_format == "csv":
        return scores_csv(scores)
    return format_report(scores, details=details) + "\n"
