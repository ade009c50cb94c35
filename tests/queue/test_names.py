"""File names that are safe on the share, and the time-out around a hanging listing."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("Koepelplan.pdf", "Koepelplan.pdf"),
        ("../../etc/passwd", ".._.._etc_passwd"),
        ("a\\b.txt", "a_b.txt"),
        ("CON.txt", "_CON.txt"),
        ("nul", "_nul"),
        ("rapport. ", "rapport"),
        ("..", "bijlage"),
        ("", "bijlage"),
        ("tab\there.doc", "tab_here.doc"),
    ],
)
def test_attachment_names_are_made_safe(given: str, expected: str) -> None:
    from desktop.queue.names import clean_attachment_name, safe_name

    cleaned = clean_attachment_name(given)
    assert cleaned == expected
    assert safe_name(cleaned)


def test_long_names_keep_their_extension() -> None:
    from desktop.queue.names import MAX_NAME, clean_attachment_name, safe_name

    cleaned = clean_attachment_name("x" * 300 + ".pdf")
    assert len(cleaned) <= MAX_NAME and cleaned.endswith(".pdf") and safe_name(cleaned)


@pytest.mark.parametrize("bad", ["..", ".", "a/b", "a\\b", "COM1", "x:y", "trailing.", " lead", "a\x00b"])
def test_unsafe_names_are_refused(bad: str) -> None:
    from desktop.queue.names import safe_name

    assert not safe_name(bad)


def test_a_hanging_listing_times_out(share: Path) -> None:
    from desktop.queue.reader import QueueReader
    from desktop.share import ShareTimeout
    from desktop.share.faults import Faults, FaultyShare

    hang = threading.Event()
    reader = QueueReader(FaultyShare(share, Faults(hang=hang), timeout=0.3))
    start = time.monotonic()
    with pytest.raises(ShareTimeout, match="reageert niet"):
        reader.list()
    assert time.monotonic() - start < 2
    hang.set()
