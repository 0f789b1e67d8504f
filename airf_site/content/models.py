"""Content models: one pydantic class per kind of content, unknown keys rejected.

Field names are French because the editors write them in front matter. Each document also
carries non-validated attributes set by the loader (source path, body, URL) as private
attributes exposed through properties, so front matter cannot set them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from airf_site.content.fields import Color, Date, DateTime, Slug, SlugList, Text, TextList, Time, Url

PARIS = ZoneInfo("Europe/Paris")


class Strict(BaseModel):
    """Base: unknown keys are errors; values are not coerced silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    _line: int = PrivateAttr(1)  # line of the record in its data file


class ImageRef(Strict):
    """An image inside `content/` with its alternative text (and an optional caption)."""

    src: Text = Field(description="chemin de l'image, par exemple images/fiches/kenitra-1.jpg")
    alt: Text = Field(description="texte alternatif : ce que montre l'image, pour qui ne la voit pas")
    legende: Text | None = Field(None, description="légende affichée sous l'image")


class SourceText(Strict):
    """A Markdown file's front matter, plus where it came from: source path, body, line map.

    Set by `attach` after validation (private attributes: front matter cannot set them).
    Shared by content documents, report chapters and other Markdown sources.
    """

    _source: str = PrivateAttr("")
    _body: str = PrivateAttr("")
    _body_line: int = PrivateAttr(1)
    _lines: dict = PrivateAttr(default_factory=dict)

    def attach(self, source: str, parsed: Any) -> None:
        """Record the source path and the parsed file's body and line map (a `ParsedFile`)."""
        self._source = source
        self._body = parsed.body
        self._body_line = parsed.body_line
        self._lines = parsed.lines

    @property
    def source(self) -> str:
        """Path of the source file relative to the project root."""
        return self._source

    @property
    def body(self) -> str:
        """Markdown body (after the front matter)."""
        return self._body

    @property
    def body_line(self) -> int:
        """File line where the body starts."""
        return self._body_line

    def line_of(self, *loc: Any) -> int:
        """Front-matter line of a field, else of the field holding it (1 when unknown).

        `themes: eau` (one value where a list is expected) has no line for `themes[0]`: its
        problems are reported on the `themes` line, as `ParsedFile.line_of` does for the schema.
        """
        while loc:
            if loc in self._lines:
                return self._lines[loc]
            loc = loc[:-1]
        return 1


class Document(SourceText):
    """Common base of every Markdown document: title, optional slug, draft flag."""

    kind: ClassVar[str] = "document"
    label: ClassVar[str] = "document"  # French name of the kind, for messages
    url_prefix: ClassVar[str] = ""

    titre: Text = Field(description="titre affiché (page, flux, e-mail)")
    slug: Slug | None = Field(None, description="identifiant d'adresse web, si le nom du fichier ne convient pas")
    brouillon: bool = Field(False, description="true : pas publié sur le site")

    _slug: str = PrivateAttr("")
    _url_year: int | None = PrivateAttr(None)  # news URLs with the year (optional site setting)
    _html: str | None = PrivateAttr(None)

    @property
    def id(self) -> str:
        """Stable identifier: the explicit slug or the one derived from the file name."""
        return self._slug

    @property
    def url(self) -> str:
        """Site-relative URL with a trailing slash, e.g. ``actualites/mon-article/`` (or
        ``actualites/2026/mon-article/`` when the site puts the year in news addresses)."""
        if self._url_year is not None:
            return f"{self.url_prefix}{self._url_year}/{self._slug}/"
        return f"{self.url_prefix}{self._slug}/"

    @property
    def html(self) -> str:
        """Body rendered once with the site's Markdown configuration (cached)."""
        if self._html is None:
            from airf_site.markdown import render_markdown

            self._html = render_markdown(self._body)
        return self._html


class Actualite(Document):
    """A news item (content/actualites/)."""

    kind: ClassVar[str] = "actualite"
    label: ClassVar[str] = "actualité"
    url_prefix: ClassVar[str] = "actualites/"

    date: Date = Field(description="date de publication, AAAA-MM-JJ")
    resume: Text = Field(description="résumé de une à trois phrases (300 caractères au plus)")
    image: Text | None = Field(None, description="image d'illustration, chemin dans content/")
    image_alt: Text | None = Field(None, description="texte alternatif de l'image (obligatoire avec une image)")
    themes: SlugList = Field(default_factory=list, description="priorités stratégiques (voir donnees/themes.yml)")
    projet: Slug | None = Field(None, description="projet concerné : coopr ou terress")
    auteur: Text | None = Field(None, description="fonction de l'auteur (pas de nom propre), ex. Secrétariat permanent")
    etiquettes: TextList = Field(default_factory=list, description="mots-clés libres")
    guid: Text | None = Field(None, description="identifiant de l'article dans le flux RSS de l'ancien site "
                              "(écrit par « airf importer » : les lecteurs de flux ne le montrent pas deux fois)")


