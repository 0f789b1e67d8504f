"""Pure render functions of the meetings kit: event + participants → HTML strings.

Nothing here touches the disk or the browser, so every layout is testable as HTML: the
programme (print booklet and the fragment the website embeds), the A3 poster, the badge
sheets and the folded table name cards. Printing is `kit.py`'s job.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import segno
from markupsafe import Markup, escape
from PIL import ImageFont

from airf_site import fonts
from airf_site.content.models import Evenement
from airf_site.kit.participants import Participant
from airf_site.kit.settings import ROLES
from airf_site.print.printer import font_face_css
from airf_site.programme import Day, date_range_fr, programme_days, render_programme_html  # noqa: F401
from airf_site.project import Project
from airf_site.templating import create_env

# Badge grid on A4: 2 columns × 4 rows of 90 × 60 mm badges (standard badge-holder inserts),
# centred, edges touching so one straight cut separates two badges.
BADGE_W, BADGE_H = 90.0, 60.0
BADGE_COLS, BADGE_ROWS = 2, 4
PER_SHEET = BADGE_COLS * BADGE_ROWS
SHEET_W, SHEET_H = 210.0, 297.0
MARGIN_X = (SHEET_W - BADGE_COLS * BADGE_W) / 2
MARGIN_Y = (SHEET_H - BADGE_ROWS * BADGE_H) / 2
PT_PER_MM = 72 / 25.4
WEIGHTS = {"Regular": 400, "Bold": 700, "Black": 900}

ROLE_COLORS = {
    "membre": "#1d4e89",
    "partenaire": "#1e8449",
    "equipe": "#6c3483",
    "intervenant": "#c0392b",
}


@functools.cache
def _font(path: Path) -> ImageFont.FreeTypeFont:
    # Raqm shapes like Chromium's HarfBuzz: joined Arabic letters, marks placed on their base.
    return ImageFont.truetype(str(path), 100, layout_engine=ImageFont.Layout.RAQM)


def text_length(text: str, weight: str = "Black") -> float:
    """Width of `text` at 100 pt, in points, drawn by the identity's fonts as Chromium picks
    them (fonts.runs: Lato, then Source Sans Pro, Noto Sans or Noto Sans Arabic)."""
    return sum(_font(path).getlength(run) for path, run in fonts.runs(text, WEIGHTS[weight]))


def fit_pt(text: str, width_mm: float, max_pt: float, min_pt: float, weight: str = "Black") -> float:
    """Largest font size (pt, ≤ max_pt, ≥ min_pt) at which `text` fits on one line of `width_mm`.

    Measured with the very files Chromium embeds, so a long name shrinks instead of
    overflowing the badge; below `min_pt` the layout lets it wrap instead.
    """
    if not text.strip():
        return max_pt
    length = text_length(text, weight)  # in pixels at 100 px = points at 100 pt
    # 6 % slack: Chromium's shaping and rounding differ slightly from FreeType's advances.
    size = 0.94 * width_mm * PT_PER_MM * 100 / length
    return round(max(min_pt, min(max_pt, size)), 1)


def kit_env(project: Project) -> jinja2.Environment:
    """Our Jinja environment plus the kit's helpers."""
    env = create_env(project)
    env.globals.update(role_colors=ROLE_COLORS, roles=ROLES, font_faces=Markup(font_face_css()))
    env.filters["date_range_fr"] = lambda e: date_range_fr(e.debut, e.fin)
    env.filters["url"] = render_url
    return env


def render_url(url: str) -> Markup:
    """A URL that may wrap only after a slash, never at a hyphen or a dot: each piece is kept
    whole (`nowrap`) and a <wbr> follows each slash ("https://airf.org/" stays in one piece)."""
    pieces = [p for p in re.split(r"(?<=[^/]/)(?=[^/])", str(url)) if p]
    return Markup('<span class="url">{}</span>').format(
        Markup("<wbr>").join(Markup('<span class="nobr">{}</span>').format(p) for p in pieces))


def render_qr_svg(url: str, label: str) -> Markup:
    """QR code of `url` as inline SVG (segno: no network, same URL → same bytes); sized by CSS."""
    qr = segno.make(url, error="m", micro=False)
    svg = qr.svg_inline(scale=1, border=2, dark="#000000", light="#ffffff", omitsize=True, svgclass="qr")
    # svg_inline writes no accessible name: give the image one, in French.
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


