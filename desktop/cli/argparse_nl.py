"""Dutch texts for argparse's own messages (usage, option titles, errors).

argparse looks its texts up through ``gettext`` with the global domain, which would need a
compiled .mo catalogue and would change the domain for the whole process; instead its two
lookup functions (``argparse._`` and ``argparse.ngettext``) are pointed at this table.
Texts not in the table stay as argparse wrote them. ``install()`` must run before the
parsers are built: some texts ("options", the help of -h) are looked up in the constructor.
"""

from __future__ import annotations

import argparse

DUTCH = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "optional arguments": "opties",
    "positional arguments": "argumenten",
    "subcommands": "opdrachten",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "one of the arguments %s is required": "een van de argumenten %s is nodig",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde voor %(type)s: %(value)r",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "not allowed with argument %s": "niet samen met argument %s",
    "ignored explicit argument %r": "argument %r genegeerd",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "unexpected option string: %s": "onverwachte optie: %s",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r (kies uit: %(choices)s)",
}
PLURAL = {
    ("expected %s argument", "expected %s arguments"): ("verwacht %s waarde", "verwacht %s waarden"),
}


def gettext_nl(text: str) -> str:
    return DUTCH.get(text, text)


def ngettext_nl(singular: str, plural: str, n: int) -> str:
    one, many = PLURAL.get((singular, plural), (singular, plural))
    return one if n == 1 else many


def install() -> None:
    argparse._ = gettext_nl  # type: ignore[attr-defined]
    argparse.ngettext = ngettext_nl  # type: ignore[attr-defined]
