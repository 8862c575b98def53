"""OCR for scanned plans: OCRmyPDF (Tesseract) adds a text layer, then the PDF is read as usual.

Used only with `--ocr`, and only for a PDF whose pages carry no text. The page images
keep their ruling lines, so the camelot engine (which finds lines in the rendered page)
reads the table; the OCR words give its text.
"""

from __future__ import annotations

import logging
from pathlib import Path

from extract.errors import ExtractionError


def add_text_layer(path: Path, output: Path) -> Path:
    """Write `path` with an OCR text layer to `output` (English, deskewed); returns `output`."""
    try:
        import ocrmypdf
    except ImportError as error:  # pragma: no cover - ocrmypdf is a pinned dependency
        raise ExtractionError(f"{path}: --ocr needs the ocrmypdf package") from error
    logging.getLogger("ocrmypdf").setLevel(logging.ERROR)
    try:
        ocrmypdf.ocr(
            path, output, language=["eng"], skip_text=True, deskew=True, progress_bar=False,
            output_type="pdf", optimize=0, jobs=1,
        )
    except ocrmypdf.exceptions.MissingDependencyError as error:
        raise ExtractionError(f"{path}: --ocr needs Tesseract and Ghostscript installed ({error})") from error
    except ocrmypdf.exceptions.ExitCodeException as error:
        raise ExtractionError(f"{path}: OCR failed ({type(error).__name__})") from error
    return output
