"""Run the CLI in-process (``main([...])``) or as a real process (``python main.py ...``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
FIXTURES = REPO / "tests" / "fixtures"


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    from desktop.cli.main import main

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def cli_process():  # type: ignore[no-untyped-def]
    def run(*args: str) -> Run:
        proc = subprocess.run(
            [sys.executable, "main.py", *args],
            cwd=REPO,
            capture_output=True,
            env=dict(os.environ),
            timeout=120,
        )
        return Run(
            proc.returncode,
            proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"),
        )

    return run


def fixture_json(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))


@pytest.fixture
def write_draft(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a draft (a dict, text or bytes) to a file and return its path as text."""
    counter = iter(range(1_000_000))

    def write(content: Any, name: str | None = None) -> str:
        path = tmp_path / (name or f"draft{next(counter)}.json")
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, "utf-8")
        else:
            path.write_text(json.dumps(content, ensure_ascii=False), "utf-8")
        return str(path)

    return write
