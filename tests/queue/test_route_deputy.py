"""A plaatsvervanger's mandate against clocks the verifier trusts, with real processes and keyrings.

A deputy whose mandate ended yesterday signs anyway, with a timestamp inside the mandate: the
request's signed time and the moment the steller first saw the decision show it is not true.
A deputy within the mandate counts, "namens" the one replaced, at the steller and at the
secretariat.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from tests.queue.test_route_processes import REPO, Person, make_world, request, steps

DEPUTIES = """
[[routesleutels]]
naam = "P. Vervanger"
rol = "directeur"
directie = "StadBeheer"
sleutel = "{vervanger}"
vervangt = "D. Recteur"
van = "{ended_from}"
tot = "{ended_to}"

[[routesleutels]]
naam = "Q. Invaller"
rol = "directeur"
directie = "StadBeheer"
sleutel = "{invaller}"
vervangt = "D. Recteur"
van = "{now_from}"
tot = "{now_to}"
"""

# The deputy's own tampered application: a paraaf signed with their real key, any timestamp.
FORGE = """
import json, sys, uuid
from pathlib import Path
from desktop.domain.forms import default_formset
from desktop.queue import protocol as P
from desktop.queue.keys import load_identity
from desktop.queue.route_decide import find_request

share, prefix, when = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
req = find_request(default_formset(), share, prefix)
me = load_identity()
doc = {"format": "stukken-routebesluit", "version": P.FORMAT_VERSION, "id": str(uuid.uuid4()), "verzoek": req.id,
       "soort": "paraaf", "wie": "directeur", "eenheid": "StadBeheer", "oordeel": "akkoord", "tekst": "",
       "opmerkingen": [], "content_hash": req.meta["content_hash"], "naam": "P. Vervanger",
       "mandaat": "plaatsvervanger van D. Recteur", "os_account": me.account, "getekend": when}
folder = share / "route" / "besluiten" / req.id
folder.mkdir(parents=True, exist_ok=True)
(folder / (doc["id"] + ".json")).write_text(json.dumps(P.sign_document(doc, me.sign, me.public_raw)), "utf-8")
"""


def d(day: date) -> str:
    return f"{day.day}-{day.month}-{day.year}"


def test_an_ended_mandate_cannot_be_backdated_and_a_current_one_counts_namens(tmp_path: Path) -> None:
    (tmp_path / "share").mkdir()
    world = make_world(tmp_path, tmp_path / "share")
    p, draft, site, share = world["people"], world["draft"], world["site"], world["share"]
    vervanger, invaller = (Person(tmp_path, n, share, site) for n in ("vervanger", "invaller"))
    today = date.today()
    with (site / "config.toml").open("a", encoding="utf-8") as fh:
        fh.write(DEPUTIES.format(vervanger=vervanger.key_id(), invaller=invaller.key_id(),
                                 ended_from=d(today - timedelta(days=10)), ended_to=d(today - timedelta(days=1)),
                                 now_from=d(today - timedelta(days=1)), now_to=d(today + timedelta(days=10))))
    rid = request(p["steller"], draft, "T. Leider")
    p["teamleider"].run("route", "sign", rid[:8], "akkoord")
    rid2 = request(p["steller"], draft, "D. Recteur")

    # The mandate ended yesterday: the application refuses to sign ...
    refused = vervanger.run("route", "sign", rid2[:8], "akkoord", code=2)
    assert "vandaag niet op de lijst" in refused.stderr
    # ... so the deputy signs by hand, claiming a moment two days ago, inside the mandate.
    claimed = (datetime.now(UTC) - timedelta(days=2)).isoformat(timespec="seconds")
    subprocess.run([sys.executable, "-c", FORGE, str(share), rid2[:8], claimed], env=vervanger.env, cwd=REPO,
                   check=True, capture_output=True, timeout=120)
    st = steps(p["steller"], draft, 1)
    assert st["paraaf directeur"]["status"] != "gedaan"
    assert any("P. Vervanger" in r and "vóór het verzoek" in r for r in st["paraaf directeur"]["afgewezen"]), st

    # A deputy within the mandate: counts, and says for whom.
    invaller.run("route", "sign", rid2[:8], "akkoord")
    st = steps(p["steller"], draft, 1)
    assert st["paraaf directeur"]["status"] == "gedaan" and st["paraaf directeur"]["door"] == "Q. Invaller"
    assert st["paraaf directeur"]["namens"] == "D. Recteur"
    assert "Q. Invaller namens D. Recteur" in p["steller"].run("route", "status", str(draft), code=1).stdout
    rid3 = request(p["steller"], draft, "Financiën")
    p["financien"].run("route", "advise", rid3[:8], "positief", "--tekst", "Gedekt.")
    assert steps(p["steller"], draft, 0)["_"]["compleet"] is True

    # The secretariat checks again: the request's signed time to its own first sight of the submission.
    assert "Het stuk is ingediend." in p["steller"].run("submit", str(draft), "--no-layout").stdout
    out = p["secretaris"].run("meeting", "inbox").stdout
    assert "route volledig, geverifieerd" in out, out
    assert "geparafeerd door Q. Invaller namens D. Recteur" in out and "P. Vervanger" not in out
