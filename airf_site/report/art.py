"""Generated vector illustrations closing the chapters of the report, one motif per chapter.

A chapter rarely ends at the foot of a page; the space left on its last page (measured in the
first rendering) is filled with an illustration in the chapter's colour instead of staying
blank. Each chapter gets its own motif (waves, leaves, a network, a hemicycle of dots, columns,
rings, a grid of tiles), drawn deterministically from its number: no two chapters look alike.

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


# in chapter order; chosen unlike the sample photos that follow chapters 2 to 4 (leaves, network, hemicycle)
MOTIFS = [_waves, _rings, _tiles, _leaves, _hemicycle, _columns, _network]


def render_art(number: int, colour: str, width_mm: float, height_mm: float) -> Markup:
    """The closing illustration of chapter `number` (1-based), `width_mm` × `height_mm`, as SVG."""
    w, h = width_mm * 4, height_mm * 4  # 4 user units a millimetre
    rng = random.Random(number * 7919)
    shapes = MOTIFS[(number - 1) % len(MOTIFS)](rng, w, h, colour)
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="chapter-art" viewBox="0 0 {w:.0f} {h:.0f}" '
                  f'width="{width_mm:.1f}mm" height="{height_mm:.1f}mm" aria-hidden="true" '
                  f'preserveAspectRatio="none">'
                  f'<rect width="{w:.0f}" height="{h:.0f}" fill="{_tint(colour, 0.9)}"/>{"".join(shapes)}</svg>')
