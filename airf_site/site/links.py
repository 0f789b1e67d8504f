"""Link check of the built site: broken internal links, missing anchors, missing images.

`check_links(site_dir)` parses every HTML page of `build/site/` with the standard library's
`html.parser` and returns French diagnostics located at the page and line of the bad link.
External links are not fetched (no request leaves the machine). `airf liens` runs it from the
command line; `airf check --links` is meant to call the same function.
"""

from __future__ import annotations

import posixpath
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import click

from airf_site.errors import ERROR, WARNING, Diagnostic, summarize

# Attributes holding a URL, per tag. srcset is split separately.
URL_ATTRS = {
    "a": ("href",), "area": ("href",), "img": ("src",), "link": ("href",), "script": ("src",),
    "source": ("src",), "video": ("src", "poster"), "audio": ("src",), "iframe": ("src",),
}
IMAGE_TAGS = {"img", "source", "video"}
# <link rel=...> values that point at pages or files we publish (not preconnect hints etc.)
LINK_RELS = {"stylesheet", "icon", "alternate", "prev", "next", "manifest", "apple-touch-icon", "canonical"}


@dataclass
class PageLinks:
    """What one HTML page declares (ids) and references (urls, with their line)."""

    ids: set[str] = field(default_factory=set)
    refs: list[tuple[int, str, str]] = field(default_factory=list)  # (line, tag, url)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        line = self.getpos()[0]
        for key in ("id",):
            if key in values:
                self.page.ids.add(values[key])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if not rels & LINK_RELS:
                return
            if "canonical" in rels:
                return  # absolute public URL of this very page
        for attr in URL_ATTRS.get(tag, ()):
            if values.get(attr):
                self.page.refs.append((line, tag, values[attr].strip()))
        if tag in ("img", "source") and values.get("srcset"):
            for candidate in values["srcset"].split(","):
                url = candidate.strip().split(" ")[0]
                if url:
                    self.page.refs.append((line, "img", url))

    handle_startendtag = handle_starttag


