"""The annual report's sources: `annual_report/<year>/rapport.yml` and one Markdown file per chapter.

Validated with pydantic like the site content, every problem reported as a French
`path:line` diagnostic. Chapter bodies may hold *blocks* on a line of their own, replaced by
data computed from the content (never typed twice):

    [[chiffres membres, pays, webinaires]]   key-figure panel
    [[graphique membres-par-pays]]           vector chart (see charts.CHARTS)
    [[tableau webinaires]]                   table of the year's events of a kind
    [[tableau webinaires, coopr]]            the same, for one project only (charts and figures too)
    [[partenaires]]                          partners with their logos
    [[finances ressources]]                  income, spending ([[finances emplois]]) or both as a
                                             table ([[finances tableau]]) from finances.yml
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from airf_site.content.fields import Color, Slug, Text
from airf_site.content.frontmatter import ParsedFile, decode, parse_document, parse_yaml
from airf_site.content.models import ImageRef, SourceText, Strict
from airf_site.content.validation import validate
from airf_site.errors import Diagnostic, did_you_mean, relpath
from airf_site.paths import UnsafePath, content_file, safe_path
from airf_site.project import Project
from airf_site.report.data import FIGURES, TABLES
from airf_site.report.finances import FINANCES_FILE, VIEWS, Finances, load_finances

SETTINGS_FILE = "rapport.yml"
CHAPTERS_DIR = "chapitres"
BLOCK_RE = re.compile(r"^\[\[\s*([a-z-]+)\s*([^\]]*?)\s*\]\]\s*$")


class Editorial(Strict):
    """The editorial opening the report, signed by a function (no personal name needed)."""

    titre: Text = Field("Éditorial", description="titre de l'éditorial")
    signature: Text = Field(description="qui signe, ex. La présidence de l'AIRF")
    texte: Text = Field(description="le texte de l'éditorial (Markdown)")
    citation: Text | None = Field(None, description="phrase mise en exergue")


class Couleurs(Strict):
    """The association's colours used by the layout and the charts."""

    primaire: Color = Field("#1d4e89", description="couleur principale (bleu AIRF)")
    accent: Color = Field("#e67e22", description="couleur d'accent")
    fond: Color = Field("#f3f6fa", description="fond clair des encadrés")


class ReportSettings(Strict):
    """`rapport.yml`: everything about the report that is not a chapter."""

    titre: Text = Field(description="titre du rapport, ex. Rapport d'activité 2025")
    sous_titre: Text | None = Field(None, description="sous-titre de la couverture")
    annee: int = Field(ge=2002, le=2100, description="année couverte par le rapport")
    auteur: Text = Field("Association internationale des régions francophones (AIRF)",
                         description="auteur affiché dans les propriétés du PDF")
    couverture: ImageRef = Field(description="image pleine page de la couverture")
    quatrieme: ImageRef = Field(description="image de la quatrième de couverture")
    editorial: Editorial
    chapitres: list[Slug] = Field(min_length=1, description="ordre des chapitres (noms de fichiers sans .md)")
    chiffres_cles: list[Slug] = Field(default_factory=list, description="chiffres de « L'année en chiffres »")
    couleurs: Couleurs = Field(default_factory=Couleurs)


class Chapter(SourceText):
    """Front matter of one chapter file."""

    titre: Text = Field(description="titre du chapitre (court : il figure en pied de page)")
    chapeau: Text = Field(description="introduction de deux ou trois lignes sur la page d'ouverture")
    couleur: Color | None = Field(None, description="couleur de la page d'ouverture, #RRVVBB")
    titre_court: Text | None = Field(None, description="titre en pied de page si le titre est long")
    photo: ImageRef | None = Field(None, description="photo pleine page à la fin du chapitre")
    projet: str | None = Field(None, description="identifiant du projet dont traite le chapitre : "
                               "ses chiffres, tableaux et graphiques sont alors ceux de ce projet")

    _slug: str = ""

    @property
    def slug(self) -> str:
        return self._slug

    @property
    def footer_title(self) -> str:
        return self.titre_court or self.titre


@dataclass
class ReportSources:
    """A validated report: settings, chapters in order, and the folder they live in."""

    folder: Path
    settings: ReportSettings
    chapters: list[Chapter] = field(default_factory=list)
    finances: Finances | None = None

    @property
    def year(self) -> int:
        return self.settings.annee

    def image_path(self, ref: ImageRef) -> Path:
        return content_file(self.folder, ref.src)


def report_folder(project: Project, year: int) -> Path:
    """Folder of the report of `year`: annual_report/<year>/."""
    return project.report_dir / str(year)


