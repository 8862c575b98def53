"""Date cells in every UK form of OUTPUT.md's DateValue table, through the public `extract.parse_date_cell`.

Each row: the printed cell, then the due and completed DateValues as (text, date, precision)
or None, then whether the cell reports a revision. Expected values are read from OUTPUT.md's
table (day first; financial year April to March; quarters, seasons and years resolve to
their last day), never from the extractor's output.
"""

from __future__ import annotations

import pytest

from extract import parse_date_cell
from schemas.plan import DateValue

Due = tuple[str, str | None, str | None] | None

# (printed, due, completed, revised)
TABLE: list[tuple[str, Due, Due, bool]] = [
    # day
    ("30/11/2018", ("30/11/2018", "2018-11-30", "day"), None, False),
    ("30.11.18", ("30.11.18", "2018-11-30", "day"), None, False),
    ("30th November 2018", ("30th November 2018", "2018-11-30", "day"), None, False),
    ("30 Nov 2018", ("30 Nov 2018", "2018-11-30", "day"), None, False),
    ("1st April 2019", ("1st April 2019", "2019-04-01", "day"), None, False),
    ("By 31/03/2020", ("By 31/03/2020", "2020-03-31", "day"), None, False),
    ("14-Jan-2019", ("14-Jan-2019", "2019-01-14", "day"), None, False),
    ("14 Jan 19", ("14 Jan 19", "2019-01-14", "day"), None, False),
    ("2019-01-14", ("2019-01-14", "2019-01-14", "day"), None, False),
    ("w/c 14th Jan 2019", ("w/c 14th Jan 2019", "2019-01-14", "day"), None, False),
    ("January 14, 2019", ("January 14, 2019", "2019-01-14", "day"), None, False),
    # month
    ("November 2018", ("November 2018", "2018-11-30", "month"), None, False),
    ("Nov 2018", ("Nov 2018", "2018-11-30", "month"), None, False),
    ("Nov-18", ("Nov-18", "2018-11-30", "month"), None, False),
    ("Sept 2019", ("Sept 2019", "2019-09-30", "month"), None, False),
    ("End of March 2019", ("End of March 2019", "2019-03-31", "month"), None, False),
    ("09/2019", ("09/2019", "2019-09-30", "month"), None, False),
    ("9/2019", ("9/2019", "2019-09-30", "month"), None, False),
    ("Jan-19", ("Jan-19", "2019-01-31", "month"), None, False),
    ("February 2020", ("February 2020", "2020-02-29", "month"), None, False),
    # financial-year quarters
    ("Q3 2019/20", ("Q3 2019/20", "2019-12-31", "quarter"), None, False),
    ("Q1 2019/20", ("Q1 2019/20", "2019-06-30", "quarter"), None, False),
    ("Quarter 1 2020/21", ("Quarter 1 2020/21", "2020-06-30", "quarter"), None, False),
    ("Q4 19/20", ("Q4 19/20", "2020-03-31", "quarter"), None, False),
    ("2019/20 Q2", ("2019/20 Q2", "2019-09-30", "quarter"), None, False),
    ("End of Q2 2019/20", ("End of Q2 2019/20", "2019-09-30", "quarter"), None, False),
    ("Q2 2019-20", ("Q2 2019-20", "2019-09-30", "quarter"), None, False),
    ("Qtr 3 2020/2021", ("Qtr 3 2020/2021", "2020-12-31", "quarter"), None, False),
    ("Quarter 4 of 2018/19", ("Quarter 4 of 2018/19", "2019-03-31", "quarter"), None, False),
    ("Quarter 3, 2019/20", ("Quarter 3, 2019/20", "2019-12-31", "quarter"), None, False),
    ("Q3 20/21", ("Q3 20/21", "2020-12-31", "quarter"), None, False),
    # calendar quarter of a plain year (a warning is tested below)
    ("Q3 2019", ("Q3 2019", "2019-09-30", "quarter"), None, False),
    ("Quarter 1 2020", ("Quarter 1 2020", "2020-03-31", "quarter"), None, False),
    # financial years
    ("2019/20", ("2019/20", "2020-03-31", "year"), None, False),
    ("2019-20", ("2019-20", "2020-03-31", "year"), None, False),
    ("2019/2020", ("2019/2020", "2020-03-31", "year"), None, False),
    ("2019-2020", ("2019-2020", "2020-03-31", "year"), None, False),
    # a year alone
    ("2020", ("2020", "2020-12-31", "year"), None, False),
    ("By end of 2021", ("By end of 2021", "2021-12-31", "year"), None, False),
    # seasons and school terms
    ("Spring 2019", ("Spring 2019", "2019-05-31", "season"), None, False),
    ("Summer 2019", ("Summer 2019", "2019-08-31", "season"), None, False),
    ("Autumn 2019", ("Autumn 2019", "2019-11-30", "season"), None, False),
    ("Winter 2019", ("Winter 2019", "2020-02-29", "season"), None, False),
    ("Winter 2019/20", ("Winter 2019/20", "2020-02-29", "season"), None, False),
    ("spring 2020", ("spring 2020", "2020-05-31", "season"), None, False),
    ("Autumn term 2019", ("Autumn term 2019", "2019-12-31", "season"), None, False),
    ("Spring term 2020", ("Spring term 2020", "2020-03-31", "season"), None, False),
    ("Summer term 2020", ("Summer term 2020", "2020-07-31", "season"), None, False),
    ("Summer Term 2020", ("Summer Term 2020", "2020-07-31", "season"), None, False),
    ("Spring 2020 term", ("Spring 2020 term", "2020-03-31", "season"), None, False),
    ("Autumn Term 2019/20", ("Autumn Term 2019/20", "2019-12-31", "season"), None, False),
    ("Summer Term 2019/20", ("Summer Term 2019/20", "2020-07-31", "season"), None, False),
    # ranges resolve to their end
    ("April - June 2019", ("April - June 2019", "2019-06-30", "month"), None, False),
    ("Apr-Jun 2019", ("Apr-Jun 2019", "2019-06-30", "month"), None, False),
    ("April 2019 - March 2020", ("April 2019 - March 2020", "2020-03-31", "month"), None, False),
    # revisions: the new date, status delayed
    (
        "March 2019 (revised from December 2018)",
        ("March 2019 (revised from December 2018)", "2019-03-31", "month"), None, True,
    ),
    ("Nov 2018 (revised to Feb 2019)", ("Nov 2018 (revised to Feb 2019)", "2019-02-28", "month"), None, True),
    ("Sept 2019 - delayed to Dec 2019", ("Sept 2019 - delayed to Dec 2019", "2019-12-31", "month"), None, True),
    ("June 2019 extended to 30/09/2019", ("June 2019 extended to 30/09/2019", "2019-09-30", "day"), None, True),
    ("Q2 2019/20 moved to Q4 2019/20", ("Q2 2019/20 moved to Q4 2019/20", "2020-03-31", "quarter"), None, True),
    # completion dates
    (
        "May 2018 Complete June 2018",
        ("May 2018", "2018-05-31", "month"), ("Complete June 2018", "2018-06-30", "month"), False,
    ),
    ("Completed 12/10/2018", None, ("Completed 12/10/2018", "2018-10-12", "day"), False),
    ("Achieved Spring 2019", None, ("Achieved Spring 2019", "2019-05-31", "season"), False),
    (
        "Dec 2019 (Achieved Nov 2019)",
        ("Dec 2019", "2019-12-31", "month"), ("Achieved Nov 2019", "2019-11-30", "month"), False,
    ),
    ("31 March 2020 (revised)", ("31 March 2020 (revised)", "2020-03-31", "day"), None, True),
    # undated words keep their text
    ("Ongoing", ("Ongoing", None, None), None, False),
    ("TBC", ("TBC", None, None), None, False),
    ("Monthly", ("Monthly", None, None), None, False),
    ("Immediate", ("Immediate", None, None), None, False),
    ("Immediate and ongoing", ("Immediate and ongoing", None, None), None, False),
    ("Immediate/ 30th September 2010", ("Immediate/ 30th September 2010", "2010-09-30", "day"), None, False),
]


