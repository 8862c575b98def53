"""Coverage: printed words against the words the Plan's fields hold, and the warnings naming what went nowhere."""

from __future__ import annotations

from collections import Counter

from extract.coverage import PrintedText, field_words, measure_coverage, words
from schemas.plan import Action, DateValue, Finding


def held(*texts: str) -> Counter[str]:
    return Counter(w for text in texts for w in words(text))


def test_every_printed_word_in_a_field_is_full_coverage() -> None:
    printed = [PrintedText("Review the audit tool.", 1), PrintedText("Jo Bloggs", 1)]
    assert measure_coverage(printed, held("Review the audit tool", "Jo Bloggs")) == (1.0, [])


def test_a_lost_run_is_named_with_its_page_as_printed() -> None:
    printed = [PrintedText("Review the audit tool and report to the Board.", 3)]
    coverage, warnings = measure_coverage(printed, held("Review the audit tool"))
    assert coverage == 0.4444  # 4 of 9 words
    assert warnings == ["page 3: text in no field: 'and report to the Board'"]


def test_each_field_word_covers_one_printed_occurrence() -> None:
    printed = [PrintedText("the plan", 1), PrintedText("the plan", 2)]
    coverage, warnings = measure_coverage(printed, held("the plan"))
    assert coverage == 0.5
    assert warnings == ["page 2: text in no field: 'the plan'"]


def test_a_column_named_in_warnings_counts_as_placed() -> None:
    printed = [PrintedText("Review the audit tool", 1), PrintedText("Within existing budget", 1, named=True)]
    assert measure_coverage(printed, held("Review the audit tool")) == (1.0, [])


def test_no_printed_words_is_no_coverage_figure() -> None:
    assert measure_coverage([], Counter()) == (None, [])


def test_field_words_reads_every_text_field() -> None:
    due = DateValue(text="May 2018", date="2018-05-31", precision="month")
    action = Action(
        index=1, letter="a", id="1a", text="Audit files", progress="Done", leads=["Jo Bloggs"], due=due,
        completed=DateValue(text="Complete June 2018", date="2018-06-30", precision="month"),
        status="complete", rag=None, pages=[1], measure="Fewer late visits",
    )
    finding = Finding(
        section="Safeguarding", number="1", text="Improve recording", references=["LMG-1"], overall_lead="Ann Lee",
        progress=["Overall on track"], notes=["Note: see board"], pages=[1], actions=[action],
    )
    assert field_words([finding]) == held(
        "Safeguarding 1 Improve recording LMG-1 Ann Lee Overall on track Note: see board",
        "Audit files Done Jo Bloggs Fewer late visits May 2018 Complete June 2018",
    )


def finding_with(number: str | None, letters: list[str], section: str | None = None) -> Finding:
    actions = [
        Action(index=i, letter=letter, id=f"{number}{letter}", text="Act", progress=None, leads=[], due=None,
               completed=None, status="not_reported", rag=None, pages=[1])
        for i, letter in enumerate(letters, start=1)
    ]
    return Finding(section=section, number=number, text="Find", references=[], overall_lead=None, progress=[],
                   notes=[], pages=[1], actions=actions)


def test_gaps_in_finding_numbers_and_action_letters_are_warned() -> None:
    from extract.plan import numbering_gaps

    findings = [finding_with("1", ["a", "b"]), finding_with("2", ["a", "b", "d"]), finding_with("4", [])]
    assert numbering_gaps(findings) == [
        "finding numbers skip from 2 to 4",
        "finding 2: action letters skip from b to d",
    ]


def test_numbers_restarting_per_section_and_roman_numerals_are_no_gaps() -> None:
    from extract.plan import numbering_gaps

    findings = [
        finding_with("1", ["i", "ii", "iii", "iv", "v"], "Safeguarding"), finding_with("2", [], "Safeguarding"),
        finding_with("1", [], "NHS"), finding_with("3", [], "NHS"),
    ]
    assert numbering_gaps(findings) == ["finding numbers skip from 1 to 3 in section 'NHS'"]
