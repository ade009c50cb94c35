"""The secretariat window with real widgets (pytest-qt): inbox, place, reorder by drag, numbering."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from tests.secretariat.conftest import a4tje, act, two_placed

DAY = date(2030, 9, 3)


def agenda_texts(window: Any) -> list[str]:
    """One line per agenda row: "nr | onderwerp | registratienr. | portefeuillehouder | behandeling | uitkomst"."""
    return window.agenda.texts()


def button(window: Any, text: str) -> Any:
    from PySide6.QtWidgets import QPushButton

    return next(b for b in window.findChildren(QPushButton) if b.text() == text)


def test_inbox_place_reorder_by_drag_and_numbering(qtbot: Any, window: Any, sec: Any, submit: Any, queue: Path) -> None:
    from PySide6.QtCore import QModelIndex, Qt

    from desktop.ui.secretariat.inbox_model import COLUMNS

    ids = {
        "pastoor": submit(a4tje("Plan Pastoor", port="Wethouder Pastoor")),
        "visscher": submit(a4tje("Plan Visscher", port="Wethouder Visscher")),
        "rehwinkel": submit(a4tje("Plan Rehwinkel", port="Burgemeester Rehwinkel")),
        "terug": submit(a4tje("Plan zonder financien", port="Wethouder Dekker")),
    }
    sec.create_meeting(DAY, datetime(2030, 8, 29, 12))
    act(qtbot, window, window.refresh)
    assert window.inbox_model.rowCount() == 4
    assert {window.inbox_model.rows[r]["onderwerp"] for r in range(4)} >= {"Plan Pastoor", "Plan Visscher"}

    # Accept through the button, with the row selected as a user would.
    row = next(r for r in range(4) if window.inbox_model.id_at(r) == ids["pastoor"])
    proxy_index = window.inbox_panel.proxy.mapFromSource(window.inbox_model.index(row, 0))
    qtbot.mouseClick(window.inbox.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.inbox.visualRect(proxy_index).center())
    assert window.selected_inbox_id() == ids["pastoor"]
    act(qtbot, window, lambda: qtbot.mouseClick(button(window, "Aanvaarden"), Qt.MouseButton.LeftButton))
    assert "Aanvaard" in window.message.text()
    for key in ("visscher", "rehwinkel"):
        act(qtbot, window, lambda key=key: window.accept(ids[key]))
    act(qtbot, window, lambda: window.send_back(ids["terug"], "Financiële paragraaf ontbreekt."))
    status_col = [k for k, _ in COLUMNS].index("status")
    statuses = {r["id"]: window.inbox_model.data(window.inbox_model.index(i, status_col))
                for i, r in enumerate(window.inbox_model.rows)}
    assert statuses[ids["terug"]] == "teruggestuurd: Financiële paragraaf ontbreekt."

    act(qtbot, window, lambda: window.place(ids["pastoor"], "bespreekstuk"))
    act(qtbot, window, lambda: window.place(ids["visscher"], "hamerstuk"))
    act(qtbot, window, lambda: window.place(ids["rehwinkel"], "hamerstuk"))
    rows = [t.split(" | ") for t in agenda_texts(window)]
    assert [(r[0], r[4]) for r in rows] == [("1", "hamerstuk"), ("2", "hamerstuk"), ("3", "bespreekstuk")]
    assert [r[1] for r in rows] == ["Plan Rehwinkel", "Plan Visscher", "Plan Pastoor"]
    assert rows[0][3] == "Burgemeester Rehwinkel" and rows[0][2].startswith("SB ")

    # Drag the bespreekstuk to the top: the list model moves the row exactly as a drop does.
    with qtbot.waitSignal(window.idle, timeout=20_000):
        assert window.agenda.model().moveRow(QModelIndex(), 2, QModelIndex(), 0)
    texts = agenda_texts(window)
    assert texts[0].startswith("1 | Plan Pastoor |") and "| bespreekstuk |" in texts[0]
    assert texts[1].startswith("2 | Plan Rehwinkel")
    assert [it.inzending for it in sec.meetings.load(DAY).items] == [ids["pastoor"], ids["rehwinkel"], ids["visscher"]]

    # Drag down: the first item to the end.
    with qtbot.waitSignal(window.idle, timeout=20_000):
        assert window.agenda.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert [it.inzending for it in sec.meetings.load(DAY).items] == [ids["rehwinkel"], ids["visscher"], ids["pastoor"]]

    act(qtbot, window, window.auto_order)
    act(qtbot, window, window.freeze)
    assert "vastgesteld" in window.agenda_title.text()


def test_stale_agenda_is_refused_and_reloaded(qtbot: Any, window: Any, sec: Any, submit: Any, tmp_path: Path) -> None:
    from PySide6.QtCore import QModelIndex

    from desktop.secretariat.service import Secretariaat

    a, b = submit(a4tje("Stuk A")), submit(a4tje("Stuk B", port="Wethouder Pastoor"))
    sec.accept(a)
    sec.accept(b)
    sec.create_meeting(DAY, datetime(2030, 8, 29, 12))
    sec.place(DAY, a)
    sec.place(DAY, b)
    act(qtbot, window, window.refresh)
    colleague = Secretariaat(sec.queue_dir, actor="Bert (bert)", data_dir=tmp_path / "bert")
    colleague.move(DAY, b, 1)  # Bert reorders meanwhile
    with qtbot.waitSignal(window.idle, timeout=20_000):
        window.agenda.model().moveRow(QModelIndex(), 0, QModelIndex(), 2)
    assert "intussen gewijzigd door Bert" in window.message.text()
    assert "NIET opgeslagen" in window.message.text()
    # The list shows the saved state (Bert's), not the refused drop.
    assert "Stuk B" in agenda_texts(window)[0]
    assert [it.inzending for it in sec.meetings.load(DAY).items] == [b, a]


def test_actions_without_selection_explain(qtbot: Any, window: Any) -> None:
    from PySide6.QtCore import Qt

    act(qtbot, window, window.refresh)
    assert "Nog geen vergadering" in window.agenda_title.text()
    qtbot.mouseClick(button(window, "Aanvaarden"), Qt.MouseButton.LeftButton)
    assert "Selecteer eerst" in window.message.text()
    window.auto_order()
    assert "Kies of maak eerst een vergadering" in window.message.text()


def test_main_window_opens_the_secretariat_window(qtbot: Any, queue: Path, monkeypatch: Any) -> None:
    from desktop.config.settings import Settings

    monkeypatch.delenv("STUKKEN_QUEUE_DIR")  # the environment would win over the user's setting
    from desktop.ui.main_window import MainWindow
    from desktop.ui.secretariat.window import SecretariatWindow

    settings = Settings()
    settings["wachtrij_map"] = str(queue)
    settings.save()
    main = MainWindow()
    qtbot.addWidget(main)
    main.attach_model()  # what the application does after the first paint: the later menu items
    action = next(a for a in main.findChildren(type(main.refresh_action)) if a.text() == "&Secretariaat…")
    action.trigger()
    sec_window = main._secretariat_window
    assert isinstance(sec_window, SecretariatWindow)
    qtbot.addWidget(sec_window)
    qtbot.waitUntil(lambda: not sec_window.busy, timeout=20_000)
    assert sec_window.sec.queue_dir == queue
    from desktop.ui import tasks

    tasks.shutdown(wait=True)


def test_decide_and_publish_from_the_window(qtbot: Any, window: Any, sec: Any, submit: Any, tmp_path: Path) -> None:
    a, b = two_placed(qtbot, window, sec, submit, DAY)
    act(qtbot, window, lambda: window.decide(a, "conform"))
    assert "Kan niet een besluit vastleggen" in window.message.text()  # still concept: explained
    act(qtbot, window, window.freeze)
    act(qtbot, window, lambda: window.decide(a, "conform"))
    act(qtbot, window, lambda: window.decide(b, "gewijzigd", changed="het plan te verkleinen."))
    assert "besloten" in window.agenda_title.text()
    assert agenda_texts(window)[0].endswith("| Conform")
    act(qtbot, window, lambda: window.publish(tmp_path / "uit"))
    assert "Gepubliceerd" in window.message.text()
    assert "gepubliceerd" in window.agenda_title.text()
    assert sorted(p.name.split()[0] for p in (tmp_path / "uit").iterdir()) == [
        "besluitenlijst", "definitief", "definitief", "terugkoppeling"]


def test_inbox_shows_te_laat_and_details(qtbot: Any, window: Any, sec: Any, submit: Any) -> None:
    from datetime import timedelta

    from PySide6.QtCore import Qt

    from desktop.ui.secretariat.inbox_model import COLUMNS

    sec.create_meeting(DAY, datetime.now() - timedelta(hours=1))  # the cut-off has passed
    data = a4tje("Te laat en onvolledig").to_json()
    data["values"]["samenvatting"] = ""
    from desktop.domain.draft import Draft

    submit_draft = Draft.from_json(data)
    from desktop.queue.submit import submit as queue_submit
    from tests.steller import steller_record

    sid = queue_submit(submit_draft, queue_dir=sec.queue_dir, record=steller_record(sec.local / "st"),
                       validate=False, docx=b"x").submission_id
    act(qtbot, window, window.refresh)
    row = next(r for r in range(window.inbox_model.rowCount()) if window.inbox_model.id_at(r) == sid)
    col = [k for k, _ in COLUMNS].index("te_laat")
    index = window.inbox_model.index(row, col)
    assert window.inbox_model.data(index) == "te laat"
    assert window.inbox_model.data(index, Qt.ItemDataRole.ForegroundRole) is not None
    findings = window.inbox_model.data(window.inbox_model.index(row, col + 1))
    assert findings.startswith("1 fout")
    pos = window.inbox.visualRect(window.inbox_panel.proxy.mapFromSource(window.inbox_model.index(row, 0))).center()
    qtbot.mouseClick(window.inbox.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    with qtbot.waitSignal(window.idle, timeout=20_000):
        qtbot.mouseDClick(window.inbox.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    [stuk] = window.dialogs
    assert "Te laat voor de vergadering van 2030-09-03" in stuk.text()
    assert "Samenvatting" in stuk.text() and "fout" in stuk.text()


def test_problems_in_the_share_are_shown_in_the_window(qtbot: Any, window: Any, sec: Any, queue: Path) -> None:
    sec.create_meeting(DAY, datetime(2030, 8, 29, 12))
    folder = queue / sec.meetings.folder(DAY)
    (folder / "v000002.json").write_text('{"status": "gepubliceerd"}', encoding="utf-8")  # unsigned
    (folder / "v²²²²²².json").write_text("{}", encoding="utf-8")
    act(qtbot, window, window.refresh)
    assert "niet vertrouwd" in window.message.text() and "Ctrl+Shift+F" in window.message.text()
    assert window.meetings.count() == 1 and "concept" in window.meetings.itemText(0)  # the forgery is not believed
    act(qtbot, window, window.show_problems)
    items = [window.problems_dialog.list.item(i).text() for i in range(window.problems_dialog.list.count())]
    assert any("v000002.json" in t and "niet ondertekend" in t for t in items), items
    assert window.problems_dialog.list.accessibleName() == "Problemen"
    window.problems_dialog.close()
