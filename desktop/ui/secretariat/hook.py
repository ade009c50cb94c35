"""The one hook in the main window: View > Secretariaat… opens the secretariat window.

Only a machine with a secretariat key that the trust anchor trusts gets the window; any
other gets "Secretariaat instellen…" instead: make a key and show its id to give to IT.
Only Qt is imported here, so the main window's first paint does not pay for the
secretariat's services; those load when the menu is opened (first paint benchmark).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence

OPEN_TEXT = "&Secretariaat…"
SETUP_TEXT = "Secretariaat &instellen…"


def secretariat_action(window: Any, menu: Any = None) -> QAction:
    """The action; with ``menu`` its text follows the role each time the menu opens."""
    action = QAction(OPEN_TEXT, window)
    action.setShortcut(QKeySequence("Ctrl+Shift+S"))
    action.setToolTip("Inbox, agenda en besluiten van het secretariaat")
    action.triggered.connect(lambda: open_window(window))
    if menu is not None:
        menu.aboutToShow.connect(lambda: update_action(action))
    return action


def update_action(action: QAction) -> bool:
    """Name the action after what it will do; True when this machine may act."""
    from desktop.secretariat.roles import secretariat_role

    may = secretariat_role().may_act
    action.setText(OPEN_TEXT if may else SETUP_TEXT)
    action.setToolTip("Inbox, agenda en besluiten van het secretariaat" if may else
                      "Maak een sleutel van het secretariaat en geef het id aan IT")
    return may


def setup_dialog(parent: Any) -> Any:
    """'Secretariaat instellen…': why this machine may not act, and a key id to give to IT."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from desktop.secretariat.errors import SecretariatError
    from desktop.secretariat.roles import make_key, secretariat_role

    role = secretariat_role()
    box = QMessageBox(parent)
    box.setWindowTitle("Secretariaat instellen")
    box.setIcon(QMessageBox.Icon.Information)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    make = None
    if role.own_keys:
        ids = "\n".join(f"{kid}  (vingerafdruk {fp})" for kid, fp in role.own_keys)
        box.setText(f"{role.reason}\n\nSleutel-id voor IT:\n{ids}")
    else:
        box.setText(f"{role.reason}\n\nMaak een sleutel en geef het sleutel-id aan IT. Tot IT de "
                    "sleutel opneemt, doet die niets.")
        make = box.addButton("Sleutel &maken", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("&Sluiten", QMessageBox.ButtonRole.RejectRole)
    box.setAccessibleName("Secretariaat instellen")
    box.exec()
    if make is not None and box.clickedButton() is make:
        try:
            key_id, fp = make_key()
        except SecretariatError as exc:
            QMessageBox.warning(parent, "Secretariaat instellen", str(exc))
            return None
        done = QMessageBox(parent)
        done.setWindowTitle("Sleutel gemaakt")
        done.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        done.setText(f"Sleutel-id voor IT: {key_id}\nVingerafdruk: {fp}\n\nGeef dit id aan IT voor "
                     "secretariaat-sleutels.txt in de sitemap.")
        done.exec()
        return key_id
    return None


def open_window(parent: Any) -> Any:
    """Open (or raise) the secretariat window for the queue folder of the settings."""
    from desktop.secretariat.roles import secretariat_role

    if not secretariat_role().may_act:
        return setup_dialog(parent)  # no trusted secretariat key: never the window
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
