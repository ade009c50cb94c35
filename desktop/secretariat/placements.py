"""One agenda at a time per stuk: a placement is claimed by creating its file exclusively.

Two secretaries who put the same stuk on two different meetings at the same moment would
both pass the check "not on another agenda"; the claim ``plaatsingen/<id>/<ronde>.json``
lets exactly one of them go on. ``ronde`` counts how often the stuk was aangehouden, so a
held-over stuk can be claimed again for its next meeting.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

from desktop.secretariat import sharefile
from desktop.secretariat.errors import SecretariatError

# A placement takes well under this; an older claim whose meeting lacks the stuk was abandoned.
IN_PROGRESS_S = 120.0


def _path(root: Path, submission_id: str, ronde: int) -> Path:
    return root / submission_id / f"{ronde:03d}.json"


def _holder(path: Path) -> str:
    try:
        data = sharefile.read_json(path)
    except sharefile.ShareError:
        return ""  # gone meanwhile, or written by a crashed writer: not a valid claim
    return str(data.get("vergadering", "")) if isinstance(data, dict) else ""


def _young(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime < IN_PROGRESS_S
    except OSError:
        return False


def claim(root: Path, submission_id: str, ronde: int, meeting_key: str, actor: str,
          is_live: Callable[[str], bool]) -> None:
    """Claim the placement for ``meeting_key``; refused while another meeting holds the stuk."""
    path = _path(root, submission_id, ronde)
    content = sharefile.dumps({"vergadering": meeting_key, "door": actor})
    for _ in range(2):
        try:
            sharefile.write_exclusive(path, content)
            return
        except sharefile.AlreadyExists:
            holder = _holder(path)
            if holder == meeting_key:
                return
            if holder and (is_live(holder) or _young(path)):
                # A young claim whose meeting does not show the stuk yet: a colleague is placing it now.
                raise SecretariatError(
                    f"Dit stuk staat al op de agenda van {holder} (zojuist geplaatst door een collega).",
                    f"placement of {submission_id} round {ronde} held by {holder}",
                ) from None
            # A claim whose placement failed or was undone: free it and try once more.
            with contextlib.suppress(OSError):
                path.unlink()
        except sharefile.ShareError as exc:
            raise SecretariatError(str(exc), exc.detail) from exc
    raise SecretariatError(
        "Een collega plaatst dit stuk op dit moment ook; probeer het zo opnieuw.",
        f"placement race on {submission_id} round {ronde}",
    )


def release(root: Path, submission_id: str, ronde: int, meeting_key: str) -> None:
    """Free the claim if ``meeting_key`` holds it (after a removal or a failed placement)."""
    path = _path(root, submission_id, ronde)
    if _holder(path) == meeting_key:
        with contextlib.suppress(OSError):
            path.unlink()
