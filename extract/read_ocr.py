"""Stage 1 for scanned pages: the page image as `PageContent`, read by OpenCV and Tesseract.

Used with `--ocr` on a PDF that has no text layer. Each page is rendered at 300 dpi
whatever the scan's own resolution, straightened (the angle that makes the image's rows
of ink sharpest), and its ruling lines are found by morphology, as camelot's image
lattice does: an opening with a long thin kernel keeps only the runs of ink longer than
any letter. Those lines become the page's `Rule`s, so the tables stage reads the grid
exactly as it reads a born-digital page's drawn rules. The lines are then wiped from the
image, lone specks of dust whitened, and Tesseract reads the rest as sparse text (hOCR).
What sparse reading gets wrong in a plan is then put right from the image: solid dots
at a line's start are bullets, patches of ink no word covers (a lone "5." in a narrow
column) are read again line by line, a day's superscript read as a symbol before a
month becomes "th", a capital I read as "l" is restored. Each word's box is split
evenly into glyph boxes at its line's size, so the usual line and word assembly
applies; bold is judged from stroke thickness. Words Tesseract is unsure of are kept
and listed for the plan's warnings.
"""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

from extract.errors import ExtractionError
from extract.page import Char, PageContent, Rule

DPI = 300
POINTS_PER_PIXEL = 72 / DPI
MAX_SKEW = 3.0  # degrees either way searched for the page's tilt
SKEW_STEP = 0.05  # degrees
SKEW_SAMPLE = 4  # the tilt is measured on the image shrunk by this factor
HORIZONTAL_RULE_MIN = 25 / POINTS_PER_PIXEL  # pixels: longer than any letter stroke or dash
VERTICAL_RULE_MIN = 14 / POINTS_PER_PIXEL  # pixels: longer than any letter, shorter than a one-line row
JOINT_TOLERANCE = 3.0  # points: how near a vertical rule a horizontal rule must pass to meet it
RULE_WIPE = 2  # pixels wiped around a found line so its anti-aliased edge is not read as text
LOW_CONFIDENCE = 60  # Tesseract word confidence (0-100) below which a word is listed
SIZE_STEP = 0.5  # points: glyph sizes are rounded to this, so a line's size does not jitter
BOLD_STROKE_RATIO = 1.2  # a line whose strokes are this much thicker than the page's typical line is bold
BOLD_MIN_GLYPHS = 3  # glyphs a line needs before its weight is judged
TESSERACT_TIMEOUT = 300  # seconds per page
LINE_PSM = "7"  # one line of text: how a patch of ink the page's reading skipped is read again
MAX_REREADS = 40  # patches of skipped ink read again per page, largest first
REREAD_MARGIN = 30  # pixels of the page kept around a patch read again
LONE_DESCENDER = 0.3  # a capital's height below its baseline to the foot of a line's text band
LONE_BAND = 1.3  # a capital's heights in the text band (ascenders to descenders) of its line
REREAD_BORDER = (40, 40, 80, 80)  # white pixels added above, below, left and right of it
PAGE_PSM = "11"  # sparse text: every word wherever it stands; the tables stage orders them
HOCR = "{http://www.w3.org/1999/xhtml}"
TITLE_FIELD = re.compile(r"(\w+) ([^;]+)")
HOCR_LINES = ("ocr_line", "ocr_caption", "ocr_header", "ocr_textfloat")
SPECK_AREA = 60  # pixels: a blot of ink no bigger than a full stop...
SPECK_ISOLATION = 12  # ...with no other ink this many pixels around it is dust
SKIPPED_HEIGHT = (0.5, 2.0)  # a skipped patch's height as a share of the text height: a word, not a speck
SKIPPED_DISTANCE = 0.5  # a skipped patch stands this far (share of the text height) from any word read
BULLET_SIZE = (0.2, 0.45)  # a bullet's width as a share of its line's text height
BULLET_FILL = 0.65  # share of its box a bullet's ink fills (a disc: 0.79)
MANGLED_ORDINAL = re.compile(r"^[^\w\s]*(\d{1,2})[^\w\s,.]+$")
MONTH = re.compile(r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE)
L_FOR_I = re.compile(r"^l[a-z]+")
L_CONSONANT = re.compile(r"^l[bcdfghjkmnpqrstvwxz]")
L_NAME = re.compile(r"^l[aeiouy][a-z]{1,3}$")  # "lan", "lvan" is I-consonant already


