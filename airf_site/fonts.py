"""The typeface of the visual identity, one definition for the site, the e-mail's web version and print.

Participants' names carry every accent of the francophone world (Yoruba ọ̀ ṣ, Vietnamese ễ,
Romanian ș ț) and some are written in Arabic script, so the family called "Lato" in every
stylesheet is a composition of static TrueType files (variable or CFF fonts embed as Type 3
in Chromium's PDFs, which print shops refuse):

1. Lato (`font_lato` package): the brand, Latin-1 only;
2. Source Sans Pro (`font_source_sans_pro`), a close humanist sans, limited by `unicode-range`
   to Latin Extended (ă ș ț ő ğ ạ ễ…);
3. Noto Sans (Debian `fonts-noto-core`): everything else Latin, Greek and Cyrillic, combining
   marks (a Yoruba ọ̀ is o + dot below + grave), the narrow no-break space of French typography;
4. Noto Sans Arabic (same package), shaped by Chromium's HarfBuzz, right to left; and the
   African scripts of member countries: Tifinagh (Morocco, Mali, Niger), N'Ko, Adlam (Fulfulde).

In CSS, faces of one family sharing weight and style are tried in reverse order of
declaration (CSS Fonts 4, §4.5), so the fallbacks are declared first and Lato last. A whole
grapheme cluster (base letter and its marks) is drawn by the first face covering all of it,
so a stacked Yoruba accent never mixes two fonts. On the site, `unicode-range` keeps the
fallback files from downloading unless a page uses one of their characters (Chromium fetches
a face only when the text needs it: a French page loads Lato alone, measured).

`coverage()` is the set of characters the composition can draw, for checks before printing.

Print and the site use copies of the Noto files made once and kept in a cache folder
(airf_site/fontcache.py): print copies without TrueType hinting (its instructions made the grave
of ọ̀ vanish from the PDFs in whole words: "Adébáyọ̀" printed "Adébáyọ"), and for the site,
WOFF2 subsets cut to the characters each file's `unicode-range` serves, so a
page with one Yoruba name downloads 90 KB of Noto Sans instead of 500 KB.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import font_lato
import font_source_sans_pro

from airf_site import fontcache

LATO_DIR = Path(font_lato.__file__).resolve().parent / "files"
EXTENDED_DIR = Path(font_source_sans_pro.__file__).resolve().parent / "files"
NOTO_DIR = Path("/usr/share/fonts/truetype/noto")  # Debian package fonts-noto-core
NOTO_PACKAGE = "fonts-noto-core"

# Latin Extended-A/B, schwa, Latin Extended Additional: what Lato 1.x lacks. Not the combining
# marks: Source Sans Pro has them but places them badly on some letters (the grave of a Yoruba
# Ọ̀, U+1ECC + U+0300, lands beside it in the Black weight); Noto Sans stacks them right, so a
# letter with an added mark is drawn whole by Noto Sans (seen on the badges at 200 dpi).
# Also the arrows, squares, triangles and check marks the pages print ("Tout l’agenda →"):
# neither Lato nor Noto Sans has them, so without this they came from a system font (measured).
EXTENDED_RANGE = "U+0100-024F, U+0259, U+1E00-1EFF, U+2190-2193, U+2215, U+2219, U+25A0-25FF, U+2610-2611, U+2713"
# Arabic, Arabic Supplement, Extended-A, presentation forms, and the bidi controls and joiners
# an Arabic name may carry (ZWNJ, ZWJ, LRM, RLM, isolates); the spaces too, so a vowel sign
# typed after a space is drawn by Noto Sans Arabic (Lato is tried first for ordinary spaces,
# so this costs nothing). Found by the property test: it was a Type 3 font. In print only: on
# the site a face whose range holds the space makes document.fonts.check("16px Lato") false
# until it is downloaded (a page's "fonts ready" test), and a stray vowel sign is harmless there.
ARABIC_SITE_RANGE = "U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF, U+200C-200F, U+2066-2069"
ARABIC_RANGE = "U+0020, U+00A0, " + ARABIC_SITE_RANGE
# Noto Sans on the site: Latin, Greek, Cyrillic, their marks and punctuation. The letters of Basic
# Latin and Latin-1 must be in the range: a base letter and its combining marks come from one face
# (the Yoruba syllabic m̀ is m + U+0300), and without the "m" Chromium draws the cluster with a
# system font (a Type 3 font in a PDF). It costs nothing on French pages: Chromium downloads the
# face only for a character that Lato and Source Sans Pro cannot draw (measured). The spaces are
# left out: a face whose range holds U+0020 keeps document.fonts.check("16px Lato") false until
# it is downloaded, i.e. on every page.
NOTO_SITE_RANGE = ("U+0021-007E, U+00A1-024F, U+0250-02FF, U+0300-036F, U+0370-03FF, U+0400-04FF, U+1AB0-1AFF, "
                   "U+1DC0-1DFF, U+1E00-1EFF, U+2010-205E, U+20A0-20CF, U+2100-214F, U+2190-21FF, U+2C60-2C7F, "
                   "U+A720-A7FF")


@dataclass(frozen=True)
class Face:
    """One weight and style of the identity: the file of each layer of the composition."""

    weight: int
    style: str
    lato: str
    extended: str
    noto: str
    arabic: str


# Debian ships Noto Sans and Noto Sans Arabic in Regular and Bold only: light text falls back
# to Regular, black to Bold (declared at the requested weight, so nothing is synthesised).
FACES = [
    Face(300, "normal", "Lato-Light", "SourceSansPro-Light", "NotoSans-Regular", "NotoSansArabic-Regular"),
    Face(300, "italic", "Lato-LightItalic", "SourceSansPro-LightIt", "NotoSans-Italic", "NotoSansArabic-Regular"),
    Face(400, "normal", "Lato-Regular", "SourceSansPro-Regular", "NotoSans-Regular", "NotoSansArabic-Regular"),
    Face(400, "italic", "Lato-Italic", "SourceSansPro-It", "NotoSans-Italic", "NotoSansArabic-Regular"),
    Face(700, "normal", "Lato-Bold", "SourceSansPro-Bold", "NotoSans-Bold", "NotoSansArabic-Bold"),
    Face(700, "italic", "Lato-BoldItalic", "SourceSansPro-BoldIt", "NotoSans-BoldItalic", "NotoSansArabic-Bold"),
    Face(900, "normal", "Lato-Black", "SourceSansPro-Black", "NotoSans-Bold", "NotoSansArabic-Bold"),
]


# African scripts, one range each: (Regular file, Bold file, unicode-range).
SCRIPTS = [
    ("NotoSansTifinagh-Regular", "NotoSansTifinagh-Regular", "U+2D30-2D7F"),
    ("NotoSansNKo-Regular", "NotoSansNKo-Regular", "U+07C0-07FF"),
    ("NotoSansAdlam-Regular", "NotoSansAdlam-Bold", "U+1E900-1E95F"),
]


def _path(stem: str) -> Path:
    if stem.startswith("Lato"):
        return LATO_DIR / f"{stem}.ttf"
    if stem.startswith("SourceSans"):
        return EXTENDED_DIR / f"{stem}.ttf"
    return NOTO_DIR / f"{stem}.ttf"


def font_files() -> dict[str, Path]:
    """File name → path of every font file print uses (Noto as print copies, made on first use)."""
    files = {}
    for face in FACES:
        for stem, _range in _layers(face, site=False):
            files[f"{stem}.ttf"] = _print_path(stem)
    return files


def missing_files() -> list[Path]:
    """Font files that are not installed (the Debian package is missing)."""
    stems = {stem for face in FACES for stem, _range in _layers(face, site=False)}
    return [_path(stem) for stem in sorted(stems) if not _path(stem).is_file()]


def _layers(face: Face, site: bool) -> list[tuple[str, str]]:
    """(file stem, unicode-range or '') in declaration order: the last one is tried first."""
    scripts = [(bold if face.weight >= 700 else regular, unicode_range) for regular, bold, unicode_range in SCRIPTS]
    return scripts + [
        (face.arabic, ARABIC_SITE_RANGE if site else ARABIC_RANGE),
        # In print every file is local: Noto Sans covers everything the brand lacks. On the site
        # its range keeps it from downloading for French text (see NOTO_SITE_RANGE).
        (face.noto, NOTO_SITE_RANGE if site else ""),
        (face.lato, ""),
        (face.extended, EXTENDED_RANGE),
    ]


def font_face_css(url_for: Callable[[str, Path], str] | None = None, family: str = "Lato",
                  display: str = "block", weights: Iterable[int] | None = None) -> str:
    """@font-face rules; `url_for(file_name, path)` gives each file's URL (default: file:// URI).

    With `url_for` (the site, the e-mail's web version) the files are the site's WOFF2 subsets
    (`file_name` is the name `site_font()` knows, `path` the installed file it is made from) and
    the fallback faces carry a `unicode-range` so a browser downloads them only for the pages that
    need them. `weights` keeps only those weights (a page that uses two weights carries fewer rules).
    """
    site = url_for is not None
    url_for = url_for or (lambda _name, path: _print_path(path.stem).as_uri())
    rules = []
    for face in FACES:
        if weights is not None and face.weight not in weights:
            continue
        for stem, unicode_range in _layers(face, site):
            name, kind = (f"{stem}.woff2", "woff2") if site else (f"{stem}.ttf", "truetype")
            url = url_for(name, _path(stem))
            extra = f" unicode-range: {unicode_range};" if unicode_range else ""
            rules.append(
                f"@font-face {{ font-family: '{family}'; src: url('{url}') format('{kind}'); "
                f"font-weight: {face.weight}; font-style: {face.style}; font-display: {display};{extra} }}"
            )
    return "\n".join(rules)


# --- files made from the installed ones (airf_site/fontcache.py) ---

# Bump when a recipe in fontcache.py changes: files made the old way are then not reused.
_RECIPE_VERSION = "7"


def _is_noto(stem: str) -> bool:
    return not stem.startswith(("Lato", "SourceSans"))


@functools.cache
def _sources_digest() -> str:
    import fontTools

    stems = sorted({stem for face in FACES for stem, _range in _layers(face, site=False) if _is_noto(stem)})
    parts: list[bytes | str] = [_RECIPE_VERSION, fontTools.version]
    parts += [_path(stem).read_bytes() if _path(stem).is_file() else stem for stem in stems]
    return fontcache.digest(parts)


def print_copies_dir() -> Path:
    """Folder of the print copies of the Noto files (without hinting), keyed by the
    installed files' contents, so a new fonts-noto-core makes new copies."""
    return fontcache.cache_dir() / f"impression-{_sources_digest()}"


def _print_path(stem: str) -> Path:
    """The file print uses for `stem`: the brand files as installed, Noto as a print copy."""
    source = _path(stem)
    if not _is_noto(stem) or not source.is_file():
        return source  # a missing Noto file is reported by missing_files()
    return fontcache.write_cached(print_copies_dir() / source.name, lambda: fontcache.render_print_font(source))


def site_font_ranges() -> dict[str, tuple[Path, str]]:
    """Site file name ('NotoSans-Regular.woff2') → (installed file, unicode-range it is cut to;
    '' keeps every character: Lato, the brand, is served whole)."""
    ranges: dict[str, tuple[Path, str]] = {}
    for face in FACES:
        for stem, unicode_range in _layers(face, site=True):
            ranges[f"{stem}.woff2"] = (_path(stem), unicode_range)
    return ranges


def cache_dir() -> Path:
    """Where made fonts are kept between builds (see fontcache.cache_dir)."""
    return fontcache.cache_dir()


def render_site_font(source: Path, unicode_range: str) -> bytes:
    """WOFF2 subset of `source` for the site, cut to `unicode_range` (all of it when '')."""
    return fontcache.render_site_font(source, _parse_range(unicode_range) if unicode_range else None)


def site_font(name: str) -> Path:
    """Path of the site's file `name` (a key of `site_font_ranges()`), made on first use from the
    print copy (a visitor may print the page too) and then read from the cache."""
    import brotli
    import fontTools

    source, unicode_range = site_font_ranges()[name]
    made_from = _print_path(source.stem)
    key = fontcache.digest([made_from.read_bytes(), unicode_range, _RECIPE_VERSION, fontTools.version,
                            str(getattr(brotli, "version", ""))])
    return fontcache.write_cached(cache_dir() / key / name, lambda: render_site_font(made_from, unicode_range))


def site_font_files() -> dict[str, Path]:
    """Site file name → the WOFF2 subset to copy (made now when not in the cache)."""
    return {name: site_font(name) for name in site_font_ranges()}


def _parse_range(text: str) -> set[int]:
    points: set[int] = set()
    for part in text.replace("U+", "").split(","):
        low, _, high = part.strip().partition("-")
        points.update(range(int(low, 16), int(high or low, 16) + 1))
    return points


@functools.cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@functools.cache
def coverage(weight: int = 400, style: str = "normal") -> frozenset[int]:
    """Code points the identity's composition can draw at `weight`/`style` in print (cmaps
    read with fontTools, each layer limited to its `unicode-range`)."""
    face = min(FACES, key=lambda f: (f.style != style, abs(f.weight - weight)))
    points: set[int] = set()
    for stem, unicode_range in _layers(face, site=False):
        cmap = _cmap(_path(stem)) if _path(stem).is_file() else frozenset()
        points |= cmap & _parse_range(unicode_range) if unicode_range else cmap
    return frozenset(points)


# Characters no font draws and none needs to: controls, joiners, direction marks, variation
# selectors. They shape or steer the text around them.
_INVISIBLE = _parse_range("U+0000-001F, U+007F-009F, U+00AD, U+034F, U+200B-200F, U+202A-202E, "
                          "U+2060-2064, U+2066-2069, U+FE00-FE0F, U+FEFF")


def _is_mark(char: str) -> bool:
    # Combining marks and joiners belong to the cluster of the letter before them.
    return unicodedata.category(char) in ("Mn", "Me", "Mc") or char in "\u200c\u200d"


def _clusters(text: str) -> list[str]:
    """`text` as clusters: a base character and the marks after it (a leading mark stands alone)."""
    clusters: list[str] = []
    for char in text:
        if clusters and _is_mark(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


@functools.cache
def _layer_sets(weight: int, style: str) -> tuple[tuple[Path, frozenset[int]], ...]:
    """(file, code points it draws) of each layer, in the order Chromium tries them."""
    face = min(FACES, key=lambda f: (f.style != style, abs(f.weight - weight)))
    layers = []
    for stem, unicode_range in reversed(_layers(face, site=False)):
        cmap = _cmap(_path(stem)) if _path(stem).is_file() else frozenset()
        layers.append((_path(stem), cmap & _parse_range(unicode_range) if unicode_range else cmap))
    return tuple(layers)


def _layer_of(cluster: str, weight: int, style: str = "normal") -> Path | None:
    points = [ord(c) for c in cluster if ord(c) not in _INVISIBLE]
    return next((path for path, covered in _layer_sets(weight, style) if all(c in covered for c in points)), None)


def uncovered(text: str, weights: Iterable[int] = (400, 700, 900)) -> list[str]:
    """Characters of `text` (in order, once each) that some weight of the identity cannot draw.

    A cluster is drawn by one file or by none: a letter with a mark no file has on that letter
    (an Arabic vowel sign on a Latin "a") would come from a system font, so its marks count as
    uncovered even though each character exists somewhere in the composition.
    """
    missing: list[str] = []
    for cluster in _clusters(text):
        if cluster.isspace() or all(ord(c) in _INVISIBLE for c in cluster):
            continue
        for weight in weights:
            if _layer_of(cluster, weight) is not None:
                continue
            drawable = coverage(weight)
            alone = [c for c in cluster if ord(c) not in _INVISIBLE and ord(c) not in drawable]
            for char in alone or [c for c in cluster[1:] if _is_mark(c)] or [cluster[0]]:
                if char not in missing:
                    missing.append(char)
    return missing


def runs(text: str, weight: int = 400, style: str = "normal") -> list[tuple[Path, str]]:
    """`text` cut into runs drawn by one file each, as Chromium picks them: each cluster (a
    letter and its marks) goes to the first layer that covers all of it. Characters no layer
    covers go with the brand file (measured, at worst, as missing glyphs)."""
    face = min(FACES, key=lambda f: (f.style != style, abs(f.weight - weight)))
    result: list[tuple[Path, str]] = []
    for cluster in _clusters(text):
        path = _layer_of(cluster, weight, style) or _path(face.lato)
        if result and result[-1][0] == path:
            result[-1] = (path, result[-1][1] + cluster)
        else:
            result.append((path, cluster))
    return result
