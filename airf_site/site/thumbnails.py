"""Card thumbnails: each illustration of a news item, event, project or fact sheet is cut to
16:9 at two widths at build time (Pillow), for `srcset` on the cards of the listings.

`plan_thumbnails` is pure (names and sizes only, known before any page is rendered, so pages
rendered in worker processes agree); `write_thumbnails` makes the files. Generation is cached
in `build/.cache/vignettes/` under a key of the source's bytes and the settings, so a rebuild
only copies; the bytes are deterministic (no metadata, fixed encoder settings).
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from slugify import slugify

WIDTHS = (400, 800)  # CSS width of a card ≈ 300–400 px; 800 for 2× screens
RATIO = (16, 9)
QUALITY = 80
FOLDER = "images/vignettes/"
VERSION = "1"  # bump when the encoding below changes: cached files are then made again


@dataclass(frozen=True)
class Thumb:
    """One image's thumbnails: site paths by width, and the smallest one's size."""

    source: str  # path inside content/, e.g. images/actualites/x.jpg
    files: tuple[tuple[int, str], ...]  # (width, site path)

    @property
    def src(self) -> str:
        return self.files[0][1]

    @property
    def width(self) -> int:
        return self.files[0][0]

    @property
    def height(self) -> int:
        return self.width * RATIO[1] // RATIO[0]

    def srcset(self, base: str) -> str:
        return ", ".join(f"{base}{path} {width}w" for width, path in self.files)


def card_image(doc: Any) -> str | None:
    """The illustration a card shows: the document's `image`, else a fact sheet's first photo."""
    image = getattr(doc, "image", None)
    if not image and getattr(doc, "images", None):
        image = doc.images[0].src
    return image.lstrip("/") if image else None


def thumb_for(source: str) -> Thumb:
    """Thumbnail names for `source` ('images/actualites/x.jpg' → images/vignettes/actualites-x-400.jpg)."""
    stem = source.removeprefix("images/").rsplit(".", 1)[0]
    name = slugify(stem) or "image"
    return Thumb(source, tuple((w, f"{FOLDER}{name}-{w}.jpg") for w in WIDTHS))


def plan_thumbnails(docs: list[Any], content_dir: Path) -> dict[str, Thumb]:
    """Source path → Thumb for every document with an illustration that exists as a raster file."""
    plan: dict[str, Thumb] = {}
    for doc in docs:
        source = card_image(doc)
        if source and source not in plan and source.lower().endswith((".jpg", ".jpeg", ".png", ".webp")):
            if (content_dir / source).is_file():
                plan[source] = thumb_for(source)
    return plan


def render_thumbnail(data: bytes, width: int) -> bytes:
    """JPEG bytes of `data` cut to 16:9 around its centre and scaled to `width` (deterministic)."""
    import io

    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as source:
        image = ImageOps.exif_transpose(source).convert("RGB")
        size = (width, width * RATIO[1] // RATIO[0])
        fitted = ImageOps.fit(image, size, method=Image.Resampling.LANCZOS, centering=(0.5, 0.5))
        out = io.BytesIO()
        fitted.save(out, format="JPEG", quality=QUALITY, optimize=True, progressive=True)
        return out.getvalue()


def write_thumbnails(plan: dict[str, Thumb], content_dir: Path, site_dir: Path, cache_dir: Path) -> int:
    """Write every planned thumbnail into `site_dir`, from the cache when the source is unchanged;
    returns how many were made afresh."""
    made = 0
    cache_dir.mkdir(parents=True, exist_ok=True)
    for thumb in plan.values():
        data = (content_dir / thumb.source).read_bytes()
        key = hashlib.sha256(VERSION.encode() + data).hexdigest()[:20]
        for width, path in thumb.files:
            cached = cache_dir / f"{key}-{width}.jpg"
            if not cached.is_file():
                tmp = cached.with_suffix(".tmp")
                tmp.write_bytes(render_thumbnail(data, width))
                tmp.replace(cached)  # atomic: a build stopped half-way leaves no truncated file
                made += 1
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(cached, target)
    return made
