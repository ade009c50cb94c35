"""``main.py export (DRAFT.json | DRAFT_ID) -o OUT.docx [--force] [--pdf] [--json]``.

Exit 0 when written, 1 when the draft has errors (nothing written unless
``--force``), 2 for unreadable input, an unwritable output or a missing LibreOffice.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.draft_input import load_draft_arg
from desktop.cli.forms_cmd import load_formset
from desktop.cli.output import CliError, print_json


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common], help="exporteer een concept naar Word (.docx)")
    p.add_argument("draft", metavar="CONCEPT", help="een conceptbestand (.json) of een concept-id")
    p.add_argument("-o", "--output", required=True, metavar="UIT.docx", help="het Word-bestand dat wordt gemaakt")
    p.add_argument("--force", action="store_true", help="exporteer ook als het concept fouten bevat")
    p.add_argument("--pdf", action="store_true", help="maak er ook een PDF van (met LibreOffice)")
    p.add_argument("--json", action="store_true", help="bevindingen en resultaat als JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from desktop.cli.validate_cmd import layout_check
    from desktop.domain.findings import has_errors
    from desktop.domain.validation import UnknownFormError, validate

    draft = load_draft_arg(args.draft)
    formset = load_formset()
    out = Path(args.output)
    if out.suffix.lower() != ".docx":
        raise CliError(f"De uitvoer moet een .docx-bestand zijn, niet '{out.name}'.", f"suffix {out.suffix!r}", 2)
    if not out.parent.is_dir():
        raise CliError(f"De map '{out.parent}' bestaat niet.", f"no directory {out.parent}", 2)
    try:
        findings = validate(draft, formset, layout=layout_check())
    except UnknownFormError as exc:
        raise CliError(str(exc), f"unknown form id {exc.form_id!r}", 2) from exc
    if has_errors(findings) and not args.force:
        _report(args, findings, None, None)
        return 1

    from desktop.export.docx_export import ExportError, export_docx

    try:
        warnings = export_docx(draft, out, formset=formset)
    except ExportError as exc:
        raise CliError(str(exc), exc.detail, 2) from exc
    pdf = pages = None
    if args.pdf:
        from desktop.export.render import RenderError, pdf_page_count, soffice_to_pdf

        try:
            pdf = soffice_to_pdf([out], out.parent)[0]
        except RenderError as exc:
            raise CliError(f"{exc} Het Word-bestand is wel gemaakt: {out}", exc.detail, 2) from exc
        try:
            pages = pdf_page_count(pdf)
        except ImportError:
            pages = None  # pypdf is a test extra; the PDF itself is there
    _report(args, findings + warnings, out, pdf, pages)
    return 0


def _report(args: argparse.Namespace, findings: list, out: Path | None, pdf: Path | None,
            pages: int | None = None) -> None:
    if args.json:
        print_json(
            {
                "written": str(out) if out else None,
                "pdf": str(pdf) if pdf else None,
                "pages": pages,
                "findings": [f.to_json() for f in findings],
            }
        )
        return
    for f in findings:
        label = "FOUT " if f.is_error else "let op"
        print(f"{label}  {f.field}: {f.message}")
    if out is None:
        print("Niet geëxporteerd: los eerst de fouten op, of gebruik --force.")
        return
    print(f"Geëxporteerd: {out}")
    if pdf:
        extra = f" ({pages} pagina's)" if pages and pages != 1 else (" (1 pagina)" if pages == 1 else "")
        print(f"PDF: {pdf}{extra}")
