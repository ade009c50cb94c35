"""Beeld > Sleutels van het secretariaat…: which secretariat keys this application trusts, and
confirming a new one after checking its fingerprint (without a site folder; issue 12).

Only Qt is imported at module level (benchmark startup_first_paint); the services load on use.
The dialog reads local state only (pins, the last keys seen, IT's list or its copy): it never
waits on the share.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction

from desktop.ui.hook_action import hook_action


def keys_action(window: Any) -> QAction:
    return hook_action(window, "Sleutels van het &secretariaat…", "Ctrl+Alt+K",
                       "Welke sleutels van het secretariaat worden vertrouwd; een nieuwe bevestigen",
                       open_dialog)


def open_dialog(parent: Any) -> Any:
    from desktop.ui.keys_dialog import KeysDialog  # on use only: see the module docstring

    dialog = KeysDialog(parent)
    dialog.show()
    return dialog
