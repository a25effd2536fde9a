"""``python -m analysis.coding``: the coding-sheet commands (see :mod:`analysis.coding.cli`)."""
import sys

from analysis.coding.cli import main

sys.exit(main())
