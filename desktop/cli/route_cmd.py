"""``main.py route status | request | inbox | sign | advise | sleutel``: parafen en adviezen.

Exit codes: 0 done (also when a request or decision waits in the outbox, or when the same
content already waits for the same addressee: nothing is sent again), 1 the route
is not complete (``status``) or the action is refused, 2 bad input, no keyring or no route.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.draft_input import load_draft_arg
from desktop.cli.output import CliError, print_json
from desktop.cli.queue_cmd import _attachments, _draft_identity, queue_dir
from desktop.domain import route as R
from desktop.domain import workflow as wf
from desktop.domain.dates import format_date, parse_date
from desktop.queue.keys import KeyUnavailable, os_account
from desktop.queue.route_share import AlreadyWaiting, RouteError


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    opts = argparse.ArgumentParser(add_help=False)
    opts.add_argument("--queue", metavar="MAP", help="de wachtrijmap (standaard: uit de instellingen)")
    opts.add_argument("--timeout", type=float, default=20.0, metavar="SECONDEN",
                      help="hoe lang wachten op de gedeelde map")
    json_opt = argparse.ArgumentParser(add_help=False)
    json_opt.add_argument("--json", action="store_true", help="uitvoer als JSON")
    files = argparse.ArgumentParser(add_help=False)
    files.add_argument("--bijlage", action="append", default=[], metavar="BESTAND", help="een bijlage (herhaalbaar)")
    files.add_argument("--bijlagen-map", metavar="MAP", help="map waarin de bijlagen uit het concept staan")

    p = sub.add_parser("route", parents=[common], help="parafen en adviezen vóór het indienen")
    rsub = p.add_subparsers(dest="route_command", metavar="OPDRACHT", required=True)
    s = rsub.add_parser("status", parents=[common, opts, json_opt, files], help="wie nog moet paraferen of adviseren")
    s.add_argument("draft", metavar="CONCEPT", help="een conceptbestand (.json) of een concept-id")
    s.add_argument("--offline", action="store_true", help="niet in de gedeelde map kijken")
    s.set_defaults(func=run_status)
    r = rsub.add_parser("request", parents=[common, opts, files], help="stuur een stuk ter parafering of advisering")
    r.add_argument("draft", metavar="CONCEPT", help="een conceptbestand (.json) of een concept-id")
    r.add_argument("--aan", required=True, metavar="NAAM|AFDELING", help="de parafeerder of de adviserende afdeling")
    r.add_argument("--met-opmerkingen", action="store_true",
                   help="een nieuwe ronde: de nog open opmerkingen van eerdere rondes gaan mee")
    r.set_defaults(func=run_request)
    i = rsub.add_parser("inbox", parents=[common, opts, json_opt], help="wat op uw paraaf of advies wacht")
    i.set_defaults(func=run_inbox)
    g = rsub.add_parser("sign", parents=[common, opts], help="paraferen: akkoord, opmerkingen of niet-akkoord")
    g.add_argument("id", metavar="ID", help="het verzoek (de eerste tekens zijn genoeg)")
    g.add_argument("oordeel", choices=list(R.PARAAF_VERDICTS), metavar="akkoord|opmerkingen|niet-akkoord")
    g.add_argument("--tekst", default="", help="toelichting; verplicht bij niet-akkoord")
    g.add_argument("--opmerking", action="append", default=[], metavar="VELD:BEGIN-EIND:TEKST",
                   help="een opmerking bij een stuk tekst van een veld (herhaalbaar)")
    g.set_defaults(func=run_sign, soort=R.PARAAF)
    a = rsub.add_parser("advise", parents=[common, opts], help="adviseren: positief, opmerkingen of negatief")
    a.add_argument("id", metavar="ID", help="het verzoek (de eerste tekens zijn genoeg)")
    a.add_argument("oordeel", choices=list(R.ADVICE_VERDICTS), metavar="positief|opmerkingen|negatief")
    a.add_argument("--tekst", required=True, help="het advies")
    a.add_argument("--opmerking", action="append", default=[], metavar="VELD:BEGIN-EIND:TEKST",
                   help="een opmerking bij een stuk tekst van een veld (herhaalbaar)")
    a.set_defaults(func=run_sign, soort=R.ADVIES)
    h = rsub.add_parser("afgehandeld", parents=[common], help="markeer opmerkingen als afgehandeld")
    h.add_argument("opmerking", nargs="+", metavar="OPMERKING_ID", help="het id uit 'route status' (herhaalbaar)")
    h.set_defaults(func=run_handled)
    k = rsub.add_parser("sleutel", parents=[common, opts], help="toon uw sleutel-id voor de routeconfiguratie")
    k.add_argument("--naam", default="", help="uw naam bij de gepubliceerde sleutel")
    k.set_defaults(func=run_key)


def note_state(key: str, state: str, detail: str) -> None:
    """Record the route's state on a stored draft when the workflow allows it (a file has none)."""
    from desktop.queue.route_watch import draft_id_of
    from desktop.storage.service import DraftStore

    draft_id = draft_id_of(key)
    if draft_id is not None:
        with DraftStore() as store:
            store.steller_step(draft_id, state, detail=detail, actor=os_account())


