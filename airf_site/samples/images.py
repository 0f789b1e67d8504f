"""Generate the sample content's illustrations and partner logos with Pillow.

Every image of the sample content is drawn here — abstract landscapes, stylised maps, charts,
pictograms, meetings of geometric figures — in the colours of the four strategic themes, so no
photograph comes from outside and nobody is depicted realistically. The drawing is seeded per
image: the same Pillow version writes the same bytes on every run.

Run once from the repository root and commit the outputs:

    .venv/bin/python -m airf_site.samples.images            # writes into content/images/
    .venv/bin/python -m airf_site.samples.images --check    # lists what would be written
"""

from __future__ import annotations

import argparse
import math
import random
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

# Theme colours (content/donnees/themes.yml) plus the association's neutrals.
BLUE, RED, ORANGE, GREEN = (29, 78, 137), (192, 57, 43), (230, 126, 34), (30, 132, 73)
SAND, CREAM, INK, SKY = (236, 222, 196), (250, 246, 238), (33, 37, 41), (214, 230, 242)
PALETTES = {
    "territoires": [BLUE, (86, 135, 190), (160, 190, 222), ORANGE],
    "economie": [RED, (222, 120, 96), (245, 190, 170), BLUE],
    "jeunesse": [ORANGE, (243, 170, 90), (250, 215, 160), BLUE],
    "environnement": [GREEN, (92, 170, 110), (176, 216, 170), BLUE],
}
WIDTH, HEIGHT, SCALE = 1600, 900, 2  # drawn at 2× then reduced: cheap anti-aliasing
FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation"]


def _font(size: int, bold: bool = True) -> ImageFont.ImageFont:
    """DejaVu Sans (Debian's fonts-dejavu-core) when present, Pillow's bundled font otherwise."""
    names = ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"] if bold else ["DejaVuSans.ttf", "LiberationSans-Regular.ttf"]
    for folder in FONT_DIRS:
        for name in names:
            path = Path(folder) / name
            if path.is_file():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _mix(a: tuple, b: tuple, t: float) -> tuple:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def _canvas(top: tuple, bottom: tuple, size=(WIDTH, HEIGHT)) -> Image.Image:
    """A vertical gradient background at drawing scale."""
    w, h = size[0] * SCALE, size[1] * SCALE
    img = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(img)
    for y in range(0, h, 2):
        draw.rectangle([0, y, w, y + 1], fill=_mix(top, bottom, y / h))
    return img


def _ridge(rng: random.Random, w: int, base: float, amp: float) -> list[tuple[float, float]]:
    """A hill line: a sum of three seeded sines."""
    waves = [(rng.uniform(0.5, 1.5) / w * 2 * math.pi * k, rng.uniform(0, 6.3), amp / k) for k in (1, 2, 4)]
    return [(x, base + sum(a * math.sin(f * x + p) for f, p, a in waves)) for x in range(0, w + 40, 40)]


def landscape(rng: random.Random, palette: list[tuple], size=(WIDTH, HEIGHT)) -> Image.Image:
    """Layered hills under a sun, a river band and stylised trees."""
    img = _canvas(_mix(SKY, palette[2], 0.3), CREAM, size)
    w, h = img.size
    draw = ImageDraw.Draw(img)
    sx, sy, r = rng.uniform(0.15, 0.85) * w, rng.uniform(0.18, 0.32) * h, 0.08 * h
    draw.ellipse([sx - r * 1.6, sy - r * 1.6, sx + r * 1.6, sy + r * 1.6], fill=_mix(CREAM, ORANGE, 0.25))
    draw.ellipse([sx - r, sy - r, sx + r, sy + r], fill=_mix(ORANGE, (255, 255, 255), 0.2))
    layers = 4
    for i in range(layers):
        t = i / (layers - 1)
        color = _mix(_mix(palette[2], SKY, 0.3), palette[0], t)
        line = _ridge(rng, w, h * (0.42 + 0.14 * i), h * (0.07 - 0.01 * i))
        draw.polygon(line + [(w + 40, h), (0, h)], fill=color)
        if i == 1:  # a river winding through the middle ground
            phase = rng.uniform(0, 6.3)
            pts = [(x, h * 0.66 + h * 0.03 * math.sin(x / w * 7 + phase)) for x in range(0, w + 40, 40)]
            draw.line(pts, fill=_mix(SKY, BLUE, 0.35), width=int(h * 0.025), joint="curve")
        if i == 2:
            for _ in range(rng.randint(9, 16)):
                x = rng.uniform(0, w)
                y = next(py for px, py in line if px >= x - 40) + rng.uniform(0.02, 0.08) * h
                th = rng.uniform(0.06, 0.11) * h
                draw.rectangle([x - th * 0.04, y, x + th * 0.04, y + th * 0.3], fill=_mix(INK, palette[0], 0.5))
                draw.polygon([(x, y - th), (x - th * 0.32, y + th * 0.05), (x + th * 0.32, y + th * 0.05)],
                             fill=_mix(palette[0], INK, 0.25))
    return img


