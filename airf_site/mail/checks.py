"""E-mail safety checks, run on any HTML e-mail (`airf newsletter --check FILE`) and on every build.

Each check names what to change, in French. They parse the HTML with the standard library's
HTMLParser (positions give line numbers) and never fetch anything. `check_email` returns
`Diagnostic`s so the CLI prints them like content errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from airf_site.errors import WARNING, Diagnostic

MAX_HTML_BYTES = 102 * 1024  # Gmail clips messages above ~102 KB
# Our budget for the HTML as built: Brevo rewrites every link for click tracking (~250 bytes
# each), so the message Gmail receives is heavier than the file; 90 KB leaves that room.
BUDGET_HTML_BYTES = 90 * 1024
TRACKING_BYTES_PER_LINK = 250
WARN_HTML_BYTES = 80 * 1024
MAX_IMAGE_BYTES = 200 * 1024
EMAIL_WIDTH = 600
MIN_WORDS = 50  # fewer visible words than this, with images, means an image-only e-mail
FORBIDDEN_TAGS = {
    "script": "les scripts sont bloqués par toutes les messageries (et classent l'e-mail en indésirable)",
    "form": "les formulaires ne fonctionnent pas dans les messageries : mettez un lien vers un formulaire en ligne",
    "iframe": "les cadres (iframe) sont bloqués : mettez un lien ou une image cliquable",
    "object": "les objets intégrés sont bloqués",
    "embed": "les objets intégrés sont bloqués",
    "video": "la vidéo n'est pas lue dans les messageries : mettez une image cliquable vers la vidéo",
    "audio": "l'audio n'est pas lu dans les messageries : mettez un lien",
}
BREVO_LINK_TAGS = ("unsubscribe", "mirror", "update_profile")
_TAG_RE = re.compile(r"\{\{(.*?)\}\}", re.S)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    text: str = ""


@dataclass
class _Collected:
    elements: list[Element] = field(default_factory=list)
    html_lang: str | None = None
    preheader: str | None = None
    body_seen: bool = False
    first_in_body: Element | None = None
    styles: list[tuple[int, str]] = field(default_factory=list)
    body_text: list[str] = field(default_factory=list)


class _Collector(HTMLParser):
    """Collects elements with their line, the <style> contents and the text of hidden blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data = _Collected()
        self._open: list[Element] = []
        self._style: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: (v or "") for k, v in attrs}, self.getpos()[0])
        self.data.elements.append(element)
        if tag == "html":
            self.data.html_lang = element.attrs.get("lang")
        if tag == "body":
            self.data.body_seen = True
        elif self.data.body_seen and self.data.first_in_body is None:
            self.data.first_in_body = element
        if tag == "style":
            self._style = []
        if tag == "th":
            # A header cell marks a real data table (tolerated without role="presentation").
            for opened in reversed(self._open):
                if opened.tag == "table":
                    opened.attrs["data-table"] = "1"
                    break
        if tag not in ("img", "br", "meta", "link", "hr", "input", "source"):
            self._open.append(element)

    def handle_endtag(self, tag):
        if tag == "style" and self._style is not None:
            self.data.styles.append((self.getpos()[0], "".join(self._style)))
            self._style = None
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        if self._style is not None:
            self._style.append(data)
            return
        if self.data.body_seen:
            self.data.body_text.append(data)
        for element in self._open:
            element.text += data


def _style_of(element: Element) -> str:
    return element.attrs.get("style", "").replace(" ", "").lower()


