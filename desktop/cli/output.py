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


def fail(message: str, detail: str = "", code: int = 2, exc: BaseException | None = None) -> int:
    print(f"Fout: {message}", file=sys.stderr)
    if detail:
        print(f"  (detail: {detail})", file=sys.stderr)
    if exc is not None and os.environ.get(ENV_DEBUG):
        traceback.print_exception(exc, file=sys.stderr)
    return code


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
