"""Dates as UK plans print them: day first, financial years April to March.

`parse_date` reads one expression; `parse_date_cell` reads a whole date cell, which may
hold a due date, a completion date ("May 2018 Complete June 2018") and a revision
("March 2019 (revised from December 2018)").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from schemas.plan import DateValue

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
YEAR = r"(?P<year>\d{4}|'?\d{2})"
DAY = r"(?P<day>\d{1,2})\s*(?:st|nd|rd|th)?"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("quarter", re.compile(r"\bQ(?P<quarter>[1-4])\s*(?P<fy1>\d{4})\s*[/-]\s*(?P<fy2>\d{2}|\d{4})\b", re.I)),
    ("numeric", re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4}|\d{2})\b")),
    ("day", re.compile(rf"\b{DAY}\s*(?:of\s+)?{MONTH}\s*,?\s*{YEAR}\b", re.I)),
    ("month_day", re.compile(rf"\b{MONTH}\s+{DAY}\s*,?\s*(?P<year>\d{{4}})\b", re.I)),
    ("month", re.compile(rf"\b{MONTH}\s*[-/ ,']\s*{YEAR}\b", re.I)),
    ("financial_year", re.compile(r"\b(?P<fy1>\d{4})\s*/\s*(?P<fy2>\d{2}|\d{4})\b")),
    ("year", re.compile(r"\b(?P<year>(?:19|20)\d{2})\b")),
)
COMPLETED = re.compile(r"\b(?:completed?|achieved)\b:?", re.I)
REVISED = re.compile(r"\(?\s*\b(?:revised|rescheduled|moved|changed|extended)\s+from\b[^)]*\)?", re.I)
UNDATED_WORDS = re.compile(
    r"(?:ongoing|on-going|tbc|tba|tbd|monthly|weekly|fortnightly|quarterly|annually|annual|immediate(?:ly)?"
    r"|n/?a|-|continuous|as required)\W*",
    re.IGNORECASE,
)
MARKER = re.compile(r"^\s*\(?[a-z](?:\s*(?:&|and|,)\s*[a-z])*\)\s*", re.I)


@dataclass(frozen=True)
class DateCell:
    """What a date cell says: when the action is due, when it was completed, whether it was revised."""

    due: DateValue | None
    completed: DateValue | None
    revised: bool


def is_undated_word(text: str) -> bool:
    """True for date cells that name no date on purpose ("Ongoing", "TBC", "Monthly")."""
    return bool(UNDATED_WORDS.fullmatch(text.strip()))


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def _year(text: str) -> int:
    digits = int(text.lstrip("'"))
    return digits + 2000 if digits < 100 else digits


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _fiscal_end_year(fy1: str, fy2: str) -> int | None:
    start = int(fy1)
    end = int(fy2) if len(fy2) == 4 else (start // 100) * 100 + int(fy2)
    return end if end == start + 1 else None


def _match_to_date(kind: str, match: re.Match[str]) -> tuple[date, str] | None:
    """The calendar date and precision of one matched expression (None if it is not a real date)."""
    groups = match.groupdict()
    try:
        if kind == "quarter":
            end_year = _fiscal_end_year(groups["fy1"], groups["fy2"])
            if end_year is None:
                return None
            quarter = int(groups["quarter"])
            month = {1: 6, 2: 9, 3: 12, 4: 3}[quarter]
            year = end_year if quarter == 4 else end_year - 1
            return _last_day(year, month), "quarter"
        if kind == "financial_year":
            end_year = _fiscal_end_year(groups["fy1"], groups["fy2"])
            return (date(end_year, 3, 31), "year") if end_year else None
        if kind == "year":
            return date(int(groups["year"]), 12, 31), "year"
        month = int(groups["month"]) if groups["month"].isdigit() else MONTHS[groups["month"].lower().rstrip(".")]
        year = _year(groups["year"])
        if kind in ("numeric", "day", "month_day"):
            return date(year, month, int(groups["day"])), "day"
        return _last_day(year, month), "month"
    except (ValueError, KeyError):
        return None


def find_dates(text: str) -> list[tuple[int, int, date, str]]:
    """Every date expression in the text as (start, end, date, precision), in reading order.

    Earlier patterns win where expressions overlap ("30 November 2018" is a day, not a month).
    """
    taken: list[tuple[int, int]] = []  # spans already read, including impossible dates ("31/02/2019")
    found: list[tuple[int, int, date, str]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            parsed = _match_to_date(kind, match)
            if parsed:
                found.append((match.start(), match.end(), *parsed))
    return sorted(found)


def parse_date(text: str) -> DateValue | None:
    """One printed date as a DateValue; a range resolves to its end. None for empty text."""
    text = normalise_space(text)
    if not text:
        return None
    dates = find_dates(text)
    if not dates:
        return DateValue(text=text, date=None, precision=None)
    _, _, value, precision = dates[-1]
    return DateValue(text=text, date=value.isoformat(), precision=precision)


def parse_date_cell(text: str) -> DateCell:
    """Split a date cell into due and completed dates and note a revision."""
    text = normalise_space(MARKER.sub("", text, count=1))
    revised = bool(REVISED.search(text))
    match = COMPLETED.search(text)
    if match:
        due_text, completed_text = text[: match.start()].strip(" -–,;/"), text[match.start():].strip()
        completed = parse_date(completed_text)
        if completed is not None and completed.date is None:
            completed = None
    else:
        due_text, completed = text, None
    due = parse_date(REVISED.sub("", due_text)) if due_text else None
    if due is not None:
        due = DateValue(text=due_text, date=due.date, precision=due.precision)
    return DateCell(due=due, completed=completed, revised=revised)
