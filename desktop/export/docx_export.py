"""Write a draft as a house-style .docx (python-docx on the reference template).

``export_docx`` never raises on the user's text: the model sanitises it and
returns what it changed as warning findings. It only raises ``ExportError`` when
the file cannot be written (a full disk, a folder without rights).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.domain.draft import Draft
from desktop.domain.findings import Finding
from desktop.domain.forms import FormSet, default_formset
from desktop.domain.sanitize import clean_text
from desktop.export import style as S
from desktop.export.model import DocModel, FieldTable, FinalInfo, Para, Signatures, build_model

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

__all__ = ["ExportError", "FinalInfo", "export_bytes", "export_docx", "render_document"]

_template_bytes: bytes | None = None


class ExportError(Exception):
    """The document could not be written; ``str()`` is Dutch, ``detail`` for developers."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


def _template() -> bytes:
    # Read once per process: the floor of every export is opening this package.
    global _template_bytes
    if _template_bytes is None:
        _template_bytes = S.template_path().read_bytes()
    return _template_bytes


def _model(draft: Draft, formset: FormSet | None, final: FinalInfo | None) -> DocModel:
    from desktop.domain.validation import UnknownFormError

    formset = formset or default_formset()
    form = formset.get(draft.form)
    if form is None:
        raise UnknownFormError(draft.form, formset.forms)
    return build_model(draft, form, formset, final)


def render_document(model: DocModel) -> DocxDocument:
    from docx import Document

    doc = Document(io.BytesIO(_template()))
    _Writer(doc).write(model)
    return doc


def export_bytes(draft: Draft, *, formset: FormSet | None = None, final: FinalInfo | None = None) -> bytes:
    return _export(draft, formset, final)[0]


def export_docx(
    draft: Draft, out_path: Path, *, formset: FormSet | None = None, final: FinalInfo | None = None
) -> list[Finding]:
    data, findings = _export(draft, formset, final)
    out_path = Path(out_path)
    tmp = out_path.with_name(out_path.name + ".tmp")
    try:
        # Write beside and rename, so an existing document is never left half-written.
        tmp.write_bytes(data)
        tmp.replace(out_path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(
            f"Kan '{out_path}' niet schrijven: {exc.strerror or exc}.", f"{type(exc).__name__}: {exc}"
        ) from exc
    return findings


def _export(draft: Draft, formset: FormSet | None, final: FinalInfo | None) -> tuple[bytes, list[Finding]]:
    model = _model(draft, formset, final)
    doc = render_document(model)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue(), model.findings


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_NS_DECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _runs(text: str) -> str:
    """Runs for the text: "\n" a line break, "\t" a tab (the text is already XML-safe)."""
    if "\n" not in text and "\t" not in text:
        return f'<w:r><w:t xml:space="preserve">{_esc(text)}</w:t></w:r>' if text else ""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:r><w:br/></w:r>")
        for j, part in enumerate(line.split("\t")):
            if j:
                out.append("<w:r><w:tab/></w:r>")
            if part:
                out.append(f'<w:r><w:t xml:space="preserve">{_esc(part)}</w:t></w:r>')
    return "".join(out)


def _paragraph(style: str, text: str, num_id: int | None = None, *, keep_next: bool = False,
               after: int | None = None) -> str:
    # User text is clean already (the model reports it); labels and names from
    # configuration files are not, and must not break the XML either.
    text = clean_text(text)
    # Schema order inside w:pPr: pStyle, keepNext, numPr, spacing.
    keep = "<w:keepNext/>" if keep_next else ""
    numpr = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>' if num_id else ""
    spacing = f'<w:spacing w:after="{after}"/>' if after is not None else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}{numpr}{spacing}</w:pPr>{_runs(text)}</w:p>'


def _parse(fragment: str) -> Any:
    """Parse body XML once with python-docx's parser (so its element classes apply)."""
    from docx.oxml.parser import parse_xml

    return parse_xml(f"<w:body {_NS_DECL}>{fragment}</w:body>")