def stylised_map(rng: random.Random, palette: list[tuple], size=(WIDTH, HEIGHT)) -> Image.Image:
    """Land masses as soft blobs, regions as dots, cooperation as arcs between them."""
    img = _canvas(_mix(SKY, palette[2], 0.2), _mix(SKY, CREAM, 0.5), size)
    w, h = img.size
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randint(3, 5)):
        cx, cy, rad = rng.uniform(0.1, 0.9) * w, rng.uniform(0.2, 0.8) * h, rng.uniform(0.15, 0.3) * h
        phases = [rng.uniform(0, 6.3) for _ in range(3)]
        pts = []
        for k in range(72):
            a = k / 72 * 2 * math.pi
            rr = rad * (1 + 0.18 * math.sin(3 * a + phases[0]) + 0.1 * math.sin(5 * a + phases[1])
                        + 0.06 * math.sin(9 * a + phases[2]))
            pts.append((cx + rr * 1.5 * math.cos(a), cy + rr * math.sin(a)))
        draw.polygon(pts, fill=_mix(SAND, palette[2], 0.35), outline=_mix(palette[1], CREAM, 0.3), width=6)
    for y in range(int(h * 0.1), h, int(h * 0.1)):  # parallels, like an old chart
        draw.line([(0, y), (w, y)], fill=_mix(SKY, CREAM, 0.6), width=2)
    cities = [(rng.uniform(0.08, 0.92) * w, rng.uniform(0.12, 0.88) * h) for _ in range(rng.randint(7, 11))]
    hub = cities[0]
    for c in cities[1:]:
        mx, my = (hub[0] + c[0]) / 2, min(hub[1], c[1]) - 0.12 * h
        arc = [(((1 - t) ** 2) * hub[0] + 2 * (1 - t) * t * mx + t * t * c[0],
                ((1 - t) ** 2) * hub[1] + 2 * (1 - t) * t * my + t * t * c[1]) for t in [i / 40 for i in range(41)]]
        for i in range(0, 40, 2):  # dashed
            draw.line(arc[i:i + 2], fill=palette[0], width=6)
    for i, (x, y) in enumerate(cities):
        r = 0.03 * h if i == 0 else 0.018 * h
        draw.ellipse([x - r * 1.8, y - r * 1.8, x + r * 1.8, y + r * 1.8], fill=_mix(palette[3], CREAM, 0.7))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=palette[3] if i else palette[0], outline=CREAM, width=5)
    return img


def chart(rng: random.Random, palette: list[tuple], size=(WIDTH, HEIGHT)) -> Image.Image:
    """Rising bars and a trend line on a light grid (no text: the article gives the figures)."""
    img = _canvas(CREAM, (255, 255, 255), size)
    w, h = img.size
    draw = ImageDraw.Draw(img)
    left, right, top, bottom = 0.1 * w, 0.92 * w, 0.12 * h, 0.85 * h
    for k in range(6):
        y = bottom - k * (bottom - top) / 5
        draw.line([(left, y), (right, y)], fill=(225, 225, 225), width=3)
    draw.line([(left, top), (left, bottom), (right, bottom)], fill=INK, width=6)
    n = rng.randint(5, 8)
    step = (right - left) / n
    value, tops = rng.uniform(0.2, 0.35), []
    for i in range(n):
        value = min(0.95, value + rng.uniform(-0.05, 0.16))
        x0 = left + i * step + step * 0.18
        y0 = bottom - value * (bottom - top)
        draw.rounded_rectangle([x0, y0, x0 + step * 0.64, bottom - 3], radius=12, fill=palette[i % 2])
        tops.append((x0 + step * 0.32, y0 - 0.06 * h))
    draw.line(tops, fill=palette[3], width=10, joint="curve")
    for x, y in tops:
        draw.ellipse([x - 16, y - 16, x + 16, y + 16], fill=palette[3], outline=(255, 255, 255), width=5)
    return img


