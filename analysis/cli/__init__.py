"""The command line: ``python -m analysis COMMAND ...`` (:mod:`.main` builds the parser)."""
from analysis.cli.main import main

__all__ = ["main"]
