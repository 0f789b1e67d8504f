"""Pure rendering of the annual report: sources + ContentIndex → print HTML (and web fragments).

Nothing is written and no browser is needed (only templates and image headers are read): the
HTML is tested against a golden file.
The layout lives in `layouts/print/rapport.html.j2` and `layouts/print/rapport.css.j2`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from airf_site.content.index import ContentIndex
from airf_site.countries import country_name
from airf_site.markdown import render_markdown
from airf_site.paths import UnsafePath, content_file
from airf_site.print.printer import font_face_css, page_size_mm
from airf_site.project import Project
from airf_site.report.art import render_art, render_opener_art
from airf_site.report.charts import render_chart
from airf_site.report.data import figure, table_rows
from airf_site.report.finances import render_finances
from airf_site.report.sources import ReportSources
from airf_site.templating import create_env
from airf_site.typography import fix_html, fix_text

BLOCK_HTML_RE = re.compile(r"<p>\[\[\s*([a-z-]+)\s*([^\]]*?)\s*\]\]</p>")
ADDRESS = ["Secrétariat permanent de l'AIRF", "8 rue Paul Montrochet", "69002 Lyon", "France"]
TOC_PLACEHOLDER = "00"
PLACEHOLDER_IMAGE = "data:image/gif;base64,R0lGODlhAQABAAAAACw="  # 1×1 transparent GIF
# Height of the motif across the top of a chapter opener, from the trim: it ends well above
# the chapter number of the longest title (three lines).
OPENER_ART_MM = 120.0


@dataclass(frozen=True)
class Section:
    """A top-level section of the report: one bookmark, one TOC line, one footer title."""

    anchor: str
    title: str
    footer: str
    colour: str


def css_string(text: str) -> Markup:
    """A CSS string literal (for `content:`), safe inside <style>: no HTML escaping there."""
    escaped = fix_text(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return Markup(f'"{escaped}"')


def sections(sources: ReportSources) -> list[Section]:
    """Editorial, key figures, then the chapters: the entries of the table of contents."""
    primary = sources.settings.couleurs.primaire
    result = [
        Section("editorial", sources.settings.editorial.titre, sources.settings.editorial.titre, primary),
        Section("chiffres", f"L'année {sources.year} en chiffres", "L'année en chiffres", primary),
    ]
    for number, chapter in enumerate(sources.chapters, start=1):
        result.append(Section(f"ch-{chapter.slug}", chapter.titre, f"{number}. {chapter.footer_title}",
                              chapter.couleur or primary))
    return result


def _logo(project: Project, partner, max_mm: float = 44, web: bool = False) -> dict | None:
    """A partner logo sized so that it prints at about 300 ppi (raster) or at `max_mm` (vector).

    On the web page (`rapport/<year>/`) the logo is the copy the site publishes under images/.
    """
    try:
        path = content_file(project.content_dir, partner.logo)
    except UnsafePath:
        return None  # reported by `airf check` (content/donnees/partenaires.yml)
    width_mm = max_mm
    if path.suffix.lower() != ".svg":
        from PIL import Image

        with Image.open(path) as img:
            width_mm = min(max_mm, img.width / 300 * 25.4)
    uri = "../../" + partner.logo.lstrip("/") if web else path.resolve().as_uri()
    return {"uri": uri, "width_mm": round(width_mm, 2)}


def render_blocks(html: str, project: Project, index: ContentIndex, sources: ReportSources, env,
                  web: bool = False, projet: str | None = None) -> str:
    """Replace the [[...]] paragraphs of a chapter by figures, charts, tables, partners.

    `projet` (the chapter's project) is the default project of every block: in a project's
    chapter, each figure is computed for that project. `web=True` links partner logos to the
    site's copies instead of local files.
    """
    default = projet
    year = sources.year
    colours = sources.settings.couleurs.model_dump()

    def replace(match: re.Match) -> str:
        kind, args = match.group(1), [a.strip() for a in match.group(2).split(",") if a.strip()]
        if kind == "chiffres":
            # a project id among the names narrows every figure to that project
            projet = next((a for a in args if index.project(a)), default)
            template = "print/_chiffres_web.html.j2" if web else "print/_chiffres.html.j2"
            return env.get_template(template).render(
                figures=[figure(index, year, name, projet) for name in args if name != projet])
        projet = args[1] if len(args) > 1 else default
        if kind == "graphique":
            caption = _chart_caption(args[0], year)
            if projet and index.project(projet):
                caption = f"{index.project(projet).titre} — {caption}"
            caption = fix_text(caption)
            chart = render_chart(args[0], index, year, colours, projet)
            if web:
                # On a phone the chart keeps a legible size and scrolls sideways (a focusable
                # region, so the keyboard can scroll it too) instead of shrinking its labels.
                return str(Markup('<figure class="chart-box"><div class="airf-scroll airf-scroll--chart" tabindex="0" '
                                  'role="region" aria-label="Graphique : {}">{}</div><figcaption>{}</figcaption></figure>')
                           .format(caption, Markup(chart), caption))
            return str(Markup('<figure class="chart-box">{}<figcaption>{}</figcaption></figure>').format(chart, caption))
        if kind == "tableau":
            table = env.get_template("print/_tableau.html.j2").render(
                events=table_rows(index, year, args[0], projet), index=index)
            if web:
                return str(Markup('<div class="airf-scroll" tabindex="0" role="region" aria-label="Tableau : {}">{}</div>')
                           .format(args[0], Markup(table)))
            return table
        if kind == "finances" and sources.finances is not None:
            finances = render_finances(args[0], sources.finances, index.themes)
            if web:
                return str(Markup('<div class="airf-scroll" tabindex="0" role="region" aria-label="Finances : {}">{}</div>')
                           .format(args[0], finances))
            return str(finances)
        if kind == "partenaires":
            partners = [(p, _logo(project, p, web=web)) for p in index.partners]
            template = "print/_partenaires_web.html.j2" if web else "print/_partenaires.html.j2"
            return env.get_template(template).render(partners=partners)
        return match.group(0)

    return BLOCK_HTML_RE.sub(replace, html)


def _chart_caption(name: str, year: int) -> str:
    return {
        "membres-par-pays": "Nombre de collectivités membres par pays (source : annuaire des membres).",
        "evenements-par-mois": f"Rencontres tenues chaque mois de {year} (source : agenda du site).",
        "evenements-par-type": f"Répartition des rencontres de {year} par type (source : agenda du site).",
        "participants-webinaires": f"Participants à chaque webinaire de {year} (source : comptes rendus).",
        "actualites-par-theme": f"Actualités publiées en {year} par priorité stratégique (source : site).",
    }[name]


def cover_title(title: str, year: int) -> str:
    """The title as printed on the cover, where the year stands on its own: without the year."""
    stripped = re.sub(rf"[\s\u00a0]*\b{year}\b[\s\u00a0]*$", "", title).strip()
    return stripped or title


END_TAGS_RE = re.compile(r"</(?:p|li|figcaption|td|th|blockquote)>")


def end_marker(html: str, anchor: str) -> str:
    """`html` with the invisible "@@anchor@@" marker on its last line of text (first pass).

    Inside the last paragraph (or list item, caption, cell), never after it: a block after the
    last paragraph could fall onto a page of its own, which the final rendering would not have.
    """
    ends = list(END_TAGS_RE.finditer(html))
    if not ends:
        return html
    at = ends[-1].start()
    return html[:at] + f'<span class="pass-marker">@@{anchor}@@</span>' + html[at:]


def padding_pages(count: int) -> list[str]:
    """Designed pages filling a booklet to a multiple of 4: notes pages, then the inside back cover."""
    if count <= 0:
        return []
    return ["notes"] * (count - 1) + ["inside-back"]


def render_report_html(
    project: Project,
    index: ContentIndex,
    sources: ReportSources,
    *,
    bleed_mm: float = 0,
    toc_pages: dict[str, int] | None = None,
    filler_pages: int = 0,
    markers: bool = False,
    art_mm: dict[str, float] | None = None,
) -> str:
    """The whole report as one print HTML document (pure: no file written).

    `toc_pages` maps section anchors to page numbers (from a first rendering); without it the
    table of contents shows a placeholder of the same width, so both passes paginate alike.
    `filler_pages` designed pages are added before the back cover so that the page count is a
    multiple of 4 (a saddle-stitched booklet): ruled "Notes" pages, then the inside back cover.
    `markers` adds an invisible "@@anchor@@" where each section starts (and "@@fin-<slug>@@"
    where each chapter ends) and leaves the full-bleed pictures out (first pass only).
    `art_mm` gives the height of the illustration closing each chapter (space measured in the
    first pass), for the chapters that have one.
    """
    env = create_env(project)
    settings = sources.settings
    width, height = page_size_mm(210, 297, bleed_mm)
    chapters = []
    for number, chapter in enumerate(sources.chapters, start=1):
        body = render_blocks(render_markdown(chapter.body), project, index, sources, env, projet=chapter.projet)
        if markers:
            body = end_marker(body, f"fin-{chapter.slug}")
        art = (art_mm or {}).get(chapter.slug)
        colour = chapter.couleur or settings.couleurs.primaire
        chapters.append({"number": number, "chapter": chapter, "html": Markup(body),
                         "art": render_art(number, colour, 170, art) if art else None,
                         # across the top of the opener, into the bleed on three sides
                         "opener_art": render_opener_art(number, colour, width, OPENER_ART_MM + bleed_mm),
                         "colour": colour,
                         "photo_uri": sources.image_path(chapter.photo).resolve().as_uri() if chapter.photo else None})
    secs = sections(sources)
    toc = [{"section": s, "page": str(toc_pages.get(s.anchor, "?")) if toc_pages else TOC_PLACEHOLDER,
            "number": f"{i - 1:02d}" if s.anchor.startswith("ch-") else ""}
           for i, s in enumerate(secs)]
    context = {
        "settings": settings,
        "year": sources.year,
        "cover_title": cover_title(settings.titre, sources.year),
        "bleed": bleed_mm,
        "sheet_w": width,
        "sheet_h": height,
        "fonts_css": Markup(font_face_css()),
        "css_string": css_string,
        "sections": secs,
        "toc": toc,
        "chapters": chapters,
        "editorial_html": Markup(render_markdown(settings.editorial.texte)),
        "key_figures": [figure(index, sources.year, name) for name in settings.chiffres_cles],
        "members_chart": render_chart("membres-par-pays", index, sources.year, settings.couleurs.model_dump()),
        "cover_uri": sources.image_path(settings.couverture).resolve().as_uri(),
        "back_uri": sources.image_path(settings.quatrieme).resolve().as_uri(),
        "address": ADDRESS,
        "site_url": project.site_url,
        "countries": [country_name(c) for c in index.countries()],
        "padding": padding_pages(filler_pages),
        "markers": markers,
        # Full-bleed pictures are sized by CSS alone: the first pass leaves them out (decoding
        # and embedding them is most of a rendering's time) without moving anything.
        "placeholder": PLACEHOLDER_IMAGE,
    }
    # Blocks built in Python (finances, charts, tables) join the page as Markup: typeset the whole
    # document's text once (tags, attributes and <style> untouched).
    return fix_html(env.get_template("print/rapport.html.j2").render(**context))


def _demote(html: str) -> str:
    """Chapter headings one level down on the web page, where the chapter title is an <h2>."""
    for level in (4, 3, 2):
        html = html.replace(f"<h{level}", f"<h{level + 1}").replace(f"</h{level}>", f"</h{level + 1}>")
    return html


def web_fragments(project: Project, index: ContentIndex, sources: ReportSources) -> list[tuple[str, str, str]]:
    """(anchor, title, html) of each section for the web version, blocks resolved."""
    env = create_env(project)
    settings = sources.settings
    items = [("editorial", settings.editorial.titre,
              render_markdown(settings.editorial.texte) + f"<p class=\"signature\">{escape(settings.editorial.signature)}</p>")]
    figures = env.get_template("print/_chiffres_web.html.j2").render(
        figures=[figure(index, sources.year, n) for n in settings.chiffres_cles])
    items.append(("chiffres", f"L'année {sources.year} en chiffres", figures))
    for chapter in sources.chapters:
        body = _demote(render_blocks(render_markdown(chapter.body), project, index, sources, env, web=True,
                                     projet=chapter.projet))
        items.append((chapter.slug, chapter.titre, f"<p class=\"chapeau\">{escape(chapter.chapeau)}</p>" + body))
    return items
