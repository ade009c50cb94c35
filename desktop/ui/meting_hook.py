"""The main window's hook for the rolvastheid questionnaire: Beeld > Meting rolvastheid invullen….

Only Qt is imported here; the dialog and its services load when the action is used
(benchmark startup_first_paint: the main window's first paint must not pay for them).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction

from desktop.ui.hook_action import hook_action


def meting_action(window: Any) -> QAction:
    return hook_action(window, "&Meting rolvastheid invullen…", "Ctrl+Shift+M",
                       "De korte vragenlijst van dit meetmoment (anoniem in het verslag)",
                       open_dialog)


def open_dialog(parent: Any) -> Any:
    from desktop.config.settings import Settings
    from desktop.ui.meting_dialog import MetingDialog  # on use only: see the module docstring

    dialog = MetingDialog(Settings().queue_dir(), parent)
    dialog.show()
    return dialog
