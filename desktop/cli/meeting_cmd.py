"""``main.py meeting ...``: the secretariat's whole cycle, scriptable.

init, inbox, accept, return, create, list, show, place, remove, order, freeze, decide,
publish, export, log, cijfers, keys, window. See ``docs/secretariat.md``. This module
holds the parser and the runner (the service, the key check, warnings); the commands are
in ``meeting_agenda`` (inbox to decide), ``meeting_publish`` (publish, export, log) and
``meeting_admin`` (init, keys, problemen, migreer, cijfers, window).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli import cijfers_cmd
from desktop.cli.meeting_admin import (
    cmd_figures,
    cmd_init,
    cmd_keys,
    cmd_migrate,
    cmd_problems,
    cmd_window,
)
from desktop.cli.meeting_agenda import (
    cmd_accept,
    cmd_create,
    cmd_decide,
    cmd_freeze,
    cmd_inbox,
    cmd_list,
    cmd_order,
    cmd_place,
    cmd_remove,
    cmd_return,
    cmd_show,
)
from desktop.cli.meeting_publish import cmd_export, cmd_log, cmd_publish
from desktop.cli.output import CliError
from desktop.domain import workflow as wf


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    shared = argparse.ArgumentParser(add_help=False, parents=[common])
    shared.add_argument("--queue", metavar="MAP", help="de gedeelde wachtrijmap (standaard: uit de instellingen)")
    shared.add_argument("--door", metavar="NAAM", help="wie de wijziging doet (standaard: eigen naam en account)")
    p = sub.add_parser("meeting", parents=[common], help="secretariaat: inbox, vergaderingen, besluiten")
    msub = p.add_subparsers(dest="meeting_command", metavar="STAP", required=True)

    def cmd(name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
        sp = msub.add_parser(name, parents=[shared], help=help_text)
        sp.set_defaults(func=lambda args: _run(func, args))
        return sp

    cmd("init", "maak de gedeelde wachtrijmap (map en ondertekend kenmerkbestand)", cmd_init)

    sp = cmd("inbox", "inzendingen in de wachtrij, met controle en te laat", cmd_inbox)
    sp.add_argument("--vergadering", metavar="DATUM", help="te laat ten opzichte van deze vergadering")
    sp.add_argument("--alles", action="store_true", help="alles tonen: ook afgehandelde inzendingen (archief)")
    sp.add_argument("--json", action="store_true")

    sp = cmd("accept", "aanvaard een inzending: kent het registratienummer toe", cmd_accept)
    sp.add_argument("id", metavar="INZENDING")
    sp.add_argument("--vertrouw", action="store_true", help="vertrouw de nieuwe sleutel van de steller")

    sp = cmd("return", "stuur een inzending terug naar de steller", cmd_return)
    sp.add_argument("id", metavar="INZENDING")
    sp.add_argument("--reden", required=True, help="waarom; de steller ziet dit")

    sp = cmd("create", "maak een vergadering aan", cmd_create)
    sp.add_argument("datum", metavar="DATUM", help="d-m-jjjj (of jjjj-mm-dd)")
    sp.add_argument("--sluiting", metavar="MOMENT",
                    help="sluitingstijd, 'd-m-jjjj uu:mm' (standaard: 5 dagen ervoor, 12:00)")
    sp.add_argument("--zonder-aangehouden", action="store_true",
                    help="aangehouden stukken niet automatisch op deze agenda zetten")

    sp = cmd("list", "de vergaderingen", cmd_list)
    sp.add_argument("--json", action="store_true")

    sp = cmd("show", "de agenda van een vergadering", cmd_show)
    sp.add_argument("datum", metavar="DATUM")
    sp.add_argument("--json", action="store_true")

    sp = cmd("place", "zet een aanvaard stuk op de agenda (standaard als hamerstuk)", cmd_place)
    sp.add_argument("datum", metavar="DATUM")
    sp.add_argument("id", metavar="INZENDING")
    kind = sp.add_mutually_exclusive_group()
    kind.add_argument("--hamer", dest="kind", action="store_const", const="hamerstuk",
                      help="als hamerstuk (de standaard zonder --hamer of --bespreek)")
    kind.add_argument("--bespreek", dest="kind", action="store_const", const="bespreekstuk",
                      help="als bespreekstuk")
    sp.add_argument("--basis", type=int, metavar="VERSIE", help="weiger als de vergadering niet meer deze versie is")

    sp = cmd("remove", "haal een stuk van een concept-agenda", cmd_remove)
    sp.add_argument("datum", metavar="DATUM")
    sp.add_argument("id", metavar="INZENDING")

    sp = cmd("order", "automatische volgorde, of --verplaats een punt", cmd_order)
    sp.add_argument("datum", metavar="DATUM")
    sp.add_argument("--verplaats", nargs=2, metavar=("INZENDING", "NR"), help="geef een punt nummer NR")
    sp.add_argument("--soort", nargs=2, metavar=("INZENDING", "SOORT"), help="hamerstuk of bespreekstuk")
    sp.add_argument("--basis", type=int, metavar="VERSIE")

    sp = cmd("freeze", "stel de agenda vast", cmd_freeze)
    sp.add_argument("datum", metavar="DATUM")

    sp = cmd("decide", "leg het besluit over een agendapunt vast", cmd_decide)
    sp.add_argument("datum", metavar="DATUM")
    sp.add_argument("id", metavar="INZENDING")
    sp.add_argument("uitkomst", choices=wf.OUTCOMES)
    sp.add_argument("--tekst", default="", help="de besluittekst (standaard: afgeleid van het voorstel)")
    sp.add_argument(f"--{wf.GEWIJZIGD}", default="", help="de gewijzigde besluittekst (bij 'gewijzigd')")

    sp = cmd("publish", "publiceer besluitenlijst en terugkoppeling", cmd_publish)
    sp.add_argument("datum", metavar="DATUM")
    sp.add_argument("--uit", metavar="MAP", help="map voor besluitenlijst, terugkoppeling en definitieve stukken")
    sp.add_argument("--herstel", action="store_true", help="maak een onderbroken publicatie af")

    sp = cmd("export", "agenda, vergaderset of definitieve stukken als .docx", cmd_export)
    sp.add_argument("datum", metavar="DATUM")
    what = sp.add_mutually_exclusive_group(required=True)
    what.add_argument("--agenda", metavar="BESTAND")
    what.add_argument("--set", metavar="MAP", help="agenda plus elk stuk met registratienummer")
    what.add_argument("--besluiten", metavar="MAP", help="besluitenlijst, terugkoppeling, definitieve stukken")

    sp = cmd("log", "het logboek van statuswijzigingen", cmd_log)
    sp.add_argument("onderwerp", nargs="?", metavar="DATUM|INZENDING")
    sp.add_argument("--json", action="store_true")

    sp = cmd("cijfers", "de cijfers van een meetmoment: proces, kwaliteit, rolvastheid; rapport en CSV", cmd_figures)
    cijfers_cmd.add_arguments(sp)

    sp = cmd("keys", "maak of toon de sleutel van het secretariaat", cmd_keys)
    sp.add_argument("--nieuw", action="store_true",
                    help="maak een sleutel en toon het id voor IT (de map blijft onaangeroerd)")
    sp.add_argument("--overdragen", metavar="SLEUTEL_ID",
                    help="onderteken de records van die sleutel opnieuw met de eigen sleutel (voor het intrekken)")

    sp = cmd("problemen", "bestanden in de gedeelde map die niet worden vertrouwd (niet ondertekend, vervalst, "
             "beschadigd, teruggezet)", cmd_problems)
    sp.add_argument("--json", action="store_true")

    cmd("migreer", "onderteken eenmalig de records van een gedeelde map van vóór de ondertekening", cmd_migrate)

    cmd("window", "open het venster van het secretariaat", cmd_window)


def _run(func: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat.errors import SecretariatError
    from desktop.secretariat.queue_source import own_key
    from desktop.share import ShareError

    sec = _service(args)
    try:
        if func not in (cmd_keys, cmd_figures):
            # Only a secretariat key that the trust anchor trusts may act. 'keys' makes one;
            # 'cijfers' only reads aggregate figures (the survey answers need a key to decrypt).
            own_key()
        code = int(func(sec, args) or 0)
    except (SecretariatError, ShareError) as exc:
        _warn(sec)
        raise CliError(str(exc), getattr(exc, "detail", ""), 1) from exc
    _warn(sec)
    return code


def _warn(sec: Any) -> None:
    import sys

    for w in sec.warnings:
        print(f"Let op: {w}", file=sys.stderr)
    for p in sec.problems:
        print(f"Probleem: {p.waar}: {p.melding}", file=sys.stderr)


def _service(args: argparse.Namespace) -> Any:
    from desktop.config.settings import Settings
    from desktop.secretariat.service import Secretariaat

    queue = Path(args.queue) if args.queue else Settings().queue_dir()
    return Secretariaat(queue, actor=args.door or None)
