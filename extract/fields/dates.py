"""Dates as UK plans print them: day first, financial years April to March.

`find_dates` finds every date expression in a text (days, months, financial and calendar
quarters, seasons and school terms, financial and plain years); `parse_date` reads one
printed date; `parse_date_cell` reads a whole date cell, which may hold a due date, a
completion date ("May 2018 Complete June 2018") and a revision ("March 2019 (revised from
December 2018)", "Nov 2018 (revised to Feb 2019)").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from extract.markers import LETTER_MARKER
from extract.text import normalise_space
from schemas.plan import DateValue, Precision

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS["sept"] = 9
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
YEAR = r"(?P<year>\d{4}|'?\d{2})"
DAY = r"(?P<day>\d{1,2})\s*(?:st|nd|rd|th)?"
QUARTER = r"(?:Q|Qtr\.?|Quarter)\s*(?P<quarter>[1-4])"
FINANCIAL_YEAR = r"(?:FY\s*)?(?P<fy1>\d{4}|\d{2})\s*[/-]\s*(?P<fy2>\d{4}|\d{2})"
SEASON = r"(?P<season>spring|summer|autumn|fall|winter)(?P<term>\s+term)?"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")),
    ("quarter", re.compile(rf"\b{QUARTER}\s*,?\s*(?:of\s+)?{FINANCIAL_YEAR}\b", re.I)),
    ("quarter", re.compile(rf"\b{FINANCIAL_YEAR}\s*,?\s*{QUARTER}\b", re.I)),
    ("calendar_quarter", re.compile(rf"\b{QUARTER}\s*,?\s*(?:of\s+)?(?P<year>\d{{4}})\b", re.I)),
    ("numeric", re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4}|\d{2})\b")),
    ("day", re.compile(rf"\b{DAY}\s*[-\s]?\s*(?:of\s+)?{MONTH}\s*[-,]?\s*{YEAR}\b", re.I)),
    ("month_day", re.compile(rf"\b{MONTH}\s+{DAY}\s*,?\s*(?P<year>\d{{4}})\b", re.I)),
    ("season", re.compile(
        rf"\b{SEASON}\s*(?:of\s+)?(?P<fy1>\d{{4}})(?:\s*[/-]\s*(?P<fy2>\d{{4}}|\d{{2}}))?\b(?P<term_after>\s+term\b)?",
        re.I,
    )),
    ("month_number", re.compile(r"(?<![/.\d])\b(?P<month>0?[1-9]|1[0-2])[/.-](?P<year>\d{4})\b")),
    ("month", re.compile(rf"\b{MONTH}\s*[-/ ,']\s*{YEAR}\b", re.I)),
    ("financial_year", re.compile(rf"\b{FINANCIAL_YEAR}\b", re.I)),
    ("year", re.compile(r"\b(?P<year>(?:19|20)\d{2})\b")),
)
# Kinds whose match may be something else when its numbers do not fit ("2019-2021" is two years).
LOOSE_KINDS = frozenset({"financial_year", "quarter", "season"})
QUARTER_END_MONTH = {1: 6, 2: 9, 3: 12, 4: 3}
# (last month, whether it falls in the second year of a split year "2019/20") of each season and term.
SEASON_END = {"spring": (5, True), "summer": (8, True), "autumn": (11, False), "fall": (11, False), "winter": (2, True)}
TERM_END = {"spring": (3, True), "summer": (7, True), "autumn": (12, False), "fall": (12, False), "winter": (3, True)}

COMPLETED = re.compile(r"\b(?:completed?|achieved)\b:?", re.I)
REVISED_FROM = re.compile(
    r"\(?\s*\b(?:revised|rescheduled|moved|changed|extended|delayed|slipped|deferred)\s+from\b[^)]*\)?", re.I,
)
REVISED_TO = re.compile(
    r"\b(?:revised|rescheduled|moved|changed|extended|delayed|slipped|deferred|postponed|pushed back|put back)"
    r"\s+(?:to|until|till)\b|\b(?:revised|new)\s+(?:target\s+|completion\s+|due\s+)?(?:date|deadline)\b"
    r"|\brevised\s*:|\(\s*revised\s*\)",
    re.I,
)
UNDATED_WORD = (
    r"(?:ongoing|on-going|tbc|tba|tbd|monthly|weekly|fortnightly|quarterly|annually|annual|immediate(?:ly)?"
    r"|n/?a|-|continuous|as required)"
)
CONNECTING_WORD = r"(?:and|then|reviewed|&)"
# "Ongoing", "TBC", "Immediate and ongoing", "Ongoing - reviewed monthly": no date on purpose.
UNDATED_WORDS = re.compile(
    rf"(?:{CONNECTING_WORD}\W*)*{UNDATED_WORD}\W*(?:(?:{UNDATED_WORD}|{CONNECTING_WORD})\W*)*", re.IGNORECASE,
)


@dataclass(frozen=True)
class DateCell:
    """What a date cell says: when the action is due, when it was completed, whether it was revised.

    `warnings` name assumptions the reader made (a calendar quarter of a plain year).
    """

    due: DateValue | None
    completed: DateValue | None
    revised: bool
    warnings: tuple[str, ...] = ()


def is_undated_word(text: str) -> bool:
    """True for date cells that name no date on purpose ("Ongoing", "TBC", "Monthly")."""
    return bool(UNDATED_WORDS.fullmatch(text.strip()))


def _year(text: str) -> int:
    """A printed year as a full year ("19", "'19" -> 2019)."""
    digits = int(text.lstrip("'"))
    return digits + 2000 if digits < 100 else digits


def _last_day(year: int, month: int) -> date:
    """The last day of that month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def _split_year(fy1: str, fy2: str) -> int | None:
    """The second year of a split year ("2019/20", "19/20", "2019-2020" -> 2020); None unless consecutive."""
    start = _year(fy1)
    end = _year(fy2) if len(fy2) == 4 else (start // 100) * 100 + int(fy2)
    return end if end == start + 1 else None


def _season_end(groups: dict[str, str | None]) -> date | None:
    """The last day of a season or school term, in a plain year or a split (academic) year."""
    season = (groups["season"] or "").lower()
    term = bool(groups["term"] or groups["term_after"])
    month, in_second_year = (TERM_END if term else SEASON_END)[season]
    year = int(groups["fy1"] or 0)
    if groups["fy2"]:
        second = _split_year(groups["fy1"] or "", groups["fy2"])
        if second is None:
            return None
        year = second if in_second_year else second - 1
    elif season == "winter" and not term:
        year += 1  # "Winter 2019" runs from December 2019 to February 2020
    return _last_day(year, month)


def _match_to_date(kind: str, match: re.Match[str]) -> tuple[date, Precision] | None:
    """The calendar date and precision of one matched expression (None if it is not a real date)."""
    groups = match.groupdict()
    try:
        if kind == "quarter":
            end_year = _split_year(groups["fy1"], groups["fy2"])
            if end_year is None:
                return None
            quarter = int(groups["quarter"])
            year = end_year if quarter == 4 else end_year - 1
            return _last_day(year, QUARTER_END_MONTH[quarter]), "quarter"
        if kind == "calendar_quarter":
            return _last_day(int(groups["year"]), 3 * int(groups["quarter"])), "quarter"
        if kind == "season":
            value = _season_end(groups)
            return (value, "season") if value else None
        if kind == "financial_year":
            end_year = _split_year(groups["fy1"], groups["fy2"])
            if end_year is None or (len(groups["fy1"]) == 2 and not match.group(0).upper().startswith("FY")):
                return None
            return date(end_year, 3, 31), "year"
        if kind == "year":
            return date(int(groups["year"]), 12, 31), "year"
        month = int(groups["month"]) if groups["month"].isdigit() else MONTHS[groups["month"].lower().rstrip(".")]
        year = _year(groups["year"])
        if kind in ("iso", "numeric", "day", "month_day"):
            return date(year, month, int(groups["day"])), "day"
        return _last_day(year, month), "month"
    except (ValueError, KeyError):
        return None


def find_dates(text: str) -> list[tuple[int, int, date, Precision]]:
    """Every date expression in the text as (start, end, date, precision), in reading order.

    Earlier patterns win where expressions overlap ("30 November 2018" is a day, not a month).
    """
    return [(start, end, value, precision) for start, end, value, precision, _ in _find(text)]


def _find(text: str) -> list[tuple[int, int, date, Precision, str]]:
    """find_dates with the kind of each expression."""
    taken: list[tuple[int, int]] = []  # spans already read, including impossible dates ("31/02/2019")
    found: list[tuple[int, int, date, Precision, str]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            parsed = _match_to_date(kind, match)
            if parsed is None and kind in LOOSE_KINDS:
                continue
            taken.append(match.span())
            if parsed:
                found.append((match.start(), match.end(), *parsed, kind))
    return sorted(found)


def parse_date(text: str) -> DateValue | None:
    """One printed date as a DateValue; a range resolves to its end. None for empty text."""
    value, _ = _read_date(text)
    return value


def _read_date(text: str) -> tuple[DateValue | None, str | None]:
    """parse_date and the kind of the expression read (None when no date was read)."""
    text = normalise_space(text)
    if not text:
        return None, None
    dates = _find(text)
    if not dates:
        return DateValue(text=text, date=None, precision=None), None
    _, _, value, precision, kind = dates[-1]
    return DateValue(text=text, date=value.isoformat(), precision=precision), kind


def parse_date_cell(text: str) -> DateCell:
    """Read a date cell: its due date, its completion date, whether it was revised, and warnings.

    The due date is the last date printed before any "Complete(d)" / "Achieved"; a revision
    ("revised from December 2018", "delayed to Dec 2019") leaves the new date. Its `text`
    keeps the cell's words as printed; the completion date keeps its "Complete" word.
    """
    text = normalise_space(LETTER_MARKER.sub("", text, count=1))
    revised = bool(REVISED_FROM.search(text) or REVISED_TO.search(text))
    match = COMPLETED.search(text)
    if match:
        due_text, completed_text = text[: match.start()].strip(" -–,;/("), text[match.start():].strip()
        if completed_text.count(")") > completed_text.count("("):  # "Dec 2019 (Achieved Nov 2019)"
            completed_text = completed_text[:-1].rstrip() if completed_text.endswith(")") else completed_text
        completed = parse_date(completed_text)
        if completed is not None and completed.date is None:
            completed = None
    else:
        due_text, completed = text, None
    due, kind = _read_date(REVISED_FROM.sub("", due_text)) if due_text else (None, None)
    if due is not None:
        due = DateValue(text=due_text, date=due.date, precision=due.precision)
    warnings = (
        (f"'{due_text}' read as a calendar quarter (Q1 = Jan-Mar); financial-year quarters need the year as 2019/20",)
        if kind == "calendar_quarter" else ()
    )
    return DateCell(due=due, completed=completed, revised=revised, warnings=warnings)
