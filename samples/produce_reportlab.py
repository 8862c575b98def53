"""The reportlab producer: a Sheet drawn as a Word-export-like PDF (also the pieces build.py lays samples out with).

Rules are drawn per cell, so a vertically merged finding cell has no rule between the
action rows beside it; a row split by a page break is left open at the page foot, as
Word leaves it; the header row repeats on every page or is printed once.
"""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path

from plan_layout import Cell, Para, Sheet, Table
from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, TableStyle
from reportlab.platypus import Table as PlatypusTable

RULE = (0.5, (0, 0, 0))
TRUETYPE = Path("/usr/share/fonts/truetype")
FONT_FILES = {
    "Liberation Sans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    "Liberation Serif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    "DejaVu Sans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
}

rl_config.invariant = 1  # no creation date or random document id: identical bytes each build


class WordTable(PlatypusTable):
    """A Table that leaves a row split by a page break open at the page foot, as Word does."""

    def _splitLineCmds(self, n: int, doInRowSplit: int = 0) -> list:  # noqa: N802, N803
        cmds = super()._splitLineCmds(n, doInRowSplit)
        if not doInRowSplit:
            return cmds
        return [c for c in cmds if not (c[0] == "LINEBELOW" and c[1][1] == c[2][1] == n - 1)]


def escape_markup(text: str) -> str:
    """Escape text for reportlab's paragraph markup, keeping <super> tags."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"&lt;(/?super)&gt;", r"<\1>", text)


def draw_page_number(canvas, doc, font: str = "Vera") -> None:
    """Page number centred at the foot of each page."""
    canvas.setFont(font, 8)
    canvas.drawCentredString(doc.pagesize[0] / 2, 8 * mm, f"Page {doc.page}")


def register_family(family: str) -> tuple[str, str]:
    """Register a system TrueType family (regular and bold); their reportlab names."""
    names = (family, f"{family} Bold")
    for name, file in zip(names, FONT_FILES[family]):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(TRUETYPE / file)))
    return names


def para_flowable(para: Para, regular: str, bold: str, size: float) -> Paragraph:
    """One paragraph, bulleted with a hanging bullet where marked."""
    size = para.size or size
    style = ParagraphStyle(
        f"{regular}-{size}-{para.bold}-{para.bullet}", fontName=bold if para.bold else regular, fontSize=size,
        leading=size * 1.22, spaceAfter=2 if para.size else 1,
        leftIndent=size * 1.2 if para.bullet else 0, bulletIndent=0, bulletFontName=regular,
        splitLongWords=0,  # a word wider than its column overflows rather than being cut in two
    )
    return Paragraph(escape_markup(para.text), style, bulletText="•" if para.bullet else None)


def rule_commands(table: Table, rules: str) -> list[tuple]:
    """Rules per cell: a line above every cell that starts there; grids also between columns."""
    if rules == "norules":
        return []
    commands: list[tuple] = []
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell is None:
                continue
            end = c + cell.span - 1
            if cell.top:
                commands.append(("LINEABOVE", (c, r), (end, r), *RULE))
            if rules == "grid":
                commands.append(("LINEBEFORE", (c, r), (c, r), *RULE))
                commands.append(("LINEAFTER", (end, r), (end, r), *RULE))
    commands.append(("LINEBELOW", (0, len(table.rows) - 1), (-1, len(table.rows) - 1), *RULE))
    return commands


def fill_commands(table: Table, sheet: Sheet) -> list[tuple]:
    """Header shading, zebra shading of alternate findings, and cell fills (RAG colours)."""
    commands: list[tuple] = []
    for r, row in enumerate(table.rows):
        if row.kind == "header" and sheet.header_fill:
            commands.append(("BACKGROUND", (0, r), (-1, r), sheet.header_fill))
        elif row.kind != "header" and sheet.zebra and row.group % 2:
            commands.append(("BACKGROUND", (0, r), (-1, r), sheet.zebra))
        for c, cell in enumerate(row.cells):
            if cell is not None and cell.span > 1:
                commands.append(("SPAN", (c, r), (c + cell.span - 1, r)))
            if cell is not None and cell.fill:
                commands.append(("BACKGROUND", (c, r), (c + cell.span - 1, r), cell.fill))
    return commands


def table_flowable(table: Table, sheet: Sheet, width_pt: float) -> WordTable:
    """One Table of the sheet as a reportlab table."""
    regular, bold = register_family(sheet.switches.font_family())
    size = sheet.switches.font_size()

    def cell_content(cell: Cell | None) -> list[Paragraph] | str:
        return [para_flowable(p, regular, bold, size) for p in cell.paras] if cell is not None else ""

    total = sum(c.weight for c in table.columns)
    flowable = WordTable(
        [[cell_content(cell) for cell in row.cells] for row in table.rows],
        colWidths=[width_pt * c.weight / total for c in table.columns],
        repeatRows=1 if sheet.switches.header == "headrepeat" else 0,
        splitByRow=0, splitInRow=1,
    )
    flowable.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        *fill_commands(table, sheet),
        *rule_commands(table, sheet.switches.rules),
    ]))
    return flowable


def render(sheet: Sheet, pdf_path: Path) -> None:
    """Draw the sheet as a PDF with reportlab."""
    width_mm, height_mm = sheet.switches.page_mm()
    margin = 12 * mm
    regular, bold = register_family(sheet.switches.font_family())
    story: list = []
    for table in sheet.tables:
        if table.new_page:
            story.append(PageBreak())
        story.extend(para_flowable(p, regular, bold, sheet.switches.font_size()) for p in table.above)
        story.append(table_flowable(table, sheet, width_mm * mm - 2 * margin))
    doc = SimpleDocTemplate(
        str(pdf_path), pagesize=(width_mm * mm, height_mm * mm), leftMargin=margin, rightMargin=margin,
        topMargin=margin, bottomMargin=margin + 4 * mm, title=sheet.title,
    )
    footer = partial(draw_page_number, font=regular)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
