"""The stuk as a printable text document (HTML into a QTextDocument) for preview and print.

The export layer's document model (the layout the page-fit estimate uses) is printed, so
preview, meter and print agree.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtGui import QFont, QTextDocument

from desktop.domain.draft import Draft
from desktop.domain.forms import FormDef, FormSet
from desktop.export import style as S
from desktop.export.model import FieldTable, Para, Signatures, build_model
from desktop.export.paint import list_label


def model_html(model: Any) -> str:
    """The export layer's document model (the .docx and the page fit use it) as HTML."""
    parts = []
    counters: dict[str, int] = {}
    if model.header:
        parts.append(f"<p style='font-size:9pt; font-weight:bold'>{escape(model.header)}</p>")
    for block in model.blocks:
        if isinstance(block, FieldTable):
            rows = []
            for row in block.rows:
                cells = "".join(
                    f"<td style='color:#404040; padding-right:6px'>{escape(label)}</td>"
                    f"<td style='padding-right:18px'>{escape(value)}</td>"
                    for label, value in row
                )
                rows.append(f"<tr>{cells}</tr>")
            parts.append("<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>")
            continue
        if isinstance(block, Signatures):  # the closing and both signatures side by side
            cells = "".join(
                f"<td width='50%' valign='top'>{escape(text).replace(chr(10), '<br/>')}</td>" for text in block.cells
            )
            parts.append(f"<table width='100%' style='margin-top:12pt'><tr>{cells}</tr></table>")
            continue
        if not isinstance(block, Para):
            continue
        st = S.PARA_STYLES.get(block.style) or S.PARA_STYLES["Normal"]
        css = [
            f"font-size:{st.size_pt}pt",
            f"margin-top:{st.before / 20}pt",
            f"margin-bottom:{st.after / 20}pt",
            f"margin-left:{(st.indent_left) / 20}pt",
        ]
        if st.bold:
            css.append("font-weight:bold")
        if st.italic:
            css.append("font-style:italic")
        if st.color:
            css.append(f"color:#{st.color}")
        label = list_label(st, counters, block.list_key)
        text = (f"{escape(label)}&nbsp;&nbsp;" if label else "") + escape(block.text).replace("\n", "<br/>")
        parts.append(f"<p style='{'; '.join(css)}'>{text}</p>")
    return "".join(parts)


def print_document(draft: Draft, form: FormDef, formset: FormSet) -> QTextDocument:
    """The stuk for preview and print, in the house style's font and sizes."""
    doc = QTextDocument()
    doc.setDefaultFont(QFont(S.LAYOUT_FONT_FAMILY, 10))
    doc.setHtml(model_html(build_model(draft, form, formset)))
    return doc
