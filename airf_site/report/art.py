"""Generated vector illustrations of the report's chapters, one motif per chapter.

Each chapter has its own motif (quarter circles, rings, tiles, leaves, radiating arcs, a
halftone of dots, a basket weave…), drawn deterministically from its number: no two chapters look
alike. The motif appears twice: in light tints across the top of the chapter's opener (full
bleed, `render_opener_art`), and closing the chapter: a chapter rarely ends at the foot of a
page, and the space left on its last page (measured in the first rendering) is filled with the
motif in the chapter's colour instead of staying blank (`render_art`).

Flat colours with opacity only (no gradient): the print conversion to CMYK handles them, and
the shapes stay sharp at any size. Decorative: hidden from screen readers.
"""

from __future__ import annotations

import math
import random

from markupsafe import Markup


def _tint(colour: str, share: float) -> str:
    """`colour` mixed with white (share 0 = colour, 1 = white)."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(v + (255 - v) * share):02x}" for v in (r, g, b))


def _waves(rng, w, h, colour):
    out = []
    for i in range(7):
        y0, amp, freq = h * (0.2 + i * 0.12), h * rng.uniform(0.04, 0.09), rng.uniform(1.5, 3)
        pts = " ".join(f"{x:.1f},{y0 + amp * math.sin(freq * 2 * math.pi * x / w + i):.1f}" for x in range(0, int(w) + 10, 10))
        out.append(f'<polygon points="0,{h} {pts} {w},{h}" fill="{_tint(colour, 0.75 - i * 0.1)}" fill-opacity="0.55"/>')
    return out


def _leaves(rng, w, h, colour):
    out = []
    for _ in range(46):
        cx, cy, size = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.06, 0.16) * min(w, h) * 1.6
        angle = rng.uniform(0, 180)
        out.append(f'<ellipse cx="{cx:.1f}" cy="{cy:.1f}" rx="{size:.1f}" ry="{size * 0.32:.1f}" '
                   f'transform="rotate({angle:.0f} {cx:.1f} {cy:.1f})" fill="{_tint(colour, rng.uniform(0, 0.6))}" '
                   f'fill-opacity="0.7"/>')
    return out


def _network(rng, w, h, colour):
    nodes = [(rng.uniform(0.05, 0.95) * w, rng.uniform(0.08, 0.92) * h) for _ in range(26)]
    out = []
    for x, y in nodes:
        near = sorted(nodes, key=lambda n: (n[0] - x) ** 2 + (n[1] - y) ** 2)[1:3]
        out += [f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{a:.1f}" y2="{b:.1f}" stroke="{_tint(colour, 0.5)}" '
                f'stroke-width="1.5"/>' for a, b in near]
    out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{rng.uniform(5, 13):.1f}" fill="{_tint(colour, rng.uniform(0, 0.4))}"/>'
            for x, y in nodes]
    return out


def _hemicycle(rng, w, h, colour):
    out, cx, cy = [], w / 2, h * 0.95
    for row in range(8):
        radius = min(w / 2, h) * (0.25 + row * 0.09)
        seats = 9 + row * 3
        for k in range(seats):
            angle = math.pi + math.pi * (k + 0.5) / seats
            out.append(f'<circle cx="{cx + radius * math.cos(angle):.1f}" cy="{cy + radius * math.sin(angle):.1f}" '
                       f'r="{min(w, h) * 0.018:.1f}" fill="{_tint(colour, 0.55 if rng.random() < 0.7 else 0)}"/>')
    return out


def _columns(rng, w, h, colour):
    out, n = [], 14
    for i in range(n):
        height = h * rng.uniform(0.2, 0.95)
        out.append(f'<rect x="{w * i / n + 3:.1f}" y="{h - height:.1f}" width="{w / n - 6:.1f}" height="{height:.1f}" '
                   f'rx="3" fill="{_tint(colour, 0.2 + 0.5 * (i % 3) / 2)}" fill-opacity="0.8"/>')
    return out


def _rings(rng, w, h, colour):
    out = []
    for _ in range(9):
        cx, cy, r = rng.uniform(0.1, 0.9) * w, rng.uniform(0.2, 0.8) * h, rng.uniform(0.1, 0.3) * min(w, h) * 1.5
        out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="none" stroke="{_tint(colour, rng.uniform(0, 0.6))}" '
                   f'stroke-width="{rng.uniform(4, 14):.1f}" stroke-opacity="0.7"/>')
    return out


def _tiles(rng, w, h, colour):
    out, size = [], min(w, h) / 6
    for row in range(int(h // size) + 1):
        for col in range(int(w // size) + 1):
            if rng.random() < 0.55:
                x, y = col * size, row * size
                pts = [(x, y), (x + size, y), (x + size, y + size)] if rng.random() < 0.5 else \
                    [(x, y), (x + size, y + size), (x, y + size)]
                out.append(f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in pts)}" '
                           f'fill="{_tint(colour, rng.uniform(0.1, 0.7))}"/>')
    return out


def _quarters(rng, w, h, colour):
    """A grid of quarter circles, each turned towards one corner (four tints: four priorities)."""
    out, size = [], min(w, h) / 4
    tints = [_tint(colour, share) for share in (0.05, 0.3, 0.5, 0.7)]
    for row in range(math.ceil(h / size)):
        for col in range(math.ceil(w / size)):
            if rng.random() < 0.25:
                continue
            x, y = col * size, row * size
            cx, cy = x + size * rng.randint(0, 1), y + size * rng.randint(0, 1)  # the centre, a corner
            ox, oy = 2 * x + size - cx, 2 * y + size - cy  # the opposite corner's coordinates
            sweep = 1 if (ox - cx) * (oy - cy) > 0 else 0
            out.append(f'<path d="M{cx:.1f},{cy:.1f} L{ox:.1f},{cy:.1f} A{size:.1f},{size:.1f} 0 0 {sweep} '
                       f'{cx:.1f},{oy:.1f} Z" fill="{rng.choice(tints)}"/>')
    return out


def _signal(rng, w, h, colour):
    """Arcs radiating from two sources, as a voice carries (communication)."""
    out = []
    for sx, sy, count in ((w * 0.12, h * 0.88, 16), (w * 0.9, h * 0.15, 9)):
        step = max(w, h) / 14
        for i in range(1, count + 1):
            out.append(f'<circle cx="{sx:.1f}" cy="{sy:.1f}" r="{i * step:.1f}" fill="none" '
                       f'stroke="{_tint(colour, rng.uniform(0, 0.6))}" stroke-width="{rng.uniform(0.15, 0.4) * step:.1f}" '
                       f'stroke-opacity="0.75"/>')
    return out


def _dots(rng, w, h, colour):
    """A halftone of dots swelling along a diagonal (coins, for the finances)."""
    out, step = [], min(w, h) / 12
    for row in range(int((h - step / 2) // step) + 1):  # whole dots along the lower edge
        for col in range(math.ceil(w / step) + 1):
            x, y = col * step, row * step
            swell = 0.5 + 0.5 * math.sin((x / w + y / h) * math.pi * 1.6 + 0.6)
            radius = step * (0.12 + 0.36 * swell) * rng.uniform(0.85, 1.0)
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{_tint(colour, 0.6 - 0.5 * swell)}"/>')
    return out


def _weave(rng, w, h, colour):
    """A basket weave: strips alternately across and along (partners woven together)."""
    out, size = [], min(w, h) / 5
    gap = size / 16
    for row in range(math.ceil(h / size)):
        for col in range(math.ceil(w / size)):
            x, y = col * size, row * size
            fill = _tint(colour, rng.choice((0.1, 0.35, 0.6)))
            for k in range(3):
                band = (size - 4 * gap) / 3
                offset = gap + k * (band + gap)
                if (row + col) % 2:
                    out.append(f'<rect x="{x + gap:.1f}" y="{y + offset:.1f}" width="{size - 2 * gap:.1f}" '
                               f'height="{band:.1f}" rx="{band / 2:.1f}" fill="{fill}"/>')
                else:
                    out.append(f'<rect x="{x + offset:.1f}" y="{y + gap:.1f}" width="{band:.1f}" '
                               f'height="{size - 2 * gap:.1f}" rx="{band / 2:.1f}" fill="{fill}"/>')
    return out


# In chapter order. Chosen unlike the sample photographs (sun over hills on the covers, leaves,
# a network, a hemicycle after chapters 2 to 4) and unlike the charts (no bars): no motif is
# seen twice in a row, nor mistaken for data.
MOTIFS = [_quarters, _rings, _tiles, _leaves, _signal, _dots, _weave, _network, _waves, _hemicycle, _columns]


def render_art(number: int, colour: str, width_mm: float, height_mm: float) -> Markup:
    """The closing illustration of chapter `number` (1-based), `width_mm` × `height_mm`, as SVG."""
    w, h = width_mm * 4, height_mm * 4  # 4 user units a millimetre
    rng = random.Random(number * 7919)
    shapes = MOTIFS[(number - 1) % len(MOTIFS)](rng, w, h, colour)
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="chapter-art" viewBox="0 0 {w:.0f} {h:.0f}" '
                  f'width="{width_mm:.1f}mm" height="{height_mm:.1f}mm" aria-hidden="true" '
                  f'preserveAspectRatio="none">'
                  f'<rect width="{w:.0f}" height="{h:.0f}" fill="{_tint(colour, 0.9)}"/>{"".join(shapes)}</svg>')


def render_opener_art(number: int, colour: str, width_mm: float, height_mm: float) -> Markup:
    """Chapter `number`'s motif in light tints, to lie on its opener's `colour` (no background):
    a patterned band across the top of the page, the chapter title on the plain colour below."""
    w, h = width_mm * 4, height_mm * 4
    rng = random.Random(number * 7919 + 1)  # the chapter's motif, drawn afresh
    shapes = MOTIFS[(number - 1) % len(MOTIFS)](rng, w, h, _tint(colour, 0.4))
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="opener-art" viewBox="0 0 {w:.0f} {h:.0f}" '
                  f'width="{width_mm:.1f}mm" height="{height_mm:.1f}mm" aria-hidden="true">'
                  f'<g opacity="0.5">{"".join(shapes)}</g></svg>')
