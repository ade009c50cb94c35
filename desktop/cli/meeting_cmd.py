"""``main.py meeting ...``: the secretariat's whole cycle, scriptable.

init, inbox, accept, return, create, list, show, place, remove, order, freeze, decide,
publish, export, log, cijfers, keys, window. See ``docs/secretariat.md``.
"""

from __future__ import annotations

import argparse
import contextlib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.cli import cijfers_cmd
from desktop.cli.output import CliError, print_json
from desktop.domain import workflow as wf
from desktop.domain.dates import DateError, parse_date, parse_moment
from desktop.domain.text import count_label


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


def _date(text: str) -> date:
    try:
        return parse_date(text)
    except DateError as exc:
        raise CliError(str(exc), f"bad date {text!r}", 2) from exc


def _resolve(sec: Any, text: str) -> str:
    """A submission id from an id, a unique id prefix of 6+ characters, or a registratienummer."""
    zaken = sec.zaken.all()
    if text in zaken:
        return text
    by_number = [sid for sid, z in zaken.items() if z.get("registratienummer") == text]
    if by_number:
        # A new version keeps its predecessor's number: the accepted one is meant.
        by_number.sort(key=lambda sid: zaken[sid].get("status") == wf.AANVAARD)
        return by_number[-1]
    if len(text) >= 6:
        matches = {sid for sid in zaken if sid.startswith(text)}
        # When the queue is not readable an exact id still works below.
        with contextlib.suppress(Exception):
            matches |= {s.id for s in sec.source.submissions() if s.id.startswith(text)}
        if len(matches) == 1:
            return matches.pop()
    return text


