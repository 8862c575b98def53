"""Build the sample PDFs from their cell-by-cell sources in `samples/source/`.

Each `source/NAME.json` holds what the published plan prints: the lines above the
table, the column widths, the header row and every body row as cells of paragraphs.
This script lays them out the way Word exports such a plan: landscape A4, one ruled
table repeating its header on every page, long rows breaking across pages with no
closing rule at the page foot, bulleted paragraphs with hanging bullets, superscript
ordinals on a raised baseline, and a page number in the footer. It then stamps the
`source` block (file name, sha256, page count) of `NAME.gold.json`; the rest of the
gold is written by hand.

Run: `python samples/build.py` (needs reportlab, and LibreOffice's `soffice` for the
sources it renders; the tests only read the committed PDFs).

Source format (JSON):
- `above_table`: [{"text", "size", "bold"}] printed above the table;
- `column_widths_mm`, `header` (one row), `rows`: a cell is a list of paragraph strings
  ("• " starts a bulleted one, "<super>th</super>" marks a superscript), or
  {"paragraphs": [...], "fill": "#RRGGBB"} for a shaded cell; `[]` is an empty cell,
  `null` a grid position covered by the cell to its left; a row of one cell followed by
  nulls is a section row;
- or, instead of `column_widths_mm`, `header` and `rows`, a `switches` object (plan_layout.Switches):
  the plan is then rendered from its gold as the layout variants are (samples/variants.py),
  with `slides` and `unmapped_columns` for a plan of actions only, and its gold's pages,
  letters and ids are written from that rendering;
- optional: `page` "landscape" (default) or "portrait"; `producer` "reportlab" (default)
  or "libreoffice"; `rules` "grid" (default) or "none" (a borderless table);
  `header_fill` and `zebra` (every other body row shaded) as "#RRGGBB"; `font_size`.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from plan_layout import Switches
from produce_reportlab import RULE, WordTable, draw_page_number, escape_markup
from render import render_variant
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle

HERE = Path(__file__).resolve().parent
BULLET = "• "
# Embedded TrueType subsets with a ToUnicode map, as Word writes them (Vera ships with reportlab).
pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
pdfmetrics.registerFont(TTFont("Vera-Bold", "VeraBd.ttf"))
BODY = ParagraphStyle("body", fontName="Vera", fontSize=8.5, leading=10.5)
BOLD = ParagraphStyle("bold", parent=BODY, fontName="Vera-Bold")


def paragraphs_of(cell: list[str] | dict) -> list[str]:
    return cell["paragraphs"] if isinstance(cell, dict) else cell


def fill_of(cell: list[str] | dict | None) -> str | None:
    return cell.get("fill") if isinstance(cell, dict) else None


def cell_to_flowables(cell: list[str] | dict, bold: bool, body: ParagraphStyle) -> list[Paragraph]:
    """One cell's paragraphs as reportlab Paragraphs."""
    bold_style = ParagraphStyle(f"{body.name}-bold", parent=body, fontName="Vera-Bold")
    bulleted = ParagraphStyle(
        f"{body.name}-bulleted", parent=body, leftIndent=10, bulletIndent=0, bulletFontName="Vera",
    )
    flowables = []
    for text in paragraphs_of(cell):
        if text.startswith(BULLET):
            flowables.append(Paragraph(escape_markup(text[len(BULLET):]), bulleted, bulletText="•"))
        else:
            flowables.append(Paragraph(escape_markup(text), bold_style if bold else body))
    return flowables


def grid_style(rows: list[list], source: dict) -> list[tuple]:
    """Spans, shading and rules: every cell ruled on its own extent, the last row closed."""
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5.4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5.4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    ruled = source.get("rules", "grid") == "grid"
    last_row = len(rows) - 1
    if source.get("header_fill"):
        commands.append(("BACKGROUND", (0, 0), (-1, 0), source["header_fill"]))
    if source.get("zebra"):
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, source["zebra"]]))
    for r, row in enumerate(rows):
        if ruled:
            commands.append(("LINEABOVE", (0, r), (-1, r), *RULE))
            commands.append(("LINEAFTER", (len(row) - 1, r), (len(row) - 1, r), *RULE))
        for c, cell in enumerate(row):
            if cell is None:
                continue
            end = c
            while end + 1 < len(row) and row[end + 1] is None:
                end += 1
            if end > c:
                commands.append(("SPAN", (c, r), (end, r)))
            if ruled:
                commands.append(("LINEBEFORE", (c, r), (c, r), *RULE))
            if fill_of(cell):
                commands.append(("BACKGROUND", (c, r), (end, r), fill_of(cell)))
    if ruled:
        commands.append(("LINEBELOW", (0, last_row), (-1, last_row), *RULE))
    return commands


