"""Document forms as data: load, check and normalize the TOML files in ``forms/``.

A functional administrator edits these files; a mistake must name the file, the
field and what is wrong (``FormError``), never end in a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from desktop.config.site_cache import FROM_SITE, site_config_folder
from desktop.domain.route_config import FormRoute, RouteConfigError, parse_form_route
from desktop.domain.siteconfig import FormError, SiteConfig, load_config, read_toml

__all__ = [
    "FIELD_KINDS", "LIST_KINDS", "FieldDef", "FormDef", "FormError", "FormSet", "SectionDef",
    "SiteConfig", "default_formset", "load_config", "load_forms", "parse_form",
]

FIELD_KINDS = frozenset(
    {"line", "text", "choice", "date", "points", "attachments", "body", "appendices", "schaal"}
)
# A questionnaire's 1..5 scale (forms/meting-*.toml): the value is a whole number, `labels` name the steps.
SCALE_STEPS = 5
QUESTIONNAIRE_PREFIX = "meting-"
LIST_KINDS = frozenset({"points", "attachments", "body", "appendices"})
_FIELD_KEYS = frozenset(
    {
        "id", "label", "kind", "required", "required_when", "help", "max_chars", "max_words",
        "max_items", "min_items", "choices", "choices_from", "default", "rules", "secretariat",
        "placeholder", "labels",
    }
)
_FORM_KEYS = frozenset(
    {"id", "title", "version", "one_page", "warn_words", "addressee", "sections", "renamed", "route"}
)


@dataclass(frozen=True, slots=True)
class FieldDef:
    id: str
    label: str
    kind: str
    section: str
    required: bool = False
    required_when: Mapping[str, str] = field(default_factory=dict)
    help: str = ""
    max_chars: int | None = None
    max_words: int | None = None
    max_items: int | None = None
    min_items: int | None = None
    choices: tuple[str, ...] = ()
    choices_from: str | None = None
    default: Any = None
    rules: tuple[str, ...] = ()
    secretariat: bool = False
    placeholder: str = ""
    labels: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return self.kind in LIST_KINDS

    def empty_value(self) -> Any:
        if self.default is not None:
            return self.default
        return [] if self.is_list else ""

    def to_json(self, choices: tuple[str, ...] | None = None) -> dict[str, Any]:
        """The normalized definition; ``choices`` resolves a ``choices_from`` list."""
        data: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "section": self.section,
            "required": self.required,
        }
        if self.required_when:
            data["required_when"] = dict(self.required_when)
        for key in ("max_chars", "max_words", "max_items", "min_items"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.kind == "choice":
            data["choices"] = list(self.choices if choices is None else choices)
            if self.choices_from:
                data["choices_from"] = self.choices_from
        if self.default is not None:
            data["default"] = self.default
        if self.labels:
            data["labels"] = list(self.labels)
        if self.rules:
            data["rules"] = list(self.rules)
        if self.secretariat:
            data["secretariat"] = True
        data["help"] = self.help
        return data


@dataclass(frozen=True, slots=True)
class SectionDef:
    id: str
    title: str
    fields: tuple[FieldDef, ...]


@dataclass(frozen=True, slots=True)
class FormDef:
    id: str
    title: str
    version: int
    sections: tuple[SectionDef, ...]
    one_page: bool = False
    warn_words: int | None = None
    addressee: tuple[str, ...] = ()
    renamed: Mapping[str, str] = field(default_factory=dict)
    source: str = ""
    route: FormRoute = FormRoute()

    @property
    def fields(self) -> Iterator[FieldDef]:
        for section in self.sections:
            yield from section.fields

    def field(self, field_id: str) -> FieldDef | None:
        for f in self.fields:
            if f.id == field_id:
                return f
        return None

    def field_ids(self) -> list[str]:
        return [f.id for f in self.fields]

    def to_json(self, formset: FormSet | None = None) -> dict[str, Any]:
        """The normalized form; with ``formset`` choice lists are resolved into ``choices``."""
        return {
            "id": self.id,
            "title": self.title,
            "version": self.version,
            "one_page": self.one_page,
            "warn_words": self.warn_words,
            "source": self.source,
            "sections": [
                {"id": s.id, "title": s.title, "fields": [f.id for f in s.fields]}
                for s in self.sections
            ],
            "fields": [
                f.to_json(formset.choices_for(f) if formset else None) for f in self.fields
            ],
            **({"renamed": dict(self.renamed)} if self.renamed else {}),
        }


@dataclass(frozen=True, slots=True)
class FormSet:
    forms: Mapping[str, FormDef]
    config: SiteConfig

    def get(self, form_id: str) -> FormDef | None:
        return self.forms.get(form_id)

    def choices_for(self, fdef: FieldDef) -> tuple[str, ...]:
        if fdef.choices_from:
            return self.config.choices(fdef.choices_from)
        return fdef.choices


def _opt_int(path: Path, fid: str, raw: Mapping[str, Any], key: str) -> int | None:
    value = raw.get(key)
    if value is None:
        return None
    lowest = 0 if key.startswith("min_") else 1
    if isinstance(value, bool) or not isinstance(value, int) or value < lowest:
        raise FormError(
            path, f"'{key}' moet een geheel getal van {lowest} of meer zijn, niet {value!r}", fid
        )
    return value


def _parse_field(path: Path, section_id: str, raw: Any, known_rules: frozenset[str]) -> FieldDef:
    if not isinstance(raw, dict):
        raise FormError(path, f"een veld in sectie '{section_id}' is geen tabel")
    fid = raw.get("id")
    if not isinstance(fid, str) or not fid.isidentifier():
        raise FormError(path, f"een veld in sectie '{section_id}' heeft geen geldige 'id' ({fid!r})")
    unknown = set(raw) - _FIELD_KEYS
    if unknown:
        raise FormError(path, f"onbekende sleutel(s): {', '.join(sorted(unknown))}", fid)
    label = raw.get("label")
    if not isinstance(label, str) or not label.strip():
        raise FormError(path, "'label' ontbreekt of is leeg", fid)
    kind = raw.get("kind")
    if kind not in FIELD_KINDS:
        raise FormError(
            path, f"onbekend soort veld {kind!r}; kies uit {', '.join(sorted(FIELD_KINDS))}", fid
        )
    choices = raw.get("choices", [])
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        raise FormError(path, "'choices' moet een lijst met teksten zijn", fid)
    choices_from = raw.get("choices_from")
    if kind == "choice" and not choices and not choices_from:
        raise FormError(path, "een keuzeveld heeft 'choices' of 'choices_from' nodig", fid)
    labels = raw.get("labels", [])
    if kind == "schaal" and (
        not isinstance(labels, list) or len(labels) != SCALE_STEPS or not all(isinstance(x, str) for x in labels)
    ):
        raise FormError(path, f"een schaalveld heeft 'labels' nodig: precies {SCALE_STEPS} teksten (1 t/m 5)", fid)
    rules = raw.get("rules", [])
    if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
        raise FormError(path, "'rules' moet een lijst met regelnamen zijn", fid)
    for rule in rules:
        if rule not in known_rules:
            raise FormError(
                path, f"onbekende regel '{rule}'; bekend zijn: {', '.join(sorted(known_rules))}", fid
            )
    required_when = raw.get("required_when", {})
    if not isinstance(required_when, dict):
        raise FormError(path, "'required_when' moet een tabel zijn, zoals { soort = \"raadsvoorstel\" }", fid)
    for key in ("required", "secretariat"):
        if key in raw and not isinstance(raw[key], bool):
            raise FormError(path, f"'{key}' moet true of false zijn", fid)
    for key in ("help", "placeholder", "choices_from"):
        if key in raw and not isinstance(raw[key], str):
            raise FormError(path, f"'{key}' moet een tekst zijn", fid)
    fdef = FieldDef(
        id=fid,
        label=label.strip(),
        kind=kind,
        section=section_id,
        required=bool(raw.get("required", False)),
        required_when={str(k): str(v) for k, v in required_when.items()},
        help=str(raw.get("help", "")).strip(),
        max_chars=_opt_int(path, fid, raw, "max_chars"),
        max_words=_opt_int(path, fid, raw, "max_words"),
        max_items=_opt_int(path, fid, raw, "max_items"),
        min_items=_opt_int(path, fid, raw, "min_items"),
        choices=tuple(choices),
        choices_from=choices_from,
        default=raw.get("default"),
        rules=tuple(rules),
        secretariat=bool(raw.get("secretariat", False)),
        placeholder=str(raw.get("placeholder", "")),
        labels=tuple(labels) if kind == "schaal" else (),
    )
    _check_field(path, fdef)
    return fdef


def _check_field(path: Path, fdef: FieldDef) -> None:
    from desktop.domain.text import value_fits_kind

    if fdef.min_items is not None and fdef.max_items is not None and fdef.min_items > fdef.max_items:
        raise FormError(path, "'min_items' is groter dan 'max_items'", fdef.id)
    if fdef.default is not None:
        if not value_fits_kind(fdef.kind, fdef.default):
            raise FormError(path, f"'default' past niet bij een veld van soort '{fdef.kind}'", fdef.id)
        if fdef.kind == "choice" and fdef.choices and fdef.default not in fdef.choices:
            raise FormError(path, f"'default' {fdef.default!r} staat niet in 'choices'", fdef.id)


def parse_form(path: Path, data: Mapping[str, Any], known_rules: frozenset[str]) -> FormDef:
    unknown = set(data) - _FORM_KEYS
    if unknown:
        raise FormError(path, f"onbekende sleutel(s) bovenin: {', '.join(sorted(unknown))}")
    form_id = data.get("id")
    if not isinstance(form_id, str) or not form_id.isidentifier():
        raise FormError(path, f"'id' ontbreekt of is ongeldig ({form_id!r})")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise FormError(path, "'version' moet een geheel getal van 1 of meer zijn")
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise FormError(path, "het formulier heeft geen secties ([[sections]])")
    sections: list[SectionDef] = []
    seen: set[str] = set()
    for raw in raw_sections:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            raise FormError(path, "een sectie heeft geen 'id'")
        sid = raw["id"]
        if any(s.id == sid for s in sections):
            raise FormError(path, f"de sectie '{sid}' komt twee keer voor")
        raw_fields = raw.get("fields", [])
        if not isinstance(raw_fields, list):
            raise FormError(path, f"de velden van sectie '{sid}' moeten [[sections.fields]]-tabellen zijn")
        fields = []
        for raw_field in raw_fields:
            fdef = _parse_field(path, sid, raw_field, known_rules)
            if fdef.id in seen:
                raise FormError(path, "dit veld komt twee keer voor", fdef.id)
            seen.add(fdef.id)
            fields.append(fdef)
        sections.append(SectionDef(id=sid, title=str(raw.get("title", sid)), fields=tuple(fields)))
    for sdef in sections:
        for fdef in sdef.fields:
            for other in fdef.required_when:
                if other not in seen:
                    raise FormError(path, f"'required_when' verwijst naar onbekend veld '{other}'", fdef.id)
    renamed = data.get("renamed", {})
    if not isinstance(renamed, dict):
        raise FormError(path, "'renamed' moet een tabel zijn: { oud_veld = \"nieuw_veld\" }")
    for old_id, new_id in renamed.items():
        if not isinstance(new_id, str):
            raise FormError(path, f"[renamed] {old_id} moet naar een veld-id (tekst) wijzen", old_id)
        if old_id in seen:
            raise FormError(path, "[renamed] noemt een veld dat nog bestaat als oude naam", old_id)
        if new_id not in seen and new_id not in renamed:
            raise FormError(path, f"[renamed] verwijst naar onbekend veld '{new_id}'", old_id)
    for key in ("one_page",):
        if key in data and not isinstance(data[key], bool):
            raise FormError(path, f"'{key}' moet true of false zijn")
    addressee = data.get("addressee", [])
    if not isinstance(addressee, list) or not all(isinstance(x, str) for x in addressee):
        raise FormError(path, "'addressee' moet een lijst met regels (teksten) zijn")
    warn_words = data.get("warn_words")
    if warn_words is not None and (not isinstance(warn_words, int) or isinstance(warn_words, bool)):
        raise FormError(path, "'warn_words' moet een geheel getal zijn")
    try:
        route = parse_form_route(data.get("route"), seen)
    except RouteConfigError as exc:
        raise FormError(path, str(exc)) from exc
    return FormDef(
        id=form_id,
        title=str(data.get("title", form_id)),
        version=version,
        sections=tuple(sections),
        one_page=bool(data.get("one_page", False)),
        warn_words=warn_words,
        addressee=tuple(addressee),
        renamed={str(k): str(v) for k, v in renamed.items()},
        source=str(path),
        route=route,
    )


def load_forms(
    forms_folder: Path | None = None,
    site: Path | None = None,
    defaults: Path | None = None,
) -> FormSet:
    """Load every ``*.toml`` form; a site folder's ``forms/X.toml`` replaces form X.

    Without ``site`` the site folder is read, or its copy while it is out of reach
    (``desktop.config.site_cache.site_config_folder``); ``config.source`` says which.
    """
    from desktop.config import paths
    from desktop.domain.rules import known_rule_names

    forms_folder = forms_folder or paths.forms_dir()
    source = FROM_SITE
    if site is None:
        site, source = site_config_folder()
    defaults = defaults or paths.resources_dir() / "config" / "defaults.toml"
    files: dict[str, Path] = {p.stem: p for p in sorted(forms_folder.glob("*.toml"))}
    if site is not None:
        site_forms = site / "forms"
        if site_forms.is_dir():
            files.update({p.stem: p for p in sorted(site_forms.glob("*.toml"))})
    # Questionnaires (meting-*.toml) are no stukken: desktop.domain.questionnaire loads them.
    files = {stem: p for stem, p in files.items() if not stem.startswith(QUESTIONNAIRE_PREFIX)}
    known = known_rule_names()
    forms: dict[str, FormDef] = {}
    for stem, path in files.items():
        form = parse_form(path, read_toml(path), known)
        if form.id != stem:
            raise FormError(path, f"de bestandsnaam moet '{form.id}.toml' zijn (id = '{form.id}')")
        forms[form.id] = form
    config = load_config(defaults, site)
    for form in forms.values():
        for fdef in form.fields:
            if fdef.choices_from and fdef.choices_from not in config.lists:
                raise FormError(
                    form.source, f"keuzelijst '{fdef.choices_from}' bestaat niet in de configuratie", fdef.id
                )
    return FormSet(forms=forms, config=replace(config, source=source))


_default: FormSet | None = None


def default_formset(reload: bool = False) -> FormSet:
    """The forms of this installation (plus site folder), loaded once per process."""
    global _default
    if _default is None or reload:
        _default = load_forms()
    return _default
