"""The report's finance figures: `annual_report/<year>/finances.yml`, charts and table.

The accounts are not in the site's content, so they have their own data file (amounts typed
once, from the accounts approved by the General Assembly); the chapter shows them through
blocks, never as numbers typed in the text:

    [[finances ressources]]   bar chart of the income by source
    [[finances emplois]]      bar chart of the spending by strategic priority
    [[finances tableau]]      both in one table, with totals and shares

`finances.yml`:

    exercice: 2025
    ressources:                      # income by source
      - source: Cotisations des membres
        montant: 248000
    emplois:                         # spending by priority: a theme id of content/donnees/themes.yml…
      - priorite: francophonie-economique
        montant: 142000
      - libelle: Instances et fonctionnement   # …or a label for what is not thematic
        montant: 141000
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape
from pydantic import Field, model_validator

from airf_site.content.fields import Text
from airf_site.content.frontmatter import ParsedFile, decode, parse_yaml
from airf_site.content.models import Strict
from airf_site.content.validation import validate
from airf_site.errors import Diagnostic, relpath

FINANCES_FILE = "finances.yml"
VIEWS = {"ressources": "ressources par origine", "emplois": "emplois par priorité", "tableau": "tableau"}
SOURCE_COLOURS = ["#1d4e89", "#e67e22", "#1e8449", "#c0392b", "#6c3483", "#148f9c", "#7f8c8d"]
NEUTRAL = "#7f8c8d"


class Ressource(Strict):
    """One source of income and its amount in euros."""

    source: Text = Field(description="origine des ressources, ex. Cotisations des membres")
    montant: int = Field(ge=0, description="montant en euros (nombre entier, sans espace)")


class Emploi(Strict):
    """One line of spending: a strategic priority (theme id) or a label, and its amount."""

    priorite: str | None = Field(None, description="identifiant d'une priorité (content/donnees/themes.yml)")
    libelle: Text | None = Field(None, description="libellé d'une dépense hors priorité, ex. Fonctionnement")
    montant: int = Field(ge=0, description="montant en euros (nombre entier, sans espace)")

    @model_validator(mode="after")
    def _one_name(self):
        if (self.priorite is None) == (self.libelle is None):
            raise ValueError("indiquez soit « priorite » (une priorité stratégique), soit « libelle »")
        return self


class Finances(Strict):
    """The year's accounts as shown in the report."""

    exercice: int = Field(description="année des comptes")
    ressources: list[Ressource] = Field(min_length=1, description="ressources par origine")
    emplois: list[Emploi] = Field(min_length=1, description="emplois par priorité stratégique")

    @property
    def total_ressources(self) -> int:
        return sum(r.montant for r in self.ressources)

    @property
    def total_emplois(self) -> int:
        return sum(e.montant for e in self.emplois)


def load_finances(folder: Path, root: Path, year: int, theme_ids: set[str] | None = None
                  ) -> tuple[Finances | None, list[Diagnostic]]:
    """Read and validate `finances.yml` of a report folder; (None, []) when there is none."""
    path = folder / FINANCES_FILE
    if not path.exists():
        return None, []
    rel = relpath(path, root)
    text, diags = decode(path.read_bytes(), rel)
    if text is None:
        return None, diags
    data, lines, ydiags = parse_yaml(text, rel)
    diags += ydiags
    if not isinstance(data, dict):
        if not ydiags:
            diags.append(Diagnostic(rel, 1, "le fichier doit être une liste de champs « nom: valeur »"))
        return None, diags
    parsed = ParsedFile(data, lines=lines)
    finances, errors = validate(Finances, data, parsed, rel)
    diags += errors
    if finances is None:
        return None, diags
    if finances.exercice != year:
        diags.append(Diagnostic(rel, parsed.line_of(("exercice",)), f"« exercice » vaut {finances.exercice} "
                                f"dans le dossier {year}"))
    for number, emploi in enumerate(finances.emplois):
        if emploi.priorite and theme_ids is not None and emploi.priorite not in theme_ids:
            diags.append(Diagnostic(rel, parsed.line_of(("emplois", number, "priorite")),
                                    f"priorité inconnue « {emploi.priorite} »",
                                    hint="priorités : " + ", ".join(sorted(theme_ids))))
    return (None if any(d.is_error for d in diags) else finances), diags


