"""The French typography pass: rules, traps, and properties (Hypothesis)."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from airf_site.typography import NBSP, NNBSP, fix_html, fix_text

N, NN = NBSP, NNBSP

RULES = [
    # (input, expected)
    ("Date limite : 31 mars 2027", f"Date limite{N}: 31{N}mars{N}2027"),
    ("Contact: secrétariat", f"Contact{N}: secrétariat"),
    ("du 16 – 17 juin 2027", f"du 16{N}– 17{N}juin{N}2027"),
    ("de 14 h 00 – 16 h 00", f"de 14{N}h{N}00{N}– 16{N}h{N}00"),
    ("2023 — 2027 et 3 - 4", f"2023{N}— 2027 et 3 - 4"),
    ("Vraiment ? Oui ! Non ; peut-être", f"Vraiment{NN}? Oui{NN}! Non{NN}; peut-être"),
    ("Quoi?! Déjà", f"Quoi{NN}?! Déjà"),
    ("Attention!", f"Attention{NN}!"),
    ("« bonjour »", f"«{NN}bonjour{NN}»"),
    ("«bonjour»", f"«{NN}bonjour{NN}»"),
    (f"«{N}bonjour{N}»", f"«{NN}bonjour{NN}»"),
    ("l'AIRF et la Côte d'Ivoire", "l’AIRF et la Côte d’Ivoire"),
    ("aujourd'hui, jusqu'au 3", "aujourd’hui, jusqu’au 3"),
    ("d'1 million", "d’1\u00a0million"),
    ("le 1 mai 2026", f"le 1er{N}mai{N}2026"),
    ("le 1er mars", f"le 1er{N}mars"),
    ("mardi 3 juin", f"mardi{N}3{N}juin"),
    ("en juin 2027, pas en mai 20270", f"en juin{N}2027, pas en mai 20270"),
    ("de 14 h 00 à 16 h", f"de 14{N}h{N}00 à 16{N}h"),
    ("à 14h30", f"à 14{N}h{N}30"),
    ("750 000 €", f"750{NN}000{N}€"),
    ("1 250 000 FCFA", f"1{NN}250{NN}000{N}FCFA"),
    ("15 km, 20 %, 3 ha, 5 kW, 12 kWh, 40 m²", f"15{N}km, 20{N}%, 3{N}ha, 5{N}kW, 12{N}kWh, 40{N}m²"),
    ("20% et 15km", f"20{N}% et 15{N}km"),
    ("3 millions d'euros", f"3{N}millions d’euros"),
    ("n° 3, n°4, p. 12, art. 5", f"n°{N}3, n°{N}4, p.{N}12, art.{N}5"),
    ("M. Dupont et Mme Diallo", f"M.{N}Dupont et Mme{N}Diallo"),
]

TRAPS = [
    # left unchanged
    "https://x.org/a:b",
    "Voir https://x.org/?q=1&r=2;x",
    "à 14:30 précises",
    "un ratio 3:2",
    "mailto:secretariat@airf.org",
    "écrire à secretariat@airf.org",
    "{{ contact.PRENOM|default:'ami' }}",
    "{% if contact.PRENOM %}x{% endif %}",
    "a:b et std::vector",
    "index.php?id=3",
    "en 2025 2026",
    "2 trains et 3 mois",
    "10 hectares et 2 heures",
    "Accueil › Actualités",
    "",
]


@pytest.mark.parametrize(("source", "expected"), RULES)
def test_rules(source: str, expected: str) -> None:
    assert fix_text(source) == expected
    assert fix_html(f"<p>{source}</p>") == f"<p>{expected}</p>"


@pytest.mark.parametrize("source", TRAPS)
def test_traps_unchanged(source: str) -> None:
    assert fix_text(source) == source


@pytest.mark.parametrize("source", [expected for _, expected in RULES])
def test_correct_text_unchanged(source: str) -> None:
    assert fix_text(source) == source


HTML_CASES = [
    ('<a href="https://x.org/a:b" title="l\'a : b">l\'AIRF</a>', '<a href="https://x.org/a:b" title="l\'a : b">l’AIRF</a>'),
    ("<p>Code <code>a : b 'x'</code> !</p>", f"<p>Code <code>a : b 'x'</code>{NN}!</p>"),
    ("<pre><code>x : 'y' ;\n</code></pre><p>Fin : oui</p>", f"<pre><code>x : 'y' ;\n</code></pre><p>Fin{N}: oui</p>"),
    ("<style>a:hover { content: ' : ' }</style>", "<style>a:hover { content: ' : ' }</style>"),
    ("<script>var a = 'x' ; b ? c : d</script>", "<script>var a = 'x' ; b ? c : d</script>"),
    ("<!-- l'AIRF : x -->", "<!-- l'AIRF : x -->"),
    ("<p>l'<em>AIRF</em></p>", "<p>l’<em>AIRF</em></p>"),
    ("<p><strong>Lieu</strong> : Tunis</p>", f"<p><strong>Lieu</strong>{N}: Tunis</p>"),
    ("<p><strong>Lieu</strong>: Tunis</p>", f"<p><strong>Lieu</strong>{N}: Tunis</p>"),
    ("<p>AT&amp;T : l&#39;eau</p>", f"<p>AT&amp;T{N}: l’eau</p>"),
    ("<p>Prix&nbsp;: 3 000 &lt;x&gt;</p>", f"<p>Prix{N}: 3{NN}000 &lt;x&gt;</p>"),
    ("<p>Bonjour {{ contact.PRENOM|default:'ami' }} !</p>", f"<p>Bonjour {{{{ contact.PRENOM|default:'ami' }}}}{NN}!</p>"),
    ('<a href="{{ unsubscribe }}">Se désabonner</a>', '<a href="{{ unsubscribe }}">Se désabonner</a>'),
    ("<p>Fin</p><p>: début</p>", "<p>Fin</p><p>: début</p>"),
    ('<img alt="l\'AIRF : logo" src="a.png">', '<img alt="l\'AIRF : logo" src="a.png">'),
    ("<p>Voir https://x.org/a:b !</p>", f"<p>Voir https://x.org/a:b{NN}!</p>"),
]


@pytest.mark.parametrize(("source", "expected"), HTML_CASES)
def test_html(source: str, expected: str) -> None:
    assert fix_html(source) == expected
    assert fix_html(expected) == expected


# --- properties ------------------------------------------------------------------------------

TEXT_ALPHABET = st.sampled_from(list("abcdeéLlD'’:;!?«»0123456789 \u00a0\u202f.,hkm%€/-{}<>&\n") +
                                ["mars", "2027", "14", "h", "000", "n°", "p.", "M.", "https://x.org/a:b",
                                 "{{ contact.PRENOM|default:'a' }}", "Côte d'Ivoire", "1er"])
texts = st.lists(TEXT_ALPHABET, max_size=40).map("".join)
SPACES = {" ", "\t", "\n", "\u00a0", "\u202f"}


def removed_only_spaces_and_apostrophes(before: str, after: str) -> bool:
    """Every character of `before` is kept in order in `after`, except spaces (which may change
    kind or vanish) and ' (which may become ’)."""
    b = [c for c in before if c not in SPACES]
    a = [c for c in after if c not in SPACES]
    i = 0
    for c in a:
        if i < len(b) and (c == b[i] or (b[i] == "'" and c == "’")):
            i += 1
    return i == len(b)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_fix_text_properties(text: str) -> None:
    fixed = fix_text(text)
    assert fix_text(fixed) == fixed
    assert removed_only_spaces_and_apostrophes(text, fixed)
    for protected in re.findall(r"https://x\.org/a:b|\{\{ contact\.PRENOM\|default:'a' \}\}", text):
        assert protected in fixed


