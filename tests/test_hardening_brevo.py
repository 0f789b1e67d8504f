"""Issue #18, rows 10 and 11: the Brevo client against hostile or broken loopback servers."""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from test_newsletter_brevo import KEY, lettre, server  # noqa: F401 - fixtures

from airf_site.newsletter.brevo import BrevoError, push_issue


class Scripted(BaseHTTPRequestHandler):
    """A server whose answer to every request is chosen by the test (`Scripted.mode`)."""

    mode = "ok"
    seen: list[tuple[str, str, dict]] = []
    campaigns: list[dict] = []
    other = ""  # URL of the second server, for redirects

    def log_message(self, *args):
        pass

    def _send(self, status: int, raw: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("content-length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _handle(self):
        length = int(self.headers.get("content-length", 0))
        raw = self.rfile.read(length) if length else b""
        Scripted.seen.append((self.command, self.path, dict(self.headers)))
        mode = Scripted.mode
        if mode == "redirect":
            return self._send(302, b"", {"location": Scripted.other + self.path})
        if mode == "bad-json":
            return self._send(200, b"{pas du json", {"content-type": "application/json"})
        if mode == "list":
            return self._send(200, b"[1, 2, 3]", {"content-type": "application/json"})
        if mode == "drip":
            self.send_response(200)
            self.send_header("content-length", "100")
            self.end_headers()
            try:
                for _ in range(20):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(5)
            except OSError:
                pass
            return None
        return self._brevo(raw)

    def _brevo(self, raw: bytes):
        """A stateful Brevo: campaigns are listed, created and updated."""
        if self.command == "GET" and self.path.startswith("/v3/emailCampaigns?"):
            body = {"campaigns": [{k: c[k] for k in ("id", "name", "status")} for c in reversed(Scripted.campaigns)],
                    "count": len(Scripted.campaigns)}
            return self._send(200, json.dumps(body).encode(), {"content-type": "application/json"})
        if self.command == "POST" and self.path == "/v3/emailCampaigns":
            campaign = dict(json.loads(raw), id=100 + len(Scripted.campaigns), status="draft")
            Scripted.campaigns.append(campaign)
            return self._send(201, json.dumps({"id": campaign["id"]}).encode(), {"content-type": "application/json"})
        match = re.fullmatch(r"/v3/emailCampaigns/(\d+)", self.path)
        if self.command == "PUT" and match:
            campaign = next(c for c in Scripted.campaigns if c["id"] == int(match[1]))
            campaign.update(json.loads(raw))
            return self._send(204, b"")
        return self._send(404, b'{"message": "Not found"}')

    do_GET = do_POST = do_PUT = _handle


@pytest.fixture
def scripted():
    servers = []
    for _ in range(2):
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
    Scripted.seen, Scripted.campaigns, Scripted.mode = [], [], "ok"
    Scripted.other = f"http://127.0.0.1:{servers[1].server_address[1]}"
    yield f"http://127.0.0.1:{servers[0].server_address[1]}/v3", servers[1].server_address[1]
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def _config(lettre, api):  # noqa: F811
    _builder, config, issue, html = lettre
    return config.model_copy(update={"api": api}), issue, html


def test_redirect_is_refused_and_the_key_stays_home(lettre, scripted):  # noqa: F811
    api, other_port = scripted
    config, issue, html = _config(lettre, api)
    Scripted.mode = "redirect"
    with pytest.raises(BrevoError) as info:
        push_issue(config, issue, html, api_key=KEY, timeout=5)
    assert "redirection (302" in str(info.value) and KEY not in str(info.value)
    hosts = {h.get("Host", "") for _m, _p, h in Scripted.seen}
    assert len(Scripted.seen) == 1 and not [h for h in hosts if h.endswith(f":{other_port}")]


@pytest.mark.parametrize("mode, words", [("bad-json", "illisible"), ("list", "un objet JSON était attendu")])
def test_malformed_answers_are_french_errors(lettre, scripted, mode, words):  # noqa: F811
    api, _ = scripted
    config, issue, html = _config(lettre, api)
    Scripted.mode = mode
    with pytest.raises(BrevoError) as info:
        push_issue(config, issue, html, api_key=KEY, timeout=5)
    assert words in str(info.value)


def test_one_byte_every_five_seconds_cannot_outlast_the_deadline(lettre, scripted):  # noqa: F811
    api, _ = scripted
    config, issue, html = _config(lettre, api)
    Scripted.mode = "drip"
    started = time.monotonic()
    with pytest.raises(BrevoError) as info:
        push_issue(config, issue, html, api_key=KEY, timeout=1.5)
    elapsed = time.monotonic() - started
    assert "délai de 1.5 s dépassé" in str(info.value)
    assert elapsed < 3.0, elapsed


def test_push_twice_updates_the_same_campaign(lettre, scripted):  # noqa: F811
    api, _ = scripted
    config, issue, html = _config(lettre, api)
    first = push_issue(config, issue, html, api_key=KEY, timeout=5)
    second = push_issue(config, issue, html.replace("novembre", "Novembre"), api_key=KEY, timeout=5)
    assert (first.updated, second.updated) == (False, True)
    assert first.campaign_id == second.campaign_id and len(Scripted.campaigns) == 1
    assert "Novembre" in Scripted.campaigns[0]["htmlContent"]
    assert [m for m, _p, _h in Scripted.seen] == ["GET", "POST", "GET", "PUT"]


def test_sent_campaign_is_not_touched(lettre, scripted):  # noqa: F811
    api, _ = scripted
    config, issue, html = _config(lettre, api)
    push_issue(config, issue, html, api_key=KEY, timeout=5)
    Scripted.campaigns[0]["status"] = "sent"
    with pytest.raises(BrevoError) as info:
        push_issue(config, issue, html, api_key=KEY, timeout=5)
    assert "n'est plus un brouillon" in str(info.value) and len(Scripted.campaigns) == 1


def test_plain_http_to_a_remote_host_is_refused(lettre):  # noqa: F811
    _builder, config, issue, html = lettre
    remote = config.model_copy(update={"api": "http://api.brevo.com/v3"})
    with pytest.raises(BrevoError, match="https:// obligatoire"):
        push_issue(remote, issue, html, api_key=KEY)
