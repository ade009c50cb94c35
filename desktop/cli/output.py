"""Printing for the CLI: Dutch for users, precise detail for developers, never a traceback."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import traceback
from typing import Any

ENV_DEBUG = "STUKKEN_DEBUG"


class CliError(Exception):
    """Ends a command with a Dutch message, a developer detail and an exit code."""

    def __init__(self, message: str, detail: str = "", code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail
        self.code = code


def configure_streams() -> None:
    # Lone surrogates or emoji on a legacy console must not crash the output.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]


def debugging() -> bool:
    """``--debug`` (or ``STUKKEN_DEBUG=1``): errors also show the developer detail."""
    return bool(os.environ.get(ENV_DEBUG))


def fail(message: str, detail: str = "", code: int = 2, exc: BaseException | None = None) -> int:
    """One Dutch line for the user; the detail (and a traceback) only under ``--debug``."""
    print(f"Fout: {' '.join(message.split())}", file=sys.stderr)
    if debugging():
        if detail:
            print(f"  (detail: {detail})", file=sys.stderr)
        if exc is not None:
            traceback.print_exception(exc, file=sys.stderr)
    return code


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
