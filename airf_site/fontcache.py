"""Font files made from the installed ones, kept in a cache folder between builds.

Two kinds, both made with fontTools, deterministic (same input, same bytes) and stored under
the hash of what made them, so a new font package or a new recipe makes new files:

- print copies of the Noto files without their TrueType instructions (`render_print_font`): in
  Chromium's PDFs, the hinted Noto Sans of fonts-noto-core lost the grave of a Yoruba ọ̀ in
  whole words ("Adébáyọ̀" printed as "Adébáyọ" on a badge) in Poppler, Cairo and Ghostscript
  alike, depending on the size and the page, though the glyph was in the file at its place.
  Without the instructions every mark is drawn at 100 to 600 dpi (measured); print, rasterised
  at 300 dpi and more, has no use for hinting;
- the site's WOFF2 subsets (`render_site_font`), each cut to the characters its unicode-range serves.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    """Where made fonts are kept between builds: `AIRF_CACHE_DIR`, else the user's cache folder."""
    base = os.environ.get("AIRF_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "airf-site" / "polices"


def digest(parts: Iterable[bytes | str]) -> str:
    """A short hash of `parts` (file contents, settings, tool versions): the cache key."""
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part if isinstance(part, bytes) else part.encode())
        sha.update(b"\0")
    return sha.hexdigest()[:24]


def write_cached(path: Path, make: Callable[[], bytes]) -> Path:
    """`path`, written with `make()` when it does not exist yet."""
    if not path.is_file():
        data = make()
        path.parent.mkdir(parents=True, exist_ok=True)
        # Two builds (or test workers) may make the same file at once: each writes its own
        # temporary file, then renames it over the target, which is atomic.
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as tmp:
            tmp.write(data)
        os.replace(tmp.name, path)
    return path


def render_site_font(source: Path, unicodes: set[int] | None) -> bytes:
    """WOFF2 bytes of `source` cut to `unicodes` (all of its characters when None), hinting
    dropped (browsers rasterise without it), every OpenType feature kept: Arabic joining and
    the placement of stacked marks (ọ̀, ễ) live in GSUB/GPOS. The timestamp is not recomputed."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.recalc_timestamp = False
    with TTFont(source, recalcTimestamp=False) as font:
        cmap = set(font.getBestCmap())
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=cmap & unicodes if unicodes is not None else cmap)
        subsetter.subset(font)
        out = io.BytesIO()
        font.flavor = "woff2"
        font.save(out)
    return out.getvalue()


def render_print_font(source: Path) -> bytes:
    """TrueType bytes of `source` without hinting; outlines, metrics, cmap, GSUB and GPOS as they
    were (glyph origins unchanged, so the text still extracts as written)."""
    from fontTools.ttLib import TTFont

    with TTFont(source, recalcTimestamp=False) as font:
        _drop_hinting(font)
        out = io.BytesIO()
        font.save(out)
    return out.getvalue()


def _drop_hinting(font: Any) -> None:
    """Remove the TrueType instructions: print is rasterised at 300 dpi and more, where hinting
    brings nothing, and the instructions of some marks moved them away at some sizes."""
    for tag in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX"):
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyf[name].removeHinting()
    if "gasp" in font:
        font["gasp"].gaspRange = {0xFFFF: 0x000F}
    font["maxp"].maxStorage = font["maxp"].maxFunctionDefs = font["maxp"].maxInstructionDefs = 0
    font["maxp"].maxStackElements = font["maxp"].maxSizeOfInstructions = font["maxp"].maxTwilightPoints = 0
    font["maxp"].maxZones = 1
