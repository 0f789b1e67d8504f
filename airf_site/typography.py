"""French typography for every output, in one pass over reader text only.

`fix_text` (plain text: titles, the e-mail's text version, feed titles) and `fix_html` (HTML
text nodes) apply the same rules:

- narrow no-break space U+202F before ``; ! ?`` and inside « », no-break space U+00A0
  before ``:`` — added when missing ("Contact:"), normalised when an ordinary space is there;
- the typographic apostrophe ’ between letters ("l’AIRF", "Côte d’Ivoire") and after an
  elided word before a digit or a tag (« d’{{ … }} »);
- no-break spaces in dates ("31 mars 2027", "juin 2027", "1er mai": a bare "1 mai" becomes "1er"), in
  times ("14 h 00", "14h30" → "14 h 30"), as thousands separators ("750 000", U+202F as Babel
  writes them), between a number and its unit or currency (km, %, ha, kW, €, FCFA…), after
  "n°", "p.", "art." and before a name after "M.", "Mme".

Never touched: tags and attribute values, ``<code> <pre> <kbd> <samp> <script> <style>
<textarea>`` and comments, URLs and e-mail addresses, Brevo/Jinja tags ``{{ … }}`` and
``{% … %}``; "14:30", "3:2", "a:b" stay as they are (a space is only added before a colon or
a ``; ! ?`` followed by a space or the end of the text). Every rule only inserts or normalises
spaces, curls apostrophes or writes "1er": applying the pass twice gives the same text.

Why our own module: the French-aware libraries on PyPI don't fit. ``smartypants`` and
``typogrify`` apply English rules; ``polytypo`` (the most complete, locale "fr") strips the
spaces of a Brevo tag and curls its quote (``{{ contact.PRENOM|default:'ami' }}`` comes back
as ``{{contact.PRENOM|default:'ami’}}``), has no rule for dates, "14 h 00", thousands, ha, kW
or FCFA, puts U+00A0 inside « », and costs ~17 ms per page (a code-point scanner in Python:
~50 s more on a 3,000-page site); ``french-typo`` rewrites "n°4" and "1er" into ``<sup>``
markup and has no HTML-aware protection; ``typographeur`` is unmaintained since 2020. A few
compiled regular expressions over text nodes cost well under a millisecond per page.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from typing import TypeAlias

NBSP = "\u00a0"
NNBSP = "\u202f"

# Spaces a rule may normalise. In HTML a line break inside a text node renders as a space; in
# plain text it is a real line break and stays.
_W_TEXT = "[ \\t\\u00a0\\u202f]"
_W_HTML = "[ \\t\\r\\n\\u00a0\\u202f]"

# Text no rule may change: Brevo/Jinja tags, URLs, e-mail addresses.
_PROTECT = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}"
    r"|(?:https?|ftp)://[^\s<>\"]+|(?:mailto|tel):[^\s<>\"]+|\bwww\.[^\s<>\"]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.S,
)

_MONTHS = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
           "|décembre|decembre")
_DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
# Longest first so "kWh" is not read as "kW" + "h".
_UNITS = sorted(
    ["%", "‰", "€", "$", "£", "FCFA", "F CFA", "CFA", "XOF", "XAF", "EUR", "USD", "MAD", "DH", "TND",
     "km", "km²", "m", "m²", "m³", "cm", "mm", "kg", "t", "ha", "kW", "kWc", "kWh", "MW", "MWc", "MWh",
     "GW", "GWh", "TWh", "°C", "min", "M€", "Md€", "k€", "million", "millions", "milliard", "milliards"],
    key=len, reverse=True)
_ELIDED = "[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu"
# A letter (any script), not a digit or underscore.
_L = "[^\\W\\d_]"
# What may come right before "; ! ? :" for a space to be added: a word, a closing mark.
# What may come right before "; ! ? :" for a space to be added where there is none: a word, a
# closing mark; where a space is already there, a closing straight quote too.
_CLOSERS = ")]}»”’%€°.…*_"
_CLOSERS_SPACED = _CLOSERS + "\"'"
# After "; ! ?" glued to a word, these mean it is not punctuation ("a?b=c", "?!-)").
_NOT_AFTER_PUNCT = "/=&#%{(-"

Replacement: TypeAlias = "str | Callable[[re.Match[str]], str]"
# (needs a digit, cheap necessary condition, pattern, replacement)
Rule = tuple[bool, re.Pattern[str], re.Pattern[str], Replacement]


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _apostrophe(m: re.Match[str]) -> str:
    """' → ’ between letters, and after an elided word before a digit, « or {{ (d’{{ … }})."""
    text, i = m.string, m.start()
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before.isalpha() and after.isalpha():
        return "’"
    if after and (after.isdigit() or after in "{«\""):
        start = i
        while start and text[start - 1].isalpha():
            start -= 1
        if text[start:i].lower() in _ELIDED_WORDS and not (start and _is_word(text[start - 1])):
            return "’"
    return "'"