def _figure(draw: ImageDraw.ImageDraw, x: float, y: float, s: float, color: tuple) -> None:
    """A person as two geometric shapes — deliberately not a portrait."""
    draw.ellipse([x - s * 0.35, y - s * 1.35, x + s * 0.35, y - s * 0.65], fill=_mix(color, CREAM, 0.35))
    draw.pieslice([x - s * 0.7, y - s * 0.55, x + s * 0.7, y + s * 0.85], 180, 360, fill=color)


def meeting(rng: random.Random, palette: list[tuple], size=(WIDTH, HEIGHT)) -> Image.Image:
    """A plenary room seen from the back: rows of figures facing a stage and a screen."""
    img = _canvas(_mix(CREAM, palette[2], 0.3), CREAM, size)
    w, h = img.size
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle([0.28 * w, 0.08 * h, 0.72 * w, 0.4 * h], radius=20, fill=(255, 255, 255),
                           outline=palette[0], width=10)
    stylised = stylised_map(rng, palette, (int(0.4 * w / SCALE), int(0.28 * h / SCALE)))
    img.paste(stylised.resize((int(0.4 * w), int(0.28 * h))), (int(0.3 * w), int(0.1 * h)))
    for k in range(3):  # speakers seated behind the table, which hides their lower half
        _figure(draw, w * (0.38 + 0.12 * k), 0.45 * h, 0.045 * h, palette[3])
    draw.rectangle([0.15 * w, 0.45 * h, 0.85 * w, 0.51 * h], fill=palette[0])
    for row in range(3):
        y = h * (0.68 + 0.14 * row)
        s = 0.05 * h * (1 + 0.18 * row)
        count = 9 + row * 2
        for k in range(count):
            x = w * (k + 0.5 + (row % 2) * 0.3) / count
            _figure(draw, x, y, s, palette[rng.randrange(0, 4)] if rng.random() < 0.5 else palette[1])
    return img


def webinar(rng: random.Random, palette: list[tuple], size=(WIDTH, HEIGHT)) -> Image.Image:
    """A video-conference screen: a grid of tiles, each with a geometric figure."""
    img = _canvas(_mix(INK, palette[0], 0.4), INK, size)
    w, h = img.size
    draw = ImageDraw.Draw(img)
    cols, rows = 4, 3
    pad = 0.03 * h
    tw, th = (w - pad * (cols + 1)) / cols, (h * 0.86 - pad * (rows + 1)) / rows
    for r in range(rows):
        for c in range(cols):
            x0, y0 = pad + c * (tw + pad), pad + r * (th + pad)
            bg = _mix(palette[rng.randrange(1, 4)], CREAM, rng.uniform(0.3, 0.6))
            draw.rounded_rectangle([x0, y0, x0 + tw, y0 + th], radius=16, fill=bg)
            if (r, c) == (0, 0):  # the shared slide
                draw.rectangle([x0 + tw * 0.1, y0 + th * 0.15, x0 + tw * 0.9, y0 + th * 0.25], fill=palette[0])
                for k in range(3):
                    draw.rectangle([x0 + tw * 0.1, y0 + th * (0.38 + 0.14 * k),
                                    x0 + tw * rng.uniform(0.5, 0.85), y0 + th * (0.45 + 0.14 * k)], fill=(255, 255, 255))
            else:
                _figure(draw, x0 + tw / 2, y0 + th * 0.85, th * 0.42, _mix(palette[rng.randrange(0, 4)], INK, 0.15))
    bar_y = h * 0.9
    for k in range(5):  # control buttons
        x = w / 2 + (k - 2) * 0.07 * w
        draw.ellipse([x - 0.03 * h, bar_y - 0.03 * h, x + 0.03 * h, bar_y + 0.03 * h],
                     fill=RED if k == 2 else _mix(CREAM, INK, 0.5))
    return img


def _drop(d, cx, cy, s, color):
    d.polygon([(cx, cy - s), (cx - s * 0.62, cy + s * 0.15), (cx + s * 0.62, cy + s * 0.15)], fill=color)
    d.ellipse([cx - s * 0.66, cy - s * 0.3, cx + s * 0.66, cy + s * 0.95], fill=color)


def _leaf(d, cx, cy, s, color):
    d.chord([cx - s, cy - s * 0.5, cx + s * 0.6, cy + s * 1.1], 200, 20, fill=color)
    d.chord([cx - s * 0.6, cy - s * 1.1, cx + s, cy + s * 0.5], 20, 200, fill=color)
    d.line([(cx - s * 0.8, cy + s * 0.8), (cx + s * 0.8, cy - s * 0.8)], fill=CREAM, width=int(s * 0.08))


