"""``main.py forms [--json]``: the forms of this installation."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import CliError, print_json

if TYPE_CHECKING:
    from desktop.domain.forms import FieldDef, FormSet


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("forms", parents=[common], help="toon de formulieren (soorten stukken)")
    p.add_argument("--json", action="store_true", help="de genormaliseerde definities als JSON")
    p.set_defaults(func=run)


def load_formset() -> FormSet:
    """The forms of this installation; a broken form file ends the command with exit 2."""
    from desktop.domain.forms import FormError, default_formset

    try:
        return default_formset()
    except FormError as exc:
        raise CliError(str(exc), f"form file {exc.path} field {exc.field_id}: {exc.detail}", 2) from exc


def run(args: argparse.Namespace) -> int:
    formset = load_formset()
    if args.json:
        print_json([form.to_json(formset) for form in formset.forms.values()])
        return 0
    for form in formset.forms.values():
        print(f"{form.id}  (versie {form.version})  {form.title}  — {form.source}")
        for section in form.sections:
            print(f"  {section.title}")
            for f in section.fields:
                req = "verplicht" if f.required else ("voorwaardelijk" if f.required_when else "optioneel")
                if f.secretariat:
                    req = "secretariaat"
                print(f"    {f.id:<20} {f.kind:<12} {req:<15} {f.label}{_limits(f)}")
    return 0


def _limits(f: FieldDef) -> str:
    parts = []
    if f.max_chars is not None:
        parts.append(f"max. {f.max_chars} tekens")
    if f.max_words is not None:
        parts.append(f"richtlijn {f.max_words} woorden" + (" per punt" if f.kind == "points" else ""))
    if f.min_items is not None or f.max_items is not None:
        parts.append(f"{f.min_items or 0} tot {f.max_items if f.max_items is not None else '…'}")
    if f.choices_from:
        parts.append(f"lijst '{f.choices_from}'")
    if f.rules:
        parts.append("regels: " + ", ".join(f.rules))
    return f"  [{'; '.join(parts)}]" if parts else ""
