"""No rendered raadsbrief splits its signature block, at any page boundary of letters of 1–8 pages.

Two LibreOffice runs in all. A probe letter of some 180 identical two-line paragraphs
shows where LibreOffice breaks its pages (each paragraph carries its number). Letters
that end a few paragraphs before, and exactly at, each of those breaks put the closing
and the signatures across every boundary of pages 1 to 8; they are rendered in one
batch. In each PDF the letter's last line, "Met vriendelijke groet,", the signatories'
line and both signatures must be on one page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.domain.draft import Draft
from desktop.export.docx_export import export_docx
from desktop.export.render import soffice_to_pdf

PARAGRAPHS = 185  # more than eight pages of two-line paragraphs
OFFSETS = (3, 2, 1, 0)  # paragraphs short of the last one LibreOffice puts on the page
_FILLER = (
    "De gemeente werkt met de wijkteams aan een betere dienstverlening voor alle inwoners, "
    "en meet de resultaten drie keer per jaar; de raad krijgt ze"
)
SIGNATURE_PARTS = ("Met vriendelijke groet,", "burgemeester en wethouders van Groningen,", "de burgemeester,",
                   "J.P. (Peter) Rehwinkel", "de secretaris,", "drs. M.A. (Maarten) Ruys")


def _paragraph(i: int) -> str:
    return f"Alinea {i:03d}. {_FILLER} einde{i:03d}."


def _letter(base: Draft, paragraphs: int) -> Draft:
    draft = base.copy()
    draft.values["appendices"] = []
    draft.values["tekst"] = [{"type": "heading", "text": "1. Voortgang"}] + [
        {"type": "paragraph", "text": _paragraph(i)} for i in range(1, paragraphs + 1)
    ]
    return draft


def _pages(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(pdf)).pages]


def _page_of(pages: list[str], needle: str) -> set[int]:
    return {i + 1 for i, text in enumerate(pages) if needle in text}


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict[int, list[str]]:
    from tests.conftest import IN_CI, soffice_path

    if soffice_path() is None:
        if IN_CI:
            pytest.fail("soffice (LibreOffice) ontbreekt, maar CI=true")
        pytest.skip("soffice (LibreOffice) is niet geïnstalleerd")
    from tests.export.conftest import draft_from

    root = tmp_path_factory.mktemp("signatures")
    base = draft_from("raadsbrief_full.json")
    probe = root / "probe.docx"
    export_docx(_letter(base, PARAGRAPHS), probe)
    [probe_pdf] = soffice_to_pdf([probe], root / "pdf", profile_dir=root / "profile")
    probe_pages = _pages(probe_pdf)
    # The last paragraph LibreOffice puts on each full page.
    last_on_page = []
    for text in probe_pages[:-1]:
        ends = [int(n) for n in re.findall(r"einde(\d{3})", text)]
        if ends:
            last_on_page.append(max(ends))
    assert len(last_on_page) >= 7, f"probe too short: {len(probe_pages)} pages"
    counts = sorted({max(1, k - off) for k in last_on_page[:7] for off in OFFSETS} | {1, 5})
    paths = []
    for n in counts:
        path = root / f"brief_{n:03d}.docx"
        export_docx(_letter(base, n), path)
        paths.append(path)
    pdfs = soffice_to_pdf(paths, root / "pdf", profile_dir=root / "profile")
    return {n: _pages(pdf) for n, pdf in zip(counts, pdfs, strict=True)}


def test_signature_block_never_splits(letters: dict[int, list[str]]) -> None:
    for n, pages in letters.items():
        last_line = f"einde{n:03d}."
        where = {part: _page_of(pages, part) for part in (last_line, *SIGNATURE_PARTS)}
        assert all(len(found) == 1 for found in where.values()), (n, where)
        assert len(set().union(*where.values())) == 1, f"letter of {n} paragraphs split its closing: {where}"
        assert max(where["de secretaris,"]) == len(pages), "the signatures end the letter"


def test_every_boundary_of_one_to_eight_pages_was_exercised(letters: dict[int, list[str]]) -> None:
    page_counts = {len(pages) for pages in letters.values()}
    assert set(range(1, 9)) <= page_counts, page_counts
    # For every page boundary some letter had its closing pushed to the next page, with
    # the last paragraph: without keep-with-next that letter would have split its block.
    pushed = set()
    for n, pages in letters.items():
        closing_page = min(_page_of(pages, "Met vriendelijke groet,"))
        previous_end = _page_of(pages, f"einde{n - 1:03d}.") if n > 1 else set()
        if closing_page > 1 and previous_end and min(previous_end) < closing_page:
            pushed.add(closing_page - 1)
    assert set(range(1, 8)) <= pushed, f"boundaries where the block moved with the last lines: {sorted(pushed)}"
