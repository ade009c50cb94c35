"""Entry point: no arguments opens the window; a sub-command works headless.

Each command module registers its sub-commands with ``register(subparsers, common)``
and keeps heavy imports inside the functions, so that ``--help`` and the window
start fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from desktop.cli import argparse_nl
from desktop.cli.output import ENV_DEBUG, CliError, configure_streams, fail
from desktop.config.paths import ENV_CONFIG_DIR, ENV_DATA_DIR

# Each module has ``register(subparsers, common_parser)``.
COMMAND_MODULES = (
    "desktop.cli.forms_cmd",
    "desktop.cli.validate_cmd",
    "desktop.cli.drafts_cmd",
    "desktop.cli.export_cmd",
    "desktop.cli.queue_cmd",
    "desktop.cli.meeting_cmd",
    "desktop.cli.settings_cmd",
    "desktop.cli.keys_cmd",
    "desktop.cli.cijfers_cmd",
    "desktop.cli.selftest_cmd",
)

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


def _common_parser() -> argparse.ArgumentParser:
    argparse_nl.install()  # before any parser exists: the constructor looks up "options"
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        default=argparse.SUPPRESS,
        metavar="MAP",
        help="map met de eigen gegevens (standaard: de gebruikersmap van het systeem)",
    )
    common.add_argument(
        "--config-dir",
        default=argparse.SUPPRESS,
        metavar="MAP",
        help="map met de eigen instellingen (standaard: de instellingenmap van het systeem)",
    )
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="toon bij een fout ook de technische details (voor ontwikkelaars)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common_parser()
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Stukken: A4tjes en raadsbrieven opstellen, indienen en besluiten. "
        "Zonder opdracht opent het venster.",
        parents=[common],
    )
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    configure_streams()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        return gui_main([])  # the window paints without loading every command module first
    parser = build_parser()
    args = parser.parse_args(args_list)
    # Data and settings are separate: --data-dir never moves the settings (docs/deployment.md).
    for attr, env in (("data_dir", ENV_DATA_DIR), ("config_dir", ENV_CONFIG_DIR)):
        folder = getattr(args, attr, None)
        if folder:
            os.environ[env] = os.path.abspath(folder)
    if getattr(args, "debug", False):
        os.environ[ENV_DEBUG] = "1"
    if not getattr(args, "command", None):
        return gui_main([])
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        return fail(exc.message, exc.detail, exc.code)
    except KeyboardInterrupt:
        return fail("Afgebroken.", "KeyboardInterrupt", 130)
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: never a traceback for a user
        return fail(
            "Er ging iets onverwachts mis; de gegevens zijn niet gewijzigd.",
            f"{type(exc).__name__}: {exc}",
            EXIT_INTERNAL,
            exc=exc,
        )


def gui_main(argv: Sequence[str] | None = None) -> int:
    from desktop.ui.app import run

    return run(list(argv or []))
