"""Dates as UK plans print them (OUTPUT.md's DateValue table, DESIGN hard case 8)."""

from __future__ import annotations

from datetime import date

import pytest

from extract.fields.dates import DateCell, find_dates, is_undated_word, parse_date, parse_date_cell
from schemas.plan import DateValue

# (printed, ISO date, precision): every row of OUTPUT.md's DateValue table that is one expression.
DATE_TABLE = [
    ("30/11/2018", "2018-11-30", "day"),
    ("30.11.18", "2018-11-30", "day"),
    ("30th November 2018", "2018-11-30", "day"),
    ("30 Nov 2018", "2018-11-30", "day"),
    ("November 2018", "2018-11-30", "month"),
    ("Nov 2018", "2018-11-30", "month"),
    ("Nov-18", "2018-11-30", "month"),
    ("Sept 2019", "2019-09-30", "month"),
    ("End of March 2019", "2019-03-31", "month"),
    ("Q1 2019/20", "2019-06-30", "quarter"),
    ("Q2 2019/20", "2019-09-30", "quarter"),
    ("Q3 2019/20", "2019-12-31", "quarter"),
    ("Q4 2019/20", "2020-03-31", "quarter"),
    ("2019/20", "2020-03-31", "year"),
    ("April - June 2019", "2019-06-30", "month"),
    # DESIGN hard case 8 and a few more spellings of the same rules
    ("Immediate/ 30th September 2010", "2010-09-30", "day"),
    ("31st March 2019", "2019-03-31", "day"),
    ("30th Sept 2019", "2019-09-30", "day"),
    ("Sept-19", "2019-09-30", "month"),
    ("February 2020", "2020-02-29", "month"),
    ("February 2019", "2019-02-28", "month"),
    ("Q4 2019/2020", "2020-03-31", "quarter"),
    ("2019/2020", "2020-03-31", "year"),
    ("April 2019 - March 2020", "2020-03-31", "month"),
    ("30/09/2024", "2024-09-30", "day"),
]


@pytest.mark.parametrize(("printed", "iso", "precision"), DATE_TABLE)
def test_parse_date_table(printed: str, iso: str, precision: str) -> None:
    assert parse_date(printed) == DateValue(text=printed, date=iso, precision=precision)


@pytest.mark.parametrize("printed", ["Ongoing", "TBC", "Monthly", "Immediate"])
def test_parse_date_undated_words_keep_text(printed: str) -> None:
    assert parse_date(printed) == DateValue(text=printed, date=None, precision=None)


def test_parse_date_normalises_whitespace_in_text() -> None:
    assert parse_date("  November \n  2018 ") == DateValue(text="November 2018", date="2018-11-30", precision="month")


@pytest.mark.parametrize("printed", ["", "   ", "\n"])
def test_parse_date_empty_is_none(printed: str) -> None:
    assert parse_date(printed) is None


@pytest.mark.parametrize("printed", ["31/02/2019", "30/13/2019", "32.01.19"])
def test_parse_date_impossible_date_reads_no_date(printed: str) -> None:
    # not a crash, and not the bare year read out of the impossible day
    assert parse_date(printed) == DateValue(text=printed, date=None, precision=None)


# ---- parse_date_cell: the whole date cell ------------------------------------------------------


@pytest.mark.parametrize(("printed", "iso", "precision"), DATE_TABLE)
def test_parse_date_cell_single_dates_are_due(printed: str, iso: str, precision: str) -> None:
    assert parse_date_cell(printed) == DateCell(
        due=DateValue(text=printed, date=iso, precision=precision), completed=None, revised=False,
    )


def test_parse_date_cell_revised_from() -> None:
    text = "March 2019 (revised from December 2018)"
    cell = parse_date_cell(text)
    assert cell.due == DateValue(text=text, date="2019-03-31", precision="month")
    assert cell.completed is None
    assert cell.revised is True


def test_parse_date_cell_due_then_completed() -> None:
    assert parse_date_cell("May 2018 Complete June 2018") == DateCell(
        due=DateValue(text="May 2018", date="2018-05-31", precision="month"),
        completed=DateValue(text="Complete June 2018", date="2018-06-30", precision="month"),
        revised=False,
    )


