"""Charts of the annual report as inline SVG (vector in the PDF), in the association's colours.

Pure functions: data from the ContentIndex → an SVG string. Text stays text (selectable,
searchable, tagged) and uses the layout's font. Every chart has a `<title>` for accessibility.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable

from markupsafe import Markup, escape

from airf_site import fonts
from airf_site.content.index import ContentIndex
from airf_site.content.models import EVENT_TYPES
from airf_site.countries import country_name
from airf_site.report.data import events_of_year, webinars
from airf_site.typography import fix_html

PALETTE = ["#1d4e89", "#e67e22", "#1e8449", "#c0392b", "#6c3483", "#148f9c", "#7f8c8d"]
MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
FONT = "font-family=\"Lato, sans-serif\""


def _svg(width: int, height: int, title: str, body: list[str]) -> Markup:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" style="max-width: 100%; height: auto" role="img" '
            f'aria-label="{escape(title)}">'
            f"<title>{escape(title)}</title>")
    # Labels are escaped plain text: typeset the SVG's text nodes once (attributes untouched).
    return Markup(fix_html(head + "".join(body) + "</svg>"))


@functools.lru_cache(maxsize=4)
def _metrics(weight: str) -> tuple[dict[int, int], float]:
    from fontTools.ttLib import TTFont

    font = TTFont(fonts.LATO_DIR / f"Lato-{weight}.ttf", lazy=True)
    hmtx = font["hmtx"]
    widths = {code: hmtx[name][0] for code, name in font.getBestCmap().items()}
    return widths, float(font["head"].unitsPerEm)


def text_width(text: str, size: float, weight: str = "Regular") -> float:
    """Width of `text` set in Lato at `size` (SVG units), from the font's advance widths."""
    widths, em = _metrics(weight)
    fallback = widths.get(ord("n"), em / 2)
    return sum(widths.get(ord(ch), fallback) for ch in text) * size / em


def hbar_chart(title: str, rows: list[tuple[str, int, str]], width: int = 620, unit: str = "",
               amounts: bool = False) -> Markup:
    """Horizontal bars: rows of (label, value, colour), drawn in the given order.

    The label column is as wide as the longest label (measured in the font: labels are never
    cut); `amounts` prints the values as euros.
    """
    bar_h, gap, top = 18, 8, 6
    shown = [(f"{v:,}".replace(",", "\u202f") + "\u00a0€") if amounts else f"{v}{unit}" for _l, v, _c in rows]
    label_w = max([120.0] + [text_width(label, 12) + 14 for label, _v, _c in rows])
    value_w = max([30.0] + [text_width(text, 12, "Bold") + 10 for text in shown])
    height = top + len(rows) * (bar_h + gap) + 4
    maximum = max([v for _l, v, _c in rows] + [1])
    scale = max(width - label_w - value_w, 60) / maximum
    body = []
    for i, (label, value, colour) in enumerate(rows):
        y = top + i * (bar_h + gap)
        length = max(value * scale, 1.5)
        body.append(f'<text x="{label_w - 8:.1f}" y="{y + bar_h - 5}" text-anchor="end" font-size="12" '
                    f'fill="#2c3e50" {FONT}>{escape(label)}</text>')
        body.append(f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}" rx="2" fill="{colour}"/>')
        body.append(f'<text x="{label_w + length + 6:.1f}" y="{y + bar_h - 5}" font-size="12" font-weight="700" '
                    f'fill="#2c3e50" {FONT}>{escape(shown[i])}</text>')
    return _svg(width, height, title, body)


