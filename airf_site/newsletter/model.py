"""Newsletter issues: the file model, the Brevo settings, and what each issue carries.

An issue is `newsletters/<id>.md`: front matter (subject, preheader, audience, date, the items
picked by slug or "auto") and an editorial body. `load_issues` parses and validates every issue
and resolves its items against the content index, collecting French diagnostics with
`path:line` like the content loader does. Automatic selections are computed from the issue's
own date (not the build date), so rebuilding an old issue gives the same letter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from airf_site.content.checks import BODY_IMAGE_RE
from airf_site.content.fields import Date, Text
from airf_site.content.frontmatter import ParsedFile, parse_document
from airf_site.content.index import ContentIndex
from airf_site.content.models import Actualite, Appel, Document, Evenement, Fiche
from airf_site.content.validation import validate
from airf_site.errors import WARNING, Diagnostic, did_you_mean, relpath
from airf_site.mail.config import CONFIG_NAME, Config, Expediteur, Limites, Strict, load_config  # noqa: F401
from airf_site.newsletter.selection import Exclusion, auto_selection
from airf_site.paths import check_ref
from airf_site.project import Project

# One naming scheme: newsletters/AAAA-MM.md (members, monthly), newsletters/AAAA-sN.md
# (partners, half-yearly, N = 1 or 2). The name is the issue's id: its build folder, its
# archive URL /lettres/<id>/ and its Brevo campaign (utm_campaign).
NAME_PATTERNS = {"membres": re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), "partenaires": re.compile(r"^(\d{4})-s([12])$")}
NAME_SCHEME = "lettre aux membres : AAAA-MM.md (ex. 2026-12.md) ; lettre aux partenaires : AAAA-sN.md, N = 1 ou 2 pour le semestre (ex. 2026-s2.md)"
AUDIENCES = ("membres", "partenaires")
# First issue of an audience: how far back "news since the previous issue" looks.
FIRST_ISSUE_WINDOW = {"membres": 31, "partenaires": 184}


def _selection(value: Any) -> Any:
    """'auto' stays 'auto'; one slug becomes a list; slugs are checked against the index later."""
    if isinstance(value, str) and value.strip().lower() in ("auto", "automatique"):
        return "auto"
    if value is None:
        return []
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return [str(value)]
    if isinstance(value, list):
        return [str(v).strip() if isinstance(v, (str, int)) else v for v in value]
    raise ValueError("écrivez « auto » ou une liste d'identifiants (une ligne « - identifiant » par élément)")


Selection = Annotated[Literal["auto"] | list[str], BeforeValidator(_selection)]


class Lettre(Strict):
    """Front matter of one issue (newsletters/<id>.md)."""

    objet: Text = Field(description="objet de l'e-mail, tel qu'il s'affiche dans la boîte de réception")
    apercu: Text = Field(description="texte d'aperçu (pré-en-tête) affiché après l'objet, 40 à 130 caractères")
    public: Literal["membres", "partenaires"] = Field(description="membres (lettre mensuelle) ou partenaires (lettre semestrielle)")
    date: Date = Field(description="date d'envoi prévue, AAAA-MM-JJ")
    titre: Text | None = Field(None, description="titre affiché en tête de la lettre (par défaut : l'objet)")
    actualites: Selection = Field("auto", description="« auto » (parues depuis la lettre précédente) ou liste d'identifiants")
    evenements: Selection = Field("auto", description="« auto » (événements à venir) ou liste d'identifiants")
    appels: Selection = Field("auto", description="« auto » (clôture dans les 60 jours) ou liste d'identifiants")
    fiches: Selection = Field("auto", description="« auto » (parues depuis la lettre précédente) ou liste d'identifiants")
    brouillon: bool = Field(False, description="true : lettre absente des archives du site")


@dataclass
class Issue:
    """A validated issue with its resolved items (in display order)."""

    id: str
    meta: Lettre
    source: str
    body: str
    html: str  # editorial rendered with the site's Markdown configuration
    news: list[Actualite] = field(default_factory=list)
    events: list[Evenement] = field(default_factory=list)
    calls: list[Appel] = field(default_factory=list)
    fiches: list[Fiche] = field(default_factory=list)
    previous: Issue | None = None
    excluded: list[Exclusion] = field(default_factory=list)  # what « auto » left out, and why

    @property
    def audience(self) -> str:
        return self.meta.public

    @property
    def title(self) -> str:
        return self.meta.titre or self.meta.objet

    @property
    def url(self) -> str:
        """Site-relative URL of the web archive page."""
        return f"lettres/{self.id}/"


def expected_id(audience: str, day: dt.date) -> str:
    """The issue id (file name without .md) the naming scheme gives an audience's letter of `day`."""
    if audience == "membres":
        return f"{day:%Y-%m}"
    return f"{day.year}-s{1 if day.month <= 6 else 2}"


