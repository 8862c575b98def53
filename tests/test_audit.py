"""The audit's matching and scoring, by exactly the rules of AUDIT.md."""

from __future__ import annotations

import pytest

from extract.audit import (
    ACTION_FIELDS,
    FIELDS,
    FINDING_FIELDS,
    DocumentScore,
    entries_equal,
    f1,
    format_report,
    lowest_score,
    match_actions,
    match_findings,
    normalise,
    score_document,
    texts_equal,
)
from schemas.plan import Action, DateValue, Finding, Plan, Source


def action(
    index: int, letter: str | None, text: str, *, progress: str | None = None, leads: tuple[str, ...] = (),
    due: DateValue | None = None, completed: DateValue | None = None, status: str = "not_reported",
    rag: str | None = None,
) -> Action:
    return Action(
        index=index, letter=letter, id=f"1{letter}" if letter else f"1.{index}", text=text, progress=progress,
        leads=list(leads), due=due, completed=completed, status=status, rag=rag, pages=[1],  # type: ignore[arg-type]
    )


def finding(
    number: str | None, text: str, actions: list[Action] = (), *, section: str | None = None,  # type: ignore[assignment]
    references: tuple[str, ...] = (), overall_lead: str | None = None, progress: tuple[str, ...] = (),
    notes: tuple[str, ...] = (),
) -> Finding:
    return Finding(
        section=section, number=number, text=text, references=list(references), overall_lead=overall_lead,
        progress=list(progress), notes=list(notes), pages=[1], actions=list(actions),
    )


def plan(findings: list[Finding], *, title: str | None = "Improvement Plan", as_at: str | None = None) -> Plan:
    return Plan(
        source=Source(path="plan.pdf", sha256="0" * 64, pages=1),
        title=title,
        organisation="Rotherham Metropolitan Borough Council",
        as_at=DateValue(text=as_at, date="2010-09-30", precision="month") if as_at else None,
        columns={},
        findings=findings,
        warnings=[],
    )


NOV = DateValue(text="November 2018", date="2018-11-30", precision="month")
REVIEW = "Review the safeguarding plan with partners every month"
AUDIT_CASES = "Audit all case files of children in need and report to the board"
TRAIN = "Train every social worker in the new assessment framework"


def full_gold() -> Plan:
    return plan([
        finding("1", "Ensure that children are safe", [
            action(1, "a", REVIEW, progress="Complete", leads=("Ian Walker", "Ailsa Barr"), due=NOV,
                   status="complete", rag="blue"),
            action(2, "b", AUDIT_CASES, progress="Audits started", leads=("Rebecca Wall",), status="ongoing"),
        ], section="Safeguarding", references=("LAC 5", "LAC 6"), overall_lead="Ian Thomas",
            notes=("Overarching Note: all actions reviewed monthly",)),
        finding("2", "Improve the quality of plans", [action(1, None, TRAIN)], section="Safeguarding"),
    ])


def all_correct(score: DocumentScore) -> bool:
    return all(score.correct[name] == score.scored[name] for name in FIELDS)


# ---- normalise / texts_equal / entries_equal ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  \u201cChildren\u2019s  Services\u201d \u2013 Plan. ", 'children\'s services" - plan'),
        ("\u2018Quoted\u2019", "quoted"),
        ("\u2022 Review the plan;", "review the plan"),
        ("(a)", "a"),
        ("co\u00adordinate\u00a0work \u2014 now", "coordinate work - now"),
        ("Line\none\t two", "line one two"),
        ("STRASSE", "strasse"),
        (None, ""),
        ("", ""),
    ],
)
def test_normalise(text: str | None, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("gold", "got", "expected"),
    [
        (None, None, True),
        (None, "", False),
        ("Complete", None, False),
        ("Review the Plan.", "review the plan", True),
        ("Children\u2019s plan \u2013 review", "Children's plan - review", True),
        (REVIEW, REVIEW[:-1], True),  # one letter short in a long text: ratio 0.99
        ("Red", "Rex", False),
        (REVIEW, AUDIT_CASES, False),
    ],
)
def test_texts_equal(gold: str | None, got: str | None, expected: bool) -> None:
    assert texts_equal(gold, got) is expected


@pytest.mark.parametrize(
    ("gold", "got", "expected"),
    [
        ([], [], True),
        (["Overarching Note: All actions reviewed"], ["All actions reviewed"], True),
        (["Note: all actions reviewed"], ["All actions reviewed"], True),
        (["Overarching Note: All actions reviewed"], ["Overarching Note: All actions reviewed"], True),
        (["First update", "second update"], ["First update second update"], True),
        ([], ["Something"], False),
        (["Something"], [], False),
        (["Training delivered to all staff"], ["Audit of all case files"], False),
    ],
)
def test_entries_equal(gold: list[str], got: list[str], expected: bool) -> None:
    assert entries_equal(gold, got) is expected


