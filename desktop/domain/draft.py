"""The draft: a form id plus field values, and its JSON interchange format.

See ``docs/draft-format.md``. Unknown top-level keys are kept, so a round trip
through this application never drops what another version wrote.
"""

from __future__ import annotations

import json
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.domain.forms import FormDef, FormSet

# A draft is text; anything this large is not a draft a person wrote.
MAX_DRAFT_BYTES = 64 * 1024 * 1024


class DraftError(Exception):
    """A file or text that is not a readable draft. ``str()`` is Dutch; ``detail`` is for developers."""

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


@dataclass(slots=True)
class Draft:
    form: str
    values: dict[str, Any] = field(default_factory=dict)
    form_version: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def get_text(self, field_id: str) -> str:
        value = self.values.get(field_id, "")
        return value if isinstance(value, str) else ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self.extra)
        data["form"] = self.form
        if self.form_version is not None:
            data["form_version"] = self.form_version
        data["values"] = self.values
        return data

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)

    def copy(self) -> Draft:
        return Draft.from_json(json.loads(json.dumps(self.to_json())))

    @staticmethod
    def from_json(data: Any) -> Draft:
        if not isinstance(data, dict):
            raise DraftError(
                "Dit is geen concept: verwacht een JSON-object met 'form' en 'values'.",
                f"top-level JSON is {type(data).__name__}, expected object",
            )
        form = data.get("form")
        if not isinstance(form, str) or not form:
            raise DraftError(
                "Dit is geen concept: de sleutel 'form' (het soort stuk) ontbreekt.",
                f"'form' is {form!r}",
            )
        values = data.get("values", {})
        if not isinstance(values, dict):
            raise DraftError(
                "Dit is geen concept: 'values' moet een JSON-object zijn met de velden.",
                f"'values' is {type(values).__name__}",
            )
        version = data.get("form_version")
        if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
            raise DraftError(
                "Dit is geen concept: 'form_version' moet een geheel getal zijn.",
                f"'form_version' is {version!r}",
            )
        extra = {k: v for k, v in data.items() if k not in ("form", "values", "form_version")}
        return Draft(form=form, values=dict(values), form_version=version, extra=extra)


def parse_draft(text: str | bytes) -> Draft:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DraftError(
                "Het bestand is geen UTF-8-tekst en dus geen concept.", f"UnicodeDecodeError: {exc}"
            ) from exc
    if not text.strip():
        raise DraftError("Het bestand is leeg.", "empty input")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DraftError(
            f"Het bestand is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}).",
            f"JSONDecodeError: {exc}",
        ) from exc
    except RecursionError as exc:
        raise DraftError("Het bestand is te diep genest om een concept te zijn.", "RecursionError") from exc
    except ValueError as exc:  # e.g. an integer beyond Python's digit limit
        raise DraftError(
            "Het bestand bevat een waarde die geen concept kan bevatten (bijvoorbeeld een getal van "
            "duizenden cijfers).",
            f"ValueError: {exc}",
        ) from exc
    return Draft.from_json(data)


def load_draft_file(path: str | Path) -> Draft:
    p = Path(path)
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(str(p))
        if not stat.S_ISREG(info.st_mode):
            # A device or pipe (/dev/zero, a FIFO) could be endless.
            raise DraftError(f"'{p}' is geen gewoon bestand.", f"{p}: mode {info.st_mode:o}")
        too_big = DraftError(
            f"Het bestand is te groot voor een concept (meer dan {MAX_DRAFT_BYTES // (1024 * 1024)} MB).",
            f"{p}: more than {MAX_DRAFT_BYTES} bytes",
        )
        if info.st_size > MAX_DRAFT_BYTES:
            raise too_big
        with p.open("rb") as fh:
            raw = fh.read(MAX_DRAFT_BYTES + 1)  # the file may grow after stat()
        if len(raw) > MAX_DRAFT_BYTES:
            raise too_big
    except FileNotFoundError as exc:
        raise DraftError(f"Het bestand '{p}' bestaat niet.", f"FileNotFoundError: {p}") from exc
    except IsADirectoryError as exc:
        raise DraftError(f"'{p}' is een map, geen conceptbestand.", f"IsADirectoryError: {p}") from exc
    except PermissionError as exc:
        raise DraftError(f"Geen toegang tot '{p}'.", f"PermissionError: {p}") from exc
    except OSError as exc:
        raise DraftError(f"Kan '{p}' niet lezen: {exc.strerror or exc}.", f"{type(exc).__name__}: {exc}") from exc
    return parse_draft(raw)


def new_draft(form_def: Any) -> Draft:
    """An empty draft of a form, with the form's defaults filled in."""
    values = {f.id: f.empty_value() for f in form_def.fields}
    return Draft(form=form_def.id, values=values, form_version=form_def.version)


def current_draft(draft: Draft, formset: FormSet) -> Draft:
    """The one way to load a draft for use: a copy moved to its form's current version.

    Every path that uses a draft's values (validate, the editor, export, submit, restore
    and the secretariat's inbox) calls this, so a site form that renames a field never
    splits the application into paths that see the value and paths that do not. A draft
    of a form this installation does not know comes back as an unchanged copy (validation
    reports the unknown form)."""
    form = formset.get(draft.form)
    return draft.copy() if form is None else upgrade_draft(draft, form)


def upgrade_draft(draft: Draft, form: FormDef) -> Draft:
    """The draft moved to the form's current version, never losing a value.

    A value under a renamed field (``[renamed] old = "new"`` in the form file, chains
    followed) moves to the new field when that one is empty and the value fits its kind;
    otherwise it stays under its old name, where validation shows it as a "vervallen veld".
    """
    from desktop.domain.text import is_empty, value_fits_kind

    upgraded = draft.copy()
    current = {f.id: f for f in form.fields}
    for old in list(upgraded.values):
        if old in current or old not in form.renamed:
            continue
        target = _rename_target(old, form)
        fdef = current.get(target) if target else None
        value = upgraded.values[old]
        if fdef is None or not value_fits_kind(fdef.kind, value):
            continue
        existing = upgraded.values.get(fdef.id)
        if existing is None or is_empty(existing):
            upgraded.values[fdef.id] = value
            del upgraded.values[old]
    if upgraded.form_version is None or upgraded.form_version < form.version:
        upgraded.form_version = form.version
    return upgraded


def _rename_target(old: str, form: FormDef) -> str | None:
    seen = {old}
    name = old
    while name in form.renamed:
        name = form.renamed[name]
        if name in seen:
            return None  # a cycle in the form file; keep the value where it is
        seen.add(name)
    return name