class ChiffreCle(Strict):
    """A key figure: value as displayed ("120", "3,5 M€") and its label."""

    valeur: Text = Field(description="le chiffre tel qu'il s'affiche, ex. 120 ou 3,5 M€")
    libelle: Text = Field(description="ce que le chiffre mesure")


class Fiche(Document):
    """A technical fact sheet showcasing a member authority's achievement (content/fiches/)."""

    kind: ClassVar[str] = "fiche"
    label: ClassVar[str] = "fiche technique"
    url_prefix: ClassVar[str] = "fiches/"

    date: Date = Field(description="date de publication, AAAA-MM-JJ")
    resume: Text = Field(description="résumé en une ou deux phrases")
    collectivite: Slug = Field(description="identifiant du membre (voir donnees/membres.yml)")
    pays: Text = Field(description="code pays ISO à deux lettres, ex. MA, SN, BE")
    projet: Slug | None = Field(None, description="projet : coopr ou terress")
    themes: SlugList = Field(default_factory=list, description="priorités stratégiques")
    contexte: Text = Field(description="le point de départ : besoin, territoire, enjeux")
    actions: TextList = Field(description="les actions menées, une par ligne")
    resultats: TextList = Field(description="les résultats obtenus")
    chiffres_cles: list[ChiffreCle] = Field(default_factory=list, description="chiffres clés (valeur + libellé)")
    enseignements: TextList = Field(description="les enseignements à partager")
    contact: Text = Field(description="fonction de la personne à contacter (pas d'e-mail personnel)")
    images: list[ImageRef] = Field(default_factory=list, description="photos ou illustrations")

    @field_validator("pays")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()


EVENT_TYPES = {
    "webinaire": "Webinaire",
    "comite-pilotage": "Comité de pilotage",
    "regroupement-technique": "Regroupement technique",
    "bureau": "Réunion du Bureau",
    "assemblee-generale": "Assemblée générale",
    "atelier": "Atelier",
    "autre": "Événement",
}


class Seance(Strict):
    """One session of an event's programme."""

    jour: Date | None = Field(None, description="jour de la séance si l'événement dure plusieurs jours")
    debut: Time = Field(description="heure de début, HH:MM")
    fin: Time | None = Field(None, description="heure de fin, HH:MM")
    titre: Text = Field(description="intitulé de la séance")
    intervenant: Text | None = Field(None, description="intervenant(e)s, désigné(e)s par leur fonction")
    salle: Text | None = Field(None, description="salle")


class Evenement(Document):
    """An event: webinar, steering committee, technical gathering, Bureau, General Assembly."""

    kind: ClassVar[str] = "evenement"
    label: ClassVar[str] = "événement"
    url_prefix: ClassVar[str] = "agenda/"

    type: Literal["webinaire", "comite-pilotage", "regroupement-technique", "bureau",
                  "assemblee-generale", "atelier", "autre"] = Field(description="type d'événement")
    debut: DateTime = Field(description="début, AAAA-MM-JJ HH:MM (heure locale du fuseau)")
    fin: DateTime = Field(description="fin, AAAA-MM-JJ HH:MM")
    fuseau: Text = Field("Europe/Paris", description="fuseau horaire IANA, ex. Africa/Casablanca")
    resume: Text = Field(description="une ou deux phrases de présentation")
    lieu: Text | None = Field(None, description="lieu (salle, ville, pays) ; vide si en ligne")
    lieu_plan: Text | None = Field(None, description="plan d'accès fourni par les organisateurs (image dans "
                                   "content/images/), imprimé dans le programme ; sans lui, pas de plan")
    en_ligne: bool = Field(False, description="true pour un webinaire ou une réunion à distance")
    inscription: Url | None = Field(None, description="lien du formulaire d'inscription")
    date_limite_inscription: Date | None = Field(None, description="dernier jour pour s'inscrire")
    replay: Url | None = Field(None, description="lien de la vidéo en différé")
    compte_rendu: Url | None = Field(None, description="lien du compte rendu (ou une section « ## Compte rendu » dans le texte)")
    participants: int | None = Field(None, ge=0, description="nombre de participants (après l'événement)")
    projet: Slug | None = Field(None, description="projet : coopr ou terress")
    themes: SlugList = Field(default_factory=list, description="priorités stratégiques")
    image: Text | None = Field(None, description="image d'illustration")
    image_alt: Text | None = Field(None, description="texte alternatif de l'image")
    programme: list[Seance] = Field(default_factory=list, description="séances du programme")

    @model_validator(mode="after")
    def _localize(self) -> Evenement:
        try:
            zone = ZoneInfo(self.fuseau)
        except (ZoneInfoNotFoundError, ValueError):
            return self  # reported by the loader with the field's line
        if self.debut.tzinfo is None:
            self.debut = self.debut.replace(tzinfo=zone)
        if self.fin.tzinfo is None:
            self.fin = self.fin.replace(tzinfo=zone)
        return self

    @property
    def type_label(self) -> str:
        return EVENT_TYPES[self.type]

    @property
    def date(self) -> dt.date:
        return self.debut.date()

    @property
    def has_minutes(self) -> bool:
        return bool(self.compte_rendu) or "## compte rendu" in self.body.lower()