# ---- match_findings -----------------------------------------------------------------------------


def test_findings_match_by_section_and_number() -> None:
    gold = [finding("1", "Safe text", section="Safeguarding"), finding("1", "NHS text", section="NHS")]
    got = [finding("1", "NHS text", section="NHS"), finding("1", "Safe text", section="safeguarding ")]
    assert match_findings(gold, got) == {0: 1, 1: 0}


def test_findings_matched_by_number_even_when_text_differs() -> None:
    gold = [finding("1", "Ensure that children are safe")]
    got = [finding("1", "Something else entirely")]
    assert match_findings(gold, got) == {0: 0}


def test_leftover_finding_matched_by_similar_text() -> None:
    gold = [finding("1", "Ensure that children are safe"), finding("3", "Improve the quality of plans")]
    got = [finding("1", "Ensure that children are safe"), finding("8", "3. Improve the quality of plan")]
    assert match_findings(gold, got) == {0: 0, 1: 1}


def test_leftover_finding_with_dissimilar_text_is_not_matched() -> None:
    gold = [finding("3", "Improve the quality of plans")]
    got = [finding("8", "Recruit more foster carers")]
    assert match_findings(gold, got) == {}


def test_null_number_matches_empty_number() -> None:
    assert match_findings([finding(None, "A")], [finding("", "B")]) == {0: 0}


# ---- match_actions ------------------------------------------------------------------------------


def test_actions_match_by_letter_regardless_of_order_and_text() -> None:
    gold = [action(1, "a", REVIEW), action(2, "b", AUDIT_CASES)]
    got = [action(1, "b", "Completely different words"), action(2, "a", REVIEW)]
    assert match_actions(gold, got) == {0: 1, 1: 0}


def test_actions_match_by_index_when_letters_disagree_and_texts_similar() -> None:
    gold = [action(1, "a", REVIEW), action(2, "c", AUDIT_CASES)]
    got = [action(1, "a", REVIEW), action(2, "d", AUDIT_CASES + " quarterly")]
    assert match_actions(gold, got) == {0: 0, 1: 1}


def test_actions_match_by_index_when_letters_missing() -> None:
    gold = [action(1, None, REVIEW), action(2, None, AUDIT_CASES)]
    got = [action(1, None, REVIEW + "."), action(2, None, AUDIT_CASES.upper())]
    assert match_actions(gold, got) == {0: 0, 1: 1}


def test_actions_index_not_used_when_texts_dissimilar_then_text_match() -> None:
    gold = [action(1, None, REVIEW), action(2, None, AUDIT_CASES)]
    got = [action(1, None, AUDIT_CASES), action(2, None, REVIEW)]
    assert match_actions(gold, got) == {0: 1, 1: 0}


def test_actions_with_nothing_similar_are_not_matched() -> None:
    assert match_actions([action(1, None, REVIEW)], [action(1, None, "Recruit ten foster carers by June")]) == {}


# ---- score_document -----------------------------------------------------------------------------


def test_identical_plan_scores_every_field_correct() -> None:
    score = score_document("doc", full_gold(), full_gold())
    assert (score.matched_actions, score.extracted_actions, score.gold_actions) == (3, 3, 3)
    assert {name: score.scored[name] for name in ACTION_FIELDS} == dict.fromkeys(ACTION_FIELDS, 3)
    assert {name: score.scored[name] for name in FINDING_FIELDS} == dict.fromkeys(FINDING_FIELDS, 2)
    assert all_correct(score)
    assert score.mistakes == []
    assert score.document_fields == {"title": True, "organisation": True, "as_at.date": True}


def test_missed_action_counts_all_eight_action_fields_wrong() -> None:
    got = full_gold()
    del got.findings[0].actions[1]
    score = score_document("doc", full_gold(), got)
    assert (score.matched_actions, score.extracted_actions, score.gold_actions) == (2, 2, 3)
    assert {name: (score.correct[name], score.scored[name]) for name in ACTION_FIELDS} == dict.fromkeys(
        ACTION_FIELDS, (2, 3),
    )
    assert all(score.correct[name] == score.scored[name] == 2 for name in FINDING_FIELDS)
    assert [(m.where, m.field) for m in score.mistakes] == [("action 1b", name) for name in ACTION_FIELDS]
    assert score.mistakes[0].gold == AUDIT_CASES
    assert score.mistakes[0].got is None


