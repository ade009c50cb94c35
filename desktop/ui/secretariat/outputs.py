"""Export (.docx, through the secretariat services) and print (preview first) of a meeting's documents.

The printed lists are the same rows as the .docx ones (``desktop.secretariat.documents``),
as an HTML table in a QTextDocument: agenda and besluitenlijst on A4 landscape.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QTextDocument

from desktop.domain.dates import format_date
from desktop.export import style as S
from desktop.export.model import build_model
from desktop.export.paint import paint_pages
from desktop.secretariat import documents as D
from desktop.secretariat import meeting as m
from desktop.secretariat import publishing

# what -> (title, landscape, default file name pattern); "set" is a folder
KINDS = {
    "agenda": ("Agenda collegevergadering", True, "agenda {key}.docx"),
    "besluitenlijst": ("Besluitenlijst", True, "besluitenlijst {key}.docx"),
    "terugkoppeling": ("Terugkoppeling collegebesluiten", False, "terugkoppeling {key}.docx"),
    "set": ("Vergaderset", True, ""),
}


def export_work(sec: Any, what: str, key: str, target: Any) -> list[Any]:
    """The export itself (runs on a worker thread): a list of the files written."""
    if what == "agenda":
        return [publishing.export_agenda(sec, key, target)]
    if what == "besluitenlijst":
        return [publishing.export_besluitenlijst(sec, key, target)]
    if what == "terugkoppeling":
        return [publishing.export_terugkoppeling(sec, key, target)]
    return list(publishing.export_set(sec, key, target))


def _table(columns: tuple[tuple[str, float], ...], rows: list[list[str]]) -> str:
    head = "".join(f"<th align='left' width='{w / sum(c[1] for c in columns):.0%}'>{escape(t)}</th>"
                   for t, w in columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(v).replace(chr(10), '<br/>')}</td>" for v in r) + "</tr>"
                   for r in rows)
    return (f"<table border='1' cellspacing='0' cellpadding='3' width='100%' style='border-color:#808080'>"
            f"<thead><tr>{head}</tr></thead>{body}</table>")


def _heading(title: str, meeting: m.Meeting, organisatie: str) -> str:
    return (f"<h1>{escape(title)}</h1><p>Vergadering van burgemeester en wethouders van "
            f"{escape(organisatie or 'de gemeente')}, {escape(format_date(meeting.datum))}</p>")


def meeting_html(what: str, meeting: m.Meeting, organisatie: str = "", port_order: Any = None,
                 secretaris: str = "") -> str:
    title = KINDS[what][0]
    parts = [_heading(title, meeting, organisatie)]
    if what in ("agenda", "set"):
        parts.append(f"<p>Status: {escape(D.STATE_LABEL.get(meeting.status, meeting.status))}</p>")
        numbered = meeting.numbered()
        parts.append(_table(D.AGENDA_COLUMNS, D.agenda_rows([(n, it) for n, it in numbered if not it.na_agenda])))
        late = [(n, it) for n, it in numbered if it.na_agenda]
        if late:
            parts.append("<h2>Na-agenda</h2>" + _table(D.AGENDA_COLUMNS, D.agenda_rows(late)))
    elif what == "besluitenlijst":
        parts.append(_table(D.BESLUIT_COLUMNS, D.besluit_rows(meeting)))
    else:
        parts.append("<p>Aan: de leden van het GMT, de directies en de stellers. "
                     + (f"Namens de gemeentesecretaris, {escape(secretaris)}." if secretaris else "") + "</p>")
        for port, items in D.feedback_groups(meeting, port_order or (lambda _p: 0)):
            parts.append(f"<h2>{escape(port)}</h2>")
            for nr, it in items:
                parts.append(_feedback_html(nr, it))
    return "".join(parts)


def _feedback_html(nr: int, it: m.AgendaItem) -> str:
    d = it.besluit_uitkomst
    outcome = D.OUTCOME_LABEL.get(d.uitkomst, d.uitkomst) if d else "nog niet besloten"
    if it.vertrouwelijk:
        return (f"<h3>{nr}. {escape(it.registratienummer)} — {escape(it.classificatie)} stuk "
                f"({escape(it.directie)})</h3><p>Uitkomst: {escape(outcome)}. De inhoud is "
                f"{escape(it.classificatie.lower())} en daarom niet opgenomen.</p>")
    return (f"<h3>{nr}. {escape(it.onderwerp)} ({escape(it.registratienummer)})</h3>"
            f"<p>Directie: {escape(it.directie)}; steller: {escape(it.steller)}. Uitkomst: {escape(outcome)}.</p>"
            + (f"<p>{escape(d.tekst)}</p>" if d else "") + "".join(f"<p>{escape(t)}</p>" for t in it.route_lines))


def print_document(what: str, meeting: m.Meeting, organisatie: str = "", port_order: Any = None,
                   secretaris: str = "") -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(QFont(S.LAYOUT_FONT_FAMILY, 9))
    doc.setHtml(meeting_html(what, meeting, organisatie, port_order, secretaris))
    return doc


def page_layout(what: str) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if KINDS[what][1] else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(20, 20, 20, 20),
                       QPageLayout.Unit.Millimeter)


def set_work(sec: Any, key: str) -> tuple[m.Meeting, list[Any]]:
    """What the printed meeting set needs (worker thread): the meeting, and each stuk's page model."""
    meeting = publishing.hydrate(sec, sec.meetings.load(key))
    formset = sec.formset
    return meeting, [build_model(draft, formset.forms[draft.form], formset)
                     for _nr, _it, draft in publishing.set_drafts(sec, meeting)]


def paint_document(doc: QTextDocument, device: Any, painter: QPainter) -> None:
    """A text document on the device's current pages, laid out at the device's resolution."""
    rect = device.pageLayout().paintRectPixels(device.resolution())
    doc.documentLayout().setPaintDevice(device)
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    for page in range(doc.pageCount()):
        if page:
            device.newPage()
        painter.save()
        painter.translate(0, -page * rect.height())
        doc.drawContents(painter, QRectF(0, page * rect.height(), rect.width(), rect.height()))
        painter.restore()


def paint_set(device: Any, meeting: m.Meeting, models: list[Any], organisatie: str = "") -> None:
    """The meeting set in one print job: the agenda (A4 landscape), then every stuk as exported."""
    device.setPageLayout(page_layout("agenda"))
    painter = QPainter(device)
    try:
        paint_document(print_document("agenda", meeting, organisatie), device, painter)
        for model in models:
            device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                             QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
            paint_pages(model, device, painter, new_page_first=True)
    finally:
        painter.end()
