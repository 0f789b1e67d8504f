"""ContentIndex: every validated document and data record, sorted, with lookups.

Pure data plus queries used by every output (site listings, feeds, e-mail, PDF). Lists are
sorted deterministically (date, then slug) so outputs are byte-identical between builds.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from airf_site.content.models import (
    Actualite,
    Appel,
    Document,
    Evenement,
    Fiche,
    Membre,
    Page,
    Partenaire,
    Projet,
    Redirection,
    Theme,
)
from airf_site.countries import country_name


def french_key(text: str) -> tuple[str, str]:
    """Sort key for French: accents ignored first (é sorts with e), then used to break ties."""
    base = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in base if not unicodedata.combining(c)), text


@dataclass
class ContentIndex:
    """All content of a project. Drafts are kept in `all_*` lists but not in published ones."""

    now: dt.datetime
    news: list[Actualite] = field(default_factory=list)
    fiches: list[Fiche] = field(default_factory=list)
    events: list[Evenement] = field(default_factory=list)
    calls: list[Appel] = field(default_factory=list)
    projects: list[Projet] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    members: list[Membre] = field(default_factory=list)
    partners: list[Partenaire] = field(default_factory=list)
    redirects: list[Redirection] = field(default_factory=list)
    drafts: list[Document] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sort()

    def sort(self) -> None:
        """Newest news first; events by start; calls by deadline; the rest by id."""
        self.news.sort(key=lambda d: (d.date, d.id), reverse=True)
        self.fiches.sort(key=lambda d: (d.date, d.id), reverse=True)
        self.events.sort(key=lambda d: (d.debut, d.id))
        self.calls.sort(key=lambda d: (d.date_limite, d.id))
        self.projects.sort(key=lambda d: d.id)
        self.pages.sort(key=lambda d: (d.ordre, d.id))
        self.themes.sort(key=lambda t: t.numero)
        self.members.sort(key=lambda m: (m.pays, m.nom))
        self.partners.sort(key=lambda p: (p.type, p.nom))

    # --- lookups ---

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def project(self, project_id: str | None) -> Projet | None:
        return next((p for p in self.projects if p.id == project_id), None)

    def member(self, member_id: str) -> Membre | None:
        return next((m for m in self.members if m.id == member_id), None)

    def documents(self) -> Iterable[Document]:
        """Every published document, in a stable order."""
        yield from self.pages
        yield from self.projects
        yield from self.news
        yield from self.fiches
        yield from self.events
        yield from self.calls

    def by_url(self) -> dict[str, Document]:
        return {d.url: d for d in self.documents()}

    # --- queries used by several outputs ---

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def upcoming_events(self) -> list[Evenement]:
        """Events not yet finished at build time, soonest first."""
        return [e for e in self.events if e.fin >= self.now]

    def past_events(self) -> list[Evenement]:
        """Finished events, most recent first."""
        return sorted((e for e in self.events if e.fin < self.now), key=lambda e: (e.debut, e.id), reverse=True)

    def open_calls(self) -> list[Appel]:
        """Calls whose deadline is today or later, closing soonest first."""
        return [c for c in self.calls if c.date_limite >= self.today]

    def closed_calls(self) -> list[Appel]:
        return sorted((c for c in self.calls if c.date_limite < self.today),
                      key=lambda c: (c.date_limite, c.id), reverse=True)

    def news_since(self, day: dt.date) -> list[Actualite]:
        return [n for n in self.news if n.date > day]

    def countries(self) -> list[str]:
        """ISO codes of the member countries, sorted."""
        return sorted({m.pays for m in self.members})

    def members_by_country(self) -> dict[str, list[Membre]]:
        """Members grouped by ISO code, countries in French alphabetical order (Bénin before Burkina Faso)."""
        grouped: dict[str, list[Membre]] = {}
        for member in self.members:
            grouped.setdefault(member.pays, []).append(member)
        for members in grouped.values():
            members.sort(key=lambda m: french_key(m.nom))
        return dict(sorted(grouped.items(), key=lambda item: french_key(country_name(item[0]))))

    def with_theme(self, theme_id: str, items: Iterable[Document]) -> list[Document]:
        return [d for d in items if theme_id in getattr(d, "themes", [])]

    def with_project(self, project_id: str, items: Iterable[Document]) -> list[Document]:
        return [d for d in items if getattr(d, "projet", None) == project_id]
