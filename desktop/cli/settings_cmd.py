"""``main.py settings show [--json]`` and ``main.py settings set NAAM WAARDE``: the user's settings.

The same settings as the window's Instellingen dialog (``desktop.config.settings``), in the
settings folder (``--config-dir``, ``STUKKEN_CONFIG_DIR``). Exit 0 done, 2 for an unknown
name, a value that is not allowed, or a settings file that cannot be written.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import CliError, print_json
from desktop.config.settings import OPTIONS, Option, Settings, SettingsError, option

_TRUE = {"ja", "true", "1", "aan"}
_FALSE = {"nee", "false", "0", "uit"}
_SOURCES = {"omgeving": "STUKKEN_QUEUE_DIR", "instellingen": "eigen instelling", "site": "sitemap",
            "standaard": "standaard"}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("settings", parents=[common], help="de eigen instellingen tonen of wijzigen")
    ssub = p.add_subparsers(dest="settings_command", metavar="OPDRACHT", required=True)
    sp = ssub.add_parser("show", parents=[common], help="alle instellingen, met waar elke waarde vandaan komt")
    sp.add_argument("--json", action="store_true", help="als JSON")
    sp.set_defaults(func=run_show)
    sp = ssub.add_parser("set", parents=[common], help="een instelling wijzigen (lege WAARDE: terug naar standaard)")
    sp.add_argument("name", metavar="NAAM", choices=[o.name for o in OPTIONS], help="de naam uit 'settings show'")
    sp.add_argument("value", metavar="WAARDE")
    sp.set_defaults(func=run_set)


def parse_value(opt: Option, text: str) -> Any:
    """The typed value of ``text`` for this option; a CliError when it is not allowed."""
    if isinstance(opt.default, bool):
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise CliError(f"{opt.name} is ja of nee, niet '{text}'.", f"bad bool {text!r}", 2)
    if isinstance(opt.default, int):
        try:
            value = int(text)
        except ValueError as exc:
            raise CliError(f"{opt.name} is een geheel getal, niet '{text}'.", f"bad int {text!r}", 2) from exc
        if opt.accept(value) != value:
            raise CliError(f"{opt.name} ligt tussen {opt.minimum} en {opt.maximum}.", f"out of range {value}", 2)
        return value
    if opt.choices and text not in opt.choices:
        raise CliError(f"{opt.name} is een van: {', '.join(opt.choices)}.", f"bad choice {text!r}", 2)
    return text


def run_show(args: argparse.Namespace) -> int:
    settings = Settings()
    queue, source = settings.queue_choice()
    rows = {
        o.name: {"waarde": settings[o.name], "label": o.label, "eigen": settings.is_own(o.name)}
        for o in OPTIONS
    }
    if args.json:
        print_json({**rows, "_bestand": str(settings.path),
                    "_wachtrij": {"map": str(queue), "bron": source}})
        return 0
    if settings.problem:
        print(f"Let op: {settings.problem}")
    print(f"Instellingen: {settings.path}")
    for name, row in rows.items():
        mark = "" if row["eigen"] else "  (standaard)"
        print(f"  {name:<14} {row['waarde']!s:<30} {row['label']}{mark}")
    print(f"Wachtrij in gebruik: {queue} ({_SOURCES[source]})")
    return 0


def run_set(args: argparse.Namespace) -> int:
    opt = option(args.name)
    settings = Settings()
    if args.value == "":
        settings.reset(opt.name)
    else:
        settings[opt.name] = parse_value(opt, args.value)
    try:
        settings.save()
    except SettingsError as exc:
        raise CliError(str(exc), exc.detail, 2) from exc
    print(f"{opt.name} = {settings[opt.name]}")
    return 0
