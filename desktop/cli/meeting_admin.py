"""Setting up and looking after the secretariat's share with ``main.py meeting``: init, keys,
problemen, migreer, cijfers and the window.

The secretariat's services are imported inside each command, as in every command module:
``main.py --help`` must not load the database layer (``desktop.cli.main``;
tests/storage/test_cli.py::test_help_does_not_import_the_database_layer).
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli import cijfers_cmd
from desktop.cli.output import CliError, print_json


def cmd_figures(sec: Any, args: argparse.Namespace) -> int:
    return cijfers_cmd.run(sec, args)


def cmd_init(sec: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat.queue_source import init_queue

    share_id, created = init_queue(sec.queue_dir, sec.share)
    if created:
        print(f"Wachtrijmap {sec.queue_dir} is klaar (kenmerk {share_id}); de publieke sleutel staat erin.")
    else:
        print(f"{sec.queue_dir} was al een wachtrijmap (kenmerk {share_id}); er is niets veranderd.")
    return 0


def cmd_problems(sec: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat.audit import scan

    found = scan(sec)
    if args.json:
        print_json([p.to_json() for p in found])
        sec.trust.problems.clear()  # printed here, not again as warnings
        return 1 if found else 0
    sec.trust.problems.clear()
    if not found:
        print("Geen problemen: elk record van het secretariaat is ondertekend en compleet.")
        return 0
    print(f"{len(found)} probleem/problemen; deze bestanden worden overgeslagen:")
    for p in found:
        print(f"  {p.waar}: {p.melding}")
    return 1


def cmd_migrate(sec: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat.migrate import migrate

    print(migrate(sec))
    return 0


def cmd_keys(sec: Any, args: argparse.Namespace) -> int:
    from desktop.queue.keys import fingerprint
    from desktop.queue.secretariat_keypair import own_keys
    from desktop.queue.secretariat_keys import site_allowed_key_ids
    from desktop.secretariat.queue_source import new_key

    if args.overdragen:
        from desktop.secretariat.migrate import hand_over

        print(hand_over(sec, args.overdragen))
        return 0
    if args.nieuw:
        key = new_key()
        print(f"Sleutel van het secretariaat (nieuw): {key.key_id} ({key.name}).")
        print(f"Vingerafdruk: {fingerprint(key.public.ed25519_public)}")
        print("Geef dit sleutel-id aan IT voor secretariaat-sleutels.txt in de sitemap; tot dan doet de "
              "sleutel niets.")
        return 0
    keys = own_keys()
    if not keys:
        raise CliError("Deze computer heeft geen sleutel van het secretariaat; maak er een met --nieuw.",
                       "no own secretariat keys", 1)
    allowed = site_allowed_key_ids()
    for key in keys:
        trust = "geen sitemap: deze computer mag handelen" if allowed is None else (
            "vertrouwd (op de lijst van IT)" if key.key_id in allowed else "niet op de lijst van IT")
        print(f"Sleutel van het secretariaat: {key.key_id} ({key.name}); "
              f"{fingerprint(key.public.ed25519_public)}; {trust}.")
    return 0


def cmd_window(sec: Any, args: argparse.Namespace) -> int:
    from desktop.ui.secretariat.window import run

    return run(sec)