def available_years(project: Project) -> list[int]:
    """Years that have a report folder with a settings file."""
    if not project.report_dir.is_dir():
        return []
    return sorted(int(p.name) for p in project.report_dir.iterdir()
                  if p.name.isdigit() and (p / SETTINGS_FILE).exists())


def _check_image(ref: ImageRef | None, folder: Path, root: Path, rel: str, line: int) -> list[Diagnostic]:
    if ref is None:
        return []
    try:
        if safe_path(folder, ref.src).is_file():
            return []
    except UnsafePath as exc:
        return [Diagnostic(rel, line, exc.message, hint=exc.hint)]
    return [Diagnostic(rel, line, f"image introuvable : « {ref.src} »",
                       hint=f"le chemin est relatif au dossier {relpath(folder, root)}/ ; "
                            "lancez « python annual_report/generer_images.py » pour les images d'exemple")]


def _check_blocks(body: str, body_line: int, rel: str, project_ids: set[str] | None = None) -> list[Diagnostic]:
    """Every [[...]] block names a known block and known figures/charts/tables (and projects)."""
    from airf_site.report.charts import CHARTS

    diags = []
    known = {"chiffres": FIGURES, "graphique": CHARTS, "tableau": TABLES, "partenaires": None, "finances": VIEWS}
    for offset, line in enumerate(body.split("\n")):
        if not line.strip().startswith("[["):
            continue
        number = body_line + offset
        match = BLOCK_RE.match(line.strip())
        if not match:
            diags.append(Diagnostic(rel, number, "bloc mal écrit",
                                    hint="un bloc s'écrit seul sur sa ligne, ex. [[graphique membres-par-pays]]"))
            continue
        kind, args = match.group(1), match.group(2)
        if kind not in known:
            diags.append(Diagnostic(rel, number, f"bloc inconnu « {kind} »",
                                    hint=did_you_mean(kind, known) or "blocs possibles : " + ", ".join(known)))
            continue
        choices = known[kind]
        if choices is None:
            continue
        names = [a.strip() for a in args.split(",") if a.strip()]
        if not names:
            diags.append(Diagnostic(rel, number, f"le bloc « {kind} » attend un nom",
                                    hint="valeurs possibles : " + ", ".join(sorted(choices))))
        # A chart or a table takes one name, optionally followed by a project: [[tableau webinaires, coopr]];
        # a panel of figures may name a project among its figures: [[chiffres webinaires, coopr]].
        if kind in ("graphique", "tableau"):
            own, projects = names[:1], names[1:]
        else:
            projects = [n for n in names if n not in choices and project_ids and n in project_ids]
            own = [n for n in names if n not in projects]
        for name in own:
            if name not in choices:
                diags.append(Diagnostic(rel, number, f"« {name} » inconnu dans le bloc « {kind} »",
                                        hint=did_you_mean(name, choices)
                                        or "valeurs possibles : " + ", ".join(sorted(choices))))
        if len(projects) > 1:
            diags.append(Diagnostic(rel, number, f"le bloc « {kind} » accepte un seul projet",
                                    hint=f"exemple : [[{kind} {names[0]}, coopr]]"))
        for name in projects[:1]:
            if project_ids is not None and name not in project_ids:
                diags.append(Diagnostic(rel, number, f"projet inconnu « {name} » dans le bloc « {kind} »",
                                        hint=did_you_mean(name, project_ids)
                                        or "projets : " + ", ".join(sorted(project_ids))))
    return diags