def _sun(d, cx, cy, s, color):
    for k in range(12):
        a = k * math.pi / 6
        d.line([(cx + s * 0.7 * math.cos(a), cy + s * 0.7 * math.sin(a)),
                (cx + s * math.cos(a), cy + s * math.sin(a))], fill=color, width=int(s * 0.1))
    d.ellipse([cx - s * 0.5, cy - s * 0.5, cx + s * 0.5, cy + s * 0.5], fill=color)


def _book(d, cx, cy, s, color):
    d.polygon([(cx, cy - s * 0.4), (cx - s, cy - s * 0.7), (cx - s, cy + s * 0.6), (cx, cy + s * 0.9)], fill=color)
    d.polygon([(cx, cy - s * 0.4), (cx + s, cy - s * 0.7), (cx + s, cy + s * 0.6), (cx, cy + s * 0.9)],
              fill=_mix(color, INK, 0.2))
    for k in range(3):
        y = cy - s * 0.25 + k * s * 0.3
        d.line([(cx - s * 0.8, y - s * 0.2), (cx - s * 0.15, y)], fill=CREAM, width=int(s * 0.06))


def _hands(d, cx, cy, s, color):
    """Two interlocking rings: partnership, cooperatives."""
    for dx, c in ((-0.35, color), (0.35, _mix(color, INK, 0.25))):
        d.ellipse([cx + (dx - 0.6) * s, cy - 0.6 * s, cx + (dx + 0.6) * s, cy + 0.6 * s], outline=c, width=int(s * 0.2))


PICTOS = {"eau": _drop, "biodiversite": _leaf, "energie": _sun, "formation": _book, "cooperation": _hands}


def pictogram(rng: random.Random, palette: list[tuple], size=(WIDTH, HEIGHT), motifs=("eau",)) -> Image.Image:
    """Large pictograms on concentric rings, the motif chosen by the article's subject."""
    img = _canvas(_mix(palette[2], CREAM, 0.5), CREAM, size)
    w, h = img.size
    draw = ImageDraw.Draw(img)
    for _k in range(14):  # a scatter of small dots: texture without noise (which would bloat JPEGs)
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.01, 0.03) * h
        draw.ellipse([x - r, y - r, x + r, y + r], fill=_mix(palette[2], CREAM, 0.3))
    n = len(motifs)
    for i, motif in enumerate(motifs):
        cx, cy = w * (i + 1) / (n + 1), h * 0.5
        shrink = min(1 if n == 1 else 0.75, w / (n + 1) * 0.46 / (0.4 * h))  # rings must not overlap
        for k, t in enumerate((0.4, 0.33, 0.27)):
            rr = h * t * shrink
            draw.ellipse([cx - rr, cy - rr, cx + rr, cy + rr], fill=_mix(palette[k % 3], CREAM, 0.25 + 0.3 * k))
        PICTOS[motif](draw, cx, cy, h * 0.17 * shrink, palette[3] if i % 2 else palette[0])
    return img


STYLES = {"paysage": landscape, "carte": stylised_map, "graphique": chart, "reunion": meeting,
          "webinaire": webinar, "pictogramme": pictogram}

# (folder, name, style, palette, extra arguments). The name is the file stem under content/images/<folder>/.
ILLUSTRATIONS: list[tuple[str, str, str, str, dict]] = []


def _add(folder: str, name: str, style: str, palette: str, **extra) -> None:
    ILLUSTRATIONS.append((folder, name, style, palette, extra))


# News items.
_add("actualites", "lancement-terress", "pictogramme", "economie", motifs=("cooperation",))
_add("actualites", "coopr-deuxieme-annee", "paysage", "environnement")
_add("actualites", "bureau-rabat-2025", "reunion", "territoires")
_add("actualites", "assemblee-generale-2025", "reunion", "jeunesse")
_add("actualites", "regroupement-saint-louis", "carte", "environnement")
_add("actualites", "rapport-intermediaire-2025", "graphique", "economie")
_add("actualites", "francophonie-20-mars", "pictogramme", "jeunesse", motifs=("formation", "cooperation"))
_add("actualites", "agadez-energie", "pictogramme", "environnement", motifs=("energie",))
_add("actualites", "webinaire-commande-publique", "webinaire", "economie")
_add("actualites", "incubateur-bouake", "pictogramme", "economie", motifs=("cooperation", "formation"))
_add("actualites", "aires-protegees", "paysage", "territoires")
# Events.
_add("evenements", "webinaire-coopr", "webinaire", "environnement")
_add("evenements", "webinaire-terress", "webinaire", "economie")
_add("evenements", "assemblee-generale-2027", "carte", "territoires")
_add("evenements", "regroupement-bouake", "carte", "economie")
# Fact sheets.
_add("fiches", "souss-massa-eau", "pictogramme", "environnement", motifs=("eau",))
_add("fiches", "souss-massa-chiffres", "graphique", "environnement")
_add("fiches", "saint-louis-mangrove", "paysage", "environnement")
_add("fiches", "hainaut-marches", "graphique", "economie")
_add("fiches", "gbeke-incubateur", "pictogramme", "jeunesse", motifs=("cooperation",))
_add("fiches", "sfax-formation", "pictogramme", "jeunesse", motifs=("formation", "energie"))
_add("fiches", "atsinanana-corridor", "paysage", "environnement")
_add("fiches", "atsinanana-carte", "carte", "environnement")
# Projects: square.
_add("projets", "coopr", "paysage", "environnement", square=True)
_add("projets", "terress", "pictogramme", "economie", square=True, motifs=("cooperation", "formation"))

