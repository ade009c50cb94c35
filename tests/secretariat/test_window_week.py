"""A week of the secretariat in the window alone: menus, filters, dialogs, export and print (pytest-qt)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tests.secretariat.conftest import a4tje, act, two_placed

DAY = date(2030, 9, 3)


def answer(button: str, before: Callable[[Any], None] | None = None, seen: list[Any] | None = None) -> None:
    """When the next modal dialog opens: record its text, let ``before`` fill it in, press ``button``."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

    def go() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, go)
            return
        try:
            if seen is not None:
                seen.append((dialog.windowTitle(), " ".join(label.text() for label in dialog.findChildren(QLabel))))
            if before is not None:
                before(dialog)
            match = [b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == button]
            assert match, f"no button {button!r} in {dialog.windowTitle()!r}"
        except BaseException:
            dialog.reject()  # never leave a modal dialog open: the test would hang instead of failing
            raise
        match[0].click()

    QTimer.singleShot(0, go)


def trigger(window: Any, name: str) -> None:
    window.actions_by_name[name].trigger()


def visible_ids(window: Any) -> set[str]:
    proxy = window.inbox_panel.proxy
    return {window.inbox_model.id_at(proxy.mapToSource(proxy.index(r, 0)).row()) for r in range(proxy.rowCount())}


def test_every_action_has_a_menu_entry_and_a_unique_shortcut(window: Any) -> None:
    from desktop.ui.secretariat.menus import ACTIONS

    in_menus = {a.text() for menu in window.menuBar().actions() for a in menu.menu().actions()}
    keys = [window.actions_by_name[name].shortcut().toString() for name, *_ in ACTIONS]
    assert {text for _, _, text, _, _ in ACTIONS} <= in_menus
    assert all(keys) and len(set(keys)) == len(keys)
    panel = window.inbox_panel
    for widget in (panel.search, panel.status, panel.directie, panel.late, window.meetings, window.agenda):
        assert widget.accessibleName()


def test_search_filters_and_classificatie(qtbot: Any, window: Any, sec: Any, submit: Any) -> None:
    a = submit(a4tje("Fietsenstalling Grote Markt", directie="StadBeheer"))
    b = submit(a4tje("Subsidie buurthuizen", directie="Bestuursdienst", port="Wethouder Pastoor"))
    c = submit(a4tje("Grondruil Meerstad", classificatie="Vertrouwelijk"))
    sec.create_meeting(DAY, datetime(2030, 8, 29, 12))
    sec.accept(a)
    act(qtbot, window, window.refresh)
    assert visible_ids(window) == {a, b, c}
    keys = [k for k, _ in __import__("desktop.ui.secretariat.inbox_model", fromlist=["COLUMNS"]).COLUMNS]
    row = next(r for r in range(3) if window.inbox_model.id_at(r) == c)
    assert window.inbox_model.data(window.inbox_model.index(row, keys.index("classificatie"))) == "Vertrouwelijk"

    trigger(window, "find_in_inbox")
    assert window.inbox_panel.search.hasFocus()
    qtbot.keyClicks(window.inbox_panel.search, "buurt")
    assert visible_ids(window) == {b}
    window.inbox_panel.search.clear()
    status = window.inbox_panel.status
    status.setCurrentIndex(status.findData("aanvaard"))
    assert visible_ids(window) == {a}
    status.setCurrentIndex(0)
    directie = window.inbox_panel.directie
    directie.setCurrentIndex(directie.findData("Bestuursdienst"))
    assert visible_ids(window) == {b}
    directie.setCurrentIndex(0)
    window.inbox_panel.late.setChecked(True)
    assert visible_ids(window) == set()  # the cut-off is in 2030: nothing is late
    window.inbox_panel.late.setChecked(False)
    # The filter survives a reload.
    directie.setCurrentIndex(directie.findData("Bestuursdienst"))
    act(qtbot, window, window.refresh)
    assert visible_ids(window) == {b}