def load_report(project: Project, year: int, project_ids: set[str] | None = None,
                theme_ids: set[str] | None = None) -> tuple[ReportSources | None, list[Diagnostic]]:
    """Read and validate `annual_report/<year>/`; returns (sources or None, diagnostics).

    `project_ids` and `theme_ids` (from the ContentIndex) let blocks naming a project and
    the finances' priorities be checked.
    """
    root = project.root
    folder = report_folder(project, year)
    settings_path = folder / SETTINGS_FILE
    rel = relpath(settings_path, root)
    if not settings_path.exists():
        return None, [Diagnostic(rel, 1, f"aucun rapport pour l'année {year}",
                                 hint=f"créez {rel} (voir docs/rapport.md)")]
    text, diags = decode(settings_path.read_bytes(), rel)
    if text is None:
        return None, diags
    data, lines, ydiags = parse_yaml(text, rel)
    diags += ydiags
    if data is None or not isinstance(data, dict):
        if not ydiags:
            diags.append(Diagnostic(rel, 1, "le fichier doit être une liste de champs « nom: valeur »"))
        return None, diags
    parsed = ParsedFile(data, lines=lines)
    settings, errors = validate(ReportSettings, data, parsed, rel)
    diags += errors
    # Even with invalid settings, the chapters and figures named are checked: every problem
    # is reported in one run.
    chapter_names = settings.chapitres if settings else _strings(data.get("chapitres"))
    figure_names = settings.chiffres_cles if settings else _strings(data.get("chiffres_cles"))
    if settings is not None:
        if settings.annee != year:
            diags.append(Diagnostic(rel, parsed.line_of(("annee",)),
                                    f"« annee » vaut {settings.annee} dans le dossier {year}"))
        for key in ("couverture", "quatrieme"):
            diags += _check_image(getattr(settings, key), folder, root, rel, parsed.line_of((key, "src")))
    for index, name in enumerate(figure_names):
        if name not in FIGURES:
            diags.append(Diagnostic(rel, parsed.line_of(("chiffres_cles", index)), f"chiffre clé inconnu « {name} »",
                                    hint=did_you_mean(name, FIGURES) or "possibles : " + ", ".join(sorted(FIGURES))))
    chapters, cdiags = _load_chapters(chapter_names, folder, root, rel, parsed, project_ids)
    diags += cdiags
    finances, fdiags = load_finances(folder, root, year, theme_ids)
    diags += fdiags
    if finances is None and not fdiags:
        for chapter in chapters:
            line = chapter_block_line(chapter, "finances")
            if line:
                diags.append(Diagnostic(chapter.source, line, f"bloc « finances » sans fichier {FINANCES_FILE}",
                                        hint=f"créez {relpath(folder / FINANCES_FILE, root)} (voir docs/rapport.md)"))
    if settings is None or any(d.is_error for d in diags):
        return None, diags
    return ReportSources(folder=folder, settings=settings, chapters=chapters, finances=finances), diags


def chapter_block_line(chapter: Chapter, kind: str) -> int | None:
    """Line of the first [[kind …]] block of a chapter, or None."""
    for offset, line in enumerate(chapter.body.split("\n")):
        match = BLOCK_RE.match(line.strip())
        if match and match.group(1) == kind:
            return chapter.body_line + offset
    return None


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _load_chapters(names: list[str], folder: Path, root: Path, rel: str, parsed: ParsedFile,
                   project_ids: set[str] | None) -> tuple[list[Chapter], list[Diagnostic]]:
    """Load the chapters named in rapport.yml, in order; warn about chapter files not listed."""
    chapters, diags, seen = [], [], set()
    for index, slug in enumerate(names):
        line = parsed.line_of(("chapitres", index))
        if slug in seen:
            diags.append(Diagnostic(rel, line, f"chapitre « {slug} » cité deux fois"))
            continue
        seen.add(slug)
        path = folder / CHAPTERS_DIR / f"{slug}.md"
        if not path.exists():
            existing = sorted(p.stem for p in (folder / CHAPTERS_DIR).glob("*.md"))
            diags.append(Diagnostic(rel, line, f"chapitre introuvable : {relpath(path, root)}",
                                    hint=did_you_mean(slug, existing) or "créez le fichier ou corrigez le nom"))
            continue
        chapter, cdiags = _load_chapter(path, folder, root, project_ids)
        diags += cdiags
        if chapter is not None:
            chapters.append(chapter)
    for stem in sorted(p.stem for p in (folder / CHAPTERS_DIR).glob("*.md") if p.stem not in seen):
        diags.append(Diagnostic(relpath(folder / CHAPTERS_DIR / f"{stem}.md", root), 1,
                                "chapitre absent de la liste « chapitres » de rapport.yml : il ne sera pas publié",
                                severity="avertissement", related=f"{rel}:{parsed.line_of(('chapitres',))}"))
    return chapters, diags


def _load_chapter(path: Path, folder: Path, root: Path,
                  project_ids: set[str] | None = None) -> tuple[Chapter | None, list[Diagnostic]]:
    rel = relpath(path, root)
    parsed = parse_document(path.read_bytes(), rel)
    diags = list(parsed.diagnostics)
    if parsed.meta is None:
        return None, diags
    chapter, errors = validate(Chapter, parsed.meta, parsed, rel)
    diags += errors
    if chapter is None:
        return None, diags
    chapter.attach(rel, parsed)
    chapter._slug = path.stem
    diags += _check_image(chapter.photo, folder, root, rel, parsed.line_of(("photo", "src")))
    if chapter.projet and project_ids is not None and chapter.projet not in project_ids:
        diags.append(Diagnostic(rel, parsed.line_of(("projet",)), f"projet inconnu « {chapter.projet} »",
                                hint=did_you_mean(chapter.projet, project_ids)
                                or "projets : " + ", ".join(sorted(project_ids))))
    diags += _check_blocks(parsed.body, parsed.body_line, rel, project_ids)
    if not parsed.body.strip():
        diags.append(Diagnostic(rel, parsed.body_line, "chapitre sans texte", severity="avertissement"))
    return chapter, diags
