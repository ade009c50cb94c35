"""Several processes submit hundreds of stukken into one folder while a reader lists it.

Some writers are killed with SIGKILL at random moments. Afterwards every submission
that reported success is there exactly once, the reader never listed a partial
bundle, a restart of a killed writer delivers what it had staged without
duplicates, and nothing else is left but temporaries that the cleanup removes.

Nothing here depends on how fast the machine is (the suite shares a 2-core machine
with other work): a writer to be killed is given more work than it can finish, so the
kill always lands while it works, and a submission that waited in the outbox because
the loaded machine was slower than the share time-out ("WAIT", a correct outcome) is
delivered by the restart like a killed writer's.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.shareinit import init_share

WORKER = Path(__file__).with_name("mp_worker.py")
WRITERS = 4
PER_WRITER = 75
KILLED = 2
TEMP_NAME = re.compile(r"^[0-9a-f-]{36}\.\d+\.[0-9a-f]{8}\.tmp$")


def env_for(tmp: Path, name: str) -> dict[str, str]:
    home = tmp / "homes" / name
    home.mkdir(parents=True)
    env = dict(os.environ)
    env.update(
        {
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "xdg"),
            "STUKKEN_DATA_DIR": str(home / "data"),
            "STUKKEN_CONFIG_DIR": str(home / "config"),
            # Tests only: a file keyring so separate processes have one at all.
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "USER": name,
            "LOGNAME": name,
            "QT_QPA_PLATFORM": "offscreen",
        }
    )
    env.pop("USERDOMAIN", None)
    return env


def lines(out: str, tag: str) -> list[list[str]]:
    return [ln.split(" ", 2)[1:] for ln in out.splitlines() if ln.startswith(tag + " ")]


def test_many_writers_one_reader_and_sigkill(tmp_path: Path, share_folder: Path) -> None:
    pytest.importorskip("desktop.export.docx_export")
    share = share_folder
    init_share(share)
    attachment = tmp_path / "Bijlage A.pdf"
    attachment.write_bytes(os.urandom(3_000_000))
    stop = tmp_path / "stop"
    rng = random.Random(int(os.environ.get("QUEUE_MP_SEED", time.time())))

    reader = subprocess.Popen(
        [sys.executable, str(WORKER), "read", str(share), str(stop)],
        env=env_for(tmp_path, "lezer"), stdout=subprocess.PIPE, text=True,
    )
    victims = set(rng.sample(range(WRITERS), KILLED))
    writers = []
    for w in range(WRITERS):
        env = env_for(tmp_path, f"schrijver{w}")
        # A victim cannot run out of work before its kill, however slow the reading side is.
        count = PER_WRITER * 20 if w in victims else PER_WRITER
        proc = subprocess.Popen(
            [sys.executable, str(WORKER), "write", str(share), str(w), str(count), str(attachment)],
            env=env, stdout=subprocess.PIPE, text=True,
        )
        writers.append((proc, env))
    collected: list[list[str]] = [[] for _ in writers]
    mid_copy = min(victims)

    def pump(w: int) -> None:
        """Collect a writer's lines; a victim is killed after a random number of successes."""
        proc = writers[w][0]
        target = rng.randint(5, PER_WRITER - 10) if w in victims else None
        assert proc.stdout is not None
        for line in proc.stdout:
            collected[w].append(line)
            if target is not None and line.startswith("OK ") and len(collected[w]) >= target:
                if w == mid_copy:
                    # Wait until it is copying into the share, then kill it there.
                    marker = f".{proc.pid}."
                    deadline = time.monotonic() + 30
                    while time.monotonic() < deadline and not any(
                        marker in n for n in os.listdir(share / "tmp")
                    ):
                        time.sleep(0.001)
                else:
                    time.sleep(rng.uniform(0, 0.08))  # anywhere inside the next submission
                proc.send_signal(signal.SIGKILL)
                target = None

    pumps = [threading.Thread(target=pump, args=(w,)) for w in range(WRITERS)]
    for t in pumps:
        t.start()
    for t in pumps:
        t.join(timeout=900)
    for proc, _ in writers:
        proc.wait(timeout=120)
    outputs = ["".join(c) for c in collected]
    stop.write_text("stop")
    reader_out, _ = reader.communicate(timeout=300)

    reported = [ok for out in outputs for ok in lines(out, "OK")]
    waited = [wait for out in outputs for wait in lines(out, "WAIT")]
    survivors = [w for w in range(WRITERS) if w not in victims]
    for w in survivors:
        assert writers[w][0].returncode == 0, outputs[w][-2000:]
        assert len(lines(outputs[w], "OK")) + len(lines(outputs[w], "WAIT")) == PER_WRITER
    for v in victims:
        assert writers[v][0].returncode == -signal.SIGKILL

    # The reader never saw a partial, malformed or unverifiable bundle.
    for tag in ("QUARANTINED", "PARTIAL", "BAD"):
        assert lines(reader_out, tag) == [], reader_out[-2000:]
    assert int(lines(reader_out, "ROUNDS")[0][0]) > 3

    def bundles() -> dict[str, str]:
        """onderwerp -> id of every bundle in the share."""
        found = Counter()
        ids = {}
        for folder in (share / "ingediend").iterdir():
            meta = json.loads((folder / "meta.json").read_bytes())
            found[meta["onderwerp"]] += 1
            ids[meta["onderwerp"]] = folder.name
        dupes = [k for k, n in found.items() if n > 1]
        assert dupes == [], f"submitted twice: {dupes}"
        return ids

    present = bundles()
    for key, sid in reported:
        assert present.get(f"Stuk {key}") == sid, f"reported {key} {sid} but not in the share"

    # Every writer starts again: what it staged (a killed one's, or one that waited) is
    # delivered, nothing twice.
    for _, env in writers:
        proc = subprocess.run(
            [sys.executable, str(WORKER), "deliver"], env=env,
            capture_output=True, text=True, timeout=300, check=True,
        )
        assert lines(proc.stdout, "STILL") == []
    after = bundles()
    for key, sid in waited:
        assert after.get(f"Stuk {key}") == sid, f"{key} {sid} waited but was not delivered"
    print(f"reported {len(reported)}, waited {len(waited)}, present after kill {len(present)}, after restart {len(after)}, "
          f"temporaries {len(list((share / 'tmp').iterdir()))}, reader rounds {lines(reader_out, 'ROUNDS')}")
    assert set(present) <= set(after)
    staged_anywhere = [
        p for _, env in writers for p in (Path(env["STUKKEN_DATA_DIR"]) / "uitbak").glob("*")
        if not p.name.startswith(".")
    ]
    assert staged_anywhere == []

    # Only the submitted bundles and cleanable temporaries remain.
    assert {p.name for p in share.iterdir()} <= {"ingediend", "tmp", "stukken-share.json"}
    leftovers = [p.name for p in (share / "tmp").iterdir()]
    assert all(TEMP_NAME.match(n) for n in leftovers), leftovers
    env = env_for(tmp_path, "opruimer")
    code = (
        "from desktop.share import LocalShare; from desktop.queue.reader import QueueReader; import sys;"
        "r = QueueReader(LocalShare(sys.argv[1]), temp_max_age_s=0, grace_s=0); l = r.list();"
        "print(len(l.entries), len(l.quarantined), sum(e['verificatie'] == 'mislukt' for e in l.entries))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(share)], env=env, cwd=str(WORKER.parents[2]),
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout.split()
    assert out == [str(len(after)), "0", "0"]
    assert list((share / "tmp").iterdir()) == []
