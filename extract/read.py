"""Stage 1, read: open a PDF and turn each page into plain geometry.

A `PageContent` holds the page's characters (with size, weight and box), its ruling
lines (from drawn lines and rectangle edges) and its filled rectangles. Later stages see
only these values, never the PDF library's objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from extract.errors import EncryptedPdfError, NotAPdfError, scanned_error
from extract.inputs import check_looks_like_pdf
from extract.page import BOLD_MARKERS, BBox, Char, Color, Fill, PageContent, Rule


def color_to_rgb(color: object) -> Color | None:
    """A pdfminer colour (grey, RGB or CMYK tuple) as RGB in 0..1; None when it is not a plain colour."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not all(isinstance(v, (int, float)) for v in color):
        return None
    if len(color) == 1:
        rgb = (float(color[0]),) * 3
    elif len(color) == 3:
        rgb = (float(color[0]), float(color[1]), float(color[2]))
    elif len(color) == 4:
        c, m, y, k = (float(v) for v in color)
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return None
    return (round(rgb[0], 3), round(rgb[1], 3), round(rgb[2], 3))


def plumber_page_to_content(page: pdfplumber.page.Page, path: Path) -> PageContent:
    """Copy the geometry this tool uses out of a pdfplumber page."""
    chars = tuple(
        Char(
            text=c["text"],
            x0=float(c["x0"]),
            x1=float(c["x1"]),
            top=float(c["top"]),
            bottom=float(c["bottom"]),
            size=float(c.get("size") or (c["bottom"] - c["top"])),
            bold=any(marker in str(c.get("fontname", "")).lower() for marker in BOLD_MARKERS),
        )
        for c in page.chars
        if c.get("upright", True)
    )
    rules = tuple(
        Rule(float(e["x0"]), float(e["top"]), float(e["x1"]), float(e["bottom"])) for e in page.edges
    )
    fills = []
    for rect in page.rects:
        if not rect.get("fill"):
            continue
        color = color_to_rgb(rect.get("non_stroking_color"))
        if color is not None:
            bbox = BBox(float(rect["x0"]), float(rect["top"]), float(rect["x1"]), float(rect["bottom"]))
            fills.append(Fill(bbox, color))
    return PageContent(
        path=path,
        number=page.page_number,
        width=float(page.width),
        height=float(page.height),
        chars=chars,
        rules=rules,
        fills=tuple(fills),
    )


def read_pages(path: Path, password: str | None = None) -> Iterator[PageContent]:
    """Yield each page's content in order, one page in memory at a time.

    Raises NotAPdfError, EncryptedPdfError or ScannedPdfError with a message naming the file.
    """
    check_looks_like_pdf(path)
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except PdfminerException as error:
        raise _classify_open_error(path, error.args[0] if error.args else error, password) from error
    except (PDFSyntaxError, PSException, PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise _classify_open_error(path, error, password) from error
    with pdf:
        try:
            pages = pdf.pages
        except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
            raise NotAPdfError(f"{path}: damaged PDF ({type(error).__name__})") from error
        any_text = False
        for page in pages:
            try:
                content = plumber_page_to_content(page, path)
            except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError) as error:
                raise NotAPdfError(f"{path}: damaged PDF on page {page.page_number}") from error
            finally:
                page.close()
            any_text = any_text or bool(content.chars)
            yield content
        if pages and not any_text:
            raise scanned_error(path)


def _classify_open_error(path: Path, error: object, password: str | None) -> Exception:
    """Turn what pdfminer raised on opening into one of our errors."""
    if isinstance(error, (PDFPasswordIncorrect, PDFEncryptionError)):
        if password:
            return EncryptedPdfError(f"{path}: encrypted; the password given does not open it")
        return EncryptedPdfError(f"{path} is encrypted; pass --password")
    return NotAPdfError(f"{path}: not a readable PDF ({type(error).__name__})")