def value(expected: Due) -> DateValue | None:
    return DateValue(text=expected[0], date=expected[1], precision=expected[2]) if expected else None


def test_the_table_is_large_enough() -> None:
    assert len(TABLE) >= 60


@pytest.mark.parametrize(("printed", "due", "completed", "revised"), TABLE)
def test_parse_date_cell_table(printed: str, due: Due, completed: Due, revised: bool) -> None:
    cell = parse_date_cell(printed)
    assert (cell.due, cell.completed, cell.revised) == (value(due), value(completed), revised)


@pytest.mark.parametrize("printed", ["Q3 2019", "Quarter 1 2020", "Qtr 2 of 2021"])
def test_calendar_quarter_warns(printed: str) -> None:
    assert parse_date_cell(printed).warnings == (
        f"'{printed}' read as a calendar quarter (Q1 = Jan-Mar); financial-year quarters need the year as 2019/20",
    )


@pytest.mark.parametrize("printed", ["Q3 2019/20", "Spring 2020", "2019-20", "Ongoing"])
def test_other_forms_do_not_warn(printed: str) -> None:
    assert parse_date_cell(printed).warnings == ()


# ---- the plan stage names the action in date warnings and reads RAG cells through the key ---------


def built(date_text: str | None = None, rag_text: str | None = None, key_lines: tuple[str, ...] = ()) -> tuple:
    from extract.fields.rag import read_rag_key
    from extract.items import ActionItems
    from extract.plan import build_action

    warnings: list[str] = []
    item = ActionItems(letter="b", kind="letter", text="Train staff", pages={2}, date_text=date_text, rag_text=rag_text)
    action = build_action(item, 2, "4", [], warnings, read_rag_key(list(key_lines)))
    return action, warnings


