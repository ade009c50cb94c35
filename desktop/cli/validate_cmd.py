"""``main.py validate (DRAFT.json | DRAFT_ID) [--json]``: print the findings.

Exit 0 without errors (warnings allowed), 1 with errors, 2 for unreadable input.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop.cli.draft_input import load_draft_arg
from desktop.cli.forms_cmd import load_formset
from desktop.cli.output import CliError, print_json
from desktop.domain.text import count_label

if TYPE_CHECKING:
    from desktop.domain.findings import Finding
    from desktop.domain.spelling import Speller
    from desktop.domain.validation import LayoutCheck


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("validate", parents=[common], help="controleer een concept")
    p.add_argument("draft", metavar="CONCEPT", help="een conceptbestand (.json) of een concept-id")
    p.add_argument("--json", action="store_true", help="bevindingen als JSON")
    p.add_argument(
        "--no-layout", action="store_true", help="sla de controle of het A4tje op één pagina past over"
    )
    p.add_argument("--no-spelling", action="store_true", help="sla de spellingcontrole over")
    p.set_defaults(func=run)


def layout_check() -> LayoutCheck:
    """The page-fit estimate of the export layer."""
    # Imported here: every command's parser is built for `--help`, and pagefit loads Qt
    # (the same reason as test_help_does_not_import_the_database_layer).
    from desktop.export.pagefit import default_layout_check

    return default_layout_check()


def speller() -> Speller | None:
    """The Hunspell engine of the export layer; without a dictionary a note, no spelling."""
    # Imported here: loading the dictionary is the slowest part of validate (validate_a4tje).
    from desktop.export.spelling import DictionaryMissing, SpellService

    try:
        return SpellService()
    except DictionaryMissing as exc:
        print(f"Let op: {exc}", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    from desktop.domain.findings import has_errors
    from desktop.domain.validation import UnknownFormError, validate

    draft = load_draft_arg(args.draft)
    formset = load_formset()
    layout = None if args.no_layout else layout_check()
    try:
        findings = validate(draft, formset, layout=layout, speller=None if args.no_spelling else speller())
    except UnknownFormError as exc:
        raise CliError(str(exc), f"unknown form id {exc.form_id!r}", 2) from exc
    if args.json:
        print_json([f.to_json() for f in findings])
    else:
        print_findings(findings)
    return 1 if has_errors(findings) else 0


def print_findings(findings: list[Finding]) -> None:
    if not findings:
        print("Geen bevindingen.")
        return
    for f in findings:
        label = "FOUT  " if f.is_error else "let op"
        where = f.field + (f"[{f.item + 1}]" if f.item is not None else "")
        if f.span is not None:
            start, end = f.span[0] + 1, f.span[1]
            where += f" (teken {start})" if end <= start else f" (tekens {start}-{end})"
        print(f"{label}  {where}: {f.message}")
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    print(f"{count_label(errors, 'fout', 'fouten')}, {count_label(warnings, 'waarschuwing', 'waarschuwingen')}.")
