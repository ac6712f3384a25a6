"""Entry point for ``python -m coproduction``."""

import sys

from coproduction.cli import main

sys.exit(main())
