"""Plurals and labels in the windows: "1 concept", "1 punt", no "Raadsbrief · raadsbrief"."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from desktop.domain.text import count_label


def test_count_label() -> None:
    assert [count_label(n, "punt", "punten") for n in (0, 1, 2)] == ["0 punten", "1 punt", "2 punten"]


def test_soort_text_names_the_form_once(qtbot: Any) -> None:
    from desktop.ui.drafts_model import soort_text

    assert soort_text(SimpleNamespace(form="raadsbrief", soort="raadsbrief")) == "Raadsbrief"
    assert soort_text(SimpleNamespace(form="a4tje", soort="collegevoorstel")) == "A4tje · collegevoorstel"


def test_one_draft_and_one_point_are_singular(qtbot: Any, stukken: Any) -> None:
    from datetime import UTC, datetime

    from desktop.domain.draft import new_draft
    from desktop.domain.forms import default_formset
    from desktop.storage.records import DraftSummary

    now = datetime.now(UTC)
    one = DraftSummary("x1", "raadsbrief", "Brief", "raadsbrief", "concept", now, now, False)
    stukken.window.show_drafts([one])
    assert stukken.window.statusBar().currentMessage() == "1 concept"
    assert stukken.window.model.data(stukken.window.model.index(0, 1)) == "Raadsbrief"
    stukken.window.show_drafts([one, one])
    assert stukken.window.statusBar().currentMessage() == "2 concepten"

    editor = stukken.controller._open_editor(new_draft(default_formset().get("a4tje")), None, stukken.context())
    field = editor.view.rows["besluit"].widget
    field.set_value(["in te stemmen met het plan."])
    assert field.counter()[0].startswith("1 punt,") or field.counter()[0] == "1 punt"
    field.set_value(["a te doen;", "b te doen."])
    assert field.counter()[0].startswith("2 punten")
