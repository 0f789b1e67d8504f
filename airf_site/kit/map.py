"""Venue map of the programme, drawn as SVG (no map tiles: no request may leave the machine).

Without geodata in the content model, the map is a locator diagram: the venue pin with its
name and address lines, a north arrow and the city, in the visual identity. It says it is a
diagram, not a street plan. Pure: event → SVG string, deterministic.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from airf_site.content.models import Evenement


def venue_lines(event: Evenement) -> list[str]:
    """'Centre de congrès, 50 quai Charles-de-Gaulle, Lyon, France' → one line per part."""
    if event.en_ligne and not event.lieu:
        return ["En ligne"]
    return [part.strip() for part in (event.lieu or "Lieu à préciser").split(",") if part.strip()]


def render_map_svg(event: Evenement, color: str = "#1d4e89", width: int = 480, height: int = 300) -> str:
    """SVG locator diagram of the venue (inline-able in HTML, scales with its box)."""
    lines = venue_lines(event)
    city = lines[-2] if len(lines) >= 3 else lines[-1]
    cx, cy = width * 0.38, height * 0.52
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Plan de situation : {escape(", ".join(lines))}" class="kit-map">',
        f'<rect width="{width}" height="{height}" rx="10" fill="#eef2f7"/>',
    ]
    # Stylised blocks and streets: a recognisable "map" look without pretending to be exact.
    for i in range(6):
        y = 25 + i * 48
        parts.append(f'<line x1="0" y1="{y}" x2="{width}" y2="{y + 20}" stroke="#ffffff" stroke-width="{7 if i % 2 else 4}"/>')
    for i in range(7):
        x = 30 + i * 72
        parts.append(f'<line x1="{x}" y1="0" x2="{x - 30}" y2="{height}" stroke="#ffffff" stroke-width="{7 if i % 3 == 0 else 4}"/>')
    parts.append(f'<path d="M0 {height * 0.82} C {width * 0.3} {height * 0.7}, {width * 0.55} {height * 0.98}, {width} {height * 0.78} '
                 f'L {width} {height} L 0 {height} Z" fill="#cfe0f1"/>')
    parts.append(f'<circle cx="{cx}" cy="{cy}" r="46" fill="{color}" fill-opacity="0.12"/>')
    # The pin.
    parts.append(f'<path d="M{cx} {cy} c -14 -20 -22 -30 -22 -42 a 22 22 0 1 1 44 0 c 0 12 -8 22 -22 42 z" fill="{color}"/>')
    parts.append(f'<circle cx="{cx}" cy="{cy - 42}" r="8" fill="#ffffff"/>')
    # Label box.
    box_x, box_y = cx + 34, cy - 78
    box_w = width - box_x - 14
    parts.append(f'<rect x="{box_x}" y="{box_y}" width="{box_w}" height="{24 + 18 * len(lines[:5])}" rx="6" '
                 f'fill="#ffffff" stroke="{color}" stroke-width="1.5"/>')
    for i, line in enumerate(lines[:5]):
        weight = "900" if i == 0 else "400"
        parts.append(f'<text x="{box_x + 10}" y="{box_y + 22 + 18 * i}" font-family="Lato" font-size="{14 if i == 0 else 12}" '
                     f'font-weight="{weight}" fill="#1a1a1a">{escape(line[:38])}</text>')
    # North arrow.
    nx, ny = width - 34, height - 70
    parts.append(f'<path d="M{nx} {ny - 22} l 9 26 l -9 -7 l -9 7 z" fill="#1a1a1a"/>')
    parts.append(f'<text x="{nx}" y="{ny + 20}" text-anchor="middle" font-family="Lato" font-size="12" font-weight="700">N</text>')
    parts.append(f'<text x="14" y="{height - 12}" font-family="Lato" font-size="11" fill="#333333">'
                 f'Plan de situation — {escape(city)} (schéma, sans échelle)</text>')
    parts.append("</svg>")
    return "".join(parts)
