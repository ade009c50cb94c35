"""One agenda at a time per stuk: a placement is claimed by creating its file exclusively.

Two secretaries who put the same stuk on two different meetings at the same moment would
both pass the check "not on another agenda"; the claim ``plaatsingen/<id>/<ronde>.json``
lets exactly one of them go on. ``ronde`` counts how often the stuk was aangehouden, so a
held-over stuk can be claimed again for its next meeting.

A claim is a signed record (``_record`` "plaatsing:<id>:<ronde>"); a claim that does not
verify holds nothing: it is reported and, once older than a moment, cleared like an
abandoned one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from desktop.secretariat.errors import SecretariatError
from desktop.secretariat.records import RecordTrust
from desktop.share import AlreadyExists, ShareError

# A placement takes well under this; an older claim whose meeting lacks the stuk was abandoned.
IN_PROGRESS_S = 120.0


def _path(root: str, submission_id: str, ronde: int) -> str:
    return f"{root}/{submission_id}/{ronde:03d}.json"


def _record(submission_id: str, ronde: int) -> str:
    return f"plaatsing:{submission_id}:{ronde}"


def _holder(trust: RecordTrust, root: str, submission_id: str, ronde: int) -> str:
    path = _path(root, submission_id, ronde)
    if not trust.share.exists(path):
        return ""
    data = trust.read(path, _record(submission_id, ronde))
    # Gone meanwhile, written by a crashed writer, or not signed by us: not a valid claim.
    return str(data.get("vergadering", "")) if data is not None else ""


def claim(trust: RecordTrust, root: str, submission_id: str, ronde: int, meeting_key: str, actor: str,
          is_live: Callable[[str], bool]) -> None:
    """Claim the placement for ``meeting_key``; refused while another meeting holds the stuk."""
    share = trust.share
    path = _path(root, submission_id, ronde)
    content = trust.sign({"_record": _record(submission_id, ronde), "vergadering": meeting_key, "door": actor})
    for _ in range(2):
        try:
            share.write_exclusive(path, content)
            return
        except AlreadyExists:
            holder = _holder(trust, root, submission_id, ronde)
            if holder == meeting_key:
                return
            if holder and (is_live(holder) or share.young(path, IN_PROGRESS_S)):
                # A young claim whose meeting does not show the stuk yet: a colleague is placing it now.
                raise SecretariatError(
                    f"Dit stuk staat al op de agenda van {holder} (zojuist geplaatst door een collega).",
                    f"placement of {submission_id} round {ronde} held by {holder}",
                ) from None
            if not holder and share.young(path):
                break  # being written right now (SMB fills an exclusive file in place)
            # A claim whose placement failed or was undone, or one we did not sign: free it, try once more.
            with contextlib.suppress(ShareError):
                share.remove(path)
        except ShareError as exc:
            raise SecretariatError(str(exc), exc.detail) from exc
    raise SecretariatError(
        "Een collega plaatst dit stuk op dit moment ook; probeer het zo opnieuw.",
        f"placement race on {submission_id} round {ronde}",
    )


def release(trust: RecordTrust, root: str, submission_id: str, ronde: int, meeting_key: str) -> None:
    """Free the claim if ``meeting_key`` holds it (after a removal or a failed placement)."""
    if _holder(trust, root, submission_id, ronde) == meeting_key:
        with contextlib.suppress(ShareError):
            trust.share.remove(_path(root, submission_id, ronde))


def all_claims(trust: RecordTrust, root: str) -> dict[str, dict[int, str]]:
    """Every verified claim (for audits): submission id -> round -> meeting; the others are reported."""
    out: dict[str, dict[int, str]] = {}
    for sid in trust.share.list_names(root):
        for name in trust.share.list_names(f"{root}/{sid}"):
            if len(name) == 8 and name.endswith(".json") and name[:3].isascii() and name[:3].isdigit():
                holder = _holder(trust, root, sid, int(name[:3]))
                if holder:
                    out.setdefault(sid, {})[int(name[:3])] = holder
    return out
