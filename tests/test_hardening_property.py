"""Issue #18, row 8: anything `airf check` accepts builds without a traceback (Hypothesis).

Generated news items and events, with hostile text (control characters, lone surrogates,
markup), deep nesting, extreme dates and time zones and odd file names, go through the real
check and the real site build. Each example either builds or is refused with French
`path:line` diagnostics; any other exception fails the test.
"""

from __future__ import annotations

import os
import shutil
import string

import pytest
from conftest import FIXED_NOW, REPO, ProjectBuilder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_site_helpers import pinned_date

from airf_site import build as orchestration
from airf_site.errors import ContentError
from airf_site.project import Project

EXAMPLES = int(os.environ.get("AIRF_HYPOTHESIS_EXAMPLES", "12"))
HOSTILE_CHARS = "\x00\x07\x0b\x0c\x1b\x7f\u2028\u202e\ufeff\ufffe<>&\"'`:#*&![]{}|%@-\\\t é"
ZONES = ["Europe/Paris", "America/Los_Angeles", "Asia/Tokyo", "Pacific/Kiritimati", "Pacific/Pago_Pago",
         "Africa/Casablanca", "Mars/Olympus", "UTC"]

text = st.text(alphabet=st.sampled_from(list(string.ascii_letters + " ") + list(HOSTILE_CHARS)), max_size=30)
years = st.one_of(st.sampled_from([1, 1969, 2026, 9999]), st.integers(1, 9999))
dates = st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", years, st.integers(1, 12), st.integers(1, 31))
times = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar: every character escaped as YAML allows."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 32 or char in "\x7f\u2028\ufeff\ufffe":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def nested_list(depth: int) -> str:
    return "".join("    " * i + "- x\n" for i in range(depth))


bodies = st.one_of(
    text,
    st.builds(nested_list, st.sampled_from([1, 5, 60, 300])),
    st.builds(lambda t: f"<div>{t}</div>\n\n**{t}**\n\n[{t}](/x/)\n", text),
    st.just("<svg onload=alert(1)><iframe src='file:///etc/passwd'></iframe>"),
)
file_names = st.one_of(
    st.sampled_from(["2026-01-01-!!!", "2026-01-01-archives", "page", "flux", "---", "2026-13-45-x",
                     "é", "a" * 120, "Ünïcødé ÉTÉ", "2026-01-01-a,title=X,line=999::x"]),
    st.text(alphabet=string.ascii_letters + string.digits + "-_ .éàç!,;=+@", min_size=1, max_size=20),
).filter(lambda n: "/" not in n and n not in (".", "..") and not n.startswith("."))


@st.composite
def news(draw):
    return {"titre": draw(text), "date": draw(dates), "resume": draw(text)}, draw(bodies)


@st.composite
def event(draw):
    day = draw(dates)
    return {"titre": draw(text), "type": "webinaire", "debut": f"{day} {draw(times)}",
            "fin": f"{draw(dates)} {draw(times)}", "fuseau": draw(st.sampled_from(ZONES)), "resume": draw(text),
            "en_ligne": True}, draw(bodies)


