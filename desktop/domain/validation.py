"""The validation engine shared by the editor, the export, the CLI and the submission.

Pure Python: the one-page check, which needs a real layout, comes in through the
``LayoutCheck`` protocol (the export layer implements it with Qt's text layout).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from desktop.domain.dates import DateError, parse_date
from desktop.domain.draft import Draft
from desktop.domain.findings import Finding, Severity
from desktop.domain.forms import FieldDef, FormDef, FormSet, default_formset
from desktop.domain.rules import get_rule
from desktop.domain.sanitize import first_bad_character
from desktop.domain.spelling import Speller
from desktop.domain.text import count_words, is_empty, text_items, value_fits_kind, word_offset

# Beyond this a field is not something a person typed; the named rules are skipped so
# that validation stays fast (and the finding says what happened).
MAX_FIELD_CHARS = 200_000


def short(value: object, limit: int = 40) -> str:
    """A value quoted in a message: cut to ``limit`` characters."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _nl_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class LayoutCheck(Protocol):
    """Something that knows whether a draft fits the pages its form allows."""

    def check(self, draft: Draft, form: FormDef, formset: FormSet) -> list[Finding]: ...


class UnknownFormError(Exception):
    def __init__(self, form_id: str, known: Iterable[str]) -> None:
        self.form_id = form_id
        super().__init__(
            f"Onbekend soort stuk '{form_id}'; bekend zijn: {', '.join(sorted(known))}."
        )


@dataclass(frozen=True, slots=True)
class Context:
    draft: Draft
    form: FormDef
    formset: FormSet
    speller: Speller | None = None  # the "spelling" rule reports nothing without one
    suggestions: bool = True  # ask the speller for suggestions (slower than checking)

    def value(self, field_id: str) -> Any:
        return self.draft.values.get(field_id)


def _err(fid: str, msg: str, rule: str, **kw: Any) -> Finding:
    return Finding(fid, Severity.ERROR, msg, rule=rule, **kw)


def _warn(fid: str, msg: str, rule: str, **kw: Any) -> Finding:
    return Finding(fid, Severity.WARNING, msg, rule=rule, **kw)


def _is_required(ctx: Context, fdef: FieldDef) -> bool:
    if fdef.required:
        return True
    return bool(fdef.required_when) and all(
        ctx.value(k) == v for k, v in fdef.required_when.items()
    )


_KIND_NAMES = {
    "line": "een tekst op één regel",
    "text": "een tekst",
    "choice": "een keuze (tekst)",
    "date": "een datum (d-m-jjjj)",
    "points": "een lijst met teksten",
    "attachments": "een lijst met bestandsnamen",
    "body": "een lijst met alinea's, kopjes en opsommingen",
    "appendices": "een lijst met bijlagen (titel en tekst)",
}


def check_field(ctx: Context, fdef: FieldDef) -> list[Finding]:
    """The generic checks every field gets, then its named rules."""
    value = ctx.value(fdef.id)
    fid = fdef.id
    out: list[Finding] = []
    fits = value_fits_kind(fdef.kind, value)
    # A malformed value is reported as such, not as missing; "" and [] are empty for any kind.
    if value is None or value == "" or value == [] or (fits and is_empty(value)):
        if _is_required(ctx, fdef) and not fdef.secretariat:
            out.append(_err(fid, f"{fdef.label} is verplicht.", "required"))
        return out
    if not fits:
        out.append(_err(fid, f"{fdef.label}: verwacht {_KIND_NAMES[fdef.kind]}.", "type"))
        return out
    items = text_items(fdef.kind, value)
    size = sum(len(t) for _, t in items)
    if size > MAX_FIELD_CHARS:
        out.append(
            _err(
                fid,
                f"{fdef.label} is veel te lang ({_nl_int(size)} tekens; maximaal "
                f"{_nl_int(MAX_FIELD_CHARS)}). Is hier per ongeluk een heel document geplakt? "
                "Zet details in een bijlage.",
                "too_long",
            )
        )
        return out
    for item, text in items:
        bad = first_bad_character(text)
        if bad:
            out.append(
                _warn(
                    fid,
                    f"{fdef.label} bevat {bad[1]} onzichtbaar stuurteken(s), bijvoorbeeld uit "
                    "een PDF geplakt; die worden bij het exporteren verwijderd.",
                    "control_chars",
                    span=bad[0],
                    item=item,
                )
            )
    if fdef.kind == "line" and isinstance(value, str) and ("\n" in value or "\r" in value):
        pos = min(i for i in (value.find("\n"), value.find("\r")) if i >= 0)
        out.append(_err(fid, f"{fdef.label} moet op één regel passen.", "one_line", span=(pos, pos + 1)))
    if fdef.max_chars is not None and isinstance(value, str) and len(value) > fdef.max_chars:
        out.append(
            _err(
                fid,
                f"{fdef.label} is {len(value)} tekens lang; maximaal {fdef.max_chars}.",
                "max_chars",
                span=(fdef.max_chars, len(value)),
            )
        )
    if fdef.max_words is not None:
        out.extend(_word_budget(fdef, fdef.max_words, items))
    if isinstance(value, list):
        if fdef.max_items is not None and len(value) > fdef.max_items:
            out.append(
                _err(
                    fid,
                    f"{fdef.label}: maximaal {fdef.max_items}, nu {len(value)}.",
                    "max_items",
                    item=fdef.max_items,
                )
            )
        if fdef.min_items is not None and len(value) < fdef.min_items:
            out.append(
                _err(fid, f"{fdef.label}: minimaal {fdef.min_items}, nu {len(value)}.", "min_items")
            )
    if fdef.kind == "choice":
        choices = ctx.formset.choices_for(fdef)
        if choices and value not in choices:
            out.append(
                _err(fid, f"{fdef.label}: '{short(value)}' staat niet in de lijst.", "choice", span=(0, len(value)))
            )
    if fdef.kind == "date":
        try:
            parse_date(value)
        except DateError:
            out.append(
                _err(fid, f"{fdef.label}: '{short(value)}' is geen geldige datum (d-m-jjjj).", "date",
                     span=(0, len(value)))
            )
    for name in fdef.rules:
        out.extend(get_rule(name)(ctx, fdef, value))
    return out


