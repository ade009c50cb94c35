"""``meeting cijfers``: the figures of a meetmoment, as text, JSON, CSV or a report for the GMT;
``meting``: fill in the rolvastheid questionnaire (college members, GMT, stellers).

See ``docs/cijfers.md``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.output import CliError, print_json


def add_arguments(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--meetmoment", metavar="JJJJ-N", help="bijvoorbeeld 2027-1 (standaard: het huidige)")
    sp.add_argument("--van", metavar="DATUM", help="begin van een eigen periode (d-m-jjjj of jjjj-mm-dd)")
    sp.add_argument("--tot", metavar="DATUM", help="einde van die periode (tot en met)")
    sp.add_argument("--directie", metavar="NAAM", help="alleen de stukken van deze directie")
    sp.add_argument("--portefeuillehouder", metavar="NAAM", help="alleen de stukken van deze portefeuillehouder")
    sp.add_argument("--rapport", metavar="BESTAND", help="schrijf het rapport voor het GMT (.docx)")
    sp.add_argument("--csv", metavar="MAP", help="schrijf de tabellen als CSV voor Excel")
    sp.add_argument("--json", action="store_true")


def _period(sec: Any, args: argparse.Namespace) -> Any:
    from desktop.domain.meetmoment import PeriodError
    from desktop.secretariat.cijfers_service import choose

    try:
        return choose(sec, args.meetmoment, args.van, args.tot)
    except PeriodError as exc:
        raise CliError(str(exc), f"bad period: {exc}", 2) from exc


def run(sec: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat.cijfers_service import figures

    period = _period(sec, args)
    fig = figures(sec, period, args.directie, args.portefeuillehouder)
    if args.rapport:
        from desktop.secretariat.cijfers_export import write_report

        out = write_report(fig, Path(args.rapport), sec.formset.config.names.get("organisatie", ""))
        if not args.json:
            print(f"Rapport geschreven: {out}")
    if args.csv:
        from desktop.secretariat.cijfers_export import write_csv

        written = write_csv(fig, Path(args.csv))
        if not args.json:
            print(f"{len(written)} CSV-bestanden geschreven in {args.csv}")
    if args.json:
        print_json(fig)
    elif not args.rapport and not args.csv:
        _print(fig)
    return 0


def _print(fig: dict[str, Any]) -> None:
    from desktop.secretariat.cijfers_text import changes, days, summary_rows

    print(f"Meetmoment {fig['meetmoment']['naam']}")
    for label, value in summary_rows(fig):
        print(f"  {label}: {value}")
    print("Doorlooptijden (mediaan / p90):")
    for r in fig["doorlooptijden"]:
        print(f"  {r['fase']}: " + (f"{days(r['mediaan_uren'])} / {days(r['p90_uren'])} over {r['aantal']} stuk(ken)"
                                    if r["aantal"] else "nog geen gegevens"))
    for sentence in changes(fig):
        print(sentence)


# -- meting: the questionnaire ---------------------------------------------------------------

def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("meting", parents=[common], help="vul de vragenlijst rolvastheid in (anoniem voor het verslag)")
    p.add_argument("--queue", metavar="MAP", help="de gedeelde wachtrijmap (standaard: uit de instellingen)")
    p.add_argument("--meetmoment", metavar="JJJJ-N", help="standaard: het huidige meetmoment")
    p.add_argument("--groep", metavar="GROEP", help="collegelid, GMT of steller")
    p.add_argument("--antwoord", action="append", default=[], metavar="VRAAG=1..5",
                   help="een antwoord, bijvoorbeeld rollen_helder=4 (herhaal per vraag)")
    p.add_argument("--vragen", action="store_true", help="toon de vragen en hun ids")
    p.set_defaults(func=cmd_meting)


def cmd_meting(args: argparse.Namespace) -> int:
    from desktop.config import paths
    from desktop.config.settings import Settings
    from desktop.domain import questionnaire as Q
    from desktop.domain.forms import FormError, default_formset
    from desktop.domain.meetmoment import PeriodError, by_key, containing, periods_from_config
    from desktop.secretariat.errors import SecretariatError
    from desktop.secretariat.metingen import submit

    try:
        form = Q.load()
    except FormError as exc:
        raise CliError(str(exc), exc.detail, 1) from exc
    if args.vragen or not args.antwoord:
        print(form.title)
        print(f"Groepen: {', '.join(form.field(Q.GROUP_FIELD).choices)}")  # type: ignore[union-attr]
        for q in Q.questions(form):
            print(f"  {q.id}: {q.label}")
        print("Schaal: " + "; ".join(f"{i} = {label}" for i, label in enumerate(Q.questions(form)[0].labels, 1)))
        return 0
    answers: dict[str, Any] = {}
    for item in args.antwoord:
        key, sep, value = item.partition("=")
        if not sep:
            raise CliError(f"'{item}' is geen antwoord; schrijf VRAAG=1..5.", f"bad answer {item!r}", 2)
        answers[key.strip()] = value.strip()
    periods = periods_from_config(default_formset().config.lists)
    try:
        from datetime import date

        mm = by_key(args.meetmoment, periods) if args.meetmoment else containing(date.today(), periods)
    except PeriodError as exc:
        raise CliError(str(exc), str(exc), 2) from exc
    if mm is None:
        raise CliError("Vandaag valt in geen meetmoment; geef --meetmoment op.", "no current period", 2)
    queue = Path(args.queue) if args.queue else Settings().queue_dir()
    try:
        submit(queue, form, mm.key, args.groep or "", answers, paths.data_dir())
    except SecretariatError as exc:
        raise CliError(str(exc), exc.detail, 1) from exc
    print(f"Uw antwoorden voor meetmoment {mm.key} zijn versleuteld verstuurd naar het secretariaat. "
          "Vult u opnieuw in, dan telt alleen uw nieuwste antwoord.")
    return 0
