"""Issue #18, row 2: Chromium prints in a sandbox (no file outside the build's own, no network)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ProjectBuilder
from pypdf import PdfReader
from test_factsheets import fiche
from test_report_support import REPO

from airf_site.print.printer import Printer, allowed_url
from airf_site.report.factsheets import build_factsheets

SECRET = "root:x:0:0"
HOSTILE = ('<iframe src="file:///etc/passwd" width="600" height="400"></iframe>\n\n'
           '<img src="http://127.0.0.1:9/espion.png" alt="">\n\n'
           '<object data="file:///etc/passwd" width="600" height="200"></object>\n\n'
           '<p id="js">sans script</p><script>document.getElementById("js").textContent = "SCRIPT-EXECUTE"</script>\n')


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def printed(tmp_path_factory, chromium_path):
    assert SECRET in Path("/etc/passwd").read_text(encoding="utf-8")  # the test means something
    builder = ProjectBuilder(tmp_path_factory.mktemp("bac-a-sable"))
    shutil.copytree(REPO / "layouts", builder.root / "layouts", dirs_exist_ok=True)
    builder.image("content/images/fiches/photo.jpg")
    text = fiche("Une fiche piégée", 1, 2).replace("## Pour aller plus loin\n", "## Pour aller plus loin\n\n" + HOSTILE)
    builder.write("content/fiches/2025-10-14-piege.md", text, dedent=False)
    project = builder.project()
    index, diags = builder.load()
    assert not [d for d in diags if d.is_error], [d.format() for d in diags]
    paths = build_factsheets(project, index, log=lambda _m: None)
    return paths


def test_factsheet_pdf_does_not_contain_local_files(printed):
    text = pdf_text(printed[0])
    assert "piégée" in text
    assert SECRET not in text and "/bin/bash" not in text
    assert "SCRIPT-EXECUTE" not in text and "sans script" in text


def test_printer_refuses_files_and_network(tmp_path, chromium_path):
    (tmp_path / "ok.txt").write_text("autorisé", encoding="utf-8")
    html = ('<html><head></head><body><p>Bonjour</p>' + HOSTILE +
            '<iframe src="ok.txt"></iframe></body></html>')
    with Printer() as printer:
        printer.print_html(html, tmp_path / "x.pdf", base_dir=tmp_path)
        refused = list(printer.refused)
    assert "file:///etc/passwd" in refused
    assert "http://127.0.0.1:9/espion.png" in refused
    assert not [u for u in refused if u.endswith("ok.txt")]
    text = pdf_text(tmp_path / "x.pdf")
    assert "Bonjour" in text and SECRET not in text and "SCRIPT-EXECUTE" not in text


def test_allowed_url_rules(tmp_path):
    (tmp_path / "a.png").write_bytes(b"x")
    outside = tmp_path.parent / f"{tmp_path.name}-dehors.png"
    outside.write_bytes(b"x")
    (tmp_path / "lien.png").symlink_to(outside)
    roots = [tmp_path.resolve()]
    assert allowed_url((tmp_path / "a.png").as_uri(), roots)
    assert allowed_url("data:image/png;base64,AAAA", roots)
    assert not allowed_url((tmp_path / "lien.png").as_uri(), roots)
    assert not allowed_url((tmp_path / ".." / outside.name).as_uri(), roots)
    assert not allowed_url((tmp_path / "absent.png").as_uri(), roots)
    assert not allowed_url("file:///etc/passwd", roots)
    assert not allowed_url("file://autre-machine" + str(tmp_path / "a.png"), roots)
    assert not allowed_url("https://example.org/a.png", roots)
    assert not allowed_url("ws://127.0.0.1:1/", roots)
