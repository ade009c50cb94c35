"""The documents cannot drift from the command line.

- Every flag of every command's ``--help`` appears in that command's part of ``docs/cli.md``.
- Every command example marked ``<!-- voorbeeld -->`` (the fenced block right after the marker)
  in README.md and docs/ runs headless, as real processes, and exits 0.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import REPO

CLI_DOC = REPO / "docs" / "cli.md"
COMMON = {"-h", "--help", "--data-dir", "--config-dir", "--debug"}
MEETING_SHARED = {"--queue", "--door"}
MARKER = "<!-- voorbeeld -->"


def commands() -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    from desktop.cli.main import build_parser

    def walk(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            yield words, parser
            return
        for name, sub in subs[0].choices.items():
            yield from walk(sub, (*words, name))

    yield from walk(build_parser(), ())


def flags(parser: argparse.ArgumentParser) -> set[str]:
    return {s for a in parser._actions for s in a.option_strings if s.startswith("--")} - COMMON


def sections(text: str) -> dict[str, str]:
    """Text per ``##``/``###`` heading (a ``####`` heading stays inside its parent)."""
    out: dict[str, str] = {}
    current = ""
    for line in text.splitlines():
        if re.match(r"#{2,3} ", line):
            current = line
        out[current] = out.get(current, "") + line + "\n"
    return out


def mentions(text: str, flag: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", text) is not None


def doc_part(words: tuple[str, ...], parts: dict[str, str]) -> str:
    if words[0] == "meeting":
        text = next(t for h, t in parts.items() if "`meeting`" in h)
        rows = [line for line in text.splitlines() if line.startswith(f"| `meeting {words[1]}")]
        assert rows, f"docs/cli.md has no row for 'meeting {words[1]}'"
        return "\n".join(rows)
    for heading, text in parts.items():
        if heading.startswith("### ") and f"`{words[0]}" in heading:
            return text
    raise AssertionError(f"docs/cli.md has no section for {' '.join(words)!r}")


def test_every_flag_of_every_command_is_documented() -> None:
    from desktop.cli.main import COMMAND_MODULES

    parts = sections(CLI_DOC.read_text(encoding="utf-8"))
    common = parts["## For every command"]
    assert all(mentions(common, flag) for flag in COMMON - {"-h"})
    missing = []
    seen = 0
    for words, parser in commands():
        seen += 1
        part = doc_part(words, parts)
        if len(words) > 1 and words[0] != "meeting" and " ".join(words) not in part:
            missing.append(f"{' '.join(words)} (the command)")
        wanted = flags(parser) - (MEETING_SHARED if words[0] == "meeting" else set())
        missing += [f"{' '.join(words)} {flag}" for flag in sorted(wanted) if not mentions(part, flag)]
    assert seen > 30 and len(COMMAND_MODULES) >= 7
    assert not missing, "undocumented in docs/cli.md: " + ", ".join(missing)


def examples() -> list[tuple[str, str]]:
    out = []
    for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        for match in re.finditer(re.escape(MARKER) + r"\s*\n```(?:sh|bash)?\n(.*?)```", text, re.S):
            line = text[: match.start()].count("\n") + 1
            out.append((f"{doc.name}:{line}", match.group(1)))
    return out


def test_there_are_examples_in_several_documents() -> None:
    found = examples()
    places = {where.split(":")[0] for where, _ in found}
    assert {"README.md", "cli.md", "deployment.md", "secretariat.md"} <= places
    markers = sum(
        len(re.findall(rf"^{re.escape(MARKER)}\s*$", doc.read_text("utf-8"), re.M))
        for doc in [REPO / "README.md", *(REPO / "docs").glob("*.md")]
    )
    assert markers == len(found), "a marker line is not followed by a sh block"


@pytest.mark.parametrize(("where", "script"), examples(), ids=[w for w, _ in examples()])
def test_documented_example_runs(where: str, script: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    for name in ("resources", "forms"):
        (home / name).symlink_to(REPO / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("STUKKEN_")}
    env.update(
        HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"), XDG_CONFIG_HOME=str(home / ".config"),
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring", QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO), PY=sys.executable, REPO=str(REPO),
    )
    prelude = (
        'python() { if [ "$1" = main.py ]; then shift; "$PY" "$REPO/main.py" "$@"; else "$PY" "$@"; fi; }\n'
        'stukken-cli() { "$PY" "$REPO/main.py" "$@"; }\n'
        "set -e -o pipefail\n"
    )
    proc = subprocess.run(["bash", "-c", prelude + script], cwd=home, env=env, capture_output=True,
                          timeout=300)
    assert proc.returncode == 0, (
        f"{where}: the documented example failed ({proc.returncode})\n{script}\n"
        f"{proc.stdout.decode(errors='replace')}\n{proc.stderr.decode(errors='replace')}"
    )
