"""The text printed above a table: blocks of lines, the title, the organisation.

Used for the plan's title block (the lines above the table on its first page) and, in a
plan of actions only, for the heading above each page's table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.layout import TextLine
from extract.markers import is_page_number
from extract.text import normalise_space

BODY = re.compile(
    r"\b(?:council|clinical commissioning group|ccg|integrated care board|icb|nhs (?:foundation )?trust"
    r"|combined authority)\b",
    re.IGNORECASE,
)
JOINED_BODY = re.compile(
    r"\s+(?:and|&)\s+(?:(?:NHS|[A-Z][\w'’-]*|of|the)\s+){0,8}?"
    r"(?:Council|Clinical Commissioning Group|CCG|Integrated Care Board|ICB|(?:NHS )?(?:Foundation )?Trust)\b",
)
SEGMENT_SEPARATOR = re.compile(r"\s+[-–—|:]\s+")
BLOCK_GAP_RATIO = 1.6


@dataclass(frozen=True)
class TextBlock:
    """Consecutive preamble lines of one style (a heading of one or more lines)."""

    text: str
    size: float
    bold: bool


def lines_to_blocks(lines: Sequence[TextLine]) -> list[TextBlock]:
    """Group the lines above the table into blocks of one size and weight."""
    blocks: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda ln: ln.top):  # a line naming only the council is a block of its own
        last = blocks[-1][-1] if blocks else None
        if (
            last is not None and abs(last.size - line.size) < 0.5 and last.bold == line.bold
            and line.top - last.top <= BLOCK_GAP_RATIO * line.size
            and (organisation_in(last.text) or "").casefold() != normalise_space(last.text).casefold()
        ):
            blocks[-1].append(line)
        else:
            blocks.append([line])
    return [
        TextBlock(normalise_space(" ".join(ln.text for ln in block)), block[0].size, block[0].bold)
        for block in blocks
    ]


def organisation_in(text: str) -> str | None:
    """The body named in a heading ("Rotherham Metropolitan Borough Council - ..." -> the council).

    Two bodies joined by "and" are one organisation: "X Borough Council and NHS X Clinical
    Commissioning Group".
    """
    for segment in SEGMENT_SEPARATOR.split(text):
        match = BODY.search(segment)
        if match is None:
            continue
        end = match.end()
        joined = JOINED_BODY.match(segment, end)
        if joined:
            end = joined.end()
        name = segment[:end].strip()
        return name.title() if name.isupper() else name
    return None


def can_head(text: str) -> bool:
    """True when text may be a title or a heading: it has letters, and is no page number ("Page 2")."""
    return any(char.isalpha() for char in text) and not is_page_number(text)


def title_and_organisation(preamble: Sequence[TextLine]) -> tuple[str | None, str | None]:
    """The title (largest heading that is not just the council's name) and the organisation."""
    blocks = [b for b in lines_to_blocks(preamble) if b.text]
    organisation = next((org for b in blocks if (org := organisation_in(b.text))), None)
    candidates = [
        b for b in blocks
        if not (organisation and b.text.casefold() == organisation.casefold())
        and can_head(b.text)
    ]
    if not candidates:
        return None, organisation
    largest = max(b.size for b in candidates)
    title = next(b.text for b in candidates if b.size >= largest - 0.5)
    return title, organisation
