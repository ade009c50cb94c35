"""The queue reports what it learned; it never opens the local database itself (issue 13)."""

from __future__ import annotations

import ast
from pathlib import Path

QUEUE = Path(__file__).resolve().parents[2] / "desktop" / "queue"


def test_the_queue_does_not_import_the_storage_layer() -> None:
    found = []
    for path in sorted(QUEUE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            found += [f"{path.name}:{node.lineno} {n}" for n in names if n.startswith(("desktop.storage", "sqlite3"))]
    assert found == []
