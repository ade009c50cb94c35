"""Form versions: renamed fields move, removed fields stay as 'vervallen veld'."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.draft import Draft, parse_draft, upgrade_draft
from desktop.domain.forms import FormError, load_forms
from desktop.domain.validation import validate

FORM_V2 = """
id = "nota"
title = "Nota"
version = 2

[renamed]
toelichting = "argumenten"
oude_kop = "kop"
kop = "onderwerp"

[[sections]]
id = "main"

  [[sections.fields]]
  id = "onderwerp"
  label = "Onderwerp"
  kind = "line"
  required = true

  [[sections.fields]]
  id = "argumenten"
  label = "Argumenten"
  kind = "text"
  required = true

  [[sections.fields]]
  id = "punten"
  label = "Punten"
  kind = "points"
"""


@pytest.fixture
def nota(tmp_path: Path, repo: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "nota.toml").write_text(FORM_V2, "utf-8")
    formset = load_forms(forms_folder=folder, defaults=repo / "resources/config/defaults.toml")
    return formset, formset.forms["nota"]


def v1_draft(**values: object) -> Draft:
    return Draft(form="nota", values=dict(values), form_version=1)


def test_renamed_value_moves_to_the_empty_new_field(nota) -> None:
    formset, form = nota
    draft = v1_draft(onderwerp="Plan", toelichting="Omdat het moet.", argumenten="")
    upgraded = upgrade_draft(draft, form)
    assert upgraded.values["argumenten"] == "Omdat het moet."
    assert "toelichting" not in upgraded.values
    assert upgraded.form_version == 2
    assert validate(upgraded, formset) == []
    # The original is untouched.
    assert draft.values["toelichting"] == "Omdat het moet." and draft.form_version == 1


def test_renamed_value_stays_when_the_new_field_is_filled(nota) -> None:
    formset, form = nota
    draft = v1_draft(onderwerp="Plan", toelichting="Oude tekst.", argumenten="Nieuwe tekst.")
    upgraded = upgrade_draft(draft, form)
    assert upgraded.values["toelichting"] == "Oude tekst."
    assert upgraded.values["argumenten"] == "Nieuwe tekst."
    [finding] = validate(upgraded, formset)
    assert finding.field == "toelichting" and finding.rule == "vervallen_veld"
    assert "Vervallen veld" in finding.message and "Argumenten" in finding.message


def test_without_upgrade_the_old_value_points_to_its_new_name(nota) -> None:
    formset, _ = nota
    draft = v1_draft(onderwerp="Plan", toelichting="Omdat het moet.", argumenten="")
    found = {f.field: f for f in validate(draft, formset)}
    assert found["toelichting"].message.startswith("Vervallen veld 'toelichting': dit veld heet nu 'Argumenten'.")
    assert found["argumenten"].rule == "required"


def test_chained_renames_are_followed(nota) -> None:
    _, form = nota
    upgraded = upgrade_draft(v1_draft(oude_kop="Plan"), form)
    assert upgraded.values == {"onderwerp": "Plan"}


def test_value_of_the_wrong_kind_is_not_moved(nota) -> None:
    _, form = nota
    upgraded = upgrade_draft(v1_draft(toelichting=["een", "lijst"]), form)
    assert upgraded.values["toelichting"] == ["een", "lijst"]


def test_removed_field_is_kept_and_reported(nota) -> None:
    formset, form = nota
    draft = v1_draft(onderwerp="Plan", argumenten="Ja.", weggehaald="Mijn tekst")
    upgraded = upgrade_draft(draft, form)
    assert upgraded.values["weggehaald"] == "Mijn tekst"
    [finding] = validate(upgraded, formset)
    assert finding.field == "weggehaald" and not finding.is_error
    assert finding.message.startswith("Vervallen veld 'weggehaald'")
    # And it survives the JSON round trip.
    assert parse_draft(upgraded.dumps()).values["weggehaald"] == "Mijn tekst"


def test_newer_draft_keeps_its_version(nota) -> None:
    _, form = nota
    assert upgrade_draft(Draft("nota", {}, form_version=5), form).form_version == 5
    assert upgrade_draft(Draft("nota", {}), form).form_version == 2


@pytest.mark.parametrize(
    ("renamed", "message"),
    [
        ('argumenten = "onderwerp"', "nog bestaat"),
        ('oud = "nergens"', "onbekend veld 'nergens'"),
        ("oud = 3", "veld-id"),
    ],
)
def test_bad_renamed_table(tmp_path: Path, repo: Path, renamed: str, message: str) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    text = FORM_V2.replace('toelichting = "argumenten"\noude_kop = "kop"\nkop = "onderwerp"', renamed)
    (folder / "nota.toml").write_text(text, "utf-8")
    with pytest.raises(FormError) as info:
        load_forms(forms_folder=folder, defaults=repo / "resources/config/defaults.toml")
    assert message in str(info.value) and "nota.toml" in str(info.value)
