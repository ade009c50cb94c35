"""The remaining `meeting` steps through real processes: return, remove, order options, texts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.secretariat.conftest import a4tje, person_env, run_main

DAY = "2030-10-06"


def ok(r: Any) -> str:
    assert r.returncode == 0, f"{r.args}\n{r.stdout}\n{r.stderr}"
    return str(r.stdout)


def test_cli_steps(queue: Path, submit: Any, sec: Any, tmp_path: Path) -> None:
    a = submit(a4tje("Plan A", port="Wethouder Pastoor"))
    b = submit(a4tje("Plan B", port="Wethouder Visscher"))
    c = submit(a4tje("Plan C", port="Wethouder Dekker"))
    env = person_env(tmp_path, "anna", queue)
    ok(run_main(env, "meeting", "keys", "--nieuw"))
    text = ok(run_main(env, "meeting", "inbox"))
    assert "Plan A" in text and "nieuwe sleutel" in text
    for sid in (a, b):
        ok(run_main(env, "meeting", "accept", sid[:8]))  # a unique prefix will do
    assert "Teruggestuurd" in ok(run_main(env, "meeting", "return", c, "--reden", "Graag korter."))
    assert "teruggestuurd; " in ok(run_main(env, "meeting", "inbox"))
    r = run_main(env, "meeting", "create", "31-9-2030")
    assert r.returncode == 2 and "'31-9-2030' bestaat niet als datum." in r.stderr
    ok(run_main(env, "meeting", "create", "6-10-2030", "--sluiting", "1-10-2030 12:00"))  # Dutch dates
    ok(run_main(env, "meeting", "place", "06-10-2030", a))
    ok(run_main(env, "meeting", "place", DAY, b))
    text = ok(run_main(env, "meeting", "order", DAY, "--verplaats", a, "1"))
    assert text.splitlines()[0].startswith("  1.") and "Pastoor" in text.splitlines()[0]
    ok(run_main(env, "meeting", "order", DAY, "--soort", a, "bespreekstuk"))
    shown = json.loads(ok(run_main(env, "meeting", "show", DAY, "--json")))
    assert [(i["nr"], i["behandeling"]) for i in shown["agenda"]] == [(1, "bespreekstuk"), (2, "hamerstuk")]
    ok(run_main(env, "meeting", "order", DAY))
    shown = json.loads(ok(run_main(env, "meeting", "show", DAY, "--json")))
    assert [i["inzending"] for i in shown["agenda"]] == [b, a]
    assert "Van de agenda" in ok(run_main(env, "meeting", "remove", DAY, b))
    listed = json.loads(ok(run_main(env, "meeting", "list", "--json")))
    assert listed == [{"datum": DAY, "status": "concept", "sluiting": "2030-10-01T12:00", "punten": 1,
                       "versie": listed[0]["versie"]}]
    log = ok(run_main(env, "meeting", "log", b))
    assert "aanvaard" in log and "geagendeerd" in log and "van_agenda" in log and "door" in log
    figures = json.loads(ok(run_main(env, "meeting", "cijfers", "--json")))
    assert figures["proces"]["aanvaard"] == 2 and figures["proces"]["teruggestuurd"] == 1  # this meetmoment
    assert "Teruggestuurd: 1 (33%)" in ok(run_main(env, "meeting", "cijfers"))
    r = run_main(env, "meeting", "decide", DAY, a, "conform")
    assert r.returncode == 1 and "concept" in r.stderr
    r = run_main(env, "meeting", "order", DAY, "--verplaats", a, "vijf")
    assert r.returncode == 2 and "getal" in r.stderr