def _common(project: Project, event: Evenement) -> dict:
    registration_open = bool(event.inscription) and (
        event.date_limite_inscription is None or event.date_limite_inscription >= project.now.date())
    context = {
        "event": event,
        "days": programme_days(event),
        "dates": date_range_fr(event.debut, event.fin),
        "registration_open": registration_open,
        "event_url": project.absolute_url(event.url),
        "association": project.airf.get("nom") or "Association internationale des régions francophones",
        "sigle": project.airf.get("sigle") or "AIRF",
        "adresse": project.airf.get("adresse") or "8 rue Paul Montrochet, 69002 Lyon, France",
        "color": project.airf.get("couleur") or "#1d4e89",
        "site_url": project.site_url,
    }
    target = event.inscription if context["registration_open"] else context["event_url"]
    context["qr_url"] = target
    context["qr_svg"] = render_qr_svg(target, "Code QR : " + ("inscription" if context["registration_open"]
                                                              else "programme et informations en ligne"))
    return context


def render_programme(project: Project, event: Evenement, notes_pages: int = 0, compact: bool = False,
                     bleed_mm: float = 0.0) -> str:
    """Print HTML of the A5 programme booklet; `notes_pages` blank pages pad it to a multiple of 4;
    `compact` sets the programme slightly tighter (to save a sheet); the covers' backgrounds run
    into the `bleed_mm` bleed. The venue map is the organisers' image (`lieu_plan`) or nothing."""
    env = kit_env(project)
    context = _common(project, event)
    context.update(notes_pages=notes_pages, compact=compact, bleed=bleed_mm,
                   fragment=Markup(render_programme_html(project, event)))
    return env.get_template("kit/programme.html").render(**context)


def render_poster(project: Project, event: Evenement, bleed_mm: float) -> str:
    """Print HTML of the A3 poster; backgrounds run into the `bleed_mm` bleed."""
    env = kit_env(project)
    context = _common(project, event)
    # At most six sessions fit the lower third at a readable distance: shared between the
    # days so that every day shows up, each under its own label.
    days = context["days"]
    per_day = -(-6 // len(days)) if days else 0
    highlights = [Day(day.date, day.label, day.sessions[:per_day]) for day in days]
    context.update(bleed=bleed_mm, highlights=highlights, multi_day=event.debut.date() != event.fin.date(),
                   title_pt=fit_pt(event.titre, 297 - 2 * 22, 96, 54, "Black"))
    return env.get_template("kit/affiche.html").render(**context)


@dataclass
class Badge:
    """A participant placed on a sheet, with the font sizes that make the name fit."""

    person: Participant
    prenom_pt: float
    nom_pt: float


def badge_sheets(participants: list[Participant]) -> list[list[Badge]]:
    """Participants as badges, PER_SHEET per A4 sheet, in the given order."""
    inner = BADGE_W - 2 * 6  # name area: badge width minus its padding
    badges = [Badge(p, fit_pt(p.prenom, inner, 17, 9, "Bold"), fit_pt(p.nom.upper(), inner, 22, 11, "Black"))
              for p in participants]
    return [badges[i:i + PER_SHEET] for i in range(0, len(badges), PER_SHEET)]


def render_badges(project: Project, event: Evenement, participants: list[Participant]) -> str:
    """Print HTML of the badge sheets (A4, 8 badges each, crop marks on the cut lines)."""
    env = kit_env(project)
    context = _common(project, event)
    xs = [MARGIN_X + i * BADGE_W for i in range(BADGE_COLS + 1)]
    ys = [MARGIN_Y + i * BADGE_H for i in range(BADGE_ROWS + 1)]
    context.update(sheets=badge_sheets(participants), badge_w=BADGE_W, badge_h=BADGE_H,
                   margin_x=MARGIN_X, margin_y=MARGIN_Y, cols=BADGE_COLS, cut_xs=xs, cut_ys=ys)
    return env.get_template("kit/badges.html").render(**context)


@dataclass
class Card:
    """A folded table name card: one participant, name sized to the card's width."""

    person: Participant
    prenom_pt: float
    nom_pt: float


def render_cards(project: Project, event: Evenement, participants: list[Participant], bleed_mm: float = 0.0) -> str:
    """Print HTML of the table name cards: A4 landscape, folded in two, top half upside down;
    the coloured bands run into the `bleed_mm` bleed."""
    env = kit_env(project)
    context = _common(project, event)
    width = 297 - 2 * 20
    cards = [Card(p, fit_pt(p.prenom, width, 44, 20, "Bold"), fit_pt(p.nom.upper(), width, 72, 26, "Black"))
             for p in participants]
    context.update(cards=cards, bleed=bleed_mm)
    return env.get_template("kit/chevalets.html").render(**context)
