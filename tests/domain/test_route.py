"""The paraaf route as a pure computation: steps, order, working days, validity."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from desktop.domain import route as R
from desktop.domain.forms import load_forms
from desktop.domain.siteconfig import FormError

TL = "a" * 32
DIR = "b" * 32
FIN = "c" * 32
DEP = "d" * 32
OTHER = "e" * 32

SITE = f"""
[route]
aan = true
paraaftermijn = 2

[[routes]]
naam = "SB"
parafen = ["teamleider", "directeur"]

[[adviseurs]]
naam = "Financiën"
termijn = 5

[[adviseurs]]
naam = "Juridische Zaken"

[[routesleutels]]
naam = "T. Leider"
rol = "teamleider"
directie = "StadBeheer"
sleutel = "{':'.join(TL[i:i + 4] for i in range(0, 32, 4))}"

[[routesleutels]]
naam = "D. Recteur"
rol = "directeur"
directie = "StadBeheer"
sleutel = "{DIR}"

[[routesleutels]]
naam = "P. Vervanger"
rol = "directeur"
directie = "StadBeheer"
sleutel = "{DEP}"
vervangt = "D. Recteur"
van = "1-12-2026"
tot = "11-12-2026"

[[routesleutels]]
naam = "F. Inancien"
rol = "adviseur"
afdeling = "Financiën"
sleutel = "{FIN}"

[[feestdagen]]
naam = "Eerste Kerstdag"
datum = "25-12-2026"

