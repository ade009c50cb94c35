"""The meetmoment figures as a house-style .docx for the GMT and as CSV tables for Dutch Excel.

CSV: semicolons, a decimal comma and a UTF-8 byte-order mark, which Dutch Excel opens
directly (one file per table). The report: a summary table, the charts as images, the
biggest changes against the previous meetmoment in words, and the tables per directie,
per portefeuillehouder and for rolvastheid (aggregates only, never a name).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from desktop.domain import workflow as wf
from desktop.secretariat import charts
from desktop.secretariat.cijfers_text import changes, nl, pct, summary_rows
from desktop.secretariat.documents import _save, _table, open_house_style
from desktop.secretariat.errors import SecretariatError

CHART_TITLES = {
    "doorlooptijden": "doorlooptijden per fase", "regels": "bevindingen bij aankomst per regel",
    "leesbaarheid": "leesbaarheid bij aankomst", "paginavulling": "paginavulling van het A4tje",
    "trend": "trend over de meetmomenten", "rolvastheid": "rolvastheid per groep",
}
SUMMARY_KEYS = (wf.INGEDIEND, wf.AANVAARD, wf.TERUGGESTUURD, "aandeel_teruggestuurd", wf.AANGEHOUDEN,
                "aandeel_zonder_fouten", "flesch_douma", "paginavulling", "doorlooptijd_mediaan_uren")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def tables(fig: dict[str, Any]) -> dict[str, list[list[Any]]]:
    """Every table of the figures, header row first."""
    q = fig["kwaliteit"]
    out: dict[str, list[list[Any]]] = {
        "samenvatting": [["onderdeel", "waarde"], *[list(r) for r in summary_rows(fig)]],
        "proces": [["telling", "aantal"], *[[k, v] for k, v in fig["proces"].items() if not isinstance(v, dict)],
                   *[[f"uitkomst {k}", v] for k, v in fig["proces"]["uitkomsten"].items()]],
        "doorlooptijden": [["fase", "aantal", "mediaan_uren", "p90_uren"],
                           *[[r["fase"], r["aantal"], r["mediaan_uren"], r["p90_uren"]] for r in fig["doorlooptijden"]]],
        "regels": [["regel", "fouten", "opmerkingen", "stukken"],
                   *[[r, c.get("fouten", 0), c.get("opmerkingen", 0), c.get("stukken", 0)]
                     for r, c in q["per_regel"].items()]],
        "leesbaarheid": [["band", "stukken"], *[[k, v] for k, v in q["flesch_douma"]["verdeling"].items()]],
        "paginavulling": [["vulling", "a4tjes"], *[[k, v] for k, v in q["paginavulling"]["verdeling"].items()]],
        "woorden": [["veld", "gemiddeld", "budget", "boven_budget", "aantal"],
                    *[[f, w["gemiddeld"], w["budget"], w["boven_budget"], w["aantal"]] for f, w in q["woorden"].items()]],
        "besluitpunten": [["punten", "stukken"], *[[k, v] for k, v in q["besluitpunten"]["verdeling"].items()]],
        "terugstuurredenen": [["reden", "aantal"], *[[k, v] for k, v in fig["terugstuurredenen"].items()]],
        "per_directie": [["directie", *SUMMARY_KEYS],
                         *[[n, *(s[k] for k in SUMMARY_KEYS)] for n, s in fig["per_directie"].items()]],
        "per_portefeuillehouder": [["portefeuillehouder", *SUMMARY_KEYS],
                                   *[[n, *(s[k] for k in SUMMARY_KEYS)] for n, s in fig["per_portefeuillehouder"].items()]],
        "trend": [["meetmoment", *SUMMARY_KEYS], *[[r["meetmoment"], *(r[k] for k in SUMMARY_KEYS)] for r in fig["trend"]]],
    }
    surv = fig.get("rolvastheid") or {}
    if surv.get("beschikbaar"):
        rows: list[list[Any]] = [["groep", "vraag", "respondenten", "antwoorden", "gemiddeld", "1", "2", "3", "4", "5"]]
        for group, data in [*surv["groepen"].items(), ("totaal", surv["totaal"])]:
            if not data.get("respondenten"):
                rows.append([group, "", data.get("niet_gerapporteerd", ""), "", "", "", "", "", "", ""])
                continue
            for qid, v in data["vragen"].items():
                rows.append([group, qid, data["respondenten"], v["antwoorden"], v["gemiddeld"], *v["verdeling"]])
        out["rolvastheid"] = rows
    return out


def write_csv(fig: dict[str, Any], folder: Path) -> list[Path]:
    folder = Path(folder)
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in tables(fig).items():
            buf = io.StringIO()
            writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
            for row in rows:
                writer.writerow([_cell(v) for v in row])
            path = folder / f"{name}.csv"
            path.write_bytes(buf.getvalue().encode("utf-8-sig"))
            written.append(path)
    except OSError as exc:
        raise SecretariatError(f"Kan de CSV-bestanden niet schrijven in '{folder}': {exc.strerror or exc}.",
                               f"{type(exc).__name__}: {exc}") from exc
    return written


def write_report(fig: dict[str, Any], out: Path, organisatie: str = "") -> Path:
    """The house-style report for the GMT."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Cm

    doc = open_house_style()
    mm = fig["meetmoment"]
    doc.add_paragraph(f"Harde cijfers: meetmoment {mm['naam']}", style="Title")
    scope = [x for x in (fig["filter"].get("directie"), fig["filter"].get("portefeuillehouder")) if x]
    doc.add_paragraph(
        f"{organisatie or 'De gemeente'}: de bestuurlijke stukken van dit meetmoment, uit het logboek van het "
        "secretariaat en de meting bij aankomst" + (f" (alleen {', '.join(scope)})" if scope else "") + ".",
        style="Body Text",
    )
    doc.add_paragraph("Samenvatting", style="Heading 1")
    _table(doc, (("Onderdeel", 9.5), ("Waarde", 6.5)), [list(r) for r in summary_rows(fig)])
    doc.add_paragraph("Grootste veranderingen", style="Heading 1")
    for sentence in changes(fig):
        doc.add_paragraph(sentence, style="Body Text")
    doc.add_paragraph("Grafieken", style="Heading 1")
    for name, svg in charts.all_charts(fig):
        picture = doc.add_paragraph(style="Normal")
        # The house style's exact line height would clip an inline image to one line.
        picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        picture.paragraph_format.keep_with_next = True
        picture.add_run().add_picture(io.BytesIO(charts.to_png(svg)), width=Cm(16))
        doc.add_paragraph(f"Grafiek: {CHART_TITLES.get(name, name)}", style="Body Text")
    doc.add_paragraph("Per directie", style="Heading 1")
    _per_table(doc, fig["per_directie"], "Directie")
    doc.add_paragraph("Per portefeuillehouder", style="Heading 1")
    _per_table(doc, fig["per_portefeuillehouder"], "Portefeuillehouder")
    reasons = fig["terugstuurredenen"]
    if reasons:
        doc.add_paragraph("Redenen van terugsturen", style="Heading 1")
        _table(doc, (("Reden", 12.0), ("Aantal", 4.0)), [[k, str(v)] for k, v in reasons.items()])
    _survey(doc, fig.get("rolvastheid") or {})
    return _save(doc, out)


