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
# The phrases as found in a normalised header padded with spaces, each also in the plural
NO_ROLE_PADDED = tuple(f" {phrase} " for phrase in NO_ROLE)
ROLE_PADDED = tuple(
    (role, tuple(form for phrase in phrases for form in (f" {phrase} ", f" {phrase}s ")))
    for role, phrases in ROLE_SYNONYMS
)
# Each phrase with its spaces taken out (and its plural): the first role naming it wins, so written last
ROLE_OF_SQUASHED: dict[str, Role] = {
    form: role
    for role, phrases in reversed(ROLE_SYNONYMS)
    for phrase in phrases
    for form in (phrase.replace(" ", ""), phrase.replace(" ", "") + "s")
}
DOTTED_INITIAL = re.compile(r"\b(\w)\.(?=\w\b)")
NOT_WORD = re.compile(r"[^\w#]+")


def normalise_header(text: str) -> str:
    """Lower case, punctuation to spaces, whitespace collapsed."""
    dotted_initials_joined = DOTTED_INITIAL.sub(r"\1", text.casefold())  # "R.A.G." -> "rag."
    return " ".join(NOT_WORD.sub(" ", dotted_initials_joined).split())


def header_role(text: str) -> Role | None:
    """The role a printed header names, or None when it names none we know (or a column of no role)."""
    header = normalise_header(text)
    if not header:
        return None
    padded = f" {header} "
    if any(phrase in padded for phrase in NO_ROLE_PADDED):
        return None
    for role, forms in ROLE_PADDED:
        if any(form in padded for form in forms):
            return role
    # a word broken over two lines of a narrow header cell: "R ef", "RA G"
    return ROLE_OF_SQUASHED.get(header.replace(" ", ""))


def plan_header_roles(texts: Iterable[str]) -> frozenset[Role]:
    """The roles a header row names; empty unless it names the action and at least three roles in all."""
    roles = frozenset(role for text in texts if (role := header_role(text)))
    return roles if "action" in roles and len(roles) >= MIN_HEADER_ROLES else frozenset()
