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


def print_document(draft: Draft, form: FormDef, formset: FormSet) -> QTextDocument:
    try:
        from desktop.export.pagefit import build_document  # type: ignore[attr-defined]
    except ImportError:
        build_document = None
    if build_document is not None:
        try:
            return build_document(draft, form, formset)
        except Exception:  # fall back to our own rendering rather than fail to print
            pass
    doc = QTextDocument()
    doc.setDefaultFont(QFont("Liberation Sans", 10))
    doc.setHtml(draft_html(draft, form, formset))
    return doc
