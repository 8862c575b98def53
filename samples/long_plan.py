"""Generate a long plan (about 60 pages, 300 actions) and its gold, for scale tests and `make bench`.

The plan is invented, laid out like the 2018 Rotherham plan: landscape pages of one
ruled table, columns "Findings" | "Overall Lead" | "Action(s)" | "Progress Update" |
"Lead" | "By When"; findings printed "N. <text> (Improvement Plan Ref: XX-N)"; actions
lettered a) b) ... (at most 26 a finding), some findings with each action in its own
row (continuation rows leave the finding cells empty), some with several actions in one
row; progress paragraphs of varied length, some several paragraphs long so that rows
break over pages.

Everything comes from one seeded random generator (no network, no clock), so a run
writes the same files every time:

- `samples/source/long-plan-300-actions.json`, in the source format of `build.py`
  (so `python samples/build.py` rebuilds the same PDF);
- `samples/long-plan-300-actions.pdf`, built with `build.build_pdf`;
- `samples/long-plan-300-actions.gold.json`, written from the same generated data by
  the rules of docs/GOLD_CONVENTIONS.md and OUTPUT.md, its `source` block stamped by
  `build.stamp_gold`, and validated with `schemas.Plan`.

The gold's `pages` (of every finding and action) are read off the built PDF, not taken
from the extractor (which this script never imports): with pdfplumber each page's
characters are cut into the table's columns by the ruling lines, the header row, the
title and the page footer are dropped, and every cell paragraph (letter marker and
text) is located in order in its column's running text; a paragraph is printed on the
pages its characters fall on.

Run: `python samples/long_plan.py` (needs reportlab and pdfplumber, as `build.py`).
"""

from __future__ import annotations

import calendar
import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NAME = "long-plan-300-actions"
SOURCE_PATH = HERE / "source" / f"{NAME}.json"
PDF_PATH = HERE / f"{NAME}.pdf"
GOLD_PATH = HERE / f"{NAME}.gold.json"

SEED = 20190331
FINDING_COUNT = 50
ACTION_COUNT = 300
MAX_ACTIONS = 26  # a) to z)

ORGANISATION = "Eastmoor Metropolitan Borough Council"
TITLE = f"{ORGANISATION} - Children's Services Improvement Plan"
AS_AT = (2019, 3)  # "Progress as at March 2019"
MONTHS = list(calendar.month_name)[1:]
LETTERS = "abcdefghijklmnopqrstuvwxyz"
HEADER = ["Findings", "Overall Lead", "Action(s)", f"Progress Update/ Progress as at {MONTHS[AS_AT[1] - 1]} {AS_AT[0]}",
          "Lead", "By When"]
ROLES = ("finding", "overall_lead", "action", "progress", "lead", "due")
COLUMN_WIDTHS_MM = [60, 24, 60, 75, 26, 22]

# --- the vocabulary the plan is written in (invented people, roles and services) ---

OVERALL_LEADS = ["Helen Ashworth", "Marcus Okafor", "Priya Raman", "Daniel Fairbrother"]
PEOPLE = [
    "Sarah Kettlewell", "Tom Brannigan", "Aisha Rahman", "Gareth Pryce", "Joanne Whitcombe", "Neil Haworth",
    "Fiona McAllister", "Ruth Oyelaran", "Simon Thackeray", "Claire Dunmore", "Imran Siddiqui", "Lucy Penhaligon",
    "Owen Gallagher", "Beth Carrow", "Carys O'Donnell", "Martin Lowther",
]
ROLE_LEADS = [
    "Head of Service, Early Help", "Service Manager, Fostering", "Virtual School Head", "Principal Social Worker",
    "Head of Safeguarding", "Service Manager, Leaving Care",
]
REFERENCE_PREFIXES = ["LMG", "H&P", "LAC", "EH", "Ad", "QA", "CP", "SEND", "CL"]

