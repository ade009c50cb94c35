"""Reading the text out of field values of every kind, and counting words."""

from __future__ import annotations

import re
from typing import Any

_WORD = re.compile(r"\S+")

BLOCK_TYPES = frozenset({"paragraph", "heading", "bullets", "numbered"})


def count_words(text: str) -> int:
    if len(text) > 100_000:
        return sum(1 for _ in _WORD.finditer(text))  # no list of a million words
    return len(_WORD.findall(text))


def word_offset(text: str, n: int) -> int | None:
    """Where word ``n`` (0-based) starts, or None when the text has ``n`` words or fewer."""
    for i, match in enumerate(_WORD.finditer(text)):
        if i == n:
            return match.start()
    return None


def block_text(block: Any) -> str:
    """The text of one raadsbrief body block; list items are joined by new lines."""
    if not isinstance(block, dict):
        return ""
    if block.get("type") in ("bullets", "numbered"):
        items = block.get("items", [])
        return "\n".join(i for i in items if isinstance(i, str)) if isinstance(items, list) else ""
    text = block.get("text", "")
    return text if isinstance(text, str) else ""


def _is_block(block: Any) -> bool:
    if not isinstance(block, dict) or block.get("type") not in BLOCK_TYPES:
        return False
    if block["type"] in ("bullets", "numbered"):
        items = block.get("items", [])
        return isinstance(items, list) and all(isinstance(i, str) for i in items)
    if block["type"] == "heading" and block.get("level", 1) not in (1, 2):
        return False  # two heading levels: 1 (default) and 2
    return isinstance(block.get("text", ""), str)


def value_fits_kind(kind: str, value: Any) -> bool:
    """Whether a JSON value has the shape of a field kind (docs/draft-format.md)."""
    if kind in ("line", "text", "choice", "date"):
        return isinstance(value, str)
    if kind == "schaal":
        return value is None or (isinstance(value, int) and not isinstance(value, bool))
    if kind in ("points", "attachments"):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "body":
        return isinstance(value, list) and all(_is_block(b) for b in value)
    if kind == "appendices":
        return isinstance(value, list) and all(
            isinstance(a, dict)
            and isinstance(a.get("title", ""), str)
            and isinstance(a.get("body", []), list)
            and all(_is_block(b) for b in a.get("body", []))
            for a in value
        )
    return True


def text_items(kind: str, value: Any) -> list[tuple[int | None, str]]:
    """``(item, text)`` pairs a finding's span can point into (item None: the value itself)."""
    if isinstance(value, str):
        return [(None, value)]
    if not isinstance(value, list):
        return []
    if kind == "body":
        return [(i, block_text(b)) for i, b in enumerate(value)]
    if kind == "appendices":
        out: list[tuple[int | None, str]] = []
        for i, app in enumerate(value):
            if isinstance(app, dict):
                parts = [app.get("title", "")] + [block_text(b) for b in app.get("body", []) or []]
                out.append((i, "\n".join(p for p in parts if isinstance(p, str))))
        return out
    return [(i, v) for i, v in enumerate(value) if isinstance(v, str)]


def plain_text(kind: str, value: Any) -> str:
    """All text of a value as one string (search, word totals)."""
    return "\n".join(t for _, t in text_items(kind, value))


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return all(_item_empty(v) for v in value)
    return False


def _item_empty(item: Any) -> bool:
    if isinstance(item, str):
        return not item.strip()
    if isinstance(item, dict):
        if "body" in item or "title" in item:
            title = item.get("title", "")
            body = item.get("body", [])
            return (not isinstance(title, str) or not title.strip()) and (
                not isinstance(body, list) or all(_item_empty(b) for b in body)
            )
        return not block_text(item).strip()
    return item is None


def count_label(n: int, one: str, many: str) -> str:
    """``count_label(1, "punt", "punten")`` is "1 punt"; 0 and 2 or more take the plural."""
    return f"{n} {one if n == 1 else many}"