def build_pdf(source: dict, pdf_path: Path) -> int:
    """Lay out one source as a PDF; returns the number of pages."""
    rows = [source["header"], *source["rows"]]
    size = source.get("font_size", BODY.fontSize)
    body = ParagraphStyle(f"body{size}", parent=BODY, fontSize=size, leading=size + 2)
    data = []
    for r, row in enumerate(rows):
        is_section = row[0] is not None and all(cell is None for cell in row[1:])
        data.append([
            cell_to_flowables(cell, bold=r == 0 or is_section, body=body) if cell is not None else "" for cell in row
        ])
    table = WordTable(
        data,
        colWidths=[w * mm for w in source["column_widths_mm"]],
        repeatRows=1,
        splitByRow=0,  # with splitByRow the header was drawn twice on one page
        splitInRow=1,
    )
    table.setStyle(TableStyle(grid_style(rows, source)))
    story = [
        Paragraph(escape_markup(block["text"]), ParagraphStyle(
            f"above{i}", parent=BOLD if block.get("bold") else BODY,
            fontSize=block.get("size", 10), leading=block.get("size", 10) * 1.3, spaceAfter=4,
        ))
        for i, block in enumerate(source["above_table"])
    ]
    story.append(table)
    doc = SimpleDocTemplate(
        str(pdf_path), pagesize=landscape(A4) if source.get("page", "landscape") == "landscape" else A4,
        leftMargin=15 * mm, rightMargin=15 * mm,
        topMargin=15 * mm, bottomMargin=18 * mm, title=source["above_table"][-1]["text"],
    )
    doc.build(story, onFirstPage=draw_page_number, onLaterPages=draw_page_number)
    return doc.page


def count_pages(pdf_path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf_path))
    try:
        return len(document)
    finally:
        document.close()


def stamp_gold(gold_path: Path, pdf_path: Path, pages: int) -> None:
    """Write the PDF's file name, sha256 and page count into the gold's source block."""
    if not gold_path.exists():
        return
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    gold["source"] = {
        "path": pdf_path.name,
        "sha256": hashlib.sha256(pdf_path.read_bytes()).hexdigest(),
        "pages": pages,
    }
    gold_path.write_text(json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def cell_to_html(cell: list[str] | dict, tag: str, colspan: int) -> str:
    """One cell as HTML: bulleted paragraphs as a list, the others as paragraphs."""
    parts, bullets = [], []
    for text in paragraphs_of(cell):
        markup = escape_markup(text[len(BULLET):] if text.startswith(BULLET) else text)
        markup = markup.replace("<super>", "<sup>").replace("</super>", "</sup>")
        if text.startswith(BULLET):
            bullets.append(f"<li>{markup}</li>")
            continue
        if bullets:
            parts.append(f"<ul>{''.join(bullets)}</ul>")
            bullets = []
        parts.append(f"<p>{markup}</p>")
    if bullets:
        parts.append(f"<ul>{''.join(bullets)}</ul>")
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    fill = f' bgcolor="{fill_of(cell)}"' if fill_of(cell) else ""
    return f"<{tag}{span}{fill}>{''.join(parts)}</{tag}>"


def row_to_html(row: list, tag: str, fill: str | None = None) -> str:
    cells = []
    for c, cell in enumerate(row):
        if cell is None:
            continue
        span = 1
        while c + span < len(row) and row[c + span] is None:
            span += 1
        cells.append(cell_to_html(cell, "th" if tag == "th" or (span == len(row)) else tag, span))
    shading = f' bgcolor="{fill}"' if fill else ""
    return f"<tr{shading}>{''.join(cells)}</tr>"


def build_html(source: dict, font: str, size_pt: float) -> str:
    """The plan as an HTML page for LibreOffice Writer: a heading, then one table with a header row."""
    widths = "".join(f'<col width="{round(w * 3.78)}">' for w in source["column_widths_mm"])
    above = "".join(
        f'<p style="font-size:{b.get("size", 10)}pt"><b>{escape_markup(b["text"])}</b></p>'
        for b in source["above_table"]
    )
    body = "".join(
        row_to_html(row, "td", source.get("zebra") if i % 2 else None) for i, row in enumerate(source["rows"])
    )
    page_size = "29.7cm 21cm" if source.get("page", "landscape") == "landscape" else "21cm 29.7cm"
    border = "1" if source.get("rules", "grid") == "grid" else "0"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
        f"@page {{ size: {page_size}; margin: 1.5cm }}"
        f"body, td, th {{ font-family: '{font}'; font-size: {size_pt}pt }}"
        "th { font-weight: bold; text-align: left } p { margin: 0 } ul { margin: 0 }"
        "</style></head><body>"
        f"{above}<table border='{border}' cellspacing='0' cellpadding='4' width='100%'>{widths}"
        f"<thead>{row_to_html(source['header'], 'th', source.get('header_fill'))}</thead>"
        f"<tbody>{body}</tbody></table></body></html>"
    )


