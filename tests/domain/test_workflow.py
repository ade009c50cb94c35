"""The workflow model: one home for the state words, transitions with actors, protocol 1."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from desktop.domain import workflow as wf

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
# The only places that may spell a state word: the model itself, the share's protocol
# (folder names such as ingediend/ and ingetrokken/ are part of the on-disk format) and the
# migrations (frozen history).
EXEMPT = {DESKTOP / "domain" / "workflow.py", DESKTOP / "queue" / "protocol.py"}
EXEMPT_DIRS = {DESKTOP / "storage" / "migrations"}
# The same letters that are no state: (module, word) pairs, each with its reason.
NOT_A_STATE = {
    # A finite verb form in the besluit rule's word list ("de raad heeft besloten").
    (DESKTOP / "domain" / "verbs.py", "besloten"),
}
_SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES)\b")


def _state_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    # A key of a dict display is a field name of a JSON document ("ingediend": the time it
    # was delivered), not a state.
    keys = {id(k) for node in ast.walk(tree) if isinstance(node, ast.Dict) for k in node.keys if k is not None}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings | keys:
            if node.value in wf.ALL_WORDS:
                found.append((node.lineno, node.value))
            # A state word inside SQL text, quoted as an SQL literal.
            if _SQL.search(node.value):
                found += [(node.lineno, w) for w in wf.ALL_WORDS if f"'{w}'" in node.value]
    return found


def test_no_module_spells_a_state_word() -> None:
    offenders = []
    for path in sorted(DESKTOP.rglob("*.py")):
        if path in EXEMPT or any(d in path.parents for d in EXEMPT_DIRS):
            continue
        offenders += [
            f"{path.relative_to(DESKTOP.parent)}:{line}: {word!r}"
            for line, word in _state_literals(path)
            if (path, word) not in NOT_A_STATE
        ]
    assert offenders == [], "use the constants of desktop.domain.workflow:\n" + "\n".join(offenders)


def test_the_scan_finds_a_bare_state_word(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Doc: ingediend."""\nX = "aangehouden"\nSQL = "UPDATE d SET status = \'concept\'"\nY = "geen"\nZ = {"ingediend": 1}\n')
    assert sorted(_state_literals(sample)) == [(2, "aangehouden"), (3, "concept")]


def test_every_state_has_a_label_and_an_explanation() -> None:
    assert len(wf.STATES) == 14 == len(set(wf.STATES))
    for state in wf.STATES:
        assert wf.label(state)[0].isupper() and wf.explanation(state).endswith(".")
    assert wf.label(wf.IN_DE_UITBAK) == "In de uitbak"


def test_transitions_name_who_may_cause_them() -> None:
    assert wf.allowed(wf.INGEDIEND, wf.AANVAARD, wf.SECRETARIAAT)
    assert not wf.allowed(wf.INGEDIEND, wf.AANVAARD, wf.STELLER)
    assert wf.allowed(wf.AANVAARD, wf.INGETROKKEN, wf.STELLER)
    assert not wf.allowed(wf.GEAGENDEERD, wf.INGETROKKEN, wf.STELLER)  # once placed: no withdrawal
    assert wf.allowed(wf.TER_PARAFERING, wf.GEREED, wf.PARAFEERDER)
    assert wf.allowed(wf.TER_ADVISERING, wf.GEREED, wf.ADVISEUR)
    for (old, new), who in wf.TRANSITIONS.items():
        assert old in wf.STATES and new in wf.STATES and who and who <= set(wf.ACTORS)
        assert old not in wf.FINAL
    # Every state can be reached (concept again after a paraaf or advies); every
    # non-final state can be left.
    assert {new for _, new in wf.TRANSITIONS} == set(wf.STATES)
    assert {s for s in wf.STATES if not wf.next_states(s)} == set(wf.FINAL)


def test_protocol_v1_words_map_onto_the_model() -> None:
    assert wf.from_protocol_v1("ingediend", {"registratienummer": "BD 12.0000001"}) == wf.AANVAARD
    assert wf.from_protocol_v1("besloten", {"outcome": "conform"}) == wf.BESLOTEN
    assert wf.from_protocol_v1("besloten", {"outcome": "aangehouden"}) == wf.AANGEHOUDEN
    assert wf.from_protocol_v1("vervangen") == wf.VERVANGEN
    assert wf.from_protocol_v1("onzin") is None and wf.from_protocol_v1(None) is None
    for word in wf.PROTOCOL_V1_WORDS:
        state = wf.from_protocol_v1(word)
        assert state is not None and wf.to_protocol_v1(state) == word
    assert wf.to_protocol_v1(wf.AANGEHOUDEN) == "besloten"