@dataclass(frozen=True)
class OcrWord:
    """A word Tesseract read: its text, pixel box, confidence, its line's text band and number."""

    text: str
    box: tuple[int, int, int, int]
    confidence: int
    line_top: float
    line_bottom: float
    line: int


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
                except ExtractionError as error:
                    raise ExtractionError(f"{path}: page {index + 1}: {error}") from error
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


def mask_to_rules(mask: np.ndarray, horizontal: bool) -> tuple[list[Rule], np.ndarray]:
    """Each connected line in the mask as a zero-thickness `Rule` in points along its middle.

    Also returns the mask's component labels: rule `i` is drawn by the pixels labelled `i + 1`.
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    rules = []
    for x, y, width, height, _ in stats[1:count]:
        if horizontal:
            middle = (y + height / 2) * POINTS_PER_PIXEL
            rules.append(Rule(x * POINTS_PER_PIXEL, middle, (x + width) * POINTS_PER_PIXEL, middle))
        else:
            middle = (x + width / 2) * POINTS_PER_PIXEL
            rules.append(Rule(middle, y * POINTS_PER_PIXEL, middle, (y + height) * POINTS_PER_PIXEL))
    return rules, labels


def meets_a_rule(vertical: Rule, across: list[Rule]) -> bool:
    """True when a horizontal rule crosses a vertical one or passes near one of its ends (a table's joint)."""
    return any(
        rule.x0 - JOINT_TOLERANCE <= vertical.x0 <= rule.x1 + JOINT_TOLERANCE
        and vertical.top - JOINT_TOLERANCE <= rule.top <= vertical.bottom + JOINT_TOLERANCE
        for rule in across
    )


def find_rules(ink: np.ndarray) -> tuple[list[Rule], np.ndarray]:
    """The page's ruling lines, and the mask of their pixels (to wipe before OCR).

    A vertical run of ink is a rule only where it meets a horizontal one: the stem of a
    large letter in a title is as long as a one-line row is high.
    """
    across_mask = line_mask(ink, round(HORIZONTAL_RULE_MIN), horizontal=True)
    across, _ = mask_to_rules(across_mask, horizontal=True)
    candidates, labels = mask_to_rules(line_mask(ink, round(VERTICAL_RULE_MIN), horizontal=False), horizontal=False)
    kept = [index for index, rule in enumerate(candidates) if meets_a_rule(rule, across)]
    down_mask = np.isin(labels, np.array(kept) + 1).astype(np.uint8) * 255
    wipe = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * RULE_WIPE + 1, 2 * RULE_WIPE + 1))
    return across + [candidates[index] for index in kept], cv2.dilate(across_mask | down_mask, wipe)


def run_tesseract(gray: np.ndarray, psm: str = PAGE_PSM) -> str:
    """Tesseract's hOCR for an image at `DPI` (one thread: the batch runs files in parallel)."""
    ok, png = cv2.imencode(".png", gray)
    if not ok:  # pragma: no cover - encoding a uint8 image cannot fail
        raise ExtractionError("could not encode the page image for Tesseract")
    tesseract_version()
    command = ["tesseract", "-", "-", "--dpi", str(DPI), "-l", "eng", "--psm", psm, "hocr"]
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
    lines = (e for e in root.iter(f"{HOCR}span") if e.get("class") in HOCR_LINES)
    for number, line in enumerate(lines):
        props = title_fields(line)
        x0, _, _, y1 = (int(v) for v in props["bbox"].split())
        slope, offset = (float(v) for v in props.get("baseline", "0 0").split())
        x_size = float(props["x_size"])
        descenders = float(props.get("x_descenders", 0))
        for word in line.iter(f"{HOCR}span"):
            text = "".join(word.itertext()).strip()
            if word.get("class") != "ocrx_word" or not text:
                continue
            word_props = title_fields(word)
            left, top, right, bottom = (int(v) for v in word_props["bbox"].split())
            baseline = y1 + offset + slope * ((left + right) / 2 - x0)
            words.append(OcrWord(
                correct_capital_i(text), (left, top, right, bottom), int(word_props.get("x_wconf", "0")),
                baseline + descenders - x_size, baseline + descenders, number,
            ))
    return names_with_capital_i(words)


