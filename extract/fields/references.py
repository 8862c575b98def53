"""Finding numbers and cross-references, taken off the finding text.

"4. Ensure that ... (CYPS Imp Plan Ref: LMG-1, LAC-2)" -> number "4", text "Ensure
that ...", references ["LMG-1", "LAC-2"].
"""

from __future__ import annotations

import re

from extract.markers import NUMBER_PREFIX
from extract.text import normalise_space

LABEL_NUMBER = re.compile(r"^\s*(?:[a-z][a-z .]*?)?\s*(?P<number>\d+(?:\.\d+)*)\s*[.):]?\s*$", re.IGNORECASE)
REFERENCE_SUFFIX = re.compile(
    r"\(\s*(?:[^()]*?\bref(?:erence)?s?\b\.?|see)\s*:?\s*(?P<refs>[^()]*)\)\s*\.?\s*$", re.IGNORECASE,
)


def parse_number_cell(text: str) -> str | None:
    """The number printed in a number cell ("4.", "No. 4", "Recommendation 4:" -> "4")."""
    match = LABEL_NUMBER.match(normalise_space(text))
    return match.group("number") if match else (normalise_space(text).rstrip(".:)") or None)


def split_finding_text(text: str) -> tuple[str | None, str, list[str]]:
    """(number printed as a prefix, text without number and reference suffix, references)."""
    text = normalise_space(text)
    references: list[str] = []
    suffix = REFERENCE_SUFFIX.search(text)
    if suffix:
        references = [normalise_space(r) for r in re.split(r"\s*[,;]\s*", suffix.group("refs")) if r.strip()]
        text = text[: suffix.start()].rstrip()
    number = None
    prefix = NUMBER_PREFIX.match(text)
    if prefix:
        number = prefix.group("number")
        text = text[prefix.end():]
    return number, text.strip(), references
