"""Issue #18, row 12: the preview serves nothing outside its roots and only to localhost names."""

from __future__ import annotations

import http.client

from test_serve import preview  # noqa: F401 - the fixture

from airf_site.authoring.preview import local_host, request_path


def raw_get(server, path: str, host: str | None = None) -> tuple[int, bytes]:
    """GET with the path sent byte for byte (no client-side normalisation) and a chosen Host."""
    port = server.server.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("GET", path, skip_host=True)
    conn.putheader("Host", host or f"127.0.0.1:{port}")
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def test_dotdot_from_newsletters_to_the_kit_is_404(preview):  # noqa: F811
    secret = preview.root / "build/kit/assemblee/relances/relances-brevo.csv"
    secret.parent.mkdir(parents=True)
    secret.write_text("EMAIL;PRENOM\nmaire@example.org;Awa\n", encoding="utf-8")
    (preview.root / "build/newsletters/2026-11").mkdir(parents=True)
    (preview.root / "build/newsletters/2026-11/web.html").write_text("<p>lettre</p>", encoding="utf-8")
    assert preview.rebuild()
    assert raw_get(preview, "/_apercu/newsletters/2026-11/web.html")[0] == 200
    for path in ("/_apercu/newsletters/../kit/assemblee/relances/relances-brevo.csv",
                 "/_apercu/newsletters/%2e%2e/kit/assemblee/relances/relances-brevo.csv",
                 "/_apercu/kit/assemblee/relances/relances-brevo.csv",
                 "/../build/kit/assemblee/relances/relances-brevo.csv",
                 "/admin/../../build/kit/assemblee/relances/relances-brevo.csv"):
        status, body = raw_get(preview, path)
        assert status == 404 and b"maire@example.org" not in body, path


def test_foreign_host_is_refused(preview):  # noqa: F811
    assert preview.rebuild()
    port = preview.server.server_address[1]
    assert raw_get(preview, "/", host=f"localhost:{port}")[0] == 200
    status, body = raw_get(preview, "/", host="evil.example:80")
    assert status == 403 and "Hôte non autorisé".encode() in body
    assert raw_get(preview, "/_apercu/", host="attaquant.example")[0] == 403


def test_host_and_path_rules():
    assert local_host("127.0.0.1:8000", "127.0.0.1") and local_host("[::1]:8000", "127.0.0.1")
    assert local_host("LOCALHOST", "127.0.0.1") and not local_host(None, "127.0.0.1")
    assert not local_host("127.0.0.1.evil.example", "127.0.0.1")
    assert local_host("192.168.1.5:8000", "192.168.1.5") and not local_host("192.168.1.5", "0.0.0.0")
    assert request_path("/a/b/?x=1") == "/a/b/"
    assert request_path("/a/%2e%2e/b") is None and request_path("/a/../b") is None
