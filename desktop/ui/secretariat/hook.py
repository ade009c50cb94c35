"""The one hook in the main window: View > Secretariaat… opens the secretariat window.

Only Qt is imported here, so the main window's first paint does not pay for the
secretariat's services; those load when the action is used.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence


def secretariat_action(window: Any) -> QAction:
    action = QAction("&Secretariaat…", window)
    action.setShortcut(QKeySequence("Ctrl+Shift+S"))
    action.setToolTip("Inbox, agenda en besluiten van het secretariaat")
    action.triggered.connect(lambda: open_window(window))
    return action


def open_window(parent: Any) -> Any:
    """Open (or raise) the secretariat window for the queue folder of the settings."""
    existing = getattr(parent, "_secretariat_window", None)
    if existing is not None:
        existing.show()
        existing.raise_()
        return existing
    from desktop.config.settings import Settings
    from desktop.secretariat.service import Secretariaat
    from desktop.ui.secretariat.window import SecretariatWindow

    window = SecretariatWindow(Secretariaat(Settings().queue_dir()))
    parent._secretariat_window = window  # keep it alive as long as the main window
    window.show()
    window.refresh()
    return window