def cmd_inbox(sec: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat.overview import inbox_rows

    rows = inbox_rows(sec, _date(args.vergadering) if args.vergadering else None, include_done=args.alles)
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("De inbox is leeg.")
    for r in rows:
        flags = [r["verificatie"]]
        if r["te_laat"]:
            flags.append(f"TE LAAT voor {r['vergadering']}")
        errors = sum(1 for f in r["bevindingen"] if f["ernst"] == "fout")
        if r["bevindingen"]:
            flags.append(f"{count_label(errors, 'fout', 'fouten')}, "
                         f"{count_label(len(r['bevindingen']) - errors, 'opmerking', 'opmerkingen')}")
        number = f" {r['registratienummer']}" if r["registratienummer"] else ""
        who = f"{r['account'] or '?'}, sleutel {r['vingerafdruk'] or '?'}"
        print(f"{r['id']}{number}  {r['onderwerp']}  [{r['steller']}, {r['directie']}; {who}]")
        print(f"    {r['status']}; {'; '.join(flags)}{'; reden: ' + r['reden'] if r['reden'] else ''}")
        route = r.get("route")
        if route:
            state = "route volledig, geverifieerd" if route["compleet"] else "route ONVOLLEDIG"
            print(f"    {state}" + "".join(f"\n      {line}" for line in route["regels"]))
            for problem in route["problemen"]:
                print(f"      probleem: {problem}")
    return 0


def cmd_accept(sec: Any, args: argparse.Namespace) -> int:
    number = sec.accept(_resolve(sec, args.id), trust_new_key=args.vertrouw)
    print(f"Aanvaard; registratienummer {number}.")
    return 0


def cmd_return(sec: Any, args: argparse.Namespace) -> int:
    sec.send_back(_resolve(sec, args.id), args.reden)
    print("Teruggestuurd; de steller ziet de reden.")
    return 0


def cmd_create(sec: Any, args: argparse.Namespace) -> int:
    datum = _date(args.datum)
    if args.sluiting:
        try:
            sluiting = parse_moment(args.sluiting)
        except DateError as exc:
            raise CliError(str(exc), f"bad cut-off {args.sluiting!r}", 2) from exc
    else:
        sluiting = datetime.combine(datum - timedelta(days=5), datetime.min.time()).replace(hour=12)
    meeting = sec.create_meeting(datum, sluiting, take_held=not args.zonder_aangehouden)
    print(f"Vergadering {meeting.key} aangemaakt (sluiting {sluiting:%d-%m-%Y %H:%M}).")
    for it in meeting.items:
        print(f"  aangehouden stuk teruggeplaatst: {it.registratienummer} (van {it.aangehouden_van})")
    return 0


def _meeting_json(mt: Any) -> dict[str, Any]:
    data = mt.to_json()
    data["versie"] = mt.version
    for (nr, _), item in zip(mt.numbered(), data["agenda"], strict=True):
        item["nr"] = nr
    return data


def cmd_list(sec: Any, args: argparse.Namespace) -> int:
    meetings = sec.list_meetings()
    if args.json:
        print_json([{"datum": mt.key, "status": mt.status, "sluiting": mt.sluiting.isoformat(timespec="minutes"),
                     "punten": len(mt.items), "versie": mt.version} for mt in meetings])
        return 0
    if not meetings:
        print("Er zijn nog geen vergaderingen.")
    for mt in meetings:
        print(f"{mt.key}  {mt.status:<12}  {count_label(len(mt.items), 'punt', 'punten')}  sluiting {mt.sluiting:%d-%m-%Y %H:%M}")
    return 0


def cmd_show(sec: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat.publishing import hydrate

    mt = hydrate(sec, sec.meetings.load(_date(args.datum)))
    if args.json:
        print_json(_meeting_json(mt))
        return 0
    print(f"Vergadering {mt.key} — {mt.status} (versie {mt.version})")
    for nr, it in mt.numbered():
        d = it.besluit_uitkomst
        extra = " na-agenda" if it.na_agenda else ""
        print(f"{nr:>3}. [{it.behandeling}{extra}] {it.registratienummer}  {it.onderwerp}  "
              f"({it.portefeuillehouder}){'  -> ' + d.uitkomst if d else ''}")
    return 0


def cmd_place(sec: Any, args: argparse.Namespace) -> int:
    mt = sec.place(_date(args.datum), _resolve(sec, args.id), args.kind or "hamerstuk", base=args.basis)
    it = mt.item(_resolve(sec, args.id))
    nr = mt.items.index(it) + 1
    print(f"Geplaatst als punt {nr} ({it.behandeling}{', na-agenda' if it.na_agenda else ''}).")
    return 0


def cmd_remove(sec: Any, args: argparse.Namespace) -> int:
    sec.remove(_date(args.datum), _resolve(sec, args.id))
    print("Van de agenda gehaald.")
    return 0


def cmd_order(sec: Any, args: argparse.Namespace) -> int:
    datum = _date(args.datum)
    if args.soort:
        sec.set_kind(datum, _resolve(sec, args.soort[0]), args.soort[1], base=args.basis)
        args.basis = None
    if args.verplaats:
        try:
            nr = int(args.verplaats[1])
        except ValueError as exc:
            raise CliError("NR moet een getal zijn.", f"bad number {args.verplaats[1]!r}", 2) from exc
        mt = sec.move(datum, _resolve(sec, args.verplaats[0]), nr, base=args.basis)
    elif not args.soort:
        mt = sec.order(datum, base=args.basis)
    else:
        mt = sec.meetings.load(datum)
    for nr, it in mt.numbered():
        print(f"{nr:>3}. [{it.behandeling}] {it.registratienummer}  {it.portefeuillehouder}")
    return 0


def cmd_freeze(sec: Any, args: argparse.Namespace) -> int:
    mt = sec.freeze(_date(args.datum))
    print(f"Agenda van {mt.key} vastgesteld ({len(mt.items)} punten).")
    return 0


def cmd_decide(sec: Any, args: argparse.Namespace) -> int:
    mt, d = sec.decide(_date(args.datum), _resolve(sec, args.id), args.uitkomst, args.tekst, args.gewijzigd)
    print(f"Besluit vastgelegd: {d.uitkomst}. {d.tekst}")
    if mt.status == wf.MEETING_BESLOTEN:
        print("Alle punten zijn besloten; de vergadering kan worden gepubliceerd.")
    return 0


def cmd_publish(sec: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat.publishing import publish

    result = publish(sec, _date(args.datum), Path(args.uit) if args.uit else None, repair=args.herstel)
    print(f"Vergadering {result.meeting.key} gepubliceerd{' (hersteld)' if result.repaired else ''}; "
          "elke steller ziet het besluit over het eigen stuk.")
    for f in result.files:
        print(f"  {f}")
    return 0


def cmd_export(sec: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat import publishing

    datum = _date(args.datum)
    if args.agenda:
        files = [publishing.export_agenda(sec, datum, Path(args.agenda))]
    elif args.set:
        files = publishing.export_set(sec, datum, Path(args.set))
    else:
        files = publishing.write_documents(sec, sec.meetings.load(datum), Path(args.besluiten))
    for f in files:
        print(f)
    return 0


def cmd_log(sec: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat import events

    entries = events.read_all(sec.trust, sec.layout.log)
    if args.onderwerp:
        wanted = args.onderwerp.strip()
        try:
            key = date.fromisoformat(wanted).isoformat()
        except ValueError:
            # What every other meeting command accepts: an id, a unique prefix, a registratienummer
            # (all versions of the stuk that carry it).
            ids = {sid for sid, z in sec.zaken.all().items() if z.get("registratienummer") == wanted}
            ids.add(_resolve(sec, wanted))
            entries = [e for e in entries if e.get("onderwerp_id") in ids or e.get("registratienummer") == wanted]
        else:
            entries = [e for e in entries if key in (e.get("onderwerp_id"), e.get("vergadering"))]
    if args.json:
        print_json(entries)
        return 0
    if not entries:
        print("Geen logregels" + (f" voor '{args.onderwerp}'." if args.onderwerp else "."))
    for e in entries:
        rest = {k: v for k, v in e.items() if k not in ("soort", "door", "op", "onderwerp_id")}
        print(f"{e.get('op')}  {e.get('soort'):<22} {e.get('onderwerp_id')}  door {e.get('door')}  {rest or ''}")
    return 0


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
    from desktop.queue import secretariat_keys as SK
    from desktop.queue.keys import fingerprint
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
    keys = SK.own_keys()
    if not keys:
        raise CliError("Deze computer heeft geen sleutel van het secretariaat; maak er een met --nieuw.",
                       "no own secretariat keys", 1)
    allowed = SK.site_allowed_key_ids()
    for key in keys:
        trust = "geen sitemap: deze computer mag handelen" if allowed is None else (
            "vertrouwd (op de lijst van IT)" if key.key_id in allowed else "niet op de lijst van IT")
        print(f"Sleutel van het secretariaat: {key.key_id} ({key.name}); "
              f"{fingerprint(key.public.ed25519_public)}; {trust}.")
    return 0


def cmd_window(sec: Any, args: argparse.Namespace) -> int:
    from desktop.ui.secretariat.window import run

    return run(sec)
