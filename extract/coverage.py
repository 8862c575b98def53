"""Coverage: the share of the plan table's printed words that went into some field of the Plan.

Counted on words (runs of letters and digits, case ignored). The table's words are those of
its body cells and section rows, and text printed level with its rows that no cell took;
repeated header rows, page headers and footers are not in the table. Structure is not
counted: list markers ("a)", bullets), the label and number before a finding ("4.",
"Recommendation 4:"), the label of its references ("(CYPS Imp Plan Ref: ...)"), the "and"
joining leads, and the RAG and number cells, whose values are read rather than copied.
Words in a column with no role count as placed: the plan's warnings name that column.

A printed word is covered when a field of the Plan holds it (each word of a field covers
one printed occurrence, taken in document order). Runs of words nothing covers are named
with their page, so no text is lost without a word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extract.fields.references import split_finding_text
from extract.items import paragraphs_to_items
from extract.markers import LETTER_KEYS, ROMAN_KEYS
from extract.rows import PlanTable
from schemas.plan import Finding

WORD = re.compile(r"\w+")
# A letter or roman-numeral marker left inside an item's text ("... d) May 2019 e) June 2019").
INLINE_MARKER = re.compile(rf"(?:^|(?<=\s))\(?(?:{LETTER_KEYS}|{ROMAN_KEYS})\)(?=\s|$)", re.IGNORECASE)
VALUE_ROLES = frozenset({"rag", "number"})
LEAD_JOINERS = frozenset({"and"})
MAX_LOST_WARNINGS = 40
QUOTE_CHARS = 60


@dataclass(frozen=True)
class PrintedText:
    """A piece of text printed in the table, its page, and whether it is placed by being named."""

    text: str
    page: int
    named: bool = False


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def table_texts(table: PlanTable) -> list[PrintedText]:
    """The table's printed text in document order, structure taken off."""
    printed: list[PrintedText] = []
    for index, row in enumerate(table.rows):
        if row.section is not None:
            printed.append(PrintedText(row.section, table.section_pages.get(index, table.first_page)))
            continue
        for role, cell in row.cells.items():
            if role in VALUE_ROLES or not cell.lines:
                continue
            page = min(cell.pages)
            if role == "finding":
                _, text, references = split_finding_text(" ".join(p.text for p in cell.paragraphs))
                printed.append(PrintedText(" ".join([text, *references]), page))
                continue
            paragraphs = cell.paragraphs_with_wraps if role == "lead" else cell.paragraphs
            for item in paragraphs_to_items(paragraphs):
                text = item.text
                if role == "lead":
                    text = " ".join(w for w in text.split() if w.casefold() not in LEAD_JOINERS)
                printed.append(PrintedText(text, min(item.pages, default=page)))
        printed.extend(PrintedText(cell.text, cell.page, named=bool(header)) for header, cell in row.left_out)
    printed.extend(PrintedText(line.text, line.page) for line in table.stray_lines)
    return printed


def field_words(findings: Iterable[Finding]) -> Counter[str]:
    """Every word the Plan's text fields hold, with its count."""
    held: Counter[str] = Counter()
    for finding in findings:
        texts = [finding.section or "", finding.number or "", finding.text, *finding.references,
                 finding.overall_lead or "", *finding.progress, *finding.notes]
        for action in finding.actions:
            texts.extend([action.text, action.progress or "", *action.leads, action.measure or ""])
            texts.extend(value.text for value in (action.due, action.completed) if value is not None)
        for text in texts:
            held.update(words(text))
    return held


def lost_runs(text: str, held: Counter[str]) -> tuple[int, int, list[str]]:
    """(words, covered words, runs of uncovered words as printed) of one piece, taking covers from `held`."""
    runs: list[list[str]] = []
    covered = 0
    previous_lost = False
    tokens = WORD.findall(INLINE_MARKER.sub(" ", text))
    for token in tokens:
        if held[token.casefold()] > 0:
            held[token.casefold()] -= 1
            covered += 1
            previous_lost = False
            continue
        if not previous_lost:
            runs.append([])
        runs[-1].append(token)
        previous_lost = True
    return len(tokens), covered, [" ".join(run) for run in runs]


def measure_coverage(printed: Sequence[PrintedText], held: Counter[str]) -> tuple[float | None, list[str]]:
    """The share of printed words covered, and a warning for each run of words that went nowhere."""
    held = held.copy()
    total = covered = 0
    warnings: list[str] = []
    for piece in printed:
        if piece.named:
            count = len(words(piece.text))
            total += count
            covered += count
            continue
        count, found, runs = lost_runs(piece.text, held)
        total += count
        covered += found
        warnings.extend(f"page {piece.page}: text in no field: '{quote(run)}'" for run in runs)
    if len(warnings) > MAX_LOST_WARNINGS:
        warnings = [*warnings[:MAX_LOST_WARNINGS], f"... and {len(warnings) - MAX_LOST_WARNINGS} more pieces of text"]
    return (round(covered / total, 4) if total else None), warnings


def quote(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 3] + "..."
