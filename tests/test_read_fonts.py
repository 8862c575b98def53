"""pdfminer's reading of a PDF's fonts (`extract/read_fonts.py`): the exact metrics the PDFium reader takes from it.

PDFium keeps /Widths and descents in whole thousandths of an em only; these are the values
as written in the font dictionaries, by base name, page by page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO, SAMPLES

from extract.read_fonts import DocumentFonts, FontMetrics, without_subset_tag


def first_page_fonts(path: Path) -> tuple[dict[str, list[FontMetrics]], tuple, int]:
    fonts = DocumentFonts(path, None)
    try:
        return fonts.next_page()
    finally:
        fonts.close()


@pytest.mark.parametrize(("name", "base"), [
    ("AAAAAA+BitstreamVeraSans-Roman", "BitstreamVeraSans-Roman"),
    ("Helvetica-Bold", "Helvetica-Bold"),
    ("ABCDE+Arial", "ABCDE+Arial"),  # five letters: no subset tag
    ("abcdef+Arial", "abcdef+Arial"),  # a tag is in capitals
])
def test_a_subset_tag_is_taken_off_the_base_name(name: str, base: str) -> None:
    assert without_subset_tag(name) == base


def test_the_fonts_of_a_page_by_base_name_with_their_widths_as_written() -> None:
    metrics, mediabox, rotation = first_page_fonts(SAMPLES / "westvale-adult-social-care-2021.pdf")  # ReportLab
    assert (mediabox, rotation) == ((0.0, 0.0, 595.2756, 841.8898), 0)
    assert sorted(metrics) == ["BitstreamVeraSans-Bold", "BitstreamVeraSans-Roman", "Helvetica"]
    vera = metrics["BitstreamVeraSans-Roman"]
    assert len(vera) == 1
    assert (vera[0].name, vera[0].descent, vera[0].in_thousandths) == (
        "AAAAAA+BitstreamVeraSans-Roman", -0.2402344, True,
    )
    assert vera[0].width("a") == (0.612793, 612.793)  # a fractional /Widths entry: PDFium keeps 612
    assert vera[0].width("W") == (0.9887695, 988.7695)
    assert vera[0].width("ﬁ") is None  # no glyph of the font reads as it
    helvetica = metrics["Helvetica"][0]
    advance, written = helvetica.width("W")  # a standard font: its widths are pdfminer's own, no /Widths
    assert (advance, written) == (pytest.approx(0.944), None)


def test_a_libreoffice_font_keeps_the_zero_descent_it_was_written_with() -> None:
    metrics, _, _ = first_page_fonts(
        REPO / "tests" / "fixtures" / "libreoffice-serif-10" / "rotherham-cyps-improvement-plan-2018.pdf",
    )
    serif = metrics["LiberationSerif"][0]
    assert (serif.name, serif.descent) == ("CAAAAA+LiberationSerif", 0.0)  # PDFium takes it from the glyphs
    assert serif.width("e") == (0.443, 443.0)


def test_one_reading_of_a_font_serves_every_page_it_is_used_on() -> None:
    fonts = DocumentFonts(SAMPLES / "westvale-adult-social-care-2021.pdf", None)
    try:
        first, _, _ = fonts.next_page()
        second, _, _ = fonts.next_page()
    finally:
        fonts.close()
    assert second["BitstreamVeraSans-Roman"][0] is first["BitstreamVeraSans-Roman"][0]
