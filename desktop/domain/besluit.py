"""The voorgesteld besluit: intro line, roman numbering and the te-infinitive analysis.

A besluit point is a proposal, so it is written as a te-infinitive clause
("de nota ... vast te stellen;"), never as a statement with a finite verb
("Het college stelt ... vast.") or a noun ("vaststelling van ..."). The analysis
is a heuristic over words, linear in the length of the point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

INTRO = {"collegevoorstel": "Het college besluit:", "raadsvoorstel": "De raad besluit:"}

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

# Particles of separable verbs: "vaststellen" -> "vast te stellen".
_PARTICLES = (
    "beschikbaar", "kennis", "vast", "over", "door", "terug", "voor", "mee", "aan",
    "toe", "uit", "bij", "in", "op", "af", "na",
)
_INSEPARABLE = frozenset(
    {"overwegen", "overschrijden", "voorkomen", "doorlopen", "overtreden", "voorzien",
     "aanvaarden", "overbruggen", "doorgronden", "overhandigen"}
)
# Auxiliaries of the passive voice and of finite statements.
_PASSIVE = frozenset({"wordt", "worden", "werd", "werden"})
_ARTICLES = frozenset({"de", "het", "een", "deze", "dit", "die", "dat"})
_SUBJECTS = frozenset({"college", "raad", "wij", "ik", "burgemeester", "wethouder", "gemeente"})
# Short infinitives that do not end in "-en".
_SHORT_INFINITIVES = frozenset({"gaan", "staan", "slaan", "doen", "zien", "zijn", "toezien"})
# Words in "-en" that are not infinitives, often found at the end of a point.
_NOT_INFINITIVES = frozenset(
    {"ten", "tegen", "boven", "beneden", "binnen", "buiten", "open", "even", "samen",
     "alleen", "geen", "een", "heen", "uren", "zaken", "kosten", "middelen", "plannen",
     "regelingen", "bewoners", "woningen", "jaren", "gemeenten", "financien", "financiën"}
)


def intro_line(soort: str) -> str:
    """'Het college besluit:' or 'De raad besluit:' for the soort voorstel."""
    return INTRO.get(soort, INTRO["collegevoorstel"])


def roman(n: int) -> str:
    """Roman numeral of a positive integer: 1 -> 'I', 4 -> 'IV'."""
    if n < 1:
        raise ValueError(f"roman numeral of {n}")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def point_label(index: int) -> str:
    """The label of point ``index`` (0-based): 'I.', 'II.', ..."""
    return f"{roman(index + 1)}."


def numbered_points(points: list[str]) -> list[str]:
    """The points as printed: 'I. de nota ... vast te stellen;'."""
    return [f"{point_label(i)} {p.strip()}" for i, p in enumerate(points)]


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one point; ``span`` in Python indices into the point's text."""

    # "leeg", "einde", "geen_te", "lijdend", "persoonsvorm", "zelfstandig", "herhaling",
    # "geen_infinitief"
    kind: str
    message: str
    span: tuple[int, int]


def _is_infinitive(word: str) -> bool:
    w = word.lower()
    if w in _SHORT_INFINITIVES:
        return True
    return len(w) > 3 and w.endswith("en") and w not in _NOT_INFINITIVES


def has_te_infinitive(words: list[re.Match[str]]) -> bool:
    return any(
        w.group().lower() == "te" and i + 1 < len(words) and _is_infinitive(words[i + 1].group())
        for i, w in enumerate(words)
    )


def _split_particle(verb: str) -> str | None:
    """'vaststellen' -> 'vast te stellen' (None when no known particle fits)."""
    low = verb.lower()
    if low in _INSEPARABLE or (low.startswith("in") and low.endswith("eren")):
        return None  # informeren, investeren: not separable
    for particle in _PARTICLES:
        rest = low[len(particle):]
        if low.startswith(particle) and _is_infinitive(rest) and len(rest) >= 4:
            return f"{verb[:len(particle)]} te {verb[len(particle):]}"
    return None


def _clause_problem(text: str, words: list[re.Match[str]]) -> Problem | None:
    head = [w.group().lower() for w in words[:3]]
    if head[:3] in (["het", "college", "besluit"], ["de", "raad", "besluit"]):
        return Problem(
            "herhaling",
            f"'{text[words[0].start():words[2].end()]}' staat al boven de beslispunten; "
            "begin het punt met wat er besloten wordt, zoals 'de nota vast te stellen'.",
            (words[0].start(), words[2].end()),
        )
    if has_te_infinitive(words):
        return None
    lowered = [w.group().lower() for w in words]
    for i, w in enumerate(lowered):
        if w in _PASSIVE:
            end = words[i + 1].end() if i + 1 < len(words) else words[i].end()
            return Problem(
                "lijdend",
                f"'{text[words[i].start():end]}' is een lijdende vorm; schrijf een voorstel met "
                "een te-infinitief, zoals 'de begroting vast te stellen'.",
                (words[i].start(), end),
            )
    last = words[-1]
    if _is_infinitive(last.group()):
        split = _split_particle(last.group())
        hint = f"'{split}'" if split else f"'te {last.group()}'"
        return Problem(
            "geen_te",
            f"Het woord 'te' ontbreekt: schrijf bijvoorbeeld {hint}.",
            (last.start(), last.end()),
        )
    head = lowered[:3]
    subject = next((i for i, w in enumerate(head) if w in _SUBJECTS), None)
    if subject is not None and subject + 1 < len(words) and lowered[subject + 1] not in _ARTICLES:
        verb = words[subject + 1]
        return Problem(
            "persoonsvorm",
            f"'{verb.group()}' is een persoonsvorm: dit is een mededeling, geen voorstel. "
            "Schrijf een te-infinitief, zoals 'de nota vast te stellen'.",
            (words[0].start(), verb.end()),
        )
    first = words[0]
    if first.group().lower().endswith(("ing", "ingen")):
        return Problem(
            "zelfstandig",
            f"'{first.group()}' is een zelfstandig naamwoord; een beslispunt heeft een werkwoord "
            "nodig, zoals 'de nota vast te stellen'.",
            (first.start(), first.end()),
        )
    return Problem(
        "geen_infinitief",
        "Een beslispunt is een te-infinitief, zoals 'de nota vast te stellen' of "
        "'kennis te nemen van ...'.",
        (first.start(), last.end()),
    )


def point_problems(text: str, is_last: bool) -> list[Problem]:
    """Everything wrong with one besluit point (empty list: the point is fine)."""
    stripped = text.rstrip()
    if not stripped.strip():
        return [Problem("leeg", "Dit beslispunt is leeg.", (0, len(text)))]
    out: list[Problem] = []
    words = list(_WORD.finditer(stripped))
    if words:
        problem = _clause_problem(stripped, words)
        if problem:
            out.append(problem)
    else:
        out.append(Problem("geen_infinitief", "Dit beslispunt bevat geen woorden.", (0, len(stripped))))
    end = stripped[-1]
    want = "." if is_last else ";"
    if end != want:
        if is_last:
            message = "Het laatste beslispunt eindigt met een punt ('.')."
        else:
            message = "Dit beslispunt eindigt met een puntkomma (';'); alleen het laatste met een punt."
        span = (len(stripped) - 1, len(stripped))
        out.append(Problem("einde", message, span))
    return out
