"""``main.py selftest``: prove that an installation (source or frozen) has everything.

It exercises what a missing file would break: the forms, the local store and its
migrations, the page estimate, the dictionary, validation and export of a sample
draft, and the main window painted offscreen.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from desktop.domain.draft import Draft


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("selftest", parents=[common], help="controleer of de installatie compleet is")
    p.set_defaults(func=run)


def _sample(name: str) -> Draft:
    from desktop.config.paths import resources_dir
    from desktop.domain.draft import current_draft, load_draft_file
    from desktop.domain.forms import default_formset

    # Loaded as every command loads a draft: a site form may have renamed its fields.
    return current_draft(load_draft_file(resources_dir() / "samples" / f"{name}_voorbeeld.json"), default_formset())


def check_forms(work: Path) -> str:
    from desktop.domain.forms import default_formset

    forms = default_formset().forms
    missing = {"a4tje", "raadsbrief"} - set(forms)
    if missing:
        raise RuntimeError(f"formulieren ontbreken: {', '.join(sorted(missing))}")
    return f"{len(forms)} formulieren"


def check_store(work: Path) -> str:
    from desktop.storage.service import DraftStore

    store = DraftStore(work / "selftest.sqlite")
    try:
        draft_id = store.create(_sample("a4tje"))
        return f"concept {draft_id[:8]} opgeslagen en gelezen: {store.get(draft_id).draft.form}"
    finally:
        store.close()


def check_validate(work: Path) -> str:
    from desktop.cli.validate_cmd import layout_check
    from desktop.domain.findings import has_errors
    from desktop.domain.validation import validate

    layout = layout_check()
    if layout is None:
        raise RuntimeError("de pagina-inschatting ontbreekt")
    findings = validate(_sample("a4tje"), layout=layout)
    if has_errors(findings):
        raise RuntimeError("voorbeeld-A4tje heeft fouten: " + "; ".join(f.message for f in findings))
    return f"{len(findings)} waarschuwing(en), past op één pagina"


def check_export(work: Path) -> str:
    import docx

    from desktop.export.docx_export import export_docx

    sizes = []
    for name in ("a4tje", "raadsbrief"):
        out = work / f"{name}.docx"
        export_docx(_sample(name), out)
        docx.Document(str(out))
        sizes.append(out.stat().st_size)
    return f"A4tje en raadsbrief geëxporteerd ({', '.join(f'{s // 1024} kB' for s in sizes)})"


def check_dictionary(work: Path) -> str:
    from desktop.export.spelling import SpellService

    checker = SpellService(personal=work / "woordenlijst.txt")
    if not checker.check("fietsenstallingsbeleid") or checker.check("financiele"):
        raise RuntimeError("het woordenboek geeft onverwachte uitkomsten")
    return "Nederlands woordenboek geladen"


def check_window(work: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import Application, install_translations

    app = QApplication.instance() or QApplication(["stukken"])
    translators = install_translations(app)
    stukken = Application(app)
    try:
        stukken.window.show()
        app.processEvents()
        stukken.start()
        app.processEvents()
        image = stukken.window.grab().toImage()
    finally:
        stukken.window.close()
        stukken.shutdown()
    if image.isNull() or image.width() < 100:
        raise RuntimeError("het hoofdvenster is niet getekend")
    dutch = "met Nederlandse Qt-vertaling" if translators else "ZONDER Nederlandse Qt-vertaling"
    return f"hoofdvenster getekend ({image.width()}×{image.height()}), {dutch}"


# The window first: it needs a QApplication, and the page estimate would otherwise make a
# QGuiApplication (enough for layout, not for widgets).
CHECKS: list[tuple[str, Callable[[Path], str]]] = [
    ("venster", check_window),
    ("formulieren", check_forms),
    ("opslag", check_store),
    ("validatie en pagina-inschatting", check_validate),
    ("export", check_export),
    ("woordenboek", check_dictionary),
]


def run(args: argparse.Namespace) -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="stukken-selftest-") as tmp:
        work = Path(tmp)
        os.environ.setdefault("STUKKEN_DATA_DIR", str(work / "data"))
        # Settings are apart from data: the check must not write the user's own (window geometry).
        os.environ.setdefault("STUKKEN_CONFIG_DIR", str(work / "config"))
        for name, check in CHECKS:
            start = time.perf_counter()
            try:
                detail = check(work)
            except Exception as exc:  # report every failing part, not just the first
                failures += 1
                print(f"MISLUKT  {name}: {exc}  ({type(exc).__name__})")
            else:
                print(f"ok       {name}: {detail}  [{(time.perf_counter() - start) * 1000:.0f} ms]")
    print("Zelftest geslaagd." if not failures else f"Zelftest: {failures} onderdeel/onderdelen mislukt.")
    return 0 if not failures else 1
