"""The typeface of the visual identity, one definition for the site, e-mail-free print and kit.

Lato (static TrueType from the `font_lato` package) has only Latin-1: Romanian members (Iași,
Timiș) and names with ă, ș, ț, ő, ğ would fall back to whatever the system has. Source Sans Pro
(static TrueType from `font_source_sans_pro`, a close humanist sans) is declared under the same
family name with a `unicode-range` limited to Latin Extended, so the browser composes one font:
Lato for Latin-1, Source Sans Pro for the rest. Both embed as TrueType (never Type 3).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import font_lato
import font_source_sans_pro

LATO_DIR = Path(font_lato.__file__).resolve().parent / "files"
EXTENDED_DIR = Path(font_source_sans_pro.__file__).resolve().parent / "files"
# Latin Extended-A/B, schwa, Latin Extended Additional: what Lato 1.x lacks.
EXTENDED_RANGE = "U+0100-024F, U+0259, U+1E00-1EFF"

# (Lato file stem, CSS weight, CSS style, Source Sans Pro stem for the extended range)
FACES = [
    ("Lato-Light", 300, "normal", "SourceSansPro-Light"),
    ("Lato-LightItalic", 300, "italic", "SourceSansPro-LightIt"),
    ("Lato-Regular", 400, "normal", "SourceSansPro-Regular"),
    ("Lato-Italic", 400, "italic", "SourceSansPro-It"),
    ("Lato-Bold", 700, "normal", "SourceSansPro-Bold"),
    ("Lato-BoldItalic", 700, "italic", "SourceSansPro-BoldIt"),
    ("Lato-Black", 900, "normal", "SourceSansPro-Black"),
]


def font_files() -> dict[str, Path]:
    """File name → path of every font file the identity uses."""
    files = {}
    for lato, _weight, _style, extended in FACES:
        files[f"{lato}.ttf"] = LATO_DIR / f"{lato}.ttf"
        files[f"{extended}.ttf"] = EXTENDED_DIR / f"{extended}.ttf"
    return files


def font_face_css(url_for: Callable[[str, Path], str] | None = None, family: str = "Lato",
                  display: str = "block") -> str:
    """@font-face rules; `url_for(file_name, path)` gives each file's URL (default: file:// URI)."""
    url_for = url_for or (lambda _name, path: path.as_uri())
    rules = []
    for lato, weight, style, extended in FACES:
        for stem, folder, extra in ((lato, LATO_DIR, ""), (extended, EXTENDED_DIR, f" unicode-range: {EXTENDED_RANGE};")):
            url = url_for(f"{stem}.ttf", folder / f"{stem}.ttf")
            rules.append(
                f"@font-face {{ font-family: '{family}'; src: url('{url}') format('truetype'); "
                f"font-weight: {weight}; font-style: {style}; font-display: {display};{extra} }}"
            )
    return "\n".join(rules)