def names_with_capital_i(words: list[OcrWord]) -> list[OcrWord]:
    """A short word read with "l" before a capitalised word on its line is a first name with "I" ("lan Walker")."""
    fixed = list(words)
    for index, (word, following) in enumerate(itertools.pairwise(words)):
        if word.line == following.line and L_NAME.match(word.text) and following.text[:1].isupper():
            fixed[index] = replace(word, text="I" + word.text[1:])
    return fixed


def correct_capital_i(text: str) -> str:
    """A word read with "l" where a sans-serif capital I stood: "lmpact", "lnclusion".

    No English word starts with "l" and a consonant; the two glyphs are the same stroke in
    Arial or Helvetica. ("lan" for "Ian" is left: telling it apart needs a list of names.)
    """
    if L_FOR_I.match(text) and L_CONSONANT.match(text):
        return "I" + text[1:]
    return text


def ordinal_suffix(day: int) -> str:
    """"st", "nd", "rd" or "th" for a day of the month."""
    if 10 < day % 100 < 14:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def next_word(word: OcrWord, words: list[OcrWord]) -> OcrWord | None:
    """The word read after `word`: close to its right on its line, else first on the line below."""
    height = word.line_bottom - word.line_top
    middle = (word.line_top + word.line_bottom) / 2
    right = [w for w in words if w.line_top <= middle <= w.line_bottom and 0 <= w.box[0] - word.box[2] <= height]
    if right:
        return min(right, key=lambda w: w.box[0])
    below = [
        w for w in words
        if 0 < w.line_top - word.line_top <= 1.8 * height and abs(w.box[0] - word.box[0]) <= height
    ]
    return min(below, key=lambda w: w.line_top) if below else None


def restore_ordinals(words: list[OcrWord]) -> list[OcrWord]:
    """A day whose superscript was read as a symbol ("30°", "2%") before a month, as "30th", "2nd".

    A raised "th" is a few pixels high in a scan; Tesseract makes a degree sign, quotes or
    a percent sign of it.
    """
    result = []
    for word in words:
        day = MANGLED_ORDINAL.match(word.text)
        after = next_word(word, words) if day else None
        if day and after is not None and MONTH.match(after.text):
            word = replace(word, text=day[1] + ordinal_suffix(int(day[1])))
        result.append(word)
    return result


def line_strokes(words: list[OcrWord], ink: np.ndarray) -> dict[int, float]:
    """Each line's stroke thickness over its text height: ink area over half the ink's outline."""
    area: dict[int, int] = {}
    outline: dict[int, int] = {}
    for word in words:
        x0, y0, x1, y1 = word.box
        patch = ink[y0:y1, x0:x1]
        edge = cv2.morphologyEx(patch, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
        area[word.line] = area.get(word.line, 0) + int(np.count_nonzero(patch))
        outline[word.line] = outline.get(word.line, 0) + int(np.count_nonzero(edge))
    heights = {word.line: word.line_bottom - word.line_top for word in words}
    return {line: 2 * area[line] / outline[line] / heights[line] for line in area if outline[line] and heights[line]}


def bold_words(words: list[OcrWord], ink: np.ndarray) -> list[bool]:
    """Which words are printed bold: their line's strokes clearly thicker than the page's typical line.

    A line of one or two glyphs ("1.") is too short to judge and is taken as regular.
    """
    strokes = line_strokes(words, ink)
    if not strokes:
        return [False] * len(words)
    typical = float(np.median(list(strokes.values())))
    glyphs: dict[int, int] = {}
    for word in words:
        glyphs[word.line] = glyphs.get(word.line, 0) + len(word.text)
    return [
        glyphs[word.line] >= BOLD_MIN_GLYPHS and strokes.get(word.line, 0.0) > BOLD_STROKE_RATIO * typical
        for word in words
    ]


def solid_ink(gray: np.ndarray) -> np.ndarray:
    """Dark pixels as 255 on 0 by one global (Otsu) threshold, so solid shapes stay solid."""
    return cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]


