"""E-mail checks: a good e-mail passes, and each check fails on a deliberately broken one."""

from __future__ import annotations

import re

import pytest
from test_newsletter_support import check, small_project

from airf_site.mail.checks import check_email
from airf_site.newsletter import build as newsletter


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """The Brevo HTML of the small project's November issue, and its image files."""
    builder = small_project(tmp_path_factory.mktemp("controles"))
    project = builder.project()
    index, _ = check(project)
    _config, issues, _ = newsletter.load(project, index)
    issue = newsletter.find_issue(issues, "2026-11")
    rendered = newsletter.render_issue(project, index, issue)
    files = {project.absolute_url(img.site_path(issue.id)): img.path for img in rendered.images.values()}
    return rendered.brevo_html, files


def _sub(pattern: str, replacement: str, count: int = 1):
    def mutate(html: str) -> str:
        changed, n = re.subn(pattern, replacement, html, count=count)
        assert n, f"mutation did not apply: {pattern}"
        return changed
    return mutate


# (name, mutation of the good e-mail, expected fragment of an error message)
BROKEN = [
    ("trop lourd", lambda h: h.replace("</body>", "<div>" + "x" * 110_000 + "</div></body>"), "e-mail trop lourd"),
    ("langue", _sub(r'<html lang="fr"', '<html lang="und"'), "langue du document « und »"),
    ("script", lambda h: h.replace("</body>", "<script>alert(1)</script></body>"), "balise <script> interdite"),
    ("formulaire", lambda h: h.replace("</body>", "<form action='https://a.org'></form></body>"), "balise <form> interdite"),
    ("iframe", lambda h: h.replace("</body>", '<iframe src="https://a.org"></iframe></body>'), "balise <iframe> interdite"),
    ("feuille externe", lambda h: h.replace("</head>", '<link rel="stylesheet" href="https://fonts.example/x.css"></head>'),
     "feuille de style externe"),
    ("@import", lambda h: h.replace("</head>", "<style>@import url(https://fonts.example/x.css);</style></head>"), "@import"),
    ("role", _sub(r'role="presentation" (align="center" style="background:#ffffff)', r"\1"),
     "sans role=\"presentation\""),
    ("600 px", lambda h: h.replace("max-width:600px", "max-width:640px").replace('width="600"', 'width="640"'),
     "aucun bloc de 600 pixels"),
    ("trop large", lambda h: h.replace("</body>", '<img src="https://a.org/x.jpg" alt="x" width="900"></body>'),
     "plus large que la lettre"),
    ("alt", _sub(r'alt="Des élus[^"]*"', 'alt=""'), "image sans texte alternatif"),
    ("image relative", _sub(r'src="https://www\.regions-francophones\.org/lettres/2026-11/images/', 'src="images/'),
     "adresse d'image non absolue"),
    ("largeur image", _sub(r'(<img [^>]*?) width="180"', r"\1"), "image sans largeur explicite"),
    ("lien relatif", lambda h: h.replace("https://www.regions-francophones.org/actualites/atelier-ess/",
                                         "../actualites/atelier-ess/", 1), "lien relatif ou inconnu"),
    ("pré-en-tête", _sub(r'<div style="display:none;', '<div style="'), "pas de pré-en-tête caché"),
    ("color-scheme", _sub(r'<meta name="color-scheme"[^>]*>', ""), "color-scheme"),
    ("viewport", _sub(r'<meta name="viewport"[^>]*>', ""), "viewport"),
    ("titre", _sub(r"<title>[^<]*</title>", "<title></title>"), "titre du document vide"),
    ("styles non en ligne", _sub(r'(<a href="https://www\.regions-francophones\.org/actualites/[^"]*") style="[^"]*"', r"\1"),
     "sans couleur écrite dans l'attribut style"),
    ("désinscription absente", _sub(r'href="\{\{ unsubscribe \}\}"', 'href="https://a.org/"'), "0 lien(s) de désinscription"),
    ("désinscription double", lambda h: h.replace("</body>", '<a href="{{ unsubscribe }}" style="color:#000">x</a></body>'),
     "2 lien(s) de désinscription"),
    ("miroir absent", _sub(r'href="\{\{ mirror \}\}"', 'href="https://a.org/"'), "lien {{ mirror }} absent"),
    ("profil absent", _sub(r'href="\{\{ update_profile \}\}"', 'href="https://a.org/"'), "lien {{ update_profile }} absent"),
    ("apostrophe échappée", _sub(r"default:'([^']*)'", r"default:&#39;\1&#39;"), "balise Brevo abîmée"),
    ("espaces encodés", _sub(r'href="\{\{ unsubscribe \}\}"', 'href="%7B%7B%20unsubscribe%20%7D%7D"'),
     "balise Brevo encodée"),
    ("tout en images", lambda h: re.sub(r"(<body[^>]*>)(.*)(</body>)", lambda m: m.group(1)
                                        + m.group(2)[: m.group(2).index("</div>") + 6]
                                        + '<img src="https://a.org/affiche.jpg" alt="Affiche" width="600">'
                                        + "<p>Bonjour {{ contact.PRENOM|default:'x' }}</p>" + m.group(3), h, flags=re.S),
     "presque sans texte"),
    ("salutation", _sub(r"\{\{ contact\.PRENOM\|default:'[^']*' \}\}", "Marie"), "pas de salutation personnalisée"),
]


