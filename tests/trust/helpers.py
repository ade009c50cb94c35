"""Real people for the trust attacks: each a process with its own account, keyring file and data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.secretariat.conftest import REPO, a4tje, person_env, run_main


def ok(result: Any) -> str:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return str(result.stdout)


def refused(result: Any, *words: str) -> str:
    """The command failed safely: a Dutch message, no traceback."""
    assert result.returncode != 0, f"{result.args} was not refused\n{result.stdout}"
    assert "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, (word, result.stderr)
    return str(result.stderr)


def person(base: Path, name: str, queue: Path, site: Path | None = None) -> dict[str, str]:
    env = person_env(base, name, queue)
    if site is not None:
        env["STUKKEN_SITE_DIR"] = str(site)
    return env


def new_key(env: dict[str, str]) -> str:
    """``meeting keys --nieuw``; the new key's id."""
    out = ok(run_main(env, "meeting", "keys", "--nieuw"))
    return out.split(":", 1)[1].split()[0]


def draft_file(base: Path, name: str, **values: Any) -> Path:
    draft = a4tje(values.pop("onderwerp", "Koepelplan Stadsbeheer 2012"), **values)
    draft.values["bijlagen"] = []
    path = base / f"{name}-{draft.values['onderwerp'][:12]}.json"
    path.write_text(json.dumps(draft.to_json()), encoding="utf-8")
    return path


def submit(env: dict[str, str], draft: Path | str) -> str:
    """The submission id of a stuk (a file or a stored draft id) sent into the share (``submit``)."""
    return ok(run_main(env, "submit", str(draft), "--no-layout")).split()[0]


def inbox(env: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in json.loads(ok(run_main(env, "meeting", "inbox", "--json")))}


def status(env: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in json.loads(ok(run_main(env, "status", "--json")))}


def python(env: dict[str, str], script: str, *args: str) -> str:
    """Run ``script`` as this person (their keyring, their account)."""
    r = subprocess.run([sys.executable, "-c", script, *args], env=env, cwd=str(REPO), capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout


# A colleague publishes a secretariat key of her own into the share (anyone can write there).
PUBLISH_OWN_KEY = """
import sys
from desktop.queue.secretariat_key_files import publish
from desktop.queue.secretariat_keypair import own_keys
from desktop.share import LocalShare
key = own_keys()[0]
publish(LocalShare(sys.argv[1]), key)
print(key.key_id)
"""

# ... and signs a status file with it: the stuk is "besloten", afgewezen.
FORGE_STATUS = """
import sys
from desktop.queue.secretariat_keypair import own_keys
from desktop.queue.secretariat_keys import write_status
from desktop.share import LocalShare
key = own_keys()[0]
write_status(LocalShare(sys.argv[1]), key, sys.argv[2], "besloten", outcome="afgewezen",
                decision_text="9.000.000 aan Mallory BV")
"""

# A colleague re-signs her own bundle with 'supersedes' set to someone else's accepted stuk.
CLAIM_SUPERSEDES = """
import json, sys
from pathlib import Path
from desktop.queue.bundle import seal
from desktop.queue.keys import load_identity
folder, victim = Path(sys.argv[1]), sys.argv[2]
files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
plain = {k: v for k, v in files.items() if k not in ("manifest.json", "handtekening.json")}
meta = json.loads(plain["meta.json"])
meta["supersedes"] = victim
plain["meta.json"] = json.dumps(meta, ensure_ascii=False, indent=2).encode("utf-8")
for name, data in seal(plain, folder.name, load_identity(create=False)).items():
    (folder / name).write_bytes(data)
"""


def all_bytes(folder: Path) -> bytes:
    out = b""
    for root, _, files in os.walk(folder):
        for f in files:
            out += (Path(root) / f).read_bytes()
    return out
