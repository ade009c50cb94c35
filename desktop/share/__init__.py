"""The shared folder: the only code that opens, lists, renames or removes paths on the share.

``connect(root)`` gives the ``Share`` for a share root (``desktop.share.base``): a
``LocalShare`` for a local folder or a mounted SMB share, or, when a test has installed
faults (``desktop.share.faults.install``), a ``FaultyShare``.
"""

from __future__ import annotations

import os

from desktop.share import faults as _faults
from desktop.share.base import MAX_JSON_BYTES, TEMP, TMP_PREFIX, Entry, Share, dumps
from desktop.share.errors import (
    AlreadyExists,
    NotFound,
    ShareError,
    ShareTimeout,
    TooLarge,
    is_sharing_violation,
    reason_of,
)
from desktop.share.local import LocalShare
from desktop.share.timeout import DEFAULT_TIMEOUT_S


def connect(root: str | os.PathLike[str], timeout: float | None = None) -> Share:
    """The share at ``root``; never creates anything."""
    installed, fault_timeout = _faults.installed()
    if installed is not None:
        return _faults.FaultyShare(root, installed, timeout or fault_timeout)
    return LocalShare(root) if timeout is None else LocalShare(root, timeout)


__all__ = [
    "DEFAULT_TIMEOUT_S",
    "MAX_JSON_BYTES",
    "TEMP",
    "TMP_PREFIX",
    "AlreadyExists",
    "Entry",
    "LocalShare",
    "NotFound",
    "Share",
    "ShareError",
    "ShareTimeout",
    "TooLarge",
    "connect",
    "dumps",
    "is_sharing_violation",
    "reason_of",
]
