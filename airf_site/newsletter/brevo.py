"""Brevo API v3 client for `airf newsletter push`: create a draft campaign, send a test.

`POST {api}/emailCampaigns` (name, subject, sender, htmlContent, previewText, recipients,
mirrorActive…) answers 201 {"id": n}; `POST {api}/emailCampaigns/{id}/sendTest` with
{"emailTo": [...]} answers 204. The key travels only in the `api-key` header: it comes from
the environment, is never written to disk, and is scrubbed from every message we print.
"""

from __future__ import annotations

import json
import re
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from airf_site.errors import BuildError
from airf_site.newsletter.model import Config, Issue

DEFAULT_TIMEOUT = 20.0
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class BrevoError(BuildError):
    """Brevo refused or did not answer; the message says what to do, in French."""


@dataclass
class PushResult:
    campaign_id: int
    list_ids: list[int]
    tested: list[str] = field(default_factory=list)


def campaign_payload(config: Config, issue: Issue, html: str) -> dict:
    """JSON body of POST /emailCampaigns for `issue` (a draft: no scheduledAt)."""
    payload = {
        "name": f"Lettre {issue.id} ({issue.audience})",
        "subject": issue.meta.objet,
        "previewText": issue.meta.apercu,
        "sender": {"name": config.expediteur.nom, "email": config.expediteur.email},
        "htmlContent": html,
        "mirrorActive": config.miroir,
        "inlineImageActivation": False,
        "tag": f"lettre-{issue.audience}",
        # Brevo accepts only letters, digits and spaces here: « 2026-11 » becomes « 2026 11 »
        # (the links of the e-mail already carry utm_campaign=2026-11).
        "utmCampaign": re.sub(r"[^A-Za-z0-9 ]", " ", issue.id),
    }
    lists = list(config.listes.get(issue.audience, []))
    if lists:  # without lists the draft is created and recipients are chosen in Brevo
        payload["recipients"] = {"listIds": lists}
    if config.repondre_a:
        payload["replyTo"] = config.repondre_a
    return payload


def _scrub(text: str, key: str) -> str:
    return text.replace(key, "***") if key else text


def _request(url: str, key: str, body: dict, timeout: float, action: str) -> tuple[int, dict]:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=data, method="POST", headers={
        "api-key": key,
        "accept": "application/json",
        "content-type": "application/json",
        "user-agent": "airf-site",
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw.strip() else {})
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        try:
            detail = json.loads(raw)
        except ValueError:
            detail = {"message": raw.decode("utf-8", "replace")[:200]}
        raise BrevoError(_scrub(_http_message(exc.code, detail, action), key)) from None
    except TimeoutError:
        raise BrevoError(f"Brevo ne répond pas ({action}) : délai de {timeout:g} s dépassé. Réessayez plus tard ; "
                         "vérifiez d'abord dans Brevo (Campagnes › Brouillons) qu'aucune campagne n'a été créée "
                         "à moitié.") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise BrevoError(f"Brevo ne répond pas ({action}) : délai de {timeout:g} s dépassé. "
                             "Réessayez plus tard.") from None
        raise BrevoError(f"impossible de joindre Brevo ({action}) à l'adresse {url} : {exc.reason}. "
                         "Vérifiez la connexion à Internet et l'adresse « api » de newsletters/config.yml.") from None


def _http_message(status: int, detail: dict, action: str) -> str:
    message = str(detail.get("message") or "").strip()
    said = f" Brevo indique : « {message} »." if message else ""
    if status == 401:
        return (f"Brevo refuse la clé d'API (401, {action}).{said} Vérifiez la variable BREVO_API_KEY : "
                "copiez la clé depuis Brevo › Paramètres › SMTP et API › Clés API.")
    if status == 403:
        return (f"Brevo interdit cette opération (403, {action}).{said} Le compte ou la clé n'a peut-être pas "
                "le droit de créer des campagnes, ou l'adresse IP doit être autorisée dans Brevo.")
    if status == 400:
        return (f"Brevo a refusé la demande (400, {action}).{said} Vérifiez newsletters/config.yml "
                "(expéditeur validé dans Brevo, identifiants de listes) et les adresses de test.")
    if status == 404:
        return f"Brevo ne trouve pas l'élément demandé (404, {action}).{said}"
    if status == 429:
        return f"trop de demandes envoyées à Brevo (429, {action}) : attendez une minute et réessayez."
    if status >= 500:
        return f"Brevo rencontre une panne ({status}, {action}).{said} Réessayez plus tard."
    return f"réponse inattendue de Brevo ({status}, {action}).{said}"


def push_issue(config: Config, issue: Issue, html: str, test_emails: list[str] | None = None,
               api_key: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> PushResult:
    """Create the draft campaign of `issue`; send a test to `test_emails` if given."""
    key = (api_key or "").strip()
    if not key:
        raise BrevoError("la clé d'API Brevo est absente : définissez la variable d'environnement BREVO_API_KEY "
                         "(export BREVO_API_KEY=… dans le terminal) ; elle n'est jamais enregistrée dans le projet.")
    tests = [e.strip() for e in (test_emails or []) if e.strip()]
    bad = [e for e in tests if not _EMAIL_RE.match(e)]
    if bad:
        raise BrevoError(f"adresse de test invalide : {', '.join(bad)}")
    base = config.api.rstrip("/")
    status, body = _request(f"{base}/emailCampaigns", key, campaign_payload(config, issue, html), timeout,
                            "création de la campagne")
    campaign_id = body.get("id")
    if status != 201 or not isinstance(campaign_id, int):
        raise BrevoError(f"réponse inattendue de Brevo à la création de la campagne ({status}) : identifiant absent.")
    result = PushResult(campaign_id, list(config.listes.get(issue.audience, [])))
    if tests:
        _request(f"{base}/emailCampaigns/{campaign_id}/sendTest", key, {"emailTo": tests}, timeout,
                 "envoi du test")
        result.tested = tests
    return result
