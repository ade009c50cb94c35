"""Everything the window does can be scripted: every menu action of the main window and the
editor, and every button of the secretariat window, has a command-line counterpart.

A new action without an entry in ``COUNTERPART`` fails this test: add the CLI command (or, for
pure navigation, say why there is none)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

# Action text (without "&" and "…") -> the CLI command words, or a reason why it needs none.
COUNTERPART: dict[str, tuple[str, ...] | str] = {
    # main window
    "Nieuw A4tje": ("drafts", "new"),
    "Nieuwe raadsbrief": ("drafts", "new"),
    "Openen": ("drafts", "show"),
    "Dupliceren": ("drafts", "duplicate"),
    "Verwijderen": ("drafts", "delete"),
    "Ongedaan maken": ("drafts", "undelete"),
    "Zoeken": ("drafts", "search"),
    "Instellingen": ("settings", "set"),
    "Afsluiten": "closes the window",
    "Vernieuwen": ("status",),
    "Vernieuwen en wachtrij bijwerken": ("status",),
    "Uitbak": ("outbox",),
    "Uitbak nu versturen": ("outbox",),  # outbox --bezorg
    "Meldingen sluiten": "hides the message bar",
    "Status van het stuk": ("status",),
    "Prullenbak tonen": ("drafts", "list"),
    "Terugzetten uit de prullenbak": ("drafts", "undelete"),
    "Definitief verwijderen": ("drafts", "purge"),
    "Intrekken": ("withdraw",),
    "Over Stukken": "shows the version",
    "Secretariaat": ("meeting", "window"),
    "Te paraferen / Te adviseren": ("route", "inbox"),
    # editor
    "Opslaan": ("drafts", "save"),
    "Exporteren naar Word": ("export",),
    "Eerdere versies": ("drafts", "history"),
    "Indienen bij het secretariaat": ("submit",),
    "Ter parafering of advisering sturen": ("route", "request"),
    "Parafen en adviezen": ("route", "status"),
    "Opmerkingen afgehandeld": ("route", "afgehandeld"),
    "Opmerking afgehandeld": ("route", "afgehandeld"),  # one remark: its id
    "Opmerkingen": "moves the focus",
    "Opnieuw ter parafering": ("route", "request"),  # request --met-opmerkingen, to each addressee again
    "Route bijwerken": ("route", "status"),
    "Afdrukken (voorbeeld)": ("export",),  # export --pdf gives the printable file
    "Direct afdrukken": ("export",),
    "Sluiten": "closes the window",
    "Opnieuw": "text editing in a field",
    "Volgende bevinding": ("validate",),
    "Bevindingen": ("validate",),
    "Secties": "moves the focus",
    # secretariat window
    "Nieuwe vergadering": ("meeting", "create"),
    "Aanvaarden": ("meeting", "accept"),
    "Terugsturen": ("meeting", "return"),
    "Als hamerstuk agenderen": ("meeting", "place"),
    "Als bespreekstuk agenderen": ("meeting", "place"),
    "Automatische volgorde": ("meeting", "order"),
    "Hamer/bespreek wisselen": ("meeting", "order"),
    "Agenda vaststellen": ("meeting", "freeze"),
    "Besluit vastleggen": ("meeting", "decide"),
    "Publiceren": ("meeting", "publish"),
    "Agenda afdrukken": ("meeting", "export"),
    "Agenda exporteren": ("meeting", "export"),
    "Stuk openen": ("meeting", "show"),
    "Van de agenda halen": ("meeting", "remove"),
    "Rapport exporteren": ("meeting", "cijfers"),
    "CSV exporteren": ("meeting", "cijfers"),
    "Meting rolvastheid invullen": ("meting",),
    "Besluitenlijsten": ("besluitenlijsten",),
    "Sleutels van het secretariaat": ("sleutels",),
    "Secretariaat instellen": ("meeting", "keys"),
}


def clean(text: str) -> str:
    return text.replace("&", "").replace("…", "").strip()


def menu_actions(window: Any) -> set[str]:
    out: set[str] = set()

    def walk(actions: Any) -> None:
        for a in actions:
            if a.isSeparator():
                continue
            if a.menu() is not None:
                walk(a.menu().actions())
            else:
                out.add(clean(a.text()))

    walk(window.menuBar().actions())
    return out


def command_exists(words: tuple[str, ...]) -> bool:
    from desktop.cli.main import build_parser

    parser: argparse.ArgumentParser = build_parser()
    for word in words:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs or word not in subs[0].choices:
            return False
        parser = subs[0].choices[word]
    return True


@pytest.fixture
def window_actions(qtbot: Any, tmp_path: Path) -> set[str]:
    from PySide6.QtWidgets import QPushButton

    from desktop.domain.draft import new_draft
    from desktop.domain.forms import default_formset
    from desktop.secretariat.queue_source import ensure_key
    from desktop.secretariat.service import Secretariaat
    from desktop.ui import tasks
    from desktop.ui.editor.window import EditorContext, EditorWindow
    from desktop.ui.main_window import MainWindow
    from desktop.ui.secretariat.window import SecretariatWindow
    from desktop.ui.services import DraftService, PageMeasure

    main = MainWindow()
    qtbot.addWidget(main)
    main.attach_model()  # the later menu items, as after the first paint
    found = menu_actions(main)
    service = DraftService()
    try:
        formset = default_formset()
        editor = EditorWindow(new_draft(formset.forms["a4tje"]), None, service,
                              EditorContext(formset, None, None, PageMeasure()))
        qtbot.addWidget(editor)
        found |= menu_actions(editor)
        editor.autosave_timer.stop()
        editor.dirty = False
    finally:
        service.stop()
    queue = tmp_path / "share"
    queue.mkdir()
    ensure_key(queue, create=True)
    sec_window = SecretariatWindow(Secretariaat(queue, actor="Anna", data_dir=tmp_path / "anna"))
    qtbot.addWidget(sec_window)
    found |= {clean(b.text()) for b in sec_window.findChildren(QPushButton)}
    tasks.shutdown(wait=True)
    return found


def test_every_window_action_has_a_cli_counterpart(window_actions: set[str]) -> None:
    assert len(window_actions) > 20  # the walk found the menus
    unmapped = sorted(window_actions - set(COUNTERPART))
    assert not unmapped, f"window actions without a CLI counterpart in COUNTERPART: {unmapped}"
    missing = {text: words for text, words in COUNTERPART.items()
               if isinstance(words, tuple) and not command_exists(words)}
    assert not missing, f"CLI commands named in COUNTERPART that do not exist: {missing}"


def test_the_check_catches_a_new_action(qtbot: Any) -> None:
    from PySide6.QtGui import QAction

    from desktop.ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.menuBar().actions()[0].menu().addAction(QAction("&Iets nieuws…", main))
    assert "Iets nieuws" in menu_actions(main) - set(COUNTERPART)