def _word_budget(fdef: FieldDef, budget: int, items: list[tuple[int | None, str]]) -> list[Finding]:
    """Word budgets are guidance (warnings); the span starts at the first word over budget."""
    if fdef.kind == "points":
        out = []
        for i, point in items:
            n = count_words(point)
            if n > budget:
                start = word_offset(point, budget)
                out.append(
                    _warn(
                        fdef.id,
                        f"Beslispunt {(i or 0) + 1} telt {n} woorden; richtlijn is maximaal {budget}.",
                        "max_words",
                        item=i,
                        span=(start, len(point)) if start is not None else None,
                    )
                )
        return out
    total = 0
    where: tuple[int | None, tuple[int, int] | None] | None = None
    for item, text in items:
        n = count_words(text)
        if where is None and total + n > budget:
            start = word_offset(text, budget - total)
            where = (item, (start, len(text)) if start is not None else None)
        total += n
    if where is None:
        return []
    return [
        _warn(
            fdef.id,
            f"{fdef.label} telt {total} woorden; richtlijn is maximaal {budget}.",
            "max_words",
            item=where[0],
            span=where[1],
        )
    ]


def check_unknown_fields(ctx: Context) -> list[Finding]:
    """A value without a field in the form is kept and shown as a 'vervallen veld'."""
    known = set(ctx.form.field_ids())
    out: list[Finding] = []
    for key, value in ctx.draft.values.items():
        if key in known or is_empty(value):
            continue
        target = ctx.form.renamed.get(key)
        fdef = ctx.form.field(target) if target else None
        if fdef is None:
            hint = "het formulier kent dit veld niet (meer)."
        elif is_empty(ctx.value(fdef.id)):
            hint = f"dit veld heet nu '{fdef.label}'."
        else:
            hint = f"dit veld heet nu '{fdef.label}', maar dat veld is al ingevuld."
        out.append(
            _warn(
                key,
                f"Vervallen veld '{short(key)}': {hint} "
                "De tekst blijft bewaard; neem hem zo nodig over in een ander veld.",
                "vervallen_veld",
            )
        )
    return out


def validate(
    draft: Draft,
    formset: FormSet | None = None,
    *,
    layout: LayoutCheck | None = None,
    fields: Iterable[str] | None = None,
    speller: Speller | None = None,
    suggestions: bool = True,
) -> list[Finding]:
    """All findings for a draft, in form order. ``fields`` limits it to some fields and
    those whose ``required_when`` depends on them (the editor re-checks only what
    changed); the layout check runs only for a full run. With a ``speller`` the
    ``spelling`` rule reports unknown words (with suggestions unless ``suggestions``
    is false)."""
    formset = formset or default_formset()
    form = formset.get(draft.form)
    if form is None:
        raise UnknownFormError(draft.form, formset.forms)
    ctx = Context(draft=draft, form=form, formset=formset, speller=speller, suggestions=suggestions)
    wanted = set(fields) if fields is not None else None
    if wanted is not None:
        # A field required only when another has some value changes with that other field.
        wanted |= {f.id for f in form.fields if wanted.intersection(f.required_when)}
    out: list[Finding] = []
    for fdef in form.fields:
        if wanted is None or fdef.id in wanted:
            out.extend(check_field(ctx, fdef))
    if wanted is None:
        out.extend(check_unknown_fields(ctx))
        out.extend(check_form(ctx))
        # A field over MAX_FIELD_CHARS cannot fit and would only make the layout slow.
        if layout is not None and form.one_page and not any(f.rule == "too_long" for f in out):
            out.extend(layout.check(draft, form, formset))
    return out


def check_form(ctx: Context) -> list[Finding]:
    """Form-level rules: the raadsbrief's length warning."""
    out: list[Finding] = []
    if ctx.form.warn_words:
        total = sum(
            count_words(t)
            for f in ctx.form.fields
            if f.kind in ("text", "body", "appendices")
            for _, t in text_items(f.kind, ctx.draft.values.get(f.id))
        )
        if total > ctx.form.warn_words:
            body = next((f.id for f in ctx.form.fields if f.kind == "body"), "")
            out.append(
                _warn(
                    body,
                    f"De brief telt {total} woorden; boven {ctx.form.warn_words} wordt hij lang "
                    "voor de raad. Overweeg een bijlage.",
                    "warn_words",
                )
            )
    return out
