"""Automatic selections (« auto ») of a newsletter issue, and what they left out, with why.

A selection is computed from the issue's date (never the build date) and the previous issue of
the same audience. Every item that a reader of the issue could have expected and that the
selection did not take is reported as an `Exclusion` (past, draft, outside the window, over
the limit), so nothing disappears silently: `airf newsletter` prints them and the preview
(`/_apercu/`) shows them. Items already covered by the previous issue are not reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from airf_site.content.index import ContentIndex
from airf_site.content.models import Document
from airf_site.mail.config import Config
from airf_site.templating import date_fr

# French section names, as the issue shows them.
SECTIONS = {"actualites": "Actualités", "evenements": "Agenda", "appels": "Appels à projets",
            "fiches": "Fiches techniques"}
_DRAFT_KINDS = {"actualites": "actualite", "evenements": "evenement", "appels": "appel", "fiches": "fiche"}


@dataclass(frozen=True)
class Exclusion:
    """An item « auto » did not take, and why (French, for the editor)."""

    section: str  # front-matter key: actualites, evenements, appels, fiches
    id: str
    title: str
    reason: str

    def format(self) -> str:
        return f"{SECTIONS[self.section]} : « {self.title} » ({self.id}) — {self.reason}"


def _window(kind: str, day: dt.date, config: Config, doc: Document) -> str | None:
    """Why `doc` is outside the selection of `kind` on `day`, or None when it belongs in it."""
    if kind in ("actualites", "fiches"):
        if doc.date > day:
            return f"hors période : publiée le {date_fr(doc.date)}, après la date de la lettre ({date_fr(day)})"
        return None
    if kind == "evenements":
        end = doc.fin.date()
        return None if end >= day else f"passé : terminé le {date_fr(end)}, avant la date de la lettre ({date_fr(day)})"
    horizon = day + dt.timedelta(days=config.delai_appels)
    if doc.date_limite < day:
        return f"passé : clos le {date_fr(doc.date_limite)}, avant la date de la lettre ({date_fr(day)})"
    if doc.date > day:
        return f"hors période : publié le {date_fr(doc.date)}, après la date de la lettre ({date_fr(day)})"
    if doc.date_limite > horizon:
        return (f"hors période : ferme le {date_fr(doc.date_limite)}, plus de {config.delai_appels} jours "
                "après la lettre (réglage « delai_appels »)")
    return None


def _relevant(kind: str, since: dt.date, doc: Document) -> bool:
    """Whether a reader of this issue could expect `doc` (not already the previous issue's business)."""
    if kind in ("actualites", "fiches"):
        return doc.date > since
    if kind == "evenements":
        return doc.fin.date() > since
    return doc.date_limite > since


def auto_selection(kind: str, day: dt.date, since: dt.date, index: ContentIndex,
                   config: Config) -> tuple[list[Document], list[Exclusion]]:
    """The items « auto » picks for `kind` on `day` (news since `since`), and the ones it left out."""
    published: Iterable[Document] = getattr(index, {"actualites": "news", "evenements": "events",
                                                    "appels": "calls", "fiches": "fiches"}[kind])
    limit = getattr(config.limites, kind)
    chosen: list[Document] = []
    excluded: list[Exclusion] = []
    for doc in published:
        if not _relevant(kind, since, doc):
            continue
        reason = _window(kind, day, config, doc)
        if reason is None and len(chosen) >= limit:
            reason = f"au-delà de la limite de {limit} (réglage « limites » de newsletters/config.yml)"
        if reason is None:
            chosen.append(doc)
        else:
            excluded.append(Exclusion(kind, doc.id, doc.titre, reason))
    for draft in index.drafts:
        if draft.kind == _DRAFT_KINDS[kind] and _relevant(kind, since, draft) \
                and _window(kind, day, config, draft) is None:
            excluded.append(Exclusion(kind, draft.id, draft.titre, "brouillon (brouillon: true)"))
    return chosen, excluded