FINDING_OPENERS = ["Ensure that", "Improve the way that", "Strengthen arrangements so that", "Make sure that"]
FINDING_CLAUSES = [
    "managers provide regular, reflective supervision that challenges drift and delay in children's plans",
    "assessments are timely, analyse risk clearly and reflect the changing needs of children",
    "child protection plans are specific, have clear timescales and can be understood by families",
    "children who go missing from home or care are offered a return home interview within three days",
    "care leavers have up to date pathway plans that address their housing, health and education",
    "the voice of the child is heard and recorded in every assessment and plan",
    "early help assessments lead to help that is well coordinated across agencies",
    "strategy discussions involve all relevant agencies and are recorded in the child's file",
    "children in care receive timely health assessments and have access to their health histories",
    "personal education plans are of good quality and improve attendance and attainment",
    "placements are stable and matched to the needs of each child",
    "the local authority has enough foster carers to meet the needs of children in care",
    "performance information is used by managers at every level to improve practice",
    "quality assurance activity leads to measurable improvements in the quality of practice",
    "young people moving to adult services have a planned and supported transition",
    "disabled children receive a timely response from early help and social care",
    "social workers have manageable caseloads and access to good quality training",
    "partners understand and apply the local threshold document consistently",
    "privately fostered children are identified and assessed promptly",
    "children at risk of exploitation are identified early and protected by a coordinated response",
]
FINDING_TAILS = [
    "", " across all localities", " in all teams", " and that this is evidenced in case records",
    " for all children who need it", " so that outcomes for children improve",
]

ACTION_VERBS = [
    "Develop", "Review", "Implement", "Embed", "Establish", "Strengthen", "Refresh", "Introduce", "Extend",
    "Deliver", "Monitor", "Audit", "Co-produce", "Commission", "Agree", "Publish",
]
ACTION_OBJECTS = [
    "the role of the Independent Reviewing Officer service in tracking the progress of plans",
    "a quality assurance framework for assessments and plans",
    "the multi-agency front door arrangements",
    "the pathway plan template for care leavers",
    "supervision standards for team managers and advanced practitioners",
    "the local offer for care leavers",
    "return home interviews for children who go missing",
    "the edge of care service",
    "a sufficiency strategy for foster and residential placements",
    "training on neglect and the graded care profile",
    "monthly performance clinics for each service area",
    "the recording of the voice of the child in child protection plans",
    "the early help assessment and step-down process",
    "placement stability meetings for children with two or more moves",
    "the personal education plan process with the Virtual School",
    "health assessments for children in care",
    "the transitions protocol for young people moving to adult services",
    "a workforce development plan for social workers",
    "the case recording policy",
    "the threshold document with partner agencies",
    "a peer mentoring scheme for newly qualified social workers",
    "the private fostering awareness campaign",
    "a tracker of children at risk of exploitation",
    "the Signs of Safety practice framework",
]
ACTION_PURPOSES = [
    ".", " so that practice is consistent across all localities.",
    " to ensure that children receive the right help at the right time.",
    " in partnership with health, police and schools.",
    " and report progress to the Improvement Board each quarter.",
    " with a clear focus on outcomes for children and young people.",
    " so that managers can evidence the impact of their oversight.",
]