def _per_table(doc: Any, per: dict[str, Any], title: str) -> None:
    if not per:
        doc.add_paragraph("Geen stukken in dit meetmoment.", style="Body Text")
        return
    # Together the text width of A4 portrait in the house style (16.5 cm); no header word breaks.
    cols = ((title, 4.3), ("Ingediend", 2.1), ("Teruggestuurd", 2.7), ("Zonder fouten", 2.4),
            ("Flesch-Douma", 2.5), ("Doorlooptijd", 2.5))
    rows = [[n, nl(s[wf.INGEDIEND]), pct(s["aandeel_teruggestuurd"]), pct(s["aandeel_zonder_fouten"]),
             nl(s["flesch_douma"]), "" if s["doorlooptijd_mediaan_uren"] is None else
             f"{nl(s['doorlooptijd_mediaan_uren'] / 24)} d"] for n, s in per.items()]
    _table(doc, cols, rows)


def _survey(doc: Any, surv: dict[str, Any]) -> None:
    doc.add_paragraph("Rolvastheid", style="Heading 1")
    if not surv.get("beschikbaar"):
        doc.add_paragraph(f"Geen gegevens: {surv.get('reden', 'geen meetmoment gekozen')}", style="Body Text")
        return
    doc.add_paragraph(
        f"Antwoorden op een schaal van 1 ({surv['labels'][0]}) tot 5 ({surv['labels'][-1]}); alleen groepen "
        f"van ten minste {surv['minimale_groep']} respondenten, nooit namen.", style="Body Text")
    groups = [*surv["groepen"].items(), ("totaal", surv["totaal"])]
    cols = (("Vraag", 8.0), *((g, 8.0 / len(groups)) for g, _ in groups))
    rows = [["Respondenten", *(str(d["respondenten"]) if d.get("respondenten") else "-" for _, d in groups)]]
    for qid, label in surv["vragen"].items():
        rows.append([label, *(nl(d["vragen"][qid]["gemiddeld"], 2) if d.get("respondenten") else "-"
                              for _, d in groups)])
    _table(doc, cols, rows)
    hidden = [f"{g}: {d['niet_gerapporteerd']}" for g, d in groups if not d.get("respondenten")]
    if hidden:
        doc.add_paragraph("Niet gerapporteerd: " + "; ".join(hidden) + ".", style="Body Text")
