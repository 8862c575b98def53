"""Stage 6, plan: read every field out of the aligned items and validate the result as a Plan.

Also reads the document's title, organisation and as-at date from the text above the
table and the header cells.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from extract.coverage import field_words, measure_coverage, table_texts
from extract.fields.dates import find_dates, is_undated_word, parse_date_cell
from extract.fields.leads import leads_of_paragraphs
from extract.fields.rag import RagKey, legend_to_key, read_rag_key
from extract.fields.references import parse_number_cell, split_finding_text
from extract.fields.status import action_status, rag_from_fill, rag_from_text, reports_slippage
from extract.headings import title_and_organisation
from extract.items import ActionItems, FindingItems
from extract.rows import PlanTable
from extract.text import normalise_space
from schemas.plan import SCHEMA_VERSION, Action, DateValue, Finding, Plan, Source

AS_AT = re.compile(
    r"\b(?:as\s+(?:at|of)|progress\s+update|update|position|updated)\b\s*:?\s*(?P<date>.+)$", re.IGNORECASE,
)
MAX_LEAD_WORDS = 9


def date_in(text: str) -> DateValue | None:
    """The last date printed in the text, with the printed words of that date as its text."""
    dates = find_dates(text)
    if not dates:
        return None
    start, end, value, precision = dates[-1]
    return DateValue(text=text[start:end], date=value.isoformat(), precision=precision)


def as_at_date(header_texts: Sequence[str], preamble_texts: Sequence[str], title: str | None) -> DateValue | None:
    """'Progress as at <date>' in a header or above the table; else the date in the title."""
    for text in [*header_texts, *preamble_texts]:
        match = AS_AT.search(normalise_space(text))
        if match and (value := date_in(match.group("date"))):
            return value
    in_title = date_in(title) if title else None
    # A year or a range in the title ("Strategy 2019-2024") dates the plan, not its progress.
    return in_title if in_title and in_title.precision in ("day", "month") else None


def page_ranges(pages: Sequence[int]) -> str:
    """1, 2, 3, 5 -> "1-3, 5"."""
    ranges: list[list[int]] = []
    for page in sorted(set(pages)):
        if ranges and page == ranges[-1][-1] + 1:
            ranges[-1].append(page)
        else:
            ranges.append([page])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in ranges)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def numbers_restart(findings: Sequence[FindingItems], numbers: Sequence[str | None]) -> bool:
    """True when the same finding number appears in two sections."""
    seen: dict[str, str | None] = {}
    for finding, number in zip(findings, numbers):
        if number is None:
            continue
        if number in seen and seen[number] != finding.section:
            return True
        seen[number] = finding.section
    return False


def build_action(
    item: ActionItems, index: int, id_prefix: str, finding_progress: list[str], warnings: list[str],
    key: RagKey | None = None,
) -> Action:
    """One action's fields from its aligned items."""
    letter = item.letter if item.kind in ("letter", "roman") else None
    action_id = f"{id_prefix}{letter}" if letter else f"{id_prefix}.{index}"
    progress = normalise_space(" ".join(item.progress)) or None
    date_cell = parse_date_cell(item.date_text) if item.date_text else None
    if date_cell and date_cell.due and date_cell.due.date is None and not is_undated_word(date_cell.due.text):
        warnings.append(f"{action_id}: could not read a date in '{date_cell.due.text}'")
    warnings.extend(f"{action_id}: {warning}" for warning in (date_cell.warnings if date_cell else ()))
    rag = (rag_from_text(item.rag_text, key) if item.rag_text else None) or rag_from_fill(item.rag_fill, key)
    leads = leads_of_paragraphs(item.lead_paragraphs)
    warnings.extend(
        f"{action_id}: lead '{lead}' may name several people or roles"
        for lead in leads if len(lead.split()) > MAX_LEAD_WORDS
    )
    status = action_status(
        progress,
        completed=bool(date_cell and date_cell.completed),
        revised=bool(date_cell and date_cell.revised) or reports_slippage(item.date_text),
        finding_progress=finding_progress,
        rag=rag,
        status_text=item.rag_text,
    )
    return Action(
        index=index,
        letter=letter,
        id=action_id,
        text=normalise_space(item.text),
        progress=progress,
        leads=leads,
        due=date_cell.due if date_cell else None,
        completed=date_cell.completed if date_cell else None,
        status=status,
        rag=rag,
        pages=sorted(item.pages),
        measure=normalise_space(item.measure_text or "") or None,
    )


def missing_letter_warnings(finding: FindingItems, id_prefix: str) -> list[str]:
    """Lettered actions with no lead or date entry of their own while their siblings have one."""
    lettered = [a for a in finding.actions if a.letter and a.kind in ("letter", "roman")]
    messages = []
    for role, has in (("lead", lambda a: bool(a.lead_paragraphs)), ("date", lambda a: bool(a.date_text))):
        if sum(map(has, lettered)) * 2 >= len(lettered):
            messages.extend(
                f"{id_prefix}{a.letter}: no {role} entry lettered '{a.letter}'; left empty"
                for a in lettered if not has(a)
            )
    return messages


