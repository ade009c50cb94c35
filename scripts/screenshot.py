"""Render the editor with a realistic A4tje offscreen and save it as docs/screenshot.png.

    python scripts/screenshot.py [OUT.png]

No display is needed: Qt's offscreen platform and ``QWidget.grab()`` paint the window
into an image. The draft is the test fixture with two typical mistakes added, so the
picture shows the findings panel, a wavy underline and the page meter at work.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def render(out: Path) -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    scratch = tempfile.mkdtemp(prefix="stukken-screenshot-")
    os.environ["STUKKEN_DATA_DIR"] = scratch  # never touch the user's own store
    os.environ["STUKKEN_CONFIG_DIR"] = scratch
    sys.path.insert(0, str(REPO))
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["stukken"])
    from desktop.domain.draft import load_draft_file
    from desktop.domain.forms import default_formset
    from desktop.ui.app import install_translations
    from desktop.ui.editor.window import EditorContext, EditorWindow
    from desktop.ui.services import DraftService, PageMeasure
    from desktop.ui.spelling import DictionaryMissing, SpellChecker, SpellService

    install_translations(app)
    draft = load_draft_file(REPO / "tests" / "fixtures" / "a4tje_full.json")
    draft.values["besluit"][1] = "een krediet van € 400.000 beschikbaar stellen;"
    draft.values["financien"] = "De financiele gevolgen dekken we uit de reserve Stadsbeheer."
    try:
        spell = SpellChecker(SpellService())
    except DictionaryMissing:
        spell = None
    service = DraftService()
    editor = EditorWindow(draft, None, service, EditorContext(default_formset(), spell, None, PageMeasure()))
    editor.resize(1400, 900)
    editor.show()
    deadline = time.time() + 10
    while time.time() < deadline and (editor.meter.fraction is None or editor.checker.findings is None):
        QCoreApplication.processEvents()
    editor.go_to_section("besluit")
    settle = time.time() + 1.0
    while time.time() < settle:
        QCoreApplication.processEvents()
    image = editor.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        raise SystemExit(f"could not write {out}")
    editor.dirty = False
    editor.close()
    service.stop()
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshot.png"
    print(render(target))