def _formset() -> Any:
    from desktop.cli.forms_cmd import load_formset

    return load_formset()


def _errors(fn: Any) -> Any:
    try:
        return fn()
    except RouteError as exc:
        code = 1 if type(exc).__name__ == "RouteRefused" else 2
        raise CliError(str(exc), exc.detail, code) from exc
    except KeyUnavailable as exc:
        raise CliError(str(exc), exc.detail, 2) from exc


def _draft_args(args: argparse.Namespace) -> tuple[Any, str, list[Any]]:
    draft = load_draft_arg(args.draft)
    draft_id, draft_file = _draft_identity(args.draft)
    # A stored draft by its id, a file by its path; the route also finds requests by content.
    key = f"concept:{draft_id}" if draft_file is None else f"bestand:{draft_file.resolve()}"
    return draft, key, _attachments(draft, args, draft_file)


def run_status(args: argparse.Namespace) -> int:
    from desktop.queue.route_service import deliver_all, status

    draft, key, attachments = _draft_args(args)
    formset = _formset()
    waiting: dict[str, str] = {}
    if not args.offline:
        _, waiting = _errors(lambda: deliver_all(timeout=args.timeout))
    st = _errors(lambda: status(draft, formset=formset, queue_dir=queue_dir(args), draft_key=key,
                                attachments=attachments, online=not args.offline, timeout=args.timeout))
    if st.steps and not st.reason:
        note_state(key, wf.GEREED, "parafen en adviezen compleet")
    if args.json:
        print_json(st.to_json())
        return 0 if not st.reason else 1
    if st.notice:
        print(st.notice)
    if not st.steps and not st.reason:
        print("Voor dit stuk zijn geen parafen of adviezen nodig.")
        return 0
    for step in st.steps:
        line = f"{step.step.label}: {step.state}"
        if step.decision is not None:
            d = step.decision
            line = f"{step.step.label}: {d.oordeel} ({R.signed_by(step)})"
            if d.tekst:
                line += f" - {d.tekst}"
        elif step.due is not None:
            line += f", termijn {format_date(step.due)}" + (" (TE LAAT)" if step.late else "")
        print(line)
        for why in step.rejected:
            print(f"    telt niet: {why}")
    for rem in st.remarks:
        print(f"opmerking {rem['id']} van {rem['naam']} ({rem['stap']}) bij {rem.get('veld')} "
              f"\"{rem.get('citaat')}\": {rem.get('tekst')}")
    for problem in st.problems:
        print(f"probleem: {problem}")
    if st.offline:
        print("De gedeelde map is niet bereikbaar; getoond wat eerder is opgehaald.")
    _print_waiting(waiting)
    print("De route is compleet." if not st.reason else st.reason)
    return 0 if not st.reason else 1


