"""Dutch verb morphology for the besluit rule: is a word an infinitive, a finite verb?

Two answers, on purpose. ``is_verb`` is strict: the word is an infinitive of the
OpenTaal dictionary (``resources/dictionaries/werkwoorden.txt``, made by
scripts/make_verb_list.py), possibly behind a separable particle or an inseparable
prefix. Only words that pass it are ever suggested to the writer. ``looks_infinitive``
is lenient: it also accepts the shape of an infinitive (``-en``, ``-gaan``,
``-staan``, ``-doen``, ``-zien``) so that a verb missing from the list never turns
a good besluit point into an error.
"""

from __future__ import annotations

from functools import cache

from desktop.config import paths

VERB_FILE = "werkwoorden.txt"
# Particles of separable verbs: "vaststellen" -> "vast te stellen".
PARTICLES = (
    "beschikbaar", "terug", "kennis", "vast", "over", "door", "voor", "mee", "aan",
    "toe", "uit", "bij", "in", "op", "af", "na", "om", "weg",
)
_INSEPARABLE_PREFIXES = ("ver", "ont", "her", "be", "ge", "er")
# Verbs whose first letters look like a particle but are not separable.
INSEPARABLE = frozenset(
    {"overwegen", "overschrijden", "voorkomen", "doorlopen", "overtreden", "voorzien",
     "aanvaarden", "overbruggen", "doorgronden", "overhandigen", "omarmen", "ondersteunen",
     "overleggen", "omschrijven", "onderzoeken", "uitbesteden"}
)
# Infinitives the dictionary does not flag, and short stems of compound verbs
# (volstaan, bestaan, voldoen, afzien, aangaan).
_IRREGULAR = frozenset({"zijn"})
_SHORT_STEMS = ("gaan", "staan", "slaan", "doen", "zien", "zijn")
# Words in "-en" that are not infinitives, often found at the end of a point.
NOT_INFINITIVES = frozenset(
    {"ten", "tegen", "boven", "beneden", "binnen", "buiten", "open", "even", "samen",
     "alleen", "geen", "een", "heen", "uren", "zaken", "kosten", "middelen", "plannen",
     "regelingen", "bewoners", "woningen", "jaren", "gemeenten", "financien", "financiën",
     "leden", "wijken", "stukken", "tekeningen", "ogen", "eigen", "volgen", "verschillen"}
)
# Finite forms that the "-t"/"-de"/"-te" shapes below do not catch.
_FINITE = frozenset(
    {"heeft", "hebben", "had", "hadden", "is", "was", "waren", "wordt", "worden", "werd", "werden",
     "kan", "kunnen", "kon", "moet", "moeten", "zal", "zullen", "wil", "willen", "mag", "mogen",
     "besluit", "besloot", "besloten", "neemt", "nam", "namen", "gaat", "ging", "stemt", "stemde",
     "stelt", "stelde", "geeft", "gaf", "legt", "legde", "draagt", "droeg", "verzoekt", "verzocht"}
)


@cache
def infinitives() -> frozenset[str]:
    """The shipped list of infinitives (empty when the file is missing: the rule then
    falls back on word shapes and never suggests a verb)."""
    path = paths.resources_dir() / "dictionaries" / VERB_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    return frozenset(w for w in (line.strip() for line in text.splitlines()) if w and not w.startswith("#"))


def is_verb(word: str) -> bool:
    """Strict: an infinitive of the dictionary, also behind a particle or prefix."""
    w = word.lower()
    lex = infinitives()
    if w in lex or w in _IRREGULAR:
        return True
    for prefix in (*PARTICLES, *_INSEPARABLE_PREFIXES):
        rest = w[len(prefix):]
        if w.startswith(prefix) and len(rest) >= 4 and rest in lex:
            return True
    return False


def looks_infinitive(word: str) -> bool:
    """Lenient: a known infinitive or a word with the shape of one."""
    w = word.lower()
    if w in NOT_INFINITIVES:
        return False
    if is_verb(w) or w.endswith(_SHORT_STEMS):
        return True
    return len(w) > 3 and w.endswith("en")


def is_finite(word: str, plural_subject: bool = False) -> bool:
    """A finite verb form: 'stelt', 'stemde', 'heeft'; with 'wij'/'zij' also 'stellen'."""
    w = word.lower()
    if w in _FINITE:
        return True
    if plural_subject and is_verb(w):
        return True
    lex = infinitives()
    for ending in ("t", "de", "te", "den", "ten"):
        if w.endswith(ending) and len(w) > len(ending) + 1:
            stem = w[: -len(ending)]
            if {stem + "en", stem + stem[-1] + "en", stem[:-1] + "ven", stem[:-1] + "zen"} & lex:
                return True
    return False


def split_particle(verb: str) -> str | None:
    """'vaststellen' -> 'vast te stellen'; None when the verb is not separable."""
    low = verb.lower()
    if low in INSEPARABLE or (low.startswith("in") and low.endswith("eren")):
        return None  # informeren, investeren: not separable
    lex = infinitives()
    for particle in PARTICLES:
        rest = low[len(particle):]
        if low.startswith(particle) and len(rest) >= 4 and (rest in lex or rest in _IRREGULAR):
            return f"{verb[:len(particle)]} te {verb[len(particle):]}"
    return None
