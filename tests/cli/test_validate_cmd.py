"""``main.py validate``: exit codes 0/1/2, the JSON findings and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import FIXTURES, fixture_json


def test_full_fixtures_have_no_findings_exit_0(cli) -> None:
    for name in ("a4tje_full", "raadsbrief_full"):
        run = cli("validate", str(FIXTURES / f"{name}.json"), "--no-layout")
        assert run.code == 0, run.out + run.err
        assert "Geen bevindingen." in run.out


def test_errors_exit_1_with_json_findings(cli, write_draft) -> None:
    draft = fixture_json("a4tje_full")
    draft["values"]["besluit"] = ["de nota vaststellen;", "kennis te nemen van het plan."]
    draft["values"]["onderwerp"] = ""
    run = cli("validate", write_draft(draft), "--json", "--no-layout")
    assert run.code == 1
    findings = run.json()
    assert isinstance(findings, list)
    assert all({"field", "severity", "message", "rule"} <= set(f) for f in findings)
    by_field = {f["field"]: f for f in findings}
    assert by_field["onderwerp"]["severity"] == "error"
    assert by_field["onderwerp"]["message"] == "Onderwerp is verplicht."
    assert by_field["besluit"] == {
        "field": "besluit",
        "severity": "error",
        "message": by_field["besluit"]["message"],
        "rule": "besluitpunten",
        "span": [8, 19],
        "item": 0,
    }


def test_warnings_only_exit_0(cli, write_draft) -> None:
    draft = fixture_json("raadsbrief_full")
    draft["values"]["tekst"].append({"type": "paragraph", "text": "Ik kom erop terug."})
    run = cli("validate", write_draft(draft), "--json")
    assert run.code == 0
    [finding] = run.json()
    assert finding["severity"] == "warning" and finding["rule"] == "wij_niet_ik"
    assert finding["item"] == len(draft["values"]["tekst"]) - 1 and finding["span"] == [0, 2]


def test_text_output_names_item_and_position(cli, write_draft) -> None:
    draft = fixture_json("a4tje_full")
    draft["values"]["besluit"][1] = "een krediet beschikbaar stellen;"
    run = cli("validate", write_draft(draft), "--no-layout")
    assert run.code == 1
    assert "FOUT    besluit[2] (tekens 25-31): Beslispunt 2:" in run.out
    assert "1 fout, 0 waarschuwingen." in run.out


# --- bad input: a clear message and exit 2 -------------------------------------------


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{ dit is geen json", "geen geldige JSON (regel 1"),
        ("[1, 2, 3]", "verwacht een JSON-object"),
        ('"een tekst"', "verwacht een JSON-object"),
        ('{"values": {}}', "'form'"),
        ('{"form": "a4tje", "values": []}', "'values' moet een JSON-object"),
        ('{"form": "a4tje", "form_version": "1", "values": {}}', "'form_version'"),
        ("", "leeg"),
        ("   \n\t ", "leeg"),
        (b"\xff\xfe{\x00}\x00", "geen UTF-8"),
        (b'{"form": "a4tje", "values": {"onderwerp": "caf\xe9"}}', "geen UTF-8"),
        ('{"form": "a4tje", "values": {"x": ' + "9" * 5000 + "}}", "duizenden cijfers"),
        ("[" * 100_000 + "]" * 100_000, "te diep genest"),
    ],
)
def test_unreadable_input_exit_2(cli, write_draft, content: str | bytes, words: str) -> None:
    run = cli("validate", write_draft(content))
    assert run.code == 2
    assert run.out == ""
    assert run.err.startswith("Fout: ") and words in run.err
    assert "Traceback" not in run.err


def test_unknown_form_exit_2(cli, write_draft) -> None:
    run = cli("validate", write_draft({"form": "memo", "values": {}}))
    assert run.code == 2
    assert "Onbekend soort stuk 'memo'" in run.err and "a4tje" in run.err


def test_missing_file_and_directory_exit_2(cli, tmp_path: Path) -> None:
    missing = cli("validate", str(tmp_path / "weg.json"))
    assert missing.code == 2 and "bestaat niet" in missing.err
    folder = tmp_path / "map.json"
    folder.mkdir()
    directory = cli("validate", str(folder))
    assert directory.code == 2 and "is een map" in directory.err


def test_device_and_oversized_file_exit_2(cli, tmp_path: Path) -> None:
    from desktop.domain.draft import MAX_DRAFT_BYTES

    if Path("/dev/zero").exists():
        device = cli("validate", "/dev/zero")
        assert device.code == 2 and "geen gewoon bestand" in device.err
    big = tmp_path / "groot.json"
    with big.open("wb") as fh:
        fh.truncate(MAX_DRAFT_BYTES + 1)  # sparse: no disk space used
    run = cli("validate", str(big))
    assert run.code == 2 and "te groot" in run.err


def test_unknown_draft_id_exit_2(cli) -> None:
    run = cli("validate", "geen-bestand-en-geen-id")
    assert run.code == 2 and "geen-bestand-en-geen-id" in run.err
    assert "Traceback" not in run.err


# --- bad values: findings, not crashes ------------------------------------------------


def test_wrong_value_types_are_findings(cli, write_draft) -> None:
    draft = fixture_json("a4tje_full")
    draft["values"].update(
        onderwerp=42, besluit="vast te stellen.", bijlagen=[1, None], soort=None, steller={"a": 1}
    )
    run = cli("validate", write_draft(draft), "--json", "--no-layout")
    assert run.code == 1
    rules = {f["field"]: f["rule"] for f in run.json()}
    assert rules == {
        "onderwerp": "type", "besluit": "type", "bijlagen": "type", "soort": "required", "steller": "type"
    }


def test_wrong_block_shapes_in_a_raadsbrief(cli, write_draft) -> None:
    draft = fixture_json("raadsbrief_full")
    draft["values"]["tekst"] = [{"type": "paragraph", "text": 5}]
    draft["values"]["appendices"] = [{"title": "A", "body": [{"type": "tabel"}]}]
    run = cli("validate", write_draft(draft), "--json")
    assert run.code == 1
    assert {(f["field"], f["rule"]) for f in run.json()} == {("tekst", "type"), ("appendices", "type")}


def test_unknown_field_is_a_warning(cli, write_draft) -> None:
    draft = fixture_json("a4tje_full")
    draft["values"]["toelichting_oud"] = "Een tekst uit een oudere versie."
    draft["eigen_sleutel"] = {"bewaard": True}
    run = cli("validate", write_draft(draft), "--json", "--no-layout")
    assert run.code == 0
    [finding] = run.json()
    assert finding["field"] == "toelichting_oud" and finding["rule"] == "vervallen_veld"
    assert finding["message"].startswith("Vervallen veld")


def test_five_megabyte_text_is_a_finding(cli, write_draft) -> None:
    draft = fixture_json("a4tje_full")
    draft["values"]["argumenten"] = "Een lange zin zonder einde " * 200_000  # ~5.4 MB
    run = cli("validate", write_draft(draft), "--json")
    assert run.code == 1
    [finding] = run.json()
    assert finding["field"] == "argumenten" and finding["rule"] == "too_long"
    assert len(finding["message"]) < 300


def test_control_characters_are_a_warning(cli, write_draft) -> None:
    draft = fixture_json("a4tje_full")
    draft["values"]["samenvatting"] = "Uit een PDF\x0c geplakt\x00 tekst."
    run = cli("validate", write_draft(draft), "--json", "--no-layout")
    assert run.code == 0
    [finding] = run.json()
    assert finding["rule"] == "control_chars" and finding["span"] == [11, 12]
    assert "2 onzichtbaar" in finding["message"]


LONE_SURROGATE = '{"form": "a4tje", "values": {"onderwerp": "Plan \\ud800 nu", "soort": "\\udfff"}}'


def test_lone_surrogate_is_a_finding_and_prints(cli, write_draft) -> None:
    path = write_draft(LONE_SURROGATE)
    run = cli("validate", path, "--json", "--no-layout")
    assert run.code == 1
    findings = run.json()
    onderwerp = next(f for f in findings if f["field"] == "onderwerp")
    assert onderwerp["rule"] == "control_chars" and onderwerp["span"] == [5, 6]
    soort = next(f for f in findings if f["field"] == "soort" and f["rule"] == "choice")
    assert "\\udfff" in soort["message"] or "\udfff" in soort["message"]
    text = cli("validate", path, "--no-layout")
    assert text.code == 1 and "staat niet in de lijst" in text.out


# --- real processes -------------------------------------------------------------------


def test_process_exit_codes(cli_process, write_draft) -> None:
    ok = cli_process("validate", str(FIXTURES / "a4tje_full.json"), "--json", "--no-layout")
    assert (ok.code, json.loads(ok.out)) == (0, [])
    draft = fixture_json("a4tje_full")
    draft["values"]["telefoon"] = "bel mij"
    bad = cli_process("validate", write_draft(draft), "--json", "--no-layout")
    assert bad.code == 1 and json.loads(bad.out)[0]["rule"] == "telefoon"
    broken = cli_process("validate", write_draft("{"))
    assert broken.code == 2 and broken.out == ""
    assert broken.err.startswith("Fout: Het bestand is geen geldige JSON")
    assert "Traceback" not in broken.err


def test_process_prints_lone_surrogates(cli_process, write_draft) -> None:
    path = write_draft(LONE_SURROGATE)
    as_json = cli_process("validate", path, "--json", "--no-layout")
    assert as_json.code == 1 and "Traceback" not in as_json.err
    assert any(f["rule"] == "control_chars" for f in json.loads(as_json.out))
    as_text = cli_process("validate", path, "--no-layout")
    assert as_text.code == 1 and "Traceback" not in as_text.err


def test_spelling_in_json_with_spans_and_suggestions(cli, write_draft) -> None:
    draft = fixture_json("a4tje_full")
    values = draft["values"]
    values["onderwerp"] = "Het coUegeprogramma v^j de Stadjers"
    values["samenvatting"] = (
        "De vakdirecteuren, het GMT-lid en de Stadjers werken aan e-dienstverlening, rolvastheid en een "
        "ontkokerd beleid. De financiele gevolgen zijn klein."
    )
    run = cli("validate", write_draft(draft), "--json", "--no-layout")
    assert run.code == 0, run.err
    spelling = [f for f in run.json() if f["rule"] == "spelling"]
    words = {values[f["field"]][slice(*f["span"])]: f for f in spelling}
    # Inner capital and OCR fragment caught; the Groningen words accepted.
    assert set(words) == {"coUegeprogramma", "v^j", "financiele"}
    assert all(f["severity"] == "warning" for f in spelling)
    assert words["coUegeprogramma"]["suggestions"][0] == "collegeprogramma"
    assert "financiële" in words["financiele"]["suggestions"]
    assert "suggestions" not in words["v^j"]
    text = cli("validate", write_draft(draft), "--no-layout")
    assert "'financiele' staat niet in het woordenboek. Bedoelt u: financiële" in text.out
    assert "(tekens 5-19)" in text.out
    quiet = cli("validate", write_draft(draft), "--json", "--no-layout", "--no-spelling")
    assert not [f for f in quiet.json() if f["rule"] == "spelling"]


def test_site_word_list_is_accepted(cli, write_draft, tmp_path: Path, monkeypatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "woordenlijst.txt").write_text("# eigen woorden\nKoepelplanx\n", encoding="utf-8")
    draft = fixture_json("a4tje_full")
    draft["values"]["samenvatting"] = "Het Koepelplanx is klaar."
    path = write_draft(draft)
    assert [f["field"] for f in cli("validate", path, "--json", "--no-layout").json()] == ["samenvatting"]
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    assert cli("validate", path, "--json", "--no-layout").json() == []