def build_with_libreoffice(source: dict, pdf_path: Path, font: str, size_pt: float) -> None:
    """Render the plan through LibreOffice Writer's HTML import (needs `soffice` on the PATH)."""
    import shutil
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        html_path = Path(work) / f"{pdf_path.stem}.html"
        html_path.write_text(build_html(source, font, size_pt), encoding="utf-8")
        subprocess.run(
            ["soffice", "--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export",
             "--outdir", work, str(html_path)],
            check=True, capture_output=True, timeout=300,
        )
        shutil.move(Path(work) / f"{pdf_path.stem}.pdf", pdf_path)


def main(argv: list[str]) -> int:
    """Build every source (or those named); a broken source is reported and the rest built.

    With `--libreoffice DIR` they are rendered through LibreOffice instead (another
    producer, font and page breaks) into DIR, and the golds are left alone.
    """
    import argparse

    parser = argparse.ArgumentParser(description="Build the sample PDFs from samples/source/*.json.")
    parser.add_argument("names", nargs="*", help="sources to build (default: all)")
    parser.add_argument("--libreoffice", type=Path, metavar="DIR", help="render with LibreOffice into DIR")
    parser.add_argument("--font", default="Liberation Sans", help="font for LibreOffice renderings")
    parser.add_argument("--size", type=float, default=10, help="font size in points for --libreoffice")
    args = parser.parse_args(argv)
    failed = 0
    for source_path in sorted((HERE / "source").glob("*.json")):
        name = source_path.stem
        if args.names and name not in args.names:
            continue
        try:
            source = json.loads(source_path.read_text(encoding="utf-8"))
            if args.libreoffice is not None:
                args.libreoffice.mkdir(parents=True, exist_ok=True)
                pdf_path = args.libreoffice / f"{name}.pdf"
                build_with_libreoffice(source, pdf_path, font=args.font, size_pt=args.size)
                print(f"{pdf_path}: LibreOffice, {args.font} {args.size:g} pt")
                continue
            pdf_path = HERE / f"{name}.pdf"
            if "switches" in source:
                gold_path = HERE / f"{name}.gold.json"
                gold = render_variant(json.loads(gold_path.read_text(encoding="utf-8")), source,
                                      Switches(**source["switches"]), pdf_path)
                gold_path.write_text(json.dumps(gold, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
                print(f"{pdf_path.relative_to(HERE.parent)}: {gold['source']['pages']} pages, rendered from its gold")
                continue
            if source.get("producer", "reportlab") == "libreoffice":
                build_with_libreoffice(source, pdf_path, font=args.font, size_pt=source.get("font_size", args.size))
                pages = count_pages(pdf_path)
            else:
                pages = build_pdf(source, pdf_path)
        except (ValueError, KeyError, TypeError, IndexError) as error:
            print(f"{source_path.name}: {error}", file=sys.stderr)
            failed += 1
            continue
        stamp_gold(HERE / f"{name}.gold.json", pdf_path, pages)
        print(f"{pdf_path.relative_to(HERE.parent)}: {pages} pages")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
