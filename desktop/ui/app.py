"""Start the Qt application: paint the main window first, load everything else after.

``STUKKEN_EXIT_AFTER`` (``painted`` or ``listed``) makes the process report the
moment and quit: the start-up benchmarks use it. ``STUKKEN_TEST_TYPE`` types text
into a new A4tje and reports each autosave: the crash test uses it.
"""

from __future__ import annotations

import os
import time
from typing import Any

ENV_EXIT_AFTER = "STUKKEN_EXIT_AFTER"
ENV_TEST_TYPE = "STUKKEN_TEST_TYPE"
QUEUE_DELAY_MS = 2000


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
        from desktop.ui.main_window import MainWindow

        self.app = app
        self.window = MainWindow()
        self.service: Any = None
        self.controller: Any = None
        self._ctx: Any = None
        self.spell: Any = None
        self.poller: Any = None
        self.late: Any = None

    def context(self) -> Any:
        """The editors' shared context, built on first use (forms, settings, spelling)."""
        if self._ctx is None:
            from desktop.config.settings import Settings
            from desktop.domain.forms import default_formset
            from desktop.ui.editor.window import EditorContext
            from desktop.ui.services import PageMeasure

            settings = Settings()
            self._ctx = EditorContext(default_formset(), self.spell, settings, PageMeasure())
        # The dictionary (~30 MB) loads with the first editor, not while the list sits idle
        # (benchmark memory_idle_main_window); the marks follow once it is there.
        self.load_spelling()
        return self._ctx

    def start(self) -> None:
        """After the first paint: the services, the list, then the dictionary in the background."""
        from desktop.ui.controller import MainController
        from desktop.ui.services import DraftService
        from desktop.ui.spelling import SpellChecker

        self.spell = SpellChecker(parent=self.window)
        self.spell.unavailable.connect(lambda msg: self.window.statusBar().showMessage(msg, 20000))
        if self._ctx is not None:
            self._ctx.spell = self.spell
        self.service = DraftService()
        self.controller = MainController(self.window, self.service, self.context)
        self.window.controller = self.controller
        self.window.attach_model()
        self.window.poll_requested.connect(self.poll_now)
        self._set_icon()
        self.window.drafts_shown.connect(self._after_first_list)
        self.controller.first_refresh()

    def _set_icon(self) -> None:
        from PySide6.QtGui import QIcon

        from desktop.config import paths

        icon = paths.resources_dir() / "icons" / "stukken.png"
        if icon.is_file():
            self.app.setWindowIcon(QIcon(str(icon)))

    def _after_first_list(self, _n: int) -> None:
        from PySide6.QtCore import QTimer

        self.window.drafts_shown.disconnect(self._after_first_list)
        QTimer.singleShot(QUEUE_DELAY_MS, self.window, self.start_queue)  # dies with the window

    def start_queue(self) -> None:
        """Deliver waiting submissions and read status back, now and every minute."""
        from desktop.ui.queue_actions import QueuePoller
        from desktop.ui.route_notices import LateWatcher

        if self.poller is not None:
            return
        self.window.build_steller()
        self.poller = QueuePoller(self.window, self.service)
        self.poller.changed.connect(self._queue_changed)
        self.poller.news.connect(self.window.steller.notify)
        self.poller.problems.connect(lambda m: self.window.statusBar().showMessage(" · ".join(m), 30000))
        self.poller.states_read.connect(self.controller.queue_states)
        self.poller.polled.connect(self.window.steller.polled)
        self.late = LateWatcher(self.window, self.window.steller.notify)  # late parafen/adviezen, told once
        self.poller.polled.connect(self.late.check)
        if os.environ.get(ENV_EXIT_AFTER) == "polled":
            self.poller.polled.connect(lambda: _report_and_exit("POLLED"))
        self.poller.start()

    def poll_now(self) -> None:
        """F5 and "Nu versturen": deliver and read status now (on a worker thread)."""
        if self.poller is None:
            self.start_queue()  # its first poll is now
        else:
            self.poller.poll()

    def _queue_changed(self, _messages: list[str]) -> None:
        # News goes to the message bar (``news``), problems to the status bar (``problems``).
        if self.controller is not None:
            self.controller.refresh()

    def load_spelling(self) -> None:
        """Hunspell reads its dictionary holding the GIL (~0.3 s), on a worker, once."""
        if (self.spell is not None and self.spell.service is None and not self.spell.loading
                and self.spell.problem is None):
            self.spell.load_async()

    def shutdown(self) -> None:
        if self.service is None:
            return
        from desktop.ui import tasks

        self.service.stop()
        tasks.shutdown(wait=True)


def _report_and_exit(tag: str) -> None:
    """For the start-up benchmarks: report the moment, then end at once (like the floor)."""
    print(f"{tag} {time.time():.6f} {peak_rss_kb()}", flush=True)
    os._exit(0)


def peak_rss_kb() -> int:
    """The process's peak resident memory in KiB (0 where the platform does not tell).

    On Linux VmHWM of this program image: ``ru_maxrss`` would also count the parent's memory
    copied by fork before exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak // 1024) if os.uname().sysname == "Darwin" else int(peak)


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
            _report_and_exit("PAINTED")
        QTimer.singleShot(0, stukken.start)

    window.first_painted.connect(painted)
    if exit_after == "listed":
        def listed(n: int) -> None:
            _report_and_exit(f"LISTED {n}")

        window.drafts_shown.connect(listed)
    if os.environ.get(ENV_TEST_TYPE):
        from desktop.ui.testhook import install

        install(stukken, os.environ[ENV_TEST_TYPE])
    app.aboutToQuit.connect(stukken.shutdown)
    window.show()
    return app.exec()
