"""An action's status and RAG colour, by the rules of OUTPUT.md."""

from __future__ import annotations

import colorsys
import re

from extract.read import Color
from schemas.plan import Rag, Status

COMPLETE_START = re.compile(r"^\W*(?:complete|completed|achieved)\b", re.IGNORECASE)
SLIPPAGE = re.compile(
    r"\bdelay(?:s|ed)?\b|\bslipp(?:ed|age)\b|\bslipped\b|\bbehind (?:schedule|target)\b"
    r"|\bextension\b[^.]*?\b(?:agreed|granted|approved)\b|\brevised (?:target |completion |due )?date\b"
    r"|\(\s*revised from\b|\bnot on track\b|\boff track\b",
    re.IGNORECASE,
)
MIN_RAG_SATURATION = 0.15  # light blue or grey zebra shading is less saturated than any RAG pastel
HUE_LIMITS: tuple[tuple[float, Rag], ...] = ((15, "red"), (65, "amber"), (170, "green"), (275, "blue"))
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
    """The RAG colour of a cell's shading by its hue (pastel shades too); None for white and greys."""
    if color is None:
        return None
    hue, saturation, value = colorsys.rgb_to_hsv(*color)
    if saturation < MIN_RAG_SATURATION or value < 0.2:
        return None
    degrees = hue * 360
    for limit, rag in HUE_LIMITS:
        if degrees < limit:
            return rag
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
    if revised or reports_slippage(progress) or reports_slippage(status_text) or any(
        reports_slippage(p) for p in finding_progress
    ):
        return "delayed"
    if progress or finding_progress or rag or status_text:
        return "ongoing"
    return "not_reported"
