"""Helpers for the domain tests: the real forms and the full example drafts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.draft import Draft
from desktop.domain.findings import Finding
from desktop.domain.forms import FormSet, load_forms
from desktop.domain.validation import validate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def formset() -> FormSet:
    return load_forms()


def fixture_draft(name: str) -> Draft:
    return Draft.from_json(json.loads((FIXTURES / f"{name}.json").read_text("utf-8")))


@pytest.fixture
def a4tje() -> Callable[..., Draft]:
    """A full, valid A4tje with some values replaced."""

    def make(**values: Any) -> Draft:
        draft = fixture_draft("a4tje_full")
        draft.values.update(values)
        return draft

    return make


@pytest.fixture
def raadsbrief() -> Callable[..., Draft]:
    def make(**values: Any) -> Draft:
        draft = fixture_draft("raadsbrief_full")
        draft.values.update(values)
        return draft

    return make


def findings_for(draft: Draft, formset: FormSet, field: str, rule: str | None = None) -> list[Finding]:
    return [
        f
        for f in validate(draft, formset, fields=[field])
        if f.field == field and (rule is None or f.rule == rule)
    ]
