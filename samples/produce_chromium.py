"""The Chromium producer: a Sheet written as an HTML page and printed to PDF by headless Chromium, as a web CMS prints.

The page size and orientation are CSS `@page` rules; a repeated header is a `thead`
(Chromium repeats it on every printed page), a header printed once is the first row of
the `tbody`; merged finding cells are `rowspan`s; rules are CSS borders; fills print
with `print-color-adjust: exact`. The browser's own header and footer are left out.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from plan_layout import Para, Row, Sheet, Table

RULE = "0.5pt solid #000"
BORDERS = {
    "grid": f"td, th {{ border: {RULE} }}",
    "hrules": f"td, th {{ border-top: {RULE}; border-bottom: {RULE} }}",
    "norules": "td, th { border: none }",
}


def paras_html(paras: tuple[Para, ...]) -> str:
    """A cell's paragraphs: runs of bulleted ones as a list, the others as paragraphs."""
    parts: list[str] = []
    bullets: list[str] = []
    for para in paras:
        text = html.escape(para.text)
        if para.bullet:
            bullets.append(f"<li>{text}</li>")
            continue
        if bullets:
            parts.append(f"<ul>{''.join(bullets)}</ul>")
            bullets = []
        parts.append(f"<p><b>{text}</b></p>" if para.bold else f"<p>{text}</p>")
    if bullets:
        parts.append(f"<ul>{''.join(bullets)}</ul>")
    return "".join(parts)


def rowspans(rows: tuple[Row, ...]) -> dict[tuple[int, int], int]:
    """How many rows each starting cell covers: itself and the continuation cells below it."""
    spans: dict[tuple[int, int], int] = {}
    for c in range(len(rows[0].cells)):
        owner = None
        for r, row in enumerate(rows):
            cell = row.cells[c] if c < len(row.cells) else None
            if cell is not None and not cell.top and owner is not None:
                spans[owner] += 1
            elif cell is not None:
                owner = (r, c)
                spans[owner] = 1
    return spans


def row_html(row: Row, r: int, spans: dict[tuple[int, int], int], zebra: str | None, tag: str) -> str:
    """One table row; continuation cells are left out, covered by the rowspan above."""
    cells = []
    for c, cell in enumerate(row.cells):
        if cell is None or not cell.top:
            continue
        attributes = ""
        if cell.span > 1:
            attributes += f' colspan="{cell.span}"'
        if spans.get((r, c), 1) > 1:
            attributes += f' rowspan="{spans[(r, c)]}"'
        if cell.fill:
            attributes += f' style="background:{cell.fill}"'
        cells.append(f"<{tag}{attributes}>{paras_html(cell.paras)}</{tag}>")
    shading = f' style="background:{zebra}"' if zebra and row.kind != "header" and row.group % 2 else ""
    return f"<tr{shading}>{''.join(cells)}</tr>"


def table_html(table: Table, sheet: Sheet) -> str:
    """One table and the lines above it."""
    above = "".join(
        f'<p style="font-size:{p.size}pt">{"<b>" if p.bold else ""}{html.escape(p.text)}{"</b>" if p.bold else ""}</p>'
        for p in table.above
    )
    total = sum(c.weight for c in table.columns)
    cols = "".join(f'<col style="width:{100 * c.weight / total:.2f}%">' for c in table.columns)
    spans = rowspans(table.rows)
    header_fill = f' style="background:{sheet.header_fill}"' if sheet.header_fill else ""
    header = row_html(table.rows[0], 0, spans, None, "th").replace("<tr>", f"<tr{header_fill}>", 1)
    body = "".join(row_html(row, r, spans, sheet.zebra, "td") for r, row in enumerate(table.rows) if r > 0)
    if sheet.switches.header == "headrepeat":
        rows = f"<thead>{header}</thead><tbody>{body}</tbody>"
    else:
        rows = f"<tbody>{header}{body}</tbody>"
    page_break = ' style="break-before: page"' if table.new_page else ""
    return f"<section{page_break}>{above}<table><colgroup>{cols}</colgroup>{rows}</table></section>"


def page_html(sheet: Sheet) -> str:
    """The whole sheet as one HTML page with its print styles."""
    width, height = sheet.switches.page_mm()
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{html.escape(sheet.title)}</title><style>"
        f"@page {{ size: {width}mm {height}mm; margin: 12mm }}"
        f"body {{ font-family: '{sheet.switches.font_family()}'; font-size: {sheet.switches.font_size()}pt;"
        " margin: 0; print-color-adjust: exact; -webkit-print-color-adjust: exact }"
        "table { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 4pt }"
        "td, th { vertical-align: top; text-align: left; padding: 2pt 4pt 4pt 4pt; font-weight: normal;"
        " overflow-wrap: normal }"
        f"{BORDERS[sheet.switches.rules]}"
        "p { margin: 0 0 1pt 0 } ul { margin: 0; padding-left: 1.2em }"
        "</style></head><body>"
        f"{''.join(table_html(t, sheet) for t in sheet.tables)}</body></html>"
    )


def chromium() -> str:
    """The Chromium executable on the PATH."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise OSError("Chromium is not installed (make variants installs it)")


def render(sheet: Sheet, pdf_path: Path) -> None:
    """Print the sheet to a PDF with headless Chromium."""
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "plan.html"
        page.write_text(page_html(sheet), encoding="utf-8")
        subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--user-data-dir={work}/profile", f"--print-to-pdf={pdf_path}", page.as_uri()],
            check=True, capture_output=True, timeout=300,
        )
