"""`python -m extract` is the `planextract` command."""

import sys

from extract.cli import main

sys.exit(main())