def column_chart(title: str, labels: list[str], values: list[int], colour: str, width: int = 620) -> Markup:
    """Vertical columns with a baseline, value on top of each column."""
    height, bottom, top = 210, 24, 22
    n = max(len(values), 1)
    slot = (width - 20) / n
    maximum = max(values + [1])
    scale = (height - bottom - top) / maximum
    base = height - bottom
    body = [f'<line x1="10" y1="{base}" x2="{width - 10}" y2="{base}" stroke="#95a5a6" stroke-width="1"/>']
    for i, (label, value) in enumerate(zip(labels, values)):
        x = 10 + i * slot + slot * 0.18
        w = slot * 0.64
        h = value * scale
        cx = x + w / 2
        if value:
            body.append(f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{w:.1f}" height="{h:.1f}" rx="2" fill="{colour}"/>')
        body.append(f'<text x="{cx:.1f}" y="{base - h - 5:.1f}" text-anchor="middle" font-size="12" '
                    f'font-weight="700" fill="#2c3e50" {FONT}>{value}</text>')
        body.append(f'<text x="{cx:.1f}" y="{height - 7}" text-anchor="middle" font-size="11" '
                    f'fill="#2c3e50" {FONT}>{escape(label)}</text>')
    return _svg(width, height, title, body)


def donut_chart(title: str, parts: list[tuple[str, int, str]], width: int = 620) -> Markup:
    """Donut with a legend on the right; parts of (label, value, colour)."""
    height, radius, thickness = 200, 86, 34
    cx, cy = 110, height / 2
    total = sum(v for _l, v, _c in parts)
    body, angle = [], -math.pi / 2
    if not total:  # nothing to show: an empty grey ring rather than a division by zero
        body.append(f'<circle cx="{cx}" cy="{cy}" r="{radius - thickness / 2}" fill="none" '
                    f'stroke="#d5dde6" stroke-width="{thickness}"/>')
    for _label, value, colour in parts:
        if not value:
            continue
        sweep = 2 * math.pi * value / total  # value > 0 here, so total > 0
        if sweep >= 2 * math.pi - 1e-6:
            body.append(f'<circle cx="{cx}" cy="{cy}" r="{radius - thickness / 2}" fill="none" '
                        f'stroke="{colour}" stroke-width="{thickness}"/>')
        else:
            r = radius - thickness / 2
            x0, y0 = cx + r * math.cos(angle), cy + r * math.sin(angle)
            x1, y1 = cx + r * math.cos(angle + sweep), cy + r * math.sin(angle + sweep)
            large = 1 if sweep > math.pi else 0
            body.append(f'<path d="M {x0:.2f} {y0:.2f} A {r} {r} 0 {large} 1 {x1:.2f} {y1:.2f}" fill="none" '
                        f'stroke="{colour}" stroke-width="{thickness}"/>')
        angle += sweep
    body.append(f'<text x="{cx}" y="{cy + 10}" text-anchor="middle" font-size="30" font-weight="900" '
                f'fill="#1d4e89" {FONT}>{total}</text>')
    for i, (label, value, colour) in enumerate(parts):
        y = 30 + i * 24
        body.append(f'<rect x="250" y="{y - 12}" width="14" height="14" rx="2" fill="{colour}"/>')
        body.append(f'<text x="272" y="{y}" font-size="13" fill="#2c3e50" {FONT}>'
                    f'{escape(label)} : <tspan font-weight="700">{value}</tspan></text>')
    return _svg(width, height, title, body)


# --- the report's charts -----------------------------------------------------------------


def members_by_country(index: ContentIndex, year: int, colours: dict, projet: str | None = None) -> Markup:
    """Members per country, most members first (the whole network)."""
    counts = sorted(((country_name(code), len(members)) for code, members in index.members_by_country().items()),
                    key=lambda item: (-item[1], item[0]))
    rows = [(name, count, colours["primaire"]) for name, count in counts]
    return hbar_chart("Collectivités membres par pays", rows)


def _events(index: ContentIndex, year: int, projet: str | None):
    return events_of_year(index, year, projet=projet)


def events_by_month(index: ContentIndex, year: int, colours: dict, projet: str | None = None) -> Markup:
    """Events held each month of `year`."""
    months = Counter(e.debut.month for e in _events(index, year, projet))
    return column_chart(f"Rencontres organisées par mois en {year}", MONTHS,
                        [months.get(m, 0) for m in range(1, 13)], colours["primaire"])


def events_by_type(index: ContentIndex, year: int, colours: dict, projet: str | None = None) -> Markup:
    """Donut of the year's events by type."""
    counts = Counter(e.type for e in _events(index, year, projet))
    parts = [(EVENT_TYPES[kind], counts[kind], PALETTE[i % len(PALETTE)])
             for i, kind in enumerate(EVENT_TYPES) if counts.get(kind)]
    return donut_chart(f"Rencontres {year} par type", parts)


def webinar_audience(index: ContentIndex, year: int, colours: dict, projet: str | None = None) -> Markup:
    """Participants of each webinar of `year`, in the colour of its project."""
    rows = []
    for event in webinars(index, year, projet):
        project = index.project(event.projet)
        colour = project.couleur if project else colours["accent"]
        label = f"{event.debut.day:02d}/{event.debut.month:02d} · {project.titre if project else 'AIRF'}"
        rows.append((label, event.participants or 0, colour))
    return hbar_chart(f"Participants aux webinaires {year}", rows)


def news_by_theme(index: ContentIndex, year: int, colours: dict, projet: str | None = None) -> Markup:
    """News of `year` per strategic priority, in the priority's colour."""
    news = [n for n in index.news if n.date.year == year and (projet is None or n.projet == projet)]
    rows = [(theme.titre, sum(1 for n in news if theme.id in n.themes), theme.couleur) for theme in index.themes]
    return hbar_chart(f"Actualités {year} par priorité stratégique", rows)


CHARTS: dict[str, Callable[[ContentIndex, int, dict, str | None], Markup]] = {
    "membres-par-pays": members_by_country,
    "evenements-par-mois": events_by_month,
    "evenements-par-type": events_by_type,
    "participants-webinaires": webinar_audience,
    "actualites-par-theme": news_by_theme,
}


def render_chart(name: str, index: ContentIndex, year: int, colours: dict, projet: str | None = None) -> Markup:
    """The chart `name` (a key of CHARTS) for `year`, as inline SVG; `projet` narrows it to one
    project (members by country ignores it)."""
    return CHARTS[name](index, year, colours, projet)
