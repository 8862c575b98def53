"""The printed markers of list items, numbered rows and page numbers, each pattern defined once.

Cells letter their items "a)", "(b)", "d & e)", number them "1.2" or bullet them; number
cells hold a bare number ("4.", "No. 4"); a page's number stands on a line of its own
("Page 2", "- 3 -"). Every stage that recognises one imports it from here.
"""

from __future__ import annotations

import re

BULLET_CHARS = "•·▪■◦○●\uf0b7\uf0a7\uf0d8\uf076\u2023\u2043\u25aa\u25cf"
LETTER_KEYS = r"[a-z](?:\s*(?:&|and|,)\s*[a-z])*"  # "a", "d & e", "a, b and c"
ROMAN_KEYS = r"(?:x|ix|iv|v?i{1,3}|v|vi{1,3})"

# Markers that start an item of a cell's paragraph (items stage).
BULLET = re.compile(rf"^(?:[{BULLET_CHARS}*]|\(cid:\d+\))\s*|^[-–]\s+")
LETTERS = re.compile(rf"^\(?(?P<keys>{LETTER_KEYS})[).]\s+", re.IGNORECASE)
ROMAN = re.compile(rf"^\(?(?P<keys>{ROMAN_KEYS})\)\s+", re.IGNORECASE)
NUMBERED = re.compile(r"^(?P<keys>\d+\.\d+)\.?\s+")
SPLIT_KEYS = re.compile(r"\s*(?:&|and|,)\s*")

# Markers that start a paragraph wherever they start a line (layout stage). A dash is not one:
# a wrap can put the dash of "issues - Completed" first on a line (a dash bullet still starts
# an item when its line follows a paragraph break).
MARKER_START = re.compile(
    r"^(?:[•·▪■◦○●\uf0b7\uf0a7\uf0d8\uf076\u2023\u2043\u25aa\u25cf]\s|[•▪■◦○●\uf0b7\uf0a7\uf0d8]|\(cid:\d+\)"
    rf"|\(?{LETTER_KEYS}[).](?:\s|$)|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)(?:\s|$)"
    r"|\d+\.\d+\.?(?:\s|$))",
)

# A letter closed by a bracket ("a)", "(b)", "d & e)") left on a field's text (fields stage):
# never "D." or "K.", which are initials in a lead cell.
LETTER_MARKER = re.compile(rf"^\s*\(?{LETTER_KEYS}\)\s*", re.IGNORECASE)
# Any marker left on a lead's text: a bracketed letter, a "1.2" number, a bullet or a dash.
LIST_MARKER = re.compile(
    rf"^\s*(?:\(?{LETTER_KEYS}\)|\d+\.\d+\.?(?=\s)|[{BULLET_CHARS}\-–*])\s*", re.IGNORECASE,
)

# A note's label ("Overarching note:", "NB"): a note starts its own item, and its own row over a page break.
NOTE = re.compile(r"^\W*(?:overarching\s+|general\s+|please\s+)?(?:note|nb)\b", re.IGNORECASE)

# A cell holding only a number ("4", "4.", "1.2)", "No. 4").
BARE_NUMBER = re.compile(r"^\s*(?:no\.?\s*)?\d+(?:\.\d+)*[.):]?\s*$", re.IGNORECASE)

# The number, maybe after a label, that starts a finding's text ("4. Ensure ...", "Recommendation 4: ...").
NUMBER_PREFIX = re.compile(
    r"^\s*(?:(?:recommendation|finding|area for (?:improvement|development)|priority|no\.?|ref\.?)\s*)?"
    r"(?P<number>\d+(?:\.\d+)*)\s*[.):]\s+",
    re.IGNORECASE,
)

# A line printing only its page's number: "Page 12", "12 of 40", "- 12 -". At most three digits,
# so that a year printed on a line of its own is not one.
PAGE_NUMBER = re.compile(r"(?:page\s+)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s+of\s+\d{1,3})?", re.IGNORECASE)


def is_page_number(text: str) -> bool:
    """True when a line prints a page number and nothing else: "Page 2", "- 3 -", "4 of 9"."""
    return bool(PAGE_NUMBER.fullmatch(text.strip()))
