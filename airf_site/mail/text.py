"""HTML fragment → plain text for the newsletter's text version (links written out).

Only what Markdown produces is handled (paragraphs, headings, lists, links, emphasis, line
breaks, block quotes); unknown tags are transparent. French typography (`fix_text`) is applied
to every paragraph before wrapping; only ASCII spaces count as spaces here, so the no-break
spaces it writes ("Contact :", "31 mars 2027") are never broken or collapsed.
"""

from __future__ import annotations

import html
import re
import textwrap
from html.parser import HTMLParser

from airf_site.typography import fix_text

WIDTH = 72
# ASCII whitespace only: \s would also collapse the no-break spaces of French typography.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_ASCII_SPACE = " \t\n\r\f\v"
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "table", "tr", "hr"}


def wrap(text: str, indent: str = "", width: int = WIDTH) -> str:
    """Wrap a paragraph (in French typography) without breaking URLs or hyphenated words."""
    text = fix_text(_SPACES.sub(" ", text).strip(_ASCII_SPACE))
    if not text:
        return ""
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def bullet(text: str, width: int = WIDTH) -> str:
    """A wrapped list item: « * » then lines indented by two spaces."""
    text = fix_text(_SPACES.sub(" ", text).strip(_ASCII_SPACE))
    return textwrap.fill(text, width=width, initial_indent="* ", subsequent_indent="  ",
                         break_long_words=False, break_on_hyphens=False)


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind, text)
        self.current: list[str] = []
        self.kind = "p"
        self.links: list[str | None] = []
        self.list_stack: list[list] = []  # [tag, counter]
        self.quote = 0

    def flush(self) -> None:
        text = "".join(self.current)
        if text.strip():
            prefix = "> " * self.quote
            self.blocks.append((self.kind, prefix + text.strip() if self.kind not in ("pre",) else text))
        self.current = []
        self.kind = "p"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _BLOCKS:
            self.flush()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "pre"):
            self.kind = tag
        elif tag in ("ul", "ol"):
            self.list_stack.append([tag, 0])
        elif tag == "li":
            depth = max(len(self.list_stack) - 1, 0)
            if self.list_stack and self.list_stack[-1][0] == "ol":
                self.list_stack[-1][1] += 1
                bullet = f"{self.list_stack[-1][1]}."
            else:
                bullet = "-"
            self.kind = "li"
            self.current.append("  " * depth + bullet + " ")
        elif tag == "blockquote":
            self.quote += 1
        elif tag == "br":
            self.current.append("\n")
        elif tag == "a":
            self.links.append(attrs.get("href"))
            self.current.append("\x00")  # marks where the link text starts
        elif tag == "img":
            alt = attrs.get("alt") or ""
            if alt:
                self.current.append(f"[{alt}]")
        elif tag == "hr":
            self.blocks.append(("p", "* * *"))

    def handle_endtag(self, tag):
        if tag == "a":
            href = self.links.pop() if self.links else None
            joined = "".join(self.current)
            start = joined.rfind("\x00")
            label = joined[start + 1:] if start >= 0 else joined
            before = joined[:start] if start >= 0 else ""
            if href and not href.startswith("#") and label.strip() != href:
                label = f"{label} ({href})" if label.strip() else href
            self.current = [before + label]
        elif tag in ("ul", "ol"):
            self.flush()
            if self.list_stack:
                self.list_stack.pop()
        elif tag == "blockquote":
            self.flush()
            self.quote = max(self.quote - 1, 0)
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data):
        if self.kind == "pre":
            self.current.append(data)
        else:
            self.current.append(_SPACES.sub(" ", data))


def html_to_text(fragment: str, width: int = WIDTH) -> str:
    """Plain text of an HTML fragment: wrapped paragraphs, underlined headings, links as « texte (url) »."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    parser.flush()
    out: list[str] = []
    for kind, text in parser.blocks:
        text = html.unescape(text).replace("\x00", "")
        if kind != "pre":
            text = fix_text(text)
        if kind in ("h1", "h2"):
            title = _SPACES.sub(" ", text).strip(_ASCII_SPACE)
            out.append(title + "\n" + ("=" if kind == "h1" else "-") * len(title))
        elif kind.startswith("h"):
            out.append(_SPACES.sub(" ", text).strip(_ASCII_SPACE))
        elif kind == "pre":
            out.append(text.rstrip("\n"))
        elif kind == "li":
            lead = re.match(r"^(\s*(?:-|\d+\.) )", text)
            indent = " " * len(lead.group(1)) if lead else "  "
            lines = [wrap(part, "", width) for part in text.split("\n")]
            first = textwrap.fill(re.sub(r"[ \t]+", " ", lines[0]), width=width, subsequent_indent=indent,
                                  break_long_words=False, break_on_hyphens=False) if lines else ""
            out.append("\n".join([first] + [indent + line for line in lines[1:]]))
        else:
            out.append("\n".join(wrap(part, "", width) for part in text.split("\n")))
    # List items follow each other without a blank line; other blocks are separated by one.
    result: list[str] = []
    previous = None
    for (kind, _), block in zip(parser.blocks, out):
        if result and not (kind == "li" and previous == "li"):
            result.append("")
        result.append(block)
        previous = kind
    return "\n".join(result).strip() + "\n" if result else ""
