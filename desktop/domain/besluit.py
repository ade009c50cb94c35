"""The voorgesteld besluit: intro line, roman numbering and the te-infinitive analysis.

A besluit point is a proposal, so it is written as a te-infinitive clause
("de nota ... vast te stellen;"), never as a statement with a finite verb
("Het college stelt ... vast.") or a noun ("vaststelling van ..."). The analysis
is a heuristic over words, linear in the length of the point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.domain import verbs

INTRO = {"collegevoorstel": "Het college besluit:", "raadsvoorstel": "De raad besluit:"}

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

# Auxiliaries of the passive voice.
_PASSIVE = frozenset({"wordt", "worden", "werd", "werden"})
_ARTICLES = frozenset(
    {"de", "het", "een", "deze", "dit", "die", "dat", "diverse", "enkele", "alle", "twee", "drie",
     "vier", "vijf", "zijn", "haar", "hun", "onze", "ons"}
)
_SUBJECTS = frozenset({"college", "raad", "wij", "ik", "zij", "burgemeester", "wethouder", "gemeente",
                       "gemeenteraad"})
_PLURAL_SUBJECTS = frozenset({"wij", "zij"})
# Prepositions that follow a verb at the head of a point: "kennis nemen van", "instemmen met".
_VERB_PREPOSITIONS = frozenset({"van", "met", "uit", "tot", "in", "op", "aan", "voor", "over", "om", "mee"})
# Free words that go before "te" like a particle: "kennis te nemen", "akkoord te gaan".
_FREE_PARTICLES = frozenset({"kennis", "akkoord", "beschikbaar", "vast", "bekend", "kenbaar", "goed"})

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
    """The points as printed: 'I. de nota ... vast te stellen;' (a single point unnumbered)."""
    if len(points) == 1:
        return [points[0].strip()]
    return [f"{point_label(i)} {p.strip()}" for i, p in enumerate(points)]


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one point; ``span`` in Python indices into the point's text."""

    # "leeg", "einde", "geen_te", "lijdend", "persoonsvorm", "zelfstandig", "herhaling",
    # "geen_infinitief"
    kind: str
    message: str
    span: tuple[int, int]


def has_te_infinitive(words: list[re.Match[str]]) -> bool:
    return any(
        w.group().lower() == "te" and i + 1 < len(words) and verbs.looks_infinitive(words[i + 1].group())
        for i, w in enumerate(words)
    )


def _finite_head(text: str, words: list[re.Match[str]], lowered: list[str]) -> Problem | None:
    """'De raad stemde in met ...', 'Het college stelt ... vast': a statement, even with a
    te-infinitive further on ('De raad heeft ingestemd om ... toe te laten')."""
    subject = next((i for i, w in enumerate(lowered[:3]) if w in _SUBJECTS), None)
    if subject is None or subject + 1 >= len(words):
        return None
    verb = lowered[subject + 1]
    if verb == "te" or (subject + 2 < len(words) and lowered[subject + 2] == "te"):
        return None  # "het college te verzoeken", "de raad voor te stellen"
    if not verbs.is_finite(verb, plural_subject=lowered[subject] in _PLURAL_SUBJECTS):
        return None
    return _persoonsvorm(words, subject + 1)


def _persoonsvorm(words: list[re.Match[str]], verb_index: int) -> Problem:
    verb = words[verb_index]
    return Problem(
        "persoonsvorm",
        f"'{verb.group()}' is een persoonsvorm: dit is een mededeling, geen voorstel. "
        "Schrijf een te-infinitief, zoals 'de nota vast te stellen'.",
        (words[0].start(), verb.end()),
    )


def _missing_te(words: list[re.Match[str]], lowered: list[str]) -> tuple[re.Match[str], str] | None:
    """The verb that lacks its 'te', with the te-infinitive to suggest; only real verbs."""
    def after_article(i: int) -> bool:
        return i > 0 and lowered[i - 1] in _ARTICLES

    candidates = []
    last = len(words) - 1
    if verbs.is_verb(lowered[last]) and not after_article(last):
        candidates.append(last)
    candidates.extend(
        i for i in range(last)
        if lowered[i + 1] in _VERB_PREPOSITIONS and verbs.is_verb(lowered[i]) and not after_article(i)
    )
    if not candidates:
        return None
    i = candidates[0]
    word = words[i].group()
    if i > 0 and lowered[i - 1] in _FREE_PARTICLES:
        return words[i], f"{words[i - 1].group()} te {word}"
    return words[i], verbs.split_particle(word) or f"te {word}"


def _clause_problem(text: str, words: list[re.Match[str]]) -> Problem | None:
    lowered = [w.group().lower() for w in words]
    if lowered[:3] in (["het", "college", "besluit"], ["de", "raad", "besluit"]):
        return Problem(
            "herhaling",
            f"'{text[words[0].start():words[2].end()]}' staat al boven de beslispunten; "
            "begin het punt met wat er besloten wordt, zoals 'de nota vast te stellen'.",
            (words[0].start(), words[2].end()),
        )
    finite = _finite_head(text, words, lowered)
    if finite:
        return finite
    if has_te_infinitive(words):
        return None
    for i, w in enumerate(lowered):
        if w in _PASSIVE:
            end = words[i + 1].end() if i + 1 < len(words) else words[i].end()
            return Problem(
                "lijdend",
                f"'{text[words[i].start():end]}' is een lijdende vorm; schrijf een voorstel met "
                "een te-infinitief, zoals 'de begroting vast te stellen'.",
                (words[i].start(), end),
            )
    missing = _missing_te(words, lowered)
    if missing:
        verb, hint = missing
        return Problem(
            "geen_te",
            f"Het woord 'te' ontbreekt: schrijf bijvoorbeeld '{hint}'.",
            (verb.start(), verb.end()),
        )
    subject = next((i for i, w in enumerate(lowered[:3]) if w in _SUBJECTS), None)
    if subject is not None and subject + 1 < len(words) and lowered[subject + 1] not in _ARTICLES:
        return _persoonsvorm(words, subject + 1)
    first = words[0]
    if lowered[0].endswith(("ing", "ingen")):
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
        (first.start(), words[-1].end()),
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
