"""The LibreOffice producer: a Sheet written as a Word document (python-docx) and exported to PDF by LibreOffice.

This is the nearest to a council's Word export: a real Word table whose header row
repeats on every page through the row's `tblHeader` property (or not), borders set on the
table per the rules switch (`tblBorders`), merged finding cells as vertically merged cells
(`vMerge`), fills as cell shading, the page size and orientation on the section, the
font on the Normal style, a page number in the footer; then `soffice --headless
--convert-to pdf`.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from plan_layout import Cell, Para, Sheet, Table

MARGIN_MM = 12
EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")
RULED_EDGES = {
    "grid": set(EDGES),
    "hrules": {"top", "bottom", "insideH"},
    "norules": set(),
}


def set_borders(table, rules: str) -> None:
    """The table's borders: every edge single or none, per the rules switch."""
    borders = OxmlElement("w:tblBorders")
    for edge in EDGES:
        element = OxmlElement(f"w:{edge}")
        if edge in RULED_EDGES[rules]:
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), "000000")
        else:
            element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def set_cell_margins(table, top_pt: float = 2, bottom_pt: float = 4, side_pt: float = 4) -> None:
    """Space inside every cell (Word's default leaves none above and below the text)."""
    margins = OxmlElement("w:tblCellMar")
    for edge, points in (("top", top_pt), ("left", side_pt), ("bottom", bottom_pt), ("right", side_pt)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(points * 20)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def shade(cell, fill: str) -> None:
    """Shade a cell with a fill colour ("#RRGGBB")."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#"))
    cell._tc.get_or_add_tcPr().append(shading)


def repeat_as_header(row) -> None:
    """Mark a row as the table's header, repeated on every page."""
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def write_paras(container, paras: tuple[Para, ...], first_paragraph=None) -> None:
    """Paragraphs into a cell or the document body; bulleted ones in the List Bullet style."""
    for i, para in enumerate(paras):
        paragraph = first_paragraph if i == 0 and first_paragraph is not None else container.add_paragraph()
        if para.bullet:
            paragraph.style = "List Bullet"
        run = paragraph.add_run(para.text)
        run.bold = para.bold or None
        if para.size:
            run.font.size = Pt(para.size)


def add_page_number(section) -> None:
    """A centred "Page N" footer (a PAGE field)."""
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Page ").font.size = Pt(8)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def add_table(document, table: Table, sheet: Sheet, width_mm: float) -> None:
    """One Table of the sheet as a Word table."""
    grid = document.add_table(rows=len(table.rows), cols=len(table.columns))
    grid.autofit = False
    set_borders(grid, sheet.switches.rules)
    set_cell_margins(grid)
    total = sum(c.weight for c in table.columns)
    widths = [Mm(width_mm * c.weight / total) for c in table.columns]
    for column, width in zip(grid.columns, widths):
        column.width = width
    if sheet.switches.header == "headrepeat":
        repeat_as_header(grid.rows[0])
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            target = grid.cell(r, c)
            target.width = widths[c]
            fill = cell_fill(cell, row.kind, row.group, sheet)
            if fill:
                shade(target, fill)
            if cell is not None and cell.top:
                write_paras(target, cell.paras, target.paragraphs[0])
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell is None or not cell.top:
                continue
            bottom = r
            while bottom + 1 < len(table.rows) and table.rows[bottom + 1].cells[c] is not None \
                    and not table.rows[bottom + 1].cells[c].top:
                bottom += 1
            if cell.span > 1 or bottom > r:
                grid.cell(r, c).merge(grid.cell(bottom, c + cell.span - 1))


def cell_fill(cell: Cell | None, kind: str, group: int, sheet: Sheet) -> str | None:
    """A cell's own fill, else the header's or the zebra's."""
    if cell is not None and cell.fill:
        return cell.fill
    if kind == "header":
        return sheet.header_fill
    return sheet.zebra if sheet.zebra and group % 2 else None


def write_docx(sheet: Sheet, docx_path: Path) -> None:
    """The sheet as a Word document."""
    document = Document()
    section = document.sections[0]
    width, height = sheet.switches.page_mm()
    section.orientation = WD_ORIENT.LANDSCAPE if width > height else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(MARGIN_MM)
    normal = document.styles["Normal"]
    normal.font.name = sheet.switches.font_family()
    normal.font.size = Pt(sheet.switches.font_size())
    normal.paragraph_format.space_after = Pt(1)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    document.core_properties.title = sheet.title
    add_page_number(section)
    for table in sheet.tables:
        if table.new_page:
            document.add_page_break()
        write_paras(document, table.above)
        add_table(document, table, sheet, width - 2 * MARGIN_MM)
    document.save(str(docx_path))


def render(sheet: Sheet, pdf_path: Path) -> None:
    """Write the sheet as a DOCX and export it to PDF with LibreOffice (`soffice`)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise OSError("LibreOffice is not installed (make variants installs it)")
    with tempfile.TemporaryDirectory() as work:
        docx_path = Path(work) / "plan.docx"
        write_docx(sheet, docx_path)
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
             "--outdir", work, str(docx_path)],
            check=True, capture_output=True, timeout=300,
        )
        shutil.move(Path(work) / "plan.pdf", pdf_path)