def test_onderwerp_column_is_wide_and_widths_are_remembered(qtbot: Any, sec: Any, submit: Any) -> None:
    from desktop.ui.secretariat.window import SecretariatWindow

    submit(a4tje("Een onderwerp van een redelijke lengte voor het college"))
    first = SecretariatWindow(sec)
    qtbot.addWidget(first)
    first.show()
    act(qtbot, first, first.refresh)
    header = first.inbox.horizontalHeader()
    assert header.sectionSize(0) >= first.inbox.fontMetrics().horizontalAdvance("x" * 40)
    assert header.sectionResizeMode(0) == header.ResizeMode.Interactive  # the user can drag it
    header.resizeSection(0, 517)
    first.split.setSizes([400, 1000])
    sizes = first.split.sizes()
    assert sizes[0] < sizes[1]
    first.close()
    second = SecretariatWindow(sec)
    qtbot.addWidget(second)
    second.show()
    act(qtbot, second, second.refresh)
    assert second.inbox.horizontalHeader().sectionSize(0) == 517
    now = second.split.sizes()
    assert abs(now[0] / sum(now) - sizes[0] / sum(sizes)) < 0.05  # the split is kept
    from desktop.ui import tasks

    tasks.shutdown(wait=True)


def placed_meeting(qtbot: Any, window: Any, sec: Any, submit: Any) -> tuple[str, str]:
    return two_placed(qtbot, window, sec, submit, DAY)


def test_remove_from_agenda_asks_first(qtbot: Any, window: Any, sec: Any, submit: Any) -> None:
    a, b = placed_meeting(qtbot, window, sec, submit)
    window.agenda.select_id(b)
    seen: list[Any] = []
    answer("Annuleren", seen=seen)
    trigger(window, "remove_selected")
    assert "'Stuk B'" in seen[0][1] and "3-9-2030" in seen[0][1]
    assert len(sec.meetings.load(DAY).items) == 2
    answer("Van de agenda halen")
    with qtbot.waitSignal(window.idle, timeout=20_000):
        trigger(window, "remove_selected")
    assert [it.inzending for it in sec.meetings.load(DAY).items] == [a]
    assert "Van de agenda gehaald" in window.message.text()
    assert len(window.agenda.texts()) == 1
    # Keyboard reordering needs two items: put B back and move it up.
    act(qtbot, window, lambda: window.place(b, "hamerstuk"))
    window.agenda.select_id(b)
    number = [it.inzending for it in sec.meetings.load(DAY).items].index(b) + 1
    with qtbot.waitSignal(window.idle, timeout=20_000):
        trigger(window, "move_up" if number == 2 else "move_down")
    assert [it.inzending for it in sec.meetings.load(DAY).items].index(b) + 1 == 3 - number


def test_freeze_decide_publish_with_dialogs(qtbot: Any, window: Any, sec: Any, submit: Any, tmp_path: Path) -> None:
    a, b = placed_meeting(qtbot, window, sec, submit)
    seen: list[Any] = []
    answer("Agenda vaststellen", seen=seen)
    with qtbot.waitSignal(window.idle, timeout=20_000):
        trigger(window, "ask_freeze")
    assert "De agenda van 3-9-2030 vaststellen? Zij telt 2 punten: 2 hamerstukken en 0 bespreekstukken." in seen[0][1]
    assert sec.meetings.load(DAY).status == "vastgesteld"

    def decide_changed(dialog: Any) -> None:
        assert "Stuk B" in " ".join(w.text() for w in dialog.findChildren(type(dialog.preview)))
        assert "Het college besluit: I." in dialog.findChildren(type(dialog.changed))[0].toPlainText()
        dialog.outcome.setCurrentIndex(dialog.outcome.findData("gewijzigd"))
        dialog.changed.setPlainText("I. het plan te verkleinen.")
        assert dialog.preview.text() == "Het college besluit: I. het plan te verkleinen."

    window.agenda.select_id(b)
    seen.clear()
    answer("Besluit vastleggen", before=decide_changed, seen=seen)
    with qtbot.waitSignal(window.idle, timeout=20_000):
        trigger(window, "ask_decision")
    number = sec.meetings.load(DAY).item(b).registratienummer
    assert seen[0][0].endswith(number)  # the title names the stuk
    assert sec.meetings.load(DAY).item(b).besluit_uitkomst.gewijzigde_tekst == "I. het plan te verkleinen."
    window.agenda.select_id(a)
    answer("Besluit vastleggen")
    with qtbot.waitSignal(window.idle, timeout=20_000):
        trigger(window, "ask_decision")
    assert sec.meetings.load(DAY).status == "besloten"

    # Publishing asks first; cancelling a folder choice publishes nothing.
    seen.clear()
    answer("Annuleren", seen=seen)
    trigger(window, "ask_publish")
    assert "De besluiten van 3-9-2030 publiceren? 2 besluiten (1 conform, 1 gewijzigd)." in seen[0][1]
    assert sec.meetings.load(DAY).status == "besloten"
    answer("Alleen publiceren")
    with qtbot.waitSignal(window.idle, timeout=20_000):
        trigger(window, "ask_publish")
    assert sec.meetings.load(DAY).status == "gepubliceerd"


