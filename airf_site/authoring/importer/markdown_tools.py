"""Jekyll, Hugo and MkDocs (Material's blog): Markdown posts with a front matter of their own.

Each reader maps the other tool's fields to a `Post`, computes the post's old address from that
tool's permalink rules (so the old links keep working through a redirect), and converts the
template tags it knows — Liquid for Jekyll, shortcodes for Hugo — naming the others in the report.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from slugify import slugify

from airf_site.authoring.importer.model import Post
from airf_site.content.frontmatter import parse_yaml

FRONT = re.compile(r"\A(?:\ufeff)?(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n\1[ \t]*(?:\r?\n|\Z)", re.S)
_NAME_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


def load_yaml(text: str, name: str) -> Any:
    """YAML from another tool's files, through the content's own bounded parser (an export is an
    untrusted file: no alias bomb, no unbounded nesting); its French message on error."""
    data, _lines, diags = parse_yaml(text, name)
    errors = [d for d in diags if d.is_error]
    if errors:
        raise ValueError(errors[0].message)
    return data


def split_front_matter(text: str) -> tuple[dict, str]:
    """(front matter, body) of a YAML (---) or TOML (+++) headed file; ({}, text) without one."""
    match = FRONT.match(text)
    if not match:
        return {}, text
    raw = match.group(2)
    try:
        data = tomllib.loads(raw) if match.group(1) == "+++" else load_yaml(raw, "en-tête")
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"en-tête illisible (TOML : {exc})") from None
    except ValueError as exc:
        raise ValueError(f"en-tête illisible ({exc})") from None
    return (data if isinstance(data, dict) else {}), text[match.end():]


def read_post_file(path: Path, root: Path, skipped: list[str]) -> tuple[dict, str] | None:
    """(front matter, body) of one post file, or None with the reason added to `skipped`.

    Only regular files inside the export are read: a link to a file elsewhere on the machine
    is skipped, never followed.
    """
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    if path.is_symlink() or not path.resolve().is_relative_to(root.resolve()):
        skipped.append(f"{shown} : lien vers un fichier hors de l'export, non importé")
        return None
    try:
        return split_front_matter(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        skipped.append(f"{shown} : {exc}, non importé")
        return None


def as_date(value: Any) -> dt.date | None:
    """A date from what the tools write: a date, a datetime, '2019-05-02 10:00:00 +0200', {created: …}."""
    if isinstance(value, dict):
        value = value.get("created") or value.get("date")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", str(value or ""))
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    return None


def as_list(value: Any) -> list[str]:
    """Tags and categories: a list, or one space/comma-separated string (Jekyll accepts both)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in re.split(r"[,\s]+", value) if v] if "," in value or " " in value else [value]
    if isinstance(value, list):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return [str(value)]


def _image(value: Any) -> str | None:
    if isinstance(value, dict):  # Jekyll themes: image: {path: …, feature: …}; Hugo: cover: {image: …}
        value = value.get("path") or value.get("feature") or value.get("image") or value.get("src")
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value) if value else None


def _post(origin: str, meta: dict, body: str, day: dt.date | None, notes: list[str], **extra) -> Post:
    title = str(meta.get("title") or "").strip()
    image = None
    for key in ("image", "featured_image", "feature_image", "cover", "thumbnail", "images", "header"):
        image = image or _image(meta.get(key))
    return Post(origin=origin, title=title or "Sans titre", date=day or as_date(meta.get("date")), body=body,
                summary=str(meta.get("excerpt") or meta.get("summary") or meta.get("description") or "").strip() or None,
                tags=as_list(meta.get("tags")) + as_list(meta.get("keywords")),
                categories=as_list(meta.get("categories") or meta.get("category")),
                image=image, image_alt=str(meta.get("image_alt") or meta.get("alt") or "").strip() or None,
                draft=bool(meta.get("draft")) or meta.get("published") is False,
                slug=str(meta.get("slug") or "").strip() or None, notes=notes, **extra)


def absolute(base: Any, path: str) -> str | None:
    """The old post's full address (its identifier in the old feed: Jekyll's and Hugo's RSS
    templates and MkDocs' RSS plugin all use the permalink), or None without a site address."""
    base = str(base or "").strip()
    if not re.match(r"^https?://[^/\s]+", base):
        return None
    return base.rstrip("/") + "/" + path.lstrip("/")


