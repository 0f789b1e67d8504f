"""Render a newsletter issue: MJML layout → e-mail-safe HTML, plain text, resized images.

`render_email(ctx, brevo=True)` gives the HTML to paste into Brevo (its tags kept literal);
`brevo=False` gives the web archive page (no Brevo tags, links relative to /lettres/<id>/).
`render_text` gives the plain-text version. Rendering is pure; `prepare_images` is the only IO
(resized copies cached under build/.cache/lettres/ so repeated builds skip the resize).
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import css_inline
import jinja2
from markupsafe import Markup, escape

from airf_site import fonts
from airf_site.content.index import ContentIndex
from airf_site.content.models import Document
from airf_site.mail.config import brevo_tag
from airf_site.mail.text import bullet, html_to_text, wrap
from airf_site.mail.tracking import render_tracked_html, render_tracked_text
from airf_site.newsletter.model import Config, Issue, editorial_images, issue_period
from airf_site.newsletter.theme import ACCENTS, DARK_ACCENTS, render_dark_css
from airf_site.paths import UnsafePath, content_file
from airf_site.project import Project
from airf_site.templating import configure_env, create_env
from airf_site.typography import fix_text, repair_mjml_spaces

TAGLINES = {"membres": "La lettre aux membres", "partenaires": "La lettre aux partenaires"}
AUDIENCE_LINES = {
    "membres": "Vous recevez cette lettre en tant que membre du réseau de l’AIRF.",
    "partenaires": "Vous recevez cette lettre en tant que partenaire de l’AIRF.",
}
# The letter's closing call to action (a button): label and site page.
MORE = {
    "membres": ("Toute l’actualité du réseau", "actualites/"),
    "partenaires": ("Découvrir nos projets de coopération", "projets/"),
}
ORDERS = {
    "membres": ["actualites", "appels", "evenements", "fiches"],
    "partenaires": ["actualites", "fiches", "evenements", "appels"],
}
THUMB_WIDTH = 180  # display width (px) of news images in the e-mail; files are 2× for sharp screens
EDITORIAL_WIDTH = 552  # 600 px minus the 24 px side paddings
EDITORIAL_KEY = "editorial:"
# Placeholder scheme for editorial images, so the link rewriting leaves them alone.
_PLACEHOLDER = "lettre-image:"
MAX_IMAGE_BYTES = 200 * 1024
LOGO_WIDTH = 96  # display width (px) of the logo (2:1) in the header; the PNG is 2× for sharp screens
LOGO_KEY = "logo:"
LOGO_ALT = "AIRF"  # the logo is the acronym: its alternative text is the acronym
# Styles of the editorial (Markdown) inlined on its elements: several French webmails strip <style>.
EDITORIAL_CSS = """
p { margin: 0 0 12px; }
a { color: #1d4e89; text-decoration: underline; }
h2 { font-size: 19px; line-height: 1.3; margin: 16px 0 8px; color: #102a43; }
h3 { font-size: 17px; line-height: 1.3; margin: 12px 0 6px; color: #102a43; }
ul, ol { margin: 0 0 12px; padding-left: 22px; }
li { margin: 0 0 4px; }
blockquote { margin: 0 0 12px; padding-left: 12px; border-left: 3px solid #9fb3c8; color: #334e68; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d9e2ec; padding: 4px 8px; text-align: left; }
"""
_INLINER = css_inline.CSSInliner(load_remote_stylesheets=False, extra_css=None)


@dataclass(frozen=True)
class EmailImage:
    """A resized copy of a content image, as the e-mail shows it."""

    name: str  # file name under images/
    path: Path  # resized file (in the cache)
    width: int  # display width in px
    height: int
    alt: str
    url: str = ""  # filled per rendering mode

    def site_path(self, issue_id: str) -> str:
        return f"lettres/{issue_id}/images/{self.name}"


def _resize(source: Path, target: Path, width: int) -> tuple[int, int]:
    """Write a JPEG copy of `source`, `width` px wide at most, under MAX_IMAGE_BYTES."""
    from PIL import Image

    with Image.open(source) as im:
        im = im.convert("RGBA") if im.mode in ("P", "LA") else im
        if im.mode == "RGBA":
            # JPEG has no transparency: flatten on white like most logos expect.
            flat = Image.new("RGB", im.size, (255, 255, 255))
            flat.paste(im, mask=im.split()[-1])
            im = flat
        im = im.convert("RGB")
        if im.width > width:
            im = im.resize((width, round(im.height * width / im.width)), Image.LANCZOS)
        quality = 82
        while True:
            buffer = io.BytesIO()
            im.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
            if buffer.tell() <= MAX_IMAGE_BYTES - 8192 or quality <= 40:
                break
            quality -= 8
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(buffer.getvalue())
        tmp.replace(target)
        return im.size


def prepare_image(project: Project, src: str, alt: str, display_width: int = THUMB_WIDTH) -> EmailImage | None:
    """Resized copy of content/<src> (cached by content hash); None if the file is missing."""
    try:
        source = content_file(project.content_dir, src)
    except UnsafePath:
        return None  # reported by the checks (missing, outside content/ or a link)
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:12]
    stem = re.sub(r"[^a-z0-9]+", "-", Path(src).with_suffix("").as_posix().lower()).strip("-")
    stem = stem.removeprefix("images-")
    pixels = display_width * 2
    cached = project.build_dir / ".cache" / "lettres" / f"{stem}-{digest}-{pixels}.jpg"
    size_file = cached.with_suffix(".size")
    if cached.is_file() and size_file.is_file():
        w, h = (int(v) for v in size_file.read_text().split("x"))
    else:
        w, h = _resize(source, cached, pixels)
        size_file.write_text(f"{w}x{h}")
    shown_w = min(display_width, w)
    return EmailImage(name=f"{stem}-{pixels}.jpg", path=cached, width=shown_w,
                      height=round(h * shown_w / w), alt=alt)


def prepare_logo(project: Project) -> EmailImage:
    """The header logo: a PNG drawn from the site's logo (airf_site.brand), at twice its display size.

    Published with the issue's images (lettres/<id>/images/airf-logo-192.png), where the e-mail
    points.
    """
    from airf_site.brand import render_logo_png, render_logo_svg

    pixels = LOGO_WIDTH * 2
    # Drawing takes a few tenths of a second: cache it under the logo's description (the SVG
    # carries its geometry and colours), so a changed logo is redrawn and an unchanged one is not.
    digest = hashlib.sha256(f"{render_logo_svg()}{pixels}".encode()).hexdigest()[:12]
    cached = project.build_dir / ".cache" / "lettres" / f"airf-logo-{pixels}-{digest}.png"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_bytes(render_logo_png(pixels))
        tmp.replace(cached)
    return EmailImage(name=f"airf-logo-{pixels}.png", path=cached, width=LOGO_WIDTH, height=LOGO_WIDTH // 2,
                      alt=LOGO_ALT)


def prepare_images(project: Project, issue: Issue) -> dict[str, EmailImage]:
    """Images of the issue: the logo, news and fact sheets (keyed by document URL), editorial."""
    images: dict[str, EmailImage] = {LOGO_KEY: prepare_logo(project)}
    wanted = [(doc.url, doc.image, doc.image_alt) for doc in issue.news]
    # A fact sheet shows its first photo, if it has one.
    wanted += [(doc.url, doc.images[0].src, doc.images[0].alt) for doc in issue.fiches if doc.images]
    for url, src, alt in wanted:
        if src and alt:
            img = prepare_image(project, src, alt)
            if img is not None:
                images[url] = img
    for src, alt in editorial_images(issue.html):
        img = prepare_image(project, src, alt or " ", EDITORIAL_WIDTH)
        if img is not None:
            images[EDITORIAL_KEY + src] = img
    return images


def _editorial_images(fragment: str, ctx: RenderContext, image_url) -> str:
    """Editorial <img> from content/ → the resized copy with explicit width and height."""
    def swap(match: re.Match) -> str:
        tag = match.group(0)
        src = re.search(r'\bsrc="([^"]*)"', tag)
        img = ctx.images.get(EDITORIAL_KEY + src.group(1).lstrip("/")) if src else None
        if img is None:
            return tag
        return (f'<img src="{image_url(img)}" alt="{escape(img.alt)}" width="{img.width}" height="{img.height}" '
                f'style="display:block;width:100%;max-width:{img.width}px;height:auto;border:0;margin:0 0 12px;">')

    return re.sub(r"<img\b[^>]*>", swap, fragment)


@dataclass
class RenderContext:
    """Everything needed to render one issue (no IO happens past this point)."""

    project: Project
    index: ContentIndex
    config: Config
    issue: Issue
    images: dict[str, EmailImage] = field(default_factory=dict)


_ENVS: dict[tuple[str, bool], jinja2.Environment] = {}


def _env(project: Project, autoescape: bool) -> jinja2.Environment:
    key = (str(project.layouts_dir), autoescape)
    env = _ENVS.get(key)
    if env is None:
        env = create_env(project, autoescape=autoescape)
        _ENVS[key] = env
    # Filters and globals depend on the project (site URL, build date): refresh them each time.
    return configure_env(env, project)


def _greeting(config: Config, brevo: bool) -> Markup:
    if brevo:
        tag = "{{ contact.%s|default:'%s' }}" % (config.attribut_prenom, escape(config.prenom_par_defaut))
        return Markup(f"Bonjour {tag},")
    return Markup("Bonjour ") + config.prenom_par_defaut + Markup(",")


def _absolutize(fragment: str, project: Project, issue: Issue, brevo: bool) -> str:
    """Site-relative links of the editorial → absolute (e-mail) or relative to the archive page (web)."""
    def fix(match: re.Match) -> str:
        attr, url = match.group(1), match.group(2)
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|#|\{\{)", url):
            return match.group(0)
        path = url.lstrip("/")
        new = project.absolute_url(path) if brevo else "../../" + path
        return f'{attr}="{new}"'

    return re.sub(r'\b(href|src)="([^"]*)"', fix, fragment)


_PRE = re.compile(r"<pre\b[^>]*>.*?</pre>", re.S | re.I)


def _keep_pre_lines(fragment: str) -> str:
    """Line breaks of code blocks as character references: mjml-python drops whitespace-only
    text between tags, even inside <pre>, so a highlighted block (one <span> per token, lines
    separated by a bare newline) would come out on one line."""
    return _PRE.sub(lambda m: m.group(0).replace("\n", "&#10;"), fragment)


def _context(ctx: RenderContext, brevo: bool) -> dict[str, Any]:
    project, issue = ctx.project, ctx.issue

    def link(doc: Document) -> str:
        return project.absolute_url(doc.url) if brevo else "../../" + doc.url

    def located(img: EmailImage) -> EmailImage:
        url = project.absolute_url(img.site_path(issue.id)) if brevo else f"images/{img.name}"
        return EmailImage(img.name, img.path, img.width, img.height, img.alt, url)

    def image(doc: Document) -> EmailImage | None:
        img = ctx.images.get(doc.url)
        return None if img is None else located(img)

    def member_name(doc) -> str:
        member = ctx.index.member(doc.collectivite)
        return member.nom if member else doc.collectivite

    editorial = ""
    if issue.html.strip():
        fragment = _editorial_images(issue.html, ctx, lambda img: _PLACEHOLDER + img.name)
        fragment = _absolutize(fragment, project, issue, brevo)
        prefix = project.absolute_url(f"lettres/{issue.id}/images/") if brevo else "images/"
        editorial = _keep_pre_lines(_INLINER.inline_fragment(fragment.replace(_PLACEHOLDER, prefix), EDITORIAL_CSS))
    return {
        "issue": issue,
        "config": ctx.config,
        "brevo": brevo,
        "tag": brevo_tag,
        "link": link,
        "image": image,
        "member_name": member_name,
        "greeting": _greeting(ctx.config, brevo),
        "editorial": Markup(editorial),
        "accent": ACCENTS[issue.audience],
        "dark_accent": DARK_ACCENTS[issue.audience],
        "dark_css": Markup(render_dark_css(issue.audience)),
        "logo": located(ctx.images[LOGO_KEY]) if LOGO_KEY in ctx.images else None,
        # The period in words (« novembre 2026 », « second semestre 2026 »), never « 11/2026 ».
        "tagline": f"{TAGLINES[issue.audience]} · {issue_period(issue.audience, issue.meta.date)}",
        "audience_line": AUDIENCE_LINES[issue.audience],
        "archive_url": "../" if not brevo else project.absolute_url("lettres/"),
        "more_label": MORE[issue.audience][0],
        "more_url": project.absolute_url(MORE[issue.audience][1]) if brevo else "../../" + MORE[issue.audience][1],
        "projects": ctx.index.projects,
        "figures": _figures(ctx.index),
        "order": ORDERS[issue.audience],
        "wrap": wrap,
        "bullet": bullet,
        "site_url": project.site_url,
        # The web version is a page of the site: the identity's fonts (Lato and the fallbacks for
        # every name, airf_site/fonts.py) from the site's assets. E-mails keep Arial.
        "web_fonts": "" if brevo else Markup(fonts.font_face_css(
            lambda name, _path: f"../../assets/fonts/{name}", display="swap", weights=(400, 700))),
    }


def _figures(index: ContentIndex) -> list[tuple[str, str]]:
    """The network in figures, computed from the data (never typed in)."""
    members, countries, projects = len(index.members), len(index.countries()), len(index.projects)
    return [
        (str(members), "collectivités membres" if members > 1 else "collectivité membre"),
        (str(countries), "pays"),
        (str(projects), "projets de coopération" if projects > 1 else "projet de coopération"),
    ]


def render_mjml(ctx: RenderContext, brevo: bool = True) -> str:
    """The issue's MJML source (the audience's layout filled in)."""
    env = _env(ctx.project, autoescape=True)
    return env.get_template(f"email/{ctx.issue.audience}.mjml.j2").render(**_context(ctx, brevo))


# Invisible padding after the preheader so mail clients do not fill the preview with body text.
_PREHEADER_PAD = "&#847;&zwnj;&nbsp;" * 40
_ALT_TEXT_STYLE = "font-family:Arial,Helvetica,sans-serif;color:#52606d;"


def render_email(ctx: RenderContext, brevo: bool = True) -> str:
    """E-mail-safe HTML of the issue (Brevo tags kept literal when `brevo`)."""
    import mjml

    html = repair_mjml_spaces(mjml.mjml2html(render_mjml(ctx, brevo), disable_comments=True, fonts={}))
    # mjml-python writes the preheader with the text only (typeset like every value); pad it.
    preview = str(escape(fix_text(ctx.issue.meta.apercu)))
    html = html.replace(f">{preview}</div>", f">{preview}{_PREHEADER_PAD}</div>", 1)
    # With images blocked, clients show the alt text in the image's font: make it the letter's.
    html = re.sub(r'(<img\b[^>]*\bstyle=")', r"\1" + _ALT_TEXT_STYLE, html)
    if brevo:
        # Links to the site say which letter brought the visit (never Brevo's tags, never other sites).
        html = render_tracked_html(html, ctx.project.site_url, ctx.issue.id)
    return html.rstrip("\n") + "\n"


def render_text(ctx: RenderContext, brevo: bool = True) -> str:
    """Plain-text version: same content, every link written out."""
    env = _env(ctx.project, autoescape=False)
    values = _context(ctx, brevo)
    values["link"] = lambda doc: ctx.project.absolute_url(doc.url)
    values["greeting"] = str(values["greeting"])
    values["editorial"] = html_to_text(_absolutize(ctx.issue.html, ctx.project, ctx.issue, True)).strip()
    text = env.get_template("email/lettre.txt.j2").render(**values)
    text = re.sub(r"\n{3,}", "\n\n", text)
    if brevo:
        text = render_tracked_text(text, ctx.project.site_url, ctx.issue.id)
    return text.strip("\n") + "\n"
