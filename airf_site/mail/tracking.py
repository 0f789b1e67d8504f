"""Campaign tracking: UTM parameters on the e-mail's links to the association's own site.

Every link to the site gets `utm_source=brevo&utm_medium=email&utm_campaign=<issue id>`, so
the site's statistics tell which letter brought a visit. Links elsewhere (partners, funders)
and Brevo's own tags (`{{ unsubscribe }}`, `{{ mirror }}`…) are left exactly as they are: an
external site has no use for our parameters, and Brevo must find its tags intact.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from markupsafe import escape

UTM_SOURCE, UTM_MEDIUM = "brevo", "email"
_HREF_RE = re.compile(r'(\bhref=")([^"]*)(")')
# A URL in running text: trailing punctuation (« voir https://…/. ») is the sentence's, not the URL's.
_TEXT_URL_RE = re.compile(r"https://[^\s<>\"')\]]*[^\s<>\"')\].,;:!?»]")


def is_own_site(url: str, site_url: str) -> bool:
    """Whether `url` points into the association's site (same scheme and host as `site_url`)."""
    site, target = urlsplit(site_url), urlsplit(url)
    return (target.scheme, target.netloc.lower()) == (site.scheme, site.netloc.lower()) and target.netloc != ""


def utm_url(url: str, site_url: str, campaign: str) -> str:
    """`url` with the UTM parameters when it points into the site; any other URL unchanged."""
    if "{{" in url or not is_own_site(url, site_url):
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")]
    query += [("utm_source", UTM_SOURCE), ("utm_medium", UTM_MEDIUM), ("utm_campaign", campaign)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), parts.fragment))


def render_tracked_html(html: str, site_url: str, campaign: str) -> str:
    """Every href of `html` into the site gets the UTM parameters (attribute-escaped)."""
    from html import unescape

    def tag(match: re.Match) -> str:
        url = unescape(match.group(2))
        tracked = utm_url(url, site_url, campaign)
        if tracked == url:
            return match.group(0)
        return f"{match.group(1)}{escape(tracked)}{match.group(3)}"

    return _HREF_RE.sub(tag, html)


def render_tracked_text(text: str, site_url: str, campaign: str) -> str:
    """The plain-text version's site URLs with the UTM parameters."""
    return _TEXT_URL_RE.sub(lambda m: utm_url(m.group(0), site_url, campaign), text)
