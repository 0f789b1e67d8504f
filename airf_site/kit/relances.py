"""Registration follow-up (`airf kit <event> --relances`): who has not registered yet, and the reminder.

Registrations are compared with the member list (content/donnees/membres.yml): a member is
registered when at least one participant's authority matched it. For the others:
- `relances-brevo.csv`: the members' contacts (from the CRM export given by `--contacts` or the
  `contacts` setting of private/kit.yml) in Brevo's import format (EMAIL first, attributes in
  capitals, semicolons), ready for Contacts › Importer;
- `membres-non-inscrits.csv`: every unregistered member, with or without a known contact;
- `relance-brevo.html` / `relance.txt` / `brevo-campagne.json`: the reminder e-mail built with
  the newsletter machinery (MJML layout, Brevo tags, the same e-mail checks).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from airf_site.content.index import ContentIndex
from airf_site.content.models import Evenement, Membre
from airf_site.csvsafe import render_csv
from airf_site.errors import BuildError, relpath
from airf_site.kit.participants import MemberMatcher, Participant, map_columns, read_rows
from airf_site.kit.render import date_range_fr, kit_env, programme_days
from airf_site.kit.settings import KitSettings
from airf_site.project import Project
from airf_site.templating import date_fr
from airf_site.typography import repair_mjml_spaces
from airf_site.write import write_text

ID_COLUMN = ["identifiant", "id", "identifiant membre", "code membre"]


@dataclass(frozen=True)
class Contact:
    """A member's contact person from the CRM export (personal data: build/kit only)."""

    membre: str
    prenom: str
    nom: str
    email: str


def not_registered(index: ContentIndex, participants: list[Participant]) -> list[Membre]:
    """Members with no registered participant, by country then name."""
    registered = {p.membre for p in participants if p.membre}
    return sorted((m for m in index.members if m.id not in registered), key=lambda m: (m.pays, m.nom))


def load_contacts(path: Path, project: Project, members: list[Membre], settings: KitSettings) -> tuple[list[Contact], list[str]]:
    """Contacts of the CRM export matched to members (by id column or authority name), and warnings."""
    rel = relpath(path, project.root)
    if not path.exists():
        raise BuildError(f"{rel} : export des contacts introuvable (option --contacts)")
    rows = [(n, cells) for n, cells in read_rows(path) if any(c.strip() for c in cells)]
    if not rows:
        return [], [f"{rel} : fichier de contacts vide"]
    columns = map_columns(rows[0][1], KitSettings(columns={**settings.columns, "id": ID_COLUMN}))
    if "email" not in columns:
        raise BuildError(f"{rel}:{rows[0][0]} : colonne « E-mail » introuvable dans l'export des contacts")
    matcher = MemberMatcher(members)
    by_id = {m.id: m for m in members}
    contacts, warnings = [], []
    for line, cells in rows[1:]:
        get = {k: (cells[i].strip() if i < len(cells) else "") for k, i in columns.items()}.get
        member = by_id.get(get("id", "")) or matcher.find(get("collectivite", ""))
        email = get("email", "").lower()
        if member is None:
            warnings.append(f"{rel}:{line} : collectivité « {get('collectivite', '') or get('id', '')} » "
                            "absente de content/donnees/membres.yml : contact ignoré")
            continue
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            warnings.append(f"{rel}:{line} : adresse e-mail invalide « {email} » : contact ignoré")
            continue
        contacts.append(Contact(member.id, get("prenom", ""), get("nom", ""), email))
    return sorted(set(contacts), key=lambda c: (c.membre, c.email)), warnings


def _csv(rows: list[list[str]]) -> str:
    # Cells come from registration forms and the CRM: neutralised against formula injection.
    return render_csv(rows, delimiter=";")


def render_brevo_csv(members: list[Membre], contacts: list[Contact], first_name_attribute: str = "PRENOM") -> str:
    """Brevo import file: EMAIL;PRENOM;NOM;COLLECTIVITE;PAYS for the contacts of `members`."""
    wanted = {m.id: m for m in members}
    rows = [["EMAIL", first_name_attribute, "NOM", "COLLECTIVITE", "PAYS"]]
    for contact in contacts:
        member = wanted.get(contact.membre)
        if member is not None:
            rows.append([contact.email, contact.prenom, contact.nom, member.nom, member.pays])
    return _csv(rows)


def render_members_csv(members: list[Membre], contacts: list[Contact]) -> str:
    """The team's list: every unregistered member and whether a contact is known."""
    known = {c.membre for c in contacts}
    rows = [["IDENTIFIANT", "COLLECTIVITE", "PAYS", "CONTACT_CONNU"]]
    rows += [[m.id, m.nom, m.pays, "oui" if m.id in known else "non"] for m in members]
    return _csv(rows)


