"""The font dictionaries of a PDF as pdfminer reads them: the exact metrics PDFium rounds.

PDFium keeps a font's /Widths and descent only in whole thousandths of an em (and takes
the descent from the glyphs when the descriptor says 0); its API gives no other reading of
them, nor the codes a glyph was drawn with. Without these, glyphs drawn by ReportLab
(fractional /Widths) or LibreOffice (/Descent 0) move by up to 4 pt, and a ligature's
advance is taken for its last letter's, so that words break at it ("identifi ed").
`read_pdfium` takes those metrics from here: pdfminer reads the page tree and the fonts,
once per document, and interprets no page content.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pdfminer.casting import safe_float
from pdfminer.cmapdb import IdentityUnicodeMap
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdffont import PDFFont
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, resolve1
from pdfminer.psparser import PSLiteral

SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")

Box = tuple[float, float, float, float]


def without_subset_tag(name: str) -> str:
    """A font's base name without the six-letter tag of a subset ("ABCDEF+Arial" -> "Arial")."""
    return SUBSET_TAG.sub("", name)


def literal(value: object) -> str:
    """A PDF name or string as text ("" for anything else)."""
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else ""


def pdfplumber_font_name(name: object) -> str:
    """A pdfminer font name as pdfplumber's `fontname` gives it."""
    if isinstance(name, bytes):  # a name pdfminer could not decode: rare, so pdfplumber is imported only then
        from pdfplumber.page import fix_fontname_bytes

        return fix_fontname_bytes(name)
    return literal(name) if isinstance(name, PSLiteral) else str(name)


class FontMetrics:
    """One font's name, descent and glyph widths as pdfminer reads them, looked up by a glyph's text."""

    def __init__(self, font: PDFFont) -> None:
        self.font = font
        self.name = pdfplumber_font_name(font.fontname)
        self.descent = font.get_descent()  # per unit of font size, negative as pdfminer makes it
        self.in_thousandths = getattr(font, "hscale", 0.001) == 0.001  # /Widths per 1000 em (not a Type 3 font's)
        self._cids: dict[str, list[int]] | None = None

    def _reverse(self) -> dict[str, list[int]]:
        """The codes pdfminer reads as each text: ToUnicode first, then the encoding.

        A ligature is found by the letters PDFium splits it into too ("ﬃ" as "ffi").
        """
        if self._cids is None:
            cids: dict[str, list[int]] = {}
            mapped = getattr(getattr(self.font, "unicode_map", None), "cid2unichr", None) or {}
            encoded = getattr(self.font, "cid2unicode", None) or {}
            for cid, text in [*mapped.items(), *((cid, text) for cid, text in encoded.items() if cid not in mapped)]:
                cids.setdefault(text, []).append(cid)
                letters = unicodedata.normalize("NFKC", text)
                if len(letters) > 1 and letters != text:
                    cids.setdefault(letters, []).append(cid)
            self._cids = cids
        return self._cids

    def width(self, text: str) -> tuple[float, float | None] | None:
        """pdfminer's advance of this glyph per unit of font size, and its /Widths entry.

        None when pdfminer cannot tell which glyph it is, or its glyphs of that text differ.
        """
        widths = self.font.widths
        if isinstance(getattr(self.font, "unicode_map", None), IdentityUnicodeMap):
            cids = [ord(text)] if len(text) == 1 else []
        else:
            cids = self._reverse().get(text, [])
        if len(cids) > 1:
            # several codes read as this text (an encoding maps a no-break space or a soft
            # hyphen to " " too): the one coded as the character itself, else those with widths
            if len(text) == 1 and ord(text) in cids and widths.get(ord(text)) is not None:
                cids = [ord(text)]
            else:
                cids = [cid for cid in cids if widths.get(cid) is not None] or cids
        results = {(self.font.char_width(cid), safe_float(widths.get(cid))) for cid in cids}
        return results.pop() if len(results) == 1 else None


class DocumentFonts:
    """pdfminer's page tree and font dictionaries, page by page (no content is interpreted)."""

    def __init__(self, path: Path, password: str | None) -> None:
        self._file = path.open("rb")
        try:
            document = PDFDocument(PDFParser(self._file), password or "")
            self._pages = PDFPage.create_pages(document)
        except Exception:
            self._file.close()
            raise
        self._manager = PDFResourceManager(caching=True)
        self._metrics: dict[int, FontMetrics] = {}  # by pdfminer's font: each one's reverse map built once

    def close(self) -> None:
        self._file.close()

    def next_page(self) -> tuple[dict[str, list[FontMetrics]], Box, int]:
        """The next page's fonts (its forms' too) by base name without subset tag, MediaBox and /Rotate."""
        page = next(self._pages)
        fonts: dict[str, list[PDFFont]] = {}
        self._collect(page.resources, fonts, set(), 0)
        metrics = {
            name: [self._metrics.setdefault(id(font), FontMetrics(font)) for font in candidates]
            for name, candidates in fonts.items()
        }
        return metrics, tuple(page.mediabox), page.rotate  # type: ignore[return-value]

    def _collect(self, resources: object, fonts: dict[str, list[PDFFont]], seen: set[int], depth: int) -> None:
        resources = resolve1(resources)
        if not isinstance(resources, dict) or depth > 8:
            return
        font_dict = resolve1(resources.get("Font"))
        if isinstance(font_dict, dict):
            for ref in font_dict.values():
                spec = resolve1(ref)
                if not isinstance(spec, dict):
                    continue
                try:
                    font = self._manager.get_font(ref.objid if isinstance(ref, PDFObjRef) else None, spec)
                except Exception:  # a font pdfminer cannot read: PDFium's metrics stand
                    continue
                name = without_subset_tag(literal(resolve1(spec.get("BaseFont"))))
                candidates = fonts.setdefault(name, [])
                if all(font is not other for other in candidates):
                    candidates.append(font)
        xobjects = resolve1(resources.get("XObject"))
        if isinstance(xobjects, dict):
            for ref in xobjects.values():
                if isinstance(ref, PDFObjRef):
                    if ref.objid in seen:
                        continue
                    seen.add(ref.objid)
                attrs = getattr(resolve1(ref), "attrs", None)
                if isinstance(attrs, dict) and literal(attrs.get("Subtype")) == "Form" and "Resources" in attrs:
                    self._collect(attrs.get("Resources"), fonts, seen, depth + 1)