class Appel(Document):
    """A funding call (opportunité de cofinancement) relayed to members (content/appels/)."""

    kind: ClassVar[str] = "appel"
    label: ClassVar[str] = "appel à projets"
    url_prefix: ClassVar[str] = "appels/"

    date: Date = Field(description="date de publication sur le site")
    date_limite: Date = Field(description="date limite de dépôt, AAAA-MM-JJ")
    bailleur: Text = Field(description="organisme qui finance")
    resume: Text = Field(description="une ou deux phrases")
    montant_min: int | None = Field(None, ge=0, description="montant minimum, en unités de la devise")
    montant_max: int | None = Field(None, ge=0, description="montant maximum")
    devise: Text = Field("EUR", description="devise : EUR, XOF, MAD…")
    eligibles: Text = Field(description="qui peut candidater")
    lien: Url = Field(description="page officielle de l'appel")
    themes: SlugList = Field(default_factory=list, description="priorités stratégiques")
    projet: Slug | None = Field(None, description="projet concerné, le cas échéant")


class Projet(Document):
    """A cooperation project (COOP'R, TERR'ESS) (content/projets/)."""

    kind: ClassVar[str] = "projet"
    label: ClassVar[str] = "projet"
    url_prefix: ClassVar[str] = "projets/"

    nom_complet: Text = Field(description="intitulé complet du projet")
    resume: Text = Field(description="une ou deux phrases")
    annee_debut: int = Field(ge=2000, le=2100, description="année de lancement")
    cofinanceur: Text = Field(description="cofinanceur principal")
    themes: SlugList = Field(default_factory=list, description="priorités stratégiques")
    couleur: Color = Field(description="couleur du projet, #RRVVBB")
    image: Text | None = Field(None, description="image d'illustration")
    image_alt: Text | None = Field(None, description="texte alternatif de l'image")


class Page(Document):
    """A static page (content/pages/): about, contact, legal notice..."""

    kind: ClassVar[str] = "page"
    label: ClassVar[str] = "page"
    url_prefix: ClassVar[str] = ""

    resume: Text | None = Field(None, description="description pour les moteurs de recherche")
    ordre: int = Field(100, description="position dans le menu (plus petit = plus haut)")
    menu: bool = Field(True, description="false : page absente du menu")


# --- Data files (content/donnees/*.yml) ---


class Theme(Strict):
    """One of the four strategic priorities of the 2023–2027 framework."""

    id: Slug
    numero: int = Field(ge=1)
    titre: Text
    resume: Text
    couleur: Color
    url_prefix: ClassVar[str] = "themes/"

    @property
    def url(self) -> str:
        return f"{self.url_prefix}{self.id}/"


class Membre(Strict):
    """A member local or regional authority."""

    id: Slug
    nom: Text
    pays: Text = Field(description="code pays ISO à deux lettres")
    type: Literal["région", "province", "département", "district", "gouvernorat", "commune",
                  "ville", "préfecture", "comté", "conseil régional", "autre"]
    site: Url | None = None
    adhesion: int | None = Field(None, ge=2002, le=2100, description="année d'adhésion")

    @field_validator("pays")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()


class Redirection(Strict):
    """An old address kept alive (content/donnees/redirections.yml, written by `airf importer`)."""

    de: Text = Field(description="ancienne adresse sur le site, ex. /2019/05/mon-article/")
    vers: Text = Field(description="nouvelle adresse, ex. /actualites/mon-article/")

    @property
    def path(self) -> str:
        """The old address as a site folder: '2019/05/mon-article/' ('/a.html' → 'a.html')."""
        return self.de.lstrip("/")


class Partenaire(Strict):
    """A technical or financial partner, with its logo."""

    id: Slug
    nom: Text
    type: Literal["technique", "financier"]
    logo: Text
    site: Url | None = None
    description: Text | None = None


KINDS: dict[str, type[Document]] = {
    "actualites": Actualite,
    "fiches": Fiche,
    "evenements": Evenement,
    "appels": Appel,
    "projets": Projet,
    "pages": Page,
}
