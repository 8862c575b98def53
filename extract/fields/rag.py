"""A plan's printed RAG key: which words (and which box colours) mean red, amber, green or blue.

Plans print a key above or below the table, in words ("Blue = Complete", "Amber: some
slippage", "Red - not started") or as a legend of coloured boxes with words beside them.
`read_rag_key` reads the words; `legend_to_key` reads the boxes. The status stage maps a
RAG cell's text through the key.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from extract.layout import TextLine
from extract.page import Fill
from schemas.plan import Rag

COLOUR_NAMES: dict[str, Rag] = {
    "red": "red", "amber": "amber", "yellow": "amber", "orange": "amber", "green": "green", "blue": "blue",
    "purple": "blue",
}
COLOUR = "|".join(COLOUR_NAMES)
# "Blue = Complete", "Amber: some slippage", "Red - not started", "Green (on track)"; then the
# reverse, "Complete = Blue". A meaning runs to the next colour entry or the end of the line.
KEY_ENTRY = re.compile(
    rf"\b(?P<colour>{COLOUR})\b\s*(?:[=:–—-]|\()\s*(?P<meaning>.+?)\)?\s*(?=[,;|]?\s*\b(?:{COLOUR})\b\s*[=:–—(-]|$)",
    re.IGNORECASE,
)
REVERSE_ENTRY = re.compile(
    rf"(?P<meaning>[A-Za-z][\w '’-]*?)\s*[=:]\s*(?P<colour>{COLOUR})\b", re.IGNORECASE,
)
MIN_SATURATION = 0.15  # light blue or grey zebra shading is less saturated than any RAG pastel
# Hue names by upper limit in degrees, and the RAG value each has when no key says otherwise.
HUE_NAMES: tuple[tuple[float, str], ...] = (
    (15, "red"), (40, "orange"), (65, "yellow"), (170, "green"), (275, "blue"), (335, "purple"), (361, "red"),
)
HUE_RAG: dict[str, Rag] = {
    "red": "red", "orange": "amber", "yellow": "amber", "green": "green", "blue": "blue", "purple": "red",
}
MEANING_RAG: dict[str, Rag] = {"complete": "blue", "completed": "blue", "achieved": "blue"}
MAX_BOX_SIZE = 40.0  # points: a legend box is small; a larger fill is a shaded cell or banner
MAX_BOX_GAP = 30.0  # points between a box's right edge and its words


@dataclass(frozen=True)
class RagKey:
    """What a plan's key says: its words (normalised by `key_words`) and the RAG value each means,
    and hue names whose RAG value it changes ("Purple = Complete" makes purple cells blue)."""

    words: dict[str, Rag] = field(default_factory=dict)
    colours: dict[str, Rag] = field(default_factory=dict)


def key_words(text: str) -> str:
    """Text as the key looks it up: lower case letters and single spaces only."""
    return " ".join(re.sub(r"[^a-z]+", " ", text.casefold()).split())


def key_entries(line: str) -> list[tuple[str, str]]:
    """The (colour name, meaning words) entries of one printed key line."""
    entries = [(m.group("colour").lower(), key_words(m.group("meaning"))) for m in KEY_ENTRY.finditer(line)]
    if not entries:
        entries = [(m.group("colour").lower(), key_words(m.group("meaning"))) for m in REVERSE_ENTRY.finditer(line)]
    return [(colour, meaning) for colour, meaning in entries if meaning and meaning not in COLOUR_NAMES]


def read_rag_key(lines: Sequence[str]) -> RagKey:
    """The key printed in the lines above or below a table ("Blue = Complete  Amber: some slippage")."""
    words: dict[str, Rag] = {}
    colours: dict[str, Rag] = {}
    for colour, meaning in (entry for line in lines for entry in key_entries(line)):
        rag = COLOUR_NAMES[colour]
        words.setdefault(meaning, rag)
        if colour in HUE_RAG and HUE_RAG[colour] != MEANING_RAG.get(meaning, rag):
            colours.setdefault(colour, MEANING_RAG.get(meaning, rag))
    return RagKey(words, colours)


def hue_name(color: tuple[float, float, float]) -> str | None:
    """The name of a colour's hue ("orange", "purple"); None for white, greys and black."""
    hue, saturation, value = colorsys.rgb_to_hsv(*color)
    if saturation < MIN_SATURATION or value < 0.2:
        return None
    return next(name for limit, name in HUE_NAMES if hue * 360 < limit)


def fill_to_rag(color: tuple[float, float, float], key: RagKey | None = None) -> Rag | None:
    """A fill's RAG colour by its hue, as the plan's key maps it when it names that colour."""
    name = hue_name(color)
    if name is None:
        return None
    return (key.colours.get(name) if key else None) or HUE_RAG[name]


def legend_to_key(lines: Sequence[TextLine], fills: Sequence[Fill]) -> RagKey:
    """A legend of small coloured boxes, each with its words printed just to its right on the same line."""
    words: dict[str, Rag] = {}
    for fill in fills:
        box = fill.bbox
        rag = fill_to_rag(fill.color)
        if rag is None or box.x1 - box.x0 > MAX_BOX_SIZE or box.bottom - box.top > MAX_BOX_SIZE:
            continue
        middle = (box.top + box.bottom) / 2
        beside = [
            line for line in lines
            if line.top <= middle <= line.bottom and 0 <= line.x0 - box.x1 <= MAX_BOX_GAP
        ]
        if beside:
            text = min(beside, key=lambda line: line.x0).text
            meaning = key_words(re.split(r"\s{2,}", text)[0])
            if meaning:
                words.setdefault(meaning, rag)
    return RagKey(words, {})