TOPICS = [
    "the quality of assessments", "the voice of the child", "management oversight", "placement stability",
    "return home interviews", "care leaver pathway plans", "child protection plans", "early help assessments",
    "the timeliness of strategy discussions", "health assessments for children in care",
    "personal education plans", "the supervision of social workers",
]
DOCUMENTS = [
    "practice guidance", "threshold document", "sufficiency strategy", "quality assurance framework",
    "workforce development plan", "local offer for care leavers", "missing from home protocol",
    "case recording policy", "supervision policy", "corporate parenting strategy",
]
ONGOING_SENTENCES = [
    "Work is ongoing with partners to embed {topic} across all localities.",
    "A task and finish group has been established and meets monthly to oversee this work.",
    "Monthly team audits provide an overview of {topic} and the findings are shared with team managers.",
    "{n} practitioners have attended the training so far, with further sessions booked for {future}.",
    "The draft {doc} has been shared with partners for consultation and comments are due by {future}.",
    "Performance information shows an improvement from {p1}% to {p2}% over the last quarter.",
    "Case file audits carried out in {past} found that {p2}% of cases were rated good or better.",
    "The service manager is reviewing the learning from recent audits and a short action plan will follow.",
    "Feedback from children and families has been gathered through the Children in Care Council and is "
    "informing the next stage of this work.",
    "Progress is reported to the Improvement Board each month and the board has asked for a further update "
    "in {future}.",
    "Two pilot teams are testing the new approach and an evaluation will be presented to the Performance Board "
    "in {future}.",
    "Team managers now review {topic} in supervision, and this is recorded on the case management system.",
    "Partners in health, police and schools agreed the approach at the Safeguarding Partnership meeting in "
    "{past}.",
    "Recruitment to the {few} new posts is underway, with interviews planned for {future}.",
    "A dashboard has been developed so that managers can follow {topic} week by week.",
    "Dip sampling by the Principal Social Worker shows that practice is improving but is not yet consistent "
    "across teams.",
    "Young people from the Children in Care Council have helped to design the new materials.",
    "The Local Safeguarding Children Board has scrutinised this work and will receive a further report in "
    "{future}.",
]
COMPLETE_OPENERS = [
    "The {doc} has been signed off by the Improvement Board and is now in use across the service.",
    "All team managers have attended the training and the practice standards have been updated.",
    "The new process went live in {past} and is now business as usual.",
    "The review has taken place and its recommendations have been adopted by the Leadership Team.",
    "The {doc} has been published on the council website and shared with all partner agencies.",
    "Every eligible child now has a plan that has been reviewed by a team manager.",
]
DELAY_SENTENCES = [
    "There is a delay due to the new case management system not being in place, although a roll out plan "
    "has been agreed.",
    "There is a delay in recruiting to the specialist posts, and interim arrangements are in place.",
    "There is a delay because the consultation with partners took longer than planned.",
    "There is a delay while the funding bid is considered by the Clinical Commissioning Group.",
]
# Words that would make an update read as delayed or complete (OUTPUT.md): kept out of the other updates.
SLIPPAGE_WORDS = re.compile(r"delay|slip|behind|extension|revised|on track|off track", re.IGNORECASE)
COMPLETE_START = re.compile(r"^\W*(complete|completed|achieved)\b", re.IGNORECASE)


@dataclass
class GenAction:
    letter: str
    text: str
    progress: list[str]  # paragraphs, the first one carries the letter marker when printed
    lead: str
    leads: list[str]
    due: tuple[int, int]
    completed: tuple[int, int] | None
    status: str
    pages: set[int] = field(default_factory=set)


@dataclass
class GenFinding:
    number: int
    text: str
    references: list[str]
    overall_lead: str
    actions: list[GenAction]
    row_sizes: list[int]  # how many actions each of its rows holds
    pages: set[int] = field(default_factory=set)

    @property
    def printed(self) -> str:
        return f"{self.number}. {self.text} (Improvement Plan Ref: {', '.join(self.references)})"


def month_text(month: tuple[int, int]) -> str:
    return f"{MONTHS[month[1] - 1]} {month[0]}"


def month_end(month: tuple[int, int]) -> str:
    year, number = month
    return f"{year:04d}-{number:02d}-{calendar.monthrange(year, number)[1]:02d}"


