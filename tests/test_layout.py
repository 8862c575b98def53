"""Characters to lines, lines to paragraphs, paragraph lines joined (extract/layout.py)."""

from __future__ import annotations

import pytest

from extract.layout import (
    Paragraph,
    TextLine,
    chars_to_lines,
    is_broken_mid_word,
    is_hard_break,
    join_lines,
    line_words,
    lines_to_paragraphs,
)
from extract.page import Char

CHAR_WIDTH = 5.0


def word(text: str, x: float, top: float, size: float = 10.0, width: float = CHAR_WIDTH) -> list[Char]:
    """Glyphs of one word set tight, left to right from x, on a line whose top is `top`."""
    return [
        Char(ch, x + i * width, x + (i + 1) * width, top, top + size, size, False) for i, ch in enumerate(text)
    ]


# ---- chars_to_lines -----------------------------------------------------------------------------


def test_superscript_ordinal_joins_its_number() -> None:
    chars = word("30", 50, 100) + word("th", 60, 97, size=6, width=3) + word("September", 68, 100)
    lines = chars_to_lines(chars, page=1)
    assert [line.text for line in lines] == ["30th September"]
    assert lines[0].top == 100  # the raised superscript does not raise the line
    assert lines[0].size == 10


def test_superscript_overlapping_line_above_stays_on_its_line() -> None:
    # "Immediate/" ends at 98; the raised "th" starts at 97, so it touches the line above a little.
    chars = (
        word("Immediate/", 50, 88)
        + word("30", 50, 100)
        + word("th", 60, 97, size=6, width=3)
        + word("September", 68, 100)
        + word("2010", 116, 100)
    )
    lines = chars_to_lines(chars, page=3)
    assert [line.text for line in lines] == ["Immediate/", "30th September 2010"]
    assert [line.page for line in lines] == [3, 3]
    assert [(line.top, line.bottom) for line in lines] == [(88, 98), (100, 110)]


def test_superscript_ordinal_after_a_gap_is_glued_to_the_number() -> None:
    chars = word("1", 0, 50) + word("st", 8, 47, size=6, width=3) + word("April", 20, 50)
    assert [line.text for line in chars_to_lines(chars, page=1)] == ["1st April"]


def test_superscript_ordinal_alone_in_cell_stays_on_its_line() -> None:
    chars = word("1", 0, 50) + word("st", 5, 47, size=6, width=3)
    assert [line.text for line in chars_to_lines(chars, page=1)] == ["1st"]


def test_space_glyph_makes_a_word_break() -> None:
    chars = [*word("ab", 0, 0), Char(" ", 10, 12.8, 0, 10, 10, False), *word("cd", 12.8, 0)]
    lines = chars_to_lines(chars, page=1)
    assert [line.text for line in lines] == ["ab cd"]
    assert lines[0].first_word_width == 10


def test_x_gap_without_space_glyph_makes_a_word_break() -> None:
    chars = word("Ian", 0, 0) + word("Walker", 18, 0)  # "Ian" ends at 15: a 3pt gap at size 10
    lines = chars_to_lines(chars, page=1)
    assert [line.text for line in lines] == ["Ian Walker"]
    assert (lines[0].x0, lines[0].x1, lines[0].first_word_width) == (0, 48, 15)


def test_tight_glyphs_stay_one_word() -> None:
    assert [line.text for line in chars_to_lines(word("Safeguarding", 0, 0), page=1)] == ["Safeguarding"]


def test_larger_bullet_does_not_make_body_text_superscript() -> None:
    bullet = Char("•", 0, 8, -2, 12, 14, False)
    chars = [bullet, *word("Review", 12, 0), *word("plan", 45, 0)]
    lines = chars_to_lines(chars, page=2)
    assert [line.text for line in lines] == ["• Review plan"]
    assert lines[0].size == 10
    assert lines[0].page == 2


def test_lines_are_ordered_top_to_bottom() -> None:
    chars = word("second", 0, 20) + word("first", 0, 5) + word("third", 0, 35)
    assert [line.text for line in chars_to_lines(chars, page=1)] == ["first", "second", "third"]


def test_bold_line() -> None:
    chars = [Char(c.text, c.x0, c.x1, c.top, c.bottom, c.size, True) for c in word("Safeguarding", 0, 0)]
    assert [(line.text, line.bold) for line in chars_to_lines(chars, page=1)] == [("Safeguarding", True)]


def test_no_visible_glyphs_gives_no_lines() -> None:
    assert chars_to_lines([Char(" ", 0, 3, 0, 10, 10, False)], page=1) == []


# ---- is_hard_break / lines_to_paragraphs --------------------------------------------------------

RIGHT = 200.0


def line(text: str, top: float, x1: float, first: float = 30.0, page: int = 1, size: float = 10.0) -> TextLine:
    return TextLine(
        text=text, x0=0.0, x1=x1, top=top, bottom=top + size, size=size, bold=False,
        first_word_width=first, page=page,
    )


def test_line_leaving_room_for_next_word_is_a_hard_break() -> None:
    # 150 + 2.8 (space) + 40 = 192.8 fits before 200 - 1
    assert is_hard_break(line("Short line", 0, 150), line("Next paragraph", 12, 190, first=40), RIGHT) is True


def test_wrapped_line_is_not_a_hard_break() -> None:
    # 150 + 2.8 + 50 = 202.8 would not have fitted: the producer wrapped
    assert is_hard_break(line("Full line", 0, 150), line("wrapped words", 12, 190, first=50), RIGHT) is False


def test_extra_leading_is_a_hard_break() -> None:
    assert is_hard_break(line("Full line", 0, 195), line("after gap", 25, 190, first=50), RIGHT) is True


