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


def cover(path: Path, w_mm: float, h_mm: float, seed: int, top, bottom, layers, sun: bool = True) -> None:
    """One full-page illustration: sky gradient, sun, hills, a dark band for text; saved as JPEG."""
    rng = random.Random(seed)
    img = gradient((px(w_mm), px(h_mm)), top, bottom)
    draw = ImageDraw.Draw(img)
    r = px(rng.uniform(28, 40))
    cx, cy = px(w_mm * rng.uniform(0.6, 0.8)), px(h_mm * rng.uniform(0.2, 0.3))
    if sun:
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


def _save(img: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=82, optimize=True, dpi=(PPI, PPI))


def _shade_bottom(img: Image.Image) -> Image.Image:
    """Darken the lower part so that a white caption stays readable."""
    shade = Image.new("L", img.size, 0)
    sd = ImageDraw.Draw(shade)
    h = img.size[1]
    for y in range(int(h * 0.7), h, 4):
        sd.rectangle((0, y, img.size[0], y + 4), fill=round(140 * (y - h * 0.7) / (h * 0.3)))
    return Image.composite(Image.new("RGB", img.size, (12, 28, 48)), img, shade.filter(ImageFilter.GaussianBlur(8)))


def canopy(path: Path, w_mm: float, h_mm: float, seed: int) -> None:
    """Biodiversity: a canopy of overlapping leaves in greens, seen from below."""
    rng = random.Random(seed)
    img = gradient((px(w_mm), px(h_mm)), (214, 236, 214), (120, 180, 120))
    draw = ImageDraw.Draw(img)
    w, h = img.size
    greens = [mix(GREEN, (255, 255, 255), t) for t in (0.0, 0.15, 0.3, 0.45)] + [mix(GREEN, (0, 0, 0), 0.3)]
    for _ in range(260):
        cx, cy = rng.uniform(-0.1, 1.1) * w, rng.uniform(-0.1, 1.1) * h
        length, angle = rng.uniform(0.08, 0.2) * w, rng.uniform(0, math.pi)
        dx, dy = math.cos(angle) * length / 2, math.sin(angle) * length / 2
        nx, ny = -dy * 0.35, dx * 0.35
        leaf = [(cx - dx, cy - dy), (cx + nx, cy + ny), (cx + dx, cy + dy), (cx - nx, cy - ny)]
        colour = rng.choice(greens)
        draw.polygon(leaf, fill=colour)
        draw.line([(cx - dx, cy - dy), (cx + dx, cy + dy)], fill=mix(colour, (0, 0, 0), 0.25), width=max(2, px(0.6)))
    _save(_shade_bottom(img.filter(ImageFilter.GaussianBlur(1))), path)


def network(path: Path, w_mm: float, h_mm: float, seed: int) -> None:
    """Social and solidarity economy: a network of people-shaped nodes linked together, warm tones."""
    rng = random.Random(seed)
    img = gradient((px(w_mm), px(h_mm)), (252, 226, 190), (236, 160, 110))
    draw = ImageDraw.Draw(img)
    w, h = img.size
    nodes = [(rng.uniform(0.08, 0.92) * w, rng.uniform(0.06, 0.8) * h) for _ in range(34)]
    for x, y in nodes:
        for j in sorted(range(len(nodes)), key=lambda k: (nodes[k][0] - x) ** 2 + (nodes[k][1] - y) ** 2)[1:4]:
            draw.line([(x, y), nodes[j]], fill=mix(RED, SAND, 0.45), width=px(0.8))
    for x, y in nodes:
        r = px(rng.uniform(4, 8))
        colour = rng.choice([RED, ORANGE, mix(RED, (0, 0, 0), 0.25), BLUE])
        draw.ellipse((x - r, y - r * 0.2, x + r, y + r * 1.8), fill=colour)  # body
        draw.ellipse((x - r * 0.6, y - r * 1.6, x + r * 0.6, y - r * 0.4), fill=colour)  # head
    _save(_shade_bottom(img), path)


def hemicycle(path: Path, w_mm: float, h_mm: float, seed: int) -> None:
    """The statutory bodies: a hemicycle of seats seen from above, in the association's blues."""
    rng = random.Random(seed)
    img = gradient((px(w_mm), px(h_mm)), (226, 234, 245), (170, 190, 220))
    draw = ImageDraw.Draw(img)
    w, h = img.size
    cx, cy = w / 2, h * 0.62
    for row in range(9):
        radius = w * (0.14 + row * 0.05)
        seats = 10 + row * 4
        for k in range(seats):
            angle = math.pi + math.pi * (k + 0.5) / seats
            x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            r = px(3.2)
            colour = rng.choice([BLUE, mix(BLUE, (255, 255, 255), 0.35), ORANGE if rng.random() < 0.12 else BLUE])
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    draw.rectangle((cx - px(30), cy + px(6), cx + px(30), cy + px(16)), fill=mix(BLUE, (0, 0, 0), 0.3))
    _save(_shade_bottom(img), path)


def main() -> None:
    """Write every sample image of the 2025 report."""
    # A4 + 3 mm bleed on every side, plus 1 mm: Chromium rounds the sheet up to its device grid
    # and stretches full-bleed pictures with it, which would leave them just under 300 ppi.
    full = (217, 304)
    layers_green = [mix(GREEN, BLUE, 0.2), mix(GREEN, (0, 0, 0), 0.25), mix(GREEN, (0, 0, 0), 0.45)]
    layers_blue = [mix(BLUE, (255, 255, 255), 0.35), mix(BLUE, (0, 0, 0), 0.1), mix(BLUE, (0, 0, 0), 0.4)]
    cover(HERE / "couverture.jpg", *full, 2025, BLUE, mix(BLUE, ORANGE, 0.55), layers_blue)
    cover(HERE / "quatrieme.jpg", *full, 2026, mix(BLUE, (0, 0, 0), 0.3), BLUE, layers_green, sun=False)
    # one distinct picture per chapter: no landscape repeated
    canopy(HERE / "photo-biodiversite.jpg", *full, 11)
    network(HERE / "photo-ess.jpg", *full, 12)
    hemicycle(HERE / "photo-assemblee.jpg", *full, 13)


if __name__ == "__main__":
    main()
