"""The same tricky Markdown gives the same content on the site, in the e-mail and in the print
HTML: code stays text (never a live <script> or <style>), emoji become the same characters,
footnotes, tables and admonitions survive each output's post-processing (mjml, css-inline,
the newsletter's link rewriting, the fact sheet's template)."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser

import pytest
from test_markdown import CORPUS
from test_newsletter_support import REPO, small_project
from test_newsletter_support import check as check_project

from airf_site.newsletter import build as newsletter
from airf_site.report.factsheets import render_factsheet_html

EXTRA = (
    "Bravo :tada: et merci :senegal: !\n\n"
    "Une note[^1].\n\n[^1]: Le texte de la note.\n\n"
    "| Région | Montant |\n|---|---|\n| Dakar | 750 000 € |\n\n"
    '!!! warning "Attention"\n    Dossier à rendre avant le 15 janvier.\n'
)
BODY = "\n\n".join(CORPUS[name] for name in sorted(CORPUS)) + "\n\n" + EXTRA


class Parts(HTMLParser):
    """Text of each <code> element, the element names, and all text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.code: list[str] = []
        self.names: list[str] = []
        self.text: list[str] = []
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.names.append(tag)
        if tag == "code":
            self._depth += 1
            if self._depth == 1:
                self.code.append("")

    def handle_endtag(self, tag):
        if tag == "code":
            self._depth -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self._depth:
            self.code[-1] += data


def normal(code: str) -> str:
    # Outputs differ only in what HTML lets them differ in: the e-mail's inliner re-serialises
    # entities and no-break spaces; whitespace at the edges of a block is not content.
    return "\n".join(line.rstrip() for line in code.replace("\u00a0", " ").strip("\n").split("\n"))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    builder = small_project(tmp_path_factory.mktemp("md3"))
    shutil.copytree(REPO / "layouts", builder.root / "layouts", dirs_exist_ok=True)
    issue_path = builder.root / "newsletters" / "2026-11.md"
    issue_path.write_text(issue_path.read_text(encoding="utf-8") + "\n" + BODY, encoding="utf-8")
    fiche_path = builder.root / "content" / "fiches" / "eau-kenitra.md"
    fiche_path.write_text(fiche_path.read_text(encoding="utf-8") + "\n" + BODY, encoding="utf-8")
    builder.write("content/actualites/2026-11-25-code.md",
                  "---\ntitre: Du code\ndate: 2026-11-25\nresume: Des exemples.\n---\n" + BODY, dedent=False)
    project = builder.project()
    index, _diags = check_project(project)
    site = next(d for d in index.news if d.id == "code").html
    fiche = next(f for f in index.fiches if f.id == "eau-kenitra")
    print_html = render_factsheet_html(project, index, fiche)
    _config, issues, _ = newsletter.load(project, index)
    rendered = newsletter.render_issue(project, index, newsletter.find_issue(issues, "2026-11"))
    return {"site": site, "print": print_html, "email": rendered.brevo_html, "email-web": rendered.web_html,
            "text": rendered.text}


def test_code_blocks_are_the_same_text_everywhere(outputs):
    expected = [normal(c) for c in Parts(outputs["site"]).code]
    assert len(expected) >= len(CORPUS)
    assert any("<script>alert(1)</script>" in c for c in expected)
    for name in ("print", "email", "email-web"):  # "text" is checked below
        found = [normal(c) for c in Parts(outputs[name]).code]
        for code in expected:
            assert code in found, f"{name}: code block lost or changed: {code[:60]!r}"


@pytest.mark.parametrize("name", ["site", "print", "email", "email-web"])
def test_nothing_from_the_text_becomes_live(name, outputs):
    parts = Parts(outputs[name])
    assert "script" not in parts.names
    assert "iframe" not in parts.names
    # the layouts' own <style> blocks sit in <head>; none comes from the body's code samples
    assert "body{display:none}" not in re.sub(r"<code[\s>].*?</code>", "", outputs[name], flags=re.S)


@pytest.mark.parametrize("name", ["site", "print", "email", "email-web"])
def test_emoji_footnotes_tables_and_admonitions_survive(name, outputs):
    parts = Parts(outputs[name])
    text = " ".join("".join(parts.text).split())
    assert "🎉" in text and "🇸🇳" in text and ":tada:" not in text
    assert "Le texte de la note." in text and "sup" in parts.names
    assert "table" in parts.names and "Dakar" in text
    assert "Attention" in text and "Dossier à rendre avant le" in text


def test_plain_text_version_keeps_code_lines(outputs):
    lines = [line.strip() for line in outputs["text"].splitlines()]
    assert "<script>alert(1)</script>" in lines and "<style>body{display:none}</style>" in lines
    assert "pip install <paquet>" in lines
