"""Site search with Pagefind: what each page gives the index (its *record*).

Each indexed page hands the build one small HTML record: its main content (the template's
output, without the Material chrome, with `data-pagefind-ignore` blocks left out) plus hidden
filter, sort and meta tags. `site/search_index.py` feeds the records to Pagefind's indexing
service while the site is rendered: French stemming (`<html lang="fr">`), fragments fetched
on demand, filters by kind, priority and project, sort by date.

French elisions (l' d' qu' n' s' j' c' m' t' jusqu' lorsqu' puisqu', straight or curly) are
removed from the indexed text here and from the query in `assets/search.js`: Pagefind keeps
"l’impression" as one word otherwise, and "impression" would not find it.

What is indexed: news, fact sheets, events, calls, static pages, project pages (their own
text, not the lists), the newsletter archive and the report pages. Listings (home, news pages,
archives, agenda, catalogue, themes, members) are not: they would outrank what they list.
"""

from __future__ import annotations

import html as html_lib
import itertools
import re
from typing import Any

# Labels of the "kind" filter, as readers see them in the search dialog.
KINDS = {"article.html": "Actualité", "fiche.html": "Fiche technique", "event.html": "Événement",
         "call.html": "Appel à projets"}
PAGE, NEWSLETTER, REPORT = "Page", "Lettre d'information", "Rapport d'activité"
# An elided article or pronoun at the start of a word, followed by a letter: "l’", "d'", "qu'"…
_ELIDED = r"(?<![^\W\d_])(?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])['’‘ʼ]"
ELISION = re.compile(_ELIDED + r"(?=[^\W\d_])", re.IGNORECASE)
_ELIDED_END = re.compile(_ELIDED + r"$", re.IGNORECASE)
_ALT = re.compile(r'(\balt=")([^"]*)(")', re.IGNORECASE)
_TAG = re.compile(r"(<[^>]*>)")
# Characters without which a text node comes out of `strip_elisions_html` unchanged.
_TOUCHED = re.compile("['’‘ʼ&<>]")
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)
_SCRIPT = re.compile(r"<(script|style|head)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
# Blocks side by side in the layout ("<strong>340</strong><span>jeunes</span>") are one word
# to Pagefind without a space between them.
_BLOCK_END = re.compile(r"(</(?:p|div|li|h[1-6]|td|th|dt|dd|figcaption|span|strong|blockquote|section)>)", re.IGNORECASE)


def strip_elisions(text: str) -> str:
    """Plain text without elided articles: "L’efficacité d'irrigation" → "efficacité irrigation"."""
    return ELISION.sub("", text)


def strip_elisions_html(fragment: str) -> str:
    """The same on the text of an HTML fragment and on `alt` texts, which Pagefind indexes too.

    An elision before inline markup ("l'<strong>Assemblée</strong>") is removed as well.
    """
    parts = _TAG.split(fragment)
    has_alt = _ALT.search(fragment) is not None
    for i in range(0, len(parts), 2):  # even items are text between tags, odd items are tags
        part = parts[i]
        # Most text nodes hold no apostrophe, entity or stray bracket: they stay as they are
        # (unescaping then escaping them would give them back unchanged).
        if part and _TOUCHED.search(part):
            text = strip_elisions(html_lib.unescape(part))
            if _ELIDED_END.search(text):
                following = next((t for t in itertools.islice(parts, i + 2, None, 2) if t), "")
                if html_lib.unescape(following)[:1].isalpha():
                    text = _ELIDED_END.sub("", text)
            parts[i] = html_lib.escape(text, quote=False)
        if has_alt and i + 1 < len(parts):
            parts[i + 1] = _ALT.sub(_strip_alt, parts[i + 1])
    return "".join(parts)


def _strip_alt(m: re.Match[str]) -> str:
    return m.group(1) + html_lib.escape(strip_elisions(html_lib.unescape(m.group(2)))) + m.group(3)


# An element Pagefind ignores for indexing (the bare attribute: `="index"` and `="all"` are kept).
_IGNORED = re.compile(r"<([A-Za-z][\w-]*)\b[^>]*?\sdata-pagefind-ignore(?=[\s/>])[^>]*>")
_SAME_TAG: dict[str, re.Pattern[str]] = {}


def drop_ignored(fragment: str) -> str:
    """`fragment` without the elements marked `data-pagefind-ignore` (related reading, pager,
    tags): Pagefind would parse them only to leave them out, so the index is the same (tested)
    for less work. A block holding filters or meta (which Pagefind still reads) is kept."""
    out: list[str] = []
    pos = 0
    while (m := _IGNORED.search(fragment, pos)) is not None:
        name = m.group(1).lower()
        same = _SAME_TAG.get(name)
        if same is None:
            same = _SAME_TAG[name] = re.compile(rf"<(/?){name}\b[^>]*?(/?)>", re.IGNORECASE)
        depth, end = 1, -1
        for tag in same.finditer(fragment, m.end()):
            if tag.group(1):
                depth -= 1
            elif not tag.group(2):
                depth += 1
            if depth == 0:
                end = tag.end()
                break
        if end < 0 or "data-pagefind-" in fragment[m.end():end].replace("data-pagefind-ignore", ""):
            out.append(fragment[pos:m.end()])  # unclosed, or holds filters: left to Pagefind
            pos = m.end()
            continue
        out.append(fragment[pos:m.start()])
        pos = end
    out.append(fragment[pos:])
    return "".join(out)


def _hidden(tag: str, name: str, value: str) -> str:
    return f'<span data-pagefind-{tag}="{name}">{html_lib.escape(value, quote=False)}</span>'


def render_record(site: Any, title: str, fragment: str, kind: str, doc: Any = None,
                  date: Any = None) -> str:
    """The HTML Pagefind indexes for one page: `fragment` (the page's main content) with its
    kind, priorities, project and date as filters, sort key and meta (pure)."""
    tags = [_hidden("meta", "title", title), _hidden("filter", "type", kind), _hidden("meta", "type", kind)]
    for theme_id in getattr(doc, "themes", None) or []:
        theme = site.themes.get(theme_id)
        if theme is not None:
            tags.append(_hidden("filter", "priorite", theme.titre))
    project = site.projects.get(getattr(doc, "projet", None) or "")
    if project is not None:
        tags.append(_hidden("filter", "projet", project.titre))
    date = date if date is not None else getattr(doc, "date", None)
    if date is not None:
        day = date.date() if hasattr(date, "date") else date
        tags += [_hidden("sort", "date", day.isoformat()), _hidden("meta", "date", site.date_label(day))]
    body = _BODY.search(fragment)
    content = _BLOCK_END.sub(r"\1 ", drop_ignored(_SCRIPT.sub("", body.group(1) if body else fragment)))
    return ('<!doctype html><html lang="fr"><head><meta charset="utf-8"></head><body><main data-pagefind-body>'
            f'{strip_elisions_html(content)}'
            f'<div data-pagefind-ignore="index" hidden>{"".join(tags)}</div></main></body></html>')
