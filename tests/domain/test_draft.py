"""The draft model, its JSON format, the text helpers and sanitising."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.domain.draft import Draft, DraftError, load_draft_file, new_draft, parse_draft
from desktop.domain.sanitize import (
    bad_character_spans,
    clean_text,
    clean_value,
    first_bad_character,
)
from desktop.domain.text import count_words, is_empty, plain_text, text_items, value_fits_kind
from tests.domain.conftest import FIXTURES


def test_round_trip_keeps_unknown_keys_and_values() -> None:
    text = json.dumps(
        {"form": "a4tje", "form_version": 1, "values": {"onderwerp": "X", "oud": [1]}, "app": {"v": 2}}
    )
    draft = parse_draft(text)
    assert draft.extra == {"app": {"v": 2}}
    again = parse_draft(draft.dumps())
    assert again == draft
    assert json.loads(draft.dumps())["app"] == {"v": 2}


def test_bom_and_bytes_are_accepted() -> None:
    raw = "\ufeff" + json.dumps({"form": "a4tje", "values": {"onderwerp": "Café"}})
    assert parse_draft(raw.encode("utf-8")).values["onderwerp"] == "Café"


def test_copy_is_independent() -> None:
    draft = Draft("a4tje", {"besluit": ["a te doen."]})
    copy = draft.copy()
    copy.values["besluit"].append("b")
    assert draft.values["besluit"] == ["a te doen."]


def test_lone_surrogates_survive_a_round_trip() -> None:
    draft = parse_draft('{"form": "a4tje", "values": {"onderwerp": "a\\ud800b"}}')
    assert draft.values["onderwerp"] == "a\ud800b"
    assert draft.copy().values["onderwerp"] == "a\ud800b"


def test_fixtures_load() -> None:
    for name in ("a4tje_full", "raadsbrief_full"):
        draft = load_draft_file(FIXTURES / f"{name}.json")
        assert draft.form_version == 1 and draft.values


def test_new_draft_has_the_form_defaults(formset) -> None:
    draft = new_draft(formset.forms["raadsbrief"])
    assert draft.form_version == 1
    assert draft.values["aanhef"] == "Geachte heer, mevrouw,"
    assert draft.values["uw_kenmerk"] == "-"
    assert draft.values["tekst"] == [] and draft.values["onderwerp"] == ""


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="bestaat niet"):
        load_draft_file(tmp_path / "weg.json")
    with pytest.raises(DraftError, match="is een map"):
        load_draft_file(tmp_path)
    with pytest.raises(DraftError) as info:
        parse_draft("{")
    assert info.value.detail.startswith("JSONDecodeError")


def test_text_items_by_kind() -> None:
    assert text_items("line", "abc") == [(None, "abc")]
    assert text_items("points", ["a", "b"]) == [(0, "a"), (1, "b")]
    body = [{"type": "heading", "text": "1. Kop"}, {"type": "bullets", "items": ["x", "y"]}]
    assert text_items("body", body) == [(0, "1. Kop"), (1, "x\ny")]
    apps = [{"title": "T", "body": [{"type": "paragraph", "text": "p"}]}]
    assert text_items("appendices", apps) == [(0, "T\np")]
    assert plain_text("body", body) == "1. Kop\nx\ny"
    assert text_items("text", 5) == []


def test_value_fits_kind() -> None:
    assert value_fits_kind("date", "2012-01-01")
    assert not value_fits_kind("line", 5)
    assert value_fits_kind("points", []) and not value_fits_kind("points", ["a", 1])
    assert value_fits_kind("body", [{"type": "numbered", "items": ["a"]}])
    assert not value_fits_kind("body", [{"type": "numbered", "items": "a"}])
    assert not value_fits_kind("body", [{"type": "tabel"}])
    assert not value_fits_kind("appendices", [{"title": 1}])
    assert not value_fits_kind("appendices", [{"title": "A", "body": [{"text": "zonder type"}]}])


def test_is_empty_and_count_words() -> None:
    assert is_empty(None) and is_empty("  ") and is_empty([]) and is_empty(["", " "])
    assert is_empty([{"type": "paragraph", "text": " "}])
    assert is_empty([{"title": "", "body": []}])
    assert not is_empty([{"title": "Bijlage", "body": []}])
    assert count_words("  De raad  stelt\nvast. ") == 4
    assert count_words("woord " * 30_000) == 30_000  # the long-text path


def test_sanitize() -> None:
    text = "a\x00b\x0bc\ud800d\x7f"
    assert bad_character_spans(text) == [(1, 2), (3, 4), (5, 6), (7, 8)]
    assert first_bad_character(text) == ((1, 2), 4)
    assert first_bad_character("schoon\ttab\r\n") is None
    assert clean_text(text) == "ab\ncd"
    assert clean_value({"x": ["\x0c", {"y": "z\x01"}], "n": 3}) == {"x": ["\n", {"y": "z"}], "n": 3}
