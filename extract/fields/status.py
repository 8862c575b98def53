"""An action's status and RAG colour, by the rules of OUTPUT.md."""

from __future__ import annotations

import re

from extract.read import Color
from schemas.plan import Rag, Status

COMPLETE_START = re.compile(r"^\W*(?:complete|completed|achieved)\b", re.IGNORECASE)
SLIPPAGE = re.compile(
    r"\bdelay(?:s|ed)?\b|\bslipp(?:ed|age)\b|\bslipped\b|\bbehind (?:schedule|target)\b"
    r"|\bextension\b[^.]*?\b(?:agreed|granted|approved)\b|\brevised (?:target |completion |due )?date\b"
    r"|\(\s*revised from\b|\bnot (?:yet )?(?:started|on track)\b|\boff track\b",
    re.IGNORECASE,
)
RAG_WORDS: dict[str, Rag] = {
    "red": "red", "r": "red", "amber": "amber", "a": "amber", "green": "green", "g": "green",
    "blue": "blue", "b": "blue", "complete": "blue", "completed": "blue",
}


def reports_slippage(text: str | None) -> bool:
    return bool(text and SLIPPAGE.search(text))


def rag_from_text(text: str) -> Rag | None:
    """The RAG colour a RAG cell's text names ("Amber", "A", "Complete" is blue)."""
    return RAG_WORDS.get(re.sub(r"[^a-z]", "", text.casefold()))


def rag_from_fill(color: Color | None) -> Rag | None:
    """The RAG colour of a cell's shading: the nearest of red, amber, green and blue, if saturated."""
    if color is None:
        return None
    r, g, b = color
    if max(r, g, b) - min(r, g, b) < 0.25:
        return None  # grey or white: not a RAG colour
    if b > r and b > g:
        return "blue"
    if g > r * 1.2:
        return "green"
    if r > 0.6 and g > 0.45:
        return "amber"
    return "red"


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
    if revised or reports_slippage(progress) or any(reports_slippage(p) for p in finding_progress):
        return "delayed"
    if progress or finding_progress or rag or status_text:
        return "ongoing"
    return "not_reported"
