"""Check, before Chromium starts, that the kit's fonts can draw every participant's text.

The identity's composition (airf_site/fonts.py: Lato, Source Sans Pro, Noto Sans, Noto Sans
Arabic, Tifinagh, N'Ko, Adlam) covers the scripts of the francophone world; a character outside
it (a Chinese name, an emoji) would be drawn by whatever font the system has, possibly as a
Type 3 font that print shops refuse. Each such character is a French warning naming the
participant, the export's line and the character (U+XXXX and its Unicode name); the badge
still prints, and the rest of the kit with it.
"""

from __future__ import annotations

import unicodedata

from airf_site import fonts
from airf_site.errors import WARNING, Diagnostic
from airf_site.kit.participants import Participant


def describe(char: str) -> str:
    """'« ọ » (U+1ECD LATIN SMALL LETTER O WITH DOT BELOW)'; a combining mark is shown on ◌."""
    shown = f"◌{char}" if unicodedata.combining(char) else char
    name = unicodedata.name(char, "caractère sans nom Unicode")
    return f"« {shown} » (U+{ord(char):04X} {name})"


def check_coverage(participants: list[Participant], source: str) -> list[Diagnostic]:
    """Warnings for the characters of each participant's printed text that no kit font draws.

    `source` is the export's path as shown to the editor (relative to the project).
    """
    diags = []
    for person in participants:
        for label, text in person.printed_text.items():
            missing = fonts.uncovered(text)
            if not missing:
                continue
            chars = ", ".join(describe(c) for c in missing)
            who = person.nom_affiche or person.nom
            diags.append(Diagnostic(
                source, person.line,
                f"{who} : {label} « {text} » : {'caractère absent' if len(missing) == 1 else 'caractères absents'} "
                f"des polices du kit : {chars} ; le badge et le chevalet s'impriment quand même, "
                "avec une police de remplacement",
                severity=WARNING,
                hint="vérifiez la saisie dans l'export ; si le nom s'écrit bien ainsi, prévenez l'imprimeur "
                     "(la police de remplacement peut être refusée) ou écrivez aussi le nom en lettres latines"))
    return diags


def uncovered_lines(participants: list[Participant]) -> list[int]:
    """Export lines of the participants whose printed text has a character no kit font draws."""
    return [p.line for p in participants if any(fonts.uncovered(t) for t in p.printed_text.values())]