[[feestdagen]]
naam = "Tweede Kerstdag"
datum = "2026-12-26"
"""


@pytest.fixture
def formset(tmp_path: Path):  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    site.mkdir()
    (site / "config.toml").write_text(SITE, "utf-8")
    return load_forms(site=site)


def values(**kw: object) -> dict[str, object]:
    base = {"directie": "StadBeheer", "financien": "Geen.", "classificatie": "Openbaar", "participatie": ""}
    base.update(kw)
    return base


def decision(soort: str, wie: str, key: str, digest: str, when: str = "2026-12-02T10:00", oordeel: str = "akkoord",
             naam: str = "X") -> R.Decision:
    return R.Decision("id-" + wie + when, soort, wie, wie, oordeel, "", digest, key, naam, datetime.fromisoformat(when))


def test_off_by_default_builtin_forms_need_no_route() -> None:
    fs = load_forms()
    assert fs.config.route.aan is False
    a4 = fs.forms["a4tje"]
    assert a4.route.vereist is False
    assert R.required_steps("a4tje", values(financien="€ 400.000"), a4.route, fs.config.route) == []


def test_steps_follow_the_directie_route_and_the_form_rules(formset) -> None:  # type: ignore[no-untyped-def]
    form = formset.forms["a4tje"]
    cfg = formset.config.route
    steps = R.required_steps("a4tje", values(), form.route, cfg)
    assert [s.label for s in steps] == ["paraaf teamleider", "paraaf directeur"]
    steps = R.required_steps("a4tje", values(financien="Een krediet van € 400.000.", classificatie="Geheim",
                                             participatie="Bewonersavond."), form.route, cfg)
    assert [s.label for s in steps] == ["paraaf teamleider", "paraaf directeur", "advies Financiën",
                                        "advies Juridische Zaken", "advies Communicatie"]
    assert steps[2].termijn == 5 and steps[0].termijn == 2
    # A directie without a configured route needs no parafen.
    assert R.required_steps("a4tje", values(directie="DIA"), form.route, cfg) == []


@pytest.mark.parametrize(("text", "amount"), [
    ("Geen.", False), ("€ 400.000", True), ("2 miljoen euro", True), ("12.500 EUR per jaar", True),
    ("Zie de begroting 2027.", False), ("Dekking uit post 3 van de begroting.", False),
])
def test_names_amount(text: str, amount: bool) -> None:
    assert R.names_amount(text) is amount


def test_working_days_skip_weekends_and_configured_holidays(formset) -> None:  # type: ignore[no-untyped-def]
    cfg = formset.config.route
    assert R.add_working_days(date(2026, 12, 18), 5, cfg.holidays) == date(2026, 12, 28)  # Fri -> Mon after Christmas
    assert R.add_working_days(date(2026, 12, 21), 5, cfg.holidays) == date(2026, 12, 29)
    assert R.add_working_days(date(2026, 12, 21), 5) == date(2026, 12, 28)


def test_content_hash_is_canonical_and_binds_attachments() -> None:
    h = R.content_hash("a4tje", 1, {"b": "2", "a": "é"}, [])
    import hashlib
    assert h == hashlib.sha256('{"form":"a4tje","form_version":1,"values":{"a":"é","b":"2"}}'.encode()).hexdigest()
    assert R.content_hash("a4tje", 1, {"a": "é", "b": "2"}, []) == h
    assert R.content_hash("a4tje", 1, {"a": "é", "b": "3"}, []) != h
    assert R.content_hash("a4tje", 2, {"a": "é", "b": "2"}, []) != h
    att = hashlib.sha256(b"bijlage").hexdigest()
    assert R.content_hash("a4tje", 1, {"a": "é", "b": "2"}, [att]) != h


def test_evaluate_valid_route_then_a_change_invalidates_it(formset) -> None:  # type: ignore[no-untyped-def]
    cfg = formset.config.route
    steps = R.required_steps("a4tje", values(financien="€ 5.000"), formset.forms["a4tje"].route, cfg)
    digest = "1" * 64
    ds = [decision("paraaf", "teamleider", TL, digest, "2026-12-02T09:00", naam="T. Leider"),
          decision("paraaf", "directeur", DIR, digest, "2026-12-02T10:00", naam="D. Recteur"),
          decision("advies", "Financiën", FIN, digest, oordeel="positief met opmerkingen", naam="F. Inancien")]
    st = R.evaluate(steps, ds, digest, cfg, {"advies:Financiën": date(2026, 12, 1)}, today=date(2026, 12, 3))
    assert [s.state for s in st] == [R.DONE, R.DONE, R.DONE]
    assert st[2].due == date(2026, 12, 8)
    assert R.gate_reason(st) == ""
    assert "advies Financiën: positief met opmerkingen (F. Inancien)" in R.summary(st)
    changed = R.evaluate(steps, ds, "2" * 64, cfg)
    assert all(s.state != R.DONE for s in changed)
    assert "andere inhoud" in changed[0].rejected[0]
    reason = R.gate_reason(changed)
    assert reason.startswith("Dit stuk heeft eerst een volledige route nodig") and "paraaf teamleider ontbreekt" in reason


def test_unlisted_key_wrong_role_and_order_do_not_count(formset) -> None:  # type: ignore[no-untyped-def]
    cfg = formset.config.route
    steps = R.required_steps("a4tje", values(), formset.forms["a4tje"].route, cfg)
    digest = "1" * 64
    st = R.evaluate(steps, [decision("paraaf", "teamleider", OTHER, digest, naam="Mallory")], digest, cfg)
    assert st[0].state == R.OPEN and "staat niet op de lijst" in st[0].rejected[0]
    # The teamleider's key cannot sign as directeur.
    st = R.evaluate(steps, [decision("paraaf", "teamleider", TL, digest),
                            decision("paraaf", "directeur", TL, digest, "2026-12-03T09:00")], digest, cfg)
    assert st[0].state == R.DONE and st[1].state == R.OPEN
    # The directeur before the teamleider: out of order.
    st = R.evaluate(steps, [decision("paraaf", "teamleider", TL, digest, "2026-12-03T09:00"),
                            decision("paraaf", "directeur", DIR, digest, "2026-12-02T09:00")], digest, cfg)
    assert st[1].state == R.OPEN and "vóór de vorige paraaf" in st[1].rejected[0]
    # Not agreed blocks the gate with its reason.
    refused = decision("paraaf", "teamleider", TL, digest, oordeel="niet akkoord")
    st = R.evaluate(steps, [refused], digest, cfg)
    assert st[0].state == R.REFUSED and st[1].state == R.WAITS
    assert "niet akkoord" in R.gate_reason(st)


def window(earliest: str, latest: str) -> R.Window:
    return R.Window(datetime.fromisoformat(earliest), datetime.fromisoformat(latest))


def paraaf_route(formset):  # type: ignore[no-untyped-def]
    """The configuration, the steps of a stuk of StadBeheer, a content hash and the teamleider's paraaf."""
    cfg = formset.config.route
    digest = "1" * 64
    return (cfg, R.required_steps("a4tje", values(), formset.forms["a4tje"].route, cfg), digest,
            decision("paraaf", "teamleider", TL, digest, "2026-12-02T09:00"))


def test_deputy_counts_only_in_the_mandate_period_and_says_so(formset) -> None:  # type: ignore[no-untyped-def]
    cfg, steps, digest, tl = paraaf_route(formset)
    dep = decision("paraaf", "directeur", DEP, digest, "2026-12-04T09:00", naam="P. Vervanger")
    st = R.evaluate(steps, [tl, dep], digest, cfg, windows={dep.id: window("2026-12-03T08:00", "2026-12-04T10:00")})
    assert st[1].state == R.DONE
    assert st[1].signer is not None and st[1].signer.mandaat == "plaatsvervanger van D. Recteur (mandaat 1-12-2026 t/m 11-12-2026)"
    assert "P. Vervanger namens D. Recteur" in R.summary(st)[1] and "mandaat" in R.summary(st)[1]
    assert st[1].to_json()["namens"] == "D. Recteur"
    late = decision("paraaf", "directeur", DEP, digest, "2026-12-14T09:00")
    st = R.evaluate(steps, [tl, late], digest, cfg, windows={late.id: window("2026-12-13T08:00", "2026-12-14T10:00")})
    assert st[1].state == R.OPEN and "geen mandaat" in st[1].rejected[0]


