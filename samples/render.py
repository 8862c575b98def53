"""One variant rendered: its sheet drawn by its producer, its pages read back, its gold written.

The gold's `pages` are the only values the rendering decides: they are read back from the
PDF's text layer by finding each action's own text (and each finding's) in page order.
"""

from __future__ import annotations

import bisect
import hashlib
import importlib
import itertools
import re
from pathlib import Path

from plan_layout import Printed, Switches, date_text, remarked_action, renderable, sheet_of, variant_gold

HEAD_CHARS = (40, 16, 6)  # the start of a text searched for; the shorter when a page break cuts the longer


def squeezed(text: str) -> str:
    """Text reduced to lower-case letters and digits, so line breaks and spacing cannot hide a match."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def page_texts(pdf_path: Path) -> list[str]:
    """Each page's text layer, squeezed."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(squeezed(textpage.get_text_range()))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def common_prefix(a: str, b: str) -> int:
    """How many leading characters two strings share."""
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


class PrintedText:
    """The squeezed text of all pages, searched for where a text was printed."""

    def __init__(self, pages: list[str]) -> None:
        self.text = "".join(pages)
        self.starts = [0]
        for page in pages:
            self.starts.append(self.starts[-1] + len(page))

    def page_at(self, position: int) -> int:
        return bisect.bisect_right(self.starts, position)

    def span(self, text: str, after: int, loose: bool = False) -> tuple[int, int] | None:
        """Positions of a text's first and last characters at or after `after`, None when it is not printed.

        The text is matched piece by piece: a page break puts the repeated header and the page
        footer between the pieces of a split cell.
        """
        key = squeezed(text)
        found = [span for size in (HEAD_CHARS if key else ()) if (span := self.first_match(key, size, after, loose))]
        return min(found, default=None)

    def first_match(self, key: str, size: int, after: int, loose: bool) -> tuple[int, int] | None:
        """The first place at or after `after` where the text's first `size` characters start it all."""
        start = self.text.find(key[:size], after)
        while start >= 0:
            end = self.match_end(key, start, loose)
            if end is not None:
                return start, end
            start = self.text.find(key[:size], start + 1)
        return None

    def match_end(self, key: str, position: int, loose: bool) -> int | None:
        """Where a text printed from `position` on ends, its pieces in order; None when it does not fit.

        Pieces are on later pages, or with `loose` anywhere after (a producer that draws the
        lines of neighbouring cells in turn).
        """
        rest = key
        while True:
            matched = common_prefix(rest, self.text[position:position + len(rest)])
            rest, end = rest[matched:], position + matched - 1
            if not rest:
                return end
            # A cell breaks only at a page break: the rest is printed on a later page.
            position = self.find_head(rest, end + 1 if loose else self.starts[self.page_at(end)])
            if matched == 0 or position < 0:
                return None

    def find_head(self, key: str, after: int) -> int:
        """Where the start of a text is printed at or after `after`: the longest start found, else -1."""
        for size in HEAD_CHARS:
            position = self.text.find(key[:size], after)
            if position >= 0:
                return position
        return -1

    def pages(self, texts: list[str], *afters: int) -> tuple[list[int], tuple[int, int]]:
        """Every page from the first to the last of these texts, searched after the first of the
        positions where they are all found; where the first text starts and ends."""
        for loose, after in itertools.product((False, True), afters):
            spans = [s for s in (self.span(t, after, loose) for t in texts if t) if s]
            if len(spans) == len([t for t in texts if t]):
                break
        else:
            raise ValueError(f"not printed: {texts[0][:60]!r}")
        first = self.page_at(min(s[0] for s in spans))
        last = self.page_at(max(s[1] for s in spans))
        return list(range(first, last + 1)), spans[0]


def printed_pages(pdf_path: Path, gold: dict, switches: Switches) -> Printed:
    """On which pages the rendered PDF printed each action and finding."""
    texts = page_texts(pdf_path)
    printed = PrintedText(texts)
    result = Printed(pages=len(texts))
    cursor = 0
    for f, finding in enumerate(gold["findings"]):
        pages: set[int] = set()
        start = cursor
        if finding["text"]:
            found, (start, _) = printed.pages([finding["text"]], cursor, 0)
            pages.update(found)
        cursor = start
        for action in finding["actions"]:
            # A cell split by a page break prints its start before the next cell's end: the
            # action's own text is searched after the previous action's, the rest after the finding's
            # (and where a producer printed them in another order, from the finding's start or the first page).
            found, (_, end) = printed.pages([action["text"]], cursor, start, 0)
            cursor = end + 1
            # Every cell of the action is looked for, so that text a producer lost is caught.
            others = [t for t in (action["progress"], action.get("measure"), date_text(action), *action["leads"]) if t]
            if others:
                found = sorted(set(found) | set(printed.pages(others, start, 0)[0]))
            result.action_pages[remarked_action(action, switches.markers)["id"]] = found
            pages.update(found)
        for text in finding["progress"] + finding["notes"]:
            pages.update(printed.pages([text], start, 0)[0])
        result.finding_pages[f] = sorted(pages)
    return result


def render_variant(gold: dict, source: dict, switches: Switches, pdf_path: Path) -> dict:
    """Draw one variant into pdf_path and return its gold."""
    if not renderable(gold, switches):
        raise ValueError(f"{pdf_path.name}: these switches would print {gold['title']!r} ambiguously")
    sheet = sheet_of(gold, source, switches, pdf_path.stem)
    producer = importlib.import_module(f"produce_{switches.producer}")
    producer.render(sheet, pdf_path)
    return gold_of_rendered(gold, source, switches, pdf_path)


def gold_of_rendered(gold: dict, source: dict, switches: Switches, pdf_path: Path) -> dict:
    """The gold of a variant already rendered into pdf_path."""
    printed = printed_pages(pdf_path, gold, switches)
    block = {"path": pdf_path.name, "sha256": hashlib.sha256(pdf_path.read_bytes()).hexdigest(),
             "pages": printed.pages}
    return variant_gold(gold, source, switches, block, printed)
