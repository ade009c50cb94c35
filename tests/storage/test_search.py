"""Full-text search: every field kind, Dutch diacritics, no query syntax leaking through."""

from __future__ import annotations

from desktop.storage.draft_search import fts_query
from desktop.storage.service import DraftStore
from tests.storage.conftest import with_onderwerp


def test_diacritics_do_not_matter(store: DraftStore, a4) -> None:
    a4.values["financien"] = "De financiële gevolgen zijn gedekt uit de reserve."
    draft_id = store.create(a4)
    for query in ("financiele", "financiële", "FINANCIELE", "financ", "reserve financiele"):
        assert [s.id for s in store.search(query)] == [draft_id], query
    a4.values["financien"] = "Geen."
    store.save(draft_id, a4)
    assert store.search("financiele") == []  # only the current text is searched


def test_every_field_kind_is_searchable(store: DraftStore, a4, rb) -> None:
    a_id, b_id = store.create(a4), store.create(rb)
    cases = {
        "Koepelplan": a_id,  # onderwerp (line)
        "dubbelingen": a_id,  # argumenten (text)
        "Visscher": a_id,  # portefeuillehouder (choice)
        "krediet beschikbaar": a_id,  # besluit (points)
        "Financieel overzicht": a_id,  # bijlagen (attachments)
        "afgevaardigden": b_id,  # tekst (body, bullets)
        "Meetmomenten": b_id,  # appendices (title)
        "augustus": b_id,  # appendices (numbered items)
    }
    for query, expected in cases.items():
        assert [s.id for s in store.search(query)] == [expected], query
    # The markup of body blocks is not text.
    assert store.search("paragraph") == []


def test_all_words_must_match(store: DraftStore, a4) -> None:
    a_id = store.create(with_onderwerp(a4, "Fietsenstalling Grote Markt"))
    store.create(with_onderwerp(a4, "Fietsenstalling Vismarkt").copy())
    assert len(store.search("fietsenstalling")) == 2
    assert [s.id for s in store.search("fietsenstalling grote")] == [a_id]


def test_query_syntax_is_treated_as_text(store: DraftStore, a4) -> None:
    store.create(a4)
    for query in ('"', "NEAR(", "onderwerp:", "a OR", "*", "-", "AND NOT", "(((", "'"):
        store.search(query)  # no error
    assert store.search("") == [] and store.search("   ") == []
    assert fts_query('Koepel" OR x') == '"Koepel"* "OR"* "x"*'


def test_trash_is_not_searched_unless_asked(store: DraftStore, a4) -> None:
    draft_id = store.create(a4)
    store.delete(draft_id)
    assert store.search("Koepelplan") == []
    assert [s.id for s in store.search("Koepelplan", include_deleted=True)] == [draft_id]


def test_limit_and_ranking(store: DraftStore, a4) -> None:
    ids = [store.create(with_onderwerp(a4, f"Parkeren nummer {i}")) for i in range(5)]
    best = store.create(with_onderwerp(a4, "Parkeren parkeren parkeren"))
    found = store.search("parkeren", limit=3)
    assert len(found) == 3
    assert found[0].id == best
    assert {s.id for s in store.search("parkeren")} == {*ids, best}


def test_drafts_of_an_unknown_form_are_searchable(store: DraftStore, a4) -> None:
    a4.form = "memo_2013"
    a4.values["inhoud"] = [{"type": "paragraph", "text": "Een onbekend formulier met zeldzaamheid."}]
    draft_id = store.create(a4)
    assert [s.id for s in store.search("zeldzaamheid")] == [draft_id]
