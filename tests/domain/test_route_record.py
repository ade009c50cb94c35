"""The record of a verified route and its Dutch lines (besluitenlijst, archive version)."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.domain import route_record as RR

AT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def step(soort: str, wie: str, door: str | None = None, oordeel: str | None = None, **extra: str) -> dict[str, object]:
    return {"stap": f"{soort} {wie}", "soort": soort, "wie": wie, "door": door, "oordeel": oordeel,
            "getekend": extra.pop("getekend", "2026-11-27T16:05:00+01:00" if door else None),
            "tekst": "Het stuk citeert vertrouwelijke tekst.", "opmerkingen": [{"citaat": "geheim"}], **extra}


def test_lines_name_who_in_which_role_for_whom_and_when() -> None:
    verified = {"compleet": True, "stappen": [
        step("paraaf", "teamleider", "A. de Vries", "akkoord"),
        step("paraaf", "directeur", "B. Bos", "akkoord met opmerkingen", namens="C. Dijkstra",
             periode="1-11-2026 t/m 31-12-2026", getekend="2026-11-30T08:00:00+01:00"),
        step("advies", "Financiën", "F. Jansen", "positief met opmerkingen"),
        step("advies", "Juridische Zaken", "J. Zwart", "negatief", namens="K. Wit", periode="1-1-2026 t/m …"),
    ]}
    record = RR.from_verified(verified, AT)
    assert record is not None and record["compleet"] is True and record["geverifieerd"] == "2026-12-01T09:30:00+00:00"
    # Never the advice text or the remarks: they may quote a confidential stuk.
    assert "citeert" not in str(record) and "geheim" not in str(record)
    assert RR.lines(record) == [
        "Geparafeerd door: teamleider A. de Vries (27-11-2026), directeur B. Bos namens C. Dijkstra "
        "(akkoord met opmerkingen, plaatsvervanger, mandaat 1-11-2026 t/m 31-12-2026; 30-11-2026)",
        "Advies Financiën: positief met opmerkingen (F. Jansen, 27-11-2026)",
        "Advies Juridische Zaken: negatief (J. Zwart namens K. Wit, plaatsvervanger, mandaat 1-1-2026 t/m …; "
        "27-11-2026)",
    ]


def test_missing_and_refused_steps_say_so() -> None:
    verified = {"compleet": False, "stappen": [
        step("paraaf", "teamleider", "A. de Vries", "niet akkoord"),
        step("paraaf", "directeur"),
        step("advies", "Financiën"),
    ]}
    assert RR.lines(RR.from_verified(verified, AT)) == [
        "Paraaf teamleider: niet akkoord (A. de Vries, 27-11-2026)",
        "Paraaf directeur: ontbreekt",
        "Advies Financiën: ontbreekt",
    ]


def test_no_route_records_and_prints_nothing() -> None:
    assert RR.from_verified(None, AT) is None
    assert RR.from_verified({"compleet": True, "regels": [], "stappen": []}, AT) is None
    assert RR.lines(None) == [] and RR.lines({"stappen": "x"}) == [] and RR.lines([1, 2]) == []


def test_a_damaged_record_is_read_with_the_right_types() -> None:
    record = RR.cleaned({"compleet": "ja", "stappen": [
        {"soort": "paraaf", "wie": "teamleider", "naam": 7, "oordeel": "akkoord", "getekend": "gisteren"},
        {"soort": "onzin", "wie": "x"}, "geen object",
    ]})
    assert record is not None and record["compleet"] is False and len(record["stappen"]) == 1
    assert record["stappen"][0]["naam"] == ""
    assert RR.lines(record) == ["Paraaf teamleider: ontbreekt"]  # a verdict without a name counts for nothing
