"""Fixtures for the export tests: sample drafts and a shared LibreOffice render cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.domain.draft import Draft, load_draft_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def a4tje() -> Draft:
    return load_draft_file(FIXTURES / "a4tje_full.json")


@pytest.fixture
def raadsbrief() -> Draft:
    return load_draft_file(FIXTURES / "raadsbrief_full.json")


def draft_from(name: str) -> Draft:
    return load_draft_file(FIXTURES / name)


def write_draft(path: Path, draft: Draft) -> Path:
    path.write_text(json.dumps(draft.to_json(), ensure_ascii=False), encoding="utf-8")
    return path


class RenderBatch:
    """Renders many .docx files in one LibreOffice call (its start-up dominates) and keeps the PDFs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.profile = root / "profile"
        self.cache: dict[str, Path] = {}

    def render(self, docx_paths: list[Path]) -> list[Path]:
        from desktop.export.render import soffice_to_pdf

        return soffice_to_pdf(docx_paths, self.root / "pdf", profile_dir=self.profile)


@pytest.fixture(scope="session")
def render_batch(tmp_path_factory: pytest.TempPathFactory) -> RenderBatch:
    # Tests ask for the ``soffice`` fixture first, so this runs only where LibreOffice is.
    return RenderBatch(tmp_path_factory.mktemp("render"))
