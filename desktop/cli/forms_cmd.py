"""``main.py forms [--json]``: the forms of this installation."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop.cli.output import CliError, print_json

if TYPE_CHECKING:
    from desktop.domain.forms import FormSet


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
                print(f"    {f.id:<20} {f.kind:<12} {req:<15} {f.label}")
    return 0
