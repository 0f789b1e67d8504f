"""HTML sanitising for what leaves the site: e-mail bodies, feed entries, the newsletter archive.

The site's own pages keep the raw HTML an editor writes in Markdown (the repository is the
trust boundary: content is reviewed in pull requests, see docs/securite.md). HTML that is read
elsewhere — in a mail client, a feed reader, or the archive of an e-mail — goes through nh3
(the Rust `ammonia` sanitiser) with an allow-list: no script, iframe, object, svg or form; no
`on*` attribute; links and images only to http(s), mailto, tel or relative addresses.
"""

from __future__ import annotations

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul",
}
GENERIC = {"class", "id", "title", "lang", "dir", "style"}
ATTRIBUTES = {
    "*": GENERIC,
    "a": GENERIC | {"href"},
    "img": GENERIC | {"src", "alt", "width", "height"},
    "td": GENERIC | {"colspan", "rowspan", "align"},
    "th": GENERIC | {"colspan", "rowspan", "align", "scope"},
    "col": GENERIC | {"span"},
    "ol": GENERIC | {"start", "type"},
    "time": GENERIC | {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Layout-only properties: no url(), no expression(), no position tricks.
STYLE_PROPERTIES = {"text-align", "vertical-align", "color", "background-color", "font-weight", "font-style",
                    "text-decoration", "width", "height", "max-width", "margin", "padding", "border"}


def sanitize_html(fragment: str) -> str:
    """`fragment` with only the allowed tags, attributes, URL schemes and style properties."""
    return nh3.clean(fragment, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     filter_style_properties=STYLE_PROPERTIES, link_rel=None, strip_comments=True)