def _punctuation(space: str) -> Callable[[re.Match[str]], str]:
    """The spaces before "; ! ?" (narrow no-break) or ":" (no-break), added or normalised.

    Added only where the mark is followed by a space or the end (or, for "; ! ?", by another
    non-word mark): "14:30", "3:2", "a:b", "a?b=c" stay as they are.
    """

    def replace(m: re.Match[str]) -> str:
        text, start, end = m.string, m.start(), m.end()
        mark = text[end - 1]
        spaced = end - start > 1
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if not before or before.isspace():
            return m.group(0)
        glued_ok = _is_word(before) or before in _CLOSERS
        if mark == ":":
            if (glued_ok and (not after or after.isspace())) or (
                    spaced and after != ":" and (glued_ok or before in _CLOSERS_SPACED)):
                return NBSP + ":"
            return m.group(0)
        if glued_ok and (not after or after.isspace() or not (_is_word(after) or after in _NOT_AFTER_PUNCT)):
            return NNBSP + mark
        if spaced and (glued_ok or before in _CLOSERS_SPACED):
            return NNBSP + mark
        return m.group(0)

    del space
    return replace


def _rules(w: str) -> list[Rule]:
    """The rules, in order, with `w` the class of spaces they may replace.

    Each rule is (needs a digit, precheck, pattern, replacement); a rule runs only when the
    text has a digit if it needs one and its precheck matches. A precheck is a necessary
    condition for the pattern to match (``\\s`` covers every space class `w`), written to start
    with a literal or a digit so that Python's `re` skips quickly to candidate positions, which
    a pattern starting with a lookbehind cannot: most text nodes then cost a few fast searches.
    """

    def dates(m: re.Match[str]) -> str:
        day = "1er" if m.group(1) in ("1", "01") else m.group(1)
        return day + NBSP + m.group(2) + (NBSP + m.group(3) if m.group(3) else "")

    def thousands(m: re.Match[str]) -> str:
        return re.sub(w, NNBSP, m.group(0))

    def times(m: re.Match[str]) -> str:
        return m.group(1) + NBSP + "h" + (NBSP + m.group(2) if m.group(2) else "")

    units = "|".join(re.escape(u).replace("\\ ", w) for u in _UNITS)
    units_s = "|".join(re.escape(u).replace("\\ ", "\\s") for u in _UNITS)
    return [
        # Before times and numbers: the space it adds after "p." must not make a new match for them.
        (True, re.compile("(?:[nN][°º]|p\\.|art\\.|chap\\.|fig\\.|vol\\.|§)\\s*\\d"),
         re.compile(f"(?<![^\\W_])(n°|N°|nº|p\\.|pp\\.|art\\.|chap\\.|fig\\.|vol\\.|§){w}*(?=\\d)"),
         "\\1" + NBSP),
        (True, re.compile("\\d\\s*h"), re.compile(f"(?<![\\w,.])([01]?\\d|2[0-3]){w}*h(?:{w}*([0-5]\\d))?(?![\\w/])"), times),
        (True, re.compile("\\d\\s\\d\\d\\d"), re.compile(f"(?<![\\w,.])\\d{{1,3}}(?:{w}\\d{{3}})+(?![\\d])"), thousands),
        (True, re.compile(f"\\d(?:er)?\\s+(?:{_MONTHS})"), re.compile(f"(?<![\\w,.])(1er|0?[1-9]|[12]\\d|3[01]){w}+({_MONTHS})(?:{w}+(\\d{{4}}))?(?!\\w)"),
         dates),
        (True, re.compile(f"(?:{_MONTHS})\\s+\\d{{4}}"), re.compile(f"(?<![^\\W_])({_MONTHS}){w}+(?=\\d{{4}}(?!\\d))"), "\\1" + NBSP),
        (True, re.compile(f"(?i)(?:{_DAYS})\\s+\\d"), re.compile(f"(?i)(?<![^\\W_])({_DAYS}){w}+(?=(?:1er|[12]?\\d|3[01])(?!\\d))"), "\\1" + NBSP),
        # A range of numbers, days or times ("16 – 17 juin", "14 h 00 – 16 h 00") does not break
        # before its dash: a line never starts with "–".
        (True, re.compile("\\d\\s+[–—-]\\s"), re.compile(f"(?<=\\d){w}+(?=[–—]{w})"), NBSP),
        (True, re.compile(f"\\d\\s?(?:{units_s})"), re.compile(f"(?<=\\d){w}?({units})(?![\\w²³])"), NBSP + "\\1"),
        (False, re.compile("(?:M\\.|Mmes?|Mlle|Dr|Pr)\\s"), re.compile(f"(?<![^\\W_])(M\\.|MM\\.|Mme|Mmes|Mlle|Dr|Pr){w}+(?=[A-ZÀ-ÖØ-Þ])"), "\\1" + NBSP),
        # After the rules that add spaces: whether a word is elided depends on what precedes it.
        (False, re.compile("'"), re.compile("'"), _apostrophe),
        (False, re.compile("«"), re.compile(f"«{w}*(?=[^\\s])"), "«" + NNBSP),
        (False, re.compile("»"), re.compile(f"(?<=[^\\s]){w}*»"), NNBSP + "»"),
        (False, re.compile("[;!?:]"), re.compile(f"{w}+[;!?:]|[;!?:]"), _punctuation(w)),
    ]


