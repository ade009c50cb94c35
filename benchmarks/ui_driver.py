"""Processes the UI benchmarks time: a bare PySide6 window (the floor) and keystroke typing.

    python -m benchmarks.ui_driver bare_paint        # QApplication + QMainWindow, exit on first paint
    python -m benchmarks.ui_driver bare_memory       # the same, idle 0.5 s, print the peak RSS
    python -m benchmarks.ui_driver keys_bare N       # type N keys into a bare QPlainTextEdit
    python -m benchmarks.ui_driver keys_app N        # type N keys into a full A4tje in the editor

The key modes print one JSON line: per keystroke, the time from the moment the key
was due (a fixed typing rhythm) to the repaint of the field, so a GUI thread busy
with validation shows up as latency.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
INTERVAL_MS = 70  # about 14 characters a second: a fast typist
TEXT = " Wij stellen voor de financiele middelen in te zetten voor het fietsenstallingsbeleid."


def bare_paint() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Window(QMainWindow):
        painted = False

        def paintEvent(self, event):  # type: ignore[no-untyped-def]  # noqa: N802
            super().paintEvent(event)
            if not self.painted:
                self.painted = True
                QTimer.singleShot(0, report)

    def report() -> None:
        print(f"PAINTED {time.time():.6f}", flush=True)
        os._exit(0)

    app = QApplication(["bare"])
    window = Window()
    window.setWindowTitle("floor")
    window.resize(1000, 700)
    window.show()
    app.exec()
    os._exit(0)


def bare_memory() -> None:
    """The floor of ``memory_idle_main_window``: a bare window, painted and idle a moment."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from desktop.ui.app import peak_rss_kb

    app = QApplication(["bare"])
    window = QMainWindow()
    window.setWindowTitle("floor")
    window.resize(1000, 700)
    window.show()

    def report() -> None:
        print(f"POLLED {time.time():.6f} {peak_rss_kb()}", flush=True)
        os._exit(0)

    QTimer.singleShot(500, report)
    app.exec()
    os._exit(0)


def _type(app, widget, keys: int) -> list[float]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    latencies: list[float] = []
    state = {"i": 0, "start": 0.0, "due": 0.0}
    timer = QTimer()
    timer.setSingleShot(True)
    # Precise: never early, late only when the GUI thread is busy, which is what the
    # latency should show.
    timer.setTimerType(Qt.TimerType.PreciseTimer)

    def schedule() -> None:
        state["due"] = state["start"] + (state["i"] + 1) * INTERVAL_MS / 1000
        timer.start(max(0, int((state["due"] - time.perf_counter()) * 1000)))

    def tick() -> None:
        due = state["due"]
        if time.perf_counter() < due:  # early by millisecond rounding: wait for the moment
            timer.start(0)
            return
        QTest.keyClick(widget, TEXT[int(state["i"]) % len(TEXT)])
        widget.viewport().repaint()
        latencies.append(time.perf_counter() - due)
        state["i"] += 1
        if state["i"] >= keys:
            QTimer.singleShot(INTERVAL_MS * 12, app.quit)  # let the last checks finish too
        else:
            schedule()

    timer.timeout.connect(tick)
    state["start"] = time.perf_counter()
    schedule()
    app.exec()
    return latencies


def keys_bare(keys: int) -> list[float]:
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    app = QApplication(["bare"])
    window = QMainWindow()
    edit = QPlainTextEdit()
    window.setCentralWidget(edit)
    window.resize(1280, 860)
    window.show()
    edit.setFocus()
    return _type(app, edit, keys)


def keys_app(keys: int) -> list[float]:
    import tempfile
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    tmp = tempfile.mkdtemp(prefix="stukken-bench-")
    os.environ["STUKKEN_DATA_DIR"] = tmp
    os.environ["STUKKEN_CONFIG_DIR"] = tmp
    app = QApplication(["stukken"])
    from desktop.config.settings import Settings
    from desktop.domain.draft import load_draft_file
    from desktop.domain.forms import default_formset
    from desktop.ui.editor.window import EditorContext, EditorWindow
    from desktop.ui.services import DraftService, PageMeasure
    from desktop.ui.spelling import SpellChecker, SpellService

    fixture = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "a4tje_full.json"
    service = DraftService()
    ctx = EditorContext(default_formset(), SpellChecker(SpellService()), Settings(), PageMeasure())
    editor = EditorWindow(load_draft_file(fixture), None, service, ctx)
    editor.show()
    deadline = time.time() + 5
    while time.time() < deadline and editor.meter.fraction is None:
        QCoreApplication.processEvents()
    edit = editor.view.rows["argumenten"].widget.edit
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    latencies = _type(app, edit, keys)
    service.stop()
    return latencies


def main() -> None:
    mode = sys.argv[1]
    if mode == "bare_paint":
        bare_paint()
        return
    if mode == "bare_memory":
        bare_memory()
        return
    keys = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    latencies = keys_bare(keys) if mode == "keys_bare" else keys_app(keys)
    print(json.dumps({"latencies": latencies}), flush=True)
    os._exit(0)


if __name__ == "__main__":
    main()