def test_good_email_passes(good):
    html, files = good
    assert check_email(html, "brevo.html", brevo=True, image_files=files) == []


@pytest.mark.parametrize("name,mutate,expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_each_check_fails_on_its_bad_case(good, name, mutate, expected):
    html, files = good
    diags = check_email(mutate(html), "brevo.html", brevo=True, image_files=files)
    errors = [d for d in diags if d.is_error]
    assert any(expected in d.message for d in errors), [d.message for d in diags]
    # Each message says what to change.
    assert all(d.hint for d in errors if expected in d.message)


def _padded(html: str, size: int) -> str:
    """`html` grown to `size` bytes with a hidden comment-free text block."""
    missing = size - len(html.encode("utf-8")) - len("<div></div>")
    return html.replace("</body>", "<div>" + "x" * missing + "</div></body>")


def test_budget_is_90_kb_with_the_figures(good):
    html, files = good
    links = len(re.findall(r"<a\b[^>]*\bhref=", html))
    diags = check_email(_padded(html, 91 * 1024), "brevo.html", image_files=files)
    [error] = [d for d in diags if d.is_error]
    assert error.message.startswith("e-mail trop lourd : 91,0 Ko, et environ ")
    assert f"les {links} liens suivis par Brevo (~250 octets par lien)" in error.message
    assert "budget : 90 Ko" in error.message and "102 Ko" in error.message and error.hint
    # Under the budget but close: a warning only.
    near = check_email(_padded(html, 85 * 1024), "brevo.html", image_files=files)
    assert [d.severity for d in near] == ["avertissement"] and "proche de la limite : 85,0 Ko" in near[0].message
    assert check_email(_padded(html, 79 * 1024), "brevo.html", image_files=files) == []


def test_many_links_count_against_the_gmail_limit(good):
    """Under 90 KB, but Brevo's tracking of 200 more links would take it past Gmail's 102 KB."""
    html, files = good
    extra = "".join(f'<a href="https://www.afd.fr/{i}" style="color:#000">{i}</a>' for i in range(200))
    heavy = _padded(html.replace("</body>", extra + "</body>"), 75 * 1024)
    [error] = [d for d in check_email(heavy, "brevo.html", image_files=files) if d.is_error]
    assert "e-mail trop lourd : 75,0 Ko" in error.message


def test_heavy_image_is_refused(good, tmp_path):
    html, files = good
    heavy = tmp_path / "lourde.jpg"
    heavy.write_bytes(b"\0" * (201 * 1024))
    diags = check_email(html, "brevo.html", image_files={url: heavy for url in files})
    assert any("image trop lourde" in d.message and "201 Ko" in d.message for d in diags)


def test_http_link_is_a_warning(good):
    html, _files = good
    diags = check_email(html.replace("https://www.afd.fr/", "http://www.afd.fr/"), "brevo.html")
    assert diags and all(not d.is_error for d in diags) and "non sécurisé" in diags[0].message


def test_web_version_must_not_carry_brevo_tags(good):
    html, _files = good
    diags = check_email(html, "web.html", brevo=False)
    assert any("balise Brevo « {{ unsubscribe }} » dans la version web" in d.message for d in diags)


def test_line_numbers_point_at_the_element(good):
    html, _files = good
    broken = html.replace("</body>", "\n\n<script>x</script></body>")
    (diag,) = [d for d in check_email(broken, "brevo.html") if "script" in d.message]
    assert diag.line == broken[: broken.index("<script>")].count("\n") + 1
