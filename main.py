"""Stukken: without arguments the window opens; with a sub-command it works headless.

    python main.py                      # the window
    python main.py validate draft.json  # headless; see `python main.py --help`
"""

import sys

from desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