_ELIDED_WORDS = frozenset(_ELIDED.replace("[cdjlmnst]", "c|d|j|l|m|n|s|t").split("|"))
_TEXT_RULES = _rules(_W_TEXT)
_HTML_RULES = _rules(_W_HTML)
_TRIGGER = re.compile("['\\d:;!?«»§MDP]")
_DIGIT = re.compile("\\d")


def _apply(text: str, rules: list[Rule]) -> str:
    if not _TRIGGER.search(text):
        return text
    has_digit = _DIGIT.search(text) is not None
    for needs_digit, precheck, pattern, repl in rules:
        if (needs_digit and not has_digit) or not precheck.search(text):
            continue
        text = pattern.sub(repl, text)
    return text


def _fix_unprotected(text: str, before: str, after: str, rules: list[Rule]) -> str:
    """Apply `rules` to `text` seeing one character of context on each side (`before`, `after`).

    The context characters are never spaces, so the rules only insert next to them; they are
    cut off again by position.
    """
    fixed = _apply(before + text + after, rules)
    return fixed[len(before):len(fixed) - len(after)]


def _context(char: str) -> str:
    """A neighbour's character as context: letters and digits by a representative (so a rule
    never reads a neighbour's letter as part of a unit or a time), spaces as nothing."""
    if not char or char.isspace():
        return ""
    if char.isalpha():
        return "X" if char.isupper() else "x"
    return "0" if char.isdigit() else char


