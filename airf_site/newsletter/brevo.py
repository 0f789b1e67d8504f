"""Brevo API v3 client for `airf newsletter push`: create or update a draft campaign, send a test.

`POST {api}/emailCampaigns` (name, subject, sender, htmlContent, previewText, recipients,
mirrorActive…) answers 201 {"id": n}; `POST {api}/emailCampaigns/{id}/sendTest` with
{"emailTo": [...]} answers 204. `GET {api}/emailCampaigns` (type, limit, offset, sort) lists
{"campaigns": [...]}, `PUT {api}/emailCampaigns/{id}` updates a draft (204). The key travels only in the `api-key` header: it comes from
the environment, is never written to disk, and is scrubbed from every message we print.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from airf_site.errors import BuildError
from airf_site.newsletter.model import Config, Issue

DEFAULT_TIMEOUT = 20.0  # for the whole push (search, creation or update, test), not per request
PAGE_SIZE = 100  # Brevo's maximum `limit` for GET /emailCampaigns
MAX_PAGES = 20
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class BrevoError(BuildError):
    """Brevo refused or did not answer; the message says what to do, in French."""


@dataclass
class PushResult:
    campaign_id: int
    list_ids: list[int]
    tested: list[str] = field(default_factory=list)
    updated: bool = False  # True when an earlier draft of the same issue was updated


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


MAX_ANSWER_BYTES = 2_000_000
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _timeout_error(action: str, timeout: float) -> BrevoError:
    return BrevoError(f"Brevo ne répond pas ({action}) : délai de {timeout:g} s dépassé. Réessayez plus tard ; "
                      "vérifiez d'abord dans Brevo (Campagnes › Brouillons) qu'aucune campagne n'a été créée "
                      "à moitié.")


def _abort(conn: http.client.HTTPConnection) -> None:
    """Deadline reached: shut the socket down, which wakes the thread blocked reading it."""
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _request(url: str, key: str, body: dict | None, deadline: float, timeout: float, action: str,
             method: str = "POST") -> tuple[int, Any]:
    """One API call, never past `deadline` (time.monotonic), never following a redirect.

    http.client is used directly: it follows no redirect (urllib would re-send the api-key to
    whatever host a 302 names), and a watchdog shuts the socket at the deadline, so a server
    trickling one byte every few seconds cannot hold the command beyond `timeout` overall.
    """
    parts = urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in LOOPBACK):
        raise BrevoError(f"adresse de l'API Brevo refusée : {url} (https:// obligatoire, la clé ne circule "
                         "jamais en clair). Vérifiez « api » dans newsletters/config.yml.")
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _timeout_error(action, timeout)
    factory = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = factory(parts.hostname, parts.port, timeout=remaining)
    watchdog = threading.Timer(remaining, _abort, args=(conn,))
    watchdog.daemon = True
    headers = {"api-key": key, "accept": "application/json", "user-agent": "airf-site"}
    data = None
    if body is not None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers["content-type"] = "application/json"
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    watchdog.start()
    try:
        conn.request(method, target, body=data, headers=headers)
        response = conn.getresponse()
        raw = response.read(MAX_ANSWER_BYTES + 1)
        status, location = response.status, response.getheader("location", "")
    except (OSError, http.client.HTTPException) as exc:
        if time.monotonic() >= deadline - 0.05 or isinstance(exc, TimeoutError):
            raise _timeout_error(action, timeout) from None
        raise BrevoError(f"impossible de joindre Brevo ({action}) à l'adresse {url} : {exc}. "
                         "Vérifiez la connexion à Internet et l'adresse « api » de newsletters/config.yml.") from None
    finally:
        watchdog.cancel()
        conn.close()
    if time.monotonic() > deadline:
        raise _timeout_error(action, timeout)
    if 300 <= status < 400:
        raise BrevoError(f"Brevo a répondu par une redirection ({status}, {action}) vers « {_scrub(location, key)} » : "
                         "refusée, la clé d'API n'est jamais envoyée à une autre adresse. Vérifiez « api » dans "
                         "newsletters/config.yml (https://api.brevo.com/v3).")
    if len(raw) > MAX_ANSWER_BYTES:
        raise BrevoError(f"réponse de Brevo trop longue ({action}) : plus de {MAX_ANSWER_BYTES // 1_000_000} Mo.")
    try:
        answer = json.loads(raw) if raw.strip() else {}
    except ValueError:
        answer = None
    if status >= 400:
        detail = answer if isinstance(answer, dict) else {"message": raw.decode("utf-8", "replace")[:200]}
        raise BrevoError(_scrub(_http_message(status, detail, action), key))
    if not isinstance(answer, dict):
        kind = "illisible (ce n'est pas du JSON)" if answer is None else "inattendue (un objet JSON était attendu)"
        raise BrevoError(f"réponse {kind} de Brevo ({status}, {action}). Réessayez plus tard ; si cela dure, "
                         "vérifiez « api » dans newsletters/config.yml.")
    return status, answer


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


def find_campaign(base: str, key: str, name: str, deadline: float, timeout: float) -> dict | None:
    """The campaign called `name` that an earlier `push` created, if any (newest first)."""
    for page in range(MAX_PAGES):
        query = urlencode({"type": "classic", "limit": PAGE_SIZE, "offset": page * PAGE_SIZE, "sort": "desc",
                           "excludeHtmlContent": "true"})
        _status, answer = _request(f"{base}/emailCampaigns?{query}", key, None, deadline, timeout,
                                   "recherche de la campagne", method="GET")
        campaigns = answer.get("campaigns") or []
        if not isinstance(campaigns, list):
            raise BrevoError("réponse inattendue de Brevo (recherche de la campagne) : liste des campagnes illisible.")
        for campaign in campaigns:
            if isinstance(campaign, dict) and campaign.get("name") == name and isinstance(campaign.get("id"), int):
                return campaign
        if len(campaigns) < PAGE_SIZE:
            return None
    return None


def push_issue(config: Config, issue: Issue, html: str, test_emails: list[str] | None = None,
               api_key: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> PushResult:
    """Create (or update) the draft campaign of `issue`; send a test to `test_emails` if given.

    Idempotent: the campaign is found by its stable name (`Lettre <id> (<public>)`); a draft is
    updated in place, a campaign already sent is left alone with a French error. `timeout` bounds
    the whole command, every request included.
    """
    deadline = time.monotonic() + timeout
    key = (api_key or "").strip()
    if not key:
        raise BrevoError("la clé d'API Brevo est absente : définissez la variable d'environnement BREVO_API_KEY "
                         "(export BREVO_API_KEY=… dans le terminal) ; elle n'est jamais enregistrée dans le projet.")
    tests = [e.strip() for e in (test_emails or []) if e.strip()]
    bad = [e for e in tests if not _EMAIL_RE.match(e)]
    if bad:
        raise BrevoError(f"adresse de test invalide : {', '.join(bad)}")
    base = config.api.rstrip("/")
    payload = campaign_payload(config, issue, html)
    existing = find_campaign(base, key, payload["name"], deadline, timeout)
    if existing is not None and existing.get("status") not in (None, "draft"):
        raise BrevoError(f"la campagne « {payload['name']} » (n° {existing['id']}) existe déjà dans Brevo et n'est "
                         f"plus un brouillon (état : {existing.get('status')}) : rien n'a été modifié. Pour un nouvel "
                         "envoi, renommez ou supprimez l'ancienne campagne dans Brevo.")
    if existing is not None:
        campaign_id = existing["id"]
        _request(f"{base}/emailCampaigns/{campaign_id}", key, payload, deadline, timeout,
                 "mise à jour de la campagne", method="PUT")
    else:
        status, body = _request(f"{base}/emailCampaigns", key, payload, deadline, timeout, "création de la campagne")
        campaign_id = body.get("id")
        if status != 201 or not isinstance(campaign_id, int):
            raise BrevoError(f"réponse inattendue de Brevo à la création de la campagne ({status}) : identifiant absent.")
    result = PushResult(campaign_id, list(config.listes.get(issue.audience, [])), updated=existing is not None)
    if tests:
        _request(f"{base}/emailCampaigns/{campaign_id}/sendTest", key, {"emailTo": tests}, deadline, timeout,
                 "envoi du test")
        result.tested = tests
    return result
