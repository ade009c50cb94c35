"""The stuk as a printable text document (HTML into a QTextDocument) for preview and print.

When the export layer offers its page-fit document (the layout the estimate uses),
that one is printed, so preview, meter and print agree; otherwise a house-style HTML
rendering of the same fields is used.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtGui import QFont, QTextDocument

from desktop.domain.draft import Draft
from desktop.domain.forms import FormDef, FormSet
from desktop.domain.text import block_text


def _blocks_html(blocks: Any) -> str:
    out = []
    for b in blocks if isinstance(blocks, list) else []:
        if not isinstance(b, dict):
            continue
        kind = b.get("type")
        if kind in ("bullets", "numbered"):
            tag = "ol" if kind == "numbered" else "ul"
            items = "".join(f"<li>{escape(i)}</li>" for i in b.get("items", []) if isinstance(i, str))
            out.append(f"<{tag}>{items}</{tag}>")
        elif kind == "heading":
            out.append(f"<p><b>{escape(block_text(b))}</b></p>")
        else:
            out.append(f"<p>{escape(block_text(b))}</p>")
    return "".join(out)


def draft_html(draft: Draft, form: FormDef, formset: FormSet) -> str:
    v = draft.values
    parts = [f"<h2>{escape(form.title)}</h2>", "<table cellspacing='2'>"]
    head = [f for f in form.fields if f.kind in ("line", "choice", "date", "attachments")]
    for f in head:
        value = v.get(f.id)
        if f.kind == "attachments":
            shown = str(len(value)) if isinstance(value, list) else "0"
        else:
            shown = value if isinstance(value, str) and value else (f.placeholder or "")
        parts.append(f"<tr><td><b>{escape(f.label)}</b></td><td>{escape(str(shown))}</td></tr>")
    parts.append("</table>")
    for f in form.fields:
        value = v.get(f.id)
        if f.kind == "points":
            intro = "De raad besluit:" if v.get("soort") == "raadsvoorstel" else "Het college besluit:"
            items = "".join(f"<li>{escape(p)}</li>" for p in value or [] if isinstance(p, str))
            parts.append(f"<p><b>{escape(f.label)}</b><br/>{intro}</p><ol type='I'>{items}</ol>")
        elif f.kind == "text" and isinstance(value, str) and value.strip():
            parts.append(f"<p><b>{escape(f.label)}</b><br/>{escape(value).replace(chr(10), '<br/>')}</p>")
        elif f.kind == "body":
            if form.addressee:
                parts.append("<p>" + "<br/>".join(escape(a) for a in form.addressee) + "</p>")
            parts.append(_blocks_html(value))
            names = formset.config.names
            parts.append(
                "<p>Met vriendelijke groet,<br/>burgemeester en wethouders van Groningen,</p>"
                f"<p>de burgemeester,<br/>{escape(names.get('burgemeester', ''))}</p>"
                f"<p>de secretaris,<br/>{escape(names.get('secretaris', ''))}</p>"
            )
        elif f.kind == "appendices":
            for i, app in enumerate(value or []):
                if isinstance(app, dict):
                    parts.append(f"<h3>BIJLAGE {i + 1}: {escape(str(app.get('title', '')))}</h3>")
                    parts.append(_blocks_html(app.get("body")))
    return "".join(parts)


def model_html(model: Any) -> str:
    """The export layer's document model (the .docx and the page fit use it) as HTML."""
    from desktop.export import style as S
    from desktop.export.model import FieldTable, Para, Signatures
    from desktop.export.paint import list_label

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
    html = None
    family = "Liberation Sans"
    try:
        from desktop.export import style as S
        from desktop.export.model import build_model

        html = model_html(build_model(draft, form, formset))
        family = S.LAYOUT_FONT_FAMILY
    except ImportError:
        pass  # without the export layer: our own rendering of the same fields
    doc = QTextDocument()
    doc.setDefaultFont(QFont(family, 10))
    doc.setHtml(html if html is not None else draft_html(draft, form, formset))
    return doc
