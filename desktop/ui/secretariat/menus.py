"""The secretariat window's actions: every one in a menu, with a shortcut (docs/window.md, Keys)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget

# name -> (menu, text, shortcut, tooltip); the window has a method for each name.
ACTIONS: tuple[tuple[str, str, str, str, str], ...] = (
    ("new_meeting", "&Bestand", "&Nieuwe vergadering…", "Ctrl+N", "Een vergadering met datum en sluitingstijd"),
    ("export_agenda", "&Bestand", "Agenda &exporteren…", "Ctrl+E", "De agenda als .docx"),
    ("export_set", "&Bestand", "&Vergaderset exporteren…", "Ctrl+Shift+E", "Agenda plus elk stuk, in een map"),
    ("export_besluitenlijst", "&Bestand", "&Besluitenlijst exporteren…", "Ctrl+Alt+B", "De besluitenlijst als .docx"),
    ("export_terugkoppeling", "&Bestand", "&Terugkoppeling exporteren…", "Ctrl+Alt+T",
     "De terugkoppeling als .docx"),
    ("print_agenda", "&Bestand", "Agenda &afdrukken…", "Ctrl+P", "Afdrukvoorbeeld van de agenda"),
    ("print_besluitenlijst", "&Bestand", "Besluitenlijst a&fdrukken…", "Ctrl+Shift+P",
     "Afdrukvoorbeeld van de besluitenlijst"),
    ("print_terugkoppeling", "&Bestand", "Terugkoppeling af&drukken…", "Ctrl+Alt+P",
     "Afdrukvoorbeeld van de terugkoppeling"),
    ("print_set", "&Bestand", "Vergaderset afdru&kken…", "Ctrl+Alt+V", "Agenda en elk stuk, zoals geëxporteerd"),
    ("close", "&Bestand", "&Sluiten", "Ctrl+W", ""),
    ("find_in_inbox", "&Inbox", "&Zoeken", "Ctrl+F", "Zoeken in de inbox"),
    ("open_selected", "&Inbox", "Stuk &openen", "Ctrl+O", "Het ingediende stuk, met controle en bevindingen"),
    ("accept_selected", "&Inbox", "&Aanvaarden", "Ctrl+Shift+A", "Kent het registratienummer toe"),
    ("return_selected", "&Inbox", "&Terugsturen…", "Ctrl+Shift+R", "Terug naar de steller, met een reden"),
    ("place_hamer", "&Inbox", "Als &hamerstuk agenderen", "Ctrl+Shift+H", ""),
    ("place_bespreek", "&Inbox", "Als &bespreekstuk agenderen", "Ctrl+Shift+K", ""),
    ("remove_selected", "&Agenda", "&Van de agenda halen…", "Ctrl+Del", "Terug naar de inbox (alleen concept)"),
    ("move_up", "&Agenda", "Punt om&hoog", "Ctrl+Up", ""),
    ("move_down", "&Agenda", "Punt om&laag", "Ctrl+Down", ""),
    ("toggle_kind", "&Agenda", "Hamer/bespreek &wisselen", "Ctrl+Shift+W", ""),
    ("auto_order", "&Agenda", "&Automatische volgorde", "Ctrl+Shift+O", "Hamerstukken eerst, per portefeuillehouder"),
    ("ask_freeze", "&Agenda", "Agenda &vaststellen…", "Ctrl+Shift+V", ""),
    ("ask_decision", "&Agenda", "&Besluit vastleggen…", "Ctrl+B", ""),
    ("ask_publish", "&Agenda", "&Publiceren…", "Ctrl+Shift+U", "Besluitenlijst en terugkoppeling naar de stellers"),
    ("refresh", "Bee&ld", "&Vernieuwen", "F5", "Inbox en agenda opnieuw lezen uit de gedeelde map"),
    ("focus_meetings", "Bee&ld", "Vergadering &kiezen", "Ctrl+M", ""),
    ("focus_inbox", "Bee&ld", "Naar de &inbox", "Ctrl+1", ""),
    ("focus_agenda", "Bee&ld", "Naar de &agenda", "Ctrl+2", ""),
    ("show_problems", "Bee&ld", "&Problemen in de gedeelde map…", "Ctrl+Shift+F",
     "Bestanden die niet worden vertrouwd: niet ondertekend, vervalst, beschadigd of teruggezet"),
)


def build(window: Any) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    menus: dict[str, Any] = {}
    for name, menu, text, keys, tip in ACTIONS:
        if menu not in menus:
            menus[menu] = window.menuBar().addMenu(menu)
        elif name in ("print_agenda", "close", "remove_selected", "ask_freeze", "focus_meetings"):
            menus[menu].addSeparator()
        action = QAction(text, window)
        action.setShortcut(QKeySequence(keys))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(getattr(window, name))
        menus[menu].addAction(action)
        actions[name] = action
    return actions


def button(action: QAction, parent: QWidget, on_click: Callable[[], None] | None = None) -> QPushButton:
    """A push button for an action; the tooltip names the shortcut."""
    b = QPushButton(action.text().replace("&", ""), parent)
    b.setToolTip(f"{action.toolTip() or b.text()} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
    b.clicked.connect(on_click or action.trigger)
    return b