def issue_period(audience: str, day: dt.date) -> str:
    """The period an issue covers, in words: « novembre 2026 » (members), « second semestre 2026 » (partners)."""
    from airf_site.templating import date_fr

    if audience == "membres":
        return date_fr(day, "LLLL y")
    return f"{'premier' if day.month <= 6 else 'second'} semestre {day.year}"


def is_issue_id(name: str) -> bool:
    """Whether `name` follows the naming scheme (either audience)."""
    return any(p.match(name) for p in NAME_PATTERNS.values())


def _check_name(stem: str, rel: str, meta: Lettre | None, date_line: int) -> list[Diagnostic]:
    """The file name against the naming scheme (error) and the issue's date (warning)."""
    expected = expected_id(meta.public, meta.date) if meta is not None else None
    if not is_issue_id(stem):
        hint = (f"renommez-le « newsletters/{expected}.md » ({NAME_SCHEME})" if expected
                else f"nommez la lettre d'après son public et sa date : {NAME_SCHEME}")
        return [Diagnostic(rel, 1, f"nom de fichier « {stem}.md » hors du schéma des lettres", hint=hint)]
    if meta is None or stem == expected:
        return []
    if not NAME_PATTERNS[meta.public].match(stem):
        other = "partenaires" if meta.public == "membres" else "membres"
        return [Diagnostic(rel, 1, f"« {stem}.md » est un nom de lettre aux {other} alors que « public » vaut "
                                   f"« {meta.public} »", hint=f"renommez-le « newsletters/{expected}.md » "
                                                              f"ou corrigez « public » ({NAME_SCHEME})")]
    return [Diagnostic(rel, date_line, f"la date {meta.date.isoformat()} ne tombe pas dans la période du nom "
                                       f"« {stem} »", severity=WARNING,
                       hint=f"corrigez la date ou renommez le fichier « newsletters/{expected}.md »")]


def issue_files(project: Project) -> list[Path]:
    """Every issue file, sorted by name (files starting with « _ » are ignored)."""
    folder = project.newsletters_dir
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.md") if not p.name.startswith("_"))


def load_issues(project: Project, index: ContentIndex, config: Config) -> tuple[list[Issue], list[Diagnostic]]:
    """Parse, validate and resolve every issue; issues come back sorted by (date, id)."""
    from airf_site.markdown import render_markdown
    from airf_site.sanitize import sanitize_html  # the editorial is read in mail clients (#18)

    diags: list[Diagnostic] = []
    parsed_issues: list[tuple[Issue, ParsedFile]] = []
    for path in issue_files(project):
        rel = relpath(path, project.root)
        parsed = parse_document(path.read_bytes(), rel)
        diags += parsed.diagnostics
        meta, errors = validate(Lettre, parsed.meta, parsed, rel) if parsed.meta is not None else (None, [])
        diags += errors
        naming = _check_name(path.stem, rel, meta, parsed.line_of(("date",)) if meta else 1)
        diags += naming
        if meta is None or any(d.is_error for d in naming):
            continue
        if not 20 <= len(meta.apercu) <= 150:
            diags.append(Diagnostic(rel, parsed.line_of(("apercu",)), f"texte d'aperçu de {len(meta.apercu)} caractères",
                                    severity=WARNING, hint="visez 40 à 130 caractères : c'est ce qui s'affiche après l'objet"))
        issue = Issue(id=path.stem, meta=meta, source=rel, body=parsed.body, html=sanitize_html(render_markdown(parsed.body)))
        diags += _check_editorial_images(issue, parsed, project)
        parsed_issues.append((issue, parsed))
    parsed_issues.sort(key=lambda pair: (pair[0].meta.date, pair[0].id))
    last: dict[str, Issue] = {}
    for issue, parsed in parsed_issues:
        issue.previous = last.get(issue.audience)
        last[issue.audience] = issue
        diags += resolve_items(issue, parsed, index, config)
    return [issue for issue, _ in parsed_issues], diags


def _since(issue: Issue) -> dt.date:
    if issue.previous is not None:
        return issue.previous.meta.date
    return issue.meta.date - dt.timedelta(days=FIRST_ISSUE_WINDOW[issue.audience])


def auto_items(kind: str, issue: Issue, index: ContentIndex, config: Config) -> list[Document]:
    """The automatic selection of `kind` for `issue`, computed from the issue's date."""
    return auto_selection(kind, issue.meta.date, _since(issue), index, config)[0]