TAGS = st.sampled_from(['<a href="https://x.org/a:b?c=\'d\'">', "</a>", "<em>", "</em>", "<p>", "</p>",
                        '<img alt="l\'AIRF : x">', "<br>", "<code>", "</code>", "<pre>", "</pre>"])
fragments = st.lists(st.one_of(TAGS, texts.map(html.escape)), max_size=12).map("".join)
_TAG = re.compile(r"<[^>]*>")


def skipped_text(fragment: str) -> list[str]:
    """The text inside <code> and <pre> (not nested in this generator's output)."""
    return re.findall(r"<(code|pre)>(.*?)</\1>", fragment, re.S)


@settings(max_examples=300, deadline=None)
@given(fragments)
def test_fix_html_properties(fragment: str) -> None:
    fixed = fix_html(fragment)
    assert fix_html(fixed) == fixed
    assert _TAG.findall(fixed) == _TAG.findall(fragment)  # tags and attributes untouched
    assert skipped_text(fixed) == skipped_text(fragment)  # code untouched
    text_before = html.unescape(_TAG.sub("\x00", fragment))
    text_after = html.unescape(_TAG.sub("\x00", fixed))
    assert removed_only_spaces_and_apostrophes(text_before, text_after)



# Inline and block tags, comments and entities without code or verbatim elements: the fast path
# of `fix_html` must give what the general tokenizer gives.
PLAIN_TAGS = st.sampled_from(["<em>", "</em>", "<strong>", "</STRONG>", "<p>", "</p>", "<li>", "<br>", "<td>",
                              "<span class='x'>", "</span>", "<!-- l'a : b -->", '<a href="/l\'eau:x">', "</a>",
                              "<h2 id=a>", "<svg>", "<text>", "<Em>", "<tspan>", "<P>"])