def test_new_meeting_with_dutch_date(qtbot: Any, window: Any, sec: Any) -> None:
    act(qtbot, window, window.refresh)

    def fill(dialog: Any) -> None:
        dialog.datum.edit.clear()
        qtbot.keyClicks(dialog.datum.edit, "31-11-2030")
        assert "bestaat niet als datum" in dialog.problem.text() and not dialog.ok.isEnabled()
        dialog.datum.edit.clear()
        qtbot.keyClicks(dialog.datum.edit, "8-12-2030")
        assert dialog.sluiting.edit.text() == "3-12-2030" and dialog.tijd.text() == "12:00"
        assert dialog.ok.isEnabled()
        assert dialog.datum.calendar.selectedDate().toString("d-M-yyyy") == "8-12-2030"  # the picker follows

    answer("Aanmaken", before=fill)
    with qtbot.waitSignal(window.idle, timeout=20_000):
        trigger(window, "new_meeting")
    [meeting] = sec.list_meetings()
    assert meeting.datum == date(2030, 12, 8) and meeting.sluiting == datetime(2030, 12, 3, 12, 0)
    assert window.meetings.currentText() == "8-12-2030 — concept"


def test_export_and_print_from_the_window(qtbot: Any, window: Any, sec: Any, submit: Any, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    a, b = placed_meeting(qtbot, window, sec, submit)

    for what, target in (("agenda", tmp_path / "agenda.docx"), ("besluitenlijst", tmp_path / "bl.docx"),
                         ("terugkoppeling", tmp_path / "tk.docx"), ("set", tmp_path / "set")):
        act(qtbot, window, lambda what=what, target=target: window.export(what, target))
        assert "Geëxporteerd" in window.message.text()
    assert zipfile.is_zipfile(tmp_path / "agenda.docx") and zipfile.is_zipfile(tmp_path / "tk.docx")
    assert sorted(p.name[:2] for p in (tmp_path / "set").iterdir()) == ["00", "01", "02"]

    for what, words in (("agenda", ["Agenda collegevergadering", "Stuk A", "Stuk B", "hamerstuk"]),
                        ("besluitenlijst", ["Besluitenlijst", "nog niet besloten"]),
                        ("terugkoppeling", ["Terugkoppeling collegebesluiten", "Wethouder Pastoor"])):
        dialog = window.print_meeting(what, show=False)
        doc, printer = dialog.keep_alive
        text = doc.toPlainText()
        assert all(w in text for w in words), (what, text[:300])
        pdf = tmp_path / f"{what}.pdf"
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        doc.print_(printer)
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000
        landscape = printer.pageLayout().orientation() == printer.pageLayout().Orientation.Landscape
        assert landscape == (what != "terugkoppeling")


def test_print_the_meeting_set(qtbot: Any, window: Any, sec: Any, submit: Any, tmp_path: Path) -> None:
    from pypdf import PdfReader
    from PySide6.QtGui import QPdfWriter
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from desktop.ui.secretariat import outputs

    a, b = placed_meeting(qtbot, window, sec, submit)
    act(qtbot, window, lambda: window.print_set(show=False))
    dialog = window.set_preview
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() >= 3, timeout=20_000)
    assert preview.pageCount() == 3  # the agenda, then each A4tje on its one page

    meeting, models = outputs.set_work(sec, DAY.isoformat())
    writer = QPdfWriter(str(tmp_path / "set.pdf"))
    writer.setResolution(600)
    outputs.paint_set(writer, meeting, models)
    del writer
    pages = PdfReader(str(tmp_path / "set.pdf")).pages
    assert len(pages) == 3
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in pages]
    assert sizes[0][0] > sizes[0][1] and all(w < h for w, h in sizes[1:])  # landscape agenda, portrait stukken
    assert "Agenda collegevergadering" in " ".join(pages[0].extract_text().split())
    numbers = [it.registratienummer for it in meeting.items]
    for page, number in zip(pages[1:], numbers, strict=True):
        text = " ".join(page.extract_text().split())
        assert number in text and "I." in text and "wordt toegekend" not in text


