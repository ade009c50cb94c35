"""The route configuration while the site folder is out of reach: the copy serves, the gate holds.

Real processes, one keyring per person, a real site folder that is renamed away
(``tests/queue/test_route_processes.py`` builds the world).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.queue.test_route_processes import make_world, request, steps


def test_the_copy_of_the_site_configuration_serves_offline_and_without_it_the_gate_stays_closed(
    tmp_path: Path,
) -> None:
    (tmp_path / "share").mkdir()
    world = make_world(tmp_path, tmp_path / "share")
    p, draft, site = world["people"], world["draft"], world["site"]
    rid = request(p["steller"], draft, "T. Leider")  # both read the site folder once
    assert [r["id"] for r in p["teamleider"].json("route", "inbox")["verzoeken"]] == [rid]

    site.rename(site.with_name("site-weg"))  # IT's folder is out of reach for everyone
    # The teamleider is still listed (the copy), so the paraaf is signed and counts.
    p["teamleider"].run("route", "sign", rid[:8], "akkoord")
    st = steps(p["steller"], draft, 1)
    assert [k for k in st if k != "_"] == ["paraaf teamleider", "paraaf directeur", "advies Financiën"]
    assert st["paraaf teamleider"]["status"] == "gedaan" and st["paraaf directeur"]["status"] != "gedaan"
    assert "laatst gelezen routeconfiguratie" in st["_"]["melding"]
    refused = p["steller"].run("submit", str(draft), "--no-layout", code=1)
    assert "paraaf directeur ontbreekt" in refused.stderr  # the form from the copy still requires the route

    # Mallory never read the site folder: no copy, so nothing is known, and the gate stays closed.
    refused = p["mallory"].run("submit", str(draft), "--no-layout", code=1)
    assert "sitemap is niet bereikbaar" in refused.stderr and "geen kopie" in refused.stderr, refused.stderr
    # The steller loses the copy as well: the same.
    shutil.rmtree(Path(p["steller"].env["STUKKEN_DATA_DIR"]) / "sitemap-kopie")
    st = p["steller"].json("route", "status", str(draft), code=1)
    assert st["compleet"] is False and "niet vast te stellen" in st["reden"]
    assert "sitemap is niet bereikbaar" in p["steller"].run("route", "status", str(draft), code=1).stdout
    assert "Het stuk is ingediend" not in p["steller"].run("submit", str(draft), "--no-layout", code=1).stdout
    refused = p["steller"].run("route", "request", str(draft), "--aan", "D. Recteur", code=2)
    assert "nog geen kopie van de routeconfiguratie" in refused.stderr

    site.with_name("site-weg").rename(site)  # back: read again, and the copy is made again
    st = steps(p["steller"], draft, 1)
    assert st["paraaf teamleider"]["status"] == "gedaan" and st["_"]["melding"] == ""
    assert (Path(p["steller"].env["STUKKEN_DATA_DIR"]) / "sitemap-kopie" / "forms" / "a4tje.toml").is_file()


def test_a_form_that_requires_a_route_while_routes_are_off_keeps_the_gate_closed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.config.site_cache import copy_dir
    from desktop.domain import forms
    from desktop.domain.draft import Draft
    from desktop.queue.route_decide import verify_carried
    from desktop.queue.route_service import RouteRefused, gate

    repo = Path(__file__).resolve().parents[2]
    site = tmp_path / "site"
    (site / "forms").mkdir(parents=True)
    text = (repo / "forms" / "a4tje.toml").read_text("utf-8").replace("vereist = false", "vereist = true", 1)
    (site / "forms" / "a4tje.toml").write_text(text, "utf-8")
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(site))
    formset = forms.load_forms()
    data: dict[str, Any] = json.loads((repo / "tests" / "fixtures" / "a4tje_full.json").read_text("utf-8"))
    data["values"]["bijlagen"] = []
    with pytest.raises(RouteRefused, match="staat op deze locatie niet aan"):
        gate(Draft.from_json(data), formset=formset, queue_dir=None, draft_key="k")
    # A secretary whose application never read the site folder: no carried route is complete.
    monkeypatch.setenv("STUKKEN_SITE_DIR", str(tmp_path / "nooit-gezien"))
    assert forms.load_forms().config.source == "kopie"  # the folder read above, kept on this computer
    shutil.rmtree(copy_dir())
    unknown = forms.load_forms()
    assert unknown.config.source == "onbereikbaar"
    check = verify_carried({"draft": data, "bijlagen": [], "route": []}, unknown)
    assert check["vereist"] is True and check["compleet"] is False and "niet bereikbaar" in check["problemen"][0]
    # The built-in form needs no route: the embedded default still submits without set-up.
    monkeypatch.delenv("STUKKEN_SITE_DIR")
    assert gate(Draft.from_json(data), formset=forms.load_forms(), queue_dir=None, draft_key="k") == []
    assert verify_carried({"draft": data, "bijlagen": [], "route": []}, forms.load_forms())["vereist"] is False
