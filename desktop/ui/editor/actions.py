"""The editor's file actions: export to .docx, print preview and print."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.domain.text import count_label
from desktop.export import style as S
from desktop.ui.editor.fields import tr

if TYPE_CHECKING:
    from desktop.ui.editor.window import EditorWindow


def suggested_name(onderwerp: str, form_title: str) -> str:
    base = re.sub(r"[^\w\- ]+", "", onderwerp).strip() or form_title
    return base[:80] + ".docx"


def export(window: EditorWindow, path: str | None = None, ask_after: bool = True) -> Any:
    """Ask for a file name, export on a worker thread, then offer Openen / Toon in map."""
    from desktop.ui.services import export_docx

    draft = window.snapshot()
    if path is None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        start = str(Path(folder) / suggested_name(draft.get_text("onderwerp"), window.form.title))
        path, _ = QFileDialog.getSaveFileName(window, tr("Exporteren naar Word"), start, tr("Word-document (*.docx)"))
        if not path:
            return None
        if not path.lower().endswith(".docx"):
            path += ".docx"
    out = Path(path)
    window.statusBar().showMessage(tr("Exporteren…"))

    def done(findings: Any, error: BaseException | None) -> None:
        if error is not None:
            window.statusBar().showMessage(tr("Exporteren mislukt"), 10000)
            QMessageBox.warning(window, tr("Exporteren mislukt"), tr("Het document kon niet worden gemaakt:\n{e}").format(e=error))
            return
        window.statusBar().showMessage(tr("Geëxporteerd naar {p}").format(p=out), 10000)
        window.last_export = out
        if ask_after:
            _offer_open(window, out, findings or [])

    return export_docx(draft, out, window.ctx.formset, done)


def _offer_open(window: EditorWindow, out: Path, findings: list[Any]) -> None:
    box = QMessageBox(window)
    box.setWindowTitle(tr("Geëxporteerd"))
    text = tr("Het document is opgeslagen als\n{p}").format(p=out)
    errors = [f for f in findings if getattr(f, "is_error", False)]
    if errors:
        text += "\n\n" + tr("Let op: het stuk heeft nog {n}.").format(n=count_label(len(errors), "fout", "fouten"))
    box.setText(text)
    open_button = box.addButton(tr("Openen"), QMessageBox.ButtonRole.AcceptRole)
    folder_button = box.addButton(tr("Toon in map"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(tr("Sluiten"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
    elif box.clickedButton() is folder_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out.parent)))


def _model(window: EditorWindow) -> Any:
    """The page model the .docx is written from: print and preview paint it (export.paint)."""
    from desktop.export.model import build_model

    return build_model(window.snapshot(), window.form, window.ctx.formset)


def _paint(model: Any, printer: Any) -> None:
    from desktop.export.paint import paint

    paint(model, printer)


def _printer() -> Any:
    """A4 with the house style's margins (the same page the .docx and the page fit assume)."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    mm = 25.4 / 1440
    margins = QMarginsF(S.MARGIN_LEFT * mm, S.MARGIN_TOP * mm, S.MARGIN_RIGHT * mm, S.MARGIN_BOTTOM * mm)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter
        )
    )
    return printer


def preview(window: EditorWindow, show: bool = True) -> Any:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    printer = _printer()
    dialog = QPrintPreviewDialog(printer, window)
    dialog.setWindowTitle(tr("Afdrukvoorbeeld"))
    model = _model(window)
    dialog.paintRequested.connect(lambda target: _paint(model, target))
    # The dialog does not own the printer nor the model: keep both alive with it.
    dialog.keep_alive = (model, printer)  # type: ignore[attr-defined]
    if show:
        dialog.exec()
    return dialog


def print_now(window: EditorWindow) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    printer = _printer()
    dialog = QPrintDialog(printer, window)
    if dialog.exec():
        _paint(_model(window), printer)