class _Writer:
    # Building the XML as text and parsing it once is several times faster than
    # creating each element through python-docx; the export floor is opening the template.
    def __init__(self, doc: DocxDocument) -> None:
        from docx.oxml.ns import qn

        self.doc = doc
        self.qn = qn
        self.body = doc.element.body
        self.sect_pr = self.body.find(qn("w:sectPr"))
        for p in self.body.findall(qn("w:p")):
            self.body.remove(p)
        self.numbering = doc.part.numbering_part.element
        self.num_ids: dict[str, int] = {}
        self.new_nums: list[str] = []
        existing = [int(n) for n in self.numbering.xpath("./w:num/@w:numId")]
        self.next_num = max(existing, default=0) + 1

    def _num_id(self, key: str, style: str) -> int:
        """A new w:num per list, restarting at 1: Word and LibreOffice otherwise
        continue a list across every paragraph that shares the abstract definition."""
        if key not in self.num_ids:
            abstract_id = S.NUMBERING[S.PARA_STYLES[style].numbering or "decimal"][0]
            num_id = self.next_num
            self.next_num += 1
            self.new_nums.append(
                f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
            self.num_ids[key] = num_id
        return self.num_ids[key]

    def _table(self, table: FieldTable) -> str:
        out = [
            '<w:tbl><w:tblPr><w:tblStyle w:val="Kopveldtabel"/>'
            f'<w:tblW w:w="{S.TEXT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>'
        ]
        out.extend(f'<w:gridCol w:w="{w}"/>' for w in S.TABLE_COLUMNS)
        out.append("</w:tblGrid>")
        for row in table.rows:
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for i, (label, value) in enumerate(row):
                spans = 3 if len(row) == 1 else 1
                col = i * 2
                out.append(self._cell(label, "KopveldLabel", S.TABLE_COLUMNS[col], 1))
                width = sum(S.TABLE_COLUMNS[col + 1: col + 1 + spans])
                out.append(self._cell(value, "KopveldWaarde", width, spans))
            out.append("</w:tr>")
        out.append("</w:tbl>")
        return "".join(out)

    def _signatures(self, block: Signatures) -> str:
        """The signatures side by side: a borderless table of one row that never splits."""
        width = S.TEXT_WIDTH // len(block.cells)
        out = [
            '<w:tbl><w:tblPr><w:tblStyle w:val="Kopveldtabel"/>'
            f'<w:tblW w:w="{width * len(block.cells)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>'
        ]
        out.extend(f'<w:gridCol w:w="{width}"/>' for _ in block.cells)
        out.append("</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>")
        out.extend(self._cell(text, "Handtekening", width, 1) for text in block.cells)
        out.append("</w:tr></w:tbl>")
        return "".join(out)

    def _cell(self, text: str, style: str, width: int, span: int) -> str:
        grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr>{_paragraph(style, text)}</w:tc>'

    # --- document -------------------------------------------------------------------------
    def write(self, model: DocModel) -> None:
        # Before the body is filled: dropping an unused part counts its references in it.
        self._header_footer(model)
        parts = []
        for block in model.blocks:
            if isinstance(block, FieldTable):
                parts.append(self._table(block))
            elif isinstance(block, Signatures):
                parts.append(self._signatures(block))
            elif isinstance(block, Para):
                num = self._num_id(block.list_key, block.style) if block.list_key else None
                parts.append(_paragraph(block.style, block.text, num, keep_next=block.keep_next, after=block.after))
        # Bulk moves: one lxml call each rather than one per paragraph.
        self.body.extend(_parse("".join(parts)))
        self.body.append(self.sect_pr)  # the section properties stay last
        if self.new_nums:
            self.numbering.extend(_parse("".join(self.new_nums)))  # after every w:abstractNum
        props = self.doc.core_properties
        props.title = model.title[:250]
        props.author = model.author[:250]
        props.keywords = model.keywords[:250]
        props.subject = model.subject
        props.language = S.LANGUAGE

    def _header_footer(self, model: DocModel) -> None:
        from desktop.export.build_template import FOOTER_RID, HEADER_RID

        part = self.doc.part
        refs = []
        if model.header:
            hdr = part.related_parts[HEADER_RID].element
            for t in hdr.iter(self.qn("w:t")):
                t.text = model.header
            refs.append(f'<w:headerReference w:type="default" r:id="{HEADER_RID}"/>')
        else:
            part.drop_rel(HEADER_RID)
        if model.page_numbers:
            refs.append(f'<w:footerReference w:type="default" r:id="{FOOTER_RID}"/>')
        else:
            part.drop_rel(FOOTER_RID)
        # References come first in w:sectPr.
        for ref in reversed(list(_parse("".join(refs)))):
            self.sect_pr.insert(0, ref)