def test_missing_extraction_scores_everything_wrong() -> None:
    score = score_document("doc", full_gold(), None)
    assert (score.matched_actions, score.extracted_actions, score.gold_actions) == (0, 0, 3)
    assert {name: score.correct[name] for name in FIELDS} == dict.fromkeys(FIELDS, 0)
    assert score.scored["action.text"] == 3
    assert score.scored["finding.text"] == 2
    assert score.document_fields == {"title": False, "organisation": False, "as_at.date": False}


def test_actions_of_unmatched_extracted_findings_count_as_extracted() -> None:
    got = full_gold()
    got.findings.append(finding("9", "Recruit more foster carers", [action(1, None, "x"), action(2, None, "y")]))
    score = score_document("doc", full_gold(), got)
    assert (score.matched_actions, score.extracted_actions, score.gold_actions) == (3, 5, 3)
    assert f1(score.matched_actions, score.extracted_actions, score.gold_actions) == pytest.approx((0.6, 1.0, 0.75))


def test_misread_number_matched_by_text_scores_number_wrong() -> None:
    got = full_gold()
    got.findings[1].number = "7"
    score = score_document("doc", full_gold(), got)
    assert score.matched_actions == 3
    assert (score.correct["finding.number"], score.scored["finding.number"]) == (1, 2)
    assert [(m.where, m.field, m.gold, m.got) for m in score.mistakes] == [
        ("finding Safeguarding 2", "finding.number", "2", "7"),
    ]


@pytest.mark.parametrize(
    ("gold_refs", "got_refs", "correct"),
    [
        (("LAC 5", "LAC 6"), ("LAC-5", "LAC-6"), True),
        (("LAC 5", "LAC 6"), ("LAC-6", "lac 5"), True),
        (("LAC 5", "LAC 6"), ("LAC-5",), False),
        (("LAC 5",), ("LAC 6",), False),
    ],
)
def test_references_compared_as_sets_with_space_or_hyphen(
    gold_refs: tuple[str, ...], got_refs: tuple[str, ...], correct: bool,
) -> None:
    gold = plan([finding("1", "Text", references=gold_refs)])
    got = plan([finding("1", "Text", references=got_refs)])
    assert score_document("doc", gold, got).correct["finding.references"] == int(correct)


def test_null_number_section_and_lead_equal_empty_strings() -> None:
    gold = plan([finding(None, "Text", section=None, overall_lead=None)])
    got = plan([finding("", "Text", section="", overall_lead="")])
    score = score_document("doc", gold, got)
    assert [score.correct[f] for f in ("finding.number", "finding.section", "finding.overall_lead")] == [1, 1, 1]


def test_finding_text_leading_number_dropped() -> None:
    gold = plan([finding("4", "4. Ensure that children are safe")])
    got = plan([finding("4", "Ensure that children are safe")])
    assert score_document("doc", gold, got).correct["finding.text"] == 1


def test_notes_label_ignored_and_progress_joined() -> None:
    gold = plan([finding("1", "Text", notes=("Overarching Note: all actions are reviewed monthly",),
                         progress=("Training delivered", "to all staff"))])
    got = plan([finding("1", "Text", notes=("All actions are reviewed monthly",),
                        progress=("Training delivered to all staff",))])
    score = score_document("doc", gold, got)
    assert (score.correct["finding.notes"], score.correct["finding.progress"]) == (1, 1)


def test_curly_quotes_and_dashes_in_action_text_and_leads() -> None:
    gold = plan([finding("1", "Text", [action(1, "a", "Review the children\u2019s plan \u2013 monthly",
                                              leads=("Pepe De\u2019lasio",))])])
    got = plan([finding("1", "Text", [action(1, "a", "review the children's plan - monthly",
                                             leads=("pepe de'lasio",))])])
    score = score_document("doc", gold, got)
    assert (score.correct["action.text"], score.correct["action.leads"]) == (1, 1)


def test_leads_compared_as_sets() -> None:
    gold = plan([finding("1", "T", [action(1, "a", REVIEW, leads=("Ian Walker", "Ailsa Barr"))])])
    same = plan([finding("1", "T", [action(1, "a", REVIEW, leads=("Ailsa Barr", "ian walker"))])])
    merged = plan([finding("1", "T", [action(1, "a", REVIEW, leads=("Ian Walker Ailsa Barr",))])])
    assert score_document("d", gold, same).correct["action.leads"] == 1
    assert score_document("d", gold, merged).correct["action.leads"] == 0


