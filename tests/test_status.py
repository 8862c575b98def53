"""Action status and RAG colour by the rules of OUTPUT.md."""

from __future__ import annotations

import pytest

from extract.fields.status import action_status, rag_from_fill, rag_from_text


@pytest.mark.parametrize(
    "progress",
    ["Complete - new policy in place", "Completed in June", "Achieved", "complete.", "COMPLETED"],
)
def test_progress_starting_complete(progress: str) -> None:
    assert action_status(progress, completed=False, revised=False, finding_progress=[], rag=None) == "complete"


def test_completed_date_is_complete() -> None:
    assert action_status(None, completed=True, revised=False, finding_progress=[], rag=None) == "complete"


def test_blue_rag_is_complete() -> None:
    assert action_status(None, completed=False, revised=False, finding_progress=[], rag="blue") == "complete"


def test_status_cell_complete() -> None:
    assert action_status(None, False, False, [], None, status_text="Complete") == "complete"


def test_complete_wins_over_slippage() -> None:
    assert action_status("Complete after a delay", completed=False, revised=True, finding_progress=[], rag=None) == (
        "complete"
    )
    assert action_status("There has been a delay", completed=True, revised=False, finding_progress=[], rag=None) == (
        "complete"
    )


@pytest.mark.parametrize(
    "progress",
    [
        "There has been a delay in recruitment",
        "The launch was delayed",
        "Work has slipped",
        "Project is behind schedule",
        "An extension to August 2019 has been agreed",
        "Revised date agreed with the board",
        "Now March 2019 (revised from December 2018)",
    ],
)
def test_slippage_in_progress_is_delayed(progress: str) -> None:
    assert action_status(progress, completed=False, revised=False, finding_progress=[], rag=None) == "delayed"


def test_revised_date_cell_is_delayed() -> None:
    assert action_status(None, completed=False, revised=True, finding_progress=[], rag=None) == "delayed"


def test_completed_later_in_sentence_is_not_complete() -> None:
    progress = "The business cases have been completed"
    assert action_status(progress, completed=False, revised=False, finding_progress=[], rag=None) == "ongoing"


@pytest.mark.parametrize("progress", ["Work is on track", "Incomplete", "Not complete yet", "Extension requested"])
def test_other_progress_is_ongoing(progress: str) -> None:
    assert action_status(progress, completed=False, revised=False, finding_progress=[], rag=None) == "ongoing"


def test_finding_level_progress_is_ongoing() -> None:
    finding_progress = ["Training delivered to all staff"]
    assert action_status(None, completed=False, revised=False, finding_progress=finding_progress, rag=None) == (
        "ongoing"
    )


def test_finding_level_slippage_is_delayed() -> None:
    finding_progress = ["Training delivered", "Audit has been delayed until May"]
    assert action_status(None, completed=False, revised=False, finding_progress=finding_progress, rag=None) == (
        "delayed"
    )
    assert action_status("Work on track", False, False, finding_progress, None) == "delayed"


@pytest.mark.parametrize("rag", ["red", "amber", "green"])
def test_rag_alone_is_ongoing(rag: str) -> None:
    assert action_status(None, completed=False, revised=False, finding_progress=[], rag=rag) == "ongoing"  # type: ignore[arg-type]


def test_status_cell_other_text_is_ongoing() -> None:
    assert action_status(None, False, False, [], None, status_text="In progress") == "ongoing"


@pytest.mark.parametrize("progress", [None, ""])
def test_nothing_is_not_reported(progress: str | None) -> None:
    assert action_status(progress, completed=False, revised=False, finding_progress=[], rag=None) == "not_reported"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Red", "red"),
        ("R", "red"),
        ("red ", "red"),
        ("Amber", "amber"),
        ("A", "amber"),
        ("  AMBER.", "amber"),
        ("Green", "green"),
        ("G", "green"),
        ("Blue", "blue"),
        ("B", "blue"),
        ("Complete", "blue"),
        ("Completed", "blue"),
        ("", None),
        ("Grey", None),
        ("On track", None),
    ],
)
def test_rag_from_text(text: str, expected: str | None) -> None:
    assert rag_from_text(text) == expected


@pytest.mark.parametrize(
    ("color", "expected"),
    [
        ((1.0, 0.0, 0.0), "red"),
        ((0.9, 0.2, 0.2), "red"),
        ((1.0, 0.75, 0.0), "amber"),
        ((1.0, 0.65, 0.0), "amber"),
        ((0.0, 1.0, 0.0), "green"),
        ((0.0, 0.69, 0.31), "green"),
        ((0.57, 0.82, 0.31), "green"),
        ((0.0, 0.0, 1.0), "blue"),
        ((0.0, 0.44, 0.75), "blue"),
        ((0.5, 0.5, 0.5), None),
        ((0.85, 0.85, 0.85), None),
        ((1.0, 1.0, 1.0), None),
        ((0.0, 0.0, 0.0), None),
        (None, None),
    ],
)
def test_rag_from_fill(color: tuple[float, float, float] | None, expected: str | None) -> None:
    assert rag_from_fill(color) == expected