# Logos of partners: (id, acronym, full name, colour). Typographic placeholders, not the real logos.
LOGOS = [
    ("meae", "MEAE", "Ministère de l'Europe\net des Affaires étrangères", BLUE),
    ("oif", "OIF", "Organisation internationale\nde la Francophonie", (122, 38, 110)),
    ("afd", "AFD", "Agence française\nde développement", (0, 111, 128)),
    ("cites-unies-france", "CUF", "Cités Unies France", RED),
    ("aimf", "AIMF", "Association internationale\ndes maires francophones", (40, 100, 60)),
    ("auf", "AUF", "Agence universitaire\nde la Francophonie", ORANGE),
]


def seed_for(name: str) -> int:
    """A stable per-image seed (Python's hash() is salted per process; crc32 is not)."""
    return zlib.crc32(name.encode("utf-8"))


def render_illustration(name: str, style: str, palette: str, square: bool = False, **extra) -> Image.Image:
    """Draw one illustration at its final size (1600×900, or 1200×1200 when square)."""
    size = (1200, 1200) if square else (WIDTH, HEIGHT)
    img = STYLES[style](random.Random(seed_for(name)), PALETTES[palette], size, **extra)
    return img.resize(size, Image.LANCZOS).filter(ImageFilter.SMOOTH_MORE if style == "carte" else ImageFilter.SHARPEN)


def render_logo(acronym: str, full_name: str, color: tuple) -> Image.Image:
    """A plain typographic badge: coloured square with the acronym, full name beside it."""
    w, h = 720, 240
    img = Image.new("RGBA", (w * SCALE, h * SCALE), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    s = h * SCALE
    draw.rounded_rectangle([16, 16, s - 16, s - 16], radius=48, fill=color + (255,))
    big = _font(int(s * (0.34 if len(acronym) <= 3 else 0.26)))
    draw.text((s / 2, s / 2), acronym, font=big, fill=(255, 255, 255, 255), anchor="mm")
    small = _font(int(s * 0.11), bold=False)
    draw.multiline_text((s + 40, s / 2), full_name, font=small, fill=INK + (255,), anchor="lm", spacing=12)
    return img.resize((w, h), Image.LANCZOS)


def write_all(content: Path, dry_run: bool = False) -> list[Path]:
    """Write every illustration and logo under content/images/; return the paths."""
    written = []
    for folder, name, style, palette, extra in ILLUSTRATIONS:
        path = content / "images" / folder / f"{name}.jpg"
        written.append(path)
        if not dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            render_illustration(name, style, palette, **extra).save(path, "JPEG", quality=82, optimize=True,
                                                                    progressive=True)
    for ident, acronym, full_name, color in LOGOS:
        path = content / "images" / "partenaires" / f"{ident}.png"
        written.append(path)
        if not dry_run:
            path.parent.mkdir(parents=True, exist_ok=True)
            render_logo(acronym, full_name, color).save(path, "PNG", optimize=True)
    return written


def main(argv: list[str] | None = None) -> None:
    """Command-line entry: generate (or list with --check) the sample images."""
    parser = argparse.ArgumentParser(description="Génère les illustrations du contenu d'exemple.")
    parser.add_argument("content", nargs="?", default="content", type=Path, help="dossier content/")
    parser.add_argument("--check", action="store_true", help="affiche les fichiers sans les écrire")
    args = parser.parse_args(argv)
    for path in write_all(args.content, dry_run=args.check):
        size = "" if args.check else f" ({path.stat().st_size // 1024} Ko)"
        print(f"{path}{size}")


if __name__ == "__main__":
    main()
