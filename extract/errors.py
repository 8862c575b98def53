"""The errors a user can meet, each with a one-line message that names the file.

Every failure of one input is an `ExtractionError`; its message speaks to whoever called
the library (no command-line options in it), and `command_line_message` adds the option
that helps on the command line. Anything else escaping the pipeline is a bug.
`UsageError` is the command line's own: a wrong option or an unusable folder (exit 2).
"""

from __future__ import annotations

from pathlib import Path


class ExtractionError(Exception):
    """An input that cannot be turned into a Plan; the message names the file and the reason.

    `hint` says what a caller of the library can do about it and `command_line_hint` the
    same in options; `str(error)` ends with the first, `command_line_message` with the second.
    """

    def __init__(self, message: str, hint: str | None = None, command_line_hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint, self.command_line_hint = message, hint, command_line_hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message

    def __reduce__(self) -> tuple:
        return type(self), (self.message, self.hint, self.command_line_hint)


class MissingFileError(ExtractionError):
    """The path names no file, or a folder instead of a file."""


class NotAPdfError(ExtractionError):
    """The file is empty, is not a PDF, or is too damaged to read."""


class EncryptedPdfError(ExtractionError):
    """The PDF is encrypted and no (or a wrong) password was given."""


class ScannedPdfError(ExtractionError):
    """The PDF has pages but no text layer."""


class NoPlanTableError(ExtractionError):
    """No table with the columns of an improvement plan was found."""


class FileTimeoutError(ExtractionError):
    """One file took longer than the per-file time limit."""


class UsageError(Exception):
    """A command line that cannot run: a wrong option value, or an input or output folder it cannot use."""


def encrypted_error(path: Path, password_given: bool) -> EncryptedPdfError:
    """The error for an encrypted PDF that did not open."""
    if password_given:
        return EncryptedPdfError(f"{path} is encrypted and the password given does not open it")
    return EncryptedPdfError(
        f"{path} is encrypted", hint="give its password (password=...)",
        command_line_hint="pass --password, --password-file or PLANEXTRACT_PASSWORD",
    )


def scanned_error(path: Path) -> ScannedPdfError:
    """The error for a PDF with no text layer."""
    return ScannedPdfError(
        f"{path}: no text layer (a scanned PDF?)", hint="read it with OCR (ocr=True)",
        command_line_hint="pass --ocr to read it with OCR",
    )


def command_line_message(error: Exception) -> str:
    """The error's one line as the command line prints it, ending with the option that helps."""
    if isinstance(error, ExtractionError) and error.command_line_hint:
        return f"{error.message}; {error.command_line_hint}"
    return str(error)