def test_dates_status_and_rag_exactly_equal() -> None:
    gold = plan([finding("1", "T", [action(1, "a", REVIEW, due=NOV, completed=None, status="ongoing", rag="amber")])])
    got = plan([finding("1", "T", [action(
        1, "a", REVIEW, due=DateValue(text="Nov 2018", date="2018-11-30", precision="day"),
        completed=DateValue(text="Complete Nov 2018", date="2018-11-30", precision="month"),
        status="complete", rag="red",
    )])])
    score = score_document("doc", gold, got)
    assert {name: score.correct[name] for name in ACTION_FIELDS} == {
        "action.text": 1, "action.progress": 1, "action.leads": 1, "action.due.date": 1,
        "action.due.precision": 0, "action.completed.date": 0, "action.status": 0, "action.rag": 0,
    }


def test_missing_date_value_reads_as_null() -> None:
    gold = plan([finding("1", "T", [action(1, "a", REVIEW, due=None)])])
    got = plan([finding("1", "T", [action(1, "a", REVIEW, due=DateValue(text="Ongoing", date=None, precision=None))])])
    score = score_document("doc", gold, got)
    assert (score.correct["action.due.date"], score.correct["action.due.precision"]) == (1, 1)


def test_document_fields_title_and_as_at() -> None:
    gold = plan([], title="Children\u2019s Services Improvement Plan", as_at="September 2010")
    got = plan([], title="CHILDREN'S SERVICES IMPROVEMENT PLAN", as_at=None)
    assert score_document("doc", gold, got).document_fields == {
        "title": True, "organisation": True, "as_at.date": False,
    }


# ---- f1 / format_report / lowest_score ----------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((3, 4, 6), (0.75, 0.5, 0.6)),
        ((3, 3, 3), (1.0, 1.0, 1.0)),
        ((0, 0, 0), (1.0, 1.0, 1.0)),
        ((0, 0, 2), (0.0, 0.0, 0.0)),
        ((0, 2, 0), (0.0, 1.0, 0.0)),
        ((2, 2, 3), (1.0, 2 / 3, 0.8)),
    ],
)
def test_f1(counts: tuple[int, int, int], expected: tuple[float, float, float]) -> None:
    assert f1(*counts) == pytest.approx(expected)


def report_rows(report: str) -> dict[str, list[str]]:
    rows = {}
    for line in report.splitlines():
        parts = line.split("  ")
        cells = [p.strip() for p in parts if p.strip()]
        if cells:
            rows[cells[0]] = cells[1:]
    return rows


def test_format_report_has_pooled_column_last() -> None:
    missed = full_gold()
    del missed.findings[0].actions[1]
    scores = [score_document("first.pdf", full_gold(), full_gold()), score_document("second.pdf", full_gold(), missed)]
    report = format_report(scores)
    lines = report.splitlines()
    assert lines[0].split() == ["D1", "D2", "pooled"]
    rows = report_rows(report)
    assert rows["actions precision"] == ["1.000", "1.000", "1.000"]
    assert rows["actions recall"] == ["1.000", "0.667", "0.833"]
    assert rows["actions F1"] == ["1.000", "0.800", "0.909"]
    assert rows["action.text"] == ["1.000 (3/3)", "0.667 (2/3)", "0.833 (5/6)"]
    assert rows["finding.text"] == ["1.000 (2/2)", "1.000 (2/2)", "1.000 (4/4)"]
    assert rows["all fields"] == ["1.000 (38/38)", "0.789 (30/38)", "0.895 (68/76)"]
    assert rows["title"] == ["ok", "ok"]
    assert "D1: first.pdf" in lines
    assert "D2: second.pdf" in lines
    assert "wrong fields" not in report


def test_format_report_details_list_wrong_fields() -> None:
    missed = full_gold()
    missed.findings[1].actions[0].text = "Train every social worker"  # still matched by index, text wrong
    report = format_report([score_document("doc", full_gold(), missed)], details=True)
    assert report.endswith(
        f"1 wrong fields\ndoc action 1.1 action.text:\n  gold: {TRAIN!r}\n  got:  'Train every social worker'"
    )


def test_lowest_score() -> None:
    perfect = score_document("a", full_gold(), full_gold())
    assert lowest_score([perfect]) == 1.0
    missed = full_gold()
    del missed.findings[0].actions[1]
    # pooled: 5 of 6 action fields right each (0.833), actions F1 = 0.909
    assert lowest_score([perfect, score_document("b", full_gold(), missed)]) == pytest.approx(5 / 6)
    # alone: 2 of 3 (0.667) under F1 0.8
    assert lowest_score([score_document("b", full_gold(), missed)]) == pytest.approx(2 / 3)
