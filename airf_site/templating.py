"""One Jinja configuration over `layouts/`, shared by web, e-mail and print.

`configure_env` adds the filters and globals to any environment (ours or MkDocs'), so a shared
partial behaves the same everywhere. Our own environments autoescape and use StrictUndefined:
a typo in a template must fail the build, not mail a blank.

French typography (`airf_site.typography`): our environments pass every plain-string value a
template outputs through `fix_text` (Jinja's `finalize`, except in CSS templates), and the
`e`/`escape` filter does the same in every environment, MkDocs' included; Markup (Markdown
already typeset, Brevo tags, SVG) is left as it is. The templates' own static text is written
with the right spaces and apostrophes in `layouts/`. Babel's dates, times and amounts come out
with no-break spaces: "1er mars 2026", "14 h 30", "15 000 €".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal
from markupsafe import Markup, escape

from airf_site.countries import country_name
from airf_site.markdown import code_css, render_markdown
from airf_site.project import PARIS, Project
from airf_site.typography import NBSP, fix_text

LOCALE = "fr_FR"


def date_fr(value: dt.date | dt.datetime | None, fmt: str = "d MMMM y") -> str:
    """French date, with "1er" for the first of the month: 1er mars 2026, 15 mars 2026.

    The words are joined by no-break spaces: a date never splits across lines.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.astimezone(PARIS) if value.tzinfo else value
        value = value.date()
    text = format_date(value, fmt, locale=LOCALE)
    if value.day == 1:
        text = text.replace("1 ", "1er ", 1) if text.startswith("1 ") else text.replace(" 1 ", " 1er ", 1)
    return text.replace(" ", NBSP)


def zone_fr(tz: dt.tzinfo | None) -> str:
    """'heure de Paris', 'heure de Tunis', "heure d'Abidjan": the zone spelled out for readers
    in 15 countries (a bare "14 h 00" is ambiguous between Dakar and Lyon)."""
    key = getattr(tz, "key", None) or "Europe/Paris"
    city = key.split("/")[-1].replace("_", " ")
    return f"heure d’{city}" if city[:1] in "AEIOUÂÉÈÎÔH" else f"heure de {city}"


def datetime_fr(value: dt.datetime, with_zone: bool = True) -> str:
    """'23 juin 2025 à 9 h 30 (heure de Paris)' in the event's own time zone, always named."""
    day = date_fr(value)
    text = f"{day} à {time_fr(value)}"
    if with_zone and value.tzinfo is not None:
        text += f" ({zone_fr(value.tzinfo)})"
    return text


def date_range_fr(start: dt.date | dt.datetime, end: dt.date | dt.datetime) -> str:
    """'23 juin 2027', '23 – 24 juin 2027', '30 juin – 1er juillet 2027'."""
    a = start.date() if isinstance(start, dt.datetime) else start
    b = end.date() if isinstance(end, dt.datetime) else end
    if a == b:
        return date_fr(a)
    if (a.year, a.month) == (b.year, b.month):
        first = "1er" if a.day == 1 else str(a.day)
        return f"{first} – {date_fr(b)}"
    if a.year == b.year:
        return f"{date_fr(a, 'd MMMM')} – {date_fr(b)}"
    return f"{date_fr(a)} – {date_fr(b)}"


def period_fr(start: dt.datetime, end: dt.datetime) -> str:
    """When an event happens, for the site: '19 janvier 2027, 14 h 00 – 16 h 00, heure de Paris'
    for one day (the zone always spelled out), '16 – 17 juin 2027' over several days."""
    if start.date() != end.date():
        return date_range_fr(start, end)
    return f"{date_fr(start)}, {time_fr(start)} – {time_fr(end)}, {zone_fr(start.tzinfo)}"


def time_fr(value: dt.time | dt.datetime) -> str:
    """'14 h 00' with no-break spaces."""
    return format_time(value, "H 'h' mm", locale=LOCALE).replace(" ", NBSP)


def money_fr(amount: int | None, currency: str = "EUR") -> str:
    """15000 → '15 000 €': narrow no-break space between thousands (Babel's), no-break before the currency."""
    if amount is None:
        return ""
    return format_currency(amount, currency, format="#,##0\u00a0¤", locale=LOCALE, currency_digits=False)


def number_fr(value: float | int) -> str:
    """12345.5 → '12 345,5' (narrow no-break space between thousands, as Babel writes it)."""
    return format_decimal(value, locale=LOCALE)


def markdown_filter(text: str | None) -> Markup:
    return Markup(render_markdown(text or ""))


def escape_fr(value: Any) -> Markup:
    """The `e`/`escape` filter: HTML-escape a plain string after French typography; Markup as is."""
    if isinstance(value, Markup) or hasattr(value, "__html__"):
        return Markup(value.__html__())
    return escape(fix_text(str(value)) if isinstance(value, str) else value)


@jinja2.pass_context
def finalize_fr(context: jinja2.runtime.Context, value: Any) -> Any:
    """Jinja's `finalize` of our environments: French typography on every plain string output
    (never on Markup, never in a CSS template)."""
    if type(value) is str and value and not (context.name or "").endswith((".css", ".css.j2")):
        return fix_text(value)
    return value


def configure_env(env: jinja2.Environment, project: Project) -> jinja2.Environment:
    """Add the shared filters and globals to `env` (ours or MkDocs'), and the preview's
    template cache when the project has one."""
    if project.caches is not None:
        env.bytecode_cache = project.caches.templates
    env.filters.update(
        e=escape_fr,
        escape=escape_fr,
        date_fr=date_fr,
        datetime_fr=datetime_fr,
        date_range_fr=date_range_fr,
        period_fr=period_fr,
        zone_fr=zone_fr,
        time_fr=time_fr,
        money_fr=money_fr,
        number_fr=number_fr,
        country_name=country_name,
        markdown=markdown_filter,
        absolute_url=project.absolute_url,
    )
    env.globals.update(
        airf=project.airf,
        site_name=project.site_name,
        site_url=project.site_url,
        build_now=project.now,
        code_css=Markup(code_css()),
    )
    return env


def create_env(project: Project, extra_dirs: list[Path] | None = None, autoescape: bool = True) -> jinja2.Environment:
    """Our own environment over `layouts/` (plus `extra_dirs`), StrictUndefined, autoescape on."""
    dirs = [str(d) for d in (extra_dirs or [])] + [str(project.layouts_dir)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(dirs),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=finalize_fr,
    )
    return configure_env(env, project)


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render `name` from `env` with `context` (no IO)."""
    return env.get_template(name).render(**context)