def test_parse_date_cell_due_and_completed_same_month() -> None:
    assert parse_date_cell("October 2018 Complete October 2018") == DateCell(
        due=DateValue(text="October 2018", date="2018-10-31", precision="month"),
        completed=DateValue(text="Complete October 2018", date="2018-10-31", precision="month"),
        revised=False,
    )


def test_parse_date_cell_completed_alone_has_no_due() -> None:
    assert parse_date_cell("Completed 12/10/2018") == DateCell(
        due=None,
        completed=DateValue(text="Completed 12/10/2018", date="2018-10-12", precision="day"),
        revised=False,
    )


def test_parse_date_cell_achieved_is_a_completion() -> None:
    assert parse_date_cell("Achieved June 2018") == DateCell(
        due=None,
        completed=DateValue(text="Achieved June 2018", date="2018-06-30", precision="month"),
        revised=False,
    )


@pytest.mark.parametrize("printed", ["Ongoing", "TBC", "Monthly", "Immediate"])
def test_parse_date_cell_undated_words(printed: str) -> None:
    assert parse_date_cell(printed) == DateCell(
        due=DateValue(text=printed, date=None, precision=None), completed=None, revised=False,
    )


def test_parse_date_cell_immediate_with_superscript_date_kept_whole() -> None:
    assert parse_date_cell("Immediate/ 30th September 2010") == DateCell(
        due=DateValue(text="Immediate/ 30th September 2010", date="2010-09-30", precision="day"),
        completed=None,
        revised=False,
    )


@pytest.mark.parametrize(
    ("printed", "text", "iso"),
    [
        ("a) November 2018", "November 2018", "2018-11-30"),
        ("(b) December 2018", "December 2018", "2018-12-31"),
        ("d & e) March 2019", "March 2019", "2019-03-31"),
    ],
)
def test_parse_date_cell_strips_letter_marker(printed: str, text: str, iso: str) -> None:
    assert parse_date_cell(printed) == DateCell(
        due=DateValue(text=text, date=iso, precision="month"), completed=None, revised=False,
    )


def test_parse_date_cell_impossible_date_does_not_crash() -> None:
    assert parse_date_cell("31/02/2019") == DateCell(
        due=DateValue(text="31/02/2019", date=None, precision=None), completed=None, revised=False,
    )


# ---- find_dates ---------------------------------------------------------------------------------


def test_find_dates_reading_order_and_spans() -> None:
    assert find_dates("May 2018 Complete June 2018") == [
        (0, 8, date(2018, 5, 31), "month"),
        (18, 27, date(2018, 6, 30), "month"),
    ]


def test_find_dates_day_wins_over_month_inside_it() -> None:
    assert find_dates("Immediate/ 30th September 2010") == [(11, 30, date(2010, 9, 30), "day")]


def test_find_dates_quarter_and_financial_year() -> None:
    assert find_dates("Q3 2019/20 and 2019/20") == [
        (0, 10, date(2019, 12, 31), "quarter"),
        (15, 22, date(2020, 3, 31), "year"),
    ]


def test_find_dates_mixed_numeric_and_month() -> None:
    assert find_dates("Due 30/11/2018 or November 2018") == [
        (4, 14, date(2018, 11, 30), "day"),
        (18, 31, date(2018, 11, 30), "month"),
    ]


@pytest.mark.parametrize("text", ["", "Ongoing", "no dates here", "TBC", "31/02/2019"])
def test_find_dates_none(text: str) -> None:
    assert find_dates(text) == []


# ---- is_undated_word ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ongoing", True),
        ("On-going", True),
        ("TBC", True),
        ("  tbc  ", True),
        ("Monthly", True),
        ("Immediate", True),
        ("Immediately", True),
        ("Ongoing.", True),
        ("n/a", True),
        ("November 2018", False),
        ("Immediate/ 30th September 2010", False),
        ("", False),
    ],
)
def test_is_undated_word(text: str, expected: bool) -> None:
    assert is_undated_word(text) is expected
