"""Output-level checks of French typography: the reader text of a built page, e-mail or PDF.

Reader text is what a person reads: HTML text nodes outside code, scripts and styles; Brevo
tags and URLs are taken out (they keep their own spelling). `faults` lists every place where
an ordinary space (or a line break) stands before « : ; ! ? » or inside « », where a date is
breakable, or where a straight apostrophe is left.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

_SKIP = {"code", "pre", "kbd", "samp", "script", "style", "textarea"}
_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
_FAULTS = {
    "espace ordinaire avant :": re.compile(r"\S[ \t\n]+:"),
    "espace ordinaire avant ; ! ?": re.compile(r"\S[ \t\n]+[;!?]"),
    "espace ordinaire dans « »": re.compile(r"«[ \t\n]|[ \t\n]»"),
    "date sécable": re.compile(rf"\b(?:1er|\d{{1,2}})[ \t\n]+(?:{_MONTHS})\b|\b(?:{_MONTHS})[ \t\n]+\d{{4}}\b"),
    "heure sécable": re.compile(r"\b\d{1,2}[ \t\n]+h\b"),
    "apostrophe droite": re.compile(r"'"),
}
# In Chromium's PDFs the narrow no-break space is drawn with the space glyph of a fallback face
# (Lato has no U+202F) and extracts as " ": what can be checked there is that no line starts
# with the mark.
_NARROW = ("espace ordinaire avant ; ! ?", "espace ordinaire dans « »")
_LINE_START = re.compile(r"\n[:;!?»]|«\n")
_NOT_READER_TEXT = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|(?:https?|webcal)://\S+|\S+@\S+\.\w+", re.S)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.depth += 1
        elif tag in ("p", "li", "td", "th", "div", "br", "h1", "h2", "h3", "h4", "title"):
            self.parts.append("\n")  # blocks do not run into each other

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.depth = max(self.depth - 1, 0)

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def html_reader_text(html: str) -> str:
    """The text a reader sees in an HTML page (see module doc)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def faults(text: str, pdf: bool = False) -> list[str]:
    """'<kind>: …context…' for each typography fault in reader `text` (`pdf`: text extracted
    from a PDF, see above)."""
    text = _NOT_READER_TEXT.sub(" ", text)
    found = []
    checks = dict(_FAULTS)
    if pdf:
        for kind in _NARROW:
            del checks[kind]
        checks["ligne commençant par : ; ! ? »"] = _LINE_START
        # Chart labels (one per line: "1\nmars") are separate texts, not a broken date.
        for kind in ("date sécable", "heure sécable"):
            checks[kind] = re.compile(checks[kind].pattern.replace("[ \\t\\n]", "[ \\t]"))
    for kind, pattern in checks.items():
        for m in pattern.finditer(text):
            found.append(f"{kind}: {text[max(m.start() - 30, 0):m.end() + 10]!r}")
    return found


def html_faults(paths: list[Path]) -> list[str]:
    """`faults` of every HTML file, prefixed by its name."""
    return [f"{path.name}: {fault}" for path in paths
            for fault in faults(html_reader_text(path.read_text(encoding="utf-8")))]


def pdf_text(path: Path) -> str:
    """The text of a PDF, page by page (pypdf keeps U+00A0, U+202F and ’ as written)."""
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)