def test_unreadable_date_cell_warns_naming_the_action() -> None:
    action, warnings = built(date_text="When funding is agreed")
    assert action.due == DateValue(text="When funding is agreed", date=None, precision=None)
    assert warnings == ["4b: could not read a date in 'When funding is agreed'"]


@pytest.mark.parametrize("printed", ["Ongoing", "TBC", "Ongoing - reviewed monthly"])
def test_undated_word_does_not_warn(printed: str) -> None:
    assert built(date_text=printed)[1] == []


def test_calendar_quarter_warning_names_the_action() -> None:
    action, warnings = built(date_text="Q3 2019")
    assert action.due == DateValue(text="Q3 2019", date="2019-09-30", precision="quarter")
    assert warnings == [
        "4b: 'Q3 2019' read as a calendar quarter (Q1 = Jan-Mar); financial-year quarters need the year as 2019/20",
    ]


@pytest.mark.parametrize(
    ("rag_text", "key_lines", "rag", "status"),
    [
        ("Green - on track", (), "green", "ongoing"),
        ("Some slippage", ("Key: Amber = Some slippage  Green = On track  Blue = Complete",), "amber", "delayed"),
        ("Complete", ("Key: Amber = Some slippage  Green = On track  Blue = Complete",), "blue", "complete"),
        ("Delayed", ("Red: Delayed",), "red", "delayed"),
        ("No delays", (), None, "ongoing"),
    ],
)
def test_rag_and_status_cells_through_the_plan_key(
    rag_text: str, key_lines: tuple[str, ...], rag: str | None, status: str,
) -> None:
    action = built(rag_text=rag_text, key_lines=key_lines)[0]
    assert (action.rag, action.status) == (rag, status)


@pytest.mark.parametrize(
    ("date_text", "status"),
    [
        ("Sept 2019 - delayed to Dec 2019", "delayed"),
        ("Dec 2019 - delayed", "delayed"),
        ("Dec 2019 (no delays expected)", "not_reported"),
        ("Dec 2019", "not_reported"),
        ("May 2018 Complete June 2018", "complete"),
    ],
)
def test_status_from_the_date_cell(date_text: str, status: str) -> None:
    assert built(date_text=date_text)[0].status == status
