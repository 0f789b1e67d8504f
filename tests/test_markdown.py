"""One Markdown configuration for every output: fenced code (always escaped), emoji, admonitions,
footnotes, tables, attribute lists — tried on a corpus of tricky Markdown from real blogs."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from airf_site.markdown import code_css, render_markdown


class Elements(HTMLParser):
    """Start tags (name, attrs) and the text inside <code> elements."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.code: list[str] = []
        self.text: list[str] = []
        self._in_code = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "code":
            self._in_code += 1
            self.code.append("")

    def handle_endtag(self, tag):
        if tag == "code":
            self._in_code -= 1

    def handle_data(self, data):
        self.text.append(data)
        if self._in_code:
            self.code[-1] += data

    def names(self) -> list[str]:
        return [name for name, _attrs in self.tags]


# (name, Markdown) — shapes met in ~1,300 real posts of Jekyll, Hugo and MkDocs blogs.
CORPUS = {
    "html-in-fence": "Exemple :\n\n```html\n<script>alert(1)</script>\n<style>body{display:none}</style>\n```\n",
    "fence-without-language": "```\n<b>gras ?</b> & <i>\n```\n",
    "tilde-fence": "~~~python\nprint('<iframe>')\n~~~\n",
    "fence-in-list": "1. Installer :\n\n    ```sh\n    pip install <paquet>\n    ```\n\n2. Lancer.\n",
    "fence-in-admonition": '!!! note "À savoir"\n    ```yaml\n    titre: "<img src=x onerror=alert(1)>"\n    ```\n',
    "long-line": "```text\n" + "x" * 400 + "\n```\n",
    "inline-code": "La balise `<script>` et `{{ contact.PRENOM }}` restent du texte.\n",
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_code_is_always_text(name):
    out = render_markdown(CORPUS[name])
    parsed = Elements(out)
    live = {"script", "style", "iframe", "img", "b", "i"} & set(parsed.names())
    assert not live, f"{name} : balises actives {live} dans {out}"
    assert "```" not in out and "~~~" not in out
    assert parsed.code, "no <code> element"


def test_fenced_code_keeps_its_lines_and_is_highlighted():
    out = render_markdown(CORPUS["html-in-fence"])
    parsed = Elements(out)
    assert parsed.code[0] == "<script>alert(1)</script>\n<style>body{display:none}</style>\n"
    assert ("div", {"class": "highlight"}) in parsed.tags
    assert any(attrs.get("class") == "nt" for _name, attrs in parsed.tags)  # Pygments token classes
    nested = Elements(render_markdown(CORPUS["fence-in-list"]))
    assert nested.code == ["pip install <paquet>\n"] and "li" in nested.names()


def test_blocks_of_real_posts():
    text = (":penguin: Bienvenue :smile:\n\n"
            "| Région | Budget |\n|---|---|\n| Souss-Massa | 12 000 € |\n\n"
            "Une note[^1].\n\n[^1]: La source.\n\n"
            "## Intertitre {#ancre .classe}\n\n"
            "!!! warning \"Attention\"\n    Date limite proche.\n")
    parsed = Elements(render_markdown(text))
    names = parsed.names()
    assert "🐧" in "".join(parsed.text) and "😄" in "".join(parsed.text)
    assert "img" not in names  # emoji as characters: nothing fetched from an emoji CDN
    assert "table" in names and "sup" in names  # table, footnote reference
    assert ("h2", {"id": "ancre", "class": "classe"}) in parsed.tags
    assert any(attrs.get("class") == "admonition warning" for _name, attrs in parsed.tags)


def test_code_css_for_print_and_email():
    css = code_css()
    assert ".highlight pre" in css and ".highlight .k" in css
    assert "http" not in css  # no remote resource


CODE_CHARS = st.text(alphabet=st.sampled_from(list("<>&\"'/=abc{}()` \n")), max_size=80)


@settings(max_examples=200, deadline=None)
@given(body=CODE_CHARS, lang=st.sampled_from(["", "html", "python", "text", "js"]))
def test_any_text_in_a_fence_comes_back_as_text(body, lang):
    # Pygments drops blank edge lines (also those holding only spaces)
    body = re.sub(r"^(?:[ \t]*\n)+|(?:\n[ \t]*)+$", "", body.replace("```", "``")).strip("\n")
    if not body.strip():
        return
    out = render_markdown(f"```{lang}\n{body}\n```\n")
    parsed = Elements(out)
    assert set(parsed.names()) <= {"div", "pre", "span", "code"}
    assert html.unescape("".join(parsed.code)).strip("\n") == body