@pytest.mark.parametrize(
    "text", ["a) Review the plan", "g)", "• Audit cases", "(b) Train staff", "ii) Second", "1.2 Next"],
)
def test_marker_line_starts_a_new_paragraph(text: str) -> None:
    # the line above is full, so only the marker can break here
    assert is_hard_break(line("Full line", 0, 199), line(text, 12, 100, first=80), RIGHT) is True


@pytest.mark.parametrize("text", ["and the rest", "e.g. this one", "a review of plans"])
def test_unmarked_wrap_after_full_line_is_not_a_break(text: str) -> None:
    assert is_hard_break(line("Full line", 0, 199), line(text, 12, 100, first=30), RIGHT) is False


def test_lines_to_paragraphs_splits_at_breaks_and_joins_wraps() -> None:
    lines = [
        line("a) Review the", 0, 190, first=20),
        line("plan with partners", 12, 120, first=50),  # wrap: 190 + 2.8 + 50 would pass the edge
        line("b) Audit", 24, 80, first=20),  # a marker starts a paragraph
        line("cases", 36, 60, first=60),  # 80 + 2.8 + 60 fits after "b) Audit": a hard break
    ]
    assert lines_to_paragraphs(lines, RIGHT) == [
        Paragraph("a) Review the plan with partners", frozenset({1})),
        Paragraph("b) Audit", frozenset({1})),
        Paragraph("cases", frozenset({1})),
    ]


def test_lines_to_paragraphs_across_pages_wrap_joins_and_unions_pages() -> None:
    lines = [
        line("Training will be delivered", 700, 195, page=1),
        line("to all staff", 60, 80, first=60, page=2),  # top is smaller on the next page
    ]
    assert lines_to_paragraphs(lines, RIGHT) == [
        Paragraph("Training will be delivered to all staff", frozenset({1, 2})),
    ]


def test_lines_to_paragraphs_across_pages_marker_breaks() -> None:
    lines = [line("a) First action", 700, 195, page=1), line("b) Second action", 60, 120, page=2)]
    assert lines_to_paragraphs(lines, RIGHT) == [
        Paragraph("a) First action", frozenset({1})),
        Paragraph("b) Second action", frozenset({2})),
    ]


def test_lines_to_paragraphs_empty() -> None:
    assert lines_to_paragraphs([], RIGHT) == []


# ---- join_lines ---------------------------------------------------------------------------------


def test_join_hyphen_at_line_end() -> None:
    lines = [line("work sub-", 0, 198), line("regionally", 12, 60)]
    assert join_lines(lines, RIGHT) == "work sub-regionally"


def test_join_month_and_year_keeps_space() -> None:
    lines = [line("September", 0, 198, first=198), line("2020", 12, 30)]
    assert join_lines(lines, RIGHT) == "September 2020"


def test_join_token_broken_mid_word_at_column_edge() -> None:
    lines = [line("30/09/20", 0, 198, first=198), line("24", 12, 12, first=12)]
    assert is_broken_mid_word(lines[0], lines[1], RIGHT) is True
    assert join_lines(lines, RIGHT) == "30/09/2024"


def test_join_word_broken_mid_letters_at_column_edge() -> None:
    lines = [line("Safeguard", 0, 199, first=199), line("ing", 12, 20, first=20)]
    assert join_lines(lines, RIGHT) == "Safeguarding"


def test_join_possessive_cut_at_its_apostrophe() -> None:
    lines = [line("Children'", 0, 199, first=199), line("s Services", 12, 5)]
    assert join_lines(lines, RIGHT) == "Children's Services"


def test_join_plural_possessive_before_a_word_keeps_space() -> None:
    lines = [line("parents'", 0, 199, first=199), line("evening", 12, 35)]
    assert join_lines(lines, RIGHT) == "parents' evening"


def test_join_digits_not_filling_column_keep_space() -> None:
    lines = [line("30/09/20", 0, 100, first=100), line("24", 12, 12, first=12)]
    assert is_broken_mid_word(lines[0], lines[1], RIGHT) is False
    assert join_lines(lines, RIGHT) == "30/09/20 24"


def test_join_several_words_on_full_line_keep_space() -> None:
    lines = [line("Review by 30/09/20", 0, 199), line("24", 12, 12, first=12)]
    assert join_lines(lines, RIGHT) == "Review by 30/09/20 24"


def test_join_single_line_and_empty() -> None:
    assert join_lines([line("Only line", 0, 90)], RIGHT) == "Only line"
    assert join_lines([], RIGHT) == ""


# ---- line_words -----------------------------------------------------------------------------------


def test_line_words_are_cut_at_gaps_wide_for_their_own_size_and_given_the_size_asked_for() -> None:
    # a gap of 2 points: a word gap at size 10 (over 1.8), not at the line's size 12 (2.16)
    glyphs = [*word("ab", 20, 60), *word("cd", 32, 60)]
    words = line_words(glyphs, 12.0)
    assert [(w.text, w.x0, w.x1, w.top, w.bottom, w.size, w.bold) for w in words] == [
        ("ab", 20.0, 30.0, 60.0, 70.0, 12.0, False), ("cd", 32.0, 42.0, 60.0, 70.0, 12.0, False),
    ]
    assert [(w.text, w.size) for w in line_words(glyphs)] == [("ab", 10.0), ("cd", 10.0)]


def test_chars_made_many_at_once_are_chars_field_by_field() -> None:
    fields = [("a", 1.0, 2.0, 3.0, 4.0, 10.0, False), ("ﬁ", 2.0, 7.5, 3.0, 4.0, 10.0, True)]
    made = Char.many(iter(fields))
    assert [type(char) for char in made] == [Char, Char]
    assert [(c.text, c.x0, c.x1, c.top, c.bottom, c.size, c.bold) for c in made] == fields