def parse_page(html: str) -> PageLinks:
    """Ids and URL references of one HTML document."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.page


def _site_path(url: str, page_rel: str, base_path: str, site_url: str | None) -> tuple[str, str] | None:
    """(site-relative path, fragment) of an internal URL, or None for an external one."""
    if site_url and url.startswith(site_url):
        url = "/" + url[len(site_url):]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None  # external, mailto:, tel:, data:, javascript:
    path = unquote(parts.path)
    if path.startswith("/"):
        if base_path and path.startswith(base_path):
            path = "/" + path[len(base_path):]
        resolved = path.lstrip("/")
    elif path == "":
        resolved = page_rel
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
        if path.endswith("/") and not resolved.endswith("/"):
            resolved += "/"
        if resolved == ".":
            resolved = ""
    return resolved, unquote(parts.fragment)


def _target_file(site_dir: Path, rel: str) -> str | None:
    """Site file a path serves (``dir/`` → ``dir/index.html``), as a relative posix path."""
    if rel.startswith("../") or rel == "..":
        return None
    candidates = [rel] if rel and not rel.endswith("/") else []
    candidates.append(posixpath.join(rel, "index.html") if rel else "index.html")
    for candidate in candidates:
        if (site_dir / candidate).is_file():
            return candidate
    return None


@dataclass(frozen=True)
class Source:
    """The Markdown file a built page comes from, so problems are reported where they are fixed."""

    path: str  # as the editor sees it: content/actualites/….md
    text: str
    body_line: int = 1

    def line_of(self, url: str, target: str) -> int:
        """First line of the file that writes this link (as written, or its target path)."""
        candidates = [url, unquote(url), "/" + target.lstrip("/"), target.rstrip("/")]
        candidates = sorted({c for c in candidates if len(c.strip("/")) > 2}, key=len, reverse=True)
        for number, line in enumerate(self.text.split("\n"), start=1):
            if any(c in line for c in candidates):
                return number
        return self.body_line


def document_sources(root: Path, index) -> dict[str, Source]:
    """{page's index.html in the site: its Markdown source} for every published document."""
    sources = {}
    for doc in index.documents():
        path = root / doc.source
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        sources[f"{doc.url}index.html"] = Source(doc.source, text, doc.body_line)
    return sources


def check_links(site_dir: Path, site_url: str | None = None, display_root: Path | None = None,
                sources: dict[str, Source] | None = None) -> list[Diagnostic]:
    """Broken internal links, anchors and images of every page under `site_dir`.

    `site_url` (the public address) lets absolute links to the site itself be checked too, and
    gives the base path when the site is published in a sub-folder (GitHub Pages project site).
    Diagnostics name the page relative to `display_root` (default: the site folder's parent);
    a page built from a Markdown file listed in `sources` ({page's index.html: Source}) is
    reported at that file's line instead, where the editor can fix it.
    """
    sources = sources or {}
    site_dir = Path(site_dir)
    display_root = display_root or site_dir.parent
    base_path = urlsplit(site_url).path if site_url else ""
    if base_path in ("", "/"):
        base_path = ""
    pages: dict[str, PageLinks] = {}
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        pages[rel] = parse_page(path.read_text(encoding="utf-8", errors="replace"))

    diags: list[Diagnostic] = []
    for rel, page in pages.items():
        shown = (site_dir / rel).relative_to(display_root).as_posix() if site_dir.is_relative_to(display_root) \
            else (site_dir / rel).as_posix()
        for line, tag, raw_url in page.refs:
            url = " ".join(raw_url.split())  # a hard-wrapped address: one line in the message
            target = _site_path(url, rel, base_path, site_url)
            if target is None:
                continue
            path, fragment = target
            where, line = (shown, line) if rel not in sources else (sources[rel].path, sources[rel].line_of(url, path))
            if rel in sources and not urlsplit(url).scheme:
                # The page's links are relative ("../../agenda/x/"); the editor wrote "/agenda/x/".
                url = "/" + path + (f"#{fragment}" if fragment else "")
            target_file = _target_file(site_dir, path)
            is_image = tag in IMAGE_TAGS
            if target_file is None:
                what = "image introuvable" if is_image else "lien cassé"
                # A full address on the site's own domain may be served by another system
                # (video platform, registration forms): a warning, not a blocking error.
                absolute = bool(site_url and url.startswith(site_url))
                diags.append(Diagnostic(where, line, f"{what} : « {url} » ne correspond à aucun fichier du site",
                                        severity=WARNING if absolute else ERROR,
                                        hint=_hint(url, is_image, absolute)))
                continue
            if fragment and tag == "a" and target_file.endswith(".html"):
                ids = pages.get(target_file, PageLinks()).ids
                if fragment not in ids:
                    diags.append(Diagnostic(where, line, f"ancre introuvable : « #{fragment} » n'existe pas dans "
                                            f"« {target_file} » (lien « {url} »)",
                                            hint="vérifiez l'intertitre visé : l'ancre est son texte en minuscules, "
                                                 "sans accent, avec des tirets"))
    return sorted(set(diags))


def _hint(url: str, is_image: bool, absolute: bool = False) -> str:
    if absolute:
        return ("adresse complète sur le domaine du site, mais aucune page construite ne lui correspond : "
                "vérifiez qu'elle existe ailleurs, ou écrivez un lien vers un contenu du site (/agenda/…)")
    if is_image:
        return "vérifiez le nom du fichier dans content/images/ (majuscules, accents, extension .jpg/.png)"
    if urlsplit(url).path.lower().endswith(".pdf"):
        return ("les PDF (rapport, fiches) sont construits avec tout le reste : lancez « make all » avant de "
                "vérifier les liens, ou vérifiez le nom du fichier")
    if url.endswith(".md"):
        return "dans le texte, un lien vers un autre contenu s'écrit avec son adresse, par exemple /actualites/mon-article/"
    return "vérifiez l'adresse : un contenu renommé ou supprimé change d'adresse"


@click.command(name="liens")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="dossier du site construit (par défaut : build/site)")
@click.option("--format", "fmt", type=click.Choice(["texte", "github"]), default="texte",
              help="github : ajoute des annotations GitHub Actions")
@click.option("--strict", is_flag=True, help="les avertissements font aussi échouer")
@click.pass_context
def command(ctx: click.Context, site_dir: Path | None, fmt: str, strict: bool) -> None:
    """Vérifie les liens internes et les images du site construit (build/site)."""
    from airf_site.project import Project

    project = Project.load(ctx.find_root().obj or ".")
    site_dir = site_dir or project.build_dir / "site"
    if not (site_dir / "index.html").is_file():
        click.echo(f"erreur : pas de site construit dans {site_dir} ; lancez d'abord « airf build --site »", err=True)
        sys.exit(1)
    from airf_site.content.loader import load_project

    index, _load_diags = load_project(project)
    diags = check_links(site_dir, project.site_url, display_root=project.root,
                        sources=document_sources(project.root, index))
    for diag in diags:
        click.echo(diag.format(), err=True)
        if fmt == "github":
            level = "error" if diag.is_error else "warning"
            click.echo(f"::{level} file={diag.path},line={diag.line}::{diag.message}")
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    failed = any(d.is_error for d in diags) or (strict and diags)
    if diags:
        click.echo(summarize(diags, strict=strict), err=True)
    if failed:
        sys.exit(1)
    click.echo(f"Liens vérifiés : {pages} pages, aucune erreur.")
