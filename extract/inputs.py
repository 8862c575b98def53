"""What the commands read and where they write: the input PDFs named on the command line, the output folder.

`find_inputs` turns PATH arguments into PDF files (folders searched recursively, a quoted
glob such as "plans/*.pdf" expanded); `usable_folder` checks an output folder before any
work starts. Both raise `UsageError`, which the command line prints as one line (exit 2).
`check_looks_like_pdf` is every reader's first look at a file, before a parser sees it.
"""

from __future__ import annotations

import glob
import tempfile
from pathlib import Path

from extract.errors import NotAPdfError, UsageError

GLOB_CHARACTERS = frozenset("*?[")


def expand(path: Path) -> list[Path]:
    """A path as given, or the files a glob pattern in it matches (sorted) when no such path exists."""
    if path.exists() or not GLOB_CHARACTERS & set(str(path)):
        return [path]
    return [Path(match) for match in sorted(glob.glob(str(path), recursive=True))]


def pdfs_in(folder: Path) -> list[Path]:
    """Every *.pdf under `folder`, at any depth, sorted."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")


def find_inputs(paths: list[Path]) -> list[Path]:
    """Files as given, folders searched recursively for PDFs, globs expanded; missing files kept to fail clearly.

    Raises UsageError when nothing at all is found (an empty folder, a glob matching nothing).
    """
    inputs: list[Path] = []
    for given in paths:
        matches = expand(given)
        if not matches:
            raise UsageError(f"{given} matches no file")
        for path in matches:
            inputs.extend(pdfs_in(path) if path.is_dir() else [path])
    if not inputs:
        raise UsageError(f"no PDF files in {', '.join(str(p) for p in paths)}")
    return inputs


def usable_folder(folder: Path, option: str = "--out") -> Path:
    """`folder`, created if missing, after checking that files can be written in it."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{option} {folder} is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise UsageError(f"{option} {folder}: cannot write there ({error.strerror or error})") from None
    return folder


def readable_folder(folder: Path, option: str) -> Path:
    """`folder`, after checking that it is an existing folder."""
    if not folder.is_dir():
        raise UsageError(f"{option} {folder}: no such folder")
    return folder


def check_looks_like_pdf(path: Path) -> None:
    """Raise NotAPdfError for an empty file or one with no %PDF header, before any parser sees it."""
    if path.stat().st_size == 0:
        raise NotAPdfError(f"{path}: empty file, not a PDF")
    with path.open("rb") as handle:
        if b"%PDF" not in handle.read(1024):
            raise NotAPdfError(f"{path}: not a PDF (no %PDF header)")