def _fix_segment(text: str, before: str, after: str, rules: list[Rule]) -> str:
    """A run of text: protected spans (URLs, Brevo tags) kept, the pieces between fixed."""
    if "{" not in text and "@" not in text and "://" not in text and "www." not in text and (
            "mailto:" not in text and "tel:" not in text):
        return _fix_unprotected(text, _context(before), _context(after), rules)
    out: list[str] = []
    last = 0
    prev = before
    for m in _PROTECT.finditer(text):
        out.append(_fix_unprotected(text[last:m.start()], _context(prev[-1:]), _context(m.group(0)[:1]), rules))
        out.append(m.group(0))
        prev, last = m.group(0), m.end()
    out.append(_fix_unprotected(text[last:], _context(prev[-1:]), _context(after), rules))
    return "".join(out)


def fix_text(text: str) -> str:
    """French typography of a plain text (no markup): a title, a label, a text e-mail."""
    if not text:
        return text
    if len(text) > 2000:
        return _fix_segment(text, "", "", _TEXT_RULES)
    return _fix_short(text)


@functools.lru_cache(maxsize=65536)
def _fix_short(text: str) -> str:
    # Titles, names and labels come back on every listing, card and feed: typeset each once.
    return _fix_segment(text, "", "", _TEXT_RULES)


# --- HTML ---------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?.*?>"
    r"|<(script|style|textarea)\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*>.*?</\1\s*>"
    r"|</?[A-Za-z][\w:.-]*(?:\"[^\"]*\"|'[^']*'|[^'\">])*>",
    re.S | re.I,
)
_TEXT, _INLINE, _BLOCK_TAG, _VERBATIM, _OPAQUE = range(5)
_TAG_NAME = re.compile(r"</?([A-Za-z][\w:.-]*)")
# Elements whose text is code or verbatim: inline ones read as one opaque word around them.
_SKIP_INLINE = frozenset({"code", "kbd", "samp", "var", "tt"})
_SKIP_BLOCK = frozenset({"pre", "math", "script", "style", "textarea", "mj-style"})
# Elements that start a new run of text: no context is carried across them.
_BLOCK = frozenset({
    "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "td", "th", "tr", "table", "thead", "tbody",
    "tfoot", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "nav",
    "main", "aside", "figure", "figcaption", "blockquote", "details", "summary", "form", "fieldset", "legend",
    "label", "option", "select", "button", "body", "head", "html", "title", "img", "svg", "text", "tspan",
    "mj-text", "mj-button", "mj-column", "mj-section", "mj-raw", "mj-preview", "mj-title",
})


def fix_html(fragment: str) -> str:
    """French typography of the text nodes of an HTML fragment or document (see module doc)."""
    if not fragment or not _TRIGGER.search(fragment):
        return fragment
    if not _SKIP_ANY.search(fragment):
        return _fix_html_plain(fragment)
    return _fix_html_general(fragment)


# Text (even items) and tags (odd items), as `_TOKEN` splits HTML without script, style or
# textarea elements.
_SPLIT = re.compile(
    r"(<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?.*?>"
    r"|</?[A-Za-z][\w:.-]*(?:\"[^\"]*\"|'[^']*'|[^'\">])*>)",
    re.S | re.I,
)
# A tag that may open or close code or verbatim text: such documents take the general path.
_SKIP_ANY = re.compile(r"</?(?:code|kbd|samp|var|tt|pre|math|script|style|textarea|mj-style)(?![\w:.-])", re.I)
_IS_BLOCK: dict[str, bool] = {}


def _block_token(token: str) -> bool:
    """Whether a tag starts a new run of text (comments and declarations do too)."""
    m = _TAG_NAME.match(token)
    if not m:
        return True
    name = m.group(1)
    block = _IS_BLOCK.get(name)
    if block is None:
        lower = name.lower()
        block = _IS_BLOCK[name] = lower in _BLOCK or lower in _SKIP_BLOCK
    return block


