"""`airf importer`: WordPress, Jekyll, Hugo and MkDocs exports become news files that pass
`airf check`, with their images, their old addresses redirected and a French report."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from airf_site.cli import cli
from airf_site.content.frontmatter import parse_document

DATA = Path(__file__).resolve().parent / "data" / "import"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def run(root: Path, *args: str):
    result = CliRunner().invoke(cli, ["--root", str(root), "importer", *args])
    assert "Traceback" not in result.output
    return result


def news(root: Path) -> dict[str, dict]:
    folder = root / "content" / "actualites"
    return {p.name: parse_document(p.read_bytes(), p.name).meta for p in sorted(folder.glob("*.md"))}


def assert_checks_clean(builder):
    _index, diags = builder.load()
    errors = [d.format() for d in diags if d.is_error]
    assert errors == [], "\n".join(errors)


def test_wordpress_dry_run_then_write(make_project):
    root = make_project.root
    dry = run(root, "wordpress", str(DATA / "wordpress.xml"))
    assert dry.exit_code == 0, dry.output
    assert "Simulation : rien n'a été écrit" in dry.output and not (root / "content" / "actualites").exists()
    assert "3 article(s) à créer" in dry.output and "dont 3 sans retouche" in dry.output
    assert "« Contact » (page) : pas un article" in dry.output
    assert "code court [gallery] non converti" in dry.output
    assert "image distante à télécharger : https://ancien.example.org/wp-content/uploads/2023/03/eleves.jpg" in dry.output
    assert "contenu actif (script" in dry.output

    wrote = run(root, "wordpress", str(DATA / "wordpress.xml"), "--ecrire")
    assert wrote.exit_code == 0 and "Fichiers écrits" in wrote.output
    files = news(root)
    assert sorted(files) == ["2023-03-22-journee-de-leau-a-sokode.md", "2023-12-15-bilan-2023.md",
                             "2024-01-10-brouillon-stefan-taranescu-a-iasi.md"]
    water = files["2023-03-22-journee-de-leau-a-sokode.md"]
    assert water["titre"] == "Journée de l’eau à Sokodé : 200 élèves sensibilisés"
    assert water["themes"] == ["environnement-eau-energies-climat"]  # category matched to a priority
    assert water["etiquettes"] == ["eau potable", "jeunesse"]
    assert water["guid"] == "https://ancien.example.org/?p=101"
    assert water["resume"].startswith("Le 22 mars, la région a réuni 200 élèves")
    body = (root / "content/actualites/2023-03-22-journee-de-leau-a-sokode.md").read_text(encoding="utf-8")
    assert "## Ce que les élèves ont appris" in body and "- Économiser l'eau" in body
    assert "wp:paragraph" not in body and "[gallery" not in body and "<img" not in body
    bilan = files["2023-12-15-bilan-2023.md"]
    assert bilan["resume"] == "Le bilan d'une année de coopération entre régions."
    assert bilan["themes"] == ["francophonie-des-territoires"] and "etiquettes" not in bilan
    bilan_body = (root / "content/actualites/2023-12-15-bilan-2023.md").read_text(encoding="utf-8")
    assert "[sic]" in bilan_body and "<script" not in bilan_body and "https://video.example.org/v/42" in bilan_body
    assert files["2024-01-10-brouillon-stefan-taranescu-a-iasi.md"]["brouillon"] is True
    redirects = (root / "content/donnees/redirections.yml").read_text(encoding="utf-8")
    assert "/2023/03/22/journee-de-leau-a-sokode/" in redirects and "vers: /actualites/journee-de-leau-a-sokode/" in redirects
    assert "?p=120" not in redirects  # a draft has no public address to keep
    assert_checks_clean(make_project)
    again = run(root, "wordpress", str(DATA / "wordpress.xml"), "--ecrire")
    assert again.output.count("déjà importé") == 3 and len(news(root)) == 3
    assert redirects == (root / "content/donnees/redirections.yml").read_text(encoding="utf-8")


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_jekyll(make_project, tmp_path):
    site = tmp_path / "blog-jekyll"
    write(site, "_config.yml", "title: Blog\npermalink: pretty\nurl: https://blog.example.org\n")
    write(site, "assets/img/rabat.png", PNG)
    write(site, "_posts/2019-05-02-atelier-a-rabat.md",
          "---\nlayout: post\ntitle: \"Atelier à Rabat\"\ncategories: [gouvernance]\ntags: ess formation\n"
          "image: /assets/img/rabat.png\n---\nIntro avec ![photo]({{ site.baseurl }}/assets/img/rabat.png).\n\n"
          "{% highlight python %}\nprint('<b>')\n{% endhighlight %}\n\n"
          "Voir [l'autre]({% post_url 2019-06-01-mai %}).\n\n{% include newsletter.html %}\n")
    write(site, "_posts/2019-06-01-mai.md", "---\ntitle: Mai\ndate: 2019-06-01 10:00:00 +0200\n---\nTexte.\n")
    write(site, "_posts/2020-06-01-mai.md", "---\ntitle: Mai\n---\nTexte de 2020.\n")
    write(site, "_drafts/idee.md", "---\ntitle: Une idée\ndate: 2021-01-01\n---\nÀ écrire.\n")
    result = run(make_project.root, "jekyll", str(site), "--ecrire")
    assert result.exit_code == 0, result.output
    files = news(make_project.root)
    assert set(files) == {"2019-05-02-atelier-a-rabat.md", "2019-06-01-mai.md", "2020-06-01-mai-2020.md",
                          "2021-01-01-idee.md"}
    assert files["2020-06-01-mai-2020.md"]["slug"] == "mai-2020"  # the recurring title gets its year
    rabat = files["2019-05-02-atelier-a-rabat.md"]
    assert rabat["image"] == "images/actualites/import/rabat.png" and rabat["etiquettes"] == ["ess", "formation", "gouvernance"]
    assert (make_project.root / "content/images/actualites/import/rabat.png").read_bytes() == PNG
    body = (make_project.root / "content/actualites/2019-05-02-atelier-a-rabat.md").read_text(encoding="utf-8")
    assert "```python\nprint('<b>')\n```" in body and "(/actualites/mai/)" in body and "{%" not in body
    assert "balise Liquid non convertie (retirée) : {% include newsletter.html %}" in result.output
    redirects = (make_project.root / "content/donnees/redirections.yml").read_text(encoding="utf-8")
    assert "/gouvernance/2019/05/02/atelier-a-rabat/" in redirects
    assert files["2021-01-01-idee.md"]["brouillon"] is True
    # the old feed's identifier is kept, so feed readers do not show the post twice
    assert rabat["guid"] == "https://blog.example.org/gouvernance/2019/05/02/atelier-a-rabat/"
    assert_checks_clean(make_project)
    # importing again finds every post, the renamed « mai-2020 » included (by its identifier)
    again = run(make_project.root, "jekyll", str(site), "--ecrire")
    assert again.output.count("déjà importé") == 4 and set(news(make_project.root)) == set(files)


def test_hugo_toml_bundles_and_aliases(make_project, tmp_path):
    site = tmp_path / "hugo"
    write(site, "hugo.toml", 'title = "Blog"\nbaseURL = "https://hugo.example.org/"\n[permalinks]\nposts = "/:year/:month/:title/"\n')
    write(site, "static/images/carte.png", PNG)
    write(site, "content/posts/eau.md",
          "+++\ntitle = \"L'eau en partage\"\ndate = 2020-01-15T10:00:00+01:00\ntags = [\"eau\"]\n"
          "aliases = [\"/vieux/eau/\"]\n+++\n{{< figure src=\"/images/carte.png\" alt=\"Carte\" caption=\"La carte\" >}}\n\n"
          "Texte. {{< tweet 123 >}}\n")
    write(site, "content/posts/bundle/index.md", "---\ntitle: Paquet\ndate: 2021-02-03\ndraft: true\n---\n![Plan](plan.png)\n")
    write(site, "content/posts/bundle/plan.png", PNG)
    result = run(make_project.root, "hugo", str(site), "--ecrire")
    assert result.exit_code == 0, result.output
    files = news(make_project.root)
    assert set(files) == {"2020-01-15-eau.md", "2021-02-03-bundle.md"}
    assert files["2021-02-03-bundle.md"]["brouillon"] is True
    body = (make_project.root / "content/actualites/2020-01-15-eau.md").read_text(encoding="utf-8")
    assert "![Carte](/images/actualites/import/carte.png)" in body and "*La carte*" in body and "{{<" not in body
    assert "code court Hugo non converti (retiré) : tweet" in result.output
    redirects = (make_project.root / "content/donnees/redirections.yml").read_text(encoding="utf-8")
    assert "/2020/01/eau/" in redirects and "/vieux/eau/" in redirects
    assert files["2020-01-15-eau.md"]["guid"] == "https://hugo.example.org/2020/01/eau/"
    assert_checks_clean(make_project)


def test_mkdocs_material_blog(make_project, tmp_path):
    site = tmp_path / "mkdocs"
    write(site, "mkdocs.yml", "site_name: Blog\nsite_url: https://asso.example.org/\nmarkdown_extensions:\n"
          "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    write(site, "docs/blog/posts/lancement.md",
          "---\ndate:\n  created: 2024-01-31\ncategories: [Annonces]\nauthors: [equipe]\n---\n\n"
          "# Lancement du blog\n\nUn premier paragraphe d'accroche.\n\n<!-- more -->\n\n## Suite\n\n"
          "!!! note \"Astuce\"\n    Une admonition.\n")
    result = run(make_project.root, "mkdocs", str(site), "--ecrire")
    assert result.exit_code == 0, result.output
    meta = news(make_project.root)["2024-01-31-lancement-du-blog.md"]
    assert meta["titre"] == "Lancement du blog" and meta["resume"] == "Un premier paragraphe d'accroche."
    redirects = (make_project.root / "content/donnees/redirections.yml").read_text(encoding="utf-8")
    assert "/blog/2024/01/31/lancement-du-blog/" in redirects
    assert meta["guid"] == "https://asso.example.org/blog/2024/01/31/lancement-du-blog/"
    assert_checks_clean(make_project)


def test_hostile_exports_get_french_errors(make_project, tmp_path):
    bomb = write(tmp_path, "bombe.xml", '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
                 '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<rss><channel><title>&b;</title></channel></rss>\n')
    result = run(make_project.root, "wordpress", str(bomb))
    assert result.exit_code == 1 and result.output.startswith("erreur : ")
    broken = write(tmp_path, "casse.xml", "<rss><channel><item>")
    assert run(make_project.root, "wordpress", str(broken)).exit_code == 1
    notwxr = write(tmp_path, "autre.xml", "<html></html>")
    assert "pas un export WordPress" in run(make_project.root, "wordpress", str(notwxr)).output
    # an image path that leads outside the export (symlink or ..) is never read
    site = tmp_path / "jekyll"
    secret = write(tmp_path, "secret.png", PNG)
    (site / "assets").mkdir(parents=True)
    os.symlink(secret, site / "assets" / "lien.png")
    write(site, "_posts/2019-01-01-a.md", "---\ntitle: A\nimage: /assets/lien.png\n---\n![x](../secret.png)\n")
    result = run(make_project.root, "jekyll", str(site), "--ecrire")
    assert result.exit_code == 0
    assert not (make_project.root / "content/images/actualites/import").exists()
    assert "image introuvable dans l'export : ../secret.png" in result.output
    # a post that is a link to a file elsewhere on the machine is not read
    outside = write(tmp_path, "ailleurs.md", "---\ntitle: Secret\ndate: 2019-02-02\n---\nmot de passe\n")
    os.symlink(outside, site / "_posts" / "2019-02-02-lien.md")
    result = run(make_project.root, "jekyll", str(site))
    assert "_posts/2019-02-02-lien.md : lien vers un fichier hors de l'export, non importé" in result.output
    assert "Secret" not in result.output


@pytest.mark.parametrize("tool", ["jekyll", "hugo", "mkdocs"])
def test_unreadable_headers_are_reported_not_fatal(make_project, tmp_path, tool):
    site = tmp_path / tool
    rel = {"jekyll": "_posts/2019-01-01-a.md", "hugo": "content/posts/a.md", "mkdocs": "docs/blog/posts/a.md"}[tool]
    write(site, rel, "---\ntitle: [cassé\n---\nTexte.\n")
    result = run(make_project.root, tool, str(site))
    assert result.exit_code == 0 and "en-tête illisible" in result.output


# -- Generated exports: whatever the posts hold, the import never fails and what it writes builds.

from xml.sax.saxutils import escape as xml_escape  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Letters of the francophone world (Yoruba, Vietnamese, Romanian, Arabic, Wolof), the characters
# Markdown, YAML, HTML and Liquid give a meaning to, and what real exports carry (tabs, NBSP, emoji).
ALPHABET = ("abcdeéèêëàâîïôöùûüçÉÀÇœŒ ẹọṣẸỌṢńǹàáèéìíòóùúẹ́ ăâđêôơư ệọẫ ășțĂȘȚ ريادة ŋ ëñ 0123456789 "
            ":;!?«»“”’'\"()[]{}<>&#*_`~|\\/-–—…%€$@=+^.,\t\u00a0🌍")
words = st.text(alphabet=ALPHABET, min_size=0, max_size=40)
blocks = st.one_of(
    words.map(lambda w: f"<p>{xml_escape(w)}</p>"),
    words.map(lambda w: f"<h2>{xml_escape(w)}</h2>"),
    st.lists(words, min_size=1, max_size=4).map(lambda ws: "<ul>" + "".join(f"<li>{xml_escape(w)}</li>" for w in ws) + "</ul>"),
    words.map(lambda w: f"<pre><code>{xml_escape(w)}</code></pre>"),
    words.map(lambda w: f'<p><img src="https://ancien.example.org/{xml_escape(w)}.jpg" alt="{xml_escape(w)}" /></p>'),
    words.map(lambda w: f'<p><a href="/{xml_escape(w)}">{xml_escape(w)}</a></p>'),
    words,  # classic editor: raw text, blank lines as paragraphs
    st.sampled_from(["[gallery ids=\"1,2\"]", "<script>alert(1)</script>", "<!-- wp:paragraph -->",
                     "[embed]https://video.example.org/v/1[/embed]", "<table><tr><td>a|b</td></tr></table>",
                     "<blockquote><p>cité</p></blockquote>", "<style>body{display:none}</style>"]),
)
posts = st.lists(st.fixed_dictionaries({
    "title": words,
    "date": st.dates(min_value=__import__("datetime").date(1990, 1, 1), max_value=__import__("datetime").date(2030, 12, 31)),
    "body": st.lists(blocks, max_size=6).map("\n\n".join),
    "excerpt": words,
    "tags": st.lists(words, max_size=3),
    "status": st.sampled_from(["publish", "publish", "draft", "private", "trash"]),
    "name": words,
}), min_size=1, max_size=6)


def wxr(items: list[dict]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
           ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/"><channel>']
    for n, item in enumerate(items, 1):
        cdata = item["body"].replace("]]>", "]]]]><![CDATA[>")
        out.append(
            f"<item><title>{xml_escape(item['title'])}</title><link>https://ancien.example.org/?p={n}</link>"
            f"<guid>https://ancien.example.org/?p={n}</guid><content:encoded><![CDATA[{cdata}]]></content:encoded>"
            f"<excerpt:encoded>{xml_escape(item['excerpt'])}</excerpt:encoded><wp:post_id>{n}</wp:post_id>"
            f"<wp:post_date>{item['date']} 10:00:00</wp:post_date><wp:post_name>{xml_escape(item['name'])}</wp:post_name>"
            f"<wp:status>{item['status']}</wp:status><wp:post_type>post</wp:post_type>"
            + "".join(f'<category domain="post_tag">{xml_escape(t)}</category>' for t in item["tags"])
            + "</item>")
    return "".join(out) + "</channel></rss>\n"


# XML 1.0 cannot carry most control characters; an export never holds them.
@settings(max_examples=int(os.environ.get("AIRF_EXAMPLES", "30")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(items=posts)
def test_generated_wordpress_exports_import_and_build(tmp_path_factory, items):
    from conftest import ProjectBuilder

    root = tmp_path_factory.mktemp("wp")
    project = ProjectBuilder(root / "site")
    export = write(root, "export.xml", wxr(items))
    result = run(project.root, "wordpress", str(export), "--ecrire")
    assert result.exit_code == 0, result.output
    _index, diags = project.load()
    errors = [d.format() for d in diags if d.is_error]
    # Every imported post builds without a hand edit (the goal is 98 %; generated posts
    # hold no case that needs a human).
    assert errors == [], result.output + "\n".join(errors)
    kept = [i for i in items if i["status"] in ("publish", "draft", "private")]
    assert len(news(project.root)) == len(kept)


@settings(max_examples=int(os.environ.get("AIRF_EXAMPLES", "20")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(items=posts)
def test_generated_jekyll_sites_import_and_build(tmp_path_factory, items):
    import json

    from conftest import ProjectBuilder

    root = tmp_path_factory.mktemp("jk")
    project = ProjectBuilder(root / "site")
    for n, item in enumerate(items):
        header = {"title": item["title"], "tags": item["tags"], "excerpt": item["excerpt"],
                  "published": item["status"] != "draft"}
        # JSON is YAML: every generated value reaches the importer as written.
        front = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in header.items())
        write(root, f"blog/_posts/{item['date']}-billet-{n}.md", f"---\n{front}\n---\n{item['body']}\n")
    result = run(project.root, "jekyll", str(root / "blog"), "--ecrire")
    assert result.exit_code == 0, result.output
    _index, diags = project.load()
    errors = [d.format() for d in diags if d.is_error]
    assert errors == [], result.output + "\n".join(errors)
    assert len(news(project.root)) == len(items)


def test_remote_images_and_embeds(make_project, tmp_path):
    """A remote image used three times is one file to download; an embed becomes a link; the
    summary is the first sentence of text, not an image or an address."""
    photo = "https://ancien.example.org/wp-content/uploads/2019/05/photo.jpg"
    body = (f'<!-- wp:image --><figure class="wp-block-image"><img src="{photo}" alt=""/></figure><!-- /wp:image -->\n\n'
            '<figure class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">\n'
            "https://www.youtube.com/watch?v=abc\n</div></figure>\n\n"
            f'<p>La première phrase du texte.</p>\n\n<p><img src="{photo}" alt="La même photo" /></p>\n\n'
            f'[caption id="attachment_3"]<img src="{photo}" alt="Encore" /> Légende[/caption]')
    item = {"title": "Trois fois <em>la</em>\n photo", "date": __import__("datetime").date(2019, 5, 2), "body": body,
            "excerpt": "", "tags": [], "status": "publish", "name": "trois-fois"}
    # and a title that is only an entity for a line break (found by the generated exports)
    blank = dict(item, title="&#10", body="<p>Texte.</p>", name="vide", date=__import__("datetime").date(2019, 5, 3))
    export = write(tmp_path, "export.xml", wxr([item, blank]))
    result = run(make_project.root, "wordpress", str(export), "--ecrire")
    assert result.exit_code == 0, result.output
    assert result.output.count("image distante à télécharger") == 1
    text = (make_project.root / "content/actualites/2019-05-02-trois-fois.md").read_text(encoding="utf-8")
    assert text.count("(https://ancien.example.org/wp-content/uploads/2019/05/photo.jpg)") == 3
    assert "<https://www.youtube.com/watch?v=abc>" in text  # an autolink
    meta = news(make_project.root)["2019-05-02-trois-fois.md"]
    assert meta["resume"] == "La première phrase du texte." and meta["titre"] == "Trois fois la photo"
    assert news(make_project.root)["2019-05-03-vide.md"]["titre"] == "Sans titre"
    assert_checks_clean(make_project)