KIND_INFO = {
    # front-matter key → (index attribute, French label, content folder)
    "actualites": ("news", "actualité", "content/actualites/"),
    "evenements": ("events", "événement", "content/evenements/"),
    "appels": ("calls", "appel à projets", "content/appels/"),
    "fiches": ("fiches", "fiche technique", "content/fiches/"),
}


def resolve_items(issue: Issue, parsed: ParsedFile, index: ContentIndex, config: Config) -> list[Diagnostic]:
    """Fill issue.news/events/calls/fiches; unknown or draft references become diagnostics."""
    diags: list[Diagnostic] = []
    drafts = {(d.kind, d.id): d for d in index.drafts}
    for key, (attr, label, folder) in KIND_INFO.items():
        selection = getattr(issue.meta, key)
        if selection == "auto":
            chosen_auto, excluded = auto_selection(key, issue.meta.date, _since(issue), index, config)
            setattr(issue, attr, chosen_auto)
            issue.excluded += excluded
            continue
        published = {d.id: d for d in getattr(index, attr)}
        chosen: list[Document] = []
        seen: set[str] = set()
        for position, slug in enumerate(selection):
            line = parsed.line_of((key, position))
            if not isinstance(slug, str):
                diags.append(Diagnostic(issue.source, line, f"« {key} » : identifiant attendu"))
                continue
            doc = published.get(slug)
            if doc is None:
                kind = {"news": "actualite", "events": "evenement", "calls": "appel", "fiches": "fiche"}[attr]
                if (kind, slug) in drafts:
                    diags.append(Diagnostic(issue.source, line, f"{label} « {slug} » : c'est un brouillon",
                                            related=drafts[(kind, slug)].source,
                                            hint="publiez-la (brouillon: false) ou retirez-la de la lettre"))
                else:
                    hint = did_you_mean(slug, list(published)) or (
                        f"l'identifiant est le nom du fichier dans {folder} sans « .md » (ni date au début), ou son « slug »")
                    diags.append(Diagnostic(issue.source, line, f"{label} introuvable « {slug} »", hint=hint))
                continue
            if slug in seen:
                diags.append(Diagnostic(issue.source, line, f"{label} « {slug} » citée deux fois", severity=WARNING))
                continue
            seen.add(slug)
            chosen.append(doc)
            diags += _stale(issue, key, doc, line)
        setattr(issue, attr, chosen)
    if not (issue.news or issue.events or issue.calls or issue.fiches or issue.body.strip()):
        diags.append(Diagnostic(issue.source, 1, "la lettre est vide : ni éditorial, ni élément",
                                hint="écrivez un éditorial sous l'en-tête ou choisissez des actualités"))
    return diags


def _stale(issue: Issue, key: str, doc: Document, line: int) -> list[Diagnostic]:
    """Warnings for items that are out of date on the issue's date."""
    day = issue.meta.date
    if key == "evenements" and doc.fin.date() < day:
        return [Diagnostic(issue.source, line, f"l'événement « {doc.id} » est terminé à la date de la lettre",
                           severity=WARNING, related=doc.source)]
    if key == "appels" and doc.date_limite < day:
        return [Diagnostic(issue.source, line, f"l'appel « {doc.id} » est clos à la date de la lettre",
                           severity=WARNING, related=doc.source)]
    return []


def editorial_images(html: str) -> list[tuple[str, str]]:
    """(src, alt) of the editorial's images that live in content/ (site-relative paths)."""
    found = []
    for tag in re.findall(r"<img\b[^>]*>", html):
        src = re.search(r'\bsrc="([^"]*)"', tag)
        alt = re.search(r'\balt="([^"]*)"', tag)
        if src and not re.match(r"^[a-z][a-z0-9+.-]*:", src.group(1)):
            found.append((src.group(1).lstrip("/"), alt.group(1) if alt else ""))
    return found


def _check_editorial_images(issue: Issue, parsed: ParsedFile, project: Project) -> list[Diagnostic]:
    """Editorial images must exist in content/ and have an alternative text."""
    diags = []
    lines = {m.group(2).lstrip("/"): parsed.body_line + issue.body[: m.start()].count("\n")
             for m in BODY_IMAGE_RE.finditer(issue.body)}
    for src, alt in editorial_images(issue.html):
        line = lines.get(src, parsed.body_line)
        problem = check_ref(project.content_dir, src)
        if problem is not None:
            diags.append(Diagnostic(issue.source, line, problem[0], hint=problem[1]))
        if not alt.strip():
            diags.append(Diagnostic(issue.source, line, f"image sans texte alternatif « {src} »",
                                    hint="écrivez ce que montre l'image entre les crochets : ![Des élus en atelier](images/…)"))
    return diags
