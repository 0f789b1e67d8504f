"""Generate the sample report's illustrations with Pillow, deterministically.

Run once (`python annual_report/generer_images.py`); the JPEG files are committed. Each image
is sized for its printed size at 300 ppi (the printing norm), full-bleed pages
including the 3 mm bleed. Real photos replace them by keeping the same file names.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

PPI = 300
HERE = Path(__file__).resolve().parent / "2025" / "images"
BLUE, ORANGE, GREEN, RED, SAND = (29, 78, 137), (230, 126, 34), (30, 132, 73), (192, 57, 43), (236, 222, 196)


def px(mm: float) -> int:
    """Millimetres → pixels at PPI."""
    return round(mm / 25.4 * PPI)


def mix(a, b, t):
    """Blend two RGB colours (t = 0 → a, 1 → b)."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def gradient(size, top, bottom) -> Image.Image:
    """Vertical gradient image from `top` to `bottom`."""
    w, h = size
    column = Image.new("RGB", (1, h))
    for y in range(h):
        column.putpixel((0, y), mix(top, bottom, y / max(h - 1, 1)))
    return column.resize((w, h))


def hills(img: Image.Image, rng: random.Random, colours, base: float, amp: float) -> None:
    """Layered hill silhouettes: a landscape evocation, no photo needed."""
    w, h = img.size
    draw = ImageDraw.Draw(img)
    for i, colour in enumerate(colours):
        y0 = h * (base + i * 0.09)
        phase, freq = rng.uniform(0, 6.28), rng.uniform(1.2, 2.6)
        points = [(x, y0 - amp * h * (0.5 + 0.5 * math.sin(phase + freq * 6.28 * x / w))
                   * (0.6 + 0.4 * math.sin(phase * 2 + 3.1 * x / w))) for x in range(0, w + 8, 8)]
        draw.polygon(points + [(w, h), (0, h)], fill=colour)


def cover(path: Path, w_mm: float, h_mm: float, seed: int, top, bottom, layers) -> None:
    """One full-page illustration: sky gradient, sun, hills, a dark band for text; saved as JPEG."""
    rng = random.Random(seed)
    img = gradient((px(w_mm), px(h_mm)), top, bottom)
    draw = ImageDraw.Draw(img)
    r = px(rng.uniform(28, 40))
    cx, cy = px(w_mm * rng.uniform(0.6, 0.8)), px(h_mm * rng.uniform(0.2, 0.3))
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=mix(ORANGE, (255, 255, 255), 0.25))
    hills(img, rng, layers, 0.52, 0.12)
    # A dark band at the bottom keeps white text readable.
    shade = Image.new("L", img.size, 0)
    sd = ImageDraw.Draw(shade)
    for y in range(img.size[1] // 2, img.size[1], 4):
        sd.rectangle((0, y, img.size[0], y + 4), fill=round(150 * (y - img.size[1] / 2) / (img.size[1] / 2)))
    img = Image.composite(Image.new("RGB", img.size, (12, 28, 48)), img, shade.filter(ImageFilter.GaussianBlur(8)))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=82, optimize=True, dpi=(PPI, PPI))


def main() -> None:
    """Write every sample image of the 2025 report."""
    full = (216, 303)  # A4 + 3 mm bleed on every side
    layers_green = [mix(GREEN, BLUE, 0.2), mix(GREEN, (0, 0, 0), 0.25), mix(GREEN, (0, 0, 0), 0.45)]
    layers_sand = [mix(SAND, ORANGE, 0.4), mix(ORANGE, RED, 0.4), mix(RED, (0, 0, 0), 0.35)]
    layers_blue = [mix(BLUE, (255, 255, 255), 0.35), mix(BLUE, (0, 0, 0), 0.1), mix(BLUE, (0, 0, 0), 0.4)]
    cover(HERE / "couverture.jpg", *full, 2025, BLUE, mix(BLUE, ORANGE, 0.55), layers_blue)
    cover(HERE / "quatrieme.jpg", *full, 2026, mix(BLUE, (0, 0, 0), 0.3), BLUE, layers_green)
    cover(HERE / "photo-biodiversite.jpg", *full, 11, (120, 180, 220), (220, 235, 210), layers_green)
    cover(HERE / "photo-ess.jpg", *full, 12, (250, 210, 150), (240, 170, 110), layers_sand)
    cover(HERE / "photo-assemblee.jpg", *full, 13, (90, 130, 190), (200, 215, 235), layers_blue)


if __name__ == "__main__":
    main()
