"""Header text to column role, by synonyms: case, punctuation and wrapping do not matter.

Plans word the same column many ways ("By When", "Date for Completion", "Target date");
the role is what the rest of the pipeline works with, the printed header is kept in
`Plan.columns`. Checked in order: the first role with a matching phrase wins, so the
more specific phrases ("overall lead") come before the general ones ("lead").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from schemas.plan import Role

MIN_HEADER_ROLES = 3
# Columns plans print that the output contract has no role for: named in the warnings, never read as a role
# their words suggest ("Shared Outcome" is not the finding, "Resources" not the action).
NO_ROLE = ("shared outcome", "resources", "resource implications", "budget", "cost", "funding", "risks")

ROLE_SYNONYMS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    ("measure", (
        "success measure", "measure of success", "measures of success", "how we will know", "how will we know",
        "evidence of impact", "evidence of success", "kpi", "performance indicator", "measure", "outcome measure",
        "success criteria", "what success looks like",
    )),
    ("overall_lead", ("overall lead", "overall responsibility", "senior responsible", "accountable")),
    ("progress", (
        "progress", "current position", "update", "evidence", "commentary", "comments",
        "position statement", "what we have done", "impact",
    )),
    ("due", (
        "by when", "date for completion", "completion date", "target date", "due date", "timescale",
        "deadline", "target", "when", "date", "due",
    )),
    ("rag", ("rag", "status", "red amber green")),
    ("lead", (
        "responsible officer", "lead officer", "responsible", "lead", "owner", "officer", "who",
        "accountable officer", "led by", "lead by", "owned by",
    )),
    ("action", (
        "action", "task", "what we will do", "how we will", "activity", "activities", "steps",
        "intervention", "committed to", "we will", "planned action", "deliverable",
    )),
    ("finding", (
        "finding", "area for improvement", "areas for improvement", "area for development",
        "areas for development", "recommendation", "improvement area", "issue", "priority",
        "objective", "what we found", "area of focus", "outcome", "weakness", "weaknesses", "area of concern",
        "areas of concern", "what needs to improve", "areas to improve", "improvement needed",
    )),
    ("number", ("no", "ref", "reference", "number", "#", "item")),
)


def normalise_header(text: str) -> str:
    """Lower case, punctuation to spaces, whitespace collapsed."""
    dotted_initials_joined = re.sub(r"\b(\w)\.(?=\w\b)", r"\1", text.casefold())  # "R.A.G." -> "rag."
    return " ".join(re.sub(r"[^\w#]+", " ", dotted_initials_joined).split())


def header_role(text: str) -> Role | None:
    """The role a printed header names, or None when it names none we know (or a column of no role)."""
    header = normalise_header(text)
    if not header:
        return None
    padded = f" {header} "
    if any(f" {phrase} " in padded for phrase in NO_ROLE):
        return None
    for role, phrases in ROLE_SYNONYMS:
        if any(f" {phrase} " in padded or f" {phrase}s " in padded for phrase in phrases):
            return role
    squashed = header.replace(" ", "")  # a word broken over two lines of a narrow header cell: "R ef", "RA G"
    for role, phrases in ROLE_SYNONYMS:
        if any(squashed in (phrase.replace(" ", ""), phrase.replace(" ", "") + "s") for phrase in phrases):
            return role
    return None


def plan_header_roles(texts: Iterable[str]) -> frozenset[Role]:
    """The roles a header row names; empty unless it names the action and at least three roles in all."""
    roles = frozenset(role for text in texts if (role := header_role(text)))
    return roles if "action" in roles and len(roles) >= MIN_HEADER_ROLES else frozenset()
