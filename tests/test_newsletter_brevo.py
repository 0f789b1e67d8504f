"""`airf newsletter push` against a loopback server that checks requests like Brevo's API v3."""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from test_newsletter_support import check, small_project

from airf_site.cli import cli
from airf_site.newsletter import build as newsletter
from airf_site.newsletter.brevo import BrevoError, campaign_payload, push_issue

KEY = "xkeysib-cle-de-test-0123456789"
VERIFIED_SENDERS = {"communication@regions-francophones.org"}


class FakeBrevo(BaseHTTPRequestHandler):
    """Answers like https://api.brevo.com/v3 for the two endpoints we use."""

    requests: list[dict] = []
    delay = 0.0

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _answer(self, status: int, body: dict | None = None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        try:
            self.send_response(status)
            if body is not None:
                self.send_header("content-type", "application/json; charset=utf-8")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (timeout test): a traceback here would land in a later test's output.
            pass

    def do_GET(self):
        # Campaign search (push is idempotent): none exists yet on this fake account.
        if self.headers.get("api-key") != KEY:
            return self._answer(401, {"code": "unauthorized", "message": "Key not found"})
        return self._answer(200, {"campaigns": [], "count": 0})

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("content-length", 0)))
        self.requests.append({"path": self.path, "headers": dict(self.headers), "raw": raw})
        if self.delay:
            time.sleep(self.delay)
        if self.headers.get("api-key") != KEY:
            return self._answer(401, {"code": "unauthorized", "message": "Key not found"})
        if not self.headers.get("content-type", "").startswith("application/json"):
            return self._answer(415, {"code": "invalid_parameter", "message": "Content-Type must be JSON"})
        try:
            body = json.loads(raw)
        except ValueError:
            return self._answer(400, {"code": "bad_request", "message": "Invalid JSON"})
        if self.path == "/v3/emailCampaigns":
            return self._create(body)
        match = re.fullmatch(r"/v3/emailCampaigns/(\d+)/sendTest", self.path)
        if match:
            if int(match[1]) != 42:
                return self._answer(404, {"code": "document_not_found", "message": "Campaign ID does not exist"})
            emails = body.get("emailTo")
            if not isinstance(emails, list) or not all(isinstance(e, str) and "@" in e for e in emails):
                return self._answer(400, {"code": "invalid_parameter", "message": "emailTo is not valid"})
            return self._answer(204)
        return self._answer(404, {"code": "not_found", "message": "Not found"})

    def _create(self, body: dict):
        for name in ("name", "subject", "sender"):
            if name not in body:
                return self._answer(400, {"code": "missing_parameter", "message": f"{name} is missing"})
        if not any(k in body for k in ("htmlContent", "htmlUrl", "templateId")):
            return self._answer(400, {"code": "missing_parameter", "message": "htmlContent is missing"})
        sender = body["sender"]
        if not isinstance(sender, dict) or sender.get("email") not in VERIFIED_SENDERS:
            return self._answer(400, {"code": "invalid_parameter", "message": "Sender is invalid / inactive"})
        recipients = body.get("recipients", {})
        if not all(isinstance(i, int) for i in recipients.get("listIds", [])):
            return self._answer(400, {"code": "invalid_parameter", "message": "listIds must be integers"})
        for key, kind in (("previewText", str), ("mirrorActive", bool), ("inlineImageActivation", bool)):
            if key in body and not isinstance(body[key], kind):
                return self._answer(400, {"code": "invalid_parameter", "message": f"{key} is not valid"})
        return self._answer(201, {"id": 42})


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeBrevo)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v3"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def lettre(tmp_path_factory, server):
    builder = small_project(tmp_path_factory.mktemp("brevo"))
    config = builder.root / "newsletters/config.yml"
    config.write_text(config.read_text().replace("https://api.brevo.com/v3", server), encoding="utf-8")
    project = builder.project()
    index, _ = check(project)
    cfg, issues, _ = newsletter.load(project, index)
    issue = newsletter.find_issue(issues, "2026-11")
    html = newsletter.render_issue(project, index, issue).brevo_html
    return builder, cfg, issue, html


@pytest.fixture(autouse=True)
def _reset():
    FakeBrevo.requests = []
    FakeBrevo.delay = 0.0


