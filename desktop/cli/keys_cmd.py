"""``main.py sleutels [--json] [--queue MAP]`` and ``main.py sleutels --vertrouw VINGERAFDRUK``.

A minimal, honest view of today's trust (``desktop.queue.trust``, ``desktop.queue.secretariat_keys``):

- the secretariat keys published in the shared folder, with their fingerprint and whether the
  site folder's ``secretariaat-sleutels.txt`` lists them (``vertrouwd``), leaves them out
  (``niet op de lijst``), or there is no such list (``geen lijst``: every published key counts);
- the keys of people in this computer's trust list (trust on first use: a steller's signing key
  as the secretariat first saw it), with their state.

``--vertrouw`` accepts one key of the trust list by its fingerprint (as ``meeting accept
--vertrouw`` does for a submission): for a steller whose key changed. Exit 0 done, 2 for an
unknown fingerprint.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.output import CliError, print_json


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sleutels", parents=[common], help="bekende sleutels met vingerafdruk en vertrouwen")
    p.add_argument("--queue", metavar="MAP", help="de wachtrijmap (standaard: uit de instellingen)")
    p.add_argument("--json", action="store_true", help="als JSON")
    p.add_argument("--vertrouw", metavar="VINGERAFDRUK", help="vertrouw deze sleutel uit de lijst van personen")
    p.set_defaults(func=run)


def _norm(fp: str) -> str:
    return fp.replace(":", "").replace(" ", "").lower()


def secretariat_keys(args: argparse.Namespace) -> tuple[list[dict[str, Any]], str]:
    """The published secretariat keys and where they were read (``map`` or ``cache``)."""
    from desktop.cli.queue_cmd import queue_dir
    from desktop.queue.keys import fingerprint
    from desktop.queue.secretariat_keys import (
        all_published_keys,
        cached_keys,
        published_keys,
        site_allowed_key_ids,
    )
    from desktop.share import ShareError, connect

    allowed = site_allowed_key_ids()
    fs = connect(queue_dir(args), 20.0)
    source = "map"
    try:
        # published_keys applies the site list; read the list apart to show what it leaves out.
        keys = all_published_keys(fs) if fs.available() else None
    except ShareError:
        keys = None
    if keys is None:
        keys, source = cached_keys(), "cache"
    else:
        published_keys(fs)  # refreshes the offline cache with the listed keys
    own = _own_key_ids()
    rows = []
    for k in keys:
        if allowed is None:
            trust = "geen lijst"
        else:
            trust = "vertrouwd" if k.key_id in allowed else "niet op de lijst"
        rows.append({"key_id": k.key_id, "naam": k.name, "vingerafdruk": fingerprint(k.ed25519_public),
                     "vertrouwen": trust, "eigen": k.key_id in own})
    return rows, source


def _own_key_ids() -> set[str]:
    """The secretariat keys whose private part this computer holds (none without a keyring)."""
    from desktop.queue.keys import KeyUnavailable
    from desktop.queue.secretariat_keys import own_keys

    try:
        return {k.key_id for k in own_keys()}
    except (KeyUnavailable, OSError, ValueError):
        return set()


def people_keys() -> list[dict[str, Any]]:
    from desktop.queue.trust import TrustStore

    rows = []
    for person, keys in sorted(TrustStore().people().items()):
        for k in keys:
            if not isinstance(k, dict):
                continue
            state = ("nieuwe sleutel" if k.get("first_use") else "vertrouwd") if k.get("accepted") else "niet vertrouwd"
            rows.append({"persoon": person, "vingerafdruk": str(k.get("fingerprint", "")), "vertrouwen": state,
                         "eerst_gezien": str(k.get("first_seen", ""))})
    return rows


def run(args: argparse.Namespace) -> int:
    if args.vertrouw:
        return trust(args.vertrouw)
    secretariat, source = secretariat_keys(args)
    people = people_keys()
    if args.json:
        print_json({"secretariaat": secretariat, "bron": source, "personen": people})
        return 0
    where = "" if source == "map" else " (de map is niet bereikbaar: laatst geziene sleutels)"
    print(f"Sleutels van het secretariaat{where}:")
    if not secretariat:
        print("  (geen)")
    for r in secretariat:
        mine = " (eigen sleutel)" if r["eigen"] else ""
        print(f"  {r['key_id']}  {r['vingerafdruk']}  {r['vertrouwen']:<16} {r['naam']}{mine}")
    print("Sleutels van personen (vertrouwd bij eerste gebruik):")
    if not people:
        print("  (geen)")
    for r in people:
        print(f"  {r['vingerafdruk']}  {r['vertrouwen']:<16} {r['persoon']}")
    return 0


def trust(wanted: str) -> int:
    from desktop.queue.trust import TrustStore

    store = TrustStore()
    matches = [
        (person, str(k.get("public_key", "")))
        for person, keys in store.people().items()
        for k in keys
        if isinstance(k, dict) and _norm(str(k.get("fingerprint", ""))) == _norm(wanted)
    ]
    if len(matches) != 1:
        raise CliError(
            f"Geen sleutel met vingerafdruk '{wanted}' in de lijst; 'sleutels' toont de vingerafdrukken.",
            f"{len(matches)} keys match {wanted!r}",
            2,
        )
    person, key = matches[0]
    store.accept(person, key)
    print(f"De sleutel {wanted} van {person} wordt vertrouwd.")
    return 0