def month_range(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    months, (year, number) = [], first
    while (year, number) <= last:
        months.append((year, number))
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return months


PAST = month_range((2018, 4), AS_AT)
FUTURE = month_range((2019, 4), (2019, 12))


class Writer:
    """All the random choices, from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def fill(self, template: str) -> str:
        rng = self.rng
        low = rng.randint(35, 70)
        return template.format(
            topic=rng.choice(TOPICS), doc=rng.choice(DOCUMENTS), n=rng.randint(12, 180), few=rng.randint(2, 6),
            past=month_text(rng.choice(PAST)), future=month_text(rng.choice(FUTURE)),
            p1=low, p2=min(98, low + rng.randint(5, 25)),
        )

    def sentences(self, count: int) -> list[str]:
        return [self.fill(t) for t in self.rng.sample(ONGOING_SENTENCES, count)]

    def paragraphs(self) -> list[list[str]]:
        """An update's paragraphs as lists of sentences: mostly one paragraph, some long ones of several."""
        rng = self.rng
        shape = rng.random()
        if shape < 0.28:
            return [self.sentences(1)]
        if shape < 0.68:
            return [self.sentences(rng.randint(2, 3))]
        if shape < 0.86:
            return [self.sentences(rng.randint(4, 5))]
        sizes = [rng.randint(2, 3) for _ in range(rng.randint(2, 3))]
        sentences = self.sentences(sum(sizes))  # no sentence twice in one update
        return [sentences[sum(sizes[:i]):sum(sizes[:i + 1])] for i in range(len(sizes))]

    def progress(self, status: str) -> list[str]:
        """The update's paragraphs, worded so that its status follows OUTPUT.md's rules."""
        if status == "not_reported":
            return []
        paragraphs = self.paragraphs()
        if status == "complete":
            paragraphs[0].insert(0, "Complete - " + self.fill(self.rng.choice(COMPLETE_OPENERS)))
        elif status == "delayed":
            where = self.rng.choice(paragraphs)
            where.insert(self.rng.randint(0, len(where)), self.rng.choice(DELAY_SENTENCES))
        texts = [" ".join(p) for p in paragraphs]
        joined = " ".join(texts)
        assert (status == "complete") == bool(COMPLETE_START.match(joined)), joined
        assert (status == "delayed") == ("There is a delay" in joined), joined
        assert status == "delayed" or not SLIPPAGE_WORDS.search(joined), joined
        return texts

    def lead(self) -> tuple[str, list[str]]:
        """A lead cell's text and the leads it names (one per person or role)."""
        rng = self.rng
        kind = rng.random()
        if kind < 0.2:
            role = rng.choice(ROLE_LEADS)
            return role, [role]
        if kind < 0.4:
            first, second = rng.sample(PEOPLE, 2)
            return f"{first} and {second}", [first, second]
        person = rng.choice(PEOPLE)
        return person, [person]

    def action(self, letter: str) -> GenAction:
        rng = self.rng
        text = f"{rng.choice(ACTION_VERBS)} {rng.choice(ACTION_OBJECTS)}{rng.choice(ACTION_PURPOSES)}"
        status = rng.choices(["complete", "delayed", "ongoing", "not_reported"], weights=[35, 15, 40, 10])[0]
        completed = None
        if status == "complete":
            due = rng.choice(PAST)
            if rng.random() < 0.7:  # "May 2018 Complete June 2018"; the other complete ones say so in the update
                completed = rng.choice([m for m in PAST if abs(PAST.index(m) - PAST.index(due)) <= 3])
        elif status == "delayed":
            due = rng.choice(month_range((2018, 6), (2019, 6)))
        elif status == "ongoing":
            due = rng.choice(month_range((2019, 1), (2020, 12)))
        else:
            due = rng.choice(month_range((2019, 4), (2020, 3)))
        lead, leads = self.lead()
        return GenAction(letter, text, self.progress(status), lead, leads, due, completed, status)

    def action_counts(self) -> list[int]:
        """Actions per finding: one finding of 26 (a to z), one of a single action, the rest 2 to 10."""
        rng = self.rng
        rest = FINDING_COUNT - 2
        counts = [2] * rest
        for _ in range(ACTION_COUNT - MAX_ACTIONS - 1 - 2 * rest):
            counts[rng.choice([i for i, c in enumerate(counts) if c < 10])] += 1
        counts.insert(rng.randint(5, rest // 2), MAX_ACTIONS)
        counts.insert(rng.randint(2, len(counts)), 1)
        return counts

    def row_sizes(self, count: int) -> list[int]:
        """How the finding's actions are grouped into rows: one a row, all in one row, or mixed."""
        rng = self.rng
        mode = rng.choices(["each", "one", "mixed"], weights=[45, 25, 30])[0]
        if count == MAX_ACTIONS or mode == "each" or (mode == "one" and count > 7):
            return [1] * count
        if mode == "one":
            return [count]
        sizes = []
        while sum(sizes) < count:
            sizes.append(min(rng.randint(1, 3), count - sum(sizes)))
        return sizes

    def finding(self, number: int, count: int) -> GenFinding:
        rng = self.rng
        text = f"{rng.choice(FINDING_OPENERS)} {rng.choice(FINDING_CLAUSES)}{rng.choice(FINDING_TAILS)}."
        references = [
            f"{prefix}-{rng.randint(1, 9)}" for prefix in rng.sample(REFERENCE_PREFIXES, rng.choice([1, 1, 2, 3]))
        ]
        actions = [self.action(LETTERS[i]) for i in range(count)]
        return GenFinding(number, text, references, rng.choice(OVERALL_LEADS), actions, self.row_sizes(count))


def generate(seed: int = SEED) -> list[GenFinding]:
    writer = Writer(seed)
    counts = writer.action_counts()
    assert len(counts) == FINDING_COUNT and sum(counts) == ACTION_COUNT and max(counts) == MAX_ACTIONS
    return [writer.finding(number, count) for number, count in enumerate(counts, start=1)]


# --- the printed cells, each paragraph tagged with what it belongs to ---

def date_cell_text(action: GenAction) -> str:
    text = month_text(action.due)
    return f"{text} Complete {month_text(action.completed)}" if action.completed else text


def finding_rows(finding: GenFinding) -> list[list[list[tuple[str, GenAction | GenFinding]]]]:
    """The finding's rows; a cell is a list of (paragraph, owner) where the owner is an action or the finding."""
    rows, start = [], 0
    for size in finding.row_sizes:
        actions = finding.actions[start:start + size]
        first = start == 0
        start += size
        progress = []
        for action in actions:
            for i, paragraph in enumerate(action.progress):
                progress.append((f"{action.letter}) {paragraph}" if i == 0 else paragraph, action))
        rows.append([
            [(finding.printed, finding)] if first else [],
            [(finding.overall_lead, finding)] if first else [],
            [(f"{a.letter}) {a.text}", a) for a in actions],
            progress,
            [(f"{a.letter}) {a.lead}", a) for a in actions],
            [(f"{a.letter}) {date_cell_text(a)}", a) for a in actions],
        ])
    return rows


def source_document(findings: list[GenFinding]) -> dict:
    rows = [row for finding in findings for row in finding_rows(finding)]
    return {
        "above_table": [{"text": TITLE, "size": 14, "bold": True}],
        "column_widths_mm": COLUMN_WIDTHS_MM,
        "header": [[text] for text in HEADER],
        "rows": [[[paragraph for paragraph, _ in cell] for cell in row] for row in rows],
    }


# --- pages, read off the built PDF ---

def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def column_streams(pdf_path: Path) -> list[tuple[str, list[int]]]:
    """Per column: the text printed in its body cells on every page (whitespace removed), with each char's page.

    A page's column is cut by the vertical rules; the title above the top rule and the
    footer below the bottom margin are left out, and the repeated header row, the first
    text of every page's column, is checked and dropped.
    """
    import pdfplumber

    streams: list[tuple[list[str], list[int]]] = [([], []) for _ in ROLES]
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            xs = sorted({round(line["x0"], 1) for line in page.lines if abs(line["x0"] - line["x1"]) < 0.1})
            tops = sorted(line["top"] for line in page.lines if abs(line["top"] - line["bottom"]) < 0.1)
            if len(xs) != len(ROLES) + 1 or not tops:
                raise ValueError(f"page {number}: expected {len(ROLES) + 1} column rules, found {xs}")
            table_top, footer_top = tops[0] - 0.5, page.height - 14 * 72 / 25.4
            columns: list[list[str]] = [[] for _ in ROLES]
            chars = sorted(
                (c for c in page.chars if table_top < c["top"] < footer_top and c["text"].strip()),
                key=lambda c: (round(c["top"], 1), c["x0"]),
            )
            for char in chars:
                middle = (char["x0"] + char["x1"]) / 2
                column = next((i for i in range(len(ROLES)) if xs[i] < middle < xs[i + 1]), None)
                if column is None:
                    raise ValueError(f"page {number}: character {char['text']!r} outside the table's columns")
                columns[column].append(char["text"])
            for column, (texts, header) in enumerate(zip(columns, HEADER)):
                text = "".join(texts)
                if not text.startswith(squeeze(header)):
                    raise ValueError(f"page {number}: column {ROLES[column]} does not start with its header")
                text = text[len(squeeze(header)):]
                streams[column][0].append(text)
                streams[column][1].extend([number] * len(text))
    return [("".join(texts), pages) for texts, pages in streams]


def locate_pages(findings: list[GenFinding], pdf_path: Path) -> None:
    """Set every finding's and action's pages from where its paragraphs are printed in the PDF."""
    rows = [row for finding in findings for row in finding_rows(finding)]
    for column, (stream, pages) in enumerate(column_streams(pdf_path)):
        cursor = 0
        for row in rows:
            for paragraph, owner in row[column]:
                needle = squeeze(paragraph)
                if not stream.startswith(needle, cursor):
                    raise ValueError(
                        f"column {ROLES[column]}: {paragraph[:60]!r} not found where expected, the PDF has "
                        f"{stream[cursor:cursor + 60]!r}"
                    )
                owner.pages.update(pages[cursor:cursor + len(needle)])
                cursor += len(needle)
        if cursor != len(stream):
            raise ValueError(f"column {ROLES[column]}: unexpected text {stream[cursor:cursor + 60]!r}")
    for finding in findings:
        for action in finding.actions:
            finding.pages.update(action.pages)


# --- the gold ---

def date_value(text: str, month: tuple[int, int]) -> dict:
    return {"text": text, "date": month_end(month), "precision": "month"}


def gold_document(findings: list[GenFinding]) -> dict:
    return {
        "schema_version": "1.0",
        "source": {"path": PDF_PATH.name, "sha256": "0" * 64, "pages": 0},  # stamped by build.stamp_gold
        "title": TITLE,
        "organisation": ORGANISATION,
        "as_at": date_value(month_text(AS_AT), AS_AT),
        "columns": dict(zip(ROLES, HEADER)),
        "findings": [
            {
                "section": None,
                "number": str(finding.number),
                "text": finding.text,
                "references": finding.references,
                "overall_lead": finding.overall_lead,
                "progress": [],
                "notes": [],
                "pages": sorted(finding.pages),
                "actions": [
                    {
                        "index": index,
                        "letter": action.letter,
                        "id": f"{finding.number}{action.letter}",
                        "text": action.text,
                        "progress": " ".join(action.progress) or None,
                        "leads": action.leads,
                        "due": date_value(month_text(action.due), action.due),
                        "completed": (
                            date_value(f"Complete {month_text(action.completed)}", action.completed)
                            if action.completed else None
                        ),
                        "status": action.status,
                        "rag": None,
                        "pages": sorted(action.pages),
                    }
                    for index, action in enumerate(finding.actions, start=1)
                ],
            }
            for finding in findings
        ],
        "warnings": [],
    }


def write_json(path: Path, document: dict) -> None:
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> int:
    sys.path[:0] = [str(HERE), str(REPO)]
    from build import build_pdf, stamp_gold

    from schemas.plan import Plan

    findings = generate()
    source = source_document(findings)
    write_json(SOURCE_PATH, source)
    pages = build_pdf(source, PDF_PATH)
    locate_pages(findings, PDF_PATH)
    write_json(GOLD_PATH, gold_document(findings))
    stamp_gold(GOLD_PATH, PDF_PATH, pages)
    plan = Plan.model_validate(json.loads(GOLD_PATH.read_text(encoding="utf-8")))
    actions = sum(len(f.actions) for f in plan.findings)
    statuses = {s: sum(a.status == s for f in plan.findings for a in f.actions) for s in
                ("complete", "delayed", "ongoing", "not_reported")}
    print(
        f"{PDF_PATH.relative_to(REPO)}: {pages} pages, {len(plan.findings)} findings, {actions} actions "
        f"({', '.join(f'{k} {v}' for k, v in statuses.items())}), {PDF_PATH.stat().st_size // 1024} KB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
