""""Stuk openen": the submitted document as it will be printed, with its verification and findings."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.secretariat.inbox import number_field
from desktop.ui.editor.printing import print_document

TRUSTED = ("vertrouwd", "nieuwe sleutel")


def facts_html(row: dict[str, Any]) -> str:
    """Verification, state, te laat and the findings of one inbox row."""
    ok = row.get("verificatie") in TRUSTED
    colour = "#1b5e20" if ok else "#b00020"
    parts = [f"<h3>{escape(row.get('onderwerp') or '(zonder onderwerp)')}</h3>",
             f"<p><b>Echtheid:</b> <span style='color:{colour}'>{escape(str(row.get('verificatie', '')))}</span>"
             + (f" — {escape(row['probleem'])}" if row.get("probleem") else "") + "</p>",
             f"<p><b>Status:</b> {escape(str(row.get('status', '')))}"
             + (f" — reden: {escape(row['reden'])}" if row.get("reden") else "") + "</p>",
             f"<p><b>Steller:</b> {escape(str(row.get('steller', '')))} · <b>Directie:</b> "
             f"{escape(str(row.get('directie', '')))} · <b>Classificatie:</b> "
             f"{escape(str(row.get('classificatie', '')))}</p>"]
    if row.get("te_laat"):
        parts.append(f"<p style='color:#b00020'><b>Te laat</b> voor de vergadering van "
                     f"{escape(str(row.get('vergadering', '')))} (eerst gezien {escape(str(row.get('eerst_gezien')))}).</p>")
    findings = row.get("bevindingen") or []
    if findings:
        items = "".join(f"<li><b>{escape(f['ernst'])}</b>: {escape(f['veld'])}: {escape(f['melding'])}</li>"
                        for f in findings)
        parts.append(f"<p><b>Bevindingen ({len(findings)}):</b></p><ul>{items}</ul>")
    else:
        parts.append("<p><b>Bevindingen:</b> geen.</p>")
    return "".join(parts)


class StukDialog(QDialog):
    def __init__(self, row: dict[str, Any], submission: Any, formset: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Stuk: {row.get('onderwerp') or row.get('id')}")
        layout = QVBoxLayout(self)
        split = QSplitter(self)
        split.setOrientation(split.orientation().Vertical)
        self.facts = QTextBrowser(split)
        self.facts.setAccessibleName("Controle en bevindingen")
        self.facts.setHtml(facts_html(row))
        self.document = QTextBrowser(split)
        self.document.setAccessibleName("Het ingediende stuk")
        draft = getattr(submission, "draft", None)
        form = formset.forms.get(draft.form) if draft is not None else None
        if draft is None or form is None:
            reason = getattr(submission, "probleem", "") or "het stuk is versleuteld of onleesbaar"
            self.document.setHtml(f"<p><i>De inhoud is niet te tonen: {escape(reason)}.</i></p>")
        else:
            shown = draft.copy()
            if row.get("registratienummer"):
                shown.values[number_field(shown)] = row["registratienummer"]
            self.printed = print_document(shown, form, formset)
            self.document.setDocument(self.printed)
        split.addWidget(self.facts)
        split.addWidget(self.document)
        split.setSizes([180, 520])
        layout.addWidget(split, 1)
        buttons = QDialogButtonBox(self)
        buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 820)

    def text(self) -> str:
        return self.facts.toPlainText() + "\n" + self.document.toPlainText()