def build_findings(items: Sequence[FindingItems], warnings: list[str], key: RagKey | None = None) -> list[Finding]:
    """Every finding's fields; ids are prefixed with the section when numbers restart in each section."""
    parsed = []
    for position, finding in enumerate(items, start=1):
        prefix_number, text, references = split_finding_text(finding.finding_text)
        if finding.numbered_by_position:  # the run's heading or lead-in row, as printed ("Priority 1: ...")
            prefix_number, text, references = None, normalise_space(finding.finding_text), []
        number = parse_number_cell(finding.number_text) if finding.number_text else prefix_number
        if number is None and not finding.numbered_by_position:
            warnings.append(f"finding {position} ('{text[:40]}') has no number; numbered by position")
        parsed.append((number, text, references))
    restart = numbers_restart(items, [number for number, _, _ in parsed])
    findings = []
    for position, (finding, (number, text, references)) in enumerate(zip(items, parsed), start=1):
        id_prefix = number or (slug(text) if finding.numbered_by_position else str(position))
        if restart and finding.section:
            id_prefix = f"{slug(finding.section)}-{id_prefix}"
        warnings.extend(f"finding {id_prefix}: {w}" for w in finding.warnings)
        progress = [normalise_space(p) for p in finding.progress if p.strip()]
        warnings.extend(missing_letter_warnings(finding, id_prefix))
        actions = [
            build_action(action, index, id_prefix, progress, warnings, key)
            for index, action in enumerate(finding.actions, start=1)
        ]
        findings.append(Finding(
            section=finding.section,
            number=number,
            text=text,
            references=references,
            overall_lead=normalise_space(finding.overall_lead_text) or None,
            progress=progress,
            notes=[normalise_space(n) for n in finding.notes],
            pages=sorted(finding.pages),
            actions=actions,
        ))
    return findings


def skipped(keys: Sequence[int]) -> list[tuple[int, int]]:
    """(before, after) for each place where a run of numbers skips some: 1, 2, 4 -> [(2, 4)]."""
    return [(a, b) for a, b in itertools.pairwise(keys) if b > a + 1]


def numbering_gaps(findings: Sequence[Finding]) -> list[str]:
    """Warnings for finding numbers (within a section) and action letters that skip, where text may be missing."""
    messages = []
    by_section: dict[str | None, list[int]] = {}
    for finding in findings:
        if finding.number and finding.number.isdigit():
            by_section.setdefault(finding.section, []).append(int(finding.number))
    for section, numbers in by_section.items():
        where = f" in section '{section}'" if section else ""
        messages.extend(f"finding numbers skip from {a} to {b}{where}" for a, b in skipped(numbers))
    for finding in findings:
        if any(a.letter and len(a.letter) > 1 for a in finding.actions):
            continue  # roman numerals: i, ii, ... v is no gap
        letters = [ord(a.letter) for a in finding.actions if a.letter]
        messages.extend(
            f"finding {finding.number or finding.text[:30]}: action letters skip from {chr(a)} to {chr(b)}"
            for a, b in skipped(letters)
        )
    return messages


def build_plan(table: PlanTable, items: Sequence[FindingItems], source: Source) -> Plan:
    """The validated Plan for one document."""
    warnings: list[str] = [
        f"column '{header}' has no role in the output contract; its cells were left out"
        for header in table.unmapped_headers
    ]
    if table.borderless_pages:
        warnings.append(
            f"no ruling lines on page{'s' if len(table.borderless_pages) > 1 else ''} "
            f"{page_ranges(table.borderless_pages)}: columns read from the header, rows from the text layout"
        )
    title, organisation = title_and_organisation(table.preamble)
    as_at = as_at_date(table.header_texts, [line.text for line in table.preamble], title)
    printed = read_rag_key([*table.header_texts, *(line.text for line in table.preamble)])  # "RAG (Blue = complete)"
    legend = legend_to_key(table.preamble, table.preamble_fills)  # coloured boxes with their words beside them
    key = RagKey({**legend.words, **printed.words}, printed.colours)
    findings = build_findings(items, warnings, key)
    warnings.extend(numbering_gaps(findings))
    coverage, lost = measure_coverage(table_texts(table), field_words(findings))
    warnings.extend(lost)
    return Plan(
        schema_version=SCHEMA_VERSION,
        source=source,
        title=title,
        organisation=organisation,
        as_at=as_at,
        columns=table.columns,
        findings=findings,
        warnings=warnings,
        coverage=coverage,
    )
