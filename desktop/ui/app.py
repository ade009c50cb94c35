"""Start the Qt application: paint the main window first, load everything else after.

``STUKKEN_EXIT_AFTER`` (``painted`` or ``listed``) makes the process report the
moment and quit: the start-up benchmarks use it. ``STUKKEN_TEST_TYPE`` types text
into a new A4tje and reports each autosave: the crash test uses it.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

ENV_EXIT_AFTER = "STUKKEN_EXIT_AFTER"
ENV_TEST_TYPE = "STUKKEN_TEST_TYPE"


def install_translations(app: Any) -> list[Any]:
    """Qt's own Dutch (dialog buttons, file dialogs) plus ours when a .qm exists."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from desktop.config import paths

    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    loaded = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in (("qtbase_nl", qt_dir), ("stukken_nl", str(paths.resources_dir() / "translations"))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


class Application:
    """Holds what lives as long as the window: services, the spell checker, the controller."""

    def __init__(self, app: Any) -> None:
        from desktop.ui.controller import MainController
        from desktop.ui.main_window import MainWindow
        from desktop.ui.services import DraftService

        self.app = app
        self.service = DraftService()
        self.window = MainWindow()
        self.controller = MainController(self.window, self.service, self.context)
        self.window.controller = self.controller
        self._ctx: Any = None
        self.spell: Any = None

    def context(self) -> Any:
        """The editors' shared context, built on first use (forms, settings, spelling)."""
        if self._ctx is None:
            from desktop.config.settings import Settings
            from desktop.domain.forms import default_formset
            from desktop.ui.editor.window import EditorContext
            from desktop.ui.services import PageMeasure

            settings = Settings()
            self._ctx = EditorContext(default_formset(), self.spell, settings, PageMeasure())
        return self._ctx

    def start(self) -> None:
        """After the first paint: the list, then the dictionary in the background."""
        self.controller.refresh()
        from desktop.ui.spelling import SpellChecker

        self.spell = SpellChecker(parent=self.window)
        self.spell.unavailable.connect(lambda msg: self.window.statusBar().showMessage(msg, 20000))
        if self._ctx is not None:
            self._ctx.spell = self.spell
        self.spell.load_async()

    def shutdown(self) -> None:
        from desktop.ui import tasks

        self.service.stop()
        tasks.shutdown(wait=True)


def _report(tag: str) -> None:
    print(f"{tag} {time.time():.6f}", flush=True)


def run(argv: list[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop import APP_NAME, APP_ORG

    app = QApplication.instance() or QApplication(["stukken", *argv])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_ORG)
    install_translations(app)
    stukken = Application(app)
    exit_after = os.environ.get(ENV_EXIT_AFTER, "")
    window = stukken.window

    def painted() -> None:
        if exit_after == "painted":
            _report("PAINTED")
            app.exit(0)
            return
        QTimer.singleShot(0, stukken.start)

    window.first_painted.connect(painted)
    if exit_after == "listed":
        def listed(n: int) -> None:
            _report(f"LISTED {n}")
            app.exit(0)

        window.drafts_shown.connect(listed)
    if os.environ.get(ENV_TEST_TYPE):
        from desktop.ui.testhook import install

        install(stukken, os.environ[ENV_TEST_TYPE])
    app.aboutToQuit.connect(stukken.shutdown)
    window.show()
    code = app.exec()
    if exit_after:
        # The benchmarks time the start only; skip the orderly teardown of the worker threads.
        sys.stdout.flush()
        os._exit(code)
    return code