def despeckle(gray: np.ndarray, solid: np.ndarray) -> np.ndarray:
    """The image with lone specks of dust whitened: small blots with no other ink near them.

    A full stop or the dot of an "i" is as small, but sits close to its letters.
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    small = np.zeros(count, bool)
    small[1:] = stats[1:, cv2.CC_STAT_AREA] <= SPECK_AREA
    small_mask = small[labels]
    near = cv2.dilate(
        np.where(small_mask, 0, solid).astype(np.uint8),
        cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * SPECK_ISOLATION + 1, 2 * SPECK_ISOLATION + 1)),
    )
    kept = np.unique(labels[small_mask & (near > 0)])
    lone = small_mask & ~np.isin(labels, kept)
    cleaned = gray.copy()
    cleaned[lone] = 255
    return cleaned


def find_bullets(ink: np.ndarray, words: list[OcrWord]) -> list[tuple[int, int, int, int]]:
    """The boxes of round solid dots half a lowercase letter high or so: list bullets.

    Tesseract reads a bullet as "e", "¢" or "«", or drops it as a speck; a filled disc
    of that size is no letter (an "o" is hollow, a full stop far smaller).
    """
    heights = [word.line_bottom - word.line_top for word in words]
    if not heights:
        return []
    text_height = float(np.median(heights))
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return [
        (int(x), int(y), int(x + width), int(y + height))
        for x, y, width, height, area in stats[1:count]
        if BULLET_SIZE[0] * text_height <= width <= BULLET_SIZE[1] * text_height
        and 0.75 <= width / height <= 1.33 and area >= BULLET_FILL * width * height
    ]


def with_bullets(words: list[OcrWord], bullets: list[tuple[int, int, int, int]]) -> list[OcrWord]:
    """The words with each bullet as a "•" word on its line, replacing what Tesseract made of it.

    A dot inside a longer word ("%") or just after a word is no bullet: a bullet starts its
    line, with a word close after it.
    """
    result = list(words)
    for x0, y0, x1, y1 in bullets:
        middle, centre = (y0 + y1) / 2, (x0 + x1) / 2
        band = [w for w in result if w.line_top <= middle <= w.line_bottom]
        covering = [w for w in band if w.box[0] <= centre <= w.box[2]]
        if covering:
            misread = covering[0]
            if len(covering) == 1 and misread.box[2] - misread.box[0] <= 2 * (x1 - x0):
                result[result.index(misread)] = replace(misread, text="•", box=(x0, y0, x1, y1), confidence=100)
            continue
        height = band[0].line_bottom - band[0].line_top if band else 0
        after = [w for w in band if x1 <= w.box[0] <= x1 + 2 * (y1 - y0) + height]
        if after and not any(x0 - height / 2 <= w.box[2] <= x0 for w in band):
            nearest = min(after, key=lambda w: w.box[0])
            result.append(OcrWord("•", (x0, y0, x1, y1), 100, nearest.line_top, nearest.line_bottom, nearest.line))
    return result


def even_bands(words: list[OcrWord]) -> list[OcrWord]:
    """Every line's text band at least as tall as the page's typical band, about its middle.

    OCR words carry no superscripts of their own ("30th" is one word), but a line with one
    gets too short a band from Tesseract and would be taken for a raised, smaller line.
    """
    if not words:
        return words
    typical = float(np.median([w.line_bottom - w.line_top for w in words]))
    result = []
    for word in words:
        middle, height = (word.line_top + word.line_bottom) / 2, word.line_bottom - word.line_top
        if height < typical:
            word = replace(word, line_top=middle - typical / 2, line_bottom=middle + typical / 2)
        result.append(word)
    return result


def separate_overlaps(words: list[OcrWord]) -> list[OcrWord]:
    """Each word's box cut short where it runs into the next word on its line.

    Tesseract now and then stretches a word's box over the next word; split into glyphs,
    the two words' letters would interleave.
    """
    result = list(words)
    by_line: dict[int, list[int]] = {}
    for index, word in enumerate(words):
        by_line.setdefault(word.line, []).append(index)
    for indices in by_line.values():
        indices.sort(key=lambda i: words[i].box[0])
        for this, after in itertools.pairwise(indices):
            x0, y0, x1, y1 = words[this].box
            limit = words[after].box[0] - 1
            if x1 > limit > x0:
                result[this] = replace(words[this], box=(x0, y0, limit, y1))
    return result


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


def skipped_ink(solid: np.ndarray, words: list[OcrWord]) -> list[tuple[int, int, int, int]]:
    """Boxes of word-sized patches of ink that no word read covers, largest first.

    Sparse-text OCR passes over a short isolated label ("2.", a date alone in a narrow
    column) now and then; read on its own, it is no harder than any other word.
    """
    heights = [word.line_bottom - word.line_top for word in words]
    if not heights:
        return []
    text_height = float(np.median(heights))
    rest = solid.copy()
    # Ink just beside a word read is its superscript or a smudge; the line below is not.
    across, down = round(SKIPPED_DISTANCE * text_height), round(SKIPPED_DISTANCE * text_height / 4)
    for word in words:
        x0, y0, x1, y1 = word.box
        rest[max(0, y0 - down):y1 + down, max(0, x0 - across):x1 + across] = 0
    join = cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, round(0.5 * text_height)), 1))
    count, _, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(rest, join), connectivity=8)
    patches = [
        (int(x), int(y), int(x + width), int(y + height))
        for x, y, width, height, _ in stats[1:count]
        if SKIPPED_HEIGHT[0] * text_height <= height <= SKIPPED_HEIGHT[1] * text_height
        and width >= SKIPPED_HEIGHT[0] * text_height
    ]
    patches.sort(key=lambda box: (box[2] - box[0]) * (box[3] - box[1]), reverse=True)
    return patches[:MAX_REREADS]


def reread(gray: np.ndarray, patches: list[tuple[int, int, int, int]], first_line: int) -> list[OcrWord]:
    """The words in each patch read as one line, in page pixels, numbered as lines from `first_line`.

    Each patch is binarised on its own and set in a wide white border: Tesseract misreads
    a lone "5." on a grey, grainy crop as "Ds".
    """
    words = []
    height, width = gray.shape
    for index, (x0, y0, x1, y1) in enumerate(patches):
        left, top = max(0, x0 - REREAD_MARGIN), max(0, y0 - REREAD_MARGIN)
        crop = gray[top:min(height, y1 + REREAD_MARGIN), left:min(width, x1 + REREAD_MARGIN)]
        binary = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]
        padded = cv2.copyMakeBorder(binary, *REREAD_BORDER, cv2.BORDER_CONSTANT, value=255)
        left, top = left - REREAD_BORDER[2], top - REREAD_BORDER[0]
        for word in hocr_to_words(run_tesseract(padded, LINE_PSM)):
            a, b, c, d = word.box
            # A line of a word or two gives Tesseract no baseline to trust: the band is
            # taken from the box, as if its glyphs were capitals or digits.
            bottom = d + top + LONE_DESCENDER * (d - b)
            words.append(OcrWord(
                word.text, (a + left, b + top, c + left, d + top), word.confidence,
                bottom - LONE_BAND * (d - b), bottom, first_line + index,
            ))
    return words


def read_page(page: pdfium.PdfPage, number: int, path: Path) -> tuple[PageContent, list[tuple[str, int]]]:
    """One scanned page as glyphs and rules in points, and the words read below `LOW_CONFIDENCE`."""
    gray = render_gray(page)
    gray = rotate(gray, skew_angle(ink_mask(gray)))
    ink = ink_mask(gray)
    rules, lines = find_rules(ink)
    text_only = gray.copy()
    text_only[lines > 0] = 255
    text_only = despeckle(text_only, solid_ink(text_only))
    solid = solid_ink(text_only)
    words = hocr_to_words(run_tesseract(text_only))
    words = with_bullets(words, find_bullets(solid, words))
    words += reread(text_only, skipped_ink(solid, words), 1 + max((w.line for w in words), default=0))
    words = even_bands(separate_overlaps(restore_ordinals(words)))
    unsure = [(w.text, w.confidence) for w in words if w.confidence < LOW_CONFIDENCE]
    height, width = gray.shape
    content = PageContent(
        path=path, number=number,
        width=width * POINTS_PER_PIXEL, height=height * POINTS_PER_PIXEL,
        chars=words_to_chars(words, bold_words(words, solid)), rules=tuple(rules), fills=(),
    )
    return content, unsure