RULE_WORDS = st.sampled_from(["1er", "Mme", "Mmes", "MM.", "Mlle", "Dr", "Pr", " Durand", "lundi", "LUNDI", "juin",
                              "août", "2026", "31", "01", "p.", "pp.", "art.", "§", "F CFA", "kWh", "°C", "3 000",
                              "nº", "N°", "&amp;", "&#39;", "&laquo", "&nbsp;", "\t", "Paris", "x@y.fr"])
plain_fragments = st.lists(st.one_of(PLAIN_TAGS, RULE_WORDS, texts.map(html.escape)), max_size=16).map("".join)


@settings(max_examples=500, deadline=None)
@given(plain_fragments)
def test_fix_html_fast_path_matches_general_path(fragment: str) -> None:
    from airf_site.typography import _fix_html_general, _fix_html_plain

    assert _fix_html_plain(fragment) == _fix_html_general(fragment)


def check_prechecks(text: str) -> None:
    from airf_site.typography import _HTML_RULES, _TEXT_RULES

    for rules in (_TEXT_RULES, _HTML_RULES):
        for _needs_digit, precheck, pattern, repl in rules:
            if not precheck.search(text):
                assert pattern.sub(repl, text) == text, (text, pattern.pattern)


PRECHECK_CASES = [source for source, _ in RULES] + [
    "Mme Durand", "Mmes Durand et Roy", "Mlle Roy", "MM. Diallo", "M.\tDiallo", "Dr Ba", "Pr Kane",
    "le 1er juin", "1er\u00a0août 2027", "Lundi 3", "MARDI 1er", "juin\n2027", "art. 3", "pp. 12", "§ 4",
    "n° 5", "nº5", "N°\u202f6", "12 F CFA", "5\u00a0kWh", "3 000 000", "14 h 30", "9h", "20 °C"]


@pytest.mark.parametrize("text", PRECHECK_CASES)
def test_rule_prechecks_are_necessary(text: str) -> None:
    """A rule whose precheck does not match the text never changes it (prechecks only save work)."""
    check_prechecks(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(TEXT_ALPHABET, RULE_WORDS), max_size=30).map("".join))
def test_rule_prechecks_are_necessary_on_any_text(text: str) -> None:
    check_prechecks(text)


def test_mjml_no_break_spaces_in_attributes_come_out_as_references():
    import mjml

    from airf_site.typography import repair_mjml_spaces

    source = (f'<mjml><mj-head><mj-title>Lettre – juin{N}2027</mj-title></mj-head><mj-body><mj-section><mj-column>'
              f'<mj-image alt="l’AIRF{N}: juin{N}2027" src="https://x.org/a.png" /><mj-text>Date{N}: oui{NN}!</mj-text>'
              "</mj-column></mj-section></mj-body></mjml>")
    html = repair_mjml_spaces(mjml.mjml2html(source))
    assert "\\u{" not in html and 'alt="l’AIRF&#160;: juin&#160;2027"' in html
    assert 'aria-label="Lettre – juin&#160;2027"' in html and f"Date{N}: oui{NN}!" in html
