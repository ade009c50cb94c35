"""Storage test fixtures: a real SQLite store in the test's own data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain.draft import Draft, load_draft_file
from desktop.storage.service import DraftStore

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
V1_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "v1.sqlite"


@pytest.fixture
def a4() -> Draft:
    return load_draft_file(FIXTURES / "a4tje_full.json")


@pytest.fixture
def rb() -> Draft:
    return load_draft_file(FIXTURES / "raadsbrief_full.json")


@pytest.fixture
def store(isolated_environment: Path) -> Iterator[DraftStore]:
    s = DraftStore()
    yield s
    s.close()


def with_onderwerp(draft: Draft, onderwerp: str) -> Draft:
    copy = draft.copy()
    copy.values["onderwerp"] = onderwerp
    return copy