def test_inputs_have_accessible_names(qtbot: Any, window: Any, sec: Any, submit: Any) -> None:
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QAbstractSpinBox,
        QCalendarWidget,
        QCheckBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
        QWidget,
    )

    from desktop.ui.secretariat.dialogs import DecisionDialog, NewMeetingDialog
    from desktop.ui.secretariat.stuk_view import StukDialog

    def inside(w: Any, kind: type) -> bool:
        parent = w.parentWidget()
        while parent is not None:
            if isinstance(parent, kind):
                return True
            parent = parent.parentWidget()
        return False

    a, _b = placed_meeting(qtbot, window, sec, submit)
    kinds = (QLineEdit, QComboBox, QCheckBox, QAbstractItemView, QPlainTextEdit, QTextEdit, QAbstractSpinBox)
    nr, item = window._numbered(a)
    row = window.inbox_panel.row_of(a)
    for widget in (window, NewMeetingDialog(window), DecisionDialog(nr, item, window),
                   StukDialog(row, sec.submission(a), sec.formset, window)):
        inputs = [w for w in widget.findChildren(QWidget) if isinstance(w, kinds)
                  and not isinstance(w, QHeaderView) and not inside(w, QCalendarWidget | QComboBox)
                  and (w.isVisibleTo(widget) or widget is not window)]
        calendars = widget.findChildren(QCalendarWidget)
        assert all(c.accessibleName() for c in calendars)
        unnamed = [type(w).__name__ for w in inputs
                   if not w.accessibleName() and not (w.parent() and w.parent().accessibleName())
                   and not isinstance(w.parent(), QComboBox | QAbstractSpinBox)]
        assert unnamed == [], (type(widget).__name__, unnamed)


def test_changed_key_is_trusted_only_after_a_question(qtbot: Any, window: Any, sec: Any, queue: Path,
                                                      submit: Any, tmp_path: Path) -> None:
    from desktop.queue.submit import submit as queue_submit
    from tests.steller import steller_record

    first = submit(a4tje("Eerste stuk"))
    act(qtbot, window, window.refresh)  # the steller's key is seen first here (trust on first use)
    act(qtbot, window, lambda: window.accept(first))
    # The same account, another key (a new laptop, or a colleague forging): a visible warning.
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop.queue import keys

    keys.keyring_set(f"{keys.IDENTITY_USER}:{keys.os_account()}",
                     keys.b64(Ed25519PrivateKey.generate().private_bytes_raw()))
    second = str(queue_submit(a4tje("Tweede stuk"), queue_dir=queue, record=steller_record(tmp_path / "andere-laptop"),
                              layout=None, docx=b"PK-test").submission_id)
    act(qtbot, window, window.refresh)
    row = window.inbox_panel.row_of(second)
    assert row is not None and row["verificatie"] == "gewijzigde sleutel", row
    window.inbox_panel.select_id(second)
    seen: list[Any] = []
    answer("Annuleren", seen=seen)
    trigger(window, "accept_selected")
    assert "ANDERE sleutel" in seen[0][1]
    assert sec.zaken.load(second)[1].get("status") != "aanvaard"
    answer("Sleutel vertrouwen en aanvaarden")
    with qtbot.waitSignal(window.idle, timeout=20_000):
        trigger(window, "accept_selected")
    assert sec.zaken.load(second)[1].get("status") == "aanvaard"


def test_a_published_meeting_offers_to_finish_the_publication(qtbot: Any, window: Any, sec: Any,
                                                              submit: Any) -> None:
    a, b = placed_meeting(qtbot, window, sec, submit)
    sec.freeze(DAY)
    for sid in (a, b):
        sec.decide(DAY, sid, "conform")
    act(qtbot, window, lambda: window.publish())
    seen: list[Any] = []
    answer("Publicatie afmaken", seen=seen)
    with qtbot.waitSignal(window.idle, timeout=20_000):
        trigger(window, "ask_publish")
    assert "staat al op gepubliceerd" in seen[0][1]
    # Complete already: nothing is published twice, and the window says so in Dutch.
    assert "al gepubliceerd" in window.message.text() and "niets opnieuw gepubliceerd" in window.message.text()
