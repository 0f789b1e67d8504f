"""`airf importer <outil> <chemin>`: bring years of posts from WordPress, Jekyll, Hugo or MkDocs.

A dry run by default: it reads the export, plans every news file (content/actualites/), image
copy (content/images/actualites/import/) and redirect from the old address
(content/donnees/redirections.yml), checks each planned file with the same validation as
`airf check`, and prints a French report, file by file, of what could not be converted.
`--ecrire` writes the plan. Nothing is fetched from the network: remote images are listed for
download by hand. Importing twice does not duplicate: existing files are left as they are.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from slugify import slugify

from airf_site.authoring.importer.markdown_tools import read_hugo, read_jekyll, read_mkdocs
from airf_site.authoring.importer.model import IMPORT_IMAGES, Planned, Post, image_target, localise_images, render_post
from airf_site.authoring.importer.wordpress import read_wordpress
from airf_site.authoring.scaffold import match_id
from airf_site.content.frontmatter import parse_document
from airf_site.content.index import ContentIndex
from airf_site.content.models import Actualite
from airf_site.content.validation import validate
from airf_site.errors import relpath
from airf_site.project import Project

READERS: dict[str, Callable[[Path], tuple[list[Post], list[str]]]] = {
    "wordpress": read_wordpress, "jekyll": read_jekyll, "hugo": read_hugo, "mkdocs": read_mkdocs,
}


@dataclass
class ImportPlan:
    """Everything an import would write, and what the report says."""

    tool: str
    source: Path
    planned: list[Planned] = field(default_factory=list)
    redirects: list[tuple[str, str]] = field(default_factory=list)  # (old path, new path)
    skipped: list[str] = field(default_factory=list)
    invalid: dict[str, list[str]] = field(default_factory=dict)  # file → problems `airf check` would report


def _unique_slug(post: Post, wanted: str, taken: set[str]) -> str:
    day = post.date
    candidates = [wanted]
    if day is not None:
        candidates += [f"{wanted}-{day.year}", f"{wanted}-{day.year}-{day.month:02d}", f"{wanted}-{day:%Y-%m-%d}"]
    candidates += [f"{wanted}-{n}" for n in range(2, 1000)]
    slug = next(c for c in candidates if c not in taken)
    taken.add(slug)
    return slug


def _resolver(root: Path, origin_dir: Path):
    """A function: image path as written in the source → the local file, or None."""
    def resolve(src: str) -> Path | None:
        if "://" in src or src.startswith("data:"):
            return None
        clean = src.split("?")[0].split("#")[0]
        # Site-absolute paths start at the site's root, or its static folder (Hugo: static/,
        # Jekyll themes: assets/); relative ones at the post's own folder (a Hugo page bundle).
        for base in ((root if clean.startswith("/") else origin_dir), root, root / "static", origin_dir):
            candidate = (base / clean.lstrip("/")).resolve()
            # Only files inside the export's own folder: an import never reads elsewhere.
            if candidate.is_relative_to(root.resolve()) and candidate.is_file() and not candidate.is_symlink():
                return candidate
        return None
    return resolve


def plan_import(project: Project, index: ContentIndex, tool: str, source: Path) -> ImportPlan:
    """Read `source` with the `tool` reader and plan every file (no IO besides reading)."""
    posts, skipped = READERS[tool](source)
    plan = ImportPlan(tool, source, skipped=list(skipped))
    root = source if source.is_dir() else source.parent
    news = [d for d in index.news + index.drafts if d.kind == "actualite"]
    taken = {d.id for d in news}
    # A second import of the same export finds its posts again by their feed identifier, or by
    # the old address already redirected (a renamed slug no longer matches the file name).
    known_guids = {guid for d in news if (guid := getattr(d, "guid", None))}
    known_old = {r.de.rstrip("/") for r in index.redirects}
    images_taken = {relpath(p, project.content_dir) for p in (project.content_dir / IMPORT_IMAGES).glob("*")} \
        if (project.content_dir / IMPORT_IMAGES).is_dir() else set()
    themes = {t.id: t.titre for t in index.themes}
    news_dir = project.content_dir / "actualites"
    placed: dict[Path | str, str] = {}

    def place(image: Path | str) -> str:
        # One image used twice (the illustration and the body, or two posts) gets one name: a
        # local file is copied once, a remote one is downloaded once.
        if image not in placed:
            name = image.name if isinstance(image, Path) else image.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
            placed[image] = image_target(name or "image.jpg", images_taken)
        return placed[image]

    for post in posts:  # one line each: a title is shown on cards, in feeds and in e-mail subjects
        post.title = " ".join(post.title.split()) or "Sans titre"
    for post in sorted(posts, key=lambda p: (p.date or dt.date.min, p.title)):
        if post.date is None:
            plan.skipped.append(f"{post.origin} : pas de date de publication, non importé")
            continue
        wanted = slugify(post.slug or post.title) or "article"
        existing = news_dir / f"{post.date.isoformat()}-{wanted}.md"
        if existing.exists() or (post.guid and post.guid in known_guids) or \
                any(old.rstrip("/") in known_old for old in post.old_urls if old):
            plan.skipped.append(f"{post.origin} : déjà importé ({relpath(existing, project.root)})")
            continue
        slug = _unique_slug(post, wanted, taken)
        planned = Planned(post, news_dir / f"{post.date.isoformat()}-{slug}.md", slug, notes=list(post.notes))
        origin_dir = (root / post.origin).parent if (root / post.origin).exists() else root
        resolve = _resolver(root, origin_dir)
        body = localise_images(post.body, resolve, place, planned.copies, planned.notes, project.content_dir)
        image = None
        if post.image:
            local = resolve(post.image)
            if local is not None:
                image = place(local)
                planned.copies[local] = project.content_dir / image
            else:
                planned.notes.append(f"image d'illustration à télécharger à la main : {post.image} "
                                     "(puis ajoutez « image: » et « image_alt: » dans l'en-tête)")
        # Labels as readers see them: one space between words, none blank (WordPress keeps " ").
        categories, post_tags = ([label for label in (" ".join(t.split()) for t in group) if label]
                                 for group in (post.categories, post.tags))
        chosen = [t for t in dict.fromkeys(match_id(c, themes) for c in categories + post_tags) if t]
        tags = [t for t in dict.fromkeys(post_tags + categories) if match_id(t, themes) is None]
        post.body = body
        planned.text = render_post(post, slug, image, chosen, tags)
        new_url = f"/actualites/{slug}/"
        for old in post.old_urls:
            if not post.draft and old and old.rstrip("/") != new_url.rstrip("/"):
                plan.redirects.append((old, new_url))
        problems = _check(planned)
        if problems:
            plan.invalid[relpath(planned.path, project.root)] = problems
        plan.planned.append(planned)
    return plan


def _check(planned: Planned) -> list[str]:
    """The header problems `airf check` would report on the planned file (same parser, same model)."""
    parsed = parse_document(planned.text.encode("utf-8"), planned.path.name)
    problems = [d.message for d in parsed.diagnostics if d.is_error]
    if parsed.meta is not None:
        _doc, errors = validate(Actualite, parsed.meta, parsed, planned.path.name)
        problems += [d.message for d in errors if d.is_error]
    return problems


def write_import(project: Project, plan: ImportPlan) -> list[Path]:
    """Write the planned files, copy the images, add the redirects; returns the files written."""
    written = []
    for planned in plan.planned:
        planned.path.parent.mkdir(parents=True, exist_ok=True)
        planned.path.write_text(planned.text, encoding="utf-8", newline="\n")
        written.append(planned.path)
        for src, dst in sorted(planned.copies.items()):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            written.append(dst)
    if plan.redirects:
        path = project.content_dir / "donnees" / "redirections.yml"
        current = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
        known = {str(r.get("de")) for r in current or [] if isinstance(r, dict)}
        lines = [] if path.is_file() else ["# Anciennes adresses (écrites par « airf importer ») → nouvelles adresses."]
        for old, new in plan.redirects:
            if old not in known:
                known.add(old)
                lines += [f"- de: {yaml.safe_dump(old, allow_unicode=True).splitlines()[0]}", f"  vers: {new}"]
        if lines:
            with path.open("a", encoding="utf-8", newline="\n") as handle:
                if path.stat().st_size and not path.read_text(encoding="utf-8").endswith("\n"):
                    handle.write("\n")
                handle.write("\n".join(lines) + "\n")
            written.append(path)
    return written


def render_report(project: Project, plan: ImportPlan, wrote: bool) -> str:
    """The French report: counts, then file by file what needs a hand, then the next step."""
    total = len(plan.planned)
    ready = total - len(plan.invalid)
    out = [f"Importation {plan.tool} depuis {plan.source} :",
           f"  {total} article(s) à créer dans content/actualites/, dont {ready} sans retouche nécessaire"
           + (f" ({100 * ready / total:.0f} %)" if total else ""),
           f"  {sum(p.post.draft for p in plan.planned)} brouillon(s) (importés avec « brouillon: true »), "
           f"{sum(len(p.copies) for p in plan.planned)} image(s) copiée(s), "
           f"{len(plan.redirects)} ancienne(s) adresse(s) redirigée(s) (content/donnees/redirections.yml)"]
    for planned in plan.planned:
        rel = relpath(planned.path, project.root)
        problems = plan.invalid.get(rel, [])
        if planned.notes or problems:
            out.append(f"  {rel} ← {planned.post.origin}")
            out += [f"    - à corriger : {p}" for p in problems] + [f"    - {n}" for n in dict.fromkeys(planned.notes)]
    if plan.skipped:
        out.append("  Non importés :")
        out += [f"    - {s}" for s in plan.skipped]
    out.append("Fichiers écrits. Vérifiez avec « make check »." if wrote else
               "Simulation : rien n'a été écrit. Relancez avec --ecrire pour créer les fichiers.")
    return "\n".join(out) + "\n"
