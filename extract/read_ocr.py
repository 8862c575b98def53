"""Stage 1 for scanned pages: the page image as `PageContent`, read by OpenCV and Tesseract.

Used with `--ocr` on a PDF that has no text layer. Each page is rendered at 300 dpi
whatever the scan's own resolution, straightened (the angle that makes the image's rows
of ink sharpest), and its ruling lines are found by morphology, as camelot's image
lattice does: an opening with a long thin kernel keeps only the runs of ink longer than
any letter. Those lines become the page's `Rule`s, so the tables stage reads the grid
exactly as it reads a born-digital page's drawn rules. The lines are then wiped from the
image and Tesseract reads the rest (hOCR); each word's box is split evenly into glyph
boxes at its line's size, so the usual line and word assembly applies. Words Tesseract
is unsure of are kept and listed for the plan's warnings.
"""

from __future__ import annotations

import os
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

from extract.errors import ExtractionError
from extract.read import Char, PageContent, Rule

DPI = 300
POINTS_PER_PIXEL = 72 / DPI
MAX_SKEW = 3.0  # degrees either way searched for the page's tilt
SKEW_STEP = 0.05  # degrees
SKEW_SAMPLE = 4  # the tilt is measured on the image shrunk by this factor
HORIZONTAL_RULE_MIN = 25 / POINTS_PER_PIXEL  # pixels: longer than any letter stroke or dash
VERTICAL_RULE_MIN = 14 / POINTS_PER_PIXEL  # pixels: longer than any letter, shorter than a one-line row
RULE_WIPE = 2  # pixels wiped around a found line so its anti-aliased edge is not read as text
LOW_CONFIDENCE = 60  # Tesseract word confidence (0-100) below which a word is listed
SIZE_STEP = 0.5  # points: glyph sizes are rounded to this, so a line's size does not jitter
BOLD_INK_RATIO = 1.25  # a word this much thicker in stroke than the page's median word is bold
TESSERACT_TIMEOUT = 300  # seconds per page
PSM = "11"  # sparse text: every word wherever it stands; the tables stage orders them
HOCR = "{http://www.w3.org/1999/xhtml}"
TITLE_FIELD = re.compile(r"(\w+) ([^;]+)")


@dataclass(frozen=True)
class OcrWord:
    """A word Tesseract read: its text, pixel box, confidence and its line's baseline geometry."""

    text: str
    box: tuple[int, int, int, int]
    confidence: int
    line_top: float
    line_bottom: float


@dataclass
class OcrReader:
    """Reads scanned PDFs page by page, keeping the words Tesseract was unsure of, per page."""

    low_confidence: dict[int, list[tuple[str, int]]] = field(default_factory=dict)

    def read_pages(self, path: Path, password: str | None = None) -> Iterator[PageContent]:
        """Yield each page of a scanned PDF read by OCR, one page in memory at a time."""
        pdf = pdfium.PdfDocument(path, password=password or None)
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                try:
                    content, unsure = read_page(page, index + 1, path)
                finally:
                    page.close()
                if unsure:
                    self.low_confidence[index + 1] = unsure
                yield content
        finally:
            pdf.close()

    def warnings(self) -> list[str]:
        """One warning line saying the plan was read by OCR, and one per page with unsure words."""
        lines = [f"read by OCR (Tesseract {tesseract_version()}, {DPI} dpi)"]
        for page, words in sorted(self.low_confidence.items()):
            listed = ", ".join(f'"{text}" ({confidence})' for text, confidence in words)
            lines.append(f"page {page}: OCR low confidence: {listed}")
        return lines


@cache
def tesseract_version() -> str:
    """Tesseract's version number ("5.3.0"); raises ExtractionError when it is not installed."""
    try:
        result = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise ExtractionError(f"--ocr needs Tesseract installed ({error})") from error
    return (result.stdout or result.stderr).split()[1]


