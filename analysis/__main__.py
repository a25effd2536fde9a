"""``python -m analysis``: the command line (see :mod:`analysis.cli.main`)."""
import sys

from analysis.cli.main import main

sys.exit(main())