def _when(event: Evenement) -> str:
    """'le 22 juin 2027', 'du 22 au 23 juin 2027', 'du 30 juin au 1er juillet 2027'."""
    a, b = event.debut.date(), event.fin.date()
    if a == b:
        return f"le {date_fr(a)}"
    if (a.year, a.month) == (b.year, b.month):
        return f"du {'1er' if a.day == 1 else a.day} au {date_fr(b)}"
    return f"du {date_fr(a, 'd MMMM') if a.year == b.year else date_fr(a)} au {date_fr(b)}"


def render_reminder(project: Project, event: Evenement) -> tuple[str, str, dict]:
    """(Brevo HTML, plain text, Brevo campaign JSON payload) of the reminder e-mail."""
    import mjml

    from airf_site.mail.config import brevo_tag, load_config
    from airf_site.mail.text import wrap

    config, _diags = load_config(project)  # its own problems are reported by `airf check`
    deadline = date_fr(event.date_limite_inscription) if event.date_limite_inscription else None
    subject = f"Inscription : {event.titre}"
    preheader = (f"Inscriptions ouvertes jusqu'au {deadline} — {_when(event)}" if deadline
                 else f"{event.type_label} {_when(event)}")
    context = {
        "event": event, "config": config, "tag": brevo_tag, "subject": subject, "preheader": preheader,
        "when": _when(event), "deadline": deadline, "days": programme_days(event),
        "link": event.inscription or project.absolute_url(event.url),
        "event_url": project.absolute_url(event.url), "site_url": project.site_url,
        "dates": date_range_fr(event.debut, event.fin), "color": project.airf.get("couleur") or "#1d4e89", "wrap": wrap,
    }
    greeting = "{{ contact.%s|default:'%s' }}" % (config.attribut_prenom, escape(config.prenom_par_defaut))
    env = kit_env(project)
    html = repair_mjml_spaces(mjml.mjml2html(
        env.get_template("kit/relance.mjml.j2").render(greeting=Markup(f"Bonjour {greeting},"), **context),
        disable_comments=True, fonts={}))
    text_env = kit_env(project)
    text_env.autoescape = False
    text = text_env.get_template("kit/relance.txt.j2").render(greeting=f"Bonjour {greeting},", **context)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"
    payload = {
        "name": f"Relance inscriptions — {event.titre}",
        "subject": subject,
        "previewText": preheader,
        "sender": {"name": config.expediteur.nom, "email": config.expediteur.email},
        "replyTo": config.repondre_a or config.expediteur.email,
        "mirrorActive": config.miroir,
        "htmlContent": html,
    }
    return html.rstrip("\n") + "\n", text, payload


def write_relances(project: Project, index: ContentIndex, event: Evenement, participants: list[Participant],
                   folder: Path, settings: KitSettings, contacts_path: Path | None = None) -> list[str]:
    """Write the follow-up files into `folder`/relances/; return French summary lines."""
    from airf_site.mail.checks import check_email

    missing = not_registered(index, participants)
    source = contacts_path or (project.root / settings.contacts if settings.contacts else None)
    contacts, messages = ([], []) if source is None else load_contacts(Path(source), project, index.members, settings)
    html, text, payload = render_reminder(project, event)
    problems = [d for d in check_email(html, "relance-brevo.html", brevo=True) if d.is_error]
    if problems:
        raise BuildError("e-mail de relance refusé par les contrôles :\n  " + "\n  ".join(d.format() for d in problems))
    out = folder / "relances"
    from airf_site.mail.config import load_config

    write_text(out / "relances-brevo.csv", render_brevo_csv(missing, contacts, load_config(project)[0].attribut_prenom))
    write_text(out / "membres-non-inscrits.csv", render_members_csv(missing, contacts))
    write_text(out / "relance-brevo.html", html)
    write_text(out / "relance.txt", text)
    write_text(out / "brevo-campagne.json", json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    with_contact = len({c.membre for c in contacts} & {m.id for m in missing})
    messages.append(f"relances : {len(missing)} membre(s) non inscrit(s) sur {len(index.members)}, "
                    f"dont {with_contact} avec un contact (relances-brevo.csv)")
    if source is None:
        messages.append("relances : aucun export de contacts (--contacts ou « contacts » dans private/kit.yml) : "
                        "relances-brevo.csv ne contient que l'en-tête")
    if event.date_limite_inscription and event.date_limite_inscription < project.now.date():
        messages.append(f"attention : la date limite d'inscription ({date_fr(event.date_limite_inscription)}) est passée")
    return messages
