"""Plain-text helpers every stage shares: whitespace normalising."""

from __future__ import annotations


def normalise_space(text: str) -> str:
    """Runs of whitespace (line breaks included) as single spaces, trimmed."""
    return " ".join(text.split())
