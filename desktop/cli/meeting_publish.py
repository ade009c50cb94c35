"""What ``main.py meeting`` gives out and keeps: publish, export and the log.

The secretariat's services are imported inside each command, as in every command module:
``main.py --help`` must not load the database layer (``desktop.cli.main``;
tests/storage/test_cli.py::test_help_does_not_import_the_database_layer).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from desktop.cli.meeting_args import meeting_date, resolve
from desktop.cli.output import print_json


def cmd_publish(sec: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat.publishing import publish

    result = publish(sec, meeting_date(args.datum), Path(args.uit) if args.uit else None, repair=args.herstel)
    print(f"Vergadering {result.meeting.key} gepubliceerd{' (hersteld)' if result.repaired else ''}; "
          "elke steller ziet het besluit over het eigen stuk.")
    for f in result.files:
        print(f"  {f}")
    return 0


def cmd_export(sec: Any, args: argparse.Namespace) -> int:
    from desktop.secretariat import publishing

    datum = meeting_date(args.datum)
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
            ids.add(resolve(sec, wanted))
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
