"""One agenda at a time per stuk: a placement is claimed by creating its file exclusively.

Two secretaries who put the same stuk on two different meetings at the same moment would
both pass the check "not on another agenda"; the claim ``plaatsingen/<id>/<ronde>.json``
lets exactly one of them go on. ``ronde`` counts how often the stuk was aangehouden, so a
held-over stuk can be claimed again for its next meeting.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from desktop.secretariat.errors import SecretariatError
from desktop.share import AlreadyExists, Share, ShareError, dumps

# A placement takes well under this; an older claim whose meeting lacks the stuk was abandoned.
IN_PROGRESS_S = 120.0


def _path(root: str, submission_id: str, ronde: int) -> str:
    return f"{root}/{submission_id}/{ronde:03d}.json"


def _holder(share: Share, path: str) -> str:
    try:
        data = share.read_json(path)
    except ShareError:
        return ""  # gone meanwhile, or written by a crashed writer: not a valid claim
    return str(data.get("vergadering", "")) if isinstance(data, dict) else ""


def claim(share: Share, root: str, submission_id: str, ronde: int, meeting_key: str, actor: str,
          is_live: Callable[[str], bool]) -> None:
    """Claim the placement for ``meeting_key``; refused while another meeting holds the stuk."""
    path = _path(root, submission_id, ronde)
    content = dumps({"vergadering": meeting_key, "door": actor})
    for _ in range(2):
        try:
            share.write_exclusive(path, content)
            return
        except AlreadyExists:
            holder = _holder(share, path)
            if holder == meeting_key:
                return
            if holder and (is_live(holder) or share.young(path, IN_PROGRESS_S)):
                # A young claim whose meeting does not show the stuk yet: a colleague is placing it now.
                raise SecretariatError(
                    f"Dit stuk staat al op de agenda van {holder} (zojuist geplaatst door een collega).",
                    f"placement of {submission_id} round {ronde} held by {holder}",
                ) from None
            # A claim whose placement failed or was undone: free it and try once more.
            with contextlib.suppress(ShareError):
                share.remove(path)
        except ShareError as exc:
            raise SecretariatError(str(exc), exc.detail) from exc
    raise SecretariatError(
        "Een collega plaatst dit stuk op dit moment ook; probeer het zo opnieuw.",
        f"placement race on {submission_id} round {ronde}",
    )


def release(share: Share, root: str, submission_id: str, ronde: int, meeting_key: str) -> None:
    """Free the claim if ``meeting_key`` holds it (after a removal or a failed placement)."""
    path = _path(root, submission_id, ronde)
    if _holder(share, path) == meeting_key:
        with contextlib.suppress(ShareError):
            share.remove(path)