def render_gray(page: pdfium.PdfPage) -> np.ndarray:
    """The page as an 8-bit grey image at `DPI`."""
    bitmap = page.render(scale=DPI / 72, grayscale=True)
    image = bitmap.to_numpy()
    return image[:, :, 0].copy() if image.ndim == 3 else image.copy()


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark strokes as 255 on 0, by a local threshold that ignores shading and uneven light."""
    return cv2.adaptiveThreshold(~gray, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 15, -2)


def skew_angle(ink: np.ndarray) -> float:
    """The rotation in degrees that makes the rows of ink (text lines, rules) sharpest."""
    small = cv2.resize(ink, None, fx=1 / SKEW_SAMPLE, fy=1 / SKEW_SAMPLE, interpolation=cv2.INTER_AREA)
    height, width = small.shape
    centre = (width / 2, height / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(small, matrix, (width, height), flags=cv2.INTER_NEAREST)
        profile = rotated.sum(axis=1, dtype=np.float64)
        return float(np.square(np.diff(profile)).sum())

    coarse = np.arange(-MAX_SKEW, MAX_SKEW + SKEW_STEP / 2, 4 * SKEW_STEP)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 4 * SKEW_STEP, best + 4.5 * SKEW_STEP, SKEW_STEP / 2)
    return float(max(fine, key=sharpness))


def rotate(gray: np.ndarray, angle: float) -> np.ndarray:
    """The image turned by `angle` degrees about its centre, the uncovered corners white."""
    if abs(angle) < SKEW_STEP / 2:
        return gray
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def line_mask(ink: np.ndarray, length: int, horizontal: bool) -> np.ndarray:
    """The runs of ink at least `length` pixels long in one direction (a morphological opening)."""
    shape = (length, 1) if horizontal else (1, length)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
    return cv2.dilate(cv2.erode(ink, kernel), kernel)


def mask_to_rules(mask: np.ndarray, horizontal: bool) -> list[Rule]:
    """Each connected line in the mask as a zero-thickness `Rule` in points along its middle."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    rules = []
    for x, y, width, height, _ in stats[1:count]:
        if horizontal:
            middle = (y + height / 2) * POINTS_PER_PIXEL
            rules.append(Rule(x * POINTS_PER_PIXEL, middle, (x + width) * POINTS_PER_PIXEL, middle))
        else:
            middle = (x + width / 2) * POINTS_PER_PIXEL
            rules.append(Rule(middle, y * POINTS_PER_PIXEL, middle, (y + height) * POINTS_PER_PIXEL))
    return rules


def find_rules(ink: np.ndarray) -> tuple[list[Rule], np.ndarray]:
    """The page's ruling lines, and the mask of their pixels (to wipe before OCR)."""
    across = line_mask(ink, round(HORIZONTAL_RULE_MIN), horizontal=True)
    down = line_mask(ink, round(VERTICAL_RULE_MIN), horizontal=False)
    rules = mask_to_rules(across, horizontal=True) + mask_to_rules(down, horizontal=False)
    wipe = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * RULE_WIPE + 1, 2 * RULE_WIPE + 1))
    return rules, cv2.dilate(across | down, wipe)


def run_tesseract(gray: np.ndarray) -> str:
    """Tesseract's hOCR for an image at `DPI` (one thread: the batch runs files in parallel)."""
    ok, png = cv2.imencode(".png", gray)
    if not ok:  # pragma: no cover - encoding a uint8 image cannot fail
        raise ExtractionError("could not encode the page image for Tesseract")
    tesseract_version()
    command = ["tesseract", "-", "-", "--dpi", str(DPI), "-l", "eng", "--psm", PSM, "hocr"]
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(
            command, input=png.tobytes(), capture_output=True, check=True, env=env, timeout=TESSERACT_TIMEOUT,
        )
    except subprocess.CalledProcessError as error:
        raise ExtractionError(f"Tesseract failed: {error.stderr.decode(errors='replace').strip()}") from error
    return result.stdout.decode("utf-8")


def title_fields(element: ElementTree.Element) -> dict[str, str]:
    """An hOCR element's `title` properties ("bbox 1 2 3 4; x_wconf 96") by name."""
    return {name: value.strip() for name, value in TITLE_FIELD.findall(element.get("title", ""))}


