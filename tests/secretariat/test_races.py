"""Two secretaries at once, as real processes: no number given twice, nothing published twice."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from desktop.secretariat import numbers
from tests.secretariat.conftest import REPO, SiteKeys, a4tje, person_env


@pytest.fixture
def queue_folder(share_folder: Path) -> Path:
    """These tests run on a local folder and on the real SMB share."""
    return share_folder


WORKER = r"""
import json, sys, time
from pathlib import Path
from desktop.secretariat.service import Secretariaat
from desktop.secretariat.errors import SecretariatError
queue, name, go, ids = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4:]
from desktop.secretariat.queue_source import ensure_key
ensure_key(queue, create=True)  # each secretary her own key, published in the share
sec = Secretariaat(queue, actor=name)
subs = {s.id: s for s in sec.source.submissions()}
while not go.exists():
    time.sleep(0.005)
out = {}
for sid in ids:
    try:
        out[sid] = ["ok", sec.accept_submission(subs[sid])]
    except SecretariatError as exc:
        out[sid] = ["refused", str(exc)]
print(json.dumps(out))
"""

CLAIMER = r"""
import sys, time
from pathlib import Path
from desktop.secretariat.numbers import claim_number
from desktop.share import LocalShare
from tests.secretariat.signing import key_from_json, make_trust
share, name, go, n = LocalShare(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
root = make_trust(share, Path(sys.argv[6]), key_from_json(sys.argv[5]))
while not go.exists():
    time.sleep(0.005)
for i in range(n):
    print(claim_number(root, "nummers", "BD", f"{name}-{i}", name))
"""


def _spawn(script: str, env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", script, *args], env=env, cwd=str(REPO),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_four_processes_claim_numbers_without_duplicates(tmp_path: Path, share_folder: Path) -> None:
    from tests.secretariat.signing import key_json, make_trust
    from tests.shareinit import throwaway_key

    key = throwaway_key()  # one secretariat key, four processes
    root, go = share_folder, tmp_path / "go"
    procs = [_spawn(CLAIMER, person_env(tmp_path, f"s{i}"), str(root), f"s{i}", str(go), "40", key_json(key),
                    str(tmp_path / f"local-s{i}")) for i in range(4)]
    time.sleep(1.5)  # let every interpreter start before the gun
    go.touch()
    got = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        got.extend(out.split("\n")[:-1])
    assert len(got) == 160 and len(set(got)) == 160
    from desktop.share import LocalShare

    issued = numbers.issued_numbers(make_trust(LocalShare(root), tmp_path / "audit", key), "nummers")
    assert sorted(r["nummer"] for r in issued) == sorted(got)
    yy = date.today().year % 100
    assert sorted(got)[-1] == f"BD {yy:02d}.0000160"  # no gaps either: every claim kept


def test_two_secretaries_accept_the_same_submissions_at_once(queue: Path, submit: Any, tmp_path: Path,
                                                             site_keys: SiteKeys) -> None:
    ids = [submit(a4tje(f"Stuk {i}", directie="Bestuursdienst")) for i in range(8)]
    go = tmp_path / "go"
    procs = [
        _spawn(WORKER, site_keys.secretary(tmp_path, name), str(queue), name, str(go), *ids)
        for name in ("anna", "bert")
    ]
    time.sleep(2.0)
    go.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        results.append(json.loads(out))
    given = []
    for sid in ids:
        outcomes = [r[sid] for r in results]
        oks = [o for o in outcomes if o[0] == "ok"]
        assert len(oks) == 1, outcomes  # exactly one secretary accepted it
        given.append(oks[0][1])
        for o in outcomes:
            if o[0] == "refused":
                assert "al aanvaard" in o[1] or "tegelijk behandeld" in o[1], o[1]
    assert len(set(given)) == len(given)  # no number given twice
    from desktop.secretariat.service import Secretariaat

    zaken = Secretariaat(queue, actor="audit", data_dir=tmp_path / "audit").zaken.all()
    assert sorted(z["registratienummer"] for z in zaken.values()) == sorted(given)


def test_two_secretaries_publish_at_once(queue: Path, submit: Any, sec: Any, tmp_path: Path,
                                         site_keys: SiteKeys) -> None:
    sid = submit(a4tje("Koepelplan"))
    sec.accept(sid)
    day = date(2030, 4, 2)
    sec.create_meeting(day, datetime(2030, 3, 28, 12))
    sec.place(day, sid)
    sec.freeze(day)
    sec.decide(day, sid, "conform")
    envs = [site_keys.secretary(tmp_path, name, queue) for name in ("anna", "bert")]
    procs = [
        subprocess.Popen([sys.executable, str(REPO / "main.py"), "meeting", "publish", day.isoformat(),
                          "--door", name], env=env, cwd=str(REPO), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for name, env in zip(("anna", "bert"), envs, strict=True)
    ]
    done = [p.communicate(timeout=180) + (p.returncode,) for p in procs]
    codes = sorted(d[2] for d in done)
    assert codes == [0, 1], done
    loser = next(d for d in done if d[2] == 1)
    assert "gepubliceerd" in loser[1] and "Traceback" not in loser[1]
    from desktop.queue import protocol as P

    assert [p.name for p in (queue / P.PUBLICATIONS).iterdir()] == ["2030-04-02.json"]
    events = [e["soort"] for e in __import__("desktop.secretariat.events", fromlist=["x"]).read_all(sec.trust, sec.layout.log)]
    assert events.count("gepubliceerd") == 1


PLACER = r"""
import sys, time
from pathlib import Path
from desktop.secretariat.service import Secretariaat
from desktop.secretariat.errors import SecretariatError
queue, name, go, day, sid = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4], sys.argv[5]
from desktop.secretariat.queue_source import ensure_key
ensure_key(queue, create=True)  # each secretary her own key, published in the share
sec = Secretariaat(queue, actor=name)
sec.source.get(sid)
while not go.exists():
    time.sleep(0.005)
try:
    sec.place(day, sid)
    print("ok")
except SecretariatError as exc:
    print("refused", exc)
"""


def test_two_secretaries_place_one_stuk_on_two_meetings_at_once(queue: Path, submit: Any, sec: Any,
                                                                 tmp_path: Path, site_keys: SiteKeys) -> None:
    sid = submit(a4tje("Eén agenda tegelijk"))
    sec.accept(sid)
    days = ("2030-04-02", "2030-04-09")
    for d in days:
        sec.create_meeting(date.fromisoformat(d), datetime(2030, 3, 28, 12))
    go = tmp_path / "go"
    procs = [_spawn(PLACER, site_keys.secretary(tmp_path, name), str(queue), name, str(go), d, sid)
             for name, d in zip(("anna", "bert"), days, strict=True)]
    time.sleep(2.0)
    go.touch()
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        outs.append(out.strip())
    assert sorted(o.split()[0] for o in outs) == ["ok", "refused"], outs
    on = [d for d in days if any(it.inzending == sid for it in sec.meetings.load(d).items)]
    assert len(on) == 1
