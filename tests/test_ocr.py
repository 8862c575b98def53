"""The OCR reader: page geometry from images, and the scanned test set read to the audit's bar.

`tests/fixtures/scanned/NAME-DPIdpi.pdf` are scans made by `samples/scan.py` from
`samples/NAME.pdf`, scored against `samples/NAME.gold.json`. `make test` reads one scan
per resolution (`QUICK`); `make scans-audit` (PLANEXTRACT_ALL_SCANS=1) reads them all.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import cv2
import numpy as np
import pytest

from extract.audit import score_document
from extract.pipeline import Extractor
from extract.read_ocr import (
    POINTS_PER_PIXEL,
    OcrReader,
    OcrWord,
    correct_capital_i,
    find_bullets,
    find_rules,
    hocr_to_words,
    ink_mask,
    rotate,
    skew_angle,
    with_bullets,
)
from schemas.plan import Plan

REPO = Path(__file__).resolve().parents[1]
SCANNED = REPO / "tests" / "fixtures" / "scanned"
SCAN_NAME = re.compile(r"^(?P<gold>.+)-(?P<dpi>\d+)dpi\.pdf$")
QUICK = (
    "rotherham-cyps-improvement-plan-2018-150dpi.pdf",
    "rotherham-inspection-recommendations-2010-200dpi.pdf",
    "kingsford-health-wellbeing-2022-300dpi.pdf",
)
MIN_ACCURACY = {150: 0.85, 200: 0.90, 300: 0.90}
ALL_SCANS = sorted(p.name for p in SCANNED.glob("*dpi.pdf"))
HOCR_PAGE = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body><div class='ocr_page' title='bbox 0 0 1000 500'>
<span class='ocr_line' title="bbox 100 200 400 236; baseline 0.01 -8; x_size 34; x_descenders 8; x_ascenders 8">
<span class='ocrx_word' title='bbox 100 202 160 228; x_wconf 95'>lan</span>
<span class='ocrx_word' title='bbox 180 200 300 236; x_wconf 41'>Walker</span>
<span class='ocrx_word' title='bbox 320 200 330 236; x_wconf 90'> </span>
</span></div></body></html>"""


def blank_page(width: int = 2400, height: int = 1600) -> np.ndarray:
    return np.full((height, width), 255, np.uint8)


def test_ruling_lines_are_found_in_points_and_letters_are_not():
    page = blank_page()
    cv2.rectangle(page, (200, 300), (2200, 1300), 0, 3)
    cv2.line(page, (200, 500), (2200, 500), 0, 3)
    cv2.line(page, (900, 300), (900, 1300), 0, 3)
    cv2.putText(page, "Il1 lIl", (300, 440), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 4)  # 10 pt text in a cell
    cv2.putText(page, "TITLE Il", (300, 200), cv2.FONT_HERSHEY_SIMPLEX, 4, 0, 10)  # 20 pt title above
    rules, mask = find_rules(ink_mask(page))
    across = sorted((round(r.top), round(r.x0), round(r.x1)) for r in rules if r.horizontal)
    down = sorted((round(r.x0), round(r.top), round(r.bottom)) for r in rules if not r.horizontal)
    scale = POINTS_PER_PIXEL
    assert across == [(round(y * scale), round(200 * scale), round(2203 * scale)) for y in (301, 501, 1301)]
    assert down == [(round(x * scale), round(300 * scale), round(1303 * scale)) for x in (201, 901, 2201)]
    assert not mask[380:445, 300:800].any() and not mask[100:205, 300:1000].any()  # letters are no rules


def test_the_tilt_is_measured_and_undone():
    page = blank_page()
    for y in range(200, 1400, 60):
        cv2.line(page, (200, y), (2200, y), 0, 2)
    tilted = rotate(page, 1.2)
    angle = skew_angle(ink_mask(tilted))
    assert angle == pytest.approx(-1.2, abs=0.05)


