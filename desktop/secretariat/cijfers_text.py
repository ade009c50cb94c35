"""Dutch wording of the meetmoment figures: numbers with a decimal comma, the summary table,
and the short generated text that names the biggest changes against the previous meetmoment."""

from __future__ import annotations

from typing import Any

from desktop.domain import workflow as wf

# (key in a trend row, label, kind): kind "pp" compares shares in percentage points,
# "rel" compares relatively, "abs" in the unit itself; `better` says which direction is good.
CHANGE_METRICS = (
    (wf.INGEDIEND, "het aantal ingediende stukken", "rel", 0),
    ("aandeel_teruggestuurd", "het aandeel teruggestuurde stukken", "pp", -1),
    ("aandeel_zonder_fouten", "het aandeel stukken zonder fouten bij aankomst", "pp", 1),
    ("flesch_douma", "de gemiddelde leesbaarheid (Flesch-Douma)", "abs", 1),
    ("paginavulling", "de gemiddelde paginavulling van het A4tje", "pp", 0),
    ("doorlooptijd_mediaan_uren", "de mediane doorlooptijd van aankomst tot terugkoppeling", "rel", -1),
)
# How big a change must be to be worth a sentence, per kind.
THRESHOLD = {"pp": 5.0, "rel": 0.15, "abs": 3.0}


def nl(value: Any, digits: int = 1) -> str:
    """A number the Dutch way (decimal comma); empty for a missing value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.{digits}f}".replace(".", ",")
    return str(value)


def pct(share: Any) -> str:
    return "" if share is None else f"{nl(100 * share, 0)}%"


def days(hours: Any) -> str:
    return "" if hours is None else f"{nl(hours / 24, 1)} dagen"


def summary_rows(fig: dict[str, Any]) -> list[tuple[str, str]]:
    p, q = fig["proces"], fig["kwaliteit"]
    lt = {r["fase"]: r for r in fig["doorlooptijden"]}
    total = lt["aankomst tot terugkoppeling"]
    return [
        ("Ingediend", nl(p[wf.INGEDIEND])),
        ("Aanvaard", nl(p[wf.AANVAARD])),
        ("Teruggestuurd", f"{p[wf.TERUGGESTUURD]} ({pct(p['aandeel_teruggestuurd'])})"
         if p["aandeel_teruggestuurd"] is not None else nl(p[wf.TERUGGESTUURD])),
        ("Ingetrokken", nl(p[wf.INGETROKKEN])),
        ("Aangehouden", nl(p[wf.AANGEHOUDEN])),
        ("Na-agenda", nl(p["na_agenda"])),
        ("Te laat", nl(p["te_laat"])),
        ("Doorlooptijd aankomst tot terugkoppeling (mediaan / p90)",
         f"{days(total['mediaan_uren'])} / {days(total['p90_uren'])}" if total["aantal"] else "geen gegevens"),
        ("Zonder fouten bij aankomst", f"{q['zonder_fouten']} van {q['gemeten']} ({pct(q['aandeel_zonder_fouten'])})"
         if q["gemeten"] else "geen gegevens"),
        ("Leesbaarheid (Flesch-Douma, gemiddeld)", nl(q["flesch_douma"]["gemiddeld"])),
        ("Paginavulling A4tje (gemiddeld)", pct(q["paginavulling"]["gemiddeld"])),
        ("Besluitpunten per stuk (gemiddeld)", nl(q["besluitpunten"]["gemiddeld"])),
    ]


def changes(fig: dict[str, Any], limit: int = 3) -> list[str]:
    """Sentences about the biggest changes from the previous meetmoment to this one."""
    trend = fig.get("trend") or []
    if len(trend) < 2:
        return ["Er is nog geen vorig meetmoment om mee te vergelijken."]
    before, now = trend[-2], trend[-1]
    scored: list[tuple[float, str]] = []
    for key, label, kind, better in CHANGE_METRICS:
        a, b = before.get(key), now.get(key)
        if a is None or b is None or a == b:
            continue
        if kind == "pp":
            delta = 100 * (b - a)
            size = abs(delta) / THRESHOLD[kind]
            how = f"{nl(abs(delta), 0)} procentpunt ({pct(a)} naar {pct(b)})"
        elif kind == "rel":
            if not a:
                continue
            delta = (b - a) / a
            size = abs(delta) / THRESHOLD[kind]
            shown = (days(a), days(b)) if key.endswith("uren") else (nl(a), nl(b))
            how = f"{nl(abs(100 * delta), 0)}% ({shown[0]} naar {shown[1]})"
        else:
            delta = b - a
            size = abs(delta) / THRESHOLD[kind]
            how = f"{nl(abs(delta))} punt ({nl(a)} naar {nl(b)})"
        if size < 1:
            continue
        word = "steeg" if delta > 0 else "daalde"
        verdict = "" if not better else (" (een verbetering)" if delta * better > 0 else " (een verslechtering)")
        scored.append((size, f"{label[0].upper()}{label[1:]} {word} met {how}{verdict}."))
    scored.sort(key=lambda x: -x[0])
    if not scored:
        return [f"Ten opzichte van {before['meetmoment']} zijn er geen grote veranderingen."]
    return [f"Ten opzichte van {before['meetmoment']}:"] + [s for _, s in scored[:limit]]
