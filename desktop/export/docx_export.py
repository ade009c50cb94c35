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
from desktop.export import style as S
from desktop.export.model import DocModel, FieldTable, FinalInfo, Para, build_model

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


class _Writer:
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

    # --- elements ---------------------------------------------------------------------
    def _el(self, tag: str, **attrs: str) -> Any:
        from docx.oxml import OxmlElement

        el = OxmlElement(tag)
        for key, value in attrs.items():
            el.set(self.qn(f"w:{key}"), value)
        return el

    def _paragraph(self, style: str, text: str, num_id: int | None = None) -> Any:
        p = self._el("w:p")
        ppr = self._el("w:pPr")
        ppr.append(self._el("w:pStyle", val=style))
        if num_id is not None:
            numpr = self._el("w:numPr")
            numpr.append(self._el("w:ilvl", val="0"))
            numpr.append(self._el("w:numId", val=str(num_id)))
            ppr.append(numpr)
        p.append(ppr)
        self._runs(p, text)
        return p

    def _runs(self, p: Any, text: str) -> None:
        for i, line in enumerate(text.split("\n")):
            if i:
                r = self._el("w:r")
                r.append(self._el("w:br"))
                p.append(r)
            for j, part in enumerate(line.split("\t")):
                if j:
                    r = self._el("w:r")
                    r.append(self._el("w:tab"))
                    p.append(r)
                if part:
                    r = self._el("w:r")
                    t = self._el("w:t")
                    t.text = part
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    r.append(t)
                    p.append(r)

    def _num_id(self, key: str, style: str) -> int:
        """A new w:num per list, restarting at 1: Word and LibreOffice otherwise
        continue a list across every paragraph that shares the abstract definition."""
        if key not in self.num_ids:
            abstract_id = S.NUMBERING[S.PARA_STYLES[style].numbering or "decimal"][0]
            num = self.numbering.add_num(abstract_id)
            override = num.add_lvlOverride(ilvl=0)
            override.add_startOverride(1)
            self.num_ids[key] = num.numId
        return self.num_ids[key]

    def _table(self, table: FieldTable) -> Any:
        tbl = self._el("w:tbl")
        tblpr = self._el("w:tblPr")
        tblpr.append(self._el("w:tblStyle", val="Kopveldtabel"))
        tblpr.append(self._el("w:tblW", w=str(S.TEXT_WIDTH), type="dxa"))
        tblpr.append(self._el("w:tblLayout", type="fixed"))
        tblpr.append(self._el("w:tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0",
                              lastColumn="0", noHBand="1", noVBand="1"))
        tbl.append(tblpr)
        grid = self._el("w:tblGrid")
        for width in S.TABLE_COLUMNS:
            grid.append(self._el("w:gridCol", w=str(width)))
        tbl.append(grid)
        for row in table.rows:
            tr = self._el("w:tr")
            trpr = self._el("w:trPr")
            trpr.append(self._el("w:cantSplit"))
            tr.append(trpr)
            for i, (label, value) in enumerate(row):
                spans = 3 if len(row) == 1 else 1
                col = i * 2
                tr.append(self._cell(label, "KopveldLabel", S.TABLE_COLUMNS[col], 1))
                width = sum(S.TABLE_COLUMNS[col + 1: col + 1 + spans])
                tr.append(self._cell(value, "KopveldWaarde", width, spans))
            tbl.append(tr)
        return tbl

    def _cell(self, text: str, style: str, width: int, span: int) -> Any:
        tc = self._el("w:tc")
        tcpr = self._el("w:tcPr")
        tcpr.append(self._el("w:tcW", w=str(width), type="dxa"))
        if span > 1:
            tcpr.append(self._el("w:gridSpan", val=str(span)))
        tc.append(tcpr)
        tc.append(self._paragraph(style, text))
        return tc

    # --- document -------------------------------------------------------------------------
    def write(self, model: DocModel) -> None:
        add = self.sect_pr.addprevious
        for block in model.blocks:
            if isinstance(block, FieldTable):
                add(self._table(block))
            elif isinstance(block, Para):
                num = self._num_id(block.list_key, block.style) if block.list_key else None
                add(self._paragraph(block.style, block.text, num))
        if model.header:
            self._header(model.header)
        if model.page_numbers:
            self._footer()
        props = self.doc.core_properties
        props.title = model.title[:250]
        props.author = model.author[:250]
        props.keywords = model.keywords[:250]
        props.subject = model.subject
        props.language = S.LANGUAGE
        props.comments = ""

    def _header(self, text: str) -> None:
        header = self.doc.sections[0].header
        header.is_linked_to_previous = False
        hdr = header._element
        for p in list(hdr):
            hdr.remove(p)
        hdr.append(self._paragraph("Classificatie", text))

    def _footer(self) -> None:
        footer = self.doc.sections[0].footer
        footer.is_linked_to_previous = False
        ftr = footer._element
        for p in list(ftr):
            ftr.remove(p)
        p = self._paragraph("Footer", "Pagina ")
        self._field(p, "PAGE", "1")
        self._runs(p, " van ")
        self._field(p, "NUMPAGES", "1")
        ftr.append(p)

    def _field(self, p: Any, instr: str, shown: str) -> None:
        def run(child: Any) -> None:
            r = self._el("w:r")
            r.append(child)
            p.append(r)

        run(self._el("w:fldChar", fldCharType="begin"))
        it = self._el("w:instrText")
        it.text = f" {instr} "
        it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        run(it)
        run(self._el("w:fldChar", fldCharType="separate"))
        t = self._el("w:t")
        t.text = shown
        run(t)
        run(self._el("w:fldChar", fldCharType="end"))

