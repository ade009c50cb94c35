"""The form loader: the built-in forms, the site override and every kind of mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.forms import FormError, default_formset, load_forms
from desktop.domain.validation import validate
from tests.domain.conftest import findings_for, fixture_draft


def test_builtin_forms_load(formset) -> None:
    assert set(formset.forms) >= {"a4tje", "raadsbrief"}
    a4 = formset.forms["a4tje"]
    assert a4.field_ids()[:3] == ["soort", "onderwerp", "registratienummer"]
    assert a4.field("onderwerp").max_chars == 90
    besluit = a4.field("besluit")
    assert (besluit.min_items, besluit.max_items, besluit.rules) == (1, 5, ("besluitpunten", "spelling"))
    assert "Wethouder Visscher" in formset.choices_for(a4.field("portefeuillehouder"))


def test_fixtures_validate_without_errors(formset) -> None:
    for name in ("a4tje_full", "raadsbrief_full"):
        findings = validate(fixture_draft(name), formset)
        assert not [f for f in findings if f.is_error], findings


def test_bundled_samples_validate_without_errors(formset, repo: Path) -> None:
    from desktop.domain.draft import load_draft_file

    samples = sorted((repo / "resources" / "samples").glob("*.json"))
    assert samples
    for path in samples:
        findings = validate(load_draft_file(path), formset)
        assert not [f for f in findings if f.is_error], (path.name, findings)


def test_form_json_resolves_choice_lists(formset) -> None:
    data = formset.forms["a4tje"].to_json(formset)
    fields = {f["id"]: f for f in data["fields"]}
    assert fields["directie"]["choices"][:2] == ["Bestuursdienst", "StadBeheer"]
    assert fields["directie"]["choices_from"] == "directies"
    assert fields["classificatie"]["choices"] == ["Openbaar", "Vertrouwelijk", "Geheim"]
    assert fields["onderwerp"]["max_chars"] == 90 and "choices" not in fields["onderwerp"]


# --- the site folder ------------------------------------------------------------------

SITE_CONFIG = """
[namen]
burgemeester = "K. Schuiling"

[[portefeuillehouders]]
id = "schuiling"
naam = "Burgemeester Schuiling"