def test_hocr_words_sit_on_their_line_band_with_confidence():
    first, second = hocr_to_words(HOCR_PAGE)
    assert (first.text, first.box, first.confidence, first.line) == ("Ian", (100, 202, 160, 228), 95, 0)
    assert (second.text, second.confidence) == ("Walker", 41)
    baseline = 236 - 8 + 0.01 * (130 - 100)
    assert first.line_top == pytest.approx(baseline + 8 - 34)
    assert first.line_bottom == pytest.approx(baseline + 8)


def test_a_capital_i_read_as_l_is_put_right_only_where_no_word_starts_so():
    assert [correct_capital_i(w) for w in ("lan", "lmpact", "lnclusion,", "lots", "like", "l", "Ian")] == [
        "lan", "Impact", "Inclusion,", "lots", "like", "l", "Ian",
    ]


def test_a_solid_dot_before_a_line_is_a_bullet_and_replaces_its_misreading():
    page = blank_page(1000, 400)
    cv2.circle(page, (110, 115), 7, 0, -1)
    cv2.circle(page, (600, 300), 2, 0, -1)  # a speck
    cv2.putText(page, "o", (400, 125), cv2.FONT_HERSHEY_SIMPLEX, 1, 0, 2)  # a hollow letter
    words = [
        OcrWord("e", (103, 108, 118, 123), 30, 95.0, 135.0, 0),
        OcrWord("Deliver", (140, 100, 260, 130), 96, 95.0, 135.0, 0),
    ]
    bullets = find_bullets(cv2.threshold(page, 127, 255, cv2.THRESH_BINARY_INV)[1], words)
    assert bullets == [(103, 108, 118, 123)]
    assert [w.text for w in with_bullets(words, bullets)] == ["•", "Deliver"]


def test_the_warnings_say_the_plan_was_read_by_ocr_and_list_unsure_words():
    reader = OcrReader()
    reader.low_confidence[3] = [("Liquidlogic", 41), ("c)", 55)]
    version = reader.warnings()[0].removeprefix("read by OCR (Tesseract ").removesuffix(", 300 dpi)")
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert reader.warnings()[1:] == ['page 3: OCR low confidence: "Liquidlogic" (41), "c)" (55)']


def field_accuracy(name: str, plan: Plan) -> float:
    """The audit's field accuracy of one plan against the sample's gold."""
    gold = Plan.model_validate_json((REPO / "samples" / f"{name}.gold.json").read_text(encoding="utf-8"))
    score = score_document(name, gold, plan)
    return sum(score.correct.values()) / sum(score.scored.values())


@pytest.mark.parametrize(
    "scan", ALL_SCANS if os.environ.get("PLANEXTRACT_ALL_SCANS") else [s for s in ALL_SCANS if s in QUICK],
)
def test_scanned_sample_is_read_by_ocr_to_the_bar(scan):
    match = SCAN_NAME.match(scan)
    assert match is not None
    plan = Extractor(ocr=True).extract(SCANNED / scan)
    assert plan.source.path == str(SCANNED / scan)
    assert sum(bool(re.fullmatch(r"read by OCR \(Tesseract \d+\.\d+\.\d+, 300 dpi\)", w)) for w in plan.warnings) == 1
    assert all(re.fullmatch(r'page \d+: OCR low confidence: ".+" \(\d+\)(, ".+" \(\d+\))*', w)
               for w in plan.warnings if "OCR low confidence" in w)
    assert field_accuracy(match["gold"], plan) >= MIN_ACCURACY[int(match["dpi"])]


def test_the_quick_set_covers_every_resolution_and_two_plans():
    matches = [SCAN_NAME.match(name) for name in QUICK]
    assert all(name in ALL_SCANS for name in QUICK)
    assert sorted(int(m["dpi"]) for m in matches if m) == [150, 200, 300]
    assert len({m["gold"] for m in matches if m}) >= 2
