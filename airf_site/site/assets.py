"""Static assets of the site: CSS/JS, self-hosted Lato, the generated logo and share image.

Everything is produced locally (no CDN, no Google Fonts): the fonts come from `airf_site.fonts`
(WOFF2 subsets of the static TrueType files the PDFs embed), the logo is drawn here as SVG, and
the default Open Graph image is drawn with Pillow so a LinkedIn share always has a PNG card.
"""

from __future__ import annotations

import io
from pathlib import Path

from airf_site import brand, fonts

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
BLUE = "#1d4e89"
ORANGE = "#e67e22"
GREEN = "#1e8449"
OG_IMAGE = "assets/airf-partage.png"


def font_files() -> dict[str, Path]:
    """Site path → WOFF2 file of the identity's fonts (airf_site.fonts: Lato and its fallbacks,
    each cut to the characters its unicode-range serves)."""
    return {f"assets/fonts/{name}": path for name, path in fonts.site_font_files().items()}


def render_fonts_css() -> str:
    """`assets/fonts.css`: the same @font-face rules as the PDFs, pointing at the self-hosted copies."""
    return fonts.font_face_css(lambda name, _path: f"fonts/{name}", display="swap") + "\n"


def static_files() -> dict[str, Path]:
    """Site path → source file of every static asset copied as is."""
    files = {f"assets/{p.name}": p for p in sorted(ASSETS_DIR.glob("*")) if p.suffix in (".css", ".js")}
    files.update(font_files())
    return files


def render_logo_svg() -> str:
    """The AIRF logo (drawn in airf_site.brand, where the newsletter draws its PNG from the same geometry)."""
    return brand.render_logo_svg()


def render_share_image(site_name: str = "AIRF", tagline: str = "Association internationale des régions francophones") -> bytes:
    """Default 1200×630 PNG card for Open Graph / Twitter (deterministic bytes)."""
    from PIL import Image, ImageDraw, ImageFont

    files = fonts.font_files()  # the installed TrueType files: Pillow reads them as they are
    image = Image.new("RGB", (1200, 630), BLUE)
    draw = ImageDraw.Draw(image)
    for i, colour in enumerate([BLUE, "#c0392b", ORANGE, GREEN]):
        draw.rectangle([i * 300, 600, (i + 1) * 300, 630], fill=colour if i else "#143a67")
    big = ImageFont.truetype(str(files["Lato-Black.ttf"]), 180)
    small = ImageFont.truetype(str(files["Lato-Regular.ttf"]), 44)
    draw.text((80, 170), site_name, font=big, fill="#ffffff")
    draw.text((84, 400), tagline, font=small, fill="#ffffff")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
