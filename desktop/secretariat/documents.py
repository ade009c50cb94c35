"""The secretariat's own documents: agenda, besluitenlijst and terugkoppeling (.docx).

They start from the house-style reference template of the export layer
(``desktop.export.style.template_path``), so fonts, styles and margins are the same
as every stuk's; the wide tables turn the page to A4 landscape.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain import workflow as wf
from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.meeting import AgendaItem, Meeting

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

# Widths in cm; together the text width of A4 landscape in the house style (25.2 cm).
AGENDA_COLUMNS = (
    ("Nr", 0.9), ("Onderwerp", 5.6), ("Registratienr.", 3.0), ("Portefeuillehouder", 3.6),
    ("Directie", 2.7), ("Steller", 2.5), ("Hamer/bespreek", 2.6), ("Classificatie", 2.6), ("Naar raad", 1.7),
)
BESLUIT_COLUMNS = (
    ("Nr", 0.9), ("Onderwerp", 5.2), ("Portefeuillehouder", 3.6), ("Uitkomst", 2.6),
    ("Besluit", 10.9), ("Openbaar", 2.0),
)
# A list, not a stuk: 9 pt keeps nine columns readable without breaking words.
TABLE_PT = 9
OUTCOME_LABEL = wf.OUTCOME_LABELS
STATE_LABEL = wf.MEETING_LABELS


def _date_nl(meeting: Meeting) -> str:
    from desktop.export.model import date_nl

    return date_nl(meeting.datum)


def open_house_style(landscape: bool = False) -> DocxDocument:
    """A new document on the reference template, emptied, optionally A4 landscape."""
    from docx import Document
    from docx.enum.section import WD_ORIENT

    from desktop.export import style as S

    try:
        doc = Document(io.BytesIO(S.template_path().read_bytes()))
    except OSError as exc:
        raise SecretariatError(
            "Het huisstijlsjabloon ontbreekt; installeer de toepassing opnieuw.", f"{type(exc).__name__}: {exc}"
        ) from exc
    body = doc.element.body
    for child in list(body):
        if child.tag.endswith("}p") or child.tag.endswith("}tbl"):
            body.remove(child)
    if landscape:
        section = doc.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = section.page_width, section.page_height
        if width is not None and height is not None and width < height:
            section.page_width, section.page_height = height, width
    doc.core_properties.language = S.LANGUAGE
    return doc


def _table(doc: DocxDocument, columns: tuple[tuple[str, float], ...], rows: list[list[str]]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    table = doc.add_table(rows=1, cols=len(columns))
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:color"), "808080")
        borders.append(el)
    table._tbl.tblPr.append(borders)
    for column, (_, width) in zip(table.columns, columns, strict=True):
        column.width = Cm(width)  # the grid: LibreOffice sizes columns by it, Word by the cells
    header = table.rows[0]
    # Repeat the header row on every page of a long agenda.
    tr_pr = header._tr.get_or_add_trPr()
    tbl_header = OxmlElement("w:tblHeader")
    tr_pr.append(tbl_header)
    for (title, width), cell in zip(columns, header.cells, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0].style = doc.styles["Kopveld label"]
        run = cell.paragraphs[0].add_run(title)
        run.bold = True
        run.font.size = Pt(TABLE_PT)
    for values in rows:
        cells = table.add_row().cells
        for (_, width), cell, value in zip(columns, cells, values, strict=True):
            cell.width = Cm(width)
            cell.paragraphs[0].style = doc.styles["Kopveld waarde"]
            cell.paragraphs[0].add_run(value).font.size = Pt(TABLE_PT)


def _save(doc: DocxDocument, out: Path) -> Path:
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        doc.save(str(tmp))
        tmp.replace(out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise SecretariatError(
            f"Kan '{out}' niet schrijven: {exc.strerror or exc}.", f"{type(exc).__name__}: {exc}"
        ) from exc
    return out


def _heading(doc: DocxDocument, title: str, meeting: Meeting, organisatie: str) -> None:
    doc.add_paragraph(title, style="Title")
    doc.add_paragraph(
        f"Vergadering van burgemeester en wethouders van {organisatie or 'de gemeente'}, "
        f"{_date_nl(meeting)}",
        style="Body Text",
    )


def agenda_rows(items: list[tuple[int, AgendaItem]]) -> list[list[str]]:
    return [
        [
            str(nr), it.onderwerp or "(vertrouwelijk)", it.registratienummer, it.portefeuillehouder,
            it.directie, it.steller, it.behandeling, it.classificatie, "ja" if it.naar_raad else "nee",
        ]
        for nr, it in items
    ]


def agenda_docx(meeting: Meeting, out: Path, organisatie: str = "") -> Path:
    doc = open_house_style(landscape=True)
    _heading(doc, "Agenda collegevergadering", meeting, organisatie)
    doc.add_paragraph(f"Status: {STATE_LABEL.get(meeting.status, meeting.status)}", style="Body Text")
    numbered = meeting.numbered()
    regular = [(n, it) for n, it in numbered if not it.na_agenda]
    late = [(n, it) for n, it in numbered if it.na_agenda]
    _table(doc, AGENDA_COLUMNS, agenda_rows(regular))
    if late:
        doc.add_paragraph("Na-agenda", style="Heading 1")
        _table(doc, AGENDA_COLUMNS, agenda_rows(late))
    doc.core_properties.title = f"Agenda college {meeting.key}"
    return _save(doc, out)


def besluit_rows(meeting: Meeting) -> list[list[str]]:
    rows = []
    for nr, it in meeting.numbered():
        d = it.besluit_uitkomst
        rows.append([
            str(nr) + (" (na-agenda)" if it.na_agenda else ""),
            f"{it.onderwerp or '(vertrouwelijk)'}\n{it.registratienummer}",
            it.portefeuillehouder,
            OUTCOME_LABEL.get(d.uitkomst, d.uitkomst) if d else "nog niet besloten",
            # The parafen and adviezen as verified at acceptance, under the decision.
            "\n".join(([d.tekst] if d else []) + it.route_lines),
            "nee" if it.vertrouwelijk else "ja",
        ])
    return rows


def feedback_groups(meeting: Meeting, port_order: Callable[[str], int]) -> list[tuple[str, list[tuple[int, AgendaItem]]]]:
    """The items per portefeuillehouder, in the configured order of the portefeuillehouders."""
    groups: dict[str, list[tuple[int, AgendaItem]]] = {}
    for nr, it in meeting.numbered():
        groups.setdefault(it.portefeuillehouder or "(geen portefeuillehouder)", []).append((nr, it))
    return [(port, groups[port]) for port in sorted(groups, key=lambda p: (port_order(p), p))]


def besluitenlijst_docx(meeting: Meeting, out: Path, organisatie: str = "") -> Path:
    doc = open_house_style(landscape=True)
    _heading(doc, "Besluitenlijst", meeting, organisatie)
    _table(doc, BESLUIT_COLUMNS, besluit_rows(meeting))
    doc.core_properties.title = f"Besluitenlijst college {meeting.key}"
    return _save(doc, out)


def terugkoppeling_docx(
    meeting: Meeting, out: Path, port_order: Callable[[str], int], organisatie: str = "", afzender: str = ""
) -> Path:
    """For the GMT and the directies, grouped by portefeuillehouder; confidential items without content."""
    doc = open_house_style()
    _heading(doc, "Terugkoppeling collegebesluiten", meeting, organisatie)
    doc.add_paragraph(
        "Aan: de leden van het GMT, de directies en de stellers. "
        + (f"Namens de gemeentesecretaris, {afzender}." if afzender else ""),
        style="Body Text",
    )
    for port, items in feedback_groups(meeting, port_order):
        doc.add_paragraph(port, style="Heading 1")
        for nr, it in items:
            add_feedback_item(doc, nr, it)
    doc.core_properties.title = f"Terugkoppeling college {meeting.key}"
    return _save(doc, out)


def add_feedback_item(doc: Any, nr: int, it: AgendaItem) -> None:
    d = it.besluit_uitkomst
    outcome = OUTCOME_LABEL.get(d.uitkomst, d.uitkomst) if d else "nog niet besloten"
    if it.vertrouwelijk:
        doc.add_paragraph(f"{nr}. {it.registratienummer} — {it.classificatie} stuk ({it.directie})",
                          style="Heading 2")
        doc.add_paragraph(f"Uitkomst: {outcome}. De inhoud is {it.classificatie.lower()} en "
                          "daarom niet opgenomen.", style="Body Text")
        return
    doc.add_paragraph(f"{nr}. {it.onderwerp} ({it.registratienummer})", style="Heading 2")
    doc.add_paragraph(f"Directie: {it.directie}; steller: {it.steller}. Uitkomst: {outcome}.",
                      style="Body Text")
    if d:
        doc.add_paragraph(d.tekst, style="Body Text")
    for line in it.route_lines:
        doc.add_paragraph(line, style="Body Text")
