"""The rolvastheid questionnaire: the `schaal` field kind, answers encrypted for the secretariat
in metingen/, one per person per meetmoment, aggregates only, hostile files skipped."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from desktop.domain import questionnaire as Q
from desktop.domain.forms import FormError, parse_form
from desktop.domain.rules import known_rule_names
from desktop.secretariat import metingen
from desktop.secretariat.errors import SecretariatError
from desktop.share import connect

TZ = timezone(timedelta(hours=1))


def _form(labels: Any) -> dict[str, Any]:
    return {"id": "meting_x", "version": 1, "sections": [{"id": "s", "fields": [
        {"id": "groep", "label": "Groep", "kind": "choice", "choices": ["GMT"]},
        {"id": "v", "label": "Vraag", "kind": "schaal", "labels": labels}]}]}


def test_schaal_needs_five_labels_and_questionnaires_are_no_stukken() -> None:
    form = parse_form(Path("meting-x.toml"), _form(["a", "b", "c", "d", "e"]), known_rule_names())
    assert form.field("v").labels == ("a", "b", "c", "d", "e")  # type: ignore[union-attr]
    assert form.field("v").to_json()["labels"] == ["a", "b", "c", "d", "e"]  # type: ignore[union-attr]
    with pytest.raises(FormError, match="precies 5 teksten"):
        parse_form(Path("meting-x.toml"), _form(["a", "b"]), known_rule_names())
    from desktop.domain.forms import default_formset

    assert "meting_rolvastheid" not in default_formset(reload=True).forms  # never offered as a stuk


def test_answers_are_checked_in_dutch() -> None:
    form = Q.load()
    assert Q.check_answers(form, "GMT", {"rollen_helder": "4"})["rollen_helder"] == 4
    for group, answers, message in (
        ("wethouder", {"rollen_helder": 4}, "Kies uw groep"),
        ("GMT", {"rollen_helder": 6}, "1 tot en met 5"),
        ("GMT", {"rollen_helder": True}, "1 tot en met 5"),
        ("GMT", {"onbekend": 3}, "Onbekende vraag"),
        ("GMT", {}, "ten minste één"),
    ):
        with pytest.raises(ValueError, match=message):
            Q.check_answers(form, group, answers)


def test_encrypted_one_per_person_aggregate_only(queue: Path, tmp_path: Path, sec: Any) -> None:
    form = Q.load()
    for k in range(5):
        metingen.submit(queue, form, "2027-1", "steller", {"rollen_helder": 2}, tmp_path / f"p{k}",
                        person=f"geheim{k}", now=datetime(2027, 3, 1, 9, tzinfo=TZ))
    # geheim0 answers again: the newest replaces the old.
    metingen.submit(queue, form, "2027-1", "steller", {"rollen_helder": 5}, tmp_path / "p0",
                    person="geheim0", now=datetime(2027, 3, 2, 9, tzinfo=TZ))
    files = sorted((queue / "metingen" / "2027-1").iterdir())
    assert len(files) == 6
    raw = b"".join(f.read_bytes() for f in files)
    assert b"geheim" not in raw and b"rollen_helder" not in raw  # encrypted
    token = (tmp_path / "p0" / "meting-respondent.txt").read_text(encoding="utf-8")
    assert sum(f.name.startswith(token) for f in files) == 2 and "geheim" not in " ".join(f.name for f in files)
    # Hostile files: junk, a forged plain answer, a copy moved to another meetmoment.
    (queue / "metingen" / "2027-1" / "0123456789abcdef-x.json").write_text("{kapot", encoding="utf-8")
    (queue / "metingen" / "2027-1" / "fedcba9876543210-x.json").write_text(
        json.dumps({"formaat": 1, "inhoud": "AAAA", "versleuteling": {}}), encoding="utf-8")
    (queue / "metingen" / "2027-2").mkdir()
    (queue / "metingen" / "2027-2" / files[0].name).write_bytes(files[0].read_bytes())
    agg = metingen.aggregate_for(sec, "2027-1")
    steller = agg["groepen"]["steller"]
    assert steller["respondenten"] == 5
    assert steller["vragen"]["rollen_helder"] == {"antwoorden": 5, "gemiddeld": 2.6, "verdeling": [0, 4, 0, 0, 1]}
    assert steller["vragen"]["terugkoppeling"]["antwoorden"] == 0
    assert agg["groepen"]["GMT"] == {"respondenten": None, "niet_gerapporteerd": "geen respondenten"}
    assert agg["totaal"]["respondenten"] == 5  # no group too small: the total is safe to show
    assert "geheim" not in json.dumps(agg)
    assert metingen.aggregate_for(sec, "2027-2")["groepen"]["steller"]["respondenten"] is None  # moved copy
    # The answers never show in the inbox.
    from desktop.secretariat.overview import inbox_rows

    assert inbox_rows(sec, include_done=True) == []


def test_small_groups_hidden_and_total_not_given_away() -> None:
    form = Q.load()
    answers = [{"vragenlijst": form.id, "groep": "GMT", "antwoorden": {"rollen_helder": 4}}] * 5 + \
              [{"vragenlijst": form.id, "groep": "collegelid", "antwoorden": {"rollen_helder": 1}}] * 4
    agg = metingen.aggregate(form, answers)
    assert agg["groepen"]["GMT"]["vragen"]["rollen_helder"]["gemiddeld"] == 4.0
    assert agg["groepen"]["collegelid"]["respondenten"] is None
    assert agg["totaal"]["respondenten"] is None and "verraden" in agg["totaal"]["niet_gerapporteerd"]


def test_no_secretariat_key_is_a_clear_refusal(tmp_path: Path) -> None:
    share = tmp_path / "leeg"
    share.mkdir()
    with pytest.raises(SecretariatError, match="nog geen sleutel"):
        metingen.submit(share, Q.load(), "2027-1", "GMT", {"rollen_helder": 3}, tmp_path / "p")


def test_meting_command(queue: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.cli.main import main

    assert main(["meting", "--vragen"]) == 0
    assert "rollen_helder" in capsys.readouterr().out
    assert main(["meting", "--queue", str(queue), "--meetmoment", "2027-1", "--groep", "GMT",
                 "--antwoord", "rollen_helder=4", "--antwoord", "a4tje_helpt=5"]) == 0
    assert "versleuteld verstuurd" in capsys.readouterr().out
    assert len(list((queue / "metingen" / "2027-1").iterdir())) == 1
    assert main(["meting", "--queue", str(queue), "--meetmoment", "2027-1", "--groep", "GMT",
                 "--antwoord", "rollen_helder=9"]) == 1
    assert "1 tot en met 5" in capsys.readouterr().err


def test_dialog_fills_in_and_sends(qtbot: Any, queue: Path, sec: Any) -> None:
    from datetime import date

    from desktop.ui import tasks
    from desktop.ui.meting_dialog import MetingDialog

    dialog = MetingDialog(queue, today=date(2027, 10, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.meetmoment is not None and dialog.meetmoment.key == "2027-3"
    dialog.group.setCurrentText("GMT")
    dialog.choices["rollen_helder"].button(4).click()
    dialog.choices["a4tje_helpt"].button(2).click()
    assert dialog.answers()["rollen_helder"] == 4 and dialog.answers()["terugkoppeling"] is None
    with qtbot.waitSignal(dialog.done_signal, timeout=20_000):
        dialog.send.click()
    assert "verstuurd" in dialog.message.text()
    tasks.shutdown(wait=True)
    from desktop.queue.secretariat_keypair import own_keys

    (answer,) = metingen.read(queue, "2027-3", own_keys())
    assert answer["groep"] == "GMT" and answer["antwoorden"]["rollen_helder"] == 4


def test_forged_encrypted_answers_are_skipped(queue: Path, sec: Any) -> None:
    """Anyone can encrypt for the secretariat's public key: the content's shape is checked."""
    from desktop.queue import crypto
    from desktop.queue.keys import b64
    from desktop.queue.secretariat_keys import published_keys

    keys = [crypto.Recipient(k.key_id, k.x25519_public) for k in published_keys(connect(queue))]
    folder = queue / "metingen" / "2027-1"
    folder.mkdir(parents=True)
    for i, content in enumerate(([1, 2], {"vragenlijst": "meting_rolvastheid", "meetmoment": "2027-1",
                                          "groep": "GMT", "antwoorden": [5, 5], "persoon": "x"},
                                 {"vragenlijst": "meting_rolvastheid", "meetmoment": "2027-1", "groep": "GMT",
                                  "antwoorden": {"rollen_helder": True, "a4tje_helpt": 99}, "persoon": "y"})):
        token = f"{i:016x}"
        cipher, header = crypto.encrypt({"antwoorden.json": json.dumps(content).encode()}, keys,
                                        f"meting/2027-1/{token}")
        (folder / f"{token}-x.json").write_text(
            json.dumps({"formaat": 1, "versleuteling": header, "inhoud": b64(cipher)}), encoding="utf-8")
    from desktop.queue.secretariat_keypair import own_keys

    agg = metingen.aggregate(Q.load(), metingen.read(queue, "2027-1", own_keys()), min_group=1)
    gmt = agg["groepen"]["GMT"]
    assert gmt["respondenten"] == 1  # only "y" has answers of the right shape; its values are out of range
    assert gmt["vragen"]["rollen_helder"]["antwoorden"] == 0 and gmt["vragen"]["a4tje_helpt"]["antwoorden"] == 0
