"""What every importer produces (`Post`), and how a post becomes a news file of ours.

The readers (wordpress, jekyll, hugo, mkdocs) only turn another tool's export into `Post`s; this
module plans the files (names, slugs that never collide, images to copy, old addresses to keep),
renders each one in our format (French field names, every value quoted) and says in French what
could not be converted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from airf_site.content.checks import SUMMARY_MAX

IMPORT_IMAGES = "images/actualites/import"
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


@dataclass
class Post:
    """One article read from another tool, before it becomes ours."""

    origin: str  # where it came from, for the report: a file, or a WordPress item
    title: str
    date: dt.date | None
    body: str  # Markdown
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    image: str | None = None  # as written in the source (a path or an address)
    image_alt: str | None = None
    draft: bool = False
    old_urls: list[str] = field(default_factory=list)  # paths on the old site
    guid: str | None = None
    slug: str | None = None
    author: str | None = None
    notes: list[str] = field(default_factory=list)  # what could not be converted


@dataclass
class Planned:
    """A post placed in our tree: its file, its slug, its images, its text, and the report lines."""

    post: Post
    path: Path  # content/actualites/<date>-<slug>.md
    slug: str
    text: str = ""
    copies: dict[Path, Path] = field(default_factory=dict)  # source file → file in content/
    notes: list[str] = field(default_factory=list)


def summary_of(body: str) -> str:
    """A summary from the first paragraph of text: plain words, ≤ 300 characters, cut at a word."""
    for block in re.split(r"\n\s*\n", body):
        text = block.strip()
        if not text or text.startswith(("#", "!", "<", "|", "```", "~~~", ">", "- ", "* ", "{", "[image : ")) \
                or re.fullmatch(r"\S+://\S+", text):  # a heading, a list, an image, a bare address…
            continue
        text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
        text = " ".join(re.sub(r"[*_`]", "", text).split())
        if len(text) > SUMMARY_MAX:
            cut = text[: SUMMARY_MAX - 1].rsplit(" ", 1)[0].rstrip(",;:")
            text = cut + "…"
        if text:
            return text
    return ""


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def render_post(post: Post, slug: str, image: str | None, themes: list[str], tags: list[str]) -> str:
    """Our news file for `post` (pure)."""
    lines = ["---", f"titre: {_yaml(post.title)}"]
    if slug != slugify(post.title) or post.slug:
        lines.append(f"slug: {slug}")
    lines.append(f"date: {post.date.isoformat() if post.date else ''}")
    summary = post.summary.strip() if post.summary and post.summary.strip() else summary_of(post.body)
    summary = " ".join(summary.split())
    if len(summary) > SUMMARY_MAX:
        summary = summary[: SUMMARY_MAX - 1].rsplit(" ", 1)[0] + "…"
    lines.append(f"resume: {_yaml(summary or post.title)}")
    if image:
        lines.append(f"image: {_yaml(image)}")
        lines.append(f"image_alt: {_yaml(post.image_alt or post.title)}")
    if themes:
        lines.append("themes: [" + ", ".join(themes) + "]")
    if tags:
        lines.append("etiquettes: [" + ", ".join(_yaml(t) for t in tags) + "]")
    if post.author:
        lines.append(f"auteur: {_yaml(post.author)}")
    if post.guid:
        lines.append(f"guid: {_yaml(post.guid)}")
    if post.draft:
        lines.append("brouillon: true")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + post.body.strip() + "\n"


def image_target(name: str, taken: set[str]) -> str:
    """A free content-relative path for an imported image, ASCII name kept readable."""
    stem, dot, ext = name.rpartition(".")
    base = slugify(stem or name) or "image"
    ext = (ext.lower() if dot else "jpg")[:5]
    candidate, n = f"{IMPORT_IMAGES}/{base}.{ext}", 2
    while candidate in taken:
        candidate, n = f"{IMPORT_IMAGES}/{base}-{n}.{ext}", n + 1
    taken.add(candidate)
    return candidate


def localise_images(body: str, resolve, place, copies: dict[Path, Path], notes: list[str],
                    content: Path) -> str:
    """Body images: a local file is copied under content/images/ (`place` gives its path, the same
    one each time the file is used); a remote one becomes a link (the site requests no other
    host) and is listed for download by hand."""
    def fix(match: re.Match) -> str:
        alt, src = match.group(1), match.group(2)
        local = resolve(src)
        if local is not None:
            target = place(local)
            copies[local] = content / target
            return f"![{alt or 'image'}](/{target})"
        if re.match(r"^https?://", src):
            target = place(src)
            notes.append(f"image distante à télécharger : {src} → content/{target}, puis remplacez chaque lien "
                         f"« [image : …]({src}) » par ![description de l'image](/{target})")
            return f"[image : {alt or target.rsplit('/', 1)[-1]}]({src})"
        notes.append(f"image introuvable dans l'export : {src} (retirée du texte)")
        return alt
    return _MD_IMAGE.sub(fix, body)
