"""``main.py forms [--json]`` and what a broken form file does to the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import FIXTURES, REPO


def _fields(forms: list[dict]) -> dict[str, dict[str, dict]]:
    return {f["id"]: {x["id"]: x for x in f["fields"]} for f in forms}


def test_forms_json_lists_both_forms_with_limits_and_choices(cli) -> None:
    run = cli("forms", "--json")
    assert run.code == 0
    forms = run.json()
    assert {f["id"] for f in forms} == {"a4tje", "raadsbrief"}
    fields = _fields(forms)
    for form in forms:
        assert isinstance(form["version"], int)
        for f in form["fields"]:
            assert {"id", "kind", "required", "label"} <= set(f)
            if f["kind"] == "choice":
                assert f["choices"], f["id"]
    a4 = fields["a4tje"]
    assert a4["onderwerp"]["max_chars"] == 90 and a4["onderwerp"]["required"] is True
    assert a4["samenvatting"]["max_words"] == 80
    assert (a4["besluit"]["min_items"], a4["besluit"]["max_items"]) == (1, 5)
    assert "Wethouder Visscher" in a4["portefeuillehouder"]["choices"]
    assert "Beheer en Verkeer" in a4["raadscommissie"]["choices"]
    assert a4["raadscommissie"]["required_when"] == {"soort": "raadsvoorstel"}
    assert fields["raadsbrief"]["tekst"]["kind"] == "body"
    assert "max_chars" not in a4["samenvatting"]


def test_forms_text(cli) -> None:
    run = cli("forms")
    assert run.code == 0
    assert "a4tje  (versie 1)" in run.out and "raadsbrief" in run.out
    assert "Onderwerp  [max. 90 tekens; regels: spelling]" in run.out
    assert "1 tot 5; regels: besluitpunten, spelling]" in run.out


def test_forms_json_in_a_real_process(cli_process) -> None:
    run = cli_process("forms", "--json")
    assert run.code == 0
    assert {f["id"] for f in json.loads(run.out)} == {"a4tje", "raadsbrief"}


def test_site_override_reaches_the_cli(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "config.toml").write_text('[[portefeuillehouders]]\nnaam = "Wethouder Nieuw"\n', "utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    fields = _fields(cli("forms", "--json").json())
    assert fields["a4tje"]["portefeuillehouder"]["choices"] == ["Wethouder Nieuw"]


@pytest.fixture
def broken_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = tmp_path / "site"
    (site / "forms").mkdir(parents=True)
    text = (REPO / "forms/a4tje.toml").read_text("utf-8").replace('kind = "line"', 'kind = "regel"', 1)
    (site / "forms/a4tje.toml").write_text(text, "utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    return site


def test_broken_form_file_exit_2_for_forms(cli, broken_site: Path) -> None:
    run = cli("forms", "--json")
    assert run.code == 2 and run.out == ""
    first = run.err.splitlines()[0]
    assert first.startswith("Fout: Fout in formulierbestand ")
    assert str(broken_site / "forms/a4tje.toml") in first
    assert "veld 'onderwerp'" in first and "onbekend soort veld 'regel'" in first


def test_broken_form_file_exit_2_for_validate(cli_process, broken_site: Path) -> None:
    run = cli_process("validate", str(FIXTURES / "a4tje_full.json"))
    assert run.code == 2
    assert "onbekend soort veld 'regel'" in run.err and "Traceback" not in run.err