def test_creates_draft_campaign_and_sends_test(lettre):
    _builder, config, issue, html = lettre
    result = push_issue(config, issue, html, ["relecture@regions-francophones.org"], api_key=KEY)
    assert result.campaign_id == 42 and result.list_ids == [2, 7]
    assert result.tested == ["relecture@regions-francophones.org"]
    create, send = FakeBrevo.requests
    assert create["path"] == "/v3/emailCampaigns" and send["path"] == "/v3/emailCampaigns/42/sendTest"
    headers = {k.lower(): v for k, v in create["headers"].items()}
    assert headers["api-key"] == KEY and headers["content-type"] == "application/json"
    body = json.loads(create["raw"])
    assert body["subject"] == "Lettre de l'AIRF – novembre 2026"
    assert body["previewText"].startswith("Les actualités du réseau")
    assert body["sender"] == {"name": "AIRF – Secrétariat permanent", "email": "communication@regions-francophones.org"}
    assert body["recipients"] == {"listIds": [2, 7]} and body["mirrorActive"] is True
    assert "scheduledAt" not in body  # a draft, never sent by us
    assert body["htmlContent"] == html and "{{ unsubscribe }}" in body["htmlContent"]
    assert json.loads(send["raw"]) == {"emailTo": ["relecture@regions-francophones.org"]}


def test_wrong_key_gives_french_message_without_the_key(lettre):
    _builder, config, issue, html = lettre
    with pytest.raises(BrevoError) as excinfo:
        push_issue(config, issue, html, api_key="mauvaise-cle-secrete")
    message = str(excinfo.value)
    assert "Brevo refuse la clé d'API (401" in message and "BREVO_API_KEY" in message
    assert "mauvaise-cle-secrete" not in message


def test_bad_request_relays_brevo_message(lettre):
    _builder, config, issue, html = lettre
    bad = config.model_copy(update={"expediteur": config.expediteur.model_copy(update={"email": "inconnu@exemple.org"})})
    with pytest.raises(BrevoError) as excinfo:
        push_issue(config=bad, issue=issue, html=html, api_key=KEY)
    assert "Brevo a refusé la demande (400" in str(excinfo.value)
    assert "« Sender is invalid / inactive »" in str(excinfo.value)


def test_timeout_is_reported(lettre):
    _builder, config, issue, html = lettre
    FakeBrevo.delay = 1.5
    with pytest.raises(BrevoError) as excinfo:
        push_issue(config, issue, html, api_key=KEY, timeout=0.3)
    assert "Brevo ne répond pas" in str(excinfo.value) and "0.3 s" in str(excinfo.value)


def test_missing_key_and_bad_test_address(lettre):
    _builder, config, issue, html = lettre
    with pytest.raises(BrevoError, match="BREVO_API_KEY"):
        push_issue(config, issue, html, api_key="")
    with pytest.raises(BrevoError, match="adresse de test invalide"):
        push_issue(config, issue, html, ["pas-une-adresse"], api_key=KEY)
    assert FakeBrevo.requests == []


def test_unreachable_server(lettre):
    _builder, config, issue, html = lettre
    closed = config.model_copy(update={"api": "http://127.0.0.1:9/v3"})
    with pytest.raises(BrevoError, match="impossible de joindre Brevo"):
        push_issue(closed, issue, html, api_key=KEY, timeout=2)


def test_payload_has_no_key(lettre):
    _builder, config, issue, html = lettre
    assert KEY not in json.dumps(campaign_payload(config, issue, html))


def test_push_command(lettre):
    builder, _config, _issue, _html = lettre
    runner = CliRunner()
    root = str(builder.root)
    env = {"BREVO_API_KEY": KEY, "AIRF_BUILD_DATE": "2026-11-28"}
    result = runner.invoke(cli, ["--root", root, "newsletter", "push", "2026-11", "--test", "a@regions-francophones.org"], env=env)
    assert result.exit_code == 0, result.output
    assert "Campagne brouillon n° 42 créée" in result.output and "a@regions-francophones.org" in result.output
    assert KEY not in result.output
    result = runner.invoke(cli, ["--root", root, "newsletter", "push", "2026-11"], env={"BREVO_API_KEY": "faux"})
    assert result.exit_code == 1 and "erreur : Brevo refuse la clé" in result.output and "Traceback" not in result.output
    assert not list(builder.root.rglob("*.key"))


def test_no_list_configured_leaves_recipients_to_brevo(lettre):
    _builder, config, issue, html = lettre
    no_list = config.model_copy(update={"listes": {}})
    assert push_issue(no_list, issue, html, api_key=KEY).list_ids == []
    assert "recipients" not in json.loads(FakeBrevo.requests[0]["raw"])


def test_payload_names_the_campaign_for_brevo_utm(lettre):
    """utmCampaign is the issue's id, in the characters Brevo accepts (letters, digits, spaces)."""
    _builder, config, issue, html = lettre
    payload = campaign_payload(config, issue, html)
    assert payload["utmCampaign"] == issue.id.replace("-", " ")
    assert re.fullmatch(r"[A-Za-z0-9 ]+", payload["utmCampaign"])
