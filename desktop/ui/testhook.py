"""A test driver inside the real process: type into a new A4tje and report every autosave.

Used by the crash test (``STUKKEN_TEST_TYPE=text``): it starts the application as a
real process, waits for ``AUTOSAVED <id>`` on stdout and kills it with SIGKILL.
"""

from __future__ import annotations

from typing import Any


def install(stukken: Any, text: str) -> None:
    done = {"started": False}

    def on_listed(_n: int) -> None:
        if done["started"]:
            return
        done["started"] = True
        from PySide6.QtTest import QTest

        editor = stukken.controller.new("a4tje")
        editor.saved.connect(lambda draft_id: print(f"AUTOSAVED {draft_id}", flush=True))
        target = editor.view.rows["onderwerp"].widget.focus_target()
        target.setFocus()
        QTest.keyClicks(target, text)
        print("TYPED", flush=True)

    stukken.window.drafts_shown.connect(on_listed)
