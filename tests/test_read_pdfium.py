"""The PDFium reader gives the pdfplumber reader's page geometry, so the pipeline gives the same Plans.

`extract.read_pdfium.read_pages` must be a drop-in for `extract.read.read_pages`: the same
Plan, field for field, on every sample and fixture; the same errors with the same
messages; and characters, rules and fills that agree with pdfplumber's to a small fraction
of a point (pages turned, moved or drawn through a Form XObject included). Its speed is
`make bench`'s to measure (bench/bench.py), not a test's.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from conftest import CORPUS, REPO, SAMPLES, differences

import extract.pipeline as pipeline
from extract.errors import EncryptedPdfError, ExtractionError, NotAPdfError, ScannedPdfError
from extract.layout import chars_to_lines
from extract.page import PageContent
from extract.read import read_pages as plumber_pages
from extract.read_pdfium import read_pages as pdfium_pages

PLAN_PDFS = sorted(SAMPLES.glob("*.pdf")) + sorted((REPO / "tests" / "fixtures").glob("libreoffice-*/*.pdf"))
CHAR_TOLERANCE = 0.01  # points, on the samples and fixtures (measured: 0.0003 at most)
CORPUS_CHAR_TOLERANCE = 0.5  # points: pdfminer leaves out the char spacing (Tc) after the last glyph of
# each text operator (the PDF spec and PDFium add it), so on a line built of several operators with a
# nonzero Tc its glyphs are off by a Tc or two (0.19 pt in pdfplumber-150109DSP-Milw-505-90D.pdf)
RULE_TOLERANCE = 0.001


def plan_with(reader, path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """The Plan the pipeline makes of `path` when its read stage is `reader` (or the error it raises)."""
    name = "pdfium" if reader is pdfium_pages else "pdfplumber"
    with monkeypatch.context() as patch:
        patch.setitem(pipeline.READERS, name, reader)
        try:
            return pipeline.Extractor(reader=name).extract(path).model_dump()
        except ExtractionError as error:
            return {"error": type(error).__name__, "message": str(error)}


def as_json(plan: dict) -> dict:
    return json.loads(json.dumps(plan, default=str))


@pytest.mark.parametrize("path", PLAN_PDFS, ids=lambda p: str(p.relative_to(REPO)))
def test_same_plan_as_the_pdfplumber_reader(path: Path, monkeypatch: pytest.MonkeyPatch):
    expected = plan_with(plumber_pages, path, monkeypatch)
    actual = plan_with(pdfium_pages, path, monkeypatch)
    if actual != expected:
        problems = differences(as_json(expected), as_json(actual))
        pytest.fail(f"{len(problems)} fields differ:\n" + "\n".join(problems[:20]))


def test_the_pipeline_reads_with_the_reader_given(monkeypatch: pytest.MonkeyPatch):
    read = []

    def spy(path: Path, password: str | None = None):
        read.append(path)
        return pdfium_pages(path, password)

    path = SAMPLES / "southholm-housing-2019.pdf"
    assert plan_with(spy, path, monkeypatch) == plan_with(plumber_pages, path, monkeypatch)
    assert read == [path]


def test_every_plan_pdf_is_checked():
    assert len(PLAN_PDFS) >= 15
    assert {p.parent.name for p in PLAN_PDFS} >= {"samples", "libreoffice-mono-9", "libreoffice-serif-10"}


# ---------------------------------------------------------------- errors


def outcome(reader, path: Path, password: str | None = None) -> tuple[str, str]:
    """What reading every page gives: ("pages", their count) or (the error's class, its message)."""
    try:
        return ("pages", str(sum(1 for _ in reader(path, password))))
    except Exception as error:  # whatever is raised, to compare
        return (type(error).__name__, str(error))


def assert_same_outcome(path: Path, password: str | None = None, error: type[Exception] | None = None) -> None:
    expected = outcome(plumber_pages, path, password)
    assert outcome(pdfium_pages, path, password) == expected
    if error is not None:
        assert expected[0] == error.__name__ and str(path) in expected[1]


def test_empty_file(tmp_path: Path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert_same_outcome(empty, error=NotAPdfError)


def test_not_a_pdf(tmp_path: Path):
    text = tmp_path / "notes.pdf"
    text.write_text("Minutes of the improvement board, not a PDF at all.\n")
    assert_same_outcome(text, error=NotAPdfError)


@pytest.mark.parametrize("keep", [0.5, 0.996], ids=["half", "all-but-the-trailer"])
def test_truncated_sample(tmp_path: Path, keep: float):
    data = (SAMPLES / "westvale-adult-social-care-2021.pdf").read_bytes()
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(data[: int(len(data) * keep)])
    assert_same_outcome(truncated, error=NotAPdfError)  # pdfminer names the damage: PSEOF, PDFSyntaxError


@pytest.mark.parametrize(
    ("password", "error"), [(None, EncryptedPdfError), ("wrong", EncryptedPdfError), ("userpass", None)]
)
def test_encrypted_pdf(corpus_dir: Path, password: str | None, error: type[Exception] | None):
    assert_same_outcome(corpus_dir / "camelot-health_protected.pdf", password, error)


def test_encrypted_pdf_opened_with_its_password_reads_the_same(corpus_dir: Path):
    path = corpus_dir / "camelot-health_protected.pdf"
    for expected, actual in zip(plumber_pages(path, "userpass"), pdfium_pages(path, "userpass"), strict=True):
        assert_same_geometry(expected, actual)


def test_pdf_without_text_layer(corpus_dir: Path):
    assert_same_outcome(corpus_dir / "camelot-empty.pdf", error=ScannedPdfError)


# ---------------------------------------------------------------- geometry


def assert_same_geometry(expected: PageContent, actual: PageContent) -> None:
    """Page size, glyphs (white space aside), lines of text, rules and fills agree closely."""
    where = f"{expected.path.name} page {expected.number}"
    assert (actual.path, actual.number) == (expected.path, expected.number)
    assert actual.width == pytest.approx(expected.width, abs=1e-3), where
    assert actual.height == pytest.approx(expected.height, abs=1e-3), where

    # PDFium's text page drops some real space glyphs; nothing downstream reads white space
    glyphs = [c for c in expected.chars if c.text.strip()]
    found = [c for c in actual.chars if c.text.strip()]
    assert [c.text for c in found] == [c.text for c in glyphs], where  # same glyphs, same (stream) order
    for want, got in zip(glyphs, found):
        assert abs(got.x0 - want.x0) <= CHAR_TOLERANCE and abs(got.x1 - want.x1) <= CHAR_TOLERANCE, (where, want, got)
        assert abs(got.top - want.top) <= CHAR_TOLERANCE and abs(got.bottom - want.bottom) <= CHAR_TOLERANCE, (
            where, want, got)
        assert got.size == pytest.approx(want.size, abs=0.01) and got.bold == want.bold, (where, want, got)
    lines = [line.text for line in chars_to_lines(expected.chars, expected.number)]
    assert [line.text for line in chars_to_lines(actual.chars, actual.number)] == lines, where

    assert len(actual.rules) == len(expected.rules), where  # same rules, in pdfplumber's `edges` order
    for want, got in zip(expected.rules, actual.rules):
        assert max(abs(got.x0 - want.x0), abs(got.top - want.top), abs(got.x1 - want.x1),
                   abs(got.bottom - want.bottom)) <= RULE_TOLERANCE, (where, want, got)

    assert len(actual.fills) == len(expected.fills), where
    for want, got in zip(expected.fills, actual.fills):
        box, other = want.bbox, got.bbox
        assert max(abs(other.x0 - box.x0), abs(other.top - box.top), abs(other.x1 - box.x1),
                   abs(other.bottom - box.bottom)) <= RULE_TOLERANCE, (where, want, got)
        # PDFium gives colours as 8 bits a channel
        assert max(abs(p - q) for p, q in zip(want.color, got.color)) <= 1 / 255 + 0.001, (where, want, got)


def assert_same_pages(path: Path) -> None:
    expected, actual = list(plumber_pages(path)), list(pdfium_pages(path))
    assert len(actual) == len(expected)
    for want, got in zip(expected, actual):
        assert_same_geometry(want, got)


def test_a_ligature_glyph_is_as_wide_as_pdfplumber_reads_it():
    """PDFium splits a ligature glyph ("ﬃ") into its letters at one origin; the glyph keeps its own advance.

    Given the advance of its last letter ("i") instead, "Officer" read as "Offi cer" (Chromium, DejaVu).
    """
    path = REPO / "variants" / (
        "tenterbridge-send-written-statement-2019__chromium__grid__headrepeat__portrait-a4__dejavu8__perrow__lettered.pdf")
    expected, actual = next(iter(plumber_pages(path))), next(iter(pdfium_pages(path)))
    ligatures = [c for c in expected.chars if len(unicodedata.normalize("NFKC", c.text)) > 1]
    found = [c for c in actual.chars if len(c.text) > 1]
    assert [unicodedata.normalize("NFKC", c.text) for c in ligatures] == [c.text for c in found] != []
    for want, got in zip(ligatures, found):
        assert abs(got.x0 - want.x0) <= CHAR_TOLERANCE and abs(got.x1 - want.x1) <= CHAR_TOLERANCE, (want, got)
    lines = [line.text for line in chars_to_lines(expected.chars, expected.number)]
    assert [line.text for line in chars_to_lines(actual.chars, actual.number)] == lines
    assert sum(line.count("Officer") for line in lines) >= 5  # not "Offi cer"


@pytest.mark.parametrize("path", [
    SAMPLES / "westvale-adult-social-care-2021.pdf",  # ReportLab: fractional glyph widths, RAG fills
    SAMPLES / "brindley-adults-2020.pdf",  # LibreOffice: RAG fills, MediaBox to 15 digits
    SAMPLES / "rotherham-inspection-recommendations-2010.pdf",  # superscript ordinals, line-end hyphens
    REPO / "tests" / "fixtures" / "libreoffice-serif-10" / "rotherham-cyps-improvement-plan-2018.pdf",  # Descent 0
], ids=lambda p: p.name)
def test_page_geometry_close_to_pdfplumber(path: Path):
    assert_same_pages(path)


def test_curves_become_edges_as_in_pdfplumber(corpus_dir: Path):
    import pdfplumber

    path = corpus_dir / "pdfplumber-table-curves-example.pdf"
    [page] = list(pdfium_pages(path))
    with pdfplumber.open(path) as pdf:
        edges = pdf.pages[0].edges
        assert pdf.pages[0].curves  # the point of this file: its table is drawn with curves
    assert len(page.rules) == len(edges)
    for edge, rule in zip(edges, page.rules):
        assert (rule.x0, rule.top, rule.x1, rule.bottom) == pytest.approx(
            (edge["x0"], edge["top"], edge["x1"], edge["bottom"]), abs=RULE_TOLERANCE)


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sample turned, moved, cropped and drawn through a Form XObject, made with pikepdf."""
    pikepdf = pytest.importorskip("pikepdf")
    source = SAMPLES / "westvale-adult-social-care-2021.pdf"
    folder = tmp_path_factory.mktemp("variants")
    for rotation in (90, 180, 270):
        with pikepdf.open(source) as pdf:
            for page in pdf.pages:
                page.Rotate = rotation
            pdf.save(folder / f"rotate-{rotation}.pdf")
    with pikepdf.open(source) as pdf:  # the MediaBox moved off the origin, the content with it
        for page in pdf.pages:
            x1, y1 = float(page.MediaBox[2]), float(page.MediaBox[3])
            page.MediaBox = pikepdf.Array([50, 30, x1 + 50, y1 + 30])
            page.contents_add(pikepdf.Stream(pdf, b"1 0 0 1 50 30 cm\n"), prepend=True)
        pdf.save(folder / "moved.pdf")
    with pikepdf.open(source) as pdf:  # a CropBox smaller than the MediaBox
        for page in pdf.pages:
            x1, y1 = float(page.MediaBox[2]), float(page.MediaBox[3])
            page.CropBox = pikepdf.Array([20, 20, x1 - 20, y1 - 20])
        pdf.save(folder / "cropped.pdf")
    with pikepdf.open(source) as pdf, pikepdf.new() as out:  # each page scaled into a Form XObject
        for page in pdf.pages:
            x1, y1 = float(page.MediaBox[2]), float(page.MediaBox[3])
            blank = out.add_blank_page(page_size=(x1, y1))
            blank.add_overlay(page, pikepdf.Rectangle(10, 10, 0.9 * x1 + 10, 0.9 * y1 + 10))
        out.save(folder / "form.pdf")
    return folder


@pytest.mark.parametrize("name", ["rotate-180.pdf", "moved.pdf", "cropped.pdf", "form.pdf"])
def test_page_geometry_of_turned_moved_and_nested_pages(variants: Path, name: str):
    assert_same_pages(variants / name)


@pytest.mark.parametrize("name", ["rotate-90.pdf", "rotate-270.pdf"])
def test_quarter_turned_pages_have_no_upright_text_in_either_reader(variants: Path, name: str):
    # pdfminer calls level text on a page turned a quarter not upright; read.py drops it
    assert_same_outcome(variants / name, error=ScannedPdfError)


@pytest.mark.parametrize("name", ["rotate-180.pdf", "moved.pdf", "form.pdf"])
def test_same_plan_on_turned_moved_and_nested_pages(variants: Path, name: str, monkeypatch: pytest.MonkeyPatch):
    path = variants / name
    assert plan_with(pdfium_pages, path, monkeypatch) == plan_with(plumber_pages, path, monkeypatch)


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.pdf")) if CORPUS.is_dir() else [])
def test_corpus_pdf_reads_the_same_glyphs(corpus_dir: Path, name: str):
    """Other producers' PDFs: the same outcome, and the same glyphs in the same order."""
    path = corpus_dir / name
    expected = outcome(plumber_pages, path)
    assert outcome(pdfium_pages, path) == expected
    if expected[0] != "pages":
        return
    for want, got in zip(plumber_pages(path), pdfium_pages(path), strict=True):
        assert [c.text for c in got.chars if c.text.strip()] == [c.text for c in want.chars if c.text.strip()]
        glyphs = [c for c in want.chars if c.text.strip()]
        found = [c for c in got.chars if c.text.strip()]
        worst = max((max(abs(a.x0 - b.x0), abs(a.top - b.top), abs(a.x1 - b.x1), abs(a.bottom - b.bottom))
                     for a, b in zip(glyphs, found)), default=0.0)
        assert worst <= CORPUS_CHAR_TOLERANCE, (name, want.number, worst)


# ---------------------------------------------------------------- snapping PDFium's floats


def test_snapping_an_array_gives_the_doubles_snapping_each_value_gives():
    import numpy as np

    from extract.read_pdfium import _snap, _snap_all

    rng = np.random.default_rng(14)
    float32s = np.concatenate([
        rng.uniform(-1000, 1000, 20000),  # coordinates
        rng.uniform(-1, 1, 20000) * 10.0 ** rng.integers(-20, 25, 20000),  # every magnitude
    ]).astype(np.float32).astype(np.float64)
    edges = np.array([0.0, -0.0, 1.0, 10.0, 100.0, 1000.0, 0.001, 99.99999, 123.45, 1e-17, 1e22, 3e22,
                      np.inf, -np.inf, np.nan])
    values = np.concatenate([float32s, edges])
    snapped = _snap_all(values)
    expected = [_snap(float(value)) for value in values]
    assert [repr(float(v)) for v in snapped] == [repr(v) for v in expected]
    assert [repr(float(v)) for v in _snap_all(values.reshape(-1, 5)).ravel()] == [repr(v) for v in expected]


def test_a_ligature_spelt_out_by_pdfium_keeps_its_glyph_width() -> None:
    """ToUnicode names the ligature ("ﬀ"), PDFium spells it out ("ff"): the width is still the ligature's."""
    path = REPO / "variants" / (
        "rotherham-inspection-recommendations-2010__chromium__grid__noheadrepeat__landscape-a4__dejavu8__perrow__none.pdf"
    )
    spelt = sorted((c.x0, c.x1) for c in next(pdfium_pages(path)).chars if c.text in ("ff", "fi"))
    named = sorted((c.x0, c.x1) for c in next(plumber_pages(path)).chars if c.text in ("\ufb00", "\ufb01"))
    assert len(spelt) == len(named) > 0
    assert spelt == [pytest.approx(pair, abs=0.6) for pair in named]  # PDFium's origins drift by up to 0.6 pt
