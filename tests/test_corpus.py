"""Real PDFs made by other people: each either fails cleanly or yields a valid plan; never a crash."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from extract.errors import EncryptedPdfError, ExtractionError, NoPlanTableError, ScannedPdfError
from extract.pipeline import extract_plan

CORPUS_FILES = sorted(p.name for p in CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []
EXPECTED_ERRORS = {
    "camelot-health_protected.pdf": EncryptedPdfError,
    "pdfplumber-password-example.pdf": EncryptedPdfError,
    "camelot-empty.pdf": ScannedPdfError,
}


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_pdf_fails_cleanly(name, corpus_dir):
    path = corpus_dir / name
    with pytest.raises(ExtractionError) as error:
        extract_plan(path)
    assert isinstance(error.value, EXPECTED_ERRORS.get(name, NoPlanTableError))
    assert str(path) in str(error.value) and "\n" not in str(error.value)


def test_corpus_is_there(corpus_dir):
    assert len(CORPUS_FILES) == 27


@pytest.mark.parametrize(("name", "password"), [("camelot-health_protected.pdf", "userpass"),
                                                ("pdfplumber-password-example.pdf", "test")])
def test_the_right_password_opens_encrypted_files(name, password, corpus_dir):
    with pytest.raises(NoPlanTableError):
        extract_plan(corpus_dir / name, password=password)