def run_request(args: argparse.Namespace) -> int:
    from desktop.queue.route_service import request, status

    draft, key, attachments = _draft_args(args)
    remarks: list[Any] = []
    if args.met_opmerkingen:  # what was fetched before: the open remarks of earlier rounds
        remarks = _errors(lambda: status(draft, formset=_formset(), queue_dir=None, draft_key=key,
                                         attachments=attachments, online=False)).remarks

    def send() -> Any:
        try:
            return request(draft, aan=args.aan, formset=_formset(), queue_dir=queue_dir(args), draft_key=key,
                           attachments=attachments, timeout=args.timeout, remarks=remarks)
        except AlreadyWaiting as exc:  # nothing to do: said, and exit 0 (as 'submit' of the same content)
            return exc

    sent = _errors(send)
    if isinstance(sent, AlreadyWaiting):
        print(str(sent))
        return 0
    rid, name, delivered = sent
    where = "verstuurd" if delivered else "wacht in de uitbak tot de gedeelde map bereikbaar is"
    advice = name in _formset().config.route.adviseurs
    note_state(key, wf.TER_ADVISERING if advice else wf.TER_PARAFERING, f"verzoek {rid} aan {name}")
    print(f"Verzoek {rid} aan {name}: {where}.")
    return 0


def run_inbox(args: argparse.Namespace) -> int:
    from desktop.queue.route_inbox import inbox
    from desktop.queue.route_service import deliver_all

    _, waiting = _errors(lambda: deliver_all(timeout=args.timeout))
    rows, problems = _errors(lambda: inbox(_formset(), queue_dir(args), args.timeout))
    if args.json:
        print_json({"verzoeken": rows, "problemen": problems})
        return 0
    if not rows:
        print("Er wacht niets op uw paraaf of advies.")
    for r in rows:
        late = " (TE LAAT)" if r["te_laat"] else ""
        print(f"{r['id']}  {r['soort']}  {r['onderwerp']}  [{r['steller']}, {r['classificatie']}]"
              f"  termijn {format_date(parse_date(r['termijn']))}{late}")
        print(f"    verstuurd door {r['account']}, sleutel {r['sleutel'][:19]}")
    for p in problems:
        print(f"probleem: {p}")
    _print_waiting(waiting)
    return 0


def _print_waiting(waiting: dict[str, str]) -> None:
    for item_id, reason in waiting.items():
        print(f"In de uitbak: {item_id[:8]} ({reason})")


def run_sign(args: argparse.Namespace) -> int:
    from desktop.queue.route_decide import decide

    did, summary, delivered = _errors(lambda: decide(
        args.id, args.soort, args.oordeel, args.tekst, formset=_formset(), queue_dir=queue_dir(args),
        remarks=args.opmerking, timeout=args.timeout))
    where = "verstuurd" if delivered else "wacht in de uitbak tot de gedeelde map bereikbaar is"
    print(f"Getekend: {summary}; {where}.")
    return 0


def run_handled(args: argparse.Namespace) -> int:
    from desktop.queue.route_local import RouteStore

    RouteStore().add_handled(list(args.opmerking))
    print(f"{len(args.opmerking)} opmerking(en) afgehandeld.")
    return 0


def run_key(args: argparse.Namespace) -> int:
    from desktop.queue.keys import load_identity
    from desktop.queue.route_service import ensure_published
    from desktop.share import ShareError, connect

    identity = _errors(load_identity)
    print(f"Uw sleutel-id: {identity.fingerprint}")
    print("Geef dit id aan de beheerder voor [[routesleutels]] in config.toml van de sitemap.")
    fs = connect(Path(queue_dir(args)))
    try:
        fs.run(lambda: ensure_published(fs, identity, args.naam or identity.account), args.timeout, "routesleutel")
        print("Uw routesleutel staat in de gedeelde map.")
    except ShareError as exc:
        print(f"De gedeelde map is niet bereikbaar ({exc.reason}); de routesleutel wordt later gepubliceerd.")
    return 0
