"""Redirect pages for old addresses (content/donnees/redirections.yml, written by `airf importer`):
a link shared years ago, a bookmark or a search engine still lands on the article.

GitHub Pages and GitLab Pages serve static files only (no server-side 301), so each old address
gets a tiny HTML page: an immediate meta refresh, a canonical link for search engines (which
treat it like a permanent redirect) and a plain link for anyone whose browser ignores refresh.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from airf_site.content.index import ContentIndex
from airf_site.content.models import Redirection
from airf_site.project import Project


def redirect_file(item: Redirection) -> str:
    """Site-relative file serving the old address: 'a/b/' → 'a/b/index.html', 'a/b.html' as is."""
    return item.path + "index.html" if item.path.endswith("/") or not item.path else item.path


def render_redirect(project: Project, item: Redirection) -> str:
    """The redirect page (pure): relative target, so it also works in the local preview."""
    target = item.vers.lstrip("/")
    here = posixpath.dirname(redirect_file(item))
    relative = posixpath.relpath(target or ".", here or ".")
    relative = (relative.rstrip("/") + "/") if target.endswith("/") and relative != "." else relative
    href = html.escape(relative if relative != "." else "./")
    canonical = html.escape(project.absolute_url(target))
    return ("<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>Page déplacée</title>\n"
            f"<meta http-equiv=\"refresh\" content=\"0; url={href}\">\n"
            f"<link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n"
            "</head>\n<body>\n"
            f"<p>Cette page a changé d’adresse : <a href=\"{href}\">la lire à sa nouvelle adresse</a>.</p>\n"
            "</body>\n</html>\n")


def write_redirects(site_dir: Path, project: Project, index: ContentIndex) -> list[Path]:
    """Write every redirect page the site does not already serve; returns the files written."""
    written = []
    for item in sorted(index.redirects, key=lambda r: r.path):
        target = site_dir / redirect_file(item)
        if target.exists() or not target.resolve().is_relative_to(site_dir.resolve()):
            continue  # a real page wins; the loader already reported the clash
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_redirect(project, item), encoding="utf-8", newline="\n")
        written.append(target)
    return written