def hocr_to_words(hocr: str) -> list[OcrWord]:
    """The words of a page's hOCR, each with its line's text band from the baseline and sizes."""
    root = ElementTree.fromstring(hocr)
    words = []
    for line in root.iter(f"{HOCR}span"):
        if line.get("class") not in ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat"):
            continue
        props = title_fields(line)
        x0, y0, _, y1 = (int(v) for v in props["bbox"].split())
        slope, offset = (float(v) for v in props.get("baseline", "0 0").split())
        x_size = float(props.get("x_size", y1 - y0))
        descenders = float(props.get("x_descenders", 0))
        for word in line.iter(f"{HOCR}span"):
            if word.get("class") != "ocrx_word":
                continue
            text = "".join(word.itertext()).strip()
            if not text:
                continue
            wprops = title_fields(word)
            box = tuple(int(v) for v in wprops["bbox"].split())
            baseline = y1 + offset + slope * ((box[0] + box[2]) / 2 - x0)
            words.append(OcrWord(
                text, box, int(wprops.get("x_wconf", "0")),  # type: ignore[arg-type]
                baseline + descenders - x_size, baseline + descenders,
            ))
    return words


def stroke_widths(words: list[OcrWord], ink: np.ndarray) -> list[float]:
    """Each word's mean stroke thickness in pixels: its ink area over its ink skeleton's length."""
    widths = []
    for word in words:
        x0, y0, x1, y1 = word.box
        patch = ink[y0:y1, x0:x1]
        area = int(np.count_nonzero(patch))
        edge = cv2.morphologyEx(patch, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
        perimeter = int(np.count_nonzero(edge)) / 2
        widths.append(area / perimeter if perimeter else 0.0)
    return widths


def words_to_chars(words: list[OcrWord], bold: list[bool]) -> tuple[Char, ...]:
    """Glyph boxes in points: each word's box split evenly among its letters, at its line's size."""
    chars = []
    for word, is_bold in zip(words, bold):
        x0, _, x1, _ = word.box
        size = round((word.line_bottom - word.line_top) * POINTS_PER_PIXEL / SIZE_STEP) * SIZE_STEP
        step = (x1 - x0) / len(word.text)
        top, bottom = word.line_top * POINTS_PER_PIXEL, word.line_bottom * POINTS_PER_PIXEL
        for index, letter in enumerate(word.text):
            left = (x0 + index * step) * POINTS_PER_PIXEL
            chars.append(Char(letter, left, left + step * POINTS_PER_PIXEL, top, bottom, size, is_bold))
    return tuple(chars)


def bold_words(words: list[OcrWord], ink: np.ndarray) -> list[bool]:
    """Which words are printed bold: stroke clearly thicker than the page's typical word."""
    widths = stroke_widths(words, ink)
    if not widths:
        return []
    typical = float(np.median(widths))
    return [width > BOLD_INK_RATIO * typical for width in widths]


def read_page(page: pdfium.PdfPage, number: int, path: Path) -> tuple[PageContent, list[tuple[str, int]]]:
    """One scanned page as glyphs and rules in points, and the words read below `LOW_CONFIDENCE`."""
    gray = render_gray(page)
    gray = rotate(gray, skew_angle(ink_mask(gray)))
    ink = ink_mask(gray)
    rules, lines = find_rules(ink)
    text_only = gray.copy()
    text_only[lines > 0] = 255
    words = hocr_to_words(run_tesseract(text_only))
    unsure = [(w.text, w.confidence) for w in words if w.confidence < LOW_CONFIDENCE]
    ink[lines > 0] = 0
    height, width = gray.shape
    content = PageContent(
        path=path, number=number,
        width=width * POINTS_PER_PIXEL, height=height * POINTS_PER_PIXEL,
        chars=words_to_chars(words, bold_words(words, ink)), rules=tuple(rules), fills=(),
    )
    return content, unsure
