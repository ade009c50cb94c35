"""Revisions: explicit saves kept, autosaves coalesced under the documented policy."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

from desktop.storage.retention import HOURLY_FOR, KEEP_LAST, MAX_AUTOSAVES, autosaves_to_prune
from desktop.storage.service import DraftStore
from tests.storage.conftest import with_onderwerp

NOW = datetime(2012, 3, 1, 12, 0, tzinfo=UTC)


def test_policy_keeps_the_last_twenty() -> None:
    saves = [(n, NOW - timedelta(seconds=30 * (40 - n))) for n in range(1, 41)]  # 20 minutes of typing
    dropped = set(autosaves_to_prune(saves, NOW))
    kept = [n for n, _ in saves if n not in dropped]
    assert kept[-KEEP_LAST:] == list(range(21, 41))
    # Of the older twenty, one per clock hour survives: 11:40-11:50 is one hour.
    assert len(kept) == KEEP_LAST + 1


def test_policy_one_per_hour_for_a_week_then_none() -> None:
    # One autosave every 10 minutes for 10 days.
    saves = [(n, NOW - timedelta(minutes=10 * (14400 // 10 - n))) for n in range(1, 14400 // 10 + 1)]
    dropped = set(autosaves_to_prune(saves, NOW))
    kept = [(n, at) for n, at in saves if n not in dropped]
    assert len(kept) <= MAX_AUTOSAVES
    older = kept[:-KEEP_LAST]
    assert all(NOW - at <= HOURLY_FOR for _, at in older)
    hours = [at.replace(minute=0, second=0, microsecond=0) for _, at in older]
    assert len(hours) == len(set(hours))  # at most one per hour
    assert len(hours) >= 7 * 24 - 4  # and (nearly) every hour of the week has one


def test_policy_never_drops_the_newest() -> None:
    saves = [(1, NOW - timedelta(days=30)), (2, NOW - timedelta(days=20))]
    assert autosaves_to_prune(saves, NOW) == []


def test_store_coalesces_autosaves_but_keeps_saves(store: DraftStore, a4) -> None:
    draft_id = store.create(a4)
    store.save(draft_id, with_onderwerp(a4, "expliciet"))
    for i in range(40):
        store.save(draft_id, with_onderwerp(a4, f"getypt {i}"), autosave=True)
    revs = store.revisions(draft_id)
    autos = [r for r in revs if r.kind == "autosave"]
    assert [r.kind for r in revs if r.kind == "save"] == ["save", "save"]
    # All within one hour: the last 20 plus one for this hour.
    assert len(autos) == KEEP_LAST + 1
    assert autos[0].onderwerp == "getypt 39" and autos[0].number == revs[0].number == 42
    assert store.get(draft_id).draft.values["onderwerp"] == "getypt 39"


def test_store_drops_autosaves_older_than_a_week(store: DraftStore, a4) -> None:
    draft_id = store.create(a4)
    for i in range(25):
        store.save(draft_id, with_onderwerp(a4, f"oud {i}"), autosave=True)
    # Age the first five past the window, the way a laptop left for two weeks would.
    old = (NOW - timedelta(days=14)).isoformat(timespec="microseconds")
    conn = sqlite3.connect(store.path)
    conn.execute(
        "UPDATE revisions SET created_at = ? WHERE draft_id = ? AND kind = 'autosave' AND number <= 6",
        (old, draft_id),
    )
    conn.commit()
    conn.close()
    store.save(draft_id, with_onderwerp(a4, "nieuw"), autosave=True)
    numbers = {r.number for r in store.revisions(draft_id)}
    assert not numbers & {2, 3, 4, 5, 6}
    assert 1 in numbers  # the explicit save that created it