def permalink(pattern: str, day: dt.date | None, slug: str, categories: list[str], ext: str = ".html") -> str:
    """Jekyll/Hugo permalink tokens (:year :month :day :title :slug :categories :section…) → a path."""
    styles = {"date": "/:categories/:year/:month/:day/:title:output_ext",
              "pretty": "/:categories/:year/:month/:day/:title/", "ordinal": "/:categories/:year/:y_day/:title:output_ext",
              "none": "/:categories/:title:output_ext"}
    pattern = styles.get(pattern, pattern)
    day = day or dt.date(1970, 1, 1)
    values = {"year": f"{day.year:04d}", "month": f"{day.month:02d}", "day": f"{day.day:02d}",
              "i_month": str(day.month), "i_day": str(day.day), "short_year": f"{day.year % 100:02d}",
              "y_day": f"{day.timetuple().tm_yday:03d}", "title": slug, "slug": slug, "filename": slug,
              "categories": "/".join(slugify(c) for c in categories), "output_ext": ext, "section": "posts"}
    path = re.sub(r":(\w+)", lambda m: values.get(m.group(1), m.group(0)), pattern)
    return "/" + re.sub(r"/{2,}", "/", path).lstrip("/")


def _config(path: Path) -> dict:
    """A site's settings file (YAML or TOML); {} when absent or unreadable (only the permalink
    pattern and the site's address are read from it, and both have defaults)."""
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text) if path.suffix == ".toml" else load_yaml(text, path.name)
    except (ValueError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


# --- Jekyll -----------------------------------------------------------------------------------


def convert_liquid(body: str, notes: list[str]) -> str:
    """The Liquid tags of a Jekyll post we know → Markdown; the others are removed and reported."""
    body = re.sub(r"\{%-?\s*highlight\s+(\w+)[^%]*-?%\}\n?(.*?)\{%-?\s*endhighlight\s*-?%\}",
                  lambda m: f"```{m.group(1)}\n{m.group(2).strip(chr(10))}\n```", body, flags=re.S)
    body = re.sub(r"\{%-?\s*(raw|endraw)\s*-?%\}", "", body)
    body = re.sub(r"\{\{-?\s*site\.(baseurl|url)\s*-?\}\}", "", body)
    body = re.sub(r"\{%-?\s*post_url\s+\d{4}-\d{2}-\d{2}-([\w-]+)\s*-?%\}", r"/actualites/\1/", body)
    body = re.sub(r"\{%-?\s*link\s+_posts/\d{4}-\d{2}-\d{2}-([\w-]+)\.\w+\s*-?%\}", r"/actualites/\1/", body)
    body = re.sub(r"\{%-?\s*include\s+youtube\.html\s+id=[\"']?([\w-]+)[\"']?\s*-?%\}",
                  r"[Voir la vidéo](https://www.youtube.com/watch?v=\1)", body)

    def other(match: re.Match) -> str:
        notes.append(f"balise Liquid non convertie (retirée) : {' '.join(match.group(0).split())[:60]}")
        return ""
    return re.sub(r"\{%.*?%\}|\{\{.*?\}\}", other, body, flags=re.S)


def read_jekyll(source: Path) -> tuple[list[Post], list[str]]:
    """Posts of a Jekyll site (its folder, or its _posts folder)."""
    root = source if (source / "_posts").is_dir() else source.parent
    posts_dir = source / "_posts" if (source / "_posts").is_dir() else source
    config = _config(root / "_config.yml")
    pattern = str(config.get("permalink") or "date")
    posts: list[Post] = []
    skipped: list[str] = []
    drafts = [(p, True) for p in sorted((root / "_drafts").glob("*.*"))] if (root / "_drafts").is_dir() else []
    for path, draft in [(p, False) for p in sorted(posts_dir.rglob("*.*"))] + drafts:
        if path.suffix.lower() not in (".md", ".markdown", ".html", ".htm"):
            continue
        notes: list[str] = []
        read = read_post_file(path, root, skipped)
        if read is None:
            continue
        meta, body = read
        named = _NAME_DATE.match(path.stem)
        day = as_date(meta.get("date")) or (as_date("-".join(named.groups()[:3])) if named else None)
        slug = slugify(named.group(4) if named else path.stem)
        if path.suffix.lower() in (".html", ".htm"):
            from airf_site.authoring.importer.wordpress import html_to_markdown

            body = html_to_markdown(body, notes)
        body = convert_liquid(body, notes)
        post = _post(str(path.relative_to(root)), meta, body, day, notes)
        post.draft = post.draft or draft
        post.slug = post.slug or slug
        ext = ".html"
        old = str(meta.get("permalink") or "") or permalink(pattern, post.date, slug, post.categories, ext)
        post.old_urls = [old] if not draft else []
        post.guid = absolute(str(config.get("url") or "") + str(config.get("baseurl") or ""), old)
        posts.append(post)
    return posts, skipped


# --- Hugo ---------------------------------------------------------------------------------------


def convert_shortcodes(body: str, notes: list[str]) -> str:
    """Hugo shortcodes we know → Markdown; the others are removed and reported."""
    def figure(match: re.Match) -> str:
        attrs = dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', match.group(1)))
        image = f"![{attrs.get('alt') or attrs.get('caption') or ''}]({attrs.get('src', '')})"
        return image + (f"\n\n*{attrs['caption']}*" if attrs.get("caption") else "")
    body = re.sub(r"\{\{[<%]\s*figure\s+(.*?)\s*[>%]\}\}", figure, body, flags=re.S)
    body = re.sub(r"\{\{[<%]\s*youtube\s+(?:id=)?\"?([\w-]+)\"?\s*[>%]\}\}",
                  r"[Voir la vidéo](https://www.youtube.com/watch?v=\1)", body)
    body = re.sub(r"\{\{[<%]\s*(?:rel)?ref\s+\"(?:[^\"]*/)?([\w-]+?)(?:/index)?(?:\.md)?\"\s*[>%]\}\}",
                  r"/actualites/\1/", body)
    body = re.sub(r"\{\{[<%]\s*highlight\s+(\w+)[^>%]*[>%]\}\}\n?(.*?)\{\{[<%]\s*/highlight\s*[>%]\}\}",
                  lambda m: f"```{m.group(1)}\n{m.group(2).strip(chr(10))}\n```", body, flags=re.S)

    def other(match: re.Match) -> str:
        if not match.group(1):
            notes.append(f"code court Hugo non converti (retiré) : {match.group(2)}")
        return ""
    return re.sub(r"\{\{[<%]\s*(/?)\s*([\w-]+)[^}]*?[>%]\}\}", other, body)


def read_hugo(source: Path) -> tuple[list[Post], list[str]]:
    """Posts of a Hugo site (its folder, or a section folder such as content/posts)."""
    root, section = source, None
    for name in ("posts", "post", "blog", "actualites", "news"):
        if (source / "content" / name).is_dir():
            section = source / "content" / name
            break
    if section is None:
        section, root = source, source.parent.parent if source.parent.name == "content" else source
    config = next((_config(root / n) for n in ("hugo.toml", "config.toml", "hugo.yaml", "config.yaml")
                   if (root / n).is_file()), {})
    pattern = (config.get("permalinks") or {}).get(section.name) or f"/{section.name}/:slug/"
    posts: list[Post] = []
    skipped: list[str] = []
    for path in sorted(section.rglob("*.md")):
        if path.name == "_index.md":
            continue
        notes: list[str] = []
        read = read_post_file(path, root, skipped)
        if read is None:
            continue
        meta, body = read
        slug = slugify(str(meta.get("slug") or (path.parent.name if path.stem == "index" else path.stem)))
        post = _post(str(path.relative_to(root)), meta, convert_shortcodes(body, notes), None, notes)
        post.slug = slug
        old = str(meta.get("url") or "") or permalink(pattern.replace(":title", ":slug"), post.date, slug,
                                                      post.categories, "")
        post.old_urls = [old if old.endswith("/") or "." in old.rsplit("/", 1)[-1] else old + "/"]
        post.guid = absolute(config.get("baseURL") or config.get("baseurl"), post.old_urls[0])
        post.old_urls += [a if a.startswith("/") else "/" + a for a in as_list(meta.get("aliases"))]
        posts.append(post)
    return posts, skipped


# --- MkDocs (Material's blog plugin) -------------------------------------------------------------


def read_mkdocs(source: Path) -> tuple[list[Post], list[str]]:
    """Posts of Material for MkDocs' blog (the docs folder, the blog folder or its posts folder)."""
    posts_dir = next((d for d in (source / "docs" / "blog" / "posts", source / "blog" / "posts", source / "posts",
                                  source) if d.is_dir()), source)
    blog = posts_dir.parent if posts_dir.name == "posts" else posts_dir
    # mkdocs.yml often holds !!python/name tags no safe parser reads: only site_url is needed.
    site_url = next((m.group(1) for path in (source / "mkdocs.yml", blog.parent.parent / "mkdocs.yml")
                     if path.is_file() for m in [re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)",
                                                           path.read_text(encoding="utf-8", errors="replace"), re.M)]
                     if m), None)
    posts: list[Post] = []
    skipped: list[str] = []
    for path in sorted(posts_dir.rglob("*.md")):
        notes: list[str] = []
        read = read_post_file(path, blog, skipped)
        if read is None:
            continue
        meta, body = read
        summary = None
        if "<!-- more -->" in body:
            head, _sep, _rest = body.partition("<!-- more -->")
            summary = " ".join(re.sub(r"^#.*$", "", head, flags=re.M).split()) or None
            body = body.replace("<!-- more -->", "")
        title = str(meta.get("title") or "")
        heading = re.search(r"^#\s+(.+)$", body, flags=re.M)
        if not title and heading:
            title = heading.group(1).strip()
            body = body.replace(heading.group(0), "", 1)
        meta = dict(meta, title=title, authors=None)
        post = _post(str(path.relative_to(blog)), meta, body, None, notes)
        post.summary = post.summary or summary
        slug = slugify(str(meta.get("slug") or title or path.stem))
        post.slug = slug
        if post.date:
            post.old_urls = [f"/{blog.name}/{post.date:%Y/%m/%d}/{slug}/"]
            post.guid = absolute(site_url, post.old_urls[0])
        posts.append(post)
    return posts, skipped
