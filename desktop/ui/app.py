"""Start the Qt application. PySide6 is imported here, not at module import of the CLI."""

from __future__ import annotations


def run(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from desktop import APP_NAME, APP_ORG

    app = QApplication.instance() or QApplication(["stukken", *argv])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ORG)
    window = QMainWindow()
    window.setWindowTitle("Stukken — Gemeente Groningen")
    window.setCentralWidget(QLabel("Welkom. Kies Bestand > Nieuw A4tje om te beginnen."))
    window.resize(1000, 700)
    window.show()
    return app.exec()
