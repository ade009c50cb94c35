"""What the draft list shows and what search finds: text out of a draft's values.

The text of every field kind comes from ``desktop.domain.text.plain_text``; the kind
is the form's declaration when the form is known, else guessed from the value's
shape (a draft of a form this installation does not have is still searchable).
"""

from __future__ import annotations

import threading
from typing import Any

from desktop.domain.draft import Draft
from desktop.domain.forms import default_formset
from desktop.domain.text import plain_text

_kinds_cache: dict[str, dict[str, str]] = {}
_lock = threading.Lock()


def _form_kinds(form_id: str) -> dict[str, str]:
    with _lock:
        cached = _kinds_cache.get(form_id)
    if cached is not None:
        return cached
    kinds: dict[str, str] = {}
    try:
        form = default_formset().get(form_id)
        if form is not None:
            kinds = {f.id: f.kind for f in form.fields}
    except Exception:  # noqa: BLE001 - a broken form file must not stop saving or searching
        kinds = {}
    with _lock:
        _kinds_cache[form_id] = kinds
    return kinds


def guess_kind(value: Any) -> str:
    if isinstance(value, list):
        dicts = [v for v in value if isinstance(v, dict)]
        if dicts and any("title" in d or ("body" in d and "type" not in d) for d in dicts):
            return "appendices"
        if dicts:
            return "body"
        return "points"
    return "line"


def clean(text: str) -> str:
    """Text SQLite can store as UTF-8: lone surrogates (from broken pastes) become '?'."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


def search_text(draft: Draft) -> tuple[str, str]:
    """``(onderwerp, everything else)`` for the full-text index."""
    kinds = _form_kinds(draft.form)
    parts: list[str] = []
    for field_id, value in draft.values.items():
        if field_id == "onderwerp":
            continue
        text = plain_text(kinds.get(field_id) or guess_kind(value), value)
        if text.strip():
            parts.append(text)
    return clean(summary_onderwerp(draft)), clean("\n".join(parts))


def summary_onderwerp(draft: Draft) -> str:
    value = draft.values.get("onderwerp", "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def summary_soort(draft: Draft) -> str:
    """The A4tje's ``soort`` (collegevoorstel/raadsvoorstel), else the form: "raadsbrief"."""
    value = draft.values.get("soort")
    if isinstance(value, str) and value.strip():
        return clean(value.strip())
    if "soort" in draft.values:
        return ""
    return draft.form
