"""Write resources/dictionaries/werkwoorden.txt: the infinitives of the OpenTaal dictionary.

OpenTaal marks a verb's infinitive with the affix flag ``Vi`` (it derives the present
participle: stellen -> stellend). The besluit rule uses the list to recognise a
te-infinitive and to suggest only real verbs. Run again after updating nl.dic:

    python scripts/make_verb_list.py
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "dictionaries"
FLAG = "Vi"


def infinitives(dic: Path) -> list[str]:
    out = set()
    lines = dic.read_text(encoding="utf-8").splitlines()[1:]  # the first line is the count
    for line in lines:
        word, _, flags = line.partition("/")
        flags = flags.split()[0] if flags.strip() else ""
        # FLAG long: every flag is two characters.
        if FLAG in (flags[i:i + 2] for i in range(0, len(flags), 2)) and word.islower():
            out.add(word)
    return sorted(out)


def main() -> None:
    words = infinitives(FOLDER / "nl.dic")
    header = (
        "# Infinitives from the OpenTaal dictionary (nl.dic, affix flag Vi); made by\n"
        "# scripts/make_verb_list.py. Same licence as nl.dic (LICENSE-OpenTaal.txt).\n"
    )
    (FOLDER / "werkwoorden.txt").write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} infinitives")


if __name__ == "__main__":
    main()
