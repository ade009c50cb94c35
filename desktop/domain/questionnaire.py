"""Questionnaires (``forms/meting-*.toml``): a form of `schaal` questions and a respondent group.

Pure apart from reading the form file. Answers are ``{field_id: 1..5 or None}`` plus the group;
``check_answers`` gives a Dutch message for anything else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.domain.forms import QUESTIONNAIRE_PREFIX, SCALE_STEPS, FormDef, FormError, parse_form
from desktop.domain.rules import known_rule_names
from desktop.domain.siteconfig import read_toml

ROLVASTHEID = "rolvastheid"
GROUP_FIELD = "groep"


def load(name: str = ROLVASTHEID, forms_folder: Path | None = None, site: Path | None = None) -> FormDef:
    """``forms/meting-<name>.toml`` (a site folder's copy wins)."""
    from desktop.config import paths

    forms_folder = forms_folder or paths.forms_dir()
    site = site if site is not None else paths.site_dir()
    path = forms_folder / f"{QUESTIONNAIRE_PREFIX}{name}.toml"
    if site is not None and (site / "forms" / path.name).is_file():
        path = site / "forms" / path.name
    form = parse_form(path, read_toml(path), known_rule_names())
    group = form.field(GROUP_FIELD)
    if group is None or group.kind != "choice" or not group.choices:
        raise FormError(path, "een vragenlijst heeft een keuzeveld 'groep' met de groepen nodig", GROUP_FIELD)
    if not questions(form):
        raise FormError(path, "de vragenlijst heeft geen vragen van soort 'schaal'")
    return form


def questions(form: FormDef) -> list[Any]:
    return [f for f in form.fields if f.kind == "schaal"]


def check_answers(form: FormDef, group: str, answers: dict[str, Any]) -> dict[str, int | None]:
    """The answers normalized, or ``ValueError`` with a Dutch message."""
    choices = form.field(GROUP_FIELD).choices  # type: ignore[union-attr]
    if group not in choices:
        raise ValueError(f"Kies uw groep uit: {', '.join(choices)}.")
    known = {q.id for q in questions(form)}
    unknown = set(answers) - known
    if unknown:
        raise ValueError(f"Onbekende vraag: {', '.join(sorted(unknown))}.")
    out: dict[str, int | None] = {}
    for q in questions(form):
        value = answers.get(q.id)
        if value in (None, ""):
            out[q.id] = None
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= SCALE_STEPS or isinstance(value, bool):
            raise ValueError(f"Het antwoord op '{q.label}' moet 1 tot en met {SCALE_STEPS} zijn, niet {value!r}.")
        out[q.id] = number
    if all(v is None for v in out.values()):
        raise ValueError("Beantwoord ten minste één vraag.")
    return out