def check_email(html: str, path: str = "e-mail", brevo: bool = True,
                image_files: dict[str, Path] | None = None,
                brevo_links: tuple[str, ...] = BREVO_LINK_TAGS) -> list[Diagnostic]:
    """Every problem of an HTML e-mail; `brevo` also requires Brevo's tags.

    `image_files` maps image URLs to local files so their weight can be checked (remote images
    are never downloaded); `brevo_links` are the link tags required (no mirror when disabled).
    """
    diags: list[Diagnostic] = []

    def err(line: int, message: str, hint: str | None = None, severity: str = "erreur") -> None:
        diags.append(Diagnostic(path, line, message, severity=severity, hint=hint))

    collector = _Collector()
    collector.feed(html)
    collector.close()
    data = collector.data
    _check_weight(html, data.elements, err)
    if data.html_lang is None or not data.html_lang.lower().startswith("fr"):
        err(1, f"langue du document « {data.html_lang or 'absente'} » au lieu de « fr »",
            "écrivez <html lang=\"fr\"> : les lecteurs d'écran lisent alors le texte en français")
    elements = data.elements
    metas = [e for e in elements if e.tag == "meta"]
    if not any(e.attrs.get("name") == "viewport" for e in metas):
        err(1, "pas de balise « viewport » : la lettre ne s'adaptera pas aux téléphones",
            "ajoutez <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
    if not any(e.attrs.get("name") == "color-scheme" for e in metas):
        err(1, "pas de balise « color-scheme » : le mode sombre des messageries peut rendre le texte illisible",
            "ajoutez <meta name=\"color-scheme\" content=\"light dark\">")
    title = next((e for e in elements if e.tag == "title"), None)
    if title is None or not title.text.strip():
        err(1, "titre du document vide", "le <title> doit reprendre l'objet de la lettre")
    for element in elements:
        if element.tag in FORBIDDEN_TAGS:
            err(element.line, f"balise <{element.tag}> interdite dans un e-mail", FORBIDDEN_TAGS[element.tag])
        if element.tag == "link" and "stylesheet" in element.attrs.get("rel", "").lower():
            err(element.line, f"feuille de style externe « {element.attrs.get('href', '')} »",
                "les messageries ne la chargent pas : mettez les styles dans l'attribut style des éléments")
    for line, css in data.styles:
        if "@import" in css:
            err(line, "@import dans une balise <style> (feuille de style ou police distante)",
                "retirez-le : aucune messagerie ne charge de ressource distante dans les styles")
    diags += _check_layout(elements, data, err)
    diags += _check_images(elements, err, image_files or {})
    diags += _check_links(elements, err, brevo)
    diags += _check_brevo_tags(html, elements, err, brevo, brevo_links)
    return sorted(diags)


def _check_weight(html: str, elements: list[Element], err) -> None:
    """The HTML's weight against the budget, Brevo's link tracking included (figures in the message)."""
    size = len(html.encode("utf-8"))
    links = sum(1 for e in elements if e.tag == "a" and e.attrs.get("href"))
    sent = size + links * TRACKING_BYTES_PER_LINK
    def kb(value: int) -> str:
        return f"{value / 1024:.1f}".replace(".", ",") + " Ko"  # French decimal comma

    figures = (f"{kb(size)}, et environ {kb(sent)} une fois les {links} liens suivis par "
               f"Brevo (~{TRACKING_BYTES_PER_LINK} octets par lien) ; Gmail coupe au-delà de {MAX_HTML_BYTES // 1024} Ko")
    hint = "retirez des éléments de la lettre (actualités, fiches), ou raccourcissez l'éditorial"
    if size > BUDGET_HTML_BYTES or sent > MAX_HTML_BYTES:
        err(1, f"e-mail trop lourd : {figures} (budget : {BUDGET_HTML_BYTES // 1024} Ko)", hint)
    elif size > WARN_HTML_BYTES:
        err(1, f"e-mail proche de la limite : {figures} (budget : {BUDGET_HTML_BYTES // 1024} Ko)", hint, WARNING)


def _check_layout(elements: list[Element], data: _Collected, err) -> list[Diagnostic]:
    tables = [e for e in elements if e.tag == "table"]
    for table in tables:
        if table.attrs.get("role") != "presentation" and not table.attrs.get("data-table"):
            err(table.line, "tableau de mise en page sans role=\"presentation\"",
                "ajoutez role=\"presentation\" : sinon les lecteurs d'écran annoncent lignes et colonnes")
    widths = [e for e in elements if re.search(r"max-width:600px", _style_of(e)) or e.attrs.get("width") == str(EMAIL_WIDTH)]
    if not widths:
        err(1, "aucun bloc de 600 pixels de large",
            "la lettre doit tenir dans 600 px (max-width:600px sur le conteneur principal)")
    wider = [e for e in elements if e.attrs.get("width", "").isdigit() and int(e.attrs["width"]) > EMAIL_WIDTH]
    for element in wider:
        err(element.line, f"élément <{element.tag}> de {element.attrs['width']} px, plus large que la lettre (600 px)",
            "réduisez sa largeur à 600 px au plus")
    first = data.first_in_body
    hidden = first is not None and "display:none" in _style_of(first)
    if not hidden or not first.text.strip():
        # The preheader must be the first thing in <body>, hidden, so clients show it after the subject.
        err(first.line if first else 1, "pas de pré-en-tête caché au début du corps",
            "ajoutez en premier dans <body> un bloc style=\"display:none\" contenant le texte d'aperçu")
    # Readable with images blocked: the message must be carried by text, not by pictures.
    preheader = first.text if hidden and first is not None else ""
    words = len(" ".join(data.body_text).replace(preheader, " ").split())
    if words < MIN_WORDS and any(e.tag == "img" for e in elements):
        err(1, f"e-mail presque sans texte ({words} mots) : illisible quand les images sont bloquées",
            "écrivez le message en texte ; les images ne doivent qu'illustrer")
    links = [e for e in elements if e.tag == "a"]
    # Image-only links (MJML's linked images) show no text, so they need no colour.
    unstyled = [a for a in links if "color:" not in _style_of(a) and a.text.strip()]
    if unstyled:
        err(unstyled[0].line, f"{len(unstyled)} lien(s) sans couleur écrite dans l'attribut style",
            "les styles doivent être « en ligne » (attribut style) : plusieurs webmails retirent les balises <style>")
    return []


def _check_images(elements: list[Element], err, image_files: dict[str, Path]) -> list[Diagnostic]:
    for img in (e for e in elements if e.tag == "img"):
        src = img.attrs.get("src", "")
        alt = img.attrs.get("alt")
        if alt is None or not alt.strip():
            err(img.line, f"image sans texte alternatif « {src} »",
                "ajoutez alt=\"…\" décrivant l'image : beaucoup de lecteurs bloquent les images")
        if not src.startswith("https://"):
            err(img.line, f"adresse d'image non absolue ou non sécurisée « {src} »",
                "utilisez une adresse complète en https:// sur le site public (la messagerie n'a pas les fichiers)")
        width = img.attrs.get("width", "")
        if not width.isdigit():
            err(img.line, f"image sans largeur explicite « {src} »",
                "ajoutez width=\"180\" (en pixels, sans unité) : Outlook affiche sinon l'image en taille réelle")
        local = image_files.get(src)
        if local is not None and local.is_file() and local.stat().st_size > MAX_IMAGE_BYTES:
            err(img.line, f"image trop lourde « {src} » : {local.stat().st_size / 1024:.0f} Ko (200 Ko au plus)",
                "redimensionnez-la ou enregistrez-la en JPEG de qualité moindre")
    return []


def _check_links(elements: list[Element], err, brevo: bool) -> list[Diagnostic]:
    for a in (e for e in elements if e.tag == "a"):
        href = a.attrs.get("href")
        if href is None:
            continue
        if href.startswith(("https://", "mailto:", "tel:", "#")) or (brevo and href.startswith("{{")):
            continue
        if href.startswith("http://"):
            err(a.line, f"lien non sécurisé « {href} »", "préférez l'adresse en https://", WARNING)
            continue
        err(a.line, f"lien relatif ou inconnu « {href} »",
            "dans un e-mail, chaque lien doit être une adresse complète en https://")
    return []


def _check_brevo_tags(html: str, elements: list[Element], err, brevo: bool,
                      required: tuple[str, ...]) -> list[Diagnostic]:
    tags = [(html.count("\n", 0, m.start()) + 1, m.group(0), m.group(1)) for m in _TAG_RE.finditer(html)]
    if not brevo:
        for line, whole, _inner in tags:
            err(line, f"balise Brevo « {whole} » dans la version web", "elle n'a de sens que dans l'e-mail envoyé par Brevo")
        return []
    for line, whole, inner in tags:
        if any(bad in inner for bad in ("&#39;", "&#x27;", "&quot;", "&amp;", "%20", "%7B", "%7D", "<", ">")):
            err(line, f"balise Brevo abîmée « {whole} » (caractères échappés)",
                "écrivez-la telle quelle, par exemple {{ contact.PRENOM|default:'à toutes et à tous' }}")
    for encoded in re.finditer(r"%7B%7B|&#123;&#123;", html, re.I):
        err(html.count("\n", 0, encoded.start()) + 1, "balise Brevo encodée (%7B%7B…)",
            "le lien doit contenir la balise en clair : href=\"{{ unsubscribe }}\"")
    hrefs = [a.attrs.get("href", "") for a in elements if a.tag == "a"]
    for name in BREVO_LINK_TAGS:
        count = sum(1 for h in hrefs if re.fullmatch(r"\{\{\s*%s\s*\}\}" % name, h))
        if name == "unsubscribe" and count != 1:
            err(1, f"{count} lien(s) de désinscription {{{{ unsubscribe }}}} au lieu d'un seul",
                "gardez exactement un lien <a href=\"{{ unsubscribe }}\">Se désinscrire</a> dans le pied de lettre")
        elif count == 0 and name in required:
            err(1, f"lien {{{{ {name} }}}} absent",
                {"mirror": "ajoutez un lien « La lire dans votre navigateur » vers {{ mirror }}",
                 "update_profile": "ajoutez un lien « Gérer mes préférences » vers {{ update_profile }}"}[name])
    if not any(re.match(r"\s*contact\.[A-Za-z0-9_]+\s*\|\s*default\s*:\s*'[^']*'\s*$", inner) for _, _, inner in tags):
        err(1, "pas de salutation personnalisée {{ contact.PRENOM|default:'…' }}",
            "ajoutez la salutation avec l'attribut de prénom et un texte par défaut (newsletters/config.yml)")
    return []