def document(meta: dict, body: str) -> str:
    lines = [f"{key}: {yaml_string(value) if isinstance(value, str) else str(value).lower()}"
             for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body + "\n"


@pytest.fixture(scope="module")
def base_tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("propriete")
    ProjectBuilder(root)  # themes, members, one project
    for name in ("layouts", "mkdocs.yml"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / name)
    return root


ROW_8 = {
    "echappement-dans-le-texte": ("actualites/2026-01-01-esc.md", "---\ntitre: Esc\ndate: 2026-01-01\nresume: r\n---\n"
                                  "A\x1b[31m B\x0b C\x00 D\n", 6),
    "nul-dans-une-valeur": ("actualites/2026-01-01-nul.md", '---\ntitre: "A\\0B"\ndate: 2026-01-01\nresume: r\n---\nx\n', 2),
    "nul-brut-dans-l-en-tete": ("actualites/2026-01-01-nul2.md", "---\ntitre: A\x00B\ndate: 2026-01-01\nresume: r\n---\nx\n", 2),
    "fin-des-temps-los-angeles": ("evenements/max.md", "---\ntitre: Max\ntype: webinaire\ndebut: 9999-12-31 22:00\n"
                                  "fin: 9999-12-31 23:00\nfuseau: America/Los_Angeles\nresume: r\nen_ligne: true\n---\nx\n", 4),
    "an-un-tokyo": ("evenements/min.md", "---\ntitre: Min\ntype: webinaire\ndebut: 0001-01-01 00:00\n"
                    "fin: 0001-01-01 01:00\nfuseau: Asia/Tokyo\nresume: r\nen_ligne: true\n---\nx\n", 4),
    "nom-sans-lettre": ("actualites/2026-01-01-!!!.md", "---\ntitre: Bang\ndate: 2026-01-01\nresume: r\n---\nx\n", 1),
}


@pytest.mark.parametrize("case", sorted(ROW_8))
def test_row_8_inputs_are_refused_with_their_line(base_tree, tmp_path, case):
    rel, text, line = ROW_8[case]
    shutil.copytree(base_tree, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info, pinned_date():
        orchestration.build(Project.load(tmp_path, now=FIXED_NOW), ["site"], log=lambda _m: None)
    assert (f"content/{rel}", line) in {(d.path, d.line) for d in info.value.diagnostics if d.is_error}


def test_300_deep_list_in_a_body_is_refused_at_its_line(base_tree, tmp_path):
    """Python-Markdown recurses per level: 300 levels were a RecursionError in the build."""
    shutil.copytree(base_tree, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "content/actualites/2026-01-01-profond.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntitre: Profond\ndate: 2026-01-01\nresume: r\n---\n" + nested_list(300), encoding="utf-8")
    with pytest.raises(ContentError) as info, pinned_date():
        orchestration.build(Project.load(tmp_path, now=FIXED_NOW), ["site"], log=lambda _m: None)
    [diag] = [d for d in info.value.diagnostics if d.is_error]
    assert (diag.path, diag.line) == ("content/actualites/2026-01-01-profond.md", 37)
    assert "imbriqué trop profondément" in diag.message


def test_30_levels_still_build(base_tree, tmp_path):
    shutil.copytree(base_tree, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "content/actualites/2026-01-01-profond.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntitre: Profond\ndate: 2026-01-01\nresume: r\n---\n" + nested_list(30), encoding="utf-8")
    with pinned_date():
        orchestration.build(Project.load(tmp_path, now=FIXED_NOW), ["site"], log=lambda _m: None)
    assert (tmp_path / "build/site/actualites/profond/index.html").is_file()


@settings(max_examples=EXAMPLES, deadline=None, derandomize=bool(os.environ.get("CI")),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(kind=st.sampled_from(["actualites", "evenements"]), item=st.data(), name=file_names)
def test_check_accepts_only_what_builds(base_tree, tmp_path_factory, kind, item, name):
    meta, body = item.draw(news() if kind == "actualites" else event())
    root = tmp_path_factory.mktemp("exemple")
    shutil.copytree(base_tree, root, dirs_exist_ok=True)
    path = root / "content" / kind / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document(meta, body), encoding="utf-8", errors="surrogatepass")
    project = Project.load(root, now=FIXED_NOW)
    try:
        with pinned_date():
            orchestration.build(project, ["site"], log=lambda _m: None)
    except ContentError as exc:
        errors = [d for d in exc.diagnostics if d.is_error]
        assert errors
        for diag in errors:
            assert diag.path.startswith("content/") and diag.line >= 1
            assert "Traceback" not in diag.message and "Error" not in diag.message
        return
    assert (root / "build/site/index.html").is_file()
    shutil.rmtree(root, ignore_errors=True)