def euros(amount: int) -> str:
    """An amount in French style: 248 000 € (narrow no-break spaces)."""
    return f"{amount:,}".replace(",", "\u202f") + "\u00a0€"


def percent(part: int, total: int) -> str:
    """A share in French style: 40,5 %."""
    return (f"{100 * part / total:.1f}".replace(".", ",") if total else "0") + "\u00a0%"


def income_rows(finances: Finances) -> list[tuple[str, int, str]]:
    """(label, amount, colour) of each source of income, in the file's order."""
    return [(r.source, r.montant, SOURCE_COLOURS[i % len(SOURCE_COLOURS)]) for i, r in enumerate(finances.ressources)]


def spending_rows(finances: Finances, themes) -> list[tuple[str, int, str]]:
    """(label, amount, colour) of each line of spending: a priority in its colour and title."""
    by_id = {t.id: t for t in themes}
    rows = []
    for emploi in finances.emplois:
        theme = by_id.get(emploi.priorite) if emploi.priorite else None
        rows.append((theme.titre if theme else (emploi.libelle or emploi.priorite), emploi.montant,
                     theme.couleur if theme else NEUTRAL))
    return rows


def render_finances(view: str, finances: Finances, themes) -> Markup:
    """The block [[finances VIEW]] as HTML: a chart (vector SVG) or the table."""
    from airf_site.report.charts import hbar_chart

    year = finances.exercice
    if view == "ressources":
        chart = hbar_chart(f"Ressources {year} par origine", income_rows(finances), amounts=True)
        caption = f"Ressources {year} par origine : {euros(finances.total_ressources)} au total."
    elif view == "emplois":
        chart = hbar_chart(f"Emplois {year} par priorité stratégique", spending_rows(finances, themes), amounts=True)
        caption = f"Emplois {year} par priorité stratégique : {euros(finances.total_emplois)} au total."
    else:
        return _table(finances, themes)
    return Markup('<figure class="chart-box">{}<figcaption>{}</figcaption></figure>').format(chart, caption)


def _table(finances: Finances, themes) -> Markup:
    parts = ['<table class="events finances"><thead><tr><th scope="col">Ressources</th>'
             '<th scope="col" class="num">Montant</th><th scope="col" class="num">Part</th></tr></thead><tbody>']
    for label, amount, _colour in income_rows(finances):
        parts.append(f'<tr><td>{escape(label)}</td><td class="num nowrap">{euros(amount)}</td>'
                     f'<td class="num nowrap">{percent(amount, finances.total_ressources)}</td></tr>')
    parts.append(f'<tr class="total"><th scope="row">Total des ressources</th>'
                 f'<td class="num nowrap">{euros(finances.total_ressources)}</td><td class="num">100\u00a0%</td></tr>')
    parts.append('</tbody><thead><tr><th scope="col">Emplois</th><th scope="col" class="num">Montant</th>'
                 '<th scope="col" class="num">Part</th></tr></thead><tbody>')
    for label, amount, _colour in spending_rows(finances, themes):
        parts.append(f'<tr><td>{escape(label)}</td><td class="num nowrap">{euros(amount)}</td>'
                     f'<td class="num nowrap">{percent(amount, finances.total_emplois)}</td></tr>')
    parts.append(f'<tr class="total"><th scope="row">Total des emplois</th>'
                 f'<td class="num nowrap">{euros(finances.total_emplois)}</td><td class="num">100\u00a0%</td></tr>')
    result = finances.total_ressources - finances.total_emplois
    parts.append(f'<tr class="total"><th scope="row">Résultat de l\'exercice</th>'
                 f'<td class="num nowrap">{"−" if result < 0 else ""}{euros(abs(result))}</td><td></td></tr>')
    parts.append("</tbody></table>")
    return Markup("".join(parts))
