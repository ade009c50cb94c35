"""What a stuk looked like when it arrived: measured once, kept in the share, never re-measured.

For every submission the secretariat sees (accepted, sent back or withdrawn later) one record:
findings per rule, the Flesch-Douma score, the page fill of an A4tje, words per field against
its budget, the number of besluit points, and the version of the rules that measured it. The
trend across meetmomenten compares what was recorded then; old stukken are never validated
again with today's rules. No onderwerp or other content: only numbers, directie and
portefeuillehouder (which every agenda shows anyway).

    secretariaat/aankomsten/<JJJJ-MM>/<inzending-id>.json     written once (first writer wins)

Each is a signed record (``_record`` "aankomst:<id>"); one that does not verify is skipped and
reported, and its name does not keep the real measurement out: that goes next to it as
``<id>.<n>.json``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime
from typing import Any

from desktop import __version__
from desktop.domain.readability import readability
from desktop.domain.rules import known_rule_names
from desktop.domain.text import count_words, plain_text
from desktop.secretariat.records import RecordTrust
from desktop.secretariat.store import ShareLayout
from desktop.share import AlreadyExists

FOLDER = "aankomsten"
PROSE_KINDS = ("text", "points", "body", "appendices")
FORMAAT = 1


def folder(layout: ShareLayout) -> str:
    return f"{layout.root}/{FOLDER}"


def rules_version(form: Any) -> str:
    """Application, form and rule set that produced a measurement: trends say when it changed."""
    names = ",".join(sorted(known_rule_names()))
    digest = hashlib.sha256(names.encode("utf-8")).hexdigest()[:8]
    return f"{__version__}/{form.id}-v{form.version}/regels-{digest}" if form is not None else __version__


def measure(draft: Any, formset: Any, layout_check: Any = None) -> dict[str, Any]:
    """The numbers of one draft at arrival (pure apart from the optional page-fit estimate)."""
    from desktop.domain.validation import validate

    form = formset.get(draft.form) if draft is not None else None
    if form is None:
        return {"meetbaar": False, "regels_versie": rules_version(None)}
    findings = validate(draft, formset, layout=layout_check)
    per_rule: dict[str, Counter[str]] = {}
    for f in findings:
        per_rule.setdefault(f.rule or "overig", Counter())["fouten" if f.is_error else "opmerkingen"] += 1
    prose: list[str] = []
    words: dict[str, dict[str, int | None]] = {}
    for fdef in form.fields:
        if fdef.kind not in PROSE_KINDS or fdef.secretariat:
            continue
        value = draft.values.get(fdef.id)
        text = plain_text(fdef.kind, value)
        prose.append(text)
        if fdef.kind == "points" and isinstance(value, list):
            # The budget of a points field is per point: the longest point counts.
            n = max((count_words(v) for v in value if isinstance(v, str)), default=0)
        else:
            n = count_words(text)
        words[fdef.id] = {"woorden": n, "budget": fdef.max_words}
    score = readability("\n".join(t for t in prose if t.strip())).score
    fill = None
    if form.one_page and layout_check is not None:
        fill = round(layout_check.estimator.measure(draft, form, formset).used_fraction, 3)
    points = draft.values.get("besluit")
    return {
        "meetbaar": True,
        "formulier": form.id,
        "regels_versie": rules_version(form),
        "fouten": sum(1 for f in findings if f.is_error),
        "opmerkingen": sum(1 for f in findings if not f.is_error),
        "per_regel": {rule: dict(c) for rule, c in sorted(per_rule.items())},
        "flesch_douma": round(score, 1) if score is not None else None,
        "paginavulling": fill,
        "woorden": words,
        "besluitpunten": sum(1 for p in points if isinstance(p, str) and p.strip())
        if isinstance(points, list) else None,
    }


def record(trust: RecordTrust, layout: ShareLayout, sub: Any, arrived: datetime, formset: Any,
           layout_check: Any = None) -> bool:
    """Write the arrival record once; False when a colleague's application wrote it first."""
    data = {
        "_record": f"aankomst:{sub.id}",
        "formaat": FORMAAT,
        "inzending": sub.id,
        "aangekomen": arrived.isoformat(timespec="seconds"),
        "directie": sub.value("directie"),
        "portefeuillehouder": sub.value("portefeuillehouder"),
        "soort": sub.value("soort"),
        "vervangt": sub.supersedes or "",
        **measure(sub.draft, formset, layout_check),
    }
    base = f"{folder(layout)}/{arrived.strftime('%Y-%m')}/{sub.id}"
    content = trust.sign(data)
    for n in range(10):
        path = f"{base}.json" if n == 0 else f"{base}.{n}.json"
        try:
            layout.share.write_exclusive(path, content)
        except AlreadyExists:
            if trust.read(path, data["_record"]) is not None:
                return False  # a colleague's application measured it first
            continue  # a file that does not verify holds the name
        return True
    return False


def read_months(trust: RecordTrust, layout: ShareLayout, months: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Arrival records per submission (the earliest when two secretaries both recorded one).

    ``months`` ("2027-01", ...) limits the folders read: a meetmoment reads its own months.
    A damaged or forged file is skipped and reported; it never stops the listing. One share
    call per month folder (a hang still ends within the time-out).
    """
    out: dict[str, dict[str, Any]] = {}
    root = folder(layout)
    for month in layout.share.list_names(root):
        if months is not None and month not in months:
            continue
        found = layout.share.run(lambda month=month: _read_month(trust, f"{root}/{month}"), None,
                                 "metingen bij aankomst lezen")
        for sid, data in found:
            if sid not in out or str(data["aangekomen"]) < str(out[sid]["aangekomen"]):
                out[sid] = data
    return out


def _read_month(trust: RecordTrust, folder: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for name in trust.share.list_names(folder):
        if not name.endswith(".json"):
            continue
        data = trust.read(f"{folder}/{name}", None)
        if data is None or not isinstance(data.get("inzending"), str):
            continue
        if data.get("_record") != f"aankomst:{data['inzending']}":
            trust.report(f"{folder}/{name}", "Het bestand hoort bij een ander record.", "bad _record")
            continue
        try:
            datetime.fromisoformat(str(data.get("aangekomen")))
        except ValueError:
            continue
        out.append((data["inzending"], data))
    return out
