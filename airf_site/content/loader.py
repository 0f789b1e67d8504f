"""Load a project's content from disk: every file parsed and validated, then cross-checked.

`load_project(project)` returns `(ContentIndex, diagnostics)` and never raises on bad content:
all problems of all files are collected so the editor fixes them in one pass. The checks
across files (addresses, references, images, redirections) are in `content/checks.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from slugify import slugify

from airf_site.content.checks import DATA_DIR, YEAR_IN_NEWS_URLS, check_raw_references, check_references
from airf_site.content.frontmatter import ParsedFile, decode, parse_document, parse_yaml
from airf_site.content.index import ContentIndex
from airf_site.content.models import KINDS, Actualite, Document, Membre, Partenaire, Redirection, Theme
from airf_site.content.validation import validate
from airf_site.errors import Diagnostic, relpath
from airf_site.paths import is_safe_file, scan_links
from airf_site.project import Project

SKIPPED_DIRS = {"images", DATA_DIR, "admin", "fichiers"}


def slug_from_filename(path: Path) -> str:
    """'2026-03-01-Atelier à Rabat.md' → 'atelier-a-rabat' (ASCII, date prefix dropped)."""
    stem = path.stem
    parts = stem.split("-", 3)
    if len(parts) == 4 and all(p.isdigit() for p in parts[:3]) and len(parts[0]) == 4:
        stem = parts[3]
    return slugify(stem)


def load_document(path: Path, root: Path, model: type[Document],
                  parse: Callable[[bytes, str], ParsedFile] = parse_document,
                  ) -> tuple[Document | None, ParsedFile, list[Diagnostic]]:
    """Parse and validate one Markdown file as `model`."""
    rel = relpath(path, root)
    parsed = parse(path.read_bytes(), rel)
    # The file name is checked whatever the header holds: every problem is reported in one run.
    diags = list(parsed.diagnostics) + _filename_date(path, rel)
    if parsed.meta is None:
        return None, parsed, diags
    doc, errors = validate(model, parsed.meta, parsed, rel)
    diags.extend(errors)
    if doc is None:
        return None, parsed, diags
    doc.attach(rel, parsed)
    doc._slug = doc.slug or slug_from_filename(path)
    return doc, parsed, diags


def _filename_date(path: Path, rel: str) -> list[Diagnostic]:
    """An impossible date at the start of a file name (2024-25-10-…): day and month swapped."""
    prefix = re.match(r"^(\d{4})-(\d{2})-(\d{2})-", path.name)
    if not prefix:
        return []
    try:
        dt.date(int(prefix[1]), int(prefix[2]), int(prefix[3]))
    except ValueError:
        return [Diagnostic(rel, 1, f"date impossible dans le nom du fichier « {path.name} »",
                           hint="le nom commence par la date AAAA-MM-JJ, par exemple "
                           f"{prefix[1]}-{prefix[3]}-{prefix[2]}-… si le jour et le mois sont inversés")]
    return []


def load_data(path: Path, root: Path, model: type, required: bool = True) -> tuple[list, list[Diagnostic]]:
    """Load a YAML data file holding a list of records (themes, members, partners)."""
    rel = relpath(path, root)
    if not path.exists():
        if required:
            return [], [Diagnostic(rel, 1, "fichier de données manquant",
                                   hint=f"créez {rel} (voir le guide de rédaction)")]
        return [], []
    text, diags = decode(path.read_bytes(), rel)
    if text is None:
        return [], diags
    data, lines, ydiags = parse_yaml(text, rel)
    diags.extend(ydiags)
    if any(d.is_error for d in ydiags):
        return [], diags
    if not isinstance(data, list):
        diags.append(Diagnostic(rel, 1, "le fichier doit contenir une liste (chaque élément commence par « - »)"))
        return [], diags
    records: list[Any] = []
    for index, item in enumerate(data):
        line = lines.get((index,), 1)
        if not isinstance(item, dict):
            diags.append(Diagnostic(rel, line, f"élément {index + 1} : un ensemble de champs « nom: valeur » est attendu"))
            continue
        sub = ParsedFile(None, lines={k[1:]: v for k, v in lines.items() if k[:1] == (index,)})
        record, errors = validate(model, item, sub, rel)
        for err in errors:
            diags.append(Diagnostic(err.path, err.line if err.line != 1 else line, err.message, hint=err.hint))
        if record is not None:
            record._line = line
            records.append(record)
    seen: dict[str, int] = {}
    for record in records:
        if not hasattr(record, "id"):
            continue  # records without an id (redirections) check their own duplicates
        if record.id in seen:
            diags.append(Diagnostic(rel, record._line, f"identifiant « {record.id} » en double (déjà à la ligne {seen[record.id]})",
                                    hint="chaque identifiant doit être unique"))
        else:
            seen[record.id] = record._line
    return records, diags


def iter_content_files(content: Path) -> Iterable[tuple[Path, type[Document] | None]]:
    """Every Markdown file under content/, with the model its folder decides (None: unknown)."""
    for path in sorted(content.rglob("*.md")):
        parts = path.relative_to(content).parts
        if parts[0] in SKIPPED_DIRS or not is_safe_file(content, path):
            continue  # symbolic links are reported by scan_links, never read
        yield path, KINDS.get(parts[0]) if len(parts) > 1 else None


def load_project(project: Project) -> tuple[ContentIndex, list[Diagnostic]]:
    """Load and check every content file and data file of `project`."""
    root, content = project.root, project.content_dir
    diags: list[Diagnostic] = scan_links(content, root)
    index = ContentIndex(now=project.now)
    index.themes, d = load_data(content / DATA_DIR / "themes.yml", root, Theme)
    diags += d
    index.members, d = load_data(content / DATA_DIR / "membres.yml", root, Membre)
    diags += d
    index.partners, d = load_data(content / DATA_DIR / "partenaires.yml", root, Partenaire, required=False)
    diags += d
    index.redirects, d = load_data(content / DATA_DIR / "redirections.yml", root, Redirection, required=False)
    diags += d
    docs: list[Document] = []
    invalid: list[tuple[str, ParsedFile]] = []
    caches = project.caches
    parse = (lambda raw, rel: caches.memo(parse_document, raw, rel)) if caches is not None else parse_document
    for path, model in iter_content_files(content):
        if model is None:
            diags.append(Diagnostic(relpath(path, root), 1, "fichier hors d'un dossier de contenu connu",
                                    hint="rangez-le dans l'un de ces dossiers : " + ", ".join(f"content/{k}/" for k in KINDS)))
            continue
        doc, parsed, d = load_document(path, root, model, parse)
        diags += d
        if doc is not None:
            docs.append(doc)
        elif parsed.meta is not None:
            invalid.append((relpath(path, root), parsed))
    year_in_urls = project.airf.get(YEAR_IN_NEWS_URLS) is True
    lists: dict[str, list[Any]] = {
        "actualite": index.news, "fiche": index.fiches, "evenement": index.events,
        "appel": index.calls, "projet": index.projects, "page": index.pages,
    }
    for doc in docs:
        if year_in_urls and isinstance(doc, Actualite):
            doc._url_year = doc.date.year
        if doc.brouillon:
            index.drafts.append(doc)
            continue
        lists[doc.kind].append(doc)
    index.sort()
    diags += check_references(index, docs, project)
    for rel, parsed in invalid:
        diags += check_raw_references(rel, parsed, index)
    return index, sorted(set(diags))