[[portefeuillehouders]]
id = "visscher"
naam = "Wethouder Visscher"
"""


@pytest.fixture
def site(tmp_path: Path, repo: Path) -> Path:
    """A site folder with a changed A4tje (label, limit, optional field) and config."""
    folder = tmp_path / "site"
    (folder / "forms").mkdir(parents=True)
    text = (repo / "forms/a4tje.toml").read_text("utf-8")
    text = text.replace('label = "Onderwerp"', 'label = "Titel van het voorstel"', 1)
    text = text.replace("max_chars = 90", "max_chars = 60", 1)
    text += '\n  [[sections.fields]]\n  id = "wijk"\n  label = "Wijk"\n  kind = "line"\n'
    (folder / "forms/a4tje.toml").write_text(text, "utf-8")
    (folder / "config.toml").write_text(SITE_CONFIG, "utf-8")
    return folder


def _check_site(formset) -> None:
    a4 = formset.forms["a4tje"]
    assert a4.field("onderwerp").label == "Titel van het voorstel"
    assert a4.field("onderwerp").max_chars == 60
    assert a4.field("wijk") is not None
    assert formset.choices_for(a4.field("portefeuillehouder")) == (
        "Burgemeester Schuiling",
        "Wethouder Visscher",
    )
    assert formset.config.names["burgemeester"] == "K. Schuiling"
    # Lists the site does not set keep their defaults; forms it does not override too.
    assert "StadBeheer" in formset.choices_for(a4.field("directie"))
    assert formset.forms["raadsbrief"].field("onderwerp").label == "Onderwerp"


def test_site_argument_overrides(site: Path) -> None:
    formset = load_forms(site=site)
    _check_site(formset)
    assert formset.forms["a4tje"].source == str(site / "forms/a4tje.toml")


def test_site_environment_variable_overrides(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    _check_site(default_formset(reload=True))


def test_site_limits_apply_in_validation(site: Path, a4tje) -> None:
    formset = load_forms(site=site)
    draft = a4tje(onderwerp="x" * 70, portefeuillehouder="Wethouder Pastoor")
    assert [f.rule for f in findings_for(draft, formset, "onderwerp")] == ["max_chars"]
    assert [f.rule for f in findings_for(draft, formset, "portefeuillehouder")] == ["choice"]


def test_missing_site_folder_falls_back_to_builtin(tmp_path: Path) -> None:
    formset = load_forms(site=tmp_path / "offline-share")
    assert formset.forms["a4tje"].field("onderwerp").max_chars == 90


# --- mistakes in form files -----------------------------------------------------------

ONDERWERP = '''  id = "onderwerp"
  label = "Onderwerp"
  kind = "line"
  required = true
  max_chars = 90'''

MISTAKES = [
    # (what to replace in a4tje.toml, replacement, field named, words in the message)
    (ONDERWERP, ONDERWERP.replace('"line"', '"regel"'), "onderwerp", "onbekend soort veld 'regel'"),
    (ONDERWERP, ONDERWERP.replace("= 90", '= "90"'), "onderwerp", "'max_chars' moet een geheel getal"),
    (ONDERWERP, ONDERWERP.replace("= 90", "= -3"), "onderwerp", "'max_chars' moet een geheel getal"),
    (ONDERWERP + '\n  rules = ["spelling"]', ONDERWERP + '\n  rules = ["spellen"]', "onderwerp",
     "onbekende regel 'spellen'"),
    (ONDERWERP, ONDERWERP.replace('"onderwerp"', '"steller"'), "steller", "twee keer"),
    (ONDERWERP, ONDERWERP.replace('  label = "Onderwerp"\n', ""), "onderwerp", "'label' ontbreekt"),
    (ONDERWERP, ONDERWERP + "\n  maxchars = 5", "onderwerp", "onbekende sleutel(s): maxchars"),
    (ONDERWERP, ONDERWERP + '\n  default = ["a"]', "onderwerp", "'default' past niet"),
    ('choices_from = "directies"', 'choices_from = "afdelingen"', "directie", "keuzelijst 'afdelingen'"),
    ("required_when = { soort", "required_when = { sort", "raadscommissie", "onbekend veld 'sort'"),
    ("max_items = 5", "max_items = 0", "besluit", "'max_items' moet een geheel getal van 1"),
    ("min_items = 1", "min_items = 7", "besluit", "groter dan 'max_items'"),
]


def _broken_site(tmp_path: Path, repo: Path, old: str, new: str) -> Path:
    site = tmp_path / "site"
    (site / "forms").mkdir(parents=True)
    text = (repo / "forms/a4tje.toml").read_text("utf-8")
    assert old in text
    (site / "forms/a4tje.toml").write_text(text.replace(old, new, 1), "utf-8")
    return site


@pytest.mark.parametrize(("old", "new", "field", "words"), MISTAKES)
def test_form_mistake_names_file_field_and_problem(
    tmp_path: Path, repo: Path, old: str, new: str, field: str, words: str
) -> None:
    site = _broken_site(tmp_path, repo, old, new)
    with pytest.raises(FormError) as info:
        load_forms(site=site)
    err = info.value
    assert err.path == str(site / "forms/a4tje.toml")
    assert err.field_id == field
    assert words in str(err)
    assert str(err).startswith(f"Fout in formulierbestand {site / 'forms/a4tje.toml'}, veld '{field}'")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('id = "a4tje"\nversion = 1\n[[sections]\n', "geen geldige TOML"),
        ('id = "a4tje"\nversion = 0\n[[sections]]\nid = "x"\n', "'version'"),
        ('id = "a4tje"\nversion = 1\n', "geen secties"),
        ('id = "memo"\nversion = 1\n[[sections]]\nid = "x"\n', "bestandsnaam"),
        ('id = "a4tje"\nversion = 1\none_page = "ja"\n[[sections]]\nid = "x"\n', "'one_page'"),
        ('id = "a4tje"\nversion = 1\n[[sections]]\nid = "x"\n[sections.fields]\nid = "y"\n', "[[sections.fields]]"),
    ],
)
def test_form_file_level_mistakes(tmp_path: Path, text: str, words: str) -> None:
    site = tmp_path / "site"
    (site / "forms").mkdir(parents=True)
    (site / "forms/a4tje.toml").write_text(text, "utf-8")
    with pytest.raises(FormError) as info:
        load_forms(site=site)
    assert words in str(info.value)
    assert str(site / "forms/a4tje.toml") in str(info.value)


def test_form_file_not_utf8(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "forms").mkdir(parents=True)
    (site / "forms/a4tje.toml").write_bytes('id = "a4tje" # café\n'.encode("latin-1"))
    with pytest.raises(FormError, match="UTF-8|TOML"):
        load_forms(site=site)


def test_site_config_mistake_names_the_site_file(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "config.toml").write_text('[[directies]]\ncode = "BD"\n', "utf-8")
    with pytest.raises(FormError) as info:
        load_forms(site=site)
    assert info.value.path == str(site / "config.toml")
    assert str(info.value).startswith(f"Fout in configuratiebestand {site / 'config.toml'}: ")
    assert "'directies'" in str(info.value)
