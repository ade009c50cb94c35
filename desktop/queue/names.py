"""File names that are safe on every file system the share may be (NTFS over SMB)."""

from __future__ import annotations

import re
import unicodedata
import uuid

_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
)
_BAD_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
MAX_NAME = 120


def safe_name(name: str) -> bool:
    """One path component that is safe to create on NTFS and never escapes a folder."""
    if not name or len(name) > MAX_NAME or name in (".", ".."):
        return False
    if _BAD_CHARS.search(name) or name.endswith((".", " ")) or name.startswith(" "):
        return False
    return name.split(".")[0].upper() not in _WINDOWS_RESERVED


def safe_relpath(rel: str) -> bool:
    """``name`` or ``bijlagen/name``: the only shapes a bundle holds."""
    parts = rel.split("/")
    if len(parts) == 1:
        return safe_name(parts[0])
    return len(parts) == 2 and parts[0] == "bijlagen" and safe_name(parts[1])


def clean_attachment_name(name: str) -> str:
    """A user's file name made safe for the share (characters replaced, not refused)."""
    name = unicodedata.normalize("NFC", name)
    name = _BAD_CHARS.sub("_", name).strip().rstrip(".")
    if not name or name in (".", ".."):
        name = "bijlage"
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.upper() in _WINDOWS_RESERVED:
        stem = f"_{stem}"
    if len(name) > MAX_NAME:
        keep = MAX_NAME - len(ext) - 1 if ext else MAX_NAME
        stem = stem[: max(1, keep)]
    return f"{stem}.{ext}" if ext else stem


def is_submission_id(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except (ValueError, AttributeError, TypeError):
        return False
