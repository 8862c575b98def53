"""An action's status and RAG colour, by the rules of OUTPUT.md."""

from __future__ import annotations

import re

from extract.fields.rag import RagKey, fill_to_rag, key_words
from extract.page import Color
from schemas.plan import Rag, Status

COMPLETE_START = re.compile(r"^\W*(?:complete|completed|achieved)\b", re.IGNORECASE)
SLIPPAGE = re.compile(
    r"\bdelay(?:s|ed)?\b|\bslipp(?:ed|age)\b|\bslipped\b|\bbehind (?:schedule|target)\b"
    r"|\bextension\b[^.]*?\b(?:agreed|granted|approved)\b|\brevised (?:target |completion |due )?date\b"
    r"|\(\s*revised from\b|\bnot on track\b|\boff track\b",
    re.IGNORECASE,
)
# A negation shortly before a slippage word cancels it: "no delays to date", "without delay",
# "not behind schedule", "has not slipped".
NEGATION = re.compile(
    r"\b(?:no|not|nor|never|without|none|zero|n't|isn't|hasn't|haven't|wasn't|aren't)\b(?:\W+\w+){0,3}\W*$"
    r"|n't\s*(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
RAG_WORDS: dict[str, Rag] = {
    "red": "red", "r": "red", "amber": "amber", "a": "amber", "green": "green", "g": "green",
    "blue": "blue", "b": "blue", "complete": "blue", "completed": "blue",
}


def reports_slippage(text: str | None) -> bool:
    """True when the text reports slippage that it does not negate ("no delays to date" is not slippage)."""
    if not text:
        return False
    return any(
        not NEGATION.search(clause_before(text, match.start())) for match in SLIPPAGE.finditer(text)
    )


def clause_before(text: str, end: int) -> str:
    """The words of the text before `end`, back to the start of their clause."""
    return re.split(r"[.;:!?]|\bbut\b|\bhowever\b", text[:end], flags=re.IGNORECASE)[-1]


def rag_from_text(text: str, key: RagKey | None = None) -> Rag | None:
    """The RAG colour a RAG cell's text names.

    "Amber", "A", "Complete" (blue), a colour word followed by more text ("Green - on
    track"), or words the plan's printed key gives a colour ("Some slippage").
    """
    words = key_words(text)
    if not words:
        return None
    if key and (rag := key.words.get(words)):
        return rag
    whole = RAG_WORDS.get(words.replace(" ", ""))
    if whole:
        return whole
    first = words.split()[0]
    if len(first) > 1 and first in RAG_WORDS:
        return RAG_WORDS[first]
    if key:
        return next((rag for phrase, rag in key.words.items() if words.startswith(phrase)), None)
    return None


def rag_from_fill(color: Color | None, key: RagKey | None = None) -> Rag | None:
    """The RAG colour of a cell's shading by its hue (pastel shades too); None for white and greys."""
    return fill_to_rag(color, key) if color is not None else None


def action_status(
    progress: str | None,
    completed: bool,
    revised: bool,
    finding_progress: list[str],
    rag: Rag | None,
    status_text: str | None = None,
) -> Status:
    """complete > delayed > ongoing > not_reported, from the action's update, dates and RAG."""
    if completed or rag == "blue" or (progress and COMPLETE_START.match(progress)):
        return "complete"
    if status_text and COMPLETE_START.match(status_text):
        return "complete"
    if revised or reports_slippage(progress) or reports_slippage(status_text) or any(
        reports_slippage(p) for p in finding_progress
    ):
        return "delayed"
    if progress or finding_progress or rag or status_text:
        return "ongoing"
    return "not_reported"
