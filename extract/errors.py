"""The errors a user can meet, each with a one-line message that names the file.

Every failure of one input is one of these; the CLI prints `str(error)` and goes on with
the next file. Anything else escaping the pipeline is a bug.
"""

from __future__ import annotations


class ExtractionError(Exception):
    """An input that cannot be turned into a Plan; the message names the file and the reason."""


class NotAPdfError(ExtractionError):
    """The file is empty, is not a PDF, or is too damaged to read."""


class EncryptedPdfError(ExtractionError):
    """The PDF is encrypted and no (or a wrong) password was given."""


class ScannedPdfError(ExtractionError):
    """The PDF has pages but no text layer."""


class NoPlanTableError(ExtractionError):
    """No table with the columns of an improvement plan was found."""
