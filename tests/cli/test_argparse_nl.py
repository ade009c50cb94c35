"""argparse's own texts are Dutch: usage, option titles, the help of -h and the errors."""

from __future__ import annotations

from typing import Any

import pytest


def run(capsys: Any, *args: str) -> tuple[int, str]:
    from desktop.cli.main import main

    with pytest.raises(SystemExit) as info:
        main(list(args))
    out = capsys.readouterr()
    return int(info.value.code or 0), out.out + out.err


def test_help_is_dutch(capsys: Any) -> None:
    code, text = run(capsys, "meeting", "create", "--help")
    assert code == 0
    assert text.startswith("gebruik: main.py meeting create")
    assert "\nargumenten:\n" in text and "\nopties:\n" in text and "toon deze hulp en stop" in text
    assert not any(word in text for word in ("usage:", "options:", "positional arguments", "show this help"))


@pytest.mark.parametrize(("args", "expected"), [
    (("meeting", "create"), "main.py meeting create: fout: deze argumenten ontbreken: DATUM"),
    (("meeting", "decide", "1-1-2030", "x", "misschien"), "argument uitkomst: ongeldige keuze: 'misschien' (kies uit"),
    (("--onbekend",), "main.py: fout: onbekende argumenten: --onbekend"),
    (("meeting", "order", "1-1-2030", "--verplaats", "x"), "argument --verplaats: verwacht 2 waarden"),
])
def test_errors_are_dutch(capsys: Any, args: tuple[str, ...], expected: str) -> None:
    code, text = run(capsys, *args)
    assert code == 2
    assert expected in text
    assert "error:" not in text and "usage:" not in text
