"""The agenda steps of ``main.py meeting``: inbox, accept, return, create, list, show, place,
remove, order, freeze and decide. Each takes the ``Secretariaat`` and the parsed arguments
and returns the exit code.

The secretariat's services are imported inside each command, as in every command module:
``main.py --help`` must not load the database layer (``desktop.cli.main``;
tests/storage/test_cli.py::test_help_does_not_import_the_database_layer).
"""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta
from typing import Any

from desktop.cli.meeting_args import meeting_date, resolve
from desktop.cli.output import CliError, print_json
from desktop.domain import workflow as wf
from desktop.domain.dates import DateError, parse_moment
from desktop.domain.text import count_label


def cmd_inbox(sec: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat.overview import inbox_rows

    rows = inbox_rows(sec, meeting_date(args.vergadering) if args.vergadering else None, include_done=args.alles)
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
    number = sec.accept(resolve(sec, args.id), trust_new_key=args.vertrouw)
    print(f"Aanvaard; registratienummer {number}.")
    return 0


def cmd_return(sec: Any, args: argparse.Namespace) -> int:
    sec.send_back(resolve(sec, args.id), args.reden)
    print("Teruggestuurd; de steller ziet de reden.")
    return 0


def cmd_create(sec: Any, args: argparse.Namespace) -> int:
    datum = meeting_date(args.datum)
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

    mt = hydrate(sec, sec.meetings.load(meeting_date(args.datum)))
    if args.json:
        print_json(_meeting_json(mt))
        return 0
    print(f"Vergadering {mt.key} — {mt.status} (versie {mt.version})")
    for nr, it in mt.numbered():
        d = it.besluit_uitkomst
        extra = " na-agenda" if it.na_agenda else ""
        print(f"{nr:>3}. [{it.behandeling}{extra}] {it.registratienummer}  {it.onderwerp}  "
              f"({it.portefeuillehouder}){'  -> ' + d.uitkomst if d else ''}")
        for line in it.route_lines:  # the parafen and adviezen verified at acceptance
            print(f"       {line}")
    return 0


def cmd_place(sec: Any, args: argparse.Namespace) -> int:
    mt = sec.place(meeting_date(args.datum), resolve(sec, args.id), args.kind or "hamerstuk", base=args.basis)
    it = mt.item(resolve(sec, args.id))
    nr = mt.items.index(it) + 1
    print(f"Geplaatst als punt {nr} ({it.behandeling}{', na-agenda' if it.na_agenda else ''}).")
    return 0


def cmd_remove(sec: Any, args: argparse.Namespace) -> int:
    sec.remove(meeting_date(args.datum), resolve(sec, args.id))
    print("Van de agenda gehaald.")
    return 0


def cmd_order(sec: Any, args: argparse.Namespace) -> int:
    datum = meeting_date(args.datum)
    if args.soort:
        sec.set_kind(datum, resolve(sec, args.soort[0]), args.soort[1], base=args.basis)
        args.basis = None
    if args.verplaats:
        try:
            nr = int(args.verplaats[1])
        except ValueError as exc:
            raise CliError("NR moet een getal zijn.", f"bad number {args.verplaats[1]!r}", 2) from exc
        mt = sec.move(datum, resolve(sec, args.verplaats[0]), nr, base=args.basis)
    elif not args.soort:
        mt = sec.order(datum, base=args.basis)
    else:
        mt = sec.meetings.load(datum)
    for nr, it in mt.numbered():
        print(f"{nr:>3}. [{it.behandeling}] {it.registratienummer}  {it.portefeuillehouder}")
    return 0


def cmd_freeze(sec: Any, args: argparse.Namespace) -> int:
    mt = sec.freeze(meeting_date(args.datum))
    print(f"Agenda van {mt.key} vastgesteld ({len(mt.items)} punten).")
    return 0


def cmd_decide(sec: Any, args: argparse.Namespace) -> int:
    mt, d = sec.decide(meeting_date(args.datum), resolve(sec, args.id), args.uitkomst, args.tekst, args.gewijzigd)
    print(f"Besluit vastgelegd: {d.uitkomst}. {d.tekst}")
    if mt.status == wf.MEETING_BESLOTEN:
        print("Alle punten zijn besloten; de vergadering kan worden gepubliceerd.")
    return 0