def _fix_html_plain(fragment: str) -> str:
    """`_fix_html_general` for HTML without code or verbatim elements, where every text node is
    reader text: only the text nodes a rule may act on are looked at, and their neighbours for
    context (the same result, tested against the general path)."""
    parts = _SPLIT.split(fragment)
    out: list[str] | None = None
    for i in range(0, len(parts), 2):
        piece = parts[i]
        if not piece:
            continue
        text = html.unescape(piece) if "&" in piece else piece
        if not _TRIGGER.search(text):
            continue
        before = after = ""
        j = i - 1
        while j > 0 and not _block_token(parts[j]):
            neighbour = parts[j - 1]
            if neighbour:
                before = (html.unescape(neighbour) if "&" in neighbour else neighbour)[-1]
                break
            j -= 2
        j = i + 1
        while j + 1 < len(parts) and not _block_token(parts[j]):
            neighbour = parts[j + 1]
            if neighbour:
                after = (html.unescape(neighbour) if "&" in neighbour else neighbour)[0]
                break
            j += 2
        fixed = _fix_segment(text, before, after, _HTML_RULES)
        if fixed != text:
            if out is None:
                out = list(parts)
            out[i] = fixed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return fragment if out is None else "".join(out)


def _fix_html_general(fragment: str) -> str:
    """`fix_html` for any HTML, code and verbatim elements included."""
    # Split into tags and text nodes; a text node is fixed with one character of context on each
    # side taken from the neighbouring text of the same block (so "l'<em>AIRF</em>" curls).
    pieces: list[str] = []
    kinds: list[int] = []  # _TEXT, _INLINE (tag), _BLOCK_TAG, _VERBATIM (block), _OPAQUE (inline code)
    last = 0
    depth = {"inline": 0, "block": 0}

    def text_kind() -> int:
        return _VERBATIM if depth["block"] else _OPAQUE if depth["inline"] else _TEXT

    for m in _TOKEN.finditer(fragment):
        if m.start() > last:
            pieces.append(fragment[last:m.start()])
            kinds.append(text_kind())
        token = m.group(0)
        name_match = _TAG_NAME.match(token)
        kind = _BLOCK_TAG
        if name_match:
            name = name_match.group(1).lower()
            group = "inline" if name in _SKIP_INLINE else "block" if name in _SKIP_BLOCK else None
            if group and not m.group(1):
                if token.startswith("</"):
                    depth[group] = max(depth[group] - 1, 0)
                elif not token.endswith("/>"):
                    depth[group] += 1
            kind = _BLOCK_TAG if name in _BLOCK or name in _SKIP_BLOCK else _INLINE
        pieces.append(token)
        kinds.append(kind)
        last = m.end()
    if last < len(fragment):
        pieces.append(fragment[last:])
        kinds.append(text_kind())

    texts = [html.unescape(p) if k == _TEXT and "&" in p else p for p, k in zip(pieces, kinds)]
    # The first character of the next text of the same block, for each piece (inline code reads
    # as a word: "x").
    after = [""] * len(pieces)
    following = ""
    for i in range(len(pieces) - 1, -1, -1):
        after[i] = following
        if kinds[i] == _TEXT and texts[i]:
            following = texts[i][0]
        elif kinds[i] == _OPAQUE and texts[i]:
            following = "" if texts[i][0].isspace() else "x"
        elif kinds[i] in (_BLOCK_TAG, _VERBATIM):
            following = ""
    out: list[str] = []
    before = ""
    for i, (piece, kind) in enumerate(zip(pieces, kinds)):
        if kind != _TEXT:
            out.append(piece)
            if kind in (_BLOCK_TAG, _VERBATIM):
                before = ""
            elif kind == _OPAQUE and piece:
                before = "" if piece[-1].isspace() else "x"
            continue
        text = texts[i]
        fixed = _fix_segment(text, before, after[i], _HTML_RULES) if _TRIGGER.search(text) else text
        if fixed == text:
            out.append(piece)
        else:
            out.append(fixed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        if text:
            before = text[-1]
    return "".join(out)



def repair_mjml_spaces(html: str) -> str:
    """No-break spaces that mjml-python wrote in attribute values as the text ``\\u{a0}`` (an alt,
    or the aria-label it copies from <mj-title>) put back as character references."""
    return html.replace("\\u{a0}", "&#160;").replace("\\u{202f}", "&#8239;")
