"""WordPress: the WXR export (Outils › Exporter › Articles), an XML file with every post's HTML.

Read with defusedxml (an export is an untrusted file: no entity expansion, no external
entities). Published posts and drafts are imported (drafts as `brouillon: true`); pages,
attachments and menu items are not articles. The HTML goes through markdownify after the
WordPress-specific parts are handled: block-editor comments, paragraphs WordPress adds only when
displaying (wpautop), and the shortcodes we know ([caption], [embed], [youtube]); any other
shortcode is removed and named in the report.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from urllib.parse import urlsplit

from defusedxml import ElementTree as SafeET
from markdownify import markdownify

from airf_site.authoring.importer.model import Post

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
# Shortcodes of WordPress itself and common plugins, recognised even without attributes.
PLUGIN_SHORTCODES = {"gallery", "audio", "video", "playlist", "contact-form-7", "wpforms", "gravityform",
                     "vc_row", "vc_column", "vc_column_text", "et_pb_section", "fusion_builder_container"}


def _wpautop(text: str) -> str:
    """Paragraphs from blank lines, as WordPress does when it displays a classic-editor post."""
    if re.search(r"<p[\s>]", text):
        return text
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    block_tags = re.compile(r"^<(?:h[1-6]|ul|ol|table|blockquote|pre|div|figure|hr|p)\b", re.I)
    return "\n".join(b if block_tags.match(b) else f"<p>{b}</p>" for b in blocks)


def _attr(attrs: str, name: str) -> str | None:
    match = re.search(rf'{name}\s*=\s*["\']([^"\']*)["\']', attrs)
    return match.group(1) if match else None


def convert_shortcodes(text: str, notes: list[str]) -> str:
    """[caption]…[/caption] → its image and caption; [embed]/[youtube] → a link; others removed."""
    text = re.sub(r"\[caption[^\]]*\](.*?)\[/caption\]",
                  lambda m: f"<figure>{m.group(1)}</figure>", text, flags=re.S)
    text = re.sub(r"\[embed\](.*?)\[/embed\]", lambda m: f'<p><a href="{m.group(1).strip()}">{m.group(1).strip()}</a></p>',
                  text, flags=re.S)

    def video(match: re.Match) -> str:
        url = match.group(1).strip() or ""
        return f'<p><a href="{html.escape(url)}">Voir la vidéo</a></p>'
    text = re.sub(r"\[youtube\s*=?\s*([^\]]*)\]", video, text)

    def other(match: re.Match) -> str:
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3) or ""
        if not (attrs.strip() or name in PLUGIN_SHORTCODES or "_" in name):
            return match.group(0)  # "[sic]", "[1]": ordinary text in brackets
        if not closing:
            notes.append(f"code court [{name}] non converti (retiré du texte)")
        return ""
    return re.sub(r"\[(/?)([a-zA-Z][\w-]*)(\s[^\]]*)?\]", other, text)


def html_to_markdown(text: str, notes: list[str]) -> str:
    """A WordPress post's HTML → Markdown."""
    text = re.sub(r"<!--\s*/?wp:.*?-->", "", text, flags=re.S)
    # Block-editor embeds (YouTube, Vimeo, a tweet) hold only their address: a link, as the site
    # loads nothing from other hosts.
    text = re.sub(r"<figure[^>]*wp-block-embed[^>]*>\s*<div[^>]*>\s*(https?://\S+?)\s*</div>.*?</figure>",
                  lambda m: f'<p><a href="{m.group(1)}">{m.group(1)}</a></p>', text, flags=re.S)
    text = convert_shortcodes(_wpautop(text), notes)
    if re.search(r"<(script|iframe|object|embed|form)\b", text, re.I):
        notes.append("contenu actif (script, iframe, formulaire) retiré : remplacez-le par un lien si besoin")
        text = re.sub(r"<(script|iframe|object|embed|form)\b.*?(</\1>|/>)", "", text, flags=re.S | re.I)
    markdown = markdownify(text, heading_style="ATX", bullets="-", strip=["span", "font", "style"])
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


def _date(item) -> dt.date | None:
    for tag in ("wp:post_date", "wp:post_date_gmt", "pubDate"):
        raw = (item.findtext(tag, namespaces=NS) or "").strip()
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", raw)
        if match and raw[:4] != "0000":
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
    return None


def read_wordpress(source: Path) -> tuple[list[Post], list[str]]:
    """Posts of a WXR export, and report lines about what was left aside."""
    tree = SafeET.parse(source)
    channel = tree.getroot().find("channel")
    if channel is None:
        raise ValueError("ce fichier n'est pas un export WordPress (WXR) : balise <channel> absente")
    attachments = {
        item.findtext("wp:post_id", namespaces=NS): item.findtext("wp:attachment_url", namespaces=NS)
        for item in channel.findall("item") if item.findtext("wp:post_type", namespaces=NS) == "attachment"
    }
    posts, skipped = [], []
    for item in channel.findall("item"):
        kind = item.findtext("wp:post_type", namespaces=NS)
        status = item.findtext("wp:status", namespaces=NS)
        # Titles may hold markup (<em>) and entities, even a bare "&#10" (a line break).
        title = " ".join(re.sub(r"<[^>]*>", "", html.unescape(item.findtext("title") or "")).split())
        if kind != "post":
            if kind not in ("attachment", "nav_menu_item", "wp_navigation", "wp_global_styles"):
                skipped.append(f"« {title or 'sans titre'} » ({kind}) : pas un article, non importé")
            continue
        if status in ("trash", "auto-draft", "inherit"):
            continue
        notes: list[str] = []
        body = html_to_markdown(item.findtext("content:encoded", namespaces=NS) or "", notes)
        tags = [html.unescape(c.text or "") for c in item.findall("category") if c.get("domain") == "post_tag"]
        categories = [html.unescape(c.text or "") for c in item.findall("category") if c.get("domain") == "category"]
        thumbnail = None
        for meta in item.findall("wp:postmeta", namespaces=NS):
            if meta.findtext("wp:meta_key", namespaces=NS) == "_thumbnail_id":
                thumbnail = attachments.get(meta.findtext("wp:meta_value", namespaces=NS))
        link = item.findtext("link") or ""
        old = urlsplit(link).path if link and "?" not in link else ""
        post_id = item.findtext("wp:post_id", namespaces=NS)
        posts.append(Post(
            origin=f"article WordPress n° {post_id} « {title} »", title=title or "Sans titre", date=_date(item),
            body=body, summary=html.unescape(item.findtext("excerpt:encoded", namespaces=NS) or "").strip() or None,
            tags=[t for t in tags if t], categories=[c for c in categories if c and c != "Non classé"],
            image=thumbnail, draft=status != "publish", old_urls=[old] if old and old != "/" else [],
            guid=(item.findtext("guid") or "").strip() or None,
            slug=(item.findtext("wp:post_name", namespaces=NS) or "").strip() or None,
            notes=notes))
    return posts, skipped
