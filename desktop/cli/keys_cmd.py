"""``main.py sleutels [--json] [--queue MAP]`` and ``main.py sleutels --vertrouw VINGERAFDRUK``.

The trust as it is now (``desktop.queue.anchor``, ``desktop.queue.secretariat_keys``, ``desktop.queue.trust``):

- the secretariat keys this application knows (published in the share, its own, pinned), with
  their fingerprint and trust: ``vertrouwd``; ``niet op de lijst`` (a site folder is set and its
  ``secretariaat-sleutels.txt`` leaves the key out: never used nor believed); ``wacht op
  bevestiging`` (no site folder: a key seen after the first ones, used only once confirmed);
- the stellers' keys in this computer's list (bound to an account and a name at the first
  acceptance), with their state.

``--vertrouw`` confirms a key by its fingerprint: a pinned secretariat key (only without a site
folder: with one, IT's list decides), or a steller's changed key (as ``meeting accept --vertrouw``).
Exit 0 done, 2 for an unknown fingerprint or a site folder that decides.
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


def secretariat_keys(args: argparse.Namespace) -> tuple[list[dict[str, Any]], str, str]:
    """The known secretariat keys with their trust, where they were read (``map`` or ``cache``),
    and the anchor's Dutch remark (empty when all is well)."""
    from desktop.cli.queue_cmd import queue_dir
    from desktop.queue.keys import fingerprint
    from desktop.queue.secretariat_keys import known_keys
    from desktop.share import ShareError, connect

    fs = connect(queue_dir(args), 20.0)
    source = "map"
    try:
        rows, found = known_keys(fs if fs.available() else None)
        if not fs.available():
            source = "cache"
    except ShareError:
        (rows, found), source = known_keys(None), "cache"
    own = _own_key_ids()
    out = [
        {"key_id": k.key_id, "naam": k.name, "vingerafdruk": fingerprint(k.ed25519_public),
         "vertrouwen": trust, "eigen": k.key_id in own}
        for k, trust in rows
    ]
    remark = found.message or ("" if found.site else
                               "Geen sitemap: nieuwe sleutels van het secretariaat tellen pas na bevestiging.")
    return out, source, remark


def _own_key_ids() -> set[str]:
    """The secretariat keys whose private part this computer holds (none without a keyring)."""
    from desktop.queue.keys import KeyUnavailable
    from desktop.queue.secretariat_keypair import own_keys

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
    secretariat, source, remark = secretariat_keys(args)
    people = people_keys()
    if args.json:
        print_json({"secretariaat": secretariat, "bron": source, "anker": remark, "personen": people})
        return 0
    where = "" if source == "map" else " (de map is niet bereikbaar: laatst geziene sleutels)"
    if remark:
        print(f"Let op: {remark}")
    print(f"Sleutels van het secretariaat{where}:")
    if not secretariat:
        print("  (geen)")
    for r in secretariat:
        mine = " (eigen sleutel)" if r["eigen"] else ""
        print(f"  {r['key_id']}  {r['vingerafdruk']}  {r['vertrouwen']:<20} {r['naam']}{mine}")
    print("Sleutels van personen (vertrouwd bij eerste gebruik):")
    if not people:
        print("  (geen)")
    for r in people:
        print(f"  {r['vingerafdruk']}  {r['vertrouwen']:<16} {r['persoon']}")
    return 0


def trust(wanted: str) -> int:
    """Confirm a secretariat key (without a site folder) or a person's key, by its fingerprint."""
    from desktop.queue.anchor import PinStore, current
    from desktop.queue.trust import TrustStore

    pins = [p for p in PinStore().pins() if _norm(p.fingerprint) == _norm(wanted)]
    if pins:
        if current().site:
            raise CliError(
                "Met een sitemap beslist alleen IT welke sleutels van het secretariaat gelden "
                "(secretariaat-sleutels.txt); bevestigen kan hier niet.",
                f"site folder set; pin {pins[0].key_id} not confirmed",
                2,
            )
        pin = PinStore().confirm(wanted)
        if pin is not None:
            print(f"De sleutel van het secretariaat {pin.key_id} ({pin.fingerprint}) wordt vertrouwd.")
            return 0
    store = TrustStore()
    matches = [
        (person, str(k.get("public_key", "")))
        for person, keys in store.people().items()
        for k in keys
        if isinstance(k, dict) and _norm(str(k.get("fingerprint", ""))) == _norm(wanted)
    ]
    if len({key for _, key in matches}) != 1:
        raise CliError(
            f"Geen sleutel met vingerafdruk '{wanted}' in de lijst; 'sleutels' toont de vingerafdrukken.",
            f"{len(matches)} keys match {wanted!r}",
            2,
        )
    for person, key in matches:  # a key is bound to an account and a name: confirm both
        store.accept(person, key)
    print(f"De sleutel {wanted} van {', '.join(p for p, _ in matches)} wordt vertrouwd.")
    return 0
