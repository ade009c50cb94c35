"""Beeld > Sleutels van het secretariaat…: which secretariat keys this application trusts, and
confirming a new one after checking its fingerprint (without a site folder; issue 12).

Only Qt is imported at module level (benchmark startup_first_paint); the services load on use.
The dialog reads local state only (pins, the last keys seen, IT's list or its copy): it never
waits on the share.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence


def keys_action(window: Any) -> QAction:
    action = QAction("Sleutels van het &secretariaat…", window)
    action.setShortcut(QKeySequence("Ctrl+Alt+K"))
    action.setToolTip("Welke sleutels van het secretariaat worden vertrouwd; een nieuwe bevestigen")
    action.triggered.connect(lambda: open_dialog(window))
    return action


def open_dialog(parent: Any) -> Any:
    from desktop.ui.keys_dialog import KeysDialog  # on use only: see the module docstring

    dialog = KeysDialog(parent)
    dialog.show()
    return dialog