def test_a_deputy_cannot_backdate_past_the_end_of_the_mandate(formset) -> None:  # type: ignore[no-untyped-def]
    """The deputy's clock is not believed: the request's time and the verifier's first sight bound it."""
    cfg, steps, digest, tl = paraaf_route(formset)
    # The mandate ended on 11-12; on 12-12 the deputy signs and claims 10-12.
    forged = decision("paraaf", "directeur", DEP, digest, "2026-12-10T09:00", naam="P. Vervanger")

    def outcome(win: R.Window | None) -> R.StepStatus:
        return R.evaluate(steps, [tl, forged], digest, cfg, windows={forged.id: win} if win else {})[1]

    # Requested on 12-12: the claimed moment lies before the request.
    st = outcome(window("2026-12-12T08:00", "2026-12-12T09:00"))
    assert st.state == R.OPEN and "vóór het verzoek van 12-12-2026" in st.rejected[0]
    # Requested on 9-12, first seen on 12-12: the claim fits, but the mandate does not cover the window.
    st = outcome(window("2026-12-09T08:00", "2026-12-12T09:00"))
    assert st.state == R.OPEN and "dekt die hele periode niet" in st.rejected[0]
    # A moment after the verifier first saw it cannot be true either.
    st = outcome(window("2026-12-01T08:00", "2026-12-05T09:00"))
    assert st.state == R.OPEN and "na de ontvangst op 5-12-2026" in st.rejected[0]
    # No bounds known: a period-bound signer does not count (never open by default).
    st = outcome(None)
    assert st.state == R.OPEN and "niet vast te stellen wanneer" in st.rejected[0]
    # Within the mandate and the window: counts. A little clock skew is tolerated.
    st = outcome(window("2026-12-10T09:05", "2026-12-10T12:00"))
    assert st.state == R.DONE and st.signer is not None and st.signer.vervangt == "D. Recteur"
    # Listed signers without a period are not bound by a window.
    plain = decision("paraaf", "directeur", DIR, digest, "2030-01-01T09:00", naam="D. Recteur")
    assert R.evaluate(steps, [tl, plain], digest, cfg)[1].state == R.DONE


def test_late_step(formset) -> None:  # type: ignore[no-untyped-def]
    cfg = formset.config.route
    steps = R.required_steps("a4tje", values(financien="€ 1 miljoen"), formset.forms["a4tje"].route, cfg)
    st = R.evaluate(steps, [], "1" * 64, cfg, {"advies:Financiën": date(2026, 12, 1)}, today=date(2026, 12, 9))
    assert st[2].late and not R.evaluate(steps, [], "1" * 64, cfg, {"advies:Financiën": date(2026, 12, 1)},
                                         today=date(2026, 12, 8))[2].late


@pytest.mark.parametrize(("snippet", "message"), [
    ('[route]\naan = "ja"\n', "aan moet true of false"),
    ('[[routesleutels]]\nnaam = "X"\nrol = "baas"\ndirectie = "SB"\nsleutel = "' + TL + '"\n', "'rol'"),
    ('[[routesleutels]]\nnaam = "X"\nrol = "adviseur"\nafdeling = "Onbekend"\nsleutel = "' + TL + '"\n',
     "staat niet in [[adviseurs]]"),
    ('[[routesleutels]]\nnaam = "X"\nrol = "directeur"\ndirectie = "SB"\nsleutel = "kort"\n', "sleutel-id"),
    ('[[feestdagen]]\nnaam = "X"\ndatum = "31-2-2026"\n', "bestaat niet"),
])
def test_bad_site_route_config_is_a_dutch_error(tmp_path: Path, snippet: str, message: str) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "config.toml").write_text(snippet, "utf-8")
    with pytest.raises(FormError, match="configuratiebestand") as exc:
        load_forms(site=site)
    assert message in str(exc.value)


def test_bad_form_route_is_a_dutch_error(tmp_path: Path, repo: Path) -> None:
    site = tmp_path / "site"
    (site / "forms").mkdir(parents=True)
    text = (repo / "forms" / "a4tje.toml").read_text("utf-8").replace('veld = "financien"', 'veld = "geld"')
    (site / "forms" / "a4tje.toml").write_text(text, "utf-8")
    with pytest.raises(FormError, match="onbekend veld 'geld'"):
        load_forms(site=site)


def test_remarks_stay_at_their_text_and_carry_over_a_change() -> None:
    text = "Het krediet van € 400.000 dekken we uit de reserve."
    at = text.index("€")
    remark = {"veld": "financien", "begin": at, "eind": at + 9, "citaat": "€ 400.000", "tekst": "Welk jaar?",
              "naam": "D. Recteur", "stap": "paraaf directeur"}
    [f] = R.remark_findings([remark], {"financien": text})
    assert f.span == (at, at + 9) and f.rule == R.REMARK_RULE and not f.is_error
    assert f.message == "Opmerking van D. Recteur (paraaf directeur): Welk jaar?"
    moved = "Vanaf 2027: het krediet van € 400.000 dekken we uit de reserve."
    [f] = R.remark_findings([remark], {"financien": moved})
    assert moved[f.span[0]:f.span[1]] == "€ 400.000"  # type: ignore[index]
    [f] = R.remark_findings([remark], {"financien": "Geen."})
    assert f.span is None and f.field == "financien"
