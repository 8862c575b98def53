"""`python -m extract` is the `planextract` command."""

from extract.cli import run

run()
